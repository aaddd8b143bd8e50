/* inflight-cli.c
 * The command line: options are checked here, before any window or display is needed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "inflight-application.h"
#include "inflight-cli.h"

/**
 * inflight_cli_parse:
 * @args: (inout): the arguments, without the program name; what is parsed is removed
 *
 * Returns: %FALSE with @error set when the command line is not understood.
 */
gboolean
inflight_cli_parse (char               **args,
                    InflightCliOptions  *options,
                    GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_return_val_if_fail (args != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  memset (options, 0, sizeof *options);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("See synchronous and asynchronous calls at work."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  g_strv_builder_add (builder, "inflight");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (!g_option_context_parse_strv (context, &argv, error))
    return FALSE;

  if (argv[1] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Unexpected argument “%s”"), argv[1]);
      return FALSE;
    }

  return TRUE;
}

/**
 * inflight_cli_main:
 *
 * Everything main() does: parse the command line, then run the application.
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
      return INFLIGHT_EXIT_OK;
    }

  app = inflight_application_new ();

  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
