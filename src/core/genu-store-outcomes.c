/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* Outcome measures */

/* Every column of `outcomes`, in the order outcome_from_row() reads them. */
#define OUTCOME_COLUMNS \
  "id, patient_id, plan_id, date, measure, items, score, created_at, updated_at"

static char *
items_to_json (GenuOutcome *outcome)
{
  return _genu_store_items_to_json (genu_outcome_get_items (outcome), GENU_LEFS_N_ITEMS);
}

static void
items_from_json (GenuOutcome *outcome,
                 const char  *text)
{
  int items[GENU_LEFS_N_ITEMS];

  _genu_store_items_from_json (text, items, GENU_LEFS_N_ITEMS);
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    genu_outcome_set_item (outcome, i + 1, items[i]);
}

static GenuOutcome *
outcome_from_row (sqlite3_stmt *stmt)
{
  GenuOutcome *outcome = genu_outcome_new ();

  genu_outcome_set_id (outcome, sqlite3_column_int64 (stmt, 0));
  genu_outcome_set_patient_id (outcome, sqlite3_column_int64 (stmt, 1));
  genu_outcome_set_plan_id (outcome, sqlite3_column_int64 (stmt, 2));
  genu_outcome_set_date (outcome, _genu_store_column_text (stmt, 3));
  /* Column 4, the measure, is always "lefs" for now. */
  items_from_json (outcome, _genu_store_column_text (stmt, 5));
  /* Column 6, the score, is computed from the items; it is stored for queries and reports. */
  genu_outcome_set_timestamps (outcome, _genu_store_column_text (stmt, 7), _genu_store_column_text (stmt, 8));
  return outcome;
}

/**
 * genu_store_save_outcome:
 * @outcome: a new outcome (id 0) or a changed one
 *
 * Validates @outcome (genu_outcome_validate(): %GENU_STORE_ERROR_INVALID; its plan, if any, must
 * be one of the patient's) and saves it with its score as genu_outcome_get_score() computes it,
 * or none when too many items are missing. An unknown patient, plan or outcome gives
 * %GENU_STORE_ERROR_NOT_FOUND. A new outcome gets its id; both get their timestamps.
 */
gboolean
genu_store_save_outcome (GenuStore    *self,
                         GenuOutcome  *outcome,
                         GError      **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuOutcome) work = NULL;
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *date = NULL;
  g_autofree char *items = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *old_values = NULL;
  gboolean is_new = genu_outcome_get_id (outcome) == 0;
  sqlite3_stmt *stmt;
  double score = 0;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_OUTCOME (outcome), FALSE);

  work = genu_outcome_copy (outcome);
  date = _genu_store_strip_copy (genu_outcome_get_date (work));
  genu_outcome_set_date (work, date);

  errors = genu_outcome_validate (work, NULL);
  if (!_genu_store_check_field_errors (errors, error))
    return FALSE;

  patient = genu_store_get_patient (self, genu_outcome_get_patient_id (work), error);
  if (patient == NULL ||
      !_genu_store_check_plan_of_patient (self, genu_outcome_get_plan_id (work),
                                          genu_outcome_get_patient_id (work), NULL, error))
    return FALSE;

  /* The row and its audit entry land together. */
  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!is_new)
    {
      old_values = _genu_store_audit_read_record (self, "outcome", genu_outcome_get_id (work),
                                                  error);
      if (old_values == NULL)
        goto rollback;
    }

  if (is_new)
    stmt = _genu_store_get_statement (self,
      "INSERT INTO outcomes (" OUTCOME_COLUMNS ") VALUES"
      " (NULL, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?8)",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE outcomes SET patient_id = ?2, plan_id = NULLIF(?3, 0), date = ?4, measure = ?5,"
      " items = ?6, score = ?7, updated_at = ?8 WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    goto rollback;

  items = items_to_json (work);
  sqlite3_bind_int64 (stmt, 1, genu_outcome_get_id (work));
  sqlite3_bind_int64 (stmt, 2, genu_outcome_get_patient_id (work));
  sqlite3_bind_int64 (stmt, 3, genu_outcome_get_plan_id (work));
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, genu_outcome_get_measure (work), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, items, -1, SQLITE_TRANSIENT);
  if (genu_outcome_get_score (work, &score))
    sqlite3_bind_double (stmt, 7, score);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the outcome measure"));
      goto rollback;
    }
  if (!is_new && created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no outcome measure with id %lld."),
                   (long long) genu_outcome_get_id (work));
      goto rollback;
    }

  if (is_new)
    genu_outcome_set_id (work, sqlite3_last_insert_rowid (self->db));
  if (!_genu_store_audit (self, is_new ? GENU_AUDIT_CREATE : GENU_AUDIT_UPDATE, "outcome",
                          genu_outcome_get_id (work), genu_outcome_get_patient_id (work), NULL,
                          old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  genu_outcome_set_id (outcome, genu_outcome_get_id (work));
  genu_outcome_set_date (outcome, date);
  genu_outcome_set_timestamps (outcome, is_new ? now : created_at, now);
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * genu_store_get_outcome:
 *
 * Returns: (transfer full): the outcome measure, or %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuOutcome *
genu_store_get_outcome (GenuStore  *self,
                        gint64      id,
                        GError    **error)
{
  GenuOutcome *outcome = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self, "SELECT " OUTCOME_COLUMNS " FROM outcomes WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    outcome = outcome_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no outcome measure with id %lld."), (long long) id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the outcome measure"));
  sqlite3_reset (stmt);

  return outcome;
}

/**
 * genu_store_list_outcomes:
 *
 * Returns: (transfer full) (element-type GenuOutcome): the outcome measures of the patient,
 * oldest first (by date, then id): the points of the progress chart. Empty when there are none.
 */
GPtrArray *
genu_store_list_outcomes (GenuStore  *self,
                          gint64      patient_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self,
    "SELECT " OUTCOME_COLUMNS " FROM outcomes WHERE patient_id = ?1 ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (outcomes, outcome_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the outcome measures"));
      return NULL;
    }

  return g_steal_pointer (&outcomes);
}
