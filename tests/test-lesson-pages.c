/* test-lesson-pages.c
 * Every lesson's page builds with the controls it needs, named for screen readers; Next walks
 * the course; the freeze is measured from the window's own frames; sorting and the summary work.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "inflight-application.h"
#include "inflight-chart-view.h"
#include "inflight-format.h"
#include "inflight-lesson-page.h"
#include "inflight-model.h"
#include "inflight-question-view.h"
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
  { INFLIGHT_CONTROL_AWAIT, "Work before awaiting" },
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
      InflightLessonKind kind = inflight_lesson_get_experiment (lesson);
      gboolean runs = kind != INFLIGHT_LESSON_KIND_SORT && kind != INFLIGHT_LESSON_KIND_SUMMARY;
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

static guint
count_question_views (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += INFLIGHT_IS_QUESTION_VIEW (child) ? 1 : count_question_views (child);

  return n;
}

/* A lesson's page paints its text and controls first and adds its questions after that frame:
 * none before it, all of them once it is painted. */
static void
test_questions_after_first_frame (InflightApplication *app)
{
  InflightWindow *window = inflight_window_new (app);
  GtkWidget *page;
  guint expected;

  g_object_ref_sink (window);
  g_assert_true (inflight_window_show_lesson (window, 2));
  page = GTK_WIDGET (inflight_window_get_page (window));
  expected = inflight_lesson_get_n_questions (inflight_lesson_page_get_lesson (INFLIGHT_LESSON_PAGE (page)));
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (count_question_views (page), ==, 0);

  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 200 && count_question_views (page) == 0; i++)
    inflight_test_iterate_for (10);
  g_assert_cmpuint (count_question_views (page), ==, expected);

  /* Another lesson's page does the same, and once only: a frame later there are as many
   * questions as the lesson has, not twice as many. */
  g_assert_true (inflight_window_show_lesson (window, 7));
  page = GTK_WIDGET (inflight_window_get_page (window));
  expected = inflight_lesson_get_n_questions (inflight_lesson_page_get_lesson (INFLIGHT_LESSON_PAGE (page)));
  for (guint i = 0; i < 200 && count_question_views (page) == 0; i++)
    inflight_test_iterate_for (10);
  inflight_test_iterate_for (100);
  g_assert_cmpuint (count_question_views (page), ==, expected);

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

/* The label under @root that reads @text, if there is one. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_str_equal (gtk_label_get_text (GTK_LABEL (root)), text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_run_compare_and_summary (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  InflightProgress *progress = inflight_application_get_progress (app);
  InflightResult result;
  GtkWidget *measured;

  inflight_progress_reset (progress);
  g_assert_true (inflight_window_show_lesson (window, 11));
  page = inflight_window_get_page (window);

  /* Before a run the result card's first line is a quiet placeholder, not a headline. */
  measured = find_label (GTK_WIDGET (page), "Not run yet");
  g_assert_nonnull (measured);
  g_assert_true (gtk_widget_has_css_class (measured, "dim-label"));
  g_assert_false (gtk_widget_has_css_class (measured, "title-4"));

  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 20);
  g_assert_nonnull (inflight_lesson_page_get_comparison (page));
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_lesson_page_get_comparison (page)), ==, 20);

  /* Both runs at once, side by side. */
  inflight_lesson_page_run (page);
  g_assert_true (inflight_run_panel_get_running (inflight_lesson_page_get_panel (page, 0)));
  g_assert_true (inflight_run_panel_get_running (inflight_lesson_page_get_panel (page, 1)));
  inflight_test_wait_until_idle (page, 20000);
  g_assert_nonnull (strstr (inflight_lesson_page_get_result_text (page), "Measured"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (measured)), ==, inflight_lesson_page_get_result_text (page));
  g_assert_true (gtk_widget_has_css_class (measured, "title-4"));
  g_assert_false (gtk_widget_has_css_class (measured, "dim-label"));
  g_assert_true (inflight_progress_get_result (progress, 11, &result));

  /* Computing sends no requests: no count of replies is given for it, only for the waits. */
  g_test_message ("%s", inflight_lesson_page_get_detail_text (page));
  g_assert_null (strstr (inflight_lesson_page_get_detail_text (page), "Computing: threads:"));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "Waiting: one thread: 8 of 8 replies in."));
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

