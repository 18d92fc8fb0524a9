/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-test-utils.h"
#include "genu-test-ui.h"
#include "genu-test-patient-list.h"

#include "genu-patient-list.h"
#include "genu-patient-page.h"
#include "genu-store-private.h"
#include "genu-validation.h"
#include "genu-koos-page.h"
#include "genu-plan-page.h"
#include "genu-progress-chart.h"
#include "genu-screening-dialog.h"
#include "genu-session-page.h"
#include "genu-summary-dialog.h"
#include "genu-visit-page.h"
#include "genu-window.h"
#include "genu-window-private.h"

/* The window, driven in-process as a therapist would: typing into the form, pressing Save
 * (through the same actions the buttons and shortcuts use), searching, reading what is shown. */

typedef struct {
  char            *dir;
  char            *db_path;
  GenuStore       *store;
  GenuWindow      *window;
  GenuPatientPage *page;
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

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms, so that delayed handlers (the search entry's) run. */
static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  genu_test_iterate ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->db_path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->db_path, &error);
  g_assert_no_error (error);

  fixture->window = g_object_new (GENU_TYPE_WINDOW, "store", fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  fixture->page = child (fixture, "patient_page");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  genu_test_iterate ();
  g_clear_object (&fixture->store);

  genu_test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
  genu_test_iterate ();
}

static void
type_into (Fixture    *fixture,
           const char *field,
           const char *text)
{
  GtkWidget *entry = genu_patient_page_get_field (fixture->page, field);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  genu_test_iterate ();
}

static const char *
field_text (Fixture    *fixture,
            const char *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (genu_patient_page_get_field (fixture->page, field)));
}

static const char *
visible_page (Fixture    *fixture,
              const char *stack)
{
  return gtk_stack_get_visible_child_name (child (fixture, stack));
}

static guint
list_rows (Fixture *fixture)
{
  return genu_test_patient_list_n_rows (fixture->window);
}

static const char *
row_title (Fixture *fixture,
           guint    index)
{
  return genu_patient_row_get_title (genu_test_patient_row (fixture->window, index));
}

static const char *
row_subtitle (Fixture *fixture,
              guint    index)
{
  return genu_patient_row_get_subtitle (genu_test_patient_row (fixture->window, index));
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "search_entry")), text);
  /* GtkSearchEntry reports changes after a short delay (150 ms). */
  wait_ms (300);
}

static void
fill_valid_patient (Fixture    *fixture,
                    const char *family,
                    const char *given)
{
  type_into (fixture, "family_name", family);
  type_into (fixture, "given_names", given);
  type_into (fixture, "date_of_birth", "1984-06-02");
  type_into (fixture, "email", "erika@example.com");
  type_into (fixture, "weekly_distance_km", "42,5");
  type_into (fixture, "years_running", "12");
  type_into (fixture, "goal_event", "Berlin Marathon");
}

static GenuPatient *
only_patient (Fixture *fixture)
{
  g_autoptr(GPtrArray) all = genu_store_list_patients (fixture->store, NULL, TRUE, NULL);

  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, ==, 1);
  return g_object_ref (g_ptr_array_index (all, 0));
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "empty");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "none");
  g_assert_false (gtk_widget_get_visible (child (fixture, "save_button")));
  genu_test_screenshot (GTK_WINDOW (fixture->window), "empty.png", FALSE);

  /* The empty state's own button starts a new record. */
  g_signal_emit_by_name (child (fixture, "empty_new_button"), "clicked");
  genu_test_iterate ();
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");
  g_assert_true (gtk_widget_get_visible (child (fixture, "save_button")));
}

