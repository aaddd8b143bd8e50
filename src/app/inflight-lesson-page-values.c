/* inflight-lesson-page-values.c
 * The sliders' values kept with the learner's progress, written a moment after they rest,
 * and read back, with the last run's result, in a later session.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson-page"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-card-check.h"
#include "inflight-format.h"
#include "inflight-lesson-page-private.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-run-notes.h"
#include "inflight-runner.h"

/* The sliders' names and values, as the note on a run with other values gives them. */
static const struct
{
  const char       *property;
  InflightControls  control;
  const char       *name;
  const char       *unit;
} described_values[] = {
  { "latency-ms",  INFLIGHT_CONTROL_LATENCY,  N_("Latency"),      "ms" },
  { "requests",    INFLIGHT_CONTROL_REQUESTS, N_("Requests"),     NULL },
  { "workers",     INFLIGHT_CONTROL_WORKERS,  N_("Workers"),      NULL },
  { "jitter-pct",  INFLIGHT_CONTROL_JITTER,   N_("Jitter"),       "%" },
  { "failure-pct", INFLIGHT_CONTROL_FAILURE,  N_("Failure rate"), "%" },
  { "timeout-ms",  INFLIGHT_CONTROL_TIMEOUT,  N_("Timeout"),      "ms" },
  { "chain-depth", INFLIGHT_CONTROL_CHAIN,    N_("Chain depth"),  NULL },
  { "await-after-ms", INFLIGHT_CONTROL_AWAIT, N_("Work before awaiting"), "ms" },
};


static guint
get_uint (InflightScenario *scenario,
          const char       *property)
{
  guint value = 0;

  g_object_get (scenario, property, &value, NULL);
  return value;
}

static char *
describe_value (guint i,
                guint value)
{
  if (g_strcmp0 (described_values[i].property, "timeout-ms") == 0 && value == 0)
    /* Translators: a slider and its value in a list, such as "Timeout never" */
    return g_strdup_printf (_("%s never"), _(described_values[i].name));
  if (g_strcmp0 (described_values[i].unit, "ms") == 0)
    /* Translators: a slider and its value in a list, such as "Latency 400 ms" */
    return g_strdup_printf (_("%s %u ms"), _(described_values[i].name), value);
  if (g_strcmp0 (described_values[i].unit, "%") == 0)
    /* Translators: a slider and its value in a list, such as "Jitter 20 %" */
    return g_strdup_printf (_("%s %u %%"), _(described_values[i].name), value);
  /* Translators: a slider and its value in a list, such as "Requests 5" */
  return g_strdup_printf (_("%s %u"), _(described_values[i].name), value);
}

/**
 * inflight_lesson_page_describe_changes:
 * @out: (element-type utf8): where to add, for each slider of @controls whose value differs
 *   between @ran and @now, that slider with its value in @ran, as in "Latency 400 ms"
 */
void
inflight_lesson_page_describe_changes (GPtrArray        *out,
                                       InflightScenario *ran,
                                       InflightScenario *now,
                                       InflightControls  controls)
{
  for (guint i = 0; i < G_N_ELEMENTS (described_values); i++)
    if ((controls & described_values[i].control) != 0 &&
        get_uint (ran, described_values[i].property) != get_uint (now, described_values[i].property))
      g_ptr_array_add (out, describe_value (i, get_uint (ran, described_values[i].property)));
}


/* Keeps the sliders' values with the learner's progress, to find them again next time. */
void
inflight_lesson_page_save_values (InflightLessonPage *self)
{
  g_autofree char *values = NULL;

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (self->progress == NULL || self->lesson == NULL || self->scenario == NULL)
    return;

  values = inflight_lesson_page_values_to_string (self->scenario);
  inflight_progress_set_values (self->progress, inflight_lesson_get_number (self->lesson), values);
}

static gboolean
save_values_cb (gpointer data)
{
  InflightLessonPage *self = data;

  self->save_timeout = 0;
  inflight_lesson_page_save_values (self);
  return G_SOURCE_REMOVE;
}

/* A slider dragged writes its values once it rests, not at every step. */
void
inflight_lesson_page_save_values_soon (InflightLessonPage *self)
{
  if (self->save_timeout == 0 && self->progress != NULL)
    self->save_timeout = g_timeout_add (300, save_values_cb, self);
}

/* The sliders as the learner left them, and the last run's result, from an earlier session:
 * its diagram is not kept, and the result says so. */
void
inflight_lesson_page_restore_from_progress (InflightLessonPage *self)
{
  const char *values, *ran, *measured, *theory, *detail;
  g_autofree char *note = NULL;
  guint number;

  if (self->progress == NULL || self->lesson == NULL || self->scenario == NULL)
    return;

  number = inflight_lesson_get_number (self->lesson);
  values = inflight_progress_get_values (self->progress, number);
  if (values != NULL)
    inflight_lesson_page_apply_values (self->scenario, values);

  if (!inflight_progress_get_run (self->progress, number, &ran, &measured, &theory, &detail))
    return;

  self->restored_ran = inflight_lesson_create_scenario (self->lesson);
  inflight_lesson_page_apply_values (self->restored_ran, ran);
  self->restored_theory = g_strdup (theory);
  gtk_widget_set_visible (self->prediction_box, FALSE);
  inflight_lesson_page_set_result_text (self, measured);
  note = g_strdup_printf (_("%s From your last session: run again to see its diagram."), detail);
  inflight_lesson_page_set_detail (self, g_strstrip (note));
  inflight_lesson_page_update_theory (self);
}

/**
 * inflight_lesson_page_values_to_string:
 *
 * Returns: (transfer full): the values the sliders set in @scenario, as
 * "latency-ms=400;requests=5;…", for the learner's progress
 */
char *
inflight_lesson_page_values_to_string (InflightScenario *scenario)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (described_values); i++)
    g_string_append_printf (text, "%s%s=%u", i > 0 ? ";" : "", described_values[i].property,
                            get_uint (scenario, described_values[i].property));

  return g_string_free (text, FALSE);
}

/**
 * inflight_lesson_page_apply_values:
 * @values: as inflight_lesson_page_values_to_string() writes them
 *
 * Sets the values @values names in @scenario. A name that is not a slider's,
 * or a value that is not a number in the slider's range, is left out: kept
 * settings that are damaged cost the learner nothing.
 *
 * Returns: how many values were set
 */
guint
inflight_lesson_page_apply_values (InflightScenario *scenario,
                                   const char       *values)
{
  g_auto(GStrv) pairs = NULL;
  guint set = 0;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), 0);

  if (values == NULL)
    return 0;

  pairs = g_strsplit (values, ";", -1);
  for (guint p = 0; pairs[p] != NULL; p++)
    {
      const char *equals = strchr (pairs[p], '=');
      g_autofree char *name = equals != NULL ? g_strndup (pairs[p], equals - pairs[p]) : NULL;
      guint64 number;
      GParamSpec *pspec;

      if (name == NULL || !g_ascii_string_to_unsigned (equals + 1, 10, 0, G_MAXUINT, &number, NULL))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (described_values); i++)
        if (g_str_equal (name, described_values[i].property) &&
            (pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (scenario), name)) != NULL &&
            G_IS_PARAM_SPEC_UINT (pspec) &&
            number >= G_PARAM_SPEC_UINT (pspec)->minimum && number <= G_PARAM_SPEC_UINT (pspec)->maximum)
          {
            g_object_set (scenario, name, (guint) number, NULL);
            set++;
          }
    }

  return set;
}
