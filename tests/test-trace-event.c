/* test-trace-event.c
 * The trace export for profilers: real runs of every strategy, and a trace made by hand, written
 * as Trace Event JSON, read back and held to the format's rules; and --render … --output x.json.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-trace-event"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "inflight-code.h"
#include "inflight-enums.h"
#include "inflight-test-util.h"
#include "inflight-trace-event.h"

static JsonNode *
parse (const char *data,
       gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, data, length, &error));
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
trace_events (JsonNode *root)
{
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "displayTimeUnit", NULL), ==, "ms");
  g_assert_true (json_object_has_member (object, "traceEvents"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "traceEvents")));

  return json_object_get_array_member (object, "traceEvents");
}

static const char *
str (JsonObject *event,
     const char *member)
{
  return json_object_get_string_member_with_default (event, member, NULL);
}

static gint64
num (JsonObject *event,
     const char *member)
{
  g_assert_true (json_object_has_member (event, member));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (event, member)));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (event, member)), ==, G_TYPE_INT64);

  return json_object_get_int_member (event, member);
}

static gint64
arg (JsonObject *event,
     const char *member)
{
  JsonObject *args = json_object_get_object_member (event, "args");

  g_assert_nonnull (args);
  return num (args, member);
}

/* The first event with all of these; NULL and -1 match anything. */
static JsonObject *
find_event (JsonArray  *events,
            const char *ph,
            const char *name,
            gint64      pid,
            gint64      tid,
            gint64      ts)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if ((ph == NULL || g_strcmp0 (str (e, "ph"), ph) == 0) &&
          (name == NULL || g_strcmp0 (str (e, "name"), name) == 0) &&
          (pid < 0 || num (e, "pid") == pid) &&
          (tid < 0 || num (e, "tid") == tid) &&
          (ts < 0 || (json_object_has_member (e, "ts") && num (e, "ts") == ts)))
        return e;
    }

  return NULL;
}

static guint
count_events (JsonArray  *events,
              const char *ph,
              const char *cat,
              gint64      pid)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_strcmp0 (str (e, "ph"), ph) == 0 && (cat == NULL || g_strcmp0 (str (e, "cat"), cat) == 0) &&
          num (e, "pid") == pid)
        n++;
    }

  return n;
}

/* Whether a slice of the same thread holds @flow's moment, for the flow end to bind to. */
static gboolean
in_slice (JsonArray  *events,
          JsonObject *flow)
{
  gint64 ts = num (flow, "ts");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_strcmp0 (str (e, "ph"), "X") == 0 && num (e, "pid") == num (flow, "pid") &&
          num (e, "tid") == num (flow, "tid") && num (e, "ts") <= ts && ts <= num (e, "ts") + num (e, "dur"))
        return TRUE;
    }

  return FALSE;
}

