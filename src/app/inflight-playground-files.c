/* inflight-playground-files.c
 * The playground's experiment in and out: .inflight files opened and saved through the file
 * chooser, the diagram and the settings copied for pasting elsewhere, and the experiment
 * kept from one session to the next.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-playground"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-application.h"
#include "inflight-diagram-export.h"
#include "inflight-playground-private.h"

#define SETTINGS_KEY  "playground-experiment"
#define SAVE_DELAY_MS 500
/* The copied picture's pixels per logical pixel: sharp when pasted into a document. */
#define COPY_SCALE    2
#define COPY_WIDTH    480
#define COPY_HEIGHT   640
#define COPY_TITLE    28     /* each run's name, above its diagram */

static GSettings *
app_settings (void)
{
  GApplication *app = g_application_get_default ();

  return INFLIGHT_IS_APPLICATION (app) ? inflight_application_get_settings (INFLIGHT_APPLICATION (app)) : NULL;
}

/* The default: the course's first question, a blocking caller beside a queue, on one service. */
static InflightExperiment *
new_default_experiment (void)
{
  InflightExperiment *experiment = inflight_experiment_new ();
  g_autoptr(InflightScenario) queue = inflight_scenario_copy (inflight_experiment_get_scenario (experiment, 0));

  inflight_scenario_set_strategy (queue, INFLIGHT_STRATEGY_QUEUE);
  inflight_experiment_add_pane (experiment, queue);
  inflight_experiment_set_same_service (experiment, TRUE);
  return experiment;
}

/**
 * inflight_playground_show_error:
 * @message: (nullable): one line to show, or %NULL to hide the last one
 */
void
inflight_playground_show_error (InflightPlayground *self,
                                const char         *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_revealer), message != NULL);
}

void
inflight_playground_save_state (InflightPlayground *self)
{
  GSettings *settings = app_settings ();
  g_autofree char *data = NULL;

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  if (settings == NULL || self->experiment == NULL)
    return;

  data = inflight_experiment_to_data (self->experiment, FALSE, NULL);
  g_settings_set_string (settings, SETTINGS_KEY, data);
}

static gboolean
save_timeout_cb (gpointer data)
{
  InflightPlayground *self = data;

  self->save_timeout = 0;
  inflight_playground_save_state (self);
  return G_SOURCE_REMOVE;
}

void
inflight_playground_save_soon (InflightPlayground *self)
{
  if (self->save_timeout == 0)
    self->save_timeout = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* The experiment of the last session, or the default one: a kept experiment that no longer
 * loads is dropped without a word, as a file the learner did not choose. */
void
inflight_playground_restore_state (InflightPlayground *self)
{
  GSettings *settings = app_settings ();
  g_autoptr(InflightExperiment) experiment = NULL;
  g_autofree char *data = settings != NULL ? g_settings_get_string (settings, SETTINGS_KEY) : NULL;

  if (data != NULL && *data != '\0')
    experiment = inflight_experiment_load_data (data, strlen (data), _("the last session’s experiment"), NULL);
  if (experiment == NULL)
    experiment = new_default_experiment ();

  inflight_playground_set_experiment (self, experiment);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
}

/**
 * inflight_playground_open_file:
 *
 * Opens an experiment; a file the loader refuses leaves the experiment as it was and says why.
 *
 * Returns: whether it was opened
 */
gboolean
inflight_playground_open_file (InflightPlayground *self,
                               GFile              *file)
{
  g_autoptr(InflightExperiment) experiment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("%s: only files on this computer can be opened"), uri);

      inflight_playground_show_error (self, message);
      return FALSE;
    }

  experiment = inflight_experiment_load_file (path, &error);
  if (experiment == NULL)
    {
      inflight_playground_show_error (self, error->message);
      return FALSE;
    }

  inflight_playground_set_experiment (self, experiment);
  inflight_playground_show_error (self, NULL);
  return TRUE;
}

/* The experiment as it is now, with each pane's run where it is the run of these very
 * settings: a run of other values is not saved beside settings it did not have. */
static InflightExperiment *
experiment_with_runs (InflightPlayground *self,
                      gboolean            with_runs)
{
  InflightExperiment *copy = inflight_experiment_copy (self->experiment);

  for (guint i = 0; i < self->panes->len; i++)
    {
      InflightPlaygroundPane *pane = g_ptr_array_index (self->panes, i);
      InflightScenario *ran = inflight_run_panel_get_ran (pane->panel);
      InflightTrace *trace = inflight_run_panel_get_trace (pane->panel);
      InflightMetrics metrics;

      inflight_experiment_set_trace (copy, i, NULL);
      if (with_runs && ran != NULL && trace != NULL && inflight_run_panel_get_result (pane->panel, &metrics, NULL) &&
          inflight_playground_scenarios_equal (ran, pane->scenario))
        {
          g_autoptr(InflightTraceSnapshot) snapshot = inflight_trace_snapshot (trace);

          inflight_experiment_set_trace (copy, i, snapshot);
        }
    }

  return copy;
}

gboolean
inflight_playground_save_file (InflightPlayground  *self,
                               GFile               *file,
                               gboolean             with_runs,
                               GError             **error)
{
  g_autoptr(InflightExperiment) copy = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only files on this computer can be saved to"));
      return FALSE;
    }

  copy = experiment_with_runs (self, with_runs);
  return inflight_experiment_save_file (copy, path, with_runs, error);
}

static gboolean
has_finished_runs (InflightPlayground *self)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      InflightPlaygroundPane *pane = g_ptr_array_index (self->panes, i);
      InflightMetrics metrics;

      if (inflight_run_panel_get_result (pane->panel, &metrics, NULL))
        return TRUE;
    }
  return FALSE;
}

