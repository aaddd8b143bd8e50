/* inflight-diagram-private.h
 * What the files that draw the diagram share: a frame's state, the shapes they pass
 * between them, and the functions one part calls in another.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "inflight-diagram.h"
#include "inflight-diagram-index.h"
#include "inflight-diagram-layout.h"
#include "inflight-paint.h"

G_BEGIN_DECLS

#define BAR_WIDTH          14.0
#define BAR_GAP            2.0
#define COLUMN_PADDING     4.0
#define HEADER_BOX_TOP     6.0
#define HEADER_BOX_BOTTOM  36.0
#define HEADER_BOX_INSET   6.0
#define HEAD_LENGTH        8.0
#define HEAD_HALF_WIDTH    3.5
#define SELF_LOOP_WIDTH    22.0
#define SELF_LOOP_MIN      6.0
#define HATCH_SPACING      5.0
#define TICK_MIN_SPACING   50.0
#define LABEL_CELL         6.0
#define LABEL_PAD          1.5
#define DEFAULT_FLIGHT_US  (50 * 1000)
#define FIT_NO_RUN_US      (100 * 1000) /* the time axis before any run */
#define FIT_MIN_RUN_US     10           /* so that a run of no time at all still has an axis */
#define N_MESSAGE_KINDS    INFLIGHT_N_MESSAGE_KINDS
#define N_SPAN_KINDS       INFLIGHT_N_SPAN_KINDS
#define ATLAS_TEXT         "#0123456789.,:- abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define ATLAS_TEXT_SHORT   "#0123456789"
#define N_ATLAS            128
#define SPACING_HEADS      6.0    /* px between arrows of one kind below which heads are left out */
#define SPACING_MARKS      12.0   /* …and below which failures are told by their colour alone */
#define FINE_ARROWS_MAX    160    /* antialiased arrows in one frame, at most */
#define QUEUE_UNIT_MAX     6.0    /* px per queued request, at most */
#define FOOTER_CLIP_BELOW  6.0    /* how far below the time area what happened may be drawn */
#define LEGEND_SWATCH      14.0
#define MARK_SIZE          4.5    /* from a mark's centre to its diamond's corners */
#define LEGEND_GAP         16.0

/* How much of an arrow is drawn: less as arrows of its kind crowd together. */
typedef enum
{
  DETAIL_FULL,      /* antialiased line, head or moving dot, failure mark, label */
  DETAIL_COARSE,    /* aliased, one device pixel wide, merged with any arrow on the same pixels */
} Detail;

/* The colours an arrow can take. */
typedef enum
{
  INK_REQUEST,
  INK_REPLY,
  INK_ERROR,
  INK_OTHER,
  N_INKS
} Ink;

typedef struct
{
  double           x0, y0, x1, y1;   /* snapped to device pixels */
  InflightSpanKind kind;
  double           busy_us;          /* the time the spans merged into the box really cover */
} SpanBox;

/* Below this share of its height really covered, a merged box of work is drawn faded. */
#define FULLY_COVERED 0.95
/* The faintest a box of work is drawn, so that a sliver of work never vanishes. */
#define FAINTEST_WORK 0.12

typedef struct
{
  double   x0, y0;         /* where it left */
  double   x1, y1;         /* where it is now: its tip, or its head in flight */
  double   x_to;           /* where it arrives, or will */
  double   loop_x;         /* a message to its own lane loops out to here */
  guint    message;        /* its index in the snapshot */
  guint    from_lane;
  guint    to_lane;
  guint    request;
  Ink      ink;
  gboolean self;
  gboolean arrived;
  gboolean faded;
  gboolean dashed;
  gboolean moving;         /* in flight at the playhead: drawn with a dot */
  gboolean timeout;
  gboolean marked;         /* a failure with room for its cross or clock */
  gboolean hidden;         /* merged into another arrow on the same pixels */
  Detail   detail;
} Arrow;

/* ASCII characters laid out once per render, so that request numbers and times,
 * the most numerous texts, are drawn as glyphs in one call rather than one layout each. */
