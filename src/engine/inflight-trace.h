/* inflight-trace.h
 * What a run did: lanes, spans, messages and marks, appended from any thread.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The participants of a run, drawn as lanes across the top of the diagram. */
typedef enum
{
  INFLIGHT_LANE_CALLER,
  INFLIGHT_LANE_UI_THREAD,
  INFLIGHT_LANE_SERVICE,
  INFLIGHT_LANE_QUEUE,
  INFLIGHT_LANE_WORKER,
  INFLIGHT_LANE_EVENT_LOOP,
} InflightLaneRole;

/* What a lane is doing over an interval of time. */
typedef enum
{
  INFLIGHT_SPAN_WORKING,
  INFLIGHT_SPAN_WAITING,
  INFLIGHT_SPAN_IDLE,
  INFLIGHT_SPAN_DOWN,
  INFLIGHT_SPAN_FROZEN,
  INFLIGHT_SPAN_READY,     /* a thread with work to do, waiting for a processor core to run on */
} InflightSpanKind;

typedef enum
{
  INFLIGHT_MESSAGE_REQUEST,
  INFLIGHT_MESSAGE_REPLY,
  INFLIGHT_MESSAGE_ERROR,
  INFLIGHT_MESSAGE_ENQUEUE,
  INFLIGHT_MESSAGE_DEQUEUE,
  INFLIGHT_MESSAGE_CALLBACK,
  INFLIGHT_MESSAGE_TIMEOUT,
  INFLIGHT_MESSAGE_CANCEL,
} InflightMessageKind;

/* Times are microseconds since the run started; -1 means "not yet". */
#define INFLIGHT_TIME_NONE ((gint64) -1)

typedef struct
{
  InflightLaneRole  role;
  const char       *label;
} InflightLane;

typedef struct
{
  guint            lane;
  guint            slot;     /* which of a lane's concurrent activities this is; 0 for most */
  InflightSpanKind kind;
  gint64           start;
  gint64           end;      /* INFLIGHT_TIME_NONE while open */
  guint            start_seq; /* when each end was recorded, counted over the whole trace: */
  guint            end_seq;   /* it orders the events of one instant as they happened */
} InflightSpan;

typedef struct
{
  guint               request;   /* 1-based request number */
  InflightMessageKind kind;
  guint               from_lane;
  guint               to_lane;
  gint64              sent_at;
  gint64              arrived_at; /* INFLIGHT_TIME_NONE while in flight */
  gboolean            cancelled;  /* never arrived: the run was stopped */
  guint               sent_seq;   /* the order of recording, as in InflightSpan */
  guint               arrived_seq;
} InflightMessage;

typedef struct
{
  guint       lane;
  gint64      at;
  const char *label;
  guint       seq;    /* the order of recording, as in InflightSpan */
} InflightMark;

/* A lane's thread reached a listed line of its runner's code (an InflightCodePoint) at @at,
 * working on @request (0 for none). */
typedef struct
{
  guint       lane;
  gint64      at;
  guint       point;
  guint       request;
  guint       seq;    /* the order of recording, as in InflightSpan */
} InflightCodeStep;

/* An immutable copy of a trace at one moment; safe to read from any thread. */
typedef struct
{
  const InflightLane    *lanes;
  guint                  n_lanes;
  const InflightSpan    *spans;
  guint                  n_spans;
  const InflightMessage *messages;
  guint                  n_messages;
  const InflightMark    *marks;
  guint                  n_marks;
  gint64                 now;       /* the run's clock when the snapshot was taken */
  gint64                 duration;  /* the run's length once finished, else INFLIGHT_TIME_NONE */
  gboolean               started;
  gboolean               finished;
  const InflightCodeStep *steps;    /* in the order they were recorded */
  guint                  n_steps;
} InflightTraceSnapshot;

#define INFLIGHT_TYPE_TRACE_SNAPSHOT (inflight_trace_snapshot_get_type ())
#define INFLIGHT_TYPE_TRACE (inflight_trace_get_type ())

