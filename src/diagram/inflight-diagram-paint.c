/* inflight-diagram-paint.c
 * Colours, pixel snapping, fonts and shapes that every part of the diagram draws with.
 * Changes when the way lines meet device pixels or colours mix does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Colours */

void
set_color (cairo_t             *cr,
           const InflightColor *color,
           double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

InflightColor
mix (const InflightColor *a,
     const InflightColor *b,
     double               t)
{
  InflightColor ret;

  ret.red = a->red + (b->red - a->red) * t;
  ret.green = a->green + (b->green - a->green) * t;
  ret.blue = a->blue + (b->blue - a->blue) * t;
  ret.alpha = a->alpha + (b->alpha - a->alpha) * t;

  return ret;
}

const InflightColor *
ink_color (const Render *r,
           Ink           ink)
{
  switch (ink)
    {
    case INK_REQUEST:
      return &r->style->request;
    case INK_REPLY:
      return &r->style->reply;
    case INK_ERROR:
      return &r->style->error;
    case INK_OTHER:
    case N_INKS:
    default:
      return &r->style->dim;
    }
}

/* The colour of each kind of message. */
const Ink kind_ink[N_MESSAGE_KINDS] = {
  [INFLIGHT_MESSAGE_REQUEST] = INK_REQUEST,
  [INFLIGHT_MESSAGE_REPLY] = INK_REPLY,
  [INFLIGHT_MESSAGE_ERROR] = INK_ERROR,
  [INFLIGHT_MESSAGE_ENQUEUE] = INK_REQUEST,
  [INFLIGHT_MESSAGE_DEQUEUE] = INK_REQUEST,
  [INFLIGHT_MESSAGE_CALLBACK] = INK_REPLY,
  [INFLIGHT_MESSAGE_TIMEOUT] = INK_ERROR,
  [INFLIGHT_MESSAGE_CANCEL] = INK_OTHER,
};

/* Pixel snapping */

void
snap_init (Render *r)
{
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
  cairo_matrix_t m;

  cairo_get_matrix (r->cr, &m);
  cairo_user_to_device (r->cr, &x0, &y0);
  cairo_user_to_device (r->cr, &x1, &y1);

  r->can_snap = m.xy == 0 && m.yx == 0 && x1 != x0 && y1 != y0;
  r->sx = x1 - x0;
  r->sy = y1 - y0;
  r->ox = x0;
  r->oy = y0;
}

/* Moves a coordinate onto a device pixel edge: for fills. */
double
snap_edge (const Render *r,
           double        v,
           gboolean      vertical)
{
  double s = vertical ? r->sy : r->sx;
  double o = vertical ? r->oy : r->ox;

  if (!r->can_snap)
    return v;

  return (round (v * s + o) - o) / s;
}

/* Moves the centre of a line of @width so that it covers whole device pixels. */
double
snap_line (const Render *r,
           double        v,
           double        width,
           gboolean      vertical)
{
  double s = vertical ? r->sy : r->sx;
  double o = vertical ? r->oy : r->ox;
  double d;
  long pixels;

  if (!r->can_snap)
    return v;

  d = v * s + o;
  pixels = MAX (1, lround (fabs (width * s)));
  d = (pixels % 2 == 1) ? floor (d) + 0.5 : round (d);

  return (d - o) / s;
}

PangoFontDescription *
make_font (const InflightDiagramStyle *style,
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

void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   radius)
{
  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
