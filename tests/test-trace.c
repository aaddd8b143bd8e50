/* test-trace.c
 * The trace: concurrent appends lose nothing, snapshots stay fixed, "changed" is coalesced;
 * the one order of arrival that the metrics and the sweep read from it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-metrics.h"
#include "inflight-trace.h"

#define N_THREADS    8
#define N_PER_THREAD 5000

typedef struct
{
  InflightTrace *trace;
  guint          lane;
  guint          index;
} Appender;

static gpointer
append_many (gpointer data)
{
  Appender *a = data;

  for (guint i = 0; i < N_PER_THREAD; i++)
    {
      guint span = inflight_trace_begin_span (a->trace, a->lane, 0, INFLIGHT_SPAN_WORKING);
      guint msg = inflight_trace_send (a->trace, a->index * N_PER_THREAD + i + 1,
                                       INFLIGHT_MESSAGE_REQUEST, a->lane, 0);

      inflight_trace_arrive (a->trace, msg);
      inflight_trace_end_span (a->trace, span);
      if (i % 100 == 0)
        inflight_trace_add_mark (a->trace, a->lane, "hundred");
    }

  return NULL;
}

static void
test_concurrent_appends (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  Appender appenders[N_THREADS];
  GThread *threads[N_THREADS];
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  inflight_trace_start (trace);
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_autofree char *label = g_strdup_printf ("lane %u", i);

      appenders[i].trace = trace;
      appenders[i].index = i;
      appenders[i].lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, label);
    }

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("appender", append_many, &appenders[i]);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  snap = inflight_trace_snapshot (trace);
  g_assert_cmpuint (snap->n_lanes, ==, N_THREADS);
  g_assert_cmpuint (snap->n_spans, ==, N_THREADS * N_PER_THREAD);
  g_assert_cmpuint (snap->n_messages, ==, N_THREADS * N_PER_THREAD);
  g_assert_cmpuint (snap->n_marks, ==, N_THREADS * (N_PER_THREAD / 100));

  for (guint i = 0; i < snap->n_messages; i++)
    {
      g_assert_cmpint (snap->messages[i].arrived_at, >=, snap->messages[i].sent_at);
      g_hash_table_add (seen, GUINT_TO_POINTER (snap->messages[i].request));
    }
  /* Every request number once: nothing lost, nothing written twice. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_THREADS * N_PER_THREAD);

  for (guint i = 0; i < snap->n_spans; i++)
    g_assert_cmpint (snap->spans[i].end, !=, INFLIGHT_TIME_NONE);
  g_assert_cmpstr (snap->marks[0].label, ==, "hundred");
  g_assert_cmpstr (snap->lanes[3].label, ==, "lane 3");
}

static void
test_snapshot_is_fixed (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) before = NULL;
  g_autoptr(InflightTraceSnapshot) after = NULL;
  guint lane, span, msg;

  lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_start (trace);
  span = inflight_trace_begin_span (trace, lane, 0, INFLIGHT_SPAN_WAITING);
  msg = inflight_trace_send (trace, 1, INFLIGHT_MESSAGE_REQUEST, lane, lane);
  before = inflight_trace_snapshot (trace);

  g_usleep (2000);
  inflight_trace_end_span (trace, span);
  inflight_trace_arrive (trace, msg);
  after = inflight_trace_snapshot (trace);

  g_assert_cmpint (before->spans[0].end, ==, INFLIGHT_TIME_NONE);
  g_assert_cmpint (before->messages[0].arrived_at, ==, INFLIGHT_TIME_NONE);
  g_assert_cmpint (after->spans[0].end, >=, 2000);
  g_assert_cmpint (after->messages[0].arrived_at, >=, 2000);
  g_assert_false (after->finished);
}

static void
test_finish_closes_everything (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  guint lane;

  lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_start (trace);
  inflight_trace_begin_span (trace, lane, 0, INFLIGHT_SPAN_WAITING);
  inflight_trace_send (trace, 1, INFLIGHT_MESSAGE_REQUEST, lane, lane);
  g_usleep (1000);
  inflight_trace_finish (trace);

  snap = inflight_trace_snapshot (trace);
  g_assert_true (snap->finished);
  g_assert_cmpint (snap->duration, >=, 1000);
  g_assert_cmpint (snap->spans[0].end, ==, snap->duration);
  g_assert_true (snap->messages[0].cancelled);
  g_assert_cmpint (snap->messages[0].arrived_at, ==, INFLIGHT_TIME_NONE);
  g_assert_cmpint (inflight_trace_snapshot_end_time (snap), ==, snap->duration);
}

static void
test_late_appends_stay_inside (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  guint lane;

  lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker");
  inflight_trace_set_duration (trace, 1000);

  /* A straggler thread records after the run was closed: it cannot reopen it. */
  inflight_trace_append_span (trace, lane, 0, INFLIGHT_SPAN_WORKING, 1500, INFLIGHT_TIME_NONE);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, lane, lane, 1200, INFLIGHT_TIME_NONE);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REPLY, lane, lane, 500, 700);
  inflight_trace_append_mark (trace, lane, 5000, "late");

  snap = inflight_trace_snapshot (trace);
  g_assert_cmpint (snap->spans[0].start, ==, 1000);
  g_assert_cmpint (snap->spans[0].end, ==, 1000);
  g_assert_true (snap->messages[0].cancelled);
  g_assert_cmpint (snap->messages[0].sent_at, ==, 1000);
  g_assert_false (snap->messages[1].cancelled);
  g_assert_cmpint (snap->messages[1].arrived_at, ==, 700);
  g_assert_cmpint (snap->marks[0].at, ==, 1000);
}