static void
test_create_and_search (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GenuPatient) saved = NULL;

  activate (fixture, "win.new-patient");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");
  fill_valid_patient (fixture, "Mustermann", "Erika");
  genu_test_screenshot (GTK_WINDOW (fixture->window), "new-patient.png", FALSE);
  activate (fixture, "win.save");

  saved = only_patient (fixture);
  g_assert_cmpstr (genu_patient_get_text (saved, GENU_PATIENT_FAMILY_NAME), ==, "Mustermann");
  g_assert_cmpstr (genu_patient_get_text (saved, GENU_PATIENT_GIVEN_NAMES), ==, "Erika");
  g_assert_cmpstr (genu_patient_get_text (saved, GENU_PATIENT_DATE_OF_BIRTH), ==, "1984-06-02");
  g_assert_cmpstr (genu_patient_get_text (saved, GENU_PATIENT_GOAL_EVENT), ==, "Berlin Marathon");
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (saved), ==, 42.5);
  g_assert_cmpint (genu_patient_get_years_running (saved), ==, 12);
  g_assert_cmpstr (genu_patient_get_text (saved, GENU_PATIENT_RECORD_NUMBER), ==, "G-000001");
  g_assert_false (genu_patient_page_get_dirty (fixture->page));

  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "list");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Mustermann, Erika");
  /* The date of birth as the user's locale shows a date (English here), not as it is typed. */
  g_assert_cmpstr (row_subtitle (fixture, 0), ==, "G-000001 · 2 Jun 1984");
  genu_test_screenshot (GTK_WINDOW (fixture->window), "saved.png", FALSE);

  /* A second patient, then search as you type by name, record number and date of birth. */
  activate (fixture, "win.new-patient");
  type_into (fixture, "family_name", "Ångström");
  type_into (fixture, "given_names", "Zoë");
  type_into (fixture, "date_of_birth", "1990-11-30");
  activate (fixture, "win.save");
  g_assert_cmpuint (list_rows (fixture), ==, 2);

  search (fixture, "muster");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Mustermann, Erika");
  search (fixture, "angstrom zoe");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Ångström, Zoë");
  search (fixture, "G-000001");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Mustermann, Erika");
  search (fixture, "1990-11");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Ångström, Zoë");
  search (fixture, "Nobody");
  g_assert_cmpuint (list_rows (fixture), ==, 0);
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "no-results");
  search (fixture, "");
  g_assert_cmpuint (list_rows (fixture), ==, 2);
}

static gint64
add_patient (Fixture    *fixture,
             const char *family,
             const char *given,
             const char *date_of_birth)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, date_of_birth);
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  return genu_patient_get_id (patient);
}

static GtkSingleSelection *
list_selection (Fixture *fixture)
{
  GtkListView *list = child (fixture, "patient_list");

  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
}

static gint64
shown_patient_id (Fixture *fixture)
{
  return genu_patient_get_id (genu_patient_page_get_patient (fixture->page));
}

/* The list as a therapist uses it: search as you type, a click or Enter opens the patient, and
 * a saved patient stays selected under their new name. */
