/* inflight-callback-runner.c
 * Asynchronous calls: the caller fires every request, goes on with other work, and each reply
 * calls it back on its own main context. A callback may start the next call of a chain.
 * On one thread, the same runs as an event loop: the service's work is timers on the
 * caller's context too, and the run starts no thread at all.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-callback-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-callback-runner.h"
#include "inflight-caller-work.h"
#include "inflight-code.h"
#include "inflight-runner-private.h"

struct _InflightCallbackRunner
{
  InflightRunner parent_instance;

  gboolean       one_thread;
};

typedef struct
{
  GTask              *task;
  InflightService    *service;
  InflightCallerWork *work;
  guint               caller_lane;
  guint               requests;
  guint               depth;
  guint               chains_open;
  gint64              timeout;
} CallbackRun;

/* Which call of which chain a callback answers. */
typedef struct
{
  CallbackRun *state;
  guint        chain;   /* from 1 */
  guint        step;    /* from 1 */
} Link;

G_DEFINE_FINAL_TYPE (InflightCallbackRunner, inflight_callback_runner, INFLIGHT_TYPE_RUNNER)

enum {
  PROP_0,
  PROP_ONE_THREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_reply_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data);

/* listing: begin */
/* Chain c's step s is request c + (s − 1)·n: the first round keeps the numbers 1 … n. */
static void
start_call (CallbackRun *state,
            guint        chain,
            guint        step)
{
  Link *link = g_new0 (Link, 1);
  guint request = chain + (step - 1) * state->requests;

  link->state = state;
  link->chain = chain;
  link->step = step;
  inflight_trace_reach (inflight_runner_get_run (state->task)->trace, state->caller_lane, INFLIGHT_CODE_CALL, request);
  inflight_service_call_async (state->service, request,
                               state->caller_lane, state->timeout, on_reply_cb, link);
}
/* listing: end */

static void
finish_run (CallbackRun *state)
{
  g_autoptr(GTask) task = g_steal_pointer (&state->task);

  inflight_caller_work_stop (state->work);
  inflight_trace_finish (inflight_runner_get_run (task)->trace);
  inflight_service_shutdown (state->service);
  g_clear_object (&state->service);
  g_clear_pointer (&state->work, inflight_caller_work_free);
  g_free (state);

  inflight_runner_return (task, NULL);
}

static void
record_failure (InflightRun  *run,
                guint         lane,
                const GError *error)
{
  g_autofree char *label = NULL;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  label = g_strdup_printf (_("callback: %s"), error->message);
  inflight_trace_add_mark (run->trace, lane, label);
}

/* listing: begin */
/* The callback: runs on the caller's main context when a reply arrives. */
static void
on_reply_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree Link *link = user_data;
  CallbackRun *state = link->state;
  InflightRun *run = inflight_runner_get_run (state->task);
  g_autoptr(GError) error = NULL;

  inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_CALLBACK,
                        link->chain + (link->step - 1) * state->requests);
  inflight_service_call_finish (INFLIGHT_SERVICE (object), result, &error);
  record_failure (run, state->caller_lane, error);

  /* A chain goes on from inside the callback, unless this call went wrong. */
  if (error == NULL && link->step < state->depth)
    {
      inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_NEXT_CALL, 0);
      start_call (state, link->chain, link->step + 1);
      inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_RETURN, 0);
      return;
    }

  inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_RETURN, 0);
  if (--state->chains_open == 0)
    finish_run (state);
}
/* listing: end */

static void
inflight_callback_runner_run (InflightRunner *runner,
                              GTask          *task)
{
  InflightCallbackRunner *self = INFLIGHT_CALLBACK_RUNNER (runner);
  InflightRun *run = inflight_runner_get_run (task);
  CallbackRun *state = g_new0 (CallbackRun, 1);

  state->task = g_object_ref (task);
  state->requests = inflight_scenario_get_requests (run->scenario);
  state->depth = inflight_scenario_get_chain_depth (run->scenario);
  state->chains_open = state->requests;
  if (self->one_thread)
    state->service = inflight_runner_start_service (task, INFLIGHT_LANE_EVENT_LOOP, _("Event loop (one thread)"),
                                                    INFLIGHT_SERVICE_TIMERS, &state->caller_lane);
  else
    state->service = inflight_runner_start_service (task, INFLIGHT_LANE_CALLER, _("Caller (main loop)"),
                                                    INFLIGHT_SERVICE_THREADS, &state->caller_lane);
  state->timeout = inflight_service_get_timeout (state->service);

  /* listing: begin */
  for (guint i = 1; i <= state->requests; i++)
    start_call (state, i, 1);

  /* Nothing to wait for: the caller carries on with its own work. */
  inflight_trace_reach (run->trace, state->caller_lane, INFLIGHT_CODE_CARRY_ON, 0);
  state->work = inflight_caller_work_start (run->trace, state->caller_lane, g_task_get_context (task));
  /* listing: end */
}

static void
inflight_callback_runner_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  InflightCallbackRunner *self = INFLIGHT_CALLBACK_RUNNER (object);

  switch (prop_id)
    {
    case PROP_ONE_THREAD:
      g_value_set_boolean (value, self->one_thread);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_callback_runner_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  InflightCallbackRunner *self = INFLIGHT_CALLBACK_RUNNER (object);

  switch (prop_id)
    {
    case PROP_ONE_THREAD:
      self->one_thread = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_callback_runner_class_init (InflightCallbackRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  object_class->get_property = inflight_callback_runner_get_property;
  object_class->set_property = inflight_callback_runner_set_property;

  runner_class->run = inflight_callback_runner_run;

  /**
   * InflightCallbackRunner:one-thread:
   *
   * Whether the service's work too runs as timers on the caller's context,
   * so that the whole run is one thread's event loop.
   */
  properties[PROP_ONE_THREAD] =
    g_param_spec_boolean ("one-thread", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_callback_runner_init (InflightCallbackRunner *self)
{
}
