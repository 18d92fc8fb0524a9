/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-diagnosis.h"

static GenuFindings *
findings_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  GenuFindings *findings;

  g_assert_no_error (error);
  findings = genu_findings_from_json (genu_knowledge_base_get_default (), node, &error);
  g_assert_no_error (error);
  return findings;
}

static GenuDiagnosis *
diagnose (const char *json)
{
  g_autoptr(GenuFindings) findings = findings_from (json);

  return genu_diagnose (genu_knowledge_base_get_default (), findings);
}

static const GenuCandidate *
candidate (GenuDiagnosis *diagnosis,
           const char    *id)
{
  GPtrArray *differential = genu_diagnosis_get_differential (diagnosis);

  for (guint i = 0; i < differential->len; i++)
    {
      const GenuCandidate *c = g_ptr_array_index (differential, i);

      if (g_str_equal (c->condition->id, id))
        return c;
    }
  g_assert_not_reached ();
}

static const GenuContribution *
contribution (const GenuCandidate *c,
              guint                index)
{
  g_assert_cmpuint (index, <, c->contributions->len);
  return g_ptr_array_index (c->contributions, index);
}

#define assert_probability(c, expected) \
  g_assert_cmpfloat_with_epsilon ((c)->probability, (expected), 1e-6)

/* No findings: every condition at its prior, ranked by it (ties in knowledge-base order). */
static void
test_no_findings (void)
{
  g_autoptr(GenuDiagnosis) diagnosis = diagnose ("{}");
  GPtrArray *differential = genu_diagnosis_get_differential (diagnosis);
  static const char * const order[] = {
    "patellofemoral_pain", "medial_meniscus_tear", "pes_anserine", "mcl_sprain", "medial_plica",
    "medial_oa", "tibial_plateau_bsi", "semimembranosus_tendinopathy", "referred_pain",
    "saphenous_neuropathy",
  };

  g_assert_cmpuint (differential->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const GenuCandidate *c = g_ptr_array_index (differential, i);

      g_assert_cmpstr (c->condition->id, ==, order[i]);
      g_assert_cmpfloat_with_epsilon (c->probability, c->condition->prior, 1e-12);
      g_assert_cmpuint (c->contributions->len, ==, 0);
    }
  g_assert_cmpuint (genu_diagnosis_get_red_flags (diagnosis)->len, ==, 0);
}

/* Plica, prior 0.08, MPP test positive (LR+ 8.2):
 * odds 0.08 / 0.92 = 0.0869565; x 8.2 = 0.7130435; p = 0.7130435 / 1.7130435 = 0.4162437. */
static void
test_single_lr_positive (void)
{
  g_autoptr(GenuDiagnosis) diagnosis = diagnose ("{\"mpp_test\": \"present\"}");
  const GenuCandidate *plica = candidate (diagnosis, "medial_plica");
  const GenuContribution *mpp = contribution (plica, 0);

  assert_probability (plica, 0.4162437);
  g_assert_cmpuint (plica->contributions->len, ==, 1);
  g_assert_cmpstr (mpp->finding, ==, "mpp_test");
  g_assert_cmpstr (mpp->value, ==, "present");
  g_assert_cmpfloat (mpp->lr, ==, 8.2);
  g_assert_cmpint (mpp->evidence, ==, GENU_EVIDENCE_META_ANALYSIS);
  g_assert_nonnull (strstr (mpp->source, "Stubbings et al. 2014"));

  /* It changes nothing for the other conditions: they are scored on their own. */
  assert_probability (candidate (diagnosis, "mcl_sprain"), 0.12);
  g_assert_cmpstr (((GenuCandidate *) g_ptr_array_index (
                      genu_diagnosis_get_differential (diagnosis), 0))->condition->id,
                   ==, "medial_plica");
}

/* Meniscus, prior 0.15: McMurray positive (2.4), joint line tender (2.7), Apley negative (0.57):
 * odds 0.15 / 0.85 = 0.1764706; x 2.4 x 2.7 x 0.57 = 0.6518118; p = 0.3946041. */
