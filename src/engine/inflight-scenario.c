/* inflight-scenario.c
 * The parameters of one experiment, each with a documented range.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-scenario"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdlib.h>

#include "inflight-enums.h"
#include "inflight-scenario.h"

struct _InflightScenario
{
  GObject          parent_instance;

  InflightStrategy strategy;
  guint            requests;
  guint            latency_ms;
  guint            jitter_pct;
  guint            workers;
  guint            failure_pct;
  guint            seed;
  guint            timeout_ms;
  guint            down_at_ms;
  guint            down_for_ms;
  guint            chain_depth;
  guint            await_after_ms;   /* futures: the caller's own work before it awaits the first */
  gboolean         down;
  gboolean         continuation;     /* futures: each reacted to by a continuation, never awaited */
  gboolean         hangs;
  gboolean         caller_down;      /* the caller is down now (changed live) */
};

G_DEFINE_FINAL_TYPE (InflightScenario, inflight_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STRATEGY,
  PROP_DOWN,
  PROP_CONTINUATION,
  PROP_HANGS,
  PROP_CALLER_DOWN,
  /* The numeric parameters, in the order of uint_params[]. */
  PROP_REQUESTS,
  PROP_LATENCY_MS,
  PROP_JITTER_PCT,
  PROP_WORKERS,
  PROP_FAILURE_PCT,
  PROP_SEED,
  PROP_TIMEOUT_MS,
  PROP_DOWN_AT_MS,
  PROP_DOWN_FOR_MS,
  PROP_CHAIN_DEPTH,
  PROP_AWAIT_AFTER_MS,
  N_PROPS
};

typedef struct
{
  const char *name;
  gsize       offset;
  guint       minimum;
  guint       maximum;
  guint       default_value;
} UintParam;

#define FIELD(f) G_STRUCT_OFFSET (InflightScenario, f)

