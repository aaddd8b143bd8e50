/* inflight-run-panel.c
 * One experiment's run on screen. It starts the real run, keeps the application alive
 * until every thread of it is joined, shows it live, and says when it is over.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-run-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-application.h"
#include "inflight-code-pane.h"
#include "inflight-model.h"
#include "inflight-run-panel.h"
#include "inflight-runner.h"

struct _InflightRunPanel
{
  GtkWidget            parent_instance;

  GtkWidget           *box;
  GtkLabel            *title_label;
  InflightDiagramPane *pane;
  GtkWidget           *runs_box;     /* the diagram, and the code under it */
  GtkToggleButton     *code_toggle;
  InflightCodePane    *code_pane;    /* made when first shown, after the first frame */
  guint                code_idle;
  gboolean             code_local;   /* a change of the button not to be remembered */

  InflightScenario    *scenario;     /* the learner's: edited live by the sliders */
  InflightScenario    *ran;          /* a copy of it as the current or last run started */
  gulong               down_handler; /* the live switches, followed by the run under way */
  gulong               caller_down_handler;
  InflightTrace       *trace;        /* the current run's, or the last one's */
  GCancellable        *cancellable;  /* the current run's; NULL when idle */
  gboolean             finished;     /* the last run has reported its end */
  gboolean             stopped;      /* … and it was stopped */
};

/* What a run's completion needs to know, even if the panel has moved on. */
typedef struct
{
  InflightRunPanel *panel;
  InflightTrace    *trace;
} RunClosure;

