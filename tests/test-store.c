/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient.h"
#include "genu-store.h"

#include <string.h>

#include "genu-test-utils.h"

/* GenuStore over a real SQLite file in a temporary folder per test: saving and reading back every
 * field, record numbers, refusals that must leave the database as it was, search, archiving, and
 * how the file is opened (folder and file permissions, WAL, files that are not databases). */

typedef struct {
  char      *dir;
  char      *path;
  GenuStore *store;
} Fixture;

/* A full dump of the table, to show that a refused operation wrote nothing. */
#define DUMP_PATIENTS "SELECT * FROM patients ORDER BY id"

static void
dir_set_up (Fixture       *fixture,
            gconstpointer  data)
{
  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
}

static void
store_set_up (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dir_set_up (fixture, data);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static GenuPatient *
new_patient (const char *family_name,
             const char *given_names,
             const char *date_of_birth,
             const char *record_number)
{
  GenuPatient *patient = genu_patient_new ();

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family_name);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given_names);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, date_of_birth);
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, record_number);
  return patient;
}

/* Saves a new patient and gives back its id. */
static gint64
save_new (GenuStore  *store,
          const char *family_name,
          const char *given_names,
          const char *date_of_birth,
          const char *record_number)
{
  GenuPatient *patient = new_patient (family_name, given_names, date_of_birth, record_number);
  g_autoptr(GError) error = NULL;
  gint64 id;

  genu_store_save_patient (store, patient, &error);
  g_assert_no_error (error);
  id = genu_patient_get_id (patient);
  g_assert_cmpint (id, >, 0);
  g_assert_finalize_object (patient);
  return id;
}

static void
assert_timestamp (const char *text)
{
  g_test_message ("Timestamp %s", text);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       text, 0, 0));
}

/* Fetches @id and checks that it holds the same record as @expected. */
static void
assert_stored (GenuStore   *store,
               GenuPatient *expected)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *stored = genu_store_get_patient (store, genu_patient_get_id (expected), &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    g_assert_cmpstr (genu_patient_get_text (stored, i), ==, genu_patient_get_text (expected, i));
  g_assert_cmpint (genu_patient_get_sex (stored), ==, genu_patient_get_sex (expected));
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (stored), ==,
                     genu_patient_get_weekly_distance_km (expected));
  g_assert_cmpint (genu_patient_get_years_running (stored), ==,
                   genu_patient_get_years_running (expected));
  g_assert_cmpint (genu_patient_get_archived (stored), ==, genu_patient_get_archived (expected));
  g_assert_true (genu_patient_equal (stored, expected));
  g_assert_cmpstr (genu_patient_get_created_at (stored), ==,
                   genu_patient_get_created_at (expected));
  g_assert_cmpstr (genu_patient_get_updated_at (stored), ==,
                   genu_patient_get_updated_at (expected));
  g_assert_finalize_object (stored);
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct {
    const char *family, *given, *date_of_birth;
    GenuSex     sex;
    double      km;
    int         years;
    gboolean    archived;
  } cases[] = {
    { "Ångström", "Zoë", "1985-04-23", GENU_SEX_FEMALE, 32.5, 6, FALSE },
    { "Żółć", "Łukasz", "1990-11-02", GENU_SEX_MALE, GENU_PATIENT_UNSET, GENU_PATIENT_UNSET,
      FALSE },
    { "李", "小龍", "1940-11-27", GENU_SEX_OTHER, 0, 0, FALSE },
    { "محمد", "علي", "1978-04-05", GENU_SEX_UNKNOWN, 400, 30, TRUE },
    { "O'Brien", "Seán \"Shay\"", "1900-01-01", GENU_SEX_MALE, 0.1, GENU_PATIENT_UNSET, TRUE },
  };
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GenuPatient *patient = new_patient (cases[i].family, cases[i].given,
                                          cases[i].date_of_birth, "");
      g_autoptr(GError) error = NULL;
      g_autofree char *expected_number = g_strdup_printf ("G-%06u", i + 1);

      /* Every text field gets a value of its own, non-Latin included. */
      for (guint f = 0; f < GENU_PATIENT_N_TEXTS; f++)
        if (f != GENU_PATIENT_RECORD_NUMBER && f != GENU_PATIENT_FAMILY_NAME &&
            f != GENU_PATIENT_GIVEN_NAMES && f != GENU_PATIENT_DATE_OF_BIRTH &&
            f != GENU_PATIENT_PHONE && f != GENU_PATIENT_EMAIL)
          {
            g_autofree char *text = g_strdup_printf ("%s %s: Zoë Ångström, Łukasz Żółć, 李小龍,"
                                                     " محمد\nline 2 ' \" %% _",
                                                     genu_patient_text_column (f),
                                                     cases[i].family);
            genu_patient_set_text (patient, f, text);
          }
      genu_patient_set_text (patient, GENU_PATIENT_PHONE, "+49 30 1234567");
      genu_patient_set_text (patient, GENU_PATIENT_EMAIL, "zoë@例え.jp");
      genu_patient_set_sex (patient, cases[i].sex);
      genu_patient_set_weekly_distance_km (patient, cases[i].km);
      genu_patient_set_years_running (patient, cases[i].years);
      genu_patient_set_archived (patient, cases[i].archived);

      g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
      g_assert_no_error (error);

      /* The saved patient learns its id, record number and timestamps. */
      g_assert_cmpint (genu_patient_get_id (patient), >, 0);
      g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER), ==,
                       expected_number);
      assert_timestamp (genu_patient_get_created_at (patient));
      g_assert_cmpstr (genu_patient_get_created_at (patient), ==,
                       genu_patient_get_updated_at (patient));

      assert_stored (fixture->store, patient);
      g_ptr_array_add (saved, patient);
    }

  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==,
                   G_N_ELEMENTS (cases));

  /* And all of it is still there after closing and opening the file again. */
  reopen (fixture);
  for (guint i = 0; i < saved->len; i++)
    assert_stored (fixture->store, g_ptr_array_index (saved, i));
}

