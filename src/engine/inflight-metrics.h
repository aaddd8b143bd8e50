/* inflight-metrics.h
 * What a run measured, computed from its trace alone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-trace.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 total;               /* µs from start to the end of the run */
  guint  requests;            /* distinct request numbers sent */
  guint  replies;             /* requests whose reply or error arrived: the last to arrive counts */
  guint  failed;              /* requests whose last reply to arrive was an error */
  guint  lost;                /* replies that arrived but were lost: a later one for the same request
                               * replaced them, as when a caller went down and made the call again */
  guint  out_of_order;        /* replies that arrived before a reply to an earlier request */
  guint  timeouts;            /* calls the caller gave up waiting for */
  gint64 longest_freeze;      /* µs: the longest FROZEN span, the UI thread held */
  double throughput;          /* replies per second */
} InflightMetrics;

void       inflight_metrics_compute            (const InflightTraceSnapshot *snapshot,
                                                InflightMetrics             *metrics);
GPtrArray *inflight_metrics_replies_by_arrival (const InflightTraceSnapshot *snapshot);
double     inflight_metrics_lane_share         (const InflightTraceSnapshot *snapshot,
                                                guint                        lane,
                                                InflightSpanKind             kind);
gint64     inflight_metrics_lane_time          (const InflightTraceSnapshot *snapshot,
                                                guint                        lane,
                                                InflightSpanKind             kind);

G_END_DECLS
