/* lesson-11-async-is-not-parallel.c
 * Lesson 11, “Async is not parallel”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_11 =
{
  11,
  N_("Async is not parallel"),
  N_("<b>Asynchronous</b> and <b>parallel</b> are easy to mix up, but they answer different "
     "questions. Asynchronous is about not sitting idle while something else works. "
     "Parallel is about doing several pieces of work at the same instant, on several "
     "processor <b>cores</b>.\n\n"
     "On the left one thread, an <b>event loop</b>, keeps every request in flight and is "
     "free meanwhile. On the right the job is pure computation: nothing waits, so async "
     "has nothing to save; sharing it among threads, as many as <b>Workers</b>, does. "
     "Those threads are plain blocking code: parallel, not asynchronous.\n\n"
     "The gain stops at this machine’s cores (the mark says how many): a thread with no "
     "core is drawn faint, waiting for one. <b>Workers</b> changes only the right; try it, "
     "<b>Requests</b> and <b>Latency</b>."),
  INFLIGHT_LESSON_KIND_COMPARE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_WORKERS,
  { INFLIGHT_STRATEGY_EVENT_LOOP, .requests = 8, .latency_ms = 150, .workers = 8 },
  N_("Waiting: one thread"),
  { INFLIGHT_STRATEGY_PARALLEL, .requests = 8, .latency_ms = 150, .workers = 8 },
  N_("Computing: threads"),
  N_("How long will one thread take to see eight calls of 150 ms through?"),
  {
    {
      N_("Which work does an event loop on a single thread speed up?"),
      {
        N_("Many calls that spend their time waiting for replies"),
        N_("A long calculation"),
        N_("Both equally"),
      },
      {
        N_("While one call waits, the same thread can start or finish others."),
        N_("A calculation keeps its thread busy all the way; there is no waiting to fill with other work."),
        N_("Only waiting can be overlapped on one thread; computing needs more cores."),
      },
      0,
    },
    {
      N_("On a computer with two cores, four threads share some pure computation. Compared with one thread, it is about…"),
      {
        N_("Four times as fast"),
        N_("Twice as fast"),
        N_("No faster"),
      },
      {
        N_("Only two threads can compute at any one instant; the other two wait for a core."),
        N_("The number of cores caps the speed-up, however many threads there are."),
        N_("Two cores really can compute at the same time, so splitting the work does help."),
      },
      1,
    },
    {
      N_("Eight threads each make a blocking call and wait for it. Is that code asynchronous?"),
      {
        N_("Yes: the calls overlap, so it must be"),
        N_("No: each thread waits for its own reply; the calls overlap because the threads run in parallel"),
      },
      {
        N_("Overlap can come from threads as well as from not waiting: each of these threads is a blocking caller."),
        N_("Blocking code on many threads is parallel without being asynchronous, just as the event loop is asynchronous on one thread."),
      },
      1,
    },
    {
      N_("Open the code of each run. What do the cursors show?"),
      {
        N_("Both runs have eight threads, each on the same line"),
        N_("The event loop computes, on one thread, as fast as eight"),
        N_("One event-loop lane moves between calls and callbacks; in the parallel run each thread sits on its own computation"),
      },
      {
        N_("The event-loop run has one lane running code; only the parallel run starts threads."),
        N_("Its one thread keeps many waits in flight, but computes one thing at a time."),
        N_("Async keeps many waits going without threads; parallel needs a thread, and a core, for each computation."),
      },
      2,
    },
  },
};
