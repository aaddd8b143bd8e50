/* inflight-chart-sweep.c
 * Total time, or replies per second, against the number of workers: the measured runs
 * joined by a line, the theory dashed over them, with a legend; and the same in words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "inflight-chart-private.h"
#include "inflight-format.h"

/* How far in from the plot's edges the first and last worker counts sit. */
static double
sweep_inset (const Frame *frame)
{
  return MIN (18.0, (frame->right - frame->left) / 4);
}

static double
sweep_x (const Frame *frame,
         guint        x_from,
         guint        x_to,
         double       x)
{
  double inset = sweep_inset (frame);

  if (x_to <= x_from)
    return (frame->left + frame->right) / 2;

  return frame->left + inset + (x - x_from) / (x_to - x_from) * (frame->right - frame->left - 2 * inset);
}

static gint64
sweep_max (const InflightChartPoint *points,
           guint                     n_points,
           gint64                    empty_max)
{
  gint64 max = 0;

  for (guint i = 0; i < n_points; i++)
    max = MAX (max, MAX (points[i].measured, points[i].predicted));

  /* An empty chart still shows a scale: a second, or ten requests a second. */
  return max > 0 ? max : empty_max;
}

static void
sweep_axis (Axis                     *axis,
            const Frame              *frame,
            const InflightChartPoint *points,
            guint                     n_points,
            gint64                    empty_max)
{
  inflight_chart_axis_init (axis, frame->bottom - frame->top, sweep_max (points, n_points, empty_max), MARKER_RADIUS + 4);
}

static void
marker_path (cairo_t *cr,
             double   x,
             double   y,
             double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
}

static void
set_theory_dash (Chart *c)
{
  double unit = MAX (1.0, c->lw * 0.75);
  double dashes[2] = { 5 * unit, 3 * unit };

  cairo_set_dash (c->cr, dashes, 2, 0);
}

/* "Measured" and "Theory", right-aligned above the plot; returns where the legend begins. */
static double
draw_sweep_legend (Chart *c)
{
  cairo_t *cr = c->cr;
  const char *labels[2] = { _("Measured"), _("Theory") };
  double widths[2], h = 0, total = 0, x, cy;

  for (guint i = 0; i < 2; i++)
    {
      inflight_chart_text_measure (c, c->font_small, labels[i], FALSE, &widths[i], &h);
      total += LEGEND_SWATCH + 6 + widths[i];
    }
  total += LEGEND_GAP;

  x = c->frame.right - total;
  cy = inflight_pixel_grid_line (&c->grid, INFLIGHT_CHART_HEADER / 2, c->lw + 1, TRUE);
  if (x < c->frame.left)
    return c->frame.right;

  for (guint i = 0; i < 2; i++)
    {
      cairo_new_path (cr);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + LEGEND_SWATCH, cy);
      if (i == 0)
        {
          cairo_set_line_width (cr, MEASURED_WIDTH (c));
          inflight_paint_set_color (cr, &c->style->working, c->style->high_contrast ? 0.8 : 0.6);
          cairo_stroke (cr);
          inflight_paint_set_color (cr, &c->style->working, 1.0);
          marker_path (cr, x + LEGEND_SWATCH / 2, cy, MARKER_RADIUS + c->lw / 2);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, THEORY_WIDTH (c));
          set_theory_dash (c);
          inflight_paint_set_color (cr, &c->style->waiting, 1.0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      inflight_chart_text_measure (c, c->font_small, labels[i], FALSE, &widths[i], &h);
      inflight_chart_text_show (c, x + LEGEND_SWATCH + 6, cy - h / 2, &c->style->foreground);
      x += LEGEND_SWATCH + 6 + widths[i] + LEGEND_GAP;
    }

  return c->frame.right - total;
}

