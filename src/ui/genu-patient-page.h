/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-patient.h"
#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_PATIENT_PAGE (genu_patient_page_get_type ())
G_DECLARE_FINAL_TYPE (GenuPatientPage, genu_patient_page, GENU, PATIENT_PAGE, AdwBin)

void         genu_patient_page_load               (GenuPatientPage  *self,
                                                   GenuPatient      *patient);
GenuPatient *genu_patient_page_get_patient        (GenuPatientPage  *self);
gboolean     genu_patient_page_get_dirty          (GenuPatientPage  *self);
gboolean     genu_patient_page_save               (GenuPatientPage  *self,
                                                   GError          **error);
void         genu_patient_page_reload_records     (GenuPatientPage  *self);
gboolean     genu_patient_page_has_sessions       (GenuPatientPage  *self);
void         genu_patient_page_revert             (GenuPatientPage  *self);
void         genu_patient_page_focus_first_field  (GenuPatientPage  *self);
const char  *genu_patient_page_get_field_error    (GenuPatientPage  *self,
                                                   const char       *field);
GtkWidget   *genu_patient_page_get_field          (GenuPatientPage  *self,
                                                   const char       *field);

G_END_DECLS
