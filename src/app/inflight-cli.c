/* inflight-cli.c
 * The command line: options are checked here, before any window or display is needed;
 * --render runs a simulation for real and writes its diagram, headless.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "inflight-application.h"
#include "inflight-cli.h"
#include "inflight-diagram-text.h"
#include "inflight-lesson.h"
#include "inflight-runner.h"

/* The options that set the scenario: the command line's name, the scenario's, the value. */
typedef struct
{
  const char *option;
  const char *property;
  char       *value;
} ScenarioOption;

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, format, args));
  va_end (args);

  return FALSE;
}

/* The engine's message names its parameter ("latency-ms: …"): name the option instead. */
static gboolean
set_value (InflightScenario     *scenario,
           const ScenarioOption *option,
           GError              **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s: ", option->property);
  const char *message;

  if (inflight_scenario_set_by_name (scenario, option->property, option->value, &local))
    return TRUE;

  message = local->message;
  if (g_str_has_prefix (message, prefix))
    message += strlen (prefix);

  return fail (error, "--%s: %s", option->option, message);
}

/* A lesson number that names a lesson with something to run, or a clear line saying not. */
static gboolean
parse_lesson (const char  *text,
              guint       *lesson,
              GError     **error)
{
  g_autoptr(InflightLesson) found = NULL;
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST, &number, NULL) ||
      (found = inflight_lessons_find (number)) == NULL)
    return fail (error, _("--lesson: “%s” is not a lesson; the lessons are numbered %u to %u"),
                 text, INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST);

  *lesson = number;
  return TRUE;
}

