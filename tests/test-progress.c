/* test-progress.c
 * The learner's progress survives a restart through GSettings, stays sane on bad stored
 * values, and Reset clears it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "inflight-progress.h"

static GSettings *
make_settings (void)
{
  /* The tests run with GSETTINGS_BACKEND=memory: one store for the whole process. */
  return g_settings_new (APPLICATION_ID);
}

static void
test_round_trip (void)
{
  g_autoptr(GSettings) settings = make_settings ();
  g_autoptr(InflightProgress) first = inflight_progress_new (settings);
  g_autoptr(InflightProgress) second = NULL;
  InflightResult result = { 1500000, 2000000, 2010000 };
  InflightResult read;

  inflight_progress_reset (first);
  inflight_progress_mark_visited (first, 2);
  inflight_progress_mark_completed (first, 3);
  inflight_progress_set_answer (first, 3, 1, 2);
  inflight_progress_set_result (first, 2, &result);

  /* As the app would on its next start: a new object reading the same settings. */
  second = inflight_progress_new (settings);
  g_assert_true (inflight_progress_is_visited (second, 2));
  g_assert_false (inflight_progress_is_completed (second, 2));
  g_assert_true (inflight_progress_is_completed (second, 3));
  g_assert_true (inflight_progress_is_visited (second, 3));
  g_assert_false (inflight_progress_is_visited (second, 4));
  g_assert_cmpint (inflight_progress_get_answer (second, 3, 1), ==, 2);
  g_assert_cmpint (inflight_progress_get_answer (second, 3, 0), ==, INFLIGHT_NO_ANSWER);
  g_assert_true (inflight_progress_get_result (second, 2, &read));
  g_assert_cmpint (read.guess, ==, 1500000);
  g_assert_cmpint (read.theory, ==, 2000000);
  g_assert_cmpint (read.measured, ==, 2010000);
  g_assert_false (inflight_progress_get_result (second, 5, &read));
}

static void
test_reset_clears (void)
{
  g_autoptr(GSettings) settings = make_settings ();
  g_autoptr(InflightProgress) progress = inflight_progress_new (settings);
  g_autoptr(InflightProgress) again = NULL;
  g_autoptr(GVariant) answers = NULL;
  InflightResult result = { -1, 10, 11 };
  InflightResult read;
  guint changes = 0;

  g_signal_connect_swapped (progress, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  inflight_progress_mark_completed (progress, 7);
  inflight_progress_set_answer (progress, 7, 0, 1);
  inflight_progress_set_result (progress, 7, &result);
  inflight_progress_reset (progress);
  g_assert_cmpuint (changes, ==, 4);

  g_assert_false (inflight_progress_is_completed (progress, 7));
  again = inflight_progress_new (settings);
  g_assert_false (inflight_progress_is_visited (again, 7));
  g_assert_cmpint (inflight_progress_get_answer (again, 7, 0), ==, INFLIGHT_NO_ANSWER);
  g_assert_false (inflight_progress_get_result (again, 7, &read));

  answers = g_settings_get_value (settings, "answers");
  g_assert_cmpuint (g_variant_n_children (answers), ==, 0);
}

static void
test_bad_stored_values (void)
{
  g_autoptr(GSettings) settings = make_settings ();
  g_autoptr(InflightProgress) progress = NULL;
  const guint32 lessons[] = { 0, 2, 99, 13 };
  InflightResult read;

  /* Values no version of the app writes: lessons that do not exist, answers out of range. */
  g_settings_set_value (settings, "visited-lessons",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, lessons, G_N_ELEMENTS (lessons), sizeof (guint32)));
  g_settings_set_value (settings, "answers", g_variant_new_parsed ("[(uint32 2, uint32 0, uint32 7), (99, 0, 1), (2, 1, 1)]"));
  g_settings_set_value (settings, "results", g_variant_new_parsed ("[(uint32 4, int64 -5, int64 -1, int64 3)]"));

  progress = inflight_progress_new (settings);
  g_assert_true (inflight_progress_is_visited (progress, 2));
  g_assert_true (inflight_progress_is_visited (progress, 13));
  g_assert_false (inflight_progress_is_visited (progress, 0));
  g_assert_false (inflight_progress_is_visited (progress, 99));
  g_assert_cmpint (inflight_progress_get_answer (progress, 2, 0), ==, INFLIGHT_NO_ANSWER);
  g_assert_cmpint (inflight_progress_get_answer (progress, 2, 1), ==, 1);
  g_assert_false (inflight_progress_get_result (progress, 4, &read));
}

static void
test_without_settings (void)
{
  g_autoptr(InflightProgress) progress = inflight_progress_new (NULL);

  inflight_progress_mark_completed (progress, 1);
  g_assert_true (inflight_progress_is_completed (progress, 1));
  inflight_progress_reset (progress);
  g_assert_false (inflight_progress_is_completed (progress, 1));
}

/* Answers are kept by key: any number of questions or cards, none overflowing a table, and
 * answers kept by number in an earlier version are read as questions. */
static void
test_choices_by_key (void)
{
  g_autoptr(GSettings) settings = make_settings ();
  g_autoptr(InflightProgress) first = inflight_progress_new (settings);
  g_autoptr(InflightProgress) second = NULL;
  g_autoptr(InflightProgress) third = NULL;
  const char *values, *measured, *theory, *detail;

  inflight_progress_reset (first);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *key = g_strdup_printf ("card %u", i);

      inflight_progress_set_choice (first, 12, key, i % 2);
    }
  inflight_progress_set_answer (first, 12, 20, 2);
  inflight_progress_set_values (first, 2, "requests=3");
  inflight_progress_set_run (first, 2, "requests=3", "Measured: <b>1.20 s</b>", "Theory: 1.20 s", "3 of 3 replies in.");

  second = inflight_progress_new (settings);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *key = g_strdup_printf ("card %u", i);

      g_assert_cmpint (inflight_progress_get_choice (second, 12, key), ==, (gint) (i % 2));
    }
  g_assert_cmpint (inflight_progress_get_answer (second, 12, 20), ==, 2);
  g_assert_cmpint (inflight_progress_get_choice (second, 12, "card 40"), ==, INFLIGHT_NO_ANSWER);
  g_assert_cmpstr (inflight_progress_get_values (second, 2), ==, "requests=3");
  g_assert_true (inflight_progress_get_run (second, 2, &values, &measured, &theory, &detail));
  g_assert_cmpstr (measured, ==, "Measured: <b>1.20 s</b>");
  g_assert_cmpstr (detail, ==, "3 of 3 replies in.");
  g_assert_false (inflight_progress_get_run (second, 3, &values, &measured, &theory, &detail));

  /* From an earlier version: lesson 4, question 1, choice 2. */
  inflight_progress_reset (second);
  g_settings_set_value (settings, "answers", g_variant_new_parsed ("[(uint32 4, uint32 1, uint32 2)]"));
  third = inflight_progress_new (settings);
  g_assert_cmpint (inflight_progress_get_answer (third, 4, 1), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/progress/round-trip", test_round_trip);
  g_test_add_func ("/progress/reset-clears", test_reset_clears);
  g_test_add_func ("/progress/bad-stored-values", test_bad_stored_values);
  g_test_add_func ("/progress/without-settings", test_without_settings);
  g_test_add_func ("/progress/choices-by-key", test_choices_by_key);

  return g_test_run ();
}
