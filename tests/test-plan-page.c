/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-field-error.h"
#include "genu-plan-page.h"
#include "genu-screening-dialog.h"
#include "genu-test-utils.h"
#include "genu-validation.h"
#include "genu-test-ui.h"

/* A plan of care as a therapist writes it: a condition picked from the knowledge base brings its
 * usual goals and interventions, wrong dates and numbers are refused where they are typed, the
 * saved plan reads back with every goal, and the IASTM screening stores who acknowledged a
 * contraindication. */

typedef struct {
  char         *dir;
  GenuStore    *store;
  GenuPatient  *patient;
  GtkWindow    *window;
  GenuPlanPage *page;
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

  fixture->page = g_object_new (GENU_TYPE_PLAN_PAGE, "store", fixture->store, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 1000);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  genu_plan_page_load (fixture->page, fixture->patient, NULL);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *row = genu_plan_page_get_field (fixture->page, name);

  g_assert_nonnull (row);
  return row;
}

static void
type_into (Fixture    *fixture,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, name)), text);
  genu_test_iterate ();
}

static const char *
text_of (Fixture    *fixture,
         const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (fixture, name)));
}

static const char *
row_title (Fixture    *fixture,
           const char *name)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field (fixture, name)));
}

static char *
buffer_text (Fixture    *fixture,
             const char *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (fixture, name)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Picks condition @id in the working-diagnosis combo, whose first entry is "None yet". */
static void
pick_condition (Fixture    *fixture,
                const char *id)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  guint n = genu_knowledge_base_get_n_conditions (kb);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (genu_knowledge_base_get_condition (kb, i)->id, id))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "diagnosis_id")), i + 1);
        genu_test_iterate ();
        return;
      }
  g_assert_not_reached ();
}

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
dup_title (Fixture *fixture)
{
  char *title = NULL;

  g_object_get (fixture->page, "title", &title, NULL);
  return title;
}

/* Scrolls the form to its end, for a picture of its last groups. */
static void
scroll_to_end (Fixture *fixture)
{
  GtkWidget *widget = GTK_WIDGET (fixture->page);

  while (widget != NULL && !GTK_IS_SCROLLED_WINDOW (widget))
    widget = gtk_widget_get_first_child (widget);
  g_assert_nonnull (widget);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  genu_test_iterate ();
}

