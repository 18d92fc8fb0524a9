/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-demo.h"
#include "genu-diagnosis.h"
#include "genu-knowledge-base-private.h"
#include "genu-store-demo-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

/* Patients per transaction. */
#define PATIENTS_PER_COMMIT 1000

/* Names of several cultures: given names by sex (female, male) and family names. */
typedef struct {
  const char *country;                 /* for the address */
  const char *const *female;
  const char *const *male;
  const char *const *family;
  const char *const *cities;
} Culture;

#define NAMES(...) ((const char *const[]) { __VA_ARGS__, NULL })

static const Culture cultures[] = {
  { "Deutschland",
    NAMES ("Anna", "Lena", "Brigitte", "Käthe", "Sophie", "Marie", "Hannah", "Lea", "Greta", "Jördis"),
    NAMES ("Lukas", "Jürgen", "Matthias", "Jörg", "Felix", "Maximilian", "Günter", "Tobias", "Björn", "Uwe"),
    NAMES ("Müller", "Schröder", "Weiß", "Köhler", "Schmidt", "Meyer", "Groß", "Bäcker", "Fuchs", "Krüger"),
    NAMES ("Berlin", "München", "Köln", "Düsseldorf", "Freiburg") },
  { "España",
    NAMES ("María José", "Lucía", "Inés", "Begoña", "Sofía", "Ainhoa", "Nuria", "Ángela"),
    NAMES ("José", "Íñigo", "Álvaro", "Jesús", "Martín", "Sergio", "Andrés", "Raúl"),
    NAMES ("García", "Núñez", "Fernández", "Muñoz", "López", "Gómez", "Martínez", "Ibáñez"),
    NAMES ("Madrid", "Sevilla", "Córdoba", "Málaga", "Bilbao") },
  { "United Kingdom",
    NAMES ("Emily", "Olivia", "Charlotte", "Siobhan", "Grace", "Amelia", "Chloe", "Eleanor"),
    NAMES ("Oliver", "George", "Harry", "Jack", "William", "Thomas", "James", "Callum"),
    NAMES ("Smith", "Jones", "Taylor", "O'Brien", "Williams", "Brown", "Davies", "Evans"),
    NAMES ("London", "Manchester", "Leeds", "Bristol", "Edinburgh") },
  { "Türkiye",
    NAMES ("Ayşe", "Zeynep", "Elif", "Gülşen", "Özlem", "Büşra", "Şeyma", "Merve"),
    NAMES ("Mehmet", "Mustafa", "Ömer", "Çağrı", "Emre", "Burak", "İbrahim", "Doğan"),
    NAMES ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Doğan"),
    NAMES ("İstanbul", "Ankara", "İzmir", "Eskişehir", "Muğla") },
  { "Polska",
    NAMES ("Małgorzata", "Agnieszka", "Katarzyna", "Zofia", "Joanna", "Magdalena", "Beata", "Żaneta"),
    NAMES ("Łukasz", "Paweł", "Michał", "Krzysztof", "Piotr", "Tomasz", "Grzegorz", "Wojciech"),
    NAMES ("Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Dąbrowski", "Lewandowski", "Zieliński", "Szymański"),
    NAMES ("Warszawa", "Kraków", "Łódź", "Wrocław", "Gdańsk") },
  { "日本",
    NAMES ("Yūko", "Haruka", "Sakura", "Aiko", "Yōko", "Misaki", "Emi", "Rina"),
    NAMES ("Kenji", "Takeshi", "Shōta", "Daisuke", "Yūki", "Hiroshi", "Kōji", "Ren"),
    NAMES ("Satō", "Suzuki", "Takahashi", "Tanaka", "Itō", "Watanabe", "Katō", "Ōno"),
    NAMES ("Tōkyō", "Ōsaka", "Kyōto", "Sapporo", "Kōbe") },
  { "Nigeria",
    NAMES ("Chiamaka", "Ngozi", "Adaeze", "Folasadé", "Oluwaseun", "Ifeoma", "Búkọ́lá", "Amarachi"),
    NAMES ("Chinedu", "Olúwafẹ́mi", "Emeka", "Tunde", "Ikechukwu", "Babajide", "Obinna", "Ṣẹ́gun"),
    NAMES ("Okonkwo", "Adébáyọ̀", "Okafor", "Balogun", "Eze", "Ogunleye", "Nwosu", "Ọlátúnjí"),
    NAMES ("Lagos", "Abuja", "Ibadan", "Enugu", "Port Harcourt") },
  { "India",
    NAMES ("Priya", "Ananya", "Lakshmi", "Deepika", "Kavya", "Aishwarya", "Meera", "Sneha"),
    NAMES ("Arjun", "Rahul", "Vikram", "Sanjay", "Rohan", "Aditya", "Karthik", "Pranav"),
    NAMES ("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Singh", "Banerjee"),
    NAMES ("Mumbai", "Bengaluru", "Chennai", "Pune", "Kolkata") },
  { "Việt Nam",
    NAMES ("Thị Lan", "Ngọc Anh", "Thu Hà", "Phương", "Hồng Nhung", "Thảo", "Mai", "Quỳnh"),
    NAMES ("Văn Minh", "Đức Anh", "Quốc Bảo", "Hoàng", "Tuấn", "Thành", "Dũng", "Khánh"),
    NAMES ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"),
    NAMES ("Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Huế", "Cần Thơ") },
  { "Sverige",
    NAMES ("Åsa", "Linnéa", "Ingrid", "Märta", "Elin", "Saga"),
    NAMES ("Björn", "Göran", "Håkan", "Örjan", "Nils", "Lars"),
    NAMES ("Andersson", "Lindqvist", "Sjöberg", "Åberg", "Ström", "Öberg"),
    NAMES ("Stockholm", "Göteborg", "Malmö", "Umeå", "Västerås") },
};

