/* inflight-lesson-page.c
 * One lesson on screen: text, the controls it needs bound to its scenarios, its experiment
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
#include "inflight-lesson-page.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-question-view.h"
#include "inflight-resources.h"
#include "inflight-run-notes.h"
#include "inflight-runner.h"
#include "inflight-runs-layout.h"
#include "inflight-widget-style.h"

/* Lesson 8's chart sweeps the workers over this range; lesson 10 repeats its run this often. */
#define SWEEP_WORKERS_FROM 1
#define ORDER_RUNS         20

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

struct _InflightLessonPage
{
  GtkWidget             parent_instance;

  InflightLesson       *lesson;
  InflightScenario     *scenario;      /* the main run's, edited by the sliders */
  InflightScenario     *comparison;    /* the second run's, kept in step; or NULL */
  InflightProgress     *progress;
  GBindingGroup        *bindings;
  GCancellable         *sort_cancellable;
  GCancellable         *sweep_cancellable;
  InflightChartView    *chart_view;
  char                 *result_text;
  double                run_guess;     /* s, as the learner guessed before the shown run; 0: none */
  gboolean              left_running;  /* the shown run was stopped by leaving the lesson */
  InflightScenario     *restored_ran;  /* the values of a run kept from an earlier session */
  char                 *restored_theory;
  GtkEventController   *held_input;    /* drops input queued during a freeze */
  gboolean              holding;
  guint                 held_events;
  guint                 hold_idle;
  guint                 save_timeout;  /* the sliders' values, kept a moment after they move */
  guint                 frame_tick;
  gint64                last_frame;
  gint64                frame_gap;

  GtkBox               *box;
  GtkLabel             *title_label;
  GtkImage             *done_image;
  GtkLabel             *body_label;
  GtkGrid              *controls_grid;
  GtkWidget            *latency_label;
  GtkScale             *latency_scale;
  GtkWidget            *requests_label;
  GtkScale             *requests_scale;
  GtkWidget            *workers_label;
  GtkScale             *workers_scale;
  GtkWidget            *jitter_label;
  GtkScale             *jitter_scale;
  GtkWidget            *failure_label;
  GtkScale             *failure_scale;
  GtkWidget            *timeout_label;
  GtkScale             *timeout_scale;
  GtkWidget            *chain_label;
  GtkScale             *chain_scale;
  GtkWidget            *await_label;
  GtkScale             *await_scale;
  GtkToggleButton      *down_toggle;
  GtkToggleButton      *caller_down_toggle;
  GtkLabel             *warning_label;
  GtkWidget            *prediction_box;
  GtkLabel             *prediction_label;
  GtkSpinButton        *guess_spin;
  GtkWidget            *buttons_box;
  GtkButton            *run_button;
  GtkButton            *stop_button;
  GtkButton            *reset_button;
  GtkWidget            *result_box;
  GtkLabel             *measured_label;
  GtkLabel             *theory_label;
  GtkLabel             *stale_label;
  GtkLabel             *detail_label;
  GtkBox               *questions_box;
  GtkStack             *experiment_stack;
  GtkWidget            *runs_box;
  InflightRunPanel     *primary_panel;
  InflightRunPanel     *comparison_panel;
  GtkBox               *chart_slot;
  GtkWidget            *chart_quantity_box;
  GtkToggleButton      *chart_throughput_button;
  GtkBox               *sort_box;
  GtkBox               *summary_box;
};

G_DEFINE_FINAL_TYPE (InflightLessonPage, inflight_lesson_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LESSON,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void build_summary (InflightLessonPage *self);
static void show_results      (InflightLessonPage *self);
static void update_down_hint  (InflightLessonPage *self);
static void save_values_soon  (InflightLessonPage *self);
static void set_detail        (InflightLessonPage *self,
                               const char         *text);

static InflightExperiment
experiment (InflightLessonPage *self)
{
  return self->lesson != NULL ? inflight_lesson_get_experiment (self->lesson) : INFLIGHT_EXPERIMENT_SINGLE;
}

static gboolean
has_comparison (InflightLessonPage *self)
{
  return self->comparison != NULL;
}

static void
clear_children (GtkBox *box)
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
static InflightScenario *
shown_run (InflightLessonPage *self,
           guint               index)
{
  InflightScenario *ran = inflight_run_panel_get_ran (index == 0 ? self->primary_panel : self->comparison_panel);

  if (ran == NULL && index == 0)
    ran = self->restored_ran;
  return ran;
}

static char *
describe_theory (InflightLessonPage *self,
                 InflightScenario   *scenario,
                 InflightScenario   *comparison)
{
  g_autofree char *primary = inflight_format_duration (inflight_model_predict_total (scenario));
  g_autofree char *second = NULL;

  if (comparison == NULL)
    return g_strdup_printf (_("Theory: %s"), primary);

  second = inflight_format_duration (inflight_model_predict_total (comparison));
  /* Translators: the theory for two runs side by side, each named */
  return g_strdup_printf (_("Theory: %s %s · %s %s"),
                          inflight_run_panel_get_title (self->primary_panel), primary,
                          inflight_run_panel_get_title (self->comparison_panel), second);
}

/* The sliders' names and values, as the note on a run with other values gives them. */
static const struct
{
  const char       *property;
  InflightControls  control;
  const char       *name;
  const char       *unit;
} described_values[] = {
  { "latency-ms",  INFLIGHT_CONTROL_LATENCY,  N_("Latency"),      "ms" },
  { "requests",    INFLIGHT_CONTROL_REQUESTS, N_("Requests"),     NULL },
  { "workers",     INFLIGHT_CONTROL_WORKERS,  N_("Workers"),      NULL },
  { "jitter-pct",  INFLIGHT_CONTROL_JITTER,   N_("Jitter"),       "%" },
  { "failure-pct", INFLIGHT_CONTROL_FAILURE,  N_("Failure rate"), "%" },
  { "timeout-ms",  INFLIGHT_CONTROL_TIMEOUT,  N_("Timeout"),      "ms" },
  { "chain-depth", INFLIGHT_CONTROL_CHAIN,    N_("Chain depth"),  NULL },
  { "await-after-ms", INFLIGHT_CONTROL_AWAIT, N_("Work before awaiting"), "ms" },
};

static guint
get_uint (InflightScenario *scenario,
          const char       *property)
{
  guint value = 0;

  g_object_get (scenario, property, &value, NULL);
  return value;
}

static char *
describe_value (guint i,
                guint value)
{
  if (g_strcmp0 (described_values[i].property, "timeout-ms") == 0 && value == 0)
    /* Translators: a slider and its value in a list, such as "Timeout never" */
    return g_strdup_printf (_("%s never"), _(described_values[i].name));
  if (g_strcmp0 (described_values[i].unit, "ms") == 0)
    /* Translators: a slider and its value in a list, such as "Latency 400 ms" */
    return g_strdup_printf (_("%s %u ms"), _(described_values[i].name), value);
  if (g_strcmp0 (described_values[i].unit, "%") == 0)
    /* Translators: a slider and its value in a list, such as "Jitter 20 %" */
    return g_strdup_printf (_("%s %u %%"), _(described_values[i].name), value);
  /* Translators: a slider and its value in a list, such as "Requests 5" */
  return g_strdup_printf (_("%s %u"), _(described_values[i].name), value);
}

/* Says so when the sliders no longer hold the values the shown run had, and which those were:
 * the measurement, theory and counts beside it are that run's. */
static void
update_stale_note (InflightLessonPage *self)
{
  InflightScenario *ran = shown_run (self, 0);
  InflightControls controls = self->lesson != NULL ? inflight_lesson_get_controls (self->lesson) : 0;
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *note = NULL;

  /* During a run too: a slider moved then applies to the next run, not to this one. */
  if (ran != NULL && self->scenario != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (described_values); i++)
      if ((controls & described_values[i].control) != 0 &&
          get_uint (ran, described_values[i].property) != get_uint (self->scenario, described_values[i].property))
        g_ptr_array_add (used, describe_value (i, get_uint (ran, described_values[i].property)));

  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), used->len > 0);
  if (used->len == 0)
    return;

  g_ptr_array_add (used, NULL);
  /* Translators: the separator of a list of sliders and their values */
  list = g_strjoinv (_(", "), (char **) used->pdata);
  /* Translators: %s is a list of sliders and their values, such as "Latency 400 ms, Requests 5" */
  note = g_strdup_printf (_("The run shown had %s. The sliders have changed since: run again to measure them."), list);
  gtk_label_set_text (self->stale_label, note);
}

