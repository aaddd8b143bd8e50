/* test-code.c
 * The code that ran: every listed C line is a line of its runner's source, every code point a
 * thread reaches has a line, and each lane's cursor agrees with what the trace says it did.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "inflight-code.h"
#include "inflight-test-util.h"

/* The runners whose regions are listed, and their sources. */
static const struct
{
  InflightStrategy  strategy;
  const char       *source;
} listed[] = {
  { INFLIGHT_STRATEGY_BLOCKING, "inflight-blocking-runner.c" },
  { INFLIGHT_STRATEGY_UI_BLOCKING, "inflight-ui-blocking-runner.c" },
  { INFLIGHT_STRATEGY_CALLBACK, "inflight-callback-runner.c" },
  { INFLIGHT_STRATEGY_FUTURE, "inflight-future-runner.c" },
  { INFLIGHT_STRATEGY_QUEUE, "inflight-queue-runner.c" },
  { INFLIGHT_STRATEGY_PARALLEL, "inflight-parallel-runner.c" },
};

static InflightListing *
load (InflightStrategy strategy,
      InflightLanguage language)
{
  g_autoptr(GError) error = NULL;
  InflightListing *listing = inflight_listing_load (strategy, language, &error);

  g_assert_no_error (error);
  g_assert_nonnull (listing);
  g_assert_cmpuint (listing->n_lines, >, 5);

  return listing;
}

/* Each listed line, in order, is character for character a line of the runner's source. */
static void
test_listing_is_the_source (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (listed); r++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "engine", listed[r].source, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(InflightListing) listing = load (listed[r].strategy, INFLIGHT_LANGUAGE_C);
      g_auto(GStrv) source = NULL;
      guint at = 0;

      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      source = g_strsplit (text, "\n", -1);

      for (guint i = 0; i < listing->n_lines; i++)
        {
          const char *line = listing->lines[i].text;
          guint from = at;

          while (source[at] != NULL && strcmp (source[at], line) != 0)
            at++;
          if (source[at] == NULL)
            g_error ("%s: listed line %u is not in the source (rebuild the listings?):\n%s",
                     listed[r].source, i + 1, line);
          at++;
          (void) from;
        }
    }
}

/* The marker comments stay out of the listing, and recording lines are told apart. */
static void
test_listing_kinds (void)
{
  for (guint r = 0; r < G_N_ELEMENTS (listed); r++)
    {
      g_autoptr(InflightListing) listing = load (listed[r].strategy, INFLIGHT_LANGUAGE_C);
      guint recording = 0, code = 0;

      for (guint i = 0; i < listing->n_lines; i++)
        {
          const InflightListingLine *line = &listing->lines[i];

          g_assert_null (strstr (line->text, "listing: "));
          if (strstr (line->text, "inflight_trace_") != NULL)
            g_assert_cmpint (line->kind, ==, INFLIGHT_LINE_RECORDING);
          recording += line->kind == INFLIGHT_LINE_RECORDING;
          code += line->kind == INFLIGHT_LINE_CODE;
          /* A code point is always a line of real code, never a recording line. */
          if (line->points != 0)
            g_assert_cmpint (line->kind, ==, INFLIGHT_LINE_CODE);
        }
      g_assert_cmpuint (recording, >, 0);
      g_assert_cmpuint (code, >, recording);
    }
}

static void
test_parse (void)
{
  const char *c_text =
    "  for (i = 0; i < n; i++)\n"
    "    {\n"
    "      /* a comment */\n"
    "      inflight_trace_reach (trace, lane, INFLIGHT_CODE_CALLBACK, i);\n"
    "      inflight_trace_reach (trace, lane,\n"
    "                            INFLIGHT_CODE_CALL, i);\n"
    "\n"
    "      call (i);\n"
    "      record_it (trace);\n"
    "    }\n";
  const char *py_text =
    "for i in range(3):\n"
    "    # @wait @result\n"
    "    call(i)\n"
    "    # not a marker\n";
  g_autoptr(InflightListing) c = inflight_listing_parse (c_text, INFLIGHT_LANGUAGE_C);
  g_autoptr(InflightListing) py = inflight_listing_parse (py_text, INFLIGHT_LANGUAGE_PYTHON);

  g_assert_cmpuint (c->n_lines, ==, 10);
  g_assert_cmpint (c->lines[2].kind, ==, INFLIGHT_LINE_COMMENT);
  g_assert_cmpint (c->lines[3].kind, ==, INFLIGHT_LINE_RECORDING);
  g_assert_cmpint (c->lines[5].kind, ==, INFLIGHT_LINE_RECORDING);
  g_assert_cmpint (c->lines[6].kind, ==, INFLIGHT_LINE_BLANK);
  g_assert_cmpint (c->lines[8].kind, ==, INFLIGHT_LINE_RECORDING);
  /* INFLIGHT_CODE_CALL is not taken for the start of INFLIGHT_CODE_CALLBACK. */
  g_assert_cmpint (inflight_listing_find_point (c, INFLIGHT_CODE_CALL), ==, 7);
  g_assert_cmpint (inflight_listing_find_point (c, INFLIGHT_CODE_CALLBACK), ==, 7);
  g_assert_cmpint (inflight_listing_find_point (c, INFLIGHT_CODE_WAIT), ==, -1);

  g_assert_cmpuint (py->n_lines, ==, 3);
  g_assert_cmpint (inflight_listing_find_point (py, INFLIGHT_CODE_WAIT), ==, 1);
  g_assert_cmpint (inflight_listing_find_point (py, INFLIGHT_CODE_RESULT), ==, 1);
  g_assert_cmpint (py->lines[2].kind, ==, INFLIGHT_LINE_COMMENT);
}

