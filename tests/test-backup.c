/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-backup.h"
#include "genu-intervention.h"
#include "genu-patient.h"
#include "genu-session.h"
#include "genu-store.h"
#include "genu-visit.h"

#include <string.h>
#include <unistd.h>

#include "genu-test-utils.h"

/* Backups and restoring them (genu-backup.c), over real SQLite files in a temporary folder per
 * test: a backup reads back with the same records, a failure leaves nothing behind, the daily
 * rotation deletes only its own files, and a restore either replaces the database completely
 * (keeping a copy of it) or leaves it byte for byte as it was. */

typedef struct {
  char        *dir;
  char        *path;
  GenuStore   *store;
  GenuPatient *patient;
  GenuVisit   *visit;
  GenuSession *session;
} Fixture;

#define DUMP_PATIENTS "SELECT * FROM patients ORDER BY id"
#define DUMP_VISITS "SELECT * FROM visits ORDER BY id"
#define DUMP_SESSIONS "SELECT * FROM sessions ORDER BY id"
#define DUMP_INTERVENTIONS "SELECT * FROM session_interventions ORDER BY session_id, position"

static GenuPatient *
save_patient (GenuStore  *store,
              const char *family)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = genu_patient_new ();

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
  return patient;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);
  g_autoptr(GenuPatient) other = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);

  fixture->patient = save_patient (fixture->store, "Ångström");
  other = save_patient (fixture->store, "Müller");

  fixture->visit = genu_visit_new ();
  genu_visit_set_patient_id (fixture->visit, genu_patient_get_id (fixture->patient));
  genu_visit_set_kind (fixture->visit, GENU_VISIT_INITIAL_EVALUATION);
  genu_visit_set_text (fixture->visit, GENU_VISIT_DATE, "2024-03-11");
  genu_visit_set_text (fixture->visit, GENU_VISIT_THERAPIST, "Łukasz Żółć");
  genu_assessment_set_side (assessment, GENU_SIDE_RIGHT);
  genu_assessment_set_duration_weeks (assessment, 6);
  genu_findings_set_number (genu_assessment_get_findings (assessment), "nprs_now", 3);
  genu_findings_set_bool (genu_assessment_get_findings (assessment), "loc_joint_line", TRUE);
  genu_visit_set_assessment (fixture->visit, assessment);
  g_assert_true (genu_store_save_visit (fixture->store, fixture->visit, &error));
  g_assert_no_error (error);

  fixture->session = genu_session_new ();
  genu_session_set_patient_id (fixture->session, genu_patient_get_id (fixture->patient));
  genu_session_set_text (fixture->session, GENU_SESSION_DATE, "2024-03-18");
  genu_session_set_text (fixture->session, GENU_SESSION_THERAPIST, "Łukasz Żółć");
  genu_intervention_set_text (exercise, "exercise", "Side-lying hip abduction");
  genu_intervention_set_number (exercise, "sets", 3);
  genu_intervention_set_number (exercise, "reps", 15);
  genu_session_add_intervention (fixture->session, exercise);
  g_assert_true (genu_store_save_session (fixture->store, fixture->session, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->patient);
  g_assert_finalize_object (fixture->visit);
  g_assert_finalize_object (fixture->session);
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Closes the store, as a restore needs. */
static void
close_store (Fixture *fixture)
{
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
}

static char *
dump_all (const char *path)
{
  static const char * const queries[] = {
    DUMP_PATIENTS, DUMP_VISITS, DUMP_SESSIONS, DUMP_INTERVENTIONS, "PRAGMA user_version",
  };
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *part = genu_test_dump_file (path, queries[i]);

      g_string_append_printf (dump, "%s:\n%s", queries[i], part);
    }
  return g_string_free (dump, FALSE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
integrity (const char *path)
{
  return genu_test_dump_file (path, "PRAGMA integrity_check");
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *dest = g_build_filename (folder, "backup.db", NULL);
  g_autofree char *source_dump = NULL;
  g_autofree char *backup_dump = NULL;
  g_autofree char *check = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GenuStore) copy = NULL;
  g_autoptr(GenuVisit) visit = NULL;
  g_autoptr(GenuSession) session = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* Online: the store stays open, as in the app. */
  g_assert_true (genu_backup_write (fixture->path, dest, &error));
  g_assert_no_error (error);

  g_assert_cmpint (genu_test_file_mode (dest), ==, 0600);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "backup.db");
  check = integrity (dest);
  g_assert_cmpstr (check, ==, "t:ok\n");

  source_dump = dump_all (fixture->path);
  backup_dump = dump_all (dest);
  g_assert_cmpstr (backup_dump, ==, source_dump);

  copy = genu_store_open (dest, &error);
  g_assert_no_error (error);
  patients = genu_store_list_patients (copy, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 2);
  patient = genu_store_get_patient (copy, genu_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_true (genu_patient_equal (patient, fixture->patient));
  visit = genu_store_get_visit (copy, genu_visit_get_id (fixture->visit), &error);
  g_assert_no_error (error);
  g_assert_true (genu_visit_equal (visit, fixture->visit));
  session = genu_store_get_session (copy, genu_session_get_id (fixture->session), &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (session, fixture->session));
}

static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *not_db = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;

  /* An older file at the destination is replaced by the backup, not appended to. */
  g_assert_true (g_file_set_contents (dest, "old contents", -1, NULL));
  g_assert_true (genu_backup_write (fixture->path, dest, &error));
  g_assert_no_error (error);
  dump = genu_test_dump_file (dest, DUMP_PATIENTS);
  g_assert_nonnull (strstr (dump, "Müller"));

  /* A backup that fails does not touch the good one already there. */
  g_assert_true (g_file_set_contents (not_db, "Not a database, but long enough to be read as "
                                      "one by SQLite if it tried: 0123456789abcdef0123456789",
                                      -1, NULL));
  before = genu_test_file_sha256 (dest, NULL);
  listing_before = list_dir (fixture->dir);
  g_assert_false (genu_backup_write (not_db, dest, &error));
  g_assert_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, not_db));
  after = genu_test_file_sha256 (dest, NULL);
  g_assert_cmpstr (after, ==, before);
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
}

