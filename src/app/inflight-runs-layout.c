/* inflight-runs-layout.c
 * The layout of runs shown together: side by side where all can be read, else in rows of as
 * many as can (two by two for four), else one above the other, never asking for more width
 * than one run needs.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-runs-layout"

#include "config.h"

#include "inflight-runs-layout.h"

/* Runs side by side need this much width each to be read; below it they wrap. */
#define RUN_MIN_SIDE_BY_SIDE 360
#define RUNS_SPACING         6
#define RUNS_MAX             4

static GtkSizeRequestMode
runs_request_mode_cb (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static guint
visible_runs (GtkWidget *widget,
              GtkWidget *runs[RUNS_MAX])
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && n < RUNS_MAX;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      runs[n++] = child;
  return n;
}

/* How many runs go in a row: all of them, else half of them (two by two), else one. */
static guint
columns_for (guint n,
             int   width)
{
  guint halves = (n + 1) / 2;

  if (n > 0 && width >= (int) (n * RUN_MIN_SIDE_BY_SIDE + (n - 1) * RUNS_SPACING))
    return n;
  if (halves > 1 && width >= (int) (halves * RUN_MIN_SIDE_BY_SIDE + (halves - 1) * RUNS_SPACING))
    return halves;
  return 1;
}

/* The box asks only for the width one run needs, so that more runs never widen the window:
 * given less than they can be read in side by side, it puts them in rows. */
static void
runs_measure_cb (GtkWidget      *widget,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  GtkWidget *runs[RUNS_MAX];
  guint n = visible_runs (widget, runs);
  guint columns = orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0 ? columns_for (n, for_size) : 1;
  int child_for = columns > 1 ? (for_size - (int) (columns - 1) * RUNS_SPACING) / (int) columns : for_size;
  int row_min = 0, row_nat = 0;

  *minimum = *natural = 0;
  for (guint i = 0; i < n; i++)
    {
      int child_min, child_nat;

      gtk_widget_measure (runs[i], orientation, child_for, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (i > 0 ? RUNS_SPACING : 0);
          continue;
        }

      /* Each row is as tall as its tallest run; the rows stack. */
      row_min = MAX (row_min, child_min);
      row_nat = MAX (row_nat, child_nat);
      if ((i + 1) % columns == 0 || i + 1 == n)
        {
          *minimum += row_min + (*minimum > 0 ? RUNS_SPACING : 0);
          *natural += row_nat + (*natural > 0 ? RUNS_SPACING : 0);
          row_min = row_nat = 0;
        }
    }
}

static void
runs_allocate_cb (GtkWidget *widget,
                  int        width,
                  int        height,
                  int        baseline)
{
  GtkWidget *runs[RUNS_MAX];
  guint n = visible_runs (widget, runs);
  guint columns = columns_for (n, width);
  guint rows = n > 0 ? (n + columns - 1) / columns : 1;
  int column_width = (width - (int) (columns - 1) * RUNS_SPACING) / (int) columns;
  int row_height = (height - (int) (rows - 1) * RUNS_SPACING) / (int) rows;

  for (guint i = 0; i < n; i++)
    {
      guint column = i % columns, row = i / columns;
      GtkAllocation area = {
        column * (column_width + RUNS_SPACING),
        row * (row_height + RUNS_SPACING),
        column + 1 == columns ? width - (int) column * (column_width + RUNS_SPACING) : column_width,
        row + 1 == rows ? height - (int) row * (row_height + RUNS_SPACING) : row_height,
      };

      gtk_widget_size_allocate (runs[i], &area, -1);
    }
}

/**
 * inflight_runs_layout_new:
 *
 * Returns: (transfer full): a layout for a box of one to four runs
 */
GtkLayoutManager *
inflight_runs_layout_new (void)
{
  return gtk_custom_layout_new (runs_request_mode_cb, runs_measure_cb, runs_allocate_cb);
}
