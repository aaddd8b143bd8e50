/* inflight-event-model.c
 * A run's events as a GListModel of strings, made on demand: a long run has
 * hundreds of thousands of events, and only a screenful is ever shown.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-event-model"

#include "config.h"

#include <gtk/gtk.h>

#include "inflight-event-model.h"

struct _InflightEventModel
{
  GObject                parent_instance;

  InflightTraceSnapshot *snapshot;
  GArray                *events;
};

static void inflight_event_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (InflightEventModel, inflight_event_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, inflight_event_model_list_init))

static gboolean
same_event (const InflightEvent *a,
            const InflightEvent *b)
{
  return a->at == b->at && a->kind == b->kind && a->index == b->index;
}

static GType
inflight_event_model_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
inflight_event_model_get_n_items (GListModel *model)
{
  InflightEventModel *self = INFLIGHT_EVENT_MODEL (model);

  return self->events != NULL ? self->events->len : 0;
}

static gpointer
inflight_event_model_get_item (GListModel *model,
                               guint       position)
{
  InflightEventModel *self = INFLIGHT_EVENT_MODEL (model);
  g_autofree char *text = NULL;

  if (self->events == NULL || position >= self->events->len)
    return NULL;

  text = inflight_diagram_event_text (self->snapshot, &g_array_index (self->events, InflightEvent, position));

  return gtk_string_object_new (text);
}

static void
inflight_event_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = inflight_event_model_get_item_type;
  iface->get_n_items = inflight_event_model_get_n_items;
  iface->get_item = inflight_event_model_get_item;
}

static void
inflight_event_model_finalize (GObject *object)
{
  InflightEventModel *self = INFLIGHT_EVENT_MODEL (object);

  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->snapshot, inflight_trace_snapshot_unref);

  G_OBJECT_CLASS (inflight_event_model_parent_class)->finalize (object);
}

static void
inflight_event_model_class_init (InflightEventModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = inflight_event_model_finalize;
}

static void
inflight_event_model_init (InflightEventModel *self)
{
}

InflightEventModel *
inflight_event_model_new (void)
{
  return g_object_new (INFLIGHT_TYPE_EVENT_MODEL, NULL);
}

/**
 * inflight_event_model_set:
 * @snapshot: (nullable): the run the events are of
 * @events: (nullable) (element-type InflightEvent): its events, in time order
 *
 * Shows @events. Only the rows after the first that differs change, so a
 * growing live run keeps the list's place and selection.
 */
void
inflight_event_model_set (InflightEventModel    *self,
                          InflightTraceSnapshot *snapshot,
                          const GArray          *events)
{
  guint old_n, new_n, same = 0;

  g_return_if_fail (INFLIGHT_IS_EVENT_MODEL (self));

  old_n = self->events != NULL ? self->events->len : 0;
  new_n = events != NULL ? events->len : 0;
  while (same < old_n && same < new_n &&
         same_event (&g_array_index (self->events, InflightEvent, same),
                     &g_array_index (events, InflightEvent, same)))
    same++;

  if (snapshot != NULL)
    inflight_trace_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, inflight_trace_snapshot_unref);
  self->snapshot = snapshot;

  g_clear_pointer (&self->events, g_array_unref);
  if (events != NULL)
    self->events = g_array_ref ((GArray *) events);

  if (old_n != same || new_n != same)
    g_list_model_items_changed (G_LIST_MODEL (self), same, old_n - same, new_n - same);
}

gint64
inflight_event_model_get_time (InflightEventModel *self,
                               guint               position)
{
  g_return_val_if_fail (INFLIGHT_IS_EVENT_MODEL (self), 0);

  if (self->events == NULL || position >= self->events->len)
    return 0;

  return g_array_index (self->events, InflightEvent, position).at;
}

/**
 * inflight_event_model_find:
 *
 * Returns: the position of the last event at or before @t, or
 * %GTK_INVALID_LIST_POSITION if none is.
 */
guint
inflight_event_model_find (InflightEventModel *self,
                           gint64              t)
{
  guint n;

  g_return_val_if_fail (INFLIGHT_IS_EVENT_MODEL (self), GTK_INVALID_LIST_POSITION);

  if (self->events == NULL)
    return GTK_INVALID_LIST_POSITION;

  n = inflight_diagram_find_event (self->events, t);

  return n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
}
