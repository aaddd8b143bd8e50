/* inflight-service.c
 * The callee. Requests travel on real timers, wait for one of its slots, and are worked on
 * either by its own worker threads, really asleep, or by timers on the caller's main context.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-service"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-service.h"
#include "inflight-timers.h"

#define MAX_SLOTS 64

struct _InflightService
{
  GObject              parent_instance;

  InflightTrace       *trace;
  GCancellable        *cancellable;
  gulong               cancelled_id;
  GMainContext        *home;          /* the run's context */
  GMainContext        *network;       /* THREADS mode: requests travel here, whatever the caller does */
  GThread             *network_thread;
  gint                 network_stop;  /* atomic */
  InflightServiceMode  mode;
  guint                lane;

  /* Fixed for the run. */
  guint                jitter_pct;
  guint                failure_pct;
  guint                seed;
  gint64               timeout;       /* µs; 0: callers wait forever */
  gint64               down_at;       /* µs */
  gint64               down_for;      /* µs; 0: no outage */
  gboolean             hangs;         /* in the outage window, hold requests unanswered instead of refusing */

  InflightScenario    *live;          /* followed for changes during the run */
  GSource             *window_timers[2];

  InflightTimers       timers;        /* every timer of the run's calls, fired at once on cancel */

  GMutex               lock;
  GCond                cond;
  /* Under the lock: */
  gboolean             cancelled;
  gboolean             stopping;
  guint                latency_ms;
  guint                workers;
  gboolean             down;          /* taken down by hand, apart from the outage window */
  guint                down_span;
  gboolean             down_span_open;
  guint64              busy_slots;    /* a bit per slot in use */
  guint                outstanding;   /* calls arrived and not yet done with */
  GQueue               waiting;       /* calls waiting for a free slot */
  GList               *working;       /* THREADS mode: calls a thread is asleep on */
  guint                idle_threads;

  /* THREADS mode only. */
  GAsyncQueue         *jobs;
  GPtrArray           *threads;
};

typedef struct
{
  guint             request;
  guint             from_lane;
  guint             request_message;
  guint             reply_message;
  guint             slot;
  gint64            sent_at;
  gint64            taken_at;       /* when a slot took the call up: trace time */
  gint64            taken_mono;     /* the same, on the monotonic clock */
  InflightCallPlan  plan;
  gboolean          refused;        /* arrived while the service was down */
  gboolean          returned;       /* the caller has its answer; on the caller's context only */
  GSource          *timeout_timer;  /* on the caller's context only */
  /* Under the service's lock: */
  gboolean          abandoned;      /* the caller gave up waiting */
  gboolean          queued;         /* in the waiting queue */
  GCond            *sleeper;        /* THREADS mode: wakes the thread working on the call */
  GSource          *step;           /* the timer of the call's current step, if any */
} Call;

G_DEFINE_FINAL_TYPE (InflightService, inflight_service, G_TYPE_OBJECT)

static void dispatch_locked (InflightService *self,
                             GTask           *task);

/* Hands a worker thread its call to leave. */
static int stop_job;

static GError *
cancelled_error (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The run was stopped"));
}

/* Completes the call on the caller's context, unless the caller already has its answer. */
static void
return_call (GTask  *task,
             GError *error)
{
  Call *call = g_task_get_task_data (task);

  inflight_timer_clear (&call->timeout_timer);

  if (call->returned)
    {
      g_clear_error (&error);
      return;
    }

  call->returned = TRUE;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Called with the lock held: the call's next step, on @context after @delay µs.
 * A call the caller gave up on takes no further step. */
static void
schedule_step_on_locked (InflightService *self,
                         GMainContext    *context,
                         GTask           *task,
                         gint64           delay,
                         InflightTimerFunc        func)
{
  Call *call = g_task_get_task_data (task);

  if (call->abandoned)
    return;

  inflight_timer_clear (&call->step);
  call->step = inflight_timers_start (&self->timers, context, delay,
                            func, g_object_ref (task), g_object_unref);
}

/* Called with the lock held: the call's next step, on the caller's context. */
static void
schedule_step_locked (InflightService *self,
                      GTask           *task,
                      gint64           delay,
                      InflightTimerFunc        func)
{
  schedule_step_on_locked (self, g_task_get_context (task), task, delay, func);
}

/* A step has fired: it no longer needs destroying. */
static void
step_done (InflightService *self,
           Call            *call)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&call->step, g_source_unref);
  g_mutex_unlock (&self->lock);
}

