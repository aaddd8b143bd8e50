/* test-sequence-view.c
 * The diagram widget and its pane under a display: playback, stepping, speed, zoom, reduced
 * motion, the event list in step with the playhead, the accessible summary, and export errors.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "inflight-diagram-pane.h"
#include "inflight-diagram-text.h"
#include "inflight-event-model.h"
#include "inflight-sequence-view.h"

#define MS ((gint64) 1000)

typedef struct
{
  GtkWindow           *window;
  InflightDiagramPane *pane;
  InflightSequenceView *view;
  char                *dir;
} Fixture;

/* Two requests, the second's reply overtaking the first's: events at
 * 0, 20, 40, 60, 300, 320, 380, 400 ms and the end at 420 ms. */
static InflightTrace *
make_trace (gboolean finish)
{
  InflightTrace *trace = inflight_trace_new ();
  guint caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  guint service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WORKING, 0, 420 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, caller, service, 0, 40 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REQUEST, caller, service, 20 * MS, 60 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller, 300 * MS, 400 * MS);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_ERROR, service, caller, 320 * MS, 380 * MS);
  if (finish)
    inflight_trace_set_duration (trace, 420 * MS);

  return trace;
}

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until the playhead is past @t, or at most 10 s on a very busy machine:
 * what is checked after is where it got, not how long that took. */
static void
iterate_until_past (Fixture *fixture,
                    gint64   t)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (inflight_sequence_view_get_playhead (fixture->view) <= t && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

typedef struct
{
  InflightSequenceView *view;
  gint64                frame[2];
  gint64                playhead[2];
  guint                 n;
} Rate;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Rate          *rate)
{
  gint64 playhead = inflight_sequence_view_get_playhead (rate->view);

  /* Two frames in a row, both while the playhead moves. */
  if (rate->n == 1 && playhead == rate->playhead[0])
    rate->n = 0;
  if (rate->n < 2 && playhead > 0)
    {
      rate->frame[rate->n] = gdk_frame_clock_get_frame_time (clock);
      rate->playhead[rate->n] = playhead;
      rate->n++;
    }
}

/* How much of the run goes by per µs of the frame clock while playing: the speed, whatever
 * the machine's load, as the playhead moves by the frame clock's time. */
static double
playback_rate (Fixture *fixture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->view));
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  Rate rate = { fixture->view, { 0 }, { 0 }, 0 };
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &rate);
  while (rate.n < 2 && g_get_monotonic_time () < until)
    {
      gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
      g_main_context_iteration (NULL, FALSE);
    }
  g_signal_handler_disconnect (clock, id);

  g_assert_cmpuint (rate.n, ==, 2);
  g_assert_cmpint (rate.frame[1], >, rate.frame[0]);

  return (double) (rate.playhead[1] - rate.playhead[0]) / (double) (rate.frame[1] - rate.frame[0]);
}

static void
set_animations (gboolean enabled)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", enabled, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  set_animations (TRUE);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 900, 700);
  fixture->pane = INFLIGHT_DIAGRAM_PANE (inflight_diagram_pane_new ());
  fixture->view = inflight_diagram_pane_get_view (fixture->pane);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
  iterate (100);
  fixture->dir = g_dir_make_tmp ("inflight-view-XXXXXX", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);

  gtk_window_destroy (fixture->window);
  iterate (50);
  g_assert_finalize_object (fixture->window);
  set_animations (TRUE);
}

static void
show_trace (Fixture  *fixture,
            gboolean  finish)
{
  g_autoptr(InflightTrace) trace = make_trace (finish);

  inflight_sequence_view_set_strategy_title (fixture->view, "callback");
  inflight_sequence_view_set_trace (fixture->view, trace);
  iterate (20);
}

