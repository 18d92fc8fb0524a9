/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-backup.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genu-store.h"

/*
 * Backups use SQLite's online backup API (sqlite3_backup_*), never a file copy: a copy of a
 * database in WAL mode taken while Genu writes to it may miss the newest commits or be torn,
 * while the backup API reads one consistent snapshot through a connection of its own.
 *
 * Writing a backup: the snapshot is copied into a temporary file (0600) beside the destination,
 * the copy is checked (integrity, and the row count of every table against the counts read in
 * the snapshot itself), synced, and only then renamed onto the destination. A failure leaves
 * nothing behind, and an existing file at the destination is only ever replaced by a good
 * backup.
 *
 * Restoring: the backup is checked first (a database, intact, of a Genu schema this build
 * reads); a copy of the current database is kept beside it; then the backup is copied into the
 * database through a connection to the database itself, in one write transaction, so that its
 * WAL files stay consistent and a failure leaves it as it was.
 */

G_DEFINE_QUARK (genu-backup-error-quark, genu_backup_error)

#define SQLITE_HEADER "SQLite format 3"  /* and a NUL: the first 16 bytes of every database */

/* Closes a connection on every path out of a function. */
static void
close_db (sqlite3 *db)
{
  sqlite3_close_v2 (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_db)

static GenuBackupError
code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return GENU_BACKUP_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return GENU_BACKUP_ERROR_DAMAGED;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      return GENU_BACKUP_ERROR_PERMISSION;
    default:
      return GENU_BACKUP_ERROR_FAILED;
    }
}

static GenuBackupError
code_for_errno (int saved_errno)
{
  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      return GENU_BACKUP_ERROR_NOT_FOUND;
    case EACCES:
    case EPERM:
    case EROFS:
      return GENU_BACKUP_ERROR_PERMISSION;
    default:
      return GENU_BACKUP_ERROR_FAILED;
    }
}

/* @what says what failed, naming the file; SQLite's reason follows it. */
static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  const char *reason = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_FAILED,
                 /* TRANSLATORS: %s says what failed, e.g. "Could not write the backup “x”" */
                 _("%s: the disk is full. Make room on it and try again."), what);
  else
    /* TRANSLATORS: the first %s says what failed, the second is SQLite's reason */
    g_set_error (error, GENU_BACKUP_ERROR, code_for_sqlite (rc), _("%s: %s"), what, reason);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, what);
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
open_db (const char  *path,
         int          flags,
         const char  *what,
         GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, what);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  /* Genu may be writing to the database at the same moment. */
  sqlite3_busy_timeout (db, 5000);
  return g_steal_pointer (&db);
}

/* What a backup must read back equal: the schema version and the number of rows of every table,
 * one a line, sorted by name. */
static char *
read_summary (sqlite3     *db,
              const char  *what,
              GError     **error)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (summary, "user_version %d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, sqlite3_errcode (db), what);
      return NULL;
    }

  rc = sqlite3_prepare_v2 (db,
                           "SELECT name FROM sqlite_schema"
                           " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                           " ORDER BY name",
                           -1, &tables, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (tables)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      char *sql;

      /* A table name cannot be a bound parameter; %w quotes it as an identifier, and the names
       * come from the database's own schema. */
      sql = sqlite3_mprintf ("SELECT count(*) FROM main.\"%w\"", name);
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      sqlite3_free (sql);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_string_append_printf (summary, "%s %" G_GINT64_FORMAT "\n", name,
                                  (gint64) sqlite3_column_int64 (stmt, 0));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  sqlite3_finalize (tables);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, sqlite3_errcode (db), what);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* PRAGMA integrity_check: TRUE when it says "ok"; else @problem receives its first finding. */
