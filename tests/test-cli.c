/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "genu-store.h"
#include "genu-test-cli.h"

/* Runs the built genu-cli (its path is in $GENU_CLI) as clinic staff and scripts would, each test
 * on a database of its own in a temporary folder. */

static GPtrArray *
collect_args (const char *first,
              va_list     more)
{
  GPtrArray *args = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (more, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  return args;
}

/* Runs genu-cli --database <the fixture's database> @first ... */
static CliRun *
cli_run (Fixture    *fixture,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static CliRun *
cli_run (Fixture    *fixture,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list more;

  va_start (more, first);
  args = collect_args (first, more);
  va_end (more);

  g_ptr_array_insert (args, 0, "--database");
  g_ptr_array_insert (args, 1, fixture->database);
  return genu_test_cli_runv (NULL, NULL, (const char * const *) args->pdata);
}

/* Runs genu-cli exactly with the arguments given, with @env added to its environment. */
static CliRun *
cli_run_env (const char * const *env,
             const char         *first,
             ...) G_GNUC_NULL_TERMINATED;

static CliRun *
cli_run_env (const char * const *env,
             const char         *first,
             ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list more;

  va_start (more, first);
  args = collect_args (first, more);
  va_end (more);

  return genu_test_cli_runv (env, NULL, (const char * const *) args->pdata);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
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
add_patient (Fixture    *fixture,
             const char *family,
             const char *given,
             const char *dob)
{
  g_autoptr(CliRun) run = cli_run (fixture, "patients", "add", "--family", family,
                                   "--given", given, "--dob", dob, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  return parse_id (run->out);
}

/* The patient's JSON object, from `patients show ID --json`. */
static JsonNode *
show_json (Fixture *fixture,
           gint64   id)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr(CliRun) run = cli_run (fixture, "patients", "show", id_text, "--json", NULL);
  JsonNode *node;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  node = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

/* The array from `patients list --json`, with --search @search when not NULL. */
static JsonNode *
list_json (Fixture    *fixture,
           const char *search,
           gboolean    archived)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  JsonNode *node;

  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, fixture->database);
  g_ptr_array_add (args, "patients");
  g_ptr_array_add (args, "list");
  g_ptr_array_add (args, "--json");
  if (search != NULL)
    {
      g_ptr_array_add (args, "--search");
      g_ptr_array_add (args, (gpointer) search);
    }
  if (archived)
    g_ptr_array_add (args, "--archived");
  g_ptr_array_add (args, NULL);

  run = genu_test_cli_runv (NULL, NULL, (const char * const *) args->pdata);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  node = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return node;
}

/* The family names in a list, in order, e.g. "Baker,Müller". */
static char *
family_names (JsonNode *list)
{
  JsonArray *array = json_node_get_array (list);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              json_object_get_string_member (object, "family_name"));
    }
  return g_strdup (names->str);
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) shown = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id_text = NULL;
  JsonObject *object;
  gint64 id;

  run = cli_run (fixture, "patients", "add", "--family", "Müller", "--given", "Zoë Anne",
                 "--dob", "1985-04-23", "--sex", "female", "--email", "zoe@example.com",
                 "--phone", "+49 30 1234567", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  id = parse_id (run->out);

  node = show_json (fixture, id);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "family_name"), ==, "Müller");
  g_assert_cmpstr (json_object_get_string_member (object, "given_names"), ==, "Zoë Anne");
  g_assert_cmpstr (json_object_get_string_member (object, "date_of_birth"), ==, "1985-04-23");
  g_assert_cmpstr (json_object_get_string_member (object, "sex"), ==, "female");
  g_assert_cmpstr (json_object_get_string_member (object, "email"), ==, "zoe@example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "phone"), ==, "+49 30 1234567");
  g_assert_cmpstr (json_object_get_string_member (object, "record_number"), ==, "G-000001");
  g_assert_false (json_object_get_boolean_member (object, "archived"));
  g_assert_true (json_object_get_null_member (object, "weekly_distance_km"));

  /* The readable form has a labelled line for each field. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  shown = cli_run (fixture, "patients", "show", id_text, NULL);
  g_assert_cmpint (shown->status, ==, 0);
  g_assert_cmpstr (shown->err, ==, "");
  g_assert_nonnull (strstr (shown->out, "Family name:"));
  g_assert_nonnull (strstr (shown->out, "Müller"));
  g_assert_nonnull (strstr (shown->out, "Given names:"));
  g_assert_nonnull (strstr (shown->out, "Zoë Anne"));
  g_assert_nonnull (strstr (shown->out, "Record number:"));
  g_assert_nonnull (strstr (shown->out, "G-000001"));
  g_assert_nonnull (strstr (shown->out, "1985-04-23"));
  g_assert_nonnull (strstr (shown->out, "Female"));
  g_assert_nonnull (strstr (shown->out, "zoe@example.com"));
  g_assert_nonnull (strstr (shown->out, "+49 30 1234567"));
  g_assert_nonnull (strstr (shown->out, "Weekly distance:"));
}

static void
test_add_second (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  gint64 id1, id2;

  id1 = add_patient (fixture, "Baker", "John", "1990-01-15");
  id2 = add_patient (fixture, "Baker", "Jane", "1991-02-16");
  g_assert_cmpint (id1, !=, id2);

  first = show_json (fixture, id1);
  second = show_json (fixture, id2);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (second), "record_number"),
                   !=,
                   json_object_get_string_member (json_node_get_object (first), "record_number"));
  /* Without --sex the sex is not recorded. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (first), "sex"), ==,
                   "unknown");
}

static void
test_database_after_command (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *file = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *wrong = g_build_filename (file, "wrong.db", NULL);
  g_autoptr(CliRun) add = NULL;
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) refused = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  add = cli_run_env (NULL, "patients", "add", "--family", "Baker", "--given", "John",
                     "--dob", "1990-01-15", "--database", fixture->database, NULL);
  g_assert_cmpint (add->status, ==, 0);
  parse_id (add->out);

  /* A database inside a plain file cannot be made, not even by root: a run that used it fails
   * and leaves nothing behind. */
  g_file_set_contents (file, "", -1, &error);
  g_assert_no_error (error);
  refused = cli_run_env (NULL, "--database", wrong, "patients", "list", NULL);
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_true (g_str_has_prefix (refused->err, "genu-cli: "));

  /* Between the group and its command, and given twice: the last one counts. */
  list = cli_run_env (NULL, "--database", wrong, "patients",
                      "--database", fixture->database, "list", "--json", NULL);
  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpstr (list->err, ==, "");
  node = parse_json (list->out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (node)), ==, 1);
}

