/* inflight-application.h
 * The application: actions, accelerators, and one window.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-progress.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_APPLICATION (inflight_application_get_type ())

G_DECLARE_FINAL_TYPE (InflightApplication, inflight_application, INFLIGHT, APPLICATION, GtkApplication)

InflightApplication *inflight_application_new          (void);
GSettings           *inflight_application_get_settings       (InflightApplication *self);
InflightProgress    *inflight_application_get_progress       (InflightApplication *self);
void                 inflight_application_set_initial_lesson (InflightApplication *self,
                                                              guint                lesson);

G_END_DECLS
