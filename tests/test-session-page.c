/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "genu-intervention-editor.h"
#include "genu-record-row.h"
#include <locale.h>
#include "genu-session-page.h"
#include "genu-test-utils.h"
#include "genu-test-ui.h"

/* A treatment session as a therapist logs it: a Graston session entered through the widgets
 * reads back from the store value for value; wrong numbers and missing fields are refused where
 * they are typed; the last session repeats in one click; IASTM waits for the plan's screening;
 * a signed session is read-only and corrected by an amendment. */

typedef struct {
  char            *dir;
  GenuStore       *store;
  GenuPatient     *patient;
  GtkWindow       *window;
  GenuSessionPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = genu_test_make_dir ();
  path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (path, &error);
  g_assert_no_error (error);

  fixture->patient = genu_patient_new ();
  genu_patient_set_text (fixture->patient, GENU_PATIENT_FAMILY_NAME, "Runner");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_GIVEN_NAMES, "Rita");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_DATE_OF_BIRTH, "1990-03-04");
  g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);

  fixture->page = g_object_new (GENU_TYPE_SESSION_PAGE, "store", fixture->store, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1000);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  genu_session_page_load (fixture->page, fixture->patient, NULL, NULL);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The page, its editors and their interventions go with the window. */
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
  g_assert_null (fixture->page);
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
type_into (Fixture    *fixture,
           const char *field,
           const char *text)
{
  GtkWidget *row = genu_session_page_get_field (fixture->page, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  genu_test_iterate ();
}

static GenuInterventionEditor *
add_intervention (Fixture    *fixture,
                  const char *kind)
{
  guint n = genu_session_page_get_n_interventions (fixture->page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "session.add-intervention", "s", kind));
  genu_test_iterate ();
  g_assert_cmpuint (genu_session_page_get_n_interventions (fixture->page), ==, n + 1);
  return genu_session_page_get_intervention_editor (fixture->page, n);
}

static void
type_field (GenuInterventionEditor *editor,
            const char             *field,
            const char             *text)
{
  GtkWidget *row = genu_intervention_editor_get_field (editor, field);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  genu_test_iterate ();
}

static void
click_choice (GenuInterventionEditor *editor,
              const char             *field,
              const char             *choice)
{
  GtkWidget *button = genu_intervention_editor_get_choice_button (editor, field, choice);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
}

/* Picks a choice of a CHOICE field's combo row by its label, as it reads in the list. */
static void
pick (GenuInterventionEditor *editor,
      const char             *field,
      const char             *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (genu_intervention_editor_get_field (editor, field));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label))
      {
        adw_combo_row_set_selected (row, i);
        genu_test_iterate ();
        return;
      }
  g_assert_not_reached ();
}

/* Whether a button of the page is usable: it follows the enabled state of its action. */
static gboolean
button_sensitive (Fixture    *fixture,
                  const char *id)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                 GENU_TYPE_SESSION_PAGE, id));

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static GPtrArray *
list_sessions (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = genu_store_list_sessions (fixture->store,
                                                  genu_patient_get_id (fixture->patient), &error);

  g_assert_no_error (error);
  g_assert_nonnull (sessions);
  return sessions;
}

static void
assert_choices (GenuIntervention   *intervention,
                const char         *field,
                const char * const *expected)
{
  g_auto(GStrv) ids = genu_intervention_dup_choices (intervention, field);

  g_assert_nonnull (ids);
  g_assert_true (g_strv_equal ((const char * const *) ids, expected));
}

