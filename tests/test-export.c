/* test-export.c
 * Export: a real run of every strategy written as PNG, SVG and PDF, and each file read back.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "inflight-diagram-export.h"
#include "inflight-enums.h"
#include "inflight-test-util.h"

#define MS ((gint64) 1000)

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("inflight-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static InflightTraceSnapshot *
run_strategy (InflightStrategy strategy)
{
  g_autoptr(InflightScenario) scenario = inflight_scenario_new (strategy);
  g_autoptr(GError) error = NULL;
  InflightTraceSnapshot *snapshot;

  inflight_scenario_set_requests (scenario, 4);
  inflight_scenario_set_latency_ms (scenario, 40);
  inflight_scenario_set_workers (scenario, 2);
  inflight_scenario_set_jitter_pct (scenario, 20);
  inflight_scenario_set_failure_pct (scenario, 25);
  inflight_scenario_set_seed (scenario, 3);

  snapshot = inflight_test_run (scenario, 0, &error);
  g_assert_no_error (error);
  g_assert_true (snapshot->finished);
  g_assert_cmpuint (snapshot->n_lanes, >, 0);

  return snapshot;
}

static void
write_export (InflightExport       *export,
              const char           *path,
              InflightExportFormat  format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (inflight_export_write (export, file, format, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
check_png (const char *path,
           int         width,
           int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  const guchar *data;
  guint32 first;
  gboolean varied = FALSE;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);

  /* Something was drawn: not one flat colour. */
  data = cairo_image_surface_get_data (surface);
  first = *(const guint32 *) (const void *) data;
  for (int y = 0; y < height && !varied; y++)
    for (int x = 0; x < width && !varied; x++)
      varied = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x) != first;
  g_assert_true (varied);

  cairo_surface_destroy (surface);
}

typedef struct
{
  guint    depth;
  gboolean saw_svg_root;
  guint    elements;
} SvgCheck;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgCheck *check = user_data;

  if (check->depth == 0 && g_str_equal (element, "svg"))
    check->saw_svg_root = TRUE;
  check->depth++;
  check->elements++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgCheck *check = user_data;

  check->depth--;
}

static void
check_svg (const char *path)
{
  const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  SvgCheck check = { 0 };
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);

  g_assert_true (check.saw_svg_root);
  g_assert_cmpuint (check.depth, ==, 0);
  g_assert_cmpuint (check.elements, >, 10);
}

static void
check_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strrstr_len (contents + length - MIN (length, 64), MIN (length, 64), "%%EOF"));
}

static void
test_strategy (Fixture       *fixture,
               gconstpointer  data)
{
  InflightStrategy strategy = GPOINTER_TO_INT (data);
  g_autoptr(InflightTraceSnapshot) snapshot = NULL;
  g_autoptr(InflightExport) whole = NULL;
  g_autoptr(InflightExport) view = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport, zoomed = { 700, 420, 0, 0 };
  const char *name = inflight_strategy_to_string (strategy);
  g_autofree char *png = g_strdup_printf ("%s/%s.png", fixture->dir, name);
  g_autofree char *svg = g_strdup_printf ("%s/%s.svg", fixture->dir, name);
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", fixture->dir, name);
  g_autofree char *view_png = g_strdup_printf ("%s/%s-view.png", fixture->dir, name);
  gint64 end;

  if (!inflight_strategy_is_runnable (strategy))
    {
      g_test_skip ("this strategy cannot be run yet");
      return;
    }

  snapshot = run_strategy (strategy);
  end = inflight_trace_snapshot_end_time (snapshot);
  inflight_diagram_style_init_light (&style);

  /* The whole run, in every format. */
  inflight_export_whole_run (snapshot, &viewport);
  g_assert_cmpfloat (viewport.width, >=, 640);
  g_assert_cmpint (viewport.t_end, >=, end);
  whole = inflight_export_new (snapshot, end, &viewport, &style);
  write_export (whole, png, INFLIGHT_EXPORT_PNG);
  write_export (whole, svg, INFLIGHT_EXPORT_SVG);
  write_export (whole, pdf, INFLIGHT_EXPORT_PDF);
  check_png (png, (int) viewport.width, (int) viewport.height);
  check_svg (svg);
  check_pdf (pdf);

  /* The current view: its own size and its part of the run only. */
  zoomed.t_start = end / 4;
  zoomed.t_end = end / 2 + 1;
  view = inflight_export_new (snapshot, end / 2, &zoomed, &style);
  write_export (view, view_png, INFLIGHT_EXPORT_PNG);
  check_png (view_png, 700, 420);

  inflight_diagram_style_clear (&style);
}

