/* test-diagram-layout.c
 * Where the diagram puts its words (labels clear of each other and of what they would hide,
 * headers that always name their lane, a legend that explains every look), checked on what its layout returns rather than on
 * pixels: every lesson's preset, run for real, at a wide, a middling and a narrow size; small
 * traces made by hand for the cases the presets may not hit; and runs of 100,000 messages,
 * drawn as how many are in flight rather than as arrows, until zoomed in.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "inflight-diagram-layout.h"
#include "inflight-lesson.h"
#include "inflight-model.h"
#include "inflight-test-util.h"

#define MS ((gint64) 1000)

static const double sizes[][2] = { { 960, 640 }, { 600, 480 }, { 420, 360 } };

typedef struct
{
  guint labels;
  guint obstacles;
  guint layouts;
  guint short_headers;
  guint legend_rows;
} Seen;

static void
assert_apart (const InflightLabelBox *a,
              const InflightLabelBox *b,
              const char             *what)
{
  gboolean meet = a->x < b->x + b->width && b->x < a->x + a->width &&
                  a->y < b->y + b->height && b->y < a->y + a->height;

  if (meet)
    g_error ("%s: (%g, %g, %g x %g) meets (%g, %g, %g x %g)", what,
             a->x, a->y, a->width, a->height, b->x, b->y, b->width, b->height);
}

/* The looks the legend must explain for @snapshot, worked out here from the trace itself. */
static void
expected_looks (const InflightTraceSnapshot *snapshot,
                gboolean                    *looks)
{
  static const InflightLegendLook span_look[] = {
    [INFLIGHT_SPAN_WORKING] = INFLIGHT_LEGEND_WORKING,
    [INFLIGHT_SPAN_WAITING] = INFLIGHT_LEGEND_WAITING,
    [INFLIGHT_SPAN_IDLE] = INFLIGHT_LEGEND_FREE,
    [INFLIGHT_SPAN_READY] = INFLIGHT_LEGEND_READY,
    [INFLIGHT_SPAN_DOWN] = INFLIGHT_LEGEND_DOWN,
    [INFLIGHT_SPAN_FROZEN] = INFLIGHT_LEGEND_FROZEN,
  };

  for (guint i = 0; i < snapshot->n_spans; i++)
    looks[span_look[snapshot->spans[i].kind]] = TRUE;
  for (guint i = 0; i < snapshot->n_messages; i++)
    switch (snapshot->messages[i].kind)
      {
      case INFLIGHT_MESSAGE_REQUEST:
      case INFLIGHT_MESSAGE_ENQUEUE:
      case INFLIGHT_MESSAGE_DEQUEUE:
        looks[INFLIGHT_LEGEND_REQUEST] = TRUE;
        break;
      case INFLIGHT_MESSAGE_REPLY:
      case INFLIGHT_MESSAGE_CALLBACK:
        looks[INFLIGHT_LEGEND_REPLY] = TRUE;
        break;
      case INFLIGHT_MESSAGE_ERROR:
        looks[INFLIGHT_LEGEND_FAILED] = TRUE;
        break;
      case INFLIGHT_MESSAGE_TIMEOUT:
        looks[INFLIGHT_LEGEND_TIMED_OUT] = TRUE;
        break;
      case INFLIGHT_MESSAGE_CANCEL:
      default:
        looks[INFLIGHT_LEGEND_STOPPED] = TRUE;
        break;
      }
  for (guint i = 0; i < snapshot->n_lanes; i++)
    if (snapshot->lanes[i].role == INFLIGHT_LANE_QUEUE)
      looks[INFLIGHT_LEGEND_QUEUE] = TRUE;
  if (snapshot->n_marks > 0)
    looks[INFLIGHT_LEGEND_NOTE] = TRUE;
}

/* Every look on the page has its entry, inside the footer, none over another. */
static void
check_legend (const InflightTraceSnapshot *snapshot,
              const InflightDiagramLayout *layout,
              const InflightViewport      *viewport,
              Seen                        *seen)
{
  gboolean expected[INFLIGHT_N_LEGEND_LOOKS] = { FALSE };
  gboolean found[INFLIGHT_N_LEGEND_LOOKS] = { FALSE };
  const InflightLegendEntry *entries;
  double footer = inflight_diagram_footer_height (viewport);
  guint n_entries;

  expected_looks (snapshot, expected);
  entries = inflight_diagram_layout_get_legend (layout, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      g_assert_cmpint (entries[i].look, >=, 0);
      g_assert_cmpint (entries[i].look, <, INFLIGHT_N_LEGEND_LOOKS);
      found[entries[i].look] = TRUE;
      g_assert_cmpfloat (entries[i].x, >=, INFLIGHT_DIAGRAM_AXIS_WIDTH);
      g_assert_cmpfloat (entries[i].x + entries[i].width, <=, viewport->width - INFLIGHT_DIAGRAM_MARGIN);
      g_assert_cmpfloat (entries[i].y - 7, >=, viewport->height - footer);
      g_assert_cmpfloat (entries[i].y + 7, <=, viewport->height);
      for (guint j = 0; j < i; j++)
        g_assert_true (fabs (entries[i].y - entries[j].y) >= 14 ||
                       entries[i].x >= entries[j].x + entries[j].width ||
                       entries[j].x >= entries[i].x + entries[i].width);
    }
  for (guint k = 0; k < INFLIGHT_N_LEGEND_LOOKS; k++)
    if (expected[k] && !found[k])
      g_error ("at %g px wide, the legend does not explain look %u", viewport->width, k);
  seen->legend_rows = MAX (seen->legend_rows, (guint) (footer / 18));
}

