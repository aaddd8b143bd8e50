/* inflight-diagram-index.c
 * What the diagram needs to know of a whole trace, worked out once per snapshot.
 *
 * A frame used to read every message and span of the trace to find the few it shows,
 * which kinds there are for the legend, and how long the queue was: a cost that grew
 * with the trace however little of it was in view. This index is made the first time a
 * snapshot is drawn and kept with it, so that a frame reads only what its times cover.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include "inflight-diagram-index.h"

/* Insertion sort stops paying off past this many moves per event; then qsort. */
#define MOVES_PER_EVENT 32

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const InflightQueueEvent *x = a;
  const InflightQueueEvent *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

/* Arrivals come nearly in order (each a short flight after its sending), and so do
 * departures, so an insertion sort is cheap; a budget bounds it where they do not. */
static void
sort_events (InflightQueueEvent *events,
             guint               n)
{
  guint64 moves = 0;

  for (guint i = 1; i < n; i++)
    {
      InflightQueueEvent e = events[i];
      guint j = i;

      while (j > 0 && events[j - 1].at > e.at)
        {
          events[j] = events[j - 1];
          j--;
          if (++moves > (guint64) MOVES_PER_EVENT * n)
            {
              events[j] = e;
              qsort (events, n, sizeof *events, compare_events);
              return;
            }
        }
      events[j] = e;
    }
}

/* Merges two sorted runs into @out. */
static void
merge_events (const GArray       *a,
              const GArray       *b,
              InflightQueueEvent *out)
{
  const InflightQueueEvent *x = (const InflightQueueEvent *) (void *) a->data;
  const InflightQueueEvent *y = (const InflightQueueEvent *) (void *) b->data;
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    *out++ = (j >= b->len || (i < a->len && x[i].at <= y[j].at)) ? x[i++] : y[j++];
}

static void
add_queue_tracks (InflightDiagramIndex        *index,
                  const InflightTraceSnapshot *s)
{
  g_autofree int *track_of = g_new (int, MAX (s->n_lanes, 1));
  GArray **arrivals, **departures;

  for (guint l = 0; l < s->n_lanes; l++)
    track_of[l] = s->lanes[l].role == INFLIGHT_LANE_QUEUE ? (int) index->n_queues++ : -1;
  if (index->n_queues == 0)
    return;

  arrivals = g_new (GArray *, index->n_queues);
  departures = g_new (GArray *, index->n_queues);
  for (guint q = 0; q < index->n_queues; q++)
    {
      arrivals[q] = g_array_new (FALSE, FALSE, sizeof (InflightQueueEvent));
      departures[q] = g_array_new (FALSE, FALSE, sizeof (InflightQueueEvent));
    }

  for (guint i = 0; i < s->n_messages; i++)
    {
      const InflightMessage *m = &s->messages[i];

      if (m->kind == INFLIGHT_MESSAGE_ENQUEUE && m->to_lane < s->n_lanes &&
          track_of[m->to_lane] >= 0 && m->arrived_at != INFLIGHT_TIME_NONE)
        {
          InflightQueueEvent e = { m->arrived_at, 1 };

          g_array_append_val (arrivals[track_of[m->to_lane]], e);
        }
      else if (m->kind == INFLIGHT_MESSAGE_DEQUEUE && m->from_lane < s->n_lanes &&
               track_of[m->from_lane] >= 0)
        {
          InflightQueueEvent e = { m->sent_at, -1 };

          g_array_append_val (departures[track_of[m->from_lane]], e);
        }
    }

  index->queues = g_new0 (InflightQueueTrack, index->n_queues);
  for (guint l = 0; l < s->n_lanes; l++)
    {
      InflightQueueTrack *track;
      int q = track_of[l];

      if (q < 0)
        continue;
      track = &index->queues[q];
      track->lane = l;
      sort_events ((InflightQueueEvent *) (void *) arrivals[q]->data, arrivals[q]->len);
      sort_events ((InflightQueueEvent *) (void *) departures[q]->data, departures[q]->len);
      track->n = arrivals[q]->len + departures[q]->len;
      track->events = g_new (InflightQueueEvent, MAX (track->n, 1));
      merge_events (arrivals[q], departures[q], track->events);
      track->depth = g_new (int, track->n + 1);
      track->depth[0] = 0;
      for (guint i = 0; i < track->n; i++)
        track->depth[i + 1] = track->depth[i] + track->events[i].delta;
      g_array_unref (arrivals[q]);
      g_array_unref (departures[q]);
    }
  g_free (arrivals);
  g_free (departures);
}

/**
 * inflight_diagram_index_new:
 *
 * Works out the index of @snapshot afresh; inflight_diagram_index_get() keeps one with it.
 */
