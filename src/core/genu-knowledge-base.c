/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-knowledge-base-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "genu-core-resources.h"

#define KNOWLEDGE_BASE_RESOURCE "/org/genu/Genu/knowledge-base.json"

/* Expert estimates are kept modest by the clinical spec. */
#define EXPERT_LR_MIN 0.3
#define EXPERT_LR_MAX 4.0

typedef enum {
  EXPR_FINDING,
  EXPR_ALL,
  EXPR_ANY,
  EXPR_AT_LEAST,
} ExprKind;

typedef enum {
  TEST_PRESENT,
  TEST_ABSENT,
  TEST_ABOVE,
  TEST_AT_LEAST,
  TEST_BELOW,
} FindingTest;

struct _GenuExpr {
  ExprKind     kind;
  char        *finding;
  FindingTest  test;
  double       value;
  guint        count;      /* EXPR_AT_LEAST */
  GPtrArray   *children;   /* GenuExpr */
};

typedef struct {
  double lower;            /* the factor applies to lower <= age < upper */
  double upper;
  double factor;
} AgeFactor;

typedef struct {
  GenuPlanTemplate  def;
  GArray           *goals;          /* GenuGoalTemplate */
} PlanTemplate;

typedef struct {
  GenuConditionDef  def;
  const GenuSource *prior_source;
  GArray           *age_factors;   /* AgeFactor */
  const GenuSource *age_source;
} Condition;

struct _GenuKnowledgeBase {
  GObject     parent_instance;

  char       *version;
  GHashTable *sources;        /* id -> GenuSource */
  GPtrArray  *conditions;     /* Condition */
  GPtrArray  *findings;       /* GenuFindingDef */
  GHashTable *finding_index;  /* id -> GenuFindingDef */
  GPtrArray  *lrs;            /* GenuLikelihoodRatio */
  GPtrArray  *rules;          /* GenuRule */
  GPtrArray  *red_flags;      /* GenuRedFlagDef */
  GPtrArray  *plan_templates; /* PlanTemplate */
  GStringChunk *strings;      /* every string of the definitions */
};

G_DEFINE_FINAL_TYPE (GenuKnowledgeBase, genu_knowledge_base, G_TYPE_OBJECT)

G_DEFINE_QUARK (genu-knowledge-base-error-quark, genu_knowledge_base_error)

static void
expr_free (GenuExpr *expr)
{
  if (expr == NULL)
    return;
  g_free (expr->finding);
  g_clear_pointer (&expr->children, g_ptr_array_unref);
  g_free (expr);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenuExpr, expr_free)

static void
source_free (GenuSource *source)
{
  g_free (source->id);
  g_free (source->citation);
  g_free (source);
}

static void
condition_free (Condition *condition)
{
  g_clear_pointer (&condition->age_factors, g_array_unref);
  g_free (condition);
}

static void
plan_template_free (PlanTemplate *template)
{
  g_clear_pointer (&template->goals, g_array_unref);
  g_free (template);
}

static void
rule_free (GenuRule *rule)
{
  g_free (rule->id);
  g_free (rule->label);
  g_free (rule->help);
  expr_free (rule->when);
  g_strfreev (rule->findings);
  g_free (rule);
}

static void
red_flag_free (GenuRedFlagDef *flag)
{
  g_free (flag->id);
  g_free (flag->title);
  g_free (flag->action);
  expr_free (flag->when);
  g_strfreev (flag->context);
  g_free (flag);
}

static void
genu_knowledge_base_finalize (GObject *object)
{
  GenuKnowledgeBase *self = GENU_KNOWLEDGE_BASE (object);

  g_free (self->version);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->finding_index, g_hash_table_unref);
  g_clear_pointer (&self->lrs, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->red_flags, g_ptr_array_unref);
  g_clear_pointer (&self->plan_templates, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (genu_knowledge_base_parent_class)->finalize (object);
}

static void
genu_knowledge_base_class_init (GenuKnowledgeBaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = genu_knowledge_base_finalize;
}

static void
genu_knowledge_base_init (GenuKnowledgeBase *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) source_free);
  self->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
  self->findings = g_ptr_array_new_with_free_func (g_free);
  self->finding_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->lrs = g_ptr_array_new_with_free_func (g_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->red_flags = g_ptr_array_new_with_free_func ((GDestroyNotify) red_flag_free);
  self->plan_templates = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_template_free);
  self->strings = g_string_chunk_new (4096);
}

/* Loading. Every check names the entry it is about, so that whoever edits the data file finds the
 * mistake at once. */

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  g_return_val_if_fail (*error == NULL, FALSE);

  va_start (args, format);
  *error = g_error_new_valist (GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_INVALID,
                               format, args);
  va_end (args);
  return FALSE;
}

/* Text shown to the therapist: translated through the application's catalogue. */
static const char *
intern_text (GenuKnowledgeBase *self,
             const char        *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, g_dgettext (GETTEXT_PACKAGE, text));
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object,
            const char *member,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
