/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* Visits */

/* The columns of `visits` that a save writes, in the order visit_from_row() reads them: the
 * texts in GenuVisitText order from column 3. */
#define VISIT_COLUMNS \
  "id, patient_id, kind, date, therapist, subjective, objective, assessment, plan," \
  " diagnosis_id, diagnosis_name, diagnosis_icd10, created_at, updated_at"

/* What is read: those, then the signature and the amendment, which only signing and amending
 * write. */
#define VISIT_SELECT_COLUMNS \
  VISIT_COLUMNS ", signed_by, signed_at, amends_id, amendment_reason"

#define VISIT_COLUMN_FIRST_TEXT 3
#define VISIT_COLUMN_CREATED_AT (VISIT_COLUMN_FIRST_TEXT + GENU_VISIT_N_TEXTS)
#define VISIT_COLUMN_SIGNED_BY (VISIT_COLUMN_CREATED_AT + 2)

/* The texts that are one line (a date, a name, a code) lose their surrounding spaces when saved,
 * as a patient's do; the SOAP notes are kept exactly as typed. */
static const GenuVisitText visit_line_texts[] = {
  GENU_VISIT_DATE, GENU_VISIT_THERAPIST, GENU_VISIT_DIAGNOSIS_ID, GENU_VISIT_DIAGNOSIS_NAME,
  GENU_VISIT_DIAGNOSIS_ICD10,
};

static const char *
finding_state_to_string (GenuFindingState state)
{
  switch (state)
    {
    case GENU_FINDING_PRESENT:
      return "present";
    case GENU_FINDING_ABSENT:
      return "absent";
    case GENU_FINDING_NUMBER:
      return "number";
    case GENU_FINDING_NOT_TESTED:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
_genu_store_step_done (GenuStore     *self,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, what);
      return FALSE;
    }
  return TRUE;
}

/* Inserts a new visit row, or updates the one with @visit's id; gives a new visit its id, and
 * @created_at the row's creation time. */
static gboolean
write_visit_row (GenuStore   *self,
                 GenuVisit   *visit,
                 const char  *now,
                 char       **created_at,
                 GError     **error)
{
  gboolean is_new = genu_visit_get_id (visit) == 0;
  sqlite3_stmt *stmt;
  int rc;

  if (is_new)
    stmt = _genu_store_get_statement (self,
      "INSERT INTO visits (" VISIT_COLUMNS ") VALUES"
      " (NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE visits SET patient_id = ?2, kind = ?3, date = ?4, therapist = ?5,"
      " subjective = ?6, objective = ?7, assessment = ?8, plan = ?9, diagnosis_id = ?10,"
      " diagnosis_name = ?11, diagnosis_icd10 = ?12, updated_at = ?13"
      " WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_visit_get_id (visit));
  sqlite3_bind_int64 (stmt, 2, genu_visit_get_patient_id (visit));
  sqlite3_bind_text (stmt, 3, genu_visit_kind_to_string (genu_visit_get_kind (visit)), -1,
                     SQLITE_STATIC);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    sqlite3_bind_text (stmt, 4 + i, genu_visit_get_text (visit, i), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4 + GENU_VISIT_N_TEXTS, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the visit"));
      return FALSE;
    }

  if (is_new)
    {
      genu_visit_set_id (visit, sqlite3_last_insert_rowid (self->db));
      *created_at = g_strdup (now);
    }
  else if (*created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no visit with id %lld."),
                   (long long) genu_visit_get_id (visit));
      return FALSE;
    }

  return TRUE;
}

