/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "genu-lefs-page.h"
#include "genu-test-utils.h"
#include "genu-test-ui.h"

/* The LEFS as a therapist fills it in: the score follows each answer (scaled with a few items
 * missing, none with more), the saved form reads back, and the change since the previous LEFS
 * is set against the 9 points that matter. */

typedef struct {
  char         *dir;
  GenuStore    *store;
  GenuPatient  *patient;
  GtkWindow    *window;
  GenuLefsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = genu_test_make_dir ();
  path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (path, &error);
  g_assert_no_error (error);

  fixture->patient = genu_patient_new ();
  genu_patient_set_text (fixture->patient, GENU_PATIENT_FAMILY_NAME, "Runner");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_GIVEN_NAMES, "Rita");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_DATE_OF_BIRTH, "1990-03-04");
  g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);

  fixture->page = g_object_new (GENU_TYPE_LEFS_PAGE, "store", fixture->store, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 1000);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  genu_lefs_page_load (fixture->page, fixture->patient, NULL, NULL);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
answer (Fixture *fixture,
        guint    item,
        int      value)
{
  GtkWidget *button = genu_lefs_page_get_answer_button (fixture->page, item, value);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

static void
answer_all (Fixture *fixture,
            int      value)
{
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    answer (fixture, item, value);
}

static const char *
row_title (Fixture    *fixture,
           const char *name)
{
  GtkWidget *row = genu_lefs_page_get_field (fixture->page, name);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
row_subtitle (Fixture    *fixture,
              const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (genu_lefs_page_get_field (fixture->page,
                                                                                name)));
}

static void
type_date (Fixture    *fixture,
           const char *date)
{
  gtk_editable_set_text (GTK_EDITABLE (genu_lefs_page_get_field (fixture->page, "date")), date);
  genu_test_iterate ();
}

static void
test_live_score (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *scaled = NULL;
  g_autofree char *name = NULL;
  GtkWidget *button;
  int sum = 0;

  /* Nothing answered yet. */
  g_assert_cmpstr (row_title (fixture, "score"), ==, "No score");
  g_assert_cmpstr (row_subtitle (fixture, "score"), ==,
                   "20 items missing: no score (answer at least 16)");
  g_assert_false (genu_lefs_page_get_dirty (fixture->page));

  /* Each answer named for screen readers by its item. */
  button = genu_lefs_page_get_answer_button (fixture->page, 6, 3);
  name = g_strdup_printf ("Item 6, %s: 3", genu_lefs_item_label (6));
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_clear_pointer (&name, g_free);
  button = genu_lefs_page_get_answer_button (fixture->page, 6, GENU_LEFS_MISSING);
  name = g_strdup_printf ("Item 6, %s: not answered", genu_lefs_item_label (6));
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, name);

  /* All twenty: the sum. */
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    {
      int value = item % (GENU_LEFS_ITEM_MAX + 1);

      answer (fixture, item, value);
      sum += value;
    }
  g_assert_cmpint (sum, ==, 40);
  g_assert_cmpstr (row_title (fixture, "score"), ==, "Score 40 / 80");
  g_assert_cmpstr (row_subtitle (fixture, "score"), ==, "");
  g_assert_true (genu_lefs_page_get_dirty (fixture->page));

  /* One missing (item 19 had 4): the mean of the other 19, scaled to 80. */
  answer (fixture, 19, GENU_LEFS_MISSING);
  scaled = g_strdup_printf ("Score %g / 80", round (36.0 / 19 * 20 * 10) / 10);
  g_assert_cmpstr (row_title (fixture, "score"), ==, scaled);
  g_assert_cmpstr (row_title (fixture, "score"), ==, "Score 37.9 / 80");
  g_assert_cmpstr (row_subtitle (fixture, "score"), ==, "1 item missing: scaled to 80");

  /* Five missing: no score. */
  for (guint item = 1; item <= 4; item++)
    answer (fixture, item, GENU_LEFS_MISSING);
  g_assert_cmpstr (row_title (fixture, "score"), ==, "No score");
  g_assert_cmpstr (row_subtitle (fixture, "score"), ==,
                   "5 items missing: no score (answer at least 16)");

  /* Four missing again: scored. */
  answer (fixture, 1, 4);
  g_assert_cmpstr (row_subtitle (fixture, "score"), ==, "4 items missing: scaled to 80");
  genu_test_screenshot (fixture->window, "lefs-page-missing.png", FALSE);
}