require_string (JsonObject  *object,
                const char  *member,
                const char  *what,
                GError     **error)
{
  const char *value = get_string (object, member);

  if (value == NULL || *value == '\0')
    invalid (error, _("%s: “%s” is missing"), what, member);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* A likelihood ratio given in the data: absent is fine when @optional, else a positive number. */
static gboolean
read_lr (JsonObject        *object,
         const char        *member,
         gboolean           optional,
         const char        *what,
         const GenuSource  *source,
         double            *lr,
         GError           **error)
{
  *lr = 0;
  if (!json_object_has_member (object, member))
    return optional ? TRUE : invalid (error, _("%s: “%s” is missing"), what, member);

  if (!get_number (object, member, lr) || !isfinite (*lr) || *lr <= 0)
    return invalid (error, _("%s: “%s” must be a positive number"), what, member);

  if (source != NULL && source->evidence == GENU_EVIDENCE_EXPERT_ESTIMATE &&
      (*lr < EXPERT_LR_MIN || *lr > EXPERT_LR_MAX))
    return invalid (error, _("%s: the expert estimate %g is outside %g to %g"),
                    what, *lr, EXPERT_LR_MIN, EXPERT_LR_MAX);
  return TRUE;
}

static const GenuSource *
read_source (GenuKnowledgeBase  *self,
             JsonObject         *object,
             const char         *member,
             gboolean            optional,
             const char         *what,
             GError            **error)
{
  const char *id = get_string (object, member);
  const GenuSource *source;

  if (id == NULL || *id == '\0')
    {
      if (!optional || json_object_has_member (object, member))
        invalid (error, _("%s: no source is given for its figures"), what);
      return NULL;
    }
  source = g_hash_table_lookup (self->sources, id);
  if (source == NULL)
    invalid (error, _("%s: unknown source “%s”"), what, id);
  return source;
}

/* As the data file and genu-cli's JSON spell them; genu_evidence_to_string() translates. */
static const char * const evidence_names[] = {
  [GENU_EVIDENCE_META_ANALYSIS] = "meta-analysis",
  [GENU_EVIDENCE_SINGLE_STUDY] = "single study",
  [GENU_EVIDENCE_EXPERT_ESTIMATE] = "expert estimate",
};

const char *
_genu_evidence_to_id (GenuEvidence evidence)
{
  g_return_val_if_fail (evidence < G_N_ELEMENTS (evidence_names), NULL);

  return evidence_names[evidence];
}

static gboolean
parse_sources (GenuKnowledgeBase  *self,
               JsonObject         *root,
               GError            **error)
{
  JsonNode *node = json_object_get_member (root, "sources");
  g_autoptr(GList) ids = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("The knowledge base has no “sources”"));

  ids = json_object_get_members (json_node_get_object (node));
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonNode *entry = json_object_get_member (json_node_get_object (node), l->data);
      g_autofree char *what = g_strdup_printf (_("Source “%s”"), (char *) l->data);
      GenuSource *source;
      const char *evidence, *citation;
      int kind = -1;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return invalid (error, _("%s: not an object"), what);
      evidence = require_string (json_node_get_object (entry), "evidence", what, error);
      if (evidence == NULL)
        return FALSE;
      citation = require_string (json_node_get_object (entry), "citation", what, error);
      if (citation == NULL)
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (evidence_names); i++)
        if (g_str_equal (evidence, evidence_names[i]))
          kind = i;
      if (kind < 0)
        return invalid (error, _("%s: evidence “%s” is not “meta-analysis”, “single study” or "
                                 "“expert estimate”"), what, evidence);

      source = g_new0 (GenuSource, 1);
      source->id = g_strdup (l->data);
      source->citation = g_strdup (citation);
      source->evidence = kind;
      g_hash_table_insert (self->sources, source->id, source);
    }
  return TRUE;
}

static gboolean
parse_findings (GenuKnowledgeBase  *self,
                JsonArray          *array,
                GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree char *what = g_strdup_printf (_("Finding %u"), i + 1);
      g_autofree GenuFindingDef *def = g_new0 (GenuFindingDef, 1);
      const char *id, *type, *group, *label;
      double max_grade = 0;

      if (object == NULL)
        return invalid (error, _("%s: not an object"), what);
      if ((id = require_string (object, "id", what, error)) == NULL)
        return FALSE;
      g_free (what);
      what = g_strdup_printf (_("Finding “%s”"), id);
      if (g_hash_table_contains (self->finding_index, id))
        return invalid (error, _("%s: defined twice"), what);
      if ((type = require_string (object, "type", what, error)) == NULL ||
          (group = require_string (object, "group", what, error)) == NULL ||
          (label = require_string (object, "label", what, error)) == NULL)
        return FALSE;

      def->id = g_string_chunk_insert_const (self->strings, id);
      def->group = g_string_chunk_insert_const (self->strings, group);
      def->label = intern_text (self, label);
      def->help = intern_text (self, get_string (object, "help"));
      def->is_test = json_object_get_boolean_member_with_default (object, "test", FALSE);
      get_number (object, "max_grade", &max_grade);
      def->max_grade = (int) max_grade;

      if (g_str_equal (type, "bool"))
        def->type = GENU_FINDING_TYPE_BOOL;
      else if (g_str_equal (type, "number"))
        {
          def->type = GENU_FINDING_TYPE_NUMBER;
          def->unit = intern_text (self, get_string (object, "unit"));
          def->integer = json_object_get_boolean_member_with_default (object, "integer", FALSE);
          if (!get_number (object, "min", &def->min) || !get_number (object, "max", &def->max) ||
              def->min >= def->max)
            return invalid (error, _("%s: a number needs “min” below “max”"), what);
        }
      else
        return invalid (error, _("%s: type “%s” is not “bool” or “number”"), what, type);

      if (def->max_grade < 0 || def->max_grade > 3 ||
          (def->max_grade > 0 && def->type != GENU_FINDING_TYPE_BOOL))
        return invalid (error, _("%s: “max_grade” must be 1 to 3, on a yes-no finding"), what);

      g_hash_table_insert (self->finding_index, (gpointer) def->id, def);
      g_ptr_array_add (self->findings, g_steal_pointer (&def));
    }
  return TRUE;
}

