/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-findings.h"

static void
count_cb (GenuFindings *findings,
          const char   *id,
          GPtrArray    *changed)
{
  g_ptr_array_add (changed, g_strdup (id));
}

static void
test_set_get_clear (void)
{
  g_autoptr(GenuFindings) findings = genu_findings_new ();
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  double number = -1;

  g_signal_connect (findings, "changed", G_CALLBACK (count_cb), changed);

  g_assert_cmpint (genu_findings_get (findings, "mcmurray", NULL), ==, GENU_FINDING_NOT_TESTED);
  genu_findings_set_bool (findings, "mcmurray", TRUE);
  genu_findings_set_bool (findings, "squat_pain", FALSE);
  genu_findings_set_number (findings, "nprs_now", 7);
  g_assert_cmpint (genu_findings_get (findings, "mcmurray", NULL), ==, GENU_FINDING_PRESENT);
  g_assert_cmpint (genu_findings_get (findings, "squat_pain", NULL), ==, GENU_FINDING_ABSENT);
  g_assert_cmpint (genu_findings_get (findings, "nprs_now", &number), ==, GENU_FINDING_NUMBER);
  g_assert_cmpfloat (number, ==, 7);
  g_assert_cmpuint (genu_findings_get_size (findings), ==, 3);

  /* Setting the same value again is no change. */
  genu_findings_set_bool (findings, "mcmurray", TRUE);
  genu_findings_set_number (findings, "nprs_now", 7);
  g_assert_cmpuint (changed->len, ==, 3);

  genu_findings_set_bool (findings, "valgus_30_laxity", TRUE);
  genu_findings_set_grade (findings, "valgus_30_laxity", 2);
  g_assert_cmpint (genu_findings_get_grade (findings, "valgus_30_laxity"), ==, 2);
  /* A negative test has no grade. */
  genu_findings_set_bool (findings, "valgus_30_laxity", FALSE);
  g_assert_cmpint (genu_findings_get_grade (findings, "valgus_30_laxity"), ==, 0);

  genu_findings_clear (findings, "mcmurray");
  genu_findings_clear (findings, "never_set");
  g_assert_cmpint (genu_findings_get (findings, "mcmurray", NULL), ==, GENU_FINDING_NOT_TESTED);
  g_assert_cmpuint (changed->len, ==, 7);
  g_assert_cmpstr (changed->pdata[6], ==, "mcmurray");
}

static void
test_copy_equal_json (void)
{
  g_autoptr(GenuFindings) findings = genu_findings_new ();
  g_autoptr(GenuFindings) copy = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) grades = NULL;
  g_autofree char *text = NULL;
  g_autofree char *grades_text = NULL;
  g_auto(GStrv) ids = NULL;

  genu_findings_set_bool (findings, "valgus_30_laxity", TRUE);
  genu_findings_set_grade (findings, "valgus_30_laxity", 3);
  genu_findings_set_number (findings, "flexion_deg", -5);
  genu_findings_set_bool (findings, "apley", FALSE);

  copy = genu_findings_copy (findings);
  g_assert_true (genu_findings_equal (findings, copy));
  genu_findings_set_grade (copy, "valgus_30_laxity", 1);
  g_assert_false (genu_findings_equal (findings, copy));
  genu_findings_set_grade (copy, "valgus_30_laxity", 3);
  genu_findings_set_number (copy, "flexion_deg", -4);
  g_assert_false (genu_findings_equal (findings, copy));
  genu_findings_clear (copy, "flexion_deg");
  g_assert_false (genu_findings_equal (findings, copy));

  ids = genu_findings_dup_ids (findings);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "apley");
  g_assert_cmpstr (ids[1], ==, "flexion_deg");
  g_assert_cmpstr (ids[2], ==, "valgus_30_laxity");

  json = genu_findings_to_json (findings);
  text = json_to_string (json, FALSE);
  g_assert_cmpstr (text, ==, "{\"apley\":\"absent\",\"flexion_deg\":-5.0,"
                             "\"valgus_30_laxity\":\"present\"}");
  grades = genu_findings_grades_to_json (findings);
  grades_text = json_to_string (grades, FALSE);
  g_assert_cmpstr (grades_text, ==, "{\"valgus_30_laxity\":3}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/findings/set-get-clear", test_set_get_clear);
  g_test_add_func ("/findings/copy-equal-json", test_copy_equal_json);

  return g_test_run ();
}