/* The theory beside the shown run is that run's; with no run yet, it is the sliders'. */
static void
update_theory (InflightLessonPage *self)
{
  g_autofree char *theory = NULL;
  InflightScenario *ran = inflight_run_panel_get_ran (self->primary_panel);

  if (self->scenario == NULL)
    return;

  if (ran != NULL)
    theory = describe_theory (self, ran, has_comparison (self) ? shown_run (self, 1) : NULL);
  else if (self->restored_theory != NULL)
    theory = g_strdup (self->restored_theory);
  else
    theory = describe_theory (self, self->scenario, self->comparison);
  gtk_label_set_text (self->theory_label, theory);
  update_stale_note (self);
}

static void
on_scenario_notify_cb (InflightLessonPage *self)
{
  if (self->scenario == NULL)
    return;

  sync_comparison (self);
  update_theory (self);
  update_down_hint (self);
  save_values_soon (self);

  if (experiment (self) == INFLIGHT_EXPERIMENT_FREEZE)
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

/* Keeps the sliders' values with the learner's progress, to find them again next time. */
static void
save_values (InflightLessonPage *self)
{
  g_autofree char *values = NULL;

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (self->progress == NULL || self->lesson == NULL || self->scenario == NULL)
    return;

  values = inflight_lesson_page_values_to_string (self->scenario);
  inflight_progress_set_values (self->progress, inflight_lesson_get_number (self->lesson), values);
}

static gboolean
save_values_cb (gpointer data)
{
  InflightLessonPage *self = data;

  self->save_timeout = 0;
  save_values (self);
  return G_SOURCE_REMOVE;
}

/* A slider dragged writes its values once it rests, not at every step. */
static void
save_values_soon (InflightLessonPage *self)
{
  if (self->save_timeout == 0 && self->progress != NULL)
    self->save_timeout = g_timeout_add (300, save_values_cb, self);
}

/* Input that reached the window while its thread was frozen arrives all at once after the
 * freeze; it is counted and let go, so that a queued click cannot take the learner away from
 * the report of the freeze it was part of. */
static gboolean
on_held_event_cb (InflightLessonPage       *self,
                  GdkEvent                 *event,
                  GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
      self->held_events++;
      return TRUE;

    case GDK_BUTTON_RELEASE:
    case GDK_KEY_RELEASE:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_SCROLL:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
hold_input (InflightLessonPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->held_input != NULL || root == NULL)
    return;

  self->held_input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->held_input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->held_input, "event", G_CALLBACK (on_held_event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (root), g_object_ref (self->held_input));
}

static void
release_input (InflightLessonPage *self)
{
  GtkWidget *widget;

  g_clear_handle_id (&self->hold_idle, g_source_remove);
  if (self->held_input == NULL)
    return;

  widget = gtk_event_controller_get_widget (self->held_input);
  if (widget != NULL)
    gtk_widget_remove_controller (widget, self->held_input);
  g_clear_object (&self->held_input);
}

static gboolean
release_input_cb (gpointer data)
{
  InflightLessonPage *self = data;

  self->hold_idle = 0;
  release_input (self);
  show_results (self);
  return G_SOURCE_REMOVE;
}

/* Let go once the input queued during the freeze has been delivered: the window's events are
 * dispatched before anything of a lower priority runs. */
static void
release_input_later (InflightLessonPage *self)
{
  if (self->held_input != NULL && self->hold_idle == 0)
    self->hold_idle = g_timeout_add_full (G_PRIORITY_LOW, 150, release_input_cb, self, NULL);
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
    set_detail (self, _("The workers are down: the queue keeps the requests, and the direct calls fail at once. "
                        "Bring the workers back to let the queued requests through and the run end."));
  else if (inflight_lesson_page_get_running (self) && inflight_scenario_get_caller_down (self->scenario))
    set_detail (self, _("The caller is down: the queue keeps its replies until it is back, and a direct call out "
                        "now loses its reply. Bring the caller back to let the run end."));
  else if (inflight_lesson_page_get_running (self))
    set_detail (self, NULL);
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
set_result_text (InflightLessonPage *self,
                 const char         *markup)
{
  g_free (self->result_text);
  self->result_text = NULL;
  gtk_label_set_markup (self->measured_label, markup);
  self->result_text = g_strdup (gtk_label_get_text (self->measured_label));
}

/* An empty label would be read out by its type name: it is shown only with something to say. */
static void
set_detail (InflightLessonPage *self,
            const char         *text)
{
  gtk_label_set_text (self->detail_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), text != NULL && *text != '\0');
}

/* One run's measurement, as a sentence: "2.01 s" or "0.05 s, 3 of 3 failed". */
static char *
describe_run (InflightMetrics  *metrics,
              gboolean          stopped)
{
  g_autofree char *total = inflight_format_duration (metrics->total);

  if (stopped)
    return g_strdup_printf (_("stopped after %s"), total);
  if (metrics->timeouts > 0)
    /* Translators: a run's total time, then how many of its calls timed out */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u timed out", "%s, %u timed out", metrics->timeouts),
                            total, metrics->timeouts);
  if (metrics->failed > 0)
    /* Translators: a run's total time, then how many of its calls failed */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u failed", "%s, %u failed", metrics->failed),
                            total, metrics->failed);
  return g_steal_pointer (&total);
}

