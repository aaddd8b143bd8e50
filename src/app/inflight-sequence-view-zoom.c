/* inflight-sequence-view-zoom.c
 * The pointer on the sequence view: zooming and panning by wheel, drag and buttons, a click on a
 * time, and the whole names of lanes in the headers' tooltips. Changes when the way the learner
 * moves about the diagram does.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-sequence-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include "inflight-sequence-view-private.h"

/* Zoom */

/* Shows @span µs from @start, clamped to the run; the whole run is the fitted view. */
void
show_range (InflightSequenceView *self,
            double                start,
            double                span,
            gboolean              animate)
{
  InflightViewport whole;
  double full;

  fitted_range (self, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), &whole);
  full = (double) (whole.t_end - whole.t_start);
  span = CLAMP (span, MIN_SPAN_US, full);
  start = CLAMP (start, (double) whole.t_start, (double) whole.t_end - span);

  if (span >= full * 0.999)
    {
      self->animating = FALSE;
      set_fitted (self, TRUE);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->fitted)
    {
      self->view_start = (double) whole.t_start;
      self->view_span = full;
    }

  if (animate && animations_enabled (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->anim_from[0] = self->view_start;
      self->anim_from[1] = self->view_span;
      self->anim_to[0] = start;
      self->anim_to[1] = span;
      self->anim_begin = g_get_monotonic_time ();
      if (gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
        self->anim_begin = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->animating = TRUE;
      ensure_ticking (self);
    }
  else
    {
      self->animating = FALSE;
      self->view_start = start;
      self->view_span = span;
    }

  set_fitted (self, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zooms by @factor (> 1: in) keeping the time at @anchor_y where it is. */
static void
zoom_at (InflightSequenceView *self,
         double                factor,
         double                anchor_y,
         gboolean              animate)
{
  InflightViewport viewport;
  double start, span, anchor, span_to;

  compute_viewport (self, &viewport);
  if (self->animating)
    {
      viewport.t_start = (gint64) self->anim_to[0];
      viewport.t_end = (gint64) (self->anim_to[0] + self->anim_to[1]);
    }
  start = (double) viewport.t_start;
  span = (double) (viewport.t_end - viewport.t_start);
  anchor = (double) inflight_diagram_y_to_time (&viewport, anchor_y);
  span_to = span / factor;

  show_range (self, anchor - (anchor - start) * span_to / span, span_to, animate);
}

static double
playhead_y (InflightSequenceView *self)
{
  InflightViewport viewport;
  double y;

  compute_viewport (self, &viewport);
  y = inflight_diagram_time_to_y (&viewport, self->playhead);

  /* Zoom about the playhead when it is in sight, else about the middle. */
  if (y < INFLIGHT_DIAGRAM_HEADER_HEIGHT || y > viewport.height - inflight_diagram_footer_height (&viewport))
    y = (INFLIGHT_DIAGRAM_HEADER_HEIGHT + viewport.height - inflight_diagram_footer_height (&viewport)) / 2;

  return y;
}

/* Input */

static gboolean
on_scroll_cb (InflightSequenceView     *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, pow (SCROLL_ZOOM_STEP, -dy), self->pointer_y, FALSE);
      return TRUE;
    }

  if (self->fitted)
    return FALSE;

  show_range (self, self->view_start + dy * self->view_span * 0.1, self->view_span, FALSE);
  return TRUE;
}

static void
on_motion_cb (InflightSequenceView     *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  self->pointer_y = y;
}

static void
on_drag_begin_cb (InflightSequenceView *self,
                  double                x,
                  double                y,
                  GtkGestureDrag       *gesture)
{
  self->drag_from = self->view_start;
}

static void
on_drag_update_cb (InflightSequenceView *self,
                   double                dx,
                   double                dy,
                   GtkGestureDrag       *gesture)
{
  InflightViewport viewport;
  double per_px;

  if (self->fitted)
    return;

  compute_viewport (self, &viewport);
  per_px = self->view_span / MAX (1.0, viewport.height - INFLIGHT_DIAGRAM_HEADER_HEIGHT -
                                        inflight_diagram_footer_height (&viewport));
  show_range (self, self->drag_from - dy * per_px, self->view_span, FALSE);
}

static void
on_click_released_cb (InflightSequenceView *self,
                      int                   n_press,
                      double                x,
                      double                y,
                      GtkGestureClick      *gesture)
{
  InflightViewport viewport;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->snapshot == NULL || !self->snapshot->started || y < INFLIGHT_DIAGRAM_HEADER_HEIGHT)
    return;

  /* A click puts the playhead there. */
  compute_viewport (self, &viewport);
  inflight_sequence_view_set_playhead (self, inflight_diagram_y_to_time (&viewport, y));
}


