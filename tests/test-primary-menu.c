/* test-primary-menu.c
 * The primary menu as the GNOME HIG has it (Reset Progress…, Keyboard Shortcuts, Help, About,
 * and no Quit), F1 for help, a polite message where no help viewer is installed, and an About
 * with a copyright line.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-application.h"
#include "inflight-test-widgets.h"
#include "inflight-window.h"

/* Every item of @model and its sections, in order, as "label=action". */
static void
collect_items (GMenuModel *model,
               GPtrArray  *items)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          collect_items (section, items);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_ptr_array_add (items, g_strdup_printf ("%s=%s", label, action));
    }
}

static GtkWidget *
find_toplevel (gboolean (*match) (GtkWidget *widget))
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (match (toplevel))
        return toplevel;
    }

  return NULL;
}

static gboolean
is_help_message (GtkWidget *widget)
{
  return g_strcmp0 (gtk_widget_get_name (widget), "help-missing") == 0;
}

static gboolean
is_about (GtkWidget *widget)
{
  return GTK_IS_ABOUT_DIALOG (widget);
}

static GtkWidget *
wait_for_toplevel (gboolean (*match) (GtkWidget *widget))
{
  GtkWidget *found = NULL;

  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       (found = find_toplevel (match)) == NULL && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);

  return found;
}

static void
test_menu_follows_the_hig (InflightApplication *app)
{
  InflightWindow *window = inflight_window_new (app);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  GtkWidget *button;
  GtkPopover *first;
  g_auto(GStrv) help_accels = NULL;
  g_auto(GStrv) quit_accels = NULL;

  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (100);

  button = inflight_test_find_widget (gtk_window_get_titlebar (GTK_WINDOW (window)), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  /* The menu is made when it first opens, not for the first frame; then it stays. */
  collect_items (inflight_test_open_new_menu (GTK_MENU_BUTTON (button)), items);
  first = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  inflight_test_iterate_for (50);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  inflight_test_iterate_for (50);
  g_assert_true (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)) == first);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  g_ptr_array_add (items, NULL);
  joined = g_strjoinv (" | ", (char **) items->pdata);
  g_test_message ("menu: %s", joined);
  g_assert_cmpstr (joined, ==,
                   "_Reset Progress…=win.reset-progress | _Keyboard Shortcuts=win.show-help-overlay | "
                   "_Help=app.help | _About Inflight=app.about");

  /* Quit leaves the menu, not the keyboard. */
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) help_accels, "F1"));
  g_assert_true (g_strv_contains ((const char * const *) quit_accels, "<Control>q"));

  gtk_window_destroy (GTK_WINDOW (window));
  inflight_test_iterate_for (100);
}

static void
test_help_without_a_viewer (InflightApplication *app)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  InflightWindow *window;
  GtkWidget *message;
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;

  if (viewer != NULL)
    {
      g_test_skip ("A help viewer is installed here; the test does not open it");
      return;
    }

  window = inflight_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (100);

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  message = wait_for_toplevel (is_help_message);
  g_assert_nonnull (message);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == GTK_WINDOW (window));
  g_object_get (message, "text", &text, "secondary-text", &secondary, NULL);
  g_test_message ("%s — %s", text, secondary);
  g_assert_cmpstr (text, ==, "No help viewer is installed");
  g_assert_nonnull (strstr (secondary, "yelp"));

  /* The window goes on as it was. */
  gtk_window_destroy (GTK_WINDOW (message));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  inflight_test_iterate_for (100);
}

static void
test_about_has_a_copyright (InflightApplication *app)
{
  InflightWindow *window = inflight_window_new (app);
  GtkWidget *about;

  gtk_window_present (GTK_WINDOW (window));
  inflight_test_iterate_for (100);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_toplevel (is_about);
  g_assert_nonnull (about);
  g_assert_nonnull (gtk_about_dialog_get_copyright (GTK_ABOUT_DIALOG (about)));
  g_assert_nonnull (strstr (gtk_about_dialog_get_copyright (GTK_ABOUT_DIALOG (about)), "©"));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
  inflight_test_iterate_for (100);
}

/* A machine with GNOME's help viewer would open it: the test's own configuration takes it away
 * from help: addresses, as on a machine without one, before GIO first reads where that is. A
 * machine with another viewer skips the test rather than open it. */
static void
hide_help_viewer (void)
{
  g_autofree char *config = g_dir_make_tmp ("inflight-config-XXXXXX", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);

  g_assert_true (g_file_set_contents (mimeapps, "[Removed Associations]\nx-scheme-handler/help=yelp.desktop;\n",
                                      -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(InflightApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  hide_help_viewer ();

  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the window on");
      return g_test_run ();
    }

  app = inflight_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_data_func ("/primary-menu/follows-the-hig", app, (GTestDataFunc) test_menu_follows_the_hig);
  g_test_add_data_func ("/primary-menu/help-without-a-viewer", app, (GTestDataFunc) test_help_without_a_viewer);
  g_test_add_data_func ("/primary-menu/about-has-a-copyright", app, (GTestDataFunc) test_about_has_a_copyright);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));

  return status;
}
