/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-knowledge-base.h"
#include "genu-patient.h"
#include "genu-store.h"
#include "genu-validation.h"
#include "genu-visit.h"

#include <string.h>

#include "genu-test-utils.h"

/* Visits and their knee assessments over a real SQLite file in a temporary folder per test:
 * every finding of the built-in knowledge base saved and read back, updates that drop findings
 * and the assessment, the order of the list, every rule that refuses a visit (with nothing
 * written), and a failure in the middle of a save that must leave no row behind. */

typedef struct {
  char        *dir;
  char        *path;
  GenuStore   *store;
  GenuPatient *patient;   /* saved, born 1985-04-23 */
} Fixture;

/* Every row of the three tables, to show that a refused save wrote nothing. */
static char *
dump_visits (const char *path)
{
  g_autofree char *visits = genu_test_dump_file (path, "SELECT * FROM visits ORDER BY id");
  g_autofree char *assessments =
    genu_test_dump_file (path, "SELECT * FROM knee_assessments ORDER BY visit_id");
  g_autofree char *findings =
    genu_test_dump_file (path, "SELECT * FROM assessment_findings ORDER BY visit_id, finding_id");

  return g_strconcat (visits, "--\n", assessments, "--\n", findings, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->patient = genu_patient_new ();
  genu_patient_set_text (fixture->patient, GENU_PATIENT_FAMILY_NAME, "Ångström");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->patient);
  g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static gint64
patient_id (Fixture *fixture)
{
  return genu_patient_get_id (fixture->patient);
}

static GenuVisit *
new_visit (Fixture       *fixture,
           GenuVisitKind  kind,
           const char    *date)
{
  GenuVisit *visit = genu_visit_new ();

  genu_visit_set_patient_id (visit, patient_id (fixture));
  genu_visit_set_kind (visit, kind);
  genu_visit_set_text (visit, GENU_VISIT_DATE, date);
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Łukasz Żółć");
  return visit;
}

/* A valid initial evaluation with a small assessment. */
static GenuVisit *
new_evaluation (Fixture    *fixture,
                const char *date)
{
  GenuVisit *visit = new_visit (fixture, GENU_VISIT_INITIAL_EVALUATION, date);
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  GenuFindings *findings = genu_assessment_get_findings (assessment);

  genu_assessment_set_side (assessment, GENU_SIDE_RIGHT);
  genu_assessment_set_duration_weeks (assessment, 6);
  genu_findings_set_number (findings, "nprs_now", 3);
  genu_findings_set_bool (findings, "loc_joint_line", TRUE);
  genu_findings_set_bool (findings, "effusion", FALSE);
  genu_visit_set_assessment (visit, assessment);
  return visit;
}

static void
assert_timestamp (const char *text)
{
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       text, 0, 0));
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autofree char *dump = genu_test_dump_file (fixture->path, sql);
  gint64 count;

  g_assert_true (g_str_has_prefix (dump, "i:"));
  count = g_ascii_strtoll (dump + 2, NULL, 10);
  return count;
}

/* Fetches the visit with @expected's id and checks that it holds the same record. */
static void
assert_stored (GenuStore *store,
               GenuVisit *expected)
{
  g_autoptr(GError) error = NULL;
  GenuVisit *stored = genu_store_get_visit (store, genu_visit_get_id (expected), &error);
  GenuAssessment *a, *b;

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    g_assert_cmpstr (genu_visit_get_text (stored, i), ==, genu_visit_get_text (expected, i));
  g_assert_cmpint (genu_visit_get_kind (stored), ==, genu_visit_get_kind (expected));
  g_assert_cmpint (genu_visit_get_patient_id (stored), ==, genu_visit_get_patient_id (expected));

  a = genu_visit_get_assessment (stored);
  b = genu_visit_get_assessment (expected);
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    {
      g_assert_cmpint (genu_assessment_get_side (a), ==, genu_assessment_get_side (b));
      g_assert_cmpint (genu_assessment_get_duration_weeks (a), ==,
                       genu_assessment_get_duration_weeks (b));
      for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
        g_assert_cmpstr (genu_assessment_get_text (a, i), ==, genu_assessment_get_text (b, i));
      g_assert_true (genu_findings_equal (genu_assessment_get_findings (a),
                                          genu_assessment_get_findings (b)));
    }

  g_assert_true (genu_visit_equal (stored, expected));
  g_assert_cmpstr (genu_visit_get_created_at (stored), ==, genu_visit_get_created_at (expected));
  g_assert_cmpstr (genu_visit_get_updated_at (stored), ==, genu_visit_get_updated_at (expected));
  g_assert_finalize_object (stored);
}

static void
save_ok (GenuStore *store,
         GenuVisit *visit)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (genu_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_visit_get_id (visit), >, 0);
}

/* Every finding of the real knowledge base, in two visits: yes-no findings alternately present
 * and absent (the other way round in the second visit), numbers at their minimum in the first
 * and their maximum in the second, and valgus laxity present with grade 2. */
