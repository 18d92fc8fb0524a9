/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "genu-diagnosis.h"
#include "genu-findings.h"
#include "genu-knowledge-base.h"

/* genu_knowledge_base_new_from_data(): a knowledge base from bytes. When one loads, everything a
 * caller walks through (findings, conditions, plan templates) is read, and a differential is
 * computed with every yes-no finding present, so that its likelihood ratios and rules are used. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GenuKnowledgeBase) kb = NULL;
  g_autoptr(GenuFindings) findings = NULL;
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (size > G_MAXSSIZE)
    return 0;

  kb = genu_knowledge_base_new_from_data ((const char *) data, (gssize) size, &error);
  if (kb == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      return 0;
    }
  g_assert_null (error);

  genu_knowledge_base_get_version (kb);
  findings = genu_findings_new ();
  n = genu_knowledge_base_get_n_findings (kb);
  for (guint i = 0; i < n; i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);

      g_assert_nonnull (def);
      g_assert_true (genu_knowledge_base_lookup_finding (kb, def->id) != NULL);
      if (def->type == GENU_FINDING_TYPE_NUMBER)
        {
          g_free (genu_knowledge_base_check_number (kb, def->id, def->min));
          genu_findings_set_number (findings, def->id, def->min);
        }
      else
        {
          genu_findings_set_bool (findings, def->id, TRUE);
          if (def->max_grade > 0)
            genu_findings_set_grade (findings, def->id, def->max_grade);
        }
    }

  n = genu_knowledge_base_get_n_conditions (kb);
  for (guint i = 0; i < n; i++)
    {
      const GenuConditionDef *def = genu_knowledge_base_get_condition (kb, i);

      g_assert_nonnull (def);
      g_assert_true (genu_knowledge_base_lookup_condition (kb, def->id) != NULL);
      genu_knowledge_base_lookup_plan_template (kb, def->id);
    }

  diagnosis = genu_diagnose (kb, findings);
  output = genu_diagnosis_to_json (diagnosis);
  g_free (json_to_string (output, FALSE));
  return 0;
}
