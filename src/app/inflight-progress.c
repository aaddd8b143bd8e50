/* inflight-progress.c
 * The learner's progress, kept in GSettings when the schema is there and in memory always,
 * so that a value out of range or a missing schema never costs the learner anything.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-progress"

#include "config.h"

#include "inflight-lesson.h"
#include "inflight-progress.h"

#define N_LESSONS (INFLIGHT_LESSON_LAST + 1)
#define N_QUESTIONS 8

struct _InflightProgress
{
  GObject         parent_instance;

  GSettings      *settings;
  gboolean        visited[N_LESSONS];
  gboolean        completed[N_LESSONS];
  gint            answers[N_LESSONS][N_QUESTIONS];
  gboolean        has_result[N_LESSONS];
  InflightResult  results[N_LESSONS];
};

G_DEFINE_FINAL_TYPE (InflightProgress, inflight_progress, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
valid_lesson (guint lesson)
{
  return lesson >= INFLIGHT_LESSON_FIRST && lesson <= INFLIGHT_LESSON_LAST;
}

/* Reads a list of lesson numbers, leaving out any that is not a lesson. */
static void
load_set (GSettings  *settings,
          const char *key,
          gboolean   *set)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);
  GVariantIter iter;
  guint32 lesson;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "u", &lesson))
    if (valid_lesson (lesson))
      set[lesson] = TRUE;
}

static void
save_set (GSettings      *settings,
          const char     *key,
          const gboolean *set)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("au"));
  for (guint lesson = INFLIGHT_LESSON_FIRST; lesson <= INFLIGHT_LESSON_LAST; lesson++)
    if (set[lesson])
      g_variant_builder_add (&builder, "u", lesson);
  g_settings_set_value (settings, key, g_variant_builder_end (&builder));
}

static void
load (InflightProgress *self)
{
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GVariant) results = NULL;
  GVariantIter iter;
  guint32 lesson, question, choice;
  gint64 guess, theory, measured;

  if (self->settings == NULL)
    return;

  load_set (self->settings, "visited-lessons", self->visited);
  load_set (self->settings, "completed-lessons", self->completed);

  answers = g_settings_get_value (self->settings, "answers");
  g_variant_iter_init (&iter, answers);
  while (g_variant_iter_next (&iter, "(uuu)", &lesson, &question, &choice))
    if (valid_lesson (lesson) && question < N_QUESTIONS && choice < INFLIGHT_MAX_CHOICES)
      self->answers[lesson][question] = choice;

  results = g_settings_get_value (self->settings, "results");
  g_variant_iter_init (&iter, results);
  while (g_variant_iter_next (&iter, "(uxxx)", &lesson, &guess, &theory, &measured))
    if (valid_lesson (lesson) && theory >= 0 && measured >= 0)
      {
        self->has_result[lesson] = TRUE;
        self->results[lesson].guess = guess >= 0 ? guess : INFLIGHT_NO_GUESS;
        self->results[lesson].theory = theory;
        self->results[lesson].measured = measured;
      }
}

static void
save (InflightProgress *self)
{
  GVariantBuilder answers, results;

  g_signal_emit (self, signals[CHANGED], 0);

  if (self->settings == NULL)
    return;

  g_variant_builder_init (&answers, G_VARIANT_TYPE ("a(uuu)"));
  g_variant_builder_init (&results, G_VARIANT_TYPE ("a(uxxx)"));
  for (guint lesson = INFLIGHT_LESSON_FIRST; lesson <= INFLIGHT_LESSON_LAST; lesson++)
    {
      for (guint question = 0; question < N_QUESTIONS; question++)
        if (self->answers[lesson][question] != INFLIGHT_NO_ANSWER)
          g_variant_builder_add (&answers, "(uuu)", lesson, question,
                                 (guint32) self->answers[lesson][question]);

      if (self->has_result[lesson])
        g_variant_builder_add (&results, "(uxxx)", lesson, self->results[lesson].guess,
                               self->results[lesson].theory, self->results[lesson].measured);
    }

  g_settings_delay (self->settings);
  save_set (self->settings, "visited-lessons", self->visited);
  save_set (self->settings, "completed-lessons", self->completed);
  g_settings_set_value (self->settings, "answers", g_variant_builder_end (&answers));
  g_settings_set_value (self->settings, "results", g_variant_builder_end (&results));
  g_settings_apply (self->settings);
}

