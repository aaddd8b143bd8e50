/* inflight-progress.h
 * The learner's progress: lessons visited and completed, answers given, results measured.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INFLIGHT_NO_ANSWER ((gint) -1)
#define INFLIGHT_NO_GUESS  ((gint64) -1)

typedef struct
{
  gint64 guess;      /* µs, or INFLIGHT_NO_GUESS */
  gint64 theory;     /* µs */
  gint64 measured;   /* µs */
} InflightResult;

#define INFLIGHT_TYPE_PROGRESS (inflight_progress_get_type ())

G_DECLARE_FINAL_TYPE (InflightProgress, inflight_progress, INFLIGHT, PROGRESS, GObject)

InflightProgress *inflight_progress_new           (GSettings        *settings);
gboolean          inflight_progress_is_visited    (InflightProgress *self,
                                                   guint             lesson);
gboolean          inflight_progress_is_completed  (InflightProgress *self,
                                                   guint             lesson);
void              inflight_progress_mark_visited  (InflightProgress *self,
                                                   guint             lesson);
void              inflight_progress_mark_completed (InflightProgress *self,
                                                   guint             lesson);
gint              inflight_progress_get_answer    (InflightProgress *self,
                                                   guint             lesson,
                                                   guint             question);
void              inflight_progress_set_answer    (InflightProgress *self,
                                                   guint             lesson,
                                                   guint             question,
                                                   guint             choice);
gboolean          inflight_progress_get_result    (InflightProgress *self,
                                                   guint             lesson,
                                                   InflightResult   *result);
void              inflight_progress_set_result    (InflightProgress *self,
                                                   guint             lesson,
                                                   const InflightResult *result);
void              inflight_progress_reset         (InflightProgress *self);
gint              inflight_progress_get_choice    (InflightProgress *self,
                                                   guint             lesson,
                                                   const char       *key);
void              inflight_progress_set_choice    (InflightProgress *self,
                                                   guint             lesson,
                                                   const char       *key,
                                                   guint             choice);
const char       *inflight_progress_get_values    (InflightProgress *self,
                                                   guint             lesson);
void              inflight_progress_set_values    (InflightProgress *self,
                                                   guint             lesson,
                                                   const char       *values);
gboolean          inflight_progress_get_run       (InflightProgress *self,
                                                   guint             lesson,
                                                   const char      **values,
                                                   const char      **measured,
                                                   const char      **theory,
                                                   const char      **detail);
void              inflight_progress_set_run       (InflightProgress *self,
                                                   guint             lesson,
                                                   const char       *values,
                                                   const char       *measured,
                                                   const char       *theory,
                                                   const char       *detail);
guint             inflight_progress_count_completed (InflightProgress *self);

G_END_DECLS
