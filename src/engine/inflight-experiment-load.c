/* inflight-experiment-load.c
 * Reads .inflight files (the format is in inflight-experiment-save.c, and in every file written),
 * and refuses, in one line that names the file and the line, any that is damaged or hostile.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-experiment"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>

#include "inflight-code.h"
#include "inflight-enums.h"
#include "inflight-experiment-private.h"

#define MAX_LANES      1024
#define MAX_REQUEST    (INFLIGHT_REQUESTS_MAX * INFLIGHT_CHAIN_DEPTH_MAX)
#define MAX_DURATION   (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)
#define QUOTE_MAX      40                      /* characters of a bad value quoted back */

static const char * const experiment_keys[] = { "version", "title", "same-service", NULL };
static const char * const trace_keys[] = { "duration", "lanes", "events", NULL };

typedef enum
{
  GROUP_EXPERIMENT,
  GROUP_PANE,
  GROUP_TRACE,
} GroupKind;

/* What the loader knows of the text: where each group and key is, to name its line. */
typedef struct
{
  const char *name;         /* the display name */
  GHashTable *lines;        /* "group" or "group\nkey" → line number */
  GKeyFile   *keys;
  GError    **error;
} Loader;

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->lines, g_hash_table_unref);
  g_clear_pointer (&loader->keys, g_key_file_unref);
}

/* Quotes a piece of the file back, short and on one line, whatever it holds. */
static char *
quote (const char *text,
       gssize      length)
{
  GString *out = g_string_new (NULL);
  const char *end = length < 0 ? text + strlen (text) : text + length;
  guint n = 0;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (n == QUOTE_MAX)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0x85)
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Sets the one-line error: "NAME:LINE: problem", or "NAME: problem" when no line is to blame. */
static gboolean
refuse (Loader                  *loader,
        InflightExperimentError  code,
        guint                    line,
        const char              *format,
        ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (Loader                  *loader,
        InflightExperimentError  code,
        guint                    line,
        const char              *format,
        ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  /* A value quoted in the problem, or a message from below, never breaks the line. */
  for (char *p = problem; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';

  if (line > 0)
    g_set_error (loader->error, INFLIGHT_EXPERIMENT_ERROR, code, "%s:%u: %s", loader->name, line, problem);
  else
    g_set_error (loader->error, INFLIGHT_EXPERIMENT_ERROR, code, "%s: %s", loader->name, problem);

  return FALSE;
}

static guint
line_of (Loader     *loader,
         const char *group,
         const char *key)
{
  g_autofree char *id = key != NULL ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);

  return GPOINTER_TO_UINT (g_hash_table_lookup (loader->lines, id));
}

/* "Experiment", "Pane N" or "Pane N Trace", N from 1; anything else is not a group of ours. */
static gboolean
parse_group_name (const char *name,
                  GroupKind  *kind,
                  guint      *pane)
{
  const char *p;
  guint64 number;

  if (g_str_equal (name, "Experiment"))
    {
      *kind = GROUP_EXPERIMENT;
      *pane = 0;
      return TRUE;
    }

  if (!g_str_has_prefix (name, "Pane ") || !g_ascii_isdigit (name[5]) || name[5] == '0')
    return FALSE;

  for (p = name + 5; g_ascii_isdigit (*p) && p - name < 12; p++)
    ;
  {
    g_autofree char *digits = g_strndup (name + 5, p - (name + 5));

    if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXUINT, &number, NULL))
      return FALSE;
  }

  *pane = number;
  if (*p == '\0')
    *kind = GROUP_PANE;
  else if (g_str_equal (p, " Trace"))
    *kind = GROUP_TRACE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
is_one_of (const char         *name,
           const char * const *names)
{
  return g_strv_contains (names, name);
}

/* Reads the text line by line as GKeyFile will, but knowing each line's number: refuses
 * what GKeyFile would, what it would silently merge (a group or key given twice), groups
 * that are not an experiment's and keys its groups do not have. */