static void
test_visits_all_findings (Fixture       *fixture,
                          gconstpointer  data)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  guint n = genu_knowledge_base_get_n_findings (kb);
  GenuVisit *visits[2];
  guint n_numbers = 0;

  g_assert_cmpuint (n, >, 0);

  for (guint v = 0; v < G_N_ELEMENTS (visits); v++)
    {
      g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
      GenuFindings *findings = genu_assessment_get_findings (assessment);
      guint n_bools = 0;

      visits[v] = new_visit (fixture, v == 0 ? GENU_VISIT_INITIAL_EVALUATION
                                             : GENU_VISIT_RE_EVALUATION,
                             v == 0 ? "2024-03-18" : "2024-05-02");
      genu_assessment_set_side (assessment, v == 0 ? GENU_SIDE_BOTH : GENU_SIDE_LEFT);
      genu_assessment_set_duration_weeks (assessment, v == 0 ? 0 : 520);

      n_numbers = 0;
      for (guint i = 0; i < n; i++)
        {
          const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);

          if (def->type == GENU_FINDING_TYPE_NUMBER)
            {
              genu_findings_set_number (findings, def->id, v == 0 ? def->min : def->max);
              n_numbers++;
            }
          else
            {
              genu_findings_set_bool (findings, def->id, (n_bools++ + v) % 2 == 0);
            }
        }
      genu_findings_set_bool (findings, "valgus_30_laxity", TRUE);
      genu_findings_set_grade (findings, "valgus_30_laxity", 2);
      g_assert_cmpuint (genu_findings_get_size (findings), ==, n);

      genu_visit_set_assessment (visits[v], assessment);
      save_ok (fixture->store, visits[v]);
      assert_timestamp (genu_visit_get_created_at (visits[v]));
      g_assert_cmpstr (genu_visit_get_created_at (visits[v]), ==,
                       genu_visit_get_updated_at (visits[v]));
      assert_stored (fixture->store, visits[v]);
    }

  g_test_message ("%u findings, %u of them numbers", n, n_numbers);
  g_assert_cmpuint (n_numbers, >, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assessment_findings"), ==, 2 * n);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM assessment_findings WHERE grade = 2"),
                   ==, 2);

  /* And all of it is still there after closing and opening the file again. */
  reopen (fixture);
  for (guint v = 0; v < G_N_ELEMENTS (visits); v++)
    {
      double number = 0;
      GenuAssessment *assessment;
      GenuVisit *stored;

      assert_stored (fixture->store, visits[v]);

      stored = genu_store_get_visit (fixture->store, genu_visit_get_id (visits[v]), NULL);
      assessment = genu_visit_get_assessment (stored);
      g_assert_cmpint (genu_findings_get_grade (genu_assessment_get_findings (assessment),
                                                "valgus_30_laxity"), ==, 2);
      g_assert_cmpint (genu_findings_get (genu_assessment_get_findings (assessment), "flexion_deg",
                                          &number), ==, GENU_FINDING_NUMBER);
      g_assert_cmpfloat (number, ==, v == 0 ? -20 : 160);
      g_assert_finalize_object (stored);
      g_assert_finalize_object (visits[v]);
    }
}

static void
test_visits_texts (Fixture       *fixture,
                   gconstpointer  data)
{
  static const GenuVisitKind kinds[] = {
    GENU_VISIT_INITIAL_EVALUATION, GENU_VISIT_FOLLOW_UP, GENU_VISIT_RE_EVALUATION,
    GENU_VISIT_DISCHARGE,
  };
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GenuVisit *visit = new_visit (fixture, kinds[k], "2024-03-18");

      for (guint i = GENU_VISIT_SUBJECTIVE; i < GENU_VISIT_N_TEXTS; i++)
        {
          g_autofree char *text =
            g_strdup_printf ("%s: Zoë Ångström, Łukasz, 李小龍, محمد\nline 2 ' \" %% _ \\ ;",
                             genu_visit_text_column (i));
          genu_visit_set_text (visit, i, text);
        }
      genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "李 Zoë");
      genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ID, "pes_anserine");
      genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ICD10, "M70.5");

      if (genu_visit_kind_has_assessment (kinds[k]))
        {
          g_autoptr(GenuAssessment) assessment = genu_assessment_new ();

          genu_assessment_set_text (assessment, GENU_ASSESSMENT_MECHANISM, "Zoë: 李, \"twist\"");
          genu_assessment_set_text (assessment, GENU_ASSESSMENT_AGGRAVATING, "stairs ↑↓");
          genu_assessment_set_text (assessment, GENU_ASSESSMENT_NOTES, "");
          genu_visit_set_assessment (visit, assessment);
        }

      save_ok (fixture->store, visit);
      assert_stored (fixture->store, visit);
      g_ptr_array_add (saved, visit);
    }

  /* A duration that was not recorded stays unrecorded: NULL in the database. */
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM knee_assessments"
                               " WHERE duration_weeks IS NULL AND side = 'unknown'"), ==, 2);

  /* Surrounding spaces go from the one-line fields, as for patients; notes are kept as typed. */
  {
    GenuVisit *visit = new_visit (fixture, GENU_VISIT_FOLLOW_UP, " 2024-03-19 ");

    genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "  Zoë ");
    genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, " better\n");
    save_ok (fixture->store, visit);
    g_assert_cmpstr (genu_visit_get_text (visit, GENU_VISIT_DATE), ==, "2024-03-19");
    g_assert_cmpstr (genu_visit_get_text (visit, GENU_VISIT_THERAPIST), ==, "Zoë");
    g_assert_cmpstr (genu_visit_get_text (visit, GENU_VISIT_SUBJECTIVE), ==, " better\n");
    assert_stored (fixture->store, visit);
    g_ptr_array_add (saved, visit);
  }

  reopen (fixture);
  for (guint i = 0; i < saved->len; i++)
    assert_stored (fixture->store, g_ptr_array_index (saved, i));
}

/* An update replaces the findings and can drop the assessment; the row keeps its id and the
 * time it was created. */
