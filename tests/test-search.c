/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient-list.h"
#include "genu-store-private.h"
#include "genu-store.h"

#include <string.h>

#include "genu-test-utils.h"

/* The patient list at clinic scale (issue 8): search as you type over the full-text index,
 * the list order from the name index, pages read on demand, and GenuPatientList, the model the
 * window's list view shows. */

typedef struct {
  char      *dir;
  char      *path;
  GenuStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = genu_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
save_new (GenuStore  *store,
          const char *family_name,
          const char *given_names,
          const char *date_of_birth,
          const char *record_number)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family_name);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given_names);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, date_of_birth);
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, record_number);
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
  return genu_patient_get_id (patient);
}

static GenuPatient *
get_patient (GenuStore *store,
             gint64     id)
{
  g_autoptr(GError) error = NULL;
  GenuPatient *patient = genu_store_get_patient (store, id, &error);

  g_assert_no_error (error);
  return patient;
}

static void
rename_patient (GenuStore  *store,
                gint64      id,
                const char *family_name)
{
  g_autoptr(GenuPatient) patient = get_patient (store, id);
  g_autoptr(GError) error = NULL;

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family_name);
  g_assert_true (genu_store_save_patient (store, patient, &error));
  g_assert_no_error (error);
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

/* What @search lists, as record numbers; the count and every page agree with it. */
static char *
list (GenuStore  *store,
      const char *search,
      gboolean    include_archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = genu_store_list_patients (store, search, include_archived,
                                                            &error);
  gint64 count;

  g_assert_no_error (error);
  g_assert_nonnull (patients);
  count = genu_store_count_patients_matching (store, search, include_archived, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, patients->len);
  return record_numbers (patients);
}

/* Many patients fast: one transaction of plain inserts on the store's own connection (the
 * triggers index them as for any other insert). Family names come from a few, so that they
 * bunch in the list; given names and dates spread. Record numbers are T-00001 onwards. */
static void
add_many (GenuStore *store,
          guint      n)
{
  static const char * const families[] = {
    "Müller", "Schmidt", "Schröder", "Smith", "Nowak", "Nguyễn", "Łukasiewicz", "O'Brien",
    "Zieliński", "Yılmaz", "García", "Andersson",
  };
  static const char * const givens[] = {
    "Anna", "Maria", "Jürgen", "Zoë", "Sean", "Łukasz", "Ingrid", "Mehmet", "Ana Sofía", "Kenji",
    "Ngozi", "Priya", "Björn", "Emily", "Thảo",
  };
  sqlite3_stmt *stmt = NULL;

  genu_test_sqlite_exec (store->db, "BEGIN IMMEDIATE");
  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
    "INSERT INTO patients (record_number, family_name, given_names, date_of_birth, archived,"
    " created_at, updated_at, family_key, given_key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',"
    "         genu_fold (?2), genu_fold (?3))", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *record_number = g_strdup_printf ("T-%05u", i);
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 1940 + (i * 7) % 70,
                                               1 + (i * 5) % 12, 1 + (i * 11) % 28);

      sqlite3_bind_text (stmt, 1, record_number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, families[(i * 7919) % G_N_ELEMENTS (families)], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, givens[i % G_N_ELEMENTS (givens)], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 5, i % 17 == 0);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  genu_test_sqlite_exec (store->db, "COMMIT");
}

typedef struct {
  const char *search;
  const char *expected;   /* record numbers, in list order */
} Case;

static void
check_cases (GenuStore  *store,
             const Case *cases,
             guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *found = list (store, cases[i].search, FALSE);

      g_test_message ("Search “%s”: %s", cases[i].search, found);
      g_assert_cmpstr (found, ==, cases[i].expected);
    }
}

