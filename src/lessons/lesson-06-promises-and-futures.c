/* lesson-06-promises-and-futures.c
 * Lesson 6, “Promises and futures”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_06 =
{
  6,
  N_("Promises and futures"),
  N_("A <b>future</b>, or <b>promise</b>, is another shape for a callback’s idea: the call "
     "returns at once with a placeholder for a result that does not exist yet, and the "
     "caller keeps it for later.\n\n"
     "When the code really needs the value, it <b>awaits</b> the future. If the reply came "
     "in meanwhile, the future is already <b>resolved</b> and the caller goes on without a "
     "pause; if not, it waits only for what is still missing. Here each call takes a little "
     "more or less than the latency, so the futures resolve one by one.\n\n"
     "On the left the caller starts every call, works for <b>Work before awaiting</b>, then "
     "awaits each result: drag it against <b>Latency</b> and find where awaiting stops "
     "costing anything, then try more <b>Requests</b>. On the right it never awaits: a "
     "<b>continuation</b> attached to each future runs as it resolves, and the caller is "
     "never blocked."),
  INFLIGHT_LESSON_KIND_COMPARE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_AWAIT,
  { INFLIGHT_STRATEGY_FUTURE, .requests = 4, .latency_ms = 600, .workers = 64, .await_after_ms = 300,
    .jitter_pct = 30, .seed = 6 },
  N_("Awaiting"),
  { INFLIGHT_STRATEGY_FUTURE, .requests = 4, .latency_ms = 600, .workers = 64, .await_after_ms = 300,
    .jitter_pct = 30, .seed = 6, .continuation = TRUE },
  N_("Continuations"),
  N_("How long will four futures of 600 ms take, with 300 ms of work before the first await?"),
  .questions = {
    {
      N_("What does a call that returns a future hand back straight away?"),
      {
        N_("The result"),
        N_("A placeholder that will hold the result once it arrives"),
        N_("An error, until the result arrives"),
      },
      {
        N_("The result cannot exist yet: the request has only just left."),
        N_("The caller keeps the placeholder and looks inside it when it needs the value."),
        N_("Nothing has gone wrong; the future is simply not resolved yet."),
      },
      1,
    },
    {
      N_("The caller awaits a future whose reply arrived a while ago. What happens?"),
      {
        N_("It gets the value at once, without waiting"),
        N_("It waits a full latency again"),
        N_("The request is sent a second time"),
      },
      {
        N_("The future is already resolved, so awaiting it costs nothing."),
        N_("The waiting already happened while the caller did other work; it is not repeated."),
        N_("A future stands for one call, made once; awaiting it only reads the result."),
      },
      0,
    },
    {
      N_("The caller attaches a continuation to each future instead of awaiting it. What changes?"),
      {
        N_("The replies arrive sooner"),
        N_("The caller is never blocked: each continuation runs when its future resolves"),
        N_("The calls are made one after another"),
      },
      {
        N_("The calls take just as long; only the caller's side changes."),
        N_("Nothing waits for a result: the code that needs it runs when it is there."),
        N_("The calls are still all in flight at once; what changes is how their results are met."),
      },
      1,
    },
    {
      N_("In the awaiting run, where is the caller’s cursor during a hatched stretch of its bar?"),
      {
        N_("On the for loop that starts every call"),
        N_("In on_resolved_cb, where a future is resolved"),
        N_("On the loop that iterates until futures[i].result is set: the await"),
      },
      {
        N_("The calls were all started before the caller did its own work; that loop is far behind."),
        N_("Resolving takes an instant, and the caller goes straight back to where it was."),
        N_("A future is awaited only when its result is needed, and only a result not yet there parks the caller there."),
      },
      2,
    },
  },
};