static void
draw_sweep_data (Chart                    *c,
                 const Axis               *axis,
                 const InflightChartPoint *points,
                 guint                     n_points,
                 guint                     x_from,
                 guint                     x_to)
{
  cairo_t *cr = c->cr;
  const Frame *f = &c->frame;
  double radius = MARKER_RADIUS + c->lw / 2;
  double lone_x = 0, lone_y = 0;
  gboolean started = FALSE;
  guint n_theory = 0;

  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top - radius - 2, f->right - f->left, f->bottom - f->top + 2 * radius + 4);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Measured: the points joined, in the order of their worker counts. */
  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      const InflightChartPoint *p = &points[i];

      if (p->measured < 0 || p->x < x_from || p->x > x_to)
        continue;

      if (started)
        cairo_line_to (cr, sweep_x (f, x_from, x_to, p->x), inflight_chart_value_y (f, axis, p->measured));
      else
        cairo_move_to (cr, sweep_x (f, x_from, x_to, p->x), inflight_chart_value_y (f, axis, p->measured));
      started = TRUE;
    }
  cairo_set_line_width (cr, MEASURED_WIDTH (c));
  inflight_paint_set_color (cr, &c->style->working, c->style->high_contrast ? 0.8 : 0.6);
  cairo_stroke (cr);

  /* Theory over it, dashed and thinner, so that where the two agree both still show. */
  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      const InflightChartPoint *p = &points[i];
      double x, y;

      if (p->predicted < 0 || p->x < x_from || p->x > x_to)
        continue;

      x = sweep_x (f, x_from, x_to, p->x);
      y = inflight_chart_value_y (f, axis, p->predicted);
      if (n_theory++ > 0)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      lone_x = x;
      lone_y = y;
    }
  /* A theory of one value is a short level line through it. */
  if (n_theory == 1)
    {
      cairo_new_path (cr);
      cairo_move_to (cr, lone_x - LEGEND_SWATCH / 2, lone_y);
      cairo_line_to (cr, lone_x + LEGEND_SWATCH / 2, lone_y);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width (cr, THEORY_WIDTH (c));
  set_theory_dash (c);
  inflight_paint_set_color (cr, &c->style->waiting, 1.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The measured points on top, ringed with the paper so that they stand out of the lines. */
  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      const InflightChartPoint *p = &points[i];

      if (p->measured >= 0 && p->x >= x_from && p->x <= x_to)
        marker_path (cr, sweep_x (f, x_from, x_to, p->x), inflight_chart_value_y (f, axis, p->measured), radius + 1.5);
    }
  inflight_paint_set_color (cr, &c->style->background, 1.0);
  cairo_fill (cr);

  for (guint i = 0; i < n_points; i++)
    {
      const InflightChartPoint *p = &points[i];

      if (p->measured >= 0 && p->x >= x_from && p->x <= x_to)
        marker_path (cr, sweep_x (f, x_from, x_to, p->x), inflight_chart_value_y (f, axis, p->measured), radius);
    }
  inflight_paint_set_color (cr, &c->style->working, 1.0);
  cairo_fill (cr);

  cairo_restore (cr);
}

/**
 * inflight_chart_sweep_point_position:
 * @points: (array length=n_points): the chart's points, as given to the renderer
 * @x: a worker count, from @x_from to @x_to
 * @value: a total time, in µs
 * @px: (out): where @x is across the chart
 * @py: (out): where @value is down the chart
 *
 * Where inflight_chart_render_sweep() puts the value @value at @x, before
 * rounding to pixels.
 *
 * Returns: %FALSE if the chart is too small to draw a plot
 */
gboolean
inflight_chart_sweep_point_position (double                    width,
                                     double                    height,
                                     const InflightChartPoint *points,
                                     guint                     n_points,
                                     guint                     x_from,
                                     guint                     x_to,
                                     double                    x,
                                     gint64                    value,
                                     double                   *px,
                                     double                   *py)
{
  Frame frame;
  Axis axis;

  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (px != NULL && py != NULL, FALSE);

  if (!inflight_chart_frame_init (&frame, width, height))
    return FALSE;

  sweep_axis (&axis, &frame, points, n_points, G_USEC_PER_SEC);
  *px = sweep_x (&frame, x_from, x_to, x);
  *py = inflight_chart_value_y (&frame, &axis, value);

  return TRUE;
}

/* The chart of a sweep over worker counts, of total times or of throughputs. */
static void
render_sweep (cairo_t                    *cr,
              double                      width,
              double                      height,
              const InflightChartPoint   *points,
              guint                       n_points,
              guint                       x_from,
              guint                       x_to,
              gboolean                    throughput,
              const InflightDiagramStyle *style)
{
  Chart c = { 0 };
  Axis axis;
  double legend_at;
  guint first = MIN (x_from, x_to), last = MAX (x_from, x_to);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (points != NULL || n_points == 0);
  g_return_if_fail (style != NULL);

  if (width <= 0 || height <= 0)
    return;

  inflight_chart_begin (&c, cr, width, height, style);
  if (inflight_chart_frame_init (&c.frame, width, height))
    {
      double spacing = last > first ? sweep_x (&c.frame, first, last, first + 1) - sweep_x (&c.frame, first, last, first) : 0;

      sweep_axis (&axis, &c.frame, points, n_points, throughput ? 10 : G_USEC_PER_SEC);
      inflight_chart_draw_value_axis (&c, &axis, !throughput);
      inflight_chart_draw_baseline (&c);
      inflight_chart_draw_x_labels (&c, first, last, sweep_x (&c.frame, first, last, first), spacing);
      legend_at = draw_sweep_legend (&c);
      inflight_chart_draw_titles (&c, throughput ? _("Replies per second") : _("Total time"), _("Workers"), legend_at);
      draw_sweep_data (&c, &axis, points, n_points, first, last);
    }
  inflight_chart_end (&c);
}

