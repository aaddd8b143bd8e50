/* inflight-chart-histogram.c
 * How many runs had k replies out of order, as bars over k, each with its count; and the
 * same in words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "inflight-chart-private.h"
#include "inflight-format.h"

static guint
counts_max (const guint *counts,
            guint        n_counts)
{
  guint max = 0;

  for (guint i = 0; i < n_counts; i++)
    max = MAX (max, counts[i]);

  return max;
}

static void
histogram_axis (Axis        *axis,
                const Frame *frame,
                const guint *counts,
                guint        n_counts)
{
  guint max = counts_max (counts, n_counts);

  /* No runs yet: a scale of a few runs rather than of one. */
  inflight_chart_axis_init (axis, frame->bottom - frame->top, max > 0 ? max : 4, max > 0 ? COUNT_ROOM : 0);
}

static double
band_width (const Frame *frame,
            guint        n_counts)
{
  return (frame->right - frame->left) / MAX (n_counts, 1);
}

static void
bar_path (cairo_t *cr,
          double   x0,
          double   y0,
          double   x1,
          double   y1)
{
  double radius = MIN (3.0, MIN ((x1 - x0) / 4, y1 - y0));

  cairo_move_to (cr, x0, y1);
  cairo_line_to (cr, x0, y0 + radius);
  if (radius > 0)
    cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 1.5 * G_PI);
  cairo_line_to (cr, x1 - radius, y0);
  if (radius > 0)
    cairo_arc (cr, x1 - radius, y0 + radius, radius, 1.5 * G_PI, 2 * G_PI);
  cairo_line_to (cr, x1, y1);
  cairo_close_path (cr);
}

/**
 * inflight_chart_histogram_bar:
 * @counts: (array length=n_counts): as given to the renderer
 * @k: which bar: the runs with @k replies out of order
 * @x: (out): the bar's left edge
 * @y: (out): the bar's top
 * @bar_width: (out): its width
 * @bar_height: (out): its height, 0 for no runs
 *
 * Where inflight_chart_render_histogram() draws bar @k, before rounding to pixels;
 * the bar stands on the plot's baseline, at @y + @bar_height.
 *
 * Returns: %FALSE if the chart is too small to draw a plot, or @k is out of range
 */
gboolean
inflight_chart_histogram_bar (double       width,
                              double       height,
                              const guint *counts,
                              guint        n_counts,
                              guint        k,
                              double      *x,
                              double      *y,
                              double      *bar_width,
                              double      *bar_height)
{
  Frame frame;
  Axis axis;
  double band, w;

  g_return_val_if_fail (counts != NULL || n_counts == 0, FALSE);
  g_return_val_if_fail (x != NULL && y != NULL && bar_width != NULL && bar_height != NULL, FALSE);

  if (!inflight_chart_frame_init (&frame, width, height) || k >= n_counts)
    return FALSE;

  histogram_axis (&axis, &frame, counts, n_counts);
  band = band_width (&frame, n_counts);
  w = MIN (band * BAR_SHARE, BAR_MAX_WIDTH);

  *x = frame.left + band * (k + 0.5) - w / 2;
  *bar_width = w;
  *y = inflight_chart_value_y (&frame, &axis, counts[k]);
  *bar_height = frame.bottom - *y;

  return TRUE;
}

/**
 * inflight_chart_render_histogram:
 * @cr: where to draw, in user units (logical pixels)
 * @counts: (array length=n_counts): for k = 0 … @n_counts − 1, how many runs
 *   had exactly k replies out of order
 * @style: the colours and fonts, the diagram's
 *
 * Draws, over the rectangle (0, 0, @width, @height), background included, a bar
 * for each k as tall as its count of runs, with the count above it, and
 * labelled axes.
 */
