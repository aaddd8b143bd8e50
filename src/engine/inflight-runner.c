/* inflight-runner.c
 * The API every strategy shares: run a scenario asynchronously into a trace.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-blocking-runner.h"
#include "inflight-callback-runner.h"
#include "inflight-future-runner.h"
#include "inflight-parallel-runner.h"
#include "inflight-queue-runner.h"
#include "inflight-runner-private.h"
#include "inflight-ui-blocking-runner.h"

G_DEFINE_ABSTRACT_TYPE (InflightRunner, inflight_runner, G_TYPE_OBJECT)

static void
run_sync_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
inflight_run_free (gpointer data)
{
  InflightRun *run = data;

  g_clear_object (&run->scenario);
  g_clear_object (&run->live);
  g_clear_object (&run->trace);
  g_free (run);
}

static void
inflight_runner_class_init (InflightRunnerClass *klass)
{
}

static void
inflight_runner_init (InflightRunner *self)
{
}

/**
 * inflight_strategy_is_runnable:
 *
 * Returns: whether inflight_runner_new() has a runner for @strategy.
 */
gboolean
inflight_strategy_is_runnable (InflightStrategy strategy)
{
  return strategy <= INFLIGHT_STRATEGY_PARALLEL;
}

/**
 * inflight_runner_new:
 *
 * Returns: (transfer full) (nullable): a runner for @strategy, or %NULL if
 * that strategy cannot be run yet.
 */
InflightRunner *
inflight_runner_new (InflightStrategy strategy)
{
  switch (strategy)
    {
    case INFLIGHT_STRATEGY_BLOCKING:
      return g_object_new (INFLIGHT_TYPE_BLOCKING_RUNNER, NULL);

    case INFLIGHT_STRATEGY_UI_BLOCKING:
      return g_object_new (INFLIGHT_TYPE_UI_BLOCKING_RUNNER, NULL);

    case INFLIGHT_STRATEGY_CALLBACK:
      return g_object_new (INFLIGHT_TYPE_CALLBACK_RUNNER, NULL);

    case INFLIGHT_STRATEGY_FUTURE:
      return g_object_new (INFLIGHT_TYPE_FUTURE_RUNNER, NULL);

    case INFLIGHT_STRATEGY_QUEUE:
      return g_object_new (INFLIGHT_TYPE_QUEUE_RUNNER, NULL);

    case INFLIGHT_STRATEGY_EVENT_LOOP:
      return g_object_new (INFLIGHT_TYPE_CALLBACK_RUNNER, "one-thread", TRUE, NULL);

    case INFLIGHT_STRATEGY_PARALLEL:
      return g_object_new (INFLIGHT_TYPE_PARALLEL_RUNNER, NULL);

    default:
      return NULL;
    }
}

/**
 * inflight_runner_run_async:
 * @scenario: what to run. Its parameters are copied at the start; changes
 *   to latency, workers and down during the run apply to requests not yet
 *   started. Call on @scenario's thread.
 * @trace: an empty trace to record into
 * @cancellable: (nullable): stops the run; it then finishes promptly,
 *   with every thread joined and the trace consistent
 *
 * Runs @scenario for real. @callback runs on the thread-default main context
 * of the caller once every thread the run started has been joined.
 */
void
inflight_runner_run_async (InflightRunner      *self,
                           InflightScenario    *scenario,
                           InflightTrace       *trace,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GCancellable) own_cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  InflightRun *run;

  g_return_if_fail (INFLIGHT_IS_RUNNER (self));
  g_return_if_fail (INFLIGHT_IS_SCENARIO (scenario));
  g_return_if_fail (INFLIGHT_IS_TRACE (trace));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* Runners always have a cancellable to wait on, even if the caller did not give one. */
  if (cancellable == NULL)
    own_cancellable = g_cancellable_new ();
  task = g_task_new (self, cancellable ? cancellable : own_cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_runner_run_async);
  g_task_set_name (task, "[inflight] run");
  g_task_set_check_cancellable (task, FALSE);

  run = g_new0 (InflightRun, 1);
  run->scenario = inflight_scenario_copy (scenario);
  run->live = g_object_ref (scenario);
  run->trace = g_object_ref (trace);
  g_task_set_task_data (task, run, inflight_run_free);

  INFLIGHT_RUNNER_GET_CLASS (self)->run (self, task);
}

/**
 * inflight_runner_run_finish:
 *
 * Returns: %TRUE if the run went to its end (some requests may have failed:
 * that is in the trace); %FALSE with %G_IO_ERROR_CANCELLED if it was stopped.
 */
