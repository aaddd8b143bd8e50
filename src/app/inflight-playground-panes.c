/* inflight-playground-panes.c
 * Each pane of the playground: a column of controls that edit its scenario live, and the
 * figures of the run it shows, read from that run alone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-playground"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-format.h"
#include "inflight-metrics.h"
#include "inflight-model.h"
#include "inflight-playground-private.h"

const InflightPlaygroundParam inflight_playground_params[INFLIGHT_PLAYGROUND_N_PARAMS] = {
  { "requests", N_("Requests"), NULL, INFLIGHT_REQUESTS_MIN, INFLIGHT_REQUESTS_MAX, 1, FALSE },
  { "latency-ms", N_("Latency"), N_("ms"), INFLIGHT_LATENCY_MS_MIN, INFLIGHT_LATENCY_MS_MAX, 10, TRUE },
  { "workers", N_("Workers"), NULL, INFLIGHT_WORKERS_MIN, INFLIGHT_WORKERS_MAX, 1, TRUE },
  { "jitter-pct", N_("Jitter"), N_("%"), INFLIGHT_JITTER_PCT_MIN, INFLIGHT_JITTER_PCT_MAX, 5, TRUE },
  { "failure-pct", N_("Failure rate"), N_("%"), INFLIGHT_FAILURE_PCT_MIN, INFLIGHT_FAILURE_PCT_MAX, 5, TRUE },
  { "timeout-ms", N_("Timeout"), N_("ms"), 0, INFLIGHT_TIMEOUT_MS_MAX, 100, TRUE },
  { "down-at-ms", N_("Down at"), N_("ms"), 0, INFLIGHT_DOWN_MS_MAX, 100, TRUE },
  { "down-for-ms", N_("Down for"), N_("ms"), 0, INFLIGHT_DOWN_MS_MAX, 100, TRUE },
  { "chain-depth", N_("Chain depth"), NULL, INFLIGHT_CHAIN_DEPTH_MIN, INFLIGHT_CHAIN_DEPTH_MAX, 1, FALSE },
  { "seed", N_("Seed"), NULL, 0, G_MAXUINT32, 1, TRUE },
};

static const char *figure_names[INFLIGHT_PLAYGROUND_N_FIGURES] = {
  N_("Measured"), N_("Theory"), N_("Failed"), N_("Caller waiting"),
};

static gboolean
strategy_to_selected_cb (GBinding     *binding,
                         const GValue *from,
                         GValue       *to,
                         gpointer      data)
{
  g_value_set_uint (to, g_value_get_enum (from));
  return TRUE;
}

static gboolean
selected_to_strategy_cb (GBinding     *binding,
                         const GValue *from,
                         GValue       *to,
                         gpointer      data)
{
  guint selected = g_value_get_uint (from);

  if (selected > INFLIGHT_STRATEGY_PARALLEL)
    return FALSE;
  g_value_set_enum (to, selected);
  return TRUE;
}

static void
on_remove_clicked_cb (InflightPlaygroundPane *pane)
{
  guint index;

  if (g_ptr_array_find (pane->page->panes, pane, &index))
    inflight_playground_remove_pane (pane->page, index);
}

/* Makes a widget the column's own: the grids only borrow it, so that a layout can be redone. */
static gpointer
keep (gpointer widget)
{
  return g_object_ref_sink (widget);
}

static GtkWidget *
new_figure_label (void)
{
  GtkWidget *label = gtk_label_new ("–");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
setup_strategy_item_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_strategy_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

/* Labels for the strategies' names; with @ellipsize, cut short with "…" when there is no room. */
static GtkListItemFactory *
strategy_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_strategy_item_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_strategy_item_cb), NULL);

  return factory;
}

