/* inflight-export-dialog.h
 * Asks where to export the diagram, as what, and whether all of the run or the view; or where
 * to save the lesson's runs as a trace for a profiler.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-diagram-export.h"
#include "inflight-diagram-pane.h"

G_BEGIN_DECLS

void      inflight_export_dialog_choose_async        (GtkWindow             *parent,
                                                      const char            *suggested_name,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GFile    *inflight_export_dialog_choose_finish       (GAsyncResult          *result,
                                                      InflightExportFormat  *format,
                                                      gboolean              *whole_run,
                                                      GError               **error);
void      inflight_export_dialog_choose_trace_async  (GtkWindow             *parent,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
GFile    *inflight_export_dialog_choose_trace_finish (GAsyncResult          *result,
                                                      GError               **error);
void      inflight_export_dialog_write_trace_async   (InflightDiagramPane   *pane,
                                                      GFile                 *file,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);

G_END_DECLS
