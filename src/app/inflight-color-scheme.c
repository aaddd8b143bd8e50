/* inflight-color-scheme.c
 * The desktop's light or dark preference, as a GNOME app without libadwaita can follow it:
 * from the Settings portal (namespace org.freedesktop.appearance, key color-scheme), or,
 * where no portal answers, from org.gnome.desktop.interface's color-scheme; followed as it
 * changes. A high-contrast theme is left as the learner chose it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-color-scheme"

#include "config.h"

#include <string.h>

#include "inflight-color-scheme.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS  "org.freedesktop.portal.Settings"
#define APPEARANCE       "org.freedesktop.appearance"
#define COLOR_SCHEME_KEY "color-scheme"
#define GNOME_INTERFACE  "org.gnome.desktop.interface"
/* A portal that does not answer within this long is taken as absent. */
#define PORTAL_TIMEOUT_MS 1000

struct _InflightColorSchemeMonitor
{
  GObject                    parent_instance;

  GDBusConnection           *bus;
  GSettingsSchemaSource     *schemas;    /* where GNOME's settings are looked for */
  GThread                   *reader;     /* asks the portal while the app builds its window */
  GVariant                  *reply;      /* the portal's answer, or NULL */
  GError                    *error;      /* or why there was none */
  gboolean                   settled;    /* the source is chosen and followed */
  guint                      subscription;
  GSettings                 *interface;
  GtkSettings               *followed;   /* weak */
  InflightColorScheme        scheme;
  InflightColorSchemeSource  source;
};

G_DEFINE_FINAL_TYPE (InflightColorSchemeMonitor, inflight_color_scheme_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SCHEME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * inflight_color_scheme_from_portal:
 * @value: the portal's value, wrapped in as many variants as its version wraps it in
 *
 * Returns: whether @value was a color scheme the portal defines; if so, in @scheme
 */
gboolean
inflight_color_scheme_from_portal (GVariant            *value,
                                   InflightColorScheme *scheme)
{
  g_autoptr(GVariant) inner = value != NULL ? g_variant_ref (value) : NULL;
  guint32 number;

  /* Read wraps the value in a second variant; ReadOne and SettingChanged in one. */
  while (inner != NULL && g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *next = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = next;
    }

  if (inner == NULL || !g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    return FALSE;

  number = g_variant_get_uint32 (inner);
  if (number > INFLIGHT_COLOR_SCHEME_PREFER_LIGHT)
    return FALSE;

  *scheme = (InflightColorScheme) number;
  return TRUE;
}

/**
 * inflight_color_scheme_from_nick:
 * @nick: (nullable): a value of org.gnome.desktop.interface's color-scheme
 *
 * Returns: the scheme it names; no preference for anything else
 */
InflightColorScheme
inflight_color_scheme_from_nick (const char *nick)
{
  if (g_strcmp0 (nick, "prefer-dark") == 0)
    return INFLIGHT_COLOR_SCHEME_PREFER_DARK;
  if (g_strcmp0 (nick, "prefer-light") == 0)
    return INFLIGHT_COLOR_SCHEME_PREFER_LIGHT;

  return INFLIGHT_COLOR_SCHEME_DEFAULT;
}

/**
 * inflight_color_scheme_apply:
 *
 * Asks GTK for the theme's dark variant when @scheme prefers dark, and for the light one
 * otherwise (no preference is light, as on GNOME). A high-contrast theme is left alone.
 */
void
inflight_color_scheme_apply (InflightColorScheme  scheme,
                             GtkSettings         *settings)
{
  g_autofree char *theme = NULL;
  gboolean dark = scheme == INFLIGHT_COLOR_SCHEME_PREFER_DARK;
  gboolean was_dark = FALSE;

  g_return_if_fail (GTK_IS_SETTINGS (settings));

  g_object_get (settings, "gtk-theme-name", &theme, "gtk-application-prefer-dark-theme", &was_dark, NULL);
  if (theme != NULL && strstr (theme, "HighContrast") != NULL)
    return;

  /* Setting it, even to the value it has, makes GTK load the whole theme again: at startup
   * that was a tenth of the time to the first frame. */
  if (dark != was_dark)
    g_object_set (settings, "gtk-application-prefer-dark-theme", dark, NULL);
}

static void
set_scheme (InflightColorSchemeMonitor *self,
            InflightColorScheme         scheme)
{
  if (self->scheme == scheme)
    return;

  self->scheme = scheme;
  if (self->followed != NULL)
    inflight_color_scheme_apply (scheme, self->followed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEME]);
}

static void
on_setting_changed (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *interface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  InflightColorSchemeMonitor *self = user_data;
  const char *namespace, *key;
  g_autoptr(GVariant) value = NULL;
  InflightColorScheme scheme;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;

  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_strcmp0 (namespace, APPEARANCE) == 0 && g_strcmp0 (key, COLOR_SCHEME_KEY) == 0 &&
      inflight_color_scheme_from_portal (value, &scheme))
    set_scheme (self, scheme);
}