/* The format's own rules, whatever the runs. */
static void
check_rules (JsonArray *events)
{
  g_autoptr(GHashTable) last_x = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) open_ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) begun = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) starts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) finishes = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (json_array_get_length (events), >, 0);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);
      const char *ph = str (e, "ph");
      g_autofree char *thread = NULL;

      g_assert_nonnull (ph);
      g_assert_nonnull (str (e, "name"));
      thread = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, num (e, "pid"), num (e, "tid"));
      if (g_str_equal (ph, "M"))
        continue;

      g_assert_cmpint (num (e, "ts"), >=, 0);

      if (g_str_equal (ph, "X"))
        {
          gint64 ts = num (e, "ts");
          gint64 end = ts + num (e, "dur");
          gint64 *last = g_hash_table_lookup (last_x, thread);
          GArray *ends = g_hash_table_lookup (open_ends, thread);

          g_assert_cmpint (num (e, "dur"), >=, 0);

          /* In time order on each thread, and nested: a slice ends before any slice it starts in. */
          if (last != NULL)
            g_assert_cmpint (ts, >=, *last);
          else
            g_hash_table_insert (last_x, g_strdup (thread), last = g_new0 (gint64, 1));
          *last = ts;

          if (ends == NULL)
            g_hash_table_insert (open_ends, g_strdup (thread), ends = g_array_new (FALSE, FALSE, sizeof (gint64)));
          while (ends->len > 0 && g_array_index (ends, gint64, ends->len - 1) <= ts)
            g_array_set_size (ends, ends->len - 1);
          if (ends->len > 0)
            g_assert_cmpint (end, <=, g_array_index (ends, gint64, ends->len - 1));
          g_array_append_val (ends, end);
        }
      else if (g_str_equal (ph, "B") || g_str_equal (ph, "E"))
        {
          int depth = GPOINTER_TO_INT (g_hash_table_lookup (begun, thread)) + (g_str_equal (ph, "B") ? 1 : -1);

          g_assert_cmpint (depth, >=, 0);
          g_hash_table_insert (begun, g_strdup (thread), GINT_TO_POINTER (depth));
        }
      else if (g_str_equal (ph, "s") || g_str_equal (ph, "f"))
        {
          GHashTable *table = g_str_equal (ph, "s") ? starts : finishes;
          gint64 *id = g_new (gint64, 1);

          *id = num (e, "id");
          g_assert_false (g_hash_table_contains (table, id));
          g_hash_table_insert (table, id, e);
          g_assert_true (in_slice (events, e));
          if (g_str_equal (ph, "f"))
            g_assert_cmpstr (str (e, "bp"), ==, "e");
        }
      else
        {
          g_assert_cmpstr (ph, ==, "i");
          g_assert_cmpstr (str (e, "s"), ==, "t");
        }
    }

  g_hash_table_iter_init (&iter, begun);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (GPOINTER_TO_INT (value), ==, 0);

  /* Flows pair up: one start and one finish for each id, of one name and category, in order. */
  g_assert_cmpuint (g_hash_table_size (starts), ==, g_hash_table_size (finishes));
  g_hash_table_iter_init (&iter, starts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *s = value;
      JsonObject *f = g_hash_table_lookup (finishes, key);

      g_assert_nonnull (f);
      g_assert_cmpstr (str (s, "cat"), ==, str (f, "cat"));
      g_assert_cmpstr (str (s, "name"), ==, str (f, "name"));
      g_assert_cmpint (num (s, "pid"), ==, num (f, "pid"));
      g_assert_cmpint (num (f, "ts"), >=, num (s, "ts"));
    }

  /* The ids were allocated: free them with the tables. */
  g_hash_table_iter_init (&iter, starts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_free (key);
  g_hash_table_iter_init (&iter, finishes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_free (key);
}

/* What a run's process must hold: as many events of each sort as its snapshot says. */
static void
check_counts (JsonArray                   *events,
              const InflightTraceSnapshot *snapshot,
              gint64                       pid,
              const char                  *name)
{
  guint arrived = 0;
  JsonObject *process = find_event (events, "M", "process_name", pid, -1, -1);

  for (guint i = 0; i < snapshot->n_messages; i++)
    if (snapshot->messages[i].arrived_at != INFLIGHT_TIME_NONE && !snapshot->messages[i].cancelled)
      arrived++;

  g_assert_nonnull (process);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (process, "args"), "name"), ==, name);

  for (guint lane = 0; lane < snapshot->n_lanes; lane++)
    {
      JsonObject *thread = find_event (events, "M", "thread_name", pid, lane + 1, -1);

      g_assert_nonnull (thread);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (thread, "args"), "name"),
                       ==, snapshot->lanes[lane].label);
    }

  g_assert_cmpuint (count_events (events, "X", "span", pid), ==, snapshot->n_spans);
  g_assert_cmpuint (count_events (events, "X", "message", pid), ==, snapshot->n_messages + arrived);
  g_assert_cmpuint (count_events (events, "s", "message", pid), ==, arrived);
  g_assert_cmpuint (count_events (events, "f", "message", pid), ==, arrived);
  g_assert_cmpuint (count_events (events, "i", "lost", pid), ==, snapshot->n_messages - arrived);
  g_assert_cmpuint (count_events (events, "i", "mark", pid), ==, snapshot->n_marks);
  g_assert_cmpuint (count_events (events, "i", "code", pid), ==, snapshot->n_steps);
}

static void
test_strategy (gconstpointer data)
{
  InflightStrategy strategy = GPOINTER_TO_INT (data);
  g_autoptr(InflightScenario) scenario = NULL;
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const InflightTraceSnapshot *runs[1];
  const char *names[] = { inflight_strategy_get_title (strategy) };
  JsonArray *events;
  gsize length = 0;

  if (!inflight_strategy_is_runnable (strategy))
    {
      g_test_skip ("this strategy cannot be run yet");
      return;
    }

  scenario = inflight_test_scenario (strategy, 4, 30, 2);
  inflight_scenario_set_jitter_pct (scenario, 20);
  inflight_scenario_set_failure_pct (scenario, 25);
  inflight_scenario_set_seed (scenario, 5);
  snapshot = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  g_assert_true (snapshot->finished);
  g_assert_cmpuint (snapshot->n_spans, >, 0);
  runs[0] = snapshot;

  text = inflight_trace_event_to_data (runs, names, 1, &length);
  g_assert_nonnull (text);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_null (strchr (text, '\n'));

  root = parse (text, length);
  events = trace_events (root);
  check_rules (events);
  check_counts (events, snapshot, 1, names[0]);
}

