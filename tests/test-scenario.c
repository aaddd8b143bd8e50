/* test-scenario.c
 * Scenario parameters keep to their ranges, and bad values are refused with a clear message.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "inflight-model.h"
#include "inflight-scenario.h"

static void
test_defaults_and_copy (void)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_CALLBACK);
  g_autoptr(InflightScenario) copy = NULL;

  inflight_scenario_set_requests (scenario, 12);
  inflight_scenario_set_latency_ms (scenario, 250);
  inflight_scenario_set_seed (scenario, 99);
  copy = inflight_scenario_copy (scenario);

  g_assert_cmpint (inflight_scenario_get_strategy (copy), ==, INFLIGHT_STRATEGY_CALLBACK);
  g_assert_cmpuint (inflight_scenario_get_requests (copy), ==, 12);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (copy), ==, 250);
  g_assert_cmpuint (inflight_scenario_get_seed (copy), ==, 99);

  /* The copy is independent of the original. */
  inflight_scenario_set_requests (scenario, 3);
  g_assert_cmpuint (inflight_scenario_get_requests (copy), ==, 12);
}

static void
test_set_by_name (void)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);
  g_autoptr(GError) error = NULL;

  g_assert_true (inflight_scenario_set_by_name (scenario, "latency-ms", "250", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (scenario), ==, 250);

  g_assert_true (inflight_scenario_set_by_name (scenario, "strategy", "callback", &error));
  g_assert_cmpint (inflight_scenario_get_strategy (scenario), ==, INFLIGHT_STRATEGY_CALLBACK);

  g_assert_false (inflight_scenario_set_by_name (scenario, "latency-ms", "20000", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "latency-ms"));
  g_assert_nonnull (strstr (error->message, "20000"));
  g_assert_nonnull (strstr (error->message, "0 to 10000"));
  g_clear_error (&error);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (scenario), ==, 250);

  g_assert_false (inflight_scenario_set_by_name (scenario, "requests", "many", &error));
  g_assert_nonnull (strstr (error->message, "many"));
  g_clear_error (&error);

  g_assert_false (inflight_scenario_set_by_name (scenario, "requests", "0", &error));
  g_assert_nonnull (strstr (error->message, "1 to 100000"));
  g_clear_error (&error);

  g_assert_false (inflight_scenario_set_by_name (scenario, "strategy", "telepathy", &error));
  g_assert_nonnull (strstr (error->message, "telepathy"));
  g_clear_error (&error);

  g_assert_false (inflight_scenario_set_by_name (scenario, "colour", "1", &error));
  g_assert_nonnull (strstr (error->message, "colour"));
}

static void
test_strategy_names (void)
{
  InflightStrategy strategy;

  g_assert_cmpstr (inflight_strategy_to_string (INFLIGHT_STRATEGY_UI_BLOCKING), ==, "ui-blocking");
  g_assert_cmpstr (inflight_strategy_to_string (INFLIGHT_STRATEGY_EVENT_LOOP), ==, "event-loop");
  g_assert_true (inflight_strategy_from_string ("queue", &strategy));
  g_assert_cmpint (strategy, ==, INFLIGHT_STRATEGY_QUEUE);
  g_assert_false (inflight_strategy_from_string ("Queue ", &strategy));
  g_assert_false (inflight_strategy_from_string (NULL, &strategy));
}

static void
test_model (void)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (INFLIGHT_STRATEGY_BLOCKING);

  inflight_scenario_set_requests (scenario, 5);
  inflight_scenario_set_latency_ms (scenario, 400);
  g_assert_cmpint (inflight_model_predict_total (scenario), ==, 2 * G_USEC_PER_SEC);

  inflight_scenario_set_strategy (scenario, INFLIGHT_STRATEGY_CALLBACK);
  inflight_scenario_set_workers (scenario, 8);
  g_assert_cmpint (inflight_model_predict_total (scenario), ==, 400 * 1000);

  /* Fewer slots than requests: ⌈5/2⌉ = 3 rounds of 320 ms of work, plus 80 ms of travel. */
  inflight_scenario_set_workers (scenario, 2);
  g_assert_cmpint (inflight_model_predict_total (scenario), ==, (3 * 320 + 80) * 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/defaults-and-copy", test_defaults_and_copy);
  g_test_add_func ("/scenario/set-by-name", test_set_by_name);
  g_test_add_func ("/scenario/strategy-names", test_strategy_names);
  g_test_add_func ("/scenario/model", test_model);

  return g_test_run ();
}
