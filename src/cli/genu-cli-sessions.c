/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-intervention.h"
#include "genu-session.h"
#include "genu-store.h"

/* genu-cli sessions: the treatment sessions of a patient, listed, shown, added from JSON (the
 * shape `sessions show ID --json` prints) and signed. */

enum {
  COLUMN_ID,
  COLUMN_DATE,
  COLUMN_THERAPIST,
  COLUMN_PAIN,
  COLUMN_INTERVENTIONS,
  COLUMN_SIGNED,
  N_COLUMNS,
};

/* Members of a session document that `sessions add` does not take from it: the store gives the
 * id and the timestamps, and --patient names the patient. They are skipped, so that the output of
 * `sessions show ID --json` can be added again as it is. */
static const char * const ignored_members[] = {
  "id", "patient_id", "created_at", "updated_at",
};

/* Members that are refused when they hold anything: a session is signed by a person with
 * `sessions sign` once it is saved, never by copying someone's signature from a file. */
static const char * const signature_members[] = {
  "signed_by", "signed_at",
};

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* "6 → 3"; a pain that was not recorded reads "–"; "" when neither was. */
static char *
format_pain (GenuSession *session)
{
  int before = genu_session_get_pain_before (session);
  int after = genu_session_get_pain_after (session);
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;

  if (before == GENU_SESSION_UNSET && after == GENU_SESSION_UNSET)
    return g_strdup ("");

  before_text = before == GENU_SESSION_UNSET ? g_strdup ("–") : g_strdup_printf ("%d", before);
  after_text = after == GENU_SESSION_UNSET ? g_strdup ("–") : g_strdup_printf ("%d", after);
  /* TRANSLATORS: the pain (NPRS 0–10) before and after a session, e.g. "6 → 3" */
  return g_strdup_printf (_("%s → %s"), before_text, after_text);
}

