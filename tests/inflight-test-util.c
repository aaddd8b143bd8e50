/* inflight-test-util.c
 * Helpers the engine tests share: run a scenario to its end, count threads.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-test-util.h"
#include "inflight-model.h"

typedef struct
{
  InflightTestHook hook;
  gpointer         data;
} Hook;

typedef struct
{
  GCancellable *cancellable;
  gint64        after_us;
} Canceller;

/* The first thing the run's context dispatches, once inflight_runner_run_async() has started the run. */
static gboolean
hook_cb (gpointer data)
{
  Hook *hook = data;

  hook->hook (g_main_context_get_thread_default (), hook->data);
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* From another thread, as a window's close would come while its UI thread is held. */
static gpointer
canceller_main (gpointer data)
{
  Canceller *canceller = data;

  g_usleep (canceller->after_us);
  g_cancellable_cancel (canceller->cancellable);

  return NULL;
}

/**
 * inflight_test_run_full:
 * @cancel_after_us: when to cancel the run, or -1 to let it end by itself
 * @cancel_from_thread: cancel from another thread rather than from a timer
 *   on the run's context (which cannot fire while that context is held)
 * @hook: (nullable): called once the run has started
 *
 * Runs @scenario with its strategy's runner on a main context of its own,
 * and waits for the end: every thread the run started is joined by then.
 *
 * Returns: (transfer full): the finished trace's snapshot
 */
InflightTraceSnapshot *
inflight_test_run_full (InflightScenario  *scenario,
                        gint64             cancel_after_us,
                        gboolean           cancel_from_thread,
                        InflightTestHook   hook,
                        gpointer           hook_data,
                        GError           **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(InflightRunner) runner = NULL;
  g_autoptr(InflightTrace) trace = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GSource) started = NULL;
  GThread *canceller_thread = NULL;
  Canceller canceller = { cancellable, cancel_after_us };
  Hook started_hook = { hook, hook_data };

  g_main_context_push_thread_default (context);

  runner = inflight_runner_new (inflight_scenario_get_strategy (scenario));
  g_assert_nonnull (runner);
  trace = inflight_trace_new ();

  if (cancel_after_us >= 0 && cancel_from_thread)
    canceller_thread = g_thread_new ("test-canceller", canceller_main, &canceller);
  else if (cancel_after_us >= 0)
    {
      timeout = g_timeout_source_new (cancel_after_us / 1000);
      g_source_set_callback (timeout, cancel_cb, cancellable, NULL);
      g_source_attach (timeout, context);
    }

  if (hook != NULL)
    {
      started = g_idle_source_new ();
      g_source_set_priority (started, G_PRIORITY_HIGH - 100);
      g_source_set_callback (started, hook_cb, &started_hook, NULL);
      g_source_attach (started, context);
    }

  inflight_runner_run_sync (runner, scenario, trace, cancellable, error);

  if (timeout != NULL)
    g_source_destroy (timeout);
  if (canceller_thread != NULL)
    g_thread_join (canceller_thread);

  if (started != NULL)
    g_source_destroy (started);

  g_main_context_pop_thread_default (context);

  return inflight_trace_snapshot (trace);
}

/**
 * inflight_test_run:
 * @cancel_after_ms: 0 to let the run end by itself
 *
 * Runs @scenario to its end, or cancels it after @cancel_after_ms from a
 * timer on the run's context.
 *
 * Returns: (transfer full): the finished trace's snapshot
 */
InflightTraceSnapshot *
inflight_test_run (InflightScenario  *scenario,
                   guint              cancel_after_ms,
                   GError           **error)
{
  return inflight_test_run_full (scenario, cancel_after_ms > 0 ? (gint64) cancel_after_ms * 1000 : -1,
                                 FALSE, NULL, NULL, error);
}

/**
 * inflight_test_count_threads:
 *
 * Returns: how many threads this process has now, as the kernel counts them.
 */
