/* inflight-diagram-layout.h
 * Where the diagram puts what needs a place of its own (labels, lane headers, the legend),
 * decided once for a snapshot and a viewport rather than at every frame.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-diagram.h"

G_BEGIN_DECLS

typedef enum
{
  INFLIGHT_LABEL_MESSAGE,    /* a request's number on its arrow: index into messages */
  INFLIGHT_LABEL_MARK,       /* a mark's words beside it: index into marks */
  INFLIGHT_LABEL_OBSTACLE,   /* what labels keep clear of: an arrow's head, a failure's mark, a bar, a mark */
} InflightLabelKind;

/* A rectangle in user units, as drawn at the viewport's size. */
typedef struct
{
  InflightLabelKind kind;
  guint             index;
  double            x;
  double            y;
  double            width;
  double            height;
} InflightLabelBox;

/* One entry of the legend, and where it is drawn. */
typedef struct
{
  int         look;      /* what its swatch shows: see InflightLegendLook */
  const char *label;
  double      x;
  double      y;         /* the middle of its row */
  double      width;     /* swatch and words */
} InflightLegendEntry;

typedef enum
{
  INFLIGHT_LEGEND_WORKING,
  INFLIGHT_LEGEND_WAITING,
  INFLIGHT_LEGEND_FREE,
  INFLIGHT_LEGEND_READY,
  INFLIGHT_LEGEND_DOWN,
  INFLIGHT_LEGEND_FROZEN,
  INFLIGHT_LEGEND_REQUEST,
  INFLIGHT_LEGEND_REPLY,
  INFLIGHT_LEGEND_FAILED,
  INFLIGHT_LEGEND_TIMED_OUT,
  INFLIGHT_LEGEND_STOPPED,
  INFLIGHT_LEGEND_QUEUE,
  INFLIGHT_LEGEND_NOTE,
  INFLIGHT_LEGEND_IN_FLIGHT,
  INFLIGHT_LEGEND_ARRIVALS,
  INFLIGHT_N_LEGEND_LOOKS
} InflightLegendLook;

typedef struct _InflightDiagramLayout InflightDiagramLayout;

InflightDiagramLayout     *inflight_diagram_layout_new           (const InflightTraceSnapshot *snapshot,
                                                                  const InflightViewport      *viewport,
                                                                  const InflightDiagramStyle  *style);
void                       inflight_diagram_layout_free          (InflightDiagramLayout       *self);
const InflightLabelBox    *inflight_diagram_layout_get_labels    (const InflightDiagramLayout *self,
                                                                  guint                       *n_labels);
const InflightLabelBox    *inflight_diagram_layout_get_obstacles (const InflightDiagramLayout *self,
                                                                  guint                       *n_obstacles);
double                     inflight_diagram_layout_get_nudge     (const InflightDiagramLayout *self,
                                                                  guint                        message);
guint                      inflight_diagram_layout_get_n_columns (const InflightDiagramLayout *self);
const char                *inflight_diagram_layout_get_header    (const InflightDiagramLayout *self,
                                                                  guint                        column);
const char                *inflight_diagram_layout_get_full_name (const InflightDiagramLayout *self,
                                                                  guint                        column);
const InflightLegendEntry *inflight_diagram_layout_get_legend    (const InflightDiagramLayout *self,
                                                                  guint                       *n_entries);
gboolean                   inflight_diagram_layout_get_aggregate (const InflightDiagramLayout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InflightDiagramLayout, inflight_diagram_layout_free)

G_END_DECLS