static const char *const streets[] = {
  "Lindenweg", "Calle Mayor", "High Street", "Atatürk Caddesi", "ul. Długa", "Sakura-dōri",
  "Adeola Odeku Street", "MG Road", "Đường Lê Lợi", "Storgatan",
};

static const char *const therapists[] = {
  "Dana Fischer", "Miguel Ortega", "Aylin Koç", "Sam Whitfield", "Hanna Nowicka", "Kenta Mori",
};

static const char *const physicians[] = {
  "", "", "Dr. Ellis", "Dr. Brandt", "Dr. Yıldız", "Dr. Ramírez", "Dr. Kowalski", "Dr. Okeke",
};

static const char *const events[] = {
  "", "Berlin Marathon", "Parkrun 5 km under 25 min", "Half marathon", "Trail ultra 50 km",
  "10 km city run", "London Marathon", "Stay fit, run 3× a week", "Tōkyō Marathon",
};

static const char *const surfaces[] = {
  "", "Road", "Trail", "Track", "Treadmill", "Mixed road and trail", "Grass",
};

static const char *const shoes[] = {
  "", "Neutral road shoes, 8 mm drop", "Stability shoes", "Minimalist shoes",
  "Carbon-plated racers", "Trail shoes", "Cushioned shoes, 600 km old",
};

static const char *const training_changes[] = {
  "", "", "Weekly distance up 30% in the last month", "Started hill repeats",
  "New shoes two weeks ago", "Switched from road to trail", "Added a weekly long run",
};

/* What the findings of a condition look like beyond its likelihood ratios: the findings that
 * make its rules fire, where it hurts, and the story. */
typedef struct {
  const char *condition;
  const char *const *present;
  const char *const *absent;
  int         min_age;
  int         max_age;
  const char *mechanism;
  const char *aggravating;
  gboolean    iastm;        /* an IASTM candidate in the sessions */
  const char *region;       /* IASTM region */
} Profile;

