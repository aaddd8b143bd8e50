/* lesson-12-choosing.c
 * Lesson 12, “Choosing”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_12 =
{
  12,
  N_("Choosing"),
  N_("Neither style wins everywhere. Stay <b>synchronous</b> when the next step needs the "
     "answer and the call is quick and local — checking a value, reading a setting, a small "
     "sum: the code stays short, and the wait costs next to nothing.\n\n"
     "Reach for <b>asynchronous</b> when the work is slow, far away or independent of what "
     "comes next: network calls, long jobs, anything that would freeze a window, or many "
     "calls that could be in flight together. The two mix well: push slow work nothing waits "
     "for, such as an email, off the <b>critical path</b>, the steps someone sits through.\n\n"
     "Keep the simple version until waiting is a problem you have measured. Sort each card: "
     "its calls then run both ways, for real, compared by what decides it — a frozen window, "
     "the total time, how long the caller was held, or whether the next line had its value."),
  INFLIGHT_LESSON_KIND_SORT,
  INFLIGHT_CONTROL_NONE,
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 1, .latency_ms = 0, .workers = 1 },
  .questions = {
    {
      N_("The program reads a setting from a small local file and uses it on the very next line. Which fits?"),
      {
        N_("Synchronous"),
        N_("Asynchronous"),
      },
      {
        N_("It is quick and local, and the next step cannot start without it."),
        N_("There is nothing to do while waiting, and the wait is tiny; async would only add complexity."),
      },
      0,
    },
    {
      N_("A web shop sends an order confirmation by email. Which fits?"),
      {
        N_("Synchronous, so the customer knows the email went out"),
        N_("Asynchronous: hand the message over and let the page carry on"),
      },
      {
        N_("The customer would stare at a spinner while a distant mail server takes its time."),
        N_("Nothing on the page needs the mail server’s answer, so there is no reason to wait for it."),
      },
      1,
    },
    {
      N_("When is it worth turning a working synchronous design into an asynchronous one?"),
      {
        N_("Always, as early as possible"),
        N_("When waiting has become a measured problem: a frozen window, slow pages, too little throughput"),
        N_("Never"),
      },
      {
        N_("Async has a real cost in complexity; paying it before it buys anything is a poor deal."),
        N_("Measure first, as you have been doing here, and change what the numbers point at."),
        N_("When the waiting really hurts, async is often the cure, as the earlier lessons showed."),
      },
      1,
    },
  },
};

/* Lesson 12's situations, each small enough to run both ways in well under two seconds, and
 * each checked by the measure that decides it. */
const InflightSortCard inflight_lesson_12_cards[] = {
  {
    N_("Check a form field as it is typed"),
    N_("The rule is local and takes a fraction of a millisecond."),
    FALSE,
    N_("The next step needs the answer, and it is instant: waiting costs nothing."),
    1, 1, INFLIGHT_CARD_MEASURE_NEXT_LINE,
  },
  {
    N_("Read a setting you need on the next line"),
    N_("The value sits in a small file on this computer, and what comes next depends on it."),
    FALSE,
    N_("Nothing useful can happen before the value is in, and the read is quick: a plain call is simplest."),
    1, 5, INFLIGHT_CARD_MEASURE_NEXT_LINE,
  },
  {
    N_("Add up a shopping basket"),
    N_("A handful of prices already in memory are summed for the total shown next."),
    FALSE,
    N_("A quick local computation has no wait worth hiding; making it asynchronous would only add code."),
    1, 2, INFLIGHT_CARD_MEASURE_NEXT_LINE,
  },
  {
    N_("Send a confirmation email"),
    N_("After an order, a mail server far away has to accept the message."),
    TRUE,
    N_("Nothing on the page needs the server’s answer. The email takes as long either way; what changes is that the caller is free at once."),
    1, 600, INFLIGHT_CARD_MEASURE_HELD,
  },
  {
    N_("Build a big monthly report"),
    N_("A desktop app gathers and sums a month of data, which takes a good while, and the person who asked goes on using the window."),
    TRUE,
    N_("Slow work that nobody needs this instant should not hold anyone up: start it, keep the window alive, and report back when it is done."),
    1, 800, INFLIGHT_CARD_MEASURE_FREEZE,
  },
  {
    N_("Fetch several web pages"),
    N_("A news reader loads six feeds from six different servers."),
    TRUE,
    N_("The six requests are independent, so they can all be in flight at once: about one latency instead of six."),
    6, 200, INFLIGHT_CARD_MEASURE_TOTAL,
  },
  {
    N_("Load photos while the window keeps scrolling"),
    N_("A photo viewer opens a folder while the user goes on scrolling and clicking."),
    TRUE,
    N_("A window must stay responsive: waiting on the UI thread would freeze it, so the loading goes on in the background."),
    4, 250, INFLIGHT_CARD_MEASURE_FREEZE,
  },
};

const guint inflight_lesson_12_n_cards = G_N_ELEMENTS (inflight_lesson_12_cards);