typedef struct
{
  cairo_scaled_font_t *font;
  unsigned long        index[N_ATLAS];
  double               advance[N_ATLAS];
  guint8               present[N_ATLAS];
  double               baseline;
  double               height;
} Atlas;

/* Crowded arrows of one colour between two lanes, all dy device rows tall:
 * a row is set where one of them starts. */
typedef struct
{
  guint    group;
  gboolean faded;
  int      dy;
  guint8  *rows;
} Band;

typedef struct _TextCache TextCache;

typedef struct
{
  cairo_t                     *cr;
  const InflightTraceSnapshot *snapshot;
  const InflightViewport      *viewport;
  const InflightDiagramStyle  *style;

  gint64                       playhead;
  gint64                       drawn_until;  /* MIN (playhead, t_end): later is never drawn */
  double                       lw;
  double                       top;          /* the time area */
  double                       bottom;
  double                       left;
  double                       right;
  guint                        n_lanes;
  double                       lane_width;

  /* User space to device space, to put lines on pixel centres. */
  InflightPixelGrid            grid;         /* where device pixels fall, to draw crisp */

  PangoLayout                 *layout;
  PangoFontDescription        *font;
  PangoFontDescription        *font_small;
  PangoFontDescription        *font_bold;
  PangoAttrList               *tabular;
  Atlas                        atlas;
  gboolean                     have_atlas;

  /* Where labels, headers and the legend go: made once for the snapshot and the viewport. */
  const InflightDiagramLayout *plan;
  gboolean                     aggregate;    /* too many messages to tell apart: see plan_aggregate() */

  const InflightDiagramIndex  *index;        /* what is known of the whole trace */
  InflightDiagramIndex        *own_index;    /* made for this frame, when the snapshot could not keep one */
  const guint                 *max_slot;     /* per lane, over the whole trace */
  double                      *lane_centre;  /* per lane: where its lifeline is */
  double                      *lane_reach;   /* per lane: how far its bars reach either side */

  GArray                      *bands;
  GHashTable                  *band_index;
  gsize                        band_rows;
  Detail                      *group_detail; /* per kind of arrow between two lanes */

  double                       y_per_us;     /* inflight_diagram_time_to_y(), inlined */

  /* Layers are kept only for an image drawn on whole device pixels. */
  gboolean                     can_cache;
  const char                  *font_key;     /* the fonts and the device, for the layers' keys */
  TextCache                   *cache;

  GArray                      *queue_labels;
} Render;

/* How many wait in a queue at the playhead, and where to say so. */
typedef struct
{
  guint  lane;
  int    depth;
  double x;
} QueueLabel;

static inline double
time_y (const Render *r,
        gint64        t)
{
  return r->top + (double) (t - r->viewport->t_start) * r->y_per_us;
}

/* Text set-up, kept per thread from one frame to the next: laying out the glyph atlas
 * costs more than much of a frame, and it changes only with the font and the device. */
typedef struct
{
  cairo_surface_t *surface;
  GByteArray      *key;      /* what it was drawn from: see layer_key_new() */
} Layer;

struct _TextCache
{
  PangoContext *context;
  PangoLayout  *layout;
  char         *key;
  Atlas         atlas;
  gboolean      have_atlas;

  /* What stays the same from frame to frame, drawn once onto an image and then copied:
   * the lane headers, and the legend. */
  Layer         backdrop;
  Layer         legend;

  /* Small pictures stamped many times a frame: marks, and the discs and symbols of failures. */
  Layer         mark_sprite;
  Layer         cross_sprite;
  Layer         clock_sprite;

  /* The placements of the last snapshots and viewports drawn, the latest first. */
  GQueue         plans;
};

/* What a crowded run shows instead of arrows: see inflight-diagram-aggregate.c. */
typedef enum
{
  AGGREGATE_IN_FLIGHT,   /* requests a caller awaits */
  AGGREGATE_QUEUE,       /* requests waiting in a queue */
  AGGREGATE_ARRIVALS,    /* replies reaching a caller, per row */
} AggregateLook;

