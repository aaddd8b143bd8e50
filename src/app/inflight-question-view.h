/* inflight-question-view.h
 * A multiple-choice question: pick an answer, read why it is right or not.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-lesson.h"
#include "inflight-progress.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_QUESTION_VIEW (inflight_question_view_get_type ())

G_DECLARE_FINAL_TYPE (InflightQuestionView, inflight_question_view, INFLIGHT, QUESTION_VIEW, GtkWidget)

GtkWidget *inflight_question_view_new    (const InflightQuestion *question,
                                          guint                   lesson,
                                          guint                   index,
                                          InflightProgress       *progress);
void       inflight_question_view_choose (InflightQuestionView   *self,
                                          guint                   choice);
gint       inflight_question_view_get_choice (InflightQuestionView *self);

G_END_DECLS
