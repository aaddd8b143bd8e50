/* inflight-diagram-layout.c
 * Decides, once for a snapshot and a viewport, where what needs a place of its own goes: which
 * arrows drawn on one line are moved apart, and (in the files named below) the labels, the lane
 * headers and the legend. Frames then only read it. Changes when what is worked out once does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "inflight-diagram-private.h"

#define NUDGE_NEAR   3.0    /* px: arrows whose ends are closer than this would be drawn as one */
#define NUDGE_STEP   4.0    /* px between arrows moved apart */
#define NUDGE_LEVELS 4
#define PLANS_KEPT   4

static void
plan_free (InflightDiagramLayout *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->snapshot, inflight_trace_snapshot_unref);
  g_clear_pointer (&plan->grouped, inflight_trace_snapshot_unref);
  g_free (plan->font_key);
  g_array_unref (plan->labels);
  g_array_unref (plan->boxes);
  g_array_unref (plan->obstacles);
  g_hash_table_unref (plan->by_message);
  g_hash_table_unref (plan->nudges);
  g_ptr_array_unref (plan->headers);
  g_ptr_array_unref (plan->full_names);
  g_array_unref (plan->legend);
  for (guint i = 0; i < plan->curves->len; i++)
    g_free (g_array_index (plan->curves, AggregateCurve, i).value);
  g_array_unref (plan->curves);
  g_free (plan);
}

gboolean
boxes_meet (const InflightLabelBox *a,
            const InflightLabelBox *b,
            double                  gap)
{
  return a->x < b->x + b->width + gap && b->x < a->x + a->width + gap &&
         a->y < b->y + b->height + gap && b->y < a->y + a->height + gap;
}

/* The arrows of one pair of lanes, and those of another, that leave and arrive at the same
 * moments run along one line where their spans overlap: two workers' replies to the caller at
 * one instant look like one long arrow. Each is moved down a few pixels from the one it would
 * hide, so that both can be seen, and their labels told apart. */
static void
plan_nudges (InflightDiagramLayout *plan,
             GArray                *arrows)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *level = g_new0 (int, MAX (arrows->len, 1));

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);

      if (a->detail == DETAIL_FULL && a->arrived && !a->hidden && !a->self)
        g_array_append_val (order, i);
    }

  /* The trace is in the order messages were sent, so y0 grows along @order but for ties. */
  for (guint k = 0; k < order->len; k++)
    {
      Arrow *a = &g_array_index (arrows, Arrow, g_array_index (order, guint, k));
      guint used = 0;
      int l = 0;

      for (guint j = k; j-- > 0;)
        {
          const Arrow *b = &g_array_index (arrows, Arrow, g_array_index (order, guint, j));
          double a_lo = MIN (a->x0, a->x1), a_hi = MAX (a->x0, a->x1);
          double b_lo = MIN (b->x0, b->x1), b_hi = MAX (b->x0, b->x1);

          if (a->y0 - b->y0 > NUDGE_NEAR + NUDGE_STEP * NUDGE_LEVELS)
            break;
          if ((a->from_lane == b->from_lane && a->to_lane == b->to_lane) ||
              MIN (a_hi, b_hi) - MAX (a_lo, b_lo) < 2)
            continue;
          if (fabs (a->y0 - b->y0) < NUDGE_NEAR && fabs (a->y1 - b->y1) < NUDGE_NEAR)
            used |= 1u << level[g_array_index (order, guint, j)];
        }

      while (l < NUDGE_LEVELS - 1 && (used & (1u << l)) != 0)
        l++;
      level[g_array_index (order, guint, k)] = l;
      if (l > 0)
        {
          g_hash_table_insert (plan->nudges, GUINT_TO_POINTER (a->message), GINT_TO_POINTER (l));
          a->y0 += l * NUDGE_STEP;
          a->y1 += l * NUDGE_STEP;
        }
    }
}

