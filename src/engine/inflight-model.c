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

/* A caller making @n calls one after another: each takes the latency, unless it reaches the
 * service during an outage, which refuses it at once or, when it @hangs, holds it until the
 * outage is over; a caller with a timeout gives up after it. */
static gint64
one_at_a_time (gint64   n,
               gint64   latency,
               gint64   work,
               gint64   travel,
               gint64   down_at,
               gint64   down_for,
               gboolean hangs,
               gint64   timeout)
{
  gint64 t = 0, way = travel / 2, back_at = down_at + down_for;

  for (gint64 i = 0; i < n; i++)
    {
      gint64 arrives = t + way, done = t + latency;

      if (down_for > 0 && arrives >= down_at && arrives < back_at)
        done = hangs ? back_at + work + way : arrives + way;
      if (timeout > 0 && done - t > timeout)
        done = t + timeout;
      t = done;
    }

  return t;
}

/* @n requests of @latency each through a queue to @c workers that stop taking requests while
 * an outage lasts: each request goes to the worker free first, or waits for the outage's end. */
static gint64
through_a_queue (gint64 n,
                 gint64 c,
                 gint64 latency,
                 gint64 down_at,
                 gint64 down_for)
{
  gint64 free_at[INFLIGHT_WORKERS_MAX] = { 0 };
  gint64 workers = CLAMP (MIN (c, n), 1, INFLIGHT_WORKERS_MAX), last = 0;

  for (gint64 i = 0; i < n; i++)
    {
      gint64 k = 0, start;

      for (gint64 w = 1; w < workers; w++)
        if (free_at[w] < free_at[k])
          k = w;
      start = free_at[k];
      if (down_for > 0 && start >= down_at && start < down_at + down_for)
        start = down_at + down_for;
      free_at[k] = start + latency;
      last = MAX (last, free_at[k]);
    }

  return last;
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

  /* One call after another, through an outage: refused on arrival, or held until it ends. */
  if (strategy == INFLIGHT_STRATEGY_BLOCKING || strategy == INFLIGHT_STRATEGY_UI_BLOCKING)
    {
      healthy = one_at_a_time (n, latency, work, travel, down_at, down_for,
                               inflight_scenario_get_hangs (scenario), timeout);
      return strategy == INFLIGHT_STRATEGY_UI_BLOCKING ? MIN (healthy, INFLIGHT_UI_FREEZE_CAP_US) : healthy;
    }

  /* A caller that gives up after T waits min(L, T) for each call. */
  if (timeout > 0 && timeout < latency && strategy != INFLIGHT_STRATEGY_QUEUE &&
      strategy != INFLIGHT_STRATEGY_PARALLEL)
    {
      latency = timeout;
      work = MAX (timeout - travel, 0);
    }

  switch (strategy)
    {

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
      /* Requests wait out an outage in the queue, then go through. */
      return through_a_queue (n, c, latency, down_at, down_for);

    case INFLIGHT_STRATEGY_PARALLEL:
      {
        /* Only threads that get an item work: min(c, n). Each does its share of rounds, and
         * together they cannot run faster than the cores they share. */
        gint64 threads = MIN (c, n);
        gint64 shared = MAX (ceil_div (n, threads) * latency, n * latency / MIN (threads, cores));

        return n * latency + shared;
      }

    case INFLIGHT_STRATEGY_BLOCKING:
    case INFLIGHT_STRATEGY_UI_BLOCKING:
    default:
      g_return_val_if_reached (0);
    }
}
