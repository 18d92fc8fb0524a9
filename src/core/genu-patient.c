/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient.h"
#include "genu-enums.h"
#include "genu-string-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>

struct _GenuPatient
{
  GObject   parent_instance;

  gint64    id;
  char     *texts[GENU_PATIENT_N_TEXTS];
  GenuSex   sex;
  double    weekly_distance_km;
  int       years_running;
  gboolean  archived;
  char     *created_at;
  char     *updated_at;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_SEX,
  PROP_WEEKLY_DISTANCE_KM,
  PROP_YEARS_RUNNING,
  PROP_ARCHIVED,
  PROP_DISPLAY_NAME,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + GENU_PATIENT_N_TEXTS,
};

static GParamSpec *properties[N_PROPS];

/* Column names in the `patients` table, in GenuPatientText order. */
static const char * const text_columns[GENU_PATIENT_N_TEXTS] = {
  [GENU_PATIENT_RECORD_NUMBER] = "record_number",
  [GENU_PATIENT_FAMILY_NAME] = "family_name",
  [GENU_PATIENT_GIVEN_NAMES] = "given_names",
  [GENU_PATIENT_DATE_OF_BIRTH] = "date_of_birth",
  [GENU_PATIENT_PHONE] = "phone",
  [GENU_PATIENT_EMAIL] = "email",
  [GENU_PATIENT_ADDRESS] = "address",
  [GENU_PATIENT_REFERRING_PHYSICIAN] = "referring_physician",
  [GENU_PATIENT_NOTES] = "notes",
  [GENU_PATIENT_GOAL_EVENT] = "goal_event",
  [GENU_PATIENT_USUAL_SURFACE] = "usual_surface",
  [GENU_PATIENT_SHOES] = "shoes",
  [GENU_PATIENT_TRAINING_CHANGES] = "training_changes",
};

G_DEFINE_FINAL_TYPE (GenuPatient, genu_patient, G_TYPE_OBJECT)

static void
genu_patient_finalize (GObject *object)
{
  GenuPatient *self = GENU_PATIENT (object);

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    g_free (self->texts[i]);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (genu_patient_parent_class)->finalize (object);
}