void
inflight_chart_render_histogram (cairo_t                    *cr,
                                 double                      width,
                                 double                      height,
                                 const guint                *counts,
                                 guint                       n_counts,
                                 const InflightDiagramStyle *style)
{
  Chart c = { 0 };
  Axis axis;
  double band, bar_w, base;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (counts != NULL || n_counts == 0);
  g_return_if_fail (style != NULL);

  if (width <= 0 || height <= 0)
    return;

  inflight_chart_begin (&c, cr, width, height, style);
  if (!inflight_chart_frame_init (&c.frame, width, height))
    {
      inflight_chart_end (&c);
      return;
    }

  histogram_axis (&axis, &c.frame, counts, n_counts);
  band = band_width (&c.frame, n_counts);
  bar_w = MIN (band * BAR_SHARE, BAR_MAX_WIDTH);

  inflight_chart_draw_value_axis (&c, &axis, FALSE);
  if (n_counts > 0)
    inflight_chart_draw_x_labels (&c, 0, n_counts - 1, c.frame.left + band / 2, band);
  inflight_chart_draw_titles (&c, _("Runs"), _("Replies out of order"), c.frame.right);

  /* The bars, down to the middle of the baseline, which is drawn over them. */
  base = inflight_pixel_grid_line (&c.grid, c.frame.bottom, c.lw, TRUE);
  cairo_new_path (cr);
  for (guint k = 0; k < n_counts; k++)
    {
      double x0, x1, y0;

      if (counts[k] == 0)
        continue;

      x0 = inflight_pixel_grid_edge (&c.grid, c.frame.left + band * (k + 0.5) - bar_w / 2, FALSE);
      x1 = MAX (inflight_pixel_grid_edge (&c.grid, c.frame.left + band * (k + 0.5) + bar_w / 2, FALSE), x0 + (c.grid.can_snap ? 1 / fabs (c.grid.sx) : 1));
      y0 = inflight_pixel_grid_edge (&c.grid, inflight_chart_value_y (&c.frame, &axis, counts[k]), TRUE);
      bar_path (cr, x0, y0, x1, base);
    }
  inflight_paint_set_color (cr, &style->working, 1.0);
  cairo_fill (cr);
  inflight_chart_draw_baseline (&c);

  /* Each count above its bar, where the bar is wide enough to carry it. */
  for (guint k = 0; k < n_counts; k++)
    {
      char text[32];
      double w, h;

      if (counts[k] == 0)
        continue;

      g_snprintf (text, sizeof text, "%u", counts[k]);
      inflight_chart_text_measure (&c, c.font_small, text, TRUE, &w, &h);
      if (w > band - 2)
        continue;

      inflight_chart_text_show (&c, c.frame.left + band * (k + 0.5) - w / 2,
                 inflight_chart_value_y (&c.frame, &axis, counts[k]) - 4 - h, &style->foreground);
    }

  inflight_chart_end (&c);
}

/**
 * inflight_chart_describe_histogram:
 * @counts: (array length=n_counts): how many runs had k replies out of order, for each k
 *
 * Returns: (transfer full): the histogram in words, as in "20 runs measured; 12 runs
 * had every reply in order; 5 runs had 1 reply out of order"; empty if no run is.
 */
char *
inflight_chart_describe_histogram (const guint *counts,
                                   guint        n_counts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint runs = 0;

  g_return_val_if_fail (counts != NULL || n_counts == 0, NULL);

  for (guint k = 0; k < n_counts; k++)
    runs += counts[k];

  if (runs == 0)
    return g_strdup ("");

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u run measured", "%u runs measured", runs), runs);
  g_string_append (text, "; ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u run had every reply in order",
                                             "%u runs had every reply in order", counts[0]),
                          counts[0]);

  for (guint k = 1; k < n_counts; k++)
    {
      g_autofree char *replies = NULL;

      if (counts[k] == 0)
        continue;

      /* Translators: how many replies came out of order, in "5 runs had %s out of order" */
      replies = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reply", "%u replies", k), k);
      g_string_append (text, "; ");
      /* Translators: %u counts runs; %s is how many replies, as in "5 runs had 2 replies out of order" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u run had %s out of order",
                                                 "%u runs had %s out of order", counts[k]),
                              counts[k], replies);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
