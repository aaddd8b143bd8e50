/* inflight-test-util.c
 * Helpers the engine tests share: run a scenario to the end, count threads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-test-util.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/**
 * inflight_test_run:
 * @cancel_after_ms: 0 to let the run end by itself
 *
 * Runs @scenario with its strategy's runner on a main loop of its own.
 *
 * Returns: (transfer full): the finished trace's snapshot
 */
InflightTraceSnapshot *
inflight_test_run (InflightScenario  *scenario,
                   guint              cancel_after_ms,
                   GError           **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(InflightRunner) runner = NULL;
  g_autoptr(InflightTrace) trace = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = NULL;
  InflightTraceSnapshot *snapshot;
  Wait wait = { NULL, NULL };

  g_main_context_push_thread_default (context);

  runner = inflight_runner_new (inflight_scenario_get_strategy (scenario));
  g_assert_nonnull (runner);
  trace = inflight_trace_new ();
  wait.loop = g_main_loop_new (context, FALSE);

  if (cancel_after_ms > 0)
    {
      timeout = g_timeout_source_new (cancel_after_ms);
      g_source_set_callback (timeout, cancel_cb, cancellable, NULL);
      g_source_attach (timeout, context);
    }

  inflight_runner_run_async (runner, scenario, trace, cancellable, run_done_cb, &wait);
  g_main_loop_run (wait.loop);

  if (timeout != NULL)
    g_source_destroy (timeout);

  inflight_runner_run_finish (runner, wait.result, error);
  snapshot = inflight_trace_snapshot (trace);

  g_clear_object (&wait.result);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);

  return snapshot;
}

/**
 * inflight_test_count_threads:
 *
 * Returns: how many threads this process has now, as the kernel counts them.
 */
guint
inflight_test_count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}
