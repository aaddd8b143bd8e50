/* inflight-service.c
 * The callee: its own worker threads really sleep through each request's work.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-service"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-service.h"

struct _InflightService
{
  GObject       parent_instance;

  InflightTrace *trace;
  GCancellable  *cancellable;
  gulong         cancelled_id;
  guint          lane;

  guint          latency_ms;
  guint          jitter_pct;
  guint          failure_pct;
  guint          seed;
  guint          workers;

  GAsyncQueue   *jobs;
  GPtrArray     *threads;

  GMutex         lock;
  GCond          cond;
  gboolean       cancelled;
  guint          outstanding;     /* jobs pushed and not yet done */
  guint          threads_running;
};

typedef struct
{
  guint            request;
  guint            from_lane;
  guint            request_message;
  guint            reply_message;
  InflightCallPlan plan;
} Call;

typedef struct
{
  InflightService *service;
  guint            index;
} Worker;

/* A timer on a caller's context that also fires, early, when the run is cancelled. */
typedef void (*DelayFunc) (GTask    *task,
                           gboolean  cancelled);

typedef struct
{
  GSource       source;
  GCancellable *cancellable;
  DelayFunc     func;
  GTask        *task;
} DelaySource;

G_DEFINE_FINAL_TYPE (InflightService, inflight_service, G_TYPE_OBJECT)

/* Pushed once per thread to make it leave its loop. */
static int stop_job;

static gboolean
delay_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  DelaySource *ds = (DelaySource *) source;
  g_autoptr(GTask) task = g_steal_pointer (&ds->task);

  if (task != NULL)
    ds->func (task, g_cancellable_is_cancelled (ds->cancellable));

  return G_SOURCE_REMOVE;
}

static void
delay_source_finalize (GSource *source)
{
  DelaySource *ds = (DelaySource *) source;

  g_clear_object (&ds->task);
  g_clear_object (&ds->cancellable);
}

static GSourceFuncs delay_source_funcs = {
  .dispatch = delay_source_dispatch,
  .finalize = delay_source_finalize,
};

/* Calls @func on @task's context after @delay µs, or as soon as @cancellable fires. */
static void
run_after (GTask        *task,
           gint64        delay,
           GCancellable *cancellable,
           DelayFunc     func)
{
  GSource *source = g_source_new (&delay_source_funcs, sizeof (DelaySource));
  DelaySource *ds = (DelaySource *) source;

  ds->cancellable = g_object_ref (cancellable);
  ds->func = func;
  ds->task = g_object_ref (task);

  if (cancellable != NULL)
    {
      g_autoptr(GSource) child = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (child);
      g_source_add_child_source (source, child);
    }

  g_source_set_static_name (source, "[inflight] transit");
  g_source_set_ready_time (source, g_get_monotonic_time () + MAX (delay, 0));
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The run was stopped"));
}

/* Sleeps the calling worker thread for @us, waking early if the run is cancelled. */
static gboolean
sleep_for (InflightService *self,
           gint64           us)
{
  gint64 end = g_get_monotonic_time () + us;
  gboolean ret;

  g_mutex_lock (&self->lock);
  while (!self->cancelled && g_get_monotonic_time () < end)
    g_cond_wait_until (&self->cond, &self->lock, end);
  ret = !self->cancelled;
  g_mutex_unlock (&self->lock);

  return ret;
}

static void
job_done (InflightService *self)
{
  g_mutex_lock (&self->lock);
  g_assert (self->outstanding > 0);
  self->outstanding--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
on_reply_arrived (GTask    *task,
                  gboolean  cancelled)
{
  InflightService *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (cancelled)
    {
      return_cancelled (task);
      return;
    }

  inflight_trace_arrive (self->trace, call->reply_message);

  if (call->plan.fails)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Request %u failed: the service could not do it"),
                             call->request);
  else
    g_task_return_boolean (task, TRUE);
}