static void
test_lr_positive_and_negative (void)
{
  g_autoptr(GenuDiagnosis) diagnosis = diagnose ("{\"mcmurray\": \"present\", "
                                                 "\"tender_joint_line\": \"present\", "
                                                 "\"apley\": \"absent\"}");
  const GenuCandidate *meniscus = candidate (diagnosis, "medial_meniscus_tear");

  assert_probability (meniscus, 0.3946041);
  g_assert_cmpuint (meniscus->contributions->len, ==, 3);
  g_assert_cmpstr (contribution (meniscus, 2)->finding, ==, "apley");
  g_assert_cmpstr (contribution (meniscus, 2)->value, ==, "absent");
  g_assert_cmpfloat (contribution (meniscus, 2)->lr, ==, 0.57);
}

/* Kastelein: twisting + valgus pain at 30 deg + laxity: the rule with laxity (6.4) replaces the
 * findings it contains and the weaker cluster rule (4.8); MCL tenderness (2.0) still counts.
 * odds 0.12 / 0.88 = 0.1363636; x 6.4 x 2.0 = 1.7454545; p = 0.6357616. */
static void
test_kastelein_with_laxity (void)
{
  g_autoptr(GenuDiagnosis) diagnosis = diagnose ("{\"mechanism_twisting\": \"present\", "
                                                 "\"valgus_30_pain\": \"present\", "
                                                 "\"valgus_30_laxity\": \"present\", "
                                                 "\"tender_mcl\": \"present\"}");
  const GenuCandidate *mcl = candidate (diagnosis, "mcl_sprain");

  assert_probability (mcl, 0.6357616);
  g_assert_cmpuint (mcl->contributions->len, ==, 2);
  g_assert_cmpstr (contribution (mcl, 0)->finding, ==, "rule:kastelein_mcl_laxity");
  g_assert_cmpfloat (contribution (mcl, 0)->lr, ==, 6.4);
  g_assert_cmpint (contribution (mcl, 0)->evidence, ==, GENU_EVIDENCE_SINGLE_STUDY);
  g_assert_nonnull (strstr (contribution (mcl, 0)->source, "Kastelein et al. 2008"));
  g_assert_cmpstr (contribution (mcl, 1)->finding, ==, "tender_mcl");
  g_assert_cmpint (contribution (mcl, 1)->evidence, ==, GENU_EVIDENCE_EXPERT_ESTIMATE);
}

/* Without laxity tested: the cluster (4.8). odds 0.1363636 x 4.8 = 0.6545455; p = 0.3956044.
 * With laxity negative, the same: the laxity rule is not met and has no LR-. */
static void
test_kastelein_cluster (void)
{
  g_autoptr(GenuDiagnosis) untested = diagnose ("{\"mechanism_valgus_contact\": \"present\", "
                                                "\"valgus_30_pain\": \"present\"}");
  g_autoptr(GenuDiagnosis) negative = diagnose ("{\"mechanism_valgus_contact\": \"present\", "
                                                "\"valgus_30_pain\": \"present\", "
                                                "\"valgus_30_laxity\": \"absent\"}");
  g_autoptr(GenuDiagnosis) no_mechanism = diagnose ("{\"mechanism_valgus_contact\": \"absent\", "
                                                    "\"mechanism_twisting\": \"absent\", "
                                                    "\"valgus_30_pain\": \"present\"}");

  assert_probability (candidate (untested, "mcl_sprain"), 0.3956044);
  g_assert_cmpstr (contribution (candidate (untested, "mcl_sprain"), 0)->finding, ==,
                   "rule:kastelein_mcl");
  assert_probability (candidate (negative, "mcl_sprain"), 0.3956044);
  /* Pain alone, without the mechanism, carries no figure of its own. */
  assert_probability (candidate (no_mechanism, "mcl_sprain"), 0.12);
}

