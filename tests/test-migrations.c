/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-lefs.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-session.h"
#include "genu-store.h"
#include "genu-visit.h"
#include "genu-store-private.h"

#include <string.h>

#include "genu-test-utils.h"

/* The schema over time. For every older version, a database is built as that version of Genu left
 * it (the migration steps up to it, then rows in plain SQL), opened with today's GenuStore, and
 * every value that was there must read back unchanged. A step that fails must leave the database
 * at the version before it, and a database from a newer Genu must be refused without a byte
 * changing. */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Every column of `patients` and the version that added it. */
static const struct {
  const char *name;
  int         since;
} columns[] = {
  { "id", 1 },
  { "record_number", 1 },
  { "family_name", 1 },
  { "given_names", 1 },
  { "date_of_birth", 1 },
  { "sex", 1 },
  { "phone", 1 },
  { "email", 1 },
  { "address", 1 },
  { "referring_physician", 1 },
  { "notes", 1 },
  { "archived", 1 },
  { "created_at", 1 },
  { "updated_at", 1 },
  { "weekly_distance_km", 2 },
  { "years_running", 2 },
  { "goal_event", 2 },
  { "usual_surface", 2 },
  { "shoes", 2 },
  { "training_changes", 2 },
};

typedef struct {
  gint64      id;
  const char *texts[GENU_PATIENT_N_TEXTS];
  const char *sex;
  GenuSex     sex_value;
  double      km;
  int         years;
  gboolean    archived;
  const char *created_at;
  const char *updated_at;
} Row;

#define T(field) [GENU_PATIENT_##field]

/* Rows as earlier versions of Genu wrote them. Ids have gaps, and one row holds values that
 * today's validation would refuse: a migration keeps data, it does not judge it. */
static const Row rows[] = {
  {
    1,
    {
      T (RECORD_NUMBER) = "G-000001", T (FAMILY_NAME) = "Ångström", T (GIVEN_NAMES) = "Zoë",
      T (DATE_OF_BIRTH) = "1985-04-23", T (PHONE) = "+49 30 1234567",
      T (EMAIL) = "zoe@example.org", T (ADDRESS) = "Hauptstraße 1\n10115 Berlin",
      T (REFERRING_PHYSICIAN) = "Dr. 李", T (NOTES) = "knee ' \" % _ \\ ;",
      T (GOAL_EVENT) = "Berlin Marathon", T (USUAL_SURFACE) = "asphalt",
      T (SHOES) = "neutral, 600 km", T (TRAINING_CHANGES) = "more hills since March",
    },
    "female", GENU_SEX_FEMALE, 32.5, 6, FALSE, "2023-01-02T03:04:05Z", "2023-05-06T07:08:09Z",
  },
  {
    2,
    {
      T (RECORD_NUMBER) = "PT-17/b", T (FAMILY_NAME) = "Żółć", T (GIVEN_NAMES) = "Łukasz",
      T (DATE_OF_BIRTH) = "1990-11-02", T (PHONE) = "", T (EMAIL) = "", T (ADDRESS) = "",
      T (REFERRING_PHYSICIAN) = "", T (NOTES) = "", T (GOAL_EVENT) = "",
      T (USUAL_SURFACE) = "trail", T (SHOES) = "", T (TRAINING_CHANGES) = "",
    },
    "male", GENU_SEX_MALE, GENU_PATIENT_UNSET, GENU_PATIENT_UNSET, TRUE,
    "2023-02-03T04:05:06Z", "2024-01-01T00:00:00Z",
  },
  {
    7,
    {
      T (RECORD_NUMBER) = "G-000003", T (FAMILY_NAME) = "محمد", T (GIVEN_NAMES) = "علي",
      T (DATE_OF_BIRTH) = "05.04.1978", T (PHONE) = "call me", T (EMAIL) = "not an email",
      T (ADDRESS) = "", T (REFERRING_PHYSICIAN) = "", T (NOTES) = "محمد",
      T (GOAL_EVENT) = "", T (USUAL_SURFACE) = "", T (SHOES) = "", T (TRAINING_CHANGES) = "",
    },
    "unknown", GENU_SEX_UNKNOWN, 0, 0, FALSE, "2023-03-04T05:06:07Z", "2023-03-04T05:06:07Z",
  },
  {
    8,
    {
      T (RECORD_NUMBER) = "x.1", T (FAMILY_NAME) = "李", T (GIVEN_NAMES) = "小龍",
      T (DATE_OF_BIRTH) = "1940-11-27", T (PHONE) = "", T (EMAIL) = "", T (ADDRESS) = "香港",
      T (REFERRING_PHYSICIAN) = "", T (NOTES) = "", T (GOAL_EVENT) = "",
      T (USUAL_SURFACE) = "", T (SHOES) = "", T (TRAINING_CHANGES) = "",
    },
    "other", GENU_SEX_OTHER, 400, 40, FALSE, "2023-04-05T06:07:08Z", "2023-04-05T06:07:08Z",
  },
};

#undef T

typedef struct {
  int         version;
  gboolean    empty_file;   /* version 0 only: a file of no bytes, else a blank database */
} FromVersion;

static char *
expected_version (int version)
{
  return g_strdup_printf ("i:%d\n", version);
}

static int
column_since (const char *column)
{
  int since = -1;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (g_str_equal (columns[c].name, column))
      since = columns[c].since;
  g_assert_cmpint (since, >, 0);
  return since;
}

static int
text_field (const char *column)
{
  for (int i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    if (g_str_equal (genu_patient_text_column (i), column))
      return i;
  return -1;
}

/* "SELECT <every column that exists at @version> FROM patients ORDER BY id" */
static char *
select_columns_at (int version)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint c = 0, n = 0; c < G_N_ELEMENTS (columns); c++)
    if (columns[c].since <= version)
      g_string_append_printf (sql, "%s%s", n++ > 0 ? ", " : "", columns[c].name);
  g_string_append (sql, " FROM patients ORDER BY id");
  return g_string_free (sql, FALSE);
}

static void
bind_column (sqlite3_stmt *stmt,
             int           param,
             const Row    *row,
             const char   *column)
{
  int field = text_field (column);

  if (field >= 0)
    g_assert_cmpint (sqlite3_bind_text (stmt, param, row->texts[field], -1, SQLITE_STATIC), ==,
                     SQLITE_OK);
  else if (g_str_equal (column, "id"))
    sqlite3_bind_int64 (stmt, param, row->id);
  else if (g_str_equal (column, "sex"))
    sqlite3_bind_text (stmt, param, row->sex, -1, SQLITE_STATIC);
  else if (g_str_equal (column, "archived"))
    sqlite3_bind_int (stmt, param, row->archived);
  else if (g_str_equal (column, "created_at"))
    sqlite3_bind_text (stmt, param, row->created_at, -1, SQLITE_STATIC);
  else if (g_str_equal (column, "updated_at"))
    sqlite3_bind_text (stmt, param, row->updated_at, -1, SQLITE_STATIC);
  else if (g_str_equal (column, "weekly_distance_km") && row->km == GENU_PATIENT_UNSET)
    sqlite3_bind_null (stmt, param);
  else if (g_str_equal (column, "weekly_distance_km"))
    sqlite3_bind_double (stmt, param, row->km);
  else if (row->years == GENU_PATIENT_UNSET)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_int (stmt, param, row->years);

  /* A column added by a new step needs a branch above. */
  if (field < 0)
    g_assert_true (g_strv_contains ((const char * const[]) {
                     "id", "sex", "archived", "created_at", "updated_at", "weekly_distance_km",
                     "years_running", NULL }, column));
}

