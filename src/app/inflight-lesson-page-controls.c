/* inflight-lesson-page-controls.c
 * The lesson page's sliders and switches, which edit the current scenario live. A lesson
 * shows only the few it needs, so each is made the first time a lesson shows it and kept,
 * hidden, for the lessons after: a slider is a fair part of what the page costs to make.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson-page"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-page-private.h"

static char *
format_ms_cb (GtkScale *scale,
              double    value,
              gpointer  user_data)
{
  /* Translators: a slider's value in milliseconds */
  return g_strdup_printf (_("%.0f ms"), value);
}

static char *
format_timeout_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  if (value < 1)
    /* Translators: the timeout slider at 0: the caller waits for ever */
    return g_strdup (_("never"));

  return g_strdup_printf (_("%.0f ms"), value);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  /* Translators: a slider's value in percent */
  return g_strdup_printf (_("%.0f %%"), value);
}

/* The sliders, in the order the page lists them; each edits the scenario's property. */
static const struct
{
  InflightControls         control;
  const char              *name;
  const char              *description;
  const char              *property;
  double                   lower, upper, step, page;
  GtkScaleFormatValueFunc  format;
  int                      max_width_chars;
} sliders[INFLIGHT_LESSON_PAGE_N_SLIDERS] = {
  { INFLIGHT_CONTROL_LATENCY, N_("Latency"),
    N_("How long one call takes, there and back, in milliseconds"),
    "latency-ms", 0, 2000, 50, 250, format_ms_cb, -1 },
  { INFLIGHT_CONTROL_REQUESTS, N_("Requests"),
    N_("How many calls the caller makes"),
    "requests", 1, 32, 1, 4, NULL, -1 },
  { INFLIGHT_CONTROL_WORKERS, N_("Workers"),
    N_("How many requests the other side works on at once: its slots, workers or threads"),
    "workers", 1, 16, 1, 4, NULL, -1 },
  { INFLIGHT_CONTROL_JITTER, N_("Jitter"),
    N_("How much each call may vary at random, in percent"),
    "jitter-pct", 0, 100, 5, 20, format_percent_cb, -1 },
  { INFLIGHT_CONTROL_FAILURE, N_("Failure rate"),
    N_("The share of calls that fail, in percent"),
    "failure-pct", 0, 100, 5, 20, format_percent_cb, -1 },
  { INFLIGHT_CONTROL_TIMEOUT, N_("Timeout"),
    N_("How long the caller waits before giving up, in milliseconds; 0 waits for ever"),
    "timeout-ms", 0, 3000, 50, 250, format_timeout_cb, -1 },
  { INFLIGHT_CONTROL_CHAIN, N_("Chain depth"),
    N_("How many calls each chain makes, each started by the previous one’s callback"),
    "chain-depth", 1, 5, 1, 1, NULL, -1 },
  { INFLIGHT_CONTROL_AWAIT, N_("Work before awaiting"),
    N_("How long the caller works on something else before it awaits the first result"),
    "await-after-ms", 0, 2000, 10, 100, format_ms_cb, 10 },
};

/* The switches, below the sliders: each takes a side down, or brings it back, during a run. */
static const struct
{
  InflightControls  control;
  const char       *name;
  const char       *tooltip;
  const char       *property;
} switches[INFLIGHT_LESSON_PAGE_N_SWITCHES] = {
  { INFLIGHT_CONTROL_DOWN, N_("Take the workers down"),
    N_("Take every worker of the service down now, or bring them back; it works during a run"),
    "down" },
  { INFLIGHT_CONTROL_CALLER_DOWN, N_("Take the caller down"),
    N_("Take the caller down now, or bring it back; it works during a run"),
    "caller-down" },
};

static void
make_slider (InflightLessonPage *self,
             guint               i)
{
  GtkWidget *label = gtk_label_new (_(sliders[i].name));
  GtkAdjustment *adjustment = gtk_adjustment_new (sliders[i].lower, sliders[i].lower, sliders[i].upper,
                                                  sliders[i].step, sliders[i].page, 0);
  GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, adjustment);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), sliders[i].max_width_chars);

  gtk_widget_set_hexpand (scale, TRUE);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
  gtk_scale_set_digits (GTK_SCALE (scale), 0);
  if (sliders[i].format != NULL)
    gtk_scale_set_format_value_func (GTK_SCALE (scale), sliders[i].format, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(sliders[i].name),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(sliders[i].description),
                                  -1);

  gtk_grid_attach (self->controls_grid, label, 0, i, 1, 1);
  gtk_grid_attach (self->controls_grid, scale, 1, i, 1, 1);
  self->slider_labels[i] = label;
  self->sliders[i] = GTK_SCALE (scale);

  g_binding_group_bind (self->bindings, sliders[i].property, adjustment, "value",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
make_switch (InflightLessonPage *self,
             guint               i)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (_(switches[i].name));

  gtk_widget_set_halign (toggle, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (toggle, _(switches[i].tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(switches[i].name),
                                  -1);
  gtk_grid_attach (self->controls_grid, toggle, 0, INFLIGHT_LESSON_PAGE_N_SLIDERS + i, 2, 1);
  self->switches[i] = GTK_TOGGLE_BUTTON (toggle);

  g_binding_group_bind (self->bindings, switches[i].property, toggle, "active",
                        G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* Shows the controls @controls names, making those not made yet, and hides the others. */
void
inflight_lesson_page_show_controls (InflightLessonPage *self,
                                    InflightControls    controls)
{
  for (guint i = 0; i < G_N_ELEMENTS (sliders); i++)
    {
      gboolean shown = (controls & sliders[i].control) != 0;

      if (shown && self->sliders[i] == NULL)
        make_slider (self, i);
      if (self->sliders[i] != NULL)
        {
          gtk_widget_set_visible (self->slider_labels[i], shown);
          gtk_widget_set_visible (GTK_WIDGET (self->sliders[i]), shown);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      gboolean shown = (controls & switches[i].control) != 0;

      if (shown && self->switches[i] == NULL)
        make_switch (self, i);
      if (self->switches[i] != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->switches[i]), shown);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->controls_grid), controls != INFLIGHT_CONTROL_NONE);
}
