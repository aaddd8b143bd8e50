/* test-render.c
 * Renders hand-made traces onto image surfaces and checks the pixels and the layout maths:
 * hatching, crossing replies, failure marks, outages, palettes, queue depth, legend, crowds.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

#include "inflight-diagram.h"
#include "inflight-diagram-index.h"
#include "inflight-diagram-text.h"
#include "inflight-test-util.h"
#include "inflight-trace.h"

#define MS          ((gint64) 1000)
#define WIDTH       640
#define HEIGHT      480
#define CLOSE       0.16   /* per channel, 0…1: "this colour", allowing for antialiasing */
#define ARROW_GAP   8.0    /* arrows stop half a bar and a pixel short of a one-slot lifeline */

typedef struct
{
  cairo_surface_t *surface;
  InflightViewport viewport;
  guint            n_lanes;
} Picture;

/* Helpers */

static InflightTraceSnapshot *
snapshot_and_unref (InflightTrace *trace)
{
  InflightTraceSnapshot *snapshot = inflight_trace_snapshot (trace);

  g_object_unref (trace);

  return snapshot;
}

/* Two lanes: "Caller" waits 0–400 ms while "Service" works 100–300 ms;
 * request #1 flies 0 → 1 over 20–120 ms, reply #1 flies back over 320–380 ms. */
static InflightTraceSnapshot *
make_call_trace (void)
{
  InflightTrace *trace = inflight_trace_new ();
  guint caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  guint service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 0, 400 * MS);
  inflight_trace_append_span (trace, service, 0, INFLIGHT_SPAN_WORKING, 100 * MS, 300 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, caller, service, 20 * MS, 120 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller, 320 * MS, 380 * MS);
  inflight_trace_set_duration (trace, 420 * MS);

  return snapshot_and_unref (trace);
}

/* A viewport of 0–1 s, so that everything after 420 ms is empty paper. */
static void
viewport_one_second (InflightViewport *viewport)
{
  viewport->width = WIDTH;
  viewport->height = HEIGHT;
  viewport->t_start = 0;
  viewport->t_end = 1000 * MS;
}

static void
picture_render (Picture                     *picture,
                const InflightTraceSnapshot *snapshot,
                gint64                       playhead,
                const InflightViewport      *viewport,
                const InflightDiagramStyle  *style)
{
  cairo_t *cr;

  picture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  picture->viewport = *viewport;
  picture->n_lanes = snapshot != NULL ? snapshot->n_lanes : 0;

  cr = cairo_create (picture->surface);
  inflight_diagram_render (cr, snapshot, playhead, viewport, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (picture->surface);
}

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->surface, cairo_surface_destroy);
}

/* The largest difference of one channel, alpha included. */
static double
color_distance (const InflightColor *a,
                const InflightColor *b)
{
  double d = fabs (a->red - b->red);

  d = MAX (d, fabs (a->green - b->green));
  d = MAX (d, fabs (a->blue - b->blue));
  d = MAX (d, fabs (a->alpha - b->alpha));

  return d;
}

/* How many pixels of the box [x0, x1) × [y0, y1) are within @tolerance of @color. */
static guint
count_close (const Picture       *picture,
             int                  x0,
             int                  y0,
             int                  x1,
             int                  y1,
             const InflightColor *color,
             double               tolerance)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        InflightColor p = inflight_test_pixel (picture->surface, x, y);

        if (color_distance (&p, color) <= tolerance)
          n++;
      }

  return n;
}

/* The smallest distance to @color over the box of half-size @r around (@x, @y). */
static double
nearest_in_box (const Picture       *picture,
                double               x,
                double               y,
                int                  r,
                const InflightColor *color)
{
  double best = G_MAXDOUBLE;
  int cx = (int) floor (x);
  int cy = (int) floor (y);

  for (int j = cy - r; j <= cy + r; j++)
    for (int i = cx - r; i <= cx + r; i++)
      {
        InflightColor p = inflight_test_pixel (picture->surface, i, j);

        best = MIN (best, color_distance (&p, color));
      }

  return best;
}

/* The box of lane @lane's slot-0 bar between @t0 and @t1, shrunk by @inset. */
static void
bar_box (const Picture *picture,
         guint          lane,
         gint64         t0,
         gint64         t1,
         int            inset,
         int           *x0,
         int           *y0,
         int           *x1,
         int           *y1)
{
  double cx = inflight_diagram_lane_x (&picture->viewport, picture->n_lanes, lane);

  *x0 = (int) ceil (cx - 7) + inset;
  *x1 = (int) floor (cx + 7) - inset;
  *y0 = (int) ceil (inflight_diagram_time_to_y (&picture->viewport, t0)) + inset;
  *y1 = (int) floor (inflight_diagram_time_to_y (&picture->viewport, t1)) - inset;

  g_assert_cmpint (*x1, >, *x0);
  g_assert_cmpint (*y1, >, *y0);
}

/* An empty square between the two lanes' lifelines, at time @t. */
static guint
count_background_between_lanes (const Picture              *picture,
                                const InflightDiagramStyle *style,
                                gint64                      t)
{
  double x = (inflight_diagram_lane_x (&picture->viewport, 2, 0) +
              inflight_diagram_lane_x (&picture->viewport, 2, 1)) / 2;
  int y = (int) inflight_diagram_time_to_y (&picture->viewport, t);

  return count_close (picture, (int) x - 5, y - 5, (int) x + 5, y + 5, &style->background, 1.5 / 255);
}

/* Layout maths */

static void
test_viewport_fit (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  g_autoptr(InflightTraceSnapshot) empty = NULL;
  InflightTrace *trace;
  InflightViewport viewport = { 0, 0, -5, -5 };

  inflight_viewport_fit (&viewport, snapshot, 800, 600);
  g_assert_cmpfloat (viewport.width, ==, 800);
  g_assert_cmpfloat (viewport.height, ==, 600);
  g_assert_cmpint (viewport.t_start, ==, 0);
  /* The run ends at 420 ms: the view shows it all, with a little room below. */
  g_assert_cmpint (viewport.t_end, >, 420 * MS);
  g_assert_cmpint (viewport.t_end, <=, 420 * MS * 11 / 10);

  /* An empty run still gets a sensible 100 ms at least. */
  trace = inflight_trace_new ();
  empty = snapshot_and_unref (trace);
  inflight_viewport_fit (&viewport, empty, 320, 200);
  g_assert_cmpint (viewport.t_start, ==, 0);
  g_assert_cmpint (viewport.t_end, >=, 100 * MS);
  g_assert_cmpint (viewport.t_end, <=, 110 * MS);
  g_assert_cmpfloat (viewport.width, ==, 320);
}

/* Whether the axis has a tick at the height of @t: its short stroke left of the time area. */
static gboolean
has_tick_at (const Picture              *picture,
             gint64                      t,
             const InflightDiagramStyle *style)
{
  int x = INFLIGHT_DIAGRAM_AXIS_WIDTH - 2;
  int y = (int) floor (inflight_diagram_time_to_y (&picture->viewport, t));

  /* Not all three pixels of the column around it are the background. */
  return count_close (picture, x, y - 1, x + 1, y + 2, &style->background, CLOSE) < 3;
}