static void
genu_patient_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GenuPatient *self = GENU_PATIENT (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    {
      g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SEX:
      g_value_set_enum (value, self->sex);
      break;
    case PROP_WEEKLY_DISTANCE_KM:
      g_value_set_double (value, self->weekly_distance_km);
      break;
    case PROP_YEARS_RUNNING:
      g_value_set_int (value, self->years_running);
      break;
    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, genu_patient_dup_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GenuPatient *self = GENU_PATIENT (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    {
      genu_patient_set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      genu_patient_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_SEX:
      genu_patient_set_sex (self, g_value_get_enum (value));
      break;
    case PROP_WEEKLY_DISTANCE_KM:
      genu_patient_set_weekly_distance_km (self, g_value_get_double (value));
      break;
    case PROP_YEARS_RUNNING:
      genu_patient_set_years_running (self, g_value_get_int (value));
      break;
    case PROP_ARCHIVED:
      genu_patient_set_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_class_init (GenuPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = genu_patient_finalize;
  object_class->get_property = genu_patient_get_property;
  object_class->set_property = genu_patient_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SEX] =
    g_param_spec_enum ("sex", NULL, NULL, GENU_TYPE_SEX, GENU_SEX_UNKNOWN, flags);
  /* The numeric bounds here are wide on purpose: the range a therapist may type is a validation
   * rule with its own message (genu-validation.c), not a property constraint. */
  properties[PROP_WEEKLY_DISTANCE_KM] =
    g_param_spec_double ("weekly-distance-km", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, GENU_PATIENT_UNSET, flags);
  properties[PROP_YEARS_RUNNING] =
    g_param_spec_int ("years-running", NULL, NULL, G_MININT, G_MAXINT, GENU_PATIENT_UNSET, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      /* Property names are the column names with dashes, e.g. "family-name". They must be
       * interned, since the pspec keeps the pointer. */
      g_autofree char *name = g_strdelimit (g_strdup (text_columns[i]), "_", '-');

      properties[PROP_FIRST_TEXT + i] =
        g_param_spec_string (g_intern_string (name), NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB);
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
genu_patient_init (GenuPatient *self)
{
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->weekly_distance_km = GENU_PATIENT_UNSET;
  self->years_running = GENU_PATIENT_UNSET;
  self->created_at = g_strdup ("");
  self->updated_at = g_strdup ("");
}

GenuPatient *
genu_patient_new (void)
{
  return g_object_new (GENU_TYPE_PATIENT, NULL);
}

/**
 * genu_patient_copy:
 *
 * Returns: (transfer full): an independent copy with every field, id and timestamps included.
 */
GenuPatient *
genu_patient_copy (GenuPatient *self)
{
  GenuPatient *copy;

  g_return_val_if_fail (GENU_IS_PATIENT (self), NULL);

  copy = genu_patient_new ();
  copy->id = self->id;
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    _genu_set_str (&copy->texts[i], self->texts[i]);
  copy->sex = self->sex;
  copy->weekly_distance_km = self->weekly_distance_km;
  copy->years_running = self->years_running;
  copy->archived = self->archived;
  genu_patient_set_timestamps (copy, self->created_at, self->updated_at);

  return copy;
}

/**
 * genu_patient_strip_texts:
 *
 * Removes the spaces around every text field, as records are saved and judged without them.
 */
void
genu_patient_strip_texts (GenuPatient *self)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (self->texts[i]));
      genu_patient_set_text (self, i, stripped);
    }
}

/**
 * genu_patient_equal:
 *
 * Returns: %TRUE when @a and @b hold the same record: every field, the id and the archived flag.
 * The timestamps are bookkeeping and are not compared.
 */
gboolean
genu_patient_equal (GenuPatient *a,
                    GenuPatient *b)
{
  g_return_val_if_fail (GENU_IS_PATIENT (a), FALSE);
  g_return_val_if_fail (GENU_IS_PATIENT (b), FALSE);

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    if (g_strcmp0 (a->texts[i], b->texts[i]) != 0)
      return FALSE;

  return a->id == b->id &&
         a->sex == b->sex &&
         a->weekly_distance_km == b->weekly_distance_km &&
         a->years_running == b->years_running &&
         a->archived == b->archived;
}

const char *
genu_patient_text_column (GenuPatientText field)
{
  g_return_val_if_fail (field < GENU_PATIENT_N_TEXTS, NULL);

  return text_columns[field];
}

const char *
genu_patient_get_text (GenuPatient     *self,
                       GenuPatientText  field)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), NULL);
  g_return_val_if_fail (field < GENU_PATIENT_N_TEXTS, NULL);

  return self->texts[field];
}

void
genu_patient_set_text (GenuPatient     *self,
                       GenuPatientText  field,
                       const char      *value)
{
  g_return_if_fail (GENU_IS_PATIENT (self));
  g_return_if_fail (field < GENU_PATIENT_N_TEXTS);

  if (_genu_set_str (&self->texts[field], value ? value : ""))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + field]);
      if (field == GENU_PATIENT_FAMILY_NAME || field == GENU_PATIENT_GIVEN_NAMES)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
}

gint64
genu_patient_get_id (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), 0);

  return self->id;
}

void
genu_patient_set_id (GenuPatient *self,
                     gint64       id)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

GenuSex
genu_patient_get_sex (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), GENU_SEX_UNKNOWN);

  return self->sex;
}

void
genu_patient_set_sex (GenuPatient *self,
                      GenuSex      sex)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  if (self->sex != sex)
    {
      self->sex = sex;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEX]);
    }
}

double
genu_patient_get_weekly_distance_km (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), GENU_PATIENT_UNSET);

  return self->weekly_distance_km;
}

void
genu_patient_set_weekly_distance_km (GenuPatient *self,
                                     double       km)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  if (self->weekly_distance_km != km)
    {
      self->weekly_distance_km = km;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEEKLY_DISTANCE_KM]);
    }
}

int
genu_patient_get_years_running (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), GENU_PATIENT_UNSET);

  return self->years_running;
}

void
genu_patient_set_years_running (GenuPatient *self,
                                int          years)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  if (self->years_running != years)
    {
      self->years_running = years;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEARS_RUNNING]);
    }
}

gboolean
genu_patient_get_archived (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), FALSE);

  return self->archived;
}

