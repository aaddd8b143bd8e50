/* inflight-code.h
 * The code that ran: listed lines of the runners, the code points they stand for, and where
 * each lane's thread was in that code at a moment of the trace.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "inflight-scenario.h"
#include "inflight-trace.h"

G_BEGIN_DECLS

/* A place in a strategy's code that a thread reaches; recorded with inflight_trace_reach(). */
typedef enum
{
  INFLIGHT_CODE_NONE,
  INFLIGHT_CODE_CALL,        /* a request is sent */
  INFLIGHT_CODE_WAIT,        /* the thread is parked until the reply is there */
  INFLIGHT_CODE_RESULT,      /* the reply is taken in */
  INFLIGHT_CODE_CARRY_ON,    /* the caller goes on with work of its own */
  INFLIGHT_CODE_CALLBACK,    /* a reply calls the caller back */
  INFLIGHT_CODE_NEXT_CALL,   /* a callback makes the next call of a chain */
  INFLIGHT_CODE_AWAIT,       /* a future's result is needed now */
  INFLIGHT_CODE_RESOLVED,    /* a future is resolved */
  INFLIGHT_CODE_PUSH,        /* a request is put on the queue */
  INFLIGHT_CODE_POP,         /* a worker takes the next request off the queue */
  INFLIGHT_CODE_SERVE,       /* a worker does the request's work */
  INFLIGHT_CODE_PUSH_REPLY,  /* a worker puts the reply on the caller's queue */
  INFLIGHT_CODE_TAKE_REPLY,  /* the caller takes a reply off its queue */
  INFLIGHT_CODE_LOOP,        /* a thread runs its main loop */
  INFLIGHT_CODE_COMPUTE,     /* a thread computes */
  INFLIGHT_CODE_JOIN,        /* a thread waits for other threads to end */
  INFLIGHT_CODE_RETURN,      /* a callback returns: the thread is back where it was before it */
  INFLIGHT_CODE_N_POINTS
} InflightCodePoint;

typedef enum
{
  INFLIGHT_LANGUAGE_C,
  INFLIGHT_LANGUAGE_PYTHON,
  INFLIGHT_LANGUAGE_JAVASCRIPT,
  INFLIGHT_N_LANGUAGES
} InflightLanguage;

typedef enum
{
  INFLIGHT_LINE_CODE,
  INFLIGHT_LINE_COMMENT,
  INFLIGHT_LINE_BLANK,
  INFLIGHT_LINE_RECORDING,   /* writes the trace; shown dimmed, or folded away */
} InflightLineKind;

typedef struct
{
  char             *text;
  InflightLineKind  kind;
  guint             points;  /* the code points this line is, as bits 1 << point; 0 for none */
} InflightListingLine;

typedef struct
{
  InflightLanguage     language;
  InflightListingLine *lines;
  guint                n_lines;
} InflightListing;

/* Where a lane's thread is at a moment: its last code point reached, and whether it is parked. */
typedef struct
{
  InflightCodePoint point;
  guint             request;
  gint64            since;
  gboolean          blocked;
} InflightCodeCursor;

const char        *inflight_code_point_to_string   (InflightCodePoint           point);
gboolean           inflight_code_point_from_string (const char                 *name,
                                                    InflightCodePoint          *point);
const char        *inflight_language_to_string     (InflightLanguage            language);
const char        *inflight_language_get_title     (InflightLanguage            language);
const char        *inflight_listing_name           (InflightStrategy            strategy);
char              *inflight_listing_resource_path  (InflightStrategy            strategy,
                                                    InflightLanguage            language);

InflightListing   *inflight_listing_parse          (const char                 *text,
                                                    InflightLanguage            language);
InflightListing   *inflight_listing_load           (InflightStrategy            strategy,
                                                    InflightLanguage            language,
                                                    GError                    **error);
void               inflight_listing_free           (InflightListing            *listing);
int                inflight_listing_find_point     (const InflightListing      *listing,
                                                    InflightCodePoint           point);

gboolean           inflight_code_cursor_at         (const InflightTraceSnapshot *snapshot,
                                                    guint                       lane,
                                                    gint64                      at,
                                                    InflightCodeCursor         *cursor);
gboolean           inflight_code_next_reach        (const InflightTraceSnapshot *snapshot,
                                                    InflightCodePoint           point,
                                                    gint64                      after,
                                                    gint64                     *at,
                                                    guint                      *lane);
char              *inflight_code_cursor_describe   (const InflightTraceSnapshot *snapshot,
                                                    guint                       lane,
                                                    const InflightCodeCursor   *cursor);
char              *inflight_listing_render_text    (const InflightListing      *listing,
                                                    const InflightTraceSnapshot *snapshot,
                                                    gint64                      at,
                                                    gboolean                    show_recording);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InflightListing, inflight_listing_free)

G_END_DECLS
