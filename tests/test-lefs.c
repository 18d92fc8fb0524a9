/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-lefs.h"
#include "genu-validation.h"

#include <gio/gio.h>
#include <string.h>

/* The LEFS: item labels, scoring with and without missing items, the stored outcome with its
 * rules and JSON, and the minimal clinically important differences of the LEFS and the NPRS. */

static void
fill (int items[GENU_LEFS_N_ITEMS],
      int value)
{
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    items[i] = value;
}

static void
test_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_null (genu_lefs_item_label (0));
  g_assert_null (genu_lefs_item_label (21));
  g_assert_cmpstr (genu_lefs_item_label (1), ==, "Usual work or school");
  g_assert_cmpstr (genu_lefs_item_label (6), ==, "Squat");
  g_assert_cmpstr (genu_lefs_item_label (20), ==, "Roll in bed");
  for (guint i = 1; i <= GENU_LEFS_N_ITEMS; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) genu_lefs_item_label (i)));
}

static const struct {
  const char *name;
  int         value;      /* of every answered item */
  guint       missing;    /* items missing, from item 1 on */
  gboolean    scored;
  double      score;
} score_cases[] = {
  { "all-zero", 0, 0, TRUE, 0 },
  { "all-max", 4, 0, TRUE, 80 },
  { "all-three", 3, 0, TRUE, 60 },
  { "one-missing", 3, 1, TRUE, 60.0 },
  { "four-missing", 4, 4, TRUE, 80.0 },
  { "five-missing", 3, 5, FALSE, 0 },
  { "all-missing", 3, 20, FALSE, 0 },
};

static void
test_score (gconstpointer data)
{
  guint c = GPOINTER_TO_UINT (data);
  int items[GENU_LEFS_N_ITEMS];
  double score = -1;

  fill (items, score_cases[c].value);
  for (guint i = 0; i < score_cases[c].missing; i++)
    items[i] = GENU_LEFS_MISSING;

  g_assert_cmpint (genu_lefs_score (items, &score), ==, score_cases[c].scored);
  if (score_cases[c].scored)
    g_assert_cmpfloat (score, ==, score_cases[c].score);
}

static void
test_score_mixed (void)
{
  int items[GENU_LEFS_N_ITEMS];
  double score = -1;

  /* A plain sum when all are answered: 10 × 4 + 10 × 1 = 50. */
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    items[i] = i < 10 ? 4 : 1;
  g_assert_true (genu_lefs_score (items, &score));
  g_assert_cmpfloat (score, ==, 50);

  /* 3 missing: 17 answered summing to 35 → 35 / 17 × 20 = 41.18… → 41.2. */
  fill (items, 2);
  items[0] = items[1] = items[2] = GENU_LEFS_MISSING;
  items[3] = 4;
  items[4] = 3;
  items[5] = 0;
  g_assert_true (genu_lefs_score (items, &score));
  g_assert_cmpfloat (score, ==, 41.2);

  /* An item out of range is no score. */
  fill (items, 2);
  items[7] = 5;
  g_assert_false (genu_lefs_score (items, &score));
  items[7] = -3;
  g_assert_false (genu_lefs_score (items, NULL));
}

static GenuOutcome *
make_outcome (void)
{
  GenuOutcome *outcome = genu_outcome_new ();

  genu_outcome_set_patient_id (outcome, 7);
  genu_outcome_set_plan_id (outcome, 3);
  genu_outcome_set_date (outcome, "2024-03-18");
  for (guint i = 1; i <= GENU_LEFS_N_ITEMS; i++)
    genu_outcome_set_item (outcome, i, 3);
  genu_outcome_set_item (outcome, 16, GENU_LEFS_MISSING);
  return outcome;
}