/* Inserts the fixture rows with the columns that exist at @version, values bound. */
static void
insert_rows (sqlite3 *db,
             int      version)
{
  GString *sql = g_string_new ("INSERT INTO patients (");
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (columns[c].since <= version)
      g_string_append_printf (sql, "%s%s", n++ > 0 ? ", " : "", columns[c].name);
  g_string_append (sql, ") VALUES (");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (sql, "%s?%u", i > 1 ? ", " : "", i);
  g_string_append (sql, ")");
  text = g_string_free (sql, FALSE);

  g_assert_cmpint (sqlite3_prepare_v2 (db, text, -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      int param = 1;

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        if (columns[c].since <= version)
          bind_column (stmt, param++, &rows[r], columns[c].name);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_test_message ("Insert failed: %s", sqlite3_errmsg (db));
      g_assert_cmpint (sqlite3_reset (stmt), ==, SQLITE_OK);
    }
  sqlite3_finalize (stmt);
}

/* A database as Genu at @version left it, with the fixture rows when @with_rows. */
static void
build_database (const char *path,
                int         version,
                gboolean    with_rows)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = genu_test_sqlite_open (path);

  /* Every released Genu kept its database in WAL mode. */
  genu_test_sqlite_exec (db, "PRAGMA journal_mode = WAL");
  g_assert_true (_genu_schema_migrate (db, 0, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_genu_schema_get_version (db, &error), ==, version);
  g_assert_no_error (error);
  if (with_rows)
    insert_rows (db, version);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static char *
schema_of (const char *path)
{
  return genu_test_dump_file (path, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                    " ORDER BY type, name");
}

static void
assert_text (GenuPatient     *patient,
             GenuPatientText  field,
             const char      *expected)
{
  g_test_message ("  %s", genu_patient_text_column (field));
  g_assert_cmpstr (genu_patient_get_text (patient, field), ==, expected);
}

/* Reads every fixture row through the store: what existed at @version is unchanged, what came
 * later has its default. */
static void
assert_rows (GenuStore *store,
             int        version)
{
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      const Row *row = &rows[r];
      g_autoptr(GError) error = NULL;
      GenuPatient *patient = genu_store_get_patient (store, row->id, &error);
      double km;

      g_test_message ("Row %" G_GINT64_FORMAT, row->id);
      g_assert_no_error (error);
      g_assert_nonnull (patient);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          int field = text_field (columns[c].name);

          if (field >= 0)
            assert_text (patient, field, columns[c].since <= version ? row->texts[field] : "");
        }

      g_assert_cmpint (genu_patient_get_id (patient), ==, row->id);
      g_assert_cmpint (genu_patient_get_sex (patient), ==, row->sex_value);
      g_assert_cmpint (genu_patient_get_archived (patient), ==, row->archived);
      g_assert_cmpstr (genu_patient_get_created_at (patient), ==, row->created_at);
      g_assert_cmpstr (genu_patient_get_updated_at (patient), ==, row->updated_at);

      km = genu_patient_get_weekly_distance_km (patient);
      g_assert_cmpfloat (km, ==, column_since ("weekly_distance_km") <= version ?
                                 row->km : GENU_PATIENT_UNSET);
      g_assert_cmpint (genu_patient_get_years_running (patient), ==,
                       column_since ("years_running") <= version ?
                         row->years : GENU_PATIENT_UNSET);

      g_assert_finalize_object (patient);
    }
}

/* Saves an initial evaluation with a knee assessment for @patient_id and a follow-up after it,
 * and reads both back: the tables of version 3 exist and work in the upgraded database. */