static void
test_store_edit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = new_patient ("Ångström", "Zoë", "1985-04-23", "");
  GenuPatient *stored;
  g_autofree char *created_at = NULL;

  genu_patient_set_weekly_distance_km (patient, 32.5);
  genu_patient_set_years_running (patient, 6);
  genu_patient_set_text (patient, GENU_PATIENT_NOTES, "first visit");
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  created_at = g_strdup (genu_patient_get_created_at (patient));

  /* Change every field of the stored copy, as the form does. */
  stored = genu_store_get_patient (fixture->store, genu_patient_get_id (patient), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    if (i != GENU_PATIENT_DATE_OF_BIRTH && i != GENU_PATIENT_PHONE && i != GENU_PATIENT_EMAIL &&
        i != GENU_PATIENT_RECORD_NUMBER)
      {
        g_autofree char *text = g_strdup_printf ("محمد %u", i);
        genu_patient_set_text (stored, i, text);
      }
  genu_patient_set_text (stored, GENU_PATIENT_RECORD_NUMBER, "PT-2024/17");
  genu_patient_set_text (stored, GENU_PATIENT_DATE_OF_BIRTH, "1990-01-31");
  genu_patient_set_text (stored, GENU_PATIENT_PHONE, "030 1234567");
  genu_patient_set_text (stored, GENU_PATIENT_EMAIL, "m@example.org");
  genu_patient_set_sex (stored, GENU_SEX_MALE);
  genu_patient_set_weekly_distance_km (stored, GENU_PATIENT_UNSET);
  genu_patient_set_years_running (stored, 0);
  genu_patient_set_archived (stored, TRUE);

  g_assert_true (genu_store_save_patient (fixture->store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (genu_patient_get_id (stored), ==, genu_patient_get_id (patient));
  g_assert_cmpstr (genu_patient_get_created_at (stored), ==, created_at);
  assert_timestamp (genu_patient_get_updated_at (stored));
  assert_stored (fixture->store, stored);

  /* Edited in place: still one patient, created when it was first saved. */
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 1);

  /* Back again: a number can be unset once more. */
  genu_patient_set_weekly_distance_km (stored, 12);
  genu_patient_set_years_running (stored, GENU_PATIENT_UNSET);
  genu_patient_set_archived (stored, FALSE);
  g_assert_true (genu_store_save_patient (fixture->store, stored, &error));
  g_assert_no_error (error);
  assert_stored (fixture->store, stored);

  g_assert_finalize_object (stored);
  g_assert_finalize_object (patient);
}

static void
test_store_edit_unknown (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = new_patient ("Ångström", "Zoë", "1985-04-23", "G-000009");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  save_new (fixture->store, "Smith", "Anna", "1985-04-30", "");
  before = genu_test_dump_file (fixture->path, DUMP_PATIENTS);

  /* A patient that was deleted meanwhile, or an id from nowhere, is not made up anew. */
  genu_patient_set_id (patient, 999);
  g_assert_false (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (genu_patient_get_id (patient), ==, 999);
  g_assert_cmpstr (genu_patient_get_created_at (patient), ==, "");

  after = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
  g_assert_cmpstr (after, ==, before);

  g_assert_finalize_object (patient);
}

static void
test_store_strip (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = new_patient ("  Ångström ", "\tZoë\n", " 1985-04-23 ", " G-7/a ");
  GenuPatient *stored;

  genu_patient_set_text (patient, GENU_PATIENT_EMAIL, " zoe@example.org ");
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, " +49 30 1234567 ");
  genu_patient_set_text (patient, GENU_PATIENT_NOTES, "\n knee \n");
  genu_patient_set_text (patient, GENU_PATIENT_SHOES, "   ");

  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);

  stored = genu_store_get_patient (fixture->store, genu_patient_get_id (patient), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_FAMILY_NAME), ==, "Ångström");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_GIVEN_NAMES), ==, "Zoë");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_DATE_OF_BIRTH), ==, "1985-04-23");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_RECORD_NUMBER), ==, "G-7/a");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_EMAIL), ==, "zoe@example.org");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_PHONE), ==, "+49 30 1234567");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_NOTES), ==, "knee");
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_SHOES), ==, "");

  /* The patient that was saved shows what was saved. */
  g_assert_true (genu_patient_equal (stored, patient));

  g_assert_finalize_object (stored);
  g_assert_finalize_object (patient);
}

