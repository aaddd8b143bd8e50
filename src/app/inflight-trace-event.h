/* inflight-trace-event.h
 * A run's trace in the Trace Event Format (JSON), for profilers such as Perfetto and about:tracing.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "inflight-trace.h"

G_BEGIN_DECLS

JsonNode *inflight_trace_event_build         (const InflightTraceSnapshot * const *snapshots,
                                              const char * const                  *names,
                                              guint                                n);
char     *inflight_trace_event_to_data       (const InflightTraceSnapshot * const *snapshots,
                                              const char * const                  *names,
                                              guint                                n,
                                              gsize                               *length);
gboolean  inflight_trace_event_write_file    (const InflightTraceSnapshot * const *snapshots,
                                              const char * const                  *names,
                                              guint                                n,
                                              const char                          *path,
                                              GError                             **error);
void      inflight_trace_event_write_async   (const InflightTraceSnapshot * const *snapshots,
                                              const char * const                  *names,
                                              guint                                n,
                                              GFile                               *file,
                                              GCancellable                        *cancellable,
                                              GAsyncReadyCallback                  callback,
                                              gpointer                             user_data);
gboolean  inflight_trace_event_write_finish  (GAsyncResult                        *result,
                                              GError                             **error);

G_END_DECLS