static void
test_finished_run (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *summary = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *description = NULL;

  show_trace (fixture, TRUE);

  /* A finished run shows its end, still. */
  g_assert_false (inflight_sequence_view_get_live (fixture->view));
  g_assert_false (inflight_sequence_view_get_playing (fixture->view));
  g_assert_cmpint (inflight_sequence_view_get_duration (fixture->view), ==, 420 * MS);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 420 * MS);

  /* Its summary is the diagram's accessible description. */
  summary = inflight_diagram_describe (inflight_sequence_view_get_snapshot (fixture->view), "callback");
  lanes = inflight_diagram_describe_lanes (inflight_sequence_view_get_snapshot (fixture->view));
  description = g_strconcat (summary, " ", lanes, NULL);
  g_assert_nonnull (strstr (description, "2 requests, callback"));
  /* Every lane by its whole name, whatever its header shows. */
  g_assert_nonnull (strstr (description, "Caller, Service."));
  g_assert_nonnull (strstr (description, "1 request failed."));
  g_assert_nonnull (strstr (description, "out of order"));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, "Sequence diagram"));
}

static void
test_play_and_speed (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 at_normal;

  show_trace (fixture, TRUE);

  /* Playing from the end starts again from the beginning, and moves on in real time. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.play-pause", NULL);
  g_assert_true (inflight_sequence_view_get_playing (fixture->view));
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 0);
  iterate_until_past (fixture, 20 * MS);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), >, 20 * MS);
  g_assert_cmpfloat_with_epsilon (playback_rate (fixture), 1.0, 0.01);

  /* Space again pauses: the playhead stays. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.play-pause", NULL);
  g_assert_false (inflight_sequence_view_get_playing (fixture->view));
  at_normal = inflight_sequence_view_get_playhead (fixture->view);
  iterate (60);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, at_normal);

  /* Speed is bounded to 0.25–4×; at 4× the same wall time covers more of the run. */
  inflight_sequence_view_set_speed (fixture->view, 10);
  g_assert_cmpfloat (inflight_sequence_view_get_speed (fixture->view), ==, 4.0);
  inflight_sequence_view_set_speed (fixture->view, 0.01);
  g_assert_cmpfloat (inflight_sequence_view_get_speed (fixture->view), ==, 0.25);
  g_object_set (fixture->pane, "speed", 4.0, NULL);
  g_assert_cmpfloat (inflight_sequence_view_get_speed (fixture->view), ==, 4.0);

  inflight_sequence_view_set_playhead (fixture->view, 0);
  inflight_sequence_view_set_playing (fixture->view, TRUE);
  g_assert_cmpfloat_with_epsilon (playback_rate (fixture), 4.0, 0.01);

  /* It stops at the end by itself. */
  iterate_until_past (fixture, 420 * MS - 1);
  iterate (20);
  g_assert_false (inflight_sequence_view_get_playing (fixture->view));
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 420 * MS);
}

static void
test_steps (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *pane;

  show_trace (fixture, TRUE);
  pane = GTK_WIDGET (fixture->pane);

  /* Home, then Right, Right: the first events; Left: back one; End: the end. */
  gtk_widget_activate_action (pane, "diagram.start", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 0);
  gtk_widget_activate_action (pane, "diagram.next-event", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 20 * MS);
  gtk_widget_activate_action (pane, "diagram.next-event", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 40 * MS);
  gtk_widget_activate_action (pane, "diagram.previous-event", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 20 * MS);
  inflight_sequence_view_set_playhead (fixture->view, 350 * MS);
  gtk_widget_activate_action (pane, "diagram.next-event", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 380 * MS);
  gtk_widget_activate_action (pane, "diagram.end", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 420 * MS);
  gtk_widget_activate_action (pane, "diagram.next-event", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 420 * MS);
  g_assert_false (inflight_sequence_view_get_playing (fixture->view));
}