static void
test_store_record_number_generated (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *next = genu_store_next_record_number (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "G-000001");

  for (guint i = 1; i <= 12; i++)
    {
      GenuPatient *patient = new_patient ("Smith", "Anna", "1985-04-30", "");
      g_autofree char *expected = g_strdup_printf ("G-%06u", i);
      g_autofree char *predicted = genu_store_next_record_number (fixture->store, &error);
      const char *number;

      g_assert_no_error (error);
      g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
      g_assert_no_error (error);

      number = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);
      g_assert_cmpstr (number, ==, expected);
      g_assert_cmpstr (number, ==, predicted);
      g_assert_true (g_hash_table_add (seen, g_strdup (number)));
      g_assert_finalize_object (patient);
    }
}

static void
test_store_record_number_skips_taken (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  GenuPatient *stored;
  gint64 id;

  /* Typed by hand, the numbers the store would make next: it counts on past them, whatever
   * their case. */
  save_new (fixture->store, "Smith", "Anna", "1985-04-30", "G-000002");
  save_new (fixture->store, "Smith", "Adam", "2001-01-01", "g-000003");

  next = genu_store_next_record_number (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "G-000004");

  id = save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "");
  stored = genu_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_RECORD_NUMBER), ==, "G-000004");
  g_assert_finalize_object (stored);
}

static void
test_store_record_number_editable (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "");
  GenuPatient *patient = genu_store_get_patient (fixture->store, id, &error);
  GenuPatient *stored;

  g_assert_no_error (error);
  g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER), ==, "G-000001");

  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, "PT-2024/17.b");
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  stored = genu_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_RECORD_NUMBER), ==,
                   "PT-2024/17.b");
  g_assert_finalize_object (stored);

  /* Only a change of case is a change too; saving it unchanged is no conflict with itself. */
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, "pt-2024/17.B");
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  g_assert_true (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_no_error (error);
  assert_stored (fixture->store, patient);

  /* A saved patient cannot lose its number. */
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, "");
  g_assert_false (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);

  g_assert_finalize_object (patient);
}