/* In the reader thread: only the call itself, which is what takes time. What follows from the
 * answer (subscribing to changes, or falling back to GNOME's settings) is done by settle(), on
 * the thread whose main context is to hear the changes. */
static gpointer
read_portal_thread (gpointer data)
{
  InflightColorSchemeMonitor *self = data;

  self->reply = g_dbus_connection_call_sync (self->bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                                             g_variant_new ("(ss)", APPEARANCE, COLOR_SCHEME_KEY),
                                             G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, PORTAL_TIMEOUT_MS,
                                             NULL, &self->error);
  return NULL;
}

static gboolean
take_portal_reply (InflightColorSchemeMonitor *self)
{
  g_autoptr(GVariant) reply = g_steal_pointer (&self->reply);
  g_autoptr(GError) error = g_steal_pointer (&self->error);
  g_autoptr(GVariant) value = NULL;
  InflightColorScheme scheme;

  if (reply == NULL)
    {
      if (error != NULL)
        g_debug ("No color scheme from the Settings portal: %s", error->message);
      return FALSE;
    }

  g_variant_get (reply, "(v)", &value);
  if (!inflight_color_scheme_from_portal (value, &scheme))
    {
      g_debug ("The Settings portal's color scheme is not one it defines: %s",
               g_variant_get_type_string (value));
      return FALSE;
    }

  self->source = INFLIGHT_COLOR_SCHEME_SOURCE_PORTAL;
  self->scheme = scheme;
  self->subscription = g_dbus_connection_signal_subscribe (self->bus, PORTAL_NAME, PORTAL_SETTINGS, "SettingChanged",
                                                           PORTAL_PATH, APPEARANCE, G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_setting_changed, self, NULL);
  return TRUE;
}

static void
on_interface_changed (InflightColorSchemeMonitor *self)
{
  g_autofree char *nick = g_settings_get_string (self->interface, COLOR_SCHEME_KEY);

  set_scheme (self, inflight_color_scheme_from_nick (nick));
}

static gboolean
read_gsettings (InflightColorSchemeMonitor *self,
                GSettingsSchemaSource      *schemas)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *nick = NULL;

  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, GNOME_INTERFACE, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, COLOR_SCHEME_KEY))
    return FALSE;

  self->interface = g_settings_new_full (schema, NULL, NULL);
  nick = g_settings_get_string (self->interface, COLOR_SCHEME_KEY);
  self->source = INFLIGHT_COLOR_SCHEME_SOURCE_GSETTINGS;
  self->scheme = inflight_color_scheme_from_nick (nick);
  g_signal_connect_swapped (self->interface, "changed::" COLOR_SCHEME_KEY, G_CALLBACK (on_interface_changed), self);

  return TRUE;
}

/* Waits for the portal's answer if it is still on its way, and chooses the source once. */
static void
settle (InflightColorSchemeMonitor *self)
{
  if (self->reader != NULL)
    g_thread_join (g_steal_pointer (&self->reader));
  if (self->settled)
    return;

  self->settled = TRUE;
  if (!take_portal_reply (self))
    read_gsettings (self, self->schemas != NULL ? self->schemas : g_settings_schema_source_get_default ());
}

static void
inflight_color_scheme_monitor_dispose (GObject *object)
{
  InflightColorSchemeMonitor *self = INFLIGHT_COLOR_SCHEME_MONITOR (object);

  if (self->reader != NULL)
    g_thread_join (g_steal_pointer (&self->reader));
  g_clear_pointer (&self->reply, g_variant_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->schemas, g_settings_schema_source_unref);

  if (self->subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->bus, self->subscription);
  self->subscription = 0;
  g_clear_object (&self->bus);
  if (self->interface != NULL)
    g_signal_handlers_disconnect_by_data (self->interface, self);
  g_clear_object (&self->interface);
  g_clear_weak_pointer (&self->followed);

  G_OBJECT_CLASS (inflight_color_scheme_monitor_parent_class)->dispose (object);
}

