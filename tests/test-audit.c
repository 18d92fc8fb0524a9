/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "genu-audit.h"
#include "genu-store.h"

#include "genu-test-cli.h"

/* The audit trail (issue 7): every change the store makes writes exactly one entry, in the same
 * transaction; nothing else writes one; the table refuses to be changed; and `verify` (library
 * and genu-cli) finds the very entry that was tampered with. */

typedef struct {
  Fixture      base;      /* dir and database, as genu-test-cli.h has them */
  GenuStore   *store;
  GenuPatient *patient;
} AuditFixture;

static void
audit_set_up (AuditFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (&fixture->base, data);
  fixture->store = genu_store_open (fixture->base.database, &error);
  g_assert_no_error (error);
  genu_store_set_therapist (fixture->store, "  Mira Kaur ");

  fixture->patient = genu_patient_new ();
  genu_patient_set_text (fixture->patient, GENU_PATIENT_FAMILY_NAME, "Ångström");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_PHONE, "030 1234");
  g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);
}

static void
audit_tear_down (AuditFixture  *fixture,
                 gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  fixture_tear_down (&fixture->base, data);
}

static gint64
patient_id (AuditFixture *fixture)
{
  return genu_patient_get_id (fixture->patient);
}

static GPtrArray *
list_all (AuditFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = genu_store_list_audit (fixture->store, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static guint
count_entries (AuditFixture *fixture)
{
  g_autoptr(GPtrArray) entries = list_all (fixture);

  return entries->len;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_string_member (object, member);
}

/* The one entry the last change wrote: there are @n_expected entries now, and the newest is
 * @action on @kind @record_id of @patient by @therapist. */
static GenuAuditEntry *
assert_new_entry (AuditFixture    *fixture,
                  guint            n_expected,
                  GenuAuditAction  action,
                  const char      *kind,
                  gint64           record_id,
                  const char      *therapist)
{
  g_autoptr(GPtrArray) entries = list_all (fixture);
  GenuAuditEntry *entry;

  g_assert_cmpuint (entries->len, ==, n_expected);
  entry = g_ptr_array_index (entries, entries->len - 1);
  g_assert_cmpint (entry->id, ==, n_expected);
  g_assert_cmpstr (genu_audit_action_to_string (entry->action), ==,
                   genu_audit_action_to_string (action));
  g_assert_cmpstr (entry->record_kind, ==, kind);
  g_assert_cmpint (entry->record_id, ==, record_id);
  g_assert_cmpint (entry->patient_id, ==, patient_id (fixture));
  g_assert_cmpstr (entry->therapist, ==, therapist);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       entry->at, 0, 0));
  g_assert_cmpint (strlen (entry->hash), ==, 64);
  g_assert_nonnull (entry->new_values);
  if (action == GENU_AUDIT_CREATE)
    g_assert_null (entry->old_values);
  else
    g_assert_nonnull (entry->old_values);
  return genu_audit_entry_copy (entry);
}

static void
expect_entry (AuditFixture    *fixture,
              guint            n_expected,
              GenuAuditAction  action,
              const char      *kind,
              gint64           record_id,
              const char      *therapist)
{
  genu_audit_entry_free (assert_new_entry (fixture, n_expected, action, kind, record_id,
                                           therapist));
}

static void
assert_verified (AuditFixture *fixture,
                 gint64        n_expected)
{
  g_autoptr(GError) error = NULL;
  gint64 bad_id = -1;
  gint64 n = -1;

  g_assert_true (genu_store_verify_audit (fixture->store, &bad_id, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad_id, ==, 0);
  g_assert_cmpint (n, ==, n_expected);
}

static GenuVisit *
new_visit (AuditFixture *fixture)
{
  GenuVisit *visit = genu_visit_new ();

  genu_visit_set_patient_id (visit, patient_id (fixture));
  genu_visit_set_kind (visit, GENU_VISIT_FOLLOW_UP);
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-03-18");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Łukasz Żółć");
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "Pain on stairs.");
  return visit;
}

