/* inflight-sequence-view.h
 * Shows a trace as a live sequence diagram that follows the run, then replays it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-diagram.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

#define INFLIGHT_SPEED_MIN 0.25
#define INFLIGHT_SPEED_MAX 4.0

#define INFLIGHT_TYPE_SEQUENCE_VIEW (inflight_sequence_view_get_type ())

G_DECLARE_FINAL_TYPE (InflightSequenceView, inflight_sequence_view, INFLIGHT, SEQUENCE_VIEW, GtkWidget)

GtkWidget             *inflight_sequence_view_new                   (void);
InflightTrace         *inflight_sequence_view_get_trace             (InflightSequenceView *self);
void                   inflight_sequence_view_set_trace             (InflightSequenceView *self,
                                                                     InflightTrace        *trace);
void                   inflight_sequence_view_set_expected_duration (InflightSequenceView *self,
                                                                     gint64                duration);
void                   inflight_sequence_view_set_strategy_title    (InflightSequenceView *self,
                                                                     const char           *title);
InflightTraceSnapshot *inflight_sequence_view_get_snapshot          (InflightSequenceView *self);
const GArray          *inflight_sequence_view_get_events            (InflightSequenceView *self);
gint64                 inflight_sequence_view_get_playhead          (InflightSequenceView *self);
void                   inflight_sequence_view_set_shared_end        (InflightSequenceView *self,
                                                                     gint64                end);
void                   inflight_sequence_view_set_playhead          (InflightSequenceView *self,
                                                                     gint64                playhead);
gint64                 inflight_sequence_view_get_duration          (InflightSequenceView *self);
gboolean               inflight_sequence_view_get_live              (InflightSequenceView *self);
gboolean               inflight_sequence_view_get_playing           (InflightSequenceView *self);
void                   inflight_sequence_view_set_playing           (InflightSequenceView *self,
                                                                     gboolean              playing);
double                 inflight_sequence_view_get_speed             (InflightSequenceView *self);
void                   inflight_sequence_view_set_speed             (InflightSequenceView *self,
                                                                     double                speed);
void                   inflight_sequence_view_step                  (InflightSequenceView *self,
                                                                     int                   direction);
void                   inflight_sequence_view_replay                (InflightSequenceView *self);
void                   inflight_sequence_view_zoom                  (InflightSequenceView *self,
                                                                     double                factor);
void                   inflight_sequence_view_zoom_to_fit           (InflightSequenceView *self);
gboolean               inflight_sequence_view_get_fitted            (InflightSequenceView *self);
void                   inflight_sequence_view_get_viewport          (InflightSequenceView *self,
                                                                     InflightViewport     *viewport);
const InflightDiagramStyle *
                       inflight_sequence_view_get_style             (InflightSequenceView *self);
char                  *inflight_sequence_view_get_header_tooltip    (InflightSequenceView *self,
                                                                     double                x,
                                                                     double                y);

G_END_DECLS
