/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient.h"
#include "genu-enums.h"
#include "genu-validation.h"

#include <string.h>

/* GenuPatient on its own: properties, change notification, the derived values (display name,
 * age), copies, JSON and the spelling of the sex. No files are touched. */

typedef struct {
  GenuPatient *patient;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->patient = genu_patient_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->patient);
}

/* The property of a text field: its column name with dashes. */
static char *
text_property_name (GenuPatientText field)
{
  return g_strdelimit (g_strdup (genu_patient_text_column (field)), "_", '-');
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  genu_parse_date (text, date, &error);
  g_assert_no_error (error);
}

/* A patient with every field set to something other than its default. */
static void
fill_patient (GenuPatient *patient)
{
  static const char * const texts[GENU_PATIENT_N_TEXTS] = {
    [GENU_PATIENT_RECORD_NUMBER] = "G-000042",
    [GENU_PATIENT_FAMILY_NAME] = "Ångström",
    [GENU_PATIENT_GIVEN_NAMES] = "Zoë",
    [GENU_PATIENT_DATE_OF_BIRTH] = "1985-04-23",
    [GENU_PATIENT_PHONE] = "+49 30 1234567",
    [GENU_PATIENT_EMAIL] = "zoe@example.org",
    [GENU_PATIENT_ADDRESS] = "Hauptstraße 1\n10115 Berlin",
    [GENU_PATIENT_REFERRING_PHYSICIAN] = "Dr. Łukasz Żółć",
    [GENU_PATIENT_NOTES] = "Pain on the outside of the knee after 8 km.",
    [GENU_PATIENT_GOAL_EVENT] = "Berlin Marathon",
    [GENU_PATIENT_USUAL_SURFACE] = "asphalt",
    [GENU_PATIENT_SHOES] = "neutral, 600 km",
    [GENU_PATIENT_TRAINING_CHANGES] = "from 30 to 50 km a week in March",
  };

  genu_patient_set_id (patient, 42);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    genu_patient_set_text (patient, i, texts[i]);
  genu_patient_set_sex (patient, GENU_SEX_FEMALE);
  genu_patient_set_weekly_distance_km (patient, 32.5);
  genu_patient_set_years_running (patient, 6);
  genu_patient_set_archived (patient, TRUE);
  genu_patient_set_timestamps (patient, "2024-01-02T03:04:05Z", "2024-05-06T07:08:09Z");
}

static void
test_patient_defaults (Fixture       *fixture,
                       gconstpointer  data)
{
  GenuPatient *patient = fixture->patient;

  g_assert_cmpint (genu_patient_get_id (patient), ==, 0);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    g_assert_cmpstr (genu_patient_get_text (patient, i), ==, "");
  g_assert_cmpint (genu_patient_get_sex (patient), ==, GENU_SEX_UNKNOWN);
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (patient), ==, GENU_PATIENT_UNSET);
  g_assert_cmpint (genu_patient_get_years_running (patient), ==, GENU_PATIENT_UNSET);
  g_assert_false (genu_patient_get_archived (patient));
  g_assert_cmpstr (genu_patient_get_created_at (patient), ==, "");
  g_assert_cmpstr (genu_patient_get_updated_at (patient), ==, "");
  g_assert_cmpint (genu_patient_get_age (patient, NULL), ==, GENU_PATIENT_UNSET);
}

static void
test_patient_text_columns (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (genu_patient_text_column (GENU_PATIENT_FAMILY_NAME), ==, "family_name");
  g_assert_cmpstr (genu_patient_text_column (GENU_PATIENT_DATE_OF_BIRTH), ==, "date_of_birth");

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      const char *column = genu_patient_text_column (i);

      g_assert_nonnull (column);
      g_assert_true (g_regex_match_simple ("^[a-z]+(_[a-z]+)*$", column, 0, 0));
      g_assert_true (g_hash_table_add (seen, (gpointer) column));
    }
}

static void
test_patient_properties_texts (Fixture       *fixture,
                               gconstpointer  data)
{
  GenuPatient *patient = fixture->patient;

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      g_autofree char *name = text_property_name (i);
      g_autofree char *value = g_strdup_printf ("Zoë %u 李小龍 محمد", i);
      g_autofree char *read = NULL;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (patient), name);

      g_test_message ("Property %s", name);
      g_assert_nonnull (pspec);
      g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

      g_object_set (patient, name, value, NULL);
      g_assert_cmpstr (genu_patient_get_text (patient, i), ==, value);
      g_object_get (patient, name, &read, NULL);
      g_assert_cmpstr (read, ==, value);

      /* NULL stands for an empty field: getters never return NULL. */
      g_object_set (patient, name, NULL, NULL);
      g_assert_cmpstr (genu_patient_get_text (patient, i), ==, "");
    }

  g_object_set (patient, "family-name", "Ångström", "given-names", "Zoë", NULL);
  g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_FAMILY_NAME), ==, "Ångström");
  g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_GIVEN_NAMES), ==, "Zoë");
}

