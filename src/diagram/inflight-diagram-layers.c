/* inflight-diagram-layers.c
 * Keeps what stays the same between frames (headers, legend, small sprites) as images to copy.
 * Changes when what is kept between frames, or how it is keyed, does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

void
layer_clear (Layer *layer)
{
  g_clear_pointer (&layer->surface, cairo_surface_destroy);
  g_clear_pointer (&layer->key, g_byte_array_unref);
}

/* Layers kept from frame to frame */

#define LAYER_MAX_PIXELS (16 * 1024 * 1024)

/* Whether layers can be kept for @cr: an image, drawn on without rotation or scaling and moved
 * by whole device pixels, so that a layer copied back lands on the very pixels it would have
 * been drawn on; and an opaque background, so that copying is the same as drawing over. */
gboolean
can_cache (const Render *r)
{
  cairo_surface_t *target = cairo_get_target (r->cr);
  cairo_matrix_t m;
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_group_target (r->cr) != target ||
      r->style->background.alpha < 1.0 || !r->grid.can_snap)
    return FALSE;

  cairo_get_matrix (r->cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 ||
      r->grid.ox != round (r->grid.ox) || r->grid.oy != round (r->grid.oy) ||
      r->viewport->width * r->viewport->height * sx * sy > LAYER_MAX_PIXELS)
    return FALSE;

  return TRUE;
}

G_STATIC_ASSERT (G_STRUCT_OFFSET (InflightDiagramStyle, playhead) -
                 G_STRUCT_OFFSET (InflightDiagramStyle, background) == 11 * sizeof (InflightColor));

/* A layer's key: the bytes of what it is drawn from, starting with what every layer
 * depends on (the fonts and device, the style, the scale, the width); callers add the rest.
 * Built from the fields as they are, so that a frame pays a few copies, not formatting. */
GByteArray *
layer_key_new (const Render *r)
{
  const InflightDiagramStyle *style = r->style;
  GByteArray *key = g_byte_array_new ();

  g_byte_array_append (key, (const guint8 *) r->font_key, strlen (r->font_key) + 1);
  /* The colours, background to playhead, lie one after another in the struct. */
  g_byte_array_append (key, (const guint8 *) &style->background,
                       G_STRUCT_OFFSET (InflightDiagramStyle, playhead) + sizeof (InflightColor) -
                       G_STRUCT_OFFSET (InflightDiagramStyle, background));
  g_byte_array_append (key, (const guint8 *) &style->line_width, sizeof style->line_width);
  g_byte_array_append (key, (const guint8 *) &style->high_contrast, sizeof style->high_contrast);
  g_byte_array_append (key, (const guint8 *) &r->grid.sx, sizeof r->grid.sx);
  g_byte_array_append (key, (const guint8 *) &r->grid.sy, sizeof r->grid.sy);
  g_byte_array_append (key, (const guint8 *) &r->viewport->width, sizeof r->viewport->width);

  return key;
}

void
key_append_string (GByteArray *key,
                   const char *text)
{
  if (text == NULL)
    text = "";
  g_byte_array_append (key, (const guint8 *) text, strlen (text) + 1);
}

static gboolean
keys_equal (const GByteArray *a,
            const GByteArray *b)
{
  return a != NULL && b != NULL && a->len == b->len && memcmp (a->data, b->data, a->len) == 0;
}

/* Copies @layer onto the rectangle (@x, @y, @w, @h), in user units on whole device pixels;
 * if its @key (taken) has changed, draws it first: the background over the rectangle, then @draw. */
