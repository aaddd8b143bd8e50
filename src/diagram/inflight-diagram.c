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
#include "inflight-diagram-index.h"

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
#define FIT_NO_RUN_US      (100 * 1000) /* the time axis before any run */
#define FIT_MIN_RUN_US     10           /* so that a run of no time at all still has an axis */
#define N_MESSAGE_KINDS    INFLIGHT_N_MESSAGE_KINDS
#define N_SPAN_KINDS       INFLIGHT_N_SPAN_KINDS
#define ATLAS_TEXT         "#0123456789.,:- abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define ATLAS_TEXT_SHORT   "#0123456789"
#define N_ATLAS            128
#define SPACING_HEADS      6.0    /* px between arrows of one kind below which heads are left out */
#define SPACING_MARKS      12.0   /* …and below which failures are told by their colour alone */
#define FINE_ARROWS_MAX    160    /* antialiased arrows in one frame, at most */
#define QUEUE_UNIT_MAX     6.0    /* px per queued request, at most */
#define FOOTER_CLIP_BELOW  6.0    /* how far below the time area what happened may be drawn */
#define LEGEND_SWATCH      14.0
#define MARK_SIZE          4.5    /* from a mark's centre to its diamond's corners */
#define LEGEND_GAP         16.0

/* How much of an arrow is drawn: less as arrows of its kind crowd together. */
typedef enum
{
  DETAIL_FULL,      /* antialiased line, head or moving dot, failure mark, label */
  DETAIL_COARSE,    /* aliased, one device pixel wide, merged with any arrow on the same pixels */
} Detail;

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
  double           busy_us;          /* the time the spans merged into the box really cover */
} SpanBox;

/* Below this share of its height really covered, a merged box of work is drawn faded. */
#define FULLY_COVERED 0.95
/* The faintest a box of work is drawn, so that a sliver of work never vanishes. */
#define FAINTEST_WORK 0.12

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
  gboolean timeout;
  gboolean marked;         /* a failure with room for its cross or clock */
  gboolean hidden;         /* merged into another arrow on the same pixels */
  Detail   detail;
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

/* Crowded arrows of one colour between two lanes, all dy device rows tall:
 * a row is set where one of them starts. */
typedef struct
{
  guint    group;
  gboolean faded;
  int      dy;
  guint8  *rows;
} Band;

typedef struct _TextCache TextCache;

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

  const InflightDiagramIndex  *index;        /* what is known of the whole trace */
  InflightDiagramIndex        *own_index;    /* made for this frame, when the snapshot could not keep one */
  const guint                 *max_slot;     /* per lane, over the whole trace */
  double                      *lane_centre;  /* per lane: where its lifeline is */
  double                      *lane_reach;   /* per lane: how far its bars reach either side */

  GArray                      *bands;
  GHashTable                  *band_index;
  gsize                        band_rows;
  Detail                      *group_detail; /* per kind of arrow between two lanes */

  double                       y_per_us;     /* inflight_diagram_time_to_y(), inlined */

  /* Layers are kept only for an image drawn on whole device pixels. */
  gboolean                     can_cache;
  const char                  *font_key;     /* the fonts and the device, for the layers' keys */
  TextCache                   *cache;

  GArray                      *queue_labels;
} Render;

/* How many wait in a queue at the playhead, and where to say so. */
typedef struct
{
  guint  lane;
  int    depth;
  double x;
} QueueLabel;

static inline double
time_y (const Render *r,
        gint64        t)
{
  return r->top + (double) (t - r->viewport->t_start) * r->y_per_us;
}

/* Text set-up, kept per thread from one frame to the next: laying out the glyph atlas
 * costs more than much of a frame, and it changes only with the font and the device. */
typedef struct
{
  cairo_surface_t *surface;
  GByteArray      *key;      /* what it was drawn from: see layer_key_new() */
} Layer;

struct _TextCache
{
  PangoContext *context;
  PangoLayout  *layout;
  char         *key;
  Atlas         atlas;
  gboolean      have_atlas;

  /* What stays the same from frame to frame, drawn once onto an image and then copied:
   * the lane headers, and the legend. */
  Layer         backdrop;
  Layer         legend;

  /* Small pictures stamped many times a frame: marks, and the discs and symbols of failures. */
  Layer         mark_sprite;
  Layer         cross_sprite;
  Layer         clock_sprite;
};

static void
layer_clear (Layer *layer)
{
  g_clear_pointer (&layer->surface, cairo_surface_destroy);
  g_clear_pointer (&layer->key, g_byte_array_unref);
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  layer_clear (&cache->backdrop);
  layer_clear (&cache->legend);
  layer_clear (&cache->mark_sprite);
  layer_clear (&cache->cross_sprite);
  layer_clear (&cache->clock_sprite);
  if (cache->atlas.font != NULL)
    cairo_scaled_font_destroy (cache->atlas.font);
  g_clear_object (&cache->layout);
  g_clear_object (&cache->context);
  g_free (cache->key);
  g_free (cache);
}

static GPrivate text_cache = G_PRIVATE_INIT (text_cache_free);

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

/* The colour of each kind of message. */
static const Ink kind_ink[N_MESSAGE_KINDS] = {
  [INFLIGHT_MESSAGE_REQUEST] = INK_REQUEST,
  [INFLIGHT_MESSAGE_REPLY] = INK_REPLY,
  [INFLIGHT_MESSAGE_ERROR] = INK_ERROR,
  [INFLIGHT_MESSAGE_ENQUEUE] = INK_REQUEST,
  [INFLIGHT_MESSAGE_DEQUEUE] = INK_REQUEST,
  [INFLIGHT_MESSAGE_CALLBACK] = INK_REPLY,
  [INFLIGHT_MESSAGE_TIMEOUT] = INK_ERROR,
  [INFLIGHT_MESSAGE_CANCEL] = INK_OTHER,
};

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

/* Formats @t in the unit of its size (µs below a millisecond, ms below a second, else s), with
 * as many decimals as @quantum (a power of ten, in µs) needs; 0 in the unit of @quantum. */
static void
format_time (char   *out,
             gsize   len,
             gint64  t,
             gint64  quantum,
             gboolean trim)
{
  char number[32];
  gint64 size = t != 0 ? ABS (t) : quantum;
  gint64 unit = size >= G_USEC_PER_SEC ? G_USEC_PER_SEC : size >= 1000 ? 1000 : 1;
  int decimals = 0;

  if (trim)
    {
      for (gint64 step = unit; step > 1 && t % step != 0; step /= 10)
        decimals++;
    }
  else
    {
      for (gint64 q = quantum; q < unit; q *= 10)
        decimals++;
    }

  g_snprintf (number, sizeof number, "%.*f", decimals, (double) t / unit);

  if (unit == G_USEC_PER_SEC)
    /* Translators: a time on the diagram's axis in seconds, as in "1.5 s" */
    g_snprintf (out, len, _("%s s"), number);
  else if (unit == 1000)
    /* Translators: a time on the diagram's axis in milliseconds, as in "250 ms" */
    g_snprintf (out, len, _("%s ms"), number);
  else
    /* Translators: a time on the diagram's axis in microseconds, as in "250 µs" */
    g_snprintf (out, len, _("%s µs"), number);
}

/* Label placement: a coarse grid of taken cells keeps labels from overlapping. */

static gboolean
cells_free (const Render *r,
            double        x0,
            double        y0,
            double        x1,
            double        y1)
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

  return TRUE;
}

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

      inflight_diagram_format_tick (text, sizeof text, t, step);
      as_glyphs = measure_small (r, text, &w, &h);

      /* Keep the first and last labels inside the drawing. */
      y = round (CLAMP (y - h / 2, r->top - h / 2, r->bottom));
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