/* A run stopped half way: messages that never arrived have no flow, and every span is closed. */
static void
test_stopped (void)
{
  g_autoptr(InflightScenario) scenario = inflight_test_scenario (INFLIGHT_STRATEGY_CALLBACK, 8, 400, 2);
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  const InflightTraceSnapshot *runs[1];
  JsonArray *events;
  guint lost = 0;

  snapshot = inflight_test_run (scenario, 100, &error);
  runs[0] = snapshot;
  g_clear_error (&error);
  for (guint i = 0; i < snapshot->n_messages; i++)
    lost += snapshot->messages[i].arrived_at == INFLIGHT_TIME_NONE || snapshot->messages[i].cancelled;
  g_assert_cmpuint (lost, >, 0);

  text = inflight_trace_event_to_data (runs, NULL, 1, NULL);
  root = parse (text, -1);
  events = trace_events (root);
  check_rules (events);
  check_counts (events, snapshot, 1, "Run 1");
}

/* A trace made by hand, with every value known, and two runs of it in one file. */
static void
test_by_hand (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(InflightTraceSnapshot) live = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) live_root = NULL;
  g_autoptr(JsonNode) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *live_text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const InflightTraceSnapshot *runs[2];
  const char *names[] = { "By hand", NULL };
  JsonArray *events;
  JsonObject *e;
  guint caller, service;

  caller = inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  service = inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_WAITING, 100, 600);
  inflight_trace_append_span (trace, service, 0, INFLIGHT_SPAN_WORKING, 150, 550);
  inflight_trace_append_span (trace, service, 1, INFLIGHT_SPAN_WORKING, 200, 500);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, caller, service, 100, 150);
  inflight_trace_append_message (trace, 2, INFLIGHT_MESSAGE_REQUEST, caller, service, 120, INFLIGHT_TIME_NONE);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, service, caller, 550, 600);
  inflight_trace_append_mark (trace, caller, 600, "done");
  inflight_trace_append_step (trace, caller, 100, INFLIGHT_CODE_CALL, 1);
  inflight_trace_append_span (trace, caller, 0, INFLIGHT_SPAN_IDLE, 650, INFLIGHT_TIME_NONE);
  inflight_trace_append_mark (trace, service, 900, "later");
  live = inflight_trace_snapshot (trace);
  inflight_trace_set_duration (trace, 1000);
  snapshot = inflight_trace_snapshot (trace);
  runs[0] = runs[1] = snapshot;

  text = inflight_trace_event_to_data (runs, names, 2, NULL);
  root = parse (text, -1);
  events = trace_events (root);
  check_rules (events);
  check_counts (events, snapshot, 1, "By hand");
  check_counts (events, snapshot, 2, "Run 2");

  /* Lanes are threads 1 and 2; the service's second slot a thread of its own after them. */
  e = find_event (events, "M", "thread_name", 1, 3, -1);
  g_assert_nonnull (e);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "args"), "name"), ==, "Service, slot 2");
  g_assert_null (find_event (events, "M", "thread_name", 1, 4, -1));

  e = find_event (events, "X", "waiting", 1, 1, 100);
  g_assert_nonnull (e);
  g_assert_cmpstr (str (e, "cat"), ==, "span");
  g_assert_cmpint (num (e, "dur"), ==, 500);
  e = find_event (events, "X", "working", 1, 2, 150);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "dur"), ==, 400);
  e = find_event (events, "X", "working", 1, 3, 200);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "dur"), ==, 300);
  g_assert_cmpint (arg (e, "slot"), ==, 1);

  /* The request arrived: a flow from the caller at 100 to the service at 150, in slices of its own. */
  e = find_event (events, "X", "send request", 1, 1, 100);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "dur"), ==, 0);
  g_assert_cmpint (arg (e, "request"), ==, 1);
  g_assert_nonnull (find_event (events, "X", "receive request", 1, 2, 150));
  e = find_event (events, "s", "request", 1, 1, 100);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "id"), ==, 1);
  e = find_event (events, "f", "request", 1, 2, 150);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "id"), ==, 1);
  e = find_event (events, "s", "reply", 1, 2, 550);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "id"), ==, 2);
  e = find_event (events, "f", "reply", 1, 1, 600);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "id"), ==, 2);

  /* Request 2 never arrived, the run having ended: no flow, an instant where it left. */
  g_assert_null (find_event (events, "s", "request", 1, 1, 120));
  e = find_event (events, "i", "request cancelled", 1, 1, 120);
  g_assert_nonnull (e);
  g_assert_cmpstr (str (e, "cat"), ==, "lost");
  g_assert_cmpint (arg (e, "request"), ==, 2);
  e = find_event (events, "X", "idle", 1, 1, 650);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "dur"), ==, 350);
  g_assert_false (json_object_has_member (e, "args"));

  e = find_event (events, "i", "done", 1, 1, 600);
  g_assert_nonnull (e);
  g_assert_cmpstr (str (e, "cat"), ==, "mark");
  e = find_event (events, "i", "call", 1, 1, 100);
  g_assert_nonnull (e);
  g_assert_cmpstr (str (e, "cat"), ==, "code");
  g_assert_cmpint (arg (e, "request"), ==, 1);

  /* The second run's flows have ids of their own. */
  e = find_event (events, "s", "request", 2, 1, 100);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "id"), ==, 3);

  /* While the run goes on, request 2 is in flight, and the open span ends at the last event. */
  runs[0] = live;
  live_text = inflight_trace_event_to_data (runs, NULL, 1, NULL);
  live_root = parse (live_text, -1);
  check_rules (trace_events (live_root));
  check_counts (trace_events (live_root), live, 1, "Run 1");
  e = find_event (trace_events (live_root), "i", "request in flight", 1, 1, 120);
  g_assert_nonnull (e);
  e = find_event (trace_events (live_root), "X", "idle", 1, 1, 650);
  g_assert_nonnull (e);
  g_assert_cmpint (num (e, "dur"), ==, 250);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (e, "args"), "open"));
  runs[0] = snapshot;

  /* The file holds the same text. */
  dir = g_dir_make_tmp ("inflight-trace-event-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "trace.json", NULL);
  g_assert_true (inflight_trace_event_write_file (runs, names, 2, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, text);
  from_file = parse (written, -1);
  g_assert_true (json_node_equal (from_file, root));

  /* A folder that is not there: an error, not a crash. */
  g_remove (path);
  g_rmdir (dir);
  g_assert_false (inflight_trace_event_write_file (runs, names, 2, path, &error));
  g_assert_nonnull (error);
}

typedef struct
{
  gboolean  done;
  gboolean  written;
  GError   *error;
} AsyncResult;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *outcome = user_data;

  outcome->written = inflight_trace_event_write_finish (result, &outcome->error);
  outcome->done = TRUE;
}