static InflightDiagramLayout *
plan_build (const Render *frame)
{
  InflightDiagramLayout *plan = g_new0 (InflightDiagramLayout, 1);
  const InflightTraceSnapshot *s = frame->snapshot;
  Render r = *frame;

  plan->snapshot = s != NULL ? inflight_trace_snapshot_ref ((InflightTraceSnapshot *) s) : NULL;
  plan->viewport = *frame->viewport;
  plan->font_key = g_strdup (frame->font_key);
  plan->lw = frame->lw;
  plan->labels = g_array_new (FALSE, FALSE, sizeof (PlacedLabel));
  plan->boxes = g_array_new (FALSE, FALSE, sizeof (InflightLabelBox));
  plan->obstacles = g_array_new (FALSE, FALSE, sizeof (InflightLabelBox));
  plan->by_message = g_hash_table_new (NULL, NULL);
  plan->nudges = g_hash_table_new (NULL, NULL);
  plan->headers = g_ptr_array_new_with_free_func (g_free);
  plan->full_names = g_ptr_array_new_with_free_func (g_free);
  plan->legend = g_array_new (FALSE, FALSE, sizeof (InflightLegendEntry));
  plan->curves = g_array_new (FALSE, FALSE, sizeof (AggregateCurve));

  /* Too many lanes: the frame draws a copy with fewer, from a plan of its own. The copy
   * depends on the width only: while zooming, it is made once. */
  for (GList *l = frame->cache != NULL ? frame->cache->plans.head : NULL; l != NULL; l = l->next)
    {
      const InflightDiagramLayout *other = l->data;

      if (other->grouped != NULL && other->snapshot == s && other->viewport.width == frame->viewport->width)
        {
          plan->grouped = inflight_trace_snapshot_ref (other->grouped);
          return plan;
        }
    }
  plan->grouped = plan_groups (&r);
  if (plan->grouped != NULL)
    return plan;

  r.aggregate = plan->aggregate = plan_aggregate (&r);
  place_headers (&r, plan);
  if (s != NULL && r.n_lanes > 0)
    place_legend (&r, plan);

  /* The whole snapshot, as the last of its frames shows it. */
  r.plan = NULL;
  r.bands = NULL;
  r.band_index = NULL;
  r.group_detail = NULL;
  if (s != NULL && r.n_lanes > 0)
    {
      r.playhead = MAX (inflight_trace_snapshot_end_time (s), frame->playhead);
      r.drawn_until = MIN (r.playhead, r.viewport->t_end);
      if (plan->aggregate)
        plan_aggregate_curves (&r, plan);
      else if (r.drawn_until >= r.viewport->t_start)
        {
          g_autoptr(GArray) arrows = collect_arrows (&r);

          plan_nudges (plan, arrows);
          place_labels (&r, plan, arrows);
          render_clear_bands (&r);
        }
    }

  for (guint i = 0; i < plan->labels->len; i++)
    g_array_append_val (plan->boxes, g_array_index (plan->labels, PlacedLabel, i).box);

  return plan;
}

static gboolean
plan_fits (const InflightDiagramLayout *plan,
           const Render                *r)
{
  const InflightViewport *a = &plan->viewport;
  const InflightViewport *b = r->viewport;

  return plan->snapshot == r->snapshot &&
         a->width == b->width && a->height == b->height &&
         a->t_start == b->t_start && a->t_end == b->t_end &&
         plan->lw == r->lw && g_strcmp0 (plan->font_key, r->font_key) == 0;
}

/* The placement for this frame: one made for the same snapshot and viewport, if one of the
 * last few was (a view shows two runs side by side, a benchmark both the whole run and a part
 * of it), else a new one. A snapshot is never changed, and a plan holds a reference to it, so
 * that the same address is the same trace. */
const InflightDiagramLayout *
plan_for_frame (Render *r)
{
  GQueue *plans = &r->cache->plans;
  InflightDiagramLayout *plan = NULL;

  for (GList *l = plans->head; l != NULL; l = l->next)
    if (plan_fits (l->data, r))
      {
        plan = l->data;
        g_queue_unlink (plans, l);
        g_list_free (l);
        break;
      }

  if (plan == NULL)
    plan = plan_build (r);
  g_queue_push_head (plans, plan);
  while (plans->length > PLANS_KEPT)
    plan_free (g_queue_pop_tail (plans));

  return plan;
}

double
plan_nudge (const InflightDiagramLayout *plan,
            guint                        message)
{
  if (plan == NULL || g_hash_table_size (plan->nudges) == 0)
    return 0;

  return GPOINTER_TO_INT (g_hash_table_lookup (plan->nudges, GUINT_TO_POINTER (message))) * NUDGE_STEP;
}

void
plan_clear (GQueue *plans)
{
  g_queue_clear_full (plans, (GDestroyNotify) plan_free);
}

/* Public API */

