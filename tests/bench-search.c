/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast the patient list searches as the therapist types, at 100,000 patients (issue 8:
 * every keystroke within a frame, 16 ms, and typically 5 ms). On the benchmarks' database of
 * 100,000 sample patients with about 450,000 visits (genu-bench.h: made on the first run), types
 * realistic searches one keystroke at a time into a GenuPatientList, as the window does: for each
 * keystroke the time to count the matches and read the rows the list view asks for. Prints the
 * median and the 99th percentile, with the counts kept between keystrokes (as in the app) and
 * without them, and the time to read a page in the middle of long lists.
 *
 * Asserts nothing about the times: on a shared machine they are figures, not a verdict. Run with
 * `meson test -C build --benchmark --verbose search`. An argument gives another database. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genu-bench.h"
#include "genu-patient-list.h"
#include "genu-store-private.h"
#include "genu-store.h"

/* The rows the window's list reads after a keystroke: GtkListView (GTK 4.8) keeps rows ready
 * around the ones it shows, up to 200, which are 3 pages of GenuPatientList at the top. */
#define SHOWN_ROWS 300
#define ROUNDS 3

/* 100000 as "100,000", as the README writes numbers. */
static char *
thousands (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *text = g_string_new (NULL);
  size_t len = strlen (digits);

  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* The searches: what a therapist types, one keystroke after another. */
static GPtrArray *
make_keystrokes (GenuStore *store)
{
  GPtrArray *keystrokes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 n = genu_store_count_patients (store, TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (n, >, 100);

  /* 50 patients from all over the list; the first ones of 10 kinds of search each. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GPtrArray) page = genu_store_list_patients_page (store, NULL, TRUE,
                                                                 (guint) (n * i / 50 + 7), 1,
                                                                 &error);
      GenuPatient *patient;
      const char *family, *given, *text = NULL;
      g_autofree char *typed = NULL;
      guint max_chars;

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, 1);
      patient = g_ptr_array_index (page, 0);
      family = genu_patient_get_text (patient, GENU_PATIENT_FAMILY_NAME);
      given = genu_patient_get_text (patient, GENU_PATIENT_GIVEN_NAMES);

      switch (i % 10)
        {
        case 0: case 1: case 2: case 3: case 4:
          /* The family name's first letters. */
          text = family;
          max_chars = 6;
          break;
        case 5:
          /* The given name's. */
          text = given;
          max_chars = 5;
          break;
        case 6: case 7:
          /* Both: "müller so". */
          typed = g_strdup_printf ("%s %s", family, given);
          text = typed;
          max_chars = g_utf8_strlen (family, -1) + 3;
          break;
        case 8:
          text = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);
          max_chars = G_MAXUINT;
          break;
        default:
          text = genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH);
          max_chars = G_MAXUINT;
          break;
        }

      for (guint chars = 1; chars <= MIN (max_chars, g_utf8_strlen (text, -1)); chars++)
        g_ptr_array_add (keystrokes, g_utf8_substring (text, 0, chars));
    }
  return keystrokes;
}

/* Types every keystroke into @list; returns the time of each in ms, in order. */
static GArray *
type_all (GenuStore       *store,
          GenuPatientList *list,
          GPtrArray       *keystrokes,
          gboolean         keep_counts)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  /* Each pass starts as the app does after a save: nothing counted yet. */
  _genu_store_forget_counts (store);
  genu_patient_list_set_search (list, "");
  for (guint i = 0; i < keystrokes->len; i++)
    {
      const char *search = g_ptr_array_index (keystrokes, i);
      gint64 start;
      double ms;
      guint n;

      if (!keep_counts)
        _genu_store_forget_counts (store);

      start = g_get_monotonic_time ();
      genu_patient_list_set_search (list, search);
      n = MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), SHOWN_ROWS);
      for (guint position = 0; position < n; position++)
        {
          g_autoptr(GenuPatient) patient = g_list_model_get_item (G_LIST_MODEL (list), position);

          g_assert_nonnull (patient);
        }
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_array_append_val (times, ms);
    }
  return times;
}

