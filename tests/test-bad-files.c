/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-test-cli.h"

#include <unistd.h>

/* Bad files and bad places: each gives a message that says what to do next, from the library
 * and from genu-cli (exit 2), and the file it was given is left exactly as it was. */

static GenuPatient *
new_patient (const char *family)
{
  GenuPatient *patient = genu_patient_new ();

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Erika");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1984-06-02");
  return patient;
}

static void
save_patients (const char *path,
               guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = genu_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *family = g_strdup_printf ("Family%03u", i);
      g_autoptr(GenuPatient) patient = new_patient (family);

      g_assert_true (genu_store_save_patient (store, patient, &error));
      g_assert_no_error (error);
    }
}

/* The library refuses @path with @code and a message holding @part; genu-cli exits 2 with the
 * same message; the file is byte for byte as it was, and nothing was made beside it. */
static void
assert_refused (Fixture    *fixture,
                GenuStoreError code,
                const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(CliRun) run = NULL;
  gboolean existed = g_file_test (fixture->database, G_FILE_TEST_EXISTS);
  g_autofree char *before = existed ? genu_test_file_sha256 (fixture->database, NULL) : NULL;
  g_autofree char *after = NULL;

  store = genu_store_open (fixture->database, &error);
  g_assert_null (store);
  g_assert_error (error, GENU_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, part));

  run = genu_test_cli_run_input (fixture, NULL, "patients", "list", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, part));
  g_assert_cmpstr (run->out, ==, "");

  if (existed)
    {
      after = genu_test_file_sha256 (fixture->database, NULL);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_false (genu_test_sidecar_exists (fixture->database, "-wal"));
  g_assert_false (genu_test_sidecar_exists (fixture->database, "-journal"));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_file_set_contents (fixture->database, "Name;Date of birth\nMustermann;1984-06-02\n", -1,
                       NULL);
  assert_refused (fixture, GENU_STORE_ERROR_NOT_A_DATABASE, "is not a Genu database");
}

/* An empty file is refused, not filled: a new database is only ever made where none is. */
static void
test_empty_file (Fixture       *fixture,
                 gconstpointer  data)
{
  gsize size = 1;

  g_file_set_contents (fixture->database, "", 0, NULL);
  assert_refused (fixture, GENU_STORE_ERROR_NOT_A_DATABASE, "is empty");
  g_free (genu_test_file_sha256 (fixture->database, &size));
  g_assert_cmpuint (size, ==, 0);
}

/* A new database appears whole, 0600, with nothing left beside it. */
static void
test_new_database (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = genu_store_open (fixture->database, &error);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_no_error (error);
  g_assert_cmpint (genu_test_file_mode (fixture->database), ==, 0600);
  g_clear_object (&store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_cmpstr (name, ==, "genu.db");
}

/* A damaged table is reported when it is read, with what to do; nothing is written. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *garbage = g_strnfill (4096, 'x');
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int page_size, root;
  FILE *file;

  save_patients (fixture->database, 200);
  db = genu_test_sqlite_open (fixture->database);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
                                           " FROM sqlite_master WHERE name = 'patients'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int (stmt, 0);
  page_size = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page_size, ==, 4096);

  /* The root page of the patients table becomes rubbish. */
  file = fopen (fixture->database, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) (root - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, 4096, file), ==, 4096);
  fclose (file);
  before = genu_test_file_sha256 (fixture->database, NULL);

  store = genu_store_open (fixture->database, &error);
  if (store != NULL)
    patients = genu_store_list_patients (store, NULL, TRUE, &error);
  g_assert_null (patients);
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "Restore the latest backup"));
  g_clear_object (&store);

  run = genu_test_cli_run_input (fixture, NULL, "patients", "list", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "damaged"));

  after = genu_test_file_sha256 (fixture->database, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* A folder that cannot be made (a file stands in its place): said, and nothing is made. */
static void
test_folder_cannot_be_made (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "records", NULL);

  g_file_set_contents (blocker, "not a folder", -1, NULL);
  g_free (fixture->database);
  fixture->database = g_build_filename (blocker, "genu.db", NULL);
  assert_refused (fixture, GENU_STORE_ERROR_PERMISSION, "Could not create the folder");
}

