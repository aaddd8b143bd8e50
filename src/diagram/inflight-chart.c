/* inflight-chart.c
 * Draws the charts of many runs with cairo and Pango: total time against workers, measured
 * and in theory, and how many runs had k replies out of order.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "inflight-chart.h"
#include "inflight-format.h"

#define TICK_MIN_SPACING     36.0   /* px between the value axis' grid lines, at least */
#define X_LABEL_MIN_SPACING  20.0   /* px between labels along the x axis, at least */
#define LABEL_PAD            8.0    /* between a label and what it names */
#define MARKER_RADIUS        3.5
#define BAR_SHARE            0.7    /* of a bar's band that the bar fills */
#define BAR_MAX_WIDTH        56.0
#define COUNT_ROOM           20.0   /* px above the tallest bar, for its count */
#define LEGEND_SWATCH        24.0
#define LEGEND_GAP           18.0

#define MEASURED_WIDTH(c)    ((c)->lw + 2)
#define THEORY_WIDTH(c)      ((c)->lw + 0.5)

typedef struct
{
  double left;
  double top;
  double right;
  double bottom;
} Frame;

/* The value axis: from 0 up to top, with a grid line every step. */
typedef struct
{
  gint64 top;
  gint64 step;
} Axis;

typedef struct
{
  cairo_t                    *cr;
  const InflightDiagramStyle *style;
  Frame                       frame;
  double                      width;
  double                      height;
  double                      lw;
  gboolean                    can_snap;
  double                      sx;
  double                      sy;
  double                      ox;
  double                      oy;
  PangoLayout                *layout;
  PangoFontDescription       *font;
  PangoFontDescription       *font_small;
  PangoAttrList              *tabular;
} Chart;

/* Layout: pure arithmetic, shared with the position helpers */

static gboolean
frame_init (Frame  *frame,
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
static void
axis_init (Axis   *axis,
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

static double
value_y (const Frame *frame,
         const Axis  *axis,
         double       value)
{
  return frame->bottom - value / axis->top * (frame->bottom - frame->top);
}

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
  axis_init (axis, frame->bottom - frame->top, sweep_max (points, n_points, empty_max), MARKER_RADIUS + 4);
}

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
  axis_init (axis, frame->bottom - frame->top, max > 0 ? max : 4, max > 0 ? COUNT_ROOM : 0);
}