static const Profile profiles[] = {
  { "mcl_sprain",
    NAMES ("mechanism_valgus_contact", "valgus_30_pain", "valgus_30_laxity", "loc_mcl_body",
           "onset_sudden", "tender_mcl"),
    NAMES ("valgus_0_laxity"),
    16, 60, "Knee pushed inward in a fall on a trail descent", "Cutting, downhill running",
    TRUE, "loc_mcl_body" },
  { "medial_meniscus_tear",
    NAMES ("mechanism_twisting", "loc_joint_line", "swelling_reported", "tender_joint_line",
           "mcmurray", "thessaly_20"),
    NAMES ("valgus_30_laxity"),
    25, 65, "Twisted the knee turning on a wet track", "Squatting, pivoting",
    FALSE, "loc_joint_line" },
  { "pes_anserine",
    NAMES ("loc_pes_anserine", "tender_pes_anserine", "pain_increases_with_distance"),
    NAMES ("swelling_reported"),
    30, 70, "Gradual onset after adding hill runs", "Stairs up, long runs",
    TRUE, "loc_pes_anserine" },
  { "medial_plica",
    NAMES ("loc_medial_patellar_border", "mpp_test", "palpable_plica_band", "clicking_snapping"),
    NAMES ("tender_joint_line"),
    16, 45, "Gradual onset, snapping over the inner kneecap", "Cycling, long sitting",
    TRUE, "loc_medial_patellar_border" },
  { "saphenous_neuropathy",
    NAMES ("loc_infrapatellar_skin", "tinel_saphenous", "hypoesthesia_saphenous",
           "paresthesia_medial"),
    NAMES ("tender_joint_line", "swelling_reported"),
    20, 70, "Burning below the knee after a new knee sleeve", "Kneeling, tight sleeve",
    FALSE, "loc_infrapatellar_skin" },
  { "medial_oa",
    NAMES ("morning_stiffness_under_30min", "crepitus", "bony_enlargement", "bony_tenderness",
           "loc_joint_line"),
    NAMES ("palpable_warmth", "onset_sudden"),
    52, 75, "Slowly worse over a year of marathon training", "First steps in the morning, long runs",
    FALSE, "loc_joint_line" },
  { "patellofemoral_pain",
    NAMES ("loc_medial_patellar_border", "squat_pain", "pain_stairs", "pain_prolonged_sitting"),
    NAMES ("tender_joint_line", "swelling_reported"),
    16, 45, "Gradual onset after a block of track sessions", "Stairs down, sitting through films",
    TRUE, "loc_medial_patellar_border" },
  { "tibial_plateau_bsi",
    NAMES ("loc_tibial_plateau", "hop_pain", "tender_plateau_focal", "training_load_increase",
           "pain_increases_with_distance"),
    NAMES ("mechanism_twisting", "onset_sudden"),
    18, 50, "Pain building over three weeks of marathon peak training", "Running, hopping",
    FALSE, "loc_tibial_plateau" },
  { "semimembranosus_tendinopathy",
    NAMES ("loc_posteromedial", "tender_posteromedial", "resisted_knee_flexion_pain"),
    NAMES ("swelling_reported", "tender_joint_line"),
    30, 65, "Gradual onset after speed work on the track", "Uphill running, sprints",
    TRUE, "loc_posteromedial" },
  { "referred_pain",
    NAMES ("hip_or_back_pain", "loc_diffuse", "hip_exam_reproduces", "lumbar_exam_reproduces"),
    NAMES ("tender_joint_line", "swelling_reported", "tender_mcl"),
    35, 75, "Inner knee ache with stiffness in the low back", "Long sitting, running",
    FALSE, "adductors" },
};

/* Red-flag questions a therapist asks and records as absent. */
static const char *const red_flag_questions[] = {
  "calf_swelling_tenderness", "fever_unwell", "history_of_cancer", "weight_loss_unexplained",
  "hot_joint", "several_joints_swollen",
};

static const char *const exercises[] = {
  "Side-lying hip abduction", "Spanish squat", "Step-downs", "Single-leg bridge",
  "Wall sit", "Nordic hamstring curl", "Calf raises", "Clamshells", "Split squat",
};

static const char *const education_topics[] = {
  "Load management and pain", "Running cadence", "Sleep and recovery", "Shoe choice",
  "Return-to-run plan",
};

typedef struct {
  GenuKnowledgeBase *kb;
  GRand             *rand;
  GDate              today;
  /* per condition index: GPtrArray of the finding ids of its likelihood ratios */
  GPtrArray        **lr_findings;
  const Profile    **profile_of;     /* per condition index */
  guint              n_conditions;
  GenuDemoCounts     counts;
} Demo;

static int
pick_int (Demo *demo,
          int   from,
          int   to)   /* inclusive */
{
  return g_rand_int_range (demo->rand, from, to + 1);
}

static const char *
pick (Demo              *demo,
      const char *const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (demo->rand, 0, n)];
}

#define PICK_ARRAY(demo, array) ((array)[g_rand_int_range ((demo)->rand, 0, G_N_ELEMENTS (array))])

static int
clamp_nprs (int value)
{
  return CLAMP (value, 0, 10);
}

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Whole years from @birth to @on. */
static int
age_on (const GDate *birth,
        const GDate *on)
{
  int age = g_date_get_year (on) - g_date_get_year (birth);

  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    age--;
  return age;
}