static void
test_template_fills_new_plan (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *title = dup_title (fixture);
  g_autofree char *today = date_in_days (0);
  g_autofree char *in_4_weeks = date_in_days (28);
  g_autofree char *interventions = NULL;

  g_assert_cmpstr (title, ==, "New Plan of Care");
  g_assert_cmpstr (text_of (fixture, "start_date"), ==, today);
  g_assert_cmpuint (genu_plan_page_get_n_goals (fixture->page), ==, 0);
  g_assert_false (genu_plan_page_get_dirty (fixture->page));

  pick_condition (fixture, "mcl_sprain");
  g_assert_true (genu_plan_page_get_dirty (fixture->page));
  g_assert_cmpstr (text_of (fixture, "diagnosis_name"), ==,
                   "Medial collateral ligament sprain (grade I–III)");
  g_assert_cmpstr (text_of (fixture, "diagnosis_icd10"), ==, "S83.41-");
  g_assert_cmpuint (genu_plan_page_get_n_goals (fixture->page), ==, 2);
  g_assert_cmpstr (text_of (fixture, "goals[0].description"), ==,
                   "Full knee flexion and extension, no pain on valgus stress at 30°");
  g_assert_cmpstr (text_of (fixture, "goals[0].target_date"), ==, in_4_weeks);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (fixture, "goals[1].term"))),
                    ==, GENU_GOAL_LONG_TERM);
  g_assert_cmpstr (text_of (fixture, "goals[1].description"), ==, "Run 30 minutes pain-free");
  /* The expander shows the goal at a glance. */
  g_assert_cmpstr (row_title (fixture, "goals[1]"), ==, "Run 30 minutes pain-free");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (field (fixture,
                                                                                   "goals[1]"))),
                            "Progressing"));
  interventions = buffer_text (fixture, "interventions");
  g_assert_nonnull (strstr (interventions, "Early range of motion"));
  g_clear_pointer (&interventions, g_free);

  /* Another condition while the template is untouched: its own template replaces it. */
  pick_condition (fixture, "medial_meniscus_tear");
  g_assert_cmpstr (text_of (fixture, "goals[0].description"), ==, "NPRS on stairs ≤ 2/10");
  interventions = buffer_text (fixture, "interventions");
  g_assert_null (strstr (interventions, "Early range of motion"));
  g_clear_pointer (&interventions, g_free);

  /* Once the therapist edits a goal, no template writes over it. */
  type_into (fixture, "goals[0].description", "NPRS on stairs ≤ 1/10");
  g_assert_cmpstr (row_title (fixture, "goals[0]"), ==, "NPRS on stairs ≤ 1/10");
  pick_condition (fixture, "mcl_sprain");
  g_assert_cmpstr (text_of (fixture, "diagnosis_icd10"), ==, "S83.41-");
  g_assert_cmpstr (text_of (fixture, "goals[0].description"), ==, "NPRS on stairs ≤ 1/10");

  /* Goals can be removed and added. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plan.remove-goal", "u", 0);
  genu_test_iterate ();
  g_assert_cmpuint (genu_plan_page_get_n_goals (fixture->page), ==, 1);
  g_assert_cmpstr (text_of (fixture, "goals[0].description"), ==,
                   "LEFS at least 9 points above the start");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plan.add-goal", NULL);
  genu_test_iterate ();
  g_assert_cmpuint (genu_plan_page_get_n_goals (fixture->page), ==, 2);
  g_assert_cmpstr (text_of (fixture, "goals[1].description"), ==, "");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (field (fixture, "goals[1]"))));
}

static void
test_goal_date_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  pick_condition (fixture, "mcl_sprain");
  type_into (fixture, "goals[1].target_date", "2026-13-01");
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "goals[1].target_date"));

  g_assert_false (genu_plan_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Said under that goal's own row, which opens to show it; the other goal is fine. */
  g_assert_nonnull (genu_plan_page_get_field_error (fixture->page, "goals[1].target_date"));
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "goals[0].target_date"));
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "goals[1].description"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (field (fixture, "goals[1]"))));
  plans = genu_store_list_plans (fixture->store, genu_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 0);
  genu_test_screenshot (fixture->window, "plan-page-goal-error.png", FALSE);

  /* Corrected, the message goes as it is typed. */
  type_into (fixture, "goals[1].target_date", "2026-12-01");
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "goals[1].target_date"));

  /* An empty diagnosis is refused at its field too. */
  type_into (fixture, "diagnosis_name", "");
  g_assert_nonnull (genu_plan_page_get_field_error (fixture->page, "diagnosis_name"));
}

static void
test_numbers_refused_at_the_field (Fixture       *fixture,
                                   gconstpointer  data)
{
  type_into (fixture, "frequency_per_week", "9");
  g_assert_nonnull (genu_plan_page_get_field_error (fixture->page, "frequency_per_week"));
  type_into (fixture, "frequency_per_week", "0");
  g_assert_nonnull (genu_plan_page_get_field_error (fixture->page, "frequency_per_week"));
  type_into (fixture, "frequency_per_week", "3");
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "frequency_per_week"));
  type_into (fixture, "frequency_per_week", "");
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "frequency_per_week"));

  type_into (fixture, "duration_weeks", "53");
  g_assert_nonnull (genu_plan_page_get_field_error (fixture->page, "duration_weeks"));
  type_into (fixture, "duration_weeks", "six");
  g_assert_nonnull (genu_plan_page_get_field_error (fixture->page, "duration_weeks"));
  type_into (fixture, "duration_weeks", "52");
  g_assert_null (genu_plan_page_get_field_error (fixture->page, "duration_weeks"));
}

