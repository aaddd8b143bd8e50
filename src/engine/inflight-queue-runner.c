/* inflight-queue-runner.c
 * A message queue: the caller drops every request on a real GAsyncQueue and is free at once:
 * its thread runs a main context of its own, doing work of its own in slices, and takes each
 * reply from its replies queue as it comes, through a source on that context. Worker threads
 * take requests off the queue, one at a time each, and wait for the work to be done.
 * Workers can be taken down and brought back, or added and removed, during the run: the
 * requests wait safely in the queue meanwhile. The caller can be taken down too: its replies
 * wait in its replies queue until it is back, and none is lost.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-queue-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-caller-outage.h"
#include "inflight-caller-work.h"
#include "inflight-code.h"
#include "inflight-queue-runner.h"
#include "inflight-runner-private.h"

#define MAX_WORKERS INFLIGHT_WORKERS_MAX

/* Tokens that are not request numbers (those start at 1). */
#define STOP_TOKEN   GUINT_TO_POINTER (G_MAXUINT)
#define WAKE_TOKEN   GUINT_TO_POINTER (G_MAXUINT)

struct _InflightQueueRunner
{
  InflightRunner parent_instance;
};

typedef struct QueueRun QueueRun;

typedef struct
{
  QueueRun *state;
  GThread  *thread;
  guint     index;
  guint     lane;
} Worker;

struct QueueRun
{
  GTask         *task;
  InflightTrace *trace;
  GAsyncQueue   *jobs;        /* request numbers */
  GAsyncQueue   *replies;     /* reply message ids + 1, or WAKE_TOKEN */
  GMainContext  *caller_context;
  InflightCallerOutage *outage;
  GThread       *caller;
  Worker        *workers[MAX_WORKERS];
  gulong         cancelled_id;
  guint          caller_lane;
  guint          queue_lane;

  /* Fixed for the run. */
  guint          requests;
  guint          jitter_pct;
  guint          failure_pct;
  guint          seed;
  gint64         down_at;
  gint64         down_for;

  /* Changed live; read without the lock on the workers' fast path. */
  gint           latency_ms;
  gint           live_workers;
  gint           down;
  gint           stopping;

  GMutex         lock;
  GCond          cond;
  guint          n_workers;   /* threads started, under the lock */
};

G_DEFINE_FINAL_TYPE (InflightQueueRunner, inflight_queue_runner, INFLIGHT_TYPE_RUNNER)

static gpointer worker_main (gpointer data);

static gboolean
in_window (QueueRun *state,
           gint64    now)
{
  return state->down_for > 0 && now >= state->down_at && now < state->down_at + state->down_for;
}

static gboolean
is_down (QueueRun *state)
{
  return g_atomic_int_get (&state->down) ||
         (state->down_for > 0 && in_window (state, inflight_trace_now (state->trace)));
}

/* Whether @worker must hold off taking requests now. */
static gboolean
must_wait (QueueRun *state,
           Worker   *worker)
{
  return !g_atomic_int_get (&state->stopping) &&
         ((gint) worker->index >= g_atomic_int_get (&state->live_workers) || is_down (state));
}

/* Holds a worker back while it is down or not wanted, recording the outage on its lane. */
static void
hold_back (QueueRun *state,
           Worker   *worker)
{
  gboolean down_span_open = FALSE;
  guint span = 0;

  g_mutex_lock (&state->lock);
  while (must_wait (state, worker))
    {
      gint64 now = inflight_trace_now (state->trace);
      gboolean down = is_down (state);

      if (down && !down_span_open)
        span = inflight_trace_begin_span (state->trace, worker->lane, 0, INFLIGHT_SPAN_DOWN);
      else if (!down && down_span_open)
        inflight_trace_end_span (state->trace, span);
      down_span_open = down;

      /* The outage window ends by itself; anything else is signalled. */
      if (in_window (state, now) && !g_atomic_int_get (&state->down))
        g_cond_wait_until (&state->cond, &state->lock,
                           g_get_monotonic_time () + (state->down_at + state->down_for - now));
      else
        g_cond_wait (&state->cond, &state->lock);
    }
  g_mutex_unlock (&state->lock);

  if (down_span_open)
    inflight_trace_end_span (state->trace, span);
}