static double
band_width (const Frame *frame,
            guint        n_counts)
{
  return (frame->right - frame->left) / MAX (n_counts, 1);
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

static void
set_color (cairo_t             *cr,
           const InflightColor *color,
           double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
snap_init (Chart *c)
{
  cairo_matrix_t m;

  cairo_get_matrix (c->cr, &m);
  c->can_snap = m.xy == 0 && m.yx == 0 && m.xx != 0 && m.yy != 0;
  c->sx = m.xx;
  c->sy = m.yy;
  c->ox = m.x0;
  c->oy = m.y0;
}

/* Moves @v onto a device pixel's edge: for the sides of fills. */
static double
snap_edge (const Chart *c,
           double       v,
           gboolean     vertical)
{
  double s = vertical ? c->sy : c->sx;
  double o = vertical ? c->oy : c->ox;

  if (!c->can_snap)
    return v;

  return (round (v * s + o) - o) / s;
}

/* Moves the centre of a line of @width so that the line covers whole device pixels. */
static double
snap_line (const Chart *c,
           double       v,
           double       width,
           gboolean     vertical)
{
  double s = vertical ? c->sy : c->sx;
  double o = vertical ? c->oy : c->ox;
  double d;

  if (!c->can_snap)
    return v;

  d = v * s + o;
  d = MAX (1, lround (fabs (width * s))) % 2 == 1 ? floor (d) + 0.5 : round (d);

  return (d - o) / s;
}

static PangoFontDescription *
make_font (const InflightDiagramStyle *style,
           double                      scale)
{
  PangoFontDescription *desc = pango_font_description_new ();
  double size = style->font_size > 0 ? style->font_size : 10.0;

  pango_font_description_set_family (desc, style->font_family != NULL ? style->font_family : "Sans");
  pango_font_description_set_size (desc, (int) (size * scale * PANGO_SCALE));

  return desc;
}

static void
chart_begin (Chart                      *c,
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
  snap_init (c);

  c->layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (c->layout);
  pango_cairo_context_set_resolution (context, 96);
  pango_layout_context_changed (c->layout);
  c->font = make_font (style, 1.0);
  c->font_small = make_font (style, 0.9);
  c->tabular = pango_attr_list_new ();
  pango_attr_list_insert (c->tabular, pango_attr_font_features_new ("tnum=1"));

  cairo_rectangle (cr, 0, 0, width, height);
  set_color (cr, &style->background, 1.0);
  cairo_fill (cr);
}

static void
chart_end (Chart *c)
{
  g_clear_object (&c->layout);
  g_clear_pointer (&c->font, pango_font_description_free);
  g_clear_pointer (&c->font_small, pango_font_description_free);
  g_clear_pointer (&c->tabular, pango_attr_list_unref);
  cairo_restore (c->cr);
}

/* Readies the layout for @text and gives its size. */
static void
text_measure (Chart                      *c,
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

/* Shows what text_measure() readied, its top left corner on a whole pixel. */
static void
text_show (Chart               *c,
           double               x,
           double               y,
           const InflightColor *color)
{
  set_color (c->cr, color, 1.0);
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
static void
draw_value_axis (Chart      *c,
                 const Axis *axis,
                 gboolean    as_time)
{
  cairo_t *cr = c->cr;
  const Frame *f = &c->frame;
  gboolean seconds = axis->top >= G_USEC_PER_SEC;

  cairo_new_path (cr);
  for (gint64 v = axis->step; v <= axis->top; v += axis->step)
    {
      double y = snap_line (c, value_y (f, axis, v), c->lw, TRUE);

      cairo_move_to (cr, f->left, y);
      cairo_line_to (cr, f->right, y);
    }
  cairo_set_line_width (cr, c->lw);
  set_color (cr, &c->style->dim, c->style->high_contrast ? 0.35 : 0.2);
  cairo_stroke (cr);

  for (gint64 v = 0; v <= axis->top; v += axis->step)
    {
      char text[64];
      double w, h;

      if (as_time)
        format_time (text, sizeof text, v, axis->step, seconds);
      else
        g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, v);

      text_measure (c, c->font_small, text, TRUE, &w, &h);
      text_show (c, f->left - LABEL_PAD - w, value_y (f, axis, v) - h / 2, &c->style->dim);
    }
}

/* The line the plot stands on. */
static void
draw_baseline (Chart *c)
{
  double y = snap_line (c, c->frame.bottom, c->lw, TRUE);

  cairo_new_path (c->cr);
  cairo_move_to (c->cr, c->frame.left, y);
  cairo_line_to (c->cr, c->frame.right, y);
  cairo_set_line_width (c->cr, c->lw);
  set_color (c->cr, &c->style->foreground, c->style->high_contrast ? 1.0 : 0.5);
  cairo_stroke (c->cr);
}

/* The titles: the value axis' above its labels, the x axis' centred below the plot. */
static void
draw_titles (Chart      *c,
             const char *value_title,
             const char *x_title,
             double      room_right)
{
  double w, h;

  text_measure (c, c->font_small, x_title, FALSE, &w, &h);
  text_show (c, (c->frame.left + c->frame.right - w) / 2, c->height - 6 - h, &c->style->dim);

  text_measure (c, c->font_small, value_title, FALSE, &w, &h);
  if (LABEL_PAD + w + LEGEND_GAP <= room_right)
    text_show (c, LABEL_PAD, (INFLIGHT_CHART_HEADER - h) / 2, &c->style->dim);
}

/* The x axis' labels: @first … @last, centred at @x0 + (v − @first)·@spacing,
 * every so many values so that they stay apart; a short tick at each value. */
static void
draw_x_labels (Chart  *c,
               guint   first,
               guint   last,
               double  x0,
               double  spacing)
{
  cairo_t *cr = c->cr;
  double base = snap_line (c, c->frame.bottom, c->lw, TRUE);
  double widest, h;
  char text[32];
  guint every;

  g_snprintf (text, sizeof text, "%u", last);
  text_measure (c, c->font_small, text, TRUE, &widest, &h);
  every = label_every (spacing, widest);

  cairo_new_path (cr);
  for (guint v = first; v <= last && v >= first; v++)
    {
      double x = snap_line (c, x0 + (v - first) * spacing, c->lw, FALSE);
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
  set_color (cr, &c->style->foreground, c->style->high_contrast ? 1.0 : 0.5);
  cairo_stroke (cr);

  for (guint v = first; v <= last && v >= first; v++)
    {
      double w;

      if (v % every != 0 && every != 1)
        continue;

      g_snprintf (text, sizeof text, "%u", v);
      text_measure (c, c->font_small, text, TRUE, &w, &h);
      text_show (c, x0 + (v - first) * spacing - w / 2, c->frame.bottom + 7, &c->style->dim);
    }
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
      text_measure (c, c->font_small, labels[i], FALSE, &widths[i], &h);
      total += LEGEND_SWATCH + 6 + widths[i];
    }
  total += LEGEND_GAP;

  x = c->frame.right - total;
  cy = snap_line (c, INFLIGHT_CHART_HEADER / 2, c->lw + 1, TRUE);
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
          set_color (cr, &c->style->working, c->style->high_contrast ? 0.8 : 0.6);
          cairo_stroke (cr);
          set_color (cr, &c->style->working, 1.0);
          marker_path (cr, x + LEGEND_SWATCH / 2, cy, MARKER_RADIUS + c->lw / 2);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_line_width (cr, THEORY_WIDTH (c));
          set_theory_dash (c);
          set_color (cr, &c->style->waiting, 1.0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      text_measure (c, c->font_small, labels[i], FALSE, &widths[i], &h);
      text_show (c, x + LEGEND_SWATCH + 6, cy - h / 2, &c->style->foreground);
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
        cairo_line_to (cr, sweep_x (f, x_from, x_to, p->x), value_y (f, axis, p->measured));
      else
        cairo_move_to (cr, sweep_x (f, x_from, x_to, p->x), value_y (f, axis, p->measured));
      started = TRUE;
    }
  cairo_set_line_width (cr, MEASURED_WIDTH (c));
  set_color (cr, &c->style->working, c->style->high_contrast ? 0.8 : 0.6);
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
      y = value_y (f, axis, p->predicted);
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
  set_color (cr, &c->style->waiting, 1.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The measured points on top, ringed with the paper so that they stand out of the lines. */
  cairo_new_path (cr);
  for (guint i = 0; i < n_points; i++)
    {
      const InflightChartPoint *p = &points[i];

      if (p->measured >= 0 && p->x >= x_from && p->x <= x_to)
        marker_path (cr, sweep_x (f, x_from, x_to, p->x), value_y (f, axis, p->measured), radius + 1.5);
    }
  set_color (cr, &c->style->background, 1.0);
  cairo_fill (cr);

  for (guint i = 0; i < n_points; i++)
    {
      const InflightChartPoint *p = &points[i];

      if (p->measured >= 0 && p->x >= x_from && p->x <= x_to)
        marker_path (cr, sweep_x (f, x_from, x_to, p->x), value_y (f, axis, p->measured), radius);
    }
  set_color (cr, &c->style->working, 1.0);
  cairo_fill (cr);

  cairo_restore (cr);
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

/* Public API */

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

  if (!frame_init (&frame, width, height))
    return FALSE;

  sweep_axis (&axis, &frame, points, n_points, G_USEC_PER_SEC);
  *px = sweep_x (&frame, x_from, x_to, x);
  *py = value_y (&frame, &axis, value);

  return TRUE;
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

  chart_begin (&c, cr, width, height, style);
  if (frame_init (&c.frame, width, height))
    {
      double spacing = last > first ? sweep_x (&c.frame, first, last, first + 1) - sweep_x (&c.frame, first, last, first) : 0;

      sweep_axis (&axis, &c.frame, points, n_points, throughput ? 10 : G_USEC_PER_SEC);
      draw_value_axis (&c, &axis, !throughput);
      draw_baseline (&c);
      draw_x_labels (&c, first, last, sweep_x (&c.frame, first, last, first), spacing);
      legend_at = draw_sweep_legend (&c);
      draw_titles (&c, throughput ? _("Replies per second") : _("Total time"), _("Workers"), legend_at);
      draw_sweep_data (&c, &axis, points, n_points, first, last);
    }
  chart_end (&c);
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

  if (!frame_init (&frame, width, height) || k >= n_counts)
    return FALSE;

  histogram_axis (&axis, &frame, counts, n_counts);
  band = band_width (&frame, n_counts);
  w = MIN (band * BAR_SHARE, BAR_MAX_WIDTH);

  *x = frame.left + band * (k + 0.5) - w / 2;
  *bar_width = w;
  *y = value_y (&frame, &axis, counts[k]);
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

  chart_begin (&c, cr, width, height, style);
  if (!frame_init (&c.frame, width, height))
    {
      chart_end (&c);
      return;
    }

  histogram_axis (&axis, &c.frame, counts, n_counts);
  band = band_width (&c.frame, n_counts);
  bar_w = MIN (band * BAR_SHARE, BAR_MAX_WIDTH);

  draw_value_axis (&c, &axis, FALSE);
  if (n_counts > 0)
    draw_x_labels (&c, 0, n_counts - 1, c.frame.left + band / 2, band);
  draw_titles (&c, _("Runs"), _("Replies out of order"), c.frame.right);

  /* The bars, down to the middle of the baseline, which is drawn over them. */
  base = snap_line (&c, c.frame.bottom, c.lw, TRUE);
  cairo_new_path (cr);
  for (guint k = 0; k < n_counts; k++)
    {
      double x0, x1, y0;

      if (counts[k] == 0)
        continue;

      x0 = snap_edge (&c, c.frame.left + band * (k + 0.5) - bar_w / 2, FALSE);
      x1 = MAX (snap_edge (&c, c.frame.left + band * (k + 0.5) + bar_w / 2, FALSE), x0 + (c.can_snap ? 1 / fabs (c.sx) : 1));
      y0 = snap_edge (&c, value_y (&c.frame, &axis, counts[k]), TRUE);
      bar_path (cr, x0, y0, x1, base);
    }
  set_color (cr, &style->working, 1.0);
  cairo_fill (cr);
  draw_baseline (&c);

  /* Each count above its bar, where the bar is wide enough to carry it. */
  for (guint k = 0; k < n_counts; k++)
    {
      char text[32];
      double w, h;

      if (counts[k] == 0)
        continue;

      g_snprintf (text, sizeof text, "%u", counts[k]);
      text_measure (&c, c.font_small, text, TRUE, &w, &h);
      if (w > band - 2)
        continue;

      text_show (&c, c.frame.left + band * (k + 0.5) - w / 2,
                 value_y (&c.frame, &axis, counts[k]) - 4 - h, &style->foreground);
    }

  chart_end (&c);
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
