/* test-experiment.c
 * Experiments as .inflight files: saved and reopened equal, recorded runs kept event for event,
 * the presets, the "same service" switch, and bad files refused in one line that names the line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "inflight-experiment.h"
#include "inflight-metrics.h"
#include "inflight-service.h"
#include "inflight-test-util.h"

static const char * const saved_params[] = {
  "strategy", "requests", "latency-ms", "jitter-pct", "workers", "failure-pct", "seed",
  "timeout-ms", "down-at-ms", "down-for-ms", "chain-depth", "await-after-ms", "continuation",
  "hangs",
};

static void
assert_same_scenario (InflightScenario *a,
                      InflightScenario *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (saved_params); i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      g_object_get_property (G_OBJECT (a), saved_params[i], &va);
      g_object_get_property (G_OBJECT (b), saved_params[i], &vb);
      sa = g_strdup_value_contents (&va);
      sb = g_strdup_value_contents (&vb);
      if (g_strcmp0 (sa, sb) != 0)
        g_error ("%s: %s became %s", saved_params[i], sa, sb);
    }
}

static InflightExperiment *
reload (InflightExperiment *experiment,
        gboolean            with_traces)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  InflightExperiment *loaded;
  gsize length;

  data = inflight_experiment_to_data (experiment, with_traces, &length);
  g_assert_nonnull (data);
  g_assert_cmpuint (strlen (data), ==, length);
  loaded = inflight_experiment_load_data (data, length, "saved.inflight", &error);
  if (error != NULL)
    g_error ("%s\n%s", error->message, data);

  return loaded;
}

/* Every setting of every pane comes back as it was saved. */
static void
test_settings_round_trip (void)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightExperiment) loaded = NULL;
  g_autoptr(InflightScenario) second = inflight_scenario_new (INFLIGHT_STRATEGY_FUTURE);
  g_autoptr(InflightScenario) third = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
  InflightScenario *first = inflight_experiment_get_scenario (experiment, 0);

  inflight_experiment_set_title (experiment, "Queues; “fast” and = slow\nor not");
  g_object_set (first, "strategy", INFLIGHT_STRATEGY_CALLBACK, "requests", 17, "latency-ms", 333,
                "jitter-pct", 45, "workers", 3, "failure-pct", 12, "seed", G_MAXUINT, "timeout-ms", 900,
                "down-at-ms", 150, "down-for-ms", 250, "chain-depth", 4, "hangs", TRUE, NULL);
  g_object_set (second, "await-after-ms", 1200, "continuation", TRUE, "seed", 0, NULL);
  g_object_set (third, "workers", 64, "requests", 100000, "latency-ms", 0, NULL);
  g_assert_cmpint (inflight_experiment_add_pane (experiment, second), ==, 1);
  g_assert_cmpint (inflight_experiment_add_pane (experiment, third), ==, 2);

  loaded = reload (experiment, TRUE);
  g_assert_cmpuint (inflight_experiment_get_n_panes (loaded), ==, 3);
  g_assert_cmpstr (inflight_experiment_get_title (loaded), ==, inflight_experiment_get_title (experiment));
  g_assert_false (inflight_experiment_get_same_service (loaded));
  for (guint i = 0; i < 3; i++)
    {
      assert_same_scenario (inflight_experiment_get_scenario (experiment, i),
                            inflight_experiment_get_scenario (loaded, i));
      g_assert_null (inflight_experiment_get_trace (loaded, i));
    }
  g_assert_finalize_object (g_steal_pointer (&loaded));

  inflight_experiment_set_same_service (experiment, TRUE);
  loaded = reload (experiment, FALSE);
  g_assert_true (inflight_experiment_get_same_service (loaded));
  assert_same_scenario (inflight_experiment_get_scenario (experiment, 2),
                        inflight_experiment_get_scenario (loaded, 2));
}

/* The failed requests, by number, and the replies in the order they arrived. */
static void
outcome (const InflightTraceSnapshot *snapshot,
         GString                     *failed,
         GArray                      *order)
{
  g_autoptr(GPtrArray) replies = inflight_metrics_replies_by_arrival (snapshot);

  for (guint request = 1; request <= replies->len; request++)
    for (guint i = 0; i < replies->len; i++)
      {
        const InflightMessage *msg = g_ptr_array_index (replies, i);

        if (msg->request == request && msg->kind == INFLIGHT_MESSAGE_ERROR)
          g_string_append_printf (failed, "%u ", msg->request);
      }

  for (guint i = 0; i < replies->len; i++)
    g_array_append_val (order, *(const InflightMessage *) g_ptr_array_index (replies, i));
}

