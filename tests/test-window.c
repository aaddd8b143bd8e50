/* test-window.c
 * The window builds under a display, offers its lessons and named controls, and runs one for real;
 * its shortcuts window waits until it is asked for.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-lesson-page.h"
#include "inflight-sequence-view.h"
#include "inflight-test-widgets.h"
#include "inflight-window.h"

/* The shortcuts window is built when first asked for, not with the window (it was a twentieth
 * of the work before the first frame), and Ctrl+? still names it in the menu. */
static void
assert_shortcuts_built_when_asked (InflightApplication *app,
                                   InflightWindow      *window)
{
  g_auto(GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;

  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (accels[0], ==, "<Control>question");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* Asked again, the same window comes back. */
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
}

static void
test_window_builds_and_runs (void)
{
  g_autoptr(InflightApplication) app = inflight_application_new ();
  InflightWindow *window;
  InflightLessonPage *page;
  InflightScenario *scenario;
  GtkWidget *latency, *requests, *run, *stop;
  g_autoptr(GError) error = NULL;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  window = inflight_window_new (app);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Inflight");
  assert_shortcuts_built_when_asked (app, window);

  page = inflight_window_get_page (window);
  g_assert_nonnull (inflight_lesson_page_get_lesson (page));

  latency = inflight_test_find_control (GTK_WIDGET (window), "Latency");
  requests = inflight_test_find_control (GTK_WIDGET (window), "Requests");
  run = inflight_test_find_control (GTK_WIDGET (window), "Run");
  g_assert_nonnull (latency);
  g_assert_true (GTK_IS_SCALE (latency));
  g_assert_nonnull (run);
  g_assert_null (inflight_test_find_control (GTK_WIDGET (window), "Teleport"));

  /* Lesson 2 shows the Requests slider too; the sliders edit the scenario. */
  g_assert_true (inflight_window_show_lesson (window, 2));
  g_assert_false (inflight_window_show_lesson (window, 42));
  requests = inflight_test_find_control (GTK_WIDGET (window), "Requests");
  g_assert_nonnull (requests);
  latency = inflight_test_find_control (GTK_WIDGET (window), "Latency");
  run = inflight_test_find_control (GTK_WIDGET (window), "Run");
  page = inflight_window_get_page (window);
  scenario = inflight_lesson_page_get_scenario (page);
  gtk_range_set_value (GTK_RANGE (latency), 50);
  gtk_range_set_value (GTK_RANGE (requests), 3);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (scenario), ==, 50);
  g_assert_cmpuint (inflight_scenario_get_requests (scenario), ==, 3);

  /* Run for real: three blocking calls of 50 ms. */
  g_signal_emit_by_name (run, "clicked");
  g_assert_true (inflight_lesson_page_get_running (page));
  g_assert_false (gtk_widget_get_visible (run));
  inflight_test_wait_until_idle (page, 5000);
  g_assert_false (inflight_lesson_page_get_running (page));
  g_assert_true (gtk_widget_get_visible (run));

  /* Stop in the middle: the page is ready again at once. */
  gtk_range_set_value (GTK_RANGE (latency), 1000);
  g_signal_emit_by_name (run, "clicked");
  stop = inflight_test_find_control (GTK_WIDGET (window), "Stop");
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_get_visible (stop));
  g_signal_emit_by_name (stop, "clicked");
  g_assert_false (inflight_lesson_page_get_running (page));
  g_assert_true (gtk_widget_get_visible (run));
  g_assert_false (gtk_widget_get_visible (stop));
  inflight_test_wait_until_idle (page, 1000);

  /* Start another run and switch lessons in the middle: it is stopped cleanly, and its
   * page says so when the learner comes back. */
  g_signal_emit_by_name (run, "clicked");
  g_assert_true (inflight_lesson_page_get_running (page));
  g_assert_true (inflight_window_show_lesson (window, 5));
  g_assert_false (inflight_lesson_page_get_running (page));
  g_assert_cmpuint (inflight_lesson_get_number (inflight_lesson_page_get_lesson (inflight_window_get_page (window))), ==, 5);
  inflight_test_wait_until_idle (page, 1000);
  g_assert_true (inflight_window_show_lesson (window, 2));
  g_assert_true (inflight_window_get_page (window) == page);
  g_assert_nonnull (strstr (inflight_lesson_page_get_result_text (page), "when you left the lesson"));

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);

  g_application_release (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  /* Without a display there is nothing to build: say so rather than pass. */
  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the window on");
      return g_test_run ();
    }

  g_test_add_func ("/window/builds-and-runs", test_window_builds_and_runs);

  return g_test_run ();
}
