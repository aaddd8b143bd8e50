/* inflight-test-util.h
 * Helpers the engine tests share: run a scenario to the end, count threads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

InflightTraceSnapshot *inflight_test_run         (InflightScenario *scenario,
                                                  guint             cancel_after_ms,
                                                  GError          **error);
guint                  inflight_test_count_threads (void);

G_END_DECLS
