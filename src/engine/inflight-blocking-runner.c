/* inflight-blocking-runner.c
 * Synchronous calls: a caller thread sends a request and is parked until its reply. A caller
 * taken down during a call loses that call's reply, and makes the call again once back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-blocking-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-blocking-runner.h"
#include "inflight-code.h"
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

/* The caller went down during the call: the call is written off, and made again. */
static void
record_written_off (InflightRun *run,
                    guint        lane,
                    Call        *call)
{
  g_autofree char *label = g_strdup_printf (_("#%u: the caller went down during the call, and will make it again"),
                                            call->request);

  inflight_trace_add_mark (run->trace, lane, label);
  call->written_off = TRUE;
  (*call->lost_out)++;
}

static Call *
call_new (InflightRun *run,
          guint        lane,
          guint        request,
          guint       *lost)
{
  Call *call = g_new0 (Call, 1);

  call->trace = run->trace;
  call->lane = lane;
  call->request = request;
  call->lost_out = lost;

  return call;
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
  guint lane = state->caller_lane;
  guint lost = 0;

  g_main_context_push_thread_default (context);
  inflight_caller_outage_set_context (state->outage, context);

  /* listing: begin */
  for (guint i = 1; i <= requests && !g_cancellable_is_cancelled (cancellable); i++)
    {
      g_autoptr(GError) error = NULL;
      Call *call = call_new (run, lane, i, &lost);
      guint span, outages;

      inflight_caller_outage_wait_up (state->outage, context, cancellable);
      outages = inflight_caller_outage_get_count (state->outage);

      /* Send the request, then run this thread's own context until the reply is in: the
       * loop does not return before, and nothing after it runs. */
      inflight_trace_reach (run->trace, lane, INFLIGHT_CODE_CALL, i);
      span = inflight_trace_begin_span (run->trace, lane, 0, INFLIGHT_SPAN_WAITING);
      inflight_service_call_async (state->service, i, lane, timeout, call_done_cb, call);
      inflight_trace_reach (run->trace, lane, INFLIGHT_CODE_WAIT, i);
      while (call->result == NULL && inflight_caller_outage_get_count (state->outage) == outages)
        g_main_context_iteration (context, TRUE);
      inflight_trace_end_span (run->trace, span);

      if (call->result == NULL)
        {
          record_written_off (run, lane, call);
          i--;
          continue;
        }

      inflight_trace_reach (run->trace, lane, INFLIGHT_CODE_RESULT, i);
      inflight_service_call_finish (state->service, call->result, &error);
      g_object_unref (call->result);
      g_free (call);
      inflight_runner_mark_error (run, lane, i, error);
    }
  /* listing: end */

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
