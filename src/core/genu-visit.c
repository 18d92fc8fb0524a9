/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-visit.h"

#include <glib/gi18n-lib.h>

#include "genu-string-private.h"

struct _GenuVisit
{
  GObject         parent_instance;

  gint64          id;
  gint64          patient_id;
  GenuVisitKind   kind;
  char           *texts[GENU_VISIT_N_TEXTS];
  GenuAssessment *assessment;
  char           *created_at;
  char           *updated_at;
  char           *signed_by;         /* "" when unsigned */
  char           *signed_at;
  gint64          amends_id;         /* 0 = not an amendment */
  char           *amendment_reason;
};

/* Column names in the `visits` table, in GenuVisitText order. */
static const char * const text_columns[GENU_VISIT_N_TEXTS] = {
  [GENU_VISIT_DATE] = "date",
  [GENU_VISIT_THERAPIST] = "therapist",
  [GENU_VISIT_SUBJECTIVE] = "subjective",
  [GENU_VISIT_OBJECTIVE] = "objective",
  [GENU_VISIT_ASSESSMENT] = "assessment",
  [GENU_VISIT_PLAN] = "plan",
  [GENU_VISIT_DIAGNOSIS_ID] = "diagnosis_id",
  [GENU_VISIT_DIAGNOSIS_NAME] = "diagnosis_name",
  [GENU_VISIT_DIAGNOSIS_ICD10] = "diagnosis_icd10",
};

/* The database and JSON spelling of each kind, in GenuVisitKind order. */
static const char * const kind_names[] = {
  [GENU_VISIT_INITIAL_EVALUATION] = "initial_evaluation",
  [GENU_VISIT_FOLLOW_UP] = "follow_up",
  [GENU_VISIT_RE_EVALUATION] = "re_evaluation",
  [GENU_VISIT_DISCHARGE] = "discharge",
};

G_DEFINE_FINAL_TYPE (GenuVisit, genu_visit, G_TYPE_OBJECT)

/* The JSON key of a text field: its column name, but for the "A" of the SOAP notes, whose
 * column name "assessment" is the key of the knee assessment in JSON. */
static const char *
text_json_key (GenuVisitText field)
{
  return field == GENU_VISIT_ASSESSMENT ? "soap_assessment" : text_columns[field];
}

static void
genu_visit_finalize (GObject *object)
{
  GenuVisit *self = GENU_VISIT (object);

  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    g_free (self->texts[i]);
  g_clear_object (&self->assessment);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self->signed_by);
  g_free (self->signed_at);
  g_free (self->amendment_reason);

  G_OBJECT_CLASS (genu_visit_parent_class)->finalize (object);
}

static void
genu_visit_class_init (GenuVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_visit_finalize;
}

static void
genu_visit_init (GenuVisit *self)
{
  self->kind = GENU_VISIT_INITIAL_EVALUATION;
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->created_at = g_strdup ("");
  self->updated_at = g_strdup ("");
  self->signed_by = g_strdup ("");
  self->signed_at = g_strdup ("");
  self->amendment_reason = g_strdup ("");
}

/**
 * genu_visit_new:
 *
 * Returns: (transfer full): a new, unsaved visit (id 0): an initial evaluation with empty texts
 * and no knee assessment
 */
GenuVisit *
genu_visit_new (void)
{
  return g_object_new (GENU_TYPE_VISIT, NULL);
}

/**
 * genu_visit_copy:
 *
 * Returns: (transfer full): an independent copy with every field, id, timestamps, signature and
 * amendment included; the knee assessment is copied too, so changing the copy's findings leaves
 * @self as it is.
 */
GenuVisit *
genu_visit_copy (GenuVisit *self)
{
  GenuVisit *copy;

  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  copy = genu_visit_new ();
  copy->id = self->id;
  copy->patient_id = self->patient_id;
  copy->kind = self->kind;
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    _genu_set_str (&copy->texts[i], self->texts[i]);
  if (self->assessment != NULL)
    copy->assessment = genu_assessment_copy (self->assessment);
  genu_visit_set_timestamps (copy, self->created_at, self->updated_at);
  genu_visit_set_signature (copy, self->signed_by, self->signed_at);
  copy->amends_id = self->amends_id;
  _genu_set_str (&copy->amendment_reason, self->amendment_reason);

  return copy;
}

