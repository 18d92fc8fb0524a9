/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "genu-knowledge-base.h"

G_BEGIN_DECLS

typedef enum {
  GENU_GOAL_SHORT_TERM,   /* "short" */
  GENU_GOAL_LONG_TERM,    /* "long" */
} GenuGoalTerm;

typedef enum {
  GENU_GOAL_PROGRESSING,  /* "progressing" */
  GENU_GOAL_MET,          /* "met" */
  GENU_GOAL_NOT_MET,      /* "not_met" */
} GenuGoalStatus;

/* The text fields of a plan of care, each a column of `plans` (genu_plan_text_column()). */
typedef enum {
  GENU_PLAN_START_DATE,       /* YYYY-MM-DD */
  GENU_PLAN_DIAGNOSIS_ID,     /* a condition id of the knowledge base, or "" */
  GENU_PLAN_DIAGNOSIS_NAME,
  GENU_PLAN_DIAGNOSIS_ICD10,
  GENU_PLAN_INTERVENTIONS,    /* the planned interventions, free text, one per line */
  GENU_PLAN_NOTES,
  GENU_PLAN_N_TEXTS,
} GenuPlanText;

/* The value of frequency_per_week and duration_weeks when not recorded. */
#define GENU_PLAN_UNSET (-1)
#define GENU_PLAN_FREQUENCY_MAX_PER_WEEK 7
#define GENU_PLAN_DURATION_MAX_WEEKS 52

/* One goal of a plan: a boxed struct with public fields. @description and @target_date are never
 * NULL ("" when empty). */
typedef struct {
  GenuGoalTerm    term;
  char           *description;    /* measurable: "NPRS during running ≤ 2/10" */
  char           *target_date;    /* YYYY-MM-DD */
  GenuGoalStatus  status;
} GenuGoal;

/* One question of the IASTM screening, from a static table. @label is translated by
 * genu_iastm_contraindication_get_label(). A precaution only warns; a contraindication answered
 * yes needs a stored acknowledgement before IASTM is recorded. */
typedef struct {
  const char *id;
  const char *label;        /* untranslated (N_()) */
  gboolean    precaution;
} GenuContraindication;

#define GENU_TYPE_GOAL (genu_goal_get_type ())
GType           genu_goal_get_type          (void) G_GNUC_CONST;
/* A new goal, status progressing. */
GenuGoal       *genu_goal_new               (GenuGoalTerm     term,
                                             const char      *description,
                                             const char      *target_date);
GenuGoal       *genu_goal_copy              (const GenuGoal  *goal);
void            genu_goal_free              (GenuGoal        *goal);
gboolean        genu_goal_equal             (const GenuGoal  *a,
                                             const GenuGoal  *b);
/* Replaces the texts of @goal by copies (NULL = ""). */
void            genu_goal_set_description   (GenuGoal        *goal,
                                             const char      *description);
void            genu_goal_set_target_date   (GenuGoal        *goal,
                                             const char      *target_date);

const char     *genu_goal_term_to_string    (GenuGoalTerm     term);     /* "short", "long" */
gboolean        genu_goal_term_from_string  (const char      *text,
                                             GenuGoalTerm    *term);
const char     *genu_goal_term_label        (GenuGoalTerm     term);     /* translated */
const char     *genu_goal_status_to_string  (GenuGoalStatus   status);   /* "progressing", ... */
gboolean        genu_goal_status_from_string (const char     *text,
                                              GenuGoalStatus *status);
const char     *genu_goal_status_label      (GenuGoalStatus   status);   /* translated */

/* The IASTM contraindications and precautions (shared/clinical/medial-knee.md), in the order
 * they are asked: contraindications first (anticoagulants_bleeding, open_wound_fracture,
 * dvt_thrombophlebitis, active_infection, cancer_at_site, uncontrolled_hypertension,
 * kidney_disease, pregnancy, varicose_veins, recent_surgery_at_site), then the precautions
 * (corticosteroid_nsaids, diabetes_skin_changes, fibromyalgia, marked_sensitivity). */
const GenuContraindication *genu_iastm_contraindications       (guint                      *n);
const GenuContraindication *genu_iastm_contraindication_lookup (const char                 *id);
const char                 *genu_iastm_contraindication_get_label (const GenuContraindication *item);

#define GENU_TYPE_PLAN (genu_plan_get_type ())
G_DECLARE_FINAL_TYPE (GenuPlan, genu_plan, GENU, PLAN, GObject)

/* A plan of care: one episode, from its start to its closing. */
GenuPlan       *genu_plan_new               (void);
/* Deep: goals are copied. */
GenuPlan       *genu_plan_copy              (GenuPlan        *self);
/* Every field but the timestamps. */
gboolean        genu_plan_equal             (GenuPlan        *a,
                                             GenuPlan        *b);
/* A new, unsaved plan started today for @condition_id of @kb: diagnosis id, name and ICD-10
 * from the condition; planned interventions and goals from the knowledge base's plan template
 * (each goal's target date is today + its target weeks). (nullable): NULL when @kb has no such
 * condition; a condition without a template gives a plan without interventions or goals. */
