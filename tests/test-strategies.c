/* test-strategies.c
 * Every strategy runs for real: what must happen before what, measured against predicted,
 * and the service model — seeds, outages, timeouts, chains and live changes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "inflight-diagram-text.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-service.h"
#include "inflight-test-util.h"

#define MS 1000

static guint
count_messages (const InflightTraceSnapshot *snap,
                InflightMessageKind          kind)
{
  guint n = 0;

  for (guint i = 0; i < snap->n_messages; i++)
    n += snap->messages[i].kind == kind;

  return n;
}

static gint
find_mark (const InflightTraceSnapshot *snap,
           const char                  *label)
{
  for (guint i = 0; i < snap->n_marks; i++)
    if (g_str_equal (snap->marks[i].label, label))
      return i;

  return -1;
}

/* Where @request was awaited: a mark of its own, or one for several awaited at once. */
static gint
find_awaited (const InflightTraceSnapshot *snap,
              guint                        request)
{
  g_autofree char *alone = g_strdup_printf ("#%u awaited", request);
  g_autofree char *listed = g_strdup_printf ("#%u", request);

  for (guint i = 0; i < snap->n_marks; i++)
    {
      const char *label = snap->marks[i].label;
      g_auto(GStrv) parts = NULL;

      if (g_str_equal (label, alone))
        return i;
      if (!g_str_has_suffix (label, " awaited: resolved already, no pause"))
        continue;
      parts = g_strsplit_set (label, ", ", -1);
      if (g_strv_contains ((const char * const *) parts, listed))
        return i;
    }

  return -1;
}

static guint
find_lane (const InflightTraceSnapshot *snap,
           InflightLaneRole             role)
{
  for (guint i = 0; i < snap->n_lanes; i++)
    if (snap->lanes[i].role == role)
      return i;

  g_assert_not_reached ();
}

/* Measured within a tolerant bound of predicted: never faster, and not much slower. */
static void
assert_near_theory (InflightScenario            *scenario,
                    const InflightTraceSnapshot *snap,
                    gint64                       slack)
{
  InflightMetrics metrics;
  gint64 predicted = inflight_model_predict_total (scenario);

  inflight_metrics_compute (snap, &metrics);
  g_test_message ("%s: measured %" G_GINT64_FORMAT " µs, predicted %" G_GINT64_FORMAT " µs",
                  inflight_strategy_to_string (inflight_scenario_get_strategy (scenario)),
                  metrics.total, predicted);
  g_assert_cmpint (metrics.total, >=, predicted * 97 / 100);
  g_assert_cmpint (metrics.total, <=, predicted * 13 / 10 + slack);
}

static void
test_ui_blocking_freezes (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_UI_BLOCKING, 3, 40, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  guint ui;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  ui = find_lane (snap, INFLIGHT_LANE_UI_THREAD);
  g_assert_cmpstr (snap->lanes[ui].label, ==, "UI thread");

  /* The heartbeat on the held context stopped for the whole of the three calls. */
  g_assert_cmpint (metrics.longest_freeze, >=, 3 * 40 * MS * 97 / 100);
  g_assert_cmpint (metrics.longest_freeze, <=, 3 * 40 * MS + 40 * MS);
  g_assert_cmpuint (metrics.replies, ==, 3);

  /* The calls happened inside the freeze, one after another. */
  for (guint i = 0; i < snap->n_spans; i++)
    if (snap->spans[i].kind == INFLIGHT_SPAN_FROZEN)
      {
        const InflightMessage *first = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REQUEST);
        const InflightMessage *last = inflight_test_find_message (snap, 3, INFLIGHT_MESSAGE_REPLY);

        g_assert_cmpint (snap->spans[i].start, <=, first->sent_at);
        g_assert_cmpint (snap->spans[i].end, >=, last->arrived_at);
      }
}

static void
test_ui_blocking_is_capped (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_UI_BLOCKING, 8, 500, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;

  /* Eight calls of half a second would hold the window for 4 s: it is let go at 3 s. */
  g_assert_cmpint (inflight_model_predict_total (scenario), ==, INFLIGHT_UI_FREEZE_CAP_US);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (snap, &metrics);

  g_assert_cmpint (metrics.longest_freeze, >=, INFLIGHT_UI_FREEZE_CAP_US * 97 / 100);
  g_assert_cmpint (metrics.longest_freeze, <=, INFLIGHT_UI_FREEZE_CAP_US + 100 * MS);
  g_assert_cmpuint (metrics.replies, <, 8);
  g_assert_cmpint (find_mark (snap, "stopped: the UI thread is held 3 s at most"), >=, 0);
}