/* Letters for an email address: the ASCII of @name, lower case, without spaces. */
static char *
ascii_handle (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  if (out->len == 0)
    g_string_append (out, "runner");
  return g_string_free (out, FALSE);
}

static GenuPatient *
make_patient (Demo        *demo,
              guint        index,
              const GDate *birth,
              int          age)
{
  const Culture *culture = &PICK_ARRAY (demo, cultures);
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  int sex_roll = pick_int (demo, 0, 99);
  GenuSex sex = sex_roll < 52 ? GENU_SEX_FEMALE : sex_roll < 98 ? GENU_SEX_MALE : GENU_SEX_OTHER;
  const char *given;
  const char *family = pick (demo, culture->family);
  g_autofree char *record_number = g_strdup_printf ("D-%07u", index + 1);
  g_autofree char *dob = format_date (birth);
  g_autofree char *handle_given = NULL;
  g_autofree char *handle_family = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;

  if (sex == GENU_SEX_FEMALE)
    given = pick (demo, culture->female);
  else if (sex == GENU_SEX_MALE)
    given = pick (demo, culture->male);
  else
    given = pick (demo, chance (demo, 0.5) ? culture->female : culture->male);

  handle_given = ascii_handle (given);
  handle_family = ascii_handle (family);
  email = g_strdup_printf ("%s.%s%u@example.org", handle_given, handle_family, index + 1);
  phone = g_strdup_printf ("+%d %03d %04d %03d", pick_int (demo, 1, 99), pick_int (demo, 100, 999),
                           pick_int (demo, 0, 9999), pick_int (demo, 0, 999));
  address = g_strdup_printf ("%s %d\n%s\n%s", PICK_ARRAY (demo, streets), pick_int (demo, 1, 180),
                             pick (demo, culture->cities), culture->country);

  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, record_number);
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, dob);
  genu_patient_set_sex (patient, sex);
  if (chance (demo, 0.85))
    genu_patient_set_text (patient, GENU_PATIENT_PHONE, phone);
  if (chance (demo, 0.7))
    genu_patient_set_text (patient, GENU_PATIENT_EMAIL, email);
  if (chance (demo, 0.6))
    genu_patient_set_text (patient, GENU_PATIENT_ADDRESS, address);
  genu_patient_set_text (patient, GENU_PATIENT_REFERRING_PHYSICIAN, PICK_ARRAY (demo, physicians));
  genu_patient_set_text (patient, GENU_PATIENT_NOTES, "Sample data: not a real person.");
  genu_patient_set_text (patient, GENU_PATIENT_GOAL_EVENT, PICK_ARRAY (demo, events));
  genu_patient_set_text (patient, GENU_PATIENT_USUAL_SURFACE, PICK_ARRAY (demo, surfaces));
  genu_patient_set_text (patient, GENU_PATIENT_SHOES, PICK_ARRAY (demo, shoes));
  genu_patient_set_text (patient, GENU_PATIENT_TRAINING_CHANGES, PICK_ARRAY (demo, training_changes));
  if (chance (demo, 0.9))
    genu_patient_set_weekly_distance_km (patient, pick_int (demo, 10, 1200) / 10.0);
  if (chance (demo, 0.9))
    genu_patient_set_years_running (patient, pick_int (demo, 0, MIN (30, age - 12)));
  return g_steal_pointer (&patient);
}

