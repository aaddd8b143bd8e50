/* test-diagram-pane.c
 * The diagram pane under a display, after a real run: the event list's row at the playhead is
 * in sight when the run ends and after every step; the zoom buttons sit beside the drawing,
 * never over it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-diagram-pane.h"
#include "inflight-lesson.h"
#include "inflight-runner.h"
#include "inflight-scenario.h"
#include "inflight-sequence-view.h"

typedef struct
{
  GtkWindow           *window;
  InflightDiagramPane *pane;
  InflightSequenceView *view;
  GtkListView         *list;
} Fixture;

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 900, 480);
  fixture->pane = INFLIGHT_DIAGRAM_PANE (inflight_diagram_pane_new ());
  fixture->view = inflight_diagram_pane_get_view (fixture->pane);
  fixture->list = inflight_diagram_pane_get_event_list (fixture->pane);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
  iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate (50);
  g_assert_finalize_object (fixture->window);
}

/* Runs @scenario for real, shown live in the pane as the lesson page does, to its end. */
static void
run_live (Fixture          *fixture,
          InflightScenario *scenario)
{
  g_autoptr(InflightRunner) runner = inflight_runner_new (inflight_scenario_get_strategy (scenario));
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(GError) error = NULL;

  /* On the default context, which the pane's frames and the list's updates need meanwhile. */
  inflight_sequence_view_set_trace (fixture->view, trace);
  inflight_runner_run_sync (runner, scenario, trace, NULL, &error);
  g_assert_no_error (error);

  /* A few frames for the list to settle, as a learner would see it. */
  iterate (300);
}

/* The row widget the list made for item @position (selected, if @selected), if it has one. */
static GtkWidget *
find_row (GtkListView *list,
          guint        position,
          gboolean     selected)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_widget_get_first_child (child);
      gboolean is_selected = (gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) != 0;

      /* Rows are recycled: the one wanted shows the item's text, selected or not as it is. */
      if (GTK_IS_LABEL (label) && is_selected == selected &&
          g_str_equal (gtk_label_get_text (GTK_LABEL (label)), gtk_string_object_get_string (item)))
        return child;
    }

  return NULL;
}

/* The playhead's row (or, before the first event, the first row) lies whole within what
 * the list shows. */
static void
assert_playhead_row_in_view (Fixture    *fixture,
                             const char *when)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (fixture->list));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->list));
  guint selected = gtk_single_selection_get_selected (selection);
  double value = gtk_adjustment_get_value (vadjustment);
  double page = gtk_adjustment_get_page_size (vadjustment);
  graphene_rect_t bounds;
  GtkWidget *row;
  double top, bottom;

  g_test_message ("%s: row %u of %u selected; the list shows %.0f..%.0f of %.0f px",
                  when, selected, g_list_model_get_n_items (G_LIST_MODEL (selection)),
                  value, value + page, gtk_adjustment_get_upper (vadjustment));

  row = find_row (fixture->list, selected != GTK_INVALID_LIST_POSITION ? selected : 0,
                  selected != GTK_INVALID_LIST_POSITION);
  if (row == NULL)
    g_error ("%s: the playhead's row is not among the rows the list has", when);
  if (!gtk_widget_get_child_visible (row) || !gtk_widget_compute_bounds (row, GTK_WIDGET (fixture->list), &bounds))
    g_error ("%s: the playhead's row is not shown (the list shows %.0f..%.0f px)", when, value, value + page);

  /* Rows sit where the list is scrolled to: their y is already less the adjustment's value. */
  top = value + bounds.origin.y;
  bottom = top + bounds.size.height;
  if (top < value - 0.5 || bottom > value + page + 0.5)
    g_error ("%s: the playhead's row lies at %.0f..%.0f px, out of the list's view %.0f..%.0f px",
             when, top, bottom, value, value + page);
}

static void
step (Fixture    *fixture,
      const char *action,
      guint       times,
      const char *when)
{
  for (guint i = 0; i < times; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->pane), action, NULL);
      iterate (50);
      assert_playhead_row_in_view (fixture, when);
    }
}

/* The row is the playhead's after each step back and forth, at the start and at the end. */
static void
assert_steps_keep_row_in_view (Fixture *fixture)
{
  step (fixture, "diagram.previous-event", 5, "a step back");
  step (fixture, "diagram.start", 1, "at the start");
  step (fixture, "diagram.next-event", 5, "a step on");
  step (fixture, "diagram.end", 1, "at the end again");
}

