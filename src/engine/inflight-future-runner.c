/* inflight-future-runner.c
 * Futures: the caller starts every call at once and keeps a placeholder for each result,
 * does other work for as long as the scenario says, then awaits each result only when it
 * needs it — or, with continuations, never awaits, and reacts to each result as it comes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-future-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-caller-work.h"
#include "inflight-code.h"
#include "inflight-future-runner.h"
#include "inflight-runner-private.h"

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
  gboolean          continuation;  /* reacted to when it resolves, never awaited */
  guint            *resolved;      /* how many futures of the run have resolved */
  GAsyncResult     *result;        /* set once resolved, when it is to be awaited */
} Future;

G_DEFINE_FINAL_TYPE (InflightFutureRunner, inflight_future_runner, INFLIGHT_TYPE_RUNNER)

/* Marks a failed call on the caller's lane; a stopped run is no failure. */
static void
take_result (InflightCallerThread *state,
              guint                 request,
              GAsyncResult         *result)
{
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autoptr(GError) error = NULL;

  if (!inflight_service_call_finish (state->service, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *failed = g_strdup_printf (_("#%u: %s"), request, error->message);

      inflight_trace_add_mark (run->trace, state->caller_lane, failed);
    }
}

static void
record_resolved (InflightRun *run,
                 Future      *future,
                 gboolean     continuation)
{
  g_autofree char *label = NULL;

  if (continuation)
    label = g_strdup_printf (_("#%u resolved: its continuation runs"), future->request);
  else
    label = g_strdup_printf (_("#%u resolved"), future->request);
  inflight_trace_add_mark (run->trace, future->state->caller_lane, label);
}

/* listing: begin */
/* Runs on the caller's context when a reply comes in: the future is resolved, and with a
 * continuation, what was to be done with its value is done now, wherever the caller was. */
static void
on_resolved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Future *future = user_data;
  InflightRun *run = inflight_runner_get_run (future->state->task);

  inflight_trace_reach (run->trace, future->state->caller_lane, INFLIGHT_CODE_RESOLVED, future->request);
  (*future->resolved)++;
  if (future->continuation)
    {
      record_resolved (run, future, TRUE);
      take_result (future->state, future->request, result);
      inflight_trace_reach (run->trace, future->state->caller_lane, INFLIGHT_CODE_RETURN, 0);
      return;
    }

  future->result = g_object_ref (result);
  record_resolved (run, future, FALSE);
  inflight_trace_reach (run->trace, future->state->caller_lane, INFLIGHT_CODE_RETURN, 0);
}
/* listing: end */

/* One mark for futures awaited one after another that were all there already: they cost no
 * time, and one mark reads better than a pile of them at one instant. */
static void
record_ready (InflightCallerThread *state,
            GString              *ready,
            guint                *n_ready)
{
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autofree char *label = NULL;

  if (*n_ready == 0)
    return;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s awaited: resolved already, no pause",
                                        "%s awaited: resolved already, no pause", *n_ready),
                           ready->str);
  inflight_trace_add_mark (run->trace, state->caller_lane, label);
  g_string_truncate (ready, 0);
  *n_ready = 0;
}

/* A future awaited that was there already: noted, to be marked with the others like it. */
static void
record_resolved_already (GString *ready,
                         guint   *n_ready,
                         guint    request)
{
  g_string_append_printf (ready, *n_ready > 0 ? ", #%u" : "#%u", request);
  (*n_ready)++;
}

/* A future awaited that is not there yet: the caller will wait for it. */
static void
record_awaited (InflightCallerThread *state,
                GString              *ready,
                guint                *n_ready,
                guint                 request)
{
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autofree char *label = g_strdup_printf (_("#%u awaited"), request);

  record_ready (state, ready, n_ready);
  inflight_trace_add_mark (run->trace, state->caller_lane, label);
}

static gpointer
caller_main (gpointer data)
{
  InflightCallerThread *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint requests = inflight_scenario_get_requests (run->scenario);
  gint64 prepare = (gint64) inflight_scenario_get_await_after_ms (run->scenario) * 1000;
  gboolean continuation = inflight_scenario_get_continuation (run->scenario);
  gint64 timeout = inflight_service_get_timeout (state->service);
  g_autofree Future *futures = g_new0 (Future, requests);
  g_autoptr(GString) ready = g_string_new (NULL);
  guint resolved = 0, n_ready = 0;
  gint64 until;
  guint span;

  g_main_context_push_thread_default (context);

  /* listing: begin */
  for (guint i = 0; i < requests; i++)
    {
      futures[i].state = state;
      futures[i].request = i + 1;
      futures[i].continuation = continuation;
      futures[i].resolved = &resolved;
      inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_CALL, i + 1);
      inflight_service_call_async (state->service, i + 1, state->caller_lane, timeout,
                                   on_resolved_cb, &futures[i]);
    }

  /* Other work first, taking in results as they come between slices. */
  if (prepare > 0)
    {
      span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WORKING);
      inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_CARRY_ON, 0);
      until = g_get_monotonic_time () + prepare;
      while (g_get_monotonic_time () < until && !g_cancellable_is_cancelled (cancellable))
        {
          inflight_compute_for (MIN (SLICE_US, until - g_get_monotonic_time ()));
          while (g_main_context_iteration (context, FALSE))
            ;
        }
      inflight_trace_end_span (run->trace, span);
    }

  if (continuation)
    {
      /* Nothing is awaited: the caller is free, and each continuation runs as its future
       * resolves. The run is over once every one has run. */
      if (resolved < requests)
        {
          span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_IDLE);
          inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_LOOP, 0);
          while (resolved < requests)
            g_main_context_iteration (context, TRUE);
          inflight_trace_end_span (run->trace, span);
        }
    }
  else
    {
      /* Now each result is needed: await it, waiting only if it is not there yet. */
      for (guint i = 0; i < requests; i++)
        {
          if (futures[i].result != NULL)
            record_resolved_already (ready, &n_ready, i + 1);
          else
            {
              record_awaited (state, ready, &n_ready, i + 1);
              inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_AWAIT, i + 1);
              span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WAITING);
              while (futures[i].result == NULL)
                g_main_context_iteration (context, TRUE);
              inflight_trace_end_span (run->trace, span);
            }

          inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_RESULT, i + 1);
          take_result (state, i + 1, futures[i].result);
          g_clear_object (&futures[i].result);
        }
      record_ready (state, ready, &n_ready);
    }
  /* listing: end */

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
