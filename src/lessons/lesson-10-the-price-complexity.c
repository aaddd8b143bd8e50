/* lesson-10-the-price-complexity.c
 * Lesson 10, “The price: complexity”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_10 =
{
  10,
  N_("The price: complexity"),
  N_("Not waiting has a price, and the code pays it. The result is not there on the next "
     "line, so the work that needs it moves into a callback. When that work makes another "
     "call, callbacks nest inside callbacks: a <b>chain</b>. <b>Chain depth</b> sets how "
     "many calls each chain makes, one from the callback of the one before, and "
     "<b>Latency</b> how long each call takes.\n\n"
     "Replies also come back in whatever order they finish. Raise <b>Jitter</b> to make each "
     "call’s time vary, and watch the arrows cross: code that counted on replies in order "
     "would now be wrong. The histogram repeats the run many times and counts, for each run, how many replies came back out of order.\n\n"
     "Some calls fail while others succeed: a <b>partial failure</b>. The caller has to "
     "work out what did happen and what did not. Set <b>Failure rate</b> to see it, and "
     "notice that a chain stops at its first error."),
  INFLIGHT_LESSON_KIND_ORDERS,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_JITTER | INFLIGHT_CONTROL_FAILURE |
    INFLIGHT_CONTROL_CHAIN,
  { INFLIGHT_STRATEGY_CALLBACK, .requests = 5, .latency_ms = 300, .workers = 64,
    .jitter_pct = 60, .failure_pct = 10, .chain_depth = 2, .seed = 14 },
  .prediction_prompt = N_("How long will five chains of two 300 ms calls each take?"),
  .questions = {
    {
      N_("The replies came back in the order 4, 1, 5, 2, 3. What does that mean?"),
      {
        N_("Something went wrong in the program"),
        N_("Each call took a different time, so they finished in a different order from the one they started in"),
        N_("The service works on the newest request first"),
      },
      {
        N_("Nothing is broken: with jitter, replies in any order are normal, and the code has to expect them."),
        N_("Sent in order is not answered in order once each call takes its own time."),
        N_("The service starts them as they come; the order changes because some finish faster."),
      },
      1,
    },
    {
      N_("In a chain, the second call starts in the first call’s callback. The first call fails. What happens?"),
      {
        N_("The second call is never made, and the chain ends with the error"),
        N_("The second call starts anyway"),
        N_("The first call is retried by itself"),
      },
      {
        N_("The next step needed the first result, so the callback reports the error instead."),
        N_("It cannot: the second call needed what the first one would have returned."),
        N_("Nothing retries unless the code says so; deciding that is part of the extra work async brings."),
      },
      0,
    },
    {
      N_("Which of these is harder with callbacks than with blocking calls?"),
      {
        N_("Sending a request"),
        N_("Code that counts on the replies coming back in the order the requests went out"),
        N_("Choosing the latency"),
      },
      {
        N_("Sending is just as easy either way; the trouble starts when the answers come back."),
        N_("A blocking caller gets its replies in the order it asked. Each callback still knows its own request, but code that needs the replies in order has to put them back in order itself."),
        N_("Latency belongs to the service, not to the style of call."),
      },
      1,
    },
    {
      N_("With a chain of two calls, what does the code pane show when a first reply comes in?"),
      {
        N_("The caller goes back to its for loop to start the next call"),
        N_("The cursor goes from on_reply_cb into start_call: the next call starts inside the callback"),
        N_("The next call waits until every first reply is in"),
      },
      {
        N_("The for loop ran once, at the start; the rest of each chain is started elsewhere."),
        N_("Each step is nested in the callback of the step before: follow one request and you read several functions."),
        N_("Each chain goes on as soon as its own reply is in, whatever the others do."),
      },
      1,
    },
  },
};
