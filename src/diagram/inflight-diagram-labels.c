/* inflight-diagram-labels.c
 * Places and draws the request numbers on arrows, never over another label.
 * Changes when label placement does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Label placement: a coarse grid of taken cells keeps labels from overlapping. */

gboolean
cells_free (const Render *r,
            double        x0,
            double        y0,
            double        x1,
            double        y1)
{
  int c0 = (int) floor (x0 / LABEL_CELL);
  int c1 = (int) floor (x1 / LABEL_CELL);
  int r0 = (int) floor (y0 / LABEL_CELL);
  int r1 = (int) floor (y1 / LABEL_CELL);

  if (c0 < 0 || r0 < 0 || c1 >= r->cells_w || r1 >= r->cells_h)
    return FALSE;

  for (int row = r0; row <= r1; row++)
    for (int col = c0; col <= c1; col++)
      if (r->cells[row * r->cells_w + col])
        return FALSE;

  return TRUE;
}

gboolean
cells_claim (Render *r,
             double  x0,
             double  y0,
             double  x1,
             double  y1)
{
  int c0 = (int) floor (x0 / LABEL_CELL);
  int c1 = (int) floor (x1 / LABEL_CELL);
  int r0 = (int) floor (y0 / LABEL_CELL);
  int r1 = (int) floor (y1 / LABEL_CELL);

  if (c0 < 0 || r0 < 0 || c1 >= r->cells_w || r1 >= r->cells_h)
    return FALSE;

  for (int row = r0; row <= r1; row++)
    for (int col = c0; col <= c1; col++)
      if (r->cells[row * r->cells_w + col])
        return FALSE;

  for (int row = r0; row <= r1; row++)
    for (int col = c0; col <= c1; col++)
      r->cells[row * r->cells_w + col] = 1;

  return TRUE;
}

/* Finds room for a request label on its arrow, a third of the way from the sender
 * (so requests and replies between two lanes do not meet in the middle); FALSE if none. */
static gboolean
place_arrow_label (Render      *r,
                   const Arrow *a,
                   double       w,
                   double       h,
                   double      *x,
                   double      *y)
{
  static const double along[] = { 0.3, 0.2, 0.4, 0.75 };
  double full, drawn;

  if (a->self)
    {
      double lx = a->loop_x + 4;
      double ly = (a->y0 + a->y1 - h) / 2;

      if (ly < r->top || !cells_claim (r, lx - LABEL_PAD, ly - LABEL_PAD,
                                        lx + w + LABEL_PAD, ly + h + LABEL_PAD))
        return FALSE;
      *x = round (lx);
      *y = round (ly);
      return TRUE;
    }

  full = a->x_to - a->x0;
  drawn = a->x1 - a->x0;
  if (fabs (full) < w + 2 * HEAD_LENGTH + 16)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (along); i++)
    {
      double cx = a->x0 + full * along[i];
      double reach = fabs (cx - a->x0) + w / 2 + 4;
      double cy, lx, ly;

      /* Clear of the sender's end, of the head, and of the part not yet drawn. */
      if (fabs (cx - a->x0) < w / 2 + 4 ||
          fabs (a->x_to - cx) < w / 2 + HEAD_LENGTH + 4 ||
          fabs (drawn) < reach)
        continue;

      cy = a->y0 + (a->y1 - a->y0) * (cx - a->x0) / drawn;
      lx = cx - w / 2;
      ly = cy - h / 2;
      if (ly < r->top || ly + h > r->viewport->height)
        continue;
      if (cells_claim (r, lx - LABEL_PAD, ly - LABEL_PAD, lx + w + LABEL_PAD, ly + h + LABEL_PAD))
        {
          *x = round (lx);
          *y = round (ly);
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether arrows between each pair of lanes are far enough apart for labels to tell them apart. */
static gboolean *
label_pairs (const Render *r,
             const GArray *arrows,
             double        label_height)
{
  guint n = r->n_lanes;
  guint *count = g_new0 (guint, (gsize) n * n);
  gboolean *ok = g_new0 (gboolean, (gsize) n * n);
  double room = (r->bottom - r->top) / (label_height + 2);

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);

      count[a->from_lane * n + a->to_lane]++;
    }
  for (guint i = 0; i < n * n; i++)
    ok[i] = count[i] <= room;

  g_free (count);

  return ok;
}

void
draw_arrow_labels (Render *r,
                   GArray *arrows)
{
  cairo_t *cr = r->cr;
  GArray *glyphs[N_INKS];
  g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *pair_ok = NULL;
  double h = r->atlas.height;

  if (!r->have_atlas)
    {
      double w;

      layout_text (r, r->font_small, "#0", -1, PANGO_ALIGN_LEFT, TRUE);
      layout_size (r, &w, &h);
    }

  if (r->n_lanes > 64)
    return;
  pair_ok = label_pairs (r, arrows, h);

  for (int ink = 0; ink < N_INKS; ink++)
    glyphs[ink] = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

  cairo_new_path (cr);
  for (guint i = 0; i < arrows->len; i++)
    {
      Arrow *a = &g_array_index (arrows, Arrow, i);
      char text[16];
      double w, x, y;
      gboolean as_glyphs;

      if (a->request == 0 || a->faded || a->hidden || a->detail != DETAIL_FULL ||
          !pair_ok[a->from_lane * r->n_lanes + a->to_lane])
        continue;

      g_snprintf (text, sizeof text, "#%u", a->request);
      as_glyphs = measure_small (r, text, &w, &h);
      if (!place_arrow_label (r, a, w, h, &x, &y))
        continue;

      cairo_rectangle (cr, x - 2, y, ceil (w) + 4, ceil (h));
      if (as_glyphs)
        atlas_append (r, glyphs[a->ink], text, x, y);
      else
        {
          a->label_x = x;
          a->label_y = y;
          g_array_append_val (spots, i);
        }
    }

  /* Halos first, then every label of one colour in one call. */
  set_color (cr, &r->style->background, 1.0);
  cairo_fill (cr);

  for (int ink = 0; ink < N_INKS; ink++)
    {
      atlas_show (r, glyphs[ink], ink_color (r, ink));
      g_array_unref (glyphs[ink]);
    }

  for (guint i = 0; i < spots->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, g_array_index (spots, guint, i));
      char text[16];

      g_snprintf (text, sizeof text, "#%u", a->request);
      layout_text (r, r->font_small, text, -1, PANGO_ALIGN_LEFT, TRUE);
      set_color (cr, ink_color (r, a->ink), 1.0);
      cairo_move_to (cr, a->label_x, a->label_y);
      pango_cairo_show_layout (cr, r->layout);
    }
}
