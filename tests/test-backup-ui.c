/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-test-utils.h"
#include "genu-test-ui.h"
#include "genu-test-patient-list.h"

#include "genu-backup.h"
#include "genu-patient-page.h"
#include "genu-preferences-window.h"
#include "genu-window-private.h"

#include <glib/gstdio.h>
#include <string.h>

/* Backups from the window (issue 7): Back Up… writes a checked copy, Restore from Backup… checks
 * the file, asks, and shows the restored patients; a file that is no backup changes nothing; the
 * error page of a damaged database opens a backup; the daily backups; their setting. The file
 * choosers are not driven: the tests call what they lead to with the chosen file. */

typedef struct {
  char       *dir;
  char       *db_path;
  GenuStore  *store;
  GenuWindow *window;
} Fixture;

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                   GENU_TYPE_WINDOW, name);
  g_assert_nonnull (object);
  return object;
}

static void
save_patient (GenuStore  *store,
              const char *family)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
}

static GenuWindow *
new_window (GenuStore  *store,
            const char *db_path)
{
  GenuWindow *window = g_object_new (GENU_TYPE_WINDOW,
                                     "store", store,
                                     "database-path", db_path,
                                     NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "backup-keep");
  fixture->dir = genu_test_make_dir ();
  fixture->db_path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
  save_patient (fixture->store, "Ångström");
  save_patient (fixture->store, "Müller");

  fixture->window = new_window (fixture->store, fixture->db_path);
}

static void
close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
  genu_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  while (_genu_window_get_daily_backup_running (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  genu_test_iterate ();
  g_clear_object (&fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static AdwMessageDialog *
find_dialog (void)
{
  return genu_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
}

/* Answers @dialog as its button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  genu_test_iterate ();
}

/* The message of the one dialog shown, which is then closed. */
static char *
take_error (void)
{
  AdwMessageDialog *dialog = find_dialog ();
  char *body;

  g_assert_nonnull (dialog);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  respond (dialog, "close");
  g_assert_null (find_dialog ());
  return body;
}

static guint
list_rows (Fixture *fixture)
{
  return genu_test_patient_list_n_rows (fixture->window);
}

static char *
row_titles (Fixture *fixture)
{
  return genu_test_patient_list_titles (fixture->window);
}

static GenuStore *
window_store (Fixture *fixture)
{
  GenuStore *store = NULL;

  g_object_get (fixture->window, "store", &store, NULL);
  if (store != NULL)
    g_object_unref (store);  /* the window keeps it */
  return store;
}

/* The one file in the database's folder whose name has @infix. */
static char *
find_kept (Fixture    *fixture,
           const char *infix)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  char *found = NULL;
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, infix) != NULL && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_assert_null (found);
        found = g_build_filename (fixture->dir, name, NULL);
      }
  return found;
}

static gboolean
has_kept (Fixture    *fixture,
          const char *infix)
{
  g_autofree char *found = find_kept (fixture, infix);

  return found != NULL;
}

