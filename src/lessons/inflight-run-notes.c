/* inflight-run-notes.c
 * Sentences that explain a run's result to the learner, true to the run they describe.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-run-notes"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-run-notes.h"

/**
 * inflight_run_notes_out_of_order:
 *
 * Returns: (transfer full) (nullable): a sentence, with a leading space.
 */
char *
inflight_run_notes_out_of_order (guint out_of_order,
                                 guint jitter_pct)
{
  if (out_of_order == 0)
    return NULL;

  /* With no jitter every call is planned to take the same time, and they finish within a
   * hair of one another: which reply lands first is then up to how the system happens to
   * schedule the threads and timers that carry them. */
  if (jitter_pct == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         " %u came back out of order. Every call here was planned to take the "
                                         "same time, so they finished a hair apart, and which reply landed "
                                         "first came down to how the system scheduled its threads.",
                                         " %u came back out of order. Every call here was planned to take the "
                                         "same time, so they finished a hair apart, and which reply landed "
                                         "first came down to how the system scheduled its threads.",
                                         out_of_order),
                            out_of_order);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       " %u came back out of order: Jitter made some calls quicker than others.",
                                       " %u came back out of order: Jitter made some calls quicker than others.",
                                       out_of_order),
                          out_of_order);
}
