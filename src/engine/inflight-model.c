/* inflight-model.c
 * The theory each lesson sets its measurement against.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-model"

#include "config.h"

#include "inflight-model.h"
#include "inflight-service.h"

/**
 * inflight_model_predict_total:
 *
 * Returns: the total time, in µs, that @scenario should take in theory,
 * with every request taking exactly its latency L:
 *  - blocking: n·L, one call after another;
 *  - callback: L when the service has a slot for every request; otherwise the
 *    requests pass through its c slots in ⌈n/c⌉ rounds of its working time,
 *    plus one journey each way.
 */
gint64
inflight_model_predict_total (InflightScenario *scenario)
{
  gint64 n, c, latency, work;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), 0);

  n = inflight_scenario_get_requests (scenario);
  c = inflight_scenario_get_workers (scenario);
  latency = (gint64) inflight_scenario_get_latency_ms (scenario) * 1000;
  work = (gint64) (latency * (1.0 - 2 * INFLIGHT_TRANSIT_SHARE));

  switch (inflight_scenario_get_strategy (scenario))
    {
    case INFLIGHT_STRATEGY_BLOCKING:
    case INFLIGHT_STRATEGY_UI_BLOCKING:
      return n * latency;

    case INFLIGHT_STRATEGY_CALLBACK:
    case INFLIGHT_STRATEGY_FUTURE:
    case INFLIGHT_STRATEGY_EVENT_LOOP:
    case INFLIGHT_STRATEGY_QUEUE:
      return ((n + c - 1) / c) * work + (latency - work);

    case INFLIGHT_STRATEGY_PARALLEL:
    default:
      g_return_val_if_reached (0);
    }
}