/* One call that takes @duration: the caller waits throughout, the request flies over the
 * first fifth and the reply over the last. */
static InflightTraceSnapshot *
make_round_trip (gint64 duration)
{
  InflightTrace *trace = inflight_trace_new ();
  guint caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  guint service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 0, duration);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, caller, service, 0, duration / 5);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller, duration * 4 / 5, duration);
  inflight_trace_set_duration (trace, duration);

  return snapshot_and_unref (trace);
}

/* How many ticks the axis has from 0 to @until, looked for every @every µs. */
static guint
count_ticks (const Picture              *picture,
             const InflightDiagramStyle *style,
             gint64                      until,
             gint64                      every)
{
  guint ticks = 0;

  for (gint64 t = 0; t <= until; t += every)
    ticks += has_tick_at (picture, t, style) && !has_tick_at (picture, t - every, style);

  return ticks;
}

/* A run of @duration is drawn whole, on an axis at most a tenth longer, with 3 to 11 ticks
 * (looked for every @every µs) among which one at 0, one at @round and one at its end. */
static void
assert_axis_fits (gint64 duration,
                  gint64 round,
                  gint64 every)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_round_trip (duration);
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  guint ticks;

  inflight_viewport_fit (&viewport, snapshot, WIDTH, HEIGHT);
  g_assert_cmpint (viewport.t_start, ==, 0);
  g_assert_cmpint (viewport.t_end, >, duration);
  g_assert_cmpint (viewport.t_end, <=, duration * 11 / 10);

  inflight_diagram_style_init_light (&style);
  picture_render (&picture, snapshot, duration, &viewport, &style);
  g_assert_true (has_tick_at (&picture, 0, &style));
  g_assert_true (has_tick_at (&picture, round, &style));
  g_assert_true (has_tick_at (&picture, duration, &style));
  ticks = count_ticks (&picture, &style, duration, every);
  g_assert_cmpuint (ticks, >=, 3);
  g_assert_cmpuint (ticks, <=, 11);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

/* A run of 2 ms (lesson 2 at latency 0) is drawn on an axis of a few ms, not of 100 ms,
 * with ticks at round fractions of a millisecond. */
static void
test_short_run_axis (void)
{
  assert_axis_fits (2 * MS, 1 * MS, 50);
}

/* A run of 0.1 ms (an event loop or callbacks at latency 0) is drawn on an axis of about
 * 0.1 ms, not stretched to a whole millisecond, with ticks every few microseconds. */
static void
test_sub_millisecond_run_axis (void)
{
  assert_axis_fits (100, 20, 1);
}

static void
assert_tick_label (gint64      t,
                   gint64      step,
                   const char *expected)
{
  char text[48];

  inflight_diagram_format_tick (text, sizeof text, t, step);
  g_assert_cmpstr (text, ==, expected);
}

/* Each tick is labelled in the unit of its size, as "250 ms" and "1.5 s" are. */
static void
test_tick_labels (void)
{
  assert_tick_label (0, 20, "0 µs");
  assert_tick_label (20, 20, "20 µs");
  assert_tick_label (250, 50, "250 µs");
  assert_tick_label (0, 500 * MS, "0 ms");
  assert_tick_label (1 * MS, 500, "1 ms");
  assert_tick_label (1500, 500, "1.5 ms");
  assert_tick_label (1020, 20, "1.02 ms");
  assert_tick_label (250 * MS, 50 * MS, "250 ms");
  assert_tick_label (1500 * MS, 500 * MS, "1.5 s");
  assert_tick_label (2000 * MS, 500 * MS, "2 s");
}

/* @n requests sent at 0, answered from 10 ms on, the last first, the first @failed of them
 * with a failure; the caller waits for them all, until the run ends at (@n + 1) × 10 ms. */
static InflightTraceSnapshot *
make_replies_trace (guint n,
                    guint failed)
{
  InflightTrace *trace = inflight_trace_new ();
  guint caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  guint service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 0, (n + 1) * 10 * MS);
  for (guint i = 1; i <= n; i++)
    {
      gint64 back = (n + 1 - i) * 10 * MS;

      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_REQUEST, caller, service, 0, 5 * MS);
      inflight_trace_append_message (trace, i, i <= failed ? INFLIGHT_MESSAGE_ERROR : INFLIGHT_MESSAGE_REPLY,
                                     service, caller, back, back + 5 * MS);
    }
  inflight_trace_set_duration (trace, (n + 1) * 10 * MS);

  return snapshot_and_unref (trace);
}

/* The run's summary, whole sentences with one count each, singular for 1 and plural for 2. */
static void
test_describe_plural_forms (void)
{
  g_autoptr(InflightTraceSnapshot) one = make_replies_trace (1, 1);
  g_autoptr(InflightTraceSnapshot) two = make_replies_trace (2, 2);
  g_autoptr(InflightTraceSnapshot) three = make_replies_trace (3, 0);
  g_autofree char *text = NULL;

  text = inflight_diagram_describe (one, "blocking");
  g_assert_cmpstr (text, ==, "1 request, blocking. It took 20 ms in total. The caller waited 100% of the time. "
                             "1 request failed.");
  g_clear_pointer (&text, g_free);
  text = inflight_diagram_describe (two, "blocking");
  g_assert_cmpstr (text, ==, "2 requests, blocking. It took 30 ms in total. The caller waited 100% of the time. "
                             "2 requests failed. 1 reply came out of order.");
  g_clear_pointer (&text, g_free);
  text = inflight_diagram_describe (three, NULL);
  g_assert_cmpstr (text, ==, "3 requests. It took 40 ms in total. The caller waited 100% of the time. "
                             "2 replies came out of order.");
}

static void
test_time_to_y (void)
{
  InflightViewport viewport = { 640, 480, 200 * MS, 1200 * MS };
  double top = INFLIGHT_DIAGRAM_HEADER_HEIGHT;
  double bottom = 480 - inflight_diagram_footer_height (&viewport);

  g_assert_cmpfloat_with_epsilon (inflight_diagram_time_to_y (&viewport, 200 * MS), top, 1e-9);
  g_assert_cmpfloat_with_epsilon (inflight_diagram_time_to_y (&viewport, 1200 * MS), bottom, 1e-9);
  g_assert_cmpfloat_with_epsilon (inflight_diagram_time_to_y (&viewport, 700 * MS), (top + bottom) / 2, 1e-9);
  /* Outside the viewport the scale goes on: earlier is above the time area. */
  g_assert_cmpfloat (inflight_diagram_time_to_y (&viewport, 0), <, top);

  g_assert_cmpint (inflight_diagram_y_to_time (&viewport, top), ==, 200 * MS);
  g_assert_cmpint (inflight_diagram_y_to_time (&viewport, bottom), ==, 1200 * MS);
  g_assert_cmpint (inflight_diagram_y_to_time (&viewport, inflight_diagram_time_to_y (&viewport, 345678)), ==, 345678);
}

