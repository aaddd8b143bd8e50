/* test-chart.c
 * Renders the charts of many runs onto image surfaces and checks the pixels: measured points
 * where they belong, the theory dashed along its line, paper where nothing is, crisp axes,
 * bars as tall as their counts, in the light and the dark palette; and the charts in words.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <cairo.h>
#include <gtk/gtk.h>
#include <math.h>

#include "inflight-chart.h"
#include "inflight-chart-view.h"
#include "inflight-sweep.h"
#include "inflight-test-util.h"

#define MS      ((gint64) 1000)
#define WIDTH   560
#define HEIGHT  320
#define CLOSE   0.16   /* per channel, 0…1: "this colour", allowing for antialiasing */

typedef void (*StyleInit) (InflightDiagramStyle *style);

/* Helpers */

static void
style_init_hc_light (InflightDiagramStyle *style)
{
  inflight_diagram_style_init_high_contrast (style, FALSE);
}

static double
distance (const InflightColor *a,
          const InflightColor *b)
{
  return MAX (fabs (a->red - b->red), MAX (fabs (a->green - b->green), fabs (a->blue - b->blue)));
}

static gboolean
is_color (cairo_surface_t     *surface,
          int                  x,
          int                  y,
          const InflightColor *color,
          double               tolerance)
{
  InflightColor p = inflight_test_pixel (surface, x, y);

  return distance (&p, color) <= tolerance;
}

static void
assert_color (cairo_surface_t     *surface,
              int                  x,
              int                  y,
              const InflightColor *color,
              const char          *what)
{
  InflightColor p = inflight_test_pixel (surface, x, y);

  if (distance (&p, color) > CLOSE)
    g_error ("%s: pixel (%d, %d) is (%.2f, %.2f, %.2f), expected (%.2f, %.2f, %.2f)",
             what, x, y, p.red, p.green, p.blue, color->red, color->green, color->blue);
}

static cairo_surface_t *
surface_new (cairo_t **cr)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);

  *cr = cairo_create (surface);

  return surface;
}

