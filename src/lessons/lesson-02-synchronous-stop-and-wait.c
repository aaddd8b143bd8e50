/* lesson-02-synchronous-stop-and-wait.c
 * Lesson 2, “Synchronous: stop and wait”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_02 =
{
  2,
  N_("Synchronous: stop and wait"),
  N_("A <b>synchronous</b> call is one the caller waits for, like a phone call: you ask, and "
     "stay on the line until the answer comes. Here the caller is a real thread, and while it "
     "waits it is <b>blocked</b>: parked by the system, using no processor time at all.\n\n"
     "Waiting has a real virtue: the code reads like a recipe. Steps happen in the order "
     "written, each result is there when the next line needs it, and a failure comes back as "
     "that very call’s answer. Raise <b>Failure rate</b>: each error is marked on the caller’s "
     "lane as its call returns, before the next request leaves.\n\n"
     "The bill comes with several calls. Each one starts only once the previous reply is in, "
     "so <b>n</b> calls of latency <b>L</b> take about <b>n × L</b>, and the caller spends "
     "nearly all of it doing nothing. Move <b>Requests</b> and <b>Latency</b>, run again, "
     "and hold the measured time against the prediction."),
  INFLIGHT_LESSON_KIND_SINGLE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_FAILURE,
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 5, .latency_ms = 400, .workers = 1 },
  .prediction_prompt = N_("How long will five calls of 400 ms take, one after another?"),
  .questions = {
    {
      N_("Five blocking calls of 400 ms each: about how long do they take together?"),
      {
        N_("About 400 ms"),
        N_("About 2 s"),
        N_("It depends on how many cores the computer has"),
      },
      {
        N_("That would need the calls to overlap, but each one starts only after the previous reply is in."),
        N_("One after another, five times 400 ms makes about two seconds."),
        N_("The caller spends the time waiting, not computing, so extra cores would have nothing to do."),
      },
      1,
    },
    {
      N_("What does the caller thread do while it waits for a reply?"),
      {
        N_("It checks for the reply over and over, as fast as it can"),
        N_("Nothing: it is parked and uses no processor time"),
        N_("It gets the next request ready in the background"),
      },
      {
        N_("That would be busy-waiting. A blocked thread is put to sleep instead, and woken when the reply arrives."),
        N_("The hatched bar is a thread asleep: no work, no processor time, just waiting."),
        N_("A blocked thread runs no code at all until its reply arrives; the next request waits its turn."),
      },
      1,
    },
    {
      N_("Which of these is a genuine strength of synchronous calls?"),
      {
        N_("They finish sooner than any other kind"),
        N_("The steps run in the order they are written, and an error shows up at the call that failed"),
        N_("The caller can serve someone else while it waits"),
      },
      {
        N_("They are usually the slowest way to make several calls, since nothing overlaps."),
        N_("Code that waits is easy to follow, and easy to debug when something goes wrong."),
        N_("A blocked caller can do nothing else at all until its reply comes back."),
      },
      1,
    },
    {
      N_("In the code pane, on which line is the caller thread’s cursor while its bar is hatched?"),
      {
        N_("On the line after the call, already using the reply"),
        N_("On the while loop that runs g_main_context_iteration until the reply is in"),
        N_("On no line at all: a blocked thread has left the code"),
      },
      {
        N_("That line runs only once the loop above it ends, and the loop ends only when the reply is in."),
        N_("The call has gone out and the thread sits in that loop, asleep in its context’s poll: the line that does not return."),
        N_("A blocked thread is still somewhere in its code; it is parked on the line that waits."),
      },
      1,
    },
  },
};
