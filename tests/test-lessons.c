/* test-lessons.c
 * The course: thirteen lessons in order, their text, controls and questions, and every preset
 * run headless close to its theory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-lesson.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-run-notes.h"
#include "inflight-service.h"
#include "inflight-test-util.h"

#define MS 1000

/* What DESIGN.md's outline asks each lesson to run. */
typedef struct
{
  InflightLessonKind experiment;
  gint               strategy;     /* -1: no run of its own */
  gint               comparison;   /* -1: no second run */
} Expected;

static const Expected expected[] = {
  [1]  = { INFLIGHT_LESSON_KIND_SINGLE,  INFLIGHT_STRATEGY_BLOCKING,    -1 },
  [2]  = { INFLIGHT_LESSON_KIND_SINGLE,  INFLIGHT_STRATEGY_BLOCKING,    -1 },
  [3]  = { INFLIGHT_LESSON_KIND_FREEZE,  INFLIGHT_STRATEGY_UI_BLOCKING, -1 },
  [4]  = { INFLIGHT_LESSON_KIND_COMPARE, INFLIGHT_STRATEGY_BLOCKING,    INFLIGHT_STRATEGY_BLOCKING },
  [5]  = { INFLIGHT_LESSON_KIND_SINGLE,  INFLIGHT_STRATEGY_CALLBACK,    -1 },
  [6]  = { INFLIGHT_LESSON_KIND_COMPARE, INFLIGHT_STRATEGY_FUTURE,      INFLIGHT_STRATEGY_FUTURE },
  [7]  = { INFLIGHT_LESSON_KIND_SINGLE,  INFLIGHT_STRATEGY_QUEUE,       -1 },
  [8]  = { INFLIGHT_LESSON_KIND_SWEEP,   INFLIGHT_STRATEGY_BLOCKING,    INFLIGHT_STRATEGY_CALLBACK },
  [9]  = { INFLIGHT_LESSON_KIND_COMPARE, INFLIGHT_STRATEGY_QUEUE,       INFLIGHT_STRATEGY_BLOCKING },
  [10] = { INFLIGHT_LESSON_KIND_ORDERS,  INFLIGHT_STRATEGY_CALLBACK,    -1 },
  [11] = { INFLIGHT_LESSON_KIND_COMPARE, INFLIGHT_STRATEGY_EVENT_LOOP,  INFLIGHT_STRATEGY_PARALLEL },
  [12] = { INFLIGHT_LESSON_KIND_SORT,    -1,                            -1 },
  [13] = { INFLIGHT_LESSON_KIND_SUMMARY, -1,                            -1 },
};

/* Each control, the name the body calls it by, and the scenario property it sets. */
static const struct
{
  InflightControls  control;
  const char       *name;
  const char       *property;
} control_names[] = {
  { INFLIGHT_CONTROL_LATENCY,  "Latency",          "latency-ms" },
  { INFLIGHT_CONTROL_REQUESTS, "Requests",         "requests" },
  { INFLIGHT_CONTROL_WORKERS,  "Workers",          "workers" },
  { INFLIGHT_CONTROL_JITTER,   "Jitter",           "jitter-pct" },
  { INFLIGHT_CONTROL_FAILURE,  "Failure rate",     "failure-pct" },
  { INFLIGHT_CONTROL_TIMEOUT,  "Timeout",          "timeout-ms" },
  { INFLIGHT_CONTROL_CHAIN,    "Chain depth",      "chain-depth" },
  { INFLIGHT_CONTROL_DOWN,     "Take the workers down", "down" },
  { INFLIGHT_CONTROL_AWAIT,    "Work before awaiting", "await-after-ms" },
  { INFLIGHT_CONTROL_CALLER_DOWN, "Take the caller down", "caller-down" },
};

static InflightLesson *
get_lesson (guint number)
{
  InflightLesson *lesson = inflight_lessons_find (number);

  g_assert_nonnull (lesson);
  return lesson;
}

static gboolean
has_run (InflightLesson *lesson)
{
  InflightLessonKind experiment = inflight_lesson_get_experiment (lesson);

  return experiment != INFLIGHT_LESSON_KIND_SORT && experiment != INFLIGHT_LESSON_KIND_SUMMARY;
}

/* Whether changing @control changes what a run of @strategy does. */
static gboolean
control_applies (InflightControls control,
                 InflightStrategy strategy)
{
  if (control == INFLIGHT_CONTROL_LATENCY || control == INFLIGHT_CONTROL_REQUESTS)
    return TRUE;

  /* A blocking caller has one call out at a time: more slots change nothing. */
  if (control == INFLIGHT_CONTROL_WORKERS)
    return strategy != INFLIGHT_STRATEGY_BLOCKING && strategy != INFLIGHT_STRATEGY_UI_BLOCKING;

  /* Parallel computing calls no service: nothing to vary, fail or take down. */
  if (control == INFLIGHT_CONTROL_JITTER || control == INFLIGHT_CONTROL_FAILURE ||
      control == INFLIGHT_CONTROL_DOWN)
    return strategy != INFLIGHT_STRATEGY_PARALLEL;

  /* The queue's caller collects its replies however long they take. */
  if (control == INFLIGHT_CONTROL_TIMEOUT)
    return strategy != INFLIGHT_STRATEGY_PARALLEL && strategy != INFLIGHT_STRATEGY_QUEUE;

  if (control == INFLIGHT_CONTROL_CHAIN)
    return strategy == INFLIGHT_STRATEGY_CALLBACK || strategy == INFLIGHT_STRATEGY_EVENT_LOOP;

  /* Only a caller holding futures does its own work before it needs their results. */
  if (control == INFLIGHT_CONTROL_AWAIT)
    return strategy == INFLIGHT_STRATEGY_FUTURE;

  /* Only a queue's caller and a blocking caller follow being taken down. */
  if (control == INFLIGHT_CONTROL_CALLER_DOWN)
    return strategy == INFLIGHT_STRATEGY_QUEUE || strategy == INFLIGHT_STRATEGY_BLOCKING;

  g_assert_not_reached ();
}

