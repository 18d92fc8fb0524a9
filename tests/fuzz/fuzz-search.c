/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "genu-store.h"

/* What a therapist types into the patient search (issue 8): any text is searched for, never read
 * as FTS5 syntax. The count, a page and a position come back without an error, agree with each
 * other, and leave the archived patient out unless asked for. */

static GenuStore *store;
static char *dir;

static void
remove_database (void)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (dir, "/genu.db", suffixes[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static gint64
add (const char *family,
     const char *given,
     const char *date_of_birth,
     gboolean    archived)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, date_of_birth);
  if (!genu_store_save_patient (store, patient, &error) ||
      (archived && !genu_store_set_patient_archived (store, genu_patient_get_id (patient), TRUE,
                                                     &error)))
    g_error ("%s", error->message);
  return genu_patient_get_id (patient);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fuzz_init ();
  dir = g_dir_make_tmp ("genu-fuzz-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "genu.db", NULL);
  store = genu_store_open (path, &error);
  g_assert_no_error (error);
  atexit (remove_database);

  add ("Schmidt", "Maria", "1990-04-17", FALSE);
  add ("Müller", "Zoë", "1985-04-23", FALSE);
  add ("O'Brien", "Seán", "1970-07-07", FALSE);
  add ("Żółć", "Łukasz", "1960-02-29", FALSE);
  add ("Archer", "Ann", "1975-01-01", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_dup_text (data, size);

  /* Only text can be typed. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  for (int archived = 0; archived <= 1; archived++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) page = NULL;
      gint64 count, position;

      count = genu_store_count_patients_matching (store, text, archived, &error);
      g_assert_no_error (error);
      all = genu_store_list_patients (store, text, archived, &error);
      g_assert_no_error (error);
      g_assert_cmpint (count, ==, all->len);
      page = genu_store_list_patients_page (store, text, archived, 1, 2, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (2, MAX (count - 1, 0)));

      for (guint i = 0; i < all->len; i++)
        {
          GenuPatient *patient = g_ptr_array_index (all, i);

          g_assert_true (archived || !genu_patient_get_archived (patient));
          position = genu_store_find_patient_position (store, text, archived,
                                                       genu_patient_get_id (patient), &error);
          g_assert_no_error (error);
          g_assert_cmpint (position, ==, i);
        }
    }
  return 0;
}
