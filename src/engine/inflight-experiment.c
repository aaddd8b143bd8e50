/* inflight-experiment.c
 * An experiment: its panes (a scenario and a recorded run each), the "same service" switch and the presets.
 * Reading and writing .inflight files is in inflight-experiment-load.c and -save.c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-experiment"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-experiment-private.h"

typedef struct
{
  InflightScenario      *scenario;
  InflightTraceSnapshot *trace;
} Pane;

struct _InflightExperiment
{
  GObject    parent_instance;

  GPtrArray *panes;          /* of Pane, never empty */
  char      *title;
  gboolean   same_service;
  gulong     first_notify;   /* the first pane's "notify", while the service is shared */
};

G_DEFINE_FINAL_TYPE (InflightExperiment, inflight_experiment, G_TYPE_OBJECT)

G_DEFINE_QUARK (inflight-experiment-error-quark, inflight_experiment_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SAME_SERVICE,
  PROP_N_PANES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the service is, as opposed to how it is called: shared when the switch is on. */
static const char * const service_params[] = {
  "latency-ms", "jitter-pct", "workers", "failure-pct", "timeout-ms",
  "down-at-ms", "down-for-ms", "seed", "hangs",
};

typedef struct
{
  const char       *id;
  const char       *title;
  gboolean          same_service;
  InflightStrategy  strategies[2];
  guint             workers[2];
  guint             requests;
  guint             latency_ms;
  guint             jitter_pct;
  guint             failure_pct;
  guint             down_at_ms;
  guint             down_for_ms;
} Preset;

static const Preset presets[] = {
  { "slow-service", N_("A slow service: wait for it, or carry on"), TRUE,
    { INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_CALLBACK }, { 8, 8 },
    4, 600, 0, 0, 0, 0 },
  { "flaky-service", N_("A flaky service: fail at once, or wait out the outage"), TRUE,
    { INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE }, { 2, 2 },
    6, 200, 30, 20, 300, 800 },
  { "burst", N_("A burst of 200 calls: a few workers, or all at once"), FALSE,
    { INFLIGHT_STRATEGY_QUEUE, INFLIGHT_STRATEGY_CALLBACK }, { 4, 64 },
    200, 20, 10, 0, 0, 0 },
  { "one-core-many-waits", N_("One thread, many waits: an event loop beside blocking calls"), TRUE,
    { INFLIGHT_STRATEGY_EVENT_LOOP, INFLIGHT_STRATEGY_BLOCKING }, { 16, 16 },
    10, 200, 0, 0, 0, 0 },
};

static const char * const preset_ids[] = {
  "slow-service", "flaky-service", "burst", "one-core-many-waits", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (preset_ids) == G_N_ELEMENTS (presets) + 1);

static void
pane_free (gpointer data)
{
  Pane *pane = data;

  g_clear_object (&pane->scenario);
  g_clear_pointer (&pane->trace, inflight_trace_snapshot_unref);
  g_free (pane);
}

static Pane *
get_pane (InflightExperiment *self,
          guint               index)
{
  g_assert (index < self->panes->len);

  return g_ptr_array_index (self->panes, index);
}

static gboolean
is_service_param (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (service_params); i++)
    if (g_str_equal (name, service_params[i]))
      return TRUE;

  return FALSE;
}

/* Copies the service's parameters from @from to @to; setters notify only what changes. */
static void
copy_service (InflightScenario *from,
              InflightScenario *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (service_params); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (from), service_params[i], &value);
      g_object_set_property (G_OBJECT (to), service_params[i], &value);
    }
}

static void
on_first_notify_cb (InflightScenario   *scenario,
                    GParamSpec         *pspec,
                    InflightExperiment *self)
{
  if (is_service_param (pspec->name))
    inflight_experiment_share_service (self);
}

static void
unfollow_first (InflightExperiment *self)
{
  if (self->first_notify != 0)
    {
      g_signal_handler_disconnect (get_pane (self, 0)->scenario, self->first_notify);
      self->first_notify = 0;
    }
}

