/* inflight-lesson.c
 * The lessons, in the order of the article "Synchronous vs Asynchronous".
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson.h"

/* A run's parameters; fields left at 0 keep the scenario's defaults (jitter, failure,
 * timeout and outage: none; chain depth: 1). */
typedef struct
{
  InflightStrategy strategy;
  guint            requests;
  guint            latency_ms;
  guint            workers;
  guint            jitter_pct;
  guint            failure_pct;
  guint            timeout_ms;
  guint            down_at_ms;
  guint            down_for_ms;
  guint            chain_depth;
  guint            seed;
} Preset;

typedef struct
{
  guint              number;
  const char        *title;
  const char        *body;              /* Pango markup; paragraphs are separated by a blank line */
  InflightExperiment experiment;
  InflightControls   controls;
  Preset             preset;
  const char        *run_title;         /* names the run, when there are two */
  Preset             comparison;        /* COMPARE and SWEEP: the second run */
  const char        *comparison_title;
  const char        *prediction_prompt; /* asks for a guess of the total time, or NULL */
  InflightQuestion   questions[3];      /* prompt NULL after the last */
  const char        *takeaways[8];      /* SUMMARY: NULL after the last */
} LessonInfo;

struct _InflightLesson
{
  GObject           parent_instance;

  const LessonInfo *info;
};

G_DEFINE_FINAL_TYPE (InflightLesson, inflight_lesson, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const LessonInfo lessons[] = {
  {
    1,
    N_("Asking for work"),
    N_("Hardly anything a program does happens inside the program alone. It opens a file, "
       "queries a database, asks a web service for today’s exchange rate. Each time, one part "
       "of it — the <b>caller</b> — sends a <b>request</b> to something else — the "
       "<b>callee</b> — and some time later a <b>reply</b> comes back.\n\n"
       "The diagram draws exactly that, to scale. Each participant has a <b>lane</b>, and time "
       "runs downwards. Arrows are messages: they slant because they really take time to "
       "arrive. A solid bar means busy; a hatched bar means waiting.\n\n"
       "Press <b>Run</b> to make one real call, and watch what the caller does while the "
       "service works. This whole course turns on that one question: <b>does the caller wait "
       "for the reply, or carry on?</b>"),
    INFLIGHT_EXPERIMENT_SINGLE,
    INFLIGHT_CONTROL_LATENCY,
    { INFLIGHT_STRATEGY_BLOCKING, .requests = 1, .latency_ms = 800, .workers = 1 },
    .prediction_prompt = N_("How long will one call of 800 ms keep the caller busy?"),
  },
  {
    2,
    N_("Synchronous: stop and wait"),
    N_("A <b>synchronous</b> call is one the caller waits for. It sends the request and takes "
       "no further step until the reply is in its hands. Here the caller is a real thread, and "
       "while it waits it is <b>blocked</b>: the system parks it, and it uses no processor time "
       "at all.\n\n"
       "Waiting has a real virtue: the code reads like a recipe. Steps happen in the order they "
       "are written, each result is there the moment the next line needs it, and when a call "
       "fails, the error turns up right at the call.\n\n"
       "The bill comes with several calls. Each one starts only once the previous reply is in, "
       "so <b>n</b> calls of latency <b>L</b> take about <b>n × L</b>, and the caller spends "
       "nearly all of it doing nothing. Move <b>Requests</b> and <b>Latency</b>, run again, "
       "and hold the measured time against the prediction."),
    INFLIGHT_EXPERIMENT_SINGLE,
    INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS,
    { INFLIGHT_STRATEGY_BLOCKING, .requests = 5, .latency_ms = 400, .workers = 1 },
    .prediction_prompt = N_("How long will five calls of 400 ms take, one after another?"),
  },
  {
    5,
    N_("Asynchronous: fire it off"),
    N_("An <b>asynchronous</b> call does not wait. The caller sends the request, leaves a "
       "<b>callback</b> — a function to run once the reply is in — and goes straight on to "
       "whatever is next.\n\n"
       "Here the caller is the main loop itself. It sends every request at once, then keeps "
       "doing real work of its own. Each reply is handed back to the main loop, which runs its "
       "callback between two slices of that work.\n\n"
       "Because the calls overlap, <b>n</b> of them take about as long as the slowest one — "
       "close to <b>L</b>, not <b>n × L</b> — as long as the service has room for them all at "
       "once. Count the arrows in flight, then raise <b>Requests</b> and see how little the "
       "total moves."),
    INFLIGHT_EXPERIMENT_SINGLE,
    INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS,
    { INFLIGHT_STRATEGY_CALLBACK, .requests = 5, .latency_ms = 400, .workers = 64 },
    .prediction_prompt = N_("How long will five calls of 400 ms take when none of them waits?"),
  },
};

/* Lesson 12's situations. */
static const InflightSortCard sort_cards[] = {
  {
    N_("Check a form field as it is typed"),
    N_("The rule is local and takes a fraction of a millisecond."),
    FALSE,
    N_("The next step needs the answer, and it is instant: waiting costs nothing."),
    1, 1,
  },
};

static void
inflight_lesson_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  InflightLesson *self = INFLIGHT_LESSON (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, inflight_lesson_get_number (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, inflight_lesson_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_lesson_class_init (InflightLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = inflight_lesson_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST, INFLIGHT_LESSON_FIRST,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_lesson_init (InflightLesson *self)
{
}

/**
 * inflight_lessons_get_all:
 *
 * Returns: (transfer none): every lesson that can be taken, in course order.
 */
GListModel *
inflight_lessons_get_all (void)
{
  static GListStore *store;

  if (g_once_init_enter (&store))
    {
      GListStore *s = g_list_store_new (INFLIGHT_TYPE_LESSON);

      for (guint i = 0; i < G_N_ELEMENTS (lessons); i++)
        {
          g_autoptr(InflightLesson) lesson = g_object_new (INFLIGHT_TYPE_LESSON, NULL);

          lesson->info = &lessons[i];
          g_list_store_append (s, lesson);
        }

      g_once_init_leave (&store, s);
    }

  return G_LIST_MODEL (store);
}

/**
 * inflight_lessons_find:
 *
 * Returns: (transfer full) (nullable): lesson @number, or %NULL if there is none.
 */
InflightLesson *
inflight_lessons_find (guint number)
{
  GListModel *all = inflight_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (all, i);

      if (lesson->info->number == number)
        return g_steal_pointer (&lesson);
    }

  return NULL;
}

guint
inflight_lesson_get_number (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->number;
}

const char *
inflight_lesson_get_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return _(self->info->title);
}

const char *
inflight_lesson_get_body (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return _(self->info->body);
}

InflightControls
inflight_lesson_get_controls (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->controls;
}

InflightExperiment
inflight_lesson_get_experiment (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->experiment;
}

static InflightScenario *
scenario_from_preset (const Preset *preset)
{
  InflightScenario *scenario = inflight_scenario_new (preset->strategy);

  inflight_scenario_set_requests (scenario, MAX (preset->requests, 1));
  inflight_scenario_set_latency_ms (scenario, preset->latency_ms);
  inflight_scenario_set_workers (scenario, MAX (preset->workers, 1));
  inflight_scenario_set_jitter_pct (scenario, preset->jitter_pct);
  inflight_scenario_set_failure_pct (scenario, preset->failure_pct);
  inflight_scenario_set_timeout_ms (scenario, preset->timeout_ms);
  inflight_scenario_set_down_at_ms (scenario, preset->down_at_ms);
  inflight_scenario_set_down_for_ms (scenario, preset->down_for_ms);
  inflight_scenario_set_chain_depth (scenario, MAX (preset->chain_depth, 1));
  inflight_scenario_set_seed (scenario, MAX (preset->seed, 1));

  return scenario;
}

/**
 * inflight_lesson_create_scenario:
 *
 * Returns: (transfer full): a new scenario set to the lesson's preset.
 */
InflightScenario *
inflight_lesson_create_scenario (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  return scenario_from_preset (&self->info->preset);
}

/**
 * inflight_lesson_create_comparison:
 *
 * Returns: (transfer full) (nullable): the second run's scenario, for lessons
 * that run two side by side; %NULL for the others.
 */
InflightScenario *
inflight_lesson_create_comparison (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  if (self->info->experiment != INFLIGHT_EXPERIMENT_COMPARE &&
      self->info->experiment != INFLIGHT_EXPERIMENT_SWEEP)
    return NULL;

  return scenario_from_preset (&self->info->comparison);
}

static const char *
translate_or_null (const char *text)
{
  return text != NULL ? _(text) : NULL;
}

/**
 * inflight_lesson_get_run_title:
 *
 * Returns: (nullable): what the main run is called when there are two.
 */
const char *
inflight_lesson_get_run_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->run_title);
}

