/* inflight-lesson-page.c
 * One lesson on screen: text, the controls it needs bound to its scenarios, its inflight_lesson_page_experiment
 * run for real — one run, two side by side, a freeze of this very window, cards to sort or
 * the course's summary — the learner's guess beside theory and measurement, and questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson-page"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-card-check.h"
#include "inflight-chart-view.h"
#include "inflight-format.h"
#include "inflight-lesson-page-private.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-resources.h"
#include "inflight-run-notes.h"
#include "inflight-runner.h"
#include "inflight-runs-layout.h"
#include "inflight-widget-style.h"

/* The properties the sliders edit, and the controls that show them. */
static const struct
{
  const char       *property;
  InflightControls  control;
} bound_properties[] = {
  { "latency-ms",  INFLIGHT_CONTROL_LATENCY },
  { "requests",    INFLIGHT_CONTROL_REQUESTS },
  { "workers",     INFLIGHT_CONTROL_WORKERS },
  { "jitter-pct",  INFLIGHT_CONTROL_JITTER },
  { "failure-pct", INFLIGHT_CONTROL_FAILURE },
  { "timeout-ms",  INFLIGHT_CONTROL_TIMEOUT },
  { "chain-depth", INFLIGHT_CONTROL_CHAIN },
  { "await-after-ms", INFLIGHT_CONTROL_AWAIT },
  { "down",        INFLIGHT_CONTROL_DOWN },
  { "caller-down", INFLIGHT_CONTROL_CALLER_DOWN },
};


G_DEFINE_FINAL_TYPE (InflightLessonPage, inflight_lesson_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LESSON,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_down_hint  (InflightLessonPage *self);

InflightLessonKind
inflight_lesson_page_experiment (InflightLessonPage *self)
{
  return self->lesson != NULL ? inflight_lesson_get_experiment (self->lesson) : INFLIGHT_LESSON_KIND_SINGLE;
}

gboolean
inflight_lesson_page_has_comparison (InflightLessonPage *self)
{
  return self->comparison != NULL;
}

void
inflight_lesson_page_clear_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The comparison takes every value the learner can set, so both runs share them. */
static void
sync_comparison (InflightLessonPage *self)
{
  InflightControls controls;

  if (self->comparison == NULL || self->lesson == NULL)
    return;

  controls = inflight_lesson_get_controls (self->lesson);
  for (guint i = 0; i < G_N_ELEMENTS (bound_properties); i++)
    if (controls & bound_properties[i].control)
      {
        g_auto(GValue) value = G_VALUE_INIT;

        g_object_get_property (G_OBJECT (self->scenario), bound_properties[i].property, &value);
        g_object_set_property (G_OBJECT (self->comparison), bound_properties[i].property, &value);
      }
}

/* The values the shown run started with: @index 0 for the main run, 1 for the second; from
 * an earlier session's run when this session has none; NULL before any run. */
InflightScenario *
inflight_lesson_page_shown_run (InflightLessonPage *self,
                                guint               index)
{
  InflightRunPanel *panel = index == 0 ? self->primary_panel : self->comparison_panel;
  InflightScenario *ran = panel != NULL ? inflight_run_panel_get_ran (panel) : NULL;

  if (ran == NULL && index == 0)
    ran = self->restored_ran;
  return ran;
}

static void
on_scenario_notify_cb (InflightLessonPage *self)
{
  if (self->scenario == NULL)
    return;

  sync_comparison (self);
  inflight_lesson_page_update_theory (self);
  update_down_hint (self);
  inflight_lesson_page_save_values_soon (self);

  if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_FREEZE)
    {
      guint requests = inflight_scenario_get_requests (self->scenario);
      gint64 latency = (gint64) inflight_scenario_get_latency_ms (self->scenario) * 1000;
      g_autofree char *warning = NULL;

      /* The warning never states how long the freeze will be: that is the learner's guess. */
      if (latency * requests <= INFLIGHT_UI_FREEZE_CAP_US)
        warning = g_strdup (_("Careful: Run holds this window’s own thread. The whole window will stop "
                              "— no redrawing, no clicks — until the calls are done."));
      else
        {
          guint done = (guint) (INFLIGHT_UI_FREEZE_CAP_US / MAX (latency, 1));

          warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Careful: Run holds this window’s own thread. The whole window will "
                                                  "stop, and Inflight lets go before all the calls are done: "
                                                  "about %u of the %u call is made.",
                                                  "Careful: Run holds this window’s own thread. The whole window will "
                                                  "stop, and Inflight lets go before all the calls are done: "
                                                  "about %u of the %u calls are made.",
                                                  requests),
                                     MIN (done, requests), requests);
        }

      gtk_label_set_text (self->warning_label, warning);
    }
}

