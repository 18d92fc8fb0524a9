/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-session.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "genu-string-private.h"
#include "genu-validation.h"

#define NPRS_MAX 10

struct _GenuSession
{
  GObject    parent_instance;

  gint64     id;
  gint64     patient_id;
  gint64     plan_id;
  char      *texts[GENU_SESSION_N_TEXTS];
  int        duration_minutes;
  int        pain_before;
  int        pain_after;
  GPtrArray *interventions;   /* GenuIntervention */
  char      *signed_by;
  char      *signed_at;
  gint64     amends_id;
  char      *created_at;
  char      *updated_at;
};

/* Column names in the `sessions` table (and JSON keys), in GenuSessionText order. */
static const char * const text_columns[GENU_SESSION_N_TEXTS] = {
  [GENU_SESSION_DATE] = "date",
  [GENU_SESSION_THERAPIST] = "therapist",
  [GENU_SESSION_NOTES] = "notes",
  [GENU_SESSION_AMENDMENT_REASON] = "amendment_reason",
};

G_DEFINE_FINAL_TYPE (GenuSession, genu_session, G_TYPE_OBJECT)

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  g_ptr_array_add (errors, genu_field_error_new (field, message));
}

static void
genu_session_finalize (GObject *object)
{
  GenuSession *self = GENU_SESSION (object);

  for (guint i = 0; i < GENU_SESSION_N_TEXTS; i++)
    g_free (self->texts[i]);
  g_clear_pointer (&self->interventions, g_ptr_array_unref);
  g_free (self->signed_by);
  g_free (self->signed_at);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (genu_session_parent_class)->finalize (object);
}

static void
genu_session_class_init (GenuSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_session_finalize;
}

static void
genu_session_init (GenuSession *self)
{
  for (guint i = 0; i < GENU_SESSION_N_TEXTS; i++)
    self->texts[i] = g_strdup ("");
  self->duration_minutes = GENU_SESSION_UNSET;
  self->pain_before = GENU_SESSION_UNSET;
  self->pain_after = GENU_SESSION_UNSET;
  self->interventions = g_ptr_array_new_with_free_func (g_object_unref);
  self->signed_by = g_strdup ("");
  self->signed_at = g_strdup ("");
  self->created_at = g_strdup ("");
  self->updated_at = g_strdup ("");
}

/**
 * genu_session_new:
 *
 * Returns: (transfer full): a new, unsaved session (id 0) with no intervention
 */
GenuSession *
genu_session_new (void)
{
  return g_object_new (GENU_TYPE_SESSION, NULL);
}

static void
copy_interventions (GenuSession *to,
                    GenuSession *from)
{
  g_ptr_array_set_size (to->interventions, 0);
  for (guint i = 0; i < from->interventions->len; i++)
    g_ptr_array_add (to->interventions,
                     genu_intervention_copy (g_ptr_array_index (from->interventions, i)));
}

/**
 * genu_session_copy:
 *
 * Returns: (transfer full): an independent copy with every field, id, signature and timestamps
 * included; the interventions are copied, so changing them leaves @self as it is.
 */
GenuSession *
genu_session_copy (GenuSession *self)
{
  GenuSession *copy;

  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  copy = genu_session_new ();
  copy->id = self->id;
  copy->patient_id = self->patient_id;
  copy->plan_id = self->plan_id;
  for (guint i = 0; i < GENU_SESSION_N_TEXTS; i++)
    _genu_set_str (&copy->texts[i], self->texts[i]);
  copy->duration_minutes = self->duration_minutes;
  copy->pain_before = self->pain_before;
  copy->pain_after = self->pain_after;
  copy_interventions (copy, self);
  genu_session_set_signature (copy, self->signed_by, self->signed_at);
  copy->amends_id = self->amends_id;
  genu_session_set_timestamps (copy, self->created_at, self->updated_at);

  return copy;
}

