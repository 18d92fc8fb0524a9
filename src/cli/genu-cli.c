/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "genu-cli-private.h"

/*
 * main(), the top-level command table and the helpers every command shares: messages, option
 * parsing, opening the database, printing JSON and tables. Each command lives in a file of its
 * own (genu-cli-patients.c, genu-cli-findings.c, ...).
 */

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->database, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

void
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

int
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
char *
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
GOptionContext *
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
int
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

/* A command that has commands of its own ("genu-cli patients list"): its --help shows @summary;
 * without one of its commands it says @what_to_do. */
int
run_command_group (CliOptions        *options,
                   char             **args,
                   const char        *name,
                   const char        *summary,
                   const char        *what_to_do,
                   const CliCommand  *commands,
                   gsize              n_commands)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  /* TRANSLATORS: the argument of "genu-cli patients" and the like, in its usage line */
  context = cli_context_new (options, name, N_("COMMAND"), summary, NULL, TRUE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return usage_error (context, "%s", what_to_do);

  return run_command (context, commands, n_commands, options, args);
}

/* Ids are what `patients list` and `assessments list` print in their first column. */
gboolean
parse_id_arg (const char *arg,
              gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (arg, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

GenuStore *
open_store (CliOptions  *options,
            GError     **error)
{
  g_autofree char *path = NULL;

  path = options->database != NULL ? g_strdup (options->database) : genu_store_default_path ();
  return genu_store_open (path, error);
}

/* JSON goes out as UTF-8 whatever the locale, unlike g_print(), which converts to the locale's
 * character set: scripts need the bytes as they were saved. */
void
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
char *
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

/* The whole of standard input. GUnixInputStream, since GIO has no portable stream for it. */
static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    {
      g_prefix_error (error, _("Could not read the standard input: "));
      return NULL;
    }

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* GIO's own messages name the file again, in words of their own: the usual failures get a
 * sentence that names it once and says what to do. */
static GBytes *
read_file (const char  *path,
           const char  *what_to_type,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = dup_printable_arg (path);
  char *contents = NULL;
  gsize length = 0;

  if (g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    return g_bytes_new_take (contents, length);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* TRANSLATORS: the second %s says what to do, e.g. "Type the path of a session file." */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no file “%s”. %s"), name,
                 what_to_type);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    /* TRANSLATORS: the second %s says what to do, e.g. "Type the path of a session file." */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("“%s” is a folder. %s"), name,
                 what_to_type);
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("Could not read “%s”: you may not read this file."), name);
  else
    /* TRANSLATORS: the first %s is a file name, the second why it could not be read */
    g_set_error (error, local_error->domain, local_error->code, _("Could not read “%s”: %s"),
                 name, local_error->message);
  return NULL;
}

/* The whole of the file @path, or of the standard input when @path is "-"; NULL with a message
 * that names it and, for a missing file or a folder, ends with @what_to_type. @name (optional)
 * is set to how the command's messages name the input: “path” in quotes or "the standard
 * input". */
GBytes *
cli_read_input (const char  *path,
                const char  *what_to_type,
                char       **name,
                GError     **error)
{
  if (g_str_equal (path, "-"))
    {
      if (name != NULL)
        *name = g_strdup (_("the standard input"));
      return read_stdin (error);
    }

  if (name != NULL)
    {
      g_autofree char *arg = dup_printable_arg (path);

      /* TRANSLATORS: a file name in quotes, used in the messages of "genu-cli sessions add" and
       * "genu-cli diagnose" */
      *name = g_strdup_printf (_("“%s”"), arg);
    }
  return read_file (path, what_to_type, error);
}

/* The number of terminal columns @text takes, for aligning tables. */
gsize
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

void
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

/* Prints @cells (@n_columns strings a row, without the headers) under @headers, each column as
 * wide as its widest cell. @right_aligned: a bit for each column whose cells are numbers. */
void
print_table (const char * const *headers,
             guint               n_columns,
             GPtrArray          *cells,
             guint               right_aligned)
{
  g_autofree gsize *widths = g_new0 (gsize, n_columns);
  guint n_rows = cells->len / n_columns;

  g_return_if_fail (cells->len % n_columns == 0);

  for (guint col = 0; col < n_columns; col++)
    widths[col] = text_width (headers[col]);
  for (guint i = 0; i < cells->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns],
                                 text_width (g_ptr_array_index (cells, i)));

  for (guint row = 0; row <= n_rows; row++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint col = 0; col < n_columns; col++)
        {
          const char *cell = row == 0 ? headers[col]
                                      : g_ptr_array_index (cells, (row - 1) * n_columns + col);
          gboolean last = col + 1 == n_columns;

          if (col > 0)
            g_string_append (line, "  ");
          /* No padding after the last column: trailing spaces only get in the way. */
          append_padded (line, cell, last ? 0 : widths[col], (right_aligned & (1u << col)) != 0);
        }
      /* An empty last cell would leave the padding of the one before it. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const CliCommand commands[] = {
    { "patients", run_patients },
    { "assessments", run_assessments },
    { "findings", run_findings },
    { "diagnose", run_diagnose },
    { "sessions", run_sessions },
    { "summary", run_summary },
    { "backup", run_backup },
    { "restore", run_restore },
    { "audit", run_audit },
    { "demo", run_demo },
    { "import", run_import },
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
  /* Standard output is for what was asked, which scripts read: debug messages
   * (G_MESSAGES_DEBUG) go to standard error with the warnings. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* TRANSLATORS: the arguments of "genu-cli", in its usage line */
  context = cli_context_new (&options, NULL, N_("COMMAND …"),
                             N_("Patients and knee assessments in Genu, for clinic staff and "
                                "scripts.\n"
                                "\n"
                                "Commands:\n"
                                "  patients      Add, list and show patients\n"
                                "  assessments   List and show the knee assessments of a patient\n"
                                "  findings      List the findings an assessment can record\n"
                                "  diagnose      Rank the conditions that fit a set of findings\n"
                                "                (decision support, not a diagnosis)\n"
                                "  sessions      List, show, add and sign treatment sessions\n"
                                "  summary       Write the treatment summary of a patient as PDF\n"
                                "  backup        Write a checked backup of the database\n"
                                "  restore       Replace the database with a backup\n"
                                "  audit         List the changes to the records; check the "
                                "audit trail\n"
                                "  demo          Fill a new database with synthetic patients\n"
                                "  import        Import patients from a CSV file\n"
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