/* A pain-free valgus test (LR- 0.3) and no MCL tenderness (0.5):
 * odds 0.1363636 x 0.3 x 0.5 = 0.0204545; p = 0.0200445. */
static void
test_valgus_negative (void)
{
  g_autoptr(GenuDiagnosis) diagnosis = diagnose ("{\"valgus_30_pain\": \"absent\", "
                                                 "\"tender_mcl\": \"absent\"}");

  assert_probability (candidate (diagnosis, "mcl_sprain"), 0.0200445);
}

/* ACR criteria: at least 3 of 6 met (LR 3.1), the age-dependent prior (x3 at 50+, x0.3 under
 * 35). Age 45: odds 0.08 / 0.92 x 3.1 = 0.2695652, p = 0.2123288. Age 60: prior 0.24, odds
 * 0.3157895 x 3.1 = 0.9789474, p = 0.4946809. Age 30 (criteria met without age): prior 0.024,
 * odds 0.0245902 x 3.1 = 0.0762295, p = 0.0708302. */
static void
test_acr_osteoarthritis (void)
{
  g_autoptr(GenuDiagnosis) at_45 = diagnose ("{\"age\": 45, \"crepitus\": \"present\", "
                                             "\"bony_enlargement\": \"present\", "
                                             "\"palpable_warmth\": \"absent\"}");
  g_autoptr(GenuDiagnosis) at_60 = diagnose ("{\"age\": 60, \"crepitus\": \"present\", "
                                             "\"bony_tenderness\": \"present\"}");
  g_autoptr(GenuDiagnosis) at_30 = diagnose ("{\"age\": 30, \"crepitus\": \"present\", "
                                             "\"bony_enlargement\": \"present\", "
                                             "\"morning_stiffness_under_30min\": \"present\"}");
  const GenuCandidate *oa = candidate (at_45, "medial_oa");

  assert_probability (oa, 0.2123288);
  g_assert_cmpfloat (oa->prior, ==, 0.08);
  g_assert_cmpstr (contribution (oa, 0)->finding, ==, "rule:acr_knee_oa");
  g_assert_cmpstr (contribution (oa, 0)->value, ==, "present");
  g_assert_nonnull (strstr (contribution (oa, 0)->source, "Altman et al. 1986"));

  g_assert_cmpfloat_with_epsilon (candidate (at_60, "medial_oa")->prior, 0.24, 1e-12);
  assert_probability (candidate (at_60, "medial_oa"), 0.4946809);
  g_assert_cmpfloat_with_epsilon (candidate (at_30, "medial_oa")->prior, 0.024, 1e-12);
  assert_probability (candidate (at_30, "medial_oa"), 0.0708302);
}

/* Three-valued: criteria that can no longer reach 3 give LR- 0.07 (odds 0.0869565 x 0.07 =
 * 0.0060870, p = 0.0060501); criteria that still might, nothing. */
static void
test_acr_not_met_and_undecided (void)
{
  g_autoptr(GenuDiagnosis) not_met = diagnose ("{\"age\": 40, \"crepitus\": \"absent\", "
                                               "\"bony_tenderness\": \"absent\", "
                                               "\"bony_enlargement\": \"absent\", "
                                               "\"morning_stiffness_under_30min\": \"absent\"}");
  g_autoptr(GenuDiagnosis) undecided = diagnose ("{\"age\": 40, \"crepitus\": \"present\", "
                                                 "\"bony_enlargement\": \"present\"}");

  assert_probability (candidate (not_met, "medial_oa"), 0.0060501);
  g_assert_cmpstr (contribution (candidate (not_met, "medial_oa"), 0)->value, ==, "absent");
  assert_probability (candidate (undecided, "medial_oa"), 0.08);
  g_assert_cmpuint (candidate (undecided, "medial_oa")->contributions->len, ==, 0);
}

