/* inflight-lesson.c
 * The lessons, in the order of the article "Synchronous vs Asynchronous".
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson.h"

typedef struct
{
  guint             number;
  const char       *title;
  const char       *body;      /* Pango markup; paragraphs are separated by a blank line */
  InflightStrategy  strategy;
  guint             requests;
  guint             latency_ms;
  guint             workers;
  InflightControls  controls;
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

/* Only the lessons that run end to end are listed; the others join as they are written. */
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
    INFLIGHT_STRATEGY_BLOCKING, 1, 800, 1,
    INFLIGHT_CONTROL_LATENCY,
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
    INFLIGHT_STRATEGY_BLOCKING, 5, 400, 1,
    INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS,
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
    INFLIGHT_STRATEGY_CALLBACK, 5, 400, 64,
    INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS,
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

/**
 * inflight_lesson_create_scenario:
 *
 * Returns: (transfer full): a new scenario set to the lesson's preset.
 */
InflightScenario *
inflight_lesson_create_scenario (InflightLesson *self)
{
  InflightScenario *scenario;

  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  scenario = inflight_scenario_new (self->info->strategy);
  inflight_scenario_set_requests (scenario, self->info->requests);
  inflight_scenario_set_latency_ms (scenario, self->info->latency_ms);
  inflight_scenario_set_workers (scenario, self->info->workers);

  return scenario;
}
