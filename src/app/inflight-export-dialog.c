/* inflight-export-dialog.c
 * The export file choosers, for a picture of the diagram or the trace of the runs: native ones,
 * so that inside Flatpak they go through the portal and the app needs no access to the user's files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-export-dialog.h"
#include "inflight-run-panel.h"
#include "inflight-trace-event.h"

#define CHOICE_SCOPE "scope"

typedef struct
{
  InflightExportFormat format;
  gboolean             whole_run;
} Choice;

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* @file, @suffix added to its name; NULL if it has no folder to be in. */
static GFile *
add_suffix (GFile      *file,
            const char *name,
            const char *suffix)
{
  g_autofree char *with_suffix = g_strconcat (name, suffix, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (parent == NULL)
    return NULL;

  return g_file_get_child_for_display_name (parent, with_suffix, NULL);
}

/* A modal save dialog, native so that it goes through the portal inside Flatpak. */
static GtkFileChooser *
save_dialog_new (GtkWindow  *parent,
                 const char *title)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                              _("_Export"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  return GTK_FILE_CHOOSER (native);
}

/* The format from the name's suffix; else from the chosen filter, the suffix then added. */
static GFile *
file_and_format (GtkFileChooser       *chooser,
                 InflightExportFormat *format)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *name = NULL;
  g_autoptr(GListModel) filters = NULL;
  GtkFileFilter *chosen;

  if (file == NULL)
    return NULL;

  name = g_file_get_basename (file);
  if (inflight_export_format_for_name (name, format))
    return g_steal_pointer (&file);

  *format = INFLIGHT_EXPORT_PNG;
  chosen = gtk_file_chooser_get_filter (chooser);
  filters = gtk_file_chooser_get_filters (chooser);
  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (filter == chosen)
        *format = (InflightExportFormat) i;
    }

  return add_suffix (file, name, inflight_export_format_suffix (*format));
}

static void
on_response_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  Choice *choice;
  GFile *file;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No file was chosen"));
      gtk_native_dialog_destroy (dialog);
      return;
    }

  choice = g_new0 (Choice, 1);
  file = file_and_format (chooser, &choice->format);
  choice->whole_run = g_strcmp0 (gtk_file_chooser_get_choice (chooser, CHOICE_SCOPE), "view") != 0;
  g_task_set_task_data (task, choice, g_free);

  if (file == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("That is not a file that can be written"));
  else
    g_task_return_pointer (task, file, g_object_unref);

  gtk_native_dialog_destroy (dialog);
}

/**
 * inflight_export_dialog_choose_async:
 * @parent: (nullable): the window the dialog belongs to
 * @suggested_name: the file name offered, as in "blocking.png"
 *
 * Asks for a PNG, SVG or PDF file and whether to export the whole run or
 * the current view.
 */
