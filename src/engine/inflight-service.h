/* inflight-service.h
 * The callee: worker threads that hold a slot for each request's latency, with seeded jitter and failures.
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

#define INFLIGHT_TYPE_SERVICE (inflight_service_get_type ())

G_DECLARE_FINAL_TYPE (InflightService, inflight_service, INFLIGHT, SERVICE, GObject)

InflightService *inflight_service_new                 (InflightScenario     *scenario,
                                                       InflightTrace        *trace,
                                                       guint                 lane,
                                                       GCancellable         *cancellable);
void             inflight_service_plan                (InflightService      *self,
                                                       guint                 request,
                                                       InflightCallPlan     *plan);
void             inflight_service_call_async          (InflightService      *self,
                                                       guint                 request,
                                                       guint                 from_lane,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean         inflight_service_call_finish         (InflightService      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean         inflight_service_call                (InflightService      *self,
                                                       guint                 request,
                                                       guint                 from_lane,
                                                       GError              **error);
void             inflight_service_shutdown            (InflightService      *self);
guint            inflight_service_get_threads_started (InflightService      *self);
guint            inflight_service_get_threads_running (InflightService      *self);

G_END_DECLS
