/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* Plans of care */

/* Every column of `plans`, in the order plan_from_row() reads them: the texts in GenuPlanText
 * order from column 2. */
#define PLAN_COLUMNS \
  "id, patient_id, start_date, diagnosis_id, diagnosis_name, diagnosis_icd10, interventions," \
  " notes, frequency_per_week, duration_weeks, closed, screening_done, contraindications," \
  " acknowledged_by, acknowledged_at, created_at, updated_at"

#define PLAN_COLUMN_FIRST_TEXT 2
#define PLAN_COLUMN_FREQUENCY (PLAN_COLUMN_FIRST_TEXT + GENU_PLAN_N_TEXTS)

/* The texts of a plan that are one line lose their surrounding spaces when saved; the planned
 * interventions and the notes are kept as typed. */
static const GenuPlanText plan_line_texts[] = {
  GENU_PLAN_START_DATE, GENU_PLAN_DIAGNOSIS_ID, GENU_PLAN_DIAGNOSIS_NAME,
  GENU_PLAN_DIAGNOSIS_ICD10,
};

char *
_genu_store_strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

void
_genu_store_bind_int_or_null (sqlite3_stmt *stmt,
                              int           param,
                              int           value,
                              int           unset)
{
  if (value == unset)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_int (stmt, param, value);
}

int
_genu_store_column_int_or (sqlite3_stmt *stmt,
                           int           col,
                           int           unset)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? unset : sqlite3_column_int (stmt, col);
}

/* The text of a column that may be NULL, as "". */
const char *
_genu_store_column_text (sqlite3_stmt *stmt,
                         int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? text : "";
}