/* Sleeps for the request's work, waking early if the run stops. */
static gboolean
work_for (QueueRun *state,
          gint64    us)
{
  gint64 end = g_get_monotonic_time () + us;

  if (us <= 0)
    return !g_atomic_int_get (&state->stopping);

  g_mutex_lock (&state->lock);
  while (!g_atomic_int_get (&state->stopping) && g_get_monotonic_time () < end)
    g_cond_wait_until (&state->cond, &state->lock, end);
  g_mutex_unlock (&state->lock);

  return !g_atomic_int_get (&state->stopping);
}

/* listing: begin */
static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  QueueRun *state = worker->state;

  for (;;)
    {
      InflightCallPlan plan;
      gpointer job;
      guint request, span, reply;

      if (must_wait (state, worker))
        hold_back (state, worker);

      /* Sleeps until a request is on the queue, then takes it: one worker gets each. */
      inflight_trace_reach (state->trace, worker->lane, INFLIGHT_CODE_POP, 0);
      job = g_async_queue_pop (state->jobs);
      if (job == STOP_TOKEN || g_atomic_int_get (&state->stopping))
        break;

      /* Taken down, or let go, while waiting for work: the request goes back first in line. */
      if (must_wait (state, worker))
        {
          g_async_queue_push_front (state->jobs, job);
          continue;
        }

      request = GPOINTER_TO_UINT (job);
      inflight_call_plan_draw (&plan, state->seed, request, g_atomic_int_get (&state->latency_ms),
                               state->jitter_pct, state->failure_pct);

      inflight_trace_reach (state->trace, worker->lane, INFLIGHT_CODE_SERVE, request);
      span = inflight_trace_hand_over (state->trace, request, INFLIGHT_MESSAGE_DEQUEUE,
                                       state->queue_lane, worker->lane, 0, INFLIGHT_SPAN_WAITING);
      if (!work_for (state, inflight_call_plan_total (&plan)))
        {
          inflight_trace_end_span (state->trace, span);
          break;
        }

      reply = inflight_trace_end_span_and_send (state->trace, span, request,
                                                plan.fails ? INFLIGHT_MESSAGE_ERROR : INFLIGHT_MESSAGE_REPLY,
                                                worker->lane, state->caller_lane);
      inflight_trace_reach (state->trace, worker->lane, INFLIGHT_CODE_PUSH_REPLY, request);
      g_async_queue_push (state->replies, GUINT_TO_POINTER (reply + 1));
      g_main_context_wakeup (state->caller_context);
    }

  return NULL;
}
/* listing: end */

/* Called with the lock held: starts workers up to the number wanted. */
static void
start_workers_locked (QueueRun *state)
{
  guint wanted = MIN ((guint) g_atomic_int_get (&state->live_workers), MAX_WORKERS);

  while (state->n_workers < wanted)
    {
      Worker *worker = g_new0 (Worker, 1);
      g_autofree char *label = g_strdup_printf (_("Worker %u"), state->n_workers + 1);
      g_autofree char *name = g_strdup_printf ("inflight-wrk-%u", state->n_workers);

      worker->state = state;
      worker->index = state->n_workers;
      worker->lane = inflight_trace_add_lane (state->trace, INFLIGHT_LANE_WORKER, label);
      worker->thread = g_thread_new (name, worker_main, worker);
      state->workers[state->n_workers++] = worker;
    }
}

static void
on_live_notify (QueueRun         *state,
                GParamSpec       *pspec,
                InflightScenario *live)
{
  g_mutex_lock (&state->lock);
  g_atomic_int_set (&state->latency_ms, inflight_scenario_get_latency_ms (live));
  g_atomic_int_set (&state->live_workers, inflight_scenario_get_workers (live));
  g_atomic_int_set (&state->down, inflight_scenario_get_down (live));
  start_workers_locked (state);
  g_cond_broadcast (&state->cond);
  g_mutex_unlock (&state->lock);
}

