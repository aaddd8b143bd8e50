/* inflight-diagram-legend.c
 * Draws the legend below the time area: one entry for each look the run uses.
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

/* Legend */

typedef enum
{
  LOOK_SPAN,
  LOOK_ARROW,
  LOOK_DASHED,
  LOOK_CROSS,
  LOOK_CLOCK,
  LOOK_QUEUE,
} Look;

typedef struct
{
  Look        look;
  int         which;    /* the span kind or the ink */
  const char *label;
} LegendItem;

/* Only what this run has, so that the legend explains this picture and no other. */
static guint
legend_items (Render     *r,
              LegendItem *items)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const gboolean *span_kinds = r->index->span_kinds;
  const gboolean *kinds = r->index->message_kinds;
  gboolean inks[N_INKS] = { FALSE };
  gboolean errors = kinds[INFLIGHT_MESSAGE_ERROR];
  gboolean timeouts = kinds[INFLIGHT_MESSAGE_TIMEOUT];
  gboolean stopped = r->index->lost || kinds[INFLIGHT_MESSAGE_CANCEL];
  gboolean queue = FALSE;
  guint n = 0;

  for (guint k = 0; k < N_MESSAGE_KINDS; k++)
    inks[kind_ink[k]] |= kinds[k];
  for (guint i = 0; i < s->n_lanes; i++)
    queue |= s->lanes[i].role == INFLIGHT_LANE_QUEUE;

#define ADD(l, w, text) G_STMT_START { items[n].look = (l); items[n].which = (w); items[n].label = (text); n++; } G_STMT_END
  if (span_kinds[INFLIGHT_SPAN_WORKING])
    /* Translators: in the diagram's legend: a thread doing useful work */
    ADD (LOOK_SPAN, INFLIGHT_SPAN_WORKING, C_("legend", "Working"));
  if (span_kinds[INFLIGHT_SPAN_WAITING])
    /* Translators: in the diagram's legend: a thread blocked, doing nothing but wait */
    ADD (LOOK_SPAN, INFLIGHT_SPAN_WAITING, C_("legend", "Waiting"));
  if (span_kinds[INFLIGHT_SPAN_IDLE])
    /* Translators: in the diagram's legend: a thread neither busy nor blocked, ready for other work */
    ADD (LOOK_SPAN, INFLIGHT_SPAN_IDLE, C_("legend", "Free"));
  if (span_kinds[INFLIGHT_SPAN_READY])
    /* Translators: in the diagram's legend: a thread with work to do but no processor core free */
    ADD (LOOK_SPAN, INFLIGHT_SPAN_READY, C_("legend", "Waiting for a core"));
  if (span_kinds[INFLIGHT_SPAN_DOWN])
    /* Translators: in the diagram's legend: a service that is unavailable */
    ADD (LOOK_SPAN, INFLIGHT_SPAN_DOWN, C_("legend", "Down"));
  if (span_kinds[INFLIGHT_SPAN_FROZEN])
    /* Translators: in the diagram's legend: the UI thread blocked, drawing no frames */
    ADD (LOOK_SPAN, INFLIGHT_SPAN_FROZEN, C_("legend", "Frozen"));
  if (inks[INK_REQUEST])
    ADD (LOOK_ARROW, INK_REQUEST, C_("legend", "Request"));
  if (inks[INK_REPLY])
    ADD (LOOK_ARROW, INK_REPLY, C_("legend", "Reply"));
  if (errors)
    ADD (LOOK_CROSS, INK_ERROR, C_("legend", "Failed"));
  if (timeouts)
    ADD (LOOK_CLOCK, INK_ERROR, C_("legend", "Timed out"));
  if (stopped)
    /* Translators: in the diagram's legend: a message lost when the run was stopped */
    ADD (LOOK_DASHED, INK_OTHER, C_("legend", "Stopped"));
  if (queue)
    ADD (LOOK_QUEUE, INK_REQUEST, C_("legend", "Queue length"));
#undef ADD

  return n;
}