/* A queue whose workers are down keeps its requests until they come back: a run waiting for
 * that says so, rather than seeming stuck. */
static void
update_down_hint (InflightLessonPage *self)
{
  if (self->scenario == NULL ||
      !(inflight_lesson_get_controls (self->lesson) & (INFLIGHT_CONTROL_DOWN | INFLIGHT_CONTROL_CALLER_DOWN)))
    return;

  if (inflight_lesson_page_get_running (self) && inflight_scenario_get_down (self->scenario))
    inflight_lesson_page_set_detail (self, _("The workers are down: the queue keeps the requests, and the direct calls fail at once. "
                        "Bring the workers back to let the queued requests through and the run end."));
  else if (inflight_lesson_page_get_running (self) && inflight_scenario_get_caller_down (self->scenario))
    inflight_lesson_page_set_detail (self, _("The caller is down: the queue keeps its replies until it is back, and a direct call out "
                        "now loses its reply. Bring the caller back to let the run end."));
  else if (inflight_lesson_page_get_running (self))
    inflight_lesson_page_set_detail (self, NULL);
}

static void
update_running (InflightLessonPage *self)
{
  gboolean running = inflight_lesson_page_get_running (self);

  /* One of the two at a time, so the button under the pointer always does something. */
  if (running && gtk_widget_has_focus (GTK_WIDGET (self->run_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !running);
  if (!running && gtk_widget_has_focus (GTK_WIDGET (self->stop_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->run_button));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_panel_running_cb (InflightLessonPage *self)
{
  update_running (self);
}

static void
on_panel_finished_cb (InflightLessonPage *self,
                      gboolean            stopped,
                      InflightRunPanel   *panel)
{
  if (inflight_lesson_page_get_running (self))
    return;

  inflight_lesson_page_share_scale (self);
  inflight_lesson_page_show_results (self);
  if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_FREEZE)
    inflight_lesson_page_release_input_later (self);

  if (!stopped)
    inflight_lesson_page_start_sweep (self);
}

static void
on_run_clicked_cb (InflightLessonPage *self)
{
  inflight_lesson_page_run (self);
}

static void
on_stop_clicked_cb (InflightLessonPage *self)
{
  inflight_lesson_page_stop (self);
}

static void
on_reset_clicked_cb (InflightLessonPage *self)
{
  inflight_lesson_page_reset (self);
}

static void
inflight_lesson_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (inflight_lesson_page_parent_class)->map (widget);
  inflight_lesson_page_questions_mapped (INFLIGHT_LESSON_PAGE (widget));
}

/* Makes the lesson's scenarios afresh from its presets and hands them to the panels. */
static void
load_scenarios (InflightLessonPage *self)
{
  g_binding_group_set_source (self->bindings, NULL);
  if (self->scenario != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario, self);
  g_clear_object (&self->scenario);
  g_clear_object (&self->comparison);

  if (self->lesson == NULL)
    {
      inflight_run_panel_set_scenario (self->primary_panel, NULL);
      if (self->comparison_panel != NULL)
        inflight_run_panel_set_scenario (self->comparison_panel, NULL);
      return;
    }

  self->scenario = inflight_lesson_create_scenario (self->lesson);
  self->comparison = inflight_lesson_create_comparison (self->lesson);
  g_signal_connect_object (self->scenario, "notify", G_CALLBACK (on_scenario_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_binding_group_set_source (self->bindings, self->scenario);

  if (self->comparison != NULL)
    inflight_lesson_page_ensure_comparison (self);
  inflight_run_panel_set_scenario (self->primary_panel, self->scenario);
  inflight_run_panel_set_title (self->primary_panel,
                                self->comparison != NULL ? inflight_lesson_get_run_title (self->lesson) : NULL);
  if (self->comparison_panel != NULL)
    {
      inflight_run_panel_set_scenario (self->comparison_panel, self->comparison);
      inflight_run_panel_set_title (self->comparison_panel, inflight_lesson_get_comparison_title (self->lesson));
      gtk_widget_set_visible (GTK_WIDGET (self->comparison_panel), self->comparison != NULL);
      inflight_diagram_pane_set_show_events (inflight_run_panel_get_pane (self->comparison_panel), FALSE);
    }

  /* Two diagrams side by side, or a diagram over a chart, need the height; each keeps its
   * event list a click away. */
  inflight_diagram_pane_set_show_events (inflight_run_panel_get_pane (self->primary_panel),
                                         self->comparison == NULL &&
                                         inflight_lesson_page_experiment (self) != INFLIGHT_LESSON_KIND_ORDERS);

  on_scenario_notify_cb (self);
}

static void
clear_result (InflightLessonPage *self)
{
  InflightLessonKind kind = inflight_lesson_page_experiment (self);
  gboolean runs = kind != INFLIGHT_LESSON_KIND_SORT && kind != INFLIGHT_LESSON_KIND_SUMMARY;

  /* A fresh start: the guess is asked for again, before the run. */
  gtk_widget_set_visible (self->prediction_box,
                          self->lesson != NULL && runs &&
                          inflight_lesson_get_prediction_prompt (self->lesson) != NULL);
  inflight_lesson_page_set_result_text (self, NULL);
  inflight_lesson_page_set_detail (self, NULL);
  gtk_spin_button_set_value (self->guess_spin, 0);
  self->frame_gap = 0;
  self->run_guess = 0;
  self->left_running = FALSE;
  self->held_events = 0;
  g_clear_object (&self->restored_ran);
  g_clear_pointer (&self->restored_theory, g_free);
  inflight_lesson_page_update_theory (self);
}

static void
on_progress_changed_cb (InflightLessonPage *self)
{
  gboolean done = self->lesson != NULL && self->progress != NULL &&
                  inflight_progress_is_completed (self->progress, inflight_lesson_get_number (self->lesson));

  gtk_widget_set_visible (GTK_WIDGET (self->done_image), done);

  /* The summary counts what the sidebar marks, as it changes. */
  if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_SUMMARY && self->lesson != NULL)
    inflight_lesson_page_build_summary (self);
}

static void
follow_panel (InflightLessonPage *self,
              InflightRunPanel   *panel)
{
  g_signal_connect_object (panel, "notify::running", G_CALLBACK (on_panel_running_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "finished", G_CALLBACK (on_panel_finished_cb), self,
                           G_CONNECT_SWAPPED);
}

/* The second run's panel, made the first time a lesson with two runs is shown: most lessons
 * have one run, and a panel kept hidden would still cost the window's first frame its making.
 * Returns: (transfer none): the panel, in the runs' box after the first */
InflightRunPanel *
inflight_lesson_page_ensure_comparison (InflightLessonPage *self)
{
  if (self->comparison_panel == NULL)
    {
      self->comparison_panel = INFLIGHT_RUN_PANEL (inflight_run_panel_new ());
      gtk_widget_set_visible (GTK_WIDGET (self->comparison_panel), FALSE);
      gtk_widget_insert_after (GTK_WIDGET (self->comparison_panel), self->runs_box,
                               GTK_WIDGET (self->primary_panel));
      follow_panel (self, self->comparison_panel);
    }

  return self->comparison_panel;
}

static void
inflight_lesson_page_dispose (GObject *object)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (object);

  inflight_lesson_page_stop (self);
  inflight_lesson_page_stop_frame_watch (self);
  inflight_lesson_page_release_input (self);
  if (self->save_timeout != 0)
    inflight_lesson_page_save_values (self);
  g_cancellable_cancel (self->sort_cancellable);
  inflight_lesson_page_cancel_sweep (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), INFLIGHT_TYPE_LESSON_PAGE);
  /* It went with the runs' box. */
  self->comparison_panel = NULL;

  g_clear_object (&self->bindings);
  g_clear_object (&self->lesson);
  g_clear_object (&self->scenario);
  g_clear_object (&self->comparison);
  g_clear_object (&self->progress);
  g_clear_object (&self->sort_cancellable);
  g_clear_object (&self->restored_ran);

  G_OBJECT_CLASS (inflight_lesson_page_parent_class)->dispose (object);
}

static void
inflight_lesson_page_finalize (GObject *object)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (object);

  g_free (self->result_text);
  g_free (self->restored_theory);

  G_OBJECT_CLASS (inflight_lesson_page_parent_class)->finalize (object);
}

static void
inflight_lesson_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_LESSON:
      g_value_set_object (value, self->lesson);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, inflight_lesson_page_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_lesson_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_LESSON:
      inflight_lesson_page_set_lesson (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_lesson_page_class_init (InflightLessonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_lesson_page_dispose;
  object_class->finalize = inflight_lesson_page_finalize;
  object_class->get_property = inflight_lesson_page_get_property;
  object_class->set_property = inflight_lesson_page_set_property;
  widget_class->map = inflight_lesson_page_map;

  properties[PROP_LESSON] =
    g_param_spec_object ("lesson", NULL, NULL,
                         INFLIGHT_TYPE_LESSON,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (INFLIGHT_TYPE_RUN_PANEL);

  /* Referencing the resource keeps it, and its registration, in the static library's link. */
  (void) inflight_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/inflight-lesson-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, name)
  BIND (box);
  BIND (title_label);
  BIND (done_image);
  BIND (body_label);
  BIND (controls_grid);
  BIND (warning_label);
  BIND (prediction_box);
  BIND (prediction_label);
  BIND (guess_spin);
  BIND (buttons_box);
  BIND (run_button);
  BIND (stop_button);
  BIND (reset_button);
  BIND (result_box);
  BIND (measured_label);
  BIND (theory_label);
  BIND (stale_label);
  BIND (detail_label);
  BIND (questions_box);
  BIND (experiment_stack);
  BIND (runs_box);
  BIND (primary_panel);
  BIND (chart_slot);
  BIND (chart_quantity_box);
  BIND (chart_throughput_button);
  BIND (sort_box);
  BIND (summary_box);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonpage");
}

static void
inflight_lesson_page_init (InflightLessonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sort_cancellable = g_cancellable_new ();
  gtk_widget_set_layout_manager (self->runs_box, inflight_runs_layout_new ());

  self->chart_view = INFLIGHT_CHART_VIEW (inflight_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_view), -1, 160);
  gtk_box_append (self->chart_slot, GTK_WIDGET (self->chart_view));
  g_object_bind_property (self->chart_throughput_button, "active", self->chart_view, "throughput",
                          G_BINDING_SYNC_CREATE);

  /* The controls edit whichever scenario the current lesson has, live; each binds itself
   * here when it is made. */
  self->bindings = g_binding_group_new ();

  follow_panel (self, self->primary_panel);
}

GtkWidget *
inflight_lesson_page_new (void)
{
  return g_object_new (INFLIGHT_TYPE_LESSON_PAGE, NULL);
}

InflightLesson *
inflight_lesson_page_get_lesson (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return self->lesson;
}

/**
 * inflight_lesson_page_set_progress:
 * @progress: (nullable): where visits, completions, answers and results go
 */
void
inflight_lesson_page_set_progress (InflightLessonPage *self,
                                   InflightProgress   *progress)
{
  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_data (self->progress, self);
  g_set_object (&self->progress, progress);
  if (progress != NULL)
    g_signal_connect_object (progress, "changed", G_CALLBACK (on_progress_changed_cb), self,
                             G_CONNECT_SWAPPED);
  on_progress_changed_cb (self);
}

/**
 * inflight_lesson_page_set_lesson:
 *
 * Shows @lesson with its presets. A run under way is stopped first.
 */
void
inflight_lesson_page_set_lesson (InflightLessonPage *self,
                                 InflightLesson     *lesson)
{
  g_autofree char *title = NULL;
  InflightLessonKind kind;
  const char *prompt;
  gboolean runs;

  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));
  g_return_if_fail (!lesson || INFLIGHT_IS_LESSON (lesson));

  if (self->lesson == lesson)
    return;

  inflight_lesson_page_stop (self);
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);
  self->sort_cancellable = g_cancellable_new ();
  g_set_object (&self->lesson, lesson);
  load_scenarios (self);
  clear_result (self);
  inflight_lesson_page_restore_from_progress (self);

  if (lesson == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
      return;
    }

  kind = inflight_lesson_get_experiment (lesson);
  runs = kind != INFLIGHT_LESSON_KIND_SORT && kind != INFLIGHT_LESSON_KIND_SUMMARY;

  /* Translators: a lesson's number and title */
  title = g_strdup_printf (_("%u · %s"), inflight_lesson_get_number (lesson), inflight_lesson_get_title (lesson));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_markup (self->body_label, inflight_lesson_get_body (lesson));

  inflight_lesson_page_show_controls (self, runs ? inflight_lesson_get_controls (lesson) : INFLIGHT_CONTROL_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), kind == INFLIGHT_LESSON_KIND_FREEZE);
  gtk_widget_set_visible (self->buttons_box, runs);
  gtk_widget_set_visible (self->result_box, runs);

  prompt = inflight_lesson_get_prediction_prompt (lesson);
  gtk_label_set_text (self->prediction_label, prompt != NULL ? prompt : "");

  gtk_widget_set_visible (GTK_WIDGET (self->chart_slot), FALSE);
  inflight_chart_view_set_sweep (self->chart_view, NULL);

  /* A lesson that freezes the window watches its frames while it is shown: a frame clock
   * that was idle before the run would otherwise give no frame to measure from. */
  inflight_lesson_page_stop_frame_watch (self);
  self->last_frame = 0;
  if (kind == INFLIGHT_LESSON_KIND_FREEZE)
    self->frame_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), inflight_lesson_page_frame_watch_cb, NULL, NULL);

  if (kind == INFLIGHT_LESSON_KIND_SORT)
    {
      inflight_lesson_page_build_sort_cards (self);
      gtk_stack_set_visible_child_name (self->experiment_stack, "sort");
    }
  else if (kind == INFLIGHT_LESSON_KIND_SUMMARY)
    {
      inflight_lesson_page_build_summary (self);
      gtk_stack_set_visible_child_name (self->experiment_stack, "summary");
    }
  else
    gtk_stack_set_visible_child_name (self->experiment_stack, "runs");

  inflight_lesson_page_show_questions (self);

  if (self->progress != NULL)
    {
      inflight_progress_mark_visited (self->progress, inflight_lesson_get_number (lesson));
      if (kind == INFLIGHT_LESSON_KIND_SUMMARY)
        inflight_progress_mark_completed (self->progress, inflight_lesson_get_number (lesson));
    }
  on_progress_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