/* Every numeric parameter with its documented range (see inflight-scenario.h). */
static const UintParam uint_params[] = {
  { "requests",    FIELD (requests),    INFLIGHT_REQUESTS_MIN,    INFLIGHT_REQUESTS_MAX,    5 },
  { "latency-ms",  FIELD (latency_ms),  INFLIGHT_LATENCY_MS_MIN,  INFLIGHT_LATENCY_MS_MAX,  400 },
  { "jitter-pct",  FIELD (jitter_pct),  INFLIGHT_JITTER_PCT_MIN,  INFLIGHT_JITTER_PCT_MAX,  0 },
  { "workers",     FIELD (workers),     INFLIGHT_WORKERS_MIN,     INFLIGHT_WORKERS_MAX,     8 },
  { "failure-pct", FIELD (failure_pct), INFLIGHT_FAILURE_PCT_MIN, INFLIGHT_FAILURE_PCT_MAX, 0 },
  { "seed",        FIELD (seed),        0,                        G_MAXUINT,                1 },
  { "timeout-ms",  FIELD (timeout_ms),  0,                        INFLIGHT_TIMEOUT_MS_MAX,  0 },
  { "down-at-ms",  FIELD (down_at_ms),  0,                        INFLIGHT_DOWN_MS_MAX,     0 },
  { "down-for-ms", FIELD (down_for_ms), 0,                        INFLIGHT_DOWN_MS_MAX,     0 },
  { "chain-depth", FIELD (chain_depth), INFLIGHT_CHAIN_DEPTH_MIN, INFLIGHT_CHAIN_DEPTH_MAX, 1 },
  { "await-after-ms", FIELD (await_after_ms), 0,                   INFLIGHT_AWAIT_AFTER_MS_MAX, 300 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (uint_params) == N_PROPS - PROP_REQUESTS);

static GParamSpec *properties[N_PROPS];

/* Fields are read by the main thread only; runners copy them or watch "notify". */
#define UINT_FIELD(self, prop_id) \
  G_STRUCT_MEMBER (guint, (self), uint_params[(prop_id) - PROP_REQUESTS].offset)

/* Sets a numeric parameter and notifies only on change. */
static void
set_uint (InflightScenario *self,
          guint             prop_id,
          guint             value)
{
  const UintParam *param = &uint_params[prop_id - PROP_REQUESTS];

  g_return_if_fail (value >= param->minimum && value <= param->maximum);

  if (UINT_FIELD (self, prop_id) == value)
    return;

  UINT_FIELD (self, prop_id) = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
inflight_scenario_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  InflightScenario *self = INFLIGHT_SCENARIO (object);

  if (prop_id >= PROP_REQUESTS && prop_id < N_PROPS)
    {
      g_value_set_uint (value, UINT_FIELD (self, prop_id));
      return;
    }

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_enum (value, self->strategy);
      break;

    case PROP_DOWN:
      g_value_set_boolean (value, self->down);
      break;

    case PROP_CONTINUATION:
      g_value_set_boolean (value, self->continuation);
      break;

    case PROP_HANGS:
      g_value_set_boolean (value, self->hangs);
      break;

    case PROP_CALLER_DOWN:
      g_value_set_boolean (value, self->caller_down);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_scenario_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  InflightScenario *self = INFLIGHT_SCENARIO (object);

  if (prop_id >= PROP_REQUESTS && prop_id < N_PROPS)
    {
      set_uint (self, prop_id, g_value_get_uint (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_STRATEGY:
      inflight_scenario_set_strategy (self, g_value_get_enum (value));
      break;

    case PROP_DOWN:
      inflight_scenario_set_down (self, g_value_get_boolean (value));
      break;

    case PROP_CONTINUATION:
      inflight_scenario_set_continuation (self, g_value_get_boolean (value));
      break;

    case PROP_HANGS:
      inflight_scenario_set_hangs (self, g_value_get_boolean (value));
      break;

    case PROP_CALLER_DOWN:
      inflight_scenario_set_caller_down (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_scenario_class_init (InflightScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = inflight_scenario_get_property;
  object_class->set_property = inflight_scenario_set_property;

  properties[PROP_STRATEGY] =
    g_param_spec_enum ("strategy", NULL, NULL,
                       INFLIGHT_TYPE_STRATEGY, INFLIGHT_STRATEGY_BLOCKING, flags);
  properties[PROP_DOWN] =
    g_param_spec_boolean ("down", NULL, NULL, FALSE, flags);
  properties[PROP_CONTINUATION] =
    g_param_spec_boolean ("continuation", NULL, NULL, FALSE, flags);
  properties[PROP_HANGS] =
    g_param_spec_boolean ("hangs", NULL, NULL, FALSE, flags);
  properties[PROP_CALLER_DOWN] =
    g_param_spec_boolean ("caller-down", NULL, NULL, FALSE, flags);

  for (guint i = 0; i < G_N_ELEMENTS (uint_params); i++)
    properties[PROP_REQUESTS + i] =
      g_param_spec_uint (uint_params[i].name, NULL, NULL,
                         uint_params[i].minimum, uint_params[i].maximum,
                         uint_params[i].default_value, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_scenario_init (InflightScenario *self)
{
  self->strategy = INFLIGHT_STRATEGY_BLOCKING;

  for (guint i = 0; i < G_N_ELEMENTS (uint_params); i++)
    UINT_FIELD (self, PROP_REQUESTS + i) = uint_params[i].default_value;
}

InflightScenario *
inflight_scenario_new (InflightStrategy strategy)
{
  return g_object_new (INFLIGHT_TYPE_SCENARIO, "strategy", strategy, NULL);
}

/**
 * inflight_scenario_copy:
 *
 * Returns: (transfer full): a new scenario with the same values, so that a
 * run keeps its parameters while the original goes on being edited.
 */
InflightScenario *
inflight_scenario_copy (InflightScenario *self)
{
  InflightScenario *copy;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), NULL);

  copy = inflight_scenario_new (self->strategy);
  copy->down = self->down;
  copy->continuation = self->continuation;
  copy->hangs = self->hangs;
  copy->caller_down = self->caller_down;
  for (guint i = 0; i < G_N_ELEMENTS (uint_params); i++)
    UINT_FIELD (copy, PROP_REQUESTS + i) = UINT_FIELD (self, PROP_REQUESTS + i);

  return copy;
}

InflightStrategy
inflight_scenario_get_strategy (InflightScenario *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), 0);
  return self->strategy;
}

void
inflight_scenario_set_strategy (InflightScenario *self,
                                InflightStrategy  strategy)
{
  g_return_if_fail (INFLIGHT_IS_SCENARIO (self));
  g_return_if_fail (strategy <= INFLIGHT_STRATEGY_PARALLEL);

  if (self->strategy == strategy)
    return;

  self->strategy = strategy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
}

gboolean
inflight_scenario_get_down (InflightScenario *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), FALSE);
  return self->down;
}

/* Sets a switch and notifies only on change. */
static void
set_flag (InflightScenario *self,
          gboolean         *field,
          guint             prop_id,
          gboolean          value)
{
  if (*field == !!value)
    return;

  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
inflight_scenario_set_down (InflightScenario *self,
                            gboolean          down)
{
  g_return_if_fail (INFLIGHT_IS_SCENARIO (self));

  set_flag (self, &self->down, PROP_DOWN, down);
}

/**
 * inflight_scenario_get_continuation:
 *
 * Returns: whether a caller holding futures reacts to each with a continuation, run on its
 * context when the future resolves, instead of awaiting it
 */
gboolean
inflight_scenario_get_continuation (InflightScenario *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), FALSE);
  return self->continuation;
}

void
inflight_scenario_set_continuation (InflightScenario *self,
                                    gboolean          continuation)
{
  g_return_if_fail (INFLIGHT_IS_SCENARIO (self));

  set_flag (self, &self->continuation, PROP_CONTINUATION, continuation);
}

gboolean
inflight_scenario_get_hangs (InflightScenario *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), FALSE);
  return self->hangs;
}

