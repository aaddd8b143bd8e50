/* inflight-caller-work.h
 * The caller's own work while its calls are in flight: real computation, in slices on its main context.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-trace.h"

G_BEGIN_DECLS

typedef struct _InflightCallerWork InflightCallerWork;

InflightCallerWork *inflight_caller_work_start (InflightTrace      *trace,
                                                guint               lane,
                                                GMainContext       *context);
void                inflight_caller_work_pause (InflightCallerWork *work);
void                inflight_caller_work_resume (InflightCallerWork *work,
                                                 GMainContext       *context);
guint               inflight_caller_work_stop  (InflightCallerWork *work);
void                inflight_caller_work_free  (InflightCallerWork *work);
void                inflight_compute_for       (gint64              us);

G_END_DECLS
