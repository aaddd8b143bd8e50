/* inflight-lesson-page.c
 * One lesson on screen: text, sliders bound to the scenario, a real run, and its result.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson-page"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-diagram-pane.h"
#include "inflight-format.h"
#include "inflight-lesson-page.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-resources.h"
#include "inflight-runner.h"
#include "inflight-sequence-view.h"

struct _InflightLessonPage
{
  GtkWidget             parent_instance;

  InflightLesson       *lesson;
  InflightScenario     *scenario;
  GBindingGroup        *bindings;
  InflightTrace        *trace;        /* the current run's, or the last one's */
  GCancellable         *cancellable;  /* the current run's; NULL when idle */

  GtkBox               *box;
  GtkLabel             *title_label;
  GtkLabel             *body_label;
  GtkLabel             *latency_label;
  GtkScale             *latency_scale;
  GtkLabel             *requests_label;
  GtkScale             *requests_scale;
  GtkButton            *run_button;
  GtkButton            *stop_button;
  GtkLabel             *measured_label;
  GtkLabel             *theory_label;
  GtkLabel             *detail_label;
  InflightDiagramPane  *pane;
  InflightSequenceView *view;
};

/* What a run's completion needs to know, even if the page has moved on. */
typedef struct
{
  InflightLessonPage *page;
  InflightTrace      *trace;
  InflightScenario   *scenario;
} RunClosure;

G_DEFINE_FINAL_TYPE (InflightLessonPage, inflight_lesson_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LESSON,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
run_closure_free (RunClosure *closure)
{
  g_clear_object (&closure->page);
  g_clear_object (&closure->trace);
  g_clear_object (&closure->scenario);
  g_free (closure);
}

static void
update_theory (InflightLessonPage *self)
{
  g_autofree char *predicted = NULL;
  g_autofree char *text = NULL;

  if (self->scenario == NULL)
    return;

  predicted = inflight_format_duration (inflight_model_predict_total (self->scenario));
  text = g_strdup_printf (_("Theory: %s"), predicted);
  gtk_label_set_text (self->theory_label, text);
}

static void
set_running (InflightLessonPage *self,
             gboolean            running)
{
  /* One of the two at a time, so the button under the pointer always does something. */
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
  if (running && gtk_widget_has_focus (GTK_WIDGET (self->run_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));
  else if (!running && gtk_widget_has_focus (GTK_WIDGET (self->stop_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->run_button));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
show_result (InflightLessonPage *self,
             InflightScenario   *scenario,
             gboolean            stopped)
{
  g_autoptr(InflightTraceSnapshot) snap = inflight_trace_snapshot (self->trace);
  g_autofree char *total = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *detail = NULL;
  InflightMetrics metrics;
  double waited;

  inflight_metrics_compute (snap, &metrics);
  total = inflight_format_duration (metrics.total);
  waited = inflight_metrics_lane_share (snap, 0, INFLIGHT_SPAN_WAITING);

  if (stopped)
    markup = g_markup_printf_escaped (_("Stopped after <b>%s</b>"), total);
  else
    markup = g_markup_printf_escaped (_("Measured: <b>%s</b>"), total);
  gtk_label_set_markup (self->measured_label, markup);

  detail = g_strdup_printf (_("%u of %u replies in; the caller waited %.0f%% of the time"),
                            metrics.replies, inflight_scenario_get_requests (scenario),
                            waited * 100);
  gtk_label_set_text (self->detail_label, detail);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunClosure *closure = user_data;
  InflightLessonPage *self = closure->page;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  gboolean stopped;

  stopped = !inflight_runner_run_finish (INFLIGHT_RUNNER (object), result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The run ended with an error: %s", error->message);

  /* A run the learner has moved away from is not reported. */
  if (self->trace == closure->trace)
    {
      if (self->cancellable != NULL)
        {
          g_clear_object (&self->cancellable);
          set_running (self, FALSE);
        }
      show_result (self, closure->scenario, stopped);
    }

  if (app != NULL)
    g_application_release (app);

  run_closure_free (closure);
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

static char *
format_latency_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  /* Translators: a latency slider's value */
  return g_strdup_printf (_("%.0f ms"), value);
}

static void
inflight_lesson_page_dispose (GObject *object)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (object);

  inflight_lesson_page_stop (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), INFLIGHT_TYPE_LESSON_PAGE);

  g_clear_object (&self->bindings);
  g_clear_object (&self->lesson);
  g_clear_object (&self->scenario);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (inflight_lesson_page_parent_class)->dispose (object);
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
  object_class->get_property = inflight_lesson_page_get_property;
  object_class->set_property = inflight_lesson_page_set_property;

  properties[PROP_LESSON] =
    g_param_spec_object ("lesson", NULL, NULL,
                         INFLIGHT_TYPE_LESSON,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (INFLIGHT_TYPE_DIAGRAM_PANE);

  /* Referencing the resource keeps it, and its registration, in the static library's link. */
  (void) inflight_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/inflight-lesson-page.ui");
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, box);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, body_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, latency_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, latency_scale);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, requests_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, requests_scale);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, measured_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, theory_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, detail_label);
  gtk_widget_class_bind_template_child (widget_class, InflightLessonPage, pane);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonpage");
}

