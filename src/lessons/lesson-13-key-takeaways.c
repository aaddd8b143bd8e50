/* lesson-13-key-takeaways.c
 * Lesson 13, “Key takeaways”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_13 =
{
  13,
  N_("Key takeaways"),
  N_("You have made real calls in every style this course covers, and held each one "
     "against its theory. Below are the main points, and beside them your own results "
     "from each lesson.\n\n"
     "If one idea stays with you, let it be the question from the very start: while a call "
     "is out, <b>does the caller wait, or carry on?</b> Speed, freezes, queues, callbacks "
     "and failures all follow from the answer.\n\n"
     "Any lesson can be opened again to run it with new values; your answers and results "
     "are kept."),
  INFLIGHT_LESSON_KIND_SUMMARY,
  INFLIGHT_CONTROL_NONE,
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 1, .latency_ms = 0, .workers = 1 },
  .questions = {
    {
      N_("Which one question sorts every kind of call in this course?"),
      {
        N_("How many threads does it use?"),
        N_("Does the caller wait for the reply, or carry on?"),
        N_("How fast is the network?"),
      },
      {
        N_("The event loop used one thread and still never waited, so threads do not decide it."),
        N_("Everything else in the course follows from that answer."),
        N_("The network sets the latency, but both styles face the same latency."),
      },
      1,
    },
    {
      N_("A program must fetch fifty independent web pages. Which approach suits it best?"),
      {
        N_("Blocking calls, one after another"),
        N_("Asynchronous calls, kept in flight together"),
        N_("Spreading a calculation over every core"),
      },
      {
        N_("That takes fifty latencies, nearly all of it spent waiting."),
        N_("The work is waiting, so overlapping the waits is what saves the time."),
        N_("There is little to compute here; the time goes to waiting for the servers."),
      },
      1,
    },
  },
  .takeaways = {
    N_("A synchronous call parks the caller until the reply: easy to follow, but n calls take about n × L."),
    N_("A blocking call on the UI thread freezes the window, so slow work belongs elsewhere."),
    N_("A waiting caller is only as fast and as available as what it waits on; a timeout bounds the wait but brings no answer."),
    N_("An asynchronous call lets the caller carry on, and calls in flight together take about as long as the slowest one."),
    N_("Callbacks, futures and queues all hand the result over later; a queue also rides out a worker’s outage."),
    N_("The price of async is complexity: replies in any order, nested callbacks and partial failure."),
    N_("Async means not waiting and parallel means computing at once on several cores; stay synchronous until waiting really hurts."),
  },
};
