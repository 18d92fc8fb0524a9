/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-intervention.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "genu-string-private.h"
#include "genu-validation.h"

struct _GenuIntervention
{
  GObject               parent_instance;

  GenuInterventionKind  kind;
  JsonObject           *fields;   /* field id -> value, as saved */
  char                 *note;
};

G_DEFINE_FINAL_TYPE (GenuIntervention, genu_intervention, G_TYPE_OBJECT)

/* The JSON and database spelling of each kind, in GenuInterventionKind order. */
static const char * const kind_names[GENU_INTERVENTION_N_KINDS] = {
  [GENU_INTERVENTION_IASTM] = "iastm",
  [GENU_INTERVENTION_EXERCISE] = "exercise",
  [GENU_INTERVENTION_TAPING] = "taping",
  [GENU_INTERVENTION_BRACING] = "bracing",
  [GENU_INTERVENTION_MANUAL_THERAPY] = "manual_therapy",
  [GENU_INTERVENTION_EDUCATION] = "education",
  [GENU_INTERVENTION_LOAD_MANAGEMENT] = "load_management",
  [GENU_INTERVENTION_MODALITY] = "modality",
};

static const GenuInterventionChoice instruments[] = {
  { "gt1", N_("GT1") },
  { "gt2", N_("GT2") },
  { "gt3", N_("GT3") },
  { "gt4", N_("GT4") },
  { "gt5", N_("GT5") },
  { "gt6", N_("GT6") },
  { "other", N_("Other IASTM tool") },
};

/* The spots of the knee diagram (labels as in data/knowledge-base.json), then the thigh and leg
 * regions that IASTM treats as well. */
static const GenuInterventionChoice regions[] = {
  { "loc_joint_line", N_("Medial joint line") },
  { "loc_mcl_origin", N_("MCL origin (medial femoral epicondyle)") },
  { "loc_mcl_body", N_("MCL body") },
  { "loc_pes_anserine", N_("Pes anserine (2–5 cm below the joint line)") },
  { "loc_medial_patellar_border", N_("Medial patellar border") },
  { "loc_tibial_plateau", N_("Medial tibial plateau") },
  { "loc_posteromedial", N_("Posteromedial corner") },
  { "loc_infrapatellar_skin", N_("Infrapatellar skin (saphenous branch)") },
  { "adductors", N_("Adductors") },
  { "medial_hamstrings", N_("Medial hamstrings") },
  { "vastus_medialis", N_("Vastus medialis") },
  { "medial_retinaculum", N_("Medial retinaculum") },
  { "gastrocnemius", N_("Gastrocnemius") },
};

static const GenuInterventionChoice techniques[] = {
  { "sweeping", N_("Sweeping") },
  { "fanning", N_("Fanning") },
  { "brushing", N_("Brushing") },
  { "framing", N_("Framing") },
  { "swivel", N_("Swivel") },
  { "strumming", N_("Strumming") },
};

static const GenuInterventionChoice pressures[] = {
  { "light", N_("Light") },
  { "moderate", N_("Moderate") },
  { "deep", N_("Deep") },
};

static const GenuInterventionChoice sides[] = {
  { "left", N_("Left") },
  { "right", N_("Right") },
  { "both", N_("Both") },
};

#define TEXT(id, label, required) \
  { id, GENU_INTERVENTION_FIELD_TEXT, label, NULL, 0, 0, FALSE, required, NULL, 0 }
#define NUMBER(id, label, unit, min, max, integer, required) \
  { id, GENU_INTERVENTION_FIELD_NUMBER, label, unit, min, max, integer, required, NULL, 0 }
#define CHOICE(id, label, choices, required) \
  { id, GENU_INTERVENTION_FIELD_CHOICE, label, NULL, 0, 0, FALSE, required, \
    choices, G_N_ELEMENTS (choices) }
#define CHOICES(id, label, choices, required) \
  { id, GENU_INTERVENTION_FIELD_CHOICES, label, NULL, 0, 0, FALSE, required, \
    choices, G_N_ELEMENTS (choices) }
#define BOOL(id, label) \
  { id, GENU_INTERVENTION_FIELD_BOOL, label, NULL, 0, 0, FALSE, FALSE, NULL, 0 }

/* shared/clinical/medial-knee.md, "Graston Technique / IASTM session record": minutes per region
 * are typically 1-2, rarely more than 5 in all; 30 leaves room for a long session without
 * letting a typo through. */