static void
assert_visits_work (GenuStore *store,
                    gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GenuVisit) follow_up = genu_visit_new ();
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  g_autoptr(GPtrArray) visits = NULL;
  GenuFindings *findings = genu_assessment_get_findings (assessment);
  GenuVisit *stored;

  genu_visit_set_patient_id (visit, patient_id);
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-03-18");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Zoë Ångström");
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "Schmerz innen, 李");
  genu_assessment_set_side (assessment, GENU_SIDE_LEFT);
  genu_assessment_set_duration_weeks (assessment, 6);
  genu_findings_set_number (findings, "nprs_now", 4);
  genu_findings_set_bool (findings, "mcmurray", FALSE);
  genu_findings_set_bool (findings, "valgus_30_laxity", TRUE);
  genu_findings_set_grade (findings, "valgus_30_laxity", 2);
  genu_visit_set_assessment (visit, assessment);
  g_assert_true (genu_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_visit_get_id (visit), >, 0);

  genu_visit_set_patient_id (follow_up, patient_id);
  genu_visit_set_kind (follow_up, GENU_VISIT_FOLLOW_UP);
  genu_visit_set_text (follow_up, GENU_VISIT_DATE, "2024-04-01");
  genu_visit_set_text (follow_up, GENU_VISIT_THERAPIST, "Zoë Ångström");
  g_assert_true (genu_store_save_visit (store, follow_up, &error));
  g_assert_no_error (error);

  stored = genu_store_get_visit (store, genu_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_true (genu_visit_equal (stored, visit));
  g_assert_finalize_object (stored);

  visits = genu_store_list_visits (store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (visits->len, ==, 2);
  g_assert_true (genu_visit_equal (g_ptr_array_index (visits, 0), follow_up));
  g_assert_true (genu_visit_equal (g_ptr_array_index (visits, 1), visit));
}

/* Saves a plan of care, a session in it and a LEFS for @patient_id, signs the session and
 * amends it: the tables and triggers of version 4 exist and work in the upgraded database. */
static void
assert_treatment_works (GenuStore *store,
                        gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPlan) plan = genu_plan_new ();
  g_autoptr(GenuGoal) goal = genu_goal_new (GENU_GOAL_LONG_TERM, "Marathon ohne Schmerz",
                                            "2024-09-29");
  g_autoptr(GenuSession) session = genu_session_new ();
  g_autoptr(GenuSession) amendment = NULL;
  g_autoptr(GenuSession) stored = NULL;
  g_autoptr(GenuIntervention) education = genu_intervention_new (GENU_INTERVENTION_EDUCATION);
  g_autoptr(GenuOutcome) lefs = genu_outcome_new ();
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GenuPlan) stored_plan = NULL;

  genu_plan_set_patient_id (plan, patient_id);
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, "2024-03-18");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine bursitis");
  genu_plan_add_goal (plan, goal);
  g_assert_true (genu_store_save_plan (store, plan, &error));
  g_assert_no_error (error);
  stored_plan = genu_store_get_plan (store, genu_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (genu_plan_equal (stored_plan, plan));

  genu_session_set_patient_id (session, patient_id);
  genu_session_set_plan_id (session, genu_plan_get_id (plan));
  genu_session_set_text (session, GENU_SESSION_DATE, "2024-03-19");
  genu_session_set_text (session, GENU_SESSION_THERAPIST, "Zoë Ångström");
  genu_intervention_set_text (education, "topic", "Belastung");
  genu_session_add_intervention (session, education);
  g_assert_true (genu_store_save_session (store, session, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_sign_session (store, genu_session_get_id (session), "Zoë Ångström",
                                          &error));
  g_assert_no_error (error);
  g_assert_false (genu_store_save_session (store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  amendment = genu_session_repeat (session);
  genu_session_set_text (amendment, GENU_SESSION_DATE, "2024-03-19");
  genu_session_set_text (amendment, GENU_SESSION_THERAPIST, "Zoë Ångström");
  g_assert_true (genu_store_amend_session (store, genu_session_get_id (session), amendment,
                                           "Falsche Seite", &error));
  g_assert_no_error (error);
  stored = genu_store_get_session (store, genu_session_get_id (amendment), &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (stored, amendment));

  genu_outcome_set_patient_id (lefs, patient_id);
  genu_outcome_set_date (lefs, "2024-03-18");
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    genu_outcome_set_item (lefs, item, 2);
  g_assert_true (genu_store_save_outcome (store, lefs, &error));
  g_assert_no_error (error);
  outcomes = genu_store_list_outcomes (store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcomes->len, ==, 1);
  g_assert_true (genu_outcome_equal (g_ptr_array_index (outcomes, 0), lefs));
}

/* Saves a KOOS for @patient_id with items missing and reads it back, alone and in the patient's
 * list: the table of version 5 exists and works in the upgraded database. */
static void
assert_koos_works (GenuStore *store,
                   gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuKoos) koos = genu_koos_new ();
  g_autoptr(GenuKoos) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;

  genu_koos_set_patient_id (koos, patient_id);
  genu_koos_set_date (koos, "2024-03-20");
  for (guint item = 1; item <= GENU_KOOS_N_ITEMS; item++)
    genu_koos_set_item (koos, item, item % 7 == 0 ? GENU_KOOS_MISSING : (int) (item % 5));
  g_assert_true (genu_store_save_koos (store, koos, &error));
  g_assert_no_error (error);
  stored = genu_store_get_koos (store, genu_koos_get_id (koos), &error);
  g_assert_no_error (error);
  g_assert_true (genu_koos_equal (stored, koos));
  list = genu_store_list_koos (store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->len, ==, 1);
  g_assert_true (genu_koos_equal (g_ptr_array_index (list, 0), koos));
}

static void
test_migrations_from_version (Fixture       *fixture,
                              gconstpointer  data)
{
  const FromVersion *from = data;
  gboolean with_rows = from->version > 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autofree char *select_old = select_columns_at (from->version);
  g_autofree char *select_all = select_columns_at (GENU_STORE_SCHEMA_VERSION);
  g_autofree char *latest = expected_version (GENU_STORE_SCHEMA_VERSION);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *all_after = NULL;
  g_autofree char *all_reopened = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autofree char *version = NULL;
  g_autofree char *integrity = NULL;
  GenuStore *store;

  g_test_message ("From version %d to %d", from->version, GENU_STORE_SCHEMA_VERSION);

  if (from->empty_file)
    {
      g_file_set_contents (fixture->path, "", 0, &error);
      g_assert_no_error (error);
    }
  else if (from->version == 0)
    {
      /* A database file that has a header but nothing of Genu's in it. */
      sqlite3 *db = genu_test_sqlite_open (fixture->path);

      genu_test_sqlite_exec (db, "CREATE TABLE t (x); DROP TABLE t;");
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
      g_assert_cmpint (genu_test_file_mode (fixture->path), >=, 0);
    }
  else
    {
      build_database (fixture->path, from->version, with_rows);
      before = genu_test_dump_file (fixture->path, select_old);
      g_assert_cmpint (strlen (before), >, 0);
    }

  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Every value that was there reads back unchanged through the store... */
  if (with_rows)
    assert_rows (store, from->version);
  g_assert_cmpint (genu_store_count_patients (store, TRUE, &error), ==,
                   with_rows ? G_N_ELEMENTS (rows) : 0);
  g_assert_no_error (error);

  /* ...the search finds them by name, record number and date of birth (version 7 indexed the
   * rows that were there; rows written in plain SQL at version 7 have no folded names, and "ł"
   * is one letter the full-text index does not fold by itself)... */
  if (with_rows)
    {
      static const struct {
        const char *search;
        gint64      id;
        gboolean    folded;
      } searches[] = {
        { "angstrom zo", 1, FALSE },
        { "lukasz", 2, TRUE },
        { "pt-17", 2, FALSE },
        { "G-000003", 7, FALSE },
        { "李 小", 8, FALSE },
        { "1940-11", 8, FALSE },
      };

      for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
        {
          g_autoptr(GPtrArray) found = NULL;

          if (searches[i].folded && from->version == GENU_STORE_SCHEMA_VERSION)
            continue;
          found = genu_store_list_patients (store, searches[i].search, TRUE, &error);

          g_test_message ("Search “%s”", searches[i].search);
          g_assert_no_error (error);
          g_assert_cmpuint (found->len, ==, 1);
          g_assert_cmpint (genu_patient_get_id (g_ptr_array_index (found, 0)), ==,
                           searches[i].id);
        }
    }

  /* ...and through SQL, value by value, storage class included. */
  if (with_rows)
    {
      after = genu_test_dump_file (fixture->path, select_old);
      g_assert_cmpstr (after, ==, before);
    }

  version = genu_test_dump_file (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, latest);
  integrity = genu_test_dump_file (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "t:ok\n");

  /* The upgraded database works: a new patient gets a number no row has. */
  {
    GenuPatient *patient = genu_patient_new ();

    genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Smith");
    genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Anna");
    genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-30");
    genu_patient_set_weekly_distance_km (patient, 20);
    genu_store_save_patient (store, patient, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER), ==,
                     with_rows ? "G-000009" : "G-000001");

    /* Visits, for the new patient and for one that was there before the upgrade. */
    assert_visits_work (store, genu_patient_get_id (patient));
    assert_treatment_works (store, genu_patient_get_id (patient));
    assert_koos_works (store, genu_patient_get_id (patient));
    if (with_rows)
      {
        assert_visits_work (store, rows[0].id);
        assert_treatment_works (store, rows[0].id);
        assert_koos_works (store, rows[0].id);
      }
    g_assert_finalize_object (patient);
  }
  /* Visits wrote nothing into the patients' rows: the old ones are as they were, and only the
   * new patient follows them. */
  if (with_rows)
    {
      g_autofree char *after_visits = genu_test_dump_file (fixture->path, select_old);
      g_assert_true (g_str_has_prefix (after_visits, before));
    }
  all_after = genu_test_dump_file (fixture->path, select_all);
  g_assert_finalize_object (store);

  /* The same schema as a database made new today. */
  store = genu_store_open (fresh_path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  schema = schema_of (fixture->path);
  fresh_schema = schema_of (fresh_path);
  g_assert_cmpstr (schema, ==, fresh_schema);

  /* Opening it again migrates nothing more and changes nothing. */
  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  all_reopened = genu_test_dump_file (fixture->path, select_all);
  g_assert_cmpstr (all_reopened, ==, all_after);
  {
    g_autofree char *schema_reopened = schema_of (fixture->path);
    g_autofree char *version_reopened = genu_test_dump_file (fixture->path,
                                                             "PRAGMA user_version");

    g_assert_cmpstr (schema_reopened, ==, schema);
    g_assert_cmpstr (version_reopened, ==, latest);
  }
}

static int
count_cb (gpointer data)
{
  (*(guint *) data)++;
  return 0;
}

static void
count_rollback_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
test_migrations_steps (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stepwise_path = g_build_filename (fixture->dir, "stepwise.db", NULL);
  sqlite3 *db;
  guint commits = 0;

  /* All steps at once: one transaction, so one commit, per step. */
  db = genu_test_sqlite_open (fixture->path);
  sqlite3_commit_hook (db, count_cb, &commits);
  g_assert_true (_genu_schema_migrate (db, 0, GENU_STORE_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpint (commits, ==, GENU_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_genu_schema_get_version (db, &error), ==, GENU_STORE_SCHEMA_VERSION);

  /* Nothing to do at the latest version: nothing is written. */
  commits = 0;
  g_assert_true (_genu_schema_migrate (db, GENU_STORE_SCHEMA_VERSION, GENU_STORE_SCHEMA_VERSION,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (commits, ==, 0);
  g_assert_cmpint (_genu_schema_get_version (db, &error), ==, GENU_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* One step at a time: each one lands whole, with its version. */
  db = genu_test_sqlite_open (stepwise_path);
  sqlite3_commit_hook (db, count_cb, &commits);
  for (int version = 1; version <= GENU_STORE_SCHEMA_VERSION; version++)
    {
      commits = 0;
      g_assert_true (_genu_schema_migrate (db, version - 1, version, &error));
      g_assert_no_error (error);
      g_assert_cmpint (commits, ==, 1);
      g_assert_cmpint (_genu_schema_get_version (db, &error), ==, version);

      /* Migrating to where it already is does nothing. */
      commits = 0;
      g_assert_true (_genu_schema_migrate (db, version, version, &error));
      g_assert_cmpint (commits, ==, 0);
      g_assert_cmpint (_genu_schema_get_version (db, &error), ==, version);
    }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Both ways give the same schema. */
  {
    g_autofree char *all_at_once = schema_of (fixture->path);
    g_autofree char *stepwise = schema_of (stepwise_path);

    g_assert_cmpstr (all_at_once, ==, stepwise);
  }
}

typedef struct {
  const char *name;
  int         version;      /* the database's version */
  const char *conflict;     /* SQL that makes the next step fail */
} Failure;

static void
test_migrations_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  const Failure *failure = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *select_old = select_columns_at (failure->version);
  g_autofree char *rows_before = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *failed_step = g_strdup_printf ("version %d", failure->version + 1);
  g_autofree char *version_before = expected_version (failure->version);
  sqlite3 *db;
  guint commits = 0, rollbacks = 0;

  build_database (fixture->path, failure->version, failure->version > 0);
  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db, failure->conflict);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  schema_before = schema_of (fixture->path);
  if (failure->version > 0)
    rows_before = genu_test_dump_file (fixture->path, select_old);

  /* Directly: the failing step is rolled back, and nothing is committed. */
  db = genu_test_sqlite_open (fixture->path);
  sqlite3_commit_hook (db, count_cb, &commits);
  sqlite3_rollback_hook (db, count_rollback_cb, &rollbacks);
  g_assert_false (_genu_schema_migrate (db, failure->version, GENU_STORE_SCHEMA_VERSION, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, failed_step));
  g_clear_error (&error);
  g_assert_cmpint (commits, ==, 0);
  g_assert_cmpint (rollbacks, ==, 1);
  g_assert_true (sqlite3_get_autocommit (db));
  g_assert_cmpint (_genu_schema_get_version (db, &error), ==, failure->version);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Through the store, twice: refused the same way each time, the database as it was. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *version_after = NULL;
      g_autofree char *schema_after = NULL;
      GenuStore *store = genu_store_open (fixture->path, &error);

      g_assert_true (store == NULL);
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, failed_step));
      g_clear_error (&error);

      version_after = genu_test_dump_file (fixture->path, "PRAGMA user_version");
      g_assert_cmpstr (version_after, ==, version_before);
      schema_after = schema_of (fixture->path);
      g_assert_cmpstr (schema_after, ==, schema_before);
      if (rows_before != NULL)
        {
          g_autofree char *rows_after = genu_test_dump_file (fixture->path, select_old);
          g_assert_cmpstr (rows_after, ==, rows_before);
        }
    }
}

typedef struct {
  const char *name;
  gboolean    wal;
  int         ahead;        /* how many versions newer than this Genu */
} Newer;

static void
test_migrations_newer (Fixture       *fixture,
                       gconstpointer  data)
{
  const Newer *newer = data;
  g_autoptr(GError) error = NULL;
  int version = GENU_STORE_SCHEMA_VERSION + newer->ahead;
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
  g_autofree char *sha_before = NULL;
  gsize size_before;
  sqlite3 *db;

  /* As a newer Genu would leave it: its schema, its version, a row. */
  if (newer->wal)
    build_database (fixture->path, GENU_STORE_SCHEMA_VERSION, TRUE);
  db = genu_test_sqlite_open (fixture->path);
  if (!newer->wal)
    {
      genu_test_sqlite_exec (db, "PRAGMA journal_mode = DELETE");
      genu_test_sqlite_exec (db, "CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT);"
                                 "INSERT INTO patients (name) VALUES ('Zoë Ångström');");
    }
  genu_test_sqlite_exec (db, "CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, x INTEGER);");
  genu_test_sqlite_exec (db, set_version);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  {
    g_autofree char *mode = genu_test_dump_file (fixture->path, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, newer->wal ? "t:wal\n" : "t:delete\n");
  }
  g_assert_false (genu_test_sidecar_exists (fixture->path, "-wal"));
  g_assert_false (genu_test_sidecar_exists (fixture->path, "-shm"));
  sha_before = genu_test_file_sha256 (fixture->path, &size_before);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *sha_after = NULL;
      gsize size_after;
      GenuStore *store = genu_store_open (fixture->path, &error);

      g_assert_true (store == NULL);
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NEWER_SCHEMA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "newer"));
      g_clear_error (&error);

      /* Byte for byte as it was, its permissions too, and nothing left next to it. */
      sha_after = genu_test_file_sha256 (fixture->path, &size_after);
      g_assert_cmpint (size_after, ==, size_before);
      g_assert_cmpstr (sha_after, ==, sha_before);
      g_assert_cmpint (genu_test_file_mode (fixture->path), ==, 0644);
      if (genu_test_sidecar_exists (fixture->path, "-wal"))
        g_test_message ("A -wal file was left next to the refused database");
      if (genu_test_sidecar_exists (fixture->path, "-shm"))
        g_test_message ("A -shm file was left next to the refused database");
      g_assert_false (genu_test_sidecar_exists (fixture->path, "-wal"));
      g_assert_false (genu_test_sidecar_exists (fixture->path, "-shm"));
      g_assert_false (genu_test_sidecar_exists (fixture->path, "-journal"));
    }
}

