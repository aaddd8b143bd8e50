/* inflight-diagram-spans.c
 * Draws the bars of spans (working, waiting, free, down, frozen) on each lane.
 * Changes when the look of what a thread is doing does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Spans */

GArray *
collect_spans (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (SpanBox));
  g_autofree guint *first = g_new (guint, r->n_lanes + 1);
  g_autofree int *last = NULL;
  g_autofree double *slot_x = NULL;
  InflightIndexRange range;
  guint i;
  double pixel = r->grid.can_snap && r->grid.sy > 0 ? 1.0 / r->grid.sy : 1.0;
  double sy = r->grid.can_snap ? r->grid.sy : 1, oy = r->grid.can_snap ? r->grid.oy : 0;
  double row_per_us = r->y_per_us * sy;
  double row_at = (r->top - vp->t_start * r->y_per_us) * sy + oy;
  double row_min = (r->top - 2) * sy + oy;
  double row_max = (r->bottom + 2) * sy + oy;

  /* The last box of every lane, slot and kind, to merge the next one into when they touch. */
  first[0] = 0;
  for (guint l = 0; l < r->n_lanes; l++)
    first[l + 1] = first[l] + (r->max_slot[l] + 1) * N_SPAN_KINDS;
  last = g_new (int, MAX (first[r->n_lanes], 1));
  for (guint k = 0; k < first[r->n_lanes]; k++)
    last[k] = -1;

  /* Where each slot's bar goes across. */
  slot_x = g_new (double, 2 * MAX (first[r->n_lanes] / N_SPAN_KINDS, 1));
  for (guint l = 0; l < r->n_lanes; l++)
    {
      guint n_slots = r->max_slot[l] + 1;
      double bar, gap;
      double col_left = r->lane_centre[l] - r->lane_width / 2 + COLUMN_PADDING;
      double col_right = r->lane_centre[l] + r->lane_width / 2 - COLUMN_PADDING;

      bar_layout (r, n_slots, &bar, &gap);
      for (guint slot = 0; slot < n_slots; slot++)
        {
          double cx = r->lane_centre[l] + (slot - (n_slots - 1) / 2.0) * (bar + gap);
          double *x = &slot_x[2 * (first[l] / N_SPAN_KINDS + slot)];

          cx = CLAMP (cx, col_left + bar / 2, MAX (col_left + bar / 2, col_right - bar / 2));
          x[0] = inflight_pixel_grid_edge (&r->grid, cx - bar / 2, FALSE);
          x[1] = inflight_pixel_grid_edge (&r->grid, x[0] + bar, FALSE);
          if (x[1] <= x[0])
            x[1] = x[0] + 1 / r->grid.sx;
        }
    }

  inflight_diagram_index_spans (r->index, s, vp->t_start, r->drawn_until, &range);
  while (inflight_index_range_next (&range, &i))
    {
      const InflightSpan *span = &s->spans[i];
      guint key, slot;
      gint64 end;
      SpanBox box;

      if (span->lane >= r->n_lanes || span->start > r->drawn_until)
        continue;
      end = (span->end == INFLIGHT_TIME_NONE || span->end > r->playhead) ? r->playhead : span->end;
      if (end < vp->t_start || end <= span->start)
        continue;

      /* Device rows, worked out here rather than in calls: this loop runs for every span. */
      box.kind = span->kind;
      box.y0 = (double) (gint64) (MAX (row_at + span->start * row_per_us, row_min) + 0.5);
      box.y1 = (double) (gint64) (MIN (row_at + end * row_per_us, row_max) + 0.5);
      box.y0 = (box.y0 - oy) / sy;
      box.y1 = (box.y1 - oy) / sy;
      if (box.y1 - box.y0 < 1)
        box.y1 = box.y0 + 1;

      /* Spans closer than a pixel look like one bar: drawing them as one costs one. */
      slot = MIN (span->slot, 255);
      key = first[span->lane] + slot * N_SPAN_KINDS + MIN ((guint) span->kind, N_SPAN_KINDS - 1);
      if (last[key] >= 0)
        {
          SpanBox *prev = &g_array_index (boxes, SpanBox, last[key]);

          if (box.y0 <= prev->y1 + pixel && box.y1 >= prev->y0 - pixel)
            {
              prev->y0 = MIN (prev->y0, box.y0);
              prev->y1 = MAX (prev->y1, box.y1);
              prev->busy_us += end - span->start;
              continue;
            }
        }
      box.busy_us = end - span->start;
      box.x0 = slot_x[2 * (first[span->lane] / N_SPAN_KINDS + slot)];
      box.x1 = slot_x[2 * (first[span->lane] / N_SPAN_KINDS + slot) + 1];
      last[key] = (int) boxes->len;
      g_array_append_val (boxes, box);
    }

  return boxes;
}

