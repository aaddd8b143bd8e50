/* inflight-ui-blocking-runner.c
 * A blocking call on the UI thread itself: the thread that runs the main context is parked,
 * so nothing else on that context runs — no frames, no input. A heartbeat source on the same
 * context measures, from the outside in, how long it really stopped.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-ui-blocking-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-code.h"
#include "inflight-format.h"
#include "inflight-model.h"
#include "inflight-runner-private.h"
#include "inflight-ui-blocking-runner.h"

/* The longest the UI thread may be held, whatever the scenario asks. */
#define FREEZE_CAP_US  INFLIGHT_UI_FREEZE_CAP_US
#define HEARTBEAT_MS   5
/* Heartbeats before the block, so the measurement starts from a beating heart. */
#define LEAD_IN_MS     40

struct _InflightUiBlockingRunner
{
  InflightRunner parent_instance;
};

typedef struct
{
  GTask           *task;
  InflightService *service;
  GCancellable    *calls;           /* the service's: cancelled with the run, or at the cap */
  gulong           run_cancelled_id;
  GSource         *heartbeat;
  GSource         *block;
  guint            ui_lane;
  gint64           last_beat;
  gint64           longest_gap;
  gint64           longest_gap_start;
  gboolean         blocked;         /* the block has happened */
} UiBlockingRun;

G_DEFINE_FINAL_TYPE (InflightUiBlockingRunner, inflight_ui_blocking_runner, INFLIGHT_TYPE_RUNNER)

static void
finish_run (UiBlockingRun *state)
{
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autoptr(GTask) task = g_steal_pointer (&state->task);

  if (state->longest_gap > 0)
    {
      g_autofree char *gap = inflight_format_duration (state->longest_gap);
      g_autofree char *label = g_strdup_printf (_("froze for %s (longest gap between heartbeats)"), gap);

      inflight_trace_append_span (run->trace, state->ui_lane, 1, INFLIGHT_SPAN_FROZEN,
                                  state->longest_gap_start,
                                  state->longest_gap_start + state->longest_gap);
      inflight_trace_append_mark (run->trace, state->ui_lane,
                                  state->longest_gap_start + state->longest_gap, label);
    }

  inflight_trace_finish (run->trace);

  g_source_destroy (state->heartbeat);
  g_clear_pointer (&state->heartbeat, g_source_unref);
  g_source_destroy (state->block);
  g_clear_pointer (&state->block, g_source_unref);
  inflight_service_shutdown (state->service);
  g_clear_object (&state->service);
  g_cancellable_disconnect (g_task_get_cancellable (task), state->run_cancelled_id);
  g_clear_object (&state->calls);
  g_free (state);

  inflight_runner_return (task, NULL);
}

/* Beats on the UI thread's own context: it can only beat when that thread is free. */
static gboolean
heartbeat_cb (gpointer data)
{
  UiBlockingRun *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  gint64 now = inflight_trace_now (run->trace);

  if (now - state->last_beat > state->longest_gap)
    {
      state->longest_gap = now - state->last_beat;
      state->longest_gap_start = state->last_beat;
    }
  state->last_beat = now;

  /* The first beat after the block has measured the freeze. */
  if (state->blocked || g_cancellable_is_cancelled (g_task_get_cancellable (state->task)))
    {
      finish_run (state);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The cap is this app's limit, not a time limit the UI thread set: the run stops there, with
 * whatever call is under way, as it does when the learner stops it. */
static gboolean
stop_at_cap_cb (gpointer data)
{
  UiBlockingRun *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);

  if (!g_cancellable_is_cancelled (state->calls))
    {
      inflight_trace_add_mark (run->trace, state->ui_lane, _("stopped: the UI thread is held 3 s at most"));
      g_cancellable_cancel (state->calls);
    }

  return G_SOURCE_REMOVE;
}

static void
on_call_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Makes call @request and blocks on it, as inflight_service_call() does, but only until @deadline. */
static void
call_until (UiBlockingRun  *state,
            guint           request,
            gint64          deadline,
            GError        **error)
{
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSource) cap = NULL;
  gint64 left = deadline - g_get_monotonic_time ();

  /* listing: begin */
  g_main_context_push_thread_default (context);
  inflight_service_call_async (state->service, request, state->ui_lane,
                               inflight_service_get_timeout (state->service), on_call_done_cb, &result);

  cap = g_timeout_source_new ((guint) ((MAX (left, 0) + 999) / 1000));
  g_source_set_static_name (cap, "[inflight] UI thread held long enough");
  g_source_set_callback (cap, stop_at_cap_cb, state, NULL);
  g_source_attach (cap, context);

  /* The UI thread runs this little context, not its own: no frame, no click until the reply. */
  inflight_trace_reach (run->trace, state->ui_lane, INFLIGHT_CODE_WAIT, request);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (cap);
  inflight_trace_reach (run->trace, state->ui_lane, INFLIGHT_CODE_RESULT, request);
  inflight_service_call_finish (state->service, result, error);
  g_main_context_pop_thread_default (context);
  /* listing: end */
}