static void
test_store_record_number_duplicate (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const char * const duplicates[] = { "G-7/a", "g-7/A", " G-7/A " };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  GenuPatient *other;
  gint64 other_id;

  save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "G-7/a");
  other_id = save_new (fixture->store, "Żółć", "Łukasz", "1990-11-02", "");
  before = genu_test_dump_file (fixture->path, DUMP_PATIENTS);

  /* A new patient with a number in use, whatever its case. */
  for (guint i = 0; i < G_N_ELEMENTS (duplicates); i++)
    {
      GenuPatient *patient = new_patient ("李", "小龍", "1940-11-27", duplicates[i]);
      g_autofree char *after = NULL;

      g_test_message ("Duplicate “%s”", duplicates[i]);
      g_assert_false (genu_store_save_patient (fixture->store, patient, &error));
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DUPLICATE);
      g_assert_nonnull (strstr (error->message, "already used"));
      g_clear_error (&error);

      /* Neither the patient nor the database changed. */
      g_assert_cmpint (genu_patient_get_id (patient), ==, 0);
      g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER), ==,
                       duplicates[i]);
      g_assert_cmpstr (genu_patient_get_created_at (patient), ==, "");
      after = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
      g_assert_cmpstr (after, ==, before);
      g_assert_finalize_object (patient);
    }

  /* An existing patient taking another's number, with other changes that must not land. */
  other = genu_store_get_patient (fixture->store, other_id, &error);
  g_assert_no_error (error);
  genu_patient_set_text (other, GENU_PATIENT_RECORD_NUMBER, "G-7/A");
  genu_patient_set_text (other, GENU_PATIENT_NOTES, "must not be saved");
  g_assert_false (genu_store_save_patient (fixture->store, other, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DUPLICATE);
  {
    g_autofree char *after = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_finalize_object (other);

  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 2);
}

static void
test_store_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  GenuPatient *patient = new_patient ("", "Zoë", "23.04.1985", "");
  GenuPatient *stored;
  gint64 id;

  genu_patient_set_weekly_distance_km (patient, 500);

  /* Refused before anything is written, with the fields in the message. */
  before = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
  g_assert_false (genu_store_save_patient (fixture->store, patient, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "family_name"));
  g_assert_nonnull (strstr (error->message, "date_of_birth"));
  g_assert_nonnull (strstr (error->message, "weekly_distance_km"));
  g_assert_true (strstr (error->message, "given_names") == NULL);
  g_clear_error (&error);

  g_assert_cmpint (genu_patient_get_id (patient), ==, 0);
  g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER), ==, "");
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 0);
  {
    g_autofree char *after = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_finalize_object (patient);

  /* No record number was used up by the refusal. */
  id = save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "");
  stored = genu_store_get_patient (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_RECORD_NUMBER), ==, "G-000001");

  /* An invalid edit of a saved patient leaves the stored one as it was. */
  g_clear_pointer (&before, g_free);
  before = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
  genu_patient_set_text (stored, GENU_PATIENT_GIVEN_NAMES, " ");
  genu_patient_set_text (stored, GENU_PATIENT_NOTES, "must not be saved");
  g_assert_false (genu_store_save_patient (fixture->store, stored, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "given_names"));
  {
    g_autofree char *after = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_finalize_object (stored);
}

static void
test_store_get_unknown (Fixture       *fixture,
                        gconstpointer  data)
{
  static const gint64 ids[] = { 0, 1, 2, -1, G_MAXINT64 };
  g_autoptr(GError) error = NULL;

  save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GenuPatient *patient;

      if (ids[i] == 1)
        continue;
      g_test_message ("Id %" G_GINT64_FORMAT, ids[i]);
      patient = genu_store_get_patient (fixture->store, ids[i], &error);
      g_assert_true (patient == NULL);
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
      g_assert_cmpint (strlen (error->message), >, 0);
      g_clear_error (&error);
    }
}

/* The record numbers of @patients, in order, joined by spaces. */
static char *
record_numbers (GPtrArray *patients)
{
  GString *numbers = g_string_new (NULL);

  for (guint i = 0; i < patients->len; i++)
    g_string_append_printf (numbers, "%s%s", i > 0 ? " " : "",
                            genu_patient_get_text (g_ptr_array_index (patients, i),
                                                   GENU_PATIENT_RECORD_NUMBER));
  return g_string_free (numbers, FALSE);
}

