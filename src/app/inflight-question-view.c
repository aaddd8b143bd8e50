/* inflight-question-view.c
 * A multiple-choice question. Every answer, right or wrong, comes with its explanation, and
 * the choice is kept in the learner's progress.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-question-view"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-question-view.h"

struct _InflightQuestionView
{
  GtkWidget               parent_instance;

  const InflightQuestion *question;
  InflightProgress       *progress;
  guint                   lesson;
  guint                   index;
  gint                    choice;

  GtkWidget              *box;
  GtkCheckButton         *buttons[INFLIGHT_MAX_CHOICES];
  GtkLabel               *verdict;
};

G_DEFINE_FINAL_TYPE (InflightQuestionView, inflight_question_view, GTK_TYPE_WIDGET)

static void
show_verdict (InflightQuestionView *self)
{
  g_autofree char *markup = NULL;
  gboolean right;

  if (self->choice < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->verdict), FALSE);
      return;
    }

  right = (guint) self->choice == self->question->correct;
  markup = g_markup_printf_escaped ("<b>%s</b> %s",
                                    right ? _("Right.") : _("Not quite."),
                                    _(self->question->explanations[self->choice]));
  gtk_label_set_markup (self->verdict, markup);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict), right ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict), right ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), TRUE);

  /* Said once, where a screen reader will announce it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (self->verdict),
                                  -1);
}

static void
on_toggled_cb (GtkCheckButton       *button,
               InflightQuestionView *self)
{
  if (!gtk_check_button_get_active (button))
    return;

  for (guint i = 0; i < INFLIGHT_MAX_CHOICES; i++)
    if (self->buttons[i] == button)
      inflight_question_view_choose (self, i);
}

static void
inflight_question_view_dispose (GObject *object)
{
  InflightQuestionView *self = INFLIGHT_QUESTION_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->progress);

  G_OBJECT_CLASS (inflight_question_view_parent_class)->dispose (object);
}

static void
inflight_question_view_class_init (InflightQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_question_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "questionview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
inflight_question_view_init (InflightQuestionView *self)
{
  self->choice = -1;
}

/**
 * inflight_question_view_new:
 * @progress: (nullable): where the answer is kept
 */
GtkWidget *
inflight_question_view_new (const InflightQuestion *question,
                            guint                   lesson,
                            guint                   index,
                            InflightProgress       *progress)
{
  InflightQuestionView *self = g_object_new (INFLIGHT_TYPE_QUESTION_VIEW, NULL);
  GtkCheckButton *group = NULL;
  GtkWidget *prompt;
  gint saved;

  g_return_val_if_fail (question != NULL, GTK_WIDGET (self));

  self->question = question;
  self->lesson = lesson;
  self->index = index;
  g_set_object (&self->progress, progress);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  prompt = gtk_label_new (_(question->prompt));
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_label_set_xalign (GTK_LABEL (prompt), 0);
  gtk_widget_add_css_class (prompt, "heading");
  gtk_box_append (GTK_BOX (self->box), prompt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(question->prompt),
                                  -1);

  for (guint i = 0; i < INFLIGHT_MAX_CHOICES && question->choices[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (_(question->choices[i]));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      self->buttons[i] = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_child (self->buttons[i], label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(question->choices[i]),
                                      -1);
      if (group != NULL)
        gtk_check_button_set_group (self->buttons[i], group);
      else
        group = self->buttons[i];
      g_signal_connect (self->buttons[i], "toggled", G_CALLBACK (on_toggled_cb), self);
      gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->buttons[i]));
    }

  self->verdict = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->verdict, TRUE);
  gtk_label_set_xalign (self->verdict, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict), "verdict");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->verdict));

  saved = progress != NULL ? inflight_progress_get_answer (progress, lesson, index) : INFLIGHT_NO_ANSWER;
  if (saved >= 0 && saved < INFLIGHT_MAX_CHOICES && self->buttons[saved] != NULL)
    inflight_question_view_choose (self, saved);

  return GTK_WIDGET (self);
}

/**
 * inflight_question_view_choose:
 *
 * Picks answer @choice, as the learner would: the explanation shows, and
 * the answer is kept.
 */
void
inflight_question_view_choose (InflightQuestionView *self,
                               guint                 choice)
{
  g_return_if_fail (INFLIGHT_IS_QUESTION_VIEW (self));
  g_return_if_fail (choice < INFLIGHT_MAX_CHOICES && self->buttons[choice] != NULL);

  if (self->choice == (gint) choice)
    return;

  self->choice = choice;
  gtk_check_button_set_active (self->buttons[choice], TRUE);
  if (self->progress != NULL)
    inflight_progress_set_answer (self->progress, self->lesson, self->index, choice);
  show_verdict (self);
}

/**
 * inflight_question_view_get_choice:
 *
 * Returns: the answer picked, or -1.
 */
gint
inflight_question_view_get_choice (InflightQuestionView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_QUESTION_VIEW (self), -1);

  return self->choice;
}