static void
test_event_list (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkSelectionModel *selection;
  GListModel *model;
  g_autoptr(GtkStringObject) row = NULL;
  guint n;

  show_trace (fixture, TRUE);
  selection = gtk_list_view_get_model (inflight_diagram_pane_get_event_list (fixture->pane));
  model = G_LIST_MODEL (selection);

  /* One row per event, in time order, in words. */
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 9);
  row = g_list_model_get_item (model, 0);
  g_assert_nonnull (strstr (gtk_string_object_get_string (row), "sends request #1 to Service"));
  g_clear_object (&row);
  row = g_list_model_get_item (model, 6);
  g_assert_nonnull (strstr (gtk_string_object_get_string (row), "failure of #2 reaches Caller"));

  /* The row at the playhead is selected… */
  inflight_sequence_view_set_playhead (fixture->view, 45 * MS);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.next-event", NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 3);

  /* …and choosing a row moves the playhead to it. */
  gtk_selection_model_select_item (selection, 5, TRUE);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 320 * MS);
}

/* Checks the event list of @trace, finished, reads @expected: what happened, without the time. */
static void
assert_event_list (InflightTrace      *trace,
                   const char * const *expected,
                   guint               n_expected)
{
  g_autoptr(InflightEventModel) model = inflight_event_model_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = inflight_trace_snapshot (trace);
  g_autoptr(GArray) events = inflight_diagram_list_events (snapshot);

  inflight_event_model_set (model, snapshot, events);
  for (guint i = 0; i < MAX (n_expected, g_list_model_get_n_items (G_LIST_MODEL (model))); i++)
    {
      g_autoptr(GtkStringObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *text = row != NULL ? gtk_string_object_get_string (row) : NULL;
      const char *what = text != NULL ? strstr (text, " · ") : NULL;

      g_test_message ("row %u: %s", i, text);
      g_assert_nonnull (what);
      g_assert_cmpstr (what + strlen (" · "), ==, i < n_expected ? expected[i] : "(no more rows)");
    }
}

/* Lesson 6's caller at one instant: awaiting, waiting, resolving, in the order it did them,
 * whatever kind of event each one is. */
static void
test_event_list_one_instant (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  const char *expected[] = {
    "Caller: #1 awaited",
    "Caller starts waiting",
    "Service replies to #1",
    "The reply to #1 reaches Caller",
    "Caller: #1 resolved",
    "Caller stops waiting",
    "Caller: #2 awaited",
    "Caller sends request #3 to Service",
    "Request #3 reaches Service",
    "The run ends",
  };
  guint caller, service, wait, reply;

  /* A trace that was never started records everything at time 0. */
  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_add_mark (trace, caller, "#1 awaited");
  wait = inflight_trace_begin_span (trace, caller, 0, INFLIGHT_SPAN_WAITING);
  reply = inflight_trace_send (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller);
  inflight_trace_arrive (trace, reply);
  inflight_trace_add_mark (trace, caller, "#1 resolved");
  inflight_trace_end_span (trace, wait);
  inflight_trace_add_mark (trace, caller, "#2 awaited");
  inflight_trace_post (trace, 3, INFLIGHT_MESSAGE_REQUEST, caller, service);
  inflight_trace_finish (trace);

  assert_event_list (trace, expected, G_N_ELEMENTS (expected));
}

/* Two waits a moment apart are told as one, unless the lane did something between them:
 * then the list says it stopped waiting, did it, and started again. */
static void
test_event_list_waits_around_marks (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  const char *expected[] = {
    "Caller starts waiting",
    "Caller stops waiting",
    "Caller: #2 awaited",
    "Caller starts waiting",
    "Caller stops waiting",
    "The run ends",
  };
  guint caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");

  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 0, 100 * MS);
  inflight_trace_append_mark (trace, caller, 100 * MS + 200, "#2 awaited");
  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 100 * MS + 500, 200 * MS);
  /* Nothing between these two: one wait. */
  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 200 * MS + 300, 300 * MS);
  inflight_trace_set_duration (trace, 300 * MS);

  assert_event_list (trace, expected, G_N_ELEMENTS (expected));
}

/* A run of 2 ms (lesson 2 at latency 0) fills the view, not a sliver at the top of 100 ms,
 * and can still be zoomed into. */