static gboolean
scan_lines (Loader     *loader,
            const char *data,
            gsize       length)
{
  const char *end = data + length;
  g_autofree char *group = NULL;
  GroupKind kind = GROUP_EXPERIMENT;
  guint line = 0;

  for (const char *start = data; start < end; )
    {
      const char *stop = memchr (start, '\n', end - start);
      const char *p = start;
      const char *q;
      gpointer first;

      if (stop == NULL)
        stop = end;
      line++;

      /* As GKeyFile does: a carriage return before a line feed ends a line, and spaces lead it. */
      q = stop < end && stop > start && stop[-1] == '\r' ? stop - 1 : stop;
      while (p < q && g_ascii_isspace (*p))
        p++;

      if (p == q || *p == '#')
        ;
      else if (*p == '[')
        {
          const char *close = memchr (p, ']', q - p);
          const char *after = close != NULL ? close + 1 : q;
          guint pane;

          while (after < q && (*after == ' ' || *after == '\t'))
            after++;
          if (close == NULL || after != q)
            return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                           _("a group’s name must be closed by “]” at the end of its line"));

          g_free (group);
          group = g_strndup (p + 1, close - p - 1);
          if (!parse_group_name (group, &kind, &pane))
            {
              g_autofree char *quoted = quote (group, -1);

              return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                             _("an experiment has no group called [%s]; its groups are [Experiment], [Pane 1] to [Pane %u] and their traces, such as [Pane 1 Trace]"),
                             quoted, INFLIGHT_EXPERIMENT_MAX_PANES);
            }
          if (pane > INFLIGHT_EXPERIMENT_MAX_PANES)
            return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                           _("an experiment has at most %u panes, so there can be no [%s]"),
                           INFLIGHT_EXPERIMENT_MAX_PANES, group);

          if (g_hash_table_lookup_extended (loader->lines, group, NULL, &first))
            return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                           _("the group [%s] is here a second time; it begins on line %u"),
                           group, GPOINTER_TO_UINT (first));
          g_hash_table_insert (loader->lines, g_strdup (group), GUINT_TO_POINTER (line));
        }
      else
        {
          const char *equals = memchr (p, '=', q - p);
          const char * const *known;
          const char *k = equals;
          g_autofree char *key = NULL;
          g_autofree char *id = NULL;

          if (equals == NULL || equals == p)
            return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                           _("this line is not a [group], a setting such as “workers=4”, or a comment starting with “#”"));
          if (group == NULL)
            return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                           _("a setting comes before any group; a file starts with [Experiment]"));

          while (k > p && g_ascii_isspace (k[-1]))
            k--;
          key = g_strndup (p, k - p);
          known = kind == GROUP_EXPERIMENT ? experiment_keys : kind == GROUP_PANE ? inflight_experiment_pane_keys : trace_keys;
          if (!is_one_of (key, known))
            {
              g_autofree char *quoted = quote (key, -1);

              return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                             _("[%s] has no setting called “%s”"), group, quoted);
            }

          id = g_strconcat (group, "\n", key, NULL);
          if (g_hash_table_lookup_extended (loader->lines, id, NULL, &first))
            return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                           _("“%s” is set a second time in [%s]; it is set first on line %u"),
                           key, group, GPOINTER_TO_UINT (first));
          g_hash_table_insert (loader->lines, g_steal_pointer (&id), GUINT_TO_POINTER (line));
        }

      start = stop + 1;
    }

  return TRUE;
}

/* The line of the first byte that is not UTF-8 (a NUL byte included). */
static gboolean
check_text (Loader     *loader,
            const char *data,
            gsize       length)
{
  const char *bad;
  guint line = 1;

  if (g_utf8_validate_len (data, length, &bad))
    return TRUE;

  for (const char *p = data; p < bad; p++)
    if (*p == '\n')
      line++;

  return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                 _("this is not text: the line holds bytes that are not UTF-8"));
}

