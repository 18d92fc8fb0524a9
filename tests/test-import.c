/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "genu-import.h"
#include "genu-store.h"
#include "genu-test-cli.h"
#include "genu-validation.h"

/* Importing patients from CSV (issue 8): genu_import_patients*() and "genu-cli import". */

typedef struct {
  char      *dir;
  char      *path;
  GenuStore *store;
} Db;

static void
db_set_up (Db            *db,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  db->dir = genu_test_make_dir ();
  db->path = g_build_filename (db->dir, "genu.db", NULL);
  db->store = genu_store_open (db->path, &error);
  g_assert_no_error (error);
}

static void
db_tear_down (Db            *db,
              gconstpointer  data)
{
  g_clear_object (&db->store);
  genu_test_remove_tree (db->dir);
  g_free (db->path);
  g_free (db->dir);
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GenuImportReport *
check_text (GenuStore  *store,
            const char *csv,
            GError    **error)
{
  g_autoptr(GBytes) contents = bytes (csv);

  return genu_import_patients_check_bytes (store, contents, error);
}

static gboolean
import_text (GenuStore         *store,
             const char        *csv,
             gboolean           skip_bad,
             GenuImportReport **report,
             GError           **error)
{
  g_autoptr(GBytes) contents = bytes (csv);

  return genu_import_patients_bytes (store, contents, skip_bad, report, error);
}

static GenuImportProblem *
problem_at (GenuImportReport *report,
            guint             index)
{
  g_assert_cmpuint (index, <, report->problems->len);
  return g_ptr_array_index (report->problems, index);
}

static GenuPatient *
preview_at (GenuImportReport *report,
            guint             index)
{
  g_assert_cmpuint (index, <, report->preview->len);
  return g_ptr_array_index (report->preview, index);
}

static void
test_quoting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report =
    check_text (NULL,
                "family_name,given_names,date_of_birth,address,notes\r\n"
                "\"Muster, mann\",Erika,1985-04-23,\"Hauptstr. 1\r\n10115 Berlin\",\"She said \"\"hi\"\"\"\r\n"
                "Plain,\"\",1990-01-02,,\"\"\"\"\n"
                "Last,Row,2000-12-31,\"a,b\nc\",x",
                &error);
  GenuPatient *p;

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 3);
  /* Row 3 has empty given names, which the form refuses too. */
  g_assert_cmpuint (report->n_good, ==, 2);
  g_assert_cmpuint (report->n_bad, ==, 1);
  p = preview_at (report, 0);
  g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_FAMILY_NAME), ==, "Muster, mann");
  g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_ADDRESS), ==, "Hauptstr. 1\n10115 Berlin");
  g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_NOTES), ==, "She said \"hi\"");
  p = preview_at (report, 1);
  g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_ADDRESS), ==, "a,b\nc");
  g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_NOTES), ==, "x");
  /* Rows as a spreadsheet numbers them, lines as the file does. */
  g_assert_cmpuint (problem_at (report, 0)->row, ==, 3);
  g_assert_cmpuint (problem_at (report, 0)->line, ==, 4);
  g_assert_cmpstr (problem_at (report, 0)->field, ==, "given_names");
}

static void
test_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report =
    check_text (NULL,
                "family_name,given_names,date_of_birth\n"
                "A,B,1980-01-01,extra\n"
                "\"C\"x,D,1980-01-01\n"
                "E,F,1980-01-01\n"
                "\n"
                ",,\n"
                "G,\"H\n",
                &error);

  g_assert_no_error (error);
  /* Blank lines are no patients; every other row is counted. */
  g_assert_cmpuint (report->n_rows, ==, 4);
  g_assert_cmpuint (report->n_good, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 3);
  g_assert_cmpuint (problem_at (report, 0)->row, ==, 2);
  g_assert_null (problem_at (report, 0)->field);
  g_assert_nonnull (strstr (problem_at (report, 0)->message, "has 4 fields"));
  g_assert_cmpuint (problem_at (report, 1)->row, ==, 3);
  g_assert_nonnull (strstr (problem_at (report, 1)->message, "after its closing quote"));
  g_assert_cmpuint (problem_at (report, 2)->row, ==, 7);
  g_assert_nonnull (strstr (problem_at (report, 2)->message, "no closing quote"));
}