/* The Graston session of the tests, typed and clicked as a therapist would. */
static void
fill_graston_session (Fixture *fixture)
{
  GenuInterventionEditor *iastm, *exercise;

  type_into (fixture, "date", "2026-03-03");
  type_into (fixture, "therapist", "Tom Therapist");
  type_into (fixture, "duration_minutes", "45");
  type_into (fixture, "pain_before", "6");
  type_into (fixture, "pain_after", "3");

  iastm = add_intervention (fixture, "iastm");
  click_choice (iastm, "instruments", "gt2");
  click_choice (iastm, "instruments", "gt4");
  click_choice (iastm, "regions", "loc_pes_anserine");
  click_choice (iastm, "regions", "adductors");
  click_choice (iastm, "techniques", "sweeping");
  type_field (iastm, "minutes", "4");
  pick (iastm, "pressure", "Moderate");

  exercise = add_intervention (fixture, "exercise");
  type_field (exercise, "exercise", "Side-lying hip abduction");
  type_field (exercise, "sets", "3");
  type_field (exercise, "reps", "15");
  pick (exercise, "side", "Left");
}

static void
test_graston_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const instruments[] = { "gt2", "gt4", NULL };
  static const char * const regions[] = { "loc_pes_anserine", "adductors", NULL };
  static const char * const techniques[] = { "sweeping", NULL };
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GenuInterventionEditor *iastm;
  GenuIntervention *saved_iastm, *saved_exercise;
  GenuSession *saved;
  double number;
  gboolean flag;

  g_object_get (fixture->page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "New Session");
  g_clear_pointer (&title, g_free);
  g_assert_false (genu_session_page_get_dirty (fixture->page));

  fill_graston_session (fixture);
  g_assert_true (genu_session_page_get_dirty (fixture->page));

  /* The summary follows the edits, in the row's subtitle. */
  iastm = genu_session_page_get_intervention_editor (fixture->page, 0);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (iastm)), ==,
                   "GT2, GT4 · Pes anserine, Adductors · sweeping · 4 min · moderate");

  /* A decimal comma is read as well as a point. */
  type_field (iastm, "minutes", "4,5");
  g_assert_true (genu_intervention_get_number (genu_intervention_editor_get_intervention (iastm),
                                               "minutes", &number));
  g_assert_cmpfloat (number, ==, 4.5);
  g_assert_null (genu_intervention_editor_get_field_error (iastm, "minutes"));
  type_field (iastm, "minutes", "4");

  /* The menu of the add button offers every kind, through the same action. */
  {
    GtkMenuButton *add = GTK_MENU_BUTTON (gtk_widget_get_template_child (
      GTK_WIDGET (fixture->page), GENU_TYPE_SESSION_PAGE, "add_button"));
    GMenuModel *menu = gtk_menu_button_get_menu_model (add);
    g_autofree char *action = NULL;
    g_autoptr(GVariant) target = NULL;

    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, GENU_INTERVENTION_N_KINDS);
    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "session.add-intervention");
    target = g_menu_model_get_item_attribute_value (menu, 0, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "iastm");
  }

  /* Nothing saved yet: nothing to sign or repeat. */
  g_assert_false (button_sensitive (fixture, "sign_button"));
  g_assert_false (button_sensitive (fixture, "repeat_button"));

  g_object_add_weak_pointer (G_OBJECT (iastm), (gpointer *) &iastm);
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_assert_false (genu_session_page_get_dirty (fixture->page));
  /* The form shows the session as stored, in new editors: the old ones are gone. */
  g_assert_null (iastm);
  g_object_get (fixture->page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Session, 3 Mar 2026");
  g_assert_true (button_sensitive (fixture, "sign_button"));

  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 1);
  saved = g_ptr_array_index (sessions, 0);
  g_assert_true (genu_session_equal (saved, genu_session_page_get_session (fixture->page)));
  g_assert_cmpint (genu_session_get_patient_id (saved), ==, genu_patient_get_id (fixture->patient));
  g_assert_cmpstr (genu_session_get_text (saved, GENU_SESSION_DATE), ==, "2026-03-03");
  g_assert_cmpstr (genu_session_get_text (saved, GENU_SESSION_THERAPIST), ==, "Tom Therapist");
  g_assert_cmpint (genu_session_get_duration_minutes (saved), ==, 45);
  g_assert_cmpint (genu_session_get_pain_before (saved), ==, 6);
  g_assert_cmpint (genu_session_get_pain_after (saved), ==, 3);
  g_assert_false (genu_session_is_signed (saved));
  g_assert_cmpuint (genu_session_get_interventions (saved)->len, ==, 2);

  saved_iastm = g_ptr_array_index (genu_session_get_interventions (saved), 0);
  g_assert_cmpint (genu_intervention_get_kind (saved_iastm), ==, GENU_INTERVENTION_IASTM);
  assert_choices (saved_iastm, "instruments", instruments);
  assert_choices (saved_iastm, "regions", regions);
  assert_choices (saved_iastm, "techniques", techniques);
  g_assert_true (genu_intervention_get_number (saved_iastm, "minutes", &number));
  g_assert_cmpfloat (number, ==, 4);
  g_assert_cmpstr (genu_intervention_get_choice (saved_iastm, "pressure"), ==, "moderate");
  g_assert_false (genu_intervention_get_bool (saved_iastm, "petechiae_bruising", &flag));
  g_assert_false (genu_intervention_has (saved_iastm, "emollient"));

  saved_exercise = g_ptr_array_index (genu_session_get_interventions (saved), 1);
  g_assert_cmpint (genu_intervention_get_kind (saved_exercise), ==, GENU_INTERVENTION_EXERCISE);
  g_assert_cmpstr (genu_intervention_get_text (saved_exercise, "exercise"), ==,
                   "Side-lying hip abduction");
  g_assert_true (genu_intervention_get_number (saved_exercise, "sets", &number));
  g_assert_cmpfloat (number, ==, 3);
  g_assert_true (genu_intervention_get_number (saved_exercise, "reps", &number));
  g_assert_cmpfloat (number, ==, 15);
  g_assert_cmpstr (genu_intervention_get_choice (saved_exercise, "side"), ==, "left");

  /* The form shows what was stored: the same values, in fresh editors. */
  iastm = genu_session_page_get_intervention_editor (fixture->page, 0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    genu_intervention_editor_get_choice_button (iastm, "instruments", "gt4"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    genu_intervention_editor_get_choice_button (iastm, "instruments", "gt1"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
    genu_intervention_editor_get_field (iastm, "minutes"))), ==, "4");
}

