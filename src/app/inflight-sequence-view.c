/* inflight-sequence-view.c
 * The sequence diagram on screen: it follows a run live, then plays it back, steps through
 * it and zooms into it; the renderer draws it, moved on by the frame clock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-sequence-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "inflight-diagram-text.h"
#include "inflight-sequence-view.h"
#include "inflight-widget-style.h"

#include "inflight-sequence-view-private.h"

G_DEFINE_FINAL_TYPE (InflightSequenceView, inflight_sequence_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_PLAYHEAD,
  PROP_DURATION,
  PROP_LIVE,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_FITTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Style */

gboolean
animations_enabled (InflightSequenceView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);

  return enabled;
}

static void
update_style (InflightSequenceView *self)
{
  inflight_diagram_style_init_for_widget (&self->style, GTK_WIDGET (self));
}

/* Time */

static gint64
recorded_end (InflightSequenceView *self)
{
  if (self->snapshot == NULL || !self->snapshot->started)
    return 0;
  if (self->snapshot->finished)
    return inflight_trace_snapshot_end_time (self->snapshot);

  return MAX (self->snapshot->now, self->clock);
}

/* The time the whole run takes on screen: all of it, or all it is expected to take. */
void
fitted_range (InflightSequenceView *self,
              double                width,
              double                height,
              InflightViewport     *viewport)
{
  gint64 end = MAX (recorded_end (self), self->playhead);

  inflight_viewport_fit (viewport, self->snapshot, width, height);
  if (self->snapshot == NULL || !self->snapshot->finished)
    end = MAX (end, self->expected_duration);
  end = MAX (end, self->shared_end);
  viewport->t_end = MAX (viewport->t_end, (gint64) (end * 1.05));
}

void
compute_viewport (InflightSequenceView *self,
                  InflightViewport     *viewport)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  fitted_range (self, width, height, viewport);
  if (!self->fitted)
    {
      viewport->t_start = (gint64) floor (self->view_start);
      viewport->t_end = viewport->t_start + MAX ((gint64) 1, (gint64) ceil (self->view_span));
    }
}

static void
ensure_events (InflightSequenceView *self)
{
  if (self->events != NULL && self->events_of == self->snapshot)
    return;

  g_clear_pointer (&self->events, g_array_unref);
  self->events_of = self->snapshot;
  if (self->snapshot != NULL)
    self->events = inflight_diagram_list_events (self->snapshot);
}

/* Without animations nothing glides: the playhead jumps from event to event. */
static gint64
shown_time (InflightSequenceView *self,
            gint64                clock)
{
  guint n;

  if (animations_enabled (self) || self->snapshot == NULL)
    return clock;

  if (self->live)
    return MIN (clock, self->snapshot->now);

  ensure_events (self);
  n = inflight_diagram_find_event (self->events, clock);

  return n > 0 ? g_array_index (self->events, InflightEvent, n - 1).at : 0;
}

