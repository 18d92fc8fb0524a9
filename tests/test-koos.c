/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-koos.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-store.h"
#include "genu-validation.h"

#include <gio/gio.h>
#include <string.h>

#include "genu-test-utils.h"

/* The KOOS (Roos & Lohmander 2003; the KOOS User's Guide 2012): its subscales and item labels,
 * the scoring of each subscale with and without missing items, hand-computed; the stored KOOS
 * with its rules and JSON; and its round trip through a real store in a temporary folder. */

static void
fill (int items[GENU_KOOS_N_ITEMS],
      int value)
{
  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    items[i] = value;
}

static void
test_subscales (void)
{
  static const struct {
    GenuKoosSubscale subscale;
    const char      *id;
    const char      *label;
    const char      *first_code;
    const char      *last_code;
    guint            n_items;
  } expected[] = {
    { GENU_KOOS_SYMPTOMS, "symptoms", "Symptoms", "S1", "S7", 7 },
    { GENU_KOOS_PAIN, "pain", "Pain", "P1", "P9", 9 },
    { GENU_KOOS_ADL, "adl", "Function in daily living", "A1", "A17", 17 },
    { GENU_KOOS_SPORT, "sport", "Function in sport and recreation", "SP1", "SP5", 5 },
    { GENU_KOOS_QOL, "qol", "Knee-related quality of life", "Q1", "Q4", 4 },
  };
  guint next = 1;

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, GENU_KOOS_N_SUBSCALES);
  for (guint s = 0; s < G_N_ELEMENTS (expected); s++)
    {
      guint first = 0, n_items = 0;

      g_assert_cmpstr (genu_koos_subscale_id (expected[s].subscale), ==, expected[s].id);
      g_assert_cmpstr (genu_koos_subscale_label (expected[s].subscale), ==, expected[s].label);
      genu_koos_subscale_items (expected[s].subscale, &first, &n_items);
      /* The subscales follow each other without a gap, in the order of the questionnaire. */
      g_assert_cmpuint (first, ==, next);
      g_assert_cmpuint (n_items, ==, expected[s].n_items);
      g_assert_cmpstr (genu_koos_item_code (first), ==, expected[s].first_code);
      g_assert_cmpstr (genu_koos_item_code (first + n_items - 1), ==, expected[s].last_code);
      for (guint item = first; item < first + n_items; item++)
        g_assert_cmpint (genu_koos_item_subscale (item), ==, expected[s].subscale);
      next = first + n_items;
    }
  g_assert_cmpuint (next, ==, GENU_KOOS_N_ITEMS + 1);
}

static void
test_labels (void)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_null (genu_koos_item_label (0));
  g_assert_null (genu_koos_item_label (43));
  g_assert_null (genu_koos_item_code (0));
  g_assert_null (genu_koos_item_code (43));
  g_assert_cmpuint (genu_koos_item_from_code ("S8"), ==, 0);
  g_assert_cmpuint (genu_koos_item_from_code ("s1"), ==, 0);
  g_assert_cmpuint (genu_koos_item_from_code (""), ==, 0);
  g_assert_cmpstr (genu_koos_item_label (1), ==, "Swelling");
  g_assert_cmpstr (genu_koos_item_label (7), ==, "Stiffness later in the day");
  g_assert_cmpstr (genu_koos_item_label (8), ==, "How often pain");
  g_assert_cmpstr (genu_koos_item_label (17), ==, "Descending stairs");
  g_assert_cmpstr (genu_koos_item_code (34), ==, "SP1");
  g_assert_cmpstr (genu_koos_item_label (34), ==, "Squatting");
  g_assert_cmpstr (genu_koos_item_code (42), ==, "Q4");

  /* Every item has its own code and, so that a therapist can tell them apart, its own label. */
  for (guint i = 1; i <= GENU_KOOS_N_ITEMS; i++)
    {
      g_assert_true (g_hash_table_add (labels, (gpointer) genu_koos_item_label (i)));
      g_assert_true (g_hash_table_add (codes, (gpointer) genu_koos_item_code (i)));
      g_assert_cmpuint (genu_koos_item_from_code (genu_koos_item_code (i)), ==, i);
    }
}