static void
test_numbers_refused_at_the_field (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GenuInterventionEditor *iastm;

  fill_graston_session (fixture);
  iastm = genu_session_page_get_intervention_editor (fixture->page, 0);

  /* Said at once, under the row where it is typed. */
  type_field (iastm, "minutes", "45");
  g_assert_nonnull (strstr (genu_intervention_editor_get_field_error (iastm, "minutes"), "30"));
  type_field (iastm, "minutes", "four");
  g_assert_nonnull (genu_intervention_editor_get_field_error (iastm, "minutes"));
  type_into (fixture, "pain_after", "11");
  g_assert_nonnull (strstr (genu_session_page_get_field_error (fixture->page, "pain_after"), "10"));
  type_into (fixture, "duration_minutes", "1h");
  g_assert_nonnull (genu_session_page_get_field_error (fixture->page, "duration_minutes"));
  type_into (fixture, "duration_minutes", "45");
  g_assert_null (genu_session_page_get_field_error (fixture->page, "duration_minutes"));

  /* Refused, with each message in place; nothing saved. */
  type_field (iastm, "minutes", "45");
  g_assert_false (genu_session_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_intervention_editor_get_field_error (iastm, "minutes"));
  g_assert_nonnull (genu_session_page_get_field_error (fixture->page, "interventions[0].minutes"));
  g_assert_nonnull (genu_session_page_get_field_error (fixture->page, "pain_after"));
  g_assert_null (genu_session_page_get_field_error (fixture->page, "pain_before"));
  g_assert_true (gtk_widget_has_css_class (genu_intervention_editor_get_field (iastm, "minutes"),
                                           "error"));
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* Corrected: the messages go as it is typed, and it saves. */
  type_field (iastm, "minutes", "4");
  g_assert_null (genu_intervention_editor_get_field_error (iastm, "minutes"));
  type_into (fixture, "pain_after", "3");
  g_assert_null (genu_session_page_get_field_error (fixture->page, "pain_after"));
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 1);
}

