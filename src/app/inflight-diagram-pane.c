/* inflight-diagram-pane.c
 * The diagram with its playback bar, zoom buttons, event list (its text alternative) and
 * export; the list goes beside the diagram when there is room, else below it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-diagram-pane.h"
#include "inflight-event-model.h"
#include "inflight-export-dialog.h"
#include "inflight-format.h"
#include "inflight-menu-button.h"
#include "inflight-resources.h"
#include "inflight-trace-event.h"

#define LIST_WIDTH           250    /* beside the diagram */
#define BESIDE_MIN_WIDTH     640    /* narrower than this, the list goes below */
#define LIST_MIN_HEIGHT      96
#define LIVE_REFRESH_US      (400 * 1000)
#define MESSAGE_SECONDS      8

struct _InflightDiagramPane
{
  GtkWidget             parent_instance;

  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  GtkOverlay           *overlay;
  InflightSequenceView *view;
  GtkScrolledWindow    *list_window;
  GtkListView          *event_list;
  GtkBox               *bar;
  GtkBox               *zoom_box;
  GtkButton            *play_button;
  GtkScale             *scrub;
  GtkAdjustment        *scrub_adjustment;
  GtkMenuButton        *speed_button;
  GMenuModel           *speed_menu;
  GtkLabel             *speed_label;
  GtkToggleButton      *list_toggle;

  InflightEventModel   *events;
  GtkSingleSelection   *selection;
  gint64                events_refreshed;   /* monotonic µs */
  gint64                refresh_cost;
  gboolean              syncing;            /* the list or the slider is being set from the playhead */
  GCancellable         *cancellable;
  guint                 message_timeout;
  guint                 scroll_tick;        /* a tick callback on the list */
  gboolean              rows_unsized;       /* rows added since the list last laid itself out */
};

G_DEFINE_FINAL_TYPE (InflightDiagramPane, inflight_diagram_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
show_message (InflightDiagramPane *self,
              const char          *text,
              gboolean             error);

static gboolean
hide_message_cb (gpointer data)
{
  InflightDiagramPane *self = data;

  self->message_timeout = 0;
  gtk_revealer_set_reveal_child (self->banner, FALSE);

  return G_SOURCE_REMOVE;
}

static void
show_message (InflightDiagramPane *self,
              const char          *text,
              gboolean             error)
{
  g_clear_handle_id (&self->message_timeout, g_source_remove);

  gtk_label_set_text (self->banner_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->banner_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->banner), TRUE);
  gtk_revealer_set_reveal_child (self->banner, TRUE);

  /* Good news goes away by itself; an error stays until it is dismissed. */
  if (!error)
    self->message_timeout = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, MESSAGE_SECONDS,
                                                        hide_message_cb, g_object_ref (self), g_object_unref);
}

/* The playback bar, the zoom buttons and the event list have nothing to work on before a
 * run: until one is on the diagram the pane shows only its invitation to press Run, and the
 * learner's choice to show the list is kept for the run to come. Called when the diagram's
 * run or the list's toggle changes, not at every frame of a run. */
static void
update_controls_shown (InflightDiagramPane *self)
{
  gboolean has_run = inflight_sequence_view_get_trace (self->view) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->bar), has_run);
  gtk_widget_set_visible (GTK_WIDGET (self->zoom_box), has_run);
  gtk_widget_set_visible (GTK_WIDGET (self->list_window),
                          has_run && gtk_toggle_button_get_active (self->list_toggle));
}

static void
update_actions (InflightDiagramPane *self)
{
  InflightTraceSnapshot *snapshot = inflight_sequence_view_get_snapshot (self->view);
  gboolean started = snapshot != NULL && snapshot->started && snapshot->n_lanes > 0;
  gboolean finished = started && snapshot->finished;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "diagram.play-pause", started);
  gtk_widget_action_set_enabled (widget, "diagram.previous-event", started);
  gtk_widget_action_set_enabled (widget, "diagram.next-event", started);
  gtk_widget_action_set_enabled (widget, "diagram.start", started);
  gtk_widget_action_set_enabled (widget, "diagram.end", started);
  gtk_widget_action_set_enabled (widget, "diagram.replay", finished);
  gtk_widget_action_set_enabled (widget, "diagram.zoom-in", started);
  gtk_widget_action_set_enabled (widget, "diagram.zoom-out", started && !inflight_sequence_view_get_fitted (self->view));
  gtk_widget_action_set_enabled (widget, "diagram.zoom-fit", started && !inflight_sequence_view_get_fitted (self->view));
  gtk_widget_action_set_enabled (widget, "diagram.export", finished);
  gtk_widget_action_set_enabled (widget, "diagram.export-trace", finished);
}