static GenuSession *
new_session (AuditFixture *fixture)
{
  GenuSession *session = genu_session_new ();
  g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);

  genu_session_set_patient_id (session, patient_id (fixture));
  genu_session_set_text (session, GENU_SESSION_DATE, "2024-03-19");
  genu_session_set_text (session, GENU_SESSION_THERAPIST, "Ben Ode");
  genu_intervention_set_text (exercise, "exercise", "Side-lying hip abduction");
  genu_intervention_set_number (exercise, "sets", 3);
  genu_session_add_intervention (session, exercise);
  return session;
}

/* Every kind of change writes one entry with its action, record, patient, therapist and the
 * record before and after; the chain then verifies. */
static void
test_audit_each_change (AuditFixture  *fixture,
                        gconstpointer  data)
{
  GenuStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  guint n = 1;

  /* The patient of the fixture: created, by the store's therapist (stripped). */
  {
    g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, n, GENU_AUDIT_CREATE, "patient",
                                                        patient_id (fixture), "Mira Kaur");
    g_autoptr(JsonObject) after = parse_object (entry->new_values);

    g_assert_cmpstr (member_string (after, "family_name"), ==, "Ångström");
    g_assert_cmpint (json_object_get_int_member (after, "id"), ==, patient_id (fixture));
    g_assert_cmpstr (entry->prev_hash, ==, GENU_AUDIT_FIRST_PREV_HASH);
  }

  /* Updated: the old phone before, the new one after. */
  genu_store_set_therapist (store, NULL);
  genu_patient_set_text (fixture->patient, GENU_PATIENT_PHONE, "030 9999");
  g_assert_true (genu_store_save_patient (store, fixture->patient, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_UPDATE,
                                                        "patient", patient_id (fixture), "");
    g_autoptr(JsonObject) before = parse_object (entry->old_values);
    g_autoptr(JsonObject) after = parse_object (entry->new_values);

    g_assert_cmpstr (member_string (before, "phone"), ==, "030 1234");
    g_assert_cmpstr (member_string (after, "phone"), ==, "030 9999");
  }

  /* Archived and restored. */
  genu_store_set_therapist (store, "Mira Kaur");
  g_assert_true (genu_store_set_patient_archived (store, patient_id (fixture), TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_ARCHIVE,
                                                        "patient", patient_id (fixture),
                                                        "Mira Kaur");
    g_autoptr(JsonObject) before = parse_object (entry->old_values);
    g_autoptr(JsonObject) after = parse_object (entry->new_values);

    g_assert_false (json_object_get_boolean_member (before, "archived"));
    g_assert_true (json_object_get_boolean_member (after, "archived"));
  }
  g_assert_true (genu_store_set_patient_archived (store, patient_id (fixture), FALSE, &error));
  g_assert_no_error (error);
  expect_entry (fixture, ++n, GENU_AUDIT_RESTORE, "patient", patient_id (fixture), "Mira Kaur");

  /* A visit: created and changed by its own therapist, signed by the signer, amended. */
  {
    g_autoptr(GenuVisit) visit = new_visit (fixture);
    g_autoptr(GenuVisit) amendment = new_visit (fixture);
    gint64 visit_id;

    g_assert_true (genu_store_save_visit (store, visit, &error));
    g_assert_no_error (error);
    visit_id = genu_visit_get_id (visit);
    expect_entry (fixture, ++n, GENU_AUDIT_CREATE, "visit", visit_id, "Łukasz Żółć");

    genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "Pain on stairs, less at night.");
    g_assert_true (genu_store_save_visit (store, visit, &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_UPDATE,
                                                          "visit", visit_id, "Łukasz Żółć");
      g_autoptr(JsonObject) before = parse_object (entry->old_values);
      g_autoptr(JsonObject) after = parse_object (entry->new_values);

      g_assert_cmpstr (member_string (before, "subjective"), ==, "Pain on stairs.");
      g_assert_cmpstr (member_string (after, "subjective"), ==,
                       "Pain on stairs, less at night.");
    }

    g_assert_true (genu_store_sign_visit (store, visit_id, " Anna Berg ", &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_SIGN,
                                                          "visit", visit_id, "Anna Berg");
      g_autoptr(JsonObject) after = parse_object (entry->new_values);

      g_assert_null (strstr (entry->old_values, "Anna Berg"));
      g_assert_cmpstr (member_string (after, "signed_by"), ==, "Anna Berg");
    }

    genu_visit_set_text (amendment, GENU_VISIT_SUBJECTIVE, "Pain on stairs (left knee).");
    g_assert_true (genu_store_amend_visit (store, visit_id, amendment, "wrong side", &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_AMEND,
                                                          "visit",
                                                          genu_visit_get_id (amendment),
                                                          "Łukasz Żółć");
      g_autoptr(JsonObject) before = parse_object (entry->old_values);
      g_autoptr(JsonObject) after = parse_object (entry->new_values);

      /* Before: the signed note it corrects; after: the amendment. */
      g_assert_cmpint (json_object_get_int_member (before, "id"), ==, visit_id);
      g_assert_cmpint (json_object_get_int_member (after, "id"), ==,
                       genu_visit_get_id (amendment));
      g_assert_cmpint (json_object_get_int_member (after, "amends_id"), ==, visit_id);
      g_assert_cmpstr (member_string (after, "amendment_reason"), ==, "wrong side");
    }
  }

  /* A plan, created and changed. */
  {
    g_autoptr(GenuPlan) plan = genu_plan_new ();

    genu_plan_set_patient_id (plan, patient_id (fixture));
    genu_plan_set_text (plan, GENU_PLAN_START_DATE, "2024-03-18");
    genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine bursitis");
    g_assert_true (genu_store_save_plan (store, plan, &error));
    g_assert_no_error (error);
    expect_entry (fixture, ++n, GENU_AUDIT_CREATE, "plan", genu_plan_get_id (plan), "Mira Kaur");
    genu_plan_set_text (plan, GENU_PLAN_NOTES, "Review in 4 weeks");
    g_assert_true (genu_store_save_plan (store, plan, &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_UPDATE,
                                                          "plan", genu_plan_get_id (plan),
                                                          "Mira Kaur");
      g_assert_null (strstr (entry->old_values, "Review in 4 weeks"));
      g_assert_nonnull (strstr (entry->new_values, "Review in 4 weeks"));
    }
  }

  /* A session: created, changed, signed, amended. */
  {
    g_autoptr(GenuSession) session = new_session (fixture);
    g_autoptr(GenuSession) amendment = new_session (fixture);
    gint64 session_id;

    g_assert_true (genu_store_save_session (store, session, &error));
    g_assert_no_error (error);
    session_id = genu_session_get_id (session);
    expect_entry (fixture, ++n, GENU_AUDIT_CREATE, "session", session_id, "Ben Ode");
    genu_session_set_text (session, GENU_SESSION_NOTES, "Tolerated well.");
    g_assert_true (genu_store_save_session (store, session, &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_UPDATE,
                                                          "session", session_id, "Ben Ode");
      g_autoptr(JsonObject) before = parse_object (entry->old_values);
      g_autoptr(JsonObject) after = parse_object (entry->new_values);

      g_assert_cmpstr (member_string (before, "notes"), ==, "");
      g_assert_cmpstr (member_string (after, "notes"), ==, "Tolerated well.");
    }
    g_assert_true (genu_store_sign_session (store, session_id, "Anna Berg", &error));
    g_assert_no_error (error);
    expect_entry (fixture, ++n, GENU_AUDIT_SIGN, "session", session_id, "Anna Berg");
    g_assert_true (genu_store_amend_session (store, session_id, amendment, "wrong sets",
                                             &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_AMEND,
                                                          "session",
                                                          genu_session_get_id (amendment),
                                                          "Ben Ode");
      g_autoptr(JsonObject) before = parse_object (entry->old_values);

      g_assert_cmpint (json_object_get_int_member (before, "id"), ==, session_id);
      g_assert_cmpstr (member_string (before, "signed_by"), ==, "Anna Berg");
    }
  }

  /* Outcome measures: a LEFS and a KOOS, created and changed. */
  {
    g_autoptr(GenuOutcome) lefs = genu_outcome_new ();
    g_autoptr(GenuKoos) koos = genu_koos_new ();

    genu_outcome_set_patient_id (lefs, patient_id (fixture));
    genu_outcome_set_date (lefs, "2024-03-18");
    for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
      genu_outcome_set_item (lefs, item, 2);
    g_assert_true (genu_store_save_outcome (store, lefs, &error));
    g_assert_no_error (error);
    expect_entry (fixture, ++n, GENU_AUDIT_CREATE,
                  "outcome", genu_outcome_get_id (lefs), "Mira Kaur");
    genu_outcome_set_date (lefs, "2024-03-19");
    g_assert_true (genu_store_save_outcome (store, lefs, &error));
    g_assert_no_error (error);
    {
      g_autoptr(GenuAuditEntry) entry = assert_new_entry (fixture, ++n, GENU_AUDIT_UPDATE,
                                                          "outcome",
                                                          genu_outcome_get_id (lefs),
                                                          "Mira Kaur");
      g_autoptr(JsonObject) before = parse_object (entry->old_values);
      g_autoptr(JsonObject) after = parse_object (entry->new_values);

      g_assert_cmpstr (member_string (before, "date"), ==, "2024-03-18");
      g_assert_cmpstr (member_string (after, "date"), ==, "2024-03-19");
    }

    genu_koos_set_patient_id (koos, patient_id (fixture));
    genu_koos_set_date (koos, "2024-03-18");
    g_assert_true (genu_store_save_koos (store, koos, &error));
    g_assert_no_error (error);
    expect_entry (fixture, ++n, GENU_AUDIT_CREATE, "koos", genu_koos_get_id (koos), "Mira Kaur");
    genu_koos_set_item (koos, 1, 4);
    g_assert_true (genu_store_save_koos (store, koos, &error));
    g_assert_no_error (error);
    expect_entry (fixture, ++n, GENU_AUDIT_UPDATE, "koos", genu_koos_get_id (koos), "Mira Kaur");
  }

  assert_verified (fixture, n);

  /* Each entry names the hash of the one before it. */
  {
    g_autoptr(GPtrArray) entries = list_all (fixture);

    for (guint i = 1; i < entries->len; i++)
      g_assert_cmpstr (((GenuAuditEntry *) g_ptr_array_index (entries, i))->prev_hash, ==,
                       ((GenuAuditEntry *) g_ptr_array_index (entries, i - 1))->hash);
  }
}

