/* inflight-chart-view.h
 * Shows a sweep of runs as a chart that fills in live: total time against workers, or reply orders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-chart.h"
#include "inflight-sweep.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_CHART_VIEW (inflight_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (InflightChartView, inflight_chart_view, INFLIGHT, CHART_VIEW, GtkWidget)

GtkWidget     *inflight_chart_view_new           (void);
InflightSweep *inflight_chart_view_get_sweep     (InflightChartView *self);
void           inflight_chart_view_set_sweep     (InflightChartView *self,
                                                  InflightSweep     *sweep);
void           inflight_chart_view_set_throughput (InflightChartView *self,
                                                   gboolean           throughput);
gboolean       inflight_chart_view_get_throughput (InflightChartView *self);
gboolean       inflight_chart_view_get_histogram (InflightChartView *self);
const char    *inflight_chart_view_get_summary   (InflightChartView *self);

G_END_DECLS
