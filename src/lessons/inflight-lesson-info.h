/* inflight-lesson-info.h
 * What a lesson is made of, as each lesson's own file (lesson-NN-….c) spells it out; only
 * the lessons' files and inflight-lesson.c include this.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "inflight-lesson.h"

G_BEGIN_DECLS

/* A run's parameters; fields left at 0 keep the scenario's defaults (jitter, failure,
 * timeout and outage: none; chain depth: 1). */
typedef struct
{
  InflightStrategy strategy;
  guint            requests;
  guint            latency_ms;
  guint            workers;
  guint            jitter_pct;
  guint            failure_pct;
  guint            timeout_ms;
  guint            down_at_ms;
  guint            down_for_ms;
  guint            chain_depth;
  guint            seed;
  guint            await_after_ms;   /* futures: work before the first await */
  gboolean         continuation;     /* futures: reacted to by continuations, never awaited */
  gboolean         hangs;            /* in its outage window the service holds requests, unanswered */
} Preset;

typedef struct
{
  guint              number;
  const char        *title;
  const char        *body;              /* Pango markup; paragraphs are separated by a blank line */
  InflightLessonKind experiment;
  InflightControls   controls;
  Preset             preset;
  const char        *run_title;         /* names the run, when there are two */
  Preset             comparison;        /* COMPARE and SWEEP: the second run */
  const char        *comparison_title;
  const char        *prediction_prompt; /* asks for a guess of the total time, or NULL */
  InflightQuestion   questions[4];      /* prompt NULL after the last */
  const char        *takeaways[8];      /* SUMMARY: NULL after the last */
} InflightLessonInfo;

extern const InflightLessonInfo inflight_lesson_01;
extern const InflightLessonInfo inflight_lesson_02;
extern const InflightLessonInfo inflight_lesson_03;
extern const InflightLessonInfo inflight_lesson_04;
extern const InflightLessonInfo inflight_lesson_05;
extern const InflightLessonInfo inflight_lesson_06;
extern const InflightLessonInfo inflight_lesson_07;
extern const InflightLessonInfo inflight_lesson_08;
extern const InflightLessonInfo inflight_lesson_09;
extern const InflightLessonInfo inflight_lesson_10;
extern const InflightLessonInfo inflight_lesson_11;
extern const InflightLessonInfo inflight_lesson_12;
extern const InflightLessonInfo inflight_lesson_13;

/* Lesson 12's situations, each small enough to run both ways in well under two seconds, and
 * each checked by the measure that decides it. */
extern const InflightSortCard inflight_lesson_12_cards[];
extern const guint            inflight_lesson_12_n_cards;

G_END_DECLS
