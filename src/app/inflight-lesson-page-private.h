/* inflight-lesson-page-private.h
 * What the lesson page's files share: the page's fields, and the few functions one part of
 * the page calls in another. The page is split by what each part does: the page itself and
 * its runs (inflight-lesson-page.c), what a run measured beside its theory (-results.c), the
 * freeze of lesson 3 (-freeze.c), the cards and summary of lessons 12 and 13 (-cards.c), and
 * the sliders' values kept across sessions (-values.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-chart-view.h"
#include "inflight-lesson-page.h"

G_BEGIN_DECLS

/* The sliders and switches a lesson may show: inflight-lesson-page-controls.c */
#define INFLIGHT_LESSON_PAGE_N_SLIDERS  8
#define INFLIGHT_LESSON_PAGE_N_SWITCHES 2

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
  gboolean              questions_later; /* built after the page's first painted frame */
  gint64                last_frame;
  gint64                frame_gap;

  GtkBox               *box;
  GtkLabel             *title_label;
  GtkImage             *done_image;
  GtkLabel             *body_label;
  GtkGrid              *controls_grid;
  GtkWidget            *slider_labels[INFLIGHT_LESSON_PAGE_N_SLIDERS];  /* made when first shown */
  GtkScale             *sliders[INFLIGHT_LESSON_PAGE_N_SLIDERS];
  GtkToggleButton      *switches[INFLIGHT_LESSON_PAGE_N_SWITCHES];
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
  InflightRunPanel     *comparison_panel; /* made when first needed: inflight_lesson_page_ensure_comparison() */
  GtkBox               *chart_slot;
  GtkWidget            *chart_quantity_box;
  GtkToggleButton      *chart_throughput_button;
  GtkBox               *sort_box;
  GtkBox               *summary_box;
};

InflightLessonKind
inflight_lesson_page_experiment (InflightLessonPage *self);
gboolean
inflight_lesson_page_has_comparison (InflightLessonPage *self);
InflightRunPanel *
inflight_lesson_page_ensure_comparison (InflightLessonPage *self);
void
inflight_lesson_page_show_questions (InflightLessonPage *self);
void
inflight_lesson_page_questions_mapped (InflightLessonPage *self);
void
inflight_lesson_page_clear_children (GtkBox *box);
InflightScenario *
inflight_lesson_page_shown_run (InflightLessonPage *self,
                                guint               index);
void
inflight_lesson_page_update_theory (InflightLessonPage *self);
void
inflight_lesson_page_show_controls (InflightLessonPage *self,
                                    InflightControls    controls);
/* @markup: (nullable): the result's headline; NULL for the placeholder of a page not run yet */
void
inflight_lesson_page_set_result_text (InflightLessonPage *self,
                                      const char         *markup);
void
inflight_lesson_page_set_detail (InflightLessonPage *self,
                                 const char         *text);
void
inflight_lesson_page_share_scale (InflightLessonPage *self);
void
inflight_lesson_page_cancel_sweep (InflightLessonPage *self);
void
inflight_lesson_page_start_sweep (InflightLessonPage *self);
void
inflight_lesson_page_show_results (InflightLessonPage *self);
void
inflight_lesson_page_build_sort_cards (InflightLessonPage *self);
void
inflight_lesson_page_build_summary (InflightLessonPage *self);
void
inflight_lesson_page_hold_input (InflightLessonPage *self);
void
inflight_lesson_page_release_input (InflightLessonPage *self);
void
inflight_lesson_page_release_input_later (InflightLessonPage *self);
gint64
inflight_lesson_page_frame_gap_or_measured (InflightLessonPage *self,
                                            InflightMetrics    *metrics);
void
inflight_lesson_page_stop_frame_watch (InflightLessonPage *self);
gboolean
inflight_lesson_page_frame_watch_cb (GtkWidget     *widget,
                                     GdkFrameClock *clock,
                                     gpointer       user_data);
void
inflight_lesson_page_save_values (InflightLessonPage *self);
void
inflight_lesson_page_save_values_soon (InflightLessonPage *self);
void
inflight_lesson_page_restore_from_progress (InflightLessonPage *self);
void
inflight_lesson_page_describe_changes (GPtrArray        *out,
                                       InflightScenario *ran,
                                       InflightScenario *now,
                                       InflightControls  controls);

G_END_DECLS