static char *
write_backup (Fixture *fixture)
{
  char *backup = g_build_filename (fixture->dir, "genu-backup.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);

  g_assert_true (_genu_window_back_up_to (fixture->window, file));
  return backup;
}

static void
test_back_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "genu-backup-2024-03-18.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "b.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *message = NULL;

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->window)));
  g_assert_true (_genu_window_back_up_to (fixture->window, file));
  g_assert_null (find_dialog ());
  g_assert_cmpstr (_genu_window_get_last_toast (fixture->window), ==,
                   "Backup saved to genu-backup-2024-03-18.db");

  g_assert_cmpint (genu_test_file_mode (backup), ==, 0600);
  g_assert_true (genu_backup_check (backup, fixture->db_path, &error));
  g_assert_no_error (error);
  dump = genu_test_dump_file (backup, "SELECT family_name FROM patients ORDER BY id");
  g_assert_nonnull (strstr (dump, "Ångström"));
  g_assert_nonnull (strstr (dump, "Müller"));

  /* A failure says why, in the words of the backup. */
  g_assert_false (_genu_window_back_up_to (fixture->window, nowhere));
  message = take_error ();
  g_assert_nonnull (strstr (message, "there is no folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *backup = write_backup (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autofree char *titles = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_dump = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected_toast = NULL;
  AdwMessageDialog *dialog;

  /* A patient saved after the backup. */
  save_patient (fixture->store, "Nachträglich");
  g_object_set (fixture->window, "show-archived", TRUE, NULL);
  genu_test_iterate ();
  g_assert_cmpuint (list_rows (fixture), ==, 3);

  /* Cancel changes nothing. */
  dialog = _genu_window_restore_from (fixture->window, file);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog),
                                   "Replace the patient database with the backup of "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "genu-backup.db"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "restore"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  genu_test_screenshot (GTK_WINDOW (dialog), "restore-confirm.png", FALSE);
  respond (dialog, "cancel");
  g_assert_null (find_dialog ());
  g_assert_cmpuint (list_rows (fixture), ==, 3);
  g_assert_true (window_store (fixture) == fixture->store);

  /* While something else of Genu's holds the database open, it is not replaced under it. */
  dialog = _genu_window_restore_from (fixture->window, file);
  respond (dialog, "restore");
  message = take_error ();
  g_assert_nonnull (strstr (message, "still in use"));
  g_assert_true (window_store (fixture) == fixture->store);
  g_assert_cmpuint (list_rows (fixture), ==, 3);
  g_assert_false (has_kept (fixture, ".before-restore-"));

  /* Only the window has it open, as in the application. */
  g_clear_object (&fixture->store);
  dialog = _genu_window_restore_from (fixture->window, file);
  respond (dialog, "restore");
  g_assert_null (find_dialog ());

  titles = row_titles (fixture);
  g_assert_cmpstr (titles, ==, "Ångström, Zoë; Müller, Zoë");
  g_assert_nonnull (window_store (fixture));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture, "content_stack")), ==,
                   "none");

  /* The database as it was is kept, and the toast says where. */
  kept = find_kept (fixture, ".before-restore-");
  g_assert_nonnull (kept);
  kept_dump = genu_test_dump_file (kept, "SELECT family_name FROM patients ORDER BY id");
  g_assert_nonnull (strstr (kept_dump, "Nachträglich"));
  expected_toast = g_strdup_printf ("Backup restored. The previous database is kept in %s",
                                    kept);
  g_assert_cmpstr (_genu_window_get_last_toast (fixture->window), ==, expected_toast);

  /* The window goes on with the restored database. */
  save_patient (window_store (fixture), "Danach");
  g_object_set (fixture->window, "show-archived", FALSE, NULL);
  genu_test_iterate ();
  g_assert_cmpuint (list_rows (fixture), ==, 3);
}

/* Unsaved changes in a form are not dropped silently by a restore. */
static void
test_restore_unsaved (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *backup = write_backup (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  GenuPatientPage *page = child (fixture, "patient_page");
  AdwMessageDialog *dialog;

  g_clear_object (&fixture->store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-patient",
                                             NULL));
  genu_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (genu_patient_page_get_field (page, "family_name")),
                         "Ungespeichert");
  genu_test_iterate ();
  g_assert_true (genu_patient_page_get_dirty (page));

  dialog = _genu_window_restore_from (fixture->window, file);
  respond (dialog, "restore");

  /* Asked first; Cancel keeps the form and the database. */
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  respond (dialog, "cancel");
  g_assert_true (genu_patient_page_get_dirty (page));
  g_assert_false (has_kept (fixture, ".before-restore-"));

  /* Discard, and the restore goes on. */
  dialog = _genu_window_restore_from (fixture->window, file);
  respond (dialog, "restore");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "discard");
  g_assert_null (find_dialog ());
  g_assert_true (has_kept (fixture, ".before-restore-"));
  g_assert_cmpuint (list_rows (fixture), ==, 2);
}

