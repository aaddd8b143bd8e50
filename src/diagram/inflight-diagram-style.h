/* inflight-diagram-style.h
 * The colours and fonts the diagram is drawn with: from the theme on screen, fixed for export.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} InflightColor;

typedef struct
{
  InflightColor background;
  InflightColor foreground;     /* text, axis, lifelines */
  InflightColor dim;            /* secondary text, grid lines */
  InflightColor working;        /* WORKING spans */
  InflightColor waiting;        /* WAITING spans: drawn hatched in this colour */
  InflightColor idle;
  InflightColor down;
  InflightColor frozen;
  InflightColor request;        /* request arrows */
  InflightColor reply;          /* reply arrows */
  InflightColor error;          /* error replies, failure marks */
  InflightColor playhead;
  char         *font_family;    /* NULL: the default sans */
  double        font_size;      /* in points at 96 dpi; 0: 10 */
  double        line_width;     /* 1 at scale factor 1 */
  gboolean      high_contrast;
} InflightDiagramStyle;

void inflight_diagram_style_init_light         (InflightDiagramStyle *style);
void inflight_diagram_style_init_dark          (InflightDiagramStyle *style);
void inflight_diagram_style_init_high_contrast (InflightDiagramStyle *style,
                                                gboolean              dark);
void inflight_diagram_style_clear              (InflightDiagramStyle *style);

G_END_DECLS
