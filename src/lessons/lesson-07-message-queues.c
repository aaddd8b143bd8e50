/* lesson-07-message-queues.c
 * Lesson 7, “Message queues”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_07 =
{
  7,
  N_("Message queues"),
  N_("A <b>message queue</b> puts a mailbox between the caller and the work. The caller "
     "drops each request in it and is free at once, outlined rather than hatched. "
     "<b>Workers</b> take requests from the other end, one at a time each, wait for the work "
     "and leave the reply in the caller’s own queue, taken in as it comes.\n\n"
     "Neither side needs to know the other. Requests nobody has taken yet wait their turn in "
     "the queue: watch it fill, then drain. The arrows to and from the queue run flat: a "
     "hand-off inside one program takes no measurable time, unlike a call over a network.\n\n"
     "Here a real queue feeds real worker threads. With <b>c</b> workers, <b>n</b> requests "
     "of latency <b>L</b> take about <b>n ÷ c</b> rounds, rounded up, of <b>L</b> each. Drag "
     "<b>Workers</b> and run again, then try <b>Requests</b> and <b>Latency</b>. When does one "
     "more worker stop helping?"),
  INFLIGHT_LESSON_KIND_SINGLE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_WORKERS,
  { INFLIGHT_STRATEGY_QUEUE, .requests = 8, .latency_ms = 300, .workers = 2 },
  .prediction_prompt = N_("How long will two workers take to clear eight requests of 300 ms?"),
  .questions = {
    {
      N_("Eight requests of 300 ms and two workers. About how long?"),
      {
        N_("About 300 ms"),
        N_("About 1.2 s"),
        N_("About 2.4 s"),
      },
      {
        N_("That would need eight workers, one for each request."),
        N_("Two at a time makes four rounds of 300 ms."),
        N_("That is one worker’s time. The second worker halves it."),
      },
      1,
    },
    {
      N_("Every worker is busy when a new request arrives. What happens to it?"),
      {
        N_("It is refused with an error"),
        N_("It waits in the queue until a worker is free"),
        N_("The caller blocks until a worker is free"),
      },
      {
        N_("Refusing is what a busy or absent service does to a direct call; a queue holds the request instead."),
        N_("The queue keeps it, in order, until a worker takes it."),
        N_("The caller has already moved on: dropping a request in the queue never waits for a worker."),
      },
      1,
    },
    {
      N_("With eight requests, you go from eight workers to sixteen. What changes?"),
      {
        N_("The run takes half as long"),
        N_("Almost nothing: every request already had a worker"),
        N_("It gets slower, because the workers get in each other’s way"),
      },
      {
        N_("Only eight requests exist, so eight of the sixteen workers find nothing to do."),
        N_("Beyond one worker per request, the total stays at about one latency."),
        N_("These workers spend their time waiting, not computing, so extra idle ones cost almost nothing."),
      },
      1,
    },
    {
      N_("Watch the workers’ cursors in the code pane. Where does a worker with nothing to do sit?"),
      {
        N_("On g_async_queue_pop, asleep until the caller’s g_async_queue_push hands it a request"),
        N_("On g_async_queue_push, putting its reply back"),
        N_("In a loop that checks the queue’s length over and over"),
      },
      {
        N_("The pop blocks the worker, not the caller: the caller pushes every request and moves on at once."),
        N_("The reply goes on the caller’s own queue after the work; an idle worker is on the pop."),
        N_("No worker polls here: g_async_queue_pop sleeps until there is something to take."),
      },
      0,
    },
  },
};
