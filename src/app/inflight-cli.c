/* inflight-cli.c
 * The command line: GApplication parses the options and they are checked here, before any window,
 * display or session bus is needed; --render runs a simulation for real and writes its diagram, headless.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "inflight-application.h"
#include "inflight-cli.h"
#include "inflight-code.h"
#include "inflight-diagram-text.h"
#include "inflight-lesson.h"
#include "inflight-runner.h"
#include "inflight-trace-event.h"

/* The options that set the scenario: the command line's name, the scenario's. */
typedef struct
{
  const char *option;
  const char *property;
} ScenarioOption;

static const ScenarioOption scenario_options[] = {
  { "requests", "requests" },
  { "latency", "latency-ms" },
  { "workers", "workers" },
  { "jitter", "jitter-pct" },
  { "failure", "failure-pct" },
  { "seed", "seed" },
};

/* Every value is a string, checked by inflight_cli_parse() so that a bad one gets a clear line. */
static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "lesson", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open lesson N; with --render, start from its experiment's values (1 to 13)"), N_("N") },
  { "render", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Run STRATEGY for real, without a window, and write its diagram to --output; or draw the experiment FILE.inflight, from the runs it recorded if it has them"),
    N_("STRATEGY|FILE") },
  { "requests", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How many calls to make (1 to 100000)"), N_("N") },
  { "latency", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How long one call takes, there and back, in milliseconds (0 to 10000)"), N_("MS") },
  { "workers", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The service's slots, the queue's workers or the parallel threads (1 to 64)"), N_("N") },
  { "jitter", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How much each call may vary at random, in percent (0 to 100)"), N_("PCT") },
  { "failure", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The share of calls that fail, in percent (0 to 100)"), N_("PCT") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Makes random latencies and failures repeatable"), N_("S") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Where to write the diagram: a .png, .svg or .pdf file; or .json for the run’s trace, for a profiler"), N_("FILE") },
  { "code", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --render, also write the code that ran, each thread’s line marked at the end (.c, .py or .js)"), N_("FILE") },
  /* Collected so that a stray argument is reported, not passed on. */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

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
           const char           *value,
           GError              **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s: ", option->property);
  const char *message;

  if (inflight_scenario_set_by_name (scenario, option->property, value, &local))
    return TRUE;

  message = local->message;
  if (g_str_has_prefix (message, prefix))
    message += strlen (prefix);

  return fail (error, "--%s: %s", option->option, message);
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
    return fail (error, _("--output: “%s” is a folder; give a file name ending in .png, .svg, .pdf or .json"), path);

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

/* A picture's format from @name, or the run's trace as Trace Event JSON for a .json name. */
static gboolean
output_format_for_name (const char         *name,
                        InflightCliOptions *options)
{
  const char *dot = strrchr (name, '.');

  options->trace_event = dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL &&
                         g_ascii_strcasecmp (dot, ".json") == 0;

  return options->trace_event || inflight_export_format_for_name (name, &options->format);
}

/* --render takes a strategy or an experiment file: a name that ends in .inflight, or any file. */
static gboolean
is_experiment_file (const char *render)
{
  return g_str_has_suffix (render, INFLIGHT_EXPERIMENT_SUFFIX) || g_file_test (render, G_FILE_TEST_IS_REGULAR);
}

/* One remaining argument may name an experiment file for the window to open: checked here,
 * so that a bad one is reported in one line before any window opens. */
static gboolean
check_remaining (const char * const  *rest,
                 const char          *render,
                 GError             **error)
{
  g_autoptr(InflightExperiment) experiment = NULL;

  if (rest == NULL || rest[0] == NULL)
    return TRUE;

  if (rest[1] != NULL || render != NULL || !is_experiment_file (rest[0]))
    return fail (error, _("Unexpected argument “%s”"), rest[rest[1] != NULL ? 1 : 0]);

  experiment = inflight_experiment_load_file (rest[0], error);

  return experiment != NULL;
}

/* --render FILE.inflight: the experiment, whose first pane stands for the run in the checks
 * that follow (@render becomes its strategy). */
static gboolean
load_render_experiment (GVariantDict        *dict,
                        InflightCliOptions  *options,
                        const char         **render,
                        GError             **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenario_options); i++)
    if (g_variant_dict_contains (dict, scenario_options[i].option))
      return fail (error, _("--%s does not go with an experiment file; change the file instead"),
                   scenario_options[i].option);
  if (options->lesson != 0)
    return fail (error, _("--lesson does not go with an experiment file"));

  options->experiment = inflight_experiment_load_file (*render, error);
  if (options->experiment == NULL)
    return FALSE;

  for (guint i = 0; i < inflight_experiment_get_n_panes (options->experiment); i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (options->experiment, i);
      InflightStrategy strategy = inflight_scenario_get_strategy (scenario);

      if (inflight_experiment_get_trace (options->experiment, i) == NULL && !inflight_strategy_is_runnable (strategy))
        return fail (error, _("--render: the “%s” strategy of pane %u cannot be run yet"),
                     inflight_strategy_to_string (strategy), i + 1);
    }

  g_object_unref (options->render);
  options->render = inflight_scenario_copy (inflight_experiment_get_scenario (options->experiment, 0));
  *render = inflight_strategy_to_string (inflight_scenario_get_strategy (options->render));

  return TRUE;
}

/* What runs without a window: every check on the options, --version and --render. */
static int
on_handle_local_options_cb (GApplication *app,
                            GVariantDict *dict,
                            gboolean     *parsed)
{
  g_autoptr(GError) error = NULL;
  InflightCliOptions options;
  int status = -1;

  *parsed = TRUE;

  if (!inflight_cli_parse (dict, &options, &error))
    {
      g_autofree char *message = inflight_cli_describe_error (error);

      g_printerr ("%s", message);
      return INFLIGHT_EXIT_USAGE;
    }

  if (options.version)
    {
      g_print ("Inflight %s\n", PACKAGE_VERSION);
      status = INFLIGHT_EXIT_OK;
    }
  else if (options.render != NULL)
    {
      status = inflight_cli_render (&options, &error);
      if (error != NULL)
        g_printerr ("inflight: %s\n", error->message);
    }

  inflight_cli_options_clear (&options);

  /* -1 goes on to the primary instance, this one or the one running already, which opens the lesson. */
  return status;
}

/**
 * inflight_cli_parse_lesson:
 * @dict: the options, as parsed here or in another instance
 * @lesson: (out): the lesson --lesson names, or 0 if there is no --lesson
 *
 * Returns: %FALSE with @error set, in one line, unless --lesson is absent or names a lesson.
 */
gboolean
inflight_cli_parse_lesson (GVariantDict  *dict,
                           guint         *lesson,
                           GError       **error)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(InflightLesson) found = NULL;
  g_autofree char *printed = NULL;
  const char *text;
  guint64 number;

  g_return_val_if_fail (dict != NULL, FALSE);
  g_return_val_if_fail (lesson != NULL, FALSE);

  *lesson = 0;
  value = g_variant_dict_lookup_value (dict, "lesson", NULL);
  if (value == NULL)
    return TRUE;

  /* Another instance, of another version, may send a value of another type. */
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_get_string (value, NULL);
  else
    text = printed = g_variant_print (value, TRUE);

  if (printed != NULL ||
      !g_ascii_string_to_unsigned (text, 10, INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST, &number, NULL) ||
      (found = inflight_lessons_find (number)) == NULL)
    return fail (error, _("--lesson: “%s” is not a lesson; the lessons are numbered %u to %u"),
                 text, INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST);

  *lesson = number;
  return TRUE;
}

/**
 * inflight_cli_parse:
 * @dict: the options GApplication parsed
 * @options: (out caller-allocates): filled in; clear it with inflight_cli_options_clear()
 *
 * Returns: %FALSE with @error set when the command line is not understood,
 * with a message of one line that says what is wrong.
 */
gboolean
inflight_cli_parse (GVariantDict        *dict,
                    InflightCliOptions  *options,
                    GError             **error)
{
  g_autofree const char **rest = NULL;
  const char *render = NULL;
  const char *output = NULL;
  const char *code = NULL;
  InflightStrategy strategy;
  gboolean ok = TRUE;

  g_return_val_if_fail (dict != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  memset (options, 0, sizeof *options);

  g_variant_dict_lookup (dict, "version", "b", &options->version);
  g_variant_dict_lookup (dict, "render", "&s", &render);
  g_variant_dict_lookup (dict, "output", "^&ay", &output);
  g_variant_dict_lookup (dict, "code", "^&ay", &code);
  g_variant_dict_lookup (dict, G_OPTION_REMAINING, "^a&s", &rest);

  if (!inflight_cli_parse_lesson (dict, &options->lesson, error))
    ok = FALSE;
  else if (!check_remaining (rest, render, error))
    ok = FALSE;
  else if (render == NULL)
    {
      for (guint i = 0; ok && i < G_N_ELEMENTS (scenario_options); i++)
        if (g_variant_dict_contains (dict, scenario_options[i].option))
          ok = fail (error, _("--%s only goes with --render"), scenario_options[i].option);
      if (ok && output != NULL)
        ok = fail (error, _("--output only goes with --render"));
      if (ok && code != NULL)
        ok = fail (error, _("--code only goes with --render"));
    }
  else if (output == NULL)
    ok = fail (error, _("--render needs --output FILE, a .png, .svg, .pdf or .json file to write"));
  else
    {
      options->render = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);
      if (is_experiment_file (render))
        ok = load_render_experiment (dict, options, &render, error);
      if (ok && options->lesson != 0)
        {
          g_autoptr(InflightLesson) preset = inflight_lessons_find (options->lesson);
          InflightLessonKind kind = inflight_lesson_get_experiment (preset);

          if (kind == INFLIGHT_LESSON_KIND_SORT || kind == INFLIGHT_LESSON_KIND_SUMMARY)
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

      for (guint i = 0; ok && i < G_N_ELEMENTS (scenario_options); i++)
        {
          const char *value;

          if (g_variant_dict_lookup (dict, scenario_options[i].option, "&s", &value))
            ok = set_value (options->render, &scenario_options[i], value, error);
        }

      if (ok && !output_format_for_name (output, options))
        ok = fail (error, _("--output: “%s” must end in .png, .svg, .pdf or .json"), output);
      if (ok)
        ok = check_output (output, error);
      if (ok)
        options->output = g_strdup (output);
      if (ok && code != NULL)
        ok = check_output (code, error);
      if (ok)
        options->code = g_strdup (code);
    }

  if (!ok)
    inflight_cli_options_clear (options);

  return ok;
}

/**
 * inflight_cli_describe_error:
 *
 * Returns: (transfer full): the line to print for a command line that is not understood
 */
char *
inflight_cli_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* A file's problem names the file and the line: the options were not to blame. */
  if (error->domain == INFLIGHT_EXPERIMENT_ERROR)
    return g_strdup_printf ("inflight: %s\n", error->message);

  /* Translators: an error on the command line; %s says what is wrong */
  return g_strdup_printf (_("inflight: %s (see “inflight --help”)\n"), error->message);
}

void
inflight_cli_options_clear (InflightCliOptions *options)
{
  g_return_if_fail (options != NULL);

  g_clear_object (&options->render);
  g_clear_object (&options->experiment);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->code, g_free);
  memset (options, 0, sizeof *options);
}

/* The listing for slides: in the language its file name says, C unless it ends in .py or .js. */
static gboolean
write_code (InflightScenario             *scenario,
            const InflightTraceSnapshot  *snapshot,
            const char                   *path,
            GError                      **error)
{
  InflightLanguage language = INFLIGHT_LANGUAGE_C;
  g_autoptr(InflightListing) listing = NULL;
  g_autofree char *text = NULL;

  if (g_str_has_suffix (path, ".py"))
    language = INFLIGHT_LANGUAGE_PYTHON;
  else if (g_str_has_suffix (path, ".js"))
    language = INFLIGHT_LANGUAGE_JAVASCRIPT;

  listing = inflight_listing_load (inflight_scenario_get_strategy (scenario), language, error);
  if (listing == NULL)
    return FALSE;

  text = inflight_listing_render_text (listing, snapshot, inflight_trace_snapshot_end_time (snapshot), FALSE);

  return g_file_set_contents (path, text, -1, error);
}

/* The experiment's runs as Trace Event JSON, a process for each pane, named after its strategy. */
static gboolean
write_trace_event (InflightExperiment  *experiment,
                   GFile               *file,
                   GError             **error)
{
  const InflightTraceSnapshot *runs[INFLIGHT_EXPERIMENT_MAX_PANES];
  const char *names[INFLIGHT_EXPERIMENT_MAX_PANES];
  guint n = inflight_experiment_get_n_panes (experiment);
  g_autofree char *data = NULL;
  gsize length = 0;

  for (guint i = 0; i < n; i++)
    {
      runs[i] = inflight_experiment_get_trace (experiment, i);
      names[i] = inflight_strategy_get_title (inflight_scenario_get_strategy (inflight_experiment_get_scenario (experiment, i)));
    }
  data = inflight_trace_event_to_data (runs, names, n, &length);

  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* The panes of an experiment that have no recorded run run now, for real, one after another,
 * each on a main context of its own. Returns an exit status, as inflight_cli_render(). */
static int
run_experiment (InflightExperiment  *experiment,
                GError             **error)
{
  for (guint i = 0; i < inflight_experiment_get_n_panes (experiment); i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (experiment, i);
      g_autoptr(GMainContext) context = NULL;
      g_autoptr(InflightRunner) runner = NULL;
      g_autoptr(InflightTrace) trace = NULL;
      g_autoptr(InflightTraceSnapshot) snapshot = NULL;
      gboolean ran;

      if (inflight_experiment_get_trace (experiment, i) != NULL)
        continue;

      runner = inflight_runner_new (inflight_scenario_get_strategy (scenario));
      if (runner == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("--render: this strategy cannot be run yet"));
          return INFLIGHT_EXIT_USAGE;
        }

      context = g_main_context_new ();
      trace = inflight_trace_new ();
      g_main_context_push_thread_default (context);
      ran = inflight_runner_run_sync (runner, scenario, trace, NULL, error);
      g_main_context_pop_thread_default (context);
      if (!ran)
        return INFLIGHT_EXIT_FAILURE;

      snapshot = inflight_trace_snapshot (trace);
      inflight_experiment_set_trace (experiment, i, snapshot);
    }

  return INFLIGHT_EXIT_OK;
}

/**
 * inflight_cli_render:
 *
 * Runs the scenario of --render for real, on a main context of its own (no
 * display is touched), and writes the whole run's diagram to --output, or
 * its trace as Trace Event JSON when --output ends in .json. An experiment
 * file's panes are drawn side by side, each from the run the file recorded,
 * or else run for real; in JSON, each pane is a process.
 *
 * Returns: the exit status: %INFLIGHT_EXIT_USAGE if the file could not be
 * written, %INFLIGHT_EXIT_FAILURE if the run failed; @error says why.
 */
int
inflight_cli_render (InflightCliOptions  *options,
                     GError             **error)
{
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  const InflightTraceSnapshot *first;
  g_autoptr(InflightExport) export = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) summaries = g_string_new (NULL);
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  int status;

  g_return_val_if_fail (options != NULL && options->render != NULL, INFLIGHT_EXIT_USAGE);

  /* A strategy on its own is an experiment of one pane, with no run recorded yet. */
  if (options->experiment == NULL)
    {
      options->experiment = inflight_experiment_new ();
      inflight_experiment_add_pane (options->experiment, options->render);
      inflight_experiment_remove_pane (options->experiment, 0);
    }

  status = run_experiment (options->experiment, error);
  if (status != INFLIGHT_EXIT_OK)
    return status;
  snapshot = inflight_experiment_side_by_side (options->experiment);
  first = inflight_experiment_get_trace (options->experiment, 0);

  file = g_file_new_for_commandline_arg (options->output);
  if (options->trace_event)
    {
      if (!write_trace_event (options->experiment, file, error))
        return INFLIGHT_EXIT_USAGE;
    }
  else
    {
      /* The fixed light palette: a file is read on paper and screens of any theme. */
      inflight_diagram_style_init_light (&style);
      inflight_export_whole_run (snapshot, &viewport);
      export = inflight_export_new (snapshot, inflight_trace_snapshot_end_time (snapshot), &viewport, &style);
      inflight_diagram_style_clear (&style);

      if (!inflight_export_write (export, file, options->format, NULL, error))
        return INFLIGHT_EXIT_USAGE;
    }

  if (options->code != NULL && !write_code (options->render, first, options->code, error))
    return INFLIGHT_EXIT_USAGE;

  /* Each pane's run is told of on its own: its caller's waiting is its own. */
  for (guint i = 0; i < inflight_experiment_get_n_panes (options->experiment); i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (options->experiment, i);
      g_autofree char *run = inflight_diagram_describe (inflight_experiment_get_trace (options->experiment, i),
                                                        inflight_strategy_get_title (inflight_scenario_get_strategy (scenario)));

      if (i > 0)
        g_string_append_c (summaries, ' ');
      g_string_append (summaries, run);
    }
  /* Translators: printed after --render: the file written, then a summary of the run */
  g_print (_("Wrote %s: %s\n"), options->output, summaries->str);

  return INFLIGHT_EXIT_OK;
}

