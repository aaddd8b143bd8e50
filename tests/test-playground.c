/* test-playground.c
 * The playground: its panes come and go within their limits, the same service follows the
 * first pane, every figure shown is of the run it sits beside, an experiment saved opens as
 * it was, a bad file changes nothing, and runs outlast a visit to a lesson.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-format.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-test-widgets.h"
#include "inflight-window.h"

#define RUN_TIMEOUT_MS 20000

static InflightWindow *
make_window (InflightApplication *app)
{
  InflightWindow *window = inflight_window_new (app);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (50);

  return window;
}

static void
close_window (InflightWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
}

static void
wait_for_runs (InflightPlayground *playground)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) RUN_TIMEOUT_MS * 1000;

  while (inflight_playground_get_running (playground) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (inflight_playground_get_running (playground));
  inflight_test_iterate_for (20);
}

/* A small experiment of two panes, quick to run: @first beside @second. */
static void
set_two_panes (InflightPlayground *playground,
               InflightStrategy    first,
               InflightStrategy    second)
{
  g_autoptr(InflightExperiment) experiment = inflight_experiment_new ();
  g_autoptr(InflightScenario) other = NULL;
  InflightScenario *scenario = inflight_experiment_get_scenario (experiment, 0);

  inflight_scenario_set_strategy (scenario, first);
  inflight_scenario_set_requests (scenario, 4);
  inflight_scenario_set_latency_ms (scenario, 30);
  inflight_scenario_set_workers (scenario, 4);
  other = inflight_scenario_copy (scenario);
  inflight_scenario_set_strategy (other, second);
  g_assert_cmpint (inflight_experiment_add_pane (experiment, other), ==, 1);
  inflight_playground_set_experiment (playground, experiment);
}

static void
set_spin (InflightPlayground *playground,
          guint               pane,
          const char         *property,
          double              value)
{
  GtkWidget *spin = inflight_playground_get_control (playground, pane, property);

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
}

/* Every figure shown is of the run beside it: measured from its trace, theory from the values
 * it started with; with no run, nothing. Returns how many panes have a finished run. */
static guint
assert_figures_belong (InflightPlayground *playground)
{
  guint finished = 0;

  for (guint i = 0; i < inflight_playground_get_n_panes (playground); i++)
    {
      InflightRunPanel *panel = inflight_playground_get_panel (playground, i);
      InflightScenario *ran = inflight_run_panel_get_ran (panel);
      const char *measured = inflight_playground_get_figure (playground, i, INFLIGHT_PLAYGROUND_MEASURED);
      const char *theory = inflight_playground_get_figure (playground, i, INFLIGHT_PLAYGROUND_THEORY);
      InflightMetrics metrics;
      gboolean stopped;

      if (ran == NULL)
        {
          g_assert_cmpstr (measured, ==, "–");
          g_assert_cmpstr (theory, ==, "–");
          continue;
        }

      {
        g_autofree char *expected = inflight_format_duration (inflight_model_predict_total (ran));

        g_assert_cmpstr (theory, ==, expected);
      }

      if (inflight_run_panel_get_result (panel, &metrics, &stopped))
        {
          g_autofree char *total = inflight_format_duration (metrics.total);
          g_autofree char *failed = g_strdup_printf ("%u of %u", metrics.failed, metrics.requests);
          InflightSequenceView *view = inflight_diagram_pane_get_view (inflight_run_panel_get_pane (panel));
          InflightTraceSnapshot *shown = inflight_sequence_view_get_snapshot (view);

          /* What the diagram shows is the same run the figures describe, once it has drawn its end. */
          for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;
               (shown == NULL || !shown->finished) && g_get_monotonic_time () < end;
               shown = inflight_sequence_view_get_snapshot (view))
            g_main_context_iteration (NULL, FALSE);
          g_assert_nonnull (shown);
          g_assert_cmpint (inflight_trace_snapshot_end_time (shown), ==, metrics.total);
          if (stopped)
            g_assert_nonnull (strstr (measured, total));
          else
            g_assert_cmpstr (measured, ==, total);
          g_assert_true (g_str_has_prefix (inflight_playground_get_figure (playground, i, INFLIGHT_PLAYGROUND_FAILED),
                                           failed));
          g_assert_true (g_str_has_suffix (inflight_run_panel_get_title (panel),
                                           inflight_strategy_get_list_name (inflight_scenario_get_strategy (ran))));
          finished++;
        }
    }

  return finished;
}

