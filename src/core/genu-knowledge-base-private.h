/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "genu-knowledge-base.h"

G_BEGIN_DECLS

/* What the diagnosis module reads from the knowledge base; not for the UI. */

typedef struct {
  char         *id;
  char         *citation;
  GenuEvidence  evidence;
} GenuSource;

/* Three-valued logic: a rule over findings that were not tested may be undecided. */
typedef enum {
  GENU_TRI_FALSE,
  GENU_TRI_UNKNOWN,
  GENU_TRI_TRUE,
} GenuTri;

typedef struct _GenuExpr GenuExpr;

typedef struct {
  guint             condition;     /* index of the condition */
  const char       *finding;
  double            lr_positive;   /* 0 = none given */
  double            lr_negative;
  const GenuSource *source;
} GenuLikelihoodRatio;

typedef struct {
  char             *id;
  guint             condition;
  char             *label;
  char             *help;
  GenuExpr         *when;
  GStrv             findings;      /* every finding the rule reads: their own LRs give way to it */
  double            lr_positive;   /* applied when the rule is met */
  double            lr_negative;   /* 0, or applied when the rule is surely not met */
  const GenuSource *source;
} GenuRule;

typedef struct {
  char             *id;
  char             *title;
  char             *action;
  GenuExpr         *when;
  GStrv             context;       /* findings named in the reason when present */
  const GenuSource *source;        /* nullable */
} GenuRedFlagDef;

/* "meta-analysis", "single study", "expert estimate": untranslated, for JSON. */
const char       *_genu_evidence_to_id                       (GenuEvidence       evidence);

GPtrArray        *_genu_knowledge_base_get_likelihood_ratios (GenuKnowledgeBase *self);
GPtrArray        *_genu_knowledge_base_get_rules             (GenuKnowledgeBase *self);
GPtrArray        *_genu_knowledge_base_get_red_flags         (GenuKnowledgeBase *self);
const GenuSource *_genu_knowledge_base_get_prior_source      (GenuKnowledgeBase *self,
                                                              guint              condition);

/* The prior of a condition for these findings: its age factor applied when age is recorded.
 * @source is set to the citation of the factor when one applied, else to the prior's. */
double            _genu_knowledge_base_prior_for             (GenuKnowledgeBase *self,
                                                              guint              condition,
                                                              GenuFindings      *findings,
                                                              const GenuSource **source);

/* Evaluates @expr; when @reasons is given, adds a readable line for each recorded finding that
 * made it true ("Age: 60 years"). */
GenuTri           _genu_expr_eval                            (GenuExpr          *expr,
                                                              GenuKnowledgeBase *kb,
                                                              GenuFindings      *findings,
                                                              GPtrArray         *reasons);

/* "Age: 60 years", "McMurray test: positive", for the reasons and reports. */
char             *_genu_knowledge_base_describe_finding      (GenuKnowledgeBase *self,
                                                              GenuFindings      *findings,
                                                              const char        *id);

G_END_DECLS
