/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-patient.h"
#include "genu-store.h"
#include "genu-validation.h"

/* genu-cli patients: add, list and show patients. */

enum {
  COLUMN_ID,
  COLUMN_RECORD_NUMBER,
  COLUMN_NAME,
  COLUMN_DATE_OF_BIRTH,
  COLUMN_STATUS,
  N_COLUMNS,
};

static void
print_patients_table (GPtrArray *patients,
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

  for (guint row = 0; row < patients->len; row++)
    {
      GenuPatient *patient = g_ptr_array_index (patients, row);
      g_autofree char *name = genu_patient_dup_display_name (patient);

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, genu_patient_get_id (patient)));
      g_ptr_array_add (cells,
                       dup_printable (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER)));
      g_ptr_array_add (cells, dup_printable (name));
      g_ptr_array_add (cells,
                       dup_printable (genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH)));
      if (show_status)
        {
          gboolean archived = genu_patient_get_archived (patient);

          g_ptr_array_add (cells, g_strdup (archived ? _("archived") : ""));
        }
    }

  print_table (headers, n_columns, cells, 1u << COLUMN_ID);
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
      N_("Only patients with a name, record number or date of birth (YYYY-MM-DD) that begins "
         "with each word of TEXT"),
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
      print_patients_table (patients, archived);
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
  gint64 id;

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
  if (!parse_id_arg (args[1], &id))
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” is not a patient id. An id is a number, as in the first column "
                            "of “genu-cli patients list”."),
                          arg);
    }

  store = open_store (options, &error);
  if (store != NULL)
    patient = genu_store_get_patient (store, id, &error);
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

int
run_patients (CliOptions  *options,
              char       **args)
{
  static const CliCommand commands[] = {
    { "add", patients_add },
    { "list", patients_list },
    { "show", patients_show },
  };

  return run_command_group (options, args, "patients",
                            N_("Commands:\n"
                               "  add    Save a new patient and print the new id\n"
                               "  list   List patients, or search them\n"
                               "  show   Show one patient\n"
                               "\n"
                               "“genu-cli patients COMMAND --help” tells the options of each."),
                            _("Type what to do: add, list or show."),
                            commands, G_N_ELEMENTS (commands));
}