static const char *find_label_text (GtkWidget  *root,
                                    const char *prefix);

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

  /* The check names what decided it, and agrees with the card. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    const char *measured;

    while ((measured = find_label_text (GTK_WIDGET (window), "Measured:")) == NULL &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (measured);
    g_assert_nonnull (strstr (measured, cards[0].asynchronous ? "The runs say: asynchronous."
                                                              : "The runs say: synchronous."));
  }

  close_window (window);
}

/* The first label under @root whose text starts with @prefix, on screen or not. */
static const char *
find_label_text (GtkWidget  *root,
                 const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return gtk_label_get_text (GTK_LABEL (child));
      found = find_label_text (child, prefix);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static InflightLessonPage *
open_lesson (InflightWindow *window,
             guint           number)
{
  g_assert_true (inflight_window_show_lesson (window, number));
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  return inflight_window_get_page (window);
}

static char *
theory_of (InflightScenario *scenario)
{
  g_autofree char *total = inflight_format_duration (inflight_model_predict_total (scenario));

  return g_strdup_printf ("Theory: %s", total);
}

/* Defect 1: a slider moved during a run, or after it, never changes the figures beside the
 * run's measurement: counts, theory and guess are the run's, and a note names its values. */
static void
test_result_belongs_to_its_run (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  InflightScenario *ran;
  g_autofree char *theory = NULL;

  inflight_progress_reset (inflight_application_get_progress (app));

  /* Lesson 9: eight requests, Requests dragged to 2 during the run. */
  page = open_lesson (window, 9);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 40);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 8);
  inflight_lesson_page_run (page);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 2);
  inflight_test_wait_until_idle (page, 10000);

  g_test_message ("lesson 9: %s | %s | %s", inflight_lesson_page_get_result_text (page),
                  inflight_lesson_page_get_theory_text (page), inflight_lesson_page_get_detail_text (page));
  ran = inflight_run_panel_get_ran (inflight_lesson_page_get_panel (page, 0));
  g_assert_nonnull (ran);
  g_assert_cmpuint (inflight_scenario_get_requests (ran), ==, 8);
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "Through a queue: 8 of 8 replies in."));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "Direct calls: 8 of 8 replies in."));
  g_assert_null (strstr (inflight_lesson_page_get_detail_text (page), "of 2 "));
  g_assert_nonnull (inflight_lesson_page_get_stale_text (page));
  g_assert_nonnull (strstr (inflight_lesson_page_get_stale_text (page), "Requests 8"));

  /* Lesson 1: Latency 300 ms, then 200 during the run. */
  page = open_lesson (window, 1);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 300);
  inflight_lesson_page_run (page);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 200);
  inflight_test_wait_until_idle (page, 10000);
  ran = inflight_run_panel_get_ran (inflight_lesson_page_get_panel (page, 0));
  g_assert_cmpuint (inflight_scenario_get_latency_ms (ran), ==, 300);
  theory = theory_of (ran);
  g_assert_cmpstr (inflight_lesson_page_get_theory_text (page), ==, theory);
  g_assert_nonnull (strstr (inflight_lesson_page_get_stale_text (page), "Latency 300 ms"));

  /* Sliders put back to the run's values: nothing to say. */
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 300);
  g_assert_null (inflight_lesson_page_get_stale_text (page));

  close_window (window);
}