static void
test_visits_update (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuVisit *visit = new_evaluation (fixture, "2024-03-18");
  GenuVisit *stored;
  GenuFindings *findings;
  g_autofree char *created_at = NULL;
  gint64 id;

  findings = genu_assessment_get_findings (genu_visit_get_assessment (visit));
  genu_findings_set_bool (findings, "valgus_30_laxity", TRUE);
  genu_findings_set_grade (findings, "valgus_30_laxity", 3);
  genu_findings_set_number (findings, "flexion_deg", 120);
  save_ok (fixture->store, visit);
  id = genu_visit_get_id (visit);
  created_at = g_strdup (genu_visit_get_created_at (visit));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assessment_findings"), ==, 5);

  /* Edit the stored copy, as the form does: fewer findings, other values, a grade dropped. */
  stored = genu_store_get_visit (fixture->store, id, &error);
  g_assert_no_error (error);
  findings = genu_assessment_get_findings (genu_visit_get_assessment (stored));
  genu_findings_clear (findings, "loc_joint_line");
  genu_findings_clear (findings, "effusion");
  genu_findings_set_number (findings, "nprs_now", 7);
  genu_findings_set_grade (findings, "valgus_30_laxity", 0);
  genu_assessment_set_duration_weeks (genu_visit_get_assessment (stored), -1);
  genu_visit_set_text (stored, GENU_VISIT_PLAN, "Zoë: rest");
  save_ok (fixture->store, stored);
  g_assert_cmpint (genu_visit_get_id (stored), ==, id);
  g_assert_cmpstr (genu_visit_get_created_at (stored), ==, created_at);
  assert_timestamp (genu_visit_get_updated_at (stored));
  assert_stored (fixture->store, stored);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assessment_findings"), ==, 3);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assessment_findings"
                                        " WHERE finding_id IN ('loc_joint_line', 'effusion')"),
                   ==, 0);

  /* No findings at all, the assessment kept. */
  findings = genu_assessment_get_findings (genu_visit_get_assessment (stored));
  genu_findings_clear (findings, "nprs_now");
  genu_findings_clear (findings, "valgus_30_laxity");
  genu_findings_clear (findings, "flexion_deg");
  save_ok (fixture->store, stored);
  assert_stored (fixture->store, stored);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assessment_findings"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM knee_assessments"), ==, 1);

  /* Now a follow-up: the assessment goes. */
  g_object_unref (visit);
  visit = new_evaluation (fixture, "2024-03-18");
  genu_visit_set_id (visit, id);
  save_ok (fixture->store, visit);
  genu_visit_set_kind (visit, GENU_VISIT_FOLLOW_UP);
  genu_visit_set_assessment (visit, NULL);
  save_ok (fixture->store, visit);
  g_assert_cmpstr (genu_visit_get_created_at (visit), ==, created_at);
  assert_stored (fixture->store, visit);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM knee_assessments"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM assessment_findings"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM visits"), ==, 1);

  reopen (fixture);
  assert_stored (fixture->store, visit);

  g_assert_finalize_object (stored);
  g_assert_finalize_object (visit);
}

static void
test_visits_list (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const dates[] = {
    "2024-03-18", "2024-05-02", "2023-12-31", "2024-05-02", "2024-04-01",
  };
  /* Newest first; of the two on 2024-05-02, the one saved last. */
  static const guint expected[] = { 3, 1, 4, 0, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GenuPatient *other;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      GenuVisit *visit = i % 2 == 0 ? new_evaluation (fixture, dates[i])
                                    : new_visit (fixture, GENU_VISIT_FOLLOW_UP, dates[i]);
      save_ok (fixture->store, visit);
      g_ptr_array_add (saved, visit);
    }

  /* Another patient's visit is not in the list. */
  other = genu_patient_new ();
  genu_patient_set_text (other, GENU_PATIENT_FAMILY_NAME, "李");
  genu_patient_set_text (other, GENU_PATIENT_GIVEN_NAMES, "小龍");
  genu_patient_set_text (other, GENU_PATIENT_DATE_OF_BIRTH, "1940-11-27");
  g_assert_true (genu_store_save_patient (fixture->store, other, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GenuVisit) visit = new_visit (fixture, GENU_VISIT_FOLLOW_UP, "2025-01-01");

    genu_visit_set_patient_id (visit, genu_patient_get_id (other));
    save_ok (fixture->store, visit);
  }

  listed = genu_store_list_visits (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_nonnull (listed);
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < listed->len; i++)
    {
      GenuVisit *visit = g_ptr_array_index (listed, i);
      GenuVisit *want = g_ptr_array_index (saved, expected[i]);

      g_test_message ("%u: %s #%" G_GINT64_FORMAT, i,
                      genu_visit_get_text (visit, GENU_VISIT_DATE), genu_visit_get_id (visit));
      /* Each with its assessment and findings. */
      g_assert_true (genu_visit_equal (visit, want));
    }

  none = genu_store_list_visits (fixture->store, 999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_finalize_object (other);
}

typedef void (*BreakFunc) (GenuVisit *visit);

static GenuFindings *
findings_of (GenuVisit *visit)
{
  return genu_assessment_get_findings (genu_visit_get_assessment (visit));
}

static void
break_date_future (GenuVisit *visit)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *text = g_date_time_format (tomorrow, "%Y-%m-%d");

  genu_visit_set_text (visit, GENU_VISIT_DATE, text);
}

static void
break_date_before_birth (GenuVisit *visit)
{
  genu_visit_set_text (visit, GENU_VISIT_DATE, "1985-04-22");
}

static void
break_date_not_real (GenuVisit *visit)
{
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-02-30");
}

static void
break_date_format (GenuVisit *visit)
{
  genu_visit_set_text (visit, GENU_VISIT_DATE, "18.03.2024");
}

static void
break_date_empty (GenuVisit *visit)
{
  genu_visit_set_text (visit, GENU_VISIT_DATE, " ");
}

static void
break_therapist (GenuVisit *visit)
{
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, " \t ");
}

static void
break_follow_up (GenuVisit *visit)
{
  genu_visit_set_kind (visit, GENU_VISIT_FOLLOW_UP);
}

static void
break_discharge (GenuVisit *visit)
{
  genu_visit_set_kind (visit, GENU_VISIT_DISCHARGE);
}

static void
break_duration (GenuVisit *visit)
{
  genu_assessment_set_duration_weeks (genu_visit_get_assessment (visit), 600);
}

static void
break_duration_negative (GenuVisit *visit)
{
  genu_assessment_set_duration_weeks (genu_visit_get_assessment (visit), -2);
}

static void
break_nprs (GenuVisit *visit)
{
  genu_findings_set_number (findings_of (visit), "nprs_now", 11);
}

static void
break_nprs_fraction (GenuVisit *visit)
{
  genu_findings_set_number (findings_of (visit), "nprs_now", 4.5);
}