/* The replies a run with these values expects: a chain of callbacks makes a call per link. */
static guint
expected_replies (InflightScenario *ran)
{
  return inflight_scenario_get_requests (ran) *
         (inflight_scenario_get_strategy (ran) == INFLIGHT_STRATEGY_CALLBACK ? inflight_scenario_get_chain_depth (ran) : 1);
}

/* Parallel computing sends no requests: it has no replies to count. */
static char *
describe_replies (InflightMetrics  *metrics,
                  InflightScenario *ran)
{
  guint expected = expected_replies (ran);

  if (inflight_scenario_get_strategy (ran) == INFLIGHT_STRATEGY_PARALLEL)
    return NULL;

  if (metrics->lost > 0)
    /* Translators: the second sentence counts replies that came to a caller that had gone down */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u replies in. %u more was lost.",
                                         "%u of %u replies in. %u more were lost.", metrics->lost),
                            metrics->replies, expected, metrics->lost);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u reply in.", "%u of %u replies in.", expected),
                          metrics->replies, expected);
}

/* Two runs side by side share one time scale: the longer of the two. */
static void
share_scale (InflightLessonPage *self)
{
  InflightSequenceView *first = inflight_diagram_pane_get_view (inflight_run_panel_get_pane (self->primary_panel));
  InflightSequenceView *second = inflight_diagram_pane_get_view (inflight_run_panel_get_pane (self->comparison_panel));
  InflightMetrics metrics;
  gint64 end = 0;

  if (!has_comparison (self))
    {
      inflight_sequence_view_set_shared_end (first, 0);
      return;
    }

  end = MAX (inflight_model_predict_total (shown_run (self, 0) != NULL ? shown_run (self, 0) : self->scenario),
             inflight_model_predict_total (shown_run (self, 1) != NULL ? shown_run (self, 1) : self->comparison));
  if (inflight_run_panel_get_result (self->primary_panel, &metrics, NULL))
    end = MAX (end, metrics.total);
  if (inflight_run_panel_get_result (self->comparison_panel, &metrics, NULL))
    end = MAX (end, metrics.total);

  inflight_sequence_view_set_shared_end (first, end);
  inflight_sequence_view_set_shared_end (second, end);
}

static void
sweep_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GApplication *app = g_application_get_default ();

  inflight_sweep_run_finish (INFLIGHT_SWEEP (object), result, NULL);
  if (app != NULL)
    g_application_release (app);
}

static void
cancel_sweep (InflightLessonPage *self)
{
  if (self->sweep_cancellable != NULL)
    {
      g_cancellable_cancel (self->sweep_cancellable);
      g_clear_object (&self->sweep_cancellable);
    }
}

/* Lessons 8 and 10: once the runs are done, more real runs fill in the chart, in the background. */
static void
start_sweep (InflightLessonPage *self)
{
  g_autoptr(InflightSweep) sweep = NULL;
  GApplication *app = g_application_get_default ();

  cancel_sweep (self);

  /* The chart belongs to the run it follows: it sweeps from that run's values. */
  if (experiment (self) == INFLIGHT_EXPERIMENT_SWEEP && shown_run (self, 1) != NULL)
    sweep = inflight_sweep_new_workers (shown_run (self, 1), SWEEP_WORKERS_FROM,
                                        inflight_lesson_sweep_workers_to (inflight_scenario_get_requests (shown_run (self, 1))));
  else if (experiment (self) == INFLIGHT_EXPERIMENT_ORDERS && shown_run (self, 0) != NULL)
    sweep = inflight_sweep_new_seeds (shown_run (self, 0), ORDER_RUNS);
  else
    return;

  self->sweep_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->chart_quantity_box, experiment (self) == INFLIGHT_EXPERIMENT_SWEEP);
  inflight_chart_view_set_sweep (self->chart_view, sweep);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_slot), TRUE);

  /* Keep the application alive until the sweep's runs have joined their threads. */
  if (app != NULL)
    g_application_hold (app);
  inflight_sweep_run_async (sweep, self->sweep_cancellable, sweep_done_cb, NULL);
}

static gint64
frame_gap_or_measured (InflightLessonPage *self,
                       InflightMetrics    *metrics)
{
  return experiment (self) == INFLIGHT_EXPERIMENT_FREEZE ? MAX (self->frame_gap, metrics->longest_freeze) : metrics->total;
}

static void
stop_frame_watch (InflightLessonPage *self)
{
  if (self->frame_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->frame_tick);
      self->frame_tick = 0;
    }
}

/* The window's own frame clock: the longest stretch without a frame is how long it froze.
 * Each frame is timed when it really happens: the clock's own frame times are smoothed,
 * and after a stall they lag behind what the learner saw. */
static gboolean
frame_watch_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (widget);
  gint64 now = g_get_monotonic_time ();

  if (self->last_frame != 0)
    self->frame_gap = MAX (self->frame_gap, now - self->last_frame);
  self->last_frame = now;

  return G_SOURCE_CONTINUE;
}

