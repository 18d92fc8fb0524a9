/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient-page.h"
#include "genu-preferences-window.h"
#include "genu-session-page.h"
#include "genu-summary-dialog.h"
#include "genu-test-ui.h"
#include "genu-test-utils.h"
#include "genu-window.h"

/* The preferences window bound to GSettings (the memory backend of the test environment):
 * every row changes its setting at once and follows a setting changed elsewhere; the logo is
 * checked before it is kept; the main window keeps its size in the settings. */

typedef struct
{
  char                  *dir;
  GSettings             *settings;
  GtkWindow             *parent;
  GenuPreferencesWindow *prefs;
} Fixture;

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = genu_test_make_dir ();
  fixture->settings = g_settings_new (APP_ID);
  /* The tests of one run share the memory backend: each starts from the defaults. */
  reset_settings (fixture->settings);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->parent);
  fixture->prefs = GENU_PREFERENCES_WINDOW (genu_preferences_window_new (fixture->parent));
  gtk_window_present (GTK_WINDOW (fixture->prefs));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->prefs));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->prefs));
  gtk_window_destroy (fixture->parent);
  genu_test_iterate ();
  reset_settings (fixture->settings);
  g_clear_object (&fixture->settings);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = genu_preferences_window_get_field (fixture->prefs, name);

  g_assert_nonnull (widget);
  return widget;
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->prefs),
                                                   GENU_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
assert_setting (Fixture    *fixture,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (fixture->settings, key);

  g_assert_cmpstr (value, ==, expected);
}

/* Typing changes the setting at once; a setting changed elsewhere shows in the row. */
static void
test_entries (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *key;
    const char *typed;
    const char *elsewhere;
  } rows[] = {
    { "clinic-name", "Praxis am Park", "Physio Nord" },
    { "clinic-phone", "+49 30 1234567", "030 7654321" },
    { "therapist-name", "Tina Therapist", "Theo Therapeut" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkEditable *row = GTK_EDITABLE (field (fixture, rows[i].key));

      g_test_message ("row %s", rows[i].key);
      g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
      gtk_editable_set_text (row, rows[i].typed);
      assert_setting (fixture, rows[i].key, rows[i].typed);

      g_settings_set_string (fixture->settings, rows[i].key, rows[i].elsewhere);
      genu_test_iterate ();
      g_assert_cmpstr (gtk_editable_get_text (row), ==, rows[i].elsewhere);
    }
}

/* The address keeps its lines, both ways. */
static void
test_address (Fixture       *fixture,
              gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (fixture,
                                                                          "clinic-address")));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_set_text (buffer, "Parkstraße 1\n10115 Berlin", -1);
  assert_setting (fixture, "clinic-address", "Parkstraße 1\n10115 Berlin");

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nGermany", -1);
  assert_setting (fixture, "clinic-address", "Parkstraße 1\n10115 Berlin\nGermany");

  g_settings_set_string (fixture->settings, "clinic-address", "Hauptstraße 2\n20095 Hamburg");
  genu_test_iterate ();
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Hauptstraße 2\n20095 Hamburg");
}

/* The combo rows map the string keys to their items and back. */
static void
test_choices (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *key;
    guint       selected;
    const char *value;
  } cases[] = {
    { "distance-unit", 0, "km" },
    { "distance-unit", 1, "miles" },
    { "distance-unit", 0, "km" },
    { "paper-size", 0, "locale" },
    { "paper-size", 1, "a4" },
    { "paper-size", 2, "letter" },
    { "paper-size", 0, "locale" },
  };

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (fixture, "distance-unit"))),
                    ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (fixture, "paper-size"))),
                    ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (field (fixture, cases[i].key));
      guint other = cases[i].selected == 0 ? 1 : 0;

      g_test_message ("%s: %u ↔ %s", cases[i].key, cases[i].selected, cases[i].value);
      adw_combo_row_set_selected (row, cases[i].selected);
      assert_setting (fixture, cases[i].key, cases[i].value);

      /* From elsewhere: away from the value, then back to it. */
      adw_combo_row_set_selected (row, other);
      g_settings_set_string (fixture->settings, cases[i].key, cases[i].value);
      genu_test_iterate ();
      g_assert_cmpuint (adw_combo_row_get_selected (row), ==, cases[i].selected);
    }
}