static const GenuInterventionField iastm_fields[] = {
  CHOICES ("instruments", N_("Instruments"), instruments, TRUE),
  CHOICES ("regions", N_("Treated regions"), regions, TRUE),
  CHOICES ("techniques", N_("Techniques"), techniques, FALSE),
  NUMBER ("minutes", N_("Minutes"), N_("min"), 0.5, 30, FALSE, TRUE),
  TEXT ("emollient", N_("Emollient"), FALSE),
  CHOICE ("pressure", N_("Pressure"), pressures, FALSE),
  TEXT ("response", N_("Patient’s response"), FALSE),
  BOOL ("petechiae_bruising", N_("Petechiae or bruising")),
  BOOL ("soreness_next_visit", N_("Soreness at the next visit")),
};

static const GenuInterventionField exercise_fields[] = {
  TEXT ("exercise", N_("Exercise"), TRUE),
  NUMBER ("sets", N_("Sets"), NULL, 1, 20, TRUE, FALSE),
  NUMBER ("reps", N_("Repetitions"), NULL, 1, 200, TRUE, FALSE),
  TEXT ("load", N_("Load"), FALSE),
  CHOICE ("side", N_("Side"), sides, FALSE),
};

static const GenuInterventionField taping_fields[] = {
  TEXT ("technique", N_("Taping technique"), TRUE),
  CHOICE ("side", N_("Side"), sides, FALSE),
};

static const GenuInterventionField bracing_fields[] = {
  TEXT ("brace", N_("Brace"), TRUE),
};

static const GenuInterventionField manual_therapy_fields[] = {
  TEXT ("technique", N_("Technique"), TRUE),
  TEXT ("region", N_("Region"), FALSE),
};

static const GenuInterventionField education_fields[] = {
  TEXT ("topic", N_("Topic"), TRUE),
};

static const GenuInterventionField load_management_fields[] = {
  NUMBER ("volume_change_percent", N_("Change of running volume"), N_("%"), -100, 100, TRUE, TRUE),
  TEXT ("advice", N_("Advice"), FALSE),
};

static const GenuInterventionField modality_fields[] = {
  TEXT ("modality", N_("Modality"), TRUE),
  NUMBER ("minutes", N_("Minutes"), N_("min"), 1, 60, FALSE, FALSE),
};

#undef TEXT
#undef NUMBER
#undef CHOICE
#undef CHOICES
#undef BOOL

static const struct {
  const GenuInterventionField *fields;
  guint                        n_fields;
} kind_fields[GENU_INTERVENTION_N_KINDS] = {
  [GENU_INTERVENTION_IASTM] = { iastm_fields, G_N_ELEMENTS (iastm_fields) },
  [GENU_INTERVENTION_EXERCISE] = { exercise_fields, G_N_ELEMENTS (exercise_fields) },
  [GENU_INTERVENTION_TAPING] = { taping_fields, G_N_ELEMENTS (taping_fields) },
  [GENU_INTERVENTION_BRACING] = { bracing_fields, G_N_ELEMENTS (bracing_fields) },
  [GENU_INTERVENTION_MANUAL_THERAPY] = { manual_therapy_fields,
                                         G_N_ELEMENTS (manual_therapy_fields) },
  [GENU_INTERVENTION_EDUCATION] = { education_fields, G_N_ELEMENTS (education_fields) },
  [GENU_INTERVENTION_LOAD_MANAGEMENT] = { load_management_fields,
                                          G_N_ELEMENTS (load_management_fields) },
  [GENU_INTERVENTION_MODALITY] = { modality_fields, G_N_ELEMENTS (modality_fields) },
};

/* The position of @id in @field's choices, or -1. */
static int
choice_index (const GenuInterventionField *field,
              const char                  *id)
{
  for (guint i = 0; i < field->n_choices; i++)
    if (g_strcmp0 (field->choices[i].id, id) == 0)
      return i;
  return -1;
}

static int
field_index (GenuInterventionKind  kind,
             const char           *id)
{
  for (guint i = 0; i < kind_fields[kind].n_fields; i++)
    if (g_strcmp0 (kind_fields[kind].fields[i].id, id) == 0)
      return i;
  return -1;
}

