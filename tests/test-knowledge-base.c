/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "genu-knowledge-base-private.h"

/* The finding ids of shared/clinical/medial-knee.md, every one of them. */
static const char * const spec_findings[] = {
  "age", "onset_sudden", "mechanism_valgus_contact", "mechanism_twisting",
  "training_load_increase", "pain_increases_with_distance", "pain_stairs",
  "pain_prolonged_sitting", "pain_night_rest", "swelling_reported", "locking_catching",
  "clicking_snapping", "giving_way", "paresthesia_medial", "morning_stiffness_under_30min",
  "hip_or_back_pain",
  "loc_joint_line", "loc_mcl_origin", "loc_mcl_body", "loc_pes_anserine",
  "loc_medial_patellar_border", "loc_tibial_plateau", "loc_posteromedial",
  "loc_infrapatellar_skin", "loc_diffuse",
  "effusion", "tender_joint_line", "tender_mcl", "tender_pes_anserine", "tender_plateau_focal",
  "tender_posteromedial", "valgus_30_pain", "valgus_30_laxity", "valgus_0_laxity", "mcmurray",
  "thessaly_20", "apley", "mpp_test", "palpable_plica_band", "tinel_saphenous",
  "hypoesthesia_saphenous", "hop_pain", "crepitus", "bony_enlargement", "bony_tenderness",
  "palpable_warmth", "squat_pain", "resisted_knee_flexion_pain", "hip_exam_reproduces",
  "lumbar_exam_reproduces", "flexion_deg", "extension_deficit_deg", "nprs_now", "nprs_best",
  "nprs_worst",
  "acute_injury", "fever_unwell", "hot_joint", "immunosuppressed", "recent_injection_or_surgery",
  "calf_swelling_tenderness", "recent_immobilisation", "isolated_patellar_tenderness",
  "fibular_head_tenderness", "cannot_bear_weight_4_steps", "pulses_absent", "foot_drop",
  "numbness_beyond_saphenous", "weight_loss_unexplained", "history_of_cancer",
  "several_joints_swollen", "morning_stiffness_over_60min",
};

static const struct {
  const char *id;
  const char *icd10;
  double      prior;
} spec_conditions[] = {
  { "mcl_sprain", "S83.41-", 0.12 },
  { "medial_meniscus_tear", "S83.2- (acute) / M23.2- (old)", 0.15 },
  { "pes_anserine", "M70.5-", 0.15 },
  { "medial_plica", "M67.5-", 0.08 },
  { "saphenous_neuropathy", "G57.8-", 0.03 },
  { "medial_oa", "M17.1-", 0.08 },
  { "patellofemoral_pain", "M22.2-", 0.22 },
  { "tibial_plateau_bsi", "M84.36-", 0.05 },
  { "semimembranosus_tendinopathy", "M76.89", 0.05 },
  { "referred_pain", "M25.56- + source", 0.04 },
};

static char *
read_real_knowledge_base (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "knowledge-base.json", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_loads_every_spec_entry (void)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();

  g_assert_nonnull (kb);
  g_assert_cmpstr (genu_knowledge_base_get_version (kb), ==, "1.1.0");

  g_assert_cmpuint (genu_knowledge_base_get_n_findings (kb), ==, G_N_ELEMENTS (spec_findings));
  for (guint i = 0; i < G_N_ELEMENTS (spec_findings); i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_lookup_finding (kb, spec_findings[i]);

      g_assert_nonnull (def);
      g_assert_cmpstr (def->id, ==, spec_findings[i]);
      g_assert_true (def->label != NULL && *def->label != '\0');
    }

  g_assert_cmpuint (genu_knowledge_base_get_n_conditions (kb), ==, G_N_ELEMENTS (spec_conditions));
  for (guint i = 0; i < G_N_ELEMENTS (spec_conditions); i++)
    {
      const GenuConditionDef *condition = genu_knowledge_base_get_condition (kb, i);

      g_assert_cmpstr (condition->id, ==, spec_conditions[i].id);
      g_assert_cmpstr (condition->icd10, ==, spec_conditions[i].icd10);
      g_assert_cmpfloat (condition->prior, ==, spec_conditions[i].prior);
      g_assert_true (genu_knowledge_base_lookup_condition (kb, condition->id) == condition);
    }
  g_assert_null (genu_knowledge_base_lookup_condition (kb, "gout"));
  g_assert_null (genu_knowledge_base_lookup_finding (kb, "peroneal_nerve"));

  /* The same object each time: loaded once. */
  g_assert_true (genu_knowledge_base_get_default () == kb);
}