static void
update_play_button (InflightDiagramPane *self)
{
  InflightTraceSnapshot *snapshot = inflight_sequence_view_get_snapshot (self->view);
  gboolean playing = inflight_sequence_view_get_playing (self->view);
  gboolean at_end = !playing && snapshot != NULL && snapshot->finished &&
                    inflight_sequence_view_get_playhead (self->view) >= inflight_sequence_view_get_duration (self->view);
  const char *label = playing ? _("Pause") : at_end ? _("Replay") : _("Play");

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" :
                            at_end ? "media-playlist-repeat-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : at_end ? _("Replay from the start (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The list's own "list.scroll-to-item" anchors the view on the row, laid out or not yet:
 * no arithmetic on the adjustment, which GTK 4.8 rejects while rows are being made.
 * A tick runs before the frame's layout, and rows the model has just added have no height
 * until that layout: GTK would place the row among rows of no height, past the bottom edge
 * (or, in a list never laid out, nowhere), so the scroll waits one frame for them. */
static gboolean
scroll_to_selected_cb (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       data)
{
  InflightDiagramPane *self = data;
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->events));

  if (gtk_widget_get_mapped (widget) && self->rows_unsized)
    {
      self->rows_unsized = FALSE;
      return G_SOURCE_CONTINUE;
    }

  /* Before the first event, the first row is the one to come. */
  if (position == GTK_INVALID_LIST_POSITION && n_items > 0)
    position = 0;

  /* Hidden, the list is scrolled when it is shown again (see on_list_map_cb). */
  if (gtk_widget_get_mapped (widget) && position < n_items)
    gtk_widget_activate_action (widget, "list.scroll-to-item", "u", position);

  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_scroll (InflightDiagramPane *self)
{
  if (self->scroll_tick == 0 && gtk_widget_get_mapped (GTK_WIDGET (self->event_list)))
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->event_list), scroll_to_selected_cb, self, NULL);
}

/* The list row at the playhead is selected and scrolled into sight. */
static void
sync_list (InflightDiagramPane *self)
{
  guint position = inflight_event_model_find (self->events, inflight_sequence_view_get_playhead (self->view));

  if (position == gtk_single_selection_get_selected (self->selection))
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  queue_scroll (self);
}

static void
refresh_events (InflightDiagramPane *self)
{
  gint64 begin = g_get_monotonic_time ();

  inflight_event_model_set (self->events,
                            inflight_sequence_view_get_snapshot (self->view),
                            inflight_sequence_view_get_events (self->view));
  self->events_refreshed = g_get_monotonic_time ();
  self->refresh_cost = self->events_refreshed - begin;
  sync_list (self);
}

static void
sync_scrub (InflightDiagramPane *self)
{
  double upper = inflight_sequence_view_get_duration (self->view) / 1000.0;
  double value = inflight_sequence_view_get_playhead (self->view) / 1000.0;

  self->syncing = TRUE;
  gtk_adjustment_configure (self->scrub_adjustment, MIN (value, upper), 0, upper,
                            MAX (1.0, upper / 200), MAX (10.0, upper / 20), 0);
  self->syncing = FALSE;
}

static void
update_scrub_text (InflightDiagramPane *self)
{
  g_autofree char *at = inflight_format_duration (inflight_sequence_view_get_playhead (self->view));
  g_autofree char *of = inflight_format_duration (inflight_sequence_view_get_duration (self->view));
  /* Translators: the playhead slider's value for screen readers, as in "1.20 s of 2.01 s" */
  g_autofree char *text = g_strdup_printf (_("%s of %s"), at, of);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scrub),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Signal callbacks */

