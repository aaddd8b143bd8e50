/* inflight-event-model.h
 * A run's events as a list model whose texts are made only for the rows on screen.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-diagram-text.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_EVENT_MODEL (inflight_event_model_get_type ())

G_DECLARE_FINAL_TYPE (InflightEventModel, inflight_event_model, INFLIGHT, EVENT_MODEL, GObject)

InflightEventModel *inflight_event_model_new      (void);
void                inflight_event_model_set      (InflightEventModel    *self,
                                                   InflightTraceSnapshot *snapshot,
                                                   const GArray          *events);
gint64              inflight_event_model_get_time (InflightEventModel    *self,
                                                   guint                  position);
guint               inflight_event_model_find     (InflightEventModel    *self,
                                                   gint64                 t);

G_END_DECLS
