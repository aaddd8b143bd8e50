/* inflight-color-scheme.h
 * The desktop's light or dark preference, read from the Settings portal or GNOME's settings.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* As the portal numbers them: no preference, prefer dark, prefer light. */
typedef enum
{
  INFLIGHT_COLOR_SCHEME_DEFAULT,
  INFLIGHT_COLOR_SCHEME_PREFER_DARK,
  INFLIGHT_COLOR_SCHEME_PREFER_LIGHT,
} InflightColorScheme;

/* Where the preference was read. */
typedef enum
{
  INFLIGHT_COLOR_SCHEME_SOURCE_NONE,
  INFLIGHT_COLOR_SCHEME_SOURCE_PORTAL,
  INFLIGHT_COLOR_SCHEME_SOURCE_GSETTINGS,
} InflightColorSchemeSource;

#define INFLIGHT_TYPE_COLOR_SCHEME_MONITOR (inflight_color_scheme_monitor_get_type ())

G_DECLARE_FINAL_TYPE (InflightColorSchemeMonitor, inflight_color_scheme_monitor, INFLIGHT, COLOR_SCHEME_MONITOR, GObject)

InflightColorSchemeMonitor *inflight_color_scheme_monitor_new        (GDBusConnection            *bus,
                                                                      GSettingsSchemaSource      *schemas);
InflightColorSchemeMonitor *inflight_color_scheme_monitor_start      (GDBusConnection            *bus,
                                                                      GSettingsSchemaSource      *schemas);
InflightColorScheme         inflight_color_scheme_monitor_get_scheme (InflightColorSchemeMonitor *self);
InflightColorSchemeSource   inflight_color_scheme_monitor_get_source (InflightColorSchemeMonitor *self);
void                        inflight_color_scheme_monitor_follow     (InflightColorSchemeMonitor *self,
                                                                      GtkSettings                *settings);

gboolean                    inflight_color_scheme_from_portal        (GVariant                   *value,
                                                                      InflightColorScheme        *scheme);
InflightColorScheme         inflight_color_scheme_from_nick          (const char                 *nick);
void                        inflight_color_scheme_apply              (InflightColorScheme         scheme,
                                                                      GtkSettings                *settings);

G_END_DECLS
