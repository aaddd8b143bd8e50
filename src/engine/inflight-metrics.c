/* inflight-metrics.c
 * Measurements taken from a trace: totals, shares of time, failures, ordering.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-metrics"

#include "config.h"

#include <string.h>

#include "inflight-metrics.h"

/* Earlier arrival first; at the same instant the lower request number, then the
 * message recorded first. Compared, never subtracted: request numbers are unsigned. */
static int
compare_by_arrival (gconstpointer a,
                    gconstpointer b)
{
  const InflightMessage *ma = *(const InflightMessage * const *) a;
  const InflightMessage *mb = *(const InflightMessage * const *) b;

  if (ma->arrived_at != mb->arrived_at)
    return ma->arrived_at < mb->arrived_at ? -1 : 1;
  if (ma->request != mb->request)
    return ma->request < mb->request ? -1 : 1;

  return (ma > mb) - (ma < mb);
}

/**
 * inflight_metrics_replies_by_arrival:
 *
 * The replies and errors of @snapshot that have arrived, in the order they
 * arrived. Replies that arrived at the same microsecond come in the order of
 * their request numbers, then in the order they were recorded: the one order
 * that the out-of-order count and the sweep's reply orders both read.
 *
 * Returns: (transfer container) (element-type InflightMessage): pointers into
 *   @snapshot's messages, valid while @snapshot is
 */
GPtrArray *
inflight_metrics_replies_by_arrival (const InflightTraceSnapshot *snapshot)
{
  GPtrArray *replies;

  g_return_val_if_fail (snapshot != NULL, NULL);

  replies = g_ptr_array_new ();
  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *msg = &snapshot->messages[i];

      if ((msg->kind == INFLIGHT_MESSAGE_REPLY || msg->kind == INFLIGHT_MESSAGE_ERROR) &&
          msg->arrived_at != INFLIGHT_TIME_NONE)
        g_ptr_array_add (replies, (gpointer) msg);
    }
  g_ptr_array_sort (replies, compare_by_arrival);

  return replies;
}

/**
 * inflight_metrics_compute:
 *
 * Fills @metrics from @snapshot; a run still going is measured up to now.
 */
void
inflight_metrics_compute (const InflightTraceSnapshot *snapshot,
                          InflightMetrics             *metrics)
{
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GHashTable) requests = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) last_reply = g_hash_table_new (NULL, NULL);
  guint highest = 0;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (metrics != NULL);

  memset (metrics, 0, sizeof *metrics);
  metrics->total = inflight_trace_snapshot_end_time (snapshot);

  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *msg = &snapshot->messages[i];

      if (msg->kind == INFLIGHT_MESSAGE_REQUEST || msg->kind == INFLIGHT_MESSAGE_ENQUEUE)
        g_hash_table_add (requests, GUINT_TO_POINTER (msg->request));

      if (msg->kind == INFLIGHT_MESSAGE_TIMEOUT)
        metrics->timeouts++;
    }

  for (guint i = 0; i < snapshot->n_spans; i++)
    {
      const InflightSpan *span = &snapshot->spans[i];

      if (span->kind == INFLIGHT_SPAN_FROZEN && span->end != INFLIGHT_TIME_NONE)
        metrics->longest_freeze = MAX (metrics->longest_freeze, span->end - span->start);
    }

  /* A request made again after its caller went down has two replies: the last to arrive
   * counts, and the one before it was lost. */
  replies = inflight_metrics_replies_by_arrival (snapshot);
  for (guint i = 0; i < replies->len; i++)
    {
      const InflightMessage *msg = g_ptr_array_index (replies, i);

      if (!g_hash_table_insert (last_reply, GUINT_TO_POINTER (msg->request), (gpointer) msg))
        metrics->lost++;
    }

  metrics->requests = g_hash_table_size (requests);
  for (guint i = 0; i < replies->len; i++)
    {
      const InflightMessage *msg = g_ptr_array_index (replies, i);

      if (g_hash_table_lookup (last_reply, GUINT_TO_POINTER (msg->request)) != msg)
        continue;

      metrics->replies++;
      if (msg->kind == INFLIGHT_MESSAGE_ERROR)
        metrics->failed++;
      if (msg->request < highest)
        metrics->out_of_order++;
      highest = MAX (highest, msg->request);
    }

  if (metrics->total > 0)
    metrics->throughput = metrics->replies / (metrics->total / (double) G_USEC_PER_SEC);
}

typedef struct
{
  gint64 start;
  gint64 end;
} Interval;

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const Interval *ia = a;
  const Interval *ib = b;

  return ia->start < ib->start ? -1 : ia->start > ib->start;
}

/**
 * inflight_metrics_lane_time:
 *
 * Returns: the time, in µs, that @lane spent in spans of @kind; overlapping
 * spans on the lane are counted once.
 */
gint64
inflight_metrics_lane_time (const InflightTraceSnapshot *snapshot,
                            guint                        lane,
                            InflightSpanKind             kind)
{
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  gint64 now, total = 0, covered_to = G_MININT64;

  g_return_val_if_fail (snapshot != NULL, 0);

  now = inflight_trace_snapshot_end_time (snapshot);

  for (guint i = 0; i < snapshot->n_spans; i++)
    {
      const InflightSpan *span = &snapshot->spans[i];
      Interval interval;

      if (span->lane != lane || span->kind != kind)
        continue;

      interval.start = span->start;
      interval.end = span->end == INFLIGHT_TIME_NONE ? now : span->end;
      g_array_append_val (intervals, interval);
    }

  g_array_sort (intervals, compare_by_start);

  for (guint i = 0; i < intervals->len; i++)
    {
      const Interval *interval = &g_array_index (intervals, Interval, i);
      gint64 start = MAX (interval->start, covered_to);

      if (interval->end > start)
        {
          total += interval->end - start;
          covered_to = interval->end;
        }
    }

  return total;
}

/**
 * inflight_metrics_lane_share:
 *
 * Returns: the share, from 0 to 1, of the run that @lane spent in @kind.
 */
double
inflight_metrics_lane_share (const InflightTraceSnapshot *snapshot,
                             guint                        lane,
                             InflightSpanKind             kind)
{
  gint64 total;

  g_return_val_if_fail (snapshot != NULL, 0);

  total = inflight_trace_snapshot_end_time (snapshot);
  if (total <= 0)
    return 0;

  return (double) inflight_metrics_lane_time (snapshot, lane, kind) / total;
}