static void
on_view_playhead_cb (InflightDiagramPane  *self,
                     GParamSpec           *pspec,
                     InflightSequenceView *view)
{
  sync_scrub (self);
  sync_list (self);
  if (!inflight_sequence_view_get_playing (view))
    update_play_button (self);
  /* Told to screen readers when it rests, not at every frame. */
  if (!inflight_sequence_view_get_playing (view))
    update_scrub_text (self);
}

static void
on_view_duration_cb (InflightDiagramPane  *self,
                     GParamSpec           *pspec,
                     InflightSequenceView *view)
{
  gint64 now = g_get_monotonic_time ();

  sync_scrub (self);
  update_actions (self);

  /* While a run goes on, the list catches up a few times a second, less if that costs. */
  if (!inflight_sequence_view_get_live (view) ||
      now - self->events_refreshed > MAX (LIVE_REFRESH_US, 20 * self->refresh_cost))
    refresh_events (self);
}

static void
on_view_state_cb (InflightDiagramPane  *self,
                  GParamSpec           *pspec,
                  InflightSequenceView *view)
{
  update_play_button (self);
  update_actions (self);
  if (!inflight_sequence_view_get_playing (view))
    {
      refresh_events (self);
      update_scrub_text (self);
    }
}

static void
on_view_trace_cb (InflightDiagramPane  *self,
                  GParamSpec           *pspec,
                  InflightSequenceView *view)
{
  refresh_events (self);
  sync_scrub (self);
  update_actions (self);
  update_play_button (self);
  update_controls_shown (self);
}

static void
on_scrub_changed_cb (InflightDiagramPane *self,
                     GtkAdjustment       *adjustment)
{
  if (self->syncing)
    return;

  inflight_sequence_view_set_playhead (self->view, (gint64) (gtk_adjustment_get_value (adjustment) * 1000));
}

static void
on_view_speed_cb (InflightDiagramPane  *self,
                  GParamSpec           *pspec,
                  InflightSequenceView *view)
{
  double speed = inflight_sequence_view_get_speed (view);
  g_autofree char *label = NULL;

  if (speed == 0.25)
    label = g_strdup (_("¼×"));
  else if (speed == 0.5)
    label = g_strdup (_("½×"));
  else
    /* Translators: a playback speed, as in "2×" */
    label = g_strdup_printf (_("%g×"), speed);
  gtk_label_set_text (self->speed_label, label);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static void
on_selection_changed_cb (InflightDiagramPane *self,
                         GParamSpec          *pspec,
                         GtkSingleSelection  *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  /* Moving through the list moves the playhead to that event. */
  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;

  inflight_sequence_view_set_playing (self->view, FALSE);
  inflight_sequence_view_set_playhead (self->view, inflight_event_model_get_time (self->events, position));
}

static void
on_event_activated_cb (InflightDiagramPane *self,
                       guint                position,
                       GtkListView         *list)
{
  inflight_sequence_view_set_playing (self->view, FALSE);
  inflight_sequence_view_set_playhead (self->view, inflight_event_model_get_time (self->events, position));
}

/* Once out of sight, out of the accessibility tree too. */
static void
on_banner_revealed_cb (InflightDiagramPane *self,
                       GParamSpec          *pspec,
                       GtkRevealer         *banner)
{
  if (!gtk_revealer_get_child_revealed (banner) && !gtk_revealer_get_reveal_child (banner))
    gtk_widget_set_visible (GTK_WIDGET (banner), FALSE);
}

static void
on_dismiss_clicked_cb (InflightDiagramPane *self)
{
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static void
on_events_changed_cb (InflightDiagramPane *self,
                      guint                position,
                      guint                removed,
                      guint                added,
                      GListModel          *events)
{
  self->rows_unsized = TRUE;
}

/* A list hidden meanwhile has not followed the playhead, nor laid out its new rows. */
static void
on_list_map_cb (InflightDiagramPane *self,
                GtkWidget           *list)
{
  self->rows_unsized = TRUE;
  queue_scroll (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkStringObject *text = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_parent (label);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (text));

  /* GTK 4.8 gives list rows no name of their own: a screen reader should read the event. */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_string_object_get_string (text),
                                    -1);
}

/* How a picture or a trace export went, said in the pane, a failure with the system's reason. */
static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(InflightDiagramPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean trace = g_async_result_is_tagged (result, inflight_trace_event_write_async);

  if (trace ? inflight_trace_event_write_finish (result, &error) : inflight_export_write_finish (result, &error))
    {
      show_message (self, trace ? _("The trace was exported.") : _("The diagram was exported."), FALSE);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is the reason, from the system, as in "Permission denied" */
  message = trace ? g_strdup_printf (_("The trace could not be exported. %s. Try another folder or name."), error->message) :
                    /* Translators: %s is the reason, from the system, as in "Permission denied" */
                    g_strdup_printf (_("The diagram could not be exported. %s. Try another folder or name."), error->message);
  show_message (self, message, TRUE);
}

static void
choose_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(InflightDiagramPane) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  InflightExportFormat format = INFLIGHT_EXPORT_PNG;
  gboolean whole_run = TRUE;
  gboolean trace = g_async_result_is_tagged (result, inflight_export_dialog_choose_trace_async);

  file = trace ? inflight_export_dialog_choose_trace_finish (result, &error) :
                 inflight_export_dialog_choose_finish (result, &format, &whole_run, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message, TRUE);
      return;
    }

  if (trace)
    inflight_diagram_pane_export_trace (self, file);
  else
    inflight_diagram_pane_export (self, file, format, whole_run);
}