static void
on_cancelled (GCancellable *cancellable,
              QueueRun     *state)
{
  g_mutex_lock (&state->lock);
  g_atomic_int_set (&state->stopping, TRUE);
  g_cond_broadcast (&state->cond);
  g_mutex_unlock (&state->lock);

  g_async_queue_push (state->replies, WAKE_TOKEN);
  g_main_context_wakeup (state->caller_context);
}

/* On the run's context, once the caller has every reply, or the run was stopped. */
static gboolean
caller_done_cb (gpointer data)
{
  QueueRun *state = data;
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autoptr(GTask) task = g_steal_pointer (&state->task);

  g_thread_join (g_steal_pointer (&state->caller));
  g_clear_pointer (&state->outage, inflight_caller_outage_free);
  g_signal_handlers_disconnect_by_data (run->live, state);
  g_cancellable_disconnect (g_task_get_cancellable (task), state->cancelled_id);

  g_mutex_lock (&state->lock);
  g_atomic_int_set (&state->stopping, TRUE);
  g_cond_broadcast (&state->cond);
  g_mutex_unlock (&state->lock);

  for (guint i = 0; i < state->n_workers; i++)
    g_async_queue_push_front (state->jobs, STOP_TOKEN);
  for (guint i = 0; i < state->n_workers; i++)
    {
      g_thread_join (state->workers[i]->thread);
      g_free (state->workers[i]);
    }

  g_async_queue_unref (state->jobs);
  g_async_queue_unref (state->replies);
  g_main_context_unref (state->caller_context);
  g_object_unref (state->trace);
  g_mutex_clear (&state->lock);
  g_cond_clear (&state->cond);
  g_free (state);

  inflight_runner_return (task, NULL);

  return G_SOURCE_REMOVE;
}

/* A source that is ready while the caller's replies queue holds something: the caller's
 * context takes replies up as they come, between whatever else it does. */
typedef struct
{
  GSource               source;
  GAsyncQueue          *replies;
  InflightCallerOutage *outage;   /* a caller that is down takes nothing in */
} RepliesSource;

static gboolean
replies_ready (GSource *source)
{
  RepliesSource *self = (RepliesSource *) source;

  return !inflight_caller_outage_is_down (self->outage) && g_async_queue_length (self->replies) > 0;
}

static gboolean
replies_prepare (GSource *source,
                 gint    *timeout)
{
  *timeout = -1;
  return replies_ready (source);
}

static gboolean
replies_dispatch (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     data)
{
  return callback (data);
}

static GSourceFuncs replies_funcs = { replies_prepare, replies_ready, replies_dispatch, NULL, NULL, NULL };

typedef struct
{
  QueueRun *state;
  guint     received;
  gboolean  woken;
} Taker;

/* listing: begin */
/* On the caller's thread: every reply waiting in its queue, taken in. */
static gboolean
take_replies_cb (gpointer data)
{
  Taker *taker = data;
  gpointer token;

  inflight_trace_reach (taker->state->trace, taker->state->caller_lane, INFLIGHT_CODE_TAKE_REPLY, 0);
  while ((token = g_async_queue_try_pop (taker->state->replies)) != NULL)
    {
      if (token == WAKE_TOKEN)
        {
          taker->woken = TRUE;
          continue;
        }
      inflight_trace_arrive (taker->state->trace, GPOINTER_TO_UINT (token) - 1);
      taker->received++;
    }

  inflight_trace_reach (taker->state->trace, taker->state->caller_lane, INFLIGHT_CODE_RETURN, 0);
  return G_SOURCE_CONTINUE;
}
/* listing: end */

/* The caller: drops every request on the queue, and is free from then on. It does work of its
 * own, in slices on its main context, and takes the replies in as they come. While it is down
 * it does nothing at all, and its replies wait in their queue. */