/* What the shown run measured, beside its own theory, its counts and the guess made before it. */
static void
show_results (InflightLessonPage *self)
{
  InflightMetrics primary, second;
  gboolean primary_stopped = FALSE, second_stopped = FALSE, two = FALSE;
  InflightScenario *ran = inflight_run_panel_get_ran (self->primary_panel);
  g_autofree char *primary_text = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  double guess = self->run_guess;

  if (ran == NULL || !inflight_run_panel_get_result (self->primary_panel, &primary, &primary_stopped))
    return;

  primary_text = describe_run (&primary, primary_stopped);

  if (has_comparison (self) && inflight_run_panel_get_ran (self->comparison_panel) != NULL &&
      inflight_run_panel_get_result (self->comparison_panel, &second, &second_stopped))
    {
      g_autofree char *second_text = describe_run (&second, second_stopped);

      two = TRUE;
      /* Translators: two runs' measurements side by side, each named */
      markup = g_markup_printf_escaped (_("Measured: %s <b>%s</b> · %s <b>%s</b>"),
                                        inflight_run_panel_get_title (self->primary_panel), primary_text,
                                        inflight_run_panel_get_title (self->comparison_panel), second_text);
    }
  else if (experiment (self) == INFLIGHT_EXPERIMENT_FREEZE)
    {
      g_autofree char *freeze = NULL;

      /* The run ends on the first heartbeat after the freeze, before the window has drawn its
       * next frame: the stretch since its last frame belongs to the gap too. */
      if (self->last_frame != 0)
        self->frame_gap = MAX (self->frame_gap, g_get_monotonic_time () - self->last_frame);

      /* One figure for the freeze: what the learner saw, no frame drawn. */
      freeze = inflight_format_duration (MAX (self->frame_gap, primary.longest_freeze));

      markup = g_markup_printf_escaped (_("The window froze for <b>%s</b>"), freeze);
    }
  else if (primary_stopped)
    {
      g_autofree char *total = inflight_format_duration (primary.total);

      markup = self->left_running
               ? g_markup_printf_escaped (_("Stopped after <b>%s</b>, when you left the lesson"), total)
               : g_markup_printf_escaped (_("Stopped after <b>%s</b>"), total);
    }
  else
    markup = g_markup_printf_escaped (_("Measured: <b>%s</b>"), primary_text);
  set_result_text (self, markup);

  if (guess > 0)
    {
      g_autofree char *text = inflight_format_duration ((gint64) (guess * G_USEC_PER_SEC));

      g_string_append_printf (detail, _("Your guess: %s. "), text);
    }

  if (experiment (self) == INFLIGHT_EXPERIMENT_FREEZE && self->frame_gap > 0)
    {
      g_autofree char *calls = inflight_format_duration (primary.longest_freeze);

      g_string_append_printf (detail, _("The calls held the window’s thread for %s of that: its heartbeat stopped. "
                                        "The rest is the time to the frames the window drew just before and after it. "),
                              calls);
    }

  if (two)
    {
      g_autofree char *first = describe_replies (&primary, ran);
      g_autofree char *other = describe_replies (&second, inflight_run_panel_get_ran (self->comparison_panel));

      if (first != NULL && other != NULL)
        /* Translators: each run's name and how many of its replies came in */
        g_string_append_printf (detail, _("%s: %s %s: %s"),
                                inflight_run_panel_get_title (self->primary_panel), first,
                                inflight_run_panel_get_title (self->comparison_panel), other);
      else if (first != NULL || other != NULL)
        /* Translators: a run's name and how many of its replies came in */
        g_string_append_printf (detail, _("%s: %s"),
                                inflight_run_panel_get_title (first != NULL ? self->primary_panel : self->comparison_panel),
                                first != NULL ? first : other);
    }
  else
    {
      g_autofree char *replies = describe_replies (&primary, ran);

      if (replies != NULL)
        g_string_append (detail, replies);
    }
  if (primary.out_of_order > 0)
    {
      g_autofree char *why = inflight_run_notes_out_of_order (primary.out_of_order,
                                                              inflight_scenario_get_jitter_pct (ran));

      g_string_append (detail, why);
    }
  if (self->held_events > 0)
    g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                 " You clicked or pressed a key %u time during the freeze: the window "
                                                 "only received it afterwards, and Inflight let it go so that this "
                                                 "report stays on screen.",
                                                 " You clicked or pressed keys %u times during the freeze: the window "
                                                 "only received them afterwards, all at once, and Inflight let them go "
                                                 "so that this report stays on screen.",
                                                 self->held_events),
                            self->held_events);
  set_detail (self, detail->str);
  update_theory (self);

  if (self->progress != NULL)
    {
      g_autofree char *values = inflight_lesson_page_values_to_string (ran);

      inflight_progress_set_run (self->progress, inflight_lesson_get_number (self->lesson), values, markup,
                                 gtk_label_get_text (self->theory_label), detail->str);
    }

  /* A run that went to its end completes the lesson and counts in the summary. */
  if (!primary_stopped && self->progress != NULL)
    {
      InflightResult result = {
        guess > 0 ? (gint64) (guess * G_USEC_PER_SEC) : INFLIGHT_NO_GUESS,
        inflight_model_predict_total (ran),
        frame_gap_or_measured (self, &primary),
      };

      inflight_progress_set_result (self->progress, inflight_lesson_get_number (self->lesson), &result);
      inflight_progress_mark_completed (self->progress, inflight_lesson_get_number (self->lesson));
    }
}

static void
on_panel_finished_cb (InflightLessonPage *self,
                      gboolean            stopped,
                      InflightRunPanel   *panel)
{
  if (inflight_lesson_page_get_running (self))
    return;

  share_scale (self);
  show_results (self);
  if (experiment (self) == INFLIGHT_EXPERIMENT_FREEZE)
    release_input_later (self);

  if (!stopped)
    start_sweep (self);
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

static char *
format_ms_cb (GtkScale *scale,
              double    value,
              gpointer  user_data)
{
  /* Translators: a slider's value in milliseconds */
  return g_strdup_printf (_("%.0f ms"), value);
}

static char *
format_timeout_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  if (value < 1)
    /* Translators: the timeout slider at 0: the caller waits for ever */
    return g_strdup (_("never"));

  return g_strdup_printf (_("%.0f ms"), value);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  /* Translators: a slider's value in percent */
  return g_strdup_printf (_("%.0f %%"), value);
}

