/* inflight-diagram-export.c
 * Writes the diagram to PNG, SVG or PDF through GIO, so that a failure is a clear GError.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-diagram-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "inflight-diagram-export.h"

#define WHOLE_WIDTH_MIN    640.0
#define WHOLE_WIDTH_MAX    1600.0
#define WHOLE_LANE_WIDTH   220.0
#define WHOLE_TIME_MIN     560.0
#define WHOLE_TIME_MAX     4000.0
#define WHOLE_PX_PER_MSG   8.0

struct _InflightExport
{
  InflightTraceSnapshot *snapshot;
  gint64                 playhead;
  InflightViewport       viewport;
  InflightDiagramStyle   style;
};

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

typedef struct
{
  InflightExport       *export;
  GFile                *file;
  InflightExportFormat  format;
} WriteData;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static void
write_data_free (WriteData *data)
{
  g_clear_pointer (&data->export, inflight_export_free);
  g_clear_object (&data->file);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (inflight_export_write (data->export, data->file, data->format, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * inflight_export_format_for_name:
 * @name: a file name or path
 *
 * Returns: whether @name ends in .png, .svg or .pdf (in any case), with
 * @format set to which.
 */
gboolean
inflight_export_format_for_name (const char           *name,
                                 InflightExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (name, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return FALSE;

  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = INFLIGHT_EXPORT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = INFLIGHT_EXPORT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = INFLIGHT_EXPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

const char *
inflight_export_format_suffix (InflightExportFormat format)
{
  switch (format)
    {
    case INFLIGHT_EXPORT_SVG:
      return ".svg";
    case INFLIGHT_EXPORT_PDF:
      return ".pdf";
    case INFLIGHT_EXPORT_PNG:
    default:
      return ".png";
    }
}

/**
 * inflight_export_whole_run:
 * @snapshot: (nullable): the run
 *
 * Sets @viewport to show the whole run at a size that keeps it readable:
 * wider with more lanes, taller with more messages, within bounds.
 */
void
inflight_export_whole_run (const InflightTraceSnapshot *snapshot,
                           InflightViewport            *viewport)
{
  guint n_lanes = snapshot != NULL ? snapshot->n_lanes : 0;
  guint n_messages = snapshot != NULL ? snapshot->n_messages : 0;
  double width, time_area;

  g_return_if_fail (viewport != NULL);

  width = INFLIGHT_DIAGRAM_AXIS_WIDTH + INFLIGHT_DIAGRAM_MARGIN + n_lanes * WHOLE_LANE_WIDTH;
  width = CLAMP (width, WHOLE_WIDTH_MIN, WHOLE_WIDTH_MAX);
  time_area = CLAMP (n_messages * WHOLE_PX_PER_MSG, WHOLE_TIME_MIN, WHOLE_TIME_MAX);

  inflight_viewport_fit (viewport, snapshot, round (width),
                         round (time_area + INFLIGHT_DIAGRAM_HEADER_HEIGHT + INFLIGHT_DIAGRAM_FOOTER_HEIGHT));
}

/**
 * inflight_export_new:
 * @snapshot: the run to draw
 * @playhead: the moment drawn, as on screen; the end of the run for all of it
 * @viewport: which part, at what size (in pixels for PNG, points for SVG and PDF)
 * @style: the colours; copied
 *
 * Returns: (transfer full): a drawing ready to be written.
 */
InflightExport *
inflight_export_new (const InflightTraceSnapshot *snapshot,
                     gint64                       playhead,
                     const InflightViewport      *viewport,
                     const InflightDiagramStyle  *style)
{
  InflightExport *self;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (viewport != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_new0 (InflightExport, 1);
  self->snapshot = inflight_trace_snapshot_ref ((InflightTraceSnapshot *) snapshot);
  self->playhead = playhead;
  self->viewport = *viewport;
  self->style = *style;
  self->style.font_family = g_strdup (style->font_family);

  return self;
}

void
inflight_export_free (InflightExport *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->snapshot, inflight_trace_snapshot_unref);
  inflight_diagram_style_clear (&self->style);
  g_free (self);
}

/**
 * inflight_export_write:
 *
 * Draws and writes the file whole, or not at all: it replaces @file only
 * once everything is written.
 *
 * Returns: %FALSE with @error set (from GIO: it names the file and the reason)
 * if the file could not be written.
 */
gboolean
inflight_export_write (InflightExport        *self,
                       GFile                 *file,
                       InflightExportFormat   format,
                       GCancellable          *cancellable,
                       GError               **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  Sink sink = { NULL, cancellable, NULL };
  gboolean existed;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  int width, height;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  width = MAX (1, (int) ceil (self->viewport.width));
  height = MAX (1, (int) ceil (self->viewport.height));

  existed = g_file_query_exists (file, cancellable);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  sink.stream = G_OUTPUT_STREAM (stream);

  switch (format)
    {
    case INFLIGHT_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (sink_write, &sink, width, height);
      break;
    case INFLIGHT_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Sequence diagram"));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Inflight " PACKAGE_VERSION);
      break;
    case INFLIGHT_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  cr = cairo_create (surface);
  inflight_diagram_render (cr, self->snapshot, self->playhead, &self->viewport, &self->style);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == INFLIGHT_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&sink.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not draw the diagram: %s"), cairo_status_to_string (status));

  if (sink.error != NULL)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the half-written copy, and the
       * original is left as it was; a file that is new is removed. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (!existed)
        g_file_delete (file, NULL, NULL);
      g_propagate_error (error, sink.error);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/**
 * inflight_export_write_async:
 * @self: (transfer full): the drawing, freed once written
 *
 * Writes the file on a worker thread: drawing a long run takes a moment.
 */
void
inflight_export_write_async (InflightExport       *self,
                             GFile                *file,
                             InflightExportFormat  format,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_export_write_async);
  g_task_set_name (task, "[inflight] export");

  data = g_new0 (WriteData, 1);
  data->export = self;
  data->file = g_object_ref (file);
  data->format = format;
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);

  g_task_run_in_thread (task, write_thread);
}

gboolean
inflight_export_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
