/* inflight-service.h
 * The callee: slots held for each request's latency, with seeded jitter, failures, outages and timeouts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-scenario.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

/* A call's latency is its whole round trip: the request travels for this share
 * of it, the service works for what is left after both journeys, and the reply
 * travels back for the same share. */
#define INFLIGHT_TRANSIT_SHARE 0.1

/* How one request will go, drawn from the scenario's seed and the request number. */
typedef struct
{
  gint64   transit_in;   /* µs */
  gint64   work;         /* µs */
  gint64   transit_out;  /* µs */
  gboolean fails;
} InflightCallPlan;

/* Where the service's work happens. */
typedef enum
{
  INFLIGHT_SERVICE_THREADS,   /* worker threads of its own, really asleep while they work */
  INFLIGHT_SERVICE_TIMERS,    /* timers on the caller's main context: no thread at all */
} InflightServiceMode;

#define INFLIGHT_TYPE_SERVICE (inflight_service_get_type ())

G_DECLARE_FINAL_TYPE (InflightService, inflight_service, INFLIGHT, SERVICE, GObject)

void             inflight_call_plan_draw              (InflightCallPlan     *plan,
                                                       guint                 seed,
                                                       guint                 request,
                                                       guint                 latency_ms,
                                                       guint                 jitter_pct,
                                                       guint                 failure_pct);
gint64           inflight_call_plan_total             (const InflightCallPlan *plan);

InflightService *inflight_service_new                 (InflightScenario     *scenario,
                                                       InflightTrace        *trace,
                                                       guint                 lane,
                                                       InflightServiceMode   mode,
                                                       GCancellable         *cancellable);
void             inflight_service_plan                (InflightService      *self,
                                                       guint                 request,
                                                       InflightCallPlan     *plan);
void             inflight_service_call_async          (InflightService      *self,
                                                       guint                 request,
                                                       guint                 from_lane,
                                                       gint64                timeout_us,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean         inflight_service_call_finish         (InflightService      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean         inflight_service_call                (InflightService      *self,
                                                       guint                 request,
                                                       guint                 from_lane,
                                                       gint64                timeout_us,
                                                       GError              **error);
gint64           inflight_service_get_timeout         (InflightService      *self);
void             inflight_service_follow              (InflightService      *self,
                                                       InflightScenario     *live);
void             inflight_service_set_latency_ms      (InflightService      *self,
                                                       guint                 latency_ms);
void             inflight_service_set_workers         (InflightService      *self,
                                                       guint                 workers);
void             inflight_service_set_down            (InflightService      *self,
                                                       gboolean              down);
gboolean         inflight_service_is_down             (InflightService      *self);
void             inflight_service_shutdown            (InflightService      *self);
guint            inflight_service_get_threads_started (InflightService      *self);

G_END_DECLS