static void
test_search_words (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Case cases[] = {
    /* Every word typed begins a word of the name, in any order. */
    { "mar sch", "A-1" },
    { "sch mar", "A-1" },
    { "m s", "A-3 A-4 A-1" },
    { "maria", "A-3 A-1" },
    { "ma", "A-3 A-2 A-1" },
    { "schm", "A-1" },
    { "sch", "A-4 A-1" },
    { "mar sch x", "" },
    /* The middle or the end of a word is not its beginning. */
    { "midt", "" },
    { "aria", "" },
    /* A name of several words: each is a word of its own. */
    { "ana sof", "A-3" },
    { "sofia", "A-3" },
    { "garcia lopez", "A-3" },
    { "lop", "A-3" },
    /* Hyphens and apostrophes: the parts are words; typed with them, they follow one another. */
    { "meyer", "A-2 A-4" },
    { "schroder", "A-4" },
    { "meyer-schr", "A-4" },
    { "meyer schr", "A-4" },
    { "o'br", "A-5" },
    { "brien", "A-5" },
    { "o br", "A-5" },
    { "obr", "" },
    /* Commas, as the list writes names: "Family, Given". */
    { "schmidt, maria", "A-1" },
  };

  save_new (fixture->store, "Schmidt", "Maria", "1990-04-17", "A-1");
  save_new (fixture->store, "Meyer", "Max", "1975-12-01", "A-2");
  save_new (fixture->store, "García López", "Ana Sofía María", "1982-07-30", "A-3");
  save_new (fixture->store, "Meyer-Schröder", "Lena", "2001-02-03", "A-4");
  save_new (fixture->store, "O'Brien", "Seán", "1969-09-09", "A-5");

  check_cases (fixture->store, cases, G_N_ELEMENTS (cases));
}

static void
test_search_record_number (Fixture       *fixture,
                           gconstpointer  data)
{
  static const Case cases[] = {
    { "G-000123", "G-000123" },
    { "g-000123", "G-000123" },
    { "G-00012", "G-000123 G-000124" },
    { "G-0001", "G-000123 G-000124 G-000150" },
    { "G", "G-000123 G-000124 G-000150" },
    /* With or without the separators. */
    { "g000124", "G-000124" },
    { "PT-17/b", "PT-17/b" },
    { "pt-17", "PT-17/b" },
    { "pt17", "PT-17/b" },
    { "x.1", "x.1" },
    /* A record number begins where it begins. */
    { "000123", "" },
    { "123", "" },
    { "G-0002", "" },
  };

  save_new (fixture->store, "Gerber", "Gina", "1990-01-01", "G-000124");
  save_new (fixture->store, "Alder", "Alma", "1990-01-01", "G-000123");
  save_new (fixture->store, "Huber", "Hans", "1990-01-01", "G-000150");
  save_new (fixture->store, "Pérez", "Pia", "1990-01-01", "PT-17/b");
  save_new (fixture->store, "Xu", "Xia", "1990-01-01", "x.1");

  check_cases (fixture->store, cases, G_N_ELEMENTS (cases));
}

static void
test_search_date_of_birth (Fixture       *fixture,
                           gconstpointer  data)
{
  static const Case cases[] = {
    { "1990-04-17", "D-1" },
    { "1990-04-1", "D-1 D-2" },
    { "1990-04", "D-1 D-2 D-3" },
    { "1990-0", "D-1 D-2 D-3" },
    { "1990", "D-1 D-2 D-3 D-4" },
    { "199", "D-1 D-2 D-3 D-4" },
    { "19", "D-1 D-2 D-3 D-4 D-5" },
    { "2001", "D-6" },
    { "1990-04 huber", "D-3" },
    /* A date is typed from its year on, as YYYY-MM-DD. */
    { "04-17", "" },
    { "17", "" },
    { "1990-05", "" },
  };

  save_new (fixture->store, "Adler", "Ada", "1990-04-17", "D-1");
  save_new (fixture->store, "Brandt", "Bea", "1990-04-11", "D-2");
  save_new (fixture->store, "Huber", "Hans", "1990-04-30", "D-3");
  save_new (fixture->store, "Klein", "Kai", "1990-12-24", "D-4");
  save_new (fixture->store, "Lang", "Lia", "1917-04-17", "D-5");
  save_new (fixture->store, "Maier", "Mo", "2001-04-17", "D-6");

  check_cases (fixture->store, cases, G_N_ELEMENTS (cases));
}

