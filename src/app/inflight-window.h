/* inflight-window.h
 * The main window: the lessons in a sidebar, the current lesson beside them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-lesson-page.h"
#include "inflight-playground.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_WINDOW (inflight_window_get_type ())

G_DECLARE_FINAL_TYPE (InflightWindow, inflight_window, INFLIGHT, WINDOW, GtkApplicationWindow)

InflightWindow     *inflight_window_new             (InflightApplication *application);
InflightLessonPage *inflight_window_get_page        (InflightWindow      *self);
gboolean            inflight_window_show_lesson     (InflightWindow      *self,
                                                     guint                number);
InflightPlayground *inflight_window_show_playground (InflightWindow      *self);
gboolean            inflight_window_open_experiment (InflightWindow      *self,
                                                     GFile               *file);

G_END_DECLS
