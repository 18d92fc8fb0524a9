/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "genu-findings.h"

G_BEGIN_DECLS

#define GENU_KNOWLEDGE_BASE_ERROR (genu_knowledge_base_error_quark ())

typedef enum {
  GENU_KNOWLEDGE_BASE_ERROR_PARSE,        /* not JSON, or not the expected shape */
  GENU_KNOWLEDGE_BASE_ERROR_INVALID,      /* an entry breaks a rule; the message names it */
  GENU_KNOWLEDGE_BASE_ERROR_FINDINGS,     /* findings given to it (genu_findings_from_json) */
} GenuKnowledgeBaseError;

typedef enum {
  GENU_FINDING_TYPE_BOOL,
  GENU_FINDING_TYPE_NUMBER,
} GenuFindingType;

/* How a figure is known; shown wherever the figure is shown. */
typedef enum {
  GENU_EVIDENCE_META_ANALYSIS,
  GENU_EVIDENCE_SINGLE_STUDY,
  GENU_EVIDENCE_EXPERT_ESTIMATE,
} GenuEvidence;

/* A finding the form records. Groups, in form order: "history", "location", "pain",
 * "range_of_motion", "examination", "special_tests", "red_flags". */
typedef struct {
  const char      *id;
  GenuFindingType  type;
  const char      *group;
  const char      *label;       /* short, for the form ("McMurray test") */
  const char      *help;        /* nullable: how to test or ask, one sentence */
  const char      *unit;        /* nullable: "years", "deg", "0-10" */
  double           min;         /* numbers only: the range the form accepts */
  double           max;
  gboolean         integer;     /* numbers only: whole numbers (NPRS, degrees, years) */
  int              max_grade;   /* 0, or the highest grade (3 for valgus laxity) */
  gboolean         is_test;     /* a special test: positive / negative rather than yes / no */
} GenuFindingDef;

typedef struct {
  const char *id;
  const char *name;
  const char *icd10;
  double      prior;            /* before age adjustment */
} GenuConditionDef;

/* One goal of a plan template: written by us, measurable. */
typedef struct {
  const char *term;             /* "short" or "long" (genu_goal_term_from_string()) */
  const char *description;      /* "NPRS during running ≤ 2/10" */
  int         target_weeks;     /* from the start of the plan */
} GenuGoalTemplate;

/* The starting point of a plan of care for one condition (shared/clinical/medial-knee.md, "Plan
 * templates per condition"), edited freely once copied into a plan. */
typedef struct {
  const char             *condition_id;
  const char             *interventions;   /* the planned interventions, one per line */
  const GenuGoalTemplate *goals;
  guint                   n_goals;
} GenuPlanTemplate;

#define GENU_TYPE_KNOWLEDGE_BASE (genu_knowledge_base_get_type ())
G_DECLARE_FINAL_TYPE (GenuKnowledgeBase, genu_knowledge_base, GENU, KNOWLEDGE_BASE, GObject)

GQuark                  genu_knowledge_base_error_quark     (void);

/* The knowledge base compiled into libgenu (data/knowledge-base.json), loaded once. */
GenuKnowledgeBase      *genu_knowledge_base_get_default     (void);
GenuKnowledgeBase      *genu_knowledge_base_new_from_data   (const char         *json,
                                                             gssize              length,
                                                             GError            **error);

const char             *genu_knowledge_base_get_version     (GenuKnowledgeBase  *self);
guint                   genu_knowledge_base_get_n_findings  (GenuKnowledgeBase  *self);
const GenuFindingDef   *genu_knowledge_base_get_finding     (GenuKnowledgeBase  *self,
                                                             guint               index);
const GenuFindingDef   *genu_knowledge_base_lookup_finding  (GenuKnowledgeBase  *self,
                                                             const char         *id);
guint                   genu_knowledge_base_get_n_conditions (GenuKnowledgeBase *self);
const GenuConditionDef *genu_knowledge_base_get_condition   (GenuKnowledgeBase  *self,
                                                             guint               index);
const GenuConditionDef *genu_knowledge_base_lookup_condition (GenuKnowledgeBase *self,
                                                             const char         *id);
/* The plan template of condition @condition_id; NULL when it has none. */
const GenuPlanTemplate *genu_knowledge_base_lookup_plan_template (GenuKnowledgeBase *self,
                                                                  const char        *condition_id);

/* Reads {"<finding id>": "present" | "absent" | <number>, ...}. Every unknown id and every value
 * that does not fit its finding (wrong type, out of range) is an error; the message names each
 * one, one per line. */
GenuFindings           *genu_findings_from_json             (GenuKnowledgeBase  *self,
                                                             JsonNode           *object,
                                                             GError            **error);
/* Checks one value against its finding's definition: NULL when fine, else a message that says
 * what to type instead ("NPRS now: type a whole number from 0 to 10."). */
char                   *genu_knowledge_base_check_number    (GenuKnowledgeBase  *self,
                                                             const char         *id,
                                                             double              value);

const char             *genu_evidence_to_string             (GenuEvidence        evidence);

G_END_DECLS