/* The labels of the kinds of intervention of @session, each once, in the session's order. */
static char *
format_kinds (GenuSession *session)
{
  GPtrArray *interventions = genu_session_get_interventions (session);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean seen[GENU_INTERVENTION_N_KINDS] = { FALSE, };

  for (guint i = 0; i < interventions->len; i++)
    {
      GenuInterventionKind kind = genu_intervention_get_kind (g_ptr_array_index (interventions, i));

      if (seen[kind])
        continue;
      seen[kind] = TRUE;
      if (text->len > 0)
        /* TRANSLATORS: between the kinds of intervention in "genu-cli sessions list" */
        g_string_append (text, _(", "));
      g_string_append (text, genu_intervention_kind_label (kind));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An ISO 8601 time from the store as people read it, in local time: "2024-03-18 14:05". */
static char *
format_signed_at (const char *signed_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (signed_at, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return dup_printable (signed_at);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
print_sessions_table (GPtrArray *sessions)
{
  const char *headers[N_COLUMNS] = {
    [COLUMN_ID] = _("ID"),
    [COLUMN_DATE] = _("Date"),
    [COLUMN_THERAPIST] = _("Therapist"),
    [COLUMN_PAIN] = _("Pain"),
    [COLUMN_INTERVENTIONS] = _("Interventions"),
    [COLUMN_SIGNED] = _("Signed"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint row = 0; row < sessions->len; row++)
    {
      GenuSession *session = g_ptr_array_index (sessions, row);
      g_autofree char *signed_by = dup_printable (genu_session_get_signed_by (session));

      g_ptr_array_add (cells, format_id (genu_session_get_id (session)));
      g_ptr_array_add (cells, dup_printable (genu_session_get_text (session, GENU_SESSION_DATE)));
      g_ptr_array_add (cells,
                       dup_printable (genu_session_get_text (session, GENU_SESSION_THERAPIST)));
      g_ptr_array_add (cells, format_pain (session));
      g_ptr_array_add (cells, format_kinds (session));
      if (genu_session_is_signed (session))
        /* TRANSLATORS: the last column of "genu-cli sessions list", e.g. "signed by Anna Berg" */
        g_ptr_array_add (cells, g_strdup_printf (_("signed by %s"), signed_by));
      else
        g_ptr_array_add (cells, g_strdup (""));
    }

  print_table (headers, N_COLUMNS, cells, 1u << COLUMN_ID);
}

/* "Label:  value" lines, the values aligned; a value of several lines keeps the alignment. */
static void
print_fields (GPtrArray *labels,
              GPtrArray *values)
{
  gsize label_width = 0;

  for (guint i = 0; i < labels->len; i++)
    label_width = MAX (label_width, text_width (g_ptr_array_index (labels, i)));

  for (guint i = 0; i < labels->len; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (values, i), "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autoptr(GString) line = g_string_new (NULL);
          g_autofree char *printable = dup_printable (lines[j]);

          append_padded (line, j == 0 ? g_ptr_array_index (labels, i) : "", label_width + 1,
                         FALSE);
          g_string_append (line, printable);
          while (line->len > 0 && line->str[line->len - 1] == ' ')
            g_string_truncate (line, line->len - 1);
          g_print ("%s\n", line->str);
        }
    }
}

static void
add_field (GPtrArray  *labels,
           GPtrArray  *values,
           const char *label,
           char       *value)
{
  g_ptr_array_add (labels, g_strdup (label));
  g_ptr_array_add (values, value);
}

/* The readable form of `sessions show`: the session's fields, its interventions one a line, and
 * its signature and amendments. */
static void
print_session (GenuSession *session,
               GPtrArray   *amendments)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *interventions = genu_session_get_interventions (session);
  int duration = genu_session_get_duration_minutes (session);
  const char *notes = genu_session_get_text (session, GENU_SESSION_NOTES);
  g_autofree char *id = format_id (genu_session_get_id (session));
  g_autofree char *patient_id = format_id (genu_session_get_patient_id (session));

  /* TRANSLATORS: the first line of "genu-cli sessions show", e.g. "Session 3 of patient 1" */
  g_print (_("Session %s of patient %s"), id, patient_id);
  g_print ("\n");

  add_field (labels, values, _("Date:"),
             g_strdup (genu_session_get_text (session, GENU_SESSION_DATE)));
  add_field (labels, values, _("Therapist:"),
             g_strdup (genu_session_get_text (session, GENU_SESSION_THERAPIST)));
  if (genu_session_get_plan_id (session) != 0)
    add_field (labels, values, _("Plan of care:"), format_id (genu_session_get_plan_id (session)));
  add_field (labels, values, _("Duration:"),
             duration == GENU_SESSION_UNSET ? g_strdup (_("not recorded"))
             /* TRANSLATORS: the duration of a session in minutes, e.g. "30 min" */
                                            : g_strdup_printf (_("%d min"), duration));
  if (genu_session_get_pain_before (session) == GENU_SESSION_UNSET &&
      genu_session_get_pain_after (session) == GENU_SESSION_UNSET)
    add_field (labels, values, _("Pain (NPRS):"), g_strdup (_("not recorded")));
  else
    add_field (labels, values, _("Pain (NPRS):"), format_pain (session));
  if (*notes != '\0')
    add_field (labels, values, _("Notes:"), g_strdup (notes));
  print_fields (labels, values);

  g_print ("%s\n", _("Interventions:"));
  for (guint i = 0; i < interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (interventions, i);
      g_autofree char *summary = genu_intervention_dup_summary (intervention);
      g_autofree char *printable = dup_printable (summary);
      g_auto(GStrv) note_lines = g_strsplit (genu_intervention_get_note (intervention), "\n", -1);

      g_print ("  %u. %s\n", i + 1, printable);
      for (guint j = 0; note_lines[j] != NULL; j++)
        if (*note_lines[j] != '\0')
          {
            g_autofree char *note = dup_printable (note_lines[j]);

            g_print ("     %s\n", note);
          }
    }

  if (genu_session_get_amends_id (session) != 0)
    {
      g_autofree char *amends = format_id (genu_session_get_amends_id (session));
      g_autofree char *reason =
        dup_printable (genu_session_get_text (session, GENU_SESSION_AMENDMENT_REASON));

      /* TRANSLATORS: in "genu-cli sessions show": the id of the signed session this one corrects,
       * and why */
      g_print (_("Amends session %s: %s"), amends, reason);
      g_print ("\n");
    }

  if (genu_session_is_signed (session))
    {
      g_autofree char *by = dup_printable (genu_session_get_signed_by (session));
      g_autofree char *at = format_signed_at (genu_session_get_signed_at (session));

      /* TRANSLATORS: in "genu-cli sessions show", e.g. "Signed by Anna Berg on 2024-03-18 14:05." */
      g_print (_("Signed by %s on %s."), by, at);
      g_print ("\n");
    }
  else
    {
      g_print ("%s\n", _("Not signed yet."));
    }

  for (guint i = 0; amendments != NULL && i < amendments->len; i++)
    {
      GenuSession *amendment = g_ptr_array_index (amendments, i);
      g_autofree char *amendment_id = format_id (genu_session_get_id (amendment));
      g_autofree char *date = dup_printable (genu_session_get_text (amendment, GENU_SESSION_DATE));
      g_autofree char *reason =
        dup_printable (genu_session_get_text (amendment, GENU_SESSION_AMENDMENT_REASON));

      /* TRANSLATORS: in "genu-cli sessions show": a later session that corrects this one, its
       * date and why, e.g. "Amended by session 5 (2024-03-19): wrong side recorded" */
      g_print (_("Amended by session %s (%s): %s"), amendment_id, date, reason);
      g_print ("\n");
    }
}

/* The session of @root for patient @patient_id, or NULL with every problem in @error, one a
 * line, each named by where it is. genu_session_new_from_json() reads and checks the session;
 * what is left here is what `sessions add` itself takes and refuses. */
static GenuSession *
session_from_document (JsonNode  *root,
                       gint64     patient_id,
                       GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GenuSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A session must be a JSON object, as “genu-cli sessions show ID "
                             "--json” prints it."));
      return NULL;
    }

  copy = json_node_copy (root);
  object = json_node_get_object (copy);
  for (gsize i = 0; i < G_N_ELEMENTS (ignored_members); i++)
    json_object_remove_member (object, ignored_members[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (signature_members); i++)
    {
      JsonNode *member = json_object_get_member (object, signature_members[i]);
      gboolean empty = member == NULL || JSON_NODE_HOLDS_NULL (member) ||
                       (JSON_NODE_HOLDS_VALUE (member) &&
                        json_node_get_value_type (member) == G_TYPE_STRING &&
                        *json_node_get_string (member) == '\0');

      if (!empty)
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s: %s", signature_members[i],
                                          _("A session is signed with “genu-cli sessions sign ID "
                                            "--by NAME” once it is added, not from a file. Leave "
                                            "it empty or remove it.")));
      json_object_remove_member (object, signature_members[i]);
    }

  session = genu_session_new_from_json (copy, &local_error);
  if (session == NULL)
    {
      g_auto(GStrv) lines = g_strsplit (local_error->message, "\n", -1);

      /* The messages quote the document's member names and kinds as they are: made printable,
       * like every text of a document the command prints. */
      for (guint i = 0; lines[i] != NULL; i++)
        g_ptr_array_add (problems, dup_printable (lines[i]));
    }

  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return NULL;
    }

  genu_session_set_patient_id (session, patient_id);
  return g_steal_pointer (&session);
}

