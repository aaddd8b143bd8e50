/* inflight-trace.c
 * The record of a run, appended from any thread and read as immutable snapshots.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-trace"

#include "config.h"

#include "inflight-trace.h"

/* "changed" is emitted at most this often: once per frame at 60 Hz. */
#define CHANGED_INTERVAL_US (G_USEC_PER_SEC / 60)

struct _InflightTrace
{
  GObject       parent_instance;

  GMutex        lock;
  GStringChunk *strings;
  GArray       *lanes;
  GArray       *spans;
  GArray       *messages;
  GArray       *marks;
  GArray       *steps;
  gint64        origin;      /* monotonic time at start, 0 before */
  gint64        duration;
  gboolean      finished;
  guint         next_seq;    /* the next event's place in the order of recording */

  GMainContext *context;
  GSource      *changed_source;
  gboolean      changed_pending;
  gint64        last_changed;
};

typedef struct
{
  InflightTraceSnapshot  pub;
  InflightTrace         *trace;   /* keeps the labels alive */
  gpointer               derived; /* see inflight_trace_snapshot_get_derived() */
  gpointer               derive;
  GDestroyNotify         derived_free;
} SnapshotPriv;

typedef struct
{
  GSource  source;
  GWeakRef trace;
} ChangedSource;

G_DEFINE_FINAL_TYPE (InflightTrace, inflight_trace, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (InflightTraceSnapshot, inflight_trace_snapshot,
                     inflight_trace_snapshot_ref, inflight_trace_snapshot_unref)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now_locked (InflightTrace *self)
{
  if (self->origin == 0)
    return 0;
  return g_get_monotonic_time () - self->origin;
}

/* Called with the lock held: asks the owning context to emit "changed" soon. */
static void
queue_changed_locked (InflightTrace *self)
{
  gint64 when;

  if (self->changed_pending || self->changed_source == NULL)
    return;

  self->changed_pending = TRUE;
  when = MAX (g_get_monotonic_time (), self->last_changed + CHANGED_INTERVAL_US);
  g_source_set_ready_time (self->changed_source, when);
}

static gboolean
changed_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  ChangedSource *cs = (ChangedSource *) source;
  g_autoptr(InflightTrace) self = g_weak_ref_get (&cs->trace);

  g_source_set_ready_time (source, -1);
  if (self == NULL)
    return G_SOURCE_CONTINUE;

  g_mutex_lock (&self->lock);
  self->changed_pending = FALSE;
  self->last_changed = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_CONTINUE;
}

static void
changed_source_finalize (GSource *source)
{
  ChangedSource *cs = (ChangedSource *) source;

  g_weak_ref_clear (&cs->trace);
}

static GSourceFuncs changed_source_funcs = {
  .dispatch = changed_source_dispatch,
  .finalize = changed_source_finalize,
};

static void
inflight_trace_dispose (GObject *object)
{
  InflightTrace *self = INFLIGHT_TRACE (object);

  if (self->changed_source != NULL)
    {
      g_source_destroy (self->changed_source);
      g_clear_pointer (&self->changed_source, g_source_unref);
    }

  G_OBJECT_CLASS (inflight_trace_parent_class)->dispose (object);
}

static void
inflight_trace_finalize (GObject *object)
{
  InflightTrace *self = INFLIGHT_TRACE (object);

  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->messages, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (inflight_trace_parent_class)->finalize (object);
}

