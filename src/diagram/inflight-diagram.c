/* inflight-diagram.c
 * Draws a trace snapshot as a sequence diagram: lanes across, time down, to scale.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram.h"

#define BAR_WIDTH          14.0
#define BAR_GAP            2.0
#define COLUMN_PADDING     4.0
#define HEADER_BOX_TOP     6.0
#define HEADER_BOX_BOTTOM  36.0
#define HEADER_BOX_INSET   6.0
#define HEAD_LENGTH        8.0
#define HEAD_HALF_WIDTH    3.5
#define SELF_LOOP_WIDTH    22.0
#define SELF_LOOP_MIN      6.0
#define HATCH_SPACING      5.0
#define TICK_MIN_SPACING   50.0
#define LABEL_CELL         6.0
#define LABEL_PAD          1.5
#define DEFAULT_FLIGHT_US  (50 * 1000)
#define N_MESSAGE_KINDS    (INFLIGHT_MESSAGE_CANCEL + 1)
#define ATLAS_TEXT         "#0123456789.,:- abcdefghijklmnopqrstuvwxyz"
#define ATLAS_TEXT_SHORT   "#0123456789"
#define N_ATLAS            128

/* The colours an arrow can take. */
typedef enum
{
  INK_REQUEST,
  INK_REPLY,
  INK_ERROR,
  INK_OTHER,
  N_INKS
} Ink;

typedef struct
{
  double           x0, y0, x1, y1;   /* snapped to device pixels */
  InflightSpanKind kind;
} SpanBox;

typedef struct
{
  double   x0, y0;         /* where it left */
  double   x1, y1;         /* where it is now: its tip, or its head in flight */
  double   x_to;           /* where it arrives, or will */
  double   loop_x;         /* a message to its own lane loops out to here */
  double   label_x;
  double   label_y;
  guint    from_lane;
  guint    to_lane;
  guint    request;
  Ink      ink;
  gboolean self;
  gboolean arrived;
  gboolean faded;
  gboolean dashed;
  gboolean moving;         /* in flight at the playhead: drawn with a dot */
} Arrow;

/* ASCII characters laid out once per render, so that request numbers and times,
 * the most numerous texts, are drawn as glyphs in one call rather than one layout each. */
typedef struct
{
  cairo_scaled_font_t *font;
  unsigned long        index[N_ATLAS];
  double               advance[N_ATLAS];
  guint8               present[N_ATLAS];
  double               baseline;
  double               height;
} Atlas;

typedef struct
{
  cairo_t                     *cr;
  const InflightTraceSnapshot *snapshot;
  const InflightViewport      *viewport;
  const InflightDiagramStyle  *style;

  gint64                       playhead;
  gint64                       drawn_until;  /* MIN (playhead, t_end): later is never drawn */
  double                       lw;
  double                       top;          /* the time area */
  double                       bottom;
  double                       left;
  double                       right;
  guint                        n_lanes;
  double                       lane_width;

  /* User space to device space, to put lines on pixel centres. */
  gboolean                     can_snap;
  double                       sx, sy, ox, oy;

  PangoLayout                 *layout;
  PangoFontDescription        *font;
  PangoFontDescription        *font_small;
  PangoFontDescription        *font_bold;
  PangoAttrList               *tabular;
  Atlas                        atlas;
  gboolean                     have_atlas;

  /* Which LABEL_CELL squares hold a label already. */
  guint8                      *cells;
  int                          cells_w;
  int                          cells_h;

  guint                       *max_slot;     /* per lane, over the whole trace */
} Render;

/* Colours */

