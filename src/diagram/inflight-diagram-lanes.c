/* inflight-diagram-lanes.c
 * Draws the lanes: their headers across the top and their lifelines; decides their widths.
 * Changes when the look or the naming of lanes does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Lanes */

void
draw_headers (Render *r)
{
  cairo_t *cr = r->cr;
  const InflightDiagramStyle *style = r->style;
  InflightColor fill = mix (&style->background, &style->foreground, style->high_contrast ? 0.0 : 0.05);
  InflightColor border = mix (&style->background, &style->foreground, style->high_contrast ? 1.0 : 0.18);
  double y0 = snap_line (r, HEADER_BOX_TOP, r->lw, TRUE);
  double y1 = snap_line (r, HEADER_BOX_BOTTOM, r->lw, TRUE);

  if (r->snapshot == NULL)
    return;

  cairo_new_path (cr);
  for (guint i = 0; i < r->n_lanes; i++)
    {
      double cx = inflight_diagram_lane_x (r->viewport, r->n_lanes, i);
      double inset = MIN (HEADER_BOX_INSET, r->lane_width / 8);
      double x0 = snap_line (r, cx - r->lane_width / 2 + inset, r->lw, FALSE);
      double x1 = snap_line (r, cx + r->lane_width / 2 - inset, r->lw, FALSE);

      if (x1 - x0 < 4)
        continue;
      rounded_rect (cr, x0, y0, x1 - x0, y1 - y0, 6);
    }
  set_color (cr, &fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, r->lw);
  set_color (cr, &border, 1.0);
  cairo_stroke (cr);

  set_color (cr, &style->foreground, 1.0);
  for (guint i = 0; i < r->n_lanes; i++)
    {
      const InflightLane *lane = &r->snapshot->lanes[i];
      double cx = inflight_diagram_lane_x (r->viewport, r->n_lanes, i);
      double inner = r->lane_width - 2 * MIN (HEADER_BOX_INSET, r->lane_width / 8) - 12;
      double w, h;

      if (inner < 8 || lane->label == NULL)
        continue;

      layout_text (r, r->font_bold, lane->label, inner, PANGO_ALIGN_CENTER, FALSE);
      layout_size (r, &w, &h);
      cairo_move_to (cr, round (cx - inner / 2), round ((y0 + y1 - h) / 2));
      pango_cairo_show_layout (cr, r->layout);
    }
}

void
draw_lifelines (Render *r)
{
  cairo_t *cr = r->cr;
  const InflightViewport *vp = r->viewport;
  double dashes[2] = { 4 * r->lw, 3 * r->lw };
  double end;

  if (r->n_lanes == 0)
    return;

  if (r->drawn_until < vp->t_start)
    end = r->top;
  else
    end = MIN (inflight_diagram_time_to_y (vp, r->drawn_until), r->bottom);
  end = snap_edge (r, end, TRUE);

  cairo_new_path (cr);
  for (guint i = 0; i < r->n_lanes; i++)
    {
      double x = snap_line (r, inflight_diagram_lane_x (vp, r->n_lanes, i), r->lw, FALSE);

      cairo_move_to (cr, x, HEADER_BOX_BOTTOM + r->lw);
      cairo_line_to (cr, x, end);
    }
  cairo_set_line_width (cr, r->lw);
  cairo_set_dash (cr, dashes, 2, 0);
  set_color (cr, &r->style->dim, r->style->high_contrast ? 1.0 : 0.7);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

void
bar_layout (const Render *r,
            guint         n_slots,
            double       *bar,
            double       *gap)
{
  double avail = MAX (2.0, r->lane_width - 2 * COLUMN_PADDING);
  double w = BAR_WIDTH;
  double g = BAR_GAP;

  n_slots = MAX (n_slots, 1);
  if (n_slots * w + (n_slots - 1) * g > avail)
    {
      w = (avail - (n_slots - 1) * g) / n_slots;
      if (w < 4)
        {
          g = n_slots > 1 ? 1 : 0;
          w = (avail - (n_slots - 1) * g) / n_slots;
        }
      if (w < 2)
        {
          g = 0;
          w = MAX (1.0, avail / n_slots);
        }
    }

  *bar = w;
  *gap = g;
}

/* How far from a lifeline arrows stop: at the edge of that lane's bars. */
double
lane_edge (const Render *r,
           guint         lane)
{
  guint n = r->max_slot[lane] + 1;
  double bar, gap;

  bar_layout (r, n, &bar, &gap);

  return MIN ((n * bar + (n - 1) * gap) / 2 + 1, r->lane_width / 2 - 2);
}

/**
 * inflight_diagram_lane_width:
 *
 * Returns: the width of each of @n_lanes equal columns right of the time axis.
 */
double
inflight_diagram_lane_width (const InflightViewport *viewport,
                             guint                   n_lanes)
{
  double area;

  g_return_val_if_fail (viewport != NULL, 0);

  area = MAX (0.0, viewport->width - INFLIGHT_DIAGRAM_AXIS_WIDTH - INFLIGHT_DIAGRAM_MARGIN);

  return area / MAX (n_lanes, 1);
}

/**
 * inflight_diagram_lane_x:
 *
 * Returns: the x of the centre of @lane's column, where its lifeline is.
 */
double
inflight_diagram_lane_x (const InflightViewport *viewport,
                         guint                   n_lanes,
                         guint                   lane)
{
  g_return_val_if_fail (viewport != NULL, 0);

  return INFLIGHT_DIAGRAM_AXIS_WIDTH + (lane + 0.5) * inflight_diagram_lane_width (viewport, n_lanes);
}

/* What each lane's header says. */
void
place_headers (Render                *r,
               InflightDiagramLayout *plan)
{
  for (guint i = 0; i < r->n_lanes; i++)
    {
      const char *name = r->snapshot->lanes[i].label != NULL ? r->snapshot->lanes[i].label : "";

      g_ptr_array_add (plan->full_names, g_strdup (name));
      g_ptr_array_add (plan->headers, g_strdup (name));
    }
}
