/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* Treatment sessions */

/* Every column of `sessions`, in the order session_from_row() reads them. */
#define SESSION_COLUMNS \
  "id, patient_id, plan_id, date, therapist, notes, amendment_reason, duration_minutes," \
  " pain_before, pain_after, signed_by, signed_at, amends_id, created_at, updated_at"

/* The texts of a session in the order of SESSION_COLUMNS, from column 3. */
static const GenuSessionText session_text_order[] = {
  GENU_SESSION_DATE, GENU_SESSION_THERAPIST, GENU_SESSION_NOTES, GENU_SESSION_AMENDMENT_REASON,
};
G_STATIC_ASSERT (G_N_ELEMENTS (session_text_order) == GENU_SESSION_N_TEXTS);

#define SESSION_COLUMN_FIRST_TEXT 3
#define SESSION_COLUMN_DURATION (SESSION_COLUMN_FIRST_TEXT + GENU_SESSION_N_TEXTS)

/* The texts of a session that are one line lose their surrounding spaces when saved; the notes
 * are kept as typed. */
static const GenuSessionText session_line_texts[] = {
  GENU_SESSION_DATE, GENU_SESSION_THERAPIST, GENU_SESSION_AMENDMENT_REASON,
};

static GenuSession *
session_from_row (sqlite3_stmt *stmt)
{
  GenuSession *session = genu_session_new ();
  int col = SESSION_COLUMN_DURATION;

  genu_session_set_id (session, sqlite3_column_int64 (stmt, 0));
  genu_session_set_patient_id (session, sqlite3_column_int64 (stmt, 1));
  genu_session_set_plan_id (session, sqlite3_column_int64 (stmt, 2));
  for (guint i = 0; i < G_N_ELEMENTS (session_text_order); i++)
    genu_session_set_text (session, session_text_order[i],
                           _genu_store_column_text (stmt, SESSION_COLUMN_FIRST_TEXT + i));
  genu_session_set_duration_minutes (session, _genu_store_column_int_or (stmt, col++, GENU_SESSION_UNSET));
  genu_session_set_pain_before (session, _genu_store_column_int_or (stmt, col++, GENU_SESSION_UNSET));
  genu_session_set_pain_after (session, _genu_store_column_int_or (stmt, col++, GENU_SESSION_UNSET));
  genu_session_set_signature (session, _genu_store_column_text (stmt, col), _genu_store_column_text (stmt, col + 1));
  col += 2;
  genu_session_set_amends_id (session, sqlite3_column_int64 (stmt, col++));
  genu_session_set_timestamps (session, _genu_store_column_text (stmt, col), _genu_store_column_text (stmt, col + 1));
  return session;
}

/* Inserts a new session row, or updates the one with @session's id; gives a new session its id,
 * and @created_at the row's creation time. The signature is never written here. */