/* A tenth of the latency to keep the suite quick, at least 10 ms, never more than the original. */
static void
shorten (InflightScenario *scenario)
{
  guint latency = inflight_scenario_get_latency_ms (scenario);

  inflight_scenario_set_latency_ms (scenario, MIN (latency, MAX (latency / 10, 10)));
}

static void
assert_near_prediction (gint64 measured,
                        gint64 predicted)
{
  g_assert_cmpint (predicted, >, 0);
  g_assert_cmpint (measured, >=, predicted * 95 / 100);
  g_assert_cmpint (measured, <=, predicted * 3 / 2 + 40 * MS);
}

static guint
count_spans (const InflightTraceSnapshot *snap,
             InflightSpanKind             kind)
{
  guint n = 0;

  for (guint i = 0; i < snap->n_spans; i++)
    n += snap->spans[i].kind == kind;

  return n;
}

static InflightTraceSnapshot *
run (InflightScenario *scenario,
     InflightMetrics  *metrics)
{
  g_autoptr(GError) error = NULL;
  InflightTraceSnapshot *snap;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  g_assert_true (snap->duration != INFLIGHT_TIME_NONE);
  inflight_metrics_compute (snap, metrics);

  return snap;
}

/* What @scenario would take with the service up and the caller waiting for every reply. */
static gint64
predict_healthy (InflightScenario *scenario)
{
  g_autoptr(InflightScenario) healthy = inflight_scenario_copy (scenario);

  inflight_scenario_set_down_for_ms (healthy, 0);
  inflight_scenario_set_timeout_ms (healthy, 0);

  return inflight_model_predict_total (healthy);
}

/* How long a refused call takes: the request's journey there and the error's back. */
static gint64
journeys (InflightScenario *scenario)
{
  return (gint64) (inflight_scenario_get_latency_ms (scenario) * MS * 2 * INFLIGHT_TRANSIT_SHARE);
}

/* With a slot for every chain, the run lasts as long as its longest chain, each call taking
 * exactly what the seed planned for it and a chain ending at its first failure. */
static gint64
planned_longest_chain (InflightScenario *scenario,
                       guint            *calls,
                       guint            *failures)
{
  guint n = inflight_scenario_get_requests (scenario);
  gint64 longest = 0;

  *calls = *failures = 0;

  for (guint chain = 1; chain <= n; chain++)
    {
      gint64 length = 0;

      for (guint step = 1; step <= inflight_scenario_get_chain_depth (scenario); step++)
        {
          InflightCallPlan plan;

          inflight_call_plan_draw (&plan, inflight_scenario_get_seed (scenario),
                                   chain + (step - 1) * n,
                                   inflight_scenario_get_latency_ms (scenario),
                                   inflight_scenario_get_jitter_pct (scenario),
                                   inflight_scenario_get_failure_pct (scenario));
          length += inflight_call_plan_total (&plan);
          (*calls)++;

          if (plan.fails)
            {
              (*failures)++;
              break;
            }
        }

      longest = MAX (longest, length);
    }

  return longest;
}

