/* bench-render.c
 * How long one frame of the diagram takes at 1280×800 while following the playhead, as traces grow.
 * render-ms-N: the whole run in view, as while a run is followed live (the hardest case: all of
 * it is visible); render-window-ms-N: zoomed to a 2 s window that scrolls with the playhead.
 * A frame's time is the processor time the drawing thread spent on it: on a shared machine,
 * time the thread spends waiting for a processor is not the frame's cost (render-wall-ms-N
 * gives the clock's time too, for comparison). Each frame is drawn REPEATS times and its
 * quickest time kept, as other processes can only add to it. The figure is the median frame.
 * The first frame of a trace indexes it once for all the others (see inflight-diagram-index.c):
 * render-index-ms-N is how long that takes, timed apart. render-growth compares the largest
 * trace with the smallest.
 * render-export-ms-100000: drawing once, from nothing kept, the whole of a queue run of 100,000
 * requests and 64 workers at the size `inflight --render` writes it, as the command line does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "inflight-diagram.h"
#include "inflight-diagram-export.h"
#include "inflight-diagram-index.h"
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

/* A queue run as `inflight --render queue --requests 100000 --workers 64 --latency 10` makes:
 * the caller puts every request in the queue at once, 64 workers take them in turn, each
 * holding one for 10 ms, and reply. */
static InflightTraceSnapshot *
make_wide_trace (guint n_requests,
                 guint n_workers)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autofree gint64 *free_at = g_new0 (gint64, n_workers);
  g_autofree guint *lanes = g_new0 (guint, n_workers);
  guint caller, queue;
  gint64 end = 0;

  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller thread");
  queue = inflight_trace_add_lane (trace, INFLIGHT_LANE_QUEUE, "Queue");
  for (guint w = 0; w < n_workers; w++)
    {
      g_autofree char *label = g_strdup_printf ("Worker %u", w + 1);

      lanes[w] = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, label);
    }

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WORKING, 0, n_requests);
  for (guint i = 1; i <= n_requests; i++)
    {
      gint64 sent = i, start;
      guint w = i % n_workers;

      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_ENQUEUE, caller, queue, sent, sent);
      start = MAX (sent, free_at[w]);
      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_DEQUEUE, queue, lanes[w], start, start);
      inflight_trace_append_span (trace, lanes[w], 0, INFLIGHT_SPAN_WAITING, start, start + 10 * MS);
      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_REPLY, lanes[w], caller,
                                     start + 10 * MS, start + 10 * MS + 20);
      free_at[w] = start + 10 * MS;
      end = MAX (end, free_at[w] + 20);
    }
  inflight_trace_set_duration (trace, end + MS);

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

/* The processor time this thread has used, in µs. */
static gint64
thread_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    g_error ("clock_gettime: %s", g_strerror (errno));

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Draws one frame, the playhead at @fraction of the run, and lowers @cpu_ms and @wall_ms
 * to its times if they are less.
 * @window: 0 to show the whole run, as the view does while it follows a run;
 *   else a window of that many µs that scrolls with the playhead, as when zoomed in. */
static void
frame (cairo_t                     *cr,
       const InflightTraceSnapshot *snapshot,
       const InflightDiagramStyle  *style,
       double                       fraction,
       gint64                       window,
       double                      *cpu_ms,
       double                      *wall_ms)
{
  gint64 end = inflight_trace_snapshot_end_time (snapshot);
  gint64 playhead = (gint64) (end * fraction);
  InflightViewport viewport;
  gint64 t0, c0;

  inflight_viewport_fit (&viewport, snapshot, WIDTH, HEIGHT);
  if (window > 0)
    {
      viewport.t_end = MAX (window, playhead + window / 10);
      viewport.t_start = viewport.t_end - window;
    }

  t0 = g_get_monotonic_time ();
  c0 = thread_time ();
  inflight_diagram_render (cr, snapshot, playhead, &viewport, style);
  cairo_surface_flush (cairo_get_target (cr));
  *cpu_ms = MIN (*cpu_ms, (thread_time () - c0) / 1000.0);
  *wall_ms = MIN (*wall_ms, (g_get_monotonic_time () - t0) / 1000.0);
}

static double
median (double *values)
{
  qsort (values, FRAMES, sizeof (double), compare_doubles);

  return values[FRAMES / 2];
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 100, 1000, 10000, 100000 };
  InflightTraceSnapshot *snapshots[G_N_ELEMENTS (sizes)];
  double whole[G_N_ELEMENTS (sizes)][FRAMES];
  double whole_wall[G_N_ELEMENTS (sizes)][FRAMES];
  double window[G_N_ELEMENTS (sizes)][FRAMES];
  double index_ms[G_N_ELEMENTS (sizes)];
  double medians[G_N_ELEMENTS (sizes)];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  InflightDiagramStyle style = { 0 };

  inflight_diagram_style_init_light (&style);
  /* The first frame of a snapshot indexes it, once and for all its frames: timed apart. */
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gint64 c0;

      snapshots[s] = make_trace (sizes[s]);
      c0 = thread_time ();
      inflight_diagram_index_free (inflight_diagram_index_new (snapshots[s]));
      index_ms[s] = (thread_time () - c0) / 1000.0;
    }

  /* The sizes take turns, frame by frame, so that a busy moment of a shared
   * machine weighs on each of them alike. */
  for (int i = -WARM_UP; i < FRAMES; i++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        double fraction = (double) (MAX (i, 0) + 1) / FRAMES;
        double w = G_MAXDOUBLE, w_wall = G_MAXDOUBLE, z = G_MAXDOUBLE, z_wall = G_MAXDOUBLE;

        for (int k = 0; k < REPEATS; k++)
          {
            frame (cr, snapshots[s], &style, fraction, 0, &w, &w_wall);
            frame (cr, snapshots[s], &style, fraction, 2 * G_USEC_PER_SEC, &z, &z_wall);
          }

        if (i >= 0)
          {
            whole[s][i] = w;
            whole_wall[s][i] = w_wall;
            window[s][i] = z;
          }
      }

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      medians[s] = median (whole[s]);
      printf ("render-ms-%u %.3f\n", sizes[s], medians[s]);
      printf ("render-wall-ms-%u %.3f\n", sizes[s], median (whole_wall[s]));
      printf ("render-window-ms-%u %.3f\n", sizes[s], median (window[s]));
      printf ("render-index-ms-%u %.3f\n", sizes[s], index_ms[s]);
      inflight_trace_snapshot_unref (snapshots[s]);
    }
  printf ("render-growth %.3f\n", medians[G_N_ELEMENTS (sizes) - 1] / medians[0]);

  /* The command line's drawing: once, at its size, nothing kept from before. */
  {
    g_autoptr(InflightTraceSnapshot) wide = make_wide_trace (100000, 64);
    InflightViewport viewport;
    cairo_surface_t *image;
    cairo_t *icr;
    gint64 c0;

    inflight_export_whole_run (wide, &viewport);
    image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) viewport.width, (int) viewport.height);
    icr = cairo_create (image);
    c0 = thread_time ();
    inflight_diagram_render (icr, wide, inflight_trace_snapshot_end_time (wide), &viewport, &style);
    cairo_surface_flush (image);
    printf ("render-export-ms-100000 %.3f\n", (thread_time () - c0) / 1000.0);
    printf ("render-export-height-100000 %.0f\n", viewport.height);
    cairo_destroy (icr);
    cairo_surface_destroy (image);
  }

  inflight_diagram_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}
