/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-intervention.h"
#include "genu-lefs.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-session.h"
#include "genu-store.h"
#include "genu-visit.h"

#include <string.h>

#include "genu-test-utils.h"

/* Plans of care, treatment sessions, LEFS outcomes and signed notes over a real SQLite file in a
 * temporary folder per test: round trips of every field and every intervention kind, the orders
 * of the lists, and above all that a signed note cannot be changed, neither through the store nor
 * by SQL written straight into the file, while an amendment can be added next to it. */

typedef struct {
  char        *dir;
  char        *path;
  GenuStore   *store;
  GenuPatient *patient;   /* saved */
} Fixture;

#define SESSION_MESSAGE "a signed session note cannot be changed; amend it instead"
#define SESSION_DELETE_MESSAGE "a signed session note cannot be deleted; amend it instead"
#define VISIT_MESSAGE "a signed visit note cannot be changed; amend it instead"
#define VISIT_DELETE_MESSAGE "a signed visit note cannot be deleted; amend it instead"

/* Every row of the session tables, to show that a refused change wrote nothing. */
#define DUMP_SESSIONS \
  "SELECT * FROM sessions ORDER BY id"
#define DUMP_SESSION_INTERVENTIONS \
  "SELECT * FROM session_interventions ORDER BY session_id, position"
#define DUMP_VISIT_ROWS \
  "SELECT * FROM visits ORDER BY id"
#define DUMP_ASSESSMENT_ROWS \
  "SELECT * FROM knee_assessments ORDER BY visit_id"
#define DUMP_FINDING_ROWS \
  "SELECT * FROM assessment_findings ORDER BY visit_id, finding_id"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  fixture->patient = genu_patient_new ();
  genu_patient_set_text (fixture->patient, GENU_PATIENT_FAMILY_NAME, "Ångström");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->patient);
  g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
patient_id (Fixture *fixture)
{
  return genu_patient_get_id (fixture->patient);
}

static gint64
save_other_patient (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) other = genu_patient_new ();

  genu_patient_set_text (other, GENU_PATIENT_FAMILY_NAME, "Baker");
  genu_patient_set_text (other, GENU_PATIENT_GIVEN_NAMES, "Anna");
  genu_patient_set_text (other, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  g_assert_true (genu_store_save_patient (fixture->store, other, &error));
  g_assert_no_error (error);
  return genu_patient_get_id (other);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autofree char *dump = genu_test_dump_file (fixture->path, sql);

  g_assert_true (g_str_has_prefix (dump, "i:"));
  return g_ascii_strtoll (dump + 2, NULL, 10);
}

/* Runs @sql on a connection of its own and checks that it fails with @message. */
static void
assert_sql_refused (Fixture    *fixture,
                    const char *sql,
                    const char *message)
{
  sqlite3 *db = genu_test_sqlite_open (fixture->path);
  char *errmsg = NULL;
  int rc;

  genu_test_sqlite_exec (db, "PRAGMA foreign_keys = ON");
  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  g_test_message ("%s → %s", sql, errmsg ? errmsg : "(no error)");
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpstr (errmsg, ==, message);
  sqlite3_free (errmsg);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db = genu_test_sqlite_open (fixture->path);

  genu_test_sqlite_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
assert_timestamp (const char *text)
{
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       text, 0, 0));
}

/* Plans */

static GenuPlan *
new_plan (Fixture    *fixture,
          const char *start_date)
{
  GenuPlan *plan = genu_plan_new ();

  genu_plan_set_patient_id (plan, patient_id (fixture));
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, start_date);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine tendinopathy / bursitis");
  return plan;
}