/* No two labels meet, no label meets what it must keep clear of, all lie in the time area. */
static void
check_labels (const InflightTraceSnapshot *snapshot,
              double                       width,
              double                       height,
              Seen                        *seen)
{
  g_autoptr(InflightDiagramLayout) layout = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  const InflightLabelBox *labels, *obstacles;
  guint n_labels, n_obstacles;

  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, snapshot, width, height);
  layout = inflight_diagram_layout_new (snapshot, &viewport, &style);
  labels = inflight_diagram_layout_get_labels (layout, &n_labels);
  obstacles = inflight_diagram_layout_get_obstacles (layout, &n_obstacles);

  for (guint i = 0; i < n_labels; i++)
    {
      g_assert_cmpint (labels[i].kind, !=, INFLIGHT_LABEL_OBSTACLE);
      g_assert_cmpfloat (labels[i].width, >, 0);
      g_assert_cmpfloat (labels[i].y, >=, INFLIGHT_DIAGRAM_HEADER_HEIGHT);
      g_assert_cmpfloat (labels[i].x + labels[i].width, <=, width);
      for (guint j = i + 1; j < n_labels; j++)
        assert_apart (&labels[i], &labels[j], "two labels");
      for (guint j = 0; j < n_obstacles; j++)
        assert_apart (&labels[i], &obstacles[j], "a label and a bar, a head or a mark");
    }

  /* Every header says something, and tells its lane from the others. */
  g_assert_cmpuint (inflight_diagram_layout_get_n_columns (layout), ==, snapshot->n_lanes);
  for (guint i = 0; i < snapshot->n_lanes; i++)
    {
      const char *header = inflight_diagram_layout_get_header (layout, i);

      g_assert_cmpstr (inflight_diagram_layout_get_full_name (layout, i), ==, snapshot->lanes[i].label);
      g_assert_nonnull (header);
      g_assert_cmpstr (header, !=, "");
      g_assert_cmpstr (header, !=, "…");
      g_assert_false (g_str_has_suffix (header, "…"));
      seen->short_headers += strcmp (header, snapshot->lanes[i].label) != 0;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (snapshot->lanes[i].label, snapshot->lanes[j].label) != 0)
          g_assert_cmpstr (header, !=, inflight_diagram_layout_get_header (layout, j));
    }

  check_legend (snapshot, layout, &viewport, seen);

  seen->labels += n_labels;
  seen->obstacles += n_obstacles;
  seen->layouts++;
  inflight_diagram_style_clear (&style);
}

static void
check_snapshot (const InflightTraceSnapshot *snapshot,
                Seen                        *seen)
{
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    check_labels (snapshot, sizes[s][0], sizes[s][1], seen);
}

static void
run_and_check (InflightScenario *scenario,
               Seen             *seen)
{
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  if (scenario == NULL || inflight_scenario_get_latency_ms (scenario) == 0)
    return;

  /* Short enough to run every lesson; the shapes of the diagrams stay the same. */
  inflight_scenario_set_latency_ms (scenario, MIN (inflight_scenario_get_latency_ms (scenario), 200));
  snapshot = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  check_snapshot (snapshot, seen);
}

static void
test_presets_labels_apart (void)
{
  GListModel *lessons = inflight_lessons_get_all ();
  Seen seen = { 0 };

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      g_autoptr(InflightScenario) scenario = inflight_lesson_create_scenario (lesson);
      g_autoptr(InflightScenario) comparison = inflight_lesson_create_comparison (lesson);

      run_and_check (scenario, &seen);
      run_and_check (comparison, &seen);
    }

  /* The presets do have labels to place, and things to keep them from. */
  g_assert_cmpuint (seen.layouts, >, 20);
  g_assert_cmpuint (seen.labels, >, 50);
  g_assert_cmpuint (seen.obstacles, >, seen.labels);
  /* At the narrow size, the legend needs more than one row… */
  g_assert_cmpuint (seen.legend_rows, >=, 2);
  /* …and some names are too long for their lanes. */
  g_assert_cmpuint (seen.short_headers, >, 0);
}