static gboolean
is_down_locked (InflightService *self,
                gint64           now)
{
  return self->down ||
         (self->down_for > 0 && now >= self->down_at && now < self->down_at + self->down_for);
}

/* Whether the service is down at this moment; reads the clock only if an outage is planned. */
static gboolean
is_down_now_locked (InflightService *self)
{
  return self->down || (self->down_for > 0 && is_down_locked (self, inflight_trace_now (self->trace)));
}

static void
on_cancelled_step (gpointer data,
                   gboolean cancelled)
{
  GTask *task = data;

  step_done (g_task_get_source_object (task), g_task_get_task_data (task));
  return_call (task, cancelled_error ());
}

static void
on_reply_arrived (gpointer data,
                  gboolean cancelled)
{
  GTask *task = data;
  InflightService *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  step_done (self, call);

  if (cancelled)
    {
      return_call (task, cancelled_error ());
      return;
    }

  inflight_trace_arrive (self->trace, call->reply_message);

  if (call->refused)
    return_call (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                    _("Request %u failed at once: the service is down"),
                                    call->request));
  else if (call->plan.fails)
    return_call (task, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                                    _("Request %u failed: the service could not do it"),
                                    call->request));
  else
    return_call (task, NULL);
}

/* Called with the lock held: the slot is free again, and the next waiting call may have it. */
static void
release_slot_locked (InflightService *self,
                     Call            *call)
{
  self->busy_slots &= ~(G_GUINT64_CONSTANT (1) << call->slot);
  g_assert (self->outstanding > 0);
  self->outstanding--;

  while (!self->cancelled && !g_queue_is_empty (&self->waiting) &&
         (guint) g_bit_nth_lsf (~self->busy_slots, -1) < self->workers)
    dispatch_locked (self, g_queue_pop_head (&self->waiting));

  g_cond_broadcast (&self->cond);
}

/* The call's work is over, done or cut short; its reply, if any, travels back. */
static void
finish_work (InflightService *self,
             GTask           *task,
             guint            span,
             gboolean         completed)
{
  Call *call = g_task_get_task_data (task);

  if (completed)
    call->reply_message =
      inflight_trace_end_span_and_send (self->trace, span, call->request,
                                        call->plan.fails ? INFLIGHT_MESSAGE_ERROR : INFLIGHT_MESSAGE_REPLY,
                                        self->lane, call->from_lane);
  else
    inflight_trace_end_span (self->trace, span);

  g_mutex_lock (&self->lock);
  /* On a worker thread, the thread is free for the next call from here on. */
  if (self->mode == INFLIGHT_SERVICE_THREADS)
    self->idle_threads++;
  release_slot_locked (self, call);
  schedule_step_locked (self, task, completed ? call->plan.transit_out : 0,
                        completed ? on_reply_arrived : on_cancelled_step);
  g_mutex_unlock (&self->lock);
}

/* Runs on a worker thread, which holds its slot for the request's work: work that is waiting
 * (a disk, a network, another service), so the thread sleeps and the slot is drawn waiting. */
static void
work_on_thread (InflightService *self,
                GTask           *task)
{
  Call *call = g_task_get_task_data (task);
  gint64 end = call->taken_mono + call->plan.work;
  GList link = { task, NULL, NULL };
  GCond sleeper;
  gboolean completed;
  guint span;

  span = inflight_trace_append_span (self->trace, self->lane, call->slot, INFLIGHT_SPAN_WAITING,
                                     call->taken_at, INFLIGHT_TIME_NONE);

  /* Each thread sleeps on a condition of its own: waking one never wakes the others. */
  g_cond_init (&sleeper);
  g_mutex_lock (&self->lock);
  call->sleeper = &sleeper;
  self->working = g_list_concat (&link, self->working);
  while (!self->cancelled && !call->abandoned && g_get_monotonic_time () < end)
    g_cond_wait_until (&sleeper, &self->lock, end);
  completed = !self->cancelled && !call->abandoned;
  self->working = g_list_remove_link (self->working, &link);
  call->sleeper = NULL;
  g_mutex_unlock (&self->lock);
  g_cond_clear (&sleeper);

  finish_work (self, task, span, completed);
}