static void
set_color (cairo_t             *cr,
           const InflightColor *color,
           double               alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static InflightColor
mix (const InflightColor *a,
     const InflightColor *b,
     double               t)
{
  InflightColor ret;

  ret.red = a->red + (b->red - a->red) * t;
  ret.green = a->green + (b->green - a->green) * t;
  ret.blue = a->blue + (b->blue - a->blue) * t;
  ret.alpha = a->alpha + (b->alpha - a->alpha) * t;

  return ret;
}

static const InflightColor *
ink_color (const Render *r,
           Ink           ink)
{
  switch (ink)
    {
    case INK_REQUEST:
      return &r->style->request;
    case INK_REPLY:
      return &r->style->reply;
    case INK_ERROR:
      return &r->style->error;
    case INK_OTHER:
    case N_INKS:
    default:
      return &r->style->dim;
    }
}

static Ink
ink_for_kind (InflightMessageKind kind)
{
  switch (kind)
    {
    case INFLIGHT_MESSAGE_REQUEST:
    case INFLIGHT_MESSAGE_ENQUEUE:
    case INFLIGHT_MESSAGE_DEQUEUE:
      return INK_REQUEST;
    case INFLIGHT_MESSAGE_REPLY:
    case INFLIGHT_MESSAGE_CALLBACK:
      return INK_REPLY;
    case INFLIGHT_MESSAGE_ERROR:
    case INFLIGHT_MESSAGE_TIMEOUT:
      return INK_ERROR;
    case INFLIGHT_MESSAGE_CANCEL:
    default:
      return INK_OTHER;
    }
}

/* Pixel snapping */

static void
snap_init (Render *r)
{
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
  cairo_matrix_t m;

  cairo_get_matrix (r->cr, &m);
  cairo_user_to_device (r->cr, &x0, &y0);
  cairo_user_to_device (r->cr, &x1, &y1);

  r->can_snap = m.xy == 0 && m.yx == 0 && x1 != x0 && y1 != y0;
  r->sx = x1 - x0;
  r->sy = y1 - y0;
  r->ox = x0;
  r->oy = y0;
}

/* Moves a coordinate onto a device pixel edge: for fills. */
static double
snap_edge (const Render *r,
           double        v,
           gboolean      vertical)
{
  double s = vertical ? r->sy : r->sx;
  double o = vertical ? r->oy : r->ox;

  if (!r->can_snap)
    return v;

  return (round (v * s + o) - o) / s;
}

/* Moves the centre of a line of @width so that it covers whole device pixels. */
static double
snap_line (const Render *r,
           double        v,
           double        width,
           gboolean      vertical)
{
  double s = vertical ? r->sy : r->sx;
  double o = vertical ? r->oy : r->ox;
  double d;
  long pixels;

  if (!r->can_snap)
    return v;

  d = v * s + o;
  pixels = MAX (1, lround (fabs (width * s)));
  d = (pixels % 2 == 1) ? floor (d) + 0.5 : round (d);

  return (d - o) / s;
}

/* Text */

static PangoFontDescription *
make_font (const InflightDiagramStyle *style,
           double                      scale,
           PangoWeight                 weight)
{
  PangoFontDescription *desc = pango_font_description_new ();
  double size = style->font_size > 0 ? style->font_size : 10.0;

  pango_font_description_set_family (desc, style->font_family != NULL ? style->font_family : "Sans");
  pango_font_description_set_size (desc, (int) (size * scale * PANGO_SCALE));
  pango_font_description_set_weight (desc, weight);

  return desc;
}

/* Readies the one shared layout for @text; @width < 0 means no limit. */
static void
layout_text (Render                     *r,
             const PangoFontDescription *font,
             const char                 *text,
             double                      width,
             PangoAlignment              alignment,
             gboolean                    tabular)
{
  pango_layout_set_font_description (r->layout, font);
  pango_layout_set_attributes (r->layout, tabular ? r->tabular : NULL);
  pango_layout_set_alignment (r->layout, alignment);
  if (width >= 0)
    {
      pango_layout_set_width (r->layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (r->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (r->layout, -1);
      pango_layout_set_ellipsize (r->layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_set_text (r->layout, text, -1);
}

static void
layout_size (Render *r,
             double *width,
             double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (r->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static gboolean
atlas_fill (Render     *r,
            const char *text)
{
  Atlas *atlas = &r->atlas;
  PangoLayoutLine *line;
  PangoGlyphItem *run;
  PangoRectangle logical;
  int n = (int) strlen (text);

  memset (atlas, 0, sizeof *atlas);
  layout_text (r, r->font_small, text, -1, PANGO_ALIGN_LEFT, TRUE);
  line = pango_layout_get_line_readonly (r->layout, 0);

  /* Only a plain left-to-right run of one font, one glyph per character, will do. */
  if (line == NULL || line->runs == NULL || line->runs->next != NULL)
    return FALSE;

  run = line->runs->data;
  if (run->glyphs->num_glyphs != n || run->item->analysis.level % 2 != 0)
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      const PangoGlyphInfo *info = &run->glyphs->glyphs[i];
      int c = (guchar) text[i];

      if (run->glyphs->log_clusters[i] != i || c >= N_ATLAS ||
          (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 ||
          info->geometry.x_offset != 0 || info->geometry.y_offset != 0)
        return FALSE;

      atlas->index[c] = info->glyph;
      atlas->advance[c] = (double) info->geometry.width / PANGO_SCALE;
      atlas->present[c] = info->glyph == PANGO_GLYPH_EMPTY ? 2 : 1;
    }

  atlas->font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
  if (atlas->font == NULL || cairo_scaled_font_status (atlas->font) != CAIRO_STATUS_SUCCESS)
    {
      atlas->font = NULL;
      return FALSE;
    }
  cairo_scaled_font_reference (atlas->font);

  pango_layout_get_extents (r->layout, NULL, &logical);
  atlas->baseline = (double) pango_layout_get_baseline (r->layout) / PANGO_SCALE;
  atlas->height = (double) logical.height / PANGO_SCALE;

  return TRUE;
}

static gboolean
atlas_init (Render *r)
{
  return atlas_fill (r, ATLAS_TEXT) || atlas_fill (r, ATLAS_TEXT_SHORT);
}

/* Returns the width of @text in atlas glyphs, or -1 if some character is not there. */
static double
atlas_measure (const Render *r,
               const char   *text)
{
  double width = 0;

  if (!r->have_atlas)
    return -1;

  for (const char *c = text; *c != '\0'; c++)
    {
      guchar ch = (guchar) *c;

      if (ch >= N_ATLAS || !r->atlas.present[ch])
        return -1;
      width += r->atlas.advance[ch];
    }

  return width;
}

/* Measures small text: from the atlas when it can (returns TRUE), else with the layout. */
static gboolean
measure_small (Render     *r,
               const char *text,
               double     *width,
               double     *height)
{
  *width = atlas_measure (r, text);
  if (*width >= 0)
    {
      *height = r->atlas.height;
      return TRUE;
    }

  layout_text (r, r->font_small, text, -1, PANGO_ALIGN_LEFT, TRUE);
  layout_size (r, width, height);
  return FALSE;
}

/* Adds the glyphs of @text, measured first, with its top left corner at (@x, @y). */
static void
atlas_append (const Render *r,
              GArray       *glyphs,
              const char   *text,
              double        x,
              double        y)
{
  for (const char *c = text; *c != '\0'; c++)
    {
      guchar ch = (guchar) *c;
      cairo_glyph_t glyph = { r->atlas.index[ch], x, y + r->atlas.baseline };

      if (r->atlas.present[ch] == 1)
        g_array_append_val (glyphs, glyph);
      x += r->atlas.advance[ch];
    }
}

static void
atlas_show (Render              *r,
            GArray              *glyphs,
            const InflightColor *color)
{
  if (glyphs->len == 0)
    return;

  cairo_set_scaled_font (r->cr, r->atlas.font);
  set_color (r->cr, color, 1.0);
  cairo_show_glyphs (r->cr, (cairo_glyph_t *) (void *) glyphs->data, (int) glyphs->len);
  g_array_set_size (glyphs, 0);
}

/* Formats @t with as many decimals as @quantum (a power of ten, in µs) needs. */
static void
format_time (char   *out,
             gsize   len,
             gint64  t,
             gint64  quantum,
             gboolean trim)
{
  char number[32];
  gboolean seconds = ABS (t) >= G_USEC_PER_SEC || (t == 0 && quantum >= G_USEC_PER_SEC);
  int places = seconds ? 6 : 3;
  int decimals = 0;

  for (gint64 q = quantum; q > 1 && places > 0; q /= 10)
    places--;
  decimals = MAX (0, places);

  if (trim)
    {
      gint64 unit = seconds ? G_USEC_PER_SEC : 1000;
      gint64 step = unit;

      for (decimals = 0; decimals < 6 && step > 0 && t % step != 0; decimals++)
        step /= 10;
    }

  g_snprintf (number, sizeof number, "%.*f", decimals,
              (double) t / (seconds ? G_USEC_PER_SEC : 1000.0));

  if (seconds)
    /* Translators: a time on the diagram's axis in seconds, as in "1.5 s" */
    g_snprintf (out, len, _("%s s"), number);
  else
    /* Translators: a time on the diagram's axis in milliseconds, as in "250 ms" */
    g_snprintf (out, len, _("%s ms"), number);
}

/* Label placement: a coarse grid of taken cells keeps labels from overlapping. */

static gboolean
cells_claim (Render *r,
             double  x0,
             double  y0,
             double  x1,
             double  y1)
{
  int c0 = (int) floor (x0 / LABEL_CELL);
  int c1 = (int) floor (x1 / LABEL_CELL);
  int r0 = (int) floor (y0 / LABEL_CELL);
  int r1 = (int) floor (y1 / LABEL_CELL);

  if (c0 < 0 || r0 < 0 || c1 >= r->cells_w || r1 >= r->cells_h)
    return FALSE;

  for (int row = r0; row <= r1; row++)
    for (int col = c0; col <= c1; col++)
      if (r->cells[row * r->cells_w + col])
        return FALSE;

  for (int row = r0; row <= r1; row++)
    for (int col = c0; col <= c1; col++)
      r->cells[row * r->cells_w + col] = 1;

  return TRUE;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   radius)
{
  radius = MIN (radius, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Time axis */

/* The smallest step of 1, 2, 2.5 or 5 × 10^k µs that puts ticks at least @min_px apart. */
static gint64
nice_step (double px_per_us,
           double min_px)
{
  double min_us = min_px / MAX (px_per_us, 1e-12);

  for (gint64 base = 1; base < G_MAXINT64 / 100; base *= 10)
    {
      if (base >= min_us)
        return base;
      if (2 * base >= min_us)
        return 2 * base;
      if (base >= 10 && base / 2 * 5 >= min_us)
        return base / 2 * 5;
      if (5 * base >= min_us)
        return 5 * base;
    }

  return G_MAXINT64 / 100;
}

static gint64
power_of_ten_in (gint64 step)
{
  gint64 q = 1;

  while (step % (q * 10) == 0)
    q *= 10;

  return q;
}

static void
draw_grid (Render *r,
           gint64  step)
{
  cairo_t *cr = r->cr;
  const InflightViewport *vp = r->viewport;
  gint64 first = (vp->t_start / step) * step;

  if (first < vp->t_start)
    first += step;

  cairo_new_path (cr);
  for (gint64 t = first; t <= vp->t_end; t += step)
    {
      double y = snap_line (r, inflight_diagram_time_to_y (vp, t), r->lw, TRUE);

      cairo_move_to (cr, r->left, y);
      cairo_line_to (cr, r->right, y);
    }
  cairo_set_line_width (cr, r->lw);
  set_color (cr, &r->style->dim, r->style->high_contrast ? 0.3 : 0.18);
  cairo_stroke (cr);

  /* Short ticks where the labels are. */
  for (gint64 t = first; t <= vp->t_end; t += step)
    {
      double y = snap_line (r, inflight_diagram_time_to_y (vp, t), r->lw, TRUE);

      cairo_move_to (cr, r->left - 4, y);
      cairo_line_to (cr, r->left, y);
    }
  set_color (cr, &r->style->dim, 0.8);
  cairo_stroke (cr);
}

static void
draw_axis_labels (Render *r,
                  gint64  step)
{
  cairo_t *cr = r->cr;
  const InflightViewport *vp = r->viewport;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  gint64 quantum = power_of_ten_in (step);
  gint64 first = (vp->t_start / step) * step;

  if (first < vp->t_start)
    first += step;

  set_color (cr, &r->style->dim, 1.0);
  for (gint64 t = first; t <= vp->t_end; t += step)
    {
      char text[48];
      double y = inflight_diagram_time_to_y (vp, t);
      double w = -1, h;

      gboolean as_glyphs;

      format_time (text, sizeof text, t, quantum, TRUE);
      as_glyphs = measure_small (r, text, &w, &h);

      /* Keep the first and last labels inside the drawing. */
      y = round (CLAMP (y - h / 2, r->top - h / 2, vp->height - h));
      if (as_glyphs)
        atlas_append (r, glyphs, text, round (r->left - 8 - w), y);
      else
        {
          cairo_move_to (cr, round (r->left - 8 - w), y);
          pango_cairo_show_layout (cr, r->layout);
        }
    }
  atlas_show (r, glyphs, &r->style->dim);
}

/* Lanes */

static void
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

static void
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

/* Spans */

static void
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
static double
lane_edge (const Render *r,
           guint         lane)
{
  guint n = r->max_slot[lane] + 1;
  double bar, gap;

  bar_layout (r, n, &bar, &gap);

  return MIN ((n * bar + (n - 1) * gap) / 2 + 1, r->lane_width / 2 - 2);
}

static gint64
span_drawn_end (const Render       *r,
                const InflightSpan *span)
{
  if (span->end == INFLIGHT_TIME_NONE || span->end > r->playhead)
    return r->playhead;
  return span->end;
}

static GArray *
collect_spans (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (SpanBox));

  for (guint i = 0; i < s->n_spans; i++)
    {
      const InflightSpan *span = &s->spans[i];
      double bar, gap, cx, col_left, col_right;
      guint n_slots;
      gint64 end;
      SpanBox box;

      if (span->lane >= r->n_lanes || span->start > r->drawn_until)
        continue;
      end = span_drawn_end (r, span);
      if (end < vp->t_start || end <= span->start)
        continue;

      n_slots = r->max_slot[span->lane] + 1;
      bar_layout (r, n_slots, &bar, &gap);
      cx = inflight_diagram_lane_x (vp, r->n_lanes, span->lane);
      col_left = cx - r->lane_width / 2 + COLUMN_PADDING;
      col_right = cx + r->lane_width / 2 - COLUMN_PADDING;
      cx += (span->slot - (n_slots - 1) / 2.0) * (bar + gap);
      cx = CLAMP (cx, col_left + bar / 2, MAX (col_left + bar / 2, col_right - bar / 2));

      box.kind = span->kind;
      box.x0 = snap_edge (r, cx - bar / 2, FALSE);
      box.x1 = snap_edge (r, box.x0 + bar, FALSE);
      if (box.x1 <= box.x0)
        box.x1 = box.x0 + 1 / r->sx;
      box.y0 = snap_edge (r, MAX (inflight_diagram_time_to_y (vp, span->start), r->top - 2), TRUE);
      box.y1 = snap_edge (r, MIN (inflight_diagram_time_to_y (vp, end), r->bottom + 2), TRUE);
      if (box.y1 - box.y0 < 1)
        box.y1 = box.y0 + 1;

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

  if (!r->can_snap || r->sx <= 0 || r->sy <= 0)
    return NULL;

  /* A recording (as in a widget) is played back later, maybe at a higher scale. */
  if (type == CAIRO_SURFACE_TYPE_IMAGE)
    oversample = 1;
  else if (type == CAIRO_SURFACE_TYPE_RECORDING)
    oversample = 2;
  else
    return NULL;

  n = MAX (3, (int) lround (spacing * r->sx * oversample));
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, n);
  tc = cairo_create (tile);
  for (int k = -1; k <= 1; k++)
    {
      cairo_move_to (tc, k * n, n);
      cairo_line_to (tc, (k + 1) * n, 0);
    }
  cairo_set_line_width (tc, width * r->sx * oversample);
  set_color (tc, color, 1.0);
  cairo_stroke (tc);
  cairo_destroy (tc);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_pattern_set_filter (pattern, oversample == 1 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_matrix_init (&matrix, r->sx * oversample, 0, 0, r->sy * oversample,
                     r->ox * oversample, r->oy * oversample);
  cairo_pattern_set_matrix (pattern, &matrix);

  return pattern;
}

static void
draw_spans (Render       *r,
            const GArray *boxes)
{
  cairo_t *cr = r->cr;
  const InflightDiagramStyle *style = r->style;
  double lw = r->lw;
  double frame = r->can_snap ? MAX (1.0, round (lw * r->sx)) / r->sx : lw;
  InflightColor paper = style->background;
  InflightColor tint;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Fills. */
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_WORKING, 0))
    {
      set_color (cr, &style->working, 1.0);
      cairo_fill (cr);
    }
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_FROZEN, 0))
    {
      set_color (cr, &style->frozen, 1.0);
      cairo_fill (cr);
    }
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_DOWN, 0))
    {
      set_color (cr, &style->down, 1.0);
      cairo_fill (cr);
    }
  /* Waiting and idle bars: a solid box, then its inside, so that the outline costs nothing. */
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, 0))
    {
      set_color (cr, &style->waiting, 1.0);
      cairo_fill (cr);
      add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, frame);
      tint = mix (&paper, &style->waiting, style->high_contrast ? 0.0 : 0.12);
      set_color (cr, &tint, 1.0);
      cairo_fill (cr);
    }
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_IDLE, 0))
    {
      set_color (cr, &style->idle, 1.0);
      cairo_fill (cr);
      add_boxes (cr, boxes, INFLIGHT_SPAN_IDLE, frame);
      set_color (cr, &paper, 1.0);
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
          set_color (cr, &style->waiting, 1.0);
          cairo_stroke (cr);
        }
    }
  cairo_set_line_width (cr, lw);
  if (add_pattern (r, boxes, INFLIGHT_SPAN_DOWN, 0, HATCH_SPACING * lw, TRUE, TRUE))
    {
      set_color (cr, &paper, 0.55);
      cairo_stroke (cr);
    }
  if (add_zigzags (r, boxes, 2 * lw, 3 * lw))
    {
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      set_color (cr, &paper, 0.6);
      cairo_stroke (cr);
    }
}