/* The label that shows @text in pane @pane's column: the one whose text it is, below the pane's strategy. */
static GtkWidget *
find_figure_label (InflightPlayground *playground,
                   guint               pane,
                   const char         *text)
{
  GtkWidget *strategy = inflight_playground_get_control (playground, pane, "strategy");
  GtkWidget *grid = gtk_widget_get_parent (strategy);
  int column;

  gtk_grid_query_child (GTK_GRID (grid), strategy, &column, NULL, NULL, NULL);
  for (int row = 0; row < 20; row++)
    {
      GtkWidget *child = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
        return child;
    }
  g_assert_not_reached ();
}

static void
test_panes_limits (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);

  g_assert_nonnull (playground);
  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE);
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 2);

  g_assert_true (inflight_playground_add_pane (playground));
  g_assert_true (inflight_playground_add_pane (playground));
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 4);
  g_assert_false (inflight_playground_add_pane (playground));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (playground), "playground.add-pane", NULL) &&
                  inflight_playground_get_n_panes (playground) != 4);
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 4);
  g_assert_cmpuint (inflight_experiment_get_n_panes (inflight_playground_get_experiment (playground)), ==, 4);
  /* The new panes are like the last one. */
  g_assert_cmpint (inflight_scenario_get_strategy (inflight_experiment_get_scenario (inflight_playground_get_experiment (playground), 3)),
                   ==, INFLIGHT_STRATEGY_QUEUE);

  /* Removing the first keeps the others' own settings, in order. */
  inflight_playground_remove_pane (playground, 0);
  g_assert_cmpint (inflight_scenario_get_strategy (inflight_run_panel_get_scenario (inflight_playground_get_panel (playground, 0))),
                   ==, INFLIGHT_STRATEGY_QUEUE);
  for (guint i = 0; i < 5; i++)
    inflight_playground_remove_pane (playground, 0);
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 1);
  g_assert_cmpuint (inflight_experiment_get_n_panes (inflight_playground_get_experiment (playground)), ==, 1);

  /* A preset replaces the experiment, whole. */
  for (const char * const *id = inflight_experiment_preset_ids (); *id != NULL; id++)
    {
      g_autoptr(InflightExperiment) preset = inflight_experiment_new_preset (*id);
      g_autofree char *expected = inflight_experiment_to_data (preset, FALSE, NULL);
      g_autofree char *shown = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (playground), "playground.preset", "s", *id));
      shown = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
      g_assert_cmpstr (shown, ==, expected);
      g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, inflight_experiment_get_n_panes (preset));
    }
  while (inflight_playground_get_n_panes (playground) > 1)
    inflight_playground_remove_pane (playground, 1);

  /* One pane: its control edits the experiment's only scenario. */
  set_spin (playground, 0, "latency-ms", 77);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_experiment_get_scenario (inflight_playground_get_experiment (playground), 0)),
                    ==, 77);

  close_window (window);
}