static gpointer
worker_main (gpointer data)
{
  InflightService *self = data;

  for (;;)
    {
      gpointer job = g_async_queue_pop (self->jobs);

      if (job == &stop_job)
        break;

      work_on_thread (self, job);
      g_object_unref (job);
    }

  return NULL;
}

/* The network: runs the requests' journeys until the service shuts down. A flag, not a
 * GMainLoop, because a loop quit before it starts to run would run for ever. */
static gpointer
network_main (gpointer data)
{
  InflightService *self = data;

  g_main_context_push_thread_default (self->network);
  while (!g_atomic_int_get (&self->network_stop))
    g_main_context_iteration (self->network, TRUE);
  g_main_context_pop_thread_default (self->network);

  return NULL;
}

/* Called with the lock held. */
static void
start_thread_locked (InflightService *self)
{
  g_autofree char *name = g_strdup_printf ("inflight-svc-%u", self->threads->len);

  g_ptr_array_add (self->threads, g_thread_new (name, worker_main, self));
}

typedef struct
{
  GTask *task;
  guint  span;
} TimedWork;

static void
on_timed_work_done (gpointer data,
                    gboolean cancelled)
{
  TimedWork *work = data;
  InflightService *self = g_task_get_source_object (work->task);

  step_done (self, g_task_get_task_data (work->task));
  finish_work (self, work->task, work->span, !cancelled);
}

static void
timed_work_free (gpointer data)
{
  TimedWork *work = data;

  g_object_unref (work->task);
  g_free (work);
}

/* Called with the lock held: the call has a slot; its work starts now.
 * Takes over the caller's reference to @task, as the waiting queue hands it on. */
static void
dispatch_locked (InflightService *self,
                 GTask           *task)
{
  Call *call = g_task_get_task_data (task);

  call->queued = FALSE;
  call->slot = g_bit_nth_lsf (~self->busy_slots, -1);
  g_assert (call->slot < MAX_SLOTS);
  self->busy_slots |= G_GUINT64_CONSTANT (1) << call->slot;

  /* The request reaches the service when a slot takes it up; its work is timed from then,
   * however long the thread that does it takes to be scheduled. */
  call->taken_mono = g_get_monotonic_time ();
  call->taken_at = inflight_trace_now (self->trace);
  inflight_trace_arrive (self->trace, call->request_message);

  if (self->mode == INFLIGHT_SERVICE_TIMERS)
    {
      TimedWork *work = g_new0 (TimedWork, 1);

      work->task = task;
      work->span = inflight_trace_begin_span (self->trace, self->lane, call->slot, INFLIGHT_SPAN_WAITING);
      inflight_timer_clear (&call->step);
      call->step = inflight_timers_start (&self->timers, g_task_get_context (task), call->plan.work,
                                on_timed_work_done, work, timed_work_free);
      return;
    }

  if (self->idle_threads > 0)
    self->idle_threads--;
  else
    start_thread_locked (self);
  g_async_queue_push (self->jobs, task);
}

