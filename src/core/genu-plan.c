/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-plan.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "genu-string-private.h"
#include "genu-validation.h"

struct _GenuPlan
{
  GObject    parent_instance;

  gint64     id;
  gint64     patient_id;
  char      *texts[GENU_PLAN_N_TEXTS];
  int        frequency_per_week;
  int        duration_weeks;
  GPtrArray *goals;              /* GenuGoal */
  gboolean   closed;
  gboolean   screening_done;
  GStrv      contraindications;  /* ids answered yes, in the table's order */
  char      *acknowledged_by;
  char      *acknowledged_at;
  char      *created_at;
  char      *updated_at;
};

/* Column names in the `plans` table (and JSON keys), in GenuPlanText order. */
static const char * const text_columns[GENU_PLAN_N_TEXTS] = {
  [GENU_PLAN_START_DATE] = "start_date",
  [GENU_PLAN_DIAGNOSIS_ID] = "diagnosis_id",
  [GENU_PLAN_DIAGNOSIS_NAME] = "diagnosis_name",
  [GENU_PLAN_DIAGNOSIS_ICD10] = "diagnosis_icd10",
  [GENU_PLAN_INTERVENTIONS] = "interventions",
  [GENU_PLAN_NOTES] = "notes",
};

static const char * const term_names[] = {
  [GENU_GOAL_SHORT_TERM] = "short",
  [GENU_GOAL_LONG_TERM] = "long",
};

static const char * const status_names[] = {
  [GENU_GOAL_PROGRESSING] = "progressing",
  [GENU_GOAL_MET] = "met",
  [GENU_GOAL_NOT_MET] = "not_met",
};

/* shared/clinical/medial-knee.md, "Graston Technique / IASTM session record": asked before the
 * first IASTM session of a plan. Contraindications first, then the precautions, which only warn. */
static const GenuContraindication contraindications[] = {
  { "anticoagulants_bleeding", N_("Anticoagulant medication or bleeding disorder"), FALSE },
  { "open_wound_fracture", N_("Open wound or unhealed fracture at the site"), FALSE },
  { "dvt_thrombophlebitis", N_("Deep vein thrombosis or thrombophlebitis"), FALSE },
  { "active_infection", N_("Active infection"), FALSE },
  { "cancer_at_site", N_("Cancer at the site"), FALSE },
  { "uncontrolled_hypertension", N_("Uncontrolled hypertension"), FALSE },
  { "kidney_disease", N_("Kidney disease"), FALSE },
  { "pregnancy", N_("Pregnancy (for treatment of the abdomen or low back only)"), FALSE },
  { "varicose_veins", N_("Varicose veins at the site"), FALSE },
  { "recent_surgery_at_site", N_("Recent surgery at the site"), FALSE },
  { "corticosteroid_nsaids", N_("Corticosteroid injection or NSAIDs"), TRUE },
  { "diabetes_skin_changes", N_("Diabetes with skin changes"), TRUE },
  { "fibromyalgia", N_("Fibromyalgia"), TRUE },
  { "marked_sensitivity", N_("Marked sensitivity to touch or pressure"), TRUE },
};

G_DEFINE_BOXED_TYPE (GenuGoal, genu_goal, genu_goal_copy, genu_goal_free)
G_DEFINE_FINAL_TYPE (GenuPlan, genu_plan, G_TYPE_OBJECT)

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  g_ptr_array_add (errors, genu_field_error_new (field, message));
}

/* Goals */

/**
 * genu_goal_new:
 * @description: (nullable): what is to be reached, measurable
 * @target_date: (nullable): by when, as YYYY-MM-DD
 *
 * Returns: (transfer full): a new goal, progressing
 */
GenuGoal *
genu_goal_new (GenuGoalTerm  term,
               const char   *description,
               const char   *target_date)
{
  GenuGoal *goal = g_new0 (GenuGoal, 1);

  goal->term = term;
  goal->description = g_strdup (description ? description : "");
  goal->target_date = g_strdup (target_date ? target_date : "");
  goal->status = GENU_GOAL_PROGRESSING;
  return goal;
}

