/* inflight-diagram-text.h
 * The diagram in words: a summary of a run and a list of its events, its text alternative.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-trace.h"

G_BEGIN_DECLS

/* What happened at one moment; its text is made only when it is shown. */
typedef enum
{
  INFLIGHT_EVENT_SENT,        /* a message left: index into messages */
  INFLIGHT_EVENT_ARRIVED,     /* a message arrived: index into messages */
  INFLIGHT_EVENT_LOST,        /* a message never arrived, the run being stopped: index into messages */
  INFLIGHT_EVENT_DROPPED,     /* a message dropped on its way, its caller having given up: index into messages */
  INFLIGHT_EVENT_SPAN_START,  /* a lane started waiting, went down or froze: index into spans */
  INFLIGHT_EVENT_SPAN_END,    /* …and stopped: index into spans */
  INFLIGHT_EVENT_MARK,        /* index into marks */
  INFLIGHT_EVENT_END,         /* the run ended */
} InflightEventKind;

typedef struct
{
  gint64            at;
  InflightEventKind kind;
  guint             index;
  guint             seq;    /* its place in the order of recording: see InflightSpan */
} InflightEvent;

guint   inflight_diagram_caller_lane  (const InflightTraceSnapshot *snapshot);
char   *inflight_diagram_describe     (const InflightTraceSnapshot *snapshot,
                                       const char                  *strategy_title);
char   *inflight_diagram_describe_lanes (const InflightTraceSnapshot *snapshot);
GArray *inflight_diagram_list_events  (const InflightTraceSnapshot *snapshot);
char   *inflight_diagram_event_text   (const InflightTraceSnapshot *snapshot,
                                       const InflightEvent         *event);
guint   inflight_diagram_find_event   (const GArray                *events,
                                       gint64                       t);

G_END_DECLS
