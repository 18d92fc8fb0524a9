/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "genu-diagnosis.h"
#include "genu-findings.h"
#include "genu-knowledge-base.h"

/* The findings of "genu-cli diagnose FILE": genu_findings_from_json() against the built-in
 * knowledge base, then the differential of what it accepted, and its JSON round trip. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  genu_knowledge_base_get_default ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autoptr(JsonNode) root = fuzz_parse_json (data, size);
  g_autoptr(GenuFindings) findings = NULL;
  g_autoptr(GenuFindings) again = NULL;
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) grades = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    return 0;

  findings = genu_findings_from_json (kb, root, &error);
  if (findings == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (error->message);
      return 0;
    }
  g_assert_null (error);

  /* What it accepted, it writes back the same. */
  written = genu_findings_to_json (findings);
  again = genu_findings_from_json (kb, written, &error);
  g_assert_no_error (error);
  g_assert_true (genu_findings_equal (findings, again));

  grades = genu_findings_grades_to_json (findings);
  diagnosis = genu_diagnose (kb, findings);
  output = genu_diagnosis_to_json (diagnosis);
  g_free (json_to_string (output, FALSE));
  return 0;
}