static void
test_age_prior_boundaries (void)
{
  static const struct {
    double age;
    double prior;
  } cases[] = {
    { 34, 0.024 }, { 34.9, 0.024 }, { 35, 0.08 }, { 49, 0.08 }, { 50, 0.24 }, { 80, 0.24 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GenuFindings) findings = genu_findings_new ();
      g_autoptr(GenuDiagnosis) diagnosis = NULL;

      genu_findings_set_number (findings, "age", cases[i].age);
      diagnosis = genu_diagnose (genu_knowledge_base_get_default (), findings);
      g_assert_cmpfloat_with_epsilon (candidate (diagnosis, "medial_oa")->prior, cases[i].prior,
                                      1e-12);
      /* Age changes no other prior. */
      g_assert_cmpfloat (candidate (diagnosis, "medial_meniscus_tear")->prior, ==, 0.15);
    }
}

/* Each red flag, with findings that make it fire and findings just short of it. */
typedef struct {
  const char *name;
  const char *flag;
  const char *fires;
  const char *reason;      /* expected in the reason */
  const char *quiet;
} RedFlagCase;

static const RedFlagCase red_flag_cases[] = {
  { "ottawa-age", "ottawa_knee", "{\"acute_injury\": \"present\", \"age\": 55}",
    "Injury in the last 7 days: yes; Age: 55 years",
    "{\"acute_injury\": \"present\", \"age\": 54}" },
  { "ottawa-flexion", "ottawa_knee", "{\"acute_injury\": \"present\", \"flexion_deg\": 89}",
    "Knee flexion: 89",
    "{\"acute_injury\": \"present\", \"flexion_deg\": 90}" },
  { "ottawa-patella", "ottawa_knee",
    "{\"acute_injury\": \"present\", \"isolated_patellar_tenderness\": \"present\"}",
    "Isolated tenderness of the patella: yes",
    "{\"acute_injury\": \"absent\", \"isolated_patellar_tenderness\": \"present\"}" },
  { "ottawa-fibula", "ottawa_knee",
    "{\"acute_injury\": \"present\", \"fibular_head_tenderness\": \"present\"}",
    "Tenderness of the fibular head: yes",
    "{\"fibular_head_tenderness\": \"present\"}" },
  { "ottawa-weight-bearing", "ottawa_knee",
    "{\"acute_injury\": \"present\", \"cannot_bear_weight_4_steps\": \"present\"}",
    "Could not take 4 steps",
    "{\"acute_injury\": \"present\", \"cannot_bear_weight_4_steps\": \"absent\"}" },
  { "septic-fever", "septic_joint", "{\"hot_joint\": \"present\", \"fever_unwell\": \"present\"}",
    "Fever or feeling unwell: yes", "{\"hot_joint\": \"present\", \"fever_unwell\": \"absent\"}" },
  { "septic-immunosuppressed", "septic_joint",
    "{\"hot_joint\": \"present\", \"immunosuppressed\": \"present\"}", "Immunosuppression: yes",
    "{\"hot_joint\": \"absent\", \"immunosuppressed\": \"present\"}" },
  { "septic-injection", "septic_joint",
    "{\"hot_joint\": \"present\", \"recent_injection_or_surgery\": \"present\"}",
    "Recent injection or surgery: yes", "{\"recent_injection_or_surgery\": \"present\"}" },
  { "dvt", "dvt",
    "{\"calf_swelling_tenderness\": \"present\", \"recent_immobilisation\": \"present\"}",
    "Calf swelling or tenderness, pitting oedema: yes; Recent immobilisation or long travel: yes",
    "{\"calf_swelling_tenderness\": \"absent\", \"recent_immobilisation\": \"present\"}" },
  { "locked-knee", "locked_knee",
    "{\"extension_deficit_deg\": 10, \"locking_catching\": \"present\"}",
    "Extension deficit: 10",
    "{\"extension_deficit_deg\": 9, \"locking_catching\": \"present\"}" },
  { "locked-knee-locking", "locked_knee",
    "{\"extension_deficit_deg\": 20, \"locking_catching\": \"present\"}", "Locking or catching: yes",
    "{\"extension_deficit_deg\": 20, \"locking_catching\": \"absent\"}" },
  { "neurovascular-pulses", "neurovascular", "{\"pulses_absent\": \"present\"}",
    "Foot pulses absent: yes", "{\"pulses_absent\": \"absent\"}" },
  { "neurovascular-foot-drop", "neurovascular", "{\"foot_drop\": \"present\"}", "Foot drop: yes",
    "{\"foot_drop\": \"absent\", \"paresthesia_medial\": \"present\"}" },
  { "neurovascular-numbness", "neurovascular", "{\"numbness_beyond_saphenous\": \"present\"}",
    "Numbness beyond the saphenous territory: yes", "{\"hypoesthesia_saphenous\": \"present\"}" },
  { "sinister-cancer", "sinister",
    "{\"pain_night_rest\": \"present\", \"history_of_cancer\": \"present\"}",
    "History of cancer: yes", "{\"pain_night_rest\": \"absent\", \"history_of_cancer\": \"present\"}" },
  { "sinister-weight-loss", "sinister",
    "{\"pain_night_rest\": \"present\", \"weight_loss_unexplained\": \"present\"}",
    "Unexplained weight loss: yes", "{\"pain_night_rest\": \"present\"}" },
  { "inflammatory-joints", "inflammatory", "{\"several_joints_swollen\": \"present\"}",
    "Several swollen joints: yes", "{\"swelling_reported\": \"present\"}" },
  { "inflammatory-stiffness", "inflammatory", "{\"morning_stiffness_over_60min\": \"present\"}",
    "Morning stiffness over 60 minutes: yes", "{\"morning_stiffness_under_30min\": \"present\"}" },
};