/* Actions */

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);

  inflight_sequence_view_set_playing (self->view, !inflight_sequence_view_get_playing (self->view));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);

  inflight_sequence_view_step (self->view, g_str_equal (action_name, "diagram.next-event") ? 1 : -1);
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);

  inflight_sequence_view_set_playing (self->view, FALSE);
  inflight_sequence_view_set_playhead (self->view,
                                       g_str_equal (action_name, "diagram.end") ?
                                       inflight_sequence_view_get_duration (self->view) : 0);
}

static void
replay_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  inflight_sequence_view_replay (INFLIGHT_DIAGRAM_PANE (widget)->view);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);

  if (g_str_equal (action_name, "diagram.zoom-fit"))
    inflight_sequence_view_zoom_to_fit (self->view);
  else
    inflight_sequence_view_zoom (self->view, g_str_equal (action_name, "diagram.zoom-in") ? 2.0 : 0.5);
  update_actions (self);
}

static void
speed_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);
  double speed = inflight_sequence_view_get_speed (self->view);

  inflight_sequence_view_set_speed (self->view, g_str_equal (action_name, "diagram.faster") ? speed * 2 : speed / 2);
}

/* A picture of the diagram, or the trace of the lesson's runs. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (g_str_equal (action_name, "diagram.export-trace"))
    inflight_export_dialog_choose_trace_async (window, self->cancellable, choose_done_cb, g_object_ref (self));
  else
    inflight_export_dialog_choose_async (window, _("sequence-diagram.png"), self->cancellable,
                                         choose_done_cb, g_object_ref (self));
}

/* Layout: the list beside the diagram when there is room, else below it. */

static gboolean
list_shown (InflightDiagramPane *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->list_window));
}

/* Whether the zoom buttons fit beside the playback bar at @width; when they do not, they
 * take a row of their own above its end. Either way they stay off the drawing. */
static gboolean
zoom_beside_bar (InflightDiagramPane *self,
                 int                  width,
                 int                 *zoom_width)
{
  int bar_min, zoom_min, zoom_nat;

  gtk_widget_measure (GTK_WIDGET (self->bar), GTK_ORIENTATION_HORIZONTAL, -1, &bar_min, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->zoom_box), GTK_ORIENTATION_HORIZONTAL, -1, &zoom_min, &zoom_nat, NULL, NULL);
  *zoom_width = MIN (zoom_nat, MAX (width, zoom_min));

  return width < 0 || bar_min + zoom_nat <= width;
}

