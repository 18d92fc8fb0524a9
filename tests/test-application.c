/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-test-ui.h"
#include "genu-test-utils.h"

#include "genu-application.h"
#include "genu-window.h"

/* The application as it starts for real: it opens the database named by GENU_DATABASE, shows the
 * window, and its About and Keyboard Shortcuts windows open; a database it cannot use is explained
 * in the window instead of a crash. */

typedef struct {
  gboolean  saw_window;
  gboolean  saw_about;
  gboolean  saw_shortcuts;
  gboolean  saw_error_page;
} Seen;

static gboolean
has_toplevel (GType type)
{
  return genu_test_find_window (type) != NULL;
}

static void
activated_cb (GApplication *app,
              Seen         *seen)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkStack *main_stack;

  seen->saw_window = GENU_IS_WINDOW (window);
  if (!seen->saw_window)
    goto quit;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), GENU_TYPE_WINDOW,
                                                         "main_stack"));
  seen->saw_error_page = g_str_equal (gtk_stack_get_visible_child_name (main_stack), "error");

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  genu_test_iterate ();
  seen->saw_about = has_toplevel (ADW_TYPE_ABOUT_WINDOW);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  genu_test_iterate ();
  seen->saw_shortcuts = has_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

quit:
  g_application_quit (app);
}

static void
run_app (const char *database,
         Seen       *seen)
{
  g_autoptr(GenuApplication) app = genu_application_new ();
  char *argv[] = { (char *) "genu", NULL };

  /* Unique applications need a session bus; the tests may have none. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_setenv ("GENU_DATABASE", database, TRUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), seen);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

static void
test_start (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "genu", NULL);
  g_autofree char *db = g_build_filename (folder, "genu.db", NULL);
  Seen seen = { 0 };

  run_app (db, &seen);

  g_assert_true (seen.saw_window);
  g_assert_false (seen.saw_error_page);
  g_assert_true (seen.saw_about);
  g_assert_true (seen.saw_shortcuts);

  /* The database was made where asked, for its owner only. */
  g_assert_cmpint (genu_test_file_mode (folder), ==, 0700);
  g_assert_cmpint (genu_test_file_mode (db), ==, 0600);

  genu_test_remove_tree (dir);
}

static void
test_unusable_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Seen seen = { 0 };

  g_assert_true (g_file_set_contents (path, "Not a database, just notes.\n", -1, &error));
  before = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Not a database, just notes.\n", -1);

  run_app (path, &seen);

  /* The window explains the problem, and the file is left as it was. */
  g_assert_true (seen.saw_window);
  g_assert_true (seen.saw_error_page);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    after = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, length);
  }
  g_assert_cmpstr (before, ==, after);

  genu_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/application/start", test_start);
  g_test_add_func ("/ui/application/unusable-database", test_unusable_database);

  return g_test_run ();
}