static void
inflight_trace_class_init (InflightTraceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inflight_trace_dispose;
  object_class->finalize = inflight_trace_finalize;

  /**
   * InflightTrace::changed:
   *
   * Something was appended. Emitted on the context the trace was made on,
   * at most once per frame however many events arrive.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
inflight_trace_init (InflightTrace *self)
{
  ChangedSource *cs;

  g_mutex_init (&self->lock);
  self->strings = g_string_chunk_new (256);
  self->lanes = g_array_new (FALSE, FALSE, sizeof (InflightLane));
  self->spans = g_array_new (FALSE, FALSE, sizeof (InflightSpan));
  self->messages = g_array_new (FALSE, FALSE, sizeof (InflightMessage));
  self->marks = g_array_new (FALSE, FALSE, sizeof (InflightMark));
  self->steps = g_array_new (FALSE, FALSE, sizeof (InflightCodeStep));
  self->duration = INFLIGHT_TIME_NONE;

  self->context = g_main_context_ref_thread_default ();
  self->changed_source = g_source_new (&changed_source_funcs, sizeof (ChangedSource));
  cs = (ChangedSource *) self->changed_source;
  g_weak_ref_init (&cs->trace, self);
  g_source_set_static_name (self->changed_source, "[inflight] trace changed");
  g_source_set_priority (self->changed_source, G_PRIORITY_DEFAULT);
  g_source_attach (self->changed_source, self->context);
}

/**
 * inflight_trace_new:
 *
 * Makes an empty trace. "changed" will be emitted on the thread-default
 * main context of the calling thread.
 */
InflightTrace *
inflight_trace_new (void)
{
  return g_object_new (INFLIGHT_TYPE_TRACE, NULL);
}

/**
 * inflight_trace_start:
 *
 * Sets time zero to now. Events appended before are at time 0.
 */
void
inflight_trace_start (InflightTrace *self)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));

  g_mutex_lock (&self->lock);
  if (self->origin == 0)
    self->origin = g_get_monotonic_time ();
  queue_changed_locked (self);
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_trace_now:
 *
 * Returns: the run's clock, in microseconds since inflight_trace_start().
 */
gint64
inflight_trace_now (InflightTrace *self)
{
  gint64 ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);

  g_mutex_lock (&self->lock);
  ret = now_locked (self);
  g_mutex_unlock (&self->lock);

  return ret;
}

gboolean
inflight_trace_is_finished (InflightTrace *self)
{
  gboolean ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), FALSE);

  g_mutex_lock (&self->lock);
  ret = self->finished;
  g_mutex_unlock (&self->lock);

  return ret;
}

static void
finish_at_locked (InflightTrace *self,
                  gint64         at)
{
  if (self->finished)
    return;

  /* Close whatever was left open so that the record stays consistent. */
  for (guint i = 0; i < self->spans->len; i++)
    {
      InflightSpan *span = &g_array_index (self->spans, InflightSpan, i);

      if (span->end == INFLIGHT_TIME_NONE)
        {
          span->end = MAX (at, span->start);
          span->end_seq = self->next_seq++;
        }
    }

  for (guint i = 0; i < self->messages->len; i++)
    {
      InflightMessage *msg = &g_array_index (self->messages, InflightMessage, i);

      if (msg->arrived_at == INFLIGHT_TIME_NONE)
        msg->cancelled = TRUE;
    }

  self->duration = at;
  self->finished = TRUE;
  queue_changed_locked (self);
}

/**
 * inflight_trace_finish:
 *
 * Ends the run now: open spans are closed, messages still in flight are
 * marked cancelled. Later appends are still accepted but the duration stays.
 */
void
inflight_trace_finish (InflightTrace *self)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));

  g_mutex_lock (&self->lock);
  finish_at_locked (self, now_locked (self));
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_trace_set_duration:
 *
 * Ends a hand-made run at @duration, as inflight_trace_finish() does.
 */
void
inflight_trace_set_duration (InflightTrace *self,
                             gint64         duration)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));
  g_return_if_fail (duration >= 0);

  g_mutex_lock (&self->lock);
  finish_at_locked (self, duration);
  g_mutex_unlock (&self->lock);
}

guint
inflight_trace_add_lane (InflightTrace    *self,
                         InflightLaneRole  role,
                         const char       *label)
{
  InflightLane lane;
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  g_mutex_lock (&self->lock);
  lane.role = role;
  lane.label = g_string_chunk_insert_const (self->strings, label);
  g_array_append_val (self->lanes, lane);
  ret = self->lanes->len - 1;
  queue_changed_locked (self);
  g_mutex_unlock (&self->lock);

  return ret;
}

