/* inflight-lesson-page-freeze.c
 * Lesson 3's freeze, seen from the window: input that arrives while the window's thread is
 * held is let go only after, and the frame clock measures how long no frame was drawn.
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

/* Input that reached the window while its thread was frozen arrives all at once after the
 * freeze; it is counted and let go, so that a queued click cannot take the learner away from
 * the report of the freeze it was part of. */
static gboolean
on_held_event_cb (InflightLessonPage       *self,
                  GdkEvent                 *event,
                  GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
      self->held_events++;
      return TRUE;

    case GDK_BUTTON_RELEASE:
    case GDK_KEY_RELEASE:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_SCROLL:
      return TRUE;

    default:
      return FALSE;
    }
}

void
inflight_lesson_page_hold_input (InflightLessonPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->held_input != NULL || root == NULL)
    return;

  self->held_input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->held_input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->held_input, "event", G_CALLBACK (on_held_event_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (root), g_object_ref (self->held_input));
}

void
inflight_lesson_page_release_input (InflightLessonPage *self)
{
  GtkWidget *widget;

  g_clear_handle_id (&self->hold_idle, g_source_remove);
  if (self->held_input == NULL)
    return;

  widget = gtk_event_controller_get_widget (self->held_input);
  if (widget != NULL)
    gtk_widget_remove_controller (widget, self->held_input);
  g_clear_object (&self->held_input);
}

static gboolean
release_input_cb (gpointer data)
{
  InflightLessonPage *self = data;

  self->hold_idle = 0;
  inflight_lesson_page_release_input (self);
  inflight_lesson_page_show_results (self);
  return G_SOURCE_REMOVE;
}

/* Let go once the input queued during the freeze has been delivered: the window's events are
 * dispatched before anything of a lower priority runs. */
void
inflight_lesson_page_release_input_later (InflightLessonPage *self)
{
  if (self->held_input != NULL && self->hold_idle == 0)
    self->hold_idle = g_timeout_add_full (G_PRIORITY_LOW, 150, release_input_cb, self, NULL);
}

gint64
inflight_lesson_page_frame_gap_or_measured (InflightLessonPage *self,
                                            InflightMetrics    *metrics)
{
  return inflight_lesson_page_experiment (self) == INFLIGHT_LESSON_KIND_FREEZE ? MAX (self->frame_gap, metrics->longest_freeze) : metrics->total;
}

void
inflight_lesson_page_stop_frame_watch (InflightLessonPage *self)
{
  if (self->frame_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->frame_tick);
      self->frame_tick = 0;
    }
}

/* The window's own frame clock: the longest stretch without a frame is how long it froze.
 * Each frame is timed when it really happens: the clock's own frame times are smoothed,
 * and after a stall they lag behind what the learner saw. */
gboolean
inflight_lesson_page_frame_watch_cb (GtkWidget     *widget,
                                     GdkFrameClock *clock,
                                     gpointer       user_data)
{
  InflightLessonPage *self = INFLIGHT_LESSON_PAGE (widget);
  gint64 now = g_get_monotonic_time ();

  if (self->last_frame != 0)
    self->frame_gap = MAX (self->frame_gap, now - self->last_frame);
  self->last_frame = now;

  return G_SOURCE_CONTINUE;
}
