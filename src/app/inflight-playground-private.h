/* inflight-playground-private.h
 * What the playground's files share: its fields and each pane's column of controls. The page
 * and its runs are in inflight-playground.c, each pane's controls and figures in
 * -panes.c, and files, the clipboard and what is kept across sessions in -files.c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-playground.h"

G_BEGIN_DECLS

/* The table's rows: each pane's name, strategy, figures, then parameters. */
#define INFLIGHT_PLAYGROUND_ROW_STRATEGY 1
#define INFLIGHT_PLAYGROUND_ROW_FIGURES  2
#define INFLIGHT_PLAYGROUND_ROW_PARAMS   (INFLIGHT_PLAYGROUND_ROW_FIGURES + INFLIGHT_PLAYGROUND_N_FIGURES)

/* The parameters each pane sets, in the order of the table's rows. */
typedef struct
{
  const char *property;
  const char *label;       /* untranslated, marked with N_() */
  const char *unit;        /* untranslated, or NULL */
  guint       min;
  guint       max;
  guint       step;
  gboolean    service;     /* follows the first pane's when the service is the same for all */
} InflightPlaygroundParam;

#define INFLIGHT_PLAYGROUND_N_PARAMS 10

extern const InflightPlaygroundParam inflight_playground_params[INFLIGHT_PLAYGROUND_N_PARAMS];

/* One pane: its column of controls and figures, and its run. */
typedef struct
{
  InflightPlayground *page;
  guint               index;      /* its place, from 0 */
  GtkWidget          *header;     /* the pane's name and its Remove button */
  GtkLabel           *name_label;
  GtkWidget          *remove_button;
  GtkDropDown        *strategy;
  GtkSpinButton      *spins[INFLIGHT_PLAYGROUND_N_PARAMS];
  GtkLabel           *figures[INFLIGHT_PLAYGROUND_N_FIGURES];
  InflightRunPanel   *panel;
  GBindingGroup      *bindings;
  InflightScenario   *scenario;   /* the experiment's, edited live */
} InflightPlaygroundPane;

struct _InflightPlayground
{
  GtkWidget           parent_instance;

  InflightExperiment *experiment;
  GPtrArray          *panes;       /* of InflightPlaygroundPane, one per experiment pane */
  gulong              first_handler; /* the first pane's changes, shared when the service is */
  gboolean            left_running;
  guint               save_timeout;
  guint               split_idle;    /* the settings' share of the height, set after a layout */
  int                 split_height;  /* the size it was set for */
  int                 split_width;
  char               *error;
  GtkWidget          *row_labels[INFLIGHT_PLAYGROUND_N_PARAMS + 1];
  GtkWidget          *figure_labels[INFLIGHT_PLAYGROUND_N_FIGURES];

  GtkWidget          *box;
  GtkLabel           *title_label;
  GtkMenuButton      *presets_button;
  GtkMenuButton      *file_button;
  GtkButton          *run_button;
  GtkButton          *stop_button;
  GtkButton          *add_button;
  GtkSwitch          *same_switch;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkPaned           *paned;
  GtkGrid            *settings_grid;
  GtkScrolledWindow  *runs_scroll;
  GtkBox             *runs_box;
};

InflightPlaygroundPane *
inflight_playground_pane_new (InflightPlayground *self);
void
inflight_playground_pane_free (InflightPlaygroundPane *pane);
void
inflight_playground_pane_set_scenario (InflightPlaygroundPane *pane,
                                       InflightScenario       *scenario);
void
inflight_playground_pane_update (InflightPlaygroundPane *pane,
                                 guint                   index,
                                 gboolean                same_service,
                                 guint                   n_panes);
void
inflight_playground_pane_show_figures (InflightPlaygroundPane *pane);
void
inflight_playground_build_row_labels (InflightPlayground *self);
gboolean
inflight_playground_scenarios_equal (InflightScenario *a,
                                     InflightScenario *b);
void
inflight_playground_show_error (InflightPlayground *self,
                                const char         *message);
void
inflight_playground_save_soon (InflightPlayground *self);
void
inflight_playground_save_state (InflightPlayground *self);
void
inflight_playground_restore_state (InflightPlayground *self);
void
inflight_playground_copy (InflightPlayground *self);
void
inflight_playground_panes_changed (InflightPlayground *self);

G_END_DECLS