static void
test_ui_blocking_cancel_from_another_thread (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_UI_BLOCKING, 10, 100, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;

  snap = inflight_test_run_full (scenario, 150 * MS, TRUE, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  inflight_test_assert_consistent (snap);
  g_assert_cmpint (snap->duration, <, 400 * MS);
}

/* Where the event list says @what_happened, first; fails if it says it nowhere. */
static guint
find_event (const InflightTraceSnapshot *snap,
            const GArray                *events,
            const char                  *what_happened)
{
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *text = inflight_diagram_event_text (snap, &g_array_index (events, InflightEvent, i));

      if (g_str_has_suffix (text, what_happened))
        return i;
    }

  g_error ("No event says “%s”", what_happened);
}

/* How many events the list tells with @words somewhere in them. */
static guint
count_events_saying (const InflightTraceSnapshot *snap,
                     const GArray                *events,
                     const char                  *words)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *text = inflight_diagram_event_text (snap, &g_array_index (events, InflightEvent, i));

      n += strstr (text, words) != NULL;
    }

  return n;
}

/* Runs @scenario to its end and lists its events; the run goes to @snap. */
static GArray *
run_and_list_events (InflightScenario       *scenario,
                     InflightTraceSnapshot **snap)
{
  g_autoptr(GError) error = NULL;

  *snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (*snap);

  return inflight_diagram_list_events (*snap);
}

/* Lesson 3 with a timeout: the UI thread gives up when its timer goes off, after the request
 * reached the service, not as it sends it; and it gives up before it cancels. */
static void
test_ui_blocking_timeout_told_when_it_fires (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_UI_BLOCKING, 1, 300, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GArray) events = NULL;
  const InflightMessage *request, *timeout;
  const InflightEvent *gives_up;
  guint sent, reached, gave_up, cancelled;

  inflight_scenario_set_timeout_ms (scenario, 100);
  events = run_and_list_events (scenario, &snap);
  request = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REQUEST);
  timeout = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_TIMEOUT);
  g_assert_nonnull (timeout);
  g_assert_cmpint (request->arrived_at, <, timeout->arrived_at);

  sent = find_event (snap, events, "UI thread sends request #1 to Service");
  reached = find_event (snap, events, "Request #1 reaches Service");
  gave_up = find_event (snap, events, "UI thread gives up waiting for #1");
  cancelled = find_event (snap, events, "UI thread cancels #1");
  gives_up = &g_array_index (events, InflightEvent, gave_up);

  g_assert_cmpint (gives_up->at, ==, timeout->arrived_at);
  g_assert_cmpint (gives_up->at - request->sent_at, >=, 100 * MS);
  g_assert_cmpuint (sent, <, reached);
  g_assert_cmpuint (reached, <, gave_up);
  g_assert_cmpuint (gave_up, <, cancelled);
}

/* Lesson 3 with two calls of 2.9 s: the window is let go at 3 s, while #2 is on its way. That is
 * the run stopping, not a timeout: the UI thread set no time limit, so it neither gives up on #2
 * nor cancels it; the list says the run stopped there, and that #2 never arrived because of it. */