/**
 * inflight_lesson_page_get_scenario:
 *
 * Returns: (transfer none) (nullable): the scenario the controls edit.
 */
InflightScenario *
inflight_lesson_page_get_scenario (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return self->scenario;
}

/**
 * inflight_lesson_page_get_comparison:
 *
 * Returns: (transfer none) (nullable): the second run's scenario, kept in
 * step with the controls, for lessons that run two.
 */
InflightScenario *
inflight_lesson_page_get_comparison (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return self->comparison;
}

/**
 * inflight_lesson_page_get_panel:
 * @index: 0 for the main run, 1 for the second
 *
 * Returns: (transfer none): the run's panel
 */
InflightRunPanel *
inflight_lesson_page_get_panel (InflightLessonPage *self,
                                guint               index)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return index == 0 ? self->primary_panel : inflight_lesson_page_ensure_comparison (self);
}

gboolean
inflight_lesson_page_get_running (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), FALSE);

  return inflight_run_panel_get_running (self->primary_panel) ||
         (self->comparison_panel != NULL && inflight_run_panel_get_running (self->comparison_panel));
}

/**
 * inflight_lesson_page_run:
 *
 * Runs the lesson's inflight_lesson_page_experiment for real, as set now, and shows it live:
 * both runs at once when the lesson compares two.
 */