/**
 * inflight_chart_render_sweep:
 * @cr: where to draw, in user units (logical pixels)
 * @points: (array length=n_points): worker counts with their measured and
 *   predicted totals, in increasing order of workers; a point not yet
 *   measured is simply not drawn, while its theory is
 * @x_from: the first worker count along the x axis
 * @x_to: the last, at least @x_from
 * @style: the colours and fonts, the diagram's
 *
 * Draws, over the rectangle (0, 0, @width, @height), background included, the
 * measured total time against the worker count, points joined by a line, and
 * the theory over it as a dashed line, with labelled axes and a legend.
 */
void
inflight_chart_render_sweep (cairo_t                    *cr,
                             double                      width,
                             double                      height,
                             const InflightChartPoint   *points,
                             guint                       n_points,
                             guint                       x_from,
                             guint                       x_to,
                             const InflightDiagramStyle *style)
{
  render_sweep (cr, width, height, points, n_points, x_from, x_to, FALSE, style);
}

/**
 * inflight_chart_render_throughput:
 * @points: (array length=n_points): as inflight_chart_throughput_points() makes them
 *
 * Draws the same chart as inflight_chart_render_sweep(), of replies per second
 * rather than total time: the higher, the better.
 */
void
inflight_chart_render_throughput (cairo_t                    *cr,
                                  double                      width,
                                  double                      height,
                                  const InflightChartPoint   *points,
                                  guint                       n_points,
                                  guint                       x_from,
                                  guint                       x_to,
                                  const InflightDiagramStyle *style)
{
  render_sweep (cr, width, height, points, n_points, x_from, x_to, TRUE, style);
}

/* @replies in @total µs, as replies per second, rounded; -1 for no time. */
static gint64
per_second (guint  replies,
            gint64 total)
{
  if (total <= 0)
    return -1;

  return (gint64) ((double) replies * G_USEC_PER_SEC / total + 0.5);
}

/**
 * inflight_chart_throughput_points:
 * @points: (array length=n_points): total times, as for inflight_chart_render_sweep()
 * @replies: how many replies each run brings in
 *
 * Returns: (transfer full) (array length=n_points): the same points as replies
 * per second, measured and in theory; a point not measured stays so.
 */
InflightChartPoint *
inflight_chart_throughput_points (const InflightChartPoint *points,
                                  guint                     n_points,
                                  guint                     replies)
{
  InflightChartPoint *rates = g_new0 (InflightChartPoint, MAX (n_points, 1));

  for (guint i = 0; i < n_points; i++)
    {
      rates[i].x = points[i].x;
      rates[i].measured = per_second (replies, points[i].measured);
      rates[i].predicted = per_second (replies, points[i].predicted);
    }

  return rates;
}

/**
 * inflight_chart_describe_sweep:
 *
 * Returns: (transfer full): the measured points in words, one phrase each, as in
 * "1 worker: 3.20 s (theory 3.20 s); 2 workers: 1.61 s (theory 1.60 s)"; empty if
 * none is measured yet.
 */
char *
inflight_chart_describe_sweep (const InflightChartPoint *points,
                               guint                     n_points)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  for (guint i = 0; i < n_points; i++)
    {
      g_autofree char *measured = NULL;
      g_autofree char *predicted = NULL;

      if (points[i].measured < 0)
        continue;

      measured = inflight_format_duration (points[i].measured);
      predicted = inflight_format_duration (points[i].predicted);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: one point of the chart of total time, as in "2 workers: 1.61 s (theory 1.60 s)" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u worker: %s (theory %s)",
                                                 "%u workers: %s (theory %s)", points[i].x),
                              points[i].x, measured, predicted);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * inflight_chart_describe_throughput:
 * @points: (array length=n_points): as inflight_chart_throughput_points() makes them
 *
 * Returns: (transfer full): the measured points in words, as in "1 worker: 5
 * replies a second (theory 5); 2 workers: 10 replies a second (theory 10)"
 */
char *
inflight_chart_describe_throughput (const InflightChartPoint *points,
                                    guint                     n_points)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  for (guint i = 0; i < n_points; i++)
    {
      if (points[i].measured < 0)
        continue;

      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: one point of the chart of throughput, as in "2 workers: 10 replies a second (theory 10)" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u worker: %u replies a second (theory %u)",
                                                 "%u workers: %u replies a second (theory %u)", points[i].x),
                              points[i].x, (guint) points[i].measured, (guint) MAX (points[i].predicted, 0));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
