/* inflight-application.h
 * The application: actions, accelerators, one window, and the command line's lesson.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-progress.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_APPLICATION (inflight_application_get_type ())

G_DECLARE_FINAL_TYPE (InflightApplication, inflight_application, INFLIGHT, APPLICATION, GtkApplication)

InflightApplication *inflight_application_new          (void);
GSettings           *inflight_application_get_settings (InflightApplication *self);
InflightProgress    *inflight_application_get_progress (InflightApplication *self);

G_END_DECLS
