/* inflight-diagram-legend.c
 * Draws the legend below the time area: one entry for each look the run uses (bars, arrows,
 * failures, notes, the queue), in as many rows as the width needs, up to three.
 * Changes when what the legend explains, or how it is laid out, does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

#define LEGEND_ROW        18.0   /* px from one row of the legend to the next */
#define LEGEND_GAP_MIN    8.0    /* between entries, when the rows are full */

/* Only what this run has, so that the legend explains this picture and no other. */
static guint
legend_looks (Render             *r,
              InflightLegendEntry *items)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const gboolean *span_kinds = r->index->span_kinds;
  const gboolean *kinds = r->index->message_kinds;
  gboolean inks[N_INKS] = { FALSE };
  gboolean stopped = r->index->lost || kinds[INFLIGHT_MESSAGE_CANCEL];
  gboolean queue = FALSE;
  guint n = 0;

  for (guint k = 0; k < N_MESSAGE_KINDS; k++)
    inks[kind_ink[k]] |= kinds[k];
  for (guint i = 0; i < s->n_lanes; i++)
    queue |= s->lanes[i].role == INFLIGHT_LANE_QUEUE;

#define ADD(l, text) G_STMT_START { items[n].look = (l); items[n].label = (text); n++; } G_STMT_END
  /* A crowded run shows how many requests are on their way, not the arrows. */
  if (r->aggregate)
    {
      gboolean caller = FALSE;

      for (guint i = 0; i < s->n_lanes; i++)
        caller |= s->lanes[i].role == INFLIGHT_LANE_CALLER || s->lanes[i].role == INFLIGHT_LANE_UI_THREAD ||
                  s->lanes[i].role == INFLIGHT_LANE_EVENT_LOOP;
      memset (inks, 0, sizeof inks);
      stopped = FALSE;
      if (caller && (kinds[INFLIGHT_MESSAGE_REQUEST] || kinds[INFLIGHT_MESSAGE_ENQUEUE]))
        /* Translators: in the diagram's legend: how many requests a caller has sent and still awaits */
        ADD (INFLIGHT_LEGEND_IN_FLIGHT, C_("legend", "Requests in flight"));
      if (caller && (kinds[INFLIGHT_MESSAGE_REPLY] || kinds[INFLIGHT_MESSAGE_CALLBACK] || kinds[INFLIGHT_MESSAGE_ERROR]))
        /* Translators: in the diagram's legend: a strip, darker where more replies reach the caller */
        ADD (INFLIGHT_LEGEND_ARRIVALS, C_("legend", "Replies arriving"));
    }
  if (span_kinds[INFLIGHT_SPAN_WORKING])
    /* Translators: in the diagram's legend: a thread doing useful work */
    ADD (INFLIGHT_LEGEND_WORKING, C_("legend", "Working"));
  if (span_kinds[INFLIGHT_SPAN_WAITING])
    /* Translators: in the diagram's legend: a thread blocked, doing nothing but wait */
    ADD (INFLIGHT_LEGEND_WAITING, C_("legend", "Waiting"));
  if (span_kinds[INFLIGHT_SPAN_IDLE])
    /* Translators: in the diagram's legend: a thread neither busy nor blocked, ready for other work */
    ADD (INFLIGHT_LEGEND_FREE, C_("legend", "Free"));
  if (span_kinds[INFLIGHT_SPAN_READY])
    /* Translators: in the diagram's legend: a thread with work to do but no processor core free */
    ADD (INFLIGHT_LEGEND_READY, C_("legend", "Waiting for a core"));
  if (span_kinds[INFLIGHT_SPAN_DOWN])
    /* Translators: in the diagram's legend: a service that is unavailable */
    ADD (INFLIGHT_LEGEND_DOWN, C_("legend", "Down"));
  if (span_kinds[INFLIGHT_SPAN_FROZEN])
    /* Translators: in the diagram's legend: the UI thread blocked, drawing no frames */
    ADD (INFLIGHT_LEGEND_FROZEN, C_("legend", "Frozen"));
  if (inks[INK_REQUEST])
    ADD (INFLIGHT_LEGEND_REQUEST, C_("legend", "Request"));
  if (inks[INK_REPLY])
    ADD (INFLIGHT_LEGEND_REPLY, C_("legend", "Reply"));
  if (kinds[INFLIGHT_MESSAGE_ERROR] && !r->aggregate)
    ADD (INFLIGHT_LEGEND_FAILED, C_("legend", "Failed"));
  if (kinds[INFLIGHT_MESSAGE_TIMEOUT] && !r->aggregate)
    ADD (INFLIGHT_LEGEND_TIMED_OUT, C_("legend", "Timed out"));
  if (stopped)
    /* Translators: in the diagram's legend: a message lost when the run was stopped */
    ADD (INFLIGHT_LEGEND_STOPPED, C_("legend", "Stopped"));
  if (queue)
    ADD (INFLIGHT_LEGEND_QUEUE, C_("legend", "Queue length"));
  if (s->n_marks > 0)
    /* Translators: in the diagram's legend: a diamond on a lane, where something noteworthy happened */
    ADD (INFLIGHT_LEGEND_NOTE, C_("legend", "Note"));