static void
test_replies_by_arrival (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  const guint huge = 3000000000u;
  const guint expected[] = { 4, 1, 2, 2, huge, 3 };
  const InflightMessageKind kinds[] = {
    INFLIGHT_MESSAGE_REPLY, INFLIGHT_MESSAGE_REPLY, INFLIGHT_MESSAGE_ERROR,
    INFLIGHT_MESSAGE_REPLY, INFLIGHT_MESSAGE_REPLY, INFLIGHT_MESSAGE_REPLY,
  };
  InflightMetrics metrics;
  guint caller, service;

  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_set_duration (trace, 1000);

  /* Recorded out of order; 1, 2 (twice: an error, then its retry's reply) and a request
   * number past G_MAXINT all arrive at 500 µs, where only the tie-break decides. */
  inflight_trace_append_message (trace, 3, INFLIGHT_MESSAGE_REPLY, service, caller, 100, 800);
  inflight_trace_append_message (trace, huge, INFLIGHT_MESSAGE_REPLY, service, caller, 100, 500);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_ERROR, service, caller, 100, 500);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller, 100, 500);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REPLY, service, caller, 200, 500);
  inflight_trace_append_message (trace, 4, INFLIGHT_MESSAGE_REPLY, service, caller, 50, 300);
  /* Neither counts: a reply still in flight, and a request. */
  inflight_trace_append_message (trace, 5, INFLIGHT_MESSAGE_REPLY, service, caller, 100, INFLIGHT_TIME_NONE);
  inflight_trace_append_message (trace, 6, INFLIGHT_MESSAGE_REQUEST, caller, service, 0, 100);

  snap = inflight_trace_snapshot (trace);
  replies = inflight_metrics_replies_by_arrival (snap);
  g_assert_cmpuint (replies->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < replies->len; i++)
    {
      const InflightMessage *msg = g_ptr_array_index (replies, i);

      g_assert_cmpuint (msg->request, ==, expected[i]);
      g_assert_cmpint (msg->kind, ==, kinds[i]);
    }

  /* A request counts once, by the last reply to arrive for it: 2's error, replaced by its
   * second reply, is counted lost, not failed. 1 and 2 arrived after 4, and 3 after the huge
   * number: three out of order. */
  inflight_metrics_compute (snap, &metrics);
  g_assert_cmpuint (metrics.replies, ==, 5);
  g_assert_cmpuint (metrics.lost, ==, 1);
  g_assert_cmpuint (metrics.failed, ==, 0);
  g_assert_cmpuint (metrics.out_of_order, ==, 3);
}