static void
test_database_from_environment (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *env[] = { "GENU_DATABASE", fixture->database, NULL };
  g_autoptr(CliRun) add = NULL;
  g_autoptr(CliRun) list = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *names = NULL;

  g_assert_false (file_exists (fixture->database));
  add = cli_run_env (env, "patients", "add", "--family", "Baker", "--given", "John",
                     "--dob", "1990-01-15", NULL);
  g_assert_cmpint (add->status, ==, 0);
  parse_id (add->out);
  g_assert_true (file_exists (fixture->database));

  list = cli_run_env (env, "patients", "list", "--json", NULL);
  g_assert_cmpint (list->status, ==, 0);
  node = parse_json (list->out);
  names = family_names (node);
  g_assert_cmpstr (names, ==, "Baker");
}

static void
test_list_table (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) empty = NULL;
  g_autoptr(CliRun) run = NULL;

  empty = cli_run (fixture, "patients", "list", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_cmpstr (empty->err, ==, "");

  add_patient (fixture, "Müller", "Zoë", "1985-04-23");
  add_patient (fixture, "Baker", "John", "1990-01-15");

  run = cli_run (fixture, "patients", "list", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, "Record number"));
  g_assert_nonnull (strstr (run->out, "Date of birth"));
  g_assert_nonnull (strstr (run->out, "Müller, Zoë"));
  g_assert_nonnull (strstr (run->out, "Baker, John"));
  g_assert_nonnull (strstr (run->out, "G-000001"));
  g_assert_nonnull (strstr (run->out, "1990-01-15"));
  g_assert_true (strstr (run->out, "archived") == NULL);
  /* Sorted by name: Baker first. */
  g_assert_true (strstr (run->out, "Baker") < strstr (run->out, "Müller"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (a, b);
}

/* @names (a list of strings, freed here but not its strings), sorted, one a line. */
static char *
sorted_lines (GList *names)
{
  g_autoptr(GString) lines = g_string_new (NULL);

  names = g_list_sort (names, compare_strings);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (lines, "%s\n", (const char *) l->data);
  g_list_free (names);
  return g_strdup (lines->str);
}

static char *
database_columns (const char *path)
{
  sqlite3 *db = genu_test_sqlite_open (path);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GList *list = NULL;
  char *lines;

  /* Every column but the names folded for the search (schema version 7), made from the others. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info('patients')"
                                           " WHERE name NOT IN ('family_key', 'given_key')", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  for (guint i = 0; i < names->len; i++)
    list = g_list_prepend (list, g_ptr_array_index (names, i));
  lines = sorted_lines (list);
  return lines;
}

static void
test_list_json (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *names = NULL;
  JsonArray *array;

  add_patient (fixture, "Müller", "Zoë", "1985-04-23");
  add_patient (fixture, "Baker", "John", "1990-01-15");

  node = list_json (fixture, NULL, FALSE);
  array = json_node_get_array (node);
  g_assert_cmpint (json_array_get_length (array), ==, 2);
  names = family_names (node);
  g_assert_cmpstr (names, ==, "Baker,Müller");

  columns = database_columns (fixture->database);
  g_assert_nonnull (strstr (columns, "family_name\n"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autofree char *members = sorted_lines (json_object_get_members (object));

      g_assert_cmpstr (members, ==, columns);
    }
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *found;
  } searches[] = {
    { "Baker", "Baker" },          /* family name */
    { "baker", "Baker" },
    { "John", "Baker" },           /* given name */
    { "Zoë", "Müller" },
    { "zoe", "Müller" },           /* accents do not matter */
    { "1990-01-15", "Baker" },     /* date of birth */
    { "1985-04", "Müller" },
    { "Baker John", "Baker" },     /* every word must match */
    { "Baker Zoë", "" },
    { "nobody", "" },
    { "", "Baker,Müller" },
  };
  g_autoptr(JsonNode) baker = NULL;
  g_autoptr(JsonNode) by_record_number = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autofree char *names = NULL;
  const char *record_number;
  gint64 id;

  add_patient (fixture, "Müller", "Zoë", "1985-04-23");
  id = add_patient (fixture, "Baker", "John", "1990-01-15");

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr(JsonNode) node = list_json (fixture, searches[i].search, FALSE);
      g_autofree char *found = family_names (node);

      g_test_message ("search “%s”", searches[i].search);
      g_assert_cmpstr (found, ==, searches[i].found);
    }

  baker = show_json (fixture, id);
  record_number = json_object_get_string_member (json_node_get_object (baker), "record_number");
  by_record_number = list_json (fixture, record_number, FALSE);
  names = family_names (by_record_number);
  g_assert_cmpstr (names, ==, "Baker");

  /* A search that finds nobody is no error; the table says so in words. */
  table = cli_run (fixture, "patients", "list", "--search", "nobody", NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_cmpstr (table->err, ==, "");
  g_assert_true (strstr (table->out, "Baker") == NULL);
}

