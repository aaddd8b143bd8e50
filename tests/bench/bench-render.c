/* bench-render.c
 * How long one frame of the diagram takes at 1280×800 while following the playhead, as traces grow.
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
#define FRAMES    41
#define WARM_UP   3

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

/* The median time of a frame, with the playhead swept down the run.
 * @window: 0 to show the whole run, as the view does while it follows a run;
 *   else a window of that many µs that scrolls with the playhead, as when zoomed in. */
static double
median_frame_ms (const InflightTraceSnapshot *snapshot,
                 gint64                       window)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  InflightDiagramStyle style = { 0 };
  gint64 end = inflight_trace_snapshot_end_time (snapshot);
  double times[FRAMES];

  inflight_diagram_style_init_light (&style);

  for (int i = -WARM_UP; i < FRAMES; i++)
    {
      gint64 playhead = end * (MAX (i, 0) + 1) / FRAMES;
      InflightViewport viewport;
      gint64 t0;

      inflight_viewport_fit (&viewport, snapshot, WIDTH, HEIGHT);
      if (window > 0)
        {
          viewport.t_end = MAX (window, playhead + window / 10);
          viewport.t_start = viewport.t_end - window;
        }

      t0 = g_get_monotonic_time ();
      inflight_diagram_render (cr, snapshot, playhead, &viewport, &style);
      cairo_surface_flush (surface);
      if (i >= 0)
        times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  qsort (times, FRAMES, sizeof times[0], compare_doubles);
  inflight_diagram_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return times[FRAMES / 2];
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 100, 1000, 10000 };
  double whole[G_N_ELEMENTS (sizes)];

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(InflightTraceSnapshot) snapshot = make_trace (sizes[i]);

      whole[i] = median_frame_ms (snapshot, 0);
      printf ("render-ms-%u %.3f\n", sizes[i], whole[i]);
      printf ("render-window-ms-%u %.3f\n", sizes[i], median_frame_ms (snapshot, 2 * G_USEC_PER_SEC));
      fflush (stdout);
    }

  printf ("render-growth %.3f\n", whole[2] / whole[0]);

  return 0;
}
