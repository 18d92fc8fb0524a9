/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-lefs.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genu-string-private.h"
#include "genu-validation.h"

#define NPRS_MCID_POINTS 2
#define NPRS_MCID_PERCENT 30

struct _GenuOutcome
{
  GObject  parent_instance;

  gint64   id;
  gint64   patient_id;
  gint64   plan_id;
  char    *date;
  int      items[GENU_LEFS_N_ITEMS];
  char    *created_at;
  char    *updated_at;
};

G_DEFINE_FINAL_TYPE (GenuOutcome, genu_outcome, G_TYPE_OBJECT)

/* Our own short labels for the 20 activities, in item order. The published questionnaire's
 * wording is not reproduced (shared/clinical/medial-knee.md, "Outcome measures"). */
static const char * const item_labels[GENU_LEFS_N_ITEMS] = {
  N_("Usual work or school"),
  N_("Usual hobbies"),
  N_("Bath in and out"),
  N_("Walk between rooms"),
  N_("Shoes or socks"),
  N_("Squat"),
  N_("Lift from floor"),
  N_("Light house work"),
  N_("Heavy house work"),
  N_("Get in and out of a car"),
  N_("Walk 2 blocks"),
  N_("Walk a mile"),
  N_("Up or down 10 stairs"),
  N_("Stand 1 hour"),
  N_("Sit 1 hour"),
  N_("Run on even ground"),
  N_("Run on uneven ground"),
  N_("Sharp turns while running"),
  N_("Hop"),
  N_("Roll in bed"),
};

const char *
genu_lefs_item_label (guint item)
{
  if (item < 1 || item > GENU_LEFS_N_ITEMS)
    return NULL;

  return _(item_labels[item - 1]);
}

/**
 * genu_lefs_score:
 * @items: the 20 item scores, item 1 first; %GENU_LEFS_MISSING for an item not answered
 * @score: (out) (optional): the score, 0 to 80
 *
 * With 1 to 4 items missing, the mean of the answered items is scaled to the 80 points of the
 * whole scale, a common rule for the LEFS; with more missing the score would rest on too little.
 *
 * Returns: %TRUE when there is a score
 */
gboolean
genu_lefs_score (const int  items[GENU_LEFS_N_ITEMS],
                 double    *score)
{
  guint missing = 0;
  int sum = 0;

  g_return_val_if_fail (items != NULL, FALSE);

  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    {
      if (items[i] == GENU_LEFS_MISSING)
        missing++;
      else if (items[i] < 0 || items[i] > GENU_LEFS_ITEM_MAX)
        return FALSE;
      else
        sum += items[i];
    }

  if (missing > GENU_LEFS_MAX_MISSING)
    return FALSE;

  if (score != NULL)
    {
      if (missing == 0)
        *score = sum;
      else
        *score = round ((double) sum / (GENU_LEFS_N_ITEMS - missing) * GENU_LEFS_N_ITEMS * 10) / 10;
    }
  return TRUE;
}

/* Binkley et al. 1999, Phys Ther 79:371: a change of 9 LEFS points is the minimal clinically
 * important difference. */
gboolean
genu_lefs_change_is_important (double before,
                               double after)
{
  /* Scores are whole or one decimal: compare in tenths, so 71.0 - 62.0 is 9 exactly. */
  return fabs (round ((after - before) * 10)) >= GENU_LEFS_MCID * 10;
}

/* Farrar et al. 2001, Pain 94:149: a reduction of about 2 points or about 30 % on the 0-10
 * numeric pain rating scale is clinically important; applied to a change in either direction. */
gboolean
genu_nprs_change_is_important (int before,
                               int after)
{
  int change = abs (after - before);

  if (change == 0)
    return FALSE;
  return change >= NPRS_MCID_POINTS ||
         (before > 0 && change * 100 >= NPRS_MCID_PERCENT * before);
}

static void
genu_outcome_finalize (GObject *object)
{
  GenuOutcome *self = GENU_OUTCOME (object);

  g_free (self->date);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (genu_outcome_parent_class)->finalize (object);
}

static void
genu_outcome_class_init (GenuOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_outcome_finalize;
}