/* Sets @subscale's items to @values (its item count of them), leaving the others. */
static void
set_subscale (int               items[GENU_KOOS_N_ITEMS],
              GenuKoosSubscale  subscale,
              const int        *values)
{
  guint first, n_items;

  genu_koos_subscale_items (subscale, &first, &n_items);
  for (guint i = 0; i < n_items; i++)
    items[first - 1 + i] = values[i];
}

#define M GENU_KOOS_MISSING

/* Each case hand-computed: 100 − (sum / answered) × 100 / 4. */
static const struct {
  const char       *name;
  GenuKoosSubscale  subscale;
  int               values[17];
  gboolean          scored;
  double            score;
} score_cases[] = {
  { "symptoms/all-0", GENU_KOOS_SYMPTOMS, { 0, 0, 0, 0, 0, 0, 0 }, TRUE, 100 },
  { "symptoms/all-4", GENU_KOOS_SYMPTOMS, { 4, 4, 4, 4, 4, 4, 4 }, TRUE, 0 },
  /* 8 / 7 × 25 = 28.571…: 71.43. */
  { "symptoms/mixed", GENU_KOOS_SYMPTOMS, { 1, 2, 0, 1, 2, 1, 1 }, TRUE, 100 - 8.0 / 7 * 25 },
  /* Two missing: the mean of the other five, 5 / 5 = 1 → 75. */
  { "symptoms/2-missing", GENU_KOOS_SYMPTOMS, { 1, M, 0, 1, M, 2, 1 }, TRUE, 75 },
  { "symptoms/3-missing", GENU_KOOS_SYMPTOMS, { 1, M, 0, M, M, 2, 1 }, FALSE, 0 },
  /* One missing: 8 answered summing to 12, mean 1.5 → 62.5. */
  { "pain/1-missing", GENU_KOOS_PAIN, { 2, 2, 1, 1, M, 2, 1, 1, 2 }, TRUE, 62.5 },
  { "pain/all-missing", GENU_KOOS_PAIN, { M, M, M, M, M, M, M, M, M }, FALSE, 0 },
  { "adl/all-0", GENU_KOOS_ADL, { 0 }, TRUE, 100 },
  /* 17 answered summing to 17 × 2 = 34 → 50. */
  { "adl/all-2", GENU_KOOS_ADL, { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, TRUE, 50 },
  /* Two missing of 17: 15 answered summing to 30 → 50. */
  { "adl/2-missing", GENU_KOOS_ADL, { M, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, M }, TRUE,
    50 },
  { "adl/3-missing", GENU_KOOS_ADL, { M, 2, 2, 2, 2, 2, 2, M, 2, 2, 2, 2, 2, 2, 2, 2, M }, FALSE,
    0 },
  /* 3 + 4 + 2 + 3 + 4 = 16, mean 3.2 → 20. */
  { "sport/mixed", GENU_KOOS_SPORT, { 3, 4, 2, 3, 4 }, TRUE, 20 },
  /* Two missing of 5: 4 + 3 + 0 = 7 over 3, mean 2.33 → 41.67. */
  { "sport/2-missing", GENU_KOOS_SPORT, { M, 4, M, 3, 0 }, TRUE, 100 - 7.0 / 3 * 25 },
  { "qol/all-4", GENU_KOOS_QOL, { 4, 4, 4, 4 }, TRUE, 0 },
  /* Two missing of 4: 1 + 2 = 3, mean 1.5 → 62.5. */
  { "qol/2-missing", GENU_KOOS_QOL, { 1, M, 2, M }, TRUE, 62.5 },
  { "qol/3-missing", GENU_KOOS_QOL, { M, M, 2, M }, FALSE, 0 },
};

static void
test_score (gconstpointer data)
{
  guint c = GPOINTER_TO_UINT (data);
  GenuKoosSubscale subscale = score_cases[c].subscale;
  int items[GENU_KOOS_N_ITEMS];
  double score = -1;

  /* The other subscales have something else, which must not count. */
  fill (items, 3);
  set_subscale (items, subscale, score_cases[c].values);

  g_assert_cmpint (genu_koos_subscale_score (items, subscale, &score), ==,
                   score_cases[c].scored);
  if (score_cases[c].scored)
    {
      g_test_message ("%s: %.4f", score_cases[c].name, score);
      g_assert_cmpfloat_with_epsilon (score, score_cases[c].score, 1e-9);
    }
  g_assert_cmpint (genu_koos_subscale_score (items, subscale, NULL), ==, score_cases[c].scored);
}

#undef M

static void
test_score_examples (void)
{
  int items[GENU_KOOS_N_ITEMS];
  double score = -1;

  /* The example of the brief, to two decimals. */
  fill (items, 0);
  set_subscale (items, GENU_KOOS_SYMPTOMS, (const int[]) { 1, 2, 0, 1, 2, 1, 1 });
  g_assert_true (genu_koos_subscale_score (items, GENU_KOOS_SYMPTOMS, &score));
  g_assert_cmpfloat_with_epsilon (score, 71.43, 0.005);
  /* The other subscales, all 0, have no problems. */
  for (guint s = GENU_KOOS_PAIN; s < GENU_KOOS_N_SUBSCALES; s++)
    {
      g_assert_true (genu_koos_subscale_score (items, s, &score));
      g_assert_cmpfloat (score, ==, 100);
    }

  /* An item out of range is no score for its subscale only. */
  items[9] = 5;                                /* P3 */
  g_assert_false (genu_koos_subscale_score (items, GENU_KOOS_PAIN, &score));
  g_assert_true (genu_koos_subscale_score (items, GENU_KOOS_ADL, &score));
  items[9] = -3;
  g_assert_false (genu_koos_subscale_score (items, GENU_KOOS_PAIN, NULL));
}

static GenuKoos *
make_koos (void)
{
  GenuKoos *koos = genu_koos_new ();

  genu_koos_set_patient_id (koos, 7);
  genu_koos_set_plan_id (koos, 3);
  genu_koos_set_date (koos, "2024-03-18");
  for (guint i = 1; i <= GENU_KOOS_N_ITEMS; i++)
    genu_koos_set_item (koos, i, i % 5);
  /* Symptoms: S1-S7 = 1 2 3 4 0 1 2, with S2 missing: 11 / 6 → 54.17. Sport: SP1-SP5 = 4 0 1 2 3
   * with three missing: no score. */
  genu_koos_set_item (koos, 2, GENU_KOOS_MISSING);
  genu_koos_set_item (koos, 34, GENU_KOOS_MISSING);
  genu_koos_set_item (koos, 35, GENU_KOOS_MISSING);
  genu_koos_set_item (koos, 36, GENU_KOOS_MISSING);
  return koos;
}

static void
test_koos (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (18, G_DATE_MARCH, 2024);
  GenuKoos *koos = make_koos ();
  GenuKoos *copy;
  g_autoptr(GPtrArray) errors = NULL;
  double score = 0;

  g_assert_cmpuint (genu_koos_get_n_missing (koos, GENU_KOOS_SYMPTOMS), ==, 1);
  g_assert_cmpuint (genu_koos_get_n_missing (koos, GENU_KOOS_SPORT), ==, 3);
  g_assert_cmpuint (genu_koos_get_n_missing (koos, GENU_KOOS_QOL), ==, 0);
  g_assert_cmpint (genu_koos_get_item (koos, 2), ==, GENU_KOOS_MISSING);
  g_assert_cmpint (genu_koos_get_item (koos, 42), ==, 2);
  g_assert_cmpint (genu_koos_get_items (koos)[0], ==, 1);
  g_assert_true (genu_koos_get_score (koos, GENU_KOOS_SYMPTOMS, &score));
  g_assert_cmpfloat_with_epsilon (score, 100 - 11.0 / 6 * 25, 1e-9);
  g_assert_false (genu_koos_get_score (koos, GENU_KOOS_SPORT, &score));

  errors = genu_koos_validate (koos, today);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  copy = genu_koos_copy (koos);
  g_assert_true (genu_koos_equal (koos, copy));
  genu_koos_set_item (copy, 2, 4);
  g_assert_false (genu_koos_equal (koos, copy));
  genu_koos_set_item (copy, 2, GENU_KOOS_MISSING);
  genu_koos_set_plan_id (copy, 0);
  g_assert_false (genu_koos_equal (koos, copy));
  genu_koos_set_plan_id (copy, 3);
  /* Timestamps are not compared. */
  genu_koos_set_timestamps (copy, "2024-03-18T09:00:00Z", "2024-03-18T09:00:00Z");
  g_assert_true (genu_koos_equal (koos, copy));

  /* Out-of-range items and a future date are refused, each by name. */
  genu_koos_set_item (copy, 1, 5);
  genu_koos_set_item (copy, 39, -2);
  genu_koos_set_date (copy, "2024-03-19");
  errors = genu_koos_validate (copy, today);
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_cmpstr (genu_field_errors_lookup (errors, "date"), ==,
                   "The date cannot be in the future. Type a date on or before 2024-03-18.");
  g_assert_cmpstr (genu_field_errors_lookup (errors, "items.S1"), ==,
                   "S1 (Swelling): pick a score from 0 (none) to 4 (extreme), or leave it "
                   "unanswered.");
  g_assert_nonnull (genu_field_errors_lookup (errors, "items.Q1"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* Dates: required, real, not before 1900. Today itself is fine. */
  {
    static const char * const wrong[] = { "", "  ", "2024-02-30", "18.03.2024", "1899-12-31" };

    genu_koos_set_item (copy, 1, 0);
    genu_koos_set_item (copy, 39, 0);
    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        genu_koos_set_date (copy, wrong[i]);
        errors = genu_koos_validate (copy, today);
        g_test_message ("“%s”: %s", wrong[i], genu_field_errors_lookup (errors, "date"));
        g_assert_cmpuint (errors->len, ==, 1);
        g_assert_nonnull (genu_field_errors_lookup (errors, "date"));
        g_clear_pointer (&errors, g_ptr_array_unref);
      }
    genu_koos_set_date (copy, "2024-03-18");
    errors = genu_koos_validate (copy, today);
    g_assert_cmpuint (errors->len, ==, 0);
    g_clear_pointer (&errors, g_ptr_array_unref);
  }

  g_assert_finalize_object (copy);
  g_assert_finalize_object (koos);
}

static void
test_json (void)
{
  g_autoptr(GenuKoos) koos = make_koos ();
  g_autoptr(GenuKoos) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object, *items, *scores;

  genu_koos_set_id (koos, 12);
  genu_koos_set_timestamps (koos, "2024-03-18T09:00:00Z", "2024-03-18T10:00:00Z");
  node = genu_koos_to_json (koos);
  text = json_to_string (node, FALSE);
  g_test_message ("%s", text);

  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (object, "patient_id"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (object, "plan_id"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2024-03-18");
  g_assert_cmpstr (json_object_get_string_member (object, "measure"), ==, "koos");

  /* The answered items by code, the missing ones left out. */
  items = json_object_get_object_member (object, "items");
  g_assert_cmpuint (json_object_get_size (items), ==, GENU_KOOS_N_ITEMS - 4);
  g_assert_cmpint (json_object_get_int_member (items, "S1"), ==, 1);
  g_assert_false (json_object_has_member (items, "S2"));
  g_assert_false (json_object_has_member (items, "SP1"));
  g_assert_cmpint (json_object_get_int_member (items, "SP4"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (items, "Q4"), ==, 2);

  /* One decimal each; null for a subscale with too many missing. */
  scores = json_object_get_object_member (object, "scores");
  g_assert_cmpuint (json_object_get_size (scores), ==, GENU_KOOS_N_SUBSCALES);
  g_assert_cmpfloat (json_object_get_double_member (scores, "symptoms"), ==, 54.2);
  g_assert_true (json_object_get_null_member (scores, "sport"));
  g_assert_false (json_object_get_null_member (scores, "pain"));
  g_assert_false (json_object_get_null_member (scores, "adl"));
  g_assert_false (json_object_get_null_member (scores, "qol"));

  back = genu_koos_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (genu_koos_equal (back, koos));
  g_assert_cmpstr (genu_koos_get_created_at (back), ==, "2024-03-18T09:00:00Z");
  g_assert_cmpstr (genu_koos_get_updated_at (back), ==, "2024-03-18T10:00:00Z");

  /* Wrong JSON is refused, each problem named. */
  {
    static const struct {
      const char *json;
      const char *says;
    } wrong[] = {
      { "[]", "JSON object" },
      { "{\"measure\": \"lefs\", \"date\": \"2024-03-18\"}", "“koos”" },
      { "{\"date\": \"2024-03-18\", \"items\": {\"S8\": 1}}", "“S8” is not a KOOS item" },
      { "{\"date\": \"2024-03-18\", \"items\": {\"S1\": 1.5}}", "Item S1" },
      { "{\"date\": \"2024-03-18\", \"items\": {\"S1\": 7}}", "S1 (Swelling)" },
      { "{\"date\": \"2024-03-18\", \"items\": [1, 2]}", "“items”" },
      { "{\"date\": 20240318}", "“date” must be a text" },
      { "{\"id\": -1, \"date\": \"2024-03-18\"}", "“id”" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr(JsonNode) bad = json_from_string (wrong[i].json, &error);
        g_autoptr(GenuKoos) refused = NULL;

        g_assert_no_error (error);
        refused = genu_koos_new_from_json (bad, &error);
        g_assert_null (refused);
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        g_test_message ("%s → %s", wrong[i].json, error->message);
        g_assert_nonnull (strstr (error->message, wrong[i].says));
        g_clear_error (&error);
      }
  }
}

typedef struct {
  char        *dir;
  char        *path;
  GenuStore   *store;
  GenuPatient *patient;   /* saved */
} Fixture;

static GenuPatient *
save_patient (GenuStore  *store,
              const char *family_name)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = genu_patient_new ();

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family_name);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
  return patient;
}

static GenuPlan *
save_plan (GenuStore *store,
           gint64     patient_id)
{
  g_autoptr(GError) error = NULL;
  GenuPlan *plan = genu_plan_new ();

  genu_plan_set_patient_id (plan, patient_id);
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, "2024-03-18");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine bursitis");
  g_assert_true (genu_store_save_plan (store, plan, &error));
  g_assert_no_error (error);
  return plan;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  fixture->patient = save_patient (fixture->store, "Ångström");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->patient);
  g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
patient_id (Fixture *fixture)
{
  return genu_patient_get_id (fixture->patient);
}

static void
assert_timestamp (const char *text)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (parsed);
  g_assert_true (g_str_has_suffix (text, "Z"));
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPlan) plan = save_plan (fixture->store, patient_id (fixture));
  g_autoptr(GenuKoos) full = genu_koos_new ();
  g_autoptr(GenuKoos) missing = genu_koos_new ();
  g_autoptr(GenuKoos) empty = genu_koos_new ();
  g_autoptr(GenuKoos) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *row = NULL;
  double score;

  genu_koos_set_patient_id (full, patient_id (fixture));
  genu_koos_set_plan_id (full, genu_plan_get_id (plan));
  genu_koos_set_date (full, "2024-03-18");
  for (guint item = 1; item <= GENU_KOOS_N_ITEMS; item++)
    genu_koos_set_item (full, item, item % 5);

  /* Saved first, dated earlier, with items missing in every subscale; the date is trimmed. */
  genu_koos_set_patient_id (missing, patient_id (fixture));
  genu_koos_set_date (missing, " 2024-01-15 ");
  for (guint item = 1; item <= GENU_KOOS_N_ITEMS; item++)
    genu_koos_set_item (missing, item, item % 3 == 0 ? GENU_KOOS_MISSING : 2);

  /* Nothing answered at all: kept, but without a score. */
  genu_koos_set_patient_id (empty, patient_id (fixture));
  genu_koos_set_date (empty, "2024-03-18");

  g_assert_true (genu_store_save_koos (fixture->store, full, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_koos (fixture->store, missing, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_koos (fixture->store, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_koos_get_id (full), ==, 1);
  g_assert_cmpint (genu_koos_get_id (missing), ==, 2);
  g_assert_cmpint (genu_koos_get_id (empty), ==, 3);
  g_assert_cmpstr (genu_koos_get_date (missing), ==, "2024-01-15");
  assert_timestamp (genu_koos_get_created_at (full));
  assert_timestamp (genu_koos_get_updated_at (full));

  stored = genu_store_get_koos (fixture->store, genu_koos_get_id (missing), &error);
  g_assert_no_error (error);
  g_assert_true (genu_koos_equal (stored, missing));
  g_assert_cmpstr (genu_koos_get_created_at (stored), ==, genu_koos_get_created_at (missing));
  g_assert_cmpint (genu_koos_get_item (stored, 3), ==, GENU_KOOS_MISSING);
  g_assert_cmpint (genu_koos_get_item (stored, 4), ==, 2);
  g_assert_cmpint (genu_koos_get_plan_id (stored), ==, 0);
  /* Symptoms S1-S7: S3 and S6 missing, the other five 2 → 50. Pain P1-P9 (items 8-16): 9, 12, 15
   * missing → no score. */
  g_assert_true (genu_koos_get_score (stored, GENU_KOOS_SYMPTOMS, &score));
  g_assert_cmpfloat (score, ==, 50);
  g_assert_false (genu_koos_get_score (stored, GENU_KOOS_PAIN, &score));
  g_clear_object (&stored);

  /* As the file has it: a JSON array of 42, null for an item not answered. */
  row = genu_test_dump_file (fixture->path, "SELECT patient_id, plan_id, date, items FROM koos"
                                            " WHERE id = 2");
  g_assert_cmpstr (row, ==,
                   "i:1|n:|t:2024-01-15|t:[2,2,null,2,2,null,2,2,null,2,2,null,2,2,null,2,2,"
                   "null,2,2,null,2,2,null,2,2,null,2,2,null,2,2,null,2,2,null,2,2,null,2,2,"
                   "null]\n");

  /* Oldest first, then by id. */
  list = genu_store_list_koos (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_true (genu_koos_equal (g_ptr_array_index (list, 0), missing));
  g_assert_true (genu_koos_equal (g_ptr_array_index (list, 1), full));
  g_assert_true (genu_koos_equal (g_ptr_array_index (list, 2), empty));
  for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
    g_assert_false (genu_koos_get_score (g_ptr_array_index (list, 2), s, NULL));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A change keeps the id and the creation time. */
  created_at = g_strdup (genu_koos_get_created_at (full));
  genu_koos_set_item (full, 1, GENU_KOOS_MISSING);
  genu_koos_set_item (full, 42, 4);
  genu_koos_set_plan_id (full, 0);
  g_assert_true (genu_store_save_koos (fixture->store, full, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_koos_get_id (full), ==, 1);
  g_assert_cmpstr (genu_koos_get_created_at (full), ==, created_at);
  stored = genu_store_get_koos (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_true (genu_koos_equal (stored, full));
  g_assert_cmpstr (genu_koos_get_created_at (stored), ==, created_at);
  g_assert_cmpint (genu_koos_get_item (stored, 1), ==, GENU_KOOS_MISSING);
  g_assert_cmpint (genu_koos_get_item (stored, 42), ==, 4);

  /* Another patient's list is empty. */
  {
    g_autoptr(GenuPatient) other = save_patient (fixture->store, "Żółć");

    list = genu_store_list_koos (fixture->store, genu_patient_get_id (other), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

static void
test_store_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatient) other = save_patient (fixture->store, "Żółć");
  g_autoptr(GenuPlan) other_plan = save_plan (fixture->store, genu_patient_get_id (other));
  g_autoptr(GenuKoos) koos = genu_koos_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GenuKoos) none = NULL;

  genu_koos_set_patient_id (koos, patient_id (fixture));
  genu_koos_set_date (koos, "2024-03-18");
  genu_koos_set_item (koos, 5, 3);
  g_assert_true (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_no_error (error);
  before = genu_test_dump_file (fixture->path, "SELECT * FROM koos ORDER BY id");

  /* Each refusal leaves the KOOS as it was and the table as it was. */
  genu_koos_set_item (koos, 5, 9);
  g_assert_false (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "items.S5: "));
  g_clear_error (&error);
  genu_koos_set_item (koos, 5, 3);

  genu_koos_set_date (koos, "2999-01-01");
  g_assert_false (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  genu_koos_set_date (koos, "2024-03-18");

  /* Another patient's plan. */
  genu_koos_set_plan_id (koos, genu_plan_get_id (other_plan));
  g_assert_false (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "plan_id"));
  g_clear_error (&error);

  /* No such plan, patient or KOOS. */
  genu_koos_set_plan_id (koos, 999);
  g_assert_false (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  genu_koos_set_plan_id (koos, 0);

  genu_koos_set_patient_id (koos, 999);
  g_assert_false (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  genu_koos_set_patient_id (koos, patient_id (fixture));

  genu_koos_set_id (koos, 42);
  g_assert_false (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (genu_koos_get_id (koos), ==, 42);

  none = genu_store_get_koos (fixture->store, 42, &error);
  g_assert_null (none);
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = genu_test_dump_file (fixture->path, "SELECT * FROM koos ORDER BY id");
  g_assert_cmpstr (after, ==, before);

  /* The store is not left inside a transaction: the next save works. */
  genu_koos_set_id (koos, 0);
  g_assert_true (genu_store_save_koos (fixture->store, koos, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_koos_get_id (koos), ==, 2);
}

/* What the CHECK of `koos.items` lets through, written straight into the file. */
static void
test_store_items_check (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const refused[] = {
    "'not json'",
    "'{}'",
    "'[1,2]'",
    /* 42 elements, but one of them is out of range, a text, a fraction, negative, true or an
     * array. */
    "json_array(5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0)",
    "json_array(12,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0)",
    "json_array('1',0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0)",
    "json_array(1.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0)",
    "json_array(-1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0)",
    "json_array(json('true'),0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
    "0,0,0,0)",
    "json_array(json('[1]'),0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
    "0,0,0,0)",
  };
  static const char * const accepted[] = {
    "json_array(4,0,null,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,3)",
    "'[ 1, 2, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,"
    " 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4 ]'",
  };
  sqlite3 *db = genu_test_sqlite_open (fixture->path);

  genu_test_sqlite_exec (db, "PRAGMA foreign_keys = ON");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO koos (patient_id, date, items,"
                                              " created_at, updated_at) VALUES (1, '2024-03-18',"
                                              " %s, 'x', 'x')", refused[i]);
      int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

      g_test_message ("%s → %s", refused[i], sqlite3_errmsg (db));
      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO koos (patient_id, date, items,"
                                              " created_at, updated_at) VALUES (1, '2024-03-18',"
                                              " %s, 'x', 'x')", accepted[i]);
      genu_test_sqlite_exec (db, sql);
    }

  /* No such patient or plan; a patient with a KOOS stays. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO koos (patient_id, date, items, created_at,"
                                     " updated_at) SELECT 999, date, items, 'x', 'x' FROM koos"
                                     " LIMIT 1", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE koos SET plan_id = 999", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM patients WHERE id = 1", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Through the store, the spaced row reads back the same as the other. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) list = genu_store_list_koos (fixture->store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpint (genu_koos_get_item (g_ptr_array_index (list, 1), 1), ==, 1);
    g_assert_cmpint (genu_koos_get_item (g_ptr_array_index (list, 1), 3), ==, GENU_KOOS_MISSING);
    g_assert_cmpint (genu_koos_get_item (g_ptr_array_index (list, 1), 42), ==, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/koos/subscales", test_subscales);
  g_test_add_func ("/koos/labels", test_labels);
  for (guint c = 0; c < G_N_ELEMENTS (score_cases); c++)
    {
      g_autofree char *path = g_strdup_printf ("/koos/score/%s", score_cases[c].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (c), test_score);
    }
  g_test_add_func ("/koos/score/examples", test_score_examples);
  g_test_add_func ("/koos/koos", test_koos);
  g_test_add_func ("/koos/json", test_json);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/koos/round-trip", test_store_round_trip);
  ADD ("/store/koos/refused", test_store_refused);
  ADD ("/store/koos/items-check", test_store_items_check);

#undef ADD

  return g_test_run ();
}
