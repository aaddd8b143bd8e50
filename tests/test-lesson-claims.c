/* test-lesson-claims.c
 * Every lesson's preset, run for real: the caller's lane shows what the page says it does.
 * A blocking caller waits; an asynchronous caller, a queue's caller and an event loop are
 * free, with the share of real work the page states; a service slot held while the work is a
 * wait is drawn waiting, never working.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-diagram-text.h"
#include "inflight-lesson.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

static double
share (const InflightTraceSnapshot *snap,
       guint                        lane,
       InflightSpanKind             kind)
{
  return inflight_metrics_lane_share (snap, lane, kind);
}

/* The last time the caller put a request on its way. */
static gint64
last_send (const InflightTraceSnapshot *snap,
           guint                        caller)
{
  gint64 last = 0;

  for (guint i = 0; i < snap->n_messages; i++)
    if (snap->messages[i].from_lane == caller &&
        (snap->messages[i].kind == INFLIGHT_MESSAGE_REQUEST || snap->messages[i].kind == INFLIGHT_MESSAGE_ENQUEUE))
      last = MAX (last, snap->messages[i].sent_at);

  return last;
}

static void
check_caller (InflightLesson              *lesson,
              InflightScenario            *scenario,
              const InflightTraceSnapshot *snap)
{
  guint number = inflight_lesson_get_number (lesson);
  InflightStrategy strategy = inflight_scenario_get_strategy (scenario);
  guint caller = inflight_diagram_caller_lane (snap);
  double waited, worked, free;

  g_assert_cmpuint (caller, <, snap->n_lanes);
  waited = share (snap, caller, INFLIGHT_SPAN_WAITING);
  worked = share (snap, caller, INFLIGHT_SPAN_WORKING);
  free = share (snap, caller, INFLIGHT_SPAN_IDLE);
  g_test_message ("lesson %u, %s: caller worked %.1f%%, free %.1f%%, waited %.1f%%", number,
                  inflight_strategy_to_string (strategy), 100 * worked, 100 * free, 100 * waited);

  switch (strategy)
    {
    case INFLIGHT_STRATEGY_BLOCKING:
    case INFLIGHT_STRATEGY_UI_BLOCKING:
      /* "It sends the request and takes no further step until the reply is in." */
      g_assert_cmpfloat (waited, >=, 0.8);
      g_assert_cmpfloat (free, ==, 0);
      break;

    case INFLIGHT_STRATEGY_CALLBACK:
    case INFLIGHT_STRATEGY_EVENT_LOOP:
      /* Free, outlined not hatched, computing "about a twentieth of the time". */
      g_assert_cmpfloat (waited, ==, 0);
      g_assert_cmpfloat (worked, >=, 0.02);
      g_assert_cmpfloat (worked, <=, 0.10);
      g_assert_cmpfloat (worked + free, >=, 0.9);
      break;

    case INFLIGHT_STRATEGY_QUEUE:
      {
        gint64 sent = last_send (snap, caller);

        /* "The caller drops each request in it and is free at once": no wait after its last send. */
        for (guint i = 0; i < snap->n_spans; i++)
          if (snap->spans[i].lane == caller && snap->spans[i].kind == INFLIGHT_SPAN_WAITING)
            g_assert_cmpint (snap->spans[i].end, <=, sent);
        g_assert_cmpfloat (waited, ==, 0);
        g_assert_cmpfloat (worked, <=, 0.10);
        g_assert_cmpfloat (worked + free, >=, 0.9);
      }
      break;

    case INFLIGHT_STRATEGY_FUTURE:
      /* It works first and waits only for what is still missing: never all of the run; with
       * continuations it never waits at all. */
      g_assert_cmpfloat (worked, >, 0);
      g_assert_cmpfloat (waited, <, 0.9);
      if (inflight_scenario_get_continuation (scenario))
        g_assert_cmpfloat (waited, ==, 0);
      break;

    case INFLIGHT_STRATEGY_PARALLEL:
    default:
      break;
    }
}

/* A service's slot, or a queue's worker, holds its request while it waits on the work. */
static void
check_slots (const InflightTraceSnapshot *snap)
{
  for (guint i = 0; i < snap->n_spans; i++)
    {
      InflightLaneRole role = snap->lanes[snap->spans[i].lane].role;

      if (role == INFLIGHT_LANE_SERVICE || role == INFLIGHT_LANE_WORKER)
        g_assert_cmpint (snap->spans[i].kind, !=, INFLIGHT_SPAN_WORKING);
    }
}