static void
test_save_and_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *future = NULL;
  GenuOutcome *saved;
  double score;

  /* A first LEFS; no earlier one to compare with. */
  answer_all (fixture, 2);
  answer (fixture, 7, GENU_LEFS_MISSING);
  type_date (fixture, "2026-03-03");
  g_assert_false (gtk_widget_get_visible (genu_lefs_page_get_field (fixture->page, "change")));
  g_assert_true (genu_lefs_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_assert_false (genu_lefs_page_get_dirty (fixture->page));
  g_object_get (fixture->page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "LEFS, 3 Mar 2026");

  outcomes = genu_store_list_outcomes (fixture->store, genu_patient_get_id (fixture->patient),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 1);
  saved = g_ptr_array_index (outcomes, 0);
  g_assert_true (genu_outcome_equal (saved, genu_lefs_page_get_outcome (fixture->page)));
  g_assert_cmpstr (genu_outcome_get_date (saved), ==, "2026-03-03");
  g_assert_cmpint (genu_outcome_get_item (saved, 7), ==, GENU_LEFS_MISSING);
  g_assert_cmpint (genu_outcome_get_item (saved, 8), ==, 2);
  g_assert_true (genu_outcome_get_score (saved, &score));
  g_assert_cmpfloat (score, ==, 40);
  g_clear_pointer (&outcomes, g_ptr_array_unref);

  /* A new one, weeks later: the change since the first. */
  genu_lefs_page_load (fixture->page, fixture->patient, NULL, NULL);
  g_clear_pointer (&title, g_free);
  g_object_get (fixture->page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "New LEFS");
  g_assert_false (gtk_widget_get_visible (genu_lefs_page_get_field (fixture->page, "change")));
  answer_all (fixture, 3);
  g_assert_true (gtk_widget_get_visible (genu_lefs_page_get_field (fixture->page, "change")));
  g_assert_cmpstr (row_title (fixture, "change"), ==, "Change since 3 Mar 2026: +20");
  g_assert_nonnull (strstr (row_subtitle (fixture, "change"), "Clinically important"));
  genu_test_screenshot (fixture->window, "lefs-page.png", FALSE);
  genu_test_screenshot (fixture->window, "lefs-page-dark.png", TRUE);

  for (guint item = 1; item <= 16; item++)
    answer (fixture, item, 2);
  g_assert_cmpstr (row_title (fixture, "change"), ==, "Change since 3 Mar 2026: +4");
  g_assert_nonnull (strstr (row_subtitle (fixture, "change"), "Not clinically important"));

  /* A date before the first: nothing earlier to compare with. */
  type_date (fixture, "2026-01-10");
  g_assert_false (gtk_widget_get_visible (genu_lefs_page_get_field (fixture->page, "change")));

  /* Wrong dates are refused under the date. */
  type_date (fixture, "2026-02-30");
  g_assert_false (genu_lefs_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_lefs_page_get_field_error (fixture->page, "date"));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    future = g_strdup_printf ("%d-01-01", g_date_time_get_year (now) + 1);
  }
  type_date (fixture, future);
  g_assert_nonnull (genu_lefs_page_get_field_error (fixture->page, "date"));
  type_date (fixture, "2026-04-14");
  g_assert_null (genu_lefs_page_get_field_error (fixture->page, "date"));
  outcomes = genu_store_list_outcomes (fixture->store, genu_patient_get_id (fixture->patient),
                                       &error);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_clear_pointer (&outcomes, g_ptr_array_unref);

  g_assert_true (genu_lefs_page_save (fixture->page, &error));
  g_assert_no_error (error);
  outcomes = genu_store_list_outcomes (fixture->store, genu_patient_get_id (fixture->patient),
                                       &error);
  g_assert_cmpuint (outcomes->len, ==, 2);
  g_assert_true (genu_outcome_equal (g_ptr_array_index (outcomes, 1),
                                     genu_lefs_page_get_outcome (fixture->page)));
  g_assert_cmpstr (row_title (fixture, "change"), ==, "Change since 3 Mar 2026: +4");

  /* Reopening the first: nothing before it. */
  genu_lefs_page_load (fixture->page, fixture->patient, NULL, g_ptr_array_index (outcomes, 0));
  g_assert_false (gtk_widget_get_visible (genu_lefs_page_get_field (fixture->page, "change")));
  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    genu_lefs_page_get_answer_button (fixture->page, 7, GENU_LEFS_MISSING))), ==, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/lefs-page/live-score", test_live_score);
  ADD ("/ui/lefs-page/save-and-change", test_save_and_change);

#undef ADD

  return g_test_run ();
}
