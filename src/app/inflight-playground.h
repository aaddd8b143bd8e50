/* inflight-playground.h
 * The playground: the learner's own experiment of one to four runs side by side.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-experiment.h"
#include "inflight-run-panel.h"

G_BEGIN_DECLS

/* The figures of each pane's result, in the order of the table's rows. */
typedef enum
{
  INFLIGHT_PLAYGROUND_MEASURED,
  INFLIGHT_PLAYGROUND_THEORY,
  INFLIGHT_PLAYGROUND_FAILED,
  INFLIGHT_PLAYGROUND_WAITING,
  INFLIGHT_PLAYGROUND_N_FIGURES,
} InflightPlaygroundFigure;

#define INFLIGHT_TYPE_PLAYGROUND (inflight_playground_get_type ())

G_DECLARE_FINAL_TYPE (InflightPlayground, inflight_playground, INFLIGHT, PLAYGROUND, GtkWidget)

GtkWidget          *inflight_playground_new              (void);
InflightExperiment *inflight_playground_get_experiment   (InflightPlayground *self);
gboolean            inflight_playground_set_experiment   (InflightPlayground *self,
                                                          InflightExperiment *experiment);
guint               inflight_playground_get_n_panes      (InflightPlayground *self);
gboolean            inflight_playground_add_pane         (InflightPlayground *self);
void                inflight_playground_remove_pane      (InflightPlayground *self,
                                                          guint               pane);
void                inflight_playground_set_same_service (InflightPlayground *self,
                                                          gboolean            same);
InflightRunPanel   *inflight_playground_get_panel        (InflightPlayground *self,
                                                          guint               pane);
GtkWidget          *inflight_playground_get_control      (InflightPlayground *self,
                                                          guint               pane,
                                                          const char         *property);
const char         *inflight_playground_get_figure       (InflightPlayground *self,
                                                          guint               pane,
                                                          InflightPlaygroundFigure figure);
void                inflight_playground_run              (InflightPlayground *self);
void                inflight_playground_stop             (InflightPlayground *self);
gboolean            inflight_playground_get_running      (InflightPlayground *self);
void                inflight_playground_enter            (InflightPlayground *self);
void                inflight_playground_leave            (InflightPlayground *self);
gboolean            inflight_playground_open_file        (InflightPlayground *self,
                                                          GFile              *file);
gboolean            inflight_playground_save_file        (InflightPlayground *self,
                                                          GFile              *file,
                                                          gboolean            with_runs,
                                                          GError            **error);
const char         *inflight_playground_get_error        (InflightPlayground *self);
GdkContentProvider *inflight_playground_create_content   (InflightPlayground *self);
void                inflight_playground_show_open_dialog (InflightPlayground *self);
void                inflight_playground_show_save_dialog (InflightPlayground *self);

G_END_DECLS
