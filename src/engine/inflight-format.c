/* inflight-format.c
 * Durations as a learner reads them: "850 ms", "2.01 s".
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-format"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-format.h"

/**
 * inflight_format_duration:
 * @us: a duration in microseconds
 *
 * Returns: (transfer full): @us in milliseconds below a second, else in
 * seconds with two decimals.
 */
char *
inflight_format_duration (gint64 us)
{
  if (us < 0)
    us = 0;

  if (us < 10 * 1000)
    /* Translators: a duration in milliseconds, with one decimal */
    return g_strdup_printf (_("%.1f ms"), us / 1000.0);

  if (us < G_USEC_PER_SEC)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%.0f ms"), us / 1000.0);

  /* Translators: a duration in seconds, with two decimals */
  return g_strdup_printf (_("%.2f s"), us / (double) G_USEC_PER_SEC);
}