static gboolean
is_number_node (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_string_array (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!is_string_node (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_bool_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* Whether @node holds something for a required field: blank texts and empty lists do not
 * count. */
static gboolean
is_recorded (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (is_string_node (node))
    return !is_blank (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  return TRUE;
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           char       *message)
{
  g_ptr_array_add (errors, genu_field_error_new (field, message));
  g_free (message);
}

static char *
number_message (const GenuInterventionField *field)
{
  g_autofree char *min = g_strdup_printf ("%g", field->min);
  g_autofree char *max = g_strdup_printf ("%g", field->max);

  if (field->integer)
    /* Translators: "Sets: type a whole number from 1 to 20." */
    return g_strdup_printf (_("%s: type a whole number from %s to %s."),
                            genu_intervention_field_get_label (field), min, max);
  /* Translators: "Minutes: type a number from 0.5 to 30." */
  return g_strdup_printf (_("%s: type a number from %s to %s."),
                          genu_intervention_field_get_label (field), min, max);
}

static char *
choice_list (const GenuInterventionField *field)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < field->n_choices; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, genu_intervention_choice_get_label (&field->choices[i]));
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static char *
unknown_choice_message (const GenuInterventionField *field,
                        const char                  *id)
{
  g_autofree char *list = choice_list (field);

  /* Translators: "Pressure: “hard” is not one of the choices. Pick one of: Light, Moderate, Deep." */
  return g_strdup_printf (_("%s: “%s” is not one of the choices. Pick one of: %s."),
                          genu_intervention_field_get_label (field), id, list);
}

static void
validate_value (const GenuInterventionField *field,
                JsonNode                    *node,
                GPtrArray                   *errors)
{
  const char *label = genu_intervention_field_get_label (field);

  switch (field->type)
    {
    case GENU_INTERVENTION_FIELD_TEXT:
      if (!is_string_node (node))
        add_error (errors, field->id, g_strdup_printf (_("%s: type a text."), label));
      break;

    case GENU_INTERVENTION_FIELD_NUMBER:
      {
        double value;

        if (!is_number_node (node))
          {
            add_error (errors, field->id, number_message (field));
            break;
          }
        value = json_node_get_double (node);
        if (!isfinite (value) || value < field->min || value > field->max ||
            (field->integer && value != floor (value)))
          add_error (errors, field->id, number_message (field));
      }
      break;

    case GENU_INTERVENTION_FIELD_CHOICE:
      if (!is_string_node (node))
        add_error (errors, field->id,
                   g_strdup_printf (_("%s: pick one of the choices."), label));
      else if (choice_index (field, json_node_get_string (node)) < 0)
        add_error (errors, field->id, unknown_choice_message (field, json_node_get_string (node)));
      break;

    case GENU_INTERVENTION_FIELD_CHOICES:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            add_error (errors, field->id,
                       g_strdup_printf (_("%s: pick from the list of choices."), label));
            break;
          }
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!is_string_node (element))
              {
                add_error (errors, field->id,
                           g_strdup_printf (_("%s: pick from the list of choices."), label));
                break;
              }
            if (choice_index (field, json_node_get_string (element)) < 0)
              {
                add_error (errors, field->id,
                           unknown_choice_message (field, json_node_get_string (element)));
                break;
              }
          }
      }
      break;

    case GENU_INTERVENTION_FIELD_BOOL:
      if (!is_bool_node (node))
        add_error (errors, field->id, g_strdup_printf (_("%s: answer yes or no."), label));
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
required_message (const GenuInterventionField *field)
{
  const char *label = genu_intervention_field_get_label (field);

  switch (field->type)
    {
    case GENU_INTERVENTION_FIELD_CHOICES:
      return g_strdup_printf (_("%s: pick at least one; it is required."), label);
    case GENU_INTERVENTION_FIELD_CHOICE:
    case GENU_INTERVENTION_FIELD_BOOL:
      return g_strdup_printf (_("%s: pick one; it is required."), label);
    case GENU_INTERVENTION_FIELD_NUMBER:
      {
        g_autofree char *range = number_message (field);

        /* Translators: the first %s is "Minutes: type a number from 0.5 to 30." */
        return g_strdup_printf (_("%s It is required."), range);
      }
    case GENU_INTERVENTION_FIELD_TEXT:
    default:
      return g_strdup_printf (_("%s: type it; it is required."), label);
    }
}

/* Every rule of @kind's table over @fields, which may hold anything (read from JSON). */
static GPtrArray *
validate_fields (GenuInterventionKind  kind,
                 JsonObject           *fields)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GList) members = json_object_get_members (fields);

  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    if (field_index (kind, l->data) < 0)
      add_error (errors, l->data,
                 /* Translators: "“speed” is not a field of Exercise therapy. Remove it." */
                 g_strdup_printf (_("“%s” is not a field of %s. Remove it."),
                                  (const char *) l->data, genu_intervention_kind_label (kind)));

  for (guint i = 0; i < kind_fields[kind].n_fields; i++)
    {
      const GenuInterventionField *field = &kind_fields[kind].fields[i];
      JsonNode *node = json_object_get_member (fields, field->id);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        validate_value (field, node, errors);
      if (field->required && !is_recorded (node))
        {
          /* A value of the wrong type already has its message. */
          if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
              genu_field_errors_lookup (errors, field->id) == NULL)
            add_error (errors, field->id, required_message (field));
        }
    }

  return errors;
}

static void
genu_intervention_finalize (GObject *object)
{
  GenuIntervention *self = GENU_INTERVENTION (object);

  g_clear_pointer (&self->fields, json_object_unref);
  g_free (self->note);

  G_OBJECT_CLASS (genu_intervention_parent_class)->finalize (object);
}