static char *
list (GenuStore  *store,
      const char *search,
      gboolean    include_archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = genu_store_list_patients (store, search, include_archived,
                                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (patients);
  return record_numbers (patients);
}

static void
test_store_archive (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *stored;
  gint64 zoe, anna;

  zoe = save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "R-1");
  anna = save_new (fixture->store, "Smith", "Anna", "1985-04-30", "R-2");
  save_new (fixture->store, "Baker", "Bob", "1970-01-01", "R-3");
  g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==, 3);
  g_assert_no_error (error);

  g_assert_true (genu_store_set_patient_archived (fixture->store, anna, TRUE, &error));
  g_assert_no_error (error);

  {
    g_autofree char *shown = list (fixture->store, NULL, FALSE);
    g_autofree char *all = list (fixture->store, NULL, TRUE);
    g_autofree char *search = list (fixture->store, "1985", FALSE);
    g_autofree char *search_all = list (fixture->store, "1985", TRUE);

    g_assert_cmpstr (shown, ==, "R-1 R-3");
    g_assert_cmpstr (all, ==, "R-1 R-3 R-2");
    g_assert_cmpstr (search, ==, "R-1");
    g_assert_cmpstr (search_all, ==, "R-1 R-2");
  }
  g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==, 2);
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, &error), ==, 3);
  g_assert_no_error (error);

  /* Archived, not gone: the record is whole and says so. */
  stored = genu_store_get_patient (fixture->store, anna, &error);
  g_assert_no_error (error);
  g_assert_true (genu_patient_get_archived (stored));
  g_assert_cmpstr (genu_patient_get_text (stored, GENU_PATIENT_FAMILY_NAME), ==, "Smith");
  assert_timestamp (genu_patient_get_updated_at (stored));
  g_assert_finalize_object (stored);

  /* Archiving twice is fine; bringing back shows the patient again. */
  g_assert_true (genu_store_set_patient_archived (fixture->store, anna, TRUE, &error));
  g_assert_true (genu_store_set_patient_archived (fixture->store, zoe, TRUE, &error));
  g_assert_true (genu_store_set_patient_archived (fixture->store, anna, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *shown = list (fixture->store, NULL, FALSE);
    g_assert_cmpstr (shown, ==, "R-3 R-2");
  }
  g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==, 2);

  g_assert_false (genu_store_set_patient_archived (fixture->store, 999, TRUE, &error));
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
}

static void
test_store_count (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==, 0);
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, &error), ==, 0);
  g_assert_no_error (error);

  for (int i = 1; i <= 5; i++)
    {
      gint64 id = save_new (fixture->store, "Smith", "Anna", "1985-04-30", "");

      if (i % 2 == 0)
        g_assert_true (genu_store_set_patient_archived (fixture->store, id, TRUE, &error));
      g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, &error), ==, i);
      g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==,
                       i - i / 2);
      g_assert_no_error (error);
    }
}