/* Runs one of a lesson's scenarios, shortened, and checks it against its theory. */
static void
check_run (InflightLesson   *lesson,
           InflightScenario *preset,
           const char       *which)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_copy (preset);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  InflightStrategy strategy = inflight_scenario_get_strategy (scenario);
  guint requests = inflight_scenario_get_requests (scenario);
  InflightMetrics metrics;
  gint64 predicted;

  shorten (scenario);
  predicted = inflight_model_predict_total (scenario);

  /* Presets wait for every reply; lesson 4's own test sets a timeout. */
  g_assert_cmpuint (inflight_scenario_get_timeout_ms (scenario), ==, 0);

  if (strategy == INFLIGHT_STRATEGY_PARALLEL)
    {
      /* Other programs share these cores and can slow real computation down for a while:
       * up to five tries, so that a busy moment is not taken for the engine's fault. */
      for (guint attempt = 0; attempt < 5; attempt++)
        {
          g_clear_pointer (&snap, inflight_trace_snapshot_unref);
          snap = run (scenario, &metrics);
          predicted = inflight_test_parallel_theory (scenario, snap);
          if (metrics.total >= predicted * 95 / 100 && metrics.total <= predicted * 3 / 2 + 40 * MS)
            break;
          g_test_message ("parallel run %u took %" G_GINT64_FORMAT " µs; trying again", attempt + 1, metrics.total);
        }
    }
  else
    snap = run (scenario, &metrics);

  g_test_message ("lesson %u, %s (%s): measured %" G_GINT64_FORMAT " µs, freeze %" G_GINT64_FORMAT
                  " µs, predicted %" G_GINT64_FORMAT " µs, %u failed, %u out of order",
                  inflight_lesson_get_number (lesson), which, inflight_strategy_to_string (strategy),
                  metrics.total, metrics.longest_freeze, predicted, metrics.failed, metrics.out_of_order);

  if (inflight_scenario_get_down_for_ms (scenario) > 0 &&
      (inflight_scenario_get_down_at_ms (scenario) > 0 || inflight_scenario_get_hangs (scenario)))
    {
      /* An outage during the run, or a service that hangs: the theory steps through it, call by
       * call, and a hung service answers every call once it is back. */
      g_assert_cmpuint (metrics.replies, ==, requests);
      if (inflight_scenario_get_hangs (scenario))
        g_assert_cmpuint (metrics.failed, ==, 0);
      assert_near_prediction (metrics.total, predicted);
    }
  else if (inflight_scenario_get_down_for_ms (scenario) > 0)
    {
      /* Down from the start: every direct call is refused on arrival, long before its latency. */
      g_assert_cmpuint (inflight_scenario_get_down_at_ms (scenario), ==, 0);
      g_assert_cmpint ((gint64) inflight_scenario_get_down_for_ms (scenario) * MS, >=, predict_healthy (scenario));
      g_assert_cmpuint (metrics.replies, ==, requests);
      g_assert_cmpuint (metrics.failed, ==, requests);
      assert_near_prediction (metrics.total, requests * journeys (scenario));
      g_assert_cmpint (metrics.total, <=, predict_healthy (scenario) / 2);
    }
  else if (inflight_scenario_get_jitter_pct (scenario) > 0 || inflight_scenario_get_failure_pct (scenario) > 0)
    {
      guint calls, failures;
      gint64 planned;

      /* The seed decides each call's time and fate: the theory for this run is its longest chain. */
      g_assert_true (strategy == INFLIGHT_STRATEGY_CALLBACK || strategy == INFLIGHT_STRATEGY_EVENT_LOOP ||
                     strategy == INFLIGHT_STRATEGY_FUTURE);
      g_assert_cmpuint (inflight_scenario_get_workers (scenario), >=, requests);
      planned = planned_longest_chain (scenario, &calls, &failures);
      /* A caller with futures works first: the run lasts the longer of that and the calls. */
      if (strategy == INFLIGHT_STRATEGY_FUTURE)
        planned = MAX (planned, (gint64) inflight_scenario_get_await_after_ms (scenario) * MS);
      g_assert_cmpuint (metrics.requests, ==, calls);
      g_assert_cmpuint (metrics.replies, ==, calls);
      g_assert_cmpuint (metrics.failed, ==, failures);
      assert_near_prediction (metrics.total, planned);
    }
  else if (strategy == INFLIGHT_STRATEGY_UI_BLOCKING)
    {
      g_assert_cmpuint (metrics.replies, ==, requests);
      g_assert_cmpuint (count_spans (snap, INFLIGHT_SPAN_FROZEN), ==, 1);
      assert_near_prediction (metrics.longest_freeze, predicted);
    }
  else if (strategy == INFLIGHT_STRATEGY_PARALLEL)
    {
      /* Every item on one thread, then shared out: each thread lane ran something. */
      for (guint lane = 0; lane < snap->n_lanes; lane++)
        g_assert_cmpint (inflight_metrics_lane_time (snap, lane, INFLIGHT_SPAN_WORKING), >, 0);
      assert_near_prediction (metrics.total, predicted);
    }
  else
    {
      guint calls = requests * inflight_scenario_get_chain_depth (scenario);

      g_assert_cmpuint (metrics.requests, ==, calls);
      g_assert_cmpuint (metrics.replies, ==, calls);
      g_assert_cmpuint (metrics.failed, ==, 0);
      assert_near_prediction (metrics.total, predicted);
    }
}

static void
test_thirteen_in_order (void)
{
  GListModel *lessons = inflight_lessons_get_all ();
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (g_list_model_get_n_items (lessons), ==, INFLIGHT_LESSON_LAST);
  g_assert_cmpuint (INFLIGHT_LESSON_LAST - INFLIGHT_LESSON_FIRST + 1, ==, 13);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      g_autoptr(InflightLesson) found = NULL;
      const char *title = inflight_lesson_get_title (lesson);
      guint number = 0;

      g_assert_cmpuint (inflight_lesson_get_number (lesson), ==, INFLIGHT_LESSON_FIRST + i);
      found = inflight_lessons_find (INFLIGHT_LESSON_FIRST + i);
      g_assert_true (found == lesson);

      g_object_get (lesson, "number", &number, NULL);
      g_assert_cmpuint (number, ==, INFLIGHT_LESSON_FIRST + i);

      /* Short enough for a sidebar row, and each one different. */
      g_assert_cmpuint (g_utf8_strlen (title, -1), >, 0);
      g_assert_cmpuint (g_utf8_strlen (title, -1), <=, 32);
      g_assert_true (g_hash_table_add (titles, (gpointer) title));
    }

  g_assert_null (inflight_lessons_find (0));
  g_assert_null (inflight_lessons_find (INFLIGHT_LESSON_LAST + 1));
}

static void
test_experiments_follow_the_outline (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightScenario) comparison = inflight_lesson_create_comparison (lesson);
      const Expected *want = &expected[number];

      g_test_message ("lesson %u", number);
      g_assert_cmpint (inflight_lesson_get_experiment (lesson), ==, want->experiment);
      g_assert_nonnull (scenario);

      if (want->strategy >= 0)
        {
          g_assert_cmpint (inflight_scenario_get_strategy (scenario), ==, want->strategy);
          g_assert_true (inflight_strategy_is_runnable (inflight_scenario_get_strategy (scenario)));
        }

      if (want->comparison >= 0)
        {
          g_assert_nonnull (comparison);
          g_assert_cmpint (inflight_scenario_get_strategy (comparison), ==, want->comparison);
          g_assert_cmpuint (strlen (inflight_lesson_get_run_title (lesson)), >, 0);
          g_assert_cmpuint (strlen (inflight_lesson_get_comparison_title (lesson)), >, 0);
          g_assert_cmpstr (inflight_lesson_get_run_title (lesson), !=,
                           inflight_lesson_get_comparison_title (lesson));
          /* Side by side on one set of sliders: both runs start from the values they show. */
          for (guint i = 0; i < G_N_ELEMENTS (control_names); i++)
            if (inflight_lesson_get_controls (lesson) & control_names[i].control)
              {
                g_auto(GValue) first = G_VALUE_INIT;
                g_auto(GValue) second = G_VALUE_INIT;
                g_autofree char *first_text = NULL;
                g_autofree char *second_text = NULL;

                g_object_get_property (G_OBJECT (scenario), control_names[i].property, &first);
                g_object_get_property (G_OBJECT (comparison), control_names[i].property, &second);
                first_text = g_strdup_value_contents (&first);
                second_text = g_strdup_value_contents (&second);
                g_test_message ("lesson %u, %s: %s and %s", number, control_names[i].property,
                                first_text, second_text);
                g_assert_cmpstr (first_text, ==, second_text);
              }
        }
      else
        {
          g_assert_null (comparison);
          g_assert_null (inflight_lesson_get_comparison_title (lesson));
        }

      if (want->experiment == INFLIGHT_LESSON_KIND_SWEEP)
        {
          /* The same parameters, so that only the way of calling differs. */
          g_assert_cmpuint (inflight_scenario_get_requests (scenario), ==, inflight_scenario_get_requests (comparison));
          g_assert_cmpuint (inflight_scenario_get_workers (scenario), ==, inflight_scenario_get_workers (comparison));
        }
    }
}

