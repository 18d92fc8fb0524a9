/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-knowledge-base.h"
#include "genu-plan.h"
#include "genu-session.h"
#include "genu-validation.h"

#include <gio/gio.h>
#include <string.h>

/* Treatment sessions and plans of care, without the database: their rules, deep copies, the
 * "repeat last session" click, the JSON round trip, plans from the knowledge base's templates and
 * the IASTM screening. */

static GDate *
make_today (void)
{
  return g_date_new_dmy (18, G_DATE_MARCH, 2024);
}

static GenuIntervention *
make_iastm (void)
{
  GenuIntervention *iastm = genu_intervention_new (GENU_INTERVENTION_IASTM);

  genu_intervention_set_choices (iastm, "instruments", (const char *[]) { "gt2", NULL });
  genu_intervention_set_choices (iastm, "regions", (const char *[]) { "loc_pes_anserine", NULL });
  genu_intervention_set_number (iastm, "minutes", 2);
  genu_intervention_set_note (iastm, "Light petechiae expected");
  return iastm;
}

static GenuIntervention *
make_exercise (void)
{
  GenuIntervention *exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);

  genu_intervention_set_text (exercise, "exercise", "Side-lying hip abduction");
  genu_intervention_set_number (exercise, "sets", 3);
  genu_intervention_set_number (exercise, "reps", 15);
  return exercise;
}

static GenuSession *
make_session (void)
{
  GenuSession *session = genu_session_new ();
  g_autoptr(GenuIntervention) iastm = make_iastm ();
  g_autoptr(GenuIntervention) exercise = make_exercise ();

  genu_session_set_patient_id (session, 7);
  genu_session_set_plan_id (session, 3);
  genu_session_set_text (session, GENU_SESSION_DATE, "2024-03-18");
  genu_session_set_text (session, GENU_SESSION_THERAPIST, "Dana Ólafsdóttir");
  genu_session_set_text (session, GENU_SESSION_NOTES, "Pain eased during the session.");
  genu_session_set_duration_minutes (session, 45);
  genu_session_set_pain_before (session, 5);
  genu_session_set_pain_after (session, 3);
  genu_session_add_intervention (session, iastm);
  genu_session_add_intervention (session, exercise);
  return session;
}

static void
test_session_fields (void)
{
  GenuSession *session = genu_session_new ();

  g_assert_cmpint (genu_session_get_id (session), ==, 0);
  g_assert_cmpint (genu_session_get_plan_id (session), ==, 0);
  g_assert_cmpint (genu_session_get_duration_minutes (session), ==, GENU_SESSION_UNSET);
  g_assert_cmpint (genu_session_get_pain_before (session), ==, GENU_SESSION_UNSET);
  g_assert_cmpint (genu_session_get_pain_after (session), ==, GENU_SESSION_UNSET);
  g_assert_cmpuint (genu_session_get_interventions (session)->len, ==, 0);
  g_assert_false (genu_session_is_signed (session));
  g_assert_cmpstr (genu_session_get_text (session, GENU_SESSION_NOTES), ==, "");
  g_assert_cmpstr (genu_session_text_column (GENU_SESSION_DATE), ==, "date");
  g_assert_cmpstr (genu_session_text_column (GENU_SESSION_AMENDMENT_REASON), ==,
                   "amendment_reason");

  genu_session_set_signature (session, "Dana", "2024-03-18T10:00:00");
  g_assert_true (genu_session_is_signed (session));
  g_assert_cmpstr (genu_session_get_signed_by (session), ==, "Dana");
  g_assert_cmpstr (genu_session_get_signed_at (session), ==, "2024-03-18T10:00:00");
  genu_session_set_signature (session, NULL, NULL);
  g_assert_false (genu_session_is_signed (session));

  g_assert_finalize_object (session);
}

static void
test_session_valid (void)
{
  g_autoptr(GDate) today = make_today ();
  GenuSession *session = make_session ();
  g_autoptr(GPtrArray) errors = genu_session_validate (session, today);

  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_finalize_object (session);
}

typedef void (*SessionBreaker) (GenuSession *session);