static void
test_patient_properties_values (Fixture       *fixture,
                                gconstpointer  data)
{
  GenuPatient *patient = fixture->patient;
  g_autofree char *display_name = NULL;
  gint64 id = 0;
  GenuSex sex = GENU_SEX_UNKNOWN;
  double km = 0;
  int years = 0;
  gboolean archived = FALSE;

  g_object_set (patient,
                "id", (gint64) 17,
                "sex", GENU_SEX_OTHER,
                "weekly-distance-km", 12.5,
                "years-running", 3,
                "archived", TRUE,
                "family-name", "Żółć",
                "given-names", "Łukasz",
                NULL);

  g_assert_cmpint (genu_patient_get_id (patient), ==, 17);
  g_assert_cmpint (genu_patient_get_sex (patient), ==, GENU_SEX_OTHER);
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (patient), ==, 12.5);
  g_assert_cmpint (genu_patient_get_years_running (patient), ==, 3);
  g_assert_true (genu_patient_get_archived (patient));

  g_object_get (patient,
                "id", &id,
                "sex", &sex,
                "weekly-distance-km", &km,
                "years-running", &years,
                "archived", &archived,
                "display-name", &display_name,
                NULL);
  g_assert_cmpint (id, ==, 17);
  g_assert_cmpint (sex, ==, GENU_SEX_OTHER);
  g_assert_cmpfloat (km, ==, 12.5);
  g_assert_cmpint (years, ==, 3);
  g_assert_true (archived);
  g_assert_cmpstr (display_name, ==, "Żółć, Łukasz");

  /* Unset numbers go through properties too. */
  g_object_set (patient,
                "weekly-distance-km", (double) GENU_PATIENT_UNSET,
                "years-running", GENU_PATIENT_UNSET,
                NULL);
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (patient), ==, GENU_PATIENT_UNSET);
  g_assert_cmpint (genu_patient_get_years_running (patient), ==, GENU_PATIENT_UNSET);

  /* Any true value is TRUE. */
  genu_patient_set_archived (patient, FALSE);
  genu_patient_set_archived (patient, 2);
  g_assert_true (genu_patient_get_archived (patient) == TRUE);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_patient_notify_texts (Fixture       *fixture,
                           gconstpointer  data)
{
  GenuPatient *patient = fixture->patient;
  guint family = 0, display = 0, phone = 0;

  g_signal_connect (patient, "notify::family-name", G_CALLBACK (count_notify_cb), &family);
  g_signal_connect (patient, "notify::display-name", G_CALLBACK (count_notify_cb), &display);
  g_signal_connect (patient, "notify::phone", G_CALLBACK (count_notify_cb), &phone);

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Ångström");
  g_assert_cmpint (family, ==, 1);
  g_assert_cmpint (display, ==, 1);

  /* The same value again is no change, by either way of setting it. */
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Ångström");
  g_object_set (patient, "family-name", "Ångström", NULL);
  g_assert_cmpint (family, ==, 1);
  g_assert_cmpint (display, ==, 1);

  g_object_set (patient, "family-name", "Angström", NULL);
  g_assert_cmpint (family, ==, 2);
  g_assert_cmpint (display, ==, 2);

  /* NULL and "" are the same empty field. */
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, NULL);
  g_assert_cmpint (family, ==, 3);
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "");
  g_assert_cmpint (family, ==, 3);

  /* The given names change the display name, not the family name. */
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  g_assert_cmpint (family, ==, 3);
  g_assert_cmpint (display, ==, 4);

  /* Another field notifies only itself. */
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "+49 30 1234567");
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "+49 30 1234567");
  g_assert_cmpint (phone, ==, 1);
  g_assert_cmpint (family, ==, 3);
  g_assert_cmpint (display, ==, 4);

  /* A copy does not notify the original. */
  g_assert_finalize_object (genu_patient_copy (patient));
  g_assert_cmpint (family + display + phone, ==, 3 + 4 + 1);
}

static void
set_id (GenuPatient *patient)
{
  genu_patient_set_id (patient, 5);
}