/* Adds the boxes of @kind, shrunk by @inset on every side; FALSE if there were none. */
static gboolean
add_boxes (cairo_t          *cr,
           const GArray     *boxes,
           InflightSpanKind  kind,
           double            inset)
{
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < boxes->len; i++)
    {
      const SpanBox *b = &g_array_index (boxes, SpanBox, i);

      /* Boxes too small to have an inside are all outline. */
      if (b->kind != kind || b->x1 - b->x0 <= 2 * inset || b->y1 - b->y0 <= 2 * inset)
        continue;
      cairo_rectangle (cr, b->x0 + inset, b->y0 + inset,
                       b->x1 - b->x0 - 2 * inset, b->y1 - b->y0 - 2 * inset);
      any = TRUE;
    }

  return any;
}

/* The share of @box's rows that its spans really cover, from 0 to 1. */
static double
box_coverage (const Render  *r,
              const SpanBox *box)
{
  double rows_us = (box->y1 - box->y0) / MAX (r->y_per_us, 1e-12);

  return rows_us <= 0 ? 1.0 : CLAMP (box->busy_us / rows_us, 0.0, 1.0);
}

/* With @covered, adds the boxes of work that cover their rows, for one fill; without it,
 * fills each of the others itself, as faint as its coverage. FALSE if none were added. */
static gboolean
add_work_boxes (Render       *r,
                const GArray *boxes,
                gboolean      covered)
{
  cairo_t *cr = r->cr;
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < boxes->len; i++)
    {
      const SpanBox *b = &g_array_index (boxes, SpanBox, i);
      double coverage;

      if (b->kind != INFLIGHT_SPAN_WORKING)
        continue;
      coverage = box_coverage (r, b);
      if ((coverage >= FULLY_COVERED) != covered)
        continue;

      cairo_rectangle (cr, b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
      any = TRUE;
      if (!covered)
        {
          inflight_paint_set_color (cr, &r->style->working, MAX (coverage, FAINTEST_WORK));
          cairo_fill (cr);
        }
    }

  return any;
}

/* Adds 45° lines clipped to [x0, x1] × [y0, y1]; @rising: "/" rather than "\". */
static void
add_hatch (cairo_t  *cr,
           double    x0,
           double    y0,
           double    x1,
           double    y1,
           double    spacing,
           gboolean  rising)
{
  double k_min, k_max;

  if (x1 <= x0 || y1 <= y0)
    return;

  /* Lines are y = x + k ("\") or y = -x + k ("/"), anchored to the page so patterns line up. */
  if (rising)
    {
      k_min = x0 + y0;
      k_max = x1 + y1;
    }
  else
    {
      k_min = y0 - x1;
      k_max = y1 - x0;
    }

  for (double k = ceil (k_min / spacing) * spacing; k <= k_max; k += spacing)
    {
      double xs, xe;

      if (rising)
        {
          xs = MAX (x0, k - y1);
          xe = MIN (x1, k - y0);
          if (xe - xs < 0.01)
            continue;
          cairo_move_to (cr, xs, k - xs);
          cairo_line_to (cr, xe, k - xe);
        }
      else
        {
          xs = MAX (x0, y0 - k);
          xe = MIN (x1, y1 - k);
          if (xe - xs < 0.01)
            continue;
          cairo_move_to (cr, xs, xs + k);
          cairo_line_to (cr, xe, xe + k);
        }
    }
}