/* The compiled-in copy is the data file of the tree. */
static void
test_resource_matches_data_file (void)
{
  g_autofree char *contents = read_real_knowledge_base ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuKnowledgeBase) kb = genu_knowledge_base_new_from_data (contents, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (genu_knowledge_base_get_n_findings (kb), ==,
                    genu_knowledge_base_get_n_findings (genu_knowledge_base_get_default ()));
  g_assert_cmpstr (genu_knowledge_base_get_version (kb), ==,
                   genu_knowledge_base_get_version (genu_knowledge_base_get_default ()));
}

static void
test_finding_types_and_ranges (void)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  const GenuFindingDef *nprs = genu_knowledge_base_lookup_finding (kb, "nprs_now");
  const GenuFindingDef *flexion = genu_knowledge_base_lookup_finding (kb, "flexion_deg");
  const GenuFindingDef *laxity = genu_knowledge_base_lookup_finding (kb, "valgus_30_laxity");
  const GenuFindingDef *mcmurray = genu_knowledge_base_lookup_finding (kb, "mcmurray");
  const GenuFindingDef *swelling = genu_knowledge_base_lookup_finding (kb, "swelling_reported");
  g_autofree char *too_high = NULL;
  g_autofree char *too_low = NULL;
  g_autofree char *half = NULL;
  g_autofree char *not_a_number = NULL;
  g_autofree char *nan_message = NULL;

  g_assert_cmpint (nprs->type, ==, GENU_FINDING_TYPE_NUMBER);
  g_assert_cmpfloat (nprs->min, ==, 0);
  g_assert_cmpfloat (nprs->max, ==, 10);
  g_assert_cmpfloat (flexion->min, ==, -20);
  g_assert_cmpfloat (flexion->max, ==, 160);
  g_assert_cmpint (laxity->max_grade, ==, 3);
  g_assert_true (mcmurray->is_test);
  g_assert_cmpstr (mcmurray->group, ==, "special_tests");
  g_assert_false (swelling->is_test);
  g_assert_cmpint (swelling->type, ==, GENU_FINDING_TYPE_BOOL);

  g_assert_null (genu_knowledge_base_check_number (kb, "nprs_now", 0));
  g_assert_null (genu_knowledge_base_check_number (kb, "nprs_now", 10));
  g_assert_null (genu_knowledge_base_check_number (kb, "flexion_deg", -20));
  g_assert_null (genu_knowledge_base_check_number (kb, "flexion_deg", 160));

  too_high = genu_knowledge_base_check_number (kb, "nprs_now", 11);
  g_assert_cmpstr (too_high, ==, "NPRS now: type a whole number from 0 to 10.");
  too_low = genu_knowledge_base_check_number (kb, "flexion_deg", -21);
  g_assert_cmpstr (too_low, ==, "Knee flexion: type a whole number from -20 to 160.");
  half = genu_knowledge_base_check_number (kb, "nprs_worst", 6.5);
  g_assert_nonnull (half);
  nan_message = genu_knowledge_base_check_number (kb, "flexion_deg", NAN);
  g_assert_nonnull (nan_message);
  not_a_number = genu_knowledge_base_check_number (kb, "mcmurray", 1);
  g_assert_cmpstr (not_a_number, ==, "McMurray test is recorded as yes or no, not as a number.");
}

static void
test_findings_from_json (void)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) good = json_from_string ("{\"mcmurray\": \"present\", \"squat_pain\": "
                                               "\"absent\", \"nprs_now\": 7, \"age\": 34.0}",
                                               &error);
  g_autoptr(JsonNode) bad = json_from_string ("{\"peroneal_nerve\": \"present\", \"mcmurray\": "
                                              "\"yes\", \"nprs_now\": 12, \"age\": \"old\"}",
                                              NULL);
  g_autoptr(GenuFindings) findings = NULL;
  g_autoptr(GenuFindings) refused = NULL;
  g_auto(GStrv) lines = NULL;
  double number = 0;

  g_assert_no_error (error);
  findings = genu_findings_from_json (kb, good, &error);
  g_assert_no_error (error);
  g_assert_cmpint (genu_findings_get (findings, "mcmurray", NULL), ==, GENU_FINDING_PRESENT);
  g_assert_cmpint (genu_findings_get (findings, "squat_pain", NULL), ==, GENU_FINDING_ABSENT);
  g_assert_cmpint (genu_findings_get (findings, "nprs_now", &number), ==, GENU_FINDING_NUMBER);
  g_assert_cmpfloat (number, ==, 7);
  g_assert_cmpint (genu_findings_get (findings, "apley", NULL), ==, GENU_FINDING_NOT_TESTED);
  g_assert_cmpuint (genu_findings_get_size (findings), ==, 4);

  /* Every problem is named, one per line. */
  refused = genu_findings_from_json (kb, bad, &error);
  g_assert_null (refused);
  g_assert_error (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_FINDINGS);
  g_assert_nonnull (strstr (error->message, "Unknown finding “peroneal_nerve”"));
  g_assert_nonnull (strstr (error->message, "“mcmurray” takes “present” or “absent”, not \"yes\""));
  g_assert_nonnull (strstr (error->message, "“nprs_now”: NPRS now: type a whole number from 0 to 10."));
  g_assert_nonnull (strstr (error->message, "“age” takes a number, not \"old\""));
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
}

