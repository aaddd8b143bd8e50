/* inflight-timers.c
 * The timers a run's calls travel and work on. Each fires at the microsecond, through a
 * timerfd where there is one, and all of a run's timers fire at once, early, when the run
 * is cancelled, so that every journey, work and timeout under way ends promptly.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-timers"

#include "config.h"

#include <glib-unix.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/timerfd.h>
#endif

#include "inflight-timers.h"

/* The timer leaves the registry: it is firing, or destroyed before it could. */
static void
forget_timer (GSource *source)
{
  InflightTimers *set = ((InflightTimer *) source)->set;
  gboolean registered;

  g_mutex_lock (&set->lock);
  registered = g_hash_table_remove (set->timers, source);
  g_mutex_unlock (&set->lock);

  if (registered)
    g_source_unref (source);
}

static gboolean
timer_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  InflightTimer *ts = (InflightTimer *) source;
  /* Taken atomically: a caller's timeout, on another thread, may take it first. */
  InflightTimerFunc func = g_atomic_pointer_exchange (&ts->func, NULL);

  /* Not the last reference: the context holds one while it dispatches. */
  forget_timer (source);

  if (func != NULL)
    func (ts->data, g_cancellable_is_cancelled (ts->set->cancellable));

  return G_SOURCE_REMOVE;
}

static void
timer_source_finalize (GSource *source)
{
  InflightTimer *ts = (InflightTimer *) source;

  if (ts->fd >= 0)
    close (ts->fd);
  if (ts->destroy != NULL)
    g_clear_pointer (&ts->data, ts->destroy);
}

static GSourceFuncs timer_source_funcs = {
  .dispatch = timer_source_dispatch,
  .finalize = timer_source_finalize,
};

/* A main loop wakes for a source's ready time only to the millisecond, rounded up: for the
 * journeys and work of a call, that would add half a millisecond to every step. A timerfd
 * wakes the poll at the microsecond. Returns: the armed timer, or -1 to use the ready time. */
static int
arm_timerfd (gint64 at)
{
#ifdef __linux__
  /* g_get_monotonic_time() is CLOCK_MONOTONIC in microseconds on Linux. */
  struct itimerspec spec = {
    .it_value = { .tv_sec = at / G_USEC_PER_SEC, .tv_nsec = (at % G_USEC_PER_SEC) * 1000 },
  };
  int fd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);

  if (fd >= 0 && timerfd_settime (fd, TFD_TIMER_ABSTIME, &spec, NULL) == 0)
    return fd;
  if (fd >= 0)
    close (fd);
#endif
  return -1;
}

/**
 * inflight_timers_start:
 * @func: called on @context after @delay µs, or as soon as the run is cancelled
 *
 * Returns: (transfer full): the timer, to stop it before it fires
 */
GSource *
inflight_timers_start (InflightTimers    *set,
                       GMainContext      *context,
                       gint64             delay,
                       InflightTimerFunc  func,
                       gpointer           data,
                       GDestroyNotify     destroy)
{
  GSource *source = g_source_new (&timer_source_funcs, sizeof (InflightTimer));
  InflightTimer *ts = (InflightTimer *) source;

  ts->set = set;
  ts->func = func;
  ts->data = data;
  ts->destroy = destroy;

  g_source_set_static_name (source, "[inflight] timer");
  ts->fd = -1;
  if (delay > 0)
    ts->fd = arm_timerfd (g_get_monotonic_time () + delay);
  if (ts->fd >= 0)
    g_source_add_unix_fd (source, ts->fd, G_IO_IN);
  else
    g_source_set_ready_time (source, g_get_monotonic_time () + MAX (delay, 0));

  /* Registered before the cancellable is looked at: a cancel either sees it or is seen.
   * Attached under the same lock, so that a cancel cannot touch it half attached (found by
   * ThreadSanitizer: g_source_set_ready_time() read the source's context as g_source_attach()
   * wrote it). The order is always this lock, then the context's. */
  g_mutex_lock (&set->lock);
  g_hash_table_add (set->timers, g_source_ref (source));
  if (set->cancellable != NULL && g_cancellable_is_cancelled (set->cancellable))
    g_source_set_ready_time (source, 0);
  g_source_attach (source, context);
  g_mutex_unlock (&set->lock);

  return source;
}

/* Stops a timer before it fires, if it has not, and lets go of it. */
void
inflight_timer_clear (GSource **timer)
{
  if (*timer != NULL)
    {
      g_source_destroy (*timer);
      forget_timer (*timer);
      g_clear_pointer (timer, g_source_unref);
    }
}

void
inflight_timers_init (InflightTimers *set)
{
  g_mutex_init (&set->lock);
  set->timers = g_hash_table_new (NULL, NULL);
  set->cancellable = NULL;
}

void
inflight_timers_clear (InflightTimers *set)
{
  g_clear_pointer (&set->timers, g_hash_table_unref);
  g_mutex_clear (&set->lock);
}

static void
fire_timer_now (gpointer key,
                gpointer value,
                gpointer user_data)
{
  g_source_set_ready_time (key, 0);
}

/* The run was cancelled: every timer not yet fired fires now. */
void
inflight_timers_fire_all (InflightTimers *set)
{
  g_mutex_lock (&set->lock);
  g_hash_table_foreach (set->timers, fire_timer_now, NULL);
  g_mutex_unlock (&set->lock);
}
