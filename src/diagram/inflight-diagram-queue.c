/* inflight-diagram-queue.c
 * Draws a queue's length over time beside its lane, and how many wait at the playhead.
 * Changes when the look of a queue does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Queue depth */

/* The queue's length over time, as an area growing right of its lifeline, one step
 * per pixel row at most: derived from the trace, so it costs the rows, not the messages. */
void
draw_queue_depth (Render *r)
{
  cairo_t *cr = r->cr;
  int rows = (int) ceil (r->bottom - r->top) + 1;
  int last = (int) floor (MIN (time_y (r, r->drawn_until), r->bottom) - r->top);

  if (last < 0)
    return;

  for (guint q = 0; q < r->index->n_queues; q++)
    {
      const InflightQueueTrack *track = &r->index->queues[q];
      guint lane = track->lane;
      guint first = inflight_queue_track_find (track, r->viewport->t_start, FALSE);
      guint end = inflight_queue_track_find (track, r->drawn_until, TRUE);
      g_autofree int *delta = NULL;
      int base, depth, most = 0, steps = 0;
      double x0, unit, room;

      /* Nothing has happened in the queue yet. */
      if (lane >= r->n_lanes || end == 0)
        continue;

      /* What waited when the view begins, then the changes row by row. */
      base = track->depth[MIN (first, end)];
      delta = g_new0 (int, rows + 1);
      for (guint i = first; i < end; i++)
        delta[CLAMP ((int) floor (time_y (r, track->events[i].at) - r->top), 0, rows)] += track->events[i].delta;

      depth = base;
      for (int row = 0; row <= last; row++)
        {
          depth += delta[row];
          most = MAX (most, depth);
          steps += delta[row] != 0;
        }
      if (most <= 0)
        continue;

      x0 = inflight_pixel_grid_edge (&r->grid, r->lane_centre[lane] + r->lane_reach[lane] + 2, FALSE);
      room = r->lane_centre[lane] + r->lane_width / 2 - COLUMN_PADDING - x0;
      unit = MIN (QUEUE_UNIT_MAX, room / most);
      if (unit <= 0)
        continue;

      /* The outline of the area, step by step down the rows. */
      cairo_new_path (cr);
      cairo_move_to (cr, x0, r->top);
      depth = base;
      for (int row = 0; row <= last; row++)
        {
          int next = depth + delta[row];

          /* On whole pixels, so that the shape fills as boxes, not as a polygon. */
          if (row == 0 || next != depth)
            {
              cairo_line_to (cr, inflight_pixel_grid_edge (&r->grid, x0 + MAX (depth, 0) * unit, FALSE), r->top + row);
              cairo_line_to (cr, inflight_pixel_grid_edge (&r->grid, x0 + MAX (next, 0) * unit, FALSE), r->top + row);
            }
          depth = next;
        }
      cairo_line_to (cr, inflight_pixel_grid_edge (&r->grid, x0 + MAX (depth, 0) * unit, FALSE), r->top + last + 1);
      cairo_line_to (cr, x0, r->top + last + 1);
      cairo_close_path (cr);
      inflight_paint_set_color (cr, &r->style->request, r->style->high_contrast ? 0.45 : 0.22);
      cairo_fill (cr);

      /* Its edge, where anything waits: an empty queue draws nothing. A queue that
       * changes at most rows is a solid shape already, and an edge would cost its length. */
      if (steps <= rows / 4)
        {
          cairo_new_path (cr);
          depth = base;
          for (int row = 0; row <= last; row++)
            {
              int next = depth + delta[row];

              if (next != depth || row == 0)
                {
                  if (depth > 0)
                    cairo_line_to (cr, x0 + depth * unit, r->top + row);
                  else
                    cairo_move_to (cr, x0, r->top + row);
                  cairo_line_to (cr, x0 + MAX (next, 0) * unit, r->top + row);
                }
              depth = next;
            }
          if (depth > 0)
            cairo_line_to (cr, x0 + depth * unit, r->top + last + 1);
          inflight_paint_set_color (cr, &r->style->request, 0.8);
          cairo_set_line_width (cr, r->lw);
          cairo_stroke (cr);
        }

      /* How many wait now is told beside the area at the playhead, over the arrows. */
      if (r->playhead <= r->viewport->t_end && r->playhead >= r->viewport->t_start)
        {
          QueueLabel label = { lane, depth, x0 + depth * unit + 4 };

          g_array_append_val (r->queue_labels, label);
        }
    }
}

/* Whether a box meets a label the plan has placed and this frame shows. */
static gboolean
meets_placed_label (const Render           *r,
                    const InflightLabelBox *box)
{
  const GArray *placed = r->plan->labels;

  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedLabel *label = &g_array_index (placed, PlacedLabel, i);

      if (label->shown_at <= r->drawn_until && boxes_meet (box, &label->box, 1))
        return TRUE;
    }

  return FALSE;
}

void
draw_queue_labels (Render *r)
{
  cairo_t *cr = r->cr;

  for (guint i = 0; i < r->queue_labels->len; i++)
    {
      const QueueLabel *label = &g_array_index (r->queue_labels, QueueLabel, i);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d queued", "%d queued", label->depth),
                                               label->depth);
      double w, h, x, y;
      gboolean as_glyphs = measure_small (r, text, &w, &h);
      double edge = r->lane_centre[label->lane] + r->lane_width / 2;
      InflightLabelBox box;

      x = round (MIN (label->x, edge - w - 2));
      /* Above the playhead, or below it when a label is in the way; else not at all. */
      y = round (time_y (r, r->playhead) - h - 2);
      box = (InflightLabelBox) { INFLIGHT_LABEL_OBSTACLE, 0, x - LABEL_PAD, y - LABEL_PAD, w + 2 * LABEL_PAD, h + 2 * LABEL_PAD };
      if (meets_placed_label (r, &box))
        {
          y = round (time_y (r, r->playhead) + 3);
          box.y = y - LABEL_PAD;
          if (meets_placed_label (r, &box))
            continue;
        }

      cairo_new_path (cr);
      rounded_rect (cr, x - LABEL_PAD, y - LABEL_PAD, w + 2 * LABEL_PAD, h + 2 * LABEL_PAD, 3);
      inflight_paint_set_color (cr, &r->style->background, 0.88);
      cairo_fill (cr);
      if (as_glyphs)
        {
          g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

          atlas_append (r, glyphs, text, x, y);
          atlas_show (r, glyphs, &r->style->request);
        }
      else
        {
          inflight_paint_set_color (cr, &r->style->request, 1.0);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, r->layout);
        }
    }
}
