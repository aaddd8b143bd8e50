/* inflight-window.c
 * The main window: a sidebar of lessons, the lesson page, and the state worth remembering.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "inflight-window"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "inflight-menu-button.h"
#include "inflight-playground.h"
#include "inflight-resources.h"
#include "inflight-run-panel.h"
#include "inflight-window.h"

struct _InflightWindow
{
  GtkApplicationWindow  parent_instance;

  InflightProgress     *progress;

  GtkPaned             *paned;
  GtkListBox           *sidebar;
  GtkToggleButton      *sidebar_button;
  GtkMenuButton        *primary_button;
  GMenuModel           *primary_menu;
  gboolean              narrow;           /* too narrow for the list of lessons beside a lesson */
  gboolean              sidebar_before;   /* whether the list was shown before it became narrow */
  guint                 narrow_idle;
  GtkStack             *pages;
  InflightLessonPage   *page;       /* the lesson shown; every lesson opened keeps its own page */
  InflightPlayground   *playground; /* made when first opened, and kept */
  gboolean              playground_shown;
};

G_DEFINE_FINAL_TYPE (InflightWindow, inflight_window, GTK_TYPE_APPLICATION_WINDOW)

/* Below this width the list of lessons hides by itself. */
#define NARROW_WIDTH 1000

static GSettings *
get_settings (InflightWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!INFLIGHT_IS_APPLICATION (app))
    return NULL;

  return inflight_application_get_settings (INFLIGHT_APPLICATION (app));
}

static GtkWidget *
create_lesson_row (gpointer item,
                   gpointer user_data)
{
  InflightLesson *lesson = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *number = g_strdup_printf ("%u", inflight_lesson_get_number (lesson));
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *title_label = gtk_label_new (inflight_lesson_get_title (lesson));
  GtkWidget *status;

  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (number_label), 2);
  gtk_label_set_xalign (GTK_LABEL (number_label), 1);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title_label, inflight_lesson_get_title (lesson));

  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_widget_set_hexpand (title_label, TRUE);

  /* Filled in by update_row_progress(). */
  /* The row says its state in words; the mark itself is only for the eye. */
  status = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, "valign", GTK_ALIGN_CENTER, NULL);
  gtk_box_append (GTK_BOX (box), status);
  g_object_set_data (G_OBJECT (row), "status", status);
  g_object_set_data (G_OBJECT (row), "number", GUINT_TO_POINTER (inflight_lesson_get_number (lesson)));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, inflight_lesson_get_title (lesson),
                                  -1);

  return row;
}

/* The playground's row, after the lessons: not a lesson, so without a number or a mark. */
static GtkWidget *
create_playground_row (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "applications-science-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *title_label = gtk_label_new (_("Playground"));

  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_size_request (icon, 20, -1);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _("Your own experiment: up to four runs side by side"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Playground"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Your own experiment: up to four runs side by side"),
                                  -1);
  g_object_set_data (G_OBJECT (row), "playground", GINT_TO_POINTER (TRUE));

  return row;
}

static gboolean
is_playground_row (GtkListBoxRow *row)
{
  return row != NULL && g_object_get_data (G_OBJECT (row), "playground") != NULL;
}

/* A row's mark: done, visited, or nothing yet; a screen reader hears it in the description. */
static void
update_row_progress (InflightWindow *self,
                     GtkWidget      *row)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (row), "status");
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "number"));
  gboolean done = self->progress != NULL && inflight_progress_is_completed (self->progress, number);
  gboolean visited = self->progress != NULL && inflight_progress_is_visited (self->progress, number);
  const char *state = done ? _("Completed") : visited ? _("Visited") : _("Not visited yet");

  /* Visited is a small dot that the style sheet draws: an icon that small would be drawn from
   * its scalable picture, at a cost the first frame waits for. */
  gtk_image_set_from_icon_name (GTK_IMAGE (status), done ? "emblem-ok-symbolic" : NULL);
  gtk_widget_remove_css_class (status, "success");
  gtk_widget_remove_css_class (status, "visited-mark");
  if (done || visited)
    gtk_widget_add_css_class (status, done ? "success" : "visited-mark");
  /* Nothing to show for a lesson not opened yet: hidden, the mark costs the first frame
   * nothing, and the row's description still says so. */
  gtk_widget_set_visible (status, done || visited);
  gtk_widget_set_tooltip_text (status, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state, -1);
}