static void
inflight_diagram_pane_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);
  int banner_min, banner_nat, view_min, view_nat, list_min, list_nat, bar_min, bar_nat, zoom_min, zoom_nat;
  int zoom_width;

  gtk_widget_measure (GTK_WIDGET (self->banner), orientation, -1, &banner_min, &banner_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->overlay), orientation, -1, &view_min, &view_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->bar), orientation, -1, &bar_min, &bar_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->zoom_box), orientation, -1, &zoom_min, &zoom_nat, NULL, NULL);
  list_min = list_nat = 0;
  if (list_shown (self))
    gtk_widget_measure (GTK_WIDGET (self->list_window), orientation, -1, &list_min, &list_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (MAX (banner_min, view_min), MAX (MAX (bar_min, zoom_min), list_min));
      *natural = MAX (MAX (banner_nat, view_nat + (list_shown (self) ? LIST_WIDTH : 0)), bar_nat + zoom_nat);
    }
  else
    {
      /* The bottom row: the bar and the zoom buttons side by side, or one above the other. */
      if (zoom_beside_bar (self, for_size, &zoom_width))
        bar_min = bar_nat = MAX (bar_nat, zoom_nat);
      else
        bar_min = bar_nat = bar_nat + zoom_nat;

      /* At its smallest the list sits below the diagram. */
      *minimum = banner_min + view_min + bar_min + (list_shown (self) ? LIST_MIN_HEIGHT : 0);
      *natural = banner_nat + view_nat + bar_nat;
    }
}

static void
inflight_diagram_pane_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (widget);
  int banner_h = 0, bar_h, zoom_h, zoom_w, bottom_h, content_h, y = 0;
  int min, nat;

  if (gtk_widget_should_layout (GTK_WIDGET (self->banner)))
    {
      gtk_widget_measure (GTK_WIDGET (self->banner), GTK_ORIENTATION_VERTICAL, width, &min, &banner_h, NULL, NULL);
      gtk_widget_size_allocate (GTK_WIDGET (self->banner), &(GtkAllocation) { 0, 0, width, banner_h }, -1);
    }
  y = banner_h;

  gtk_widget_measure (GTK_WIDGET (self->zoom_box), GTK_ORIENTATION_VERTICAL, -1, &zoom_h, &nat, NULL, NULL);
  if (zoom_beside_bar (self, width, &zoom_w))
    {
      gtk_widget_measure (GTK_WIDGET (self->bar), GTK_ORIENTATION_VERTICAL, width - zoom_w, &bar_h, &nat, NULL, NULL);
      bottom_h = MAX (bar_h, zoom_h);
      gtk_widget_size_allocate (GTK_WIDGET (self->bar), &(GtkAllocation) { 0, height - bottom_h, width - zoom_w, bottom_h }, -1);
      gtk_widget_size_allocate (GTK_WIDGET (self->zoom_box),
                                &(GtkAllocation) { width - zoom_w, height - bottom_h, zoom_w, bottom_h }, -1);
    }
  else
    {
      gtk_widget_measure (GTK_WIDGET (self->bar), GTK_ORIENTATION_VERTICAL, width, &bar_h, &nat, NULL, NULL);
      bottom_h = bar_h + zoom_h;
      gtk_widget_size_allocate (GTK_WIDGET (self->bar), &(GtkAllocation) { 0, height - bar_h, width, bar_h }, -1);
      gtk_widget_size_allocate (GTK_WIDGET (self->zoom_box),
                                &(GtkAllocation) { width - zoom_w, height - bottom_h, zoom_w, zoom_h }, -1);
    }
  content_h = MAX (0, height - bottom_h - y);

  if (!list_shown (self))
    gtk_widget_size_allocate (GTK_WIDGET (self->overlay), &(GtkAllocation) { 0, y, width, content_h }, -1);
  else if (width >= BESIDE_MIN_WIDTH)
    {
      gtk_widget_size_allocate (GTK_WIDGET (self->overlay), &(GtkAllocation) { 0, y, width - LIST_WIDTH, content_h }, -1);
      gtk_widget_size_allocate (GTK_WIDGET (self->list_window),
                                &(GtkAllocation) { width - LIST_WIDTH, y, LIST_WIDTH, content_h }, -1);
    }
  else
    {
      int list_h = CLAMP (content_h / 4, LIST_MIN_HEIGHT, 160);

      gtk_widget_size_allocate (GTK_WIDGET (self->overlay), &(GtkAllocation) { 0, y, width, content_h - list_h }, -1);
      gtk_widget_size_allocate (GTK_WIDGET (self->list_window),
                                &(GtkAllocation) { 0, y + content_h - list_h, width, list_h }, -1);
    }
}

