/* inflight-runs-layout.h
 * The layout of a lesson's runs: side by side where both can be read, else stacked.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkLayoutManager *inflight_runs_layout_new (void);

G_END_DECLS
