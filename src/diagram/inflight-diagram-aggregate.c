/* inflight-diagram-aggregate.c
 * Draws a run whose messages are too many to tell apart at this scale: rather than arrows, per
 * lane and per pixel row, how many requests a caller has in flight, how many wait in a queue,
 * and how many replies arrive; the bars of the lanes stay. Decides when that is the case.
 * Changes when the look of a crowded run, or the point where a run counts as crowded, does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <math.h>

#include "inflight-diagram-private.h"

/* Arrows crowd beyond telling apart once there are more messages than this per pixel row
 * of the time area: an arrow from a far lane crosses every lane between, so that, whatever
 * the number of lanes, a row holds little more than one arrow that can be followed. Between
 * three lanes or fewer, crowded arrows merge into one band per pair (see choose_detail()),
 * which still reads as a flow, up to PER_ROW_FEW_LANES. */
#define PER_ROW           4
#define PER_ROW_FEW_LANES 32
#define STRIP_WIDTH       4.0    /* px: the strip where replies arrive, left of a caller's lifeline */
#define STRIP_LEVELS      4

static gboolean
is_caller (const InflightTraceSnapshot *s,
           guint                        lane)
{
  InflightLaneRole role = s->lanes[lane].role;

  return role == INFLIGHT_LANE_CALLER || role == INFLIGHT_LANE_UI_THREAD || role == INFLIGHT_LANE_EVENT_LOOP;
}

/* Whether the messages in view are too many to draw one by one: counted once per placement,
 * stopping as soon as there are. */
gboolean
plan_aggregate (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  InflightIndexRange range;
  double rows = MAX (1.0, r->bottom - r->top);
  guint64 limit = (guint64) (rows * (r->n_lanes <= 3 ? PER_ROW_FEW_LANES : PER_ROW));
  guint64 n = 0;
  guint i;

  if (s == NULL || r->n_lanes == 0)
    return FALSE;

  inflight_diagram_index_messages (r->index, s, r->viewport->t_start, r->viewport->t_end, &range);
  while (inflight_index_range_next (&range, &i))
    {
      const InflightMessage *m = &s->messages[i];

      if (m->sent_at <= r->viewport->t_end &&
          (m->arrived_at == INFLIGHT_TIME_NONE || m->arrived_at >= r->viewport->t_start) &&
          ++n > limit)
        return TRUE;
    }

  return FALSE;
}

static int
row_of (const Render *r,
        gint64        t,
        int           rows)
{
  return CLAMP ((int) floor (time_y (r, t) - r->top), 0, rows - 1);
}

/* Adds a curve to @plan from the changes per row in @delta, which it takes. */
static void
add_curve (InflightDiagramLayout *plan,
           guint                  lane,
           AggregateLook          look,
           int                    base,
           int                   *delta,
           int                    rows)
{
  AggregateCurve curve = { lane, look, delta, 0 };
  int value = base;

  /* In place: each row's value after its changes, never below nothing. */
  for (int row = 0; row < rows; row++)
    {
      value += delta[row];
      delta[row] = MAX (value, 0);
      curve.most = MAX (curve.most, delta[row]);
    }
  if (curve.most > 0)
    g_array_append_val (plan->curves, curve);
  else
    g_free (delta);
}

/* Works out, once for the viewport, the whole run's curves row by row. */
void
plan_aggregate_curves (Render                *r,
                       InflightDiagramLayout *plan)
{
  const InflightTraceSnapshot *s = r->snapshot;
  int rows = (int) ceil (r->bottom - r->top) + 1;
  g_autofree int **in_flight = g_new0 (int *, r->n_lanes);
  g_autofree int **arrivals = g_new0 (int *, r->n_lanes);
  InflightIndexRange range;
  guint i;

  plan->rows = rows;

  /* Requests a caller sent and has not heard back about: one up when it sends a request,
   * one down when a reply, a failure or its own timeout reaches it. */
  inflight_diagram_index_messages (r->index, s, r->viewport->t_start, r->viewport->t_end, &range);
  while (inflight_index_range_next (&range, &i))
    {
      const InflightMessage *m = &s->messages[i];
      gboolean arrived = m->arrived_at != INFLIGHT_TIME_NONE;

      if (m->from_lane >= r->n_lanes || m->to_lane >= r->n_lanes || m->sent_at < 0)
        continue;

      if (is_caller (s, m->from_lane) && m->from_lane != m->to_lane &&
          (m->kind == INFLIGHT_MESSAGE_REQUEST || m->kind == INFLIGHT_MESSAGE_ENQUEUE))
        {
          if (in_flight[m->from_lane] == NULL)
            in_flight[m->from_lane] = g_new0 (int, rows);
          if (m->sent_at >= r->viewport->t_start)
            in_flight[m->from_lane][row_of (r, m->sent_at, rows)]++;
        }

      if (!arrived || m->arrived_at < r->viewport->t_start || m->arrived_at > r->viewport->t_end)
        continue;
      if (is_caller (s, m->to_lane) && m->from_lane != m->to_lane &&
          (m->kind == INFLIGHT_MESSAGE_REPLY || m->kind == INFLIGHT_MESSAGE_ERROR ||
           m->kind == INFLIGHT_MESSAGE_CALLBACK || m->kind == INFLIGHT_MESSAGE_TIMEOUT))
        {
          if (in_flight[m->to_lane] == NULL)
            in_flight[m->to_lane] = g_new0 (int, rows);
          if (arrivals[m->to_lane] == NULL)
            arrivals[m->to_lane] = g_new0 (int, rows);
          in_flight[m->to_lane][row_of (r, m->arrived_at, rows)]--;
          arrivals[m->to_lane][row_of (r, m->arrived_at, rows)]++;
        }
    }

  for (guint lane = 0; lane < r->n_lanes; lane++)
    {
      if (in_flight[lane] != NULL)
        add_curve (plan, lane, AGGREGATE_IN_FLIGHT, 0, in_flight[lane], rows);
      if (arrivals[lane] != NULL)
        {
          AggregateCurve curve = { lane, AGGREGATE_ARRIVALS, arrivals[lane], 0 };

          for (int row = 0; row < rows; row++)
            curve.most = MAX (curve.most, arrivals[lane][row]);
          g_array_append_val (plan->curves, curve);
        }
    }

  /* A queue's length, from its track. */
  for (guint q = 0; q < r->index->n_queues; q++)
    {
      const InflightQueueTrack *track = &r->index->queues[q];
      guint first = inflight_queue_track_find (track, r->viewport->t_start, FALSE);
      guint end = inflight_queue_track_find (track, r->viewport->t_end, TRUE);
      int *delta;

      if (track->lane >= r->n_lanes || end == 0)
        continue;
      delta = g_new0 (int, rows);
      for (guint e = first; e < end; e++)
        delta[row_of (r, track->events[e].at, rows)] += track->events[e].delta;
      add_curve (plan, track->lane, AGGREGATE_QUEUE, track->depth[MIN (first, end)], delta, rows);
    }
}

