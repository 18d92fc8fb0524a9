/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-store.h"

/* genu-cli audit: the audit trail of the database (issue 7), listed and checked. */

static int
audit_verify (CliOptions  *options,
              char       **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_bad_id = 0;
  gint64 n_entries = 0;

  context = cli_context_new (options, "audit verify", NULL,
                             N_("Checks the hash chain of the audit trail: that no entry was "
                                "changed, taken out or slipped in since it was written. Prints "
                                "“OK: N entries” when the chain is whole; else names the first "
                                "entry where it breaks and exits with 2."),
                             NULL, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context, _("“%s” was not expected: “audit verify” checks the whole "
                                     "trail."), arg);
    }

  store = open_store (options, &error);
  if (store == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (!genu_store_verify_audit (store, &first_bad_id, &n_entries, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  /* TRANSLATORS: the result of "genu-cli audit verify" when no entry was tampered with */
  g_print (ngettext ("OK: %lld entry", "OK: %lld entries", (unsigned long) n_entries),
           (long long) n_entries);
  g_print ("\n");
  return CLI_EXIT_DONE;
}

static void
print_entries_table (GPtrArray *entries)
{
  const char *headers[] = {
    /* TRANSLATORS: column headers of "genu-cli audit list" */
    _("ID"), _("When (UTC)"), _("Action"), _("Record"), _("Patient"), _("Therapist"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len; i++)
    {
      GenuAuditEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, entry->id));
      g_ptr_array_add (cells, dup_printable (entry->at));
      g_ptr_array_add (cells, g_strdup (genu_audit_action_to_string (entry->action)));
      g_ptr_array_add (cells, g_strdup_printf ("%s %" G_GINT64_FORMAT, entry->record_kind,
                                               entry->record_id));
      g_ptr_array_add (cells, entry->patient_id != 0
                              ? g_strdup_printf ("%" G_GINT64_FORMAT, entry->patient_id)
                              : g_strdup (""));
      g_ptr_array_add (cells, dup_printable (entry->therapist));
    }

  print_table (headers, G_N_ELEMENTS (headers), cells, 1u << 0 | 1u << 4);
}

static int
audit_list (CliOptions  *options,
            char       **args)
{
  g_autofree char *patient_arg = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_arg,
      N_("Only the changes to the records of this patient, by the id in the first column of "
         "“genu-cli patients list”"),
      N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of entries, with the records as they were before and after each "
         "change"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 patient_id = 0;

  context = cli_context_new (options, "audit list", NULL,
                             N_("Lists the audit trail, oldest first: every change Genu made to "
                                "a record, when, by whom, and (with --json) the record before "
                                "and after."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” was not expected: a patient’s id follows --patient, as in "
                            "--patient 1."),
                          arg);
    }
  if (patient_arg != NULL && (!parse_id_arg (patient_arg, &patient_id) || patient_id == 0))
    {
      g_autofree char *arg = dup_printable_arg (patient_arg);

      return usage_error (context,
                          _("“%s” is not a patient id. An id is a number, as in the first column "
                            "of “genu-cli patients list”."),
                          arg);
    }

  store = open_store (options, &error);
  if (store == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  /* An unknown patient is told, not listed as one without changes. */
  if (patient_id != 0)
    {
      g_autoptr(GenuPatient) patient = genu_store_get_patient (store, patient_id, &error);

      if (patient == NULL)
        {
          print_error ("%s", error->message);
          return CLI_EXIT_REFUSED;
        }
    }

  list = genu_store_list_audit (store, patient_id, &error);
  if (list == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (list->len);
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (array, genu_audit_entry_to_json (g_ptr_array_index (list, i)));
      root = json_node_init_array (json_node_alloc (), array);
      print_json (root);
    }
  else if (list->len == 0)
    {
      g_print ("%s\n", _("The audit trail has no entry yet."));
    }
  else
    {
      print_entries_table (list);
    }

  return CLI_EXIT_DONE;
}

int
run_audit (CliOptions  *options,
           char       **args)
{
  static const CliCommand commands[] = {
    { "list", audit_list },
    { "verify", audit_verify },
  };

  return run_command_group (options, args, "audit",
                            N_("Commands:\n"
                               "  list     List the changes made to the records\n"
                               "  verify   Check that the audit trail was not tampered with\n"
                               "\n"
                               "“genu-cli audit COMMAND --help” tells the options of each."),
                            _("Type what to do: list or verify."),
                            commands, G_N_ELEMENTS (commands));
}