/* Where @request's reply is in @order. */
static guint
position (GArray *order,
          guint   request)
{
  for (guint i = 0; i < order->len; i++)
    if (g_array_index (order, InflightMessage, i).request == request)
      return i;

  g_assert_not_reached ();
}

/* With the same seed, the reopened experiment plans the same calls and runs the same way:
 * the same requests fail, and replies far enough apart in time arrive in the same order. */
static void
test_same_seed_same_run (void)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightExperiment) loaded = NULL;
  InflightScenario *scenario = inflight_experiment_get_scenario (experiment, 0);
  g_autoptr(InflightTraceSnapshot) a = NULL;
  g_autoptr(InflightTraceSnapshot) b = NULL;
  g_autoptr(GString) failed_a = g_string_new (NULL);
  g_autoptr(GString) failed_b = g_string_new (NULL);
  g_autoptr(GString) planned = g_string_new (NULL);
  g_autoptr(GArray) order_a = g_array_new (FALSE, FALSE, sizeof (InflightMessage));
  g_autoptr(GArray) order_b = g_array_new (FALSE, FALSE, sizeof (InflightMessage));
  InflightScenario *again;
  gint64 total[9];
  guint compared = 0;

  g_object_set (scenario, "strategy", INFLIGHT_STRATEGY_CALLBACK, "requests", 8, "latency-ms", 400,
                "jitter-pct", 80, "workers", 8, "failure-pct", 40, "seed", 20261205, NULL);
  loaded = reload (experiment, FALSE);
  again = inflight_experiment_get_scenario (loaded, 0);

  /* What the service will do is drawn from the scenario alone. */
  for (guint request = 1; request <= 8; request++)
    {
      InflightCallPlan pa, pb;

      inflight_call_plan_draw (&pa, inflight_scenario_get_seed (scenario), request,
                               inflight_scenario_get_latency_ms (scenario),
                               inflight_scenario_get_jitter_pct (scenario),
                               inflight_scenario_get_failure_pct (scenario));
      inflight_call_plan_draw (&pb, inflight_scenario_get_seed (again), request,
                               inflight_scenario_get_latency_ms (again),
                               inflight_scenario_get_jitter_pct (again),
                               inflight_scenario_get_failure_pct (again));
      g_assert_cmpint (inflight_call_plan_total (&pa), ==, inflight_call_plan_total (&pb));
      g_assert_cmpint (pa.fails, ==, pb.fails);
      total[request] = inflight_call_plan_total (&pa);
      if (pa.fails)
        g_string_append_printf (planned, "%u ", request);
    }

  a = inflight_test_run (scenario, 0, NULL);
  b = inflight_test_run (again, 0, NULL);
  outcome (a, failed_a, order_a);
  outcome (b, failed_b, order_b);

  /* The plan fails some requests and not all: the comparison means something. */
  g_assert_cmpuint (planned->len, >, 0);
  g_assert_cmpuint (planned->len, <, strlen ("1 2 3 4 5 6 7 8 "));
  g_assert_cmpuint (order_a->len, ==, 8);
  g_assert_cmpuint (order_b->len, ==, 8);

  /* The requests the plan fails are the ones that fail, in both runs. */
  g_assert_cmpstr (failed_a->str, ==, planned->str);
  g_assert_cmpstr (failed_b->str, ==, planned->str);

  /* Replies planned far apart arrive in the planned order, in both runs; replies planned
   * close together may swap with the machine's load. */
  for (guint x = 1; x <= 8; x++)
    for (guint y = 1; y <= 8; y++)
      if (total[y] - total[x] >= 150000)
        {
          g_assert_cmpuint (position (order_a, x), <, position (order_a, y));
          g_assert_cmpuint (position (order_b, x), <, position (order_b, y));
          compared++;
        }
  g_assert_cmpuint (compared, >, 0);
}