static gboolean
check_integrity (sqlite3     *db,
                 char       **problem,
                 const char  *what,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  *problem = NULL;
  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      ok = g_strcmp0 (result, "ok") == 0;
      if (!ok)
        *problem = g_strdup (result != NULL ? result : "");
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, sqlite3_errcode (db), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* TRUE when @path + @suffix exists and is not empty. */
static gboolean
has_sidecar (const char *path,
             const char *suffix)
{
  g_autofree char *sidecar = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (sidecar, &st) == 0 && st.st_size > 0;
}

static void
remove_with_sidecars (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Puts @path's contents (or, for a folder, its entries) on the disk before it is relied on. */
static gboolean
sync_path (const char  *path,
           gboolean     folder,
           GError     **error)
{
  int fd = g_open (path, (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved_errno = 0;

  if (fd >= 0 && fsync (fd) != 0)
    saved_errno = errno;
  else if (fd < 0)
    saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);

  /* Some file systems cannot sync a folder; the file itself was synced. */
  if (saved_errno == 0 || folder)
    return TRUE;

  g_set_error (error, GENU_BACKUP_ERROR, code_for_errno (saved_errno),
               _("Could not write the backup “%s” to the disk: %s"), path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Opens the checked copy @path on its own and compares it with @expected (see read_summary()). */
static gboolean
verify_copy (const char  *path,
             const char  *expected,
             GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not check the backup “%s”"), path);
  g_autofree char *problem = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(sqlite3) db = NULL;

  db = open_db (path, SQLITE_OPEN_READONLY, what, error);
  if (db == NULL || !check_integrity (db, &problem, what, error))
    return FALSE;
  if (problem == NULL)
    summary = read_summary (db, what, error);
  else
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_VERIFY,
                   _("The backup “%s” did not read back intact (%s), so it was not kept. Try "
                     "again; if it fails again, the database itself may be damaged."),
                   path, problem);
      return FALSE;
    }
  if (summary == NULL)
    return FALSE;

  if (g_strcmp0 (summary, expected) != 0)
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_VERIFY,
                   _("The backup “%s” did not hold the same records as the database, so it was "
                     "not kept. Try again."), path);
      return FALSE;
    }

  return TRUE;
}

/* Copies the snapshot of @src (in its read transaction) into the file @tmp_path. */
static gboolean
copy_into_file (sqlite3     *src,
                const char  *tmp_path,
                const char  *what,
                GError     **error)
{
  g_autoptr(sqlite3) dst = NULL;
  sqlite3_backup *backup;
  sqlite3_stmt *stmt = NULL;
  gboolean rollback_mode = FALSE;
  int rc;

  dst = open_db (tmp_path, SQLITE_OPEN_READWRITE, what, error);
  if (dst == NULL)
    return FALSE;

  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, dst, sqlite3_errcode (dst), what);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, dst, sqlite3_errcode (dst) != SQLITE_OK ? sqlite3_errcode (dst)
                                                                        : rc, what);
      return FALSE;
    }

  /* The copy of a WAL database is marked WAL too; a backup is one file that stands alone, and
   * one that SQLite opens read-only without creating -wal and -shm files beside it. Genu switches
   * a restored database back to WAL when it opens it. */
  rc = sqlite3_prepare_v2 (dst, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rollback_mode = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0),
                                        "delete") == 0;
  sqlite3_finalize (stmt);
  if (!rollback_mode)
    {
      set_sqlite_error (error, dst, sqlite3_errcode (dst), what);
      return FALSE;
    }

  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, NULL, rc, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * genu_backup_write:
 * @db_path: the database
 * @dest_path: the backup file to write; replaced when it exists
 *
 * Writes a backup of the database @db_path to @dest_path (0600). The backup reads one consistent
 * snapshot, so Genu may have the database open meanwhile; it is checked before it takes its
 * name: when this fails, nothing is left at @dest_path or beside it, and a file that was already
 * there is unchanged.
 *
 * Returns: %TRUE when the backup was written and checked
 */