static GArray *
collect_spans (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (SpanBox));
  g_autofree guint *first = g_new (guint, r->n_lanes + 1);
  g_autofree int *last = NULL;
  g_autofree double *slot_x = NULL;
  InflightIndexRange range;
  guint i;
  double pixel = r->can_snap && r->sy > 0 ? 1.0 / r->sy : 1.0;
  double sy = r->can_snap ? r->sy : 1, oy = r->can_snap ? r->oy : 0;
  double row_per_us = r->y_per_us * sy;
  double row_at = (r->top - vp->t_start * r->y_per_us) * sy + oy;
  double row_min = (r->top - 2) * sy + oy;
  double row_max = (r->bottom + 2) * sy + oy;

  /* The last box of every lane, slot and kind, to merge the next one into when they touch. */
  first[0] = 0;
  for (guint l = 0; l < r->n_lanes; l++)
    first[l + 1] = first[l] + (r->max_slot[l] + 1) * N_SPAN_KINDS;
  last = g_new (int, MAX (first[r->n_lanes], 1));
  for (guint k = 0; k < first[r->n_lanes]; k++)
    last[k] = -1;

  /* Where each slot's bar goes across. */
  slot_x = g_new (double, 2 * MAX (first[r->n_lanes] / N_SPAN_KINDS, 1));
  for (guint l = 0; l < r->n_lanes; l++)
    {
      guint n_slots = r->max_slot[l] + 1;
      double bar, gap;
      double col_left = r->lane_centre[l] - r->lane_width / 2 + COLUMN_PADDING;
      double col_right = r->lane_centre[l] + r->lane_width / 2 - COLUMN_PADDING;

      bar_layout (r, n_slots, &bar, &gap);
      for (guint slot = 0; slot < n_slots; slot++)
        {
          double cx = r->lane_centre[l] + (slot - (n_slots - 1) / 2.0) * (bar + gap);
          double *x = &slot_x[2 * (first[l] / N_SPAN_KINDS + slot)];

          cx = CLAMP (cx, col_left + bar / 2, MAX (col_left + bar / 2, col_right - bar / 2));
          x[0] = snap_edge (r, cx - bar / 2, FALSE);
          x[1] = snap_edge (r, x[0] + bar, FALSE);
          if (x[1] <= x[0])
            x[1] = x[0] + 1 / r->sx;
        }
    }

  inflight_diagram_index_spans (r->index, s, vp->t_start, r->drawn_until, &range);
  while (inflight_index_range_next (&range, &i))
    {
      const InflightSpan *span = &s->spans[i];
      guint key, slot;
      gint64 end;
      SpanBox box;

      if (span->lane >= r->n_lanes || span->start > r->drawn_until)
        continue;
      end = (span->end == INFLIGHT_TIME_NONE || span->end > r->playhead) ? r->playhead : span->end;
      if (end < vp->t_start || end <= span->start)
        continue;

      /* Device rows, worked out here rather than in calls: this loop runs for every span. */
      box.kind = span->kind;
      box.y0 = (double) (gint64) (MAX (row_at + span->start * row_per_us, row_min) + 0.5);
      box.y1 = (double) (gint64) (MIN (row_at + end * row_per_us, row_max) + 0.5);
      box.y0 = (box.y0 - oy) / sy;
      box.y1 = (box.y1 - oy) / sy;
      if (box.y1 - box.y0 < 1)
        box.y1 = box.y0 + 1;

      /* Spans closer than a pixel look like one bar: drawing them as one costs one. */
      slot = MIN (span->slot, 255);
      key = first[span->lane] + slot * N_SPAN_KINDS + MIN ((guint) span->kind, N_SPAN_KINDS - 1);
      if (last[key] >= 0)
        {
          SpanBox *prev = &g_array_index (boxes, SpanBox, last[key]);

          if (box.y0 <= prev->y1 + pixel && box.y1 >= prev->y0 - pixel)
            {
              prev->y0 = MIN (prev->y0, box.y0);
              prev->y1 = MAX (prev->y1, box.y1);
              prev->busy_us += end - span->start;
              continue;
            }
        }
      box.busy_us = end - span->start;
      box.x0 = slot_x[2 * (first[span->lane] / N_SPAN_KINDS + slot)];
      box.x1 = slot_x[2 * (first[span->lane] / N_SPAN_KINDS + slot) + 1];
      last[key] = (int) boxes->len;
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

/* The share of @box's rows that its spans really cover, from 0 to 1. */
static double
box_coverage (const Render  *r,
              const SpanBox *box)
{
  double rows_us = (box->y1 - box->y0) / MAX (r->y_per_us, 1e-12);

  return rows_us <= 0 ? 1.0 : CLAMP (box->busy_us / rows_us, 0.0, 1.0);
}

/* With @covered, adds the boxes of work that cover their rows, for one fill; without it,
 * fills each of the others itself, as faint as its coverage. FALSE if none were added. */
static gboolean
add_work_boxes (Render       *r,
                const GArray *boxes,
                gboolean      covered)
{
  cairo_t *cr = r->cr;
  gboolean any = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < boxes->len; i++)
    {
      const SpanBox *b = &g_array_index (boxes, SpanBox, i);
      double coverage;

      if (b->kind != INFLIGHT_SPAN_WORKING)
        continue;
      coverage = box_coverage (r, b);
      if ((coverage >= FULLY_COVERED) != covered)
        continue;

      cairo_rectangle (cr, b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
      any = TRUE;
      if (!covered)
        {
          set_color (cr, &r->style->working, MAX (coverage, FAINTEST_WORK));
          cairo_fill (cr);
        }
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

/* Bars of @kind as an @outline colour around an inside of the paper tinted @tint of the way to
 * the colour of work (no tint in high contrast): one solid box, then its inside over it. */
static void
fill_outlined (Render                *r,
               const GArray          *boxes,
               InflightSpanKind       kind,
               const InflightColor   *outline,
               double                 tint,
               double                 frame)
{
  InflightColor inside;

  if (!add_boxes (r->cr, boxes, kind, 0))
    return;

  set_color (r->cr, outline, 1.0);
  cairo_fill (r->cr);
  add_boxes (r->cr, boxes, kind, frame);
  inside = mix (&r->style->background, &r->style->working, r->style->high_contrast ? 0.0 : tint);
  set_color (r->cr, &inside, 1.0);
  cairo_fill (r->cr);
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

  /* Free bars first: the slices of work a free lane does between its waits go over them. A
   * thread that has work but no core to run it on: the colour of work, faint, outlined. */
  fill_outlined (r, boxes, INFLIGHT_SPAN_IDLE, &style->idle, 0.08, frame);
  fill_outlined (r, boxes, INFLIGHT_SPAN_READY, &style->working, 0.3, frame);

  /* Fills. Work is solid where it covers its rows; brief slices of work merged into one
   * pixel row are drawn as faint as the share of the row they really cover, so that 5% of
   * the time never looks like all of it. */
  if (add_work_boxes (r, boxes, TRUE))
    {
      set_color (cr, &style->working, 1.0);
      cairo_fill (cr);
    }
  add_work_boxes (r, boxes, FALSE);
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
  /* Waiting bars: a solid box, then its inside, so that the outline costs nothing. */
  if (add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, 0))
    {
      set_color (cr, &style->waiting, 1.0);
      cairo_fill (cr);
      add_boxes (cr, boxes, INFLIGHT_SPAN_WAITING, frame);
      tint = mix (&paper, &style->waiting, style->high_contrast ? 0.0 : 0.12);
      set_color (cr, &tint, 1.0);
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
  double x = r->lane_centre[lane];

  return x + (toward >= x ? 1 : -1) * r->lane_reach[lane];
}

/* A set of 64-bit keys, for merging arrows that fall on the same pixels. */
typedef struct
{
  guint64 *keys;
  gsize    mask;
} KeySet;

static void
key_set_init (KeySet *set,
              guint   n)
{
  gsize size = 64;

  while (size < 2 * (gsize) n)
    size <<= 1;
  set->keys = g_new0 (guint64, size);
  set->mask = size - 1;
}

/* Returns whether @key was new. */
static gboolean
key_set_add (KeySet  *set,
             guint64  key)
{
  gsize i;

  key++;   /* 0 marks an empty slot */
  for (i = (gsize) ((key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 32) & set->mask;
       set->keys[i] != 0;
       i = (i + 1) & set->mask)
    if (set->keys[i] == key)
      return FALSE;
  set->keys[i] = key;

  return TRUE;
}

static guint64
device_pixel (const Render *r,
              double        v,
              gboolean      vertical)
{
  double d = r->can_snap ? v * (vertical ? r->sy : r->sx) + (vertical ? r->oy : r->ox) : v;

  return (guint64) CLAMP (floor (d) + 512, 0, 16383);
}

/* Arrows of one colour between two lanes that crowd closer than a head's width are drawn
 * coarse: aliased, one device pixel wide, no head, no label. Arrived ones that run parallel
 * from neighbouring pixel rows merge into one band: what a frame costs is bounded by its
 * pixels, not by the number of messages. Antialiased lines cost by their length, so fine
 * arrows are capped too, the most crowded kinds going coarse first. */
static Detail *
choose_detail (const Render *r,
               const guint  *count)
{
  guint n_groups = r->n_lanes * r->n_lanes * N_INKS;
  Detail *detail = g_new (Detail, MAX (n_groups, 1));
  double height = MAX (1.0, r->bottom - r->top);
  guint fine = 0;

  for (guint g = 0; g < n_groups; g++)
    {
      detail[g] = count[g] > 0 && height / count[g] >= SPACING_HEADS ? DETAIL_FULL : DETAIL_COARSE;
      if (detail[g] == DETAIL_FULL)
        fine += count[g];
    }

  while (fine > FINE_ARROWS_MAX)
    {
      guint worst = 0, most = 0;

      for (guint g = 0; g < n_groups; g++)
        if (detail[g] == DETAIL_FULL && count[g] > most)
          {
            most = count[g];
            worst = g;
          }
      detail[worst] = DETAIL_COARSE;
      fine -= most;
    }

  return detail;
}

/* Returns the index of the band. */
static guint
find_band (Render   *r,
           guint     group,
           gboolean  faded,
           int       dy)
{
  guint64 key = ((guint64) (group * 2 + (faded ? 1 : 0)) << 32) | (guint32) (dy + (1 << 30));
  gpointer index;
  Band band = { 0 };

  if (r->band_index == NULL)
    {
      r->band_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      r->bands = g_array_new (FALSE, FALSE, sizeof (Band));
    }

  if (g_hash_table_lookup_extended (r->band_index, &key, NULL, &index))
    return GPOINTER_TO_UINT (index);

  band.group = group;
  band.faded = faded;
  band.dy = dy;
  band.rows = g_malloc0 (r->band_rows);
  g_array_append_val (r->bands, band);
  g_hash_table_insert (r->band_index, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (r->bands->len - 1));

  return r->bands->len - 1;
}

static gint64
device_row (const Render *r,
            double        y)
{
  return (gint64) floor (r->can_snap ? y * r->sy + r->oy : y);
}

/* How long a message that never arrived is drawn as taking: as long as the others of its
 * kind that had arrived by the playhead took, on average; else as all of them; else a guess.
 * Only a stopped or live run has such messages, so this reads the trace only then. */
static void
expected_flights (const Render *r,
                  double       *expected)
{
  const InflightTraceSnapshot *s = r->snapshot;
  double flight_sum[N_MESSAGE_KINDS] = { 0 };
  guint flight_n[N_MESSAGE_KINDS] = { 0 };
  double all_sum = 0;
  guint all_n = 0;

  for (guint i = 0; i < s->n_messages; i++)
    {
      const InflightMessage *m = &s->messages[i];
      guint kind = MIN ((guint) m->kind, N_MESSAGE_KINDS - 1);

      if (m->from_lane >= r->n_lanes || m->to_lane >= r->n_lanes ||
          m->sent_at > r->drawn_until || m->sent_at < 0 ||
          m->arrived_at == INFLIGHT_TIME_NONE || m->arrived_at > r->playhead)
        continue;
      flight_sum[kind] += m->arrived_at - m->sent_at;
      flight_n[kind]++;
      all_sum += m->arrived_at - m->sent_at;
      all_n++;
    }

  for (guint k = 0; k < N_MESSAGE_KINDS; k++)
    expected[k] = flight_n[k] > 0 ? flight_sum[k] / flight_n[k] :
                  all_n > 0 ? all_sum / all_n : DEFAULT_FLIGHT_US;
}

static GArray *
collect_arrows (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  guint n_groups = MAX (r->n_lanes * r->n_lanes * N_INKS, 1);
  GArray *arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) fine = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) indices = NULL;
  g_autofree guint *count = g_new0 (guint, n_groups);
  g_autofree guint *recent = g_new0 (guint, n_groups);
  g_autofree double *run = g_new0 (double, MAX (r->n_lanes * r->n_lanes, 1));
  double expected[N_MESSAGE_KINDS];
  gboolean have_expected = FALSE;
  gint64 finish = s->finished ? s->duration : r->playhead;
  KeySet seen = { NULL, 0 };
  gint64 first_row = device_row (r, r->top) - 2;
  double row_per_us, row_at;
  guint may_be_fine = (guint) ((r->bottom - r->top) / SPACING_HEADS) + 1;
  InflightIndexRange range;
  guint i;

  r->band_rows = (gsize) MAX (1, device_row (r, r->bottom) + 4 - first_row);

  /* Device rows from the start of the bands, as a + b·t: the loop below runs for every message. */
  row_per_us = r->y_per_us * (r->can_snap ? r->sy : 1);
  row_at = (r->top - vp->t_start * r->y_per_us) * (r->can_snap ? r->sy : 1) +
           (r->can_snap ? r->oy : 0) - first_row;

  /* How many device pixels wide arrows between two lanes are. */
  for (guint from = 0; from < r->n_lanes; from++)
    for (guint to = 0; to < r->n_lanes; to++)
      run[from * r->n_lanes + to] = fabs (message_x (r, to, r->lane_centre[from]) -
                                          message_x (r, from, r->lane_centre[to])) *
                                    (r->can_snap ? r->sx : 1);

  /* One pass over the messages that may show: what is visible, how crowded each kind is,
   * how long flights take. Every arrival that fits a band joins it at once; it is kept aside
   * as well only while its kind may yet turn out uncrowded. The rest (in flight, loops,
   * steep) are handled one by one. */
  inflight_diagram_index_messages (r->index, s, vp->t_start, r->drawn_until, &range);
  while (inflight_index_range_next (&range, &i))
    {
      const InflightMessage *m = &s->messages[i];
      guint kind = MIN ((guint) m->kind, N_MESSAGE_KINDS - 1);
      gboolean arrived = m->arrived_at != INFLIGHT_TIME_NONE && m->arrived_at <= r->playhead;
      gint64 seen_end;
      guint group;

      if (m->from_lane >= r->n_lanes || m->to_lane >= r->n_lanes ||
          m->sent_at > r->drawn_until || m->sent_at < 0)
        continue;

      seen_end = arrived ? m->arrived_at : r->playhead;

      if (seen_end < vp->t_start)
        continue;

      group = (m->from_lane * r->n_lanes + m->to_lane) * N_INKS + kind_ink[kind];
      count[group]++;

      if (arrived && m->from_lane != m->to_lane)
        {
          double d0 = row_at + m->sent_at * row_per_us;
          gint64 row0 = (gint64) d0;
          gint64 row1 = (gint64) (row_at + m->arrived_at * row_per_us);

          /* A band is one row thick: steeper than 45° it would leave gaps. */
          if (d0 >= 0 && row0 < (gint64) r->band_rows &&
              ABS (row1 - row0) <= run[m->from_lane * r->n_lanes + m->to_lane])
            {
              gboolean faded = m->cancelled || m->kind == INFLIGHT_MESSAGE_CANCEL;
              /* Flights a row apart share a band a row thicker: fewer, longer bands. */
              int dy = (int) ((row1 - row0) & ~(gint64) 1);
              Band *band = recent[group] > 0 ? &g_array_index (r->bands, Band, recent[group] - 1) : NULL;

              if (band == NULL || band->dy != dy || band->faded != faded)
                {
                  recent[group] = find_band (r, group, faded, dy) + 1;
                  band = &g_array_index (r->bands, Band, recent[group] - 1);
                }
              band->rows[row0] = 1;
              if (count[group] <= may_be_fine)
                g_array_append_val (fine, i);
              continue;
            }
        }

      g_array_append_val (others, i);
    }

  r->group_detail = choose_detail (r, count);

  /* The arrows drawn one by one, in the order of the trace. */
  indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), others->len + fine->len);
  for (guint j = 0, k = 0; j < others->len || k < fine->len;)
    {
      guint next;

      if (k < fine->len && (j >= others->len || g_array_index (fine, guint, k) < g_array_index (others, guint, j)))
        {
          const InflightMessage *m = &s->messages[g_array_index (fine, guint, k++)];
          guint kind = MIN ((guint) m->kind, N_MESSAGE_KINDS - 1);

          if (r->group_detail[(m->from_lane * r->n_lanes + m->to_lane) * N_INKS + kind_ink[kind]] != DETAIL_FULL)
            continue;
          next = g_array_index (fine, guint, k - 1);
        }
      else
        next = g_array_index (others, guint, j++);
      g_array_append_val (indices, next);
    }

  for (guint j = 0; j < indices->len; j++)
    {
      const InflightMessage *m = &s->messages[g_array_index (indices, guint, j)];
      guint kind = MIN ((guint) m->kind, N_MESSAGE_KINDS - 1);
      guint group = (m->from_lane * r->n_lanes + m->to_lane) * N_INKS + kind_ink[kind];
      Arrow a = { 0 };
      double x_to, y_to, f;
      gint64 now;

      a.detail = r->group_detail[group];
      a.marked = a.detail == DETAIL_FULL && (r->bottom - r->top) / count[group] >= SPACING_MARKS;
      a.self = m->from_lane == m->to_lane;
      a.faded = m->cancelled || m->kind == INFLIGHT_MESSAGE_CANCEL;
      a.arrived = m->arrived_at != INFLIGHT_TIME_NONE && m->arrived_at <= r->playhead;
      a.request = m->request;
      a.from_lane = m->from_lane;
      a.to_lane = m->to_lane;
      a.ink = kind_ink[kind];
      a.dashed = m->cancelled;
      a.timeout = m->kind == INFLIGHT_MESSAGE_TIMEOUT;

      if (a.self)
        {
          a.x0 = r->lane_centre[m->from_lane] + r->lane_reach[m->from_lane];
          x_to = a.x0;
          a.loop_x = a.x0 + SELF_LOOP_WIDTH;
        }
      else
        {
          a.x0 = message_x (r, m->from_lane, r->lane_centre[m->to_lane]);
          x_to = message_x (r, m->to_lane, r->lane_centre[m->from_lane]);
        }
      a.x_to = x_to;
      a.y0 = time_y (r, m->sent_at);

      if (a.arrived)
        {
          y_to = time_y (r, m->arrived_at);
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
              if (!have_expected)
                {
                  expected_flights (r, expected);
                  have_expected = TRUE;
                }
              f = flight_fraction (now - m->sent_at, expected[kind]);
            }
          f = CLAMP (f, 0.0, 1.0);
          a.moving = !m->cancelled;
          a.y1 = time_y (r, now);
          a.x1 = a.self ? a.loop_x : a.x0 + (x_to - a.x0) * f;
        }

      /* Coarse arrows left over (in flight, looping, steep, from far above) are drawn once per pixel. */
      if (a.detail == DETAIL_COARSE)
        {
          guint64 key = ((guint64) (group * 2 + (a.faded ? 1 : 0)) << 42) |
                        (device_pixel (r, a.y0, TRUE) << 28) |
                        (device_pixel (r, a.y1, TRUE) << 14) |
                        device_pixel (r, a.x1, FALSE);

          if (seen.keys == NULL)
            key_set_init (&seen, indices->len);
          if (!key_set_add (&seen, key))
            continue;
        }

      g_array_append_val (arrows, a);
    }

  g_free (seen.keys);

  return arrows;
}