static void
test_ui_blocking_cap_is_not_a_timeout (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_UI_BLOCKING, 2, 2900, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GArray) events = NULL;
  const InflightMessage *first;
  InflightMetrics metrics;
  guint stopped, lost;
  gint mark;

  events = run_and_list_events (scenario, &snap);
  inflight_metrics_compute (snap, &metrics);

  g_assert_cmpuint (metrics.timeouts, ==, 0);
  g_assert_cmpuint (count_messages (snap, INFLIGHT_MESSAGE_CANCEL), ==, 0);
  g_assert_cmpint (find_mark (snap, "#2: Request 2 timed out: the caller stopped waiting"), <, 0);

  /* Stopped 3 s after the block began, which is when #1 was sent. */
  mark = find_mark (snap, "stopped: the UI thread is held 3 s at most");
  g_assert_cmpint (mark, >=, 0);
  first = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REQUEST);
  g_assert_cmpint (snap->marks[mark].at - first->sent_at, >=, INFLIGHT_UI_FREEZE_CAP_US - 10 * MS);
  g_assert_cmpint (snap->marks[mark].at - first->sent_at, <=, INFLIGHT_UI_FREEZE_CAP_US + 50 * MS);

  g_assert_cmpuint (count_events_saying (snap, events, "gives up waiting"), ==, 0);
  g_assert_cmpuint (count_events_saying (snap, events, "will wait at most"), ==, 0);
  stopped = find_event (snap, events, "UI thread: stopped: the UI thread is held 3 s at most");
  lost = find_event (snap, events, "#2 never arrives: the run was stopped");
  g_assert_cmpuint (stopped, <, lost);
}

/* A caller that gives up on a request still on its way (a time limit of 100 ms, a journey of
 * 300 ms) drops it then: the list says so there, and not that the run was stopped. */
static void
test_timeout_drops_what_is_on_its_way (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 1, 3000, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GArray) events = NULL;
  const InflightMessage *request;
  guint gave_up, dropped;

  inflight_scenario_set_timeout_ms (scenario, 100);
  events = run_and_list_events (scenario, &snap);
  request = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REQUEST);
  g_assert_cmpint (request->arrived_at, ==, INFLIGHT_TIME_NONE);

  gave_up = find_event (snap, events, "Caller thread gives up waiting for #1");
  dropped = find_event (snap, events, "#1 is dropped on its way: Caller thread no longer waits for it");
  g_assert_cmpuint (dropped, ==, gave_up + 1);
  g_assert_cmpint (g_array_index (events, InflightEvent, dropped).at, ==,
                   g_array_index (events, InflightEvent, gave_up).at);
  g_assert_cmpuint (count_events_saying (snap, events, "the run was stopped"), ==, 0);
}

static void
test_future_awaits_in_order (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_FUTURE, 6, 60, 8);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  gint previous_awaited = -1;
  gboolean waiting = FALSE;
  guint caller;

  /* Half the latency of work first: the first future is awaited before it has resolved. */
  inflight_scenario_set_await_after_ms (scenario, 30);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  assert_near_theory (scenario, snap, 40 * MS);
  caller = find_lane (snap, INFLIGHT_LANE_CALLER);

  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *resolved_label = g_strdup_printf ("#%u resolved", i);
      gint awaited = find_awaited (snap, i);
      gint resolved = find_mark (snap, resolved_label);
      const InflightMessage *reply = inflight_test_find_message (snap, i, INFLIGHT_MESSAGE_REPLY);

      g_assert_cmpint (awaited, >=, 0);
      g_assert_cmpint (resolved, >=, 0);
      /* Awaited in the order the caller needs them, each resolved when its reply came in. */
      g_assert_cmpint (awaited, >=, previous_awaited);
      previous_awaited = awaited;
      g_assert_cmpint (snap->marks[resolved].at, >=, reply->arrived_at);
      g_assert_cmpint (snap->marks[resolved].at, <, reply->arrived_at + 10 * MS);
    }

  /* Every future was out before the first one resolved. */
  g_assert_cmpint (inflight_test_find_message (snap, 6, INFLIGHT_MESSAGE_REQUEST)->sent_at, <,
                   inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REPLY)->arrived_at);

  /* The caller worked first, then waited only for what was still missing. */
  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WORKING), >=, 30 * MS * 9 / 10);
  g_assert_cmpint (inflight_metrics_lane_time (snap, caller, INFLIGHT_SPAN_WAITING), <, 45 * MS);

  /* Its event list never tells it awaiting a future while it is still waiting for another. */
  events = inflight_diagram_list_events (snap);
  for (guint i = 0; i < events->len; i++)
    {
      const InflightEvent *e = &g_array_index (events, InflightEvent, i);

      if ((e->kind == INFLIGHT_EVENT_SPAN_START || e->kind == INFLIGHT_EVENT_SPAN_END) &&
          snap->spans[e->index].lane == caller)
        waiting = e->kind == INFLIGHT_EVENT_SPAN_START;
      else if (e->kind == INFLIGHT_EVENT_MARK && g_str_has_suffix (snap->marks[e->index].label, " awaited"))
        g_assert_false (waiting);
    }
}