static void
genu_intervention_class_init (GenuInterventionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_intervention_finalize;
}

static void
genu_intervention_init (GenuIntervention *self)
{
  self->fields = json_object_new ();
  self->note = g_strdup ("");
}

/**
 * genu_intervention_kind_get_fields:
 * @n_fields: (out): the number of fields
 *
 * Returns: (array length=n_fields) (transfer none): the static table of @kind's fields, in the
 * order of the form. Labels and units are untranslated: show them through
 * genu_intervention_field_get_label() and genu_intervention_field_get_unit().
 */
const GenuInterventionField *
genu_intervention_kind_get_fields (GenuInterventionKind  kind,
                                   guint                *n_fields)
{
  g_return_val_if_fail ((guint) kind < GENU_INTERVENTION_N_KINDS, NULL);
  g_return_val_if_fail (n_fields != NULL, NULL);

  *n_fields = kind_fields[kind].n_fields;
  return kind_fields[kind].fields;
}

const GenuInterventionField *
genu_intervention_kind_lookup_field (GenuInterventionKind  kind,
                                     const char           *id)
{
  int index;

  g_return_val_if_fail ((guint) kind < GENU_INTERVENTION_N_KINDS, NULL);

  index = field_index (kind, id);
  return index >= 0 ? &kind_fields[kind].fields[index] : NULL;
}

const GenuInterventionChoice *
genu_intervention_field_lookup_choice (const GenuInterventionField *field,
                                       const char                  *id)
{
  int index;

  g_return_val_if_fail (field != NULL, NULL);

  index = choice_index (field, id);
  return index >= 0 ? &field->choices[index] : NULL;
}

const char *
genu_intervention_field_get_label (const GenuInterventionField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return _(field->label);
}

const char *
genu_intervention_field_get_unit (const GenuInterventionField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return field->unit != NULL ? _(field->unit) : NULL;
}

const char *
genu_intervention_choice_get_label (const GenuInterventionChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);

  return _(choice->label);
}

const char *
genu_intervention_kind_to_string (GenuInterventionKind kind)
{
  g_return_val_if_fail ((guint) kind < GENU_INTERVENTION_N_KINDS, NULL);

  return kind_names[kind];
}

/**
 * genu_intervention_kind_from_string:
 *
 * Parses "iastm", "exercise", "taping", "bracing", "manual_therapy", "education",
 * "load_management" or "modality".
 */
gboolean
genu_intervention_kind_from_string (const char           *text,
                                    GenuInterventionKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < GENU_INTERVENTION_N_KINDS; i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
genu_intervention_kind_label (GenuInterventionKind kind)
{
  switch (kind)
    {
    case GENU_INTERVENTION_IASTM:
      return _("Graston Technique / IASTM");
    case GENU_INTERVENTION_EXERCISE:
      return _("Exercise therapy");
    case GENU_INTERVENTION_TAPING:
      return _("Taping");
    case GENU_INTERVENTION_BRACING:
      return _("Bracing");
    case GENU_INTERVENTION_MANUAL_THERAPY:
      return _("Manual therapy");
    case GENU_INTERVENTION_EDUCATION:
      return _("Education");
    case GENU_INTERVENTION_LOAD_MANAGEMENT:
      return _("Load management");
    case GENU_INTERVENTION_MODALITY:
      return _("Modality");
    case GENU_INTERVENTION_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * genu_intervention_new:
 *
 * Returns: (transfer full): an intervention of @kind with no field recorded and no note
 */
GenuIntervention *
genu_intervention_new (GenuInterventionKind kind)
{
  GenuIntervention *self;

  g_return_val_if_fail ((guint) kind < GENU_INTERVENTION_N_KINDS, NULL);

  self = g_object_new (GENU_TYPE_INTERVENTION, NULL);
  self->kind = kind;
  return self;
}

/**
 * genu_intervention_copy:
 *
 * Returns: (transfer full): an independent copy: changing it leaves @self as it is
 */
GenuIntervention *
genu_intervention_copy (GenuIntervention *self)
{
  GenuIntervention *copy;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);

  copy = genu_intervention_new (self->kind);
  _genu_set_str (&copy->note, self->note);
  members = json_object_get_members (self->fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy->fields, l->data,
                            json_node_copy (json_object_get_member (self->fields, l->data)));
  return copy;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (is_number_node (a) && is_number_node (b))
    return json_node_get_double (a) == json_node_get_double (b);

  if (JSON_NODE_HOLDS_ARRAY (a) && JSON_NODE_HOLDS_ARRAY (b))
    {
      JsonArray *x = json_node_get_array (a);
      JsonArray *y = json_node_get_array (b);

      if (json_array_get_length (x) != json_array_get_length (y))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (x); i++)
        if (!nodes_equal (json_array_get_element (x, i), json_array_get_element (y, i)))
          return FALSE;
      return TRUE;
    }

  return json_node_equal (a, b);
}

gboolean
genu_intervention_equal (GenuIntervention *a,
                         GenuIntervention *b)
{
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (GENU_IS_INTERVENTION (a), FALSE);
  g_return_val_if_fail (GENU_IS_INTERVENTION (b), FALSE);

  if (a->kind != b->kind || g_strcmp0 (a->note, b->note) != 0 ||
      json_object_get_size (a->fields) != json_object_get_size (b->fields))
    return FALSE;

  members = json_object_get_members (a->fields);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *other = json_object_get_member (b->fields, l->data);

      if (other == NULL || !nodes_equal (json_object_get_member (a->fields, l->data), other))
        return FALSE;
    }
  return TRUE;
}