static int
condition_index (GenuKnowledgeBase *self,
                 const char        *id)
{
  for (guint i = 0; i < self->conditions->len; i++)
    if (g_str_equal (((Condition *) g_ptr_array_index (self->conditions, i))->def.id, id))
      return i;
  return -1;
}

static gboolean
parse_age_factors (GenuKnowledgeBase  *self,
                   Condition          *condition,
                   JsonObject         *object,
                   const char         *what,
                   GError            **error)
{
  JsonArray *factors = get_array (object, "factors");

  condition->age_source = read_source (self, object, "source", FALSE, what, error);
  if (condition->age_source == NULL)
    return FALSE;
  if (factors == NULL)
    return invalid (error, _("%s: the age-dependent prior has no “factors”"), what);

  condition->age_factors = g_array_new (FALSE, FALSE, sizeof (AgeFactor));
  for (guint i = 0; i < json_array_get_length (factors); i++)
    {
      JsonObject *entry = array_object (factors, i);
      AgeFactor factor = { 0, G_MAXDOUBLE, 0 };
      double adjusted;

      if (entry == NULL ||
          !(get_number (entry, "from", &factor.lower) || get_number (entry, "below", &factor.upper)) ||
          !get_number (entry, "factor", &factor.factor) || factor.factor <= 0)
        return invalid (error, _("%s: an age factor needs “from” or “below” and a positive "
                                 "“factor”"), what);
      adjusted = condition->def.prior * factor.factor;
      if (adjusted <= 0 || adjusted >= 1)
        return invalid (error, _("%s: the prior times the age factor, %g, is not between 0 and 1"),
                        what, adjusted);
      g_array_append_val (condition->age_factors, factor);
    }
  return TRUE;
}

static gboolean
parse_conditions (GenuKnowledgeBase  *self,
                  JsonArray          *array,
                  GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree char *what = g_strdup_printf (_("Condition %u"), i + 1);
      Condition *condition;
      const char *id, *name, *icd10;
      JsonNode *age;

      if (object == NULL)
        return invalid (error, _("%s: not an object"), what);
      if ((id = require_string (object, "id", what, error)) == NULL)
        return FALSE;
      g_free (what);
      what = g_strdup_printf (_("Condition “%s”"), id);
      if (condition_index (self, id) >= 0)
        return invalid (error, _("%s: defined twice"), what);
      if ((name = require_string (object, "name", what, error)) == NULL ||
          (icd10 = require_string (object, "icd10", what, error)) == NULL)
        return FALSE;

      condition = g_new0 (Condition, 1);
      g_ptr_array_add (self->conditions, condition);
      condition->def.id = g_string_chunk_insert_const (self->strings, id);
      condition->def.name = intern_text (self, name);
      condition->def.icd10 = intern_text (self, icd10);

      if (!get_number (object, "prior", &condition->def.prior) ||
          !(condition->def.prior > 0 && condition->def.prior < 1))
        return invalid (error, _("%s: the prior must be a number between 0 and 1 (exclusive)"),
                        what);
      condition->prior_source = read_source (self, object, "prior_source", FALSE, what, error);
      if (condition->prior_source == NULL)
        return FALSE;

      age = json_object_get_member (object, "prior_by_age");
      if (age != NULL && !JSON_NODE_HOLDS_OBJECT (age))
        return invalid (error, _("%s: “prior_by_age” is not an object"), what);
      if (age != NULL &&
          !parse_age_factors (self, condition, json_node_get_object (age), what, error))
        return FALSE;
    }
  return TRUE;
}

static GenuExpr *parse_expr (GenuKnowledgeBase *self, JsonNode *node, const char *what,
                             GPtrArray *findings, GError **error);

static GenuExpr *
parse_finding_test (GenuKnowledgeBase  *self,
                    JsonObject         *object,
                    const char         *what,
                    GPtrArray          *findings,
                    GError            **error)
{
  static const struct {
    const char  *member;
    FindingTest  test;
  } comparisons[] = {
    { "above", TEST_ABOVE },
    { "at_least", TEST_AT_LEAST },
    { "below", TEST_BELOW },
  };
  g_autoptr(GenuExpr) expr = g_new0 (GenuExpr, 1);
  const char *id = get_string (object, "finding");
  const GenuFindingDef *def = id != NULL ? g_hash_table_lookup (self->finding_index, id) : NULL;
  guint n_comparisons = 0;

  if (def == NULL)
    {
      invalid (error, _("%s: unknown finding “%s”"), what, id != NULL ? id : "");
      return NULL;
    }

  expr->kind = EXPR_FINDING;
  expr->finding = g_strdup (id);
  expr->test = json_object_get_boolean_member_with_default (object, "absent", FALSE)
               ? TEST_ABSENT : TEST_PRESENT;
  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    if (get_number (object, comparisons[i].member, &expr->value))
      {
        expr->test = comparisons[i].test;
        n_comparisons++;
      }

  if ((def->type == GENU_FINDING_TYPE_NUMBER) != (n_comparisons == 1))
    {
      invalid (error, _("%s: “%s” needs one of “above”, “at_least” or “below” when it is a "
                        "number, and none otherwise"), what, id);
      return NULL;
    }
  if (!g_ptr_array_find_with_equal_func (findings, id, g_str_equal, NULL))
    g_ptr_array_add (findings, g_strdup (id));
  return g_steal_pointer (&expr);
}

