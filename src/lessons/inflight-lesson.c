/* inflight-lesson.c
 * The lessons as objects, in the order of the article "Synchronous vs Asynchronous"; each
 * lesson's text, runs and questions are in its own file, lesson-NN-….c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

struct _InflightLesson
{
  GObject           parent_instance;

  const InflightLessonInfo *info;
};

G_DEFINE_FINAL_TYPE (InflightLesson, inflight_lesson, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const InflightLessonInfo *const lessons[] = {
  &inflight_lesson_01,
  &inflight_lesson_02,
  &inflight_lesson_03,
  &inflight_lesson_04,
  &inflight_lesson_05,
  &inflight_lesson_06,
  &inflight_lesson_07,
  &inflight_lesson_08,
  &inflight_lesson_09,
  &inflight_lesson_10,
  &inflight_lesson_11,
  &inflight_lesson_12,
  &inflight_lesson_13,
};

static void
inflight_lesson_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  InflightLesson *self = INFLIGHT_LESSON (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, inflight_lesson_get_number (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, inflight_lesson_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_lesson_class_init (InflightLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = inflight_lesson_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST, INFLIGHT_LESSON_FIRST,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_lesson_init (InflightLesson *self)
{
}

/**
 * inflight_lessons_get_all:
 *
 * Returns: (transfer none): every lesson that can be taken, in course order.
 */
GListModel *
inflight_lessons_get_all (void)
{
  static GListStore *store;

  if (g_once_init_enter (&store))
    {
      GListStore *s = g_list_store_new (INFLIGHT_TYPE_LESSON);

      for (guint i = 0; i < G_N_ELEMENTS (lessons); i++)
        {
          g_autoptr(InflightLesson) lesson = g_object_new (INFLIGHT_TYPE_LESSON, NULL);

          lesson->info = lessons[i];
          g_list_store_append (s, lesson);
        }

      g_once_init_leave (&store, s);
    }

  return G_LIST_MODEL (store);
}

/**
 * inflight_lessons_find:
 *
 * Returns: (transfer full) (nullable): lesson @number, or %NULL if there is none.
 */
InflightLesson *
inflight_lessons_find (guint number)
{
  GListModel *all = inflight_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (all, i);

      if (lesson->info->number == number)
        return g_steal_pointer (&lesson);
    }

  return NULL;
}

guint
inflight_lesson_get_number (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->number;
}

const char *
inflight_lesson_get_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return _(self->info->title);
}

const char *
inflight_lesson_get_body (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return _(self->info->body);
}

InflightControls
inflight_lesson_get_controls (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->controls;
}

InflightLessonKind
inflight_lesson_get_experiment (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->experiment;
}

/**
 * inflight_lesson_sweep_workers_to:
 * @requests: the requests of the run a chart of total time against workers repeats
 *
 * Returns: the last worker count such a chart runs: past the point where every
 * request has a worker of its own, so that it shows where the curve stops
 * falling: half again as many workers as requests, at least 16.
 */
guint
inflight_lesson_sweep_workers_to (guint requests)
{
  return CLAMP (requests + requests / 2, 16, INFLIGHT_WORKERS_MAX);
}

static InflightScenario *
scenario_from_preset (const Preset *preset)
{
  InflightScenario *scenario = inflight_scenario_new (preset->strategy);

  inflight_scenario_set_requests (scenario, MAX (preset->requests, 1));
  inflight_scenario_set_latency_ms (scenario, preset->latency_ms);
  inflight_scenario_set_workers (scenario, MAX (preset->workers, 1));
  inflight_scenario_set_jitter_pct (scenario, preset->jitter_pct);
  inflight_scenario_set_failure_pct (scenario, preset->failure_pct);
  inflight_scenario_set_timeout_ms (scenario, preset->timeout_ms);
  inflight_scenario_set_down_at_ms (scenario, preset->down_at_ms);
  inflight_scenario_set_down_for_ms (scenario, preset->down_for_ms);
  inflight_scenario_set_chain_depth (scenario, MAX (preset->chain_depth, 1));
  inflight_scenario_set_seed (scenario, MAX (preset->seed, 1));
  inflight_scenario_set_hangs (scenario, preset->hangs);
  if (preset->strategy == INFLIGHT_STRATEGY_FUTURE)
    {
      inflight_scenario_set_await_after_ms (scenario, preset->await_after_ms);
      inflight_scenario_set_continuation (scenario, preset->continuation);
    }

  return scenario;
}

/**
 * inflight_lesson_create_scenario:
 *
 * Returns: (transfer full): a new scenario set to the lesson's preset.
 */
InflightScenario *
inflight_lesson_create_scenario (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  return scenario_from_preset (&self->info->preset);
}

/**
 * inflight_lesson_create_comparison:
 *
 * Returns: (transfer full) (nullable): the second run's scenario, for lessons
 * that run two side by side; %NULL for the others.
 */
InflightScenario *
inflight_lesson_create_comparison (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  if (self->info->experiment != INFLIGHT_LESSON_KIND_COMPARE &&
      self->info->experiment != INFLIGHT_LESSON_KIND_SWEEP)
    return NULL;

  return scenario_from_preset (&self->info->comparison);
}

static const char *
translate_or_null (const char *text)
{
  return text != NULL ? _(text) : NULL;
}

/**
 * inflight_lesson_get_run_title:
 *
 * Returns: (nullable): what the main run is called when there are two.
 */
const char *
inflight_lesson_get_run_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->run_title);
}

const char *
inflight_lesson_get_comparison_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->comparison_title);
}

/**
 * inflight_lesson_get_prediction_prompt:
 *
 * Returns: (nullable): the question that asks the learner to guess the
 * total time before the first run, or %NULL if the lesson asks for none.
 */
const char *
inflight_lesson_get_prediction_prompt (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->prediction_prompt);
}

guint
inflight_lesson_get_n_questions (InflightLesson *self)
{
  guint n = 0;

  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);

  while (n < G_N_ELEMENTS (self->info->questions) && self->info->questions[n].prompt != NULL)
    n++;

  return n;
}

/**
 * inflight_lesson_get_question:
 *
 * Returns: (transfer none): question @index; its strings are untranslated
 * (mark them with N_() and show them with _()).
 */
const InflightQuestion *
inflight_lesson_get_question (InflightLesson *self,
                              guint           index)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  g_return_val_if_fail (index < inflight_lesson_get_n_questions (self), NULL);

  return &self->info->questions[index];
}

/**
 * inflight_lesson_get_takeaways:
 *
 * Returns: (transfer none) (array zero-terminated=1): the lesson's takeaways,
 * untranslated; empty for most lessons.
 */
const char * const *
inflight_lesson_get_takeaways (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return self->info->takeaways;
}

/**
 * inflight_lessons_get_sort_cards:
 *
 * Returns: (transfer none): the situations lesson 12 asks the learner to
 * sort; strings untranslated.
 */
const InflightSortCard *
inflight_lessons_get_sort_cards (guint *n_cards)
{
  g_return_val_if_fail (n_cards != NULL, NULL);

  *n_cards = inflight_lesson_12_n_cards;
  return inflight_lesson_12_cards;
}
