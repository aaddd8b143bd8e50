/* inflight-diagram-labels.c
 * Places the words drawn over the diagram (request numbers on arrows, the notes of marks) so
 * that none meets another, a bar, an arrow's head or a mark; a label with no room is left out
 * (the event list, the tooltip and the accessible text still say it). Then draws them, frame
 * by frame, once the playhead has reached them. Changes when label placement does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "inflight-diagram-private.h"

#define GRID_ROW   24.0   /* px: what is taken is found by rows this tall */
#define LABEL_GAP  1.0    /* px kept free between a label and anything else */
#define MARK_ROOM_MIN 16.0   /* px: a note's words need at least this much room… */
#define MARK_CUT_MIN  64.0   /* …and this much if they are cut short, to say something still */

/* Everything placed or to keep clear of, found by the rows it covers. */
typedef struct
{
  GArray    *boxes;     /* of InflightLabelBox */
  GArray   **rows;      /* per row: indices into boxes */
  int        n_rows;
  double     top;
} Taken;

static void
taken_init (Taken  *t,
            double  top,
            double  bottom)
{
  t->boxes = g_array_new (FALSE, FALSE, sizeof (InflightLabelBox));
  t->top = top - GRID_ROW;
  t->n_rows = (int) ceil ((bottom - t->top) / GRID_ROW) + 2;
  t->rows = g_new0 (GArray *, t->n_rows);
}

static void
taken_clear (Taken *t)
{
  for (int i = 0; i < t->n_rows; i++)
    if (t->rows[i] != NULL)
      g_array_unref (t->rows[i]);
  g_free (t->rows);
  g_array_unref (t->boxes);
}

static void
taken_span (const Taken            *t,
            const InflightLabelBox *box,
            int                    *first,
            int                    *last)
{
  *first = CLAMP ((int) floor ((box->y - LABEL_GAP - t->top) / GRID_ROW), 0, t->n_rows - 1);
  *last = CLAMP ((int) floor ((box->y + box->height + LABEL_GAP - t->top) / GRID_ROW), 0, t->n_rows - 1);
}

static void
taken_add (Taken                  *t,
           const InflightLabelBox *box)
{
  guint index = t->boxes->len;
  int first, last;

  g_array_append_val (t->boxes, *box);
  taken_span (t, box, &first, &last);
  for (int row = first; row <= last; row++)
    {
      if (t->rows[row] == NULL)
        t->rows[row] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (t->rows[row], index);
    }
}

static gboolean
taken_hits (const Taken            *t,
            const InflightLabelBox *box)
{
  int first, last;

  taken_span (t, box, &first, &last);
  for (int row = first; row <= last; row++)
    {
      if (t->rows[row] == NULL)
        continue;
      for (guint i = 0; i < t->rows[row]->len; i++)
        {
          const InflightLabelBox *other = &g_array_index (t->boxes, InflightLabelBox,
                                                          g_array_index (t->rows[row], guint, i));

          if (boxes_meet (box, other, LABEL_GAP))
            return TRUE;
        }
    }

  return FALSE;
}

static void
add_obstacle (InflightDiagramLayout *plan,
              Taken                 *taken,
              double                 x0,
              double                 y0,
              double                 x1,
              double                 y1)
{
  InflightLabelBox box = { INFLIGHT_LABEL_OBSTACLE, 0, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };

  g_array_append_val (plan->obstacles, box);
  taken_add (taken, &box);
}

/* Whether the segment from (x0, y0) to (x1, y1) passes through @box: clipped to it, as in
 * Liang and Barsky's method, something is left. */
static gboolean
segment_crosses (double                  x0,
                 double                  y0,
                 double                  x1,
                 double                  y1,
                 const InflightLabelBox *box)
{
  double p[4] = { -(x1 - x0), x1 - x0, -(y1 - y0), y1 - y0 };
  double q[4] = { x0 - box->x, box->x + box->width - x0, y0 - box->y, box->y + box->height - y0 };
  double t0 = 0, t1 = 1;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }

  return TRUE;
}