/* Lesson 12: a situation the learner sorts, then checks by running it both ways. */
typedef struct
{
  InflightLessonPage     *page;
  const InflightSortCard *card;
  guint                   index;
  GtkLabel               *verdict;
  GtkLabel               *measured;
  GtkToggleButton        *choices[2];  /* synchronous, asynchronous: the one chosen stays pressed */
} SortCard;

typedef struct
{
  SortCard     *card;          /* gone once @cancellable is cancelled */
  GCancellable *cancellable;
} SortCheck;

static void
sort_check_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree SortCheck *pending = user_data;
  g_autoptr(GCancellable) cancellable = pending->cancellable;
  GApplication *app = g_application_get_default ();
  InflightCardCheck check;

  /* The page stopped the check and its card may be gone with it. */
  if (inflight_card_check_finish (result, &check, NULL) && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *text = inflight_card_check_describe (&check);

      gtk_label_set_text (pending->card->measured, text);
      gtk_widget_set_visible (GTK_WIDGET (pending->card->measured), TRUE);
    }

  if (app != NULL)
    g_application_release (app);
}

/* Checks a card by running its calls both ways, for real, without a diagram, and by the
 * measure that decides it. */
static void
check_sort_card (SortCard *card)
{
  InflightLessonPage *self = card->page;
  GApplication *app = g_application_get_default ();
  SortCheck *pending = g_new0 (SortCheck, 1);

  pending->card = card;
  pending->cancellable = g_object_ref (self->sort_cancellable);
  if (app != NULL)
    g_application_hold (app);
  inflight_card_check_async (card->card, self->sort_cancellable, sort_check_done_cb, pending);
}

static void
update_sort_completion (InflightLessonPage *self)
{
  guint n_cards, sorted = 0;
  const InflightSortCard *cards = inflight_lessons_get_sort_cards (&n_cards);

  if (self->progress == NULL)
    return;

  for (guint i = 0; i < n_cards; i++)
    sorted += inflight_progress_get_choice (self->progress, inflight_lesson_get_number (self->lesson),
                                            cards[i].title) != INFLIGHT_NO_ANSWER;

  if (sorted == n_cards)
    inflight_progress_mark_completed (self->progress, inflight_lesson_get_number (self->lesson));
}

static void
show_sort_verdict (SortCard *card,
                   gboolean  asynchronous,
                   gboolean  check)
{
  gboolean right = asynchronous == card->card->asynchronous;
  const char *verdict;
  g_autofree char *markup = NULL;

  /* The verdict names the choice it judges: the pressed button shows it too. */
  if (right)
    verdict = asynchronous ? _("Asynchronous is right.") : _("Synchronous is right.");
  else
    verdict = asynchronous ? _("You chose asynchronous: not quite.") : _("You chose synchronous: not quite.");
  markup = g_markup_printf_escaped ("<b>%s</b> %s", verdict, _(card->card->why));
  gtk_toggle_button_set_active (card->choices[asynchronous ? 1 : 0], TRUE);

  gtk_label_set_markup (card->verdict, markup);
  gtk_widget_remove_css_class (GTK_WIDGET (card->verdict), right ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (card->verdict), right ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (card->verdict), TRUE);

  if (check)
    check_sort_card (card);
}

static void
on_sort_choice_cb (GtkButton *button,
                   SortCard  *card)
{
  InflightLessonPage *self = card->page;
  gboolean asynchronous = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "asynchronous"));

  if (self->progress != NULL)
    inflight_progress_set_choice (self->progress, inflight_lesson_get_number (self->lesson),
                                  card->card->title, asynchronous);
  show_sort_verdict (card, asynchronous, TRUE);
  update_sort_completion (self);
}

static GtkWidget *
choice_button (SortCard   *card,
               const char *label,
               gboolean    asynchronous)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *text = gtk_label_new (label);
  g_autofree char *name = g_strdup_printf ("%s: %s", label, _(card->card->title));

  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "asynchronous", GINT_TO_POINTER (asynchronous));
  g_signal_connect (button, "clicked", G_CALLBACK (on_sort_choice_cb), card);
  card->choices[asynchronous ? 1 : 0] = GTK_TOGGLE_BUTTON (button);
  if (asynchronous)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), card->choices[0]);

  return button;
}

static void
build_sort_cards (InflightLessonPage *self)
{
  const InflightSortCard *cards;
  guint n_cards;
  GtkWidget *heading = gtk_label_new (_("Wait, or carry on?"));

  clear_children (self->sort_box);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (self->sort_box, heading);

  cards = inflight_lessons_get_sort_cards (&n_cards);
  for (guint i = 0; i < n_cards; i++)
    {
      SortCard *card = g_new0 (SortCard, 1);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (_(cards[i].title));
      GtkWidget *detail = gtk_label_new (_(cards[i].detail));
      GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gint saved;

      card->page = self;
      card->card = &cards[i];
      card->index = i;
      g_object_set_data_full (G_OBJECT (box), "card", card, g_free);

      gtk_widget_add_css_class (box, "result-card");
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), detail);

      gtk_box_append (GTK_BOX (choices), choice_button (card, _("Synchronous"), FALSE));
      gtk_box_append (GTK_BOX (choices), choice_button (card, _("Asynchronous"), TRUE));
      gtk_box_append (GTK_BOX (box), choices);

      card->verdict = GTK_LABEL (gtk_label_new (NULL));
      card->measured = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (card->verdict, TRUE);
      gtk_label_set_xalign (card->verdict, 0);
      gtk_label_set_xalign (card->measured, 0);
      gtk_widget_add_css_class (GTK_WIDGET (card->measured), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (card->measured), "numeric");
      gtk_widget_set_visible (GTK_WIDGET (card->verdict), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (card->measured), FALSE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->verdict));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->measured));

      gtk_box_append (self->sort_box, box);

      saved = self->progress != NULL
              ? inflight_progress_get_choice (self->progress, inflight_lesson_get_number (self->lesson),
                                              cards[i].title)
              : INFLIGHT_NO_ANSWER;
      if (saved != INFLIGHT_NO_ANSWER)
        show_sort_verdict (card, saved != 0, FALSE);
    }
}

