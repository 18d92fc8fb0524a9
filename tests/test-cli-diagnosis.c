/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "genu-diagnosis.h"
#include "genu-knowledge-base.h"
#include "genu-store.h"
#include "genu-test-cli.h"

/* Runs the built genu-cli (its path is in $GENU_CLI) for the commands of the diagnosis module:
 * findings, diagnose and assessments; each test on a database of its own in a temporary folder.
 * What the CLI prints is compared with what libgenu computes in-process. */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Compares two JSON documents member by member; on a difference the test log shows both. */
static void
assert_json_equal (JsonNode *actual,
                   JsonNode *expected)
{
  if (!json_node_equal (actual, expected))
    {
      g_autofree char *a = node_to_string (actual);
      g_autofree char *e = node_to_string (expected);

      g_test_message ("expected:\n%s\nactual:\n%s", e, a);
    }
  g_assert_true (json_node_equal (actual, expected));
}

static gint64
add_patient (Fixture *fixture)
{
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "patients", "add", "--family",
                                                   "Müller", "--given", "Zoë", "--dob",
                                                   "1985-04-23", NULL);
  g_autofree char *stripped = NULL;
  gint64 id = 0;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  stripped = g_strstrip (g_strdup (run->out));
  g_assert_true (g_ascii_string_to_signed (stripped, 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

/* Writes @contents to a file in the fixture's folder and returns its path. */
static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* What libgenu itself makes of @findings_json ({"<id>": <value>, ...}). */
static JsonNode *
diagnose_in_process (JsonNode *findings_json)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autoptr(GenuFindings) findings = NULL;
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autoptr(GError) error = NULL;

  findings = genu_findings_from_json (kb, findings_json, &error);
  g_assert_no_error (error);
  diagnosis = genu_diagnose (kb, findings);
  return genu_diagnosis_to_json (diagnosis);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }
  return NULL;
}

static void
test_findings_json (Fixture       *fixture,
                    gconstpointer  data)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "findings", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *object;
  JsonObject *values;
  JsonArray *bool_values;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);

  /* Every finding of the knowledge base, in its order, with its type and group. */
  g_assert_cmpint (json_array_get_length (array), ==, genu_knowledge_base_get_n_findings (kb));
  for (guint i = 0; i < genu_knowledge_base_get_n_findings (kb); i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);
      gboolean is_bool = def->type == GENU_FINDING_TYPE_BOOL;

      object = json_array_get_object_element (array, i);
      g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, def->id);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==,
                       is_bool ? "bool" : "number");
      g_assert_cmpstr (json_object_get_string_member (object, "group"), ==, def->group);
      g_assert_cmpstr (json_object_get_string_member (object, "label"), ==, def->label);
      g_assert_true (json_object_get_boolean_member (object, "test") == def->is_test);
      g_assert_cmpint (json_object_get_int_member (object, "max_grade"), ==, def->max_grade);
      if (is_bool)
        g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "values")));
      else
        g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "values")));
    }

  object = find_by_id (array, "nprs_now");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "number");
  values = json_object_get_object_member (object, "values");
  g_assert_cmpfloat (json_object_get_double_member (values, "min"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (values, "max"), ==, 10);
  g_assert_true (json_object_get_boolean_member (values, "integer"));

  object = find_by_id (array, "flexion_deg");
  g_assert_nonnull (object);
  values = json_object_get_object_member (object, "values");
  g_assert_cmpfloat (json_object_get_double_member (values, "min"), ==, -20);
  g_assert_cmpfloat (json_object_get_double_member (values, "max"), ==, 160);
  g_assert_true (json_object_get_boolean_member (values, "integer"));
  g_assert_cmpstr (json_object_get_string_member (values, "unit"), ==, "°");

  object = find_by_id (array, "mcmurray");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "bool");
  g_assert_cmpstr (json_object_get_string_member (object, "group"), ==, "special_tests");
  g_assert_true (json_object_get_boolean_member (object, "test"));
  bool_values = json_object_get_array_member (object, "values");
  g_assert_cmpint (json_array_get_length (bool_values), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (bool_values, 0), ==, "present");
  g_assert_cmpstr (json_array_get_string_element (bool_values, 1), ==, "absent");

  object = find_by_id (array, "valgus_30_laxity");
  g_assert_nonnull (object);
  g_assert_cmpint (json_object_get_int_member (object, "max_grade"), ==, 3);
}

