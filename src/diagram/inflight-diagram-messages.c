/* inflight-diagram-messages.c
 * Draws messages as arrows between lanes, merging crowded ones into bands.
 * Changes when the look of messages, or how crowding is handled, does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

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
  double d = r->grid.can_snap ? v * (vertical ? r->grid.sy : r->grid.sx) + (vertical ? r->grid.oy : r->grid.ox) : v;

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
  return (gint64) floor (r->grid.can_snap ? y * r->grid.sy + r->grid.oy : y);
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

GArray *
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
  row_per_us = r->y_per_us * (r->grid.can_snap ? r->grid.sy : 1);
  row_at = (r->top - vp->t_start * r->y_per_us) * (r->grid.can_snap ? r->grid.sy : 1) +
           (r->grid.can_snap ? r->grid.oy : 0) - first_row;

  /* How many device pixels wide arrows between two lanes are. */
  for (guint from = 0; from < r->n_lanes; from++)
    for (guint to = 0; to < r->n_lanes; to++)
      run[from * r->n_lanes + to] = fabs (message_x (r, to, r->lane_centre[from]) -
                                          message_x (r, from, r->lane_centre[to])) *
                                    (r->grid.can_snap ? r->grid.sx : 1);

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
      a.message = g_array_index (indices, guint, j);
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

      /* Moved off another arrow that would hide it: see plan_nudges(). */
      if (a.detail == DETAIL_FULL && !a.self)
        {
          double nudge = plan_nudge (r->plan, a.message);

          a.y0 += nudge;
          a.y1 += nudge;
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
  double sy = r->grid.can_snap ? r->grid.sy : 1, oy = r->grid.can_snap ? r->grid.oy : 0;

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

void
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

double
head_length (const Render *r)
{
  return HEAD_LENGTH * MAX (1.0, r->lw * 0.75);
}

void
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

void
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

void
draw_arrows (Render       *r,
             const GArray *arrows)
{
  cairo_t *cr = r->cr;
  double dashes[2] = { 3 * r->lw, 3 * r->lw };
  double dot = 2.5 * MAX (1.0, r->lw * 0.75);
  double pixel = r->grid.can_snap && r->grid.sx > 0 ? 1.0 / r->grid.sx : 1.0;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (int ink = 0; ink < N_INKS; ink++)
    {
      const InflightColor *color = ink_color (r, ink);

      for (int faded = 0; faded <= 1; faded++)
        {
          gboolean any = FALSE;

          inflight_paint_set_color (cr, color, faded ? 0.45 : 1.0);

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