/* Adds the parallelograms of the bands of one ink, faded or not; FALSE if there were none. */
static gboolean
add_bands (const Render *r,
           int           ink,
           gboolean      faded)
{
  gboolean any = FALSE;
  double first_row = (double) (device_row (r, r->top) - 2);
  double sy = r->can_snap ? r->sy : 1, oy = r->can_snap ? r->oy : 0;

  cairo_new_path (r->cr);
  if (r->bands == NULL)
    return FALSE;

  for (guint i = 0; i < r->bands->len; i++)
    {
      const Band *band = &g_array_index (r->bands, Band, i);
      guint from = band->group / N_INKS / r->n_lanes;
      guint to = band->group / N_INKS % r->n_lanes;
      double x0, x1;

      /* Uncrowded kinds are drawn arrow by arrow instead. */
      if ((int) (band->group % N_INKS) != ink || band->faded != faded ||
          r->group_detail[band->group] != DETAIL_COARSE)
        continue;

      x0 = message_x (r, from, r->lane_centre[to]);
      x1 = message_x (r, to, r->lane_centre[from]);

      for (gsize row = 0; row < r->band_rows; row++)
        {
          gsize end = row;
          double ya, yb;

          if (!band->rows[row])
            continue;
          while (end + 1 < r->band_rows && band->rows[end + 1])
            end++;

          /* Rows row…end, each the start of an arrow dy or dy + 1 rows long: one parallelogram. */
          ya = (first_row + row - oy) / sy;
          yb = (first_row + end + 1 - oy) / sy;
          cairo_move_to (r->cr, x0, ya);
          cairo_line_to (r->cr, x1, ya + band->dy / sy);
          cairo_line_to (r->cr, x1, yb + (band->dy + 1) / sy);
          cairo_line_to (r->cr, x0, yb);
          cairo_close_path (r->cr);
          any = TRUE;
          row = end;
        }
    }

  return any;
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

/* Sprites: a small picture drawn once into a kept image and stamped wherever it goes.
 * Its centre is the centre of its middle pixel, stamped onto the device pixel nearest the
 * centre asked for: at most half a pixel from where drawing it would have put it. */

static GByteArray *layer_key_new (const Render *r);
static gboolean    keys_equal    (const GByteArray *a,
                                  const GByteArray *b);

typedef void (*SpriteDraw) (Render *r,
                            double  cx,
                            double  cy);

/* Makes sure @sprite holds what @draw draws within @radius of its centre, for this style and device. */
static void
sprite_prepare (Render     *r,
                Layer      *sprite,
                double      radius,
                SpriteDraw  draw)
{
  GByteArray *key = layer_key_new (r);
  Render copy = *r;
  int reach, size;

  g_byte_array_append (key, (const guint8 *) &radius, sizeof radius);
  g_byte_array_append (key, (const guint8 *) &draw, sizeof draw);
  if (sprite->surface != NULL && keys_equal (sprite->key, key))
    {
      g_byte_array_unref (key);
      return;
    }

  layer_clear (sprite);
  reach = (int) ceil (radius * MAX (r->sx, r->sy)) + 1;
  size = 2 * reach + 1;
  sprite->surface = cairo_surface_create_similar_image (cairo_get_target (r->cr), CAIRO_FORMAT_ARGB32, size, size);
  cairo_surface_set_device_scale (sprite->surface, r->sx, r->sy);
  sprite->key = key;

  copy.cr = cairo_create (sprite->surface);
  snap_init (&copy);
  cairo_set_antialias (copy.cr, cairo_get_antialias (r->cr));
  draw (&copy, (reach + 0.5) / r->sx, (reach + 0.5) / r->sy);
  cairo_destroy (copy.cr);
}

static void
sprite_stamp (Render *r,
              Layer  *sprite,
              double  cx,
              double  cy)
{
  int size = cairo_image_surface_get_width (sprite->surface);
  int reach = (size - 1) / 2;
  double x = (floor (cx * r->sx + r->ox) - reach - r->ox) / r->sx;
  double y = (floor (cy * r->sy + r->oy) - reach - r->oy) / r->sy;

  cairo_set_source_surface (r->cr, sprite->surface, x, y);
  cairo_pattern_set_filter (cairo_get_source (r->cr), CAIRO_FILTER_NEAREST);
  cairo_paint (r->cr);
}

/* Where a failure's cross or a timeout's clock goes: on the line, just behind the head. */
static void
failure_mark_centre (const Render *r,
                     const Arrow  *a,
                     double        size,
                     double       *cx,
                     double       *cy)
{
  double ux, uy;
  double back = head_length (r) + size + 4;

  if (a->self)
    {
      *cx = a->loop_x;
      *cy = (a->y0 + a->y1) / 2;
      return;
    }

  arrow_direction (a, &ux, &uy);
  *cx = a->x1 - ux * back;
  *cy = a->y1 - uy * back;
}

static gboolean
has_failure_mark (const Arrow *a)
{
  return a->ink == INK_ERROR && a->arrived && !a->hidden && a->marked;
}

static double
failure_mark_size (const Render *r)
{
  return 3.0 * MAX (1.0, r->lw * 0.75);
}

/* The disc of paper a failure's symbol sits on. */
static void
add_failure_disc (Render *r,
                  double  cx,
                  double  cy)
{
  cairo_new_sub_path (r->cr);
  cairo_arc (r->cr, cx, cy, failure_mark_size (r) + 2.5, 0, 2 * G_PI);
}

static void
fill_failure_discs (Render *r)
{
  set_color (r->cr, &r->style->background, 1.0);
  cairo_fill (r->cr);
}

static void
stroke_failure_symbol (Render *r)
{
  cairo_set_line_width (r->cr, 1.75 * r->lw);
  cairo_set_line_cap (r->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (r->cr, CAIRO_LINE_JOIN_ROUND);
  set_color (r->cr, &r->style->error, 1.0);
  cairo_stroke (r->cr);
  cairo_set_line_cap (r->cr, CAIRO_LINE_CAP_BUTT);
}

/* A cross: the request failed. */
static void
add_failure_cross (Render *r,
                   double  cx,
                   double  cy)
{
  double size = failure_mark_size (r);

  cairo_move_to (r->cr, cx - size, cy - size);
  cairo_line_to (r->cr, cx + size, cy + size);
  cairo_move_to (r->cr, cx + size, cy - size);
  cairo_line_to (r->cr, cx - size, cy + size);
}

/* A clock face: the caller gave up waiting. */
static void
add_failure_clock (Render *r,
                   double  cx,
                   double  cy)
{
  double size = failure_mark_size (r);

  cairo_new_sub_path (r->cr);
  cairo_arc (r->cr, cx, cy, size + 0.5, 0, 2 * G_PI);
  cairo_move_to (r->cr, cx, cy - size * 0.7);
  cairo_line_to (r->cr, cx, cy);
  cairo_line_to (r->cr, cx + size * 0.55, cy);
}

/* A failure's whole mark, disc and symbol, for its sprite. */
static void
draw_failure_cross (Render *r,
                    double  cx,
                    double  cy)
{
  add_failure_disc (r, cx, cy);
  fill_failure_discs (r);
  add_failure_cross (r, cx, cy);
  stroke_failure_symbol (r);
}

static void
draw_failure_clock (Render *r,
                    double  cx,
                    double  cy)
{
  add_failure_disc (r, cx, cy);
  fill_failure_discs (r);
  add_failure_clock (r, cx, cy);
  stroke_failure_symbol (r);
}

typedef enum
{
  FAILURE_STAMPS,    /* each mark whole, from its sprite */
  FAILURE_DISCS,     /* the discs, as a path */
  FAILURE_SYMBOLS,   /* the crosses and clocks, as a path */
} FailurePass;

static void
add_failure_marks (Render       *r,
                   const GArray *arrows,
                   FailurePass   pass)
{
  double size = failure_mark_size (r);

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      double cx, cy;

      if (!has_failure_mark (a))
        continue;
      failure_mark_centre (r, a, size, &cx, &cy);
      if (pass == FAILURE_STAMPS)
        sprite_stamp (r, a->timeout ? &r->cache->clock_sprite : &r->cache->cross_sprite, cx, cy);
      else if (pass == FAILURE_DISCS)
        add_failure_disc (r, cx, cy);
      else if (a->timeout)
        add_failure_clock (r, cx, cy);
      else
        add_failure_cross (r, cx, cy);
    }
}

/* A cross on every failure and a clock on every timeout, each on a disc of paper:
 * stamped whole from kept sprites where the target allows, else drawn, all the discs
 * first so that none covers another's symbol. Stamped marks are far enough apart not to. */
static void
draw_failure_marks (Render       *r,
                    const GArray *arrows)
{
  double size = failure_mark_size (r);
  gboolean any = FALSE;

  for (guint i = 0; i < arrows->len && !any; i++)
    any = has_failure_mark (&g_array_index (arrows, Arrow, i));
  if (!any)
    return;

  if (r->can_cache)
    {
      sprite_prepare (r, &r->cache->cross_sprite, size + 3.5, draw_failure_cross);
      sprite_prepare (r, &r->cache->clock_sprite, size + 3.5, draw_failure_clock);
      add_failure_marks (r, arrows, FAILURE_STAMPS);
      return;
    }

  cairo_new_path (r->cr);
  add_failure_marks (r, arrows, FAILURE_DISCS);
  fill_failure_discs (r);
  add_failure_marks (r, arrows, FAILURE_SYMBOLS);
  stroke_failure_symbol (r);
}

/* Adds the lines of one ink, faded or not, crowded or not; FALSE if there were none. */
static gboolean
add_arrow_lines (const Render *r,
                 const GArray *arrows,
                 int           ink,
                 gboolean      faded,
                 gboolean      coarse)
{
  gboolean any = FALSE;

  cairo_new_path (r->cr);
  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);

      if ((int) a->ink != ink || a->faded != faded || a->hidden || (a->detail == DETAIL_COARSE) != coarse)
        continue;
      add_arrow_line (r, a);
      any = TRUE;
    }

  return any;
}

