/* inflight-model.h
 * The theory: how long a scenario should take, from its parameters alone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-scenario.h"

G_BEGIN_DECLS

/* The longest the UI thread is ever held by a blocking call on it. */
#define INFLIGHT_UI_FREEZE_CAP_US (3 * G_USEC_PER_SEC)

gint64 inflight_model_predict_total (InflightScenario *scenario);
guint  inflight_model_get_cores     (void);

G_END_DECLS