/* Messages */

/* How far along a message of unknown arrival is: linear, then easing towards, never reaching, 1. */
static double
flight_fraction (double elapsed,
                 double expected)
{
  const double knee = 0.8;
  double u = elapsed / MAX (expected, 1.0);

  if (u <= knee)
    return MAX (u, 0.0);

  return knee + (1 - knee) * (1 - exp (-(u - knee) / (1 - knee)));
}

static double
message_x (const Render *r,
           guint         lane,
           double        toward)
{
  double x = inflight_diagram_lane_x (r->viewport, r->n_lanes, lane);

  return x + (toward >= x ? 1 : -1) * lane_edge (r, lane);
}

static GArray *
collect_arrows (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  GArray *arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));
  double flight_sum[N_MESSAGE_KINDS] = { 0 };
  guint flight_n[N_MESSAGE_KINDS] = { 0 };
  double all_sum = 0;
  guint all_n = 0;
  gint64 finish = s->finished ? s->duration : r->playhead;

  /* First pass: what is visible, and how long flights have taken. */
  for (guint i = 0; i < s->n_messages; i++)
    {
      const InflightMessage *m = &s->messages[i];
      gint64 seen_end;

      if (m->from_lane >= r->n_lanes || m->to_lane >= r->n_lanes ||
          m->sent_at > r->drawn_until || m->sent_at < 0)
        continue;

      if (m->arrived_at != INFLIGHT_TIME_NONE && m->arrived_at <= r->playhead)
        {
          guint kind = MIN ((guint) m->kind, N_MESSAGE_KINDS - 1);

          seen_end = m->arrived_at;
          flight_sum[kind] += m->arrived_at - m->sent_at;
          flight_n[kind]++;
          all_sum += m->arrived_at - m->sent_at;
          all_n++;
        }
      else
        seen_end = r->playhead;

      if (seen_end < vp->t_start)
        continue;

      g_array_append_val (indices, i);
    }

  for (guint j = 0; j < indices->len; j++)
    {
      const InflightMessage *m = &s->messages[g_array_index (indices, guint, j)];
      guint kind = MIN ((guint) m->kind, N_MESSAGE_KINDS - 1);
      Arrow a = { 0 };
      double x_to, y_to, f;
      gint64 now;

      a.request = m->request;
      a.from_lane = m->from_lane;
      a.to_lane = m->to_lane;
      a.ink = ink_for_kind (m->kind);
      a.self = m->from_lane == m->to_lane;
      a.faded = m->cancelled || m->kind == INFLIGHT_MESSAGE_CANCEL;
      a.dashed = m->cancelled;
      a.arrived = m->arrived_at != INFLIGHT_TIME_NONE && m->arrived_at <= r->playhead;

      if (a.self)
        {
          a.x0 = inflight_diagram_lane_x (vp, r->n_lanes, m->from_lane) + lane_edge (r, m->from_lane);
          x_to = a.x0;
          a.loop_x = a.x0 + SELF_LOOP_WIDTH;
        }
      else
        {
          double to_centre = inflight_diagram_lane_x (vp, r->n_lanes, m->to_lane);
          double from_centre = inflight_diagram_lane_x (vp, r->n_lanes, m->from_lane);

          a.x0 = message_x (r, m->from_lane, to_centre);
          x_to = message_x (r, m->to_lane, from_centre);
        }
      a.x_to = x_to;
      a.y0 = inflight_diagram_time_to_y (vp, m->sent_at);

      if (a.arrived)
        {
          y_to = inflight_diagram_time_to_y (vp, m->arrived_at);
          if (a.self)
            y_to = MAX (y_to, a.y0 + SELF_LOOP_MIN);
          a.x1 = x_to;
          a.y1 = y_to;
        }
      else
        {
          /* Still in flight, or lost when the run stopped. */
          now = m->cancelled ? MIN (finish, r->playhead) : r->playhead;
          if (m->arrived_at != INFLIGHT_TIME_NONE)
            f = (double) (now - m->sent_at) / MAX (1, m->arrived_at - m->sent_at);
          else
            {
              double expected = flight_n[kind] > 0 ? flight_sum[kind] / flight_n[kind] :
                                all_n > 0 ? all_sum / all_n : DEFAULT_FLIGHT_US;

              f = flight_fraction (now - m->sent_at, expected);
            }
          f = CLAMP (f, 0.0, 1.0);
          a.moving = !m->cancelled;
          a.y1 = inflight_diagram_time_to_y (vp, now);
          a.x1 = a.self ? a.loop_x : a.x0 + (x_to - a.x0) * f;
        }

      g_array_append_val (arrows, a);
    }

  g_array_unref (indices);

  return arrows;
}