G_DEFINE_FINAL_TYPE (InflightRunPanel, inflight_run_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_live_down_cb (InflightRunPanel *self)
{
  if (self->ran != NULL)
    {
      inflight_scenario_set_down (self->ran, inflight_scenario_get_down (self->scenario));
      inflight_scenario_set_caller_down (self->ran, inflight_scenario_get_caller_down (self->scenario));
    }
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunClosure *closure = user_data;
  InflightRunPanel *self = closure->panel;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  gboolean stopped;

  stopped = !inflight_runner_run_finish (INFLIGHT_RUNNER (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The run ended with an error: %s", error->message);

  /* A run the learner has moved away from is not reported. */
  if (self->trace == closure->trace)
    {
      gboolean was_running = self->cancellable != NULL;

      g_clear_signal_handler (&self->down_handler, self->scenario);
      g_clear_signal_handler (&self->caller_down_handler, self->scenario);

      g_clear_object (&self->cancellable);
      self->finished = TRUE;
      self->stopped = stopped;
      if (was_running)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      g_signal_emit (self, signals[FINISHED], 0, stopped);
    }

  if (app != NULL)
    g_application_release (app);

  g_object_unref (closure->panel);
  g_object_unref (closure->trace);
  g_free (closure);
}

static GSettings *
app_settings (void)
{
  GApplication *app = g_application_get_default ();

  return INFLIGHT_IS_APPLICATION (app) ? inflight_application_get_settings (INFLIGHT_APPLICATION (app)) : NULL;
}

/* The strategy whose code the pane shows: the last run's, else the one Run will run. */
static void
update_code_strategy (InflightRunPanel *self)
{
  InflightScenario *scenario = self->ran != NULL ? self->ran : self->scenario;

  if (self->code_pane != NULL && scenario != NULL)
    inflight_code_pane_set_strategy (self->code_pane, inflight_scenario_get_strategy (scenario));
}

/* The diagram follows the current run's trace, expecting it to last as its theory says. */
static void
show_trace (InflightRunPanel *self)
{
  InflightSequenceView *view = inflight_diagram_pane_get_view (self->pane);

  inflight_sequence_view_set_expected_duration (view, inflight_model_predict_total (self->ran));
  inflight_sequence_view_set_strategy_title (view,
                                             inflight_strategy_get_title (inflight_scenario_get_strategy (self->ran)));
  inflight_sequence_view_set_trace (view, self->trace);
  update_code_strategy (self);
}

static void
ensure_code_pane (InflightRunPanel *self)
{
  g_clear_handle_id (&self->code_idle, g_source_remove);
  if (self->code_pane != NULL)
    return;

  self->code_pane = INFLIGHT_CODE_PANE (inflight_code_pane_new ());
  gtk_box_append (GTK_BOX (self->runs_box), GTK_WIDGET (self->code_pane));
  inflight_code_pane_set_view (self->code_pane, inflight_diagram_pane_get_view (self->pane));
  update_code_strategy (self);
}

static gboolean
make_code_pane_cb (gpointer data)
{
  InflightRunPanel *self = data;

  self->code_idle = 0;
  if (gtk_toggle_button_get_active (self->code_toggle))
    ensure_code_pane (self);

  return G_SOURCE_REMOVE;
}

static void
on_code_toggled_cb (InflightRunPanel *self)
{
  gboolean show = gtk_toggle_button_get_active (self->code_toggle);
  GSettings *settings = app_settings ();

  if (show && gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_code_pane (self);
  if (self->code_pane != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->code_pane), show);
  if (!self->code_local && settings != NULL && g_settings_get_boolean (settings, "show-code") != show)
    g_settings_set_boolean (settings, "show-code", show);
}

/* The code is not needed for the first frame: it is made once the panel is on screen. */
static void
inflight_run_panel_map (GtkWidget *widget)
{
  InflightRunPanel *self = INFLIGHT_RUN_PANEL (widget);

  GTK_WIDGET_CLASS (inflight_run_panel_parent_class)->map (widget);

  if (self->code_pane == NULL && self->code_idle == 0 && gtk_toggle_button_get_active (self->code_toggle))
    self->code_idle = g_idle_add_full (G_PRIORITY_LOW, make_code_pane_cb, self, NULL);
}

static void
inflight_run_panel_dispose (GObject *object)
{
  InflightRunPanel *self = INFLIGHT_RUN_PANEL (object);

  g_clear_handle_id (&self->code_idle, g_source_remove);
  inflight_run_panel_stop (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->scenario);
  g_clear_object (&self->ran);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (inflight_run_panel_parent_class)->dispose (object);
}

static void
inflight_run_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  InflightRunPanel *self = INFLIGHT_RUN_PANEL (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, inflight_run_panel_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_run_panel_class_init (InflightRunPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_run_panel_dispose;
  object_class->get_property = inflight_run_panel_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * InflightRunPanel::finished:
   * @stopped: whether the run was stopped before its end
   *
   * The run has ended and every thread it started has been joined.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  widget_class->map = inflight_run_panel_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "runpanel");
}

static void
inflight_run_panel_init (InflightRunPanel *self)
{
  GtkWidget *title_row;
  GSettings *settings = app_settings ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), title_row);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_set_margin_top (GTK_WIDGET (self->title_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->title_label), 3);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  gtk_box_append (GTK_BOX (title_row), GTK_WIDGET (self->title_label));

  /* Shows and hides the code that ran; remembered across sessions. */
  self->code_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Code")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->code_toggle), _("Show the code that ran, each thread’s line lit"));
  gtk_widget_add_css_class (GTK_WIDGET (self->code_toggle), "flat");
  gtk_widget_set_halign (GTK_WIDGET (self->code_toggle), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->code_toggle), TRUE);
  gtk_toggle_button_set_active (self->code_toggle, settings == NULL || g_settings_get_boolean (settings, "show-code"));
  g_signal_connect_object (self->code_toggle, "toggled", G_CALLBACK (on_code_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (title_row), GTK_WIDGET (self->code_toggle));

  self->runs_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (self->runs_box, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->runs_box);

  self->pane = INFLIGHT_DIAGRAM_PANE (inflight_diagram_pane_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->pane), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->pane), TRUE);
  gtk_box_append (GTK_BOX (self->runs_box), GTK_WIDGET (self->pane));
}

GtkWidget *
inflight_run_panel_new (void)
{
  return g_object_new (INFLIGHT_TYPE_RUN_PANEL, NULL);
}

/**
 * inflight_run_panel_set_title:
 * @title: (nullable): what the run is, when there are two side by side
 */
void
inflight_run_panel_set_title (InflightRunPanel *self,
                              const char       *title)
{
  g_return_if_fail (INFLIGHT_IS_RUN_PANEL (self));

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL);

  /* Two runs share the height: their code is shown when asked for, not to squeeze the diagrams. */
  if (title != NULL && self->code_pane == NULL)
    {
      self->code_local = TRUE;
      gtk_toggle_button_set_active (self->code_toggle, FALSE);
      self->code_local = FALSE;
    }
}

