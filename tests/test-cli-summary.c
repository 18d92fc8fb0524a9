/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "genu-test-cli.h"

/* Runs the built genu-cli (its path is in $GENU_CLI) for `genu-cli summary`, without a display,
 * each test on a database of its own in a temporary folder. */

static const char session_json[] =
  "{\"date\": \"2024-03-18\", \"therapist\": \"Anna Berg\", \"notes\": \"cli-marker\",\n"
  " \"pain_before\": 6, \"pain_after\": 3,\n"
  " \"interventions\": [{\"kind\": \"iastm\", \"fields\": {\"instruments\": [\"gt2\"],\n"
  "                     \"regions\": [\"adductors\"], \"minutes\": 4}}]}\n";

/* genu-cli --database <the fixture's database> @first …; main() removed the display from the
 * environment it inherits. */
static CliRun *
run_headless (Fixture    *fixture,
              const char *first,
              ...) G_GNUC_NULL_TERMINATED;

static CliRun *
run_headless (Fixture    *fixture,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list more;

  g_ptr_array_add (args, (gpointer) "--database");
  g_ptr_array_add (args, fixture->database);
  va_start (more, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (more, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (more);
  g_ptr_array_add (args, NULL);

  return genu_test_cli_runv (NULL, NULL, (const char * const *) args->pdata);
}

static void
add_patient_and_session (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "session.json", NULL);
  g_autoptr(CliRun) patient = NULL;
  g_autoptr(CliRun) session = NULL;

  patient = run_headless (fixture, "patients", "add", "--family", "Müller", "--given", "Zoë",
                          "--dob", "1985-04-23", NULL);
  g_assert_cmpint (patient->status, ==, 0);
  g_assert_cmpstr (patient->out, ==, "1\n");

  g_assert_true (g_file_set_contents (path, session_json, -1, NULL));
  session = run_headless (fixture, "sessions", "add", "--patient", "1", "--json", path, NULL);
  g_assert_cmpint (session->status, ==, 0);
}

static void
test_writes_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *contents = NULL;
  g_autoptr(CliRun) run = NULL;

  add_patient_and_session (fixture);
  run = run_headless (fixture, "summary", "--patient", "1", "--output", output,
                      "--clinic-name", "Praxis am Park", "--paper", "letter", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (pdftotext != NULL)
    {
      const char *argv[] = { "pdftotext", "-enc", "UTF-8", output, "-", NULL };
      g_autofree char *text = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &text, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (text, "Praxis am Park"));
      g_assert_nonnull (strstr (text, "Müller, Zoë"));
      g_assert_nonnull (strstr (text, "cli-marker"));
      g_assert_nonnull (strstr (text, "Page 1 of"));
    }
}

static void
test_period (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_autoptr(CliRun) run = NULL;

  add_patient_and_session (fixture);
  run = run_headless (fixture, "summary", "--patient", "1", "--output", output,
                      "--from", "2024-01-01", "--to", "2024-12-31", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
}

static void
test_unknown_patient (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "summary.pdf", NULL);
  g_autoptr(CliRun) run = NULL;

  add_patient_and_session (fixture);
  run = run_headless (fixture, "summary", "--patient", "99", "--output", output, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
  g_assert_cmpstr (run->out, ==, "");
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static guint
n_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "s.pdf", NULL);
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "s.pdf", NULL);
  g_autoptr(CliRun) run = NULL;
  guint before;

  add_patient_and_session (fixture);
  before = n_entries (fixture->dir);
  run = run_headless (fixture, "summary", "--patient", "1", "--output", missing, NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "s.pdf"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_entries (fixture->dir), ==, before);

  /* Root may write in a read-only folder: only checked for other users. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (geteuid () != 0)
    {
      g_clear_pointer (&run, cli_run_free);
      run = run_headless (fixture, "summary", "--patient", "1", "--output", locked_file, NULL);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_nonnull (strstr (run->err, "s.pdf"));
      g_assert_cmpuint (n_entries (locked), ==, 0);
    }
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *output = g_build_filename (fixture->dir, "summary.pdf", NULL);
  const char * const bad[][6] = {
    { "summary", "--patient", "1", "--output", output, "--from=2024-02-30" },
    { "summary", "--patient", "1", "--output", output, "--to=yesterday" },
    { "summary", "--patient", "1", "--output", output, "--paper=a5" },
    { "summary", "--patient", "x", "--output", output, "--to=2024-01-01" },
    { "summary", "--patient", "1", "--from=2024-02-01", "--to=2024-01-01", "--output=" },
  };

  add_patient_and_session (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CliRun) run = run_headless (fixture, bad[i][0], bad[i][1], bad[i][2], bad[i][3],
                                            bad[i][4], bad[i][5], NULL);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_true (g_str_has_prefix (run->err, "genu-cli: "));
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* No display at all, as over ssh: every genu-cli of these tests inherits this. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/summary/writes-pdf", test_writes_pdf);
  ADD ("/cli/summary/period", test_period);
  ADD ("/cli/summary/unknown-patient", test_unknown_patient);
  ADD ("/cli/summary/unwritable", test_unwritable);
  ADD ("/cli/summary/usage", test_usage);

#undef ADD

  return g_test_run ();
}
