/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sample data (issue 8): genu_demo_fill() and "genu-cli demo". */

#include "config.h"

#include <locale.h>

#include "genu-demo.h"
#include "genu-diagnosis.h"
#include "genu-store.h"
#include "genu-test-cli.h"
#include "genu-validation.h"

#define N_PATIENTS 150

static GenuStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GenuStore *store = genu_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static GenuStore *
fill (const char      *dir,
      const char      *name,
      guint64          seed,
      GenuDemoCounts  *counts)
{
  g_autoptr(GError) error = NULL;
  GenuStore *store = open_store (dir, name);

  g_assert_true (genu_demo_fill (store, N_PATIENTS, seed, NULL, NULL, NULL, counts, &error));
  g_assert_no_error (error);
  return store;
}

/* The SHA-256 of every table of records, row by row, without the timestamps (which tell when
 * the records were written) and without the audit trail (which holds them). */
static char *
dump_checksum (GenuStore *store)
{
  static const char *const tables[] = {
    "patients", "visits", "knee_assessments", "assessment_findings", "plans", "goals",
    "sessions", "session_interventions",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (genu_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (checksum, (const guchar *) tables[t], -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *column = sqlite3_column_name (stmt, c);
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            if (g_str_equal (column, "created_at") || g_str_equal (column, "updated_at"))
              continue;
            g_checksum_update (checksum, (const guchar *) (text != NULL ? text : "\x01NULL"), -1);
            g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_deterministic (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  GenuDemoCounts counts_a, counts_b, counts_c;
  g_autoptr(GenuStore) a = fill (dir, "a.db", 42, &counts_a);
  g_autoptr(GenuStore) b = fill (dir, "b.db", 42, &counts_b);
  g_autoptr(GenuStore) c = fill (dir, "c.db", 43, &counts_c);
  g_autofree char *sum_a = dump_checksum (a);
  g_autofree char *sum_b = dump_checksum (b);
  g_autofree char *sum_c = dump_checksum (c);

  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_cmpuint (counts_a.n_visits, ==, counts_b.n_visits);
  g_assert_cmpuint (counts_a.n_sessions, ==, counts_b.n_sessions);
  g_assert_cmpstr (sum_a, !=, sum_c);

  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);
  genu_test_remove_tree (dir);
}

static void
test_records_valid (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  GenuDemoCounts counts;
  g_autoptr(GenuStore) store = fill (dir, "genu.db", 7, &counts);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = genu_store_list_patients (store, NULL, TRUE, &error);
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  guint n_visits = 0, n_plans = 0, n_sessions = 0, n_assessments = 0, n_top3 = 0;
  gboolean non_ascii = FALSE;
  gint64 n_entries = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, N_PATIENTS);
  g_assert_cmpuint (counts.n_patients, ==, N_PATIENTS);

  for (guint i = 0; i < patients->len; i++)
    {
      GenuPatient *patient = g_ptr_array_index (patients, i);
      gint64 id = genu_patient_get_id (patient);
      g_autoptr(GPtrArray) errors = genu_patient_validate (patient, NULL);
      g_autoptr(GPtrArray) visits = genu_store_list_visits (store, id, &error);
      g_autoptr(GPtrArray) plans = genu_store_list_plans (store, id, &error);
      g_autoptr(GPtrArray) sessions = genu_store_list_sessions (store, id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (errors->len, ==, 0);
      if (!g_str_is_ascii (genu_patient_get_text (patient, GENU_PATIENT_FAMILY_NAME)) ||
          !g_str_is_ascii (genu_patient_get_text (patient, GENU_PATIENT_GIVEN_NAMES)))
        non_ascii = TRUE;

      g_assert_cmpuint (visits->len, >=, 1);
      g_assert_cmpuint (visits->len, <=, 8);
      n_visits += visits->len;
      n_plans += plans->len;
      n_sessions += sessions->len;

      for (guint v = 0; v < visits->len; v++)
        {
          GenuVisit *visit = g_ptr_array_index (visits, v);
          GenuAssessment *assessment = genu_visit_get_assessment (visit);
          g_autoptr(GPtrArray) visit_errors = genu_visit_validate (visit, patient, kb, NULL);
          const char *intended = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ID);

          g_assert_cmpuint (visit_errors->len, ==, 0);
          g_assert_nonnull (genu_knowledge_base_lookup_condition (kb, intended));
          /* Newest first: the oldest is the initial evaluation. */
          if (v == visits->len - 1)
            g_assert_cmpint (genu_visit_get_kind (visit), ==, GENU_VISIT_INITIAL_EVALUATION);

          if (assessment != NULL)
            {
              g_autoptr(GenuDiagnosis) diagnosis =
                genu_diagnose (kb, genu_assessment_get_findings (assessment));
              GPtrArray *differential = genu_diagnosis_get_differential (diagnosis);

              n_assessments++;
              g_assert_cmpuint (genu_diagnosis_get_red_flags (diagnosis)->len, ==, 0);
              for (guint k = 0; k < MIN (3, differential->len); k++)
                {
                  GenuCandidate *candidate = g_ptr_array_index (differential, k);
                  if (g_str_equal (candidate->condition->id, intended))
                    n_top3++;
                }
            }
        }
      for (guint p = 0; p < plans->len; p++)
        {
          g_autoptr(GPtrArray) plan_errors = genu_plan_validate (g_ptr_array_index (plans, p), NULL);
          g_assert_cmpuint (plan_errors->len, ==, 0);
        }
      for (guint s = 0; s < sessions->len; s++)
        {
          g_autoptr(GPtrArray) session_errors =
            genu_session_validate (g_ptr_array_index (sessions, s), NULL);
          g_assert_cmpuint (session_errors->len, ==, 0);
        }
    }

  g_assert_true (non_ascii);
  g_assert_cmpuint (n_visits, ==, counts.n_visits);
  g_assert_cmpuint (n_plans, ==, counts.n_plans);
  g_assert_cmpuint (n_sessions, ==, counts.n_sessions);
  g_assert_cmpuint (n_visits, >, N_PATIENTS);
  g_assert_cmpuint (n_sessions, >, 0);
  /* Every assessment ranks its working diagnosis among the first three. */
  g_assert_cmpuint (n_assessments, >=, N_PATIENTS);
  g_assert_cmpuint (n_top3, ==, n_assessments);

  /* Each record has its "create" entry, and the chain is whole. */
  g_assert_true (genu_store_verify_audit (store, NULL, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, ==, N_PATIENTS + n_visits + n_plans + n_sessions);

  g_clear_object (&store);
  genu_test_remove_tree (dir);
}

static void
test_refuses_non_empty (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autoptr(GenuStore) store = open_store (dir, "genu.db");
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  GenuDemoCounts counts = { 1, 1, 1, 1 };

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Real");
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Person");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1980-01-01");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);

  g_assert_false (genu_demo_fill (store, 10, 1, NULL, NULL, NULL, &counts, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already holds patients"));
  g_clear_error (&error);

  g_assert_cmpint (genu_store_count_patients (store, TRUE, &error), ==, 1);
  g_assert_cmpuint (counts.n_patients, ==, 0);
  audit = genu_store_list_audit (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);

  /* The normal saves still work after the refusal (no transaction left open). */
  genu_patient_set_id (patient, 0);
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, "");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  genu_test_remove_tree (dir);
}

static void
test_bad_count (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autoptr(GenuStore) store = open_store (dir, "genu.db");
  g_autoptr(GError) error = NULL;

  g_assert_false (genu_demo_fill (store, 0, 1, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_object (&store);
  genu_test_remove_tree (dir);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "demo", "--patients", "40",
                                                   "--seed", "9", NULL);
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) missing = NULL;
  g_autoptr(CliRun) bad = NULL;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Made 40 patients, "));
  g_assert_nonnull (strstr (run->out, " sessions in "));

  list = genu_test_cli_run_input (fixture, NULL, "patients", "list", NULL);
  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, "D-0000040"));

  /* A database with patients is refused, unchanged. */
  again = genu_test_cli_run_input (fixture, NULL, "demo", "--patients", "5", NULL);
  g_assert_cmpint (again->status, ==, 2);
  g_assert_nonnull (strstr (again->err, "already holds patients"));
  g_assert_cmpstr (again->out, ==, "");

  missing = genu_test_cli_run_input (fixture, NULL, "demo", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  bad = genu_test_cli_run_input (fixture, NULL, "demo", "--patients", "1000001", NULL);
  g_assert_cmpint (bad->status, ==, 1);
  g_assert_nonnull (strstr (bad->err, "1000001"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/records-valid", test_records_valid);
  g_test_add_func ("/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/demo/bad-count", test_bad_count);
  g_test_add ("/demo/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
