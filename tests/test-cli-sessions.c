/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "genu-test-cli.h"

/* Runs the built genu-cli (its path is in $GENU_CLI) for `genu-cli sessions`: list, show, add and
 * sign, each test on a database of its own in a temporary folder. */

/* An IASTM session with an exercise, every member of a session filled in except those the store
 * gives (id, patient_id, timestamps, signature). */
static const char session_json[] =
  "{\n"
  "  \"plan_id\": 0,\n"
  "  \"date\": \"2024-03-18\",\n"
  "  \"therapist\": \"Anna Berg\",\n"
  "  \"notes\": \"Tolerated well.\\nReview in one week.\",\n"
  "  \"amendment_reason\": \"\",\n"
  "  \"duration_minutes\": 40,\n"
  "  \"pain_before\": 6,\n"
  "  \"pain_after\": 3,\n"
  "  \"interventions\": [\n"
  "    {\"kind\": \"iastm\",\n"
  "     \"fields\": {\"instruments\": [\"gt2\", \"gt4\"],\n"
  "                \"regions\": [\"loc_pes_anserine\", \"adductors\"],\n"
  "                \"techniques\": [\"sweeping\"], \"minutes\": 4, \"pressure\": \"moderate\"},\n"
  "     \"note\": \"Mild erythema, gone after 10 min.\"},\n"
  "    {\"kind\": \"exercise\",\n"
  "     \"fields\": {\"exercise\": \"Side-lying hip abduction\", \"sets\": 3, \"reps\": 15,\n"
  "                \"load\": \"2 kg\", \"side\": \"left\"},\n"
  "     \"note\": \"\"}\n"
  "  ],\n"
  "  \"signed_by\": \"\",\n"
  "  \"signed_at\": \"\",\n"
  "  \"amends_id\": 0\n"
  "}\n";

/* A later session, the newest of the list. */
static const char later_session_json[] =
  "{\"date\": \"2024-03-25\", \"therapist\": \"Ben Ode\",\n"
  " \"interventions\": [{\"kind\": \"education\", \"fields\": {\"topic\": \"Load\"}}]}\n";