/* Defect 2: leaving a lesson and coming back finds it as it was. */
static void
test_lesson_keeps_its_run (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  g_autofree char *result = NULL;
  g_autofree char *detail = NULL;
  InflightTrace *trace;

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 2);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 3);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 30);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  result = g_strdup (inflight_lesson_page_get_result_text (page));
  detail = g_strdup (inflight_lesson_page_get_detail_text (page));
  trace = inflight_run_panel_get_trace (inflight_lesson_page_get_panel (page, 0));
  g_assert_nonnull (trace);
  g_assert_true (g_str_has_prefix (result, "Measured"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
  g_assert_true (inflight_window_get_page (window) != page);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-lesson", NULL);

  g_assert_true (inflight_window_get_page (window) == page);
  g_assert_cmpstr (inflight_lesson_page_get_result_text (page), ==, result);
  g_assert_cmpstr (inflight_lesson_page_get_detail_text (page), ==, detail);
  g_assert_cmpuint (inflight_scenario_get_requests (inflight_lesson_page_get_scenario (page)), ==, 3);
  g_assert_true (inflight_run_panel_get_trace (inflight_lesson_page_get_panel (page, 0)) == trace);
  g_assert_true (inflight_sequence_view_get_trace (inflight_diagram_pane_get_view (
                   inflight_run_panel_get_pane (inflight_lesson_page_get_panel (page, 0)))) == trace);

  close_window (window);
}

/* Defect 2, across restarts: the sliders and the last result come back with the progress. */
static void
test_kept_across_restarts (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  g_autofree char *result = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(InflightProgress) progress = NULL;
  InflightLessonPage *fresh;
  g_autoptr(InflightLesson) lesson = inflight_lessons_find (2);

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 2);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 2);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 30);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  result = g_strdup (inflight_lesson_page_get_result_text (page));
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 4);
  close_window (window);

  /* A new start reads the progress afresh from its settings. */
  settings = g_settings_new ("io.github.inflight.Inflight");
  progress = inflight_progress_new (settings);
  fresh = INFLIGHT_LESSON_PAGE (g_object_ref_sink (inflight_lesson_page_new ()));
  inflight_lesson_page_set_progress (fresh, progress);
  inflight_lesson_page_set_lesson (fresh, lesson);
  g_assert_cmpuint (inflight_scenario_get_requests (inflight_lesson_page_get_scenario (fresh)), ==, 4);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_lesson_page_get_scenario (fresh)), ==, 30);
  g_assert_cmpstr (inflight_lesson_page_get_result_text (fresh), ==, result);
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (fresh), "2 of 2 replies in."));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (fresh), "last session"));
  g_assert_nonnull (strstr (inflight_lesson_page_get_stale_text (fresh), "Requests 2"));

  /* Damaged values cost nothing: what can be read is read, the rest left as it is. */
  g_assert_cmpuint (inflight_lesson_page_apply_values (inflight_lesson_page_get_scenario (fresh),
                                                       "requests=7;latency-ms=-5;workers=999;nonsense;=3;jitter-pct=abc"),
                    ==, 1);
  g_assert_cmpuint (inflight_scenario_get_requests (inflight_lesson_page_get_scenario (fresh)), ==, 7);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_lesson_page_get_scenario (fresh)), ==, 30);

  g_assert_finalize_object (fresh);
}

/* Defect 5: every card can be sorted, and every answer is kept, with no critical. */
static void
test_every_card_sorted (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightProgress *progress = inflight_application_get_progress (app);
  guint n_cards;
  const InflightSortCard *cards = inflight_lessons_get_sort_cards (&n_cards);

  inflight_progress_reset (progress);
  open_lesson (window, 12);
  g_assert_cmpuint (n_cards, >, 5);
  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s: %s", cards[i].asynchronous ? "Asynchronous" : "Synchronous",
                                               cards[i].title);
      GtkWidget *choice = inflight_test_find_control (GTK_WIDGET (window), name);

      g_assert_nonnull (choice);
      g_signal_emit_by_name (choice, "clicked");
      g_assert_cmpint (inflight_progress_get_choice (progress, 12, cards[i].title), ==, cards[i].asynchronous);
    }
  g_assert_true (inflight_progress_is_completed (progress, 12));

  close_window (window);
}

/* Defect 10: a sorted card shows the choice made. */
static void
test_sorted_card_shows_choice (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  guint n_cards;
  const InflightSortCard *cards = inflight_lessons_get_sort_cards (&n_cards);
  g_autofree char *wrong = g_strdup_printf ("%s: %s", cards[0].asynchronous ? "Synchronous" : "Asynchronous",
                                            cards[0].title);
  GtkWidget *choice;

  inflight_progress_reset (inflight_application_get_progress (app));
  open_lesson (window, 12);
  choice = inflight_test_find_control (GTK_WIDGET (window), wrong);
  g_signal_emit_by_name (choice, "clicked");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (choice));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (choice)));
  g_assert_nonnull (find_label_text (GTK_WIDGET (window), cards[0].asynchronous ? "You chose synchronous"
                                                                                : "You chose asynchronous"));

  close_window (window);
}