static void
on_progress_changed_cb (InflightWindow *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && !is_playground_row (GTK_LIST_BOX_ROW (row)))
      update_row_progress (self, row);
}

/* Stops every lesson's runs and sweeps and drops their pages. */
static void
forget_pages (InflightWindow *self)
{
  GtkWidget *child;

  child = gtk_widget_get_first_child (GTK_WIDGET (self->pages));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      /* The playground is not a lesson: its experiment is not progress. */
      if (INFLIGHT_IS_LESSON_PAGE (child))
        {
          inflight_lesson_page_stop (INFLIGHT_LESSON_PAGE (child));
          gtk_stack_remove (self->pages, child);
        }
      child = next;
    }
  self->page = NULL;
}

/* Shows @lesson's page, made the first time it is opened and kept from then on, so that
 * the learner finds a lesson as they left it. */
static void
show_page (InflightWindow *self,
           InflightLesson *lesson)
{
  g_autofree char *name = g_strdup_printf ("lesson-%u", inflight_lesson_get_number (lesson));
  GtkWidget *page = gtk_stack_get_child_by_name (self->pages, name);

  if (page == NULL)
    {
      page = inflight_lesson_page_new ();
      inflight_lesson_page_set_progress (INFLIGHT_LESSON_PAGE (page), self->progress);
      inflight_lesson_page_set_lesson (INFLIGHT_LESSON_PAGE (page), lesson);
      gtk_stack_add_named (self->pages, page, name);
    }

  if (self->page == INFLIGHT_LESSON_PAGE (page) && !self->playground_shown)
    return;

  if (self->playground_shown)
    {
      self->playground_shown = FALSE;
      inflight_playground_leave (self->playground);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->playground), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
  if (self->page != NULL)
    {
      inflight_lesson_page_leave (self->page);
      /* A screen reader, like the eye, finds only the lesson shown. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->page), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
  self->page = INFLIGHT_LESSON_PAGE (page);
  inflight_lesson_page_enter (self->page);
  gtk_accessible_update_state (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  gtk_stack_set_visible_child (self->pages, page);
}

static void
update_playground_actions (InflightWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-experiment", self->playground_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-experiment", self->playground_shown);
}

/* Shows the playground, made the first time it is opened and kept from then on, with its
 * runs and their results, as the lessons are. */
static void
show_playground (InflightWindow *self)
{
  if (self->playground == NULL)
    {
      self->playground = INFLIGHT_PLAYGROUND (inflight_playground_new ());
      gtk_stack_add_named (self->pages, GTK_WIDGET (self->playground), "playground");
    }

  if (!self->playground_shown)
    {
      if (self->page != NULL)
        {
          inflight_lesson_page_leave (self->page);
          gtk_accessible_update_state (GTK_ACCESSIBLE (self->page), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          self->page = NULL;
        }
      self->playground_shown = TRUE;
      inflight_playground_enter (self->playground);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->playground), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
      gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->playground));
    }
  update_playground_actions (self);
}

static void
on_reset_response_cb (GtkDialog      *dialog,
                      int             response,
                      InflightWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->progress != NULL)
    {
      InflightLesson *lesson = self->page != NULL ? g_object_ref (inflight_lesson_page_get_lesson (self->page)) : NULL;

      /* Every lesson starts afresh; the one on screen is opened again, and so visited. */
      forget_pages (self);
      inflight_progress_reset (self->progress);
      if (lesson != NULL)
        show_page (self, lesson);
      g_clear_object (&lesson);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Asks first: a learner's progress is not thrown away by a slip of the mouse. */
static void
reset_progress_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);
  GtkWidget *dialog;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Reset your progress?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("The lessons you visited and completed, your answers and your "
                                              "measurements will all be forgotten. This cannot be undone."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Reset Progress"), GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_navigation (InflightWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  guint n = g_list_model_get_n_items (inflight_lessons_get_all ());

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-lesson", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-lesson", index >= 0 && index + 1 < (int) n);
}