gboolean
genu_session_equal (GenuSession *a,
                    GenuSession *b)
{
  g_return_val_if_fail (GENU_IS_SESSION (a), FALSE);
  g_return_val_if_fail (GENU_IS_SESSION (b), FALSE);

  if (a->id != b->id || a->patient_id != b->patient_id || a->plan_id != b->plan_id ||
      a->duration_minutes != b->duration_minutes || a->pain_before != b->pain_before ||
      a->pain_after != b->pain_after || a->amends_id != b->amends_id ||
      g_strcmp0 (a->signed_by, b->signed_by) != 0 || g_strcmp0 (a->signed_at, b->signed_at) != 0 ||
      a->interventions->len != b->interventions->len)
    return FALSE;

  for (guint i = 0; i < GENU_SESSION_N_TEXTS; i++)
    if (g_strcmp0 (a->texts[i], b->texts[i]) != 0)
      return FALSE;

  for (guint i = 0; i < a->interventions->len; i++)
    if (!genu_intervention_equal (g_ptr_array_index (a->interventions, i),
                                  g_ptr_array_index (b->interventions, i)))
      return FALSE;

  return TRUE;
}

/**
 * genu_session_repeat:
 * @last: the session to repeat, usually the patient's latest
 *
 * Returns: (transfer full): a new, unsaved session to fill in today
 */
GenuSession *
genu_session_repeat (GenuSession *last)
{
  GenuSession *session;

  g_return_val_if_fail (GENU_IS_SESSION (last), NULL);

  session = genu_session_new ();
  session->patient_id = last->patient_id;
  session->plan_id = last->plan_id;
  copy_interventions (session, last);
  return session;
}

gint64
genu_session_get_id (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), 0);

  return self->id;
}

void
genu_session_set_id (GenuSession *self,
                     gint64       id)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->id = id;
}

gint64
genu_session_get_patient_id (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), 0);

  return self->patient_id;
}

void
genu_session_set_patient_id (GenuSession *self,
                             gint64       patient_id)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->patient_id = patient_id;
}

gint64
genu_session_get_plan_id (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), 0);

  return self->plan_id;
}

void
genu_session_set_plan_id (GenuSession *self,
                          gint64       plan_id)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->plan_id = plan_id;
}

const char *
genu_session_text_column (GenuSessionText field)
{
  g_return_val_if_fail ((guint) field < GENU_SESSION_N_TEXTS, NULL);

  return text_columns[field];
}

const char *
genu_session_get_text (GenuSession     *self,
                       GenuSessionText  field)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);
  g_return_val_if_fail ((guint) field < GENU_SESSION_N_TEXTS, NULL);

  return self->texts[field];
}

void
genu_session_set_text (GenuSession     *self,
                       GenuSessionText  field,
                       const char      *value)
{
  g_return_if_fail (GENU_IS_SESSION (self));
  g_return_if_fail ((guint) field < GENU_SESSION_N_TEXTS);

  _genu_set_str (&self->texts[field], value ? value : "");
}

int
genu_session_get_duration_minutes (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), GENU_SESSION_UNSET);

  return self->duration_minutes;
}

/**
 * genu_session_set_duration_minutes:
 * @minutes: the length of the session, or %GENU_SESSION_UNSET
 *
 * Any value is kept; genu_session_validate() judges it.
 */
void
genu_session_set_duration_minutes (GenuSession *self,
                                   int          minutes)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->duration_minutes = minutes;
}

int
genu_session_get_pain_before (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), GENU_SESSION_UNSET);

  return self->pain_before;
}

void
genu_session_set_pain_before (GenuSession *self,
                              int          nprs)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->pain_before = nprs;
}

int
genu_session_get_pain_after (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), GENU_SESSION_UNSET);

  return self->pain_after;
}

void
genu_session_set_pain_after (GenuSession *self,
                             int          nprs)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->pain_after = nprs;
}

/**
 * genu_session_get_interventions:
 *
 * Returns: (transfer none) (element-type GenuIntervention): the interventions, in order
 */
GPtrArray *
genu_session_get_interventions (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  return self->interventions;
}

/**
 * genu_session_add_intervention:
 * @intervention: (transfer none): appended; the session keeps a reference, not a copy
 */
void
genu_session_add_intervention (GenuSession      *self,
                               GenuIntervention *intervention)
{
  g_return_if_fail (GENU_IS_SESSION (self));
  g_return_if_fail (GENU_IS_INTERVENTION (intervention));

  g_ptr_array_add (self->interventions, g_object_ref (intervention));
}

void
genu_session_remove_intervention (GenuSession *self,
                                  guint        index)
{
  g_return_if_fail (GENU_IS_SESSION (self));
  g_return_if_fail (index < self->interventions->len);

  g_ptr_array_remove_index (self->interventions, index);
}