static void
draw_arrows (Render       *r,
             const GArray *arrows)
{
  cairo_t *cr = r->cr;
  double dashes[2] = { 3 * r->lw, 3 * r->lw };
  double dot = 2.5 * MAX (1.0, r->lw * 0.75);
  double pixel = r->can_snap && r->sx > 0 ? 1.0 / r->sx : 1.0;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (int ink = 0; ink < N_INKS; ink++)
    {
      const InflightColor *color = ink_color (r, ink);

      for (int faded = 0; faded <= 1; faded++)
        {
          gboolean any = FALSE;

          set_color (cr, color, faded ? 0.45 : 1.0);

          /* Crowded arrows: aliased bands and lines one device pixel wide, many times cheaper. */
          cairo_save (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
          if (add_bands (r, ink, faded))
            cairo_fill (cr);
          if (add_arrow_lines (r, arrows, ink, faded, TRUE))
            {
              cairo_set_line_width (cr, pixel);
              cairo_stroke (cr);
            }
          cairo_restore (cr);

          if (add_arrow_lines (r, arrows, ink, faded, FALSE))
            {
              if (faded)
                cairo_set_dash (cr, dashes, 2, 0);
              cairo_set_line_width (cr, 1.25 * r->lw);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }

          /* Heads on what arrived, dots on what is still on its way. */
          cairo_new_path (cr);
          for (guint i = 0; i < arrows->len; i++)
            {
              const Arrow *a = &g_array_index (arrows, Arrow, i);

              if ((int) a->ink != ink || a->faded != faded || a->hidden || a->detail == DETAIL_COARSE)
                continue;
              if (a->arrived && a->detail == DETAIL_FULL)
                add_arrow_head (r, a);
              else if (a->moving)
                {
                  cairo_new_sub_path (cr);
                  cairo_arc (cr, a->x1, a->y1, dot, 0, 2 * G_PI);
                }
              else
                continue;
              any = TRUE;
            }
          if (any)
            cairo_fill (cr);
        }
    }

  draw_failure_marks (r, arrows);
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

      if (a->request == 0 || a->faded || a->hidden || a->detail != DETAIL_FULL ||
          !pair_ok[a->from_lane * r->n_lanes + a->to_lane])
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

/* A mark's diamond: @rim, the paper around it, or the diamond itself, within it. */
static void
add_mark_diamond (Render   *r,
                  double    x,
                  double    y,
                  gboolean  rim)
{
  double d = rim ? MARK_SIZE + r->lw * G_SQRT2 / 2 : MARK_SIZE - r->lw * G_SQRT2 / 2;

  cairo_move_to (r->cr, x, y - d);
  cairo_line_to (r->cr, x + d, y);
  cairo_line_to (r->cr, x, y + d);
  cairo_line_to (r->cr, x - d, y);
  cairo_close_path (r->cr);
}

static void
draw_mark_diamond (Render *r,
                   double  x,
                   double  y)
{
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (r->cr);
      add_mark_diamond (r, x, y, pass == 0);
      set_color (r->cr, pass == 0 ? &r->style->background : &r->style->foreground, 1.0);
      cairo_fill (r->cr);
    }
}

static void
draw_marks (Render *r)
{
  cairo_t *cr = r->cr;
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
  GArray *visible = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  GArray *laid_out = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < s->n_marks; i++)
    {
      const InflightMark *mark = &s->marks[i];

      if (mark->lane >= r->n_lanes || mark->at < vp->t_start || mark->at > r->drawn_until)
        continue;
      g_array_append_val (visible, i);
    }

  if (visible->len == 0)
    {
      g_array_unref (laid_out);
      g_array_unref (glyphs);
      g_array_unref (visible);
      return;
    }

  /* Each a diamond with a rim of paper, stamped where the target allows. */
  if (r->can_cache)
    {
      sprite_prepare (r, &r->cache->mark_sprite, MARK_SIZE + r->lw + 1, draw_mark_diamond);
      for (guint j = 0; j < visible->len; j++)
        {
          const InflightMark *mark = &s->marks[g_array_index (visible, guint, j)];

          sprite_stamp (r, &r->cache->mark_sprite, r->lane_centre[mark->lane], time_y (r, mark->at));
        }
    }
  else
    for (int pass = 0; pass < 2; pass++)
      {
        cairo_new_path (cr);
        for (guint j = 0; j < visible->len; j++)
          {
            const InflightMark *mark = &s->marks[g_array_index (visible, guint, j)];

            add_mark_diamond (r, r->lane_centre[mark->lane], time_y (r, mark->at), pass == 0);
          }
        set_color (cr, pass == 0 ? &r->style->background : &r->style->foreground, 1.0);
        cairo_fill (cr);
      }

  /* Labels that the atlas can draw go in one batch; others are laid out one by one. */
  for (guint j = 0; j < visible->len; j++)
    {
      const InflightMark *mark = &s->marks[g_array_index (visible, guint, j)];
      double cx = r->lane_centre[mark->lane];
      double y = time_y (r, mark->at);
      double x = cx + r->lane_reach[mark->lane] + 4;
      /* Up to the next lifeline: a mark's few words are worth reading whole. */
      double room = MIN (cx + r->lane_width - 12, r->right) - x;
      double w, h = r->atlas.height;
      gboolean as_glyphs;

      if (mark->label == NULL || mark->label[0] == '\0' || room < 16)
        continue;

      /* Below the instant, clear of the head of an arrow arriving at that very moment;
       * above it at the very bottom. */
      if (y + HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75) + 1.5 + h > r->bottom + 2)
        y = round (y - HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75) - 1.5 - h);
      else
        y = round (y + HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75) + 1.5);
      x = round (x);
      w = atlas_measure (r, mark->label);
      as_glyphs = w >= 0 && w <= room;

      /* Whether there is room at all, before paying for a layout. */
      if (r->have_atlas && !cells_free (r, x - LABEL_PAD, y - LABEL_PAD, x + 16 + LABEL_PAD, y + h + LABEL_PAD))
        continue;

      if (!as_glyphs)
        {
          layout_text (r, r->font_small, mark->label, room, PANGO_ALIGN_LEFT, FALSE);
          layout_size (r, &w, &h);
        }

      if (!cells_claim (r, x - LABEL_PAD, y - LABEL_PAD, x + w + LABEL_PAD, y + h + LABEL_PAD))
        continue;

      /* Batched: square halos on whole pixels fill many times faster than rounded ones. */
      if (as_glyphs)
        {
          cairo_rectangle (cr, x - 2, y - 1, ceil (w) + 4, ceil (h) + 2);
          atlas_append (r, glyphs, mark->label, x, y);
          continue;
        }

      /* Laid out one by one once the batch is drawn: the batch is a path under way. */
      {
        double spot[4] = { g_array_index (visible, guint, j), x, y, room };

        g_array_append_vals (laid_out, spot, 4);
      }
    }

  set_color (cr, &r->style->background, 0.88);
  cairo_fill (cr);
  atlas_show (r, glyphs, &r->style->dim);

  for (guint j = 0; j + 3 < laid_out->len; j += 4)
    {
      const double *spot = &g_array_index (laid_out, double, j);
      double w, h;

      layout_text (r, r->font_small, s->marks[(guint) spot[0]].label, spot[3], PANGO_ALIGN_LEFT, FALSE);
      layout_size (r, &w, &h);
      cairo_new_path (cr);
      rounded_rect (cr, spot[1] - LABEL_PAD, spot[2] - LABEL_PAD, w + 2 * LABEL_PAD, h + 2 * LABEL_PAD, 3);
      set_color (cr, &r->style->background, 0.88);
      cairo_fill (cr);
      set_color (cr, &r->style->dim, 1.0);
      cairo_move_to (cr, spot[1], spot[2]);
      pango_cairo_show_layout (cr, r->layout);
    }

  g_array_unref (laid_out);
  g_array_unref (glyphs);
  g_array_unref (visible);
}