InflightDiagramIndex *
inflight_diagram_index_new (const InflightTraceSnapshot *s)
{
  InflightDiagramIndex *index = g_new0 (InflightDiagramIndex, 1);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) unarrived = g_array_new (FALSE, FALSE, sizeof (guint));

  index->n_lanes = s->n_lanes;
  index->max_slot = g_new0 (guint, MAX (s->n_lanes, 1));

  index->spans_in_order = TRUE;
  for (guint i = 0; i < s->n_spans; i++)
    {
      const InflightSpan *span = &s->spans[i];

      index->span_kinds[MIN ((guint) span->kind, INFLIGHT_N_SPAN_KINDS - 1)] = TRUE;
      if (span->lane < s->n_lanes)
        index->max_slot[span->lane] = MAX (index->max_slot[span->lane], MIN (span->slot, 255));
      if (i > 0 && span->start < s->spans[i - 1].start)
        index->spans_in_order = FALSE;
      if (span->end == INFLIGHT_TIME_NONE)
        g_array_append_val (open, i);
      else
        index->longest_span = MAX (index->longest_span, span->end - span->start);
    }

  index->messages_in_order = TRUE;
  for (guint i = 0; i < s->n_messages; i++)
    {
      const InflightMessage *m = &s->messages[i];

      index->message_kinds[MIN ((guint) m->kind, INFLIGHT_N_MESSAGE_KINDS - 1)] = TRUE;
      index->lost |= m->cancelled;
      if (i > 0 && m->sent_at < s->messages[i - 1].sent_at)
        index->messages_in_order = FALSE;
      if (m->arrived_at == INFLIGHT_TIME_NONE)
        g_array_append_val (unarrived, i);
      else
        index->longest_flight = MAX (index->longest_flight, m->arrived_at - m->sent_at);
    }

  index->n_open = open->len;
  index->open = (guint *) (void *) g_array_free (g_steal_pointer (&open), FALSE);
  index->n_unarrived = unarrived->len;
  index->unarrived = (guint *) (void *) g_array_free (g_steal_pointer (&unarrived), FALSE);
  add_queue_tracks (index, s);

  return index;
}

void
inflight_diagram_index_free (InflightDiagramIndex *index)
{
  if (index == NULL)
    return;

  for (guint q = 0; q < index->n_queues; q++)
    {
      g_free (index->queues[q].events);
      g_free (index->queues[q].depth);
    }
  g_free (index->queues);
  g_free (index->open);
  g_free (index->unarrived);
  g_free (index->max_slot);
  g_free (index);
}

static gpointer
derive_index (const InflightTraceSnapshot *snapshot)
{
  return inflight_diagram_index_new (snapshot);
}

/**
 * inflight_diagram_index_get:
 *
 * Returns: (transfer none): the index kept with @snapshot, made if it is the first call;
 * %NULL if the snapshot keeps other data already, and the caller must make its own
 */
const InflightDiagramIndex *
inflight_diagram_index_get (const InflightTraceSnapshot *snapshot)
{
  return inflight_trace_snapshot_get_derived (snapshot, derive_index,
                                              (GDestroyNotify) inflight_diagram_index_free);
}

static gint64
saturating_sub (gint64 a,
                gint64 b)
{
  return b > 0 && a < G_MININT64 + b ? G_MININT64 : a - b;
}

/* The first index in @array whose @field is above @t (at or above it, if !@after). */
#define BISECT(array, n, field, t, after, result) G_STMT_START { \
    guint lo_ = 0, hi_ = (n);                                     \
    while (lo_ < hi_)                                             \
      {                                                           \
        guint mid_ = lo_ + (hi_ - lo_) / 2;                       \
        if ((after) ? (array)[mid_].field <= (t) : (array)[mid_].field < (t)) \
          lo_ = mid_ + 1;                                         \
        else                                                      \
          hi_ = mid_;                                             \
      }                                                           \
    (result) = lo_;                                               \
  } G_STMT_END

/* The range from @first to @end, after those of @extra (sorted) that come before @first. */
static void
range_init (InflightIndexRange *range,
            const guint        *extra,
            guint               n_extra,
            guint               first,
            guint               end)
{
  range->extra = extra;
  range->n_extra = 0;
  while (range->n_extra < n_extra && extra[range->n_extra] < first)
    range->n_extra++;
  range->next = first;
  range->end = MAX (first, end);
}

/**
 * inflight_diagram_index_messages:
 * @from: the earliest moment shown
 * @until: the latest moment shown
 * @range: (out): the messages that may show between @from and @until
 *
 * Messages left out were all sent after @until, or arrived before @from.
 */
void
inflight_diagram_index_messages (const InflightDiagramIndex  *index,
                                 const InflightTraceSnapshot *s,
                                 gint64                       from,
                                 gint64                       until,
                                 InflightIndexRange          *range)
{
  guint first, end;

  if (!index->messages_in_order)
    {
      range_init (range, NULL, 0, 0, s->n_messages);
      return;
    }

  BISECT (s->messages, s->n_messages, sent_at, until, TRUE, end);
  BISECT (s->messages, s->n_messages, sent_at, saturating_sub (from, index->longest_flight), FALSE, first);
  /* Those still on their way at the end came before: they show until the playhead. */
  range_init (range, index->unarrived, index->n_unarrived, MIN (first, end), end);
}

/**
 * inflight_diagram_index_spans:
 *
 * As inflight_diagram_index_messages(), for spans: those left out started after @until
 * or ended before @from.
 */
void
inflight_diagram_index_spans (const InflightDiagramIndex  *index,
                              const InflightTraceSnapshot *s,
                              gint64                       from,
                              gint64                       until,
                              InflightIndexRange          *range)
{
  guint first, end;

  if (!index->spans_in_order)
    {
      range_init (range, NULL, 0, 0, s->n_spans);
      return;
    }

  BISECT (s->spans, s->n_spans, start, until, TRUE, end);
  BISECT (s->spans, s->n_spans, start, saturating_sub (from, index->longest_span), FALSE, first);
  range_init (range, index->open, index->n_open, MIN (first, end), end);
}

/**
 * inflight_queue_track_find:
 * @after: %FALSE for the first event at or after @t, %TRUE for the first after it
 *
 * Returns: that event's index; @track's n if there is none
 */
guint
inflight_queue_track_find (const InflightQueueTrack *track,
                           gint64                    t,
                           gboolean                  after)
{
  guint result;

  BISECT (track->events, track->n, at, t, after, result);

  return result;
}