static void
test_short_run_fits (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  InflightViewport whole, zoomed;
  guint caller, service;

  set_animations (FALSE);
  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 0, 2 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, caller, service, 0, 400);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller, 1600, 2 * MS);
  inflight_trace_set_duration (trace, 2 * MS);
  inflight_sequence_view_set_trace (fixture->view, trace);
  iterate (20);

  g_assert_true (inflight_sequence_view_get_fitted (fixture->view));
  inflight_sequence_view_get_viewport (fixture->view, &whole);
  g_assert_cmpint (whole.t_start, ==, 0);
  g_assert_cmpint (whole.t_end, >, 2 * MS);
  g_assert_cmpint (whole.t_end, <=, 2 * MS * 11 / 10);

  inflight_sequence_view_zoom (fixture->view, 4);
  g_assert_false (inflight_sequence_view_get_fitted (fixture->view));
  inflight_sequence_view_get_viewport (fixture->view, &zoomed);
  g_assert_cmpint (zoomed.t_end - zoomed.t_start, <=, (whole.t_end - whole.t_start) / 4 + 1);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  InflightViewport whole, zoomed;

  set_animations (FALSE);
  show_trace (fixture, TRUE);
  g_assert_true (inflight_sequence_view_get_fitted (fixture->view));
  inflight_sequence_view_get_viewport (fixture->view, &whole);

  /* Without animations the new view is there at once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.zoom-in", NULL);
  g_assert_false (inflight_sequence_view_get_fitted (fixture->view));
  inflight_sequence_view_get_viewport (fixture->view, &zoomed);
  g_assert_cmpint (zoomed.t_end - zoomed.t_start, <=, (whole.t_end - whole.t_start) / 2 + 1);
  g_assert_cmpint (zoomed.t_end - zoomed.t_start, >=, (whole.t_end - whole.t_start) / 2 - 1);
  /* The playhead (the end) stays in sight. */
  g_assert_cmpint (zoomed.t_start, <=, 420 * MS);
  g_assert_cmpint (zoomed.t_end, >=, 420 * MS);

  /* Zooming out past the whole run is the whole run. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.zoom-out", NULL);
  g_assert_true (inflight_sequence_view_get_fitted (fixture->view));

  inflight_sequence_view_zoom (fixture->view, 8);
  g_assert_false (inflight_sequence_view_get_fitted (fixture->view));
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.zoom-fit", NULL);
  g_assert_true (inflight_sequence_view_get_fitted (fixture->view));
}

/* A header names its lane in full in its tooltip, shortened or not; below the headers there is
 * no such tooltip. */
static void
test_header_tooltip (Fixture       *fixture,
                     gconstpointer  data)
{
  InflightViewport viewport;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *below = NULL;
  g_autofree char *axis = NULL;

  show_trace (fixture, TRUE);
  inflight_sequence_view_get_viewport (fixture->view, &viewport);

  first = inflight_sequence_view_get_header_tooltip (fixture->view, inflight_diagram_lane_x (&viewport, 2, 0), 20);
  second = inflight_sequence_view_get_header_tooltip (fixture->view, inflight_diagram_lane_x (&viewport, 2, 1), 20);
  below = inflight_sequence_view_get_header_tooltip (fixture->view, inflight_diagram_lane_x (&viewport, 2, 1),
                                                     INFLIGHT_DIAGRAM_HEADER_HEIGHT + 10);
  axis = inflight_sequence_view_get_header_tooltip (fixture->view, 10, 20);
  g_assert_cmpstr (first, ==, "Caller");
  g_assert_cmpstr (second, ==, "Service");
  g_assert_null (below);
  g_assert_null (axis);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (fixture->view)));
}

/* 64 workers are too many for their names side by side: they are drawn as one lane, and
 * its header's tooltip names the group. */