static void
surface_done (cairo_surface_t *surface,
              cairo_t         *cr)
{
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* Workers 1 … 8 of 8 requests of 100 ms in a queue: the theory is ⌈8/c⌉·100 ms.
 * Runs 1 … 5 are measured at 1.3 times their theory, 6 … 8 are not measured yet. */
static void
make_sweep_points (InflightChartPoint *points)
{
  for (guint i = 0; i < 8; i++)
    {
      guint workers = i + 1;

      points[i].x = workers;
      points[i].predicted = (8 + workers - 1) / workers * 100 * MS;
      points[i].measured = workers <= 5 ? points[i].predicted * 13 / 10 : -1;
    }
}

static void
position (const InflightChartPoint *points,
          double                    x,
          gint64                    value,
          double                   *px,
          double                   *py)
{
  g_assert_true (inflight_chart_sweep_point_position (WIDTH, HEIGHT, points, 8, 1, 8, x, value, px, py));
}

/* Whether the theory's colour is at (x, y) or a pixel above or below: a line of
 * two pixels at any height covers one of those three whole. */
static gboolean
theory_near (cairo_surface_t            *surface,
             double                      x,
             double                      y,
             const InflightDiagramStyle *style)
{
  for (int dy = -1; dy <= 1; dy++)
    if (is_color (surface, (int) floor (x), (int) floor (y) + dy, &style->waiting, 0.2))
      return TRUE;

  return FALSE;
}

/* Tests */

static void
check_sweep (StyleInit init)
{
  InflightDiagramStyle style;
  InflightChartPoint points[8];
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y, x0, y0, x1, y1;
  guint hits = 0, samples = 0, empty = 0;

  init (&style);
  make_sweep_points (points);

  surface = surface_new (&cr);
  inflight_chart_render_sweep (cr, WIDTH, HEIGHT, points, G_N_ELEMENTS (points), 1, 8, &style);
  surface_done (surface, cr);

  /* Every measured point is a marker of the measured colour, where its value puts it. */
  for (guint i = 0; i < 5; i++)
    {
      position (points, points[i].x, points[i].measured, &x, &y);
      g_assert_cmpfloat (x, >, INFLIGHT_CHART_AXIS_WIDTH);
      g_assert_cmpfloat (x, <, WIDTH - INFLIGHT_CHART_MARGIN);
      g_assert_cmpfloat (y, >, INFLIGHT_CHART_HEADER);
      g_assert_cmpfloat (y, <, HEIGHT - INFLIGHT_CHART_FOOTER);
      assert_color (surface, (int) floor (x), (int) floor (y), &style.working, "measured point");
    }

  /* More workers, less time: later points lie lower, to the right. */
  position (points, 1, points[0].measured, &x0, &y0);
  position (points, 5, points[4].measured, &x1, &y1);
  g_assert_cmpfloat (x1, >, x0 + 100);
  g_assert_cmpfloat (y1, >, y0 + 100);

  /* A run not measured yet has no marker and no line. */
  for (guint i = 5; i < 8; i++)
    {
      position (points, points[i].x, points[i].predicted * 13 / 10, &x, &y);
      g_assert_false (is_color (surface, (int) floor (x), (int) floor (y), &style.working, 0.3));
    }

  /* The theory, dashed: along its line from 6 to 8 workers, where nothing else is drawn,
   * its colour most of the way, but not all of it. */
  for (double w = 6.0; w <= 8.0; w += 0.02)
    {
      double t = w - floor (w);
      double a_x, a_y, b_x, b_y;
      guint i = (guint) floor (w) - 1;

      if (i >= 7)
        break;
      position (points, i + 1, points[i].predicted, &a_x, &a_y);
      position (points, i + 2, points[i + 1].predicted, &b_x, &b_y);
      samples++;
      if (theory_near (surface, a_x + (b_x - a_x) * t, a_y + (b_y - a_y) * t, &style))
        hits++;
    }
  g_test_message ("theory colour at %u of %u places along its line", hits, samples);
  g_assert_cmpuint (hits, >=, samples * 4 / 10);
  g_assert_cmpuint (hits, <=, samples * 9 / 10);

  /* The theory runs apart from the measured line between 1 and 2 workers too. */
  hits = 0;
  for (guint s = 0; s < 20; s++)
    {
      double a_x, a_y, b_x, b_y, t = 0.2 + s * 0.03;

      position (points, 1, points[0].predicted, &a_x, &a_y);
      position (points, 2, points[1].predicted, &b_x, &b_y);
      if (theory_near (surface, a_x + (b_x - a_x) * t, a_y + (b_y - a_y) * t, &style))
        hits++;
    }
  g_assert_cmpuint (hits, >=, 8);

  /* Above the data, towards the right, nothing but paper and, at most every 36 px, a grid line. */
  position (points, 7.5, points[0].measured * 9 / 10, &x, &y);
  for (int dy = 0; dy < 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      if (is_color (surface, (int) x + dx, (int) y + dy, &style.background, 0.01))
        empty++;
  g_assert_cmpuint (empty, >=, 14);

  inflight_diagram_style_clear (&style);
  cairo_surface_destroy (surface);
}

static void
test_sweep_light (void)
{
  check_sweep (inflight_diagram_style_init_light);
}

static void
test_sweep_dark (void)
{
  check_sweep (inflight_diagram_style_init_dark);
}

static void
test_sweep_high_contrast (void)
{
  check_sweep (style_init_hc_light);
}

/* Axis lines sit on pixel centres: one row of ink, and paper on either side. */
static void
test_sweep_crisp (void)
{
  InflightDiagramStyle style;
  InflightChartPoint points[8];
  cairo_surface_t *surface;
  cairo_t *cr;
  InflightColor ink, above, below;
  double x_a, x_b, y;
  int base = (int) floor (HEIGHT - INFLIGHT_CHART_FOOTER);
  int mid;

  inflight_diagram_style_init_light (&style);
  make_sweep_points (points);

  surface = surface_new (&cr);
  inflight_chart_render_sweep (cr, WIDTH, HEIGHT, points, G_N_ELEMENTS (points), 1, 8, &style);
  surface_done (surface, cr);

  /* Between the ticks of 7 and 8 workers. */
  position (points, 7, 0, &x_a, &y);
  position (points, 8, 0, &x_b, &y);
  mid = (int) ((x_a + x_b) / 2);

  ink = inflight_test_pixel (surface, mid, base);
  above = inflight_test_pixel (surface, mid, base - 1);
  below = inflight_test_pixel (surface, mid, base + 1);
  g_assert_cmpfloat (distance (&ink, &style.background), >, 0.2);
  g_assert_cmpfloat (distance (&above, &style.background), <, 0.01);
  g_assert_cmpfloat (distance (&below, &style.background), <, 0.01);

  /* Every pixel of the baseline's row is the same ink: no blur from half-covered pixels. */
  for (int x = (int) INFLIGHT_CHART_AXIS_WIDTH + 2; x < WIDTH - INFLIGHT_CHART_MARGIN - 2; x += 5)
    {
      InflightColor p = inflight_test_pixel (surface, x, base);

      g_assert_cmpfloat (distance (&p, &ink), <, 0.01);
    }

  inflight_diagram_style_clear (&style);
  cairo_surface_destroy (surface);
}

/* A chart with nothing measured yet still draws the theory, and no marker. */
static void
test_sweep_live (void)
{
  InflightDiagramStyle style;
  InflightChartPoint points[8];
  cairo_surface_t *surface;
  cairo_t *cr;
  guint markers = 0;

  inflight_diagram_style_init_light (&style);
  make_sweep_points (points);
  for (guint i = 0; i < 8; i++)
    points[i].measured = -1;

  surface = surface_new (&cr);
  inflight_chart_render_sweep (cr, WIDTH, HEIGHT, points, G_N_ELEMENTS (points), 1, 8, &style);
  surface_done (surface, cr);

  for (int y = (int) INFLIGHT_CHART_HEADER; y < HEIGHT - INFLIGHT_CHART_FOOTER; y++)
    for (int x = (int) INFLIGHT_CHART_AXIS_WIDTH; x < WIDTH - INFLIGHT_CHART_MARGIN; x++)
      if (is_color (surface, x, y, &style.working, 0.1))
        markers++;
  g_assert_cmpuint (markers, ==, 0);

  /* The whole theory is there from the start, on every segment. */
  for (guint i = 0; i + 1 < 8; i++)
    {
      double a_x, a_y, b_x, b_y;
      guint hits = 0;

      position (points, points[i].x, points[i].predicted, &a_x, &a_y);
      position (points, points[i + 1].x, points[i + 1].predicted, &b_x, &b_y);
      for (guint s = 0; s < 20; s++)
        {
          double t = (s + 0.5) / 20;

          if (theory_near (surface, a_x + (b_x - a_x) * t, a_y + (b_y - a_y) * t, &style))
            hits++;
        }
      g_assert_cmpuint (hits, >=, 6);
    }

  g_assert_false (inflight_chart_sweep_point_position (40, 30, points, 8, 1, 8, 1, 0, &(double) { 0 }, &(double) { 0 }));

  inflight_diagram_style_clear (&style);
  cairo_surface_destroy (surface);
}

/* The height of the bar at @x, scanned up from the baseline. */
static int
bar_height_at (cairo_surface_t            *surface,
               int                         x,
               const InflightDiagramStyle *style)
{
  int base = (int) floor (HEIGHT - INFLIGHT_CHART_FOOTER);
  int height = 0;

  for (int y = base - 1; y >= 0 && is_color (surface, x, y, &style->working, CLOSE); y--)
    height++;

  return height;
}

static void
check_histogram (StyleInit init)
{
  InflightDiagramStyle style;
  const guint counts[] = { 3, 7, 0, 2, 0, 1 };
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y, w, h;
  int tallest, base = (int) floor (HEIGHT - INFLIGHT_CHART_FOOTER);

  init (&style);

  surface = surface_new (&cr);
  inflight_chart_render_histogram (cr, WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), &style);
  surface_done (surface, cr);

  /* The tallest bar's top is where the helper says: bar below it, paper just above it. */
  g_assert_true (inflight_chart_histogram_bar (WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), 1, &x, &y, &w, &h));
  g_assert_cmpfloat (y, >=, INFLIGHT_CHART_HEADER);
  g_assert_cmpfloat (h, >, 100);
  assert_color (surface, (int) (x + w / 2), (int) ceil (y) + 1, &style.working, "top of the tallest bar");
  assert_color (surface, (int) (x + w / 2), (int) floor (y) - 2, &style.background, "above the tallest bar");
  tallest = bar_height_at (surface, (int) (x + w / 2), &style);
  g_assert_cmpfloat (fabs (tallest - h), <=, 1.5);

  /* Every bar as tall as its count, in proportion to the tallest. */
  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      int height;

      g_assert_true (inflight_chart_histogram_bar (WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), k, &x, &y, &w, &h));
      height = bar_height_at (surface, (int) (x + w / 2), &style);
      g_test_message ("bar %u: %d px for %u runs", k, height, counts[k]);
      g_assert_cmpfloat (fabs (height - tallest * counts[k] / 7.0), <=, 1.5);

      /* A bar with no runs draws nothing at all above the axis, not even a count. */
      if (counts[k] == 0)
        for (int row = (int) INFLIGHT_CHART_HEADER; row < base; row++)
          for (int dx = (int) -w / 2; dx <= (int) w / 2; dx++)
            g_assert_false (is_color (surface, (int) (x + w / 2) + dx, row, &style.working, 0.3) ||
                            is_color (surface, (int) (x + w / 2) + dx, row, &style.foreground, 0.3));
    }

  /* Bars stand apart: paper between two neighbours. */
  g_assert_true (inflight_chart_histogram_bar (WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), 0, &x, &y, &w, &h));
  assert_color (surface, (int) (x + w + 4), base - 3, &style.background, "between two bars");

  g_assert_false (inflight_chart_histogram_bar (WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), 6, &x, &y, &w, &h));

  inflight_diagram_style_clear (&style);
  cairo_surface_destroy (surface);
}

