/* inflight-playground.c
 * The playground: the learner's own experiment, one to four panes run together and drawn
 * side by side on one time scale, each with the figures of its own run beside its theory.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-playground"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-model.h"
#include "inflight-playground-private.h"
#include "inflight-runs-layout.h"

G_DEFINE_FINAL_TYPE (InflightPlayground, inflight_playground, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static InflightPlaygroundPane *
get_pane (InflightPlayground *self,
          guint               index)
{
  return g_ptr_array_index (self->panes, index);
}

/* All panes' runs on one time scale: the longest any of them shows or is expected to take. */
static void
share_scale (InflightPlayground *self)
{
  gint64 end = 0;

  for (guint i = 0; i < self->panes->len; i++)
    {
      InflightPlaygroundPane *pane = get_pane (self, i);
      InflightScenario *ran = inflight_run_panel_get_ran (pane->panel);
      InflightMetrics metrics;

      end = MAX (end, inflight_model_predict_total (ran != NULL ? ran : pane->scenario));
      if (inflight_run_panel_get_result (pane->panel, &metrics, NULL))
        end = MAX (end, metrics.total);
    }

  for (guint i = 0; i < self->panes->len; i++)
    inflight_sequence_view_set_shared_end (inflight_diagram_pane_get_view (inflight_run_panel_get_pane (get_pane (self, i)->panel)),
                                           self->panes->len > 1 ? end : 0);
}

/* A pane's run is named by its strategy: the run's own, once there is one. */
static void
update_titles (InflightPlayground *self)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      InflightPlaygroundPane *pane = get_pane (self, i);
      InflightScenario *ran = inflight_run_panel_get_ran (pane->panel);
      InflightStrategy strategy = inflight_scenario_get_strategy (ran != NULL ? ran : pane->scenario);
      /* Translators: a pane's name, then the strategy its run uses */
      g_autofree char *title = g_strdup_printf (_("Pane %u · %s"), i + 1, inflight_strategy_get_list_name (strategy));

      inflight_run_panel_set_title (pane->panel, title);
    }
}

static void
update_figures (InflightPlayground *self)
{
  for (guint i = 0; i < self->panes->len; i++)
    inflight_playground_pane_show_figures (get_pane (self, i));
}

