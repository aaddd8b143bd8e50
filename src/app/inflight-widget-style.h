/* inflight-widget-style.h
 * The diagram's palette for a widget on screen: light, dark or high contrast, from its theme.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-diagram-style.h"

G_BEGIN_DECLS

void inflight_diagram_style_init_for_widget (InflightDiagramStyle *style,
                                             GtkWidget            *widget);

G_END_DECLS