static void break_no_date (GenuSession *s) { genu_session_set_text (s, GENU_SESSION_DATE, " "); }
static void break_bad_date (GenuSession *s) { genu_session_set_text (s, GENU_SESSION_DATE, "2024-02-30"); }
static void break_future (GenuSession *s) { genu_session_set_text (s, GENU_SESSION_DATE, "2024-03-19"); }
static void break_therapist (GenuSession *s) { genu_session_set_text (s, GENU_SESSION_THERAPIST, ""); }
static void break_duration_0 (GenuSession *s) { genu_session_set_duration_minutes (s, 0); }
static void break_duration_481 (GenuSession *s) { genu_session_set_duration_minutes (s, 481); }
static void break_pain_before (GenuSession *s) { genu_session_set_pain_before (s, 11); }
static void break_pain_after (GenuSession *s) { genu_session_set_pain_after (s, -2); }
static void break_no_intervention (GenuSession *s)
{
  genu_session_remove_intervention (s, 1);
  genu_session_remove_intervention (s, 0);
}
static void break_intervention (GenuSession *s)
{
  genu_intervention_set_number (g_ptr_array_index (genu_session_get_interventions (s), 1),
                                "sets", 21);
}
static void break_amendment (GenuSession *s) { genu_session_set_amends_id (s, 12); }

static const struct {
  const char     *name;
  SessionBreaker  breaker;
  const char     *field;
  const char     *message;
} session_cases[] = {
  { "no-date", break_no_date, "date",
    "Type the date of the session as YYYY-MM-DD, for example 2024-03-18." },
  { "bad-date", break_bad_date, "date", NULL },
  { "future-date", break_future, "date",
    "The session date cannot be in the future. Type a date on or before 2024-03-18." },
  { "no-therapist", break_therapist, "therapist", "Type the therapist’s name; it is required." },
  { "duration-0", break_duration_0, "duration_minutes", NULL },
  { "duration-481", break_duration_481, "duration_minutes",
    "Type the length of the session in whole minutes from 1 to 480, or leave it empty." },
  { "pain-before", break_pain_before, "pain_before",
    "Pain before: type a whole number from 0 to 10, or leave it empty." },
  { "pain-after", break_pain_after, "pain_after", NULL },
  { "no-intervention", break_no_intervention, "interventions",
    "Add at least one intervention: what was done in the session." },
  { "bad-intervention", break_intervention, "interventions[1].sets",
    "Intervention 2 (Exercise therapy): Sets: type a whole number from 1 to 20." },
  { "amendment-no-reason", break_amendment, "amendment_reason",
    "Type why the signed session is amended; an amendment needs a reason." },
};

static void
test_session_rule (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GDate) today = make_today ();
  GenuSession *session = make_session ();
  g_autoptr(GPtrArray) errors = NULL;
  GenuFieldError *error;

  session_cases[i].breaker (session);
  errors = genu_session_validate (session, today);
  g_assert_cmpuint (errors->len, ==, 1);
  error = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (error->field, ==, session_cases[i].field);
  if (session_cases[i].message != NULL)
    g_assert_cmpstr (error->message, ==, session_cases[i].message);

  g_assert_finalize_object (session);
}

static void
test_session_amendment_ok (void)
{
  g_autoptr(GDate) today = make_today ();
  GenuSession *session = make_session ();
  g_autoptr(GPtrArray) errors = NULL;

  genu_session_set_amends_id (session, 12);
  genu_session_set_text (session, GENU_SESSION_AMENDMENT_REASON, "Wrong side recorded");
  errors = genu_session_validate (session, today);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_finalize_object (session);
}

static void
test_session_copy_equal (void)
{
  GenuSession *session = make_session ();
  GenuSession *copy = genu_session_copy (session);
  GenuIntervention *first;

  g_assert_true (genu_session_equal (session, copy));
  genu_session_set_timestamps (copy, "2024-03-18 10:00:00", "2024-03-18 11:00:00");
  g_assert_true (genu_session_equal (session, copy));

  /* Deep: the copy's interventions are its own. */
  first = g_ptr_array_index (genu_session_get_interventions (copy), 0);
  g_assert_true (first != g_ptr_array_index (genu_session_get_interventions (session), 0));
  genu_intervention_set_number (first, "minutes", 3);
  g_assert_false (genu_session_equal (session, copy));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (session);
}

