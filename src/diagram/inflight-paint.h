/* inflight-paint.h
 * What the diagram and the charts both paint with: the style's colours and fonts, and where
 * a cairo context's device pixels fall, so that lines and fills are crisp at any scale.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "inflight-diagram-style.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean can_snap;   /* no rotation or skew, and a scale that is not zero */
  double   sx;         /* device pixels per user unit, across and down */
  double   sy;
  double   ox;         /* where the user origin falls, in device pixels */
  double   oy;
} InflightPixelGrid;

void   inflight_pixel_grid_init (InflightPixelGrid       *grid,
                                 cairo_t                 *cr);
double inflight_pixel_grid_edge (const InflightPixelGrid *grid,
                                 double                   v,
                                 gboolean                 vertical);
double inflight_pixel_grid_line (const InflightPixelGrid *grid,
                                 double                   v,
                                 double                   width,
                                 gboolean                 vertical);

void                  inflight_paint_set_color (cairo_t                    *cr,
                                                const InflightColor        *color,
                                                double                      alpha);
PangoFontDescription *inflight_paint_font      (const InflightDiagramStyle *style,
                                                double                      scale,
                                                PangoWeight                 weight);

G_END_DECLS