static void
update_running (InflightPlayground *self)
{
  gboolean running = inflight_playground_get_running (self);

  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->run_button), !running);
  if (!running && gtk_widget_has_focus (GTK_WIDGET (self->stop_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->run_button));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playground.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playground.run", !running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
on_panel_running_cb (InflightPlayground *self)
{
  update_running (self);
  update_figures (self);
}

static void
on_panel_finished_cb (InflightPlayground *self)
{
  share_scale (self);
  update_figures (self);
}

static void
on_scenario_changed_cb (InflightPlayground *self,
                        GParamSpec         *pspec,
                        InflightScenario   *scenario)
{
  /* With one service for all, the experiment has the others follow the first pane's. */
  update_titles (self);
  update_figures (self);
  inflight_playground_save_soon (self);
}

static void
watch_scenario (InflightPlayground     *self,
                InflightPlaygroundPane *pane)
{
  g_signal_connect_object (pane->scenario, "notify", G_CALLBACK (on_scenario_changed_cb), self, G_CONNECT_SWAPPED);
}

static InflightPlaygroundPane *
add_pane_for (InflightPlayground *self,
              InflightScenario   *scenario)
{
  InflightPlaygroundPane *pane = inflight_playground_pane_new (self);

  inflight_playground_pane_set_scenario (pane, scenario);
  watch_scenario (self, pane);
  g_signal_connect_object (pane->panel, "notify::running", G_CALLBACK (on_panel_running_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pane->panel, "finished", G_CALLBACK (on_panel_finished_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->panes, pane);

  return pane;
}

/* The settings take two fifths of the height, the runs the rest, and never less than one row
 * of runs needs, playback and all: more rows (four runs on a narrow window) scroll. */
static gboolean
apply_split_cb (gpointer data)
{
  InflightPlayground *self = data;
  GtkWidget *first = self->panes->len > 0 ? GTK_WIDGET (get_pane (self, 0)->panel) : NULL;
  int row = 0;

  self->split_idle = 0;
  if (first != NULL && gtk_widget_get_width (first) > 0)
    gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (first), &row, NULL, NULL, NULL);
  gtk_scrolled_window_set_min_content_height (self->runs_scroll, row > 0 ? row : -1);
  gtk_paned_set_position (self->paned, CLAMP (self->split_height * 2 / 5, 150, 420));
  return G_SOURCE_REMOVE;
}

static void
queue_split (InflightPlayground *self)
{
  if (self->split_idle == 0)
    self->split_idle = g_idle_add (apply_split_cb, self);
}

static void
detach (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent == NULL)
    return;
  if (GTK_IS_GRID (parent))
    gtk_grid_remove (GTK_GRID (parent), widget);
  else
    gtk_box_remove (GTK_BOX (parent), widget);
}

/* Puts each pane in its column, in order, after panes came, went or changed places. */
void
inflight_playground_panes_changed (InflightPlayground *self)
{
  gboolean same = inflight_experiment_get_same_service (self->experiment);
  guint n = self->panes->len;

  for (guint i = 0; i < n; i++)
    {
      InflightPlaygroundPane *pane = get_pane (self, i);

      detach (pane->header);
      detach (GTK_WIDGET (pane->strategy));
      for (guint p = 0; p < INFLIGHT_PLAYGROUND_N_PARAMS; p++)
        detach (GTK_WIDGET (pane->spins[p]));
      for (guint f = 0; f < INFLIGHT_PLAYGROUND_N_FIGURES; f++)
        detach (GTK_WIDGET (pane->figures[f]));
      detach (GTK_WIDGET (pane->panel));
    }

  for (guint i = 0; i < n; i++)
    {
      InflightPlaygroundPane *pane = get_pane (self, i);

      gtk_grid_attach (self->settings_grid, pane->header, i + 1, 0, 1, 1);
      gtk_grid_attach (self->settings_grid, GTK_WIDGET (pane->strategy), i + 1, INFLIGHT_PLAYGROUND_ROW_STRATEGY, 1, 1);
      for (guint f = 0; f < INFLIGHT_PLAYGROUND_N_FIGURES; f++)
        gtk_grid_attach (self->settings_grid, GTK_WIDGET (pane->figures[f]), i + 1, INFLIGHT_PLAYGROUND_ROW_FIGURES + f, 1, 1);
      for (guint p = 0; p < INFLIGHT_PLAYGROUND_N_PARAMS; p++)
        gtk_grid_attach (self->settings_grid, GTK_WIDGET (pane->spins[p]), i + 1, INFLIGHT_PLAYGROUND_ROW_PARAMS + p, 1, 1);
      gtk_box_append (self->runs_box, GTK_WIDGET (pane->panel));

      inflight_playground_pane_update (pane, i, same, n);
      /* Side by side, the diagrams have the room; each pane's list of events is a button away. */
      inflight_diagram_pane_set_show_events (inflight_run_panel_get_pane (pane->panel), n == 1);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n < INFLIGHT_EXPERIMENT_MAX_PANES);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playground.add-pane", n < INFLIGHT_EXPERIMENT_MAX_PANES);
  if (gtk_switch_get_active (self->same_switch) != same)
    gtk_switch_set_active (self->same_switch, same);

  update_titles (self);
  update_figures (self);
  share_scale (self);
  queue_split (self);
}

static void
clear_panes (InflightPlayground *self)
{
  while (self->panes->len > 0)
    {
      InflightPlaygroundPane *pane = g_ptr_array_steal_index (self->panes, self->panes->len - 1);

      g_signal_handlers_disconnect_by_data (pane->scenario, self);
      g_signal_handlers_disconnect_by_data (pane->panel, self);
      inflight_playground_pane_free (pane);
    }
}

static void
on_run_clicked_cb (InflightPlayground *self)
{
  inflight_playground_run (self);
}

static void
on_stop_clicked_cb (InflightPlayground *self)
{
  inflight_playground_stop (self);
}

static void
on_add_clicked_cb (InflightPlayground *self)
{
  inflight_playground_add_pane (self);
}

static void
on_same_switch_cb (InflightPlayground *self)
{
  if (self->experiment != NULL)
    inflight_playground_set_same_service (self, gtk_switch_get_active (self->same_switch));
}

static void
on_error_dismissed_cb (InflightPlayground *self)
{
  inflight_playground_show_error (self, NULL);
}

/* The page's actions, each a button or a menu item of its own. */
static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (widget);
  const char *name = action_name + strlen ("playground.");

  if (g_str_equal (name, "run"))
    inflight_playground_run (self);
  else if (g_str_equal (name, "stop"))
    inflight_playground_stop (self);
  else if (g_str_equal (name, "add-pane"))
    inflight_playground_add_pane (self);
  else if (g_str_equal (name, "open"))
    inflight_playground_show_open_dialog (self);
  else if (g_str_equal (name, "save"))
    inflight_playground_show_save_dialog (self);
  else if (g_str_equal (name, "copy"))
    inflight_playground_copy (self);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (widget);
  g_autoptr(InflightExperiment) preset = inflight_experiment_new_preset (g_variant_get_string (parameter, NULL));

  if (preset != NULL)
    inflight_playground_set_experiment (self, preset);
}

