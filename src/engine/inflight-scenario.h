/* inflight-scenario.h
 * The parameters of one experiment: strategy, requests, latency, workers and the service's faults.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  INFLIGHT_STRATEGY_BLOCKING,
  INFLIGHT_STRATEGY_UI_BLOCKING,
  INFLIGHT_STRATEGY_CALLBACK,
  INFLIGHT_STRATEGY_FUTURE,
  INFLIGHT_STRATEGY_QUEUE,
  INFLIGHT_STRATEGY_EVENT_LOOP,
  INFLIGHT_STRATEGY_PARALLEL,
} InflightStrategy;

/* The documented ranges of every parameter. */
#define INFLIGHT_REQUESTS_MIN     1
#define INFLIGHT_REQUESTS_MAX     200
#define INFLIGHT_LATENCY_MS_MIN   0
#define INFLIGHT_LATENCY_MS_MAX   10000
#define INFLIGHT_JITTER_PCT_MIN   0
#define INFLIGHT_JITTER_PCT_MAX   100
#define INFLIGHT_WORKERS_MIN      1
#define INFLIGHT_WORKERS_MAX      64
#define INFLIGHT_FAILURE_PCT_MIN  0
#define INFLIGHT_FAILURE_PCT_MAX  100

#define INFLIGHT_TYPE_SCENARIO (inflight_scenario_get_type ())

G_DECLARE_FINAL_TYPE (InflightScenario, inflight_scenario, INFLIGHT, SCENARIO, GObject)

InflightScenario *inflight_scenario_new                  (InflightStrategy  strategy);
InflightScenario *inflight_scenario_copy                 (InflightScenario *self);
InflightStrategy  inflight_scenario_get_strategy         (InflightScenario *self);
void              inflight_scenario_set_strategy         (InflightScenario *self,
                                                          InflightStrategy  strategy);
guint             inflight_scenario_get_requests         (InflightScenario *self);
void              inflight_scenario_set_requests         (InflightScenario *self,
                                                          guint             requests);
guint             inflight_scenario_get_latency_ms       (InflightScenario *self);
void              inflight_scenario_set_latency_ms       (InflightScenario *self,
                                                          guint             latency_ms);
guint             inflight_scenario_get_jitter_pct       (InflightScenario *self);
void              inflight_scenario_set_jitter_pct       (InflightScenario *self,
                                                          guint             jitter_pct);
guint             inflight_scenario_get_workers          (InflightScenario *self);
void              inflight_scenario_set_workers          (InflightScenario *self,
                                                          guint             workers);
guint             inflight_scenario_get_failure_pct      (InflightScenario *self);
void              inflight_scenario_set_failure_pct      (InflightScenario *self,
                                                          guint             failure_pct);
guint             inflight_scenario_get_seed             (InflightScenario *self);
void              inflight_scenario_set_seed             (InflightScenario *self,
                                                          guint             seed);
gboolean          inflight_scenario_set_by_name          (InflightScenario *self,
                                                          const char       *name,
                                                          const char       *value,
                                                          GError          **error);

const char       *inflight_strategy_to_string            (InflightStrategy  strategy);
gboolean          inflight_strategy_from_string          (const char       *name,
                                                          InflightStrategy *strategy);
const char       *inflight_strategy_get_title            (InflightStrategy  strategy);

G_END_DECLS