static void
test_histogram_light (void)
{
  check_histogram (inflight_diagram_style_init_light);
}

static void
test_histogram_dark (void)
{
  check_histogram (inflight_diagram_style_init_dark);
}

/* The palettes reach the pixels: the same chart in light and in dark differs in its paper. */
static void
test_palettes (void)
{
  const guint counts[] = { 4, 2, 1, 0 };
  InflightDiagramStyle light, dark;
  cairo_surface_t *a, *b;
  cairo_t *cr;
  InflightColor pa, pb;

  inflight_diagram_style_init_light (&light);
  inflight_diagram_style_init_dark (&dark);

  a = surface_new (&cr);
  inflight_chart_render_histogram (cr, WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), &light);
  surface_done (a, cr);
  b = surface_new (&cr);
  inflight_chart_render_histogram (cr, WIDTH, HEIGHT, counts, G_N_ELEMENTS (counts), &dark);
  surface_done (b, cr);

  pa = inflight_test_pixel (a, WIDTH - 4, 4);
  pb = inflight_test_pixel (b, WIDTH - 4, 4);
  g_assert_cmpfloat (distance (&pa, &light.background), <, 0.01);
  g_assert_cmpfloat (distance (&pb, &dark.background), <, 0.01);

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  inflight_diagram_style_clear (&light);
  inflight_diagram_style_clear (&dark);
}

