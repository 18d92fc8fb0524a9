/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast "genu-cli import patients" is (issue 8: 100,000 rows in under 10 s). Writes a CSV of
 * 100,000 patients, imports it into a new database and prints rows/s and seconds. Asserts
 * nothing: timings on a shared machine are noise for a pass/fail test. Run with
 * `meson test -C build --benchmark --verbose import`. */
#include "config.h"

#include <stdio.h>

#include "genu-import.h"
#include "genu-store.h"
#include "genu-test-utils.h"

#define N_ROWS 100000

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *db_path = g_build_filename (dir, "genu.db", NULL);
  g_autoptr(GString) csv = g_string_new ("record_number,family_name,given_names,date_of_birth,"
                                         "sex,phone,email,address,weekly_distance_km,"
                                         "years_running,notes\r\n");
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GenuImportReport) report = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const sexes[] = { "female", "male", "other", "" };
  guint n_rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : N_ROWS;
  gint64 start;
  double check_s, import_s;

  /* Half the rows without a record number: Genu makes one. */
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *record_number = i % 2 ? g_strdup ("") : g_strdup_printf ("B-%u", i);

      g_string_append_printf (csv,
                            "%s,Runner%u,\"Given, %u\",19%02u-%02u-%02u,%s,+49 30 %07u,"
                            "runner%u@example.com,\"Street %u\nTown\",%u.5,%u,\"said \"\"ok\"\"\"\r\n",
                              record_number, i, i, 40 + i % 60, 1 + i % 12, 1 + i % 28,
                              sexes[i % 4], i, i, i, i % 120, i % 20);
    }
  contents = g_string_free_to_bytes (g_steal_pointer (&csv));

  store = genu_store_open (db_path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  report = genu_import_patients_check_bytes (store, contents, &error);
  g_assert_no_error (error);
  check_s = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&report, genu_import_report_free);

  start = g_get_monotonic_time ();
  if (!genu_import_patients_bytes (store, contents, FALSE, &report, &error))
    g_error ("import failed: %s", error->message);
  import_s = (g_get_monotonic_time () - start) / 1e6;

  printf ("import patients: %u rows checked in %.2f s; imported (check + one transaction) in "
          "%.2f s = %.0f rows/s\n", n_rows, check_s, import_s, report->n_imported / import_s);
  g_assert_cmpuint (report->n_imported, ==, n_rows);

  g_clear_object (&store);
  genu_test_remove_tree (dir);
  return 0;
}