static void
test_restore_bad_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "notes.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (bad, "Patients: Müller, Ångström\n", -1, NULL));
  g_clear_object (&fixture->store);
  before = genu_test_file_sha256 (fixture->db_path, NULL);

  g_assert_null (_genu_window_restore_from (fixture->window, file));
  message = take_error ();
  g_assert_nonnull (strstr (message, "is not a Genu backup: it is not a database"));

  after = genu_test_file_sha256 (fixture->db_path, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (has_kept (fixture, ".before-restore-"));
  g_assert_cmpuint (list_rows (fixture), ==, 2);
}

/* A database that cannot be opened: the error page opens a backup, and the patients are back. */
static void
test_error_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup = write_backup (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GError) error = NULL;
  g_autofree char *damaged_sum = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_sum = NULL;
  g_autofree char *titles = NULL;
  GtkWidget *button;
  AdwMessageDialog *dialog;

  /* The window of a database that cannot be opened, as the application makes it. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->store);
  genu_test_iterate ();
  g_assert_true (g_file_set_contents (fixture->db_path, "this is not a database", -1, NULL));
  damaged_sum = genu_test_file_sha256 (fixture->db_path, NULL);
  g_assert_null (genu_store_open (fixture->db_path, &error));
  g_assert_nonnull (error);
  fixture->window = new_window (NULL, fixture->db_path);
  genu_window_show_error (fixture->window, error->message);
  genu_test_iterate ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture, "main_stack")), ==,
                   "error");
  button = child (fixture, "open_backup_button");
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.restore-backup");
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Open a Backup…");
  g_assert_true (gtk_widget_is_sensitive (button));
  genu_test_screenshot (GTK_WINDOW (fixture->window), "error-page-open-backup.png", FALSE);

  dialog = _genu_window_restore_from (fixture->window, file);
  g_assert_nonnull (dialog);
  respond (dialog, "restore");
  g_assert_null (find_dialog ());

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture, "main_stack")), ==,
                   "main");
  titles = row_titles (fixture);
  g_assert_cmpstr (titles, ==, "Ångström, Zoë; Müller, Zoë");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (child (fixture, "patient_list"))));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture->window)));

  /* The damaged file is kept as it was. */
  kept = find_kept (fixture, ".before-restore-");
  g_assert_nonnull (kept);
  kept_sum = genu_test_file_sha256 (kept, NULL);
  g_assert_cmpstr (kept_sum, ==, damaged_sum);
}