static void
set_findings (Demo         *demo,
              GenuFindings *findings,
              guint         condition,
              int           age,
              int           pain_now,
              gboolean      textbook)
{
  const Profile *profile = demo->profile_of[condition];
  GPtrArray *own = demo->lr_findings[condition];
  double p_own = textbook ? 1.0 : 0.85;
  double p_other = textbook ? 1.0 : 0.6;

  /* Everything of the other conditions first, so that what fits this one wins. */
  for (guint c = 0; c < demo->n_conditions; c++)
    {
      GPtrArray *ids = demo->lr_findings[c];

      if (c == condition)
        continue;
      for (guint i = 0; i < ids->len; i++)
        if (chance (demo, p_other))
          genu_findings_set_bool (findings, g_ptr_array_index (ids, i), FALSE);
    }
  for (guint i = 0; profile->absent[i] != NULL; i++)
    genu_findings_set_bool (findings, profile->absent[i], FALSE);
  for (guint i = 0; i < own->len; i++)
    if (chance (demo, p_own))
      genu_findings_set_bool (findings, g_ptr_array_index (own, i), TRUE);
    else
      genu_findings_clear (findings, g_ptr_array_index (own, i));
  for (guint i = 0; profile->present[i] != NULL; i++)
    genu_findings_set_bool (findings, profile->present[i], TRUE);
  if (genu_findings_get (findings, "valgus_30_laxity", NULL) == GENU_FINDING_PRESENT)
    genu_findings_set_grade (findings, "valgus_30_laxity", pick_int (demo, 1, 2));

  for (guint i = 0; i < G_N_ELEMENTS (red_flag_questions); i++)
    if (chance (demo, 0.5))
      genu_findings_set_bool (findings, red_flag_questions[i], FALSE);

  genu_findings_set_number (findings, "age", age);
  genu_findings_set_number (findings, "nprs_now", pain_now);
  genu_findings_set_number (findings, "nprs_best", pick_int (demo, 0, pain_now));
  genu_findings_set_number (findings, "nprs_worst", clamp_nprs (pain_now + pick_int (demo, 1, 3)));
  genu_findings_set_number (findings, "flexion_deg", pick_int (demo, 110, 150));
  genu_findings_set_number (findings, "extension_deficit_deg", pick_int (demo, 0, 5));
}

static gboolean
ranks_in_top_3 (Demo         *demo,
                GenuFindings *findings,
                guint         condition)
{
  g_autoptr(GenuDiagnosis) diagnosis = genu_diagnose (demo->kb, findings);
  GPtrArray *differential = genu_diagnosis_get_differential (diagnosis);
  const GenuConditionDef *def = genu_knowledge_base_get_condition (demo->kb, condition);

  for (guint i = 0; i < MIN (3, differential->len); i++)
    {
      GenuCandidate *candidate = g_ptr_array_index (differential, i);

      if (candidate->condition == def)
        return genu_diagnosis_get_red_flags (diagnosis)->len == 0;
    }
  return FALSE;
}

static GenuAssessment *
make_assessment (Demo     *demo,
                 guint     condition,
                 int       age,
                 int       pain_now,
                 int       weeks,
                 GenuSide  side)
{
  const Profile *profile = demo->profile_of[condition];
  GenuAssessment *assessment = genu_assessment_new ();
  GenuFindings *findings = genu_assessment_get_findings (assessment);

  genu_assessment_set_side (assessment, side);
  genu_assessment_set_duration_weeks (assessment, weeks);
  genu_assessment_set_text (assessment, GENU_ASSESSMENT_MECHANISM, profile->mechanism);
  genu_assessment_set_text (assessment, GENU_ASSESSMENT_AGGRAVATING, profile->aggravating);

  set_findings (demo, findings, condition, age, pain_now, FALSE);
  /* A realistic spread of findings, but the differential must still put the condition near the
   * top: else the textbook picture. Deterministic either way. */
  if (!ranks_in_top_3 (demo, findings, condition))
    {
      g_auto(GStrv) ids = genu_findings_dup_ids (findings);

      for (guint i = 0; ids[i] != NULL; i++)
        genu_findings_clear (findings, ids[i]);
      set_findings (demo, findings, condition, age, pain_now, TRUE);
    }
  return assessment;
}

static GenuIntervention *
make_exercise (Demo     *demo,
               GenuSide  side)
{
  GenuIntervention *exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);

  genu_intervention_set_text (exercise, "exercise", PICK_ARRAY (demo, exercises));
  genu_intervention_set_number (exercise, "sets", pick_int (demo, 2, 4));
  genu_intervention_set_number (exercise, "reps", pick_int (demo, 6, 20));
  if (chance (demo, 0.5))
    genu_intervention_set_text (exercise, "load", chance (demo, 0.5) ? "Body weight" : "8 kg dumbbell");
  if (side != GENU_SIDE_UNKNOWN)
    genu_intervention_set_choice (exercise, "side", genu_side_to_string (side));
  return exercise;
}