/**
 * genu_session_set_interventions:
 * @interventions: (nullable) (element-type GenuIntervention): copied one by one
 */
void
genu_session_set_interventions (GenuSession *self,
                                GPtrArray   *interventions)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (GENU_IS_SESSION (self));

  /* Copies first: @interventions may be the session's own array. */
  for (guint i = 0; interventions != NULL && i < interventions->len; i++)
    g_ptr_array_add (copies, genu_intervention_copy (g_ptr_array_index (interventions, i)));

  g_ptr_array_set_size (self->interventions, 0);
  for (guint i = 0; i < copies->len; i++)
    g_ptr_array_add (self->interventions, g_object_ref (g_ptr_array_index (copies, i)));
}

const char *
genu_session_get_signed_by (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  return self->signed_by;
}

const char *
genu_session_get_signed_at (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  return self->signed_at;
}

gboolean
genu_session_is_signed (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), FALSE);

  return *self->signed_by != '\0';
}

/**
 * genu_session_set_signature:
 * @signed_by: (nullable): the therapist who signed, or %NULL / "" for unsigned
 * @signed_at: (nullable): when, as ISO 8601 date and time
 *
 * For the store, which sets the signature when it signs a session and when it reads one.
 */
void
genu_session_set_signature (GenuSession *self,
                            const char  *signed_by,
                            const char  *signed_at)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  _genu_set_str (&self->signed_by, signed_by ? signed_by : "");
  _genu_set_str (&self->signed_at, signed_at ? signed_at : "");
}

gint64
genu_session_get_amends_id (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), 0);

  return self->amends_id;
}

void
genu_session_set_amends_id (GenuSession *self,
                            gint64       amends_id)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  self->amends_id = amends_id;
}

const char *
genu_session_get_created_at (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  return self->created_at;
}

const char *
genu_session_get_updated_at (GenuSession *self)
{
  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  return self->updated_at;
}

void
genu_session_set_timestamps (GenuSession *self,
                             const char  *created_at,
                             const char  *updated_at)
{
  g_return_if_fail (GENU_IS_SESSION (self));

  _genu_set_str (&self->created_at, created_at ? created_at : "");
  _genu_set_str (&self->updated_at, updated_at ? updated_at : "");
}

static void
validate_date (GPtrArray   *errors,
               const char  *text,
               const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GDate date;

  if (*stripped == '\0')
    {
      add_error (errors, "date",
                 _("Type the date of the session as YYYY-MM-DD, for example 2024-03-18."));
      return;
    }

  if (!genu_parse_date (stripped, &date, &error))
    {
      add_error (errors, "date", error->message);
      return;
    }

  if (g_date_compare (&date, today) > 0)
    {
      char today_text[16];
      g_autofree char *message = NULL;

      g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
      message = g_strdup_printf (_("The session date cannot be in the future. "
                                   "Type a date on or before %s."), today_text);
      add_error (errors, "date", message);
    }
  else if (g_date_get_year (&date) < GENU_DATE_MIN_YEAR)
    {
      add_error (errors, "date", _("The session date cannot be before 1900. Check the year."));
    }
}

/**
 * genu_session_validate:
 * @today: (nullable): the day that counts as today; %NULL for the real today
 *
 * Surrounding spaces do not count.
 *
 * Returns: (transfer full) (element-type GenuFieldError): the broken rules in the order of the
 * form; empty when the session can be saved
 */