/**
 * inflight_diagram_layout_new:
 * @snapshot: (nullable): the trace
 *
 * Works out where inflight_diagram_render() would put labels, headers and the legend for
 * @snapshot in @viewport, the whole run drawn, as when it has been played to its end.
 *
 * Returns: (transfer full): the placement
 */
InflightDiagramLayout *
inflight_diagram_layout_new (const InflightTraceSnapshot *snapshot,
                             const InflightViewport      *viewport,
                             const InflightDiagramStyle  *style)
{
  cairo_surface_t *surface;
  InflightDiagramLayout *plan;
  cairo_t *cr;
  Render r;

  g_return_val_if_fail (viewport != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  if (render_begin (&r, cr, snapshot, snapshot != NULL ? inflight_trace_snapshot_end_time (snapshot) : 0,
                    viewport, style))
    {
      plan = plan_build (&r);
      render_end (&r);

      /* Lanes grouped: the placement of what is drawn. */
      if (plan->grouped != NULL)
        {
          g_autoptr(InflightTraceSnapshot) grouped = inflight_trace_snapshot_ref (plan->grouped);

          plan_free (plan);
          render_begin (&r, cr, grouped, inflight_trace_snapshot_end_time (grouped), viewport, style);
          plan = plan_build (&r);
          render_end (&r);
        }
    }
  else
    {
      Render none = { 0 };

      none.viewport = viewport;
      none.style = style;
      plan = plan_build (&none);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return plan;
}

void
inflight_diagram_layout_free (InflightDiagramLayout *self)
{
  plan_free (self);
}

/**
 * inflight_diagram_layout_get_labels:
 *
 * Returns: (array length=n_labels): the boxes of the labels drawn, each covering its text
 * and the halo around it; no two meet, and none meets an obstacle
 */
const InflightLabelBox *
inflight_diagram_layout_get_labels (const InflightDiagramLayout *self,
                                    guint                       *n_labels)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_labels != NULL, NULL);

  *n_labels = self->boxes->len;
  return (const InflightLabelBox *) (void *) self->boxes->data;
}

/**
 * inflight_diagram_layout_get_obstacles:
 *
 * Returns: (array length=n_obstacles): what labels were kept clear of: arrow heads,
 * failure marks, bars and mark diamonds
 */
const InflightLabelBox *
inflight_diagram_layout_get_obstacles (const InflightDiagramLayout *self,
                                       guint                       *n_obstacles)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_obstacles != NULL, NULL);

  *n_obstacles = self->obstacles->len;
  return (const InflightLabelBox *) (void *) self->obstacles->data;
}

/**
 * inflight_diagram_layout_get_nudge:
 *
 * Returns: how far down, in px, the arrow of @message is drawn from its place in time,
 * to keep it from lying on another
 */
double
inflight_diagram_layout_get_nudge (const InflightDiagramLayout *self,
                                   guint                        message)
{
  g_return_val_if_fail (self != NULL, 0);

  return plan_nudge (self, message);
}

guint
inflight_diagram_layout_get_n_columns (const InflightDiagramLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->headers->len;
}

/**
 * inflight_diagram_layout_get_header:
 *
 * Returns: what the header of @column says: its lane's name, or a short form of it
 */
const char *
inflight_diagram_layout_get_header (const InflightDiagramLayout *self,
                                    guint                        column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->headers->len, NULL);

  return g_ptr_array_index (self->headers, column);
}

/**
 * inflight_diagram_layout_get_full_name:
 *
 * Returns: the whole name of @column, for its tooltip and its accessible text
 */
const char *
inflight_diagram_layout_get_full_name (const InflightDiagramLayout *self,
                                       guint                        column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->full_names->len, NULL);

  return g_ptr_array_index (self->full_names, column);
}

/**
 * inflight_diagram_layout_get_legend:
 *
 * Returns: (array length=n_entries): the legend's entries, where they are drawn
 */
const InflightLegendEntry *
inflight_diagram_layout_get_legend (const InflightDiagramLayout *self,
                                    guint                       *n_entries)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  *n_entries = self->legend->len;
  return (const InflightLegendEntry *) (void *) self->legend->data;
}

/**
 * inflight_diagram_layout_get_aggregate:
 *
 * Returns: whether the messages and spans are too many to tell apart at this scale,
 * so that the diagram shows how many are in flight, waiting or done instead
 */
gboolean
inflight_diagram_layout_get_aggregate (const InflightDiagramLayout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->aggregate;
}
