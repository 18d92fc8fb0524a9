/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "genu-store.h"
#include "genu-test-cli.h"

/* Runs the built genu-cli (its path is in $GENU_CLI) for `genu-cli backup` and
 * `genu-cli restore`, each test on a database of its own in a temporary folder. */

#define run(fixture, ...) genu_test_cli_run_input ((fixture), NULL, __VA_ARGS__, NULL)

static void
add_patient (Fixture    *fixture,
             const char *family)
{
  g_autoptr(CliRun) patient = run (fixture, "patients", "add", "--family", family,
                                   "--given", "Zoë", "--dob", "1985-04-23");

  g_assert_cmpint (patient->status, ==, 0);
}

static void
assert_patients (Fixture    *fixture,
                 const char *database,
                 const char *present,
                 const char *absent)
{
  g_autoptr(CliRun) list = genu_test_cli_runv (NULL, NULL, (const char *[]) {
    "--database", database, "patients", "list", "--archived", NULL });

  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, present));
  if (absent != NULL)
    g_assert_null (strstr (list->out, absent));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autoptr(CliRun) backup_run = NULL;
  g_autoptr(CliRun) asked = NULL;
  g_autoptr(CliRun) restored = NULL;
  g_autofree char *kept = NULL;
  const char *kept_start;
  const char *kept_end;

  add_patient (fixture, "Müller");
  backup_run = run (fixture, "backup", backup);
  g_assert_cmpint (backup_run->status, ==, 0);
  g_assert_cmpstr (backup_run->err, ==, "");
  g_assert_nonnull (strstr (backup_run->out, backup));
  g_assert_cmpint (genu_test_file_mode (backup), ==, 0600);
  assert_patients (fixture, backup, "Müller", NULL);

  add_patient (fixture, "Nachträglich");

  /* Without --yes: says what would be replaced and where the copy would go, changes nothing. */
  sum = genu_test_file_sha256 (fixture->database, NULL);
  asked = run (fixture, "restore", backup);
  g_assert_cmpint (asked->status, ==, 2);
  g_assert_cmpstr (asked->out, ==, "");
  g_assert_true (g_str_has_prefix (asked->err, "genu-cli: "));
  g_assert_nonnull (strstr (asked->err, fixture->database));
  g_assert_nonnull (strstr (asked->err, backup));
  g_assert_nonnull (strstr (asked->err, ".before-restore-"));
  g_assert_nonnull (strstr (asked->err, "--yes"));
  sum_after = genu_test_file_sha256 (fixture->database, NULL);
  g_assert_cmpstr (sum_after, ==, sum);
  assert_patients (fixture, fixture->database, "Nachträglich", NULL);

  restored = run (fixture, "restore", backup, "--yes");
  g_assert_cmpint (restored->status, ==, 0);
  g_assert_cmpstr (restored->err, ==, "");
  assert_patients (fixture, fixture->database, "Müller", "Nachträglich");

  /* The output names where the database as it was is kept; it holds both patients. */
  kept_start = strstr (restored->out, "kept in “");
  g_assert_nonnull (kept_start);
  kept_start += strlen ("kept in “");
  kept_end = strstr (kept_start, "”");
  g_assert_nonnull (kept_end);
  kept = g_strndup (kept_start, kept_end - kept_start);
  g_assert_true (g_str_has_prefix (kept, fixture->database));
  g_assert_nonnull (strstr (kept, ".before-restore-"));
  g_assert_cmpint (genu_test_file_mode (kept), ==, 0600);
  assert_patients (fixture, kept, "Nachträglich", NULL);
}