static void
test_findings_table (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "findings", NULL);
  g_auto(GStrv) lines = NULL;
  const char *values;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_prefix (run->out, "ID "));
  g_assert_nonnull (strstr (run->out, "mpp_test"));
  g_assert_nonnull (strstr (run->out, "Mediopatellar plica test"));
  g_assert_nonnull (strstr (run->out, "present | absent"));
  g_assert_nonnull (strstr (run->out, "-20 to 160 (whole numbers)"));

  /* A header line and one line per finding, the columns aligned. */
  g_assert_true (g_str_has_suffix (run->out, "\n"));
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpint (g_strv_length (lines) - 2, ==,
                   genu_knowledge_base_get_n_findings (genu_knowledge_base_get_default ()));
  values = strstr (lines[0], "Values");
  g_assert_nonnull (values);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_assert_true (strlen (lines[i]) > (gsize) (values - lines[0]));
      g_assert_true (lines[i][values - lines[0] - 1] == ' ');
      g_assert_true (lines[i][values - lines[0]] != ' ');
    }
}

static void
assert_plica_differential (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonArray *differential = json_object_get_array_member (object, "differential");
  JsonObject *first;
  JsonObject *contribution;

  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "red_flags")),
                   ==, 0);
  g_assert_cmpint (json_array_get_length (differential), ==,
                   genu_knowledge_base_get_n_conditions (genu_knowledge_base_get_default ()));

  first = json_array_get_object_element (differential, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "medial_plica");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "probability"),
                                  0.4162437, 1e-6);
  contribution = json_array_get_object_element (json_object_get_array_member (first,
                                                                              "contributions"),
                                                0);
  g_assert_cmpstr (json_object_get_string_member (contribution, "finding"), ==, "mpp_test");
  g_assert_cmpstr (json_object_get_string_member (contribution, "value"), ==, "present");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (contribution, "lr"), 8.2, 1e-9);
  g_assert_nonnull (strstr (json_object_get_string_member (contribution, "source"),
                            "Stubbings"));

  /* Sorted by probability, the highest first. */
  for (guint i = 1; i < json_array_get_length (differential); i++)
    g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (differential,
                                                                                     i - 1),
                                                      "probability"),
                       >=,
                       json_object_get_double_member (json_array_get_object_element (differential,
                                                                                     i),
                                                      "probability"));
}

static const char plica_input[] = "{\"findings\": {\"mpp_test\": \"present\"}}\n";

static void
test_diagnose_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "findings.json", plica_input);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "diagnose", path, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) input = parse_json (plica_input);
  g_autoptr(JsonNode) expected = NULL;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  assert_plica_differential (root);

  /* Exactly what the library gives, every figure and citation. */
  expected = diagnose_in_process (json_object_get_member (json_node_get_object (input),
                                                          "findings"));
  assert_json_equal (root, expected);

  /* Nothing is read from or written to the database. */
  g_assert_false (g_file_test (fixture->database, G_FILE_TEST_EXISTS));
}

static void
test_diagnose_stdin (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, plica_input, "diagnose", "-", NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  assert_plica_differential (root);
}

static void
test_diagnose_red_flag (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *input = "{\"findings\": {\"acute_injury\": \"present\", \"age\": 60}}";
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, input, "diagnose", "-", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *flag;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  object = json_node_get_object (root);

  flag = json_array_get_object_element (json_object_get_array_member (object, "red_flags"), 0);
  g_assert_cmpstr (json_object_get_string_member (flag, "id"), ==, "ottawa_knee");
  g_assert_cmpstr (json_object_get_string_member (flag, "title"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (flag, "reason"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (flag, "action"), !=, "");

  /* A red flag heads the output; it never hides the differential. */
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "differential")),
                   ==, 10);
}