static void
test_save_and_read_back (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GenuPlan *saved;
  GenuGoal *goal;

  pick_condition (fixture, "mcl_sprain");
  type_into (fixture, "start_date", "2026-03-03");
  type_into (fixture, "frequency_per_week", "2");
  type_into (fixture, "duration_weeks", "12");
  /* The template's goals count from the start of the plan. */
  g_assert_cmpstr (text_of (fixture, "goals[0].target_date"), ==, "2026-03-31");
  g_assert_cmpstr (text_of (fixture, "goals[1].target_date"), ==, "2026-05-26");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "goals[0].status")), GENU_GOAL_MET);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (fixture, "goals[1].status")),
                              GENU_GOAL_NOT_MET);
  type_into (fixture, "goals[1].target_date", "2026-06-01");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (fixture, "notes"))),
                            "Runs 40 km a week before the injury.", -1);
  genu_test_screenshot (fixture->window, "plan-page.png", FALSE);
  genu_test_screenshot (fixture->window, "plan-page-dark.png", TRUE);
  scroll_to_end (fixture);
  genu_test_screenshot (fixture->window, "plan-page-end.png", FALSE);

  g_assert_true (genu_plan_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_assert_false (genu_plan_page_get_dirty (fixture->page));
  title = dup_title (fixture);
  g_assert_cmpstr (title, ==, "Plan of care, 3 Mar 2026");

  plans = genu_store_list_plans (fixture->store, genu_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  saved = g_ptr_array_index (plans, 0);
  g_assert_true (genu_plan_equal (saved, genu_plan_page_get_plan (fixture->page)));
  g_assert_cmpstr (genu_plan_get_text (saved, GENU_PLAN_DIAGNOSIS_ID), ==, "mcl_sprain");
  g_assert_cmpstr (genu_plan_get_text (saved, GENU_PLAN_DIAGNOSIS_ICD10), ==, "S83.41-");
  g_assert_cmpstr (genu_plan_get_text (saved, GENU_PLAN_NOTES), ==,
                   "Runs 40 km a week before the injury.");
  g_assert_nonnull (strstr (genu_plan_get_text (saved, GENU_PLAN_INTERVENTIONS),
                            "Graded return to running"));
  g_assert_cmpint (genu_plan_get_frequency_per_week (saved), ==, 2);
  g_assert_cmpint (genu_plan_get_duration_weeks (saved), ==, 12);
  g_assert_false (genu_plan_get_closed (saved));
  g_assert_cmpuint (genu_plan_get_goals (saved)->len, ==, 2);
  goal = g_ptr_array_index (genu_plan_get_goals (saved), 0);
  g_assert_cmpint (goal->term, ==, GENU_GOAL_SHORT_TERM);
  g_assert_cmpint (goal->status, ==, GENU_GOAL_MET);
  goal = g_ptr_array_index (genu_plan_get_goals (saved), 1);
  g_assert_cmpint (goal->term, ==, GENU_GOAL_LONG_TERM);
  g_assert_cmpint (goal->status, ==, GENU_GOAL_NOT_MET);
  g_assert_cmpstr (goal->target_date, ==, "2026-06-01");
  g_assert_cmpstr (goal->description, ==, "Run 30 minutes pain-free");

  /* Ending the episode, and reverting an edit. */
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "closed")), TRUE);
  genu_test_iterate ();
  type_into (fixture, "frequency_per_week", "4");
  g_assert_true (genu_plan_page_get_dirty (fixture->page));
  genu_plan_page_revert (fixture->page);
  g_assert_false (genu_plan_page_get_dirty (fixture->page));
  g_assert_cmpstr (text_of (fixture, "frequency_per_week"), ==, "2");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "closed"))));

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "closed")), TRUE);
  g_assert_true (genu_plan_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_clear_pointer (&plans, g_ptr_array_unref);
  plans = genu_store_list_plans (fixture->store, genu_patient_get_id (fixture->patient), &error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_true (genu_plan_get_closed (g_ptr_array_index (plans, 0)));
}

/* A new plan starts from the working diagnosis of the latest visit that has one. */
static void
test_diagnosis_from_latest_visit (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GError) error = NULL;

  genu_visit_set_patient_id (visit, genu_patient_get_id (fixture->patient));
  genu_visit_set_kind (visit, GENU_VISIT_FOLLOW_UP);
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2026-02-01");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Tom Therapist");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ID, "mcl_sprain");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_NAME,
                       "Medial collateral ligament sprain (grade I–III)");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ICD10, "S83.41-");
  g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);

  genu_plan_page_load (fixture->page, fixture->patient, NULL);
  g_assert_cmpstr (text_of (fixture, "diagnosis_icd10"), ==, "S83.41-");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (fixture, "diagnosis_id"))),
                    >, 0);
  g_assert_cmpuint (genu_plan_page_get_n_goals (fixture->page), ==, 2);
  g_assert_false (genu_plan_page_get_dirty (fixture->page));
}

/* The screening as the window runs it: the page asks, the dialog answers into the plan. */
typedef struct {
  guint requested;
  guint screened;
} Counts;

static void
count_cb (GObject *object,
          guint   *count)
{
  (*count)++;
}