static void
assert_same_trace (const InflightTraceSnapshot *a,
                   const InflightTraceSnapshot *b)
{
  g_assert_true (b->finished);
  g_assert_cmpint (a->duration, ==, b->duration);
  g_assert_cmpuint (a->n_lanes, ==, b->n_lanes);
  g_assert_cmpuint (a->n_spans, ==, b->n_spans);
  g_assert_cmpuint (a->n_messages, ==, b->n_messages);
  g_assert_cmpuint (a->n_marks, ==, b->n_marks);
  g_assert_cmpuint (a->n_steps, ==, b->n_steps);

  for (guint i = 0; i < a->n_lanes; i++)
    {
      g_assert_cmpint (a->lanes[i].role, ==, b->lanes[i].role);
      g_assert_cmpstr (a->lanes[i].label, ==, b->lanes[i].label);
    }
  for (guint i = 0; i < a->n_spans; i++)
    {
      const InflightSpan *x = &a->spans[i], *y = &b->spans[i];

      g_assert_cmpuint (x->lane, ==, y->lane);
      g_assert_cmpuint (x->slot, ==, y->slot);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
    }
  for (guint i = 0; i < a->n_messages; i++)
    {
      const InflightMessage *x = &a->messages[i], *y = &b->messages[i];

      g_assert_cmpuint (x->request, ==, y->request);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpuint (x->from_lane, ==, y->from_lane);
      g_assert_cmpuint (x->to_lane, ==, y->to_lane);
      g_assert_cmpint (x->sent_at, ==, y->sent_at);
      g_assert_cmpint (x->arrived_at, ==, y->arrived_at);
      g_assert_cmpint (x->cancelled, ==, y->cancelled);
    }
  for (guint i = 0; i < a->n_marks; i++)
    {
      g_assert_cmpuint (a->marks[i].lane, ==, b->marks[i].lane);
      g_assert_cmpint (a->marks[i].at, ==, b->marks[i].at);
      g_assert_cmpstr (a->marks[i].label, ==, b->marks[i].label);
    }
  for (guint i = 0; i < a->n_steps; i++)
    {
      g_assert_cmpuint (a->steps[i].lane, ==, b->steps[i].lane);
      g_assert_cmpint (a->steps[i].at, ==, b->steps[i].at);
      g_assert_cmpuint (a->steps[i].point, ==, b->steps[i].point);
      g_assert_cmpuint (a->steps[i].request, ==, b->steps[i].request);
    }
}

/* The order in which events of all four kinds were recorded: kept across a save. */
static char *
recording_order (const InflightTraceSnapshot *s)
{
  GString *out = g_string_new (NULL);
  guint si = 0, mi = 0, ki = 0, ci = 0;

  while (si < s->n_spans || mi < s->n_messages || ki < s->n_marks || ci < s->n_steps)
    {
      guint best = G_MAXUINT;
      char which = '?';

      if (si < s->n_spans && s->spans[si].start_seq < best)
        best = s->spans[si].start_seq, which = 's';
      if (mi < s->n_messages && s->messages[mi].sent_seq < best)
        best = s->messages[mi].sent_seq, which = 'm';
      if (ki < s->n_marks && s->marks[ki].seq < best)
        best = s->marks[ki].seq, which = 'k';
      if (ci < s->n_steps && s->steps[ci].seq < best)
        best = s->steps[ci].seq, which = 'c';
      switch (which)
        {
        case 's': si++; break;
        case 'm': mi++; break;
        case 'k': ki++; break;
        default: ci++; break;
        }
      g_string_append_c (out, which);
    }

  return g_string_free (out, FALSE);
}

static InflightTraceSnapshot *
hand_made_trace (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller; the one who asks");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service \\ “ünïcode” = 1");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "");
  inflight_trace_append_mark (trace, 0, 0, "  starts;with spaces ");
  inflight_trace_append_span (trace, 0, 0, INFLIGHT_SPAN_WAITING, 0, 400);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, 0, 1, 10, 40);
  inflight_trace_append_step (trace, 2, 20, 3, 1);
  inflight_trace_append_span (trace, 1, 3, INFLIGHT_SPAN_DOWN, 40, 40);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_CANCEL, 1, 0, 50, INFLIGHT_TIME_NONE);
  inflight_trace_append_mark (trace, 2, 60, "");
  inflight_trace_append_step (trace, 2, 20, 4, 0);
  inflight_trace_append_span (trace, 2, 255, INFLIGHT_SPAN_READY, 100, INFLIGHT_TIME_NONE);
  inflight_trace_set_duration (trace, 500);

  return inflight_trace_snapshot (trace);
}