static void
test_session_set_interventions (void)
{
  GenuSession *session = make_session ();
  GPtrArray *own = genu_session_get_interventions (session);
  GenuIntervention *before = g_object_ref (g_ptr_array_index (own, 0));

  /* Its own array: replaced by copies without losing anything. */
  genu_session_set_interventions (session, own);
  g_assert_cmpuint (genu_session_get_interventions (session)->len, ==, 2);
  g_assert_true (g_ptr_array_index (genu_session_get_interventions (session), 0) != before);
  g_assert_true (genu_intervention_equal (g_ptr_array_index (genu_session_get_interventions (session), 0),
                                          before));
  g_assert_finalize_object (before);

  genu_session_set_interventions (session, NULL);
  g_assert_cmpuint (genu_session_get_interventions (session)->len, ==, 0);
  g_assert_finalize_object (session);
}

static void
test_session_repeat (void)
{
  GenuSession *last = make_session ();
  GenuSession *next;
  GPtrArray *interventions;
  GenuIntervention *iastm;
  double minutes = 0;

  genu_session_set_id (last, 40);
  genu_session_set_signature (last, "Dana", "2024-03-18T10:00:00");
  next = genu_session_repeat (last);

  g_assert_cmpint (genu_session_get_id (next), ==, 0);
  g_assert_cmpint (genu_session_get_patient_id (next), ==, 7);
  g_assert_cmpint (genu_session_get_plan_id (next), ==, 3);
  g_assert_cmpstr (genu_session_get_text (next, GENU_SESSION_DATE), ==, "");
  g_assert_cmpstr (genu_session_get_text (next, GENU_SESSION_NOTES), ==, "");
  g_assert_cmpint (genu_session_get_pain_before (next), ==, GENU_SESSION_UNSET);
  g_assert_cmpint (genu_session_get_pain_after (next), ==, GENU_SESSION_UNSET);
  g_assert_false (genu_session_is_signed (next));

  interventions = genu_session_get_interventions (next);
  g_assert_cmpuint (interventions->len, ==, 2);
  for (guint i = 0; i < interventions->len; i++)
    g_assert_true (genu_intervention_equal (g_ptr_array_index (interventions, i),
                                            g_ptr_array_index (genu_session_get_interventions (last), i)));
  iastm = g_ptr_array_index (interventions, 0);
  g_assert_cmpstr (genu_intervention_get_note (iastm), ==, "Light petechiae expected");

  /* Changing the repeat leaves the last session as it was. */
  genu_intervention_set_number (iastm, "minutes", 5);
  genu_intervention_set_note (iastm, "");
  genu_session_remove_intervention (next, 1);
  g_assert_true (genu_intervention_get_number (g_ptr_array_index (genu_session_get_interventions (last), 0),
                                               "minutes", &minutes));
  g_assert_cmpfloat (minutes, ==, 2);
  g_assert_cmpuint (genu_session_get_interventions (last)->len, ==, 2);

  g_assert_finalize_object (next);
  g_assert_finalize_object (last);
}

static void
test_session_json (void)
{
  GenuSession *session = make_session ();
  GenuSession *read;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  genu_session_set_id (session, 9);
  genu_session_set_pain_after (session, GENU_SESSION_UNSET);
  genu_session_set_signature (session, "Dana", "2024-03-18T10:00:00");
  json = genu_session_to_json (session);
  object = json_node_get_object (json);
  g_assert_true (json_object_get_null_member (object, "pain_after"));
  g_assert_cmpint (json_object_get_int_member (object, "duration_minutes"), ==, 45);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "interventions")),
                    ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "signed_by"), ==, "Dana");

  text = json_to_string (json, FALSE);
  reparsed = json_from_string (text, NULL);
  read = genu_session_new_from_json (reparsed, &error);
  g_assert_no_error (error);
  g_assert_true (genu_session_equal (session, read));
  g_assert_finalize_object (read);

  /* Validated on the way in: a session without interventions is refused. */
  json_object_set_array_member (object, "interventions", json_array_new ());
  json_object_set_string_member (object, "therapist", "");
  read = genu_session_new_from_json (json, &error);
  g_assert_null (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "therapist: Type the therapist’s name; it is required.\n"
                   "interventions: Add at least one intervention: what was done in the session.");

  g_assert_finalize_object (session);
}