/* Odd inputs draw without error: no bars, no points, one worker count, a tiny area. */
static void
test_degenerate (void)
{
  const guint zeros[3] = { 0, 0, 0 };
  InflightChartPoint one = { 4, 123 * MS, 120 * MS };
  InflightDiagramStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y;

  inflight_diagram_style_init_light (&style);
  surface = surface_new (&cr);

  inflight_chart_render_histogram (cr, WIDTH, HEIGHT, NULL, 0, &style);
  inflight_chart_render_histogram (cr, WIDTH, HEIGHT, zeros, 3, &style);
  inflight_chart_render_sweep (cr, WIDTH, HEIGHT, NULL, 0, 1, 16, &style);
  inflight_chart_render_sweep (cr, 30, 20, &one, 1, 4, 4, &style);
  inflight_chart_render_sweep (cr, WIDTH, HEIGHT, &one, 1, 4, 4, &style);
  surface_done (surface, cr);

  /* A single worker count sits in the middle. */
  g_assert_true (inflight_chart_sweep_point_position (WIDTH, HEIGHT, &one, 1, 4, 4, 4, one.measured, &x, &y));
  g_assert_cmpfloat (fabs (x - (INFLIGHT_CHART_AXIS_WIDTH + WIDTH - INFLIGHT_CHART_MARGIN) / 2), <, 0.01);
  assert_color (surface, (int) floor (x), (int) floor (y), &style.working, "a lone point");

  inflight_diagram_style_clear (&style);
  cairo_surface_destroy (surface);
}

static void
assert_histogram_text (const guint *counts,
                       guint        n_counts,
                       const char  *expected)
{
  g_autofree char *text = inflight_chart_describe_histogram (counts, n_counts);

  g_assert_cmpstr (text, ==, expected);
}

/* The charts in words: one count per phrase, each in its singular for 1 and its plural for 2. */
static void
test_describe_plural_forms (void)
{
  const guint one_run[] = { 1 };
  const guint one_each[] = { 0, 1 };
  const guint two_each[] = { 2, 0, 2 };
  const guint none[] = { 0, 0 };
  const InflightChartPoint points[] = {
    { 1, 3 * G_USEC_PER_SEC, 3 * G_USEC_PER_SEC },
    { 2, 1500 * MS, 1500 * MS },
    { 3, -1, 1 * G_USEC_PER_SEC },
  };
  g_autofree char *text = NULL;

  assert_histogram_text (one_run, G_N_ELEMENTS (one_run), "1 run measured; 1 run had every reply in order");
  assert_histogram_text (one_each, G_N_ELEMENTS (one_each),
                         "1 run measured; 0 runs had every reply in order; 1 run had 1 reply out of order");
  assert_histogram_text (two_each, G_N_ELEMENTS (two_each),
                         "4 runs measured; 2 runs had every reply in order; 2 runs had 2 replies out of order");
  assert_histogram_text (none, G_N_ELEMENTS (none), "");

  text = inflight_chart_describe_sweep (points, G_N_ELEMENTS (points));
  g_assert_cmpstr (text, ==, "1 worker: 3.00 s (theory 3.00 s); 2 workers: 1.50 s (theory 1.50 s)");
}