static gboolean
add_pattern (const Render     *r,
             const GArray     *boxes,
             InflightSpanKind  kind,
             double            inset,
             double            spacing,
             gboolean          rising,
             gboolean          falling)
{
  gboolean any = FALSE;

  cairo_new_path (r->cr);
  for (guint i = 0; i < boxes->len; i++)
    {
      const SpanBox *b = &g_array_index (boxes, SpanBox, i);

      if (b->kind != kind)
        continue;
      if (rising)
        add_hatch (r->cr, b->x0 + inset, b->y0 + inset, b->x1 - inset, b->y1 - inset, spacing, TRUE);
      if (falling)
        add_hatch (r->cr, b->x0 + inset, b->y0 + inset, b->x1 - inset, b->y1 - inset, spacing, FALSE);
      any = TRUE;
    }

  return any;
}

/* A zig-zag down the bar: the frozen thread's "no frames" look. */
static gboolean
add_zigzags (const Render *r,
             const GArray *boxes,
             double        inset,
             double        period)
{
  gboolean any = FALSE;

  cairo_new_path (r->cr);
  for (guint i = 0; i < boxes->len; i++)
    {
      const SpanBox *b = &g_array_index (boxes, SpanBox, i);
      double left = b->x0 + inset;
      double right = b->x1 - inset;
      double y;
      gboolean at_left = TRUE;

      if (b->kind != INFLIGHT_SPAN_FROZEN || right - left < 2 || b->y1 - b->y0 < 2 * inset)
        continue;

      /* Anchor to the page so that the pattern does not shimmer as the bar grows. */
      y = floor ((b->y0 + inset) / period) * period;
      at_left = ((long) floor (y / period)) % 2 == 0;
      cairo_move_to (r->cr, at_left ? left : right, MAX (y, b->y0 + inset));
      for (y += period; y < b->y1 - inset; y += period)
        {
          at_left = !at_left;
          cairo_line_to (r->cr, at_left ? left : right, y);
        }
      any = TRUE;
    }

  return any;
}

/* Hatching as a repeating tile on the device grid: one fill however many bars.
 * Returns %NULL where a tile would not be sharp (PDF, SVG): draw lines there. */
static cairo_pattern_t *
hatch_pattern (const Render        *r,
               const InflightColor *color,
               double               spacing,
               double               width)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (r->cr));
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *tc;
  double oversample;
  int n;

  if (!r->grid.can_snap || r->grid.sx <= 0 || r->grid.sy <= 0)
    return NULL;

  /* A recording (as in a widget) is played back later, maybe at a higher scale. */
  if (type == CAIRO_SURFACE_TYPE_IMAGE)
    oversample = 1;
  else if (type == CAIRO_SURFACE_TYPE_RECORDING)
    oversample = 2;
  else
    return NULL;

  n = MAX (3, (int) lround (spacing * r->grid.sx * oversample));
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, n);
  tc = cairo_create (tile);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (tc, k * n, n);
      cairo_line_to (tc, (k + 1) * n, 0);
    }
  cairo_set_line_width (tc, width * r->grid.sx * oversample);
  inflight_paint_set_color (tc, color, 1.0);
  cairo_stroke (tc);
  cairo_destroy (tc);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_pattern_set_filter (pattern, oversample == 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_matrix_init (&matrix, r->grid.sx * oversample, 0, 0, r->grid.sy * oversample,
                     r->grid.ox * oversample, r->grid.oy * oversample);
  cairo_pattern_set_matrix (pattern, &matrix);

  return pattern;
}