GenuGoal *
genu_goal_copy (const GenuGoal *goal)
{
  GenuGoal *copy;

  g_return_val_if_fail (goal != NULL, NULL);

  copy = genu_goal_new (goal->term, goal->description, goal->target_date);
  copy->status = goal->status;
  return copy;
}

void
genu_goal_free (GenuGoal *goal)
{
  if (goal == NULL)
    return;

  g_free (goal->description);
  g_free (goal->target_date);
  g_free (goal);
}

gboolean
genu_goal_equal (const GenuGoal *a,
                 const GenuGoal *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->term == b->term && a->status == b->status &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->target_date, b->target_date) == 0;
}

void
genu_goal_set_description (GenuGoal   *goal,
                           const char *description)
{
  g_return_if_fail (goal != NULL);

  _genu_set_str (&goal->description, description ? description : "");
}

void
genu_goal_set_target_date (GenuGoal   *goal,
                           const char *target_date)
{
  g_return_if_fail (goal != NULL);

  _genu_set_str (&goal->target_date, target_date ? target_date : "");
}

const char *
genu_goal_term_to_string (GenuGoalTerm term)
{
  g_return_val_if_fail ((guint) term < G_N_ELEMENTS (term_names), NULL);

  return term_names[term];
}

gboolean
genu_goal_term_from_string (const char   *text,
                            GenuGoalTerm *term)
{
  g_return_val_if_fail (term != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (term_names); i++)
    if (g_str_equal (text, term_names[i]))
      {
        *term = i;
        return TRUE;
      }
  return FALSE;
}

