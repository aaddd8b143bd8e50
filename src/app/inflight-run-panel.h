/* inflight-run-panel.h
 * One experiment's run on screen: its title, its live diagram, and the run behind them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-code-pane.h"
#include "inflight-diagram-pane.h"
#include "inflight-metrics.h"
#include "inflight-scenario.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_RUN_PANEL (inflight_run_panel_get_type ())

G_DECLARE_FINAL_TYPE (InflightRunPanel, inflight_run_panel, INFLIGHT, RUN_PANEL, GtkWidget)

GtkWidget           *inflight_run_panel_new          (void);
void                 inflight_run_panel_set_title    (InflightRunPanel *self,
                                                      const char       *title);
const char          *inflight_run_panel_get_title    (InflightRunPanel *self);
void                 inflight_run_panel_set_scenario (InflightRunPanel *self,
                                                      InflightScenario *scenario);
InflightScenario    *inflight_run_panel_get_scenario (InflightRunPanel *self);
InflightDiagramPane *inflight_run_panel_get_pane     (InflightRunPanel *self);
gboolean             inflight_run_panel_run          (InflightRunPanel *self);
void                 inflight_run_panel_stop         (InflightRunPanel *self);
void                 inflight_run_panel_clear        (InflightRunPanel *self);
gboolean             inflight_run_panel_get_running  (InflightRunPanel *self);
gboolean             inflight_run_panel_get_result   (InflightRunPanel *self,
                                                      InflightMetrics  *metrics,
                                                      gboolean         *stopped);
InflightTrace       *inflight_run_panel_get_trace    (InflightRunPanel *self);
InflightScenario    *inflight_run_panel_get_ran      (InflightRunPanel *self);
void                 inflight_run_panel_show_recorded (InflightRunPanel      *self,
                                                      InflightScenario      *ran,
                                                      InflightTraceSnapshot *recorded);
InflightCodePane    *inflight_run_panel_get_code_pane (InflightRunPanel *self);
void                 inflight_run_panel_show_code    (InflightRunPanel *self,
                                                      gboolean          show);

G_END_DECLS