static gboolean
crosses_lines (const GArray           *arrows,
               const InflightLabelBox *box)
{
  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);

      if (a->detail == DETAIL_FULL && !a->hidden && !a->self &&
          segment_crosses (a->x0, a->y0, a->x1, a->y1, box))
        return TRUE;
    }

  return FALSE;
}

/* What labels keep clear of: bars, the heads of arrows and the marks of failures, as the
 * last frame of the snapshot draws them, and the diamonds of marks. */
static void
collect_obstacles (Render                *r,
                   InflightDiagramLayout *plan,
                   Taken                 *taken,
                   const GArray          *arrows)
{
  const InflightTraceSnapshot *s = r->snapshot;
  g_autoptr(GArray) boxes = collect_spans (r);
  double len = head_length (r);
  double half = HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75);
  double disc = failure_mark_size (r) + 2.5;

  for (guint i = 0; i < boxes->len; i++)
    {
      const SpanBox *b = &g_array_index (boxes, SpanBox, i);

      add_obstacle (plan, taken, b->x0, b->y0, b->x1, b->y1);
    }

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      double ux, uy, cx, cy;

      if (a->hidden || a->detail != DETAIL_FULL || !a->arrived)
        continue;

      arrow_direction (a, &ux, &uy);
      {
        double bx = a->x1 - ux * len, by = a->y1 - uy * len;
        double xs[3] = { a->x1, bx - uy * half, bx + uy * half };
        double ys[3] = { a->y1, by + ux * half, by - ux * half };

        add_obstacle (plan, taken,
                      MIN (xs[0], MIN (xs[1], xs[2])), MIN (ys[0], MIN (ys[1], ys[2])),
                      MAX (xs[0], MAX (xs[1], xs[2])), MAX (ys[0], MAX (ys[1], ys[2])));
      }

      if (has_failure_mark (a))
        {
          failure_mark_centre (r, a, failure_mark_size (r), &cx, &cy);
          add_obstacle (plan, taken, cx - disc, cy - disc, cx + disc, cy + disc);
        }
    }

  for (guint i = 0; i < s->n_marks; i++)
    {
      const InflightMark *mark = &s->marks[i];
      double d = MARK_SIZE + r->lw;
      double y;

      if (mark->lane >= r->n_lanes || mark->at < r->viewport->t_start || mark->at > r->drawn_until)
        continue;
      y = time_y (r, mark->at);
      add_obstacle (plan, taken, r->lane_centre[mark->lane] - d, y - d, r->lane_centre[mark->lane] + d, y + d);
    }
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

/* Room for a request's number on its arrow, best a third of the way from the sender, so that
 * requests and replies between two lanes do not meet in the middle; FALSE if there is none. */
static gboolean
place_on_arrow (Render      *r,
                Taken       *taken,
                const Arrow *a,
                double       w,
                double       h,
                PlacedLabel *label)
{
  static const double along[] = { 0.3, 0.2, 0.4, 0.5, 0.6, 0.75 };
  double full = a->x_to - a->x0;

  if (a->self)
    {
      double lx = round (a->loop_x + 4);
      double ly = round ((a->y0 + a->y1 - h) / 2);
      InflightLabelBox box = { INFLIGHT_LABEL_MESSAGE, a->message, lx - 2, ly, ceil (w) + 4, ceil (h) };

      if (ly < r->top || box.x + box.width > r->right + INFLIGHT_DIAGRAM_MARGIN || taken_hits (taken, &box))
        return FALSE;
      label->box = box;
      label->text_x = lx;
      label->text_y = ly;
      return TRUE;
    }

  if (fabs (full) < w + 2 * HEAD_LENGTH + 16)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (along); i++)
    {
      double cx = a->x0 + full * along[i];
      double cy, lx, ly;
      InflightLabelBox box;

      /* Clear of the sender's end and of the head. */
      if (fabs (cx - a->x0) < w / 2 + 4 || fabs (a->x_to - cx) < w / 2 + HEAD_LENGTH + 4)
        continue;

      cy = a->y0 + (a->y1 - a->y0) * (cx - a->x0) / full;
      lx = round (cx - w / 2);
      ly = round (cy - h / 2);
      box = (InflightLabelBox) { INFLIGHT_LABEL_MESSAGE, a->message, lx - 2, ly, ceil (w) + 4, ceil (h) };
      if (ly < r->top || ly + h > r->bottom + FOOTER_CLIP_BELOW || taken_hits (taken, &box))
        continue;

      label->box = box;
      label->text_x = lx;
      label->text_y = ly;
      return TRUE;
    }

  return FALSE;
}

