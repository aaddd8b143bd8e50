/* inflight-parallel-runner.c
 * Parallel computing: the same CPU work — a real computation, not a sleep — done first by one
 * thread, then shared by several. How much faster it goes is bounded by the machine's cores.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-parallel-runner"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <time.h>

#include "inflight-code.h"
#include "inflight-format.h"
#include "inflight-model.h"
#include "inflight-parallel-runner.h"
#include "inflight-runner-private.h"

/* Iterations between two looks at the cancellable. */
#define CHUNK 20000
/* How often a thread compares the processor time it got with the time that went by. */
#define SAMPLE_US 1000

struct _InflightParallelRunner
{
  InflightRunner parent_instance;
};

typedef struct
{
  GTask         *task;
  InflightTrace *trace;
  GThread       *coordinator;
  GCancellable  *cancellable;
  guint          items;
  guint          threads;
  guint64        iterations;   /* per item */
  gint           next_item;    /* atomic: the next item to take, from 0 */
  guint          lanes[INFLIGHT_WORKERS_MAX];
} ParallelRun;

typedef struct
{
  ParallelRun *state;
  guint        lane;
} Cruncher;

G_DEFINE_FINAL_TYPE (InflightParallelRunner, inflight_parallel_runner, INFLIGHT_TYPE_RUNNER)

/* Every cruncher thread reads and writes it: relaxed atomics, not a data race. */
static volatile guint64 crunch_sink;

/* The work itself: a chain of multiply-adds that no compiler can skip or shorten. */
static gboolean
crunch (guint64       iterations,
        GCancellable *cancellable)
{
  guint64 x = __atomic_load_n (&crunch_sink, __ATOMIC_RELAXED) | 1;

  for (guint64 done = 0; done < iterations; done += CHUNK)
    {
      guint64 n = MIN (CHUNK, iterations - done);

      for (guint64 i = 0; i < n; i++)
        x = x * 2862933555777941757ull + 3037000493ull;

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        return FALSE;
    }

  __atomic_store_n (&crunch_sink, x, __ATOMIC_RELAXED);

  return TRUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* How many iterations of crunch() one core does in a microsecond, measured once per process:
 * the quickest of a few samples of several milliseconds, as sustained as the work itself. A
 * sample can only be slowed (by waiting for a processor on a busy machine), never sped up, so
 * the quickest is the core's own speed; a slowed one would make every item shorter than asked. */
static double
iterations_per_us (void)
{
  static gsize calibrated;
  static double rate;

  if (g_once_init_enter (&calibrated))
    {
      const guint64 sample = 5000000;
      gint64 took[5];

      for (guint i = 0; i < G_N_ELEMENTS (took); i++)
        {
          gint64 start = g_get_monotonic_time ();

          crunch (sample, NULL);
          took[i] = g_get_monotonic_time () - start;
        }
      qsort (took, G_N_ELEMENTS (took), sizeof (gint64), compare_gint64);

      rate = (double) sample / MAX (took[0], 1);
      g_once_init_leave (&calibrated, 1);
    }

  return rate;
}

/* The processor time the calling thread has had, in µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return g_get_monotonic_time ();

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* One item, recorded as it really went: WORKING while the thread ran on a core, READY while
 * it had work but waited for a core, told apart by the processor time the thread got over
 * each millisecond or so. */
static gboolean
crunch_traced (ParallelRun *state,
               guint        lane)
{
  InflightSpanKind kind = INFLIGHT_SPAN_WORKING;
  gint64 cpu = thread_cpu_us ();
  gint64 start = inflight_trace_now (state->trace);
  gint64 sampled_at = start, looked_at = g_get_monotonic_time ();
  gboolean done = TRUE;

  for (guint64 left = state->iterations; left > 0 && done;)
    {
      guint64 n = MIN (left, CHUNK);

      done = crunch (n, state->cancellable);
      left -= n;

      /* One clock for the interval and the processor time read right beside it, so that a
       * thread taken off its core anywhere in between is counted, not lost. */
      if (g_get_monotonic_time () - looked_at >= SAMPLE_US || left == 0 || !done)
        {
          gint64 cpu_now = thread_cpu_us ();
          gint64 at = inflight_trace_now (state->trace);
          InflightSpanKind was = 2 * (cpu_now - cpu) >= at - sampled_at ? INFLIGHT_SPAN_WORKING : INFLIGHT_SPAN_READY;

          if (was != kind)
            {
              if (sampled_at > start)
                inflight_trace_append_span (state->trace, lane, 0, kind, start, sampled_at);
              kind = was;
              start = sampled_at;
            }
          sampled_at = at;
          cpu = cpu_now;
          looked_at = g_get_monotonic_time ();
        }
    }

  inflight_trace_append_span (state->trace, lane, 0, kind, start, MAX (sampled_at, start));

  return done;
}

/* listing: begin */
/* Takes items until there are none left, each one recorded on the thread's lane. */
static gpointer
cruncher_main (gpointer data)
{
  g_autofree Cruncher *cruncher = data;
  ParallelRun *state = cruncher->state;

  for (;;)
    {
      gint item = g_atomic_int_add (&state->next_item, 1);

      if (item >= (gint) state->items || g_cancellable_is_cancelled (state->cancellable))
        break;

      inflight_trace_reach (state->trace, cruncher->lane, INFLIGHT_CODE_COMPUTE, (guint) item + 1);
      if (!crunch_traced (state, cruncher->lane))
        break;
    }

  inflight_trace_reach (state->trace, cruncher->lane, INFLIGHT_CODE_NONE, 0);
  return NULL;
}

/* Runs every item on @n_threads threads of their own and waits for them. */
static gint64
run_phase (ParallelRun *state,
           const guint *lanes,
           guint        n_threads)
{
  GThread *threads[INFLIGHT_WORKERS_MAX];
  gint64 start = g_get_monotonic_time ();

  g_atomic_int_set (&state->next_item, 0);

  for (guint i = 0; i < n_threads; i++)
    {
      Cruncher *cruncher = g_new0 (Cruncher, 1);

      cruncher->state = state;
      cruncher->lane = lanes[i];
      threads[i] = g_thread_new ("inflight-cpu", cruncher_main, cruncher);
    }

  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);

  return g_get_monotonic_time () - start;
}
/* listing: end */