static void
update_description (InflightSequenceView *self)
{
  g_autofree char *text = NULL;

  if (self->snapshot == NULL || !self->snapshot->started)
    text = g_strdup (_("No run yet"));
  else if (!self->snapshot->finished)
    text = g_strdup (_("A run is under way"));
  else
    {
      g_autofree char *summary = inflight_diagram_describe (self->snapshot, self->strategy_title);
      g_autofree char *lanes = inflight_diagram_describe_lanes (self->snapshot);

      text = g_strconcat (summary, " ", lanes, NULL);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
set_live (InflightSequenceView *self,
          gboolean              live)
{
  if (self->live == live)
    return;

  self->live = live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

static void
set_playing_internal (InflightSequenceView *self,
                      gboolean              playing)
{
  if (self->playing == playing)
    return;

  self->playing = playing;
  self->last_frame = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  if (playing)
    ensure_ticking (self);
}

/* Keeps a zoomed view on the playhead: it scrolls along, or without animations turns a page. */
static void
follow_playhead (InflightSequenceView *self)
{
  double t = (double) self->playhead;

  if (self->fitted || self->animating)
    return;

  if (t > self->view_start + self->view_span * FOLLOW_AT)
    self->view_start = animations_enabled (self) ? t - self->view_span * FOLLOW_AT : t - self->view_span * 0.1;
  else if (t < self->view_start)
    self->view_start = t - self->view_span * 0.1;
}

static void
move_playhead (InflightSequenceView *self,
               gint64                clock)
{
  gint64 shown;

  self->clock = MAX (clock, 0);
  shown = shown_time (self, self->clock);
  if (shown != self->playhead)
    {
      self->playhead = shown;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
    }

  if (self->live || self->playing)
    follow_playhead (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (widget);
  gint64 frame = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 elapsed = self->last_frame > 0 ? frame - self->last_frame : 0;

  self->last_frame = frame;

  if (self->animating)
    {
      double u = CLAMP ((double) (frame - self->anim_begin) / ZOOM_DURATION_US, 0, 1);
      double ease = 1 - pow (1 - u, 3);

      self->view_start = self->anim_from[0] + (self->anim_to[0] - self->anim_from[0]) * ease;
      self->view_span = self->anim_from[1] + (self->anim_to[1] - self->anim_from[1]) * ease;
      if (u >= 1)
        self->animating = FALSE;
      gtk_widget_queue_draw (widget);
    }

  if (self->live && self->trace != NULL)
    {
      /* Live: the playhead is the run's own clock, read once per frame. */
      move_playhead (self, inflight_trace_now (self->trace));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  else if (self->playing)
    {
      gint64 end = recorded_end (self);
      gint64 clock = self->clock + (gint64) (elapsed * self->speed);

      if (clock >= end)
        {
          clock = end;
          /* Caught up with a run still going: follow it live again. */
          if (self->snapshot != NULL && !self->snapshot->finished)
            set_live (self, TRUE);
          set_playing_internal (self, FALSE);
        }
      move_playhead (self, clock);
    }

  if (self->live || self->playing || self->animating)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  self->last_frame = 0;

  return G_SOURCE_REMOVE;
}

void
ensure_ticking (InflightSequenceView *self)
{
  if (self->tick_id == 0)
    {
      self->last_frame = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
}

static void
refresh_snapshot (InflightSequenceView *self)
{
  g_clear_pointer (&self->snapshot, inflight_trace_snapshot_unref);

  if (self->trace != NULL)
    self->snapshot = inflight_trace_snapshot (self->trace);
}

static void
on_trace_changed_cb (InflightSequenceView *self,
                     InflightTrace        *trace)
{
  gboolean was_finished = self->snapshot != NULL && self->snapshot->finished;

  refresh_snapshot (self);

  if (self->snapshot->finished)
    {
      /* The run is over: show its end, ready to be replayed. */
      if (self->live)
        {
          set_live (self, FALSE);
          move_playhead (self, recorded_end (self));
        }
      if (!was_finished)
        update_description (self);
    }
  else if (self->live)
    ensure_ticking (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
set_fitted (InflightSequenceView *self,
            gboolean              fitted)
{
  if (self->fitted == fitted)
    return;

  self->fitted = fitted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FITTED]);
}

/* Drawing */

static void
draw_placeholder (InflightSequenceView *self,
                  cairo_t              *cr,
                  int                   width,
                  int                   height)
{
  int text_width, text_height;

  if (self->placeholder == NULL)
    self->placeholder = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                        _("Press Run to make real calls and watch them here, to scale"));

  pango_layout_set_width (self->placeholder, MAX (width - 48, 1) * PANGO_SCALE);
  pango_layout_set_alignment (self->placeholder, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (self->placeholder, PANGO_WRAP_WORD);
  pango_layout_get_pixel_size (self->placeholder, &text_width, &text_height);

  cairo_set_source_rgba (cr, self->style.dim.red, self->style.dim.green,
                         self->style.dim.blue, self->style.dim.alpha);
  cairo_move_to (cr, 24, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, self->placeholder);
}

static void
inflight_sequence_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  InflightViewport viewport;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  if (self->snapshot == NULL || self->snapshot->n_lanes == 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      draw_placeholder (self, cr, width, height);
      cairo_destroy (cr);
    }
  else
    {
      /* Drawn straight onto an image at the device's scale, so that the renderer can keep
       * what does not change from one frame to the next, and uploaded as it is. */
      int scale = gtk_widget_get_scale_factor (widget);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      compute_viewport (self, &viewport);
      inflight_diagram_render (cr, self->snapshot, self->playhead, &viewport, &self->style);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_warning ("Could not draw the diagram: %s", cairo_status_to_string (cairo_surface_status (surface)));
          cairo_surface_destroy (surface);
          return;
        }

      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                          (gsize) cairo_image_surface_get_stride (surface) * height * scale,
                                          (GDestroyNotify) cairo_surface_destroy, surface);
      texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
      gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
    }

  /* Where the keyboard is: Space, arrows, Home and End act on the diagram. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring = { self->style.playhead.red, self->style.playhead.green, self->style.playhead.blue, 0.7 };
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0.5, 0.5, width - 1, height - 1), 0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { ring, ring, ring, ring });
    }
}

/* Overrides */

static void
inflight_sequence_view_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (widget);

  GTK_WIDGET_CLASS (inflight_sequence_view_parent_class)->css_changed (widget, change);

  update_style (self);
  g_clear_object (&self->placeholder);
  gtk_widget_queue_draw (widget);
}

/* The focus ring is drawn with the diagram. */
static void
inflight_sequence_view_state_flags_changed (GtkWidget     *widget,
                                            GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (inflight_sequence_view_parent_class)->state_flags_changed (widget, previous);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
}

static void
inflight_sequence_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 560 : 480;
}

static void
inflight_sequence_view_dispose (GObject *object)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (object);

  inflight_sequence_view_set_trace (self, NULL);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_object (&self->placeholder);

  G_OBJECT_CLASS (inflight_sequence_view_parent_class)->dispose (object);
}

static void
inflight_sequence_view_finalize (GObject *object)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (object);

  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->snapshot, inflight_trace_snapshot_unref);
  g_clear_pointer (&self->strategy_title, g_free);
  g_clear_pointer (&self->headers, inflight_diagram_layout_free);
  inflight_diagram_style_clear (&self->style);

  G_OBJECT_CLASS (inflight_sequence_view_parent_class)->finalize (object);
}

