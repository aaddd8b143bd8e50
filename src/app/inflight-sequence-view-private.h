/* inflight-sequence-view-private.h
 * The sequence view's state, shared by its files: the view itself, and its zooming and panning.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-diagram-layout.h"
#include "inflight-sequence-view.h"

G_BEGIN_DECLS

#define MIN_SPAN_US       100            /* zoomed in as far as 0.1 ms down the whole view */
#define ZOOM_STEP         1.5
#define SCROLL_ZOOM_STEP  1.15
#define ZOOM_DURATION_US  (180 * 1000)
#define FOLLOW_AT         0.85           /* where the playhead is kept when the view follows it */

struct _InflightSequenceView
{
  GtkWidget              parent_instance;

  InflightTrace         *trace;
  InflightTraceSnapshot *snapshot;
  GArray                *events;         /* of events_of, made when first asked for */
  InflightTraceSnapshot *events_of;
  char                  *strategy_title;
  gulong                 changed_id;

  guint                  tick_id;
  gint64                 last_frame;
  gint64                 clock;          /* where playback is */
  gint64                 playhead;       /* what is shown: the clock, or without animations its last event */
  gint64                 expected_duration;
  gint64                 shared_end;         /* another run's end, drawn to the same scale */
  double                 speed;
  gboolean               live;
  gboolean               playing;

  /* The time shown: the whole run, or a part of it. */
  gboolean               fitted;
  double                 view_start;
  double                 view_span;
  gboolean               animating;
  gint64                 anim_begin;
  double                 anim_from[2];
  double                 anim_to[2];
  double                 drag_from;
  double                 pointer_y;

  InflightDiagramStyle   style;
  PangoLayout           *placeholder;

  /* What the headers say, for their tooltips: made when first asked for a view. */
  InflightDiagramLayout *headers;
  InflightViewport       headers_viewport;
  InflightTraceSnapshot *headers_of;     /* compared only: the layout holds a reference to it */
};


/* inflight-sequence-view.c */
gboolean animations_enabled (InflightSequenceView *self);
void     fitted_range       (InflightSequenceView *self,
                             double                width,
                             double                height,
                             InflightViewport     *viewport);
void     compute_viewport   (InflightSequenceView *self,
                             InflightViewport     *viewport);
void     ensure_ticking     (InflightSequenceView *self);
void     set_fitted         (InflightSequenceView *self,
                             gboolean              fitted);

/* inflight-sequence-view-zoom.c */
void     show_range                        (InflightSequenceView *self,
                                            double                start,
                                            double                span,
                                            gboolean              animate);
void     inflight_sequence_view_init_input (InflightSequenceView *self);

G_END_DECLS
