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
  plan_clear (&cache->plans);
  g_free (cache);
}

static GPrivate text_cache = G_PRIVATE_INIT (text_cache_free);

/* Readies @r to draw on @cr: the geometry of the viewport, the fonts and the glyph atlas
 * (kept per thread), and the snapshot's index. FALSE if there is no room to draw. */
gboolean
render_begin (Render                      *r,
              cairo_t                     *cr,
              const InflightTraceSnapshot *snapshot,
              gint64                       playhead,
              const InflightViewport      *viewport,
              const InflightDiagramStyle  *style)
{
  TextCache *cache;
  cairo_matrix_t matrix;
  cairo_font_options_t *options;
  g_autofree char *key = NULL;

  memset (r, 0, sizeof *r);
  if (viewport->width <= 0 || viewport->height <= 0)
    return FALSE;

  r->cr = cr;
  r->snapshot = snapshot;
  r->viewport = viewport;
  r->style = style;
  r->playhead = playhead;
  r->drawn_until = MIN (playhead, viewport->t_end);
  r->lw = style->line_width > 0 ? style->line_width : 1.0;
  r->top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  r->bottom = MAX (r->top + 1, viewport->height - inflight_diagram_footer_height (viewport));
  r->left = INFLIGHT_DIAGRAM_AXIS_WIDTH;
  r->right = MAX (r->left + 1, viewport->width - INFLIGHT_DIAGRAM_MARGIN);
  r->n_lanes = snapshot != NULL ? snapshot->n_lanes : 0;
  r->lane_width = inflight_diagram_lane_width (viewport, r->n_lanes);
  r->y_per_us = (r->bottom - r->top) / (double) MAX ((gint64) 1, viewport->t_end - viewport->t_start);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  inflight_pixel_grid_init (&r->grid, r->cr);

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
  r->layout = cache->layout;
  r->font = inflight_paint_font (style, 1.0, PANGO_WEIGHT_NORMAL);
  r->font_small = inflight_paint_font (style, 0.9, PANGO_WEIGHT_NORMAL);
  r->font_bold = inflight_paint_font (style, 1.0, PANGO_WEIGHT_SEMIBOLD);
  r->tabular = pango_attr_list_new ();
  pango_attr_list_insert (r->tabular, pango_attr_font_features_new ("tnum=1,kern=0"));

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
      cache->have_atlas = atlas_init (r);
      cache->atlas = r->atlas;
      g_free (cache->key);
      cache->key = g_steal_pointer (&key);
    }
  r->atlas = cache->atlas;
  r->have_atlas = cache->have_atlas;

  if (snapshot != NULL)
    {
      /* Kept with the snapshot, so made once however many frames show it. */
      r->index = inflight_diagram_index_get (snapshot);
      if (r->index == NULL)
        r->index = r->own_index = inflight_diagram_index_new (snapshot);
      r->max_slot = r->index->max_slot;
    }
  r->queue_labels = g_array_new (FALSE, FALSE, sizeof (QueueLabel));
  r->lane_centre = g_new0 (double, MAX (r->n_lanes, 1));
  r->lane_reach = g_new0 (double, MAX (r->n_lanes, 1));
  for (guint i = 0; i < r->n_lanes; i++)
    {
      r->lane_centre[i] = inflight_diagram_lane_x (viewport, r->n_lanes, i);
      r->lane_reach[i] = lane_edge (r, i);
    }

  r->can_cache = can_cache (r);
  r->font_key = cache->key;
  r->cache = cache;

  return TRUE;
}

/* Frees what the crowded arrows of one frame left in @r. */
void
render_clear_bands (Render *r)
{
  g_clear_pointer (&r->group_detail, g_free);
  if (r->bands != NULL)
    {
      for (guint i = 0; i < r->bands->len; i++)
        g_free (g_array_index (r->bands, Band, i).rows);
      g_clear_pointer (&r->bands, g_array_unref);
      g_clear_pointer (&r->band_index, g_hash_table_unref);
    }
}

void
render_end (Render *r)
{
  inflight_diagram_index_free (r->own_index);
  g_array_unref (r->queue_labels);
  g_free (r->lane_centre);
  g_free (r->lane_reach);
  render_clear_bands (r);
  pango_attr_list_unref (r->tabular);
  pango_font_description_free (r->font);
  pango_font_description_free (r->font_small);
  pango_font_description_free (r->font_bold);
  cairo_restore (r->cr);
}