/* Runs on a worker thread: the service really is busy for the request's work. */
static void
process (InflightService *self,
         guint            slot,
         GTask           *task)
{
  Call *call = g_task_get_task_data (task);
  InflightMessageKind kind;
  guint span;
  gboolean finished;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      return_cancelled (task);
      return;
    }

  inflight_trace_arrive (self->trace, call->request_message);
  span = inflight_trace_begin_span (self->trace, self->lane, slot, INFLIGHT_SPAN_WORKING);
  finished = sleep_for (self, call->plan.work);
  inflight_trace_end_span (self->trace, span);

  if (!finished)
    {
      return_cancelled (task);
      return;
    }

  kind = call->plan.fails ? INFLIGHT_MESSAGE_ERROR : INFLIGHT_MESSAGE_REPLY;
  call->reply_message = inflight_trace_send (self->trace, call->request, kind,
                                             self->lane, call->from_lane);
  run_after (task, call->plan.transit_out, self->cancellable, on_reply_arrived);
}

static gpointer
worker_main (gpointer data)
{
  g_autofree Worker *worker = data;
  InflightService *self = worker->service;

  for (;;)
    {
      gpointer job = g_async_queue_pop (self->jobs);

      if (job == &stop_job)
        break;

      process (self, worker->index, job);
      g_object_unref (job);
      job_done (self);
    }

  g_mutex_lock (&self->lock);
  self->threads_running--;
  g_mutex_unlock (&self->lock);

  return NULL;
}

/* Called with the lock held: starts another thread when every one is busy. */
static void
maybe_start_thread_locked (InflightService *self)
{
  Worker *worker;
  g_autofree char *name = NULL;

  if (self->outstanding <= self->threads->len || self->threads->len >= self->workers)
    return;

  worker = g_new0 (Worker, 1);
  worker->service = self;
  worker->index = self->threads->len;
  name = g_strdup_printf ("inflight-svc-%u", worker->index);
  g_ptr_array_add (self->threads, g_thread_new (name, worker_main, worker));
  self->threads_running++;
}

static void
on_request_delivered (GTask    *task,
                      gboolean  cancelled)
{
  InflightService *self = g_task_get_source_object (task);

  if (cancelled)
    {
      return_cancelled (task);
      return;
    }

  g_mutex_lock (&self->lock);
  self->outstanding++;
  maybe_start_thread_locked (self);
  g_mutex_unlock (&self->lock);

  g_async_queue_push (self->jobs, g_object_ref (task));
}

static void
on_cancelled (GCancellable    *cancellable,
              InflightService *self)
{
  g_mutex_lock (&self->lock);
  self->cancelled = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
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
  self->jobs = g_async_queue_new ();
  self->threads = g_ptr_array_new ();
}

/**
 * inflight_service_new:
 * @scenario: latency, jitter, workers, failure rate and seed are read once, now
 * @lane: the trace lane the service's work is recorded on
 * @cancellable: (nullable): the run's; every wait ends early when it fires
 */
