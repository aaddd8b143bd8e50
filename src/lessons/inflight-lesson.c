/* inflight-lesson.c
 * The lessons, in the order of the article "Synchronous vs Asynchronous".
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-lesson.h"

/* A run's parameters; fields left at 0 keep the scenario's defaults (jitter, failure,
 * timeout and outage: none; chain depth: 1). */
typedef struct
{
  InflightStrategy strategy;
  guint            requests;
  guint            latency_ms;
  guint            workers;
  guint            jitter_pct;
  guint            failure_pct;
  guint            timeout_ms;
  guint            down_at_ms;
  guint            down_for_ms;
  guint            chain_depth;
  guint            seed;
  guint            await_after_ms;   /* futures: work before the first await */
  gboolean         continuation;     /* futures: reacted to by continuations, never awaited */
  gboolean         hangs;            /* in its outage window the service holds requests, unanswered */
} Preset;

typedef struct
{
  guint              number;
  const char        *title;
  const char        *body;              /* Pango markup; paragraphs are separated by a blank line */
  InflightExperiment experiment;
  InflightControls   controls;
  Preset             preset;
  const char        *run_title;         /* names the run, when there are two */
  Preset             comparison;        /* COMPARE and SWEEP: the second run */
  const char        *comparison_title;
  const char        *prediction_prompt; /* asks for a guess of the total time, or NULL */
  InflightQuestion   questions[3];      /* prompt NULL after the last */
  const char        *takeaways[8];      /* SUMMARY: NULL after the last */
} LessonInfo;

struct _InflightLesson
{
  GObject           parent_instance;

  const LessonInfo *info;
};