static void
test_queue_workers_take_turns (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_QUEUE, 12, 30, 3);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  guint workers = 0;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  assert_near_theory (scenario, snap, 30 * MS);

  for (guint lane = 0; lane < snap->n_lanes; lane++)
    {
      gint64 busy_until = 0;

      if (snap->lanes[lane].role != INFLIGHT_LANE_WORKER)
        continue;
      workers++;

      /* A worker takes one request at a time. */
      for (guint i = 0; i < snap->n_spans; i++)
        if (snap->spans[i].lane == lane && snap->spans[i].kind == INFLIGHT_SPAN_WORKING)
          {
            g_assert_cmpint (snap->spans[i].start, >=, busy_until);
            busy_until = snap->spans[i].end;
          }
    }
  g_assert_cmpuint (workers, ==, 3);

  /* Each request: dropped on the queue, taken off it, then answered. */
  for (guint r = 1; r <= 12; r++)
    {
      const InflightMessage *enqueue = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_ENQUEUE);
      const InflightMessage *dequeue = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_DEQUEUE);
      const InflightMessage *reply = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_REPLY);

      g_assert_nonnull (enqueue);
      g_assert_nonnull (dequeue);
      g_assert_nonnull (reply);
      g_assert_cmpint (dequeue->sent_at, >=, enqueue->arrived_at);
      g_assert_cmpint (reply->sent_at - dequeue->arrived_at, >=, 30 * MS * 97 / 100);
      g_assert_cmpint (reply->arrived_at, >=, reply->sent_at);
    }

  /* The last requests waited in the queue for three rounds. */
  g_assert_cmpint (inflight_test_find_message (snap, 12, INFLIGHT_MESSAGE_DEQUEUE)->sent_at, >=, 3 * 30 * MS * 97 / 100);
}

typedef struct
{
  guint before;
  guint most;
} ThreadSample;

static gboolean
sample_threads_cb (gpointer data)
{
  ThreadSample *sample = data;

  sample->most = MAX (sample->most, inflight_test_count_threads ());
  return G_SOURCE_CONTINUE;
}

static void
attach_sampler (GMainContext *context,
                gpointer      data)
{
  g_autoptr(GSource) source = g_timeout_source_new (3);

  g_source_set_callback (source, sample_threads_cb, data, NULL);
  g_source_attach (source, context);
}

static void
test_event_loop_one_thread (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_EVENT_LOOP, 20, 50, 32);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  ThreadSample sample = { inflight_test_count_threads (), 0 };
  InflightMetrics metrics;

  snap = inflight_test_run_full (scenario, -1, FALSE, attach_sampler, &sample, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  assert_near_theory (scenario, snap, 30 * MS);
  inflight_metrics_compute (snap, &metrics);
  g_assert_cmpuint (metrics.replies, ==, 20);

  /* Twenty waits in flight at once, and not one thread started for them. */
  g_assert_cmpuint (sample.most, >, 0);
  g_assert_cmpuint (sample.most, ==, sample.before);
  g_assert_cmpint (inflight_test_find_message (snap, 20, INFLIGHT_MESSAGE_REQUEST)->sent_at, <,
                   inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REPLY)->arrived_at);
}

static void
test_callback_threads_are_joined (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 8, 30, 8);
  g_autoptr(InflightTraceSnapshot) warm_up = NULL;
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  ThreadSample sample = { 0, 0 };

  /* A first run starts what GLib keeps for the whole process (an idle pool thread), so
   * that only the run's own threads are counted. */
  warm_up = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  sample.before = inflight_test_threads_steady ();

  /* The same experiment with its service on threads: they come, and they go. */
  snap = inflight_test_run_full (scenario, -1, FALSE, attach_sampler, &sample, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sample.most, >, sample.before);
  g_assert_cmpuint (inflight_test_threads_settle (sample.before), ==, sample.before);
}

