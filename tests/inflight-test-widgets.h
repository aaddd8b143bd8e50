/* inflight-test-widgets.h
 * Helpers the widget tests share: find a control by the name a screen reader hears, wait for a run,
 * open a menu made on its first opening.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-lesson-page.h"

G_BEGIN_DECLS

GtkWidget *inflight_test_find_widget     (GtkWidget          *root,
                                         GType               type);
GtkWidget *inflight_test_find_control    (GtkWidget          *root,
                                          const char         *name);
void       inflight_test_wait_until_idle (InflightLessonPage *page,
                                          guint               timeout_ms);
void       inflight_test_iterate_for     (guint               ms);
GMenuModel *inflight_test_open_new_menu  (GtkMenuButton      *button);

G_END_DECLS