GPtrArray *
genu_session_validate (GenuSession *self,
                       const GDate *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  GDate now;

  g_return_val_if_fail (GENU_IS_SESSION (self), errors);

  if (today == NULL)
    {
      genu_date_set_today (&now);
      today = &now;
    }

  validate_date (errors, self->texts[GENU_SESSION_DATE], today);

  if (is_blank (self->texts[GENU_SESSION_THERAPIST]))
    add_error (errors, "therapist", _("Type the therapist’s name; it is required."));

  if (self->duration_minutes != GENU_SESSION_UNSET &&
      (self->duration_minutes < 1 ||
       self->duration_minutes > GENU_SESSION_DURATION_MAX_MINUTES))
    add_error (errors, "duration_minutes",
               _("Type the length of the session in whole minutes from 1 to 480, "
                 "or leave it empty."));

  if (self->pain_before != GENU_SESSION_UNSET &&
      (self->pain_before < 0 || self->pain_before > NPRS_MAX))
    add_error (errors, "pain_before",
               _("Pain before: type a whole number from 0 to 10, or leave it empty."));
  if (self->pain_after != GENU_SESSION_UNSET &&
      (self->pain_after < 0 || self->pain_after > NPRS_MAX))
    add_error (errors, "pain_after",
               _("Pain after: type a whole number from 0 to 10, or leave it empty."));

  if (self->interventions->len == 0)
    add_error (errors, "interventions",
               _("Add at least one intervention: what was done in the session."));

  for (guint i = 0; i < self->interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (self->interventions, i);
      g_autoptr(GPtrArray) own = genu_intervention_validate (intervention);

      for (guint j = 0; j < own->len; j++)
        {
          GenuFieldError *error = g_ptr_array_index (own, j);
          g_autofree char *field = g_strdup_printf ("interventions[%u].%s", i, error->field);
          /* Translators: "Intervention 2 (Exercise therapy): Sets: type a whole number ..." */
          g_autofree char *message =
            g_strdup_printf (_("Intervention %u (%s): %s"), i + 1,
                             genu_intervention_kind_label (genu_intervention_get_kind (intervention)),
                             error->message);

          add_error (errors, field, message);
        }
    }

  if (self->amends_id != 0 && is_blank (self->texts[GENU_SESSION_AMENDMENT_REASON]))
    add_error (errors, "amendment_reason",
               _("Type why the signed session is amended; an amendment needs a reason."));

  return errors;
}

static void
add_optional_int (JsonBuilder *builder,
                  const char  *name,
                  int          value)
{
  json_builder_set_member_name (builder, name);
  if (value == GENU_SESSION_UNSET)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

/**
 * genu_session_to_json:
 *
 * Returns: (transfer full): a JSON object whose member names are the database columns;
 * unrecorded numbers are null
 */
JsonNode *
genu_session_to_json (GenuSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_SESSION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, self->patient_id);
  json_builder_set_member_name (builder, "plan_id");
  json_builder_add_int_value (builder, self->plan_id);
  for (guint i = 0; i < GENU_SESSION_N_TEXTS; i++)
    {
      json_builder_set_member_name (builder, text_columns[i]);
      json_builder_add_string_value (builder, self->texts[i]);
    }
  add_optional_int (builder, "duration_minutes", self->duration_minutes);
  add_optional_int (builder, "pain_before", self->pain_before);
  add_optional_int (builder, "pain_after", self->pain_after);
  json_builder_set_member_name (builder, "interventions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->interventions->len; i++)
    json_builder_add_value (builder,
                            genu_intervention_to_json (g_ptr_array_index (self->interventions, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "signed_by");
  json_builder_add_string_value (builder, self->signed_by);
  json_builder_set_member_name (builder, "signed_at");
  json_builder_add_string_value (builder, self->signed_at);
  json_builder_set_member_name (builder, "amends_id");
  json_builder_add_int_value (builder, self->amends_id);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, self->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, self->updated_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Reading JSON: every problem, each as "<where>: <message>" in @problems (element-type utf8). */

static void
add_problem (GPtrArray  *problems,
             const char *where,
             const char *message)
{
  g_ptr_array_add (problems, g_strdup_printf ("%s: %s", where, message));
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *where)
{
  g_autofree char *prefix = g_strconcat (where, ": ", NULL);

  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (problems, i), prefix))
      return TRUE;
  return FALSE;
}

/* Reads member @name of @object into @value when it is a text; a null counts as absent. */
static void
read_text (JsonObject  *object,
           const char  *name,
           char       **value,
           GPtrArray   *problems)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    _genu_set_str (value, json_node_get_string (node));
  else
    add_problem (problems, name, _("Type a text, in double quotes."));
}

static gboolean
read_whole_number (JsonObject *object,
                   const char *name,
                   gint64      min,
                   gint64      max,
                   gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

/* The id of a record: a whole number, 0 for none. */
static void
read_id (JsonObject *object,
         const char *name,
         gint64     *value,
         GPtrArray  *problems)
{
  if (!read_whole_number (object, name, 0, G_MAXINT64, value))
    add_problem (problems, name, _("Type the id of a saved record, a whole number; 0 for none."));
}

/* A number that may not have been recorded: null is GENU_SESSION_UNSET; the range is
 * genu_session_validate()'s to judge. */
static void
read_optional_int (JsonObject *object,
                   const char *name,
                   int        *value,
                   GPtrArray  *problems)
{
  gint64 number = *value;

  if (read_whole_number (object, name, G_MININT, G_MAXINT, &number))
    *value = (int) number;
  else
    add_problem (problems, name, _("Type a whole number, or null when it was not recorded."));
}

/* The members genu_session_to_json() writes are the ones a session has; any other is most likely
 * misspelt, and would otherwise be lost. */
static void
check_members (JsonObject *object,
               GPtrArray  *problems)
{
  g_autoptr(GenuSession) blank = genu_session_new ();
  g_autoptr(JsonNode) template = genu_session_to_json (blank);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!json_object_has_member (json_node_get_object (template), l->data))
      {
        g_autofree char *message =
          g_strdup_printf (_("“%s” is not a member of a session. Remove it, or check its "
                             "spelling."), (const char *) l->data);

        add_problem (problems, l->data, message);
      }
}

/* Reads the interventions of @member into @self, each as far as it can be read, and notes their
 * problems in @intervention_problems as "interventions[N].<field>". Returns how many were
 * given. */
static guint
read_interventions (GenuSession *self,
                    JsonNode    *member,
                    GPtrArray   *problems,
                    GPtrArray   *intervention_problems)
{
  JsonArray *array;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return 0;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      add_problem (problems, "interventions",
                   _("Type the interventions as a list: [{\"kind\": …, \"fields\": {…}}, …]."));
      return 0;
    }

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GPtrArray) own =
        g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
      g_autoptr(GenuIntervention) intervention =
        genu_intervention_read_json (json_array_get_element (array, i), own);

      if (intervention != NULL)
        g_ptr_array_add (self->interventions, g_steal_pointer (&intervention));
      for (guint j = 0; j < own->len; j++)
        {
          GenuFieldError *problem = g_ptr_array_index (own, j);
          g_autofree char *where = g_strdup_printf ("interventions[%u]%s%s", i,
                                                    *problem->field != '\0' ? "." : "",
                                                    problem->field);

          add_problem (intervention_problems, where, problem->message);
        }
    }
  return json_array_get_length (array);
}