static char *
contraindications_to_json (GenuPlan *plan)
{
  const char * const *ids = genu_plan_get_contraindications (plan);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The ids of a `contraindications` column; the schema makes it a JSON array. */
static GStrv
contraindications_from_json (const char *text)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(JsonNode) root = json_from_string (text, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (ids, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (ids);
}

static GenuPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  GenuPlan *plan = genu_plan_new ();
  g_auto(GStrv) contraindications = NULL;
  int col = PLAN_COLUMN_FREQUENCY;

  genu_plan_set_id (plan, sqlite3_column_int64 (stmt, 0));
  genu_plan_set_patient_id (plan, sqlite3_column_int64 (stmt, 1));
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    genu_plan_set_text (plan, i, _genu_store_column_text (stmt, PLAN_COLUMN_FIRST_TEXT + i));
  genu_plan_set_frequency_per_week (plan, _genu_store_column_int_or (stmt, col++, GENU_PLAN_UNSET));
  genu_plan_set_duration_weeks (plan, _genu_store_column_int_or (stmt, col++, GENU_PLAN_UNSET));
  genu_plan_set_closed (plan, sqlite3_column_int (stmt, col++));
  genu_plan_set_screening_done (plan, sqlite3_column_int (stmt, col++));
  contraindications = contraindications_from_json (_genu_store_column_text (stmt, col++));
  genu_plan_set_contraindications (plan, (const char * const *) contraindications);
  genu_plan_set_acknowledgement (plan, _genu_store_column_text (stmt, col), _genu_store_column_text (stmt, col + 1));
  col += 2;
  genu_plan_set_timestamps (plan, _genu_store_column_text (stmt, col), _genu_store_column_text (stmt, col + 1));
  return plan;
}

/* Inserts a new plan row, or updates the one with @plan's id; gives a new plan its id, and
 * @created_at the row's creation time. */
static gboolean
write_plan_row (GenuStore   *self,
                GenuPlan    *plan,
                const char  *now,
                char       **created_at,
                GError     **error)
{
  gboolean is_new = genu_plan_get_id (plan) == 0;
  g_autofree char *contraindications = contraindications_to_json (plan);
  const char *acknowledged_by = genu_plan_get_acknowledged_by (plan);
  sqlite3_stmt *stmt;
  int param = PLAN_COLUMN_FIRST_TEXT + 1;
  int rc;

  if (is_new)
    stmt = _genu_store_get_statement (self,
      "INSERT INTO plans (" PLAN_COLUMNS ") VALUES"
      " (NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE plans SET patient_id = ?2, start_date = ?3, diagnosis_id = ?4,"
      " diagnosis_name = ?5, diagnosis_icd10 = ?6, interventions = ?7, notes = ?8,"
      " frequency_per_week = ?9, duration_weeks = ?10, closed = ?11, screening_done = ?12,"
      " contraindications = ?13, acknowledged_by = ?14, acknowledged_at = ?15, updated_at = ?16"
      " WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
  sqlite3_bind_int64 (stmt, 2, genu_plan_get_patient_id (plan));
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    sqlite3_bind_text (stmt, param++, genu_plan_get_text (plan, i), -1, SQLITE_TRANSIENT);
  _genu_store_bind_int_or_null (stmt, param++, genu_plan_get_frequency_per_week (plan), GENU_PLAN_UNSET);
  _genu_store_bind_int_or_null (stmt, param++, genu_plan_get_duration_weeks (plan), GENU_PLAN_UNSET);
  sqlite3_bind_int (stmt, param++, !!genu_plan_get_closed (plan));
  sqlite3_bind_int (stmt, param++, !!genu_plan_get_screening_done (plan));
  sqlite3_bind_text (stmt, param++, contraindications, -1, SQLITE_TRANSIENT);
  if (*acknowledged_by == '\0')
    {
      sqlite3_bind_null (stmt, param++);
      sqlite3_bind_null (stmt, param++);
    }
  else
    {
      sqlite3_bind_text (stmt, param++, acknowledged_by, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, param++, genu_plan_get_acknowledged_at (plan), -1,
                         SQLITE_TRANSIENT);
    }
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
      _genu_set_sqlite_error (error, self->db, _("Could not save the plan"));
      return FALSE;
    }

  if (is_new)
    {
      genu_plan_set_id (plan, sqlite3_last_insert_rowid (self->db));
      *created_at = g_strdup (now);
    }
  else if (*created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with id %lld."), (long long) genu_plan_get_id (plan));
      return FALSE;
    }

  return TRUE;
}

/* Replaces the goals of @plan by what @plan holds now, in its order. */
static gboolean
write_goals (GenuStore  *self,
             GenuPlan   *plan,
             GError    **error)
{
  GPtrArray *goals = genu_plan_get_goals (plan);
  sqlite3_stmt *stmt;

  stmt = _genu_store_get_statement (self, "DELETE FROM goals WHERE plan_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
  if (!_genu_store_step_done (self, stmt, _("Could not save the goals"), error))
    return FALSE;

  for (guint i = 0; i < goals->len; i++)
    {
      const GenuGoal *goal = g_ptr_array_index (goals, i);

      stmt = _genu_store_get_statement (self,
        "INSERT INTO goals (plan_id, position, term, description, target_date, status)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, genu_goal_term_to_string (goal->term), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, goal->description, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, goal->target_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, genu_goal_status_to_string (goal->status), -1, SQLITE_STATIC);
      if (!_genu_store_step_done (self, stmt, _("Could not save the goals"), error))
        return FALSE;
    }

  return TRUE;
}

/* Strips the one-line texts of @plan and its goals, and dates an acknowledgement of the IASTM
 * screening that has a name but no time. */
static void
tidy_plan (GenuPlan    *plan,
           const char  *now)
{
  GPtrArray *goals = genu_plan_get_goals (plan);
  g_autofree char *acknowledged_by = _genu_store_strip_copy (genu_plan_get_acknowledged_by (plan));
  g_autofree char *acknowledged_at = _genu_store_strip_copy (genu_plan_get_acknowledged_at (plan));

  for (guint i = 0; i < G_N_ELEMENTS (plan_line_texts); i++)
    {
      g_autofree char *stripped = _genu_store_strip_copy (genu_plan_get_text (plan, plan_line_texts[i]));
      genu_plan_set_text (plan, plan_line_texts[i], stripped);
    }

  for (guint i = 0; i < goals->len; i++)
    {
      GenuGoal *goal = g_ptr_array_index (goals, i);
      g_autofree char *description = _genu_store_strip_copy (goal->description);
      g_autofree char *target_date = _genu_store_strip_copy (goal->target_date);

      genu_goal_set_description (goal, description);
      genu_goal_set_target_date (goal, target_date);
    }

  if (*acknowledged_by == '\0')
    genu_plan_set_acknowledgement (plan, "", "");
  else
    genu_plan_set_acknowledgement (plan, acknowledged_by,
                                   *acknowledged_at != '\0' ? acknowledged_at : now);
}

/**
 * genu_store_save_plan:
 * @plan: a new plan (id 0) or a changed one, with its goals and IASTM screening
 *
 * Validates @plan (genu_plan_validate(): %GENU_STORE_ERROR_INVALID, each broken rule on a line as
 * "field: message"), then saves the plan row, with the screening and its acknowledgement, and
 * all its goals in one transaction: all of it or nothing. The goals saved before are replaced.
 * One-line texts are saved without surrounding spaces; an acknowledgement without a time is
 * dated now. A new plan gets its id; both get their timestamps. An unknown patient gives
 * %GENU_STORE_ERROR_NOT_FOUND. On failure @plan is left as it was.
 */
gboolean
genu_store_save_plan (GenuStore  *self,
                      GenuPlan   *plan,
                      GError    **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuPlan) work = NULL;
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *created_at = NULL;
  g_autofree char *old_values = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_PLAN (plan), FALSE);

  /* Work on a copy so that @plan only changes once all of it is saved. */
  work = genu_plan_copy (plan);
  tidy_plan (work, now);

  errors = genu_plan_validate (work, NULL);
  if (!_genu_store_check_field_errors (errors, error))
    return FALSE;

  patient = genu_store_get_patient (self, genu_plan_get_patient_id (work), error);
  if (patient == NULL)
    return FALSE;

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if ((genu_plan_get_id (work) != 0 &&
       (old_values = _genu_store_audit_read_record (self, "plan", genu_plan_get_id (work),
                                                    error)) == NULL) ||
      !write_plan_row (self, work, now, &created_at, error) ||
      !write_goals (self, work, error) ||
      !_genu_store_audit (self, old_values != NULL ? GENU_AUDIT_UPDATE : GENU_AUDIT_CREATE,
                          "plan", genu_plan_get_id (work), genu_plan_get_patient_id (work), NULL,
                          old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  genu_plan_set_id (plan, genu_plan_get_id (work));
  for (guint i = 0; i < G_N_ELEMENTS (plan_line_texts); i++)
    genu_plan_set_text (plan, plan_line_texts[i], genu_plan_get_text (work, plan_line_texts[i]));
  genu_plan_set_goals (plan, genu_plan_get_goals (work));
  genu_plan_set_acknowledgement (plan, genu_plan_get_acknowledged_by (work),
                                 genu_plan_get_acknowledged_at (work));
  genu_plan_set_timestamps (plan, created_at, now);
  g_debug ("Saved plan %" G_GINT64_FORMAT, genu_plan_get_id (plan));
  return TRUE;
}

static gboolean
read_goals (GenuStore  *self,
            GenuPlan   *plan,
            GError    **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT term, description, target_date, status FROM goals WHERE plan_id = ?1"
    " ORDER BY position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GenuGoalTerm term = GENU_GOAL_SHORT_TERM;
      GenuGoalStatus status = GENU_GOAL_PROGRESSING;
      g_autoptr(GenuGoal) goal = NULL;

      genu_goal_term_from_string (_genu_store_column_text (stmt, 0), &term);
      genu_goal_status_from_string (_genu_store_column_text (stmt, 3), &status);
      goal = genu_goal_new (term, _genu_store_column_text (stmt, 1), _genu_store_column_text (stmt, 2));
      goal->status = status;
      genu_plan_add_goal (plan, goal);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the goals"));
      return FALSE;
    }
  return TRUE;
}

/**
 * genu_store_get_plan:
 *
 * Returns: (transfer full): the plan with its goals, or %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuPlan *
genu_store_get_plan (GenuStore  *self,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(GenuPlan) plan = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self, "SELECT " PLAN_COLUMNS " FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan = plan_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no plan with id %lld."), (long long) id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the plan"));
  sqlite3_reset (stmt);

  if (plan != NULL && !read_goals (self, plan, error))
    g_clear_object (&plan);

out:
  _genu_store_end_read (self);
  return g_steal_pointer (&plan);
}

/**
 * genu_store_list_plans:
 *
 * Returns: (transfer full) (element-type GenuPlan): the plans of the patient, each with its goals,
 * newest first: by start date, then by id. Empty for a patient without plans, or an unknown id.
 */
GPtrArray *
genu_store_list_plans (GenuStore  *self,
                       gint64      patient_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!_genu_store_begin_read (self, error))
    return NULL;

  stmt = _genu_store_get_statement (self,
    "SELECT " PLAN_COLUMNS " FROM plans WHERE patient_id = ?1"
    " ORDER BY start_date DESC, id DESC",
    error);
  if (stmt == NULL)
    {
      _genu_store_end_read (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the plans"));
      ok = FALSE;
    }

  for (guint i = 0; ok && i < plans->len; i++)
    ok = read_goals (self, g_ptr_array_index (plans, i), error);

  _genu_store_end_read (self);
  return ok ? g_steal_pointer (&plans) : NULL;
}

/* A session or an outcome may belong to a plan: one of the same patient. Gives the plan in
 * @plan when asked. */
gboolean
_genu_store_check_plan_of_patient (GenuStore  *self,
                                   gint64      plan_id,
                                   gint64      patient_id,
                                   GenuPlan  **plan,
                                   GError    **error)
{
  g_autoptr(GenuPlan) found = NULL;

  if (plan_id == 0)
    return TRUE;

  found = genu_store_get_plan (self, plan_id, error);
  if (found == NULL)
    return FALSE;

  if (genu_plan_get_patient_id (found) != patient_id)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "plan_id",
                   _("This plan of care belongs to another patient: pick one of this patient’s "
                     "plans, or none."));
      return FALSE;
    }

  if (plan != NULL)
    *plan = g_steal_pointer (&found);
  return TRUE;
}