static void
on_changed (InflightTrace *trace,
            guint         *count)
{
  (*count)++;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
test_changed_is_coalesced (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Appender appender = { trace, 0, 0 };
  GThread *thread;
  guint count = 0;

  g_signal_connect (trace, "changed", G_CALLBACK (on_changed), &count);
  appender.lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "lane");
  inflight_trace_start (trace);

  /* 15,000 events from another thread while the loop runs for 100 ms:
   * at most one emission per frame, so a handful, not thousands. */
  thread = g_thread_new ("appender", append_many, &appender);
  g_timeout_add (100, quit_cb, loop);
  g_main_loop_run (loop);
  g_thread_join (thread);

  g_assert_cmpuint (count, >=, 1);
  g_assert_cmpuint (count, <=, 8);
}

/* Derived data: made once per snapshot however many ask, even at once from many threads,
 * kept as long as the snapshot, and freed with it. */
static gint derived_made;
static gint derived_freed;

static gpointer
derive_count (const InflightTraceSnapshot *snapshot)
{
  g_atomic_int_inc (&derived_made);
  g_usleep (1000);   /* so that threads asking at once find it not yet there */

  return g_new0 (guint, 1);
}

static void
free_count (gpointer data)
{
  g_atomic_int_inc (&derived_freed);
  g_free (data);
}

static gpointer
derive_other (const InflightTraceSnapshot *snapshot)
{
  return g_new0 (guint, 1);
}

static gpointer
ask_derived (gpointer data)
{
  return (gpointer) inflight_trace_snapshot_get_derived (data, derive_count, free_count);
}

static void
test_derived (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  InflightTraceSnapshot *snapshot;
  GThread *threads[N_THREADS];
  gconstpointer first;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  snapshot = inflight_trace_snapshot (trace);
  derived_made = derived_freed = 0;

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("ask", ask_derived, snapshot);
  first = g_thread_join (threads[0]);
  g_assert_nonnull (first);
  for (guint i = 1; i < N_THREADS; i++)
    g_assert_true (g_thread_join (threads[i]) == first);

  /* Whoever lost a race freed what it made; one is kept. */
  g_assert_cmpint (derived_made, >=, 1);
  g_assert_cmpint (derived_freed, ==, derived_made - 1);
  g_assert_true (inflight_trace_snapshot_get_derived (snapshot, derive_count, free_count) == first);
  g_assert_cmpint (derived_freed, ==, derived_made - 1);

  /* One kind per snapshot. */
  g_test_expect_message ("inflight-trace", G_LOG_LEVEL_CRITICAL, "*one kind of derived data*");
  g_assert_null (inflight_trace_snapshot_get_derived (snapshot, derive_other, g_free));
  g_test_assert_expected_messages ();

  inflight_trace_snapshot_unref (snapshot);
  g_assert_cmpint (derived_freed, ==, derived_made);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/concurrent-appends", test_concurrent_appends);
  g_test_add_func ("/trace/snapshot-is-fixed", test_snapshot_is_fixed);
  g_test_add_func ("/trace/finish-closes-everything", test_finish_closes_everything);
  g_test_add_func ("/trace/changed-is-coalesced", test_changed_is_coalesced);
  g_test_add_func ("/trace/late-appends-stay-inside", test_late_appends_stay_inside);
  g_test_add_func ("/trace/derived", test_derived);
  g_test_add_func ("/metrics/replies-by-arrival", test_replies_by_arrival);

  return g_test_run ();
}