void
inflight_lesson_page_run (InflightLessonPage *self)
{
  InflightLessonKind kind;

  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  if (self->scenario == NULL || inflight_lesson_page_get_running (self))
    return;

  kind = inflight_lesson_page_experiment (self);
  if (kind == INFLIGHT_LESSON_KIND_SORT || kind == INFLIGHT_LESSON_KIND_SUMMARY)
    return;

  inflight_lesson_page_set_result_text (self, _("Running…"));
  inflight_lesson_page_set_detail (self, NULL);

  /* The guess belongs to the run it was made for; a run from an earlier session gives way. */
  self->run_guess = gtk_widget_get_visible (self->prediction_box) ? gtk_spin_button_get_value (self->guess_spin) : 0;
  self->left_running = FALSE;
  self->held_events = 0;
  g_clear_object (&self->restored_ran);
  g_clear_pointer (&self->restored_theory, g_free);
  inflight_lesson_page_save_values (self);

  /* The window's frames are watched from the lesson's start: the freeze shows up as the
   * longest gap from now on. */
  if (kind == INFLIGHT_LESSON_KIND_FREEZE)
    {
      self->frame_gap = 0;
      inflight_lesson_page_hold_input (self);
    }

  gtk_widget_set_visible (self->prediction_box, FALSE);
  inflight_run_panel_run (self->primary_panel);
  if (inflight_lesson_page_has_comparison (self))
    inflight_run_panel_run (self->comparison_panel);
  inflight_lesson_page_share_scale (self);
  inflight_lesson_page_update_theory (self);
  update_down_hint (self);
}