static void
test_list_search_open (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *item;
  gint64 maria, zoe;

  maria = add_patient (fixture, "Schmidt", "Maria", "1990-04-17");
  zoe = add_patient (fixture, "Müller", "Zoë", "1985-04-23");
  add_patient (fixture, "Smith", "Anna", "1970-01-01");

  search (fixture, "mar sch");
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "list");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Schmidt, Maria");
  g_assert_cmpstr (row_subtitle (fixture, 0), ==, "G-000001 · 17 Apr 1990");

  /* A screen reader reads the row, which takes the focus, by the patient's name. */
  item = gtk_widget_get_parent (GTK_WIDGET (genu_test_patient_row (fixture->window, 0)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Schmidt, Maria");
  g_assert_true (gtk_widget_get_focusable (item));

  /* A click opens her record, and her row stays selected. */
  genu_test_patient_list_click (fixture->window, 0);
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");
  g_assert_cmpint (shown_patient_id (fixture), ==, maria);
  g_assert_cmpuint (gtk_single_selection_get_selected (list_selection (fixture)), ==, 0);

  /* Enter in the search opens the first match. */
  search (fixture, "zoe");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_signal_emit_by_name (child (fixture, "search_entry"), "activate");
  genu_test_iterate ();
  g_assert_cmpint (shown_patient_id (fixture), ==, zoe);
  g_assert_cmpuint (gtk_single_selection_get_selected (list_selection (fixture)), ==, 0);

  /* What the full-text search would read as its own syntax finds nobody, with no error. */
  search (fixture, "\"(smith* OR");
  g_assert_cmpstr (visible_page (fixture, "list_stack"), ==, "no-results");
  g_assert_null (_genu_window_get_last_toast (fixture->window));
  search (fixture, "smith*");
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Smith, Anna");

  /* Renamed and saved: the row moves to its new place, shows the new name, and is selected. */
  search (fixture, "");
  g_assert_cmpuint (list_rows (fixture), ==, 3);
  g_assert_cmpstr (row_title (fixture, 1), ==, "Schmidt, Maria");
  genu_test_patient_list_click (fixture->window, 1);
  g_assert_cmpint (shown_patient_id (fixture), ==, maria);
  type_into (fixture, "family_name", "Aaberg");
  activate (fixture, "win.save");
  g_assert_cmpuint (gtk_single_selection_get_selected (list_selection (fixture)), ==, 0);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Aaberg, Maria");
  g_assert_cmpstr (row_title (fixture, 1), ==, "Müller, Zoë");
}

/* Thousands of patients: the list counts them all and reads only the rows it shows. */
static void
test_list_many_patients (Fixture       *fixture,
                         gconstpointer  data)
{
  GenuPatientList *patients = GENU_PATIENT_LIST (
    gtk_single_selection_get_model (list_selection (fixture)));
  sqlite3_stmt *stmt = NULL;
  guint64 fetched;

  genu_test_sqlite_exec (fixture->store->db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->store->db,
    "INSERT INTO patients (record_number, family_name, given_names, date_of_birth, created_at,"
    " updated_at, family_key, given_key)"
    " VALUES (printf ('M-%05d', ?1), printf ('Runner%05d', ?1), 'Sam', '1980-01-01',"
    "         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',"
    "         genu_fold (printf ('Runner%05d', ?1)), 'sam')", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= 3000; i++)
    {
      sqlite3_bind_int (stmt, 1, i);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  genu_test_sqlite_exec (fixture->store->db, "COMMIT");

  search (fixture, "runner");
  g_assert_cmpuint (list_rows (fixture), ==, 3000);
  g_assert_cmpstr (row_title (fixture, 0), ==, "Runner00001, Sam");
  /* GtkListView keeps rows ready around what it shows, up to 200 in GTK 4.8: three pages at
   * most, of 30 pages. */
  fetched = genu_patient_list_get_n_fetched (patients);
  g_test_message ("%" G_GUINT64_FORMAT " patients read for the first screen", fetched);
  g_assert_cmpuint (fetched, <=, 3 * GENU_PATIENT_LIST_PAGE_SIZE);

  /* Scrolled to the end: as many more. */
  g_assert_true (gtk_widget_activate_action (child (fixture, "patient_list"), "list.scroll-to-item",
                                             "u", 2999));
  g_assert_cmpstr (row_title (fixture, 2999), ==, "Runner03000, Sam");
  g_test_message ("%" G_GUINT64_FORMAT " patients read in all",
                  genu_patient_list_get_n_fetched (patients));
  g_assert_cmpuint (genu_patient_list_get_n_fetched (patients), <=,
                    fetched + 3 * GENU_PATIENT_LIST_PAGE_SIZE);

  /* And a search narrows it down at once. */
  search (fixture, "runner0299");
  g_assert_cmpuint (list_rows (fixture), ==, 10);
  g_assert_cmpstr (row_title (fixture, 9), ==, "Runner02999, Sam");

  /* With a patient open, their row selected and focused, the whole list comes back reading
   * only the rows at the top and around that row, where it scrolls to: about 1,200 here (the
   * text set in two steps, each a reload), not GTK looking for that row among all 3,000 added
   * rows in each (12,000). */
  genu_test_patient_list_click (fixture->window, 9);
  g_assert_cmpuint (gtk_single_selection_get_selected (list_selection (fixture)), ==, 9);
  fetched = genu_patient_list_get_n_fetched (patients);
  search (fixture, "runner");
  g_assert_cmpuint (list_rows (fixture), ==, 3000);
  g_test_message ("%" G_GUINT64_FORMAT " patients read to show all again",
                  genu_patient_list_get_n_fetched (patients) - fetched);
  g_assert_cmpuint (genu_patient_list_get_n_fetched (patients), <=,
                    fetched + 15 * GENU_PATIENT_LIST_PAGE_SIZE);
  g_assert_cmpuint (gtk_single_selection_get_selected (list_selection (fixture)), ==, 2998);
}

static void
test_future_date_of_birth (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *future = g_date_time_format (tomorrow, "%Y-%m-%d");
  GtkWidget *dob_row = genu_patient_page_get_field (fixture->page, "date_of_birth");
  const char *message;

  activate (fixture, "win.new-patient");
  type_into (fixture, "family_name", "Future");
  type_into (fixture, "given_names", "Fiona");
  type_into (fixture, "date_of_birth", future);
  type_into (fixture, "email", "not-an-email");
  activate (fixture, "win.save");

  /* Refused: nothing saved, each message shown by its own field, the rest of the form kept. */
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 0);
  message = genu_patient_page_get_field_error (fixture->page, "date_of_birth");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cannot be in the future"));
  g_assert_true (gtk_widget_has_css_class (dob_row, "error"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dob_row),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);
  g_assert_nonnull (strstr (genu_patient_page_get_field_error (fixture->page, "email"),
                            "name@example.com"));
  g_assert_null (genu_patient_page_get_field_error (fixture->page, "family_name"));
  g_assert_cmpstr (field_text (fixture, "given_names"), ==, "Fiona");
  genu_test_screenshot (GTK_WINDOW (fixture->window), "future-dob.png", FALSE);

  /* The message follows the typing: fixing the date clears it, and then the save goes through. */
  type_into (fixture, "date_of_birth", "2001-02-03");
  g_assert_null (genu_patient_page_get_field_error (fixture->page, "date_of_birth"));
  g_assert_false (gtk_widget_has_css_class (dob_row, "error"));
  type_into (fixture, "email", "");
  activate (fixture, "win.save");
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 1);
}

