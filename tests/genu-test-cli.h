/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Running genu-cli ($GENU_CLI) as a user does, on a database of the test's own. */

#include <gio/gio.h>

#include "genu-test-utils.h"

typedef struct
{
  char *dir;
  char *database;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static inline void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = genu_test_make_dir ();
  fixture->database = g_build_filename (fixture->dir, "genu.db", NULL);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->database);
  g_free (fixture->dir);
}

/* Runs genu-cli @args, with @env (nullable: NULL-terminated pairs of name and value) added to
 * its environment and @input (nullable) on its standard input. */
static inline CliRun *
genu_test_cli_runv (const char * const *env,
                    const char         *input,
                    const char * const *args)
{
  const char *cli = g_getenv ("GENU_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  CliRun *run = g_new0 (CliRun, 1);

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* English messages whatever the locale of whoever runs the tests, and UTF-8 arguments. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  command = g_strjoinv (" ", (char **) args);
  g_test_message ("genu-cli %s: exit %d\nstdout:\n%s\nstderr:\n%s",
                  command, run->status, run->out, run->err);
  return run;
}

/* Runs genu-cli --database <the fixture's database> @args, with @input (nullable) on its
 * standard input. */
static inline CliRun *
genu_test_cli_runv_input (Fixture            *fixture,
                          const char         *input,
                          const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (builder, "--database", fixture->database, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  return genu_test_cli_runv (NULL, input, (const char * const *) argv);
}

/* The same with the arguments listed, NULL-terminated. */
static inline CliRun *
genu_test_cli_run_input (Fixture    *fixture,
                         const char *input,
                         const char *first,
                         ...) G_GNUC_NULL_TERMINATED;

static inline CliRun *
genu_test_cli_run_input (Fixture    *fixture,
                         const char *input,
                         const char *first,
                         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list more;

  va_start (more, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (more, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (more);
  g_ptr_array_add (args, NULL);

  return genu_test_cli_runv_input (fixture, input, (const char * const *) args->pdata);
}