/* Members other than "findings" are left alone, so that richer documents can be read. */
static void
test_diagnose_extra_members (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *input = "{\"visit\": 3, \"findings\": {\"mpp_test\": \"present\"}, \"notes\": []}";
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, input, "diagnose", "-", NULL);
  g_autoptr(JsonNode) root = NULL;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  assert_plica_differential (root);
}

/* Input genu-cli diagnose refuses with exit status 2: each line of stderr names a problem. */
typedef struct
{
  const char *name;
  const char *input;
  const char *lines[4];         /* a piece of each line of stderr, in order */
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { "unknown-id-and-bad-value",
    "{\"findings\": {\"foo\": \"present\", \"mcmurray\": \"yes\"}}",
    { "Unknown finding “foo”", "mcmurray" } },
  { "out-of-range",
    "{\"findings\": {\"nprs_now\": 11, \"age\": \"old\"}}",
    { "nprs_now", "age" } },
  { "not-json", "mpp_test: present", { "not JSON" } },
  { "empty", "", { "not JSON" } },
  { "no-findings-object", "{\"mpp_test\": \"present\"}", { "“findings”" } },
  { "findings-not-an-object", "{\"findings\": [\"mpp_test\"]}", { "“findings”" } },
  { "array", "[]", { "“findings”" } },
};

static void
test_diagnose_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  const RefusedCase *refused = data;
  g_autofree char *path = write_file (fixture, "findings.json", refused->input);
  guint n_lines = 0;

  while (n_lines < G_N_ELEMENTS (refused->lines) && refused->lines[n_lines] != NULL)
    n_lines++;

  /* The same from a file and from the standard input. */
  for (guint from_stdin = 0; from_stdin <= 1; from_stdin++)
    {
      g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, from_stdin ? refused->input : NULL,
                                                       "diagnose", from_stdin ? "-" : path, NULL);
      g_auto(GStrv) lines = NULL;

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_true (g_str_has_suffix (run->err, "\n"));
      lines = g_strsplit (run->err, "\n", -1);
      g_assert_cmpint (g_strv_length (lines), ==, n_lines + 1);
      for (guint i = 0; i < n_lines; i++)
        {
          g_assert_true (g_str_has_prefix (lines[i], "genu-cli: "));
          g_assert_nonnull (strstr (lines[i], refused->lines[i]));
        }
    }
}

static void
test_diagnose_missing_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-file.json", NULL);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "diagnose", path, NULL);
  g_autoptr(CliRun) folder = genu_test_cli_run_input (fixture, NULL, "diagnose", fixture->dir,
                                                      NULL);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
  g_assert_nonnull (strstr (run->err, path));

  g_assert_cmpint (folder->status, ==, 2);
  g_assert_cmpstr (folder->out, ==, "");
  g_assert_nonnull (strstr (folder->err, fixture->dir));
}

static void
test_diagnose_help (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "diagnose", "--help", NULL);
  g_autoptr(CliRun) top = genu_test_cli_run_input (fixture, NULL, "--help", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Usage:"));
  g_assert_nonnull (strstr (run->out, "decision support for a licensed clinician"));
  g_assert_nonnull (strstr (run->out, "not a diagnosis"));

  g_assert_cmpint (top->status, ==, 0);
  g_assert_nonnull (strstr (top->out, "diagnose"));
  g_assert_nonnull (strstr (top->out, "findings"));
  g_assert_nonnull (strstr (top->out, "assessments"));
}

/* A patient with three visits, saved through libgenu as the app saves them: an initial
 * evaluation, a follow-up (no assessment) and a re-evaluation. */
typedef struct
{
  gint64        patient;
  gint64        initial;
  gint64        follow_up;
  gint64        re_evaluation;
  GenuFindings *initial_findings;    /* owned */
} Visits;