guint
inflight_test_count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Under valgrind (INFLIGHT_TEST_UNTIMED), wall-clock times mean nothing. */
static gboolean
untimed (void)
{
  return g_getenv ("INFLIGHT_TEST_UNTIMED") != NULL;
}

/* How long to wait for the kernel to take joined threads off /proc/self/task. */
static gint64
settle_wait (void)
{
  return untimed () ? 20 * G_USEC_PER_SEC : G_USEC_PER_SEC;
}

/**
 * inflight_test_threads_settle:
 * @expected: how many threads there should be
 *
 * A thread that has been joined has finished its work, but the kernel may
 * take a moment more to take it off /proc/self/task: waits up to a second
 * (twenty with INFLIGHT_TEST_UNTIMED, under valgrind) for the count to come
 * down to @expected.
 *
 * Returns: the count then
 */
guint
inflight_test_threads_settle (guint expected)
{
  gint64 wait = settle_wait ();
  gint64 deadline = g_get_monotonic_time () + wait;
  guint n;

  while ((n = inflight_test_count_threads ()) > expected && g_get_monotonic_time () < deadline)
    g_usleep (1000);

  return n;
}

/**
 * inflight_test_threads_steady:
 *
 * Waits until the thread count has not changed for a tenth of a second (for at most
 * as long as inflight_test_threads_settle() would wait).
 *
 * Returns: the count then
 */
guint
inflight_test_threads_steady (void)
{
  gint64 wait = settle_wait ();
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = now + wait, since = now;
  guint n = inflight_test_count_threads ();

  while (now < deadline && now - since < G_USEC_PER_SEC / 10)
    {
      guint m;

      g_usleep (5000);
      now = g_get_monotonic_time ();
      m = inflight_test_count_threads ();
      if (m != n)
        {
          n = m;
          since = now;
        }
    }

  return n;
}

/**
 * inflight_test_scenario:
 *
 * Returns: (transfer full): a scenario of @strategy with these values
 */
InflightScenario *
inflight_test_scenario (InflightStrategy strategy,
                        guint            requests,
                        guint            latency_ms,
                        guint            workers)
{
  InflightScenario *scenario = inflight_scenario_new (strategy);

  inflight_scenario_set_requests (scenario, requests);
  inflight_scenario_set_latency_ms (scenario, latency_ms);
  inflight_scenario_set_workers (scenario, workers);

  return scenario;
}

/**
 * inflight_test_find_message:
 *
 * Returns: (nullable): the first message of @kind for @request
 */
const InflightMessage *
inflight_test_find_message (const InflightTraceSnapshot *snapshot,
                            guint                        request,
                            InflightMessageKind          kind)
{
  for (guint i = 0; i < snapshot->n_messages; i++)
    if (snapshot->messages[i].request == request && snapshot->messages[i].kind == kind)
      return &snapshot->messages[i];

  return NULL;
}

/**
 * inflight_test_assert_consistent:
 *
 * A finished run's trace: every span closed and inside the run, on a lane
 * that exists; every message arrived after it left, or was cancelled.
 */
void
inflight_test_assert_consistent (const InflightTraceSnapshot *snapshot)
{
  g_assert_true (snapshot->finished);

  for (guint i = 0; i < snapshot->n_spans; i++)
    {
      g_assert_cmpint (snapshot->spans[i].end, !=, INFLIGHT_TIME_NONE);
      g_assert_cmpint (snapshot->spans[i].end, >=, snapshot->spans[i].start);
      g_assert_cmpint (snapshot->spans[i].end, <=, snapshot->duration);
      g_assert_cmpuint (snapshot->spans[i].lane, <, snapshot->n_lanes);
    }

  for (guint i = 0; i < snapshot->n_messages; i++)
    {
      const InflightMessage *msg = &snapshot->messages[i];

      if (msg->cancelled)
        g_assert_cmpint (msg->arrived_at, ==, INFLIGHT_TIME_NONE);
      else
        g_assert_cmpint (msg->arrived_at, >=, msg->sent_at);
      g_assert_cmpuint (msg->from_lane, <, snapshot->n_lanes);
      g_assert_cmpuint (msg->to_lane, <, snapshot->n_lanes);
    }
}

