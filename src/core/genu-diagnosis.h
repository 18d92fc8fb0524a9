/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "genu-knowledge-base.h"

G_BEGIN_DECLS

/* One figure that moved a condition: a finding's LR+ (present) or LR- (absent), or a rule's. */
typedef struct {
  char         *finding;    /* a finding id, or "rule:<rule id>" */
  char         *label;      /* readable: "McMurray test", "Kastelein MCL cluster" */
  char         *value;      /* "present" / "absent" */
  double        lr;
  char         *source;     /* the citation */
  GenuEvidence  evidence;
} GenuContribution;

typedef struct {
  const GenuConditionDef *condition;
  double                  prior;        /* after the age adjustment, where the condition has one */
  const char             *prior_source; /* the citation of the prior (or of its age factor) */
  GenuEvidence            prior_evidence;
  double                  probability;
  GPtrArray              *contributions; /* GenuContribution, in the order they were applied */
} GenuCandidate;

typedef struct {
  char *id;
  char *title;
  char *reason;   /* which recorded findings made it fire */
  char *action;   /* "refer / image": what to do */
} GenuRedFlagAlert;

#define GENU_TYPE_DIAGNOSIS (genu_diagnosis_get_type ())
G_DECLARE_FINAL_TYPE (GenuDiagnosis, genu_diagnosis, GENU, DIAGNOSIS, GObject)

/* Pure and deterministic: the same findings give the same result. Decision support for a
 * clinician, never a diagnosis. */
GenuDiagnosis *genu_diagnose                      (GenuKnowledgeBase *kb,
                                                   GenuFindings      *findings);
/* GenuRedFlagAlert, in knowledge-base order; they head the output, never hide it. */
GPtrArray     *genu_diagnosis_get_red_flags       (GenuDiagnosis     *self);
/* GenuCandidate, sorted by probability, highest first (ties: knowledge-base order). */
GPtrArray     *genu_diagnosis_get_differential    (GenuDiagnosis     *self);
/* {"red_flags": [...], "differential": [...]} as genu-cli diagnose prints it. */
JsonNode      *genu_diagnosis_to_json             (GenuDiagnosis     *self);

G_END_DECLS