static void
test_search_diacritics (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Case cases[] = {
    { "muller", "U-1" },
    { "MÜLLER", "U-1" },
    { "Müll", "U-1" },
    { "mueller", "" },
    { "zoe", "U-1" },
    { "ZOË", "U-1" },
    { "lukasz", "U-2" },
    { "łukasz", "U-2" },
    { "zolc", "U-2" },
    { "orsted", "U-3" },
    { "Ørsted", "U-3" },
    { "sean", "U-4" },
    { "nguyen thi", "U-5" },
    { "Nguyễn", "U-5" },
    { "angstrom", "U-6" },
    { "李", "U-7" },
    { "小", "U-7" },
    { "محمد", "U-8" },
  };

  save_new (fixture->store, "Müller", "Zoë", "1980-01-01", "U-1");
  save_new (fixture->store, "Żółć", "Łukasz", "1980-01-01", "U-2");
  save_new (fixture->store, "Ørsted", "Nils", "1980-01-01", "U-3");
  save_new (fixture->store, "O'Brien", "Seán", "1980-01-01", "U-4");
  save_new (fixture->store, "Nguyễn", "Thị Lan", "1980-01-01", "U-5");
  save_new (fixture->store, "Ångström", "Åsa", "1980-01-01", "U-6");
  save_new (fixture->store, "李", "小龍", "1980-01-01", "U-7");
  save_new (fixture->store, "محمد", "علي", "1980-01-01", "U-8");

  check_cases (fixture->store, cases, G_N_ELEMENTS (cases));
}

/* What FTS5 would read as its own syntax is only ever text: no error, and no other meaning. */
static void
test_search_syntax (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Case cases[] = {
    { "\"", "" },
    { "\"\"", "" },
    { "\"smith", "S-1 S-2" },
    { "smith\"", "S-1 S-2" },
    { "*", "" },
    { "smith*", "S-1 S-2" },
    { "*smith", "S-1 S-2" },
    { "-", "" },
    { "-smith", "S-1 S-2" },
    { "smith -anna", "S-1" },
    { ":", "" },
    { "family_key:smith", "" },
    { "given_key : anna", "" },
    { "{family_key}: smith", "" },
    { "(", "" },
    { ")", "" },
    { "(smith", "S-1 S-2" },
    { "smith)", "S-1 S-2" },
    { "(smith OR anna)", "" },
    { "smith OR anna", "" },
    { "smith AND", "" },
    { "NOT smith", "" },
    { "smith NOT anna", "" },
    { "NEAR(smith anna)", "" },
    { "^smith", "S-1 S-2" },
    { "+smith", "S-1 S-2" },
    { "smith + anna", "S-1" },
    { "[smith]", "S-1 S-2" },
    { "smith;", "S-1 S-2" },
    { "'; DROP TABLE patients; --", "" },
    { "' OR '1'='1", "" },
    { "%", "" },
    { "_", "" },
    { "\\", "" },
    { "smith\\", "S-1 S-2" },
    { "\t smith \n", "S-1 S-2" },
    /* The archived status is a private-use character in the index: typed, it finds nobody. */
    { "\xee\x80\x80", "" },
    { "smith \xee\x80\x80", "S-1 S-2" },
  };
  g_autoptr(GError) error = NULL;

  save_new (fixture->store, "Smith", "Anna", "1980-01-01", "S-1");
  save_new (fixture->store, "Smith", "Bob", "1981-01-01", "S-2");
  g_assert_true (genu_store_set_patient_archived (fixture->store,
                                                  save_new (fixture->store, "Archer", "Ann",
                                                            "1982-01-01", "S-3"),
                                                  TRUE, &error));
  g_assert_no_error (error);

  check_cases (fixture->store, cases, G_N_ELEMENTS (cases));

  /* With the archived too, pages and positions: still no error. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autofree char *all = list (fixture->store, cases[i].search, TRUE);
      gint64 position;

      page = genu_store_list_patients_page (fixture->store, cases[i].search, TRUE, 1, 1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (page);
      position = genu_store_find_patient_position (fixture->store, cases[i].search, TRUE, 1,
                                                   &error);
      g_assert_no_error (error);
      g_assert_cmpint (position, ==, strstr (all, "S-1") != NULL ? 0 : -1);
      g_assert_null (strstr (all, "S-3"));
    }
}

static void
test_search_order (Fixture       *fixture,
                   gconstpointer  data)
{
  static const Case cases[] = {
    /* Family name, then given names, case and accents aside (Ø as O, Å as A), then id. */
    { "", "O-8 O-9 O-5 O-3 O-6 O-2 O-10 O-7 O-4 O-1" },
    { "baker", "O-3 O-6 O-2 O-10" },
    { "b", "O-3 O-6 O-2 O-10" },
    { "a", "O-8 O-9 O-5 O-3 O-6 O-4 O-1" },
  };

  save_new (fixture->store, "Zimmermann", "Anna", "1985-04-23", "O-1");
  save_new (fixture->store, "baker", "Bob", "1985-04-23", "O-2");
  save_new (fixture->store, "Baker", "alice", "1985-04-23", "O-3");
  save_new (fixture->store, "Öztürk", "Ayşe", "1985-04-23", "O-4");
  save_new (fixture->store, "Ångström", "Zoë", "1985-04-23", "O-5");
  save_new (fixture->store, "Baker", "Ann", "1985-04-23", "O-6");
  save_new (fixture->store, "Østergaard", "Nils", "1985-04-23", "O-7");
  save_new (fixture->store, "Adams", "Éric", "1985-04-23", "O-8");
  save_new (fixture->store, "Adams", "Eric", "1985-04-23", "O-9");
  save_new (fixture->store, "BAKER", "Bob", "1985-04-23", "O-10");

  check_cases (fixture->store, cases, G_N_ELEMENTS (cases));
}