/* Parses --patient: a usage error (returned) when it is missing or not an id. */
static int
parse_patient_option (GOptionContext *context,
                      const char     *patient_arg,
                      gint64         *patient_id)
{
  if (patient_arg == NULL)
    return usage_error (context, _("The option --patient is required."));

  if (!parse_id_arg (patient_arg, patient_id))
    {
      g_autofree char *arg = dup_printable_arg (patient_arg);

      return usage_error (context,
                          _("“%s” is not a patient id. An id is a number, as in the first column "
                            "of “genu-cli patients list”."),
                          arg);
    }

  return CLI_EXIT_DONE;
}

/* Parses the session id of `sessions show` and `sessions sign`: a usage error (returned) when it
 * is missing, not an id, or followed by more. */
static int
parse_session_arg (GOptionContext  *context,
                   char           **args,
                   const char      *what_to_do,
                   gint64          *id)
{
  if (args[1] == NULL)
    return usage_error (context, "%s", what_to_do);

  if (args[2] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[2]);

      return usage_error (context, _("“%s” was not expected: one session at a time."), arg);
    }

  if (!parse_id_arg (args[1], id))
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” is not a session id. An id is a number, as in the first column "
                            "of “genu-cli sessions list”."),
                          arg);
    }

  return CLI_EXIT_DONE;
}