static void
test_field_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *field;
    const char *text;
    const char *expected;
  } cases[] = {
    { "family_name", "   ", "family name" },
    { "given_names", "", "given names" },
    { "date_of_birth", "23.04.1985", "YYYY-MM-DD" },
    { "date_of_birth", "2023-02-30", "not a real date" },
    { "date_of_birth", "1899-12-31", "1900" },
    { "weekly_distance_km", "lots", "number of kilometres" },
    { "weekly_distance_km", "401", "0 to 400" },
    { "years_running", "2.5", "whole number" },
    { "phone", "call me", "digits" },
    { "record_number", "G 1", "letters, digits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *message;

      activate (fixture, "win.new-patient");
      fill_valid_patient (fixture, "Case", "Test");
      type_into (fixture, cases[i].field, cases[i].text);
      activate (fixture, "win.save");

      message = genu_patient_page_get_field_error (fixture->page, cases[i].field);
      g_test_message ("%s = “%s”: %s", cases[i].field, cases[i].text, message);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, cases[i].expected));
      g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 0);
      activate (fixture, "win.cancel");
    }
}

static void
test_duplicate_record_number (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GenuPatient) first = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (first, GENU_PATIENT_FAMILY_NAME, "First");
  genu_patient_set_text (first, GENU_PATIENT_GIVEN_NAMES, "Patient");
  genu_patient_set_text (first, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  genu_patient_set_text (first, GENU_PATIENT_RECORD_NUMBER, "KN-7");
  g_assert_true (genu_store_save_patient (fixture->store, first, &error));
  g_assert_no_error (error);

  activate (fixture, "win.new-patient");
  fill_valid_patient (fixture, "Second", "Patient");
  type_into (fixture, "record_number", "kn-7");
  activate (fixture, "win.save");

  g_assert_nonnull (strstr (genu_patient_page_get_field_error (fixture->page, "record_number"),
                            "already used"));
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 1);

  type_into (fixture, "record_number", "KN-8");
  activate (fixture, "win.save");
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 2);
}

