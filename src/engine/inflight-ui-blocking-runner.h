/* inflight-ui-blocking-runner.h
 * A blocking call on the UI thread itself: the window really freezes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_UI_BLOCKING_RUNNER (inflight_ui_blocking_runner_get_type ())

G_DECLARE_FINAL_TYPE (InflightUiBlockingRunner, inflight_ui_blocking_runner, INFLIGHT, UI_BLOCKING_RUNNER, InflightRunner)

G_END_DECLS