static void
follow_first (InflightExperiment *self)
{
  g_assert (self->first_notify == 0);

  self->first_notify = g_signal_connect (get_pane (self, 0)->scenario, "notify",
                                         G_CALLBACK (on_first_notify_cb), self);
}

static void
inflight_experiment_dispose (GObject *object)
{
  InflightExperiment *self = INFLIGHT_EXPERIMENT (object);

  if (self->panes != NULL)
    {
      unfollow_first (self);
      g_clear_pointer (&self->panes, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (inflight_experiment_parent_class)->dispose (object);
}

static void
inflight_experiment_finalize (GObject *object)
{
  InflightExperiment *self = INFLIGHT_EXPERIMENT (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (inflight_experiment_parent_class)->finalize (object);
}

static void
inflight_experiment_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  InflightExperiment *self = INFLIGHT_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SAME_SERVICE:
      g_value_set_boolean (value, self->same_service);
      break;

    case PROP_N_PANES:
      g_value_set_uint (value, self->panes->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_experiment_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  InflightExperiment *self = INFLIGHT_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      inflight_experiment_set_title (self, g_value_get_string (value));
      break;

    case PROP_SAME_SERVICE:
      inflight_experiment_set_same_service (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_experiment_class_init (InflightExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = inflight_experiment_dispose;
  object_class->finalize = inflight_experiment_finalize;
  object_class->get_property = inflight_experiment_get_property;
  object_class->set_property = inflight_experiment_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SAME_SERVICE] =
    g_param_spec_boolean ("same-service", NULL, NULL, FALSE, flags);
  properties[PROP_N_PANES] =
    g_param_spec_uint ("n-panes", NULL, NULL, 1, INFLIGHT_EXPERIMENT_MAX_PANES, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_experiment_init (InflightExperiment *self)
{
  Pane *pane = g_new0 (Pane, 1);

  pane->scenario = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);
  self->panes = g_ptr_array_new_with_free_func (pane_free);
  g_ptr_array_add (self->panes, pane);
}

InflightExperiment *
inflight_experiment_new (void)
{
  return g_object_new (INFLIGHT_TYPE_EXPERIMENT, NULL);
}

/**
 * inflight_experiment_copy:
 *
 * Returns: (transfer full): an experiment with copies of the scenarios, sharing the
 * recorded runs (they never change).
 */
InflightExperiment *
inflight_experiment_copy (InflightExperiment *self)
{
  InflightExperiment *copy;

  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), NULL);

  copy = inflight_experiment_new ();
  g_ptr_array_set_size (copy->panes, 0);
  for (guint i = 0; i < self->panes->len; i++)
    {
      Pane *pane = g_new0 (Pane, 1);

      pane->scenario = inflight_scenario_copy (get_pane (self, i)->scenario);
      if (get_pane (self, i)->trace != NULL)
        pane->trace = inflight_trace_snapshot_ref (get_pane (self, i)->trace);
      g_ptr_array_add (copy->panes, pane);
    }
  copy->title = g_strdup (self->title);
  inflight_experiment_set_same_service (copy, self->same_service);

  return copy;
}

guint
inflight_experiment_get_n_panes (InflightExperiment *self)
{
  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), 0);

  return self->panes->len;
}

InflightScenario *
inflight_experiment_get_scenario (InflightExperiment *self,
                                  guint               pane)
{
  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (pane < self->panes->len, NULL);

  return get_pane (self, pane)->scenario;
}

InflightTraceSnapshot *
inflight_experiment_get_trace (InflightExperiment *self,
                               guint               pane)
{
  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (pane < self->panes->len, NULL);

  return get_pane (self, pane)->trace;
}

/**
 * inflight_experiment_set_trace:
 * @trace: (nullable): the pane's recorded run, or %NULL to forget it
 */
void
inflight_experiment_set_trace (InflightExperiment    *self,
                               guint                  pane,
                               InflightTraceSnapshot *trace)
{
  Pane *p;

  g_return_if_fail (INFLIGHT_IS_EXPERIMENT (self));
  g_return_if_fail (pane < self->panes->len);

  p = get_pane (self, pane);
  if (p->trace == trace)
    return;

  g_clear_pointer (&p->trace, inflight_trace_snapshot_unref);
  if (trace != NULL)
    p->trace = inflight_trace_snapshot_ref (trace);
}

int
inflight_experiment_add_pane (InflightExperiment *self,
                              InflightScenario   *scenario)
{
  Pane *pane;

  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), -1);
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), -1);

  if (self->panes->len >= INFLIGHT_EXPERIMENT_MAX_PANES)
    return -1;

  pane = g_new0 (Pane, 1);
  pane->scenario = inflight_scenario_copy (scenario);
  if (self->same_service)
    copy_service (get_pane (self, 0)->scenario, pane->scenario);
  g_ptr_array_add (self->panes, pane);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PANES]);

  return self->panes->len - 1;
}

