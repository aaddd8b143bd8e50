/* inflight-lesson.h
 * One lesson of the course: its text, its experiment and presets, the controls it shows,
 * and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-scenario.h"

G_BEGIN_DECLS

/* Which controls a lesson shows. The accessible names are the ones in brackets. */
typedef enum
{
  INFLIGHT_CONTROL_NONE        = 0,
  INFLIGHT_CONTROL_LATENCY     = 1 << 0,   /* slider [Latency], ms */
  INFLIGHT_CONTROL_REQUESTS    = 1 << 1,   /* slider [Requests] */
  INFLIGHT_CONTROL_WORKERS     = 1 << 2,   /* slider [Workers] */
  INFLIGHT_CONTROL_JITTER      = 1 << 3,   /* slider [Jitter], % */
  INFLIGHT_CONTROL_FAILURE     = 1 << 4,   /* slider [Failure rate], % */
  INFLIGHT_CONTROL_TIMEOUT     = 1 << 5,   /* slider [Timeout], ms; 0 = wait forever */
  INFLIGHT_CONTROL_CHAIN       = 1 << 6,   /* slider [Chain depth] */
  INFLIGHT_CONTROL_DOWN        = 1 << 7,   /* toggle [Take the workers down], live during a run */
  INFLIGHT_CONTROL_AWAIT       = 1 << 8,   /* slider [Work before awaiting], ms */
  INFLIGHT_CONTROL_CALLER_DOWN = 1 << 9,   /* toggle [Take the caller down], live during a run */
} InflightControls;

/* What a lesson's page runs and shows beside its text. */
typedef enum
{
  INFLIGHT_LESSON_KIND_SINGLE,   /* one run, one diagram */
  INFLIGHT_LESSON_KIND_FREEZE,   /* one run that holds the UI thread: a warning first, the freeze measured after */
  INFLIGHT_LESSON_KIND_COMPARE,  /* two runs at once, side by side, on the same slider values */
  INFLIGHT_LESSON_KIND_SWEEP,    /* COMPARE, plus a chart of total time against workers 1–16, from real runs */
  INFLIGHT_LESSON_KIND_ORDERS,   /* one run, plus a histogram of reply orders over repeated seeded runs */
  INFLIGHT_LESSON_KIND_SORT,     /* cards to sort into synchronous or asynchronous, each checked by a run */
  INFLIGHT_LESSON_KIND_SUMMARY,  /* the takeaways and the learner's own results */
} InflightLessonKind;

#define INFLIGHT_MAX_CHOICES 4

/* A multiple-choice question, with an explanation for every answer, right or wrong. */
typedef struct
{
  const char *prompt;
  const char *choices[INFLIGHT_MAX_CHOICES];       /* NULL after the last */
  const char *explanations[INFLIGHT_MAX_CHOICES];  /* one per choice */
  guint       correct;                             /* index into choices */
} InflightQuestion;

/* What decides a sort card, measured on both runs (see inflight-card-check.h). */
typedef enum
{
  INFLIGHT_CARD_MEASURE_NEXT_LINE,  /* did the line after each call have the call's value? */
  INFLIGHT_CARD_MEASURE_HELD,       /* how long the caller was held before it could go on */
  INFLIGHT_CARD_MEASURE_FREEZE,     /* the longest freeze of the thread that made the calls */
  INFLIGHT_CARD_MEASURE_TOTAL,      /* from the first request to the last reply */
} InflightCardMeasure;

/* A situation for lesson 12 to sort; checked by running it both ways. */
typedef struct
{
  const char         *title;          /* "Check a form field as it is typed" */
  const char         *detail;         /* one sentence of context */
  gboolean            asynchronous;   /* the better choice */
  const char         *why;            /* why, shown once sorted */
  guint               requests;       /* the run that checks it */
  guint               latency_ms;
  InflightCardMeasure measure;        /* what the two runs are compared by */
} InflightSortCard;

#define INFLIGHT_LESSON_FIRST 1
#define INFLIGHT_LESSON_LAST  13

#define INFLIGHT_TYPE_LESSON (inflight_lesson_get_type ())

G_DECLARE_FINAL_TYPE (InflightLesson, inflight_lesson, INFLIGHT, LESSON, GObject)

GListModel             *inflight_lessons_get_all               (void);
InflightLesson         *inflight_lessons_find                  (guint           number);
const InflightSortCard *inflight_lessons_get_sort_cards        (guint          *n_cards);
guint                   inflight_lesson_get_number             (InflightLesson *self);
const char             *inflight_lesson_get_title              (InflightLesson *self);
const char             *inflight_lesson_get_body               (InflightLesson *self);
InflightControls        inflight_lesson_get_controls           (InflightLesson *self);
InflightLessonKind      inflight_lesson_get_experiment         (InflightLesson *self);
InflightScenario       *inflight_lesson_create_scenario        (InflightLesson *self);
InflightScenario       *inflight_lesson_create_comparison      (InflightLesson *self);
const char             *inflight_lesson_get_run_title          (InflightLesson *self);
const char             *inflight_lesson_get_comparison_title   (InflightLesson *self);
const char             *inflight_lesson_get_prediction_prompt  (InflightLesson *self);
guint                   inflight_lesson_get_n_questions        (InflightLesson *self);
const InflightQuestion *inflight_lesson_get_question           (InflightLesson *self,
                                                                guint           index);
const char * const     *inflight_lesson_get_takeaways          (InflightLesson *self);

guint inflight_lesson_sweep_workers_to (guint requests);

G_END_DECLS