static void
inflight_sequence_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    case PROP_PLAYHEAD:
      g_value_set_int64 (value, self->playhead);
      break;

    case PROP_DURATION:
      g_value_set_int64 (value, inflight_sequence_view_get_duration (self));
      break;

    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;

    case PROP_FITTED:
      g_value_set_boolean (value, self->fitted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_sequence_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      inflight_sequence_view_set_trace (self, g_value_get_object (value));
      break;

    case PROP_PLAYHEAD:
      inflight_sequence_view_set_playhead (self, g_value_get_int64 (value));
      break;

    case PROP_PLAYING:
      inflight_sequence_view_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_SPEED:
      inflight_sequence_view_set_speed (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_sequence_view_class_init (InflightSequenceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_sequence_view_dispose;
  object_class->finalize = inflight_sequence_view_finalize;
  object_class->get_property = inflight_sequence_view_get_property;
  object_class->set_property = inflight_sequence_view_set_property;

  widget_class->snapshot = inflight_sequence_view_snapshot;
  widget_class->css_changed = inflight_sequence_view_css_changed;
  widget_class->measure = inflight_sequence_view_measure;
  widget_class->state_flags_changed = inflight_sequence_view_state_flags_changed;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         INFLIGHT_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYHEAD] =
    g_param_spec_int64 ("playhead", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         INFLIGHT_SPEED_MIN, INFLIGHT_SPEED_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FITTED] =
    g_param_spec_boolean ("fitted", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sequenceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
inflight_sequence_view_init (InflightSequenceView *self)
{
  self->speed = 1.0;
  self->fitted = TRUE;
  inflight_diagram_style_init_light (&self->style);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  inflight_sequence_view_init_input (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sequence diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No run yet"),
                                  -1);
}

GtkWidget *
inflight_sequence_view_new (void)
{
  return g_object_new (INFLIGHT_TYPE_SEQUENCE_VIEW, NULL);
}

InflightTrace *
inflight_sequence_view_get_trace (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), NULL);

  return self->trace;
}

/**
 * inflight_sequence_view_set_trace:
 * @trace: (nullable): the run to show; while it goes on, the view follows it live
 */
void
inflight_sequence_view_set_trace (InflightSequenceView *self,
                                  InflightTrace        *trace)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));
  g_return_if_fail (!trace || INFLIGHT_IS_TRACE (trace));

  if (self->trace == trace)
    return;

  g_clear_signal_handler (&self->changed_id, self->trace);
  g_set_object (&self->trace, trace);
  g_clear_pointer (&self->events, g_array_unref);
  self->events_of = NULL;
  refresh_snapshot (self);

  self->clock = 0;
  self->playhead = 0;
  self->animating = FALSE;
  set_fitted (self, TRUE);
  set_playing_internal (self, FALSE);
  set_live (self, trace != NULL && !self->snapshot->finished);

  if (trace != NULL)
    {
      self->changed_id = g_signal_connect_object (trace, "changed",
                                                  G_CALLBACK (on_trace_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
      if (self->snapshot->finished)
        move_playhead (self, recorded_end (self));
      else
        ensure_ticking (self);
    }

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

/**
 * inflight_sequence_view_set_expected_duration:
 *
 * Sets how long, in µs, the run is expected to take, so that the time axis
 * is scaled for the whole run from its first frame.
 */
void
inflight_sequence_view_set_expected_duration (InflightSequenceView *self,
                                              gint64                duration)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  self->expected_duration = MAX (duration, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * inflight_sequence_view_set_strategy_title:
 * @title: (nullable): how the calls are made, for the summary, as in "blocking"
 */
void
inflight_sequence_view_set_strategy_title (InflightSequenceView *self,
                                           const char           *title)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  if (g_strcmp0 (self->strategy_title, title) == 0)
    return;

  g_free (self->strategy_title);
  self->strategy_title = g_strdup (title);
  update_description (self);
}

/**
 * inflight_sequence_view_get_snapshot:
 *
 * Returns: (transfer none) (nullable): what is shown now
 */
InflightTraceSnapshot *
inflight_sequence_view_get_snapshot (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), NULL);

  return self->snapshot;
}

