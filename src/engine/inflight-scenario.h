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

/* The documented ranges of every parameter (property names in brackets):
 *
 *   requests     [requests]     1 … 100000   calls the caller makes
 *   latency      [latency-ms]   0 … 10000    ms a call takes, there and back; CPU work per item for parallel
 *   jitter       [jitter-pct]   0 … 100      % each part of a call may stretch or shrink, at random
 *   workers      [workers]      1 … 64       the service's slots, the queue's workers, or parallel threads
 *   failure rate [failure-pct]  0 … 100      % of requests the service fails
 *   seed         [seed]         0 … 4294967295  makes latencies and failures repeatable
 *   timeout      [timeout-ms]   0 … 60000    ms the caller waits before giving up; 0: forever
 *   down at      [down-at-ms]   0 … 60000    ms into the run when the service goes down
 *   down for     [down-for-ms]  0 … 60000    ms it stays down; 0: never down
 *   chain depth  [chain-depth]  1 … 10       calls in a chain, each started by the previous one's callback
 *   down         [down]         true, false  the service is down now (changed live, during a run)
 *   hangs        [hangs]        true, false  in its outage window the service takes requests and says
 *                                            nothing until the window ends, instead of refusing them
 *   caller down  [caller-down]  true, false  the caller is down now (changed live): a queue keeps its
 *                                            replies; a direct call's reply is lost
 *
 * Latency, workers, down and caller down apply live: a change during a run applies to the
 * requests not yet started. */
#define INFLIGHT_REQUESTS_MIN     1
#define INFLIGHT_REQUESTS_MAX     100000
#define INFLIGHT_LATENCY_MS_MIN   0
#define INFLIGHT_LATENCY_MS_MAX   10000
#define INFLIGHT_JITTER_PCT_MIN   0
#define INFLIGHT_JITTER_PCT_MAX   100
#define INFLIGHT_WORKERS_MIN      1
#define INFLIGHT_WORKERS_MAX      64
#define INFLIGHT_FAILURE_PCT_MIN  0
#define INFLIGHT_FAILURE_PCT_MAX  100
#define INFLIGHT_TIMEOUT_MS_MAX   60000
#define INFLIGHT_DOWN_MS_MAX      60000
#define INFLIGHT_CHAIN_DEPTH_MIN  1
#define INFLIGHT_CHAIN_DEPTH_MAX  10
#define INFLIGHT_AWAIT_AFTER_MS_MAX 3000

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
guint             inflight_scenario_get_timeout_ms       (InflightScenario *self);
void              inflight_scenario_set_timeout_ms       (InflightScenario *self,
                                                          guint             timeout_ms);
guint             inflight_scenario_get_down_at_ms       (InflightScenario *self);
void              inflight_scenario_set_down_at_ms       (InflightScenario *self,
                                                          guint             down_at_ms);
guint             inflight_scenario_get_down_for_ms      (InflightScenario *self);
void              inflight_scenario_set_down_for_ms      (InflightScenario *self,
                                                          guint             down_for_ms);
guint             inflight_scenario_get_chain_depth      (InflightScenario *self);
void              inflight_scenario_set_chain_depth      (InflightScenario *self,
                                                          guint             chain_depth);
guint             inflight_scenario_get_await_after_ms   (InflightScenario *self);
void              inflight_scenario_set_await_after_ms   (InflightScenario *self,
                                                          guint             await_after_ms);
gboolean          inflight_scenario_get_continuation     (InflightScenario *self);
void              inflight_scenario_set_continuation     (InflightScenario *self,
                                                          gboolean          continuation);
gboolean          inflight_scenario_get_down             (InflightScenario *self);
void              inflight_scenario_set_down             (InflightScenario *self,
                                                          gboolean          down);
gboolean          inflight_scenario_get_caller_down      (InflightScenario *self);
void              inflight_scenario_set_caller_down      (InflightScenario *self,
                                                          gboolean          caller_down);
gboolean          inflight_scenario_get_hangs            (InflightScenario *self);
void              inflight_scenario_set_hangs            (InflightScenario *self,
                                                          gboolean          hangs);
gboolean          inflight_scenario_set_by_name          (InflightScenario *self,
                                                          const char       *name,
                                                          const char       *value,
                                                          GError          **error);

const char       *inflight_strategy_to_string            (InflightStrategy  strategy);
gboolean          inflight_strategy_from_string          (const char       *name,
                                                          InflightStrategy *strategy);
const char       *inflight_strategy_get_title            (InflightStrategy  strategy);
const char       *inflight_strategy_get_list_name        (InflightStrategy  strategy);

G_END_DECLS
