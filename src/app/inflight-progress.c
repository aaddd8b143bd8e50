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

/* The last run of a lesson: the values it had, and what its result card said. */
typedef struct
{
  char *values;
  char *measured;
  char *theory;
  char *detail;
} KeptRun;

struct _InflightProgress
{
  GObject         parent_instance;

  GSettings      *settings;
  gboolean        visited[N_LESSONS];
  gboolean        completed[N_LESSONS];
  GHashTable     *choices[N_LESSONS];   /* a question's or card's key → the choice made */
  gboolean        has_result[N_LESSONS];
  InflightResult  results[N_LESSONS];
  char           *values[N_LESSONS];    /* the sliders, as the lesson page writes them */
  KeptRun         runs[N_LESSONS];
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

static char *
question_key (guint question)
{
  return g_strdup_printf ("question-%u", question);
}

static void
clear_run (KeptRun *run)
{
  g_clear_pointer (&run->values, g_free);
  g_clear_pointer (&run->measured, g_free);
  g_clear_pointer (&run->theory, g_free);
  g_clear_pointer (&run->detail, g_free);
}

static void
keep_choice (InflightProgress *self,
             guint             lesson,
             const char       *key,
             guint             choice)
{
  g_hash_table_insert (self->choices[lesson], g_strdup (key), GUINT_TO_POINTER (choice));
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
  g_autoptr(GVariant) choices = NULL;
  g_autoptr(GVariant) results = NULL;
  g_autoptr(GVariant) values = NULL;
  g_autoptr(GVariant) runs = NULL;
  GVariantIter iter;
  guint32 lesson, question, choice;
  gint64 guess, theory, measured;
  const char *key, *text, *measured_text, *theory_text, *detail_text;

  if (self->settings == NULL)
    return;

  load_set (self->settings, "visited-lessons", self->visited);
  load_set (self->settings, "completed-lessons", self->completed);

  answers = g_settings_get_value (self->settings, "answers");
  g_variant_iter_init (&iter, answers);
  while (g_variant_iter_next (&iter, "(uuu)", &lesson, &question, &choice))
    if (valid_lesson (lesson) && choice < INFLIGHT_MAX_CHOICES)
      {
        g_autofree char *qkey = question_key (question);

        keep_choice (self, lesson, qkey, choice);
      }

  choices = g_settings_get_value (self->settings, "choices");
  g_variant_iter_init (&iter, choices);
  while (g_variant_iter_next (&iter, "(u&su)", &lesson, &key, &choice))
    if (valid_lesson (lesson) && *key != '\0' && choice < INFLIGHT_MAX_CHOICES)
      keep_choice (self, lesson, key, choice);

  values = g_settings_get_value (self->settings, "lesson-values");
  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "(u&s)", &lesson, &text))
    if (valid_lesson (lesson))
      {
        g_free (self->values[lesson]);
        self->values[lesson] = g_strdup (text);
      }

  runs = g_settings_get_value (self->settings, "lesson-runs");
  g_variant_iter_init (&iter, runs);
  while (g_variant_iter_next (&iter, "(u&s&s&s&s)", &lesson, &text, &measured_text, &theory_text, &detail_text))
    if (valid_lesson (lesson))
      {
        clear_run (&self->runs[lesson]);
        self->runs[lesson].values = g_strdup (text);
        self->runs[lesson].measured = g_strdup (measured_text);
        self->runs[lesson].theory = g_strdup (theory_text);
        self->runs[lesson].detail = g_strdup (detail_text);
      }

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
  GVariantBuilder choices, results, values, runs;

  g_signal_emit (self, signals[CHANGED], 0);

  if (self->settings == NULL)
    return;

  g_variant_builder_init (&choices, G_VARIANT_TYPE ("a(usu)"));
  g_variant_builder_init (&results, G_VARIANT_TYPE ("a(uxxx)"));
  g_variant_builder_init (&values, G_VARIANT_TYPE ("a(us)"));
  g_variant_builder_init (&runs, G_VARIANT_TYPE ("a(ussss)"));
  for (guint lesson = INFLIGHT_LESSON_FIRST; lesson <= INFLIGHT_LESSON_LAST; lesson++)
    {
      GHashTableIter iter;
      gpointer key, choice;

      g_hash_table_iter_init (&iter, self->choices[lesson]);
      while (g_hash_table_iter_next (&iter, &key, &choice))
        g_variant_builder_add (&choices, "(usu)", lesson, (const char *) key, GPOINTER_TO_UINT (choice));

      if (self->has_result[lesson])
        g_variant_builder_add (&results, "(uxxx)", lesson, self->results[lesson].guess,
                               self->results[lesson].theory, self->results[lesson].measured);
      if (self->values[lesson] != NULL)
        g_variant_builder_add (&values, "(us)", lesson, self->values[lesson]);
      if (self->runs[lesson].values != NULL)
        g_variant_builder_add (&runs, "(ussss)", lesson, self->runs[lesson].values, self->runs[lesson].measured,
                               self->runs[lesson].theory, self->runs[lesson].detail);
    }

  /* Key by key: delay-apply mode, once set on the application's settings, would stay on and hold
   * back everything else written to them (the last lesson, the window's size). */
  save_set (self->settings, "visited-lessons", self->visited);
  save_set (self->settings, "completed-lessons", self->completed);
  /* Answers by number are read once, from an earlier version, and kept by key from then on. */
  g_settings_reset (self->settings, "answers");
  g_settings_set_value (self->settings, "choices", g_variant_builder_end (&choices));
  g_settings_set_value (self->settings, "results", g_variant_builder_end (&results));
  g_settings_set_value (self->settings, "lesson-values", g_variant_builder_end (&values));
  g_settings_set_value (self->settings, "lesson-runs", g_variant_builder_end (&runs));
}