/**
 * inflight_lesson_page_stop:
 *
 * Cancels the runs under way, if any. The page is ready for another run at
 * once; the stopped runs end promptly in the background.
 */
void
inflight_lesson_page_stop (InflightLessonPage *self)
{
  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  /* Once the template has gone (a second dispose), there is nothing left to stop. */
  if (self->primary_panel != NULL)
    inflight_run_panel_stop (self->primary_panel);
  if (self->comparison_panel != NULL)
    inflight_run_panel_stop (self->comparison_panel);
  inflight_lesson_page_cancel_sweep (self);
}

/**
 * inflight_lesson_page_reset:
 *
 * Puts the controls back to the lesson's presets and clears the runs.
 */
void
inflight_lesson_page_reset (InflightLessonPage *self)
{
  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  inflight_lesson_page_stop (self);
  load_scenarios (self);
  clear_result (self);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_slot), FALSE);
  inflight_chart_view_set_sweep (self->chart_view, NULL);
  if (self->progress != NULL && self->lesson != NULL)
    {
      inflight_progress_set_values (self->progress, inflight_lesson_get_number (self->lesson), NULL);
      inflight_progress_set_run (self->progress, inflight_lesson_get_number (self->lesson), NULL, NULL, NULL, NULL);
    }
}

/**
 * inflight_lesson_page_get_result_text:
 *
 * Returns: what the result card says now, as plain text
 */
