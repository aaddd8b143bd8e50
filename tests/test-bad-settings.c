/* test-bad-settings.c
 * Stored settings no version of the app writes — out of range, of the wrong type, lessons
 * that do not exist — are set aside: numbers out of their schema's range read as the
 * default, lessons and answers out of range are dropped; the window opens, sane, and saves
 * sane values.
 * Its own program: the settings backend is chosen once per process, before any settings exist.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-lesson-page.h"
#include "inflight-progress.h"
#include "inflight-window.h"

/* What a hand-edited or damaged settings store might hold. */
static const char stored[] =
  "[io/github/inflight/Inflight]\n"
  "window-width=-5\n"
  "window-height=1000000\n"
  "window-maximized='yes'\n"
  "last-lesson=99\n"
  "visited-lessons=[0, 99, 4]\n"
  "completed-lessons='all of them'\n"
  "answers=[(2, 0, 7), (99, 0, 1), (2, 1, 1)]\n"
  "results=[(4, -5, -1, 3), (5, 1000, 2000, 2100)]\n";

static void
test_out_of_range (void)
{
  g_autoptr(InflightApplication) app = inflight_application_new ();
  g_autoptr(GError) error = NULL;
  InflightWindow *window;
  InflightProgress *progress;
  GSettings *settings;
  InflightResult result;
  int width = 0, height = 0;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  settings = inflight_application_get_settings (app);
  g_assert_nonnull (settings);
  /* GSettings itself checks every stored number against the schema's range, and every value
   * against its type: what fails is read as the default. */
  g_assert_cmpint (g_settings_get_int (settings, "last-lesson"), ==, 1);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1280);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 800);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = inflight_window_new (app);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));

  /* The window opens on the first lesson, at a size it can have. */
  g_assert_cmpuint (inflight_lesson_get_number (inflight_lesson_page_get_lesson (inflight_window_get_page (window))), ==, 1);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, >=, 360);
  g_assert_cmpint (height, >=, 360);

  /* Progress keeps what makes sense and drops the rest. */
  progress = inflight_application_get_progress (app);
  g_assert_true (inflight_progress_is_visited (progress, 4));
  g_assert_false (inflight_progress_is_visited (progress, 99));
  g_assert_false (inflight_progress_is_visited (progress, 0));
  g_assert_false (inflight_progress_is_completed (progress, 1));
  g_assert_cmpint (inflight_progress_get_answer (progress, 2, 0), ==, INFLIGHT_NO_ANSWER);
  g_assert_cmpint (inflight_progress_get_answer (progress, 2, 1), ==, 1);
  g_assert_false (inflight_progress_get_result (progress, 4, &result));
  g_assert_true (inflight_progress_get_result (progress, 5, &result));
  g_assert_cmpint (result.measured, ==, 2100);

  /* The app goes on: another lesson, and progress is written back. */
  g_assert_true (inflight_window_show_lesson (window, 2));
  g_assert_true (inflight_progress_is_visited (progress, 2));

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
  g_settings_sync ();

  /* What it saved on closing is in range. */
  g_assert_cmpint (g_settings_get_int (settings, "last-lesson"), ==, 2);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >=, 360);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), <=, 32767);

  g_application_release (G_APPLICATION (app));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *keyfile = NULL;
  int status;

  /* Before GLib or GTK reads any setting: a keyfile store holding the bad values. */
  config_dir = g_dir_make_tmp ("inflight-settings-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_build_filename (config_dir, "glib-2.0", "settings", NULL);
  keyfile = g_build_filename (folder, "keyfile", NULL);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (keyfile, stored, -1, &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    g_test_skip ("No display to build the window on");
  else
    g_test_add_func ("/settings/out-of-range", test_out_of_range);

  status = g_test_run ();
  remove_tree (config_dir);

  return status;
}