/**
 * genu_session_new_from_json:
 * @node: a JSON object as written by genu_session_to_json()
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error set
 */
GenuSession *
genu_session_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(GenuSession) self = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) intervention_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *message = NULL;
  JsonObject *object;
  guint n_given;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A session must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  self = genu_session_new ();

  check_members (object, problems);
  read_id (object, "id", &self->id, problems);
  read_id (object, "patient_id", &self->patient_id, problems);
  read_id (object, "plan_id", &self->plan_id, problems);
  for (guint i = 0; i < GENU_SESSION_N_TEXTS; i++)
    read_text (object, text_columns[i], &self->texts[i], problems);
  read_optional_int (object, "duration_minutes", &self->duration_minutes, problems);
  read_optional_int (object, "pain_before", &self->pain_before, problems);
  read_optional_int (object, "pain_after", &self->pain_after, problems);
  read_text (object, "signed_by", &self->signed_by, problems);
  read_text (object, "signed_at", &self->signed_at, problems);
  read_id (object, "amends_id", &self->amends_id, problems);
  read_text (object, "created_at", &self->created_at, problems);
  read_text (object, "updated_at", &self->updated_at, problems);
  n_given = read_interventions (self, json_object_get_member (object, "interventions"), problems,
                                intervention_problems);

  /* The rules of the session itself, where its members could be read; those of its
   * interventions were noted as they were read, and "at least one" counts what was given. */
  errors = genu_session_validate (self, NULL);
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *field_error = g_ptr_array_index (errors, i);

      if (g_str_has_prefix (field_error->field, "interventions[") ||
          (g_str_equal (field_error->field, "interventions") && n_given > 0) ||
          has_problem (problems, field_error->field))
        continue;
      add_problem (problems, field_error->field, field_error->message);
    }

  /* The session's own problems first, then those of each intervention, in order. */
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&intervention_problems));
  if (problems->len == 0)
    return g_steal_pointer (&self);

  g_ptr_array_add (problems, NULL);
  message = g_strjoinv ("\n", (char **) problems->pdata);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return NULL;
}