const char *
genu_goal_term_label (GenuGoalTerm term)
{
  switch (term)
    {
    case GENU_GOAL_SHORT_TERM:
      return _("Short-term goal");
    case GENU_GOAL_LONG_TERM:
      return _("Long-term goal");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
genu_goal_status_to_string (GenuGoalStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
genu_goal_status_from_string (const char     *text,
                              GenuGoalStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (text, status_names[i]))
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
genu_goal_status_label (GenuGoalStatus status)
{
  switch (status)
    {
    case GENU_GOAL_PROGRESSING:
      return _("Progressing");
    case GENU_GOAL_MET:
      return _("Met");
    case GENU_GOAL_NOT_MET:
      return _("Not met");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The IASTM screening */

/**
 * genu_iastm_contraindications:
 * @n: (out): the number of entries
 *
 * Returns: (array length=n) (transfer none): the static checklist
 */
const GenuContraindication *
genu_iastm_contraindications (guint *n)
{
  g_return_val_if_fail (n != NULL, NULL);

  *n = G_N_ELEMENTS (contraindications);
  return contraindications;
}

const GenuContraindication *
genu_iastm_contraindication_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (contraindications); i++)
    if (g_str_equal (contraindications[i].id, id))
      return &contraindications[i];
  return NULL;
}

const char *
genu_iastm_contraindication_get_label (const GenuContraindication *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return _(item->label);
}

/* Plans */

static void
genu_plan_finalize (GObject *object)
{
  GenuPlan *self = GENU_PLAN (object);

  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    g_free (self->texts[i]);
  g_clear_pointer (&self->goals, g_ptr_array_unref);
  g_strfreev (self->contraindications);
  g_free (self->acknowledged_by);
  g_free (self->acknowledged_at);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (genu_plan_parent_class)->finalize (object);
}

static void
genu_plan_class_init (GenuPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_plan_finalize;
}

static void
genu_plan_init (GenuPlan *self)
{
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->frequency_per_week = GENU_PLAN_UNSET;
  self->duration_weeks = GENU_PLAN_UNSET;
  self->goals = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_goal_free);
  self->contraindications = g_new0 (char *, 1);
  self->acknowledged_by = g_strdup ("");
  self->acknowledged_at = g_strdup ("");
  self->created_at = g_strdup ("");
  self->updated_at = g_strdup ("");
}

/**
 * genu_plan_new:
 *
 * Returns: (transfer full): a new, unsaved plan (id 0), open, without goals, not screened
 */
GenuPlan *
genu_plan_new (void)
{
  return g_object_new (GENU_TYPE_PLAN, NULL);
}

GenuPlan *
genu_plan_copy (GenuPlan *self)
{
  GenuPlan *copy;

  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  copy = genu_plan_new ();
  copy->id = self->id;
  copy->patient_id = self->patient_id;
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    _genu_set_str (&copy->texts[i], self->texts[i]);
  copy->frequency_per_week = self->frequency_per_week;
  copy->duration_weeks = self->duration_weeks;
  genu_plan_set_goals (copy, self->goals);
  copy->closed = self->closed;
  copy->screening_done = self->screening_done;
  g_strfreev (copy->contraindications);
  copy->contraindications = g_strdupv (self->contraindications);
  genu_plan_set_acknowledgement (copy, self->acknowledged_by, self->acknowledged_at);
  genu_plan_set_timestamps (copy, self->created_at, self->updated_at);

  return copy;
}

gboolean
genu_plan_equal (GenuPlan *a,
                 GenuPlan *b)
{
  g_return_val_if_fail (GENU_IS_PLAN (a), FALSE);
  g_return_val_if_fail (GENU_IS_PLAN (b), FALSE);

  if (a->id != b->id || a->patient_id != b->patient_id ||
      a->frequency_per_week != b->frequency_per_week || a->duration_weeks != b->duration_weeks ||
      a->closed != b->closed || a->screening_done != b->screening_done ||
      !g_strv_equal ((const char * const *) a->contraindications,
                     (const char * const *) b->contraindications) ||
      g_strcmp0 (a->acknowledged_by, b->acknowledged_by) != 0 ||
      g_strcmp0 (a->acknowledged_at, b->acknowledged_at) != 0 ||
      a->goals->len != b->goals->len)
    return FALSE;

  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    if (g_strcmp0 (a->texts[i], b->texts[i]) != 0)
      return FALSE;

  for (guint i = 0; i < a->goals->len; i++)
    if (!genu_goal_equal (g_ptr_array_index (a->goals, i), g_ptr_array_index (b->goals, i)))
      return FALSE;

  return TRUE;
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/**
 * genu_plan_new_from_template:
 * @kb: the knowledge base holding the condition and its template
 * @condition_id: a condition id of @kb, e.g. "pes_anserine"
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL when @kb has no such condition
 */
GenuPlan *
genu_plan_new_from_template (GenuKnowledgeBase *kb,
                             const char        *condition_id)
{
  const GenuConditionDef *condition;
  const GenuPlanTemplate *template;
  g_autofree char *start = NULL;
  GenuPlan *plan;
  GDate today;

  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (kb), NULL);
  g_return_val_if_fail (condition_id != NULL, NULL);

  condition = genu_knowledge_base_lookup_condition (kb, condition_id);
  if (condition == NULL)
    return NULL;

  genu_date_set_today (&today);
  start = format_date (&today);

  plan = genu_plan_new ();
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, start);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ID, condition->id);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, condition->name);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ICD10, condition->icd10);

  template = genu_knowledge_base_lookup_plan_template (kb, condition_id);
  if (template == NULL)
    return plan;

  genu_plan_set_text (plan, GENU_PLAN_INTERVENTIONS, template->interventions);
  for (guint i = 0; i < template->n_goals; i++)
    {
      const GenuGoalTemplate *goal = &template->goals[i];
      GenuGoalTerm term = GENU_GOAL_SHORT_TERM;
      g_autofree char *target = NULL;
      GDate date = today;

      genu_goal_term_from_string (goal->term, &term);
      g_date_add_days (&date, 7 * goal->target_weeks);
      target = format_date (&date);
      g_ptr_array_add (plan->goals, genu_goal_new (term, goal->description, target));
    }

  return plan;
}

gint64
genu_plan_get_id (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), 0);

  return self->id;
}

void
genu_plan_set_id (GenuPlan *self,
                  gint64    id)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  self->id = id;
}

gint64
genu_plan_get_patient_id (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), 0);

  return self->patient_id;
}

