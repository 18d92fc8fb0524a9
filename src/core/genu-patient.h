/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GENU_SEX_UNKNOWN,
  GENU_SEX_FEMALE,
  GENU_SEX_MALE,
  GENU_SEX_OTHER,
} GenuSex;

/* The free-text fields of a patient. Each one is a column of the `patients` table and a property
 * of GenuPatient; genu_patient_text_column() gives the column name, which is also the JSON key. */
typedef enum {
  GENU_PATIENT_RECORD_NUMBER,
  GENU_PATIENT_FAMILY_NAME,
  GENU_PATIENT_GIVEN_NAMES,
  GENU_PATIENT_DATE_OF_BIRTH,
  GENU_PATIENT_PHONE,
  GENU_PATIENT_EMAIL,
  GENU_PATIENT_ADDRESS,
  GENU_PATIENT_REFERRING_PHYSICIAN,
  GENU_PATIENT_NOTES,
  GENU_PATIENT_GOAL_EVENT,
  GENU_PATIENT_USUAL_SURFACE,
  GENU_PATIENT_SHOES,
  GENU_PATIENT_TRAINING_CHANGES,
  GENU_PATIENT_N_TEXTS,
} GenuPatientText;

/* Value of a numeric field that has not been recorded. */
#define GENU_PATIENT_UNSET (-1)

#define GENU_TYPE_PATIENT (genu_patient_get_type ())
G_DECLARE_FINAL_TYPE (GenuPatient, genu_patient, GENU, PATIENT, GObject)

GenuPatient *genu_patient_new                   (void);
GenuPatient *genu_patient_copy                  (GenuPatient     *self);
void         genu_patient_strip_texts           (GenuPatient     *self);
gboolean     genu_patient_equal                 (GenuPatient     *a,
                                                 GenuPatient     *b);

const char  *genu_patient_text_column           (GenuPatientText  field);
const char  *genu_patient_get_text              (GenuPatient     *self,
                                                 GenuPatientText  field);
void         genu_patient_set_text              (GenuPatient     *self,
                                                 GenuPatientText  field,
                                                 const char      *value);

gint64       genu_patient_get_id                (GenuPatient     *self);
void         genu_patient_set_id                (GenuPatient     *self,
                                                 gint64           id);
GenuSex      genu_patient_get_sex               (GenuPatient     *self);
void         genu_patient_set_sex               (GenuPatient     *self,
                                                 GenuSex          sex);
double       genu_patient_get_weekly_distance_km (GenuPatient    *self);
void         genu_patient_set_weekly_distance_km (GenuPatient    *self,
                                                 double           km);
int          genu_patient_get_years_running     (GenuPatient     *self);
void         genu_patient_set_years_running     (GenuPatient     *self,
                                                 int              years);
gboolean     genu_patient_get_archived          (GenuPatient     *self);
void         genu_patient_set_archived          (GenuPatient     *self,
                                                 gboolean         archived);
const char  *genu_patient_get_created_at        (GenuPatient     *self);
const char  *genu_patient_get_updated_at        (GenuPatient     *self);
void         genu_patient_set_timestamps        (GenuPatient     *self,
                                                 const char      *created_at,
                                                 const char      *updated_at);

char        *genu_patient_dup_display_name      (GenuPatient     *self);
int          genu_patient_get_age               (GenuPatient     *self,
                                                 const GDate     *today);
JsonNode    *genu_patient_to_json               (GenuPatient     *self);

const char  *genu_sex_to_string                 (GenuSex          sex);
gboolean     genu_sex_from_string               (const char      *text,
                                                 GenuSex         *sex);

G_END_DECLS