/* Two workers reply to the caller at one moment: drawn as one line, their numbers would run
 * together. One of them is moved off the other, and both keep their numbers. */
static void
test_same_time_replies (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(InflightDiagramLayout) layout = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  const InflightLabelBox *labels;
  guint caller, w1, w2, reply1, reply2, n_labels;
  gboolean labelled1 = FALSE, labelled2 = FALSE;
  Seen seen = { 0 };

  inflight_trace_start (trace);
  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  w1 = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker 1");
  w2 = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker 2");
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, caller, w1, 0, 1 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REQUEST, caller, w2, 0, 1 * MS);
  inflight_trace_append_span (trace, w1, 0, INFLIGHT_SPAN_WORKING, 1 * MS, 300 * MS);
  inflight_trace_append_span (trace, w2, 0, INFLIGHT_SPAN_WORKING, 1 * MS, 300 * MS);
  reply1 = inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, w1, caller, 300 * MS, 301 * MS);
  reply2 = inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REPLY, w2, caller, 300 * MS, 301 * MS);
  inflight_trace_set_duration (trace, 400 * MS);
  snapshot = inflight_trace_snapshot (trace);

  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, snapshot, 800, 600);
  layout = inflight_diagram_layout_new (snapshot, &viewport, &style);

  g_assert_cmpfloat (inflight_diagram_layout_get_nudge (layout, reply1), ==, 0);
  g_assert_cmpfloat (inflight_diagram_layout_get_nudge (layout, reply2), >=, 3);

  labels = inflight_diagram_layout_get_labels (layout, &n_labels);
  for (guint i = 0; i < n_labels; i++)
    {
      labelled1 |= labels[i].kind == INFLIGHT_LABEL_MESSAGE && labels[i].index == reply1;
      labelled2 |= labels[i].kind == INFLIGHT_LABEL_MESSAGE && labels[i].index == reply2;
    }
  g_assert_true (labelled1);
  g_assert_true (labelled2);
  check_snapshot (snapshot, &seen);
  inflight_diagram_style_clear (&style);
}

/* A note whose words are longer than the gap to the next lane stops short of that lane's
 * bars, however many there are side by side. */
static void
test_note_clear_of_bars (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(InflightDiagramLayout) layout = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  const InflightLabelBox *labels;
  guint caller, service, n_labels, n_notes = 0;
  double bar_left;
  Seen seen = { 0 };

  inflight_trace_start (trace);
  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WORKING, 0, 100 * MS);
  for (guint slot = 0; slot < 3; slot++)
    inflight_trace_append_span (trace, service, slot, INFLIGHT_SPAN_WAITING, 0, 400 * MS);
  inflight_trace_append_mark (trace, caller, 100 * MS,
                              "did 212 slices of work while it waited for the service to answer");
  inflight_trace_set_duration (trace, 400 * MS);
  snapshot = inflight_trace_snapshot (trace);

  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, snapshot, 400, 400);
  layout = inflight_diagram_layout_new (snapshot, &viewport, &style);

  /* The service's three bars, 14 px wide and 2 px apart, are centred on its lifeline. */
  bar_left = inflight_diagram_lane_x (&viewport, 2, service) - 23;
  labels = inflight_diagram_layout_get_labels (layout, &n_labels);
  for (guint i = 0; i < n_labels; i++)
    if (labels[i].kind == INFLIGHT_LABEL_MARK)
      {
        n_notes++;
        g_assert_cmpfloat (labels[i].x + labels[i].width, <=, bar_left);
      }
  g_assert_cmpuint (n_notes, ==, 1);
  check_snapshot (snapshot, &seen);
  inflight_diagram_style_clear (&style);
}

/* A queue run of @n_requests: the caller puts all of them in the queue at once, @n_workers
 * workers take them in turn, each holding one for 10 ms, and reply. @gap: µs between two
 * requests put in the queue. */
static InflightTraceSnapshot *
make_queue_run (guint  n_requests,
                guint  n_workers,
                gint64 gap)
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

  for (guint i = 1; i <= n_requests; i++)
    {
      gint64 sent = i * gap, start;
      guint w = i % n_workers;

      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_ENQUEUE, caller, queue, sent, sent + 1);
      start = MAX (sent + 1, free_at[w]);
      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_DEQUEUE, queue, lanes[w], start, start + 1);
      inflight_trace_append_span (trace, lanes[w], 0, INFLIGHT_SPAN_WAITING, start + 1, start + 10 * MS);
      inflight_trace_append_message (trace, i, INFLIGHT_MESSAGE_REPLY, lanes[w], caller,
                                     start + 10 * MS, start + 10 * MS + 20);
      free_at[w] = start + 10 * MS;
      end = MAX (end, free_at[w] + 20);
    }
  inflight_trace_set_duration (trace, end + MS);

  return inflight_trace_snapshot (trace);
}