static void
clear (InflightProgress *self)
{
  memset (self->visited, 0, sizeof self->visited);
  memset (self->completed, 0, sizeof self->completed);
  memset (self->has_result, 0, sizeof self->has_result);
  for (guint lesson = 0; lesson < N_LESSONS; lesson++)
    {
      if (self->choices[lesson] == NULL)
        self->choices[lesson] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_remove_all (self->choices[lesson]);
      g_clear_pointer (&self->values[lesson], g_free);
      clear_run (&self->runs[lesson]);
    }
}

static void
inflight_progress_dispose (GObject *object)
{
  InflightProgress *self = INFLIGHT_PROGRESS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (inflight_progress_parent_class)->dispose (object);
}

static void
inflight_progress_finalize (GObject *object)
{
  InflightProgress *self = INFLIGHT_PROGRESS (object);

  for (guint lesson = 0; lesson < N_LESSONS; lesson++)
    {
      g_clear_pointer (&self->choices[lesson], g_hash_table_unref);
      g_clear_pointer (&self->values[lesson], g_free);
      clear_run (&self->runs[lesson]);
    }

  G_OBJECT_CLASS (inflight_progress_parent_class)->finalize (object);
}

static void
inflight_progress_class_init (InflightProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = inflight_progress_dispose;
  object_class->finalize = inflight_progress_finalize;

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
 * inflight_progress_get_choice:
 * @key: what was answered: a question's or a card's own key
 *
 * Returns: the choice the learner made, or %INFLIGHT_NO_ANSWER.
 */
gint
inflight_progress_get_choice (InflightProgress *self,
                              guint             lesson,
                              const char       *key)
{
  gpointer choice;

  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), INFLIGHT_NO_ANSWER);
  g_return_val_if_fail (key != NULL, INFLIGHT_NO_ANSWER);

  if (!valid_lesson (lesson) || !g_hash_table_lookup_extended (self->choices[lesson], key, NULL, &choice))
    return INFLIGHT_NO_ANSWER;

  return GPOINTER_TO_INT (choice);
}

/**
 * inflight_progress_set_choice:
 * @key: what was answered: a question's or a card's own key, so that no
 *   number of questions or cards can run out of room
 */
void
inflight_progress_set_choice (InflightProgress *self,
                              guint             lesson,
                              const char       *key,
                              guint             choice)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));
  g_return_if_fail (key != NULL && *key != '\0');
  g_return_if_fail (choice < INFLIGHT_MAX_CHOICES);

  if (inflight_progress_get_choice (self, lesson, key) == (gint) choice)
    return;

  keep_choice (self, lesson, key, choice);
  save (self);
}