/* Issue 6: a number is typed with a decimal comma or a point, whatever the locale; it is shown
 * back in the locale's own way and reads back the same. Dates in the list are in the locale's
 * form. */
static void
test_decimal_comma (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GenuInterventionEditor *iastm;
  GenuSession *saved;
  GtkWidget *row;
  double number = 0;

  fill_graston_session (fixture);
  iastm = genu_session_page_get_intervention_editor (fixture->page, 0);

  type_field (iastm, "minutes", "2,5");
  g_assert_true (genu_intervention_get_number (genu_intervention_editor_get_intervention (iastm),
                                               "minutes", &number));
  g_assert_cmpfloat (number, ==, 2.5);
  g_assert_null (genu_intervention_editor_get_field_error (iastm, "minutes"));

  type_field (iastm, "minutes", "1,2,3");
  g_assert_false (genu_intervention_get_number (genu_intervention_editor_get_intervention (iastm),
                                                "minutes", &number));
  g_assert_nonnull (genu_intervention_editor_get_field_error (iastm, "minutes"));

  type_field (iastm, "minutes", " 2.5 ");
  g_assert_true (genu_intervention_get_number (genu_intervention_editor_get_intervention (iastm),
                                               "minutes", &number));
  g_assert_cmpfloat (number, ==, 2.5);

  type_field (iastm, "minutes", "2,5");
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 1);
  saved = g_ptr_array_index (sessions, 0);
  g_assert_true (genu_intervention_get_number (
    g_ptr_array_index (genu_session_get_interventions (saved), 0), "minutes", &number));
  g_assert_cmpfloat (number, ==, 2.5);

  /* In the patient's list: the date as the locale shows dates (English here). */
  row = g_object_ref_sink (genu_record_row_new (G_OBJECT (saved)));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "3 Mar 2026 · "));
  g_object_unref (row);

  /* With a German decimal comma, the number is shown as "2,5" and reads back as 2.5. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_message ("no German locale: the comma round trip is not tried");
      return;
    }
  genu_session_page_load (fixture->page, fixture->patient, NULL, saved);
  genu_test_iterate ();
  iastm = genu_session_page_get_intervention_editor (fixture->page, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
    genu_intervention_editor_get_field (iastm, "minutes"))), ==, "2,5");
  g_assert_true (genu_intervention_get_number (genu_intervention_editor_get_intervention (iastm),
                                               "minutes", &number));
  g_assert_cmpfloat (number, ==, 2.5);
  type_field (iastm, "minutes", "3,5");
  g_assert_true (genu_intervention_get_number (genu_intervention_editor_get_intervention (iastm),
                                               "minutes", &number));
  g_assert_cmpfloat (number, ==, 3.5);
  g_assert_null (genu_intervention_editor_get_field_error (iastm, "minutes"));
  setlocale (LC_NUMERIC, "C.UTF-8");
}

static void
test_required_fields (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GenuInterventionEditor *iastm;
  const char *message;

  type_into (fixture, "date", "2026-03-03");
  type_into (fixture, "therapist", "Tom Therapist");

  /* No intervention at all. */
  g_assert_false (genu_session_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_session_page_get_field_error (fixture->page, "interventions"));

  /* IASTM without an instrument: the message is under the instruments. */
  iastm = add_intervention (fixture, "iastm");
  g_assert_null (genu_session_page_get_field_error (fixture->page, "interventions"));
  click_choice (iastm, "regions", "loc_pes_anserine");
  type_field (iastm, "minutes", "4");
  g_assert_false (genu_session_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  message = genu_intervention_editor_get_field_error (iastm, "instruments");
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Instruments"));
  g_assert_null (genu_intervention_editor_get_field_error (iastm, "regions"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (iastm)));
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* Picking one clears it at once. */
  click_choice (iastm, "instruments", "gt1");
  g_assert_null (genu_intervention_editor_get_field_error (iastm, "instruments"));

  /* Removed, the session has no intervention again. */
  g_signal_emit_by_name (genu_intervention_editor_get_remove_button (iastm), "clicked");
  genu_test_iterate ();
  g_assert_cmpuint (genu_session_page_get_n_interventions (fixture->page), ==, 0);
  g_assert_nonnull (genu_session_page_get_field_error (fixture->page, "interventions"));
}

