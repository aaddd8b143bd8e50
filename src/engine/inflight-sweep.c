/* inflight-sweep.c
 * Real runs of one scenario in a row, on the caller's context, for the charts of lessons 8 and 10:
 * total time against the worker count, and how often replies come back out of order.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-sweep"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-runner.h"
#include "inflight-sweep.h"

struct _InflightSweep
{
  GObject            parent_instance;

  InflightScenario  *base;
  InflightSweepKind  kind;
  guint              x_from;
  guint              x_to;
  GArray            *points;     /* of InflightSweepPoint, in the order they were run */
  gboolean           running;
};

/* The task data of a sweep's run: the run under way. */
typedef struct
{
  guint           next_x;
  InflightRunner *runner;
  InflightTrace  *trace;
} SweepRun;

G_DEFINE_FINAL_TYPE (InflightSweep, inflight_sweep, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_N_POINTS,
  N_PROPS
};

enum {
  POINT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_next_run (GTask *task);

/* Helpers */

static void
sweep_run_free (gpointer data)
{
  SweepRun *run = data;

  g_clear_object (&run->runner);
  g_clear_object (&run->trace);
  g_free (run);
}

static void
clear_point (gpointer data)
{
  InflightSweepPoint *point = data;

  g_clear_pointer (&point->reply_order, g_free);
}

static void
set_running (InflightSweep *self,
             gboolean       running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* The scenario of the run at @x: the base with its workers or its seed set to @x. */
static InflightScenario *
scenario_at (InflightSweep *self,
             guint          x)
{
  InflightScenario *scenario = inflight_scenario_copy (self->base);

  if (self->kind == INFLIGHT_SWEEP_WORKERS)
    inflight_scenario_set_workers (scenario, x);
  else
    inflight_scenario_set_seed (scenario, x);

  return scenario;
}

/* The request numbers of the replies (errors included), in the order they arrived:
 * the order the metrics count replies out of order by. */
static void
collect_reply_order (const InflightTraceSnapshot *snapshot,
                     InflightSweepPoint          *point)
{
  g_autoptr(GPtrArray) replies = inflight_metrics_replies_by_arrival (snapshot);

  point->n_replies = replies->len;
  point->reply_order = g_new (guint, MAX (replies->len, 1));
  for (guint i = 0; i < replies->len; i++)
    point->reply_order[i] = ((const InflightMessage *) g_ptr_array_index (replies, i))->request;
}

static void
finish_sweep (GTask  *task,
              GError *error)
{
  InflightSweep *self = g_task_get_source_object (task);

  set_running (self, FALSE);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
add_point (InflightSweep *self,
           guint          x,
           InflightTrace *trace)
{
  g_autoptr(InflightTraceSnapshot) snapshot = inflight_trace_snapshot (trace);
  g_autoptr(InflightScenario) scenario = scenario_at (self, x);
  InflightSweepPoint point = { 0 };
  guint index;

  point.x = x;
  inflight_metrics_compute (snapshot, &point.metrics);
  point.measured = point.metrics.total;
  point.predicted = inflight_model_predict_total (scenario);
  collect_reply_order (snapshot, &point);

  g_array_append_val (self->points, point);
  index = self->points->len - 1;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  g_signal_emit (self, signals[POINT_ADDED], 0, index,
                 &g_array_index (self->points, InflightSweepPoint, index));
}

/* Signal callbacks */

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  InflightSweep *self = g_task_get_source_object (task);
  SweepRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!inflight_runner_run_finish (INFLIGHT_RUNNER (object), result, &error))
    {
      finish_sweep (task, error);
      return;
    }

  add_point (self, run->next_x, run->trace);
  g_clear_object (&run->runner);
  g_clear_object (&run->trace);

  run->next_x++;
  start_next_run (task);
}

/* Starts the run at run->next_x, or ends the sweep after the last. */
static void
start_next_run (GTask *task)
{
  InflightSweep *self = g_task_get_source_object (task);
  SweepRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GMainContext *context = g_task_get_context (task);
  g_autoptr(InflightScenario) scenario = NULL;

  if (g_cancellable_is_cancelled (cancellable))
    {
      finish_sweep (task, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The measurements were stopped")));
      return;
    }

  if (run->next_x > self->x_to)
    {
      finish_sweep (task, NULL);
      return;
    }

  scenario = scenario_at (self, run->next_x);
  run->runner = inflight_runner_new (inflight_scenario_get_strategy (scenario));
  run->trace = inflight_trace_new ();

  /* The run's callbacks come back on the sweep's own context, whatever the thread-default is now. */
  g_main_context_push_thread_default (context);
  inflight_runner_run_async (run->runner, scenario, run->trace, cancellable,
                             on_run_done_cb, g_object_ref (task));
  g_main_context_pop_thread_default (context);
}

/* Overrides */

static void
inflight_sweep_finalize (GObject *object)
{
  InflightSweep *self = INFLIGHT_SWEEP (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (inflight_sweep_parent_class)->finalize (object);
}

static void
inflight_sweep_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  InflightSweep *self = INFLIGHT_SWEEP (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_sweep_class_init (InflightSweepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = inflight_sweep_finalize;
  object_class->get_property = inflight_sweep_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * InflightSweep::point-added:
   * @index: the point's index in inflight_sweep_get_points()
   * @point: (type gpointer): the #InflightSweepPoint, valid during the emission
   *
   * A run has ended and was measured; emitted on the sweep's context.
   */
  signals[POINT_ADDED] =
    g_signal_new ("point-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);
}

static void
inflight_sweep_init (InflightSweep *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (InflightSweepPoint));
  g_array_set_clear_func (self->points, clear_point);
}

static InflightSweep *
sweep_new (InflightScenario  *base,
           InflightSweepKind  kind,
           guint              from,
           guint              to)
{
  InflightSweep *self = g_object_new (INFLIGHT_TYPE_SWEEP, NULL);

  self->base = inflight_scenario_copy (base);
  self->kind = kind;
  self->x_from = from;
  self->x_to = to;

  return self;
}

/* Public API */

/**
 * inflight_sweep_new_workers:
 * @base: the scenario to run; copied now
 * @from: the first worker count
 * @to: the last worker count, at least @from
 *
 * Returns: (transfer full): a sweep that runs @base with @from, @from + 1, … @to workers.
 */
InflightSweep *
inflight_sweep_new_workers (InflightScenario *base,
                            guint             from,
                            guint             to)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (base), NULL);
  g_return_val_if_fail (from >= INFLIGHT_WORKERS_MIN && from <= to, NULL);
  g_return_val_if_fail (to <= INFLIGHT_WORKERS_MAX, NULL);
  /* Runs go on while the window is in use: none may hold the UI thread. */
  g_return_val_if_fail (inflight_scenario_get_strategy (base) != INFLIGHT_STRATEGY_UI_BLOCKING, NULL);

  return sweep_new (base, INFLIGHT_SWEEP_WORKERS, from, to);
}

/**
 * inflight_sweep_new_seeds:
 * @base: the scenario to run; copied now
 * @n_runs: how many runs, at least one
 *
 * Returns: (transfer full): a sweep that runs @base @n_runs times, with the seeds 1 … @n_runs.
 */
InflightSweep *
inflight_sweep_new_seeds (InflightScenario *base,
                          guint             n_runs)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (base), NULL);
  g_return_val_if_fail (n_runs >= 1, NULL);
  g_return_val_if_fail (inflight_scenario_get_strategy (base) != INFLIGHT_STRATEGY_UI_BLOCKING, NULL);

