/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-patient.h"
#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_HISTORY_DIALOG (genu_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GenuHistoryDialog, genu_history_dialog, GENU, HISTORY_DIALOG, AdwWindow)

/* The history of changes of @patient's records, newest first, from the audit trail of @store:
 * who changed what and when, with the values before and after. Warns when the trail was
 * altered outside Genu. */
GtkWidget  *genu_history_dialog_new   (GtkWindow   *parent,
                                       GenuStore   *store,
                                       GenuPatient *patient);

G_END_DECLS
