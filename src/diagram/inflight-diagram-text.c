/* inflight-diagram-text.c
 * The diagram in words: the summary a screen reader gives, and one line per event.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram-text"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "inflight-diagram-text.h"
#include "inflight-format.h"
#include "inflight-metrics.h"

#define SEAM_US 1000
/* The run's end and what it cuts short come after everything else recorded at that time. */
#define SEQ_LAST G_MAXUINT

/* Something a lane did at one moment: a message it sent or took in, or a mark on it. */
typedef struct
{
  guint  lane;
  gint64 at;
  guint  seq;
} LaneMoment;

static const char *
lane_label (const InflightTraceSnapshot *snapshot,
            guint                        lane)
{
  if (lane >= snapshot->n_lanes || snapshot->lanes[lane].label == NULL)
    /* Translators: a participant of a run that has no name */
    return _("a participant");

  return snapshot->lanes[lane].label;
}

static int
compare_events (const void *a,
                const void *b)
{
  const InflightEvent *x = a;
  const InflightEvent *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  /* At one instant, in the order they happened, which is the order they were recorded in. */
  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return (x->index > y->index) - (x->index < y->index);
}

static int
compare_moments (const void *a,
                 const void *b)
{
  const LaneMoment *x = a;
  const LaneMoment *y = b;

  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Every moment a lane did something, ordered by lane and then as they happened. */
static GArray *
list_lane_moments (const InflightTraceSnapshot *snapshot)
{
  GArray *moments = g_array_sized_new (FALSE, FALSE, sizeof (LaneMoment),
                                       2 * snapshot->n_messages + snapshot->n_marks);

#define ADD(l, t, q) G_STMT_START { LaneMoment moment = { (l), (t), (q) }; g_array_append_val (moments, moment); } G_STMT_END
  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *m = &snapshot->messages[i];

      ADD (m->from_lane, m->sent_at, m->sent_seq);
      if (m->arrived_at != INFLIGHT_TIME_NONE && !m->cancelled)
        ADD (m->to_lane, m->arrived_at, m->arrived_seq);
    }
  for (guint i = 0; i < snapshot->n_marks; i++)
    ADD (snapshot->marks[i].lane, snapshot->marks[i].at, snapshot->marks[i].seq);
#undef ADD

  qsort (moments->data, moments->len, sizeof (LaneMoment), compare_moments);

  return moments;
}

/* Whether the lane did anything after the end of @before and before the start of @span. */
static gboolean
lane_busy_between (const GArray       *moments,
                   const InflightSpan *before,
                   const InflightSpan *span)
{
  LaneMoment from = { span->lane, before->end, before->end_seq };
  LaneMoment to = { span->lane, span->start, span->start_seq };
  guint lo = 0, hi = moments->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_moments (&g_array_index (moments, LaneMoment, mid), &from) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < moments->len && compare_moments (&g_array_index (moments, LaneMoment, lo), &to) < 0;
}

/* A wait that ends as the next begins (within a millisecond), with nothing done between, is one wait.
 * @moments is made the first time it is needed: most runs have no seam to look into. */
static gboolean
is_seam (const InflightTraceSnapshot  *snapshot,
         GArray                      **moments,
         const InflightSpan           *before,
         const InflightSpan           *span)
{
  if (before == NULL || span == NULL || before->lane != span->lane || before->slot != span->slot ||
      before->kind != span->kind || before->end == INFLIGHT_TIME_NONE || span->start - before->end > SEAM_US)
    return FALSE;

  if (*moments == NULL)
    *moments = list_lane_moments (snapshot);

  return !lane_busy_between (*moments, before, span);
}

/* The caller's time limits that went off, by request number. */
static GHashTable *
list_give_ups (const InflightTraceSnapshot *snapshot)
{
  GHashTable *give_ups = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *m = &snapshot->messages[i];

      if (m->kind == INFLIGHT_MESSAGE_TIMEOUT && m->arrived_at != INFLIGHT_TIME_NONE && !m->cancelled)
        g_hash_table_insert (give_ups, GUINT_TO_POINTER (m->request), (gpointer) m);
    }

  return give_ups;
}

