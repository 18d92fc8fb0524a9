/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-koos.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "genu-string-private.h"
#include "genu-validation.h"

/* The Knee injury and Osteoarthritis Outcome Score: Roos & Lohmander 2003, Health Qual Life
 * Outcomes 1:64, and the KOOS User's Guide 2012 for the scoring and for missing items. */

struct _GenuKoos
{
  GObject  parent_instance;

  gint64   id;
  gint64   patient_id;
  gint64   plan_id;
  char    *date;
  int      items[GENU_KOOS_N_ITEMS];
  char    *created_at;
  char    *updated_at;
};

G_DEFINE_FINAL_TYPE (GenuKoos, genu_koos, G_TYPE_OBJECT)

/* The five subscales in the order of the questionnaire, each with its items: a run of item
 * numbers that starts where the previous subscale ends. */
static const struct {
  const char *id;
  const char *label;
  const char *prefix;    /* of the item codes */
  guint       first;     /* 1-42 */
  guint       n_items;
} subscales[GENU_KOOS_N_SUBSCALES] = {
  [GENU_KOOS_SYMPTOMS] = { "symptoms", N_("Symptoms"), "S", 1, 7 },
  [GENU_KOOS_PAIN] = { "pain", N_("Pain"), "P", 8, 9 },
  [GENU_KOOS_ADL] = { "adl", N_("Function in daily living"), "A", 17, 17 },
  [GENU_KOOS_SPORT] = { "sport", N_("Function in sport and recreation"), "SP", 34, 5 },
  [GENU_KOOS_QOL] = { "qol", N_("Knee-related quality of life"), "Q", 39, 4 },
};

G_STATIC_ASSERT (7 + 9 + 17 + 5 + 4 == GENU_KOOS_N_ITEMS);

/* The codes of the items, in item order, as the User's Guide names them. */
static const char * const item_codes[GENU_KOOS_N_ITEMS] = {
  "S1", "S2", "S3", "S4", "S5", "S6", "S7",
  "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9",
  "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14",
  "A15", "A16", "A17",
  "SP1", "SP2", "SP3", "SP4", "SP5",
  "Q1", "Q2", "Q3", "Q4",
};

/* Our own short labels for the 42 items, in item order. The published questionnaire's wording
 * is not reproduced (shared/clinical/medial-knee.md, "Outcome measures"). */
static const char * const item_labels[GENU_KOOS_N_ITEMS] = {
  /* Symptoms and stiffness */
  N_("Swelling"),
  N_("Grinding or clicking"),
  N_("Catching or hanging up"),
  N_("Straighten fully"),
  N_("Bend fully"),
  N_("Morning stiffness"),
  N_("Stiffness later in the day"),
  /* Pain */
  N_("How often pain"),
  N_("Twisting/pivoting"),
  N_("Straightening fully"),
  N_("Bending fully"),
  N_("Walking on flat surface"),
  N_("Stairs up or down"),
  N_("At night in bed"),
  N_("Sitting or lying"),
  N_("Standing upright"),
  /* Function in daily living */
  N_("Descending stairs"),
  N_("Ascending stairs"),
  N_("Rising from sitting"),
  N_("Standing"),
  N_("Bending to the floor"),
  N_("Walking on the flat"),
  N_("In or out of a car"),
  N_("Shopping"),
  N_("Putting on socks"),
  N_("Rising from bed"),
  N_("Taking off socks"),
  N_("Lying in bed"),
  N_("In or out of the bath"),
  N_("Sitting"),
  N_("On or off the toilet"),
  N_("Heavy domestic duties"),
  N_("Light domestic duties"),
  /* Function in sport and recreation */
  N_("Squatting"),
  N_("Running"),
  N_("Jumping"),
  N_("Turning on the knee"),
  N_("Kneeling"),
  /* Knee-related quality of life */
  N_("Aware of the knee"),
  N_("Lifestyle changed"),
  N_("Lack of confidence in the knee"),
  N_("Overall difficulty"),
};

const char *
genu_koos_subscale_id (GenuKoosSubscale subscale)
{
  g_return_val_if_fail (subscale < GENU_KOOS_N_SUBSCALES, NULL);

  return subscales[subscale].id;
}

const char *
genu_koos_subscale_label (GenuKoosSubscale subscale)
{
  g_return_val_if_fail (subscale < GENU_KOOS_N_SUBSCALES, NULL);

  return _(subscales[subscale].label);
}

void
genu_koos_subscale_items (GenuKoosSubscale  subscale,
                          guint            *first,
                          guint            *n_items)
{
  g_return_if_fail (subscale < GENU_KOOS_N_SUBSCALES);

  if (first != NULL)
    *first = subscales[subscale].first;
  if (n_items != NULL)
    *n_items = subscales[subscale].n_items;
}

