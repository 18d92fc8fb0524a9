/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers for the window's patient list (a GtkListView over GenuPatientList): what it holds,
 * what a row on screen shows, and clicking a row, for the widget tests. */

#include <adwaita.h>

#include "genu-patient-row.h"
#include "genu-window.h"

static inline GtkListView *
genu_test_patient_list (gpointer window)
{
  GObject *list = gtk_widget_get_template_child (GTK_WIDGET (window), GENU_TYPE_WINDOW,
                                                 "patient_list");

  g_assert_true (GTK_IS_LIST_VIEW (list));
  return GTK_LIST_VIEW (list);
}

/* How many patients the list holds: the rows a scroll can reach. */
static inline guint
genu_test_patient_list_n_rows (gpointer window)
{
  GtkListView *list = genu_test_patient_list (window);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static inline GenuPatientRow *
genu_test_find_patient_row (GtkWidget *widget,
                            gint64     patient_id)
{
  if (GENU_IS_PATIENT_ROW (widget))
    {
      GenuPatient *patient = genu_patient_row_get_patient (GENU_PATIENT_ROW (widget));

      return patient != NULL && genu_patient_get_id (patient) == patient_id
             ? GENU_PATIENT_ROW (widget) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GenuPatientRow *row = genu_test_find_patient_row (child, patient_id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

/* The row on screen that shows the patient at @index of the list, once the list is drawn. */
static inline GenuPatientRow *
genu_test_patient_row (gpointer window,
                       guint    index)
{
  GtkListView *list = genu_test_patient_list (window);
  g_autoptr(GenuPatient) patient = NULL;
  GenuPatientRow *row;

  patient = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), index);
  g_assert_nonnull (patient);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (list));
  row = genu_test_find_patient_row (GTK_WIDGET (list), genu_patient_get_id (patient));
  g_assert_nonnull (row);
  return row;
}

/* The names the rows show, "; " between them. */
static inline char *
genu_test_patient_list_titles (gpointer window)
{
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < genu_test_patient_list_n_rows (window); i++)
    g_string_append_printf (titles, "%s%s", i > 0 ? "; " : "",
                            genu_patient_row_get_title (genu_test_patient_row (window, i)));
  return g_string_free (titles, FALSE);
}

/* A click on the row at @index: what a click does, through the row's own action. */
static inline void
genu_test_patient_list_click (gpointer window,
                              guint    index)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (genu_test_patient_row (window, index)));

  g_assert_true (gtk_widget_activate_action (item, "listitem.select", "(bb)", FALSE, FALSE));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
