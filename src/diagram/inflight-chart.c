/* inflight-chart.c
 * What every chart of many runs shares, drawn with cairo and Pango: the plot's frame, its
 * value axis and grid, the labels along the axes, the titles, and crisp lines at any scale.
 * The charts themselves are in inflight-chart-sweep.c and inflight-chart-histogram.c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "inflight-chart-private.h"
#include "inflight-paint.h"
#include "inflight-format.h"

/* Layout: pure arithmetic, shared with the position helpers */

gboolean
inflight_chart_frame_init (Frame  *frame,
                           double  width,
                           double  height)
{
  frame->left = INFLIGHT_CHART_AXIS_WIDTH;
  frame->top = INFLIGHT_CHART_HEADER;
  frame->right = width - INFLIGHT_CHART_MARGIN;
  frame->bottom = height - INFLIGHT_CHART_FOOTER;

  /* Too small to hold a plot. */
  return frame->right - frame->left >= 8 && frame->bottom - frame->top >= 8;
}

/* The first of 1, 2, 2.5 and 5 × 10^k (2.5 only from 25 up, so that steps stay whole)
 * whose grid lines are far enough apart, with room of @room_px left above @max. */
void
inflight_chart_axis_init (Axis   *axis,
                          double  length,
                          gint64  max,
                          double  room_px)
{
  static const int mantissas[] = { 10, 20, 25, 50 };

  max = MAX (max, 1);

  for (gint64 base = 1; base < G_MAXINT64 / 100; base *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
      {
        gint64 step;
        gint64 top;

        if (mantissas[i] == 25 && base < 10)
          continue;

        step = base * mantissas[i] / 10;
        top = (max + step - 1) / step * step;
        if ((double) (top - max) / top * length < room_px)
          top += step;

        if (length * step / top >= TICK_MIN_SPACING)
          {
            axis->top = top;
            axis->step = step;
            return;
          }
      }

  axis->top = max;
  axis->step = max;
}

double
inflight_chart_value_y (const Frame *frame,
                        const Axis  *axis,
                        double       value)
{
  return frame->bottom - value / axis->top * (frame->bottom - frame->top);
}

/* Every how many values the x axis is labelled: 1, 2, 5, 10, 20, 50 … */
static guint
label_every (double spacing,
             double widest)
{
  double needed = MAX (X_LABEL_MIN_SPACING, widest + LABEL_PAD);

  /* A single value: nothing to keep apart. */
  if (spacing <= 0)
    return 1;

  for (guint base = 1; base < G_MAXUINT / 10; base *= 10)
    {
      if (spacing * base >= needed)
        return base;
      if (spacing * 2 * base >= needed)
        return 2 * base;
      if (spacing * 5 * base >= needed)
        return 5 * base;
    }

  return G_MAXUINT;
}

/* Drawing helpers */

void
inflight_chart_begin (Chart                      *c,
                      cairo_t                    *cr,
                      double                      width,
                      double                      height,
                      const InflightDiagramStyle *style)
{
  PangoContext *context;

  c->cr = cr;
  c->style = style;
  c->width = width;
  c->height = height;
  c->lw = style->line_width > 0 ? style->line_width : 1.0;

  cairo_save (cr);
  inflight_pixel_grid_init (&c->grid, c->cr);

  c->layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (c->layout);
  pango_cairo_context_set_resolution (context, 96);
  pango_layout_context_changed (c->layout);
  c->font = inflight_paint_font (style, 1.0, PANGO_WEIGHT_NORMAL);
  c->font_small = inflight_paint_font (style, 0.9, PANGO_WEIGHT_NORMAL);
  c->tabular = pango_attr_list_new ();
  pango_attr_list_insert (c->tabular, pango_attr_font_features_new ("tnum=1"));

  cairo_rectangle (cr, 0, 0, width, height);
  inflight_paint_set_color (cr, &style->background, 1.0);
  cairo_fill (cr);
}

void
inflight_chart_end (Chart *c)
{
  g_clear_object (&c->layout);
  g_clear_pointer (&c->font, pango_font_description_free);
  g_clear_pointer (&c->font_small, pango_font_description_free);
  g_clear_pointer (&c->tabular, pango_attr_list_unref);
  cairo_restore (c->cr);
}

/* Readies the layout for @text and gives its size. */
void
inflight_chart_text_measure (Chart                      *c,
                             const PangoFontDescription *font,
                             const char                 *text,
                             gboolean                    tabular,
                             double                     *width,
                             double                     *height)
{
  PangoRectangle logical;

  pango_layout_set_font_description (c->layout, font);
  pango_layout_set_attributes (c->layout, tabular ? c->tabular : NULL);
  pango_layout_set_text (c->layout, text, -1);
  pango_layout_get_extents (c->layout, NULL, &logical);

  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* Shows what inflight_chart_text_measure() readied, its top left corner on a whole pixel. */
void
inflight_chart_text_show (Chart               *c,
                          double               x,
                          double               y,
                          const InflightColor *color)
{
  inflight_paint_set_color (c->cr, color, 1.0);
  cairo_move_to (c->cr, round (x), round (y));
  pango_cairo_show_layout (c->cr, c->layout);
}

/* A µs value on the time axis; one unit and one number of decimals for the whole axis. */
static void
format_time (char   *out,
             gsize   len,
             gint64  t,
             gint64  step,
             gboolean seconds)
{
  gint64 unit = seconds ? G_USEC_PER_SEC : 1000;
  gint64 q = unit;
  int decimals = 0;
  char number[32];

  if (t == 0)
    {
      g_strlcpy (out, "0", len);
      return;
    }

  while (q > 1 && step % q != 0 && decimals < 6)
    {
      q /= 10;
      decimals++;
    }

  g_snprintf (number, sizeof number, "%.*f", decimals, (double) t / unit);

  if (seconds)
    /* Translators: a time on a chart's axis in seconds, as in "1.5 s" */
    g_snprintf (out, len, _("%s s"), number);
  else
    /* Translators: a time on a chart's axis in milliseconds, as in "250 ms" */
    g_snprintf (out, len, _("%s ms"), number);
}

/* Grid lines across the plot and their labels on the left. */
void
inflight_chart_draw_value_axis (Chart      *c,
                                const Axis *axis,
                                gboolean    as_time)
{
  cairo_t *cr = c->cr;
  const Frame *f = &c->frame;
  gboolean seconds = axis->top >= G_USEC_PER_SEC;

  cairo_new_path (cr);
  for (gint64 v = axis->step; v <= axis->top; v += axis->step)
    {
      double y = inflight_pixel_grid_line (&c->grid, inflight_chart_value_y (f, axis, v), c->lw, TRUE);

      cairo_move_to (cr, f->left, y);
      cairo_line_to (cr, f->right, y);
    }
  cairo_set_line_width (cr, c->lw);
  inflight_paint_set_color (cr, &c->style->dim, c->style->high_contrast ? 0.35 : 0.2);
  cairo_stroke (cr);

  for (gint64 v = 0; v <= axis->top; v += axis->step)
    {
      char text[64];
      double w, h;

      if (as_time)
        format_time (text, sizeof text, v, axis->step, seconds);
      else
        g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, v);

      inflight_chart_text_measure (c, c->font_small, text, TRUE, &w, &h);
      inflight_chart_text_show (c, f->left - LABEL_PAD - w, inflight_chart_value_y (f, axis, v) - h / 2, &c->style->dim);
    }
}

/* The line the plot stands on. */
void
inflight_chart_draw_baseline (Chart *c)
{
  double y = inflight_pixel_grid_line (&c->grid, c->frame.bottom, c->lw, TRUE);

  cairo_new_path (c->cr);
  cairo_move_to (c->cr, c->frame.left, y);
  cairo_line_to (c->cr, c->frame.right, y);
  cairo_set_line_width (c->cr, c->lw);
  inflight_paint_set_color (c->cr, &c->style->foreground, c->style->high_contrast ? 1.0 : 0.5);
  cairo_stroke (c->cr);
}

/* The titles: the value axis' above its labels, the x axis' centred below the plot. */
void
inflight_chart_draw_titles (Chart      *c,
                            const char *value_title,
                            const char *x_title,
                            double      room_right)
{
  double w, h;

  inflight_chart_text_measure (c, c->font_small, x_title, FALSE, &w, &h);
  inflight_chart_text_show (c, (c->frame.left + c->frame.right - w) / 2, c->height - 6 - h, &c->style->dim);

  inflight_chart_text_measure (c, c->font_small, value_title, FALSE, &w, &h);
  if (LABEL_PAD + w + LEGEND_GAP <= room_right)
    inflight_chart_text_show (c, LABEL_PAD, (INFLIGHT_CHART_HEADER - h) / 2, &c->style->dim);
}

/* The x axis' labels: @first … @last, centred at @x0 + (v − @first)·@spacing,
 * every so many values so that they stay apart; a short tick at each value. */
void
inflight_chart_draw_x_labels (Chart  *c,
                              guint   first,
                              guint   last,
                              double  x0,
                              double  spacing)
{
  cairo_t *cr = c->cr;
  double base = inflight_pixel_grid_line (&c->grid, c->frame.bottom, c->lw, TRUE);
  double widest, h;
  char text[32];
  guint every;

  g_snprintf (text, sizeof text, "%u", last);
  inflight_chart_text_measure (c, c->font_small, text, TRUE, &widest, &h);
  every = label_every (spacing, widest);

  cairo_new_path (cr);
  for (guint v = first; v <= last && v >= first; v++)
    {
      double x = inflight_pixel_grid_line (&c->grid, x0 + (v - first) * spacing, c->lw, FALSE);
      gboolean labelled = v % every == 0 || every == 1;

      /* Ticks only where they stay apart too. */
      if (spacing >= 4 || labelled)
        {
          /* From under the baseline, so that no pixel of it is inked twice. */
          cairo_move_to (cr, x, base + c->lw / 2);
          cairo_line_to (cr, x, base + c->lw / 2 + (labelled ? 4 : 2));
        }
    }
  cairo_set_line_width (cr, c->lw);
  inflight_paint_set_color (cr, &c->style->foreground, c->style->high_contrast ? 1.0 : 0.5);
  cairo_stroke (cr);

  for (guint v = first; v <= last && v >= first; v++)
    {
      double w;

      if (v % every != 0 && every != 1)
        continue;

      g_snprintf (text, sizeof text, "%u", v);
      inflight_chart_text_measure (c, c->font_small, text, TRUE, &w, &h);
      inflight_chart_text_show (c, x0 + (v - first) * spacing - w / 2, c->frame.bottom + 7, &c->style->dim);
    }
}

/* Public API */

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