static GenuExpr *
parse_expr (GenuKnowledgeBase  *self,
            JsonNode           *node,
            const char         *what,
            GPtrArray          *findings,
            GError            **error)
{
  g_autoptr(GenuExpr) expr = NULL;
  JsonObject *object;
  JsonArray *children;
  double count = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("%s: a condition (“when”) must be an object"), what);
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_has_member (object, "finding"))
    return parse_finding_test (self, object, what, findings, error);

  expr = g_new0 (GenuExpr, 1);
  if ((children = get_array (object, "all")) != NULL)
    expr->kind = EXPR_ALL;
  else if ((children = get_array (object, "any")) != NULL)
    expr->kind = EXPR_ANY;
  else if ((children = get_array (object, "of")) != NULL && get_number (object, "at_least", &count))
    expr->kind = EXPR_AT_LEAST;
  else
    {
      invalid (error, _("%s: a condition needs “finding”, “all”, “any” or “at_least” with “of”"),
               what);
      return NULL;
    }

  expr->count = (guint) count;
  if (json_array_get_length (children) == 0 ||
      (expr->kind == EXPR_AT_LEAST &&
       (count < 1 || count > json_array_get_length (children) || count != floor (count))))
    {
      invalid (error, _("%s: a condition has no parts, or asks for more than it has"), what);
      return NULL;
    }

  expr->children = g_ptr_array_new_with_free_func ((GDestroyNotify) expr_free);
  for (guint i = 0; i < json_array_get_length (children); i++)
    {
      GenuExpr *child = parse_expr (self, json_array_get_element (children, i), what, findings,
                                    error);
      if (child == NULL)
        return NULL;
      g_ptr_array_add (expr->children, child);
    }
  return g_steal_pointer (&expr);
}

static GStrv
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

static gboolean
parse_likelihood_ratios (GenuKnowledgeBase  *self,
                         JsonArray          *array,
                         GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree GenuLikelihoodRatio *lr = g_new0 (GenuLikelihoodRatio, 1);
      g_autofree char *what = NULL;
      const GenuFindingDef *def;
      const char *condition_id, *finding;
      int condition;

      if (object == NULL)
        return invalid (error, _("Likelihood ratio %u: not an object"), i + 1);
      condition_id = get_string (object, "condition");
      finding = get_string (object, "finding");
      what = g_strdup_printf (_("Likelihood ratio of “%s” for “%s”"),
                              finding != NULL ? finding : "", condition_id != NULL ? condition_id : "");

      condition = condition_id != NULL ? condition_index (self, condition_id) : -1;
      if (condition < 0)
        return invalid (error, _("%s: unknown condition “%s”"), what,
                        condition_id != NULL ? condition_id : "");
      def = finding != NULL ? g_hash_table_lookup (self->finding_index, finding) : NULL;
      if (def == NULL)
        return invalid (error, _("%s: unknown finding “%s”"), what, finding != NULL ? finding : "");
      if (def->type != GENU_FINDING_TYPE_BOOL)
        return invalid (error, _("%s: a likelihood ratio needs a yes-no finding"), what);

      lr->condition = condition;
      lr->finding = def->id;
      lr->source = read_source (self, object, "source", FALSE, what, error);
      if (lr->source == NULL ||
          !read_lr (object, "lr_positive", TRUE, what, lr->source, &lr->lr_positive, error) ||
          !read_lr (object, "lr_negative", TRUE, what, lr->source, &lr->lr_negative, error))
        return FALSE;
      if (lr->lr_positive == 0 && lr->lr_negative == 0)
        return invalid (error, _("%s: neither “lr_positive” nor “lr_negative” is given"), what);

      g_ptr_array_add (self->lrs, g_steal_pointer (&lr));
    }
  return TRUE;
}