static void
test_header_tooltip_grouped (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autofree char *caller = NULL;
  g_autofree char *workers = NULL;
  InflightViewport viewport;
  guint lane;

  lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  for (guint i = 0; i < 64; i++)
    {
      g_autofree char *name = g_strdup_printf ("Worker %u", i + 1);
      guint worker = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, name);

      inflight_trace_append_message (trace, i + 1, INFLIGHT_MESSAGE_REQUEST, lane, worker, i * MS, i * MS + MS);
    }
  inflight_trace_set_duration (trace, 100 * MS);
  inflight_sequence_view_set_trace (fixture->view, trace);
  iterate (20);

  inflight_sequence_view_get_viewport (fixture->view, &viewport);
  caller = inflight_sequence_view_get_header_tooltip (fixture->view, inflight_diagram_lane_x (&viewport, 2, 0), 20);
  workers = inflight_sequence_view_get_header_tooltip (fixture->view, inflight_diagram_lane_x (&viewport, 2, 1), 20);
  g_assert_cmpstr (caller, ==, "Caller");
  g_assert_cmpstr (workers, ==, "Workers 1–64");
}

static void
test_reduced_motion (Fixture       *fixture,
                     gconstpointer  data)
{
  const GArray *events;
  guint checked = 0;

  set_animations (FALSE);
  show_trace (fixture, TRUE);
  events = inflight_sequence_view_get_events (fixture->view);

  /* Nothing glides: while playing, the playhead only ever rests on events. */
  inflight_sequence_view_set_speed (fixture->view, 2);
  inflight_sequence_view_replay (fixture->view);
  while (inflight_sequence_view_get_playing (fixture->view) && checked < 2000)
    {
      gint64 t = inflight_sequence_view_get_playhead (fixture->view);
      guint n = inflight_diagram_find_event (events, t);

      g_assert_true (t == 0 || (n > 0 && g_array_index (events, InflightEvent, n - 1).at == t));
      g_main_context_iteration (NULL, TRUE);
      checked++;
    }
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 420 * MS);
}

static void
test_live (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autofree char *summary = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *description = NULL;
  guint lane;

  inflight_sequence_view_set_strategy_title (fixture->view, "blocking");
  inflight_trace_start (trace);
  lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_sequence_view_set_trace (fixture->view, trace);

  /* A run under way is followed live: the playhead is the run's clock. */
  g_assert_true (inflight_sequence_view_get_live (fixture->view));
  g_assert_true (inflight_sequence_view_get_playing (fixture->view));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "A run is under way"));
  inflight_trace_add_mark (trace, lane, "started");
  iterate_until_past (fixture, 50 * MS);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), >, 50 * MS);

  /* When it ends the view stops at its end and sums it up. */
  inflight_trace_finish (trace);
  iterate (60);
  g_assert_false (inflight_sequence_view_get_live (fixture->view));
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==,
                   inflight_sequence_view_get_duration (fixture->view));
  summary = inflight_diagram_describe (inflight_sequence_view_get_snapshot (fixture->view), "blocking");
  lanes = inflight_diagram_describe_lanes (inflight_sequence_view_get_snapshot (fixture->view));
  description = g_strconcat (summary, " ", lanes, NULL);
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (fixture->view),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description));
}

static void
wait_for_message (Fixture *fixture)
{
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (inflight_diagram_pane_get_message (fixture->pane) == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->dir, "run.svg", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "missing", "run.png", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  const char *message;

  show_trace (fixture, TRUE);

  /* An unwritable place: a polite error in the window, and the app goes on. */
  inflight_diagram_pane_export (fixture->pane, bad_file, INFLIGHT_EXPORT_PNG, TRUE);
  wait_for_message (fixture);
  message = inflight_diagram_pane_get_message (fixture->pane);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "could not be exported"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.start", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), ==, 0);

  /* The current view, written. */
  g_object_set (gtk_widget_get_first_child (GTK_WIDGET (fixture->pane)), "reveal-child", FALSE, NULL);
  inflight_diagram_pane_export (fixture->pane, good_file, INFLIGHT_EXPORT_SVG, FALSE);
  wait_for_message (fixture);
  message = inflight_diagram_pane_get_message (fixture->pane);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "was exported"));
  g_assert_true (g_file_test (good, G_FILE_TEST_IS_REGULAR));
}

