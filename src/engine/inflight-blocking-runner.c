/* inflight-blocking-runner.c
 * Synchronous calls: a caller thread sends a request and is parked until its reply. A caller
 * taken down during a call loses that call's reply, and makes the call again once back.
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

/* One call the caller made. If the caller goes down while the call is out, the call is
 * written off: its reply, when it comes, finds no one waiting for it. */
typedef struct
{
  InflightTrace *trace;
  guint          lane;
  guint          request;
  guint         *lost_out;    /* written-off calls still out, counted down as they return */
  GAsyncResult  *result;
  gboolean       written_off;
} Call;

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  Call *call = data;

  if (call->written_off)
    {
      g_autofree char *label = g_strdup_printf (_("#%u: its reply came to a caller that had gone down, and was lost"),
                                                call->request);

      inflight_service_call_finish (INFLIGHT_SERVICE (object), result, NULL);
      inflight_trace_add_mark (call->trace, call->lane, label);
      (*call->lost_out)--;
      g_free (call);
      return;
    }

  call->result = g_object_ref (result);
}

/* The caller: one request at a time, each one blocking this thread: it sleeps in its own
 * context's poll until the reply is there. Taken down meanwhile, it forgets the call, and
 * makes it again once it is back. */
static gpointer
caller_main (gpointer data)
{
  InflightCallerThread *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  guint requests = inflight_scenario_get_requests (run->scenario);
  gint64 timeout = inflight_service_get_timeout (state->service);
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint lost = 0;

  g_main_context_push_thread_default (context);
  inflight_caller_outage_set_context (state->outage, context);

  for (guint i = 1; i <= requests && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) error = NULL;
      Call *call;
      guint span, outages;

      inflight_caller_outage_wait_up (state->outage, context, cancellable);
      outages = inflight_caller_outage_get_count (state->outage);

      call = g_new0 (Call, 1);
      call->trace = run->trace;
      call->lane = state->caller_lane;
      call->request = i;
      call->lost_out = &lost;

      span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WAITING);
      inflight_service_call_async (state->service, i, state->caller_lane, timeout, call_done_cb, call);
      while (call->result == NULL && inflight_caller_outage_get_count (state->outage) == outages)
        g_main_context_iteration (context, TRUE);
      inflight_trace_end_span (run->trace, span);

      if (call->result == NULL)
        {
          g_autofree char *label = g_strdup_printf (_("#%u: the caller went down during the call, and will make it again"), i);

          inflight_trace_add_mark (run->trace, state->caller_lane, label);
          call->written_off = TRUE;
          lost++;
          i--;
          continue;
        }

      inflight_service_call_finish (state->service, call->result, &error);
      g_object_unref (call->result);
      g_free (call);

      /* The error turns up right at the call, in order. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *label = g_strdup_printf (_("#%u: %s"), i, error->message);

          inflight_trace_add_mark (run->trace, state->caller_lane, label);
        }
    }

  /* Calls written off are still out; the run is over once they are back. */
  while (lost > 0)
    g_main_context_iteration (context, TRUE);

  inflight_caller_outage_set_context (state->outage, NULL);
  g_main_context_pop_thread_default (context);
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
