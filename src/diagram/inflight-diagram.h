/* inflight-diagram.h
 * Draws a trace as a sequence diagram, to scale, on any cairo surface.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "inflight-diagram-style.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

/* Which part of the run is drawn, and on how large an area. */
typedef struct
{
  double width;      /* in user units (logical pixels) */
  double height;
  gint64 t_start;    /* the time at the top of the time area, in µs */
  gint64 t_end;      /* the time at the bottom of the time area, in µs; > t_start */
} InflightViewport;

/* Layout constants shared by the renderer, the view and the tests. */
#define INFLIGHT_DIAGRAM_HEADER_HEIGHT 44.0   /* lane headers across the top */
#define INFLIGHT_DIAGRAM_AXIS_WIDTH    64.0   /* the time axis on the left */
#define INFLIGHT_DIAGRAM_MARGIN        12.0   /* right of the last lane */
#define INFLIGHT_DIAGRAM_FOOTER_HEIGHT 30.0   /* the legend below the time area, in one row: */
                                              /* see inflight_diagram_footer_height() */

void   inflight_diagram_render        (cairo_t                     *cr,
                                       const InflightTraceSnapshot *snapshot,
                                       gint64                       playhead,
                                       const InflightViewport      *viewport,
                                       const InflightDiagramStyle  *style);
double inflight_diagram_time_to_y     (const InflightViewport      *viewport,
                                       gint64                       t);
gint64 inflight_diagram_y_to_time     (const InflightViewport      *viewport,
                                       double                       y);
double inflight_diagram_lane_x        (const InflightViewport      *viewport,
                                       guint                        n_lanes,
                                       guint                        lane);
double inflight_diagram_lane_width    (const InflightViewport      *viewport,
                                       guint                        n_lanes);
double inflight_diagram_footer_height (const InflightViewport      *viewport);
void   inflight_viewport_fit          (InflightViewport            *viewport,
                                       const InflightTraceSnapshot *snapshot,
                                       double                       width,
                                       double                       height);
void   inflight_diagram_format_tick   (char                        *out,
                                       gsize                        len,
                                       gint64                       t,
                                       gint64                       step);

G_END_DECLS
