/* lesson-08-throughput.c
 * Lesson 8, “Throughput”: its text, the runs it makes, the controls it shows and its questions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson-info.h"

const InflightLessonInfo inflight_lesson_08 =
{
  8,
  N_("Throughput"),
  N_("<b>Throughput</b> is how much work gets done per second. A blocking caller has one "
     "request out at a time, so its throughput is set by the latency alone: one reply every "
     "<b>L</b>, however idle the service is.\n\n"
     "An asynchronous caller keeps many requests <b>in flight</b> from a single thread, and "
     "handles each reply as it comes in, whichever comes first. The limit then moves to the "
     "service: how many requests it can work on at once, set here by <b>Workers</b>. Each of "
     "its slots is hatched while it holds a request: it waits on the work, it does not "
     "compute, so a slot costs next to nothing but room.\n\n"
     "Both runs use the same <b>Requests</b> and <b>Latency</b>. The chart then repeats the "
     "asynchronous run for real, from one worker to half again as many as there are "
     "requests, and draws its time over the theory; switch it to throughput, replies per "
     "second. Where does each curve level off, and why?"),
  INFLIGHT_LESSON_KIND_SWEEP,
  INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_WORKERS,
  { INFLIGHT_STRATEGY_BLOCKING, .requests = 16, .latency_ms = 150, .workers = 8 },
  N_("Blocking"),
  { INFLIGHT_STRATEGY_CALLBACK, .requests = 16, .latency_ms = 150, .workers = 8 },
  N_("Asynchronous"),
  N_("How long will sixteen blocking calls of 150 ms take?"),
  {
    {
      N_("A blocking caller makes sixteen calls. Does giving the service more workers speed it up?"),
      {
        N_("Yes, each extra worker saves time"),
        N_("No: it has only one request out at a time, so only one worker is ever busy"),
      },
      {
        N_("Extra workers only help if someone gives them work, and this caller sends the next request only after each reply."),
        N_("Its throughput is fixed by the latency, whatever the service could take."),
      },
      1,
    },
    {
      N_("Sixteen asynchronous calls of 150 ms, and the service has eight workers. About how long?"),
      {
        N_("About 150 ms"),
        N_("A little under 300 ms"),
        N_("About 2.4 s"),
      },
      {
        N_("That needs sixteen workers. With eight, half the requests wait for a free one."),
        N_("The service takes them in two goes of eight; the journeys overlap, so it is a bit less than two full latencies."),
        N_("That is the blocking total: sixteen calls one after another."),
      },
      1,
    },
    {
      N_("Sixteen requests: the throughput climbs in steps up to sixteen workers, then stays level up to twenty-four. Why does it stop climbing?"),
      {
        N_("At sixteen workers every request has one of its own, so a seventeenth finds nothing to do"),
        N_("The computer has run out of cores"),
        N_("The extra workers get in each other’s way"),
      },
      {
        N_("Throughput is replies over time: once all sixteen requests are worked on at once, the run takes one latency, and more workers cannot make it shorter. Only more requests, or faster calls, would."),
        N_("The service’s workers spend their time waiting, not computing, so cores are not what limits them here."),
        N_("These workers spend their time waiting, not computing, so idle ones cost next to nothing; the steps follow the rounds of requests."),
      },
      0,
    },
  },
};
