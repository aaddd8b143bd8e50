/* inflight-callback-runner.h
 * A caller that fires every request, keeps working, and is called back on each reply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_CALLBACK_RUNNER (inflight_callback_runner_get_type ())

G_DECLARE_FINAL_TYPE (InflightCallbackRunner, inflight_callback_runner, INFLIGHT, CALLBACK_RUNNER, InflightRunner)

G_END_DECLS
