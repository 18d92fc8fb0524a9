/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-diagnosis.h"
#include "genu-knowledge-base.h"

/* genu-cli diagnose: the differential of a set of findings, as the visit page shows it. */

/* The findings of {"findings": {...}}; other members are left alone, so that richer documents
 * (an exported assessment, say) can be read as they are. @name says where the text came from:
 * “a file name” or "the standard input". */
static GenuFindings *
parse_findings (GenuKnowledgeBase  *kb,
                GBytes             *bytes,
                const char         *name,
                GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonNode *findings;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length > G_MAXSSIZE || data == NULL ||
      !json_parser_load_from_data (parser, data, (gssize) length, &parse_error) ||
      json_parser_get_root (parser) == NULL)
    {
      /* TRANSLATORS: the first %s is “a file name” or "the standard input", the second says why
       * it is not JSON */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The findings in %s are not JSON: %s"), name,
                   parse_error != NULL ? parse_error->message : _("there is nothing"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  findings = JSON_NODE_HOLDS_OBJECT (root)
             ? json_object_get_member (json_node_get_object (root), "findings")
             : NULL;
  if (findings == NULL || !JSON_NODE_HOLDS_OBJECT (findings))
    {
      /* TRANSLATORS: %s is “a file name” or "the standard input" */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("There is no “findings” object in %s. Type {\"findings\": {\"<finding id>\": "
                     "<value>, …}}, as “genu-cli assessments show ID --json” prints it."),
                   name);
      return NULL;
    }

  return genu_findings_from_json (kb, findings, error);
}

int
run_diagnose (CliOptions  *options,
              char       **args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuFindings) findings = NULL;
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GenuKnowledgeBase *kb;

  /* TRANSLATORS: the argument of "genu-cli diagnose", in its usage line */
  context = cli_context_new (options, "diagnose", N_("FILE"),
                             N_("Reads findings from FILE (or from the standard input when FILE is "
                                "“-”) as {\"findings\": {\"<finding id>\": <value>, …}} and prints "
                                "the red flags and the differential as JSON, the most probable "
                                "condition first. A yes-no finding or a test takes “present” or "
                                "“absent”, a numeric one a number: “genu-cli findings” lists them. "
                                "“genu-cli assessments show ID --json” prints a saved assessment "
                                "in this form.\n"
                                "\n"
                                "The output is decision support for a licensed clinician, not a "
                                "diagnosis: the probabilities come from published likelihood "
                                "ratios and priors, each cited in the output."),
                             NULL, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return usage_error (context, _("Type the file of findings to read, or “-” for the standard "
                                   "input."));
  if (args[2] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[2]);

      return usage_error (context, _("“%s” was not expected: read one file at a time."), arg);
    }

  bytes = cli_read_input (args[1], _("Type the path of a file of findings."), &name, &error);
  if (bytes == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  kb = genu_knowledge_base_get_default ();
  findings = parse_findings (kb, bytes, name, &error);
  if (findings == NULL)
    {
      /* One line per unknown id or wrong value: print_error() prefixes each. */
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  diagnosis = genu_diagnose (kb, findings);
  root = genu_diagnosis_to_json (diagnosis);
  print_json (root);

  return CLI_EXIT_DONE;
}