static GenuSession *
make_session (Demo          *demo,
              const Profile *profile,
              gint64         patient_id,
              gint64         plan_id,
              const char    *date,
              const char    *therapist,
              int            pain,
              GenuSide       side)
{
  GenuSession *session = genu_session_new ();
  guint n_exercises = pick_int (demo, 1, 3);

  genu_session_set_patient_id (session, patient_id);
  genu_session_set_plan_id (session, plan_id);
  genu_session_set_text (session, GENU_SESSION_DATE, date);
  genu_session_set_text (session, GENU_SESSION_THERAPIST, therapist);
  genu_session_set_duration_minutes (session, 15 * pick_int (demo, 2, 4));
  genu_session_set_pain_before (session, pain);
  genu_session_set_pain_after (session, clamp_nprs (pain - pick_int (demo, 0, 2)));

  if (profile->iastm && chance (demo, 0.8))
    {
      g_autoptr(GenuIntervention) iastm = genu_intervention_new (GENU_INTERVENTION_IASTM);
      const char *instruments[] = { chance (demo, 0.5) ? "gt2" : "gt1", "gt4", NULL };
      const char *regions[] = { profile->region, chance (demo, 0.5) ? "adductors" : "vastus_medialis", NULL };
      const char *techniques[] = { "sweeping", chance (demo, 0.5) ? "fanning" : "framing", NULL };

      genu_intervention_set_choices (iastm, "instruments", instruments);
      genu_intervention_set_choices (iastm, "regions", regions);
      genu_intervention_set_choices (iastm, "techniques", techniques);
      genu_intervention_set_number (iastm, "minutes", pick_int (demo, 4, 10) / 2.0);
      genu_intervention_set_text (iastm, "emollient", "Emollient cream");
      genu_intervention_set_choice (iastm, "pressure", chance (demo, 0.6) ? "moderate" : "light");
      genu_intervention_set_bool (iastm, "petechiae_bruising", chance (demo, 0.1));
      genu_session_add_intervention (session, iastm);
    }
  for (guint i = 0; i < n_exercises; i++)
    {
      g_autoptr(GenuIntervention) exercise = make_exercise (demo, side);
      genu_session_add_intervention (session, exercise);
    }
  if (chance (demo, 0.3))
    {
      g_autoptr(GenuIntervention) education = genu_intervention_new (GENU_INTERVENTION_EDUCATION);
      genu_intervention_set_text (education, "topic", PICK_ARRAY (demo, education_topics));
      genu_session_add_intervention (session, education);
    }
  if (chance (demo, 0.3))
    {
      g_autoptr(GenuIntervention) load = genu_intervention_new (GENU_INTERVENTION_LOAD_MANAGEMENT);
      genu_intervention_set_number (load, "volume_change_percent", -10 * pick_int (demo, 1, 5));
      genu_intervention_set_text (load, "advice", "Flat routes only, no intervals");
      genu_session_add_intervention (session, load);
    }
  return session;
}

static GenuPlan *
make_plan (Demo          *demo,
           guint          condition,
           gint64         patient_id,
           const GDate   *start,
           gboolean       closed)
{
  const GenuConditionDef *def = genu_knowledge_base_get_condition (demo->kb, condition);
  const GenuPlanTemplate *template = genu_knowledge_base_lookup_plan_template (demo->kb, def->id);
  GenuPlan *plan = genu_plan_new ();
  g_autofree char *start_text = format_date (start);

  genu_plan_set_patient_id (plan, patient_id);
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, start_text);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ID, def->id);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, def->name);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ICD10, def->icd10);
  genu_plan_set_frequency_per_week (plan, pick_int (demo, 1, 3));
  genu_plan_set_duration_weeks (plan, pick_int (demo, 4, 12));
  genu_plan_set_closed (plan, closed);
  genu_plan_set_screening_done (plan, TRUE);
  if (chance (demo, 0.1))
    {
      const char *precaution[] = { chance (demo, 0.5) ? "diabetes_skin_changes" : "marked_sensitivity", NULL };
      genu_plan_set_contraindications (plan, precaution);
    }
  if (template != NULL)
    {
      genu_plan_set_text (plan, GENU_PLAN_INTERVENTIONS, template->interventions);
      for (guint i = 0; i < template->n_goals; i++)
        {
          GDate target = *start;
          g_autofree char *target_text = NULL;
          g_autoptr(GenuGoal) goal = NULL;
          GenuGoalTerm term = GENU_GOAL_SHORT_TERM;

          g_date_add_days (&target, 7 * template->goals[i].target_weeks);
          target_text = format_date (&target);
          genu_goal_term_from_string (template->goals[i].term, &term);
          goal = genu_goal_new (term, template->goals[i].description, target_text);
          if (closed)
            goal->status = chance (demo, 0.85) ? GENU_GOAL_MET : GENU_GOAL_NOT_MET;
          genu_plan_add_goal (plan, goal);
        }
    }
  return plan;
}