/**
 * inflight_scenario_set_hangs:
 *
 * Whether the service, in its outage window, hangs — takes each request and
 * says nothing until the window ends — rather than refusing it at once.
 */
void
inflight_scenario_set_hangs (InflightScenario *self,
                             gboolean          hangs)
{
  g_return_if_fail (INFLIGHT_IS_SCENARIO (self));

  set_flag (self, &self->hangs, PROP_HANGS, hangs);
}

gboolean
inflight_scenario_get_caller_down (InflightScenario *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), FALSE);
  return self->caller_down;
}

/**
 * inflight_scenario_set_caller_down:
 *
 * Takes the caller down, or brings it back. Like "down", it is changed live:
 * a run follows it as it happens.
 */
void
inflight_scenario_set_caller_down (InflightScenario *self,
                                   gboolean          caller_down)
{
  g_return_if_fail (INFLIGHT_IS_SCENARIO (self));

  set_flag (self, &self->caller_down, PROP_CALLER_DOWN, caller_down);
}

#define DEFINE_UINT_ACCESSORS(field, PROP)                                   \
guint                                                                        \
inflight_scenario_get_##field (InflightScenario *self)                       \
{                                                                            \
  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), 0);                     \
  return self->field;                                                        \
}                                                                            \
                                                                             \
void                                                                         \
inflight_scenario_set_##field (InflightScenario *self,                       \
                               guint             value)                      \
{                                                                            \
  g_return_if_fail (INFLIGHT_IS_SCENARIO (self));                            \
  set_uint (self, PROP, value);                                              \
}

DEFINE_UINT_ACCESSORS (requests, PROP_REQUESTS)
DEFINE_UINT_ACCESSORS (latency_ms, PROP_LATENCY_MS)
DEFINE_UINT_ACCESSORS (jitter_pct, PROP_JITTER_PCT)
DEFINE_UINT_ACCESSORS (workers, PROP_WORKERS)
DEFINE_UINT_ACCESSORS (failure_pct, PROP_FAILURE_PCT)
DEFINE_UINT_ACCESSORS (seed, PROP_SEED)
DEFINE_UINT_ACCESSORS (timeout_ms, PROP_TIMEOUT_MS)
DEFINE_UINT_ACCESSORS (down_at_ms, PROP_DOWN_AT_MS)
DEFINE_UINT_ACCESSORS (down_for_ms, PROP_DOWN_FOR_MS)
DEFINE_UINT_ACCESSORS (chain_depth, PROP_CHAIN_DEPTH)
DEFINE_UINT_ACCESSORS (await_after_ms, PROP_AWAIT_AFTER_MS)

/**
 * inflight_scenario_set_by_name:
 * @name: a property name, such as "latency-ms"
 * @value: its value as text, such as "250"
 *
 * Sets a parameter from text, as the command line does. A value that is not
 * a number, or is outside the parameter's range, is refused with an error
 * that names the parameter, the value and the range.
 */
