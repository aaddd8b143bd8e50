/* inflight-test-widgets.c
 * Helpers the widget tests share: find a control by the name a screen reader hears, wait for a run.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-test-widgets.h"

/* A button's name is its label's text, unless it was given one of its own; a slider's is
 * the label the test accessibility backend kept for it. */
static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget)))), name))
    return TRUE;

  if (GTK_IS_SCALE (widget) || GTK_IS_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget))
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                      name);
      return mismatch == NULL;
    }

  return FALSE;
}

/**
 * inflight_test_find_control:
 *
 * Returns: (nullable): the first control under @root, shown on screen (its
 * whole chain of parents visible), that a screen reader names @name; or a
 * button of that name that is hidden for now, as Stop is while idle.
 */
GtkWidget *
inflight_test_find_control (GtkWidget  *root,
                            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* A stack's pages not shown are visible but not child-visible: they are not on screen. */
      if (!gtk_widget_get_child_visible (child))
        continue;
      if (!gtk_widget_get_visible (child) && !GTK_IS_BUTTON (child))
        continue;

      if (is_named (child, name))
        return child;

      if (!gtk_widget_get_visible (child))
        continue;

      found = inflight_test_find_control (child, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * inflight_test_wait_until_idle:
 *
 * Iterates the main context until @page has no run under way, or
 * @timeout_ms has gone by, then lets the run's completion arrive.
 */
void
inflight_test_wait_until_idle (InflightLessonPage *page,
                               guint               timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (inflight_lesson_page_get_running (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/**
 * inflight_test_iterate_for:
 *
 * Iterates the main context, without blocking, for @ms milliseconds: long
 * enough for frames to be drawn and idles to run.
 */
void
inflight_test_iterate_for (guint ms)
{
  for (gint64 end = g_get_monotonic_time () + (gint64) ms * 1000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
}

/**
 * inflight_test_open_new_menu:
 *
 * Opens @button's menu for the first time, checking that it had not been made before (so not
 * for the window's first frame) and that it shows once opened.
 *
 * Returns: (transfer none): the menu's model
 */
GMenuModel *
inflight_test_open_new_menu (GtkMenuButton *button)
{
  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (button));

  gtk_menu_button_popup (button);
  inflight_test_iterate_for (100);
  g_assert_nonnull (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));

  return gtk_menu_button_get_menu_model (button);
}

/**
 * inflight_test_find_widget:
 *
 * Returns: (nullable) (transfer none): the first widget of @type below @root, depth first
 */
GtkWidget *
inflight_test_find_widget (GtkWidget *root,
                           GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : inflight_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}