static void
screened_cb (GenuScreeningDialog *dialog,
             GenuPlan            *plan,
             guint               *count)
{
  g_assert_true (plan == genu_screening_dialog_get_plan (dialog));
  (*count)++;
}

static GenuScreeningDialog *
open_dialog (Fixture    *fixture,
             GenuPlan   *plan,
             const char *therapist)
{
  GenuScreeningDialog *dialog =
    GENU_SCREENING_DIALOG (genu_screening_dialog_new (fixture->window, plan, therapist));

  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

static void
check (GenuScreeningDialog *dialog,
       const char          *id,
       gboolean             active)
{
  GtkWidget *button = genu_screening_dialog_get_check (dialog, id);

  g_assert_nonnull (button);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
  genu_test_iterate ();
}

static void
close_dialog (GenuScreeningDialog *dialog)
{
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  genu_test_iterate ();
  g_object_unref (dialog);
}

static void
test_screening_contraindication_needs_name (Fixture       *fixture,
                                            gconstpointer  data)
{
  GenuPlan *plan = genu_plan_page_get_plan (fixture->page);
  GtkWidget *row = field (fixture, "contraindications");
  g_autoptr(GError) error = NULL;
  GenuScreeningDialog *dialog;
  Counts counts = { 0, };
  const char * const *ids;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Not screened yet");
  g_signal_connect (fixture->page, "screening-requested", G_CALLBACK (count_cb),
                    &counts.requested);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plan.screen", NULL);
  g_assert_cmpuint (counts.requested, ==, 1);

  dialog = open_dialog (fixture, plan, "");
  g_signal_connect (dialog, "screened", G_CALLBACK (screened_cb), &counts.screened);
  g_assert_null (genu_screening_dialog_get_warning (dialog));
  g_assert_false (gtk_widget_is_visible (genu_screening_dialog_get_acknowledged_by (dialog)));

  check (dialog, "anticoagulants_bleeding", TRUE);
  check (dialog, "diabetes_skin_changes", TRUE);
  g_assert_nonnull (strstr (genu_screening_dialog_get_warning (dialog),
                            "IASTM is contraindicated with: "));
  g_assert_true (gtk_widget_is_visible (genu_screening_dialog_get_acknowledged_by (dialog)));

  /* No name: refused, said under the name, the plan unchanged. */
  g_assert_false (genu_screening_dialog_confirm (dialog, &error));
  g_assert_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_field_error_get (genu_screening_dialog_get_acknowledged_by (dialog)));
  g_assert_false (genu_plan_get_screening_done (plan));
  g_assert_cmpuint (counts.screened, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (genu_screening_dialog_get_acknowledged_by (dialog)),
                         "Tom Therapist");
  genu_test_iterate ();
  g_assert_null (genu_field_error_get (genu_screening_dialog_get_acknowledged_by (dialog)));
  genu_test_screenshot (GTK_WINDOW (dialog), "screening-dialog.png", FALSE);
  genu_test_screenshot (GTK_WINDOW (dialog), "screening-dialog-dark.png", TRUE);

  g_assert_true (genu_screening_dialog_confirm (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.screened, ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  close_dialog (dialog);

  g_assert_true (genu_plan_get_screening_done (plan));
  ids = genu_plan_get_contraindications (plan);
  g_assert_cmpstr (ids[0], ==, "anticoagulants_bleeding");
  g_assert_cmpstr (ids[1], ==, "diabetes_skin_changes");
  g_assert_null (ids[2]);
  g_assert_cmpstr (genu_plan_get_acknowledged_by (plan), ==, "Tom Therapist");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$",
                                       genu_plan_get_acknowledged_at (plan), 0, 0));
  g_assert_false (genu_plan_screening_blocks (plan));

  /* The page shows it; saved with the plan, it reads back. */
  genu_plan_page_refresh_screening (fixture->page);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "acknowledged by Tom Therapist on "));
  scroll_to_end (fixture);
  genu_test_screenshot (fixture->window, "plan-page-screened.png", FALSE);
  genu_test_screenshot (fixture->window, "plan-page-screened-dark.png", TRUE);
  pick_condition (fixture, "mcl_sprain");
  g_assert_true (genu_plan_page_save (fixture->page, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) plans = genu_store_list_plans (fixture->store,
                                                        genu_patient_get_id (fixture->patient),
                                                        &error);
    GenuPlan *saved = g_ptr_array_index (plans, 0);

    g_assert_cmpstr (genu_plan_get_acknowledged_by (saved), ==, "Tom Therapist");
    g_assert_true (genu_plan_get_screening_done (saved));
  }

  /* Opened again, the dialog shows the answers given. */
  dialog = open_dialog (fixture, genu_plan_page_get_plan (fixture->page), "Tina Therapist");
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (genu_screening_dialog_get_check (dialog, "anticoagulants_bleeding"))));
  g_assert_false (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (genu_screening_dialog_get_check (dialog, "pregnancy"))));
  g_assert_cmpstr (gtk_editable_get_text (
    GTK_EDITABLE (genu_screening_dialog_get_acknowledged_by (dialog))), ==, "Tina Therapist");
  close_dialog (dialog);
}

