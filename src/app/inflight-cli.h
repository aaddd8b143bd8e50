/* inflight-cli.h
 * The command line: GApplication's options, checked before any window or display is needed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-diagram-export.h"
#include "inflight-experiment.h"
#include "inflight-scenario.h"

G_BEGIN_DECLS

/* Exit statuses, as the command line documents them. */
#define INFLIGHT_EXIT_OK      0
#define INFLIGHT_EXIT_FAILURE 1
#define INFLIGHT_EXIT_USAGE   2

typedef struct
{
  gboolean              version;
  guint                 lesson;     /* --lesson: the lesson to open, or whose preset to render; 0 if none */
  InflightScenario     *render;     /* --render: the run to draw, without a window */
  char                 *output;     /* --output: where to */
  InflightExportFormat  format;     /* …and as what, from its name */
  char                 *code;       /* --code: where to write the listing with its cursors, or NULL */
  InflightExperiment   *experiment; /* --render FILE.inflight: its panes, drawn side by side; @render is its first */
} InflightCliOptions;

gboolean inflight_cli_parse               (GVariantDict        *dict,
                                           InflightCliOptions  *options,
                                           GError             **error);
gboolean inflight_cli_parse_lesson        (GVariantDict        *dict,
                                           guint               *lesson,
                                           GError             **error);
char    *inflight_cli_describe_error      (const GError        *error);
void     inflight_cli_options_clear       (InflightCliOptions  *options);
int      inflight_cli_render              (InflightCliOptions  *options,
                                           GError             **error);
int      inflight_cli_main                (int                  argc,
                                           char               **argv);

G_END_DECLS