static gint64
save_visit (GenuStore     *store,
            gint64         patient,
            GenuVisitKind  kind,
            const char    *date,
            GenuFindings  *findings)
{
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GError) error = NULL;

  genu_visit_set_patient_id (visit, patient);
  genu_visit_set_kind (visit, kind);
  genu_visit_set_text (visit, GENU_VISIT_DATE, date);
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Erika Beispiel");
  if (findings != NULL)
    {
      g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
      GenuFindings *saved = genu_assessment_get_findings (assessment);
      g_auto(GStrv) ids = genu_findings_dup_ids (findings);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          double number = 0;

          switch (genu_findings_get (findings, ids[i], &number))
            {
            case GENU_FINDING_PRESENT:
              genu_findings_set_bool (saved, ids[i], TRUE);
              break;
            case GENU_FINDING_ABSENT:
              genu_findings_set_bool (saved, ids[i], FALSE);
              break;
            case GENU_FINDING_NUMBER:
              genu_findings_set_number (saved, ids[i], number);
              break;
            case GENU_FINDING_NOT_TESTED:
            default:
              break;
            }
          if (genu_findings_get_grade (findings, ids[i]) > 0)
            genu_findings_set_grade (saved, ids[i], genu_findings_get_grade (findings, ids[i]));
        }
      genu_assessment_set_side (assessment, GENU_SIDE_LEFT);
      genu_visit_set_assessment (visit, assessment);
    }

  genu_store_save_visit (store, visit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (genu_visit_get_id (visit), >, 0);
  return genu_visit_get_id (visit);
}

static void
visits_set_up (Fixture *fixture,
               Visits  *visits)
{
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuFindings) later = genu_findings_new ();
  g_autoptr(GError) error = NULL;

  visits->patient = add_patient (fixture);

  visits->initial_findings = genu_findings_new ();
  genu_findings_set_bool (visits->initial_findings, "mpp_test", TRUE);
  genu_findings_set_bool (visits->initial_findings, "mcmurray", FALSE);
  genu_findings_set_bool (visits->initial_findings, "valgus_30_laxity", TRUE);
  genu_findings_set_grade (visits->initial_findings, "valgus_30_laxity", 2);
  genu_findings_set_number (visits->initial_findings, "nprs_now", 6);
  genu_findings_set_number (visits->initial_findings, "age", 38);
  genu_findings_set_bool (visits->initial_findings, "pain_stairs", TRUE);

  genu_findings_set_number (later, "nprs_now", 2);

  store = genu_store_open (fixture->database, &error);
  g_assert_no_error (error);
  visits->initial = save_visit (store, visits->patient, GENU_VISIT_INITIAL_EVALUATION,
                                "2024-05-02", visits->initial_findings);
  visits->follow_up = save_visit (store, visits->patient, GENU_VISIT_FOLLOW_UP,
                                  "2024-05-09", NULL);
  visits->re_evaluation = save_visit (store, visits->patient, GENU_VISIT_RE_EVALUATION,
                                      "2024-06-13", later);
}