static void
arrow_direction (const Arrow *a,
                 double      *ux,
                 double      *uy)
{
  double dx, dy, len;

  if (a->self)
    {
      *ux = -1;
      *uy = 0;
      return;
    }

  dx = a->x1 - a->x0;
  dy = a->y1 - a->y0;
  len = hypot (dx, dy);
  if (len < 1e-6)
    {
      *ux = 1;
      *uy = 0;
      return;
    }
  *ux = dx / len;
  *uy = dy / len;
}

static double
head_length (const Render *r)
{
  return HEAD_LENGTH * MAX (1.0, r->lw * 0.75);
}

static void
add_arrow_line (const Render *r,
                const Arrow  *a)
{
  cairo_t *cr = r->cr;
  double ex = a->x1, ey = a->y1;

  /* Stop short of the tip so that the line does not poke through the head. */
  if (a->arrived)
    {
      double ux, uy;

      arrow_direction (a, &ux, &uy);
      ex -= ux * (head_length (r) - 1);
      ey -= uy * (head_length (r) - 1);
    }

  if (a->self)
    {
      cairo_move_to (cr, a->x0, a->y0);
      cairo_line_to (cr, a->loop_x, a->y0);
      cairo_line_to (cr, a->loop_x, a->y1);
      if (a->arrived)
        cairo_line_to (cr, ex, ey);
    }
  else
    {
      cairo_move_to (cr, a->x0, a->y0);
      cairo_line_to (cr, ex, ey);
    }
}