static void
append_summary_line (InflightLessonPage *self,
                     const char         *text,
                     const char         *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (self->summary_box, label);
}

/* Lesson 13: the takeaways, then what this learner saw for themselves. */
static void
build_summary (InflightLessonPage *self)
{
  GListModel *lessons = inflight_lessons_get_all ();
  const char * const *takeaways = inflight_lesson_get_takeaways (self->lesson);
  guint completed = 0, answered = 0, right = 0, results = 0;
  g_autofree char *tally = NULL;

  clear_children (self->summary_box);
  append_summary_line (self, _("What to take with you"), "title-3");
  for (guint i = 0; takeaways != NULL && takeaways[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("•  %s", _(takeaways[i]));

      append_summary_line (self, line, NULL);
    }

  append_summary_line (self, _("What you measured"), "title-3");

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);
      guint number = inflight_lesson_get_number (lesson);
      InflightResult result;

      if (self->progress == NULL)
        break;

      for (guint q = 0; q < inflight_lesson_get_n_questions (lesson); q++)
        {
          gint answer = inflight_progress_get_answer (self->progress, number, q);

          answered += answer != INFLIGHT_NO_ANSWER;
          right += answer == (gint) inflight_lesson_get_question (lesson, q)->correct;
        }

      if (inflight_progress_get_result (self->progress, number, &result))
        {
          g_autofree char *theory = inflight_format_duration (result.theory);
          g_autofree char *measured = inflight_format_duration (result.measured);
          g_autofree char *guess = result.guess >= 0 ? inflight_format_duration (result.guess) : NULL;
          g_autofree char *line = NULL;

          if (guess != NULL)
            /* Translators: a lesson's number and title, then the learner's guess, the theory and the measurement */
            line = g_strdup_printf (_("%u · %s — your guess %s · theory %s · measured %s"),
                                    number, inflight_lesson_get_title (lesson), guess, theory, measured);
          else
            line = g_strdup_printf (_("%u · %s — theory %s · measured %s"),
                                    number, inflight_lesson_get_title (lesson), theory, measured);
          append_summary_line (self, line, "numeric");
          results++;
        }
    }

  if (results == 0)
    append_summary_line (self, _("Nothing yet: run the lessons’ experiments and your measurements gather here."),
                         "dim-label");

  if (self->progress != NULL)
    completed = inflight_progress_count_completed (self->progress);

  {
    guint n_lessons = g_list_model_get_n_items (lessons);
    g_autofree char *lessons_done =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Lessons completed: %u of %u", "Lessons completed: %u of %u",
                                    n_lessons),
                       completed, n_lessons);
    g_autofree char *answers_right =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "questions answered right: %u of %u",
                                    "questions answered right: %u of %u", answered),
                       right, answered);

    /* Translators: the lessons completed, then the questions answered right */
    tally = g_strdup_printf (_("%s · %s"), lessons_done, answers_right);
  }
  append_summary_line (self, tally, "heading");
}

static void
build_questions (InflightLessonPage *self)
{
  guint n = inflight_lesson_get_n_questions (self->lesson);

  clear_children (self->questions_box);
  if (n == 0)
    return;

  {
    GtkWidget *heading = gtk_label_new (_("Check yourself"));

    gtk_widget_add_css_class (heading, "title-4");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_box_append (self->questions_box, heading);
  }

  for (guint i = 0; i < n; i++)
    gtk_box_append (self->questions_box,
                    inflight_question_view_new (inflight_lesson_get_question (self->lesson, i),
                                                inflight_lesson_get_number (self->lesson), i,
                                                self->progress));
}

