/* test-runners.c
 * The blocking and callback strategies run for real: timing, ordering, who waits, cancellation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

#define LATENCY_MS 30
#define MS         1000

static void
test_blocking_one_after_another (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 5, LATENCY_MS, 4);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  gint64 predicted = inflight_model_predict_total (scenario);

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  /* n·L: never faster than the sleeps, and not much slower. */
  g_assert_cmpint (predicted, ==, 5 * LATENCY_MS * MS);
  g_assert_cmpint (metrics.total, >=, predicted * 97 / 100);
  g_assert_cmpint (metrics.total, <=, predicted * 3 / 2 + 40 * MS);
  g_assert_cmpuint (metrics.requests, ==, 5);
  g_assert_cmpuint (metrics.replies, ==, 5);
  g_assert_cmpuint (metrics.out_of_order, ==, 0);

  /* Strictly one after another: request i+1 leaves only once reply i is in. */
  for (guint i = 1; i <= 5; i++)
    {
      const InflightMessage *request = inflight_test_find_message (snap, i, INFLIGHT_MESSAGE_REQUEST);
      const InflightMessage *reply = inflight_test_find_message (snap, i, INFLIGHT_MESSAGE_REPLY);

      g_assert_nonnull (request);
      g_assert_nonnull (reply);
      g_assert_cmpint (reply->sent_at, >=, request->arrived_at);
      g_assert_cmpint (reply->arrived_at - request->sent_at, >=, LATENCY_MS * MS * 97 / 100);

      if (i < 5)
        {
          const InflightMessage *next = inflight_test_find_message (snap, i + 1, INFLIGHT_MESSAGE_REQUEST);

          g_assert_nonnull (next);
          g_assert_cmpint (next->sent_at, >=, reply->arrived_at);
        }
    }

  /* The caller did nothing but wait: between its calls it only sends the next one, which a
   * slow (sanitized, busy) build can stretch to a few percent of the run, never to a tenth. */
  g_assert_cmpstr (snap->lanes[0].label, ==, "Caller thread");
  g_assert_cmpfloat (inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_WAITING), >=, 0.9);
  g_assert_cmpfloat (inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_WORKING), <, 0.05);
}

static void
test_callback_all_in_flight (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 10, 50, 16);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  gint64 first_reply = G_MAXINT64, last_request = 0;
  gint64 predicted = inflight_model_predict_total (scenario);

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  inflight_metrics_compute (snap, &metrics);

  g_assert_cmpuint (metrics.replies, ==, 10);

  for (guint i = 0; i < snap->n_messages; i++)
    {
      const InflightMessage *msg = &snap->messages[i];

      if (msg->kind == INFLIGHT_MESSAGE_REQUEST)
        last_request = MAX (last_request, msg->sent_at);
      else
        first_reply = MIN (first_reply, msg->arrived_at);
    }

  /* Every request was out before any reply came back: all in flight at once. */
  g_assert_cmpint (last_request, <, first_reply);

  /* ≈ L, nowhere near n·L. */
  g_assert_cmpint (predicted, ==, 50 * MS);
  g_assert_cmpint (metrics.total, >=, predicted * 97 / 100);
  g_assert_cmpint (metrics.total, <=, predicted * 2);

  /* The caller never waited: it was free throughout, but for the slices of its own work
   * (100 µs every 2 ms, about 5% of the time) that it really computed. */
  g_assert_cmpint (inflight_metrics_lane_time (snap, 0, INFLIGHT_SPAN_WAITING), ==, 0);
  g_assert_cmpfloat (inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_WORKING), >, 0.01);
  g_assert_cmpfloat (inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_WORKING), <, 0.25);
  g_assert_cmpfloat (inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_WORKING) +
                     inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_IDLE), >=, 0.9);
  g_assert_cmpuint (snap->n_marks, >=, 1);
  g_assert_nonnull (strstr (snap->marks[snap->n_marks - 1].label, "other work"));
}

static void
test_callback_limited_slots (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 8, 40, 2);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics metrics;
  gint64 predicted = inflight_model_predict_total (scenario);
  guint max_slot = 0;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (snap, &metrics);

  /* Two slots: four rounds of the service's work, plus the two journeys. */
  g_assert_cmpint (predicted, ==, 4 * 32 * MS + 8 * MS);
  g_assert_cmpint (metrics.total, >=, predicted * 97 / 100);
  g_assert_cmpint (metrics.total, <=, predicted * 3 / 2 + 40 * MS);

  for (guint i = 0; i < snap->n_spans; i++)
    if (snap->spans[i].lane == 1)
      max_slot = MAX (max_slot, snap->spans[i].slot);
  g_assert_cmpuint (max_slot, ==, 1);
}

static void
test_failures_are_seeded (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 20, 10, 20);
  g_autoptr(InflightTraceSnapshot) first = NULL;
  g_autoptr(InflightTraceSnapshot) second = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics a, b;

  inflight_scenario_set_failure_pct (scenario, 50);
  inflight_scenario_set_seed (scenario, 7);

  first = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  second = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (first, &a);
  inflight_metrics_compute (second, &b);

  g_assert_cmpuint (a.failed, >, 0);
  g_assert_cmpuint (a.failed, <, 20);
  g_assert_cmpuint (a.failed, ==, b.failed);

  for (guint r = 1; r <= 20; r++)
    g_assert_cmpint (inflight_test_find_message (first, r, INFLIGHT_MESSAGE_ERROR) != NULL, ==,
                     inflight_test_find_message (second, r, INFLIGHT_MESSAGE_ERROR) != NULL);
}

static void
assert_cancels_cleanly (InflightStrategy strategy)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategy, 20, 50, 4);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  guint threads_before = inflight_test_count_threads ();

  snap = inflight_test_run (scenario, 120, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  inflight_test_assert_consistent (snap);

  /* Stopped promptly, long before the 1 s (blocking) or 250 ms (callback) a full run takes.
   * The timer is armed before the run starts and the trace's time zero is set when its
   * service starts, which under a sanitizer can be tens of milliseconds later (a thread to
   * start): so the run's own clock reads less than the 120 ms of the timer, and the lower
   * bound only says the run went on until it was told to stop, not that it ended at once. */
  g_assert_cmpint (snap->duration, >=, 60 * MS);
  g_assert_cmpint (snap->duration, <, 220 * MS);

  /* Some requests were under way when it stopped, and they are marked so. */
  g_assert_cmpuint (snap->n_messages, >, 0);

  /* Every thread the run started has been joined. */
  g_assert_cmpuint (inflight_test_threads_settle (threads_before), ==, threads_before);
}

static void
test_blocking_cancel (void)
{
  assert_cancels_cleanly (INFLIGHT_STRATEGY_BLOCKING);
}

static void
test_callback_cancel (void)
{
  assert_cancels_cleanly (INFLIGHT_STRATEGY_CALLBACK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/runner/blocking/one-after-another", test_blocking_one_after_another);
  inflight_test_add_timed_func ("/runner/blocking/cancel", test_blocking_cancel);
  inflight_test_add_timed_func ("/runner/callback/all-in-flight", test_callback_all_in_flight);
  inflight_test_add_timed_func ("/runner/callback/limited-slots", test_callback_limited_slots);
  g_test_add_func ("/runner/callback/failures-are-seeded", test_failures_are_seeded);
  inflight_test_add_timed_func ("/runner/callback/cancel", test_callback_cancel);

  return g_test_run ();
}
