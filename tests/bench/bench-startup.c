/* bench-startup.c
 * How long Inflight takes from launch to its first painted frame, and how much memory it
 * holds by then, against a bare GTK window (a label, a scale and a button) that this program
 * builds itself when started with --bare. Both open at 1100×720, quit as soon as their first
 * frame is painted (the frame clock's after-paint) and print when that was, on the monotonic
 * clock that the launch is timed on too; peak memory is the child's ru_maxrss. The two are
 * launched in turn, RUNS times each after one launch of each to warm the caches, and the
 * figures are medians: startup-time-ratio and startup-memory-ratio are Inflight's over the
 * bare window's. On a busy machine the clock's time mostly measures the wait for a processor:
 * startup-cpu-ratio compares the processor time each program used, start to exit, which the
 * others' load does not add to. INFLIGHT_BENCH_RUNS=N changes RUNS.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#define WIDTH  1100
#define HEIGHT 720
#define RUNS   10

typedef struct
{
  double ms;       /* launch to first painted frame */
  double cpu_ms;   /* processor time, user and system, start to exit */
  double rss_kb;   /* peak resident memory */
} Launch;

/* The bare window's side */

static void
on_bare_painted_cb (GdkFrameClock *clock,
                    GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_bare_painted_cb, window);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_bare_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_bare_painted_cb), window);
}

static void
on_bare_activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("A label"));
  gtk_box_append (GTK_BOX (box), gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 1));
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("A button"));
  gtk_window_set_child (GTK_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (on_bare_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* A GtkApplication, as Inflight is one: both pay for registering on the session bus. */
static int
run_bare (void)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.inflight.BenchBare", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* The measuring side */

static gboolean
launch (char   **argv,
        char   **envp,
        Launch  *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  struct rusage usage;
  gint64 started, painted = -1;
  GPid pid;
  int out_fd, status;
  char buffer[256];
  ssize_t n;
  const char *line;

  started = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return FALSE;
    }

  while ((n = read (out_fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (output, buffer, n);
  close (out_fd);

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      return FALSE;

  line = strstr (output->str, "first-frame ");
  if (line != NULL)
    painted = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);
  if (painted < started || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-startup: %s did not report a first frame (status %d)\n", argv[0], status);
      return FALSE;
    }

  out->ms = (painted - started) / 1000.0;
  out->cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
                (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  out->rss_kb = usage.ru_maxrss;
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Inflight reads its window size from its settings: a key file of 1100×720 in a scratch
 * configuration folder, so that both windows paint as many pixels. */
static char **
inflight_environment (const char *config_home)
{
  g_autofree char *folder = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[io/github/inflight/Inflight]\n"
                                               "window-width=%d\nwindow-height=%d\n", WIDTH, HEIGHT);
  char **envp = g_get_environ ();

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (keyfile, contents, -1, NULL);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  envp = g_environ_setenv (envp, "INFLIGHT_EXIT_AFTER_FIRST_FRAME", "1", TRUE);

  return envp;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
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
  g_autofree char *self_path = NULL;
  g_autofree char *config_home = NULL;
  g_auto(GStrv) bare_env = NULL;
  g_auto(GStrv) inflight_env = NULL;
  const char *inflight_bin = g_getenv ("INFLIGHT_BIN");
  const char *runs_env = g_getenv ("INFLIGHT_BENCH_RUNS");
  guint runs = runs_env != NULL ? MAX (1, (guint) atoi (runs_env)) : RUNS;
  g_autofree double *bare_ms = g_new (double, runs), *bare_kb = g_new (double, runs);
  g_autofree double *app_ms = g_new (double, runs), *app_kb = g_new (double, runs);
  g_autofree double *bare_cpu = g_new (double, runs), *app_cpu = g_new (double, runs);
  double bare_time, app_time, bare_mem, app_mem, bare_cpu_ms, app_cpu_ms;
  gboolean ok = TRUE;

  if (argc > 1 && g_str_equal (argv[1], "--bare"))
    return run_bare ();

  if (inflight_bin == NULL || !g_file_test (inflight_bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-startup: set INFLIGHT_BIN to the inflight program\n");
      return 1;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("bench-startup: no display to open windows on\n");
      return 77;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  config_home = g_dir_make_tmp ("inflight-bench-XXXXXX", NULL);
  bare_env = g_get_environ ();
  inflight_env = inflight_environment (config_home);

  for (guint i = 0; ok && i <= runs; i++)
    {
      char *bare_argv[] = { self_path, (char *) "--bare", NULL };
      char *app_argv[] = { (char *) inflight_bin, NULL };
      Launch bare, app;

      /* Turn about, so that whatever else the machine does falls on both alike; the
       * first round only warms the caches. */
      ok = launch (bare_argv, bare_env, &bare) && launch (app_argv, inflight_env, &app);
      if (ok && i > 0)
        {
          bare_ms[i - 1] = bare.ms;
          bare_kb[i - 1] = bare.rss_kb;
          bare_cpu[i - 1] = bare.cpu_ms;
          app_cpu[i - 1] = app.cpu_ms;
          app_ms[i - 1] = app.ms;
          app_kb[i - 1] = app.rss_kb;
        }
    }

  remove_tree (config_home);
  if (!ok)
    return 1;

  bare_time = median (bare_ms, runs);
  app_time = median (app_ms, runs);
  bare_mem = median (bare_kb, runs);
  app_mem = median (app_kb, runs);
  bare_cpu_ms = median (bare_cpu, runs);
  app_cpu_ms = median (app_cpu, runs);

  printf ("startup-bare-ms %.1f\n", bare_time);
  printf ("startup-inflight-ms %.1f\n", app_time);
  printf ("startup-time-ratio %.3f\n", app_time / bare_time);
  printf ("startup-bare-rss-kb %.0f\n", bare_mem);
  printf ("startup-inflight-rss-kb %.0f\n", app_mem);
  printf ("startup-memory-ratio %.3f\n", app_mem / bare_mem);
  printf ("startup-bare-cpu-ms %.1f\n", bare_cpu_ms);
  printf ("startup-inflight-cpu-ms %.1f\n", app_cpu_ms);
  printf ("startup-cpu-ratio %.3f\n", app_cpu_ms / bare_cpu_ms);

  return 0;
}