/* A read-only file opens, but a save is refused with what to do, and the file is unchanged. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = new_patient ("Readonly");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes read-only files");
      return;
    }

  save_patients (fixture->database, 1);
  g_assert_cmpint (g_chmod (fixture->database, 0400), ==, 0);
  before = genu_test_file_sha256 (fixture->database, NULL);

  store = genu_store_open (fixture->database, &error);
  if (store != NULL)
    g_assert_false (genu_store_save_patient (store, patient, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION);
  g_clear_object (&store);

  after = genu_test_file_sha256 (fixture->database, NULL);
  g_assert_cmpstr (after, ==, before);
  g_chmod (fixture->database, 0600);
}

/* Another program holds the database: the save waits, then says so; once free, it works. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = new_patient ("Locked");
  g_autoptr(GPtrArray) patients = NULL;
  sqlite3 *other;

  save_patients (fixture->database, 1);
  store = genu_store_open (fixture->database, &error);
  g_assert_no_error (error);

  other = genu_test_sqlite_open (fixture->database);
  genu_test_sqlite_exec (other, "BEGIN IMMEDIATE");
  g_assert_false (genu_store_save_patient (store, patient, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another program is using the database"));
  g_clear_error (&error);
  genu_test_sqlite_exec (other, "ROLLBACK");
  sqlite3_close (other);

  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
  patients = genu_store_list_patients (store, NULL, TRUE, &error);
  g_assert_cmpuint (patients->len, ==, 2);
}

/* A full disk (a page limit on the connection): the save is refused as a whole with what to do,
 * what was saved before stays, and once there is room again saving works. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = genu_store_open (fixture->database, &error);
  g_autoptr(GPtrArray) patients = NULL;
  guint saved = 0;
  gboolean full = FALSE;

  g_assert_no_error (error);
  genu_test_sqlite_exec (store->db, "PRAGMA max_page_count = 40");

  while (!full && saved < 5000)
    {
      g_autofree char *family = g_strdup_printf ("Family%04u", saved);
      g_autoptr(GenuPatient) patient = new_patient (family);

      genu_patient_set_text (patient, GENU_PATIENT_NOTES,
                             "Long notes to fill the pages quickly. Long notes to fill the pages "
                             "quickly. Long notes to fill the pages quickly. Long notes to fill.");
      if (genu_store_save_patient (store, patient, &error))
        saved++;
      else
        full = TRUE;
    }
  g_assert_true (full);
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_nonnull (strstr (error->message, "Free some space"));
  g_clear_error (&error);

  patients = genu_store_list_patients (store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (patients->len, ==, saved);
  g_assert_cmpuint (saved, >, 0);
  g_clear_pointer (&patients, g_ptr_array_unref);

  genu_test_sqlite_exec (store->db, "PRAGMA max_page_count = 1073741823");
  {
    g_autoptr(GenuPatient) patient = new_patient ("Roomy");

    g_assert_true (genu_store_save_patient (store, patient, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  /* Whole after all that. */
  {
    sqlite3 *db = genu_test_sqlite_open (fixture->database);
    g_autofree char *check = genu_test_sqlite_dump (db, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "t:ok\n");
    sqlite3_close (db);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bad-files/not-a-database", test_not_a_database);
  ADD ("/bad-files/empty", test_empty_file);
  ADD ("/bad-files/new-database", test_new_database);
  ADD ("/bad-files/damaged", test_damaged);
  ADD ("/bad-files/folder-cannot-be-made", test_folder_cannot_be_made);
  ADD ("/bad-files/read-only", test_read_only);
  ADD ("/bad-files/locked", test_locked);
  ADD ("/bad-files/disk-full", test_disk_full);

#undef ADD

  return g_test_run ();
}