#undef ADD

  return n;
}

/* How many rows of entries the footer of a diagram this wide has room for. */
guint
legend_rows (double width)
{
  return width >= 1000 ? 1 : width >= 520 ? 2 : 3;
}

/* Where each entry of the legend goes: left to right, onto the next row when the next entry
 * does not fit; with less room between entries if that is what it takes for all to fit. */
void
place_legend (Render                *r,
              InflightDiagramLayout *plan)
{
  InflightLegendEntry items[INFLIGHT_N_LEGEND_LOOKS];
  guint n = legend_looks (r, items);
  guint rows = legend_rows (r->viewport->width);
  double footer = inflight_diagram_footer_height (r->viewport);
  double first_y = round (r->viewport->height - footer + 6 + LEGEND_ROW / 2 + 2);

  for (guint i = 0; i < n; i++)
    {
      double w, h;

      measure_small (r, items[i].label, &w, &h);
      items[i].width = LEGEND_SWATCH + 6 + ceil (w);
    }

  for (double gap = LEGEND_GAP; gap >= LEGEND_GAP_MIN; gap -= 4)
    {
      double x = r->left;
      guint row = 0;
      gboolean fits = TRUE;

      for (guint i = 0; i < n && fits; i++)
        {
          if (x > r->left && x + items[i].width > r->right)
            {
              row++;
              x = r->left;
            }
          fits = row < rows && x + items[i].width <= r->right;
          items[i].x = x;
          items[i].y = first_y + row * LEGEND_ROW;
          x += items[i].width + gap;
        }

      /* Else the entries that do fit, at the narrowest gap. */
      if (fits || gap - 4 < LEGEND_GAP_MIN)
        {
          for (guint i = 0; i < n; i++)
            if (items[i].y < first_y + rows * LEGEND_ROW && items[i].x + items[i].width <= r->right)
              g_array_append_val (plan->legend, items[i]);
          break;
        }
    }
  plan->legend_rows = rows;
}

/* A span kind's swatch, for those entries that show one. */
static const int look_span[INFLIGHT_N_LEGEND_LOOKS] = {
  [INFLIGHT_LEGEND_WORKING] = INFLIGHT_SPAN_WORKING,
  [INFLIGHT_LEGEND_WAITING] = INFLIGHT_SPAN_WAITING,
  [INFLIGHT_LEGEND_FREE] = INFLIGHT_SPAN_IDLE,
  [INFLIGHT_LEGEND_READY] = INFLIGHT_SPAN_READY,
  [INFLIGHT_LEGEND_DOWN] = INFLIGHT_SPAN_DOWN,
  [INFLIGHT_LEGEND_FROZEN] = INFLIGHT_SPAN_FROZEN,
};