/* Defect 6: the summary counts what the sidebar ticks, itself included. */
static void
test_summary_counts_the_ticks (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightProgress *progress = inflight_application_get_progress (app);
  InflightLessonPage *page;
  g_autofree char *expected = NULL;

  inflight_progress_reset (progress);
  page = open_lesson (window, 1);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 20);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 5000);
  g_assert_true (inflight_progress_is_completed (progress, 1));

  page = open_lesson (window, 13);
  g_assert_true (inflight_progress_is_completed (progress, 13));
  g_assert_cmpuint (inflight_progress_count_completed (progress), ==, 2);
  expected = g_strdup_printf ("Lessons completed: %u of 13", inflight_progress_count_completed (progress));
  g_test_message ("summary: %s", find_label_text (GTK_WIDGET (page), "Lessons completed"));
  g_assert_true (g_str_has_prefix (find_label_text (GTK_WIDGET (page), "Lessons completed"), expected));

  /* A lesson completed while the summary is open is counted there at once. */
  inflight_progress_mark_completed (progress, 5);
  g_assert_true (g_str_has_prefix (find_label_text (GTK_WIDGET (page), "Lessons completed"), "Lessons completed: 3 of 13"));

  close_window (window);
}

/* Defect 8: the freeze is one figure, and the warning says what the cap does. */
static void
test_freeze_figures_agree (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  InflightMetrics metrics;
  g_autofree char *headline = NULL;
  const char *warning;

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 3);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 2);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 100);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  inflight_test_iterate_for (500);

  g_assert_true (inflight_run_panel_get_result (inflight_lesson_page_get_panel (page, 0), &metrics, NULL));
  /* The calls' share is the heartbeat's figure; the headline, taken from the frames, holds it.
   * (The frame gap is read again here only as a bound: frames may lag later on a busy machine.) */
  headline = inflight_format_duration (metrics.longest_freeze);
  g_test_message ("%s | %s", inflight_lesson_page_get_result_text (page), inflight_lesson_page_get_detail_text (page));
  g_assert_true (g_str_has_prefix (inflight_lesson_page_get_result_text (page), "The window froze for "));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), headline));
  g_assert_cmpint (metrics.longest_freeze, <=, MAX (inflight_lesson_page_get_frame_gap (page), metrics.longest_freeze));
  g_assert_null (strstr (inflight_lesson_page_get_detail_text (page), " went by"));

  /* The warning warns, but leaves the freeze's length for the learner to guess. */
  {
    g_autofree char *predicted = inflight_format_duration (inflight_model_predict_total (inflight_lesson_page_get_scenario (page)));

    warning = find_label_text (GTK_WIDGET (page), "Careful");
    g_test_message ("%s", warning);
    g_assert_null (strstr (warning, predicted));
  }

  /* At the sliders' maxima the three-second cap ends the freeze: the warning says so. */
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 32);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 2000);
  warning = find_label_text (GTK_WIDGET (page), "Careful");
  g_test_message ("%s", warning);
  g_assert_null (strstr (warning, "until the calls are done"));
  g_assert_nonnull (strstr (warning, "about 1 of the 32 calls"));

  close_window (window);
}

/* Defect 8: stopping two runs counts each run's replies, not the first's for both. */
static void
test_compare_stop_counts_each_run (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  InflightMetrics metrics;
  const char *detail;

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 8);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 6);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 200);
  inflight_lesson_page_run (page);

  /* The asynchronous run is done long before the blocking one: stop then. */
  while (inflight_run_panel_get_running (inflight_lesson_page_get_panel (page, 1)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (inflight_run_panel_get_running (inflight_lesson_page_get_panel (page, 0)));
  inflight_lesson_page_stop (page);
  for (gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !inflight_run_panel_get_result (inflight_lesson_page_get_panel (page, 0), &metrics, NULL) &&
       g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);

  detail = inflight_lesson_page_get_detail_text (page);
  g_test_message ("%s", detail);
  g_assert_nonnull (strstr (detail, ": 6 of 6 replies in."));
  g_assert_null (strstr (detail, ": 6 of 6 replies in. Blocking"));

  close_window (window);
}

/* Defect 8: the guess goes as far as theory does, and Reset Progress leaves the lesson on
 * screen visited. */
static void
test_guess_and_reset_progress (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightProgress *progress = inflight_application_get_progress (app);
  InflightLessonPage *page;
  GtkWidget *guess;
  GtkWidget *dialog = NULL;
  GListModel *toplevels;

  inflight_progress_reset (progress);
  page = open_lesson (window, 2);
  /* Every slider at its right end. */
  for (guint i = 0; i < 2; i++)
    {
      GtkRange *slider = GTK_RANGE (inflight_test_find_control (GTK_WIDGET (page), i == 0 ? "Requests" : "Latency"));

      gtk_range_set_value (slider, gtk_adjustment_get_upper (gtk_range_get_adjustment (slider)));
    }
  guess = inflight_test_find_control (GTK_WIDGET (page), "Your guess");
  g_assert_nonnull (guess);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (guess), 1e9);
  g_test_message ("guess at most %g s", gtk_spin_button_get_value (GTK_SPIN_BUTTON (guess)));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (guess)) * G_USEC_PER_SEC, >=,
                     (double) inflight_model_predict_total (inflight_lesson_page_get_scenario (page)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-progress", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_DIALOG (toplevel))
        dialog = toplevel;
    }
  g_assert_nonnull (dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (inflight_progress_is_visited (progress, 2));
  g_assert_cmpuint (shown_lesson (window), ==, 2);
  page = inflight_window_get_page (window);
  g_assert_cmpuint (inflight_scenario_get_requests (inflight_lesson_page_get_scenario (page)), ==, 5);

  close_window (window);
}