static GMenuModel *
build_presets_menu (void)
{
  GMenu *menu = g_menu_new ();
  const char * const *ids = inflight_experiment_preset_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (inflight_experiment_preset_title (ids[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "playground.preset", g_variant_new_string (ids[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}



static void
inflight_playground_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
inflight_playground_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  /* Only when the page's size changes: a split the learner dragged stays. */
  if (height != self->split_height || width != self->split_width)
    {
      self->split_height = height;
      self->split_width = width;
      queue_split (self);
    }
}

static void
inflight_playground_dispose (GObject *object)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (object);

  g_clear_handle_id (&self->split_idle, g_source_remove);
  if (self->save_timeout != 0)
    inflight_playground_save_state (self);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (self->panes != NULL)
    clear_panes (self);
  g_clear_pointer (&self->panes, g_ptr_array_unref);
  g_clear_object (&self->experiment);
  gtk_widget_dispose_template (GTK_WIDGET (self), INFLIGHT_TYPE_PLAYGROUND);

  G_OBJECT_CLASS (inflight_playground_parent_class)->dispose (object);
}

static void
inflight_playground_finalize (GObject *object)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (object);

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (inflight_playground_parent_class)->finalize (object);
}

static void
inflight_playground_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  InflightPlayground *self = INFLIGHT_PLAYGROUND (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, inflight_playground_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_playground_class_init (InflightPlaygroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = inflight_playground_dispose;
  object_class->finalize = inflight_playground_finalize;
  object_class->get_property = inflight_playground_get_property;
  widget_class->measure = inflight_playground_measure;
  widget_class->size_allocate = inflight_playground_size_allocate;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/inflight-playground.ui");
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, box);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, title_label);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, presets_button);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, file_button);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, run_button);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, stop_button);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, add_button);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, same_switch);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, error_label);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, paned);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, settings_grid);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, runs_scroll);
  gtk_widget_class_bind_template_child (widget_class, InflightPlayground, runs_box);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_same_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismissed_cb);

  gtk_widget_class_install_action (widget_class, "playground.run", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "playground.stop", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "playground.add-pane", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "playground.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "playground.open", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "playground.save", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "playground.copy", NULL, page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "playground.copy", NULL);

  gtk_widget_class_set_css_name (widget_class, "playground");
}

