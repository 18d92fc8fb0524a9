/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-diagnosis.h"

#include <glib/gi18n-lib.h>

#include "genu-knowledge-base-private.h"

/*
 * A naive Bayes differential, as the clinical spec asks: for each condition on its own (they can
 * coexist), post-test odds = prior odds × the LR of each recorded finding: LR+ when present, LR−
 * when absent, nothing when not tested. A rule of the knowledge base (Kastelein's MCL cluster, the
 * ACR criteria for knee OA) carries its own LR, which replaces those of the findings it reads.
 */

struct _GenuDiagnosis {
  GObject    parent_instance;

  GPtrArray *red_flags;      /* GenuRedFlagAlert */
  GPtrArray *differential;   /* GenuCandidate */
};

G_DEFINE_FINAL_TYPE (GenuDiagnosis, genu_diagnosis, G_TYPE_OBJECT)

static void
contribution_free (GenuContribution *contribution)
{
  g_free (contribution->finding);
  g_free (contribution->label);
  g_free (contribution->value);
  g_free (contribution->source);
  g_free (contribution);
}

static void
candidate_free (GenuCandidate *candidate)
{
  g_ptr_array_unref (candidate->contributions);
  g_free (candidate);
}

static void
alert_free (GenuRedFlagAlert *alert)
{
  g_free (alert->id);
  g_free (alert->title);
  g_free (alert->reason);
  g_free (alert->action);
  g_free (alert);
}

static void
genu_diagnosis_finalize (GObject *object)
{
  GenuDiagnosis *self = GENU_DIAGNOSIS (object);

  g_clear_pointer (&self->red_flags, g_ptr_array_unref);
  g_clear_pointer (&self->differential, g_ptr_array_unref);

  G_OBJECT_CLASS (genu_diagnosis_parent_class)->finalize (object);
}

static void
genu_diagnosis_class_init (GenuDiagnosisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = genu_diagnosis_finalize;
}

static void
genu_diagnosis_init (GenuDiagnosis *self)
{
  self->red_flags = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);
  self->differential = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
}

static void
add_contribution (GenuCandidate    *candidate,
                  const char       *finding,
                  const char       *label,
                  gboolean          present,
                  double            lr,
                  const GenuSource *source,
                  double           *odds)
{
  GenuContribution *contribution = g_new0 (GenuContribution, 1);

  contribution->finding = g_strdup (finding);
  contribution->label = g_strdup (label);
  contribution->value = g_strdup (present ? "present" : "absent");
  contribution->lr = lr;
  contribution->source = g_strdup (source->citation);
  contribution->evidence = source->evidence;
  g_ptr_array_add (candidate->contributions, contribution);
  *odds *= lr;
}

static gboolean
any_consumed (GHashTable *consumed,
              GStrv       findings)
{
  for (guint i = 0; findings[i] != NULL; i++)
    if (g_hash_table_contains (consumed, findings[i]))
      return TRUE;
  return FALSE;
}

/* Rules first, in knowledge-base order: the first rule that decides takes its findings, so that a
 * later, weaker rule over the same findings (the Kastelein cluster without laxity) and the
 * findings' own LRs are not counted again. */
static void
apply_rules (GenuKnowledgeBase *kb,
             guint              condition,
             GenuFindings      *findings,
             GenuCandidate     *candidate,
             GHashTable        *consumed,
             double            *odds)
{
  GPtrArray *rules = _genu_knowledge_base_get_rules (kb);

  for (guint i = 0; i < rules->len; i++)
    {
      GenuRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *id = NULL;
      GenuTri met;

      if (rule->condition != condition || any_consumed (consumed, rule->findings))
        continue;

      met = _genu_expr_eval (rule->when, kb, findings, NULL);
      if (met == GENU_TRI_UNKNOWN || (met == GENU_TRI_FALSE && rule->lr_negative == 0))
        continue;

      id = g_strconcat ("rule:", rule->id, NULL);
      add_contribution (candidate, id, rule->label, met == GENU_TRI_TRUE,
                        met == GENU_TRI_TRUE ? rule->lr_positive : rule->lr_negative,
                        rule->source, odds);
      for (guint j = 0; rule->findings[j] != NULL; j++)
        g_hash_table_add (consumed, rule->findings[j]);
    }
}

static GenuCandidate *
score_condition (GenuKnowledgeBase *kb,
                 guint              condition,
                 GenuFindings      *findings)
{
  g_autoptr(GHashTable) consumed = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lrs = _genu_knowledge_base_get_likelihood_ratios (kb);
  GenuCandidate *candidate = g_new0 (GenuCandidate, 1);
  const GenuSource *prior_source;
  double odds;

  candidate->condition = genu_knowledge_base_get_condition (kb, condition);
  candidate->contributions = g_ptr_array_new_with_free_func ((GDestroyNotify) contribution_free);
  candidate->prior = _genu_knowledge_base_prior_for (kb, condition, findings, &prior_source);
  candidate->prior_source = prior_source->citation;
  candidate->prior_evidence = prior_source->evidence;
  odds = candidate->prior / (1 - candidate->prior);

  apply_rules (kb, condition, findings, candidate, consumed, &odds);

  for (guint i = 0; i < lrs->len; i++)
    {
      GenuLikelihoodRatio *lr = g_ptr_array_index (lrs, i);
      GenuFindingState state;

      if (lr->condition != condition || g_hash_table_contains (consumed, lr->finding))
        continue;

      state = genu_findings_get (findings, lr->finding, NULL);
      if (state == GENU_FINDING_PRESENT && lr->lr_positive > 0)
        add_contribution (candidate, lr->finding,
                          genu_knowledge_base_lookup_finding (kb, lr->finding)->label,
                          TRUE, lr->lr_positive, lr->source, &odds);
      else if (state == GENU_FINDING_ABSENT && lr->lr_negative > 0)
        add_contribution (candidate, lr->finding,
                          genu_knowledge_base_lookup_finding (kb, lr->finding)->label,
                          FALSE, lr->lr_negative, lr->source, &odds);
    }

  candidate->probability = odds / (1 + odds);
  return candidate;
}