/* A recorded run comes back event for event, without running again. */
static void
test_trace_round_trip (void)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightExperiment) loaded = NULL;
  g_autoptr(InflightScenario) queue = inflight_test_scenario (INFLIGHT_STRATEGY_QUEUE, 6, 20, 2);
  g_autoptr(InflightTraceSnapshot) ran = NULL;
  g_autoptr(InflightTraceSnapshot) made = hand_made_trace ();
  g_autofree char *order_before = NULL;
  g_autofree char *order_after = NULL;

  inflight_scenario_set_jitter_pct (queue, 50);
  ran = inflight_test_run (queue, 0, NULL);
  g_assert_true (ran->finished);
  g_assert_cmpuint (ran->n_steps, >, 0);
  g_assert_cmpuint (ran->n_marks + ran->n_spans, >, 0);

  inflight_experiment_add_pane (experiment, queue);
  inflight_experiment_remove_pane (experiment, 0);
  inflight_experiment_set_trace (experiment, 0, ran);
  inflight_experiment_add_pane (experiment, queue);
  inflight_experiment_set_trace (experiment, 1, made);

  loaded = reload (experiment, TRUE);
  assert_same_trace (ran, inflight_experiment_get_trace (loaded, 0));
  assert_same_trace (made, inflight_experiment_get_trace (loaded, 1));

  order_before = recording_order (ran);
  order_after = recording_order (inflight_experiment_get_trace (loaded, 0));
  g_assert_cmpstr (order_before, ==, order_after);
  g_clear_pointer (&order_before, g_free);
  g_clear_pointer (&order_after, g_free);
  order_before = recording_order (made);
  order_after = recording_order (inflight_experiment_get_trace (loaded, 1));
  g_assert_cmpstr (order_before, ==, "ksmcsmkcs");
  g_assert_cmpstr (order_before, ==, order_after);

  /* Drawn together: the second pane's lanes beside the first's, named after their pane. */
  {
    g_autoptr(InflightTraceSnapshot) both = inflight_experiment_side_by_side (loaded);

    g_assert_cmpuint (both->n_lanes, ==, ran->n_lanes + made->n_lanes);
    g_assert_cmpstr (both->lanes[ran->n_lanes].label, ==, "2 · Caller; the one who asks");
    g_assert_cmpuint (both->n_spans, ==, ran->n_spans + made->n_spans);
    g_assert_cmpuint (both->n_messages, ==, ran->n_messages + made->n_messages);
    g_assert_cmpuint (both->spans[ran->n_spans].lane, ==, ran->n_lanes);
    g_assert_cmpuint (both->messages[ran->n_messages].to_lane, ==, ran->n_lanes + 1);
    g_assert_cmpint (both->duration, ==, MAX (ran->duration, made->duration));
  }

  g_assert_finalize_object (g_steal_pointer (&loaded));
  loaded = reload (experiment, FALSE);
  g_assert_null (inflight_experiment_get_trace (loaded, 0));
  g_assert_null (inflight_experiment_side_by_side (loaded));
}

/* A file saved to disk reads back, and a missing file or a folder is refused in one line. */
static void
test_files (void)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new_preset ("flaky-service");
  g_autoptr(InflightExperiment) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inflight-experiment-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "flaky.inflight", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.inflight", NULL);
  g_autofree char *expected = NULL;

  g_assert_true (inflight_experiment_save_file (experiment, path, TRUE, &error));
  g_assert_no_error (error);
  loaded = inflight_experiment_load_file (path, &error);
  g_assert_no_error (error);
  assert_same_scenario (inflight_experiment_get_scenario (experiment, 1),
                        inflight_experiment_get_scenario (loaded, 1));

  g_assert_null (inflight_experiment_load_file (missing, &error));
  g_assert_error (error, INFLIGHT_EXPERIMENT_ERROR, INFLIGHT_EXPERIMENT_ERROR_READ);
  expected = g_strconcat (missing, ": the file cannot be read: ", NULL);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  g_assert_null (inflight_experiment_load_file (dir, &error));
  g_assert_error (error, INFLIGHT_EXPERIMENT_ERROR, INFLIGHT_EXPERIMENT_ERROR_READ);
  g_clear_error (&error);

  /* A pipe is never read: nothing might ever come through it, or no end. */
  g_assert_cmpint (mkfifo (missing, 0600), ==, 0);
  g_assert_null (inflight_experiment_load_file (missing, &error));
  g_assert_error (error, INFLIGHT_EXPERIMENT_ERROR, INFLIGHT_EXPERIMENT_ERROR_READ);
  g_clear_error (&error);
  g_remove (missing);

  g_remove (path);
  g_rmdir (dir);
}

