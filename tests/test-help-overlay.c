/* test-help-overlay.c
 * The keyboard shortcuts window, built from the app's resource as the window builds it:
 * it opens without a warning, shows every group on one page at its default size, and lists
 * the keys the window answers to, saying which of the diagram's keys need it to have focus.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "inflight-resources.h"

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);

  return found;
}

/* The shortcut whose accelerators include @accel, or NULL. */
static GtkWidget *
find_shortcut (GPtrArray  *shortcuts,
               const char *accel)
{
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (shortcuts->pdata[i], "accelerator", &accelerator, NULL);
      if (accelerator == NULL)
        continue;
      accels = g_strsplit (accelerator, " ", -1);
      if (g_strv_contains ((const char * const *) accels, accel))
        return shortcuts->pdata[i];
    }

  return NULL;
}

static char *
group_title (GtkWidget *shortcut)
{
  GtkWidget *group = gtk_widget_get_ancestor (shortcut, GTK_TYPE_SHORTCUTS_GROUP);
  char *title = NULL;

  g_assert_nonnull (group);
  g_object_get (group, "title", &title, NULL);

  return title;
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) shortcuts = NULL;
  g_autoptr(GPtrArray) stacks = NULL;
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle screen;
  GtkWindow *overlay;
  guint n_pages = 0;
  struct {
    const char *accel;
    const char *group;         /* a word of the group's title */
    gboolean    needs_focus;   /* the title says the diagram must have the focus */
  } expected[] = {
    { "F10", "General", FALSE },
    { "<Control>question", "General", FALSE },
    { "<Alt>Left", "Lessons", FALSE },
    { "<Control>Page_Up", "Lessons", FALSE },
    { "<Alt>Right", "Lessons", FALSE },
    { "<Control>Page_Down", "Lessons", FALSE },
    { "F9", "Lessons", FALSE },
    /* Tab leaves the list of lessons for the page, and Shift+Tab comes back to it. */
    { "Tab", "Lessons", FALSE },
    { "<Shift>Tab", "Lessons", FALSE },
    /* The playground's files and copy. */
    { "<Control>o", "Playground", FALSE },
    { "<Control>s", "Playground", FALSE },
    { "<Control>c", "Playground", FALSE },
    /* The window passes these to the diagram wherever the focus is… */
    { "space", "Diagram", FALSE },
    { "bracketleft", "Diagram", FALSE },
    { "bracketright", "Diagram", FALSE },
    { "<Control>e", "Diagram", FALSE },
    /* …and these work only where the diagram has it. */
    { "Left", "Diagram", TRUE },
    { "Right", "Diagram", TRUE },
    { "Home", "Diagram", TRUE },
    { "End", "Diagram", TRUE },
    { "<Control>plus", "Diagram", TRUE },
    { "<Control>minus", "Diagram", TRUE },
    { "<Control>0", "Diagram", TRUE },
  };

  /* GtkApplication loads it from here, beside the window's resource base path. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/inflight-shortcuts.ui");
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  /* Under fatal warnings, a warning as it is measured ends the test here: GTK 4.8 measures the
   * page switcher of a section on two pages at -4 px. */
  gtk_window_present (overlay);
  iterate (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));

  /* At its own size, on the test's screen (1280×800, a small laptop's), it is seen whole. */
  monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  gdk_monitor_get_geometry (monitor, &screen);
  g_test_message ("%dx%d on a screen of %dx%d", gtk_widget_get_width (GTK_WIDGET (overlay)),
                  gtk_widget_get_height (GTK_WIDGET (overlay)), screen.width, screen.height);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (overlay)), <=, screen.width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (overlay)), <=, screen.height);

  sections = find_all (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SECTION);
  g_assert_cmpuint (sections->len, ==, 1);
  /* The section's own, not the copies the window keeps for its search. */
  groups = find_all (sections->pdata[0], GTK_TYPE_SHORTCUTS_GROUP);
  shortcuts = find_all (sections->pdata[0], GTK_TYPE_SHORTCUTS_SHORTCUT);
  g_assert_cmpuint (groups->len, >=, 4);

  /* A section lays its groups out on pages of a stack; a second page hides groups behind a switcher. */
  stacks = find_all (sections->pdata[0], GTK_TYPE_STACK);
  g_assert_cmpuint (stacks->len, ==, 1);
  for (GtkWidget *page = gtk_widget_get_first_child (stacks->pdata[0]);
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (gtk_widget_get_visible (page))
      n_pages++;
  g_test_message ("%u groups on %u pages", groups->len, n_pages);
  g_assert_cmpuint (n_pages, ==, 1);

  /* Each key the window answers to is listed, in a group that says where it works. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *shortcut = find_shortcut (shortcuts, expected[i].accel);
      g_autofree char *title = NULL;

      if (shortcut == NULL)
        g_error ("%s is not listed", expected[i].accel);
      title = group_title (shortcut);
      g_test_message ("%s: in \"%s\"", expected[i].accel, title);
      if (strstr (title, expected[i].group) == NULL || (strstr (title, "focus") != NULL) != expected[i].needs_focus)
        g_error ("%s is listed in \"%s\", not in a group of \"%s\" %s", expected[i].accel, title, expected[i].group,
                 expected[i].needs_focus ? "that says it needs the focus" : "that works wherever the focus is");
    }

  /* No key is listed without saying what it does. */
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;

      g_object_get (shortcuts->pdata[i], "title", &title, NULL);
      g_assert_true (title != NULL && title[0] != '\0');
    }

  gtk_window_destroy (overlay);
  iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  /* Without a display there is nothing to build: say so rather than pass. */
  if (!gtk_init_check ())
    {
      g_test_skip ("No display to build the widgets on");
      return g_test_run ();
    }

  (void) inflight_get_resource ();
  g_test_add_func ("/help-overlay/one-page-every-key", test_help_overlay);

  return g_test_run ();
}