static void
break_flexion_high (GenuVisit *visit)
{
  genu_findings_set_number (findings_of (visit), "flexion_deg", 161);
}

static void
break_flexion_low (GenuVisit *visit)
{
  genu_findings_set_number (findings_of (visit), "flexion_deg", -21);
}

static void
break_unknown_finding (GenuVisit *visit)
{
  genu_findings_set_bool (findings_of (visit), "knee_feels_funny", TRUE);
}

static void
break_number_on_bool (GenuVisit *visit)
{
  genu_findings_set_number (findings_of (visit), "mcmurray", 1);
}

static void
break_bool_on_number (GenuVisit *visit)
{
  genu_findings_set_bool (findings_of (visit), "nprs_now", TRUE);
}

static void
break_grade_too_high (GenuVisit *visit)
{
  genu_findings_set_bool (findings_of (visit), "valgus_30_laxity", TRUE);
  genu_findings_set_grade (findings_of (visit), "valgus_30_laxity", 9);
}

static void
break_grade_ungraded (GenuVisit *visit)
{
  genu_findings_set_bool (findings_of (visit), "mcmurray", TRUE);
  genu_findings_set_grade (findings_of (visit), "mcmurray", 1);
}

static const struct {
  const char *name;
  BreakFunc   func;
  const char *field;
  const char *message;   /* a part of the message */
} invalid_cases[] = {
  { "date-future", break_date_future, "date", "The visit date cannot be in the future" },
  { "date-before-birth", break_date_before_birth, "date",
    "The visit date is before the patient’s date of birth" },
  { "date-not-real", break_date_not_real, "date", "not a real date" },
  { "date-format", break_date_format, "date", "YYYY-MM-DD" },
  { "date-empty", break_date_empty, "date", "YYYY-MM-DD" },
  { "therapist", break_therapist, "therapist", "therapist’s name" },
  { "assessment-on-follow-up", break_follow_up, "kind", "no knee assessment" },
  { "assessment-on-discharge", break_discharge, "kind", "no knee assessment" },
  { "duration", break_duration, "duration_weeks", "520" },
  { "duration-negative", break_duration_negative, "duration_weeks", "520" },
  { "nprs-11", break_nprs, "nprs_now", "from 0 to 10" },
  { "nprs-fraction", break_nprs_fraction, "nprs_now", "whole number" },
  { "flexion-161", break_flexion_high, "flexion_deg", "from -20 to 160" },
  { "flexion-minus-21", break_flexion_low, "flexion_deg", "from -20 to 160" },
  { "unknown-finding", break_unknown_finding, "knee_feels_funny", "Unknown finding" },
  { "number-on-bool", break_number_on_bool, "mcmurray", "not as a number" },
  { "bool-on-number", break_bool_on_number, "nprs_now", "type a number" },
  { "grade-too-high", break_grade_too_high, "valgus_30_laxity", "from 1 to 3" },
  { "grade-ungraded", break_grade_ungraded, "mcmurray", "no grades" },
};

/* Each rule, broken on a new visit and on an edit of a saved one: refused with
 * GENU_STORE_ERROR_INVALID naming the field, not a row written, the visit object untouched. */
static void
test_visits_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  guint i = GPOINTER_TO_UINT (data);
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autoptr(GenuVisit) existing = new_evaluation (fixture, "2024-03-18");
  g_autofree char *before = NULL;

  save_ok (fixture->store, existing);
  before = dump_visits (fixture->path);

  for (guint edit = 0; edit < 2; edit++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GenuVisit) visit = edit ? genu_visit_copy (existing)
                                        : new_evaluation (fixture, "2024-03-19");
      g_autoptr(GenuVisit) unchanged = NULL;
      g_autoptr(GPtrArray) errors = NULL;
      g_autofree char *after = NULL;
      g_autofree char *expected_prefix = g_strdup_printf ("%s: ", invalid_cases[i].field);

      invalid_cases[i].func (visit);
      unchanged = genu_visit_copy (visit);

      /* The rule itself, as the form shows it. */
      errors = genu_visit_validate (visit, fixture->patient, kb, NULL);
      g_assert_cmpuint (errors->len, ==, 1);
      g_assert_nonnull (genu_field_errors_lookup (errors, invalid_cases[i].field));
      g_test_message ("%s", genu_field_errors_lookup (errors, invalid_cases[i].field));
      g_assert_nonnull (strstr (genu_field_errors_lookup (errors, invalid_cases[i].field),
                                invalid_cases[i].message));

      g_assert_false (genu_store_save_visit (fixture->store, visit, &error));
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expected_prefix));
      g_assert_nonnull (strstr (error->message, invalid_cases[i].message));

      g_assert_true (genu_visit_equal (visit, unchanged));
      g_assert_cmpstr (genu_visit_get_created_at (visit), ==,
                       genu_visit_get_created_at (unchanged));
      g_assert_cmpstr (genu_visit_get_updated_at (visit), ==,
                       genu_visit_get_updated_at (unchanged));
      after = dump_visits (fixture->path);
      g_assert_cmpstr (after, ==, before);
    }

  assert_stored (fixture->store, existing);
}