/* A value as text, its escapes undone; refused if they cannot be. */
static char *
get_string (Loader     *loader,
            const char *group,
            const char *key)
{
  g_autoptr(GError) local = NULL;
  char *value = g_key_file_get_string (loader->keys, group, key, &local);

  if (value == NULL)
    refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line_of (loader, group, key),
            _("the value of “%s” cannot be read: %s"), key, local->message);

  return value;
}

static gboolean
load_experiment_group (Loader             *loader,
                       InflightExperiment *experiment)
{
  g_autofree char *version = NULL;
  g_autofree char *same = NULL;
  g_autofree char *title = NULL;
  guint64 number;

  if (!g_key_file_has_group (loader->keys, "Experiment"))
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, 0,
                   _("this is not an Inflight experiment: it has no [Experiment] group"));

  if (!g_key_file_has_key (loader->keys, "Experiment", "version", NULL))
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line_of (loader, "Experiment", NULL),
                   _("[Experiment] needs the version of its format, “version=%d”"), INFLIGHT_EXPERIMENT_FORMAT_VERSION);

  if ((version = get_string (loader, "Experiment", "version")) == NULL)
    return FALSE;
  if (!g_ascii_string_to_unsigned (version, 10, 0, G_MAXUINT, &number, NULL) || number != INFLIGHT_EXPERIMENT_FORMAT_VERSION)
    {
      g_autofree char *quoted = quote (version, -1);

      return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_VALUE, line_of (loader, "Experiment", "version"),
                     _("the format’s version is “%s”; this Inflight reads version %d"), quoted, INFLIGHT_EXPERIMENT_FORMAT_VERSION);
    }

  if (g_key_file_has_key (loader->keys, "Experiment", "title", NULL))
    {
      if ((title = get_string (loader, "Experiment", "title")) == NULL)
        return FALSE;
      inflight_experiment_set_title (experiment, title);
    }

  if (g_key_file_has_key (loader->keys, "Experiment", "same-service", NULL))
    {
      if ((same = get_string (loader, "Experiment", "same-service")) == NULL)
        return FALSE;
      if (!g_str_equal (same, "true") && !g_str_equal (same, "false"))
        {
          g_autofree char *quoted = quote (same, -1);

          return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_VALUE, line_of (loader, "Experiment", "same-service"),
                         _("same-service is “%s”; it can be true or false"), quoted);
        }
    }

  return TRUE;
}

static gboolean
load_pane (Loader           *loader,
           guint             pane,
           InflightScenario *scenario)
{
  g_autofree char *group = g_strdup_printf ("Pane %u", pane + 1);

  if (!g_key_file_has_key (loader->keys, group, "strategy", NULL))
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line_of (loader, group, NULL),
                   _("[%s] needs a strategy, such as “strategy=queue”"), group);

  for (guint i = 0; inflight_experiment_pane_keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) local = NULL;

      if (!g_key_file_has_key (loader->keys, group, inflight_experiment_pane_keys[i], NULL))
        continue;
      if ((value = get_string (loader, group, inflight_experiment_pane_keys[i])) == NULL)
        return FALSE;

      /* The scenario's own message names the parameter, the value and the range. */
      if (strlen (value) > QUOTE_MAX)
        return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_VALUE, line_of (loader, group, inflight_experiment_pane_keys[i]),
                       _("the value of “%s” is far too long to be one"), inflight_experiment_pane_keys[i]);
      if (!inflight_scenario_set_by_name (scenario, inflight_experiment_pane_keys[i], value, &local))
        return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_VALUE, line_of (loader, group, inflight_experiment_pane_keys[i]),
                       "%s", local->message);
    }

  return TRUE;
}

