/* inflight-queue-runner.h
 * A message queue: a real GAsyncQueue drained by worker threads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_QUEUE_RUNNER (inflight_queue_runner_get_type ())

G_DECLARE_FINAL_TYPE (InflightQueueRunner, inflight_queue_runner, INFLIGHT, QUEUE_RUNNER, InflightRunner)

G_END_DECLS