/* Three interventions, each with something wrong, and a pain out of range. */
static const char invalid_json[] =
  "{\"date\": \"2024-03-19\", \"therapist\": \"Anna Berg\", \"pain_before\": 12,\n"
  " \"interventions\": [\n"
  "   {\"kind\": \"iastm\",\n"
  "    \"fields\": {\"instruments\": [\"gt9\"], \"regions\": [\"adductors\"], \"minutes\": 45}},\n"
  "   {\"kind\": \"cupping\", \"fields\": {}},\n"
  "   {\"kind\": \"exercise\", \"fields\": {\"exercise\": \"Squat\", \"sets\": \"three\"}}\n"
  " ]}\n";

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
parse_id (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gint64 id = 0;

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_true (g_ascii_string_to_signed (stripped, 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

static gint64
add_patient (Fixture *fixture)
{
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "patients", "add", "--family",
                                                   "Müller", "--given", "Zoë", "--dob",
                                                   "1985-04-23", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return parse_id (run->out);
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

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* `sessions add --patient @patient_id --json @path`, which must succeed; the new id. */
static gint64
add_session (Fixture    *fixture,
             gint64      patient_id,
             const char *path,
             const char *input)
{
  g_autofree char *patient = format_id (patient_id);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, input, "sessions", "add", "--patient",
                                                   patient, "--json", path, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return parse_id (run->out);
}

static JsonNode *
show_json (Fixture *fixture,
           gint64   id)
{
  g_autofree char *id_text = format_id (id);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "sessions", "show", id_text,
                                                   "--json", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return parse_json (run->out);
}

static JsonNode *
list_json (Fixture *fixture,
           gint64   patient_id)
{
  g_autofree char *patient = format_id (patient_id);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "sessions", "list", "--patient",
                                                   patient, "--json", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return parse_json (run->out);
}

/* @session (as `show --json` prints it) without what the store gives every new session. */
static JsonNode *
without_bookkeeping (JsonNode *session)
{
  JsonNode *copy = json_node_copy (session);
  JsonObject *object = json_node_get_object (copy);

  g_assert_cmpint (json_object_get_int_member (object, "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (object, "updated_at"), !=, "");
  json_object_remove_member (object, "id");
  json_object_remove_member (object, "created_at");
  json_object_remove_member (object, "updated_at");
  return copy;
}

static void
test_add_show_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  g_autofree char *path = write_file (fixture, "session.json", session_json);
  g_autofree char *again_path = NULL;
  g_autoptr(JsonNode) expected = parse_json (session_json);
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) shown_again = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(JsonNode) actual_again = NULL;
  g_autofree char *shown_text = NULL;
  gint64 id, again_id;

  id = add_session (fixture, patient_id, path, NULL);

  /* Every member comes back as it was given, with the patient of --patient. */
  json_object_set_int_member (json_node_get_object (expected), "patient_id", patient_id);
  shown = show_json (fixture, id);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "id"), ==, id);
  actual = without_bookkeeping (shown);
  assert_json_equal (actual, expected);

  /* What `show --json` prints is what `add` reads: a second, equal session. */
  shown_text = node_to_string (shown);
  again_path = write_file (fixture, "shown.json", shown_text);
  again_id = add_session (fixture, patient_id, again_path, NULL);
  g_assert_cmpint (again_id, !=, id);
  shown_again = show_json (fixture, again_id);
  actual_again = without_bookkeeping (shown_again);
  assert_json_equal (actual_again, actual);
}

static void
test_add_stdin (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  g_autoptr(JsonNode) expected = parse_json (session_json);
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) actual = NULL;
  gint64 id;

  id = add_session (fixture, patient_id, "-", session_json);

  json_object_set_int_member (json_node_get_object (expected), "patient_id", patient_id);
  shown = show_json (fixture, id);
  actual = without_bookkeeping (shown);
  assert_json_equal (actual, expected);
}

/* The patient is the one of --patient, whatever the file says; the id of the file is not
 * taken either. */
static void
test_add_overrides_patient (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 first = add_patient (fixture);
  gint64 second = add_patient (fixture);
  g_autoptr(JsonNode) document = parse_json (session_json);
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  json_object_set_int_member (json_node_get_object (document), "patient_id", first);
  json_object_set_int_member (json_node_get_object (document), "id", 999);
  text = node_to_string (document);
  id = add_session (fixture, second, "-", text);
  g_assert_cmpint (id, !=, 999);

  shown = show_json (fixture, id);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (shown), "patient_id"), ==,
                   second);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  gint64 other_patient = add_patient (fixture);
  g_autofree char *patient = format_id (patient_id);
  g_autofree char *path = write_file (fixture, "session.json", session_json);
  g_autofree char *later_path = write_file (fixture, "later.json", later_session_json);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) other_list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(CliRun) table = NULL;
  JsonArray *array;
  gint64 first, later;

  first = add_session (fixture, patient_id, path, NULL);
  later = add_session (fixture, patient_id, later_path, NULL);
  add_session (fixture, other_patient, path, NULL);

  /* Newest first, only this patient's, each as `show --json` prints it. */
  list = list_json (fixture, patient_id);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (list));
  array = json_node_get_array (list);
  g_assert_cmpint (json_array_get_length (array), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"),
                   ==, later);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 1), "id"),
                   ==, first);
  shown = show_json (fixture, first);
  assert_json_equal (json_array_get_element (array, 1), shown);

  table = genu_test_cli_run_input (fixture, NULL, "sessions", "list", "--patient", patient, NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_cmpstr (table->err, ==, "");
  g_assert_true (g_str_has_prefix (table->out, "ID"));
  g_assert_nonnull (strstr (table->out, "Therapist"));
  g_assert_nonnull (strstr (table->out, "2024-03-18"));
  g_assert_nonnull (strstr (table->out, "Anna Berg"));
  g_assert_nonnull (strstr (table->out, "6 → 3"));
  g_assert_nonnull (strstr (table->out, "Graston Technique / IASTM, Exercise therapy"));
  g_assert_nonnull (strstr (table->out, "Education"));
  /* The newest on the first line under the headers. */
  g_assert_true (strstr (table->out, "2024-03-25") < strstr (table->out, "2024-03-18"));
  g_assert_null (strstr (table->out, "signed by"));

  other_list = list_json (fixture, other_patient);
  g_assert_cmpint (json_array_get_length (json_node_get_array (other_list)), ==, 1);
}