/* The patients the search tests look through. */
static void
add_search_patients (GenuStore *store)
{
  static const char * const patients[][5] = {
    /* record number, family name, given names, date of birth, notes */
    { "R-100", "Ångström", "Zoë", "1985-04-23", "" },
    { "R-101", "Żółć", "Łukasz", "1990-11-02", "" },
    { "R-102", "李", "小龍", "1940-11-27", "" },
    { "R-103", "محمد", "علي", "1978-04-05", "" },
    { "R-104", "Smith", "Anna Maria", "1985-04-30", "knee" },
    { "R-105", "smith", "Adam", "2001-01-01", "" },
    { "R-106", "O'Brien", "Seán", "1970-07-07", "" },
    { "R-107", "Müller", "Hans \"Hansi\"", "1960-02-29", "" },
    { "R-108", "Archer", "Ann", "1985-04-01", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      GenuPatient *patient = new_patient (patients[i][1], patients[i][2], patients[i][3],
                                          patients[i][0]);
      g_autoptr(GError) error = NULL;

      genu_patient_set_text (patient, GENU_PATIENT_NOTES, patients[i][4]);
      genu_patient_set_archived (patient, g_str_equal (patients[i][1], "Archer"));
      genu_store_save_patient (store, patient, &error);
      g_assert_no_error (error);
      g_assert_finalize_object (patient);
    }
}

static void
test_store_search (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *expected;
  } cases[] = {
    /* Everyone, sorted by family name then given names, case and accents aside. */
    { NULL, "R-100 R-107 R-106 R-105 R-104 R-101 R-103 R-102" },
    { "", "R-100 R-107 R-106 R-105 R-104 R-101 R-103 R-102" },
    { "   ", "R-100 R-107 R-106 R-105 R-104 R-101 R-103 R-102" },
    /* By family name, given names, both, in any order; every word must match. */
    { "smith", "R-105 R-104" },
    { "SMITH anna", "R-104" },
    { "anna smith", "R-104" },
    { "maria", "R-104" },
    { "anna adam", "" },
    /* Each word begins a word of the name: the middle of one does not count. */
    { "smi", "R-105 R-104" },
    { "mit", "" },
    { "mar ann", "R-104" },
    /* Case and accent folding, both ways. */
    { "angstrom", "R-100" },
    { "ANGSTRÖM", "R-100" },
    { "Ångström", "R-100" },
    { "ZOE", "R-100" },
    { "zoë", "R-100" },
    { "muller", "R-107" },
    { "sean", "R-106" },
    { "żółć", "R-101" },
    { "łukasz", "R-101" },
    { "lukasz zolc", "R-101" },
    /* Non-Latin scripts. */
    { "李", "R-102" },
    { "小龍", "R-102" },
    { "محمد", "R-103" },
    { "علي", "R-103" },
    /* By record number and date of birth. */
    { "R-103", "R-103" },
    { "r-103", "R-103" },
    { "R-10", "R-100 R-107 R-106 R-105 R-104 R-101 R-103 R-102" },
    { "1985-04", "R-100 R-104" },
    { "1985-04 smith", "R-104" },
    { "1940", "R-102" },
    { "1960-02-29", "R-107" },
    /* A date is typed from its year on. */
    { "02-29", "" },
    /* Only names, numbers and dates are searched, not notes. */
    { "knee", "" },
    { "nobody", "" },
    /* Characters that mean something to SQL or LIKE are plain characters. */
    { "%", "" },
    { "_", "" },
    { "%mit%", "" },
    { "s_ith", "" },
    /* Punctuation alone finds nobody; within a word it is typed as in the name. */
    { "'", "" },
    { "o'b", "R-106" },
    { "o'brien sean", "R-106" },
    { "\"", "" },
    { "\"hansi\"", "R-107" },
    { "\\", "" },
    { "' OR '1'='1", "" },
    { "'; DROP TABLE patients; --", "" },
    { "\"]", "" },
    { "[\"smith\"]", "R-105 R-104" },
  };

  add_search_patients (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = list (fixture->store, cases[i].search, FALSE);

      g_test_message ("Search “%s”: %s", cases[i].search ? cases[i].search : "(null)", found);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }

  /* Nothing was dropped along the way. */
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, NULL), ==, 9);
}

static void
test_store_search_archived (Fixture       *fixture,
                            gconstpointer  data)
{
  add_search_patients (fixture->store);

  {
    g_autofree char *hidden = list (fixture->store, "archer", FALSE);
    g_autofree char *shown = list (fixture->store, "archer", TRUE);
    g_autofree char *by_date = list (fixture->store, "1985-04", TRUE);

    g_assert_cmpstr (hidden, ==, "");
    g_assert_cmpstr (shown, ==, "R-108");
    g_assert_cmpstr (by_date, ==, "R-100 R-108 R-104");
  }
}

static void
test_store_sort (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *found = NULL;

  /* Saved out of order; same family names are sorted by given names; Ø sorts as O. */
  save_new (fixture->store, "Zimmermann", "Anna", "1985-04-23", "S-1");
  save_new (fixture->store, "baker", "Bob", "1985-04-23", "S-2");
  save_new (fixture->store, "Baker", "alice", "1985-04-23", "S-3");
  save_new (fixture->store, "Öztürk", "Ayşe", "1985-04-23", "S-4");
  save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "S-5");
  save_new (fixture->store, "Baker", "Ann", "1985-04-23", "S-6");
  save_new (fixture->store, "Østergaard", "Nils", "1985-04-23", "S-7");
  save_new (fixture->store, "Adams", "Éric", "1985-04-23", "S-8");
  save_new (fixture->store, "Adams", "Eric", "1985-04-23", "S-9");

  found = list (fixture->store, NULL, FALSE);
  g_assert_cmpstr (found, ==, "S-8 S-9 S-5 S-3 S-6 S-2 S-7 S-4 S-1");
}

