/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-demo-private.h"
#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* The bulk path for sample data (genu-demo.c). It writes what genu_store_save_*() write for a
 * new record, with the same validation, but many records per transaction: one transaction per
 * record (and its fsync) would make 100,000 patients take many minutes. The normal saves are
 * untouched: the connection keeps its settings (WAL, synchronous = FULL). */

struct _GenuStoreBulk
{
  GenuStore *store;
  gboolean   in_transaction;
  char      *now;          /* created_at / updated_at and the audit time of this transaction */
  char      *last_hash;    /* the end of the audit chain */
  gint64     next_audit_id;
  GDate      today;
  gboolean   generate_record_numbers;
  GHashTable *reserved;    /* record numbers, folded to lower case, that generation skips */
};

static gboolean
begin (GenuStoreBulk  *bulk,
       GError        **error)
{
  if (!_genu_sqlite_exec (bulk->store->db, "BEGIN IMMEDIATE", error))
    return FALSE;
  bulk->in_transaction = TRUE;
  g_free (bulk->now);
  bulk->now = _genu_store_now_utc_iso8601 ();
  return TRUE;
}

static gboolean
read_chain_end (GenuStoreBulk  *bulk,
                GError        **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (bulk->store,
    "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  g_free (bulk->last_hash);
  if (rc == SQLITE_ROW)
    {
      bulk->next_audit_id = sqlite3_column_int64 (stmt, 0) + 1;
      bulk->last_hash = g_strdup (_genu_store_column_text (stmt, 1));
    }
  else
    {
      bulk->next_audit_id = 1;
      bulk->last_hash = g_strdup (GENU_AUDIT_FIRST_PREV_HASH);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, bulk->store->db, _("Could not read the audit trail"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _genu_store_bulk_begin:
 *
 * Opens the first transaction. Fails with %GENU_STORE_ERROR_INVALID, changing nothing, when the
 * database already holds a patient: sample data never mixes with real records.
 */
GenuStoreBulk *
_genu_store_bulk_begin (GenuStore  *store,
                        GError    **error)
{
  g_autoptr(GenuStoreBulk) bulk = g_new0 (GenuStoreBulk, 1);
  sqlite3_stmt *stmt;
  gboolean has_patients;

  g_return_val_if_fail (GENU_IS_STORE (store), NULL);

  bulk->store = g_object_ref (store);
  bulk->generate_record_numbers = FALSE;
  genu_date_set_today (&bulk->today);
  /* For the bulk only, put back in _genu_store_bulk_free(): a larger page cache, fewer checkpoints (every 64 MB of WAL), and no fsync
   * at each commit (synchronous = OFF). In WAL mode a crash of the program still loses nothing
   * committed; a power cut may lose the last transactions of sample data, in a file that held
   * no patient before. Normal saves keep synchronous = FULL. */
  if (!_genu_sqlite_exec (store->db, "PRAGMA cache_size = -65536", error) ||
      !_genu_sqlite_exec (store->db, "PRAGMA synchronous = OFF", error) ||
      !_genu_sqlite_exec (store->db, "PRAGMA wal_autocheckpoint = 16384", error))
    return NULL;
  if (!begin (bulk, error))
    return NULL;

  stmt = _genu_store_get_statement (store, "SELECT EXISTS (SELECT 1 FROM patients)", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _genu_set_sqlite_error (error, store->db, _("Could not read the database"));
      return NULL;
    }
  has_patients = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (has_patients)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   _("The database %s already holds patients, and sample data never mixes with "
                     "real records. Give the path of a new file instead."),
                   genu_store_get_path (store));
      return NULL;
    }

  if (!read_chain_end (bulk, error))
    return NULL;
  return g_steal_pointer (&bulk);
}

/**
 * _genu_store_bulk_begin_import:
 *
 * The bulk path for real records (genu-import.c): the database may already hold patients, the
 * connection keeps synchronous = FULL, and everything added lives in ONE transaction, committed
 * by _genu_store_bulk_commit() (call it once, at the end) or rolled back by
 * _genu_store_bulk_free(). A patient without a record number gets the next free one, as
 * genu_store_save_patient() gives it; a record number already used is refused with
 * %GENU_STORE_ERROR_DUPLICATE.
 */
GenuStoreBulk *
_genu_store_bulk_begin_import (GenuStore  *store,
                               GError    **error)
{
  g_autoptr(GenuStoreBulk) bulk = g_new0 (GenuStoreBulk, 1);

  g_return_val_if_fail (GENU_IS_STORE (store), NULL);

  bulk->store = g_object_ref (store);
  bulk->generate_record_numbers = TRUE;
  genu_date_set_today (&bulk->today);
  /* A larger page cache and fewer checkpoints while the one transaction grows; both put back
   * in _genu_store_bulk_free(). synchronous stays FULL: the commit is as safe as a save. */
  if (!_genu_sqlite_exec (store->db, "PRAGMA cache_size = -65536", error) ||
      !_genu_sqlite_exec (store->db, "PRAGMA wal_autocheckpoint = 16384", error) ||
      !begin (bulk, error) ||
      !read_chain_end (bulk, error))
    return NULL;
  return g_steal_pointer (&bulk);
}

/**
 * _genu_store_record_number_used:
 *
 * Sets @used to whether a patient of the database has @record_number.
 */
gboolean
_genu_store_record_number_used (GenuStore   *store,
                                const char  *record_number,
                                gboolean    *used,
                                GError     **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (store,
    "SELECT EXISTS (SELECT 1 FROM patients WHERE record_number = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_number, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _genu_set_sqlite_error (error, store->db, _("Could not read the database"));
      return FALSE;
    }
  *used = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * _genu_store_bulk_reserve_record_numbers:
 * @numbers: (element-type utf8 any): record numbers folded to ASCII lower case (keys)
 *
 * The record numbers that patients added later will bring: a generated one never takes them.
 */
void
_genu_store_bulk_reserve_record_numbers (GenuStoreBulk *bulk,
                                         GHashTable    *numbers)
{
  g_clear_pointer (&bulk->reserved, g_hash_table_unref);
  bulk->reserved = numbers != NULL ? g_hash_table_ref (numbers) : NULL;
}

/* As genu_store_next_record_number(), skipping the reserved numbers. */
static char *
generate_record_number (GenuStoreBulk  *bulk,
                        GError        **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (bulk->store,
    "SELECT COALESCE(MAX(id), 0) + 1 FROM patients", error);
  gint64 next;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _genu_set_sqlite_error (error, bulk->store->db, _("Could not read the database"));
      return NULL;
    }
  next = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (;; next++)
    {
      g_autofree char *candidate = g_strdup_printf ("G-%06" G_GINT64_FORMAT, next);
      g_autofree char *folded = g_ascii_strdown (candidate, -1);
      gboolean used;

      if (bulk->reserved != NULL && g_hash_table_contains (bulk->reserved, folded))
        continue;
      if (!_genu_store_record_number_used (bulk->store, candidate, &used, error))
        return NULL;
      if (!used)
        return g_steal_pointer (&candidate);
    }
}

gboolean
_genu_store_bulk_commit (GenuStoreBulk  *bulk,
                         GError        **error)
{
  if (!_genu_sqlite_exec (bulk->store->db, "COMMIT", error))
    return FALSE;
  bulk->in_transaction = FALSE;
  return begin (bulk, error);
}

void
_genu_store_bulk_free (GenuStoreBulk *bulk)
{
  if (bulk == NULL)
    return;
  if (bulk->in_transaction)
    sqlite3_exec (bulk->store->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (bulk->store->db, GENU_STORE_CACHE_SIZE_PRAGMA, NULL, NULL, NULL);
  sqlite3_exec (bulk->store->db, "PRAGMA wal_autocheckpoint = 1000", NULL, NULL, NULL);
  if (sqlite3_exec (bulk->store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not set synchronous = FULL again: %s", sqlite3_errmsg (bulk->store->db));
  g_clear_object (&bulk->store);
  g_clear_pointer (&bulk->reserved, g_hash_table_unref);
  g_free (bulk->now);
  g_free (bulk->last_hash);
  g_free (bulk);
}

/* The "create" entry of a new record, chained on the one before. @record is what the record's
 * to_json() writes, as genu_store_get_*() would read it back. */
static gboolean
audit_create (GenuStoreBulk  *bulk,
              const char     *record_kind,
              gint64          record_id,
              gint64          patient_id,
              const char     *therapist,
              JsonNode       *record,
              GError        **error)
{
  g_autoptr(GenuAuditEntry) entry = genu_audit_entry_new ();
  g_autoptr(JsonNode) owned = record;
  sqlite3_stmt *stmt;

  entry->id = bulk->next_audit_id;
  g_free (entry->at);
  entry->at = g_strdup (bulk->now);
  g_free (entry->therapist);
  entry->therapist = g_strdup (therapist != NULL && *therapist != '\0'
                               ? therapist : genu_store_get_therapist (bulk->store));
  entry->action = GENU_AUDIT_CREATE;
  g_free (entry->record_kind);
  entry->record_kind = g_strdup (record_kind);
  entry->record_id = record_id;
  entry->patient_id = patient_id;
  entry->new_values = json_to_string (owned, FALSE);
  g_free (entry->prev_hash);
  entry->prev_hash = g_strdup (bulk->last_hash);
  g_free (entry->hash);
  entry->hash = genu_audit_entry_compute_hash (entry);

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO audit_log (id, at, therapist, action, record_kind, record_id, patient_id,"
    " old_values, new_values, prev_hash, hash) VALUES"
    " (?1, ?2, ?3, 'create', ?4, ?5, NULLIF(?6, 0), NULL, ?7, ?8, ?9)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_text (stmt, 2, entry->at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->therapist, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entry->record_kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, entry->record_id);
  sqlite3_bind_int64 (stmt, 6, entry->patient_id);
  sqlite3_bind_text (stmt, 7, entry->new_values, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, entry->prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, entry->hash, -1, SQLITE_STATIC);
  if (!_genu_store_step_done (bulk->store, stmt, _("Could not write the audit trail"), error))
    return FALSE;

  bulk->next_audit_id++;
  g_free (bulk->last_hash);
  bulk->last_hash = g_steal_pointer (&entry->hash);
  return TRUE;
}

static gboolean
check_errors (GPtrArray  *errors,
              GError    **error)
{
  g_autoptr(GPtrArray) owned = errors;

  return _genu_store_check_field_errors (owned, error);
}

gboolean
_genu_store_bulk_add_patient (GenuStoreBulk  *bulk,
                              GenuPatient    *patient,
                              GError        **error)
{
  static const GenuPatientText texts[] = {
    GENU_PATIENT_RECORD_NUMBER, GENU_PATIENT_FAMILY_NAME, GENU_PATIENT_GIVEN_NAMES,
    GENU_PATIENT_DATE_OF_BIRTH, GENU_PATIENT_PHONE, GENU_PATIENT_EMAIL, GENU_PATIENT_ADDRESS,
    GENU_PATIENT_REFERRING_PHYSICIAN, GENU_PATIENT_NOTES, GENU_PATIENT_GOAL_EVENT,
    GENU_PATIENT_USUAL_SURFACE, GENU_PATIENT_SHOES, GENU_PATIENT_TRAINING_CHANGES,
  };
  double km = genu_patient_get_weekly_distance_km (patient);
  sqlite3_stmt *stmt;
  int param = 1;

  g_return_val_if_fail (genu_patient_get_id (patient) == 0, FALSE);

  genu_patient_strip_texts (patient);
  if (!check_errors (genu_patient_validate (patient, &bulk->today), error))
    return FALSE;

  if (bulk->generate_record_numbers)
    {
      const char *record_number = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);
      gboolean used = FALSE;

      if (*record_number == '\0')
        {
          g_autofree char *generated = generate_record_number (bulk, error);

          if (generated == NULL)
            return FALSE;
          genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, generated);
        }
      else if (!_genu_store_record_number_used (bulk->store, record_number, &used, error))
        {
          return FALSE;
        }
      if (used)
        {
          g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DUPLICATE,
                       _("The record number “%s” is already used by another patient. "
                         "Type a different one, or leave it empty to have one made."),
                       record_number);
          return FALSE;
        }
    }

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO patients (record_number, family_name, given_names, date_of_birth, phone, email,"
    " address, referring_physician, notes, goal_event, usual_surface, shoes, training_changes,"
    " sex, weekly_distance_km, years_running, archived, created_at, updated_at, family_key,"
    " given_key) VALUES"
    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18,"
    "  genu_fold (?2), genu_fold (?3))",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sqlite3_bind_text (stmt, param++, genu_patient_get_text (patient, texts[i]), -1,
                       SQLITE_STATIC);
  sqlite3_bind_text (stmt, param++, genu_sex_to_string (genu_patient_get_sex (patient)), -1,
                     SQLITE_STATIC);
  if (km == GENU_PATIENT_UNSET)
    sqlite3_bind_null (stmt, param++);
  else
    sqlite3_bind_double (stmt, param++, km);
  _genu_store_bind_int_or_null (stmt, param++, genu_patient_get_years_running (patient),
                                GENU_PATIENT_UNSET);
  sqlite3_bind_int (stmt, param++, !!genu_patient_get_archived (patient));
  sqlite3_bind_text (stmt, param, bulk->now, -1, SQLITE_STATIC);
  if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the patient"), error))
    return FALSE;

  genu_patient_set_id (patient, sqlite3_last_insert_rowid (bulk->store->db));
  genu_patient_set_timestamps (patient, bulk->now, bulk->now);
  return audit_create (bulk, "patient", genu_patient_get_id (patient),
                       genu_patient_get_id (patient), NULL, genu_patient_to_json (patient),
                       error);
}

static const char *
finding_state_to_string (GenuFindingState state)
{
  return state == GENU_FINDING_PRESENT ? "present"
       : state == GENU_FINDING_ABSENT ? "absent" : "number";
}

static gboolean
write_assessment (GenuStoreBulk  *bulk,
                  gint64          visit_id,
                  GenuAssessment *assessment,
                  GError        **error)
{
  GenuFindings *findings = genu_assessment_get_findings (assessment);
  g_auto(GStrv) ids = genu_findings_dup_ids (findings);
  sqlite3_stmt *stmt;

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO knee_assessments (visit_id, side, duration_weeks, mechanism, aggravating, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visit_id);
  sqlite3_bind_text (stmt, 2, genu_side_to_string (genu_assessment_get_side (assessment)), -1,
                     SQLITE_STATIC);
  _genu_store_bind_int_or_null (stmt, 3, genu_assessment_get_duration_weeks (assessment), -1);
  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    sqlite3_bind_text (stmt, 4 + i, genu_assessment_get_text (assessment, i), -1,
                       SQLITE_STATIC);
  if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO assessment_findings (visit_id, finding_id, state, number, grade)"
    " VALUES (?1, ?2, ?3, ?4, ?5)",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      double number = 0;
      GenuFindingState state = genu_findings_get (findings, ids[i], &number);

      sqlite3_bind_int64 (stmt, 1, visit_id);
      sqlite3_bind_text (stmt, 2, ids[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, finding_state_to_string (state), -1, SQLITE_STATIC);
      if (state == GENU_FINDING_NUMBER)
        sqlite3_bind_double (stmt, 4, number);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int (stmt, 5, genu_findings_get_grade (findings, ids[i]));
      if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the findings"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_genu_store_bulk_add_visit (GenuStoreBulk  *bulk,
                            GenuVisit      *visit,
                            GenuPatient    *patient,
                            GError        **error)
{
  GenuAssessment *assessment = genu_visit_get_assessment (visit);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (genu_visit_get_id (visit) == 0, FALSE);
  g_return_val_if_fail (genu_visit_get_patient_id (visit) == genu_patient_get_id (patient), FALSE);

  if (!check_errors (genu_visit_validate (visit, patient, genu_knowledge_base_get_default (),
                                          &bulk->today), error))
    return FALSE;

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO visits (patient_id, kind, date, therapist, subjective, objective, assessment,"
    " plan, diagnosis_id, diagnosis_name, diagnosis_icd10, created_at, updated_at) VALUES"
    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, genu_visit_get_patient_id (visit));
  sqlite3_bind_text (stmt, 2, genu_visit_kind_to_string (genu_visit_get_kind (visit)), -1,
                     SQLITE_STATIC);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    sqlite3_bind_text (stmt, 3 + i, genu_visit_get_text (visit, i), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3 + GENU_VISIT_N_TEXTS, bulk->now, -1, SQLITE_STATIC);
  if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the visit"), error))
    return FALSE;

  genu_visit_set_id (visit, sqlite3_last_insert_rowid (bulk->store->db));
  genu_visit_set_timestamps (visit, bulk->now, bulk->now);
  if (assessment != NULL && !write_assessment (bulk, genu_visit_get_id (visit), assessment, error))
    return FALSE;

  return audit_create (bulk, "visit", genu_visit_get_id (visit), genu_visit_get_patient_id (visit),
                       genu_visit_get_text (visit, GENU_VISIT_THERAPIST),
                       genu_visit_to_json (visit), error);
}

static char *
contraindications_to_json (GenuPlan *plan)
{
  const char * const *ids = genu_plan_get_contraindications (plan);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

gboolean
_genu_store_bulk_add_plan (GenuStoreBulk  *bulk,
                           GenuPlan       *plan,
                           GError        **error)
{
  g_autofree char *contraindications = NULL;
  GPtrArray *goals = genu_plan_get_goals (plan);
  const char *acknowledged_by = genu_plan_get_acknowledged_by (plan);
  sqlite3_stmt *stmt;
  int param = 2;

  g_return_val_if_fail (genu_plan_get_id (plan) == 0, FALSE);

  if (!check_errors (genu_plan_validate (plan, &bulk->today), error))
    return FALSE;

  contraindications = contraindications_to_json (plan);
  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO plans (patient_id, start_date, diagnosis_id, diagnosis_name, diagnosis_icd10,"
    " interventions, notes, frequency_per_week, duration_weeks, closed, screening_done,"
    " contraindications, acknowledged_by, acknowledged_at, created_at, updated_at) VALUES"
    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, genu_plan_get_patient_id (plan));
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    sqlite3_bind_text (stmt, param++, genu_plan_get_text (plan, i), -1, SQLITE_STATIC);
  _genu_store_bind_int_or_null (stmt, param++, genu_plan_get_frequency_per_week (plan), GENU_PLAN_UNSET);
  _genu_store_bind_int_or_null (stmt, param++, genu_plan_get_duration_weeks (plan), GENU_PLAN_UNSET);
  sqlite3_bind_int (stmt, param++, !!genu_plan_get_closed (plan));
  sqlite3_bind_int (stmt, param++, !!genu_plan_get_screening_done (plan));
  sqlite3_bind_text (stmt, param++, contraindications, -1, SQLITE_STATIC);
  if (*acknowledged_by == '\0')
    {
      sqlite3_bind_null (stmt, param++);
      sqlite3_bind_null (stmt, param++);
    }
  else
    {
      sqlite3_bind_text (stmt, param++, acknowledged_by, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, param++, genu_plan_get_acknowledged_at (plan), -1, SQLITE_STATIC);
    }
  sqlite3_bind_text (stmt, param, bulk->now, -1, SQLITE_STATIC);
  if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the plan"), error))
    return FALSE;
  genu_plan_set_id (plan, sqlite3_last_insert_rowid (bulk->store->db));
  genu_plan_set_timestamps (plan, bulk->now, bulk->now);

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO goals (plan_id, position, term, description, target_date, status)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < goals->len; i++)
    {
      const GenuGoal *goal = g_ptr_array_index (goals, i);

      sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, genu_goal_term_to_string (goal->term), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, goal->description, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, goal->target_date, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, genu_goal_status_to_string (goal->status), -1, SQLITE_STATIC);
      if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the goals"), error))
        return FALSE;
    }

  return audit_create (bulk, "plan", genu_plan_get_id (plan), genu_plan_get_patient_id (plan),
                       NULL, genu_plan_to_json (plan), error);
}

gboolean
_genu_store_bulk_add_session (GenuStoreBulk  *bulk,
                              GenuSession    *session,
                              GError        **error)
{
  GPtrArray *interventions = genu_session_get_interventions (session);
  sqlite3_stmt *stmt;
  int param = 3;

  g_return_val_if_fail (genu_session_get_id (session) == 0, FALSE);
  g_return_val_if_fail (genu_session_get_amends_id (session) == 0, FALSE);

  if (!check_errors (genu_session_validate (session, &bulk->today), error))
    return FALSE;

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO sessions (patient_id, plan_id, date, therapist, notes, amendment_reason,"
    " duration_minutes, pain_before, pain_after, created_at, updated_at)"
    " VALUES (?1, NULLIF(?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, genu_session_get_patient_id (session));
  sqlite3_bind_int64 (stmt, 2, genu_session_get_plan_id (session));
  sqlite3_bind_text (stmt, param++, genu_session_get_text (session, GENU_SESSION_DATE), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, param++, genu_session_get_text (session, GENU_SESSION_THERAPIST), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, param++, genu_session_get_text (session, GENU_SESSION_NOTES), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, param++, genu_session_get_text (session, GENU_SESSION_AMENDMENT_REASON), -1, SQLITE_STATIC);
  _genu_store_bind_int_or_null (stmt, param++, genu_session_get_duration_minutes (session), GENU_SESSION_UNSET);
  _genu_store_bind_int_or_null (stmt, param++, genu_session_get_pain_before (session), GENU_SESSION_UNSET);
  _genu_store_bind_int_or_null (stmt, param++, genu_session_get_pain_after (session), GENU_SESSION_UNSET);
  sqlite3_bind_text (stmt, param, bulk->now, -1, SQLITE_STATIC);
  if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the session"), error))
    return FALSE;
  genu_session_set_id (session, sqlite3_last_insert_rowid (bulk->store->db));
  genu_session_set_timestamps (session, bulk->now, bulk->now);

  stmt = _genu_store_get_statement (bulk->store,
    "INSERT INTO session_interventions (session_id, position, kind, details)"
    " VALUES (?1, ?2, ?3, ?4)",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (interventions, i);
      g_autoptr(JsonNode) node = genu_intervention_to_json (intervention);
      g_autofree char *details = json_to_string (node, FALSE);

      sqlite3_bind_int64 (stmt, 1, genu_session_get_id (session));
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, genu_intervention_kind_to_string (genu_intervention_get_kind (intervention)),
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, details, -1, SQLITE_TRANSIENT);
      if (!_genu_store_step_done (bulk->store, stmt, _("Could not save the interventions"), error))
        return FALSE;
    }

  return audit_create (bulk, "session", genu_session_get_id (session),
                       genu_session_get_patient_id (session),
                       genu_session_get_text (session, GENU_SESSION_THERAPIST),
                       genu_session_to_json (session), error);
}