static void
test_list_archived (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) active = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(CliRun) table_all = NULL;
  g_autofree char *active_names = NULL;
  g_autofree char *all_names = NULL;
  JsonArray *array;
  gint64 baker;

  add_patient (fixture, "Müller", "Zoë", "1985-04-23");
  baker = add_patient (fixture, "Baker", "John", "1990-01-15");

  store = genu_store_open (fixture->database, &error);
  g_assert_no_error (error);
  genu_store_set_patient_archived (store, baker, TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  active = list_json (fixture, NULL, FALSE);
  active_names = family_names (active);
  g_assert_cmpstr (active_names, ==, "Müller");

  all = list_json (fixture, NULL, TRUE);
  all_names = family_names (all);
  g_assert_cmpstr (all_names, ==, "Baker,Müller");
  array = json_node_get_array (all);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0),
                                                 "archived"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (array, 1),
                                                  "archived"));

  table = cli_run (fixture, "patients", "list", NULL);
  g_assert_cmpint (table->status, ==, 0);
  g_assert_true (strstr (table->out, "Baker") == NULL);
  g_assert_nonnull (strstr (table->out, "Müller"));

  table_all = cli_run (fixture, "patients", "list", "--archived", NULL);
  g_assert_cmpint (table_all->status, ==, 0);
  g_assert_nonnull (strstr (table_all->out, "Baker"));
  g_assert_nonnull (strstr (table_all->out, "archived"));
}