/* The patient @patient_id, to tell an unknown patient from one without sessions; NULL with the
 * store's message printed. */
static GenuPatient *
get_patient (CliOptions  *options,
             gint64       patient_id,
             GenuStore  **store)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = NULL;

  *store = open_store (options, &error);
  if (*store != NULL)
    patient = genu_store_get_patient (*store, patient_id, &error);
  if (patient == NULL)
    print_error ("%s", error->message);

  return patient;
}

static int
sessions_list (CliOptions  *options,
               char       **args)
{
  g_autofree char *patient_arg = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_arg,
      N_("The id of the patient, as in the first column of “genu-cli patients list”; required"),
      N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of sessions, each as “genu-cli sessions show ID --json” prints it"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 patient_id;
  int status;

  context = cli_context_new (options, "sessions list", NULL,
                             N_("Lists the treatment sessions of a patient, amendments included, "
                                "the newest first."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” was not expected: the patient’s id follows --patient, as in "
                            "--patient 1."),
                          arg);
    }
  status = parse_patient_option (context, patient_arg, &patient_id);
  if (status != CLI_EXIT_DONE)
    return status;

  patient = get_patient (options, patient_id, &store);
  if (patient == NULL)
    return CLI_EXIT_REFUSED;

  sessions = genu_store_list_sessions (store, patient_id, &error);
  if (sessions == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (sessions->len);
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; i < sessions->len; i++)
        json_array_add_element (array, genu_session_to_json (g_ptr_array_index (sessions, i)));
      root = json_node_init_array (json_node_alloc (), array);
      print_json (root);
    }
  else if (sessions->len == 0)
    {
      g_print ("%s\n", _("This patient has no treatment session yet."));
    }
  else
    {
      print_sessions_table (sessions);
    }

  return CLI_EXIT_DONE;
}

static int
sessions_show (CliOptions  *options,
               char       **args)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the session as JSON, the form “genu-cli sessions add” reads"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuSession) session = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status;

  /* TRANSLATORS: the argument of "genu-cli sessions show", in its usage line */
  context = cli_context_new (options, "sessions show", N_("ID"),
                             N_("Shows one treatment session: its date, therapist, duration, "
                                "pain, notes, each intervention on a line, and its signature and "
                                "amendments. ID is the number in the first column of “genu-cli "
                                "sessions list”. With --json the output can be given to "
                                "“genu-cli sessions add”."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  status = parse_session_arg (context, args, _("Type the id of the session to show."), &id);
  if (status != CLI_EXIT_DONE)
    return status;

  store = open_store (options, &error);
  if (store != NULL)
    session = genu_store_get_session (store, id, &error);
  if (session != NULL && !json)
    amendments = genu_store_list_amendments (store, id, &error);
  if (session == NULL || (!json && amendments == NULL))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = genu_session_to_json (session);

      print_json (root);
    }
  else
    {
      print_session (session, amendments);
    }

  return CLI_EXIT_DONE;
}

