/* inflight-trace-event.c
 * A run's trace in the Trace Event Format (JSON), so that a profiler such as Perfetto or
 * about:tracing shows the same run as the diagram, with its own tools.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-trace-event"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-code.h"
#include "inflight-enums.h"
#include "inflight-trace-event.h"

/* How a run maps onto the format; times are the trace's own microseconds.
 *
 * - Each run is a process: pid 1, 2, … in the order given, named by a "process_name" event.
 * - Each lane is a thread, tid 1 to n_lanes in the lanes' order, named after the lane. Slices on
 *   one thread must nest, so a lane's concurrent activities after the first (slot 1 and up, as a
 *   service's slots) each get a thread of their own, numbered after the lanes.
 * - Each span is a complete event ("X") named by its kind ("working", "waiting", …), category
 *   "span". A span still open (a live run) ends at the snapshot's end, with "open": true in args.
 * - Each message that arrived is a flow, category "message", named by its kind ("request",
 *   "reply", …): "s" on the sender at sent_at and "f" with "bp":"e" on the receiver at
 *   arrived_at, one id for the pair, unique in the file. A flow end binds to the slice around it, so each end sits
 *   in a slice of no length of its own, "send request" and "receive request".
 * - A message that never arrived (in flight, or cancelled by a stop) has no flow: its "send"
 *   slice, and an instant on the sender at sent_at, category "lost", named "request in
 *   flight" or "request cancelled" (by the message's kind).
 * - Each mark is an instant ("i", thread scope), category "mark", named by its label.
 * - Each code step is an instant, category "code", named by its code point ("call", "wait", …).
 *
 * The events of a process come thread by thread, each thread's in time order, a slice before
 * the shorter ones it holds and before the instants and flow ends at its start. */

typedef struct
{
  gint64    tid;
  gint64    ts;
  gint64    dur;     /* -1 for what is not a slice */
  guint     order;   /* the order of making, which settles what is left */
  JsonNode *node;
} Pending;

/* One run being turned into events. */
typedef struct
{
  const InflightTraceSnapshot *snapshot;
  gint64                       pid;
  GArray                      *slots;    /* guint64 (lane << 32 | slot) for slots above 0, sorted */
  GArray                      *pending;  /* Pending */
  guint64                     *next_flow;
} Run;

static const char *
nick (GType type,
      int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  return found != NULL ? found->value_nick : "unknown";
}

static int
compare_slot_keys (gconstpointer a,
                   gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = a;
  const Pending *y = b;

  if (x->tid != y->tid)
    return x->tid < y->tid ? -1 : 1;
  if (x->ts != y->ts)
    return x->ts < y->ts ? -1 : 1;
  if ((x->dur < 0) != (y->dur < 0))
    return x->dur < 0 ? 1 : -1;
  if (x->dur != y->dur)
    return x->dur > y->dur ? -1 : 1;

  return x->order < y->order ? -1 : x->order > y->order;
}

static const char *
lane_label (const InflightTraceSnapshot *snapshot,
            guint                        lane)
{
  if (lane < snapshot->n_lanes && snapshot->lanes[lane].label != NULL)
    return snapshot->lanes[lane].label;

  return "";
}

/* The thread a lane's slot is drawn on: the lane's own for slot 0. */
static gint64
thread_of (const Run *run,
           guint      lane,
           guint      slot)
{
  guint64 key = ((guint64) lane << 32) | slot;
  const guint64 *keys, *found;

  if (slot == 0 || run->slots->len == 0)
    return (gint64) lane + 1;

  keys = &g_array_index (run->slots, guint64, 0);
  found = bsearch (&key, keys, run->slots->len, sizeof (guint64), compare_slot_keys);
  if (found == NULL)
    return (gint64) lane + 1;

  return (gint64) run->snapshot->n_lanes + 1 + (found - keys);
}

static JsonObject *
event_new (const Run  *run,
           const char *ph,
           const char *name,
           const char *cat,
           gint64      tid,
           gint64      ts)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "name", name);
  if (cat != NULL)
    json_object_set_string_member (event, "cat", cat);
  json_object_set_string_member (event, "ph", ph);
  json_object_set_int_member (event, "pid", run->pid);
  json_object_set_int_member (event, "tid", tid);
  if (ts >= 0)
    json_object_set_int_member (event, "ts", ts);

  return event;
}