static void
test_edit_and_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GenuPatient) saved = NULL;
  g_autoptr(GenuPatient) edited = NULL;

  activate (fixture, "win.new-patient");
  fill_valid_patient (fixture, "Mustermann", "Erika");
  activate (fixture, "win.save");
  saved = only_patient (fixture);

  /* Escape (win.cancel) drops an edit and shows the saved record again. */
  type_into (fixture, "family_name", "Musterfrau");
  g_assert_true (genu_patient_page_get_dirty (fixture->page));
  activate (fixture, "win.cancel");
  g_assert_cmpstr (field_text (fixture, "family_name"), ==, "Mustermann");
  g_assert_false (genu_patient_page_get_dirty (fixture->page));

  /* Ctrl+S (win.save) keeps an edit; the record reads back with it and nothing else changed. */
  type_into (fixture, "family_name", "Musterfrau");
  type_into (fixture, "shoes", "Brooks Adrenaline");
  activate (fixture, "win.save");
  edited = only_patient (fixture);
  g_assert_cmpstr (genu_patient_get_text (edited, GENU_PATIENT_FAMILY_NAME), ==, "Musterfrau");
  g_assert_cmpstr (genu_patient_get_text (edited, GENU_PATIENT_SHOES), ==, "Brooks Adrenaline");
  genu_patient_set_text (saved, GENU_PATIENT_FAMILY_NAME, "Musterfrau");
  genu_patient_set_text (saved, GENU_PATIENT_SHOES, "Brooks Adrenaline");
  g_assert_true (genu_patient_equal (saved, edited));
}

static AdwMessageDialog *
find_dialog (void)
{
  return genu_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_unsaved_changes_ask (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GenuPatient) saved = NULL;
  AdwMessageDialog *dialog;

  activate (fixture, "win.new-patient");
  fill_valid_patient (fixture, "Mustermann", "Erika");
  activate (fixture, "win.save");
  g_assert_null (find_dialog ());

  /* An edit in progress is never dropped silently: leaving it asks first. */
  type_into (fixture, "given_names", "Erika Maria");
  activate (fixture, "win.new-patient");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  genu_test_screenshot (GTK_WINDOW (fixture->window), "unsaved-changes.png", FALSE);

  adw_message_dialog_response (dialog, "cancel");
  genu_test_iterate ();
  g_assert_true (genu_patient_page_get_dirty (fixture->page));
  g_assert_cmpint (genu_patient_get_id (genu_patient_page_get_patient (fixture->page)), !=, 0);
  g_assert_cmpstr (field_text (fixture, "given_names"), ==, "Erika Maria");

  activate (fixture, "win.new-patient");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  genu_test_iterate ();
  saved = only_patient (fixture);
  g_assert_cmpstr (genu_patient_get_text (saved, GENU_PATIENT_GIVEN_NAMES), ==, "Erika Maria");
  /* ...and then the new form opened, as asked. */
  g_assert_cmpint (genu_patient_get_id (genu_patient_page_get_patient (fixture->page)), ==, 0);
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GenuPatient) archived = NULL;

  activate (fixture, "win.new-patient");
  fill_valid_patient (fixture, "Mustermann", "Erika");
  activate (fixture, "win.save");
  g_assert_cmpuint (list_rows (fixture), ==, 1);

  activate (fixture, "win.toggle-archived");
  archived = only_patient (fixture);
  g_assert_true (genu_patient_get_archived (archived));
  g_assert_cmpuint (list_rows (fixture), ==, 0);

  /* Hidden unless asked for; never deleted. */
  g_object_set (fixture->window, "show-archived", TRUE, NULL);
  genu_test_iterate ();
  g_assert_cmpuint (list_rows (fixture), ==, 1);
  g_object_set (fixture->window, "show-archived", FALSE, NULL);
  genu_test_iterate ();
  g_assert_cmpuint (list_rows (fixture), ==, 0);

  /* The toast's Undo brings the patient back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo-archive",
                                             "x", genu_patient_get_id (archived)));
  genu_test_iterate ();
  g_assert_cmpuint (list_rows (fixture), ==, 1);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = child (fixture, "leaflet");

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 640);
  wait_ms (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (fixture, "sidebar"));
  genu_test_screenshot (GTK_WINDOW (fixture->window), "narrow-list.png", FALSE);

  /* One pane at a time: the form replaces the list, and Back returns to it. */
  activate (fixture, "win.new-patient");
  wait_ms (100);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (fixture, "content"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "back_button")));
  genu_test_screenshot (GTK_WINDOW (fixture->window), "narrow-form.png", FALSE);
  activate (fixture, "win.go-back");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (fixture, "sidebar"));
}

