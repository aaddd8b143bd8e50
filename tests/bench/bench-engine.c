/* bench-engine.c
 * How faithful each strategy's real timing is to its theory, and what the queue strategy's
 * recording costs next to a bare GAsyncQueue doing the same work, measured side by side, and
 * how many times as fast the parallel strategy's threads compute its items as one thread does.
 * Prints one figure a line: NAME VALUE.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

#define REPEATS          5
#define OVERHEAD_ITEMS   100000
#define OVERHEAD_WORKERS 4
#define LATENCY_MS       100

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* measured / predicted for one run: the total, or for the UI thread the freeze itself. */
static double
fidelity_once (InflightScenario *scenario)
{
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  gint64 measured;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (snap, &metrics);

  measured = inflight_scenario_get_strategy (scenario) == INFLIGHT_STRATEGY_UI_BLOCKING
             ? metrics.longest_freeze : metrics.total;

  return (double) measured / inflight_model_predict_total (scenario);
}

static void
bench_fidelity (InflightStrategy strategy,
                guint            requests,
                guint            workers)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (strategy);
  double ratios[REPEATS];

  inflight_scenario_set_requests (scenario, requests);
  inflight_scenario_set_latency_ms (scenario, LATENCY_MS);
  inflight_scenario_set_workers (scenario, workers);

  for (guint i = 0; i < REPEATS; i++)
    ratios[i] = fidelity_once (scenario);

  g_print ("fidelity-%s %.3f\n", inflight_strategy_to_string (strategy), median (ratios, REPEATS));
}

/* The parallel strategy's eight items, on one thread and then on @threads: how many times as
 * fast the threads were, measured within one run, so that both phases see the same machine. */
static double
parallel_speedup_once (guint threads)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_PARALLEL);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 alone = 0, start = G_MAXINT64, end = 0;

  inflight_scenario_set_requests (scenario, 8);
  inflight_scenario_set_latency_ms (scenario, 25);
  inflight_scenario_set_workers (scenario, threads);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];

      if (span->lane == 0)
        alone = MAX (alone, span->end);
      else
        {
          start = MIN (start, span->start);
          end = MAX (end, span->end);
        }
    }

  return end > start ? (double) alone / (end - start) : 0;
}

/* The queue strategy at L = 0: µs per request, recording and all. */
static double
queue_overhead_once (void)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  gint64 start, elapsed;

  inflight_scenario_set_requests (scenario, OVERHEAD_ITEMS);
  inflight_scenario_set_latency_ms (scenario, 0);
  inflight_scenario_set_workers (scenario, OVERHEAD_WORKERS);

  start = g_get_monotonic_time ();
  snap = inflight_test_run (scenario, 0, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (error);
  inflight_metrics_compute (snap, &metrics);
  g_assert_cmpuint (metrics.replies, ==, OVERHEAD_ITEMS);

  return (double) elapsed / OVERHEAD_ITEMS;
}

typedef struct
{
  GAsyncQueue *jobs;
  GAsyncQueue *replies;
} Bare;

#define BARE_STOP GUINT_TO_POINTER (G_MAXUINT)

static gpointer
bare_worker (gpointer data)
{
  Bare *bare = data;

  for (;;)
    {
      gpointer job = g_async_queue_pop (bare->jobs);

      if (job == BARE_STOP)
        return NULL;
      g_async_queue_push (bare->replies, job);
    }
}

static gpointer
bare_caller (gpointer data)
{
  Bare *bare = data;

  for (guint i = 1; i <= OVERHEAD_ITEMS; i++)
    g_async_queue_push (bare->jobs, GUINT_TO_POINTER (i));
  for (guint i = 1; i <= OVERHEAD_ITEMS; i++)
    g_async_queue_pop (bare->replies);

  return NULL;
}

/* The same traffic through a bare GAsyncQueue: a caller thread, four workers, replies back. */
static double
bare_queue_once (void)
{
  Bare bare = { g_async_queue_new (), g_async_queue_new () };
  GThread *workers[OVERHEAD_WORKERS];
  GThread *caller;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < OVERHEAD_WORKERS; i++)
    workers[i] = g_thread_new ("bare-worker", bare_worker, &bare);
  caller = g_thread_new ("bare-caller", bare_caller, &bare);
  g_thread_join (caller);
  for (guint i = 0; i < OVERHEAD_WORKERS; i++)
    g_async_queue_push (bare.jobs, BARE_STOP);
  for (guint i = 0; i < OVERHEAD_WORKERS; i++)
    g_thread_join (workers[i]);

  g_async_queue_unref (bare.jobs);
  g_async_queue_unref (bare.replies);

  return (double) (g_get_monotonic_time () - start) / OVERHEAD_ITEMS;
}

int
main (int   argc,
      char *argv[])
{
  double overhead[REPEATS], baseline[REPEATS], speedup[REPEATS];
  double overhead_us, baseline_us;
  guint cores = inflight_model_get_cores ();

  g_print ("cores %u\n", cores);

  bench_fidelity (INFLIGHT_STRATEGY_BLOCKING, 10, 1);
  bench_fidelity (INFLIGHT_STRATEGY_UI_BLOCKING, 10, 1);
  bench_fidelity (INFLIGHT_STRATEGY_CALLBACK, 50, 50);
  bench_fidelity (INFLIGHT_STRATEGY_FUTURE, 50, 50);
  bench_fidelity (INFLIGHT_STRATEGY_EVENT_LOOP, 50, 50);
  bench_fidelity (INFLIGHT_STRATEGY_QUEUE, 32, 8);
  bench_fidelity (INFLIGHT_STRATEGY_PARALLEL, 2 * cores, cores);

  for (guint i = 0; i < REPEATS; i++)
    speedup[i] = parallel_speedup_once (MIN (cores, 4));
  g_print ("parallel-speedup %.2f\n", median (speedup, REPEATS));

  /* Side by side, interleaved, so that both see the same machine. */
  for (guint i = 0; i < REPEATS; i++)
    {
      overhead[i] = queue_overhead_once ();
      baseline[i] = bare_queue_once ();
    }
  overhead_us = median (overhead, REPEATS);
  baseline_us = median (baseline, REPEATS);

  g_print ("overhead-us %.3f\n", overhead_us);
  g_print ("baseline-us %.3f\n", baseline_us);
  g_print ("overhead-ratio %.2f\n", overhead_us / baseline_us);

  return 0;
}
