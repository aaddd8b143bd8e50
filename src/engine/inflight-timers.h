/* inflight-timers.h
 * The timers a run's calls travel and work on, all fired at once when the run is cancelled.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*InflightTimerFunc) (gpointer data,
                                   gboolean cancelled);

/* Every timer not yet fired or stopped, each with a reference of its own, so that a cancel
 * can fire them all at once: a weak registry would hand it timers already dying. */
typedef struct
{
  GMutex        lock;
  GHashTable   *timers;
  GCancellable *cancellable;   /* the run's: not owned */
} InflightTimers;

/* A timer that also fires, early, when the run is cancelled. */
typedef struct
{
  GSource            source;
  InflightTimers    *set;
  InflightTimerFunc  func;       /* taken atomically by whoever ends the timer's work */
  gpointer           data;
  GDestroyNotify     destroy;
  int                fd;         /* a timerfd, or -1 */
} InflightTimer;

void     inflight_timers_init     (InflightTimers    *set);
void     inflight_timers_clear    (InflightTimers    *set);
GSource *inflight_timers_start    (InflightTimers    *set,
                                   GMainContext      *context,
                                   gint64             delay,
                                   InflightTimerFunc  func,
                                   gpointer           data,
                                   GDestroyNotify     destroy);
void     inflight_timers_fire_all (InflightTimers    *set);
void     inflight_timer_clear     (GSource          **timer);

G_END_DECLS