static GFile *
write_png (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 32);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_arc (cr, 16, 16, 14, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_rectangle (cr, 36, 4, 24, 24);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_file_new_for_path (path);
}

static GFile *
write_text (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static const char *
logo_subtitle (Fixture *fixture)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (field (fixture, "logo")));
}

/* A PNG becomes the logo; a text file, even named .png, is refused with the reason under the
 * row, and the logo stays; Remove clears it. */
static void
test_logo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GFile) png = write_png (fixture, "logo.png");
  g_autoptr(GFile) text = write_text (fixture, "letterhead.png", "Not a picture at all.\n");
  g_autoptr(GFile) truncated = write_text (fixture, "cut.png", "\x89PNG\r\n\x1a\n and no more");
  g_autoptr(GFile) missing = g_file_get_child (png, "nowhere.png");
  g_autofree char *png_path = g_file_get_path (png);
  GtkWidget *remove_button = child (fixture, "logo_remove_button");
  g_autoptr(GError) error = NULL;
  const char *message;

  g_assert_cmpstr (logo_subtitle (fixture), ==, "None");
  g_assert_false (gtk_widget_get_sensitive (remove_button));
  g_assert_null (genu_preferences_window_get_field_error (fixture->prefs, "logo"));

  g_assert_true (genu_preferences_window_set_logo_file (fixture->prefs, png, &error));
  g_assert_no_error (error);
  genu_test_iterate ();
  assert_setting (fixture, "clinic-logo", png_path);
  g_assert_cmpstr (logo_subtitle (fixture), ==, "logo.png");
  g_assert_cmpint (gtk_image_get_storage_type (GTK_IMAGE (child (fixture, "logo_picture"))),
                   ==, GTK_IMAGE_PAINTABLE);
  g_assert_true (gtk_widget_get_sensitive (remove_button));

  g_assert_false (genu_preferences_window_set_logo_file (fixture->prefs, text, &error));
  g_assert_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_NOT_PNG);
  g_clear_error (&error);
  message = genu_preferences_window_get_field_error (fixture->prefs, "logo");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "letterhead.png"));
  g_assert_nonnull (strstr (message, "not a PNG image"));
  /* The message is about the refused file; the logo shown is still good. */
  g_assert_false (gtk_widget_has_css_class (field (fixture, "logo"), "error"));
  assert_setting (fixture, "clinic-logo", png_path);
  g_assert_cmpstr (logo_subtitle (fixture), ==, "logo.png");

  g_assert_false (genu_preferences_window_set_logo_file (fixture->prefs, truncated, &error));
  g_assert_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_NOT_PNG);
  g_clear_error (&error);
  g_assert_nonnull (strstr (genu_preferences_window_get_field_error (fixture->prefs, "logo"),
                            "damaged"));

  g_assert_false (genu_preferences_window_set_logo_file (fixture->prefs, missing, &error));
  g_assert_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_UNREADABLE);
  g_clear_error (&error);
  assert_setting (fixture, "clinic-logo", png_path);

  /* A good file takes the message away. */
  g_assert_true (genu_preferences_window_set_logo_file (fixture->prefs, png, NULL));
  g_assert_null (genu_preferences_window_get_field_error (fixture->prefs, "logo"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->prefs), "prefs.remove-logo",
                                             NULL));
  genu_test_iterate ();
  assert_setting (fixture, "clinic-logo", "");
  g_assert_cmpstr (logo_subtitle (fixture), ==, "None");
  g_assert_cmpint (gtk_image_get_storage_type (GTK_IMAGE (child (fixture, "logo_picture"))),
                   ==, GTK_IMAGE_ICON_NAME);
  g_assert_false (gtk_widget_get_sensitive (remove_button));

  /* A logo set elsewhere shows too. */
  g_settings_set_string (fixture->settings, "clinic-logo", png_path);
  genu_test_iterate ();
  g_assert_cmpstr (logo_subtitle (fixture), ==, "logo.png");
}

static GenuStore *
open_store (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "genu.db", NULL);
  g_autoptr(GError) error = NULL;
  GenuStore *store = genu_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static GenuPatient *
save_patient (GenuStore *store)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Mustermann");
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Erika");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1984-06-02");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&patient);
}