typedef struct
{
  guint          lane;
  AggregateLook  look;
  int           *value;    /* per pixel row of the time area */
  int            most;
} AggregateCurve;

/* A label, placed: its box is what its halo covers. */
typedef struct
{
  InflightLabelBox box;
  double           text_x;
  double           text_y;
  double           room;       /* a mark's words are laid out this wide at most */
  gint64           shown_at;   /* drawn once the playhead is there */
  Ink              ink;
  gboolean         as_glyphs;
} PlacedLabel;

struct _InflightDiagramLayout
{
  /* What it was made for: a frame of anything else gets another. */
  InflightTraceSnapshot *snapshot;     /* a reference */
  InflightViewport       viewport;
  char                  *font_key;
  double                 lw;

  GArray                *labels;       /* of PlacedLabel: messages', then marks' */
  GArray                *boxes;        /* of InflightLabelBox: the same, for the public API */
  GArray                *obstacles;    /* of InflightLabelBox */
  GHashTable            *by_message;   /* message → 1 + its label's index */
  GHashTable            *nudges;       /* message → how far down its arrow is moved, in px */
  GPtrArray             *headers;      /* per column: what its header says */
  GPtrArray             *full_names;   /* per column: its whole name */
  GArray                *legend;       /* of InflightLegendEntry */
  guint                  legend_rows;
  gboolean               aggregate;
  GArray                *curves;       /* of AggregateCurve, when aggregate */
  guint                  rows;
  InflightTraceSnapshot *grouped;      /* what is drawn instead, its lanes grouped; or NULL */
};

typedef void (*SpriteDraw) (Render *r,
                            double  cx,
                            double  cy);

/* inflight-diagram.c */
gboolean render_begin       (Render                      *r,
                             cairo_t                     *cr,
                             const InflightTraceSnapshot *snapshot,
                             gint64                       playhead,
                             const InflightViewport      *viewport,
                             const InflightDiagramStyle  *style);
void     render_clear_bands (Render                      *r);
void     render_end         (Render                      *r);

/* inflight-diagram-layout.c */
const InflightDiagramLayout *plan_for_frame (Render                      *r);
void                         plan_clear     (GQueue                      *plans);
double                       plan_nudge     (const InflightDiagramLayout *plan,
                                             guint                        message);
gboolean                     boxes_meet     (const InflightLabelBox      *a,
                                             const InflightLabelBox      *b,
                                             double                       gap);

/* inflight-diagram-groups.c */
InflightTraceSnapshot *plan_groups (Render *r);

/* inflight-diagram-aggregate.c */
gboolean plan_aggregate        (Render                *r);
void     plan_aggregate_curves (Render                *r,
                                InflightDiagramLayout *plan);
void     draw_aggregate        (Render                *r);

/* inflight-diagram-paint.c */
extern const Ink kind_ink[N_MESSAGE_KINDS];   /* the colour of each kind of message */
InflightColor         mix          (const InflightColor        *a,
                                    const InflightColor        *b,
                                    double                      t);
const InflightColor  *ink_color    (const Render               *r,
                                    Ink                         ink);
void                  rounded_rect (cairo_t                    *cr,
                                    double                      x,
                                    double                      y,
                                    double                      w,
                                    double                      h,
                                    double                      radius);

/* inflight-diagram-glyphs.c */
void     layout_text   (Render                     *r,
                        const PangoFontDescription *font,
                        const char                 *text,
                        double                      width,
                        PangoAlignment              alignment,
                        gboolean                    tabular);
void     layout_size   (Render                     *r,
                        double                     *width,
                        double                     *height);
gboolean atlas_init    (Render                     *r);
double   atlas_measure (const Render               *r,
                        const char                 *text);
gboolean measure_small (Render                     *r,
                        const char                 *text,
                        double                     *width,
                        double                     *height);
