/* inflight-caller-work.c
 * The caller's own work while its calls are in flight: real computation, in slices short
 * enough to let callbacks and frames through between them. The lane is recorded as it is:
 * WORKING for each slice, and IDLE — free, ready for whatever comes — between them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-caller-work"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-caller-work.h"

/* Short slices: a callback that comes due waits at most this long for the caller. */
#define WORK_SLICE_US    100
#define WORK_INTERVAL_MS 2

struct _InflightCallerWork
{
  InflightTrace *trace;
  GSource       *source;
  guint          lane;
  guint          span;      /* the free span open between slices */
  guint          slices;
};

/* Keeps the computation's result alive, so the compiler cannot drop it; atomic, as two runs
 * side by side compute on two threads at once. */
static volatile guint64 work_sink;

/**
 * inflight_compute_for:
 *
 * Keeps the calling thread's processor busy with real arithmetic for @us.
 */
void
inflight_compute_for (gint64 us)
{
  gint64 until = g_get_monotonic_time () + us;
  guint64 x = __atomic_load_n (&work_sink, __ATOMIC_RELAXED) | 1;

  do
    {
      for (guint i = 0; i < 1000; i++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
  while (g_get_monotonic_time () < until);

  __atomic_store_n (&work_sink, x, __ATOMIC_RELAXED);
}

static gboolean
work_slice_cb (gpointer data)
{
  InflightCallerWork *work = data;
  guint slice;

  inflight_trace_end_span (work->trace, work->span);
  slice = inflight_trace_begin_span (work->trace, work->lane, 0, INFLIGHT_SPAN_WORKING);
  inflight_compute_for (WORK_SLICE_US);
  inflight_trace_end_span (work->trace, slice);
  work->span = inflight_trace_begin_span (work->trace, work->lane, 0, INFLIGHT_SPAN_IDLE);
  work->slices++;

  return G_SOURCE_CONTINUE;
}

/* Free from now on, with a slice of work every WORK_INTERVAL_MS on @context. */
static void
attach_work (InflightCallerWork *work,
             GMainContext       *context)
{
  work->span = inflight_trace_begin_span (work->trace, work->lane, 0, INFLIGHT_SPAN_IDLE);
  work->source = g_timeout_source_new (WORK_INTERVAL_MS);
  g_source_set_static_name (work->source, "[inflight] caller's own work");
  g_source_set_callback (work->source, work_slice_cb, work, NULL);
  g_source_attach (work->source, context);
}

/**
 * inflight_caller_work_start:
 *
 * Starts real work on @context, in slices recorded as WORKING on @lane, the lane free (IDLE)
 * between them, until stopped.
 */
InflightCallerWork *
inflight_caller_work_start (InflightTrace *trace,
                            guint          lane,
                            GMainContext  *context)
{
  InflightCallerWork *work = g_new0 (InflightCallerWork, 1);

  work->trace = g_object_ref (trace);
  work->lane = lane;
  attach_work (work, context);

  return work;
}

/**
 * inflight_caller_work_stop:
 *
 * Ends the work and marks on the lane how much of it was done.
 *
 * Returns: the number of slices done.
 */
/**
 * inflight_caller_work_pause:
 *
 * The caller went down: its work stops, with no mark, until resumed.
 */
void
inflight_caller_work_pause (InflightCallerWork *work)
{
  g_return_if_fail (work != NULL);

  if (work->source == NULL || g_source_is_destroyed (work->source))
    return;

  g_source_destroy (work->source);
  inflight_trace_end_span (work->trace, work->span);
}

/**
 * inflight_caller_work_resume:
 * @context: the caller's main context
 *
 * The caller is back: its work goes on where it left off.
 */
void
inflight_caller_work_resume (InflightCallerWork *work,
                             GMainContext       *context)
{
  g_return_if_fail (work != NULL);

  if (work->source == NULL || !g_source_is_destroyed (work->source))
    return;

  g_source_unref (work->source);
  attach_work (work, context);
}

guint
inflight_caller_work_stop (InflightCallerWork *work)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (work != NULL, 0);

  if (work->source == NULL)
    return work->slices;

  if (!g_source_is_destroyed (work->source))
    {
      g_source_destroy (work->source);
      inflight_trace_end_span (work->trace, work->span);
    }
  g_clear_pointer (&work->source, g_source_unref);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "did %u slice of other work meanwhile",
                                        "did %u slices of other work meanwhile",
                                        work->slices),
                           work->slices);
  inflight_trace_add_mark (work->trace, work->lane, label);

  return work->slices;
}

void
inflight_caller_work_free (InflightCallerWork *work)
{
  if (work == NULL)
    return;

  inflight_caller_work_stop (work);
  g_clear_object (&work->trace);
  g_free (work);
}
