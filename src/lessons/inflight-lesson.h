/* inflight-lesson.h
 * One lesson of the course: its text, its preset experiment and the controls it shows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-scenario.h"

G_BEGIN_DECLS

/* Which sliders a lesson shows. */
typedef enum
{
  INFLIGHT_CONTROL_NONE     = 0,
  INFLIGHT_CONTROL_LATENCY  = 1 << 0,
  INFLIGHT_CONTROL_REQUESTS = 1 << 1,
  INFLIGHT_CONTROL_WORKERS  = 1 << 2,
} InflightControls;

#define INFLIGHT_LESSON_FIRST 1
#define INFLIGHT_LESSON_LAST  13

#define INFLIGHT_TYPE_LESSON (inflight_lesson_get_type ())

G_DECLARE_FINAL_TYPE (InflightLesson, inflight_lesson, INFLIGHT, LESSON, GObject)

GListModel       *inflight_lessons_get_all        (void);
InflightLesson   *inflight_lessons_find           (guint           number);
guint             inflight_lesson_get_number      (InflightLesson *self);
const char       *inflight_lesson_get_title       (InflightLesson *self);
const char       *inflight_lesson_get_body        (InflightLesson *self);
InflightControls  inflight_lesson_get_controls    (InflightLesson *self);
InflightScenario *inflight_lesson_create_scenario (InflightLesson *self);

G_END_DECLS
