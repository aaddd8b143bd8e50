/* lesson-01-asking-for-work.c
 * Lesson 1, “Asking for work”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_01 =
{
  1,
  N_("Asking for work"),
  N_("Hardly anything a program does happens inside the program alone. It opens a file, "
     "queries a database, asks a web service for today’s exchange rate. Each time, one part "
     "of it — the <b>caller</b> — sends a <b>request</b> to something else — the "
     "<b>callee</b> — and some time later a <b>reply</b> comes back.\n\n"
     "The diagram draws exactly that, to scale. Each participant has a <b>lane</b>, and time "
     "runs downwards. Arrows are messages: they slant because they really take time to "
     "arrive. A solid bar means computing, a hatched one waiting, an outlined one free.\n\n"
     "Press <b>Run</b> to make one real call, and watch what the caller does meanwhile. The "
     "service stands for a disk or a network far away, so it waits on the work too. "
     "<b>Latency</b> sets how long the whole round trip takes.\n\n"
     "This whole course turns on one question: <b>does the caller wait for the reply, or "
     "carry on?</b>"),
  INFLIGHT_LESSON_KIND_SINGLE,
  INFLIGHT_CONTROL_LATENCY,
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 1, .latency_ms = 800, .workers = 1 },
  .prediction_prompt = N_("How long will the caller wait for one call of 800 ms?"),
  .questions = {
    {
      N_("In the diagram, which participant is the callee?"),
      {
        N_("The one that sends the request"),
        N_("The one that receives the request and does the work"),
        N_("The arrow that brings the reply back"),
      },
      {
        N_("That is the caller: it asks, and the reply comes back to it."),
        N_("The callee is whatever is asked to do the work — here, the service."),
        N_("Arrows are messages travelling between participants, not participants themselves."),
      },
      1,
    },
    {
      N_("Why does the request arrow slant downwards instead of running straight across?"),
      {
        N_("Because the request takes real time to reach the service"),
        N_("Because the service has a lower priority than the caller"),
        N_("Only to make the diagram easier to read"),
      },
      {
        N_("Time runs down the page, so a message that needs time to arrive lands lower than where it left."),
        N_("Priority plays no part here; the slant shows time passing while the message travels."),
        N_("The slant is not decoration: it is drawn to scale, so a longer journey slants more."),
      },
      0,
    },
  },
};