/* A curve as an area right of its lane's lifeline, as wide as the lane allows at its most,
 * down to the playhead's row: the whole run's scale, so that it does not change as it plays. */
static void
draw_curve (Render               *r,
            const AggregateCurve *curve,
            int                   last)
{
  cairo_t *cr = r->cr;
  guint lane = curve->lane;
  double x0 = inflight_pixel_grid_edge (&r->grid, r->lane_centre[lane] + r->lane_reach[lane] + 1, FALSE);
  double room = r->lane_centre[lane] + r->lane_width / 2 - 1 - x0;
  double unit = room / MAX (curve->most, 1);
  const InflightColor *color = curve->look == AGGREGATE_QUEUE ? &r->style->request : &r->style->working;
  int value = 0;

  if (room <= 0)
    return;

  cairo_new_path (cr);
  cairo_move_to (cr, x0, r->top);
  for (int row = 0; row <= last; row++)
    {
      int next = curve->value[row];

      if (row == 0 || next != value)
        {
          cairo_line_to (cr, inflight_pixel_grid_edge (&r->grid, x0 + value * unit, FALSE), r->top + row);
          cairo_line_to (cr, inflight_pixel_grid_edge (&r->grid, x0 + next * unit, FALSE), r->top + row);
        }
      value = next;
    }
  cairo_line_to (cr, inflight_pixel_grid_edge (&r->grid, x0 + value * unit, FALSE), r->top + last + 1);
  cairo_line_to (cr, x0, r->top + last + 1);
  cairo_close_path (cr);
  inflight_paint_set_color (cr, color, r->style->high_contrast ? 0.6 : 0.45);
  cairo_fill (cr);
}

/* How many replies reach a caller in each row, as a strip left of its lifeline, darker where
 * more arrive: a few levels, each one fill. */
static void
draw_arrivals (Render               *r,
               const AggregateCurve *curve,
               int                   last)
{
  cairo_t *cr = r->cr;
  guint lane = curve->lane;
  double x1 = inflight_pixel_grid_edge (&r->grid, r->lane_centre[lane] - r->lane_reach[lane] - 1, FALSE);
  double x0 = inflight_pixel_grid_edge (&r->grid, x1 - STRIP_WIDTH, FALSE);

  for (int level = 1; level <= STRIP_LEVELS; level++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (int row = 0; row <= last; row++)
        {
          int start = row;

          if ((int) ceil ((double) curve->value[row] * STRIP_LEVELS / MAX (curve->most, 1)) != level)
            continue;
          while (row + 1 <= last &&
                 (int) ceil ((double) curve->value[row + 1] * STRIP_LEVELS / MAX (curve->most, 1)) == level)
            row++;
          cairo_rectangle (cr, x0, r->top + start, x1 - x0, row + 1 - start);
          any = TRUE;
        }
      if (any)
        {
          inflight_paint_set_color (cr, &r->style->reply, (double) level / STRIP_LEVELS);
          cairo_fill (cr);
        }
    }
}

/* The crowded run, up to the playhead, under the lanes' bars. */
void
draw_aggregate (Render *r)
{
  const GArray *curves = r->plan->curves;
  int last = (int) floor (MIN (time_y (r, r->drawn_until), r->bottom) - r->top);

  last = MIN (last, (int) r->plan->rows - 1);
  if (last < 0)
    return;

  for (guint i = 0; i < curves->len; i++)
    {
      const AggregateCurve *curve = &g_array_index (curves, AggregateCurve, i);

      if (curve->look == AGGREGATE_ARRIVALS)
        draw_arrivals (r, curve, last);
      else
        draw_curve (r, curve, last);
    }
}
