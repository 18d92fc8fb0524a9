/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_WINDOW (genu_window_get_type ())
G_DECLARE_FINAL_TYPE (GenuWindow, genu_window, GENU, WINDOW, AdwApplicationWindow)

void        genu_window_show_error          (GenuWindow *self,
                                            const char *message);
void        genu_window_set_store           (GenuWindow *self,
                                            GenuStore  *store);
const char *genu_window_get_database_path   (GenuWindow *self);
gboolean    genu_window_is_showing_sample_data (GenuWindow *self);
void        genu_window_start_daily_backup  (GenuWindow *self);

/* Checks @file and opens the import dialog for it (what "Import Patients…" does after the file
 * chooser); after an import the list reloads and a toast says how many. Returns the dialog. */
GtkWidget *genu_window_import_file (GenuWindow *self,
                                    GFile      *file);

G_END_DECLS