/* How long, in all, at least two of the threads were drawn working at the same instant. */
static gint64
time_two_working (const InflightTraceSnapshot *snap)
{
  g_autoptr(GArray) edges = inflight_test_working_edges (snap);
  gint64 together = 0, last = 0;
  gint running = 0;

  for (guint i = 0; i < edges->len; i++)
    {
      const gint64 *edge = &g_array_index (edges, gint64, 2 * i);

      if (running >= 2)
        together += edge[0] - last;
      running += (gint) edge[1];
      last = edge[0];
    }

  return together;
}

/* Runs the parallel strategy once, checks its shape, and returns how long two or more of its
 * threads computed at the same time. */
static gint64
parallel_overlap (guint threads)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_PARALLEL, 8, 25, threads);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 alone = 0, together;
  guint lanes_used = 0;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  g_assert_cmpuint (snap->n_lanes, ==, 1 + threads);

  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];

      /* A thread is working, or waiting for a core to work on. */
      g_assert_true (span->kind == INFLIGHT_SPAN_WORKING || span->kind == INFLIGHT_SPAN_READY);
      if (span->lane == 0)
        alone = MAX (alone, span->end);
      else
        lanes_used |= 1u << MIN (span->lane, 31);
    }

  /* Eight items of 25 ms of real computation each, on one thread and then shared out. An item
   * is sized from a calibration of the core, which another program's load can skew a little:
   * the bound says the items are of the size asked, not to the percent. */
  g_assert_cmpint (alone, >=, 8 * 25 * MS * 8 / 10);
  /* Every thread had an item to do. */
  g_assert_cmpuint (g_bit_storage (lanes_used) - 1, ==, threads);
  g_assert_cmpuint ((guint) __builtin_popcount (lanes_used), ==, threads);

  together = time_two_working (snap);
  g_test_message ("one thread %" G_GINT64_FORMAT " µs; %u threads, two or more working at once for %"
                  G_GINT64_FORMAT " µs", alone, threads, together);
  return together;
}

/* With two cores or more, the threads truly compute at the same time: for longer than a
 * sample's straddle of a switch (a millisecond) can make up. How much faster that makes the
 * whole is a speed figure, and bench-engine prints it (parallel-speedup). */
static void
test_parallel_uses_cores (void)
{
  guint cores = inflight_model_get_cores ();
  gint64 best = 0;

  if (cores < 2)
    {
      g_test_skip ("one core: no two threads can compute at once");
      return;
    }

  /* Other programs share these cores: the best of five runs shows what the threads can do. */
  for (guint attempt = 0; attempt < 5 && best < 10 * MS; attempt++)
    best = MAX (best, parallel_overlap (MIN (cores, 4)));

  g_assert_cmpint (best, >=, 10 * MS);
}

static void
test_callback_chains (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 3, 30, 8);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;

  inflight_scenario_set_chain_depth (scenario, 3);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  assert_near_theory (scenario, snap, 40 * MS);

  /* Chain c goes c, c + 3, c + 6: each call leaves once the previous reply is in. */
  for (guint chain = 1; chain <= 3; chain++)
    for (guint step = 1; step < 3; step++)
      {
        const InflightMessage *reply = inflight_test_find_message (snap, chain + (step - 1) * 3, INFLIGHT_MESSAGE_REPLY);
        const InflightMessage *next = inflight_test_find_message (snap, chain + step * 3, INFLIGHT_MESSAGE_REQUEST);

        g_assert_nonnull (reply);
        g_assert_nonnull (next);
        g_assert_cmpint (next->sent_at, >=, reply->arrived_at);
      }
}

static void
assert_same_run (const InflightTraceSnapshot *a,
                 const InflightTraceSnapshot *b,
                 guint                        requests)
{
  for (guint r = 1; r <= requests; r++)
    g_assert_cmpint (inflight_test_find_message (a, r, INFLIGHT_MESSAGE_ERROR) != NULL, ==,
                     inflight_test_find_message (b, r, INFLIGHT_MESSAGE_ERROR) != NULL);
}

static int
compare_arrivals (gconstpointer a,
                  gconstpointer b)
{
  const InflightMessage *x = *(const InflightMessage * const *) a;
  const InflightMessage *y = *(const InflightMessage * const *) b;

  return (x->arrived_at > y->arrived_at) - (x->arrived_at < y->arrived_at);
}

