/* test-futures.c
 * Lesson 6's runs: a caller holding futures waits only for what is not there yet when it
 * awaits, not at all once its own work outlasts the calls, and never with continuations;
 * the theory holds over a grid of work, latency and requests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-diagram-text.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

#define MS 1000

static InflightTraceSnapshot *
run_futures (guint    requests,
             guint    latency_ms,
             guint    await_after_ms,
             gboolean continuation)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_FUTURE, requests, latency_ms, 64);
  g_autoptr(GError) error = NULL;
  InflightTraceSnapshot *snap;

  inflight_scenario_set_await_after_ms (scenario, await_after_ms);
  inflight_scenario_set_continuation (scenario, continuation);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);

  return snap;
}

static gint
count_marks (const InflightTraceSnapshot *snap,
             const char                  *part)
{
  gint n = 0;

  for (guint i = 0; i < snap->n_marks; i++)
    n += strstr (snap->marks[i].label, part) != NULL;

  return n;
}

/* Work that outlasts the calls: every future is there when awaited, and the caller never
 * waits; the awaits read as one mark, not a pile of them at one instant. */
static void
test_work_outlasts_the_calls (void)
{
  g_autoptr(InflightTraceSnapshot) snap = run_futures (4, 60, 150, FALSE);
  guint caller = inflight_diagram_caller_lane (snap);

  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WAITING), ==, 0);
  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WORKING), >=, 140 * MS);
  g_assert_cmpint (count_marks (snap, "resolved already, no pause"), ==, 1);
  g_assert_cmpint (count_marks (snap, "#1, #2, #3, #4 awaited"), ==, 1);
}

/* No work first: the caller waits for about a latency, in one wait for the first future. */
static void
test_no_work_waits (void)
{
  g_autoptr(InflightTraceSnapshot) snap = run_futures (4, 80, 0, FALSE);
  guint caller = inflight_diagram_caller_lane (snap);
  gint64 waited = inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WAITING);

  g_test_message ("waited %" G_GINT64_FORMAT " µs", waited);
  g_assert_cmpint (waited, >=, 70 * MS);
  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WORKING), ==, 0);
  g_assert_cmpint (count_marks (snap, "#1 awaited"), ==, 1);
}

/* Continuations: the caller never waits; after its own work it is free until the last one ran. */
static void
test_continuations_never_wait (void)
{
  g_autoptr(InflightTraceSnapshot) snap = run_futures (4, 80, 20, TRUE);
  guint caller = inflight_diagram_caller_lane (snap);

  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WAITING), ==, 0);
  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_IDLE), >=, 50 * MS);
  g_assert_cmpint (count_marks (snap, "its continuation runs"), ==, 4);
  g_assert_cmpint (count_marks (snap, "awaited"), ==, 0);
}

/* The theory against real runs, over work below, at and beyond the latency. */
static void
test_theory_grid (void)
{
  const guint requests[] = { 1, 4 };
  const guint latencies[] = { 40, 100 };
  const double works[] = { 0, 0.5, 1, 2 };

  for (guint r = 0; r < G_N_ELEMENTS (requests); r++)
    for (guint l = 0; l < G_N_ELEMENTS (latencies); l++)
      for (guint w = 0; w < G_N_ELEMENTS (works); w++)
        for (guint c = 0; c < 2; c++)
          {
            g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_FUTURE, requests[r],
                                                                           latencies[l], 64);
            g_autoptr(InflightTraceSnapshot) snap = NULL;
            g_autoptr(GError) error = NULL;
            InflightMetrics metrics;
            gint64 predicted;

            inflight_scenario_set_await_after_ms (scenario, (guint) (works[w] * latencies[l]));
            inflight_scenario_set_continuation (scenario, c == 1);
            predicted = inflight_model_predict_total (scenario);
            snap = inflight_test_run (scenario, 0, &error);
            g_assert_no_error (error);
            inflight_metrics_compute (snap, &metrics);
            g_test_message ("%u requests, %u ms, work %.1f L, %s: measured %" G_GINT64_FORMAT
                            " µs, theory %" G_GINT64_FORMAT " µs", requests[r], latencies[l], works[w],
                            c ? "continuations" : "awaits", metrics.total, predicted);
            g_assert_cmpint (metrics.total, >=, predicted * 95 / 100);
            g_assert_cmpint (metrics.total, <=, predicted * 13 / 10 + 20 * MS);
          }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/futures/work-outlasts-the-calls", test_work_outlasts_the_calls);
  inflight_test_add_timed_func ("/futures/no-work-waits", test_no_work_waits);
  inflight_test_add_timed_func ("/futures/continuations-never-wait", test_continuations_never_wait);
  inflight_test_add_timed_func ("/futures/theory-grid", test_theory_grid);

  return g_test_run ();
}