static void
test_same_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *other_spelling = g_build_filename (fixture->dir, ".", "genu.db", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const char *dests[] = { fixture->path, other_spelling, wal };
  g_autofree char *before = NULL;

  close_store (fixture);
  before = genu_test_file_sha256 (fixture->path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dests); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (genu_backup_write (fixture->path, dests[i], &error));
      g_assert_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_SAME_FILE);
      after = genu_test_file_sha256 (fixture->path, NULL);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "b.db", NULL);
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "b.db", NULL);
  g_autofree char *listing_before = list_dir (fixture->dir);
  g_autofree char *listing_after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (genu_backup_write (fixture->path, missing, &error));
  g_assert_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
  g_clear_error (&error);

  /* Root may write in a read-only folder: only checked for other users. */
  if (geteuid () == 0)
    {
      g_test_message ("Running as root: the read-only folder is not checked.");
      return;
    }
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  g_assert_false (genu_backup_write (fixture->path, locked_file, &error));
  g_assert_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, locked));
  g_clear_pointer (&listing_after, g_free);
  listing_after = list_dir (locked);
  g_assert_cmpstr (listing_after, ==, "");
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

static void
touch (const char *folder,
       const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, name, -1, NULL));
}

static void
test_daily (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", "daily", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) morning = g_date_time_new (utc, 2024, 1, 6, 8, 0, 0);
  g_autoptr(GDateTime) evening = g_date_time_new (utc, 2024, 1, 6, 20, 0, 0);
  g_autoptr(GDateTime) next_day = g_date_time_new (utc, 2024, 1, 7, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_again = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *expected = NULL;

  /* The first backup creates the folder, readable only by its owner. */
  written = genu_backup_daily (fixture->path, folder, 3, morning, &error);
  g_assert_no_error (error);
  expected = g_build_filename (folder, "genu-2024-01-06.db", NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpint (genu_test_file_mode (folder), ==, 0700);
  g_assert_cmpint (genu_test_file_mode (written), ==, 0600);
  dump = genu_test_dump_file (written, DUMP_PATIENTS);
  g_assert_nonnull (strstr (dump, "Ångström"));

  /* Later the same day: nothing to do, nothing changed. */
  sum = genu_test_file_sha256 (written, NULL);
  again = genu_backup_daily (fixture->path, folder, 3, evening, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  sum_again = genu_test_file_sha256 (written, NULL);
  g_assert_cmpstr (sum_again, ==, sum);

  /* Older backups, and files that only look like them. */
  touch (folder, "genu-2024-01-01.db");
  touch (folder, "genu-2024-01-02.db");
  touch (folder, "genu-2024-01-03.db");
  touch (folder, "genu-2023-12-31.db.bak");
  touch (folder, "genu-2024-1-1.db");
  touch (folder, "genu-latest.db");
  touch (folder, "my-genu-2020-01-01.db");
  touch (folder, "notes.txt");

  g_clear_pointer (&written, g_free);
  written = genu_backup_daily (fixture->path, folder, 3, next_day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_true (g_str_has_suffix (written, "/genu-2024-01-07.db"));

  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==,
                   "genu-2023-12-31.db.bak genu-2024-01-03.db genu-2024-01-06.db "
                   "genu-2024-01-07.db genu-2024-1-1.db genu-latest.db my-genu-2020-01-01.db "
                   "notes.txt");
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *backup_dump = NULL;
  g_autofree char *old_dump = NULL;
  g_autofree char *restored_dump = NULL;
  g_autofree char *kept_dump = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autoptr(GenuPatient) later = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (genu_backup_write (fixture->path, backup, &error));
  g_assert_no_error (error);
  backup_dump = dump_all (backup);

  /* A patient added after the backup is gone once it is restored, and kept in the copy. */
  later = save_patient (fixture->store, "Nachträglich");
  close_store (fixture);
  old_dump = dump_all (fixture->path);
  g_assert_nonnull (strstr (old_dump, "Nachträglich"));

  g_assert_true (genu_backup_restore (backup, fixture->path, &kept, &error));
  g_assert_no_error (error);

  restored_dump = dump_all (fixture->path);
  g_assert_cmpstr (restored_dump, ==, backup_dump);
  g_assert_null (strstr (restored_dump, "Nachträglich"));

  g_assert_nonnull (kept);
  kept_name = g_path_get_basename (kept);
  g_assert_true (g_regex_match_simple ("^genu\\.db\\.before-restore-\\d{8}-\\d{6}$", kept_name,
                                       0, 0));
  g_assert_cmpint (genu_test_file_mode (kept), ==, 0600);
  kept_dump = dump_all (kept);
  g_assert_cmpstr (kept_dump, ==, old_dump);

  /* The restored database opens in Genu as usual. */
  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  patients = genu_store_list_patients (store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, 2);
}

static void
test_restore_new_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "new", "genu.db", NULL);
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (genu_backup_write (fixture->path, backup, &error));
  g_assert_no_error (error);

  g_assert_true (genu_backup_restore (backup, target, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  g_assert_cmpint (genu_test_file_mode (folder), ==, 0700);
  g_assert_cmpint (genu_test_file_mode (target), ==, 0600);
  expected = dump_all (backup);
  restored = dump_all (target);
  g_assert_cmpstr (restored, ==, expected);
}

/* Ways to spoil a good backup at @path. */
static void
spoil_text (const char *path)
{
  g_assert_true (g_file_set_contents (path, "patients,visits\nMüller,2024-03-18\n", -1, NULL));
}

static void
spoil_empty (const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
spoil_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  /* Keep the header, overwrite the pages after the first. */
  for (gsize i = 4096 + 8; i < length; i += 7)
    contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
spoil_truncate (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length / 2, NULL));
}

static void
spoil_newer (const char *path)
{
  sqlite3 *db = genu_test_sqlite_open (path);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          GENU_STORE_SCHEMA_VERSION + 1);

  genu_test_sqlite_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
spoil_other_database (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (g_unlink (path), ==, 0);
  db = genu_test_sqlite_open (path);
  genu_test_sqlite_exec (db, "CREATE TABLE recipes (name TEXT); "
                             "INSERT INTO recipes VALUES ('soup')");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
spoil_remove (const char *path)
{
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static const struct {
  const char     *name;
  void          (*spoil) (const char *path);
  GenuBackupError code;
  const char     *message;
} refused[] = {
  { "text", spoil_text, GENU_BACKUP_ERROR_NOT_A_DATABASE, "not a database" },
  { "empty", spoil_empty, GENU_BACKUP_ERROR_NOT_A_DATABASE, "is empty" },
  { "damaged", spoil_pages, GENU_BACKUP_ERROR_DAMAGED, "damaged" },
  { "truncated", spoil_truncate, GENU_BACKUP_ERROR_DAMAGED, "damaged" },
  { "newer", spoil_newer, GENU_BACKUP_ERROR_NEWER_SCHEMA, "newer version of Genu" },
  { "other", spoil_other_database, GENU_BACKUP_ERROR_NOT_A_DATABASE, "not one of Genu" },
  { "missing", spoil_remove, GENU_BACKUP_ERROR_NOT_FOUND, "no file" },
};

static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.db", NULL);
  g_autoptr(GenuPatient) later = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (genu_backup_write (fixture->path, good, &error));
  g_assert_no_error (error);
  later = save_patient (fixture->store, "Nachträglich");
  close_store (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *listing_before = NULL;
      g_autofree char *listing_after = NULL;
      gsize length = 0;
      char *kept = (char *) "unset";

      g_test_message ("Backup spoilt: %s", refused[i].name);
      g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (backup, contents, length, NULL));
      refused[i].spoil (backup);

      before = genu_test_file_sha256 (fixture->path, NULL);
      listing_before = list_dir (fixture->dir);

      g_assert_false (genu_backup_check (backup, fixture->path, &error));
      g_assert_error (error, GENU_BACKUP_ERROR, (int) refused[i].code);
      g_clear_error (&error);

      g_assert_false (genu_backup_restore (backup, fixture->path, &kept, &error));
      g_assert_error (error, GENU_BACKUP_ERROR, (int) refused[i].code);
      g_assert_nonnull (strstr (error->message, refused[i].message));
      g_assert_nonnull (strstr (error->message, backup));
      g_assert_null (kept);
      g_clear_error (&error);

      after = genu_test_file_sha256 (fixture->path, NULL);
      g_assert_cmpstr (after, ==, before);
      listing_after = list_dir (fixture->dir);
      g_assert_cmpstr (listing_after, ==, listing_before);
    }

  /* The database itself is not a backup of itself. */
  g_assert_false (genu_backup_restore (fixture->path, fixture->path, NULL, &error));
  g_assert_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_SAME_FILE);
}

/* A current database that SQLite cannot read is what a restore is for: it is kept byte for byte,
 * and the backup replaces it. */
static void
test_restore_over_damaged (Fixture       *fixture,
                           gconstpointer  data)
{
  static void (* const spoils[]) (const char *path) = { spoil_text, spoil_pages };
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *backup_dump = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (genu_backup_write (fixture->path, backup, &error));
  g_assert_no_error (error);
  backup_dump = dump_all (backup);
  close_store (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (spoils); i++)
    {
      g_autofree char *damaged_sum = NULL;
      g_autofree char *kept_sum = NULL;
      g_autofree char *restored_dump = NULL;
      g_autofree char *kept = NULL;
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char *kept_wal = NULL;
      g_autoptr(GenuStore) store = NULL;
      g_autoptr(GPtrArray) patients = NULL;

      spoils[i] (fixture->path);
      /* A journal left beside it is kept with it. */
      if (i == 1)
        g_assert_true (g_file_set_contents (wal, "not really a journal", -1, NULL));
      damaged_sum = genu_test_file_sha256 (fixture->path, NULL);
      g_assert_false (genu_backup_check (fixture->path, NULL, NULL));

      g_assert_true (genu_backup_restore (backup, fixture->path, &kept, &error));
      g_assert_no_error (error);

      g_assert_nonnull (kept);
      g_assert_cmpint (genu_test_file_mode (kept), ==, 0600);
      kept_sum = genu_test_file_sha256 (kept, NULL);
      g_assert_cmpstr (kept_sum, ==, damaged_sum);
      kept_wal = g_strconcat (kept, "-wal", NULL);
      if (i == 1)
        {
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (kept_wal, &contents, NULL, NULL));
          g_assert_cmpstr (contents, ==, "not really a journal");
          g_assert_cmpint (genu_test_file_mode (kept_wal), ==, 0600);
        }
      else
        g_assert_false (g_file_test (kept_wal, G_FILE_TEST_EXISTS));

      restored_dump = dump_all (fixture->path);
      g_assert_cmpstr (restored_dump, ==, backup_dump);
      g_assert_cmpint (genu_test_file_mode (fixture->path), ==, 0600);

      store = genu_store_open (fixture->path, &error);
      g_assert_no_error (error);
      patients = genu_store_list_patients (store, NULL, TRUE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (patients->len, ==, 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/write/round-trip", test_round_trip);
  ADD ("/backup/write/replace", test_replace);
  ADD ("/backup/write/same-file", test_same_file);
  ADD ("/backup/write/unwritable", test_unwritable);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/restore/replaces", test_restore);
  ADD ("/backup/restore/new-database", test_restore_new_database);
  ADD ("/backup/restore/refused", test_restore_refused);
  ADD ("/backup/restore/over-damaged", test_restore_over_damaged);

#undef ADD

  return g_test_run ();
}