/* A session saved through the store, as an earlier one. */
static GenuSession *
save_earlier_session (Fixture    *fixture,
                      const char *date,
                      gint64      plan_id)
{
  static const char * const instruments[] = { "gt3", NULL };
  static const char * const regions[] = { "loc_mcl_body", NULL };
  g_autoptr(GenuSession) session = genu_session_new ();
  g_autoptr(GenuIntervention) iastm = genu_intervention_new (GENU_INTERVENTION_IASTM);
  g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);
  g_autoptr(GError) error = NULL;

  genu_session_set_patient_id (session, genu_patient_get_id (fixture->patient));
  genu_session_set_plan_id (session, plan_id);
  genu_session_set_text (session, GENU_SESSION_DATE, date);
  genu_session_set_text (session, GENU_SESSION_THERAPIST, "Tina Therapist");
  genu_intervention_set_choices (iastm, "instruments", instruments);
  genu_intervention_set_choices (iastm, "regions", regions);
  genu_intervention_set_number (iastm, "minutes", 2);
  genu_intervention_set_note (iastm, "Light touch");
  genu_intervention_set_text (exercise, "exercise", "Spanish squat");
  genu_intervention_set_number (exercise, "sets", 4);
  genu_session_add_intervention (session, iastm);
  genu_session_add_intervention (session, exercise);
  g_assert_true (genu_store_save_session (fixture->store, session, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&session);
}

static void
test_repeat_last_session (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GenuSession) earlier = save_earlier_session (fixture, "2026-02-24", 0);
  g_autoptr(GenuSession) stored = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GenuInterventionEditor *copy;
  GPtrArray *interventions;

  /* Loaded anew, the page knows the last session, and its therapist. */
  genu_session_page_load (fixture->page, fixture->patient, NULL, NULL);
  genu_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
    genu_session_page_get_field (fixture->page, "therapist"))), ==, "Tina Therapist");
  g_assert_true (button_sensitive (fixture, "repeat_button"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "session.repeat-last",
                                             NULL));
  genu_test_iterate ();

  g_assert_cmpuint (genu_session_page_get_n_interventions (fixture->page), ==, 2);
  g_assert_true (genu_session_page_get_dirty (fixture->page));
  interventions = genu_session_get_interventions (earlier);
  for (guint i = 0; i < 2; i++)
    g_assert_true (genu_intervention_equal (
      genu_intervention_editor_get_intervention (
        genu_session_page_get_intervention_editor (fixture->page, i)),
      g_ptr_array_index (interventions, i)));

  /* Editing the copy leaves the stored session as it was. */
  copy = genu_session_page_get_intervention_editor (fixture->page, 0);
  click_choice (copy, "instruments", "gt1");
  type_field (copy, "minutes", "3");
  type_into (fixture, "date", "2026-03-03");
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);

  stored = genu_store_get_session (fixture->store, genu_session_get_id (earlier), &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (stored, earlier));
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_cmpstr (genu_intervention_get_note (g_ptr_array_index (
    genu_session_get_interventions (g_ptr_array_index (sessions, 0)), 0)), ==, "Light touch");

  /* Saved, it is no longer a new session to start from the last one. */
  g_assert_false (button_sensitive (fixture, "repeat_button"));
}

static GenuPlan *
save_plan (Fixture  *fixture,
           gboolean  screening_done)
{
  g_autoptr(GenuPlan) plan = genu_plan_new ();
  g_autoptr(GError) error = NULL;

  genu_plan_set_patient_id (plan, genu_patient_get_id (fixture->patient));
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, "2026-02-01");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine tendinopathy / bursitis");
  genu_plan_set_screening_done (plan, screening_done);
  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&plan);
}

static void
count_cb (GenuSessionPage *page,
          GenuPlan        *plan,
          guint           *count)
{
  g_assert_true (GENU_IS_PLAN (plan));
  (*count)++;
}