static void
on_sidebar_row_selected_cb (InflightWindow *self,
                            GtkListBoxRow  *row,
                            GtkListBox     *list)
{
  g_autoptr(InflightLesson) lesson = NULL;
  GSettings *settings;

  if (row == NULL)
    return;

  settings = get_settings (self);
  if (settings != NULL)
    g_settings_set_boolean (settings, "playground-shown", is_playground_row (row));

  if (is_playground_row (row))
    {
      show_playground (self);
      update_navigation (self);
      return;
    }

  lesson = g_list_model_get_item (inflight_lessons_get_all (), gtk_list_box_row_get_index (row));
  show_page (self, lesson);
  update_navigation (self);
  update_playground_actions (self);

  if (settings != NULL)
    g_settings_set_int (settings, "last-lesson", inflight_lesson_get_number (lesson));
}

static void
select_index (InflightWindow *self,
              int             index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar, index);

  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
}

static void
step_lesson_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar);
  int delta = g_str_equal (action_name, "win.next-lesson") ? 1 : -1;

  if (row != NULL)
    select_index (self, gtk_list_box_row_get_index (row) + delta);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);

  if (self->playground_shown)
    inflight_playground_run (self->playground);
  else if (self->page != NULL)
    inflight_lesson_page_run (self->page);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);

  if (self->playground_shown)
    inflight_playground_stop (self->playground);
  else if (self->page != NULL)
    inflight_lesson_page_stop (self->page);
}

/* The list of lessons gives its room to the lesson on a small screen, and comes back. */
static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button, !gtk_toggle_button_get_active (self->sidebar_button));
}

/* The diagram's keys that do not move a focus of their own (play, speed, export) work from
 * anywhere in the window, on the lesson's diagram; a control with a use for the key, such as
 * a focused button for Space, has it first. */
static void
diagram_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);
  InflightDiagramPane *pane;
  g_autofree char *name = NULL;

  if (self->playground_shown)
    pane = inflight_run_panel_get_pane (inflight_playground_get_panel (self->playground, 0));
  else if (self->page != NULL && inflight_lesson_page_has_diagram (self->page))
    pane = inflight_run_panel_get_pane (inflight_lesson_page_get_panel (self->page, 0));
  else
    return;

  name = g_strconcat ("diagram.", action_name + strlen ("win.diagram-"), NULL);
  gtk_widget_activate_action (GTK_WIDGET (pane), name, NULL);
}

static void
experiment_file_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);

  if (!self->playground_shown)
    return;
  if (g_str_equal (action_name, "win.save-experiment"))
    inflight_playground_show_save_dialog (self->playground);
  else
    inflight_playground_show_open_dialog (self->playground);
}

/* A .inflight file dropped anywhere on the window opens in the playground. */
static gboolean
on_drop_cb (InflightWindow *self,
            const GValue   *value,
            double          x,
            double          y)
{
  GSList *files;

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    return inflight_window_open_experiment (self, g_value_get_object (value));
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  return inflight_window_open_experiment (self, files->data);
}

/* The keyboard shortcuts window, built the first time it is asked for: GtkApplicationWindow
 * would build it with every window, before the first frame, for a window most never open. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/inflight-shortcuts.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

/* Tab leaves the list of lessons for the page, Shift+Tab for the header bar, as from any
 * other list: a list box would otherwise move its selection, opening lesson after lesson. */
static gboolean
on_sidebar_key_pressed_cb (InflightWindow        *self,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           GtkEventControllerKey *controller)
{
  gboolean backward;
  GtkWidget *target;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;

  backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0;
  target = backward ? gtk_window_get_titlebar (GTK_WINDOW (self))
                    : self->playground_shown ? GTK_WIDGET (self->playground)
                    : self->page != NULL ? GTK_WIDGET (self->page) : NULL;
  if (target != NULL)
    gtk_widget_child_focus (target, backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);

  /* Never a step through the list, even when there is nowhere else to go. */
  return TRUE;
}