/* Each way the data file can be wrong: the real file with one entry broken, refused with a
 * message that names the entry. */
typedef struct {
  const char *name;
  const char *list;       /* the member holding the entry */
  guint       index;      /* which entry, for arrays */
  const char *member;     /* the member to change in it */
  const char *value;      /* JSON, or NULL to remove the member */
  const char *message;    /* expected in the error */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "lr-unknown-finding", "likelihood_ratios", 1, "finding", "\"mcmurray_test\"",
    "Likelihood ratio of “mcmurray_test” for “medial_meniscus_tear”: unknown finding “mcmurray_test”" },
  { "lr-unknown-condition", "likelihood_ratios", 0, "condition", "\"plica\"",
    "Likelihood ratio of “mpp_test” for “plica”: unknown condition “plica”" },
  { "lr-missing-source", "likelihood_ratios", 0, "source", NULL,
    "Likelihood ratio of “mpp_test” for “medial_plica”: no source is given for its figures" },
  { "lr-empty-source", "likelihood_ratios", 0, "source", "\"\"",
    "Likelihood ratio of “mpp_test” for “medial_plica”: no source is given for its figures" },
  { "lr-unknown-source", "likelihood_ratios", 0, "source", "\"stubbings2015\"",
    "Likelihood ratio of “mpp_test” for “medial_plica”: unknown source “stubbings2015”" },
  { "lr-zero", "likelihood_ratios", 1, "lr_positive", "0",
    "Likelihood ratio of “mcmurray” for “medial_meniscus_tear”: “lr_positive” must be a positive number" },
  { "lr-negative", "likelihood_ratios", 1, "lr_negative", "-0.42",
    "Likelihood ratio of “mcmurray” for “medial_meniscus_tear”: “lr_negative” must be a positive number" },
  { "lr-string", "likelihood_ratios", 1, "lr_positive", "\"2.4\"",
    "Likelihood ratio of “mcmurray” for “medial_meniscus_tear”: “lr_positive” must be a positive number" },
  { "lr-expert-too-big", "likelihood_ratios", 5, "lr_positive", "6",
    "Likelihood ratio of “locking_catching” for “medial_meniscus_tear”: the expert estimate 6 is outside 0.3 to 4" },
  { "prior-zero", "conditions", 0, "prior", "0",
    "Condition “mcl_sprain”: the prior must be a number between 0 and 1 (exclusive)" },
  { "prior-one", "conditions", 1, "prior", "1",
    "Condition “medial_meniscus_tear”: the prior must be a number between 0 and 1 (exclusive)" },
  { "prior-above-one", "conditions", 2, "prior", "1.5",
    "Condition “pes_anserine”: the prior must be a number between 0 and 1 (exclusive)" },
  { "prior-missing", "conditions", 3, "prior", NULL,
    "Condition “medial_plica”: the prior must be a number between 0 and 1 (exclusive)" },
  { "prior-no-source", "conditions", 3, "prior_source", NULL,
    "Condition “medial_plica”: no source is given for its figures" },
  { "condition-no-name", "conditions", 4, "name", NULL,
    "Condition “saphenous_neuropathy”: “name” is missing" },
  { "rule-unknown-finding", "rules", 2, "when", "{\"at_least\": 1, \"of\": [{\"finding\": \"xray_oa\"}]}",
    "Rule “acr_knee_oa”: unknown finding “xray_oa”" },
  { "rule-no-source", "rules", 0, "source", NULL,
    "Rule “kastelein_mcl_laxity”: no source is given for its figures" },
  { "rule-lr-negative", "rules", 1, "lr_positive", "-4.8",
    "Rule “kastelein_mcl”: “lr_positive” must be a positive number" },
  { "rule-unknown-condition", "rules", 1, "condition", "\"mcl\"",
    "Rule “kastelein_mcl”: unknown condition “mcl”" },
  { "red-flag-unknown-finding", "red_flags", 3, "when", "{\"finding\": \"locked\"}",
    "Red flag “locked_knee”: unknown finding “locked”" },
  { "red-flag-number-without-test", "red_flags", 3, "when", "{\"finding\": \"extension_deficit_deg\"}",
    "Red flag “locked_knee”: “extension_deficit_deg” needs one of" },
  { "finding-bad-type", "findings", 1, "type", "\"yes-no\"",
    "Finding “onset_sudden”: type “yes-no” is not “bool” or “number”" },
  { "finding-duplicate", "findings", 2, "id", "\"onset_sudden\"",
    "Finding “onset_sudden”: defined twice" },
  { "plan-template-unknown-condition", "plan_templates", 0, "condition", "\"mcl\"",
    "Plan template for “mcl”: unknown condition “mcl”" },
  { "plan-template-duplicate", "plan_templates", 1, "condition", "\"mcl_sprain\"",
    "Plan template for “mcl_sprain”: defined twice" },
  { "plan-template-no-interventions", "plan_templates", 2, "interventions", "[]",
    "Plan template for “pes_anserine”: “interventions” must be a list of texts" },
  { "plan-template-bad-goal-term", "plan_templates", 3, "goals",
    "[{\"term\": \"medium\", \"description\": \"x\", \"target_weeks\": 4}]",
    "Plan template for “medial_plica”: goal 1: “term” must be “short” or “long”" },
  { "source-bad-evidence", "sources", 0, "evidence", "\"case series\"",
    "evidence “case series” is not “meta-analysis”, “single study” or “expert estimate”" },
};