static void
test_screening_needed (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const contraindications[] = { "anticoagulants_bleeding", NULL };
  g_autoptr(GenuPlan) plan = save_plan (fixture, FALSE);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  genu_session_page_load (fixture->page, fixture->patient, plan, NULL);
  g_signal_connect (fixture->page, "screening-needed", G_CALLBACK (count_cb), &count);
  fill_graston_session (fixture);

  /* Not saved: the window is asked to show the checklist. */
  g_assert_false (genu_session_page_save (fixture->page, &error));
  g_assert_error (error, GENU_SESSION_PAGE_ERROR, GENU_SESSION_PAGE_ERROR_SCREENING_NEEDED);
  g_clear_error (&error);
  g_assert_cmpuint (count, ==, 1);
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  g_assert_true (genu_session_page_get_dirty (fixture->page));

  /* Screened, with a contraindication nobody acknowledged: refused, said on the page. */
  genu_plan_set_screening_done (plan, TRUE);
  genu_plan_set_contraindications (plan, contraindications);
  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_false (genu_session_page_save (fixture->page, &error));
  g_assert_error (error, GENU_SESSION_PAGE_ERROR, GENU_SESSION_PAGE_ERROR_SCREENING_BLOCKS);
  g_clear_error (&error);
  g_assert_cmpuint (count, ==, 1);
  g_assert_nonnull (strstr (genu_session_page_get_field_error (fixture->page, "interventions"),
                            "contraindication"));
  genu_test_screenshot (fixture->window, "session-page-screening-blocks.png", FALSE);
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* Acknowledged: the session is saved, in the plan. */
  genu_plan_set_acknowledgement (plan, "Tom Therapist", "2026-03-03T09:00:00Z");
  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 1);
  g_assert_cmpint (genu_session_get_plan_id (g_ptr_array_index (sessions, 0)), ==,
                   genu_plan_get_id (plan));
}

static void
test_screening_not_asked_without_iastm (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GenuPlan) plan = save_plan (fixture, FALSE);
  g_autoptr(GError) error = NULL;
  GenuInterventionEditor *exercise;
  guint count = 0;

  genu_session_page_load (fixture->page, fixture->patient, plan, NULL);
  g_signal_connect (fixture->page, "screening-needed", G_CALLBACK (count_cb), &count);
  type_into (fixture, "therapist", "Tom Therapist");
  exercise = add_intervention (fixture, "exercise");
  type_field (exercise, "exercise", "Side-lying hip abduction");
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
}

static void
sign_requested_cb (GenuSessionPage *page,
                   guint           *count)
{
  (*count)++;
}