static gboolean
write_session_row (GenuStore    *self,
                   GenuSession  *session,
                   const char   *now,
                   char        **created_at,
                   GError      **error)
{
  gboolean is_new = genu_session_get_id (session) == 0;
  sqlite3_stmt *stmt;
  int param = SESSION_COLUMN_FIRST_TEXT + 1;
  int rc;

  if (is_new)
    stmt = _genu_store_get_statement (self,
      "INSERT INTO sessions (id, patient_id, plan_id, date, therapist, notes, amendment_reason,"
      " duration_minutes, pain_before, pain_after, amends_id, created_at, updated_at)"
      " VALUES (NULL, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULLIF(?11, 0), ?12, ?12)",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE sessions SET patient_id = ?2, plan_id = NULLIF(?3, 0), date = ?4, therapist = ?5,"
      " notes = ?6, amendment_reason = ?7, duration_minutes = ?8, pain_before = ?9,"
      " pain_after = ?10, amends_id = NULLIF(?11, 0), updated_at = ?12"
      " WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_session_get_id (session));
  sqlite3_bind_int64 (stmt, 2, genu_session_get_patient_id (session));
  sqlite3_bind_int64 (stmt, 3, genu_session_get_plan_id (session));
  for (guint i = 0; i < G_N_ELEMENTS (session_text_order); i++)
    sqlite3_bind_text (stmt, param++, genu_session_get_text (session, session_text_order[i]), -1,
                       SQLITE_TRANSIENT);
  _genu_store_bind_int_or_null (stmt, param++, genu_session_get_duration_minutes (session),
                                GENU_SESSION_UNSET);
  _genu_store_bind_int_or_null (stmt, param++, genu_session_get_pain_before (session), GENU_SESSION_UNSET);
  _genu_store_bind_int_or_null (stmt, param++, genu_session_get_pain_after (session), GENU_SESSION_UNSET);
  sqlite3_bind_int64 (stmt, param++, genu_session_get_amends_id (session));
  sqlite3_bind_text (stmt, param, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the session"));
      return FALSE;
    }

  if (is_new)
    {
      genu_session_set_id (session, sqlite3_last_insert_rowid (self->db));
      *created_at = g_strdup (now);
    }
  else if (*created_at == NULL)
    {
      _genu_store_set_note_not_found (error, NOTE_SESSION, genu_session_get_id (session));
      return FALSE;
    }

  return TRUE;
}

/* Replaces the interventions of @session by what @session holds now, in its order: each as its
 * genu_intervention_to_json(). */
static gboolean
write_interventions (GenuStore    *self,
                     GenuSession  *session,
                     GError      **error)
{
  GPtrArray *interventions = genu_session_get_interventions (session);
  gint64 id = genu_session_get_id (session);
  sqlite3_stmt *stmt;

  stmt = _genu_store_get_statement (self, "DELETE FROM session_interventions WHERE session_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_genu_store_step_done (self, stmt, _("Could not save the interventions"), error))
    return FALSE;

  for (guint i = 0; i < interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (interventions, i);
      GenuInterventionKind kind = genu_intervention_get_kind (intervention);
      g_autoptr(JsonNode) node = genu_intervention_to_json (intervention);
      g_autofree char *details = json_to_string (node, FALSE);

      stmt = _genu_store_get_statement (self,
        "INSERT INTO session_interventions (session_id, position, kind, details)"
        " VALUES (?1, ?2, ?3, ?4)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, genu_intervention_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, details, -1, SQLITE_TRANSIENT);
      if (!_genu_store_step_done (self, stmt, _("Could not save the interventions"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_iastm (GenuSession *session)
{
  GPtrArray *interventions = genu_session_get_interventions (session);

  for (guint i = 0; i < interventions->len; i++)
    if (genu_intervention_get_kind (g_ptr_array_index (interventions, i)) ==
        GENU_INTERVENTION_IASTM)
      return TRUE;
  return FALSE;
}

/* The rules of a session that need the database: its patient exists; its plan, if any, is one of
 * the patient's, and does not forbid IASTM (a contraindication answered yes and not
 * acknowledged). */
static gboolean
check_session_context (GenuStore    *self,
                       GenuSession  *session,
                       GError      **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GenuPlan) plan = NULL;
  gint64 patient_id = genu_session_get_patient_id (session);

  patient = genu_store_get_patient (self, patient_id, error);
  if (patient == NULL)
    return FALSE;

  if (!_genu_store_check_plan_of_patient (self, genu_session_get_plan_id (session), patient_id, &plan, error))
    return FALSE;

  if (plan != NULL && has_iastm (session) && genu_plan_screening_blocks (plan))
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "interventions",
                   _("The IASTM screening of this plan found a contraindication that nobody "
                     "acknowledged: acknowledge it in the plan, or record no IASTM."));
      return FALSE;
    }

  return TRUE;
}

/* Writes a validated session in one transaction; see genu_store_save_session(). */
static gboolean
write_session (GenuStore    *self,
               GenuSession  *work,
               const char   *now,
               char        **created_at,
               GError      **error)
{
  gint64 id = genu_session_get_id (work);
  gint64 amends_id = genu_session_get_amends_id (work);
  g_auto(NoteState) stored = { 0 };
  g_autofree char *old_values = NULL;
  GenuAuditAction action = id != 0 ? GENU_AUDIT_UPDATE
                         : amends_id != 0 ? GENU_AUDIT_AMEND : GENU_AUDIT_CREATE;

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (id != 0 && !_genu_store_check_unsigned (self, NOTE_SESSION, id, &stored, error))
    goto rollback;

  /* An amendment stays the amendment of the note it corrects, and a note never becomes one. */
  if (id != 0 && stored.amends_id != amends_id)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "amends_id",
                   _("A saved session cannot become the amendment of another note, or stop "
                     "being one."));
      goto rollback;
    }

  if (amends_id != 0 && (amends_id == id ||
                         !_genu_store_check_amendable (self, NOTE_SESSION, amends_id,
                                                       genu_session_get_patient_id (work), error)))
    {
      if (amends_id == id)
        g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                             _("A session note cannot amend itself."));
      goto rollback;
    }

  /* The audit trail keeps the session as it was; a new amendment, the signed note it
   * corrects. */
  if (action != GENU_AUDIT_CREATE)
    {
      old_values = _genu_store_audit_read_record (self, "session",
                                                  action == GENU_AUDIT_AMEND ? amends_id : id,
                                                  error);
      if (old_values == NULL)
        goto rollback;
    }

  if (!write_session_row (self, work, now, created_at, error) ||
      !write_interventions (self, work, error) ||
      !_genu_store_audit (self, action, "session", genu_session_get_id (work),
                          genu_session_get_patient_id (work),
                          genu_session_get_text (work, GENU_SESSION_THERAPIST), old_values,
                          error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * genu_store_save_session:
 * @session: a new session (id 0) or a changed unsigned one, with its interventions
 *
 * Validates @session (genu_session_validate(): %GENU_STORE_ERROR_INVALID, each broken rule on a
 * line as "field: message"; its plan must be one of the patient's, and must not forbid IASTM),
 * then saves the session row and every intervention (as genu_intervention_to_json()) in one
 * transaction: all of it or nothing. The interventions saved before are replaced. A signed
 * session is refused with %GENU_STORE_ERROR_SIGNED ("add an amendment instead"). A session whose
 * amends_id is set is an amendment: see genu_store_amend_session(). The signature is never
 * saved from @session: only genu_store_sign_session() signs. A new session gets its id; both get
 * their timestamps. On failure @session is left as it was.
 */
gboolean
genu_store_save_session (GenuStore    *self,
                         GenuSession  *session,
                         GError      **error)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuSession) work = NULL;
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *created_at = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_SESSION (session), FALSE);

  /* A signed note is refused for what it is before any rule it might break is reported; the
   * check is made again in the transaction. */
  if (genu_session_get_id (session) != 0)
    {
      g_auto(NoteState) stored = { 0 };

      if (!_genu_store_check_unsigned (self, NOTE_SESSION, genu_session_get_id (session), &stored, error))
        return FALSE;
    }

  /* Work on a copy so that @session only changes once all of it is saved. */
  work = genu_session_copy (session);
  for (guint i = 0; i < G_N_ELEMENTS (session_line_texts); i++)
    {
      g_autofree char *stripped = _genu_store_strip_copy (genu_session_get_text (work, session_line_texts[i]));
      genu_session_set_text (work, session_line_texts[i], stripped);
    }

  errors = genu_session_validate (work, NULL);
  if (!_genu_store_check_field_errors (errors, error))
    return FALSE;

  if (!check_session_context (self, work, error) ||
      !write_session (self, work, now, &created_at, error))
    return FALSE;

  genu_session_set_id (session, genu_session_get_id (work));
  for (guint i = 0; i < G_N_ELEMENTS (session_line_texts); i++)
    genu_session_set_text (session, session_line_texts[i],
                           genu_session_get_text (work, session_line_texts[i]));
  genu_session_set_signature (session, "", "");
  genu_session_set_timestamps (session, created_at, now);
  g_debug ("Saved session %" G_GINT64_FORMAT, genu_session_get_id (session));
  return TRUE;
}

/* Gives @session its interventions as stored, in order. */
static gboolean
read_interventions (GenuStore    *self,
                    GenuSession  *session,
                    GError      **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT details FROM session_interventions WHERE session_id = ?1 ORDER BY position", error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_session_get_id (session));
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) node = json_from_string (_genu_store_column_text (stmt, 0), &local_error);
      g_autoptr(GenuIntervention) intervention = NULL;

      if (node != NULL)
        intervention = genu_intervention_new_from_json (node, &local_error);
      if (intervention == NULL)
        {
          g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED,
                       _("Could not read an intervention of session %lld: %s"),
                       (long long) genu_session_get_id (session), local_error->message);
          ok = FALSE;
          break;
        }
      genu_session_add_intervention (session, intervention);
    }
  sqlite3_reset (stmt);

  if (ok && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the interventions"));
      ok = FALSE;
    }
  return ok;
}

