/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "genu-patient.h"
#include "genu-store.h"
#include "genu-validation.h"

/* Scripts act on the exit status, so each one has a single meaning (also told in --help). */
enum {
  CLI_EXIT_DONE = 0,
  CLI_EXIT_USAGE = 1,
  CLI_EXIT_REFUSED = 2,
};

/* What every level of the command line accepts, before or after the command. */
typedef struct
{
  char *database;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

/* @args holds the command's own name first, then what follows it on the command line. */
typedef int (*CliCommandFunc) (CliOptions  *options,
                               char       **args);

typedef struct
{
  const char     *name;
  CliCommandFunc  run;
} CliCommand;

static void print_error (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);
static int  usage_error (GOptionContext *context,
                         const char     *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_auto(GStrv) lines = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Each line gets the program name, so that every refused rule can be read (and grepped) on
   * its own. */
  lines = g_strsplit (message, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_printerr ("genu-cli: %s\n", lines[i]);
}

static int
usage_error (GOptionContext *context,
             const char     *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *help = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("genu-cli: %s\n\n%s", message, help);
  return CLI_EXIT_USAGE;
}

/* Command line arguments are not always valid UTF-8; messages must be. */
static char *
dup_printable_arg (const char *arg)
{
  return g_utf8_make_valid (arg, -1);
}

static gboolean
database_cb (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  CliOptions *options = data;

  /* genu_store_open() refuses an empty path; say so here, as a usage error. */
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s needs the path of a database file."), option_name);
      return FALSE;
    }

  /* The option may come before the command and again after it: the last one counts. */
  g_free (options->database);
  options->database = g_strdup (value);
  return TRUE;
}

/* A context for one level of the command line (@command is NULL for the top level), whose
 * --help shows the whole command in its usage line. */
static GOptionContext *
cli_context_new (CliOptions         *options,
                 const char         *command,
                 const char         *parameter_string,
                 const char         *summary,
                 const GOptionEntry *entries,
                 gboolean            stop_at_command)
{
  const GOptionEntry database_entries[] = {
    { "database", 0, G_OPTION_FLAG_FILENAME, G_OPTION_ARG_CALLBACK, (gpointer) database_cb,
      N_("Use the database file PATH instead of $GENU_DATABASE or the default one"),
      N_("PATH") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *prgname = NULL;
  GOptionContext *context;
  GOptionGroup *group;

  /* GOptionContext writes the program name in the usage line, as the gio tool does too. */
  prgname = command != NULL ? g_strconcat ("genu-cli ", command, NULL) : g_strdup ("genu-cli");
  g_set_prgname (prgname);

  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  /* Options of a command go after it: the first word that is not an option is the command. */
  g_option_context_set_strict_posix (context, stop_at_command);

  group = g_option_group_new ("genu-cli", NULL, NULL, options, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_group_add_entries (group, entries);
  g_option_group_add_entries (group, database_entries);
  g_option_context_set_main_group (context, group);

  return context;
}

/* Finds the command named @args[1] and runs it with the rest of @args. */
static int
run_command (GOptionContext   *context,
             const CliCommand *commands,
             gsize             n_commands,
             CliOptions       *options,
             char            **args)
{
  g_autofree char *name = NULL;

  for (gsize i = 0; i < n_commands; i++)
    if (g_strcmp0 (commands[i].name, args[1]) == 0)
      {
        g_auto(GStrv) command_args = g_strdupv (args + 1);

        return commands[i].run (options, command_args);
      }

  name = dup_printable_arg (args[1]);
  return usage_error (context, _("“%s” is not a command."), name);
}

static GenuStore *
open_store (CliOptions  *options,
            GError     **error)
{
  g_autofree char *path = NULL;

  path = options->database != NULL ? g_strdup (options->database) : genu_store_default_path ();
  return genu_store_open (path, error);
}

/* JSON goes out as UTF-8 whatever the locale, unlike g_print(), which converts to the locale's
 * character set: scripts need the bytes as they were saved. */
static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* Names and notes are typed by people and may hold anything: control characters must not reach
 * a terminal, where they could move the cursor or change colours. */
static char *
dup_printable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }

  return g_string_free (out, FALSE);
}

/* The number of terminal columns @text takes, for aligning tables. */
static gsize
text_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

static void
append_padded (GString    *line,
               const char *text,
               gsize       width,
               gboolean    align_right)
{
  gsize used = text_width (text);

  if (align_right)
    for (gsize i = used; i < width; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (!align_right)
    for (gsize i = used; i < width; i++)
      g_string_append_c (line, ' ');
}

enum {
  COLUMN_ID,
  COLUMN_RECORD_NUMBER,
  COLUMN_NAME,
  COLUMN_DATE_OF_BIRTH,
  COLUMN_STATUS,
  N_COLUMNS,
};

static void
print_table (GPtrArray *patients,
             gboolean   show_status)
{
  const char *headers[N_COLUMNS] = {
    [COLUMN_ID] = _("ID"),
    [COLUMN_RECORD_NUMBER] = _("Record number"),
    [COLUMN_NAME] = _("Name"),
    [COLUMN_DATE_OF_BIRTH] = _("Date of birth"),
    [COLUMN_STATUS] = _("Status"),
  };
  guint n_columns = show_status ? N_COLUMNS : COLUMN_STATUS;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gsize widths[N_COLUMNS] = { 0 };

  for (guint row = 0; row <= patients->len; row++)
    {
      GenuPatient *patient = row > 0 ? g_ptr_array_index (patients, row - 1) : NULL;

      for (guint col = 0; col < n_columns; col++)
        {
          g_autofree char *name = NULL;
          char *cell;

          if (patient == NULL)
            cell = g_strdup (headers[col]);
          else if (col == COLUMN_ID)
            cell = g_strdup_printf ("%" G_GINT64_FORMAT, genu_patient_get_id (patient));
          else if (col == COLUMN_RECORD_NUMBER)
            cell = dup_printable (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER));
          else if (col == COLUMN_NAME)
            {
              name = genu_patient_dup_display_name (patient);
              cell = dup_printable (name);
            }
          else if (col == COLUMN_DATE_OF_BIRTH)
            cell = dup_printable (genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH));
          else
            cell = g_strdup (genu_patient_get_archived (patient) ? _("archived") : "");

          widths[col] = MAX (widths[col], text_width (cell));
          g_ptr_array_add (cells, cell);
        }
    }

  for (guint row = 0; row <= patients->len; row++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint col = 0; col < n_columns; col++)
        {
          const char *cell = g_ptr_array_index (cells, row * n_columns + col);
          gboolean last = col + 1 == n_columns;

          if (col > 0)
            g_string_append (line, "  ");
          /* No padding after the last column: trailing spaces only get in the way. */
          append_padded (line, cell, last ? 0 : widths[col], col == COLUMN_ID);
        }
      /* An empty last cell would leave the padding of the one before it. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

static const char *
sex_label (GenuSex sex)
{
  switch (sex)
    {
    case GENU_SEX_FEMALE:
      return _("Female");
    case GENU_SEX_MALE:
      return _("Male");
    case GENU_SEX_OTHER:
      return _("Other");
    case GENU_SEX_UNKNOWN:
    default:
      return _("Not recorded");
    }
}

/* The stored timestamps are UTC; people read them in their own time zone. */
static char *
format_timestamp (const char *text)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  utc = g_date_time_new_from_iso8601 (text, NULL);
  if (utc == NULL)
    return dup_printable (text);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
format_date_of_birth (GenuPatient *patient)
{
  const char *text = genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH);
  g_autofree char *date = dup_printable (text);
  int age = genu_patient_get_age (patient, NULL);

  if (age == GENU_PATIENT_UNSET)
    return g_steal_pointer (&date);

  /* TRANSLATORS: a date of birth and the age in years, e.g. "1985-04-23 (age 40)" */
  return g_strdup_printf (_("%s (age %d)"), date, age);
}

static char *
format_weekly_distance (GenuPatient *patient)
{
  double km = genu_patient_get_weekly_distance_km (patient);

  if (km == GENU_PATIENT_UNSET)
    return g_strdup (_("Not recorded"));

  /* TRANSLATORS: a weekly running distance, e.g. "32.5 km" */
  return g_strdup_printf (_("%g km"), km);
}

static char *
format_years_running (GenuPatient *patient)
{
  int years = genu_patient_get_years_running (patient);

  if (years == GENU_PATIENT_UNSET)
    return g_strdup (_("Not recorded"));

  return g_strdup_printf (ngettext ("%d year", "%d years", years), years);
}

static void
print_patient (GenuPatient *patient)
{
  struct {
    const char *label;
    char       *value;
  } lines[] = {
    { _("ID"), g_strdup_printf ("%" G_GINT64_FORMAT, genu_patient_get_id (patient)) },
    { _("Record number"),
      dup_printable (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER)) },
    { _("Family name"), dup_printable (genu_patient_get_text (patient, GENU_PATIENT_FAMILY_NAME)) },
    { _("Given names"), dup_printable (genu_patient_get_text (patient, GENU_PATIENT_GIVEN_NAMES)) },
    { _("Date of birth"), format_date_of_birth (patient) },
    { _("Sex"), g_strdup (sex_label (genu_patient_get_sex (patient))) },
    { _("Phone"), dup_printable (genu_patient_get_text (patient, GENU_PATIENT_PHONE)) },
    { _("Email"), dup_printable (genu_patient_get_text (patient, GENU_PATIENT_EMAIL)) },
    { _("Address"), g_strdup (genu_patient_get_text (patient, GENU_PATIENT_ADDRESS)) },
    { _("Referring physician"),
      dup_printable (genu_patient_get_text (patient, GENU_PATIENT_REFERRING_PHYSICIAN)) },
    { _("Notes"), g_strdup (genu_patient_get_text (patient, GENU_PATIENT_NOTES)) },
    { _("Weekly distance"), format_weekly_distance (patient) },
    { _("Years running"), format_years_running (patient) },
    { _("Goal event"), dup_printable (genu_patient_get_text (patient, GENU_PATIENT_GOAL_EVENT)) },
    { _("Usual surface"),
      dup_printable (genu_patient_get_text (patient, GENU_PATIENT_USUAL_SURFACE)) },
    { _("Shoes"), dup_printable (genu_patient_get_text (patient, GENU_PATIENT_SHOES)) },
    { _("Training changes"), g_strdup (genu_patient_get_text (patient,
                                                             GENU_PATIENT_TRAINING_CHANGES)) },
    { _("Archived"), g_strdup (genu_patient_get_archived (patient) ? _("Yes") : _("No")) },
    { _("Created"), format_timestamp (genu_patient_get_created_at (patient)) },
    { _("Updated"), format_timestamp (genu_patient_get_updated_at (patient)) },
  };
  gsize label_width = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    label_width = MAX (label_width, text_width (lines[i].label));

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      /* Addresses and notes may span several lines: the later ones line up under the first. */
      g_auto(GStrv) parts = g_strsplit (lines[i].value, "\n", -1);
      g_autoptr(GString) line = g_string_new (NULL);

      /* TRANSLATORS: a label in the details of a patient, e.g. "Family name:" */
      g_autofree char *label = g_strdup_printf (_("%s:"), lines[i].label);

      append_padded (line, label, parts[0] != NULL && *parts[0] != '\0' ? label_width + 3 : 0,
                     FALSE);
      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_autofree char *part = dup_printable (g_strchomp (parts[j]));

          if (j > 0)
            {
              g_string_append_c (line, '\n');
              if (*part != '\0')
                append_padded (line, "", label_width + 3, FALSE);
            }
          g_string_append (line, part);
        }
      g_print ("%s\n", line->str);
      g_free (lines[i].value);
    }
}