static void
test_same_service (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  InflightExperiment *experiment;

  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE);
  g_assert_true (inflight_playground_add_pane (playground));
  experiment = inflight_playground_get_experiment (playground);
  set_spin (playground, 1, "latency-ms", 90);
  set_spin (playground, 1, "requests", 7);
  g_assert_true (gtk_widget_get_sensitive (inflight_playground_get_control (playground, 1, "latency-ms")));

  inflight_playground_set_same_service (playground, TRUE);
  for (guint i = 1; i < 3; i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (experiment, i);

      g_assert_cmpuint (inflight_scenario_get_latency_ms (scenario), ==, 30);
      g_assert_false (gtk_widget_get_sensitive (inflight_playground_get_control (playground, i, "latency-ms")));
      g_assert_false (gtk_widget_get_sensitive (inflight_playground_get_control (playground, i, "workers")));
      /* What only the caller chooses stays each pane's own. */
      g_assert_true (gtk_widget_get_sensitive (inflight_playground_get_control (playground, i, "requests")));
      g_assert_true (gtk_widget_get_sensitive (inflight_playground_get_control (playground, i, "strategy")));
    }
  g_assert_cmpuint (inflight_scenario_get_requests (inflight_experiment_get_scenario (experiment, 1)), ==, 7);

  /* The first pane's service, changed, is every pane's. */
  set_spin (playground, 0, "latency-ms", 250);
  set_spin (playground, 0, "failure-pct", 15);
  set_spin (playground, 0, "workers", 2);
  for (guint i = 1; i < 3; i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (experiment, i);

      g_assert_cmpuint (inflight_scenario_get_latency_ms (scenario), ==, 250);
      g_assert_cmpuint (inflight_scenario_get_failure_pct (scenario), ==, 15);
      g_assert_cmpuint (inflight_scenario_get_workers (scenario), ==, 2);
      g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (inflight_playground_get_control (playground, i, "latency-ms"))),
                         ==, 250);
    }

  /* A pane added meanwhile calls the same service too. */
  g_assert_true (inflight_playground_add_pane (playground));
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_experiment_get_scenario (experiment, 3)), ==, 250);
  g_assert_false (gtk_widget_get_sensitive (inflight_playground_get_control (playground, 3, "latency-ms")));

  inflight_playground_set_same_service (playground, FALSE);
  g_assert_true (gtk_widget_get_sensitive (inflight_playground_get_control (playground, 1, "latency-ms")));
  set_spin (playground, 0, "latency-ms", 10);
  g_assert_cmpuint (inflight_scenario_get_latency_ms (inflight_experiment_get_scenario (experiment, 1)), ==, 250);

  close_window (window);
}

static void
test_results_belong_to_runs (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  g_autofree char *measured = NULL;
  g_autofree char *theory = NULL;

  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE);
  g_assert_cmpuint (assert_figures_belong (playground), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (inflight_playground_get_running (playground));
  wait_for_runs (playground);
  g_assert_cmpuint (assert_figures_belong (playground), ==, 2);

  /* Blocking waits for each call in turn; four queue workers answer the four at once. */
  g_assert_cmpint (inflight_scenario_get_strategy (inflight_run_panel_get_ran (inflight_playground_get_panel (playground, 0))),
                   ==, INFLIGHT_STRATEGY_BLOCKING);
  g_assert_cmpint (inflight_scenario_get_strategy (inflight_run_panel_get_ran (inflight_playground_get_panel (playground, 1))),
                   ==, INFLIGHT_STRATEGY_QUEUE);
  g_assert_cmpstr (inflight_playground_get_figure (playground, 0, INFLIGHT_PLAYGROUND_WAITING), !=, "–");

  /* The controls move on; the figures stay those of the runs shown. */
  measured = g_strdup (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_MEASURED));
  theory = g_strdup (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_THEORY));
  set_spin (playground, 1, "latency-ms", 2000);
  set_spin (playground, 1, "workers", 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (inflight_playground_get_control (playground, 1, "strategy")),
                              INFLIGHT_STRATEGY_CALLBACK);
  g_assert_cmpint (inflight_scenario_get_strategy (inflight_run_panel_get_scenario (inflight_playground_get_panel (playground, 1))),
                   ==, INFLIGHT_STRATEGY_CALLBACK);
  inflight_test_iterate_for (20);
  /* … dimmed, as of a run with other settings; the first pane's, unchanged, are not. */
  g_assert_true (gtk_widget_has_css_class (find_figure_label (playground, 1, measured), "dim-label"));
  g_assert_false (gtk_widget_has_css_class (find_figure_label (playground, 0, inflight_playground_get_figure (playground, 0, INFLIGHT_PLAYGROUND_MEASURED)),
                                            "dim-label"));
  g_assert_cmpstr (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_MEASURED), ==, measured);
  g_assert_cmpstr (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_THEORY), ==, theory);
  g_assert_cmpuint (assert_figures_belong (playground), ==, 2);

  close_window (window);
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("playground-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_and_open (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  g_autofree char *path = temp_path ("two.inflight");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *measured = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *now = NULL;
  InflightExperiment *experiment;

  set_two_panes (playground, INFLIGHT_STRATEGY_FUTURE, INFLIGHT_STRATEGY_QUEUE);
  set_spin (playground, 0, "seed", 4242);
  set_spin (playground, 1, "workers", 3);
  set_spin (playground, 1, "jitter-pct", 20);
  set_spin (playground, 1, "chain-depth", 3);
  inflight_playground_run (playground);
  wait_for_runs (playground);
  measured = g_strdup (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_MEASURED));
  saved = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);

  g_assert_true (inflight_playground_save_file (playground, file, TRUE, &error));
  g_assert_no_error (error);

  /* Changed, then opened again: as it was saved, its runs shown without running. */
  g_assert_true (inflight_playground_add_pane (playground));
  set_spin (playground, 0, "seed", 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (inflight_playground_get_control (playground, 1, "strategy")),
                              INFLIGHT_STRATEGY_PARALLEL);
  g_assert_true (inflight_playground_open_file (playground, file));
  g_assert_null (inflight_playground_get_error (playground));

  experiment = inflight_playground_get_experiment (playground);
  now = inflight_experiment_to_data (experiment, FALSE, NULL);
  g_assert_cmpstr (now, ==, saved);
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 2);
  g_assert_cmpint (gtk_drop_down_get_selected (GTK_DROP_DOWN (inflight_playground_get_control (playground, 1, "strategy"))),
                   ==, INFLIGHT_STRATEGY_QUEUE);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (inflight_playground_get_control (playground, 0, "seed"))),
                     ==, 4242);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (inflight_playground_get_control (playground, 1, "workers"))),
                     ==, 3);
  g_assert_false (inflight_playground_get_running (playground));
  g_assert_cmpstr (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_MEASURED), ==, measured);
  g_assert_cmpuint (assert_figures_belong (playground), ==, 2);

  remove_temp (path);
  close_window (window);
}

