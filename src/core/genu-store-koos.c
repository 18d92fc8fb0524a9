/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* The KOOS (Roos & Lohmander 2003; the KOOS User's Guide 2012), in the table `koos` of schema
 * version 5. Only the items are stored: the five subscale scores are computed from them. */

/* Every column of `koos`, in the order koos_from_row() reads them. */
#define KOOS_COLUMNS "id, patient_id, plan_id, date, items, created_at, updated_at"

static char *
items_to_json (GenuKoos *koos)
{
  return _genu_store_items_to_json (genu_koos_get_items (koos), GENU_KOOS_N_ITEMS);
}

static void
items_from_json (GenuKoos   *koos,
                 const char *text)
{
  int items[GENU_KOOS_N_ITEMS];

  _genu_store_items_from_json (text, items, GENU_KOOS_N_ITEMS);
  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    genu_koos_set_item (koos, i + 1, items[i]);
}

static GenuKoos *
koos_from_row (sqlite3_stmt *stmt)
{
  GenuKoos *koos = genu_koos_new ();

  genu_koos_set_id (koos, sqlite3_column_int64 (stmt, 0));
  genu_koos_set_patient_id (koos, sqlite3_column_int64 (stmt, 1));
  genu_koos_set_plan_id (koos, sqlite3_column_int64 (stmt, 2));
  genu_koos_set_date (koos, _genu_store_column_text (stmt, 3));
  items_from_json (koos, _genu_store_column_text (stmt, 4));
  genu_koos_set_timestamps (koos, _genu_store_column_text (stmt, 5),
                            _genu_store_column_text (stmt, 6));
  return koos;
}

/* Inside the transaction: the patient exists, and the plan, if any, is one of the patient's. */
static gboolean
check_owner (GenuStore  *self,
             GenuKoos   *koos,
             GError    **error)
{
  gint64 patient_id = genu_koos_get_patient_id (koos);
  gint64 plan_id = genu_koos_get_plan_id (koos);
  sqlite3_stmt *stmt;
  gint64 plan_patient = 0;
  int rc;

  stmt = _genu_store_get_statement (self, "SELECT 1 FROM patients WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no patient with id %lld."), (long long) patient_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the patient"));
      return FALSE;
    }

  if (plan_id == 0)
    return TRUE;

  stmt = _genu_store_get_statement (self, "SELECT patient_id FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan_patient = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with id %lld."), (long long) plan_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the plan of care"));
      return FALSE;
    }
  if (plan_patient != patient_id)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "plan_id",
                   _("This plan of care belongs to another patient: pick one of this patient’s "
                     "plans, or none."));
      return FALSE;
    }
  return TRUE;
}

/* Inserts a new row or updates the one with @koos's id; @created_at receives the creation time
 * of an updated row. */
static gboolean
write_row (GenuStore   *self,
           GenuKoos    *koos,
           const char  *now,
           char       **created_at,
           GError     **error)
{
  gboolean is_new = genu_koos_get_id (koos) == 0;
  g_autofree char *items = items_to_json (koos);
  sqlite3_stmt *stmt;
  int rc;

  if (is_new)
    stmt = _genu_store_get_statement (self,
      "INSERT INTO koos (" KOOS_COLUMNS ") VALUES (NULL, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?6)",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE koos SET patient_id = ?2, plan_id = NULLIF(?3, 0), date = ?4, items = ?5,"
      " updated_at = ?6 WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_koos_get_id (koos));
  sqlite3_bind_int64 (stmt, 2, genu_koos_get_patient_id (koos));
  sqlite3_bind_int64 (stmt, 3, genu_koos_get_plan_id (koos));
  sqlite3_bind_text (stmt, 4, genu_koos_get_date (koos), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, items, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);

  if (is_new)
    {
      if (!_genu_store_step_done (self, stmt, _("Could not save the KOOS"), error))
        return FALSE;
      genu_koos_set_id (koos, sqlite3_last_insert_rowid (self->db));
      return TRUE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created_at = g_strdup (_genu_store_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the KOOS"));
      return FALSE;
    }
  if (*created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no KOOS with id %lld."), (long long) genu_koos_get_id (koos));
      return FALSE;
    }
  return TRUE;
}

/**
 * genu_store_save_koos:
 * @koos: a new KOOS (id 0) or a changed one
 *
 * Validates @koos (genu_koos_validate(): %GENU_STORE_ERROR_INVALID, each broken rule on a line
 * as "field: message"; its plan, if any, must be one of the patient's) and saves it in one
 * transaction, items not answered included. An unknown patient, plan or KOOS gives
 * %GENU_STORE_ERROR_NOT_FOUND. A new KOOS gets its id; both get their timestamps. On failure
 * @koos is left as it was.
 */
gboolean
genu_store_save_koos (GenuStore  *self,
                      GenuKoos   *koos,
                      GError    **error)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuKoos) work = NULL;
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *date = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *old_values = NULL;
  gboolean is_new;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_KOOS (koos), FALSE);

  /* Work on a copy so that @koos only changes once it is saved. */
  work = genu_koos_copy (koos);
  is_new = genu_koos_get_id (work) == 0;
  date = _genu_store_strip_copy (genu_koos_get_date (work));
  genu_koos_set_date (work, date);

  errors = genu_koos_validate (work, NULL);
  if (!_genu_store_check_field_errors (errors, error))
    return FALSE;

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!check_owner (self, work, error) ||
      (!is_new &&
       (old_values = _genu_store_audit_read_record (self, "koos", genu_koos_get_id (work),
                                                    error)) == NULL) ||
      !write_row (self, work, now, &created_at, error) ||
      !_genu_store_audit (self, is_new ? GENU_AUDIT_CREATE : GENU_AUDIT_UPDATE, "koos",
                          genu_koos_get_id (work), genu_koos_get_patient_id (work), NULL,
                          old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  genu_koos_set_id (koos, genu_koos_get_id (work));
  genu_koos_set_date (koos, date);
  genu_koos_set_timestamps (koos, is_new ? now : created_at, now);
  return TRUE;
}

/**
 * genu_store_get_koos:
 *
 * Returns: (transfer full): the KOOS, or %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuKoos *
genu_store_get_koos (GenuStore  *self,
                     gint64      id,
                     GError    **error)
{
  GenuKoos *koos = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self, "SELECT " KOOS_COLUMNS " FROM koos WHERE id = ?1",
                                    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    koos = koos_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no KOOS with id %lld."), (long long) id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the KOOS"));
  sqlite3_reset (stmt);

  return koos;
}

/**
 * genu_store_list_koos:
 *
 * Returns: (transfer full) (element-type GenuKoos): the KOOS of the patient, oldest first (by
 * date, then id). Empty when there are none.
 */
GPtrArray *
genu_store_list_koos (GenuStore  *self,
                      gint64      patient_id,
                      GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self,
    "SELECT " KOOS_COLUMNS " FROM koos WHERE patient_id = ?1 ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, koos_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the KOOS"));
      return NULL;
    }

  return g_steal_pointer (&list);
}