static void
assert_end_of_run (Fixture *fixture,
                   guint    min_rows)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (fixture->list));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->list));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (selection));

  /* More rows than the list shows at once, or the test proves nothing. */
  g_assert_cmpuint (n, >=, min_rows);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment) + 100);

  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==,
                   inflight_sequence_view_get_duration (fixture->view));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 1);
  assert_playhead_row_in_view (fixture, "at the end of the run");
}

/* Lessons 5, 6 and 7 as they come: the list grows while the run goes on, and at its end. */
static void
test_lesson_run (Fixture       *fixture,
                 gconstpointer  data)
{
  InflightLesson *lesson = inflight_lessons_find (GPOINTER_TO_UINT (data));
  g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);

  run_live (fixture, scenario);
  assert_end_of_run (fixture, 20);
  assert_steps_keep_row_in_view (fixture);
}

/* A run too quick for the list to catch up while it goes on: every row arrives at its end,
 * into a list that has never been laid out with rows. */
static void
test_quick_run (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_CALLBACK);

  g_object_set (scenario, "requests", 24, "latency-ms", 150, "workers", 64, NULL);
  run_live (fixture, scenario);
  assert_end_of_run (fixture, 60);
  assert_steps_keep_row_in_view (fixture);
}

static void
collect_zoom_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  const char *action = GTK_IS_ACTIONABLE (widget) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;

  if (action != NULL && g_str_has_prefix (action, "diagram.zoom-"))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_zoom_buttons (child, found);
}

/* The three zoom buttons, at a wide and at a narrow width: shown whole inside the pane, named
 * for assistive technologies, and not one pixel of them over the drawing, whose last event
 * they used to cover at the fit zoom. */
static void
test_zoom_buttons_beside_drawing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_CALLBACK);
  const char *labels[] = { "Zoom out", "Zoom in", "Show the whole run" };
  const int widths[] = { 900, 420 };

  g_object_set (scenario, "requests", 6, "latency-ms", 60, "workers", 6, NULL);
  run_live (fixture, scenario);
  g_assert_true (inflight_sequence_view_get_fitted (fixture->view));

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
      graphene_rect_t view_bounds, pane_bounds;

      gtk_window_set_default_size (fixture->window, widths[w], 480);
      iterate (200);
      g_test_message ("pane %d px wide", gtk_widget_get_width (GTK_WIDGET (fixture->pane)));

      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fixture->view), GTK_WIDGET (fixture->pane), &view_bounds));
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (fixture->pane), GTK_WIDGET (fixture->pane), &pane_bounds));
      g_assert_cmpfloat (view_bounds.size.width, >, 0);
      g_assert_cmpfloat (view_bounds.size.height, >, 0);

      collect_zoom_buttons (GTK_WIDGET (fixture->pane), buttons);
      g_assert_cmpuint (buttons->len, ==, G_N_ELEMENTS (labels));

      for (guint i = 0; i < buttons->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (buttons, i);
          graphene_rect_t bounds;

          g_assert_true (gtk_widget_get_mapped (button));
          g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i]));
          g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (fixture->pane), &bounds));
          g_assert_cmpfloat (bounds.size.width, >=, 16);
          g_assert_true (graphene_rect_contains_rect (&pane_bounds, &bounds));
          g_assert_false (graphene_rect_intersection (&view_bounds, &bounds, NULL));
        }
    }
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
      g_test_skip ("No display to build the widgets on");
      return g_test_run ();
    }

  g_test_add ("/diagram-pane/playhead-row-in-view/lesson-5", Fixture, GUINT_TO_POINTER (5),
              fixture_set_up, test_lesson_run, fixture_tear_down);
  g_test_add ("/diagram-pane/playhead-row-in-view/lesson-6", Fixture, GUINT_TO_POINTER (6),
              fixture_set_up, test_lesson_run, fixture_tear_down);
  g_test_add ("/diagram-pane/playhead-row-in-view/lesson-7", Fixture, GUINT_TO_POINTER (7),
              fixture_set_up, test_lesson_run, fixture_tear_down);
  g_test_add ("/diagram-pane/playhead-row-in-view/quick-run", Fixture, NULL,
              fixture_set_up, test_quick_run, fixture_tear_down);
  g_test_add ("/diagram-pane/zoom-buttons-beside-drawing", Fixture, NULL,
              fixture_set_up, test_zoom_buttons_beside_drawing, fixture_tear_down);

  return g_test_run ();
}
