/* test-sweep.c
 * Sweeps of real runs: total time falls with the worker count as the theory says, seeds
 * reorder replies, and a cancelled sweep stops at once and leaves no thread behind.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sweep"

#include "config.h"

#include <gio/gio.h>

#include "inflight-sweep.h"
#include "inflight-test-util.h"

#define MS ((gint64) 1000)

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  GArray       *indices;      /* of guint: each point-added's index, in order */
  GCancellable *cancellable;
  guint         cancel_after; /* cancel once this many points are in; 0: never */
  guint         cancel_delay_ms;
  gint64        cancelled_at;
} SweepWait;

static void
sweep_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SweepWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  SweepWait *wait = user_data;

  wait->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (wait->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_point_added_cb (InflightSweep            *sweep,
                   guint                     index,
                   const InflightSweepPoint *point,
                   SweepWait                *wait)
{
  /* Emitted on the sweep's context, with the point it has just stored. */
  g_assert_true (g_main_context_is_owner (g_main_loop_get_context (wait->loop)));
  g_assert_true (point == inflight_sweep_get_point (sweep, index));
  g_array_append_val (wait->indices, index);

  if (wait->cancel_after > 0 && wait->indices->len == wait->cancel_after)
    {
      g_autoptr(GSource) source = g_timeout_source_new (wait->cancel_delay_ms);

      g_source_set_callback (source, cancel_cb, wait, NULL);
      g_source_attach (source, g_main_loop_get_context (wait->loop));
    }
}

/* Runs @sweep to its end on a context of its own, as a window's main loop would. */
static gboolean
run_sweep (InflightSweep  *sweep,
           SweepWait      *wait,
           GError        **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gulong handler;
  gboolean ok;

  g_main_context_push_thread_default (context);

  wait->loop = g_main_loop_new (context, FALSE);
  wait->indices = g_array_new (FALSE, FALSE, sizeof (guint));
  handler = g_signal_connect (sweep, "point-added", G_CALLBACK (on_point_added_cb), wait);

  inflight_sweep_run_async (sweep, wait->cancellable, sweep_done_cb, wait);
  g_assert_true (inflight_sweep_get_running (sweep) ==
                 !(wait->cancellable != NULL && g_cancellable_is_cancelled (wait->cancellable)));
  g_main_loop_run (wait->loop);

  ok = inflight_sweep_run_finish (sweep, wait->result, error);
  g_assert_false (inflight_sweep_get_running (sweep));

  g_signal_handler_disconnect (sweep, handler);
  g_clear_object (&wait->result);
  g_main_loop_unref (wait->loop);
  g_main_context_pop_thread_default (context);

  return ok;
}

static void
sweep_wait_clear (SweepWait *wait)
{
  g_clear_pointer (&wait->indices, g_array_unref);
  g_clear_object (&wait->cancellable);
}

/* Tests */

/* Whether each total is below the one before: the measured curve falls as the theory's does. */
static gboolean
totals_fall (const InflightSweepPoint *points,
             guint                     n_points)
{
  for (guint i = 1; i < n_points; i++)
    if (points[i].measured >= points[i - 1].measured)
      return FALSE;

  return TRUE;
}

static void
test_workers (void)
{
  g_autoptr(InflightScenario) base = inflight_scenario_new (INFLIGHT_STRATEGY_CALLBACK);
  g_autoptr(InflightSweep) sweep = NULL;
  const InflightSweepPoint *points = NULL;
  guint n_points = 0;

  inflight_scenario_set_requests (base, 8);
  inflight_scenario_set_latency_ms (base, 40);
  sweep = inflight_sweep_new_workers (base, 1, 4);
  g_assert_cmpint (inflight_sweep_get_kind (sweep), ==, INFLIGHT_SWEEP_WORKERS);
  g_assert_cmpuint (inflight_sweep_get_n_runs (sweep), ==, 4);

  /* The sweep works on its own copy: later changes to the base do not count. */
  inflight_scenario_set_latency_ms (base, 2000);

  /* Theory: 264, 136, 104 and 72 ms. A busy machine may hold one run back by more than
   * the 32 ms between the last two, so the fall is given a second sweep; the bounds are not. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) error = NULL;
      SweepWait wait = { 0 };

      g_assert_true (run_sweep (sweep, &wait, &error));
      g_assert_no_error (error);

      points = inflight_sweep_get_points (sweep, &n_points);
      g_assert_cmpuint (n_points, ==, 4);
      g_assert_cmpuint (wait.indices->len, ==, 4);

      for (guint i = 0; i < n_points; i++)
        {
          const InflightSweepPoint *p = &points[i];

          g_test_message ("%u workers: measured %" G_GINT64_FORMAT " µs, theory %" G_GINT64_FORMAT " µs",
                          p->x, p->measured, p->predicted);

          g_assert_cmpuint (g_array_index (wait.indices, guint, i), ==, i);
          g_assert_cmpuint (p->x, ==, i + 1);
          g_assert_cmpint (p->predicted, ==, inflight_sweep_predict (sweep, p->x));
          g_assert_cmpint (p->measured, ==, p->metrics.total);
          g_assert_cmpint (p->measured, >=, (gint64) (0.95 * p->predicted));
          g_assert_cmpint (p->measured, <=, (gint64) (1.5 * p->predicted) + 30 * MS);
          g_assert_cmpuint (p->metrics.replies, ==, 8);
          g_assert_cmpuint (p->metrics.failed, ==, 0);
          g_assert_cmpuint (p->n_replies, ==, 8);
          if (i > 0)
            g_assert_cmpint (p->predicted, <, points[i - 1].predicted);
        }

      sweep_wait_clear (&wait);
      if (totals_fall (points, n_points))
        break;
    }

  g_assert_true (totals_fall (points, n_points));
}

static guint
count_out_of_order (const guint *order,
                    guint        n)
{
  guint highest = 0, late = 0;

  for (guint i = 0; i < n; i++)
    {
      if (order[i] < highest)
        late++;
      highest = MAX (highest, order[i]);
    }

  return late;
}

static void
test_seeds (void)
{
  g_autoptr(InflightScenario) base = inflight_scenario_new (INFLIGHT_STRATEGY_CALLBACK);
  g_autoptr(InflightSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = NULL;
  SweepWait wait = { 0 };
  guint n_counts = 0, total = 0, reordered_runs = 0;

  inflight_scenario_set_requests (base, 6);
  inflight_scenario_set_latency_ms (base, 30);
  inflight_scenario_set_jitter_pct (base, 80);
  inflight_scenario_set_workers (base, 6);
  sweep = inflight_sweep_new_seeds (base, 12);
  g_assert_cmpint (inflight_sweep_get_kind (sweep), ==, INFLIGHT_SWEEP_SEEDS);

  g_assert_true (run_sweep (sweep, &wait, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inflight_sweep_get_n_points (sweep), ==, 12);

  for (guint i = 0; i < 12; i++)
    {
      const InflightSweepPoint *p = inflight_sweep_get_point (sweep, i);
      gboolean seen[7] = { FALSE };

      g_assert_cmpuint (p->x, ==, i + 1);
      g_assert_cmpuint (p->n_replies, ==, 6);

      /* The order of arrival holds every request once, and agrees with the metrics. */
      for (guint r = 0; r < p->n_replies; r++)
        {
          g_assert_cmpuint (p->reply_order[r], >=, 1);
          g_assert_cmpuint (p->reply_order[r], <=, 6);
          g_assert_false (seen[p->reply_order[r]]);
          seen[p->reply_order[r]] = TRUE;
        }
      g_assert_cmpuint (count_out_of_order (p->reply_order, p->n_replies), ==, p->metrics.out_of_order);
    }

  counts = inflight_sweep_get_out_of_order_counts (sweep, &n_counts);
  g_assert_cmpuint (n_counts, ==, 7);
  for (guint k = 0; k < n_counts; k++)
    {
      g_test_message ("%u runs had %u replies out of order", counts[k], k);
      total += counts[k];
      if (k > 0)
        reordered_runs += counts[k];
    }
  g_assert_cmpuint (total, ==, 12);
  g_assert_cmpuint (reordered_runs, >=, 1);

  /* At most n − 1 replies can come after a later one. */
  g_assert_cmpuint (counts[6], ==, 0);

  /* Running again starts afresh. */
  sweep_wait_clear (&wait);
  g_assert_true (run_sweep (sweep, &wait, &error));
  g_assert_cmpuint (inflight_sweep_get_n_points (sweep), ==, 12);
  g_assert_cmpuint (wait.indices->len, ==, 12);
  g_assert_cmpuint (g_array_index (wait.indices, guint, 0), ==, 0);

  sweep_wait_clear (&wait);
}

