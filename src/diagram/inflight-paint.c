/* inflight-paint.c
 * What the diagram and the charts both paint with: a colour of the style at some opacity, the
 * style's font at some size, and pixel snapping: a fill's sides on device pixel edges, a
 * line's centre where it covers whole device pixels, whatever the scale of the output.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "inflight-paint.h"

/* Reads @cr's current matrix: snapping is only done when it neither rotates nor skews. */
void
inflight_pixel_grid_init (InflightPixelGrid *grid,
                          cairo_t           *cr)
{
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  grid->can_snap = m.xy == 0 && m.yx == 0 && m.xx != 0 && m.yy != 0;
  grid->sx = m.xx;
  grid->sy = m.yy;
  grid->ox = m.x0;
  grid->oy = m.y0;
}

/* Moves @v onto a device pixel's edge: for the sides of fills. */
double
inflight_pixel_grid_edge (const InflightPixelGrid *grid,
                          double                   v,
                          gboolean                 vertical)
{
  double s = vertical ? grid->sy : grid->sx;
  double o = vertical ? grid->oy : grid->ox;

  if (!grid->can_snap)
    return v;

  return (round (v * s + o) - o) / s;
}

/* Moves the centre of a line of @width so that the line covers whole device pixels. */
double
inflight_pixel_grid_line (const InflightPixelGrid *grid,
                          double                   v,
                          double                   width,
                          gboolean                 vertical)
{
  double s = vertical ? grid->sy : grid->sx;
  double o = vertical ? grid->oy : grid->ox;
  double d;

  if (!grid->can_snap)
    return v;

  d = v * s + o;
  d = MAX (1, lround (fabs (width * s))) % 2 == 1 ? floor (d) + 0.5 : round (d);

  return (d - o) / s;
}

void
inflight_paint_set_color (cairo_t             *cr,
                          const InflightColor *color,
                          double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* The style's font family, at @scale times its size. */
PangoFontDescription *
inflight_paint_font (const InflightDiagramStyle *style,
                     double                      scale,
                     PangoWeight                 weight)
{
  PangoFontDescription *desc = pango_font_description_new ();
  double size = style->font_size > 0 ? style->font_size : 10.0;

  pango_font_description_set_family (desc, style->font_family != NULL ? style->font_family : "Sans");
  pango_font_description_set_size (desc, (int) (size * scale * PANGO_SCALE));
  pango_font_description_set_weight (desc, weight);

  return desc;
}