gboolean
genu_backup_write (const char  *db_path,
                   const char  *dest_path,
                   GError     **error)
{
  static const char * const db_sidecars[] = { "-wal", "-shm", "-journal" };
  g_autofree char *what = NULL;
  g_autofree char *db_what = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(sqlite3) src = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  g_return_val_if_fail (db_path != NULL && *db_path != '\0', FALSE);
  g_return_val_if_fail (dest_path != NULL && *dest_path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_FOUND,
                   _("There is no database “%s” to back up. Choose the database with "
                     "--database, or start Genu once to create it."), db_path);
      return FALSE;
    }

  if (g_strcmp0 (db_path, dest_path) == 0 || same_file (db_path, dest_path))
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_SAME_FILE,
                   _("“%s” is the database itself. Choose another file for the backup, "
                     "best on another disk."), dest_path);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (db_sidecars); i++)
    {
      g_autofree char *sidecar = g_strconcat (db_path, db_sidecars[i], NULL);

      if (g_strcmp0 (sidecar, dest_path) == 0 || same_file (sidecar, dest_path))
        {
          g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_SAME_FILE,
                       _("“%s” belongs to the database itself. Choose another file for the "
                         "backup, best on another disk."), dest_path);
          return FALSE;
        }
    }

  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_FAILED,
                   _("“%s” is a folder. Type the path of the backup file to write, e.g. "
                     "“%s”."), dest_path, "genu-backup.db");
      return FALSE;
    }

  /* A journal of the old file would be played back into the new one. */
  if (has_sidecar (dest_path, "-wal") || has_sidecar (dest_path, "-journal"))
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_IN_USE,
                   _("“%s” is a database that is open in a program, or was not closed "
                     "properly. Close that program, or choose another file for the backup."),
                   dest_path);
      return FALSE;
    }

  folder = g_path_get_dirname (dest_path);
  tmp_path = g_build_filename (folder, ".genu-backup-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_FOUND,
                     _("Could not write the backup “%s”: there is no folder “%s”. Create it, "
                       "or choose another folder."), dest_path, folder);
      else if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
        g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_PERMISSION,
                     _("Could not write the backup “%s”: you may not write in the folder “%s”. "
                       "Choose another folder."), dest_path, folder);
      else
        g_set_error (error, GENU_BACKUP_ERROR, code_for_errno (saved_errno),
                     _("Could not write the backup “%s”: %s"), dest_path,
                     g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  what = g_strdup_printf (_("Could not write the backup “%s”"), dest_path);
  db_what = g_strdup_printf (_("Could not read the database “%s”"), db_path);

  /* The counts and the copy come from one read transaction, so they see the same snapshot even
   * while Genu writes: sqlite3_backup_step() uses the transaction its source already has. */
  src = open_db (db_path, SQLITE_OPEN_READWRITE, db_what, &local_error);
  if (src != NULL && exec_sql (src, "BEGIN", db_what, &local_error))
    summary = read_summary (src, db_what, &local_error);
  if (summary != NULL && copy_into_file (src, tmp_path, what, &local_error))
    {
      exec_sql (src, "COMMIT", db_what, NULL);
      g_clear_pointer (&src, close_db);

      if (verify_copy (tmp_path, summary, &local_error) &&
          sync_path (tmp_path, FALSE, &local_error))
        {
          if (g_rename (tmp_path, dest_path) == 0)
            {
              sync_path (folder, TRUE, NULL);
              return TRUE;
            }
          else
            {
              int saved_errno = errno;

              g_set_error (&local_error, GENU_BACKUP_ERROR, code_for_errno (saved_errno),
                           _("Could not write the backup “%s”: %s"), dest_path,
                           g_strerror (saved_errno));
            }
        }
    }

  if (local_error != NULL && local_error->code == GENU_BACKUP_ERROR_NOT_A_DATABASE &&
      src != NULL)
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Genu database, or it is damaged, so it was not backed up."),
                   db_path);
    }

  g_clear_pointer (&src, close_db);
  remove_with_sidecars (tmp_path);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
is_daily_name (const char *name)
{
  /* genu-YYYY-MM-DD.db, nothing else: a file of the user's own is never deleted. */
  static const char pattern[] = "genu-####-##-##.db";

  if (strlen (name) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == '#' ? !g_ascii_isdigit (name[i]) : name[i] != pattern[i])
      return FALSE;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Deletes the oldest daily backups in @folder beyond the @keep_n newest. */
static void
rotate (const char *folder,
        guint       keep_n)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (is_daily_name (name) && g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
          !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_ptr_array_add (names, g_strdup (name));
    }

  /* The names sort by date. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep_n < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      /* One that cannot be deleted now is tried again after the next backup. */
      if (g_unlink (path) != 0)
        g_debug ("Could not delete the old backup %s: %s", path, g_strerror (errno));
    }
}

/**
 * genu_backup_daily:
 * @db_path: the database
 * @folder: the folder of the daily backups; created (0700) when missing
 * @keep_n: how many daily backups to keep, at least 1
 * @now: the current time; its date names the backup
 *
 * The automatic daily backup: unless @folder already holds the backup of @now's date, writes
 * @folder/genu-YYYY-MM-DD.db (see genu_backup_write()) and then deletes the oldest files named
 * genu-YYYY-MM-DD.db beyond the @keep_n newest. Other files in @folder are never touched.
 *
 * Returns: (transfer full) (nullable): the path of the backup written, or %NULL: with @error
 *   set when it failed, without when today's backup was already there
 */