static InflightScenario *
queue_scenario (guint latency_ms)
{
  InflightScenario *scenario = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);

  inflight_scenario_set_requests (scenario, 6);
  inflight_scenario_set_latency_ms (scenario, latency_ms);

  return scenario;
}

static void
test_cancel (void)
{
  g_autoptr(InflightScenario) warm_up = queue_scenario (1);
  g_autoptr(InflightScenario) base = queue_scenario (60);
  g_autoptr(InflightTraceSnapshot) first = NULL;
  g_autoptr(InflightSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  SweepWait wait = { 0 };
  gint64 stopped_after;
  guint threads;

  /* GLib starts threads of its own the first time a queue runs; they stay. */
  first = inflight_test_run (warm_up, 0, NULL);
  threads = inflight_test_count_threads ();

  /* 6 × 60 ms on one worker, then on two: cancelled 40 ms into the second run. */
  sweep = inflight_sweep_new_workers (base, 1, 4);
  wait.cancellable = g_cancellable_new ();
  wait.cancel_after = 1;
  wait.cancel_delay_ms = 40;

  g_assert_false (run_sweep (sweep, &wait, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  stopped_after = g_get_monotonic_time () - wait.cancelled_at;
  g_test_message ("the sweep ended %" G_GINT64_FORMAT " µs after its cancel", stopped_after);

  g_assert_cmpint (wait.cancelled_at, >, 0);
  g_assert_cmpint (stopped_after, <, 150 * MS);
  g_assert_cmpuint (inflight_sweep_get_n_points (sweep), ==, 1);
  g_assert_cmpuint (wait.indices->len, ==, 1);

  /* Every thread the runs started is joined by the time the sweep reports its end. */
  g_assert_cmpuint (inflight_test_threads_settle (threads), ==, threads);

  sweep_wait_clear (&wait);
}

static void
test_cancel_before_start (void)
{
  g_autoptr(InflightScenario) base = queue_scenario (20);
  g_autoptr(InflightSweep) sweep = inflight_sweep_new_seeds (base, 3);
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = NULL;
  SweepWait wait = { 0 };
  guint n_counts;

  wait.cancellable = g_cancellable_new ();
  g_cancellable_cancel (wait.cancellable);

  g_assert_false (run_sweep (sweep, &wait, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (inflight_sweep_get_n_points (sweep), ==, 0);

  counts = inflight_sweep_get_out_of_order_counts (sweep, &n_counts);
  g_assert_cmpuint (n_counts, ==, 7);
  for (guint k = 0; k < n_counts; k++)
    g_assert_cmpuint (counts[k], ==, 0);

  sweep_wait_clear (&wait);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/sweep/workers", test_workers);
  g_test_add_func ("/sweep/seeds", test_seeds);
  inflight_test_add_timed_func ("/sweep/cancel", test_cancel);
  g_test_add_func ("/sweep/cancel-before-start", test_cancel_before_start);

  return g_test_run ();
}