static const char *
visit_summary (GenuVisitKind kind)
{
  switch (kind)
    {
    case GENU_VISIT_INITIAL_EVALUATION:
      return "Medial knee pain while running. Wants to return to full training.";
    case GENU_VISIT_RE_EVALUATION:
      return "Better; some pain after long runs.";
    case GENU_VISIT_DISCHARGE:
      return "Running pain-free; continues the home programme.";
    case GENU_VISIT_FOLLOW_UP:
    default:
      return "Doing the exercises; pain easing.";
    }
}

/* One patient with their visits, plan and sessions. */
static gboolean
make_one (Demo           *demo,
          GenuStoreBulk  *bulk,
          guint           index,
          GError        **error)
{
  guint condition = g_rand_int_range (demo->rand, 0, demo->n_conditions);
  const Profile *profile = demo->profile_of[condition];
  const GenuConditionDef *def = genu_knowledge_base_get_condition (demo->kb, condition);
  const char *therapist = PICK_ARRAY (demo, therapists);
  guint n_visits = pick_int (demo, 1, 8);
  GenuSide side = pick_int (demo, 0, 9) < 9 ? (chance (demo, 0.5) ? GENU_SIDE_LEFT : GENU_SIDE_RIGHT)
                                            : GENU_SIDE_BOTH;
  int weeks = pick_int (demo, 1, 30);
  int pain = pick_int (demo, 3, 7);
  int gaps[8];
  int span = 0;
  GDate first = demo->today;
  GDate date;
  GDate birth;
  int age_at_first;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GenuPlan) plan = NULL;
  gint64 plan_id = 0;

  for (guint i = 1; i < n_visits; i++)
    {
      gaps[i] = pick_int (demo, 3, 14);
      span += gaps[i];
    }
  g_date_subtract_days (&first, span + pick_int (demo, 0, 3 * 365));

  /* Ages 16-75 on the day of the first visit (within the condition's usual range). */
  age_at_first = pick_int (demo, profile->min_age, profile->max_age);
  birth = first;
  g_date_subtract_years (&birth, age_at_first + 1);
  g_date_add_days (&birth, pick_int (demo, 1, 364));

  patient = make_patient (demo, index, &birth, age_at_first);
  if (!_genu_store_bulk_add_patient (bulk, patient, error))
    return FALSE;
  demo->counts.n_patients++;

  if (n_visits >= 2)
    {
      plan = make_plan (demo, condition, genu_patient_get_id (patient), &first, n_visits >= 3);
      if (!_genu_store_bulk_add_plan (bulk, plan, error))
        return FALSE;
      plan_id = genu_plan_get_id (plan);
      demo->counts.n_plans++;
    }

  date = first;
  for (guint i = 0; i < n_visits; i++)
    {
      g_autoptr(GenuVisit) visit = genu_visit_new ();
      g_autofree char *date_text = NULL;
      g_autofree char *assessment_text = NULL;
      GenuVisitKind kind = GENU_VISIT_FOLLOW_UP;

      if (i > 0)
        g_date_add_days (&date, gaps[i]);
      date_text = format_date (&date);

      if (i == 0)
        kind = GENU_VISIT_INITIAL_EVALUATION;
      else if (n_visits >= 3 && i == n_visits - 1)
        kind = GENU_VISIT_DISCHARGE;
      else if (n_visits >= 5 && i == n_visits / 2)
        kind = GENU_VISIT_RE_EVALUATION;

      genu_visit_set_patient_id (visit, genu_patient_get_id (patient));
      genu_visit_set_kind (visit, kind);
      genu_visit_set_text (visit, GENU_VISIT_DATE, date_text);
      genu_visit_set_text (visit, GENU_VISIT_THERAPIST, therapist);
      genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, visit_summary (kind));
      genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ID, def->id);
      genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_NAME, def->name);
      genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ICD10, def->icd10);
      assessment_text = g_strdup_printf ("Findings fit %s. NPRS %d/10.", def->name, pain);
      genu_visit_set_text (visit, GENU_VISIT_ASSESSMENT, assessment_text);
      if (plan != NULL)
        genu_visit_set_text (visit, GENU_VISIT_PLAN, genu_plan_get_text (plan, GENU_PLAN_INTERVENTIONS));

      if (genu_visit_kind_has_assessment (kind))
        {
          g_autoptr(GenuAssessment) assessment =
            make_assessment (demo, condition, age_on (&birth, &date), pain,
                             MIN (520, weeks + g_date_days_between (&first, &date) / 7), side);
          genu_visit_set_assessment (visit, assessment);
        }
      if (!_genu_store_bulk_add_visit (bulk, visit, patient, error))
        return FALSE;
      demo->counts.n_visits++;

      if (i > 0)
        {
          g_autoptr(GenuSession) session =
            make_session (demo, profile, genu_patient_get_id (patient), plan_id, date_text,
                          therapist, pain, side);

          if (!_genu_store_bulk_add_session (bulk, session, error))
            return FALSE;
          demo->counts.n_sessions++;
        }
      pain = clamp_nprs (pain - pick_int (demo, 0, 2));
    }

  return TRUE;
}