static gboolean
parse_rules (GenuKnowledgeBase  *self,
             JsonArray          *array,
             GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree char *what = g_strdup_printf (_("Rule %u"), i + 1);
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
      GenuRule *rule;
      const char *id, *label, *condition_id;
      int condition;

      if (object == NULL)
        return invalid (error, _("%s: not an object"), what);
      if ((id = require_string (object, "id", what, error)) == NULL)
        return FALSE;
      g_free (what);
      what = g_strdup_printf (_("Rule “%s”"), id);
      if ((label = require_string (object, "label", what, error)) == NULL ||
          (condition_id = require_string (object, "condition", what, error)) == NULL)
        return FALSE;
      if ((condition = condition_index (self, condition_id)) < 0)
        return invalid (error, _("%s: unknown condition “%s”"), what, condition_id);

      rule = g_new0 (GenuRule, 1);
      g_ptr_array_add (self->rules, rule);
      rule->id = g_strdup (id);
      rule->condition = condition;
      rule->label = g_strdup (intern_text (self, label));
      rule->help = g_strdup (intern_text (self, get_string (object, "help")));
      rule->when = parse_expr (self, json_object_get_member (object, "when"), what, findings, error);
      if (rule->when == NULL)
        return FALSE;
      rule->findings = steal_strv (g_steal_pointer (&findings));
      rule->source = read_source (self, object, "source", FALSE, what, error);
      if (rule->source == NULL ||
          !read_lr (object, "lr_positive", FALSE, what, rule->source, &rule->lr_positive, error) ||
          !read_lr (object, "lr_negative", TRUE, what, rule->source, &rule->lr_negative, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_red_flags (GenuKnowledgeBase  *self,
                 JsonArray          *array,
                 GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree char *what = g_strdup_printf (_("Red flag %u"), i + 1);
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) context = g_ptr_array_new_with_free_func (g_free);
      GenuRedFlagDef *flag;
      JsonArray *context_ids;
      const char *id, *title, *action;

      if (object == NULL)
        return invalid (error, _("%s: not an object"), what);
      if ((id = require_string (object, "id", what, error)) == NULL)
        return FALSE;
      g_free (what);
      what = g_strdup_printf (_("Red flag “%s”"), id);
      if ((title = require_string (object, "title", what, error)) == NULL ||
          (action = require_string (object, "action", what, error)) == NULL)
        return FALSE;

      flag = g_new0 (GenuRedFlagDef, 1);
      g_ptr_array_add (self->red_flags, flag);
      flag->id = g_strdup (id);
      flag->title = g_strdup (intern_text (self, title));
      flag->action = g_strdup (intern_text (self, action));
      flag->when = parse_expr (self, json_object_get_member (object, "when"), what, findings, error);
      if (flag->when == NULL)
        return FALSE;

      context_ids = get_array (object, "context");
      for (guint j = 0; context_ids != NULL && j < json_array_get_length (context_ids); j++)
        {
          const char *finding = json_array_get_string_element (context_ids, j);

          if (finding == NULL || !g_hash_table_contains (self->finding_index, finding))
            return invalid (error, _("%s: unknown finding “%s”"), what, finding != NULL ? finding : "");
          g_ptr_array_add (context, g_strdup (finding));
        }
      flag->context = steal_strv (g_steal_pointer (&context));

      flag->source = read_source (self, object, "source", TRUE, what, error);
      if (flag->source == NULL && *error != NULL)
        return FALSE;
    }
  return TRUE;
}

static const GenuPlanTemplate *
lookup_plan_template (GenuKnowledgeBase *self,
                      const char        *condition_id)
{
  for (guint i = 0; i < self->plan_templates->len; i++)
    {
      PlanTemplate *template = g_ptr_array_index (self->plan_templates, i);

      if (g_str_equal (template->def.condition_id, condition_id))
        return &template->def;
    }
  return NULL;
}

/* The goals of a plan template: a term ("short" or "long"), a measurable description and a
 * target in weeks from the start of the plan (at most two years). */
static gboolean
parse_goal_templates (GenuKnowledgeBase  *self,
                      PlanTemplate       *template,
                      JsonArray          *goals,
                      const char         *what,
                      GError            **error)
{
  for (guint i = 0; i < json_array_get_length (goals); i++)
    {
      JsonObject *object = array_object (goals, i);
      GenuGoalTemplate goal = { NULL, };
      const char *term, *description;
      double weeks;

      if (object == NULL)
        return invalid (error, _("%s: goal %u is not an object"), what, i + 1);
      term = get_string (object, "term");
      if (g_strcmp0 (term, "short") != 0 && g_strcmp0 (term, "long") != 0)
        return invalid (error, _("%s: goal %u: “term” must be “short” or “long”"), what, i + 1);
      description = get_string (object, "description");
      if (description == NULL || *description == '\0')
        return invalid (error, _("%s: goal %u: “description” is missing"), what, i + 1);
      if (!get_number (object, "target_weeks", &weeks) || weeks != floor (weeks) ||
          weeks < 1 || weeks > 104)
        return invalid (error, _("%s: goal %u: “target_weeks” must be a whole number from 1 to 104"),
                        what, i + 1);

      goal.term = g_string_chunk_insert_const (self->strings, term);
      goal.description = intern_text (self, description);
      goal.target_weeks = (int) weeks;
      g_array_append_val (template->goals, goal);
    }
  return TRUE;
}

/* Plan templates are optional: a knowledge base without any loads, and its plans start empty. */
static gboolean
parse_plan_templates (GenuKnowledgeBase  *self,
                      JsonObject         *root,
                      GError            **error)
{
  JsonNode *node = json_object_get_member (root, "plan_templates");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("The knowledge base’s “plan_templates” is not a list"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (array, i);
      g_autofree char *what = g_strdup_printf (_("Plan template %u"), i + 1);
      g_autoptr(GString) interventions = g_string_new (NULL);
      PlanTemplate *template;
      JsonArray *lines, *goals;
      const char *condition;

      if (object == NULL)
        return invalid (error, _("%s: not an object"), what);
      if ((condition = require_string (object, "condition", what, error)) == NULL)
        return FALSE;
      g_free (what);
      what = g_strdup_printf (_("Plan template for “%s”"), condition);
      if (condition_index (self, condition) < 0)
        return invalid (error, _("%s: unknown condition “%s”"), what, condition);
      if (lookup_plan_template (self, condition) != NULL)
        return invalid (error, _("%s: defined twice"), what);

      lines = get_array (object, "interventions");
      if (lines == NULL || json_array_get_length (lines) == 0)
        return invalid (error, _("%s: “interventions” must be a list of texts"), what);
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonNode *line = json_array_get_element (lines, j);

          if (!JSON_NODE_HOLDS_VALUE (line) || json_node_get_value_type (line) != G_TYPE_STRING ||
              *json_node_get_string (line) == '\0')
            return invalid (error, _("%s: “interventions” must be a list of texts"), what);
          if (j > 0)
            g_string_append_c (interventions, '\n');
          g_string_append (interventions, intern_text (self, json_node_get_string (line)));
        }

      goals = get_array (object, "goals");
      if (goals == NULL)
        return invalid (error, _("%s: “goals” must be a list"), what);

      template = g_new0 (PlanTemplate, 1);
      g_ptr_array_add (self->plan_templates, template);
      template->goals = g_array_new (FALSE, TRUE, sizeof (GenuGoalTemplate));
      template->def.condition_id = g_string_chunk_insert_const (self->strings, condition);
      template->def.interventions = g_string_chunk_insert_const (self->strings,
                                                                 interventions->str);
      if (!parse_goal_templates (self, template, goals, what, error))
        return FALSE;
      template->def.goals = (const GenuGoalTemplate *) (gpointer) template->goals->data;
      template->def.n_goals = template->goals->len;
    }
  return TRUE;
}