static void
test_screening_precaution_only (Fixture       *fixture,
                                gconstpointer  data)
{
  GenuPlan *plan = genu_plan_page_get_plan (fixture->page);
  GenuScreeningDialog *dialog = open_dialog (fixture, plan, "");
  g_autoptr(GError) error = NULL;
  const char *warning;

  check (dialog, "fibromyalgia", TRUE);
  warning = genu_screening_dialog_get_warning (dialog);
  g_assert_nonnull (warning);
  g_assert_null (strstr (warning, "contraindicated"));
  g_assert_false (gtk_widget_is_visible (genu_screening_dialog_get_acknowledged_by (dialog)));

  /* No name needed for a precaution. */
  g_assert_true (genu_screening_dialog_confirm (dialog, &error));
  g_assert_no_error (error);
  close_dialog (dialog);

  g_assert_true (genu_plan_get_screening_done (plan));
  g_assert_cmpstr (genu_plan_get_contraindications (plan)[0], ==, "fibromyalgia");
  g_assert_cmpstr (genu_plan_get_acknowledged_by (plan), ==, "");
  g_assert_true (genu_plan_screening_warns (plan));
  g_assert_false (genu_plan_screening_blocks (plan));
  genu_plan_page_refresh_screening (fixture->page);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (
                              ADW_ACTION_ROW (field (fixture, "contraindications"))),
                            "precautions"));

  /* Nothing checked: just done. */
  dialog = open_dialog (fixture, plan, "");
  check (dialog, "fibromyalgia", FALSE);
  g_assert_null (genu_screening_dialog_get_warning (dialog));
  g_assert_true (genu_screening_dialog_confirm (dialog, &error));
  close_dialog (dialog);
  g_assert_null (genu_plan_get_contraindications (plan)[0]);
  g_assert_true (genu_plan_get_screening_done (plan));
  genu_plan_page_refresh_screening (fixture->page);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (field (fixture,
                                                                      "contraindications"))),
                   ==, "Screened, nothing found");
}

static void
test_screening_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  GenuPlan *plan = genu_plan_page_get_plan (fixture->page);
  g_autoptr(GenuPlan) before = genu_plan_copy (plan);
  GenuScreeningDialog *dialog = open_dialog (fixture, plan, "Tom Therapist");
  guint screened = 0;

  g_signal_connect (dialog, "screened", G_CALLBACK (screened_cb), &screened);
  check (dialog, "pregnancy", TRUE);
  check (dialog, "marked_sensitivity", TRUE);
  gtk_window_close (GTK_WINDOW (dialog));
  genu_test_iterate ();
  close_dialog (dialog);

  g_assert_cmpuint (screened, ==, 0);
  g_assert_true (genu_plan_equal (plan, before));
  g_assert_false (genu_plan_get_screening_done (plan));
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

  ADD ("/ui/plan-page/template-fills-new-plan", test_template_fills_new_plan);
  ADD ("/ui/plan-page/goal-date-refused", test_goal_date_refused);
  ADD ("/ui/plan-page/numbers-refused-at-the-field", test_numbers_refused_at_the_field);
  ADD ("/ui/plan-page/save-and-read-back", test_save_and_read_back);
  ADD ("/ui/plan-page/diagnosis-from-latest-visit", test_diagnosis_from_latest_visit);
  ADD ("/ui/screening-dialog/contraindication-needs-name",
       test_screening_contraindication_needs_name);
  ADD ("/ui/screening-dialog/precaution-only", test_screening_precaution_only);
  ADD ("/ui/screening-dialog/cancel", test_screening_cancel);

#undef ADD

  return g_test_run ();
}