static void
skip_untimed (void)
{
  g_test_skip ("It bounds wall-clock times, and INFLIGHT_TEST_UNTIMED is set: "
               "under valgrind, time means nothing");
}

/**
 * inflight_test_add_timed_func:
 *
 * Adds a test that asserts how long real runs take. With INFLIGHT_TEST_UNTIMED set, as the
 * valgrind setup does (everything there runs many times slower, one thread at a time), it is
 * added as a skip saying why, and the untimed tests still run under memcheck.
 */
void
inflight_test_add_timed_func (const char *path,
                              GTestFunc   func)
{
  if (untimed ())
    g_test_add_func (path, skip_untimed);
  else
    g_test_add_func (path, func);
}

/* Edges (time, +1 for a start or -1 for an end) by time; at one instant, ends first: a
 * thread handing its core on is not two at once. */
static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const gint64 *x = a, *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/**
 * inflight_test_working_edges:
 *
 * Returns: (transfer full): the starts and ends of the thread lanes' working spans (the
 * caller's lane 0 left out), as pairs of gint64 (time, +1 or -1) in time order, ends before
 * starts at one instant; add up the second of each pair to know how many work at once
 */
GArray *
inflight_test_working_edges (const InflightTraceSnapshot *snap)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);

  for (guint i = 0; i < snap->n_spans; i++)
    {
      const InflightSpan *span = &snap->spans[i];
      gint64 up[2] = { span->start, 1 }, down[2] = { span->end, -1 };

      if (span->lane == 0 || span->kind != INFLIGHT_SPAN_WORKING || span->end <= span->start)
        continue;
      g_array_append_val (edges, up);
      g_array_append_val (edges, down);
    }
  g_array_sort (edges, compare_edges);

  return edges;
}

/**
 * inflight_test_pixel:
 *
 * Returns: the pixel of an ARGB32 image at (@x, @y), un-premultiplied, as 0…1 channels
 */
InflightColor
inflight_test_pixel (cairo_surface_t *surface,
                     int              x,
                     int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  InflightColor color = { 0, 0, 0, 0 };
  guint32 p;
  double a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  p = *(const guint32 *) (const void *) (data + y * stride + x * 4);
  a = ((p >> 24) & 0xff) / 255.0;
  color.alpha = a;
  if (a > 0)
    {
      color.red = ((p >> 16) & 0xff) / 255.0 / a;
      color.green = ((p >> 8) & 0xff) / 255.0 / a;
      color.blue = (p & 0xff) / 255.0 / a;
    }

  return color;
}

/**
 * inflight_test_parallel_theory:
 *
 * A parallel run's items are sized from a calibration of the core, which a loaded machine can
 * skew by some percent. Returns: the theory for @scenario scaled to the item size that the
 * run's one-thread phase (lane 0) really took, so that what a test checks is the theory's
 * reasoning about threads and cores, not the calibration.
 */
gint64
inflight_test_parallel_theory (InflightScenario            *scenario,
                               const InflightTraceSnapshot *snapshot)
{
  gint64 nominal = (gint64) inflight_scenario_get_requests (scenario) * inflight_scenario_get_latency_ms (scenario) * 1000;
  gint64 alone = 0;

  for (guint i = 0; i < snapshot->n_spans; i++)
    if (snapshot->spans[i].lane == 0 && snapshot->spans[i].end != INFLIGHT_TIME_NONE)
      alone = MAX (alone, snapshot->spans[i].end);

  if (nominal <= 0 || alone <= 0)
    return inflight_model_predict_total (scenario);

  return (gint64) ((double) inflight_model_predict_total (scenario) * alone / nominal);
}