static void
test_validation_error (gconstpointer data)
{
  const BrokenCase *test = data;
  g_autofree char *contents = read_real_knowledge_base ();
  g_autoptr(JsonNode) root = json_from_string (contents, NULL);
  JsonNode *list = json_object_get_member (json_node_get_object (root), test->list);
  JsonObject *entry;
  g_autofree char *broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuKnowledgeBase) kb = NULL;

  if (JSON_NODE_HOLDS_ARRAY (list))
    entry = json_array_get_object_element (json_node_get_array (list), test->index);
  else
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (list));
      entry = json_object_get_object_member (json_node_get_object (list),
                                             g_list_nth_data (members, test->index));
    }

  if (test->value != NULL)
    json_object_set_member (entry, test->member, json_from_string (test->value, NULL));
  else
    json_object_remove_member (entry, test->member);

  broken = json_to_string (root, FALSE);
  kb = genu_knowledge_base_new_from_data (broken, -1, &error);
  g_assert_null (kb);
  g_assert_error (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_INVALID);
  if (strstr (error->message, test->message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, test->message);
}

static void
test_whole_file_errors (void)
{
  g_autofree char *contents = read_real_knowledge_base ();
  g_autoptr(JsonNode) root = json_from_string (contents, NULL);
  g_autofree char *no_log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuKnowledgeBase) kb = NULL;

  kb = genu_knowledge_base_new_from_data ("{\"version\": ", -1, &error);
  g_assert_null (kb);
  g_assert_error (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_PARSE);
  g_clear_error (&error);

  kb = genu_knowledge_base_new_from_data ("[]", -1, &error);
  g_assert_error (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_PARSE);
  g_clear_error (&error);

  /* A new version must say what changed. */
  json_object_set_string_member (json_node_get_object (root), "version", "1.2.0");
  no_log = json_to_string (root, FALSE);
  kb = genu_knowledge_base_new_from_data (no_log, -1, &error);
  g_assert_null (kb);
  g_assert_error (error, GENU_KNOWLEDGE_BASE_ERROR, GENU_KNOWLEDGE_BASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The change log has no entry for version 1.2.0");
}

/* Expert estimates are labelled as such in the data: the numbers the spec marks as expert
 * estimates must not pass for studies. */
