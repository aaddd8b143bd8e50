/* inflight-code.c
 * The listings of the code that ran, and each lane's place in them at a moment of a run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-code"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "inflight-code.h"
#include "inflight-listings.h"

#define LISTINGS_PATH "/io/github/inflight/Inflight/listings/"

/* The names the JavaScript and Python listings use in their marker comments. */
static const char * const point_names[INFLIGHT_CODE_N_POINTS] = {
  [INFLIGHT_CODE_NONE] = "none",
  [INFLIGHT_CODE_CALL] = "call",
  [INFLIGHT_CODE_WAIT] = "wait",
  [INFLIGHT_CODE_RESULT] = "result",
  [INFLIGHT_CODE_CARRY_ON] = "carry-on",
  [INFLIGHT_CODE_CALLBACK] = "callback",
  [INFLIGHT_CODE_NEXT_CALL] = "next-call",
  [INFLIGHT_CODE_AWAIT] = "await",
  [INFLIGHT_CODE_RESOLVED] = "resolved",
  [INFLIGHT_CODE_PUSH] = "push",
  [INFLIGHT_CODE_POP] = "pop",
  [INFLIGHT_CODE_SERVE] = "serve",
  [INFLIGHT_CODE_PUSH_REPLY] = "push-reply",
  [INFLIGHT_CODE_TAKE_REPLY] = "take-reply",
  [INFLIGHT_CODE_LOOP] = "loop",
  [INFLIGHT_CODE_COMPUTE] = "compute",
  [INFLIGHT_CODE_JOIN] = "join",
  [INFLIGHT_CODE_RETURN] = "return",
};

/* The C names, as the runners pass them to inflight_trace_reach(). */
static const char * const point_c_names[INFLIGHT_CODE_N_POINTS] = {
  [INFLIGHT_CODE_NONE] = "INFLIGHT_CODE_NONE",
  [INFLIGHT_CODE_CALL] = "INFLIGHT_CODE_CALL",
  [INFLIGHT_CODE_WAIT] = "INFLIGHT_CODE_WAIT",
  [INFLIGHT_CODE_RESULT] = "INFLIGHT_CODE_RESULT",
  [INFLIGHT_CODE_CARRY_ON] = "INFLIGHT_CODE_CARRY_ON",
  [INFLIGHT_CODE_CALLBACK] = "INFLIGHT_CODE_CALLBACK",
  [INFLIGHT_CODE_NEXT_CALL] = "INFLIGHT_CODE_NEXT_CALL",
  [INFLIGHT_CODE_AWAIT] = "INFLIGHT_CODE_AWAIT",
  [INFLIGHT_CODE_RESOLVED] = "INFLIGHT_CODE_RESOLVED",
  [INFLIGHT_CODE_PUSH] = "INFLIGHT_CODE_PUSH",
  [INFLIGHT_CODE_POP] = "INFLIGHT_CODE_POP",
  [INFLIGHT_CODE_SERVE] = "INFLIGHT_CODE_SERVE",
  [INFLIGHT_CODE_PUSH_REPLY] = "INFLIGHT_CODE_PUSH_REPLY",
  [INFLIGHT_CODE_TAKE_REPLY] = "INFLIGHT_CODE_TAKE_REPLY",
  [INFLIGHT_CODE_LOOP] = "INFLIGHT_CODE_LOOP",
  [INFLIGHT_CODE_COMPUTE] = "INFLIGHT_CODE_COMPUTE",
  [INFLIGHT_CODE_JOIN] = "INFLIGHT_CODE_JOIN",
  [INFLIGHT_CODE_RETURN] = "INFLIGHT_CODE_RETURN",
};

const char *
inflight_code_point_to_string (InflightCodePoint point)
{
  g_return_val_if_fail (point < INFLIGHT_CODE_N_POINTS, NULL);

  return point_names[point];
}

gboolean
inflight_code_point_from_string (const char        *name,
                                 InflightCodePoint *point)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 1; i < INFLIGHT_CODE_N_POINTS; i++)
    if (g_str_equal (name, point_names[i]))
      {
        if (point != NULL)
          *point = i;
        return TRUE;
      }

  return FALSE;
}