GenuInterventionKind
genu_intervention_get_kind (GenuIntervention *self)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION (self), GENU_INTERVENTION_IASTM);

  return self->kind;
}

const char *
genu_intervention_get_note (GenuIntervention *self)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);

  return self->note;
}

void
genu_intervention_set_note (GenuIntervention *self,
                            const char       *note)
{
  g_return_if_fail (GENU_IS_INTERVENTION (self));

  _genu_set_str (&self->note, note ? note : "");
}

void
genu_intervention_set_text (GenuIntervention *self,
                            const char       *field,
                            const char       *value)
{
  g_return_if_fail (GENU_IS_INTERVENTION (self));
  g_return_if_fail (field != NULL);

  if (value == NULL)
    json_object_remove_member (self->fields, field);
  else
    json_object_set_string_member (self->fields, field, value);
}

const char *
genu_intervention_get_text (GenuIntervention *self,
                            const char       *field)
{
  JsonNode *node;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = json_object_get_member (self->fields, field);
  return node != NULL && is_string_node (node) ? json_node_get_string (node) : NULL;
}

void
genu_intervention_set_number (GenuIntervention *self,
                              const char       *field,
                              double            value)
{
  g_return_if_fail (GENU_IS_INTERVENTION (self));
  g_return_if_fail (field != NULL);

  json_object_set_double_member (self->fields, field, value);
}

gboolean
genu_intervention_get_number (GenuIntervention *self,
                              const char       *field,
                              double           *value)
{
  JsonNode *node;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  node = json_object_get_member (self->fields, field);
  if (node == NULL || !is_number_node (node))
    return FALSE;
  if (value != NULL)
    *value = json_node_get_double (node);
  return TRUE;
}

void
genu_intervention_set_choice (GenuIntervention *self,
                              const char       *field,
                              const char       *choice)
{
  genu_intervention_set_text (self, field, choice);
}

const char *
genu_intervention_get_choice (GenuIntervention *self,
                              const char       *field)
{
  return genu_intervention_get_text (self, field);
}

void
genu_intervention_set_choices (GenuIntervention   *self,
                               const char         *field,
                               const char * const *choices)
{
  const GenuInterventionField *def;
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  JsonArray *array;

  g_return_if_fail (GENU_IS_INTERVENTION (self));
  g_return_if_fail (field != NULL);

  if (choices == NULL || choices[0] == NULL)
    {
      json_object_remove_member (self->fields, field);
      return;
    }

  def = genu_intervention_kind_lookup_field (self->kind, field);
  known = g_ptr_array_new ();
  unknown = g_ptr_array_new ();
  if (def != NULL)
    for (guint i = 0; i < def->n_choices; i++)
      if (g_strv_contains (choices, def->choices[i].id))
        g_ptr_array_add (known, (gpointer) def->choices[i].id);
  for (guint i = 0; choices[i] != NULL; i++)
    if ((def == NULL || choice_index (def, choices[i]) < 0) &&
        !g_ptr_array_find_with_equal_func (unknown, choices[i], g_str_equal, NULL))
      g_ptr_array_add (unknown, (gpointer) choices[i]);

  array = json_array_new ();
  for (guint i = 0; i < known->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (known, i));
  for (guint i = 0; i < unknown->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (unknown, i));
  json_object_set_array_member (self->fields, field, array);
}

/**
 * genu_intervention_dup_choices:
 *
 * Returns: (transfer full) (nullable): the choice ids of @field, or %NULL when it holds no list
 */
GStrv
genu_intervention_dup_choices (GenuIntervention *self,
                               const char       *field)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = json_object_get_member (self->fields, field);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (is_string_node (element))
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

void
genu_intervention_set_bool (GenuIntervention *self,
                            const char       *field,
                            gboolean          value)
{
  g_return_if_fail (GENU_IS_INTERVENTION (self));
  g_return_if_fail (field != NULL);

  json_object_set_boolean_member (self->fields, field, value);
}