/* Reads @text with genu_session_new_from_json(), which must refuse it, and returns its lines. */
static GStrv
refused_lines (const char *text)
{
  g_autoptr(JsonNode) json = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuSession) read = NULL;

  g_assert_nonnull (json);
  read = genu_session_new_from_json (json, &error);
  g_assert_null (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s\n→\n%s", text, error->message);
  return g_strsplit (error->message, "\n", -1);
}

/* Every problem at once, each named by its member path: the session's own first (what cannot be
 * read, then the rules it breaks), then each intervention's, in order. */
static void
test_session_json_problems (void)
{
  static const char * const expected[] = {
    "date: Type a text, in double quotes.",
    "duration_minutes: Type a whole number, or null when it was not recorded.",
    "pain_before: Pain before: type a whole number from 0 to 10, or leave it empty.",
    "interventions[0].minutes: Minutes: type a number from 0.5 to 30.",
    "interventions[1].kind: “cupping” is not a kind of intervention. Use one of: iastm, exercise, "
    "taping, bracing, manual_therapy, education, load_management, modality.",
    "interventions[2]: An intervention must be a JSON object: {\"kind\": …, \"fields\": {…}, "
    "\"note\": …}.",
    "interventions[3].sets: Sets: type a whole number from 1 to 20.",
  };
  g_auto(GStrv) lines =
    refused_lines ("{\"date\": 18, \"therapist\": \"Anna\", \"pain_before\": 12, "
                   "\"duration_minutes\": \"long\", \"interventions\": ["
                   "{\"kind\": \"iastm\", \"fields\": {\"instruments\": [\"gt2\"], "
                   "\"regions\": [\"adductors\"], \"minutes\": 45}}, "
                   "{\"kind\": \"cupping\"}, "
                   "\"exercise\", "
                   "{\"kind\": \"exercise\", "
                   "\"fields\": {\"exercise\": \"Squat\", \"sets\": 0}}]}");

  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lines[i], ==, expected[i]);
}

/* A member a session does not have is refused, as is one an intervention does not have. */
static void
test_session_json_unknown_member (void)
{
  g_auto(GStrv) lines =
    refused_lines ("{\"date\": \"2024-03-18\", \"therapist\": \"Anna\", \"notess\": \"x\", "
                   "\"interventions\": [{\"kind\": \"education\", \"fields\": {\"topic\": "
                   "\"Load\"}, \"notes\": \"y\"}]}");

  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==,
                   "notess: “notess” is not a member of a session. Remove it, or check its "
                   "spelling.");
  g_assert_cmpstr (lines[1], ==,
                   "interventions[0].notes: “notes” is not a member of an intervention. Remove "
                   "it, or check its spelling.");
}

/* An intervention that cannot be read at all does not hide the session's own problems, nor
 * count as none given. */
static void
test_session_json_bad_intervention (void)
{
  g_auto(GStrv) lines =
    refused_lines ("{\"date\": \"\", \"therapist\": \"\", \"interventions\": [{\"fields\": {}}]}");

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "date: Type the date of the session"));
  g_assert_cmpstr (lines[1], ==, "therapist: Type the therapist’s name; it is required.");
  g_assert_true (g_str_has_prefix (lines[2], "interventions[0].kind: Type the kind of "
                                             "intervention, one of:"));
}

/* Plans */

static GenuGoal *
goal_at (GenuPlan *plan,
         guint     index)
{
  return g_ptr_array_index (genu_plan_get_goals (plan), index);
}