static void
test_lanes (void)
{
  InflightViewport viewport = { 640, 480, 0, 1000 * MS };
  double area = 640 - INFLIGHT_DIAGRAM_AXIS_WIDTH - INFLIGHT_DIAGRAM_MARGIN;
  double w = inflight_diagram_lane_width (&viewport, 3);

  g_assert_cmpfloat_with_epsilon (w, area / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (inflight_diagram_lane_x (&viewport, 3, 0),
                                  INFLIGHT_DIAGRAM_AXIS_WIDTH + w / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (inflight_diagram_lane_x (&viewport, 3, 2) + w / 2,
                                  640 - INFLIGHT_DIAGRAM_MARGIN, 1e-9);
  g_assert_cmpfloat_with_epsilon (inflight_diagram_lane_x (&viewport, 3, 1) - inflight_diagram_lane_x (&viewport, 3, 0),
                                  w, 1e-9);
}

/* Pixels */

static void
test_spans (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  int x0, y0, x1, y1;
  guint total, waiting, working;

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 420 * MS, &viewport, &style);

  /* WAITING is hatched: some of the inside is the waiting colour, not all of it. */
  bar_box (&picture, 0, 150 * MS, 250 * MS, 3, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  waiting = count_close (&picture, x0, y0, x1, y1, &style.waiting, CLOSE);
  g_test_message ("waiting bar: %u of %u pixels in the waiting colour", waiting, total);
  g_assert_cmpuint (waiting, >, total / 10);
  g_assert_cmpuint (waiting, <, total * 9 / 10);
  /* …and it is not filled with the working colour. */
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, CLOSE), ==, 0);

  /* WORKING is solid. */
  bar_box (&picture, 1, 150 * MS, 250 * MS, 2, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  working = count_close (&picture, x0, y0, x1, y1, &style.working, 2.0 / 255);
  g_assert_cmpuint (working, >=, total * 95 / 100);

  /* Before the service starts working its lifeline has no bar. */
  bar_box (&picture, 1, 40 * MS, 90 * MS, 2, &x0, &y0, &x1, &y1);
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, CLOSE), ==, 0);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_arrows (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  double mid_x, request_y, reply_y, from_x, to_x;

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 420 * MS, &viewport, &style);

  /* Both lanes have one slot, so arrows stop equally short of each lifeline:
   * an arrow's middle is halfway between the lanes, at the middle of its flight. */
  from_x = inflight_diagram_lane_x (&viewport, 2, 0) + ARROW_GAP;
  to_x = inflight_diagram_lane_x (&viewport, 2, 1) - ARROW_GAP;
  mid_x = (from_x + to_x) / 2;
  request_y = inflight_diagram_time_to_y (&viewport, 70 * MS);
  reply_y = inflight_diagram_time_to_y (&viewport, 350 * MS);

  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, request_y, 2, &style.request), <=, CLOSE);
  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, reply_y, 2, &style.reply), <=, CLOSE);
  /* Each in its own colour: the request is not drawn in the reply's. */
  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, request_y, 2, &style.reply), >, CLOSE);

  /* The arrow slants by its flight time: 15% of the way across, 15% of its flight… */
  g_assert_cmpfloat (nearest_in_box (&picture, from_x + (to_x - from_x) * 0.15,
                                     inflight_diagram_time_to_y (&viewport, 35 * MS), 2,
                                     &style.request), <=, CLOSE);
  /* …so at the middle's x, the sending time's row is empty. */
  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, inflight_diagram_time_to_y (&viewport, 20 * MS), 2,
                                     &style.request), >, CLOSE);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_background (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  InflightDiagramStyle light = { 0 };
  InflightDiagramStyle dark = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  InflightColor light_pixel, dark_pixel;
  double x;
  int y;

  inflight_diagram_style_init_light (&light);
  inflight_diagram_style_init_dark (&dark);
  viewport_one_second (&viewport);

  /* Far below every event, between the lifelines, there is nothing but paper.
   * (The surface starts transparent, so this fails if nothing was drawn.) */
  picture_render (&picture, snapshot, 420 * MS, &viewport, &light);
  g_assert_cmpuint (count_background_between_lanes (&picture, &light, 700 * MS), ==, 100);
  x = (inflight_diagram_lane_x (&viewport, 2, 0) + inflight_diagram_lane_x (&viewport, 2, 1)) / 2;
  y = (int) inflight_diagram_time_to_y (&viewport, 700 * MS);
  light_pixel = inflight_test_pixel (picture.surface, (int) x, y);
  picture_clear (&picture);

  picture_render (&picture, snapshot, 420 * MS, &viewport, &dark);
  g_assert_cmpuint (count_background_between_lanes (&picture, &dark, 700 * MS), ==, 100);
  dark_pixel = inflight_test_pixel (picture.surface, (int) x, y);
  picture_clear (&picture);

  /* The dark style really is dark, and different. */
  g_assert_cmpfloat (color_distance (&light_pixel, &dark_pixel), >, 0.5);
  g_assert_cmpfloat (dark_pixel.red + dark_pixel.green + dark_pixel.blue, <,
                     light_pixel.red + light_pixel.green + light_pixel.blue);

  inflight_diagram_style_clear (&light);
  inflight_diagram_style_clear (&dark);
}

static void
test_playhead (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  guint total;
  int x0, y0, x1, y1;
  double mid_x;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, 1, 0, INFLIGHT_SPAN_WORKING, 600 * MS, 800 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REQUEST, 0, 1, 550 * MS, 650 * MS);
  inflight_trace_set_duration (trace, 900 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  mid_x = (inflight_diagram_lane_x (&viewport, 2, 0) + inflight_diagram_lane_x (&viewport, 2, 1)) / 2;

  /* With the playhead at the end, the span and the arrow are there… */
  picture_render (&picture, snapshot, 900 * MS, &viewport, &style);
  bar_box (&picture, 1, 650 * MS, 750 * MS, 2, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, 2.0 / 255), >=, total * 95 / 100);
  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, inflight_diagram_time_to_y (&viewport, 600 * MS), 2,
                                     &style.request), <=, CLOSE);
  picture_clear (&picture);

  /* …at 500 ms, before either began, neither is drawn: paper where they will be. */
  picture_render (&picture, snapshot, 500 * MS, &viewport, &style);
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.background, 1.5 / 255), ==, total);
  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, inflight_diagram_time_to_y (&viewport, 600 * MS), 2,
                                     &style.request), >, CLOSE);
  /* The playhead itself is a line across the time area. */
  g_assert_cmpfloat (nearest_in_box (&picture, mid_x, inflight_diagram_time_to_y (&viewport, 500 * MS), 1,
                                     &style.playhead), <=, CLOSE);
  picture_clear (&picture);

  /* At 700 ms: the span is drawn down to the playhead only. */
  picture_render (&picture, snapshot, 700 * MS, &viewport, &style);
  bar_box (&picture, 1, 610 * MS, 690 * MS, 2, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, 2.0 / 255), >=, total * 95 / 100);
  bar_box (&picture, 1, 720 * MS, 790 * MS, 2, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.background, 1.5 / 255), ==, total);
  picture_clear (&picture);

  inflight_diagram_style_clear (&style);
}