gboolean
genu_intervention_get_bool (GenuIntervention *self,
                            const char       *field,
                            gboolean         *value)
{
  JsonNode *node;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  node = json_object_get_member (self->fields, field);
  if (node == NULL || !is_bool_node (node))
    return FALSE;
  if (value != NULL)
    *value = json_node_get_boolean (node);
  return TRUE;
}

void
genu_intervention_clear (GenuIntervention *self,
                         const char       *field)
{
  g_return_if_fail (GENU_IS_INTERVENTION (self));
  g_return_if_fail (field != NULL);

  json_object_remove_member (self->fields, field);
}

gboolean
genu_intervention_has (GenuIntervention *self,
                       const char       *field)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  return json_object_has_member (self->fields, field);
}

/* The recorded ids: the table's order, then unknown ones sorted. */
static GPtrArray *
ordered_members (GenuIntervention *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  g_autoptr(GList) members = json_object_get_members (self->fields);

  for (guint i = 0; i < kind_fields[self->kind].n_fields; i++)
    if (json_object_has_member (self->fields, kind_fields[self->kind].fields[i].id))
      g_ptr_array_add (ids, (gpointer) kind_fields[self->kind].fields[i].id);

  members = g_list_sort (members, (GCompareFunc) g_strcmp0);
  for (GList *l = members; l != NULL; l = l->next)
    if (field_index (self->kind, l->data) < 0)
      g_ptr_array_add (ids, l->data);

  return ids;
}

/**
 * genu_intervention_dup_fields:
 *
 * Returns: (transfer full): the ids of the recorded fields
 */
GStrv
genu_intervention_dup_fields (GenuIntervention *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);

  ids = ordered_members (self);
  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (ids, i));
  return g_strv_builder_end (builder);
}

/**
 * genu_intervention_validate:
 *
 * Returns: (transfer full) (element-type GenuFieldError): unknown fields first (sorted), then the
 * kind's fields in the table's order, at most one error per field
 */
GPtrArray *
genu_intervention_validate (GenuIntervention *self)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);

  return validate_fields (self->kind, self->fields);
}

/**
 * genu_intervention_to_json:
 *
 * Returns: (transfer full): {"kind", "fields", "note"}, the fields in the table's order; whole
 * numbers of integer fields as JSON integers
 */
JsonNode *
genu_intervention_to_json (GenuIntervention *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_names[self->kind]);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  ids = ordered_members (self);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const GenuInterventionField *def = genu_intervention_kind_lookup_field (self->kind, id);
      JsonNode *node = json_object_get_member (self->fields, id);

      json_builder_set_member_name (builder, id);
      if (def != NULL && def->integer && is_number_node (node) &&
          json_node_get_double (node) == floor (json_node_get_double (node)) &&
          fabs (json_node_get_double (node)) < 1e15)
        json_builder_add_int_value (builder, (gint64) json_node_get_double (node));
      else
        json_builder_add_value (builder, json_node_copy (node));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, self->note);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* "iastm, exercise, …": every kind, as the JSON spells it. */
static char *
dup_kind_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < GENU_INTERVENTION_N_KINDS; i++)
    g_string_append_printf (names, i > 0 ? ", %s" : "%s", kind_names[i]);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The members genu_intervention_to_json() writes are the ones an intervention has; any other is
 * most likely misspelt, and would otherwise be lost. */
static void
check_members (JsonObject *object,
               GPtrArray  *problems)
{
  g_autoptr(GenuIntervention) blank = genu_intervention_new (GENU_INTERVENTION_IASTM);
  g_autoptr(JsonNode) template = genu_intervention_to_json (blank);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (json_node_get_object (template), l->data))
      add_error (problems, l->data,
                 g_strdup_printf (_("“%s” is not a member of an intervention. Remove it, or "
                                    "check its spelling."), (const char *) l->data));
}

/* The kind of @object, or FALSE with the problem noted when it has none or an unknown one. */
static gboolean
read_kind (JsonObject           *object,
           GenuInterventionKind *kind,
           GPtrArray            *problems)
{
  JsonNode *member = json_object_get_member (object, "kind");
  g_autofree char *names = NULL;

  if (member != NULL && is_string_node (member) &&
      genu_intervention_kind_from_string (json_node_get_string (member), kind))
    return TRUE;

  names = dup_kind_names ();
  if (member != NULL && is_string_node (member))
    /* Translators: "“cupping” is not a kind of intervention. Use one of: iastm, exercise, …." */
    add_error (problems, "kind",
               g_strdup_printf (_("“%s” is not a kind of intervention. Use one of: %s."),
                                json_node_get_string (member), names));
  else
    add_error (problems, "kind",
               g_strdup_printf (_("Type the kind of intervention, one of: %s."), names));
  return FALSE;
}

