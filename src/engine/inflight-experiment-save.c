/* inflight-experiment-save.c
 * Writes .inflight files: the experiment's panes and, if asked, the runs they recorded. The
 * format is described in file_comment below, which every file written opens with.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-experiment"

#include "config.h"

#include "inflight-enums.h"
#include "inflight-experiment-private.h"

/* The opening comment of every file written: the format, for whoever opens it in an editor. */
static const char file_comment[] =
  " An Inflight experiment: see synchronous and asynchronous calls at work.\n"
  "\n"
  " [Experiment]   version=1, title= (optional), same-service=true|false: the other panes\n"
  "                use the first pane's service (latency, jitter, workers, failures, timeout,\n"
  "                outage, seed).\n"
  " [Pane 1] to [Pane 4]   strategy= (blocking, ui-blocking, callback, future, queue, event-loop,\n"
  "                parallel) and the scenario's parameters by name: requests, latency-ms,\n"
  "                jitter-pct, workers, failure-pct, seed, timeout-ms, down-at-ms, down-for-ms,\n"
  "                chain-depth, await-after-ms, continuation, hangs.\n"
  " [Pane N Trace] the run pane N recorded, if it was saved with it. Times are whole\n"
  "                microseconds since the run started; lanes are numbered from 0.\n"
  "   duration=    when the run ended\n"
  "   lanes=       ROLE LABEL;… with ROLE one of caller, ui-thread, service, queue, worker, event-loop\n"
  "   events=      every event, in the order it was recorded, separated by ';':\n"
  "                span LANE SLOT KIND START END   KIND: working, waiting, idle, down, frozen, ready\n"
  "                message REQUEST KIND FROM TO SENT ARRIVED   ARRIVED is '-' if it never arrived;\n"
  "                                KIND: request, reply, error, enqueue, dequeue, callback, timeout, cancel\n"
  "                mark LANE AT LABEL\n"
  "                step LANE AT POINT REQUEST   a lane's thread reached a listed line of code;\n"
  "                                a lane's steps come in the order of their times";

/* The keys of a pane, as the scenario's properties are called; "down" and "caller-down" are
 * switched live, during a run, and are not saved. */
const char * const inflight_experiment_pane_keys[] = {
  "strategy", "requests", "latency-ms", "jitter-pct", "workers", "failure-pct", "seed",
  "timeout-ms", "down-at-ms", "down-for-ms", "chain-depth", "await-after-ms", "continuation",
  "hangs", NULL,
};
static const char *
nick (GType type,
      int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  /* Static strings, held by the type's class for the life of the program. */
  return found != NULL ? found->value_nick : "?";
}

/**
 * inflight_experiment_foreach_event:
 *
 * Calls @func for every event of @s in the order it was recorded: the four lists, each in
 * that order already, merged by their first sequence number.
 */
void
inflight_experiment_foreach_event (const InflightTraceSnapshot *s,
                                   InflightEventFunc            func,
                                   gpointer                     data)
{
  guint next[4] = { 0, 0, 0, 0 };
  const guint count[4] = { s->n_spans, s->n_messages, s->n_marks, s->n_steps };

  for (;;)
    {
      guint which = 4;
      guint seq[4];

      seq[INFLIGHT_EVENT_SPAN] = next[0] < count[0] ? s->spans[next[0]].start_seq : 0;
      seq[INFLIGHT_EVENT_MESSAGE] = next[1] < count[1] ? s->messages[next[1]].sent_seq : 0;
      seq[INFLIGHT_EVENT_MARK] = next[2] < count[2] ? s->marks[next[2]].seq : 0;
      seq[INFLIGHT_EVENT_STEP] = next[3] < count[3] ? s->steps[next[3]].seq : 0;

      for (guint i = 0; i < 4; i++)
        if (next[i] < count[i] && (which == 4 || seq[i] < seq[which]))
          which = i;
      if (which == 4)
        return;

      func (s, which, next[which]++, data);
    }
}

typedef struct
{
  GPtrArray *out;
  gint64     duration;
} EventText;