static void
test_evidence_labels (void)
{
  g_autofree char *contents = read_real_knowledge_base ();
  g_autoptr(JsonNode) root = json_from_string (contents, NULL);
  JsonObject *sources = json_object_get_object_member (json_node_get_object (root), "sources");
  JsonArray *lrs = json_object_get_array_member (json_node_get_object (root), "likelihood_ratios");
  static const struct {
    const char *finding;
    const char *evidence;
  } expected[] = {
    { "mpp_test", "meta-analysis" },
    { "mcmurray", "meta-analysis" },
    { "thessaly_20", "expert estimate" },
    { "locking_catching", "expert estimate" },
    { "tender_pes_anserine", "expert estimate" },
    { "tinel_saphenous", "expert estimate" },
    { "squat_pain", "meta-analysis" },
    { "hop_pain", "expert estimate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (guint j = 0; j < json_array_get_length (lrs); j++)
      {
        JsonObject *lr = json_array_get_object_element (lrs, j);
        const char *source = json_object_get_string_member (lr, "source");

        if (g_str_equal (json_object_get_string_member (lr, "finding"), expected[i].finding))
          g_assert_cmpstr (json_object_get_string_member (
                             json_object_get_object_member (sources, source), "evidence"),
                           ==, expected[i].evidence);
      }

  g_assert_cmpstr (genu_evidence_to_string (GENU_EVIDENCE_EXPERT_ESTIMATE), ==, "expert estimate");
}

static void
collect_texts (JsonNode   *node,
               const char *member,
               GPtrArray  *texts)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (json_object_has_member (object, member))
        g_ptr_array_add (texts, (gpointer) json_object_get_string_member (object, member));
    }
}

/* The texts translators get (po/update-knowledge-base-strings.py) are those of the data file:
 * after an edit of the data file, the script must run again, or this fails. */
static void
test_translatable_strings (void)
{
  g_autofree char *contents = read_real_knowledge_base ();
  g_autoptr(JsonNode) root = json_from_string (contents, NULL);
  JsonObject *kb = json_node_get_object (root);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *templates = json_object_get_array_member (kb, "plan_templates");
  JsonArray *conditions = json_object_get_array_member (kb, "conditions");
  g_autoptr(GRegex) words = g_regex_new ("[a-z]{3}", 0, 0, NULL);

  collect_texts (json_object_get_member (kb, "conditions"), "name", texts);
  /* Codes with words beside them, such as "(acute)", are translated; codes alone are not. */
  for (guint i = 0; i < json_array_get_length (conditions); i++)
    {
      const char *icd10 = json_object_get_string_member (json_array_get_object_element (conditions, i),
                                                         "icd10");

      if (g_regex_match (words, icd10, 0, NULL))
        g_ptr_array_add (texts, (gpointer) icd10);
    }
  collect_texts (json_object_get_member (kb, "findings"), "label", texts);
  collect_texts (json_object_get_member (kb, "findings"), "help", texts);
  collect_texts (json_object_get_member (kb, "findings"), "unit", texts);
  collect_texts (json_object_get_member (kb, "rules"), "label", texts);
  collect_texts (json_object_get_member (kb, "rules"), "help", texts);
  collect_texts (json_object_get_member (kb, "red_flags"), "title", texts);
  collect_texts (json_object_get_member (kb, "red_flags"), "action", texts);
  for (guint i = 0; i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);
      JsonArray *lines = json_object_get_array_member (template, "interventions");

      for (guint j = 0; j < json_array_get_length (lines); j++)
        g_ptr_array_add (texts, (gpointer) json_array_get_string_element (lines, j));
      collect_texts (json_object_get_member (template, "goals"), "description", texts);
    }

  for (guint i = 0; _genu_knowledge_base_strings[i] != NULL; i++)
    g_hash_table_add (listed, (gpointer) _genu_knowledge_base_strings[i]);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (!g_hash_table_contains (listed, text))
        g_error ("“%s” is not in src/core/genu-knowledge-base-strings.c: run "
                 "po/update-knowledge-base-strings.py", text);
      g_hash_table_add (seen, (gpointer) text);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (listed));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/knowledge-base/loads-every-spec-entry", test_loads_every_spec_entry);
  g_test_add_func ("/knowledge-base/resource-matches-data-file", test_resource_matches_data_file);
  g_test_add_func ("/knowledge-base/finding-types-and-ranges", test_finding_types_and_ranges);
  g_test_add_func ("/knowledge-base/findings-from-json", test_findings_from_json);
  g_test_add_func ("/knowledge-base/whole-file-errors", test_whole_file_errors);
  g_test_add_func ("/knowledge-base/evidence-labels", test_evidence_labels);
  g_test_add_func ("/knowledge-base/translatable-strings", test_translatable_strings);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/knowledge-base/invalid/%s", broken_cases[i].name);
      g_test_add_data_func (path, &broken_cases[i], test_validation_error);
    }

  return g_test_run ();
}