static void
set_sex (GenuPatient *patient)
{
  genu_patient_set_sex (patient, GENU_SEX_MALE);
}

static void
set_weekly_distance (GenuPatient *patient)
{
  genu_patient_set_weekly_distance_km (patient, 0);
}

static void
set_years_running (GenuPatient *patient)
{
  genu_patient_set_years_running (patient, 0);
}

static void
set_archived (GenuPatient *patient)
{
  genu_patient_set_archived (patient, TRUE);
}

static void
test_patient_notify_values (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct {
    const char *property;
    void      (*set) (GenuPatient *patient);
  } cases[] = {
    { "id", set_id },
    { "sex", set_sex },
    { "weekly-distance-km", set_weekly_distance },
    { "years-running", set_years_running },
    { "archived", set_archived },
  };
  GenuPatient *patient = fixture->patient;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *property = cases[i].property;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (patient), property);
      g_autofree char *signal = g_strconcat ("notify::", property, NULL);
      g_auto(GValue) value = G_VALUE_INIT;
      guint count = 0;
      gulong handler;

      g_test_message ("Property %s", property);
      g_assert_nonnull (pspec);
      handler = g_signal_connect (patient, signal, G_CALLBACK (count_notify_cb), &count);

      /* A new value notifies once; the same value again does not. */
      cases[i].set (patient);
      cases[i].set (patient);
      g_assert_cmpint (count, ==, 1);

      /* Back to the default through the property, twice: once more. */
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_param_value_set_default (pspec, &value);
      g_object_set_property (G_OBJECT (patient), property, &value);
      g_object_set_property (G_OBJECT (patient), property, &value);
      g_assert_cmpint (count, ==, 2);

      g_signal_handler_disconnect (patient, handler);
    }
}

static void
test_patient_display_name (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *family;
    const char *given;
    const char *expected;
  } cases[] = {
    { "Ångström", "Zoë", "Ångström, Zoë" },
    { "李", "小龍", "李, 小龍" },
    { "Ångström", "", "Ångström" },
    { "", "Zoë", "Zoë" },
    { "", "", "New Patient" },
  };
  GenuPatient *patient = fixture->patient;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *property = NULL;

      genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, cases[i].family);
      genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, cases[i].given);

      name = genu_patient_dup_display_name (patient);
      g_object_get (patient, "display-name", &property, NULL);
      g_assert_cmpstr (name, ==, cases[i].expected);
      g_assert_cmpstr (property, ==, cases[i].expected);
    }
}

static void
test_patient_age (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *date_of_birth;
    const char *today;
    int         age;
  } cases[] = {
    { "1985-04-23", "2025-04-23", 40 },  /* birthday today */
    { "1985-04-23", "2025-04-22", 39 },  /* birthday tomorrow */
    { "1985-04-23", "2025-04-24", 40 },
    { "1985-04-23", "2025-03-30", 39 },  /* a later month */
    { "1985-04-23", "2025-05-01", 40 },  /* an earlier month */
    { "1985-04-23", "2025-12-31", 40 },
    { "1985-04-23", "2026-01-01", 40 },
    { "2000-02-29", "2023-02-28", 22 },  /* born on a leap day */
    { "2000-02-29", "2023-03-01", 23 },
    { "2000-02-29", "2024-02-29", 24 },
    { "2025-06-15", "2025-06-15", 0 },   /* born today */
    { "2025-06-16", "2025-06-15", 0 },   /* in the future: never a negative age */
    { "", "2025-06-15", GENU_PATIENT_UNSET },
    { "1985-4-23", "2025-06-15", GENU_PATIENT_UNSET },
    { "2023-02-29", "2025-06-15", GENU_PATIENT_UNSET },
  };
  GenuPatient *patient = fixture->patient;
  GDate today, birth;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Born %s, today %s", cases[i].date_of_birth, cases[i].today);
      set_date (&today, cases[i].today);
      genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, cases[i].date_of_birth);
      g_assert_cmpint (genu_patient_get_age (patient, &today), ==, cases[i].age);
    }

  /* Without a day to count to, the age is counted to the real today. */
  genu_date_set_today (&today);
  birth = today;
  g_date_subtract_years (&birth, 30);
  {
    char text[16];

    g_date_strftime (text, sizeof text, "%Y-%m-%d", &birth);
    genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, text);
  }
  g_assert_cmpint (genu_patient_get_age (patient, NULL), ==, 30);
}