static void
test_in_flight (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  double from_x, to_x, y;

  /* A live run (not finished), with a request halfway through its flight at 300 ms. */
  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, 0, 1, 200 * MS, 400 * MS);
  inflight_trace_append_span (trace, 0, 0, INFLIGHT_SPAN_WAITING, 200 * MS, INFLIGHT_TIME_NONE);
  snapshot = snapshot_and_unref (trace);
  g_assert_false (snapshot->finished);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 300 * MS, &viewport, &style);

  from_x = inflight_diagram_lane_x (&viewport, 2, 0) + ARROW_GAP;
  to_x = inflight_diagram_lane_x (&viewport, 2, 1) - ARROW_GAP;
  y = inflight_diagram_time_to_y (&viewport, 300 * MS);

  /* The head is where the message is now: halfway across, on the playhead's row. */
  g_assert_cmpfloat (nearest_in_box (&picture, (from_x + to_x) / 2, y, 2, &style.request), <=, CLOSE);
  /* 15% of the way, 15% of its flight: drawn. */
  g_assert_cmpfloat (nearest_in_box (&picture, from_x + (to_x - from_x) * 0.15,
                                     inflight_diagram_time_to_y (&viewport, 230 * MS), 2,
                                     &style.request), <=, CLOSE);
  /* Where it will arrive, nothing yet. */
  g_assert_cmpfloat (nearest_in_box (&picture, to_x - 4, inflight_diagram_time_to_y (&viewport, 400 * MS), 3,
                                     &style.request), >, CLOSE);

  /* The open WAITING span runs down to the playhead and stops there. */
  g_assert_cmpuint (count_close (&picture,
                                 (int) inflight_diagram_lane_x (&viewport, 2, 0) - 6,
                                 (int) inflight_diagram_time_to_y (&viewport, 220 * MS),
                                 (int) inflight_diagram_lane_x (&viewport, 2, 0) + 6,
                                 (int) inflight_diagram_time_to_y (&viewport, 280 * MS),
                                 &style.waiting, CLOSE), >, 0);
  g_assert_cmpuint (count_close (&picture,
                                 (int) inflight_diagram_lane_x (&viewport, 2, 0) - 6,
                                 (int) inflight_diagram_time_to_y (&viewport, 320 * MS),
                                 (int) inflight_diagram_lane_x (&viewport, 2, 0) + 6,
                                 (int) inflight_diagram_time_to_y (&viewport, 600 * MS),
                                 &style.waiting, CLOSE), ==, 0);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_recording (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  cairo_rectangle_t extents = { 0, 0, WIDTH, HEIGHT };
  cairo_surface_t *recording;
  cairo_t *cr;
  int x0, y0, x1, y1;
  guint total, waiting;

  /* A widget records its drawing and plays it back later: the result must be the same. */
  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (recording);
  inflight_diagram_render (cr, snapshot, 420 * MS, &viewport, &style);
  cairo_destroy (cr);

  picture.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  picture.viewport = viewport;
  picture.n_lanes = snapshot->n_lanes;
  cr = cairo_create (picture.surface);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (picture.surface);

  bar_box (&picture, 0, 150 * MS, 250 * MS, 3, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  waiting = count_close (&picture, x0, y0, x1, y1, &style.waiting, CLOSE);
  g_assert_cmpuint (waiting, >, total / 10);
  g_assert_cmpuint (waiting, <, total * 9 / 10);

  bar_box (&picture, 1, 150 * MS, 250 * MS, 2, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, 2.0 / 255), >=, total * 95 / 100);
  g_assert_cmpuint (count_background_between_lanes (&picture, &style, 700 * MS), ==, 100);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_zoomed (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport = { WIDTH, HEIGHT, 200 * MS, 300 * MS };
  Picture picture = { 0 };
  int x0, y0, x1, y1;
  guint total;

  /* Zoomed into 200–300 ms, the service's bar fills the whole time area… */
  inflight_diagram_style_init_dark (&style);
  picture_render (&picture, snapshot, 420 * MS, &viewport, &style);
  bar_box (&picture, 1, 200 * MS, 300 * MS, 2, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, 2.0 / 255), >=, total * 95 / 100);
  /* …and nothing of the time area spills into the header band above it. */
  g_assert_cmpuint (count_close (&picture, x0, 0, x1, (int) INFLIGHT_DIAGRAM_HEADER_HEIGHT - 1,
                                 &style.working, CLOSE), ==, 0);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_empty (void)
{
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };

  /* No trace yet: an empty diagram in the background colour, not a crash. */
  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, NULL, WIDTH, HEIGHT);
  picture_render (&picture, NULL, 0, &viewport, &style);
  g_assert_cmpuint (count_close (&picture, 300, 300, 340, 320, &style.background, 1.5 / 255), ==, 40 * 20);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_styles (void)
{
  InflightDiagramStyle light = { 0 };
  InflightDiagramStyle dark = { 0 };
  InflightDiagramStyle contrast = { 0 };

  inflight_diagram_style_init_light (&light);
  inflight_diagram_style_init_dark (&dark);
  inflight_diagram_style_init_high_contrast (&contrast, TRUE);

  g_assert_cmpfloat (color_distance (&light.background, &dark.background), >, 0.5);
  g_assert_cmpfloat (color_distance (&light.working, &light.waiting), >, 0.3);
  g_assert_cmpfloat (color_distance (&light.request, &light.reply), >, 0.2);
  g_assert_cmpfloat (color_distance (&light.background, &light.foreground), >, 0.7);
  g_assert_cmpfloat (color_distance (&dark.background, &dark.foreground), >, 0.7);
  /* High contrast: pure black paper, white ink, thicker lines. */
  g_assert_cmpfloat (contrast.background.red + contrast.background.green + contrast.background.blue, ==, 0);
  g_assert_cmpfloat (contrast.foreground.red + contrast.foreground.green + contrast.foreground.blue, ==, 3);
  g_assert_cmpfloat (contrast.line_width, >, light.line_width);
  g_assert_true (contrast.high_contrast);
  g_assert_false (light.high_contrast);

  /* Clearing frees the font and leaves the style empty, ready to fill again. */
  contrast.font_family = g_strdup ("Sans");
  inflight_diagram_style_clear (&contrast);
  g_assert_null (contrast.font_family);
  g_assert_cmpfloat (contrast.line_width, ==, 0);

  inflight_diagram_style_clear (&light);
  inflight_diagram_style_clear (&dark);
}

/* Replies that overtake each other cross: #1 leaves first and lands last. */
static void
test_crossing_arrows (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  double from_x, to_x;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, 1, 0, 100 * MS, 400 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REPLY, 1, 0, 200 * MS, 250 * MS);
  inflight_trace_set_duration (trace, 450 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 450 * MS, &viewport, &style);

  /* Replies go from the service (right) to the caller (left). */
  from_x = inflight_diagram_lane_x (&viewport, 2, 1) - ARROW_GAP;
  to_x = inflight_diagram_lane_x (&viewport, 2, 0) + ARROW_GAP;

