/* inflight-runs-layout.c
 * The layout of a lesson's runs: two side by side where both can be read, else one above the
 * other, never asking for more width than one run needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-runs-layout"

#include "config.h"

#include "inflight-runs-layout.h"

/* Two runs side by side need this much width each to be read; below it they stack. */
#define RUN_MIN_SIDE_BY_SIDE 360
#define RUNS_SPACING         6

static GtkSizeRequestMode
runs_request_mode_cb (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static guint
visible_runs (GtkWidget *widget,
              GtkWidget *runs[2])
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && n < 2;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      runs[n++] = child;
  return n;
}

static gboolean
side_by_side (guint n,
              int   width)
{
  return n == 2 && width >= 2 * RUN_MIN_SIDE_BY_SIDE + RUNS_SPACING;
}

/* The runs' box asks only for the width one run needs, so that two runs never widen the
 * window: given less than two runs can be read in, it puts them one above the other. */
static void
runs_measure_cb (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  GtkWidget *runs[2];
  guint n = visible_runs (widget, runs);
  gboolean across = orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 && side_by_side (n, for_size);

  *minimum = *natural = 0;
  for (guint i = 0; i < n; i++)
    {
      int child_for = across ? (for_size - RUNS_SPACING) / 2 : for_size;
      int child_min, child_nat;

      gtk_widget_measure (runs[i], orientation, child_for, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (i > 0 ? RUNS_SPACING : 0);
        }
      else if (across)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + (i > 0 ? RUNS_SPACING : 0);
          *natural += child_nat + (i > 0 ? RUNS_SPACING : 0);
        }
    }
}

static void
runs_allocate_cb (GtkWidget *widget,
                  int        width,
                  int        height,
                  int        baseline)
{
  GtkWidget *runs[2];
  guint n = visible_runs (widget, runs);
  gboolean across = side_by_side (n, width);

  for (guint i = 0; i < n; i++)
    {
      GtkAllocation area;

      if (n == 1)
        area = (GtkAllocation) { 0, 0, width, height };
      else if (across)
        {
          int half = (width - RUNS_SPACING) / 2;

          area = (GtkAllocation) { i * (half + RUNS_SPACING), 0, i == 0 ? half : width - half - RUNS_SPACING, height };
        }
      else
        {
          int half = (height - RUNS_SPACING) / 2;

          area = (GtkAllocation) { 0, i * (half + RUNS_SPACING), width, i == 0 ? half : height - half - RUNS_SPACING };
        }
      gtk_widget_size_allocate (runs[i], &area, -1);
    }
}

/**
 * inflight_runs_layout_new:
 *
 * Returns: (transfer full): a layout for a box of one or two runs
 */
GtkLayoutManager *
inflight_runs_layout_new (void)
{
  return gtk_custom_layout_new (runs_request_mode_cb, runs_measure_cb, runs_allocate_cb);
}
