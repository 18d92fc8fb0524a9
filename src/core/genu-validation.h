/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "genu-knowledge-base.h"
#include "genu-patient.h"
#include "genu-visit.h"

G_BEGIN_DECLS

#define GENU_VALIDATION_ERROR (genu_validation_error_quark ())

typedef enum {
  GENU_VALIDATION_ERROR_INVALID,
} GenuValidationError;

/* One rule a field breaks. @field is the database column (and JSON key) of the field; @message
 * says what to type instead, in words for a therapist. */
typedef struct {
  char *field;
  char *message;
} GenuFieldError;

#define GENU_DATE_MIN_YEAR 1900
#define GENU_WEEKLY_DISTANCE_MAX_KM 400.0
#define GENU_YEARS_RUNNING_MAX 90

GQuark          genu_validation_error_quark   (void);

GenuFieldError *genu_field_error_new          (const char      *field,
                                               const char      *message);
void            genu_field_error_free         (GenuFieldError  *error);

void            genu_date_set_today           (GDate           *date);
gboolean        genu_parse_date               (const char      *text,
                                               GDate           *date,
                                               GError         **error);
gboolean        genu_parse_years_running      (const char      *text,
                                               int             *years,
                                               GError         **error);

GPtrArray      *genu_patient_validate         (GenuPatient     *patient,
                                               const GDate     *today);
/* The rules of a visit and its knee assessment: date a real date, not in the future and not
 * before the patient's birth (@patient may be NULL); therapist's name required; a knee assessment
 * only on an initial evaluation or re-evaluation; duration 0 to 520 weeks; every number within
 * its finding's range (field = the finding id, e.g. "nprs_now", "flexion_deg"). */
GPtrArray      *genu_visit_validate           (GenuVisit         *visit,
                                               GenuPatient       *patient,
                                               GenuKnowledgeBase *kb,
                                               const GDate       *today);
const char     *genu_field_errors_lookup      (GPtrArray       *errors,
                                               const char      *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenuFieldError, genu_field_error_free)

G_END_DECLS
