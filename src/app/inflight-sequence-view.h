/* inflight-sequence-view.h
 * Shows a trace as a live sequence diagram, following the run as it happens.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-trace.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_SEQUENCE_VIEW (inflight_sequence_view_get_type ())

G_DECLARE_FINAL_TYPE (InflightSequenceView, inflight_sequence_view, INFLIGHT, SEQUENCE_VIEW, GtkWidget)

GtkWidget     *inflight_sequence_view_new                   (void);
InflightTrace *inflight_sequence_view_get_trace             (InflightSequenceView *self);
void           inflight_sequence_view_set_trace             (InflightSequenceView *self,
                                                             InflightTrace        *trace);
void           inflight_sequence_view_set_expected_duration (InflightSequenceView *self,
                                                             gint64                duration);
gint64         inflight_sequence_view_get_playhead          (InflightSequenceView *self);

G_END_DECLS