/* Overrides */

static void
inflight_diagram_pane_dispose (GObject *object)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->message_timeout, g_source_remove);
  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->event_list), self->scroll_tick);
      self->scroll_tick = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), INFLIGHT_TYPE_DIAGRAM_PANE);

  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (inflight_diagram_pane_parent_class)->dispose (object);
}

static void
inflight_diagram_pane_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (object);

  switch (prop_id)
    {
    case PROP_SPEED:
      g_value_set_double (value, self->view != NULL ? inflight_sequence_view_get_speed (self->view) : 1.0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_diagram_pane_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  InflightDiagramPane *self = INFLIGHT_DIAGRAM_PANE (object);

  switch (prop_id)
    {
    case PROP_SPEED:
      if (self->view != NULL)
        inflight_sequence_view_set_speed (self->view, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_diagram_pane_class_init (InflightDiagramPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_diagram_pane_dispose;
  object_class->get_property = inflight_diagram_pane_get_property;
  object_class->set_property = inflight_diagram_pane_set_property;

  /* The speed the playback menu picks from, as a stateful action. */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL,
                         INFLIGHT_SPEED_MIN, INFLIGHT_SPEED_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->measure = inflight_diagram_pane_measure;
  widget_class->size_allocate = inflight_diagram_pane_size_allocate;

  g_type_ensure (INFLIGHT_TYPE_SEQUENCE_VIEW);

  (void) inflight_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/inflight-diagram-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, banner);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, banner_label);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, overlay);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, view);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, list_window);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, event_list);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, bar);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, play_button);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, scrub);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, scrub_adjustment);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, speed_button);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, speed_menu);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, speed_label);
  gtk_widget_class_bind_template_child (widget_class, InflightDiagramPane, list_toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_activated_cb);

  gtk_widget_class_install_action (widget_class, "diagram.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "diagram.previous-event", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "diagram.next-event", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "diagram.start", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "diagram.end", NULL, go_action);
  gtk_widget_class_install_action (widget_class, "diagram.replay", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.faster", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "diagram.slower", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "diagram.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "diagram.export-trace", NULL, export_action);
  gtk_widget_class_install_property_action (widget_class, "diagram.speed", "speed");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "diagram.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "diagram.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "diagram.previous-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "diagram.next-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "diagram.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "diagram.end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "diagram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "diagram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "diagram.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "diagram.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "diagram.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "diagram.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "diagram.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "diagram.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "diagram.export", NULL);

  gtk_widget_class_set_css_name (widget_class, "diagrampane");
}