gboolean
inflight_scenario_set_by_name (InflightScenario  *self,
                               const char        *name,
                               const char        *value,
                               GError           **error)
{
  GParamSpec *pspec;
  GParamSpecUInt *range;
  guint64 number;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (INFLIGHT_IS_SCENARIO (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), name);

  if (pspec == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("There is no parameter called “%s”"), name);
      return FALSE;
    }

  if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    {
      gboolean flag;

      if (g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "1") == 0)
        flag = TRUE;
      else if (g_strcmp0 (value, "false") == 0 || g_strcmp0 (value, "0") == 0)
        flag = FALSE;
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s: “%s” is neither true nor false"), name, value);
          return FALSE;
        }
      g_object_set (self, name, flag, NULL);
      return TRUE;
    }

  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      InflightStrategy strategy;

      if (!inflight_strategy_from_string (value, &strategy))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s: “%s” is not a strategy (blocking, ui-blocking, callback, future, queue, event-loop, parallel)"),
                       name, value);
          return FALSE;
        }
      inflight_scenario_set_strategy (self, strategy);
      return TRUE;
    }

  range = G_PARAM_SPEC_UINT (pspec);

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: “%s” is not a whole number from %u to %u"),
                   name, value, range->minimum, range->maximum);
      return FALSE;
    }

  if (number < range->minimum || number > range->maximum)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: %s is out of range (%u to %u)"),
                   name, value, range->minimum, range->maximum);
      return FALSE;
    }

  g_object_set (self, name, (guint) number, NULL);

  return TRUE;
}

const char *
inflight_strategy_to_string (InflightStrategy strategy)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (INFLIGHT_TYPE_STRATEGY);
  GEnumValue *value = g_enum_get_value (klass, strategy);

  return value != NULL ? value->value_nick : NULL;
}

gboolean
inflight_strategy_from_string (const char       *name,
                               InflightStrategy *strategy)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (strategy != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  klass = g_type_class_ref (INFLIGHT_TYPE_STRATEGY);
  value = g_enum_get_value_by_nick (klass, name);
  if (value == NULL)
    return FALSE;

  *strategy = value->value;
  return TRUE;
}

/* Each strategy's name, in a sentence and alone in a list: where a language puts an article
 * before the name in a sentence ("una cola de mensajes"), the list's has none. */
static const struct
{
  const char *title;
  const char *list_name;
} strategy_names[] = {
  [INFLIGHT_STRATEGY_BLOCKING] = { N_("blocking"), NC_("strategy list", "blocking") },
  [INFLIGHT_STRATEGY_UI_BLOCKING] = { N_("blocking on the UI thread"), NC_("strategy list", "blocking on the UI thread") },
  [INFLIGHT_STRATEGY_CALLBACK] = { N_("callback"), NC_("strategy list", "callback") },
  [INFLIGHT_STRATEGY_FUTURE] = { N_("future"), NC_("strategy list", "future") },
  [INFLIGHT_STRATEGY_QUEUE] = { N_("message queue"), NC_("strategy list", "message queue") },
  [INFLIGHT_STRATEGY_EVENT_LOOP] = { N_("event loop"), NC_("strategy list", "event loop") },
  [INFLIGHT_STRATEGY_PARALLEL] = { N_("parallel"), NC_("strategy list", "parallel") },
};

/**
 * inflight_strategy_get_list_name:
 *
 * Returns: the strategy's name as an item in a list of strategies, standing alone
 */
const char *
inflight_strategy_get_list_name (InflightStrategy strategy)
{
  g_return_val_if_fail ((guint) strategy < G_N_ELEMENTS (strategy_names), NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "strategy list", strategy_names[strategy].list_name);
}

/**
 * inflight_strategy_get_title:
 *
 * Returns: the strategy's name as the learner reads it in a sentence, as in "5 requests,
 * blocking." (a list of strategies uses inflight_strategy_get_list_name()).
 */
const char *
inflight_strategy_get_title (InflightStrategy strategy)
{
  g_return_val_if_fail ((guint) strategy < G_N_ELEMENTS (strategy_names), NULL);

  return _(strategy_names[strategy].title);
}
