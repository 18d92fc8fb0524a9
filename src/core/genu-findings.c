/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-findings.h"

typedef struct {
  GenuFindingState state;
  double           number;
  int              grade;
} Finding;

struct _GenuFindings {
  GObject     parent_instance;
  GHashTable *table;   /* id -> Finding */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GenuFindings, genu_findings, G_TYPE_OBJECT)

static Finding *
lookup_or_add (GenuFindings *self,
               const char   *id)
{
  Finding *finding = g_hash_table_lookup (self->table, id);

  if (finding == NULL)
    {
      finding = g_new0 (Finding, 1);
      g_hash_table_insert (self->table, g_strdup (id), finding);
    }
  return finding;
}

static void
genu_findings_finalize (GObject *object)
{
  GenuFindings *self = GENU_FINDINGS (object);

  g_clear_pointer (&self->table, g_hash_table_unref);
  G_OBJECT_CLASS (genu_findings_parent_class)->finalize (object);
}

static void
genu_findings_class_init (GenuFindingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_findings_finalize;

  /* The id of the finding that changed. */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
genu_findings_init (GenuFindings *self)
{
  self->table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GenuFindings *
genu_findings_new (void)
{
  return g_object_new (GENU_TYPE_FINDINGS, NULL);
}

GenuFindings *
genu_findings_copy (GenuFindings *self)
{
  GenuFindings *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GENU_IS_FINDINGS (self), NULL);

  copy = genu_findings_new ();
  g_hash_table_iter_init (&iter, self->table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->table, g_strdup (key), g_memdup2 (value, sizeof (Finding)));
  return copy;
}

gboolean
genu_findings_equal (GenuFindings *a,
                     GenuFindings *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GENU_IS_FINDINGS (a), FALSE);
  g_return_val_if_fail (GENU_IS_FINDINGS (b), FALSE);

  if (g_hash_table_size (a->table) != g_hash_table_size (b->table))
    return FALSE;

  g_hash_table_iter_init (&iter, a->table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Finding *x = value;
      const Finding *y = g_hash_table_lookup (b->table, key);

      if (y == NULL || x->state != y->state || x->grade != y->grade)
        return FALSE;
      if (x->state == GENU_FINDING_NUMBER && x->number != y->number)
        return FALSE;
    }
  return TRUE;
}

void
genu_findings_set_bool (GenuFindings *self,
                        const char   *id,
                        gboolean      present)
{
  Finding *finding;
  GenuFindingState state = present ? GENU_FINDING_PRESENT : GENU_FINDING_ABSENT;

  g_return_if_fail (GENU_IS_FINDINGS (self));
  g_return_if_fail (id != NULL);

  finding = lookup_or_add (self, id);
  if (finding->state == state)
    return;
  finding->state = state;
  finding->number = 0;
  /* A grade describes a positive test only. */
  if (!present)
    finding->grade = 0;
  g_signal_emit (self, signals[CHANGED], 0, id);
}

void
genu_findings_set_number (GenuFindings *self,
                          const char   *id,
                          double        value)
{
  Finding *finding;

  g_return_if_fail (GENU_IS_FINDINGS (self));
  g_return_if_fail (id != NULL);

  finding = lookup_or_add (self, id);
  if (finding->state == GENU_FINDING_NUMBER && finding->number == value)
    return;
  finding->state = GENU_FINDING_NUMBER;
  finding->number = value;
  finding->grade = 0;
  g_signal_emit (self, signals[CHANGED], 0, id);
}

void
genu_findings_set_grade (GenuFindings *self,
                         const char   *id,
                         int           grade)
{
  Finding *finding;

  g_return_if_fail (GENU_IS_FINDINGS (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (grade >= 0);

  finding = g_hash_table_lookup (self->table, id);
  g_return_if_fail (finding != NULL && finding->state == GENU_FINDING_PRESENT);

  if (finding->grade == grade)
    return;
  finding->grade = grade;
  g_signal_emit (self, signals[CHANGED], 0, id);
}

void
genu_findings_clear (GenuFindings *self,
                     const char   *id)
{
  g_return_if_fail (GENU_IS_FINDINGS (self));
  g_return_if_fail (id != NULL);

  if (g_hash_table_remove (self->table, id))
    g_signal_emit (self, signals[CHANGED], 0, id);
}

GenuFindingState
genu_findings_get (GenuFindings *self,
                   const char   *id,
                   double       *number)
{
  const Finding *finding;

  g_return_val_if_fail (GENU_IS_FINDINGS (self), GENU_FINDING_NOT_TESTED);
  g_return_val_if_fail (id != NULL, GENU_FINDING_NOT_TESTED);

  finding = g_hash_table_lookup (self->table, id);
  if (finding == NULL)
    return GENU_FINDING_NOT_TESTED;
  if (number != NULL)
    *number = finding->number;
  return finding->state;
}

int
genu_findings_get_grade (GenuFindings *self,
                         const char   *id)
{
  const Finding *finding;

  g_return_val_if_fail (GENU_IS_FINDINGS (self), 0);
  g_return_val_if_fail (id != NULL, 0);

  finding = g_hash_table_lookup (self->table, id);
  return finding != NULL ? finding->grade : 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data G_GNUC_UNUSED)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
genu_findings_dup_ids (GenuFindings *self)
{
  g_autofree gpointer *keys = NULL;
  guint n;
  GStrv ids;

  g_return_val_if_fail (GENU_IS_FINDINGS (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->table, &n);
  g_qsort_with_data (keys, n, sizeof (gpointer), compare_strings, NULL);
  ids = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup (keys[i]);
  return ids;
}

guint
genu_findings_get_size (GenuFindings *self)
{
  g_return_val_if_fail (GENU_IS_FINDINGS (self), 0);

  return g_hash_table_size (self->table);
}

JsonNode *
genu_findings_to_json (GenuFindings *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (GENU_IS_FINDINGS (self), NULL);

  ids = genu_findings_dup_ids (self);
  json_builder_begin_object (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const Finding *finding = g_hash_table_lookup (self->table, ids[i]);

      json_builder_set_member_name (builder, ids[i]);
      if (finding->state == GENU_FINDING_NUMBER)
        json_builder_add_double_value (builder, finding->number);
      else
        json_builder_add_string_value (builder,
                                       finding->state == GENU_FINDING_PRESENT ? "present" : "absent");
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
genu_findings_grades_to_json (GenuFindings *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (GENU_IS_FINDINGS (self), NULL);

  ids = genu_findings_dup_ids (self);
  json_builder_begin_object (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const Finding *finding = g_hash_table_lookup (self->table, ids[i]);

      if (finding->grade <= 0)
        continue;
      json_builder_set_member_name (builder, ids[i]);
      json_builder_add_int_value (builder, finding->grade);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