char *
genu_backup_daily (const char  *db_path,
                   const char  *folder,
                   guint        keep_n,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (db_path != NULL && *db_path != '\0', NULL);
  g_return_val_if_fail (folder != NULL && *folder != '\0', NULL);
  g_return_val_if_fail (keep_n >= 1, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GENU_BACKUP_ERROR, code_for_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s. Choose another folder for "
                     "the backups."), folder, g_strerror (saved_errno));
      return NULL;
    }

  date = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("genu-%s.db", date);
  path = g_build_filename (folder, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (!genu_backup_write (db_path, path, error))
    return NULL;

  rotate (folder, keep_n);
  return g_steal_pointer (&path);
}

/**
 * genu_backup_daily_folder:
 * @db_path: the database
 *
 * Returns: (transfer full): the folder of the automatic daily backups of @db_path: "backups"
 *   in the database's own folder
 */
char *
genu_backup_daily_folder (const char *db_path)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (db_path != NULL && *db_path != '\0', NULL);

  folder = g_path_get_dirname (db_path);
  return g_build_filename (folder, "backups", NULL);
}

/* Opens the backup @path read-only, checks it and begins a read transaction; @summary receives
 * what the restored database must read back. */
static sqlite3 *
open_backup (const char  *path,
             char       **summary,
             GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not read the backup “%s”"), path);
  g_autofree char *problem = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16] = { 0, };
  sqlite3_stmt *stmt = NULL;
  gboolean has_patients = FALSE;
  int version = -1;
  GStatBuf st;
  gssize n;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_FOUND,
                     _("There is no file “%s”. Type the path of a backup made by Genu."), path);
      else
        g_set_error (error, GENU_BACKUP_ERROR, code_for_errno (saved_errno), _("%s: %s"), what,
                     g_strerror (saved_errno));
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_A_DATABASE,
                   _("“%s” is a folder. Type the path of a backup file made by Genu."), path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_A_DATABASE,
                   _("“%s” is empty: it is not a Genu backup. Choose another file."), path);
      return NULL;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EACCES || saved_errno == EPERM)
        g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_PERMISSION,
                     _("Could not read “%s”: you may not read this file."), path);
      else
        g_set_error (error, GENU_BACKUP_ERROR, code_for_errno (saved_errno), _("%s: %s"), what,
                     g_strerror (saved_errno));
      return NULL;
    }
  n = read (fd, header, sizeof header);
  g_close (fd, NULL);
  if (n != sizeof header || memcmp (header, SQLITE_HEADER, sizeof SQLITE_HEADER) != 0)
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Genu backup: it is not a database. Choose a backup file "
                     "made by Genu."), path);
      return NULL;
    }

  /* Without a journal beside it, the file alone holds the whole backup: reading it as immutable
   * creates no -wal and -shm files next to it. */
  if (!has_sidecar (path, "-wal") && !has_sidecar (path, "-journal"))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri != NULL)
        uri = g_strconcat (file_uri, "?immutable=1", NULL);
    }

  db = open_db (uri != NULL ? uri : path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, what,
                &local_error);
  if (db != NULL && exec_sql (db, "BEGIN", what, &local_error))
    check_integrity (db, &problem, what, &local_error);
  if (local_error != NULL || problem != NULL)
    {
      if (local_error != NULL && local_error->code == GENU_BACKUP_ERROR_PERMISSION)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be restored (%s). Choose another backup."),
                   path, problem != NULL ? problem : local_error->message);
      return NULL;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, "patients", -1, SQLITE_STATIC);
      has_patients = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  if (version > GENU_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was made by a newer version of Genu (schema %d; this "
                     "version reads up to %d). Update Genu to restore it."),
                   path, version, GENU_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (version < 1 || !has_patients)
    {
      g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_NOT_A_DATABASE,
                   _("“%s” is a database, but not one of Genu. Choose a backup file made by "
                     "Genu."), path);
      return NULL;
    }

  if (summary != NULL)
    {
      *summary = read_summary (db, what, error);
      if (*summary == NULL)
        return NULL;
    }

  return g_steal_pointer (&db);
}