/* The time limit that went off while @message was on its way, if one did: a caller that gives up
 * on a call drops what is still travelling for it. @give_ups is made the first time it is needed. */
static const InflightMessage *
find_give_up (const InflightTraceSnapshot  *snapshot,
              GHashTable                  **give_ups,
              const InflightMessage        *message)
{
  const InflightMessage *timeout;

  if (*give_ups == NULL)
    *give_ups = list_give_ups (snapshot);

  timeout = g_hash_table_lookup (*give_ups, GUINT_TO_POINTER (message->request));
  if (timeout == NULL || (timeout->to_lane != message->from_lane && timeout->to_lane != message->to_lane))
    return NULL;

  return timeout;
}

static gboolean
span_is_told (const InflightSpan *span)
{
  return span->kind == INFLIGHT_SPAN_WAITING ||
         span->kind == INFLIGHT_SPAN_DOWN ||
         span->kind == INFLIGHT_SPAN_FROZEN;
}

/* Orders told spans by lane, slot, kind and start, to find where one ends as the next begins. */
static int
compare_spans (const void *a,
               const void *b,
               void       *user_data)
{
  const InflightTraceSnapshot *snapshot = user_data;
  const InflightSpan *x = &snapshot->spans[*(const guint *) a];
  const InflightSpan *y = &snapshot->spans[*(const guint *) b];

  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->start_seq > y->start_seq) - (x->start_seq < y->start_seq);
}

/**
 * inflight_diagram_caller_lane:
 *
 * Returns: the lane that makes the calls: the first caller, UI thread or
 * event loop; %G_MAXUINT if the run has none (parallel computing).
 */
guint
inflight_diagram_caller_lane (const InflightTraceSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, G_MAXUINT);

  for (guint i = 0; i < snapshot->n_lanes; i++)
    if (snapshot->lanes[i].role == INFLIGHT_LANE_CALLER ||
        snapshot->lanes[i].role == INFLIGHT_LANE_UI_THREAD ||
        snapshot->lanes[i].role == INFLIGHT_LANE_EVENT_LOOP)
      return i;

  return G_MAXUINT;
}

/* What ran: how many requests and how they were made, as in "5 requests, blocking." */
static char *
describe_what (guint       requests,
               const char *strategy_title)
{
  if (requests > 0 && strategy_title != NULL)
    /* Translators: the first sentence of a run's summary: the number of requests, then how they
     * were made, as in "5 requests, blocking." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request, %s.", "%u requests, %s.", requests),
                            requests, strategy_title);
  if (requests > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request.", "%u requests.", requests), requests);
  /* A run of pure computing sends no requests: it is told by its strategy alone. */
  if (strategy_title != NULL)
    /* Translators: the first sentence of a run's summary when it sent no requests, as in "A parallel run." */
    return g_strdup_printf (_("A %s run."), strategy_title);

  return g_strdup (_("A run."));
}

/**
 * inflight_diagram_describe:
 * @strategy_title: (nullable): how the calls were made, as in "blocking"
 *
 * Returns: (transfer full): the whole run in a few sentences, as in "5 requests,
 * blocking. It took 2.01 s in total. The caller waited 98% of the time."
 */