/* The request has travelled to the service: refused if it is down, else it waits for a slot. */
static void
on_request_delivered (gpointer data,
                      gboolean cancelled)
{
  GTask *task = data;
  InflightService *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&call->step, g_source_unref);

  /* The caller gave up while the request travelled: nobody waits for it any more. */
  if (call->abandoned)
    {
      g_mutex_unlock (&self->lock);
      return;
    }

  /* A cancel may land after this timer fired: a call queued then would wait for ever. */
  if (cancelled || self->cancelled)
    {
      schedule_step_locked (self, task, 0, on_cancelled_step);
      g_mutex_unlock (&self->lock);
      return;
    }

  /* A hung service says nothing: the request sits there, unanswered, until the outage is over.
   * (Taken down by hand, there is no end to wait for, so it refuses as before.) */
  if (self->hangs && !self->down && self->down_for > 0 && is_down_now_locked (self))
    {
      gint64 back = self->down_at + self->down_for - inflight_trace_now (self->trace);

      schedule_step_on_locked (self, self->network ? self->network : g_task_get_context (task),
                               task, MAX (back, 0), on_request_delivered);
    }
  else if (is_down_now_locked (self))
    {
      call->refused = TRUE;
      inflight_trace_arrive (self->trace, call->request_message);
      call->reply_message = inflight_trace_send (self->trace, call->request, INFLIGHT_MESSAGE_ERROR,
                                                 self->lane, call->from_lane);
      schedule_step_locked (self, task, call->plan.transit_out, on_reply_arrived);
    }
  else
    {
      self->outstanding++;
      if ((guint) g_bit_nth_lsf (~self->busy_slots, -1) < self->workers)
        dispatch_locked (self, g_object_ref (task));
      else
        {
          call->queued = TRUE;
          g_queue_push_tail (&self->waiting, g_object_ref (task));
        }
    }
  g_mutex_unlock (&self->lock);
}

/* On the caller's context: the caller stops waiting for this call. */
static void
on_call_timeout (gpointer data,
                 gboolean cancelled)
{
  GTask *task = data;
  InflightService *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  gint64 now;

  g_clear_pointer (&call->timeout_timer, g_source_unref);

  if (cancelled || call->returned)
    return;

  g_mutex_lock (&self->lock);
  call->abandoned = TRUE;
  if (call->queued)
    {
      g_queue_remove (&self->waiting, task);
      call->queued = FALSE;
      self->outstanding--;
      g_object_unref (task);
    }
  /* A journey under way is not finished: that message never arrives.
   * Work under way on a timer stops at once and frees its slot. */
  if (call->step != NULL)
    {
      InflightTimer *ts = (InflightTimer *) call->step;

      /* Whoever takes the step's function ends the work: this timeout, or the step firing
       * on the network thread at the same moment (a race ThreadSanitizer found when this
       * only compared it). */
      if (g_atomic_pointer_compare_and_exchange (&ts->func, (InflightTimerFunc) on_timed_work_done, NULL))
        {
          TimedWork *work = ts->data;

          inflight_trace_end_span (self->trace, work->span);
          release_slot_locked (self, call);
        }
    }
  inflight_timer_clear (&call->step);
  if (call->sleeper != NULL)
    g_cond_signal (call->sleeper);
  g_mutex_unlock (&self->lock);

  /* The caller's own timer, set when it sent the request, and its word to the service. */
  now = MAX (inflight_trace_now (self->trace), call->sent_at);
  inflight_trace_append_message (self->trace, call->request, INFLIGHT_MESSAGE_TIMEOUT,
                                 call->from_lane, call->from_lane, call->sent_at, now);
  inflight_trace_append_message (self->trace, call->request, INFLIGHT_MESSAGE_CANCEL,
                                 call->from_lane, self->lane, now, now);

  return_call (task, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                  _("Request %u timed out: the caller stopped waiting"),
                                  call->request));
}

static void
on_cancelled (GCancellable    *cancellable,
              InflightService *self)
{
  GList *waiting;

  g_mutex_lock (&self->lock);
  self->cancelled = TRUE;
  waiting = g_steal_pointer (&self->waiting.head);
  self->outstanding -= self->waiting.length;
  g_queue_init (&self->waiting);
  /* Each waiting call's reference passes to its last step: dropping it here, on whichever
   * thread cancels, could finalize the service inside its own "cancelled" handler. */
  for (GList *l = waiting; l != NULL; l = l->next)
    {
      GTask *task = l->data;
      Call *call = g_task_get_task_data (task);

      call->queued = FALSE;
      g_assert (call->step == NULL);
      call->step = inflight_timers_start (&self->timers, g_task_get_context (task), 0,
                                on_cancelled_step, task, g_object_unref);
    }
  for (GList *l = self->working; l != NULL; l = l->next)
    g_cond_signal (((Call *) g_task_get_task_data (l->data))->sleeper);
  g_mutex_unlock (&self->lock);

  /* Every journey, work or timeout under way ends now, as cancelled. */
  inflight_timers_fire_all (&self->timers);

  g_list_free (waiting);
}