/* Records the members of @fields in @self as they are, so that genu_intervention_validate()
 * judges every one: through the setters where one takes the value (numbers and lists are then
 * kept as the setters keep them), a copy otherwise. A null is a field not recorded. */
static void
read_fields (GenuIntervention *self,
             JsonObject       *fields)
{
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (fields, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (is_number_node (value))
        genu_intervention_set_number (self, l->data, json_node_get_double (value));
      else if (JSON_NODE_HOLDS_ARRAY (value) && is_string_array (value))
        {
          g_auto(GStrv) ids = NULL;
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            g_strv_builder_add (builder, json_node_get_string (json_array_get_element (array, i)));
          ids = g_strv_builder_end (builder);
          genu_intervention_set_choices (self, l->data, (const char * const *) ids);
        }
      else
        json_object_set_member (self->fields, l->data, json_node_copy (value));
    }
}

/**
 * genu_intervention_read_json:
 * @node: a JSON value, meant to be an object as written by genu_intervention_to_json()
 * @problems: (element-type GenuFieldError): where each problem is appended
 *
 * Reads @node without stopping at the first problem: see the header for the problems and their
 * fields.
 *
 * Returns: (transfer full) (nullable): the intervention, its fields as given (valid or not); %NULL
 * when @node is not an object or has no known kind
 */
GenuIntervention *
genu_intervention_read_json (JsonNode  *node,
                             GPtrArray *problems)
{
  g_autoptr(GenuIntervention) self = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  GenuInterventionKind kind;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_error (problems, "",
                 g_strdup (_("An intervention must be a JSON object: {\"kind\": …, "
                             "\"fields\": {…}, \"note\": …}.")));
      return NULL;
    }
  object = json_node_get_object (node);

  check_members (object, problems);
  if (!read_kind (object, &kind, problems))
    return NULL;
  self = genu_intervention_new (kind);

  member = json_object_get_member (object, "note");
  if (member != NULL && is_string_node (member))
    genu_intervention_set_note (self, json_node_get_string (member));
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    add_error (problems, "note", g_strdup (_("The note of an intervention must be a text.")));

  member = json_object_get_member (object, "fields");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    read_fields (self, json_node_get_object (member));
  else if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    add_error (problems, "fields",
               g_strdup (_("The fields of an intervention must be a JSON object: "
                           "{\"<field id>\": <value>, …}.")));

  errors = genu_intervention_validate (self);
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *error = g_ptr_array_index (errors, i);

      g_ptr_array_add (problems, genu_field_error_new (error->field, error->message));
    }

  return g_steal_pointer (&self);
}

/**
 * genu_intervention_new_from_json:
 * @node: a JSON object as written by genu_intervention_to_json()
 *
 * Returns: (transfer full) (nullable): the intervention, or %NULL with @error set
 */
GenuIntervention *
genu_intervention_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GenuIntervention) self = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  self = genu_intervention_read_json (node, problems);
  if (problems->len == 0)
    return g_steal_pointer (&self);

  message = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      GenuFieldError *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append_c (message, '\n');
      if (*problem->field != '\0')
        g_string_append_printf (message, "%s: ", problem->field);
      g_string_append (message, problem->message);
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message->str);
  return NULL;
}

/* A label as it reads inside a sentence: without its explanation in brackets ("Pes anserine"),
 * and in lower case for the fields that describe how rather than what or where ("sweeping",
 * "moderate", "left"). */
static char *
summary_label (const GenuInterventionField  *field,
               const GenuInterventionChoice *choice)
{
  const char *label = genu_intervention_choice_get_label (choice);
  const char *bracket = strstr (label, " (");
  g_autofree char *text = bracket != NULL ? g_strndup (label, bracket - label) : g_strdup (label);

  if (g_str_equal (field->id, "techniques") || g_str_equal (field->id, "pressure") ||
      g_str_equal (field->id, "side"))
    return g_utf8_strdown (text, -1);
  return g_steal_pointer (&text);
}