void
inflight_export_dialog_choose_async (GtkWindow           *parent,
                                     const char          *suggested_name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GtkFileChooser *chooser;
  GTask *task;
  const char *scope_ids[] = { "run", "view", NULL };
  const char *scope_labels[] = { N_("The whole run"), N_("The current view"), NULL };
  const char *labels[3] = { _(scope_labels[0]), _(scope_labels[1]), NULL };

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_export_dialog_choose_async);

  chooser = save_dialog_new (parent, _("Export Diagram"));

  /* In the order of InflightExportFormat. */
  add_filter (chooser, _("PNG image"), "image/png", "*.png");
  add_filter (chooser, _("SVG drawing"), "image/svg+xml", "*.svg");
  add_filter (chooser, _("PDF document"), "application/pdf", "*.pdf");

  gtk_file_chooser_add_choice (chooser, CHOICE_SCOPE, _("Export"), scope_ids, labels);
  gtk_file_chooser_set_choice (chooser, CHOICE_SCOPE, "run");
  gtk_file_chooser_set_current_name (chooser, suggested_name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * inflight_export_dialog_choose_finish:
 * @format: (out): the format chosen, from the name or the filter
 * @whole_run: (out): whether to export the whole run rather than the view
 *
 * Returns: (transfer full) (nullable): the file to write, or %NULL with
 * %G_IO_ERROR_CANCELLED if the learner changed their mind
 */
GFile *
inflight_export_dialog_choose_finish (GAsyncResult          *result,
                                      InflightExportFormat  *format,
                                      gboolean              *whole_run,
                                      GError               **error)
{
  GFile *file;
  Choice *choice;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  file = g_task_propagate_pointer (G_TASK (result), error);
  choice = g_task_get_task_data (G_TASK (result));
  if (file != NULL && choice != NULL)
    {
      if (format != NULL)
        *format = choice->format;
      if (whole_run != NULL)
        *whole_run = choice->whole_run;
    }

  return file;
}

static void
add_run (GPtrArray           *snapshots,
         GPtrArray           *names,
         InflightDiagramPane *pane,
         const char          *name)
{
  InflightTraceSnapshot *snapshot = inflight_sequence_view_get_snapshot (inflight_diagram_pane_get_view (pane));

  if (snapshot == NULL || !snapshot->started)
    return;

  g_ptr_array_add (snapshots, snapshot);
  g_ptr_array_add (names, (gpointer) name);
}

/**
 * inflight_export_dialog_write_trace_async:
 * @pane: the diagram whose export was asked for
 * @file: the file to write, as inflight_export_dialog_choose_trace_finish() gave it
 *
 * Writes the trace of @pane's run, and of the runs beside it in the lesson, each
 * run panel's in order, in the Trace Event Format that profilers read; finish
 * with inflight_trace_event_write_finish().
 */
void
inflight_export_dialog_write_trace_async (InflightDiagramPane *pane,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GPtrArray) snapshots = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkWidget *panel;
  GtkWidget *parent;

  g_return_if_fail (INFLIGHT_IS_DIAGRAM_PANE (pane));
  g_return_if_fail (G_IS_FILE (file));

  panel = gtk_widget_get_ancestor (GTK_WIDGET (pane), INFLIGHT_TYPE_RUN_PANEL);
  parent = panel != NULL ? gtk_widget_get_parent (panel) : NULL;

  if (parent == NULL)
    add_run (snapshots, names, pane, NULL);

  for (GtkWidget *child = parent != NULL ? gtk_widget_get_first_child (parent) : NULL;
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (INFLIGHT_IS_RUN_PANEL (child) && gtk_widget_get_visible (child))
      {
        InflightRunPanel *run = INFLIGHT_RUN_PANEL (child);
        InflightScenario *ran = inflight_run_panel_get_ran (run);
        const char *title = inflight_run_panel_get_title (run);

        if (title == NULL || *title == '\0')
          title = ran != NULL ? inflight_strategy_get_title (inflight_scenario_get_strategy (ran)) : NULL;
        add_run (snapshots, names, inflight_run_panel_get_pane (run), title);
      }

  /* The snapshots are referenced, and the names copied, for the worker thread. */
  inflight_trace_event_write_async ((const InflightTraceSnapshot * const *) snapshots->pdata,
                                    (const char * const *) names->pdata, snapshots->len,
                                    file, cancellable, callback, user_data);
}

static void
on_trace_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *name = NULL;

  /* The dialog is made for this one answer: the reference its maker held goes with it. */
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No file was chosen"));
      return;
    }

  name = file != NULL ? g_file_get_basename (file) : NULL;
  if (name != NULL && !g_str_has_suffix (name, ".json"))
    {
      GFile *named = add_suffix (file, name, ".json");

      g_clear_object (&file);
      file = named;
    }

  if (file == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("That is not a file that can be written"));
  else
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
}

/**
 * inflight_export_dialog_choose_trace_async:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Asks for a .json file to save a trace in, for a profiler.
 */
void
inflight_export_dialog_choose_trace_async (GtkWindow           *parent,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GtkFileChooser *chooser;
  GTask *task;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_export_dialog_choose_trace_async);

  chooser = save_dialog_new (parent, _("Export Trace"));
  add_filter (chooser, _("Trace for a profiler (JSON)"), "application/json", "*.json");
  /* Translators: the file name offered for a trace export; keep the .json */
  gtk_file_chooser_set_current_name (chooser, _("trace.json"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_trace_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * inflight_export_dialog_choose_trace_finish:
 *
 * Returns: (transfer full) (nullable): the file to write, its name ending in
 * .json, or %NULL with %G_IO_ERROR_CANCELLED if the learner changed their mind
 */
GFile *
inflight_export_dialog_choose_trace_finish (GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