static void
test_bodies (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      const char *body = inflight_lesson_get_body (lesson);
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", body);
      g_auto(GStrv) paragraphs = NULL;
      const GMarkupParser parser = { NULL };
      InflightControls controls = inflight_lesson_get_controls (lesson);

      g_test_message ("lesson %u: %u characters", number, (guint) g_utf8_strlen (body, -1));

      context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
      g_markup_parse_context_parse (context, wrapped, -1, &error);
      g_assert_no_error (error);
      g_markup_parse_context_end_parse (context, &error);
      g_assert_no_error (error);

      /* Three or four short paragraphs, with key terms in bold, that fit one screen. */
      paragraphs = g_strsplit (body, "\n\n", -1);
      g_assert_cmpuint (g_strv_length (paragraphs), >=, 3);
      g_assert_cmpuint (g_strv_length (paragraphs), <=, 4);
      for (guint i = 0; paragraphs[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (g_strstrip (paragraphs[i])), >, 0);
          g_assert_null (strchr (paragraphs[i], '\n'));
        }
      g_assert_nonnull (strstr (body, "<b>"));
      g_assert_cmpuint (g_utf8_strlen (body, -1), <=, 900);

      /* The text names every control the lesson shows, as the learner sees it. */
      for (guint i = 0; i < G_N_ELEMENTS (control_names); i++)
        if (controls & control_names[i].control)
          {
            g_autofree char *bold = g_strdup_printf ("<b>%s</b>", control_names[i].name);

            g_test_message ("lesson %u names %s", number, bold);
            g_assert_nonnull (strstr (body, bold));
          }
    }
}

static void
test_controls_make_sense (void)
{
  const InflightControls all = INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS |
                               INFLIGHT_CONTROL_WORKERS | INFLIGHT_CONTROL_JITTER |
                               INFLIGHT_CONTROL_FAILURE | INFLIGHT_CONTROL_TIMEOUT |
                               INFLIGHT_CONTROL_CHAIN | INFLIGHT_CONTROL_DOWN | INFLIGHT_CONTROL_AWAIT |
                               INFLIGHT_CONTROL_CALLER_DOWN;

  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightScenario) comparison = inflight_lesson_create_comparison (lesson);
      InflightControls controls = inflight_lesson_get_controls (lesson);

      g_test_message ("lesson %u: controls 0x%x", number, controls);
      g_assert_cmpuint (controls & ~all, ==, 0);

      if (!has_run (lesson))
        {
          g_assert_cmpuint (controls, ==, INFLIGHT_CONTROL_NONE);
          continue;
        }

      /* Every lesson that runs lets the learner change how long a call takes. */
      g_assert_cmpuint (controls & INFLIGHT_CONTROL_LATENCY, !=, 0);

      /* Each control shown changes at least one of the lesson's runs. */
      for (guint i = 0; i < G_N_ELEMENTS (control_names); i++)
        if (controls & control_names[i].control)
          g_assert_true (control_applies (control_names[i].control, inflight_scenario_get_strategy (scenario)) ||
                         (comparison != NULL &&
                          control_applies (control_names[i].control, inflight_scenario_get_strategy (comparison))));
    }

  /* The controls each lesson is about. */
  {
    struct { guint number; InflightControls needed; } needs[] = {
      { 2,  INFLIGHT_CONTROL_REQUESTS },
      { 3,  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS },
      { 4,  INFLIGHT_CONTROL_TIMEOUT },
      { 6,  INFLIGHT_CONTROL_AWAIT },
      { 7,  INFLIGHT_CONTROL_WORKERS },
      { 8,  INFLIGHT_CONTROL_WORKERS | INFLIGHT_CONTROL_REQUESTS },
      { 9,  INFLIGHT_CONTROL_DOWN | INFLIGHT_CONTROL_CALLER_DOWN },
      { 10, INFLIGHT_CONTROL_JITTER | INFLIGHT_CONTROL_FAILURE | INFLIGHT_CONTROL_CHAIN },
      { 11, INFLIGHT_CONTROL_WORKERS },
    };

    for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
      {
        g_autoptr(InflightLesson) lesson = get_lesson (needs[i].number);

        g_assert_cmpuint (inflight_lesson_get_controls (lesson) & needs[i].needed, ==, needs[i].needed);
      }
  }
}

static void
test_prediction_prompts (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      const char *prompt = inflight_lesson_get_prediction_prompt (lesson);

      if (!has_run (lesson))
        {
          g_assert_null (prompt);
          continue;
        }

      g_assert_nonnull (prompt);
      g_assert_true (g_str_has_prefix (prompt, "How long"));
      g_assert_true (g_str_has_suffix (prompt, "?"));
    }
}

