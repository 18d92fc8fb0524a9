/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "genu-cli-private.h"
#include "genu-knowledge-base.h"
#include "genu-store.h"
#include "genu-visit.h"

/* genu-cli assessments: the knee assessments saved with visits, listed per patient and shown one
 * at a time, in the form `genu-cli diagnose` reads. */

enum {
  COLUMN_ID,
  COLUMN_DATE,
  COLUMN_KIND,
  COLUMN_THERAPIST,
  COLUMN_DIAGNOSIS,
  N_COLUMNS,
};

static char *
format_working_diagnosis (GenuVisit *visit)
{
  const char *name = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME);
  const char *icd10 = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ICD10);
  g_autofree char *printable_name = dup_printable (name);
  g_autofree char *printable_icd10 = NULL;

  if (icd10 == NULL || *icd10 == '\0')
    return g_steal_pointer (&printable_name);

  printable_icd10 = dup_printable (icd10);
  /* TRANSLATORS: a working diagnosis and its ICD-10 code, e.g. "Pes anserine bursitis (M70.5)" */
  return g_strdup_printf (_("%s (%s)"), printable_name, printable_icd10);
}

static void
print_visits_table (GPtrArray *visits)
{
  const char *headers[N_COLUMNS] = {
    [COLUMN_ID] = _("ID"),
    [COLUMN_DATE] = _("Date"),
    [COLUMN_KIND] = _("Kind"),
    [COLUMN_THERAPIST] = _("Therapist"),
    [COLUMN_DIAGNOSIS] = _("Working diagnosis"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint row = 0; row < visits->len; row++)
    {
      GenuVisit *visit = g_ptr_array_index (visits, row);

      g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, genu_visit_get_id (visit)));
      g_ptr_array_add (cells, dup_printable (genu_visit_get_text (visit, GENU_VISIT_DATE)));
      g_ptr_array_add (cells, g_strdup (genu_visit_kind_label (genu_visit_get_kind (visit))));
      g_ptr_array_add (cells, dup_printable (genu_visit_get_text (visit, GENU_VISIT_THERAPIST)));
      g_ptr_array_add (cells, format_working_diagnosis (visit));
    }

  print_table (headers, N_COLUMNS, cells, 1u << COLUMN_ID);
}

/* The value of one recorded finding as people read it: "positive", "present (grade 2)",
 * "7 (0–10)". */
static char *
format_finding_value (const GenuFindingDef *def,
                      GenuFindings         *findings,
                      const char           *id)
{
  gboolean is_test = def != NULL && def->is_test;
  const char *unit = def != NULL ? def->unit : NULL;
  g_autofree char *number_text = NULL;
  const char *text;
  double number = 0;
  int grade;

  switch (genu_findings_get (findings, id, &number))
    {
    case GENU_FINDING_PRESENT:
      text = is_test ? _("positive") : _("present");
      break;
    case GENU_FINDING_ABSENT:
      text = is_test ? _("negative") : _("absent");
      break;
    case GENU_FINDING_NUMBER:
      number_text = g_strdup_printf ("%g", number);
      if (unit == NULL)
        return g_steal_pointer (&number_text);
      /* TRANSLATORS: a number and its unit, e.g. "7 (0–10)", "45 (years)", "120 (°)" */
      return g_strdup_printf (_("%s (%s)"), number_text, unit);
    case GENU_FINDING_NOT_TESTED:
    default:
      return g_strdup (_("not tested"));
    }

  grade = genu_findings_get_grade (findings, id);
  if (grade > 0)
    /* TRANSLATORS: a finding and its grade, e.g. "positive (grade 2)" */
    return g_strdup_printf (_("%s (grade %d)"), text, grade);

  return g_strdup (text);
}