static int
sessions_add (CliOptions  *options,
              char       **args)
{
  g_autofree char *patient_arg = NULL;
  g_autofree char *json_arg = NULL;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_arg,
      N_("The id of the patient, as in the first column of “genu-cli patients list”; required"),
      N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_arg,
      N_("Read the session from FILE, or from the standard input when FILE is “-”; required"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GenuSession) session = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *data;
  gsize length = 0;
  gint64 patient_id;
  int status;

  context = cli_context_new (options, "sessions add", NULL,
                             N_("Adds a treatment session to a patient from JSON, in the form "
                                "“genu-cli sessions show ID --json” prints, and prints its id. "
                                "“date” (YYYY-MM-DD), “therapist” and at least one intervention "
                                "are required: {\"date\": …, \"therapist\": …, \"interventions\": "
                                "[{\"kind\": \"iastm\", \"fields\": {\"instruments\": [\"gt2\"], "
                                "…}}, …]}.\n"
                                "\n"
                                "“id”, “patient_id”, “created_at” and “updated_at” are not read: "
                                "the session is always a new one, of the patient of --patient. "
                                "“signed_by” and “signed_at” must be empty: “genu-cli sessions "
                                "sign” signs a saved session. A member a session does not have "
                                "is refused. When anything is wrong, every problem is told, one "
                                "a line, and nothing is saved."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” was not expected: the file follows --json, as in --json "
                            "session.json."),
                          arg);
    }
  status = parse_patient_option (context, patient_arg, &patient_id);
  if (status != CLI_EXIT_DONE)
    return status;
  if (json_arg == NULL)
    return usage_error (context, _("The option --json is required: type the session file, or "
                                   "“-” for the standard input."));

  patient = get_patient (options, patient_id, &store);
  if (patient == NULL)
    return CLI_EXIT_REFUSED;

  bytes = cli_read_input (json_arg, _("Type the path of a session file."), &name, &error);
  if (bytes == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  parser = json_parser_new ();
  data = g_bytes_get_data (bytes, &length);
  if (length > G_MAXSSIZE || data == NULL ||
      !json_parser_load_from_data (parser, data, (gssize) length, &error) ||
      json_parser_get_root (parser) == NULL)
    {
      /* TRANSLATORS: the first %s is “a file name” or "the standard input", the second says why
       * it is not JSON */
      print_error (_("The session in %s is not JSON: %s"), name,
                   error != NULL ? error->message : _("there is nothing"));
      return CLI_EXIT_REFUSED;
    }

  session = session_from_document (json_parser_get_root (parser), patient_id, &error);
  if (session == NULL || !genu_store_save_session (store, session, &error))
    {
      /* One line per problem: print_error() prefixes each. */
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  g_print ("%" G_GINT64_FORMAT "\n", genu_session_get_id (session));
  return CLI_EXIT_DONE;
}

static int
sessions_sign (CliOptions  *options,
               char       **args)
{
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("The name of the therapist who signs; required"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = 0;
  int status;

  /* TRANSLATORS: the argument of "genu-cli sessions sign", in its usage line */
  context = cli_context_new (options, "sessions sign", N_("ID"),
                             N_("Signs the treatment session ID as NAME. A signed session is not "
                                "changed any more: a correction is an amendment."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  status = parse_session_arg (context, args, _("Type the id of the session to sign."), &id);
  if (status != CLI_EXIT_DONE)
    return status;
  if (by == NULL)
    return usage_error (context, _("The option --by is required: type who signs, as in --by "
                                   "\"Anna Berg\"."));

  store = open_store (options, &error);
  if (store == NULL || !genu_store_sign_session (store, id, by, &error))
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  /* The store keeps the name without surrounding spaces. */
  signer = dup_printable (g_strstrip (by));
  id_text = format_id (id);
  /* TRANSLATORS: e.g. "Signed session 3 by Anna Berg." */
  g_print (_("Signed session %s by %s."), id_text, signer);
  g_print ("\n");
  return CLI_EXIT_DONE;
}

int
run_sessions (CliOptions  *options,
              char       **args)
{
  static const CliCommand commands[] = {
    { "list", sessions_list },
    { "show", sessions_show },
    { "add", sessions_add },
    { "sign", sessions_sign },
  };

  return run_command_group (options, args, "sessions",
                            N_("Commands:\n"
                               "  list   List the treatment sessions of a patient\n"
                               "  show   Show one session and its interventions\n"
                               "  add    Add a session from JSON\n"
                               "  sign   Sign a session\n"
                               "\n"
                               "“genu-cli sessions COMMAND --help” tells the options of each."),
                            _("Type what to do: list, show, add or sign."),
                            commands, G_N_ELEMENTS (commands));
}