static void
test_show_unknown_id (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) json = NULL;

  add_patient (fixture, "Baker", "John", "1990-01-15");

  run = cli_run (fixture, "patients", "show", "42", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "There is no patient with id 42."));

  json = cli_run (fixture, "patients", "show", "42", "--json", NULL);
  g_assert_cmpint (json->status, ==, 2);
  g_assert_cmpstr (json->out, ==, "");
  g_assert_nonnull (strstr (json->err, "There is no patient with id 42."));
}

/* Input that genu-cli must refuse: each line of stderr names a field and says why. */
typedef struct
{
  const char *name;
  const char *family;
  const char *dob;            /* NULL: a year from today */
  const char *sex;            /* NULL: not given */
  const char *email;          /* NULL: not given */
  const char *fields[5];      /* the fields named, in the order printed */
  const char *reasons[5];     /* a piece of the reason for each */
} RefusedCase;

static const RefusedCase refused_cases[] = {
  { "future-dob", "Mustermann", NULL, NULL, NULL,
    { "date_of_birth" }, { "cannot be in the future" } },
  { "malformed-date", "Mustermann", "23.04.1985", NULL, NULL,
    { "date_of_birth" }, { "YYYY-MM-DD" } },
  { "impossible-date", "Mustermann", "2023-02-30", NULL, NULL,
    { "date_of_birth" }, { "not a real date" } },
  { "dob-before-1900", "Mustermann", "1899-12-31", NULL, NULL,
    { "date_of_birth" }, { "before 1900" } },
  { "empty-family-name", "", "1985-04-23", NULL, NULL,
    { "family_name" }, { "required" } },
  { "blank-family-name", "   ", "1985-04-23", NULL, NULL,
    { "family_name" }, { "required" } },
  { "bad-email", "Mustermann", "1985-04-23", NULL, "erika@example",
    { "email" }, { "name@example.com" } },
  { "bad-sex", "Mustermann", "1985-04-23", "yes", NULL,
    { "sex" }, { "female, male, other or unknown" } },
  { "every-rule", "", "1985-02-30", "f", "erika at example.com",
    { "family_name", "date_of_birth", "email", "sex" },
    { "required", "not a real date", "name@example.com", "female, male, other or unknown" } },
};