G_DEFINE_FINAL_TYPE (InflightLesson, inflight_lesson, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const LessonInfo lessons[] = {
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
    INFLIGHT_EXPERIMENT_SINGLE,
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
  },
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
    INFLIGHT_EXPERIMENT_SINGLE,
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
    },
  },
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
    INFLIGHT_EXPERIMENT_FREEZE,
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
    },
  },
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
    INFLIGHT_EXPERIMENT_COMPARE,
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
  },
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
    INFLIGHT_EXPERIMENT_SINGLE,
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
    },
  },
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
    INFLIGHT_EXPERIMENT_COMPARE,
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
    },
  },
  {
    7,
    N_("Message queues"),
    N_("A <b>message queue</b> puts a mailbox between the caller and the work. The caller "
       "drops each request in it and is free at once, outlined rather than hatched. "
       "<b>Workers</b> take requests from the other end, one at a time each, wait for the work "
       "and leave the reply in the caller’s own queue, taken in as it comes.\n\n"
       "Neither side needs to know the other. Requests nobody has taken yet wait their turn in "
       "the queue: watch it fill, then drain. The arrows to and from the queue run flat: a "
       "hand-off inside one program takes no measurable time, unlike a call over a network.\n\n"
       "Here a real queue feeds real worker threads. With <b>c</b> workers, <b>n</b> requests "
       "of latency <b>L</b> take about <b>n ÷ c</b> rounds, rounded up, of <b>L</b> each. Drag "
       "<b>Workers</b> and run again, then try <b>Requests</b> and <b>Latency</b>. When does one "
       "more worker stop helping?"),
    INFLIGHT_EXPERIMENT_SINGLE,
    INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_WORKERS,
    { INFLIGHT_STRATEGY_QUEUE, .requests = 8, .latency_ms = 300, .workers = 2 },
    .prediction_prompt = N_("How long will two workers take to clear eight requests of 300 ms?"),
    .questions = {
      {
        N_("Eight requests of 300 ms and two workers. About how long?"),
        {
          N_("About 300 ms"),
          N_("About 1.2 s"),
          N_("About 2.4 s"),
        },
        {
          N_("That would need eight workers, one for each request."),
          N_("Two at a time makes four rounds of 300 ms."),
          N_("That is one worker’s time. The second worker halves it."),
        },
        1,
      },
      {
        N_("Every worker is busy when a new request arrives. What happens to it?"),
        {
          N_("It is refused with an error"),
          N_("It waits in the queue until a worker is free"),
          N_("The caller blocks until a worker is free"),
        },
        {
          N_("Refusing is what a busy or absent service does to a direct call; a queue holds the request instead."),
          N_("The queue keeps it, in order, until a worker takes it."),
          N_("The caller has already moved on: dropping a request in the queue never waits for a worker."),
        },
        1,
      },
      {
        N_("With eight requests, you go from eight workers to sixteen. What changes?"),
        {
          N_("The run takes half as long"),
          N_("Almost nothing: every request already had a worker"),
          N_("It gets slower, because the workers get in each other’s way"),
        },
        {
          N_("Only eight requests exist, so eight of the sixteen workers find nothing to do."),
          N_("Beyond one worker per request, the total stays at about one latency."),
          N_("These workers spend their time waiting, not computing, so extra idle ones cost almost nothing."),
        },
        1,
      },
    },
  },
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
    INFLIGHT_EXPERIMENT_SWEEP,
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
  },
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
    INFLIGHT_EXPERIMENT_COMPARE,
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
  },
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
    INFLIGHT_EXPERIMENT_ORDERS,
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
    },
  },
  {
    11,
    N_("Async is not parallel"),
    N_("<b>Asynchronous</b> and <b>parallel</b> are easy to mix up, but they answer different "
       "questions. Asynchronous is about not sitting idle while something else works. "
       "Parallel is about doing several pieces of work at the same instant, on several "
       "processor <b>cores</b>.\n\n"
       "On the left one thread, an <b>event loop</b>, keeps every request in flight and is "
       "free meanwhile. On the right the job is pure computation: nothing waits, so async "
       "has nothing to save; sharing it among threads, as many as <b>Workers</b>, does. "
       "Those threads are plain blocking code: parallel, not asynchronous.\n\n"
       "The gain stops at this machine’s cores (the mark says how many): a thread with no "
       "core is drawn faint, waiting for one. <b>Workers</b> changes only the right; try it, "
       "<b>Requests</b> and <b>Latency</b>."),
    INFLIGHT_EXPERIMENT_COMPARE,
    INFLIGHT_CONTROL_LATENCY | INFLIGHT_CONTROL_REQUESTS | INFLIGHT_CONTROL_WORKERS,
    { INFLIGHT_STRATEGY_EVENT_LOOP, .requests = 8, .latency_ms = 150, .workers = 8 },
    N_("Waiting: one thread"),
    { INFLIGHT_STRATEGY_PARALLEL, .requests = 8, .latency_ms = 150, .workers = 8 },
    N_("Computing: threads"),
    N_("How long will one thread take to see eight calls of 150 ms through?"),
    {
      {
        N_("Which work does an event loop on a single thread speed up?"),
        {
          N_("Many calls that spend their time waiting for replies"),
          N_("A long calculation"),
          N_("Both equally"),
        },
        {
          N_("While one call waits, the same thread can start or finish others."),
          N_("A calculation keeps its thread busy all the way; there is no waiting to fill with other work."),
          N_("Only waiting can be overlapped on one thread; computing needs more cores."),
        },
        0,
      },
      {
        N_("On a computer with two cores, four threads share some pure computation. Compared with one thread, it is about…"),
        {
          N_("Four times as fast"),
          N_("Twice as fast"),
          N_("No faster"),
        },
        {
          N_("Only two threads can compute at any one instant; the other two wait for a core."),
          N_("The number of cores caps the speed-up, however many threads there are."),
          N_("Two cores really can compute at the same time, so splitting the work does help."),
        },
        1,
      },
      {
        N_("Eight threads each make a blocking call and wait for it. Is that code asynchronous?"),
        {
          N_("Yes: the calls overlap, so it must be"),
          N_("No: each thread waits for its own reply; the calls overlap because the threads run in parallel"),
        },
        {
          N_("Overlap can come from threads as well as from not waiting: each of these threads is a blocking caller."),
          N_("Blocking code on many threads is parallel without being asynchronous, just as the event loop is asynchronous on one thread."),
        },
        1,
      },
    },
  },
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
    INFLIGHT_EXPERIMENT_SORT,
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
  },
  {
    13,
    N_("Key takeaways"),
    N_("You have made real calls in every style this course covers, and held each one "
       "against its theory. Below are the main points, and beside them your own results "
       "from each lesson.\n\n"
       "If one idea stays with you, let it be the question from the very start: while a call "
       "is out, <b>does the caller wait, or carry on?</b> Speed, freezes, queues, callbacks "
       "and failures all follow from the answer.\n\n"
       "Any lesson can be opened again to run it with new values; your answers and results "
       "are kept."),
    INFLIGHT_EXPERIMENT_SUMMARY,
    INFLIGHT_CONTROL_NONE,
    { INFLIGHT_STRATEGY_BLOCKING, .requests = 1, .latency_ms = 0, .workers = 1 },
    .questions = {
      {
        N_("Which one question sorts every kind of call in this course?"),
        {
          N_("How many threads does it use?"),
          N_("Does the caller wait for the reply, or carry on?"),
          N_("How fast is the network?"),
        },
        {
          N_("The event loop used one thread and still never waited, so threads do not decide it."),
          N_("Everything else in the course follows from that answer."),
          N_("The network sets the latency, but both styles face the same latency."),
        },
        1,
      },
      {
        N_("A program must fetch fifty independent web pages. Which approach suits it best?"),
        {
          N_("Blocking calls, one after another"),
          N_("Asynchronous calls, kept in flight together"),
          N_("Spreading a calculation over every core"),
        },
        {
          N_("That takes fifty latencies, nearly all of it spent waiting."),
          N_("The work is waiting, so overlapping the waits is what saves the time."),
          N_("There is little to compute here; the time goes to waiting for the servers."),
        },
        1,
      },
    },
    .takeaways = {
      N_("A synchronous call parks the caller until the reply: easy to follow, but n calls take about n × L."),
      N_("A blocking call on the UI thread freezes the window, so slow work belongs elsewhere."),
      N_("A waiting caller is only as fast and as available as what it waits on; a timeout bounds the wait but brings no answer."),
      N_("An asynchronous call lets the caller carry on, and calls in flight together take about as long as the slowest one."),
      N_("Callbacks, futures and queues all hand the result over later; a queue also rides out a worker’s outage."),
      N_("The price of async is complexity: replies in any order, nested callbacks and partial failure."),
      N_("Async means not waiting and parallel means computing at once on several cores; stay synchronous until waiting really hurts."),
    },
  },
};