  return sweep_new (base, INFLIGHT_SWEEP_SEEDS, 1, n_runs);
}

InflightSweepKind
inflight_sweep_get_kind (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), INFLIGHT_SWEEP_WORKERS);

  return self->kind;
}

/**
 * inflight_sweep_get_scenario:
 *
 * Returns: (transfer none): the sweep's copy of the base scenario
 */
InflightScenario *
inflight_sweep_get_scenario (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), NULL);

  return self->base;
}

/**
 * inflight_sweep_get_x_from:
 *
 * Returns: the first run's x: its workers, or 1 for seeds
 */
guint
inflight_sweep_get_x_from (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), 0);

  return self->x_from;
}

/**
 * inflight_sweep_get_x_to:
 *
 * Returns: the last run's x: its workers, or the last seed
 */
guint
inflight_sweep_get_x_to (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), 0);

  return self->x_to;
}

/**
 * inflight_sweep_get_n_runs:
 *
 * Returns: how many runs the whole sweep makes
 */
guint
inflight_sweep_get_n_runs (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), 0);

  return self->x_to - self->x_from + 1;
}

/**
 * inflight_sweep_get_n_requests:
 *
 * Returns: the calls each run makes: the requests, times the chain depth
 *   for the strategies that chain their calls
 */
guint
inflight_sweep_get_n_requests (InflightSweep *self)
{
  guint requests;

  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), 0);

  requests = inflight_scenario_get_requests (self->base);

  switch (inflight_scenario_get_strategy (self->base))
    {
    case INFLIGHT_STRATEGY_CALLBACK:
    case INFLIGHT_STRATEGY_EVENT_LOOP:
      return requests * inflight_scenario_get_chain_depth (self->base);

    case INFLIGHT_STRATEGY_BLOCKING:
    case INFLIGHT_STRATEGY_UI_BLOCKING:
    case INFLIGHT_STRATEGY_FUTURE:
    case INFLIGHT_STRATEGY_QUEUE:
    case INFLIGHT_STRATEGY_PARALLEL:
    default:
      return requests;
    }
}

