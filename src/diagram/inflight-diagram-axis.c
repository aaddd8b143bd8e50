/* inflight-diagram-axis.c
 * Draws the time axis on the left, its grid lines, and the playhead with its time.
 * Changes when the look of time does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Time axis */

/* The smallest step of 1, 2, 2.5 or 5 × 10^k µs that puts ticks at least @min_px apart. */
gint64
nice_step (double px_per_us,
           double min_px)
{
  double min_us = min_px / MAX (px_per_us, 1e-12);

  for (gint64 base = 1; base < G_MAXINT64 / 100; base *= 10)
    {
      if (base >= min_us)
        return base;
      if (2 * base >= min_us)
        return 2 * base;
      if (base >= 10 && base / 2 * 5 >= min_us)
        return base / 2 * 5;
      if (5 * base >= min_us)
        return 5 * base;
    }

  return G_MAXINT64 / 100;
}

static gint64
power_of_ten_in (gint64 step)
{
  gint64 q = 1;

  while (step % (q * 10) == 0)
    q *= 10;

  return q;
}

void
draw_grid (Render *r,
           gint64  step)
{
  cairo_t *cr = r->cr;
  const InflightViewport *vp = r->viewport;
  gint64 first = (vp->t_start / step) * step;

  if (first < vp->t_start)
    first += step;

  cairo_new_path (cr);
  for (gint64 t = first; t <= vp->t_end; t += step)
    {
      double y = inflight_pixel_grid_line (&r->grid, inflight_diagram_time_to_y (vp, t), r->lw, TRUE);

      cairo_move_to (cr, r->left, y);
      cairo_line_to (cr, r->right, y);
    }
  cairo_set_line_width (cr, r->lw);
  inflight_paint_set_color (cr, &r->style->dim, r->style->high_contrast ? 0.3 : 0.18);
  cairo_stroke (cr);

  /* Short ticks where the labels are. */
  for (gint64 t = first; t <= vp->t_end; t += step)
    {
      double y = inflight_pixel_grid_line (&r->grid, inflight_diagram_time_to_y (vp, t), r->lw, TRUE);

      cairo_move_to (cr, r->left - 4, y);
      cairo_line_to (cr, r->left, y);
    }
  inflight_paint_set_color (cr, &r->style->dim, 0.8);
  cairo_stroke (cr);
}

void
draw_axis_labels (Render *r,
                  gint64  step)
{
  cairo_t *cr = r->cr;
  const InflightViewport *vp = r->viewport;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  gint64 first = (vp->t_start / step) * step;

  if (first < vp->t_start)
    first += step;

  inflight_paint_set_color (cr, &r->style->dim, 1.0);
  for (gint64 t = first; t <= vp->t_end; t += step)
    {
      char text[48];
      double y = inflight_diagram_time_to_y (vp, t);
      double w = -1, h;

      gboolean as_glyphs;

      inflight_diagram_format_tick (text, sizeof text, t, step);
      as_glyphs = measure_small (r, text, &w, &h);

      /* Keep the first and last labels inside the drawing. */
      y = round (CLAMP (y - h / 2, r->top - h / 2, r->bottom));
      if (as_glyphs)
        atlas_append (r, glyphs, text, round (r->left - 8 - w), y);
      else
        {
          cairo_move_to (cr, round (r->left - 8 - w), y);
          pango_cairo_show_layout (cr, r->layout);
        }
    }
  atlas_show (r, glyphs, &r->style->dim);
}

/* Playhead */

gboolean
playhead_visible (const Render *r)
{
  const InflightViewport *vp = r->viewport;

  if (r->snapshot == NULL || r->playhead < vp->t_start || r->playhead > vp->t_end)
    return FALSE;

  return !r->snapshot->finished || r->playhead < inflight_trace_snapshot_end_time (r->snapshot);
}

void
draw_playhead_line (Render *r)
{
  cairo_t *cr = r->cr;
  double width = r->style->high_contrast ? r->lw : 2 * r->lw;
  double y = inflight_pixel_grid_line (&r->grid, inflight_diagram_time_to_y (r->viewport, r->playhead), width, TRUE);

  cairo_new_path (cr);
  cairo_move_to (cr, r->left, y);
  cairo_line_to (cr, r->right, y);
  cairo_set_line_width (cr, width);
  inflight_paint_set_color (cr, &r->style->playhead, 1.0);
  cairo_stroke (cr);
}

/* The playhead's time in a pill over the axis labels. */
void
draw_playhead_pill (Render *r,
                    gint64  step)
{
  cairo_t *cr = r->cr;
  char text[48];
  gint64 quantum = MAX ((gint64) 1, power_of_ten_in (step) / 10);
  gint64 t = (r->playhead + quantum / 2) / quantum * quantum;
  double y = inflight_diagram_time_to_y (r->viewport, r->playhead);
  double w, h, x;
  gboolean as_glyphs;

  format_time (text, sizeof text, t, quantum, FALSE);
  as_glyphs = measure_small (r, text, &w, &h);

  x = round (r->left - 4 - w - 8);
  y = round (CLAMP (y - h / 2 - 1, 1, r->bottom + 4));

  cairo_new_path (cr);
  rounded_rect (cr, x, y, w + 8, h + 2, (h + 2) / 2);
  inflight_paint_set_color (cr, &r->style->playhead, 1.0);
  cairo_fill (cr);

  if (as_glyphs)
    {
      g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

      atlas_append (r, glyphs, text, x + 4, y + 1);
      atlas_show (r, glyphs, &r->style->background);
    }
  else
    {
      inflight_paint_set_color (cr, &r->style->background, 1.0);
      cairo_move_to (cr, x + 4, y + 1);
      pango_cairo_show_layout (cr, r->layout);
    }
}

/**
 * inflight_diagram_format_tick:
 * @out: (out caller-allocates): where the label goes
 * @step: how far apart the ticks are, in µs
 *
 * Writes the time axis's label for a tick at @t: in µs below a millisecond,
 * in ms below a second, else in seconds, as in "250 µs", "1.5 ms" or "2 s".
 */
void
inflight_diagram_format_tick (char   *out,
                              gsize   len,
                              gint64  t,
                              gint64  step)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (step > 0);

  format_time (out, len, t, power_of_ten_in (step), TRUE);
}