static JsonObject *
event_args (JsonObject *event)
{
  JsonObject *args;

  if (json_object_has_member (event, "args"))
    return json_object_get_object_member (event, "args");

  args = json_object_new ();
  json_object_set_object_member (event, "args", args);

  return args;
}

/* Takes @event; @dur is -1 for an event that is not a slice. */
static void
add_pending (Run        *run,
             JsonObject *event,
             gint64      tid,
             gint64      ts,
             gint64      dur)
{
  Pending pending = { tid, ts, dur, run->pending->len, json_node_new (JSON_NODE_OBJECT) };

  if (dur >= 0)
    json_object_set_int_member (event, "dur", dur);
  json_node_take_object (pending.node, event);
  g_array_append_val (run->pending, pending);
}

static JsonNode *
metadata_new (const Run  *run,
              const char *name,
              gint64      tid,
              const char *key,
              const char *text,
              gint64      number)
{
  JsonObject *event = event_new (run, "M", name, NULL, tid, -1);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (text != NULL)
    json_object_set_string_member (event_args (event), key, text);
  else
    json_object_set_int_member (event_args (event), key, number);
  json_node_take_object (node, event);

  return node;
}

static void
add_metadata (Run        *run,
              JsonArray  *events,
              const char *name)
{
  const InflightTraceSnapshot *snapshot = run->snapshot;

  json_array_add_element (events, metadata_new (run, "process_name", 0, "name", name, 0));
  json_array_add_element (events, metadata_new (run, "process_sort_index", 0, "sort_index", NULL, run->pid));

  for (guint lane = 0; lane < snapshot->n_lanes; lane++)
    {
      json_array_add_element (events, metadata_new (run, "thread_name", lane + 1, "name", lane_label (snapshot, lane), 0));
      json_array_add_element (events, metadata_new (run, "thread_sort_index", lane + 1, "sort_index", NULL, lane * 1000));
    }

  for (guint i = 0; i < run->slots->len; i++)
    {
      guint64 key = g_array_index (run->slots, guint64, i);
      guint lane = key >> 32;
      guint slot = key & G_MAXUINT32;
      gint64 tid = snapshot->n_lanes + 1 + i;
      /* Translators: one of a lane's concurrent activities, as a thread in a profiler, as in "Service, slot 2" */
      g_autofree char *label = g_strdup_printf (_("%s, slot %u"), lane_label (snapshot, lane), slot + 1);

      json_array_add_element (events, metadata_new (run, "thread_name", tid, "name", label, 0));
      json_array_add_element (events, metadata_new (run, "thread_sort_index", tid, "sort_index", NULL,
                                                    (gint64) lane * 1000 + slot));
    }
}

static void
collect_slots (Run *run)
{
  const InflightTraceSnapshot *snapshot = run->snapshot;
  guint kept = 0;

  for (guint i = 0; i < snapshot->n_spans; i++)
    if (snapshot->spans[i].slot > 0)
      {
        guint64 key = ((guint64) snapshot->spans[i].lane << 32) | snapshot->spans[i].slot;

        g_array_append_val (run->slots, key);
      }

  g_array_sort (run->slots, compare_slot_keys);
  for (guint i = 0; i < run->slots->len; i++)
    if (kept == 0 || g_array_index (run->slots, guint64, kept - 1) != g_array_index (run->slots, guint64, i))
      g_array_index (run->slots, guint64, kept++) = g_array_index (run->slots, guint64, i);
  g_array_set_size (run->slots, kept);
}

static void
add_spans (Run *run)
{
  const InflightTraceSnapshot *snapshot = run->snapshot;
  gint64 end_time = inflight_trace_snapshot_end_time (snapshot);

  for (guint i = 0; i < snapshot->n_spans; i++)
    {
      const InflightSpan *span = &snapshot->spans[i];
      gboolean open = span->end == INFLIGHT_TIME_NONE;
      gint64 end = open ? MAX (end_time, span->start) : span->end;
      gint64 tid = thread_of (run, span->lane, span->slot);
      JsonObject *event = event_new (run, "X", nick (INFLIGHT_TYPE_SPAN_KIND, span->kind), "span", tid, span->start);

      if (span->slot > 0)
        json_object_set_int_member (event_args (event), "slot", span->slot);
      if (open)
        json_object_set_boolean_member (event_args (event), "open", TRUE);
      add_pending (run, event, tid, span->start, MAX (end - span->start, 0));
    }
}

