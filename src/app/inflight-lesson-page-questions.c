/* inflight-lesson-page-questions.c
 * The lesson page's questions: the "Check yourself" heading and a question card for each of the
 * lesson's questions, added just after the page's first painted frame.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-page-private.h"
#include "inflight-question-view.h"

static void
build_questions (InflightLessonPage *self)
{
  guint n = inflight_lesson_get_n_questions (self->lesson);

  inflight_lesson_page_clear_children (self->questions_box);
  if (n == 0)
    return;

  {
    GtkWidget *heading = gtk_label_new (_("Check yourself"));

    gtk_widget_add_css_class (heading, "title-4");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
    gtk_box_append (self->questions_box, heading);
  }

  for (guint i = 0; i < n; i++)
    gtk_box_append (self->questions_box,
                    inflight_question_view_new (inflight_lesson_get_question (self->lesson, i),
                                                inflight_lesson_get_number (self->lesson), i,
                                                self->progress));
}

static void
on_first_paint_cb (GdkFrameClock      *clock,
                   InflightLessonPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  if (self->questions_later)
    {
      self->questions_later = FALSE;
      build_questions (self);
    }
}

/* The questions sit below the lesson's text and controls. A page paints its text, controls and
 * diagram first and adds them just after that frame: laying out their wrapped answers is a good
 * part of what a first frame costs, in the window's first frame above all. */
void
inflight_lesson_page_show_questions (InflightLessonPage *self)
{
  self->questions_later = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_questions (self);
  else
    {
      inflight_lesson_page_clear_children (self->questions_box);
      self->questions_later = TRUE;
    }
}

/* The page was mapped: its questions come once its first frame is painted. */
void
inflight_lesson_page_questions_mapped (InflightLessonPage *self)
{
  if (self->questions_later)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (on_first_paint_cb), self, 0);
}
