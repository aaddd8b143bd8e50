/* inflight-menu-button.c
 * A menu button whose menu is made the first time it opens. A popover menu makes a widget for
 * each of its items as soon as it is given its model, and a window's first frame would wait
 * for menus that nobody has opened yet.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "inflight-menu-button.h"

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *model = user_data;

  /* Called on every opening: the menu is made once, and kept. */
  if (gtk_menu_button_get_menu_model (button) != model)
    gtk_menu_button_set_menu_model (button, model);
}

/**
 * inflight_menu_button_set_menu_later:
 * @button: a menu button without a menu
 * @model: the menu it opens
 *
 * Gives @button its menu when it first opens (by a click, a key or gtk_menu_button_popup()).
 */
void
inflight_menu_button_set_menu_later (GtkMenuButton *button,
                                     GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popup_cb, g_object_ref (model), g_object_unref);
}