void
inflight_experiment_remove_pane (InflightExperiment *self,
                                 guint               pane)
{
  gboolean first;

  g_return_if_fail (INFLIGHT_IS_EXPERIMENT (self));
  g_return_if_fail (pane < self->panes->len);

  if (self->panes->len == 1)
    return;

  /* The pane the others follow goes: the next one leads from now on. */
  first = pane == 0 && self->first_notify != 0;
  if (first)
    unfollow_first (self);
  g_ptr_array_remove_index (self->panes, pane);
  if (first)
    {
      follow_first (self);
      inflight_experiment_share_service (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PANES]);
}

/**
 * inflight_experiment_get_title:
 *
 * Returns: (nullable): what the experiment is called, if it has a name
 */
const char *
inflight_experiment_get_title (InflightExperiment *self)
{
  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), NULL);

  return self->title;
}

void
inflight_experiment_set_title (InflightExperiment *self,
                               const char         *title)
{
  g_return_if_fail (INFLIGHT_IS_EXPERIMENT (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
inflight_experiment_get_same_service (InflightExperiment *self)
{
  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), FALSE);

  return self->same_service;
}

/**
 * inflight_experiment_set_same_service:
 *
 * Turned on, the other panes take the first pane's service at once and follow
 * its changes until it is turned off.
 */
void
inflight_experiment_set_same_service (InflightExperiment *self,
                                      gboolean            same)
{
  g_return_if_fail (INFLIGHT_IS_EXPERIMENT (self));

  same = !!same;
  if (self->same_service == same)
    return;

  self->same_service = same;
  if (same)
    {
      follow_first (self);
      inflight_experiment_share_service (self);
    }
  else
    unfollow_first (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAME_SERVICE]);
}

void
inflight_experiment_share_service (InflightExperiment *self)
{
  g_return_if_fail (INFLIGHT_IS_EXPERIMENT (self));

  for (guint i = 1; i < self->panes->len; i++)
    copy_service (get_pane (self, 0)->scenario, get_pane (self, i)->scenario);
}

/**
 * inflight_experiment_preset_ids:
 *
 * Returns: (transfer none): the presets' ids, %NULL-terminated
 */
const char * const *
inflight_experiment_preset_ids (void)
{
  return preset_ids;
}

static const Preset *
find_preset (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].id, id))
      return &presets[i];

  return NULL;
}

/**
 * inflight_experiment_preset_title:
 *
 * Returns: (nullable): the preset's title, translated, or %NULL if there is no such preset
 */
const char *
inflight_experiment_preset_title (const char *id)
{
  const Preset *preset = find_preset (id);

  return preset != NULL ? _(preset->title) : NULL;
}

/**
 * inflight_experiment_new_preset:
 *
 * Returns: (transfer full) (nullable): a new experiment of two panes, or %NULL if
 * there is no preset called @id
 */
