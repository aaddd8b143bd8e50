/* inflight-application.c
 * The application: actions, accelerators, settings, and its window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-application"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-application.h"
#include "inflight-window.h"

struct _InflightApplication
{
  GtkApplication  parent_instance;

  GSettings        *settings;
  InflightProgress *progress;
  guint             initial_lesson;
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
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
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

static const GActionEntry app_actions[] = {
  { "about", inflight_application_about_action },
  { "quit", inflight_application_quit_action },
};

static void
inflight_application_activate (GApplication *app)
{
  InflightApplication *self = INFLIGHT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Asked for on the command line: it opens in place of the lesson last open. */
  if (window == NULL && self->initial_lesson != 0 && self->settings != NULL)
    g_settings_set_int (self->settings, "last-lesson", self->initial_lesson);

  if (window == NULL)
    window = GTK_WINDOW (inflight_window_new (self));

  if (self->initial_lesson != 0)
    inflight_window_show_lesson (INFLIGHT_WINDOW (window), self->initial_lesson);
  self->initial_lesson = 0;

  gtk_window_present (window);
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

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });

  /* Without an installed schema the app still runs; it just remembers nothing. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  else
    g_message ("The settings schema %s is not installed: window size and progress will not be saved",
               APPLICATION_ID);

  self->progress = inflight_progress_new (self->settings);
}

static void
inflight_application_dispose (GObject *object)
{
  InflightApplication *self = INFLIGHT_APPLICATION (object);

  g_clear_object (&self->progress);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (inflight_application_parent_class)->dispose (object);
}

static void
inflight_application_class_init (InflightApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = inflight_application_dispose;

  app_class->activate = inflight_application_activate;
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
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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

/**
 * inflight_application_set_initial_lesson:
 *
 * Opens lesson @lesson at activation, rather than the one last open.
 */
void
inflight_application_set_initial_lesson (InflightApplication *self,
                                         guint                lesson)
{
  g_return_if_fail (INFLIGHT_IS_APPLICATION (self));

  self->initial_lesson = lesson;
}
