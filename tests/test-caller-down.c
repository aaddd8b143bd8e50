/* test-caller-down.c
 * Lesson 9's other half: the caller taken down during a run. Through a queue its replies wait
 * for it and none is lost; a direct call out at that moment loses its reply, and the caller
 * makes the call again once it is back. A run stopped while the caller is down still ends.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-diagram-text.h"
#include "inflight-metrics.h"
#include "inflight-test-util.h"

#define MS 1000

typedef struct
{
  InflightScenario *scenario;
  guint             down_at_ms;  /* 0: not taken down during the run */
  guint             up_at_ms;    /* 0: never brought back */
} Outage;

static gboolean
caller_down_cb (gpointer data)
{
  inflight_scenario_set_caller_down (((Outage *) data)->scenario, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
caller_up_cb (gpointer data)
{
  inflight_scenario_set_caller_down (((Outage *) data)->scenario, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_outage (GMainContext *context,
                 gpointer      data)
{
  Outage *outage = data;

  if (outage->down_at_ms > 0)
    {
      g_autoptr(GSource) down = g_timeout_source_new (outage->down_at_ms);

      g_source_set_callback (down, caller_down_cb, outage, NULL);
      g_source_attach (down, context);
    }

  if (outage->up_at_ms > 0)
    {
      g_autoptr(GSource) up = g_timeout_source_new (outage->up_at_ms);

      g_source_set_callback (up, caller_up_cb, outage, NULL);
      g_source_attach (up, context);
    }
}

/* The caller's one outage, which must be there and closed. */
static const InflightSpan *
the_outage (const InflightTraceSnapshot *snap,
            guint                        caller)
{
  const InflightSpan *found = NULL;

  for (guint i = 0; i < snap->n_spans; i++)
    if (snap->spans[i].lane == caller && snap->spans[i].kind == INFLIGHT_SPAN_DOWN)
      {
        g_assert_null (found);
        found = &snap->spans[i];
      }

  g_assert_nonnull (found);
  g_assert_cmpint (found->end, !=, INFLIGHT_TIME_NONE);
  g_assert_cmpint (found->end, >, found->start);

  return found;
}

static gint
count_marks (const InflightTraceSnapshot *snap,
             guint                        lane,
             const char                  *part)
{
  gint n = 0;

  for (guint i = 0; i < snap->n_marks; i++)
    n += snap->marks[i].lane == lane && strstr (snap->marks[i].label, part) != NULL;

  return n;
}

/* Runs @strategy to its end with the caller down from @down_at_ms to @up_at_ms. */
static InflightTraceSnapshot *
run_with_outage (InflightStrategy    strategy,
                 guint               requests,
                 guint               down_at_ms,
                 guint               up_at_ms,
                 InflightMetrics    *metrics,
                 guint              *caller,
                 const InflightSpan **down)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategy, requests, 100, 1);
  g_autoptr(GError) error = NULL;
  Outage outage = { scenario, down_at_ms, up_at_ms };
  InflightTraceSnapshot *snap;

  snap = inflight_test_run_full (scenario, -1, FALSE, schedule_outage, &outage, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, metrics);
  *caller = inflight_diagram_caller_lane (snap);
  *down = the_outage (snap, *caller);

  return snap;
}

static void
test_queue_keeps_replies (void)
{
  const InflightSpan *down;
  InflightMetrics metrics;
  guint caller, held = 0;
  g_autoptr(InflightTraceSnapshot) snap = run_with_outage (INFLIGHT_STRATEGY_QUEUE, 4, 150, 350,
                                                           &metrics, &caller, &down);

  g_assert_cmpuint (metrics.replies, ==, 4);
  g_assert_cmpuint (metrics.lost, ==, 0);
  g_assert_cmpuint (metrics.failed, ==, 0);

  /* A caller that is down takes nothing in: each reply is taken before it went down or once it
   * is back, and those sent meanwhile waited for it. */
  for (guint i = 0; i < snap->n_messages; i++)
    {
      const InflightMessage *msg = &snap->messages[i];

      if (msg->kind != INFLIGHT_MESSAGE_REPLY)
        continue;
      g_assert_true (msg->arrived_at <= down->start || msg->arrived_at >= down->end);
      held += msg->sent_at > down->start && msg->sent_at < down->end;
    }
  g_assert_cmpuint (held, >=, 1);

  /* Nor does it work while it is down: no slice of its own work starts then. */
  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];

      if (span->lane == caller && span->kind == INFLIGHT_SPAN_WORKING)
        g_assert_false (span->start > down->start + 1 * MS && span->start < down->end);
    }
  g_assert_cmpint (count_marks (snap, caller, "lost"), ==, 0);
}