static void
restore_state (InflightWindow *self)
{
  GSettings *settings = get_settings (self);
  int last = INFLIGHT_LESSON_FIRST;
  GListModel *lessons = inflight_lessons_get_all ();
  int index = 0;

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last = g_settings_get_int (settings, "last-lesson");
    }

  /* The playground, if it was open last. */
  if (settings != NULL && g_settings_get_boolean (settings, "playground-shown"))
    {
      select_index (self, g_list_model_get_n_items (lessons));
      return;
    }

  /* Reopen the last lesson, or the one before it in the course if it is not offered. */
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);

      if ((int) inflight_lesson_get_number (lesson) <= last)
        index = i;
    }

  select_index (self, index);
}

static gboolean
inflight_window_close_request (GtkWindow *window)
{
  InflightWindow *self = INFLIGHT_WINDOW (window);
  GSettings *settings = get_settings (self);

  /* The lesson on screen keeps its sliders; every lesson's runs and sweeps stop. */
  if (self->page != NULL)
    inflight_lesson_page_leave (self->page);
  if (self->playground != NULL)
    inflight_playground_leave (self->playground);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    if (INFLIGHT_IS_LESSON_PAGE (page))
      inflight_lesson_page_stop (INFLIGHT_LESSON_PAGE (page));

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      /* Not in delay-apply mode: it would stay on and hold back what the pages keep as they go. */
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (inflight_window_parent_class)->close_request (window);
}

/* Once the window has its application: "application" is set after constructed(). */
static void
setup_with_application (InflightWindow *self)
{
  GtkApplication *app;

  app = gtk_window_get_application (GTK_WINDOW (self));

  /* Shown beside the menu's item, as GtkApplication would for a gtk/help-overlay.ui. */
  if (app != NULL)
    gtk_application_set_accels_for_action (app, "win.show-help-overlay", (const char *[]) { "<Control>question", NULL });

  /* Without the application's, progress lasts as long as the window. */
  if (INFLIGHT_IS_APPLICATION (app) && inflight_application_get_progress (INFLIGHT_APPLICATION (app)) != NULL)
    self->progress = g_object_ref (inflight_application_get_progress (INFLIGHT_APPLICATION (app)));
  else
    self->progress = inflight_progress_new (NULL);
  g_signal_connect_object (self->progress, "changed", G_CALLBACK (on_progress_changed_cb), self,
                           G_CONNECT_SWAPPED);
  restore_state (self);
  on_progress_changed_cb (self);
}

static gboolean
apply_narrow_cb (gpointer data)
{
  InflightWindow *self = data;

  self->narrow_idle = 0;
  if (self->narrow)
    {
      self->sidebar_before = gtk_toggle_button_get_active (self->sidebar_button);
      gtk_toggle_button_set_active (self->sidebar_button, FALSE);
    }
  else
    gtk_toggle_button_set_active (self->sidebar_button, self->sidebar_before);
  return G_SOURCE_REMOVE;
}

/* A narrow window gives the lesson the room of the list of lessons, which the toggle in the
 * header bar brings back; widened again, the list is as it was. Changed after the layout,
 * never during it. */
static void
inflight_window_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  InflightWindow *self = INFLIGHT_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (inflight_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_idle == 0)
        self->narrow_idle = g_idle_add (apply_narrow_cb, self);
    }
}

static void
inflight_window_dispose (GObject *object)
{
  InflightWindow *self = INFLIGHT_WINDOW (object);

  g_clear_handle_id (&self->narrow_idle, g_source_remove);

  /* The pages keep their sliders as they go, after the sidebar has gone. */
  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_data (self->progress, self);
  g_clear_object (&self->progress);

  G_OBJECT_CLASS (inflight_window_parent_class)->dispose (object);
}