static void
test_search_archived (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 anna;

  anna = save_new (fixture->store, "Smith", "Anna", "1985-04-30", "R-1");
  save_new (fixture->store, "Smith", "Bob", "1985-04-01", "R-2");
  save_new (fixture->store, "Archer", "Ann", "1970-01-01", "R-3");
  g_assert_true (genu_store_set_patient_archived (fixture->store, anna, TRUE, &error));
  g_assert_no_error (error);

  {
    g_autofree char *active = list (fixture->store, NULL, FALSE);
    g_autofree char *all = list (fixture->store, NULL, TRUE);
    g_autofree char *smith = list (fixture->store, "smith", FALSE);
    g_autofree char *smith_all = list (fixture->store, "smith", TRUE);
    g_autofree char *ann = list (fixture->store, "ann", FALSE);
    g_autofree char *ann_all = list (fixture->store, "ann", TRUE);
    g_autofree char *date = list (fixture->store, "1985-04-3", FALSE);
    g_autofree char *date_all = list (fixture->store, "1985-04-3", TRUE);

    g_assert_cmpstr (active, ==, "R-3 R-2");
    g_assert_cmpstr (all, ==, "R-3 R-1 R-2");
    g_assert_cmpstr (smith, ==, "R-2");
    g_assert_cmpstr (smith_all, ==, "R-1 R-2");
    g_assert_cmpstr (ann, ==, "R-3");
    g_assert_cmpstr (ann_all, ==, "R-3 R-1");
    g_assert_cmpstr (date, ==, "");
    g_assert_cmpstr (date_all, ==, "R-1");
  }
  g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==, 2);
  g_assert_cmpint (genu_store_count_patients (fixture->store, TRUE, &error), ==, 3);

  /* Brought back: listed again, by every search. */
  g_assert_true (genu_store_set_patient_archived (fixture->store, anna, FALSE, &error));
  {
    g_autofree char *smith = list (fixture->store, "smith", FALSE);

    g_assert_cmpstr (smith, ==, "R-1 R-2");
  }
  g_assert_cmpint (genu_store_count_patients (fixture->store, FALSE, &error), ==, 3);
  g_assert_no_error (error);
}

/* The full-text index follows every change to the patients, made by Genu or by any other
 * program: the triggers, not Genu's code, keep it in step. */
