/* test-lessons.c
 * Every offered lesson has text, a runnable preset, and runs headless close to its theory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-lesson.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

static void
test_lessons_are_in_order (void)
{
  GListModel *lessons = inflight_lessons_get_all ();
  guint previous = 0;

  g_assert_cmpuint (g_list_model_get_n_items (lessons), >=, 3);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);

      g_assert_cmpuint (inflight_lesson_get_number (lesson), >, previous);
      previous = inflight_lesson_get_number (lesson);
      g_assert_cmpuint (strlen (inflight_lesson_get_title (lesson)), >, 0);
      g_assert_true (inflight_strategy_is_runnable (inflight_scenario_get_strategy (scenario)));
      g_assert_cmpuint (inflight_lesson_get_controls (lesson) & INFLIGHT_CONTROL_LATENCY, !=, 0);
    }

  g_assert_null (inflight_lessons_find (99));
}

static void
test_lesson_bodies_are_markup (void)
{
  GListModel *lessons = inflight_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", inflight_lesson_get_body (lesson));
      const GMarkupParser parser = { NULL };

      context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
      g_markup_parse_context_parse (context, wrapped, -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (inflight_lesson_get_body (lesson), "\n\n"));
    }
}

static void
test_presets_run (void)
{
  GListModel *lessons = inflight_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightTraceSnapshot) snap = NULL;
      g_autoptr(GError) error = NULL;
      InflightMetrics metrics;
      gint64 predicted;

      /* The preset at a tenth of its latency, to keep the suite quick. */
      inflight_scenario_set_latency_ms (scenario, MAX (inflight_scenario_get_latency_ms (scenario) / 10, 10));
      predicted = inflight_model_predict_total (scenario);

      snap = inflight_test_run (scenario, 0, &error);
      g_assert_no_error (error);
      inflight_metrics_compute (snap, &metrics);

      g_test_message ("lesson %u: measured %" G_GINT64_FORMAT " µs, predicted %" G_GINT64_FORMAT " µs",
                      inflight_lesson_get_number (lesson), metrics.total, predicted);
      g_assert_cmpuint (metrics.replies, ==, inflight_scenario_get_requests (scenario));
      g_assert_cmpint (metrics.total, >=, predicted * 97 / 100);
      g_assert_cmpint (metrics.total, <=, predicted * 3 / 2 + 30000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lessons/in-order", test_lessons_are_in_order);
  g_test_add_func ("/lessons/bodies-are-markup", test_lesson_bodies_are_markup);
  g_test_add_func ("/lessons/presets-run", test_presets_run);

  return g_test_run ();
}