static void
wait_for_daily_backup (Fixture *fixture)
{
  while (_genu_window_get_daily_backup_running (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  genu_test_iterate ();
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (dir == NULL)
    return g_strdup ("(none)");
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_daily (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *expected = g_strdup_printf ("genu-%s.db", date);
  g_autofree char *today = g_build_filename (folder, expected, NULL);
  g_autofree char *listing = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *old = g_build_filename (folder, "genu-2001-01-02.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep"), ==, 7);

  /* Off: nothing. */
  g_settings_set_uint (settings, "backup-keep", 0);
  genu_window_start_daily_backup (fixture->window);
  wait_for_daily_backup (fixture);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* On: today's backup in "backups" beside the database, in a private folder. */
  g_settings_set_uint (settings, "backup-keep", 1);
  genu_window_start_daily_backup (fixture->window);
  wait_for_daily_backup (fixture);
  listing = list_folder (folder);
  g_assert_cmpstr (listing, ==, expected);
  g_assert_cmpint (genu_test_file_mode (folder), ==, 0700);
  g_assert_cmpint (genu_test_file_mode (today), ==, 0600);
  dump = genu_test_dump_file (today, "SELECT family_name FROM patients ORDER BY id");
  g_assert_nonnull (strstr (dump, "Müller"));
  g_assert_null (_genu_window_get_last_toast (fixture->window));

  /* The next day (today's file renamed as if older), with older ones: keep-N, newest first. */
  {
    g_autofree char *older = g_build_filename (folder, "genu-2001-01-03.db", NULL);
    g_autofree char *oldest = g_build_filename (folder, "genu-2001-01-01.db", NULL);
    g_autofree char *expected_listing = g_strdup_printf ("genu-2001-01-03.db %s", expected);

    g_assert_cmpint (g_rename (today, older), ==, 0);
    g_assert_true (g_file_set_contents (old, "", 0, NULL));
    g_assert_true (g_file_set_contents (oldest, "", 0, NULL));
    g_settings_set_uint (settings, "backup-keep", 2);

    gtk_window_destroy (GTK_WINDOW (fixture->window));
    fixture->window = new_window (fixture->store, fixture->db_path);
    genu_window_start_daily_backup (fixture->window);
    wait_for_daily_backup (fixture);
    again = list_folder (folder);
    g_assert_cmpstr (again, ==, expected_listing);

    /* Started again the same day: no second file, nothing else changed. */
    gtk_window_destroy (GTK_WINDOW (fixture->window));
    fixture->window = new_window (fixture->store, fixture->db_path);
    genu_window_start_daily_backup (fixture->window);
    wait_for_daily_backup (fixture);
    g_free (again);
    again = list_folder (folder);
    g_assert_cmpstr (again, ==, expected_listing);
  }
}

static void
test_daily_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  const char *shown;

  /* A file where the folder should be. */
  g_assert_true (g_file_set_contents (folder, "", 0, NULL));
  genu_window_start_daily_backup (fixture->window);
  wait_for_daily_backup (fixture);

  shown = _genu_window_get_last_toast (fixture->window);
  g_assert_nonnull (shown);
  g_assert_true (g_str_has_prefix (shown, "The daily backup was not made: Could not create the "
                                          "backup folder"));
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *prefs = genu_preferences_window_new (GTK_WINDOW (fixture->window));
  GtkSpinButton *keep;
  AdwActionRow *row;
  g_autofree char *folder = genu_backup_daily_folder (fixture->db_path);

  genu_preferences_window_set_backup_folder (GENU_PREFERENCES_WINDOW (prefs), folder);
  gtk_window_present (GTK_WINDOW (prefs));
  genu_test_iterate ();

  keep = GTK_SPIN_BUTTON (genu_preferences_window_get_field (GENU_PREFERENCES_WINDOW (prefs),
                                                             "backup-keep"));
  row = ADW_ACTION_ROW (genu_preferences_window_get_field (GENU_PREFERENCES_WINDOW (prefs),
                                                           "backup-row"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Daily backups to keep");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), folder));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "data");
  genu_test_screenshot (GTK_WINDOW (prefs), "preferences-backups.png", FALSE);
  g_assert_cmpfloat (gtk_spin_button_get_value (keep), ==, 7);
  gtk_spin_button_set_value (keep, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep"), ==, 30);
  gtk_spin_button_set_value (keep, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep"), ==, 0);
  g_settings_set_uint (settings, "backup-keep", 12);
  g_assert_cmpfloat (gtk_spin_button_get_value (keep), ==, 12);
  /* The range of the key. */
  gtk_spin_button_set_value (keep, 1000);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep"), ==, 365);

  gtk_window_destroy (GTK_WINDOW (prefs));
  genu_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup-ui/back-up", test_back_up);
  ADD ("/backup-ui/restore", test_restore);
  ADD ("/backup-ui/restore/unsaved-changes", test_restore_unsaved);
  ADD ("/backup-ui/restore/bad-file", test_restore_bad_file);
  ADD ("/backup-ui/restore/error-page", test_error_page);
  ADD ("/backup-ui/daily", test_daily);
  ADD ("/backup-ui/daily/fails", test_daily_fails);
  ADD ("/backup-ui/preferences", test_preferences);

#undef ADD

  return g_test_run ();
}
