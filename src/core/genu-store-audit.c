/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"

#include <glib/gi18n-lib.h>

/* Every column of `audit_log`, in the order entry_from_row() reads them. */
#define AUDIT_COLUMNS \
  "id, at, therapist, action, record_kind, record_id, patient_id, old_values, new_values," \
  " prev_hash, hash"

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;

  return owned != NULL ? json_to_string (owned, FALSE) : NULL;
}

/**
 * _genu_store_audit_read_record:
 *
 * Returns: (transfer full): the record as stored, as its model's to_json() writes it, or %NULL
 * with @error set
 */
char *
_genu_store_audit_read_record (GenuStore   *self,
                               const char  *record_kind,
                               gint64       record_id,
                               GError     **error)
{
  if (g_str_equal (record_kind, "patient"))
    {
      g_autoptr(GenuPatient) patient = genu_store_get_patient (self, record_id, error);
      return patient != NULL ? node_to_string (genu_patient_to_json (patient)) : NULL;
    }
  if (g_str_equal (record_kind, "visit"))
    {
      g_autoptr(GenuVisit) visit = genu_store_get_visit (self, record_id, error);
      return visit != NULL ? node_to_string (genu_visit_to_json (visit)) : NULL;
    }
  if (g_str_equal (record_kind, "plan"))
    {
      g_autoptr(GenuPlan) plan = genu_store_get_plan (self, record_id, error);
      return plan != NULL ? node_to_string (genu_plan_to_json (plan)) : NULL;
    }
  if (g_str_equal (record_kind, "session"))
    {
      g_autoptr(GenuSession) session = genu_store_get_session (self, record_id, error);
      return session != NULL ? node_to_string (genu_session_to_json (session)) : NULL;
    }
  if (g_str_equal (record_kind, "outcome"))
    {
      g_autoptr(GenuOutcome) outcome = genu_store_get_outcome (self, record_id, error);
      return outcome != NULL ? node_to_string (genu_outcome_to_json (outcome)) : NULL;
    }
  if (g_str_equal (record_kind, "koos"))
    {
      g_autoptr(GenuKoos) koos = genu_store_get_koos (self, record_id, error);
      return koos != NULL ? node_to_string (genu_koos_to_json (koos)) : NULL;
    }

  g_return_val_if_reached (NULL);
}