/* The request numbers of the replies and errors, in the order they arrived. */
static void
reply_order (const InflightTraceSnapshot *snap,
             GArray                      *order)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new ();

  for (guint i = 0; i < snap->n_messages; i++)
    if (snap->messages[i].kind == INFLIGHT_MESSAGE_REPLY || snap->messages[i].kind == INFLIGHT_MESSAGE_ERROR)
      g_ptr_array_add (replies, (gpointer) &snap->messages[i]);
  g_ptr_array_sort (replies, compare_arrivals);
  for (guint i = 0; i < replies->len; i++)
    g_array_append_val (order, ((const InflightMessage *) replies->pdata[i])->request);
}

static void
test_same_seed_same_run (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 8, 60, 8);
  g_autoptr(InflightTraceSnapshot) first = NULL;
  g_autoptr(InflightTraceSnapshot) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) order_a = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) order_b = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 planned[9];
  guint seed;

  inflight_scenario_set_jitter_pct (scenario, 80);
  inflight_scenario_set_failure_pct (scenario, 30);

  /* A seed whose planned replies are at least 4 ms apart, so scheduling noise cannot swap them. */
  for (seed = 1; ; seed++)
    {
      gboolean apart = TRUE;

      for (guint r = 1; r <= 8; r++)
        {
          InflightCallPlan plan;

          inflight_call_plan_draw (&plan, seed, r, 60, 80, 30);
          planned[r] = inflight_call_plan_total (&plan);
          for (guint q = 1; q < r; q++)
            apart = apart && ABS (planned[r] - planned[q]) >= 4 * MS;
        }
      if (apart)
        break;
    }
  inflight_scenario_set_seed (scenario, seed);

  /* Plans depend on the seed and the request number alone. */
  for (guint r = 1; r <= 8; r++)
    {
      InflightCallPlan a, b, other;

      inflight_call_plan_draw (&a, seed, r, 60, 80, 30);
      inflight_call_plan_draw (&b, seed, r, 60, 80, 30);
      inflight_call_plan_draw (&other, seed + 1, r, 60, 80, 30);
      g_assert_cmpint (a.transit_in, ==, b.transit_in);
      g_assert_cmpint (a.work, ==, b.work);
      g_assert_cmpint (a.transit_out, ==, b.transit_out);
      g_assert_cmpint (a.fails, ==, b.fails);
      g_assert_cmpint (inflight_call_plan_total (&a), !=, inflight_call_plan_total (&other));
    }

  first = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  second = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);

  assert_same_run (first, second, 8);

  /* The order the replies arrive in: their totals are planned 4 ms apart. (Not the order
   * they were sent in: two can leave within a millisecond of each other.) */
  reply_order (first, order_a);
  reply_order (second, order_b);

  g_assert_cmpuint (order_a->len, ==, 8);
  g_assert_cmpmem (order_a->data, order_a->len * sizeof (guint), order_b->data, order_b->len * sizeof (guint));
}

static void
test_down_window_direct_calls_fail_at_once (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 6, 30, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  guint failed_fast = 0;

  inflight_scenario_set_down_at_ms (scenario, 0);
  inflight_scenario_set_down_for_ms (scenario, 50);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  for (guint r = 1; r <= 6; r++)
    {
      const InflightMessage *request = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_REQUEST);
      const InflightMessage *error_reply = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_ERROR);

      /* Refused on arrival: no work, only the two journeys. */
      if (error_reply != NULL)
        {
          g_assert_cmpint (request->arrived_at, <, 50 * MS);
          g_assert_cmpint (error_reply->sent_at - request->arrived_at, <, MS);
          g_assert_cmpint (error_reply->arrived_at - request->sent_at, <, 15 * MS);
          failed_fast++;
        }
      else
        g_assert_cmpint (request->arrived_at, >=, 50 * MS);
    }

  g_assert_cmpuint (failed_fast, >, 0);
  g_assert_cmpuint (metrics.failed, ==, failed_fast);
  g_assert_cmpuint (metrics.replies, ==, 6);
}