static void
test_list_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  g_autofree char *patient = format_id (patient_id);
  g_autoptr(JsonNode) list = list_json (fixture, patient_id);
  g_autoptr(CliRun) table = NULL;

  g_assert_cmpint (json_array_get_length (json_node_get_array (list)), ==, 0);

  table = genu_test_cli_run_input (fixture, NULL, "sessions", "list", "--patient", patient, NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_cmpstr (table->out, ==, "This patient has no treatment session yet.\n");
}

static void
test_show_text (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  g_autofree char *path = write_file (fixture, "session.json", session_json);
  g_autofree char *id_text = NULL;
  g_autoptr(CliRun) run = NULL;

  id_text = format_id (add_session (fixture, patient_id, path, NULL));
  run = genu_test_cli_run_input (fixture, NULL, "sessions", "show", id_text, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, "2024-03-18"));
  g_assert_nonnull (strstr (run->out, "Anna Berg"));
  g_assert_nonnull (strstr (run->out, "40 min"));
  g_assert_nonnull (strstr (run->out, "6 → 3"));
  g_assert_nonnull (strstr (run->out, "Tolerated well."));
  g_assert_nonnull (strstr (run->out, "Review in one week."));
  /* Each intervention's summary line, then its note. */
  g_assert_nonnull (strstr (run->out, "1. Graston Technique / IASTM: GT2, GT4"));
  g_assert_nonnull (strstr (run->out, "4 min"));
  g_assert_nonnull (strstr (run->out, "moderate"));
  g_assert_nonnull (strstr (run->out, "Mild erythema, gone after 10 min."));
  g_assert_nonnull (strstr (run->out, "2. Exercise therapy: Side-lying hip abduction"));
  g_assert_nonnull (strstr (run->out, "Not signed yet."));
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const problems[] = {
    "genu-cli: pain_before: ",
    "genu-cli: interventions[0].instruments: ",
    "genu-cli: interventions[0].minutes: Minutes: type a number from 0.5 to 30.",
    "genu-cli: interventions[1].kind: “cupping” is not a kind of intervention.",
    "genu-cli: interventions[2].sets: ",
  };
  gint64 patient_id = add_patient (fixture);
  g_autofree char *patient = format_id (patient_id);
  g_autofree char *path = write_file (fixture, "session.json", session_json);
  g_autofree char *invalid_path = write_file (fixture, "invalid.json", invalid_json);
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_auto(GStrv) lines = NULL;

  add_session (fixture, patient_id, path, NULL);
  before = list_json (fixture, patient_id);

  run = genu_test_cli_run_input (fixture, NULL, "sessions", "add", "--patient", patient, "--json",
                                 invalid_path, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");

  /* Every problem on a line of its own, named by where it is. */
  lines = g_strsplit (run->err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (problems) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    g_assert_true (g_str_has_prefix (lines[i], problems[i]));
  g_assert_nonnull (strstr (run->err, "gt9"));
  g_assert_cmpstr (lines[G_N_ELEMENTS (problems)], ==, "");

  /* Nothing saved. */
  after = list_json (fixture, patient_id);
  assert_json_equal (after, before);
}

typedef struct
{
  const char *name;
  const char *json;
  const char *problem;   /* the start of the line that tells it */
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { "not-json", "{\"date\": ", "genu-cli: The session in " },
  { "not-object", "[]", "genu-cli: A session must be a JSON object" },
  { "empty", "", "genu-cli: The session in " },
  { "no-interventions",
    "{\"date\": \"2024-03-18\", \"therapist\": \"A\", \"interventions\": []}",
    "genu-cli: interventions: " },
  { "no-date",
    "{\"therapist\": \"A\", \"interventions\": [{\"kind\": \"education\", "
    "\"fields\": {\"topic\": \"x\"}}]}",
    "genu-cli: date: " },
  { "future-date",
    "{\"date\": \"2999-01-01\", \"therapist\": \"A\", \"interventions\": [{\"kind\": "
    "\"education\", \"fields\": {\"topic\": \"x\"}}]}",
    "genu-cli: date: The session date cannot be in the future." },
  { "signed",
    "{\"date\": \"2024-03-18\", \"therapist\": \"A\", \"signed_by\": \"A\", \"interventions\": "
    "[{\"kind\": \"education\", \"fields\": {\"topic\": \"x\"}}]}",
    "genu-cli: signed_by: " },
  { "unknown-member",
    "{\"date\": \"2024-03-18\", \"therapist\": \"A\", \"painn_before\": 3, \"interventions\": "
    "[{\"kind\": \"education\", \"fields\": {\"topic\": \"x\"}}]}",
    "genu-cli: painn_before: " },
  { "wrong-type",
    "{\"date\": \"2024-03-18\", \"therapist\": [\"A\"], \"interventions\": "
    "[{\"kind\": \"education\", \"fields\": {\"topic\": \"x\"}}]}",
    "genu-cli: therapist: " },
  { "unknown-field",
    "{\"date\": \"2024-03-18\", \"therapist\": \"A\", \"interventions\": "
    "[{\"kind\": \"education\", \"fields\": {\"topic\": \"x\", \"speed\": 2}}]}",
    "genu-cli: interventions[0].speed: " },
  { "not-an-intervention",
    "{\"date\": \"2024-03-18\", \"therapist\": \"A\", \"interventions\": [\"iastm\"]}",
    "genu-cli: interventions[0]: " },
};

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  const RefusedCase *refused = data;
  gint64 patient_id = add_patient (fixture);
  g_autofree char *patient = format_id (patient_id);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, refused->json, "sessions", "add",
                                                   "--patient", patient, "--json", "-", NULL);
  g_autoptr(JsonNode) list = NULL;

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, refused->problem));

  list = list_json (fixture, patient_id);
  g_assert_cmpint (json_array_get_length (json_node_get_array (list)), ==, 0);
}

