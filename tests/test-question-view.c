/* test-question-view.c
 * Every answer to every lesson's questions, picked in the question widget: the verdict it
 * shows says "Right." or "Not quite." once, and the explanation after it does not say so again.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-lesson.h"
#include "inflight-question-view.h"

/* Words that open a verdict, in the explanations' language. */
static const char * const verdict_words[] = {
  "Right", "Correct", "Exactly", "Indeed", "Yes", "Not quite", "Wrong", "Incorrect", "No",
};

static GtkLabel *
find_verdict (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "verdict"))
        return GTK_LABEL (child);
      found = find_verdict (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_occurrences (const char *text,
                   const char *word)
{
  guint n = 0;

  for (const char *at = strstr (text, word); at != NULL; at = strstr (at + 1, word))
    n++;

  return n;
}

/* The word @text opens with, if it is a verdict ("Right.", "No,"), else NULL. */
static const char *
opening_verdict (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdict_words); i++)
    {
      gsize len = strlen (verdict_words[i]);

      if (g_ascii_strncasecmp (text, verdict_words[i], len) == 0 && text[len] != '\0' &&
          strchr (".,;:!", text[len]) != NULL)
        return verdict_words[i];
    }

  return NULL;
}

static void
check_answer (InflightLesson         *lesson,
              guint                   index,
              const InflightQuestion *question,
              guint                   choice)
{
  GtkWidget *view = inflight_question_view_new (question, inflight_lesson_get_number (lesson), index, NULL);
  const char *verdict = choice == question->correct ? "Right." : "Not quite.";
  const char *other = choice == question->correct ? "Not quite." : "Right.";
  g_autofree char *where = g_strdup_printf ("lesson %u, question %u, answer %u",
                                            inflight_lesson_get_number (lesson), index + 1, choice + 1);
  const char *text, *explanation, *again;
  g_autofree char *mismatch = NULL;
  GtkLabel *label;

  g_object_ref_sink (view);
  label = find_verdict (view);
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));

  inflight_question_view_choose (INFLIGHT_QUESTION_VIEW (view), choice);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  text = gtk_label_get_text (label);
  g_test_message ("%s: %s", where, text);

  /* The verdict opens the text, once; the explanation goes on without another. */
  if (!g_str_has_prefix (text, verdict))
    g_error ("%s: the verdict does not open with '%s': '%s'", where, verdict, text);
  if (count_occurrences (text, verdict) != 1 || count_occurrences (text, other) != 0)
    g_error ("%s: the verdict repeats itself: '%s'", where, text);
  explanation = text + strlen (verdict);
  while (g_ascii_isspace (*explanation))
    explanation++;
  g_assert_cmpstr (explanation, !=, "");
  again = opening_verdict (explanation);
  if (again != NULL)
    g_error ("%s: after '%s' the explanation says '%s' again: '%s'", where, verdict, again, text);

  /* A screen reader hears it as it is shown. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  g_assert_null (mismatch);

  g_assert_finalize_object (view);
}

static void
test_verdicts_once (void)
{
  guint answers = 0;

  for (guint number = INFLIGHT_LESSON_FIRST; number <= INFLIGHT_LESSON_LAST; number++)
    {
      InflightLesson *lesson = inflight_lessons_find (number);

      g_assert_nonnull (lesson);
      for (guint i = 0; i < inflight_lesson_get_n_questions (lesson); i++)
        {
          const InflightQuestion *question = inflight_lesson_get_question (lesson, i);

          for (guint choice = 0; choice < INFLIGHT_MAX_CHOICES && question->choices[choice] != NULL; choice++)
            {
              check_answer (lesson, i, question, choice);
              answers++;
            }
        }
    }

  /* Every lesson with questions was walked, not none. */
  g_test_message ("%u answers checked", answers);
  g_assert_cmpuint (answers, >=, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  /* Without a display there is nothing to build: say so rather than pass. */
  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the widgets on");
      return g_test_run ();
    }

  g_test_add_func ("/question-view/verdicts-once", test_verdicts_once);

  return g_test_run ();
}
