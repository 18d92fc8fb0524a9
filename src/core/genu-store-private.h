/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "genu-store.h"

G_BEGIN_DECLS

/* For tests and the migration code: the schema steps, one per version. */
gboolean  _genu_schema_migrate      (sqlite3     *db,
                                     int          from_version,
                                     int          to_version,
                                     GError     **error);
int       _genu_schema_get_version  (sqlite3     *db,
                                     GError     **error);
gboolean  _genu_sqlite_exec         (sqlite3     *db,
                                     const char  *sql,
                                     GError     **error);
void      _genu_set_sqlite_error    (GError     **error,
                                     sqlite3     *db,
                                     const char  *what);
char     *_genu_fold_for_search     (const char  *text);

G_END_DECLS
