/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-assessment.h"

#include "genu-string-private.h"

struct _GenuAssessment
{
  GObject       parent_instance;

  GenuSide      side;
  int           duration_weeks;
  char         *texts[GENU_ASSESSMENT_N_TEXTS];
  GenuFindings *findings;
};

/* Column names in the `knee_assessments` table, in GenuAssessmentText order. */
static const char * const text_columns[GENU_ASSESSMENT_N_TEXTS] = {
  [GENU_ASSESSMENT_MECHANISM] = "mechanism",
  [GENU_ASSESSMENT_AGGRAVATING] = "aggravating",
  [GENU_ASSESSMENT_NOTES] = "notes",
};

/* The database and JSON spelling of each side, in GenuSide order. */
static const char * const side_names[] = {
  [GENU_SIDE_UNKNOWN] = "unknown",
  [GENU_SIDE_LEFT] = "left",
  [GENU_SIDE_RIGHT] = "right",
  [GENU_SIDE_BOTH] = "both",
};

G_DEFINE_FINAL_TYPE (GenuAssessment, genu_assessment, G_TYPE_OBJECT)

static void
genu_assessment_finalize (GObject *object)
{
  GenuAssessment *self = GENU_ASSESSMENT (object);

  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    g_free (self->texts[i]);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (genu_assessment_parent_class)->finalize (object);
}

static void
genu_assessment_class_init (GenuAssessmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_assessment_finalize;
}

static void
genu_assessment_init (GenuAssessment *self)
{
  self->side = GENU_SIDE_UNKNOWN;
  self->duration_weeks = -1;
  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->findings = genu_findings_new ();
}

GenuAssessment *
genu_assessment_new (void)
{
  return g_object_new (GENU_TYPE_ASSESSMENT, NULL);
}

/**
 * genu_assessment_copy:
 *
 * Returns: (transfer full): an independent copy; its findings are a copy too, so changing them
 * leaves @self as it is.
 */
GenuAssessment *
genu_assessment_copy (GenuAssessment *self)
{
  GenuAssessment *copy;

  g_return_val_if_fail (GENU_IS_ASSESSMENT (self), NULL);

  copy = genu_assessment_new ();
  copy->side = self->side;
  copy->duration_weeks = self->duration_weeks;
  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    _genu_set_str (&copy->texts[i], self->texts[i]);
  g_object_unref (copy->findings);
  copy->findings = genu_findings_copy (self->findings);

  return copy;
}

/**
 * genu_assessment_equal:
 *
 * Returns: %TRUE when @a and @b record the same: side, duration, texts and every finding with
 * its value and grade.
 */
gboolean
genu_assessment_equal (GenuAssessment *a,
                       GenuAssessment *b)
{
  g_return_val_if_fail (GENU_IS_ASSESSMENT (a), FALSE);
  g_return_val_if_fail (GENU_IS_ASSESSMENT (b), FALSE);

  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    if (g_strcmp0 (a->texts[i], b->texts[i]) != 0)
      return FALSE;

  return a->side == b->side &&
         a->duration_weeks == b->duration_weeks &&
         genu_findings_equal (a->findings, b->findings);
}

GenuSide
genu_assessment_get_side (GenuAssessment *self)
{
  g_return_val_if_fail (GENU_IS_ASSESSMENT (self), GENU_SIDE_UNKNOWN);

  return self->side;
}

void
genu_assessment_set_side (GenuAssessment *self,
                          GenuSide        side)
{
  g_return_if_fail (GENU_IS_ASSESSMENT (self));
  g_return_if_fail (side <= GENU_SIDE_BOTH);

  self->side = side;
}

int
genu_assessment_get_duration_weeks (GenuAssessment *self)
{
  g_return_val_if_fail (GENU_IS_ASSESSMENT (self), -1);

  return self->duration_weeks;
}

/**
 * genu_assessment_set_duration_weeks:
 * @weeks: weeks since the pain began, or -1 when not recorded
 *
 * Any number is kept: the range a therapist may type is a rule of genu_visit_validate(), with
 * its own message.
 */
void
genu_assessment_set_duration_weeks (GenuAssessment *self,
                                    int             weeks)
{
  g_return_if_fail (GENU_IS_ASSESSMENT (self));

  self->duration_weeks = weeks;
}

const char *
genu_assessment_text_column (GenuAssessmentText field)
{
  g_return_val_if_fail (field < GENU_ASSESSMENT_N_TEXTS, NULL);

  return text_columns[field];
}

const char *
genu_assessment_get_text (GenuAssessment     *self,
                          GenuAssessmentText  field)
{
  g_return_val_if_fail (GENU_IS_ASSESSMENT (self), NULL);
  g_return_val_if_fail (field < GENU_ASSESSMENT_N_TEXTS, NULL);

  return self->texts[field];
}

void
genu_assessment_set_text (GenuAssessment     *self,
                          GenuAssessmentText  field,
                          const char         *value)
{
  g_return_if_fail (GENU_IS_ASSESSMENT (self));
  g_return_if_fail (field < GENU_ASSESSMENT_N_TEXTS);

  _genu_set_str (&self->texts[field], value ? value : "");
}

/**
 * genu_assessment_get_findings:
 *
 * Returns: (transfer none): the findings of this assessment, to read and change in place
 */
GenuFindings *
genu_assessment_get_findings (GenuAssessment *self)
{
  g_return_val_if_fail (GENU_IS_ASSESSMENT (self), NULL);

  return self->findings;
}

const char *
genu_side_to_string (GenuSide side)
{
  if ((guint) side >= G_N_ELEMENTS (side_names))
    return side_names[GENU_SIDE_UNKNOWN];

  return side_names[side];
}

/**
 * genu_side_from_string:
 *
 * Parses "unknown", "left", "right" or "both" (the database and command line spelling).
 */
gboolean
genu_side_from_string (const char *text,
                       GenuSide   *side)
{
  g_return_val_if_fail (side != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (side_names); i++)
    if (g_str_equal (text, side_names[i]))
      {
        *side = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * genu_assessment_to_json:
 *
 * Returns: (transfer full): a JSON object whose member names are the database columns; the
 * duration is null when it was not recorded.
 */
JsonNode *
genu_assessment_to_json (GenuAssessment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_ASSESSMENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, genu_side_to_string (self->side));
  json_builder_set_member_name (builder, "duration_weeks");
  if (self->duration_weeks == -1)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, self->duration_weeks);
  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    {
      json_builder_set_member_name (builder, text_columns[i]);
      json_builder_add_string_value (builder, self->texts[i]);
    }
  json_builder_set_member_name (builder, "findings");
  json_builder_add_value (builder, genu_findings_to_json (self->findings));
  json_builder_set_member_name (builder, "grades");
  json_builder_add_value (builder, genu_findings_grades_to_json (self->findings));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