void     atlas_append  (const Render               *r,
                        GArray                     *glyphs,
                        const char                 *text,
                        double                      x,
                        double                      y);
void     atlas_show    (Render                     *r,
                        GArray                     *glyphs,
                        const InflightColor        *color);
void     format_time   (char                       *out,
                        gsize                       len,
                        gint64                      t,
                        gint64                      quantum,
                        gboolean                    trim);

/* inflight-diagram-axis.c */
gint64   nice_step          (double        px_per_us,
                             double        min_px);
void     draw_grid          (Render       *r,
                             gint64        step);
void     draw_axis_labels   (Render       *r,
                             gint64        step);
gboolean playhead_visible   (const Render *r);
void     draw_playhead_line (Render       *r);
void     draw_playhead_pill (Render       *r,
                             gint64        step);

/* inflight-diagram-lanes.c */
double header_room    (double                 lane_width);
void   place_headers  (Render                *r,
                       InflightDiagramLayout *plan);
void   draw_headers   (Render                *r);
void   draw_lifelines (Render                *r);
void   bar_layout     (const Render          *r,
                       guint                  n_slots,
                       double                *bar,
                       double                *gap);
double lane_edge      (const Render          *r,
                       guint                  lane);

/* inflight-diagram-spans.c */
GArray *collect_spans (Render       *r);
void    draw_spans    (Render       *r,
                       const GArray *boxes);

/* inflight-diagram-messages.c */
GArray *collect_arrows  (Render       *r);
void    arrow_direction (const Arrow  *a,
                         double       *ux,
                         double       *uy);
double  head_length     (const Render *r);
void    add_arrow_line  (const Render *r,
                         const Arrow  *a);
void    add_arrow_head  (const Render *r,
                         const Arrow  *a);
void    draw_arrows     (Render       *r,
                         const GArray *arrows);

/* inflight-diagram-marks.c */
void     failure_mark_centre (const Render *r,
                              const Arrow  *a,
                              double        size,
                              double       *cx,
                              double       *cy);
gboolean has_failure_mark    (const Arrow  *a);
void     draw_failure_cross  (Render       *r,
                              double        cx,
                              double        cy);
void     draw_failure_clock  (Render       *r,
                              double        cx,
                              double        cy);
void     draw_mark_diamond   (Render       *r,
                              double        x,
                              double        y);
double   failure_mark_size   (const Render *r);
void     draw_failure_marks  (Render       *r,
                              const GArray *arrows);
void     draw_marks          (Render       *r);

/* inflight-diagram-labels.c */
void place_labels (Render                *r,
                   InflightDiagramLayout *plan,
                   GArray                *arrows);
void draw_labels  (Render                *r,
                   const GArray          *arrows);

/* inflight-diagram-queue.c */
void draw_queue_depth  (Render *r);
void draw_queue_labels (Render *r);

/* inflight-diagram-legend.c */
guint    legend_rows  (double                 width);
void     place_legend (Render                *r,
                       InflightDiagramLayout *plan);
void     draw_legend  (Render                *r);
double   footer_top   (const Render          *r);
gboolean has_footer   (const Render          *r);
void     draw_footer  (Render                *r,
                       TextCache             *cache);

/* inflight-diagram-layers.c */
void        layer_clear       (Layer        *layer);
gboolean    can_cache         (const Render *r);
GByteArray *layer_key_new     (const Render *r);
void        key_append_string (GByteArray   *key,
                               const char   *text);
void        layer_paint       (Render       *r,
                               Layer        *layer,
                               GByteArray   *key,
                               double        x,
                               double        y,
                               double        w,
                               double        h,
                               void        (*draw) (Render *r));
void        sprite_prepare    (Render       *r,
                               Layer        *sprite,
                               double        radius,
                               SpriteDraw    draw);
void        sprite_stamp      (Render       *r,
                               Layer        *sprite,
                               double        cx,
                               double        cy);
void        draw_backdrop     (Render       *r,
                               TextCache    *cache);

G_END_DECLS