static void
inflight_playground_init (InflightPlayground *self)
{
  g_autoptr(GMenuModel) presets = build_presets_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->panes = g_ptr_array_new ();
  gtk_widget_set_layout_manager (GTK_WIDGET (self->runs_box), inflight_runs_layout_new ());
  gtk_menu_button_set_menu_model (self->presets_button, presets);
  inflight_playground_build_row_labels (self);

  inflight_playground_restore_state (self);
  update_running (self);
}

GtkWidget *
inflight_playground_new (void)
{
  return g_object_new (INFLIGHT_TYPE_PLAYGROUND, NULL);
}

/**
 * inflight_playground_get_experiment:
 *
 * Returns: (transfer none): the experiment the controls edit
 */
InflightExperiment *
inflight_playground_get_experiment (InflightPlayground *self)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), NULL);

  return self->experiment;
}

/**
 * inflight_playground_set_experiment:
 *
 * Stops every run and shows a copy of @experiment: its recorded runs, if it has any, at once.
 *
 * Returns: %TRUE
 */
gboolean
inflight_playground_set_experiment (InflightPlayground *self,
                                    InflightExperiment *experiment)
{
  const char *title;

  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), FALSE);
  g_return_val_if_fail (INFLIGHT_IS_EXPERIMENT (experiment), FALSE);

  clear_panes (self);
  g_clear_object (&self->experiment);
  self->experiment = inflight_experiment_copy (experiment);

  for (guint i = 0; i < inflight_experiment_get_n_panes (self->experiment); i++)
    {
      InflightScenario *scenario = inflight_experiment_get_scenario (self->experiment, i);
      InflightTraceSnapshot *recorded = inflight_experiment_get_trace (self->experiment, i);
      InflightPlaygroundPane *pane = add_pane_for (self, scenario);

      if (recorded != NULL)
        inflight_run_panel_show_recorded (pane->panel, scenario, recorded);
    }

  /* A file or preset's own title names the page. */
  title = inflight_experiment_get_title (self->experiment);
  gtk_label_set_text (self->title_label, title != NULL && *title != '\0' ? title : _("Playground"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title != NULL && *title != '\0' ? title : NULL);

  inflight_playground_panes_changed (self);
  update_running (self);
  inflight_playground_save_soon (self);

  return TRUE;
}

guint
inflight_playground_get_n_panes (InflightPlayground *self)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), 0);

  return self->panes->len;
}

/**
 * inflight_playground_add_pane:
 *
 * Adds a pane like the last one, up to four.
 *
 * Returns: whether a pane was added
 */
gboolean
inflight_playground_add_pane (InflightPlayground *self)
{
  InflightScenario *last;
  int index;

  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), FALSE);

  last = get_pane (self, self->panes->len - 1)->scenario;
  index = inflight_experiment_add_pane (self->experiment, last);
  if (index < 0)
    return FALSE;

  add_pane_for (self, inflight_experiment_get_scenario (self->experiment, index));
  inflight_playground_panes_changed (self);
  inflight_playground_save_soon (self);

  return TRUE;
}

/**
 * inflight_playground_remove_pane:
 *
 * Removes a pane and its run; the last one stays.
 */
void
inflight_playground_remove_pane (InflightPlayground *self,
                                 guint               pane)
{
  InflightPlaygroundPane *removed;

  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  if (self->panes->len <= 1 || pane >= self->panes->len)
    return;

  removed = g_ptr_array_steal_index (self->panes, pane);
  g_signal_handlers_disconnect_by_data (removed->scenario, self);
  g_signal_handlers_disconnect_by_data (removed->panel, self);
  inflight_playground_pane_free (removed);
  inflight_experiment_remove_pane (self->experiment, pane);

  /* The experiment may hand the panes new scenarios; each column follows its own. */
  for (guint i = 0; i < self->panes->len; i++)
    {
      InflightPlaygroundPane *column = get_pane (self, i);
      InflightScenario *scenario = inflight_experiment_get_scenario (self->experiment, i);

      if (column->scenario != scenario)
        {
          g_signal_handlers_disconnect_by_data (column->scenario, self);
          inflight_playground_pane_set_scenario (column, scenario);
          watch_scenario (self, column);
        }
    }

  inflight_playground_panes_changed (self);
  update_running (self);
  inflight_playground_save_soon (self);
}