/* Lesson 12's situations, each small enough to run both ways in well under two seconds, and
 * each checked by the measure that decides it. */
static const InflightSortCard sort_cards[] = {
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

static void
inflight_lesson_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  InflightLesson *self = INFLIGHT_LESSON (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, inflight_lesson_get_number (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, inflight_lesson_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
inflight_lesson_class_init (InflightLessonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = inflight_lesson_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL,
                       INFLIGHT_LESSON_FIRST, INFLIGHT_LESSON_LAST, INFLIGHT_LESSON_FIRST,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
inflight_lesson_init (InflightLesson *self)
{
}

/**
 * inflight_lessons_get_all:
 *
 * Returns: (transfer none): every lesson that can be taken, in course order.
 */
GListModel *
inflight_lessons_get_all (void)
{
  static GListStore *store;

  if (g_once_init_enter (&store))
    {
      GListStore *s = g_list_store_new (INFLIGHT_TYPE_LESSON);

      for (guint i = 0; i < G_N_ELEMENTS (lessons); i++)
        {
          g_autoptr(InflightLesson) lesson = g_object_new (INFLIGHT_TYPE_LESSON, NULL);

          lesson->info = &lessons[i];
          g_list_store_append (s, lesson);
        }

      g_once_init_leave (&store, s);
    }

  return G_LIST_MODEL (store);
}

/**
 * inflight_lessons_find:
 *
 * Returns: (transfer full) (nullable): lesson @number, or %NULL if there is none.
 */
InflightLesson *
inflight_lessons_find (guint number)
{
  GListModel *all = inflight_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (all, i);

      if (lesson->info->number == number)
        return g_steal_pointer (&lesson);
    }

  return NULL;
}

guint
inflight_lesson_get_number (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->number;
}

const char *
inflight_lesson_get_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return _(self->info->title);
}

const char *
inflight_lesson_get_body (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return _(self->info->body);
}

InflightControls
inflight_lesson_get_controls (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->controls;
}

InflightExperiment
inflight_lesson_get_experiment (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);
  return self->info->experiment;
}

/**
 * inflight_lesson_sweep_workers_to:
 * @requests: the requests of the run a chart of total time against workers repeats
 *
 * Returns: the last worker count such a chart runs: past the point where every
 * request has a worker of its own, so that it shows where the curve stops
 * falling: half again as many workers as requests, at least 16.
 */
guint
inflight_lesson_sweep_workers_to (guint requests)
{
  return CLAMP (requests + requests / 2, 16, INFLIGHT_WORKERS_MAX);
}

static InflightScenario *
scenario_from_preset (const Preset *preset)
{
  InflightScenario *scenario = inflight_scenario_new (preset->strategy);

  inflight_scenario_set_requests (scenario, MAX (preset->requests, 1));
  inflight_scenario_set_latency_ms (scenario, preset->latency_ms);
  inflight_scenario_set_workers (scenario, MAX (preset->workers, 1));
  inflight_scenario_set_jitter_pct (scenario, preset->jitter_pct);
  inflight_scenario_set_failure_pct (scenario, preset->failure_pct);
  inflight_scenario_set_timeout_ms (scenario, preset->timeout_ms);
  inflight_scenario_set_down_at_ms (scenario, preset->down_at_ms);
  inflight_scenario_set_down_for_ms (scenario, preset->down_for_ms);
  inflight_scenario_set_chain_depth (scenario, MAX (preset->chain_depth, 1));
  inflight_scenario_set_seed (scenario, MAX (preset->seed, 1));
  inflight_scenario_set_hangs (scenario, preset->hangs);
  if (preset->strategy == INFLIGHT_STRATEGY_FUTURE)
    {
      inflight_scenario_set_await_after_ms (scenario, preset->await_after_ms);
      inflight_scenario_set_continuation (scenario, preset->continuation);
    }

  return scenario;
}

/**
 * inflight_lesson_create_scenario:
 *
 * Returns: (transfer full): a new scenario set to the lesson's preset.
 */
InflightScenario *
inflight_lesson_create_scenario (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  return scenario_from_preset (&self->info->preset);
}

/**
 * inflight_lesson_create_comparison:
 *
 * Returns: (transfer full) (nullable): the second run's scenario, for lessons
 * that run two side by side; %NULL for the others.
 */
InflightScenario *
inflight_lesson_create_comparison (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);

  if (self->info->experiment != INFLIGHT_EXPERIMENT_COMPARE &&
      self->info->experiment != INFLIGHT_EXPERIMENT_SWEEP)
    return NULL;

  return scenario_from_preset (&self->info->comparison);
}

