/* inflight-call-plan.c
 * How one call will go, drawn before it is made: how long the request travels, how long the
 * work takes and the reply travels back, each stretched or shrunk by the jitter, and whether
 * it fails. A pure function of the seed and the request's number, so that a run can be
 * repeated, and the theory and the tests can know the plan in advance.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-call-plan"

#include "config.h"

#include "inflight-service.h"

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* A uniform number in [0, 1). */
static double
uniform (guint64 *state)
{
  return (splitmix64 (state) >> 11) * (1.0 / 9007199254740992.0);
}

/* One part of the latency, stretched or shrunk by up to the jitter. */
static gint64
jittered (guint64 *state,
          double   base_us,
          guint    jitter_pct)
{
  double factor = 1.0 + (jitter_pct / 100.0) * (2.0 * uniform (state) - 1.0);

  return (gint64) (base_us * MAX (factor, 0.0));
}

/**
 * inflight_call_plan_draw:
 *
 * Draws how request @request will go. The same seed and request number
 * always give the same plan, in whatever order requests are made.
 */
void
inflight_call_plan_draw (InflightCallPlan *plan,
                         guint             seed,
                         guint             request,
                         guint             latency_ms,
                         guint             jitter_pct,
                         guint             failure_pct)
{
  guint64 state = ((guint64) seed << 32) ^ request;
  double latency_us = latency_ms * 1000.0;

  g_return_if_fail (plan != NULL);

  plan->transit_in = jittered (&state, latency_us * INFLIGHT_TRANSIT_SHARE, jitter_pct);
  plan->work = jittered (&state, latency_us * (1.0 - 2 * INFLIGHT_TRANSIT_SHARE), jitter_pct);
  plan->transit_out = jittered (&state, latency_us * INFLIGHT_TRANSIT_SHARE, jitter_pct);
  plan->fails = uniform (&state) * 100.0 < failure_pct;
}

/**
 * inflight_call_plan_total:
 *
 * Returns: the whole latency of the planned call, in µs.
 */
gint64
inflight_call_plan_total (const InflightCallPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->transit_in + plan->work + plan->transit_out;
}