void
inflight_playground_set_same_service (InflightPlayground *self,
                                      gboolean            same)
{
  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  if (inflight_experiment_get_same_service (self->experiment) == same)
    return;

  inflight_experiment_set_same_service (self->experiment, same);
  inflight_playground_panes_changed (self);
  inflight_playground_save_soon (self);
}

/**
 * inflight_playground_get_panel:
 *
 * Returns: (transfer none): the run of pane @pane
 */
InflightRunPanel *
inflight_playground_get_panel (InflightPlayground *self,
                               guint               pane)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), NULL);
  g_return_val_if_fail (pane < self->panes->len, NULL);

  return get_pane (self, pane)->panel;
}

/**
 * inflight_playground_get_control:
 * @property: "strategy", or a scenario property a pane sets
 *
 * Returns: (transfer none) (nullable): the control that sets it in pane @pane
 */
GtkWidget *
inflight_playground_get_control (InflightPlayground *self,
                                 guint               pane,
                                 const char         *property)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), NULL);
  g_return_val_if_fail (pane < self->panes->len, NULL);

  if (g_str_equal (property, "strategy"))
    return GTK_WIDGET (get_pane (self, pane)->strategy);
  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_PARAMS; i++)
    if (g_str_equal (property, inflight_playground_params[i].property))
      return GTK_WIDGET (get_pane (self, pane)->spins[i]);
  return NULL;
}

const char *
inflight_playground_get_figure (InflightPlayground       *self,
                                guint                     pane,
                                InflightPlaygroundFigure  figure)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), NULL);
  g_return_val_if_fail (pane < self->panes->len, NULL);
  g_return_val_if_fail (figure < INFLIGHT_PLAYGROUND_N_FIGURES, NULL);

  return gtk_label_get_text (get_pane (self, pane)->figures[figure]);
}

/**
 * inflight_playground_run:
 *
 * Runs every pane's scenario for real, all at once.
 */
void
inflight_playground_run (InflightPlayground *self)
{
  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  if (inflight_playground_get_running (self))
    return;

  self->left_running = FALSE;
  inflight_playground_show_error (self, NULL);
  for (guint i = 0; i < self->panes->len; i++)
    inflight_run_panel_run (get_pane (self, i)->panel);
  update_titles (self);
  share_scale (self);
  update_figures (self);
}

void
inflight_playground_stop (InflightPlayground *self)
{
  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  for (guint i = 0; i < self->panes->len; i++)
    inflight_run_panel_stop (get_pane (self, i)->panel);
}

gboolean
inflight_playground_get_running (InflightPlayground *self)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), FALSE);

  for (guint i = 0; i < self->panes->len; i++)
    if (inflight_run_panel_get_running (get_pane (self, i)->panel))
      return TRUE;
  return FALSE;
}

void
inflight_playground_enter (InflightPlayground *self)
{
  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  update_figures (self);
}

/**
 * inflight_playground_leave:
 *
 * Stops the runs under way, as leaving a lesson does; the runs and their figures stay.
 */
void
inflight_playground_leave (InflightPlayground *self)
{
  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  self->left_running = inflight_playground_get_running (self);
  inflight_playground_stop (self);
  inflight_playground_save_state (self);
}

const char *
inflight_playground_get_error (InflightPlayground *self)
{
  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), NULL);

  return self->error;
}
