/* lesson-09-resilience.c
 * Lesson 9, “Resilience”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_09 =
{
  9,
  N_("Resilience"),
  N_("A direct call needs the caller and the service up at the same moment. If the service "
     "is down when the request arrives, the call fails.\n\n"
     "A queue loosens that bond. A request stays in the queue until a worker takes it, so a "
     "worker can stop for a while and nothing is lost: when it is back, it works through the "
     "<b>backlog</b>, and every reply arrives, only later.\n\n"
     "Both sides here do one request at a time; only the outage tells them apart. 0.4 s in, "
     "the service goes down for 0.9 s: on the left the requests wait in the queue, on the "
     "right the calls made meanwhile fail. <b>Take the workers down</b> does it by hand; "
     "<b>Latency</b> and <b>Requests</b> set the calls.\n\n"
     "A reply needs someone to take it, too. <b>Take the caller down</b> during a run: the "
     "queue’s caller finds its replies waiting when it is back, while the direct caller loses "
     "the reply it had coming and must make that call again."),
  INFLIGHT_LESSON_KIND_COMPARE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_DOWN |
    INFLIGHT_CONTROL_CALLER_DOWN,
  { INFLIGHT_STRATEGY_QUEUE, .requests = 8, .latency_ms = 200, .workers = 1,
    .down_at_ms = 400, .down_for_ms = 900 },
  N_("Through a queue"),
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 8, .latency_ms = 200, .workers = 1,
    .down_at_ms = 400, .down_for_ms = 900 },
  N_("Direct calls"),
  N_("How long will eight requests of 200 ms take through the queue, with the service down for 0.9 s?"),
  {
    {
      N_("The workers are down for a second. What happens to the requests put on the queue meanwhile?"),
      {
        N_("They fail at once"),
        N_("They wait in the queue and are done once the workers are back"),
        N_("They are lost"),
      },
      {
        N_("That is what happens to direct calls. The queue holds its requests instead of refusing them."),
        N_("The queue keeps them safe, and the workers catch up when they return."),
        N_("Nothing leaves the queue until a worker takes it, so an outage loses nothing."),
      },
      1,
    },
    {
      N_("Through the queue every request succeeded. What did the outage still cost?"),
      {
        N_("Nothing at all"),
        N_("Time: the replies came later, after the backlog was worked through"),
        N_("A few replies, which were dropped"),
      },
      {
        N_("Look at the total: the run lasted longer than it would have without the outage."),
        N_("A queue turns failures into delays, which is usually a far better trade."),
        N_("Every request got its reply; none was dropped."),
      },
      1,
    },
    {
      N_("Why do the direct calls fail so quickly while the service is down?"),
      {
        N_("The service refuses each request the moment it arrives, without doing any work"),
        N_("The caller’s timeout fires at once"),
        N_("The queue turns them away"),
      },
      {
        N_("The error only has to travel there and back, so it comes long before a full latency."),
        N_("No timeout is set here: the refusal comes from the service itself."),
        N_("Direct calls do not go through the queue at all; that is what makes them direct."),
      },
      0,
    },
  },
};