/* The value of one recorded field as it reads in the summary; NULL when it adds nothing. */
static char *
summary_value (GenuIntervention            *self,
               const GenuInterventionField *field)
{
  switch (field->type)
    {
    case GENU_INTERVENTION_FIELD_TEXT:
      {
        const char *text = genu_intervention_get_text (self, field->id);

        return text != NULL && !is_blank (text) ? g_strstrip (g_strdup (text)) : NULL;
      }

    case GENU_INTERVENTION_FIELD_NUMBER:
      {
        const char *unit = genu_intervention_field_get_unit (field);
        double value;

        if (!genu_intervention_get_number (self, field->id, &value))
          return NULL;
        if (unit != NULL)
          /* Translators: a number and its unit, "4 min", "-20 %" */
          return g_strdup_printf (_("%g %s"), value, unit);
        return g_strdup_printf ("%g", value);
      }

    case GENU_INTERVENTION_FIELD_CHOICE:
      {
        const GenuInterventionChoice *choice =
          genu_intervention_field_lookup_choice (field, genu_intervention_get_choice (self,
                                                                                      field->id));

        return choice != NULL ? summary_label (field, choice) : NULL;
      }

    case GENU_INTERVENTION_FIELD_CHOICES:
      {
        g_auto(GStrv) ids = genu_intervention_dup_choices (self, field->id);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          {
            const GenuInterventionChoice *choice =
              genu_intervention_field_lookup_choice (field, ids[i]);
            g_autofree char *label = NULL;

            if (choice == NULL)
              continue;
            label = summary_label (field, choice);
            if (text->len > 0)
              g_string_append (text, ", ");
            g_string_append (text, label);
          }
        if (text->len == 0)
          return NULL;
        return g_string_free (g_steal_pointer (&text), FALSE);
      }

    case GENU_INTERVENTION_FIELD_BOOL:
      {
        gboolean value;

        if (!genu_intervention_get_bool (self, field->id, &value) || !value)
          return NULL;
        return g_utf8_strdown (genu_intervention_field_get_label (field), -1);
      }

    default:
      g_assert_not_reached ();
    }
}

/* The count that picks the plural form of @value. A number out of range (negative, huge or not
 * a number, as typed before it is refused) is not one a cast to an integer can take. */
static gulong
plural_count (double value)
{
  if (isnan (value))
    return 0;
  value = fabs (value);
  return value < 1e9 ? (gulong) value : 1000000000;
}

/* "Side-lying hip abduction 3 × 15": the exercise with its sets and repetitions. */
static char *
exercise_head (GenuIntervention *self)
{
  const char *exercise = genu_intervention_get_text (self, "exercise");
  g_autoptr(GString) text = g_string_new (NULL);
  double sets, reps;
  gboolean has_sets, has_reps;

  if (exercise != NULL && !is_blank (exercise))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (exercise));

      g_string_append (text, stripped);
    }

  has_sets = genu_intervention_get_number (self, "sets", &sets);
  has_reps = genu_intervention_get_number (self, "reps", &reps);
  if (has_sets || has_reps)
    {
      g_autofree char *dose = NULL;

      if (has_sets && has_reps)
        /* Translators: sets × repetitions, "3 × 15" */
        dose = g_strdup_printf (_("%g × %g"), sets, reps);
      else if (has_sets)
        dose = g_strdup_printf (ngettext ("%g set", "%g sets", plural_count (sets)), sets);
      else
        dose = g_strdup_printf (ngettext ("%g repetition", "%g repetitions", plural_count (reps)), reps);
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, dose);
    }

  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * genu_intervention_dup_summary:
 *
 * An IASTM record lists instruments, regions, techniques, minutes, pressure and any reaction
 * (petechiae, soreness), separated by " · "; the emollient and the patient's response are details
 * for the full record. Other kinds list their recorded values, separated by ", ".
 *
 * Returns: (transfer full): one line, translated
 */
char *
genu_intervention_dup_summary (GenuIntervention *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *separator = ", ";
  g_autofree char *joined = NULL;

  g_return_val_if_fail (GENU_IS_INTERVENTION (self), NULL);

  if (self->kind == GENU_INTERVENTION_IASTM)
    separator = " · ";
  if (self->kind == GENU_INTERVENTION_EXERCISE)
    {
      char *head = exercise_head (self);

      if (head != NULL)
        g_ptr_array_add (parts, head);
    }

  for (guint i = 0; i < kind_fields[self->kind].n_fields; i++)
    {
      const GenuInterventionField *field = &kind_fields[self->kind].fields[i];
      char *value;

      if (self->kind == GENU_INTERVENTION_EXERCISE &&
          (g_str_equal (field->id, "exercise") || g_str_equal (field->id, "sets") ||
           g_str_equal (field->id, "reps")))
        continue;
      if (self->kind == GENU_INTERVENTION_IASTM &&
          (g_str_equal (field->id, "emollient") || g_str_equal (field->id, "response")))
        continue;

      value = summary_value (self, field);
      if (value != NULL)
        g_ptr_array_add (parts, value);
    }

  if (parts->len == 0)
    return g_strdup (genu_intervention_kind_label (self->kind));

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (separator, (char **) parts->pdata);
  /* Translators: "Exercise therapy: Side-lying hip abduction 3 × 15, 2 kg, left" */
  return g_strdup_printf (_("%s: %s"), genu_intervention_kind_label (self->kind), joined);
}