static guint
append_span_locked (InflightTrace    *self,
                    guint             lane,
                    guint             slot,
                    InflightSpanKind  kind,
                    gint64            start,
                    gint64            end)
{
  InflightSpan span = { lane, slot, kind, start, end, self->next_seq++, 0 };

  /* A thread that records after the run was closed (a stopped run's stragglers) cannot
   * reopen it: what it adds is clipped to the run and closed. */
  if (self->finished)
    {
      span.start = MIN (start, self->duration);
      span.end = CLAMP (end == INFLIGHT_TIME_NONE ? self->duration : end, span.start, self->duration);
    }
  if (span.end != INFLIGHT_TIME_NONE)
    span.end_seq = self->next_seq++;

  g_array_append_val (self->spans, span);
  queue_changed_locked (self);

  return self->spans->len - 1;
}

static void
end_span_locked (InflightTrace *self,
                 guint          span,
                 gint64         at)
{
  InflightSpan *s;

  if (span >= self->spans->len)
    {
      g_critical ("No span %u in this trace", span);
      return;
    }

  s = &g_array_index (self->spans, InflightSpan, span);
  if (s->end == INFLIGHT_TIME_NONE)
    {
      s->end = MAX (at, s->start);
      s->end_seq = self->next_seq++;
    }
  queue_changed_locked (self);
}

/**
 * inflight_trace_begin_span:
 *
 * Opens a span on @lane now.
 *
 * Returns: the span's id, for inflight_trace_end_span().
 */
guint
inflight_trace_begin_span (InflightTrace    *self,
                           guint             lane,
                           guint             slot,
                           InflightSpanKind  kind)
{
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);

  g_mutex_lock (&self->lock);
  g_warn_if_fail (lane < self->lanes->len);
  ret = append_span_locked (self, lane, slot, kind, now_locked (self), INFLIGHT_TIME_NONE);
  g_mutex_unlock (&self->lock);

  return ret;
}

void
inflight_trace_end_span (InflightTrace *self,
                         guint          span)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));

  g_mutex_lock (&self->lock);
  end_span_locked (self, span, now_locked (self));
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_trace_append_span:
 * @end: when it ended, or %INFLIGHT_TIME_NONE if it is still open
 *
 * Records a span whose start is already known.
 *
 * Returns: the span's id, for inflight_trace_end_span().
 */
guint
inflight_trace_append_span (InflightTrace    *self,
                            guint             lane,
                            guint             slot,
                            InflightSpanKind  kind,
                            gint64            start,
                            gint64            end)
{
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);
  g_return_val_if_fail (start >= 0, 0);
  g_return_val_if_fail (end == INFLIGHT_TIME_NONE || end >= start, 0);

  g_mutex_lock (&self->lock);
  ret = append_span_locked (self, lane, slot, kind, start, end);
  g_mutex_unlock (&self->lock);

  return ret;
}

static guint
append_message_locked (InflightTrace       *self,
                       guint                request,
                       InflightMessageKind  kind,
                       guint                from_lane,
                       guint                to_lane,
                       gint64               sent_at,
                       gint64               arrived_at)
{
  InflightMessage msg = { request, kind, from_lane, to_lane, sent_at, arrived_at, FALSE, self->next_seq++, 0 };

  if (self->finished)
    {
      msg.sent_at = MIN (sent_at, self->duration);
      if (arrived_at == INFLIGHT_TIME_NONE || arrived_at > self->duration)
        {
          msg.arrived_at = INFLIGHT_TIME_NONE;
          msg.cancelled = TRUE;
        }
    }
  if (msg.arrived_at != INFLIGHT_TIME_NONE)
    msg.arrived_seq = self->next_seq++;

  g_array_append_val (self->messages, msg);
  queue_changed_locked (self);

  return self->messages->len - 1;
}

