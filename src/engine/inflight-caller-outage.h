/* inflight-caller-outage.h
 * The caller taken down and brought back during a run, as the learner switches it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-scenario.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

typedef struct _InflightCallerOutage InflightCallerOutage;

InflightCallerOutage *inflight_caller_outage_new         (InflightScenario     *scenario,
                                                          InflightScenario     *live,
                                                          InflightTrace        *trace,
                                                          guint                 lane,
                                                          GCancellable         *cancellable);
void                  inflight_caller_outage_set_context (InflightCallerOutage *outage,
                                                          GMainContext         *context);
gboolean              inflight_caller_outage_is_down     (InflightCallerOutage *outage);
guint                 inflight_caller_outage_get_count   (InflightCallerOutage *outage);
void                  inflight_caller_outage_wait_up     (InflightCallerOutage *outage,
                                                          GMainContext         *context,
                                                          GCancellable         *cancellable);
void                  inflight_caller_outage_free        (InflightCallerOutage *outage);

G_END_DECLS