/* Every preset has two panes of different strategies, a title, survives a save and runs. */
static void
test_presets (void)
{
  const char * const *ids = inflight_experiment_preset_ids ();
  g_autoptr(InflightExperiment) burst = NULL;
  guint n = 0;

  for (; ids[n] != NULL; n++)
    {
      g_autoptr(InflightExperiment) preset = inflight_experiment_new_preset (ids[n]);
      g_autoptr(InflightExperiment) loaded = NULL;

      g_assert_nonnull (preset);
      g_assert_nonnull (inflight_experiment_preset_title (ids[n]));
      g_assert_cmpstr (inflight_experiment_get_title (preset), ==, inflight_experiment_preset_title (ids[n]));
      g_assert_cmpuint (inflight_experiment_get_n_panes (preset), ==, 2);
      g_assert_cmpint (inflight_scenario_get_strategy (inflight_experiment_get_scenario (preset, 0)), !=,
                       inflight_scenario_get_strategy (inflight_experiment_get_scenario (preset, 1)));

      loaded = reload (preset, FALSE);
      for (guint pane = 0; pane < 2; pane++)
        {
          InflightScenario *scenario = inflight_experiment_get_scenario (loaded, pane);
          g_autoptr(InflightTraceSnapshot) run = NULL;
          g_autoptr(GError) error = NULL;
          InflightMetrics metrics;

          assert_same_scenario (inflight_experiment_get_scenario (preset, pane), scenario);
          run = inflight_test_run (scenario, 0, &error);
          g_assert_true (run->finished);
          inflight_test_assert_consistent (run);
          inflight_metrics_compute (run, &metrics);
          g_assert_cmpuint (metrics.requests, ==, inflight_scenario_get_requests (scenario));
        }
    }
  g_assert_cmpuint (n, ==, 4);
  burst = inflight_experiment_new_preset ("burst");
  g_assert_cmpuint (inflight_scenario_get_requests (inflight_experiment_get_scenario (burst, 0)), ==, 200);
  g_assert_null (inflight_experiment_preset_title ("no-such-preset"));
  g_assert_null (inflight_experiment_new_preset ("no-such-preset"));
}

