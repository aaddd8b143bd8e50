/* test-code-cli.c
 * The command line writes the code that ran beside the diagram: inflight --render … --code FILE.
 * It runs the app itself, which draws with fontconfig, so it lives apart from the engine's tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* inflight --render … --code FILE writes the listing with the cursors at the end of the run. */
static void
test_cli_code (void)
{
  const char *bin = g_getenv ("INFLIGHT_BIN");
  g_autofree char *dir = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *code = NULL;
  g_autofree char *py = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (bin == NULL)
    {
      g_test_skip ("INFLIGHT_BIN is not set");
      return;
    }

  dir = g_dir_make_tmp ("inflight-code-XXXXXX", &error);
  g_assert_no_error (error);
  svg = g_build_filename (dir, "run.svg", NULL);
  code = g_build_filename (dir, "run.c", NULL);
  py = g_build_filename (dir, "run.py", NULL);

  {
    const char *argv[] = { bin, "--render", "queue", "--requests", "4", "--workers", "2", "--latency", "20",
                           "--output", svg, "--code", code, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_file_get_contents (code, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "g_async_queue_pop (state->jobs);"));
  g_assert_nonnull (strstr (text, "◀ Worker 1: waiting for a request on the queue"));
  g_assert_null (strstr (text, "inflight_trace_"));
  g_clear_pointer (&text, g_free);

  {
    const char *argv[] = { bin, "--render", "blocking", "--requests", "2", "--latency", "20",
                           "--output", svg, "--code", py, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_file_get_contents (py, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "print(request, len(result))    ◀ Caller thread: here with #2"));

  g_remove (svg);
  g_remove (code);
  g_remove (py);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/code/cli", test_cli_code);

  return g_test_run ();
}
