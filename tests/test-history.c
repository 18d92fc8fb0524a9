/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-test-utils.h"
#include "genu-test-ui.h"
#include "genu-test-patient-list.h"

#include "genu-application.h"
#include "genu-history-dialog.h"
#include "genu-patient-page.h"
#include "genu-window.h"

/* The history of changes of a patient (issue 7), opened from the patient page as a therapist
 * does: newest first, who made each change and when, the values before and after, the name from
 * the Preferences on the changes that carry none of their own, and a warning that cannot be
 * missed when the audit trail was altered. */

typedef struct {
  char       *dir;
  char       *db_path;
  GenuStore  *store;
  GenuWindow *window;
} Fixture;

static gpointer
window_child (GtkWidget  *window,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (window, GENU_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
dialog_child (GtkWidget  *dialog,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (dialog, GENU_TYPE_HISTORY_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
history_button (GtkWidget *window)
{
  GObject *button = gtk_widget_get_template_child (window_child (window, "patient_page"),
                                                   GENU_TYPE_PATIENT_PAGE, "history_button");

  g_assert_nonnull (button);
  return GTK_WIDGET (button);
}

static GtkWidget *
find_history_dialog (void)
{
  return genu_test_find_window (GENU_TYPE_HISTORY_DIALOG);
}

/* Clicks the History button of the patient page and returns the dialog it opened. */
static GtkWidget *
open_history (GtkWidget *window)
{
  GtkWidget *button = history_button (window);
  GtkWidget *dialog;

  g_assert_null (find_history_dialog ());
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A click, as the pointer or Enter on the focused button gives. */
  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();

  dialog = find_history_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  gtk_test_widget_wait_for_draw (dialog);
  return dialog;
}

static void
close_history (GtkWidget *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  genu_test_iterate ();
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* The text of each row of the history, top to bottom, one label a line. */
static GPtrArray *
history_rows (GtkWidget *dialog)
{
  GtkListBox *list = dialog_child (dialog, "list");
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GString *text = g_string_new (NULL);

      collect_text (GTK_WIDGET (row), text);
      g_ptr_array_add (rows, g_string_free (text, FALSE));
    }
  return rows;
}

static void
assert_has_line (const char *text,
                 const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (!g_strv_contains ((const char * const *) lines, line))
    g_error ("“%s” is not a line of:\n%s", line, text);
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (strstr (text, part) != NULL)
    g_error ("“%s” should not be in:\n%s", part, text);
}

/* "4 Mar 2026, 14:05:09 — Ana Ruiz": the time of @entry in this machine's time zone. */
static char *
expected_byline (const GenuAuditEntry *entry,
                 const char           *therapist)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (entry->at, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_assert_nonnull (utc);
  local = g_date_time_to_local (utc);
  date = g_date_time_format (local, "%-d %b %Y");
  time = g_date_time_format (local, "%X");
  return g_strdup_printf ("%s, %s — %s", date, time, therapist);
}

static GtkWidget *
broken_banner (GtkWidget *dialog)
{
  return dialog_child (dialog, "broken_banner");
}

static void
screenshot (GtkWidget  *dialog,
            const char *name)
{
  g_autofree char *light = g_strconcat (name, ".png", NULL);
  g_autofree char *dark = g_strconcat (name, "-dark.png", NULL);

  genu_test_screenshot (GTK_WINDOW (dialog), light, FALSE);
  genu_test_screenshot (GTK_WINDOW (dialog), dark, TRUE);
}

/* The application, as it runs: the therapist name from the Preferences lands in the trail, and
 * a change of the name in the Preferences applies to the changes after it. */

typedef struct {
  gboolean done;
} AppRun;

static void
type_into (GtkWidget  *window,
           const char *field,
           const char *text)
{
  GtkWidget *entry = genu_patient_page_get_field (window_child (window, "patient_page"), field);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  genu_test_iterate ();
}

static void
activate (GtkWidget  *window,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (window, action, NULL));
  genu_test_iterate ();
}

static void
app_activated_cb (GApplication *app,
                  AppRun       *run)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *byline = NULL;
  GtkWidget *dialog;

  g_assert_true (GENU_IS_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_test_widget_wait_for_draw (window);
  g_object_get (window, "store", &store, NULL);
  g_assert_nonnull (store);

  /* A patient never saved has no history to show. */
  activate (window, "win.new-patient");
  g_assert_false (gtk_widget_get_visible (history_button (window)));
  g_assert_false (gtk_widget_is_sensitive (history_button (window)));

  type_into (window, "family_name", "Mustermann");
  type_into (window, "given_names", "Erika");
  type_into (window, "date_of_birth", "1984-06-02");
  type_into (window, "phone", "555 1234");
  activate (window, "win.save");

  /* Another therapist takes over: the name changes in the Preferences, then the phone. */
  g_settings_set_string (settings, "therapist-name", "Ben Ortiz");
  genu_test_iterate ();
  type_into (window, "phone", "555 9876");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (
    window_child (window, "patient_page"), GENU_TYPE_PATIENT_PAGE, "sex")), GENU_SEX_FEMALE);
  genu_test_iterate ();
  activate (window, "win.save");

  entries = genu_store_list_audit (store, 0, NULL);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((GenuAuditEntry *) g_ptr_array_index (entries, 0))->therapist, ==,
                   "Ana Ruiz");
  g_assert_cmpstr (((GenuAuditEntry *) g_ptr_array_index (entries, 1))->therapist, ==,
                   "Ben Ortiz");

  genu_test_screenshot (GTK_WINDOW (window), "history-button.png", FALSE);
  dialog = open_history (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_child (dialog, "stack")), ==, "list");
  g_assert_false (gtk_widget_get_visible (broken_banner (dialog)));
  rows = history_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 2);

  /* Newest first: the update, by the new name, with the phone before and after and nothing
   * about the fields that did not change. */
  assert_has_line (rows->pdata[0], "Patient details updated");
  byline = expected_byline (g_ptr_array_index (entries, 1), "Ben Ortiz");
  assert_has_line (rows->pdata[0], byline);
  assert_has_line (rows->pdata[0], "Phone");
  assert_has_line (rows->pdata[0], "555 1234 → 555 9876");
  /* Codes in the record read as the form shows them. */
  assert_has_line (rows->pdata[0], "Sex");
  assert_has_line (rows->pdata[0], "Not recorded → Female");
  assert_lacks (rows->pdata[0], "Family name");
  assert_lacks (rows->pdata[0], "updated_at");

  /* Then the creation, by the name in the Preferences at the time. */
  g_clear_pointer (&byline, g_free);
  byline = expected_byline (g_ptr_array_index (entries, 0), "Ana Ruiz");
  assert_has_line (rows->pdata[1], "Patient created");
  assert_has_line (rows->pdata[1], byline);

  screenshot (dialog, "history");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 600);
  genu_test_iterate ();
  gtk_test_widget_wait_for_draw (dialog);
  /* Nothing in it needs more room than a phone's 360 pixels. */
  {
    int minimum;

    gtk_widget_measure (adw_window_get_content (ADW_WINDOW (dialog)), GTK_ORIENTATION_HORIZONTAL,
                        -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
    g_assert_cmpint (gtk_widget_get_width (dialog), <=, 360);
  }
  screenshot (dialog, "history-narrow");
  close_history (dialog);

  run->done = TRUE;
  g_application_quit (app);
}

