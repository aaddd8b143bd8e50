/* test-i18n-numbers.c
 * Numbers a learner reads follow the locale's decimal separator ("1,50 s" in German, French and
 * Spanish); numbers written to settings or read from the command line do not depend on it.
 * Each locale must be installed: a missing one fails the test, saying how to generate it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <locale.h>

#include "inflight-format.h"
#include "inflight-lesson-page.h"
#include "inflight-scenario.h"

/* Locales whose decimal separator is a comma. */
static const char *comma_locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8" };

static gboolean
enter_locale (const char *name)
{
  if (setlocale (LC_ALL, name) != NULL)
    return TRUE;

  g_test_fail_printf ("The locale %s is not installed: `build-aux/dev build` generates it "
                      "(or locale-gen %s)", name, name);
  return FALSE;
}

static void
check_durations (char separator)
{
  struct
  {
    gint64      us;
    const char *shown;
  } cases[] = {
    { 1500000, "1.50 s" },
    { 2345, "2.3 ms" },
    { 850000, "850 ms" },
    { 12000000, "12.00 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = inflight_format_duration (cases[i].us);
      g_autofree char *expected = g_strdelimit (g_strdup (cases[i].shown), ".", separator);

      g_assert_cmpstr (shown, ==, expected);
    }
}

static void
test_durations_follow_the_locale (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (comma_locales); i++)
    {
      if (!enter_locale (comma_locales[i]))
        continue;
      g_test_message ("%s", comma_locales[i]);
      check_durations (',');
    }

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  check_durations ('.');
}

/* The sliders' values as kept in the settings, and the command line's numbers. */
static void
test_stored_values_ignore_the_locale (void)
{
  g_autoptr(InflightScenario) in_c = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
  g_autofree char *written_in_c = NULL;

  g_assert_true (inflight_scenario_set_by_name (in_c, "latency-ms", "1250", NULL));
  g_assert_true (inflight_scenario_set_by_name (in_c, "workers", "3", NULL));
  g_assert_nonnull (setlocale (LC_ALL, "C"));
  written_in_c = inflight_lesson_page_values_to_string (in_c);

  for (guint i = 0; i < G_N_ELEMENTS (comma_locales); i++)
    {
      g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
      g_autoptr(InflightScenario) read_back = inflight_scenario_new (INFLIGHT_STRATEGY_QUEUE);
      g_autofree char *written = NULL;
      g_autoptr(GError) error = NULL;

      if (!enter_locale (comma_locales[i]))
        continue;

      g_assert_true (inflight_scenario_set_by_name (scenario, "latency-ms", "1250", &error));
      g_assert_no_error (error);
      g_assert_true (inflight_scenario_set_by_name (scenario, "workers", "3", &error));
      g_assert_cmpuint (inflight_scenario_get_latency_ms (scenario), ==, 1250);
      /* A comma is no decimal point on the command line, in any locale. */
      g_assert_false (inflight_scenario_set_by_name (scenario, "latency-ms", "1,5", NULL));

      written = inflight_lesson_page_values_to_string (scenario);
      g_assert_cmpstr (written, ==, written_in_c);
      inflight_lesson_page_apply_values (read_back, written);
      g_assert_cmpuint (inflight_scenario_get_latency_ms (read_back), ==, 1250);
      g_assert_cmpuint (inflight_scenario_get_workers (read_back), ==, 3);
    }

  g_assert_nonnull (setlocale (LC_ALL, "C"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/numbers/durations-follow-the-locale", test_durations_follow_the_locale);
  g_test_add_func ("/i18n/numbers/stored-values-ignore-the-locale", test_stored_values_ignore_the_locale);

  return g_test_run ();
}