/**
 * inflight_sequence_view_get_events:
 *
 * Returns: (transfer none) (nullable) (element-type InflightEvent): the
 * events of what is shown now, in time order
 */
const GArray *
inflight_sequence_view_get_events (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), NULL);

  ensure_events (self);

  return self->events;
}

gint64
inflight_sequence_view_get_playhead (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), 0);

  return self->playhead;
}

/**
 * inflight_sequence_view_set_playhead:
 *
 * Shows the run as it was at @playhead µs (clamped to what is recorded).
 * The view stops following a live run; playback, if on, goes on from there.
 */
void
inflight_sequence_view_set_playhead (InflightSequenceView *self,
                                     gint64                playhead)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  set_live (self, FALSE);
  playhead = CLAMP (playhead, 0, recorded_end (self));
  self->clock = playhead;
  if (playhead != self->playhead)
    {
      self->playhead = playhead;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
    }
  if (!self->fitted && (playhead < self->view_start || playhead > self->view_start + self->view_span))
    show_range (self, playhead - self->view_span / 2, self->view_span, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * inflight_sequence_view_get_duration:
 *
 * Returns: how much of the run is recorded, in µs: all of it once it is over.
 */
gint64
inflight_sequence_view_get_duration (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), 0);

  return recorded_end (self);
}