char *
inflight_diagram_describe (const InflightTraceSnapshot *snapshot,
                           const char                  *strategy_title)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *total = NULL;
  InflightMetrics metrics;
  guint caller;

  g_return_val_if_fail (snapshot != NULL, NULL);

  if (!snapshot->started || snapshot->n_lanes == 0)
    return g_strdup (_("No run yet"));

  inflight_metrics_compute (snapshot, &metrics);
  total = inflight_format_duration (metrics.total);

  g_ptr_array_add (sentences, describe_what (metrics.requests, strategy_title));
  g_ptr_array_add (sentences, g_strdup_printf (snapshot->finished ?
                                               /* Translators: in a run's summary: how long it took */
                                               _("It took %s in total.") : _("It has taken %s so far."),
                                               total));

  caller = inflight_diagram_caller_lane (snapshot);
  if (caller != G_MAXUINT)
    {
      double waited = 100 * inflight_metrics_lane_share (snapshot, caller, INFLIGHT_SPAN_WAITING);
      double free = 100 * inflight_metrics_lane_share (snapshot, caller, INFLIGHT_SPAN_IDLE);
      double worked = 100 * inflight_metrics_lane_share (snapshot, caller, INFLIGHT_SPAN_WORKING);

      if (free > 0)
        /* Translators: in a run's summary: the shares of the run the caller spent computing, free
         * (ready for anything, neither busy nor blocked) and blocked */
        g_ptr_array_add (sentences, g_strdup_printf (_("The caller worked %.0f%% of the time, was free %.0f%% "
                                                       "and waited %.0f%%."), worked, free, waited));
      else
        /* Translators: in a run's summary: the share of the run the caller spent blocked */
        g_ptr_array_add (sentences, g_strdup_printf (_("The caller waited %.0f%% of the time."), waited));
    }

  if (metrics.failed > 0)
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request failed.",
                                                              "%u requests failed.", metrics.failed),
                                                 metrics.failed));
  if (metrics.out_of_order > 0)
    g_ptr_array_add (sentences, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reply came out of order.",
                                                              "%u replies came out of order.", metrics.out_of_order),
                                                 metrics.out_of_order));

  g_ptr_array_add (sentences, NULL);

  return g_strjoinv (" ", (char **) sentences->pdata);
}

/**
 * inflight_diagram_describe_lanes:
 *
 * Returns: (transfer full): the lanes' whole names from left to right, in a sentence, for the
 * diagram's accessible text: narrow lanes show them shortened, or grouped
 */
char *
inflight_diagram_describe_lanes (const InflightTraceSnapshot *snapshot)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (snapshot != NULL, NULL);

  for (guint i = 0; i < snapshot->n_lanes; i++)
    g_ptr_array_add (names, (gpointer) lane_label (snapshot, i));
  g_ptr_array_add (names, NULL);

  {
    g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);

    /* Translators: the diagram's lanes, named in a list separated by commas */
    return g_strdup_printf (_("Lanes from left to right: %s."), list);
  }
}

/**
 * inflight_diagram_list_events:
 *
 * Returns: (transfer full) (element-type InflightEvent): every event of the
 * run in the order of time, and those of one instant in the order they were
 * recorded: messages sent and arrived, waits, outages and freezes beginning
 * and ending, marks, and the end of the run.
 */
GArray *
inflight_diagram_list_events (const InflightTraceSnapshot *snapshot)
{
  GArray *events;
  GArray *told;
  GArray *moments = NULL;
  GHashTable *give_ups = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);

  events = g_array_sized_new (FALSE, FALSE, sizeof (InflightEvent),
                              2 * snapshot->n_messages + snapshot->n_marks + 1);