/* Called with the lock held: the DOWN span follows the service's state now, whatever
 * brought it there; a timer that fires late cannot leave it half open. */
static void
update_down_span_locked (InflightService *self)
{
  gboolean down = is_down_now_locked (self);

  if (down && !self->down_span_open)
    self->down_span = inflight_trace_begin_span (self->trace, self->lane, 0, INFLIGHT_SPAN_DOWN);
  else if (!down && self->down_span_open)
    inflight_trace_end_span (self->trace, self->down_span);
  self->down_span_open = down;
}

static void
on_window_edge (gpointer data,
                gboolean cancelled)
{
  InflightService *self = data;

  if (cancelled)
    return;

  g_mutex_lock (&self->lock);
  update_down_span_locked (self);
  g_mutex_unlock (&self->lock);
}

static void
on_live_notify (InflightService  *self,
                GParamSpec       *pspec,
                InflightScenario *live)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "latency-ms"))
    inflight_service_set_latency_ms (self, inflight_scenario_get_latency_ms (live));
  else if (g_str_equal (name, "workers") && self->mode != INFLIGHT_SERVICE_TIMERS)
    inflight_service_set_workers (self, inflight_scenario_get_workers (live));
  else if (g_str_equal (name, "down"))
    inflight_service_set_down (self, inflight_scenario_get_down (live));
}

static void
inflight_service_dispose (GObject *object)
{
  InflightService *self = INFLIGHT_SERVICE (object);

  inflight_service_shutdown (self);

  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_id);
      self->cancelled_id = 0;
    }

  g_clear_object (&self->cancellable);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (inflight_service_parent_class)->dispose (object);
}

static void
inflight_service_finalize (GObject *object)
{
  InflightService *self = INFLIGHT_SERVICE (object);

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->threads, g_ptr_array_unref);
  g_clear_pointer (&self->home, g_main_context_unref);
  g_clear_pointer (&self->network, g_main_context_unref);
  inflight_timers_clear (&self->timers);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (inflight_service_parent_class)->finalize (object);
}

static void
inflight_service_class_init (InflightServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inflight_service_dispose;
  object_class->finalize = inflight_service_finalize;
}

static void
inflight_service_init (InflightService *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->waiting);
  inflight_timers_init (&self->timers);
  self->jobs = g_async_queue_new ();
  self->threads = g_ptr_array_new ();
  self->home = g_main_context_ref_thread_default ();
}

/**
 * inflight_service_new:
 * @scenario: every parameter is read once, now
 * @lane: the trace lane the service's work is recorded on
 * @mode: worker threads of its own, or timers on each caller's context
 * @cancellable: (nullable): the run's; every wait ends early when it fires
 *
 * The service's outage window is timed from the thread-default main context
 * of the caller, which must run until the service is shut down, and from
 * the trace's clock: start the trace right after.
 */