const char *
inflight_run_panel_get_title (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->title_label))
         ? gtk_label_get_text (self->title_label) : NULL;
}

/**
 * inflight_run_panel_set_scenario:
 * @scenario: (nullable): what Run runs; changes to it during a run apply live
 *
 * Stops the run under way, if any, and forgets the last one.
 */
void
inflight_run_panel_set_scenario (InflightRunPanel *self,
                                 InflightScenario *scenario)
{
  g_return_if_fail (INFLIGHT_IS_RUN_PANEL (self));

  inflight_run_panel_clear (self);
  g_set_object (&self->scenario, scenario);
  update_code_strategy (self);
}

InflightScenario *
inflight_run_panel_get_scenario (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), NULL);

  return self->scenario;
}

InflightDiagramPane *
inflight_run_panel_get_pane (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), NULL);

  return self->pane;
}

/**
 * inflight_run_panel_run:
 *
 * Runs the scenario for real, as it is set now, and shows it live.
 *
 * Returns: whether a run started.
 */
gboolean
inflight_run_panel_run (InflightRunPanel *self)
{
  g_autoptr(InflightRunner) runner = NULL;
  GApplication *app = g_application_get_default ();
  RunClosure *closure;

  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), FALSE);

  if (self->scenario == NULL || self->cancellable != NULL)
    return FALSE;

  runner = inflight_runner_new (inflight_scenario_get_strategy (self->scenario));
  g_return_val_if_fail (runner != NULL, FALSE);

  g_clear_object (&self->trace);
  self->trace = inflight_trace_new ();
  self->cancellable = g_cancellable_new ();

  /* The run keeps the values it started with: a slider moved meanwhile applies to the next
   * run, so that what is measured and what it is set beside describe one run. Only the
   * "down" switches, of the service and of the caller, are events of the run, and reach it live. */
  g_clear_object (&self->ran);
  self->ran = inflight_scenario_copy (self->scenario);
  self->down_handler = g_signal_connect_object (self->scenario, "notify::down", G_CALLBACK (on_live_down_cb), self,
                                                G_CONNECT_SWAPPED);
  self->caller_down_handler = g_signal_connect_object (self->scenario, "notify::caller-down",
                                                       G_CALLBACK (on_live_down_cb), self, G_CONNECT_SWAPPED);
  self->finished = FALSE;
  self->stopped = FALSE;

  show_trace (self);

  closure = g_new0 (RunClosure, 1);
  closure->panel = g_object_ref (self);
  closure->trace = g_object_ref (self->trace);

  /* Keep the application alive until every thread of the run is joined. */
  if (app != NULL)
    g_application_hold (app);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  inflight_runner_run_async (runner, self->ran, self->trace, self->cancellable,
                             run_done_cb, closure);

  return TRUE;
}

/**
 * inflight_run_panel_stop:
 *
 * Cancels the run under way, if any: it ends promptly in the background and
 * reports itself as stopped. The panel is ready for another run at once.
 */
void
inflight_run_panel_stop (InflightRunPanel *self)
{
  g_return_if_fail (INFLIGHT_IS_RUN_PANEL (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->down_handler, self->scenario);
  g_clear_signal_handler (&self->caller_down_handler, self->scenario);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * inflight_run_panel_clear:
 *
 * Stops the run under way and forgets the last one: the diagram is empty.
 */
void
inflight_run_panel_clear (InflightRunPanel *self)
{
  g_return_if_fail (INFLIGHT_IS_RUN_PANEL (self));

  inflight_run_panel_stop (self);
  g_clear_object (&self->trace);
  g_clear_object (&self->ran);
  self->finished = FALSE;
  inflight_sequence_view_set_trace (inflight_diagram_pane_get_view (self->pane), NULL);
}

gboolean
inflight_run_panel_get_running (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * inflight_run_panel_get_result:
 * @metrics: (out): what the last run measured
 * @stopped: (out) (optional): whether it was stopped
 *
 * Returns: whether there is a finished run to report.
 */
gboolean
inflight_run_panel_get_result (InflightRunPanel *self,
                               InflightMetrics  *metrics,
                               gboolean         *stopped)
{
  g_autoptr(InflightTraceSnapshot) snap = NULL;

  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), FALSE);

  if (self->trace == NULL || !self->finished)
    return FALSE;

  snap = inflight_trace_snapshot (self->trace);
  inflight_metrics_compute (snap, metrics);
  if (stopped != NULL)
    *stopped = self->stopped;

  return TRUE;
}

/**
 * inflight_run_panel_get_trace:
 *
 * Returns: (transfer none) (nullable): the current or last run's trace
 */
InflightTrace *
inflight_run_panel_get_trace (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), NULL);

  return self->trace;
}

