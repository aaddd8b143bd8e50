/* test-cli.c
 * The command line: --version and --help work, --render writes a diagram with no display or session bus,
 * every bad option, value or path exits with status 2 and one line that names it, and a second launch
 * hands its --lesson to the instance that is running, which checks it too.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "inflight-cli.h"
#include "inflight-enums.h"
#include "inflight-runner.h"

typedef struct
{
  char     *out;
  char     *err;
  int       status;
  gboolean  done;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
  result->done = FALSE;
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the default main context until *@done, or until @seconds have passed. */
static gboolean
iterate_until (const gboolean *done,
               guint           seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (seconds, on_deadline_cb, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);

  return *done;
}

static void
on_communicated_cb (GObject      *object,
                    GAsyncResult *async_result,
                    gpointer      user_data)
{
  Result *result = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), async_result, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->done = TRUE;
}

static GSubprocess *
spawn (char                **env,
       GSubprocessFlags      flags,
       const char * const   *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (g_getenv ("INFLIGHT_BIN"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("INFLIGHT_BIN"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_environ (launcher, env);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

/* Runs the app with @args to its end, which must come within 20 seconds. */
static void
run_with_env (Result              *result,
              char               **env,
              const char * const  *args)
{
  g_autoptr(GSubprocess) process = spawn (env, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, args);

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated_cb, result);
  if (!iterate_until (&result->done, 20))
    {
      g_subprocess_force_exit (process);
      g_error ("inflight %s did not exit within 20 s", args[0]);
    }
  g_subprocess_wait (process, NULL, NULL);

  g_test_message ("%s", result->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

/* No display and no session bus at all: --render must not need them, and the rest must fail before needing them. */
static char **
headless_environ (const char *runtime_dir)
{
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  /* …nor the bus GDBus would find in the runtime folder. */
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);

  return env;
}

static void
run_headless (Result             *result,
              const char * const *args)
{
  g_autofree char *runtime_dir = g_dir_make_tmp ("inflight-cli-XXXXXX", NULL);
  g_auto(GStrv) env = headless_environ (runtime_dir);

  run_with_env (result, env, args);
  g_rmdir (runtime_dir);
}

#define ARGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

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

  run_headless (&r, ARGS ("--version"));
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "Inflight " PACKAGE_VERSION "\n");
  result_clear (&r);
}

static void
test_help (void)
{
  Result r = { 0 };

  run_headless (&r, ARGS ("--help"));
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "--version"));
  g_assert_nonnull (strstr (r.out, "synchronous"));
  result_clear (&r);
}

static void
test_unknown_option (void)
{
  Result r = { 0 };

  run_headless (&r, ARGS ("--frobnicate"));
  g_assert_cmpint (r.status, ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "--frobnicate"));
  result_clear (&r);

  run_headless (&r, ARGS ("stray-argument"));
  g_assert_cmpint (r.status, ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "stray-argument"));
  result_clear (&r);
}

static void
test_parse_in_process (void)
{
  g_autoptr(GVariantDict) version = g_variant_dict_new (NULL);
  g_autoptr(GVariantDict) stray = g_variant_dict_new (NULL);
  g_autoptr(GVariantDict) render = g_variant_dict_new (NULL);
  const char *rest[] = { "extra", NULL };
  InflightCliOptions options;
  g_autoptr(GError) error = NULL;

  g_variant_dict_insert (version, "version", "b", TRUE);
  g_assert_true (inflight_cli_parse (version, &options, &error));
  g_assert_no_error (error);
  g_assert_true (options.version);
  g_assert_null (options.render);
  inflight_cli_options_clear (&options);

  g_variant_dict_insert (stray, G_OPTION_REMAINING, "^as", rest);
  g_assert_false (inflight_cli_parse (stray, &options, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "extra"));
  g_clear_error (&error);

  /* Every value reaches the scenario, as GApplication hands them over. */
  g_variant_dict_insert (render, "render", "s", "queue");
  g_variant_dict_insert (render, "requests", "s", "7");
  g_variant_dict_insert (render, "latency", "s", "120");
  g_variant_dict_insert (render, "workers", "s", "3");
  g_variant_dict_insert (render, "jitter", "s", "10");
  g_variant_dict_insert (render, "failure", "s", "5");
  g_variant_dict_insert (render, "seed", "s", "9");
  g_variant_dict_insert (render, "output", "^ay", "/tmp/x.SVG");
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

/* Two real instances on a private session bus, sharing their settings through a key file. */
typedef struct
{
  GDBusConnection  *connection;
  char             *config;     /* XDG_CONFIG_HOME of every instance */
  char            **env;
  GSubprocess      *primary;
  gboolean          primary_exited;
  gboolean          named;
} Session;

/* Where GApplication puts the application on the bus, from its ID. */
#define APP_PATH "/io/github/inflight/Inflight"

/* The environment the tests started in: GTestDBus unsets DISPLAY in this process. */
static char **start_environ;

/* One bus for every test: a second GTestDBus daemon holds the pipe that tells GTestDBus's watcher to clean up after a failed test. */
static GTestDBus *test_bus;

static void
on_primary_exited_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Session *session = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  session->primary_exited = TRUE;
}