/* The foreign keys of version 3, as the store's connection has them (foreign_keys on): a visit
 * needs its patient, a patient with visits cannot be deleted, and deleting a visit takes its
 * knee assessment and findings with it. The CHECKs refuse what the code never writes. */
static void
test_migrations_visit_constraints (Fixture       *fixture,
                                   gconstpointer  data)
{
  sqlite3 *db;

  build_database (fixture->path, GENU_STORE_SCHEMA_VERSION, TRUE);
  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db, "PRAGMA foreign_keys = ON");

  /* No patient 999. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO visits (patient_id, kind, date, therapist,"
                                 " created_at, updated_at) VALUES (999, 'follow_up',"
                                 " '2024-03-18', 'Anna', 'x', 'x')", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_FOREIGNKEY);

  genu_test_sqlite_exec (db,
                         "INSERT INTO visits (id, patient_id, kind, date, therapist,"
                         " created_at, updated_at) VALUES (5, 1, 'initial_evaluation',"
                         " '2024-03-18', 'Anna', 'x', 'x');"
                         "INSERT INTO knee_assessments (visit_id) VALUES (5);"
                         "INSERT INTO assessment_findings (visit_id, finding_id, state, number)"
                         " VALUES (5, 'nprs_now', 'number', 4);"
                         "INSERT INTO assessment_findings (visit_id, finding_id, state, grade)"
                         " VALUES (5, 'valgus_30_laxity', 'present', 2);");

  /* Refused by CHECKs: an unknown kind, no therapist, a duration out of range, a number on a
   * yes-no state and none on a number, a grade out of range, findings of no assessment. */
  {
    static const char * const refused[] = {
      "INSERT INTO visits (patient_id, kind, date, therapist, created_at, updated_at)"
      " VALUES (1, 'checkup', '2024-03-18', 'Anna', 'x', 'x')",
      "INSERT INTO visits (patient_id, kind, date, therapist, created_at, updated_at)"
      " VALUES (1, 'follow_up', '2024-03-18', '', 'x', 'x')",
      "UPDATE knee_assessments SET duration_weeks = 521",
      "UPDATE knee_assessments SET side = 'middle'",
      "INSERT INTO assessment_findings (visit_id, finding_id, state, number)"
      " VALUES (5, 'mcmurray', 'present', 1)",
      "INSERT INTO assessment_findings (visit_id, finding_id, state) VALUES (5, 'age', 'number')",
      "INSERT INTO assessment_findings (visit_id, finding_id, state, grade)"
      " VALUES (5, 'mcmurray', 'present', 9)",
      "INSERT INTO assessment_findings (visit_id, finding_id, state) VALUES (6, 'x', 'absent')",
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_test_message ("%s", refused[i]);
        g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      }
  }

  /* The patient stays while it has visits. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM patients WHERE id = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  /* ON DELETE RESTRICT runs as a trigger, which gives its own extended code. */
  g_assert_nonnull (strstr (sqlite3_errmsg (db), "FOREIGN KEY"));

  genu_test_sqlite_exec (db, "DELETE FROM visits WHERE id = 5");
  {
    g_autofree char *left = genu_test_sqlite_dump (db,
      "SELECT (SELECT count(*) FROM knee_assessments), (SELECT count(*) FROM assessment_findings)");
    g_assert_cmpstr (left, ==, "i:0|i:0\n");
  }
  genu_test_sqlite_exec (db, "DELETE FROM patients WHERE id = 1");

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Visits, knee assessments and findings as Genu at version 3 wrote them, values bound. One visit
 * holds values today's validation would refuse; the upgrade keeps them. */
