/* test-diagram-pane.c
 * The diagram pane under a display, after a real run: the event list's row at the playhead is
 * in sight when the run ends and after every step; the zoom buttons sit beside the drawing,
 * never over it; the trace export writes the run through its file chooser, or says why not;
 * the speed menu is made when it first opens, and its items set the speed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "inflight-diagram-pane.h"
#include "inflight-lesson.h"
#include "inflight-run-panel.h"
#include "inflight-runner.h"
#include "inflight-scenario.h"
#include "inflight-sequence-view.h"
#include "inflight-test-widgets.h"

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

/* The button for @action, or else with @label as its accessible label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) &&
      (action != NULL ? g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 :
                        gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label) == NULL))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Exports @pane's trace to @path and returns what the pane says then. */
static char *
export_trace_to (InflightDiagramPane *pane,
                 const char          *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  inflight_diagram_pane_export_trace (pane, file);
  while (inflight_diagram_pane_get_message (pane) == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  return g_strdup (inflight_diagram_pane_get_message (pane));
}

static JsonArray *
load_events (JsonParser *parser,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "displayTimeUnit"), ==, "ms");

  return json_object_get_array_member (root, "traceEvents");
}

/* The names of the processes in @events, in order, joined by "|". */
static char *
process_names (JsonArray *events)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (e, "name"), "process_name"))
        g_string_append_printf (names, "%s%s", names->len > 0 ? "|" : "",
                                json_object_get_string_member (json_object_get_object_member (e, "args"), "name"));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Export Trace… beside the picture export: off until a run has ended, then a .json file with the
 * run's events; a folder that is not there, an error shown in the pane. */
static void
test_export_trace (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inflight-pane-trace-XXXXXX", &error);
  g_autofree char *written = g_build_filename (dir, "run.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", "run.json", NULL);
  g_autofree char *message = NULL;
  g_autofree char *names = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GtkWidget *button = find_button (GTK_WIDGET (fixture->pane), "diagram.export-trace", NULL);
  JsonArray *events;

  g_assert_no_error (error);
  g_assert_nonnull (button);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Export trace"));
  g_assert_false (gtk_widget_get_sensitive (button));

  g_object_set (scenario, "requests", 4, "latency-ms", 30, "workers", 2, NULL);
  run_live (fixture, scenario);
  g_assert_true (gtk_widget_get_sensitive (button));

  message = export_trace_to (fixture->pane, written);
  g_assert_cmpstr (message, ==, "The trace was exported.");
  events = load_events (parser, written);
  g_assert_cmpuint (json_array_get_length (events), >, 10);
  names = process_names (events);
  g_assert_cmpstr (names, ==, "Run 1");
  g_clear_pointer (&message, g_free);

  g_signal_emit_by_name (find_button (GTK_WIDGET (fixture->pane), NULL, "Dismiss"), "clicked");
  g_assert_null (inflight_diagram_pane_get_message (fixture->pane));
  message = export_trace_to (fixture->pane, missing);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "The trace could not be exported."));

  g_remove (written);
  g_rmdir (dir);
}

/* In a lesson that runs two experiments side by side, one trace holds both runs, in order. */
static void
test_export_trace_of_two_runs (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *titles[] = { "Blocking calls", "Callbacks" };
  const InflightStrategy strategies[] = { INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_CALLBACK };
  InflightRunPanel *panels[2];
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inflight-pane-trace-XXXXXX", &error);
  g_autofree char *written = g_build_filename (dir, "runs.json", NULL);
  g_autofree char *message = NULL;
  g_autofree char *names = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  gtk_window_set_child (fixture->window, box);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(InflightScenario) scenario = inflight_scenario_new (strategies[i]);

      g_object_set (scenario, "requests", 3, "latency-ms", 20, NULL);
      panels[i] = INFLIGHT_RUN_PANEL (inflight_run_panel_new ());
      inflight_run_panel_set_title (panels[i], titles[i]);
      inflight_run_panel_set_scenario (panels[i], scenario);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (panels[i]));
    }
  iterate (100);
  for (guint i = 0; i < 2; i++)
    g_assert_true (inflight_run_panel_run (panels[i]));
  while ((inflight_run_panel_get_running (panels[0]) || inflight_run_panel_get_running (panels[1])) &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  iterate (200);

  message = export_trace_to (inflight_run_panel_get_pane (panels[1]), written);
  g_assert_cmpstr (message, ==, "The trace was exported.");
  names = process_names (load_events (parser, written));
  g_assert_cmpstr (names, ==, "Blocking calls|Callbacks");

  g_remove (written);
  g_rmdir (dir);
}

/* Whether the button for @action is on screen in @pane. */
static gboolean
shows_button (Fixture    *fixture,
              const char *action)
{
  GtkWidget *button = find_button (GTK_WIDGET (fixture->pane), action, NULL);

  return button != NULL && gtk_widget_is_drawable (button);
}

/* Before a run, and again once the diagram is cleared, the pane shows no playback bar, zoom
 * buttons or event list; with a run it shows all three, and the list as its toggle says,
 * whatever the order of toggling and running. */
static void
test_controls_with_a_run (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);
  GtkWidget *list = GTK_WIDGET (fixture->list);

  g_assert_false (shows_button (fixture, "diagram.play-pause"));
  g_assert_false (shows_button (fixture, "diagram.zoom-in"));
  g_assert_false (gtk_widget_is_drawable (list));

  /* Hidden before a run, the list stays hidden for the next one. */
  inflight_diagram_pane_set_show_events (fixture->pane, FALSE);
  iterate (50);
  g_assert_false (gtk_widget_is_drawable (list));

  g_object_set (scenario, "requests", 2, "latency-ms", 20, NULL);
  run_live (fixture, scenario);
  g_assert_true (shows_button (fixture, "diagram.play-pause"));
  g_assert_true (shows_button (fixture, "diagram.zoom-in"));
  g_assert_false (gtk_widget_is_drawable (list));

  inflight_diagram_pane_set_show_events (fixture->pane, TRUE);
  iterate (50);
  g_assert_true (gtk_widget_is_drawable (list));

  inflight_sequence_view_set_trace (fixture->view, NULL);
  iterate (50);
  g_assert_false (shows_button (fixture, "diagram.play-pause"));
  g_assert_false (shows_button (fixture, "diagram.zoom-in"));
  g_assert_false (gtk_widget_is_drawable (list));
}

static void
test_speed_menu (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (inflight_test_find_widget (GTK_WIDGET (fixture->pane), GTK_TYPE_MENU_BUTTON));
  GMenuModel *model, *section;

  /* Not made for the first frame, but when it opens: one section of five speeds. */
  model = inflight_test_open_new_menu (button);
  section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 5);
  g_object_unref (section);

  /* An item's action sets the speed the view plays at. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.speed", "d", 0.5);
  g_assert_cmpfloat (inflight_sequence_view_get_speed (fixture->view), ==, 0.5);
  gtk_menu_button_popdown (button);
  iterate (50);
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
  g_test_add ("/diagram-pane/controls-with-a-run", Fixture, NULL,
              fixture_set_up, test_controls_with_a_run, fixture_tear_down);
  g_test_add ("/diagram-pane/speed-menu", Fixture, NULL,
              fixture_set_up, test_speed_menu, fixture_tear_down);
  g_test_add ("/diagram-pane/export-trace", Fixture, NULL,
              fixture_set_up, test_export_trace, fixture_tear_down);
  g_test_add ("/diagram-pane/export-trace/two-runs", Fixture, NULL,
              fixture_set_up, test_export_trace_of_two_runs, fixture_tear_down);

  return g_test_run ();
}