static void
visits_clear (Visits *visits)
{
  g_clear_object (&visits->initial_findings);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static void
test_assessments_list (Fixture       *fixture,
                       gconstpointer  data)
{
  Visits visits = { 0 };
  g_autofree char *patient = NULL;
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *newest;
  JsonObject *oldest;
  JsonNode *assessment;

  visits_set_up (fixture, &visits);
  patient = id_text (visits.patient);

  json = genu_test_cli_run_input (fixture, NULL, "assessments", "list", "--patient", patient,
                                  "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_cmpstr (json->err, ==, "");
  root = parse_json (json->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);

  /* The follow-up has no assessment: left out. The newest first. */
  g_assert_cmpint (json_array_get_length (array), ==, 2);
  newest = json_array_get_object_element (array, 0);
  oldest = json_array_get_object_element (array, 1);
  g_assert_cmpint (json_object_get_int_member (newest, "id"), ==, visits.re_evaluation);
  g_assert_cmpint (json_object_get_int_member (oldest, "id"), ==, visits.initial);
  g_assert_cmpstr (json_object_get_string_member (oldest, "date"), ==, "2024-05-02");
  assessment = json_object_get_member (oldest, "assessment");
  g_assert_nonnull (assessment);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (assessment));

  table = genu_test_cli_run_input (fixture, NULL, "assessments", "list", "--patient", patient,
                                   NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_cmpstr (table->err, ==, "");
  g_assert_nonnull (strstr (table->out, "2024-05-02"));
  g_assert_nonnull (strstr (table->out, "2024-06-13"));
  g_assert_nonnull (strstr (table->out, "Erika Beispiel"));
  g_assert_true (strstr (table->out, "2024-05-09") == NULL);
  g_assert_true (strstr (table->out, "2024-06-13") < strstr (table->out, "2024-05-02"));

  visits_clear (&visits);
}

static void
test_assessments_list_empty (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *patient = id_text (add_patient (fixture));
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(JsonNode) root = NULL;

  json = genu_test_cli_run_input (fixture, NULL, "assessments", "list", "--patient", patient,
                                  "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (root)), ==, 0);

  table = genu_test_cli_run_input (fixture, NULL, "assessments", "list", "--patient", patient,
                                   NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_cmpstr (table->err, ==, "");
  g_assert_cmpstr (table->out, !=, "");
}

static void
test_assessments_unknown_patient (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  add_patient (fixture);
  run = genu_test_cli_run_input (fixture, NULL, "assessments", "list", "--patient", "42", "--json",
                                 NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
  g_assert_nonnull (strstr (run->err, "42"));
}

static void
test_assessments_show (Fixture       *fixture,
                       gconstpointer  data)
{
  Visits visits = { 0 };
  g_autofree char *visit = NULL;
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) expected = NULL;
  JsonObject *object;

  visits_set_up (fixture, &visits);
  visit = id_text (visits.initial);

  /* Exactly {"findings": {...}}, the findings as saved. */
  json = genu_test_cli_run_input (fixture, NULL, "assessments", "show", visit, "--json", NULL);
  g_assert_cmpint (json->status, ==, 0);
  g_assert_cmpstr (json->err, ==, "");
  root = parse_json (json->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_size (object), ==, 1);
  g_assert_true (json_object_has_member (object, "findings"));
  expected = genu_findings_to_json (visits.initial_findings);
  assert_json_equal (json_object_get_member (object, "findings"), expected);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "findings"),
                                                  "mpp_test"),
                   ==, "present");

  /* Readable: "label: value", tests as positive / negative. */
  text = genu_test_cli_run_input (fixture, NULL, "assessments", "show", visit, NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_cmpstr (text->err, ==, "");
  g_assert_nonnull (strstr (text->out, "Mediopatellar plica test:"));
  g_assert_nonnull (strstr (text->out, "positive"));
  g_assert_nonnull (strstr (text->out, "McMurray test:"));
  g_assert_nonnull (strstr (text->out, "negative"));
  g_assert_nonnull (strstr (text->out, "NPRS now:"));
  g_assert_nonnull (strstr (text->out, "Pain on stairs:"));
  g_assert_nonnull (strstr (text->out, "grade 2"));
  g_assert_true (strstr (text->out, "mpp_test") == NULL);

  visits_clear (&visits);
}

/* `assessments show ID --json | diagnose -` gives the differential of the saved findings. */
static void
test_assessments_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  Visits visits = { 0 };
  g_autofree char *visit = NULL;
  g_autoptr(CliRun) show = NULL;
  g_autoptr(CliRun) diagnose = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(JsonNode) expected = NULL;
  JsonArray *differential;

  visits_set_up (fixture, &visits);
  visit = id_text (visits.initial);

  show = genu_test_cli_run_input (fixture, NULL, "assessments", "show", visit, "--json", NULL);
  g_assert_cmpint (show->status, ==, 0);
  diagnose = genu_test_cli_run_input (fixture, show->out, "diagnose", "-", NULL);
  g_assert_cmpint (diagnose->status, ==, 0);
  g_assert_cmpstr (diagnose->err, ==, "");
  root = parse_json (diagnose->out);

  saved = genu_findings_to_json (visits.initial_findings);
  expected = diagnose_in_process (saved);
  assert_json_equal (root, expected);

  differential = json_object_get_array_member (json_node_get_object (root), "differential");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (differential, 0),
                                                  "id"),
                   ==, "medial_plica");

  visits_clear (&visits);
}