static void
genu_outcome_init (GenuOutcome *self)
{
  self->date = g_strdup ("");
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    self->items[i] = GENU_LEFS_MISSING;
  self->created_at = g_strdup ("");
  self->updated_at = g_strdup ("");
}

/**
 * genu_outcome_new:
 *
 * Returns: (transfer full): a new, unsaved LEFS (id 0) with every item missing
 */
GenuOutcome *
genu_outcome_new (void)
{
  return g_object_new (GENU_TYPE_OUTCOME, NULL);
}

GenuOutcome *
genu_outcome_copy (GenuOutcome *self)
{
  GenuOutcome *copy;

  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

  copy = genu_outcome_new ();
  copy->id = self->id;
  copy->patient_id = self->patient_id;
  copy->plan_id = self->plan_id;
  _genu_set_str (&copy->date, self->date);
  memcpy (copy->items, self->items, sizeof self->items);
  genu_outcome_set_timestamps (copy, self->created_at, self->updated_at);
  return copy;
}

gboolean
genu_outcome_equal (GenuOutcome *a,
                    GenuOutcome *b)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (a), FALSE);
  g_return_val_if_fail (GENU_IS_OUTCOME (b), FALSE);

  return a->id == b->id && a->patient_id == b->patient_id && a->plan_id == b->plan_id &&
         g_strcmp0 (a->date, b->date) == 0 &&
         memcmp (a->items, b->items, sizeof a->items) == 0;
}

gint64
genu_outcome_get_id (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), 0);

  return self->id;
}

void
genu_outcome_set_id (GenuOutcome *self,
                     gint64       id)
{
  g_return_if_fail (GENU_IS_OUTCOME (self));

  self->id = id;
}

gint64
genu_outcome_get_patient_id (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), 0);

  return self->patient_id;
}

void
genu_outcome_set_patient_id (GenuOutcome *self,
                             gint64       patient_id)
{
  g_return_if_fail (GENU_IS_OUTCOME (self));

  self->patient_id = patient_id;
}

gint64
genu_outcome_get_plan_id (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), 0);

  return self->plan_id;
}

void
genu_outcome_set_plan_id (GenuOutcome *self,
                          gint64       plan_id)
{
  g_return_if_fail (GENU_IS_OUTCOME (self));

  self->plan_id = plan_id;
}

const char *
genu_outcome_get_measure (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

  return "lefs";
}

const char *
genu_outcome_get_date (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

  return self->date;
}

void
genu_outcome_set_date (GenuOutcome *self,
                       const char  *date)
{
  g_return_if_fail (GENU_IS_OUTCOME (self));

  _genu_set_str (&self->date, date ? date : "");
}

int
genu_outcome_get_item (GenuOutcome *self,
                       guint        item)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), GENU_LEFS_MISSING);
  g_return_val_if_fail (item >= 1 && item <= GENU_LEFS_N_ITEMS, GENU_LEFS_MISSING);

  return self->items[item - 1];
}

/**
 * genu_outcome_set_item:
 * @item: the item number, 1 to 20
 * @value: 0 to 4, or %GENU_LEFS_MISSING
 *
 * Any value is kept; genu_outcome_validate() judges it.
 */
void
genu_outcome_set_item (GenuOutcome *self,
                       guint        item,
                       int          value)
{
  g_return_if_fail (GENU_IS_OUTCOME (self));
  g_return_if_fail (item >= 1 && item <= GENU_LEFS_N_ITEMS);

  self->items[item - 1] = value;
}

const int *
genu_outcome_get_items (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

  return self->items;
}

gboolean
genu_outcome_get_score (GenuOutcome *self,
                        double      *score)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), FALSE);

  return genu_lefs_score (self->items, score);
}

guint
genu_outcome_get_n_missing (GenuOutcome *self)
{
  guint missing = 0;

  g_return_val_if_fail (GENU_IS_OUTCOME (self), 0);

  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    if (self->items[i] == GENU_LEFS_MISSING)
      missing++;
  return missing;
}

const char *
genu_outcome_get_created_at (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

  return self->created_at;
}

const char *
genu_outcome_get_updated_at (GenuOutcome *self)
{
  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

  return self->updated_at;
}