InflightService *
inflight_service_new (InflightScenario    *scenario,
                      InflightTrace       *trace,
                      guint                lane,
                      InflightServiceMode  mode,
                      GCancellable        *cancellable)
{
  InflightService *self;
  gint64 now;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (INFLIGHT_IS_TRACE (trace), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (INFLIGHT_TYPE_SERVICE, NULL);
  self->trace = g_object_ref (trace);
  self->lane = lane;
  self->mode = mode;
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  self->timers.cancellable = self->cancellable;
  self->latency_ms = inflight_scenario_get_latency_ms (scenario);
  self->jitter_pct = inflight_scenario_get_jitter_pct (scenario);
  self->failure_pct = inflight_scenario_get_failure_pct (scenario);
  self->seed = inflight_scenario_get_seed (scenario);
  /* Timers on one thread's context (an event loop) keep every call in flight at once: the
   * number of workers is for services with threads, and must not change what one thread does. */
  self->workers = mode == INFLIGHT_SERVICE_TIMERS ? MAX_SLOTS : MIN (inflight_scenario_get_workers (scenario), MAX_SLOTS);
  self->timeout = (gint64) inflight_scenario_get_timeout_ms (scenario) * 1000;
  self->down_at = (gint64) inflight_scenario_get_down_at_ms (scenario) * 1000;
  self->down_for = (gint64) inflight_scenario_get_down_for_ms (scenario) * 1000;
  self->hangs = inflight_scenario_get_hangs (scenario);
  self->cancelled_id = g_cancellable_connect (self->cancellable, G_CALLBACK (on_cancelled), self, NULL);

  /* Threads for as many calls as can be worked on at once, started before the run's clock
   * so that starting them is not counted as the service's work; and a thread for the
   * network, so that requests reach the service however busy their caller is. */
  if (mode == INFLIGHT_SERVICE_THREADS)
    {
      guint prestart = MIN (self->workers, inflight_scenario_get_requests (scenario));

      self->network = g_main_context_new ();
      self->network_thread = g_thread_new ("inflight-net", network_main, self);

      g_mutex_lock (&self->lock);
      for (guint i = 0; i < prestart; i++)
        start_thread_locked (self);
      self->idle_threads = prestart;
      g_mutex_unlock (&self->lock);
    }

  if (self->down_for > 0)
    {
      GMainContext *clock = self->network ? self->network : self->home;

      now = inflight_trace_now (trace);
      self->window_timers[0] = inflight_timers_start (&self->timers, clock, self->down_at - now,
                                            on_window_edge, self, NULL);
      self->window_timers[1] = inflight_timers_start (&self->timers, clock, self->down_at + self->down_for - now,
                                            on_window_edge, self, NULL);
    }

  if (inflight_scenario_get_down (scenario))
    inflight_service_set_down (self, TRUE);

  return self;
}

/**
 * inflight_service_plan:
 *
 * Draws how request @request will go, at the service's latency now.
 */
void
inflight_service_plan (InflightService  *self,
                       guint             request,
                       InflightCallPlan *plan)
{
  guint latency_ms;

  g_return_if_fail (INFLIGHT_IS_SERVICE (self));

  g_mutex_lock (&self->lock);
  latency_ms = self->latency_ms;
  g_mutex_unlock (&self->lock);

  inflight_call_plan_draw (plan, self->seed, request, latency_ms, self->jitter_pct, self->failure_pct);
}

/**
 * inflight_service_get_timeout:
 *
 * Returns: how long, in µs, callers wait before giving up; 0 for ever.
 */
gint64
inflight_service_get_timeout (InflightService *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), 0);

  return self->timeout;
}

/**
 * inflight_service_call_async:
 * @request: the request's number, from 1
 * @from_lane: the caller's lane, where the reply goes back to
 * @timeout_us: how long the caller waits before giving up, 0 for ever
 *
 * Sends a request now. It travels, waits for a free slot, is worked on, and
 * its reply travels back; @callback runs on the thread-default main context
 * of the caller when the reply arrives or the caller gives up.
 */