/* With the switch on, the other panes take the first pane's service and follow it; not the strategy. */
static void
test_same_service (void)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightScenario) other = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
  InflightScenario *first = inflight_experiment_get_scenario (experiment, 0);
  InflightScenario *second;
  InflightScenario *third;

  g_object_set (first, "latency-ms", 250, "jitter-pct", 10, "workers", 5, "failure-pct", 7,
                "timeout-ms", 800, "down-at-ms", 100, "down-for-ms", 300, "seed", 77, "hangs", TRUE,
                "requests", 9, "chain-depth", 3, NULL);
  g_object_set (other, "requests", 4, "chain-depth", 2, NULL);
  inflight_experiment_add_pane (experiment, other);
  second = inflight_experiment_get_scenario (experiment, 1);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (second), ==, 400);

  inflight_experiment_share_service (experiment);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (second), ==, 250);
  g_assert_cmpuint (inflight_scenario_get_jitter_pct (second), ==, 10);
  g_assert_cmpuint (inflight_scenario_get_workers (second), ==, 5);
  g_assert_cmpuint (inflight_scenario_get_failure_pct (second), ==, 7);
  g_assert_cmpuint (inflight_scenario_get_timeout_ms (second), ==, 800);
  g_assert_cmpuint (inflight_scenario_get_down_at_ms (second), ==, 100);
  g_assert_cmpuint (inflight_scenario_get_down_for_ms (second), ==, 300);
  g_assert_cmpuint (inflight_scenario_get_seed (second), ==, 77);
  g_assert_true (inflight_scenario_get_hangs (second));
  /* What belongs to the caller stays each pane's own. */
  g_assert_cmpint (inflight_scenario_get_strategy (second), ==, INFLIGHT_STRATEGY_QUEUE);
  g_assert_cmpuint (inflight_scenario_get_requests (second), ==, 4);
  g_assert_cmpuint (inflight_scenario_get_chain_depth (second), ==, 2);

  /* Off, a change to the first pane stays there; on, the others follow it. */
  inflight_scenario_set_latency_ms (first, 600);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (second), ==, 250);
  inflight_experiment_set_same_service (experiment, TRUE);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (second), ==, 600);
  inflight_scenario_set_workers (first, 2);
  g_assert_cmpuint (inflight_scenario_get_workers (second), ==, 2);
  inflight_scenario_set_requests (first, 1);
  g_assert_cmpuint (inflight_scenario_get_requests (second), ==, 4);

  /* A pane added while it is on takes the service too; if the first goes, the next leads. */
  inflight_experiment_add_pane (experiment, other);
  third = inflight_experiment_get_scenario (experiment, 2);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (third), ==, 600);
  inflight_experiment_remove_pane (experiment, 0);
  g_assert_true (inflight_experiment_get_scenario (experiment, 0) == second);
  inflight_scenario_set_latency_ms (second, 50);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (third), ==, 50);

  inflight_experiment_set_same_service (experiment, FALSE);
  inflight_scenario_set_latency_ms (second, 70);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (third), ==, 50);

  /* Never more than four panes, never fewer than one. */
  g_assert_cmpint (inflight_experiment_add_pane (experiment, other), ==, 2);
  g_assert_cmpint (inflight_experiment_add_pane (experiment, other), ==, 3);
  g_assert_cmpint (inflight_experiment_add_pane (experiment, other), ==, -1);
  for (guint i = 0; i < 5; i++)
    inflight_experiment_remove_pane (experiment, 0);
  g_assert_cmpuint (inflight_experiment_get_n_panes (experiment), ==, 1);
}

typedef struct
{
  const char              *text;
  InflightExperimentError  code;
  const char              *message;
} BadFile;

#define HEAD "[Experiment]\nversion=1\n"
#define PANE "[Pane 1]\nstrategy=queue\n"
#define TRACE "[Pane 1 Trace]\nduration=1000\nlanes=caller Caller;service Service;\n"