/* Room for a mark's words beside it, right of its lane's bars up to the bars of the next lane,
 * below its instant or above it; a place that crosses no arrow if there is one. */
static gboolean
place_mark (Render       *r,
            Taken        *taken,
            const GArray *arrows,
            guint         index,
            PlacedLabel  *label)
{
  const InflightMark *mark = &r->snapshot->marks[index];
  guint lane = mark->lane;
  double cx = r->lane_centre[lane];
  double at = time_y (r, mark->at);
  double half = HEAD_HALF_WIDTH * MAX (1.0, r->lw * 0.75);
  double x = round (cx + r->lane_reach[lane] + 4);
  double limit = lane + 1 < r->n_lanes ? r->lane_centre[lane + 1] - r->lane_reach[lane + 1] - 4 : r->right;
  double room = limit - x;
  double w, h;
  gboolean as_glyphs;

  if (room < MARK_ROOM_MIN)
    return FALSE;

  w = atlas_measure (r, mark->label);
  as_glyphs = w >= 0 && w <= room;
  if (as_glyphs)
    h = r->atlas.height;
  else
    {
      layout_text (r, r->font_small, mark->label, room, PANGO_ALIGN_LEFT, FALSE);
      layout_size (r, &w, &h);
      if (room < MARK_CUT_MIN && pango_layout_is_ellipsized (r->layout))
        return FALSE;
    }

  for (int pass = 0; pass < 2; pass++)
    for (int above = 0; above < 2; above++)
      {
        double y = above ? round (at - half - 1.5 - h) : round (at + half + 1.5);
        InflightLabelBox box = { INFLIGHT_LABEL_MARK, index, x - 2, y - 1.5, ceil (w) + 4, ceil (h) + 3 };

        if (box.y < r->top || box.y + box.height > r->bottom + FOOTER_CLIP_BELOW || taken_hits (taken, &box))
          continue;
        /* First look for a place that no arrow crosses; then the halo will do. */
        if (pass == 0 && crosses_lines (arrows, &box))
          continue;

        label->box = box;
        label->text_x = x;
        label->text_y = y;
        label->room = room;
        label->as_glyphs = as_glyphs;
        label->shown_at = mark->at;
        return TRUE;
      }

  return FALSE;
}

/* Places every label that has room, marks first: they say what no arrow can. @arrows are those
 * of the snapshot's last frame, with their nudges. */
void
place_labels (Render                *r,
              InflightDiagramLayout *plan,
              GArray                *arrows)
{
  const InflightTraceSnapshot *s = r->snapshot;
  g_autofree gboolean *pair_ok = NULL;
  Taken taken;
  double h = r->atlas.height;

  if (!r->have_atlas)
    {
      double w;

      layout_text (r, r->font_small, "#0", -1, PANGO_ALIGN_LEFT, TRUE);
      layout_size (r, &w, &h);
    }

  taken_init (&taken, r->top, r->bottom + FOOTER_CLIP_BELOW);
  collect_obstacles (r, plan, &taken, arrows);

  for (guint i = 0; i < s->n_marks; i++)
    {
      const InflightMark *mark = &s->marks[i];
      PlacedLabel label = { { 0 } };

      if (mark->lane >= r->n_lanes || mark->at < r->viewport->t_start || mark->at > r->drawn_until ||
          mark->label == NULL || mark->label[0] == '\0')
        continue;
      if (!place_mark (r, &taken, arrows, i, &label))
        continue;
      taken_add (&taken, &label.box);
      g_array_append_val (plan->labels, label);
    }

  pair_ok = r->n_lanes <= 64 ? label_pairs (r, arrows, h) : NULL;
  for (guint i = 0; pair_ok != NULL && i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      PlacedLabel label = { { 0 } };
      char text[16];
      double w;

      if (a->request == 0 || a->faded || a->hidden || a->detail != DETAIL_FULL || !a->arrived ||
          !pair_ok[a->from_lane * r->n_lanes + a->to_lane])
        continue;

      g_snprintf (text, sizeof text, "#%u", a->request);
      label.as_glyphs = measure_small (r, text, &w, &h);
      if (!place_on_arrow (r, &taken, a, w, h, &label))
        continue;
      label.ink = a->ink;
      label.shown_at = s->messages[a->message].arrived_at;
      taken_add (&taken, &label.box);
      g_array_append_val (plan->labels, label);
      g_hash_table_insert (plan->by_message, GUINT_TO_POINTER (a->message), GUINT_TO_POINTER (plan->labels->len));
    }

  taken_clear (&taken);
}