static gboolean
check_not_database (const char  *backup_path,
                    const char  *db_path,
                    GError     **error)
{
  if (db_path == NULL ||
      (g_strcmp0 (backup_path, db_path) != 0 && !same_file (backup_path, db_path)))
    return TRUE;

  g_set_error (error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_SAME_FILE,
               _("“%s” is the database itself, not a backup of it. Choose a backup file."),
               backup_path);
  return FALSE;
}

/**
 * genu_backup_check:
 * @backup_path: a backup file
 * @db_path: (nullable): the database it would replace
 *
 * Checks that @backup_path can be restored (into @db_path): a database, intact, written by a
 * Genu whose schema this build reads, and not @db_path itself. Changes nothing.
 *
 * Returns: %TRUE when genu_backup_restore() would accept it
 */
gboolean
genu_backup_check (const char  *backup_path,
                   const char  *db_path,
                   GError     **error)
{
  g_autoptr(sqlite3) db = NULL;

  g_return_val_if_fail (backup_path != NULL && *backup_path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_database (backup_path, db_path, error))
    return FALSE;

  db = open_backup (backup_path, NULL, error);
  return db != NULL;
}

/* db_path.before-restore-YYYYMMDD-HHMMSS, or with -2, -3 … when that exists already. */
static char *
kept_copy_path (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *path = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.before-restore-%s-%u", db_path, stamp, i);
    }
  return path;
}

/* Creates the folder (0700) and an empty database file (0600), as genu_store_open() does. */
static gboolean
create_empty (const char  *db_path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (db_path);
  int saved_errno;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) == 0)
    {
      fd = g_open (db_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          g_close (fd, NULL);
          return TRUE;
        }
    }

  saved_errno = errno;
  g_set_error (error, GENU_BACKUP_ERROR, code_for_errno (saved_errno),
               _("Could not create the database “%s”: %s"), db_path, g_strerror (saved_errno));
  return FALSE;
}

/* Creates @path (0600, failing when it exists) with the bytes of @source: the copy of a database
 * that SQLite cannot read, which the backup API cannot copy. */
static gboolean
copy_raw (const char  *source,
          const char  *path,
          GError     **error)
{
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

  in = g_file_read (from, NULL, &local_error);
  if (in != NULL)
    out = g_file_create (to, G_FILE_CREATE_PRIVATE, NULL, &local_error);
  if (out != NULL &&
      g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, &local_error) >= 0 &&
      sync_path (path, FALSE, &local_error))
    return TRUE;

  if (out != NULL)
    g_unlink (path);
  g_set_error (error, GENU_BACKUP_ERROR,
               g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
                 ? GENU_BACKUP_ERROR_PERMISSION : GENU_BACKUP_ERROR_FAILED,
               _("Could not copy “%s” to “%s”: %s"), source, path, local_error->message);
  return FALSE;
}

/* Keeps @db_path, which SQLite cannot read, as @kept byte for byte, with the journal beside it
 * if there is one: whatever can still be saved from it is in there. */
