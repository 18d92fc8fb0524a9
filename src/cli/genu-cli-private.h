/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "genu-store.h"

G_BEGIN_DECLS

/* Scripts act on the exit status, so each one has a single meaning (also told in --help). */
enum {
  CLI_EXIT_DONE = 0,
  CLI_EXIT_USAGE = 1,
  CLI_EXIT_REFUSED = 2,
};

/* What every level of the command line accepts, before or after the command. */
typedef struct
{
  char *database;
} CliOptions;

/* @args holds the command's own name first, then what follows it on the command line. */
typedef int (*CliCommandFunc) (CliOptions  *options,
                               char       **args);

typedef struct
{
  const char     *name;
  CliCommandFunc  run;
} CliCommand;

/* The shared helpers, in genu-cli.c. */
void            print_error       (const char          *format,
                                   ...) G_GNUC_PRINTF (1, 2);
int             usage_error       (GOptionContext      *context,
                                   const char          *format,
                                   ...) G_GNUC_PRINTF (2, 3);
char           *dup_printable_arg (const char          *arg);
char           *dup_printable     (const char          *text);
GOptionContext *cli_context_new   (CliOptions          *options,
                                   const char          *command,
                                   const char          *parameter_string,
                                   const char          *summary,
                                   const GOptionEntry  *entries,
                                   gboolean             stop_at_command);
int             run_command_group (CliOptions          *options,
                                   char               **args,
                                   const char          *name,
                                   const char          *summary,
                                   const char          *what_to_do,
                                   const CliCommand    *commands,
                                   gsize                n_commands);
int             run_command       (GOptionContext      *context,
                                   const CliCommand    *commands,
                                   gsize                n_commands,
                                   CliOptions          *options,
                                   char               **args);
gboolean        parse_id_arg      (const char          *arg,
                                   gint64              *id);
GenuStore      *open_store        (CliOptions          *options,
                                   GError             **error);
void            print_json        (JsonNode            *root);
/* The whole of @path, or of the standard input when @path is "-" (see genu-cli.c). */
GBytes         *cli_read_input    (const char          *path,
                                   const char          *what_to_type,
                                   char               **name,
                                   GError             **error);

gsize           text_width        (const char          *text);
void            append_padded     (GString             *line,
                                   const char          *text,
                                   gsize                width,
                                   gboolean             align_right);
void            print_table       (const char * const  *headers,
                                   guint                n_columns,
                                   GPtrArray           *cells,
                                   guint                right_aligned);

/* The commands, each in a file of its own. */
int             run_patients      (CliOptions          *options,
                                   char               **args);
int             run_findings      (CliOptions          *options,
                                   char               **args);
int             run_diagnose      (CliOptions          *options,
                                   char               **args);
int             run_assessments   (CliOptions          *options,
                                   char               **args);
int             run_sessions      (CliOptions          *options,
                                   char               **args);
int             run_summary       (CliOptions          *options,
                                   char               **args);
int             run_backup        (CliOptions          *options,
                                   char               **args);
int             run_restore       (CliOptions          *options,
                                   char               **args);
int             run_audit         (CliOptions          *options,
                                   char               **args);
int             run_demo          (CliOptions          *options,
                                   char               **args);
int             run_import        (CliOptions          *options,
                                   char               **args);

G_END_DECLS