const char *
inflight_lesson_page_get_result_text (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return self->result_text;
}

/**
 * inflight_lesson_page_get_frame_gap:
 *
 * Returns: the longest time, in µs, between two frames of the window during
 * the last run of a freezing lesson; 0 if none was measured.
 */
gint64
inflight_lesson_page_get_frame_gap (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), 0);

  return self->frame_gap;
}

/**
 * inflight_lesson_page_leave:
 *
 * The learner moves to another lesson. Its sliders are kept; a run under way
 * is stopped and says so when the learner comes back; a chart or histogram
 * being filled in goes on in the background.
 */
void
inflight_lesson_page_leave (InflightLessonPage *self)
{
  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  inflight_lesson_page_save_values (self);
  if (!inflight_lesson_page_get_running (self))
    return;

  self->left_running = TRUE;
  inflight_run_panel_stop (self->primary_panel);
  if (self->comparison_panel != NULL)
    inflight_run_panel_stop (self->comparison_panel);
}

/**
 * inflight_lesson_page_enter:
 *
 * The learner opens the page again: it is visited, and shows what it showed.
 */
void
inflight_lesson_page_enter (InflightLessonPage *self)
{
  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  if (self->progress != NULL && self->lesson != NULL)
    inflight_progress_mark_visited (self->progress, inflight_lesson_get_number (self->lesson));
}

/**
 * inflight_lesson_page_has_diagram:
 *
 * Returns: whether the lesson runs something and draws it
 */
gboolean
inflight_lesson_page_has_diagram (InflightLessonPage *self)
{
  InflightLessonKind kind;

  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), FALSE);

  kind = inflight_lesson_page_experiment (self);
  return self->lesson != NULL && kind != INFLIGHT_LESSON_KIND_SORT && kind != INFLIGHT_LESSON_KIND_SUMMARY;
}

/**
 * inflight_lesson_page_get_detail_text:
 *
 * Returns: the line under the result: guess, counts, notes; "" when none
 */
const char *
inflight_lesson_page_get_detail_text (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

/**
 * inflight_lesson_page_get_theory_text:
 *
 * Returns: what the theory line says now
 */
const char *
inflight_lesson_page_get_theory_text (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return gtk_label_get_text (self->theory_label);
}

/**
 * inflight_lesson_page_get_stale_text:
 *
 * Returns: (nullable): the note that the shown run had other values than
 * the sliders have now, or %NULL when there is none
 */
const char *
inflight_lesson_page_get_stale_text (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->stale_label)) ? gtk_label_get_text (self->stale_label) : NULL;
}