InflightPlaygroundPane *
inflight_playground_pane_new (InflightPlayground *self)
{
  InflightPlaygroundPane *pane = g_new0 (InflightPlaygroundPane, 1);
  g_autoptr(GtkStringList) strategies = gtk_string_list_new (NULL);

  pane->page = self;

  pane->header = keep (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  pane->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (pane->name_label), "heading");
  gtk_label_set_xalign (pane->name_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (pane->name_label), TRUE);
  gtk_box_append (GTK_BOX (pane->header), GTK_WIDGET (pane->name_label));
  pane->remove_button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (pane->remove_button, "flat");
  g_signal_connect_swapped (pane->remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), pane);
  gtk_box_append (GTK_BOX (pane->header), pane->remove_button);

  for (InflightStrategy s = INFLIGHT_STRATEGY_BLOCKING; s <= INFLIGHT_STRATEGY_PARALLEL; s++)
    gtk_string_list_append (strategies, inflight_strategy_get_list_name (s));
  pane->strategy = keep (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strategies)), NULL));
  /* The chosen strategy's long name gives way in a narrow pane; the list shows each whole. */
  {
    g_autoptr(GtkListItemFactory) chosen = strategy_factory_new (TRUE);
    g_autoptr(GtkListItemFactory) listed = strategy_factory_new (FALSE);

    gtk_drop_down_set_factory (GTK_DROP_DOWN (pane->strategy), chosen);
    gtk_drop_down_set_list_factory (GTK_DROP_DOWN (pane->strategy), listed);
  }

  pane->bindings = g_binding_group_new ();
  g_binding_group_bind_full (pane->bindings, "strategy", pane->strategy, "selected",
                             G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                             strategy_to_selected_cb, selected_to_strategy_cb, NULL, NULL);

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_PARAMS; i++)
    {
      const InflightPlaygroundParam *param = &inflight_playground_params[i];
      GtkWidget *spin = gtk_spin_button_new_with_range (param->min, param->max, param->step);

      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), param->max >= 100000 ? 7 : 5);
      pane->spins[i] = keep (spin);
      g_binding_group_bind (pane->bindings, param->property,
                            gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_FIGURES; i++)
    pane->figures[i] = keep (new_figure_label ());

  pane->panel = keep (inflight_run_panel_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (pane->panel), TRUE);

  return pane;
}

void
inflight_playground_pane_free (InflightPlaygroundPane *pane)
{
  GtkWidget *widgets[2 + INFLIGHT_PLAYGROUND_N_PARAMS + INFLIGHT_PLAYGROUND_N_FIGURES + 1];
  guint n = 0;

  inflight_run_panel_stop (pane->panel);
  g_binding_group_set_source (pane->bindings, NULL);
  g_clear_object (&pane->bindings);

  widgets[n++] = pane->header;
  widgets[n++] = GTK_WIDGET (pane->strategy);
  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_PARAMS; i++)
    widgets[n++] = GTK_WIDGET (pane->spins[i]);
  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_FIGURES; i++)
    widgets[n++] = GTK_WIDGET (pane->figures[i]);
  widgets[n++] = GTK_WIDGET (pane->panel);

  for (guint i = 0; i < n; i++)
    {
      if (gtk_widget_get_parent (widgets[i]) != NULL)
        gtk_widget_unparent (widgets[i]);
      g_object_unref (widgets[i]);
    }
  g_clear_object (&pane->scenario);
  g_free (pane);
}

void
inflight_playground_pane_set_scenario (InflightPlaygroundPane *pane,
                                       InflightScenario       *scenario)
{
  if (pane->scenario == scenario)
    return;

  g_set_object (&pane->scenario, scenario);
  g_binding_group_set_source (pane->bindings, scenario);
  inflight_run_panel_set_scenario (pane->panel, scenario);
}

