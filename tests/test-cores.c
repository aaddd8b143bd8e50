/* test-cores.c
 * Lesson 11 without confounds: the one-thread event loop does not depend on the number of
 * workers; threads that outnumber the cores are drawn waiting for a core, and no more of
 * them are drawn working at once than there are cores; the parallel theory holds on a grid,
 * workers above requests and above cores included.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

#define MS 1000

static InflightTraceSnapshot *
run (InflightStrategy strategy,
     guint            requests,
     guint            latency_ms,
     guint            workers)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategy, requests, latency_ms, workers);
  g_autoptr(GError) error = NULL;
  InflightTraceSnapshot *snap = inflight_test_run (scenario, 0, &error);

  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);

  return snap;
}

/* The event loop keeps every call in flight whatever Workers says: one worker or eight, the
 * same run, about one latency long. */
static void
test_event_loop_ignores_workers (void)
{
  g_autoptr(InflightTraceSnapshot) one = run (INFLIGHT_STRATEGY_EVENT_LOOP, 8, 100, 1);
  g_autoptr(InflightTraceSnapshot) eight = run (INFLIGHT_STRATEGY_EVENT_LOOP, 8, 100, 8);
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_EVENT_LOOP, 8, 100, 1);
  InflightMetrics a, b;

  inflight_metrics_compute (one, &a);
  inflight_metrics_compute (eight, &b);
  g_test_message ("event loop: %" G_GINT64_FORMAT " µs with 1 worker, %" G_GINT64_FORMAT " µs with 8",
                  a.total, b.total);
  g_assert_cmpint (a.total, <, 160 * MS);
  g_assert_cmpint (b.total, <, 160 * MS);
  g_assert_cmpint (inflight_model_predict_total (scenario), ==, 100 * MS);
  inflight_scenario_set_workers (scenario, 8);
  g_assert_cmpint (inflight_model_predict_total (scenario), ==, 100 * MS);
}

/* At each instant, how many thread lanes are drawn working: never more than the cores. */
static guint
most_working_at_once (const InflightTraceSnapshot *snap)
{
  g_autoptr(GArray) edges = inflight_test_working_edges (snap);
  guint most = 0;
  gint running = 0;

  for (guint i = 0; i < edges->len; i++)
    {
      running += (gint) g_array_index (edges, gint64, 2 * i + 1);
      most = MAX (most, (guint) MAX (running, 0));
    }

  return most;
}

static void
test_threads_wait_for_cores (void)
{
  guint cores = inflight_model_get_cores ();
  guint threads = 4 * cores;
  gint64 ready = 0, working = 0;
  guint most = G_MAXUINT;

  /* The samples are of each thread's processor time: other programs busy on these cores can
   * make two samples of one thread straddle another's. Up to three runs, the fairest counts. */
  for (guint attempt = 0; attempt < 3 && most > cores + 1; attempt++)
    {
      g_autoptr(InflightTraceSnapshot) snap = run (INFLIGHT_STRATEGY_PARALLEL, threads, 60, threads);

      ready = working = 0;
      for (guint lane = 1; lane < snap->n_lanes; lane++)
        {
          ready += inflight_metrics_lane_time (snap, lane, INFLIGHT_SPAN_READY);
          working += inflight_metrics_lane_time (snap, lane, INFLIGHT_SPAN_WORKING);
        }
      most = most_working_at_once (snap);
      g_test_message ("%u threads on %u cores: working %" G_GINT64_FORMAT " µs, waiting for a core %" G_GINT64_FORMAT
                      " µs, at most %u working at once", threads, cores, working, ready, most);
    }

  /* Four threads a core: most of their time is spent waiting for one, and it shows. */
  g_assert_cmpint (ready, >, working);
  /* A sample can straddle a switch: allow one thread more than there are cores. */
  g_assert_cmpuint (most, <=, cores + 1);
}

/* The theory against real runs, workers below, at and above both requests and cores. */
static void
test_parallel_theory_grid (void)
{
  const guint workers[] = { 1, 2, 3, 8, 16 };
  const guint requests[] = { 1, 3, 8 };

  for (guint w = 0; w < G_N_ELEMENTS (workers); w++)
    for (guint r = 0; r < G_N_ELEMENTS (requests); r++)
      {
        g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_PARALLEL, requests[r], 20,
                                                                       workers[w]);
        gint64 predicted = 0;
        InflightMetrics metrics;

        /* Other programs share these cores, and can take them during the one-thread phase the
         * theory is scaled by, or during the shared-out phase: up to five tries, so that a
         * busy moment is not taken for a wrong theory. */
        for (guint attempt = 0; attempt < 5; attempt++)
          {
            g_autoptr(InflightTraceSnapshot) snap = NULL;
            g_autoptr(GError) error = NULL;

            snap = inflight_test_run (scenario, 0, &error);
            g_assert_no_error (error);
            inflight_metrics_compute (snap, &metrics);
            predicted = inflight_test_parallel_theory (scenario, snap);
            g_test_message ("%u items, %u workers: measured %" G_GINT64_FORMAT " µs, theory %" G_GINT64_FORMAT
                            " µs for the items' measured size", requests[r], workers[w], metrics.total, predicted);
            if (metrics.total >= predicted * 8 / 10 && metrics.total <= predicted * 16 / 10 + 20 * MS)
              break;
          }
        /* Shared machines lend their cores unevenly: the bound is loose, the shape is not. */
        g_assert_cmpint (metrics.total, >=, predicted * 8 / 10);
        g_assert_cmpint (metrics.total, <=, predicted * 16 / 10 + 20 * MS);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/cores/event-loop-ignores-workers", test_event_loop_ignores_workers);
  inflight_test_add_timed_func ("/cores/threads-wait-for-cores", test_threads_wait_for_cores);
  inflight_test_add_timed_func ("/cores/parallel-theory-grid", test_parallel_theory_grid);

  return g_test_run ();
}