/* Draws the frame @r is ready for, its placement made. */
static void
draw_frame (Render *r)
{
  cairo_t *cr = r->cr;
  const InflightViewport *viewport = r->viewport;
  gint64 step;

  r->aggregate = r->plan->aggregate;

  /* Background and headers. */
  draw_backdrop (r, r->cache);

  step = nice_step (r->y_per_us, TICK_MIN_SPACING);
  draw_grid (r, step);
  draw_lifelines (r);

  /* What happened: clipped to the time area and to what has happened by the playhead. */
  cairo_save (cr);
  cairo_rectangle (cr, r->left, r->top, viewport->width - r->left, r->bottom + FOOTER_CLIP_BELOW - r->top);
  cairo_clip (cr);
  /* Thin lines look the same with 4×4 samples, at half the cost. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  if (r->snapshot != NULL && r->n_lanes > 0 && r->drawn_until >= viewport->t_start)
    {
      GArray *boxes = collect_spans (r);

      if (r->aggregate)
        {
          /* Too many messages to tell apart: how many are in flight, waiting, arriving. */
          draw_aggregate (r);
          draw_spans (r, boxes);
          draw_marks (r);
        }
      else
        {
          GArray *arrows = collect_arrows (r);

          draw_queue_depth (r);
          draw_spans (r, boxes);
          draw_arrows (r, arrows);
          draw_marks (r);
          draw_labels (r, arrows);
          draw_queue_labels (r);
          g_array_unref (arrows);
        }

      g_array_unref (boxes);
    }
  if (playhead_visible (r))
    draw_playhead_line (r);
  cairo_restore (cr);

  draw_axis_labels (r, step);
  if (has_footer (r))
    draw_footer (r, r->cache);
  if (playhead_visible (r))
    draw_playhead_pill (r, step);
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
 * Costs depend on what lies in the viewport and before @playhead; where labels go is
 * worked out once for a snapshot and a viewport, and kept for the frames that follow.
 */
void
inflight_diagram_render (cairo_t                     *cr,
                         const InflightTraceSnapshot *snapshot,
                         gint64                       playhead,
                         const InflightViewport      *viewport,
                         const InflightDiagramStyle  *style)
{
  Render r;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (viewport != NULL);
  g_return_if_fail (style != NULL);

  if (!render_begin (&r, cr, snapshot, playhead, viewport, style))
    return;

  r.plan = plan_for_frame (&r);
  if (r.plan->grouped != NULL)
    {
      /* Too many lanes to draw side by side: a copy with some of them grouped is drawn. */
      g_autoptr(InflightTraceSnapshot) grouped = inflight_trace_snapshot_ref (r.plan->grouped);

      render_end (&r);
      render_begin (&r, cr, grouped, playhead, viewport, style);
      r.plan = plan_for_frame (&r);
      draw_frame (&r);
      render_end (&r);
      return;
    }

  draw_frame (&r);
  render_end (&r);
}

/**
 * inflight_diagram_footer_height:
 *
 * Returns: the height of the strip below the time area that holds the legend: one row
 * on a wide diagram, up to three on a narrow one, so that every entry has room
 */
double
inflight_diagram_footer_height (const InflightViewport *viewport)
{
  g_return_val_if_fail (viewport != NULL, INFLIGHT_DIAGRAM_FOOTER_HEIGHT);

  return INFLIGHT_DIAGRAM_FOOTER_HEIGHT + (legend_rows (viewport->width) - 1) * 18.0;
}

/**
 * inflight_diagram_time_to_y:
 *
 * Returns: where @t is drawn: t_start at the top of the time area,
 * t_end at its bottom, height - inflight_diagram_footer_height().
 */
double
inflight_diagram_time_to_y (const InflightViewport *viewport,
                            gint64                  t)
{
  double top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  double bottom;
  gint64 span;

  g_return_val_if_fail (viewport != NULL, 0);

  bottom = MAX (top + 1, viewport->height - inflight_diagram_footer_height (viewport));
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

  bottom = MAX (top + 1, viewport->height - inflight_diagram_footer_height (viewport));
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
