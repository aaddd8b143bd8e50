/* inflight-future-runner.c
 * Futures: the caller starts every call at once and keeps a placeholder for each result,
 * does other work, then awaits each result only when it needs it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-future-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-caller-work.h"
#include "inflight-future-runner.h"
#include "inflight-runner-private.h"

/* The caller's other work before it needs the first result: this share of the latency. */
#define PREPARE_SHARE 0.5
#define SLICE_US      200

struct _InflightFutureRunner
{
  InflightRunner parent_instance;
};

/* A placeholder for a result that is not there yet. */
typedef struct
{
  InflightCallerThread *state;
  guint             request;
  GAsyncResult     *result;   /* set once resolved */
} Future;

G_DEFINE_FINAL_TYPE (InflightFutureRunner, inflight_future_runner, INFLIGHT_TYPE_RUNNER)

/* Runs on the caller's context when a reply comes in: the future is resolved. */
static void
on_resolved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Future *future = user_data;
  InflightRun *run = inflight_runner_get_run (future->state->task);
  g_autofree char *label = g_strdup_printf (_("#%u resolved"), future->request);

  future->result = g_object_ref (result);
  inflight_trace_add_mark (run->trace, future->state->caller_lane, label);
}

static gpointer
caller_main (gpointer data)
{
  InflightCallerThread *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint requests = inflight_scenario_get_requests (run->scenario);
  gint64 prepare = inflight_scenario_get_latency_ms (run->scenario) * 1000 * PREPARE_SHARE;
  gint64 timeout = inflight_service_get_timeout (state->service);
  g_autofree Future *futures = g_new0 (Future, requests);
  gint64 until;
  guint span;

  g_main_context_push_thread_default (context);

  for (guint i = 0; i < requests; i++)
    {
      futures[i].state = state;
      futures[i].request = i + 1;
      inflight_service_call_async (state->service, i + 1, state->caller_lane, timeout,
                                   on_resolved_cb, &futures[i]);
    }

  /* Other work first, taking in results as they come between slices. */
  span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WORKING);
  until = g_get_monotonic_time () + prepare;
  while (g_get_monotonic_time () < until && !g_cancellable_is_cancelled (cancellable))
    {
      inflight_compute_for (MIN (SLICE_US, until - g_get_monotonic_time ()));
      while (g_main_context_iteration (context, FALSE))
        ;
    }
  inflight_trace_end_span (run->trace, span);

  /* Now each result is needed: await it, waiting only if it is not there yet. */
  for (guint i = 0; i < requests; i++)
    {
      g_autofree char *label = g_strdup_printf (_("#%u awaited"), i + 1);
      g_autoptr(GError) error = NULL;

      inflight_trace_add_mark (run->trace, state->caller_lane, label);

      if (futures[i].result == NULL)
        {
          span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WAITING);
          while (futures[i].result == NULL)
            g_main_context_iteration (context, TRUE);
          inflight_trace_end_span (run->trace, span);
        }

      if (!inflight_service_call_finish (state->service, futures[i].result, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *failed = g_strdup_printf (_("#%u: %s"), i + 1, error->message);

          inflight_trace_add_mark (run->trace, state->caller_lane, failed);
        }
      g_clear_object (&futures[i].result);
    }

  g_main_context_pop_thread_default (context);
  inflight_runner_caller_done (state);

  return NULL;
}

static void
inflight_future_runner_run (InflightRunner *runner,
                            GTask          *task)
{
  inflight_runner_start_caller_thread (task, _("Caller thread"), caller_main);
}

static void
inflight_future_runner_class_init (InflightFutureRunnerClass *klass)
{
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  runner_class->run = inflight_future_runner_run;
}

static void
inflight_future_runner_init (InflightFutureRunner *self)
{
}