/* One event as the file's opening comment describes it, its times kept within the run. */
static void
add_event_text (const InflightTraceSnapshot *s,
                InflightEventKind            kind,
                guint                        index,
                gpointer                     data)
{
  EventText *text = data;
  gint64 duration = text->duration;

  switch (kind)
    {
    case INFLIGHT_EVENT_SPAN:
      {
        const InflightSpan *span = &s->spans[index];
        gint64 start = MIN (span->start, duration);
        gint64 end = span->end == INFLIGHT_TIME_NONE ? duration : CLAMP (span->end, start, duration);

        g_ptr_array_add (text->out, g_strdup_printf ("span %u %u %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                     span->lane, MIN (span->slot, INFLIGHT_EXPERIMENT_MAX_SLOT),
                                                     nick (INFLIGHT_TYPE_SPAN_KIND, span->kind), start, end));
      }
      break;

    case INFLIGHT_EVENT_MESSAGE:
      {
        const InflightMessage *m = &s->messages[index];
        g_autofree char *arrived = NULL;

        if (m->arrived_at == INFLIGHT_TIME_NONE || m->cancelled || m->arrived_at > duration)
          arrived = g_strdup ("-");
        else
          arrived = g_strdup_printf ("%" G_GINT64_FORMAT, m->arrived_at);
        g_ptr_array_add (text->out, g_strdup_printf ("message %u %s %u %u %" G_GINT64_FORMAT " %s",
                                                     m->request, nick (INFLIGHT_TYPE_MESSAGE_KIND, m->kind),
                                                     m->from_lane, m->to_lane, MIN (m->sent_at, duration), arrived));
      }
      break;

    case INFLIGHT_EVENT_MARK:
      g_ptr_array_add (text->out, g_strdup_printf ("mark %u %" G_GINT64_FORMAT " %s", s->marks[index].lane,
                                                   MIN (s->marks[index].at, duration), s->marks[index].label));
      break;

    case INFLIGHT_EVENT_STEP:
    default:
      g_ptr_array_add (text->out, g_strdup_printf ("step %u %" G_GINT64_FORMAT " %u %u", s->steps[index].lane,
                                                   MIN (s->steps[index].at, duration), s->steps[index].point,
                                                   s->steps[index].request));
      break;
    }
}

static char **
trace_events (const InflightTraceSnapshot *s,
              gint64                       duration,
              gsize                       *n_events)
{
  EventText text = { g_ptr_array_new (), duration };

  inflight_experiment_foreach_event (s, add_event_text, &text);
  *n_events = text.out->len;
  g_ptr_array_add (text.out, NULL);

  return (char **) g_ptr_array_free (text.out, FALSE);
}

static void
save_trace (GKeyFile                    *keys,
            const char                  *group,
            const InflightTraceSnapshot *s)
{
  gint64 duration = s->finished ? s->duration : inflight_trace_snapshot_end_time (s);
  g_auto(GStrv) lanes = g_new0 (char *, s->n_lanes + 1);
  g_auto(GStrv) events = NULL;
  gsize n_events;

  g_key_file_set_int64 (keys, group, "duration", MAX (duration, 0));
  for (guint i = 0; i < s->n_lanes; i++)
    lanes[i] = g_strdup_printf ("%s %s", nick (INFLIGHT_TYPE_LANE_ROLE, s->lanes[i].role), s->lanes[i].label);
  g_key_file_set_string_list (keys, group, "lanes", (const char * const *) lanes, s->n_lanes);

  events = trace_events (s, MAX (duration, 0), &n_events);
  g_key_file_set_string_list (keys, group, "events", (const char * const *) events, n_events);
}

char *
inflight_experiment_to_data (InflightExperiment *self,
                             gboolean            with_traces,
                             gsize              *length)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  const char *title;

  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), NULL);

  g_key_file_set_integer (keys, "Experiment", "version", INFLIGHT_EXPERIMENT_FORMAT_VERSION);
  g_key_file_set_comment (keys, NULL, NULL, file_comment, NULL);
  title = inflight_experiment_get_title (self);
  if (title != NULL)
    g_key_file_set_string (keys, "Experiment", "title", title);
  g_key_file_set_boolean (keys, "Experiment", "same-service", inflight_experiment_get_same_service (self));

  for (guint i = 0; i < inflight_experiment_get_n_panes (self); i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (self, i);
      InflightTraceSnapshot *trace = inflight_experiment_get_trace (self, i);
      g_autofree char *group = g_strdup_printf ("Pane %u", i + 1);

      g_key_file_set_string (keys, group, "strategy",
                             inflight_strategy_to_string (inflight_scenario_get_strategy (scenario)));
      for (guint k = 1; inflight_experiment_pane_keys[k] != NULL; k++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_object_get_property (G_OBJECT (scenario), inflight_experiment_pane_keys[k], &value);
          if (G_VALUE_HOLDS_BOOLEAN (&value))
            g_key_file_set_boolean (keys, group, inflight_experiment_pane_keys[k], g_value_get_boolean (&value));
          else
            g_key_file_set_uint64 (keys, group, inflight_experiment_pane_keys[k], g_value_get_uint (&value));
        }

      if (with_traces && trace != NULL)
        {
          g_autofree char *trace_group = g_strdup_printf ("Pane %u Trace", i + 1);

          save_trace (keys, trace_group, trace);
        }
    }

  return g_key_file_to_data (keys, length, NULL);
}

gboolean
inflight_experiment_save_file (InflightExperiment  *self,
                               const char          *path,
                               gboolean             with_traces,
                               GError             **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = inflight_experiment_to_data (self, with_traces, &length);

  return g_file_set_contents (path, data, length, error);
}