/* The summary's letterhead takes the clinic of the preferences, logo included. */
static void
test_summary_options (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GenuStore) store = open_store (fixture);
  g_autoptr(GenuPatient) patient = save_patient (store);
  g_autoptr(GFile) png = write_png (fixture, "logo.png");
  g_autofree char *png_path = g_file_get_path (png);
  GenuSummaryDialog *dialog;
  GenuReportOptions options;

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "clinic-name")), "Praxis am Park");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "paper-size")), 2);

  dialog = GENU_SUMMARY_DIALOG (genu_summary_dialog_new (fixture->parent, store, patient,
                                                         GENU_SUMMARY_SAVE_PDF));
  g_assert_true (genu_summary_dialog_get_options (dialog, &options));
  g_assert_cmpstr (options.clinic_name, ==, "Praxis am Park");
  g_assert_cmpstr (options.paper, ==, "letter");
  g_assert_null (options.logo_path);

  g_assert_true (genu_preferences_window_set_logo_file (fixture->prefs, png, NULL));
  g_assert_true (genu_summary_dialog_get_options (dialog, &options));
  g_assert_cmpstr (options.logo_path, ==, png_path);

  gtk_window_destroy (GTK_WINDOW (dialog));
  genu_test_iterate ();
}

static const char *
therapist_of_new_session (GenuSessionPage *page,
                          GenuPatient     *patient)
{
  genu_session_page_load (page, patient, NULL, NULL);
  return gtk_editable_get_text (GTK_EDITABLE (genu_session_page_get_field (page, "therapist")));
}

/* A patient's first session starts with the therapist of the preferences; later ones with the
 * therapist of the session before. */
static void
test_session_therapist (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GenuStore) store = open_store (fixture);
  g_autoptr(GenuPatient) patient = save_patient (store);
  g_autoptr(GenuSession) earlier = genu_session_new ();
  g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);
  g_autoptr(GError) error = NULL;
  GenuSessionPage *page = g_object_ref_sink (g_object_new (GENU_TYPE_SESSION_PAGE,
                                                           "store", store, NULL));

  g_assert_cmpstr (therapist_of_new_session (page, patient), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "therapist-name")), "Tina Therapist");
  g_assert_cmpstr (therapist_of_new_session (page, patient), ==, "Tina Therapist");

  genu_session_set_patient_id (earlier, genu_patient_get_id (patient));
  genu_session_set_text (earlier, GENU_SESSION_DATE, "2026-02-24");
  genu_session_set_text (earlier, GENU_SESSION_THERAPIST, "Theo Therapeut");
  genu_intervention_set_text (exercise, "exercise", "Spanish squat");
  genu_intervention_set_number (exercise, "sets", 4);
  genu_session_add_intervention (earlier, exercise);
  g_assert_true (genu_store_save_session (store, earlier, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (therapist_of_new_session (page, patient), ==, "Theo Therapeut");

  g_assert_finalize_object (page);
}

/* The distance unit is applied at once: the patient's weekly distance is shown and typed in
 * miles, stored in kilometres, and a figure merely shown in miles is saved unchanged. */
static void
test_distance_unit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GenuStore) store = open_store (fixture);
  g_autoptr(GenuPatient) patient = save_patient (store);
  g_autoptr(GenuPatient) stored = NULL;
  g_autoptr(GError) error = NULL;
  GenuPatientPage *page = g_object_ref_sink (g_object_new (GENU_TYPE_PATIENT_PAGE,
                                                           "store", store, NULL));
  GtkWidget *distance = genu_patient_page_get_field (page, "weekly_distance_km");

  genu_patient_set_weekly_distance_km (patient, 32.5);
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
  genu_patient_page_load (page, patient);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (distance)), ==,
                   "Weekly distance (km)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (distance)), ==, "32.5");

  /* Chosen in the preferences, shown at once, and no unsaved change. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "distance-unit")), 1);
  genu_test_iterate ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (distance)), ==,
                   "Weekly distance (miles)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (distance)), ==, "20.19");
  g_assert_false (genu_patient_page_get_dirty (page));

  /* Saved untouched, the stored kilometres are kept, not the rounded miles. */
  gtk_editable_set_text (GTK_EDITABLE (genu_patient_page_get_field (page, "shoes")), "Trail");
  g_assert_true (genu_patient_page_save (page, &error));
  g_assert_no_error (error);
  stored = genu_store_get_patient (store, genu_patient_get_id (patient), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (stored), ==, 32.5);
  g_clear_object (&stored);

  /* Typed in miles, stored in kilometres. */
  gtk_editable_set_text (GTK_EDITABLE (distance), "20");
  g_assert_true (genu_patient_page_save (page, &error));
  g_assert_no_error (error);
  stored = genu_store_get_patient (store, genu_patient_get_id (patient), &error);
  g_assert_cmpfloat_with_epsilon (genu_patient_get_weekly_distance_km (stored), 32.18688, 1e-9);
  g_clear_object (&stored);

  /* Out of range, refused in the unit it was typed in. */
  gtk_editable_set_text (GTK_EDITABLE (distance), "300");
  g_assert_false (genu_patient_page_save (page, &error));
  g_clear_error (&error);
  g_assert_cmpstr (genu_patient_page_get_field_error (page, "weekly_distance_km"), ==,
                   "Type a weekly distance from 0 to 248 miles, or leave it empty.");

  /* An unsaved figure is converted back to kilometres with the unit and stays unsaved. */
  gtk_editable_set_text (GTK_EDITABLE (distance), "10");
  g_assert_true (genu_patient_page_get_dirty (page));
  g_settings_set_string (fixture->settings, "distance-unit", "km");
  genu_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (distance)), ==, "16.09");
  g_assert_true (genu_patient_page_get_dirty (page));

  g_assert_finalize_object (page);
}