/* Queue depth */

/* The queue's length over time, as an area growing right of its lifeline, one step
 * per pixel row at most: derived from the trace, so it costs the rows, not the messages. */
static void
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

      x0 = snap_edge (r, r->lane_centre[lane] + r->lane_reach[lane] + 2, FALSE);
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
              cairo_line_to (cr, snap_edge (r, x0 + MAX (depth, 0) * unit, FALSE), r->top + row);
              cairo_line_to (cr, snap_edge (r, x0 + MAX (next, 0) * unit, FALSE), r->top + row);
            }
          depth = next;
        }
      cairo_line_to (cr, snap_edge (r, x0 + MAX (depth, 0) * unit, FALSE), r->top + last + 1);
      cairo_line_to (cr, x0, r->top + last + 1);
      cairo_close_path (cr);
      set_color (cr, &r->style->request, r->style->high_contrast ? 0.45 : 0.22);
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
          set_color (cr, &r->style->request, 0.8);
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

static void
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

      x = round (MIN (label->x, edge - w - 2));
      y = round (time_y (r, r->playhead) - h - 2);
      if (!cells_claim (r, x - LABEL_PAD, y - LABEL_PAD, x + w + LABEL_PAD, y + h + LABEL_PAD))
        continue;

      cairo_new_path (cr);
      rounded_rect (cr, x - LABEL_PAD, y - LABEL_PAD, w + 2 * LABEL_PAD, h + 2 * LABEL_PAD, 3);
      set_color (cr, &r->style->background, 0.88);
      cairo_fill (cr);
      if (as_glyphs)
        {
          g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

          atlas_append (r, glyphs, text, x, y);
          atlas_show (r, glyphs, &r->style->request);
        }
      else
        {
          set_color (cr, &r->style->request, 1.0);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, r->layout);
        }
    }
}

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
  y = round (CLAMP (y - h / 2 - 1, 1, r->bottom + 4));

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