static GtkFileFilter *
experiment_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Inflight experiments"));
  gtk_file_filter_add_pattern (filter, "*" INFLIGHT_EXPERIMENT_SUFFIX);
  gtk_file_filter_add_mime_type (filter, INFLIGHT_EXPERIMENT_MIME_TYPE);
  return filter;
}

static void
on_open_response_cb (GtkNativeDialog    *dialog,
                     int                 response,
                     InflightPlayground *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        inflight_playground_open_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
inflight_playground_show_open_dialog (InflightPlayground *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = experiment_filter ();

  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  dialog = gtk_file_chooser_native_new (_("Open Experiment"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_response_cb (GtkNativeDialog    *dialog,
                     int                 response,
                     InflightPlayground *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *runs = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "runs");
      g_autoptr(GError) error = NULL;
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      /* A name typed without the suffix gets it, so that the file opens here again. */
      if (name != NULL && !g_str_has_suffix (name, INFLIGHT_EXPERIMENT_SUFFIX))
        {
          g_autofree char *named = g_strconcat (name, INFLIGHT_EXPERIMENT_SUFFIX, NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);

          if (parent != NULL)
            {
              g_object_unref (file);
              file = g_file_get_child (parent, named);
            }
        }

      if (file != NULL && !inflight_playground_save_file (self, file, g_strcmp0 (runs, "true") == 0, &error))
        {
          /* Translators: %s says why an experiment could not be saved */
          g_autofree char *message = g_strdup_printf (_("The experiment could not be saved: %s"), error->message);

          inflight_playground_show_error (self, message);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
inflight_playground_show_save_dialog (InflightPlayground *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = experiment_filter ();

  g_return_if_fail (INFLIGHT_IS_PLAYGROUND (self));

  dialog = gtk_file_chooser_native_new (_("Save Experiment"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the name a new experiment's file is offered */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("experiment.inflight"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "runs", _("Include the recorded runs"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "runs", has_finished_runs (self) ? "true" : "false");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Every pane's whole run, side by side on one time scale, drawn for a light page. */
static GdkTexture *
render_runs (InflightPlayground *self)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) inflight_trace_snapshot_unref);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  InflightDiagramStyle style = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 end = 0;
  GBytes *bytes;
  GdkTexture *texture;
  int width, height;

  for (guint i = 0; i < self->panes->len; i++)
    {
      InflightPlaygroundPane *pane = g_ptr_array_index (self->panes, i);
      InflightTrace *trace = inflight_run_panel_get_trace (pane->panel);
      InflightTraceSnapshot *snapshot = trace != NULL ? inflight_trace_snapshot (trace) : NULL;

      if (snapshot == NULL || !snapshot->started)
        {
          g_clear_pointer (&snapshot, inflight_trace_snapshot_unref);
          continue;
        }
      end = MAX (end, inflight_trace_snapshot_end_time (snapshot));
      g_ptr_array_add (snapshots, snapshot);
      g_ptr_array_add (titles, g_strdup (inflight_run_panel_get_title (pane->panel)));
    }

  if (snapshots->len == 0)
    return NULL;

  width = COPY_WIDTH * snapshots->len * COPY_SCALE;
  height = (COPY_TITLE + COPY_HEIGHT) * COPY_SCALE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, COPY_SCALE, COPY_SCALE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  inflight_diagram_style_init_light (&style);
  for (guint i = 0; i < snapshots->len; i++)
    {
      InflightViewport viewport;
      PangoLayout *layout = pango_cairo_create_layout (cr);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 11");

      /* The run's name, as above its diagram on screen. */
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, g_ptr_array_index (titles, i) != NULL ? g_ptr_array_index (titles, i) : "", -1);
      pango_layout_set_width (layout, (COPY_WIDTH - 24) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, i * COPY_WIDTH + 12, 6);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);

      inflight_export_whole_run (g_ptr_array_index (snapshots, i), &viewport);
      viewport.width = COPY_WIDTH;
      viewport.height = COPY_HEIGHT;
      viewport.t_start = 0;
      viewport.t_end = MAX (end, 1);
      cairo_save (cr);
      cairo_translate (cr, i * COPY_WIDTH, COPY_TITLE);
      cairo_rectangle (cr, 0, 0, COPY_WIDTH, COPY_HEIGHT);
      cairo_clip (cr);
      inflight_diagram_render (cr, g_ptr_array_index (snapshots, i), end, &viewport, &style);
      cairo_restore (cr);
    }
  inflight_diagram_style_clear (&style);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);

  return texture;
}

/**
 * inflight_playground_create_content:
 *
 * Returns: (transfer full): what Copy puts on the clipboard: the runs as a picture, when
 * there are any, and the experiment's settings as text, to paste into a file or a message
 */
GdkContentProvider *
inflight_playground_create_content (InflightPlayground *self)
{
  g_autoptr(GdkTexture) texture = NULL;
  GdkContentProvider *providers[3];
  g_autoptr(GBytes) text = NULL;
  guint n = 0;
  gsize length;
  char *data;

  g_return_val_if_fail (INFLIGHT_IS_PLAYGROUND (self), NULL);

  texture = render_runs (self);
  data = inflight_experiment_to_data (self->experiment, FALSE, &length);
  text = g_bytes_new_take (data, length);

  if (texture != NULL)
    providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_TEXTURE, texture);
  providers[n++] = gdk_content_provider_new_for_bytes (INFLIGHT_EXPERIMENT_MIME_TYPE, text);
  providers[n++] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);

  return gdk_content_provider_new_union (providers, n);
}

void
inflight_playground_copy (InflightPlayground *self)
{
  g_autoptr(GdkContentProvider) content = inflight_playground_create_content (self);

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
}