gboolean
inflight_sequence_view_get_live (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), FALSE);

  return self->live;
}

gboolean
inflight_sequence_view_get_playing (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), FALSE);

  return self->playing || self->live;
}

/**
 * inflight_sequence_view_set_playing:
 *
 * Plays the recorded run from the playhead at the chosen speed, from the
 * start if it is at the end; or pauses, a live run included.
 */
void
inflight_sequence_view_set_playing (InflightSequenceView *self,
                                    gboolean              playing)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  if (!playing)
    {
      gboolean was_live = self->live;

      set_live (self, FALSE);
      set_playing_internal (self, FALSE);
      if (was_live)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
      return;
    }

  if (self->live || self->snapshot == NULL || !self->snapshot->started)
    return;

  if (self->clock >= recorded_end (self) && self->snapshot->finished)
    move_playhead (self, 0);
  set_playing_internal (self, TRUE);
}

double
inflight_sequence_view_get_speed (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), 1.0);

  return self->speed;
}

/**
 * inflight_sequence_view_set_speed:
 * @speed: how much faster than real time playback goes, from 0.25 to 4
 */
void
inflight_sequence_view_set_speed (InflightSequenceView *self,
                                  double                speed)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  speed = CLAMP (speed, INFLIGHT_SPEED_MIN, INFLIGHT_SPEED_MAX);
  if (speed == self->speed)
    return;

  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/**
 * inflight_sequence_view_step:
 * @direction: 1 for the next event, -1 for the previous one
 *
 * Pauses, and moves the playhead to the next or previous event of the run.
 */
void
inflight_sequence_view_step (InflightSequenceView *self,
                             int                   direction)
{
  guint n;

  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  inflight_sequence_view_set_playing (self, FALSE);
  ensure_events (self);
  if (self->events == NULL || self->events->len == 0)
    return;

  if (direction > 0)
    {
      n = inflight_diagram_find_event (self->events, self->playhead);
      if (n < self->events->len)
        inflight_sequence_view_set_playhead (self, g_array_index (self->events, InflightEvent, n).at);
    }
  else
    {
      n = self->playhead > 0 ? inflight_diagram_find_event (self->events, self->playhead - 1) : 0;
      inflight_sequence_view_set_playhead (self, n > 0 ? g_array_index (self->events, InflightEvent, n - 1).at : 0);
    }
}

/**
 * inflight_sequence_view_replay:
 *
 * Plays the recorded run again from its start.
 */
void
inflight_sequence_view_replay (InflightSequenceView *self)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  if (self->snapshot == NULL || !self->snapshot->started)
    return;

  set_live (self, FALSE);
  inflight_sequence_view_set_playhead (self, 0);
  set_playing_internal (self, TRUE);
}

/**
 * inflight_sequence_view_get_viewport:
 *
 * Fills @viewport with what is shown now: its size and its part of the run.
 */
void
inflight_sequence_view_get_viewport (InflightSequenceView *self,
                                     InflightViewport     *viewport)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));
  g_return_if_fail (viewport != NULL);

  compute_viewport (self, viewport);
}

const InflightDiagramStyle *
inflight_sequence_view_get_style (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), NULL);

  return &self->style;
}

/**
 * inflight_sequence_view_set_shared_end:
 * @end: µs, or 0
 *
 * Keeps the whole-run scale at least this long, even once the run is over,
 * so that two runs side by side are drawn to one scale.
 */
void
inflight_sequence_view_set_shared_end (InflightSequenceView *self,
                                       gint64                end)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));

  if (self->shared_end == MAX (end, 0))
    return;

  self->shared_end = MAX (end, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
