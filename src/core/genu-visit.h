/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "genu-assessment.h"

G_BEGIN_DECLS

typedef enum {
  GENU_VISIT_INITIAL_EVALUATION,
  GENU_VISIT_FOLLOW_UP,
  GENU_VISIT_RE_EVALUATION,
  GENU_VISIT_DISCHARGE,
} GenuVisitKind;

/* The text fields of a visit, each a column of `visits` (genu_visit_text_column()). */
typedef enum {
  GENU_VISIT_DATE,                /* YYYY-MM-DD */
  GENU_VISIT_THERAPIST,
  GENU_VISIT_SUBJECTIVE,          /* the SOAP notes */
  GENU_VISIT_OBJECTIVE,
  GENU_VISIT_ASSESSMENT,
  GENU_VISIT_PLAN,
  GENU_VISIT_DIAGNOSIS_ID,        /* working diagnosis: a condition id of the knowledge base, or "" */
  GENU_VISIT_DIAGNOSIS_NAME,      /* picked from the knowledge base, or typed */
  GENU_VISIT_DIAGNOSIS_ICD10,
  GENU_VISIT_N_TEXTS,
} GenuVisitText;

#define GENU_TYPE_VISIT (genu_visit_get_type ())
G_DECLARE_FINAL_TYPE (GenuVisit, genu_visit, GENU, VISIT, GObject)

GenuVisit      *genu_visit_new                (void);
GenuVisit      *genu_visit_copy               (GenuVisit      *self);
gboolean        genu_visit_equal              (GenuVisit      *a,
                                               GenuVisit      *b);

gint64          genu_visit_get_id             (GenuVisit      *self);
void            genu_visit_set_id             (GenuVisit      *self,
                                               gint64          id);
gint64          genu_visit_get_patient_id     (GenuVisit      *self);
void            genu_visit_set_patient_id     (GenuVisit      *self,
                                               gint64          patient_id);
GenuVisitKind   genu_visit_get_kind           (GenuVisit      *self);
void            genu_visit_set_kind           (GenuVisit      *self,
                                               GenuVisitKind   kind);
const char     *genu_visit_text_column        (GenuVisitText   field);
const char     *genu_visit_get_text           (GenuVisit      *self,
                                               GenuVisitText   field);
void            genu_visit_set_text           (GenuVisit      *self,
                                               GenuVisitText   field,
                                               const char     *value);
/* The knee assessment of an initial evaluation or re-evaluation; NULL for other visits. */
GenuAssessment *genu_visit_get_assessment     (GenuVisit      *self);
void            genu_visit_set_assessment     (GenuVisit      *self,
                                               GenuAssessment *assessment);
const char     *genu_visit_get_created_at     (GenuVisit      *self);
const char     *genu_visit_get_updated_at     (GenuVisit      *self);
void            genu_visit_set_timestamps     (GenuVisit      *self,
                                               const char     *created_at,
                                               const char     *updated_at);

/* The signature is set by the store when a visit is signed; "" when unsigned. @signed_at is an
 * ISO 8601 date and time. A signed visit is not edited: a correction is a new visit whose
 * amends_id is the signed one's id, with the reason for the amendment. */
const char     *genu_visit_get_signed_by      (GenuVisit      *self);
const char     *genu_visit_get_signed_at      (GenuVisit      *self);
gboolean        genu_visit_is_signed          (GenuVisit      *self);
void            genu_visit_set_signature      (GenuVisit      *self,
                                               const char     *signed_by,
                                               const char     *signed_at);
/* The id of the signed visit this one corrects; 0 = not an amendment. */
gint64          genu_visit_get_amends_id      (GenuVisit      *self);
void            genu_visit_set_amends_id      (GenuVisit      *self,
                                               gint64          amends_id);
/* Why a signed visit is amended (column "amendment_reason"); "" when not an amendment. Not a
 * GenuVisitText: the store writes it only with the amendment (genu_store_amend_visit()). */
const char     *genu_visit_get_amendment_reason (GenuVisit    *self);
void            genu_visit_set_amendment_reason (GenuVisit    *self,
                                                 const char   *reason);

/* Whether visits of @kind hold a knee assessment (initial evaluation, re-evaluation). */
gboolean        genu_visit_kind_has_assessment (GenuVisitKind  kind);
const char     *genu_visit_kind_to_string     (GenuVisitKind   kind);   /* "initial_evaluation" */
gboolean        genu_visit_kind_from_string   (const char     *text,
                                               GenuVisitKind  *kind);
const char     *genu_visit_kind_label         (GenuVisitKind   kind);   /* translated */

/* Every field (column names as keys); "assessment" holds the knee assessment or null, so the
 * SOAP assessment text (column "assessment") has the key "soap_assessment". The signature and
 * amendment are "signed_by", "signed_at", "amends_id" and "amendment_reason". */
JsonNode       *genu_visit_to_json            (GenuVisit      *self);

G_END_DECLS
