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

  /* Version 4: plans of care with their goals and IASTM screening, treatment sessions with their
   * interventions, outcome measures (the LEFS), and signed notes. A signed session or visit is
   * immutable, and the triggers below enforce that whatever writes to the file: a correction is a
   * new row that amends the signed one, with a reason. Signing itself is the one UPDATE of an
   * unsigned row that sets signed_by and signed_at. Visits saved before version 4 are unsigned. */
  "CREATE TABLE plans ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,"
  "  start_date TEXT NOT NULL,"
  "  diagnosis_id TEXT NOT NULL DEFAULT '',"
  "  diagnosis_name TEXT NOT NULL CHECK (diagnosis_name <> ''),"
  "  diagnosis_icd10 TEXT NOT NULL DEFAULT '',"
  "  interventions TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  frequency_per_week INTEGER CHECK (frequency_per_week BETWEEN 1 AND 7),"
  "  duration_weeks INTEGER CHECK (duration_weeks BETWEEN 1 AND 52),"
  "  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),"
  "  screening_done INTEGER NOT NULL DEFAULT 0 CHECK (screening_done IN (0, 1)),"
  "  contraindications TEXT NOT NULL DEFAULT '[]'"
  "    CHECK (json_valid (contraindications) AND json_type (contraindications) = 'array'),"
  "  acknowledged_by TEXT CHECK (acknowledged_by <> ''),"
  "  acknowledged_at TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))"
  ") STRICT;"
  "CREATE INDEX plans_by_patient ON plans (patient_id, start_date);"
  "CREATE TABLE goals ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  term TEXT NOT NULL CHECK (term IN ('short', 'long')),"
  "  description TEXT NOT NULL CHECK (description <> ''),"
  "  target_date TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'progressing'"
  "    CHECK (status IN ('progressing', 'met', 'not_met')),"
  "  UNIQUE (plan_id, position)"
  ") STRICT;"
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,"
  "  plan_id INTEGER REFERENCES plans (id) ON DELETE RESTRICT,"
  "  date TEXT NOT NULL,"
  "  therapist TEXT NOT NULL CHECK (therapist <> ''),"
  "  duration_minutes INTEGER CHECK (duration_minutes BETWEEN 1 AND 480),"
  "  pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
  "  pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  signed_by TEXT CHECK (signed_by <> ''),"
  "  signed_at TEXT,"
  "  amends_id INTEGER REFERENCES sessions (id) ON DELETE RESTRICT,"
  "  amendment_reason TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (amends_id IS NULL OR amendment_reason <> ''),"
  "  CHECK ((signed_by IS NULL) = (signed_at IS NULL))"
  ") STRICT;"
  "CREATE INDEX sessions_by_patient ON sessions (patient_id, date);"
  "CREATE INDEX sessions_by_amended ON sessions (amends_id);"
  "CREATE TABLE session_interventions ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  kind TEXT NOT NULL"
  "    CHECK (kind IN ('iastm', 'exercise', 'taping', 'bracing', 'manual_therapy', 'education',"
  "                    'load_management', 'modality')),"
  "  details TEXT NOT NULL"
  "    CHECK (json_valid (details) AND json_extract (details, '$.kind') = kind),"
  "  PRIMARY KEY (session_id, position)"
  ") STRICT, WITHOUT ROWID;"
  "CREATE TABLE outcomes ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,"
  "  plan_id INTEGER REFERENCES plans (id) ON DELETE RESTRICT,"
  "  date TEXT NOT NULL,"
  "  measure TEXT NOT NULL CHECK (measure IN ('lefs')),"
  "  items TEXT NOT NULL"
  "    CHECK (json_valid (items) AND json_type (items) = 'array'"
  "           AND json_array_length (items) = 20),"
  "  score REAL CHECK (score BETWEEN 0 AND 80),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX outcomes_by_patient ON outcomes (patient_id, date);"
  /* ADD COLUMN checks its CHECKs against the rows there; NULLs and '' pass them all. The CHECK
   * that pairs two columns goes on the second, once both exist. */
  "ALTER TABLE visits ADD COLUMN signed_by TEXT CHECK (signed_by <> '');"
  "ALTER TABLE visits ADD COLUMN signed_at TEXT"
  "  CHECK ((signed_by IS NULL) = (signed_at IS NULL));"
  "ALTER TABLE visits ADD COLUMN amends_id INTEGER REFERENCES visits (id) ON DELETE RESTRICT;"
  "ALTER TABLE visits ADD COLUMN amendment_reason TEXT NOT NULL DEFAULT ''"
  "  CHECK (amends_id IS NULL OR amendment_reason <> '');"
  "CREATE INDEX visits_by_amended ON visits (amends_id);"
  "CREATE TRIGGER sessions_signed_update BEFORE UPDATE ON sessions"
  "  WHEN OLD.signed_at IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed session note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER sessions_signed_delete BEFORE DELETE ON sessions"
  "  WHEN OLD.signed_at IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed session note cannot be deleted; amend it instead');"
  "  END;"
  "CREATE TRIGGER session_interventions_signed_insert BEFORE INSERT ON session_interventions"
  "  WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed session note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER session_interventions_signed_update BEFORE UPDATE ON session_interventions"
  "  WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL"
  "    OR (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed session note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER session_interventions_signed_delete BEFORE DELETE ON session_interventions"
  "  WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed session note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER visits_signed_update BEFORE UPDATE ON visits"
  "  WHEN OLD.signed_at IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER visits_signed_delete BEFORE DELETE ON visits"
  "  WHEN OLD.signed_at IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be deleted; amend it instead');"
  "  END;"
  "CREATE TRIGGER knee_assessments_signed_insert BEFORE INSERT ON knee_assessments"
  "  WHEN (SELECT signed_at FROM visits WHERE id = NEW.visit_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER knee_assessments_signed_update BEFORE UPDATE ON knee_assessments"
  "  WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL"
  "    OR (SELECT signed_at FROM visits WHERE id = NEW.visit_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER knee_assessments_signed_delete BEFORE DELETE ON knee_assessments"
  "  WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER assessment_findings_signed_insert BEFORE INSERT ON assessment_findings"
  "  WHEN (SELECT signed_at FROM visits WHERE id = NEW.visit_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER assessment_findings_signed_update BEFORE UPDATE ON assessment_findings"
  "  WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL"
  "    OR (SELECT signed_at FROM visits WHERE id = NEW.visit_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;"
  "CREATE TRIGGER assessment_findings_signed_delete BEFORE DELETE ON assessment_findings"
  "  WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL BEGIN"
  "    SELECT RAISE (ABORT, 'a signed visit note cannot be changed; amend it instead');"
  "  END;",

  /* Version 5: the KOOS (Roos & Lohmander 2003), in a table of its own: its 42 items and five
   * subscales fit neither the columns nor the CHECKs of `outcomes`. The items are a JSON array
   * of 42, item S1 first, each 0-4 or null (not answered); the subscale scores are computed from
   * them, not stored. A CHECK cannot look at each element (no subqueries), so it looks at the
   * text: minified, with each null as "n", an array of 42 single characters from 0-4 and n is
   * "[" + 42 characters + 41 commas + "]", 85 in all, and nothing is left once those characters
   * are taken out. Quotes, signs, points, letters or nested brackets all leave something. */
  "CREATE TABLE koos ("
  "  id INTEGER PRIMARY KEY,"
  "  patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,"
  "  plan_id INTEGER REFERENCES plans (id) ON DELETE RESTRICT,"
  "  date TEXT NOT NULL,"
  "  items TEXT NOT NULL"
  "    CHECK (json_valid (items) AND json_type (items) = 'array'"
  "           AND json_array_length (items) = 42"
  "           AND length (replace (json (items), 'null', 'n')) = 85"
  "           AND replace (replace (replace (replace (replace (replace (replace ("
  "                 replace (json (items), 'null', ''), '0', ''), '1', ''), '2', ''), '3', ''),"
  "                 '4', ''), ',', ''), '[]', '') = ''),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX koos_by_patient ON koos (patient_id, date);",

  /* Version 6: the audit trail (issue 7). Every change the store makes writes one entry in the
   * same transaction, with the record as JSON before and after. The entries form a hash chain:
   * each hash is SHA-256 over the hash before it and the entry's own fields (genu-audit.c), so an
   * entry changed, removed or slipped in by hand breaks the chain at that entry. The triggers
   * refuse to change or delete an entry whatever writes to the file; the chain catches whoever
   * drops them. Changes made before version 6 have no entries. */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  therapist TEXT NOT NULL DEFAULT '',"
  "  action TEXT NOT NULL"
  "    CHECK (action IN ('create', 'update', 'archive', 'restore', 'sign', 'amend')),"
  "  record_kind TEXT NOT NULL"
  "    CHECK (record_kind IN ('patient', 'visit', 'plan', 'session', 'outcome', 'koos')),"
  "  record_id INTEGER NOT NULL,"
  "  patient_id INTEGER,"
  "  old_values TEXT CHECK (old_values IS NULL OR json_valid (old_values)),"
  "  new_values TEXT CHECK (new_values IS NULL OR json_valid (new_values)),"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL"
  ") STRICT;"
  "CREATE INDEX audit_log_by_patient ON audit_log (patient_id, id);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be changed');"
  "END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN"
  "  SELECT RAISE (ABORT, 'the audit trail cannot be deleted');"
  "END;",

  /* Version 7: the patient list at 100,000 patients (issue 8). The names are stored once more,
   * folded as the search folds them (genu_fold(): case, accents, and letters such as ł and ø
   * that Unicode does not decompose), so that the list order is read from an index (of all
   * patients, and of those not archived) instead of sorting every row. Genu writes the folded
   * names with the names; genu_fold() is Genu's own function, so no index or trigger calls it:
   * other programs could no longer check or change the file.
   *
   * A full-text index (FTS5) finds the patients with a word that begins with what was typed. It
   * holds the names, as written (the tokenizer folds case and accents) and folded (for ł, ø...),
   * and the record number and the date of birth each as one word without its "-", "/" and ".",
   * so that "G-0001" and "1990-04" are one prefix to look up rather than a phrase of common
   * words. It keeps no copy of the text (contentless): `patients` holds it. Its `status` column
   * holds U+E000, a private-use character no search is made of, for the archived patients: the
   * index alone counts the patients a search shows. The triggers keep it in step with every
   * insert, update and delete, whoever makes them, and the step fills it from the rows there.
   * The old index on the names is used by no query any more. */
  "ALTER TABLE patients ADD COLUMN family_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE patients ADD COLUMN given_key TEXT NOT NULL DEFAULT '';"
  "UPDATE patients SET family_key = genu_fold (family_name), given_key = genu_fold (given_names);"
  "DROP INDEX patients_by_name;"
  "CREATE INDEX patients_by_key ON patients (family_key, given_key);"
  "CREATE INDEX patients_active_by_key ON patients (family_key, given_key) WHERE archived = 0;"
  "CREATE INDEX patients_keys_by_id ON patients (id, family_key, given_key);"
  "CREATE VIRTUAL TABLE patients_fts USING fts5 ("
  "  family, given, record, birth, status,"
  "  content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
  ");"
  "INSERT INTO patients_fts (rowid, family, given, record, birth, status)"
  "  SELECT id, family_name || ' ' || family_key, given_names || ' ' || given_key,"
  "         replace (replace (replace (record_number, '-', ''), '/', ''), '.', ''),"
  "         replace (replace (replace (date_of_birth, '-', ''), '/', ''), '.', ''),"
  "         CASE archived WHEN 0 THEN '' ELSE char (57344) END"
  "  FROM patients;"
  "CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients BEGIN"
  "  INSERT INTO patients_fts (rowid, family, given, record, birth, status)"
  "    VALUES (NEW.id, NEW.family_name || ' ' || NEW.family_key,"
  "            NEW.given_names || ' ' || NEW.given_key,"
  "            replace (replace (replace (NEW.record_number, '-', ''), '/', ''), '.', ''),"
  "            replace (replace (replace (NEW.date_of_birth, '-', ''), '/', ''), '.', ''),"
  "            CASE NEW.archived WHEN 0 THEN '' ELSE char (57344) END);"
  "END;"
  "CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients BEGIN"
  "  INSERT INTO patients_fts (patients_fts, rowid, family, given, record, birth, status)"
  "    VALUES ('delete', OLD.id, OLD.family_name || ' ' || OLD.family_key,"
  "            OLD.given_names || ' ' || OLD.given_key,"
  "            replace (replace (replace (OLD.record_number, '-', ''), '/', ''), '.', ''),"
  "            replace (replace (replace (OLD.date_of_birth, '-', ''), '/', ''), '.', ''),"
  "            CASE OLD.archived WHEN 0 THEN '' ELSE char (57344) END);"
  "END;"
  "CREATE TRIGGER patients_fts_update"
  "  AFTER UPDATE OF id, family_name, given_names, family_key, given_key, record_number,"
  "                  date_of_birth, archived"
  "  ON patients BEGIN"
  "  INSERT INTO patients_fts (patients_fts, rowid, family, given, record, birth, status)"
  "    VALUES ('delete', OLD.id, OLD.family_name || ' ' || OLD.family_key,"
  "            OLD.given_names || ' ' || OLD.given_key,"
  "            replace (replace (replace (OLD.record_number, '-', ''), '/', ''), '.', ''),"
  "            replace (replace (replace (OLD.date_of_birth, '-', ''), '/', ''), '.', ''),"
  "            CASE OLD.archived WHEN 0 THEN '' ELSE char (57344) END);"
  "  INSERT INTO patients_fts (rowid, family, given, record, birth, status)"
  "    VALUES (NEW.id, NEW.family_name || ' ' || NEW.family_key,"
  "            NEW.given_names || ' ' || NEW.given_key,"
  "            replace (replace (replace (NEW.record_number, '-', ''), '/', ''), '.', ''),"
  "            replace (replace (replace (NEW.date_of_birth, '-', ''), '/', ''), '.', ''),"
  "            CASE NEW.archived WHEN 0 THEN '' ELSE char (57344) END);"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == GENU_STORE_SCHEMA_VERSION);