static void
test_red_flag (gconstpointer data)
{
  const RedFlagCase *test = data;
  g_autoptr(GenuDiagnosis) fires = diagnose (test->fires);
  g_autoptr(GenuDiagnosis) quiet = diagnose (test->quiet);
  GPtrArray *alerts = genu_diagnosis_get_red_flags (fires);
  GenuRedFlagAlert *alert;

  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpstr (alert->id, ==, test->flag);
  g_assert_true (alert->title != NULL && *alert->title != '\0');
  g_assert_true (alert->action != NULL && *alert->action != '\0');
  if (strstr (alert->reason, test->reason) == NULL)
    g_error ("reason “%s” does not name “%s”", alert->reason, test->reason);

  /* A red flag heads the differential; it never hides it. */
  g_assert_cmpuint (genu_diagnosis_get_differential (fires)->len, ==, 10);

  for (guint i = 0; i < genu_diagnosis_get_red_flags (quiet)->len; i++)
    g_assert_cmpstr (((GenuRedFlagAlert *) g_ptr_array_index (
                        genu_diagnosis_get_red_flags (quiet), i))->id, !=, test->flag);
}

static void
test_red_flag_actions (void)
{
  g_autoptr(GenuDiagnosis) diagnosis = diagnose ("{\"acute_injury\": \"present\", \"age\": 60, "
                                                 "\"pulses_absent\": \"present\", "
                                                 "\"several_joints_swollen\": \"present\"}");
  GPtrArray *alerts = genu_diagnosis_get_red_flags (diagnosis);

  /* In knowledge-base order, each with its action. */
  g_assert_cmpuint (alerts->len, ==, 3);
  g_assert_cmpstr (((GenuRedFlagAlert *) alerts->pdata[0])->id, ==, "ottawa_knee");
  g_assert_nonnull (strstr (((GenuRedFlagAlert *) alerts->pdata[0])->action,
                            "X-ray before treatment"));
  g_assert_cmpstr (((GenuRedFlagAlert *) alerts->pdata[1])->id, ==, "neurovascular");
  g_assert_nonnull (strstr (((GenuRedFlagAlert *) alerts->pdata[1])->action,
                            "Urgent medical referral"));
  g_assert_cmpstr (((GenuRedFlagAlert *) alerts->pdata[2])->id, ==, "inflammatory");
}