static gpointer
caller_main (gpointer data)
{
  QueueRun *state = data;
  Taker taker = { state, 0, FALSE };
  GCancellable *cancellable = g_task_get_cancellable (state->task);
  InflightCallerWork *work;
  GSource *source;
  gboolean paused = FALSE;

  g_main_context_push_thread_default (state->caller_context);
  inflight_caller_outage_wait_up (state->outage, state->caller_context, cancellable);

  /* listing: begin */
  for (guint i = 1; i <= state->requests && !g_atomic_int_get (&state->stopping); i++)
    {
      inflight_trace_reach (state->trace, state->caller_lane, INFLIGHT_CODE_PUSH, i);
      inflight_trace_post (state->trace, i, INFLIGHT_MESSAGE_ENQUEUE, state->caller_lane, state->queue_lane);
      g_async_queue_push (state->jobs, GUINT_TO_POINTER (i));
    }

  inflight_trace_reach (state->trace, state->caller_lane, INFLIGHT_CODE_CARRY_ON, 0);
  work = inflight_caller_work_start (state->trace, state->caller_lane, state->caller_context);
  source = g_source_new (&replies_funcs, sizeof (RepliesSource));
  ((RepliesSource *) source)->replies = state->replies;
  ((RepliesSource *) source)->outage = state->outage;
  g_source_set_static_name (source, "[inflight] caller's replies");
  g_source_set_callback (source, take_replies_cb, &taker, NULL);
  g_source_attach (source, state->caller_context);

  while (taker.received < state->requests && !taker.woken && !g_cancellable_is_cancelled (cancellable))
    {
      gboolean down = inflight_caller_outage_is_down (state->outage);

      if (down && !paused)
        inflight_caller_work_pause (work);
      else if (!down && paused)
        inflight_caller_work_resume (work, state->caller_context);
      paused = down;

      g_main_context_iteration (state->caller_context, TRUE);
    }
  /* listing: end */

  g_source_destroy (source);
  g_source_unref (source);
  inflight_caller_work_free (work);
  inflight_caller_outage_set_context (state->outage, NULL);
  g_main_context_pop_thread_default (state->caller_context);

  /* The run ends with its last reply; stopping the workers afterwards is not part of it. */
  inflight_trace_finish (state->trace);
  inflight_runner_complete_on (state->task, caller_done_cb, state);

  return NULL;
}

static void
inflight_queue_runner_run (InflightRunner *runner,
                           GTask          *task)
{
  InflightRun *run = inflight_runner_get_run (task);
  QueueRun *state = g_new0 (QueueRun, 1);

  state->task = g_object_ref (task);
  state->trace = g_object_ref (run->trace);
  state->jobs = g_async_queue_new ();
  state->replies = g_async_queue_new ();
  state->caller_context = g_main_context_new ();
  g_mutex_init (&state->lock);
  g_cond_init (&state->cond);

  state->requests = inflight_scenario_get_requests (run->scenario);
  state->jitter_pct = inflight_scenario_get_jitter_pct (run->scenario);
  state->failure_pct = inflight_scenario_get_failure_pct (run->scenario);
  state->seed = inflight_scenario_get_seed (run->scenario);
  state->down_at = (gint64) inflight_scenario_get_down_at_ms (run->scenario) * 1000;
  state->down_for = (gint64) inflight_scenario_get_down_for_ms (run->scenario) * 1000;
  state->latency_ms = inflight_scenario_get_latency_ms (run->scenario);
  state->live_workers = inflight_scenario_get_workers (run->scenario);
  state->down = inflight_scenario_get_down (run->scenario);

  state->caller_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_CALLER, _("Caller thread"));
  state->queue_lane = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_QUEUE, _("Queue"));
  inflight_trace_start (run->trace);
  state->outage = inflight_caller_outage_new (run->scenario, run->live, run->trace, state->caller_lane,
                                              g_task_get_cancellable (task));
  inflight_caller_outage_set_context (state->outage, state->caller_context);

  g_mutex_lock (&state->lock);
  start_workers_locked (state);
  g_mutex_unlock (&state->lock);

  g_signal_connect_swapped (run->live, "notify", G_CALLBACK (on_live_notify), state);
  state->cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                               G_CALLBACK (on_cancelled), state, NULL);
  state->caller = g_thread_new ("inflight-caller", caller_main, state);
}

static void
inflight_queue_runner_class_init (InflightQueueRunnerClass *klass)
{
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  runner_class->run = inflight_queue_runner_run;
}

static void
inflight_queue_runner_init (InflightQueueRunner *self)
{
}