static gboolean
coordinator_done_cb (gpointer data)
{
  g_autofree ParallelRun *state = data;
  g_autoptr(GTask) task = g_steal_pointer (&state->task);

  g_thread_join (g_steal_pointer (&state->coordinator));
  g_clear_object (&state->trace);
  g_clear_object (&state->cancellable);

  inflight_runner_return (task, NULL);

  return G_SOURCE_REMOVE;
}

/* Off the main thread: one thread first, then all of them, then the comparison. */
static gpointer
coordinator_main (gpointer data)
{
  ParallelRun *state = data;
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;
  g_autofree char *label = NULL;
  gint64 alone, together;

  /* Calibrate before the clock starts, so that the run measures only the work. */
  state->iterations = (guint64) (iterations_per_us () * state->iterations);
  inflight_trace_start (state->trace);

  alone = run_phase (state, &state->lanes[0], 1);
  if (!g_cancellable_is_cancelled (state->cancellable))
    {
      one = inflight_format_duration (alone);
      label = g_strdup_printf (_("one thread: %s"), one);
      inflight_trace_add_mark (state->trace, state->lanes[0], label);

      together = run_phase (state, &state->lanes[1], state->threads);
      if (!g_cancellable_is_cancelled (state->cancellable))
        {
          g_free (label);
          many = inflight_format_duration (together);
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u thread on %u cores: %s, %.1f× as fast",
                                                "%u threads on %u cores: %s, %.1f× as fast",
                                                state->threads),
                                   state->threads, inflight_model_get_cores (), many,
                                   (double) alone / MAX (together, 1));
          inflight_trace_add_mark (state->trace, state->lanes[1], label);
        }
    }

  inflight_trace_finish (state->trace);
  inflight_runner_complete_on (state->task, coordinator_done_cb, state);

  return NULL;
}

static void
inflight_parallel_runner_run (InflightRunner *runner,
                              GTask          *task)
{
  InflightRun *run = inflight_runner_get_run (task);
  ParallelRun *state = g_new0 (ParallelRun, 1);

  state->task = g_object_ref (task);
  state->trace = g_object_ref (run->trace);
  state->cancellable = g_object_ref (g_task_get_cancellable (task));
  state->items = inflight_scenario_get_requests (run->scenario);
  state->threads = MIN (inflight_scenario_get_workers (run->scenario), INFLIGHT_WORKERS_MAX - 1);
  /* Microseconds for now; the coordinator turns them into iterations once calibrated. */
  state->iterations = (guint64) inflight_scenario_get_latency_ms (run->scenario) * 1000;

  state->lanes[0] = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_WORKER, _("One thread"));
  for (guint i = 0; i < state->threads; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Thread %u of %u"), i + 1, state->threads);

      state->lanes[i + 1] = inflight_trace_add_lane (run->trace, INFLIGHT_LANE_WORKER, label);
    }

  state->coordinator = g_thread_new ("inflight-parallel", coordinator_main, state);
}

static void
inflight_parallel_runner_class_init (InflightParallelRunnerClass *klass)
{
  InflightRunnerClass *runner_class = INFLIGHT_RUNNER_CLASS (klass);

  runner_class->run = inflight_parallel_runner_run;
}

static void
inflight_parallel_runner_init (InflightParallelRunner *self)
{
}
