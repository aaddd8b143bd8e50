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