static gboolean
parse_root (GenuKnowledgeBase  *self,
            JsonObject         *root,
            GError            **error)
{
  static const char * const lists[] = {
    "conditions", "findings", "likelihood_ratios", "rules", "red_flags", "changelog",
  };
  JsonArray *changelog;
  const char *version;
  gboolean logged = FALSE;

  if ((version = require_string (root, "version", _("The knowledge base"), error)) == NULL)
    return FALSE;
  self->version = g_strdup (version);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (get_array (root, lists[i]) == NULL)
      return invalid (error, _("The knowledge base has no list “%s”"), lists[i]);

  /* Every version says what changed, and which source a changed number now rests on. */
  changelog = get_array (root, "changelog");
  for (guint i = 0; i < json_array_get_length (changelog); i++)
    {
      JsonObject *entry = array_object (changelog, i);

      if (entry == NULL || get_string (entry, "changes") == NULL)
        return invalid (error, _("Change log entry %u: “changes” is missing"), i + 1);
      logged |= g_strcmp0 (get_string (entry, "version"), version) == 0;
    }
  if (!logged)
    return invalid (error, _("The change log has no entry for version %s"), version);

  return parse_sources (self, root, error) &&
         parse_findings (self, get_array (root, "findings"), error) &&
         parse_conditions (self, get_array (root, "conditions"), error) &&
         parse_likelihood_ratios (self, get_array (root, "likelihood_ratios"), error) &&
         parse_rules (self, get_array (root, "rules"), error) &&
         parse_red_flags (self, get_array (root, "red_flags"), error) &&
         parse_plan_templates (self, root, error);
}

GenuKnowledgeBase *
genu_knowledge_base_new_from_data (const char  *json,
                                   gssize       length,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GenuKnowledgeBase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_PARSE,
                   _("The knowledge base is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_PARSE,
                           _("The knowledge base is not a JSON object"));
      return NULL;
    }

  /* The checks below need an error to look at, whether or not the caller wants one. */
  self = g_object_new (GENU_TYPE_KNOWLEDGE_BASE, NULL);
  if (!parse_root (self, json_node_get_object (root), &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

GenuKnowledgeBase *
genu_knowledge_base_get_default (void)
{
  static GenuKnowledgeBase *kb;

  if (g_once_init_enter (&kb))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GenuKnowledgeBase *loaded;

      genu_core_register_resource ();
      bytes = g_resources_lookup_data (KNOWLEDGE_BASE_RESOURCE, 0, &error);
      loaded = bytes != NULL ? genu_knowledge_base_new_from_data (g_bytes_get_data (bytes, NULL),
                                                                  g_bytes_get_size (bytes),
                                                                  &error)
                             : NULL;
      /* It is compiled in and checked by the test suite: failing here is a broken build. */
      if (loaded == NULL)
        g_error ("The built-in knowledge base does not load: %s", error->message);
      g_once_init_leave (&kb, loaded);
    }
  return kb;
}

const char *
genu_knowledge_base_get_version (GenuKnowledgeBase *self)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);

  return self->version;
}

guint
genu_knowledge_base_get_n_findings (GenuKnowledgeBase *self)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), 0);

  return self->findings->len;
}

const GenuFindingDef *
genu_knowledge_base_get_finding (GenuKnowledgeBase *self,
                                 guint              index)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);

  return g_ptr_array_index (self->findings, index);
}

const GenuFindingDef *
genu_knowledge_base_lookup_finding (GenuKnowledgeBase *self,
                                    const char        *id)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->finding_index, id);
}