/* The edges of the ranges are fine; so are today, the day of birth, a duration of 0 and 520. */
static void
test_visits_limits (Fixture       *fixture,
                    gconstpointer  data)
{
  static const double flexions[] = { 160, -20 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  for (guint i = 0; i < G_N_ELEMENTS (flexions); i++)
    {
      g_autoptr(GenuVisit) visit = new_evaluation (fixture, i == 0 ? today : "1985-04-23");
      GenuAssessment *assessment = genu_visit_get_assessment (visit);

      genu_findings_set_number (genu_assessment_get_findings (assessment), "flexion_deg",
                                flexions[i]);
      genu_findings_set_number (genu_assessment_get_findings (assessment), "nprs_now",
                                i == 0 ? 10 : 0);
      genu_assessment_set_duration_weeks (assessment, i == 0 ? 520 : 0);
      save_ok (fixture->store, visit);
      assert_stored (fixture->store, visit);
    }
}

static void
test_visits_not_found (Fixture       *fixture,
                       gconstpointer  data)
{
  static const gint64 patients[] = { 0, 999 };
  g_autofree char *before = dump_visits (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GenuVisit) visit = new_evaluation (fixture, "2024-03-18");

      genu_visit_set_patient_id (visit, patients[i]);
      g_assert_false (genu_store_save_visit (fixture->store, visit, &error));
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
      g_test_message ("%s", error->message);
      g_assert_cmpint (genu_visit_get_id (visit), ==, 0);
    }

  /* An edit of a visit that is not there. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GenuVisit) visit = new_evaluation (fixture, "2024-03-18");

    genu_visit_set_id (visit, 42);
    g_assert_false (genu_store_save_visit (fixture->store, visit, &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
    g_assert_cmpstr (genu_visit_get_created_at (visit), ==, "");
  }

  {
    g_autoptr(GError) error = NULL;
    GenuVisit *visit = genu_store_get_visit (fixture->store, 42, &error);

    g_assert_null (visit);
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  }

  {
    g_autofree char *after = dump_visits (fixture->path);
    g_assert_cmpstr (after, ==, before);
  }
}

/* A failure in the middle of the transaction, after the visit row and some findings are written:
 * a trigger refuses one finding. Nothing of the save may remain, and the store stays usable. */
static void
test_visits_atomic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GenuVisit) existing = new_evaluation (fixture, "2024-03-18");
  g_autoptr(GenuVisit) visit = new_evaluation (fixture, "2024-03-19");
  g_autoptr(GenuVisit) edit = NULL;
  g_autoptr(GenuVisit) unchanged = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  save_ok (fixture->store, existing);

  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db,
                         "CREATE TRIGGER refuse_mcmurray BEFORE INSERT ON assessment_findings"
                         " WHEN NEW.finding_id = 'mcmurray'"
                         " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = dump_visits (fixture->path);

  /* A new visit: "mcmurray" sorts after the findings written before it. */
  genu_findings_set_bool (findings_of (visit), "mcmurray", TRUE);
  unchanged = genu_visit_copy (visit);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (genu_store_save_visit (fixture->store, visit, &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "refused by the test"));
  }
  g_assert_cmpint (genu_visit_get_id (visit), ==, 0);
  g_assert_true (genu_visit_equal (visit, unchanged));
  g_assert_cmpstr (genu_visit_get_created_at (visit), ==, "");
  after = dump_visits (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM visits"), ==, 1);

  /* An edit of a saved visit: its old findings, deleted first, come back with the rollback. */
  edit = genu_visit_copy (existing);
  genu_visit_set_text (edit, GENU_VISIT_PLAN, "changed");
  genu_findings_clear (findings_of (edit), "effusion");
  genu_findings_set_bool (findings_of (edit), "mcmurray", FALSE);
  g_clear_object (&unchanged);
  unchanged = genu_visit_copy (edit);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (genu_store_save_visit (fixture->store, edit, &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
  }
  g_assert_true (genu_visit_equal (edit, unchanged));
  g_assert_cmpstr (genu_visit_get_updated_at (edit), ==, genu_visit_get_updated_at (unchanged));
  g_free (after);
  after = dump_visits (fixture->path);
  g_assert_cmpstr (after, ==, before);
  assert_stored (fixture->store, existing);

  /* No transaction was left open: once the trigger is gone, both save. */
  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db, "DROP TRIGGER refuse_mcmurray");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  save_ok (fixture->store, visit);
  assert_stored (fixture->store, visit);
  save_ok (fixture->store, edit);
  assert_stored (fixture->store, edit);
}

/* The database keeps what the API cannot produce out too: a grade of 9 written past the store. */
static void
test_visits_check_constraint (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GenuVisit) visit = new_evaluation (fixture, "2024-03-18");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  save_ok (fixture->store, visit);
  before = dump_visits (fixture->path);

  db = genu_test_sqlite_open (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE assessment_findings SET grade = 9", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  after = dump_visits (fixture->path);
  g_assert_cmpstr (after, ==, before);
}

/* genu_visit_validate() on its own: the day that counts as today can be given, and without a
 * patient there is no date of birth to check against. */
static void
test_visits_validate_today (void)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GPtrArray) errors = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 18, G_DATE_MARCH, 2024);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "2000-01-01");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Zoë");

  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-03-18");
  errors = genu_visit_validate (visit, patient, kb, &today);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-03-19");
  errors = genu_visit_validate (visit, patient, kb, &today);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (genu_field_errors_lookup (errors, "date"), "2024-03-18"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  genu_visit_set_text (visit, GENU_VISIT_DATE, "1999-12-31");
  errors = genu_visit_validate (visit, patient, kb, &today);
  g_assert_nonnull (genu_field_errors_lookup (errors, "date"));
  g_clear_pointer (&errors, g_ptr_array_unref);
  errors = genu_visit_validate (visit, NULL, kb, &today);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* Every rule at once, each reported. */
  genu_visit_set_text (visit, GENU_VISIT_DATE, "");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "");
  genu_visit_set_kind (visit, GENU_VISIT_DISCHARGE);
  {
    g_autoptr(GenuAssessment) assessment = genu_assessment_new ();

    genu_assessment_set_duration_weeks (assessment, 521);
    genu_findings_set_number (genu_assessment_get_findings (assessment), "nprs_worst", -1);
    genu_visit_set_assessment (visit, assessment);
  }
  errors = genu_visit_validate (visit, patient, kb, &today);
  g_assert_cmpuint (errors->len, ==, 5);
  g_assert_nonnull (genu_field_errors_lookup (errors, "date"));
  g_assert_nonnull (genu_field_errors_lookup (errors, "therapist"));
  g_assert_nonnull (genu_field_errors_lookup (errors, "kind"));
  g_assert_nonnull (genu_field_errors_lookup (errors, "duration_weeks"));
  g_assert_nonnull (genu_field_errors_lookup (errors, "nprs_worst"));
}