static void
test_add_missing_file (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  g_autofree char *patient = format_id (patient_id);
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.json", NULL);
  g_autoptr(CliRun) run = genu_test_cli_run_input (fixture, NULL, "sessions", "add", "--patient",
                                                   patient, "--json", path, NULL);

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: There is no file "));
}

static void
test_sign (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 patient_id = add_patient (fixture);
  g_autofree char *patient = format_id (patient_id);
  g_autofree char *path = write_file (fixture, "session.json", session_json);
  g_autofree char *id_text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CliRun) sign = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) show = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *object;
  gint64 id;

  id = add_session (fixture, patient_id, path, NULL);
  id_text = format_id (id);

  sign = genu_test_cli_run_input (fixture, NULL, "sessions", "sign", id_text, "--by", "Anna Berg",
                                  NULL);
  g_assert_cmpint (sign->status, ==, 0);
  g_assert_cmpstr (sign->err, ==, "");
  expected = g_strdup_printf ("Signed session %s by Anna Berg.\n", id_text);
  g_assert_cmpstr (sign->out, ==, expected);

  show = genu_test_cli_run_input (fixture, NULL, "sessions", "show", id_text, NULL);
  g_assert_cmpint (show->status, ==, 0);
  g_assert_nonnull (strstr (show->out, "Signed by Anna Berg on "));
  g_assert_null (strstr (show->out, "Not signed yet."));

  shown = show_json (fixture, id);
  object = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "signed_by"), ==, "Anna Berg");
  g_assert_cmpstr (json_object_get_string_member (object, "signed_at"), !=, "");

  table = genu_test_cli_run_input (fixture, NULL, "sessions", "list", "--patient", patient, NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_nonnull (strstr (table->out, "signed by Anna Berg"));

  /* Signed once, by one person. */
  again = genu_test_cli_run_input (fixture, NULL, "sessions", "sign", id_text, "--by", "Ben Ode",
                                   NULL);
  g_assert_cmpint (again->status, ==, 2);
  g_assert_cmpstr (again->out, ==, "");
  g_assert_true (g_str_has_prefix (again->err, "genu-cli: This session note is already signed "
                                                "by Anna Berg"));
}