static void
test_assessments_show_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  Visits visits = { 0 };
  g_autofree char *follow_up = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) unknown = NULL;

  visits_set_up (fixture, &visits);
  follow_up = id_text (visits.follow_up);

  /* A follow-up has no assessment: a clear message, not an empty set of findings. */
  run = genu_test_cli_run_input (fixture, NULL, "assessments", "show", follow_up, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "no knee assessment"));

  json = genu_test_cli_run_input (fixture, NULL, "assessments", "show", follow_up, "--json", NULL);
  g_assert_cmpint (json->status, ==, 2);
  g_assert_cmpstr (json->out, ==, "");
  g_assert_nonnull (strstr (json->err, "no knee assessment"));

  unknown = genu_test_cli_run_input (fixture, NULL, "assessments", "show", "999", "--json", NULL);
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_cmpstr (unknown->out, ==, "");
  g_assert_true (g_str_has_prefix (unknown->err, "genu-cli: "));
  g_assert_nonnull (strstr (unknown->err, "999"));

  visits_clear (&visits);
}

/* Wrong usage: exit status 1, a usage message on stderr, and no database made. */
typedef struct
{
  const char *name;
  const char *args[6];
} UsageCase;

static const UsageCase usage_cases[] = {
  { "diagnose/no-file", { "diagnose" } },
  { "diagnose/two-files", { "diagnose", "a.json", "b.json" } },
  { "diagnose/unknown-option", { "diagnose", "--frobnicate", "-" } },
  { "findings/stray-argument", { "findings", "mpp_test" } },
  { "assessments/no-command", { "assessments" } },
  { "assessments/unknown-command", { "assessments", "delete", "1" } },
  { "assessments/list/no-patient", { "assessments", "list" } },
  { "assessments/list/bad-patient", { "assessments", "list", "--patient", "abc" } },
  { "assessments/list/stray-argument", { "assessments", "list", "--patient", "1", "2" } },
  { "assessments/show/no-id", { "assessments", "show" } },
  { "assessments/show/bad-id", { "assessments", "show", "abc" } },
  { "assessments/show/negative-id", { "assessments", "show", "-1" } },
  { "assessments/show/two-ids", { "assessments", "show", "1", "2" } },
};

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const UsageCase *usage = data;
  g_autoptr(CliRun) run = genu_test_cli_runv_input (fixture, NULL, usage->args);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
  g_assert_nonnull (strstr (run->err, "Usage:"));
  g_assert_false (g_file_test (fixture->database, G_FILE_TEST_EXISTS));
}

#define add_test(path, func, data) \
  g_test_add ((path), Fixture, (data), fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/findings/json", test_findings_json, NULL);
  add_test ("/cli/findings/table", test_findings_table, NULL);
  add_test ("/cli/diagnose/file", test_diagnose_file, NULL);
  add_test ("/cli/diagnose/stdin", test_diagnose_stdin, NULL);
  add_test ("/cli/diagnose/red-flag", test_diagnose_red_flag, NULL);
  add_test ("/cli/diagnose/extra-members", test_diagnose_extra_members, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/diagnose/refused/%s", refused_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_diagnose_refused, &refused_cases[i]);
    }
  add_test ("/cli/diagnose/missing-file", test_diagnose_missing_file, NULL);
  add_test ("/cli/diagnose/help", test_diagnose_help, NULL);
  add_test ("/cli/assessments/list", test_assessments_list, NULL);
  add_test ("/cli/assessments/list/empty", test_assessments_list_empty, NULL);
  add_test ("/cli/assessments/list/unknown-patient", test_assessments_unknown_patient, NULL);
  add_test ("/cli/assessments/show", test_assessments_show, NULL);
  add_test ("/cli/assessments/show/refused", test_assessments_show_refused, NULL);
  add_test ("/cli/assessments/round-trip", test_assessments_round_trip, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/usage/%s", usage_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_usage, &usage_cases[i]);
    }

  return g_test_run ();
}