guint
genu_knowledge_base_get_n_conditions (GenuKnowledgeBase *self)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), 0);

  return self->conditions->len;
}

const GenuConditionDef *
genu_knowledge_base_get_condition (GenuKnowledgeBase *self,
                                   guint              index)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (index < self->conditions->len, NULL);

  return &((Condition *) g_ptr_array_index (self->conditions, index))->def;
}

const GenuConditionDef *
genu_knowledge_base_lookup_condition (GenuKnowledgeBase *self,
                                      const char        *id)
{
  int index;

  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  index = condition_index (self, id);
  return index >= 0 ? genu_knowledge_base_get_condition (self, index) : NULL;
}

/**
 * genu_knowledge_base_lookup_plan_template:
 *
 * Returns: (nullable) (transfer none): the plan template of @condition_id, owned by @self, or
 * %NULL when the condition has none
 */
const GenuPlanTemplate *
genu_knowledge_base_lookup_plan_template (GenuKnowledgeBase *self,
                                          const char        *condition_id)
{
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (condition_id != NULL, NULL);

  return lookup_plan_template (self, condition_id);
}

char *
genu_knowledge_base_check_number (GenuKnowledgeBase *self,
                                  const char        *id,
                                  double             value)
{
  const GenuFindingDef *def;

  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  def = g_hash_table_lookup (self->finding_index, id);
  if (def == NULL)
    return g_strdup_printf (_("Unknown finding “%s”."), id);
  if (def->type != GENU_FINDING_TYPE_NUMBER)
    /* TRANSLATORS: %s is a finding, e.g. "McMurray test" */
    return g_strdup_printf (_("%s is recorded as yes or no, not as a number."), def->label);

  if (!isfinite (value) || value < def->min || value > def->max ||
      (def->integer && value != floor (value)))
    /* TRANSLATORS: "NPRS now: type a whole number from 0 to 10." */
    return g_strdup_printf (def->integer ? _("%s: type a whole number from %g to %g.")
                                         : _("%s: type a number from %g to %g."),
                            def->label, def->min, def->max);
  return NULL;
}

static char *
value_to_string (JsonNode *value)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, value);
  return json_generator_to_data (generator, NULL);
}

static void G_GNUC_PRINTF (2, 3)
add_problem (GString    *problems,
             const char *format,
             ...)
{
  va_list args;

  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  va_start (args, format);
  g_string_append_vprintf (problems, format, args);
  va_end (args);
}

GenuFindings *
genu_findings_from_json (GenuKnowledgeBase  *self,
                         JsonNode           *object,
                         GError            **error)
{
  g_autoptr(GenuFindings) findings = genu_findings_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GList) ids = NULL;

  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (self), NULL);
  g_return_val_if_fail (object != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (object))
    {
      g_set_error_literal (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_FINDINGS,
                           _("The findings must be a JSON object of finding ids and values"));
      return NULL;
    }

  ids = json_object_get_members (json_node_get_object (object));
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      JsonNode *value = json_object_get_member (json_node_get_object (object), id);
      const GenuFindingDef *def = g_hash_table_lookup (self->finding_index, id);
      const char *text = JSON_NODE_HOLDS_VALUE (value) &&
                         json_node_get_value_type (value) == G_TYPE_STRING
                         ? json_node_get_string (value) : NULL;
      GType type = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_NONE;
      g_autofree char *shown = value_to_string (value);

      if (def == NULL)
        add_problem (problems, _("Unknown finding “%s”"), id);
      else if (def->type == GENU_FINDING_TYPE_BOOL)
        {
          if (g_strcmp0 (text, "present") == 0 || g_strcmp0 (text, "absent") == 0)
            genu_findings_set_bool (findings, id, g_str_equal (text, "present"));
          else
            /* TRANSLATORS: the last %s is the value given, as JSON */
            add_problem (problems, _("“%s” takes “present” or “absent”, not %s"), id, shown);
        }
      else if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        {
          double number = json_node_get_double (value);
          g_autofree char *message = genu_knowledge_base_check_number (self, id, number);

          if (message != NULL)
            add_problem (problems, "“%s”: %s", id, message);
          else
            genu_findings_set_number (findings, id, number);
        }
      else
        add_problem (problems, _("“%s” takes a number, not %s"), id, shown);
    }

  if (problems->len > 0)
    {
      g_set_error_literal (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_FINDINGS,
                           problems->str);
      return NULL;
    }
  return g_steal_pointer (&findings);
}