static void
on_name_appeared_cb (GDBusConnection *connection,
                     const char      *name,
                     const char      *owner,
                     gpointer         user_data)
{
  Session *session = user_data;

  session->named = TRUE;
}

/* Starts the primary instance with --lesson @lesson and waits until it owns its name on the bus. */
static gboolean
session_start (Session    *session,
               const char *lesson)
{
  g_autoptr(GError) error = NULL;
  gboolean ready;
  guint watch;

  if (g_environ_getenv (start_environ, "DISPLAY") == NULL && g_environ_getenv (start_environ, "WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("needs a display: run the tests under with-display");
      return FALSE;
    }

  if (test_bus == NULL)
    {
      test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (test_bus);
    }
  session->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                                NULL, NULL, &error);
  g_assert_no_error (error);

  session->config = g_dir_make_tmp ("inflight-cli-XXXXXX", NULL);
  session->env = g_strdupv (start_environ);
  session->env = g_environ_setenv (session->env, "DBUS_SESSION_BUS_ADDRESS",
                                   g_test_dbus_get_bus_address (test_bus), TRUE);
  session->env = g_environ_setenv (session->env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  session->env = g_environ_setenv (session->env, "XDG_CONFIG_HOME", session->config, TRUE);
  session->env = g_environ_setenv (session->env, "LANGUAGE", "C", TRUE);

  /* Its stdout is not the test's: TAP reads that. */
  session->primary = spawn (session->env, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, ARGS ("--lesson", lesson));
  g_subprocess_wait_async (session->primary, NULL, on_primary_exited_cb, session);

  watch = g_bus_watch_name_on_connection (session->connection, APPLICATION_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_name_appeared_cb, NULL, session, NULL);
  iterate_until (&session->named, 30);
  g_bus_unwatch_name (watch);

  ready = session->named && !session->primary_exited;
  g_assert_true (ready);

  return ready;
}

/* The lesson the primary instance last showed, as it wrote it on showing it; -1 before it has written one. */
static int
session_last_lesson (Session *session)
{
  g_autofree char *path = g_build_filename (session->config, "glib-2.0", "settings", "keyfile", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  int lesson;

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL))
    return -1;
  lesson = g_key_file_get_integer (keyfile, "io/github/inflight/Inflight", "last-lesson", &error);

  return error == NULL ? lesson : -1;
}

typedef struct
{
  Session  *session;
  int       lesson;
  gboolean  shown;
} LessonWait;