static void
test_visits_copy_equal (void)
{
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GenuVisit) copy = NULL;
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  GenuFindings *findings = genu_assessment_get_findings (assessment);

  /* The defaults. */
  g_assert_cmpint (genu_visit_get_id (visit), ==, 0);
  g_assert_cmpint (genu_visit_get_kind (visit), ==, GENU_VISIT_INITIAL_EVALUATION);
  g_assert_null (genu_visit_get_assessment (visit));
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    g_assert_cmpstr (genu_visit_get_text (visit, i), ==, "");
  genu_visit_set_text (visit, GENU_VISIT_PLAN, NULL);
  g_assert_cmpstr (genu_visit_get_text (visit, GENU_VISIT_PLAN), ==, "");
  g_assert_cmpint (genu_assessment_get_side (assessment), ==, GENU_SIDE_UNKNOWN);
  g_assert_cmpint (genu_assessment_get_duration_weeks (assessment), ==, -1);
  g_assert_cmpstr (genu_visit_text_column (GENU_VISIT_DIAGNOSIS_ICD10), ==, "diagnosis_icd10");
  g_assert_cmpstr (genu_assessment_text_column (GENU_ASSESSMENT_AGGRAVATING), ==, "aggravating");

  genu_findings_set_number (findings, "nprs_now", 4);
  genu_visit_set_assessment (visit, assessment);
  genu_visit_set_timestamps (visit, "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");

  /* A deep copy: changing its findings leaves the original as it is. */
  copy = genu_visit_copy (visit);
  g_assert_true (genu_visit_equal (copy, visit));
  g_assert_true (genu_visit_get_assessment (copy) != assessment);
  g_assert_cmpstr (genu_visit_get_updated_at (copy), ==, "2024-01-02T00:00:00Z");
  genu_findings_set_number (genu_assessment_get_findings (genu_visit_get_assessment (copy)),
                            "nprs_now", 5);
  g_assert_false (genu_visit_equal (copy, visit));
  g_assert_cmpint (genu_findings_get (findings, "nprs_now", NULL), ==, GENU_FINDING_NUMBER);
  g_clear_object (&copy);

  /* Timestamps do not count; everything else does. */
  copy = genu_visit_copy (visit);
  genu_visit_set_timestamps (copy, "", "");
  g_assert_true (genu_visit_equal (copy, visit));
  genu_visit_set_assessment (copy, NULL);
  g_assert_false (genu_visit_equal (copy, visit));
  g_assert_false (genu_visit_equal (visit, copy));
  g_clear_object (&copy);

  copy = genu_visit_copy (visit);
  genu_assessment_set_text (genu_visit_get_assessment (copy), GENU_ASSESSMENT_NOTES, "Zoë");
  g_assert_false (genu_visit_equal (copy, visit));
  g_clear_object (&copy);

  copy = genu_visit_copy (visit);
  genu_visit_set_patient_id (copy, 3);
  g_assert_false (genu_visit_equal (copy, visit));
  g_clear_object (&copy);

  /* The signature and the amendment: unsigned by default, copied, and compared. */
  g_assert_cmpstr (genu_visit_get_signed_by (visit), ==, "");
  g_assert_cmpstr (genu_visit_get_signed_at (visit), ==, "");
  g_assert_false (genu_visit_is_signed (visit));
  g_assert_cmpint (genu_visit_get_amends_id (visit), ==, 0);
  g_assert_cmpstr (genu_visit_get_amendment_reason (visit), ==, "");
  genu_visit_set_signature (visit, "Zoë Therapeutin", "2026-03-03T10:00:00Z");
  genu_visit_set_amends_id (visit, 4);
  genu_visit_set_amendment_reason (visit, "Wrong side");
  g_assert_true (genu_visit_is_signed (visit));
  copy = genu_visit_copy (visit);
  g_assert_true (genu_visit_equal (copy, visit));
  g_assert_cmpstr (genu_visit_get_signed_by (copy), ==, "Zoë Therapeutin");
  g_assert_cmpstr (genu_visit_get_signed_at (copy), ==, "2026-03-03T10:00:00Z");
  g_assert_cmpint (genu_visit_get_amends_id (copy), ==, 4);
  g_assert_cmpstr (genu_visit_get_amendment_reason (copy), ==, "Wrong side");
  g_clear_object (&copy);

  copy = genu_visit_copy (visit);
  genu_visit_set_signature (copy, NULL, NULL);
  g_assert_false (genu_visit_is_signed (copy));
  g_assert_cmpstr (genu_visit_get_signed_at (copy), ==, "");
  g_assert_false (genu_visit_equal (copy, visit));
  g_clear_object (&copy);

  copy = genu_visit_copy (visit);
  genu_visit_set_signature (copy, "Zoë Therapeutin", "2026-03-04T10:00:00Z");
  g_assert_false (genu_visit_equal (copy, visit));
  g_clear_object (&copy);

  copy = genu_visit_copy (visit);
  genu_visit_set_amends_id (copy, 5);
  g_assert_false (genu_visit_equal (copy, visit));
  g_clear_object (&copy);

  copy = genu_visit_copy (visit);
  genu_visit_set_amendment_reason (copy, NULL);
  g_assert_cmpstr (genu_visit_get_amendment_reason (copy), ==, "");
  g_assert_false (genu_visit_equal (copy, visit));
}

/* The signature and the amendment of a visit read back through genu_store_get_visit() and
 * genu_store_list_visits(), as genu_store_get_visit_signature() has them. */
