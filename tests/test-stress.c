/* test-stress.c
 * Five hundred seeded random experiments, each started and cancelled at a random moment:
 * every one ends, consistently, and leaves nothing running. INFLIGHT_STRESS_RUNS=N runs
 * N of them instead (the asan gate runs a thousand).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "inflight-test-util.h"

#define DEFAULT_RUNS 500

/* A random experiment, small enough that hundreds fit in a few seconds. */
static InflightScenario *
random_scenario (GRand *rand)
{
  InflightStrategy strategy = g_rand_int_range (rand, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_PARALLEL + 1);
  InflightScenario *scenario = inflight_scenario_new (strategy);
  gboolean cpu = strategy == INFLIGHT_STRATEGY_PARALLEL;

  inflight_scenario_set_requests (scenario, g_rand_int_range (rand, 1, cpu ? 6 : 25));
  inflight_scenario_set_latency_ms (scenario, g_rand_int_range (rand, 0, cpu ? 4 : 25));
  inflight_scenario_set_workers (scenario, g_rand_int_range (rand, 1, 9));
  inflight_scenario_set_jitter_pct (scenario, g_rand_int_range (rand, 0, 101));
  inflight_scenario_set_failure_pct (scenario, g_rand_int_range (rand, 0, 101));
  inflight_scenario_set_seed (scenario, g_rand_int (rand));
  inflight_scenario_set_chain_depth (scenario, g_rand_int_range (rand, 1, 4));

  if (g_rand_boolean (rand))
    inflight_scenario_set_timeout_ms (scenario, g_rand_int_range (rand, 1, 30));
  if (g_rand_boolean (rand))
    {
      inflight_scenario_set_down_at_ms (scenario, g_rand_int_range (rand, 0, 20));
      inflight_scenario_set_down_for_ms (scenario, g_rand_int_range (rand, 1, 20));
    }
  inflight_scenario_set_down (scenario, g_rand_int_range (rand, 0, 10) == 0);

  return scenario;
}

static guint
n_runs (void)
{
  const char *env = g_getenv ("INFLIGHT_STRESS_RUNS");
  guint64 runs = DEFAULT_RUNS;
  g_autoptr(GError) error = NULL;

  if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 1, 100000, &runs, &error))
    g_error ("INFLIGHT_STRESS_RUNS: %s", error->message);

  return runs;
}

static void
test_random_start_and_cancel (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  g_autoptr(InflightScenario) warm_up = inflight_scenario_new (INFLIGHT_STRATEGY_CALLBACK);
  g_autoptr(InflightTraceSnapshot) first = NULL;
  guint runs = n_runs ();
  guint cancelled = 0, finished = 0;
  gint64 slowest = 0;
  guint threads;

  /* GLib starts a worker thread of its own the first time a run needs it; it stays. */
  inflight_scenario_set_latency_ms (warm_up, 1);
  first = inflight_test_run (warm_up, 0, NULL);
  threads = inflight_test_count_threads ();

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(InflightScenario) scenario = random_scenario (rand);
      g_autoptr(InflightTraceSnapshot) snap = NULL;
      g_autoptr(GError) error = NULL;
      gint64 cancel_at = g_rand_int_range (rand, 0, 30000);
      gboolean from_thread = g_rand_boolean (rand) ||
                             inflight_scenario_get_strategy (scenario) == INFLIGHT_STRATEGY_UI_BLOCKING;
      gint64 start = g_get_monotonic_time ();

      snap = inflight_test_run_full (scenario, cancel_at, from_thread, NULL, NULL, &error);

      if (error != NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          cancelled++;
        }
      else
        finished++;

      inflight_test_assert_consistent (snap);
      slowest = MAX (slowest, g_get_monotonic_time () - start - cancel_at);

      /* Every thread the run started is joined by the time it reports its end. */
      g_assert_cmpuint (inflight_test_threads_settle (threads), ==, threads);
    }

  g_test_message ("%u runs cancelled, %u finished first; the slowest ended %" G_GINT64_FORMAT " µs after its cancel",
                  cancelled, finished, slowest);
  g_assert_cmpuint (cancelled + finished, ==, runs);
  g_assert_cmpuint (cancelled, >, runs / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/random-start-and-cancel", test_random_start_and_cancel);

  return g_test_run ();
}