static gboolean
keep_raw_copy (const char  *db_path,
               const char  *kept,
               GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-journal" };

  if (!copy_raw (db_path, kept, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *kept_sidecar = g_strconcat (kept, suffixes[i], NULL);

      if (g_file_test (sidecar, G_FILE_TEST_EXISTS) && !copy_raw (sidecar, kept_sidecar, error))
        {
          remove_with_sidecars (kept);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * genu_backup_restore:
 * @backup_path: a backup made by genu_backup_write() or genu_backup_daily()
 * @db_path: the database to replace; created when missing
 * @out_kept_copy: (out) (optional) (transfer full): the copy of the database as it was before,
 *   or %NULL when there was none
 *
 * Replaces the contents of the database with the backup. The backup is checked first
 * (genu_backup_check()); then a copy of the current database is kept beside it as
 * @db_path.before-restore-YYYYMMDD-HHMMSS (0600); then the backup is copied in, in one
 * transaction: on any failure the database stays as it was.
 *
 * A current database that SQLite cannot read (damaged, or not a database) is kept as a byte for
 * byte copy under that name, with its journal (-wal or -journal) beside it, and replaced by the
 * backup.
 *
 * The caller must not have the database open as a #GenuStore in the same process; another
 * process that has it open sees the restored records on its next read.
 *
 * Returns: %TRUE when the database now holds the backup's records
 */
gboolean
genu_backup_restore (const char  *backup_path,
                     const char  *db_path,
                     char       **out_kept_copy,
                     GError     **error)
{
  g_autofree char *what = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(sqlite3) src = NULL;
  g_autoptr(sqlite3) dst = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_backup *backup;
  gboolean created = FALSE;
  gboolean unreadable = FALSE;
  int rc;

  g_return_val_if_fail (backup_path != NULL && *backup_path != '\0', FALSE);
  g_return_val_if_fail (db_path != NULL && *db_path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_kept_copy != NULL)
    *out_kept_copy = NULL;

  if (!check_not_database (backup_path, db_path, error))
    return FALSE;

  src = open_backup (backup_path, &summary, error);
  if (src == NULL)
    return FALSE;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *checked = NULL;

      kept = kept_copy_path (db_path);
      checked = g_strconcat (kept, ".checking", NULL);

      /* Byte for byte first, before SQLite reads it: reading a damaged database may already
       * change it (a journal played back or dropped). */
      if (!keep_raw_copy (db_path, kept, &local_error))
        ;
      else if (genu_backup_write (db_path, checked, &local_error))
        {
          /* Readable: the checked copy, one file that stands alone, is the one kept. */
          remove_with_sidecars (kept);
          if (g_rename (checked, kept) != 0)
            {
              int saved_errno = errno;

              g_unlink (checked);
              g_set_error (&local_error, GENU_BACKUP_ERROR, code_for_errno (saved_errno),
                           _("Could not write “%s”: %s"), kept, g_strerror (saved_errno));
            }
        }
      else if (g_error_matches (local_error, GENU_BACKUP_ERROR,
                                GENU_BACKUP_ERROR_NOT_A_DATABASE) ||
               g_error_matches (local_error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_DAMAGED) ||
               g_error_matches (local_error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_VERIFY))
        {
          /* SQLite cannot read it, which is what a restore is for: the copy kept is the raw
           * one, and the backup goes into a new file in its place. */
          g_clear_error (&local_error);
          unreadable = TRUE;
          remove_with_sidecars (db_path);
          if (!create_empty (db_path, &local_error))
            {
              keep_raw_copy (kept, db_path, NULL);
              g_prefix_error (&local_error, _("Nothing was restored; the database as it was "
                                              "is kept in “%s”. "), kept);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      else
        remove_with_sidecars (kept);

      if (local_error != NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Could not keep a copy of the current database, so nothing was "
                         "restored: %s"), local_error->message);
          return FALSE;
        }
    }
  else if (!create_empty (db_path, error))
    return FALSE;
  else
    created = TRUE;

  what = g_strdup_printf (_("Could not restore the backup into “%s”"), db_path);

  /* A connection to the database itself: SQLite writes the backup through its journal, in one
   * transaction, and connections of other processes see the change like any other commit. */
  dst = open_db (db_path, SQLITE_OPEN_READWRITE, what, &local_error);
  if (dst != NULL)
    {
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup == NULL)
        set_sqlite_error (&local_error, dst, sqlite3_errcode (dst), what);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc != SQLITE_DONE)
            set_sqlite_error (&local_error, dst,
                              sqlite3_errcode (dst) != SQLITE_OK ? sqlite3_errcode (dst) : rc,
                              what);
        }
    }

  if (local_error == NULL && check_integrity (dst, &problem, what, &local_error))
    {
      if (problem != NULL)
        g_set_error (&local_error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_VERIFY,
                     _("The restored database “%s” did not read back intact (%s)."), db_path,
                     problem);
      else if ((restored = read_summary (dst, what, &local_error)) != NULL &&
               g_strcmp0 (restored, summary) != 0)
        g_set_error (&local_error, GENU_BACKUP_ERROR, GENU_BACKUP_ERROR_VERIFY,
                     _("The restored database “%s” does not hold the same records as the "
                       "backup."), db_path);
    }

  g_clear_pointer (&dst, close_db);

  if (local_error != NULL)
    {
      if (created)
        remove_with_sidecars (db_path);
      else if (unreadable)
        {
          /* Back as it was, unreadable as it is; the copy stays too. */
          remove_with_sidecars (db_path);
          keep_raw_copy (kept, db_path, NULL);
        }
      if (kept != NULL)
        g_set_error (error, local_error->domain, local_error->code,
                     /* TRANSLATORS: the first %s is the reason, the second a file */
                     _("%s The database as it was before is kept in “%s”."),
                     local_error->message, kept);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_kept_copy != NULL)
    *out_kept_copy = g_steal_pointer (&kept);
  return TRUE;
}