static void
test_questions (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      guint n_questions = inflight_lesson_get_n_questions (lesson);

      g_assert_cmpuint (n_questions, >=, 1);
      g_assert_cmpuint (n_questions, <=, 4);

      for (guint q = 0; q < n_questions; q++)
        {
          const InflightQuestion *question = inflight_lesson_get_question (lesson, q);
          guint n_choices = 0;

          g_test_message ("lesson %u, question %u", number, q + 1);
          g_assert_nonnull (question);
          g_assert_cmpuint (strlen (question->prompt), >, 0);

          while (n_choices < INFLIGHT_MAX_CHOICES && question->choices[n_choices] != NULL)
            n_choices++;
          g_assert_cmpuint (n_choices, >=, 2);
          g_assert_cmpuint (n_choices, <=, 4);
          g_assert_cmpuint (question->correct, <, n_choices);

          for (guint c = 0; c < INFLIGHT_MAX_CHOICES; c++)
            {
              if (c >= n_choices)
                {
                  /* Nothing after the last choice, not even a stray explanation. */
                  g_assert_null (question->choices[c]);
                  g_assert_null (question->explanations[c]);
                  continue;
                }

              g_assert_cmpuint (strlen (question->choices[c]), >, 0);
              g_assert_nonnull (question->explanations[c]);
              g_assert_cmpuint (strlen (question->explanations[c]), >, 0);
              for (guint other = 0; other < c; other++)
                g_assert_cmpstr (question->choices[other], !=, question->choices[c]);
            }
        }
    }
}

static void
test_sort_cards (void)
{
  g_autoptr(InflightLesson) lesson = get_lesson (12);
  const InflightSortCard *cards;
  guint n_cards = 0, asynchronous = 0;

  g_assert_cmpint (inflight_lesson_get_experiment (lesson), ==, INFLIGHT_LESSON_KIND_SORT);

  cards = inflight_lessons_get_sort_cards (&n_cards);
  g_assert_nonnull (cards);
  g_assert_cmpuint (n_cards, >=, 6);
  g_assert_cmpuint (n_cards, <=, 8);

  for (guint i = 0; i < n_cards; i++)
    {
      const InflightSortCard *card = &cards[i];
      gint64 both_ways;

      g_test_message ("card %u: %s", i, card->title);
      g_assert_cmpuint (strlen (card->title), >, 0);
      g_assert_cmpuint (strlen (card->detail), >, 0);
      g_assert_cmpuint (strlen (card->why), >, 0);
      asynchronous += card->asynchronous;

      /* A run small enough to check the card both ways in under two seconds. */
      g_assert_cmpuint (card->requests, >=, 1);
      g_assert_cmpuint (card->requests, <=, 8);
      g_assert_cmpuint (card->latency_ms, >=, 1);
      both_ways = (gint64) card->requests * card->latency_ms * MS + (gint64) card->latency_ms * MS;
      g_assert_cmpint (both_ways, <, 2 * G_USEC_PER_SEC);
    }

  g_assert_cmpuint (asynchronous, >, 0);
  g_assert_cmpuint (asynchronous, <, n_cards);
}

static void
test_sort_cards_run_both_ways (void)
{
  const InflightSortCard *cards;
  guint n_cards = 0;

  cards = inflight_lessons_get_sort_cards (&n_cards);

  for (guint i = 0; i < n_cards; i++)
    {
      gint64 totals[2];

      for (guint way = 0; way < 2; way++)
        {
          InflightStrategy strategy = way == 0 ? INFLIGHT_STRATEGY_BLOCKING : INFLIGHT_STRATEGY_CALLBACK;
          g_autoptr(InflightScenario) scenario = inflight_scenario_new (strategy);
          g_autoptr(InflightTraceSnapshot) snap = NULL;
          InflightMetrics metrics;
          gint64 predicted;

          /* As the lesson page checks a card: a slot at the service for every request. */
          inflight_scenario_set_requests (scenario, cards[i].requests);
          inflight_scenario_set_latency_ms (scenario, cards[i].latency_ms);
          inflight_scenario_set_workers (scenario, cards[i].requests);
          shorten (scenario);
          predicted = inflight_model_predict_total (scenario);

          snap = run (scenario, &metrics);
          g_test_message ("card %u, %s: measured %" G_GINT64_FORMAT " µs, predicted %" G_GINT64_FORMAT " µs",
                          i, inflight_strategy_to_string (strategy), metrics.total, predicted);
          g_assert_cmpuint (metrics.replies, ==, cards[i].requests);
          g_assert_cmpuint (metrics.failed, ==, 0);
          assert_near_prediction (metrics.total, predicted);
          totals[way] = metrics.total;
        }

      /* With several independent calls, the check shows the asynchronous way winning. */
      if (cards[i].asynchronous && cards[i].requests > 1)
        g_assert_cmpint (totals[1], <, totals[0]);
    }
}

static void
test_presets_run (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightScenario) comparison = inflight_lesson_create_comparison (lesson);

      if (!has_run (lesson))
        continue;

      check_run (lesson, scenario, "run");
      if (comparison != NULL)
        check_run (lesson, comparison, "comparison");
    }
}

