/* inflight-card-check.c
 * Checks one of lesson 12's sort cards by running its calls both ways, for real, on a thread
 * of its own that stands in for the caller's UI thread, and comparing the two runs by the
 * measure that decides the card.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-card-check"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "inflight-card-check.h"
#include "inflight-format.h"
#include "inflight-metrics.h"
#include "inflight-runner.h"

/* A heartbeat on the calling thread's context: it can only beat while that thread is free. */
#define HEARTBEAT_MS 5
/* A time measure decides only when the loser took at least twice as long, and this much more. */
#define MARGIN_US    (20 * 1000)

typedef struct
{
  const InflightSortCard *card;
  GCancellable           *cancellable;
  GMainContext           *home;       /* where the task completes */
  GThread                *thread;
  InflightCardCheck       check;
  GError                 *error;
} CheckData;

typedef struct
{
  gint64   last_beat;
  gint64   longest_gap;
  gboolean done;
  guint    beats_after_done;
} OneRun;

static void
check_data_free (gpointer data)
{
  CheckData *check = data;

  g_clear_object (&check->cancellable);
  g_clear_pointer (&check->home, g_main_context_unref);
  g_clear_error (&check->error);
  g_free (check);
}

static gboolean
heartbeat_cb (gpointer data)
{
  OneRun *one = data;
  gint64 now = g_get_monotonic_time ();

  one->longest_gap = MAX (one->longest_gap, now - one->last_beat);
  one->last_beat = now;
  if (one->done)
    one->beats_after_done++;

  return G_SOURCE_CONTINUE;
}

/* Runs the card one way on this thread's context, which the heartbeat watches meanwhile. */
static InflightTraceSnapshot *
run_one_way (CheckData    *data,
             GMainContext *context,
             guint         way,
             gint64       *longest_gap,
             GError      **error)
{
  InflightStrategy strategy;
  g_autoptr(InflightScenario) scenario = NULL;
  g_autoptr(InflightRunner) runner = NULL;
  g_autoptr(InflightTrace) trace = inflight_trace_new ();
  g_autoptr(GSource) heartbeat = g_timeout_source_new (HEARTBEAT_MS);
  OneRun one = { 0 };

  /* A freeze needs the waiting to happen on the thread whose freeze is measured. */
  if (way == INFLIGHT_CARD_CARRYING_ON)
    strategy = INFLIGHT_STRATEGY_CALLBACK;
  else if (data->card->measure == INFLIGHT_CARD_MEASURE_FREEZE)
    strategy = INFLIGHT_STRATEGY_UI_BLOCKING;
  else
    strategy = INFLIGHT_STRATEGY_BLOCKING;

  scenario = inflight_scenario_new (strategy);
  inflight_scenario_set_requests (scenario, data->card->requests);
  inflight_scenario_set_latency_ms (scenario, data->card->latency_ms);
  inflight_scenario_set_workers (scenario, MAX (data->card->requests, 1));
  runner = inflight_runner_new (strategy);

  one.last_beat = g_get_monotonic_time ();
  g_source_set_static_name (heartbeat, "[inflight] card check heartbeat");
  g_source_set_priority (heartbeat, G_PRIORITY_HIGH);
  g_source_set_callback (heartbeat, heartbeat_cb, &one, NULL);
  g_source_attach (heartbeat, context);

  if (!inflight_runner_run_sync (runner, scenario, trace, data->cancellable, error))
    {
      g_source_destroy (heartbeat);
      return NULL;
    }

  /* One beat after the end, so that a freeze that lasted to the end is counted too. */
  one.done = TRUE;
  while (one.beats_after_done == 0)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (heartbeat);

  *longest_gap = one.longest_gap;
  return inflight_trace_snapshot (trace);
}

