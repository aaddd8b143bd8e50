/* test-lesson-pages.c
 * Every lesson's page builds with the controls it needs, named for screen readers; Next walks
 * the course; the freeze is measured from the window's own frames; sorting and the summary work.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-lesson-page.h"
#include "inflight-test-widgets.h"
#include "inflight-window.h"

static const struct
{
  InflightControls  control;
  const char       *name;
} named_controls[] = {
  { INFLIGHT_CONTROL_LATENCY, "Latency" },
  { INFLIGHT_CONTROL_REQUESTS, "Requests" },
  { INFLIGHT_CONTROL_WORKERS, "Workers" },
  { INFLIGHT_CONTROL_JITTER, "Jitter" },
  { INFLIGHT_CONTROL_FAILURE, "Failure rate" },
  { INFLIGHT_CONTROL_TIMEOUT, "Timeout" },
  { INFLIGHT_CONTROL_CHAIN, "Chain depth" },
  { INFLIGHT_CONTROL_DOWN, "Take the workers down" },
};

static InflightWindow *
make_window (InflightApplication *app)
{
  InflightWindow *window = inflight_window_new (app);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return window;
}

static guint
shown_lesson (InflightWindow *window)
{
  return inflight_lesson_get_number (inflight_lesson_page_get_lesson (inflight_window_get_page (window)));
}

static void
close_window (InflightWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
}

static void
test_every_page_has_its_controls (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  GListModel *lessons = inflight_lessons_get_all ();

  g_assert_cmpuint (g_list_model_get_n_items (lessons), ==, 13);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      InflightExperiment kind = inflight_lesson_get_experiment (lesson);
      gboolean runs = kind != INFLIGHT_EXPERIMENT_SORT && kind != INFLIGHT_EXPERIMENT_SUMMARY;
      InflightControls controls = inflight_lesson_get_controls (lesson);

      g_assert_true (inflight_window_show_lesson (window, inflight_lesson_get_number (lesson)));
      page = inflight_window_get_page (window);
      g_assert_true (inflight_lesson_page_get_lesson (page) == lesson);

      /* The controls it needs, and only those. */
      for (guint c = 0; c < G_N_ELEMENTS (named_controls); c++)
        {
          GtkWidget *control = inflight_test_find_control (GTK_WIDGET (window), named_controls[c].name);
          gboolean wanted = runs && (controls & named_controls[c].control) != 0;

          g_test_message ("lesson %u, %s: %s", inflight_lesson_get_number (lesson), named_controls[c].name,
                          wanted ? "wanted" : "not wanted");
          if (wanted)
            g_assert_nonnull (control);
          else
            g_assert_true (control == NULL || !gtk_widget_get_visible (control));
        }

      if (runs)
        {
          g_assert_nonnull (inflight_test_find_control (GTK_WIDGET (window), "Run"));
          g_assert_nonnull (inflight_test_find_control (GTK_WIDGET (window), "Stop"));
          g_assert_nonnull (inflight_test_find_control (GTK_WIDGET (window), "Reset"));
        }
      g_assert_nonnull (inflight_test_find_control (GTK_WIDGET (window), "Previous lesson"));
      g_assert_nonnull (inflight_test_find_control (GTK_WIDGET (window), "Next lesson"));
    }

  close_window (window);
}