InflightExperiment *
inflight_experiment_new_preset (const char *id)
{
  const Preset *preset = find_preset (id);
  InflightExperiment *self;

  if (preset == NULL)
    return NULL;

  self = inflight_experiment_new ();
  inflight_experiment_set_title (self, _(preset->title));
  for (guint i = 0; i < G_N_ELEMENTS (preset->strategies); i++)
    {
      g_autoptr(InflightScenario) scenario = inflight_scenario_new (preset->strategies[i]);

      inflight_scenario_set_requests (scenario, preset->requests);
      inflight_scenario_set_latency_ms (scenario, preset->latency_ms);
      inflight_scenario_set_jitter_pct (scenario, preset->jitter_pct);
      inflight_scenario_set_workers (scenario, preset->workers[i]);
      inflight_scenario_set_failure_pct (scenario, preset->failure_pct);
      inflight_scenario_set_down_at_ms (scenario, preset->down_at_ms);
      inflight_scenario_set_down_for_ms (scenario, preset->down_for_ms);

      if (i == 0)
        {
          Pane *first = get_pane (self, 0);

          g_set_object (&first->scenario, scenario);
        }
      else
        inflight_experiment_add_pane (self, scenario);
    }
  inflight_experiment_set_same_service (self, preset->same_service);

  return self;
}

typedef struct
{
  InflightTrace *trace;
  guint          first_lane;
} Joined;

static void
append_event (const InflightTraceSnapshot *s,
              InflightEventKind            kind,
              guint                        index,
              gpointer                     data)
{
  Joined *joined = data;
  guint l = joined->first_lane;

  switch (kind)
    {
    case INFLIGHT_EVENT_SPAN:
      inflight_trace_append_span (joined->trace, l + s->spans[index].lane, s->spans[index].slot,
                                  s->spans[index].kind, s->spans[index].start, s->spans[index].end);
      break;

    case INFLIGHT_EVENT_MESSAGE:
      inflight_trace_append_message (joined->trace, s->messages[index].request, s->messages[index].kind,
                                     l + s->messages[index].from_lane, l + s->messages[index].to_lane,
                                     s->messages[index].sent_at,
                                     s->messages[index].cancelled ? INFLIGHT_TIME_NONE : s->messages[index].arrived_at);
      break;

    case INFLIGHT_EVENT_MARK:
      inflight_trace_append_mark (joined->trace, l + s->marks[index].lane, s->marks[index].at, s->marks[index].label);
      break;

    case INFLIGHT_EVENT_STEP:
    default:
      inflight_trace_append_step (joined->trace, l + s->steps[index].lane, s->steps[index].at,
                                  s->steps[index].point, s->steps[index].request);
      break;
    }
}

/**
 * inflight_experiment_side_by_side:
 *
 * Every pane's recorded run in one, their lanes side by side and named after their
 * pane, all starting at time zero: one drawing of the whole experiment.
 *
 * Returns: (transfer full) (nullable): the runs, or %NULL if a pane has none
 */
InflightTraceSnapshot *
inflight_experiment_side_by_side (InflightExperiment *self)
{
  g_autoptr(InflightTrace) trace = NULL;
  gint64 duration = 0;

  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), NULL);

  for (guint i = 0; i < self->panes->len; i++)
    if (get_pane (self, i)->trace == NULL)
      return NULL;

  if (self->panes->len == 1)
    return inflight_trace_snapshot_ref (get_pane (self, 0)->trace);

  trace = inflight_trace_new ();
  for (guint i = 0; i < self->panes->len; i++)
    {
      const InflightTraceSnapshot *s = get_pane (self, i)->trace;
      Joined joined = { trace, 0 };

      for (guint l = 0; l < s->n_lanes; l++)
        {
          /* Translators: a lane of a drawing of several panes: the pane's number, then the lane's name */
          g_autofree char *label = g_strdup_printf (_("%u · %s"), i + 1, s->lanes[l].label);
          guint lane = inflight_trace_add_lane (trace, s->lanes[l].role, label);

          if (l == 0)
            joined.first_lane = lane;
        }
      inflight_experiment_foreach_event (s, append_event, &joined);
      duration = MAX (duration, inflight_trace_snapshot_end_time (s));
    }
  inflight_trace_set_duration (trace, duration);

  return inflight_trace_snapshot (trace);
}