static gboolean
on_query_tooltip_cb (InflightSequenceView *self,
                     int                   x,
                     int                   y,
                     gboolean              keyboard,
                     GtkTooltip           *tooltip)
{
  g_autofree char *name = keyboard ? NULL : inflight_sequence_view_get_header_tooltip (self, x, y);

  if (name == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

void
inflight_sequence_view_init_input (InflightSequenceView *self)
{
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;
  GtkGesture *click;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));}

/* Public API */

/**
 * inflight_sequence_view_zoom:
 * @factor: more than 1 to zoom in, less to zoom out
 *
 * Zooms about the playhead, or the middle of the view when the playhead is out of sight.
 */
void
inflight_sequence_view_zoom (InflightSequenceView *self,
                             double                factor)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));
  g_return_if_fail (factor > 0);

  zoom_at (self, factor, playhead_y (self), TRUE);
}

void
inflight_sequence_view_zoom_to_fit (InflightSequenceView *self)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  self->animating = FALSE;
  set_fitted (self, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * inflight_sequence_view_get_fitted:
 *
 * Returns: whether the whole run is in view
 */
gboolean
inflight_sequence_view_get_fitted (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), TRUE);

  return self->fitted;
}

/* The placement of the headers of what is shown now: lanes too many for their names are
 * drawn grouped, in fewer columns. Kept until the snapshot or the view changes. */
static const InflightDiagramLayout *
header_layout (InflightSequenceView *self,
               InflightViewport     *viewport)
{
  compute_viewport (self, viewport);
  if (self->headers != NULL && memcmp (&self->headers_viewport, viewport, sizeof *viewport) == 0 &&
      self->headers_of == self->snapshot)
    return self->headers;

  g_clear_pointer (&self->headers, inflight_diagram_layout_free);
  self->headers = inflight_diagram_layout_new (self->snapshot, viewport, &self->style);
  self->headers_viewport = *viewport;
  self->headers_of = self->snapshot;

  return self->headers;
}

/**
 * inflight_sequence_view_get_header_tooltip:
 * @x: where the pointer is, in the view's coordinates
 *
 * Returns: (transfer full) (nullable): the whole name of the lane, or group of lanes, whose
 * header is under (@x, @y), which the header may show shortened; %NULL elsewhere
 */
char *
inflight_sequence_view_get_header_tooltip (InflightSequenceView *self,
                                           double                x,
                                           double                y)
{
  const InflightDiagramLayout *layout;
  InflightViewport viewport;
  guint n_columns;
  double width;
  int column;

  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), NULL);

  if (self->snapshot == NULL || self->snapshot->n_lanes == 0 || y < 0 || y >= INFLIGHT_DIAGRAM_HEADER_HEIGHT)
    return NULL;

  layout = header_layout (self, &viewport);
  n_columns = inflight_diagram_layout_get_n_columns (layout);
  width = inflight_diagram_lane_width (&viewport, n_columns);
  if (n_columns == 0 || width <= 0 || x < INFLIGHT_DIAGRAM_AXIS_WIDTH)
    return NULL;
  column = (int) floor ((x - INFLIGHT_DIAGRAM_AXIS_WIDTH) / width);
  if (column < 0 || (guint) column >= n_columns)
    return NULL;

  return g_strdup (inflight_diagram_layout_get_full_name (layout, column));
}
