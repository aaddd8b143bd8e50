/* inflight-model.c
 * The theory each lesson sets its measurement against.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-model"

#include "config.h"

#include "inflight-model.h"
#include "inflight-service.h"

/**
 * inflight_model_get_cores:
 *
 * Returns: how many processors this machine lets the app use.
 */
guint
inflight_model_get_cores (void)
{
  return MAX (g_get_num_processors (), 1);
}

static gint64
ceil_div (gint64 a,
          gint64 b)
{
  return (a + b - 1) / b;
}

/**
 * inflight_model_predict_total:
 *
 * Returns: the total time, in µs, that @scenario should take in theory, with
 * every call taking exactly its latency L, n requests and c workers:
 *  - blocking: n·L, one call after another; on the UI thread, at most the cap;
 *  - callback, future, event loop: the calls overlap, so one L when the service
 *    has a slot for each; with fewer slots, ⌈n/c⌉ rounds of the service's own
 *    work plus one journey each way; a chain of d calls takes d times that;
 *  - queue: c workers each take one request at a time: ⌈n/c⌉·L;
 *  - parallel: n items of L of CPU work on one thread, then on min(c, n) threads
 *    of ceil(n / threads) items each, which this machine's cores run at most
 *    min(threads, cores) at a time.
 * A caller's timeout T shortens each wait to min(L, T); a service down from
 * the start for the whole run refuses each call on arrival, after only the
 * journeys; a queue's requests wait out an outage that starts with the run.
 */
gint64
inflight_model_predict_total (InflightScenario *scenario)
{
  gint64 n, c, latency, work, travel, cores, timeout, depth, down_at, down_for, healthy;
  InflightStrategy strategy;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), 0);

  strategy = inflight_scenario_get_strategy (scenario);
  n = inflight_scenario_get_requests (scenario);
  c = inflight_scenario_get_workers (scenario);
  latency = (gint64) inflight_scenario_get_latency_ms (scenario) * 1000;
  work = (gint64) (latency * (1.0 - 2 * INFLIGHT_TRANSIT_SHARE));
  travel = latency - work;
  cores = inflight_model_get_cores ();
  timeout = (gint64) inflight_scenario_get_timeout_ms (scenario) * 1000;
  depth = inflight_scenario_get_chain_depth (scenario);
  down_at = (gint64) inflight_scenario_get_down_at_ms (scenario) * 1000;
  down_for = (gint64) inflight_scenario_get_down_for_ms (scenario) * 1000;

  /* A caller that gives up after T waits min(L, T) for each call. */
  if (timeout > 0 && timeout < latency && strategy != INFLIGHT_STRATEGY_QUEUE &&
      strategy != INFLIGHT_STRATEGY_PARALLEL)
    {
      latency = timeout;
      work = MAX (timeout - travel, 0);
    }

  switch (strategy)
    {
    case INFLIGHT_STRATEGY_BLOCKING:
    case INFLIGHT_STRATEGY_UI_BLOCKING:
      healthy = n * latency;
      /* Down from the start and for the whole run: each call is refused on arrival. */
      if (down_for > 0 && down_at == 0 && down_for >= healthy)
        healthy = n * travel;
      return strategy == INFLIGHT_STRATEGY_UI_BLOCKING ? MIN (healthy, INFLIGHT_UI_FREEZE_CAP_US) : healthy;

    case INFLIGHT_STRATEGY_CALLBACK:
    case INFLIGHT_STRATEGY_EVENT_LOOP:
    case INFLIGHT_STRATEGY_FUTURE:
      if (strategy == INFLIGHT_STRATEGY_FUTURE)
        depth = 1;
      /* An event loop's timers keep every call in flight, whatever the workers. */
      if (strategy == INFLIGHT_STRATEGY_EVENT_LOOP)
        c = INFLIGHT_WORKERS_MAX;
      healthy = depth * (ceil_div (n, c) * work + travel);
      if (down_for > 0 && down_at == 0 && down_for >= healthy)
        healthy = travel;
      /* A caller with futures does its own work first: the run lasts as long as the longer of
       * that work and the calls, however it reacts to the results. */
      if (strategy == INFLIGHT_STRATEGY_FUTURE)
        healthy = MAX (healthy, (gint64) inflight_scenario_get_await_after_ms (scenario) * 1000);
      return healthy;

    case INFLIGHT_STRATEGY_QUEUE:
      /* Requests wait out an outage that starts with the run, then go through. */
      return (down_at == 0 ? down_for : 0) + ceil_div (n, c) * latency;

    case INFLIGHT_STRATEGY_PARALLEL:
      {
        /* Only threads that get an item work: min(c, n). Each does its share of rounds, and
         * together they cannot run faster than the cores they share. */
        gint64 threads = MIN (c, n);
        gint64 shared = MAX (ceil_div (n, threads) * latency, n * latency / MIN (threads, cores));

        return n * latency + shared;
      }

    default:
      g_return_val_if_reached (0);
    }
}