const char *
genu_evidence_to_string (GenuEvidence evidence)
{
  switch (evidence)
    {
    case GENU_EVIDENCE_META_ANALYSIS:
      return _("meta-analysis");
    case GENU_EVIDENCE_SINGLE_STUDY:
      return _("single study");
    case GENU_EVIDENCE_EXPERT_ESTIMATE:
      return _("expert estimate");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* For the diagnosis module. */

GPtrArray *
_genu_knowledge_base_get_likelihood_ratios (GenuKnowledgeBase *self)
{
  return self->lrs;
}

GPtrArray *
_genu_knowledge_base_get_rules (GenuKnowledgeBase *self)
{
  return self->rules;
}

GPtrArray *
_genu_knowledge_base_get_red_flags (GenuKnowledgeBase *self)
{
  return self->red_flags;
}

const GenuSource *
_genu_knowledge_base_get_prior_source (GenuKnowledgeBase *self,
                                       guint              condition)
{
  return ((Condition *) g_ptr_array_index (self->conditions, condition))->prior_source;
}

double
_genu_knowledge_base_prior_for (GenuKnowledgeBase  *self,
                                guint               index,
                                GenuFindings       *findings,
                                const GenuSource  **source)
{
  Condition *condition = g_ptr_array_index (self->conditions, index);
  double age;

  *source = condition->prior_source;
  if (condition->age_factors == NULL ||
      genu_findings_get (findings, "age", &age) != GENU_FINDING_NUMBER)
    return condition->def.prior;

  for (guint i = 0; i < condition->age_factors->len; i++)
    {
      const AgeFactor *factor = &g_array_index (condition->age_factors, AgeFactor, i);

      if (age >= factor->lower && age < factor->upper)
        {
          *source = condition->age_source;
          return condition->def.prior * factor->factor;
        }
    }
  return condition->def.prior;
}

char *
_genu_knowledge_base_describe_finding (GenuKnowledgeBase *self,
                                       GenuFindings      *findings,
                                       const char        *id)
{
  const GenuFindingDef *def = g_hash_table_lookup (self->finding_index, id);
  double number;

  switch (genu_findings_get (findings, id, &number))
    {
    case GENU_FINDING_PRESENT:
      return g_strdup_printf (def->is_test ? _("%s: positive") : _("%s: yes"), def->label);
    case GENU_FINDING_ABSENT:
      return g_strdup_printf (def->is_test ? _("%s: negative") : _("%s: no"), def->label);
    case GENU_FINDING_NUMBER:
      /* TRANSLATORS: "Age: 60 years", "Knee flexion: 80 °" */
      return g_strdup_printf (_("%s: %g %s"), def->label, number, def->unit != NULL ? def->unit : "");
    case GENU_FINDING_NOT_TESTED:
    default:
      return g_strdup_printf (_("%s: not tested"), def->label);
    }
}

static GenuTri
eval_finding (GenuExpr     *expr,
              GenuFindings *findings)
{
  double number = 0;
  GenuFindingState state = genu_findings_get (findings, expr->finding, &number);

  if (state == GENU_FINDING_NOT_TESTED)
    return GENU_TRI_UNKNOWN;

  switch (expr->test)
    {
    case TEST_PRESENT:
      return state == GENU_FINDING_PRESENT ? GENU_TRI_TRUE : GENU_TRI_FALSE;
    case TEST_ABSENT:
      return state == GENU_FINDING_ABSENT ? GENU_TRI_TRUE : GENU_TRI_FALSE;
    case TEST_ABOVE:
      return number > expr->value ? GENU_TRI_TRUE : GENU_TRI_FALSE;
    case TEST_AT_LEAST:
      return number >= expr->value ? GENU_TRI_TRUE : GENU_TRI_FALSE;
    case TEST_BELOW:
      return number < expr->value ? GENU_TRI_TRUE : GENU_TRI_FALSE;
    default:
      g_return_val_if_reached (GENU_TRI_UNKNOWN);
    }
}

GenuTri
_genu_expr_eval (GenuExpr          *expr,
                 GenuKnowledgeBase *kb,
                 GenuFindings      *findings,
                 GPtrArray         *reasons)
{
  guint n_true = 0, n_unknown = 0;
  GenuTri result;

  if (expr->kind == EXPR_FINDING)
    {
      result = eval_finding (expr, findings);
      if (result == GENU_TRI_TRUE && reasons != NULL)
        g_ptr_array_add (reasons, _genu_knowledge_base_describe_finding (kb, findings,
                                                                         expr->finding));
      return result;
    }

  /* The parts are evaluated without reasons first, so that a rule that does not hold names
   * nothing. */
  for (guint i = 0; i < expr->children->len; i++)
    switch (_genu_expr_eval (g_ptr_array_index (expr->children, i), kb, findings, NULL))
      {
      case GENU_TRI_TRUE:
        n_true++;
        break;
      case GENU_TRI_UNKNOWN:
        n_unknown++;
        break;
      case GENU_TRI_FALSE:
      default:
        break;
      }

  switch (expr->kind)
    {
    case EXPR_ALL:
      result = n_true == expr->children->len ? GENU_TRI_TRUE
               : n_true + n_unknown == expr->children->len ? GENU_TRI_UNKNOWN : GENU_TRI_FALSE;
      break;
    case EXPR_ANY:
      result = n_true > 0 ? GENU_TRI_TRUE : n_unknown > 0 ? GENU_TRI_UNKNOWN : GENU_TRI_FALSE;
      break;
    case EXPR_AT_LEAST:
      result = n_true >= expr->count ? GENU_TRI_TRUE
               : n_true + n_unknown >= expr->count ? GENU_TRI_UNKNOWN : GENU_TRI_FALSE;
      break;
    case EXPR_FINDING:
    default:
      g_return_val_if_reached (GENU_TRI_UNKNOWN);
    }

  if (result == GENU_TRI_TRUE && reasons != NULL)
    for (guint i = 0; i < expr->children->len; i++)
      _genu_expr_eval (g_ptr_array_index (expr->children, i), kb, findings, reasons);
  return result;
}
