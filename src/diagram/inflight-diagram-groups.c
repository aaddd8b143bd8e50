/* inflight-diagram-groups.c
 * Groups lanes that are too many to draw side by side (64 workers of a queue) into one lane,
 * "Workers 1–64", each of them a bar of its own in it: a copy of the run with fewer lanes,
 * made once for the snapshot and the viewport, that the diagram draws instead.
 * Changes when which lanes are grouped, or how, does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "inflight-diagram-private.h"

#define LANE_WIDTH_MIN 36.0   /* px: narrower lanes cannot say "W12" in their headers */
#define GROUP_MIN      3      /* lanes, at least, in a group */

/* The number in a lane's name ("Worker 12": 12), else @fallback. */
static guint
lane_number (const char *label,
             guint       fallback)
{
  for (const char *p = label; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && (p == label || p[-1] == ' '))
      return (guint) strtoul (p, NULL, 10);

  return fallback;
}

static char *
group_name (const InflightTraceSnapshot *s,
            guint                        first,
            guint                        last)
{
  guint from = lane_number (s->lanes[first].label, 1);
  guint to = lane_number (s->lanes[last].label, last - first + 1);

  if (s->lanes[first].role == INFLIGHT_LANE_WORKER)
    /* Translators: the header of a lane that stands for many workers, as in "Workers 1–64" */
    return g_strdup_printf (_("Workers %u–%u"), from, to);

  {
    g_auto(GStrv) words = g_strsplit (s->lanes[first].label != NULL ? s->lanes[first].label : "", " ", 2);

    /* Translators: the header of a lane that stands for many, as in "Thread 1–16" */
    return g_strdup_printf (_("%s %u–%u"), words[0] != NULL ? words[0] : "", from, to);
  }
}

/* Lanes next to one another with the same role, that are not the caller's. */
static gboolean
same_group (const InflightTraceSnapshot *s,
            guint                        a,
            guint                        b)
{
  InflightLaneRole role = s->lanes[a].role;

  return role == s->lanes[b].role &&
         (role == INFLIGHT_LANE_WORKER || role == INFLIGHT_LANE_SERVICE);
}

/* A copy of @s with each run of GROUP_MIN or more like lanes made one, when the lanes are too
 * narrow for their names; %NULL when they are not, or the run is still going (a live run is
 * copied at every batch: the view waits for its end). */
InflightTraceSnapshot *
plan_groups (Render *r)
{
  const InflightTraceSnapshot *s = r->snapshot;
  g_autoptr(InflightTrace) trace = NULL;
  g_autofree guint *lane_to = NULL;
  g_autofree guint *slot_base = NULL;
  g_autofree guint *slots = NULL;
  gboolean any = FALSE;
  guint n = 0;

  if (s == NULL || !s->finished || r->n_lanes < GROUP_MIN || r->lane_width >= LANE_WIDTH_MIN)
    return NULL;

  trace = inflight_trace_new ();
  lane_to = g_new0 (guint, s->n_lanes);
  slot_base = g_new0 (guint, s->n_lanes);
  slots = g_new0 (guint, s->n_lanes);

  for (guint i = 0; i < s->n_lanes;)
    {
      guint end = i + 1;

      while (end < s->n_lanes && same_group (s, i, end))
        end++;

      if (end - i >= GROUP_MIN)
        {
          g_autofree char *name = group_name (s, i, end - 1);
          guint base = 0;

          for (guint k = i; k < end; k++)
            {
              lane_to[k] = n;
              slot_base[k] = base;
              base += r->max_slot[k] + 1;
            }
          inflight_trace_add_lane (trace, s->lanes[i].role, name);
          any = TRUE;
        }
      else
        for (guint k = i; k < end; k++)
          {
            lane_to[k] = n + (k - i);
            inflight_trace_add_lane (trace, s->lanes[k].role, s->lanes[k].label != NULL ? s->lanes[k].label : "");
          }
      n += end - i >= GROUP_MIN ? 1 : end - i;
      i = end;
    }

  if (!any)
    return NULL;

  /* In the order of the trace, as the index expects. */
  for (guint i = 0; i < s->n_spans; i++)
    {
      const InflightSpan *span = &s->spans[i];

      if (span->lane < s->n_lanes)
        inflight_trace_append_span (trace, lane_to[span->lane], slot_base[span->lane] + span->slot,
                                    span->kind, span->start, span->end);
    }
  for (guint i = 0; i < s->n_messages; i++)
    {
      const InflightMessage *m = &s->messages[i];

      if (m->from_lane < s->n_lanes && m->to_lane < s->n_lanes)
        inflight_trace_append_message (trace, m->request, m->kind, lane_to[m->from_lane], lane_to[m->to_lane],
                                       m->sent_at, m->arrived_at);
    }
  for (guint i = 0; i < s->n_marks; i++)
    if (s->marks[i].lane < s->n_lanes)
      inflight_trace_append_mark (trace, lane_to[s->marks[i].lane], s->marks[i].at, s->marks[i].label);
  inflight_trace_set_duration (trace, s->duration);

  return inflight_trace_snapshot (trace);
}