static const char *
translate_or_null (const char *text)
{
  return text != NULL ? _(text) : NULL;
}

/**
 * inflight_lesson_get_run_title:
 *
 * Returns: (nullable): what the main run is called when there are two.
 */
const char *
inflight_lesson_get_run_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->run_title);
}

const char *
inflight_lesson_get_comparison_title (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->comparison_title);
}

/**
 * inflight_lesson_get_prediction_prompt:
 *
 * Returns: (nullable): the question that asks the learner to guess the
 * total time before the first run, or %NULL if the lesson asks for none.
 */
const char *
inflight_lesson_get_prediction_prompt (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return translate_or_null (self->info->prediction_prompt);
}

guint
inflight_lesson_get_n_questions (InflightLesson *self)
{
  guint n = 0;

  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), 0);

  while (n < G_N_ELEMENTS (self->info->questions) && self->info->questions[n].prompt != NULL)
    n++;

  return n;
}

/**
 * inflight_lesson_get_question:
 *
 * Returns: (transfer none): question @index; its strings are untranslated
 * (mark them with N_() and show them with _()).
 */
const InflightQuestion *
inflight_lesson_get_question (InflightLesson *self,
                              guint           index)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  g_return_val_if_fail (index < inflight_lesson_get_n_questions (self), NULL);

  return &self->info->questions[index];
}

/**
 * inflight_lesson_get_takeaways:
 *
 * Returns: (transfer none) (array zero-terminated=1): the lesson's takeaways,
 * untranslated; empty for most lessons.
 */
const char * const *
inflight_lesson_get_takeaways (InflightLesson *self)
{
  g_return_val_if_fail (INFLIGHT_IS_LESSON (self), NULL);
  return self->info->takeaways;
}

/**
 * inflight_lessons_get_sort_cards:
 *
 * Returns: (transfer none): the situations lesson 12 asks the learner to
 * sort; strings untranslated.
 */
const InflightSortCard *
inflight_lessons_get_sort_cards (guint *n_cards)
{
  g_return_val_if_fail (n_cards != NULL, NULL);

  *n_cards = G_N_ELEMENTS (sort_cards);
  return sort_cards;
}
