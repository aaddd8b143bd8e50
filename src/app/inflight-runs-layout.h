/* inflight-runs-layout.h
 * The layout of runs shown together: side by side where they can be read, else in rows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkLayoutManager *inflight_runs_layout_new (void);

G_END_DECLS