static void
inflight_diagram_pane_init (InflightDiagramPane *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  inflight_menu_button_set_menu_later (self->speed_button, self->speed_menu);

  self->cancellable = g_cancellable_new ();
  self->events = inflight_event_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->events, "items-changed", G_CALLBACK (on_events_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_list, "map", G_CALLBACK (on_list_map_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->event_list, factory);
  gtk_list_view_set_model (self->event_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->view, "notify::playhead", G_CALLBACK (on_view_playhead_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::duration", G_CALLBACK (on_view_duration_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::playing", G_CALLBACK (on_view_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::live", G_CALLBACK (on_view_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::fitted", G_CALLBACK (on_view_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::trace", G_CALLBACK (on_view_trace_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::speed", G_CALLBACK (on_view_speed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scrub_adjustment, "value-changed", G_CALLBACK (on_scrub_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->banner, "notify::child-revealed", G_CALLBACK (on_banner_revealed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_toggle, "toggled", G_CALLBACK (update_controls_shown), self, G_CONNECT_SWAPPED);

  update_actions (self);
  update_play_button (self);
  update_controls_shown (self);
}

GtkWidget *
inflight_diagram_pane_new (void)
{
  return g_object_new (INFLIGHT_TYPE_DIAGRAM_PANE, NULL);
}

/**
 * inflight_diagram_pane_get_view:
 *
 * Returns: (transfer none): the diagram
 */
InflightSequenceView *
inflight_diagram_pane_get_view (InflightDiagramPane *self)
{
  g_return_val_if_fail (INFLIGHT_IS_DIAGRAM_PANE (self), NULL);

  return self->view;
}

/**
 * inflight_diagram_pane_get_event_list:
 *
 * Returns: (transfer none): the list of the run's events, in step with the playhead
 */
GtkListView *
inflight_diagram_pane_get_event_list (InflightDiagramPane *self)
{
  g_return_val_if_fail (INFLIGHT_IS_DIAGRAM_PANE (self), NULL);

  return self->event_list;
}

/**
 * inflight_diagram_pane_export:
 * @whole_run: all of the run at a readable size, or what the view shows now
 *
 * Writes the diagram to @file in the fixed light palette, on a worker thread;
 * then says how it went, in the pane, an error included.
 */
void
inflight_diagram_pane_export (InflightDiagramPane  *self,
                              GFile                *file,
                              InflightExportFormat  format,
                              gboolean              whole_run)
{
  InflightTraceSnapshot *snapshot;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;
  gint64 playhead;

  g_return_if_fail (INFLIGHT_IS_DIAGRAM_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  snapshot = inflight_sequence_view_get_snapshot (self->view);
  if (snapshot == NULL || !snapshot->started)
    {
      show_message (self, _("There is no run to export yet: press Run first."), TRUE);
      return;
    }

  if (whole_run)
    {
      inflight_export_whole_run (snapshot, &viewport);
      playhead = inflight_trace_snapshot_end_time (snapshot);
    }
  else
    {
      inflight_sequence_view_get_viewport (self->view, &viewport);
      playhead = inflight_sequence_view_get_playhead (self->view);
    }

  inflight_diagram_style_init_light (&style);
  inflight_export_write_async (inflight_export_new (snapshot, playhead, &viewport, &style),
                               file, format, self->cancellable, write_done_cb, g_object_ref (self));
  inflight_diagram_style_clear (&style);
}

/**
 * inflight_diagram_pane_export_trace:
 *
 * Writes the trace of the run shown, and of the lesson's runs beside it, to
 * @file as Trace Event JSON, on a worker thread; then says how it went.
 */
void
inflight_diagram_pane_export_trace (InflightDiagramPane *self,
                                    GFile               *file)
{
  InflightTraceSnapshot *snapshot;

  g_return_if_fail (INFLIGHT_IS_DIAGRAM_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  snapshot = inflight_sequence_view_get_snapshot (self->view);
  if (snapshot == NULL || !snapshot->started)
    show_message (self, _("There is no run to export yet: press Run first."), TRUE);
  else
    inflight_export_dialog_write_trace_async (self, file, self->cancellable, write_done_cb, g_object_ref (self));
}

/**
 * inflight_diagram_pane_get_message:
 *
 * Returns: (nullable): the message shown above the diagram, if any
 */
const char *
inflight_diagram_pane_get_message (InflightDiagramPane *self)
{
  g_return_val_if_fail (INFLIGHT_IS_DIAGRAM_PANE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner))
    return NULL;

  return gtk_label_get_text (self->banner_label);
}

/**
 * inflight_diagram_pane_set_show_events:
 *
 * Shows or hides the event list, as its toggle does.
 */
void
inflight_diagram_pane_set_show_events (InflightDiagramPane *self,
                                       gboolean             show)
{
  g_return_if_fail (INFLIGHT_IS_DIAGRAM_PANE (self));

  gtk_toggle_button_set_active (self->list_toggle, show);
}
