/* inflight-chart.h
 * Charts over many runs: total time against workers, and a histogram of replies out of order.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "inflight-diagram-style.h"

G_BEGIN_DECLS

/* One worker count on the chart of total time. */
typedef struct
{
  guint  x;           /* workers */
  gint64 measured;    /* µs; negative while not measured: not drawn */
  gint64 predicted;   /* µs; negative when there is no theory for it */
} InflightChartPoint;

/* Layout constants shared by the renderer, the view and the tests. */
#define INFLIGHT_CHART_AXIS_WIDTH  64.0   /* the value labels, left of the plot */
#define INFLIGHT_CHART_HEADER      38.0   /* the value axis' title and the legend, above the plot */
#define INFLIGHT_CHART_FOOTER      46.0   /* the x labels and the x axis' title, below the plot */
#define INFLIGHT_CHART_MARGIN      18.0   /* right of the plot */

void     inflight_chart_render_sweep         (cairo_t                    *cr,
                                              double                      width,
                                              double                      height,
                                              const InflightChartPoint   *points,
                                              guint                       n_points,
                                              guint                       x_from,
                                              guint                       x_to,
                                              const InflightDiagramStyle *style);
void     inflight_chart_render_throughput    (cairo_t                    *cr,
                                              double                      width,
                                              double                      height,
                                              const InflightChartPoint   *points,
                                              guint                       n_points,
                                              guint                       x_from,
                                              guint                       x_to,
                                              const InflightDiagramStyle *style);
InflightChartPoint *inflight_chart_throughput_points (const InflightChartPoint *points,
                                              guint                       n_points,
                                              guint                       replies);
gboolean inflight_chart_sweep_point_position (double                      width,
                                              double                      height,
                                              const InflightChartPoint   *points,
                                              guint                       n_points,
                                              guint                       x_from,
                                              guint                       x_to,
                                              double                      x,
                                              gint64                      value,
                                              double                     *px,
                                              double                     *py);
void     inflight_chart_render_histogram     (cairo_t                    *cr,
                                              double                      width,
                                              double                      height,
                                              const guint                *counts,
                                              guint                       n_counts,
                                              const InflightDiagramStyle *style);
gboolean inflight_chart_histogram_bar        (double                      width,
                                              double                      height,
                                              const guint                *counts,
                                              guint                       n_counts,
                                              guint                       k,
                                              double                     *x,
                                              double                     *y,
                                              double                     *bar_width,
                                              double                     *bar_height);
char    *inflight_chart_describe_throughput  (const InflightChartPoint   *points,
                                              guint                       n_points);
char    *inflight_chart_describe_sweep       (const InflightChartPoint   *points,
                                              guint                       n_points);
char    *inflight_chart_describe_histogram   (const guint                *counts,
                                              guint                       n_counts);

G_END_DECLS