static void
test_outcome (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (18, G_DATE_MARCH, 2024);
  GenuOutcome *outcome = make_outcome ();
  GenuOutcome *copy;
  g_autoptr(GPtrArray) errors = NULL;
  double score = 0;

  g_assert_cmpstr (genu_outcome_get_measure (outcome), ==, "lefs");
  g_assert_cmpuint (genu_outcome_get_n_missing (outcome), ==, 1);
  g_assert_cmpint (genu_outcome_get_item (outcome, 16), ==, GENU_LEFS_MISSING);
  g_assert_cmpint (genu_outcome_get_item (outcome, 20), ==, 3);
  g_assert_cmpint (genu_outcome_get_items (outcome)[0], ==, 3);
  g_assert_true (genu_outcome_get_score (outcome, &score));
  g_assert_cmpfloat (score, ==, 60.0);

  errors = genu_outcome_validate (outcome, today);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  copy = genu_outcome_copy (outcome);
  g_assert_true (genu_outcome_equal (outcome, copy));
  genu_outcome_set_item (copy, 2, 4);
  g_assert_false (genu_outcome_equal (outcome, copy));

  /* Out-of-range items and a future date are refused, each by name. */
  genu_outcome_set_item (copy, 2, 5);
  genu_outcome_set_item (copy, 19, -2);
  genu_outcome_set_date (copy, "2024-03-19");
  errors = genu_outcome_validate (copy, today);
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_cmpstr (genu_field_errors_lookup (errors, "date"), ==,
                   "The date cannot be in the future. Type a date on or before 2024-03-18.");
  g_assert_cmpstr (genu_field_errors_lookup (errors, "items.2"), ==,
                   "Item 2 (Usual hobbies): pick a score from 0 (extreme difficulty) to 4 "
                   "(no difficulty), or leave it unanswered.");
  g_assert_nonnull (genu_field_errors_lookup (errors, "items.19"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  genu_outcome_set_date (copy, "");
  genu_outcome_set_item (copy, 2, 4);
  genu_outcome_set_item (copy, 19, 4);
  errors = genu_outcome_validate (copy, today);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (genu_field_errors_lookup (errors, "date"));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (outcome);
}

static void
test_outcome_json (void)
{
  GenuOutcome *outcome = make_outcome ();
  GenuOutcome *read;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object, *items;

  genu_outcome_set_id (outcome, 11);
  json = genu_outcome_to_json (outcome);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "measure"), ==, "lefs");
  g_assert_cmpfloat (json_object_get_double_member (object, "score"), ==, 60.0);
  items = json_object_get_object_member (object, "items");
  g_assert_cmpuint (json_object_get_size (items), ==, 19);
  g_assert_cmpint (json_object_get_int_member (items, "1"), ==, 3);
  g_assert_false (json_object_has_member (items, "16"));

  text = json_to_string (json, FALSE);
  reparsed = json_from_string (text, NULL);
  read = genu_outcome_new_from_json (reparsed, &error);
  g_assert_no_error (error);
  g_assert_true (genu_outcome_equal (outcome, read));
  g_assert_finalize_object (read);

  /* No score with 5 missing: null, and still stored. */
  for (guint i = 1; i <= 5; i++)
    genu_outcome_set_item (outcome, i, GENU_LEFS_MISSING);
  g_clear_pointer (&json, json_node_unref);
  json = genu_outcome_to_json (outcome);
  g_assert_true (json_object_get_null_member (json_node_get_object (json), "score"));
  read = genu_outcome_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (read);

  /* Refused: an item 21, a score 7, another measure. */
  g_clear_pointer (&reparsed, json_node_unref);
  reparsed = json_from_string ("{\"date\": \"2024-03-18\", \"measure\": \"koos\","
                               " \"items\": {\"21\": 3, \"2\": 7}}", NULL);
  read = genu_outcome_new_from_json (reparsed, &error);
  g_assert_null (read);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“lefs”"));
  g_assert_nonnull (strstr (error->message, "“21” is not a LEFS item"));
  g_clear_error (&error);

  g_clear_pointer (&reparsed, json_node_unref);
  reparsed = json_from_string ("{\"date\": \"2024-03-18\", \"items\": {\"2\": 7}}", NULL);
  read = genu_outcome_new_from_json (reparsed, &error);
  g_assert_null (read);
  g_assert_nonnull (strstr (error->message, "Item 2 (Usual hobbies)"));

  g_assert_finalize_object (outcome);
}

static void
test_mcid (void)
{
  /* LEFS: 9 points (Binkley et al. 1999), either way. */
  g_assert_false (genu_lefs_change_is_important (40, 48));
  g_assert_true (genu_lefs_change_is_important (40, 49));
  g_assert_true (genu_lefs_change_is_important (49, 40));
  g_assert_false (genu_lefs_change_is_important (40, 48.9));
  g_assert_true (genu_lefs_change_is_important (45.9, 54.9));
  g_assert_cmpint (GENU_LEFS_MCID, ==, 9);
  g_assert_cmpint (GENU_LEFS_MAX, ==, 80);

  /* NPRS: 2 points or 30 % (Farrar et al. 2001). */
  g_assert_true (genu_nprs_change_is_important (8, 6));
  g_assert_false (genu_nprs_change_is_important (8, 7));     /* 1 point, 12.5 % */
  g_assert_true (genu_nprs_change_is_important (3, 2));      /* 1 point, 33 % */
  g_assert_false (genu_nprs_change_is_important (4, 3));     /* 1 point, 25 % */
  g_assert_true (genu_nprs_change_is_important (10, 7));     /* 3 points, 30 % */
  g_assert_true (genu_nprs_change_is_important (2, 4));      /* worse by 2 */
  g_assert_false (genu_nprs_change_is_important (5, 5));
  g_assert_false (genu_nprs_change_is_important (0, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lefs/labels", test_labels);
  for (guint i = 0; i < G_N_ELEMENTS (score_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lefs/score/%s", score_cases[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_score);
    }
  g_test_add_func ("/lefs/score/mixed", test_score_mixed);
  g_test_add_func ("/lefs/outcome", test_outcome);
  g_test_add_func ("/lefs/outcome-json", test_outcome_json);
  g_test_add_func ("/lefs/mcid", test_mcid);

  return g_test_run ();
}