/* Clinical vignettes written for Genu, one or more per condition: the expected top three. */
typedef struct {
  const char *name;
  const char *findings;
  const char *top[3];
} Vignette;

static const Vignette vignettes[] = {
  /* A 28-year-old trail runner hit on the outside of the knee, foot planted. */
  { "mcl-contact",
    "{\"age\": 28, \"mechanism_valgus_contact\": \"present\", \"onset_sudden\": \"present\", "
    "\"valgus_30_pain\": \"present\", \"valgus_30_laxity\": \"present\", \"tender_mcl\": \"present\", "
    "\"mcmurray\": \"absent\", \"mpp_test\": \"absent\"}",
    { "mcl_sprain", "patellofemoral_pain", "pes_anserine" } },
  /* A 41-year-old who twisted on a turn; locking, joint line tender, meniscal tests positive. */
  { "meniscus-twist",
    "{\"age\": 41, \"mechanism_twisting\": \"present\", \"locking_catching\": \"present\", "
    "\"tender_joint_line\": \"present\", \"mcmurray\": \"present\", \"thessaly_20\": \"present\", "
    "\"valgus_30_pain\": \"absent\", \"squat_pain\": \"absent\"}",
    { "medial_meniscus_tear", "pes_anserine", "medial_plica" } },
  /* A 56-year-old: joint line, McMurray and Apley positive, no signs of OA. */
  { "meniscus-degenerative",
    "{\"age\": 56, \"tender_joint_line\": \"present\", \"mcmurray\": \"present\", "
    "\"apley\": \"present\", \"crepitus\": \"absent\", \"bony_enlargement\": \"absent\", "
    "\"bony_tenderness\": \"absent\", \"morning_stiffness_under_30min\": \"absent\", "
    "\"squat_pain\": \"absent\"}",
    { "medial_meniscus_tear", "pes_anserine", "mcl_sprain" } },
  /* A 46-year-old after adding hill repeats: pain below the joint line on the front-inner tibia. */
  { "pes-anserine",
    "{\"age\": 46, \"training_load_increase\": \"present\", \"pain_stairs\": \"present\", "
    "\"loc_pes_anserine\": \"present\", \"tender_pes_anserine\": \"present\", "
    "\"tender_joint_line\": \"absent\", \"mcmurray\": \"absent\", \"valgus_30_pain\": \"absent\", "
    "\"squat_pain\": \"absent\"}",
    { "pes_anserine", "medial_plica", "medial_oa" } },
  /* A 24-year-old with snapping, pain after sitting, a palpable band and a positive MPP test. */
  { "plica",
    "{\"age\": 24, \"pain_prolonged_sitting\": \"present\", \"clicking_snapping\": \"present\", "
    "\"mpp_test\": \"present\", \"palpable_plica_band\": \"present\", \"mcmurray\": \"absent\", "
    "\"tender_joint_line\": \"absent\", \"tender_pes_anserine\": \"absent\", "
    "\"squat_pain\": \"absent\"}",
    { "medial_plica", "mcl_sprain", "patellofemoral_pain" } },
  /* A 35-year-old with burning over the inner shin, Tinel positive over the saphenous nerve. */
  { "saphenous",
    "{\"age\": 35, \"paresthesia_medial\": \"present\", \"tinel_saphenous\": \"present\", "
    "\"hypoesthesia_saphenous\": \"present\", \"loc_infrapatellar_skin\": \"present\", "
    "\"tender_joint_line\": \"absent\", \"mcmurray\": \"absent\", \"squat_pain\": \"absent\", "
    "\"tender_pes_anserine\": \"absent\", \"valgus_30_pain\": \"absent\"}",
    { "saphenous_neuropathy", "medial_plica", "medial_oa" } },
  /* A 58-year-old masters runner: short morning stiffness, crepitus, bony enlargement, no warmth. */
  { "osteoarthritis",
    "{\"age\": 58, \"morning_stiffness_under_30min\": \"present\", \"crepitus\": \"present\", "
    "\"bony_enlargement\": \"present\", \"palpable_warmth\": \"absent\", "
    "\"tender_joint_line\": \"present\", \"squat_pain\": \"absent\", \"valgus_30_pain\": \"absent\"}",
    { "medial_oa", "medial_meniscus_tear", "pes_anserine" } },
  /* A 22-year-old: stairs, sitting and squatting hurt at the medial patellar border. */
  { "patellofemoral",
    "{\"age\": 22, \"pain_stairs\": \"present\", \"pain_prolonged_sitting\": \"present\", "
    "\"squat_pain\": \"present\", \"loc_medial_patellar_border\": \"present\", "
    "\"mpp_test\": \"absent\", \"tender_joint_line\": \"absent\", \"mcmurray\": \"absent\", "
    "\"tender_pes_anserine\": \"absent\", \"valgus_30_pain\": \"absent\"}",
    { "patellofemoral_pain", "pes_anserine", "tibial_plateau_bsi" } },
  /* A 31-year-old marathoner after a mileage jump: hop reproduces focal plateau pain. */
  { "bone-stress",
    "{\"age\": 31, \"training_load_increase\": \"present\", "
    "\"pain_increases_with_distance\": \"present\", \"hop_pain\": \"present\", "
    "\"tender_plateau_focal\": \"present\", \"pain_night_rest\": \"present\", "
    "\"mcmurray\": \"absent\", \"valgus_30_pain\": \"absent\", \"squat_pain\": \"absent\", "
    "\"tender_pes_anserine\": \"absent\"}",
    { "tibial_plateau_bsi", "medial_plica", "medial_meniscus_tear" } },
  /* A 38-year-old: posteromedial pain, worse with resisted knee flexion. */
  { "semimembranosus",
    "{\"age\": 38, \"tender_posteromedial\": \"present\", "
    "\"resisted_knee_flexion_pain\": \"present\", \"loc_posteromedial\": \"present\", "
    "\"mcmurray\": \"absent\", \"squat_pain\": \"absent\", \"tender_pes_anserine\": \"absent\", "
    "\"valgus_30_pain\": \"absent\", \"hop_pain\": \"absent\"}",
    { "semimembranosus_tendinopathy", "medial_plica", "medial_oa" } },
  /* A 52-year-old whose knee pain comes with back pain; hip and lumbar exams reproduce it. */
  { "referred",
    "{\"age\": 52, \"hip_or_back_pain\": \"present\", \"hip_exam_reproduces\": \"present\", "
    "\"lumbar_exam_reproduces\": \"present\", \"tender_joint_line\": \"absent\", "
    "\"squat_pain\": \"absent\", \"tender_pes_anserine\": \"absent\", \"valgus_30_pain\": \"absent\", "
    "\"crepitus\": \"absent\", \"bony_enlargement\": \"absent\", \"bony_tenderness\": \"absent\", "
    "\"morning_stiffness_under_30min\": \"absent\"}",
    { "referred_pain", "medial_plica", "medial_meniscus_tear" } },
  /* Both can coexist: a twisting injury with MCL and meniscal signs ranks both high. */
  { "mcl-and-meniscus",
    "{\"age\": 33, \"mechanism_twisting\": \"present\", \"valgus_30_pain\": \"present\", "
    "\"tender_mcl\": \"present\", \"tender_joint_line\": \"present\", \"mcmurray\": \"present\", "
    "\"squat_pain\": \"absent\"}",
    { "mcl_sprain", "medial_meniscus_tear", "pes_anserine" } },
};