/* Layers kept from frame to frame */

#define LAYER_MAX_PIXELS (16 * 1024 * 1024)

/* Whether layers can be kept for @cr: an image, drawn on without rotation or scaling and moved
 * by whole device pixels, so that a layer copied back lands on the very pixels it would have
 * been drawn on; and an opaque background, so that copying is the same as drawing over. */
static gboolean
can_cache (const Render *r)
{
  cairo_surface_t *target = cairo_get_target (r->cr);
  cairo_matrix_t m;
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_get_group_target (r->cr) != target ||
      r->style->background.alpha < 1.0 || !r->can_snap)
    return FALSE;

  cairo_get_matrix (r->cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 ||
      r->ox != round (r->ox) || r->oy != round (r->oy) ||
      r->viewport->width * r->viewport->height * sx * sy > LAYER_MAX_PIXELS)
    return FALSE;

  return TRUE;
}

G_STATIC_ASSERT (G_STRUCT_OFFSET (InflightDiagramStyle, playhead) -
                 G_STRUCT_OFFSET (InflightDiagramStyle, background) == 11 * sizeof (InflightColor));

/* A layer's key: the bytes of what it is drawn from, starting with what every layer
 * depends on (the fonts and device, the style, the scale, the width); callers add the rest.
 * Built from the fields as they are, so that a frame pays a few copies, not formatting. */