void
genu_plan_set_patient_id (GenuPlan *self,
                          gint64    patient_id)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  self->patient_id = patient_id;
}

const char *
genu_plan_text_column (GenuPlanText field)
{
  g_return_val_if_fail ((guint) field < GENU_PLAN_N_TEXTS, NULL);

  return text_columns[field];
}

const char *
genu_plan_get_text (GenuPlan     *self,
                    GenuPlanText  field)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);
  g_return_val_if_fail ((guint) field < GENU_PLAN_N_TEXTS, NULL);

  return self->texts[field];
}

void
genu_plan_set_text (GenuPlan     *self,
                    GenuPlanText  field,
                    const char   *value)
{
  g_return_if_fail (GENU_IS_PLAN (self));
  g_return_if_fail ((guint) field < GENU_PLAN_N_TEXTS);

  _genu_set_str (&self->texts[field], value ? value : "");
}

int
genu_plan_get_frequency_per_week (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), GENU_PLAN_UNSET);

  return self->frequency_per_week;
}

void
genu_plan_set_frequency_per_week (GenuPlan *self,
                                  int       frequency)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  self->frequency_per_week = frequency;
}

int
genu_plan_get_duration_weeks (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), GENU_PLAN_UNSET);

  return self->duration_weeks;
}

void
genu_plan_set_duration_weeks (GenuPlan *self,
                              int       weeks)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  self->duration_weeks = weeks;
}

/**
 * genu_plan_get_goals:
 *
 * Returns: (transfer none) (element-type GenuGoal): the goals, in order
 */
GPtrArray *
genu_plan_get_goals (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  return self->goals;
}

void
genu_plan_add_goal (GenuPlan       *self,
                    const GenuGoal *goal)
{
  g_return_if_fail (GENU_IS_PLAN (self));
  g_return_if_fail (goal != NULL);

  g_ptr_array_add (self->goals, genu_goal_copy (goal));
}

void
genu_plan_remove_goal (GenuPlan *self,
                       guint     index)
{
  g_return_if_fail (GENU_IS_PLAN (self));
  g_return_if_fail (index < self->goals->len);

  g_ptr_array_remove_index (self->goals, index);
}

/**
 * genu_plan_set_goals:
 * @goals: (nullable) (element-type GenuGoal): copied one by one
 */
void
genu_plan_set_goals (GenuPlan  *self,
                     GPtrArray *goals)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_goal_free);

  g_return_if_fail (GENU_IS_PLAN (self));

  /* Copies first: @goals may be the plan's own array. */
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    g_ptr_array_add (copies, genu_goal_copy (g_ptr_array_index (goals, i)));

  g_ptr_array_set_size (self->goals, 0);
  for (guint i = 0; i < copies->len; i++)
    {
      g_ptr_array_add (self->goals, g_ptr_array_index (copies, i));
      g_ptr_array_index (copies, i) = NULL;
    }
}

gboolean
genu_plan_get_closed (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), FALSE);

  return self->closed;
}

void
genu_plan_set_closed (GenuPlan *self,
                      gboolean  closed)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  self->closed = !!closed;
}

gboolean
genu_plan_get_screening_done (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), FALSE);

  return self->screening_done;
}

void
genu_plan_set_screening_done (GenuPlan *self,
                              gboolean  done)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  self->screening_done = !!done;
}

/**
 * genu_plan_get_contraindications:
 *
 * Returns: (transfer none): the ids answered yes, %NULL-terminated
 */
const char * const *
genu_plan_get_contraindications (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  return (const char * const *) self->contraindications;
}

/**
 * genu_plan_set_contraindications:
 * @ids: (nullable) (array zero-terminated=1): the ids answered yes
 */
void
genu_plan_set_contraindications (GenuPlan           *self,
                                 const char * const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();

  g_return_if_fail (GENU_IS_PLAN (self));

  for (guint i = 0; ids != NULL && i < G_N_ELEMENTS (contraindications); i++)
    if (g_strv_contains (ids, contraindications[i].id))
      g_strv_builder_add (builder, contraindications[i].id);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (genu_iastm_contraindication_lookup (ids[i]) == NULL &&
        !g_ptr_array_find_with_equal_func (unknown, ids[i], g_str_equal, NULL))
      g_ptr_array_add (unknown, (gpointer) ids[i]);
  for (guint i = 0; i < unknown->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (unknown, i));

  g_strfreev (self->contraindications);
  self->contraindications = g_strv_builder_end (builder);
}