static gboolean
complete_cb (gpointer user_data)
{
  GTask *task = user_data;
  CheckData *data = g_task_get_task_data (task);

  g_thread_join (g_steal_pointer (&data->thread));

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static gpointer
check_main (gpointer user_data)
{
  GTask *task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GMainContext) context = g_main_context_new ();
  InflightCardCheck *check = &data->check;
  g_autoptr(GSource) done = NULL;

  g_main_context_push_thread_default (context);

  check->measure = data->card->measure;
  for (guint way = 0; way < 2 && data->error == NULL; way++)
    {
      g_autoptr(InflightTraceSnapshot) snap = NULL;
      InflightMetrics metrics;
      gint64 longest_gap = 0, held = 0;
      guint calls = 0, ready;

      snap = run_one_way (data, context, way, &longest_gap, &data->error);
      if (snap == NULL)
        break;

      inflight_metrics_compute (snap, &metrics);
      ready = inflight_card_count_next_line (snap, &calls, &held);
      check->calls = calls;
      if (way == INFLIGHT_CARD_WAITING)
        check->waited = held;

      switch (check->measure)
        {
        case INFLIGHT_CARD_MEASURE_NEXT_LINE:
          check->figures[way] = ready;
          break;
        case INFLIGHT_CARD_MEASURE_HELD:
          check->figures[way] = held;
          break;
        case INFLIGHT_CARD_MEASURE_FREEZE:
          /* The UI-blocking run measures its own freeze; the heartbeat here measures both runs alike. */
          check->figures[way] = MAX (longest_gap, metrics.longest_freeze);
          break;
        case INFLIGHT_CARD_MEASURE_TOTAL:
        default:
          check->figures[way] = metrics.total;
          break;
        }
    }

  if (data->error == NULL)
    inflight_card_check_decide (check);

  g_main_context_pop_thread_default (context);

  /* The thread is joined on the caller's context, right after this. */
  done = g_idle_source_new ();
  g_source_set_static_name (done, "[inflight] card checked");
  g_source_set_callback (done, complete_cb, g_object_ref (task), g_object_unref);
  g_source_attach (done, data->home);
  g_object_unref (task);

  return NULL;
}

/**
 * inflight_card_check_async:
 * @card: (not nullable): lives as long as the check; the cards of
 *   inflight_lessons_get_sort_cards() always do
 *
 * Runs @card's calls both ways, one after the other, on a thread of its
 * own: waiting for each reply (on that thread's own context, as a UI thread
 * would, when the card is decided by a freeze) and carrying on with
 * callbacks. @callback runs on the caller's thread-default context once the
 * thread is joined.
 */
void
inflight_card_check_async (const InflightSortCard *card,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (card != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_card_check_async);
  g_task_set_name (task, "[inflight] check a sort card");

  data = g_new0 (CheckData, 1);
  data->card = card;
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->home = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, check_data_free);

  data->thread = g_thread_new ("inflight-card-check", check_main, g_object_ref (task));
}

/**
 * inflight_card_check_finish:
 * @check: (out caller-allocates): what the two runs measured, and decided
 *
 * Returns: %TRUE if both runs ran to their end.
 */
gboolean
inflight_card_check_finish (GAsyncResult       *result,
                            InflightCardCheck  *check,
                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *check = ((CheckData *) g_task_get_task_data (G_TASK (result)))->check;
  return TRUE;
}

/**
 * inflight_card_check_decide:
 *
 * Decides @check from its two figures: the next line's value is better had
 * than not, every time measure is better short. A figure wins only by a
 * clear margin; a tie, or nearly one, decides nothing.
 */
void
inflight_card_check_decide (InflightCardCheck *check)
{
  gint64 waiting, carrying_on;

  g_return_if_fail (check != NULL);

  waiting = check->figures[INFLIGHT_CARD_WAITING];
  carrying_on = check->figures[INFLIGHT_CARD_CARRYING_ON];

  if (check->measure == INFLIGHT_CARD_MEASURE_NEXT_LINE)
    {
      /* Most calls one way had their value on the next line, and most the other way did not. */
      gint64 half = (check->calls + 1) / 2;

      check->decided = check->calls > 0 && ABS (waiting - carrying_on) >= MAX (half, 1);
      check->asynchronous = carrying_on > waiting;
      return;
    }

  check->decided = MAX (waiting, carrying_on) >= 2 * MIN (waiting, carrying_on) + MARGIN_US;
  check->asynchronous = carrying_on < waiting;
}

/**
 * inflight_card_check_describe:
 *
 * Returns: (transfer full): which measure decided @check, its two figures,
 * and the way that won, as the learner reads it.
 */
