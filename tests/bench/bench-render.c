/* bench-render.c
 * How long one frame of the diagram takes at 1280×800 while following the playhead, as traces grow.
 * render-ms-N: the whole run in view, as while a run is followed live (the hardest case: all of
 * it is visible); render-window-ms-N: zoomed to a 2 s window that scrolls with the playhead.
 * Each frame is drawn REPEATS times and its quickest time kept: on a shared machine another
 * process can only add time to a frame, never take it away. The figure is the median frame.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <stdio.h>

#include "inflight-diagram.h"
#include "inflight-trace.h"

#define MS        ((gint64) 1000)
#define WIDTH     1280
#define HEIGHT    800
#define WORKERS   8
#define FRAMES    61
#define WARM_UP   3
#define REPEATS   3

/* A queue run of @n_messages: the caller enqueues, WORKERS workers dequeue and work,
 * and each reply (one in twenty an error) flies back; jitter makes replies overtake.
 * Requests come in a little faster than the workers serve them, so the queue grows. */
static InflightTraceSnapshot *
make_trace (guint n_messages)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  GRand *rand = g_rand_new_with_seed (7);
  guint n_requests = MAX (1, n_messages / 3);
  gint64 free_at[WORKERS] = { 0 };
  guint caller, queue, service;
  gint64 t = 0;

  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  queue = inflight_trace_add_lane (trace, INFLIGHT_LANE_QUEUE, "Queue");
  service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Workers");

  for (guint i = 1; i <= n_requests; i++)
    {
      gint64 enqueued = t + 2 * MS;
      gint64 work = g_rand_int_range (rand, 60, 140) * MS;
      guint slot = 0;
      gint64 start;
      gboolean failed = g_rand_int_range (rand, 0, 20) == 0;

      inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WORKING, t, t + 3 * MS);
      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_ENQUEUE, caller, queue, t, enqueued);

      for (guint w = 1; w < WORKERS; w++)
        if (free_at[w] < free_at[slot])
          slot = w;
      start = MAX (enqueued, free_at[slot]) + MS;
      free_at[slot] = start + work + 10 * MS;

      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_DEQUEUE, queue, service, start - MS, start);
      inflight_trace_append_span (trace, service, slot, INFLIGHT_SPAN_WORKING, start, start + work);
      inflight_trace_append_message (trace, i, failed ? INFLIGHT_MESSAGE_ERROR : INFLIGHT_MESSAGE_REPLY,
                                     service, caller, start + work,
                                     start + work + g_rand_int_range (rand, 5, 40) * MS);
      if (i % 50 == 0)
        inflight_trace_append_mark (trace, caller, t, "checkpoint");

      t += 11 * MS;
    }

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, t, free_at[0] + 50 * MS);
  for (guint w = 0; w < WORKERS; w++)
    t = MAX (t, free_at[w] + 60 * MS);
  inflight_trace_set_duration (trace, t);
  g_rand_free (rand);

  return inflight_trace_snapshot (trace);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One frame's time in ms: the playhead at @fraction of the run.
 * @window: 0 to show the whole run, as the view does while it follows a run;
 *   else a window of that many µs that scrolls with the playhead, as when zoomed in. */
static double
frame_ms (cairo_t                     *cr,
          const InflightTraceSnapshot *snapshot,
          const InflightDiagramStyle  *style,
          double                       fraction,
          gint64                       window)
{
  gint64 end = inflight_trace_snapshot_end_time (snapshot);
  gint64 playhead = (gint64) (end * fraction);
  InflightViewport viewport;
  gint64 t0;

  inflight_viewport_fit (&viewport, snapshot, WIDTH, HEIGHT);
  if (window > 0)
    {
      viewport.t_end = MAX (window, playhead + window / 10);
      viewport.t_start = viewport.t_end - window;
    }

  t0 = g_get_monotonic_time ();
  inflight_diagram_render (cr, snapshot, playhead, &viewport, style);
  cairo_surface_flush (cairo_get_target (cr));

  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 100, 1000, 10000 };
  InflightTraceSnapshot *snapshots[G_N_ELEMENTS (sizes)];
  double whole[G_N_ELEMENTS (sizes)][FRAMES];
  double window[G_N_ELEMENTS (sizes)][FRAMES];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  InflightDiagramStyle style = { 0 };

  inflight_diagram_style_init_light (&style);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    snapshots[s] = make_trace (sizes[s]);

  /* The sizes take turns, frame by frame, so that a busy moment of a shared
   * machine weighs on each of them alike. */
  for (int i = -WARM_UP; i < FRAMES; i++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        double fraction = (double) (MAX (i, 0) + 1) / FRAMES;
        double w = G_MAXDOUBLE, z = G_MAXDOUBLE;

        for (int k = 0; k < REPEATS; k++)
          {
            w = MIN (w, frame_ms (cr, snapshots[s], &style, fraction, 0));
            z = MIN (z, frame_ms (cr, snapshots[s], &style, fraction, 2 * G_USEC_PER_SEC));
          }

        if (i >= 0)
          {
            whole[s][i] = w;
            window[s][i] = z;
          }
      }

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      qsort (whole[s], FRAMES, sizeof (double), compare_doubles);
      qsort (window[s], FRAMES, sizeof (double), compare_doubles);
      printf ("render-ms-%u %.3f\n", sizes[s], whole[s][FRAMES / 2]);
      printf ("render-window-ms-%u %.3f\n", sizes[s], window[s][FRAMES / 2]);
      inflight_trace_snapshot_unref (snapshots[s]);
    }
  printf ("render-growth %.3f\n", whole[2][FRAMES / 2] / whole[0][FRAMES / 2]);

  inflight_diagram_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}
