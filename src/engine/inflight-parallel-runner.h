/* inflight-parallel-runner.h
 * Parallel computing: real CPU work on one thread, then on several.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_PARALLEL_RUNNER (inflight_parallel_runner_get_type ())

G_DECLARE_FINAL_TYPE (InflightParallelRunner, inflight_parallel_runner, INFLIGHT, PARALLEL_RUNNER, InflightRunner)

G_END_DECLS