static void
draw_legend (Render *r)
{
  cairo_t *cr = r->cr;
  LegendItem items[16];
  guint n = legend_items (r, items);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (SpanBox));
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  double cy = round (r->viewport->height - INFLIGHT_DIAGRAM_FOOTER_HEIGHT / 2 + 3);
  double x = r->left;
  double size = 3.0 * MAX (1.0, r->lw * 0.75);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < n; i++)
    {
      const LegendItem *item = &items[i];
      const InflightColor *color = ink_color (r, item->which);
      double w, h, sx = snap_edge (r, x, FALSE);
      gboolean as_glyphs = measure_small (r, item->label, &w, &h);

      if (x + LEGEND_SWATCH + 6 + w > r->right)
        break;

      cairo_new_path (cr);
      switch (item->look)
        {
        case LOOK_SPAN:
          {
            SpanBox box = { sx, snap_edge (r, cy - 5, TRUE),
                            snap_edge (r, x + LEGEND_SWATCH, FALSE), snap_edge (r, cy + 5, TRUE),
                            item->which, G_MAXDOUBLE };

            g_array_append_val (boxes, box);
          }
          break;

        case LOOK_ARROW:
        case LOOK_DASHED:
          {
            Arrow a = { 0 };

            a.x0 = x;
            a.y0 = a.y1 = snap_line (r, cy, 1.25 * r->lw, TRUE);
            a.x1 = a.x_to = x + LEGEND_SWATCH + 2;
            a.arrived = TRUE;
            add_arrow_line (r, &a);
            cairo_set_line_width (cr, 1.25 * r->lw);
            if (item->look == LOOK_DASHED)
              {
                double dashes[2] = { 3 * r->lw, 3 * r->lw };

                cairo_set_dash (cr, dashes, 2, 0);
              }
            set_color (cr, color, item->look == LOOK_DASHED ? 0.45 : 1.0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            add_arrow_head (r, &a);
            cairo_fill (cr);
          }
          break;

        case LOOK_CROSS:
        case LOOK_CLOCK:
          {
            double mx = x + LEGEND_SWATCH / 2;

            if (item->look == LOOK_CLOCK)
              {
                cairo_arc (cr, mx, cy, size + 0.5, 0, 2 * G_PI);
                cairo_move_to (cr, mx, cy - size * 0.7);
                cairo_line_to (cr, mx, cy);
                cairo_line_to (cr, mx + size * 0.55, cy);
              }
            else
              {
                cairo_move_to (cr, mx - size, cy - size);
                cairo_line_to (cr, mx + size, cy + size);
                cairo_move_to (cr, mx + size, cy - size);
                cairo_line_to (cr, mx - size, cy + size);
              }
            cairo_set_line_width (cr, 1.75 * r->lw);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
            set_color (cr, &r->style->error, 1.0);
            cairo_stroke (cr);
            cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          }
          break;

        case LOOK_QUEUE:
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
          set_color (cr, &r->style->request, r->style->high_contrast ? 0.45 : 0.22);
          cairo_fill_preserve (cr);
          set_color (cr, &r->style->request, 0.8);
          cairo_set_line_width (cr, r->lw);
          cairo_stroke (cr);
          break;
        }

      x += LEGEND_SWATCH + 6;
      if (as_glyphs)
        atlas_append (r, glyphs, item->label, round (x), round (cy - h / 2));
      else
        {
          set_color (cr, &r->style->dim, 1.0);
          cairo_move_to (cr, round (x), round (cy - h / 2));
          pango_cairo_show_layout (cr, r->layout);
        }
      x += w + LEGEND_GAP;
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
  LegendItem items[16];
  GByteArray *key;
  double y;
  guint n;

  if (!r->can_cache)
    {
      draw_legend (r);
      return;
    }

  /* The legend is drawn from these; a label is one of a fixed set of translated strings. */
  n = legend_items (r, items);
  key = layer_key_new (r);
  g_byte_array_append (key, (const guint8 *) &vp->height, sizeof vp->height);
  for (guint i = 0; i < n; i++)
    {
      g_byte_array_append (key, (const guint8 *) &items[i].look, sizeof items[i].look);
      g_byte_array_append (key, (const guint8 *) &items[i].which, sizeof items[i].which);
      key_append_string (key, items[i].label);
    }

  y = footer_top (r);
  layer_paint (r, &cache->legend, key, r->left, y, vp->width - r->left, vp->height - y, draw_legend);
}

void
place_legend (Render                *r,
              InflightDiagramLayout *plan)
{
}
