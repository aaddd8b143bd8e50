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
  double y0 = inflight_pixel_grid_line (&r->grid, HEADER_BOX_TOP, r->lw, TRUE);
  double y1 = inflight_pixel_grid_line (&r->grid, HEADER_BOX_BOTTOM, r->lw, TRUE);

  if (r->snapshot == NULL)
    return;

  cairo_new_path (cr);
  for (guint i = 0; i < r->n_lanes; i++)
    {
      double cx = inflight_diagram_lane_x (r->viewport, r->n_lanes, i);
      double inset = MIN (HEADER_BOX_INSET, r->lane_width / 8);
      double x0 = inflight_pixel_grid_line (&r->grid, cx - r->lane_width / 2 + inset, r->lw, FALSE);
      double x1 = inflight_pixel_grid_line (&r->grid, cx + r->lane_width / 2 - inset, r->lw, FALSE);

      if (x1 - x0 < 4)
        continue;
      rounded_rect (cr, x0, y0, x1 - x0, y1 - y0, 6);
    }
  inflight_paint_set_color (cr, &fill, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, r->lw);
  inflight_paint_set_color (cr, &border, 1.0);
  cairo_stroke (cr);

  /* Each header's words, chosen to fit (see place_headers()); ellipsized only if they still
   * do not, the room being less than one letter, and then wider than the box if need be. */
  inflight_paint_set_color (cr, &style->foreground, 1.0);
  for (guint i = 0; i < r->n_lanes && i < r->plan->headers->len; i++)
    {
      const char *text = g_ptr_array_index (r->plan->headers, i);
      double cx = inflight_diagram_lane_x (r->viewport, r->n_lanes, i);
      double inner = MAX (header_room (r->lane_width), r->lane_width - 2);
      double w, h;

      if (text[0] == '\0' || inner < 4)
        continue;

      layout_text (r, r->font_bold, text, inner, PANGO_ALIGN_CENTER, FALSE);
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
  end = inflight_pixel_grid_edge (&r->grid, end, TRUE);

  cairo_new_path (cr);
  for (guint i = 0; i < r->n_lanes; i++)
    {
      double x = inflight_pixel_grid_line (&r->grid, inflight_diagram_lane_x (vp, r->n_lanes, i), r->lw, FALSE);

      cairo_move_to (cr, x, HEADER_BOX_BOTTOM + r->lw);
      cairo_line_to (cr, x, end);
    }
  cairo_set_line_width (cr, r->lw);
  cairo_set_dash (cr, dashes, 2, 0);
  inflight_paint_set_color (cr, &r->style->dim, r->style->high_contrast ? 1.0 : 0.7);
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

/* A lane's name in fewer letters: its first word with the number in the name, if any
 * ("Caller thread": "Caller", "Thread 3 of 8": "Thread 3"), then that word's first letter
 * with the number ("Worker 12": "W12", "Queue": "Q"). Returns them from the longest, with the
 * whole name first. */
static GPtrArray *
short_forms (const char *name)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  guint n = g_strv_length (words);
  const char *number = NULL;
  const char *first = n > 0 ? words[0] : "";
  g_autofree char *word = NULL;
  g_autofree char *initial = NULL;

  g_ptr_array_add (forms, g_strdup (name));
  /* The first number names it: "Thread 3 of 8" is "T3". */
  for (guint i = 1; i < n && number == NULL; i++)
    if (words[i][0] != '\0' && strspn (words[i], "0123456789") == strlen (words[i]))
      number = words[i];

  /* "Worker 12" has no shorter word that keeps its number. */
  word = number == NULL ? g_strdup (first) : g_strdup_printf ("%s %s", first, number);
  if (word[0] != '\0' && strcmp (word, name) != 0)
    g_ptr_array_add (forms, g_strdup (word));

  if (first[0] != '\0')
    {
      gunichar c = g_unichar_toupper (g_utf8_get_char (first));
      char letter[8] = { 0 };

      g_unichar_to_utf8 (c, letter);
      initial = g_strdup_printf ("%s%s", letter, number != NULL ? number : "");
      if (strcmp (initial, word) != 0 && strcmp (initial, name) != 0)
        g_ptr_array_add (forms, g_steal_pointer (&initial));
    }

  return forms;
}

/* The width a header's words may take in a lane @lane_width wide. */
double
header_room (double lane_width)
{
  return lane_width - 2 * MIN (HEADER_BOX_INSET, lane_width / 8) - 12;
}

/* What each lane's header says: its whole name where it fits, else the longest short form
 * that does, else the shortest; never nothing, and never an ellipsis alone. */
void
place_headers (Render                *r,
               InflightDiagramLayout *plan)
{
  double room = header_room (r->lane_width);

  for (guint i = 0; i < r->n_lanes; i++)
    {
      const char *name = r->snapshot->lanes[i].label != NULL ? r->snapshot->lanes[i].label : "";
      g_autoptr(GPtrArray) forms = short_forms (name);
      const char *chosen = g_ptr_array_index (forms, forms->len - 1);

      for (guint f = 0; f < forms->len; f++)
        {
          double w, h;

          layout_text (r, r->font_bold, g_ptr_array_index (forms, f), -1, PANGO_ALIGN_CENTER, FALSE);
          layout_size (r, &w, &h);
          if (w <= room)
            {
              chosen = g_ptr_array_index (forms, f);
              break;
            }
        }

      g_ptr_array_add (plan->full_names, g_strdup (name));
      g_ptr_array_add (plan->headers, g_strdup (chosen));
    }
}