/**
 * inflight_trace_send:
 *
 * Records a message leaving @from_lane now.
 *
 * Returns: the message's id, for inflight_trace_arrive().
 */
guint
inflight_trace_send (InflightTrace       *self,
                     guint                request,
                     InflightMessageKind  kind,
                     guint                from_lane,
                     guint                to_lane)
{
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);

  g_mutex_lock (&self->lock);
  ret = append_message_locked (self, request, kind, from_lane, to_lane,
                               now_locked (self), INFLIGHT_TIME_NONE);
  g_mutex_unlock (&self->lock);

  return ret;
}

void
inflight_trace_arrive (InflightTrace *self,
                       guint          message)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));

  g_mutex_lock (&self->lock);
  if (message < self->messages->len)
    {
      InflightMessage *msg = &g_array_index (self->messages, InflightMessage, message);

      if (msg->arrived_at == INFLIGHT_TIME_NONE && !msg->cancelled)
        {
          msg->arrived_at = MAX (now_locked (self), msg->sent_at);
          msg->arrived_seq = self->next_seq++;
        }
      queue_changed_locked (self);
    }
  else
    g_critical ("No message %u in this trace", message);
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_trace_post:
 *
 * Records a message that arrives the moment it is sent, such as a request
 * dropped on a queue.
 *
 * Returns: the message's id.
 */
guint
inflight_trace_post (InflightTrace       *self,
                     guint                request,
                     InflightMessageKind  kind,
                     guint                from_lane,
                     guint                to_lane)
{
  gint64 now;
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);

  g_mutex_lock (&self->lock);
  now = now_locked (self);
  ret = append_message_locked (self, request, kind, from_lane, to_lane, now, now);
  g_mutex_unlock (&self->lock);

  return ret;
}

guint
inflight_trace_append_message (InflightTrace       *self,
                               guint                request,
                               InflightMessageKind  kind,
                               guint                from_lane,
                               guint                to_lane,
                               gint64               sent_at,
                               gint64               arrived_at)
{
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);
  g_return_val_if_fail (sent_at >= 0, 0);
  g_return_val_if_fail (arrived_at == INFLIGHT_TIME_NONE || arrived_at >= sent_at, 0);

  g_mutex_lock (&self->lock);
  ret = append_message_locked (self, request, kind, from_lane, to_lane, sent_at, arrived_at);
  g_mutex_unlock (&self->lock);

  return ret;
}

/**
 * inflight_trace_hand_over:
 * @slot: the slot of the span that begins on @to_lane
 *
 * Records, at one instant and under one lock, a message that passes from
 * @from_lane to @to_lane at once (a dequeue, say) and the span of @span_kind
 * that @to_lane begins with it.
 *
 * Returns: the id of the span begun.
 */
guint
inflight_trace_hand_over (InflightTrace       *self,
                          guint                request,
                          InflightMessageKind  kind,
                          guint                from_lane,
                          guint                to_lane,
                          guint                slot,
                          InflightSpanKind     span_kind)
{
  gint64 now;
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);

  g_mutex_lock (&self->lock);
  now = now_locked (self);
  append_message_locked (self, request, kind, from_lane, to_lane, now, now);
  ret = append_span_locked (self, to_lane, slot, span_kind, now, INFLIGHT_TIME_NONE);
  g_mutex_unlock (&self->lock);

  return ret;
}

/**
 * inflight_trace_end_span_and_send:
 *
 * Ends @span and sends a message, at one instant and under one lock: a
 * worker finishing a request and replying, say.
 *
 * Returns: the id of the message sent, for inflight_trace_arrive().
 */
guint
inflight_trace_end_span_and_send (InflightTrace       *self,
                                  guint                span,
                                  guint                request,
                                  InflightMessageKind  kind,
                                  guint                from_lane,
                                  guint                to_lane)
{
  gint64 now;
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), 0);

  g_mutex_lock (&self->lock);
  now = now_locked (self);
  end_span_locked (self, span, now);
  ret = append_message_locked (self, request, kind, from_lane, to_lane, now, INFLIGHT_TIME_NONE);
  g_mutex_unlock (&self->lock);

  return ret;
}

