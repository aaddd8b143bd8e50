/* inflight-chart-view.c
 * A sweep's chart on screen, redrawn as each run ends: total time, or replies per second,
 * against workers with the theory over it, or for a sweep of seeds how many runs had k
 * replies out of order.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "inflight-chart-view.h"
#include "inflight-widget-style.h"

struct _InflightChartView
{
  GtkWidget             parent_instance;

  InflightSweep        *sweep;
  GSignalGroup         *sweep_signals;

  /* What is drawn, rebuilt from the sweep as its runs end. */
  InflightChartPoint   *points;       /* one per worker count, its theory known from the start */
  guint                 n_points;
  guint                *counts;       /* for a sweep of seeds */
  guint                 n_counts;
  char                 *summary;
  gboolean              throughput;   /* replies per second rather than total time */

  InflightDiagramStyle  style;
  PangoLayout          *placeholder;
};

G_DEFINE_FINAL_TYPE (InflightChartView, inflight_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SWEEP,
  PROP_THROUGHPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Style */

static void
update_style (InflightChartView *self)
{
  inflight_diagram_style_init_for_widget (&self->style, GTK_WIDGET (self));
}

/* Data */

/* The points as drawn: total times, or the same runs as replies per second. */
static InflightChartPoint *
shown_points (InflightChartView *self)
{
  if (!self->throughput)
    return g_memdup2 (self->points, sizeof (InflightChartPoint) * MAX (self->n_points, 1));

  return inflight_chart_throughput_points (self->points, self->n_points,
                                           inflight_sweep_get_n_requests (self->sweep));
}

static void
update_label (InflightChartView *self)
{
  const char *label = _("Total time against workers");

  if (self->sweep != NULL && inflight_sweep_get_kind (self->sweep) == INFLIGHT_SWEEP_SEEDS)
    label = _("Replies out of order over repeated runs");
  else if (self->throughput)
    label = _("Replies per second against workers");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
is_histogram (InflightChartView *self)
{
  return self->sweep != NULL && inflight_sweep_get_kind (self->sweep) == INFLIGHT_SWEEP_SEEDS;
}

static void
update_summary (InflightChartView *self)
{
  g_autofree char *data = NULL;
  gboolean running = self->sweep != NULL && inflight_sweep_get_running (self->sweep);

  g_clear_pointer (&self->summary, g_free);

  if (self->sweep != NULL && is_histogram (self))
    data = inflight_chart_describe_histogram (self->counts, self->n_counts);
  else if (self->sweep != NULL)
    {
      g_autofree InflightChartPoint *points = shown_points (self);

      data = self->throughput ? inflight_chart_describe_throughput (points, self->n_points)
                              : inflight_chart_describe_sweep (points, self->n_points);
    }

  if (data == NULL || data[0] == '\0')
    self->summary = g_strdup (running ? _("Measuring: no run has ended yet") : _("Nothing measured yet"));
  else if (running)
    /* Translators: the chart's summary so far, while more runs are coming */
    self->summary = g_strdup_printf (_("%s; still measuring"), data);
  else
    self->summary = g_steal_pointer (&data);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

/* Reads the sweep's points into what the chart draws. */
static void
refresh_data (InflightChartView *self)
{
  const InflightSweepPoint *measured;
  guint n_measured = 0;

  g_clear_pointer (&self->counts, g_free);
  self->n_counts = 0;

  for (guint i = 0; i < self->n_points; i++)
    self->points[i].measured = -1;

  if (self->sweep == NULL)
    return;

  if (is_histogram (self))
    {
      self->counts = inflight_sweep_get_out_of_order_counts (self->sweep, &self->n_counts);
      return;
    }

  measured = inflight_sweep_get_points (self->sweep, &n_measured);
  for (guint i = 0; i < n_measured; i++)
    {
      guint index = measured[i].x - inflight_sweep_get_x_from (self->sweep);

      if (index < self->n_points)
        {
          self->points[index].measured = measured[i].measured;
          self->points[index].predicted = measured[i].predicted;
        }
    }
}

/* Signal callbacks */

static void
on_sweep_points_cb (InflightChartView *self)
{
  refresh_data (self);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_sweep_running_cb (InflightChartView *self)
{
  update_summary (self);
}

/* Drawing */

static void
draw_placeholder (InflightChartView *self,
                  cairo_t           *cr,
                  int                width,
                  int                height)
{
  int text_width, text_height;

  if (self->placeholder == NULL)
    self->placeholder = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                        _("Run the experiment to measure it here, run after run"));

  pango_layout_set_width (self->placeholder, MAX (width - 48, 1) * PANGO_SCALE);
  pango_layout_set_alignment (self->placeholder, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (self->placeholder, PANGO_WRAP_WORD);
  pango_layout_get_pixel_size (self->placeholder, &text_width, &text_height);

  cairo_set_source_rgba (cr, self->style.background.red, self->style.background.green,
                         self->style.background.blue, self->style.background.alpha);
  cairo_paint (cr);
  cairo_set_source_rgba (cr, self->style.dim.red, self->style.dim.green,
                         self->style.dim.blue, self->style.dim.alpha);
  cairo_move_to (cr, 24, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, self->placeholder);
}

/* Overrides */

static void
inflight_chart_view_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  InflightChartView *self = INFLIGHT_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->sweep == NULL)
    draw_placeholder (self, cr, width, height);
  else if (is_histogram (self))
    inflight_chart_render_histogram (cr, width, height, self->counts, self->n_counts, &self->style);
  else
    {
      g_autofree InflightChartPoint *points = shown_points (self);

      (self->throughput ? inflight_chart_render_throughput : inflight_chart_render_sweep)
        (cr, width, height, points, self->n_points,
         inflight_sweep_get_x_from (self->sweep), inflight_sweep_get_x_to (self->sweep), &self->style);
    }

  cairo_destroy (cr);
}

static void
inflight_chart_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  InflightChartView *self = INFLIGHT_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (inflight_chart_view_parent_class)->css_changed (widget, change);

  update_style (self);
  g_clear_object (&self->placeholder);
  gtk_widget_queue_draw (widget);
}

static void
inflight_chart_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 280;
}