static void
add_arrow_head (const Render *r,
                const Arrow  *a)
{
  cairo_t *cr = r->cr;
  double ux, uy;
  double len = head_length (r);
  double half = HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75);

  arrow_direction (a, &ux, &uy);
  cairo_move_to (cr, a->x1, a->y1);
  cairo_line_to (cr, a->x1 - ux * len - uy * half, a->y1 - uy * len + ux * half);
  cairo_line_to (cr, a->x1 - ux * len + uy * half, a->y1 - uy * len - ux * half);
  cairo_close_path (cr);
}

static void
failure_cross_centre (const Render *r,
                      const Arrow  *a,
                      double        size,
                      double       *cx,
                      double       *cy)
{
  double ux, uy;
  double back = head_length (r) + size + 4;

  arrow_direction (a, &ux, &uy);
  *cx = a->x1 - ux * back;
  *cy = a->y1 - uy * back;
}

static void
draw_failure_crosses (Render       *r,
                      const GArray *arrows)
{
  cairo_t *cr = r->cr;
  double size = 3.0 * MAX (1.0, r->lw * 0.75);
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      double cx, cy;

      if (a->ink != INK_ERROR || !a->arrived || a->self)
        continue;
      failure_cross_centre (r, a, size, &cx, &cy);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, size + 2.5, 0, 2 * G_PI);
      any = TRUE;
    }
  if (!any)
    return;
  set_color (cr, &r->style->background, 1.0);
  cairo_fill (cr);

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      double cx, cy;

      if (a->ink != INK_ERROR || !a->arrived || a->self)
        continue;
      failure_cross_centre (r, a, size, &cx, &cy);
      cairo_move_to (cr, cx - size, cy - size);
      cairo_line_to (cr, cx + size, cy + size);
      cairo_move_to (cr, cx + size, cy - size);
      cairo_line_to (cr, cx - size, cy + size);
    }
  cairo_set_line_width (cr, 1.75 * r->lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_color (cr, &r->style->error, 1.0);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_arrows (Render       *r,
             const GArray *arrows)
{
  cairo_t *cr = r->cr;
  double dashes[2] = { 3 * r->lw, 3 * r->lw };
  double dot = 2.5 * MAX (1.0, r->lw * 0.75);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1.25 * r->lw);

  for (int ink = 0; ink < N_INKS; ink++)
    {
      const InflightColor *color = ink_color (r, ink);

      for (int faded = 0; faded <= 1; faded++)
        {
          gboolean any = FALSE;

          cairo_new_path (cr);
          for (guint i = 0; i < arrows->len; i++)
            {
              const Arrow *a = &g_array_index (arrows, Arrow, i);

              if ((int) a->ink == ink && a->faded == faded)
                {
                  add_arrow_line (r, a);
                  any = TRUE;
                }
            }
          if (!any)
            continue;

          if (faded)
            cairo_set_dash (cr, dashes, 2, 0);
          set_color (cr, color, faded ? 0.45 : 1.0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);

          /* Heads on what arrived, dots on what is still on its way. */
          for (guint i = 0; i < arrows->len; i++)
            {
              const Arrow *a = &g_array_index (arrows, Arrow, i);

              if ((int) a->ink != ink || a->faded != faded)
                continue;
              if (a->arrived)
                add_arrow_head (r, a);
              else if (a->moving)
                {
                  cairo_new_sub_path (cr);
                  cairo_arc (cr, a->x1, a->y1, dot, 0, 2 * G_PI);
                }
            }
          cairo_fill (cr);
        }
    }

  /* A cross on the line just behind the head of every failure, on a disc of paper. */
  draw_failure_crosses (r, arrows);
}