static void
test_patient_copy (Fixture       *fixture,
                   gconstpointer  data)
{
  GenuPatient *patient = fixture->patient;
  GenuPatient *copy;

  fill_patient (patient);
  copy = genu_patient_copy (patient);

  g_assert_true (copy != patient);
  g_assert_true (genu_patient_equal (patient, copy));
  g_assert_true (genu_patient_equal (copy, patient));
  g_assert_cmpint (genu_patient_get_id (copy), ==, 42);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      g_assert_cmpstr (genu_patient_get_text (copy, i), ==, genu_patient_get_text (patient, i));
      /* Independent strings, not shared ones. */
      g_assert_true (genu_patient_get_text (copy, i) != genu_patient_get_text (patient, i));
    }
  g_assert_cmpint (genu_patient_get_sex (copy), ==, GENU_SEX_FEMALE);
  g_assert_cmpfloat (genu_patient_get_weekly_distance_km (copy), ==, 32.5);
  g_assert_cmpint (genu_patient_get_years_running (copy), ==, 6);
  g_assert_true (genu_patient_get_archived (copy));
  g_assert_cmpstr (genu_patient_get_created_at (copy), ==, "2024-01-02T03:04:05Z");
  g_assert_cmpstr (genu_patient_get_updated_at (copy), ==, "2024-05-06T07:08:09Z");

  /* Changing the copy leaves the original as it was. */
  genu_patient_set_text (copy, GENU_PATIENT_NOTES, "changed");
  g_assert_cmpstr (genu_patient_get_text (patient, GENU_PATIENT_NOTES), ==,
                   "Pain on the outside of the knee after 8 km.");
  g_assert_false (genu_patient_equal (patient, copy));

  g_assert_finalize_object (copy);

  /* A copy of a new, empty patient equals it too. */
  copy = genu_patient_new ();
  {
    GenuPatient *empty_copy = genu_patient_copy (copy);

    g_assert_true (genu_patient_equal (copy, empty_copy));
    g_assert_finalize_object (empty_copy);
  }
  g_assert_finalize_object (copy);
}

static void
test_patient_equal (Fixture       *fixture,
                    gconstpointer  data)
{
  GenuPatient *patient = fixture->patient;

  fill_patient (patient);

  /* Each field on its own makes a difference. */
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS + 5; i++)
    {
      GenuPatient *other = genu_patient_copy (patient);

      if (i < GENU_PATIENT_N_TEXTS)
        genu_patient_set_text (other, i, "different");
      else if (i == GENU_PATIENT_N_TEXTS)
        genu_patient_set_id (other, 43);
      else if (i == GENU_PATIENT_N_TEXTS + 1)
        genu_patient_set_sex (other, GENU_SEX_MALE);
      else if (i == GENU_PATIENT_N_TEXTS + 2)
        genu_patient_set_weekly_distance_km (other, GENU_PATIENT_UNSET);
      else if (i == GENU_PATIENT_N_TEXTS + 3)
        genu_patient_set_years_running (other, 7);
      else
        genu_patient_set_archived (other, FALSE);

      g_test_message ("Field %u differs", i);
      g_assert_false (genu_patient_equal (patient, other));
      g_assert_false (genu_patient_equal (other, patient));
      g_assert_finalize_object (other);
    }

  /* Case matters: "zoë" is not "Zoë". */
  {
    GenuPatient *other = genu_patient_copy (patient);

    genu_patient_set_text (other, GENU_PATIENT_GIVEN_NAMES, "zoë");
    g_assert_false (genu_patient_equal (patient, other));
    g_assert_finalize_object (other);
  }

  /* The timestamps are bookkeeping, not part of the record. */
  {
    GenuPatient *other = genu_patient_copy (patient);

    genu_patient_set_timestamps (other, "2030-01-01T00:00:00Z", NULL);
    g_assert_cmpstr (genu_patient_get_updated_at (other), ==, "");
    g_assert_true (genu_patient_equal (patient, other));
    g_assert_finalize_object (other);
  }
}