static void
clear (InflightProgress *self)
{
  memset (self->visited, 0, sizeof self->visited);
  memset (self->completed, 0, sizeof self->completed);
  memset (self->has_result, 0, sizeof self->has_result);
  for (guint lesson = 0; lesson < N_LESSONS; lesson++)
    for (guint question = 0; question < N_QUESTIONS; question++)
      self->answers[lesson][question] = INFLIGHT_NO_ANSWER;
}

static void
inflight_progress_dispose (GObject *object)
{
  InflightProgress *self = INFLIGHT_PROGRESS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (inflight_progress_parent_class)->dispose (object);
}

static void
inflight_progress_class_init (InflightProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inflight_progress_dispose;

  /**
   * InflightProgress::changed:
   *
   * Something the learner did was recorded, or the progress was reset.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
inflight_progress_init (InflightProgress *self)
{
  clear (self);
}

/**
 * inflight_progress_new:
 * @settings: (nullable): where progress is kept between runs of the app;
 *   without it, progress lasts as long as the object
 */
InflightProgress *
inflight_progress_new (GSettings *settings)
{
  InflightProgress *self = g_object_new (INFLIGHT_TYPE_PROGRESS, NULL);

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), self);

  g_set_object (&self->settings, settings);
  load (self);

  return self;
}

gboolean
inflight_progress_is_visited (InflightProgress *self,
                              guint             lesson)
{
  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), FALSE);

  return valid_lesson (lesson) && self->visited[lesson];
}

gboolean
inflight_progress_is_completed (InflightProgress *self,
                                guint             lesson)
{
  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), FALSE);

  return valid_lesson (lesson) && self->completed[lesson];
}

void
inflight_progress_mark_visited (InflightProgress *self,
                                guint             lesson)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));

  if (self->visited[lesson])
    return;

  self->visited[lesson] = TRUE;
  save (self);
}

void
inflight_progress_mark_completed (InflightProgress *self,
                                  guint             lesson)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));

  if (self->completed[lesson] && self->visited[lesson])
    return;

  self->visited[lesson] = TRUE;
  self->completed[lesson] = TRUE;
  save (self);
}

/**
 * inflight_progress_get_answer:
 *
 * Returns: the choice the learner made, or %INFLIGHT_NO_ANSWER.
 */
gint
inflight_progress_get_answer (InflightProgress *self,
                              guint             lesson,
                              guint             question)
{
  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), INFLIGHT_NO_ANSWER);

  if (!valid_lesson (lesson) || question >= N_QUESTIONS)
    return INFLIGHT_NO_ANSWER;

  return self->answers[lesson][question];
}

void
inflight_progress_set_answer (InflightProgress *self,
                              guint             lesson,
                              guint             question,
                              guint             choice)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));
  g_return_if_fail (question < N_QUESTIONS);
  g_return_if_fail (choice < INFLIGHT_MAX_CHOICES);

  if (self->answers[lesson][question] == (gint) choice)
    return;

  self->answers[lesson][question] = choice;
  save (self);
}

/**
 * inflight_progress_get_result:
 *
 * Returns: whether lesson @lesson has a result; if so, it is in @result.
 */
gboolean
inflight_progress_get_result (InflightProgress *self,
                              guint             lesson,
                              InflightResult   *result)
{
  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!valid_lesson (lesson) || !self->has_result[lesson])
    return FALSE;

  *result = self->results[lesson];
  return TRUE;
}

void
inflight_progress_set_result (InflightProgress     *self,
                              guint                 lesson,
                              const InflightResult *result)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));
  g_return_if_fail (result != NULL);

  self->has_result[lesson] = TRUE;
  self->results[lesson] = *result;
  save (self);
}

/**
 * inflight_progress_reset:
 *
 * Forgets everything: visits, completions, answers and results.
 */
void
inflight_progress_reset (InflightProgress *self)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));

  clear (self);
  save (self);
}
