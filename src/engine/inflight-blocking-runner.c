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

G_DEFINE_FINAL_TYPE (InflightBlockingRunner, inflight_blocking_runner, INFLIGHT_TYPE_RUNNER)

/* The caller: one request at a time, each one blocking this thread. */
static gpointer
caller_main (gpointer data)
{
  InflightCallerThread *state = data;
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

  inflight_runner_caller_done (state);

  return NULL;
}

static void
inflight_blocking_runner_run (InflightRunner *runner,
                              GTask          *task)
{
  inflight_runner_start_caller_thread (task, _("Caller thread"), caller_main);
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