GenuKoosSubscale
genu_koos_item_subscale (guint item)
{
  g_return_val_if_fail (item >= 1 && item <= GENU_KOOS_N_ITEMS, GENU_KOOS_SYMPTOMS);

  for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
    if (item < subscales[s].first + subscales[s].n_items)
      return s;
  g_assert_not_reached ();
}

const char *
genu_koos_item_code (guint item)
{
  if (item < 1 || item > GENU_KOOS_N_ITEMS)
    return NULL;

  return item_codes[item - 1];
}

guint
genu_koos_item_from_code (const char *code)
{
  g_return_val_if_fail (code != NULL, 0);

  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    if (g_str_equal (item_codes[i], code))
      return i + 1;
  return 0;
}

const char *
genu_koos_item_label (guint item)
{
  if (item < 1 || item > GENU_KOOS_N_ITEMS)
    return NULL;

  return _(item_labels[item - 1]);
}

/**
 * genu_koos_subscale_score:
 * @items: the 42 item scores, item 1 (S1) first; %GENU_KOOS_MISSING for an item not answered
 * @subscale: which of the five
 * @score: (out) (optional): the score, 0 (extreme problems) to 100 (no problems), not rounded
 *
 * The KOOS User's Guide 2012: each subscale is 100 − (mean of its items × 100 / 4). With one or
 * two items of the subscale missing, the mean of the answered ones stands in for them; with more
 * missing, the subscale has no score.
 *
 * Returns: %TRUE when the subscale has a score
 */
gboolean
genu_koos_subscale_score (const int         items[GENU_KOOS_N_ITEMS],
                          GenuKoosSubscale  subscale,
                          double           *score)
{
  guint first, n_items, missing = 0;
  int sum = 0;

  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (subscale < GENU_KOOS_N_SUBSCALES, FALSE);

  first = subscales[subscale].first;
  n_items = subscales[subscale].n_items;
  for (guint i = first - 1; i < first - 1 + n_items; i++)
    {
      if (items[i] == GENU_KOOS_MISSING)
        missing++;
      else if (items[i] < 0 || items[i] > GENU_KOOS_ITEM_MAX)
        return FALSE;
      else
        sum += items[i];
    }

  if (missing > GENU_KOOS_MAX_MISSING)
    return FALSE;

  if (score != NULL)
    *score = GENU_KOOS_SCORE_MAX -
             (double) sum / (n_items - missing) * GENU_KOOS_SCORE_MAX / GENU_KOOS_ITEM_MAX;
  return TRUE;
}

static void
genu_koos_finalize (GObject *object)
{
  GenuKoos *self = GENU_KOOS (object);

  g_free (self->date);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (genu_koos_parent_class)->finalize (object);
}

static void
genu_koos_class_init (GenuKoosClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_koos_finalize;
}

static void
genu_koos_init (GenuKoos *self)
{
  self->date = g_strdup ("");
  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    self->items[i] = GENU_KOOS_MISSING;
  self->created_at = g_strdup ("");
  self->updated_at = g_strdup ("");
}

/**
 * genu_koos_new:
 *
 * Returns: (transfer full): a new, unsaved KOOS (id 0) with every item missing
 */
GenuKoos *
genu_koos_new (void)
{
  return g_object_new (GENU_TYPE_KOOS, NULL);
}

GenuKoos *
genu_koos_copy (GenuKoos *self)
{
  GenuKoos *copy;

  g_return_val_if_fail (GENU_IS_KOOS (self), NULL);

  copy = genu_koos_new ();
  copy->id = self->id;
  copy->patient_id = self->patient_id;
  copy->plan_id = self->plan_id;
  _genu_set_str (&copy->date, self->date);
  memcpy (copy->items, self->items, sizeof self->items);
  genu_koos_set_timestamps (copy, self->created_at, self->updated_at);
  return copy;
}

gboolean
genu_koos_equal (GenuKoos *a,
                 GenuKoos *b)
{
  g_return_val_if_fail (GENU_IS_KOOS (a), FALSE);
  g_return_val_if_fail (GENU_IS_KOOS (b), FALSE);

  return a->id == b->id && a->patient_id == b->patient_id && a->plan_id == b->plan_id &&
         g_strcmp0 (a->date, b->date) == 0 &&
         memcmp (a->items, b->items, sizeof a->items) == 0;
}

gint64
genu_koos_get_id (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), 0);

  return self->id;
}

