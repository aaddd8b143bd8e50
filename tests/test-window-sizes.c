/* test-window-sizes.c
 * Every lesson, and the playground, fits the two most common small screens, 800×600 and 1366×768:
 * the window keeps the size it was given whatever is shown, and no control or diagram lies outside
 * it (the playground's are lesson 102 and 104 in a report: two panes and four).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-sequence-view.h"
#include "inflight-test-widgets.h"
#include "inflight-window.h"

static const struct
{
  int width;
  int height;
} sizes[] = {
  { 800, 600 },
  { 1366, 768 },
};

static InflightApplication *app;

static gboolean
is_checked (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_RANGE (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         INFLIGHT_IS_SEQUENCE_VIEW (widget);
}

/* Walks what is on screen under @widget; @scrolled: inside a scrolled window, which may
 * scroll its content out of sight vertically but must never need to sideways. */
static void
check_inside (GtkWidget  *window,
              GtkWidget  *widget,
              gboolean    scrolled,
              guint       lesson,
              GString    *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child) || !gtk_widget_get_mapped (child))
        continue;

      if (is_checked (child) && gtk_widget_compute_bounds (child, window, &bounds))
        {
          double right = bounds.origin.x + bounds.size.width;
          double bottom = bounds.origin.y + bounds.size.height;
          int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

          if (bounds.size.width < 1 || bounds.origin.x < -0.5 || right > width + 0.5 ||
              (!scrolled && (bounds.origin.y < -0.5 || bottom > height + 0.5)))
            g_string_append_printf (problems, "lesson %u: a %s at %.0f,%.0f %.0f×%.0f is outside the %d×%d window\n",
                                    lesson, G_OBJECT_TYPE_NAME (child), bounds.origin.x, bounds.origin.y,
                                    bounds.size.width, bounds.size.height, width, height);
        }

      check_inside (window, child, scrolled || GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_VIEWPORT (child) ||
                                   GTK_IS_LIST_VIEW (child), lesson, problems);
    }
}

/* With INFLIGHT_SIZES_DEBUG set, the minimum width of each widget down the tree. */
static void
print_minimums (GtkWidget *widget,
                guint      depth)
{
  int minimum, natural;

  if (!gtk_widget_get_visible (widget) || depth > 14)
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  if (minimum >= 150)
    g_printerr ("%*s%s %s: %d (%d)\n", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                gtk_widget_get_name (widget), minimum, natural);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    print_minimums (child, depth + 1);
}