static GenuRedFlagAlert *
check_red_flag (GenuKnowledgeBase *kb,
                GenuRedFlagDef    *flag,
                GenuFindings      *findings)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  GenuRedFlagAlert *alert;

  if (_genu_expr_eval (flag->when, kb, findings, reasons) != GENU_TRI_TRUE)
    return NULL;

  for (guint i = 0; flag->context[i] != NULL; i++)
    if (genu_findings_get (findings, flag->context[i], NULL) == GENU_FINDING_PRESENT)
      g_ptr_array_add (reasons, _genu_knowledge_base_describe_finding (kb, findings,
                                                                       flag->context[i]));
  g_ptr_array_add (reasons, NULL);
  joined = g_strjoinv ("; ", (GStrv) reasons->pdata);

  alert = g_new0 (GenuRedFlagAlert, 1);
  alert->id = g_strdup (flag->id);
  alert->title = g_strdup (flag->title);
  /* TRANSLATORS: %s lists the findings that made a red flag fire */
  alert->reason = g_strdup_printf (_("Recorded: %s."), joined);
  alert->action = flag->source != NULL
                  /* TRANSLATORS: an action ("X-ray before treatment.") and its source */
                  ? g_strdup_printf (_("%s (%s)"), flag->action, flag->source->citation)
                  : g_strdup (flag->action);
  return alert;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const GenuCandidate *x = *(GenuCandidate * const *) a;
  const GenuCandidate *y = *(GenuCandidate * const *) b;
  GenuKnowledgeBase *kb = user_data;
  int order_x = -1, order_y = -1;

  if (x->probability != y->probability)
    return x->probability > y->probability ? -1 : 1;

  for (guint i = 0; i < genu_knowledge_base_get_n_conditions (kb); i++)
    {
      if (genu_knowledge_base_get_condition (kb, i) == x->condition)
        order_x = i;
      if (genu_knowledge_base_get_condition (kb, i) == y->condition)
        order_y = i;
    }
  return order_x - order_y;
}

GenuDiagnosis *
genu_diagnose (GenuKnowledgeBase *kb,
               GenuFindings      *findings)
{
  GenuDiagnosis *self;
  GPtrArray *flags;

  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (kb), NULL);
  g_return_val_if_fail (GENU_IS_FINDINGS (findings), NULL);

  self = g_object_new (GENU_TYPE_DIAGNOSIS, NULL);

  flags = _genu_knowledge_base_get_red_flags (kb);
  for (guint i = 0; i < flags->len; i++)
    {
      GenuRedFlagAlert *alert = check_red_flag (kb, g_ptr_array_index (flags, i), findings);

      if (alert != NULL)
        g_ptr_array_add (self->red_flags, alert);
    }

  for (guint i = 0; i < genu_knowledge_base_get_n_conditions (kb); i++)
    g_ptr_array_add (self->differential, score_condition (kb, i, findings));
  g_ptr_array_sort_with_data (self->differential, compare_candidates, kb);

  return self;
}

GPtrArray *
genu_diagnosis_get_red_flags (GenuDiagnosis *self)
{
  g_return_val_if_fail (GENU_IS_DIAGNOSIS (self), NULL);

  return self->red_flags;
}

GPtrArray *
genu_diagnosis_get_differential (GenuDiagnosis *self)
{
  g_return_val_if_fail (GENU_IS_DIAGNOSIS (self), NULL);

  return self->differential;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

JsonNode *
genu_diagnosis_to_json (GenuDiagnosis *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_DIAGNOSIS (self), NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "red_flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->red_flags->len; i++)
    {
      GenuRedFlagAlert *alert = g_ptr_array_index (self->red_flags, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", alert->id);
      add_string (builder, "title", alert->title);
      add_string (builder, "reason", alert->reason);
      add_string (builder, "action", alert->action);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "differential");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->differential->len; i++)
    {
      GenuCandidate *candidate = g_ptr_array_index (self->differential, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", candidate->condition->id);
      add_string (builder, "name", candidate->condition->name);
      add_string (builder, "icd10", candidate->condition->icd10);
      add_double (builder, "prior", candidate->prior);
      add_double (builder, "probability", candidate->probability);
      json_builder_set_member_name (builder, "contributions");
      json_builder_begin_array (builder);
      for (guint j = 0; j < candidate->contributions->len; j++)
        {
          GenuContribution *contribution = g_ptr_array_index (candidate->contributions, j);

          json_builder_begin_object (builder);
          add_string (builder, "finding", contribution->finding);
          add_string (builder, "label", contribution->label);
          add_string (builder, "value", contribution->value);
          add_double (builder, "lr", contribution->lr);
          add_string (builder, "source", contribution->source);
          add_string (builder, "evidence", _genu_evidence_to_id (contribution->evidence));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