const char *
genu_plan_get_acknowledged_by (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  return self->acknowledged_by;
}

const char *
genu_plan_get_acknowledged_at (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  return self->acknowledged_at;
}

/**
 * genu_plan_set_acknowledgement:
 * @acknowledged_by: (nullable): the therapist who acknowledged the contraindications answered
 *   yes; %NULL or "" to withdraw it
 * @acknowledged_at: (nullable): when, as ISO 8601 date and time
 */
void
genu_plan_set_acknowledgement (GenuPlan   *self,
                               const char *acknowledged_by,
                               const char *acknowledged_at)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  _genu_set_str (&self->acknowledged_by, acknowledged_by ? acknowledged_by : "");
  _genu_set_str (&self->acknowledged_at, acknowledged_at ? acknowledged_at : "");
}

gboolean
genu_plan_needs_screening (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), FALSE);

  return !self->screening_done;
}

gboolean
genu_plan_screening_blocks (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), FALSE);

  if (!is_blank (self->acknowledged_by))
    return FALSE;

  for (guint i = 0; self->contraindications[i] != NULL; i++)
    {
      const GenuContraindication *item =
        genu_iastm_contraindication_lookup (self->contraindications[i]);

      /* An id the table lacks is treated as a contraindication: better ask once too often. */
      if (item == NULL || !item->precaution)
        return TRUE;
    }
  return FALSE;
}

gboolean
genu_plan_screening_warns (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), FALSE);

  return self->contraindications[0] != NULL;
}

const char *
genu_plan_get_created_at (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  return self->created_at;
}

const char *
genu_plan_get_updated_at (GenuPlan *self)
{
  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  return self->updated_at;
}

void
genu_plan_set_timestamps (GenuPlan   *self,
                          const char *created_at,
                          const char *updated_at)
{
  g_return_if_fail (GENU_IS_PLAN (self));

  _genu_set_str (&self->created_at, created_at ? created_at : "");
  _genu_set_str (&self->updated_at, updated_at ? updated_at : "");
}

static void
validate_start_date (GPtrArray   *errors,
                     const char  *text,
                     const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GDate date;

  if (*stripped == '\0')
    {
      add_error (errors, "start_date",
                 _("Type the start date of the plan as YYYY-MM-DD, for example 2024-03-18."));
      return;
    }

  if (!genu_parse_date (stripped, &date, &error))
    {
      add_error (errors, "start_date", error->message);
      return;
    }

  if (g_date_compare (&date, today) > 0)
    {
      g_autofree char *today_text = format_date (today);
      g_autofree char *message =
        g_strdup_printf (_("The start date cannot be in the future. "
                           "Type a date on or before %s."), today_text);

      add_error (errors, "start_date", message);
    }
  else if (g_date_get_year (&date) < GENU_DATE_MIN_YEAR)
    {
      add_error (errors, "start_date", _("The start date cannot be before 1900. Check the year."));
    }
}

/**
 * genu_plan_validate:
 * @today: (nullable): the day that counts as today; %NULL for the real today
 *
 * Returns: (transfer full) (element-type GenuFieldError): the broken rules in the order of the
 * form; empty when the plan can be saved
 */