static void
run_and_check (InflightLesson   *lesson,
               InflightScenario *scenario)
{
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;

  if (scenario == NULL)
    return;

  /* Short enough to run every lesson, long enough for many slices of the caller's work. */
  inflight_scenario_set_latency_ms (scenario, MIN (inflight_scenario_get_latency_ms (scenario), 200));
  if (inflight_scenario_get_strategy (scenario) == INFLIGHT_STRATEGY_PARALLEL)
    return;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  inflight_test_assert_consistent (snap);
  check_caller (lesson, scenario, snap);
  check_slots (snap);
}

static void
test_every_preset_shows_its_claims (void)
{
  GListModel *lessons = inflight_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightScenario) comparison = inflight_lesson_create_comparison (lesson);

      if (scenario == NULL || inflight_scenario_get_latency_ms (scenario) == 0)
        continue;
      run_and_check (lesson, scenario);
      run_and_check (lesson, comparison);
    }
}

static guint
count_kind (const InflightTraceSnapshot *snap,
            InflightSpanKind             kind)
{
  guint n = 0;

  for (guint i = 0; i < snap->n_spans; i++)
    n += snap->spans[i].kind == kind;

  return n;
}

/* Lesson 9 compares like with like: the same capacity on both sides, so that without the
 * outage they take the same time; and the outage is in the preset, so that it happens. */
static void
test_resilience_like_with_like (void)
{
  g_autoptr(InflightLesson) lesson = inflight_lessons_find (9);
  g_autoptr(InflightScenario) queue = inflight_lesson_create_scenario (lesson);
  g_autoptr(InflightScenario) direct = inflight_lesson_create_comparison (lesson);
  g_autoptr(InflightScenario) queue_healthy = inflight_scenario_copy (queue);
  g_autoptr(InflightScenario) direct_healthy = inflight_scenario_copy (direct);
  g_autoptr(InflightTraceSnapshot) queue_snap = NULL;
  g_autoptr(InflightTraceSnapshot) direct_snap = NULL;
  g_autoptr(GError) error = NULL;
  InflightMetrics q, d;

  inflight_scenario_set_down_for_ms (queue_healthy, 0);
  inflight_scenario_set_down_for_ms (direct_healthy, 0);
  g_assert_cmpint (inflight_model_predict_total (queue_healthy), ==, inflight_model_predict_total (direct_healthy));
  g_assert_cmpuint (inflight_scenario_get_down_for_ms (queue), >, 0);
  g_assert_cmpuint (inflight_scenario_get_down_at_ms (queue), >, 0);

  queue_snap = inflight_test_run (queue, 0, &error);
  g_assert_no_error (error);
  direct_snap = inflight_test_run (direct, 0, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (queue_snap, &q);
  inflight_metrics_compute (direct_snap, &d);
  g_test_message ("queue: %u of %u failed, %" G_GINT64_FORMAT " µs (theory %" G_GINT64_FORMAT "); direct: %u failed, %"
                  G_GINT64_FORMAT " µs (theory %" G_GINT64_FORMAT ")", q.failed, q.replies, q.total,
                  inflight_model_predict_total (queue), d.failed, d.total, inflight_model_predict_total (direct));

  /* The outage happened to both: the queue's worker was down, and lost nothing; direct calls failed. */
  g_assert_cmpuint (count_kind (queue_snap, INFLIGHT_SPAN_DOWN), >, 0);
  g_assert_cmpuint (q.failed, ==, 0);
  g_assert_cmpuint (q.replies, ==, inflight_scenario_get_requests (queue));
  g_assert_cmpuint (d.failed, >, 0);
  g_assert_cmpint (q.total, >=, inflight_model_predict_total (queue) * 95 / 100);
  g_assert_cmpint (q.total, <=, inflight_model_predict_total (queue) * 13 / 10);
  g_assert_cmpint (d.total, >=, inflight_model_predict_total (direct) * 95 / 100);
  g_assert_cmpint (d.total, <=, inflight_model_predict_total (direct) * 13 / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  inflight_test_add_timed_func ("/lesson-claims/every-preset", test_every_preset_shows_its_claims);
  inflight_test_add_timed_func ("/lesson-claims/resilience-like-with-like", test_resilience_like_with_like);

  return g_test_run ();
}