#define AT(f, t) nearest_in_box (&picture, from_x + (to_x - from_x) * (f), inflight_diagram_time_to_y (&viewport, (t)), 2, &style.reply)
  /* Near the service #1 is above #2… */
  g_assert_cmpfloat (AT (0.15, 145 * MS), <=, CLOSE);
  g_assert_cmpfloat (AT (0.15, 207500), <=, CLOSE);
  /* …near the caller, below it: the lines crossed, at 40% of the way. */
  g_assert_cmpfloat (AT (0.85, 355 * MS), <=, CLOSE);
  g_assert_cmpfloat (AT (0.85, 242500), <=, CLOSE);
  g_assert_cmpfloat (AT (0.4, 220 * MS), <=, CLOSE);
  /* Between them near the caller, nothing: two lines, not a smear. */
  g_assert_cmpfloat (AT (0.85, 300 * MS), >, CLOSE);
#undef AT

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

/* The error colour within @r of (x, y). */
static gboolean
error_near (const Picture              *picture,
            const InflightDiagramStyle *style,
            double                      x,
            double                      y,
            int                         r)
{
  return nearest_in_box (picture, x, y, r, &style->error) <= CLOSE;
}

static void
test_failure_mark (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  double to_x, fail_y, ok_y;
  guint marked = 0;

  /* #1 fails, #2 succeeds, both flying for 20 ms so that they are almost level. */
  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_ERROR, 1, 0, 200 * MS, 220 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REPLY, 1, 0, 600 * MS, 620 * MS);
  inflight_trace_set_duration (trace, 700 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 700 * MS, &viewport, &style);

  to_x = inflight_diagram_lane_x (&viewport, 2, 0) + ARROW_GAP;
  fail_y = inflight_diagram_time_to_y (&viewport, 220 * MS);
  ok_y = inflight_diagram_time_to_y (&viewport, 620 * MS);

  /* The failed reply is drawn in the error colour, with a cross just behind its head:
   * error ink off the line, where a plain arrow has none. */
  for (int dx = 10; dx <= 22; dx++)
    for (int dy = 2; dy <= 3; dy++)
      if (error_near (&picture, &style, to_x + dx, fail_y - dy, 0) ||
          error_near (&picture, &style, to_x + dx, fail_y + dy, 0))
        marked++;
  g_test_message ("failure cross: %u pixels off the line", marked);
  g_assert_cmpuint (marked, >=, 4);
  g_assert_true (error_near (&picture, &style, (to_x + inflight_diagram_lane_x (&viewport, 2, 1) - ARROW_GAP) / 2,
                             inflight_diagram_time_to_y (&viewport, 210 * MS), 2));

  /* The good reply has neither. */
  g_assert_false (error_near (&picture, &style, to_x + 18, ok_y, 8));
  g_assert_cmpfloat (nearest_in_box (&picture, to_x + 40, ok_y, 2, &style.reply), <=, CLOSE);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_down_span (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  int x0, y0, x1, y1;
  guint total, down;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, 1, 0, INFLIGHT_SPAN_DOWN, 100 * MS, 500 * MS);
  inflight_trace_append_span (trace, 1, 0, INFLIGHT_SPAN_WORKING, 600 * MS, 800 * MS);
  inflight_trace_set_duration (trace, 900 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 900 * MS, &viewport, &style);

  /* DOWN is its own look: mostly its dark colour, crossed by lighter hatching,
   * and nothing like WORKING. */
  bar_box (&picture, 1, 150 * MS, 450 * MS, 1, &x0, &y0, &x1, &y1);
  total = (guint) ((x1 - x0) * (y1 - y0));
  down = count_close (&picture, x0, y0, x1, y1, &style.down, CLOSE);
  g_test_message ("down bar: %u of %u pixels in the down colour", down, total);
  g_assert_cmpuint (down, >, total / 4);
  g_assert_cmpuint (down, <, total * 95 / 100);
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.working, CLOSE), ==, 0);

  bar_box (&picture, 1, 650 * MS, 750 * MS, 2, &x0, &y0, &x1, &y1);
  g_assert_cmpuint (count_close (&picture, x0, y0, x1, y1, &style.down, CLOSE), ==, 0);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_dark_differs (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_call_trace ();
  InflightDiagramStyle light = { 0 };
  InflightDiagramStyle dark = { 0 };
  InflightViewport viewport;
  Picture a = { 0 }, b = { 0 };
  guint differ = 0;

  inflight_diagram_style_init_light (&light);
  inflight_diagram_style_init_dark (&dark);
  viewport_one_second (&viewport);
  picture_render (&a, snapshot, 420 * MS, &viewport, &light);
  picture_render (&b, snapshot, 420 * MS, &viewport, &dark);

  /* The same run in the dark palette: nearly every pixel differs, the bars included. */
  for (int y = 0; y < HEIGHT; y += 4)
    for (int x = 0; x < WIDTH; x += 4)
      {
        InflightColor p = inflight_test_pixel (a.surface, x, y), q = inflight_test_pixel (b.surface, x, y);

        if (color_distance (&p, &q) > 0.1)
          differ++;
      }
  g_assert_cmpuint (differ, >, (WIDTH / 4) * (HEIGHT / 4) * 9 / 10);
  g_assert_cmpfloat (color_distance (&light.working, &dark.working), >, 0.05);
  g_assert_cmpfloat (color_distance (&light.waiting, &dark.waiting), >, 0.05);

  picture_clear (&a);
  picture_clear (&b);
  inflight_diagram_style_clear (&light);
  inflight_diagram_style_clear (&dark);
}

/* How many pixels of row @y, right of the lifeline of lane @lane, are not paper. */
static guint
ink_right_of_lane (const Picture              *picture,
                   const InflightDiagramStyle *style,
                   guint                       lane,
                   int                         y)
{
  int x = (int) inflight_diagram_lane_x (&picture->viewport, picture->n_lanes, lane) + 2;

  return 80 - count_close (picture, x, y, x + 80, y + 1, &style->background, 6.0 / 255);
}

static void
test_queue_depth (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  guint one, three, two, none;

  /* Three requests queue up (arriving at 100, 150 and 200 ms), one leaves at 300 ms. */
  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_QUEUE, "Queue");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 95 * MS, 100 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 145 * MS, 150 * MS);
  inflight_trace_append_message (trace, 3, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 195 * MS, 200 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_DEQUEUE, 1, 2, 300 * MS, 305 * MS);
  inflight_trace_set_duration (trace, 500 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 500 * MS, &viewport, &style);

#define ROW(t) ((int) inflight_diagram_time_to_y (&viewport, (t)))
  none = ink_right_of_lane (&picture, &style, 1, ROW (60 * MS));
  one = ink_right_of_lane (&picture, &style, 1, ROW (125 * MS));
  three = ink_right_of_lane (&picture, &style, 1, ROW (250 * MS));
  two = ink_right_of_lane (&picture, &style, 1, ROW (430 * MS));
#undef ROW
  g_test_message ("queue area: %u, %u, %u, %u pixels wide", none, one, three, two);

  /* The area beside the queue grows with its depth, and shrinks as requests leave. */
  g_assert_cmpuint (none, <=, 1);
  g_assert_cmpuint (one, >=, 3);
  g_assert_cmpuint (three, >=, 2 * one);
  g_assert_cmpuint (two, >, one);
  g_assert_cmpuint (two, <, three);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

