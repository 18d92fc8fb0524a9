/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-plan.h"

G_BEGIN_DECLS

#define GENU_TYPE_SCREENING_DIALOG (genu_screening_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GenuScreeningDialog, genu_screening_dialog, GENU, SCREENING_DIALOG, AdwWindow)

GtkWidget  *genu_screening_dialog_new        (GtkWindow            *parent,
                                              GenuPlan             *plan,
                                              const char           *therapist);
GenuPlan   *genu_screening_dialog_get_plan   (GenuScreeningDialog  *self);
gboolean    genu_screening_dialog_confirm    (GenuScreeningDialog  *self,
                                              GError              **error);

/* For tests and accessibility checks. */
GtkWidget  *genu_screening_dialog_get_check  (GenuScreeningDialog  *self,
                                              const char           *id);
GtkWidget  *genu_screening_dialog_get_acknowledged_by (GenuScreeningDialog *self);
const char *genu_screening_dialog_get_warning (GenuScreeningDialog *self);

G_END_DECLS