/* Catches a path that cannot be written before the run, not after it. */
static gboolean
check_output (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = NULL;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return fail (error, _("--output: “%s” is a folder; give a file name ending in .png, .svg or .pdf"), path);

  if (parent == NULL)
    return fail (error, _("--output: “%s” is not a file name"), path);

  folder = g_file_get_parse_name (parent);
  if (g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return fail (error, _("--output: the folder “%s” does not exist"), folder);

  if (g_file_is_native (parent))
    {
      g_autofree char *local = g_file_get_path (parent);

      if (local != NULL && g_access (local, W_OK) != 0)
        return fail (error, _("--output: the folder “%s” cannot be written to"), folder);
    }

  return TRUE;
}

/**
 * inflight_cli_parse:
 * @args: (inout): the arguments, without the program name
 * @options: (out caller-allocates): filled in; clear it with inflight_cli_options_clear()
 *
 * Returns: %FALSE with @error set when the command line is not understood,
 * with a message of one line that says what is wrong.
 */
gboolean
inflight_cli_parse (char               **args,
                    InflightCliOptions  *options,
                    GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *render = NULL;
  g_autofree char *output = NULL;
  g_autofree char *lesson = NULL;
  ScenarioOption values[] = {
    { "requests", "requests", NULL },
    { "latency", "latency-ms", NULL },
    { "workers", "workers", NULL },
    { "jitter", "jitter-pct", NULL },
    { "failure", "failure-pct", NULL },
    { "seed", "seed", NULL },
  };
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { "lesson", 0, 0, G_OPTION_ARG_STRING, &lesson,
      N_("Open lesson N; with --render, start from its experiment's values (1 to 13)"), N_("N") },
    { "render", 0, 0, G_OPTION_ARG_STRING, &render,
      N_("Run STRATEGY for real, without a window, and write its diagram to --output"), N_("STRATEGY") },
    { "requests", 0, 0, G_OPTION_ARG_STRING, &values[0].value,
      N_("How many calls to make (1 to 100000)"), N_("N") },
    { "latency", 0, 0, G_OPTION_ARG_STRING, &values[1].value,
      N_("How long one call takes, there and back, in milliseconds (0 to 10000)"), N_("MS") },
    { "workers", 0, 0, G_OPTION_ARG_STRING, &values[2].value,
      N_("The service's slots, the queue's workers or the parallel threads (1 to 64)"), N_("N") },
    { "jitter", 0, 0, G_OPTION_ARG_STRING, &values[3].value,
      N_("How much each call may vary at random, in percent (0 to 100)"), N_("PCT") },
    { "failure", 0, 0, G_OPTION_ARG_STRING, &values[4].value,
      N_("The share of calls that fail, in percent (0 to 100)"), N_("PCT") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &values[5].value,
      N_("Makes random latencies and failures repeatable"), N_("S") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write the diagram: a .png, .svg or .pdf file"), N_("FILE") },
    { NULL }
  };
  InflightStrategy strategy;
  gboolean ok = TRUE;

  g_return_val_if_fail (args != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  memset (options, 0, sizeof *options);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("See synchronous and asynchronous calls at work."));
  g_option_context_set_description (context,
    _("Without options, opens the course. With --render, runs one experiment for real and writes\n"
      "its sequence diagram, with no display needed:\n"
      "  inflight --render callback --requests 10 --latency 200 --output calls.svg\n"
      "Strategies: blocking, ui-blocking, callback, future, queue, event-loop, parallel."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  g_strv_builder_add (builder, "inflight");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (!g_option_context_parse_strv (context, &argv, error))
    ok = FALSE;
  else if (lesson != NULL && !parse_lesson (lesson, &options->lesson, error))
    ok = FALSE;
  else if (argv[1] != NULL)
    ok = fail (error, _("Unexpected argument “%s”"), argv[1]);
  else if (render == NULL)
    {
      for (guint i = 0; ok && i < G_N_ELEMENTS (values); i++)
        if (values[i].value != NULL)
          ok = fail (error, _("--%s only goes with --render"), values[i].option);
      if (ok && output != NULL)
        ok = fail (error, _("--output only goes with --render"));
    }
  else if (output == NULL)
    ok = fail (error, _("--render needs --output FILE, a .png, .svg or .pdf file to write"));
  else
    {
      options->render = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);
      if (options->lesson != 0)
        {
          g_autoptr(InflightLesson) preset = inflight_lessons_find (options->lesson);
          InflightExperiment kind = inflight_lesson_get_experiment (preset);

          if (kind == INFLIGHT_EXPERIMENT_SORT || kind == INFLIGHT_EXPERIMENT_SUMMARY)
            ok = fail (error, _("--lesson: lesson %u has no experiment of its own to render"), options->lesson);
          else
            {
              g_object_unref (options->render);
              options->render = inflight_lesson_create_scenario (preset);
            }
        }

      if (ok && !inflight_strategy_from_string (render, &strategy))
        ok = fail (error, _("--render: “%s” is not a strategy (blocking, ui-blocking, callback, future, queue, event-loop, parallel)"),
                   render);
      else if (ok && !inflight_strategy_is_runnable (strategy))
        ok = fail (error, _("--render: the “%s” strategy cannot be run yet"), render);
      else if (ok)
        inflight_scenario_set_strategy (options->render, strategy);

      for (guint i = 0; ok && i < G_N_ELEMENTS (values); i++)
        if (values[i].value != NULL)
          ok = set_value (options->render, &values[i], error);

      if (ok && !inflight_export_format_for_name (output, &options->format))
        ok = fail (error, _("--output: “%s” must end in .png, .svg or .pdf"), output);
      if (ok)
        ok = check_output (output, error);
      if (ok)
        options->output = g_steal_pointer (&output);
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_free (values[i].value);

  if (!ok)
    inflight_cli_options_clear (options);

  return ok;
}

void
inflight_cli_options_clear (InflightCliOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_object (&options->render);
  g_clear_pointer (&options->output, g_free);
  memset (options, 0, sizeof *options);
}

/**
 * inflight_cli_render:
 *
 * Runs the scenario of --render for real, on a main context of its own (no
 * display is touched), and writes the whole run's diagram to --output.
 *
 * Returns: the exit status: %INFLIGHT_EXIT_USAGE if the file could not be
 * written, %INFLIGHT_EXIT_FAILURE if the run failed; @error says why.
 */
int
inflight_cli_render (InflightCliOptions  *options,
                     GError             **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(InflightRunner) runner = NULL;
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(InflightExport) export = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *summary = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Wait wait = { loop, NULL };
  gboolean ran;

  g_return_val_if_fail (options != NULL && options->render != NULL, INFLIGHT_EXIT_USAGE);

  runner = inflight_runner_new (inflight_scenario_get_strategy (options->render));
  if (runner == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("--render: this strategy cannot be run yet"));
      return INFLIGHT_EXIT_USAGE;
    }

  g_main_context_push_thread_default (context);
  inflight_runner_run_async (runner, options->render, trace, NULL, run_done_cb, &wait);
  g_main_loop_run (loop);
  ran = inflight_runner_run_finish (runner, wait.result, error);
  g_clear_object (&wait.result);
  g_main_context_pop_thread_default (context);

  if (!ran)
    return INFLIGHT_EXIT_FAILURE;

  /* The fixed light palette: a file is read on paper and screens of any theme. */
  snapshot = inflight_trace_snapshot (trace);
  inflight_diagram_style_init_light (&style);
  inflight_export_whole_run (snapshot, &viewport);
  export = inflight_export_new (snapshot, inflight_trace_snapshot_end_time (snapshot), &viewport, &style);
  inflight_diagram_style_clear (&style);

  file = g_file_new_for_commandline_arg (options->output);
  if (!inflight_export_write (export, file, options->format, NULL, error))
    return INFLIGHT_EXIT_USAGE;

  summary = inflight_diagram_describe (snapshot, inflight_strategy_get_title (inflight_scenario_get_strategy (options->render)));
  /* Translators: printed after --render: the file written, then a summary of the run */
  g_print (_("Wrote %s: %s\n"), options->output, summary);

  return INFLIGHT_EXIT_OK;
}

/**
 * inflight_cli_main:
 *
 * Everything main() does: parse the command line, then render or run the application.
 *
 * Returns: the process's exit status.
 */
int
inflight_cli_main (int    argc,
                   char **argv)
{
  g_autoptr(InflightApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  InflightCliOptions options;
  char *app_argv[] = { argv[0], NULL };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  args = g_strdupv (argc > 1 ? argv + 1 : (char *[]) { NULL });

  if (!inflight_cli_parse (args, &options, &error))
    {
      g_printerr ("inflight: %s (see “inflight --help”)\n", error->message);
      return INFLIGHT_EXIT_USAGE;
    }

  if (options.version)
    {
      g_print ("Inflight %s\n", PACKAGE_VERSION);
      inflight_cli_options_clear (&options);
      return INFLIGHT_EXIT_OK;
    }

  if (options.render != NULL)
    {
      status = inflight_cli_render (&options, &error);
      if (error != NULL)
        g_printerr ("inflight: %s\n", error->message);
      inflight_cli_options_clear (&options);
      return status;
    }

  app = inflight_application_new ();
  if (options.lesson != 0)
    inflight_application_set_initial_lesson (app, options.lesson);
  inflight_cli_options_clear (&options);

  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