/* Finds room for a request label on its arrow, a third of the way from the sender
 * (so requests and replies between two lanes do not meet in the middle); FALSE if none. */
static gboolean
place_arrow_label (Render      *r,
                   const Arrow *a,
                   double       w,
                   double       h,
                   double      *x,
                   double      *y)
{
  static const double along[] = { 0.3, 0.2, 0.4, 0.75 };
  double full, drawn;

  if (a->self)
    {
      double lx = a->loop_x + 4;
      double ly = (a->y0 + a->y1 - h) / 2;

      if (ly < r->top || !cells_claim (r, lx - LABEL_PAD, ly - LABEL_PAD,
                                        lx + w + LABEL_PAD, ly + h + LABEL_PAD))
        return FALSE;
      *x = round (lx);
      *y = round (ly);
      return TRUE;
    }

  full = a->x_to - a->x0;
  drawn = a->x1 - a->x0;
  if (fabs (full) < w + 2 * HEAD_LENGTH + 16)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (along); i++)
    {
      double cx = a->x0 + full * along[i];
      double reach = fabs (cx - a->x0) + w / 2 + 4;
      double cy, lx, ly;

      /* Clear of the sender's end, of the head, and of the part not yet drawn. */
      if (fabs (cx - a->x0) < w / 2 + 4 ||
          fabs (a->x_to - cx) < w / 2 + HEAD_LENGTH + 4 ||
          fabs (drawn) < reach)
        continue;

      cy = a->y0 + (a->y1 - a->y0) * (cx - a->x0) / drawn;
      lx = cx - w / 2;
      ly = cy - h / 2;
      if (ly < r->top || ly + h > r->viewport->height)
        continue;
      if (cells_claim (r, lx - LABEL_PAD, ly - LABEL_PAD, lx + w + LABEL_PAD, ly + h + LABEL_PAD))
        {
          *x = round (lx);
          *y = round (ly);
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether arrows between each pair of lanes are far enough apart for labels to tell them apart. */
static gboolean *
label_pairs (const Render *r,
             const GArray *arrows,
             double        label_height)
{
  guint n = r->n_lanes;
  guint *count = g_new0 (guint, (gsize) n * n);
  gboolean *ok = g_new0 (gboolean, (gsize) n * n);
  double room = (r->bottom - r->top) / (label_height + 2);

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);

      count[a->from_lane * n + a->to_lane]++;
    }
  for (guint i = 0; i < n * n; i++)
    ok[i] = count[i] <= room;

  g_free (count);

  return ok;
}

static void
draw_arrow_labels (Render *r,
                   GArray *arrows)
{
  cairo_t *cr = r->cr;
  GArray *glyphs[N_INKS];
  g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *pair_ok = NULL;
  double h = r->atlas.height;

  if (!r->have_atlas)
    {
      double w;

      layout_text (r, r->font_small, "#0", -1, PANGO_ALIGN_LEFT, TRUE);
      layout_size (r, &w, &h);
    }

  if (r->n_lanes > 64)
    return;
  pair_ok = label_pairs (r, arrows, h);

  for (int ink = 0; ink < N_INKS; ink++)
    glyphs[ink] = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

  cairo_new_path (cr);
  for (guint i = 0; i < arrows->len; i++)
    {
      Arrow *a = &g_array_index (arrows, Arrow, i);
      char text[16];
      double w, x, y;
      gboolean as_glyphs;

      if (a->request == 0 || a->faded || !pair_ok[a->from_lane * r->n_lanes + a->to_lane])
        continue;

      g_snprintf (text, sizeof text, "#%u", a->request);
      as_glyphs = measure_small (r, text, &w, &h);
      if (!place_arrow_label (r, a, w, h, &x, &y))
        continue;

      cairo_rectangle (cr, x - 2, y, ceil (w) + 4, ceil (h));
      if (as_glyphs)
        atlas_append (r, glyphs[a->ink], text, x, y);
      else
        {
          a->label_x = x;
          a->label_y = y;
          g_array_append_val (spots, i);
        }
    }

  /* Halos first, then every label of one colour in one call. */
  set_color (cr, &r->style->background, 1.0);
  cairo_fill (cr);

  for (int ink = 0; ink < N_INKS; ink++)
    {
      atlas_show (r, glyphs[ink], ink_color (r, ink));
      g_array_unref (glyphs[ink]);
    }

  for (guint i = 0; i < spots->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, g_array_index (spots, guint, i));
      char text[16];

      g_snprintf (text, sizeof text, "#%u", a->request);
      layout_text (r, r->font_small, text, -1, PANGO_ALIGN_LEFT, TRUE);
      set_color (cr, ink_color (r, a->ink), 1.0);
      cairo_move_to (cr, a->label_x, a->label_y);
      pango_cairo_show_layout (cr, r->layout);
    }
}