static void
insert_visits_v3 (sqlite3 *db)
{
  genu_test_sqlite_exec (db,
    "INSERT INTO visits (id, patient_id, kind, date, therapist, subjective, objective,"
    " assessment, plan, diagnosis_id, diagnosis_name, diagnosis_icd10, created_at, updated_at)"
    " VALUES"
    " (3, 1, 'initial_evaluation', '2024-03-18', 'Łukasz Żółć', 'Schmerz innen ↓, 膝',"
    "  'Joint line tender', 'Pes anserine?', 'IASTM 2×/week', 'pes_anserine',"
    "  'Pes anserine tendinopathy / bursitis', 'M76.8', '2024-03-18T09:00:00Z',"
    "  '2024-03-18T09:30:00Z'),"
    " (4, 1, 'follow_up', '2024-03-25', 'Łukasz Żółć', '', '', '', '', '', '', '',"
    "  '2024-03-25T09:00:00Z', '2024-03-25T09:00:00Z'),"
    " (9, 7, 're_evaluation', 'not a date', 'محمد', ' ' || char(10) || ' ', '', '', '',"
    "  'unknown_condition', 'typed by hand', '', '2024-04-01T09:00:00Z',"
    "  '2024-04-01T09:00:00Z');"
    "INSERT INTO knee_assessments (visit_id, side, duration_weeks, mechanism, aggravating, notes)"
    " VALUES (3, 'right', 6, 'more hills', 'stairs, 李', ''),"
    "        (9, 'both', NULL, '', '', 'no duration');"
    "INSERT INTO assessment_findings (visit_id, finding_id, state, number, grade) VALUES"
    " (3, 'nprs_now', 'number', 4.0, 0),"
    " (3, 'valgus_30_laxity', 'present', NULL, 2),"
    " (3, 'loc_joint_line', 'present', NULL, 0),"
    " (3, 'effusion', 'absent', NULL, 0),"
    " (9, 'not_in_the_knowledge_base', 'present', NULL, 3),"
    " (9, 'nprs_now', 'number', 4.5, 0);");
}

#define V3_VISIT_COLUMNS \
  "id, patient_id, kind, date, therapist, subjective, objective, assessment, plan," \
  " diagnosis_id, diagnosis_name, diagnosis_icd10, created_at, updated_at"

/* A version 3 database with patients, visits, assessments and findings upgrades to version 4
 * with every value as it was; the old visits are unsigned and not amendments, and can be signed,
 * after which the triggers guard them too. */
