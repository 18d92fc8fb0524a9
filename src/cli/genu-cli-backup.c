/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-backup.h"
#include "genu-cli-private.h"

/* genu-cli backup and genu-cli restore (genu-backup.c): a checked copy of the database, and
 * putting one back. */

static char *
database_path (CliOptions *options)
{
  return options->database != NULL ? g_strdup (options->database) : genu_store_default_path ();
}

/* The single FILE argument of @args, or a usage error in @status. */
static const char *
file_arg (GOptionContext  *context,
          char           **args,
          const char      *what_to_type,
          int             *status)
{
  *status = CLI_EXIT_DONE;
  if (args[1] == NULL || *args[1] == '\0')
    *status = usage_error (context, "%s", what_to_type);
  else if (args[2] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[2]);

      *status = usage_error (context, _("“%s” was not expected: type one file."), arg);
    }

  return *status == CLI_EXIT_DONE ? args[1] : NULL;
}

int
run_backup (CliOptions  *options,
            char       **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *file_name = NULL;
  const char *file;
  int status;

  /* TRANSLATORS: the argument of "genu-cli backup", in its usage line */
  context = cli_context_new (options, "backup", N_("FILE"),
                             N_("Writes a backup of the database to FILE (readable only by you). "
                                "It may be taken while Genu is open. The backup is checked "
                                "before it takes its name: when anything fails, nothing is left "
                                "behind and an existing FILE is not changed.\n"
                                "\n"
                                "Keep backups on another disk. “genu-cli restore FILE --yes” "
                                "puts one back."),
                             NULL, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  file = file_arg (context, args, _("Type the path of the backup file to write, e.g. "
                                    "“genu-cli backup genu-backup.db”."), &status);
  if (file == NULL)
    return status;

  db_path = database_path (options);
  if (!genu_backup_write (db_path, file, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  db_name = dup_printable_arg (db_path);
  file_name = dup_printable_arg (file);
  g_print (_("Backed up “%s” to “%s”.\n"), db_name, file_name);
  return CLI_EXIT_DONE;
}

int
run_restore (CliOptions  *options,
             char       **args)
{
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Really replace the database with the backup; required"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *db_name = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *kept = NULL;
  const char *file;
  int status;

  /* TRANSLATORS: the argument of "genu-cli restore", in its usage line */
  context = cli_context_new (options, "restore", N_("FILE"),
                             N_("Replaces every record in the database with those of the backup "
                                "FILE, made by “genu-cli backup” or by Genu. The backup is "
                                "checked first; the database as it was is kept beside it as "
                                "DATABASE.before-restore-DATE-TIME. Quit Genu first.\n"
                                "\n"
                                "Without --yes, only says what would be replaced."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  file = file_arg (context, args, _("Type the path of the backup file to restore, e.g. "
                                    "“genu-cli restore genu-backup.db --yes”."), &status);
  if (file == NULL)
    return status;

  db_path = database_path (options);
  db_name = dup_printable_arg (db_path);
  file_name = dup_printable_arg (file);

  /* A backup that cannot be restored is said first, with or without --yes. */
  if (!genu_backup_check (file, db_path, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (!yes)
    {
      if (g_file_test (db_path, G_FILE_TEST_EXISTS))
        print_error (_("This would replace every record in the database “%s” with those of the "
                       "backup “%s”.\n"
                       "The database as it is now would be kept as "
                       "“%s.before-restore-DATE-TIME”.\n"
                       "Quit Genu, then run the command again with --yes to restore."),
                     db_name, file_name, db_name);
      else
        print_error (_("This would create the database “%s” from the backup “%s”.\n"
                       "Run the command again with --yes to restore."), db_name, file_name);
      return CLI_EXIT_REFUSED;
    }

  if (!genu_backup_restore (file, db_path, &kept, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (kept != NULL)
    {
      g_autofree char *kept_name = dup_printable_arg (kept);

      g_print (_("Restored “%s” from “%s”. The database as it was before is kept in “%s”.\n"),
               db_name, file_name, kept_name);
    }
  else
    g_print (_("Restored “%s” from “%s”.\n"), db_name, file_name);
  return CLI_EXIT_DONE;
}
