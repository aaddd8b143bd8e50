/* inflight-diagram-index.h
 * What the diagram needs to know of a whole trace, worked out once per snapshot rather
 * than once per frame, and where in its arrays a stretch of time lies.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-trace.h"

G_BEGIN_DECLS

#define INFLIGHT_N_SPAN_KINDS    (INFLIGHT_SPAN_READY + 1)
#define INFLIGHT_N_MESSAGE_KINDS (INFLIGHT_MESSAGE_CANCEL + 1)

typedef struct
{
  gint64 at;
  int    delta;      /* +1: a request arrived in the queue; −1: a worker took one */
} InflightQueueEvent;

/* One queue's events in order of time. */
typedef struct
{
  guint               lane;
  guint               n;
  InflightQueueEvent *events;
  int                *depth;   /* before each event: the sum of the deltas before it; n + 1 of them */
} InflightQueueTrack;

typedef struct
{
  guint               n_lanes;
  guint              *max_slot;         /* per lane, at most 255 */
  gboolean            span_kinds[INFLIGHT_N_SPAN_KINDS];
  gboolean            message_kinds[INFLIGHT_N_MESSAGE_KINDS];
  gboolean            lost;             /* a message never arrived: its run was stopped */

  /* Engines record messages as they are sent and spans as they start; when a trace
   * keeps that order, a stretch of time is found by bisection. */
  gboolean            messages_in_order;
  gint64              longest_flight;   /* of the messages that arrived */
  guint               n_unarrived;
  guint              *unarrived;        /* the messages that never arrived, in order */
  gboolean            spans_in_order;
  gint64              longest_span;     /* of the spans that ended */
  guint               n_open;
  guint              *open;             /* the spans that never ended, in order */

  guint               n_queues;
  InflightQueueTrack *queues;
} InflightDiagramIndex;

/* The messages or spans a frame reads, in the order of the trace: those in @extra, all
 * before the stretch, then the stretch from @next to @end. */
typedef struct
{
  const guint *extra;
  guint        n_extra;
  guint        next;
  guint        end;
} InflightIndexRange;

static inline gboolean
inflight_index_range_next (InflightIndexRange *range,
                           guint              *i)
{
  if (range->n_extra > 0)
    {
      *i = *range->extra++;
      range->n_extra--;
      return TRUE;
    }
  if (range->next < range->end)
    {
      *i = range->next++;
      return TRUE;
    }
  return FALSE;
}

const InflightDiagramIndex *inflight_diagram_index_get   (const InflightTraceSnapshot *snapshot);
InflightDiagramIndex       *inflight_diagram_index_new   (const InflightTraceSnapshot *snapshot);
void                        inflight_diagram_index_free  (InflightDiagramIndex        *index);

void  inflight_diagram_index_messages (const InflightDiagramIndex  *index,
                                       const InflightTraceSnapshot *snapshot,
                                       gint64                       from,
                                       gint64                       until,
                                       InflightIndexRange          *range);
void  inflight_diagram_index_spans    (const InflightDiagramIndex  *index,
                                       const InflightTraceSnapshot *snapshot,
                                       gint64                       from,
                                       gint64                       until,
                                       InflightIndexRange          *range);
guint inflight_queue_track_find       (const InflightQueueTrack    *track,
                                       gint64                       t,
                                       gboolean                     after);

G_END_DECLS