/* A hand-made trace: a callback that comes in and returns puts the cursor back. */
static void
test_cursor_hand_made (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  InflightCodeCursor cursor;
  g_autofree char *text = NULL;
  guint lane;

  lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller thread");
  inflight_trace_append_step (trace, lane, 0, INFLIGHT_CODE_CALL, 3);
  inflight_trace_append_step (trace, lane, 10, INFLIGHT_CODE_AWAIT, 3);
  inflight_trace_append_span (trace, lane, 0, INFLIGHT_SPAN_WAITING, 10, 100);
  inflight_trace_append_step (trace, lane, 40, INFLIGHT_CODE_RESOLVED, 4);
  inflight_trace_append_step (trace, lane, 41, INFLIGHT_CODE_CALLBACK, 4);
  inflight_trace_append_step (trace, lane, 42, INFLIGHT_CODE_RETURN, 0);
  inflight_trace_append_step (trace, lane, 43, INFLIGHT_CODE_RETURN, 0);
  inflight_trace_append_step (trace, lane, 100, INFLIGHT_CODE_RESULT, 3);
  inflight_trace_append_step (trace, lane, 120, INFLIGHT_CODE_NONE, 0);
  inflight_trace_set_duration (trace, 150);
  snap = inflight_trace_snapshot (trace);

  g_assert_true (inflight_code_cursor_at (snap, lane, 0, &cursor));
  g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_CALL);
  g_assert_false (cursor.blocked);

  g_assert_true (inflight_code_cursor_at (snap, lane, 20, &cursor));
  g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_AWAIT);
  g_assert_cmpuint (cursor.request, ==, 3);
  g_assert_true (cursor.blocked);
  text = inflight_code_cursor_describe (snap, lane, &cursor);
  g_assert_cmpstr (text, ==, "Caller thread: waiting for the reply to #3");

  g_assert_true (inflight_code_cursor_at (snap, lane, 41, &cursor));
  g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_CALLBACK);
  g_assert_true (inflight_code_cursor_at (snap, lane, 42, &cursor));
  g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_RESOLVED);
  g_assert_true (inflight_code_cursor_at (snap, lane, 60, &cursor));
  g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_AWAIT);
  g_assert_true (cursor.blocked);

  g_assert_true (inflight_code_cursor_at (snap, lane, 110, &cursor));
  g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_RESULT);
  g_assert_false (cursor.blocked);
  g_assert_false (inflight_code_cursor_at (snap, lane, 130, &cursor));

  {
    gint64 at;
    guint which;

    g_assert_true (inflight_code_next_reach (snap, INFLIGHT_CODE_AWAIT, 0, &at, &which));
    g_assert_cmpint (at, ==, 10);
    g_assert_cmpuint (which, ==, lane);
    /* Past the last time a line was reached, clicking it goes back to the first. */
    g_assert_true (inflight_code_next_reach (snap, INFLIGHT_CODE_AWAIT, 50, &at, NULL));
    g_assert_cmpint (at, ==, 10);
    g_assert_false (inflight_code_next_reach (snap, INFLIGHT_CODE_POP, 0, &at, NULL));
  }
}

/* Whether the lane was parked at @at, from its spans alone. */
static const InflightSpan *
waiting_span (const InflightTraceSnapshot *snap,
              guint                        lane,
              gint64                       at)
{
  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];

      if (span->lane == lane && span->kind == INFLIGHT_SPAN_WAITING && span->start <= at && at < span->end)
        return span;
    }

  return NULL;
}

