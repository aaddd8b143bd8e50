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
 *  - parallel: n items of L of CPU work on one thread, then on c threads,
 *    which this machine's cores can run at most min(c, cores) at a time.
 */
gint64
inflight_model_predict_total (InflightScenario *scenario)
{
  gint64 n, c, latency, work, cores;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), 0);

  n = inflight_scenario_get_requests (scenario);
  c = inflight_scenario_get_workers (scenario);
  latency = (gint64) inflight_scenario_get_latency_ms (scenario) * 1000;
  work = (gint64) (latency * (1.0 - 2 * INFLIGHT_TRANSIT_SHARE));
  cores = inflight_model_get_cores ();

  switch (inflight_scenario_get_strategy (scenario))
    {
    case INFLIGHT_STRATEGY_BLOCKING:
      return n * latency;

    case INFLIGHT_STRATEGY_UI_BLOCKING:
      return MIN (n * latency, INFLIGHT_UI_FREEZE_CAP_US);

    case INFLIGHT_STRATEGY_CALLBACK:
    case INFLIGHT_STRATEGY_EVENT_LOOP:
      return inflight_scenario_get_chain_depth (scenario) *
             (ceil_div (n, c) * work + (latency - work));

    case INFLIGHT_STRATEGY_FUTURE:
      return ceil_div (n, c) * work + (latency - work);

    case INFLIGHT_STRATEGY_QUEUE:
      return ceil_div (n, c) * latency;

    case INFLIGHT_STRATEGY_PARALLEL:
      return n * latency + ceil_div (n, c) * latency * MAX (c, cores) / cores;

    default:
      g_return_val_if_reached (0);
    }
}