/* Reads the sessions @stmt selects (SESSION_COLUMNS), each with its interventions, into
 * @sessions. */
static gboolean
read_sessions (GenuStore     *self,
               sqlite3_stmt  *stmt,
               GPtrArray     *sessions,
               GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sessions, session_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the sessions"));
      return FALSE;
    }

  for (guint i = 0; i < sessions->len; i++)
    if (!read_interventions (self, g_ptr_array_index (sessions, i), error))
      return FALSE;

  return TRUE;
}

/**
 * genu_store_get_session:
 *
 * Returns: (transfer full): the session with its interventions, signature and amendment, or
 * %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuSession *
genu_store_get_session (GenuStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  _genu_store_end_read (self);

  if (!ok)
    return NULL;
  if (sessions->len == 0)
    {
      _genu_store_set_note_not_found (error, NOTE_SESSION, id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (sessions, 0));
}

/**
 * genu_store_list_sessions:
 *
 * Returns: (transfer full) (element-type GenuSession): the sessions of the patient, amendments
 * included, each with its interventions, newest first: by date, then by id for sessions of the
 * same day. Empty for a patient without sessions, or an unknown id.
 */
GPtrArray *
genu_store_list_sessions (GenuStore  *self,
                          gint64      patient_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
    "SELECT " SESSION_COLUMNS " FROM sessions WHERE patient_id = ?1"
    " ORDER BY date DESC, id DESC",
    error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, patient_id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  _genu_store_end_read (self);

  return ok ? g_steal_pointer (&sessions) : NULL;
}