static void
test_bad_file_changes_nothing (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  g_autofree char *path = temp_path ("bad.inflight");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *revealer;

  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_CALLBACK);
  inflight_playground_run (playground);
  wait_for_runs (playground);
  before = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  g_assert_null (inflight_playground_get_error (playground));

  g_assert_true (g_file_set_contents (path, "[Experiment]\npanes=9\n\n[Pane 1]\nlatency-ms=banana\n", -1, NULL));
  g_assert_false (inflight_window_open_experiment (window, file));
  g_assert_nonnull (inflight_playground_get_error (playground));
  g_assert_nonnull (strstr (inflight_playground_get_error (playground), "bad.inflight"));
  g_assert_null (strchr (inflight_playground_get_error (playground), '\n'));
  revealer = inflight_test_find_widget (GTK_WIDGET (playground), GTK_TYPE_REVEALER);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_get_visible (revealer));

  after = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (assert_figures_belong (playground), ==, 2);

  /* A file that is not there is said so in the same way. */
  remove_temp (path);
  g_assert_false (inflight_playground_open_file (playground, file));
  g_assert_nonnull (inflight_playground_get_error (playground));
  g_clear_pointer (&after, g_free);
  after = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  g_assert_cmpstr (after, ==, before);

  close_window (window);
}

static void
test_leave_and_return (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE);
  inflight_playground_run (playground);
  wait_for_runs (playground);
  first = g_strdup (inflight_playground_get_figure (playground, 0, INFLIGHT_PLAYGROUND_MEASURED));
  second = g_strdup (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_MEASURED));
  g_assert_cmpstr (first, !=, "–");

  g_assert_true (inflight_window_show_lesson (window, 2));
  inflight_test_iterate_for (30);
  g_assert_nonnull (inflight_window_get_page (window));
  g_assert_true (inflight_window_show_playground (window) == playground);
  inflight_test_iterate_for (30);

  g_assert_cmpstr (inflight_playground_get_figure (playground, 0, INFLIGHT_PLAYGROUND_MEASURED), ==, first);
  g_assert_cmpstr (inflight_playground_get_figure (playground, 1, INFLIGHT_PLAYGROUND_MEASURED), ==, second);
  g_assert_cmpuint (assert_figures_belong (playground), ==, 2);

  close_window (window);
}

