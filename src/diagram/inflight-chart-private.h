/* inflight-chart-private.h
 * What the chart's files share: the layout of a chart, its value axis, the drawing context
 * and the helpers that draw axes, labels and titles (inflight-chart.c). Each chart is a file
 * of its own: total time or throughput against workers (-sweep.c), and the histogram of
 * replies out of order (-histogram.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "inflight-chart.h"
#include "inflight-paint.h"

G_BEGIN_DECLS

#define TICK_MIN_SPACING     36.0   /* px between the value axis' grid lines, at least */
#define X_LABEL_MIN_SPACING  20.0   /* px between labels along the x axis, at least */
#define LABEL_PAD            8.0    /* between a label and what it names */
#define MARKER_RADIUS        3.5
#define BAR_SHARE            0.7    /* of a bar's band that the bar fills */
#define BAR_MAX_WIDTH        56.0
#define COUNT_ROOM           20.0   /* px above the tallest bar, for its count */
#define LEGEND_SWATCH        24.0
#define LEGEND_GAP           18.0

#define MEASURED_WIDTH(c)    ((c)->lw + 2)
#define THEORY_WIDTH(c)      ((c)->lw + 0.5)

typedef struct
{
  double left;
  double top;
  double right;
  double bottom;
} Frame;

/* The value axis: from 0 up to top, with a grid line every step. */
typedef struct
{
  gint64 top;
  gint64 step;
} Axis;

typedef struct
{
  cairo_t                    *cr;
  const InflightDiagramStyle *style;
  Frame                       frame;
  double                      width;
  double                      height;
  double                      lw;
  InflightPixelGrid           grid;
  PangoLayout                *layout;
  PangoFontDescription       *font;
  PangoFontDescription       *font_small;
  PangoAttrList              *tabular;
} Chart;

gboolean
inflight_chart_frame_init (Frame  *frame,
                           double  width,
                           double  height);
void
inflight_chart_axis_init (Axis   *axis,
                          double  length,
                          gint64  max,
                          double  room_px);
double
inflight_chart_value_y (const Frame *frame,
                        const Axis  *axis,
                        double       value);
void
inflight_chart_begin (Chart                      *c,
                      cairo_t                    *cr,
                      double                      width,
                      double                      height,
                      const InflightDiagramStyle *style);
void
inflight_chart_end (Chart *c);
void
inflight_chart_text_measure (Chart                      *c,
                             const PangoFontDescription *font,
                             const char                 *text,
                             gboolean                    tabular,
                             double                     *width,
                             double                     *height);
void
inflight_chart_text_show (Chart               *c,
                          double               x,
                          double               y,
                          const InflightColor *color);
void
inflight_chart_draw_value_axis (Chart      *c,
                                const Axis *axis,
                                gboolean    as_time);
void
inflight_chart_draw_baseline (Chart *c);
void
inflight_chart_draw_titles (Chart      *c,
                            const char *value_title,
                            const char *x_title,
                            double      room_right);
void
inflight_chart_draw_x_labels (Chart  *c,
                              guint   first,
                              guint   last,
                              double  x0,
                              double  spacing);

G_END_DECLS
