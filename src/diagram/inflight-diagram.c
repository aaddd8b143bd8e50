/* inflight-diagram.c
 * Draws a trace snapshot as a sequence diagram: lanes across, time down, to scale.
 * This file runs a frame, calling each part in turn; it changes when the order of drawing does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

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