/* A seeded walk of what a learner does, checking after each step that every figure shown is
 * of the run beside it. */
static void
test_walk (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const char *spins[] = { "requests", "latency-ms", "workers", "jitter-pct", "failure-pct", "chain-depth", "seed" };
  guint max[] = { 6, 40, 4, 50, 50, 3, 100 };

  g_test_message ("walk seed %u", seed);
  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE);

  for (guint step = 0; step < 40; step++)
    {
      guint n = inflight_playground_get_n_panes (playground);
      guint pane = g_rand_int_range (rand, 0, n);

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:
          gtk_drop_down_set_selected (GTK_DROP_DOWN (inflight_playground_get_control (playground, pane, "strategy")),
                                      g_rand_int_range (rand, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_PARALLEL + 1));
          break;
        case 1:
          {
            guint which = g_rand_int_range (rand, 0, G_N_ELEMENTS (spins));

            set_spin (playground, pane, spins[which], g_rand_int_range (rand, which == 2 || which == 5 ? 1 : 0, max[which] + 1));
          }
          break;
        case 2:
        case 3:
          inflight_playground_run (playground);
          if (g_rand_boolean (rand))
            wait_for_runs (playground);
          break;
        case 4:
          inflight_playground_stop (playground);
          inflight_test_iterate_for (20);
          break;
        case 5:
          if (g_rand_boolean (rand))
            inflight_playground_add_pane (playground);
          else
            inflight_playground_remove_pane (playground, pane);
          break;
        case 6:
          inflight_window_show_lesson (window, g_rand_int_range (rand, 1, 12));
          inflight_test_iterate_for (20);
          inflight_window_show_playground (window);
          break;
        default:
          inflight_playground_set_same_service (playground, g_rand_boolean (rand));
          break;
        }

      inflight_test_iterate_for (10);
      assert_figures_belong (playground);
      g_assert_cmpuint (inflight_playground_get_n_panes (playground), >=, 1);
      g_assert_cmpuint (inflight_playground_get_n_panes (playground), <=, INFLIGHT_EXPERIMENT_MAX_PANES);
    }

  inflight_playground_stop (playground);
  wait_for_runs (playground);
  assert_figures_belong (playground);
  close_window (window);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)), GDK_TYPE_FILE_LIST))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static gboolean
drop_file (GtkDropTarget *target,
           GFile         *file)
{
  GValue value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean dropped = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_slist_free (files);

  return dropped;
}

/* A file dropped on a lesson opens in the playground; a bad one is said there. */
static void
test_drop_on_window (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_autofree char *path = temp_path ("dropped.inflight");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/lost.inflight");
  g_autofree char *saved = NULL;
  g_autofree char *now = NULL;

  g_assert_nonnull (target);
  set_two_panes (playground, INFLIGHT_STRATEGY_CALLBACK, INFLIGHT_STRATEGY_FUTURE);
  g_assert_true (inflight_playground_add_pane (playground));
  g_assert_true (inflight_playground_save_file (playground, file, FALSE, NULL));
  saved = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  inflight_playground_remove_pane (playground, 2);

  g_assert_true (inflight_window_show_lesson (window, 5));
  g_assert_true (drop_file (target, file));
  g_assert_null (inflight_window_get_page (window));
  now = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  g_assert_cmpstr (now, ==, saved);
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 3);

  /* One file, as some sources offer it, opens the same way. */
  inflight_playground_remove_pane (playground, 2);
  {
    GValue single = G_VALUE_INIT;
    gboolean dropped = FALSE;

    g_value_init (&single, G_TYPE_FILE);
    g_value_set_object (&single, file);
    g_signal_emit_by_name (target, "drop", &single, 10.0, 10.0, &dropped);
    g_value_unset (&single);
    g_assert_true (dropped);
    g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 3);
  }

  g_assert_false (drop_file (target, missing));
  g_assert_nonnull (inflight_playground_get_error (playground));
  g_clear_pointer (&now, g_free);
  now = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  g_assert_cmpstr (now, ==, saved);

  remove_temp (path);
  g_assert_true (inflight_window_show_lesson (window, 1));
  close_window (window);
}