const char *
inflight_language_to_string (InflightLanguage language)
{
  switch (language)
    {
    case INFLIGHT_LANGUAGE_C: return "c";
    case INFLIGHT_LANGUAGE_PYTHON: return "py";
    case INFLIGHT_LANGUAGE_JAVASCRIPT: return "js";
    case INFLIGHT_N_LANGUAGES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
inflight_language_get_title (InflightLanguage language)
{
  switch (language)
    {
    case INFLIGHT_LANGUAGE_C: return _("C (what ran)");
    case INFLIGHT_LANGUAGE_PYTHON: return _("Python");
    case INFLIGHT_LANGUAGE_JAVASCRIPT: return _("JavaScript");
    case INFLIGHT_N_LANGUAGES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

/**
 * inflight_listing_name:
 *
 * Returns: the stem of @strategy's listings, as in `listings/blocking.py`.
 */
const char *
inflight_listing_name (InflightStrategy strategy)
{
  return inflight_strategy_to_string (strategy);
}

/**
 * inflight_listing_resource_path:
 *
 * The event loop runs the callback runner's code on one thread, so its C is the callback's;
 * its equivalents are written for one thread.
 *
 * Returns: (transfer full): where the listing lives in the resources.
 */
char *
inflight_listing_resource_path (InflightStrategy strategy,
                                InflightLanguage language)
{
  const char *stem = inflight_listing_name (strategy);

  if (language == INFLIGHT_LANGUAGE_C && strategy == INFLIGHT_STRATEGY_EVENT_LOOP)
    stem = inflight_listing_name (INFLIGHT_STRATEGY_CALLBACK);

  return g_strconcat (LISTINGS_PATH, stem, ".", inflight_language_to_string (language), NULL);
}

/* The point a line of a C call to inflight_trace_reach() names, if any. */
static InflightCodePoint
c_reached_point (const char *line)
{
  /* A return goes back to a line already listed, and stands for none of its own. */
  for (guint i = 1; i < INFLIGHT_CODE_RETURN; i++)
    {
      const char *found = strstr (line, point_c_names[i]);
      size_t len = strlen (point_c_names[i]);

      if (found != NULL && !(g_ascii_isalnum (found[len]) || found[len] == '_'))
        return i;
    }

  return INFLIGHT_CODE_NONE;
}

static gboolean
is_recording_c (const char *line)
{
  return strstr (line, "inflight_trace_") != NULL || strstr (line, "record_") != NULL;
}

/* A marker of the equivalents: a comment line of its own, "# @name @name" or "// @name". */
static gboolean
marker_points (const char       *stripped,
               InflightLanguage  language,
               guint            *points)
{
  const char *prefix = language == INFLIGHT_LANGUAGE_PYTHON ? "# @" : "// @";
  g_auto(GStrv) names = NULL;

  if (!g_str_has_prefix (stripped, prefix))
    return FALSE;

  names = g_strsplit (stripped + strlen (prefix) - 1, " ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      InflightCodePoint point;

      if (*names[i] == '@' && inflight_code_point_from_string (names[i] + 1, &point))
        *points |= 1u << point;
      else
        g_warning ("Not a code point in a listing: %s", names[i]);
    }

  return TRUE;
}

/**
 * inflight_listing_parse:
 * @text: a listing: lines of a runner's source, or an equivalent with marker comments
 *
 * In C, a line that writes the trace is a recording line, and the statement it starts goes
 * on to its semicolon; an inflight_trace_reach() gives its code point to the next line of
 * code. In the equivalents, a marker comment line gives its point to the next line of code
 * and is not listed.
 *
 * Returns: (transfer full): the listing
 */
InflightListing *
inflight_listing_parse (const char       *text,
                        InflightLanguage  language)
{
  g_auto(GStrv) raw = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (InflightListingLine));
  InflightListing *listing;
  guint pending = 0;
  gboolean in_recording = FALSE;
  gboolean in_reach = FALSE;
  gboolean in_comment = FALSE;
  int depth = 0;

  g_return_val_if_fail (text != NULL, NULL);

  raw = g_strsplit (text, "\n", -1);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      InflightListingLine line = { NULL, INFLIGHT_LINE_CODE, 0 };
      g_autofree char *stripped = g_strstrip (g_strdup (raw[i]));

      /* The split leaves an empty last piece after the final newline. */
      if (raw[i + 1] == NULL && *raw[i] == '\0')
        break;

      if (language != INFLIGHT_LANGUAGE_C && marker_points (stripped, language, &pending))
        continue;

      if (*stripped == '\0')
        line.kind = INFLIGHT_LINE_BLANK;
      else if (language == INFLIGHT_LANGUAGE_C)
        {
          if (in_comment || g_str_has_prefix (stripped, "/*") || g_str_has_prefix (stripped, "//"))
            {
              line.kind = INFLIGHT_LINE_COMMENT;
              in_comment = strstr (stripped, "*/") == NULL && !g_str_has_prefix (stripped, "//");
            }
          else if (in_recording || is_recording_c (stripped))
            {
              InflightCodePoint reached;

              if (!in_recording)
                in_reach = strstr (stripped, "inflight_trace_reach") != NULL;
              reached = in_reach ? c_reached_point (stripped) : INFLIGHT_CODE_NONE;
              line.kind = INFLIGHT_LINE_RECORDING;
              if (reached != INFLIGHT_CODE_NONE)
                pending |= 1u << reached;
              for (const char *c = stripped; *c; c++)
                depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
              in_recording = !(depth <= 0 && (g_str_has_suffix (stripped, ";") ||
                                              g_str_has_suffix (stripped, "{")));
              if (!in_recording)
                depth = 0;
            }
        }
      else if (g_str_has_prefix (stripped, language == INFLIGHT_LANGUAGE_PYTHON ? "#" : "//"))
        line.kind = INFLIGHT_LINE_COMMENT;

      if (line.kind == INFLIGHT_LINE_CODE && pending != 0)
        {
          line.points = pending;
          pending = 0;
        }

      line.text = g_strdup (raw[i]);
      g_array_append_val (lines, line);
    }

  listing = g_new0 (InflightListing, 1);
  listing->language = language;
  listing->n_lines = lines->len;
  listing->lines = (InflightListingLine *) (void *) g_array_free (g_steal_pointer (&lines), FALSE);

  return listing;
}

/**
 * inflight_listing_load:
 *
 * Returns: (transfer full) (nullable): @strategy's listing in @language, from the resources
 */
InflightListing *
inflight_listing_load (InflightStrategy   strategy,
                       InflightLanguage   language,
                       GError           **error)
{
  g_autofree char *path = inflight_listing_resource_path (strategy, language);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gconstpointer data;
  gsize len;

  bytes = g_resource_lookup_data (inflight_listings_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  text = g_strndup (data, len);

  return inflight_listing_parse (text, language);
}

void
inflight_listing_free (InflightListing *listing)
{
  if (listing == NULL)
    return;

  for (guint i = 0; i < listing->n_lines; i++)
    g_free (listing->lines[i].text);
  g_free (listing->lines);
  g_free (listing);
}

/**
 * inflight_listing_find_point:
 *
 * Returns: the index of the line that is @point, or -1
 */
int
inflight_listing_find_point (const InflightListing *listing,
                             InflightCodePoint      point)
{
  g_return_val_if_fail (listing != NULL, -1);

  if (point == INFLIGHT_CODE_NONE)
    return -1;

  for (guint i = 0; i < listing->n_lines; i++)
    if (listing->lines[i].points & (1u << point))
      return (int) i;

  return -1;
}

static gboolean
lane_waiting_at (const InflightTraceSnapshot *snapshot,
                 guint                        lane,
                 gint64                       at)
{
  for (guint i = 0; i < snapshot->n_spans; i++)
    {
      const InflightSpan *span = &snapshot->spans[i];

      if (span->lane == lane && span->kind == INFLIGHT_SPAN_WAITING && span->start <= at &&
          (span->end == INFLIGHT_TIME_NONE || at < span->end))
        return TRUE;
    }

  return FALSE;
}

/* The code points where a callback comes in, each one to be followed by INFLIGHT_CODE_RETURN. */
static gboolean
is_callback_entry (guint point)
{
  return point == INFLIGHT_CODE_CALLBACK || point == INFLIGHT_CODE_RESOLVED || point == INFLIGHT_CODE_TAKE_REPLY;
}

/**
 * inflight_code_cursor_at:
 * @at: a moment of the run, in µs
 *
 * Where the thread of @lane was at @at: the last code point it had reached, and whether it
 * was parked there. A thread records its steps in time order, so the last step at or before
 * @at is found by bisection.
 *
 * Returns: %FALSE if the lane had reached no listed line by @at
 */
gboolean
inflight_code_cursor_at (const InflightTraceSnapshot *snapshot,
                         guint                        lane,
                         gint64                       at,
                         InflightCodeCursor          *cursor)
{
  guint lo = 0, hi;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (cursor != NULL, FALSE);

  /* The first step later than @at. */
  hi = snapshot->n_steps;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (snapshot->steps[mid].at <= at)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo, returned = 0; i > 0; i--)
    {
      const InflightCodeStep *step = &snapshot->steps[i - 1];

      if (step->lane != lane)
        continue;

      /* Steps inside a callback that has returned are behind the thread: skip back to
       * where it was when the callback came in. */
      if (step->point == INFLIGHT_CODE_RETURN)
        {
          returned++;
          continue;
        }
      if (returned > 0)
        {
          if (is_callback_entry (step->point))
            returned--;
          continue;
        }

      /* The thread has ended. */
      if (step->point == INFLIGHT_CODE_NONE)
        return FALSE;

      cursor->point = step->point;
      cursor->request = step->request;
      cursor->since = step->at;
      cursor->blocked = step->point == INFLIGHT_CODE_POP || step->point == INFLIGHT_CODE_JOIN ||
                        lane_waiting_at (snapshot, lane, at);
      return TRUE;
    }

  return FALSE;
}

/**
 * inflight_code_next_reach:
 * @after: a moment of the run
 * @at: (out): when a thread next reached @point
 * @lane: (out) (optional): which lane's thread it was
 *
 * The first moment after @after that a thread reached @point, or failing that the first
 * moment of all, so that clicking a line always goes somewhere if the line ran.
 *
 * Returns: %FALSE if no thread reached @point in this run
 */
gboolean
inflight_code_next_reach (const InflightTraceSnapshot *snapshot,
                          InflightCodePoint            point,
                          gint64                       after,
                          gint64                      *at,
                          guint                       *lane)
{
  const InflightCodeStep *first = NULL;

  g_return_val_if_fail (snapshot != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  for (guint i = 0; i < snapshot->n_steps; i++)
    {
      const InflightCodeStep *step = &snapshot->steps[i];

      if (step->point != point)
        continue;
      if (first == NULL)
        first = step;
      if (step->at > after)
        {
          first = step;
          break;
        }
    }

  if (first == NULL)
    return FALSE;

  *at = first->at;
  if (lane != NULL)
    *lane = first->lane;

  return TRUE;
}

/**
 * inflight_code_cursor_describe:
 *
 * Returns: (transfer full): what the lane's thread is doing at its cursor, in a few words:
 *   "Caller thread: waiting for the reply to #3"
 */
char *
inflight_code_cursor_describe (const InflightTraceSnapshot *snapshot,
                               guint                        lane,
                               const InflightCodeCursor    *cursor)
{
  const char *label;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  label = lane < snapshot->n_lanes ? snapshot->lanes[lane].label : "";

  if (cursor->blocked)
    {
      if (cursor->point == INFLIGHT_CODE_POP)
        return g_strdup_printf (_("%s: waiting for a request on the queue"), label);
      if (cursor->point == INFLIGHT_CODE_JOIN)
        return g_strdup_printf (_("%s: waiting for the threads to end"), label);
      if (cursor->point == INFLIGHT_CODE_SERVE)
        return g_strdup_printf (_("%s: waiting for the work of #%u to be done"), label, cursor->request);
      if (cursor->request > 0)
        return g_strdup_printf (_("%s: waiting for the reply to #%u"), label, cursor->request);
      return g_strdup_printf (_("%s: waiting"), label);
    }

  if (cursor->request > 0)
    return g_strdup_printf (_("%s: here with #%u"), label, cursor->request);

  return g_strdup_printf (_("%s: here"), label);
}

/**
 * inflight_listing_render_text:
 * @snapshot: (nullable): the run whose cursors to show
 * @at: the moment of the cursors
 * @show_recording: whether to keep the lines that only write the trace
 *
 * The listing as plain text, each line that has cursors followed by them: what the command
 * line writes for slides, and what the tests read.
 *
 * Returns: (transfer full): the text
 */
char *
inflight_listing_render_text (const InflightListing       *listing,
                              const InflightTraceSnapshot *snapshot,
                              gint64                       at,
                              gboolean                     show_recording)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree GPtrArray **notes = NULL;

  g_return_val_if_fail (listing != NULL, NULL);

  notes = g_new0 (GPtrArray *, listing->n_lines);
  for (guint lane = 0; snapshot != NULL && lane < snapshot->n_lanes; lane++)
    {
      InflightCodeCursor cursor;
      int line;

      if (!inflight_code_cursor_at (snapshot, lane, at, &cursor))
        continue;
      line = inflight_listing_find_point (listing, cursor.point);
      if (line < 0)
        continue;
      if (notes[line] == NULL)
        notes[line] = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (notes[line], inflight_code_cursor_describe (snapshot, lane, &cursor));
    }

  for (guint i = 0; i < listing->n_lines; i++)
    {
      const InflightListingLine *line = &listing->lines[i];

      if (line->kind == INFLIGHT_LINE_RECORDING && !show_recording)
        continue;

      g_string_append (out, line->text);
      if (notes[i] != NULL)
        {
          g_string_append (out, "    ◀ ");
          for (guint j = 0; j < notes[i]->len; j++)
            g_string_append_printf (out, j > 0 ? "; %s" : "%s", (char *) notes[i]->pdata[j]);
          g_ptr_array_unref (notes[i]);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
