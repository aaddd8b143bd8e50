/* inflight-lesson-page-results.c
 * What a lesson's run measured, put beside its own theory, its counts and the guess made
 * before it; the note when the sliders no longer hold the shown run's values; the chart that
 * lessons 8 and 10 fill in with more real runs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson-page"

/* Lesson 8's chart sweeps the workers from one; lesson 10 repeats its run this often. */
#define SWEEP_WORKERS_FROM 1
#define ORDER_RUNS         20

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-card-check.h"
#include "inflight-format.h"
#include "inflight-lesson-page-private.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-run-notes.h"
#include "inflight-runner.h"

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

/* Says so when the sliders no longer hold the values the shown run had, and which those were:
 * the measurement, theory and counts beside it are that run's. */
static void
update_stale_note (InflightLessonPage *self)
{
  InflightScenario *ran = inflight_lesson_page_shown_run (self, 0);
  InflightControls controls = self->lesson != NULL ? inflight_lesson_get_controls (self->lesson) : 0;
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *note = NULL;

  /* During a run too: a slider moved then applies to the next run, not to this one. */
  if (ran != NULL && self->scenario != NULL)
    inflight_lesson_page_describe_changes (used, ran, self->scenario, controls);

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
void
inflight_lesson_page_update_theory (InflightLessonPage *self)
{
  g_autofree char *theory = NULL;
  InflightScenario *ran = inflight_run_panel_get_ran (self->primary_panel);

  if (self->scenario == NULL)
    return;

  if (ran != NULL)
    theory = describe_theory (self, ran, inflight_lesson_page_has_comparison (self) ? inflight_lesson_page_shown_run (self, 1) : NULL);
  else if (self->restored_theory != NULL)
    theory = g_strdup (self->restored_theory);
  else
    theory = describe_theory (self, self->scenario, self->comparison);
  gtk_label_set_text (self->theory_label, theory);
  update_stale_note (self);
}

/* A run's measurement, or that one is under way, is the card's headline. Before any run the
 * card says so quietly, in the text's own type: a placeholder is not a result, and the first
 * frame then needs no font of the headline's size. */
void
inflight_lesson_page_set_result_text (InflightLessonPage *self,
                                      const char         *markup)
{
  GtkWidget *label = GTK_WIDGET (self->measured_label);

  if (markup == NULL)
    gtk_label_set_text (self->measured_label, _("Not run yet"));
  else
    gtk_label_set_markup (self->measured_label, markup);
  gtk_widget_remove_css_class (label, markup == NULL ? "title-4" : "dim-label");
  gtk_widget_add_css_class (label, markup == NULL ? "dim-label" : "title-4");

  g_free (self->result_text);
  self->result_text = g_strdup (gtk_label_get_text (self->measured_label));
}

/* An empty label would be read out by its type name: it is shown only with something to say. */
void
inflight_lesson_page_set_detail (InflightLessonPage *self,
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
void
inflight_lesson_page_share_scale (InflightLessonPage *self)
{
  InflightSequenceView *first = inflight_diagram_pane_get_view (inflight_run_panel_get_pane (self->primary_panel));
  InflightSequenceView *second;
  InflightMetrics metrics;
  gint64 end = 0;

  if (!inflight_lesson_page_has_comparison (self))
    {
      inflight_sequence_view_set_shared_end (first, 0);
      return;
    }

  second = inflight_diagram_pane_get_view (inflight_run_panel_get_pane (self->comparison_panel));

  end = MAX (inflight_model_predict_total (inflight_lesson_page_shown_run (self, 0) != NULL ? inflight_lesson_page_shown_run (self, 0) : self->scenario),
             inflight_model_predict_total (inflight_lesson_page_shown_run (self, 1) != NULL ? inflight_lesson_page_shown_run (self, 1) : self->comparison));
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

void
inflight_lesson_page_cancel_sweep (InflightLessonPage *self)
{
  if (self->sweep_cancellable != NULL)
    {
      g_cancellable_cancel (self->sweep_cancellable);
      g_clear_object (&self->sweep_cancellable);
    }
}

/* Lessons 8 and 10: once the runs are done, more real runs fill in the chart, in the background. */
void
inflight_lesson_page_start_sweep (InflightLessonPage *self)
{
  g_autoptr(InflightSweep) sweep = NULL;
  GApplication *app = g_application_get_default ();

  inflight_lesson_page_cancel_sweep (self);

  /* The chart belongs to the run it follows: it sweeps from that run's values. */
  if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_SWEEP && inflight_lesson_page_shown_run (self, 1) != NULL)
    sweep = inflight_sweep_new_workers (inflight_lesson_page_shown_run (self, 1), SWEEP_WORKERS_FROM,
                                        inflight_lesson_sweep_workers_to (inflight_scenario_get_requests (inflight_lesson_page_shown_run (self, 1))));
  else if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_ORDERS && inflight_lesson_page_shown_run (self, 0) != NULL)
    sweep = inflight_sweep_new_seeds (inflight_lesson_page_shown_run (self, 0), ORDER_RUNS);
  else
    return;

  self->sweep_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->chart_quantity_box, inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_SWEEP);
  inflight_chart_view_set_sweep (self->chart_view, sweep);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_slot), TRUE);

  /* Keep the application alive until the sweep's runs have joined their threads. */
  if (app != NULL)
    g_application_hold (app);
  inflight_sweep_run_async (sweep, self->sweep_cancellable, sweep_done_cb, NULL);
}

/* What the shown run measured, beside its own theory, its counts and the guess made before it. */
void
inflight_lesson_page_show_results (InflightLessonPage *self)
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

  if (inflight_lesson_page_has_comparison (self) && inflight_run_panel_get_ran (self->comparison_panel) != NULL &&
      inflight_run_panel_get_result (self->comparison_panel, &second, &second_stopped))
    {
      g_autofree char *second_text = describe_run (&second, second_stopped);

      two = TRUE;
      /* Translators: two runs' measurements side by side, each named */
      markup = g_markup_printf_escaped (_("Measured: %s <b>%s</b> · %s <b>%s</b>"),
                                        inflight_run_panel_get_title (self->primary_panel), primary_text,
                                        inflight_run_panel_get_title (self->comparison_panel), second_text);
    }
  else if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_FREEZE)
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
  inflight_lesson_page_set_result_text (self, markup);

  if (guess > 0)
    {
      g_autofree char *text = inflight_format_duration ((gint64) (guess * G_USEC_PER_SEC));

      g_string_append_printf (detail, _("Your guess: %s. "), text);
    }

  if (inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_FREEZE && self->frame_gap > 0)
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
  inflight_lesson_page_set_detail (self, detail->str);
  inflight_lesson_page_update_theory (self);

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
        inflight_lesson_page_frame_gap_or_measured (self, &primary),
      };

      inflight_progress_set_result (self->progress, inflight_lesson_get_number (self->lesson), &result);
      inflight_progress_mark_completed (self->progress, inflight_lesson_get_number (self->lesson));
    }
}
