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

#undef ADD

  return g_test_run ();
}