/* The time of each keystroke: the median of ROUNDS passes, so that another program's moment on
 * the processor does not count as Genu's. Sorted. */
static GArray *
type_rounds (GenuStore       *store,
             GenuPatientList *list,
             GPtrArray       *keystrokes,
             gboolean         keep_counts)
{
  GArray *passes[ROUNDS];
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < ROUNDS; r++)
    passes[r] = type_all (store, list, keystrokes, keep_counts);

  for (guint i = 0; i < keystrokes->len; i++)
    {
      double samples[ROUNDS];
      double median;

      for (guint r = 0; r < ROUNDS; r++)
        samples[r] = g_array_index (passes[r], double, i);
      qsort (samples, ROUNDS, sizeof (double), (GCompareFunc) genu_bench_compare_doubles);
      median = samples[ROUNDS / 2];
      g_array_append_val (times, median);
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        fprintf (stderr, "%s %7.2f ms  %s\n", keep_counts ? "kept" : "cold", median,
                 (const char *) g_ptr_array_index (keystrokes, i));
    }

  for (guint r = 0; r < ROUNDS; r++)
    g_array_unref (passes[r]);
  g_array_sort (times, genu_bench_compare_doubles);
  return times;
}

/* The time to read the item in the middle of the list for @search, from a new list. */
static double
middle_ms (GenuStore  *store,
           const char *search,
           guint      *n_items)
{
  g_autoptr(GenuPatientList) list = genu_patient_list_new (store);
  g_autoptr(GenuPatient) patient = NULL;
  gint64 start;

  genu_patient_list_set_search (list, search);
  *n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  start = g_get_monotonic_time ();
  patient = g_list_model_get_item (G_LIST_MODEL (list), *n_items / 2);
  g_assert_nonnull (patient);
  return (g_get_monotonic_time () - start) / 1e3;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = argc > 1 ? g_strdup (argv[1]) : genu_bench_100k_database ();
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatientList) list = NULL;
  g_autoptr(GPtrArray) keystrokes = NULL;
  g_autoptr(GArray) warm = NULL;
  g_autoptr(GArray) cold = NULL;
  g_autoptr(GError) error = NULL;
  guint n_middle;
  double ms;
  gint64 n;

  store = genu_store_open (path, &error);
  g_assert_no_error (error);
  n = genu_store_count_patients (store, TRUE, &error);
  g_assert_no_error (error);
  list = genu_patient_list_new (store);
  keystrokes = make_keystrokes (store);

  /* Once through, so that the file is in the page cache as in an app that has run a while. */
  g_array_unref (type_all (store, list, keystrokes, TRUE));

  warm = type_rounds (store, list, keystrokes, TRUE);
  cold = type_rounds (store, list, keystrokes, FALSE);

  {
    g_autofree char *total = thousands (n);

    printf ("| Search as you type, %s patients (median / p99 of %u keystrokes) "
            "| %.1f ms / %.1f ms |\n",
            total, warm->len, genu_bench_percentile (warm, 50),
            genu_bench_percentile (warm, 99));
    printf ("| Search as you type, %s patients, no counts kept between keystrokes (median / p99) "
            "| %.1f ms / %.1f ms |\n", total,
            genu_bench_percentile (cold, 50), genu_bench_percentile (cold, 99));
    printf ("| Slowest keystroke (counts kept / not kept) | %.1f ms / %.1f ms |\n",
            genu_bench_percentile (warm, 100), genu_bench_percentile (cold, 100));
  }

  {
    static const char * const searches[] = { "", "s", "m" };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *found = NULL;

        ms = middle_ms (store, searches[i], &n_middle);
        found = thousands (n_middle);
        if (*searches[i] == '\0')
          printf ("| Scroll to the middle of all %s patients (read one page) | %.1f ms |\n",
                  found, ms);
        else
          printf ("| Scroll to the middle of the %s found by “%s” (read one page) | %.1f ms |\n",
                  found, searches[i], ms);
      }
  }
  return 0;
}