static void
test_legend (void)
{
  g_autoptr(InflightTraceSnapshot) plain = make_call_trace ();
  g_autoptr(InflightTraceSnapshot) failing = NULL;
  InflightTrace *trace = inflight_trace_new ();
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  int top;

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  top = HEIGHT - (int) inflight_diagram_footer_height (&viewport) + 4;

  /* Below the time area: a swatch for each look the run has, and none it has not. */
  picture_render (&picture, plain, 420 * MS, &viewport, &style);
  g_assert_cmpuint (count_close (&picture, 0, top, WIDTH, HEIGHT, &style.working, 2.0 / 255), >, 40);
  g_assert_cmpuint (count_close (&picture, 0, top, WIDTH, HEIGHT, &style.waiting, CLOSE), >, 10);
  g_assert_cmpuint (count_close (&picture, 0, top, WIDTH, HEIGHT, &style.error, CLOSE), ==, 0);
  picture_clear (&picture);

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_ERROR, 1, 0, 10 * MS, 20 * MS);
  inflight_trace_set_duration (trace, 30 * MS);
  failing = snapshot_and_unref (trace);
  picture_render (&picture, failing, 30 * MS, &viewport, &style);
  g_assert_cmpuint (count_close (&picture, 0, top, WIDTH, HEIGHT, &style.error, CLOSE), >, 4);
  g_assert_cmpuint (count_close (&picture, 0, top, WIDTH, HEIGHT, &style.working, 2.0 / 255), ==, 0);
  picture_clear (&picture);

  inflight_diagram_style_clear (&style);
}

static void
test_crowded (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  Picture picture = { 0 };
  guint rows_with_ink = 0, rows = 0;
  double mid;

  /* 3000 requests in a second: several per pixel row. Crowded arrows are merged,
   * not dropped: every row they pass has their colour between the lanes. */
  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  for (guint i = 0; i < 3000; i++)
    inflight_trace_append_message (trace, i + 1, INFLIGHT_MESSAGE_REQUEST, 0, 1,
                                   100 * MS + i * 200, 100 * MS + i * 200 + 5 * MS + (i % 7) * MS);
  inflight_trace_set_duration (trace, 800 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&style);
  viewport_one_second (&viewport);
  picture_render (&picture, snapshot, 800 * MS, &viewport, &style);

  mid = (inflight_diagram_lane_x (&viewport, 2, 0) + inflight_diagram_lane_x (&viewport, 2, 1)) / 2;
  for (int y = (int) inflight_diagram_time_to_y (&viewport, 110 * MS);
       y < (int) inflight_diagram_time_to_y (&viewport, 690 * MS); y++, rows++)
    if (count_close (&picture, (int) mid - 30, y, (int) mid + 30, y + 1, &style.request, CLOSE) > 0)
      rows_with_ink++;
  g_assert_cmpuint (rows_with_ink, >=, rows * 95 / 100);
  /* Where none flew, nothing. */
  g_assert_cmpuint (count_close (&picture, (int) mid - 30, (int) inflight_diagram_time_to_y (&viewport, 850 * MS),
                                 (int) mid + 30, (int) inflight_diagram_time_to_y (&viewport, 900 * MS),
                                 &style.request, CLOSE), ==, 0);

  picture_clear (&picture);
  inflight_diagram_style_clear (&style);
}

/* Draws @snapshot at @playhead onto a new image; through a group when @direct, which keeps
 * the renderer from reusing its kept layers, so that everything is drawn afresh. */
static cairo_surface_t *
render_image_at (const InflightTraceSnapshot *snapshot,
                 const InflightDiagramStyle  *style,
                 const InflightViewport      *viewport,
                 gint64                       playhead,
                 gboolean                     direct)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  if (direct)
    cairo_push_group (cr);
  inflight_diagram_render (cr, snapshot, playhead, viewport, style);
  if (direct)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The same, over 0–1 s at 320 ms. */
static cairo_surface_t *
render_image (const InflightTraceSnapshot *snapshot,
              const InflightDiagramStyle  *style,
              gboolean                     direct)
{
  InflightViewport viewport;

  viewport_one_second (&viewport);

  return render_image_at (snapshot, style, &viewport, 320 * MS, direct);
}

/* How many pixels differ between two images of the same size. */
static guint
pixels_differing (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  const guint8 *da = cairo_image_surface_get_data (a);
  const guint8 *db = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      n += memcmp (da + y * stride + 4 * x, db + y * stride + 4 * x, 4) != 0;

  return n;
}

/* The lane headers and the legend are drawn once and copied in later frames:
 * every frame must be the very pixels that drawing it all afresh gives, and a change of
 * what those layers show (a lane's name, the palette, the legend's items) must show. */
static void
test_kept_layers (void)
{
  g_autoptr(InflightTraceSnapshot) call = make_call_trace ();
  g_autoptr(InflightTraceSnapshot) renamed = NULL;
  g_autoptr(InflightTraceSnapshot) failing = NULL;
  InflightTrace *trace = inflight_trace_new ();
  InflightDiagramStyle light = { 0 }, dark = { 0 };
  const InflightTraceSnapshot *sequence[] = { NULL, NULL, NULL, NULL, NULL };
  const InflightDiagramStyle *styles[] = { &light, &light, &light, &dark, &light };
  cairo_surface_t *previous = NULL;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Client");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, 0, 0, INFLIGHT_SPAN_WAITING, 0, 400 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, 0, 1, 20 * MS, 120 * MS);
  inflight_trace_set_duration (trace, 420 * MS);
  renamed = snapshot_and_unref (trace);

  /* A message lost when the run stopped: a new legend item, and no failure mark, which
   * is stamped rather than drawn (see /render/sprites). */
  trace = inflight_trace_new ();
  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, 0, 0, INFLIGHT_SPAN_WAITING, 0, 400 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, 0, 1, 10 * MS, INFLIGHT_TIME_NONE);
  inflight_trace_set_duration (trace, 420 * MS);
  failing = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&light);
  inflight_diagram_style_init_dark (&dark);
  /* Twice the same (the second from what was kept), then a new lane name, a new palette,
   * a new legend item. */
  sequence[0] = sequence[1] = call;
  sequence[2] = renamed;
  sequence[3] = call;
  sequence[4] = failing;

  for (guint i = 0; i < G_N_ELEMENTS (sequence); i++)
    {
      cairo_surface_t *kept = render_image (sequence[i], styles[i], FALSE);
      cairo_surface_t *fresh = render_image (sequence[i], styles[i], TRUE);

      g_test_message ("frame %u: %u pixels differ from a fresh drawing", i, pixels_differing (kept, fresh));
      g_assert_cmpuint (pixels_differing (kept, fresh), ==, 0);
      if (previous != NULL)
        {
          if (i == 1)
            g_assert_cmpuint (pixels_differing (previous, kept), ==, 0);
          else
            g_assert_cmpuint (pixels_differing (previous, kept), >, 0);
          cairo_surface_destroy (previous);
        }
      previous = kept;
      cairo_surface_destroy (fresh);
    }

  cairo_surface_destroy (previous);
  inflight_diagram_style_clear (&light);
  inflight_diagram_style_clear (&dark);
}

/* Marks and failure marks are stamped from small kept pictures where the target is an image:
 * each at most half a pixel from where drawing it would put it, so the two pictures differ
 * only right around them; and a change of palette draws the pictures anew. */
