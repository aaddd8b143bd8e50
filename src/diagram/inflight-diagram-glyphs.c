/* inflight-diagram-glyphs.c
 * Text on the diagram: the shared layout, the glyph atlas for numbers and times, time formats.
 * Changes when the way short texts are measured or shown does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Text */

/* Readies the one shared layout for @text; @width < 0 means no limit. */
void
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

void
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

gboolean
atlas_init (Render *r)
{
  return atlas_fill (r, ATLAS_TEXT) || atlas_fill (r, ATLAS_TEXT_SHORT);
}

/* Returns the width of @text in atlas glyphs, or -1 if some character is not there. */
double
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
gboolean
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
void
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

void
atlas_show (Render              *r,
            GArray              *glyphs,
            const InflightColor *color)
{
  if (glyphs->len == 0)
    return;

  cairo_set_scaled_font (r->cr, r->atlas.font);
  inflight_paint_set_color (r->cr, color, 1.0);
  cairo_show_glyphs (r->cr, (cairo_glyph_t *) (void *) glyphs->data, (int) glyphs->len);
  g_array_set_size (glyphs, 0);
}

/* Formats @t in the unit of its size (µs below a millisecond, ms below a second, else s), with
 * as many decimals as @quantum (a power of ten, in µs) needs; 0 in the unit of @quantum. */
void
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