static void
test_bom_crlf_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report =
    check_text (NULL,
                "\xEF\xBB\xBF" "date_of_birth,given_names,family_name\r\n"
                "1985-04-23,Zoë,Ødegård\r\n"
                "1985-04-23,Bad\xff\xfe,Name\r\n",
                &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_good, ==, 1);
  g_assert_cmpstr (genu_patient_get_text (preview_at (report, 0), GENU_PATIENT_FAMILY_NAME),
                   ==, "Ødegård");
  g_assert_cmpstr (genu_patient_get_text (preview_at (report, 0), GENU_PATIENT_DATE_OF_BIRTH),
                   ==, "1985-04-23");
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (problem_at (report, 0)->row, ==, 3);
  g_assert_cmpstr (problem_at (report, 0)->field, ==, "given_names");
  g_assert_nonnull (strstr (problem_at (report, 0)->message, "not UTF-8"));
}

static void
test_header (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report = NULL;

  report = check_text (NULL, "family_name,given_names\nA,B\n", &error);
  g_assert_null (report);
  g_assert_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "date_of_birth"));
  g_clear_error (&error);

  report = check_text (NULL, "family_name,given_names,date_of_birth,shoe_size\n", &error);
  g_assert_null (report);
  g_assert_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER);
  g_assert_nonnull (strstr (error->message, "“shoe_size”"));
  g_assert_nonnull (strstr (error->message, "weekly_distance_km"));
  g_clear_error (&error);

  report = check_text (NULL, "", &error);
  g_assert_null (report);
  g_assert_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_FILE);
  g_clear_error (&error);

  /* Header only: nothing to import, and no error. Names in any case and order. */
  report = check_text (NULL, "Date_Of_Birth,FAMILY_NAME,given_names\r\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
test_form_rules (Db            *db,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report =
    check_text (db->store,
                "family_name,given_names,date_of_birth,sex,email,weekly_distance_km,years_running\n"
                "Good,One,1985-04-23,FEMALE,a@example.com,\"32,5\",10\n"
                "Bad,Date,1985-02-30,,,,\n"
                "Bad,Sex,1985-04-23,woman,,,\n"
                "Bad,Email,1985-04-23,,not-an-email,,\n"
                "Bad,Km,1985-04-23,,,500,\n"
                "Bad,Years,2020-01-01,,,,30\n",
                &error);
  g_autoptr(GenuPatient) form = genu_patient_new ();
  g_autoptr(GPtrArray) form_errors = NULL;
  GenuPatient *good;

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_good, ==, 1);
  g_assert_cmpuint (report->n_bad, ==, 5);
  good = preview_at (report, 0);
  g_assert_cmpint (genu_patient_get_sex (good), ==, GENU_SEX_FEMALE);
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (good), ==, 32.5);
  g_assert_cmpint (genu_patient_get_years_running (good), ==, 10);

  /* The reason is the patient form's own message. */
  genu_patient_set_text (form, GENU_PATIENT_FAMILY_NAME, "Bad");
  genu_patient_set_text (form, GENU_PATIENT_GIVEN_NAMES, "Date");
  genu_patient_set_text (form, GENU_PATIENT_DATE_OF_BIRTH, "1985-02-30");
  genu_patient_set_text (form, GENU_PATIENT_EMAIL, "not-an-email");
  form_errors = genu_patient_validate (form, NULL);

  g_assert_cmpuint (problem_at (report, 0)->row, ==, 3);
  g_assert_cmpstr (problem_at (report, 0)->field, ==, "date_of_birth");
  g_assert_cmpstr (problem_at (report, 0)->message, ==,
                   genu_field_errors_lookup (form_errors, "date_of_birth"));
  g_assert_cmpuint (problem_at (report, 1)->row, ==, 4);
  g_assert_cmpstr (problem_at (report, 1)->field, ==, "sex");
  g_assert_nonnull (strstr (problem_at (report, 1)->message, "female, male, other or unknown"));
  g_assert_cmpuint (problem_at (report, 2)->row, ==, 5);
  g_assert_cmpstr (problem_at (report, 2)->field, ==, "email");
  g_assert_cmpstr (problem_at (report, 2)->message, ==,
                   genu_field_errors_lookup (form_errors, "email"));
  g_assert_cmpstr (problem_at (report, 3)->field, ==, "weekly_distance_km");
  g_assert_cmpstr (problem_at (report, 4)->field, ==, "years_running");
  g_assert_cmpuint (report->problems->len, ==, 5);
}