static void
sweep_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (inflight_sweep_run_finish (INFLIGHT_SWEEP (object), result, NULL));
  *done = TRUE;
}

/* What the chart view tells a screen reader after a sweep of @n_runs seeds, each run one
 * request, which cannot come out of order. */
static char *
view_summary_after (guint n_runs)
{
  g_autoptr(InflightScenario) base = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 1, 1, 1);
  g_autoptr(InflightSweep) sweep = inflight_sweep_new_seeds (base, n_runs);
  InflightChartView *view = INFLIGHT_CHART_VIEW (g_object_ref_sink (inflight_chart_view_new ()));
  gboolean done = FALSE;
  char *summary;

  inflight_chart_view_set_sweep (view, sweep);
  inflight_sweep_run_async (sweep, NULL, sweep_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  summary = g_strdup (inflight_chart_view_get_summary (view));
  g_assert_finalize_object (view);

  return summary;
}

/* The summary of lesson 10's histogram, for one run and for two. */
static void
test_view_summary_plural_forms (void)
{
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  if (!gtk_is_initialized ())
    {
      g_test_skip ("No display to make the chart view on");
      return;
    }

  one = view_summary_after (1);
  g_assert_cmpstr (one, ==, "1 run measured; 1 run had every reply in order");
  two = view_summary_after (2);
  g_assert_cmpstr (two, ==, "2 runs measured; 2 runs had every reply in order");
}

/* Lesson 8's throughput: the same runs as replies per second, measured and in theory, drawn
 * rising with the workers, and said in words. */
static void
test_throughput (void)
{
  const InflightChartPoint times[] = {
    { 1, 2400000, 2400000 },
    { 8, 300000, 290000 },
    { 16, 150000, 150000 },
    { 24, -1, 150000 },
  };
  g_autofree InflightChartPoint *rates = inflight_chart_throughput_points (times, G_N_ELEMENTS (times), 16);
  g_autofree char *words = inflight_chart_describe_throughput (rates, G_N_ELEMENTS (times));
  InflightDiagramStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  g_assert_cmpint (rates[0].measured, ==, 7);     /* 16 in 2.4 s: 6.67 a second */
  g_assert_cmpint (rates[1].measured, ==, 53);
  g_assert_cmpint (rates[1].predicted, ==, 55);
  g_assert_cmpint (rates[2].measured, ==, 107);
  g_assert_cmpint (rates[3].measured, ==, -1);    /* not measured yet: still not drawn */
  g_assert_cmpint (rates[3].predicted, ==, 107);
  g_assert_cmpuint (rates[3].x, ==, 24);
  g_assert_cmpstr (words, ==, "1 worker: 7 replies a second (theory 7); 8 workers: 53 replies a second (theory 55); "
                              "16 workers: 107 replies a second (theory 107)");

  inflight_diagram_style_init_light (&style);
  inflight_chart_render_throughput (cr, WIDTH, HEIGHT, rates, G_N_ELEMENTS (times), 1, 24, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  inflight_diagram_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  gtk_init_check ();

  g_test_add_func ("/chart/sweep/light", test_sweep_light);
  g_test_add_func ("/chart/sweep/dark", test_sweep_dark);
  g_test_add_func ("/chart/sweep/high-contrast", test_sweep_high_contrast);
  g_test_add_func ("/chart/sweep/crisp", test_sweep_crisp);
  g_test_add_func ("/chart/sweep/live", test_sweep_live);
  g_test_add_func ("/chart/histogram/light", test_histogram_light);
  g_test_add_func ("/chart/histogram/dark", test_histogram_dark);
  g_test_add_func ("/chart/palettes", test_palettes);
  g_test_add_func ("/chart/degenerate", test_degenerate);
  g_test_add_func ("/chart/throughput", test_throughput);
  g_test_add_func ("/chart/describe/plural-forms", test_describe_plural_forms);
  g_test_add_func ("/chart/view/summary-plural-forms", test_view_summary_plural_forms);

  return g_test_run ();
}