static void
test_plan_from_template (void)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autofree char *today_text = NULL;
  GDate today;

  genu_date_set_today (&today);
  today_text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today),
                                g_date_get_month (&today), g_date_get_day (&today));

  for (guint i = 0; i < genu_knowledge_base_get_n_conditions (kb); i++)
    {
      const GenuConditionDef *condition = genu_knowledge_base_get_condition (kb, i);
      const GenuPlanTemplate *template =
        genu_knowledge_base_lookup_plan_template (kb, condition->id);
      GenuPlan *plan = genu_plan_new_from_template (kb, condition->id);
      g_autoptr(GPtrArray) errors = NULL;
      gboolean has_short = FALSE, has_long = FALSE;

      g_test_message ("%s", condition->id);
      g_assert_nonnull (template);
      g_assert_nonnull (plan);
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_ID), ==, condition->id);
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_NAME), ==, condition->name);
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_ICD10), !=, "");
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_ICD10), ==,
                       condition->icd10);
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_INTERVENTIONS), ==,
                       template->interventions);
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_INTERVENTIONS), !=, "");
      g_assert_cmpstr (genu_plan_get_text (plan, GENU_PLAN_START_DATE), ==, today_text);
      g_assert_cmpuint (genu_plan_get_goals (plan)->len, ==, template->n_goals);
      g_assert_cmpuint (template->n_goals, >=, 2);

      for (guint j = 0; j < template->n_goals; j++)
        {
          GenuGoal *goal = goal_at (plan, j);
          GDate target;

          g_assert_cmpstr (goal->description, ==, template->goals[j].description);
          g_assert_cmpint (goal->status, ==, GENU_GOAL_PROGRESSING);
          g_assert_true (genu_parse_date (goal->target_date, &target, NULL));
          g_assert_cmpint (g_date_days_between (&today, &target), ==,
                           7 * template->goals[j].target_weeks);
          has_short |= goal->term == GENU_GOAL_SHORT_TERM;
          has_long |= goal->term == GENU_GOAL_LONG_TERM;
        }
      g_assert_true (has_short && has_long);

      errors = genu_plan_validate (plan, NULL);
      g_assert_cmpuint (errors->len, ==, 0);
      g_assert_finalize_object (plan);
    }

  /* The spec's wording for the interventions. */
  g_assert_nonnull (strstr (genu_knowledge_base_lookup_plan_template (kb, "pes_anserine")->interventions,
                            "IASTM"));
  g_assert_null (genu_plan_new_from_template (kb, "gout"));
}

static GenuPlan *
make_plan (void)
{
  GenuPlan *plan = genu_plan_new ();
  g_autoptr(GenuGoal) short_goal = genu_goal_new (GENU_GOAL_SHORT_TERM,
                                                  "NPRS during running ≤ 2/10", "2024-04-15");
  g_autoptr(GenuGoal) long_goal = genu_goal_new (GENU_GOAL_LONG_TERM,
                                                 "Run 30 minutes pain-free", "2024-06-10");

  genu_plan_set_patient_id (plan, 7);
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, "2024-03-18");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine tendinopathy / bursitis");
  genu_plan_set_text (plan, GENU_PLAN_INTERVENTIONS, "Load management\nIASTM");
  genu_plan_set_frequency_per_week (plan, 2);
  genu_plan_set_duration_weeks (plan, 8);
  genu_plan_add_goal (plan, short_goal);
  genu_plan_add_goal (plan, long_goal);
  return plan;
}

typedef void (*PlanBreaker) (GenuPlan *plan);

static void break_start (GenuPlan *p) { genu_plan_set_text (p, GENU_PLAN_START_DATE, ""); }
static void break_start_future (GenuPlan *p) { genu_plan_set_text (p, GENU_PLAN_START_DATE, "2025-01-01"); }
static void break_diagnosis (GenuPlan *p) { genu_plan_set_text (p, GENU_PLAN_DIAGNOSIS_NAME, " "); }
static void break_frequency (GenuPlan *p) { genu_plan_set_frequency_per_week (p, 8); }
static void break_frequency_0 (GenuPlan *p) { genu_plan_set_frequency_per_week (p, 0); }
static void break_duration (GenuPlan *p) { genu_plan_set_duration_weeks (p, 53); }
static void break_goal_description (GenuPlan *p) { genu_goal_set_description (goal_at (p, 1), ""); }
static void break_goal_date (GenuPlan *p) { genu_goal_set_target_date (goal_at (p, 1), "2024-13-01"); }
static void break_goal_no_date (GenuPlan *p) { genu_goal_set_target_date (goal_at (p, 0), NULL); }
static void break_contraindication (GenuPlan *p)
{
  genu_plan_set_contraindications (p, (const char *[]) { "pacemaker", NULL });
}

