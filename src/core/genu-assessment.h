/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "genu-findings.h"

G_BEGIN_DECLS

typedef enum {
  GENU_SIDE_UNKNOWN,
  GENU_SIDE_LEFT,
  GENU_SIDE_RIGHT,
  GENU_SIDE_BOTH,
} GenuSide;

/* The free-text fields of a knee assessment, each a column of `knee_assessments`. */
typedef enum {
  GENU_ASSESSMENT_MECHANISM,      /* onset and mechanism in the patient's words */
  GENU_ASSESSMENT_AGGRAVATING,    /* aggravating activities */
  GENU_ASSESSMENT_NOTES,
  GENU_ASSESSMENT_N_TEXTS,
} GenuAssessmentText;

#define GENU_TYPE_ASSESSMENT (genu_assessment_get_type ())
G_DECLARE_FINAL_TYPE (GenuAssessment, genu_assessment, GENU, ASSESSMENT, GObject)

/* A knee assessment for inner knee pain: side, duration, the descriptive texts, and every finding
 * of the knowledge base (history, pain location, pain scores, range of motion, special tests,
 * red-flag questions) as a GenuFindings set. */
GenuAssessment *genu_assessment_new              (void);
GenuAssessment *genu_assessment_copy             (GenuAssessment     *self);
gboolean        genu_assessment_equal            (GenuAssessment     *a,
                                                  GenuAssessment     *b);

GenuSide        genu_assessment_get_side         (GenuAssessment     *self);
void            genu_assessment_set_side         (GenuAssessment     *self,
                                                  GenuSide            side);
/* Weeks since the pain began; -1 when not recorded. */
int             genu_assessment_get_duration_weeks (GenuAssessment   *self);
void            genu_assessment_set_duration_weeks (GenuAssessment   *self,
                                                  int                 weeks);
const char     *genu_assessment_text_column      (GenuAssessmentText  field);
const char     *genu_assessment_get_text         (GenuAssessment     *self,
                                                  GenuAssessmentText  field);
void            genu_assessment_set_text         (GenuAssessment     *self,
                                                  GenuAssessmentText  field,
                                                  const char         *value);
/* (transfer none): the findings, changed in place */
GenuFindings   *genu_assessment_get_findings     (GenuAssessment     *self);

const char     *genu_side_to_string              (GenuSide            side);
gboolean        genu_side_from_string            (const char         *text,
                                                  GenuSide           *side);

/* {"side", "duration_weeks", "mechanism", "aggravating", "notes", "findings": {...},
 *  "grades": {...}} */
JsonNode       *genu_assessment_to_json          (GenuAssessment     *self);

G_END_DECLS
