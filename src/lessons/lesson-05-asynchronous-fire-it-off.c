/* lesson-05-asynchronous-fire-it-off.c
 * Lesson 5, “Asynchronous: fire it off”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_05 =
{
  5,
  N_("Asynchronous: fire it off"),
  N_("An <b>asynchronous</b> call does not wait. The caller sends the request, leaves a "
     "<b>callback</b> — a function to run once the reply is in — and goes straight on to "
     "whatever is next.\n\n"
     "Here the caller is the main loop itself. It sends every request at once and is then "
     "<b>free</b>: outlined, not hatched. It computes a little of its own — faint strokes, "
     "about a twentieth of the time — and runs each callback as its reply comes in.\n\n"
     "Because the calls overlap, <b>n</b> of them take about as long as the slowest one — "
     "close to <b>L</b>, not <b>n × L</b> — provided the service has room for them all at "
     "once. Count the arrows in flight, then raise <b>Requests</b> and see how little the "
     "total moves; raise <b>Latency</b> and see it move as much as one call."),
  INFLIGHT_LESSON_KIND_SINGLE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS,
  { INFLIGHT_STRATEGY_CALLBACK, .requests = 5, .latency_ms = 400, .workers = 64 },
  .prediction_prompt = N_("How long will five calls of 400 ms take when none of them waits?"),
  .questions = {
    {
      N_("Five asynchronous calls of 400 ms, and the service has room for all of them. About how long in total?"),
      {
        N_("About 400 ms"),
        N_("About 2 s"),
        N_("About 80 ms"),
      },
      {
        N_("The five calls are in flight together, so the run lasts about as long as one of them."),
        N_("That is the blocking total. Here no call waits for another to finish."),
        N_("Overlapping calls does not make any single call quicker: each still takes its full latency."),
      },
      0,
    },
    {
      N_("When does a callback run?"),
      {
        N_("As soon as the request is sent"),
        N_("On the caller’s main loop, once the reply has arrived"),
        N_("On the service, while it works on the request"),
      },
      {
        N_("At that point there is no reply yet to handle."),
        N_("The reply is handed back to the main loop, which runs the callback between two pieces of its other work."),
        N_("The callback belongs to the caller and runs on the caller’s side, after the service is done."),
      },
      1,
    },
    {
      N_("What is the caller doing while its requests are in flight?"),
      {
        N_("Waiting, just as a blocking caller would"),
        N_("Nothing it has to: it is free, and does other work whenever there is some"),
        N_("Sending the same requests again in case they got lost"),
      },
      {
        N_("Look at its lane: the bar is outlined, not hatched. It never stops to wait for a reply."),
        N_("Its lane is free, with slices of real work on it; a reply or a job can be taken up at any moment."),
        N_("Each request is sent once; the caller trusts the reply, or an error, to come back."),
      },
      1,
    },
    {
      N_("Pause while the replies come in. Where does the caller’s cursor go as each reply arrives?"),
      {
        N_("Back to the for loop that starts the calls"),
        N_("To a line that waits for the reply"),
        N_("Into on_reply_cb, the callback, and then back to its own work"),
      },
      {
        N_("Every call was started at once; the loop is long over by the time replies come."),
        N_("Nothing in this code waits: the caller never sits on a line for a reply."),
        N_("The main loop runs the callback when the reply is in; once it returns, the caller carries on where it was."),
      },
      2,
    },
  },
};
