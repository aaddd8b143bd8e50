/* inflight-application.c
 * The application: actions, accelerators, settings, and its window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-application"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-application.h"
#include "inflight-cli.h"
#include "inflight-color-scheme.h"
#include "inflight-window.h"

struct _InflightApplication
{
  GtkApplication  parent_instance;

  GSettings                  *settings;
  InflightProgress           *progress;
  InflightColorSchemeMonitor *color_scheme;
};

G_DEFINE_FINAL_TYPE (InflightApplication, inflight_application, GTK_TYPE_APPLICATION)

static void
inflight_application_about_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  InflightApplication *self = user_data;
  const char *developers[] = { _("The Inflight developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Inflight"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("See synchronous and asynchronous calls at work"),
                         "website", "https://github.com/inflight/inflight",
                         "authors", developers,
                         "copyright", _("© 2026 The Inflight developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Where no help viewer can show the guide, the window says so and where else to find it. */
static void
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    return;

  g_message ("The user guide could not be shown: %s", error->message);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_INFO, GTK_BUTTONS_CLOSE,
                                   _("No help viewer is installed"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("The user guide opens in a help viewer such as Help (the "
                                              "“yelp” package). Once one is installed, press F1 again. "
                                              "The options of the command line are in “man inflight”."));
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_widget_set_name (dialog, "help-missing");
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
inflight_application_help_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  InflightApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return;

  gtk_show_uri_full (window, "help:" GETTEXT_PACKAGE, GDK_CURRENT_TIME, NULL, help_shown_cb, g_object_ref (window));
}

static void
inflight_application_quit_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  InflightApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save its state and stop its run. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static InflightWindow *get_window (InflightApplication *self,
                                   guint                lesson);

/* Opens or saves the playground's experiment at a path given with the action, with no file
 * chooser: for scripts and the tests, which drive the application over D-Bus. */
static void
inflight_application_experiment_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  InflightApplication *self = user_data;
  InflightWindow *window = get_window (self, 0);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "open-experiment"))
    inflight_window_open_experiment (window, file);
  else if (!inflight_playground_save_file (inflight_window_show_playground (window), file, TRUE, &error))
    g_warning ("The experiment could not be saved: %s", error->message);
}

static const GActionEntry app_actions[] = {
  { "about", inflight_application_about_action },
  { "help", inflight_application_help_action },
  { "quit", inflight_application_quit_action },
  { "open-experiment", inflight_application_experiment_action, "s" },
  { "save-experiment", inflight_application_experiment_action, "s" },
};

/* The one window, made on first use; @lesson, if not 0, opens in place of the lesson last open. */
static InflightWindow *
get_window (InflightApplication *self,
            guint                lesson)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  InflightWindow *created;

  g_assert (INFLIGHT_IS_APPLICATION (self));

  if (window != NULL)
    return INFLIGHT_WINDOW (window);

  if (lesson != 0 && self->settings != NULL)
    {
      g_settings_set_int (self->settings, "last-lesson", lesson);
      g_settings_set_boolean (self->settings, "playground-shown", FALSE);
    }

  created = inflight_window_new (self);
  /* The portal, asked at startup, has answered while the window was built: its preference is
   * in force before the window is first shown. */
  inflight_color_scheme_monitor_follow (self->color_scheme, gtk_settings_get_default ());

  return created;
}

static int
command_line_fail (GApplicationCommandLine *command_line,
                   const GError            *error)
{
  g_autofree char *message = inflight_cli_describe_error (error);

  g_application_command_line_printerr (command_line, "%s", message);
  g_application_command_line_set_exit_status (command_line, INFLIGHT_EXIT_USAGE);

  return INFLIGHT_EXIT_USAGE;
}

static void
inflight_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (INFLIGHT_APPLICATION (app), 0)));
}

/* Runs in the primary instance, for its own command line or for a later launch's. */
static int
inflight_application_command_line (GApplication            *app,
                                   GApplicationCommandLine *command_line)
{
  InflightApplication *self = INFLIGHT_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) experiment = NULL;
  g_autofree const char **rest = NULL;
  InflightWindow *window;
  gboolean shown;
  guint lesson;

  /* Checked again here: the launch that sent it may be of another version. */
  if (!inflight_cli_parse_lesson (options, &lesson, &error))
    return command_line_fail (command_line, error);

  /* An experiment file, named from where the launch was made, opens in the playground. */
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &rest) && rest[0] != NULL)
    experiment = g_application_command_line_create_file_for_arg (command_line, rest[0]);

  window = get_window (self, lesson);
  shown = lesson == 0 || inflight_window_show_lesson (window, lesson);
  if (experiment != NULL)
    inflight_window_open_experiment (window, experiment);
  gtk_window_present (GTK_WINDOW (window));

  if (!shown)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--lesson: lesson %u is not offered"), lesson);
      return command_line_fail (command_line, error);
    }

  return INFLIGHT_EXIT_OK;
}

static void
inflight_application_startup (GApplication *app)
{
  InflightApplication *self = INFLIGHT_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (inflight_application_parent_class)->startup (app);

  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* Light or dark as the desktop prefers, and as it changes while the app runs. The portal is
   * asked now and answers while the window is built; get_window() follows the answer before
   * the window is first shown. */
  self->color_scheme = inflight_color_scheme_monitor_start (NULL, NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help",
                                         (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });

  /* Without an installed schema the app still runs; it just remembers nothing. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (SCHEMA_ID);
  else
    g_message ("The settings schema %s is not installed: window size and progress will not be saved",
               SCHEMA_ID);

  self->progress = inflight_progress_new (self->settings);
}

static void
inflight_application_dispose (GObject *object)
{
  InflightApplication *self = INFLIGHT_APPLICATION (object);

  g_clear_object (&self->progress);
  g_clear_object (&self->settings);
  g_clear_object (&self->color_scheme);

  G_OBJECT_CLASS (inflight_application_parent_class)->dispose (object);
}

static void
inflight_application_class_init (InflightApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = inflight_application_dispose;

  app_class->activate = inflight_application_activate;
  app_class->command_line = inflight_application_command_line;
  app_class->startup = inflight_application_startup;
}

static void
inflight_application_init (InflightApplication *self)
{
}

InflightApplication *
inflight_application_new (void)
{
  return g_object_new (INFLIGHT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * inflight_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 * schema is not installed.
 */
GSettings *
inflight_application_get_settings (InflightApplication *self)
{
  g_return_val_if_fail (INFLIGHT_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * inflight_application_get_progress:
 *
 * Returns: (transfer none): the learner's progress, once started up
 */
InflightProgress *
inflight_application_get_progress (InflightApplication *self)
{
  g_return_val_if_fail (INFLIGHT_IS_APPLICATION (self), NULL);

  return self->progress;
}
