/* inflight-diagram-export.h
 * Writes the diagram to a PNG, SVG or PDF file, with or without a display.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-diagram.h"

G_BEGIN_DECLS

typedef enum
{
  INFLIGHT_EXPORT_PNG,
  INFLIGHT_EXPORT_SVG,
  INFLIGHT_EXPORT_PDF,
} InflightExportFormat;

/* One drawing to write: copied, so it can be written on another thread. */
typedef struct _InflightExport InflightExport;

gboolean        inflight_export_format_for_name (const char                  *name,
                                                 InflightExportFormat        *format);
const char     *inflight_export_format_suffix   (InflightExportFormat         format);
void            inflight_export_whole_run       (const InflightTraceSnapshot *snapshot,
                                                 InflightViewport            *viewport);

InflightExport *inflight_export_new             (const InflightTraceSnapshot *snapshot,
                                                 gint64                       playhead,
                                                 const InflightViewport      *viewport,
                                                 const InflightDiagramStyle  *style);
void            inflight_export_free            (InflightExport              *self);
gboolean        inflight_export_write           (InflightExport              *self,
                                                 GFile                       *file,
                                                 InflightExportFormat         format,
                                                 GCancellable                *cancellable,
                                                 GError                     **error);
void            inflight_export_write_async     (InflightExport              *self,
                                                 GFile                       *file,
                                                 InflightExportFormat         format,
                                                 GCancellable                *cancellable,
                                                 GAsyncReadyCallback          callback,
                                                 gpointer                     user_data);
gboolean        inflight_export_write_finish    (GAsyncResult                *result,
                                                 GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InflightExport, inflight_export_free)

G_END_DECLS