/**
 * genu_visit_equal:
 *
 * Returns: %TRUE when @a and @b hold the same record: id, patient, kind, every text, the
 * signature, the amendment and the knee assessment with all its findings. The timestamps are
 * bookkeeping and are not compared.
 */
gboolean
genu_visit_equal (GenuVisit *a,
                  GenuVisit *b)
{
  g_return_val_if_fail (GENU_IS_VISIT (a), FALSE);
  g_return_val_if_fail (GENU_IS_VISIT (b), FALSE);

  if (a->id != b->id || a->patient_id != b->patient_id || a->kind != b->kind ||
      a->amends_id != b->amends_id ||
      g_strcmp0 (a->signed_by, b->signed_by) != 0 || g_strcmp0 (a->signed_at, b->signed_at) != 0 ||
      g_strcmp0 (a->amendment_reason, b->amendment_reason) != 0)
    return FALSE;

  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    if (g_strcmp0 (a->texts[i], b->texts[i]) != 0)
      return FALSE;

  if (a->assessment == NULL || b->assessment == NULL)
    return a->assessment == b->assessment;

  return genu_assessment_equal (a->assessment, b->assessment);
}

gint64
genu_visit_get_id (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), 0);

  return self->id;
}

void
genu_visit_set_id (GenuVisit *self,
                   gint64     id)
{
  g_return_if_fail (GENU_IS_VISIT (self));

  self->id = id;
}

gint64
genu_visit_get_patient_id (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), 0);

  return self->patient_id;
}

void
genu_visit_set_patient_id (GenuVisit *self,
                           gint64     patient_id)
{
  g_return_if_fail (GENU_IS_VISIT (self));

  self->patient_id = patient_id;
}

GenuVisitKind
genu_visit_get_kind (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), GENU_VISIT_INITIAL_EVALUATION);

  return self->kind;
}

/**
 * genu_visit_set_kind:
 *
 * Changes the kind only. A knee assessment stays, even on a kind that has none, so that switching
 * the kind back and forth in a form loses nothing; genu_visit_validate() refuses such a visit.
 */
void
genu_visit_set_kind (GenuVisit     *self,
                     GenuVisitKind  kind)
{
  g_return_if_fail (GENU_IS_VISIT (self));
  g_return_if_fail (kind <= GENU_VISIT_DISCHARGE);

  self->kind = kind;
}

const char *
genu_visit_text_column (GenuVisitText field)
{
  g_return_val_if_fail (field < GENU_VISIT_N_TEXTS, NULL);

  return text_columns[field];
}

const char *
genu_visit_get_text (GenuVisit     *self,
                     GenuVisitText  field)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);
  g_return_val_if_fail (field < GENU_VISIT_N_TEXTS, NULL);

  return self->texts[field];
}

void
genu_visit_set_text (GenuVisit     *self,
                     GenuVisitText  field,
                     const char    *value)
{
  g_return_if_fail (GENU_IS_VISIT (self));
  g_return_if_fail (field < GENU_VISIT_N_TEXTS);

  _genu_set_str (&self->texts[field], value ? value : "");
}

/**
 * genu_visit_get_assessment:
 *
 * Returns: (transfer none) (nullable): the knee assessment, or %NULL when the visit has none
 */
GenuAssessment *
genu_visit_get_assessment (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  return self->assessment;
}

/**
 * genu_visit_set_assessment:
 * @assessment: (nullable) (transfer none): the knee assessment, or %NULL to remove it
 *
 * The visit keeps a reference to @assessment, not a copy: changes to it are changes to the visit.
 */
void
genu_visit_set_assessment (GenuVisit      *self,
                           GenuAssessment *assessment)
{
  g_return_if_fail (GENU_IS_VISIT (self));
  g_return_if_fail (assessment == NULL || GENU_IS_ASSESSMENT (assessment));

  g_set_object (&self->assessment, assessment);
}

const char *
genu_visit_get_created_at (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  return self->created_at;
}

const char *
genu_visit_get_updated_at (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  return self->updated_at;
}

void
genu_visit_set_timestamps (GenuVisit  *self,
                           const char *created_at,
                           const char *updated_at)
{
  g_return_if_fail (GENU_IS_VISIT (self));

  _genu_set_str (&self->created_at, created_at ? created_at : "");
  _genu_set_str (&self->updated_at, updated_at ? updated_at : "");
}

