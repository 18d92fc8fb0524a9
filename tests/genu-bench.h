/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the clinic-scale benchmarks share (issue 8): their statistics, and the database of
 * 100,000 synthetic patients with about 450,000 visits, from genu_demo_fill() with seed 1. Making
 * it takes minutes, so it is made once into the build folder and reused by every benchmark and
 * every later run. */

#include <glib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "genu-demo.h"
#include "genu-store.h"

#define GENU_BENCH_N_PATIENTS 100000

static inline int
genu_bench_compare_doubles (gconstpointer a,
                            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The value below which @percent % of @values lie (nearest rank); sorts @values. */
static inline double
genu_bench_percentile (GArray *values,
                       double  percent)
{
  guint rank;

  g_array_sort (values, genu_bench_compare_doubles);
  rank = (guint) MAX (1, (int) (percent / 100.0 * values->len + 0.999999));
  return g_array_index (values, double, MIN (rank, values->len) - 1);
}

static inline double
genu_bench_median (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, genu_bench_compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static inline void
genu_bench_db_progress (guint     done,
                        guint     total,
                        gpointer  user_data)
{
  fprintf (stderr, "\rmaking %s: %u of %u patients", (const char *) user_data, done, total);
  if (done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

/* The path of $G_TEST_BUILDDIR/bench-100k.db (the current folder without G_TEST_BUILDDIR),
 * made first when it does not exist yet. It is written under a name of its own and renamed when
 * complete, so an interrupted run leaves no half-filled database to be reused, and two benchmarks
 * making it at the same time do not write into the same file. Aborts when it cannot be made.
 * Free the path with g_free(). */
static inline char *
genu_bench_100k_database (void)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  char *path = g_build_filename (dir != NULL ? dir : ".", "bench-100k.db", NULL);
  g_autofree char *part = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GenuDemoCounts counts = { 0 };
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  part = g_strdup_printf ("%s.%d.part", path, (int) getpid ());
  start = g_get_monotonic_time ();
  store = genu_store_open (part, &error);
  if (store == NULL ||
      !genu_demo_fill (store, GENU_BENCH_N_PATIENTS, 1, NULL, genu_bench_db_progress, path,
                       &counts, &error))
    g_error ("Cannot make %s: %s", part, error->message);
  /* Closing the last connection folds the write-ahead log into the file: one file to rename. */
  g_clear_object (&store);
  if (g_rename (part, path) != 0)
    g_error ("Cannot rename %s: %s", part, g_strerror (errno));

  fprintf (stderr, "made %s in %.0f s: %u patients, %u visits, %u plans, %u sessions\n", path,
           (g_get_monotonic_time () - start) / 1e6, counts.n_patients, counts.n_visits,
           counts.n_plans, counts.n_sessions);
  return path;
}
