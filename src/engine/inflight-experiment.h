/* inflight-experiment.h
 * An experiment: one to four panes, each a scenario (its strategy and every parameter) and,
 * once run, the trace it recorded. It is what the playground edits, what a .inflight file
 * holds (a GKeyFile) and what --render can take; one loader and one validator for all.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "inflight-scenario.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

#define INFLIGHT_EXPERIMENT_MAX_PANES 4
#define INFLIGHT_EXPERIMENT_SUFFIX    ".inflight"
#define INFLIGHT_EXPERIMENT_MIME_TYPE "application/x-inflight-experiment"

/* Why a file was refused. Every message is one line that names the file and, where one is to
 * blame, its line: "slow.inflight:7: Latency is 20000 ms; it can be 0 to 10000 ms". */
#define INFLIGHT_EXPERIMENT_ERROR (inflight_experiment_error_quark ())

typedef enum
{
  INFLIGHT_EXPERIMENT_ERROR_READ,     /* the file could not be read */
  INFLIGHT_EXPERIMENT_ERROR_SYNTAX,   /* not a key file, or not an experiment */
  INFLIGHT_EXPERIMENT_ERROR_VALUE,    /* a value of the wrong type or out of its range */
  INFLIGHT_EXPERIMENT_ERROR_TRACE,    /* a recorded trace that cannot be true */
} InflightExperimentError;

GQuark inflight_experiment_error_quark (void);

#define INFLIGHT_TYPE_EXPERIMENT (inflight_experiment_get_type ())

G_DECLARE_FINAL_TYPE (InflightExperiment, inflight_experiment, INFLIGHT, EXPERIMENT, GObject)

/* An experiment of one pane: a blocking caller with the scenario's defaults. */
InflightExperiment    *inflight_experiment_new             (void);
InflightExperiment    *inflight_experiment_copy            (InflightExperiment *self);

guint                  inflight_experiment_get_n_panes     (InflightExperiment *self);
/* Returns: (transfer none): the pane's scenario, which the caller may change */
InflightScenario      *inflight_experiment_get_scenario    (InflightExperiment *self,
                                                            guint               pane);
/* Returns: (transfer none) (nullable): the pane's recorded run, if it has one */
InflightTraceSnapshot *inflight_experiment_get_trace       (InflightExperiment *self,
                                                            guint               pane);
void                   inflight_experiment_set_trace       (InflightExperiment    *self,
                                                            guint                  pane,
                                                            InflightTraceSnapshot *trace);
/* Adds a pane holding a copy of @scenario; returns its index, or -1 when there are already
 * INFLIGHT_EXPERIMENT_MAX_PANES. */
int                    inflight_experiment_add_pane        (InflightExperiment *self,
                                                            InflightScenario   *scenario);
/* Removes a pane; the last one is never removed. */
void                   inflight_experiment_remove_pane     (InflightExperiment *self,
                                                            guint               pane);

/* Returns: (nullable): the experiment's name, if it has one */
const char            *inflight_experiment_get_title       (InflightExperiment *self);
void                   inflight_experiment_set_title       (InflightExperiment *self,
                                                            const char         *title);

/* With "same service for all" on, every pane's service parameters (latency, jitter, workers,
 * failure rate, timeout, outage window and whether it hangs, seed) follow the first pane's;
 * only the strategy (and what only a strategy has, such as chain depth) stays each pane's own. */
gboolean               inflight_experiment_get_same_service (InflightExperiment *self);
void                   inflight_experiment_set_same_service (InflightExperiment *self,
                                                             gboolean            same);
/* Copies the first pane's service parameters to the others (what the switch keeps true). */
void                   inflight_experiment_share_service    (InflightExperiment *self);

/* Every pane's recorded run in one, lanes side by side; NULL unless every pane has one. */
InflightTraceSnapshot *inflight_experiment_side_by_side    (InflightExperiment *self);

/* The presets, by id: "slow-service", "flaky-service", "burst", "one-core-many-waits";
 * an id that is none of them has no title and makes no experiment (NULL). */
const char * const    *inflight_experiment_preset_ids      (void);
const char            *inflight_experiment_preset_title    (const char         *id);
InflightExperiment    *inflight_experiment_new_preset      (const char         *id);

/* The most a file may be, and the most events one pane's recorded run may hold. */
#define INFLIGHT_EXPERIMENT_MAX_FILE_SIZE (64 * 1024 * 1024)
#define INFLIGHT_EXPERIMENT_MAX_EVENTS    200000

/* Loading refuses anything damaged, truncated or hostile with one line naming @display_name,
 * the line and what is wrong. */
InflightExperiment    *inflight_experiment_load_data       (const char         *data,
                                                            gsize               length,
                                                            const char         *display_name,
                                                            GError            **error);
InflightExperiment    *inflight_experiment_load_file       (const char         *path,
                                                            GError            **error);
/* The experiment as a key file's text; with @with_traces, the panes' recorded runs too. */
char                  *inflight_experiment_to_data         (InflightExperiment *self,
                                                            gboolean            with_traces,
                                                            gsize              *length);
gboolean               inflight_experiment_save_file       (InflightExperiment *self,
                                                            const char         *path,
                                                            gboolean            with_traces,
                                                            GError            **error);

G_END_DECLS