static void
test_store_json_columns (Fixture       *fixture,
                         gconstpointer  data)
{
  GenuPatient *patient = genu_patient_new ();
  g_autoptr(JsonNode) node = genu_patient_to_json (patient);
  JsonObject *object = json_node_get_object (node);
  g_autofree char *columns = genu_test_dump_file (fixture->path,
    "SELECT name FROM pragma_table_info('patients') ORDER BY name");
  g_auto(GStrv) names = g_strsplit (columns, "\n", -1);
  guint n = 0;

  /* The JSON of a patient has a member for every column of the table, and nothing else, but the
   * names folded for the search and the list order (schema version 7), which are made from it. */
  for (guint i = 0; names[i] != NULL && *names[i] != '\0'; i++)
    {
      g_assert_true (g_str_has_prefix (names[i], "t:"));
      if (g_str_equal (names[i], "t:family_key") || g_str_equal (names[i], "t:given_key"))
        continue;
      n++;
      g_test_message ("Column %s", names[i] + 2);
      g_assert_true (json_object_has_member (object, names[i] + 2));
    }
  g_assert_cmpint (n, ==, json_object_get_size (object));

  g_assert_finalize_object (patient);
}

static void
test_store_open_new_folder (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_build_filename (fixture->dir, "data", NULL);
  g_autofree char *folder = g_build_filename (parent, "genu", NULL);
  g_autofree char *path = g_build_filename (folder, "genu.db", NULL);
  g_autofree char *mode = NULL;
  g_autofree char *version = NULL;
  GenuStore *store;

  store = genu_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (genu_store_get_path (store), ==, path);

  /* Patients' data is for the owner's eyes only, from the first moment. */
  g_assert_cmpint (genu_test_file_mode (parent), ==, 0700);
  g_assert_cmpint (genu_test_file_mode (folder), ==, 0700);
  g_assert_cmpint (genu_test_file_mode (path), ==, 0600);

  /* The files SQLite keeps next to it are as private. */
  save_new (store, "Ångström", "Zoë", "1985-04-23", "");
  if (genu_test_sidecar_exists (path, "-wal"))
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_assert_cmpint (genu_test_file_mode (wal), ==, 0600);
    }
  if (genu_test_sidecar_exists (path, "-shm"))
    {
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_assert_cmpint (genu_test_file_mode (shm), ==, 0600);
    }

  /* WAL, seen from another connection while the store is open, and the latest schema. */
  mode = genu_test_dump_file (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "t:wal\n");
  version = genu_test_dump_file (path, "PRAGMA user_version");
  {
    g_autofree char *expected = g_strdup_printf ("i:%d\n", GENU_STORE_SCHEMA_VERSION);
    g_assert_cmpstr (version, ==, expected);
  }

  g_assert_finalize_object (store);

  /* Still WAL once closed: it is written in the file. */
  g_clear_pointer (&mode, g_free);
  mode = genu_test_dump_file (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "t:wal\n");
}

static void
test_store_open_tighten (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuStore *store;
  gint64 id;

  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  id = save_new (store, "Ångström", "Zoë", "1985-04-23", "");
  g_assert_finalize_object (store);

  /* Copied, restored from a backup, or made by hand: readable by others. */
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (genu_test_file_mode (fixture->path), ==, 0644);

  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (genu_test_file_mode (fixture->path), ==, 0600);

  /* Nothing else changed. */
  {
    GenuPatient *patient = genu_store_get_patient (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_GIVEN_NAMES), ==, "Zoë");
    g_assert_finalize_object (patient);
  }
  g_assert_finalize_object (store);

  /* The owner's own bits are kept as they were. */
  g_assert_cmpint (g_chmod (fixture->path, 0660), ==, 0);
  store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (genu_test_file_mode (fixture->path), ==, 0600);
  g_assert_finalize_object (store);
}

static void
test_store_open_empty_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuStore *store;
  gsize size = 1;

  /* Genu's own databases appear whole, so an empty file was given by mistake: it is refused
   * and left empty, not filled. */
  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);

  store = genu_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "is empty"));
  g_free (genu_test_file_sha256 (fixture->path, &size));
  g_assert_cmpuint (size, ==, 0);
}