gboolean
inflight_runner_run_finish (InflightRunner  *self,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (INFLIGHT_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * inflight_runner_run_sync:
 * @scenario: what to run, as for inflight_runner_run_async()
 * @trace: an empty trace to record into
 * @cancellable: (nullable): stops the run
 *
 * Runs @scenario and waits for its end, iterating the thread-default main
 * context (which the run's callbacks and the caller's own sources need) until
 * every thread the run started has been joined. The command line, the tests
 * and the benchmarks run a scenario this way; a window never does.
 *
 * Returns: as inflight_runner_run_finish()
 */
gboolean
inflight_runner_run_sync (InflightRunner    *self,
                          InflightScenario  *scenario,
                          InflightTrace     *trace,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (INFLIGHT_IS_RUNNER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  inflight_runner_run_async (self, scenario, trace, cancellable, run_sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  return inflight_runner_run_finish (self, result, error);
}

/**
 * inflight_runner_return:
 * @error: (transfer full) (nullable): why the run ended early
 *
 * For runners: closes the trace, if the runner has not already at the
 * moment its work ended, and completes the run. Call it on the run's
 * context, after every thread the run started has been joined.
 */
void
inflight_runner_return (GTask  *task,
                        GError *error)
{
  InflightRun *run = g_task_get_task_data (task);

  inflight_trace_finish (run->trace);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The run was stopped"));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * inflight_runner_get_run:
 *
 * Returns: (transfer none): what the run of @task works on.
 */
InflightRun *
inflight_runner_get_run (GTask *task)
{
  return g_task_get_task_data (task);
}

/**
 * inflight_runner_start_service:
 * @caller_lane: (out): the caller's lane
 *
 * For runners that call a service: adds the caller's lane and the
 * service's, starts the run's clock, and starts a service that follows the
 * learner's changes.
 *
 * Returns: (transfer full): the service
 */
InflightService *
inflight_runner_start_service (GTask               *task,
                               InflightLaneRole     caller_role,
                               const char          *caller_label,
                               InflightServiceMode  mode,
                               guint               *caller_lane)
{
  InflightRun *run = inflight_runner_get_run (task);
  InflightService *service;
  guint service_lane;

  *caller_lane = inflight_trace_add_lane (run->trace, caller_role, caller_label);
  service_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_SERVICE, _("Service"));

  service = inflight_service_new (run->scenario, run->trace, service_lane, mode,
                                  g_task_get_cancellable (task));
  inflight_service_follow (service, run->live);
  inflight_trace_start (run->trace);

  return service;
}

/**
 * inflight_runner_mark_error:
 * @error: (nullable): how request @request failed, if it did
 *
 * For callers that get their errors at the call: marks the error on @lane,
 * as "#3: …", unless there is none or the run was stopped.
 */
void
inflight_runner_mark_error (InflightRun  *run,
                            guint         lane,
                            guint         request,
                            const GError *error)
{
  g_autofree char *label = NULL;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  label = g_strdup_printf (_("#%u: %s"), request, error->message);
  inflight_trace_add_mark (run->trace, lane, label);
}

/**
 * inflight_runner_complete_on:
 *
 * Calls @func with @data on the run's context, always later, through a
 * source: never on the calling thread at once, so a thread can hand over
 * its own joining.
 */
void
inflight_runner_complete_on (GTask       *task,
                             GSourceFunc  func,
                             gpointer     data)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_static_name (source, "[inflight] run complete");
  /* Above redraws: a busy window must not hold back the end of a run. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_task_get_context (task));
}

static gboolean
caller_done_cb (gpointer data)
{
  g_autofree InflightCallerThread *caller = data;
  g_autoptr(GTask) task = g_steal_pointer (&caller->task);

  g_thread_join (g_steal_pointer (&caller->thread));
  g_clear_pointer (&caller->outage, inflight_caller_outage_free);
  inflight_service_shutdown (caller->service);
  g_clear_object (&caller->service);

  inflight_runner_return (task, NULL);

  return G_SOURCE_REMOVE;
}

/**
 * inflight_runner_start_caller_thread:
 * @caller_main: the caller's work; it ends with inflight_runner_caller_done()
 *
 * For runners whose caller is a thread of its own: starts the service and
 * the thread, which gets the returned struct as its data.
 */
InflightCallerThread *
inflight_runner_start_caller_thread (GTask       *task,
                                     const char  *caller_label,
                                     GThreadFunc  caller_main)
{
  InflightRun *run = inflight_runner_get_run (task);
  InflightCallerThread *caller = g_new0 (InflightCallerThread, 1);

  caller->task = g_object_ref (task);
  caller->service = inflight_runner_start_service (task, INFLIGHT_LANE_CALLER, caller_label,
                                                   INFLIGHT_SERVICE_THREADS, &caller->caller_lane);
  caller->outage = inflight_caller_outage_new (run->scenario, run->live, run->trace, caller->caller_lane,
                                               g_task_get_cancellable (task));
  caller->thread = g_thread_new ("inflight-caller", caller_main, caller);

  return caller;
}

/**
 * inflight_runner_caller_done:
 *
 * Called last by a caller thread: the run ends now, with its last reply, and
 * the thread is joined, the service shut down and the run completed on the
 * run's context.
 */
void
inflight_runner_caller_done (InflightCallerThread *caller)
{
  inflight_trace_finish (inflight_runner_get_run (caller->task)->trace);
  inflight_runner_complete_on (caller->task, caller_done_cb, caller);
}
