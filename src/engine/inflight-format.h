/* inflight-format.h
 * Durations as a learner reads them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *inflight_format_duration (gint64 us);

G_END_DECLS