#define ADD(t, k, i, q) G_STMT_START { InflightEvent e = { (t), (k), (i), (q) }; g_array_append_val (events, e); } G_STMT_END
  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *m = &snapshot->messages[i];

      const InflightMessage *gave_up = NULL;

      ADD (m->sent_at, INFLIGHT_EVENT_SENT, i, m->sent_seq);
      if (m->arrived_at != INFLIGHT_TIME_NONE && !m->cancelled)
        ADD (m->arrived_at, INFLIGHT_EVENT_ARRIVED, i, m->arrived_seq);
      else if (!m->cancelled || !snapshot->finished)
        continue;
      else if ((gave_up = find_give_up (snapshot, &give_ups, m)) == NULL)
        ADD (inflight_trace_snapshot_end_time (snapshot), INFLIGHT_EVENT_LOST, i, SEQ_LAST);
      /* Dropped as the caller gave up, or as it left if that was later. */
      else if (m->sent_seq > gave_up->arrived_seq)
        ADD (m->sent_at, INFLIGHT_EVENT_DROPPED, i, m->sent_seq);
      else
        ADD (gave_up->arrived_at, INFLIGHT_EVENT_DROPPED, i, gave_up->arrived_seq);
    }
  g_clear_pointer (&give_ups, g_hash_table_unref);
  /* One wait told in pieces would read as the lane stopping and starting again: tell neither seam. */
  told = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < snapshot->n_spans; i++)
    if (span_is_told (&snapshot->spans[i]))
      g_array_append_val (told, i);
  g_qsort_with_data (told->data, told->len, sizeof (guint), compare_spans, (gpointer) snapshot);
  for (guint j = 0; j < told->len; j++)
    {
      guint i = g_array_index (told, guint, j);
      const InflightSpan *span = &snapshot->spans[i];
      const InflightSpan *before = j > 0 ? &snapshot->spans[g_array_index (told, guint, j - 1)] : NULL;
      const InflightSpan *after = j + 1 < told->len ? &snapshot->spans[g_array_index (told, guint, j + 1)] : NULL;

      if (!is_seam (snapshot, &moments, before, span))
        ADD (span->start, INFLIGHT_EVENT_SPAN_START, i, span->start_seq);
      if (span->end != INFLIGHT_TIME_NONE && !is_seam (snapshot, &moments, span, after))
        ADD (span->end, INFLIGHT_EVENT_SPAN_END, i, span->end_seq);
    }
  g_array_unref (told);
  g_clear_pointer (&moments, g_array_unref);
  for (guint i = 0; i < snapshot->n_marks; i++)
    ADD (snapshot->marks[i].at, INFLIGHT_EVENT_MARK, i, snapshot->marks[i].seq);
  if (snapshot->finished)
    ADD (inflight_trace_snapshot_end_time (snapshot), INFLIGHT_EVENT_END, 0, SEQ_LAST);
#undef ADD

  qsort (events->data, events->len, sizeof (InflightEvent), compare_events);

  return events;
}

static char *
message_text (const InflightTraceSnapshot *s,
              const InflightMessage       *m,
              InflightEventKind            kind)
{
  const char *from = lane_label (s, m->from_lane);
  const char *to = lane_label (s, m->to_lane);
  g_autofree char *limit = NULL;

  if (kind == INFLIGHT_EVENT_LOST)
    /* Translators: %u is a request number */
    return g_strdup_printf (_("#%u never arrives: the run was stopped"), m->request);
  if (kind == INFLIGHT_EVENT_DROPPED)
    /* Translators: %u is a request number, %s the lane that gave up on it, as in
     * "#2 is dropped on its way: Caller thread no longer waits for it" */
    return g_strdup_printf (_("#%u is dropped on its way: %s no longer waits for it"), m->request,
                            m->kind == INFLIGHT_MESSAGE_REQUEST ? from : to);

  switch (m->kind)
    {
    case INFLIGHT_MESSAGE_REQUEST:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s sends request #%u to %s"), from, m->request, to) :
             g_strdup_printf (_("Request #%u reaches %s"), m->request, to);

    case INFLIGHT_MESSAGE_REPLY:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s replies to #%u"), from, m->request) :
             g_strdup_printf (_("The reply to #%u reaches %s"), m->request, to);

    case INFLIGHT_MESSAGE_ERROR:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s fails request #%u"), from, m->request) :
             g_strdup_printf (_("The failure of #%u reaches %s"), m->request, to);

    case INFLIGHT_MESSAGE_ENQUEUE:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s puts #%u on %s"), from, m->request, to) :
             g_strdup_printf (_("#%u waits in %s"), m->request, to);

    case INFLIGHT_MESSAGE_DEQUEUE:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s hands #%u to %s"), from, m->request, to) :
             g_strdup_printf (_("%s takes #%u"), to, m->request);

    case INFLIGHT_MESSAGE_CALLBACK:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s schedules the callback of #%u"), from, m->request) :
             g_strdup_printf (_("The callback of #%u runs on %s"), m->request, to);

    case INFLIGHT_MESSAGE_TIMEOUT:
      /* The caller's own timer: it starts as the request leaves and goes off when the caller gives up. */
      if (kind != INFLIGHT_EVENT_SENT)
        return g_strdup_printf (_("%s gives up waiting for #%u"), to, m->request);
      if (m->arrived_at == INFLIGHT_TIME_NONE)
        return g_strdup_printf (_("%s sets a time limit for #%u"), from, m->request);
      limit = inflight_format_duration (m->arrived_at - m->sent_at);
      /* Translators: %s is a lane, then a duration, as in "Caller thread will wait at most 300 ms for #2" */
      return g_strdup_printf (_("%s will wait at most %s for #%u"), from, limit, m->request);

    case INFLIGHT_MESSAGE_CANCEL:
    default:
      return kind == INFLIGHT_EVENT_SENT ?
             g_strdup_printf (_("%s cancels #%u"), from, m->request) :
             g_strdup_printf (_("The cancellation of #%u reaches %s"), m->request, to);
    }
}

