/* inflight-diagram-marks.c
 * Draws marks: the diamonds of notes (their words are labels), and the crosses and clocks of failures.
 * Changes when the look of marks does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

/* Where a failure's cross or a timeout's clock goes: on the line, just behind the head. */
void
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

gboolean
has_failure_mark (const Arrow *a)
{
  return a->ink == INK_ERROR && a->arrived && !a->hidden && a->marked;
}

double
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
  inflight_paint_set_color (r->cr, &r->style->background, 1.0);
  cairo_fill (r->cr);
}

static void
stroke_failure_symbol (Render *r)
{
  cairo_set_line_width (r->cr, 1.75 * r->lw);
  cairo_set_line_cap (r->cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (r->cr, CAIRO_LINE_JOIN_ROUND);
  inflight_paint_set_color (r->cr, &r->style->error, 1.0);
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
void
draw_failure_cross (Render *r,
                    double  cx,
                    double  cy)
{
  add_failure_disc (r, cx, cy);
  fill_failure_discs (r);
  add_failure_cross (r, cx, cy);
  stroke_failure_symbol (r);
}

void
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
void
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

void
draw_mark_diamond (Render *r,
                   double  x,
                   double  y)
{
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (r->cr);
      add_mark_diamond (r, x, y, pass == 0);
      inflight_paint_set_color (r->cr, pass == 0 ? &r->style->background : &r->style->foreground, 1.0);
      cairo_fill (r->cr);
    }
}

void
draw_marks (Render *r)
{
  cairo_t *cr = r->cr;
  const InflightTraceSnapshot *s = r->snapshot;
  const InflightViewport *vp = r->viewport;
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
        inflight_paint_set_color (cr, pass == 0 ? &r->style->background : &r->style->foreground, 1.0);
        cairo_fill (cr);
      }

  g_array_unref (visible);
}