static void
test_migrations_visits_to_4 (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const dumps[] = {
    "SELECT " V3_VISIT_COLUMNS " FROM visits ORDER BY id",
    "SELECT * FROM knee_assessments ORDER BY visit_id",
    "SELECT * FROM assessment_findings ORDER BY visit_id, finding_id",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *select_old = select_columns_at (3);
  g_autofree char *patients_before = NULL;
  g_autofree char *patients_after = NULL;
  g_autofree char *new_columns = NULL;
  char *before[G_N_ELEMENTS (dumps)];
  GenuStore *store;
  sqlite3 *db;

  build_database (fixture->path, 3, TRUE);
  db = genu_test_sqlite_open (fixture->path);
  insert_visits_v3 (db);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  patients_before = genu_test_dump_file (fixture->path, select_old);
  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    before[i] = genu_test_dump_file (fixture->path, dumps[i]);

  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Every value as it was, storage class included. */
  patients_after = genu_test_dump_file (fixture->path, select_old);
  g_assert_cmpstr (patients_after, ==, patients_before);
  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *after = genu_test_dump_file (fixture->path, dumps[i]);

      g_test_message ("%s", dumps[i]);
      g_assert_cmpstr (after, ==, before[i]);
    }

  /* The old visits are unsigned, and amend nothing. */
  new_columns = genu_test_dump_file (fixture->path,
    "SELECT id, signed_by, signed_at, amends_id, amendment_reason FROM visits ORDER BY id");
  g_assert_cmpstr (new_columns, ==, "i:3|n:|n:|n:|t:\ni:4|n:|n:|n:|t:\ni:9|n:|n:|n:|t:\n");

  /* Through the store: read as before, unsigned, and still editable. */
  {
    g_autoptr(GenuVisit) visit = genu_store_get_visit (store, 3, &error);
    g_autofree char *signed_by = NULL;
    gint64 amends_id = -1;
    double number = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (genu_visit_get_text (visit, GENU_VISIT_SUBJECTIVE), ==,
                     "Schmerz innen ↓, 膝");
    g_assert_cmpint (genu_findings_get (genu_assessment_get_findings (
                       genu_visit_get_assessment (visit)), "nprs_now", &number), ==,
                     GENU_FINDING_NUMBER);
    g_assert_cmpfloat (number, ==, 4);
    g_assert_true (genu_store_get_visit_signature (store, 3, &signed_by, NULL, &amends_id, NULL,
                                                   &error));
    g_assert_no_error (error);
    g_assert_cmpstr (signed_by, ==, "");
    g_assert_cmpint (amends_id, ==, 0);

    genu_visit_set_text (visit, GENU_VISIT_OBJECTIVE, "Joint line tender, effusion absent");
    g_assert_true (genu_store_save_visit (store, visit, &error));
    g_assert_no_error (error);

    /* Signed after the upgrade: guarded like any new note. */
    g_assert_true (genu_store_sign_visit (store, 3, "Łukasz Żółć", &error));
    g_assert_no_error (error);
    g_assert_false (genu_store_save_visit (store, visit, &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
    g_clear_error (&error);
  }
  {
    g_autoptr(GPtrArray) visits = genu_store_list_visits (store, 7, &error);

    g_assert_no_error (error);
    g_assert_cmpint (visits->len, ==, 1);
    g_assert_cmpstr (genu_visit_get_text (g_ptr_array_index (visits, 0), GENU_VISIT_DATE), ==,
                     "not a date");
  }

  db = genu_test_sqlite_open (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE assessment_findings SET grade = 1 WHERE visit_id = 3",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (sqlite3_errmsg (db), ==,
                   "a signed visit note cannot be changed; amend it instead");
  /* An old visit that nobody signed is still free. */
  genu_test_sqlite_exec (db, "UPDATE knee_assessments SET notes = 'still free' WHERE visit_id = 9");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* The new tables work, for a patient of before the upgrade. */
  assert_treatment_works (store, 1);
  g_assert_finalize_object (store);

  {
    g_autofree char *integrity = genu_test_dump_file (fixture->path, "PRAGMA integrity_check");
    g_autofree char *foreign_keys = genu_test_dump_file (fixture->path,
                                                         "PRAGMA foreign_key_check");

    g_assert_cmpstr (integrity, ==, "t:ok\n");
    g_assert_cmpstr (foreign_keys, ==, "");
  }

  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    g_free (before[i]);
}

/* The CHECKs and foreign keys of version 4 refuse what the code never writes, and signing is the
 * one change of a signed row's life. */
static void
test_migrations_treatment_constraints (Fixture       *fixture,
                                       gconstpointer  data)
{
  static const char * const refused[] = {
    /* plans */
    "INSERT INTO plans (patient_id, start_date, diagnosis_name, created_at, updated_at)"
    " VALUES (999, '2024-03-18', 'x', 'x', 'x')",
    "INSERT INTO plans (patient_id, start_date, diagnosis_name, created_at, updated_at)"
    " VALUES (1, '2024-03-18', '', 'x', 'x')",
    "UPDATE plans SET frequency_per_week = 8",
    "UPDATE plans SET frequency_per_week = 0",
    "UPDATE plans SET duration_weeks = 53",
    "UPDATE plans SET closed = 2",
    "UPDATE plans SET screening_done = -1",
    "UPDATE plans SET contraindications = 'not json'",
    "UPDATE plans SET contraindications = '{}'",
    "UPDATE plans SET acknowledged_by = 'Anna'",
    "UPDATE plans SET frequency_per_week = 'two'",
    /* goals */
    "INSERT INTO goals (plan_id, position, term, description) VALUES (1, 1, 'medium', 'x')",
    "INSERT INTO goals (plan_id, position, term, description) VALUES (1, 1, 'short', '')",
    "INSERT INTO goals (plan_id, position, term, description, status)"
    " VALUES (1, 1, 'short', 'x', 'done')",
    "INSERT INTO goals (plan_id, position, term, description) VALUES (1, 0, 'short', 'twice')",
    "INSERT INTO goals (plan_id, position, term, description) VALUES (99, 0, 'short', 'x')",
    /* sessions */
    "INSERT INTO sessions (patient_id, date, therapist, created_at, updated_at)"
    " VALUES (1, '2024-03-18', '', 'x', 'x')",
    "INSERT INTO sessions (patient_id, plan_id, date, therapist, created_at, updated_at)"
    " VALUES (1, 99, '2024-03-18', 'Anna', 'x', 'x')",
    "UPDATE sessions SET duration_minutes = 0 WHERE id = 2",
    "UPDATE sessions SET duration_minutes = 481 WHERE id = 2",
    "UPDATE sessions SET pain_before = 11 WHERE id = 2",
    "UPDATE sessions SET pain_after = -1 WHERE id = 2",
    "UPDATE sessions SET signed_by = 'Anna' WHERE id = 2",
    "UPDATE sessions SET signed_by = '', signed_at = 'x' WHERE id = 2",
    "UPDATE sessions SET amends_id = 1 WHERE id = 2",
    "UPDATE sessions SET amends_id = 99, amendment_reason = 'x' WHERE id = 2",
    /* session_interventions */
    "INSERT INTO session_interventions (session_id, position, kind, details)"
    " VALUES (2, 5, 'acupuncture', '{\"kind\":\"acupuncture\"}')",
    "INSERT INTO session_interventions (session_id, position, kind, details)"
    " VALUES (2, 5, 'exercise', 'not json')",
    "INSERT INTO session_interventions (session_id, position, kind, details)"
    " VALUES (2, 5, 'exercise', '{\"kind\":\"taping\"}')",
    "INSERT INTO session_interventions (session_id, position, kind, details)"
    " VALUES (2, 0, 'exercise', '{\"kind\":\"exercise\"}')",
    /* outcomes */
    "INSERT INTO outcomes (patient_id, date, measure, items, created_at, updated_at)"
    " VALUES (1, '2024-03-18', 'koos', json_array(1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1),"
    "  'x', 'x')",
    "INSERT INTO outcomes (patient_id, date, measure, items, created_at, updated_at)"
    " VALUES (1, '2024-03-18', 'lefs', '[1,2]', 'x', 'x')",
    "INSERT INTO outcomes (patient_id, date, measure, items, score, created_at, updated_at)"
    " VALUES (1, '2024-03-18', 'lefs', json_array(4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4),"
    "  81, 'x', 'x')",
    /* visits */
    "UPDATE visits SET signed_by = 'Anna' WHERE id = 5",
    "UPDATE visits SET amends_id = 5 WHERE id = 6",
    "UPDATE visits SET amends_id = 99, amendment_reason = 'x' WHERE id = 6",
  };
  sqlite3 *db;

  build_database (fixture->path, GENU_STORE_SCHEMA_VERSION, TRUE);
  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db, "PRAGMA foreign_keys = ON");
  genu_test_sqlite_exec (db,
    "INSERT INTO plans (id, patient_id, start_date, diagnosis_name, created_at, updated_at)"
    " VALUES (1, 1, '2024-03-18', 'Pes anserine bursitis', 'x', 'x');"
    "INSERT INTO goals (plan_id, position, term, description) VALUES (1, 0, 'short', 'x');"
    "INSERT INTO sessions (id, patient_id, plan_id, date, therapist, created_at, updated_at)"
    " VALUES (1, 1, 1, '2024-03-18', 'Anna', 'x', 'x'), (2, 1, 1, '2024-03-19', 'Anna', 'x',"
    " 'x');"
    "INSERT INTO session_interventions (session_id, position, kind, details)"
    " VALUES (2, 0, 'exercise', '{\"kind\":\"exercise\"}');"
    "INSERT INTO visits (id, patient_id, kind, date, therapist, created_at, updated_at)"
    " VALUES (5, 1, 'follow_up', '2024-03-18', 'Anna', 'x', 'x'),"
    "        (6, 1, 'follow_up', '2024-03-19', 'Anna', 'x', 'x');");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      int rc = sqlite3_exec (db, refused[i], NULL, NULL, NULL);

      g_test_message ("%s → %s", refused[i], sqlite3_errmsg (db));
      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
    }

  /* Signing is one UPDATE of an unsigned row; after it, nothing changes, not even the
   * signature. */
  genu_test_sqlite_exec (db, "UPDATE sessions SET signed_by = 'Anna', signed_at = 'now'"
                             " WHERE id = 1");
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sessions SET signed_by = 'Bob' WHERE id = 1",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_TRIGGER);

  /* A signed plan-less amendment chain: the amended note cannot go. */
  genu_test_sqlite_exec (db, "UPDATE sessions SET amends_id = 1, amendment_reason = 'typo'"
                             " WHERE id = 2");
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sessions WHERE id = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);

  /* A plan with sessions stays; a patient with plans stays; an unsigned session takes its
   * interventions with it, and a plan its goals. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM plans WHERE id = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  genu_test_sqlite_exec (db, "DELETE FROM sessions WHERE id = 2");
  {
    g_autofree char *left = genu_test_sqlite_dump (db,
      "SELECT (SELECT count(*) FROM session_interventions), (SELECT count(*) FROM goals)");
    g_assert_cmpstr (left, ==, "i:0|i:1\n");
  }
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM patients WHERE id = 1", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Every table of version 4 with rows as Genu at version 4 wrote them: plans with goals, sessions
 * (one signed, one amending it) with interventions, LEFS outcomes, and visits, one of them
 * signed. One LEFS has a date today's validation would refuse; the upgrade keeps it. */
