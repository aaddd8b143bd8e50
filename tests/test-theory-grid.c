/* test-theory-grid.c
 * The theory of every strategy that calls a service, against real runs, over a grid of slider
 * values: one request and several, workers from one to more than the requests and more than
 * the cores, short and longer calls. (Futures and parallel computing have grids of their own,
 * in test-futures and test-cores.) A run on a busy machine can only be slower than the theory,
 * so a run found too slow is tried again before it counts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

#define MS 1000
#define TRIES 3

static void
check_grid (InflightStrategy strategy)
{
  const guint requests[] = { 1, 4, 9 };
  const guint workers[] = { 1, 3, 12, 64 };
  const guint latencies[] = { 20, 60 };

  for (guint r = 0; r < G_N_ELEMENTS (requests); r++)
    for (guint w = 0; w < G_N_ELEMENTS (workers); w++)
      for (guint l = 0; l < G_N_ELEMENTS (latencies); l++)
        {
          g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategy, requests[r], latencies[l], workers[w]);
          gint64 predicted = inflight_model_predict_total (scenario);
          /* Starting a thread takes time the theory does not count: a queue starts all its
           * workers at once, a service one thread per call it has at a time. Allowed a
           * millisecond each (a thread sanitizer makes them slow to start). */
          guint threads = strategy == INFLIGHT_STRATEGY_QUEUE ? workers[w] : MIN (workers[w], requests[r]);
          gint64 slack = 20 * MS + (gint64) threads * MS;
          InflightMetrics metrics = { 0 };

          for (guint attempt = 0; attempt < TRIES; attempt++)
            {
              g_autoptr(InflightTraceSnapshot) snap = NULL;
              g_autoptr(GError) error = NULL;

              snap = inflight_test_run (scenario, 0, &error);
              g_assert_no_error (error);
              inflight_metrics_compute (snap, &metrics);
              g_assert_cmpuint (metrics.replies, ==, requests[r]);
              /* Never faster than the theory: that would be a wrong theory, not a busy machine. */
              g_assert_cmpint (metrics.total, >=, predicted * 95 / 100);
              if (metrics.total <= predicted * 13 / 10 + slack)
                break;
              g_test_message ("%s, %u requests, %u workers, %u ms: %" G_GINT64_FORMAT " µs, slow; again",
                              inflight_strategy_to_string (strategy), requests[r], workers[w], latencies[l],
                              metrics.total);
            }

          g_test_message ("%s, %u requests, %u workers, %u ms: measured %" G_GINT64_FORMAT
                          " µs, theory %" G_GINT64_FORMAT " µs", inflight_strategy_to_string (strategy),
                          requests[r], workers[w], latencies[l], metrics.total, predicted);
          g_assert_cmpint (metrics.total, <=, predicted * 13 / 10 + slack);
        }
}

static void
test_blocking (void)
{
  check_grid (INFLIGHT_STRATEGY_BLOCKING);
}

static void
test_callback (void)
{
  check_grid (INFLIGHT_STRATEGY_CALLBACK);
}

static void
test_event_loop (void)
{
  check_grid (INFLIGHT_STRATEGY_EVENT_LOOP);
}

static void
test_queue (void)
{
  check_grid (INFLIGHT_STRATEGY_QUEUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/theory-grid/blocking", test_blocking);
  inflight_test_add_timed_func ("/theory-grid/callback", test_callback);
  inflight_test_add_timed_func ("/theory-grid/event-loop", test_event_loop);
  inflight_test_add_timed_func ("/theory-grid/queue", test_queue);

  return g_test_run ();
}