GPtrArray *
genu_plan_validate (GenuPlan    *self,
                    const GDate *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  GDate now;

  g_return_val_if_fail (GENU_IS_PLAN (self), errors);

  if (today == NULL)
    {
      genu_date_set_today (&now);
      today = &now;
    }

  validate_start_date (errors, self->texts[GENU_PLAN_START_DATE], today);

  if (is_blank (self->texts[GENU_PLAN_DIAGNOSIS_NAME]))
    add_error (errors, "diagnosis_name",
               _("Type the diagnosis, or pick one from the knowledge base; it is required."));

  if (self->frequency_per_week != GENU_PLAN_UNSET &&
      (self->frequency_per_week < 1 ||
       self->frequency_per_week > GENU_PLAN_FREQUENCY_MAX_PER_WEEK))
    add_error (errors, "frequency_per_week",
               _("Type the sessions per week as a whole number from 1 to 7, or leave it empty."));

  if (self->duration_weeks != GENU_PLAN_UNSET &&
      (self->duration_weeks < 1 || self->duration_weeks > GENU_PLAN_DURATION_MAX_WEEKS))
    add_error (errors, "duration_weeks",
               _("Type the length of the plan in whole weeks from 1 to 52, or leave it empty."));

  for (guint i = 0; self->contraindications[i] != NULL; i++)
    if (genu_iastm_contraindication_lookup (self->contraindications[i]) == NULL)
      {
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a question of the IASTM screening. Answer the "
                             "screening again."), self->contraindications[i]);

        add_error (errors, "contraindications", message);
        break;
      }

  for (guint i = 0; i < self->goals->len; i++)
    {
      GenuGoal *goal = g_ptr_array_index (self->goals, i);
      g_autofree char *description_field = g_strdup_printf ("goals[%u].description", i);
      g_autofree char *date_field = g_strdup_printf ("goals[%u].target_date", i);
      g_autofree char *target = g_strstrip (g_strdup (goal->target_date));
      g_autoptr(GError) error = NULL;
      GDate date;

      if (is_blank (goal->description))
        {
          g_autofree char *message =
            g_strdup_printf (_("Goal %u: describe what is to be reached, in a way that can be "
                               "measured, for example “Run 30 minutes pain-free”."), i + 1);

          add_error (errors, description_field, message);
        }

      if (*target == '\0')
        {
          g_autofree char *message =
            g_strdup_printf (_("Goal %u: type the target date as YYYY-MM-DD, "
                               "for example 2024-06-30."), i + 1);

          add_error (errors, date_field, message);
        }
      else if (!genu_parse_date (target, &date, &error))
        {
          /* Translators: "Goal 2: “2024-02-30” is not a date. ..." */
          g_autofree char *message = g_strdup_printf (_("Goal %u: %s"), i + 1, error->message);

          add_error (errors, date_field, message);
        }
    }

  return errors;
}

