/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "genu-cli-private.h"
#include "genu-demo.h"
#include "genu-store.h"

/* genu-cli demo: a database of synthetic patients (issue 8), for demonstrations and for
 * measuring Genu at clinic scale. */

static void
show_progress (guint     done,
               guint     total,
               gpointer  user_data)
{
  /* Back to the start of the line: each figure overwrites the one before. */
  fputc ('\r', stderr);
  /* TRANSLATORS: progress of "genu-cli demo" on a terminal: patients made of patients asked */
  fprintf (stderr, _("%u of %u patients"), done, total);
  if (done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

int
run_demo (CliOptions  *options,
          char       **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *patients_arg = NULL;
  g_autofree char *seed_arg = NULL;
  GenuDemoCounts counts = { 0 };
  guint64 n_patients = 0;
  guint64 seed = 1;
  const GOptionEntry entries[] = {
    { "patients", 0, 0, G_OPTION_ARG_STRING, &patients_arg,
      N_("How many patients to make, 1 to 1000000 (required)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_arg,
      N_("The seed: the same seed makes the same patients (default 1)"), N_("S") },
    G_OPTION_ENTRY_NULL
  };

  context = cli_context_new (options, "demo", NULL,
                             N_("Fills a new database with synthetic patients, for trying Genu "
                                "out or measuring it: runners with names of several cultures, "
                                "1–8 visits each with a knee assessment that fits a condition of "
                                "the knowledge base, plans of care and treatment sessions. None "
                                "of them is a real person. The same seed makes the same records.\n"
                                "\n"
                                "A database that already holds patients is refused (exit 2): "
                                "sample data never mixes with real records. Use --database with "
                                "the path of a new file."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context, _("“%s” was not expected: give the number of patients with "
                                     "--patients."), arg);
    }
  if (patients_arg == NULL)
    return usage_error (context, _("Say how many patients to make, for example "
                                   "“genu-cli demo --patients 1000”."));
  if (!g_ascii_string_to_unsigned (patients_arg, 10, 1, GENU_DEMO_MAX_PATIENTS, &n_patients, NULL))
    {
      g_autofree char *arg = dup_printable_arg (patients_arg);

      return usage_error (context, _("“%s” is not a number of patients: type a whole number "
                                     "from 1 to %u."), arg, GENU_DEMO_MAX_PATIENTS);
    }
  if (seed_arg != NULL &&
      !g_ascii_string_to_unsigned (seed_arg, 10, 0, G_MAXUINT64, &seed, NULL))
    {
      g_autofree char *arg = dup_printable_arg (seed_arg);

      return usage_error (context, _("“%s” is not a seed: type a whole number from 0 to %s."),
                          arg, "18446744073709551615");
    }

  store = open_store (options, &error);
  if (store == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  timer = g_timer_new ();
  if (!genu_demo_fill (store, n_patients, seed, NULL, isatty (STDERR_FILENO) ? show_progress : NULL,
                       NULL, &counts, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  /* TRANSLATORS: what "genu-cli demo" made, and how long it took in seconds */
  g_print (_("Made %u patients, %u visits, %u plans, %u sessions in %.1f s"),
           counts.n_patients, counts.n_visits, counts.n_plans, counts.n_sessions,
           g_timer_elapsed (timer, NULL));
  g_print ("\n");
  return CLI_EXIT_DONE;
}