static void
test_application_therapist (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "genu.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GenuApplication) app = genu_application_new ();
  char *argv[] = { (char *) "genu", NULL };
  AppRun run = { FALSE };

  g_settings_set_string (settings, "therapist-name", "Ana Ruiz");

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_setenv ("GENU_DATABASE", db, TRUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (app_activated_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (run.done);

  g_settings_reset (settings, "therapist-name");
  genu_test_remove_tree (dir);
}

/* A window on a database of the test's own, the patient made through the store. */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->db_path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->db_path, &error);
  g_assert_no_error (error);
}

static void
show_window (Fixture *fixture)
{
  fixture->window = g_object_new (GENU_TYPE_WINDOW, "store", fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* The therapist opens the first patient of the list. */
  genu_test_patient_list_click (fixture->window, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  genu_test_iterate ();
  g_clear_object (&fixture->store);

  genu_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static GenuPatient *
save_patient (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = genu_patient_new ();

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Baker");
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Anna");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  return patient;
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db = genu_test_sqlite_open (fixture->db_path);

  genu_test_sqlite_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A visit and its update, the archiving of the patient, and changes with no therapist known. */
static void
test_records (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) patient = save_patient (fixture);
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *dialog;

  genu_visit_set_patient_id (visit, genu_patient_get_id (patient));
  genu_visit_set_kind (visit, GENU_VISIT_FOLLOW_UP);
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2026-03-04");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Cleo Park");
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "Pain on stairs.");
  g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "Pain on stairs and after 10 km.");
  g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_set_patient_archived (fixture->store, genu_patient_get_id (patient),
                                                  TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_set_patient_archived (fixture->store, genu_patient_get_id (patient),
                                                  FALSE, &error));
  g_assert_no_error (error);

  show_window (fixture);
  dialog = open_history (GTK_WIDGET (fixture->window));
  rows = history_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 5);

  assert_has_line (rows->pdata[0], "Patient restored");
  assert_has_line (rows->pdata[0], "Archived");
  assert_has_line (rows->pdata[0], "Yes → No");
  assert_has_line (rows->pdata[1], "Patient archived");
  assert_has_line (rows->pdata[1], "No → Yes");
  /* No name in the Preferences: the changes to the patient say so. */
  g_assert_nonnull (strstr (rows->pdata[1], " — Unknown therapist\n"));

  /* The visit's own therapist, its date in the user's locale, the field that changed. */
  assert_has_line (rows->pdata[2], "Visit of 4 Mar 2026 updated");
  g_assert_nonnull (strstr (rows->pdata[2], " — Cleo Park\n"));
  assert_has_line (rows->pdata[2], "Subjective");
  assert_has_line (rows->pdata[2], "Pain on stairs. → Pain on stairs and after 10 km.");
  assert_lacks (rows->pdata[2], "Date\n");
  assert_has_line (rows->pdata[3], "Visit of 4 Mar 2026 created");
  assert_has_line (rows->pdata[4], "Patient created");

  g_assert_false (gtk_widget_get_visible (broken_banner (dialog)));
  screenshot (dialog, "history-records");
  close_history (dialog);
}

