/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "genu-import-dialog.h"
#include "genu-test-ui.h"
#include "genu-test-utils.h"
#include "genu-window.h"

/* "Import Patients…" (issue 8): the dialog shown after the file chooser. */

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
row_title (GtkListBox *list,
           guint       index)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, index)));
}

static void
test_import_with_problems (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *db_path = g_build_filename (dir, "genu.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "patients.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GenuWindow *window;
  GenuImportDialog *dialog;
  GtkListView *patient_list;

  g_file_set_contents (csv_path,
                       "family_name,given_names,date_of_birth,record_number,email\n"
                       "Alpha,Anna,1980-01-01,R-1,\n"
                       "Beta,Ben,1981-02-30,R-2,\n"
                       "Gamma,Gus,1982-03-03,,gus@\n"
                       "Delta,Dora,1983-04-04,,\n", -1, &error);
  g_assert_no_error (error);
  store = genu_store_open (db_path, &error);
  g_assert_no_error (error);

  window = g_object_new (GENU_TYPE_WINDOW, "store", store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  dialog = GENU_IMPORT_DIALOG (genu_window_import_file (window, csv));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  genu_test_screenshot (GTK_WINDOW (dialog), "import-dialog-problems.png", FALSE);

  /* The preview shows the good rows, the problems list the bad ones, and Import waits. */
  g_assert_cmpuint (count_rows (genu_import_dialog_get_preview (dialog)), ==, 2);
  g_assert_cmpstr (row_title (genu_import_dialog_get_preview (dialog), 0), ==, "Alpha, Anna");
  g_assert_cmpstr (row_title (genu_import_dialog_get_preview (dialog), 1), ==, "Delta, Dora");
  g_assert_cmpuint (count_rows (genu_import_dialog_get_problems (dialog)), ==, 2);
  g_assert_cmpstr (row_title (genu_import_dialog_get_problems (dialog), 0), ==,
                   "Row 3, date_of_birth");
  g_assert_cmpstr (row_title (genu_import_dialog_get_problems (dialog), 1), ==, "Row 4, email");
  g_assert_false (gtk_widget_is_sensitive (genu_import_dialog_get_import_button (dialog)));

  gtk_switch_set_active (GTK_SWITCH (genu_import_dialog_get_skip_switch (dialog)), TRUE);
  g_assert_true (gtk_widget_is_sensitive (genu_import_dialog_get_import_button (dialog)));

  g_signal_emit_by_name (genu_import_dialog_get_import_button (dialog), "clicked");
  genu_test_iterate ();

  g_assert_cmpint (genu_store_count_patients (store, TRUE, NULL), ==, 2);
  /* The window's list shows the two imported patients. */
  patient_list = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                               GENU_TYPE_WINDOW, "patient_list"));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (gtk_list_view_get_model (patient_list))), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  genu_test_iterate ();
  g_clear_object (&store);
  genu_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/import-dialog/problems-skip-import", test_import_with_problems);

  return g_test_run ();
}