G_DECLARE_FINAL_TYPE (InflightTrace, inflight_trace, INFLIGHT, TRACE, GObject)

GType                  inflight_trace_snapshot_get_type (void) G_GNUC_CONST;
InflightTraceSnapshot *inflight_trace_snapshot_ref       (InflightTraceSnapshot *snapshot);
void                   inflight_trace_snapshot_unref     (InflightTraceSnapshot *snapshot);
gint64                 inflight_trace_snapshot_end_time  (const InflightTraceSnapshot *snapshot);

typedef gpointer (*InflightSnapshotDeriveFunc) (const InflightTraceSnapshot *snapshot);

gconstpointer          inflight_trace_snapshot_get_derived (const InflightTraceSnapshot *snapshot,
                                                            InflightSnapshotDeriveFunc   derive,
                                                            GDestroyNotify               free_func);

InflightTrace         *inflight_trace_new                (void);
void                   inflight_trace_start              (InflightTrace       *self);
gint64                 inflight_trace_now                (InflightTrace       *self);
gboolean               inflight_trace_is_finished        (InflightTrace       *self);
void                   inflight_trace_finish             (InflightTrace       *self);
guint                  inflight_trace_add_lane           (InflightTrace       *self,
                                                          InflightLaneRole     role,
                                                          const char          *label);
guint                  inflight_trace_begin_span         (InflightTrace       *self,
                                                          guint                lane,
                                                          guint                slot,
                                                          InflightSpanKind     kind);
void                   inflight_trace_end_span           (InflightTrace       *self,
                                                          guint                span);
guint                  inflight_trace_send               (InflightTrace       *self,
                                                          guint                request,
                                                          InflightMessageKind  kind,
                                                          guint                from_lane,
                                                          guint                to_lane);
void                   inflight_trace_arrive             (InflightTrace       *self,
                                                          guint                message);
guint                  inflight_trace_post               (InflightTrace       *self,
                                                          guint                request,
                                                          InflightMessageKind  kind,
                                                          guint                from_lane,
                                                          guint                to_lane);
guint                  inflight_trace_hand_over          (InflightTrace       *self,
                                                          guint                request,
                                                          InflightMessageKind  kind,
                                                          guint                from_lane,
                                                          guint                to_lane,
                                                          guint                slot,
                                                          InflightSpanKind     span_kind);
guint                  inflight_trace_end_span_and_send  (InflightTrace       *self,
                                                          guint                span,
                                                          guint                request,
                                                          InflightMessageKind  kind,
                                                          guint                from_lane,
                                                          guint                to_lane);
void                   inflight_trace_add_mark           (InflightTrace       *self,
                                                          guint                lane,
                                                          const char          *label);
guint                  inflight_trace_append_span        (InflightTrace       *self,
                                                          guint                lane,
                                                          guint                slot,
                                                          InflightSpanKind     kind,
                                                          gint64               start,
                                                          gint64               end);
guint                  inflight_trace_append_message     (InflightTrace       *self,
                                                          guint                request,
                                                          InflightMessageKind  kind,
                                                          guint                from_lane,
                                                          guint                to_lane,
                                                          gint64               sent_at,
                                                          gint64               arrived_at);
void                   inflight_trace_append_mark        (InflightTrace       *self,
                                                          guint                lane,
                                                          gint64               at,
                                                          const char          *label);
void                   inflight_trace_reach              (InflightTrace       *self,
                                                          guint                lane,
                                                          guint                point,
                                                          guint                request);
void                   inflight_trace_append_step        (InflightTrace       *self,
                                                          guint                lane,
                                                          gint64               at,
                                                          guint                point,
                                                          guint                request);
void                   inflight_trace_set_duration       (InflightTrace       *self,
                                                          gint64               duration);
InflightTraceSnapshot *inflight_trace_snapshot           (InflightTrace       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InflightTraceSnapshot, inflight_trace_snapshot_unref)

G_END_DECLS