static void
add_optional_int (JsonBuilder *builder,
                  const char  *name,
                  int          value)
{
  json_builder_set_member_name (builder, name);
  if (value == GENU_PLAN_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * genu_plan_to_json:
 *
 * Returns: (transfer full): a JSON object whose member names are the database columns
 */
JsonNode *
genu_plan_to_json (GenuPlan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_PLAN (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, self->patient_id);
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    add_string (builder, text_columns[i], self->texts[i]);
  add_optional_int (builder, "frequency_per_week", self->frequency_per_week);
  add_optional_int (builder, "duration_weeks", self->duration_weeks);
  json_builder_set_member_name (builder, "goals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->goals->len; i++)
    {
      GenuGoal *goal = g_ptr_array_index (self->goals, i);

      json_builder_begin_object (builder);
      add_string (builder, "term", genu_goal_term_to_string (goal->term));
      add_string (builder, "description", goal->description);
      add_string (builder, "target_date", goal->target_date);
      add_string (builder, "status", genu_goal_status_to_string (goal->status));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "closed");
  json_builder_add_boolean_value (builder, self->closed);
  json_builder_set_member_name (builder, "screening_done");
  json_builder_add_boolean_value (builder, self->screening_done);
  json_builder_set_member_name (builder, "contraindications");
  json_builder_begin_array (builder);
  for (guint i = 0; self->contraindications[i] != NULL; i++)
    json_builder_add_string_value (builder, self->contraindications[i]);
  json_builder_end_array (builder);
  add_string (builder, "acknowledged_by", self->acknowledged_by);
  add_string (builder, "acknowledged_at", self->acknowledged_at);
  add_string (builder, "created_at", self->created_at);
  add_string (builder, "updated_at", self->updated_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static void
read_string (JsonObject  *object,
             const char  *name,
             char       **value,
             GPtrArray   *problems)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (is_string_node (node))
    _genu_set_str (value, json_node_get_string (node));
  else
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” must be a text."), name));
}

static void
read_integer (JsonObject *object,
              const char *name,
              gint64      min,
              gint64      max,
              gint64     *value,
              GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= min && json_node_get_int (node) <= max)
    *value = json_node_get_int (node);
  else
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” must be a whole number."), name));
}

static void
read_bool (JsonObject *object,
           const char *name,
           gboolean   *value,
           GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    *value = json_node_get_boolean (node);
  else
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” must be true or false."), name));
}

static void
read_goals (GenuPlan   *self,
            JsonObject *object,
            GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, "goals");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_ptr_array_add (problems, g_strdup (_("“goals” must be a list.")));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GenuGoal) goal = NULL;
      JsonObject *entry;
      JsonNode *term, *status;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_ptr_array_add (problems, g_strdup_printf (_("Goal %u must be a JSON object."), i + 1));
          continue;
        }
      entry = json_node_get_object (element);
      goal = genu_goal_new (GENU_GOAL_SHORT_TERM, NULL, NULL);

      term = json_object_get_member (entry, "term");
      if (term != NULL &&
          !(is_string_node (term) &&
            genu_goal_term_from_string (json_node_get_string (term), &goal->term)))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Goal %u: “term” must be “short” or “long”."), i + 1));
      status = json_object_get_member (entry, "status");
      if (status != NULL &&
          !(is_string_node (status) &&
            genu_goal_status_from_string (json_node_get_string (status), &goal->status)))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Goal %u: “status” must be “progressing”, “met” or "
                                            "“not_met”."), i + 1));
      read_string (entry, "description", &goal->description, problems);
      read_string (entry, "target_date", &goal->target_date, problems);
      g_ptr_array_add (self->goals, g_steal_pointer (&goal));
    }
}

static void
read_contraindications (GenuPlan   *self,
                        JsonObject *object,
                        GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, "contraindications");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_ptr_array_add (problems, g_strdup (_("“contraindications” must be a list of ids.")));
      return;
    }

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string_node (element))
        {
          g_ptr_array_add (problems, g_strdup (_("“contraindications” must be a list of ids.")));
          return;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  ids = g_strv_builder_end (builder);
  genu_plan_set_contraindications (self, (const char * const *) ids);
}

/**
 * genu_plan_new_from_json:
 * @node: a JSON object as written by genu_plan_to_json()
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
GenuPlan *
genu_plan_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(GenuPlan) self = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  gint64 number;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A plan must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  self = genu_plan_new ();

  read_integer (object, "id", 0, G_MAXINT64, &self->id, problems);
  read_integer (object, "patient_id", 0, G_MAXINT64, &self->patient_id, problems);
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    read_string (object, text_columns[i], &self->texts[i], problems);
  number = self->frequency_per_week;
  read_integer (object, "frequency_per_week", G_MININT, G_MAXINT, &number, problems);
  self->frequency_per_week = (int) number;
  number = self->duration_weeks;
  read_integer (object, "duration_weeks", G_MININT, G_MAXINT, &number, problems);
  self->duration_weeks = (int) number;
  read_goals (self, object, problems);
  read_bool (object, "closed", &self->closed, problems);
  read_bool (object, "screening_done", &self->screening_done, problems);
  read_contraindications (self, object, problems);
  read_string (object, "acknowledged_by", &self->acknowledged_by, problems);
  read_string (object, "acknowledged_at", &self->acknowledged_at, problems);
  read_string (object, "created_at", &self->created_at, problems);
  read_string (object, "updated_at", &self->updated_at, problems);

  if (problems->len == 0)
    {
      g_autoptr(GPtrArray) errors = genu_plan_validate (self, NULL);

      for (guint i = 0; i < errors->len; i++)
        g_ptr_array_add (problems,
                         g_strdup (((GenuFieldError *) g_ptr_array_index (errors, i))->message));
    }

  if (problems->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return NULL;
    }

  return g_steal_pointer (&self);
}