static void
test_presets_are_short (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightScenario) comparison = inflight_lesson_create_comparison (lesson);
      InflightScenario *runs[] = { scenario, comparison };

      if (!has_run (lesson))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (runs) && runs[i] != NULL; i++)
        {
          gint64 predicted = inflight_model_predict_total (runs[i]);

          g_test_message ("lesson %u, run %u: %" G_GINT64_FORMAT " µs in theory", number, i, predicted);
          /* Long enough to watch, short enough to run again and again. */
          g_assert_cmpint (predicted, >=, 100 * MS);
          g_assert_cmpint (predicted, <=, 2500 * MS);
        }

      if (inflight_lesson_get_experiment (lesson) == INFLIGHT_LESSON_KIND_FREEZE)
        {
          /* The window freezes for real: well inside the cap, so the preset is never cut short. */
          g_assert_cmpint (inflight_model_predict_total (scenario), <=, INFLIGHT_UI_FREEZE_CAP_US * 2 / 3);
          g_assert_cmpint ((gint64) inflight_scenario_get_requests (scenario) *
                           inflight_scenario_get_latency_ms (scenario) * MS, <,
                           INFLIGHT_UI_FREEZE_CAP_US);
        }

      if (inflight_lesson_get_experiment (lesson) == INFLIGHT_LESSON_KIND_SWEEP)
        {
          g_autoptr(InflightScenario) point = inflight_scenario_copy (comparison);
          gint64 sweep = 0;

          guint requests = inflight_scenario_get_requests (comparison);
          guint last = inflight_lesson_sweep_workers_to (requests);
          gint64 level;

          /* The chart runs the asynchronous side once for each worker count. */
          for (guint workers = 1; workers <= last; workers++)
            {
              inflight_scenario_set_workers (point, workers);
              sweep += inflight_model_predict_total (point);
            }
          g_test_message ("sweep to %u workers: %" G_GINT64_FORMAT " µs in theory", last, sweep);
          g_assert_cmpint (sweep, <=, 10 * G_USEC_PER_SEC);
          /* The curve falls until every request has a worker, and the chart goes on past that
           * point, level, so that the learner sees where it stops. */
          g_assert_cmpuint (last, >=, requests + 4);
          inflight_scenario_set_workers (point, requests);
          level = inflight_model_predict_total (point);
          inflight_scenario_set_workers (point, last);
          g_assert_cmpint (inflight_model_predict_total (point), ==, level);
        }
    }
}

static void
test_timeout_gives_up_on_the_slow_service (void)
{
  g_autoptr(InflightLesson) lesson = get_lesson (4);
  g_autoptr(InflightScenario) slow = inflight_lesson_create_scenario (lesson);
  g_autoptr(InflightScenario) down = inflight_lesson_create_comparison (lesson);
  g_autoptr(InflightTraceSnapshot) slow_snap = NULL;
  g_autoptr(InflightTraceSnapshot) down_snap = NULL;
  InflightMetrics slow_metrics, down_metrics;
  guint requests = inflight_scenario_get_requests (slow);
  guint timeout;

  g_assert_cmpuint (inflight_lesson_get_controls (lesson) & INFLIGHT_CONTROL_TIMEOUT, !=, 0);

  /* The learner sets Timeout to half the latency: it applies to both runs. */
  shorten (slow);
  shorten (down);
  timeout = inflight_scenario_get_latency_ms (slow) / 2;
  inflight_scenario_set_timeout_ms (slow, timeout);
  inflight_scenario_set_timeout_ms (down, timeout);

  /* The caller gives up on every slow call at the timeout, not at the latency. */
  slow_snap = run (slow, &slow_metrics);
  g_assert_cmpuint (slow_metrics.timeouts, ==, requests);
  g_assert_cmpuint (slow_metrics.replies, ==, 0);
  assert_near_prediction (slow_metrics.total, (gint64) requests * timeout * MS);
  g_assert_cmpint (slow_metrics.total, <, predict_healthy (slow) * 2 / 3);

  /* The service that hangs never answers in time: the timeout is what lets the caller go, each
   * time after the timeout instead of after the whole hang. */
  g_assert_true (inflight_scenario_get_hangs (down));
  down_snap = run (down, &down_metrics);
  g_assert_cmpuint (down_metrics.timeouts, ==, requests);
  g_assert_cmpuint (down_metrics.replies, ==, 0);
  assert_near_prediction (down_metrics.total, (gint64) requests * timeout * MS);
  g_assert_cmpint (down_metrics.total, <, (gint64) inflight_scenario_get_down_for_ms (down) * MS / 2);
}

typedef struct
{
  InflightScenario *scenario;
  guint             after_ms;
} BringBack;