static void
inflight_lesson_page_init (InflightLessonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->view = inflight_diagram_pane_get_view (self->pane);

  gtk_scale_set_format_value_func (self->latency_scale, format_latency_cb, NULL, NULL);

  /* The sliders edit whichever scenario the current lesson has. */
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "latency-ms",
                        gtk_range_get_adjustment (GTK_RANGE (self->latency_scale)), "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "requests",
                        gtk_range_get_adjustment (GTK_RANGE (self->requests_scale)), "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
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
 * inflight_lesson_page_set_lesson:
 *
 * Shows @lesson with its preset. A run under way is stopped first.
 */
void
inflight_lesson_page_set_lesson (InflightLessonPage *self,
                                 InflightLesson     *lesson)
{
  g_autofree char *title = NULL;
  InflightControls controls;

  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));
  g_return_if_fail (!lesson || INFLIGHT_IS_LESSON (lesson));

  if (self->lesson == lesson)
    return;

  inflight_lesson_page_stop (self);
  g_set_object (&self->lesson, lesson);

  g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->scenario);
  g_clear_object (&self->trace);
  inflight_sequence_view_set_trace (self->view, NULL);
  gtk_label_set_text (self->measured_label, _("Not run yet"));
  gtk_label_set_text (self->detail_label, "");

  if (lesson != NULL)
    {
      self->scenario = inflight_lesson_create_scenario (lesson);
      g_signal_connect_object (self->scenario, "notify",
                               G_CALLBACK (update_theory), self, G_CONNECT_SWAPPED);
      g_binding_group_set_source (self->bindings, self->scenario);

      /* Translators: a lesson's number and title */
      title = g_strdup_printf (_("%u · %s"), inflight_lesson_get_number (lesson),
                               inflight_lesson_get_title (lesson));
      gtk_label_set_text (self->title_label, title);
      gtk_label_set_markup (self->body_label, inflight_lesson_get_body (lesson));

      controls = inflight_lesson_get_controls (lesson);
      gtk_widget_set_visible (GTK_WIDGET (self->latency_label), controls & INFLIGHT_CONTROL_LATENCY);
      gtk_widget_set_visible (GTK_WIDGET (self->latency_scale), controls & INFLIGHT_CONTROL_LATENCY);
      gtk_widget_set_visible (GTK_WIDGET (self->requests_label), controls & INFLIGHT_CONTROL_REQUESTS);
      gtk_widget_set_visible (GTK_WIDGET (self->requests_scale), controls & INFLIGHT_CONTROL_REQUESTS);
      update_theory (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
}

/**
 * inflight_lesson_page_get_scenario:
 *
 * Returns: (transfer none) (nullable): the scenario the sliders edit.
 */
InflightScenario *
inflight_lesson_page_get_scenario (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), NULL);

  return self->scenario;
}

gboolean
inflight_lesson_page_get_running (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * inflight_lesson_page_run:
 *
 * Runs the lesson's scenario for real, as it is set now, and shows it live.
 */
void
inflight_lesson_page_run (InflightLessonPage *self)
{
  g_autoptr(InflightRunner) runner = NULL;
  GApplication *app = g_application_get_default ();
  RunClosure *closure;

  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  if (self->scenario == NULL || self->cancellable != NULL)
    return;

  runner = inflight_runner_new (inflight_scenario_get_strategy (self->scenario));
  if (runner == NULL)
    {
      gtk_label_set_text (self->measured_label, _("This experiment cannot be run yet"));
      return;
    }

  g_clear_object (&self->trace);
  self->trace = inflight_trace_new ();
  self->cancellable = g_cancellable_new ();

  inflight_sequence_view_set_expected_duration (self->view,
                                                inflight_model_predict_total (self->scenario));
  inflight_sequence_view_set_strategy_title (self->view,
                                             inflight_strategy_get_title (inflight_scenario_get_strategy (self->scenario)));
  inflight_sequence_view_set_trace (self->view, self->trace);
  gtk_label_set_text (self->measured_label, _("Running…"));
  gtk_label_set_text (self->detail_label, "");

  closure = g_new0 (RunClosure, 1);
  closure->page = g_object_ref (self);
  closure->trace = g_object_ref (self->trace);
  closure->scenario = inflight_scenario_copy (self->scenario);

  /* Keep the application alive until every thread of the run is joined. */
  if (app != NULL)
    g_application_hold (app);

  inflight_runner_run_async (runner, self->scenario, self->trace, self->cancellable,
                             run_done_cb, closure);
  set_running (self, TRUE);
}

/**
 * inflight_lesson_page_stop:
 *
 * Cancels the run under way, if any. The page is ready for another run at
 * once; the stopped run ends promptly in the background and, if its diagram
 * is still shown, its result shows as stopped.
 */
void
inflight_lesson_page_stop (InflightLessonPage *self)
{
  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
}
