/* test-color-scheme.c
 * The app follows the desktop's Dark style: from a Settings portal (a mock one on the session
 * bus here), or from GNOME's interface settings where no portal answers; the diagram's palette
 * follows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "inflight-color-scheme.h"
#include "inflight-test-widgets.h"
#include "inflight-widget-style.h"

/* ---------------------------------------------------------------------------------------------- */
/* A Settings portal of our own, on a connection and a thread of its own. */

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Settings'>"
  "    <method name='Read'>"
  "      <arg type='s' name='namespace' direction='in'/>"
  "      <arg type='s' name='key' direction='in'/>"
  "      <arg type='v' name='value' direction='out'/>"
  "    </method>"
  "    <signal name='SettingChanged'>"
  "      <arg type='s' name='namespace'/>"
  "      <arg type='s' name='key'/>"
  "      <arg type='v' name='value'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  guint            scheme;     /* atomic */
  guint            reads;      /* atomic */
  gboolean         owned;
  gboolean         lost;       /* a portal of the desktop's own holds the name */
  GMutex           lock;
  GCond            ready;
} MockPortal;

static void
portal_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  MockPortal *portal = user_data;
  const char *namespace, *key;

  g_variant_get (parameters, "(&s&s)", &namespace, &key);
  g_atomic_int_inc (&portal->reads);
  if (g_strcmp0 (namespace, "org.freedesktop.appearance") != 0 || g_strcmp0 (key, "color-scheme") != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.freedesktop.portal.Error.NotFound",
                                                  "Requested setting not found");
      return;
    }

  /* As the portal's Read does: the value in a variant in a variant. */
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(v)", g_variant_new_variant (
                                                          g_variant_new_uint32 (g_atomic_int_get (&portal->scheme)))));
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  MockPortal *portal = user_data;

  g_mutex_lock (&portal->lock);
  portal->owned = TRUE;
  g_cond_signal (&portal->ready);
  g_mutex_unlock (&portal->lock);
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  MockPortal *portal = user_data;

  g_mutex_lock (&portal->lock);
  portal->lost = !portal->owned;
  g_cond_signal (&portal->ready);
  g_mutex_unlock (&portal->lock);
}

