/* inflight-card-check.h
 * Checks one of lesson 12's sort cards by running its calls both ways, for real, and
 * comparing the two runs by the measure that decides the card.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "inflight-lesson.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

/* The two ways a card is run: [0] waiting for each reply, [1] carrying on. */
#define INFLIGHT_CARD_WAITING     0
#define INFLIGHT_CARD_CARRYING_ON 1

typedef struct
{
  InflightCardMeasure measure;
  gint64              figures[2];    /* per way: µs, or for NEXT_LINE the calls whose next line had its value */
  guint               calls;         /* calls made each way */
  gint64              waited;        /* µs the waiting caller spent held, all calls together */
  gboolean            decided;       /* one way won by a clear margin */
  gboolean            asynchronous;  /* if decided: the way that won */
} InflightCardCheck;

void     inflight_card_check_async     (const InflightSortCard      *card,
                                        GCancellable                *cancellable,
                                        GAsyncReadyCallback          callback,
                                        gpointer                     user_data);
gboolean inflight_card_check_finish    (GAsyncResult                *result,
                                        InflightCardCheck           *check,
                                        GError                     **error);
void     inflight_card_check_decide    (InflightCardCheck           *check);
char    *inflight_card_check_describe  (const InflightCardCheck     *check);
guint    inflight_card_count_next_line (const InflightTraceSnapshot *snapshot,
                                        guint                       *calls,
                                        gint64                      *held);

G_END_DECLS