/* Accepts the spelling of the database and of JSON ("female"), in any case. */
static gboolean
parse_sex (const char *text,
           GenuSex    *sex)
{
  g_autofree char *lower = g_strstrip (g_ascii_strdown (text, -1));

  return genu_sex_from_string (lower, sex);
}

static int
patients_add (CliOptions  *options,
              char       **args)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  g_autofree char *dob = NULL;
  g_autofree char *sex = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  const GOptionEntry entries[] = {
    { "family", 0, 0, G_OPTION_ARG_STRING, &family,
      N_("The family name (surname); required"), N_("NAME") },
    { "given", 0, 0, G_OPTION_ARG_STRING, &given,
      N_("The given names (first names); required"), N_("NAMES") },
    { "dob", 0, 0, G_OPTION_ARG_STRING, &dob,
      N_("The date of birth as YYYY-MM-DD; required"), N_("DATE") },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex,
      N_("female, male, other or unknown (the default)"), N_("SEX") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The email address"), N_("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The phone number"), N_("NUMBER") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GenuSex sex_value = GENU_SEX_UNKNOWN;

  context = cli_context_new (options, "patients add", NULL,
                             N_("Saves a new patient and prints the new patient’s id. "
                                "Genu gives the patient the next free record number."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” was not expected: every value follows its option, "
                            "as in --family Mustermann."),
                          arg);
    }

  missing = g_ptr_array_new ();
  if (family == NULL)
    g_ptr_array_add (missing, "--family");
  if (given == NULL)
    g_ptr_array_add (missing, "--given");
  if (dob == NULL)
    g_ptr_array_add (missing, "--dob");
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv (", ", (char **) missing->pdata);
      return usage_error (context,
                          ngettext ("The option %s is required.",
                                    "The options %s are required.",
                                    missing->len - 1),
                          list);
    }

  patient = genu_patient_new ();
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, dob);
  genu_patient_set_text (patient, GENU_PATIENT_EMAIL, email);
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, phone);

  errors = genu_patient_validate (patient, NULL);
  if (sex != NULL && !parse_sex (sex, &sex_value))
    {
      g_autofree char *value = dup_printable (sex);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not one of the values Genu records. "
                           "Type female, male, other or unknown."), value);

      g_ptr_array_add (errors, genu_field_error_new ("sex", message));
    }
  genu_patient_set_sex (patient, sex_value);

  /* Refuse before the database is even opened, so that refused input writes nothing at all. */
  if (errors->len > 0)
    {
      for (guint i = 0; i < errors->len; i++)
        {
          GenuFieldError *field_error = g_ptr_array_index (errors, i);

          print_error ("%s: %s", field_error->field, field_error->message);
        }
      return CLI_EXIT_REFUSED;
    }

  store = open_store (options, &error);
  if (store == NULL || !genu_store_save_patient (store, patient, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  g_print ("%" G_GINT64_FORMAT "\n", genu_patient_get_id (patient));
  return CLI_EXIT_DONE;
}

static int
patients_list (CliOptions  *options,
               char       **args)
{
  g_autofree char *search = NULL;
  gboolean archived = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only patients whose name, record number or date of birth contain every word of TEXT"),
      N_("TEXT") },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived,
      N_("List archived patients too, marked as such"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of patients; the member names are the database columns"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;

  context = cli_context_new (options, "patients list", NULL,
                             N_("Lists the patients, sorted by name. Archived patients are left "
                                "out unless --archived is given."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context, _("“%s” was not expected. To search, type --search “%s”."),
                          arg, arg);
    }

  store = open_store (options, &error);
  if (store != NULL)
    patients = genu_store_list_patients (store, search, archived, &error);
  if (patients == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (patients->len);
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; i < patients->len; i++)
        json_array_add_element (array, genu_patient_to_json (g_ptr_array_index (patients, i)));
      root = json_node_init_array (json_node_alloc (), array);
      print_json (root);
    }
  else if (patients->len == 0)
    {
      g_print ("%s\n", search != NULL && *search != '\0' ? _("No patient matches the search.")
                                                         : _("There are no patients yet."));
    }
  else
    {
      print_table (patients, archived);
    }

  return CLI_EXIT_DONE;
}