/* The next field of an event, up to a space; NULL at the end. */
static char *
next_field (char **cursor)
{
  char *start = *cursor;
  char *space;

  if (start == NULL)
    return NULL;

  space = strchr (start, ' ');
  if (space != NULL)
    {
      *space = '\0';
      *cursor = space + 1;
    }
  else
    *cursor = NULL;

  return start;
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

static gboolean
parse_enum (GType       type,
            const char *nick,
            guint      *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (value == NULL)
    return FALSE;

  *out = value->value;
  return TRUE;
}

/* The number of ';'-separated items in a key file's raw value, escapes skipped: counted
 * before the list is split, so that a hostile one is refused before it takes memory. */
static gsize
count_items (const char *raw)
{
  gsize n = 0;
  const char *p;

  for (p = raw; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == ';')
        n++;
    }

  return n + (p > raw && p[-1] != ';' ? 1 : 0);
}

typedef struct
{
  Loader        *loader;
  InflightTrace *trace;
  guint          line;
  guint          n_lanes;
  gint64         duration;
  gint64        *last_step;   /* per lane: code steps are recorded as a thread goes */
} TraceLoad;

#define BAD_EVENT(tl, index, element) \
  refuse ((tl)->loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, (tl)->line, \
          _("event %u, “%s”, is not one this file’s opening comment describes, or refers to a lane that is not there"), \
          (index) + 1, element)

/* A time as text: translatable messages cannot hold G_GINT64_FORMAT, which xgettext cannot read. */
static char *
micros (gint64 at)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, at);
}

static gboolean
after_end (TraceLoad *tl,
           guint      index,
           gint64     at)
{
  g_autofree char *when = micros (at);
  g_autofree char *ended = micros (tl->duration);

  return refuse (tl->loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, tl->line,
                 _("event %u happens at %s µs, after the run ended at %s µs"), index + 1, when, ended);
}

/* Event @index, a span or a message, ends at @end, before it begins at @start. */
static gboolean
before_start (TraceLoad  *tl,
              guint       index,
              gboolean    span,
              gint64      start,
              gint64      end)
{
  g_autofree char *from = micros (start);
  g_autofree char *to = micros (end);

  if (span)
    return refuse (tl->loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, tl->line,
                   _("event %u, a span, ends at %s µs, before it starts at %s µs"), index + 1, to, from);

  return refuse (tl->loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, tl->line,
                 _("event %u, a message, arrives at %s µs, before it is sent at %s µs"), index + 1, to, from);
}