InflightService *
inflight_service_new (InflightScenario *scenario,
                      InflightTrace    *trace,
                      guint             lane,
                      GCancellable     *cancellable)
{
  InflightService *self;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (INFLIGHT_IS_TRACE (trace), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (INFLIGHT_TYPE_SERVICE, NULL);
  self->trace = g_object_ref (trace);
  self->lane = lane;
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  self->latency_ms = inflight_scenario_get_latency_ms (scenario);
  self->jitter_pct = inflight_scenario_get_jitter_pct (scenario);
  self->failure_pct = inflight_scenario_get_failure_pct (scenario);
  self->seed = inflight_scenario_get_seed (scenario);
  self->workers = inflight_scenario_get_workers (scenario);
  self->cancelled_id = g_cancellable_connect (self->cancellable,
                                              G_CALLBACK (on_cancelled),
                                              self, NULL);

  return self;
}

/* One part of the latency, stretched or shrunk by up to the jitter. */
static gint64
jittered (GRand  *rand,
          double  base_us,
          guint   jitter_pct)
{
  double factor = 1.0 + (jitter_pct / 100.0) * (2.0 * g_rand_double (rand) - 1.0);

  return (gint64) (base_us * MAX (factor, 0.0));
}

/**
 * inflight_service_plan:
 *
 * Draws how request @request will go. The same seed and request number
 * always give the same plan, in whatever order requests are made.
 */
void
inflight_service_plan (InflightService  *self,
                       guint             request,
                       InflightCallPlan *plan)
{
  g_autoptr(GRand) rand = NULL;
  double latency_us;

  g_return_if_fail (INFLIGHT_IS_SERVICE (self));
  g_return_if_fail (plan != NULL);

  rand = g_rand_new_with_seed (self->seed * 2654435761u ^ (request * 40503u + 1));
  latency_us = self->latency_ms * 1000.0;

  plan->transit_in = jittered (rand, latency_us * INFLIGHT_TRANSIT_SHARE, self->jitter_pct);
  plan->work = jittered (rand, latency_us * (1.0 - 2 * INFLIGHT_TRANSIT_SHARE), self->jitter_pct);
  plan->transit_out = jittered (rand, latency_us * INFLIGHT_TRANSIT_SHARE, self->jitter_pct);
  plan->fails = g_rand_double_range (rand, 0, 100) < self->failure_pct;
}

/**
 * inflight_service_call_async:
 * @request: the request's number, from 1
 * @from_lane: the caller's lane, where the reply goes back to
 *
 * Sends a request now. It travels, is worked on by one of the service's
 * threads, and its reply travels back; @callback runs on the thread-default
 * main context of the caller when the reply arrives.
 */
void
inflight_service_call_async (InflightService     *self,
                             guint                request,
                             guint                from_lane,
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
  inflight_service_plan (self, request, &call->plan);
  g_task_set_task_data (task, call, g_free);

  call->request_message = inflight_trace_send (self->trace, request, INFLIGHT_MESSAGE_REQUEST,
                                               from_lane, self->lane);
  run_after (task, call->plan.transit_in, self->cancellable, on_request_delivered);
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
 * Makes a call and blocks the calling thread until the reply arrives: the
 * thread sleeps in its own main context's poll and does nothing else.
 */
gboolean
inflight_service_call (InflightService  *self,
                       guint             request,
                       guint             from_lane,
                       GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ret;

  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), FALSE);

  g_main_context_push_thread_default (context);
  inflight_service_call_async (self, request, from_lane, sync_call_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  ret = inflight_service_call_finish (self, result, error);
  g_main_context_pop_thread_default (context);

  return ret;
}

/**
 * inflight_service_shutdown:
 *
 * Waits for every request handed to the worker threads, then stops and joins
 * them. Requests still travelling towards the service are not waited for:
 * call this once every call has completed.
 */
void
inflight_service_shutdown (InflightService *self)
{
  g_return_if_fail (INFLIGHT_IS_SERVICE (self));

  if (self->threads == NULL)
    return;

  g_mutex_lock (&self->lock);
  while (self->outstanding > 0)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < self->threads->len; i++)
    g_async_queue_push (self->jobs, &stop_job);

  for (guint i = 0; i < self->threads->len; i++)
    g_thread_join (g_ptr_array_index (self->threads, i));

  g_ptr_array_set_size (self->threads, 0);
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

/**
 * inflight_service_get_threads_running:
 *
 * Returns: how many of the service's threads are still inside their loop.
 */
guint
inflight_service_get_threads_running (InflightService *self)
{
  guint ret;

  g_return_val_if_fail (INFLIGHT_IS_SERVICE (self), 0);

  g_mutex_lock (&self->lock);
  ret = self->threads_running;
  g_mutex_unlock (&self->lock);

  return ret;
}
