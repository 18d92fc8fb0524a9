/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-koos-page.h"
#include "genu-form.h"
#include "genu-test-utils.h"
#include "genu-test-ui.h"

/* The KOOS as a therapist fills it in: each subscale's score follows each answer (from the mean
 * of the others with one or two items missing, none with more), the answers are named for
 * screen readers, and the saved form reads back from the store as it was. */

typedef struct {
  char         *dir;
  GenuStore    *store;
  GenuPatient  *patient;
  GtkWindow    *window;
  GenuKoosPage *page;
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

  fixture->page = g_object_new (GENU_TYPE_KOOS_PAGE, "store", fixture->store, NULL);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 1000);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  genu_koos_page_load (fixture->page, fixture->patient, NULL, NULL);
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
  GtkWidget *button = genu_koos_page_get_answer_button (fixture->page, item, value);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

/* Answers @subscale's items with @values, one per item, in order. */
static void
answer_subscale (Fixture          *fixture,
                 GenuKoosSubscale  subscale,
                 const int        *values)
{
  guint first, n_items;

  genu_koos_subscale_items (subscale, &first, &n_items);
  for (guint i = 0; i < n_items; i++)
    answer (fixture, first + i, values[i]);
}

static const char *
score_title (Fixture          *fixture,
             GenuKoosSubscale  subscale)
{
  g_autofree char *name = g_strconcat ("score.", genu_koos_subscale_id (subscale), NULL);
  GtkWidget *row = genu_koos_page_get_field (fixture->page, name);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
score_subtitle (Fixture          *fixture,
                GenuKoosSubscale  subscale)
{
  g_autofree char *name = g_strconcat ("score.", genu_koos_subscale_id (subscale), NULL);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (genu_koos_page_get_field (fixture->page,
                                                                                name)));
}

static void
type_date (Fixture    *fixture,
           const char *date)
{
  gtk_editable_set_text (GTK_EDITABLE (genu_koos_page_get_field (fixture->page, "date")), date);
  genu_test_iterate ();
}

static char *
page_title (Fixture *fixture)
{
  char *title = NULL;

  g_object_get (fixture->page, "title", &title, NULL);
  return title;
}

static void
test_live_scores (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *button;

  /* Nothing answered yet: no subscale has a score. */
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms: no score");
  g_assert_cmpstr (score_subtitle (fixture, GENU_KOOS_SYMPTOMS), ==,
                   "7 items missing: no score (answer at least 5 of 7)");
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_ADL), ==,
                   "Function in daily living: no score");
  g_assert_cmpstr (score_subtitle (fixture, GENU_KOOS_QOL), ==,
                   "4 items missing: no score (answer at least 2 of 4)");
  g_assert_false (genu_koos_page_get_dirty (fixture->page));
  g_assert_null (genu_koos_page_get_field (fixture->page, "score.total"));
  g_assert_null (genu_koos_page_get_field (fixture->page, "items.S8"));
  g_assert_nonnull (genu_koos_page_get_field (fixture->page, "items.SP5"));
  g_assert_null (genu_koos_page_get_answer_button (fixture->page, 43, 0));
  g_assert_null (genu_koos_page_get_answer_button (fixture->page, 1, 5));

  /* Each answer named for screen readers by its item's code and label. */
  button = genu_koos_page_get_answer_button (fixture->page, 1, 2);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "S1, Swelling: 2");
  button = genu_koos_page_get_answer_button (fixture->page, 1, GENU_KOOS_MISSING);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "S1, Swelling: not answered");
  button = genu_koos_page_get_answer_button (fixture->page, 34, 4);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "SP1, Squatting: 4");

  /* Symptoms 1 2 0 1 2 1 1: 100 − 8 / 7 × 25 = 71.43, shown whole. */
  answer_subscale (fixture, GENU_KOOS_SYMPTOMS, (const int[]) { 1, 2, 0, 1, 2, 1, 1 });
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms 71 / 100");
  g_assert_cmpstr (score_subtitle (fixture, GENU_KOOS_SYMPTOMS), ==, "");
  g_assert_true (genu_koos_page_get_dirty (fixture->page));
  /* The others are untouched. */
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_PAIN), ==, "Pain: no score");

  /* S2 and S5 not answered: the mean of the other five, 4 / 5 → 80. */
  answer (fixture, 2, GENU_KOOS_MISSING);
  answer (fixture, 5, GENU_KOOS_MISSING);
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms 80 / 100");
  g_assert_cmpstr (score_subtitle (fixture, GENU_KOOS_SYMPTOMS), ==,
                   "2 items missing: scored from the mean of the other 5");

  /* A third missing: no score. */
  answer (fixture, 3, GENU_KOOS_MISSING);
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms: no score");
  g_assert_cmpstr (score_subtitle (fixture, GENU_KOOS_SYMPTOMS), ==,
                   "3 items missing: no score (answer at least 5 of 7)");

  /* Answered again: scored again, 4 / 5 → 80 with S2 and S5 still missing. */
  answer (fixture, 3, 0);
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms 80 / 100");

  /* The extremes: all 0 is 100, all 4 is 0. */
  answer_subscale (fixture, GENU_KOOS_PAIN, (const int[]) { 0, 0, 0, 0, 0, 0, 0, 0, 0 });
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_PAIN), ==, "Pain 100 / 100");
  answer_subscale (fixture, GENU_KOOS_QOL, (const int[]) { 4, 4, 4, 4 });
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_QOL), ==,
                   "Knee-related quality of life 0 / 100");
  /* Sport 2 3 2 – –: the mean of the three answered, 7 / 3 → 41.67, shown as 42. */
  answer_subscale (fixture, GENU_KOOS_SPORT,
                   (const int[]) { 2, 3, 2, GENU_KOOS_MISSING, GENU_KOOS_MISSING });
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SPORT), ==,
                   "Function in sport and recreation 42 / 100");
  g_assert_cmpstr (score_subtitle (fixture, GENU_KOOS_SPORT), ==,
                   "2 items missing: scored from the mean of the other 3");

  genu_test_screenshot (fixture->window, "koos-page-scores.png", FALSE);
  genu_test_screenshot (fixture->window, "koos-page-scores-dark.png", TRUE);
  genu_test_scroll_to (genu_koos_page_get_field (fixture->page, "items.P9"));
  genu_test_screenshot (fixture->window, "koos-page-items.png", FALSE);
  genu_test_screenshot (fixture->window, "koos-page-items-dark.png", TRUE);
}

