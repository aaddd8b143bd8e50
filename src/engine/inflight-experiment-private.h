/* inflight-experiment-private.h
 * What the loader and the writer of .inflight files share: the format's version and a pane's keys.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-experiment.h"

G_BEGIN_DECLS

#define INFLIGHT_EXPERIMENT_FORMAT_VERSION 1
#define INFLIGHT_EXPERIMENT_MAX_SLOT       255   /* the slots of a lane the diagram tells apart */

/* A pane's keys: "strategy" first, then the scenario's saved parameters; NULL-terminated. */
extern const char * const inflight_experiment_pane_keys[];

typedef enum
{
  INFLIGHT_EVENT_SPAN,
  INFLIGHT_EVENT_MESSAGE,
  INFLIGHT_EVENT_MARK,
  INFLIGHT_EVENT_STEP,
} InflightEventKind;

typedef void (*InflightEventFunc) (const InflightTraceSnapshot *snapshot,
                                   InflightEventKind            kind,
                                   guint                        index,
                                   gpointer                     data);

void inflight_experiment_foreach_event (const InflightTraceSnapshot *snapshot,
                                        InflightEventFunc            func,
                                        gpointer                     data);

G_END_DECLS
