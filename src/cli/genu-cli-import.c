/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-import.h"
#include "genu-store.h"

/* genu-cli import patients FILE.csv (issue 8). */

/* The header's columns and what each holds, for --help. */
static char *
dup_columns_description (void)
{
  g_auto(GStrv) names = genu_import_dup_columns ();
  GString *text = g_string_new (NULL);

  g_string_append (text,
                   _("The first line of the file is the header: the names of the columns, in "
                     "any order, separated by commas. family_name, given_names and "
                     "date_of_birth are required; the others may be left out. Each following "
                     "line is one patient. Fields holding commas, quotes or line breaks go in "
                     "double quotes, with each quote inside doubled (\"\"). The file is UTF-8 "
                     "text (“CSV UTF-8” in spreadsheets), with CRLF or LF line ends.\n"
                     "\n"
                     "Columns:\n"));
  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "  %-20s %s\n", names[i], genu_import_column_help (names[i]));
  g_string_append (text,
                   _("\n"
                     "Example:\n"
                     "  family_name,given_names,date_of_birth,sex,email\n"
                     "  Mustermann,Erika,1985-04-23,female,erika@example.com\n"
                     "\n"
                     "Every row is checked as the patient form checks it, and record numbers "
                     "must be new to the file and to the database. When a row has a problem, "
                     "each problem is printed on standard error as “Row 12, date_of_birth: "
                     "reason” (rows numbered as in a spreadsheet: the header is row 1) and "
                     "nothing is imported (exit 2), unless --skip-bad is given. The import is "
                     "one transaction: all patients or none. Each imported patient has a "
                     "“create” entry in the audit trail."));
  return g_string_free (text, FALSE);
}

static void
print_problems (GenuImportReport *report)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      GenuImportProblem *problem = g_ptr_array_index (report->problems, i);

      if (problem->field != NULL)
        /* TRANSLATORS: a problem of an imported CSV file: row number, column name, reason */
        g_printerr (_("Row %u, %s: %s\n"), problem->row, problem->field, problem->message);
      else
        /* TRANSLATORS: a problem of an imported CSV file: row number, reason */
        g_printerr (_("Row %u: %s\n"), problem->row, problem->message);
    }
}

static int
import_patients (CliOptions  *options,
                 char       **args)
{
  gboolean skip_bad = FALSE;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad,
      N_("Import the good rows when some rows have problems"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and report, but import nothing"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuImportReport) report = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *description = dup_columns_description ();

  /* TRANSLATORS: the argument of "genu-cli import patients" */
  context = cli_context_new (options, "import patients", N_("FILE.csv"),
                             N_("Imports patients from a CSV file, such as one saved by a "
                                "spreadsheet."),
                             entries, FALSE);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return usage_error (context, _("Give the CSV file to import, for example "
                                   "“genu-cli import patients patients.csv”."));
  if (args[2] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[2]);

      return usage_error (context, _("“%s” was not expected: import one file at a time."), arg);
    }

  store = open_store (options, &error);
  if (store == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  file = g_file_new_for_commandline_arg (args[1]);
  if (dry_run)
    {
      report = genu_import_patients_check (store, file, &error);
      if (report == NULL)
        {
          print_error ("%s", error->message);
          return CLI_EXIT_REFUSED;
        }
      print_problems (report);
      g_print (ngettext ("%u patient can be imported", "%u patients can be imported",
                         report->n_good), report->n_good);
      g_print (ngettext ("; %u row has problems.\n", "; %u rows have problems.\n",
                         report->n_bad), report->n_bad);
      return report->n_bad > 0 ? CLI_EXIT_REFUSED : CLI_EXIT_DONE;
    }

  if (!genu_import_patients (store, file, skip_bad, &report, &error))
    {
      if (g_error_matches (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_BAD_ROWS) &&
          report != NULL)
        {
          print_problems (report);
          g_printerr (ngettext ("Nothing was imported: %u row has problems. ",
                                "Nothing was imported: %u rows have problems. ",
                                report->n_bad), report->n_bad);
          g_printerr (ngettext ("Fix them, or use --skip-bad to import the %u good row.\n",
                                "Fix them, or use --skip-bad to import the %u good rows.\n",
                                report->n_good), report->n_good);
        }
      else
        {
          print_error ("%s", error->message);
        }
      return CLI_EXIT_REFUSED;
    }

  print_problems (report);
  if (report->n_bad > 0)
    g_printerr (ngettext ("Skipped %u row with problems.\n",
                          "Skipped %u rows with problems.\n", report->n_bad), report->n_bad);
  g_print (ngettext ("Imported %u patient.\n", "Imported %u patients.\n", report->n_imported),
           report->n_imported);
  return CLI_EXIT_DONE;
}

int
run_import (CliOptions  *options,
            char       **args)
{
  static const CliCommand commands[] = {
    { "patients", import_patients },
  };

  return run_command_group (options, args, "import",
                            N_("Commands:\n"
                               "  patients   Import patients from a CSV file\n"
                               "\n"
                               "“genu-cli import patients --help” tells the columns of the "
                               "file."),
                            _("Type what to import: patients."),
                            commands, G_N_ELEMENTS (commands));
}