/* Defect 9: with the workers down, a run that waits for them says why. */
static void
test_workers_down_says_why (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  GtkWidget *down;

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 9);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 30);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 3);
  down = inflight_test_find_control (GTK_WIDGET (page), "Take the workers down");
  g_assert_nonnull (down);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (down), TRUE);
  inflight_lesson_page_run (page);
  inflight_test_iterate_for (300);
  g_assert_true (inflight_lesson_page_get_running (page));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "The workers are down"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (down), FALSE);
  inflight_test_wait_until_idle (page, 10000);
  g_assert_false (inflight_lesson_page_get_running (page));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "Through a queue: 3 of 3 replies in."));

  close_window (window);
}

/* Lesson 9's caller taken down by hand during a run: the queue's caller gets every reply once
 * it is back; the direct caller loses the reply it had coming, and the figures say so. */
static void
test_caller_down_by_hand (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  GtkWidget *down;
  const char *detail;

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 9);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 100);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 5);
  down = inflight_test_find_control (GTK_WIDGET (page), "Take the caller down");
  g_assert_nonnull (down);
  g_assert_true (gtk_widget_get_visible (down));

  inflight_lesson_page_run (page);
  inflight_test_iterate_for (150);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (down), TRUE);
  inflight_test_iterate_for (300);
  g_assert_true (inflight_lesson_page_get_running (page));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "The caller is down"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (down), FALSE);
  inflight_test_wait_until_idle (page, 10000);
  g_assert_false (inflight_lesson_page_get_running (page));
  detail = inflight_lesson_page_get_detail_text (page);
  g_test_message ("%s", detail);
  g_assert_nonnull (strstr (detail, "Through a queue: 5 of 5 replies in."));
  g_assert_nonnull (strstr (detail, "Direct calls: 5 of 5 replies in. 1 more was lost."));

  close_window (window);
}