static void
write_newer_backup (const char *path)
{
  sqlite3 *db = genu_test_sqlite_open (path);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          GENU_STORE_SCHEMA_VERSION + 1);

  genu_test_sqlite_exec (db, "CREATE TABLE patients (id INTEGER PRIMARY KEY)");
  genu_test_sqlite_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_restore_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.db", NULL);
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.db", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  const struct {
    const char *file;
    const char *message;
  } cases[] = {
    { text, "not a database" },
    { empty, "is empty" },
    { newer, "newer version of Genu" },
    { missing, "no file" },
    { fixture->database, "the database itself" },
  };
  g_autofree char *sum = NULL;

  add_patient (fixture, "Müller");
  g_assert_true (g_file_set_contents (text, "Müller, 2024-03-18, knee pain\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  write_newer_backup (newer);
  sum = genu_test_file_sha256 (fixture->database, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint yes = 0; yes < 2; yes++)
      {
        g_autoptr(CliRun) restore = NULL;
        g_autofree char *sum_after = NULL;

        restore = yes ? run (fixture, "restore", cases[i].file, "--yes")
                      : run (fixture, "restore", cases[i].file);
        g_assert_cmpint (restore->status, ==, 2);
        g_assert_cmpstr (restore->out, ==, "");
        g_assert_true (g_str_has_prefix (restore->err, "genu-cli: "));
        g_assert_nonnull (strstr (restore->err, cases[i].message));
        sum_after = genu_test_file_sha256 (fixture->database, NULL);
        g_assert_cmpstr (sum_after, ==, sum);
      }
}

static void
test_backup_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "b.db", NULL);
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "b.db", NULL);
  g_autofree char *no_db = g_build_filename (fixture->dir, "none", "genu.db", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "b.db", NULL);
  g_autoptr(CliRun) to_missing = NULL;
  g_autoptr(CliRun) to_itself = NULL;
  g_autoptr(CliRun) without_db = NULL;

  add_patient (fixture, "Müller");

  to_missing = run (fixture, "backup", missing);
  g_assert_cmpint (to_missing->status, ==, 2);
  g_assert_nonnull (strstr (to_missing->err, "no-such-folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  to_itself = run (fixture, "backup", fixture->database);
  g_assert_cmpint (to_itself->status, ==, 2);
  g_assert_nonnull (strstr (to_itself->err, "the database itself"));

  without_db = genu_test_cli_runv (NULL, NULL, (const char *[]) {
    "--database", no_db, "backup", backup, NULL });
  g_assert_cmpint (without_db->status, ==, 2);
  g_assert_nonnull (strstr (without_db->err, "no database"));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (no_db, G_FILE_TEST_EXISTS));

  /* Root may write in a read-only folder: only checked for other users. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (geteuid () != 0)
    {
      g_autoptr(CliRun) to_locked = run (fixture, "backup", locked_file);
      g_autoptr(GDir) listing = NULL;

      g_assert_cmpint (to_locked->status, ==, 2);
      g_assert_nonnull (strstr (to_locked->err, "may not write"));
      listing = g_dir_open (locked, 0, NULL);
      g_assert_null (g_dir_read_name (listing));
    }
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CliRun) no_file = NULL;
  g_autoptr(CliRun) two_files = NULL;
  g_autoptr(CliRun) restore_no_file = NULL;

  no_file = run (fixture, "backup");
  g_assert_cmpint (no_file->status, ==, 1);
  g_assert_nonnull (strstr (no_file->err, "Type the path of the backup file"));

  two_files = run (fixture, "backup", "a.db", "b.db");
  g_assert_cmpint (two_files->status, ==, 1);
  g_assert_nonnull (strstr (two_files->err, "“b.db” was not expected"));

  restore_no_file = run (fixture, "restore", "--yes");
  g_assert_cmpint (restore_no_file->status, ==, 1);
  g_assert_false (g_file_test (fixture->database, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/backup/round-trip", test_round_trip);
  ADD ("/cli/backup/restore-refused", test_restore_refused);
  ADD ("/cli/backup/backup-refused", test_backup_refused);
  ADD ("/cli/backup/usage", test_usage);

#undef ADD

  return g_test_run ();
}