static void
show_controls (InflightLessonPage *self,
               InflightControls    controls)
{
  struct { GtkWidget *label; GtkScale *scale; InflightControls control; } rows[] = {
    { self->latency_label, self->latency_scale, INFLIGHT_CONTROL_LATENCY },
    { self->requests_label, self->requests_scale, INFLIGHT_CONTROL_REQUESTS },
    { self->workers_label, self->workers_scale, INFLIGHT_CONTROL_WORKERS },
    { self->jitter_label, self->jitter_scale, INFLIGHT_CONTROL_JITTER },
    { self->failure_label, self->failure_scale, INFLIGHT_CONTROL_FAILURE },
    { self->timeout_label, self->timeout_scale, INFLIGHT_CONTROL_TIMEOUT },
    { self->chain_label, self->chain_scale, INFLIGHT_CONTROL_CHAIN },
    { self->await_label, self->await_scale, INFLIGHT_CONTROL_AWAIT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_set_visible (rows[i].label, (controls & rows[i].control) != 0);
      gtk_widget_set_visible (GTK_WIDGET (rows[i].scale), (controls & rows[i].control) != 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->down_toggle), (controls & INFLIGHT_CONTROL_DOWN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->caller_down_toggle), (controls & INFLIGHT_CONTROL_CALLER_DOWN) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->controls_grid), controls != INFLIGHT_CONTROL_NONE);
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
      inflight_run_panel_set_scenario (self->comparison_panel, NULL);
      return;
    }

  self->scenario = inflight_lesson_create_scenario (self->lesson);
  self->comparison = inflight_lesson_create_comparison (self->lesson);
  g_signal_connect_object (self->scenario, "notify", G_CALLBACK (on_scenario_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_binding_group_set_source (self->bindings, self->scenario);

  inflight_run_panel_set_scenario (self->primary_panel, self->scenario);
  inflight_run_panel_set_scenario (self->comparison_panel, self->comparison);
  inflight_run_panel_set_title (self->primary_panel,
                                self->comparison != NULL ? inflight_lesson_get_run_title (self->lesson) : NULL);
  inflight_run_panel_set_title (self->comparison_panel, inflight_lesson_get_comparison_title (self->lesson));
  gtk_widget_set_visible (GTK_WIDGET (self->comparison_panel), self->comparison != NULL);

  /* Two diagrams side by side, or a diagram over a chart, need the height; each keeps its
   * event list a click away. */
  inflight_diagram_pane_set_show_events (inflight_run_panel_get_pane (self->primary_panel),
                                         self->comparison == NULL &&
                                         experiment (self) != INFLIGHT_EXPERIMENT_ORDERS);
  inflight_diagram_pane_set_show_events (inflight_run_panel_get_pane (self->comparison_panel), FALSE);

  on_scenario_notify_cb (self);
}

static void
clear_result (InflightLessonPage *self)
{
  InflightExperiment kind = experiment (self);
  gboolean runs = kind != INFLIGHT_EXPERIMENT_SORT && kind != INFLIGHT_EXPERIMENT_SUMMARY;

  /* A fresh start: the guess is asked for again, before the run. */
  gtk_widget_set_visible (self->prediction_box,
                          self->lesson != NULL && runs &&
                          inflight_lesson_get_prediction_prompt (self->lesson) != NULL);
  set_result_text (self, _("Not run yet"));
  set_detail (self, NULL);
  gtk_spin_button_set_value (self->guess_spin, 0);
  self->frame_gap = 0;
  self->run_guess = 0;
  self->left_running = FALSE;
  self->held_events = 0;
  g_clear_object (&self->restored_ran);
  g_clear_pointer (&self->restored_theory, g_free);
  update_theory (self);
}

/* The sliders as the learner left them, and the last run's result, from an earlier session:
 * its diagram is not kept, and the result says so. */
static void
restore_from_progress (InflightLessonPage *self)
{
  const char *values, *ran, *measured, *theory, *detail;
  g_autofree char *note = NULL;
  guint number;

  if (self->progress == NULL || self->lesson == NULL || self->scenario == NULL)
    return;

  number = inflight_lesson_get_number (self->lesson);
  values = inflight_progress_get_values (self->progress, number);
  if (values != NULL)
    inflight_lesson_page_apply_values (self->scenario, values);

  if (!inflight_progress_get_run (self->progress, number, &ran, &measured, &theory, &detail))
    return;

  self->restored_ran = inflight_lesson_create_scenario (self->lesson);
  inflight_lesson_page_apply_values (self->restored_ran, ran);
  self->restored_theory = g_strdup (theory);
  gtk_widget_set_visible (self->prediction_box, FALSE);
  set_result_text (self, measured);
  note = g_strdup_printf (_("%s From your last session: run again to see its diagram."), detail);
  set_detail (self, g_strstrip (note));
  update_theory (self);
}

static void
on_progress_changed_cb (InflightLessonPage *self)
{
  gboolean done = self->lesson != NULL && self->progress != NULL &&
                  inflight_progress_is_completed (self->progress, inflight_lesson_get_number (self->lesson));

  gtk_widget_set_visible (GTK_WIDGET (self->done_image), done);

  /* The summary counts what the sidebar marks, as it changes. */
  if (experiment (self) == INFLIGHT_EXPERIMENT_SUMMARY && self->lesson != NULL)
    build_summary (self);
}

static void
inflight_lesson_page_dispose (GObject *object)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (object);

  inflight_lesson_page_stop (self);
  stop_frame_watch (self);
  release_input (self);
  if (self->save_timeout != 0)
    save_values (self);
  g_cancellable_cancel (self->sort_cancellable);
  cancel_sweep (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), INFLIGHT_TYPE_LESSON_PAGE);

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
  BIND (latency_label);
  BIND (latency_scale);
  BIND (requests_label);
  BIND (requests_scale);
  BIND (workers_label);
  BIND (workers_scale);
  BIND (jitter_label);
  BIND (jitter_scale);
  BIND (failure_label);
  BIND (failure_scale);
  BIND (timeout_label);
  BIND (timeout_scale);
  BIND (chain_label);
  BIND (chain_scale);
  BIND (await_label);
  BIND (await_scale);
  BIND (down_toggle);
  BIND (caller_down_toggle);
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
  BIND (comparison_panel);
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
  struct { GtkScale *scale; const char *property; GtkScaleFormatValueFunc format; } scales[] = {
    { self->latency_scale, "latency-ms", format_ms_cb },
    { self->requests_scale, "requests", NULL },
    { self->workers_scale, "workers", NULL },
    { self->jitter_scale, "jitter-pct", format_percent_cb },
    { self->failure_scale, "failure-pct", format_percent_cb },
    { self->timeout_scale, "timeout-ms", format_timeout_cb },
    { self->chain_scale, "chain-depth", NULL },
    { self->await_scale, "await-after-ms", format_ms_cb },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->sort_cancellable = g_cancellable_new ();
  gtk_widget_set_layout_manager (self->runs_box, inflight_runs_layout_new ());

  self->chart_view = INFLIGHT_CHART_VIEW (inflight_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_view), -1, 160);
  gtk_box_append (self->chart_slot, GTK_WIDGET (self->chart_view));
  g_object_bind_property (self->chart_throughput_button, "active", self->chart_view, "throughput",
                          G_BINDING_SYNC_CREATE);

  /* The same array again, now that the template has filled in the widgets. */
  scales[0].scale = self->latency_scale;
  scales[1].scale = self->requests_scale;
  scales[2].scale = self->workers_scale;
  scales[3].scale = self->jitter_scale;
  scales[4].scale = self->failure_scale;
  scales[5].scale = self->timeout_scale;
  scales[6].scale = self->chain_scale;
  scales[7].scale = self->await_scale;

  /* The controls edit whichever scenario the current lesson has, live. */
  self->bindings = g_binding_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      if (scales[i].format != NULL)
        gtk_scale_set_format_value_func (scales[i].scale, scales[i].format, NULL, NULL);
      g_binding_group_bind (self->bindings, scales[i].property,
                            gtk_range_get_adjustment (GTK_RANGE (scales[i].scale)), "value",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  g_binding_group_bind (self->bindings, "down", self->down_toggle, "active",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "caller-down", self->caller_down_toggle, "active",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  for (guint i = 0; i < 2; i++)
    {
      InflightRunPanel *panel = i == 0 ? self->primary_panel : self->comparison_panel;

      g_signal_connect_object (panel, "notify::running", G_CALLBACK (on_panel_running_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (panel, "finished", G_CALLBACK (on_panel_finished_cb), self,
                               G_CONNECT_SWAPPED);
    }
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
  InflightExperiment kind;
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
  restore_from_progress (self);

  if (lesson == NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LESSON]);
      return;
    }

  kind = inflight_lesson_get_experiment (lesson);
  runs = kind != INFLIGHT_EXPERIMENT_SORT && kind != INFLIGHT_EXPERIMENT_SUMMARY;

  /* Translators: a lesson's number and title */
  title = g_strdup_printf (_("%u · %s"), inflight_lesson_get_number (lesson), inflight_lesson_get_title (lesson));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_markup (self->body_label, inflight_lesson_get_body (lesson));

  show_controls (self, runs ? inflight_lesson_get_controls (lesson) : INFLIGHT_CONTROL_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), kind == INFLIGHT_EXPERIMENT_FREEZE);
  gtk_widget_set_visible (self->buttons_box, runs);
  gtk_widget_set_visible (self->result_box, runs);

  prompt = inflight_lesson_get_prediction_prompt (lesson);
  gtk_label_set_text (self->prediction_label, prompt != NULL ? prompt : "");

  gtk_widget_set_visible (GTK_WIDGET (self->chart_slot), FALSE);
  inflight_chart_view_set_sweep (self->chart_view, NULL);

  /* A lesson that freezes the window watches its frames while it is shown: a frame clock
   * that was idle before the run would otherwise give no frame to measure from. */
  stop_frame_watch (self);
  self->last_frame = 0;
  if (kind == INFLIGHT_EXPERIMENT_FREEZE)
    self->frame_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), frame_watch_cb, NULL, NULL);

  if (kind == INFLIGHT_EXPERIMENT_SORT)
    {
      build_sort_cards (self);
      gtk_stack_set_visible_child_name (self->experiment_stack, "sort");
    }
  else if (kind == INFLIGHT_EXPERIMENT_SUMMARY)
    {
      build_summary (self);
      gtk_stack_set_visible_child_name (self->experiment_stack, "summary");
    }
  else
    gtk_stack_set_visible_child_name (self->experiment_stack, "runs");

  build_questions (self);

  if (self->progress != NULL)
    {
      inflight_progress_mark_visited (self->progress, inflight_lesson_get_number (lesson));
      if (kind == INFLIGHT_EXPERIMENT_SUMMARY)
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

  return index == 0 ? self->primary_panel : self->comparison_panel;
}