/* Defect 10: the diagram's speed and play keys work with the focus anywhere in the window. */
static void
test_diagram_keys_from_anywhere (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page = open_lesson (window, 2);
  InflightSequenceView *view =
    inflight_diagram_pane_get_view (inflight_run_panel_get_pane (inflight_lesson_page_get_panel (page, 0)));
  double speed = inflight_sequence_view_get_speed (view);

  gtk_widget_grab_focus (inflight_test_find_control (GTK_WIDGET (page), "Requests"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.diagram-faster", NULL));
  g_assert_cmpfloat (inflight_sequence_view_get_speed (view), >, speed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.diagram-slower", NULL));
  g_assert_cmpfloat (inflight_sequence_view_get_speed (view), ==, speed);

  close_window (window);
}

typedef struct
{
  char   *window;
  int     x, y;
} Click;

/* Clicks while the test's own thread is frozen, as a learner would, through the X server. */
static gpointer
click_during_freeze (gpointer data)
{
  Click *click = data;
  g_autofree char *x = g_strdup_printf ("%d", click->x);
  g_autofree char *y = g_strdup_printf ("%d", click->y);
  const char *argv[] = { "xdotool", "mousemove", "--window", click->window, x, y, "click", "1", NULL };

  g_usleep (250 * 1000);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  return NULL;
}

/* Defect 3: a click on another lesson made during the freeze does not take the learner away
 * from the freeze's report; the report says the click was held back. */
static void
test_freeze_holds_queued_clicks (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkWidget *row = NULL;
  graphene_rect_t bounds;
  double dx, dy;
  Click click = { 0 };
  GThread *thread;

#ifdef GDK_WINDOWING_X11
  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
#endif
    {
      close_window (window);
      g_test_skip ("Needs xdotool and an X display to click during the freeze");
      return;
    }

  inflight_progress_reset (inflight_application_get_progress (app));
  page = open_lesson (window, 3);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 2);
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 500);

  /* Lesson 5's row in the sidebar, in the window's own coordinates. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (inflight_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX)), 4));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_compute_bounds (row, GTK_WIDGET (window), &bounds));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
#ifdef GDK_WINDOWING_X11
  click.window = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  click.x = (int) (dx + bounds.origin.x + bounds.size.width / 2);
  click.y = (int) (dy + bounds.origin.y + bounds.size.height / 2);
#endif

  thread = g_thread_new ("click", click_during_freeze, &click);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  g_thread_join (thread);
  inflight_test_iterate_for (800);

  g_test_message ("%s | %s", inflight_lesson_page_get_result_text (page), inflight_lesson_page_get_detail_text (page));
  g_assert_cmpuint (shown_lesson (window), ==, 3);
  g_assert_nonnull (strstr (inflight_lesson_page_get_result_text (page), "froze"));
  g_assert_nonnull (strstr (inflight_lesson_page_get_detail_text (page), "during the freeze"));

  g_free (click.window);
  close_window (window);
}

/* Presses @keys through the X server into @window, as the learner's keyboard would. */
static gboolean
press_keys (InflightWindow *window,
            const char     *keys)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  gboolean ok;

  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    return FALSE;

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, "key", "--clearmodifiers", keys, NULL };

    ok = g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, NULL, NULL);
  }
  inflight_test_iterate_for (300);
  return ok;
#else
  return FALSE;
#endif
}

/* Defect 4: Tab leaves the list of lessons for the page, Shift+Tab for the header bar; neither
 * opens another lesson. */
static void
test_tab_leaves_the_sidebar (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page = open_lesson (window, 7);
  GtkListBox *sidebar = GTK_LIST_BOX (inflight_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX));
  GtkWidget *focus;

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar)));
  if (!press_keys (window, "Tab"))
    {
      close_window (window);
      g_test_skip ("Needs xdotool and an X display to press keys");
      return;
    }

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_test_message ("after Tab: lesson %u, focus on a %s", shown_lesson (window),
                  focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  g_assert_cmpuint (shown_lesson (window), ==, 7);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (page)));

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar)));
  press_keys (window, "shift+Tab");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_cmpuint (shown_lesson (window), ==, 7);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, gtk_window_get_titlebar (GTK_WINDOW (window))));

  /* The arrow keys still move through the lessons. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar)));
  press_keys (window, "Down");
  g_assert_cmpuint (shown_lesson (window), ==, 8);

  close_window (window);
}

/* Defect 2: a histogram being filled in when the learner leaves goes on, and is there on return. */
static void
test_sweep_goes_on_in_the_background (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page = open_lesson (window, 10);
  InflightChartView *chart;
  InflightSweep *sweep;

  inflight_progress_reset (inflight_application_get_progress (app));
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 20);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  chart = INFLIGHT_CHART_VIEW (inflight_test_find_widget (GTK_WIDGET (page), INFLIGHT_TYPE_CHART_VIEW));
  sweep = inflight_chart_view_get_sweep (chart);
  g_assert_nonnull (sweep);
  g_assert_true (inflight_sweep_get_running (sweep));

  /* Its values are the run's, whatever the sliders say by now. */
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 90);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_sweep_get_scenario (sweep)), ==, 20);

  open_lesson (window, 11);
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       inflight_sweep_get_running (sweep) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (inflight_sweep_get_running (sweep));

  g_assert_true (open_lesson (window, 10) == page);
  g_assert_true (inflight_chart_view_get_sweep (chart) == sweep);
  g_assert_cmpuint (inflight_sweep_get_n_points (sweep), >, 0);

  close_window (window);
}

/* Lesson 8's chart runs past the point where every request has a worker, and shows the same
 * runs as throughput at the flick of a switch; lesson 10's histogram has no such switch. */