static void
test_next_walks_the_course (InflightApplication *app)
{
  InflightWindow *window = make_window (app);

  g_assert_true (inflight_window_show_lesson (window, 1));
  for (guint number = 2; number <= 13; number++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL));
      g_assert_cmpuint (shown_lesson (window), ==, number);
    }

  /* At the end, Next does nothing; Previous goes back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
  g_assert_cmpuint (shown_lesson (window), ==, 13);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-lesson", NULL);
  g_assert_cmpuint (shown_lesson (window), ==, 12);

  close_window (window);
}

static void
test_freeze_is_measured (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  InflightProgress *progress = inflight_application_get_progress (app);
  InflightScenario *scenario;
  gint64 gap;

  inflight_progress_reset (progress);
  g_assert_true (inflight_window_show_lesson (window, 3));
  page = inflight_window_get_page (window);
  scenario = inflight_lesson_page_get_scenario (page);
  inflight_scenario_set_requests (scenario, 3);
  inflight_scenario_set_latency_ms (scenario, 150);

  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);

  /* Three calls of 150 ms on the window's own thread: no frame for about 450 ms. */
  gap = inflight_lesson_page_get_frame_gap (page);
  g_test_message ("longest gap between frames: %" G_GINT64_FORMAT " µs", gap);
  g_assert_cmpint (gap, >=, 450 * 1000 * 9 / 10);
  g_assert_cmpint (gap, <, 450 * 1000 + 400 * 1000);
  g_assert_nonnull (strstr (inflight_lesson_page_get_result_text (page), "froze"));
  {
    InflightMetrics metrics;
    gboolean stopped = TRUE;

    g_assert_true (inflight_run_panel_get_result (inflight_lesson_page_get_panel (page, 0), &metrics, &stopped));
    g_assert_false (stopped);
    g_assert_cmpint (metrics.longest_freeze, >=, 450 * 1000 * 9 / 10);
  }
  g_assert_true (inflight_progress_is_completed (progress, 3));

  close_window (window);
}

static void
test_run_compare_and_summary (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  InflightProgress *progress = inflight_application_get_progress (app);
  InflightResult result;

  inflight_progress_reset (progress);
  g_assert_true (inflight_window_show_lesson (window, 11));
  page = inflight_window_get_page (window);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 20);
  g_assert_nonnull (inflight_lesson_page_get_comparison (page));
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_lesson_page_get_comparison (page)), ==, 20);

  /* Both runs at once, side by side. */
  inflight_lesson_page_run (page);
  g_assert_true (inflight_run_panel_get_running (inflight_lesson_page_get_panel (page, 0)));
  g_assert_true (inflight_run_panel_get_running (inflight_lesson_page_get_panel (page, 1)));
  inflight_test_wait_until_idle (page, 20000);
  g_assert_nonnull (strstr (inflight_lesson_page_get_result_text (page), "Measured"));
  g_assert_true (inflight_progress_get_result (progress, 11, &result));
  g_assert_cmpint (result.measured, >, 0);

  /* Reset puts the controls back. */
  inflight_lesson_page_reset (page);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_lesson_page_get_scenario (page)), !=, 20);

  /* The summary gathers what was measured. */
  g_assert_true (inflight_window_show_lesson (window, 13));
  g_assert_nonnull (inflight_test_find_control (GTK_WIDGET (window), "Previous lesson"));
  g_assert_true (inflight_progress_is_completed (progress, 13));

  close_window (window);
}

static void
test_sorting (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightProgress *progress = inflight_application_get_progress (app);
  guint n_cards;
  const InflightSortCard *cards = inflight_lessons_get_sort_cards (&n_cards);
  g_autofree char *name = NULL;
  GtkWidget *choice;

  inflight_progress_reset (progress);
  g_assert_true (inflight_window_show_lesson (window, 12));

  name = g_strdup_printf ("%s: %s", cards[0].asynchronous ? "Asynchronous" : "Synchronous", cards[0].title);
  choice = inflight_test_find_control (GTK_WIDGET (window), name);
  g_assert_nonnull (choice);
  g_signal_emit_by_name (choice, "clicked");

  /* The choice is kept and checked by running it both ways. */
  g_assert_cmpint (inflight_progress_get_choice (progress, 12, cards[0].title), ==, cards[0].asynchronous);
  for (guint i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (inflight_progress_is_completed (progress, 12));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(InflightApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the window on");
      return g_test_run ();
    }

  app = inflight_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_data_func ("/lesson-pages/controls", app, (GTestDataFunc) test_every_page_has_its_controls);
  g_test_add_data_func ("/lesson-pages/next-walks-the-course", app, (GTestDataFunc) test_next_walks_the_course);
  g_test_add_data_func ("/lesson-pages/freeze-is-measured", app, (GTestDataFunc) test_freeze_is_measured);
  g_test_add_data_func ("/lesson-pages/compare-and-summary", app, (GTestDataFunc) test_run_compare_and_summary);
  g_test_add_data_func ("/lesson-pages/sorting", app, (GTestDataFunc) test_sorting);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));

  return status;
}