static int
patients_show (CliOptions  *options,
               char       **args)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON object; the member names are the database columns"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  guint64 id;

  /* TRANSLATORS: the argument of "genu-cli patients show", in its usage line */
  context = cli_context_new (options, "patients show", N_("ID"),
                             N_("Shows every field of one patient. ID is the number in the first "
                                "column of “genu-cli patients list”."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return usage_error (context, _("Type the id of the patient to show."));
  if (args[2] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[2]);

      return usage_error (context, _("“%s” was not expected: show one patient at a time."), arg);
    }
  if (!g_ascii_string_to_unsigned (args[1], 10, 0, G_MAXINT64, &id, NULL))
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” is not a patient id. An id is a number, as in the first column "
                            "of “genu-cli patients list”."),
                          arg);
    }

  store = open_store (options, &error);
  if (store != NULL)
    patient = genu_store_get_patient (store, (gint64) id, &error);
  if (patient == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = genu_patient_to_json (patient);

      print_json (root);
    }
  else
    {
      print_patient (patient);
    }

  return CLI_EXIT_DONE;
}

static int
run_patients (CliOptions  *options,
              char       **args)
{
  static const CliCommand commands[] = {
    { "add", patients_add },
    { "list", patients_list },
    { "show", patients_show },
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  /* TRANSLATORS: the argument of "genu-cli patients", in its usage line */
  context = cli_context_new (options, "patients", N_("COMMAND"),
                             N_("Commands:\n"
                                "  add    Save a new patient and print the new id\n"
                                "  list   List patients, or search them\n"
                                "  show   Show one patient\n"
                                "\n"
                                "“genu-cli patients COMMAND --help” tells the options of each."),
                             NULL, TRUE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return usage_error (context, _("Type what to do: add, list or show."));

  return run_command (context, commands, G_N_ELEMENTS (commands), options, args);
}

int
main (int   argc,
      char *argv[])
{
  static const CliCommand commands[] = {
    { "patients", run_patients },
  };
  g_auto(CliOptions) options = { NULL };
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version of Genu and exit"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* TRANSLATORS: the arguments of "genu-cli", in its usage line */
  context = cli_context_new (&options, NULL, N_("COMMAND …"),
                             N_("Patient records of Genu, for clinic staff and scripts.\n"
                                "\n"
                                "Commands:\n"
                                "  patients   Add, list and show patients\n"
                                "\n"
                                "“genu-cli COMMAND --help” tells more about a command."),
                             entries, TRUE);
  g_option_context_set_description (context,
    N_("Without --database, genu-cli uses the file named by $GENU_DATABASE, or else the "
       "database of the Genu app.\n"
       "\n"
       "Exit status: 0 done, 1 wrong usage, 2 refused input or a data error (the message "
       "names the field and says why)."));

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (version)
    {
      g_print ("genu-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_DONE;
    }

  if (args[1] == NULL)
    return usage_error (context, _("Type a command, for example “genu-cli patients list”."));

  status = run_command (context, commands, G_N_ELEMENTS (commands), &options, args);

  if (fflush (stdout) != 0)
    {
      print_error (_("Could not write the output: %s"), g_strerror (errno));
      return CLI_EXIT_REFUSED;
    }

  return status;
}