static void
test_down_window_queued_requests_wait (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_QUEUE, 6, 20, 2);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  guint down_spans = 0;

  inflight_scenario_set_down_at_ms (scenario, 0);
  inflight_scenario_set_down_for_ms (scenario, 80);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  /* Nothing lost, nothing failed: every request waited out the outage, then went through. */
  g_assert_cmpuint (metrics.replies, ==, 6);
  g_assert_cmpuint (metrics.failed, ==, 0);
  for (guint r = 1; r <= 6; r++)
    g_assert_cmpint (inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_DEQUEUE)->sent_at, >=, 80 * MS);
  g_assert_cmpint (metrics.total, >=, (80 + 3 * 20) * MS * 97 / 100);

  for (guint i = 0; i < snap->n_spans; i++)
    down_spans += snap->spans[i].kind == INFLIGHT_SPAN_DOWN;
  g_assert_cmpuint (down_spans, ==, 2);
}

static void
test_timeout_cancels_the_request (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 3, 100, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  guint service = 1;

  inflight_scenario_set_timeout_ms (scenario, 40);
  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  /* Each call gives up at 40 ms, not 100: three in about 120 ms. */
  g_assert_cmpuint (metrics.timeouts, ==, 3);
  g_assert_cmpuint (count_messages (snap, INFLIGHT_MESSAGE_CANCEL), ==, 3);
  g_assert_cmpuint (metrics.replies, ==, 0);
  g_assert_cmpint (metrics.total, >=, 3 * 40 * MS * 97 / 100);
  g_assert_cmpint (metrics.total, <, 3 * 40 * MS + 50 * MS);

  for (guint r = 1; r <= 3; r++)
    {
      const InflightMessage *timeout = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_TIMEOUT);
      const InflightMessage *request = inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_REQUEST);

      g_assert_cmpint (timeout->from_lane, ==, timeout->to_lane);
      g_assert_cmpint (timeout->sent_at, ==, request->sent_at);
      g_assert_cmpint (timeout->arrived_at - timeout->sent_at, >=, 40 * MS);
    }

  /* The service stopped working on each request when the caller gave up. */
  for (guint i = 0; i < snap->n_spans; i++)
    if (snap->spans[i].lane == service)
      g_assert_cmpint (snap->spans[i].end - snap->spans[i].start, <, 40 * MS);
}

typedef struct
{
  InflightScenario *scenario;
  const char       *property;
  guint             value;
} LiveChange;

