/* inflight-lesson-page.h
 * One lesson on screen: its text and controls, its experiment live, the result, the questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-lesson.h"
#include "inflight-progress.h"
#include "inflight-run-panel.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_LESSON_PAGE (inflight_lesson_page_get_type ())

G_DECLARE_FINAL_TYPE (InflightLessonPage, inflight_lesson_page, INFLIGHT, LESSON_PAGE, GtkWidget)

GtkWidget        *inflight_lesson_page_new             (void);
InflightLesson   *inflight_lesson_page_get_lesson      (InflightLessonPage *self);
void              inflight_lesson_page_set_lesson      (InflightLessonPage *self,
                                                        InflightLesson     *lesson);
void              inflight_lesson_page_set_progress    (InflightLessonPage *self,
                                                        InflightProgress   *progress);
InflightScenario *inflight_lesson_page_get_scenario    (InflightLessonPage *self);
InflightScenario *inflight_lesson_page_get_comparison  (InflightLessonPage *self);
InflightRunPanel *inflight_lesson_page_get_panel       (InflightLessonPage *self,
                                                        guint               index);
gboolean          inflight_lesson_page_get_running     (InflightLessonPage *self);
void              inflight_lesson_page_run             (InflightLessonPage *self);
void              inflight_lesson_page_stop            (InflightLessonPage *self);
void              inflight_lesson_page_reset           (InflightLessonPage *self);
const char       *inflight_lesson_page_get_result_text (InflightLessonPage *self);
gint64            inflight_lesson_page_get_frame_gap   (InflightLessonPage *self);
const char       *inflight_lesson_page_get_detail_text (InflightLessonPage *self);
const char       *inflight_lesson_page_get_theory_text (InflightLessonPage *self);
const char       *inflight_lesson_page_get_stale_text  (InflightLessonPage *self);
void              inflight_lesson_page_leave           (InflightLessonPage *self);
void              inflight_lesson_page_enter           (InflightLessonPage *self);
gboolean          inflight_lesson_page_has_diagram     (InflightLessonPage *self);
char             *inflight_lesson_page_values_to_string (InflightScenario  *scenario);
guint             inflight_lesson_page_apply_values    (InflightScenario   *scenario,
                                                        const char         *values);

G_END_DECLS