/* One event: its fields are read in order, each within its range, and nothing may follow. */
static gboolean
load_event (TraceLoad  *tl,
            guint       index,
            char       *text)
{
  g_autofree char *element = quote (text, -1);
  char *cursor = text;
  const char *type = next_field (&cursor);
  guint64 a, b, c, start, end = 0;
  guint kind;

  if (g_strcmp0 (type, "span") == 0)
    {
      if (!parse_uint (next_field (&cursor), tl->n_lanes - 1, &a) ||
          !parse_uint (next_field (&cursor), INFLIGHT_EXPERIMENT_MAX_SLOT, &b) ||
          !parse_enum (INFLIGHT_TYPE_SPAN_KIND, next_field (&cursor), &kind) ||
          !parse_uint (next_field (&cursor), MAX_DURATION, &start) ||
          !parse_uint (next_field (&cursor), MAX_DURATION, &end) || cursor != NULL)
        return BAD_EVENT (tl, index, element);
      if (end < start)
        return before_start (tl, index, TRUE, start, end);
      if ((gint64) end > tl->duration)
        return after_end (tl, index, end);
      inflight_trace_append_span (tl->trace, a, b, kind, start, end);
    }
  else if (g_strcmp0 (type, "message") == 0)
    {
      const char *arrived;

      if (!parse_uint (next_field (&cursor), MAX_REQUEST, &a) ||
          !parse_enum (INFLIGHT_TYPE_MESSAGE_KIND, next_field (&cursor), &kind) ||
          !parse_uint (next_field (&cursor), tl->n_lanes - 1, &b) ||
          !parse_uint (next_field (&cursor), tl->n_lanes - 1, &c) ||
          !parse_uint (next_field (&cursor), MAX_DURATION, &start) ||
          (arrived = next_field (&cursor)) == NULL || cursor != NULL ||
          (!g_str_equal (arrived, "-") && !parse_uint (arrived, MAX_DURATION, &end)))
        return BAD_EVENT (tl, index, element);
      if (g_str_equal (arrived, "-"))
        end = start;
      else if (end < start)
        return before_start (tl, index, FALSE, start, end);
      if ((gint64) end > tl->duration)
        return after_end (tl, index, end);
      inflight_trace_append_message (tl->trace, a, kind, b, c, start,
                                     g_str_equal (arrived, "-") ? INFLIGHT_TIME_NONE : (gint64) end);
    }
  else if (g_strcmp0 (type, "mark") == 0 || g_strcmp0 (type, "step") == 0)
    {
      gboolean mark = type[0] == 'm';

      if (!parse_uint (next_field (&cursor), tl->n_lanes - 1, &a) ||
          !parse_uint (next_field (&cursor), MAX_DURATION, &start) ||
          (mark && cursor == NULL) ||
          (!mark && (!parse_uint (next_field (&cursor), INFLIGHT_CODE_N_POINTS - 1, &b) ||
                     !parse_uint (next_field (&cursor), MAX_REQUEST, &c) || cursor != NULL)))
        return BAD_EVENT (tl, index, element);
      if ((gint64) start > tl->duration)
        return after_end (tl, index, start);
      if (mark)
        inflight_trace_append_mark (tl->trace, a, start, cursor);
      else if ((gint64) start < tl->last_step[a])
        {
          g_autofree char *when = micros (start);
          g_autofree char *after = micros (tl->last_step[a]);

          return refuse (tl->loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, tl->line,
                         _("event %u goes back in time on lane %u, to %s µs after %s µs"),
                         index + 1, (guint) a, when, after);
        }
      else
        {
          tl->last_step[a] = start;
          inflight_trace_append_step (tl->trace, a, start, b, c);
        }
    }
  else
    return BAD_EVENT (tl, index, element);

  return TRUE;
}

static gboolean
load_lanes (Loader        *loader,
            const char    *group,
            InflightTrace *trace,
            guint         *n_lanes)
{
  guint line = line_of (loader, group, "lanes");
  g_autofree char *raw = NULL;
  g_auto(GStrv) lanes = NULL;
  g_autoptr(GError) local = NULL;
  gsize n;

  raw = g_key_file_get_value (loader->keys, group, "lanes", NULL);
  n = count_items (raw);
  if (n == 0 || n > MAX_LANES)
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, line,
                   _("a trace has 1 to %u lanes, and this one has %u"), MAX_LANES, (guint) MIN (n, G_MAXUINT));

  lanes = g_key_file_get_string_list (loader->keys, group, "lanes", &n, &local);
  if (lanes == NULL)
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line,
                   _("the value of “%s” cannot be read: %s"), "lanes", local->message);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quoted = quote (lanes[i], -1);
      char *cursor = lanes[i];
      const char *role = next_field (&cursor);
      guint value;

      if (!parse_enum (INFLIGHT_TYPE_LANE_ROLE, role, &value) || cursor == NULL)
        {
          return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, line,
                         _("lane %u, “%s”, is not a role and a name, such as “worker Worker 1”"), i, quoted);
        }
      inflight_trace_add_lane (trace, value, cursor);
    }

  *n_lanes = n;
  return TRUE;
}