char *
inflight_card_check_describe (const InflightCardCheck *check)
{
  g_autofree char *measured = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *carrying_on = NULL;
  const char *outcome;

  g_return_val_if_fail (check != NULL, NULL);

  waiting = inflight_format_duration (check->figures[INFLIGHT_CARD_WAITING]);
  carrying_on = inflight_format_duration (check->figures[INFLIGHT_CARD_CARRYING_ON]);

  switch (check->measure)
    {
    case INFLIGHT_CARD_MEASURE_NEXT_LINE:
      {
        g_autofree char *waited = inflight_format_duration (check->waited);

        measured = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Measured: did the next line have the value it needs? "
                                                 "Waiting, %u of %u call did, for a wait of %s in all; "
                                                 "carrying on, %u did.",
                                                 "Measured: did the next line have the value it needs? "
                                                 "Waiting, %u of %u calls did, for a wait of %s in all; "
                                                 "carrying on, %u did.",
                                                 check->calls),
                                    (guint) check->figures[INFLIGHT_CARD_WAITING], check->calls, waited,
                                    (guint) check->figures[INFLIGHT_CARD_CARRYING_ON]);
        break;
      }

    case INFLIGHT_CARD_MEASURE_HELD:
      measured = g_strdup_printf (_("Measured: how long the caller was held before it could go on. "
                                    "Waiting, %s; carrying on, %s."), waiting, carrying_on);
      break;

    case INFLIGHT_CARD_MEASURE_FREEZE:
      measured = g_strdup_printf (_("Measured: the longest freeze of the thread that made the calls, "
                                    "as a window’s would be. Waiting, %s; carrying on, %s."),
                                  waiting, carrying_on);
      break;

    case INFLIGHT_CARD_MEASURE_TOTAL:
    default:
      measured = g_strdup_printf (_("Measured: the total time, from the first request to the last reply. "
                                    "Waiting, %s; carrying on, %s."), waiting, carrying_on);
      break;
    }

  if (!check->decided)
    outcome = _("Too close to call on this run.");
  else if (check->asynchronous)
    outcome = _("The runs say: asynchronous.");
  else
    outcome = _("The runs say: synchronous.");

  /* Translators: what a card's check measured, then what the runs decided */
  return g_strdup_printf (_("%s %s"), measured, outcome);
}

/**
 * inflight_card_count_next_line:
 * @calls: (out): the requests the caller sent
 * @held: (out): µs the caller spent held on its calls, all together
 *
 * Finds, for each request, when the caller's next line ran: once its wait
 * was over if it waited for the call, else at once; and whether the call's
 * reply had arrived by then.
 *
 * Returns: how many calls had their reply in hand at the next line.
 */
guint
inflight_card_count_next_line (const InflightTraceSnapshot *snapshot,
                               guint                       *calls,
                               gint64                      *held)
{
  guint ready = 0;

  g_return_val_if_fail (snapshot != NULL, 0);
  g_return_val_if_fail (calls != NULL && held != NULL, 0);

  *calls = 0;
  *held = 0;

  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *request = &snapshot->messages[i];
      gint64 next_line = request->sent_at;

      if (request->kind != INFLIGHT_MESSAGE_REQUEST)
        continue;
      (*calls)++;

      /* A wait on the caller's lane around the send holds the next line back to its end. */
      for (guint s = 0; s < snapshot->n_spans; s++)
        {
          const InflightSpan *span = &snapshot->spans[s];

          if (span->lane == request->from_lane && span->kind == INFLIGHT_SPAN_WAITING &&
              span->start <= request->sent_at && span->end != INFLIGHT_TIME_NONE &&
              span->end >= request->sent_at)
            next_line = MAX (next_line, span->end);
        }
      *held += next_line - request->sent_at;

      for (guint r = 0; r < snapshot->n_messages; r++)
        {
          const InflightMessage *reply = &snapshot->messages[r];

          if ((reply->kind == INFLIGHT_MESSAGE_REPLY || reply->kind == INFLIGHT_MESSAGE_ERROR) &&
              reply->request == request->request && reply->to_lane == request->from_lane &&
              reply->arrived_at != INFLIGHT_TIME_NONE && reply->arrived_at <= next_line)
            {
              ready++;
              break;
            }
        }
    }

  return ready;
}