static gboolean
bring_back_cb (gpointer data)
{
  BringBack *back = data;

  inflight_scenario_set_down (back->scenario, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_bring_back (GMainContext *context,
                     gpointer      data)
{
  BringBack *back = data;
  g_autoptr(GSource) source = g_timeout_source_new (back->after_ms);

  g_source_set_callback (source, bring_back_cb, back, NULL);
  g_source_attach (source, context);
}

static void
test_queue_rides_out_an_outage (void)
{
  g_autoptr(InflightLesson) lesson = get_lesson (9);
  g_autoptr(InflightScenario) queue = inflight_lesson_create_scenario (lesson);
  g_autoptr(InflightScenario) direct = inflight_lesson_create_comparison (lesson);
  g_autoptr(InflightTraceSnapshot) queue_snap = NULL;
  g_autoptr(InflightTraceSnapshot) direct_snap = NULL;
  g_autoptr(GError) error = NULL;
  BringBack queue_back = { queue, 100 }, direct_back = { direct, 100 };
  InflightMetrics queue_metrics, direct_metrics;
  guint requests = inflight_scenario_get_requests (queue);
  guint latency;

  g_assert_cmpuint (inflight_lesson_get_controls (lesson) & INFLIGHT_CONTROL_DOWN, !=, 0);

  /* Take worker down before the run, back 100 ms in: longer than every direct call takes
   * to be refused, shorter than the run. */
  shorten (queue);
  shorten (direct);
  latency = inflight_scenario_get_latency_ms (queue);
  g_assert_cmpuint (requests * latency / 5, <, 100);
  inflight_scenario_set_down (queue, TRUE);
  inflight_scenario_set_down (direct, TRUE);

  queue_snap = inflight_test_run_full (queue, -1, FALSE, schedule_bring_back, &queue_back, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (queue_snap, &queue_metrics);

  direct_snap = inflight_test_run_full (direct, -1, FALSE, schedule_bring_back, &direct_back, &error);
  g_assert_no_error (error);
  inflight_metrics_compute (direct_snap, &direct_metrics);

  g_test_message ("queue: %u failed in %" G_GINT64_FORMAT " µs; direct: %u failed in %" G_GINT64_FORMAT " µs",
                  queue_metrics.failed, queue_metrics.total, direct_metrics.failed, direct_metrics.total);

  /* Through the queue nothing is lost: every request waits, then goes through, later. */
  g_assert_cmpuint (queue_metrics.replies, ==, requests);
  g_assert_cmpuint (queue_metrics.failed, ==, 0);
  g_assert_cmpuint (count_spans (queue_snap, INFLIGHT_SPAN_DOWN), >, 0);
  g_assert_cmpint (queue_metrics.total, >=, 100 * MS + inflight_model_predict_total (queue) * 95 / 100);

  /* Direct calls made meanwhile fail, each one at once. */
  g_assert_cmpuint (direct_metrics.replies, ==, requests);
  g_assert_cmpuint (direct_metrics.failed, ==, requests);
  g_assert_cmpint (direct_metrics.total, <, 100 * MS);
}

static void
test_complexity_shows (void)
{
  g_autoptr(InflightLesson) lesson = get_lesson (10);
  g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  InflightMetrics metrics;
  guint requests = inflight_scenario_get_requests (scenario);

  shorten (scenario);
  snap = run (scenario, &metrics);

  /* What the lesson talks about is in its preset: crossing replies, a failure, and chains. */
  g_assert_cmpuint (metrics.out_of_order, >, 0);
  g_assert_cmpuint (metrics.failed, >, 0);
  g_assert_cmpuint (metrics.failed, <, metrics.replies);
  g_assert_cmpuint (inflight_scenario_get_chain_depth (scenario), >=, 2);
  g_assert_cmpuint (metrics.requests, >, requests);
  g_assert_cmpuint (metrics.requests, <, requests * inflight_scenario_get_chain_depth (scenario) + 1);
}

static void
test_takeaways (void)
{
  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      g_autoptr(InflightLesson) lesson = get_lesson (number);
      const char * const *takeaways = inflight_lesson_get_takeaways (lesson);
      guint n = 0;

      g_assert_nonnull (takeaways);
      while (takeaways[n] != NULL)
        n++;

      if (inflight_lesson_get_experiment (lesson) != INFLIGHT_LESSON_KIND_SUMMARY)
        {
          g_assert_cmpuint (n, ==, 0);
          continue;
        }

      g_assert_cmpuint (n, >=, 5);
      g_assert_cmpuint (n, <=, 7);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (strlen (takeaways[i]), >, 0);
          g_assert_true (g_str_has_suffix (takeaways[i], "."));
        }
    }

  /* The summary is the last lesson. */
  {
    g_autoptr(InflightLesson) last = get_lesson (INFLIGHT_LESSON_LAST);

    g_assert_cmpint (inflight_lesson_get_experiment (last), ==, INFLIGHT_LESSON_KIND_SUMMARY);
  }
}

/* Lesson 2: a failed blocking call's error reaches the caller as that call's answer, before the next call. */
static void
test_error_at_the_call (void)
{
  g_autoptr(InflightLesson) lesson = get_lesson (2);
  g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  InflightMetrics metrics;
  guint requests, checked = 0;

  g_assert_cmpuint (inflight_lesson_get_controls (lesson) & INFLIGHT_CONTROL_FAILURE, !=, 0);
  shorten (scenario);
  inflight_scenario_set_failure_pct (scenario, 50);
  requests = inflight_scenario_get_requests (scenario);
  snap = run (scenario, &metrics);
  g_assert_cmpuint (metrics.failed, >, 0);

  for (guint i = 0; i < snap->n_messages; i++)
    {
      const InflightMessage *error = &snap->messages[i];
      const InflightMessage *next;
      g_autofree char *prefix = NULL;
      gboolean marked = FALSE;

      if (error->kind != INFLIGHT_MESSAGE_ERROR)
        continue;

      /* The caller marks the error for this request, no earlier than it arrived... */
      prefix = g_strdup_printf ("#%u: ", error->request);
      for (guint m = 0; m < snap->n_marks; m++)
        if (snap->marks[m].lane == error->to_lane && g_str_has_prefix (snap->marks[m].label, prefix))
          {
            g_assert_cmpint (snap->marks[m].at, >=, error->arrived_at);
            marked = TRUE;

            /* ...and before the next request leaves. */
            next = error->request < requests
                   ? inflight_test_find_message (snap, error->request + 1, INFLIGHT_MESSAGE_REQUEST) : NULL;
            if (next != NULL)
              g_assert_cmpuint (snap->marks[m].seq, <, next->sent_seq);
          }
      g_assert_true (marked);
      checked++;
    }

  g_assert_cmpuint (checked, ==, metrics.failed);
}

/* A hung service takes the request and says nothing until its outage ends: only a timeout frees
 * the caller sooner. A service that refuses answers at once, with an error. */
static void
test_hung_and_refused (void)
{
  for (guint hangs = 0; hangs < 2; hangs++)
    for (guint timeout = 0; timeout <= 100; timeout += 100)
      {
        g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 1, 20, 1);
        g_autoptr(InflightTraceSnapshot) snap = NULL;
        g_autoptr(GError) error = NULL;
        InflightMetrics metrics;

        g_assert_true (inflight_scenario_set_by_name (scenario, "hangs", hangs ? "true" : "false", &error));
        g_assert_no_error (error);
        g_assert_cmpint (inflight_scenario_get_hangs (scenario), ==, hangs);
        inflight_scenario_set_down_at_ms (scenario, 0);
        inflight_scenario_set_down_for_ms (scenario, 400);
        inflight_scenario_set_timeout_ms (scenario, timeout);
        snap = run (scenario, &metrics);
        g_test_message ("hangs %u, timeout %u ms: %" G_GINT64_FORMAT " µs, %u replies, %u failed, %u timeouts",
                        hangs, timeout, metrics.total, metrics.replies, metrics.failed, metrics.timeouts);

        if (!hangs)
          {
            /* Refused on arrival: the error is back after the two journeys, long before any timeout. */
            g_assert_cmpuint (metrics.failed, ==, 1);
            g_assert_cmpuint (metrics.timeouts, ==, 0);
            g_assert_cmpint (metrics.total, <, 100 * MS);
          }
        else if (timeout > 0)
          {
            /* Hung: no word at all, so the caller's own timer ends the wait. */
            g_assert_cmpuint (metrics.timeouts, ==, 1);
            g_assert_cmpuint (metrics.replies, ==, 0);
            g_assert_cmpint (metrics.total, >=, timeout * MS);
            g_assert_cmpint (metrics.total, <, 400 * MS);
          }
        else
          {
            /* Hung, and nobody gives up: the answer comes once the outage is over. */
            g_assert_cmpuint (metrics.replies, ==, 1);
            g_assert_cmpuint (metrics.failed, ==, 0);
            g_assert_cmpint (metrics.total, >=, 400 * MS);
          }
      }
}

