/* test-experiment-replay.c
 * A run saved in an experiment file and opened again draws exactly as the run itself did: the
 * last frame of each, rendered at one size with one palette, is the same pixel for pixel, for
 * finished runs of several strategies and for a run stopped half way.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "inflight-diagram.h"
#include "inflight-experiment.h"
#include "inflight-test-util.h"

#define WIDTH  900
#define HEIGHT 700

/* The last frame of @snapshot, drawn fitted to WIDTH × HEIGHT. */
static cairo_surface_t *
last_frame (const InflightTraceSnapshot *snapshot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport = { 0 };

  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, snapshot, WIDTH, HEIGHT);
  inflight_diagram_render (cr, snapshot, inflight_trace_snapshot_end_time (snapshot), &viewport, &style);
  inflight_diagram_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* How many pixels differ between two frames of the same size. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a);
  const guchar *pb = cairo_image_surface_get_data (b);
  guint differ = 0;

  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      differ += memcmp (pa + y * stride + 4 * x, pb + y * stride + 4 * x, 4) != 0;

  return differ;
}

static void
assert_replays_identically (InflightScenario *scenario,
                            guint             stop_after_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InflightTraceSnapshot) original = inflight_test_run (scenario, stop_after_ms, &error);
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightExperiment) opened = NULL;
  g_autofree char *data = NULL;
  cairo_surface_t *before, *after;
  InflightTraceSnapshot *replayed;
  gsize length = 0;
  guint differ;

  /* A stopped run says so, and keeps what it recorded up to the stop. */
  if (stop_after_ms > 0)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (original);
  g_assert_true (original->finished);

  /* An experiment of this one pane and its run, as a file holds it. */
  inflight_experiment_add_pane (experiment, scenario);
  inflight_experiment_remove_pane (experiment, 0);
  inflight_experiment_set_trace (experiment, 0, original);
  data = inflight_experiment_to_data (experiment, TRUE, &length);
  opened = inflight_experiment_load_data (data, length, "replay.inflight", &error);
  g_assert_no_error (error);
  replayed = inflight_experiment_get_trace (opened, 0);
  g_assert_nonnull (replayed);

  before = last_frame (original);
  after = last_frame (replayed);
  differ = count_differences (before, after);
  g_test_message ("%s, %u requests%s: %u of %u pixels differ",
                  inflight_strategy_to_string (inflight_scenario_get_strategy (scenario)),
                  inflight_scenario_get_requests (scenario), stop_after_ms > 0 ? ", stopped" : "",
                  differ, WIDTH * HEIGHT);
  if (differ != 0 && g_getenv ("INFLIGHT_TEST_KEEP") != NULL)
    {
      cairo_surface_write_to_png (before, "replay-before.png");
      cairo_surface_write_to_png (after, "replay-after.png");
    }
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);

  g_assert_cmpuint (differ, ==, 0);
}

/* Callbacks whose replies jitter and sometimes fail, a queue with fewer workers than requests,
 * and a future's awaits: each with its spans, messages, marks and notes. */
static void
test_finished_runs_replay (void)
{
  const struct { InflightStrategy strategy; guint requests, latency, workers, jitter, failure; } runs[] = {
    { INFLIGHT_STRATEGY_CALLBACK, 6, 60, 6, 60, 30 },
    { INFLIGHT_STRATEGY_QUEUE, 7, 40, 2, 20, 0 },
    { INFLIGHT_STRATEGY_BLOCKING, 3, 40, 1, 0, 34 },
    { INFLIGHT_STRATEGY_FUTURE, 4, 50, 4, 30, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr(InflightScenario) scenario = inflight_test_scenario (runs[i].strategy, runs[i].requests,
                                                                     runs[i].latency, runs[i].workers);

      inflight_scenario_set_jitter_pct (scenario, runs[i].jitter);
      inflight_scenario_set_failure_pct (scenario, runs[i].failure);
      inflight_scenario_set_seed (scenario, 7 + i);
      assert_replays_identically (scenario, 0);
    }
}

/* A run stopped with calls still out: those are drawn as given up, before and after. */
static void
test_stopped_run_replays (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 8, 400, 8);

  inflight_scenario_set_jitter_pct (scenario, 50);
  assert_replays_identically (scenario, 250);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment/replay/finished-runs", test_finished_runs_replay);
  g_test_add_func ("/experiment/replay/stopped-run", test_stopped_run_replays);

  return g_test_run ();
}