static void
test_every_lesson_fits (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  int width = sizes[which].width, height = sizes[which].height;
  GdkDisplay *display = gdk_display_get_default ();
  GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  GdkRectangle geometry;
  g_autoptr(GString) problems = g_string_new (NULL);
  InflightWindow *window;
  int first_width, first_height;

  gdk_monitor_get_geometry (monitor, &geometry);
  g_object_unref (monitor);
  if (geometry.width < width || geometry.height < height)
    {
      g_autofree char *why = g_strdup_printf ("The screen is %d×%d, too small for a %d×%d window",
                                              geometry.width, geometry.height, width, height);
      g_test_skip (why);
      return;
    }

  window = inflight_window_new (app);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (500);

  /* The window's own size, less the frame a window draws around itself without a window manager. */
  first_width = gtk_widget_get_width (GTK_WIDGET (window));
  first_height = gtk_widget_get_height (GTK_WIDGET (window));
  g_test_message ("%d×%d asked: the window is %d×%d", width, height, first_width, first_height);
  g_assert_cmpint (first_width, <=, width);
  g_assert_cmpint (first_width, >=, width - 20);
  g_assert_cmpint (first_height, <=, height);
  g_assert_cmpint (first_height, >=, height - 20);

  /* Each lesson, with the list of lessons as the window chose it, then the other way. */
  for (guint step = 0; step < 26; step++)
    {
      guint number = step % 13 + 1;
      int shown_width, shown_height;

      if (step == 13)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
      g_assert_true (inflight_window_show_lesson (window, number));
      inflight_test_iterate_for (250);

      shown_width = gtk_widget_get_width (GTK_WIDGET (window));
      shown_height = gtk_widget_get_height (GTK_WIDGET (window));
      g_test_message ("%d×%d, lesson %u: the window is %d×%d", width, height, number, shown_width, shown_height);
      if (shown_width != first_width || shown_height != first_height)
        g_string_append_printf (problems, "lesson %u: the window became %d×%d\n", number, shown_width, shown_height);

      check_inside (GTK_WIDGET (window), GTK_WIDGET (window), FALSE, number, problems);
      if (g_getenv ("INFLIGHT_SIZES_DEBUG") != NULL && (number == 4 || number == 2))
        print_minimums (GTK_WIDGET (window), 0);
    }

  /* The playground, with the list of lessons as the window chooses it, with two runs and four,
   * run: its settings and runs scroll, never sideways, and the window keeps its size. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  {
    InflightPlayground *playground = inflight_window_show_playground (window);
    g_autoptr(InflightExperiment) two = inflight_experiment_new ();
    g_autoptr(InflightScenario) queue = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);

    inflight_scenario_set_requests (inflight_experiment_get_scenario (two, 0), 3);
    inflight_scenario_set_latency_ms (inflight_experiment_get_scenario (two, 0), 20);
    inflight_scenario_set_requests (queue, 3);
    inflight_scenario_set_latency_ms (queue, 20);
    inflight_experiment_add_pane (two, queue);
    inflight_playground_set_experiment (playground, two);
    for (guint panes = 2; panes <= INFLIGHT_EXPERIMENT_MAX_PANES; panes += 2)
      {
        while (inflight_playground_get_n_panes (playground) < panes)
          g_assert_true (inflight_playground_add_pane (playground));
        inflight_playground_run (playground);
        for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
             inflight_playground_get_running (playground) && g_get_monotonic_time () < end;)
          g_main_context_iteration (NULL, TRUE);
        inflight_test_iterate_for (400);

        if (gtk_widget_get_width (GTK_WIDGET (window)) != first_width ||
            gtk_widget_get_height (GTK_WIDGET (window)) != first_height)
          g_string_append_printf (problems, "playground of %u panes: the window became %d×%d\n", panes,
                                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
        check_inside (GTK_WIDGET (window), GTK_WIDGET (window), FALSE, 100 + panes, problems);
      }
  }

  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  inflight_test_iterate_for (100);
  g_assert_finalize_object (window);
}

/* F9 hides the list of lessons and gives its room to the lesson, and brings it back; the
 * window keeps its size either way. */
static GtkWidget *
find_sidebar (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (child))
        return child;
      if ((found = find_sidebar (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_sidebar_toggles (void)
{
  InflightWindow *window = inflight_window_new (app);
  int width, page_width;

  g_object_ref_sink (window);
  /* A lesson, whatever the window showed when it was last closed (the playground, after the
   * tests above). */
  g_assert_true (inflight_window_show_lesson (window, 1));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (400);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  page_width = gtk_widget_get_width (GTK_WIDGET (inflight_window_get_page (window)));

  /* Narrow, the list starts hidden. */
  g_assert_false (gtk_widget_is_visible (find_sidebar (GTK_WIDGET (window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  inflight_test_iterate_for (300);
  g_assert_true (gtk_widget_is_visible (find_sidebar (GTK_WIDGET (window))));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (inflight_window_get_page (window))), <, page_width - 150);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  inflight_test_iterate_for (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (inflight_window_get_page (window))), ==, page_width);

  gtk_window_destroy (GTK_WINDOW (window));
  inflight_test_iterate_for (100);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the window on");
      return g_test_run ();
    }

  g_test_add_data_func ("/window-sizes/800x600", GUINT_TO_POINTER (0), test_every_lesson_fits);
  g_test_add_data_func ("/window-sizes/1366x768", GUINT_TO_POINTER (1), test_every_lesson_fits);
  g_test_add_func ("/window-sizes/sidebar-toggles", test_sidebar_toggles);

  app = inflight_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