static const char *
label_text (const Render      *r,
            const PlacedLabel *label,
            char              *buffer,
            gsize              size)
{
  if (label->box.kind == INFLIGHT_LABEL_MARK)
    return r->snapshot->marks[label->box.index].label;

  g_snprintf (buffer, size, "#%u", r->snapshot->messages[label->box.index].request);
  return buffer;
}

/* Draws the labels the playhead has reached, over an opaque halo each: the request numbers of
 * the arrows drawn whole in this frame (@arrows), and the notes of marks. */
void
draw_labels (Render       *r,
             const GArray *arrows)
{
  cairo_t *cr = r->cr;
  const GArray *placed = r->plan->labels;
  GArray *glyphs[N_INKS + 1];
  g_autoptr(GArray) one_by_one = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));

  if (placed->len == 0)
    return;

  for (guint i = 0; i < arrows->len; i++)
    {
      const Arrow *a = &g_array_index (arrows, Arrow, i);
      guint index;

      if (a->hidden || a->detail != DETAIL_FULL || !a->arrived)
        continue;
      index = GPOINTER_TO_UINT (g_hash_table_lookup (r->plan->by_message, GUINT_TO_POINTER (a->message)));
      if (index > 0)
        {
          index--;
          g_array_append_val (shown, index);
        }
    }
  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedLabel *label = &g_array_index (placed, PlacedLabel, i);

      if (label->box.kind == INFLIGHT_LABEL_MARK && label->shown_at <= r->drawn_until)
        g_array_append_val (shown, i);
    }

  for (int ink = 0; ink <= N_INKS; ink++)
    glyphs[ink] = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));

  /* Halos first, then every label of one colour in one call; words that the atlas cannot
   * draw are laid out one by one. Marks' notes are drawn dim, under the ink N_INKS. */
  cairo_new_path (cr);
  for (guint j = 0; j < shown->len; j++)
    {
      const PlacedLabel *label = &g_array_index (placed, PlacedLabel, g_array_index (shown, guint, j));
      char buffer[16];

      cairo_rectangle (cr, label->box.x, label->box.y, label->box.width, label->box.height);
      if (label->as_glyphs)
        atlas_append (r, glyphs[label->box.kind == INFLIGHT_LABEL_MARK ? N_INKS : (int) label->ink],
                      label_text (r, label, buffer, sizeof buffer), label->text_x, label->text_y);
      else
        g_array_append_val (one_by_one, g_array_index (shown, guint, j));
    }
  inflight_paint_set_color (cr, &r->style->background, 1.0);
  cairo_fill (cr);

  for (int ink = 0; ink <= N_INKS; ink++)
    {
      atlas_show (r, glyphs[ink], ink == N_INKS ? &r->style->dim : ink_color (r, ink));
      g_array_unref (glyphs[ink]);
    }

  for (guint j = 0; j < one_by_one->len; j++)
    {
      const PlacedLabel *label = &g_array_index (placed, PlacedLabel, g_array_index (one_by_one, guint, j));
      gboolean mark = label->box.kind == INFLIGHT_LABEL_MARK;
      char buffer[16];

      layout_text (r, r->font_small, label_text (r, label, buffer, sizeof buffer),
                   mark ? label->room : -1, PANGO_ALIGN_LEFT, !mark);
      inflight_paint_set_color (cr, mark ? &r->style->dim : ink_color (r, label->ink), 1.0);
      cairo_move_to (cr, label->text_x, label->text_y);
      pango_cairo_show_layout (cr, r->layout);
    }
}