void
genu_outcome_set_timestamps (GenuOutcome *self,
                             const char  *created_at,
                             const char  *updated_at)
{
  g_return_if_fail (GENU_IS_OUTCOME (self));

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
 * genu_outcome_validate:
 * @today: (nullable): the day that counts as today; %NULL for the real today
 *
 * Returns: (transfer full) (element-type GenuFieldError): the broken rules, date first, then the
 * items in order; empty when the measure can be saved
 */
GPtrArray *
genu_outcome_validate (GenuOutcome *self,
                       const GDate *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autofree char *date_text = NULL;
  g_autoptr(GError) error = NULL;
  GDate now, date;

  g_return_val_if_fail (GENU_IS_OUTCOME (self), errors);

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

  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    if (self->items[i] != GENU_LEFS_MISSING &&
        (self->items[i] < 0 || self->items[i] > GENU_LEFS_ITEM_MAX))
      {
        g_autofree char *field = g_strdup_printf ("items.%u", i + 1);
        /* Translators: "Item 6 (Squat): pick a score from 0 (extreme difficulty) to 4 (no
         * difficulty), or leave it unanswered." */
        g_autofree char *message =
          g_strdup_printf (_("Item %u (%s): pick a score from 0 (extreme difficulty) to 4 "
                             "(no difficulty), or leave it unanswered."),
                           i + 1, genu_lefs_item_label (i + 1));

        add_error (errors, field, message);
      }

  return errors;
}

/**
 * genu_outcome_to_json:
 *
 * Returns: (transfer full): the measure with its answered items and its score (null when there
 * is none)
 */
JsonNode *
genu_outcome_to_json (GenuOutcome *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  double score;

  g_return_val_if_fail (GENU_IS_OUTCOME (self), NULL);

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
  json_builder_add_string_value (builder, "lefs");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_object (builder);
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    if (self->items[i] != GENU_LEFS_MISSING)
      {
        char key[8];

        g_snprintf (key, sizeof key, "%u", i + 1);
        json_builder_set_member_name (builder, key);
        json_builder_add_int_value (builder, self->items[i]);
      }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "score");
  if (genu_lefs_score (self->items, &score))
    json_builder_add_double_value (builder, score);
  else
    json_builder_add_null_value (builder);
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
read_items (GenuOutcome *self,
            JsonObject  *object,
            GPtrArray   *problems)
{
  JsonNode *node = json_object_get_member (object, "items");
  g_autoptr(GList) members = NULL;
  JsonObject *items;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_ptr_array_add (problems,
                       g_strdup (_("“items” must be a JSON object: {\"1\": 3, \"2\": 4, …}.")));
      return;
    }

  items = json_node_get_object (node);
  members = json_object_get_members (items);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (items, l->data);
      guint64 item;

      if (!g_ascii_string_to_unsigned (l->data, 10, 1, GENU_LEFS_N_ITEMS, &item, NULL))
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("“%s” is not a LEFS item: items are numbered 1 to "
                                              "20."), (const char *) l->data));
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
 * genu_outcome_new_from_json:
 * @node: a JSON object as written by genu_outcome_to_json()
 *
 * Returns: (transfer full) (nullable): the measure, or %NULL with @error set
 */
GenuOutcome *
genu_outcome_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(GenuOutcome) self = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  JsonNode *measure;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("An outcome measure must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (node);
  self = genu_outcome_new ();

  measure = json_object_get_member (object, "measure");
  if (measure != NULL &&
      !(JSON_NODE_HOLDS_VALUE (measure) && json_node_get_value_type (measure) == G_TYPE_STRING &&
        g_str_equal (json_node_get_string (measure), "lefs")))
    g_ptr_array_add (problems, g_strdup (_("The only outcome measure Genu knows is “lefs”.")));

  read_id (object, "id", &self->id, problems);
  read_id (object, "patient_id", &self->patient_id, problems);
  read_id (object, "plan_id", &self->plan_id, problems);
  read_string (object, "date", &self->date, problems);
  read_items (self, object, problems);
  read_string (object, "created_at", &self->created_at, problems);
  read_string (object, "updated_at", &self->updated_at, problems);

  if (problems->len == 0)
    {
      g_autoptr(GPtrArray) errors = genu_outcome_validate (self, NULL);

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