static void
test_add_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  const RefusedCase *refused = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *future = NULL;
  guint n_fields = 0;

  if (refused->dob == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);

      future = g_date_time_format (next_year, "%Y-%m-%d");
    }

  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, fixture->database);
  g_ptr_array_add (args, "patients");
  g_ptr_array_add (args, "add");
  g_ptr_array_add (args, "--family");
  g_ptr_array_add (args, (gpointer) refused->family);
  g_ptr_array_add (args, "--given");
  g_ptr_array_add (args, "Erika");
  g_ptr_array_add (args, "--dob");
  g_ptr_array_add (args, refused->dob != NULL ? (gpointer) refused->dob : future);
  if (refused->sex != NULL)
    {
      g_ptr_array_add (args, "--sex");
      g_ptr_array_add (args, (gpointer) refused->sex);
    }
  if (refused->email != NULL)
    {
      g_ptr_array_add (args, "--email");
      g_ptr_array_add (args, (gpointer) refused->email);
    }
  g_ptr_array_add (args, NULL);

  run = genu_test_cli_runv (NULL, NULL, (const char * const *) args->pdata);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");

  /* One line per broken rule, each "genu-cli: FIELD: REASON", and nothing else. */
  while (n_fields < G_N_ELEMENTS (refused->fields) && refused->fields[n_fields] != NULL)
    n_fields++;
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  lines = g_strsplit (run->err, "\n", -1);
  g_assert_cmpint (g_strv_length (lines), ==, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("genu-cli: %s: ", refused->fields[i]);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
      g_assert_nonnull (strstr (lines[i], refused->reasons[i]));
    }

  /* Nothing was written: not even an empty database. */
  g_assert_false (file_exists (fixture->database));
  list = list_json (fixture, NULL, TRUE);
  g_assert_cmpint (json_array_get_length (json_node_get_array (list)), ==, 0);
}

/* Wrong usage: exit status 1 and a usage message on stderr. */
typedef struct
{
  const char *name;
  const char *args[10];
} UsageCase;

static const UsageCase usage_cases[] = {
  { "no-command", { NULL } },
  { "unknown-command", { "frobnicate" } },
  { "unknown-option", { "patients", "list", "--frobnicate" } },
  { "unknown-global-option", { "--frobnicate", "patients", "list" } },
  { "no-patients-command", { "patients" } },
  { "unknown-patients-command", { "patients", "delete", "1" } },
  { "missing-dob", { "patients", "add", "--family", "Mustermann", "--given", "Erika" } },
  { "missing-value", { "patients", "add", "--family", "Mustermann", "--given", "Erika",
                       "--dob" } },
  { "stray-argument", { "patients", "list", "muster" } },
  { "non-numeric-id", { "patients", "show", "abc" } },
  { "missing-id", { "patients", "show" } },
  { "two-ids", { "patients", "show", "1", "2" } },
  { "empty-database-path", { "patients", "list", "--database", "" } },
};

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const UsageCase *usage = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliRun) run = NULL;

  g_ptr_array_add (args, "--database");
  g_ptr_array_add (args, fixture->database);
  for (guint i = 0; usage->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) usage->args[i]);
  g_ptr_array_add (args, NULL);

  run = genu_test_cli_runv (NULL, NULL, (const char * const *) args->pdata);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
  g_assert_nonnull (strstr (run->err, "Usage:"));
  g_assert_false (file_exists (fixture->database));
}

typedef struct
{
  const char *name;
  const char *args[4];
  const char *expected;       /* a piece of the help text */
} HelpCase;

static const HelpCase help_cases[] = {
  { "top", { "--help" }, "patients" },
  { "top/short", { "-h" }, "--database" },
  { "patients", { "patients", "--help" }, "show" },
  { "patients/add", { "patients", "add", "--help" }, "--dob" },
  { "patients/list", { "patients", "list", "--help" }, "--search" },
  { "patients/show", { "patients", "show", "--help" }, "--json" },
};

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const HelpCase *help = data;
  g_autoptr(CliRun) run = NULL;

  run = genu_test_cli_runv (NULL, NULL, help->args);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, "Usage:"));
  g_assert_nonnull (strstr (run->out, "genu-cli"));
  g_assert_nonnull (strstr (run->out, help->expected));
  g_assert_nonnull (strstr (run->out, "--database"));
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CliRun) run = cli_run_env (NULL, "--version", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, PACKAGE_VERSION));
}

