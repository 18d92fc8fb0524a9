/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

void
_genu_store_note_state_clear (NoteState *state)
{
  g_clear_pointer (&state->signed_by, g_free);
  g_clear_pointer (&state->signed_at, g_free);
  g_clear_pointer (&state->amendment_reason, g_free);
}

void
_genu_store_set_note_not_found (GError   **error,
                                NoteKind   kind,
                                gint64     id)
{
  if (kind == NOTE_VISIT)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no visit with id %lld."), (long long) id);
  else
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no session with id %lld."), (long long) id);
}

/* Reads the patient, signature and amendment of a note; %GENU_STORE_ERROR_NOT_FOUND when there is
 * no such note. */
gboolean
_genu_store_read_note (GenuStore  *self,
                       NoteKind    kind,
                       gint64      id,
                       NoteState  *state,
                       GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (kind == NOTE_VISIT)
    stmt = _genu_store_get_statement (self,
      "SELECT patient_id, signed_by, signed_at, amends_id, amendment_reason"
      " FROM visits WHERE id = ?1",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "SELECT patient_id, signed_by, signed_at, amends_id, amendment_reason"
      " FROM sessions WHERE id = ?1",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->patient_id = sqlite3_column_int64 (stmt, 0);
      state->signed_by = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      state->signed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      state->amends_id = sqlite3_column_int64 (stmt, 3);
      state->amendment_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      _genu_store_set_note_not_found (error, kind, id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the database"));
      return FALSE;
    }
  return TRUE;
}

/* A signature time (UTC, ISO 8601) as the local date and time, for messages. */
static char *
format_signed_at (const char *signed_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (signed_at, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (signed_at);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Refuses to change the signed note @id before the triggers of the schema would, with a message
 * that says what to do instead; %GENU_STORE_ERROR_NOT_FOUND when there is no such note. */
gboolean
_genu_store_check_unsigned (GenuStore  *self,
                            NoteKind    kind,
                            gint64      id,
                            NoteState  *state,
                            GError    **error)
{
  if (!_genu_store_read_note (self, kind, id, state, error))
    return FALSE;

  if (state->signed_at == NULL)
    return TRUE;

  if (kind == NOTE_VISIT)
    g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                         _("This visit note is signed: add an amendment instead."));
  else
    g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                         _("This session note is signed: add an amendment instead."));
  return FALSE;
}

/* An amendment corrects a signed note of the same patient; an unsigned note is simply changed. */
gboolean
_genu_store_check_amendable (GenuStore  *self,
                             NoteKind    kind,
                             gint64      original_id,
                             gint64      patient_id,
                             GError    **error)
{
  g_auto(NoteState) original = { 0 };

  if (!_genu_store_read_note (self, kind, original_id, &original, error))
    return FALSE;

  if (original.signed_at == NULL)
    {
      if (kind == NOTE_VISIT)
        g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                             _("This visit note is not signed yet: change it instead of "
                               "amending it."));
      else
        g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                             _("This session note is not signed yet: change it instead of "
                               "amending it."));
      return FALSE;
    }

  if (original.patient_id != patient_id)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("An amendment belongs to the patient of the note it amends."));
      return FALSE;
    }

  return TRUE;
}

/* The reason of an amendment, stripped; %GENU_STORE_ERROR_INVALID when there is none. */
char *
_genu_store_check_amendment_reason (const char  *reason,
                                    GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s",
                   "amendment_reason",
                   _("Type why the signed note is amended, for example “wrong side "
                     "recorded”."));
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/* Signs the unsigned note @id in one UPDATE, the one change the triggers of the schema let
 * through. */
gboolean
_genu_store_sign_note (GenuStore   *self,
                       NoteKind     kind,
                       gint64       id,
                       const char  *signed_by,
                       GError     **error)
{
  g_autofree char *by = g_strstrip (g_strdup (signed_by != NULL ? signed_by : ""));
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *old_values = NULL;
  const char *record_kind = kind == NOTE_VISIT ? "visit" : "session";
  g_auto(NoteState) state = { 0 };
  sqlite3_stmt *stmt;

  if (*by == '\0')
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "signed_by",
                   _("Type the name of the therapist who signs the note."));
      return FALSE;
    }

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_genu_store_read_note (self, kind, id, &state, error))
    goto rollback;

  if (state.signed_at != NULL)
    {
      g_autofree char *when = format_signed_at (state.signed_at);

      if (kind == NOTE_VISIT)
        g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                     _("This visit note is already signed by %s on %s."), state.signed_by, when);
      else
        g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                     _("This session note is already signed by %s on %s."), state.signed_by,
                     when);
      goto rollback;
    }

  if (kind == NOTE_VISIT)
    stmt = _genu_store_get_statement (self,
      "UPDATE visits SET signed_by = ?2, signed_at = ?3, updated_at = ?3"
      " WHERE id = ?1 AND signed_at IS NULL",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE sessions SET signed_by = ?2, signed_at = ?3, updated_at = ?3"
      " WHERE id = ?1 AND signed_at IS NULL",
      error);
  if (stmt == NULL)
    goto rollback;

  old_values = _genu_store_audit_read_record (self, record_kind, id, error);
  if (old_values == NULL)
    goto rollback;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!_genu_store_step_done (self, stmt, _("Could not sign the note"), error) ||
      !_genu_store_audit (self, GENU_AUDIT_SIGN, record_kind, id, state.patient_id, by,
                          old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  g_debug ("Signed %s %" G_GINT64_FORMAT, kind == NOTE_VISIT ? "visit" : "session", id);
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