/* A slice of no length for a flow end to bind to, and the flow end itself when @ph is set. */
static void
add_flow_end (Run                   *run,
              const InflightMessage *m,
              const char            *action,
              const char            *ph,
              guint64                id)
{
  const InflightTraceSnapshot *snapshot = run->snapshot;
  const char *kind = nick (INFLIGHT_TYPE_MESSAGE_KIND, m->kind);
  gboolean sending = g_str_equal (action, "send");
  guint lane = sending ? m->from_lane : m->to_lane;
  gint64 ts = sending ? m->sent_at : m->arrived_at;
  gint64 tid = thread_of (run, lane, 0);
  g_autofree char *name = g_strdup_printf ("%s %s", action, kind);
  JsonObject *slice = event_new (run, "X", name, "message", tid, ts);
  JsonObject *args = event_args (slice);
  JsonObject *flow;

  json_object_set_int_member (args, "request", m->request);
  json_object_set_string_member (args, "from", lane_label (snapshot, m->from_lane));
  json_object_set_string_member (args, "to", lane_label (snapshot, m->to_lane));
  add_pending (run, slice, tid, ts, 0);

  if (ph == NULL)
    return;

  flow = event_new (run, ph, kind, "message", tid, ts);
  json_object_set_int_member (flow, "id", id);
  if (!sending)
    json_object_set_string_member (flow, "bp", "e");
  add_pending (run, flow, tid, ts, -1);
}

static void
add_messages (Run *run)
{
  const InflightTraceSnapshot *snapshot = run->snapshot;

  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *m = &snapshot->messages[i];
      const char *kind = nick (INFLIGHT_TYPE_MESSAGE_KIND, m->kind);
      g_autofree char *name = NULL;
      JsonObject *lost;
      gint64 tid;

      if (m->arrived_at != INFLIGHT_TIME_NONE && !m->cancelled)
        {
          guint64 id = (*run->next_flow)++;

          add_flow_end (run, m, "send", "s", id);
          add_flow_end (run, m, "receive", "f", id);
          continue;
        }

      add_flow_end (run, m, "send", NULL, 0);
      tid = thread_of (run, m->from_lane, 0);
      name = g_strdup_printf (m->cancelled ? "%s cancelled" : "%s in flight", kind);
      lost = event_new (run, "i", name, "lost", tid, m->sent_at);
      json_object_set_string_member (lost, "s", "t");
      json_object_set_int_member (event_args (lost), "request", m->request);
      add_pending (run, lost, tid, m->sent_at, -1);
    }
}

static void
add_instants (Run *run)
{
  const InflightTraceSnapshot *snapshot = run->snapshot;

  for (guint i = 0; i < snapshot->n_marks; i++)
    {
      const InflightMark *mark = &snapshot->marks[i];
      gint64 tid = thread_of (run, mark->lane, 0);
      JsonObject *event = event_new (run, "i", mark->label != NULL ? mark->label : "", "mark", tid, mark->at);

      json_object_set_string_member (event, "s", "t");
      add_pending (run, event, tid, mark->at, -1);
    }

  for (guint i = 0; i < snapshot->n_steps; i++)
    {
      const InflightCodeStep *step = &snapshot->steps[i];
      const char *point = step->point < INFLIGHT_CODE_N_POINTS ? inflight_code_point_to_string (step->point) : NULL;
      gint64 tid = thread_of (run, step->lane, 0);
      JsonObject *event = event_new (run, "i", point != NULL ? point : "unknown", "code", tid, step->at);

      json_object_set_string_member (event, "s", "t");
      if (step->request > 0)
        json_object_set_int_member (event_args (event), "request", step->request);
      add_pending (run, event, tid, step->at, -1);
    }
}

static char *
default_name (guint index)
{
  /* Translators: the name of a run in a profiler, when it has no name of its own */
  return g_strdup_printf (_("Run %u"), index + 1);
}