/* Replies out of order are explained by what caused them in that run: jitter only if there was any. */
static void
test_out_of_order_explained (void)
{
  g_autofree char *none = inflight_run_notes_out_of_order (0, 0);
  g_autofree char *even = inflight_run_notes_out_of_order (2, 0);
  g_autofree char *jittery = inflight_run_notes_out_of_order (2, 60);

  g_assert_null (none);
  g_assert_nonnull (even);
  g_test_message ("%s |%s", even, jittery);
  g_assert_null (strstr (even, "jitter"));
  g_assert_null (strstr (even, "Jitter"));
  g_assert_nonnull (strstr (even, "scheduled"));
  g_assert_nonnull (jittery);
  g_assert_nonnull (strstr (jittery, "Jitter"));
}

/* What the pages say matches what the lessons run and ask. */
static void
test_texts_match_runs (void)
{
  g_autoptr(InflightLesson) one = get_lesson (1);
  g_autoptr(InflightLesson) two = get_lesson (2);
  g_autoptr(InflightLesson) ten = get_lesson (10);
  g_autoptr(InflightLesson) twelve = get_lesson (12);
  const InflightQuestion *question;

  /* Lesson 1 has just said a hatched bar means waiting: its guess asks about waiting. */
  g_assert_nonnull (strstr (inflight_lesson_get_prediction_prompt (one), "wait"));
  g_assert_null (strstr (inflight_lesson_get_prediction_prompt (one), "busy"));

  /* Lesson 2 lets a call fail, to show the error arriving at the very call, and pictures the phone call. */
  g_assert_cmpuint (inflight_lesson_get_controls (two) & INFLIGHT_CONTROL_FAILURE, !=, 0);
  g_assert_nonnull (strstr (inflight_lesson_get_body (two), "phone"));

  /* Lesson 10: each callback carries its request; the cost is code that counts on order. */
  question = inflight_lesson_get_question (ten, 2);
  g_assert_null (strstr (question->choices[question->correct], "which request"));
  g_assert_nonnull (strstr (question->choices[question->correct], "order"));
  g_assert_null (strstr (inflight_lesson_get_body (ten), "counts the orders"));

  /* Lesson 12 says what to do with slow work the next step does not need. */
  g_assert_nonnull (strstr (inflight_lesson_get_body (twelve), "critical path"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lessons/thirteen-in-order", test_thirteen_in_order);
  g_test_add_func ("/lessons/experiments-follow-the-outline", test_experiments_follow_the_outline);
  g_test_add_func ("/lessons/bodies", test_bodies);
  g_test_add_func ("/lessons/controls-make-sense", test_controls_make_sense);
  g_test_add_func ("/lessons/prediction-prompts", test_prediction_prompts);
  g_test_add_func ("/lessons/questions", test_questions);
  g_test_add_func ("/lessons/takeaways", test_takeaways);
  g_test_add_func ("/lessons/out-of-order-explained", test_out_of_order_explained);
  g_test_add_func ("/lessons/texts-match-runs", test_texts_match_runs);
  inflight_test_add_timed_func ("/lessons/2/error-at-the-call", test_error_at_the_call);
  g_test_add_func ("/lessons/sort-cards", test_sort_cards);
  inflight_test_add_timed_func ("/lessons/sort-cards-run-both-ways", test_sort_cards_run_both_ways);
  g_test_add_func ("/lessons/presets-are-short", test_presets_are_short);
  inflight_test_add_timed_func ("/lessons/presets-run", test_presets_run);
  inflight_test_add_timed_func ("/lessons/4/timeout-gives-up", test_timeout_gives_up_on_the_slow_service);
  inflight_test_add_timed_func ("/lessons/4/hung-and-refused", test_hung_and_refused);
  inflight_test_add_timed_func ("/lessons/9/queue-rides-out-an-outage", test_queue_rides_out_an_outage);
  g_test_add_func ("/lessons/10/complexity-shows", test_complexity_shows);

  return g_test_run ();
}