static GByteArray *
layer_key_new (const Render *r)
{
  const InflightDiagramStyle *style = r->style;
  GByteArray *key = g_byte_array_new ();

  g_byte_array_append (key, (const guint8 *) r->font_key, strlen (r->font_key) + 1);
  /* The colours, background to playhead, lie one after another in the struct. */
  g_byte_array_append (key, (const guint8 *) &style->background,
                       G_STRUCT_OFFSET (InflightDiagramStyle, playhead) + sizeof (InflightColor) -
                       G_STRUCT_OFFSET (InflightDiagramStyle, background));
  g_byte_array_append (key, (const guint8 *) &style->line_width, sizeof style->line_width);
  g_byte_array_append (key, (const guint8 *) &style->high_contrast, sizeof style->high_contrast);
  g_byte_array_append (key, (const guint8 *) &r->sx, sizeof r->sx);
  g_byte_array_append (key, (const guint8 *) &r->sy, sizeof r->sy);
  g_byte_array_append (key, (const guint8 *) &r->viewport->width, sizeof r->viewport->width);

  return key;
}

static void
key_append_string (GByteArray *key,
                   const char *text)
{
  if (text == NULL)
    text = "";
  g_byte_array_append (key, (const guint8 *) text, strlen (text) + 1);
}

static gboolean
keys_equal (const GByteArray *a,
            const GByteArray *b)
{
  return a != NULL && b != NULL && a->len == b->len && memcmp (a->data, b->data, a->len) == 0;
}

/* Copies @layer onto the rectangle (@x, @y, @w, @h), in user units on whole device pixels;
 * if its @key (taken) has changed, draws it first: the background over the rectangle, then @draw. */