static gboolean
on_poll_lesson_cb (gpointer user_data)
{
  LessonWait *wait = user_data;

  wait->shown = session_last_lesson (wait->session) == wait->lesson;
  return wait->shown ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Waits, for 10 seconds at most, until the running primary instance shows lesson @lesson. */
static gboolean
session_wait_lesson (Session *session,
                     int      lesson)
{
  LessonWait wait = { session, lesson, FALSE };
  guint id = g_timeout_add (50, on_poll_lesson_cb, &wait);

  if (!iterate_until (&wait.shown, 10))
    g_source_remove (id);
  g_test_message ("waited for lesson %d, the key file has %d", lesson, session_last_lesson (session));

  return wait.shown && !session->primary_exited;
}

/* Quits the primary instance as the app menu would, and checks that it ends cleanly. */
static void
session_quit (Session *session)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (session->primary_exited);
  reply = g_dbus_connection_call_sync (session->connection, APPLICATION_ID, APP_PATH, "org.gtk.Actions", "Activate",
                                       g_variant_new ("(s@av@a{sv})", "quit",
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (iterate_until (&session->primary_exited, 30));
  g_assert_true (g_subprocess_get_if_exited (session->primary));
  g_assert_cmpint (g_subprocess_get_exit_status (session->primary), ==, 0);
}

static void
session_finish (Session *session)
{
  g_autofree char *settings = g_build_filename (session->config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings, "keyfile", NULL);
  g_autofree char *glib = g_path_get_dirname (settings);

  if (!session->primary_exited)
    {
      g_subprocess_force_exit (session->primary);
      iterate_until (&session->primary_exited, 30);
    }

  g_clear_object (&session->primary);
  g_dbus_connection_close_sync (session->connection, NULL, NULL);
  g_clear_object (&session->connection);
  g_clear_pointer (&session->env, g_strfreev);

  g_remove (keyfile);
  g_rmdir (settings);
  g_rmdir (glib);
  g_rmdir (session->config);
  g_clear_pointer (&session->config, g_free);
}

/* One bad command line: exit 2, nothing on stdout, one line on stderr holding each of @needles. */
static void
check_bad (const char * const *args,
           const char * const *needles)
{
  Result r = { 0 };

  run_headless (&r, args);
  g_assert_cmpint (r.status, ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  for (guint i = 0; needles[i] != NULL; i++)
    g_assert_nonnull (strstr (r.err, needles[i]));
  result_clear (&r);
}

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
  check_bad (ARGS ("--render", "blocking", "--output", "run.txt"), ARGS ("--output", "run.txt", ".png, .svg, .pdf or .json"));
  check_bad (ARGS ("--render", "blocking", "--output", "run"), ARGS ("--output", ".png, .svg, .pdf or .json"));
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
  run_headless (&r, ARGS ("--render", "queue", "--lesson", "7", "--latency", "20", "--output", path));
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
  run_headless (&r, ARGS ("--render", "callback", "--requests", "3", "--latency", "30", "--seed", "2",
                          "--output", path));
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

/* With no display and no session bus, --version and --render work all the same. */
static void
test_headless (void)
{
  g_autofree char *dir = g_dir_make_tmp ("inflight-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "q.svg", NULL);
  Result r = { 0 };

  run_headless (&r, ARGS ("--version"));
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpstr (r.out, ==, "Inflight " PACKAGE_VERSION "\n");
  result_clear (&r);

  run_headless (&r, ARGS ("--render", "queue", "--requests", "12", "--workers", "3", "--latency", "20",
                          "--output", path));
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_nonnull (strstr (r.out, "12 requests"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  result_clear (&r);

  /* A lesson to open needs the display, but a bad one is refused before it is needed. */
  check_bad (ARGS ("--lesson", "14"), ARGS ("--lesson", "14"));

  g_remove (path);
  g_rmdir (dir);
}

/* Started again with --lesson 5, Inflight opens lesson 5 in the window that is open, and the launch returns. */
static void
test_second_instance_lesson (void)
{
  Session session = { 0 };
  Result r = { 0 };
  gint64 started;

  if (!session_start (&session, "2"))
    return;
  g_assert_true (session_wait_lesson (&session, 2));

  started = g_get_monotonic_time ();
  run_with_env (&r, session.env, ARGS ("--lesson", "5"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, "");
  result_clear (&r);

  /* The launch has returned, and the first instance, still running, now shows lesson 5… */
  g_assert_true (session_wait_lesson (&session, 5));

  /* …and still does when it closes. */
  session_quit (&session);
  g_assert_cmpint (session_last_lesson (&session), ==, 5);

  session_finish (&session);
}

typedef struct
{
  GString  *out;
  GString  *err;
  int       status;
  gboolean  replied;
  gboolean  printed_error;
} RemoteCall;

/* The remote end of a command line: what the primary instance prints for it comes here. */
static void
on_command_line_method_cb (GDBusConnection       *connection,
                           const char            *sender,
                           const char            *object_path,
                           const char            *interface_name,
                           const char            *method_name,
                           GVariant              *parameters,
                           GDBusMethodInvocation *invocation,
                           gpointer               user_data)
{
  RemoteCall *call = user_data;
  const char *message;

  g_variant_get (parameters, "(&s)", &message);
  if (g_str_equal (method_name, "Print"))
    g_string_append (call->out, message);
  else
    {
      g_string_append (call->err, message);
      call->printed_error = TRUE;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_command_line_replied_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  RemoteCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);

  g_assert_no_error (error);
  g_variant_get (reply, "(i)", &call->status);
  call->replied = TRUE;
}

/* Sends the primary instance a command line with @options as they were parsed, as GApplication
 * would from another launch, possibly of another version that let them through. */
static void
send_command_line (Session    *session,
                   GVariant   *options,
                   RemoteCall *call)
{
  static const char xml[] =
    "<node><interface name='org.gtk.private.CommandLine'>"
    "<method name='Print'><arg type='s' name='message' direction='in'/></method>"
    "<method name='PrintError'><arg type='s' name='message' direction='in'/></method>"
    "</interface></node>";
  const GDBusInterfaceVTable vtable = { on_command_line_method_cb, NULL, NULL, { 0 } };
  const char *path = "/org/gtk/Application/CommandLine";
  const char *arguments[] = { "inflight", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (xml, &error);
  g_autoptr(GVariantDict) platform = g_variant_dict_new (NULL);
  guint id;

  g_assert_no_error (error);
  id = g_dbus_connection_register_object (session->connection, path, node->interfaces[0], &vtable, call, NULL, &error);
  g_assert_no_error (error);

  g_variant_dict_insert_value (platform, "options", options);
  g_dbus_connection_call (session->connection, APPLICATION_ID, APP_PATH, "org.gtk.Application", "CommandLine",
                          g_variant_new ("(o^aay@a{sv})", path, arguments, g_variant_dict_end (platform)),
                          G_VARIANT_TYPE ("(i)"), G_DBUS_CALL_FLAGS_NONE, 30000, NULL,
                          on_command_line_replied_cb, call);
  g_assert_true (iterate_until (&call->replied, 30));

  /* A failed command line has a message, sent before the reply but dispatched on its own. */
  if (call->status != 0)
    g_assert_true (iterate_until (&call->printed_error, 10));

  g_dbus_connection_unregister_object (session->connection, id);
}

/* A bad lesson for the running instance fails the launch that asked for it, with a line that says why. */
static void
test_second_instance_bad_lesson (void)
{
  Session session = { 0 };
  Result r = { 0 };
  GVariant *bad[3];

  if (!session_start (&session, "2"))
    return;

  /* A real launch: refused before it reaches the running instance. */
  run_with_env (&r, session.env, ARGS ("--lesson", "14"));
  g_assert_cmpint (r.status, ==, INFLIGHT_EXIT_USAGE);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpuint (count_lines (r.err), ==, 1);
  g_assert_nonnull (strstr (r.err, "--lesson: “14” is not a lesson"));
  result_clear (&r);

  /* What got past another launch: the running instance checks it, and says so on the launch's stderr. */
  bad[0] = g_variant_new_string ("14");
  bad[1] = g_variant_new_string ("0");
  bad[2] = g_variant_new_int32 (5);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
      RemoteCall call = { g_string_new (NULL), g_string_new (NULL), -1, FALSE, FALSE };

      g_variant_dict_insert_value (options, "lesson", bad[i]);
      send_command_line (&session, g_variant_dict_end (options), &call);
      g_test_message ("%s", call.err->str);
      g_assert_cmpint (call.status, ==, INFLIGHT_EXIT_USAGE);
      g_assert_cmpstr (call.out->str, ==, "");
      g_assert_cmpuint (count_lines (call.err->str), ==, 1);
      g_assert_nonnull (strstr (call.err->str, "--lesson"));
      g_assert_nonnull (strstr (call.err->str, "is not a lesson"));
      g_string_free (call.out, TRUE);
      g_string_free (call.err, TRUE);
    }

  /* …and stays on the lesson it showed. */
  session_quit (&session);
  g_assert_cmpint (session_last_lesson (&session), ==, 2);

  session_finish (&session);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  start_environ = g_get_environ ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/cli/parse-in-process", test_parse_in_process);
  g_test_add_func ("/cli/render/bad-inputs", test_render_bad_inputs);
  g_test_add_func ("/cli/render/writes", test_render_writes);
  g_test_add_func ("/cli/render/lesson-preset", test_render_lesson_preset);
  g_test_add_func ("/cli/headless", test_headless);
  g_test_add_func ("/cli/second-instance/lesson", test_second_instance_lesson);
  g_test_add_func ("/cli/second-instance/bad-lesson", test_second_instance_bad_lesson);

  status = g_test_run ();
  if (test_bus != NULL)
    g_test_dbus_down (test_bus);
  g_clear_object (&test_bus);
  g_strfreev (start_environ);

  return status;
}
