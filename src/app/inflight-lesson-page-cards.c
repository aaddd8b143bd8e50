/* inflight-lesson-page-cards.c
 * The two lessons that run no diagram: lesson 12's cards, each sorted by the learner and
 * checked by running it both ways, and lesson 13's summary of what the learner saw.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson-page"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-card-check.h"
#include "inflight-format.h"
#include "inflight-lesson-page-private.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-run-notes.h"
#include "inflight-runner.h"

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
  /* Translators: a card's button as a screen reader names it: the choice, then the card, as in
   * "Synchronous: Send a confirmation email" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), label, _(card->card->title));

  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "asynchronous", GINT_TO_POINTER (asynchronous));
  g_signal_connect (button, "clicked", G_CALLBACK (on_sort_choice_cb), card);
  card->choices[asynchronous ? 1 : 0] = GTK_TOGGLE_BUTTON (button);
  if (asynchronous)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), card->choices[0]);

  return button;
}

void
inflight_lesson_page_build_sort_cards (InflightLessonPage *self)
{
  const InflightSortCard *cards;
  guint n_cards;
  GtkWidget *heading = gtk_label_new (_("Wait, or carry on?"));

  inflight_lesson_page_clear_children (self->sort_box);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
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
void
inflight_lesson_page_build_summary (InflightLessonPage *self)
{
  GListModel *lessons = inflight_lessons_get_all ();
  const char * const *takeaways = inflight_lesson_get_takeaways (self->lesson);
  guint completed = 0, answered = 0, right = 0, results = 0;
  g_autofree char *tally = NULL;

  inflight_lesson_page_clear_children (self->summary_box);
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