static void
demo_clear (Demo *demo)
{
  if (demo->lr_findings != NULL)
    for (guint c = 0; c < demo->n_conditions; c++)
      g_ptr_array_unref (demo->lr_findings[c]);
  g_clear_pointer (&demo->lr_findings, g_free);
  g_clear_pointer (&demo->profile_of, g_free);
  g_clear_pointer (&demo->rand, g_rand_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

/**
 * genu_demo_fill:
 *
 * See genu-demo.h.
 */
gboolean
genu_demo_fill (GenuStore         *store,
                guint              n_patients,
                guint64            seed,
                const GDate       *today,
                GenuDemoProgress   progress,
                gpointer           user_data,
                GenuDemoCounts    *counts,
                GError           **error)
{
  g_auto(Demo) demo = { 0 };
  g_autoptr(GenuStoreBulk) bulk = NULL;
  guint32 seed_array[2] = { (guint32) seed, (guint32) (seed >> 32) };
  GPtrArray *lrs;
  GDate real_today;

  g_return_val_if_fail (GENU_IS_STORE (store), FALSE);

  if (counts != NULL)
    *counts = (GenuDemoCounts) { 0 };

  if (n_patients < 1 || n_patients > GENU_DEMO_MAX_PATIENTS)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   _("Ask for 1 to %u patients."), GENU_DEMO_MAX_PATIENTS);
      return FALSE;
    }

  if (today != NULL)
    demo.today = *today;
  else
    genu_parse_date (GENU_DEMO_DEFAULT_TODAY, &demo.today, NULL);
  genu_date_set_today (&real_today);
  if (g_date_compare (&demo.today, &real_today) > 0)
    {
      g_autofree char *text = format_date (&demo.today);
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   _("The sample data would be dated up to %s, which is after today. Check the "
                     "computer’s clock."), text);
      return FALSE;
    }

  demo.kb = genu_knowledge_base_get_default ();
  demo.rand = g_rand_new_with_seed_array (seed_array, G_N_ELEMENTS (seed_array));
  demo.n_conditions = genu_knowledge_base_get_n_conditions (demo.kb);
  demo.lr_findings = g_new0 (GPtrArray *, demo.n_conditions);
  demo.profile_of = g_new0 (const Profile *, demo.n_conditions);
  for (guint c = 0; c < demo.n_conditions; c++)
    {
      const GenuConditionDef *def = genu_knowledge_base_get_condition (demo.kb, c);

      demo.lr_findings[c] = g_ptr_array_new ();
      for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
        if (g_str_equal (profiles[i].condition, def->id))
          demo.profile_of[c] = &profiles[i];
      g_return_val_if_fail (demo.profile_of[c] != NULL, FALSE);
    }
  lrs = _genu_knowledge_base_get_likelihood_ratios (demo.kb);
  for (guint i = 0; i < lrs->len; i++)
    {
      const GenuLikelihoodRatio *lr = g_ptr_array_index (lrs, i);
      g_ptr_array_add (demo.lr_findings[lr->condition], (gpointer) lr->finding);
    }

  bulk = _genu_store_bulk_begin (store, error);
  if (bulk == NULL)
    return FALSE;

  for (guint i = 0; i < n_patients; i++)
    {
      if (!make_one (&demo, bulk, i, error))
        return FALSE;
      if ((i + 1) % PATIENTS_PER_COMMIT == 0 || i + 1 == n_patients)
        {
          if (!_genu_store_bulk_commit (bulk, error))
            return FALSE;
          if (counts != NULL)
            *counts = demo.counts;
          if (progress != NULL)
            progress (i + 1, n_patients, user_data);
        }
    }

  return TRUE;
}