static void
exec_sql (AuditFixture *fixture,
          const char   *sql)
{
  sqlite3 *db = genu_test_sqlite_open (fixture->base.database);

  genu_test_sqlite_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A change that is refused writes no entry; and when the entry cannot be written, the change is
 * not saved either: they are one transaction. */
static void
test_audit_refused (AuditFixture  *fixture,
                    gconstpointer  data)
{
  GenuStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) other = genu_patient_new ();
  g_autoptr(GenuVisit) visit = new_visit (fixture);
  g_autoptr(GenuVisit) amendment = new_visit (fixture);
  g_autoptr(GenuSession) session = new_session (fixture);
  g_autoptr(GenuPatient) stored = NULL;
  guint n;

  g_assert_true (genu_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_session (store, session, &error));
  g_assert_no_error (error);
  n = count_entries (fixture);
  g_assert_cmpuint (n, ==, 3);

  /* A record number another patient has: refused inside the transaction. */
  genu_patient_set_text (other, GENU_PATIENT_FAMILY_NAME, "Baker");
  genu_patient_set_text (other, GENU_PATIENT_GIVEN_NAMES, "Anna");
  genu_patient_set_text (other, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  genu_patient_set_text (other, GENU_PATIENT_RECORD_NUMBER,
                         genu_patient_get_text (fixture->patient, GENU_PATIENT_RECORD_NUMBER));
  g_assert_false (genu_store_save_patient (store, other, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* An unknown patient to archive; an unsigned note to amend; a note signed twice; a signed
   * note changed. */
  g_assert_false (genu_store_set_patient_archived (store, 999, TRUE, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (genu_store_amend_visit (store, genu_visit_get_id (visit), amendment, "why",
                                          &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (genu_store_sign_session (store, genu_session_get_id (session), "Anna", &error));
  g_assert_no_error (error);
  n++;
  g_assert_false (genu_store_sign_session (store, genu_session_get_id (session), "Ben", &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);
  g_assert_false (genu_store_save_session (store, session, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (fixture), ==, n);

  /* The entry cannot be written (as when the disk is full): the change is not saved. */
  exec_sql (fixture,
            "CREATE TRIGGER test_no_insert BEFORE INSERT ON audit_log BEGIN"
            "  SELECT RAISE (ABORT, 'no room');"
            "END;");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_PHONE, "0000");
  g_assert_false (genu_store_save_patient (store, fixture->patient, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (genu_store_set_patient_archived (store, patient_id (fixture), TRUE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, "changed");
  g_assert_false (genu_store_save_visit (store, visit, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (genu_store_sign_visit (store, genu_visit_get_id (visit), "Anna", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  stored = genu_store_get_patient (store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_PHONE), ==, "030 1234");
  g_assert_false (genu_patient_get_archived (stored));
  {
    g_autoptr(GenuVisit) stored_visit = genu_store_get_visit (store, genu_visit_get_id (visit),
                                                              &error);
    g_assert_no_error (error);
    g_assert_cmpstr (genu_visit_get_text (stored_visit, GENU_VISIT_SUBJECTIVE), ==,
                     "Pain on stairs.");
    g_assert_cmpstr (genu_visit_get_signed_by (stored_visit), ==, "");
  }
  g_assert_cmpuint (count_entries (fixture), ==, n);
  assert_verified (fixture, n);
}

/* Whatever writes to the file, an entry cannot be changed or deleted. */
static void
test_audit_append_only (AuditFixture  *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *sql;
    const char *message;
  } refused[] = {
    { "UPDATE audit_log SET therapist = 'Someone else' WHERE id = 1",
      "the audit trail cannot be changed" },
    { "UPDATE audit_log SET new_values = NULL", "the audit trail cannot be changed" },
    { "DELETE FROM audit_log WHERE id = 1", "the audit trail cannot be deleted" },
    { "DELETE FROM audit_log", "the audit trail cannot be deleted" },
  };
  g_autofree char *before = genu_test_dump_file (fixture->base.database,
                                                 "SELECT * FROM audit_log ORDER BY id");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      sqlite3 *db = genu_test_sqlite_open (fixture->base.database);
      char *message = NULL;
      int rc = sqlite3_exec (db, refused[i].sql, NULL, NULL, &message);

      g_test_message ("%s → %s", refused[i].sql, message ? message : "(no error)");
      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
      g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_TRIGGER);
      g_assert_cmpstr (message, ==, refused[i].message);
      sqlite3_free (message);
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
    }

  {
    g_autofree char *after = genu_test_dump_file (fixture->base.database,
                                                  "SELECT * FROM audit_log ORDER BY id");
    g_assert_cmpstr (after, ==, before);
  }
  assert_verified (fixture, 1);
}

/* Twenty changes: entries 1 (the patient) to 21. */
static void
make_changes (AuditFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GenuVisit) visit = new_visit (fixture);
      g_autofree char *note = g_strdup_printf ("Note %u", i);

      g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
      g_assert_no_error (error);
      genu_patient_set_text (fixture->patient, GENU_PATIENT_NOTES, note);
      g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
      g_assert_no_error (error);
    }
  assert_verified (fixture, 21);
}

static void
assert_broken_at (AuditFixture *fixture,
                  gint64        expected_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("The audit trail breaks at entry %" G_GINT64_FORMAT
                                             ":", expected_id);
  gint64 bad_id = 0;

  g_assert_false (genu_store_verify_audit (fixture->store, &bad_id, NULL, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_AUDIT_BROKEN);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpint (bad_id, ==, expected_id);
}

typedef struct {
  const char *name;
  const char *sql;      /* run with the triggers dropped */
  gint64      bad_id;
} Tamper;

static const Tamper tampers[] = {
  { "/audit/tamper/new-values",
    "UPDATE audit_log SET new_values = replace (new_values, 'Note 3', 'Note 4') WHERE id = 9",
    9 },
  { "/audit/tamper/old-values-to-null", "UPDATE audit_log SET old_values = NULL WHERE id = 5", 5 },
  { "/audit/tamper/therapist", "UPDATE audit_log SET therapist = 'Someone' WHERE id = 2", 2 },
  { "/audit/tamper/time", "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 21", 21 },
  { "/audit/tamper/action", "UPDATE audit_log SET action = 'create' WHERE id = 3", 3 },
  { "/audit/tamper/first", "UPDATE audit_log SET record_id = 2 WHERE id = 1", 1 },
  /* Only the hash replaced. */
  { "/audit/tamper/hash", "UPDATE audit_log SET hash = '" GENU_AUDIT_FIRST_PREV_HASH "'"
                              " WHERE id = 4", 4 },
  { "/audit/tamper/deleted", "DELETE FROM audit_log WHERE id = 7", 8 },
  /* A forged entry at the end, with the fields and hash of a real one. */
  { "/audit/tamper/forged",
    "INSERT INTO audit_log (id, at, therapist, action, record_kind, record_id, patient_id,"
    "  old_values, new_values, prev_hash, hash)"
    " SELECT 22, at, therapist, action, record_kind, record_id, patient_id, old_values,"
    "  new_values, (SELECT hash FROM audit_log WHERE id = 21), hash FROM audit_log WHERE id = 20",
    22 },
  /* A forged entry slipped in between two real ones (a gap in the ids after a delete). */
  { "/audit/tamper/slipped-in",
    "DELETE FROM audit_log WHERE id = 12;"
    "INSERT INTO audit_log (id, at, therapist, action, record_kind, record_id, patient_id,"
    "  old_values, new_values, prev_hash, hash)"
    " SELECT 12, at, 'Forger', action, record_kind, record_id, patient_id, old_values,"
    "  new_values, prev_hash, hash FROM audit_log WHERE id = 11",
    12 },
};

/* The triggers dropped and one entry changed, taken out or added by hand: verify names that very
 * entry (or, for one taken out, the one after it). */
static void
test_audit_tamper (AuditFixture  *fixture,
                   gconstpointer  data)
{
  const Tamper *tamper = data;
  g_autofree char *sql = g_strconcat ("DROP TRIGGER audit_log_no_update;"
                                      "DROP TRIGGER audit_log_no_delete;",
                                      tamper->sql, NULL);

  make_changes (fixture);
  exec_sql (fixture, sql);
  assert_broken_at (fixture, tamper->bad_id);

  /* The store still works: a new change still lands, and the break stays where it was. */
  {
    g_autoptr(GError) error = NULL;

    genu_patient_set_text (fixture->patient, GENU_PATIENT_NOTES, "after the tampering");
    g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
    g_assert_no_error (error);
    assert_broken_at (fixture, tamper->bad_id);
  }
}

/* The entries of one patient, and all of them. */
static void
test_audit_list_patient (AuditFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) other = genu_patient_new ();
  g_autoptr(GenuVisit) visit = new_visit (fixture);
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GPtrArray) all = NULL;

  genu_patient_set_text (other, GENU_PATIENT_FAMILY_NAME, "Baker");
  genu_patient_set_text (other, GENU_PATIENT_GIVEN_NAMES, "Anna");
  genu_patient_set_text (other, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  g_assert_true (genu_store_save_patient (fixture->store, other, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);

  mine = genu_store_list_audit (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  theirs = genu_store_list_audit (fixture->store, genu_patient_get_id (other), &error);
  g_assert_no_error (error);
  all = genu_store_list_audit (fixture->store, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpint (((GenuAuditEntry *) g_ptr_array_index (mine, 0))->id, ==, 1);
  g_assert_cmpint (((GenuAuditEntry *) g_ptr_array_index (mine, 1))->id, ==, 3);
  g_assert_cmpstr (((GenuAuditEntry *) g_ptr_array_index (mine, 1))->record_kind, ==, "visit");
  g_assert_cmpuint (theirs->len, ==, 1);
  g_assert_cmpint (((GenuAuditEntry *) g_ptr_array_index (theirs, 0))->id, ==, 2);
  g_assert_cmpuint (all->len, ==, 3);
}

/* The hash is SHA-256 over the previous hash and the documented serialization: a known answer,
 * so that a change in the format, which would break every stored chain, cannot go unnoticed. */
static void
test_audit_hash_format (void)
{
  g_autoptr(GenuAuditEntry) entry = genu_audit_entry_new ();
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = NULL;
  const char *expected_canonical;

  entry->id = 12;
  g_free (entry->at);
  entry->at = g_strdup ("2024-03-18T10:00:00Z");
  g_free (entry->therapist);
  entry->therapist = g_strdup ("Łukasz Żółć");
  entry->action = GENU_AUDIT_UPDATE;
  g_free (entry->record_kind);
  entry->record_kind = g_strdup ("visit");
  entry->record_id = 7;
  entry->patient_id = 0;
  entry->old_values = g_strdup ("{\"id\":7;");
  entry->new_values = g_strdup ("{\"id\":7}\n;");
  g_free (entry->prev_hash);
  entry->prev_hash = g_strdup (GENU_AUDIT_FIRST_PREV_HASH);

  canonical = genu_audit_entry_canonical (entry);
  /* Lengths are in bytes: "Łukasz Żółć" is 11 characters in 16 bytes. */
  g_assert_cmpint (strlen ("Łukasz Żółć"), ==, 16);
  expected_canonical =
    "2:12;20:2024-03-18T10:00:00Z;16:Łukasz Żółć;6:update;5:visit;1:7;-;"
    "8:{\"id\":7;;10:{\"id\":7}\n;;";
  g_assert_cmpstr (canonical, ==, expected_canonical);

  {
    g_autofree char *input = g_strconcat (GENU_AUDIT_FIRST_PREV_HASH, expected_canonical, NULL);

    expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);
  }
  hash = genu_audit_entry_compute_hash (entry);
  g_assert_cmpstr (hash, ==, expected);

  /* Every field counts: a patient id where there was none changes the hash. */
  entry->patient_id = 3;
  {
    g_autofree char *other = genu_audit_entry_compute_hash (entry);
    g_assert_cmpstr (other, !=, hash);
  }
}

/* genu-cli */

static CliRun *
cli (AuditFixture *fixture,
     const char   *first,
     ...) G_GNUC_NULL_TERMINATED;

static CliRun *
cli (AuditFixture *fixture,
     const char   *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return genu_test_cli_runv_input (&fixture->base, NULL, (const char * const *) args->pdata);
}

static void
test_audit_cli_verify (AuditFixture  *fixture,
                       gconstpointer  data)
{
  make_changes (fixture);
  /* genu-cli opens the file on its own: let go of the store's connection first. */
  g_clear_object (&fixture->patient);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "verify", NULL);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->out, ==, "OK: 21 entries\n");
    g_assert_cmpstr (run->err, ==, "");
  }

  exec_sql (fixture, "DROP TRIGGER audit_log_no_update;"
                     "UPDATE audit_log SET new_values = replace (new_values, 'Note 5', 'Note 6')"
                     " WHERE id = 13");
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "verify", NULL);

    g_assert_cmpint (run->status, ==, 2);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_true (g_str_has_prefix (run->err, "genu-cli: The audit trail breaks at entry 13: "));
  }

  /* Wrong usage: exit 1. */
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "verify", "13", NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "“13” was not expected"));
  }
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "list or verify"));
  }
}