/* Parks the UI thread itself, one call after another, up to the cap. */
static gboolean
block_cb (gpointer data)
{
  UiBlockingRun *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  guint requests = inflight_scenario_get_requests (run->scenario);
  gint64 deadline = g_get_monotonic_time () + FREEZE_CAP_US;

  /* listing: begin */
  for (guint i = 1; i <= requests && !g_cancellable_is_cancelled (state->calls); i++)
    {
      g_autoptr(GError) error = NULL;
      guint span;

      if (g_get_monotonic_time () >= deadline)
        {
          stop_at_cap_cb (state);
          break;
        }

      /* A blocking call, made on the thread that draws the window. */
      inflight_trace_reach (run->trace, state->ui_lane, INFLIGHT_CODE_CALL, i);
      span = inflight_trace_begin_span (run->trace, state->ui_lane, 0, INFLIGHT_SPAN_WAITING);
      call_until (state, i, deadline, &error);
      inflight_trace_end_span (run->trace, span);
      inflight_runner_mark_error (run, state->ui_lane, i, error);
    }
  /* listing: end */

  state->blocked = TRUE;

  return G_SOURCE_REMOVE;
}

static void
on_run_cancelled_cb (GCancellable *run_cancellable,
                     GCancellable *calls)
{
  g_cancellable_cancel (calls);
}

static void
inflight_ui_blocking_runner_run (InflightRunner *runner,
                                 GTask          *task)
{
  UiBlockingRun *state = g_new0 (UiBlockingRun, 1);
  GMainContext *context = g_task_get_context (task);
  InflightRun *run = inflight_runner_get_run (task);
  guint service_lane;

  state->task = g_object_ref (task);
  state->calls = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    state->run_cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                                     G_CALLBACK (on_run_cancelled_cb), state->calls, NULL);

  /* As inflight_runner_start_service() does, but with a cancellable of its own that the cap can cancel. */
  state->ui_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_UI_THREAD, _("UI thread"));
  service_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_SERVICE, _("Service"));
  state->service = inflight_service_new (run->scenario, run->trace, service_lane,
                                         INFLIGHT_SERVICE_THREADS, state->calls);
  inflight_service_follow (state->service, run->live);
  inflight_trace_start (run->trace);

  state->heartbeat = g_timeout_source_new (HEARTBEAT_MS);
  g_source_set_static_name (state->heartbeat, "[inflight] UI heartbeat");
  g_source_set_priority (state->heartbeat, G_PRIORITY_HIGH);
  g_source_set_callback (state->heartbeat, heartbeat_cb, state, NULL);
  g_source_attach (state->heartbeat, context);

  state->block = g_timeout_source_new (LEAD_IN_MS);
  g_source_set_static_name (state->block, "[inflight] block the UI thread");
  g_source_set_callback (state->block, block_cb, state, NULL);
  g_source_attach (state->block, context);
}

static void
inflight_ui_blocking_runner_class_init (InflightUiBlockingRunnerClass *klass)
{
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  runner_class->run = inflight_ui_blocking_runner_run;
}

static void
inflight_ui_blocking_runner_init (InflightUiBlockingRunner *self)
{
}