/**
 * genu_store_get_last_session:
 * @plan_id: the plan the session belongs to, or 0 for the newest session in any plan or none
 *
 * The session to start "repeat last session" from (genu_session_repeat()): the newest by date,
 * then by id, so that an amendment made the same day wins over the note it corrects.
 *
 * Returns: (transfer full) (nullable): the session with its interventions, or %NULL, without an
 * error, when the patient has none (in that plan)
 */
GenuSession *
genu_store_get_last_session (GenuStore  *self,
                             gint64      patient_id,
                             gint64      plan_id,
                             GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
    "SELECT " SESSION_COLUMNS " FROM sessions WHERE patient_id = ?1 AND (?2 = 0 OR plan_id = ?2)"
    " ORDER BY date DESC, id DESC LIMIT 1",
    error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, patient_id);
      sqlite3_bind_int64 (stmt, 2, plan_id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  _genu_store_end_read (self);

  if (!ok || sessions->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (sessions, 0));
}

/**
 * genu_store_sign_session:
 * @signed_by: the name of the therapist who signs
 *
 * Signs the session now: from then on it and its interventions cannot be changed or deleted,
 * only amended (genu_store_amend_session()). A session that is already signed is refused with
 * %GENU_STORE_ERROR_SIGNED, saying by whom and when; an empty @signed_by with
 * %GENU_STORE_ERROR_INVALID. Read the session again (genu_store_get_session()) for its signature.
 */
gboolean
genu_store_sign_session (GenuStore   *self,
                         gint64       id,
                         const char  *signed_by,
                         GError     **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  return _genu_store_sign_note (self, NOTE_SESSION, id, signed_by, error);
}

/**
 * genu_store_amend_session:
 * @original_id: the signed session to correct
 * @amendment: a new session (id 0) with the corrected note; its patient (0 = the original's)
 *   must be the original's
 * @reason: why the original is amended (required)
 *
 * Saves @amendment as a new session that amends @original_id, as genu_store_save_session() saves
 * a session: its amends_id and amendment reason are set on @amendment. The original stays as it
 * was signed. Refused with %GENU_STORE_ERROR_INVALID when the original is not signed (change it
 * instead), belongs to another patient, or @reason is empty; @amendment is then left as it was.
 */
gboolean
genu_store_amend_session (GenuStore    *self,
                          gint64        original_id,
                          GenuSession  *amendment,
                          const char   *reason,
                          GError      **error)
{
  g_autoptr(GenuSession) work = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_SESSION (amendment), FALSE);

  if (genu_session_get_id (amendment) != 0)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("An amendment is a new note: it cannot be a session saved before."));
      return FALSE;
    }

  stripped = _genu_store_check_amendment_reason (reason, error);
  if (stripped == NULL)
    return FALSE;

  work = genu_session_copy (amendment);
  if (genu_session_get_patient_id (work) == 0)
    {
      g_auto(NoteState) original = { 0 };

      if (!_genu_store_read_note (self, NOTE_SESSION, original_id, &original, error))
        return FALSE;
      genu_session_set_patient_id (work, original.patient_id);
    }
  genu_session_set_amends_id (work, original_id);
  genu_session_set_text (work, GENU_SESSION_AMENDMENT_REASON, stripped);

  if (!genu_store_save_session (self, work, error))
    return FALSE;

  genu_session_set_id (amendment, genu_session_get_id (work));
  genu_session_set_patient_id (amendment, genu_session_get_patient_id (work));
  genu_session_set_amends_id (amendment, original_id);
  for (guint i = 0; i < G_N_ELEMENTS (session_line_texts); i++)
    genu_session_set_text (amendment, session_line_texts[i],
                           genu_session_get_text (work, session_line_texts[i]));
  genu_session_set_signature (amendment, "", "");
  genu_session_set_timestamps (amendment, genu_session_get_created_at (work),
                               genu_session_get_updated_at (work));
  return TRUE;
}

/**
 * genu_store_list_amendments:
 *
 * Returns: (transfer full) (element-type GenuSession): the sessions that amend @session_id, each
 * with its interventions, oldest first. Empty when there are none.
 */
GPtrArray *
genu_store_list_amendments (GenuStore  *self,
                            gint64      session_id,
                            GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
    "SELECT " SESSION_COLUMNS " FROM sessions WHERE amends_id = ?1 ORDER BY id", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, session_id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  _genu_store_end_read (self);

  return ok ? g_steal_pointer (&sessions) : NULL;
}

