/* inflight-code-pane.h
 * The code that ran, beside the diagram, with each thread's line lit at the playhead.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "inflight-code.h"
#include "inflight-sequence-view.h"

G_BEGIN_DECLS

#define INFLIGHT_TYPE_CODE_PANE (inflight_code_pane_get_type ())

G_DECLARE_FINAL_TYPE (InflightCodePane, inflight_code_pane, INFLIGHT, CODE_PANE, GtkWidget)

GtkWidget        *inflight_code_pane_new            (void);
void              inflight_code_pane_set_view       (InflightCodePane     *self,
                                                     InflightSequenceView *view);
void              inflight_code_pane_set_strategy   (InflightCodePane     *self,
                                                     InflightStrategy      strategy);
void              inflight_code_pane_set_language   (InflightCodePane     *self,
                                                     InflightLanguage      language);
InflightLanguage  inflight_code_pane_get_language   (InflightCodePane     *self);
void              inflight_code_pane_set_show_recording (InflightCodePane *self,
                                                     gboolean              show);
char             *inflight_code_pane_get_text       (InflightCodePane     *self);
const char       *inflight_code_pane_get_cursors    (InflightCodePane     *self);
gboolean          inflight_code_pane_activate_line  (InflightCodePane     *self,
                                                     guint                 line);

G_END_DECLS