static void
test_save_and_reload (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *future = NULL;
  GenuKoos *saved;
  double score;

  title = page_title (fixture);
  g_assert_cmpstr (title, ==, "New KOOS");
  g_clear_pointer (&title, g_free);
  g_assert_true (genu_form_is_new (GENU_FORM (fixture->page)));

  /* Every item answered with its number modulo 5, a few left out. */
  for (guint item = 1; item <= GENU_KOOS_N_ITEMS; item++)
    answer (fixture, item, item % 5);
  answer (fixture, 2, GENU_KOOS_MISSING);
  answer (fixture, 40, GENU_KOOS_MISSING);
  answer (fixture, 41, GENU_KOOS_MISSING);
  answer (fixture, 42, GENU_KOOS_MISSING);
  type_date (fixture, "2026-03-03");

  /* Wrong dates are refused under the date, and nothing is written. */
  type_date (fixture, "2026-02-30");
  g_assert_false (genu_koos_page_save (fixture->page, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (genu_koos_page_get_field_error (fixture->page, "date"));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    future = g_strdup_printf ("%d-01-01", g_date_time_get_year (now) + 1);
  }
  type_date (fixture, future);
  g_assert_nonnull (genu_koos_page_get_field_error (fixture->page, "date"));
  type_date (fixture, "2026-03-03");
  g_assert_null (genu_koos_page_get_field_error (fixture->page, "date"));
  list = genu_store_list_koos (fixture->store, genu_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (genu_form_save (GENU_FORM (fixture->page), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (genu_form_get_saved_message (GENU_FORM (fixture->page)), ==, "KOOS saved");
  g_assert_false (genu_koos_page_get_dirty (fixture->page));
  g_assert_false (genu_form_is_new (GENU_FORM (fixture->page)));
  title = page_title (fixture);
  g_assert_cmpstr (title, ==, "KOOS, 3 Mar 2026");
  g_clear_pointer (&title, g_free);

  list = genu_store_list_koos (fixture->store, genu_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  saved = g_ptr_array_index (list, 0);
  g_assert_true (genu_koos_equal (saved, genu_koos_page_get_koos (fixture->page)));
  g_assert_cmpint (genu_koos_get_patient_id (saved), ==, genu_patient_get_id (fixture->patient));
  g_assert_cmpstr (genu_koos_get_date (saved), ==, "2026-03-03");
  g_assert_cmpint (genu_koos_get_item (saved, 2), ==, GENU_KOOS_MISSING);
  g_assert_cmpint (genu_koos_get_item (saved, 7), ==, 2);
  g_assert_cmpint (genu_koos_get_item (saved, 39), ==, 4);
  g_assert_false (genu_koos_get_score (saved, GENU_KOOS_QOL, &score));
  g_assert_true (genu_koos_get_score (saved, GENU_KOOS_SYMPTOMS, &score));

  /* A change, then revert: the saved answers are back. */
  answer (fixture, 7, 0);
  g_assert_true (genu_koos_page_get_dirty (fixture->page));
  genu_form_revert (GENU_FORM (fixture->page));
  g_assert_false (genu_koos_page_get_dirty (fixture->page));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    genu_koos_page_get_answer_button (fixture->page, 7, 2))));

  /* A new one, then the saved one again: its answers and scores as saved. */
  genu_koos_page_load (fixture->page, fixture->patient, NULL, NULL);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    genu_koos_page_get_answer_button (fixture->page, 7, GENU_KOOS_MISSING))));
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms: no score");

  genu_koos_page_load (fixture->page, fixture->patient, NULL, saved);
  g_assert_false (genu_koos_page_get_dirty (fixture->page));
  for (guint item = 1; item <= GENU_KOOS_N_ITEMS; item++)
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
      genu_koos_page_get_answer_button (fixture->page, item, genu_koos_get_item (saved, item)))));
  /* Symptoms 1 – 3 4 0 1 2: 11 / 6 → 54.17 → 54. */
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_SYMPTOMS), ==, "Symptoms 54 / 100");
  g_assert_cmpstr (score_title (fixture, GENU_KOOS_QOL), ==,
                   "Knee-related quality of life: no score");

  /* Changed and saved again: the same row. */
  answer (fixture, 42, 1);
  g_assert_true (genu_koos_page_save (fixture->page, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = genu_store_list_koos (fixture->store, genu_patient_get_id (fixture->patient), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (genu_koos_equal (g_ptr_array_index (list, 0),
                                  genu_koos_page_get_koos (fixture->page)));
  g_assert_cmpint (genu_koos_get_item (g_ptr_array_index (list, 0), 42), ==, 1);
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

  ADD ("/ui/koos-page/live-scores", test_live_scores);
  ADD ("/ui/koos-page/save-and-reload", test_save_and_reload);

#undef ADD

  return g_test_run ();
}