static void
assert_signature (Fixture    *fixture,
                  GenuVisit  *visit,
                  const char *signed_by,
                  gint64      amends_id,
                  const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autofree char *why = NULL;
  gint64 amends = -1;

  g_assert_cmpstr (genu_visit_get_signed_by (visit), ==, signed_by);
  g_assert_cmpint (genu_visit_is_signed (visit), ==, *signed_by != '\0');
  g_assert_cmpint (genu_visit_get_amends_id (visit), ==, amends_id);
  g_assert_cmpstr (genu_visit_get_amendment_reason (visit), ==, reason);
  if (*signed_by != '\0')
    assert_timestamp (genu_visit_get_signed_at (visit));
  else
    g_assert_cmpstr (genu_visit_get_signed_at (visit), ==, "");

  g_assert_true (genu_store_get_visit_signature (fixture->store, genu_visit_get_id (visit), &by,
                                                 &at, &amends, &why, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (by, ==, genu_visit_get_signed_by (visit));
  g_assert_cmpstr (at, ==, genu_visit_get_signed_at (visit));
  g_assert_cmpint (amends, ==, genu_visit_get_amends_id (visit));
  g_assert_cmpstr (why, ==, genu_visit_get_amendment_reason (visit));
}

static void
test_visits_signature (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GenuVisit) visit = new_evaluation (fixture, "2024-03-04");
  g_autoptr(GenuVisit) amendment = NULL;
  g_autoptr(GenuVisit) stored = NULL;
  g_autoptr(GenuVisit) signed_visit = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  save_ok (fixture->store, visit);
  id = genu_visit_get_id (visit);
  stored = genu_store_get_visit (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_signature (fixture, stored, "", 0, "");
  g_assert_true (genu_visit_equal (stored, visit));
  g_clear_object (&stored);

  g_assert_true (genu_store_sign_visit (fixture->store, id, "Łukasz Żółć", &error));
  g_assert_no_error (error);
  signed_visit = genu_store_get_visit (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_signature (fixture, signed_visit, "Łukasz Żółć", 0, "");
  /* Only the signature differs from what was saved. */
  g_assert_false (genu_visit_equal (signed_visit, visit));
  genu_visit_set_signature (visit, genu_visit_get_signed_by (signed_visit),
                            genu_visit_get_signed_at (signed_visit));
  g_assert_true (genu_visit_equal (signed_visit, visit));

  /* An amendment, a copy of the signed visit: saved unsigned, with what it amends and why. */
  amendment = genu_visit_copy (signed_visit);
  genu_visit_set_id (amendment, 0);
  genu_visit_set_text (amendment, GENU_VISIT_SUBJECTIVE, "Pain on the left, not the right");
  g_assert_true (genu_store_amend_visit (fixture->store, id, amendment, "  Wrong side ", &error));
  g_assert_no_error (error);
  g_assert_false (genu_visit_is_signed (amendment));
  g_assert_cmpint (genu_visit_get_amends_id (amendment), ==, id);
  g_assert_cmpstr (genu_visit_get_amendment_reason (amendment), ==, "Wrong side");
  stored = genu_store_get_visit (fixture->store, genu_visit_get_id (amendment), &error);
  g_assert_no_error (error);
  assert_signature (fixture, stored, "", id, "Wrong side");
  g_assert_true (genu_visit_equal (stored, amendment));
  g_clear_object (&stored);

  /* Changed again before it is signed: it stays an amendment of the same visit. */
  genu_visit_set_text (amendment, GENU_VISIT_PLAN, "Taping");
  save_ok (fixture->store, amendment);
  g_assert_cmpint (genu_visit_get_amends_id (amendment), ==, id);
  g_assert_cmpstr (genu_visit_get_amendment_reason (amendment), ==, "Wrong side");
  assert_stored (fixture->store, amendment);

  /* The list has both, newest first by id for the same day, each with its own fields. */
  reopen (fixture);
  visits = genu_store_list_visits (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 2);
  g_assert_true (genu_visit_equal (g_ptr_array_index (visits, 0), amendment));
  assert_signature (fixture, g_ptr_array_index (visits, 0), "", id, "Wrong side");
  g_assert_true (genu_visit_equal (g_ptr_array_index (visits, 1), signed_visit));
  assert_signature (fixture, g_ptr_array_index (visits, 1), "Łukasz Żółć", 0, "");
  g_clear_pointer (&visits, g_ptr_array_unref);

  visits = genu_store_list_visit_amendments (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_true (genu_visit_equal (g_ptr_array_index (visits, 0), amendment));
  g_clear_pointer (&visits, g_ptr_array_unref);

  /* A new visit that says it amends one is an amendment, reason required, as through
   * genu_store_amend_visit(). */
  {
    g_autoptr(GenuVisit) again = genu_visit_copy (signed_visit);

    genu_visit_set_id (again, 0);
    genu_visit_set_amends_id (again, id);
    g_assert_false (genu_store_save_visit (fixture->store, again, &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (genu_visit_get_id (again), ==, 0);
    genu_visit_set_amendment_reason (again, "Plan missing");
    save_ok (fixture->store, again);
    stored = genu_store_get_visit (fixture->store, genu_visit_get_id (again), &error);
    g_assert_no_error (error);
    assert_signature (fixture, stored, "", id, "Plan missing");
    g_assert_true (genu_visit_equal (stored, again));
  }
}

static void
test_visits_strings (void)
{
  static const struct {
    GenuVisitKind kind;
    const char   *text;
    const char   *label;
    gboolean      has_assessment;
  } kinds[] = {
    { GENU_VISIT_INITIAL_EVALUATION, "initial_evaluation", "Initial evaluation", TRUE },
    { GENU_VISIT_FOLLOW_UP, "follow_up", "Follow-up", FALSE },
    { GENU_VISIT_RE_EVALUATION, "re_evaluation", "Re-evaluation", TRUE },
    { GENU_VISIT_DISCHARGE, "discharge", "Discharge", FALSE },
  };
  static const struct {
    GenuSide    side;
    const char *text;
  } sides[] = {
    { GENU_SIDE_UNKNOWN, "unknown" },
    { GENU_SIDE_LEFT, "left" },
    { GENU_SIDE_RIGHT, "right" },
    { GENU_SIDE_BOTH, "both" },
  };
  GenuVisitKind kind = GENU_VISIT_DISCHARGE;
  GenuSide side = GENU_SIDE_BOTH;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GenuVisitKind parsed = -1;

      g_assert_cmpstr (genu_visit_kind_to_string (kinds[i].kind), ==, kinds[i].text);
      g_assert_true (genu_visit_kind_from_string (kinds[i].text, &parsed));
      g_assert_cmpint (parsed, ==, kinds[i].kind);
      g_assert_cmpstr (genu_visit_kind_label (kinds[i].kind), ==, kinds[i].label);
      g_assert_cmpint (genu_visit_kind_has_assessment (kinds[i].kind), ==,
                       kinds[i].has_assessment);
    }
  g_assert_false (genu_visit_kind_from_string ("follow-up", &kind));
  g_assert_false (genu_visit_kind_from_string ("", &kind));
  g_assert_false (genu_visit_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, GENU_VISIT_DISCHARGE);

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      GenuSide parsed = -1;

      g_assert_cmpstr (genu_side_to_string (sides[i].side), ==, sides[i].text);
      g_assert_true (genu_side_from_string (sides[i].text, &parsed));
      g_assert_cmpint (parsed, ==, sides[i].side);
    }
  g_assert_false (genu_side_from_string ("Left", &side));
  g_assert_cmpint (side, ==, GENU_SIDE_BOTH);
}

static void
test_visits_json (void)
{
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object, *inner;

  genu_visit_set_id (visit, 7);
  genu_visit_set_patient_id (visit, 3);
  genu_visit_set_kind (visit, GENU_VISIT_RE_EVALUATION);
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-03-18");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_NAME, "Pes anserine bursitis");
  genu_assessment_set_side (assessment, GENU_SIDE_LEFT);
  genu_assessment_set_text (assessment, GENU_ASSESSMENT_MECHANISM, "Zoë");
  genu_findings_set_number (genu_assessment_get_findings (assessment), "nprs_now", 4);
  genu_findings_set_bool (genu_assessment_get_findings (assessment), "valgus_30_laxity", TRUE);
  genu_findings_set_grade (genu_assessment_get_findings (assessment), "valgus_30_laxity", 2);
  genu_visit_set_assessment (visit, assessment);

  node = genu_visit_to_json (visit);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (object, "patient_id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "re_evaluation");
  genu_visit_set_text (visit, GENU_VISIT_ASSESSMENT, "better");
  g_clear_pointer (&node, json_node_unref);
  node = genu_visit_to_json (visit);
  object = json_node_get_object (node);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    if (i != GENU_VISIT_ASSESSMENT)
      g_assert_cmpstr (json_object_get_string_member (object, genu_visit_text_column (i)), ==,
                       genu_visit_get_text (visit, i));
  /* "assessment" is the knee assessment; the SOAP text has a key of its own. */
  g_assert_cmpstr (json_object_get_string_member (object, "soap_assessment"), ==, "better");

  inner = json_object_get_object_member (object, "assessment");
  g_assert_nonnull (inner);
  g_assert_cmpstr (json_object_get_string_member (inner, "side"), ==, "left");
  g_assert_true (json_object_get_null_member (inner, "duration_weeks"));
  g_assert_cmpstr (json_object_get_string_member (inner, "mechanism"), ==, "Zoë");
  g_assert_cmpstr (json_object_get_string_member (inner, "aggravating"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (inner, "notes"), ==, "");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (inner,
                                                                                   "findings"),
                                                    "nprs_now"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (inner,
                                                                                 "findings"),
                                                  "valgus_30_laxity"), ==, "present");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (inner, "grades"),
                                               "valgus_30_laxity"), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  genu_assessment_set_duration_weeks (assessment, 6);
  node = genu_assessment_to_json (assessment);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "duration_weeks"),
                   ==, 6);
  g_clear_pointer (&node, json_node_unref);

  genu_visit_set_assessment (visit, NULL);
  node = genu_visit_to_json (visit);
  object = json_node_get_object (node);
  g_assert_true (json_object_get_null_member (object, "assessment"));
  g_assert_cmpstr (json_object_get_string_member (object, "signed_by"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (object, "signed_at"), ==, "");
  g_assert_cmpint (json_object_get_int_member (object, "amends_id"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "amendment_reason"), ==, "");
  g_clear_pointer (&node, json_node_unref);

  genu_visit_set_signature (visit, "Zoë", "2026-03-03T10:00:00Z");
  genu_visit_set_amends_id (visit, 2);
  genu_visit_set_amendment_reason (visit, "Wrong side");
  node = genu_visit_to_json (visit);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "signed_by"), ==, "Zoë");
  g_assert_cmpstr (json_object_get_string_member (object, "signed_at"), ==,
                   "2026-03-03T10:00:00Z");
  g_assert_cmpint (json_object_get_int_member (object, "amends_id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "amendment_reason"), ==, "Wrong side");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/visits/copy-equal", test_visits_copy_equal);
  g_test_add_func ("/visits/strings", test_visits_strings);
  g_test_add_func ("/visits/json", test_visits_json);
  g_test_add_func ("/visits/validate/today", test_visits_validate_today);
  ADD ("/visits/store/all-findings", test_visits_all_findings);
  ADD ("/visits/store/texts", test_visits_texts);
  ADD ("/visits/store/update", test_visits_update);
  ADD ("/visits/store/list", test_visits_list);
  ADD ("/visits/store/limits", test_visits_limits);
  ADD ("/visits/store/not-found", test_visits_not_found);
  ADD ("/visits/store/atomic", test_visits_atomic);
  ADD ("/visits/store/check-constraint", test_visits_check_constraint);
  ADD ("/visits/store/signature", test_visits_signature);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/visits/store/invalid/%s",
                                               invalid_cases[i].name);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up, test_visits_invalid,
                  fixture_tear_down);
    }

#undef ADD

  return g_test_run ();
}