/* Marks */

static void
draw_marks (Render *r)
{
  cairo_t *cr = r->cr;
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  const double size = 4.5;
  GArray *visible = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < s->n_marks; i++)
    {
      const InflightMark *mark = &s->marks[i];

      if (mark->lane >= r->n_lanes || mark->at < vp->t_start || mark->at > r->drawn_until)
        continue;
      g_array_append_val (visible, i);
    }

  if (visible->len == 0)
    {
      g_array_unref (visible);
      return;
    }

  cairo_new_path (cr);
  for (guint j = 0; j < visible->len; j++)
    {
      const InflightMark *mark = &s->marks[g_array_index (visible, guint, j)];
      double x = inflight_diagram_lane_x (vp, r->n_lanes, mark->lane);
      double y = inflight_diagram_time_to_y (vp, mark->at);

      cairo_move_to (cr, x, y - size);
      cairo_line_to (cr, x + size, y);
      cairo_line_to (cr, x, y + size);
      cairo_line_to (cr, x - size, y);
      cairo_close_path (cr);
    }
  set_color (cr, &r->style->foreground, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, r->lw);
  set_color (cr, &r->style->background, 1.0);
  cairo_stroke (cr);

  for (guint j = 0; j < visible->len; j++)
    {
      const InflightMark *mark = &s->marks[g_array_index (visible, guint, j)];
      double cx = inflight_diagram_lane_x (vp, r->n_lanes, mark->lane);
      double y = inflight_diagram_time_to_y (vp, mark->at);
      double x = cx + lane_edge (r, mark->lane) + 4;
      double room = cx + r->lane_width / 2 - 4 - x;
      double w, h;

      if (mark->label == NULL || mark->label[0] == '\0' || room < 16)
        continue;

      layout_text (r, r->font_small, mark->label, room, PANGO_ALIGN_LEFT, FALSE);
      layout_size (r, &w, &h);
      /* Below the instant, clear of the head of an arrow arriving at that very moment. */
      y = round (y + HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75) + 1.5);
      x = round (x);

      if (!cells_claim (r, x - LABEL_PAD, y - LABEL_PAD, x + w + LABEL_PAD, y + h + LABEL_PAD))
        continue;

      cairo_new_path (cr);
      rounded_rect (cr, x - LABEL_PAD, y - LABEL_PAD, w + 2 * LABEL_PAD, h + 2 * LABEL_PAD, 3);
      set_color (cr, &r->style->background, 0.88);
      cairo_fill (cr);

      set_color (cr, &r->style->dim, 1.0);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, r->layout);
    }

  g_array_unref (visible);
}

/* Playhead */

static gboolean
playhead_visible (const Render *r)
{
  const InflightViewport *vp = r->viewport;

  if (r->snapshot == NULL || r->playhead < vp->t_start || r->playhead > vp->t_end)
    return FALSE;

  return !r->snapshot->finished || r->playhead < inflight_trace_snapshot_end_time (r->snapshot);
}

static void
draw_playhead_line (Render *r)
{
  cairo_t *cr = r->cr;
  double width = r->style->high_contrast ? r->lw : 2 * r->lw;
  double y = snap_line (r, inflight_diagram_time_to_y (r->viewport, r->playhead), width, TRUE);

  cairo_new_path (cr);
  cairo_move_to (cr, r->left, y);
  cairo_line_to (cr, r->right, y);
  cairo_set_line_width (cr, width);
  set_color (cr, &r->style->playhead, 1.0);
  cairo_stroke (cr);
}

/* The playhead's time in a pill over the axis labels. */
static void
draw_playhead_pill (Render *r,
                    gint64  step)
{
  cairo_t *cr = r->cr;
  char text[48];
  gint64 quantum = MAX ((gint64) 1, power_of_ten_in (step) / 10);
  gint64 t = (r->playhead + quantum / 2) / quantum * quantum;
  double y = inflight_diagram_time_to_y (r->viewport, r->playhead);
  double w, h, x;
  gboolean as_glyphs;

  format_time (text, sizeof text, t, quantum, FALSE);
  as_glyphs = measure_small (r, text, &w, &h);

  x = round (r->left - 4 - w - 8);
  y = round (CLAMP (y - h / 2 - 1, 1, r->viewport->height - h - 3));

  cairo_new_path (cr);
  rounded_rect (cr, x, y, w + 8, h + 2, (h + 2) / 2);
  set_color (cr, &r->style->playhead, 1.0);
  cairo_fill (cr);

  if (as_glyphs)
    {
      g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

      atlas_append (r, glyphs, text, x + 4, y + 1);
      atlas_show (r, glyphs, &r->style->background);
    }
  else
    {
      set_color (cr, &r->style->background, 1.0);
      cairo_move_to (cr, x + 4, y + 1);
      pango_cairo_show_layout (cr, r->layout);
    }
}

/* Public API */

/**
 * inflight_diagram_render:
 * @cr: where to draw, in user units (logical pixels)
 * @snapshot: (nullable): the trace; %NULL draws an empty diagram
 * @playhead: the moment shown: nothing later is drawn
 * @viewport: which times are drawn, on what size of area
 * @style: the colours and fonts
 *
 * Draws the diagram over the rectangle (0, 0, width, height), background included.
 * Costs depend on what lies in the viewport and before @playhead.
 */