/**
 * inflight_cli_main:
 *
 * Everything main() does: the application runs the command line, here or in
 * the instance that is running already.
 *
 * Returns: the process's exit status.
 */
int
inflight_cli_main (int    argc,
                   char **argv)
{
  g_autoptr(InflightApplication) app = NULL;
  const char *localedir = g_getenv ("INFLIGHT_LOCALEDIR");
  gboolean parsed = FALSE;
  int status;

  /* INFLIGHT_LOCALEDIR: the catalogues of a build that is not installed, for its tests. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = inflight_application_new ();
  g_application_add_main_option_entries (G_APPLICATION (app), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (app), _("[FILE.inflight]"));
  g_application_set_option_context_summary (G_APPLICATION (app),
                                            _("See synchronous and asynchronous calls at work."));
  g_application_set_option_context_description (G_APPLICATION (app),
    _("Without options, opens the course, or brings its window to the front if it is open already;\n"
      "--lesson N opens lesson N there, and FILE.inflight opens an experiment file. With --render,\n"
      "runs one experiment for real and writes its sequence diagram, with no display needed:\n"
      "  inflight --render callback --requests 10 --latency 200 --output calls.svg\n"
      "--render also takes an experiment file and draws its panes side by side; a pane whose\n"
      "run the file recorded is drawn from that record, without running again:\n"
      "  inflight --render slow.inflight --output slow.png\n"
      "With an --output file ending in .json, writes the run’s trace instead, in the Trace Event\n"
      "Format that profilers such as Perfetto open.\n"
      "Strategies: blocking, ui-blocking, callback, future, queue, event-loop, parallel."));
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options_cb), &parsed);

  status = g_application_run (G_APPLICATION (app), argc, argv);

  /* GApplication has printed why it could not parse the options, and exits 1: a usage error is 2. */
  if (!parsed && status != INFLIGHT_EXIT_OK)
    return INFLIGHT_EXIT_USAGE;

  return status;
}