gboolean
inflight_lesson_page_get_running (InflightLessonPage *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), FALSE);

  return inflight_run_panel_get_running (self->primary_panel) ||
         inflight_run_panel_get_running (self->comparison_panel);
}

/**
 * inflight_lesson_page_run:
 *
 * Runs the lesson's experiment for real, as set now, and shows it live:
 * both runs at once when the lesson compares two.
 */
void
inflight_lesson_page_run (InflightLessonPage *self)
{
  InflightExperiment kind;

  g_return_if_fail (INFLIGHT_IS_LESSON_PAGE (self));

  if (self->scenario == NULL || inflight_lesson_page_get_running (self))
    return;

  kind = experiment (self);
  if (kind == INFLIGHT_EXPERIMENT_SORT || kind == INFLIGHT_EXPERIMENT_SUMMARY)
    return;

  set_result_text (self, _("Running…"));
  set_detail (self, NULL);

  /* The guess belongs to the run it was made for; a run from an earlier session gives way. */
  self->run_guess = gtk_widget_get_visible (self->prediction_box) ? gtk_spin_button_get_value (self->guess_spin) : 0;
  self->left_running = FALSE;
  self->held_events = 0;
  g_clear_object (&self->restored_ran);
  g_clear_pointer (&self->restored_theory, g_free);
  save_values (self);

  /* The window's frames are watched from the lesson's start: the freeze shows up as the
   * longest gap from now on. */
  if (kind == INFLIGHT_EXPERIMENT_FREEZE)
    {
      self->frame_gap = 0;
      hold_input (self);
    }

  gtk_widget_set_visible (self->prediction_box, FALSE);
  inflight_run_panel_run (self->primary_panel);
  if (has_comparison (self))
    inflight_run_panel_run (self->comparison_panel);
  share_scale (self);
  update_theory (self);
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
  cancel_sweep (self);
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

  save_values (self);
  if (!inflight_lesson_page_get_running (self))
    return;

  self->left_running = TRUE;
  inflight_run_panel_stop (self->primary_panel);
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
  InflightExperiment kind;

  g_return_val_if_fail (INFLIGHT_IS_LESSON_PAGE (self), FALSE);

  kind = experiment (self);
  return self->lesson != NULL && kind != INFLIGHT_EXPERIMENT_SORT && kind != INFLIGHT_EXPERIMENT_SUMMARY;
}

/**
 * inflight_lesson_page_values_to_string:
 *
 * Returns: (transfer full): the values the sliders set in @scenario, as
 * "latency-ms=400;requests=5;…", for the learner's progress
 */
char *
inflight_lesson_page_values_to_string (InflightScenario *scenario)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (described_values); i++)
    g_string_append_printf (text, "%s%s=%u", i > 0 ? ";" : "", described_values[i].property,
                            get_uint (scenario, described_values[i].property));

  return g_string_free (text, FALSE);
}

/**
 * inflight_lesson_page_apply_values:
 * @values: as inflight_lesson_page_values_to_string() writes them
 *
 * Sets the values @values names in @scenario. A name that is not a slider's,
 * or a value that is not a number in the slider's range, is left out: kept
 * settings that are damaged cost the learner nothing.
 *
 * Returns: how many values were set
 */
guint
inflight_lesson_page_apply_values (InflightScenario *scenario,
                                   const char       *values)
{
  g_auto(GStrv) pairs = NULL;
  guint set = 0;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (scenario), 0);

  if (values == NULL)
    return 0;

  pairs = g_strsplit (values, ";", -1);
  for (guint p = 0; pairs[p] != NULL; p++)
    {
      const char *equals = strchr (pairs[p], '=');
      g_autofree char *name = equals != NULL ? g_strndup (pairs[p], equals - pairs[p]) : NULL;
      guint64 number;
      GParamSpec *pspec;

      if (name == NULL || !g_ascii_string_to_unsigned (equals + 1, 10, 0, G_MAXUINT, &number, NULL))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (described_values); i++)
        if (g_str_equal (name, described_values[i].property) &&
            (pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (scenario), name)) != NULL &&
            G_IS_PARAM_SPEC_UINT (pspec) &&
            number >= G_PARAM_SPEC_UINT (pspec)->minimum && number <= G_PARAM_SPEC_UINT (pspec)->maximum)
          {
            g_object_set (scenario, name, (guint) number, NULL);
            set++;
          }
    }

  return set;
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