static void
test_plan_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPlan) plan = new_plan (fixture, " 2024-03-18 ");
  g_autoptr(GenuPlan) stored = NULL;
  g_autoptr(GenuGoal) goal_1 = genu_goal_new (GENU_GOAL_SHORT_TERM,
                                              "NPRS während des Laufens ≤ 2/10", "2024-04-15");
  g_autoptr(GenuGoal) goal_2 = genu_goal_new (GENU_GOAL_SHORT_TERM, "Stairs without pain",
                                              "2024-04-29");
  g_autoptr(GenuGoal) goal_3 = genu_goal_new (GENU_GOAL_LONG_TERM, "Berlin Marathon, 李",
                                              "2024-09-29");
  static const char * const contraindications[] = {
    "anticoagulants_bleeding", "diabetes_skin_changes", NULL,
  };

  goal_2->status = GENU_GOAL_MET;
  goal_3->status = GENU_GOAL_NOT_MET;
  genu_plan_add_goal (plan, goal_1);
  genu_plan_add_goal (plan, goal_2);
  genu_plan_add_goal (plan, goal_3);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ID, "pes_anserine");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ICD10, "M76.8");
  genu_plan_set_text (plan, GENU_PLAN_INTERVENTIONS, "IASTM\nHip abduction ' \" % ;\n");
  genu_plan_set_text (plan, GENU_PLAN_NOTES, "  Zoë: Schmerz innen, 痛み  ");
  genu_plan_set_frequency_per_week (plan, 2);
  genu_plan_set_duration_weeks (plan, 6);
  genu_plan_set_screening_done (plan, TRUE);
  genu_plan_set_contraindications (plan, contraindications);
  genu_plan_set_acknowledgement (plan, "  Łukasz Żółć ", "");

  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_plan_get_id (plan), >, 0);
  g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_START_DATE), ==, "2024-03-18");
  /* The notes are kept as typed. */
  g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_NOTES), ==, "  Zoë: Schmerz innen, 痛み  ");
  /* An acknowledgement with a name and no time is dated by the store. */
  g_assert_cmpstr (genu_plan_get_acknowledged_by (plan), ==, "Łukasz Żółć");
  assert_timestamp (genu_plan_get_acknowledged_at (plan));
  assert_timestamp (genu_plan_get_created_at (plan));
  assert_timestamp (genu_plan_get_updated_at (plan));

  stored = genu_store_get_plan (fixture->store, genu_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (genu_plan_equal (stored, plan));
  g_assert_cmpint (genu_plan_get_goals (stored)->len, ==, 3);
  g_assert_cmpstr (genu_plan_get_created_at (stored), ==, genu_plan_get_created_at (plan));
  g_clear_object (&stored);

  /* The rows, as SQL sees them. */
  {
    g_autofree char *goals = genu_test_dump_file (fixture->path,
      "SELECT position, term, description, target_date, status FROM goals ORDER BY position");
    g_autofree char *row = genu_test_dump_file (fixture->path,
      "SELECT contraindications, frequency_per_week, duration_weeks, closed, screening_done"
      " FROM plans");

    g_assert_cmpstr (goals, ==,
                     "i:0|t:short|t:NPRS während des Laufens ≤ 2/10|t:2024-04-15|t:progressing\n"
                     "i:1|t:short|t:Stairs without pain|t:2024-04-29|t:met\n"
                     "i:2|t:long|t:Berlin Marathon, 李|t:2024-09-29|t:not_met\n");
    g_assert_cmpstr (row, ==,
                     "t:[\"anticoagulants_bleeding\",\"diabetes_skin_changes\"]|i:2|i:6|i:0|i:1\n");
  }

  /* An update: one goal fewer, the plan closed, unset numbers, no acknowledgement. */
  genu_plan_remove_goal (plan, 0);
  genu_plan_set_closed (plan, TRUE);
  genu_plan_set_frequency_per_week (plan, GENU_PLAN_UNSET);
  genu_plan_set_duration_weeks (plan, GENU_PLAN_UNSET);
  genu_plan_set_contraindications (plan, NULL);
  genu_plan_set_acknowledgement (plan, "", "");
  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  stored = genu_store_get_plan (fixture->store, genu_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (genu_plan_equal (stored, plan));
  g_assert_cmpint (genu_plan_get_goals (stored)->len, ==, 2);
  g_assert_true (genu_plan_get_closed (stored));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM goals"), ==, 2);
  {
    g_autofree char *row = genu_test_dump_file (fixture->path,
      "SELECT frequency_per_week, duration_weeks, acknowledged_by, acknowledged_at FROM plans");
    g_assert_cmpstr (row, ==, "n:|n:|n:|n:\n");
  }
}

static void
test_plan_list_and_refusals (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPlan) first = new_plan (fixture, "2023-01-10");
  g_autoptr(GenuPlan) second = new_plan (fixture, "2024-02-01");
  g_autoptr(GenuPlan) same_day = new_plan (fixture, "2024-02-01");
  g_autoptr(GenuPlan) invalid = new_plan (fixture, "2024-02-01");
  g_autoptr(GenuPlan) orphan = new_plan (fixture, "2024-02-01");
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (genu_store_save_plan (fixture->store, second, &error));
  g_assert_true (genu_store_save_plan (fixture->store, first, &error));
  g_assert_true (genu_store_save_plan (fixture->store, same_day, &error));
  g_assert_no_error (error);

  plans = genu_store_list_plans (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpint (plans->len, ==, 3);
  g_assert_true (genu_plan_equal (g_ptr_array_index (plans, 0), same_day));
  g_assert_true (genu_plan_equal (g_ptr_array_index (plans, 1), second));
  g_assert_true (genu_plan_equal (g_ptr_array_index (plans, 2), first));
  g_clear_pointer (&plans, g_ptr_array_unref);

  plans = genu_store_list_plans (fixture->store, 999, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plans->len, ==, 0);

  before = genu_test_dump_file (fixture->path, "SELECT * FROM plans ORDER BY id");

  /* No diagnosis name: refused, naming the field, nothing written. */
  genu_plan_set_text (invalid, GENU_PLAN_DIAGNOSIS_NAME, "  ");
  g_assert_false (genu_store_save_plan (fixture->store, invalid, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "diagnosis_name: "));
  g_assert_cmpint (genu_plan_get_id (invalid), ==, 0);
  g_clear_error (&error);

  /* An unknown patient. */
  genu_plan_set_patient_id (orphan, 999);
  g_assert_false (genu_store_save_plan (fixture->store, orphan, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An unknown plan. */
  g_assert_null (genu_store_get_plan (fixture->store, 999, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  genu_plan_set_patient_id (orphan, patient_id (fixture));
  genu_plan_set_id (orphan, 999);
  g_assert_false (genu_store_save_plan (fixture->store, orphan, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = genu_test_dump_file (fixture->path, "SELECT * FROM plans ORDER BY id");
  g_assert_cmpstr (after, ==, before);
}

/* A failure at the second goal leaves nothing of the plan behind, and the plan object as it
 * was. */
static void
test_plan_atomic (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPlan) plan = new_plan (fixture, "2024-03-18");
  g_autoptr(GenuGoal) goal = genu_goal_new (GENU_GOAL_SHORT_TERM, "Walk 5 km", "2024-04-15");

  genu_plan_add_goal (plan, goal);
  genu_plan_add_goal (plan, goal);
  exec_sql (fixture,
            "CREATE TRIGGER test_fail BEFORE INSERT ON goals WHEN NEW.position = 1"
            " BEGIN SELECT RAISE (ABORT, 'test: the second goal fails'); END;");

  g_assert_false (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "test: the second goal fails"));
  g_assert_cmpint (genu_plan_get_id (plan), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM plans"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM goals"), ==, 0);
}

/* Sessions */

/* A valid value for every field of @kind, as the brief of the test says: texts "x…" with some
 * non-ASCII, numbers at their minimum, the first choice, the first two choices, TRUE. */
static GenuIntervention *
new_full_intervention (GenuInterventionKind kind)
{
  GenuIntervention *intervention = genu_intervention_new (kind);
  const GenuInterventionField *fields;
  guint n_fields = 0;

  fields = genu_intervention_kind_get_fields (kind, &n_fields);
  g_assert_cmpint (n_fields, >, 0);
  for (guint i = 0; i < n_fields; i++)
    {
      const GenuInterventionField *field = &fields[i];

      switch (field->type)
        {
        case GENU_INTERVENTION_FIELD_TEXT:
          {
            g_autofree char *text = g_strdup_printf ("x… %s: Zoë ' \" %% ; 李", field->id);
            genu_intervention_set_text (intervention, field->id, text);
          }
          break;
        case GENU_INTERVENTION_FIELD_NUMBER:
          genu_intervention_set_number (intervention, field->id, field->min);
          break;
        case GENU_INTERVENTION_FIELD_CHOICE:
          g_assert_cmpint (field->n_choices, >=, 1);
          genu_intervention_set_choice (intervention, field->id, field->choices[0].id);
          break;
        case GENU_INTERVENTION_FIELD_CHOICES:
          {
            const char *ids[3] = { NULL, NULL, NULL };

            g_assert_cmpint (field->n_choices, >=, 2);
            ids[0] = field->choices[0].id;
            ids[1] = field->choices[1].id;
            genu_intervention_set_choices (intervention, field->id, ids);
          }
          break;
        case GENU_INTERVENTION_FIELD_BOOL:
          genu_intervention_set_bool (intervention, field->id, TRUE);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  genu_intervention_set_note (intervention, "Notiz: gut vertragen ✓");

  {
    g_autoptr(GPtrArray) errors = genu_intervention_validate (intervention);
    g_assert_cmpint (errors->len, ==, 0);
  }
  return intervention;
}

/* A valid session: one exercise. */
static GenuSession *
new_session (Fixture    *fixture,
             const char *date)
{
  GenuSession *session = genu_session_new ();
  g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);

  genu_session_set_patient_id (session, patient_id (fixture));
  genu_session_set_text (session, GENU_SESSION_DATE, date);
  genu_session_set_text (session, GENU_SESSION_THERAPIST, "Łukasz Żółć");
  genu_intervention_set_text (exercise, "exercise", "Side-lying hip abduction");
  genu_intervention_set_number (exercise, "sets", 3);
  genu_intervention_set_number (exercise, "reps", 15);
  genu_session_add_intervention (session, exercise);
  return session;
}

static void
assert_session_stored (GenuStore   *store,
                       GenuSession *expected)
{
  g_autoptr(GError) error = NULL;
  GenuSession *stored = genu_store_get_session (store, genu_session_get_id (expected), &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (genu_session_equal (stored, expected));
  g_assert_cmpstr (genu_session_get_created_at (stored), ==,
                   genu_session_get_created_at (expected));
  g_assert_cmpstr (genu_session_get_updated_at (stored), ==,
                   genu_session_get_updated_at (expected));
  g_assert_finalize_object (stored);
}

static void
test_session_every_intervention (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuSession) session = genu_session_new ();
  g_autoptr(GenuPlan) plan = new_plan (fixture, "2024-03-01");
  g_autofree char *kinds = NULL;
  GString *expected_kinds = g_string_new (NULL);

  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  genu_session_set_patient_id (session, patient_id (fixture));
  genu_session_set_plan_id (session, genu_plan_get_id (plan));
  genu_session_set_text (session, GENU_SESSION_DATE, " 2024-03-18 ");
  genu_session_set_text (session, GENU_SESSION_THERAPIST, " Łukasz Żółć ");
  genu_session_set_text (session, GENU_SESSION_NOTES,
                         "  Schmerz innen ↓, 膝の痛み; محمد\n' \" % _ \\ ;  ");
  genu_session_set_duration_minutes (session, 45);
  genu_session_set_pain_before (session, 0);
  genu_session_set_pain_after (session, 10);
  for (int kind = 0; kind < GENU_INTERVENTION_N_KINDS; kind++)
    {
      g_autoptr(GenuIntervention) intervention = new_full_intervention (kind);

      genu_session_add_intervention (session, intervention);
      g_string_append_printf (expected_kinds, "i:%d|t:%s\n", kind,
                              genu_intervention_kind_to_string (kind));
    }

  g_assert_true (genu_store_save_session (fixture->store, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_session_get_id (session), >, 0);
  g_assert_cmpstr (genu_session_get_text (session, GENU_SESSION_DATE), ==, "2024-03-18");
  g_assert_cmpstr (genu_session_get_text (session, GENU_SESSION_THERAPIST), ==, "Łukasz Żółć");
  g_assert_cmpstr (genu_session_get_text (session, GENU_SESSION_NOTES), ==,
                   "  Schmerz innen ↓, 膝の痛み; محمد\n' \" % _ \\ ;  ");
  g_assert_false (genu_session_is_signed (session));
  assert_timestamp (genu_session_get_created_at (session));
  assert_session_stored (fixture->store, session);

  /* One row per intervention, in order, its details the intervention's JSON. */
  kinds = genu_test_dump_file (fixture->path,
    "SELECT position, kind FROM session_interventions ORDER BY position");
  g_assert_cmpstr (kinds, ==, expected_kinds->str);
  g_string_free (expected_kinds, TRUE);
  {
    GPtrArray *interventions = genu_session_get_interventions (session);
    g_autoptr(JsonNode) node = genu_intervention_to_json (g_ptr_array_index (interventions, 0));
    g_autofree char *json = json_to_string (node, FALSE);
    g_autofree char *expected = g_strdup_printf ("t:%s\n", json);
    g_autofree char *details = genu_test_dump_file (fixture->path,
      "SELECT details FROM session_interventions WHERE position = 0");

    g_assert_cmpstr (details, ==, expected);
  }

  /* Reopened: the same. */
  g_assert_finalize_object (fixture->store);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_session_stored (fixture->store, session);

  /* An update that drops all but one intervention and clears the numbers. */
  for (guint i = genu_session_get_interventions (session)->len - 1; i > 0; i--)
    genu_session_remove_intervention (session, i);
  genu_session_set_duration_minutes (session, GENU_SESSION_UNSET);
  genu_session_set_pain_before (session, GENU_SESSION_UNSET);
  genu_session_set_pain_after (session, GENU_SESSION_UNSET);
  g_assert_true (genu_store_save_session (fixture->store, session, &error));
  g_assert_no_error (error);
  assert_session_stored (fixture->store, session);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM session_interventions"), ==, 1);
  {
    g_autofree char *row = genu_test_dump_file (fixture->path,
      "SELECT duration_minutes, pain_before, pain_after, signed_by, signed_at, amends_id"
      " FROM sessions");
    g_assert_cmpstr (row, ==, "n:|n:|n:|n:|n:|n:\n");
  }
}

static void
test_session_list_and_last (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPlan) plan = new_plan (fixture, "2024-01-01");
  g_autoptr(GenuSession) march = new_session (fixture, "2024-03-18");
  g_autoptr(GenuSession) january = new_session (fixture, "2024-01-15");
  g_autoptr(GenuSession) march_later = new_session (fixture, "2024-03-18");
  g_autoptr(GenuSession) in_plan = new_session (fixture, "2024-02-01");
  g_autoptr(GenuSession) last = NULL;
  g_autoptr(GenuSession) repeat = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 other = save_other_patient (fixture);

  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  genu_session_set_plan_id (in_plan, genu_plan_get_id (plan));
  genu_session_set_text (in_plan, GENU_SESSION_NOTES, "in the plan");
  g_assert_true (genu_store_save_session (fixture->store, march, &error));
  g_assert_true (genu_store_save_session (fixture->store, january, &error));
  g_assert_true (genu_store_save_session (fixture->store, march_later, &error));
  g_assert_true (genu_store_save_session (fixture->store, in_plan, &error));
  g_assert_no_error (error);

  sessions = genu_store_list_sessions (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sessions->len, ==, 4);
  g_assert_true (genu_session_equal (g_ptr_array_index (sessions, 0), march_later));
  g_assert_true (genu_session_equal (g_ptr_array_index (sessions, 1), march));
  g_assert_true (genu_session_equal (g_ptr_array_index (sessions, 2), in_plan));
  g_assert_true (genu_session_equal (g_ptr_array_index (sessions, 3), january));
  g_clear_pointer (&sessions, g_ptr_array_unref);

  sessions = genu_store_list_sessions (fixture->store, other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sessions->len, ==, 0);

  /* The last of any plan, and the last of the plan. */
  last = genu_store_get_last_session (fixture->store, patient_id (fixture), 0, &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (last, march_later));
  g_clear_object (&last);
  last = genu_store_get_last_session (fixture->store, patient_id (fixture),
                                      genu_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (last, in_plan));

  /* It is what "repeat last session" starts from. */
  repeat = genu_session_repeat (last);
  g_assert_cmpint (genu_session_get_id (repeat), ==, 0);
  g_assert_cmpint (genu_session_get_interventions (repeat)->len, ==, 1);
  g_clear_object (&last);

  /* None: NULL without an error. */
  last = genu_store_get_last_session (fixture->store, other, 0, &error);
  g_assert_no_error (error);
  g_assert_null (last);

  /* Unknown: not found. */
  g_assert_null (genu_store_get_session (fixture->store, 999, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_session_refusals (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuSession) session = new_session (fixture, "2024-03-18");
  g_autoptr(GenuPlan) other_plan = NULL;
  g_autoptr(GenuPlan) blocking = new_plan (fixture, "2024-03-01");
  static const char * const contraindication[] = { "anticoagulants_bleeding", NULL };
  gint64 other = save_other_patient (fixture);

  /* No therapist, no intervention: INVALID, the first field first. */
  genu_session_set_text (session, GENU_SESSION_THERAPIST, " ");
  genu_session_remove_intervention (session, 0);
  g_assert_false (genu_store_save_session (fixture->store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "therapist: "));
  g_assert_nonnull (strstr (error->message, "\ninterventions: "));
  g_clear_error (&error);
  g_clear_object (&session);

  /* An unknown patient. */
  session = new_session (fixture, "2024-03-18");
  genu_session_set_patient_id (session, 999);
  g_assert_false (genu_store_save_session (fixture->store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A plan of another patient. */
  other_plan = new_plan (fixture, "2024-03-01");
  genu_plan_set_patient_id (other_plan, other);
  g_assert_true (genu_store_save_plan (fixture->store, other_plan, &error));
  g_assert_no_error (error);
  genu_session_set_patient_id (session, patient_id (fixture));
  genu_session_set_plan_id (session, genu_plan_get_id (other_plan));
  g_assert_false (genu_store_save_session (fixture->store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "plan_id: "));
  g_clear_error (&error);

  /* IASTM in a plan whose screening found a contraindication nobody acknowledged. */
  genu_plan_set_screening_done (blocking, TRUE);
  genu_plan_set_contraindications (blocking, contraindication);
  g_assert_true (genu_store_save_plan (fixture->store, blocking, &error));
  g_assert_no_error (error);
  g_assert_true (genu_plan_screening_blocks (blocking));
  genu_session_set_plan_id (session, genu_plan_get_id (blocking));
  {
    g_autoptr(GenuIntervention) iastm = new_full_intervention (GENU_INTERVENTION_IASTM);
    genu_session_add_intervention (session, iastm);
  }
  g_assert_false (genu_store_save_session (fixture->store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "interventions: "));
  g_clear_error (&error);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM sessions"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM session_interventions"), ==, 0);

  /* Acknowledged: allowed. */
  genu_plan_set_acknowledgement (blocking, "Łukasz Żółć", "");
  g_assert_true (genu_store_save_plan (fixture->store, blocking, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_session (fixture->store, session, &error));
  g_assert_no_error (error);
}

/* A failure at the second intervention leaves nothing of a new session behind, and an update
 * that fails leaves the session as it was. */
static void
test_session_atomic (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuSession) session = new_session (fixture, "2024-03-18");
  g_autoptr(GenuSession) saved = new_session (fixture, "2024-03-11");
  g_autoptr(GenuIntervention) education = genu_intervention_new (GENU_INTERVENTION_EDUCATION);
  g_autofree char *sessions_before = NULL;
  g_autofree char *interventions_before = NULL;
  g_autofree char *sessions_after = NULL;
  g_autofree char *interventions_after = NULL;

  g_assert_true (genu_store_save_session (fixture->store, saved, &error));
  g_assert_no_error (error);

  genu_intervention_set_text (education, "topic", "Load and pain");
  genu_session_add_intervention (session, education);
  genu_session_add_intervention (saved, education);
  exec_sql (fixture,
            "CREATE TRIGGER test_fail BEFORE INSERT ON session_interventions"
            " WHEN NEW.position = 1"
            " BEGIN SELECT RAISE (ABORT, 'test: the second intervention fails'); END;");
  sessions_before = genu_test_dump_file (fixture->path, DUMP_SESSIONS);
  interventions_before = genu_test_dump_file (fixture->path, DUMP_SESSION_INTERVENTIONS);

  g_assert_false (genu_store_save_session (fixture->store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "test: the second intervention fails"));
  g_clear_error (&error);
  g_assert_cmpint (genu_session_get_id (session), ==, 0);
  g_assert_cmpstr (genu_session_get_created_at (session), ==, "");

  g_assert_false (genu_store_save_session (fixture->store, saved, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED);
  g_clear_error (&error);

  sessions_after = genu_test_dump_file (fixture->path, DUMP_SESSIONS);
  interventions_after = genu_test_dump_file (fixture->path, DUMP_SESSION_INTERVENTIONS);
  g_assert_cmpstr (sessions_after, ==, sessions_before);
  g_assert_cmpstr (interventions_after, ==, interventions_before);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM sessions"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM session_interventions"), ==, 1);
}

/* Signed sessions */

static void
test_session_signed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuSession) session = new_session (fixture, "2024-03-18");
  g_autoptr(GenuSession) stored = NULL;
  g_autofree char *sessions_before = NULL;
  g_autofree char *interventions_before = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  genu_session_set_text (session, GENU_SESSION_NOTES, "Gut vertragen.");
  g_assert_true (genu_store_save_session (fixture->store, session, &error));
  g_assert_no_error (error);
  id = genu_session_get_id (session);

  /* Nobody to sign: refused. */
  g_assert_false (genu_store_sign_session (fixture->store, id, "  ", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (genu_store_sign_session (fixture->store, 999, "Anna", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (genu_store_sign_session (fixture->store, id, " Łukasz Żółć ", &error));
  g_assert_no_error (error);
  stored = genu_store_get_session (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_is_signed (stored));
  g_assert_cmpstr (genu_session_get_signed_by (stored), ==, "Łukasz Żółć");
  assert_timestamp (genu_session_get_signed_at (stored));
  g_assert_cmpstr (genu_session_get_text (stored, GENU_SESSION_NOTES), ==, "Gut vertragen.");

  sessions_before = genu_test_dump_file (fixture->path, DUMP_SESSIONS);
  interventions_before = genu_test_dump_file (fixture->path, DUMP_SESSION_INTERVENTIONS);

  /* Signing twice: refused, saying by whom. */
  g_assert_false (genu_store_sign_session (fixture->store, id, "Anna", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "already signed by Łukasz Żółć on "));
  g_clear_error (&error);

  /* Saving it again, changed or not: refused by the store with its own message. */
  genu_session_set_text (stored, GENU_SESSION_NOTES, "Changed afterwards");
  g_assert_false (genu_store_save_session (fixture->store, stored, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_assert_cmpstr (error->message, ==, "This session note is signed: add an amendment instead.");
  g_clear_error (&error);
  g_assert_false (genu_store_save_session (fixture->store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  /* The key test: straight through SQLite, past the store, the triggers refuse. */
  sql = g_strdup_printf ("UPDATE sessions SET notes = 'x' WHERE id = %" G_GINT64_FORMAT, id);
  assert_sql_refused (fixture, sql, SESSION_MESSAGE);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE sessions SET signed_by = NULL, signed_at = NULL"
                         " WHERE id = %" G_GINT64_FORMAT, id);
  assert_sql_refused (fixture, sql, SESSION_MESSAGE);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM sessions WHERE id = %" G_GINT64_FORMAT, id);
  assert_sql_refused (fixture, sql, SESSION_DELETE_MESSAGE);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE session_interventions SET details = '{\"kind\":\"exercise\"}'"
                         " WHERE session_id = %" G_GINT64_FORMAT, id);
  assert_sql_refused (fixture, sql, SESSION_MESSAGE);
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM session_interventions WHERE session_id = %" G_GINT64_FORMAT,
                         id);
  assert_sql_refused (fixture, sql, SESSION_MESSAGE);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO session_interventions (session_id, position, kind, details)"
                         " VALUES (%" G_GINT64_FORMAT ", 5, 'education',"
                         " '{\"kind\":\"education\",\"fields\":{\"topic\":\"x\"}}')", id);
  assert_sql_refused (fixture, sql, SESSION_MESSAGE);

  /* Nothing changed, and the store still reads the note as it was signed. */
  {
    g_autofree char *sessions_after = genu_test_dump_file (fixture->path, DUMP_SESSIONS);
    g_autofree char *interventions_after = genu_test_dump_file (fixture->path,
                                                                DUMP_SESSION_INTERVENTIONS);
    g_autoptr(GenuSession) again = genu_store_get_session (fixture->store, id, &error);

    g_assert_cmpstr (sessions_after, ==, sessions_before);
    g_assert_cmpstr (interventions_after, ==, interventions_before);
    g_assert_no_error (error);
    g_assert_cmpstr (genu_session_get_text (again, GENU_SESSION_NOTES), ==, "Gut vertragen.");
    g_assert_cmpstr (genu_session_get_signed_at (again), ==,
                     genu_session_get_signed_at (stored));
  }

  /* An unsigned session of the same file is still free to change and delete. */
  {
    g_autoptr(GenuSession) unsigned_session = new_session (fixture, "2024-03-19");

    g_assert_true (genu_store_save_session (fixture->store, unsigned_session, &error));
    g_assert_no_error (error);
    g_free (sql);
    sql = g_strdup_printf ("UPDATE sessions SET notes = 'x' WHERE id = %" G_GINT64_FORMAT ";"
                           "DELETE FROM sessions WHERE id = %" G_GINT64_FORMAT,
                           genu_session_get_id (unsigned_session),
                           genu_session_get_id (unsigned_session));
    exec_sql (fixture, sql);
  }
}

static void
test_session_amend (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuSession) original = new_session (fixture, "2024-03-18");
  g_autoptr(GenuSession) unsigned_session = new_session (fixture, "2024-03-19");
  g_autoptr(GenuSession) amendment = NULL;
  g_autoptr(GenuSession) second = NULL;
  g_autoptr(GenuSession) stored = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autofree char *original_before = NULL;
  g_autofree char *sessions_before = NULL;
  g_autofree char *original_sql = NULL;
  gint64 id;

  g_assert_true (genu_store_save_session (fixture->store, original, &error));
  g_assert_true (genu_store_save_session (fixture->store, unsigned_session, &error));
  id = genu_session_get_id (original);
  g_assert_true (genu_store_sign_session (fixture->store, id, "Łukasz Żółć", &error));
  g_assert_no_error (error);
  original_sql = g_strdup_printf ("SELECT * FROM sessions WHERE id = %" G_GINT64_FORMAT
                                  " UNION ALL SELECT session_id, position, kind, details, NULL,"
                                  " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
                                  " FROM session_interventions WHERE session_id = %"
                                  G_GINT64_FORMAT, id, id);
  original_before = genu_test_dump_file (fixture->path, original_sql);

  amendment = genu_session_repeat (original);
  genu_session_set_text (amendment, GENU_SESSION_DATE, "2024-03-18");
  genu_session_set_text (amendment, GENU_SESSION_THERAPIST, "Łukasz Żółć");
  genu_session_set_text (amendment, GENU_SESSION_NOTES, "Left knee, not right.");

  /* Without a reason: refused, nothing written. */
  sessions_before = genu_test_dump_file (fixture->path, DUMP_SESSIONS);
  g_assert_false (genu_store_amend_session (fixture->store, id, amendment, "  ", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "amendment_reason: "));
  g_clear_error (&error);

  /* Amending an unsigned note: refused (change it instead). */
  g_assert_false (genu_store_amend_session (fixture->store,
                                            genu_session_get_id (unsigned_session), amendment,
                                            "typo", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not signed"));
  g_clear_error (&error);

  /* Amending a note that does not exist. */
  g_assert_false (genu_store_amend_session (fixture->store, 999, amendment, "typo", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *sessions_after = genu_test_dump_file (fixture->path, DUMP_SESSIONS);
    g_assert_cmpstr (sessions_after, ==, sessions_before);
  }
  g_assert_cmpint (genu_session_get_id (amendment), ==, 0);

  /* With a reason: a new session, the original untouched. */
  g_assert_true (genu_store_amend_session (fixture->store, id, amendment,
                                           " Wrong side recorded ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_session_get_id (amendment), >, id);
  g_assert_cmpint (genu_session_get_amends_id (amendment), ==, id);
  g_assert_cmpstr (genu_session_get_text (amendment, GENU_SESSION_AMENDMENT_REASON), ==,
                   "Wrong side recorded");
  assert_session_stored (fixture->store, amendment);
  {
    g_autofree char *original_after = genu_test_dump_file (fixture->path, original_sql);
    g_assert_cmpstr (original_after, ==, original_before);
  }
  stored = genu_store_get_session (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_is_signed (stored));
  g_assert_cmpint (genu_session_get_amends_id (stored), ==, 0);

  /* An amendment is a session like others until it is signed: it can be changed... */
  genu_session_set_text (amendment, GENU_SESSION_NOTES, "Left knee, medial.");
  g_assert_true (genu_store_save_session (fixture->store, amendment, &error));
  g_assert_no_error (error);
  assert_session_stored (fixture->store, amendment);

  /* ...but it stays the amendment of its note. */
  genu_session_set_amends_id (amendment, 0);
  g_assert_false (genu_store_save_session (fixture->store, amendment, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  genu_session_set_amends_id (amendment, id);

  /* A second amendment, and the list of both, oldest first. */
  second = genu_session_repeat (original);
  genu_session_set_text (second, GENU_SESSION_DATE, "2024-03-20");
  genu_session_set_text (second, GENU_SESSION_THERAPIST, "Anna Baker");
  g_assert_true (genu_store_amend_session (fixture->store, id, second, "Pain after was missing",
                                           &error));
  g_assert_no_error (error);
  amendments = genu_store_list_amendments (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (amendments->len, ==, 2);
  g_assert_true (genu_session_equal (g_ptr_array_index (amendments, 0), amendment));
  g_assert_true (genu_session_equal (g_ptr_array_index (amendments, 1), second));
  g_clear_pointer (&amendments, g_ptr_array_unref);
  amendments = genu_store_list_amendments (fixture->store, genu_session_get_id (second), &error);
  g_assert_no_error (error);
  g_assert_cmpint (amendments->len, ==, 0);

  /* A signed amendment is as immutable as any signed note. */
  g_assert_true (genu_store_sign_session (fixture->store, genu_session_get_id (amendment),
                                          "Łukasz Żółć", &error));
  g_assert_no_error (error);
  g_assert_false (genu_store_save_session (fixture->store, amendment, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  /* An amendment of another patient's note: refused. */
  {
    g_autoptr(GenuSession) foreign = new_session (fixture, "2024-03-21");

    genu_session_set_patient_id (foreign, save_other_patient (fixture));
    g_assert_false (genu_store_amend_session (fixture->store, id, foreign, "typo", &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* The note being amended stays: deleting it is refused. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM sessions WHERE id = %" G_GINT64_FORMAT,
                                            id);
    assert_sql_refused (fixture, sql, SESSION_DELETE_MESSAGE);
  }
}

/* Signed visits */

static GenuVisit *
new_evaluation (Fixture    *fixture,
                const char *date)
{
  GenuVisit *visit = genu_visit_new ();
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  GenuFindings *findings = genu_assessment_get_findings (assessment);

  genu_visit_set_patient_id (visit, patient_id (fixture));
  genu_visit_set_kind (visit, GENU_VISIT_INITIAL_EVALUATION);
  genu_visit_set_text (visit, GENU_VISIT_DATE, date);
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Łukasz Żółć");
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "Schmerz innen");
  genu_assessment_set_side (assessment, GENU_SIDE_RIGHT);
  genu_findings_set_number (findings, "nprs_now", 3);
  genu_findings_set_bool (findings, "loc_joint_line", TRUE);
  genu_visit_set_assessment (visit, assessment);
  return visit;
}

static void
test_visit_signed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuVisit) visit = new_evaluation (fixture, "2024-03-18");
  g_autoptr(GenuVisit) amendment = NULL;
  g_autoptr(GenuVisit) stored = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autofree char *signed_by = NULL;
  g_autofree char *signed_at = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *visits_before = NULL;
  g_autofree char *assessments_before = NULL;
  g_autofree char *findings_before = NULL;
  gint64 amends_id = -1;
  gint64 id;

  g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  id = genu_visit_get_id (visit);

  /* Unsigned at first. */
  g_assert_true (genu_store_get_visit_signature (fixture->store, id, &signed_by, &signed_at,
                                                 &amends_id, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signed_by, ==, "");
  g_assert_cmpstr (signed_at, ==, "");
  g_assert_cmpint (amends_id, ==, 0);
  g_assert_cmpstr (reason, ==, "");
  g_clear_pointer (&signed_by, g_free);
  g_clear_pointer (&signed_at, g_free);
  g_clear_pointer (&reason, g_free);

  g_assert_true (genu_store_sign_visit (fixture->store, id, "Łukasz Żółć", &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_get_visit_signature (fixture->store, id, &signed_by, &signed_at,
                                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signed_by, ==, "Łukasz Żółć");
  assert_timestamp (signed_at);

  visits_before = genu_test_dump_file (fixture->path, DUMP_VISIT_ROWS);
  assessments_before = genu_test_dump_file (fixture->path, DUMP_ASSESSMENT_ROWS);
  findings_before = genu_test_dump_file (fixture->path, DUMP_FINDING_ROWS);

  /* Twice: refused. */
  g_assert_false (genu_store_sign_visit (fixture->store, id, "Anna", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_assert_nonnull (strstr (error->message, "already signed by Łukasz Żółć on "));
  g_clear_error (&error);

  /* Saved again: refused by the store. */
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "changed");
  g_assert_false (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_assert_cmpstr (error->message, ==, "This visit note is signed: add an amendment instead.");
  g_clear_error (&error);

  /* Straight through SQLite: the visit, its assessment and its findings. */
  {
    /* "$ID" stands for the visit's id. */
    static const struct {
      const char *sql;
      const char *message;
    } refused[] = {
      { "UPDATE visits SET subjective = 'x' WHERE id = $ID", VISIT_MESSAGE },
      { "UPDATE visits SET signed_by = NULL, signed_at = NULL WHERE id = $ID", VISIT_MESSAGE },
      { "DELETE FROM visits WHERE id = $ID", VISIT_DELETE_MESSAGE },
      { "UPDATE knee_assessments SET notes = 'x' WHERE visit_id = $ID", VISIT_MESSAGE },
      { "DELETE FROM knee_assessments WHERE visit_id = $ID", VISIT_MESSAGE },
      { "UPDATE assessment_findings SET grade = 1 WHERE visit_id = $ID", VISIT_MESSAGE },
      { "DELETE FROM assessment_findings WHERE visit_id = $ID", VISIT_MESSAGE },
      { "INSERT INTO assessment_findings (visit_id, finding_id, state)"
        " VALUES ($ID, 'effusion', 'absent')", VISIT_MESSAGE },
    };
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_auto(GStrv) parts = g_strsplit (refused[i].sql, "$ID", -1);
        g_autofree char *sql = g_strjoinv (id_text, parts);

        assert_sql_refused (fixture, sql, refused[i].message);
      }
  }
  {
    g_autofree char *visits_after = genu_test_dump_file (fixture->path, DUMP_VISIT_ROWS);
    g_autofree char *assessments_after = genu_test_dump_file (fixture->path,
                                                              DUMP_ASSESSMENT_ROWS);
    g_autofree char *findings_after = genu_test_dump_file (fixture->path, DUMP_FINDING_ROWS);

    g_assert_cmpstr (visits_after, ==, visits_before);
    g_assert_cmpstr (assessments_after, ==, assessments_before);
    g_assert_cmpstr (findings_after, ==, findings_before);
  }
  stored = genu_store_get_visit (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (genu_visit_get_text (stored, GENU_VISIT_SUBJECTIVE), ==, "Schmerz innen");

  /* An amendment: without a reason refused, with one saved next to the original. */
  amendment = genu_visit_copy (stored);
  genu_visit_set_id (amendment, 0);
  genu_visit_set_text (amendment, GENU_VISIT_SUBJECTIVE, "Schmerz innen, links");
  g_assert_false (genu_store_amend_visit (fixture->store, id, amendment, "", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (genu_store_amend_visit (fixture->store, id, amendment, "Wrong side", &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_visit_get_id (amendment), >, id);

  g_assert_true (genu_store_get_visit_signature (fixture->store, genu_visit_get_id (amendment),
                                                 NULL, NULL, &amends_id, &reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (amends_id, ==, id);
  g_assert_cmpstr (reason, ==, "Wrong side");

  amendments = genu_store_list_visit_amendments (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (amendments->len, ==, 1);
  g_assert_true (genu_visit_equal (g_ptr_array_index (amendments, 0), amendment));
  /* The original, its assessment and findings are as they were signed; the amendment's rows come
   * after them. */
  {
    g_autofree char *visits_after = genu_test_dump_file (fixture->path, DUMP_VISIT_ROWS);
    g_autofree char *assessments_after = genu_test_dump_file (fixture->path,
                                                              DUMP_ASSESSMENT_ROWS);
    g_autofree char *findings_after = genu_test_dump_file (fixture->path, DUMP_FINDING_ROWS);

    g_assert_true (g_str_has_prefix (visits_after, visits_before));
    g_assert_true (g_str_has_prefix (assessments_after, assessments_before));
    g_assert_true (g_str_has_prefix (findings_after, findings_before));
    g_assert_cmpint (strlen (visits_after), >, strlen (visits_before));
  }

  /* The amendment is unsigned: it can still be changed, and keeps what it amends. */
  genu_visit_set_text (amendment, GENU_VISIT_SUBJECTIVE, "Schmerz innen, links, seit März");
  g_assert_true (genu_store_save_visit (fixture->store, amendment, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_get_visit_signature (fixture->store, genu_visit_get_id (amendment),
                                                 NULL, NULL, &amends_id, NULL, &error));
  g_assert_cmpint (amends_id, ==, id);

  /* Amending an unsigned visit is refused. */
  {
    g_autoptr(GenuVisit) again = genu_visit_copy (stored);

    genu_visit_set_id (again, 0);
    g_assert_false (genu_store_amend_visit (fixture->store, genu_visit_get_id (amendment), again,
                                            "typo", &error));
    g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* Outcomes */

static void
test_outcome_lefs (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuOutcome) full = genu_outcome_new ();
  g_autoptr(GenuOutcome) missing = genu_outcome_new ();
  g_autoptr(GenuOutcome) unscored = genu_outcome_new ();
  g_autoptr(GenuOutcome) stored = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GenuPlan) plan = new_plan (fixture, "2024-01-01");
  g_autofree char *scores = NULL;
  double score = -1;

  g_assert_true (genu_store_save_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  /* All 20 items: the sum. */
  genu_outcome_set_patient_id (full, patient_id (fixture));
  genu_outcome_set_plan_id (full, genu_plan_get_id (plan));
  genu_outcome_set_date (full, "2024-03-18");
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    genu_outcome_set_item (full, item, item % 5);

  /* Two items missing: the mean of the others × 20; 3 × 20 = 60. */
  genu_outcome_set_patient_id (missing, patient_id (fixture));
  genu_outcome_set_date (missing, " 2024-01-15 ");
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    genu_outcome_set_item (missing, item, item == 4 || item == 17 ? GENU_LEFS_MISSING : 3);

  /* Five missing: kept, not scored. */
  genu_outcome_set_patient_id (unscored, patient_id (fixture));
  genu_outcome_set_date (unscored, "2024-02-01");
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    genu_outcome_set_item (unscored, item, item <= 5 ? GENU_LEFS_MISSING : 4);

  g_assert_true (genu_store_save_outcome (fixture->store, full, &error));
  g_assert_true (genu_store_save_outcome (fixture->store, missing, &error));
  g_assert_true (genu_store_save_outcome (fixture->store, unscored, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (genu_outcome_get_date (missing), ==, "2024-01-15");
  assert_timestamp (genu_outcome_get_created_at (full));

  stored = genu_store_get_outcome (fixture->store, genu_outcome_get_id (missing), &error);
  g_assert_no_error (error);
  g_assert_true (genu_outcome_equal (stored, missing));
  g_assert_cmpint (genu_outcome_get_item (stored, 4), ==, GENU_LEFS_MISSING);
  g_assert_cmpint (genu_outcome_get_n_missing (stored), ==, 2);
  g_assert_true (genu_outcome_get_score (stored, &score));
  g_assert_cmpfloat (score, ==, 60);

  /* The stored score, as SQL sees it: for the chart and the reports. */
  scores = genu_test_dump_file (fixture->path, "SELECT id, score FROM outcomes ORDER BY id");
  g_assert_cmpstr (scores, ==, "i:1|r:40.0\ni:2|r:60.0\ni:3|n:\n");
  {
    g_autofree char *items = genu_test_dump_file (fixture->path,
      "SELECT items FROM outcomes WHERE id = 2");
    g_assert_cmpstr (items, ==,
                     "t:[3,3,3,null,3,3,3,3,3,3,3,3,3,3,3,3,null,3,3,3]\n");
  }

  /* Oldest first. */
  outcomes = genu_store_list_outcomes (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcomes->len, ==, 3);
  g_assert_true (genu_outcome_equal (g_ptr_array_index (outcomes, 0), missing));
  g_assert_true (genu_outcome_equal (g_ptr_array_index (outcomes, 1), unscored));
  g_assert_true (genu_outcome_equal (g_ptr_array_index (outcomes, 2), full));
  g_assert_false (genu_outcome_get_score (g_ptr_array_index (outcomes, 1), &score));

  /* An update. */
  genu_outcome_set_item (full, 1, 4);
  g_assert_true (genu_store_save_outcome (fixture->store, full, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = genu_store_get_outcome (fixture->store, genu_outcome_get_id (full), &error);
  g_assert_no_error (error);
  g_assert_true (genu_outcome_equal (stored, full));
  g_clear_pointer (&scores, g_free);
  scores = genu_test_dump_file (fixture->path, "SELECT score FROM outcomes WHERE id = 1");
  g_assert_cmpstr (scores, ==, "r:43.0\n");

  /* Refused: an item out of range, an unknown patient. */
  genu_outcome_set_item (full, 2, 5);
  g_assert_false (genu_store_save_outcome (fixture->store, full, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "items.2: "));
  g_clear_error (&error);
  genu_outcome_set_item (full, 2, 2);
  genu_outcome_set_patient_id (full, 999);
  g_assert_false (genu_store_save_outcome (fixture->store, full, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/plan/round-trip", test_plan_round_trip);
  ADD ("/store/plan/list-and-refusals", test_plan_list_and_refusals);
  ADD ("/store/plan/atomic", test_plan_atomic);
  ADD ("/store/session/every-intervention", test_session_every_intervention);
  ADD ("/store/session/list-and-last", test_session_list_and_last);
  ADD ("/store/session/refusals", test_session_refusals);
  ADD ("/store/session/atomic", test_session_atomic);
  ADD ("/store/session/signed", test_session_signed);
  ADD ("/store/session/amend", test_session_amend);
  ADD ("/store/visit/signed", test_visit_signed);
  ADD ("/store/outcome/lefs", test_outcome_lefs);

#undef ADD

  return g_test_run ();
}