static void
test_direct_call_loses_its_reply (void)
{
  const InflightSpan *down;
  InflightMetrics metrics;
  guint caller, made = 0;
  g_autoptr(InflightTraceSnapshot) snap = run_with_outage (INFLIGHT_STRATEGY_BLOCKING, 3, 150, 250,
                                                           &metrics, &caller, &down);

  /* The call out when the caller went down was written off and made again. */
  g_assert_cmpint (count_marks (snap, caller, "went down during the call"), ==, 1);
  g_assert_cmpint (count_marks (snap, caller, "was lost"), ==, 1);
  for (guint i = 0; i < snap->n_messages; i++)
    made += snap->messages[i].kind == INFLIGHT_MESSAGE_REQUEST;
  g_assert_cmpuint (made, ==, 4);

  /* The figures count each request once: three replies in, one more lost. */
  g_assert_cmpuint (metrics.requests, ==, 3);
  g_assert_cmpuint (metrics.replies, ==, 3);
  g_assert_cmpuint (metrics.lost, ==, 1);

  /* While down the caller neither waits on a call nor makes one. */
  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];

      if (span->lane == caller && span->kind == INFLIGHT_SPAN_WAITING)
        g_assert_true (span->end <= down->start + 1 * MS || span->start >= down->end);
    }
  for (guint i = 0; i < snap->n_messages; i++)
    if (snap->messages[i].kind == INFLIGHT_MESSAGE_REQUEST)
      g_assert_false (snap->messages[i].sent_at > down->start && snap->messages[i].sent_at < down->end);
}

/* Stopped while the caller is down, and never brought back: the run still ends, promptly. */
static void
test_stop_while_down (void)
{
  const InflightStrategy strategies[] = { INFLIGHT_STRATEGY_QUEUE, INFLIGHT_STRATEGY_BLOCKING };

  for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
    {
      g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategies[s], 4, 40, 1);
      g_autoptr(InflightTraceSnapshot) snap = NULL;
      g_autoptr(GError) error = NULL;
      Outage outage = { scenario, 60, 0 };

      snap = inflight_test_run_full (scenario, 200 * MS, FALSE, schedule_outage, &outage, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      inflight_test_assert_consistent (snap);
      the_outage (snap, inflight_diagram_caller_lane (snap));
    }
}

/* Down before the run starts: a queue's caller drops nothing until it is back. */
static void
test_down_from_the_start (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_QUEUE, 3, 20, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  Outage outage = { scenario, 0, 80 };
  const InflightSpan *down;
  InflightMetrics metrics;

  inflight_scenario_set_caller_down (scenario, TRUE);
  snap = inflight_test_run_full (scenario, -1, FALSE, schedule_outage, &outage, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);
  down = the_outage (snap, inflight_diagram_caller_lane (snap));

  g_assert_cmpint (down->start, <, 1 * MS);
  g_assert_cmpuint (metrics.replies, ==, 3);
  for (guint i = 0; i < snap->n_messages; i++)
    if (snap->messages[i].kind == INFLIGHT_MESSAGE_ENQUEUE)
      g_assert_cmpint (snap->messages[i].sent_at, >=, down->end);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/caller-down/queue-keeps-replies", test_queue_keeps_replies);
  inflight_test_add_timed_func ("/caller-down/direct-call-loses-its-reply", test_direct_call_loses_its_reply);
  inflight_test_add_timed_func ("/caller-down/stop-while-down", test_stop_while_down);
  inflight_test_add_timed_func ("/caller-down/down-from-the-start", test_down_from_the_start);

  return g_test_run ();
}
