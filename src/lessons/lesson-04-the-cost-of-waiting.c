/* lesson-04-the-cost-of-waiting.c
 * Lesson 4, “The cost of waiting”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_04 =
{
  4,
  N_("The cost of waiting"),
  N_("Waiting costs more than time. A caller that waits has tied itself to the callee: it "
     "goes no faster than the service, and its <b>availability</b> is only as good as that "
     "of whatever it waits on.\n\n"
     "Two runs start together. On the left, a <b>slow service</b>: every call takes the full "
     "<b>Latency</b>, and the caller sits through each one. On the right, the service "
     "<b>hangs</b> for its first 0.9 s: it takes the request and says nothing at all, and "
     "the caller, hatched, is stuck with it. A service that is down and says so at once is "
     "the easy case; a silent one is the hard one.\n\n"
     "A <b>timeout</b> is how a caller refuses to wait for ever: set <b>Timeout</b> below the "
     "latency and run again. The caller gives up, cancels the call and moves on — free "
     "sooner, though still without an answer."),
  INFLIGHT_LESSON_KIND_COMPARE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_TIMEOUT,
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 3, .latency_ms = 500, .workers = 1 },
  N_("Slow service"),
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 3, .latency_ms = 500, .workers = 1,
    .down_at_ms = 0, .down_for_ms = 900, .hangs = TRUE },
  N_("Service hangs"),
  N_("How long will three calls of 500 ms to the slow service keep the caller waiting?"),
  {
    {
      N_("Latency is 500 ms and Timeout is 200 ms. What happens to each call to the slow service?"),
      {
        N_("It waits the full 500 ms and succeeds"),
        N_("The caller gives up after 200 ms with a timeout error"),
        N_("The service speeds up to meet the deadline"),
      },
      {
        N_("Without a timeout it would. With one, the caller stops waiting long before the reply is ready."),
        N_("The caller waits 200 ms, then stops, cancels the call and goes on without a result."),
        N_("The service does not know about the caller’s deadline; only the caller stops waiting."),
      },
      1,
    },
    {
      N_("The service on the right hung for 0.9 s. What did its caller do meanwhile?"),
      {
        N_("It went on with its next call"),
        N_("Nothing: it waited for an answer that did not come"),
        N_("It got an error at once and moved on"),
      },
      {
        N_("A synchronous caller cannot move on: the line that made the call has not returned."),
        N_("The hatched bar covers the whole hang. Without a timeout, the caller is as stuck as the service."),
        N_("That is what a service that is down and says so does; a hung one says nothing, so there is nothing to move on from."),
      },
      1,
    },
    {
      N_("After a timeout, what does the caller have?"),
      {
        N_("The reply, only later"),
        N_("An error, and the freedom to decide what to do next"),
        N_("A guarantee that the service has stopped working on the request"),
      },
      {
        N_("A call that timed out never delivers its reply to the caller."),
        N_("It can retry, use a fallback or report the problem, instead of waiting for ever."),
        N_("Here the caller sends a cancel, but in general a service may go on working, unaware that nobody is waiting."),
      },
      1,
    },
  },
};