/* Replaces the knee assessment of @visit and all its findings by what @visit holds now. */
static gboolean
write_assessment (GenuStore  *self,
                  GenuVisit  *visit,
                  GError    **error)
{
  gint64 id = genu_visit_get_id (visit);
  GenuAssessment *assessment = genu_visit_get_assessment (visit);
  GenuFindings *findings;
  g_auto(GStrv) ids = NULL;
  sqlite3_stmt *stmt;
  int weeks;

  /* Explicitly, rather than by ON DELETE CASCADE: the rows go even where foreign keys are off. */
  stmt = _genu_store_get_statement (self, "DELETE FROM assessment_findings WHERE visit_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_genu_store_step_done (self, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  stmt = _genu_store_get_statement (self, "DELETE FROM knee_assessments WHERE visit_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_genu_store_step_done (self, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  if (assessment == NULL)
    return TRUE;

  stmt = _genu_store_get_statement (self,
    "INSERT INTO knee_assessments"
    " (visit_id, side, duration_weeks, mechanism, aggravating, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, genu_side_to_string (genu_assessment_get_side (assessment)), -1,
                     SQLITE_STATIC);
  weeks = genu_assessment_get_duration_weeks (assessment);
  if (weeks == -1)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_int (stmt, 3, weeks);
  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    sqlite3_bind_text (stmt, 4 + i, genu_assessment_get_text (assessment, i), -1,
                       SQLITE_TRANSIENT);
  if (!_genu_store_step_done (self, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  findings = genu_assessment_get_findings (assessment);
  ids = genu_findings_dup_ids (findings);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      double number = 0;
      GenuFindingState state = genu_findings_get (findings, ids[i], &number);

      stmt = _genu_store_get_statement (self,
        "INSERT INTO assessment_findings (visit_id, finding_id, state, number, grade)"
        " VALUES (?1, ?2, ?3, ?4, ?5)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, ids[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, finding_state_to_string (state), -1, SQLITE_STATIC);
      if (state == GENU_FINDING_NUMBER)
        sqlite3_bind_double (stmt, 4, number);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int (stmt, 5, genu_findings_get_grade (findings, ids[i]));
      if (!_genu_store_step_done (self, stmt, _("Could not save the findings"), error))
        return FALSE;
    }

  return TRUE;
}

/* Saves @visit as genu_store_save_visit() does; when @amends_id is not 0, @visit is a new visit
 * that amends the signed visit @amends_id for @reason (stripped, not empty). */
static gboolean
save_visit (GenuStore   *self,
            GenuVisit   *visit,
            gint64       amends_id,
            const char  *reason,
            GError     **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuVisit) work = NULL;
  g_auto(NoteState) state = { 0 };
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *created_at = NULL;
  g_autofree char *old_values = NULL;
  GenuAuditAction action;

  /* A signed note is refused for what it is before any rule it might break is reported; the
   * check is made again in the transaction. */
  if (genu_visit_get_id (visit) != 0 &&
      !_genu_store_check_unsigned (self, NOTE_VISIT, genu_visit_get_id (visit), &state, error))
    return FALSE;
  _genu_store_note_state_clear (&state);

  patient = genu_store_get_patient (self, genu_visit_get_patient_id (visit), error);
  if (patient == NULL)
    return FALSE;

  /* Work on a copy so that @visit only changes once all of it is saved. */
  work = genu_visit_copy (visit);
  for (guint i = 0; i < G_N_ELEMENTS (visit_line_texts); i++)
    {
      g_autofree char *stripped =
        g_strstrip (g_strdup (genu_visit_get_text (work, visit_line_texts[i])));
      genu_visit_set_text (work, visit_line_texts[i], stripped);
    }

  errors = genu_visit_validate (work, patient, genu_knowledge_base_get_default (), NULL);
  if (!_genu_store_check_field_errors (errors, error))
    return FALSE;

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if ((genu_visit_get_id (work) != 0 &&
       !_genu_store_check_unsigned (self, NOTE_VISIT, genu_visit_get_id (work), &state, error)) ||
      (amends_id != 0 &&
       !_genu_store_check_amendable (self, NOTE_VISIT, amends_id, genu_visit_get_patient_id (work), error)))
    goto rollback;

  /* The audit trail keeps the visit as it was; an amendment, the signed note it corrects. */
  if (amends_id != 0 || genu_visit_get_id (work) != 0)
    {
      old_values = _genu_store_audit_read_record (self, "visit",
                                                  amends_id != 0 ? amends_id
                                                                 : genu_visit_get_id (work),
                                                  error);
      if (old_values == NULL)
        goto rollback;
    }
  action = amends_id != 0 ? GENU_AUDIT_AMEND
         : genu_visit_get_id (work) != 0 ? GENU_AUDIT_UPDATE : GENU_AUDIT_CREATE;

  if (!write_visit_row (self, work, now, &created_at, error) ||
      !write_assessment (self, work, error))
    goto rollback;

  if (amends_id != 0)
    {
      sqlite3_stmt *stmt = _genu_store_get_statement (self,
        "UPDATE visits SET amends_id = ?2, amendment_reason = ?3 WHERE id = ?1", error);

      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, genu_visit_get_id (work));
      sqlite3_bind_int64 (stmt, 2, amends_id);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
      if (!_genu_store_step_done (self, stmt, _("Could not save the amendment"), error))
        goto rollback;
    }

  if (!_genu_store_audit (self, action, "visit", genu_visit_get_id (work),
                          genu_visit_get_patient_id (work),
                          genu_visit_get_text (work, GENU_VISIT_THERAPIST), old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  genu_visit_set_id (visit, genu_visit_get_id (work));
  for (guint i = 0; i < G_N_ELEMENTS (visit_line_texts); i++)
    genu_visit_set_text (visit, visit_line_texts[i],
                         genu_visit_get_text (work, visit_line_texts[i]));
  genu_visit_set_timestamps (visit, created_at, now);
  /* As the row has it now: unsigned (a signed one is refused), and the amendment it was saved as,
   * or kept from before. */
  genu_visit_set_signature (visit, NULL, NULL);
  if (amends_id != 0)
    {
      genu_visit_set_amends_id (visit, amends_id);
      genu_visit_set_amendment_reason (visit, reason);
    }
  else
    {
      genu_visit_set_amends_id (visit, state.amends_id);
      genu_visit_set_amendment_reason (visit, state.amendment_reason);
    }
  g_debug ("Saved visit %" G_GINT64_FORMAT, genu_visit_get_id (visit));
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * genu_store_save_visit:
 * @visit: a new visit (id 0) or a changed one, with its knee assessment or none
 *
 * Validates @visit against its patient and the built-in knowledge base, then saves the visit, its
 * knee assessment and every finding in one transaction: all of it or nothing. The findings and
 * assessment saved before are replaced, so a finding cleared since is gone. A new visit gets its
 * id; both get their timestamps. On failure @visit is left as it was. A signed visit is refused
 * with %GENU_STORE_ERROR_SIGNED: amend it instead (genu_store_amend_visit()).
 *
 * The signature, amends_id and amendment reason of @visit are not written: only signing and
 * amending set them. A new visit whose amends_id is set is saved as genu_store_amend_visit()
 * saves it, with its amendment reason.
 */
gboolean
genu_store_save_visit (GenuStore  *self,
                       GenuVisit  *visit,
                       GError    **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_VISIT (visit), FALSE);

  if (genu_visit_get_id (visit) == 0 && genu_visit_get_amends_id (visit) != 0)
    return genu_store_amend_visit (self, genu_visit_get_amends_id (visit), visit,
                                   genu_visit_get_amendment_reason (visit), error);

  return save_visit (self, visit, 0, NULL, error);
}

static GenuVisit *
visit_from_row (sqlite3_stmt *stmt)
{
  GenuVisit *visit = genu_visit_new ();
  GenuVisitKind kind = GENU_VISIT_INITIAL_EVALUATION;

  genu_visit_set_id (visit, sqlite3_column_int64 (stmt, 0));
  genu_visit_set_patient_id (visit, sqlite3_column_int64 (stmt, 1));
  genu_visit_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  genu_visit_set_kind (visit, kind);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    genu_visit_set_text (visit, i,
                         (const char *) sqlite3_column_text (stmt, VISIT_COLUMN_FIRST_TEXT + i));
  genu_visit_set_timestamps (visit,
                             (const char *) sqlite3_column_text (stmt, VISIT_COLUMN_CREATED_AT),
                             (const char *) sqlite3_column_text (stmt,
                                                                VISIT_COLUMN_CREATED_AT + 1));
  genu_visit_set_signature (visit,
                            (const char *) sqlite3_column_text (stmt, VISIT_COLUMN_SIGNED_BY),
                            (const char *) sqlite3_column_text (stmt,
                                                                VISIT_COLUMN_SIGNED_BY + 1));
  genu_visit_set_amends_id (visit, sqlite3_column_int64 (stmt, VISIT_COLUMN_SIGNED_BY + 2));
  genu_visit_set_amendment_reason (visit,
                                   (const char *) sqlite3_column_text (stmt,
                                                                      VISIT_COLUMN_SIGNED_BY + 3));
  return visit;
}

static gboolean
read_findings (GenuStore     *self,
               gint64         visit_id,
               GenuFindings  *findings,
               GError       **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT finding_id, state, number, grade FROM assessment_findings WHERE visit_id = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *state = (const char *) sqlite3_column_text (stmt, 1);
      int grade = sqlite3_column_int (stmt, 3);

      if (g_str_equal (state, "number"))
        {
          genu_findings_set_number (findings, id, sqlite3_column_double (stmt, 2));
        }
      else
        {
          gboolean present = g_str_equal (state, "present");

          genu_findings_set_bool (findings, id, present);
          /* Only a present finding has a grade (genu_findings_set_grade()). */
          if (present && grade > 0)
            genu_findings_set_grade (findings, id, grade);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the findings"));
      return FALSE;
    }
  return TRUE;
}

/* Gives @visit its knee assessment and findings as stored, or none. */
static gboolean
read_assessment (GenuStore  *self,
                 GenuVisit  *visit,
                 GError    **error)
{
  g_autoptr(GenuAssessment) assessment = NULL;
  gint64 id = genu_visit_get_id (visit);
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT side, duration_weeks, mechanism, aggravating, notes"
    " FROM knee_assessments WHERE visit_id = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      GenuSide side = GENU_SIDE_UNKNOWN;

      assessment = genu_assessment_new ();
      genu_side_from_string ((const char *) sqlite3_column_text (stmt, 0), &side);
      genu_assessment_set_side (assessment, side);
      genu_assessment_set_duration_weeks (assessment,
                                          sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                            ? -1 : sqlite3_column_int (stmt, 1));
      for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
        genu_assessment_set_text (assessment, i, (const char *) sqlite3_column_text (stmt, 2 + i));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the knee assessment"));
      return FALSE;
    }
  if (assessment == NULL)
    return TRUE;

  if (!read_findings (self, id, genu_assessment_get_findings (assessment), error))
    return FALSE;

  genu_visit_set_assessment (visit, assessment);
  return TRUE;
}

/* A visit and its assessment are read by several statements: one read transaction makes them
 * one snapshot, even while another process saves. */
gboolean
_genu_store_begin_read (GenuStore  *self,
                        GError    **error)
{
  /* Inside a transaction already (the audit trail reads a record while saving it): that one is
   * the snapshot, and it is not ours to end. */
  if (!sqlite3_get_autocommit (self->db))
    {
      self->nested_reads++;
      return TRUE;
    }
  return _genu_sqlite_exec (self->db, "BEGIN", error);
}

void
_genu_store_end_read (GenuStore *self)
{
  if (self->nested_reads > 0)
    {
      self->nested_reads--;
      return;
    }
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

/**
 * genu_store_get_visit:
 *
 * Returns: (transfer full): the visit with its knee assessment and findings, or %NULL with
 * %GENU_STORE_ERROR_NOT_FOUND
 */
GenuVisit *
genu_store_get_visit (GenuStore  *self,
                      gint64      id,
                      GError    **error)
{
  g_autoptr(GenuVisit) visit = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
                                    "SELECT " VISIT_SELECT_COLUMNS " FROM visits WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    visit = visit_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no visit with id %lld."), (long long) id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the visit"));
  sqlite3_reset (stmt);

  if (visit != NULL && !read_assessment (self, visit, error))
    g_clear_object (&visit);

out:
  _genu_store_end_read (self);
  return g_steal_pointer (&visit);
}

/**
 * genu_store_list_visits:
 *
 * Returns: (transfer full) (element-type GenuVisit): the visits of the patient, each with its
 * knee assessment, newest first: by date, then by id for visits of the same day. Empty for a
 * patient without visits, or for an unknown id.
 */
GPtrArray *
genu_store_list_visits (GenuStore  *self,
                        gint64      patient_id,
                        GError    **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
    "SELECT " VISIT_SELECT_COLUMNS " FROM visits WHERE patient_id = ?1 ORDER BY date DESC, id DESC",
    error);
  if (stmt == NULL)
    {
      _genu_store_end_read (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (visits, visit_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the visits"));
      ok = FALSE;
    }

  for (guint i = 0; ok && i < visits->len; i++)
    ok = read_assessment (self, g_ptr_array_index (visits, i), error);

  _genu_store_end_read (self);
  return ok ? g_steal_pointer (&visits) : NULL;
}

/**
 * genu_store_sign_visit:
 * @signed_by: the name of the therapist who signs
 *
 * Signs the visit: from now on it, its knee assessment and its findings cannot be changed or
 * deleted, only amended (genu_store_amend_visit()). A visit that is already signed is refused
 * with %GENU_STORE_ERROR_SIGNED, saying by whom and when. Read the signature with
 * genu_store_get_visit_signature().
 */
gboolean
genu_store_sign_visit (GenuStore   *self,
                       gint64       id,
                       const char  *signed_by,
                       GError     **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  return _genu_store_sign_note (self, NOTE_VISIT, id, signed_by, error);
}

/**
 * genu_store_get_visit_signature:
 * @signed_by: (out) (optional): who signed the visit, "" when unsigned
 * @signed_at: (out) (optional): when, as UTC ISO 8601, "" when unsigned
 * @amends_id: (out) (optional): the signed visit this one amends, 0 when none
 * @amendment_reason: (out) (optional): why, "" when not an amendment
 *
 * The signature and the amendment of a visit, as genu_store_get_visit() also gives them
 * (genu_visit_get_signed_by(), ...), without reading the whole visit.
 *
 * Returns: %FALSE with %GENU_STORE_ERROR_NOT_FOUND when there is no such visit
 */
gboolean
genu_store_get_visit_signature (GenuStore  *self,
                                gint64      id,
                                char      **signed_by,
                                char      **signed_at,
                                gint64     *amends_id,
                                char      **amendment_reason,
                                GError    **error)
{
  g_auto(NoteState) state = { 0 };

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  if (!_genu_store_read_note (self, NOTE_VISIT, id, &state, error))
    return FALSE;

  if (signed_by != NULL)
    *signed_by = g_strdup (state.signed_by != NULL ? state.signed_by : "");
  if (signed_at != NULL)
    *signed_at = g_strdup (state.signed_at != NULL ? state.signed_at : "");
  if (amends_id != NULL)
    *amends_id = state.amends_id;
  if (amendment_reason != NULL)
    *amendment_reason = g_strdup (state.amendment_reason);
  return TRUE;
}

/**
 * genu_store_amend_visit:
 * @original_id: the signed visit to correct
 * @amendment: a new visit (id 0) with the corrected note; its patient is the original's
 * @reason: why the original is amended (required)
 *
 * Saves @amendment as a new visit that amends @original_id, as genu_store_save_visit() saves a
 * visit and in the same transaction. The original stays as it was signed. Refused with
 * %GENU_STORE_ERROR_INVALID when the original is not signed (change it instead), belongs to
 * another patient, or @reason is empty.
 */
gboolean
genu_store_amend_visit (GenuStore   *self,
                        gint64       original_id,
                        GenuVisit   *amendment,
                        const char  *reason,
                        GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_VISIT (amendment), FALSE);

  if (genu_visit_get_id (amendment) != 0)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("An amendment is a new note: it cannot be a visit saved before."));
      return FALSE;
    }

  stripped = _genu_store_check_amendment_reason (reason, error);
  if (stripped == NULL)
    return FALSE;

  return save_visit (self, amendment, original_id, stripped, error);
}

/**
 * genu_store_list_visit_amendments:
 *
 * Returns: (transfer full) (element-type GenuVisit): the visits that amend @visit_id, each with
 * its knee assessment, oldest first. Empty when there are none.
 */
GPtrArray *
genu_store_list_visit_amendments (GenuStore  *self,
                                  gint64      visit_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
    "SELECT " VISIT_SELECT_COLUMNS " FROM visits WHERE amends_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    {
      _genu_store_end_read (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, visit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (visits, visit_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the amendments"));
      ok = FALSE;
    }

  for (guint i = 0; ok && i < visits->len; i++)
    ok = read_assessment (self, g_ptr_array_index (visits, i), error);

  _genu_store_end_read (self);
  return ok ? g_steal_pointer (&visits) : NULL;
}

