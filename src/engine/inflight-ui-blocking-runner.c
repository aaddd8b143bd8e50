/* inflight-ui-blocking-runner.c
 * A blocking call on the UI thread itself: the thread that runs the main context is parked,
 * so nothing else on that context runs — no frames, no input. A heartbeat source on the same
 * context measures, from the outside in, how long it really stopped.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-ui-blocking-runner"

#include "config.h"

#include <glib/gi18n.h>

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

/* Parks the UI thread itself, one call after another, up to the cap. */
static gboolean
block_cb (gpointer data)
{
  UiBlockingRun *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  guint requests = inflight_scenario_get_requests (run->scenario);
  gint64 timeout = inflight_service_get_timeout (state->service);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 1; i <= requests && !g_cancellable_is_cancelled (cancellable); i++)
    {
      gint64 left = FREEZE_CAP_US - (g_get_monotonic_time () - start);
      g_autoptr(GError) error = NULL;
      guint span;

      if (left <= 0)
        {
          inflight_trace_add_mark (run->trace, state->ui_lane, _("stopped: the UI thread is held 3 s at most"));
          break;
        }

      span = inflight_trace_begin_span (run->trace, state->ui_lane, 0, INFLIGHT_SPAN_WAITING);
      inflight_service_call (state->service, i, state->ui_lane,
                             timeout > 0 ? MIN (timeout, left) : left, &error);
      inflight_trace_end_span (run->trace, span);

      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *label = g_strdup_printf (_("#%u: %s"), i, error->message);

          inflight_trace_add_mark (run->trace, state->ui_lane, label);
        }
    }

  state->blocked = TRUE;

  return G_SOURCE_REMOVE;
}

static void
inflight_ui_blocking_runner_run (InflightRunner *runner,
                                 GTask          *task)
{
  UiBlockingRun *state = g_new0 (UiBlockingRun, 1);
  GMainContext *context = g_task_get_context (task);

  state->task = g_object_ref (task);
  state->service = inflight_runner_start_service (task, INFLIGHT_LANE_UI_THREAD, _("UI thread"),
                                                  INFLIGHT_SERVICE_THREADS, &state->ui_lane);

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