static void
test_sprites (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  InflightDiagramStyle light = { 0 }, dark = { 0 };
  InflightViewport viewport;
  const gint64 at[] = { 100 * MS, 220 * MS, 320 * MS };
  double centres[G_N_ELEMENTS (at)][2];
  cairo_surface_t *stamped, *drawn, *stamped_dark, *drawn_dark;
  const guint8 *a, *b;
  int stride;
  guint differ = 0, far = 0;

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_mark (trace, 0, at[0], "here");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_ERROR, 1, 0, 200 * MS, at[1]);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_TIMEOUT, 1, 0, 300 * MS, at[2]);
  inflight_trace_set_duration (trace, 420 * MS);
  snapshot = snapshot_and_unref (trace);

  inflight_diagram_style_init_light (&light);
  inflight_diagram_style_init_dark (&dark);
  viewport_one_second (&viewport);
  /* Where they go: the mark on the caller's lifeline, the others just behind the heads. */
  centres[0][0] = inflight_diagram_lane_x (&viewport, 2, 0);
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      centres[i][1] = inflight_diagram_time_to_y (&viewport, at[i]);
      if (i > 0)
        centres[i][0] = inflight_diagram_lane_x (&viewport, 2, 0) + ARROW_GAP + 14;
    }

  stamped = render_image (snapshot, &light, FALSE);
  drawn = render_image (snapshot, &light, TRUE);
  a = cairo_image_surface_get_data (stamped);
  b = cairo_image_surface_get_data (drawn);
  stride = cairo_image_surface_get_stride (stamped);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        gboolean near = FALSE;

        if (memcmp (a + y * stride + 4 * x, b + y * stride + 4 * x, 4) == 0)
          continue;
        differ++;
        for (guint i = 0; i < G_N_ELEMENTS (at); i++)
          near |= fabs (x + 0.5 - centres[i][0]) <= 12 && fabs (y + 0.5 - centres[i][1]) <= 12;
        far += !near;
      }
  g_test_message ("stamped and drawn: %u pixels differ, %u of them away from the marks", differ, far);
  g_assert_cmpuint (far, ==, 0);

  /* They are there: the diamond's ink at the mark, and the error's around each failure. */
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      guint inked = 0;

      for (int dy = -4; dy <= 4; dy++)
        for (int dx = -4; dx <= 4; dx++)
          {
            InflightColor p;

            /* Off the failed reply's line: the symbol's, not the line's. */
            if (i > 0 && ABS (dy) < 2)
              continue;
            p = inflight_test_pixel (stamped, (int) centres[i][0] + dx, (int) centres[i][1] + dy);
            inked += color_distance (&p, i == 0 ? &light.foreground : &light.error) <= CLOSE;
          }
      g_test_message ("mark %u: %u pixels of its ink", i, inked);
      g_assert_cmpuint (inked, >=, 5);
    }

  /* In the dark palette the stamps are dark too: the same few pixels differ, no more. */
  stamped_dark = render_image (snapshot, &dark, FALSE);
  drawn_dark = render_image (snapshot, &dark, TRUE);
  g_test_message ("dark: %u pixels differ", pixels_differing (stamped_dark, drawn_dark));
  g_assert_cmpuint (pixels_differing (stamped_dark, drawn_dark), <=, differ + differ / 2 + 10);
  g_assert_cmpuint (pixels_differing (stamped_dark, stamped), >, 0);

  cairo_surface_destroy (stamped);
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (stamped_dark);
  cairo_surface_destroy (drawn_dark);
  inflight_diagram_style_clear (&light);
  inflight_diagram_style_clear (&dark);
}

typedef struct
{
  gboolean            is_span;
  guint               request;
  guint               kind;     /* an InflightMessageKind or InflightSpanKind */
  guint               from;     /* the lane; a span's lane */
  guint               to;       /* a span's slot */
  gint64              start;
  gint64              end;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* A queue run with what a window into it must not miss: a flight crossing into it from far
 * earlier, a message that never arrived, a span open to the end, one long span that ended.
 * Logged in order of time, as the engine logs them. */
static InflightTraceSnapshot *
make_indexed_trace (void)
{
  InflightTrace *trace = inflight_trace_new ();
  guint caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  guint queue = inflight_trace_add_lane (trace, INFLIGHT_LANE_QUEUE, "Queue");
  guint service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Workers");
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  gint64 free_at[3] = { 0 };

#define ADD(...) G_STMT_START { Entry e_ = { __VA_ARGS__ }; g_array_append_val (entries, e_); } G_STMT_END
  ADD (TRUE, 0, INFLIGHT_SPAN_WAITING, caller, 0, 0, INFLIGHT_TIME_NONE);
  ADD (TRUE, 0, INFLIGHT_SPAN_DOWN, queue, 0, 5 * MS, 700 * MS);
  ADD (FALSE, 1, INFLIGHT_MESSAGE_REQUEST, caller, service, 10 * MS, 1400 * MS);
  ADD (FALSE, 2, INFLIGHT_MESSAGE_REQUEST, caller, service, 15 * MS, INFLIGHT_TIME_NONE);
  for (guint i = 3; i < 90; i++)
    {
      gint64 t = 20 * MS + i * 20 * MS;
      guint slot = i % 3;
      gint64 start = MAX (t + 5 * MS, free_at[slot]);

      ADD (FALSE, i, INFLIGHT_MESSAGE_ENQUEUE, caller, queue, t, t + 5 * MS);
      ADD (FALSE, i, INFLIGHT_MESSAGE_DEQUEUE, queue, service, start, start + MS);
      ADD (TRUE, 0, INFLIGHT_SPAN_WORKING, service, slot, start + MS, start + 70 * MS);
      ADD (FALSE, i, i % 9 == 0 ? INFLIGHT_MESSAGE_ERROR : INFLIGHT_MESSAGE_REPLY, service, caller,
           start + 70 * MS, start + 70 * MS + (i % 4) * 15 * MS);
      free_at[slot] = start + 72 * MS;
    }
#undef ADD

  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      if (e->is_span)
        inflight_trace_append_span (trace, e->from, e->to, e->kind, e->start, e->end);
      else
        inflight_trace_append_message (trace, e->request, e->kind, e->from, e->to, e->start, e->end);
    }
  /* Not finished: the open span stays open, the message on its way. */

  return snapshot_and_unref (trace);
}

/* Draws @snapshot between @from and @from + 400 ms, at @playhead. */
static cairo_surface_t *
render_window (const InflightTraceSnapshot *snapshot,
               gint64                       from,
               gint64                       playhead)
{
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport = { WIDTH, HEIGHT, from, from + 400 * MS };
  cairo_surface_t *surface;

  inflight_diagram_style_init_light (&style);
  surface = render_image_at (snapshot, &style, &viewport, playhead, FALSE);
  inflight_diagram_style_clear (&style);

  return surface;
}

/* A frame reads only the messages and spans its times may show, found in the index kept
 * with the snapshot: every window must be the very pixels that reading them all gives. */