const char *
inflight_lesson_get_comparison_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->comparison_title);
}

/**
 * inflight_lesson_get_prediction_prompt:
 *
 * Returns: (nullable): the question that asks the learner to guess the
 * total time before the first run, or %NULL if the lesson asks for none.
 */
const char *
inflight_lesson_get_prediction_prompt (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->prediction_prompt);
}

guint
inflight_lesson_get_n_questions (InflightLesson *self)
{
  guint n = 0;

  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);

  while (n < G_N_ELEMENTS (self->info->questions) && self->info->questions[n].prompt != NULL)
    n++;

  return n;
}

/**
 * inflight_lesson_get_question:
 *
 * Returns: (transfer none): question @index; its strings are untranslated
 * (mark them with N_() and show them with _()).
 */
const InflightQuestion *
inflight_lesson_get_question (InflightLesson *self,
                              guint           index)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  g_return_val_if_fail (index < inflight_lesson_get_n_questions (self), NULL);

  return &self->info->questions[index];
}

/**
 * inflight_lesson_get_takeaways:
 *
 * Returns: (transfer none) (array zero-terminated=1): the lesson's takeaways,
 * untranslated; empty for most lessons.
 */
const char * const *
inflight_lesson_get_takeaways (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return self->info->takeaways;
}

/**
 * inflight_lessons_get_sort_cards:
 *
 * Returns: (transfer none): the situations lesson 12 asks the learner to
 * sort; strings untranslated.
 */
const InflightSortCard *
inflight_lessons_get_sort_cards (guint *n_cards)
{
  *n_cards = G_N_ELEMENTS (sort_cards);
  return sort_cards;
}
