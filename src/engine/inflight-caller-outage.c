/* inflight-caller-outage.c
 * The caller taken down and brought back during a run. The learner's switch is followed on
 * the thread that owns the live scenario, which records the outage on the caller's lane at
 * the moment it happens and wakes the caller's main context; the caller's thread reads the
 * state, and how many times it went down, to know what it missed meanwhile.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-caller-outage"

#include "config.h"

#include "inflight-caller-outage.h"

struct _InflightCallerOutage
{
  GMutex            lock;
  InflightScenario *live;
  InflightTrace    *trace;
  GCancellable     *cancellable;
  GMainContext     *context;     /* the caller's, woken at every change; under the lock */
  gulong            notify_id;
  gulong            cancelled_id;
  guint             lane;
  guint             span;        /* the outage under way, if down */
  gint              down;
  gint              count;       /* how many times the caller went down */
};

/* Under the lock. */
static void
set_down_locked (InflightCallerOutage *self,
                 gboolean              down)
{
  if (g_atomic_int_get (&self->down) == !!down)
    return;

  if (down)
    {
      self->span = inflight_trace_begin_span (self->trace, self->lane, 0, INFLIGHT_SPAN_DOWN);
      g_atomic_int_inc (&self->count);
    }
  else
    inflight_trace_end_span (self->trace, self->span);
  g_atomic_int_set (&self->down, !!down);

  if (self->context != NULL)
    g_main_context_wakeup (self->context);
}

static void
on_live_notify (InflightCallerOutage *self)
{
  g_mutex_lock (&self->lock);
  set_down_locked (self, inflight_scenario_get_caller_down (self->live));
  g_mutex_unlock (&self->lock);
}

static void
on_cancelled (GCancellable         *cancellable,
              InflightCallerOutage *self)
{
  g_mutex_lock (&self->lock);
  if (self->context != NULL)
    g_main_context_wakeup (self->context);
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_caller_outage_new:
 * @scenario: the run's parameters, which say whether the caller starts down
 * @live: the learner's scenario, followed for "caller-down" until freed
 * @lane: the caller's lane, where an outage is recorded as DOWN
 *
 * Call on @live's thread, after the trace has started; free on it too.
 */
InflightCallerOutage *
inflight_caller_outage_new (InflightScenario *scenario,
                            InflightScenario *live,
                            InflightTrace    *trace,
                            guint             lane,
                            GCancellable     *cancellable)
{
  InflightCallerOutage *self = g_new0 (InflightCallerOutage, 1);

  g_mutex_init (&self->lock);
  self->live = g_object_ref (live);
  self->trace = g_object_ref (trace);
  self->lane = lane;
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
    }

  g_mutex_lock (&self->lock);
  set_down_locked (self, inflight_scenario_get_caller_down (scenario));
  g_mutex_unlock (&self->lock);

  self->notify_id = g_signal_connect_swapped (live, "notify::caller-down", G_CALLBACK (on_live_notify), self);

  return self;
}

/**
 * inflight_caller_outage_set_context:
 * @context: (nullable): the main context the caller's thread iterates
 *
 * Wakes @context whenever the caller goes down or comes back, or the run stops.
 */
void
inflight_caller_outage_set_context (InflightCallerOutage *self,
                                    GMainContext         *context)
{
  g_mutex_lock (&self->lock);
  self->context = context;
  g_mutex_unlock (&self->lock);
}

gboolean
inflight_caller_outage_is_down (InflightCallerOutage *self)
{
  return g_atomic_int_get (&self->down);
}

/**
 * inflight_caller_outage_get_count:
 *
 * Returns: how many times the caller has gone down so far: a caller that
 * reads a different number after a call knows it went down meanwhile
 */
guint
inflight_caller_outage_get_count (InflightCallerOutage *self)
{
  return (guint) g_atomic_int_get (&self->count);
}

/**
 * inflight_caller_outage_wait_up:
 * @context: the caller's main context, set with inflight_caller_outage_set_context()
 *
 * On the caller's thread: while the caller is down, runs @context and nothing
 * else, until the caller is back or @cancellable is cancelled.
 */
void
inflight_caller_outage_wait_up (InflightCallerOutage *self,
                                GMainContext         *context,
                                GCancellable         *cancellable)
{
  while (inflight_caller_outage_is_down (self) && !g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (context, TRUE);
}

/* On the live scenario's thread: the outage under way ends with the run. */
void
inflight_caller_outage_free (InflightCallerOutage *self)
{
  if (self == NULL)
    return;

  g_signal_handler_disconnect (self->live, self->notify_id);
  if (self->cancellable != NULL)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);

  g_mutex_lock (&self->lock);
  self->context = NULL;
  set_down_locked (self, FALSE);
  g_mutex_unlock (&self->lock);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->live);
  g_clear_object (&self->trace);
  g_mutex_clear (&self->lock);
  g_free (self);
}