void
genu_koos_set_id (GenuKoos *self,
                  gint64    id)
{
  g_return_if_fail (GENU_IS_KOOS (self));

  self->id = id;
}

gint64
genu_koos_get_patient_id (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), 0);

  return self->patient_id;
}

void
genu_koos_set_patient_id (GenuKoos *self,
                          gint64    patient_id)
{
  g_return_if_fail (GENU_IS_KOOS (self));

  self->patient_id = patient_id;
}

gint64
genu_koos_get_plan_id (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), 0);

  return self->plan_id;
}

void
genu_koos_set_plan_id (GenuKoos *self,
                       gint64    plan_id)
{
  g_return_if_fail (GENU_IS_KOOS (self));

  self->plan_id = plan_id;
}

const char *
genu_koos_get_date (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), NULL);

  return self->date;
}

void
genu_koos_set_date (GenuKoos   *self,
                    const char *date)
{
  g_return_if_fail (GENU_IS_KOOS (self));

  _genu_set_str (&self->date, date ? date : "");
}

int
genu_koos_get_item (GenuKoos *self,
                    guint     item)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), GENU_KOOS_MISSING);
  g_return_val_if_fail (item >= 1 && item <= GENU_KOOS_N_ITEMS, GENU_KOOS_MISSING);

  return self->items[item - 1];
}

/**
 * genu_koos_set_item:
 * @item: the item number, 1 (S1) to 42 (Q4)
 * @value: 0 to 4, or %GENU_KOOS_MISSING
 *
 * Any value is kept; genu_koos_validate() judges it.
 */
void
genu_koos_set_item (GenuKoos *self,
                    guint     item,
                    int       value)
{
  g_return_if_fail (GENU_IS_KOOS (self));
  g_return_if_fail (item >= 1 && item <= GENU_KOOS_N_ITEMS);

  self->items[item - 1] = value;
}

const int *
genu_koos_get_items (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), NULL);

  return self->items;
}

gboolean
genu_koos_get_score (GenuKoos         *self,
                     GenuKoosSubscale  subscale,
                     double           *score)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), FALSE);

  return genu_koos_subscale_score (self->items, subscale, score);
}

guint
genu_koos_get_n_missing (GenuKoos         *self,
                         GenuKoosSubscale  subscale)
{
  guint missing = 0;

  g_return_val_if_fail (GENU_IS_KOOS (self), 0);
  g_return_val_if_fail (subscale < GENU_KOOS_N_SUBSCALES, 0);

  for (guint i = 0; i < subscales[subscale].n_items; i++)
    if (self->items[subscales[subscale].first - 1 + i] == GENU_KOOS_MISSING)
      missing++;
  return missing;
}

const char *
genu_koos_get_created_at (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), NULL);

  return self->created_at;
}

const char *
genu_koos_get_updated_at (GenuKoos *self)
{
  g_return_val_if_fail (GENU_IS_KOOS (self), NULL);

  return self->updated_at;
}

void
genu_koos_set_timestamps (GenuKoos   *self,
                          const char *created_at,
                          const char *updated_at)
{
  g_return_if_fail (GENU_IS_KOOS (self));

  _genu_set_str (&self->created_at, created_at ? created_at : "");
  _genu_set_str (&self->updated_at, updated_at ? updated_at : "");
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  g_ptr_array_add (errors, genu_field_error_new (field, message));
}

/**
 * genu_koos_validate:
 * @today: (nullable): the day that counts as today; %NULL for the real today
 *
 * Returns: (transfer full) (element-type GenuFieldError): the broken rules, date first, then the
 * items in order; empty when the KOOS can be saved
 */
GPtrArray *
genu_koos_validate (GenuKoos    *self,
                    const GDate *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autofree char *date_text = NULL;
  g_autoptr(GError) error = NULL;
  GDate now, date;

  g_return_val_if_fail (GENU_IS_KOOS (self), errors);

  if (today == NULL)
    {
      genu_date_set_today (&now);
      today = &now;
    }

  date_text = g_strstrip (g_strdup (self->date));
  if (*date_text == '\0')
    add_error (errors, "date",
               _("Type the date the questionnaire was filled in as YYYY-MM-DD, "
                 "for example 2024-03-18."));
  else if (!genu_parse_date (date_text, &date, &error))
    add_error (errors, "date", error->message);
  else if (g_date_compare (&date, today) > 0)
    {
      char today_text[16];
      g_autofree char *message = NULL;

      g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
      message = g_strdup_printf (_("The date cannot be in the future. "
                                   "Type a date on or before %s."), today_text);
      add_error (errors, "date", message);
    }
  else if (g_date_get_year (&date) < GENU_DATE_MIN_YEAR)
    add_error (errors, "date", _("The date cannot be before 1900. Check the year."));

  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    if (self->items[i] != GENU_KOOS_MISSING &&
        (self->items[i] < 0 || self->items[i] > GENU_KOOS_ITEM_MAX))
      {
        g_autofree char *field = g_strdup_printf ("items.%s", item_codes[i]);
        /* Translators: "S1 (Swelling): pick a score from 0 (none) to 4 (extreme), or leave it
         * unanswered." */
        g_autofree char *message =
          g_strdup_printf (_("%s (%s): pick a score from 0 (none) to 4 (extreme), "
                             "or leave it unanswered."),
                           item_codes[i], genu_koos_item_label (i + 1));

        add_error (errors, field, message);
      }

  return errors;
}

