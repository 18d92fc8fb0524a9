/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-knowledge-base.h"

/* genu-cli findings: what an assessment can record, and so what `genu-cli diagnose` reads. */

enum {
  COLUMN_ID,
  COLUMN_TYPE,
  COLUMN_VALUES,
  COLUMN_UNIT,
  COLUMN_GROUP,
  COLUMN_LABEL,
  N_COLUMNS,
};

/* The values a finding takes, as `diagnose` reads them: "present | absent", "0 to 10". */
static char *
format_values (const GenuFindingDef *def)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (def->type == GENU_FINDING_TYPE_BOOL)
    {
      if (def->max_grade > 0)
        /* TRANSLATORS: the values of a yes-no finding that may be graded, e.g. for laxity.
         * "present" and "absent" are what to type: keep them in English. */
        return g_strdup_printf (_("present | absent (grade 1 to %d)"), def->max_grade);

      /* TRANSLATORS: "present" and "absent" are what to type: keep them in English. */
      return g_strdup (_("present | absent"));
    }

  min = g_strdup_printf ("%g", def->min);
  max = g_strdup_printf ("%g", def->max);
  if (def->integer)
    /* TRANSLATORS: the range of a numeric finding, e.g. "0 to 10 (whole numbers)" */
    return g_strdup_printf (_("%s to %s (whole numbers)"), min, max);

  /* TRANSLATORS: the range of a numeric finding, e.g. "0 to 2.5" */
  return g_strdup_printf (_("%s to %s"), min, max);
}

static void
print_findings_table (GenuKnowledgeBase *kb)
{
  const char *headers[N_COLUMNS] = {
    [COLUMN_ID] = _("ID"),
    [COLUMN_TYPE] = _("Type"),
    [COLUMN_VALUES] = _("Values"),
    [COLUMN_UNIT] = _("Unit"),
    [COLUMN_GROUP] = _("Group"),
    [COLUMN_LABEL] = _("Label"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < genu_knowledge_base_get_n_findings (kb); i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);
      /* TRANSLATORS: the types of a finding in "genu-cli findings"; special tests are yes-no
       * findings too (positive is present). */
      const char *type = def->type == GENU_FINDING_TYPE_NUMBER ? _("number") : _("yes-no");

      g_ptr_array_add (cells, g_strdup (def->id));
      g_ptr_array_add (cells, g_strdup (type));
      g_ptr_array_add (cells, format_values (def));
      g_ptr_array_add (cells, g_strdup (def->unit != NULL ? def->unit : ""));
      g_ptr_array_add (cells, g_strdup (def->group));
      g_ptr_array_add (cells, dup_printable (def->label));
    }

  print_table (headers, N_COLUMNS, cells, 0);
}

static JsonNode *
findings_to_json (GenuKnowledgeBase *kb)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < genu_knowledge_base_get_n_findings (kb); i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);
      gboolean is_bool = def->type == GENU_FINDING_TYPE_BOOL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, def->id);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, is_bool ? "bool" : "number");
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, def->group);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, def->label);

      json_builder_set_member_name (builder, "values");
      if (is_bool)
        {
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, "present");
          json_builder_add_string_value (builder, "absent");
          json_builder_end_array (builder);
        }
      else
        {
          json_builder_begin_object (builder);
          /* Whole numbers print as such (0, not 0.0), as scripts compare them. */
          json_builder_set_member_name (builder, "min");
          if (def->integer)
            json_builder_add_int_value (builder, (gint64) def->min);
          else
            json_builder_add_double_value (builder, def->min);
          json_builder_set_member_name (builder, "max");
          if (def->integer)
            json_builder_add_int_value (builder, (gint64) def->max);
          else
            json_builder_add_double_value (builder, def->max);
          json_builder_set_member_name (builder, "integer");
          json_builder_add_boolean_value (builder, def->integer);
          json_builder_set_member_name (builder, "unit");
          if (def->unit != NULL)
            json_builder_add_string_value (builder, def->unit);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }

      json_builder_set_member_name (builder, "test");
      json_builder_add_boolean_value (builder, def->is_test);
      json_builder_set_member_name (builder, "max_grade");
      json_builder_add_int_value (builder, def->max_grade);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

int
run_findings (CliOptions  *options,
              char       **args)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of findings, with the type and the values each one takes"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GenuKnowledgeBase *kb;

  context = cli_context_new (options, "findings", NULL,
                             N_("Lists every finding a knee assessment can record, in the order of "
                                "the form: its id, its type and the values it takes. These ids and "
                                "values are what “genu-cli diagnose” reads."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context, _("“%s” was not expected: “genu-cli findings” lists them all."),
                          arg);
    }

  kb = genu_knowledge_base_get_default ();
  if (json)
    {
      g_autoptr(JsonNode) root = findings_to_json (kb);

      print_json (root);
    }
  else
    {
      print_findings_table (kb);
    }

  return CLI_EXIT_DONE;
}
