/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_IMPORT_DIALOG (genu_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GenuImportDialog, genu_import_dialog, GENU, IMPORT_DIALOG, AdwWindow)

/* Checks the CSV @file (genu-import.h) and shows how many patients it holds, the first of them
 * and every problem, with Cancel and Import. Import stays off while rows have problems, unless
 * "Skip the rows with problems" is on. Emits "imported" (guint n) after a successful import. */
GtkWidget  *genu_import_dialog_new             (GtkWindow        *parent,
                                                GenuStore        *store,
                                                GFile            *file);

/* For the tests. */
GtkWidget  *genu_import_dialog_get_import_button (GenuImportDialog *self);
GtkWidget  *genu_import_dialog_get_skip_switch   (GenuImportDialog *self);
GtkListBox *genu_import_dialog_get_preview       (GenuImportDialog *self);
GtkListBox *genu_import_dialog_get_problems      (GenuImportDialog *self);

G_END_DECLS
