/* inflight-diagram-pane.h
 * The diagram with everything around it: playback, zoom, the event list, export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-diagram-export.h"
#include "inflight-sequence-view.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_DIAGRAM_PANE (inflight_diagram_pane_get_type ())

G_DECLARE_FINAL_TYPE (InflightDiagramPane, inflight_diagram_pane, INFLIGHT, DIAGRAM_PANE, GtkWidget)

GtkWidget            *inflight_diagram_pane_new            (void);
InflightSequenceView *inflight_diagram_pane_get_view       (InflightDiagramPane  *self);
GtkListView          *inflight_diagram_pane_get_event_list (InflightDiagramPane  *self);
void                  inflight_diagram_pane_export         (InflightDiagramPane  *self,
                                                            GFile                *file,
                                                            InflightExportFormat  format,
                                                            gboolean              whole_run);
void                  inflight_diagram_pane_export_trace   (InflightDiagramPane  *self,
                                                            GFile                *file);
const char           *inflight_diagram_pane_get_message    (InflightDiagramPane  *self);
void                  inflight_diagram_pane_set_show_events (InflightDiagramPane  *self,
                                                            gboolean              show);

G_END_DECLS