static void
test_format_names (void)
{
  InflightExportFormat format = INFLIGHT_EXPORT_SVG;

  g_assert_true (inflight_export_format_for_name ("a/b/diagram.PNG", &format));
  g_assert_cmpint (format, ==, INFLIGHT_EXPORT_PNG);
  g_assert_true (inflight_export_format_for_name ("run.svg", &format));
  g_assert_cmpint (format, ==, INFLIGHT_EXPORT_SVG);
  g_assert_true (inflight_export_format_for_name ("run.Pdf", &format));
  g_assert_cmpint (format, ==, INFLIGHT_EXPORT_PDF);
  g_assert_false (inflight_export_format_for_name ("run.txt", &format));
  g_assert_false (inflight_export_format_for_name ("png", &format));
  g_assert_false (inflight_export_format_for_name ("dir.png/run", &format));
  g_assert_cmpstr (inflight_export_format_suffix (INFLIGHT_EXPORT_PDF), ==, ".pdf");
}

static InflightTraceSnapshot *
make_small_trace (void)
{
  g_autoptr(InflightTrace) trace = inflight_trace_new ();

  inflight_trace_add_lane (trace, INFLIGHT_LANE_CALLER, "Caller");
  inflight_trace_add_lane (trace, INFLIGHT_LANE_SERVICE, "Service");
  inflight_trace_append_span (trace, 0, 0, INFLIGHT_SPAN_WAITING, 0, 300 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REQUEST, 0, 1, 0, 100 * MS);
  inflight_trace_append_message (trace, 1, INFLIGHT_MESSAGE_REPLY, 1, 0, 200 * MS, 300 * MS);
  inflight_trace_set_duration (trace, 300 * MS);

  return inflight_trace_snapshot (trace);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_small_trace ();
  g_autoptr(InflightExport) export = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "run.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;

  inflight_diagram_style_init_dark (&style);
  inflight_export_whole_run (snapshot, &viewport);
  export = inflight_export_new (snapshot, 300 * MS, &viewport, &style);
  inflight_diagram_style_clear (&style);

  /* A folder that does not exist: a clear error naming the file, and no file. */
  g_assert_false (inflight_export_write (export, file, INFLIGHT_EXPORT_PNG, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "run.png"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (!inflight_export_write_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(InflightTraceSnapshot) snapshot = make_small_trace ();
  g_autofree char *path = g_build_filename (fixture->dir, "async.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *result = NULL;
  InflightDiagramStyle style = { 0 };
  InflightViewport viewport;

  inflight_diagram_style_init_light (&style);
  inflight_export_whole_run (snapshot, &viewport);
  inflight_export_write_async (inflight_export_new (snapshot, 300 * MS, &viewport, &style),
                               file, INFLIGHT_EXPORT_PDF, NULL, write_done_cb, &result);
  inflight_diagram_style_clear (&style);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* "done" stands for success. */
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&result);
  check_pdf (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GEnumClass) strategies = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/format-names", test_format_names);
  g_test_add ("/export/unwritable", Fixture, NULL, fixture_set_up, test_unwritable, fixture_tear_down);
  g_test_add ("/export/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);

  strategies = g_type_class_ref (INFLIGHT_TYPE_STRATEGY);
  for (guint i = 0; i < strategies->n_values; i++)
    {
      g_autofree char *path = g_strdup_printf ("/export/strategy/%s", strategies->values[i].value_nick);

      g_test_add (path, Fixture, GINT_TO_POINTER (strategies->values[i].value),
                  fixture_set_up, test_strategy, fixture_tear_down);
    }

  return g_test_run ();
}