static void
add_run (JsonArray                   *events,
         const InflightTraceSnapshot *snapshot,
         const char                  *name,
         guint                        index,
         guint64                     *next_flow)
{
  g_autofree char *fallback = NULL;
  Run run = { snapshot, (gint64) index + 1, NULL, NULL, next_flow };

  run.slots = g_array_new (FALSE, FALSE, sizeof (guint64));
  run.pending = g_array_new (FALSE, FALSE, sizeof (Pending));

  if (name == NULL)
    name = fallback = default_name (index);

  collect_slots (&run);
  add_metadata (&run, events, name);
  add_spans (&run);
  add_messages (&run);
  add_instants (&run);

  g_array_sort (run.pending, compare_pending);
  for (guint i = 0; i < run.pending->len; i++)
    json_array_add_element (events, g_array_index (run.pending, Pending, i).node);

  g_array_unref (run.pending);
  g_array_unref (run.slots);
}

/**
 * inflight_trace_event_build:
 * @snapshots: (array length=n): the runs, each a process of its own
 * @names: (array length=n) (nullable): what to call each run, as a pane's title; %NULL, or a
 *   %NULL entry, for "Run 1", "Run 2", …
 *
 * Returns: (transfer full): an object with "traceEvents" and "displayTimeUnit", as the Trace
 * Event Format has it; see the top of this file for what becomes what.
 */
JsonNode *
inflight_trace_event_build (const InflightTraceSnapshot * const *snapshots,
                            const char * const                  *names,
                            guint                                n)
{
  JsonObject *root = json_object_new ();
  JsonObject *other = json_object_new ();
  JsonArray *events = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint64 next_flow = 1;

  g_return_val_if_fail (snapshots != NULL || n == 0, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_return_val_if_fail (snapshots[i] != NULL, NULL);
      add_run (events, snapshots[i], names != NULL ? names[i] : NULL, i, &next_flow);
    }

  json_object_set_array_member (root, "traceEvents", events);
  json_object_set_string_member (root, "displayTimeUnit", "ms");
  json_object_set_string_member (other, "generator", "Inflight " PACKAGE_VERSION);
  json_object_set_object_member (root, "otherData", other);
  json_node_take_object (node, root);

  return node;
}

/**
 * inflight_trace_event_to_data:
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the runs as Trace Event JSON, on one line
 */
char *
inflight_trace_event_to_data (const InflightTraceSnapshot * const *snapshots,
                              const char * const                  *names,
                              guint                                n,
                              gsize                               *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = inflight_trace_event_build (snapshots, names, n);

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, length);
}

/**
 * inflight_trace_event_write_file:
 * @path: the file to write, replaced if it is there
 *
 * Returns: whether the runs were written as Trace Event JSON to @path, else @error says why
 */
gboolean
inflight_trace_event_write_file (const InflightTraceSnapshot * const *snapshots,
                                 const char * const                  *names,
                                 guint                                n,
                                 const char                          *path,
                                 GError                             **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = inflight_trace_event_to_data (snapshots, names, n, &length);
  if (data == NULL)
    return FALSE;

  return g_file_set_contents (path, data, length, error);
}

typedef struct
{
  GPtrArray *snapshots;
  GStrv      names;
  GFile     *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_ptr_array_unref (data->snapshots);
  g_strfreev (data->names);
  g_object_unref (data->file);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = inflight_trace_event_to_data ((const InflightTraceSnapshot * const *) data->snapshots->pdata,
                                       (const char * const *) data->names, data->snapshots->len, &length);

  if (!g_file_replace_contents (data->file, text, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * inflight_trace_event_write_async:
 * @names: (array length=n) (nullable): as for inflight_trace_event_build()
 *
 * Writes the runs as Trace Event JSON to @file, on a worker thread; the
 * snapshots are kept until it is done.
 */
void
inflight_trace_event_write_async (const InflightTraceSnapshot * const *snapshots,
                                  const char * const                  *names,
                                  guint                                n,
                                  GFile                               *file,
                                  GCancellable                        *cancellable,
                                  GAsyncReadyCallback                  callback,
                                  gpointer                             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (snapshots != NULL || n == 0);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (WriteData, 1);
  data->snapshots = g_ptr_array_new_full (n, (GDestroyNotify) inflight_trace_snapshot_unref);
  data->names = g_new0 (char *, n + 1);
  data->file = g_object_ref (file);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (data->snapshots, inflight_trace_snapshot_ref ((InflightTraceSnapshot *) snapshots[i]));
      data->names[i] = names != NULL && names[i] != NULL ? g_strdup (names[i]) : default_name (i);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_trace_event_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
inflight_trace_event_write_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
