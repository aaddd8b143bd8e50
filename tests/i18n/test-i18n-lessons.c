/* test-i18n-lessons.c
 * The window in one language (LANGUAGE, LC_ALL and INFLIGHT_LOCALEDIR from the test's
 * environment): a window opened on each lesson at 800×600 and at 1280×800, the lesson run, with
 * fatal warnings, so a translation that makes GTK measure a widget wrongly fails; the window
 * keeps the size asked for, and no label reaches past its right edge.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "inflight-application.h"
#include "inflight-lesson-page.h"
#include "inflight-test-widgets.h"
#include "inflight-window.h"

static const struct
{
  int width;
  int height;
} sizes[] = {
  { 800, 600 },
  { 1280, 800 },
};

static InflightApplication *app;
static const char *summary = "See synchronous and asynchronous calls at work.";

/* Labels on screen that reach past the window's right edge, outside anything that scrolls. */
static void
check_labels (GtkWidget *window,
              GtkWidget *widget,
              guint      lesson,
              GString   *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child) || !gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_VIEWPORT (child) || GTK_IS_LIST_VIEW (child))
        continue;

      if (GTK_IS_LABEL (child) && gtk_widget_compute_bounds (child, window, &bounds) &&
          (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 0.5))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));
          g_autofree char *start = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 60));

          g_string_append_printf (problems, "lesson %u: the label “%s” spans %.0f to %.0f, the window is %d wide\n",
                                  lesson, start, bounds.origin.x, bounds.origin.x + bounds.size.width,
                                  gtk_widget_get_width (window));
        }

      check_labels (window, child, lesson, problems);
    }
}

/* The labels that do not wrap and are wide: what to shorten, wrap or ellipsize. */
static void
widest_labels (GtkWidget *widget,
               int        width,
               GString   *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (GTK_IS_LABEL (child) && minimum > width / 5 && !gtk_label_get_wrap (GTK_LABEL (child)) &&
          gtk_label_get_ellipsize (GTK_LABEL (child)) == PANGO_ELLIPSIZE_NONE)
        {
          g_autofree char *start = g_utf8_substring (gtk_label_get_text (GTK_LABEL (child)), 0, 60);

          g_string_append_printf (problems, "  the label “%s” does not wrap and needs %d pixels\n", start, minimum);
        }
      widest_labels (child, width, problems);
    }
}

/* Each lesson in a window of its own, opened on it: a window takes its size from the lesson it
 * first shows, so a lesson reached with Next can hide what opening on it shows. */
static void
test_every_lesson (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  int width = sizes[which].width, height = sizes[which].height;
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint number = 1; number <= 13; number++)
    {
      InflightWindow *window = inflight_window_new (app);
      InflightLessonPage *page;
      InflightLessonKind kind;

      g_object_ref_sink (window);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      g_assert_true (inflight_window_show_lesson (window, number));
      gtk_window_present (GTK_WINDOW (window));
      inflight_test_iterate_for (400);
      page = inflight_window_get_page (window);
      kind = inflight_lesson_get_experiment (inflight_lesson_page_get_lesson (page));

      /* The results, notes and cards a run brings are text too, and often the longest. */
      if (kind != INFLIGHT_LESSON_KIND_SORT && kind != INFLIGHT_LESSON_KIND_SUMMARY)
        {
          inflight_lesson_page_run (page);
          inflight_test_wait_until_idle (page, 60000);
          g_assert_false (inflight_lesson_page_get_running (page));
          inflight_test_iterate_for (200);
          g_test_message ("lesson %u: %s", number, inflight_lesson_page_get_result_text (page));
        }

      g_test_message ("%d×%d asked, lesson %u: the window is %d×%d", width, height, number,
                      gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
      if (gtk_widget_get_width (GTK_WIDGET (window)) > width || gtk_widget_get_height (GTK_WIDGET (window)) > height)
        {
          g_string_append_printf (problems, "lesson %u: the window is %d×%d, larger than the %d×%d asked for\n",
                                  number, gtk_widget_get_width (GTK_WIDGET (window)),
                                  gtk_widget_get_height (GTK_WIDGET (window)), width, height);
          widest_labels (GTK_WIDGET (window), width, problems);
        }
      check_labels (GTK_WIDGET (window), GTK_WIDGET (window), number, problems);

      gtk_window_destroy (GTK_WINDOW (window));
      inflight_test_iterate_for (100);
      g_assert_finalize_object (window);
    }

  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  const char *expected = g_getenv ("INFLIGHT_TEST_LOCALE");
  const char *localedir = g_getenv ("INFLIGHT_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");
  g_autoptr(GError) error = NULL;
  const char *set;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  /* A missing locale or catalogue would leave the window in English and the test passing for
   * nothing: both fail it instead, saying what to do. */
  set = setlocale (LC_ALL, "");
  if (set == NULL || expected == NULL || g_strcmp0 (set, expected) != 0)
    {
      g_printerr ("The locale %s is not installed (setlocale gave %s): `build-aux/dev build` generates it\n",
                  expected, set);
      return 1;
    }
  if (localedir == NULL || language == NULL)
    {
      g_printerr ("Run with INFLIGHT_LOCALEDIR and LANGUAGE set, as meson test does\n");
      return 1;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_str_equal (_(summary), summary))
    {
      g_printerr ("No %s catalogue in %s: “%s” is not translated\n", language, localedir, summary);
      return 1;
    }

  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the window on");
      return g_test_run ();
    }

  g_test_add_data_func ("/i18n/lessons/800x600", GUINT_TO_POINTER (0), test_every_lesson);
  g_test_add_data_func ("/i18n/lessons/1280x800", GUINT_TO_POINTER (1), test_every_lesson);

  app = inflight_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
