/* inflight-test-util.h
 * Helpers the engine tests share: run a scenario to its end, count threads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "inflight-diagram-style.h"
#include "inflight-runner.h"

G_BEGIN_DECLS

/* Called on the run's context as soon as the run has started: attach sources, change the scenario. */
typedef void (*InflightTestHook) (GMainContext *context,
                                  gpointer      data);

InflightTraceSnapshot *inflight_test_run           (InflightScenario  *scenario,
                                                    guint              cancel_after_ms,
                                                    GError           **error);
InflightTraceSnapshot *inflight_test_run_full      (InflightScenario  *scenario,
                                                    gint64             cancel_after_us,
                                                    gboolean           cancel_from_thread,
                                                    InflightTestHook   hook,
                                                    gpointer           hook_data,
                                                    GError           **error);
guint                  inflight_test_count_threads (void);
guint                  inflight_test_threads_settle (guint             expected);
GArray                *inflight_test_working_edges  (const InflightTraceSnapshot *snap);
guint                  inflight_test_threads_steady (void);
InflightScenario      *inflight_test_scenario      (InflightStrategy   strategy,
                                                    guint              requests,
                                                    guint              latency_ms,
                                                    guint              workers);
const InflightMessage *inflight_test_find_message  (const InflightTraceSnapshot *snapshot,
                                                    guint              request,
                                                    InflightMessageKind kind);
void                   inflight_test_assert_consistent (const InflightTraceSnapshot *snapshot);
gint64                 inflight_test_parallel_theory (InflightScenario            *scenario,
                                                      const InflightTraceSnapshot *snapshot);

InflightColor          inflight_test_pixel         (cairo_surface_t   *surface,
                                                     int                x,
                                                     int                y);

void                   inflight_test_add_timed_func (const char        *path,
                                                     GTestFunc          func);

G_END_DECLS