static void
inflight_chart_view_dispose (GObject *object)
{
  InflightChartView *self = INFLIGHT_CHART_VIEW (object);

  inflight_chart_view_set_sweep (self, NULL);
  g_clear_object (&self->sweep_signals);
  g_clear_object (&self->placeholder);

  G_OBJECT_CLASS (inflight_chart_view_parent_class)->dispose (object);
}

static void
inflight_chart_view_finalize (GObject *object)
{
  InflightChartView *self = INFLIGHT_CHART_VIEW (object);

  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->summary, g_free);
  inflight_diagram_style_clear (&self->style);

  G_OBJECT_CLASS (inflight_chart_view_parent_class)->finalize (object);
}

static void
inflight_chart_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  InflightChartView *self = INFLIGHT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SWEEP:
      g_value_set_object (value, self->sweep);
      break;

    case PROP_THROUGHPUT:
      g_value_set_boolean (value, self->throughput);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_chart_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  InflightChartView *self = INFLIGHT_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_SWEEP:
      inflight_chart_view_set_sweep (self, g_value_get_object (value));
      break;

    case PROP_THROUGHPUT:
      inflight_chart_view_set_throughput (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_chart_view_class_init (InflightChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_chart_view_dispose;
  object_class->finalize = inflight_chart_view_finalize;
  object_class->get_property = inflight_chart_view_get_property;
  object_class->set_property = inflight_chart_view_set_property;

  widget_class->snapshot = inflight_chart_view_snapshot;
  widget_class->css_changed = inflight_chart_view_css_changed;
  widget_class->measure = inflight_chart_view_measure;

  properties[PROP_SWEEP] =
    g_param_spec_object ("sweep", NULL, NULL,
                         INFLIGHT_TYPE_SWEEP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THROUGHPUT] =
    g_param_spec_boolean ("throughput", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
inflight_chart_view_init (InflightChartView *self)
{
  inflight_diagram_style_init_light (&self->style);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->sweep_signals = g_signal_group_new (INFLIGHT_TYPE_SWEEP);
  g_signal_group_connect_object (self->sweep_signals, "notify::n-points",
                                 G_CALLBACK (on_sweep_points_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->sweep_signals, "notify::running",
                                 G_CALLBACK (on_sweep_running_cb), self, G_CONNECT_SWAPPED);

  self->summary = g_strdup (_("Nothing measured yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Total time against workers"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

/* Public API */

GtkWidget *
inflight_chart_view_new (void)
{
  return g_object_new (INFLIGHT_TYPE_CHART_VIEW, NULL);
}

/**
 * inflight_chart_view_get_sweep:
 *
 * Returns: (transfer none) (nullable): the sweep shown
 */
InflightSweep *
inflight_chart_view_get_sweep (InflightChartView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_CHART_VIEW (self), NULL);

  return self->sweep;
}

/**
 * inflight_chart_view_set_sweep:
 * @sweep: (nullable): the sweep to show; the chart follows it as its runs end
 *
 * A sweep of worker counts is shown as total time against workers, the
 * theory drawn from the start; a sweep of seeds as a histogram of how many
 * runs had k replies out of order.
 */
void
inflight_chart_view_set_sweep (InflightChartView *self,
                               InflightSweep     *sweep)
{
  g_return_if_fail (INFLIGHT_IS_CHART_VIEW (self));
  g_return_if_fail (!sweep || INFLIGHT_IS_SWEEP (sweep));

  if (!g_set_object (&self->sweep, sweep))
    return;

  g_signal_group_set_target (self->sweep_signals, sweep);

  g_clear_pointer (&self->points, g_free);
  self->n_points = 0;
  if (sweep != NULL && !is_histogram (self))
    {
      guint from = inflight_sweep_get_x_from (sweep);

      self->n_points = inflight_sweep_get_x_to (sweep) - from + 1;
      self->points = g_new0 (InflightChartPoint, self->n_points);
      for (guint i = 0; i < self->n_points; i++)
        {
          self->points[i].x = from + i;
          self->points[i].predicted = inflight_sweep_predict (sweep, from + i);
        }
    }

  refresh_data (self);
  update_summary (self);
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SWEEP]);
}

/**
 * inflight_chart_view_set_throughput:
 *
 * Whether a sweep of worker counts is shown as replies per second rather than
 * as total time; the same runs either way.
 */
void
inflight_chart_view_set_throughput (InflightChartView *self,
                                    gboolean           throughput)
{
  g_return_if_fail (INFLIGHT_IS_CHART_VIEW (self));

  if (self->throughput == !!throughput)
    return;

  self->throughput = !!throughput;
  update_label (self);
  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THROUGHPUT]);
}

gboolean
inflight_chart_view_get_throughput (InflightChartView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_CHART_VIEW (self), FALSE);

  return self->throughput;
}

/**
 * inflight_chart_view_get_histogram:
 *
 * Returns: whether the view shows reply orders over a sweep of seeds
 */
gboolean
inflight_chart_view_get_histogram (InflightChartView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_CHART_VIEW (self), FALSE);

  return is_histogram (self);
}

/**
 * inflight_chart_view_get_summary:
 *
 * Returns: the chart's data in words, as screen readers are given it
 */
const char *
inflight_chart_view_get_summary (InflightChartView *self)
{
  g_return_val_if_fail (INFLIGHT_IS_CHART_VIEW (self), NULL);

  return self->summary;
}
