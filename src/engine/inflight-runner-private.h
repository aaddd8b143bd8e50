/* inflight-runner-private.h
 * What the runners share: the run they work on, and how a run with a service starts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-runner.h"
#include "inflight-service.h"

G_BEGIN_DECLS

/* What a run works on; the task data of the GTask handed to a runner's run(). */
typedef struct
{
  InflightScenario *scenario;   /* a private copy of the parameters at the start */
  InflightScenario *live;       /* the learner's, followed for changes during the run */
  InflightTrace    *trace;
} InflightRun;

InflightRun     *inflight_runner_get_run       (GTask               *task);
InflightService *inflight_runner_start_service (GTask               *task,
                                                InflightLaneRole     caller_role,
                                                const char          *caller_label,
                                                InflightServiceMode  mode,
                                                guint               *caller_lane);
void             inflight_runner_complete_on   (GTask               *task,
                                                GSourceFunc          func,
                                                gpointer             data);

G_END_DECLS