static void
test_search_index_in_step (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  gint64 id, other;

  id = save_new (fixture->store, "Schmidt", "Maria", "1990-04-17", "I-1");
  other = save_new (fixture->store, "Weber", "Wim", "1960-06-06", "I-2");

  /* Renamed: the old name finds nobody, the new one finds her. */
  rename_patient (fixture->store, id, "Schneider");
  {
    g_autofree char *old_name = list (fixture->store, "schmidt", FALSE);
    g_autofree char *new_name = list (fixture->store, "schneider maria", FALSE);

    g_assert_cmpstr (old_name, ==, "");
    g_assert_cmpstr (new_name, ==, "I-1");
  }

  /* A new record number and date of birth, and a new name, written by another program. */
  {
    sqlite3 *db = genu_test_sqlite_open (fixture->path);

    genu_test_sqlite_exec (db, "UPDATE patients SET record_number = 'K-77',"
                               " date_of_birth = '1991-05-18' WHERE record_number = 'I-1'");
    genu_test_sqlite_exec (db, "UPDATE patients SET given_names = 'Mária Theresia'"
                               " WHERE record_number = 'K-77'");
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  }
  {
    g_autofree char *new_name = list (fixture->store, "theres", FALSE);

    g_assert_cmpstr (new_name, ==, "K-77");
  }
  {
    g_autofree char *old_number = list (fixture->store, "I-1", FALSE);
    g_autofree char *new_number = list (fixture->store, "K-77", FALSE);
    g_autofree char *old_date = list (fixture->store, "1990-04", FALSE);
    g_autofree char *new_date = list (fixture->store, "1991-05-18", FALSE);

    g_assert_cmpstr (old_number, ==, "");
    g_assert_cmpstr (new_number, ==, "K-77");
    g_assert_cmpstr (old_date, ==, "");
    g_assert_cmpstr (new_date, ==, "K-77");
  }

  /* Archived: out of the list, in the list of all. */
  g_assert_true (genu_store_set_patient_archived (fixture->store, id, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *active = list (fixture->store, "schneider", FALSE);
    g_autofree char *all = list (fixture->store, "schneider", TRUE);

    g_assert_cmpstr (active, ==, "");
    g_assert_cmpstr (all, ==, "K-77");
  }

  /* Deleted (a patient without visits; Genu itself archives instead): gone from the index. */
  genu_test_sqlite_exec (fixture->store->db, "DELETE FROM patients WHERE record_number = 'K-77'");
  {
    g_autofree char *all = list (fixture->store, "schneider", TRUE);
    g_autofree char *everyone = list (fixture->store, "", TRUE);

    g_assert_cmpstr (all, ==, "");
    g_assert_cmpstr (everyone, ==, "I-2");
  }

  /* The index holds exactly the patients there are, and is whole. */
  check = genu_test_sqlite_dump (fixture->store->db,
                                 "SELECT count(*) FROM patients_fts WHERE patients_fts MATCH"
                                 " '\"weber\"* OR \"schneider\"* OR \"schmidt\"*'");
  g_assert_cmpstr (check, ==, "i:1\n");
  genu_test_sqlite_exec (fixture->store->db,
                         "INSERT INTO patients_fts (patients_fts) VALUES ('integrity-check')");
  g_assert_cmpint (genu_store_find_patient_position (fixture->store, NULL, TRUE, other, &error),
                   ==, 0);
  g_assert_no_error (error);
}

/* Each row as an older Genu wrote it, in plain SQL, before the upgrade. */
static void
test_search_migration (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  GenuStore *store;
  sqlite3 *db;
  static const Case cases[] = {
    { "", "M-1 M-4 M-3" },
    { "zoe", "M-1" },
    { "angstrom z", "M-1" },
    { "lukasz", "M-3" },
    { "m-4", "M-4" },
    { "1985-04", "M-1" },
    { "pat", "M-4" },
  };

  db = genu_test_sqlite_open (path);
  genu_test_sqlite_exec (db, "PRAGMA journal_mode = WAL");
  g_assert_true (_genu_schema_migrate (db, 0, 6, &error));
  g_assert_no_error (error);
  genu_test_sqlite_exec (db,
    "INSERT INTO patients (id, record_number, family_name, given_names, date_of_birth, archived,"
    "                      created_at, updated_at) VALUES"
    " (1, 'M-1', 'Ångström', 'Zoë', '1985-04-23', 0, '2024-01-01T00:00:00Z', '2024-01-01'),"
    " (2, 'M-2', 'Archer', 'Ann', '1970-01-01', 1, '2024-01-01T00:00:00Z', '2024-01-01'),"
    " (3, 'M-3', 'Żółć', 'Łukasz', '1990-11-02', 0, '2024-01-01T00:00:00Z', '2024-01-01'),"
    " (7, 'M-4', 'Patel', 'Priya', '1961-02-03', 0, '2024-01-01T00:00:00Z', '2024-01-01');");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = genu_store_open (path, &error);
  g_assert_no_error (error);
  check_cases (store, cases, G_N_ELEMENTS (cases));
  {
    g_autofree char *archived = list (store, "archer", TRUE);

    g_assert_cmpstr (archived, ==, "M-2");
  }
  g_assert_finalize_object (store);

  {
    g_autofree char *keys = genu_test_dump_file (path,
      "SELECT family_key, given_key FROM patients ORDER BY id");

    g_assert_cmpstr (keys, ==, "t:angstrom|t:zoe\nt:archer|t:ann\nt:zolc|t:lukasz\n"
                               "t:patel|t:priya\n");
  }
}

/* Each way of reading a page gives the same list: pages of every size at every offset put
 * together are the whole list, as sorting every match gives it, and every patient's position
 * is where the list has them. The limits make a few hundred patients take every way. */
static void
test_search_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const searches[] = {
    "", "a", "s", "sch", "schmidt", "m", "mar", "t", "t-0", "t-001", "19", "łu", "zz",
    "schmidt anna",
  };
  static const guint sort_matches[] = {
    6000,     /* Genu's own */
    30,       /* the name index walked for most searches */
    0,        /* for every search */
  };
  static const guint page_sizes[] = { 13, 100 };

  add_many (fixture->store, 700);

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    for (int archived = 0; archived <= 1; archived++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) expected = NULL;
        g_autofree char *expected_numbers = NULL;

        /* Every match sorted: the plainest way. */
        _genu_store_set_search_limits (fixture->store, G_MAXUINT);
        expected = genu_store_list_patients (fixture->store, searches[s], archived, &error);
        g_assert_no_error (error);
        expected_numbers = record_numbers (expected);
        g_test_message ("Search “%s”%s: %u patients", searches[s],
                        archived ? " with the archived" : "", expected->len);

        for (guint l = 0; l < G_N_ELEMENTS (sort_matches); l++)
          {
            _genu_store_set_search_limits (fixture->store, sort_matches[l]);
            g_assert_cmpint (genu_store_count_patients_matching (fixture->store, searches[s],
                                                                 archived, &error),
                             ==, expected->len);

            for (guint p = 0; p < G_N_ELEMENTS (page_sizes); p++)
              {
                g_autoptr(GPtrArray) whole = g_ptr_array_new_with_free_func (g_object_unref);
                g_autofree char *numbers = NULL;

                for (guint offset = 0; offset <= expected->len; offset += page_sizes[p])
                  {
                    g_autoptr(GPtrArray) page = genu_store_list_patients_page (
                      fixture->store, searches[s], archived, offset, page_sizes[p], &error);

                    g_assert_no_error (error);
                    g_assert_cmpuint (page->len, ==, MIN (page_sizes[p], expected->len - offset));
                    for (guint i = 0; i < page->len; i++)
                      g_ptr_array_add (whole, g_object_ref (g_ptr_array_index (page, i)));
                  }
                numbers = record_numbers (whole);
                g_assert_cmpstr (numbers, ==, expected_numbers);
              }

            /* Pages asked for out of order, as a scroll back up or a jump asks for them. */
            for (guint k = 0; k < 12; k++)
              {
                guint offset = (guint) ((k * 7919 + 13) % (expected->len + 1));
                g_autoptr(GPtrArray) page = genu_store_list_patients_page (
                  fixture->store, searches[s], archived, offset, 9, &error);

                g_assert_no_error (error);
                g_assert_cmpuint (page->len, ==, MIN (9, expected->len - offset));
                for (guint i = 0; i < page->len; i++)
                  g_assert_cmpint (genu_patient_get_id (g_ptr_array_index (page, i)), ==,
                                   genu_patient_get_id (g_ptr_array_index (expected,
                                                                           offset + i)));
              }
          }

        for (guint i = 0; i < expected->len; i += 1 + expected->len / 25)
          {
            gint64 id = genu_patient_get_id (g_ptr_array_index (expected, i));

            g_assert_cmpint (genu_store_find_patient_position (fixture->store, searches[s],
                                                               archived, id, &error), ==, i);
            g_assert_no_error (error);
          }
      }

  /* Every way was taken. */
  for (guint plan = 0; plan < GENU_STORE_N_SEARCH_PLANS; plan++)
    {
      g_test_message ("Plan %u: %u pages", plan, fixture->store->search_plan_uses[plan]);
      g_assert_cmpuint (fixture->store->search_plan_uses[plan], >, 0);
    }
}

