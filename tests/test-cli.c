/* test-cli.c
 * The command line: --version and --help work, --render writes a diagram with no display,
 * and every bad option, value or path exits with status 2 and one line that names it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include "inflight-cli.h"
#include "inflight-enums.h"
#include "inflight-runner.h"

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
  g_auto(GStrv) env = g_get_environ ();

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* No display at all: --render must not need one, and the rest must fail before needing one. */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
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
  g_auto(GStrv) render = g_strsplit ("--render queue --requests 7 --latency 120 --workers 3 "
                                     "--jitter 10 --failure 5 --seed 9 --output /tmp/x.SVG", " ", -1);
  InflightCliOptions options;
  g_autoptr(GError) error = NULL;

  g_assert_true (inflight_cli_parse (good, &options, &error));
  g_assert_no_error (error);
  g_assert_true (options.version);
  g_assert_null (options.render);
  inflight_cli_options_clear (&options);

  g_assert_false (inflight_cli_parse (bad, &options, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION);
  g_clear_error (&error);

  /* Every value reaches the scenario. */
  g_assert_true (inflight_cli_parse (render, &options, &error));
  g_assert_no_error (error);
  g_assert_nonnull (options.render);
  g_assert_cmpint (inflight_scenario_get_strategy (options.render), ==, INFLIGHT_STRATEGY_QUEUE);
  g_assert_cmpuint (inflight_scenario_get_requests (options.render), ==, 7);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (options.render), ==, 120);
  g_assert_cmpuint (inflight_scenario_get_workers (options.render), ==, 3);
  g_assert_cmpuint (inflight_scenario_get_jitter_pct (options.render), ==, 10);
  g_assert_cmpuint (inflight_scenario_get_failure_pct (options.render), ==, 5);
  g_assert_cmpuint (inflight_scenario_get_seed (options.render), ==, 9);
  g_assert_cmpstr (options.output, ==, "/tmp/x.SVG");
  g_assert_cmpint (options.format, ==, INFLIGHT_EXPORT_SVG);
  inflight_cli_options_clear (&options);
  g_assert_null (options.render);
}

/* One bad command line: exit 2, nothing on stdout, one line on stderr holding each of @needles. */
static void
check_bad (const char * const *args,
           const char * const *needles)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  int wait_status;

  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("INFLIGHT_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (count_lines (err), ==, 1);
  for (guint i = 0; needles[i] != NULL; i++)
    g_assert_nonnull (strstr (err, needles[i]));
}

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

static void
test_render_bad_inputs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("inflight-cli-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "run.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", "run.png", NULL);
  g_autoptr(GEnumClass) strategies = g_type_class_ref (INFLIGHT_TYPE_STRATEGY);

  /* Options that make no sense alone. */
  check_bad (ARGS ("--render", "blocking"), ARGS ("--render needs --output"));
  check_bad (ARGS ("--requests", "5"), ARGS ("--requests", "--render"));
  check_bad (ARGS ("--output", good), ARGS ("--output", "--render"));
  check_bad (ARGS ("--render"), ARGS ("--render"));

  /* Bad values: each names its option and the value. */
  check_bad (ARGS ("--render", "sideways", "--output", good), ARGS ("--render", "sideways", "blocking"));
  check_bad (ARGS ("--render", "blocking", "--requests", "0", "--output", good), ARGS ("--requests", "0", "100000"));
  check_bad (ARGS ("--render", "blocking", "--requests", "many", "--output", good), ARGS ("--requests", "many"));
  check_bad (ARGS ("--render", "blocking", "--latency", "-5", "--output", good), ARGS ("--latency", "-5"));
  check_bad (ARGS ("--render", "blocking", "--latency", "20000", "--output", good), ARGS ("--latency", "20000", "10000"));
  check_bad (ARGS ("--render", "queue", "--workers", "65", "--output", good), ARGS ("--workers", "65", "64"));
  check_bad (ARGS ("--render", "callback", "--jitter", "101", "--output", good), ARGS ("--jitter", "101"));
  check_bad (ARGS ("--render", "callback", "--failure", "1.5", "--output", good), ARGS ("--failure", "1.5"));
  check_bad (ARGS ("--render", "callback", "--seed", "x", "--output", good), ARGS ("--seed", "“x”"));

  /* Lessons that do not exist, or have nothing of their own to render. */
  check_bad (ARGS ("--lesson", "14"), ARGS ("--lesson", "14", "1 to 13"));
  check_bad (ARGS ("--lesson", "0"), ARGS ("--lesson", "0"));
  check_bad (ARGS ("--lesson", "two"), ARGS ("--lesson", "two"));
  check_bad (ARGS ("--render", "blocking", "--lesson", "12", "--output", good), ARGS ("--lesson", "12", "no experiment"));

  /* Bad paths: caught before the run. */
  check_bad (ARGS ("--render", "blocking", "--output", "run.txt"), ARGS ("--output", "run.txt", ".png, .svg or .pdf"));
  check_bad (ARGS ("--render", "blocking", "--output", "run"), ARGS ("--output", ".png, .svg or .pdf"));
  check_bad (ARGS ("--render", "blocking", "--output", missing), ARGS ("--output", "nowhere", "does not exist"));
  g_mkdir (good, 0700);
  check_bad (ARGS ("--render", "blocking", "--output", good), ARGS ("--output", "is a folder"));
  g_rmdir (good);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A strategy the engine cannot run yet, if any is left. */
  for (guint i = 0; i < strategies->n_values; i++)
    if (!inflight_strategy_is_runnable (strategies->values[i].value))
      check_bad (ARGS ("--render", strategies->values[i].value_nick, "--output", good),
                 ARGS ("--render", strategies->values[i].value_nick, "cannot be run yet"));

  g_rmdir (dir);
}

static void
test_render_lesson_preset (void)
{
  g_autofree char *dir = g_dir_make_tmp ("inflight-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lesson.svg", NULL);
  Result r = { 0 };

  /* Lesson 7's preset (a queue of several requests), run as a queue, smaller and faster. */
  run_inflight (&r, "--render", "queue", "--lesson", "7", "--latency", "20", "--output", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (r.out, "message queue"));
  result_clear (&r);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_render_writes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("inflight-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "calls.svg", NULL);
  g_autofree char *contents = NULL;
  Result r = { 0 };

  /* A real run with no display: the file is written and the run summed up in one line. */
  run_inflight (&r, "--render", "callback", "--requests", "3", "--latency", "30", "--seed", "2",
                "--output", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpuint (count_lines (r.out), ==, 1);
  g_assert_nonnull (strstr (r.out, "calls.svg"));
  g_assert_nonnull (strstr (r.out, "3 requests, callback"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  result_clear (&r);

  g_unlink (path);
  g_rmdir (dir);
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
  g_test_add_func ("/cli/render/bad-inputs", test_render_bad_inputs);
  g_test_add_func ("/cli/render/writes", test_render_writes);
  g_test_add_func ("/cli/render/lesson-preset", test_render_lesson_preset);

  return g_test_run ();
}