/* The experiment is kept from one window, or session, to the next; one kept that no longer
 * loads gives way to the default without a word. */
static void
test_kept_across_sessions (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  GSettings *settings = inflight_application_get_settings (app);
  g_autofree char *kept = NULL;
  g_autofree char *again = NULL;

  set_two_panes (playground, INFLIGHT_STRATEGY_EVENT_LOOP, INFLIGHT_STRATEGY_PARALLEL);
  set_spin (playground, 1, "latency-ms", 321);
  kept = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  close_window (window);

  /* The playground was shown last: the next window opens on it. */
  window = make_window (app);
  g_assert_null (inflight_window_get_page (window));
  playground = inflight_window_show_playground (window);
  again = inflight_experiment_to_data (inflight_playground_get_experiment (playground), FALSE, NULL);
  g_assert_cmpstr (again, ==, kept);
  g_assert_true (inflight_window_show_lesson (window, 4));
  close_window (window);

  g_settings_set_string (settings, "playground-experiment", "[Experiment]\npanes=banana\n");
  window = make_window (app);
  g_assert_nonnull (inflight_window_get_page (window));
  playground = inflight_window_show_playground (window);
  g_assert_cmpuint (inflight_playground_get_n_panes (playground), ==, 2);
  g_assert_null (inflight_playground_get_error (playground));
  g_assert_true (inflight_window_show_lesson (window, 1));
  close_window (window);
  g_settings_reset (settings, "playground-experiment");
}

static void
test_copy_content (InflightApplication *app)
{
  InflightWindow *window = make_window (app);
  InflightPlayground *playground = inflight_window_show_playground (window);
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentFormats) formats = NULL;
  GValue value = G_VALUE_INIT;

  set_two_panes (playground, INFLIGHT_STRATEGY_BLOCKING, INFLIGHT_STRATEGY_QUEUE);
  content = inflight_playground_create_content (playground);
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));
  g_assert_false (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
  g_clear_object (&content);
  g_clear_pointer (&formats, gdk_content_formats_unref);

  inflight_playground_run (playground);
  wait_for_runs (playground);
  content = inflight_playground_create_content (playground);
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpint (gdk_texture_get_width (g_value_get_object (&value)), >, gdk_texture_get_height (g_value_get_object (&value)) / 2);
  g_value_unset (&value);

  /* Ctrl+C's action puts both on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (playground), "playground.copy", NULL));
  g_assert_nonnull (gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (playground))));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (playground))),
                                                    GDK_TYPE_TEXTURE));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(InflightApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the window on");
      return g_test_run ();
    }

  app = inflight_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_data_func ("/playground/panes-limits", app, (GTestDataFunc) test_panes_limits);
  g_test_add_data_func ("/playground/same-service", app, (GTestDataFunc) test_same_service);
  g_test_add_data_func ("/playground/results-belong-to-runs", app, (GTestDataFunc) test_results_belong_to_runs);
  g_test_add_data_func ("/playground/save-and-open", app, (GTestDataFunc) test_save_and_open);
  g_test_add_data_func ("/playground/bad-file-changes-nothing", app, (GTestDataFunc) test_bad_file_changes_nothing);
  g_test_add_data_func ("/playground/leave-and-return", app, (GTestDataFunc) test_leave_and_return);
  g_test_add_data_func ("/playground/copy", app, (GTestDataFunc) test_copy_content);
  g_test_add_data_func ("/playground/drop-on-window", app, (GTestDataFunc) test_drop_on_window);
  g_test_add_data_func ("/playground/kept-across-sessions", app, (GTestDataFunc) test_kept_across_sessions);
  g_test_add_data_func ("/playground/walk", app, (GTestDataFunc) test_walk);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));

  return status;
}