void
inflight_diagram_render (cairo_t                     *cr,
                         const InflightTraceSnapshot *snapshot,
                         gint64                       playhead,
                         const InflightViewport      *viewport,
                         const InflightDiagramStyle  *style)
{
  Render r = { 0 };
  PangoContext *context;
  gint64 step;
  double px_per_us;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (viewport != NULL);
  g_return_if_fail (style != NULL);

  if (viewport->width <= 0 || viewport->height <= 0)
    return;

  r.cr = cr;
  r.snapshot = snapshot;
  r.viewport = viewport;
  r.style = style;
  r.playhead = playhead;
  r.drawn_until = MIN (playhead, viewport->t_end);
  r.lw = style->line_width > 0 ? style->line_width : 1.0;
  r.top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  r.bottom = MAX (r.top + 1, viewport->height - INFLIGHT_DIAGRAM_MARGIN);
  r.left = INFLIGHT_DIAGRAM_AXIS_WIDTH;
  r.right = MAX (r.left + 1, viewport->width - INFLIGHT_DIAGRAM_MARGIN);
  r.n_lanes = snapshot != NULL ? snapshot->n_lanes : 0;
  r.lane_width = inflight_diagram_lane_width (viewport, r.n_lanes);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  snap_init (&r);

  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 96);
  r.layout = pango_layout_new (context);
  g_object_unref (context);
  r.font = make_font (style, 1.0, PANGO_WEIGHT_NORMAL);
  r.font_small = make_font (style, 0.9, PANGO_WEIGHT_NORMAL);
  r.font_bold = make_font (style, 1.0, PANGO_WEIGHT_SEMIBOLD);
  r.tabular = pango_attr_list_new ();
  pango_attr_list_insert (r.tabular, pango_attr_font_features_new ("tnum=1,kern=0"));
  r.have_atlas = atlas_init (&r);

  r.cells_w = (int) ceil (viewport->width / LABEL_CELL) + 1;
  r.cells_h = (int) ceil (viewport->height / LABEL_CELL) + 1;
  r.cells = g_malloc0 ((gsize) r.cells_w * r.cells_h);
  r.max_slot = g_new0 (guint, MAX (r.n_lanes, 1));
  if (snapshot != NULL)
    for (guint i = 0; i < snapshot->n_spans; i++)
      if (snapshot->spans[i].lane < r.n_lanes)
        r.max_slot[snapshot->spans[i].lane] = MAX (r.max_slot[snapshot->spans[i].lane],
                                                   MIN (snapshot->spans[i].slot, 255));

  /* Background. */
  cairo_rectangle (cr, 0, 0, viewport->width, viewport->height);
  set_color (cr, &style->background, 1.0);
  cairo_fill (cr);

  px_per_us = (r.bottom - r.top) / (double) MAX ((gint64) 1, viewport->t_end - viewport->t_start);
  step = nice_step (px_per_us, TICK_MIN_SPACING);
  draw_grid (&r, step);
  draw_lifelines (&r);

  /* What happened: clipped to the time area and to what has happened by the playhead. */
  cairo_save (cr);
  cairo_rectangle (cr, r.left, r.top, viewport->width - r.left, viewport->height - r.top);
  cairo_clip (cr);
  /* Thin lines look the same with 4×4 samples, at half the cost. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  if (snapshot != NULL && r.n_lanes > 0 && r.drawn_until >= viewport->t_start)
    {
      GArray *boxes = collect_spans (&r);
      GArray *arrows = collect_arrows (&r);

      draw_spans (&r, boxes);
      draw_arrows (&r, arrows);
      draw_marks (&r);
      draw_arrow_labels (&r, arrows);

      g_array_unref (boxes);
      g_array_unref (arrows);
    }
  if (playhead_visible (&r))
    draw_playhead_line (&r);
  cairo_restore (cr);

  draw_axis_labels (&r, step);
  draw_headers (&r);
  if (playhead_visible (&r))
    draw_playhead_pill (&r, step);

  if (r.atlas.font != NULL)
    cairo_scaled_font_destroy (r.atlas.font);
  g_free (r.max_slot);
  g_free (r.cells);
  pango_attr_list_unref (r.tabular);
  pango_font_description_free (r.font);
  pango_font_description_free (r.font_small);
  pango_font_description_free (r.font_bold);
  g_object_unref (r.layout);
  cairo_restore (cr);
}

/**
 * inflight_diagram_time_to_y:
 *
 * Returns: where @t is drawn: t_start at the top of the time area,
 * t_end at its bottom, height - %INFLIGHT_DIAGRAM_MARGIN.
 */
double
inflight_diagram_time_to_y (const InflightViewport *viewport,
                            gint64                  t)
{
  double top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  double bottom;
  gint64 span;

  g_return_val_if_fail (viewport != NULL, 0);

  bottom = MAX (top + 1, viewport->height - INFLIGHT_DIAGRAM_MARGIN);
  span = MAX ((gint64) 1, viewport->t_end - viewport->t_start);

  return top + (double) (t - viewport->t_start) * (bottom - top) / (double) span;
}

/**
 * inflight_diagram_y_to_time:
 *
 * The inverse of inflight_diagram_time_to_y(), for pointer positions.
 */
gint64
inflight_diagram_y_to_time (const InflightViewport *viewport,
                            double                  y)
{
  double top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  double bottom;
  gint64 span;

  g_return_val_if_fail (viewport != NULL, 0);

  bottom = MAX (top + 1, viewport->height - INFLIGHT_DIAGRAM_MARGIN);
  span = MAX ((gint64) 1, viewport->t_end - viewport->t_start);

  return viewport->t_start + (gint64) llround ((y - top) * (double) span / (bottom - top));
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

/**
 * inflight_viewport_fit:
 * @snapshot: (nullable): the trace to show whole
 *
 * Shows the whole run from time 0, with 5% room below its end; at least 100 ms.
 */
void
inflight_viewport_fit (InflightViewport            *viewport,
                       const InflightTraceSnapshot *snapshot,
                       double                       width,
                       double                       height)
{
  gint64 end = 0;

  g_return_if_fail (viewport != NULL);

  if (snapshot != NULL)
    end = inflight_trace_snapshot_end_time (snapshot);
  end = MAX (end, 100 * (gint64) 1000);

  viewport->width = width;
  viewport->height = height;
  viewport->t_start = 0;
  viewport->t_end = end + end / 20;
}