static const BadFile bad_files[] = {
  { "", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight: the file is empty; an experiment starts with [Experiment]" },
  { "hello\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:1: this line is not a [group], a setting such as “workers=4”, or a comment starting with “#”" },
  { "latency-ms=3\n" HEAD PANE, INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:1: a setting comes before any group; a file starts with [Experiment]" },
  { PANE "latency-ms=3\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight: this is not an Inflight experiment: it has no [Experiment] group" },
  { HEAD, INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight: the experiment has no pane; it needs at least [Pane 1]" },
  { "[Experiment]\ntitle=x\n" PANE, INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:1: [Experiment] needs the version of its format, “version=1”" },
  { "[Experiment]\nversion=2\n" PANE, INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:2: the format’s version is “2”; this Inflight reads version 1" },
  { HEAD "same-service=maybe\n" PANE, INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:3: same-service is “maybe”; it can be true or false" },
  { HEAD PANE "latency-ms=20000\n", INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:5: latency-ms: 20000 is out of range (0 to 10000)" },
  { HEAD PANE "\n# workers\nworkers=four\n", INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:7: workers: “four” is not a whole number from 1 to 64" },
  { HEAD PANE "hangs=yes\n", INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:5: hangs: “yes” is neither true nor false" },
  { HEAD "[Pane 1]\nstrategy=teleport\n", INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:4: strategy: “teleport” is not a strategy (blocking, ui-blocking, callback, future, queue, event-loop, parallel)" },
  { HEAD "[Pane 1]\nworkers=2\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:3: [Pane 1] needs a strategy, such as “strategy=queue”" },
  { HEAD PANE "colour=red\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:5: [Pane 1] has no setting called “colour”" },
  { HEAD PANE "down=true\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:5: [Pane 1] has no setting called “down”" },
  { HEAD "[Panel 1]\nstrategy=queue\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:3: an experiment has no group called [Panel 1]; its groups are [Experiment], [Pane 1] to [Pane 4] and their traces, such as [Pane 1 Trace]" },
  { HEAD PANE "[Pane 2]\nstrategy=queue\n[Pane 3]\nstrategy=queue\n[Pane 4]\nstrategy=queue\n[Pane 5]\nstrategy=queue\n",
    INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:11: an experiment has at most 4 panes, so there can be no [Pane 5]" },
  { HEAD "[Pane 2]\nstrategy=queue\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:3: [Pane 2] comes without [Pane 1]; panes are numbered from 1, with no gap" },
  { HEAD PANE "[Pane 2 Trace]\nduration=5\nlanes=caller C;\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:5: [Pane 2 Trace] is the trace of a pane that is not there, [Pane 2]" },
  { HEAD PANE "[Experiment]\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:5: the group [Experiment] is here a second time; it begins on line 1" },
  { HEAD PANE "workers=3\n  workers = 4\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:6: “workers” is set a second time in [Pane 1]; it is set first on line 5" },
  { HEAD "[Pane 1\nstrategy=queue\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:3: a group’s name must be closed by “]” at the end of its line" },
  { HEAD PANE "seed=1\xff\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:5: this is not text: the line holds bytes that are not UTF-8" },
  { HEAD PANE "requests=9" "9999999999999999999999999999999999999999999999999\n", INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:5: the value of “requests” is far too long to be one" },
  { HEAD PANE "[Pane 1 Trace]\nlanes=caller C;\n", INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
    "bad.inflight:5: [Pane 1 Trace] needs the run’s duration and lanes" },
  { HEAD PANE "[Pane 1 Trace]\nduration=-3\nlanes=caller C;\n", INFLIGHT_EXPERIMENT_ERROR_VALUE,
    "bad.inflight:6: the duration is “-3”; it can be a whole number of microseconds from 0 to 86400000000" },
  { HEAD PANE "[Pane 1 Trace]\nduration=3\nlanes=\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:7: a trace has 1 to 1024 lanes, and this one has 0" },
  { HEAD PANE "[Pane 1 Trace]\nduration=3\nlanes=boss Boss;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:7: lane 0, “boss Boss”, is not a role and a name, such as “worker Worker 1”" },
  { HEAD PANE TRACE "events=span 0 0 working 10 20;span 1 0 waiting 500 400;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 2, a span, ends at 400 µs, before it starts at 500 µs" },
  { HEAD PANE TRACE "events=span 0 0 working 10 2000;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 1 happens at 2000 µs, after the run ended at 1000 µs" },
  { HEAD PANE TRACE "events=message 1 reply 1 0 300 200;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 1, a message, arrives at 200 µs, before it is sent at 300 µs" },
  { HEAD PANE TRACE "events=mark 0 5 ok;message 1 reply 1 2 300 -;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 2, “message 1 reply 1 2 300 -”, is not one this file’s opening comment describes, or refers to a lane that is not there" },
  { HEAD PANE TRACE "events=step 1 50 1 1;step 1 40 2 1;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 2 goes back in time on lane 1, to 40 µs after 50 µs" },
  { HEAD PANE TRACE "events=span 0 0 sleeping 1 2;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 1, “span 0 0 sleeping 1 2”, is not one this file’s opening comment describes, or refers to a lane that is not there" },
  { HEAD PANE TRACE "events=step 1 50 1 1 extra;\n", INFLIGHT_EXPERIMENT_ERROR_TRACE,
    "bad.inflight:8: event 1, “step 1 50 1 1 extra”, is not one this file’s opening comment describes, or refers to a lane that is not there" },
};

static void
assert_refused (const char              *text,
                gsize                    length,
                InflightExperimentError  code,
                const char              *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(InflightExperiment) experiment = inflight_experiment_load_data (text, length, "bad.inflight", &error);

  if (experiment != NULL)
    g_error ("accepted:\n%s", text);
  g_assert_nonnull (error);
  if (g_strcmp0 (error->message, message) != 0)
    g_error ("for:\n%s\nexpected: %s\n     got: %s", text, message, error->message);
  g_assert_error (error, INFLIGHT_EXPERIMENT_ERROR, (int) code);
}

/* Hand-made bad files, each refused with the one line that says where and what. */
static void
test_refusals (void)
{
  g_autofree char *many = NULL;
  g_autofree char *huge = NULL;
  GString *text;

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    assert_refused (bad_files[i].text, strlen (bad_files[i].text), bad_files[i].code, bad_files[i].message);

  /* A NUL byte is no more text than a stray byte is. */
  assert_refused (HEAD "\n\0" PANE, strlen (HEAD) + 1 + 1 + strlen (PANE), INFLIGHT_EXPERIMENT_ERROR_SYNTAX,
                  "bad.inflight:4: this is not text: the line holds bytes that are not UTF-8");

  /* Too many events is refused before they are split, not after. */
  text = g_string_new (HEAD PANE TRACE "events=");
  for (guint i = 0; i <= INFLIGHT_EXPERIMENT_MAX_EVENTS; i++)
    g_string_append (text, "mark 0 1 x;");
  g_string_append_c (text, '\n');
  many = g_string_free (text, FALSE);
  assert_refused (many, strlen (many), INFLIGHT_EXPERIMENT_ERROR_TRACE,
                  "bad.inflight:8: a pane’s trace can hold 200000 events at most, and this one holds more");
  /* …and one fewer is fine. */
  strstr (many, "mark 0 1 x;")[0] = '#';
  {
    g_autoptr(GError) error = NULL;
    char *events = strstr (many, "events=") + strlen ("events=");
    g_autoptr(InflightExperiment) fine = NULL;

    memmove (events, events + strlen ("#ark 0 1 x;"), strlen (events + strlen ("#ark 0 1 x;")) + 1);
    fine = inflight_experiment_load_data (many, strlen (many), "many.inflight", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (inflight_experiment_get_trace (fine, 0)->n_marks, ==, INFLIGHT_EXPERIMENT_MAX_EVENTS);
  }

  /* More lanes than any run has are refused before they are made. */
  text = g_string_new (HEAD PANE "[Pane 1 Trace]\nduration=3\nlanes=");
  for (guint i = 0; i < 1025; i++)
    g_string_append (text, "worker W;");
  g_string_append_c (text, '\n');
  {
    g_autofree char *lanes = g_string_free (text, FALSE);

    assert_refused (lanes, strlen (lanes), INFLIGHT_EXPERIMENT_ERROR_TRACE,
                    "bad.inflight:7: a trace has 1 to 1024 lanes, and this one has 1025");
  }

  /* A file larger than the cap is refused without being read through. */
  huge = g_malloc0 (INFLIGHT_EXPERIMENT_MAX_FILE_SIZE + 1);
  {
    g_autofree char *max = g_format_size_full (INFLIGHT_EXPERIMENT_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *message = g_strdup_printf ("bad.inflight: the file is larger than %s, the most an experiment can be", max);

    g_assert_true (g_str_has_prefix (max, "64"));
    assert_refused (huge, INFLIGHT_EXPERIMENT_MAX_FILE_SIZE + 1, INFLIGHT_EXPERIMENT_ERROR_READ, message);
  }
}

/* A file cut short anywhere is refused or, cut between lines, read as what is left. */
static void
test_truncated (void)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightTraceSnapshot) made = hand_made_trace ();
  g_autofree char *data = NULL;
  gsize length;
  guint refused = 0;

  inflight_experiment_set_trace (experiment, 0, made);
  data = inflight_experiment_to_data (experiment, TRUE, &length);
  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(InflightExperiment) loaded = inflight_experiment_load_data (data, cut, "cut.inflight", &error);

      if (loaded == NULL)
        {
          g_assert_true (g_str_has_prefix (error->message, "cut.inflight"));
          g_assert_null (strchr (error->message, '\n'));
          refused++;
        }
    }
  g_assert_cmpuint (refused, >, length / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment/settings-round-trip", test_settings_round_trip);
  g_test_add_func ("/experiment/same-seed-same-run", test_same_seed_same_run);
  g_test_add_func ("/experiment/trace-round-trip", test_trace_round_trip);
  g_test_add_func ("/experiment/files", test_files);
  g_test_add_func ("/experiment/presets", test_presets);
  g_test_add_func ("/experiment/same-service", test_same_service);
  g_test_add_func ("/experiment/refusals", test_refusals);
  g_test_add_func ("/experiment/truncated", test_truncated);

  return g_test_run ();
}
