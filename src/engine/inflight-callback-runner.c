/* inflight-callback-runner.c
 * Asynchronous calls: the caller fires every request, goes on with other work,
 * and each reply calls it back on its own main context.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-callback-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-callback-runner.h"
#include "inflight-service.h"

/* The caller's other work: a real computation, in slices short enough to let
 * callbacks and frames through between them. */
#define WORK_SLICE_US    500
#define WORK_INTERVAL_MS 4

struct _InflightCallbackRunner
{
  InflightRunner parent_instance;
};

typedef struct
{
  GTask           *task;
  InflightService *service;
  GSource         *work_source;
  guint            caller_lane;
  guint            work_span;
  guint            requests;
  guint            completed;
  guint            work_units;
  guint64          work_checksum;
} CallbackRun;

G_DEFINE_FINAL_TYPE (InflightCallbackRunner, inflight_callback_runner, INFLIGHT_TYPE_RUNNER)

/* One slice of genuine computation, so the caller is really busy meanwhile. */
static gboolean
do_other_work_cb (gpointer data)
{
  CallbackRun *state = data;
  gint64 until = g_get_monotonic_time () + WORK_SLICE_US;
  guint64 x = state->work_checksum | 1;

  do
    {
      for (guint i = 0; i < 1000; i++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
  while (g_get_monotonic_time () < until);

  state->work_checksum = x;
  state->work_units++;

  return G_SOURCE_CONTINUE;
}

static void
finish_run (CallbackRun *state)
{
  InflightRun *run = g_task_get_task_data (state->task);
  g_autoptr(GTask) task = g_steal_pointer (&state->task);
  g_autofree char *label = NULL;

  g_source_destroy (state->work_source);
  g_clear_pointer (&state->work_source, g_source_unref);
  inflight_trace_end_span (run->trace, state->work_span);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "did %u slice of other work meanwhile",
                                        "did %u slices of other work meanwhile",
                                        state->work_units),
                           state->work_units);
  inflight_trace_add_mark (run->trace, state->caller_lane, label);

  inflight_service_shutdown (state->service);
  g_clear_object (&state->service);
  g_free (state);

  inflight_runner_return (task, NULL);
}

/* The callback: runs on the caller's main context when a reply arrives. */
static void
on_reply_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CallbackRun *state = user_data;
  InflightRun *run = g_task_get_task_data (state->task);
  g_autoptr(GError) error = NULL;

  if (!inflight_service_call_finish (INFLIGHT_SERVICE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *label = g_strdup_printf (_("callback: %s"), error->message);

      inflight_trace_add_mark (run->trace, state->caller_lane, label);
    }

  if (++state->completed == state->requests)
    finish_run (state);
}

static void
inflight_callback_runner_run (InflightRunner *runner,
                              GTask          *task)
{
  InflightRun *run = g_task_get_task_data (task);
  CallbackRun *state;
  guint service_lane;

  state = g_new0 (CallbackRun, 1);
  state->task = g_object_ref (task);
  state->requests = inflight_scenario_get_requests (run->scenario);
  state->caller_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_CALLER, _("Caller (main loop)"));
  service_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_SERVICE, _("Service"));
  state->service = inflight_service_new (run->scenario, run->trace, service_lane,
                                         g_task_get_cancellable (task));

  inflight_trace_start (run->trace);

  for (guint i = 1; i <= state->requests; i++)
    inflight_service_call_async (state->service, i, state->caller_lane, on_reply_cb, state);

  /* Nothing to wait for: the caller carries on with its own work. */
  state->work_span = inflight_trace_begin_span (run->trace, state->caller_lane, 0, INFLIGHT_SPAN_WORKING);
  state->work_source = g_timeout_source_new (WORK_INTERVAL_MS);
  g_source_set_static_name (state->work_source, "[inflight] caller's other work");
  g_source_set_callback (state->work_source, do_other_work_cb, state, NULL);
  g_source_attach (state->work_source, g_task_get_context (task));
}

static void
inflight_callback_runner_class_init (InflightCallbackRunnerClass *klass)
{
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  runner_class->run = inflight_callback_runner_run;
}

static void
inflight_callback_runner_init (InflightCallbackRunner *self)
{
}