static void
inflight_color_scheme_monitor_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  InflightColorSchemeMonitor *self = INFLIGHT_COLOR_SCHEME_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SCHEME:
      g_value_set_int (value, self->scheme);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_color_scheme_monitor_class_init (InflightColorSchemeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inflight_color_scheme_monitor_dispose;
  object_class->get_property = inflight_color_scheme_monitor_get_property;

  properties[PROP_SCHEME] =
    g_param_spec_int ("scheme", NULL, NULL,
                      INFLIGHT_COLOR_SCHEME_DEFAULT, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT, INFLIGHT_COLOR_SCHEME_DEFAULT,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_color_scheme_monitor_init (InflightColorSchemeMonitor *self)
{
}

/**
 * inflight_color_scheme_monitor_start:
 * @bus: (nullable): the session bus to ask the portal on; %NULL for the default one
 * @schemas: (nullable): where to look for GNOME's settings; %NULL for the default source
 *
 * Asks the portal on a thread of its own and returns at once, so that the question's round
 * trip overlaps whatever the caller does next (at startup: building the window). The answer
 * is waited for, and the source chosen, by the first call that needs it: get_scheme(),
 * get_source() or follow(), all on the thread that started it.
 *
 * Returns: (transfer full): the monitor
 */
InflightColorSchemeMonitor *
inflight_color_scheme_monitor_start (GDBusConnection       *bus,
                                     GSettingsSchemaSource *schemas)
{
  InflightColorSchemeMonitor *self = g_object_new (INFLIGHT_TYPE_COLOR_SCHEME_MONITOR, NULL);

  if (bus != NULL)
    self->bus = g_object_ref (bus);
  else
    self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (schemas != NULL)
    self->schemas = g_settings_schema_source_ref (schemas);

  if (self->bus != NULL)
    self->reader = g_thread_new ("color-scheme", read_portal_thread, self);

  return self;
}

/**
 * inflight_color_scheme_monitor_new:
 * @bus: (nullable): the session bus to ask the portal on; %NULL for the default one
 * @schemas: (nullable): where to look for GNOME's settings; %NULL for the default source
 *
 * Reads the preference now, from the portal if it answers, else from GNOME's settings, and
 * follows that source's changes.
 *
 * Returns: (transfer full): the monitor
 */
InflightColorSchemeMonitor *
inflight_color_scheme_monitor_new (GDBusConnection       *bus,
                                   GSettingsSchemaSource *schemas)
{
  InflightColorSchemeMonitor *self = inflight_color_scheme_monitor_start (bus, schemas);

  settle (self);

  return self;
}

/**
 * inflight_color_scheme_monitor_get_scheme:
 *
 * Returns: the preference as last read
 */
InflightColorScheme
inflight_color_scheme_monitor_get_scheme (InflightColorSchemeMonitor *self)
{
  g_return_val_if_fail (INFLIGHT_IS_COLOR_SCHEME_MONITOR (self), INFLIGHT_COLOR_SCHEME_DEFAULT);

  settle (self);
  return self->scheme;
}

/**
 * inflight_color_scheme_monitor_get_source:
 *
 * Returns: where the preference is read from
 */
InflightColorSchemeSource
inflight_color_scheme_monitor_get_source (InflightColorSchemeMonitor *self)
{
  g_return_val_if_fail (INFLIGHT_IS_COLOR_SCHEME_MONITOR (self), INFLIGHT_COLOR_SCHEME_SOURCE_NONE);

  settle (self);
  return self->source;
}

/**
 * inflight_color_scheme_monitor_follow:
 *
 * Applies the preference to @settings now and whenever it changes. Without a source
 * (no portal, no GNOME settings), @settings are left as they are, so that a preference
 * set in GTK's own settings file still holds.
 */
void
inflight_color_scheme_monitor_follow (InflightColorSchemeMonitor *self,
                                      GtkSettings                *settings)
{
  g_return_if_fail (INFLIGHT_IS_COLOR_SCHEME_MONITOR (self));
  g_return_if_fail (GTK_IS_SETTINGS (settings));

  settle (self);
  if (self->source == INFLIGHT_COLOR_SCHEME_SOURCE_NONE)
    return;

  g_set_weak_pointer (&self->followed, settings);
  inflight_color_scheme_apply (self->scheme, settings);
}
