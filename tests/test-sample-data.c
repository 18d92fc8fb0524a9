/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-test-utils.h"
#include "genu-test-ui.h"

#include "genu-window.h"

/* "Try with Sample Data" (issue 8): the empty window offers it; it opens a database of made-up
 * patients beside the therapist's own, says so across the window, and "Back to Your Records"
 * returns to the therapist's database, which the sample data never touched. */

static gpointer
child (GtkWidget  *window,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (window, GENU_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static GenuStore *
window_store (GtkWidget *window)
{
  GenuStore *store = NULL;

  g_object_get (window, "store", &store, NULL);
  g_assert_nonnull (store);
  g_object_unref (store);
  return store;
}

static gint64
count_patients (GtkWidget *window)
{
  g_autoptr(GError) error = NULL;
  gint64 n = genu_store_count_patients (window_store (window), TRUE, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_try_and_leave (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *db_path = g_build_filename (dir, "genu.db", NULL);
  g_autofree char *sample_path = g_build_filename (dir, "genu-sample.db", NULL);
  g_autoptr(GError) error = NULL;
  GenuStore *store = genu_store_open (db_path, &error);
  GtkWidget *window;
  GtkWidget *button;
  GtkRevealer *banner;
  GtkStack *list_stack;
  g_autofree char *records_before = NULL;
  g_autofree char *sample_sha = NULL;
  g_autofree char *sample_sha_again = NULL;

  g_assert_no_error (error);
  window = g_object_new (GENU_TYPE_WINDOW, "store", store, "database-path", db_path, NULL);
  g_object_unref (store);  /* the window's own, so that it can close it */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  /* The empty window offers the sample data beside "New Patient". */
  list_stack = child (window, "list_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  button = child (window, "sample_button");
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Try with Sample Data");
  banner = child (window, "sample_banner");
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_false (g_file_test (sample_path, G_FILE_TEST_EXISTS));
  records_before = genu_test_file_sha256 (db_path, NULL);

  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();

  /* Made-up patients, in a database of their own, and the window says so. */
  g_assert_true (genu_window_is_showing_sample_data (GENU_WINDOW (window)));
  g_assert_cmpstr (genu_store_get_path (window_store (window)), ==, sample_path);
  g_assert_cmpint (count_patients (window), ==, 120);
  g_assert_cmpint (genu_test_file_mode (sample_path), ==, 0600);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), !=, "empty");
  g_assert_false (gtk_widget_is_drawable (button));
  gtk_test_widget_wait_for_draw (window);
  genu_test_screenshot (GTK_WINDOW (window), "sample-data.png", FALSE);

  /* Back to the therapist's records: still empty, the file as it was. */
  gtk_widget_activate_action (window, "win.leave-sample-data", NULL);
  genu_test_iterate ();
  g_assert_false (genu_window_is_showing_sample_data (GENU_WINDOW (window)));
  g_assert_cmpstr (genu_store_get_path (window_store (window)), ==, db_path);
  g_assert_cmpint (count_patients (window), ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");

  /* The sample database is made once and opened again as it is. */
  sample_sha = genu_test_file_sha256 (sample_path, NULL);
  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
  g_assert_cmpint (count_patients (window), ==, 120);
  gtk_widget_activate_action (window, "win.leave-sample-data", NULL);
  genu_test_iterate ();
  sample_sha_again = genu_test_file_sha256 (sample_path, NULL);
  g_assert_cmpstr (sample_sha, ==, sample_sha_again);

  gtk_window_destroy (GTK_WINDOW (window));
  genu_test_iterate ();

  {
    g_autofree char *records_after = genu_test_file_sha256 (db_path, NULL);

    g_assert_cmpstr (records_before, ==, records_after);
  }
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
  genu_test_load_style ();

  g_test_add_func ("/ui/sample-data/try-and-leave", test_try_and_leave);

  return g_test_run ();
}
