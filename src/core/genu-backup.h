/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Backups of the database and restoring one (issue 7). Backups are made with SQLite's online
 * backup API, so they may be taken while Genu has the database open; every backup is checked
 * (integrity and row counts) before it takes its final name, so a file that carries a backup's
 * name is a complete one. */

#define GENU_BACKUP_ERROR (genu_backup_error_quark ())

typedef enum {
  GENU_BACKUP_ERROR_FAILED,
  GENU_BACKUP_ERROR_NOT_FOUND,       /* the database or the backup file does not exist */
  GENU_BACKUP_ERROR_NOT_A_DATABASE,  /* empty, not an SQLite file, or not Genu's */
  GENU_BACKUP_ERROR_DAMAGED,         /* an SQLite file that fails its integrity check */
  GENU_BACKUP_ERROR_NEWER_SCHEMA,    /* written by a newer Genu than this one */
  GENU_BACKUP_ERROR_PERMISSION,      /* a folder or file that may not be written or read */
  GENU_BACKUP_ERROR_SAME_FILE,       /* the backup would be the database itself */
  GENU_BACKUP_ERROR_IN_USE,          /* the destination has a journal of its own */
  GENU_BACKUP_ERROR_VERIFY,          /* the copy did not read back equal */
} GenuBackupError;

GQuark    genu_backup_error_quark     (void);

gboolean  genu_backup_write           (const char  *db_path,
                                       const char  *dest_path,
                                       GError     **error);
char     *genu_backup_daily           (const char  *db_path,
                                       const char  *folder,
                                       guint        keep_n,
                                       GDateTime   *now,
                                       GError     **error);
char     *genu_backup_daily_folder    (const char  *db_path);
gboolean  genu_backup_check           (const char  *backup_path,
                                       const char  *db_path,
                                       GError     **error);
gboolean  genu_backup_restore         (const char  *backup_path,
                                       const char  *db_path,
                                       char       **out_kept_copy,
                                       GError     **error);

G_END_DECLS