/* A folder nobody may write into: a read-only one, or, where permissions do not bind (as
 * root), a kernel file system that takes no new files. NULL if there is none. */
static char *
find_unwritable_folder (const char *scratch)
{
  g_autofree char *readonly = g_build_filename (scratch, "read-only", NULL);
  const char *candidates[] = { readonly, "/sys", "/proc" };

  g_assert_cmpint (g_mkdir (readonly, 0500), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *probe = g_build_filename (candidates[i], "inflight-probe", NULL);

      if (!g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
        continue;
      if (!g_file_set_contents (probe, "", 0, NULL))
        return g_strdup (candidates[i]);
      g_remove (probe);
    }

  return NULL;
}

static void
test_export_unwritable_folder (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *folder = find_unwritable_folder (fixture->dir);
  g_autofree char *readonly = g_build_filename (fixture->dir, "read-only", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "after.pdf", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = NULL;
  g_autofree char *bad = NULL;
  const char *message;

  if (folder == NULL)
    {
      g_rmdir (readonly);
      g_test_skip ("No folder here refuses new files");
      return;
    }
  g_test_message ("exporting into %s", folder);
  bad = g_build_filename (folder, "run.svg", NULL);
  bad_file = g_file_new_for_path (bad);

  show_trace (fixture, TRUE);

  /* Each format: a polite error in the window naming the file, nothing written. */
  for (int format = INFLIGHT_EXPORT_PNG; format <= INFLIGHT_EXPORT_PDF; format++)
    {
      /* The message before is dismissed first, as the learner would. */
      g_object_set (gtk_widget_get_first_child (GTK_WIDGET (fixture->pane)), "reveal-child", FALSE, NULL);
      g_assert_null (inflight_diagram_pane_get_message (fixture->pane));
      inflight_diagram_pane_export (fixture->pane, bad_file, format, TRUE);
      wait_for_message (fixture);
      message = inflight_diagram_pane_get_message (fixture->pane);
      g_assert_nonnull (message);
      g_test_message ("%s", message);
      g_assert_nonnull (strstr (message, "could not be exported"));
      g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    }

  /* The app goes on: the diagram still answers, and the next export works. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->pane), "diagram.end", NULL);
  g_assert_cmpint (inflight_sequence_view_get_playhead (fixture->view), >, 0);
  g_object_set (gtk_widget_get_first_child (GTK_WIDGET (fixture->pane)), "reveal-child", FALSE, NULL);
  inflight_diagram_pane_export (fixture->pane, good_file, INFLIGHT_EXPORT_PDF, TRUE);
  wait_for_message (fixture);
  message = inflight_diagram_pane_get_message (fixture->pane);
  g_assert_nonnull (strstr (message, "was exported"));
  g_assert_true (g_file_test (good, G_FILE_TEST_IS_REGULAR));

  g_rmdir (readonly);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  /* Without a display there is nothing to build: say so rather than pass. */
  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the widgets on");
      return g_test_run ();
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sequence-view/finished-run", test_finished_run);
  ADD ("/sequence-view/header-tooltip", test_header_tooltip);
  ADD ("/sequence-view/header-tooltip/grouped", test_header_tooltip_grouped);
  ADD ("/sequence-view/play-and-speed", test_play_and_speed);
  ADD ("/sequence-view/steps", test_steps);
  ADD ("/sequence-view/event-list", test_event_list);
  ADD ("/sequence-view/event-list/one-instant-in-recorded-order", test_event_list_one_instant);
  ADD ("/sequence-view/event-list/waits-around-marks", test_event_list_waits_around_marks);
  ADD ("/sequence-view/zoom", test_zoom);
  ADD ("/sequence-view/short-run-fits", test_short_run_fits);
  ADD ("/sequence-view/reduced-motion", test_reduced_motion);
  ADD ("/sequence-view/live", test_live);
  ADD ("/sequence-view/export", test_export);
  ADD ("/sequence-view/export-unwritable-folder", test_export_unwritable_folder);
#undef ADD

  return g_test_run ();
}
