/* test-cli.c
 * The command line: --version and --help work, bad options exit with status 2 and one line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "inflight-cli.h"

typedef struct
{
  char *out;
  char *err;
  int   status;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

static void
run_inflight (Result     *result,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("INFLIGHT_BIN");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

static void
test_version (void)
{
  Result r = { 0 };

  run_inflight (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "Inflight " PACKAGE_VERSION "\n");
  result_clear (&r);
}

static void
test_help (void)
{
  Result r = { 0 };

  run_inflight (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--version"));
  g_assert_nonnull (strstr (r.out, "synchronous"));
  result_clear (&r);
}

static void
test_unknown_option (void)
{
  Result r = { 0 };

  run_inflight (&r, "--frobnicate", NULL);
  g_assert_cmpint (r.status, ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "--frobnicate"));
  result_clear (&r);

  run_inflight (&r, "stray-argument", NULL);
  g_assert_cmpint (r.status, ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "stray-argument"));
  result_clear (&r);
}

static void
test_parse_in_process (void)
{
  g_auto(GStrv) good = g_strsplit ("--version", " ", -1);
  g_auto(GStrv) bad = g_strsplit ("-x", " ", -1);
  InflightCliOptions options;
  g_autoptr(GError) error = NULL;

  g_assert_true (inflight_cli_parse (good, &options, &error));
  g_assert_no_error (error);
  g_assert_true (options.version);

  g_assert_false (inflight_cli_parse (bad, &options, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/parse-in-process", test_parse_in_process);

  return g_test_run ();
}
