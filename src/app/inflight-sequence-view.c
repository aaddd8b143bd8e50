/* inflight-sequence-view.c
 * The sequence diagram on screen: the renderer's drawing, moved on by the frame clock.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-sequence-view"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-diagram.h"
#include "inflight-sequence-view.h"

struct _InflightSequenceView
{
  GtkWidget              parent_instance;

  InflightTrace         *trace;
  InflightTraceSnapshot *snapshot;
  gulong                 changed_id;
  guint                  tick_id;
  gint64                 playhead;
  gint64                 expected_duration;
  InflightDiagramStyle   style;
  PangoLayout           *placeholder;
};

G_DEFINE_FINAL_TYPE (InflightSequenceView, inflight_sequence_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Light text means a dark background. */
  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue > 0.5;
}

static gboolean
is_high_contrast (GtkWidget *widget)
{
  g_autofree char *theme = NULL;

  g_object_get (gtk_widget_get_settings (widget), "gtk-theme-name", &theme, NULL);

  return theme != NULL && strstr (theme, "HighContrast") != NULL;
}

static void
update_style (InflightSequenceView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean dark = is_dark (widget);

  inflight_diagram_style_clear (&self->style);

  if (is_high_contrast (widget))
    inflight_diagram_style_init_high_contrast (&self->style, dark);
  else if (dark)
    inflight_diagram_style_init_dark (&self->style);
  else
    inflight_diagram_style_init_light (&self->style);
}

static void
refresh_snapshot (InflightSequenceView *self)
{
  g_clear_pointer (&self->snapshot, inflight_trace_snapshot_unref);

  if (self->trace != NULL)
    self->snapshot = inflight_trace_snapshot (self->trace);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (widget);

  if (self->trace == NULL)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Live: the playhead is the run's own clock, read once per frame. */
  if (self->snapshot != NULL && self->snapshot->finished)
    {
      self->playhead = self->snapshot->duration;
      self->tick_id = 0;
      gtk_widget_queue_draw (widget);
      return G_SOURCE_REMOVE;
    }

  self->playhead = inflight_trace_now (self->trace);
  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

static void
on_trace_changed_cb (InflightSequenceView *self,
                     InflightTrace        *trace)
{
  refresh_snapshot (self);

  if (self->snapshot->finished)
    self->playhead = self->snapshot->duration;
  else if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

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
  gint64 end;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->snapshot == NULL || self->snapshot->n_lanes == 0)
    {
      draw_placeholder (self, cr, width, height);
      cairo_destroy (cr);
      return;
    }

  /* Scale to what the run should take, so the drawing does not shrink at every frame. */
  end = MAX (inflight_trace_snapshot_end_time (self->snapshot), self->playhead);
  inflight_viewport_fit (&viewport, self->snapshot, width, height);
  viewport.t_end = MAX (viewport.t_end, (gint64) (MAX (end, self->expected_duration) * 1.05));

  inflight_diagram_render (cr, self->snapshot, self->playhead, &viewport, &self->style);
  cairo_destroy (cr);
}

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
  g_clear_object (&self->placeholder);

  G_OBJECT_CLASS (inflight_sequence_view_parent_class)->dispose (object);
}

static void
inflight_sequence_view_finalize (GObject *object)
{
  InflightSequenceView *self = INFLIGHT_SEQUENCE_VIEW (object);

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

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL,
                         INFLIGHT_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "sequenceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
inflight_sequence_view_init (InflightSequenceView *self)
{
  inflight_diagram_style_init_light (&self->style);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
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
 * @trace: (nullable): the run to show; it may still be going
 */
void
inflight_sequence_view_set_trace (InflightSequenceView *self,
                                  InflightTrace        *trace)
{
  g_return_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self));
  g_return_if_fail (!trace || INFLIGHT_IS_TRACE (trace));

  if (self->trace == trace)
    return;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  g_clear_signal_handler (&self->changed_id, self->trace);
  g_set_object (&self->trace, trace);
  self->playhead = 0;

  if (trace != NULL)
    {
      self->changed_id = g_signal_connect_object (trace, "changed",
                                                  G_CALLBACK (on_trace_changed_cb), self,
                                                  G_CONNECT_SWAPPED);
      on_trace_changed_cb (self, trace);
    }
  else
    {
      refresh_snapshot (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
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

gint64
inflight_sequence_view_get_playhead (InflightSequenceView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_SEQUENCE_VIEW (self), 0);

  return self->playhead;
}