static gboolean
load_trace (Loader                 *loader,
            guint                   pane,
            InflightTraceSnapshot **out)
{
  g_autofree char *group = g_strdup_printf ("Pane %u Trace", pane + 1);
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autofree char *duration = NULL;
  g_autofree char *raw = NULL;
  g_autofree gint64 *last_step = NULL;
  g_auto(GStrv) events = NULL;
  g_autoptr(GError) local = NULL;
  TraceLoad tl = { loader, trace, 0, 0, 0, NULL };
  guint64 number;
  gsize n = 0;

  if (!g_key_file_has_key (loader->keys, group, "duration", NULL) ||
      !g_key_file_has_key (loader->keys, group, "lanes", NULL))
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line_of (loader, group, NULL),
                   _("[%s] needs the run’s duration and lanes"), group);

  if ((duration = get_string (loader, group, "duration")) == NULL)
    return FALSE;
  if (!parse_uint (duration, MAX_DURATION, &number))
    {
      g_autofree char *quoted = quote (duration, -1);
      g_autofree char *most = micros (MAX_DURATION);

      return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_VALUE, line_of (loader, group, "duration"),
                     _("the duration is “%s”; it can be a whole number of microseconds from 0 to %s"),
                     quoted, most);
    }
  tl.duration = number;

  if (!load_lanes (loader, group, trace, &tl.n_lanes))
    return FALSE;

  if (g_key_file_has_key (loader->keys, group, "events", NULL))
    {
      tl.line = line_of (loader, group, "events");
      raw = g_key_file_get_value (loader->keys, group, "events", NULL);
      if (count_items (raw) > INFLIGHT_EXPERIMENT_MAX_EVENTS)
        return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_TRACE, tl.line,
                       _("a pane’s trace can hold %u events at most, and this one holds more"),
                       INFLIGHT_EXPERIMENT_MAX_EVENTS);
      g_clear_pointer (&raw, g_free);

      events = g_key_file_get_string_list (loader->keys, group, "events", &n, &local);
      if (events == NULL && !g_error_matches (local, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE))
        n = 0;
      else if (events == NULL)
        return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, tl.line,
                       _("the value of “%s” cannot be read: %s"), "events", local->message);
    }

  tl.last_step = last_step = g_new0 (gint64, tl.n_lanes);
  for (guint i = 0; i < n; i++)
    if (!load_event (&tl, i, events[i]))
      return FALSE;

  inflight_trace_set_duration (trace, tl.duration);
  *out = inflight_trace_snapshot (trace);

  return TRUE;
}

/* Pane numbers run from 1 without a gap, and a trace belongs to a pane that is there. */
static gboolean
count_panes (Loader *loader,
             guint  *n_panes)
{
  g_auto(GStrv) groups = g_key_file_get_groups (loader->keys, NULL);
  guint have = 0;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      GroupKind kind;
      guint pane;

      if (parse_group_name (groups[i], &kind, &pane) && kind == GROUP_PANE)
        have |= 1u << (pane - 1);
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      GroupKind kind;
      guint pane;

      if (!parse_group_name (groups[i], &kind, &pane) || kind == GROUP_EXPERIMENT)
        continue;
      if (kind == GROUP_TRACE && (have & (1u << (pane - 1))) == 0)
        return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line_of (loader, groups[i], NULL),
                       _("[%s] is the trace of a pane that is not there, [Pane %u]"), groups[i], pane);
      if (kind == GROUP_PANE && pane > 1 && (have & (1u << (pane - 2))) == 0)
        return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, line_of (loader, groups[i], NULL),
                       _("[%s] comes without [Pane %u]; panes are numbered from 1, with no gap"), groups[i], pane - 1);
    }

  if ((have & 1) == 0)
    return refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, 0,
                   _("the experiment has no pane; it needs at least [Pane 1]"));

  *n_panes = g_bit_nth_msf (have, -1) + 1;
  return TRUE;
}

