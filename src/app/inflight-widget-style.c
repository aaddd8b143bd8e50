/* inflight-widget-style.c
 * The diagram's palette for a widget on screen, read from its theme, so that every drawing
 * of the app follows light, dark and high contrast alike.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-widget-style"

#include "config.h"

#include "inflight-widget-style.h"

static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The theme's text is light where its background is dark. */
  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.5;
}

static gboolean
is_high_contrast (GtkWidget *widget)
{
  g_autofree char *theme = NULL;
  const char *forced = g_getenv ("GTK_THEME");

  g_object_get (gtk_widget_get_settings (widget), "gtk-theme-name", &theme, NULL);

  /* GTK_THEME overrides the setting without changing it. */
  return (theme != NULL && strstr (theme, "HighContrast") != NULL) ||
         (forced != NULL && strstr (forced, "HighContrast") != NULL);
}

/**
 * inflight_diagram_style_init_for_widget:
 *
 * Fills @style, cleared first, with the palette that suits @widget's theme now.
 */
void
inflight_diagram_style_init_for_widget (InflightDiagramStyle *style,
                                        GtkWidget            *widget)
{
  gboolean dark;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  dark = is_dark (widget);
  inflight_diagram_style_clear (style);

  if (is_high_contrast (widget))
    inflight_diagram_style_init_high_contrast (style, dark);
  else if (dark)
    inflight_diagram_style_init_dark (style);
  else
    inflight_diagram_style_init_light (style);
}
