/* inflight-blocking-runner.c
 * Synchronous calls: a caller thread sends a request and is parked until its reply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-blocking-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-blocking-runner.h"
#include "inflight-runner-private.h"

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
} BlockingRun;

G_DEFINE_FINAL_TYPE (InflightBlockingRunner, inflight_blocking_runner, INFLIGHT_TYPE_RUNNER)

/* On the run's context, once the caller thread has left its loop. */
static gboolean
caller_done_cb (gpointer data)
{
  g_autofree BlockingRun *state = data;
  g_autoptr(GTask) task = g_steal_pointer (&state->task);

  g_thread_join (g_steal_pointer (&state->thread));
  inflight_service_shutdown (state->service);
  g_clear_object (&state->service);

  inflight_runner_return (task, NULL);

  return G_SOURCE_REMOVE;
}

/* The caller: one request at a time, each one blocking this thread. */
static gpointer
caller_main (gpointer data)
{
  BlockingRun *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  guint requests = inflight_scenario_get_requests (run->scenario);
  gint64 timeout = inflight_service_get_timeout (state->service);

  for (guint i = 1; i <= requests && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) error = NULL;
      guint span;

      span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WAITING);
      inflight_service_call (state->service, i, state->caller_lane, timeout, &error);
      inflight_trace_end_span (run->trace, span);

      /* The error turns up right at the call, in order. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *label = g_strdup_printf (_("#%u: %s"), i, error->message);

          inflight_trace_add_mark (run->trace, state->caller_lane, label);
        }
    }

  /* The run ends with its last reply; joining the threads afterwards is not part of it. */
  inflight_trace_finish (run->trace);
  inflight_runner_complete_on (state->task, caller_done_cb, state);

  return NULL;
}

static void
inflight_blocking_runner_run (InflightRunner *runner,
                              GTask          *task)
{
  BlockingRun *state = g_new0 (BlockingRun, 1);

  state->task = g_object_ref (task);
  state->service = inflight_runner_start_service (task, INFLIGHT_LANE_CALLER, _("Caller thread"),
                                                  INFLIGHT_SERVICE_THREADS, &state->caller_lane);
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
