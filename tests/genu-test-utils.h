/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the core tests: a temporary folder per test (tests run in parallel), and
 * looking at a database file from outside, through a connection of its own. */

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

static inline char *
genu_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("genu-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

static inline void
genu_test_remove_tree (const char *path)
{
  GDir *dir;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      const char *name;

      dir = g_dir_open (path, 0, NULL);
      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          genu_test_remove_tree (child);
        }
      g_dir_close (dir);
    }

  g_assert_cmpint (g_remove (path), ==, 0);
}

/* UI tests need a display; without one they report a skip in TAP and pass. */
static inline gboolean
genu_test_skip_without_display (void)
{
  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    return FALSE;

  g_print ("1..0 # SKIP no display\n");
  return TRUE;
}

/* The permission bits of @path, or -1 when it does not exist. */
static inline int
genu_test_file_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return st.st_mode & 0777;
}

/* The SHA-256 of the contents of @path; @size receives its length. */
static inline char *
genu_test_file_sha256 (const char *path,
                       gsize      *size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  if (size != NULL)
    *size = length;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static inline gboolean
genu_test_sidecar_exists (const char *path,
                          const char *suffix)
{
  g_autofree char *sidecar = g_strconcat (path, suffix, NULL);

  return g_file_test (sidecar, G_FILE_TEST_EXISTS);
}

static inline sqlite3 *
genu_test_sqlite_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static inline void
genu_test_sqlite_exec (sqlite3    *db,
                       const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_test_message ("SQL failed: %s: %s", sql, message);
  sqlite3_free (message);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

/* Every row @sql returns, one a line, each value with its storage class: a dump to compare
 * before and after an operation. */
static inline char *
genu_test_sqlite_dump (sqlite3    *db,
                       const char *sql)
{
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          static const char classes[] = "?irtbn";
          int type = sqlite3_column_type (stmt, i);
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (dump, "%s%c:%s", i > 0 ? "|" : "", classes[type],
                                  text ? text : "");
        }
      g_string_append_c (dump, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (dump, FALSE);
}

/* The same dump of a database file, through a connection of its own. */
static inline char *
genu_test_dump_file (const char *path,
                     const char *sql)
{
  sqlite3 *db = genu_test_sqlite_open (path);
  char *dump = genu_test_sqlite_dump (db, sql);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return dump;
}