/* Entries changed behind Genu's back: the history says it cannot be trusted, and which entry. */
static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) patient = save_patient (fixture);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *dialog;
  GtkWidget *banner;
  g_autoptr(GString) banner_text = g_string_new (NULL);

  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "555 1234");
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "555 9876");
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);

  exec_sql (fixture, "DROP TRIGGER audit_log_no_update;"
                     "DROP TRIGGER audit_log_no_delete;"
                     "UPDATE audit_log SET new_values = replace (new_values, '555 1234', '555 0000')"
                     " WHERE id = 2");

  show_window (fixture);
  dialog = open_history (GTK_WIDGET (fixture->window));
  banner = broken_banner (dialog);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_true (gtk_widget_get_mapped (banner));
  collect_text (banner, banner_text);
  g_assert_nonnull (strstr (banner_text->str, "altered outside Genu at entry 2"));
  g_assert_nonnull (strstr (banner_text->str, "cannot be trusted"));

  /* The altered entry itself is marked; the ones around it are not. */
  rows = history_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_has_line (rows->pdata[1], "No. 2");
  g_assert_nonnull (strstr (rows->pdata[1], "was altered"));
  assert_lacks (rows->pdata[0], "was altered");
  assert_lacks (rows->pdata[2], "was altered");

  screenshot (dialog, "history-tampered");
  close_history (dialog);
}

/* A patient from before the audit trail (its entries are not there): the empty state. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GenuPatient) patient = save_patient (fixture);
  GtkWidget *dialog;

  exec_sql (fixture, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log");

  show_window (fixture);
  dialog = open_history (GTK_WIDGET (fixture->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog_child (dialog, "stack")), ==,
                   "empty");
  g_assert_cmpstr (adw_status_page_get_title (dialog_child (dialog, "empty_page")), ==,
                   "No Changes Recorded");
  close_history (dialog);
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

  g_test_add_func ("/ui/history/application-therapist", test_application_therapist);
  g_test_add ("/ui/history/records", Fixture, NULL, fixture_set_up, test_records,
              fixture_tear_down);
  g_test_add ("/ui/history/tampered", Fixture, NULL, fixture_set_up, test_tampered,
              fixture_tear_down);
  g_test_add ("/ui/history/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);

  return g_test_run ();
}
