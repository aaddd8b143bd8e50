/* inflight-sweep.h
 * A series of real runs of one scenario, one after another, varying the workers or the seed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-metrics.h"
#include "inflight-scenario.h"

G_BEGIN_DECLS

typedef enum
{
  INFLIGHT_SWEEP_WORKERS,   /* x is the worker count */
  INFLIGHT_SWEEP_SEEDS,     /* x is the seed; everything else stays */
} InflightSweepKind;

/* What one run of the sweep measured. */
typedef struct
{
  guint            x;             /* workers, or seed */
  gint64           measured;      /* µs: the run's total time */
  gint64           predicted;     /* µs: inflight_model_predict_total() of the run's scenario */
  InflightMetrics  metrics;
  guint           *reply_order;   /* request numbers, in the order their replies arrived */
  guint            n_replies;
} InflightSweepPoint;

#define INFLIGHT_TYPE_SWEEP (inflight_sweep_get_type ())

G_DECLARE_FINAL_TYPE (InflightSweep, inflight_sweep, INFLIGHT, SWEEP, GObject)

InflightSweep            *inflight_sweep_new_workers             (InflightScenario     *base,
                                                                  guint                 from,
                                                                  guint                 to);
InflightSweep            *inflight_sweep_new_seeds               (InflightScenario     *base,
                                                                  guint                 n_runs);
InflightSweepKind         inflight_sweep_get_kind                (InflightSweep        *self);
InflightScenario         *inflight_sweep_get_scenario            (InflightSweep        *self);
guint                     inflight_sweep_get_x_from              (InflightSweep        *self);
guint                     inflight_sweep_get_x_to                (InflightSweep        *self);
guint                     inflight_sweep_get_n_runs              (InflightSweep        *self);
guint                     inflight_sweep_get_n_requests          (InflightSweep        *self);
gint64                    inflight_sweep_predict                 (InflightSweep        *self,
                                                                  guint                 x);
gboolean                  inflight_sweep_get_running             (InflightSweep        *self);
guint                     inflight_sweep_get_n_points            (InflightSweep        *self);
const InflightSweepPoint *inflight_sweep_get_point               (InflightSweep        *self,
                                                                  guint                 index);
const InflightSweepPoint *inflight_sweep_get_points              (InflightSweep        *self,
                                                                  guint                *n_points);
guint                    *inflight_sweep_get_out_of_order_counts (InflightSweep        *self,
                                                                  guint                *n_counts);
void                      inflight_sweep_run_async               (InflightSweep        *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean                  inflight_sweep_run_finish              (InflightSweep        *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