/**
 * inflight_sweep_predict:
 * @x: workers, or a seed
 *
 * Returns: the theory's total time, in µs, for the run at @x, measured or not
 */
gint64
inflight_sweep_predict (InflightSweep *self,
                        guint          x)
{
  g_autoptr(InflightScenario) scenario = NULL;

  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), 0);

  if (self->kind == INFLIGHT_SWEEP_WORKERS)
    x = CLAMP (x, INFLIGHT_WORKERS_MIN, INFLIGHT_WORKERS_MAX);
  scenario = scenario_at (self, x);

  return inflight_model_predict_total (scenario);
}

gboolean
inflight_sweep_get_running (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), FALSE);

  return self->running;
}

guint
inflight_sweep_get_n_points (InflightSweep *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), 0);

  return self->points->len;
}

/**
 * inflight_sweep_get_point:
 *
 * Returns: (transfer none): the point at @index, valid until the next one is added
 */
const InflightSweepPoint *
inflight_sweep_get_point (InflightSweep *self,
                          guint          index)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), NULL);
  g_return_val_if_fail (index < self->points->len, NULL);

  return &g_array_index (self->points, InflightSweepPoint, index);
}

/**
 * inflight_sweep_get_points:
 * @n_points: (out): how many runs have been measured so far
 *
 * Returns: (transfer none) (array length=n_points): the points, in the
 *   order of their runs, valid until the next one is added
 */
const InflightSweepPoint *
inflight_sweep_get_points (InflightSweep *self,
                           guint         *n_points)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = self->points->len;

  return (const InflightSweepPoint *) (gconstpointer) self->points->data;
}

/**
 * inflight_sweep_get_out_of_order_counts:
 * @n_counts: (out): the length of the array: inflight_sweep_get_n_requests() + 1
 *
 * Returns: (transfer full) (array length=n_counts): for k = 0 … the requests
 *   of a run, how many of the runs so far had exactly k replies out of order
 */
guint *
inflight_sweep_get_out_of_order_counts (InflightSweep *self,
                                        guint         *n_counts)
{
  guint n_requests;
  guint *counts;

  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), NULL);
  g_return_val_if_fail (n_counts != NULL, NULL);

  n_requests = inflight_sweep_get_n_requests (self);
  counts = g_new0 (guint, n_requests + 1);

  for (guint i = 0; i < self->points->len; i++)
    {
      const InflightSweepPoint *point = &g_array_index (self->points, InflightSweepPoint, i);

      counts[MIN (point->metrics.out_of_order, n_requests)]++;
    }

  *n_counts = n_requests + 1;

  return counts;
}

/**
 * inflight_sweep_run_async:
 * @cancellable: (nullable): stops the sweep; the run under way is stopped,
 *   its threads joined, and the sweep finishes with %G_IO_ERROR_CANCELLED
 *
 * Forgets any earlier points and runs the whole series, one run after
 * another, on the thread-default main context: never blocking it. With
 * @cancellable already cancelled, it runs nothing and keeps the points.
 * #InflightSweep::point-added is emitted after each run.
 */
void
inflight_sweep_run_async (InflightSweep       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GCancellable) own_cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  SweepRun *run;

  g_return_if_fail (INFLIGHT_IS_SWEEP (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  /* The runner always gets a cancellable, and the sweep checks the same one between runs. */
  if (cancellable == NULL)
    own_cancellable = g_cancellable_new ();

  task = g_task_new (self, cancellable ? cancellable : own_cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_sweep_run_async);
  g_task_set_name (task, "[inflight] sweep");

  /* Stopped before it began: nothing runs, and the points so far stay. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The measurements were stopped"));
      return;
    }

  run = g_new0 (SweepRun, 1);
  run->next_x = self->x_from;
  g_task_set_task_data (task, run, sweep_run_free);

  if (self->points->len > 0)
    {
      g_array_set_size (self->points, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
    }
  set_running (self, TRUE);

  start_next_run (task);
}

/**
 * inflight_sweep_run_finish:
 *
 * Returns: %TRUE once every run has been measured; %FALSE with
 *   %G_IO_ERROR_CANCELLED if the sweep was stopped
 */
gboolean
inflight_sweep_run_finish (InflightSweep  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  g_return_val_if_fail (INFLIGHT_IS_SWEEP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == inflight_sweep_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