static const struct {
  const char  *name;
  PlanBreaker  breaker;
  const char  *field;
  const char  *message;
} plan_cases[] = {
  { "no-start", break_start, "start_date",
    "Type the start date of the plan as YYYY-MM-DD, for example 2024-03-18." },
  { "future-start", break_start_future, "start_date",
    "The start date cannot be in the future. Type a date on or before 2024-03-18." },
  { "no-diagnosis", break_diagnosis, "diagnosis_name",
    "Type the diagnosis, or pick one from the knowledge base; it is required." },
  { "frequency-8", break_frequency, "frequency_per_week",
    "Type the sessions per week as a whole number from 1 to 7, or leave it empty." },
  { "frequency-0", break_frequency_0, "frequency_per_week", NULL },
  { "duration-53", break_duration, "duration_weeks",
    "Type the length of the plan in whole weeks from 1 to 52, or leave it empty." },
  { "goal-description", break_goal_description, "goals[1].description",
    "Goal 2: describe what is to be reached, in a way that can be measured, for example "
    "“Run 30 minutes pain-free”." },
  { "goal-bad-date", break_goal_date, "goals[1].target_date", NULL },
  { "goal-no-date", break_goal_no_date, "goals[0].target_date",
    "Goal 1: type the target date as YYYY-MM-DD, for example 2024-06-30." },
  { "unknown-contraindication", break_contraindication, "contraindications", NULL },
};

static void
test_plan_rule (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GDate) today = make_today ();
  GenuPlan *plan = make_plan ();
  g_autoptr(GPtrArray) errors = genu_plan_validate (plan, today);
  GenuFieldError *error;

  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  plan_cases[i].breaker (plan);
  errors = genu_plan_validate (plan, today);
  g_assert_cmpuint (errors->len, ==, 1);
  error = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (error->field, ==, plan_cases[i].field);
  if (plan_cases[i].message != NULL)
    g_assert_cmpstr (error->message, ==, plan_cases[i].message);
  g_test_message ("%s", error->message);

  g_assert_finalize_object (plan);
}

static void
test_plan_copy_json (void)
{
  GenuPlan *plan = make_plan ();
  GenuPlan *copy, *read;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;

  goal_at (plan, 0)->status = GENU_GOAL_MET;
  genu_plan_set_closed (plan, TRUE);
  genu_plan_set_screening_done (plan, TRUE);
  genu_plan_set_contraindications (plan, (const char *[]) { "fibromyalgia", "kidney_disease",
                                                            "fibromyalgia", NULL });
  genu_plan_set_acknowledgement (plan, "Dana", "2024-03-18T09:00:00");

  copy = genu_plan_copy (plan);
  g_assert_true (genu_plan_equal (plan, copy));
  goal_at (copy, 1)->status = GENU_GOAL_NOT_MET;
  g_assert_false (genu_plan_equal (plan, copy));
  g_assert_cmpint (goal_at (plan, 1)->status, ==, GENU_GOAL_PROGRESSING);

  json = genu_plan_to_json (plan);
  read = genu_plan_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (genu_plan_equal (plan, read));
  /* In the table's order, without duplicates. */
  g_assert_cmpstrv (genu_plan_get_contraindications (read),
                    ((const char *[]) { "kidney_disease", "fibromyalgia", NULL }));

  g_assert_finalize_object (read);
  g_assert_finalize_object (copy);
  g_assert_finalize_object (plan);
}

static void
test_goal_strings (void)
{
  GenuGoalTerm term;
  GenuGoalStatus status;

  g_assert_cmpstr (genu_goal_term_to_string (GENU_GOAL_LONG_TERM), ==, "long");
  g_assert_true (genu_goal_term_from_string ("short", &term));
  g_assert_cmpint (term, ==, GENU_GOAL_SHORT_TERM);
  g_assert_false (genu_goal_term_from_string ("medium", &term));
  g_assert_cmpstr (genu_goal_status_to_string (GENU_GOAL_NOT_MET), ==, "not_met");
  g_assert_true (genu_goal_status_from_string ("met", &status));
  g_assert_cmpint (status, ==, GENU_GOAL_MET);
  g_assert_false (genu_goal_status_from_string ("done", &status));
  g_assert_cmpstr (genu_goal_term_label (GENU_GOAL_SHORT_TERM), ==, "Short-term goal");
  g_assert_cmpstr (genu_goal_status_label (GENU_GOAL_PROGRESSING), ==, "Progressing");
}