void
genu_patient_set_archived (GenuPatient *self,
                           gboolean     archived)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  archived = !!archived;
  if (self->archived != archived)
    {
      self->archived = archived;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
    }
}

const char *
genu_patient_get_created_at (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), NULL);

  return self->created_at;
}

const char *
genu_patient_get_updated_at (GenuPatient *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT (self), NULL);

  return self->updated_at;
}

void
genu_patient_set_timestamps (GenuPatient *self,
                             const char  *created_at,
                             const char  *updated_at)
{
  g_return_if_fail (GENU_IS_PATIENT (self));

  _genu_set_str (&self->created_at, created_at ? created_at : "");
  _genu_set_str (&self->updated_at, updated_at ? updated_at : "");
}

/**
 * genu_patient_dup_display_name:
 *
 * Returns: (transfer full): "Family, Given" as shown in lists, or a placeholder for a new record.
 */
char *
genu_patient_dup_display_name (GenuPatient *self)
{
  const char *family, *given;

  g_return_val_if_fail (GENU_IS_PATIENT (self), NULL);

  family = self->texts[GENU_PATIENT_FAMILY_NAME];
  given = self->texts[GENU_PATIENT_GIVEN_NAMES];

  if (*family == '\0' && *given == '\0')
    return g_strdup (_("New Patient"));
  if (*family == '\0' || *given == '\0')
    return g_strdup (*family ? family : given);

  /* TRANSLATORS: a patient's name in lists: family name, given names */
  return g_strdup_printf (_("%s, %s"), family, given);
}

/**
 * genu_patient_get_age:
 * @today: (nullable): the day to count to; %NULL for today
 *
 * Returns: the age in whole years, or %GENU_PATIENT_UNSET when the date of birth is not valid.
 */
int
genu_patient_get_age (GenuPatient *self,
                      const GDate *today)
{
  GDate dob, now;
  int age;

  g_return_val_if_fail (GENU_IS_PATIENT (self), GENU_PATIENT_UNSET);

  if (!genu_parse_date (self->texts[GENU_PATIENT_DATE_OF_BIRTH], &dob, NULL))
    return GENU_PATIENT_UNSET;

  if (today != NULL)
    now = *today;
  else
    genu_date_set_today (&now);

  age = g_date_get_year (&now) - g_date_get_year (&dob);
  if (g_date_get_month (&now) < g_date_get_month (&dob) ||
      (g_date_get_month (&now) == g_date_get_month (&dob) &&
       g_date_get_day (&now) < g_date_get_day (&dob)))
    age--;

  return MAX (age, 0);
}

/**
 * genu_patient_to_json:
 *
 * Returns: (transfer full): a JSON object whose member names are the database columns; numeric
 * fields that were not recorded are null.
 */
JsonNode *
genu_patient_to_json (GenuPatient *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_PATIENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      json_builder_set_member_name (builder, text_columns[i]);
      json_builder_add_string_value (builder, self->texts[i]);
    }
  json_builder_set_member_name (builder, "sex");
  json_builder_add_string_value (builder, genu_sex_to_string (self->sex));
  json_builder_set_member_name (builder, "weekly_distance_km");
  if (self->weekly_distance_km == GENU_PATIENT_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, self->weekly_distance_km);
  json_builder_set_member_name (builder, "years_running");
  if (self->years_running == GENU_PATIENT_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, self->years_running);
  json_builder_set_member_name (builder, "archived");
  json_builder_add_boolean_value (builder, self->archived);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, self->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, self->updated_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

const char *
genu_sex_to_string (GenuSex sex)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GENU_TYPE_SEX);
  GEnumValue *value = g_enum_get_value (klass, sex);

  return value != NULL ? value->value_nick : "unknown";
}

/**
 * genu_sex_from_string:
 *
 * Parses "female", "male", "other" or "unknown" (the database and command line spelling).
 */
gboolean
genu_sex_from_string (const char *text,
                      GenuSex    *sex)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GENU_TYPE_SEX);
  GEnumValue *value;

  g_return_val_if_fail (sex != NULL, FALSE);

  value = text != NULL ? g_enum_get_value_by_nick (klass, text) : NULL;
  if (value == NULL)
    return FALSE;

  *sex = value->value;
  return TRUE;
}