/* As typed, each search narrows the one before, whose sorted matches it reuses: the list is the
 * same as for the search typed at once. So it is when a search does not narrow the one before
 * (a word deleted, the archived shown), or only seems to. */
static void
test_search_typing (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const typed[] = {
    "s", "sc", "sch", "schm", "schmidt", "schmidt ", "schmidt a", "schmidt an", "schmidt",
    "sch", "schr", "ö", "ó", "o", "o'", "o'b", "-", "-a", "an", "ann", "anna", "t-0", "t-00",
    "t-001", "t-0012", "t-001", "19", "194", "1940", "1940-0", "1940-01",
  };
  g_autoptr(GError) error = NULL;

  add_many (fixture->store, 700);
  /* Small enough for most of these searches to be sorted. */
  _genu_store_set_search_limits (fixture->store, 400);

  for (int archived = 0; archived <= 1; archived++)
    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        /* Typed on: both archived settings in turn, the counts kept. */
        for (int shown = 0; shown <= 1; shown++)
          {
            g_autoptr(GPtrArray) page = genu_store_list_patients_page (fixture->store, typed[i],
                                                                       shown != archived, 0,
                                                                       G_MAXUINT, &error);
            g_autofree char *as_typed = NULL;
            g_autofree char *at_once = NULL;
            g_autoptr(GenuStore) fresh = genu_store_open (fixture->path, &error);

            g_assert_no_error (error);
            as_typed = record_numbers (page);
            at_once = list (fresh, typed[i], shown != archived);
            g_test_message ("Typed “%s”: %u patients", typed[i], page->len);
            g_assert_cmpstr (as_typed, ==, at_once);
          }
      }

  g_test_message ("%u searches sorted from the one before", fixture->store->search_n_refined);
  g_assert_cmpuint (fixture->store->search_n_refined, >=, 10);
}