/* Written on a worker thread, into a file. */
static void
test_async (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_dir_make_tmp ("inflight-trace-event-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "async.json", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const InflightTraceSnapshot *runs[1];
  guint lane = inflight_trace_add_lane (trace, INFLIGHT_LANE_WORKER, "Worker");
  AsyncResult outcome = { 0 };

  inflight_trace_append_span (trace, lane, 0, INFLIGHT_SPAN_WORKING, 0, 70);
  inflight_trace_set_duration (trace, 70);
  snapshot = inflight_trace_snapshot (trace);
  runs[0] = snapshot;

  inflight_trace_event_write_async (runs, NULL, 1, file, NULL, async_done_cb, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.written);

  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  root = parse (written, -1);
  check_counts (trace_events (root), snapshot, 1, "Run 1");
  g_assert_nonnull (find_event (trace_events (root), "X", "working", 1, 1, 0));

  g_remove (path);
  g_rmdir (dir);
}

/* --render … --output x.json writes the trace; --output x.txt is refused in one line. */
static void
test_cli (void)
{
  const char *bin = g_getenv ("INFLIGHT_BIN");
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;
  int status;

  if (bin == NULL)
    {
      g_test_skip ("INFLIGHT_BIN is not set");
      return;
    }

  dir = g_dir_make_tmp ("inflight-trace-event-XXXXXX", &error);
  g_assert_no_error (error);
  json = g_build_filename (dir, "run.JSON", NULL);
  txt = g_build_filename (dir, "run.txt", NULL);

  {
    const char *argv[] = { bin, "--render", "queue", "--requests", "4", "--workers", "2", "--latency", "20",
                           "--output", json, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (json, &text, NULL, &error));
  g_assert_no_error (error);
  root = parse (text, -1);
  events = trace_events (root);
  check_rules (events);
  g_assert_cmpuint (count_events (events, "X", "span", 1), >, 0);
  g_assert_cmpuint (count_events (events, "s", "message", 1), >=, 8);
  g_assert_nonnull (find_event (events, "M", "thread_name", 1, 1, -1));

  {
    const char *argv[] = { bin, "--render", "queue", "--output", txt, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_true (g_str_has_suffix (err, "\n"));
    g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    g_assert_nonnull (strstr (err, ".json"));
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  }

  g_remove (json);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GEnumClass) strategies = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace-event/by-hand", test_by_hand);
  g_test_add_func ("/trace-event/async", test_async);
  g_test_add_func ("/trace-event/stopped", test_stopped);
  g_test_add_func ("/trace-event/cli", test_cli);

  strategies = g_type_class_ref (INFLIGHT_TYPE_STRATEGY);
  for (guint i = 0; i < strategies->n_values; i++)
    {
      g_autofree char *path = g_strdup_printf ("/trace-event/strategy/%s", strategies->values[i].value_nick);

      g_test_add_data_func (path, GINT_TO_POINTER (strategies->values[i].value), test_strategy);
    }

  return g_test_run ();
}
