/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-report.h"
#include "genu-store.h"
#include "genu-validation.h"

/* genu-cli summary: the printed treatment summary of a patient, written as a PDF file without a
 * display, the same document the app prints (genu-report.c). */

/* The clinic and the paper of Preferences, when the app's settings schema is installed. */
typedef struct {
  char *clinic_name;
  char *clinic_address;
  char *clinic_phone;
  char *paper;
} Preferences;

static void
preferences_clear (Preferences *preferences)
{
  g_clear_pointer (&preferences->clinic_name, g_free);
  g_clear_pointer (&preferences->clinic_address, g_free);
  g_clear_pointer (&preferences->clinic_phone, g_free);
  g_clear_pointer (&preferences->paper, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Preferences, preferences_clear)

static void
read_preferences (Preferences *preferences)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* g_settings_new() aborts on a missing schema: genu-cli may run where only it is installed. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "clinic-name"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  preferences->clinic_name = g_settings_get_string (settings, "clinic-name");
  if (g_settings_schema_has_key (schema, "clinic-address"))
    preferences->clinic_address = g_settings_get_string (settings, "clinic-address");
  if (g_settings_schema_has_key (schema, "clinic-phone"))
    preferences->clinic_phone = g_settings_get_string (settings, "clinic-phone");
  if (g_settings_schema_has_key (schema, "paper-size"))
    preferences->paper = g_settings_get_string (settings, "paper-size");
}

static const char *
choose (const char *option,
        const char *preference)
{
  if (option != NULL)
    return option;
  if (preference != NULL && *preference != '\0')
    return preference;
  return NULL;
}

static int
check_date_option (GOptionContext *context,
                   const char     *option,
                   const char     *value)
{
  g_autofree char *arg = NULL;
  GDate date;

  if (value == NULL || genu_parse_date (value, &date, NULL))
    return CLI_EXIT_DONE;

  arg = dup_printable_arg (value);
  /* TRANSLATORS: the first %s is an option (--from), the second what was typed */
  return usage_error (context, _("%s: “%s” is not a date. Type it as YYYY-MM-DD, e.g. "
                                 "2024-03-18."), option, arg);
}

int
run_summary (CliOptions  *options,
             char       **args)
{
  g_autofree char *patient_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *clinic_name = NULL;
  g_autofree char *clinic_address = NULL;
  g_autofree char *clinic_phone = NULL;
  g_autofree char *logo = NULL;
  gboolean no_differential = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_arg,
      N_("The id of the patient, as in the first column of “genu-cli patients list”; required"),
      N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the summary to the PDF file FILE; required"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Only the records from DATE on (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("Only the records up to DATE (YYYY-MM-DD)"), N_("DATE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper,
      N_("The paper size: a4 or letter (default: Preferences, else the locale’s)"),
      N_("SIZE") },
    { "clinic-name", 0, 0, G_OPTION_ARG_STRING, &clinic_name,
      N_("The clinic’s name in the header (default: Preferences)"), N_("NAME") },
    { "clinic-address", 0, 0, G_OPTION_ARG_STRING, &clinic_address,
      N_("The clinic’s address in the header (default: Preferences)"), N_("ADDRESS") },
    { "clinic-phone", 0, 0, G_OPTION_ARG_STRING, &clinic_phone,
      N_("The clinic’s phone number in the header (default: Preferences)"), N_("PHONE") },
    { "logo", 0, 0, G_OPTION_ARG_FILENAME, &logo,
      N_("A PNG image printed beside the clinic’s name"), N_("FILE") },
    { "no-differential", 0, 0, G_OPTION_ARG_NONE, &no_differential,
      N_("Leave out the suggested differential (decision support)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(Preferences) preferences = { NULL, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GenuReportOptions report_options = { NULL, };
  gint64 patient_id;
  int status;

  context = cli_context_new (options, "summary", NULL,
                             N_("Writes the treatment summary of a patient as a PDF file: the "
                                "clinic, the patient, the assessment, the working diagnosis and "
                                "the suggested differential, the plan of care, the session log, "
                                "the outcome measures and the progress chart, with signature "
                                "lines. The same document the app prints; no display is "
                                "needed.\n"
                                "\n"
                                "When the file cannot be written, nothing is left behind; an "
                                "existing file is replaced only once the new one is complete."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context, _("“%s” was not expected: the file follows --output, as in "
                                     "--output summary.pdf."), arg);
    }
  if (patient_arg == NULL)
    return usage_error (context, _("The option --patient is required."));
  if (!parse_id_arg (patient_arg, &patient_id))
    {
      g_autofree char *arg = dup_printable_arg (patient_arg);

      return usage_error (context,
                          _("“%s” is not a patient id. An id is a number, as in the first column "
                            "of “genu-cli patients list”."),
                          arg);
    }
  if (output == NULL || *output == '\0')
    return usage_error (context, _("The option --output is required: type the path of the PDF "
                                   "file to write."));
  if ((status = check_date_option (context, "--from", from)) != CLI_EXIT_DONE ||
      (status = check_date_option (context, "--to", to)) != CLI_EXIT_DONE)
    return status;
  if (from != NULL && to != NULL && g_strcmp0 (from, to) > 0)
    return usage_error (context, _("--from must not be after --to."));

  read_preferences (&preferences);
  if (paper == NULL && g_strcmp0 (preferences.paper, "locale") != 0)
    paper = g_strdup (preferences.paper);
  if (paper != NULL && !genu_report_paper_size (paper, NULL, NULL))
    {
      g_autofree char *arg = dup_printable_arg (paper);

      return usage_error (context, _("“%s” is not a paper size. Use a4 or letter."), arg);
    }

  report_options.clinic_name = choose (clinic_name, preferences.clinic_name);
  report_options.clinic_address = choose (clinic_address, preferences.clinic_address);
  report_options.clinic_phone = choose (clinic_phone, preferences.clinic_phone);
  report_options.logo_path = logo;
  report_options.from = from;
  report_options.to = to;
  report_options.include_differential = !no_differential;
  report_options.paper = paper;

  store = open_store (options, &error);
  if (store != NULL)
    report = genu_report_new (store, patient_id, &report_options, &error);
  if (report == NULL || !genu_report_write_pdf (report, output, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  return CLI_EXIT_DONE;
}