/* Counts are kept between keystrokes, and never outlive a change to the patients: one saved
 * here, or one saved by another program. */
static void
test_search_counts_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  add_many (fixture->store, 500);
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "smith", FALSE, &error),
                   ==, 39);
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "", FALSE, &error),
                   ==, 471);

  id = save_new (fixture->store, "Smith", "Zed", "1999-09-09", "");
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "smith", FALSE, &error),
                   ==, 40);
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "", FALSE, &error),
                   ==, 472);
  {
    g_autoptr(GPtrArray) page = genu_store_list_patients_page (fixture->store, "smith zed", FALSE,
                                                               0, 10, &error);

    g_assert_cmpuint (page->len, ==, 1);
  }

  {
    sqlite3 *db = genu_test_sqlite_open (fixture->path);

    genu_test_sqlite_exec (db, "UPDATE patients SET archived = 1 WHERE record_number = 'T-00004'");
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  }
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "", FALSE, &error),
                   ==, 471);

  g_assert_true (genu_store_set_patient_archived (fixture->store, id, TRUE, &error));
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "smith", FALSE, &error),
                   ==, 39);
  g_assert_cmpint (genu_store_count_patients_matching (fixture->store, "smith", TRUE, &error),
                   ==, 42);
  g_assert_no_error (error);
}

/* changes: the signals, then the items removed and added by them. A signal never both removes
 * and adds, so that GTK never looks for a removed row among 100,000 added ones. */
static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  g_assert_cmpuint (position, ==, 0);
  g_assert_true (removed == 0 || added == 0);
  changes[0]++;
  changes[1] += removed;
  changes[2] += added;
}

#define assert_changes(changes, signals, removed, added) G_STMT_START { \
  g_assert_cmpuint ((changes)[0], ==, (signals)); \
  g_assert_cmpuint ((changes)[1], ==, (removed)); \
  g_assert_cmpuint ((changes)[2], ==, (added)); \
  (changes)[0] = (changes)[1] = (changes)[2] = 0; \
} G_STMT_END

/* GenuPatientList counts, and reads only the page of the item asked for. */
static void
test_search_list_lazy (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  GenuPatientList *list;
  GenuPatient *patient;
  guint64 fetched;

  add_many (fixture->store, 5312);
  genu_test_sqlite_exec (fixture->store->db, "UPDATE patients SET archived = 0");
  list = genu_patient_list_new (fixture->store);

  /* 5,312 patients, and not one of them read. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5312);
  g_assert_cmpuint (genu_patient_list_get_n_fetched (list), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == GENU_TYPE_PATIENT);

  /* Far down: one page read, and it holds the right patient. */
  patient = g_list_model_get_item (G_LIST_MODEL (list), 4321);
  g_assert_nonnull (patient);
  fetched = genu_patient_list_get_n_fetched (list);
  g_assert_cmpuint (fetched, >, 0);
  g_assert_cmpuint (fetched, <=, GENU_PATIENT_LIST_PAGE_SIZE);
  expected = genu_store_list_patients_page (fixture->store, NULL, FALSE, 4321, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (genu_patient_get_id (patient), ==,
                   genu_patient_get_id (g_ptr_array_index (expected, 0)));
  g_object_unref (patient);

  /* Its neighbours come from the same page. */
  patient = g_list_model_get_item (G_LIST_MODEL (list), 4322);
  g_object_unref (patient);
  g_assert_cmpuint (genu_patient_list_get_n_fetched (list), ==, fetched);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5312));

  /* Only the pages used last are kept: the first one, read again after many others. */
  for (guint page = 0; page <= GENU_PATIENT_LIST_MAX_PAGES; page++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list),
                                           page * GENU_PATIENT_LIST_PAGE_SIZE));
  fetched = genu_patient_list_get_n_fetched (list);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), GENU_PATIENT_LIST_PAGE_SIZE * 8));
  g_assert_cmpuint (genu_patient_list_get_n_fetched (list), ==, fetched);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_cmpuint (genu_patient_list_get_n_fetched (list), ==,
                    fetched + GENU_PATIENT_LIST_PAGE_SIZE);

  g_assert_finalize_object (list);
}

