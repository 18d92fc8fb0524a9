/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "genu-patient.h"

G_BEGIN_DECLS

/* A patient in the window's patient list: the name, then the record number and the date of
 * birth (and "archived"). One row widget shows patient after patient as the list scrolls. */

#define GENU_TYPE_PATIENT_ROW (genu_patient_row_get_type ())
G_DECLARE_FINAL_TYPE (GenuPatientRow, genu_patient_row, GENU, PATIENT_ROW, GtkWidget)

GtkWidget   *genu_patient_row_new           (void);
GenuPatient *genu_patient_row_get_patient   (GenuPatientRow *self);
void         genu_patient_row_set_patient   (GenuPatientRow *self,
                                             GenuPatient    *patient);
const char  *genu_patient_row_get_title     (GenuPatientRow *self);
const char  *genu_patient_row_get_subtitle  (GenuPatientRow *self);

G_END_DECLS