void
inflight_service_call_async (InflightService     *self,
                             guint                request,
                             guint                from_lane,
                             gint64               timeout_us,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (INFLIGHT_IS_SERVICE (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, inflight_service_call_async);
  g_task_set_name (task, "[inflight] service call");

  call = g_new0 (Call, 1);
  call->request = request;
  call->from_lane = from_lane;
  call->reply_message = G_MAXUINT;
  inflight_service_plan (self, request, &call->plan);
  g_task_set_task_data (task, call, g_free);

  call->sent_at = inflight_trace_now (self->trace);
  call->request_message = inflight_trace_append_message (self->trace, request, INFLIGHT_MESSAGE_REQUEST,
                                                         from_lane, self->lane,
                                                         call->sent_at, INFLIGHT_TIME_NONE);

  if (timeout_us > 0)
    call->timeout_timer = inflight_timers_start (&self->timers, g_task_get_context (task), timeout_us,
                                       on_call_timeout, g_object_ref (task), g_object_unref);

  g_mutex_lock (&self->lock);
  schedule_step_on_locked (self, self->network ? self->network : g_task_get_context (task),
                           task, call->plan.transit_in, on_request_delivered);
  g_mutex_unlock (&self->lock);
}

gboolean
inflight_service_call_finish (InflightService  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sync_call_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * inflight_service_call:
 *
 * Makes a call and blocks the calling thread until the reply arrives or the
 * caller gives up: the thread sleeps in its own main context's poll and does
 * nothing else.
 */
gboolean
inflight_service_call (InflightService  *self,
                       guint             request,
                       guint             from_lane,
                       gint64            timeout_us,
                       GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ret;

  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), FALSE);

  g_main_context_push_thread_default (context);
  inflight_service_call_async (self, request, from_lane, timeout_us, sync_call_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  ret = inflight_service_call_finish (self, result, error);
  g_main_context_pop_thread_default (context);

  return ret;
}

/**
 * inflight_service_follow:
 * @live: the scenario the learner edits during the run
 *
 * Applies changes of latency, workers and down in @live to requests not
 * yet started, until the service is shut down. Call on @live's thread.
 */
void
inflight_service_follow (InflightService  *self,
                         InflightScenario *live)
{
  g_return_if_fail (INFLIGHT_IS_SERVICE (self));
  g_return_if_fail (INFLIGHT_IS_SCENARIO (live));
  g_return_if_fail (self->live == NULL);

  self->live = g_object_ref (live);
  g_signal_connect_object (live, "notify", G_CALLBACK (on_live_notify), self, G_CONNECT_SWAPPED);
}

void
inflight_service_set_latency_ms (InflightService *self,
                                 guint            latency_ms)
{
  g_return_if_fail (INFLIGHT_IS_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->latency_ms = latency_ms;
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_service_set_workers:
 *
 * Changes the number of slots. Work under way goes on; calls waiting take up
 * new slots at once.
 */
void
inflight_service_set_workers (InflightService *self,
                              guint            workers)
{
  g_return_if_fail (INFLIGHT_IS_SERVICE (self));
  g_return_if_fail (workers >= 1);

  g_mutex_lock (&self->lock);
  self->workers = MIN (workers, MAX_SLOTS);
  while (!self->cancelled && !g_queue_is_empty (&self->waiting) &&
         (guint) g_bit_nth_lsf (~self->busy_slots, -1) < self->workers)
    dispatch_locked (self, g_queue_pop_head (&self->waiting));
  g_mutex_unlock (&self->lock);
}

/**
 * inflight_service_set_down:
 *
 * Takes the service down, or brings it back. While down, requests that
 * arrive are refused at once; work under way goes on.
 */
void
inflight_service_set_down (InflightService *self,
                           gboolean         down)
{
  g_return_if_fail (INFLIGHT_IS_SERVICE (self));

  g_mutex_lock (&self->lock);
  self->down = !!down;
  update_down_span_locked (self);
  g_mutex_unlock (&self->lock);
}

gboolean
inflight_service_is_down (InflightService *self)
{
  gboolean ret;

  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), FALSE);

  g_mutex_lock (&self->lock);
  ret = is_down_now_locked (self);
  g_mutex_unlock (&self->lock);

  return ret;
}

/**
 * inflight_service_shutdown:
 *
 * Waits for the work handed to the service, then stops and joins its
 * threads and forgets the scenario it followed. Call it once every call
 * has completed, on the context the service was made on.
 */
void
inflight_service_shutdown (InflightService *self)
{
  g_return_if_fail (INFLIGHT_IS_SERVICE (self));

  if (self->stopping)
    return;
  self->stopping = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (self->window_timers); i++)
    inflight_timer_clear (&self->window_timers[i]);

  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      g_clear_object (&self->live);
    }

  g_mutex_lock (&self->lock);
  while (self->outstanding > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < self->threads->len; i++)
    g_async_queue_push (self->jobs, &stop_job);
  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (g_ptr_array_index (self->threads, i));
  g_ptr_array_set_size (self->threads, 0);

  if (self->network_thread != NULL)
    {
      g_atomic_int_set (&self->network_stop, TRUE);
      g_main_context_wakeup (self->network);
      g_thread_join (g_steal_pointer (&self->network_thread));
    }
}

/**
 * inflight_service_get_threads_started:
 *
 * Returns: how many worker threads the service has started and not yet joined.
 */
guint
inflight_service_get_threads_started (InflightService *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), 0);

  return self->threads->len;
}