/* Names every control of the pane for the eye and the screen reader, by its place. */
void
inflight_playground_pane_update (InflightPlaygroundPane *pane,
                                 guint                   index,
                                 gboolean                same_service,
                                 guint                   n_panes)
{
  /* Translators: the name of one of the playground's panes, counted from 1 */
  g_autofree char *name = g_strdup_printf (_("Pane %u"), index + 1);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), name);
  g_autofree char *strategy = g_strdup_printf (_("Strategy, %s"), name);

  pane->index = index;
  gtk_label_set_text (pane->name_label, name);
  gtk_widget_set_tooltip_text (pane->remove_button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pane->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_widget_set_visible (pane->remove_button, n_panes > 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pane->strategy), GTK_ACCESSIBLE_PROPERTY_LABEL, strategy, -1);
  /* The drop-down's own button would be read out by its type name: it is named as the drop-down. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (pane->strategy)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, strategy, -1);

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_PARAMS; i++)
    {
      const InflightPlaygroundParam *param = &inflight_playground_params[i];
      /* Translators: a control's name for a screen reader: the parameter, then the pane's name */
      g_autofree char *label = g_strdup_printf (_("%s, %s"), _(param->label), name);
      gboolean follows = same_service && index > 0 && param->service;

      gtk_accessible_update_property (GTK_ACCESSIBLE (pane->spins[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_sensitive (GTK_WIDGET (pane->spins[i]), !follows);
      gtk_widget_set_tooltip_text (GTK_WIDGET (pane->spins[i]),
                                   follows ? _("Follows Pane 1: the service is the same for all") : NULL);
    }

  inflight_playground_pane_show_figures (pane);
}

/* The labels at the start of each row of the settings and of the results. */
void
inflight_playground_build_row_labels (InflightPlayground *self)
{
  for (guint i = 0; i <= INFLIGHT_PLAYGROUND_N_PARAMS; i++)
    {
      g_autofree char *text = NULL;

      if (i == 0)
        text = g_strdup (_("Strategy"));
      else if (inflight_playground_params[i - 1].unit != NULL)
        /* Translators: a parameter's name and its unit, as "Latency (ms)" */
        text = g_strdup_printf (_("%s (%s)"), _(inflight_playground_params[i - 1].label),
                                _(inflight_playground_params[i - 1].unit));
      else
        text = g_strdup (_(inflight_playground_params[i - 1].label));
      self->row_labels[i] = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (self->row_labels[i]), 0);
      gtk_widget_add_css_class (self->row_labels[i], "dim-label");
      gtk_grid_attach (self->settings_grid, self->row_labels[i], 0,
                       i == 0 ? INFLIGHT_PLAYGROUND_ROW_STRATEGY : INFLIGHT_PLAYGROUND_ROW_PARAMS + i - 1, 1, 1);
    }

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_FIGURES; i++)
    {
      self->figure_labels[i] = gtk_label_new (_(figure_names[i]));
      gtk_label_set_xalign (GTK_LABEL (self->figure_labels[i]), 0);
      gtk_grid_attach (self->settings_grid, self->figure_labels[i], 0, INFLIGHT_PLAYGROUND_ROW_FIGURES + i, 1, 1);
    }
}

/* Whether two scenarios would make the same run. */
gboolean
inflight_playground_scenarios_equal (InflightScenario *a,
                                     InflightScenario *b)
{
  if (inflight_scenario_get_strategy (a) != inflight_scenario_get_strategy (b))
    return FALSE;

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_PARAMS; i++)
    {
      guint va, vb;

      g_object_get (a, inflight_playground_params[i].property, &va, NULL);
      g_object_get (b, inflight_playground_params[i].property, &vb, NULL);
      if (va != vb)
        return FALSE;
    }
  return TRUE;
}

/* The lane whose waiting the table reports: the one that makes the calls. */
static guint
caller_lane (const InflightTraceSnapshot *snapshot)
{
  for (guint i = 0; i < snapshot->n_lanes; i++)
    if (snapshot->lanes[i].role == INFLIGHT_LANE_CALLER || snapshot->lanes[i].role == INFLIGHT_LANE_UI_THREAD ||
        snapshot->lanes[i].role == INFLIGHT_LANE_EVENT_LOOP)
      return i;
  return G_MAXUINT;
}