/* The main window starts at the size of the settings and keeps its new size there. */
static void
test_window_size (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GenuStore) store = open_store (fixture);
  GenuWindow *window;
  int width, height;

  g_settings_set_int (fixture->settings, "window-width", 820);
  g_settings_set_int (fixture->settings, "window-height", 610);

  window = g_object_new (GENU_TYPE_WINDOW, "store", store, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* Shown, it keeps that size: showing is no change to save. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 610);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  genu_test_iterate ();
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 650);

  gtk_window_destroy (GTK_WINDOW (window));
  genu_test_iterate ();

  /* The next window opens at the size the last one had. */
  window = g_object_new (GENU_TYPE_WINDOW, "store", store, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
  gtk_window_destroy (GTK_WINDOW (window));
  genu_test_iterate ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms: the entry rows animate their titles out of the way. */
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
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) png = write_png (fixture, "praxis-logo.png");
  g_autoptr(GFile) text = write_text (fixture, "notes.txt", "Not a picture.\n");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (fixture,
                                                                          "clinic-address")));

  if (g_getenv ("GENU_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("GENU_SCREENSHOT_DIR is not set");
      return;
    }

  genu_test_screenshot (GTK_WINDOW (fixture->prefs), "preferences-empty-light.png", FALSE);

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "clinic-name")), "Praxis am Park");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "clinic-phone")), "+49 30 1234567");
  gtk_text_buffer_set_text (buffer, "Parkstraße 1\n10115 Berlin", -1);
  g_assert_true (genu_preferences_window_set_logo_file (fixture->prefs, png, NULL));
  wait_ms (500);
  genu_test_screenshot (GTK_WINDOW (fixture->prefs), "preferences-clinic-light.png", FALSE);
  genu_test_screenshot (GTK_WINDOW (fixture->prefs), "preferences-clinic-dark.png", TRUE);

  g_assert_false (genu_preferences_window_set_logo_file (fixture->prefs, text, NULL));
  genu_test_screenshot (GTK_WINDOW (fixture->prefs), "preferences-logo-error-light.png", FALSE);

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "therapist-name")), "Tina Therapist");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fixture->prefs),
                                                "treatment");
  wait_ms (500);
  genu_test_screenshot (GTK_WINDOW (fixture->prefs), "preferences-treatment-light.png", FALSE);
  genu_test_screenshot (GTK_WINDOW (fixture->prefs), "preferences-treatment-dark.png", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/preferences/entries", test_entries);
  ADD ("/ui/preferences/address", test_address);
  ADD ("/ui/preferences/choices", test_choices);
  ADD ("/ui/preferences/logo", test_logo);
  ADD ("/ui/preferences/summary-options", test_summary_options);
  ADD ("/ui/preferences/session-therapist", test_session_therapist);
  ADD ("/ui/preferences/distance-unit", test_distance_unit);
  ADD ("/ui/preferences/window-size", test_window_size);
  ADD ("/ui/preferences/screenshots", test_screenshots);

#undef ADD

  return g_test_run ();
}
