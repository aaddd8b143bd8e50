/* inflight-future-runner.h
 * Futures: every call started at once, each result awaited when it is needed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_FUTURE_RUNNER (inflight_future_runner_get_type ())

G_DECLARE_FINAL_TYPE (InflightFutureRunner, inflight_future_runner, INFLIGHT, FUTURE_RUNNER, InflightRunner)

G_END_DECLS