/**
 * inflight_run_panel_get_code_pane:
 *
 * Returns: (transfer none) (nullable): the code pane, once it has been made
 */
InflightCodePane *
inflight_run_panel_get_code_pane (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), NULL);

  return self->code_pane;
}

/**
 * inflight_run_panel_show_code:
 *
 * Shows or hides the code pane, making it now if need be.
 */
void
inflight_run_panel_show_code (InflightRunPanel *self,
                              gboolean          show)
{
  g_return_if_fail (INFLIGHT_IS_RUN_PANEL (self));

  gtk_toggle_button_set_active (self->code_toggle, show);
  if (show)
    ensure_code_pane (self);
}

/**
 * inflight_run_panel_get_ran:
 *
 * Returns: (transfer none) (nullable): the values the current or last run
 * started with, which the sliders no longer change; %NULL before a run
 */
InflightScenario *
inflight_run_panel_get_ran (InflightRunPanel *self)
{
  g_return_val_if_fail (INFLIGHT_IS_RUN_PANEL (self), NULL);

  return self->ran;
}

/* A trace that holds, in the order they were recorded, the events of @snapshot. */
static InflightTrace *
trace_from_snapshot (const InflightTraceSnapshot *snapshot)
{
  InflightTrace *trace = inflight_trace_new ();

  for (guint i = 0; i < snapshot->n_lanes; i++)
    inflight_trace_add_lane (trace, snapshot->lanes[i].role, snapshot->lanes[i].label);
  for (guint i = 0; i < snapshot->n_spans; i++)
    inflight_trace_append_span (trace, snapshot->spans[i].lane, snapshot->spans[i].slot, snapshot->spans[i].kind,
                                snapshot->spans[i].start, snapshot->spans[i].end);
  for (guint i = 0; i < snapshot->n_messages; i++)
    inflight_trace_append_message (trace, snapshot->messages[i].request, snapshot->messages[i].kind,
                                   snapshot->messages[i].from_lane, snapshot->messages[i].to_lane,
                                   snapshot->messages[i].sent_at, snapshot->messages[i].arrived_at);
  for (guint i = 0; i < snapshot->n_marks; i++)
    inflight_trace_append_mark (trace, snapshot->marks[i].lane, snapshot->marks[i].at, snapshot->marks[i].label);
  for (guint i = 0; i < snapshot->n_steps; i++)
    inflight_trace_append_step (trace, snapshot->steps[i].lane, snapshot->steps[i].at, snapshot->steps[i].point,
                                snapshot->steps[i].request);
  inflight_trace_set_duration (trace, inflight_trace_snapshot_end_time (snapshot));

  return trace;
}

/**
 * inflight_run_panel_show_recorded:
 * @ran: the values the recorded run had
 * @recorded: what it recorded, as a file kept it
 *
 * Shows a run made earlier, ready to replay and scrub, as if it had just ended here.
 */
void
inflight_run_panel_show_recorded (InflightRunPanel      *self,
                                  InflightScenario      *ran,
                                  InflightTraceSnapshot *recorded)
{
  g_return_if_fail (INFLIGHT_IS_RUN_PANEL (self));
  g_return_if_fail (INFLIGHT_IS_SCENARIO (ran));
  g_return_if_fail (recorded != NULL);

  inflight_run_panel_clear (self);
  self->ran = inflight_scenario_copy (ran);
  self->trace = trace_from_snapshot (recorded);
  self->finished = TRUE;
  self->stopped = FALSE;
  show_trace (self);
}
