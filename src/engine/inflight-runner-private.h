/* inflight-runner-private.h
 * What the runners share: the run they work on, and how a run with a service starts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-caller-outage.h"
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

/* A run whose caller is a thread of its own, calling a service. */
typedef struct
{
  GTask           *task;
  InflightService *service;
  GThread         *thread;
  guint            caller_lane;
  InflightCallerOutage *outage;   /* the caller taken down and brought back by the learner */
} InflightCallerThread;

InflightRun     *inflight_runner_get_run       (GTask               *task);
InflightCallerThread *inflight_runner_start_caller_thread (GTask               *task,
                                                           const char          *caller_label,
                                                           GThreadFunc          caller_main);
void             inflight_runner_caller_done   (InflightCallerThread *caller);
InflightService *inflight_runner_start_service (GTask               *task,
                                                InflightLaneRole     caller_role,
                                                const char          *caller_label,
                                                InflightServiceMode  mode,
                                                guint               *caller_lane);
void             inflight_runner_mark_error    (InflightRun         *run,
                                                guint                lane,
                                                guint                request,
                                                const GError        *error);
void             inflight_runner_complete_on   (GTask               *task,
                                                GSourceFunc          func,
                                                gpointer             data);

G_END_DECLS