static char *
dump (Db *db)
{
  g_autofree char *patients = genu_test_dump_file (db->path, "SELECT * FROM patients ORDER BY id");
  g_autofree char *audit = genu_test_dump_file (db->path, "SELECT * FROM audit_log ORDER BY id");

  return g_strconcat (patients, "--\n", audit, NULL);
}

static void
save (Db         *db,
      const char *record_number,
      const char *family)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, record_number);
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Existing");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  g_assert_true (genu_store_save_patient (db->store, patient, &error));
  g_assert_no_error (error);
}

static const char mixed_csv[] =
  "record_number,family_name,given_names,date_of_birth,sex,phone,email,address,weekly_distance_km\n"
  "R-1,Alpha,Anna,1980-01-01,female,+49 30 1234567,anna@example.com,\"1 Road, Town\",40\n"
  "R-2,Beta,Ben,1981-13-01,male,,,,\n"
  ",Gamma,Gus,1982-03-03,other,,,,\n"
  "EX-1,Delta,Dora,1983-04-04,,,,,\n"
  "r-1,Epsilon,Eve,1984-05-05,,,,,\n"
  "G-000003,Zeta,Zed,1985-06-06,,,,,\n";

static void
test_all_or_nothing (Db            *db,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  save (db, "EX-1", "Existing");
  before = dump (db);

  g_assert_false (import_text (db->store, mixed_csv, FALSE, &report, &error));
  g_assert_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_BAD_ROWS);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_good, ==, 3);
  g_assert_cmpuint (report->n_bad, ==, 3);
  g_assert_cmpuint (report->n_imported, ==, 0);
  /* The duplicate against the database, and the one within the file (without case). */
  g_assert_cmpuint (problem_at (report, 1)->row, ==, 5);
  g_assert_cmpstr (problem_at (report, 1)->field, ==, "record_number");
  g_assert_nonnull (strstr (problem_at (report, 1)->message, "already used by another patient"));
  g_assert_cmpuint (problem_at (report, 2)->row, ==, 6);
  g_assert_nonnull (strstr (problem_at (report, 2)->message, "also on row 2"));

  after = dump (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_skip_bad (Db            *db,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuImportReport) report = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 n_entries = 0;
  GenuPatient *p;

  save (db, "EX-1", "Existing");
  g_assert_true (import_text (db->store, mixed_csv, TRUE, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 3);

  patients = genu_store_list_patients (db->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 4);
  g_assert_cmpint (genu_store_count_patients (db->store, TRUE, &error), ==, 4);

  for (guint i = 0; i < patients->len; i++)
    {
      p = g_ptr_array_index (patients, i);
      if (g_strcmp0 (genu_patient_get_text (p, GENU_PATIENT_FAMILY_NAME), "Alpha") == 0)
        {
          g_autoptr(GenuPatient) back = genu_store_get_patient (db->store, genu_patient_get_id (p),
                                                                &error);

          g_assert_no_error (error);
          g_assert_cmpstr (genu_patient_get_text (back, GENU_PATIENT_RECORD_NUMBER), ==, "R-1");
          g_assert_cmpstr (genu_patient_get_text (back, GENU_PATIENT_GIVEN_NAMES), ==, "Anna");
          g_assert_cmpstr (genu_patient_get_text (back, GENU_PATIENT_DATE_OF_BIRTH), ==, "1980-01-01");
          g_assert_cmpint (genu_patient_get_sex (back), ==, GENU_SEX_FEMALE);
          g_assert_cmpstr (genu_patient_get_text (back, GENU_PATIENT_PHONE), ==, "+49 30 1234567");
          g_assert_cmpstr (genu_patient_get_text (back, GENU_PATIENT_EMAIL), ==, "anna@example.com");
          g_assert_cmpstr (genu_patient_get_text (back, GENU_PATIENT_ADDRESS), ==, "1 Road, Town");
          g_assert_cmpfloat (genu_patient_get_weekly_distance_km (back), ==, 40);
          /* The preview held the record as it was saved. */
          g_assert_true (genu_patient_equal (back, preview_at (report, 0)));
        }
      else if (g_strcmp0 (genu_patient_get_text (p, GENU_PATIENT_FAMILY_NAME), "Gamma") == 0)
        {
          /* An empty record number is made as a save makes it, skipping the file’s G-000003. */
          g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_RECORD_NUMBER), ==, "G-000004");
        }
      else if (g_strcmp0 (genu_patient_get_text (p, GENU_PATIENT_FAMILY_NAME), "Zeta") == 0)
        {
          g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_RECORD_NUMBER), ==, "G-000003");
        }
      else
        {
          g_assert_cmpstr (genu_patient_get_text (p, GENU_PATIENT_FAMILY_NAME), ==, "Existing");
        }
    }

  /* One "create" entry each, and the chain is whole. */
  audit = genu_store_list_audit (db->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 4);
  for (guint i = 0; i < audit->len; i++)
    g_assert_cmpint (((GenuAuditEntry *) g_ptr_array_index (audit, i))->action, ==,
                     GENU_AUDIT_CREATE);
  g_assert_true (genu_store_verify_audit (db->store, NULL, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, ==, 4);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *bad = write_file (fixture->dir, "bad.csv",
                                     "family_name,given_names,date_of_birth\n"
                                     "Alpha,Anna,1980-01-01\n"
                                     "Beta,Ben,1980-02-30\n"
                                     "Gamma,Gus,1982-03-03\n");
  g_autofree char *good = write_file (fixture->dir, "good.csv",
                                      "family_name,given_names,date_of_birth\n"
                                      "Delta,Dora,1983-04-04\n");
  g_autofree char *unknown = write_file (fixture->dir, "unknown.csv",
                                         "family_name,given_names,date_of_birth,age\n");
  g_autoptr(CliRun) run = NULL;

  run = genu_test_cli_run_input (fixture, NULL, "import", "patients", bad, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "Row 3, date_of_birth: 1980-02-30 is not a real date"));
  g_assert_nonnull (strstr (run->err, "Nothing was imported: 1 row has problems. Fix them, or "
                                      "use --skip-bad to import the 2 good rows."));
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "patients", "list", NULL);
  g_assert_null (strstr (run->out, "Alpha"));
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "import", "patients", "--dry-run", "--skip-bad",
                                 bad, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_clear_pointer (&run, cli_run_free);
  run = genu_test_cli_run_input (fixture, NULL, "patients", "list", NULL);
  g_assert_null (strstr (run->out, "Alpha"));
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "import", "patients", "--skip-bad", bad, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "Imported 2 patients.\n");
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "import", "patients", good, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "Imported 1 patient.\n");
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "patients", "list", NULL);
  g_assert_nonnull (strstr (run->out, "Alpha, Anna"));
  g_assert_nonnull (strstr (run->out, "Gamma, Gus"));
  g_assert_nonnull (strstr (run->out, "Delta, Dora"));
  g_assert_null (strstr (run->out, "Beta"));
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "import", "patients", unknown, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "“age”"));
  g_clear_pointer (&run, cli_run_free);

  run = genu_test_cli_run_input (fixture, NULL, "import", "patients", "--help", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "date_of_birth"));
  g_assert_nonnull (strstr (run->out, "weekly_distance_km"));
  g_assert_nonnull (strstr (run->out, "--skip-bad"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/quoting", test_quoting);
  g_test_add_func ("/import/csv/malformed", test_malformed);
  g_test_add_func ("/import/csv/bom-crlf-utf8", test_bom_crlf_utf8);
  g_test_add_func ("/import/header", test_header);
  g_test_add ("/import/form-rules", Db, NULL, db_set_up, test_form_rules, db_tear_down);
  g_test_add ("/import/all-or-nothing", Db, NULL, db_set_up, test_all_or_nothing, db_tear_down);
  g_test_add ("/import/skip-bad", Db, NULL, db_set_up, test_skip_bad, db_tear_down);
  g_test_add ("/import/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