static void
append_mark_locked (InflightTrace *self,
                    guint          lane,
                    gint64         at,
                    const char    *label)
{
  InflightMark mark;

  mark.lane = lane;
  mark.at = self->finished ? MIN (at, self->duration) : at;
  mark.label = g_string_chunk_insert_const (self->strings, label);
  mark.seq = self->next_seq++;
  g_array_append_val (self->marks, mark);
  queue_changed_locked (self);
}

void
inflight_trace_add_mark (InflightTrace *self,
                         guint          lane,
                         const char    *label)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));
  g_return_if_fail (label != NULL);

  g_mutex_lock (&self->lock);
  append_mark_locked (self, lane, now_locked (self), label);
  g_mutex_unlock (&self->lock);
}

void
inflight_trace_append_mark (InflightTrace *self,
                            guint          lane,
                            gint64         at,
                            const char    *label)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (at >= 0);

  g_mutex_lock (&self->lock);
  append_mark_locked (self, lane, at, label);
  g_mutex_unlock (&self->lock);
}

static void
append_step_locked (InflightTrace *self,
                    guint          lane,
                    gint64         at,
                    guint          point,
                    guint          request)
{
  InflightCodeStep step;

  step.lane = lane;
  step.at = self->finished ? MIN (at, self->duration) : at;
  step.point = point;
  step.request = request;
  step.seq = self->next_seq++;
  g_array_append_val (self->steps, step);
}

/**
 * inflight_trace_reach:
 * @point: an InflightCodePoint
 * @request: the request the thread works on, or 0
 *
 * Records that the thread of @lane has reached the listed line @point now. It draws
 * nothing: the code pane places each lane's cursor from these.
 */
void
inflight_trace_reach (InflightTrace *self,
                      guint          lane,
                      guint          point,
                      guint          request)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));

  g_mutex_lock (&self->lock);
  append_step_locked (self, lane, now_locked (self), point, request);
  g_mutex_unlock (&self->lock);
}

void
inflight_trace_append_step (InflightTrace *self,
                            guint          lane,
                            gint64         at,
                            guint          point,
                            guint          request)
{
  g_return_if_fail (INFLIGHT_IS_TRACE (self));
  g_return_if_fail (at >= 0);

  g_mutex_lock (&self->lock);
  append_step_locked (self, lane, at, point, request);
  g_mutex_unlock (&self->lock);
}

static gpointer
copy_array (GArray *array)
{
  return g_memdup2 (array->data, (gsize) array->len * g_array_get_element_size (array));
}

/**
 * inflight_trace_snapshot:
 *
 * Copies the trace as it is now. The copy never changes.
 *
 * Returns: (transfer full): a snapshot; free with inflight_trace_snapshot_unref().
 */
InflightTraceSnapshot *
inflight_trace_snapshot (InflightTrace *self)
{
  SnapshotPriv *priv;

  g_return_val_if_fail (INFLIGHT_IS_TRACE (self), NULL);

  priv = g_atomic_rc_box_new0 (SnapshotPriv);
  priv->trace = g_object_ref (self);

  g_mutex_lock (&self->lock);
  priv->pub.lanes = copy_array (self->lanes);
  priv->pub.n_lanes = self->lanes->len;
  priv->pub.spans = copy_array (self->spans);
  priv->pub.n_spans = self->spans->len;
  priv->pub.messages = copy_array (self->messages);
  priv->pub.n_messages = self->messages->len;
  priv->pub.marks = copy_array (self->marks);
  priv->pub.n_marks = self->marks->len;
  priv->pub.steps = copy_array (self->steps);
  priv->pub.n_steps = self->steps->len;
  priv->pub.started = self->origin != 0 || self->finished;
  priv->pub.finished = self->finished;
  priv->pub.duration = self->duration;
  priv->pub.now = self->finished ? self->duration : now_locked (self);
  g_mutex_unlock (&self->lock);

  return &priv->pub;
}

