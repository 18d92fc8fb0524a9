/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "genu-test-cli.h"

/* No patient data in logs (issue 7): with every debug message on (G_MESSAGES_DEBUG=all), saving,
 * listing, printing, backing up and restoring a patient writes record ids to the log, never the
 * patient's name, birth date, phone, email or notes. What the user asked to see (standard output)
 * may hold them; the log (standard error) may not. */

static const char *const secrets[] = {
  "Quennell", "Isolde", "1979-11-02", "0170 5551234", "isolde.q@example.org", "Ferndale Road",
};

static const char session_json[] =
  "{\"date\": \"2024-03-18\", \"therapist\": \"Anna Berg\", \"notes\": \"Ferndale Road loop\",\n"
  " \"pain_before\": 6, \"pain_after\": 3,\n"
  " \"interventions\": [{\"kind\": \"iastm\", \"fields\": {\"instruments\": [\"gt2\"],\n"
  "                     \"regions\": [\"adductors\"], \"minutes\": 4}}]}\n";

/* Runs genu-cli @args on the fixture's database with every debug message on; it must succeed. Its
 * log is added to @log; returns its output, which the debug messages must have left alone. */
static char *
run_logged (Fixture            *fixture,
            GString            *log,
            const char * const *args)
{
  static const char *const env[] = { "G_MESSAGES_DEBUG", "all", NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(CliRun) run = NULL;

  g_strv_builder_add_many (builder, "--database", fixture->database, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  run = genu_test_cli_runv (env, NULL, (const char * const *) argv);
  g_assert_cmpint (run->status, ==, 0);
  g_string_append (log, run->err);
  return g_steal_pointer (&run->out);
}

static void
test_debug_log_names_ids (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *session = g_build_filename (fixture->dir, "session.json", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *added = NULL;
  const char *const *const *commands;

  g_assert_true (g_file_set_contents (session, session_json, -1, NULL));

  added = run_logged (fixture, log,
                      (const char *[]) { "patients", "add", "--family", "Quennell", "--given",
                                         "Isolde", "--dob", "1979-11-02", "--phone",
                                         "0170 5551234", "--email", "isolde.q@example.org",
                                         NULL });
  g_assert_cmpstr (added, ==, "1\n");

  commands = (const char *const *[]) {
    (const char *[]) { "sessions", "add", "--patient", "1", "--json", session, NULL },
    (const char *[]) { "patients", "list", "--search", "Quenn", NULL },
    (const char *[]) { "patients", "show", "1", NULL },
    (const char *[]) { "summary", "--patient", "1", "--output", pdf, NULL },
    (const char *[]) { "audit", "list", "--patient", "1", NULL },
    (const char *[]) { "backup", backup, NULL },
    (const char *[]) { "restore", backup, "--yes", NULL },
    NULL,
  };
  for (guint i = 0; commands[i] != NULL; i++)
    g_free (run_logged (fixture, log, commands[i]));

  /* The debug log was on, and names records by their ids… */
  g_assert_nonnull (strstr (log->str, "Saved patient 1"));
  g_assert_nonnull (strstr (log->str, "Saved session 1"));

  /* …and by nothing else. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (log->str, secrets[i]) != NULL)
      g_error ("The log holds “%s”:\n%s", secrets[i], log->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/privacy/debug-log-names-ids", Fixture, NULL, fixture_set_up,
              test_debug_log_names_ids, fixture_tear_down);

  return g_test_run ();
}