static gboolean
apply_change_cb (gpointer data)
{
  LiveChange *change = data;

  if (g_str_equal (change->property, "down"))
    inflight_scenario_set_down (change->scenario, change->value);
  else
    g_object_set (change->scenario, change->property, change->value, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_changes (GMainContext *context,
                  gpointer      data)
{
  LiveChange *changes = data;

  for (guint i = 0; changes[i].property != NULL; i++)
    {
      g_autoptr(GSource) source = g_timeout_source_new (30 * (i + 1));

      g_source_set_callback (source, apply_change_cb, &changes[i], NULL);
      g_source_attach (source, context);
    }
}

static void
test_live_latency (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 4, 20, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  LiveChange changes[] = { { scenario, "latency-ms", 60 }, { NULL } };
  const InflightMessage *first_request, *first_reply, *last_request, *last_reply;

  snap = inflight_test_run_full (scenario, -1, FALSE, schedule_changes, changes, &error);
  g_assert_no_error (error);

  /* The change at 30 ms applies to the calls started after it. */
  first_request = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REQUEST);
  first_reply = inflight_test_find_message (snap, 1, INFLIGHT_MESSAGE_REPLY);
  last_request = inflight_test_find_message (snap, 4, INFLIGHT_MESSAGE_REQUEST);
  last_reply = inflight_test_find_message (snap, 4, INFLIGHT_MESSAGE_REPLY);
  g_assert_cmpint (first_reply->arrived_at - first_request->sent_at, <, 30 * MS);
  g_assert_cmpint (last_reply->arrived_at - last_request->sent_at, >=, 60 * MS * 97 / 100);
}

static void
test_live_workers (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_QUEUE, 9, 40, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  LiveChange changes[] = { { scenario, "workers", 4 }, { NULL } };
  InflightMetrics metrics;
  guint workers = 0;

  snap = inflight_test_run_full (scenario, -1, FALSE, schedule_changes, changes, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  /* One worker would take 360 ms; three more from 30 ms on take far less. */
  for (guint lane = 0; lane < snap->n_lanes; lane++)
    workers += snap->lanes[lane].role == INFLIGHT_LANE_WORKER;
  g_assert_cmpuint (workers, ==, 4);
  g_assert_cmpuint (metrics.replies, ==, 9);
  g_assert_cmpint (metrics.total, <, 220 * MS);
}

static void
test_live_down_and_back (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_QUEUE, 8, 10, 2);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  LiveChange changes[] = { { scenario, "down", FALSE }, { NULL } };
  InflightMetrics metrics;

  /* Taken down before the run, brought back at 30 ms: the queue holds everything meanwhile. */
  inflight_scenario_set_down (scenario, TRUE);
  snap = inflight_test_run_full (scenario, -1, FALSE, schedule_changes, changes, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  g_assert_cmpuint (metrics.replies, ==, 8);
  g_assert_cmpuint (metrics.failed, ==, 0);
  for (guint r = 1; r <= 8; r++)
    g_assert_cmpint (inflight_test_find_message (snap, r, INFLIGHT_MESSAGE_DEQUEUE)->sent_at, >=, 30 * MS);
}

static void
test_every_strategy_cancels (void)
{
  for (InflightStrategy strategy = INFLIGHT_STRATEGY_BLOCKING; strategy <= INFLIGHT_STRATEGY_PARALLEL; strategy++)
    {
      /* Calls of 300 ms: no strategy can be done before the stop at 100 ms, not even an event
       * loop that has all twenty in flight at once. */
      g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategy, 20, 300, 3);
      g_autoptr(InflightTraceSnapshot) snap = NULL;
      g_autoptr(GError) error = NULL;
      guint before = inflight_test_count_threads ();

      snap = inflight_test_run_full (scenario, 100 * MS, TRUE, NULL, NULL, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      inflight_test_assert_consistent (snap);
      g_test_message ("%s stopped after %" G_GINT64_FORMAT " µs",
                      inflight_strategy_to_string (strategy), snap->duration);
      g_assert_cmpint (snap->duration, <, 250 * MS);
      g_assert_cmpuint (inflight_test_threads_settle (before), ==, before);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/strategy/ui-blocking/freezes", test_ui_blocking_freezes);
  inflight_test_add_timed_func ("/strategy/ui-blocking/is-capped", test_ui_blocking_is_capped);
  inflight_test_add_timed_func ("/strategy/ui-blocking/cancel-from-another-thread", test_ui_blocking_cancel_from_another_thread);
  inflight_test_add_timed_func ("/strategy/ui-blocking/timeout-told-when-it-fires",
                                test_ui_blocking_timeout_told_when_it_fires);
  inflight_test_add_timed_func ("/strategy/ui-blocking/cap-is-not-a-timeout",
                                test_ui_blocking_cap_is_not_a_timeout);
  inflight_test_add_timed_func ("/strategy/future/awaits-in-order", test_future_awaits_in_order);
  inflight_test_add_timed_func ("/strategy/queue/workers-take-turns", test_queue_workers_take_turns);
  inflight_test_add_timed_func ("/strategy/event-loop/one-thread", test_event_loop_one_thread);
  g_test_add_func ("/strategy/callback/threads-are-joined", test_callback_threads_are_joined);
  inflight_test_add_timed_func ("/strategy/callback/chains", test_callback_chains);
  inflight_test_add_timed_func ("/strategy/parallel/uses-cores", test_parallel_uses_cores);
  g_test_add_func ("/service/same-seed-same-run", test_same_seed_same_run);
  inflight_test_add_timed_func ("/service/down/direct-calls-fail-at-once", test_down_window_direct_calls_fail_at_once);
  inflight_test_add_timed_func ("/service/down/queued-requests-wait", test_down_window_queued_requests_wait);
  inflight_test_add_timed_func ("/service/timeout", test_timeout_cancels_the_request);
  inflight_test_add_timed_func ("/service/timeout/drops-what-is-on-its-way", test_timeout_drops_what_is_on_its_way);
  inflight_test_add_timed_func ("/live/latency", test_live_latency);
  inflight_test_add_timed_func ("/live/workers", test_live_workers);
  inflight_test_add_timed_func ("/live/down-and-back", test_live_down_and_back);
  inflight_test_add_timed_func ("/cancel/every-strategy", test_every_strategy_cancels);

  return g_test_run ();
}