void
_genu_set_sqlite_error (GError     **error,
                        sqlite3     *db,
                        const char  *what)
{
  int code = sqlite3_errcode (db) & 0xff;  /* the primary code, also under extended codes */
  const char *reason = sqlite3_errmsg (db);

  /* What went wrong, SQLite's reason, and what to do next: the person reading this is a
   * therapist, not a database administrator. */
  switch (code)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      /* TRANSLATORS: %s says what was being done, then SQLite's reason */
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_A_DATABASE,
                   _("%s: the database is damaged (%s). Nothing was changed. Restore the latest "
                     "backup, and keep this file for your IT support."), what, reason);
      break;
    case SQLITE_FULL:
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DISK_FULL,
                   _("%s: the disk is full (%s). Nothing was saved, and what was saved before is "
                     "safe. Free some space and try again."), what, reason);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_BUSY,
                   _("%s: another program is using the database (%s). Close the other Genu "
                     "window or genu-cli, then try again."), what, reason);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION,
                   _("%s: the database cannot be written (%s). Check that the file and its "
                     "folder may be written by you, or open a copy of it."), what, reason);
      break;
    default:
      /* TRANSLATORS: the first %s says what was being done, the second is SQLite's reason */
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED, _("%s: %s"), what, reason);
      break;
    }
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

  /* Version 7 fills the search keys with genu_fold(), on whatever connection migrates. */
  if (from_version < to_version && !_genu_sqlite_add_functions (db, error))
    return FALSE;

  for (int version = from_version + 1; version <= to_version; version++)
    if (!migrate_step (db, version, error))
      return FALSE;

  return TRUE;
}