static void
test_search_list_model (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuPatientList) list = NULL;
  guint changes[3] = { 0, 0, 0 };
  gint64 maria, max, archer;

  maria = save_new (fixture->store, "Schmidt", "Maria", "1990-04-17", "L-1");
  max = save_new (fixture->store, "Meyer", "Max", "1975-12-01", "L-2");
  archer = save_new (fixture->store, "Archer", "Ann", "1970-01-01", "L-3");
  g_assert_true (genu_store_set_patient_archived (fixture->store, archer, TRUE, &error));
  g_assert_no_error (error);

  list = genu_patient_list_new (fixture->store);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (genu_patient_list_find (list, max), ==, 0);
  g_assert_cmpuint (genu_patient_list_find (list, maria), ==, 1);
  g_assert_cmpuint (genu_patient_list_find (list, archer), ==, G_MAXUINT);
  g_assert_cmpuint (genu_patient_list_find (list, 999), ==, G_MAXUINT);

  /* A search replaces every item: 2 out, then 1 in. */
  genu_patient_list_set_search (list, "mar sch");
  assert_changes (changes, 2, 2, 1);
  g_assert_cmpstr (genu_patient_list_get_search (list), ==, "mar sch");
  g_assert_cmpuint (genu_patient_list_find (list, maria), ==, 0);
  g_assert_cmpuint (genu_patient_list_find (list, max), ==, G_MAXUINT);

  /* The same search again changes nothing. */
  genu_patient_list_set_search (list, "mar sch");
  assert_changes (changes, 0, 0, 0);

  /* Nothing found: 1 out, none in; and from nothing to nothing, no signal at all. */
  genu_patient_list_set_search (list, "nobody");
  assert_changes (changes, 1, 1, 0);
  genu_patient_list_set_search (list, "nobody at all");
  assert_changes (changes, 0, 0, 0);

  /* The archived, when asked for. */
  genu_patient_list_update (list, "", TRUE);
  assert_changes (changes, 1, 0, 3);
  g_assert_true (genu_patient_list_get_include_archived (list));
  g_assert_cmpuint (genu_patient_list_find (list, archer), ==, 0);

  /* After a change to the store, a reload shows it. */
  save_new (fixture->store, "Aaron", "Abe", "1950-01-01", "L-4");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  genu_patient_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (genu_patient_list_find (list, archer), ==, 1);
  g_assert_null (genu_patient_list_get_error (list));

  /* No store, no patients. */
  assert_changes (changes, 2, 3, 4);
  genu_patient_list_set_store (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  assert_changes (changes, 1, 4, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/search/words", test_search_words);
  ADD ("/search/record-number", test_search_record_number);
  ADD ("/search/date-of-birth", test_search_date_of_birth);
  ADD ("/search/diacritics", test_search_diacritics);
  ADD ("/search/syntax", test_search_syntax);
  ADD ("/search/order", test_search_order);
  ADD ("/search/archived", test_search_archived);
  ADD ("/search/index-in-step", test_search_index_in_step);
  ADD ("/search/migration", test_search_migration);
  ADD ("/search/pages", test_search_pages);
  ADD ("/search/typing", test_search_typing);
  ADD ("/search/counts-kept", test_search_counts_kept);
  ADD ("/search/list/lazy", test_search_list_lazy);
  ADD ("/search/list/model", test_search_list_model);

#undef ADD

  return g_test_run ();
}
