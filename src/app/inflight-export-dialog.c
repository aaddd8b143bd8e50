/* inflight-export-dialog.c
 * The export file chooser: a native one, so that inside Flatpak it goes through the portal
 * and the app needs no access to the user's files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "inflight-export-dialog.h"

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

/* The format from the name's suffix; else from the chosen filter, the suffix then added. */
static GFile *
file_and_format (GtkFileChooser       *chooser,
                 InflightExportFormat *format)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *name = NULL;
  g_autofree char *with_suffix = NULL;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GFile) parent = NULL;
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

  with_suffix = g_strconcat (name, inflight_export_format_suffix (*format), NULL);
  parent = g_file_get_parent (file);
  if (parent == NULL)
    return NULL;

  return g_file_get_child_for_display_name (parent, with_suffix, NULL);
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
  GtkFileChooserNative *native;
  GTask *task;
  const char *scope_ids[] = { "run", "view", NULL };
  const char *scope_labels[] = { N_("The whole run"), N_("The current view"), NULL };
  const char *labels[3] = { _(scope_labels[0]), _(scope_labels[1]), NULL };

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, inflight_export_dialog_choose_async);

  native = gtk_file_chooser_native_new (_("Export Diagram"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  /* In the order of InflightExportFormat. */
  add_filter (GTK_FILE_CHOOSER (native), _("PNG image"), "image/png", "*.png");
  add_filter (GTK_FILE_CHOOSER (native), _("SVG drawing"), "image/svg+xml", "*.svg");
  add_filter (GTK_FILE_CHOOSER (native), _("PDF document"), "application/pdf", "*.pdf");

  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), CHOICE_SCOPE, _("Export"), scope_ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), CHOICE_SCOPE, "run");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);

  g_signal_connect (native, "response", G_CALLBACK (on_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
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