void
draw_legend (Render *r)
{
  cairo_t *cr = r->cr;
  const GArray *entries = r->plan->legend;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (SpanBox));
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < entries->len; i++)
    {
      const InflightLegendEntry *item = &g_array_index (entries, InflightLegendEntry, i);
      double x = item->x, cy = item->y;
      double w, h, sx = inflight_pixel_grid_edge (&r->grid, x, FALSE);
      gboolean as_glyphs = measure_small (r, item->label, &w, &h);

      cairo_new_path (cr);
      switch ((InflightLegendLook) item->look)
        {
        case INFLIGHT_LEGEND_WORKING:
        case INFLIGHT_LEGEND_WAITING:
        case INFLIGHT_LEGEND_FREE:
        case INFLIGHT_LEGEND_READY:
        case INFLIGHT_LEGEND_DOWN:
        case INFLIGHT_LEGEND_FROZEN:
          {
            SpanBox box = { sx, inflight_pixel_grid_edge (&r->grid, cy - 5, TRUE),
                            inflight_pixel_grid_edge (&r->grid, x + LEGEND_SWATCH, FALSE), inflight_pixel_grid_edge (&r->grid, cy + 5, TRUE),
                            look_span[item->look], G_MAXDOUBLE };

            g_array_append_val (boxes, box);
          }
          break;

        case INFLIGHT_LEGEND_REQUEST:
        case INFLIGHT_LEGEND_REPLY:
        case INFLIGHT_LEGEND_STOPPED:
          {
            gboolean dashed = item->look == INFLIGHT_LEGEND_STOPPED;
            Arrow a = { 0 };

            a.x0 = x;
            a.y0 = a.y1 = inflight_pixel_grid_line (&r->grid, cy, 1.25 * r->lw, TRUE);
            a.x1 = a.x_to = x + LEGEND_SWATCH + 2;
            a.arrived = TRUE;
            add_arrow_line (r, &a);
            cairo_set_line_width (cr, 1.25 * r->lw);
            if (dashed)
              {
                double dashes[2] = { 3 * r->lw, 3 * r->lw };

                cairo_set_dash (cr, dashes, 2, 0);
              }
            inflight_paint_set_color (cr, ink_color (r, item->look == INFLIGHT_LEGEND_REQUEST ? INK_REQUEST :
                                         item->look == INFLIGHT_LEGEND_REPLY ? INK_REPLY : INK_OTHER),
                       dashed ? 0.45 : 1.0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            add_arrow_head (r, &a);
            cairo_fill (cr);
          }
          break;

        case INFLIGHT_LEGEND_FAILED:
          draw_failure_cross (r, x + LEGEND_SWATCH / 2, cy);
          break;

        case INFLIGHT_LEGEND_TIMED_OUT:
          draw_failure_clock (r, x + LEGEND_SWATCH / 2, cy);
          break;

        case INFLIGHT_LEGEND_NOTE:
          draw_mark_diamond (r, x + LEGEND_SWATCH / 2, cy);
          break;

        case INFLIGHT_LEGEND_IN_FLIGHT:
          cairo_move_to (cr, sx, cy + 6);
          cairo_line_to (cr, sx, cy - 6);
          cairo_line_to (cr, sx + 4, cy - 6);
          cairo_line_to (cr, sx + 4, cy - 2);
          cairo_line_to (cr, sx + 12, cy - 2);
          cairo_line_to (cr, sx + 12, cy + 3);
          cairo_line_to (cr, sx + 7, cy + 3);
          cairo_line_to (cr, sx + 7, cy + 6);
          cairo_close_path (cr);
          inflight_paint_set_color (cr, &r->style->working, r->style->high_contrast ? 0.6 : 0.45);
          cairo_fill (cr);
          break;

        case INFLIGHT_LEGEND_ARRIVALS:
          for (int k = 0; k < 3; k++)
            {
              cairo_rectangle (cr, inflight_pixel_grid_edge (&r->grid, x + LEGEND_SWATCH / 2 - 2, FALSE), inflight_pixel_grid_edge (&r->grid, cy - 6 + 4 * k, TRUE),
                               4, 4);
              inflight_paint_set_color (cr, &r->style->reply, 0.25 + 0.375 * k);
              cairo_fill (cr);
            }
          break;

        case INFLIGHT_LEGEND_QUEUE:
        case INFLIGHT_N_LEGEND_LOOKS:
        default:
          cairo_move_to (cr, sx, cy + 6);
          cairo_line_to (cr, sx, cy - 6);
          cairo_line_to (cr, sx + 5, cy - 6);
          cairo_line_to (cr, sx + 5, cy - 2);
          cairo_line_to (cr, sx + 11, cy - 2);
          cairo_line_to (cr, sx + 11, cy + 2);
          cairo_line_to (cr, sx + 7, cy + 2);
          cairo_line_to (cr, sx + 7, cy + 6);
          cairo_close_path (cr);
          inflight_paint_set_color (cr, &r->style->request, r->style->high_contrast ? 0.45 : 0.22);
          cairo_fill_preserve (cr);
          inflight_paint_set_color (cr, &r->style->request, 0.8);
          cairo_set_line_width (cr, r->lw);
          cairo_stroke (cr);
          break;
        }

      x += LEGEND_SWATCH + 6;
      if (as_glyphs)
        atlas_append (r, glyphs, item->label, round (x), round (cy - h / 2));
      else
        {
          inflight_paint_set_color (cr, &r->style->dim, 1.0);
          cairo_move_to (cr, round (x), round (cy - h / 2));
          pango_cairo_show_layout (cr, r->layout);
        }
    }

  if (boxes->len > 0)
    draw_spans (r, boxes);
  atlas_show (r, glyphs, &r->style->dim);
  cairo_restore (cr);
}

/* Where the legend's layer begins, and whether there is one. */
double
footer_top (const Render *r)
{
  return ceil (r->bottom + FOOTER_CLIP_BELOW);
}

gboolean
has_footer (const Render *r)
{
  return r->snapshot != NULL && r->n_lanes > 0;
}

/* The legend, in the footer: under the time area's clip, left of nothing but the axis. */
void
draw_footer (Render    *r,
             TextCache *cache)
{
  const InflightViewport *vp = r->viewport;
  GByteArray *key;
  double y;

  if (!r->can_cache)
    {
      draw_legend (r);
      return;
    }

  /* The legend is drawn from these; a label is one of a fixed set of translated strings. */
  key = layer_key_new (r);
  g_byte_array_append (key, (const guint8 *) &vp->height, sizeof vp->height);
  for (guint i = 0; i < r->plan->legend->len; i++)
    {
      const InflightLegendEntry *item = &g_array_index (r->plan->legend, InflightLegendEntry, i);

      g_byte_array_append (key, (const guint8 *) &item->look, sizeof item->look);
      g_byte_array_append (key, (const guint8 *) &item->x, sizeof item->x);
      g_byte_array_append (key, (const guint8 *) &item->y, sizeof item->y);
      key_append_string (key, item->label);
    }

  y = footer_top (r);
  layer_paint (r, &cache->legend, key, r->left, y, vp->width - r->left, vp->height - y, draw_legend);
}