static gpointer
portal_main (gpointer data)
{
  MockPortal *portal = data;
  static const GDBusInterfaceVTable vtable = { portal_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint owner, object;

  g_main_context_push_thread_default (portal->context);
  portal->connection = g_dbus_connection_new_for_address_sync (address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  object = g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                              info->interfaces[0], &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (portal->connection, "org.freedesktop.portal.Desktop",
                                        G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb, name_lost_cb, portal, NULL);

  g_main_loop_run (portal->loop);

  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (portal->connection, object);
  g_dbus_connection_flush_sync (portal->connection, NULL, NULL);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
  g_main_context_pop_thread_default (portal->context);

  return NULL;
}

static MockPortal *
mock_portal_start (guint scheme)
{
  MockPortal *portal = g_new0 (MockPortal, 1);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  portal->scheme = scheme;
  portal->context = g_main_context_new ();
  portal->loop = g_main_loop_new (portal->context, FALSE);
  g_mutex_init (&portal->lock);
  g_cond_init (&portal->ready);
  portal->thread = g_thread_new ("mock-portal", portal_main, portal);

  g_mutex_lock (&portal->lock);
  while (!portal->owned && !portal->lost)
    g_assert_true (g_cond_wait_until (&portal->ready, &portal->lock, deadline));
  g_mutex_unlock (&portal->lock);

  return portal;
}

static gboolean
emit_changed_cb (gpointer data)
{
  MockPortal *portal = data;
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (portal->connection, NULL, "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.Settings", "SettingChanged",
                                 g_variant_new ("(ssv)", "org.freedesktop.appearance", "color-scheme",
                                                g_variant_new_uint32 (g_atomic_int_get (&portal->scheme))),
                                 &error);
  g_assert_no_error (error);

  return G_SOURCE_REMOVE;
}

/* The desktop's preference changes: the portal says so to everyone listening. */
static void
mock_portal_set (MockPortal *portal,
                 guint       scheme)
{
  g_atomic_int_set (&portal->scheme, scheme);
  g_main_context_invoke (portal->context, emit_changed_cb, portal);
}

static void
mock_portal_stop (MockPortal *portal)
{
  g_main_loop_quit (portal->loop);
  g_thread_join (portal->thread);
  g_main_loop_unref (portal->loop);
  g_main_context_unref (portal->context);
  g_mutex_clear (&portal->lock);
  g_cond_clear (&portal->ready);
  g_free (portal);
}

/* ---------------------------------------------------------------------------------------------- */

static void
wait_for_scheme (InflightColorSchemeMonitor *monitor,
                 InflightColorScheme         scheme)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (inflight_color_scheme_monitor_get_scheme (monitor) != scheme && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (inflight_color_scheme_monitor_get_scheme (monitor), ==, scheme);
}

/* What the diagram would draw with, on a label of a window shown with these settings. */
static gboolean
diagram_is_dark (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("Inflight");
  InflightDiagramStyle style = { 0 }, dark = { 0 };
  gboolean is_dark;

  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (100);

  inflight_diagram_style_init_for_widget (&style, label);
  inflight_diagram_style_init_dark (&dark);
  is_dark = style.background.red == dark.background.red && style.background.green == dark.background.green &&
            style.background.blue == dark.background.blue;
  inflight_diagram_style_clear (&style);
  inflight_diagram_style_clear (&dark);

  gtk_window_destroy (GTK_WINDOW (window));
  inflight_test_iterate_for (50);

  return is_dark;
}

static void
test_portal_values (void)
{
  InflightColorScheme scheme = INFLIGHT_COLOR_SCHEME_DEFAULT;
  g_autoptr(GVariant) once = g_variant_ref_sink (g_variant_new_variant (g_variant_new_uint32 (1)));
  g_autoptr(GVariant) twice = g_variant_ref_sink (g_variant_new_variant (g_variant_new_variant (g_variant_new_uint32 (2))));
  g_autoptr(GVariant) bare = g_variant_ref_sink (g_variant_new_uint32 (0));
  g_autoptr(GVariant) text = g_variant_ref_sink (g_variant_new_variant (g_variant_new_string ("prefer-dark")));
  g_autoptr(GVariant) beyond = g_variant_ref_sink (g_variant_new_uint32 (7));

  g_assert_true (inflight_color_scheme_from_portal (once, &scheme));
  g_assert_cmpint (scheme, ==, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_assert_true (inflight_color_scheme_from_portal (twice, &scheme));
  g_assert_cmpint (scheme, ==, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_true (inflight_color_scheme_from_portal (bare, &scheme));
  g_assert_cmpint (scheme, ==, INFLIGHT_COLOR_SCHEME_DEFAULT);

  /* Values the portal does not define change nothing. */
  scheme = INFLIGHT_COLOR_SCHEME_PREFER_DARK;
  g_assert_false (inflight_color_scheme_from_portal (text, &scheme));
  g_assert_false (inflight_color_scheme_from_portal (beyond, &scheme));
  g_assert_false (inflight_color_scheme_from_portal (NULL, &scheme));
  g_assert_cmpint (scheme, ==, INFLIGHT_COLOR_SCHEME_PREFER_DARK);

  g_assert_cmpint (inflight_color_scheme_from_nick ("prefer-dark"), ==, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpint (inflight_color_scheme_from_nick ("prefer-light"), ==, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_cmpint (inflight_color_scheme_from_nick ("default"), ==, INFLIGHT_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (inflight_color_scheme_from_nick (NULL), ==, INFLIGHT_COLOR_SCHEME_DEFAULT);
}

static void
test_follows_the_portal (void)
{
  MockPortal *portal = mock_portal_start (INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_autoptr(InflightColorSchemeMonitor) monitor = NULL;
  GtkSettings *settings = gtk_settings_get_default ();

  if (portal->lost)
    {
      mock_portal_stop (portal);
      g_test_skip ("A Settings portal of the desktop's own runs on this bus");
      return;
    }

  monitor = inflight_color_scheme_monitor_new (NULL, NULL);

  g_assert_cmpint (inflight_color_scheme_monitor_get_source (monitor), ==, INFLIGHT_COLOR_SCHEME_SOURCE_PORTAL);
  g_assert_cmpint (inflight_color_scheme_monitor_get_scheme (monitor), ==, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpuint (g_atomic_int_get (&portal->reads), ==, 1);

  inflight_color_scheme_monitor_follow (monitor, settings);
  g_assert_true (diagram_is_dark ());

  /* Changed on the desktop while the app runs. */
  mock_portal_set (portal, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT);
  wait_for_scheme (monitor, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_false (diagram_is_dark ());

  mock_portal_set (portal, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  wait_for_scheme (monitor, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_assert_true (diagram_is_dark ());

  g_clear_object (&monitor);
  mock_portal_stop (portal);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
}

/* At startup the portal is asked on a thread while the window is built: the answer is the same
 * as asked in place, it is asked once, the changes are heard on the thread that started it, and
 * a monitor dropped before anyone needed its answer goes cleanly. */
static void
test_started_early (void)
{
  MockPortal *portal = mock_portal_start (INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_autoptr(InflightColorSchemeMonitor) monitor = NULL;
  g_autoptr(InflightColorSchemeMonitor) dropped = NULL;
  GtkSettings *settings = gtk_settings_get_default ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (portal->lost)
    {
      mock_portal_stop (portal);
      g_test_skip ("A Settings portal of the desktop's own runs on this bus");
      return;
    }

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  monitor = inflight_color_scheme_monitor_start (NULL, NULL);
  /* Nothing is applied until it is asked for. */
  g_assert_false (diagram_is_dark ());

  inflight_color_scheme_monitor_follow (monitor, settings);
  g_assert_cmpint (inflight_color_scheme_monitor_get_source (monitor), ==, INFLIGHT_COLOR_SCHEME_SOURCE_PORTAL);
  g_assert_cmpint (inflight_color_scheme_monitor_get_scheme (monitor), ==, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  g_assert_cmpuint (g_atomic_int_get (&portal->reads), ==, 1);
  g_assert_true (diagram_is_dark ());

  mock_portal_set (portal, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT);
  wait_for_scheme (monitor, INFLIGHT_COLOR_SCHEME_PREFER_LIGHT);
  g_assert_false (diagram_is_dark ());

  dropped = inflight_color_scheme_monitor_start (NULL, NULL);
  g_clear_object (&dropped);
  while (g_atomic_int_get (&portal->reads) < 2 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpuint (g_atomic_int_get (&portal->reads), ==, 2);

  g_clear_object (&monitor);
  mock_portal_stop (portal);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
}

static const char interface_schema[] =
  "<schemalist>"
  "  <enum id='org.gnome.desktop.GDesktopColorScheme'>"
  "    <value nick='default' value='0'/>"
  "    <value nick='prefer-dark' value='1'/>"
  "    <value nick='prefer-light' value='2'/>"
  "  </enum>"
  "  <schema id='org.gnome.desktop.interface' path='/org/gnome/desktop/interface/'>"
  "    <key name='color-scheme' enum='org.gnome.desktop.GDesktopColorScheme'>"
  "      <default>'default'</default>"
  "    </key>"
  "  </schema>"
  "</schemalist>";

/* Without a portal, GNOME's own setting is read and followed. */
static void
test_falls_back_to_gsettings (void)
{
  g_autofree char *dir = g_dir_make_tmp ("inflight-schemas-XXXXXX", NULL);
  g_autofree char *xml = g_build_filename (dir, "org.gnome.desktop.interface.gschema.xml", NULL);
  g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);
  const char *argv[] = { "glib-compile-schemas", dir, NULL };
  g_autoptr(GSettingsSchemaSource) schemas = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) desktop = NULL;
  g_autoptr(InflightColorSchemeMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  GtkSettings *settings = gtk_settings_get_default ();
  int status = -1;

  g_assert_true (g_file_set_contents (xml, interface_schema, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  schemas = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (schemas, "org.gnome.desktop.interface", FALSE);
  desktop = g_settings_new_full (schema, NULL, NULL);
  g_assert_true (g_settings_set_string (desktop, "color-scheme", "prefer-dark"));

  monitor = inflight_color_scheme_monitor_new (NULL, schemas);
  if (inflight_color_scheme_monitor_get_source (monitor) == INFLIGHT_COLOR_SCHEME_SOURCE_PORTAL)
    {
      g_test_skip ("A Settings portal answers on this bus: GNOME's settings are not read");
      return;
    }
  g_assert_cmpint (inflight_color_scheme_monitor_get_source (monitor), ==, INFLIGHT_COLOR_SCHEME_SOURCE_GSETTINGS);
  g_assert_cmpint (inflight_color_scheme_monitor_get_scheme (monitor), ==, INFLIGHT_COLOR_SCHEME_PREFER_DARK);
  inflight_color_scheme_monitor_follow (monitor, settings);
  g_assert_true (diagram_is_dark ());

  g_assert_true (g_settings_set_string (desktop, "color-scheme", "default"));
  wait_for_scheme (monitor, INFLIGHT_COLOR_SCHEME_DEFAULT);
  g_assert_false (diagram_is_dark ());

  g_clear_object (&monitor);
  g_unlink (compiled);
  g_unlink (xml);
  g_rmdir (dir);
}

/* A high-contrast theme stays as the learner chose it, whatever the preference. */
static void
test_high_contrast_left_alone (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *theme = NULL;
  gboolean prefer_dark = TRUE;

  g_object_get (settings, "gtk-theme-name", &theme, NULL);
  g_object_set (settings, "gtk-theme-name", "HighContrast", "gtk-application-prefer-dark-theme", FALSE, NULL);
  inflight_color_scheme_apply (INFLIGHT_COLOR_SCHEME_PREFER_DARK, settings);
  g_object_get (settings, "gtk-application-prefer-dark-theme", &prefer_dark, NULL);
  g_assert_false (prefer_dark);

  g_object_set (settings, "gtk-theme-name", theme, NULL);
  inflight_color_scheme_apply (INFLIGHT_COLOR_SCHEME_PREFER_DARK, settings);
  g_object_get (settings, "gtk-application-prefer-dark-theme", &prefer_dark, NULL);
  g_assert_true (prefer_dark);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Setting the preference GTK already has makes it load the whole theme again, which at
 * startup cost a tenth of the time to the first frame: a preference that is already in
 * force is left untouched, and one that is not is still applied. */
static void
test_same_preference_not_set_again (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  gboolean prefer_dark = TRUE;
  guint notified = 0;
  gulong handler;

  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
  handler = g_signal_connect (settings, "notify::gtk-application-prefer-dark-theme", G_CALLBACK (count_notify), &notified);

  inflight_color_scheme_apply (INFLIGHT_COLOR_SCHEME_DEFAULT, settings);
  inflight_color_scheme_apply (INFLIGHT_COLOR_SCHEME_PREFER_LIGHT, settings);
  g_assert_cmpuint (notified, ==, 0);

  inflight_color_scheme_apply (INFLIGHT_COLOR_SCHEME_PREFER_DARK, settings);
  inflight_color_scheme_apply (INFLIGHT_COLOR_SCHEME_PREFER_DARK, settings);
  g_object_get (settings, "gtk-application-prefer-dark-theme", &prefer_dark, NULL);
  g_assert_true (prefer_dark);
  g_assert_cmpuint (notified, ==, 1);

  g_signal_handler_disconnect (settings, handler);
  g_object_set (settings, "gtk-application-prefer-dark-theme", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  g_test_add_func ("/color-scheme/portal-values", test_portal_values);

  if (!gtk_init_check ())
    {
      g_test_message ("No display: only the values are checked");
      return g_test_run ();
    }

  /* The session bus is the test's own (a private one under the display wrapper). */
  g_test_add_func ("/color-scheme/falls-back-to-gsettings", test_falls_back_to_gsettings);
  g_test_add_func ("/color-scheme/follows-the-portal", test_follows_the_portal);
  g_test_add_func ("/color-scheme/started-early", test_started_early);
  g_test_add_func ("/color-scheme/high-contrast-left-alone", test_high_contrast_left_alone);
  g_test_add_func ("/color-scheme/same-preference-not-set-again", test_same_preference_not_set_again);

  return g_test_run ();
}