static void
test_visit_flow (Fixture       *fixture,
                 gconstpointer  data)
{
  GenuVisitPage *visit_page = child (fixture, "visit_page");
  g_autoptr(GPtrArray) visits = NULL;
  gint64 patient_id;

  activate (fixture, "win.new-patient");
  fill_valid_patient (fixture, "Mustermann", "Erika");
  activate (fixture, "win.save");
  patient_id = genu_patient_get_id (genu_patient_page_get_patient (fixture->page));

  /* From the patient's page to a new visit, and back after saving it. */
  activate (fixture, "win.new-visit");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "visit");
  g_assert_true (gtk_widget_get_visible (child (fixture, "back_button")));
  gtk_editable_set_text (GTK_EDITABLE (genu_visit_page_get_field (visit_page, "therapist")),
                         "Tom Therapist");
  g_signal_emit_by_name (genu_visit_page_get_finding_button (visit_page, "mcmurray",
                                                             GENU_FINDING_PRESENT), "clicked");
  genu_test_iterate ();
  genu_test_screenshot (GTK_WINDOW (fixture->window), "visit.png", FALSE);

  /* Too narrow for the form and the likely causes side by side: they fold away, and the header
   * button brings them back over the form. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (genu_visit_page_get_suggestions_folded (visit_page));
  g_assert_true (gtk_widget_get_visible (child (fixture, "suggestions_button")));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (fixture,
                                                                          "suggestions_button"))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "suggestions_button")), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (visit_page), GENU_TYPE_VISIT_PAGE, "differential"))));
  genu_test_screenshot (GTK_WINDOW (fixture->window), "visit-likely-causes.png", FALSE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "suggestions_button")), FALSE);
  genu_test_iterate ();
  activate (fixture, "win.save");

  visits = genu_store_list_visits (fixture->store, patient_id, NULL);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (genu_visit_get_kind (g_ptr_array_index (visits, 0)), ==,
                   GENU_VISIT_INITIAL_EVALUATION);

  /* An unsaved change on the visit asks before leaving it. */
  gtk_editable_set_text (GTK_EDITABLE (genu_visit_page_get_field (visit_page, "therapist")),
                         "Someone Else");
  genu_test_iterate ();
  /* Closing the window asks too; "Cancel" keeps the window and the change. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  genu_test_iterate ();
  g_assert_nonnull (find_dialog ());
  adw_message_dialog_response (find_dialog (), "cancel");
  genu_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (genu_visit_page_get_dirty (visit_page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (genu_visit_page_get_field (visit_page,
                                                                                   "therapist"))),
                   ==, "Someone Else");
  activate (fixture, "win.go-back");
  g_assert_nonnull (find_dialog ());
  adw_message_dialog_response (find_dialog (), "discard");
  genu_test_iterate ();
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");
  genu_test_screenshot (GTK_WINDOW (fixture->window), "patient-with-visit.png", FALSE);

  /* The next new visit of this patient is a follow-up. */
  activate (fixture, "win.new-visit");
  g_assert_cmpint (adw_combo_row_get_selected (ADW_COMBO_ROW (genu_visit_page_get_field (visit_page,
                                                                                         "kind"))),
                   ==, GENU_VISIT_FOLLOW_UP);
}

static GenuScreeningDialog *
find_screening_dialog (void)
{
  return genu_test_find_window (GENU_TYPE_SCREENING_DIALOG);
}

static GenuSummaryDialog *
find_summary_dialog (void)
{
  return genu_test_find_window (GENU_TYPE_SUMMARY_DIALOG);
}

/* A plan of care, then a Graston session through the window: the IASTM checklist comes first,
 * a contraindication needs an acknowledgement that is stored, and the session then shows in the
 * patient's list and in the progress chart. */