static void
test_contraindication_table (void)
{
  static const char * const expected[] = {
    "anticoagulants_bleeding", "open_wound_fracture", "dvt_thrombophlebitis", "active_infection",
    "cancer_at_site", "uncontrolled_hypertension", "kidney_disease", "pregnancy", "varicose_veins",
    "recent_surgery_at_site", "corticosteroid_nsaids", "diabetes_skin_changes", "fibromyalgia",
    "marked_sensitivity",
  };
  guint n = 0;
  const GenuContraindication *table = genu_iastm_contraindications (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (table[i].id, ==, expected[i]);
      g_assert_cmpint (table[i].precaution, ==, i >= 10);
      g_assert_true (*genu_iastm_contraindication_get_label (&table[i]) != '\0');
      g_assert_true (genu_iastm_contraindication_lookup (expected[i]) == &table[i]);
    }
  g_assert_null (genu_iastm_contraindication_lookup ("pacemaker"));
}

static void
test_screening (void)
{
  GenuPlan *plan = genu_plan_new ();

  /* Not asked yet. */
  g_assert_true (genu_plan_needs_screening (plan));
  g_assert_false (genu_plan_screening_blocks (plan));
  g_assert_false (genu_plan_screening_warns (plan));

  /* Asked, all no. */
  genu_plan_set_screening_done (plan, TRUE);
  g_assert_false (genu_plan_needs_screening (plan));
  g_assert_false (genu_plan_screening_blocks (plan));

  /* A precaution only warns. */
  genu_plan_set_contraindications (plan, (const char *[]) { "fibromyalgia", NULL });
  g_assert_true (genu_plan_screening_warns (plan));
  g_assert_false (genu_plan_screening_blocks (plan));

  /* A contraindication blocks until acknowledged. */
  genu_plan_set_contraindications (plan, (const char *[]) { "fibromyalgia",
                                                            "anticoagulants_bleeding", NULL });
  g_assert_true (genu_plan_screening_blocks (plan));
  genu_plan_set_acknowledgement (plan, "Dana", "2024-03-18T09:00:00");
  g_assert_false (genu_plan_screening_blocks (plan));
  g_assert_true (genu_plan_screening_warns (plan));
  g_assert_cmpstr (genu_plan_get_acknowledged_by (plan), ==, "Dana");

  genu_plan_set_acknowledgement (plan, NULL, NULL);
  g_assert_true (genu_plan_screening_blocks (plan));
  genu_plan_set_contraindications (plan, NULL);
  g_assert_false (genu_plan_screening_blocks (plan));
  g_assert_cmpstrv (genu_plan_get_contraindications (plan), ((const char *[]) { NULL }));

  g_assert_finalize_object (plan);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/fields", test_session_fields);
  g_test_add_func ("/session/valid", test_session_valid);
  for (guint i = 0; i < G_N_ELEMENTS (session_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/session/validate/%s", session_cases[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_session_rule);
    }
  g_test_add_func ("/session/amendment-with-reason", test_session_amendment_ok);
  g_test_add_func ("/session/copy-equal", test_session_copy_equal);
  g_test_add_func ("/session/set-interventions", test_session_set_interventions);
  g_test_add_func ("/session/repeat", test_session_repeat);
  g_test_add_func ("/session/json", test_session_json);
  g_test_add_func ("/session/json-problems", test_session_json_problems);
  g_test_add_func ("/session/json-unknown-member", test_session_json_unknown_member);
  g_test_add_func ("/session/json-bad-intervention", test_session_json_bad_intervention);

  g_test_add_func ("/plan/from-template", test_plan_from_template);
  for (guint i = 0; i < G_N_ELEMENTS (plan_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan/validate/%s", plan_cases[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_plan_rule);
    }
  g_test_add_func ("/plan/copy-json", test_plan_copy_json);
  g_test_add_func ("/plan/goal-strings", test_goal_strings);
  g_test_add_func ("/plan/contraindications", test_contraindication_table);
  g_test_add_func ("/plan/screening", test_screening);

  return g_test_run ();
}
