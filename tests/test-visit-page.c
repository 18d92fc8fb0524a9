/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-differential-view.h"
#include "genu-knee-diagram.h"
#include "genu-test-utils.h"
#include "genu-visit-page.h"
#include "genu-test-ui.h"

/* The knee assessment as a therapist fills it in: answers change the suggested causes at once,
 * a red flag puts its banner on top, wrong numbers are refused where they are typed, and the
 * saved visit reads back with every answer. */

typedef struct {
  char          *dir;
  GenuStore     *store;
  GenuPatient   *patient;
  GtkWindow     *window;
  GenuVisitPage *page;
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

  fixture->page = g_object_new (GENU_TYPE_VISIT_PAGE, "store", fixture->store, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  genu_visit_page_load (fixture->page, fixture->patient, NULL);
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

static void
answer (Fixture          *fixture,
        const char       *finding,
        GenuFindingState  state)
{
  GtkWidget *button = genu_visit_page_get_finding_button (fixture->page, finding, state);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
}

static void
type_into (Fixture    *fixture,
           const char *field,
           const char *text)
{
  GtkWidget *row = genu_visit_page_get_field (fixture->page, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  genu_test_iterate ();
}

static GenuDifferentialView *
differential (Fixture *fixture)
{
  return GENU_DIFFERENTIAL_VIEW (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                GENU_TYPE_VISIT_PAGE,
                                                                "differential"));
}

static const char *
top_condition (Fixture *fixture)
{
  GPtrArray *ranked = genu_diagnosis_get_differential (genu_visit_page_get_diagnosis (fixture->page));
  GenuCandidate *first = g_ptr_array_index (ranked, 0);

  /* What the view shows is what the module ranked. */
  g_assert_cmpstr (genu_differential_view_get_condition_id (differential (fixture), 0), ==,
                   first->condition->id);
  return first->condition->id;
}

static void
test_ranking_follows_findings (Fixture       *fixture,
                               gconstpointer  data)
{
  /* With nothing recorded the priors decide: patellofemoral pain is the most common. */
  g_assert_cmpstr (top_condition (fixture), ==, "patellofemoral_pain");

  /* A positive mediopatellar plica test (LR+ 8.2) puts plica syndrome first. */
  answer (fixture, "mpp_test", GENU_FINDING_PRESENT);
  g_assert_cmpstr (top_condition (fixture), ==, "medial_plica");
  g_assert_true (genu_visit_page_get_dirty (fixture->page));

  /* Negative again (LR- 0.11): it falls back below. */
  answer (fixture, "mpp_test", GENU_FINDING_ABSENT);
  g_assert_cmpstr (top_condition (fixture), !=, "medial_plica");

  /* Not tested: back to the priors. */
  answer (fixture, "mpp_test", GENU_FINDING_NOT_TESTED);
  g_assert_cmpstr (top_condition (fixture), ==, "patellofemoral_pain");

  /* Pain marked on the pes anserine spot of the diagram, and tenderness there. */
  {
    GenuKneeDiagram *diagram = GENU_KNEE_DIAGRAM (
      gtk_widget_get_template_child (GTK_WIDGET (fixture->page), GENU_TYPE_VISIT_PAGE, "diagram"));
    GtkWidget *spot = genu_knee_diagram_get_region_button (diagram, "loc_pes_anserine");

    g_assert_nonnull (spot);
    g_signal_emit_by_name (spot, "clicked");
    genu_test_iterate ();
  }
  answer (fixture, "tender_pes_anserine", GENU_FINDING_PRESENT);
  g_assert_cmpstr (top_condition (fixture), ==, "pes_anserine");
}

static void
test_red_flag_banner (Fixture       *fixture,
                      gconstpointer  data)
{
  GenuDifferentialView *view = differential (fixture);

  g_assert_false (genu_differential_view_get_banner_visible (view));

  /* Ottawa knee rule: an injury this week, and cannot bear weight. */
  answer (fixture, "acute_injury", GENU_FINDING_PRESENT);
  g_assert_false (genu_differential_view_get_banner_visible (view));
  answer (fixture, "cannot_bear_weight_4_steps", GENU_FINDING_PRESENT);
  g_assert_true (genu_differential_view_get_banner_visible (view));
  g_assert_cmpuint (genu_differential_view_get_n_red_flags (view), ==, 1);
  /* The banner heads the differential; it does not hide it. */
  g_assert_nonnull (genu_differential_view_get_condition_id (view, 0));
  answer (fixture, "mcmurray", GENU_FINDING_PRESENT);
  answer (fixture, "tender_joint_line", GENU_FINDING_PRESENT);
  genu_test_screenshot (fixture->window, "visit-page-red-flag.png", FALSE);
  genu_test_screenshot (fixture->window, "visit-page-red-flag-dark.png", TRUE);

  answer (fixture, "cannot_bear_weight_4_steps", GENU_FINDING_ABSENT);
  g_assert_false (genu_differential_view_get_banner_visible (view));
}

static void
test_numbers_refused_at_the_field (Fixture       *fixture,
                                   gconstpointer  data)
{
  type_into (fixture, "nprs_now", "11");
  g_assert_nonnull (genu_visit_page_get_field_error (fixture->page, "nprs_now"));
  type_into (fixture, "nprs_now", "7");
  g_assert_null (genu_visit_page_get_field_error (fixture->page, "nprs_now"));

  type_into (fixture, "flexion_deg", "161");
  g_assert_nonnull (genu_visit_page_get_field_error (fixture->page, "flexion_deg"));
  type_into (fixture, "flexion_deg", "-21");
  g_assert_nonnull (genu_visit_page_get_field_error (fixture->page, "flexion_deg"));
  type_into (fixture, "flexion_deg", "-20");
  g_assert_null (genu_visit_page_get_field_error (fixture->page, "flexion_deg"));
  type_into (fixture, "flexion_deg", "160");
  g_assert_null (genu_visit_page_get_field_error (fixture->page, "flexion_deg"));

  /* A decimal comma is read as a number whatever the locale (issue 6): "6,5" is a number, just
   * not a whole one; "1,2,3" and "6x" are not numbers at all. */
  type_into (fixture, "nprs_now", "6,0");
  g_assert_null (genu_visit_page_get_field_error (fixture->page, "nprs_now"));
  type_into (fixture, "nprs_now", "6,5");
  g_assert_nonnull (strstr (genu_visit_page_get_field_error (fixture->page, "nprs_now"),
                            "whole number"));
  type_into (fixture, "nprs_now", "1,2,3");
  g_assert_nonnull (strstr (genu_visit_page_get_field_error (fixture->page, "nprs_now"),
                            "as a number"));
  type_into (fixture, "nprs_now", "6x");
  g_assert_nonnull (strstr (genu_visit_page_get_field_error (fixture->page, "nprs_now"),
                            "as a number"));
  type_into (fixture, "nprs_now", " 7 ");
  g_assert_null (genu_visit_page_get_field_error (fixture->page, "nprs_now"));
}

static void
test_save_and_read_back (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *future = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  GenuFindings *saved;
  double number;

  answer (fixture, "mcmurray", GENU_FINDING_PRESENT);
  answer (fixture, "valgus_30_pain", GENU_FINDING_ABSENT);
  type_into (fixture, "nprs_worst", "6");
  type_into (fixture, "nprs_now", "4,0");   /* a decimal comma, whatever the locale */
  type_into (fixture, "date", future);

  /* Refused: a future date and no therapist; nothing saved, the answers kept. */
  g_assert_false (genu_visit_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (strstr (genu_visit_page_get_field_error (fixture->page, "date"), "future"));
  g_assert_nonnull (genu_visit_page_get_field_error (fixture->page, "therapist"));
  visits = genu_store_list_visits (fixture->store, genu_patient_get_id (fixture->patient), NULL);
  g_assert_cmpuint (visits->len, ==, 0);
  g_clear_pointer (&visits, g_ptr_array_unref);

  type_into (fixture, "date", "2026-01-15");
  type_into (fixture, "therapist", "Tom Therapist");
  g_assert_true (genu_visit_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_assert_false (genu_visit_page_get_dirty (fixture->page));

  visits = genu_store_list_visits (fixture->store, genu_patient_get_id (fixture->patient), NULL);
  g_assert_cmpuint (visits->len, ==, 1);
  saved = genu_assessment_get_findings (
    genu_visit_get_assessment (g_ptr_array_index (visits, 0)));
  g_assert_cmpint (genu_findings_get (saved, "mcmurray", NULL), ==, GENU_FINDING_PRESENT);
  g_assert_cmpint (genu_findings_get (saved, "valgus_30_pain", NULL), ==, GENU_FINDING_ABSENT);
  g_assert_cmpint (genu_findings_get (saved, "nprs_worst", &number), ==, GENU_FINDING_NUMBER);
  g_assert_cmpfloat (number, ==, 6);
  g_assert_cmpint (genu_findings_get (saved, "nprs_now", &number), ==, GENU_FINDING_NUMBER);
  g_assert_cmpfloat (number, ==, 4);
  g_assert_cmpint (genu_findings_get (saved, "mpp_test", NULL), ==, GENU_FINDING_NOT_TESTED);
  /* The age at the visit is recorded from the date of birth. */
  g_assert_cmpint (genu_findings_get (saved, "age", &number), ==, GENU_FINDING_NUMBER);
  g_assert_cmpfloat (number, ==, 35);
}

/* The working diagnosis is the therapist's: picked from the knowledge base (which fills its
 * ICD-10 code) or typed. */
static void
test_working_diagnosis (Fixture       *fixture,
                        gconstpointer  data)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  GtkWidget *pick = genu_visit_page_get_field (fixture->page, "diagnosis");
  guint n_conditions = genu_knowledge_base_get_n_conditions (kb);
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  GenuVisit *saved;
  guint pes = 0;

  for (guint i = 0; i < n_conditions; i++)
    if (g_str_equal (genu_knowledge_base_get_condition (kb, i)->id, "pes_anserine"))
      pes = i;

  type_into (fixture, "therapist", "Tom Therapist");
  type_into (fixture, "date", "2026-02-01");
  /* The first entry is "None yet". */
  adw_combo_row_set_selected (ADW_COMBO_ROW (pick), pes + 1);
  genu_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     genu_visit_page_get_field (fixture->page, "diagnosis_icd10"))), ==, "M70.5-");
  g_assert_true (genu_visit_page_save (fixture->page, &error));
  g_assert_no_error (error);

  visits = genu_store_list_visits (fixture->store, genu_patient_get_id (fixture->patient), NULL);
  saved = g_ptr_array_index (visits, 0);
  g_assert_cmpstr (genu_visit_get_text (saved, GENU_VISIT_DIAGNOSIS_ID), ==, "pes_anserine");
  g_assert_cmpstr (genu_visit_get_text (saved, GENU_VISIT_DIAGNOSIS_NAME), ==,
                   "Pes anserine tendinopathy / bursitis");
  g_assert_cmpstr (genu_visit_get_text (saved, GENU_VISIT_DIAGNOSIS_ICD10), ==, "M70.5-");
  g_clear_pointer (&visits, g_ptr_array_unref);

  /* "Other": typed by the therapist, with no knowledge-base id. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (pick), n_conditions + 1);
  type_into (fixture, "diagnosis_name", "Adductor tendinopathy");
  type_into (fixture, "diagnosis_icd10", "M76.89");
  g_assert_true (genu_visit_page_save (fixture->page, &error));
  g_assert_no_error (error);
  visits = genu_store_list_visits (fixture->store, genu_patient_get_id (fixture->patient), NULL);
  saved = g_ptr_array_index (visits, 0);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpstr (genu_visit_get_text (saved, GENU_VISIT_DIAGNOSIS_ID), ==, "");
  g_assert_cmpstr (genu_visit_get_text (saved, GENU_VISIT_DIAGNOSIS_NAME), ==,
                   "Adductor tendinopathy");
  g_assert_cmpstr (genu_visit_get_text (saved, GENU_VISIT_DIAGNOSIS_ICD10), ==, "M76.89");
}

static void
sign_requested_cb (GenuVisitPage *page,
                   guint         *count)
{
  (*count)++;
}

static gboolean
template_child_sensitive (Fixture    *fixture,
                          const char *id)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                GENU_TYPE_VISIT_PAGE, id));

  g_assert_nonnull (child);
  return gtk_widget_is_sensitive (child) && gtk_widget_get_visible (child);
}

static GtkTextView *
soap_view (Fixture *fixture)
{
  GtkWidget *date = genu_visit_page_get_field (fixture->page, "date");
  GtkWidget *page = gtk_widget_get_ancestor (date, ADW_TYPE_PREFERENCES_PAGE);

  /* The first text view of the form is the Subjective of the SOAP notes. */
  for (GtkWidget *child = gtk_widget_get_first_child (page); child != NULL; )
    {
      if (GTK_IS_TEXT_VIEW (child))
        return GTK_TEXT_VIEW (child);
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != page && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == page ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_true (FALSE);
  return NULL;
}

/* Signed, a visit is read, not edited; a correction is an amendment with its reason, saved
 * beside the signed visit, which stays as it was signed. */
static void
test_signed_and_amended (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GenuVisit) signed_visit = NULL;
  g_autoptr(GenuVisit) stored = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GenuKneeDiagram *diagram = GENU_KNEE_DIAGRAM (
    gtk_widget_get_template_child (GTK_WIDGET (fixture->page), GENU_TYPE_VISIT_PAGE, "diagram"));
  GtkWidget *signature_row;
  GenuVisit *amendment;
  guint sign_requests = 0;
  gint64 id;

  g_signal_connect (fixture->page, "sign-requested", G_CALLBACK (sign_requested_cb),
                    &sign_requests);

  /* A new visit cannot be signed, nor one with unsaved changes. */
  g_assert_false (template_child_sensitive (fixture, "sign_button"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visit.sign", NULL);
  g_assert_cmpuint (sign_requests, ==, 0);
  answer (fixture, "mcmurray", GENU_FINDING_PRESENT);
  type_into (fixture, "date", "2026-01-15");
  type_into (fixture, "therapist", "Tom Therapist");
  type_into (fixture, "nprs_now", "5");
  g_assert_true (genu_visit_page_save (fixture->page, &error));
  g_assert_no_error (error);
  id = genu_visit_get_id (genu_visit_page_get_visit (fixture->page));
  g_assert_false (genu_visit_page_get_read_only (fixture->page));
  g_assert_true (template_child_sensitive (fixture, "sign_button"));
  g_assert_false (template_child_sensitive (fixture, "amend_button"));
  type_into (fixture, "nprs_now", "6");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visit.sign", NULL);
  g_assert_cmpuint (sign_requests, ==, 0);
  g_assert_false (genu_visit_page_sign (fixture->page, "Tom Therapist", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  genu_visit_page_revert (fixture->page);

  /* Saved and unchanged: the action asks the window, which signs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visit.sign", NULL));
  g_assert_cmpuint (sign_requests, ==, 1);
  g_assert_true (genu_visit_page_sign (fixture->page, "Tina Therapist", &error));
  g_assert_no_error (error);
  g_assert_true (genu_visit_page_get_read_only (fixture->page));
  signed_visit = genu_store_get_visit (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (genu_visit_is_signed (signed_visit));
  g_assert_true (genu_visit_equal (genu_visit_page_get_visit (fixture->page), signed_visit));

  /* Loaded signed: every field insensitive, the differential still there. */
  genu_visit_page_load (fixture->page, fixture->patient, signed_visit);
  genu_test_iterate ();
  g_assert_true (genu_visit_page_get_read_only (fixture->page));
  g_assert_false (genu_visit_page_get_dirty (fixture->page));
  for (guint i = 0; i < 6; i++)
    {
      const char *fields[] = { "date", "therapist", "kind", "nprs_now", "diagnosis",
                               "diagnosis_name" };

      g_assert_false (gtk_widget_is_sensitive (genu_visit_page_get_field (fixture->page,
                                                                          fields[i])));
    }
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (soap_view (fixture))));
  g_assert_false (gtk_widget_is_sensitive (
    genu_visit_page_get_finding_button (fixture->page, "mcmurray", GENU_FINDING_ABSENT)));
  g_assert_false (gtk_widget_is_sensitive (
    genu_knee_diagram_get_region_button (diagram, "loc_pes_anserine")));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (differential (fixture))));
  g_assert_nonnull (genu_differential_view_get_condition_id (differential (fixture), 0));
  signature_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                             GENU_TYPE_VISIT_PAGE,
                                                             "signature_row"));
  g_assert_true (gtk_widget_is_visible (signature_row));
  g_assert_true (g_str_has_prefix (
    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (signature_row)),
    "Signed by Tina Therapist on "));
  g_assert_true (g_str_has_suffix (
    adw_preferences_row_get_title (ADW_PREFERENCES_ROW (signature_row)),
    " — amend to correct it"));
  g_assert_true (template_child_sensitive (fixture, "amend_button"));
  g_assert_false (template_child_sensitive (fixture, "sign_button"));
  g_assert_false (gtk_widget_get_visible (genu_visit_page_get_field (fixture->page,
                                                                    "amendment_reason")));
  genu_test_screenshot (fixture->window, "visit-page-signed.png", FALSE);
  genu_test_screenshot (fixture->window, "visit-page-signed-dark.png", TRUE);
  genu_test_scroll_to (genu_visit_page_get_field (fixture->page, "mcmurray"));
  genu_test_screenshot (fixture->window, "visit-page-signed-tests.png", FALSE);
  genu_test_scroll_to (genu_visit_page_get_field (fixture->page, "date"));

  /* Nothing changes it: no second signature, no save. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visit.sign", NULL);
  g_assert_cmpuint (sign_requests, ==, 1);
  g_assert_false (genu_visit_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  /* Amended: a new visit, editable, with its reason required. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "visit.amend", NULL));
  genu_test_iterate ();
  amendment = genu_visit_page_get_visit (fixture->page);
  g_assert_cmpint (genu_visit_get_id (amendment), ==, 0);
  g_assert_cmpint (genu_visit_get_amends_id (amendment), ==, id);
  g_assert_false (genu_visit_is_signed (amendment));
  g_assert_false (genu_visit_page_get_read_only (fixture->page));
  g_assert_true (gtk_widget_is_sensitive (genu_visit_page_get_field (fixture->page, "date")));
  g_assert_true (gtk_widget_is_sensitive (
    genu_visit_page_get_finding_button (fixture->page, "mcmurray", GENU_FINDING_ABSENT)));
  g_assert_true (gtk_widget_get_visible (genu_visit_page_get_field (fixture->page,
                                                                   "amendment_reason")));
  g_assert_false (template_child_sensitive (fixture, "amend_button"));
  g_object_get (fixture->page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Amendment, 15 Jan 2026");

  answer (fixture, "mcmurray", GENU_FINDING_ABSENT);
  g_assert_false (genu_visit_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_visit_page_get_field_error (fixture->page, "amendment_reason"));
  visits = genu_store_list_visits (fixture->store, genu_patient_get_id (fixture->patient), NULL);
  g_assert_cmpuint (visits->len, ==, 1);
  g_clear_pointer (&visits, g_ptr_array_unref);
  genu_test_screenshot (fixture->window, "visit-page-amendment.png", FALSE);

  type_into (fixture, "amendment_reason", "McMurray was negative");
  g_assert_null (genu_visit_page_get_field_error (fixture->page, "amendment_reason"));
  g_assert_true (genu_visit_page_save (fixture->page, &error));
  g_assert_no_error (error);

  amendment = genu_visit_page_get_visit (fixture->page);
  g_assert_cmpint (genu_visit_get_id (amendment), !=, 0);
  g_assert_cmpint (genu_visit_get_id (amendment), !=, id);
  g_assert_cmpint (genu_visit_get_amends_id (amendment), ==, id);
  g_assert_cmpstr (genu_visit_get_amendment_reason (amendment), ==, "McMurray was negative");
  g_assert_cmpint (genu_findings_get (genu_assessment_get_findings (
                     genu_visit_get_assessment (amendment)), "mcmurray", NULL), ==,
                   GENU_FINDING_ABSENT);
  /* The saved amendment is unsigned: it can be signed in turn. */
  g_assert_false (genu_visit_page_get_read_only (fixture->page));
  g_assert_true (template_child_sensitive (fixture, "sign_button"));

  /* The signed visit stays exactly as it was signed. */
  stored = genu_store_get_visit (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (genu_visit_equal (stored, signed_visit));
  g_assert_cmpstr (genu_visit_get_signed_by (stored), ==, "Tina Therapist");
  g_assert_cmpint (genu_findings_get (genu_assessment_get_findings (
                     genu_visit_get_assessment (stored)), "mcmurray", NULL), ==,
                   GENU_FINDING_PRESENT);
  visits = genu_store_list_visits (fixture->store, genu_patient_get_id (fixture->patient), NULL);
  g_assert_cmpuint (visits->len, ==, 2);
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

  ADD ("/ui/visit-page/ranking-follows-findings", test_ranking_follows_findings);
  ADD ("/ui/visit-page/red-flag-banner", test_red_flag_banner);
  ADD ("/ui/visit-page/numbers-refused-at-the-field", test_numbers_refused_at_the_field);
  ADD ("/ui/visit-page/save-and-read-back", test_save_and_read_back);
  ADD ("/ui/visit-page/working-diagnosis", test_working_diagnosis);
  ADD ("/ui/visit-page/signed-and-amended", test_signed_and_amended);

#undef ADD

  return g_test_run ();
}