/* The hash of the newest entry, or the 64 zeros before the first; and the id the next gets. */
static gboolean
read_chain_end (GenuStore  *self,
                char      **last_hash,
                gint64     *next_id,
                GError    **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *next_id = sqlite3_column_int64 (stmt, 0) + 1;
      *last_hash = g_strdup (_genu_store_column_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    {
      *next_id = 1;
      *last_hash = g_strdup (GENU_AUDIT_FIRST_PREV_HASH);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the audit trail"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_genu_store_audit (GenuStore        *self,
                   GenuAuditAction   action,
                   const char       *record_kind,
                   gint64            record_id,
                   gint64            patient_id,
                   const char       *therapist,
                   const char       *old_values,
                   GError          **error)
{
  g_autoptr(GenuAuditEntry) entry = genu_audit_entry_new ();
  g_autofree char *last_hash = NULL;
  sqlite3_stmt *stmt;

  /* The entry must land in the transaction of the change, never on its own. */
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  entry->new_values = _genu_store_audit_read_record (self, record_kind, record_id, error);
  if (entry->new_values == NULL)
    return FALSE;
  if (!read_chain_end (self, &last_hash, &entry->id, error))
    return FALSE;

  g_free (entry->at);
  entry->at = _genu_store_now_utc_iso8601 ();
  g_free (entry->therapist);
  entry->therapist = _genu_store_strip_copy (therapist != NULL && *therapist != '\0'
                                             ? therapist : self->therapist);
  entry->action = action;
  g_free (entry->record_kind);
  entry->record_kind = g_strdup (record_kind);
  entry->record_id = record_id;
  entry->patient_id = patient_id;
  entry->old_values = g_strdup (old_values);
  g_free (entry->prev_hash);
  entry->prev_hash = g_steal_pointer (&last_hash);
  g_free (entry->hash);
  entry->hash = genu_audit_entry_compute_hash (entry);

  stmt = _genu_store_get_statement (self,
    "INSERT INTO audit_log (" AUDIT_COLUMNS ") VALUES"
    " (?1, ?2, ?3, ?4, ?5, ?6, NULLIF(?7, 0), ?8, ?9, ?10, ?11)",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_text (stmt, 2, entry->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entry->therapist, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, genu_audit_action_to_string (action), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entry->record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, entry->record_id);
  sqlite3_bind_int64 (stmt, 7, entry->patient_id);
  if (entry->old_values != NULL)
    sqlite3_bind_text (stmt, 8, entry->old_values, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, entry->new_values, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, entry->prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, entry->hash, -1, SQLITE_TRANSIENT);
  return _genu_store_step_done (self, stmt, _("Could not write the audit trail"), error);
}

static GenuAuditEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  GenuAuditEntry *entry = g_new0 (GenuAuditEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->at = g_strdup (_genu_store_column_text (stmt, 1));
  entry->therapist = g_strdup (_genu_store_column_text (stmt, 2));
  /* The CHECK of the table keeps the action one of those known; a file edited with the
   * triggers dropped may hold another, which the hash then gives away. */
  if (!genu_audit_action_from_string (_genu_store_column_text (stmt, 3), &entry->action))
    entry->action = GENU_AUDIT_UPDATE;
  entry->record_kind = g_strdup (_genu_store_column_text (stmt, 4));
  entry->record_id = sqlite3_column_int64 (stmt, 5);
  entry->patient_id = sqlite3_column_int64 (stmt, 6);
  entry->old_values = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  entry->new_values = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  entry->prev_hash = g_strdup (_genu_store_column_text (stmt, 9));
  entry->hash = g_strdup (_genu_store_column_text (stmt, 10));
  return entry;
}

/**
 * genu_store_list_audit:
 * @patient_id: the patient whose records' entries are wanted, or 0 for every entry
 *
 * Returns: (transfer full) (element-type GenuAuditEntry): the entries, oldest first
 */
GPtrArray *
genu_store_list_audit (GenuStore  *self,
                       gint64      patient_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) genu_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self,
    "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE ?1 = 0 OR patient_id = ?1 ORDER BY id",
    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the audit trail"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * genu_store_verify_audit:
 * @first_bad_id: (out) (optional): the first entry where the chain breaks, 0 when it is whole
 * @n_entries: (out) (optional): how many entries were read
 *
 * Reads the whole trail, oldest first, and checks that each entry names the hash of the one
 * before it (the first one 64 zeros) and that its own hash is that of its fields.
 *
 * Returns: %TRUE when the chain is whole, %FALSE with %GENU_STORE_ERROR_AUDIT_BROKEN when it
 * breaks (or another error when the trail could not be read)
 */
gboolean
genu_store_verify_audit (GenuStore  *self,
                         gint64     *first_bad_id,
                         gint64     *n_entries,
                         GError    **error)
{
  g_autofree char *expected_prev = g_strdup (GENU_AUDIT_FIRST_PREV_HASH);
  gint64 bad_id = 0;
  gint64 count = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  if (first_bad_id != NULL)
    *first_bad_id = 0;
  if (n_entries != NULL)
    *n_entries = 0;

  /* One snapshot, even while another process adds entries. */
  if (!_genu_store_begin_read (self, error))
    return FALSE;

  stmt = _genu_store_get_statement (self,
                                    "SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY id", error);
  if (stmt == NULL)
    {
      _genu_store_end_read (self);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GenuAuditEntry) entry = entry_from_row (stmt);
      g_autofree char *hash = NULL;
      const char *action = _genu_store_column_text (stmt, 3);
      GenuAuditAction unused;

      count++;
      if (g_strcmp0 (entry->prev_hash, expected_prev) != 0)
        {
          bad_id = entry->id;
          g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_AUDIT_BROKEN,
                       _("The audit trail breaks at entry %lld: it does not follow the entry "
                         "before it, so an entry was taken out or slipped in. Keep this file "
                         "as it is and restore a backup to compare."),
                       (long long) bad_id);
          break;
        }

      hash = genu_audit_entry_compute_hash (entry);
      if (!genu_audit_action_from_string (action, &unused) ||
          g_strcmp0 (hash, entry->hash) != 0)
        {
          bad_id = entry->id;
          g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_AUDIT_BROKEN,
                       _("The audit trail breaks at entry %lld: the entry was changed after it "
                         "was written. Keep this file as it is and restore a backup to "
                         "compare."),
                       (long long) bad_id);
          break;
        }

      g_free (expected_prev);
      expected_prev = g_steal_pointer (&entry->hash);
    }
  if (bad_id == 0 && rc != SQLITE_DONE)
    _genu_set_sqlite_error (error, self->db, _("Could not read the audit trail"));
  sqlite3_reset (stmt);
  _genu_store_end_read (self);

  if (first_bad_id != NULL)
    *first_bad_id = bad_id;
  if (n_entries != NULL)
    *n_entries = count;
  return bad_id == 0 && rc == SQLITE_DONE;
}