static void
inflight_window_class_init (InflightWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = inflight_window_dispose;
  widget_class->size_allocate = inflight_window_size_allocate;
  window_class->close_request = inflight_window_close_request;

  g_type_ensure (INFLIGHT_TYPE_LESSON_PAGE);

  /* Referencing the resource keeps it, and its registration, in the static library's link. */
  (void) inflight_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/inflight-window.ui");
  gtk_widget_class_bind_template_child (widget_class, InflightWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, InflightWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, InflightWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, InflightWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, InflightWindow, primary_button);
  gtk_widget_class_bind_template_child (widget_class, InflightWindow, primary_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.previous-lesson", NULL, step_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.next-lesson", NULL, step_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.reset-progress", NULL, reset_progress_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.diagram-play-pause", NULL, diagram_action);
  gtk_widget_class_install_action (widget_class, "win.diagram-faster", NULL, diagram_action);
  gtk_widget_class_install_action (widget_class, "win.diagram-slower", NULL, diagram_action);
  gtk_widget_class_install_action (widget_class, "win.diagram-export", NULL, diagram_action);
  gtk_widget_class_install_action (widget_class, "win.save-experiment", NULL, experiment_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-experiment", NULL, experiment_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.previous-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-lesson", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.diagram-play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "win.diagram-faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "win.diagram-slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.diagram-export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-experiment", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-experiment", NULL);
}

/* The startup benchmark (tests/bench/bench-startup.c) times launches to the first frame:
 * with INFLIGHT_EXIT_AFTER_FIRST_FRAME set, that frame prints when it was painted, on the
 * monotonic clock, and ends the application. */
static void
on_first_frame_painted_cb (GdkFrameClock  *clock,
                           InflightWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted_cb, self);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
on_realize_cb (InflightWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_frame_painted_cb), self, 0);
}

static void
inflight_window_init (InflightWindow *self)
{
  GtkEventController *keys;
  GtkDropTarget *drop;
  GListModel *lessons = inflight_lessons_get_all ();

  gtk_widget_init_template (GTK_WIDGET (self));
  inflight_menu_button_set_menu_later (self->primary_button, self->primary_menu);

  /* A development build's header bar is striped, so it is never taken for a release. */
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* The lessons, then the playground: the list is made once, as the course does not change. */
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);

      gtk_list_box_append (self->sidebar, create_lesson_row (lesson, self));
    }
  gtk_list_box_append (self->sidebar, create_playground_row ());
  update_playground_actions (self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar), keys);

  if (g_getenv ("INFLIGHT_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
}

InflightWindow *
inflight_window_new (InflightApplication *application)
{
  InflightWindow *self = g_object_new (INFLIGHT_TYPE_WINDOW, "application", application, NULL);

  setup_with_application (self);

  return self;
}

InflightLessonPage *
inflight_window_get_page (InflightWindow *self)
{
  g_return_val_if_fail (INFLIGHT_IS_WINDOW (self), NULL);

  return self->page;
}

/**
 * inflight_window_show_lesson:
 *
 * Returns: %FALSE if lesson @number is not offered.
 */
gboolean
inflight_window_show_lesson (InflightWindow *self,
                             guint           number)
{
  GListModel *lessons = inflight_lessons_get_all ();

  g_return_val_if_fail (INFLIGHT_IS_WINDOW (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(InflightLesson) lesson = g_list_model_get_item (lessons, i);

      if (inflight_lesson_get_number (lesson) == number)
        {
          select_index (self, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * inflight_window_show_playground:
 *
 * Returns: (transfer none): the playground, now shown
 */
InflightPlayground *
inflight_window_show_playground (InflightWindow *self)
{
  guint n = g_list_model_get_n_items (inflight_lessons_get_all ());

  g_return_val_if_fail (INFLIGHT_IS_WINDOW (self), NULL);

  select_index (self, n);
  show_playground (self);

  return self->playground;
}

/**
 * inflight_window_open_experiment:
 *
 * Shows the playground and opens @file in it; a file it refuses is reported there.
 *
 * Returns: whether the experiment was opened
 */
gboolean
inflight_window_open_experiment (InflightWindow *self,
                                 GFile          *file)
{
  g_return_val_if_fail (INFLIGHT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return inflight_playground_open_file (inflight_window_show_playground (self), file);
}