static void
insert_treatment_v4 (sqlite3 *db)
{
  genu_test_sqlite_exec (db,
    "INSERT INTO plans (id, patient_id, start_date, diagnosis_id, diagnosis_name,"
    " diagnosis_icd10, interventions, notes, frequency_per_week, duration_weeks, closed,"
    " screening_done, contraindications, acknowledged_by, acknowledged_at, created_at,"
    " updated_at) VALUES"
    " (2, 1, '2024-03-18', 'pes_anserine', 'Pes anserine bursitis', 'M70.5', 'IASTM, Übungen',"
    "  '膝 ↓', 2, 6, 0, 1, '[\"anticoagulants\"]', 'Łukasz Żółć', '2024-03-18T09:10:00Z',"
    "  '2024-03-18T09:00:00Z', '2024-03-18T09:10:00Z'),"
    " (5, 7, '2024-04-01', '', 'typed by hand', '', '', '', NULL, NULL, 1, 0, '[]', NULL, NULL,"
    "  '2024-04-01T09:00:00Z', '2024-04-01T09:00:00Z');"
    "INSERT INTO goals (plan_id, position, term, description, target_date, status) VALUES"
    " (2, 0, 'short', 'Treppen ohne Schmerz', '2024-04-15', 'met'),"
    " (2, 1, 'long', 'Marathon', '', 'progressing');"
    "INSERT INTO sessions (id, patient_id, plan_id, date, therapist, duration_minutes,"
    " pain_before, pain_after, notes, signed_by, signed_at, amends_id, amendment_reason,"
    " created_at, updated_at) VALUES"
    " (3, 1, 2, '2024-03-19', 'Łukasz Żółć', 45, 5, 3, 'gut vertragen', 'Łukasz Żółć',"
    "  '2024-03-19T10:00:00Z', NULL, '', '2024-03-19T09:00:00Z', '2024-03-19T09:30:00Z'),"
    " (4, 1, 2, '2024-03-19', 'Łukasz Żółć', NULL, NULL, NULL, '', NULL, NULL, 3, 'falsche Seite',"
    "  '2024-03-19T11:00:00Z', '2024-03-19T11:00:00Z');"
    "INSERT INTO session_interventions (session_id, position, kind, details) VALUES"
    " (4, 0, 'education', '{\"kind\":\"education\",\"fields\":{\"topic\":\"Belastung\"}}');"
    "INSERT INTO outcomes (id, patient_id, plan_id, date, measure, items, score, created_at,"
    " updated_at) VALUES"
    " (6, 1, 2, '2024-03-18', 'lefs',"
    "  '[4,4,4,4,3,3,3,3,2,2,2,2,1,1,1,1,0,0,null,null]', 44.4, '2024-03-18T09:20:00Z',"
    "  '2024-03-18T09:20:00Z'),"
    " (8, 7, NULL, 'not a date', 'lefs', json_array(4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4),"
    "  80, '2024-04-01T09:00:00Z', '2024-04-01T09:00:00Z');"
    "INSERT INTO visits (id, patient_id, kind, date, therapist, subjective, created_at,"
    " updated_at) VALUES"
    " (10, 1, 'initial_evaluation', '2024-03-18', 'Łukasz Żółć', 'Schmerz innen',"
    "  '2024-03-18T09:00:00Z', '2024-03-18T09:00:00Z');"
    "INSERT INTO knee_assessments (visit_id, side) VALUES (10, 'left');"
    "INSERT INTO assessment_findings (visit_id, finding_id, state, number) VALUES"
    " (10, 'nprs_now', 'number', 5);"
    "UPDATE visits SET signed_by = 'Łukasz Żółć', signed_at = '2024-03-18T10:00:00Z'"
    " WHERE id = 10;");
}

/* A version 4 database with rows in every table upgrades (through version 5 to the latest) with
 * every value as it was, storage class included; the signed notes stay guarded, the LEFS read
 * back as before, and the new KOOS table is empty and works. */