static void
layer_paint (Render     *r,
             Layer      *layer,
             GByteArray *key,
             double      x,
             double      y,
             double      w,
             double      h,
             void      (*draw) (Render *r))
{
  cairo_t *cr = r->cr;

  if (layer->surface != NULL && keys_equal (layer->key, key))
    g_byte_array_unref (key);
  else
    {
      cairo_surface_t *target = cairo_get_target (cr);
      Render copy = *r;
      double sx, sy;
      int px, py, pw, ph;

      layer_clear (layer);
      cairo_surface_get_device_scale (target, &sx, &sy);
      px = (int) round (x * sx);
      py = (int) round (y * sy);
      pw = MAX (1, (int) round ((x + w) * sx) - px);
      ph = MAX (1, (int) round ((y + h) * sy) - py);

      layer->surface = cairo_surface_create_similar_image (target, CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_set_device_scale (layer->surface, sx, sy);
      cairo_surface_set_device_offset (layer->surface, -px, -py);
      layer->key = key;

      copy.cr = cairo_create (layer->surface);
      snap_init (&copy);
      cairo_set_antialias (copy.cr, cairo_get_antialias (cr));
      cairo_rectangle (copy.cr, x, y, w, h);
      set_color (copy.cr, &r->style->background, 1.0);
      cairo_fill (copy.cr);
      draw (&copy);
      cairo_destroy (copy.cr);
    }

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, layer->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Where the legend's layer begins, and whether there is one. */
static double
footer_top (const Render *r)
{
  return ceil (r->bottom + FOOTER_CLIP_BELOW);
}

static gboolean
has_footer (const Render *r)
{
  return r->snapshot != NULL && r->n_lanes > 0;
}

/* The background, and the lane headers in the strip above the time area: only the strip is
 * kept, as copying a whole frame costs more than filling it. */
static void
draw_backdrop (Render    *r,
               TextCache *cache)
{
  const InflightViewport *vp = r->viewport;
  GByteArray *key;
  double strip, footer;

  if (!r->can_cache)
    {
      cairo_rectangle (r->cr, 0, 0, vp->width, vp->height);
      set_color (r->cr, &r->style->background, 1.0);
      cairo_fill (r->cr);
      draw_headers (r);
      return;
    }

  /* Not under the kept layers, which are copied over what is there. */
  strip = floor (r->top);
  footer = has_footer (r) ? MIN (footer_top (r), vp->height) : vp->height;
  cairo_rectangle (r->cr, 0, strip, vp->width, footer - strip);
  cairo_rectangle (r->cr, 0, footer, r->left, vp->height - footer);
  set_color (r->cr, &r->style->background, 1.0);
  cairo_fill (r->cr);

  key = layer_key_new (r);
  g_byte_array_append (key, (const guint8 *) &r->n_lanes, sizeof r->n_lanes);
  for (guint i = 0; r->snapshot != NULL && i < r->n_lanes; i++)
    key_append_string (key, r->snapshot->lanes[i].label);

  layer_paint (r, &cache->backdrop, key, 0, 0, vp->width, floor (r->top), draw_headers);
}

/* The legend, in the footer: under the time area's clip, left of nothing but the axis. */
static void
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
  TextCache *cache;
  cairo_matrix_t matrix;
  cairo_font_options_t *options;
  g_autofree char *key = NULL;
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
  r.bottom = MAX (r.top + 1, viewport->height - INFLIGHT_DIAGRAM_FOOTER_HEIGHT);
  r.left = INFLIGHT_DIAGRAM_AXIS_WIDTH;
  r.right = MAX (r.left + 1, viewport->width - INFLIGHT_DIAGRAM_MARGIN);
  r.n_lanes = snapshot != NULL ? snapshot->n_lanes : 0;
  r.lane_width = inflight_diagram_lane_width (viewport, r.n_lanes);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  snap_init (&r);

  cache = g_private_get (&text_cache);
  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->context = pango_cairo_create_context (cr);
      pango_cairo_context_set_resolution (cache->context, 96);
      cache->layout = pango_layout_new (cache->context);
      g_private_set (&text_cache, cache);
    }
  else
    {
      pango_cairo_update_context (cr, cache->context);
      pango_layout_context_changed (cache->layout);
    }
  r.layout = cache->layout;
  r.font = make_font (style, 1.0, PANGO_WEIGHT_NORMAL);
  r.font_small = make_font (style, 0.9, PANGO_WEIGHT_NORMAL);
  r.font_bold = make_font (style, 1.0, PANGO_WEIGHT_SEMIBOLD);
  r.tabular = pango_attr_list_new ();
  pango_attr_list_insert (r.tabular, pango_attr_font_features_new ("tnum=1,kern=0"));

  /* The atlas holds for one font on one kind of device at one scale. */
  cairo_get_matrix (cr, &matrix);
  options = cairo_font_options_create ();
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  key = g_strdup_printf ("%s %g %g %g %g %g %lu %d",
                         style->font_family != NULL ? style->font_family : "",
                         style->font_size, matrix.xx, matrix.yx, matrix.xy, matrix.yy,
                         cairo_font_options_hash (options),
                         (int) cairo_surface_get_type (cairo_get_target (cr)));
  cairo_font_options_destroy (options);
  if (g_strcmp0 (key, cache->key) != 0)
    {
      if (cache->atlas.font != NULL)
        cairo_scaled_font_destroy (cache->atlas.font);
      cache->have_atlas = atlas_init (&r);
      cache->atlas = r.atlas;
      g_free (cache->key);
      cache->key = g_steal_pointer (&key);
    }
  r.atlas = cache->atlas;
  r.have_atlas = cache->have_atlas;

  r.cells_w = (int) ceil (viewport->width / LABEL_CELL) + 1;
  r.cells_h = (int) ceil (viewport->height / LABEL_CELL) + 1;
  r.cells = g_malloc0 ((gsize) r.cells_w * r.cells_h);
  if (snapshot != NULL)
    {
      /* Kept with the snapshot, so made once however many frames show it. */
      r.index = inflight_diagram_index_get (snapshot);
      if (r.index == NULL)
        r.index = r.own_index = inflight_diagram_index_new (snapshot);
      r.max_slot = r.index->max_slot;
    }
  r.queue_labels = g_array_new (FALSE, FALSE, sizeof (QueueLabel));
  r.lane_centre = g_new0 (double, MAX (r.n_lanes, 1));
  r.lane_reach = g_new0 (double, MAX (r.n_lanes, 1));
  for (guint i = 0; i < r.n_lanes; i++)
    {
      r.lane_centre[i] = inflight_diagram_lane_x (viewport, r.n_lanes, i);
      r.lane_reach[i] = lane_edge (&r, i);
    }

  /* Background and headers. */
  r.can_cache = can_cache (&r);
  r.font_key = cache->key;
  r.cache = cache;
  draw_backdrop (&r, cache);

  px_per_us = (r.bottom - r.top) / (double) MAX ((gint64) 1, viewport->t_end - viewport->t_start);
  r.y_per_us = px_per_us;
  step = nice_step (px_per_us, TICK_MIN_SPACING);
  draw_grid (&r, step);
  draw_lifelines (&r);

  /* What happened: clipped to the time area and to what has happened by the playhead. */
  cairo_save (cr);
  cairo_rectangle (cr, r.left, r.top, viewport->width - r.left, r.bottom + FOOTER_CLIP_BELOW - r.top);
  cairo_clip (cr);
  /* Thin lines look the same with 4×4 samples, at half the cost. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  if (snapshot != NULL && r.n_lanes > 0 && r.drawn_until >= viewport->t_start)
    {
      GArray *boxes = collect_spans (&r);
      GArray *arrows = collect_arrows (&r);

      draw_queue_depth (&r);
      draw_spans (&r, boxes);
      draw_arrows (&r, arrows);
      draw_queue_labels (&r);
      draw_marks (&r);
      draw_arrow_labels (&r, arrows);

      g_array_unref (boxes);
      g_array_unref (arrows);
    }
  if (playhead_visible (&r))
    draw_playhead_line (&r);
  cairo_restore (cr);

  draw_axis_labels (&r, step);
  if (has_footer (&r))
    draw_footer (&r, cache);
  if (playhead_visible (&r))
    draw_playhead_pill (&r, step);

  inflight_diagram_index_free (r.own_index);
  g_array_unref (r.queue_labels);
  g_free (r.lane_centre);
  g_free (r.lane_reach);
  g_free (r.group_detail);
  if (r.bands != NULL)
    {
      for (guint i = 0; i < r.bands->len; i++)
        g_free (g_array_index (r.bands, Band, i).rows);
      g_array_unref (r.bands);
      g_hash_table_unref (r.band_index);
    }
  g_free (r.cells);
  pango_attr_list_unref (r.tabular);
  pango_font_description_free (r.font);
  pango_font_description_free (r.font_small);
  pango_font_description_free (r.font_bold);
  cairo_restore (cr);
}

/**
 * inflight_diagram_time_to_y:
 *
 * Returns: where @t is drawn: t_start at the top of the time area,
 * t_end at its bottom, height - %INFLIGHT_DIAGRAM_FOOTER_HEIGHT.
 */
double
inflight_diagram_time_to_y (const InflightViewport *viewport,
                            gint64                  t)
{
  double top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  double bottom;
  gint64 span;

  g_return_val_if_fail (viewport != NULL, 0);

  bottom = MAX (top + 1, viewport->height - INFLIGHT_DIAGRAM_FOOTER_HEIGHT);
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

  bottom = MAX (top + 1, viewport->height - INFLIGHT_DIAGRAM_FOOTER_HEIGHT);
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
 * Shows the whole run from time 0, with 5% room below its end: a run of 2 ms
 * gets an axis of 2 ms and a run of 0.1 ms one of 0.1 ms, though never less
 * than %FIT_MIN_RUN_US; with no run yet, %FIT_NO_RUN_US.
 */
void
inflight_viewport_fit (InflightViewport            *viewport,
                       const InflightTraceSnapshot *snapshot,
                       double                       width,
                       double                       height)
{
  gint64 end = FIT_NO_RUN_US;

  g_return_if_fail (viewport != NULL);

  if (snapshot != NULL && snapshot->started)
    end = MAX (inflight_trace_snapshot_end_time (snapshot), FIT_MIN_RUN_US);

  viewport->width = width;
  viewport->height = height;
  viewport->t_start = 0;
  viewport->t_end = end + end / 20;
}

/**
 * inflight_diagram_format_tick:
 * @out: (out caller-allocates): where the label goes
 * @step: how far apart the ticks are, in µs
 *
 * Writes the time axis's label for a tick at @t: in µs below a millisecond,
 * in ms below a second, else in seconds, as in "250 µs", "1.5 ms" or "2 s".
 */
void
inflight_diagram_format_tick (char   *out,
                              gsize   len,
                              gint64  t,
                              gint64  step)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (step > 0);

  format_time (out, len, t, power_of_ten_in (step), TRUE);
}