static void
test_index_ranges (void)
{
  g_autoptr(InflightTraceSnapshot) indexed = make_indexed_trace ();
  g_autoptr(InflightTraceSnapshot) scanned = make_indexed_trace ();
  InflightDiagramIndex *index = (InflightDiagramIndex *) inflight_diagram_index_get (indexed);
  InflightDiagramIndex *all = (InflightDiagramIndex *) inflight_diagram_index_get (scanned);
  const gint64 windows[][2] = {
    { 0, 300 }, { 200, 600 }, { 600, 900 }, { 900, 1000 }, { 1100, 1600 }, { 1300, 2000 }, { 1700, 2000 },
  };
  InflightIndexRange range;
  guint missed = 0;

  g_assert_nonnull (index);
  g_assert_true (inflight_diagram_index_get (indexed) == index);
  g_assert_true (index->messages_in_order);
  g_assert_true (index->spans_in_order);
  g_assert_cmpuint (index->n_unarrived, ==, 1);
  g_assert_cmpuint (index->unarrived[0], ==, 1);
  g_assert_cmpuint (index->n_open, ==, 1);
  g_assert_cmpuint (index->open[0], ==, 0);
  g_assert_cmpint (index->longest_flight, ==, 1390 * MS);
  g_assert_true (index->message_kinds[INFLIGHT_MESSAGE_ERROR]);
  g_assert_false (index->message_kinds[INFLIGHT_MESSAGE_TIMEOUT]);
  g_assert_cmpuint (index->max_slot[2], ==, 2);
  g_assert_cmpuint (index->n_queues, ==, 1);

  /* The one that reads everything. */
  all->messages_in_order = FALSE;
  all->spans_in_order = FALSE;

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      gint64 from = windows[w][0] * MS;
      cairo_surface_t *a = render_window (indexed, from, windows[w][1] * MS);
      cairo_surface_t *b = render_window (scanned, from, windows[w][1] * MS);

      g_test_message ("window from %" G_GINT64_FORMAT " ms: %u pixels differ", windows[w][0], pixels_differing (a, b));
      g_assert_cmpuint (pixels_differing (a, b), ==, 0);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  /* The long flight makes a late window read from it on; a later one need not… */
  inflight_diagram_index_messages (index, indexed, 1100 * MS, 1600 * MS, &range);
  g_assert_cmpuint (range.n_extra, ==, 0);
  g_assert_cmpuint (range.next, ==, 0);
  g_assert_cmpuint (range.end, <, indexed->n_messages);
  /* …but for the message still on its way, read first. */
  inflight_diagram_index_messages (index, indexed, 1500 * MS, 1600 * MS, &range);
  g_assert_cmpuint (range.n_extra, ==, 1);
  g_assert_cmpuint (range.next, >, 2);
  /* …and spans are read from the last that may reach in, after the open one. */
  inflight_diagram_index_spans (index, indexed, 1500 * MS, 1600 * MS, &range);
  g_assert_cmpuint (range.n_extra, ==, 1);
  g_assert_cmpuint (range.next, >, 10);

  /* Reading less shows: the comparison can fail. */
  index->longest_flight = 0;
  index->longest_span = 0;
  index->n_unarrived = 0;
  index->n_open = 0;
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      cairo_surface_t *a = render_window (indexed, windows[w][0] * MS, windows[w][1] * MS);
      cairo_surface_t *b = render_window (scanned, windows[w][0] * MS, windows[w][1] * MS);

      missed += pixels_differing (a, b);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
  g_test_message ("with the ranges made too narrow: %u pixels differ", missed);
  g_assert_cmpuint (missed, >, 0);
}

/* The queue's arrivals and departures, in order of time, and its length before each. */
static void
test_index_queue (void)
{
  InflightTrace *trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  const InflightDiagramIndex *index;
  const InflightQueueTrack *track;
  const gint64 at[] = { 10, 20, 25, 30, 40 };
  const int depth[] = { 0, 1, 2, 1, 2, 1 };

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_QUEUE, "Queue");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker");
  /* Logged out of order: the third request arrives before the second leaves. */
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 5, 10);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 15, 20);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_DEQUEUE, 1, 2, 25, 26);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_DEQUEUE, 1, 2, 40, 41);
  inflight_trace_append_message (trace, 3, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 27, 30);
  /* Never arrived: not in the queue. */
  inflight_trace_append_message (trace, 4, INFLIGHT_MESSAGE_ENQUEUE, 0, 1, 28, INFLIGHT_TIME_NONE);
  snapshot = snapshot_and_unref (trace);

  index = inflight_diagram_index_get (snapshot);
  g_assert_cmpuint (index->n_queues, ==, 1);
  track = &index->queues[0];
  g_assert_cmpuint (track->lane, ==, 1);
  g_assert_cmpuint (track->n, ==, G_N_ELEMENTS (at));
  for (guint i = 0; i < track->n; i++)
    g_assert_cmpint (track->events[i].at, ==, at[i]);
  for (guint i = 0; i <= track->n; i++)
    g_assert_cmpint (track->depth[i], ==, depth[i]);
  g_assert_cmpuint (inflight_queue_track_find (track, 25, FALSE), ==, 2);
  g_assert_cmpuint (inflight_queue_track_find (track, 25, TRUE), ==, 3);
  g_assert_cmpuint (inflight_queue_track_find (track, 0, FALSE), ==, 0);
  g_assert_cmpuint (inflight_queue_track_find (track, 99, FALSE), ==, track->n);
  g_assert_true (index->lost == FALSE);
  g_assert_false (index->messages_in_order);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/viewport-fit", test_viewport_fit);
  g_test_add_func ("/render/short-run-axis", test_short_run_axis);
  g_test_add_func ("/render/sub-millisecond-run-axis", test_sub_millisecond_run_axis);
  g_test_add_func ("/render/tick-labels", test_tick_labels);
  g_test_add_func ("/render/describe/plural-forms", test_describe_plural_forms);
  g_test_add_func ("/render/time-to-y", test_time_to_y);
  g_test_add_func ("/render/lanes", test_lanes);
  g_test_add_func ("/render/spans", test_spans);
  g_test_add_func ("/render/arrows", test_arrows);
  g_test_add_func ("/render/background", test_background);
  g_test_add_func ("/render/playhead", test_playhead);
  g_test_add_func ("/render/in-flight", test_in_flight);
  g_test_add_func ("/render/recording", test_recording);
  g_test_add_func ("/render/zoomed", test_zoomed);
  g_test_add_func ("/render/empty", test_empty);
  g_test_add_func ("/render/styles", test_styles);
  g_test_add_func ("/render/crossing-arrows", test_crossing_arrows);
  g_test_add_func ("/render/failure-mark", test_failure_mark);
  g_test_add_func ("/render/down-span", test_down_span);
  g_test_add_func ("/render/dark-differs", test_dark_differs);
  g_test_add_func ("/render/queue-depth", test_queue_depth);
  g_test_add_func ("/render/legend", test_legend);
  g_test_add_func ("/render/crowded", test_crowded);
  g_test_add_func ("/render/kept-layers", test_kept_layers);
  g_test_add_func ("/render/sprites", test_sprites);
  g_test_add_func ("/render/index-ranges", test_index_ranges);
  g_test_add_func ("/render/index-queue", test_index_queue);

  return g_test_run ();
}