static void
test_migrations_treatment_to_5 (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char * const dumps[] = {
    "SELECT * FROM plans ORDER BY id",
    "SELECT * FROM goals ORDER BY id",
    "SELECT * FROM sessions ORDER BY id",
    "SELECT * FROM session_interventions ORDER BY session_id, position",
    "SELECT * FROM outcomes ORDER BY id",
    "SELECT * FROM visits ORDER BY id",
    "SELECT * FROM knee_assessments ORDER BY visit_id",
    "SELECT * FROM assessment_findings ORDER BY visit_id, finding_id",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *select_old = select_columns_at (4);
  g_autofree char *patients_before = NULL;
  g_autofree char *patients_after = NULL;
  g_autofree char *version = NULL;
  g_autofree char *koos_rows = NULL;
  g_autofree char *latest = expected_version (GENU_STORE_SCHEMA_VERSION);
  char *before[G_N_ELEMENTS (dumps)];
  GenuStore *store;
  sqlite3 *db;

  build_database (fixture->path, 4, TRUE);
  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db, "PRAGMA foreign_keys = ON");
  insert_treatment_v4 (db);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  patients_before = genu_test_dump_file (fixture->path, select_old);
  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      before[i] = genu_test_dump_file (fixture->path, dumps[i]);
      g_assert_cmpint (strlen (before[i]), >, 0);
    }

  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  version = genu_test_dump_file (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, latest);

  /* Every value as it was, storage class included. */
  patients_after = genu_test_dump_file (fixture->path, select_old);
  g_assert_cmpstr (patients_after, ==, patients_before);
  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *after = genu_test_dump_file (fixture->path, dumps[i]);

      g_test_message ("%s", dumps[i]);
      g_assert_cmpstr (after, ==, before[i]);
    }
  koos_rows = genu_test_dump_file (fixture->path, "SELECT count(*) FROM koos");
  g_assert_cmpstr (koos_rows, ==, "i:0\n");

  /* Through the store: the LEFS, the plan and the sessions read as before. */
  {
    g_autoptr(GPtrArray) outcomes = genu_store_list_outcomes (store, 1, &error);
    g_autoptr(GenuPlan) plan = genu_store_get_plan (store, 2, &error);
    g_autoptr(GPtrArray) amendments = genu_store_list_amendments (store, 3, &error);
    double score = 0;

    g_assert_no_error (error);
    g_assert_cmpint (outcomes->len, ==, 1);
    g_assert_cmpint (genu_outcome_get_item (g_ptr_array_index (outcomes, 0), 1), ==, 4);
    g_assert_cmpint (genu_outcome_get_item (g_ptr_array_index (outcomes, 0), 19), ==,
                     GENU_LEFS_MISSING);
    g_assert_true (genu_outcome_get_score (g_ptr_array_index (outcomes, 0), &score));
    g_assert_cmpfloat (score, ==, 44.4);
    g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_NAME), ==,
                     "Pes anserine bursitis");
    g_assert_cmpint (amendments->len, ==, 1);
  }

  /* Signed notes stay signed, and guarded. */
  db = genu_test_sqlite_open (fixture->path);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sessions SET notes = 'x' WHERE id = 3",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM visits WHERE id = 10", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* The new table works, for patients and a plan of before the upgrade. */
  assert_koos_works (store, 1);
  assert_koos_works (store, 7);
  {
    g_autoptr(GenuKoos) koos = genu_koos_new ();

    genu_koos_set_patient_id (koos, 1);
    genu_koos_set_plan_id (koos, 2);
    genu_koos_set_date (koos, "2024-03-18");
    g_assert_true (genu_store_save_koos (store, koos, &error));
    g_assert_no_error (error);
    /* Plan 5 is patient 7's. */
    genu_koos_set_plan_id (koos, 5);
    g_assert_false (genu_store_save_koos (store, koos, &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_finalize_object (store);

  /* Still every old value as it was after the KOOS were added. */
  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *after = genu_test_dump_file (fixture->path, dumps[i]);

      g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }
  {
    g_autofree char *integrity = genu_test_dump_file (fixture->path, "PRAGMA integrity_check");
    g_autofree char *foreign_keys = genu_test_dump_file (fixture->path,
                                                         "PRAGMA foreign_key_check");

    g_assert_cmpstr (integrity, ==, "t:ok\n");
    g_assert_cmpstr (foreign_keys, ==, "");
  }
}

/* A version 5 database with rows in every table upgrades to version 6 with every value as it
 * was, storage class included. The audit trail starts empty (what happened before it is not
 * made up), verifies, and records the first change made after the upgrade, to a record from
 * before it, with the values it had. */
static void
test_migrations_audit_to_6 (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const dumps[] = {
    /* Every column but the search keys, which version 7 adds. */
    "SELECT id, record_number, family_name, given_names, date_of_birth, sex, phone, email,"
    " address, referring_physician, notes, archived, created_at, updated_at,"
    " weekly_distance_km, years_running, goal_event, usual_surface, shoes, training_changes"
    " FROM patients ORDER BY id",
    "SELECT * FROM plans ORDER BY id",
    "SELECT * FROM goals ORDER BY id",
    "SELECT * FROM sessions ORDER BY id",
    "SELECT * FROM session_interventions ORDER BY session_id, position",
    "SELECT * FROM outcomes ORDER BY id",
    "SELECT * FROM koos ORDER BY id",
    "SELECT * FROM visits ORDER BY id",
    "SELECT * FROM knee_assessments ORDER BY visit_id",
    "SELECT * FROM assessment_findings ORDER BY visit_id, finding_id",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autofree char *version = NULL;
  g_autofree char *latest = expected_version (GENU_STORE_SCHEMA_VERSION);
  char *before[G_N_ELEMENTS (dumps)];
  GenuAuditEntry *entry;
  GenuStore *store;
  gint64 bad_id = -1;
  gint64 n_entries = -1;
  sqlite3 *db;

  build_database (fixture->path, 5, TRUE);
  db = genu_test_sqlite_open (fixture->path);
  genu_test_sqlite_exec (db, "PRAGMA foreign_keys = ON");
  insert_treatment_v4 (db);
  genu_test_sqlite_exec (db,
    "INSERT INTO koos (id, patient_id, plan_id, date, items, created_at, updated_at) VALUES"
    " (3, 1, 2, '2024-03-18', json_array(0,1,2,3,4,null,0,1,2,3,4,null,0,1,2,3,4,null,0,1,2,"
    "  3,4,null,0,1,2,3,4,null,0,1,2,3,4,null,0,1,2,3,4,null), '2024-03-18T09:30:00Z',"
    "  '2024-03-18T09:30:00Z');");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      before[i] = genu_test_dump_file (fixture->path, dumps[i]);
      g_assert_cmpint (strlen (before[i]), >, 0);
    }

  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  version = genu_test_dump_file (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, latest);

  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *after = genu_test_dump_file (fixture->path, dumps[i]);

      g_test_message ("%s", dumps[i]);
      g_assert_cmpstr (after, ==, before[i]);
      g_free (before[i]);
    }

  entries = genu_store_list_audit (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_true (genu_store_verify_audit (store, &bad_id, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad_id, ==, 0);
  g_assert_cmpint (n_entries, ==, 0);

  /* Patient 1 as version 1 wrote it, changed now: the entry has the values from before. */
  patient = genu_store_get_patient (store, 1, &error);
  g_assert_no_error (error);
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "+49 30 7654321");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);

  entries = genu_store_list_audit (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->id, ==, 1);
  g_assert_cmpint (entry->action, ==, GENU_AUDIT_UPDATE);
  g_assert_cmpstr (entry->prev_hash, ==, GENU_AUDIT_FIRST_PREV_HASH);
  g_assert_nonnull (strstr (entry->old_values, "+49 30 1234567"));
  g_assert_nonnull (strstr (entry->new_values, "+49 30 7654321"));
  g_assert_true (genu_store_verify_audit (store, &bad_id, &n_entries, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, ==, 1);
  g_assert_finalize_object (store);

  {
    g_autofree char *integrity = genu_test_dump_file (fixture->path, "PRAGMA integrity_check");
    g_autofree char *foreign_keys = genu_test_dump_file (fixture->path,
                                                         "PRAGMA foreign_key_check");

    g_assert_cmpstr (integrity, ==, "t:ok\n");
    g_assert_cmpstr (foreign_keys, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  static const Failure failures[] = {
    /* A table by the name of the index step 1 creates: step 1 fails after its CREATE TABLE. */
    { "/migrations/failure/step-1", 0, "CREATE TABLE patients_by_name (note TEXT);"
                                       "INSERT INTO patients_by_name VALUES ('keep me');" },
    /* A column by the name of one step 2 adds, after three others it adds. */
    { "/migrations/failure/step-2", 1, "ALTER TABLE patients ADD COLUMN shoes TEXT;" },
    /* A table by the name of the second one step 3 creates: fails after `visits` is made. */
    { "/migrations/failure/step-3", 2, "CREATE TABLE knee_assessments (x);" },
    /* A table by the name of the second one step 4 creates: fails after `plans` is made. */
    { "/migrations/failure/step-4", 3, "CREATE TABLE goals (x);" },
    /* An index by the name of the one step 5 creates: fails after `koos` is made. */
    { "/migrations/failure/step-5", 4, "CREATE INDEX koos_by_patient ON patients (shoes);" },
    /* An index by the name of the one step 6 creates: fails after `audit_log` is made. */
    { "/migrations/failure/step-6", 5,
      "CREATE INDEX audit_log_by_patient ON patients (shoes);" },
    /* A table by the name of the full-text index step 7 creates: fails after the keys are added
     * and filled. */
    { "/migrations/failure/step-7", 6, "CREATE TABLE patients_fts (x);" },
  };
  static const Newer newers[] = {
    { "/migrations/newer-schema/rollback-journal/next", FALSE, 1 },
    { "/migrations/newer-schema/rollback-journal/far", FALSE, 1000 },
    { "/migrations/newer-schema/wal/next", TRUE, 1 },
    { "/migrations/newer-schema/wal/far", TRUE, 1000 },
  };
  g_autoptr(GPtrArray) from_versions = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  /* Every older version, and the latest, which must open as it is. */
  for (int version = 0; version <= GENU_STORE_SCHEMA_VERSION; version++)
    for (int empty = 0; empty >= 0; empty--)  /* an empty file is refused: see test-store */
      {
        FromVersion *from = g_new0 (FromVersion, 1);
        g_autofree char *path = NULL;

        from->version = version;
        from->empty_file = empty;
        path = g_strdup_printf ("/migrations/from-version/%d%s", version,
                                version == 0 ? (empty ? "/empty-file" : "/blank-database") : "");
        g_ptr_array_add (from_versions, from);
        g_test_add (path, Fixture, from, fixture_set_up, test_migrations_from_version,
                    fixture_tear_down);
      }

  g_test_add ("/migrations/steps", Fixture, NULL, fixture_set_up, test_migrations_steps,
              fixture_tear_down);
  g_test_add ("/migrations/visits/constraints", Fixture, NULL, fixture_set_up,
              test_migrations_visit_constraints, fixture_tear_down);
  g_test_add ("/migrations/visits/to-version-4", Fixture, NULL, fixture_set_up,
              test_migrations_visits_to_4, fixture_tear_down);
  g_test_add ("/migrations/treatment/constraints", Fixture, NULL, fixture_set_up,
              test_migrations_treatment_constraints, fixture_tear_down);
  g_test_add ("/migrations/treatment/to-version-5", Fixture, NULL, fixture_set_up,
              test_migrations_treatment_to_5, fixture_tear_down);
  g_test_add ("/migrations/audit/to-version-6", Fixture, NULL, fixture_set_up,
              test_migrations_audit_to_6, fixture_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    if (failures[i].version < GENU_STORE_SCHEMA_VERSION)
      g_test_add (failures[i].name, Fixture, &failures[i], fixture_set_up,
                  test_migrations_failure, fixture_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (newers); i++)
    g_test_add (newers[i].name, Fixture, &newers[i], fixture_set_up, test_migrations_newer,
                fixture_tear_down);

  return g_test_run ();
}