/* The pane's figures, all of the run it shows, with the values that run started with:
 * never of the controls, which may have moved since. */
void
inflight_playground_pane_show_figures (InflightPlaygroundPane *pane)
{
  InflightScenario *ran = inflight_run_panel_get_ran (pane->panel);
  InflightTrace *trace = inflight_run_panel_get_trace (pane->panel);
  char *texts[INFLIGHT_PLAYGROUND_N_FIGURES] = { NULL };  /* freed at the end: g_autofree frees one pointer */
  InflightMetrics metrics;
  gboolean stopped = FALSE;
  gboolean stale;

  if (ran != NULL)
    texts[INFLIGHT_PLAYGROUND_THEORY] = inflight_format_duration (inflight_model_predict_total (ran));

  if (ran != NULL && trace != NULL && inflight_run_panel_get_result (pane->panel, &metrics, &stopped))
    {
      g_autoptr(InflightTraceSnapshot) snapshot = inflight_trace_snapshot (trace);
      g_autofree char *total = inflight_format_duration (metrics.total);
      guint caller = caller_lane (snapshot);

      texts[INFLIGHT_PLAYGROUND_MEASURED] = stopped ? g_strdup_printf (_("stopped after %s"), total)
                                                    : g_steal_pointer (&total);
      if (metrics.timeouts > 0)
        /* Translators: failed calls out of all the calls a run made, then how many timed out */
        texts[INFLIGHT_PLAYGROUND_FAILED] = g_strdup_printf (_("%u of %u, %u timed out"), metrics.failed,
                                                             metrics.requests, metrics.timeouts);
      else
        /* Translators: failed calls out of all the calls a run made */
        texts[INFLIGHT_PLAYGROUND_FAILED] = g_strdup_printf (_("%u of %u"), metrics.failed, metrics.requests);
      if (caller != G_MAXUINT)
        /* Translators: the share of a run its caller spent waiting */
        texts[INFLIGHT_PLAYGROUND_WAITING] = g_strdup_printf (_("%.0f %%"),
                                                              100 * inflight_metrics_lane_share (snapshot, caller,
                                                                                                 INFLIGHT_SPAN_WAITING));
    }
  else if (ran != NULL && inflight_run_panel_get_running (pane->panel))
    texts[INFLIGHT_PLAYGROUND_MEASURED] = g_strdup (_("running…"));

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_FIGURES; i++)
    {
      /* Translators: the name of one of the playground's panes, counted from 1 */
      g_autofree char *name = g_strdup_printf (_("Pane %u"), pane->index + 1);
      /* Translators: a figure as a screen reader reads it: its name, the pane's, then its value */
      g_autofree char *spoken = g_strdup_printf (_("%s, %s: %s"), _(figure_names[i]), name,
                                                 texts[i] != NULL ? texts[i] : _("none yet"));

      gtk_label_set_text (pane->figures[i], texts[i] != NULL ? texts[i] : "–");
      /* Set after the text, which a label otherwise takes as its name. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (pane->figures[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
    }

  /* When the controls no longer hold the values of the run shown, its figures dim and say so:
   * they are still the run's, not the controls'. */
  stale = ran != NULL && pane->scenario != NULL && !inflight_playground_scenarios_equal (ran, pane->scenario);
  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_FIGURES; i++)
    {
      if (stale)
        gtk_widget_add_css_class (GTK_WIDGET (pane->figures[i]), "dim-label");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (pane->figures[i]), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (pane->figures[i]),
                                   stale ? _("The settings have changed since this run: these figures are the run’s. "
                                             "Run again to measure the new ones.") : NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (pane->figures[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      stale ? _("Of the last run, made with other settings") : "", -1);
    }

  for (guint i = 0; i < INFLIGHT_PLAYGROUND_N_FIGURES; i++)
    g_free (texts[i]);
}
