/* inflight-blocking-runner.h
 * A caller thread that blocks on each call until its reply.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_BLOCKING_RUNNER (inflight_blocking_runner_get_type ())

G_DECLARE_FINAL_TYPE (InflightBlockingRunner, inflight_blocking_runner, INFLIGHT, BLOCKING_RUNNER, InflightRunner)

G_END_DECLS