/* A message of @request to or from @lane during [start, end]: what the lane was waiting on. */
static gboolean
has_message (const InflightTraceSnapshot *snap,
             guint                        lane,
             guint                        request,
             gint64                       start,
             gint64                       end)
{
  for (guint i = 0; i < snap->n_messages; i++)
    {
      const InflightMessage *msg = &snap->messages[i];

      if (msg->request != request || (msg->to_lane != lane && msg->from_lane != lane))
        continue;
      if ((msg->sent_at >= start && msg->sent_at <= end) ||
          (msg->arrived_at >= start && msg->arrived_at <= end))
        return TRUE;
    }

  return FALSE;
}

static gboolean
lane_has_steps (const InflightTraceSnapshot *snap,
                guint                        lane)
{
  for (guint i = 0; i < snap->n_steps; i++)
    if (snap->steps[i].lane == lane)
      return TRUE;

  return FALSE;
}

/* A lane parked on a WAITING span is, at its start and through it, on the line it waits at. */
static void
check_waiting_spans (InflightStrategy             strategy,
                     const InflightTraceSnapshot *snap,
                     const InflightListing       *c)
{
  guint checked = 0;

  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];

      if (span->kind != INFLIGHT_SPAN_WAITING || !lane_has_steps (snap, span->lane) || span->end <= span->start)
        continue;

      for (guint k = 0; k < 3; k++)
        {
          gint64 at = span->start + (span->end - span->start) * k / 3;
          InflightCodeCursor cursor;
          g_autofree char *text = NULL;

          g_assert_true (inflight_code_cursor_at (snap, span->lane, at, &cursor));
          /* A caller awaiting one future runs its loop meanwhile, and another future that
           * resolves then is resolved on that thread, briefly, inside the wait: on a slow
           * (instrumented) build, a sample can land in it. */
          if (strategy == INFLIGHT_STRATEGY_FUTURE && cursor.point == INFLIGHT_CODE_RESOLVED)
            continue;
          g_assert_true (cursor.blocked);
          if (strategy == INFLIGHT_STRATEGY_UI_BLOCKING || strategy == INFLIGHT_STRATEGY_BLOCKING)
            g_assert_true (cursor.point == INFLIGHT_CODE_CALL || cursor.point == INFLIGHT_CODE_WAIT);
          else if (strategy == INFLIGHT_STRATEGY_QUEUE)
            g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_SERVE);
          else if (strategy == INFLIGHT_STRATEGY_FUTURE)
            g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_AWAIT);
          else
            g_assert_cmpint (cursor.point, ==, INFLIGHT_CODE_WAIT);
          g_assert_cmpint (inflight_listing_find_point (c, cursor.point), >=, 0);
          /* The request it waits on is the one whose messages the span holds. */
          g_assert_true (has_message (snap, span->lane, cursor.request, span->start, span->end));
          text = inflight_code_cursor_describe (snap, span->lane, &cursor);
          g_assert_nonnull (strstr (text, "waiting for"));
          checked++;
        }
    }

  if (strategy == INFLIGHT_STRATEGY_BLOCKING || strategy == INFLIGHT_STRATEGY_UI_BLOCKING ||
      strategy == INFLIGHT_STRATEGY_QUEUE || strategy == INFLIGHT_STRATEGY_FUTURE)
    g_assert_cmpuint (checked, >, 0);
}

