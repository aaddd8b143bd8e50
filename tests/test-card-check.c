/* test-card-check.c
 * Lesson 12's sort cards: each one checked by running it both ways, for real, and decided by
 * its own measure with a clear margin, in the direction the card says.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "inflight-card-check.h"
#include "inflight-format.h"
#include "inflight-test-util.h"

#define MS 1000

static void
on_checked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
check_card (const InflightSortCard *card,
            GCancellable           *cancellable,
            InflightCardCheck      *check,
            GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  inflight_card_check_async (card, cancellable, on_checked_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  inflight_card_check_finish (result, check, error);
}

/* The two figures are far enough apart that no busy moment could swap them. */
static void
assert_clear_margin (const InflightCardCheck *check)
{
  gint64 waiting = check->figures[INFLIGHT_CARD_WAITING];
  gint64 carrying_on = check->figures[INFLIGHT_CARD_CARRYING_ON];

  if (check->measure == INFLIGHT_CARD_MEASURE_NEXT_LINE)
    {
      /* Every waiting call had its value on the next line; no call that carried on did. */
      g_assert_cmpint (waiting, ==, check->calls);
      g_assert_cmpint (carrying_on, ==, 0);
      return;
    }

  g_assert_cmpint (MAX (waiting, carrying_on), >=, 2 * MIN (waiting, carrying_on) + 20 * MS);
}

static void
test_every_card_decided_by_its_measure (void)
{
  const InflightSortCard *cards;
  guint n_cards = 0;
  guint used[INFLIGHT_CARD_MEASURE_TOTAL + 1] = { 0 };

  cards = inflight_lessons_get_sort_cards (&n_cards);
  g_assert_cmpuint (n_cards, >, 0);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *verdict = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      InflightCardCheck check;

      check_card (&cards[i], NULL, &check, &error);
      g_assert_no_error (error);
      verdict = inflight_card_check_describe (&check);

      g_test_message ("card %u (%s), measure %d: waiting %" G_GINT64_FORMAT ", carrying on %" G_GINT64_FORMAT
                      ", %u calls, waited %" G_GINT64_FORMAT " µs: %s",
                      i, cards[i].title, check.measure, check.figures[0], check.figures[1],
                      check.calls, check.waited, verdict);

      g_assert_cmpint (check.measure, ==, cards[i].measure);
      g_assert_cmpuint (check.calls, ==, cards[i].requests);
      g_assert_true (check.decided);
      g_assert_cmpint (check.asynchronous, ==, cards[i].asynchronous);
      assert_clear_margin (&check);
      used[check.measure]++;

      /* The verdict names both figures it was decided on. */
      if (check.measure != INFLIGHT_CARD_MEASURE_NEXT_LINE)
        {
          first = inflight_format_duration (check.figures[0]);
          second = inflight_format_duration (check.figures[1]);
          g_assert_nonnull (strstr (verdict, first));
          g_assert_nonnull (strstr (verdict, second));
        }
    }

  /* Cards differ in what decides them: a freeze, a total, the next line, a held caller. */
  for (guint m = 0; m < G_N_ELEMENTS (used); m++)
    g_assert_cmpuint (used[m], >, 0);
}

static void
test_a_tie_decides_nothing (void)
{
  InflightCardCheck check = { INFLIGHT_CARD_MEASURE_TOTAL, { 600 * MS, 600 * MS }, 1, 600 * MS, TRUE, TRUE };

  inflight_card_check_decide (&check);
  g_assert_false (check.decided);

  /* Faster, but not by a margin a busy machine could not make up. */
  check.figures[INFLIGHT_CARD_CARRYING_ON] = 590 * MS;
  inflight_card_check_decide (&check);
  g_assert_false (check.decided);

  check.figures[INFLIGHT_CARD_CARRYING_ON] = 100 * MS;
  inflight_card_check_decide (&check);
  g_assert_true (check.decided);
  g_assert_true (check.asynchronous);

  check.measure = INFLIGHT_CARD_MEASURE_NEXT_LINE;
  check.calls = 2;
  check.figures[INFLIGHT_CARD_WAITING] = 2;
  check.figures[INFLIGHT_CARD_CARRYING_ON] = 2;
  inflight_card_check_decide (&check);
  g_assert_false (check.decided);

  check.figures[INFLIGHT_CARD_CARRYING_ON] = 0;
  inflight_card_check_decide (&check);
  g_assert_true (check.decided);
  g_assert_false (check.asynchronous);
}

/* A blocking caller's next line runs once the reply is in; a callback caller's runs at once. */
static void
test_next_line_from_traces (void)
{
  for (guint way = 0; way < 2; way++)
    {
      g_autoptr(InflightScenario) scenario =
        inflight_test_scenario (way == 0 ? INFLIGHT_STRATEGY_BLOCKING : INFLIGHT_STRATEGY_CALLBACK, 3, 20, 3);
      g_autoptr(GError) error = NULL;
      g_autoptr(InflightTraceSnapshot) snap = inflight_test_run (scenario, 0, &error);
      guint calls = 0;
      gint64 held = -1;
      guint ready;

      g_assert_no_error (error);
      ready = inflight_card_count_next_line (snap, &calls, &held);
      g_assert_cmpuint (calls, ==, 3);
      if (way == 0)
        {
          g_assert_cmpuint (ready, ==, 3);
          g_assert_cmpint (held, >=, 3 * 20 * MS * 95 / 100);
        }
      else
        {
          g_assert_cmpuint (ready, ==, 0);
          g_assert_cmpint (held, ==, 0);
        }
    }
}

static void
test_cancel_ends_the_check (void)
{
  const InflightSortCard *cards;
  guint n_cards = 0;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  InflightCardCheck check;
  gint64 start;
  const InflightSortCard *longest = NULL;
  guint threads_before;

  cards = inflight_lessons_get_sort_cards (&n_cards);

  /* One check first, so that threads GLib starts once and keeps (its worker) are counted. */
  check_card (&cards[0], NULL, &check, &error);
  g_assert_no_error (error);
  threads_before = inflight_test_threads_steady ();
  for (guint i = 0; i < n_cards; i++)
    if (longest == NULL || cards[i].requests * cards[i].latency_ms > longest->requests * longest->latency_ms)
      longest = &cards[i];

  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  check_card (longest, cancellable, &check, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64) longest->requests * longest->latency_ms * MS);
  /* Every thread the check started has been joined. */
  g_assert_cmpuint (inflight_test_threads_settle (threads_before), <=, threads_before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card-check/a-tie-decides-nothing", test_a_tie_decides_nothing);
  inflight_test_add_timed_func ("/card-check/next-line-from-traces", test_next_line_from_traces);
  inflight_test_add_timed_func ("/card-check/every-card-decided-by-its-measure",
                                test_every_card_decided_by_its_measure);
  inflight_test_add_timed_func ("/card-check/cancel-ends-the-check", test_cancel_ends_the_check);

  return g_test_run ();
}
