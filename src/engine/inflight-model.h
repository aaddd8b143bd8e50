/* inflight-model.h
 * The theory: how long a scenario should take, from its parameters alone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-scenario.h"

G_BEGIN_DECLS

gint64 inflight_model_predict_total (InflightScenario *scenario);

G_END_DECLS
