/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-field-error.h"

#define ERROR_ROW_KEY "genu-field-error-row"

/**
 * genu_field_error_attach:
 * @row: a row of a boxed list (an AdwPreferencesGroup)
 *
 * Puts a hidden row for @row's error message right under it, in the same list.
 */
void
genu_field_error_attach (GtkWidget *row)
{
  GtkWidget *error_row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  GtkWidget *list = gtk_widget_get_parent (row);

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  gtk_widget_add_css_class (error_row, "field-error");
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (error_row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_set_visible (error_row, FALSE);

  gtk_list_box_insert (GTK_LIST_BOX (list), error_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  g_object_set_data (G_OBJECT (row), ERROR_ROW_KEY, error_row);
}

/**
 * genu_field_error_set:
 * @message: (nullable): what to type instead; %NULL clears the error
 *
 * Shows @message under @row, marks @row as wrong, and gives screen readers the message as the
 * row's description.
 */
void
genu_field_error_set (GtkWidget  *row,
                      const char *message)
{
  AdwPreferencesRow *error_row = g_object_get_data (G_OBJECT (row), ERROR_ROW_KEY);

  g_return_if_fail (error_row != NULL);

  if (message != NULL)
    {
      adw_preferences_row_set_title (error_row, message);
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      adw_preferences_row_set_title (error_row, "");
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (GTK_WIDGET (error_row), message != NULL);
}

/**
 * genu_field_error_get:
 *
 * Returns: (nullable): the message shown under @row, or %NULL
 */
const char *
genu_field_error_get (GtkWidget *row)
{
  AdwPreferencesRow *error_row = g_object_get_data (G_OBJECT (row), ERROR_ROW_KEY);

  if (error_row == NULL || !gtk_widget_get_visible (GTK_WIDGET (error_row)))
    return NULL;
  return adw_preferences_row_get_title (error_row);
}