/* Bars of @kind as an @outline colour around an inside of the paper tinted @tint of the way to
 * the colour of work (no tint in high contrast): one solid box, then its inside over it. */
static void
fill_outlined (Render                *r,
               const GArray          *boxes,
               InflightSpanKind       kind,
               const InflightColor   *outline,
               double                 tint,
               double                 frame)
{
  InflightColor inside;

  if (!add_boxes (r->cr, boxes, kind, 0))
    return;

  inflight_paint_set_color (r->cr, outline, 1.0);
  cairo_fill (r->cr);
  add_boxes (r->cr, boxes, kind, frame);
  inside = mix (&r->style->background, &r->style->working, r->style->high_contrast ? 0.0 : tint);
  inflight_paint_set_color (r->cr, &inside, 1.0);
  cairo_fill (r->cr);
}

void
draw_spans (Render       *r,
            const GArray *boxes)
{
  cairo_t *cr = r->cr;
  const InflightDiagramStyle *style = r->style;
  double lw = r->lw;
  double frame = r->grid.can_snap ? MAX (1.0, round (lw * r->grid.sx)) / r->grid.sx : lw;
  InflightColor paper = style->background;
  InflightColor tint;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Free bars first: the slices of work a free lane does between its waits go over them. A
   * thread that has work but no core to run it on: the colour of work, faint, outlined. */
  fill_outlined (r, boxes, INFLIGHT_SPAN_IDLE, &style->idle, 0.08, frame);
  fill_outlined (r, boxes, INFLIGHT_SPAN_READY, &style->working, 0.3, frame);

  /* Fills. Work is solid where it covers its rows; brief slices of work merged into one
   * pixel row are drawn as faint as the share of the row they really cover, so that 5% of
   * the time never looks like all of it. */
  if (add_work_boxes (r, boxes, TRUE))
    {
      inflight_paint_set_color (cr, &style->working, 1.0);
      cairo_fill (cr);
    }
  add_work_boxes (r, boxes, FALSE);
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_FROZEN, 0))
    {
      inflight_paint_set_color (cr, &style->frozen, 1.0);
      cairo_fill (cr);
    }
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_DOWN, 0))
    {
      inflight_paint_set_color (cr, &style->down, 1.0);
      cairo_fill (cr);
    }
  /* Waiting bars: a solid box, then its inside, so that the outline costs nothing. */
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, 0))
    {
      inflight_paint_set_color (cr, &style->waiting, 1.0);
      cairo_fill (cr);
      add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, frame);
      tint = mix (&paper, &style->waiting, style->high_contrast ? 0.0 : 0.12);
      inflight_paint_set_color (cr, &tint, 1.0);
      cairo_fill (cr);
    }

  /* Patterns. */
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, frame))
    {
      cairo_pattern_t *hatch = hatch_pattern (r, &style->waiting, HATCH_SPACING * lw, 1.5 * lw);

      if (hatch != NULL)
        {
          cairo_set_source (cr, hatch);
          cairo_fill (cr);
          cairo_pattern_destroy (hatch);
        }
      else
        {
          cairo_new_path (cr);
          cairo_set_line_width (cr, 1.5 * lw);
          add_pattern (r, boxes, INFLIGHT_SPAN_WAITING, lw, HATCH_SPACING * lw, TRUE, FALSE);
          inflight_paint_set_color (cr, &style->waiting, 1.0);
          cairo_stroke (cr);
        }
    }
  cairo_set_line_width (cr, lw);
  if (add_pattern (r, boxes, INFLIGHT_SPAN_DOWN, 0, HATCH_SPACING * lw, TRUE, TRUE))
    {
      inflight_paint_set_color (cr, &paper, 0.55);
      cairo_stroke (cr);
    }
  if (add_zigzags (r, boxes, 2 * lw, 3 * lw))
    {
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      inflight_paint_set_color (cr, &paper, 0.6);
      cairo_stroke (cr);
    }
}
