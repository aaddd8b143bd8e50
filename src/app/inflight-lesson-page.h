/* inflight-lesson-page.h
 * One lesson on screen: its text, its sliders, Run and Stop, the diagram and the result.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-lesson.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_LESSON_PAGE (inflight_lesson_page_get_type ())

G_DECLARE_FINAL_TYPE (InflightLessonPage, inflight_lesson_page, INFLIGHT, LESSON_PAGE, GtkWidget)

GtkWidget        *inflight_lesson_page_new          (void);
InflightLesson   *inflight_lesson_page_get_lesson   (InflightLessonPage *self);
void              inflight_lesson_page_set_lesson   (InflightLessonPage *self,
                                                     InflightLesson     *lesson);
InflightScenario *inflight_lesson_page_get_scenario (InflightLessonPage *self);
gboolean          inflight_lesson_page_get_running  (InflightLessonPage *self);
void              inflight_lesson_page_run          (InflightLessonPage *self);
void              inflight_lesson_page_stop         (InflightLessonPage *self);

G_END_DECLS
