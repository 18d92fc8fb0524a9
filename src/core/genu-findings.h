/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What was recorded for one finding. A finding that was not tested is simply absent from the
 * set: it changes nothing in the differential. */
typedef enum {
  GENU_FINDING_NOT_TESTED,
  GENU_FINDING_PRESENT,   /* yes-no finding or test: present / positive */
  GENU_FINDING_ABSENT,    /* yes-no finding or test: absent / negative */
  GENU_FINDING_NUMBER,    /* a numeric finding (age, NPRS, degrees) */
} GenuFindingState;

#define GENU_TYPE_FINDINGS (genu_findings_get_type ())
G_DECLARE_FINAL_TYPE (GenuFindings, genu_findings, GENU, FINDINGS, GObject)

/* A set of recorded findings, keyed by the finding ids of the knowledge base
 * (shared/clinical/medial-knee.md). Emits ::changed after every change. */
GenuFindings     *genu_findings_new         (void);
GenuFindings     *genu_findings_copy        (GenuFindings  *self);
gboolean          genu_findings_equal       (GenuFindings  *a,
                                             GenuFindings  *b);

void              genu_findings_set_bool    (GenuFindings  *self,
                                             const char    *id,
                                             gboolean       present);
void              genu_findings_set_number  (GenuFindings  *self,
                                             const char    *id,
                                             double         value);
/* A grade (e.g. 1-3 for valgus laxity) of a present finding; 0 = no grade. */
void              genu_findings_set_grade   (GenuFindings  *self,
                                             const char    *id,
                                             int            grade);
void              genu_findings_clear       (GenuFindings  *self,
                                             const char    *id);

GenuFindingState  genu_findings_get         (GenuFindings  *self,
                                             const char    *id,
                                             double        *number);
int               genu_findings_get_grade   (GenuFindings  *self,
                                             const char    *id);
/* The recorded ids, sorted. */
GStrv             genu_findings_dup_ids     (GenuFindings  *self);
guint             genu_findings_get_size    (GenuFindings  *self);

/* {"<id>": "present" | "absent" | <number>, ...} */
JsonNode         *genu_findings_to_json     (GenuFindings  *self);
/* {"<id>": <grade>, ...} for the findings that have one */
JsonNode         *genu_findings_grades_to_json (GenuFindings *self);

G_END_DECLS