const char *
genu_visit_get_signed_by (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  return self->signed_by;
}

const char *
genu_visit_get_signed_at (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  return self->signed_at;
}

gboolean
genu_visit_is_signed (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), FALSE);

  return *self->signed_by != '\0';
}

/**
 * genu_visit_set_signature:
 * @signed_by: (nullable): the therapist who signed, or %NULL / "" for unsigned
 * @signed_at: (nullable): when, as ISO 8601 date and time
 *
 * Only what the object holds: signing is genu_store_sign_visit().
 */
void
genu_visit_set_signature (GenuVisit  *self,
                          const char *signed_by,
                          const char *signed_at)
{
  g_return_if_fail (GENU_IS_VISIT (self));

  _genu_set_str (&self->signed_by, signed_by ? signed_by : "");
  _genu_set_str (&self->signed_at, signed_at ? signed_at : "");
}

gint64
genu_visit_get_amends_id (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), 0);

  return self->amends_id;
}

void
genu_visit_set_amends_id (GenuVisit *self,
                          gint64     amends_id)
{
  g_return_if_fail (GENU_IS_VISIT (self));

  self->amends_id = amends_id;
}

const char *
genu_visit_get_amendment_reason (GenuVisit *self)
{
  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  return self->amendment_reason;
}

void
genu_visit_set_amendment_reason (GenuVisit  *self,
                                 const char *reason)
{
  g_return_if_fail (GENU_IS_VISIT (self));

  _genu_set_str (&self->amendment_reason, reason ? reason : "");
}

gboolean
genu_visit_kind_has_assessment (GenuVisitKind kind)
{
  return kind == GENU_VISIT_INITIAL_EVALUATION || kind == GENU_VISIT_RE_EVALUATION;
}

const char *
genu_visit_kind_to_string (GenuVisitKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return kind_names[GENU_VISIT_INITIAL_EVALUATION];

  return kind_names[kind];
}

/**
 * genu_visit_kind_from_string:
 *
 * Parses "initial_evaluation", "follow_up", "re_evaluation" or "discharge" (the database and
 * command line spelling).
 */
gboolean
genu_visit_kind_from_string (const char    *text,
                             GenuVisitKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * genu_visit_kind_label:
 *
 * Returns: the kind as shown to people, translated: "Initial evaluation", "Follow-up", ...
 */
const char *
genu_visit_kind_label (GenuVisitKind kind)
{
  switch (kind)
    {
    case GENU_VISIT_INITIAL_EVALUATION:
      return _("Initial evaluation");
    case GENU_VISIT_FOLLOW_UP:
      return _("Follow-up");
    case GENU_VISIT_RE_EVALUATION:
      return _("Re-evaluation");
    case GENU_VISIT_DISCHARGE:
      return _("Discharge");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * genu_visit_to_json:
 *
 * Returns: (transfer full): a JSON object whose member names are the database columns, with
 * "assessment" holding the knee assessment (genu_assessment_to_json()) or null. The one clash
 * is resolved in favour of the knee assessment: the SOAP "assessment" text is "soap_assessment".
 * The signature and amendment follow: "signed_by", "signed_at" ("" when unsigned), "amends_id"
 * (0 when not an amendment) and "amendment_reason".
 */
JsonNode *
genu_visit_to_json (GenuVisit *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_VISIT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, self->patient_id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, genu_visit_kind_to_string (self->kind));
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    {
      json_builder_set_member_name (builder, text_json_key (i));
      json_builder_add_string_value (builder, self->texts[i]);
    }
  json_builder_set_member_name (builder, "assessment");
  if (self->assessment != NULL)
    json_builder_add_value (builder, genu_assessment_to_json (self->assessment));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, self->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, self->updated_at);
  json_builder_set_member_name (builder, "signed_by");
  json_builder_add_string_value (builder, self->signed_by);
  json_builder_set_member_name (builder, "signed_at");
  json_builder_add_string_value (builder, self->signed_at);
  json_builder_set_member_name (builder, "amends_id");
  json_builder_add_int_value (builder, self->amends_id);
  json_builder_set_member_name (builder, "amendment_reason");
  json_builder_add_string_value (builder, self->amendment_reason);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