static gboolean
legend_has (const InflightDiagramLayout *layout,
            InflightLegendLook           look)
{
  const InflightLegendEntry *entries;
  guint n;

  entries = inflight_diagram_layout_get_legend (layout, &n);
  for (guint i = 0; i < n; i++)
    if (entries[i].look == (int) look)
      return TRUE;

  return FALSE;
}

/* 100,000 requests to 64 workers, all of it at 1280 × 800: too many messages per pixel row to
 * draw one by one, and too many lanes for their names. The diagram shows how many are in
 * flight and queued instead, the workers in one lane; zoomed into the first microseconds,
 * where each message has room, single arrows again, numbered. */
static void
test_aggregate_at_scale (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_queue_run (100000, 64, 1);
  g_autoptr(InflightDiagramLayout) whole = NULL;
  g_autoptr(InflightDiagramLayout) zoomed = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  const InflightLabelBox *labels;
  guint n_labels;

  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, snapshot, 1280, 800);
  whole = inflight_diagram_layout_new (snapshot, &viewport, &style);
  g_assert_true (inflight_diagram_layout_get_aggregate (whole));
  g_assert_cmpuint (inflight_diagram_layout_get_n_columns (whole), ==, 3);
  g_assert_cmpstr (inflight_diagram_layout_get_header (whole, 0), ==, "Caller thread");
  g_assert_cmpstr (inflight_diagram_layout_get_header (whole, 1), ==, "Queue");
  g_assert_cmpstr (inflight_diagram_layout_get_header (whole, 2), ==, "Workers 1–64");
  g_assert_true (legend_has (whole, INFLIGHT_LEGEND_IN_FLIGHT));
  g_assert_true (legend_has (whole, INFLIGHT_LEGEND_QUEUE));
  g_assert_true (legend_has (whole, INFLIGHT_LEGEND_WAITING));
  /* No arrows, so nothing to number, and no arrow in the legend. */
  labels = inflight_diagram_layout_get_labels (whole, &n_labels);
  g_assert_cmpuint (n_labels, ==, 0);
  g_assert_false (legend_has (whole, INFLIGHT_LEGEND_REQUEST));

  /* The first 40 µs: as many requests, each put in the queue and taken by a worker. */
  viewport.t_start = 0;
  viewport.t_end = 40;
  zoomed = inflight_diagram_layout_new (snapshot, &viewport, &style);
  g_assert_false (inflight_diagram_layout_get_aggregate (zoomed));
  g_assert_cmpstr (inflight_diagram_layout_get_header (zoomed, 2), ==, "Workers 1–64");
  g_assert_true (legend_has (zoomed, INFLIGHT_LEGEND_REQUEST));
  labels = inflight_diagram_layout_get_labels (zoomed, &n_labels);
  g_assert_cmpuint (n_labels, >, 0);
  for (guint i = 0; i < n_labels; i++)
    g_assert_cmpint (labels[i].kind, ==, INFLIGHT_LABEL_MESSAGE);

  inflight_diagram_style_clear (&style);
}

/* A run of 100,000 messages between three lanes, a request every 11 ms: all of it is a wall of
 * arrows, its first second is a few dozen that each can be followed. */
static void
test_first_second_single_arrows (void)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_queue_run (33334, 8, 11 * MS);
  g_autoptr(InflightDiagramLayout) whole = NULL;
  g_autoptr(InflightDiagramLayout) first = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  guint n_labels;

  g_assert_cmpuint (snapshot->n_messages, >=, 100000);
  inflight_diagram_style_init_light (&style);
  inflight_viewport_fit (&viewport, snapshot, 1280, 800);
  whole = inflight_diagram_layout_new (snapshot, &viewport, &style);
  g_assert_true (inflight_diagram_layout_get_aggregate (whole));

  viewport.t_start = 0;
  viewport.t_end = G_USEC_PER_SEC;
  first = inflight_diagram_layout_new (snapshot, &viewport, &style);
  g_assert_false (inflight_diagram_layout_get_aggregate (first));
  inflight_diagram_layout_get_labels (first, &n_labels);
  g_assert_cmpuint (n_labels, >, 10);

  inflight_diagram_style_clear (&style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagram-layout/same-time-replies", test_same_time_replies);
  g_test_add_func ("/diagram-layout/note-clear-of-bars", test_note_clear_of_bars);
  g_test_add_func ("/diagram-layout/aggregate-at-scale", test_aggregate_at_scale);
  g_test_add_func ("/diagram-layout/first-second-single-arrows", test_first_second_single_arrows);
  inflight_test_add_timed_func ("/diagram-layout/presets-labels-apart", test_presets_labels_apart);

  return g_test_run ();
}
