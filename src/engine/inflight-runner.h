/* inflight-runner.h
 * Runs a scenario for real with one strategy, recording into a trace.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-scenario.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_RUNNER (inflight_runner_get_type ())

G_DECLARE_DERIVABLE_TYPE (InflightRunner, inflight_runner, INFLIGHT, RUNNER, GObject)

struct _InflightRunnerClass
{
  GObjectClass parent_class;

  /* Starts the run of the task (see inflight-runner-private.h); completes the
   * task with inflight_runner_return() once every thread it started is joined. */
  void (*run) (InflightRunner *self,
               GTask          *task);
};

InflightRunner *inflight_runner_new          (InflightStrategy      strategy);
gboolean        inflight_strategy_is_runnable (InflightStrategy     strategy);
void            inflight_runner_run_async    (InflightRunner       *self,
                                              InflightScenario     *scenario,
                                              InflightTrace        *trace,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        inflight_runner_run_finish   (InflightRunner       *self,
                                              GAsyncResult         *result,
                                              GError              **error);
gboolean        inflight_runner_run_sync     (InflightRunner       *self,
                                              InflightScenario     *scenario,
                                              InflightTrace        *trace,
                                              GCancellable         *cancellable,
                                              GError              **error);
void            inflight_runner_return       (GTask                *task,
                                              GError               *error);

G_END_DECLS
