/* inflight-run-notes.h
 * Sentences that explain a run's result to the learner, true to the run they describe.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *inflight_run_notes_out_of_order (guint out_of_order,
                                       guint jitter_pct);

G_END_DECLS