static void
test_sweep_shows_throughput (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightLessonPage *page = open_lesson (window, 8);
  InflightChartView *chart;
  InflightSweep *sweep;
  GtkWidget *throughput;

  inflight_progress_reset (inflight_application_get_progress (app));
  inflight_scenario_set_latency_ms (inflight_lesson_page_get_scenario (page), 10);
  inflight_scenario_set_requests (inflight_lesson_page_get_scenario (page), 4);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  chart = INFLIGHT_CHART_VIEW (inflight_test_find_widget (GTK_WIDGET (page), INFLIGHT_TYPE_CHART_VIEW));
  sweep = inflight_chart_view_get_sweep (chart);
  g_assert_nonnull (sweep);
  g_assert_cmpuint (inflight_sweep_get_x_to (sweep), ==, 16);

  throughput = inflight_test_find_control (GTK_WIDGET (page), "Throughput");
  g_assert_nonnull (throughput);
  g_assert_true (gtk_widget_is_visible (throughput));
  g_assert_false (inflight_chart_view_get_throughput (chart));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (throughput), TRUE);
  g_assert_true (inflight_chart_view_get_throughput (chart));

  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       inflight_sweep_get_running (sweep) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (inflight_chart_view_get_summary (chart), "16 workers: "));
  g_assert_nonnull (strstr (inflight_chart_view_get_summary (chart), "replies a second"));

  page = open_lesson (window, 10);
  inflight_lesson_page_run (page);
  inflight_test_wait_until_idle (page, 10000);
  throughput = inflight_test_find_control (GTK_WIDGET (page), "Throughput");
  g_assert_true (throughput == NULL || !gtk_widget_is_visible (throughput));
  inflight_lesson_page_stop (page);

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
  g_test_add_data_func ("/lesson-pages/questions-after-first-frame", app, (GTestDataFunc) test_questions_after_first_frame);
  g_test_add_data_func ("/lesson-pages/freeze-is-measured", app, (GTestDataFunc) test_freeze_is_measured);
  g_test_add_data_func ("/lesson-pages/compare-and-summary", app, (GTestDataFunc) test_run_compare_and_summary);
  g_test_add_data_func ("/lesson-pages/sorting", app, (GTestDataFunc) test_sorting);
  g_test_add_data_func ("/lesson-pages/result-belongs-to-its-run", app, (GTestDataFunc) test_result_belongs_to_its_run);
  g_test_add_data_func ("/lesson-pages/lesson-keeps-its-run", app, (GTestDataFunc) test_lesson_keeps_its_run);
  g_test_add_data_func ("/lesson-pages/kept-across-restarts", app, (GTestDataFunc) test_kept_across_restarts);
  g_test_add_data_func ("/lesson-pages/every-card-sorted", app, (GTestDataFunc) test_every_card_sorted);
  g_test_add_data_func ("/lesson-pages/sorted-card-shows-choice", app, (GTestDataFunc) test_sorted_card_shows_choice);
  g_test_add_data_func ("/lesson-pages/summary-counts-the-ticks", app, (GTestDataFunc) test_summary_counts_the_ticks);
  g_test_add_data_func ("/lesson-pages/freeze-figures-agree", app, (GTestDataFunc) test_freeze_figures_agree);
  g_test_add_data_func ("/lesson-pages/compare-stop-counts-each-run", app, (GTestDataFunc) test_compare_stop_counts_each_run);
  g_test_add_data_func ("/lesson-pages/guess-and-reset-progress", app, (GTestDataFunc) test_guess_and_reset_progress);
  g_test_add_data_func ("/lesson-pages/workers-down-says-why", app, (GTestDataFunc) test_workers_down_says_why);
  g_test_add_data_func ("/lesson-pages/caller-down-by-hand", app, (GTestDataFunc) test_caller_down_by_hand);
  g_test_add_data_func ("/lesson-pages/diagram-keys-from-anywhere", app, (GTestDataFunc) test_diagram_keys_from_anywhere);
  g_test_add_data_func ("/lesson-pages/freeze-holds-queued-clicks", app, (GTestDataFunc) test_freeze_holds_queued_clicks);
  g_test_add_data_func ("/lesson-pages/tab-leaves-the-sidebar", app, (GTestDataFunc) test_tab_leaves_the_sidebar);
  g_test_add_data_func ("/lesson-pages/sweep-goes-on-in-the-background", app, (GTestDataFunc) test_sweep_goes_on_in_the_background);
  g_test_add_data_func ("/lesson-pages/sweep-shows-throughput", app, (GTestDataFunc) test_sweep_shows_throughput);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));

  return status;
}