static void
test_treatment_flow (Fixture       *fixture,
                     gconstpointer  data)
{
  GenuPlanPage *plan_page = child (fixture, "plan_page");
  GenuSessionPage *session_page = child (fixture, "session_page");
  GenuProgressChart *chart = GENU_PROGRESS_CHART (
    gtk_widget_get_template_child (GTK_WIDGET (fixture->page), GENU_TYPE_PATIENT_PAGE, "chart"));
  GenuInterventionEditor *iastm;
  GenuScreeningDialog *screening;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const char *const instruments[] = { "gt2", "gt4" };
  g_autoptr(GPtrArray) koos = NULL;
  GenuSummaryDialog *summary;
  double score;
  gint64 patient_id;

  activate (fixture, "win.new-patient");
  fill_valid_patient (fixture, "Mustermann", "Erika");
  activate (fixture, "win.save");
  patient_id = genu_patient_get_id (genu_patient_page_get_patient (fixture->page));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chart)));

  /* The plan of care: picking the diagnosis fills its template. */
  activate (fixture, "win.new-plan");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "plan");
  adw_combo_row_set_selected (ADW_COMBO_ROW (genu_plan_page_get_field (plan_page, "diagnosis_id")),
                              3);
  genu_test_iterate ();
  activate (fixture, "win.save");
  plans = genu_store_list_plans (fixture->store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_true (genu_plan_needs_screening (g_ptr_array_index (plans, 0)));
  activate (fixture, "win.go-back");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");

  /* A Graston session in that plan. */
  activate (fixture, "win.new-session");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "session");
  gtk_editable_set_text (GTK_EDITABLE (genu_session_page_get_field (session_page, "therapist")),
                         "Tom Therapist");
  gtk_editable_set_text (GTK_EDITABLE (genu_session_page_get_field (session_page, "pain_before")),
                         "6");
  gtk_editable_set_text (GTK_EDITABLE (genu_session_page_get_field (session_page, "pain_after")),
                         "3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page),
                                             "session.add-intervention", "s", "iastm"));
  genu_test_iterate ();
  iastm = genu_session_page_get_intervention_editor (session_page, 0);
  for (guint i = 0; i < G_N_ELEMENTS (instruments); i++)
    g_signal_emit_by_name (genu_intervention_editor_get_choice_button (iastm, "instruments",
                                                                       instruments[i]),
                           "clicked");
  g_signal_emit_by_name (genu_intervention_editor_get_choice_button (iastm, "regions",
                                                                     "loc_pes_anserine"),
                         "clicked");
  gtk_editable_set_text (GTK_EDITABLE (genu_intervention_editor_get_field (iastm, "minutes")), "4");
  genu_test_iterate ();

  /* Saving asks the contraindication checklist first; nothing is saved yet. */
  activate (fixture, "win.save");
  screening = find_screening_dialog ();
  g_assert_nonnull (screening);
  sessions = genu_store_list_sessions (fixture->store, patient_id, NULL);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* A contraindication answered yes is acknowledged, by the therapist's name, and stored. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (genu_screening_dialog_get_check (screening,
                                                                                 "anticoagulants_bleeding")),
                               TRUE);
  genu_test_iterate ();
  g_assert_true (genu_screening_dialog_confirm (screening, &error));
  g_assert_no_error (error);
  genu_test_iterate ();

  g_clear_pointer (&plans, g_ptr_array_unref);
  plans = genu_store_list_plans (fixture->store, patient_id, NULL);
  g_assert_cmpstr (genu_plan_get_acknowledged_by (g_ptr_array_index (plans, 0)), ==,
                   "Tom Therapist");
  g_assert_true (g_strv_contains (genu_plan_get_contraindications (g_ptr_array_index (plans, 0)),
                                  "anticoagulants_bleeding"));

  sessions = genu_store_list_sessions (fixture->store, patient_id, NULL);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpint (genu_session_get_pain_before (g_ptr_array_index (sessions, 0)), ==, 6);
  g_assert_false (genu_session_page_get_dirty (session_page));

  /* Signing asks the name to sign with, then the note is read-only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (session_page), "session.sign", NULL));
  genu_test_iterate ();
  g_assert_nonnull (find_dialog ());
  adw_message_dialog_response (find_dialog (), "sign");
  genu_test_iterate ();
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = genu_store_list_sessions (fixture->store, patient_id, NULL);
  g_assert_cmpstr (genu_session_get_signed_by (g_ptr_array_index (sessions, 0)), ==,
                   "Tom Therapist");
  g_assert_true (genu_session_page_get_read_only (session_page));

  /* Back on the patient: the session is listed and in the progress chart. */
  activate (fixture, "win.go-back");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chart)));
  g_assert_cmpuint (genu_progress_chart_get_n_points (chart), ==, 1);
  description = genu_progress_chart_dup_description (chart);
  g_assert_nonnull (strstr (description, "6"));
  genu_test_scroll_to (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                 GENU_TYPE_PATIENT_PAGE,
                                                                 "sessions_group")));
  genu_test_screenshot (GTK_WINDOW (fixture->window), "patient-progress.png", FALSE);
  genu_test_screenshot (GTK_WINDOW (fixture->window), "patient-progress-dark.png", TRUE);

  /* A KOOS, all answered "mild" in the symptoms: 100 - 1 x 25 = 75. */
  activate (fixture, "win.new-koos");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "koos");
  for (guint item = 1; item <= 7; item++)
    g_signal_emit_by_name (genu_koos_page_get_answer_button (child (fixture, "koos_page"), item, 1),
                           "clicked");
  genu_test_iterate ();
  activate (fixture, "win.save");
  koos = genu_store_list_koos (fixture->store, patient_id, NULL);
  g_assert_cmpuint (koos->len, ==, 1);
  g_assert_true (genu_koos_get_score (g_ptr_array_index (koos, 0), GENU_KOOS_SYMPTOMS, &score));
  g_assert_cmpfloat (score, ==, 75);
  activate (fixture, "win.go-back");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "patient");

  /* Repeat Last gives the same interventions in a new session. */
  activate (fixture, "win.repeat-session");
  g_assert_cmpstr (visible_page (fixture, "content_stack"), ==, "session");
  g_assert_cmpuint (genu_session_page_get_n_interventions (session_page), ==, 1);
  g_assert_cmpint (genu_session_get_id (genu_session_page_get_session (session_page)), ==, 0);
  genu_test_screenshot (GTK_WINDOW (fixture->window), "session-repeat.png", FALSE);

  /* Ctrl+P asks what the treatment summary covers. */
  activate (fixture, "win.print");
  summary = find_summary_dialog ();
  g_assert_nonnull (summary);
  genu_test_screenshot (GTK_WINDOW (summary), "summary-dialog.png", FALSE);
  gtk_window_destroy (GTK_WINDOW (summary));
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *icon_buttons[] = {
    "new_button", "menu_button", "back_button", "suggestions_button",
  };

  /* Icon-only buttons need a name of their own, and a tooltip for sighted users. */
  for (guint i = 0; i < G_N_ELEMENTS (icon_buttons); i++)
    {
      GtkWidget *button = child (fixture, icon_buttons[i]);

      g_test_message ("checking %s", icon_buttons[i]);
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (fixture, "search_entry")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search patients");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (fixture, "patient_list")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Patients");
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/window/empty-state", test_empty_state);
  ADD ("/ui/window/create-and-search", test_create_and_search);
  ADD ("/ui/window/list-search-open", test_list_search_open);
  ADD ("/ui/window/list-many-patients", test_list_many_patients);
  ADD ("/ui/window/future-date-of-birth", test_future_date_of_birth);
  ADD ("/ui/window/field-errors", test_field_errors);
  ADD ("/ui/window/duplicate-record-number", test_duplicate_record_number);
  ADD ("/ui/window/edit-and-cancel", test_edit_and_cancel);
  ADD ("/ui/window/unsaved-changes-ask", test_unsaved_changes_ask);
  ADD ("/ui/window/archive", test_archive);
  ADD ("/ui/window/narrow", test_narrow);
  ADD ("/ui/window/visit-flow", test_visit_flow);
  ADD ("/ui/window/treatment-flow", test_treatment_flow);
  ADD ("/ui/window/accessible-names", test_accessible_names);

#undef ADD

  return g_test_run ();
}