/**
 * inflight_progress_get_answer:
 * @question: the question's number in its lesson, from 0
 *
 * Returns: the choice the learner made, or %INFLIGHT_NO_ANSWER.
 */
gint
inflight_progress_get_answer (InflightProgress *self,
                              guint             lesson,
                              guint             question)
{
  g_autofree char *key = question_key (question);

  return inflight_progress_get_choice (self, lesson, key);
}

void
inflight_progress_set_answer (InflightProgress *self,
                              guint             lesson,
                              guint             question,
                              guint             choice)
{
  g_autofree char *key = question_key (question);

  inflight_progress_set_choice (self, lesson, key, choice);
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

/**
 * inflight_progress_get_values:
 *
 * Returns: (nullable): the lesson's sliders as last left, or %NULL
 */
const char *
inflight_progress_get_values (InflightProgress *self,
                              guint             lesson)
{
  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), NULL);

  return valid_lesson (lesson) ? self->values[lesson] : NULL;
}

/**
 * inflight_progress_set_values:
 * @values: (nullable): the lesson's sliders; %NULL forgets them
 */
void
inflight_progress_set_values (InflightProgress *self,
                              guint             lesson,
                              const char       *values)
{
  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));

  if (g_strcmp0 (self->values[lesson], values) == 0)
    return;

  g_free (self->values[lesson]);
  self->values[lesson] = g_strdup (values);
  save (self);
}

/**
 * inflight_progress_get_run:
 * @values: (out): the values the run had
 * @measured: (out): the result's headline, as markup
 * @theory: (out): the theory line
 * @detail: (out): the line under them
 *
 * Returns: whether the lesson keeps a last run
 */
gboolean
inflight_progress_get_run (InflightProgress  *self,
                           guint              lesson,
                           const char       **values,
                           const char       **measured,
                           const char       **theory,
                           const char       **detail)
{
  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), FALSE);

  if (!valid_lesson (lesson) || self->runs[lesson].values == NULL)
    return FALSE;

  *values = self->runs[lesson].values;
  *measured = self->runs[lesson].measured;
  *theory = self->runs[lesson].theory;
  *detail = self->runs[lesson].detail;
  return TRUE;
}

/**
 * inflight_progress_set_run:
 * @values: (nullable): the values the run had; %NULL forgets the lesson's run
 *
 * Keeps what a lesson's last run showed, to show it again next time.
 */
void
inflight_progress_set_run (InflightProgress *self,
                           guint             lesson,
                           const char       *values,
                           const char       *measured,
                           const char       *theory,
                           const char       *detail)
{
  KeptRun *run;

  g_return_if_fail (INFLIGHT_IS_PROGRESS (self));
  g_return_if_fail (valid_lesson (lesson));

  run = &self->runs[lesson];
  if (values == NULL && run->values == NULL)
    return;
  if (values != NULL && g_strcmp0 (run->values, values) == 0 && g_strcmp0 (run->measured, measured) == 0 &&
      g_strcmp0 (run->theory, theory) == 0 && g_strcmp0 (run->detail, detail) == 0)
    return;

  clear_run (run);
  if (values != NULL)
    {
      run->values = g_strdup (values);
      run->measured = g_strdup (measured != NULL ? measured : "");
      run->theory = g_strdup (theory != NULL ? theory : "");
      run->detail = g_strdup (detail != NULL ? detail : "");
    }
  save (self);
}

/**
 * inflight_progress_count_completed:
 *
 * Returns: how many lessons are completed: what the sidebar ticks and the
 * summary counts
 */
guint
inflight_progress_count_completed (InflightProgress *self)
{
  guint completed = 0;

  g_return_val_if_fail (INFLIGHT_IS_PROGRESS (self), 0);

  for (guint lesson = INFLIGHT_LESSON_FIRST; lesson <= INFLIGHT_LESSON_LAST; lesson++)
    completed += self->completed[lesson];
  return completed;
}