static void
test_signed_and_amended (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GenuSession) original = save_earlier_session (fixture, "2026-02-24", 0);
  g_autoptr(GenuSession) signed_session = NULL;
  g_autoptr(GenuSession) stored = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  GenuInterventionEditor *editor;
  GenuSession *amendment;
  GtkWidget *signature_row;
  guint sign_requests = 0;

  /* Saved and unchanged: it can be signed; the window asks who signs. */
  genu_session_page_load (fixture->page, fixture->patient, NULL, original);
  g_signal_connect (fixture->page, "sign-requested", G_CALLBACK (sign_requested_cb),
                    &sign_requests);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "session.sign", NULL));
  g_assert_cmpuint (sign_requests, ==, 1);
  g_assert_true (genu_session_page_sign (fixture->page, "Tina Therapist", &error));
  g_assert_no_error (error);
  signed_session = genu_store_get_session (fixture->store, genu_session_get_id (original), &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_is_signed (signed_session));

  /* Loaded signed: read-only, and it says who signed. */
  genu_session_page_load (fixture->page, fixture->patient, NULL, signed_session);
  genu_test_iterate ();
  g_assert_true (genu_session_page_get_read_only (fixture->page));
  g_assert_false (gtk_widget_is_sensitive (genu_session_page_get_field (fixture->page, "date")));
  g_assert_false (gtk_widget_is_sensitive (genu_session_page_get_field (fixture->page, "notes")));
  editor = genu_session_page_get_intervention_editor (fixture->page, 0);
  g_assert_true (genu_intervention_editor_get_read_only (editor));
  g_assert_false (gtk_widget_is_sensitive (genu_intervention_editor_get_field (editor,
                                                                               "minutes")));
  g_assert_false (gtk_widget_get_visible (genu_intervention_editor_get_remove_button (editor)));
  signature_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                             GENU_TYPE_SESSION_PAGE,
                                                             "signature_row"));
  g_assert_true (gtk_widget_is_visible (signature_row));
  g_assert_true (g_str_has_prefix (
    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (signature_row)),
    "Signed by Tina Therapist on "));
  g_assert_true (g_str_has_suffix (
    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (signature_row)),
    " — amend to correct it"));
  g_assert_true (button_sensitive (fixture, "amend_button"));
  g_assert_false (button_sensitive (fixture, "sign_button"));
  g_assert_false (button_sensitive (fixture, "repeat_button"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (fixture->page), GENU_TYPE_SESSION_PAGE, "add_button"))));
  genu_test_screenshot (fixture->window, "session-page-signed.png", FALSE);
  /* Nothing edits it: no sign, no add, no save. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "session.sign", NULL);
  g_assert_cmpuint (sign_requests, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "session.add-intervention", "s",
                              "taping");
  g_assert_cmpuint (genu_session_page_get_n_interventions (fixture->page), ==, 2);
  g_assert_false (genu_session_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  /* Amended: a new note, with its reason required. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "session.amend", NULL));
  genu_test_iterate ();
  amendment = genu_session_page_get_session (fixture->page);
  g_assert_cmpint (genu_session_get_id (amendment), ==, 0);
  g_assert_cmpint (genu_session_get_amends_id (amendment), ==, genu_session_get_id (original));
  g_assert_false (genu_session_is_signed (amendment));
  g_assert_false (genu_session_page_get_read_only (fixture->page));
  g_assert_true (gtk_widget_is_sensitive (genu_session_page_get_field (fixture->page, "date")));
  g_assert_false (button_sensitive (fixture, "repeat_button"));
  g_assert_true (gtk_widget_get_visible (genu_session_page_get_field (fixture->page,
                                                                      "amendment_reason")));

  type_into (fixture, "pain_after", "2");
  g_assert_false (genu_session_page_save (fixture->page, &error));
  genu_test_screenshot (fixture->window, "session-page-amendment.png", FALSE);
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_session_page_get_field_error (fixture->page, "amendment_reason"));

  type_into (fixture, "amendment_reason", "Pain after was not recorded");
  g_assert_null (genu_session_page_get_field_error (fixture->page, "amendment_reason"));
  g_assert_true (genu_session_page_save (fixture->page, &error));
  g_assert_no_error (error);

  amendment = genu_session_page_get_session (fixture->page);
  g_assert_cmpint (genu_session_get_id (amendment), !=, 0);
  g_assert_cmpint (genu_session_get_amends_id (amendment), ==, genu_session_get_id (original));
  g_assert_cmpstr (genu_session_get_text (amendment, GENU_SESSION_AMENDMENT_REASON), ==,
                   "Pain after was not recorded");
  g_assert_cmpint (genu_session_get_pain_after (amendment), ==, 2);
  g_assert_cmpuint (genu_session_get_interventions (amendment)->len, ==, 2);

  /* The signed session stays exactly as it was signed. */
  stored = genu_store_get_session (fixture->store, genu_session_get_id (original), &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (stored, signed_session));
  sessions = list_sessions (fixture);
  g_assert_cmpuint (sessions->len, ==, 2);
}