/**
 * genu_koos_to_json:
 *
 * Returns: (transfer full): the KOOS with its answered items and its five subscale scores, each
 * rounded to one decimal, null when the subscale has none
 */
JsonNode *
genu_koos_to_json (GenuKoos *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (GENU_IS_KOOS (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, self->patient_id);
  json_builder_set_member_name (builder, "plan_id");
  json_builder_add_int_value (builder, self->plan_id);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, self->date);
  json_builder_set_member_name (builder, "measure");
  json_builder_add_string_value (builder, "koos");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_object (builder);
  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    if (self->items[i] != GENU_KOOS_MISSING)
      {
        json_builder_set_member_name (builder, item_codes[i]);
        json_builder_add_int_value (builder, self->items[i]);
      }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
    {
      double score;

      json_builder_set_member_name (builder, subscales[s].id);
      if (genu_koos_subscale_score (self->items, s, &score))
        json_builder_add_double_value (builder, round (score * 10) / 10);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, self->created_at);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, self->updated_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
read_id (JsonObject *object,
         const char *name,
         gint64     *value,
         GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0)
    *value = json_node_get_int (node);
  else
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” must be a whole number."), name));
}

static void
read_string (JsonObject  *object,
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
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” must be a text."), name));
}

static void
read_items (GenuKoos   *self,
            JsonObject *object,
            GPtrArray  *problems)
{
  JsonNode *node = json_object_get_member (object, "items");
  g_autoptr(GList) members = NULL;
  JsonObject *items;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_ptr_array_add (problems,
                       g_strdup (_("“items” must be a JSON object: {\"S1\": 2, \"S2\": 0, …}.")));
      return;
    }

  items = json_node_get_object (node);
  members = json_object_get_members (items);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (items, l->data);
      guint item = genu_koos_item_from_code (l->data);

      if (item == 0)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("“%s” is not a KOOS item: items are S1-S7, P1-P9, "
                                              "A1-A17, SP1-SP5 and Q1-Q4."),
                                            (const char *) l->data));
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
          json_node_get_int (value) < G_MININT || json_node_get_int (value) > G_MAXINT)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("Item %s: the score must be a whole number from 0 "
                                              "to 4."), (const char *) l->data));
          continue;
        }
      self->items[item - 1] = (int) json_node_get_int (value);
    }
}

/**
 * genu_koos_new_from_json:
 * @node: a JSON object as written by genu_koos_to_json()
 *
 * Returns: (transfer full) (nullable): the KOOS, or %NULL with @error set
 */
GenuKoos *
genu_koos_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(GenuKoos) self = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  JsonNode *measure;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A KOOS must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  self = genu_koos_new ();

  measure = json_object_get_member (object, "measure");
  if (measure != NULL &&
      !(JSON_NODE_HOLDS_VALUE (measure) && json_node_get_value_type (measure) == G_TYPE_STRING &&
        g_str_equal (json_node_get_string (measure), "koos")))
    g_ptr_array_add (problems, g_strdup (_("A KOOS has the measure “koos”.")));

  read_id (object, "id", &self->id, problems);
  read_id (object, "patient_id", &self->patient_id, problems);
  read_id (object, "plan_id", &self->plan_id, problems);
  read_string (object, "date", &self->date, problems);
  read_items (self, object, problems);
  read_string (object, "created_at", &self->created_at, problems);
  read_string (object, "updated_at", &self->updated_at, problems);

  if (problems->len == 0)
    {
      g_autoptr(GPtrArray) errors = genu_koos_validate (self, NULL);

      for (guint i = 0; i < errors->len; i++)
        g_ptr_array_add (problems,
                         g_strdup (((GenuFieldError *) g_ptr_array_index (errors, i))->message));
    }

  if (problems->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (problems, NULL);
      message = g_strjoinv ("\n", (char **) problems->pdata);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return NULL;
    }

  return g_steal_pointer (&self);
}
