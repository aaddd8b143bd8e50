/* inflight-blocking-runner.c
 * Synchronous calls: a caller thread sends a request and is parked until its reply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-blocking-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-blocking-runner.h"
#include "inflight-service.h"

struct _InflightBlockingRunner
{
  InflightRunner parent_instance;
};

typedef struct
{
  GTask           *task;
  InflightService *service;
  GThread         *thread;
  guint            caller_lane;
  guint            requests;
} BlockingRun;

G_DEFINE_FINAL_TYPE (InflightBlockingRunner, inflight_blocking_runner, INFLIGHT_TYPE_RUNNER)

static void
blocking_run_free (BlockingRun *state)
{
  g_clear_object (&state->service);
  g_clear_object (&state->task);
  g_free (state);
}

/* On the run's context, once the caller thread has left its loop. */
static gboolean
caller_done_cb (gpointer data)
{
  BlockingRun *state = data;
  g_autoptr(GTask) task = g_object_ref (state->task);

  g_thread_join (g_steal_pointer (&state->thread));
  inflight_service_shutdown (state->service);
  blocking_run_free (state);

  inflight_runner_return (task, NULL);

  return G_SOURCE_REMOVE;
}

/* The caller: one request at a time, each one blocking this thread. */
static gpointer
caller_main (gpointer data)
{
  BlockingRun *state = data;
  InflightRun *run = g_task_get_task_data (state->task);
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  GSource *done;

  for (guint i = 1; i <= state->requests; i++)
    {
      g_autoptr(GError) error = NULL;
      guint span;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WAITING);
      inflight_service_call (state->service, i, state->caller_lane, &error);
      inflight_trace_end_span (run->trace, span);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;

      if (error != NULL)
        {
          g_autofree char *label = g_strdup_printf (_("#%u failed"), i);

          inflight_trace_add_mark (run->trace, state->caller_lane, label);
        }
    }

  /* Always through a source: invoking directly could run the join on this very thread. */
  done = g_idle_source_new ();
  g_source_set_static_name (done, "[inflight] caller done");
  g_source_set_priority (done, G_PRIORITY_DEFAULT);
  g_source_set_callback (done, caller_done_cb, state, NULL);
  g_source_attach (done, g_task_get_context (state->task));
  g_source_unref (done);

  return NULL;
}

static void
inflight_blocking_runner_run (InflightRunner *runner,
                              GTask          *task)
{
  InflightRun *run = g_task_get_task_data (task);
  BlockingRun *state;
  guint service_lane;

  state = g_new0 (BlockingRun, 1);
  state->task = g_object_ref (task);
  state->requests = inflight_scenario_get_requests (run->scenario);
  state->caller_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_CALLER, _("Caller thread"));
  service_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_SERVICE, _("Service"));
  state->service = inflight_service_new (run->scenario, run->trace, service_lane,
                                         g_task_get_cancellable (task));

  inflight_trace_start (run->trace);
  state->thread = g_thread_new ("inflight-caller", caller_main, state);
}

static void
inflight_blocking_runner_class_init (InflightBlockingRunnerClass *klass)
{
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  runner_class->run = inflight_blocking_runner_run;
}

static void
inflight_blocking_runner_init (InflightBlockingRunner *self)
{
}