static void
test_store_open_not_a_database (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char * const contents[] = {
    "Not a database.\n",
    "Patients to call back:\n"
    "- Zoë Ångström, +49 30 1234567, after the run on Sunday\n"
    "- Łukasz Żółć, about the new shoes\n"
    "- 李小龍 and محمد: appointments next week\n"
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation "
    "ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in "
    "reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur "
    "sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id "
    "est laborum.\n",
    "SQLite format 2\n and then some words that are not a page of a database at all, no.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sha_before = NULL;
      g_autofree char *sha_after = NULL;
      gsize size_before, size_after;
      GenuStore *store;

      g_test_message ("Contents %u", i);
      g_file_set_contents (fixture->path, contents[i], -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
      sha_before = genu_test_file_sha256 (fixture->path, &size_before);

      store = genu_store_open (fixture->path, &error);
      g_assert_true (store == NULL);
      g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_A_DATABASE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "not a Genu database"));

      /* Left exactly as it was: contents, size, permissions, and no files next to it. */
      sha_after = genu_test_file_sha256 (fixture->path, &size_after);
      g_assert_cmpstr (sha_after, ==, sha_before);
      g_assert_cmpint (size_after, ==, size_before);
      g_assert_cmpint (genu_test_file_mode (fixture->path), ==, 0644);
      g_assert_false (genu_test_sidecar_exists (fixture->path, "-wal"));
      g_assert_false (genu_test_sidecar_exists (fixture->path, "-shm"));
      g_assert_false (genu_test_sidecar_exists (fixture->path, "-journal"));
    }
}

static void
test_store_open_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  GenuStore *second;

  add_search_patients (fixture->store);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  before = genu_test_dump_file (fixture->path, DUMP_PATIENTS);
  schema_before = genu_test_dump_file (fixture->path, "SELECT * FROM sqlite_schema ORDER BY name");

  /* Opening an up-to-date database changes nothing in it. */
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, &error), ==, 9);

  /* Two stores on one file, as with the app and genu-cli at once, see each other's writes. */
  second = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
  save_new (second, "Ångström", "Zoë", "1985-04-23", "R-200");
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, &error), ==, 10);
  g_assert_no_error (error);
  g_assert_finalize_object (second);

  after = genu_test_dump_file (fixture->path, DUMP_PATIENTS " LIMIT 9");
  g_assert_cmpstr (after, ==, before);
  schema_after = genu_test_dump_file (fixture->path, "SELECT * FROM sqlite_schema ORDER BY name");
  g_assert_cmpstr (schema_after, ==, schema_before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, store_set_up, func, fixture_tear_down)
#define ADD_NO_STORE(path, func) \
  g_test_add (path, Fixture, NULL, dir_set_up, func, fixture_tear_down)

  ADD ("/store/patient/round-trip", test_store_round_trip);
  ADD ("/store/patient/edit", test_store_edit);
  ADD ("/store/patient/edit-unknown", test_store_edit_unknown);
  ADD ("/store/patient/strip", test_store_strip);
  ADD ("/store/patient/invalid", test_store_invalid);
  ADD ("/store/patient/get-unknown", test_store_get_unknown);
  ADD ("/store/record-number/generated", test_store_record_number_generated);
  ADD ("/store/record-number/skips-taken", test_store_record_number_skips_taken);
  ADD ("/store/record-number/editable", test_store_record_number_editable);
  ADD ("/store/record-number/duplicate", test_store_record_number_duplicate);
  ADD ("/store/archive", test_store_archive);
  ADD ("/store/count", test_store_count);
  ADD ("/store/search/words", test_store_search);
  ADD ("/store/search/archived", test_store_search_archived);
  ADD ("/store/search/sorted", test_store_sort);
  ADD ("/store/schema/json-columns", test_store_json_columns);
  ADD_NO_STORE ("/store/open/new-folder", test_store_open_new_folder);
  ADD_NO_STORE ("/store/open/tighten-permissions", test_store_open_tighten);
  ADD_NO_STORE ("/store/open/empty-file", test_store_open_empty_file);
  ADD_NO_STORE ("/store/open/not-a-database", test_store_open_not_a_database);
  ADD ("/store/open/reopen", test_store_open_reopen);

#undef ADD
#undef ADD_NO_STORE

  return g_test_run ();
}