static void
test_database_newer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) add = NULL;
  sqlite3 *db;
  gsize size = 0;

  db = genu_test_sqlite_open (fixture->database);
  genu_test_sqlite_exec (db, "PRAGMA user_version = 99");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = genu_test_file_sha256 (fixture->database, &size);
  g_assert_cmpint (size, >, 0);

  list = cli_run (fixture, "patients", "list", NULL);
  g_assert_cmpint (list->status, ==, 2);
  g_assert_cmpstr (list->out, ==, "");
  g_assert_nonnull (strstr (list->err, "newer"));

  add = cli_run (fixture, "patients", "add", "--family", "Baker", "--given", "John",
                 "--dob", "1990-01-15", NULL);
  g_assert_cmpint (add->status, ==, 2);
  g_assert_cmpstr (add->out, ==, "");
  g_assert_nonnull (strstr (add->err, "newer"));

  after = genu_test_file_sha256 (fixture->database, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (genu_test_sidecar_exists (fixture->database, "-wal"));
  g_assert_false (genu_test_sidecar_exists (fixture->database, "-shm"));
  g_assert_false (genu_test_sidecar_exists (fixture->database, "-journal"));
}

static void
test_database_not_a_database (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *contents = "Patients: see the paper files in the cupboard.\n";
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->database, contents, -1, &error);
  g_assert_no_error (error);

  run = cli_run (fixture, "patients", "list", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
  g_assert_nonnull (strstr (run->err, "not a Genu database"));

  g_file_get_contents (fixture->database, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, contents);
}

/* Debug output ends up in bug reports: it may carry ids, never names or contact details. */
static void
test_no_patient_data_in_debug (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *env[] = { "G_MESSAGES_DEBUG", "all", NULL };
  g_autoptr(CliRun) add = NULL;
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) show = NULL;
  const char *secrets[] = { "Müller", "Zoë", "zoe@example.com", "1234567", "1985-04-23" };

  add = cli_run_env (env, "--database", fixture->database, "patients", "add",
                     "--family", "Müller", "--given", "Zoë", "--dob", "1985-04-23",
                     "--email", "zoe@example.com", "--phone", "030 1234567", NULL);
  g_assert_cmpint (add->status, ==, 0);
  list = cli_run_env (env, "--database", fixture->database, "patients", "list",
                      "--search", "Müller", NULL);
  g_assert_cmpint (list->status, ==, 0);
  show = cli_run_env (env, "--database", fixture->database, "patients", "show", "1", NULL);
  g_assert_cmpint (show->status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_assert_true (strstr (add->err, secrets[i]) == NULL);
      g_assert_true (strstr (list->err, secrets[i]) == NULL);
      g_assert_true (strstr (show->err, secrets[i]) == NULL);
    }
}

#define add_test(path, func, data) \
  g_test_add ((path), Fixture, (data), fixture_set_up, (func), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);

  add_test ("/cli/patients/add", test_add, NULL);
  add_test ("/cli/patients/add/second", test_add_second, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/patients/add/%s", refused_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_add_refused, &refused_cases[i]);
    }
  add_test ("/cli/patients/list/table", test_list_table, NULL);
  add_test ("/cli/patients/list/json", test_list_json, NULL);
  add_test ("/cli/patients/list/search", test_list_search, NULL);
  add_test ("/cli/patients/list/archived", test_list_archived, NULL);
  add_test ("/cli/patients/show/unknown-id", test_show_unknown_id, NULL);
  add_test ("/cli/patients/debug-output", test_no_patient_data_in_debug, NULL);
  add_test ("/cli/database/after-command", test_database_after_command, NULL);
  add_test ("/cli/database/environment", test_database_from_environment, NULL);
  add_test ("/cli/database/newer", test_database_newer, NULL);
  add_test ("/cli/database/not-a-database", test_database_not_a_database, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/usage/%s", usage_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_usage, &usage_cases[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (help_cases); i++)
    {
      char *path = g_strdup_printf ("/cli/help/%s", help_cases[i].name);

      g_ptr_array_add (paths, path);
      add_test (path, test_help, &help_cases[i]);
    }
  add_test ("/cli/version", test_version, NULL);

  return g_test_run ();
}