static void
test_audit_cli_verify_empty (AuditFixture  *fixture,
                             gconstpointer  data)
{
  g_autofree char *fresh = g_build_filename (fixture->base.dir, "fresh.db", NULL);
  g_autoptr(CliRun) run = genu_test_cli_runv (NULL, NULL, (const char * const []) {
                                                "--database", fresh, "audit", "verify", NULL });

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "OK: 0 entries\n");
}

static void
test_audit_cli_list (AuditFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) other = genu_patient_new ();
  g_autoptr(GenuVisit) visit = new_visit (fixture);
  g_autofree char *mine = g_strdup_printf ("%" G_GINT64_FORMAT, patient_id (fixture));
  g_autofree char *visit_cell = NULL;

  genu_patient_set_text (other, GENU_PATIENT_FAMILY_NAME, "Baker");
  genu_patient_set_text (other, GENU_PATIENT_GIVEN_NAMES, "Anna");
  genu_patient_set_text (other, GENU_PATIENT_DATE_OF_BIRTH, "1970-01-01");
  g_assert_true (genu_store_save_patient (fixture->store, other, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  visit_cell = g_strdup_printf ("visit %" G_GINT64_FORMAT, genu_visit_get_id (visit));

  /* The table: a header and one line an entry, oldest first. */
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "list", NULL);
    g_auto(GStrv) lines = g_strsplit (run->out, "\n", -1);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpuint (g_strv_length (lines), ==, 5);  /* header, 3 entries, "" */
    g_assert_true (g_str_has_prefix (lines[0], "ID"));
    g_assert_nonnull (strstr (lines[0], "Therapist"));
    g_assert_true (g_regex_match_simple ("^ 1  \\S+Z  create  patient 1 +1  Mira Kaur$",
                                         lines[1], 0, 0));
    g_assert_nonnull (strstr (lines[3], visit_cell));
    g_assert_nonnull (strstr (lines[3], "Łukasz Żółć"));
  }

  /* --patient: only that patient's; --json: the records before and after. */
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "list", "--patient", mine, "--json", NULL);
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;
    JsonObject *entry;

    g_assert_cmpint (run->status, ==, 0);
    root = json_from_string (run->out, &error);
    g_assert_no_error (error);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    entry = json_array_get_object_element (array, 1);
    g_assert_cmpint (json_object_get_int_member (entry, "id"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "create");
    g_assert_cmpstr (json_object_get_string_member (entry, "record_kind"), ==, "visit");
    g_assert_cmpint (json_object_get_int_member (entry, "record_id"), ==,
                     genu_visit_get_id (visit));
    g_assert_cmpint (json_object_get_int_member (entry, "patient_id"), ==, patient_id (fixture));
    g_assert_true (json_object_get_null_member (entry, "old_values"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry,
                                                                                   "new_values"),
                                                    "therapist"), ==, "Łukasz Żółć");
    g_assert_cmpint (strlen (json_object_get_string_member (entry, "hash")), ==, 64);
  }

  /* An unknown patient, refused (2), and an id that is not one, wrong usage (1). */
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "list", "--patient", "99", NULL);

    g_assert_cmpint (run->status, ==, 2);
    g_assert_nonnull (strstr (run->err, "There is no patient with id 99."));
  }
  {
    g_autoptr(CliRun) run = cli (fixture, "audit", "list", "--patient", "one", NULL);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "“one” is not a patient id."));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, AuditFixture, NULL, audit_set_up, func, audit_tear_down)

  ADD ("/audit/each-change", test_audit_each_change);
  ADD ("/audit/refused", test_audit_refused);
  ADD ("/audit/append-only", test_audit_append_only);
  ADD ("/audit/list-patient", test_audit_list_patient);
  ADD ("/audit/cli/verify", test_audit_cli_verify);
  ADD ("/audit/cli/verify-empty", test_audit_cli_verify_empty);
  ADD ("/audit/cli/list", test_audit_cli_list);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    g_test_add (tampers[i].name, AuditFixture, &tampers[i], audit_set_up, test_audit_tamper,
                audit_tear_down);

  g_test_add_func ("/audit/hash-format", test_audit_hash_format);

  return g_test_run ();
}
