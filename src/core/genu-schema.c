/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"

#include <glib/gi18n-lib.h>

/*
 * The schema, as forward-only steps. Step N takes a database at version N-1 to version N. A step
 * is never edited once released: a change to the schema is a new step at the end, and
 * GENU_STORE_SCHEMA_VERSION moves with it. Each step runs in its own transaction together with
 * the new PRAGMA user_version, so a database is always at one whole version.
 */
static const char * const migrations[] = {
  /* Version 1: patients and their demographics. */
  "CREATE TABLE patients ("
  "  id INTEGER PRIMARY KEY,"
  "  record_number TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (record_number <> ''),"
  "  family_name TEXT NOT NULL CHECK (family_name <> ''),"
  "  given_names TEXT NOT NULL CHECK (given_names <> ''),"
  "  date_of_birth TEXT NOT NULL,"
  "  sex TEXT NOT NULL DEFAULT 'unknown'"
  "    CHECK (sex IN ('unknown', 'female', 'male', 'other')),"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  referring_physician TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX patients_by_name"
  "  ON patients (family_name COLLATE NOCASE, given_names COLLATE NOCASE);",

  /* Version 2: the running profile. Numbers that were not recorded are NULL. */
  "ALTER TABLE patients ADD COLUMN weekly_distance_km REAL"
  "  CHECK (weekly_distance_km BETWEEN 0 AND 400);"
  "ALTER TABLE patients ADD COLUMN years_running INTEGER"
  "  CHECK (years_running BETWEEN 0 AND 90);"
  "ALTER TABLE patients ADD COLUMN goal_event TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE patients ADD COLUMN usual_surface TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE patients ADD COLUMN shoes TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE patients ADD COLUMN training_changes TEXT NOT NULL DEFAULT '';",

  /* Version 3: visits, the knee assessment of an initial evaluation or re-evaluation, and its
   * findings. A patient with visits cannot be deleted (patients are archived instead); a visit
   * takes its assessment and findings with it. A finding that was not tested has no row. */
  "CREATE TABLE visits ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,"
  "  kind TEXT NOT NULL"
  "    CHECK (kind IN ('initial_evaluation', 'follow_up', 're_evaluation', 'discharge')),"
  "  date TEXT NOT NULL,"
  "  therapist TEXT NOT NULL CHECK (therapist <> ''),"
  "  subjective TEXT NOT NULL DEFAULT '',"
  "  objective TEXT NOT NULL DEFAULT '',"
  "  assessment TEXT NOT NULL DEFAULT '',"
  "  plan TEXT NOT NULL DEFAULT '',"
  "  diagnosis_id TEXT NOT NULL DEFAULT '',"
  "  diagnosis_name TEXT NOT NULL DEFAULT '',"
  "  diagnosis_icd10 TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX visits_by_patient ON visits (patient_id, date);"
  "CREATE TABLE knee_assessments ("
  "  visit_id INTEGER PRIMARY KEY REFERENCES visits (id) ON DELETE CASCADE,"
  "  side TEXT NOT NULL DEFAULT 'unknown'"
  "    CHECK (side IN ('unknown', 'left', 'right', 'both')),"
  "  duration_weeks INTEGER CHECK (duration_weeks BETWEEN 0 AND 520),"
  "  mechanism TEXT NOT NULL DEFAULT '',"
  "  aggravating TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT ''"
  ") STRICT;"
  "CREATE TABLE assessment_findings ("
  "  visit_id INTEGER NOT NULL REFERENCES knee_assessments (visit_id) ON DELETE CASCADE,"
  "  finding_id TEXT NOT NULL CHECK (finding_id <> ''),"
  "  state TEXT NOT NULL CHECK (state IN ('present', 'absent', 'number')),"
  "  number REAL,"
  "  grade INTEGER NOT NULL DEFAULT 0 CHECK (grade BETWEEN 0 AND 3),"
  "  CHECK ((state = 'number') = (number IS NOT NULL)),"
  "  PRIMARY KEY (visit_id, finding_id)"
  ") STRICT, WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GENU_STORE_SCHEMA_VERSION);

void
_genu_set_sqlite_error (GError     **error,
                        sqlite3     *db,
                        const char  *what)
{
  int code = sqlite3_errcode (db) & 0xff;  /* the primary code, also under extended codes */
  GenuStoreError store_code = GENU_STORE_ERROR_FAILED;

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    store_code = GENU_STORE_ERROR_NOT_A_DATABASE;
  else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN)
    store_code = GENU_STORE_ERROR_PERMISSION;

  /* TRANSLATORS: the first %s says what was being done, the second is SQLite's reason */
  g_set_error (error, GENU_STORE_ERROR, store_code, _("%s: %s"), what, sqlite3_errmsg (db));
}

gboolean
_genu_sqlite_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, db, _("Could not update the database"));
      return FALSE;
    }
  return TRUE;
}

int
_genu_schema_get_version (sqlite3  *db,
                          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    _genu_set_sqlite_error (error, db, _("Could not read the database"));

  sqlite3_finalize (stmt);
  return version;
}

/* One step in one transaction: the step's statements and the new version land together. */
static gboolean
migrate_step (sqlite3  *db,
              int       to_version,
              GError  **error)
{
  /* PRAGMA takes no bound parameters; the value is an integer from this program, not input. */
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", to_version);

  if (!_genu_sqlite_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_genu_sqlite_exec (db, migrations[to_version - 1], error) ||
      !_genu_sqlite_exec (db, set_version, error) ||
      !_genu_sqlite_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_prefix_error (error, _("Could not upgrade the database to version %d: "), to_version);
      return FALSE;
    }

  g_debug ("Database schema upgraded to version %d", to_version);
  return TRUE;
}

gboolean
_genu_schema_migrate (sqlite3  *db,
                      int       from_version,
                      int       to_version,
                      GError  **error)
{
  g_return_val_if_fail (from_version >= 0, FALSE);
  g_return_val_if_fail (to_version <= GENU_STORE_SCHEMA_VERSION, FALSE);

  for (int version = from_version + 1; version <= to_version; version++)
    if (!migrate_step (db, version, error))
      return FALSE;

  return TRUE;
}