static void
test_patient_json (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const columns[] = {
    "id", "record_number", "family_name", "given_names", "date_of_birth", "phone", "email",
    "address", "referring_physician", "notes", "goal_event", "usual_surface", "shoes",
    "training_changes", "sex", "weekly_distance_km", "years_running", "archived", "created_at",
    "updated_at",
  };
  GenuPatient *patient = fixture->patient;
  g_autoptr(JsonNode) empty = genu_patient_to_json (patient);
  g_autoptr(JsonNode) full = NULL;
  JsonObject *object;

  /* A new patient: numbers that were not recorded are null, not -1. */
  g_assert_true (JSON_NODE_HOLDS_OBJECT (empty));
  object = json_node_get_object (empty);
  g_assert_cmpint (json_object_get_size (object), ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_true (json_object_has_member (object, columns[i]));
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    g_assert_true (json_object_has_member (object, genu_patient_text_column (i)));
  g_assert_true (json_object_get_null_member (object, "weekly_distance_km"));
  g_assert_true (json_object_get_null_member (object, "years_running"));
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "sex"), ==, "unknown");
  g_assert_false (json_object_get_boolean_member (object, "archived"));
  g_assert_cmpstr (json_object_get_string_member (object, "family_name"), ==, "");

  /* A full one: every value, as is. */
  fill_patient (patient);
  full = genu_patient_to_json (patient);
  object = json_node_get_object (full);
  g_assert_cmpint (json_object_get_size (object), ==, G_N_ELEMENTS (columns));
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 42);
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    g_assert_cmpstr (json_object_get_string_member (object, genu_patient_text_column (i)), ==,
                     genu_patient_get_text (patient, i));
  g_assert_cmpstr (json_object_get_string_member (object, "sex"), ==, "female");
  g_assert_cmpfloat (json_object_get_double_member (object, "weekly_distance_km"), ==, 32.5);
  g_assert_cmpint (json_object_get_int_member (object, "years_running"), ==, 6);
  g_assert_true (json_object_get_boolean_member (object, "archived"));
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==,
                   "2024-01-02T03:04:05Z");
  g_assert_cmpstr (json_object_get_string_member (object, "updated_at"), ==,
                   "2024-05-06T07:08:09Z");

  /* Zero is a value, not "not recorded". */
  genu_patient_set_weekly_distance_km (patient, 0);
  genu_patient_set_years_running (patient, 0);
  {
    g_autoptr(JsonNode) zeros = genu_patient_to_json (patient);
    g_autofree char *text = json_to_string (zeros, FALSE);

    object = json_node_get_object (zeros);
    g_assert_false (json_object_get_null_member (object, "weekly_distance_km"));
    g_assert_false (json_object_get_null_member (object, "years_running"));
    g_assert_cmpfloat (json_object_get_double_member (object, "weekly_distance_km"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object, "years_running"), ==, 0);

    /* Non-Latin text survives the trip through JSON text. */
    g_assert_nonnull (strstr (text, "Ångström"));
  }
}

static void
test_patient_sex_strings (void)
{
  static const struct {
    GenuSex     sex;
    const char *text;
  } cases[] = {
    { GENU_SEX_UNKNOWN, "unknown" },
    { GENU_SEX_FEMALE, "female" },
    { GENU_SEX_MALE, "male" },
    { GENU_SEX_OTHER, "other" },
  };
  static const char * const refused[] = {
    "", "Female", "FEMALE", "f", "woman", " female", "female ", "3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GenuSex sex = GENU_SEX_OTHER + 1;

      g_assert_cmpstr (genu_sex_to_string (cases[i].sex), ==, cases[i].text);
      g_assert_true (genu_sex_from_string (cases[i].text, &sex));
      g_assert_cmpint (sex, ==, cases[i].sex);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      GenuSex sex = GENU_SEX_MALE;

      g_test_message ("Refused: “%s”", refused[i]);
      g_assert_false (genu_sex_from_string (refused[i], &sex));
      g_assert_cmpint (sex, ==, GENU_SEX_MALE);
    }

  {
    GenuSex sex = GENU_SEX_MALE;

    g_assert_false (genu_sex_from_string (NULL, &sex));
    g_assert_cmpint (sex, ==, GENU_SEX_MALE);
  }

  /* A value from nowhere is spelled as the database accepts it. */
  g_assert_cmpstr (genu_sex_to_string ((GenuSex) 42), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patient/new/defaults", test_patient_defaults);
  g_test_add_func ("/patient/text/columns", test_patient_text_columns);
  ADD ("/patient/properties/texts", test_patient_properties_texts);
  ADD ("/patient/properties/values", test_patient_properties_values);
  ADD ("/patient/notify/texts", test_patient_notify_texts);
  ADD ("/patient/notify/values", test_patient_notify_values);
  ADD ("/patient/display-name", test_patient_display_name);
  ADD ("/patient/age", test_patient_age);
  ADD ("/patient/copy", test_patient_copy);
  ADD ("/patient/equal", test_patient_equal);
  ADD ("/patient/json", test_patient_json);
  g_test_add_func ("/patient/sex/strings", test_patient_sex_strings);

#undef ADD

  return g_test_run ();
}