/* "Label: value", one a line, in the order of the form (the knowledge base's). */
static void
print_findings (GenuFindings *findings)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  g_auto(GStrv) ids = genu_findings_dup_ids (findings);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  gsize label_width = 0;

  for (guint i = 0; i < genu_knowledge_base_get_n_findings (kb); i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);

      if (!g_strv_contains ((const char * const *) ids, def->id))
        continue;

      /* TRANSLATORS: a finding's label in "genu-cli assessments show", e.g. "McMurray test:" */
      g_ptr_array_add (labels, g_strdup_printf (_("%s:"), def->label));
      g_ptr_array_add (values, format_finding_value (def, findings, def->id));
    }
  /* Ids the knowledge base no longer has (it changes with the evidence) are shown as they are. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (genu_knowledge_base_lookup_finding (kb, ids[i]) == NULL)
      {
        g_autofree char *id = dup_printable (ids[i]);

        g_ptr_array_add (labels, g_strdup_printf (_("%s:"), id));
        g_ptr_array_add (values, format_finding_value (NULL, findings, ids[i]));
      }

  if (labels->len == 0)
    {
      g_print ("%s\n", _("No findings were recorded in this assessment."));
      return;
    }

  for (guint i = 0; i < labels->len; i++)
    label_width = MAX (label_width, text_width (g_ptr_array_index (labels, i)));

  for (guint i = 0; i < labels->len; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      append_padded (line, g_ptr_array_index (labels, i), label_width + 1, FALSE);
      g_string_append (line, g_ptr_array_index (values, i));
      g_print ("%s\n", line->str);
    }
}

static int
assessments_list (CliOptions  *options,
                  char       **args)
{
  g_autofree char *patient_arg = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_arg,
      N_("The id of the patient, as in the first column of “genu-cli patients list”; required"),
      N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array of visits; the member names are the database columns, and "
         "“assessment” holds the knee assessment"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) assessed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 patient_id;

  context = cli_context_new (options, "assessments list", NULL,
                             N_("Lists the visits of a patient that have a knee assessment, the "
                                "newest first."),
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
  if (patient_arg == NULL)
    return usage_error (context, _("The option --patient is required."));
  if (!parse_id_arg (patient_arg, &patient_id))
    {
      g_autofree char *arg = dup_printable_arg (patient_arg);

      return usage_error (context,
                          _("“%s” is not a patient id. An id is a number, as in the first column "
                            "of “genu-cli patients list”."),
                          arg);
    }

  /* Asking for the patient first tells an unknown patient from one without assessments. */
  store = open_store (options, &error);
  if (store != NULL)
    patient = genu_store_get_patient (store, patient_id, &error);
  if (patient != NULL)
    visits = genu_store_list_visits (store, patient_id, &error);
  if (visits == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  assessed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < visits->len; i++)
    {
      GenuVisit *visit = g_ptr_array_index (visits, i);

      if (genu_visit_get_assessment (visit) != NULL)
        g_ptr_array_add (assessed, g_object_ref (visit));
    }

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (assessed->len);
      g_autoptr(JsonNode) root = NULL;

      for (guint i = 0; i < assessed->len; i++)
        json_array_add_element (array, genu_visit_to_json (g_ptr_array_index (assessed, i)));
      root = json_node_init_array (json_node_alloc (), array);
      print_json (root);
    }
  else if (assessed->len == 0)
    {
      g_print ("%s\n", _("This patient has no knee assessment yet."));
    }
  else
    {
      print_visits_table (assessed);
    }

  return CLI_EXIT_DONE;
}

static int
assessments_show (CliOptions  *options,
                  char       **args)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print {\"findings\": {…}}, which “genu-cli diagnose” reads"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  GenuAssessment *assessment;
  gint64 id;

  /* TRANSLATORS: the argument of "genu-cli assessments show", in its usage line */
  context = cli_context_new (options, "assessments show", N_("ID"),
                             N_("Shows the findings of the knee assessment of one visit. ID is "
                                "the number in the first column of “genu-cli assessments list”. "
                                "With --json the output can be given to “genu-cli diagnose -”."),
                             entries, FALSE);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, "%s", error->message);

  if (args[1] == NULL)
    return usage_error (context, _("Type the id of the visit whose assessment to show."));
  if (args[2] != NULL)
    {
      g_autofree char *arg = dup_printable_arg (args[2]);

      return usage_error (context, _("“%s” was not expected: show one assessment at a time."),
                          arg);
    }
  if (!parse_id_arg (args[1], &id))
    {
      g_autofree char *arg = dup_printable_arg (args[1]);

      return usage_error (context,
                          _("“%s” is not a visit id. An id is a number, as in the first column "
                            "of “genu-cli assessments list”."),
                          arg);
    }

  store = open_store (options, &error);
  if (store != NULL)
    visit = genu_store_get_visit (store, id, &error);
  if (visit == NULL)
    {
      print_error ("%s", error->message);
      return CLI_EXIT_REFUSED;
    }

  assessment = genu_visit_get_assessment (visit);
  if (assessment == NULL)
    {
      g_autofree char *visit_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *patient_id =
        g_strdup_printf ("%" G_GINT64_FORMAT, genu_visit_get_patient_id (visit));

      print_error (_("Visit %s has no knee assessment. “genu-cli assessments list --patient %s” "
                     "lists the visits that have one."),
                   visit_id, patient_id);
      return CLI_EXIT_REFUSED;
    }

  if (json)
    {
      /* Exactly the shape `genu-cli diagnose` reads. */
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) root = NULL;

      json_object_set_member (object, "findings",
                              genu_findings_to_json (genu_assessment_get_findings (assessment)));
      root = json_node_init_object (json_node_alloc (), object);
      print_json (root);
    }
  else
    {
      print_findings (genu_assessment_get_findings (assessment));
    }

  return CLI_EXIT_DONE;
}

int
run_assessments (CliOptions  *options,
                 char       **args)
{
  static const CliCommand commands[] = {
    { "list", assessments_list },
    { "show", assessments_show },
  };

  return run_command_group (options, args, "assessments",
                            N_("Commands:\n"
                               "  list   List the visits of a patient that have a knee "
                               "assessment\n"
                               "  show   Show the findings of one assessment\n"
                               "\n"
                               "“genu-cli assessments COMMAND --help” tells the options of "
                               "each."),
                            _("Type what to do: list or show."),
                            commands, G_N_ELEMENTS (commands));
}