static char *
span_text (const InflightTraceSnapshot *s,
           const InflightSpan          *span,
           gboolean                     start)
{
  const char *lane = lane_label (s, span->lane);

  switch (span->kind)
    {
    case INFLIGHT_SPAN_WAITING:
      return g_strdup_printf (start ? _("%s starts waiting") : _("%s stops waiting"), lane);

    case INFLIGHT_SPAN_DOWN:
      return g_strdup_printf (start ? _("%s goes down") : _("%s is back up"), lane);

    case INFLIGHT_SPAN_FROZEN:
      return g_strdup_printf (start ? _("%s freezes: no frames are drawn") : _("%s draws again"), lane);

    case INFLIGHT_SPAN_IDLE:
      return g_strdup_printf (start ? _("%s is free") : _("%s takes something up"), lane);

    case INFLIGHT_SPAN_READY:
      return g_strdup_printf (start ? _("%s waits for a processor core") : _("%s gets a core"), lane);

    case INFLIGHT_SPAN_WORKING:
    default:
      return g_strdup_printf (start ? _("%s starts working") : _("%s stops working"), lane);
    }
}

/**
 * inflight_diagram_event_text:
 *
 * Returns: (transfer full): @event in words, time first, as in
 * "0.40 s · The reply to #1 reaches Caller thread".
 */
char *
inflight_diagram_event_text (const InflightTraceSnapshot *snapshot,
                             const InflightEvent         *event)
{
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (event != NULL, NULL);

  when = inflight_format_duration (event->at);

  switch (event->kind)
    {
    case INFLIGHT_EVENT_SENT:
    case INFLIGHT_EVENT_ARRIVED:
    case INFLIGHT_EVENT_LOST:
    case INFLIGHT_EVENT_DROPPED:
      g_return_val_if_fail (event->index < snapshot->n_messages, NULL);
      what = message_text (snapshot, &snapshot->messages[event->index], event->kind);
      break;

    case INFLIGHT_EVENT_SPAN_START:
    case INFLIGHT_EVENT_SPAN_END:
      g_return_val_if_fail (event->index < snapshot->n_spans, NULL);
      what = span_text (snapshot, &snapshot->spans[event->index], event->kind == INFLIGHT_EVENT_SPAN_START);
      break;

    case INFLIGHT_EVENT_MARK:
      g_return_val_if_fail (event->index < snapshot->n_marks, NULL);
      /* Translators: a lane's name and what happened there, as in "Caller: future resolved" */
      what = g_strdup_printf (_("%s: %s"), lane_label (snapshot, snapshot->marks[event->index].lane),
                              snapshot->marks[event->index].label);
      break;

    case INFLIGHT_EVENT_END:
    default:
      what = g_strdup (_("The run ends"));
      break;
    }

  /* Translators: an event in the list beside the diagram: its time, then what happened */
  return g_strdup_printf (_("%s · %s"), when, what);
}

/**
 * inflight_diagram_find_event:
 * @events: (element-type InflightEvent): sorted, from inflight_diagram_list_events()
 *
 * Returns: how many of @events happened at or before @t: the one shown
 * current at the playhead @t is the one before that index.
 */
guint
inflight_diagram_find_event (const GArray *events,
                             gint64        t)
{
  guint lo = 0, hi;

  g_return_val_if_fail (events != NULL, 0);

  hi = events->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (events, InflightEvent, mid).at <= t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}