GenuPlan       *genu_plan_new_from_template (GenuKnowledgeBase *kb,
                                             const char        *condition_id);

gint64          genu_plan_get_id            (GenuPlan        *self);   /* 0 = unsaved */
void            genu_plan_set_id            (GenuPlan        *self,
                                             gint64           id);
gint64          genu_plan_get_patient_id    (GenuPlan        *self);
void            genu_plan_set_patient_id    (GenuPlan        *self,
                                             gint64           patient_id);

const char     *genu_plan_text_column       (GenuPlanText     field);  /* "start_date", ... */
const char     *genu_plan_get_text          (GenuPlan        *self,
                                             GenuPlanText     field);  /* never NULL */
void            genu_plan_set_text          (GenuPlan        *self,
                                             GenuPlanText     field,
                                             const char      *value);

/* Sessions per week 1-7 and length of the episode 1-52 weeks; GENU_PLAN_UNSET when not given. */
int             genu_plan_get_frequency_per_week (GenuPlan   *self);
void            genu_plan_set_frequency_per_week (GenuPlan   *self,
                                                  int         frequency);
int             genu_plan_get_duration_weeks (GenuPlan       *self);
void            genu_plan_set_duration_weeks (GenuPlan       *self,
                                              int             weeks);

/* (transfer none) (element-type GenuGoal): the plan's own array; its goals may be changed in
 * place. */
GPtrArray      *genu_plan_get_goals         (GenuPlan        *self);
/* Appends a copy of @goal. */
void            genu_plan_add_goal          (GenuPlan        *self,
                                             const GenuGoal  *goal);
void            genu_plan_remove_goal       (GenuPlan        *self,
                                             guint            index);
/* Replaces the goals by copies of @goals (element-type GenuGoal; NULL = none). */
void            genu_plan_set_goals         (GenuPlan        *self,
                                             GPtrArray       *goals);

/* A closed plan is an ended episode of care. */
gboolean        genu_plan_get_closed        (GenuPlan        *self);
void            genu_plan_set_closed        (GenuPlan        *self,
                                             gboolean         closed);

/* The IASTM screening: whether it was done, and the ids (genu_iastm_contraindications())
 * answered yes, in the table's order; never NULL. set_contraindications sorts them in the
 * table's order and drops duplicates; ids the table lacks are kept last (validate reports them). */
gboolean            genu_plan_get_screening_done     (GenuPlan           *self);
void                genu_plan_set_screening_done     (GenuPlan           *self,
                                                      gboolean            done);
const char * const *genu_plan_get_contraindications  (GenuPlan           *self);
void                genu_plan_set_contraindications  (GenuPlan           *self,
                                                      const char * const *ids);
/* Who acknowledged the contraindications answered yes, and when (ISO 8601 date and time); ""
 * when nobody did. */
const char     *genu_plan_get_acknowledged_by (GenuPlan      *self);
const char     *genu_plan_get_acknowledged_at (GenuPlan      *self);
void            genu_plan_set_acknowledgement (GenuPlan      *self,
                                               const char    *acknowledged_by,
                                               const char    *acknowledged_at);
/* TRUE until the screening is done: ask it before the first IASTM session of the plan. */
gboolean        genu_plan_needs_screening   (GenuPlan        *self);
/* TRUE when a contraindication (not a precaution) was answered yes and nobody acknowledged it. */
gboolean        genu_plan_screening_blocks  (GenuPlan        *self);
/* TRUE when anything (contraindication or precaution) was answered yes: show a warning. */
gboolean        genu_plan_screening_warns   (GenuPlan        *self);

const char     *genu_plan_get_created_at    (GenuPlan        *self);
const char     *genu_plan_get_updated_at    (GenuPlan        *self);
void            genu_plan_set_timestamps    (GenuPlan        *self,
                                             const char      *created_at,
                                             const char      *updated_at);

/* The rules before saving: start date required, a real date, not after @today (NULL = the real
 * today); diagnosis name required; frequency 1-7 and duration 1-52 when given; contraindication
 * ids known ("contraindications"); each goal with a description and a real target date
 * ("goals[N].description", "goals[N].target_date", N from 0). Returns (transfer full)
 * (element-type GenuFieldError): empty when the plan can be saved. */
GPtrArray      *genu_plan_validate          (GenuPlan        *self,
                                             const GDate     *today);

/* {"id", "patient_id", the text columns, "frequency_per_week": n | null,
 *  "duration_weeks": n | null, "goals": [{"term", "description", "target_date", "status"}, ...],
 *  "closed", "screening_done", "contraindications": [ids], "acknowledged_by", "acknowledged_at",
 *  "created_at", "updated_at"} */
JsonNode       *genu_plan_to_json           (GenuPlan        *self);
/* Reads what genu_plan_to_json() writes (all but "start_date" and "diagnosis_name" may be absent)
 * and checks it with genu_plan_validate() against the real today. Fails with
 * G_IO_ERROR_INVALID_DATA naming each problem, one per line. */
GenuPlan       *genu_plan_new_from_json     (JsonNode        *node,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenuGoal, genu_goal_free)

G_END_DECLS