static void
test_cursors_follow_the_run (gconstpointer data)
{
  InflightStrategy strategy = GPOINTER_TO_UINT (data);
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (strategy, 4, 30, 2);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  InflightListing *listings[INFLIGHT_N_LANGUAGES] = { NULL, };
  g_autoptr(GError) error = NULL;
  guint lanes_with_cursor = 0;
  gint64 end;

  if (strategy == INFLIGHT_STRATEGY_CALLBACK || strategy == INFLIGHT_STRATEGY_EVENT_LOOP)
    inflight_scenario_set_chain_depth (scenario, 2);
  if (strategy == INFLIGHT_STRATEGY_FUTURE)
    inflight_scenario_set_await_after_ms (scenario, 10);

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  for (guint l = 0; l < INFLIGHT_N_LANGUAGES; l++)
    listings[l] = load (strategy, l);

  /* Every point a thread reached is a line of the C that ran. */
  g_assert_cmpuint (snap->n_steps, >, 0);
  for (guint i = 0; i < snap->n_steps; i++)
    {
      const InflightCodeStep *step = &snap->steps[i];

      g_assert_cmpuint (step->lane, <, snap->n_lanes);
      if (i > 0)
        g_assert_cmpint (step->at, >=, snap->steps[i - 1].at);
      if (step->point == INFLIGHT_CODE_NONE || step->point == INFLIGHT_CODE_RETURN)
        continue;
      if (inflight_listing_find_point (listings[INFLIGHT_LANGUAGE_C], step->point) < 0)
        g_error ("%s: %s has no line in the C listing", inflight_strategy_to_string (strategy),
                 inflight_code_point_to_string (step->point));
    }

  /* A dozen playhead positions: each lane's cursor is on a line of every language when the
   * thread is parked, and parked exactly when the trace says it waits. */
  end = inflight_trace_snapshot_end_time (snap);
  for (guint k = 0; k < 12; k++)
    {
      gint64 at = end * k / 11;

      for (guint lane = 0; lane < snap->n_lanes; lane++)
        {
          InflightCodeCursor cursor;
          const InflightSpan *waiting = waiting_span (snap, lane, at);

          if (!inflight_code_cursor_at (snap, lane, at, &cursor))
            {
              /* A lane that runs listed code is on a line while it waits. */
              if (lane_has_steps (snap, lane) && waiting != NULL)
                g_error ("%s: lane %u waits at %" G_GINT64_FORMAT " µs with no cursor",
                         inflight_strategy_to_string (strategy), lane, at);
              continue;
            }

          lanes_with_cursor++;
          g_assert_cmpint (cursor.since, <=, at);
          g_assert_cmpint (inflight_listing_find_point (listings[INFLIGHT_LANGUAGE_C], cursor.point), >=, 0);
          if (waiting != NULL)
            {
              g_assert_true (cursor.blocked);
              for (guint l = 0; l < INFLIGHT_N_LANGUAGES; l++)
                if (inflight_listing_find_point (listings[l], cursor.point) < 0)
                  g_error ("%s: the %s listing has no line for %s", inflight_strategy_to_string (strategy),
                           inflight_language_to_string (l), inflight_code_point_to_string (cursor.point));
            }
          else if (cursor.point != INFLIGHT_CODE_POP && cursor.point != INFLIGHT_CODE_JOIN)
            g_assert_false (cursor.blocked);
        }
    }
  g_assert_cmpuint (lanes_with_cursor, >, 0);

  check_waiting_spans (strategy, snap, listings[INFLIGHT_LANGUAGE_C]);
  for (guint l = 0; l < INFLIGHT_N_LANGUAGES; l++)
    inflight_listing_free (listings[l]);
}

/* The listing for slides: the cursors written at the end of their lines. */
static void
test_render_text (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_BLOCKING, 3, 60, 1);
  g_autoptr(InflightTraceSnapshot) snap = NULL;
  g_autoptr(InflightListing) c = load (INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_LANGUAGE_C);
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *folded = NULL;
  const InflightSpan *span = NULL;
  g_autofree char *at_wait = NULL;

  snap = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < snap->n_spans && span == NULL; i++)
    if (snap->spans[i].kind == INFLIGHT_SPAN_WAITING && snap->spans[i].lane == 0)
      span = &snap->spans[i];
  g_assert_nonnull (span);

  at_wait = inflight_listing_render_text (c, snap, (span->start + span->end) / 2, FALSE);
  g_assert_nonnull (strstr (at_wait, "while (call->result == NULL"));
  g_assert_nonnull (strstr (at_wait, "◀ Caller thread: waiting for the reply to #1"));
  g_assert_null (strstr (at_wait, "inflight_trace_"));

  all = inflight_listing_render_text (c, snap, inflight_trace_snapshot_end_time (snap), TRUE);
  g_assert_nonnull (strstr (all, "inflight_trace_reach"));
  folded = inflight_listing_render_text (c, NULL, 0, FALSE);
  g_assert_null (strstr (folded, "◀"));
  g_assert_cmpuint (strlen (folded), <, strlen (all));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/code/listing-is-the-source", test_listing_is_the_source);
  g_test_add_func ("/code/listing-kinds", test_listing_kinds);
  g_test_add_func ("/code/parse", test_parse);
  g_test_add_func ("/code/cursor/hand-made", test_cursor_hand_made);
  g_test_add_func ("/code/render-text", test_render_text);
  for (guint s = INFLIGHT_STRATEGY_BLOCKING; s <= INFLIGHT_STRATEGY_PARALLEL; s++)
    {
      g_autofree char *path = g_strdup_printf ("/code/cursor/%s", inflight_strategy_to_string (s));

      g_test_add_data_func (path, GUINT_TO_POINTER (s), test_cursors_follow_the_run);
    }

  return g_test_run ();
}
