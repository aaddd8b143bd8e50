/* lesson-03-blocking-is-synchronous.c
 * Lesson 3, “Blocking is synchronous”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_03 =
{
  3,
  N_("Blocking is synchronous"),
  N_("<b>Synchronous</b> and <b>blocking</b> name one behaviour from two sides: results "
     "arrive in step with the code that asked, because the caller is parked until they do.\n\n"
     "Which thread is parked matters. In a desktop app one thread, the <b>UI thread</b>, draws "
     "every frame and answers every click. If it makes a blocking call, the window is "
     "<b>frozen</b> until the reply.\n\n"
     "<b>Run</b> does that to this window, for at most three seconds, while a heartbeat timer "
     "on the UI thread tries to tick every few milliseconds; the longest silence between two "
     "beats is the freeze. Set <b>Requests</b> and <b>Latency</b>, guess, then compare.\n\n"
     "Click during the freeze: the clicks wait in line and reach the window all at once "
     "afterwards. Here Inflight counts them and lets them go, so the report stays on screen."),
  INFLIGHT_LESSON_KIND_FREEZE,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS,
  { INFLIGHT_STRATEGY_UI_BLOCKING, .requests = 3, .latency_ms = 500, .workers = 1 },
  .prediction_prompt = N_("How long will the window freeze while the UI thread makes three calls of 500 ms?"),
  .questions = {
    {
      N_("While the UI thread is blocked, you click a button. What happens?"),
      {
        N_("Another thread handles the click straight away"),
        N_("Nothing yet: the click waits until the UI thread is free again"),
        N_("The click cancels the call"),
      },
      {
        N_("In a GTK app, clicks are handled on the UI thread only, and that thread is parked."),
        N_("The click is queued and handled once the call returns, which is why a frozen app feels dead."),
        N_("The call knows nothing of the click: the thread that would notice it is the one that is stuck."),
      },
      1,
    },
    {
      N_("How do the words synchronous and blocking relate?"),
      {
        N_("They describe opposite behaviours"),
        N_("They describe the same behaviour: one from the results’ side, one from the caller’s"),
        N_("Blocking only happens on the UI thread"),
      },
      {
        N_("Both describe a caller that waits; the opposite of both is asynchronous."),
        N_("Results in step with the code, and a caller parked until they come, are one idea."),
        N_("Any thread can block; the UI thread is simply where it shows, as a frozen window."),
      },
      1,
    },
    {
      N_("How does the app know how long the window froze?"),
      {
        N_("It multiplies Requests by Latency"),
        N_("It looks for the longest gap between heartbeats that only a free UI thread can run"),
        N_("It asks the service how long it worked"),
      },
      {
        N_("That is the prediction. The measurement has to come from what really happened."),
        N_("The heartbeat cannot beat while the thread is parked, so the longest gap is the freeze."),
        N_("The service knows how long it worked, not whether the window could draw meanwhile."),
      },
      1,
    },
    {
      N_("Step through the run with the code pane open. Which thread makes the blocking call?"),
      {
        N_("The UI thread itself: its cursor sits on call_until, inside block_cb"),
        N_("A worker thread started for the call, so the window stays free"),
        N_("The service, which calls the window back"),
      },
      {
        N_("block_cb is a source on the UI thread’s own context, so the thread that draws the window is the one parked in the call."),
        N_("No thread is started for the call: the cursor labelled UI thread is the one on it, which is why nothing is drawn meanwhile."),
        N_("The service only answers; the cursor on the call belongs to the UI thread."),
      },
      0,
    },
  },
};