static InflightExperiment *
load (Loader     *loader,
      const char *data,
      gsize       length)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *same = NULL;
  guint n_panes;

  if (length > INFLIGHT_EXPERIMENT_MAX_FILE_SIZE)
    {
      g_autofree char *max = g_format_size_full (INFLIGHT_EXPERIMENT_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      refuse (loader, INFLIGHT_EXPERIMENT_ERROR_READ, 0, _("the file is larger than %s, the most an experiment can be"), max);
      return NULL;
    }
  if (length == 0)
    {
      refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, 0, _("the file is empty; an experiment starts with [Experiment]"));
      return NULL;
    }

  if (!check_text (loader, data, length) || !scan_lines (loader, data, length))
    return NULL;

  if (!g_key_file_load_from_data (loader->keys, data, length, G_KEY_FILE_NONE, &local))
    {
      refuse (loader, INFLIGHT_EXPERIMENT_ERROR_SYNTAX, 0, _("this is not an experiment file: %s"), local->message);
      return NULL;
    }

  if (!load_experiment_group (loader, experiment) || !count_panes (loader, &n_panes))
    return NULL;

  for (guint i = 0; i < n_panes; i++)
    {
      g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);
      g_autofree char *trace_group = g_strdup_printf ("Pane %u Trace", i + 1);

      if (!load_pane (loader, i, scenario))
        return NULL;
      /* A new experiment has a pane of its own already: the file's first takes its place. */
      inflight_experiment_add_pane (experiment, scenario);
      if (i == 0)
        inflight_experiment_remove_pane (experiment, 0);

      if (g_key_file_has_group (loader->keys, trace_group))
        {
          g_autoptr(InflightTraceSnapshot) snapshot = NULL;

          if (!load_trace (loader, i, &snapshot))
            return NULL;
          inflight_experiment_set_trace (experiment, i, snapshot);
        }
    }

  same = g_key_file_get_string (loader->keys, "Experiment", "same-service", NULL);
  inflight_experiment_set_same_service (experiment, g_strcmp0 (same, "true") == 0);

  return g_steal_pointer (&experiment);
}

/**
 * inflight_experiment_load_data:
 * @data: the file's contents, not necessarily nul-terminated
 * @display_name: how to call the file in a message, such as its name
 *
 * Returns: (transfer full) (nullable): the experiment, or %NULL with @error set
 * to one line, "NAME:LINE: what is wrong"
 */
InflightExperiment *
inflight_experiment_load_data (const char  *data,
                               gsize        length,
                               const char  *display_name,
                               GError     **error)
{
  Loader loader = { display_name, NULL, NULL, error };
  InflightExperiment *experiment;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  loader.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.keys = g_key_file_new ();
  experiment = load (&loader, data != NULL ? data : "", length);
  loader_clear (&loader);

  return experiment;
}

InflightExperiment *
inflight_experiment_load_file (const char  *path,
                               GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  Loader loader = { NULL, NULL, NULL, error };
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  name = g_filename_display_name (path);
  loader.name = name;

  /* Looked at before it is read: a device or a pipe could be endless. */
  if (g_stat (path, &info) != 0)
    {
      refuse (&loader, INFLIGHT_EXPERIMENT_ERROR_READ, 0, _("the file cannot be read: %s"), g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      refuse (&loader, INFLIGHT_EXPERIMENT_ERROR_READ, 0, _("this is not a file but a folder or a device"));
      return NULL;
    }
  if (info.st_size > INFLIGHT_EXPERIMENT_MAX_FILE_SIZE)
    {
      g_autofree char *max = g_format_size_full (INFLIGHT_EXPERIMENT_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      refuse (&loader, INFLIGHT_EXPERIMENT_ERROR_READ, 0, _("the file is larger than %s, the most an experiment can be"), max);
      return NULL;
    }

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      refuse (&loader, INFLIGHT_EXPERIMENT_ERROR_READ, 0, _("the file cannot be read: %s"), local->message);
      return NULL;
    }

  return inflight_experiment_load_data (data, length, name, error);
}