InflightTraceSnapshot *
inflight_trace_snapshot_ref (InflightTraceSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return &((SnapshotPriv *) g_atomic_rc_box_acquire ((SnapshotPriv *) snapshot))->pub;
}

static void
snapshot_clear (gpointer data)
{
  SnapshotPriv *priv = data;

  g_free ((gpointer) priv->pub.lanes);
  g_free ((gpointer) priv->pub.spans);
  g_free ((gpointer) priv->pub.messages);
  g_free ((gpointer) priv->pub.marks);
  g_free ((gpointer) priv->pub.steps);
  g_clear_object (&priv->trace);
  if (priv->derived != NULL && priv->derived_free != NULL)
    priv->derived_free (priv->derived);
}

void
inflight_trace_snapshot_unref (InflightTraceSnapshot *snapshot)
{
  g_return_if_fail (snapshot != NULL);

  g_atomic_rc_box_release_full ((SnapshotPriv *) snapshot, snapshot_clear);
}

/**
 * inflight_trace_snapshot_get_derived:
 * @derive: makes the data from @snapshot
 * @free_func: frees what @derive made
 *
 * Data worked out from @snapshot, made by the first caller and kept with it until it is
 * freed: for a reader that would otherwise work the same things out again for every
 * frame. A snapshot keeps one such datum; every caller must pass the same @derive.
 * Safe from any thread: if two make it at once, one of them is kept and the other freed.
 *
 * Returns: (transfer none): what @derive made, or %NULL if another @derive came first
 */
gconstpointer
inflight_trace_snapshot_get_derived (const InflightTraceSnapshot *snapshot,
                                     InflightSnapshotDeriveFunc   derive,
                                     GDestroyNotify               free_func)
{
  SnapshotPriv *priv = (SnapshotPriv *) snapshot;
  gpointer made;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (derive != NULL, NULL);

  made = g_atomic_pointer_get (&priv->derived);
  if (made == NULL)
    {
      made = derive (snapshot);
      g_return_val_if_fail (made != NULL, NULL);
      /* The function and its free are set before the datum, by whoever wins. */
      if (g_atomic_pointer_compare_and_exchange (&priv->derive, NULL, (gpointer) derive))
        {
          priv->derived_free = free_func;
          g_atomic_pointer_set (&priv->derived, made);
        }
      else
        {
          gpointer kept;

          /* Another caller is storing its datum: wait for it to land. */
          while ((kept = g_atomic_pointer_get (&priv->derived)) == NULL)
            g_thread_yield ();
          if (free_func != NULL)
            free_func (made);
          made = kept;
        }
    }

  if (g_atomic_pointer_get (&priv->derive) != (gpointer) derive)
    {
      g_critical ("%s: a snapshot keeps one kind of derived data", G_STRFUNC);
      return NULL;
    }

  return made;
}

/**
 * inflight_trace_snapshot_end_time:
 *
 * Returns: the last moment the snapshot knows of: the run's duration once
 * finished, else its clock or the latest event, whichever is later.
 */
gint64
inflight_trace_snapshot_end_time (const InflightTraceSnapshot *snapshot)
{
  gint64 end;

  g_return_val_if_fail (snapshot != NULL, 0);

  if (snapshot->finished)
    return snapshot->duration;

  end = snapshot->now;
  for (guint i = 0; i < snapshot->n_spans; i++)
    end = MAX (end, MAX (snapshot->spans[i].start, snapshot->spans[i].end));
  for (guint i = 0; i < snapshot->n_messages; i++)
    end = MAX (end, MAX (snapshot->messages[i].sent_at, snapshot->messages[i].arrived_at));
  for (guint i = 0; i < snapshot->n_marks; i++)
    end = MAX (end, snapshot->marks[i].at);

  return end;
}