void
layer_paint (Render     *r,
             Layer      *layer,
             GByteArray *key,
             double      x,
             double      y,
             double      w,
             double      h,
             void      (*draw) (Render *r))
{
  cairo_t *cr = r->cr;

  if (layer->surface != NULL && keys_equal (layer->key, key))
    g_byte_array_unref (key);
  else
    {
      cairo_surface_t *target = cairo_get_target (cr);
      Render copy = *r;
      double sx, sy;
      int px, py, pw, ph;

      layer_clear (layer);
      cairo_surface_get_device_scale (target, &sx, &sy);
      px = (int) round (x * sx);
      py = (int) round (y * sy);
      pw = MAX (1, (int) round ((x + w) * sx) - px);
      ph = MAX (1, (int) round ((y + h) * sy) - py);

      layer->surface = cairo_surface_create_similar_image (target, CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_set_device_scale (layer->surface, sx, sy);
      cairo_surface_set_device_offset (layer->surface, -px, -py);
      layer->key = key;

      copy.cr = cairo_create (layer->surface);
      inflight_pixel_grid_init (&copy.grid, copy.cr);
      cairo_set_antialias (copy.cr, cairo_get_antialias (cr));
      cairo_rectangle (copy.cr, x, y, w, h);
      inflight_paint_set_color (copy.cr, &r->style->background, 1.0);
      cairo_fill (copy.cr);
      draw (&copy);
      cairo_destroy (copy.cr);
    }

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, layer->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Sprites: a small picture drawn once into a kept image and stamped wherever it goes.
 * Its centre is the centre of its middle pixel, stamped onto the device pixel nearest the
 * centre asked for: at most half a pixel from where drawing it would have put it. */

/* Makes sure @sprite holds what @draw draws within @radius of its centre, for this style and device. */
void
sprite_prepare (Render     *r,
                Layer      *sprite,
                double      radius,
                SpriteDraw  draw)
{
  GByteArray *key = layer_key_new (r);
  Render copy = *r;
  int reach, size;

  g_byte_array_append (key, (const guint8 *) &radius, sizeof radius);
  g_byte_array_append (key, (const guint8 *) &draw, sizeof draw);
  if (sprite->surface != NULL && keys_equal (sprite->key, key))
    {
      g_byte_array_unref (key);
      return;
    }

  layer_clear (sprite);
  reach = (int) ceil (radius * MAX (r->grid.sx, r->grid.sy)) + 1;
  size = 2 * reach + 1;
  sprite->surface = cairo_surface_create_similar_image (cairo_get_target (r->cr), CAIRO_FORMAT_ARGB32, size, size);
  cairo_surface_set_device_scale (sprite->surface, r->grid.sx, r->grid.sy);
  sprite->key = key;

  copy.cr = cairo_create (sprite->surface);
  inflight_pixel_grid_init (&copy.grid, copy.cr);
  cairo_set_antialias (copy.cr, cairo_get_antialias (r->cr));
  draw (&copy, (reach + 0.5) / r->grid.sx, (reach + 0.5) / r->grid.sy);
  cairo_destroy (copy.cr);
}

void
sprite_stamp (Render *r,
              Layer  *sprite,
              double  cx,
              double  cy)
{
  int size = cairo_image_surface_get_width (sprite->surface);
  int reach = (size - 1) / 2;
  double x = (floor (cx * r->grid.sx + r->grid.ox) - reach - r->grid.ox) / r->grid.sx;
  double y = (floor (cy * r->grid.sy + r->grid.oy) - reach - r->grid.oy) / r->grid.sy;

  cairo_set_source_surface (r->cr, sprite->surface, x, y);
  cairo_pattern_set_filter (cairo_get_source (r->cr), CAIRO_FILTER_NEAREST);
  cairo_paint (r->cr);
}

/* The background, and the lane headers in the strip above the time area: only the strip is
 * kept, as copying a whole frame costs more than filling it. */
void
draw_backdrop (Render    *r,
               TextCache *cache)
{
  const InflightViewport *vp = r->viewport;
  GByteArray *key;
  double strip, footer;

  if (!r->can_cache)
    {
      cairo_rectangle (r->cr, 0, 0, vp->width, vp->height);
      inflight_paint_set_color (r->cr, &r->style->background, 1.0);
      cairo_fill (r->cr);
      draw_headers (r);
      return;
    }

  /* Not under the kept layers, which are copied over what is there. */
  strip = floor (r->top);
  footer = has_footer (r) ? MIN (footer_top (r), vp->height) : vp->height;
  cairo_rectangle (r->cr, 0, strip, vp->width, footer - strip);
  cairo_rectangle (r->cr, 0, footer, r->left, vp->height - footer);
  inflight_paint_set_color (r->cr, &r->style->background, 1.0);
  cairo_fill (r->cr);

  key = layer_key_new (r);
  g_byte_array_append (key, (const guint8 *) &r->n_lanes, sizeof r->n_lanes);
  for (guint i = 0; r->snapshot != NULL && i < r->n_lanes; i++)
    key_append_string (key, r->snapshot->lanes[i].label);

  layer_paint (r, &cache->backdrop, key, 0, 0, vp->width, floor (r->top), draw_headers);
}