/* Ids that are numbers but name nothing: refused input, exit 2, with the store's message. */
static void
test_unknown_ids (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (fixture, "session.json", session_json);
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) show = NULL;
  g_autoptr(CliRun) add = NULL;
  g_autoptr(CliRun) sign = NULL;

  add_patient (fixture);

  list = genu_test_cli_run_input (fixture, NULL, "sessions", "list", "--patient", "42", NULL);
  g_assert_cmpint (list->status, ==, 2);
  g_assert_cmpstr (list->out, ==, "");
  g_assert_true (g_str_has_prefix (list->err, "genu-cli: "));
  g_assert_nonnull (strstr (list->err, "42"));

  add = genu_test_cli_run_input (fixture, NULL, "sessions", "add", "--patient", "42", "--json",
                                 path, NULL);
  g_assert_cmpint (add->status, ==, 2);
  g_assert_cmpstr (add->out, ==, "");
  g_assert_nonnull (strstr (add->err, "42"));

  show = genu_test_cli_run_input (fixture, NULL, "sessions", "show", "42", NULL);
  g_assert_cmpint (show->status, ==, 2);
  g_assert_cmpstr (show->out, ==, "");
  g_assert_cmpstr (show->err, ==, "genu-cli: There is no session with id 42.\n");

  sign = genu_test_cli_run_input (fixture, NULL, "sessions", "sign", "42", "--by", "Anna Berg",
                                  NULL);
  g_assert_cmpint (sign->status, ==, 2);
  g_assert_cmpstr (sign->out, ==, "");
  g_assert_cmpstr (sign->err, ==, "genu-cli: There is no session with id 42.\n");
}

typedef struct
{
  const char *name;
  const char *args[9];
} UsageCase;

static const UsageCase usage_cases[] = {
  { "no-command", { "sessions" } },
  { "unknown-command", { "sessions", "delete", "1" } },
  { "list/no-patient", { "sessions", "list" } },
  { "list/bad-patient", { "sessions", "list", "--patient", "abc" } },
  { "list/stray-argument", { "sessions", "list", "--patient", "1", "2" } },
  { "show/no-id", { "sessions", "show" } },
  { "show/bad-id", { "sessions", "show", "abc" } },
  { "show/negative-id", { "sessions", "show", "-1" } },
  { "show/two-ids", { "sessions", "show", "1", "2" } },
  { "add/no-patient", { "sessions", "add", "--json", "-" } },
  { "add/bad-patient", { "sessions", "add", "--patient", "one", "--json", "-" } },
  { "add/no-json", { "sessions", "add", "--patient", "1" } },
  { "add/stray-argument", { "sessions", "add", "--patient", "1", "session.json" } },
  { "sign/no-by", { "sessions", "sign", "1" } },
  { "sign/no-id", { "sessions", "sign", "--by", "Anna Berg" } },
  { "sign/bad-id", { "sessions", "sign", "1x", "--by", "Anna Berg" } },
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

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CliRun) top = genu_test_cli_run_input (fixture, NULL, "--help", NULL);
  g_autoptr(CliRun) group = genu_test_cli_run_input (fixture, NULL, "sessions", "--help", NULL);
  g_autoptr(CliRun) add = genu_test_cli_run_input (fixture, NULL, "sessions", "add", "--help",
                                                   NULL);

  g_assert_cmpint (top->status, ==, 0);
  g_assert_nonnull (strstr (top->out, "  sessions "));
  g_assert_cmpint (group->status, ==, 0);
  g_assert_nonnull (strstr (group->out, "genu-cli sessions"));
  g_assert_nonnull (strstr (group->out, "sign"));
  g_assert_cmpint (add->status, ==, 0);
  g_assert_nonnull (strstr (add->out, "--patient"));
  g_assert_nonnull (strstr (add->out, "--json"));
}

#define add_test(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/sessions/add/round-trip", test_add_show_round_trip, NULL);
  add_test ("/cli/sessions/add/stdin", test_add_stdin, NULL);
  add_test ("/cli/sessions/add/patient-from-option", test_add_overrides_patient, NULL);
  add_test ("/cli/sessions/add/invalid", test_invalid, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/sessions/add/refused/%s", refused_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_refused, &refused_cases[i]);
    }
  add_test ("/cli/sessions/add/missing-file", test_add_missing_file, NULL);
  add_test ("/cli/sessions/list", test_list, NULL);
  add_test ("/cli/sessions/list/empty", test_list_empty, NULL);
  add_test ("/cli/sessions/show/text", test_show_text, NULL);
  add_test ("/cli/sessions/sign", test_sign, NULL);
  add_test ("/cli/sessions/unknown-ids", test_unknown_ids, NULL);
  add_test ("/cli/sessions/help", test_help, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/sessions/usage/%s", usage_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_usage, &usage_cases[i]);
    }

  return g_test_run ();
}