static void
test_vignette (gconstpointer data)
{
  const Vignette *vignette = data;
  g_autoptr(GenuDiagnosis) diagnosis = diagnose (vignette->findings);
  GPtrArray *differential = genu_diagnosis_get_differential (diagnosis);

  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((GenuCandidate *) g_ptr_array_index (differential, i))->condition->id, ==,
                     vignette->top[i]);

  /* Sorted, highest first, and every probability a probability. */
  for (guint i = 0; i < differential->len; i++)
    {
      const GenuCandidate *c = g_ptr_array_index (differential, i);

      g_assert_cmpfloat (c->probability, >, 0);
      g_assert_cmpfloat (c->probability, <, 1);
      if (i > 0)
        g_assert_cmpfloat (c->probability, <=,
                           ((GenuCandidate *) g_ptr_array_index (differential, i - 1))->probability);
    }
  g_assert_cmpuint (genu_diagnosis_get_red_flags (diagnosis)->len, ==, 0);
}

/* The same findings give the same output, byte for byte. */
static void
test_deterministic_json (void)
{
  const char *findings = vignettes[11].findings;
  g_autoptr(GenuDiagnosis) first = diagnose (findings);
  g_autoptr(GenuDiagnosis) second = diagnose (findings);
  g_autoptr(JsonNode) first_json = genu_diagnosis_to_json (first);
  g_autoptr(JsonNode) second_json = genu_diagnosis_to_json (second);
  g_autofree char *a = json_to_string (first_json, TRUE);
  g_autofree char *b = json_to_string (second_json, TRUE);
  JsonArray *differential;
  JsonObject *top, *rule;

  g_assert_cmpstr (a, ==, b);

  differential = json_object_get_array_member (json_node_get_object (first_json), "differential");
  g_assert_cmpuint (json_array_get_length (differential), ==, 10);
  top = json_array_get_object_element (differential, 0);
  g_assert_cmpstr (json_object_get_string_member (top, "id"), ==, "mcl_sprain");
  g_assert_cmpstr (json_object_get_string_member (top, "icd10"), ==, "S83.41-");
  g_assert_cmpfloat (json_object_get_double_member (top, "prior"), ==, 0.12);
  rule = json_array_get_object_element (json_object_get_array_member (top, "contributions"), 0);
  g_assert_cmpstr (json_object_get_string_member (rule, "finding"), ==, "rule:kastelein_mcl");
  g_assert_cmpstr (json_object_get_string_member (rule, "value"), ==, "present");
  g_assert_cmpfloat (json_object_get_double_member (rule, "lr"), ==, 4.8);
  g_assert_cmpstr (json_object_get_string_member (rule, "evidence"), ==, "single study");
  g_assert_nonnull (strstr (json_object_get_string_member (rule, "source"), "Kastelein"));
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (json_node_get_object (first_json),
                                                    "red_flags")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnosis/no-findings", test_no_findings);
  g_test_add_func ("/diagnosis/single-lr-positive", test_single_lr_positive);
  g_test_add_func ("/diagnosis/lr-positive-and-negative", test_lr_positive_and_negative);
  g_test_add_func ("/diagnosis/kastelein-with-laxity", test_kastelein_with_laxity);
  g_test_add_func ("/diagnosis/kastelein-cluster", test_kastelein_cluster);
  g_test_add_func ("/diagnosis/valgus-negative", test_valgus_negative);
  g_test_add_func ("/diagnosis/acr-osteoarthritis", test_acr_osteoarthritis);
  g_test_add_func ("/diagnosis/acr-not-met-and-undecided", test_acr_not_met_and_undecided);
  g_test_add_func ("/diagnosis/age-prior-boundaries", test_age_prior_boundaries);
  g_test_add_func ("/diagnosis/red-flag-actions", test_red_flag_actions);
  g_test_add_func ("/diagnosis/deterministic-json", test_deterministic_json);
  for (guint i = 0; i < G_N_ELEMENTS (red_flag_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diagnosis/red-flag/%s", red_flag_cases[i].name);
      g_test_add_data_func (path, &red_flag_cases[i], test_red_flag);
    }
  for (guint i = 0; i < G_N_ELEMENTS (vignettes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/diagnosis/vignette/%s", vignettes[i].name);
      g_test_add_data_func (path, &vignettes[i], test_vignette);
    }

  return g_test_run ();
}