/* Scrolls the form so that @widget (NULL: the end of the form) is at the top. */
static void
scroll_to (Fixture   *fixture,
           GtkWidget *widget)
{
  GtkWidget *form = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                               GENU_TYPE_SESSION_PAGE,
                                                               "form_page"));
  GtkWidget *scrolled = gtk_widget_get_ancestor (
    genu_session_page_get_field (fixture->page, "date"), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (widget != NULL)
    {
      g_assert_true (gtk_widget_compute_point (widget, form, &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (adjustment, point.y - 12);
    }
  else
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
  genu_test_iterate ();
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  GenuInterventionEditor *iastm;

  fill_graston_session (fixture);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    genu_session_page_get_field (fixture->page, "notes"))),
    "Runs 3 × 5 km a week without pain; stairs still sore.", -1);
  iastm = genu_session_page_get_intervention_editor (fixture->page, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (iastm), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  genu_test_screenshot (fixture->window, "session-page.png", FALSE);
  genu_test_screenshot (fixture->window, "session-page-dark.png", TRUE);
  scroll_to (fixture, GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                 GENU_TYPE_SESSION_PAGE,
                                                                 "interventions_group")));
  genu_test_screenshot (fixture->window, "session-page-graston.png", FALSE);
  genu_test_screenshot (fixture->window, "session-page-graston-dark.png", TRUE);

  /* The rest of the record, and the exercise under it, expanded with an error. */
  type_field (iastm, "minutes", "45");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (
    genu_session_page_get_intervention_editor (fixture->page, 1)), TRUE);
  scroll_to (fixture, NULL);
  genu_test_screenshot (fixture->window, "session-page-end.png", FALSE);
}

/* At 360 px the two buttons of the interventions header are each whole (never narrower than
 * they ask) and inside the window, one under the other, and "Add Intervention" still opens its
 * menu. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  const char *names[] = { "repeat_button", "add_button" };
  graphene_rect_t bounds[G_N_ELEMENTS (names)];
  GtkWidget *add;

  gtk_window_set_default_size (fixture->window, 360, 720);
  gtk_test_widget_wait_for_draw (window);
  genu_test_iterate ();
  g_assert_cmpint (gtk_widget_get_width (window), <=, 400);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                     GENU_TYPE_SESSION_PAGE,
                                                                     names[i]));
      int minimum;

      g_assert_true (gtk_widget_get_mapped (button));
      /* The bounds are the button with its padding and border, as the minimum is measured. */
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_true (gtk_widget_compute_bounds (button, window, &bounds[i]));
      g_assert_cmpfloat (bounds[i].size.width, >=, minimum);
      g_assert_cmpfloat (bounds[i].origin.x, >=, 0);
      g_assert_cmpfloat (bounds[i].origin.x + bounds[i].size.width, <=,
                         gtk_widget_get_width (window));
    }
  /* One under the other: they do not overlap. */
  g_assert_cmpfloat (bounds[1].origin.y, >=, bounds[0].origin.y + bounds[0].size.height);

  scroll_to (fixture, GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                 GENU_TYPE_SESSION_PAGE,
                                                                 "interventions_group")));
  genu_test_screenshot (fixture->window, "session-page-narrow.png", FALSE);

  add = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                   GENU_TYPE_SESSION_PAGE, "add_button"));
  gtk_menu_button_popup (GTK_MENU_BUTTON (add));
  genu_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (
    gtk_menu_button_get_popover (GTK_MENU_BUTTON (add)))));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (add));
  genu_test_iterate ();
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

  ADD ("/ui/session-page/graston-round-trip", test_graston_round_trip);
  ADD ("/ui/session-page/numbers-refused-at-the-field", test_numbers_refused_at_the_field);
  ADD ("/ui/session-page/decimal-comma", test_decimal_comma);
  ADD ("/ui/session-page/required-fields", test_required_fields);
  ADD ("/ui/session-page/repeat-last-session", test_repeat_last_session);
  ADD ("/ui/session-page/screening-needed", test_screening_needed);
  ADD ("/ui/session-page/screening-not-asked-without-iastm",
       test_screening_not_asked_without_iastm);
  ADD ("/ui/session-page/signed-and-amended", test_signed_and_amended);
  ADD ("/ui/session-page/screenshots", test_screenshots);
  ADD ("/ui/session-page/narrow", test_narrow);

#undef ADD

  return g_test_run ();
}
