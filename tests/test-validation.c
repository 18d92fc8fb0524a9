/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-distance.h"
#include "genu-patient.h"
#include "genu-validation.h"

#include <math.h>
#include <string.h>

/* The rules a patient record must meet, each on both sides of each bound. Every case starts from
 * a valid patient and changes one thing; a broken rule must name its field and say what to type.
 * "Today" is fixed, so that the cases do not depend on the day the tests run. */

#define TODAY "2025-06-15"

typedef struct {
  GenuPatientText  field;        /* the text field to set... */
  const char      *text;         /* ...to this text... */
  guint            repeat;       /* ...repeated this many times, when not 0 */
  gint64           id;           /* 0 for a new patient */
  double           km;
  int              years;
  const char      *error;        /* the column that must be refused, or NULL */
  const char      *says;         /* a piece of the message that says what to type */
} ValidationCase;

#define UNSET GENU_PATIENT_UNSET

/* One text field set, numbers not recorded. */
#define TEXT(field, text, error, says) \
  { GENU_PATIENT_##field, text, 0, 0, UNSET, UNSET, error, says }
/* The same on a patient that was saved before. */
#define SAVED_TEXT(field, text, error, says) \
  { GENU_PATIENT_##field, text, 0, 42, UNSET, UNSET, error, says }
#define REPEATED(field, text, n, error, says) \
  { GENU_PATIENT_##field, text, n, 0, UNSET, UNSET, error, says }
#define DISTANCE(km, error, says) \
  { GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23", 0, 0, km, UNSET, error, says }
#define YEARS(date_of_birth, years, error, says) \
  { GENU_PATIENT_DATE_OF_BIRTH, date_of_birth, 0, 0, UNSET, years, error, says }

static GenuPatient *
valid_patient (void)
{
  GenuPatient *patient = genu_patient_new ();

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Ångström");
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Zoë");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  return patient;
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  genu_parse_date (text, date, &error);
  g_assert_no_error (error);
}

static char *
describe (const ValidationCase *c)
{
  return g_strdup_printf ("%s = “%s”%s (×%u), id %" G_GINT64_FORMAT ", %g km, %d years",
                          genu_patient_text_column (c->field), c->text,
                          c->repeat ? " repeated" : "", c->repeat, c->id, c->km, c->years);
}

static void
log_errors (GPtrArray *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *error = g_ptr_array_index (errors, i);
      g_test_message ("  %s: %s", error->field, error->message);
    }
}

static void
run_cases (const ValidationCase *cases,
           gsize                 n_cases)
{
  GDate today;

  set_date (&today, TODAY);

  for (gsize i = 0; i < n_cases; i++)
    {
      const ValidationCase *c = &cases[i];
      GenuPatient *patient = valid_patient ();
      g_autoptr(GPtrArray) errors = NULL;
      g_autofree char *description = describe (c);
      g_autofree char *text = NULL;

      if (c->repeat > 0)
        {
          GString *repeated = g_string_new (NULL);

          for (guint r = 0; r < c->repeat; r++)
            g_string_append (repeated, c->text);
          text = g_string_free (repeated, FALSE);
        }
      else
        text = g_strdup (c->text);

      genu_patient_set_text (patient, c->field, text);
      genu_patient_set_id (patient, c->id);
      genu_patient_set_weekly_distance_km (patient, c->km);
      genu_patient_set_years_running (patient, c->years);

      errors = genu_patient_validate (patient, &today);
      g_test_message ("%s: %u error(s)", description, errors->len);
      log_errors (errors);

      if (c->error == NULL)
        {
          g_assert_cmpint (errors->len, ==, 0);
        }
      else
        {
          GenuFieldError *error;

          /* Only the rule this case breaks: the rest of the patient is valid. */
          g_assert_cmpint (errors->len, ==, 1);
          error = g_ptr_array_index (errors, 0);
          g_assert_cmpstr (error->field, ==, c->error);
          g_assert_nonnull (error->message);
          g_assert_cmpint (strlen (error->message), >, 10);
          g_assert_nonnull (c->says);
          g_assert_nonnull (strstr (error->message, c->says));
          g_assert_cmpstr (genu_field_errors_lookup (errors, c->error), ==, error->message);
        }

      g_assert_finalize_object (patient);
    }
}

static void
test_validation_valid (void)
{
  GenuPatient *patient = valid_patient ();
  g_autoptr(GPtrArray) errors = NULL;
  GDate today;

  set_date (&today, TODAY);

  /* Every field filled in, within its bounds. */
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, "G-000123");
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "+49 (30) 123-45.67");
  genu_patient_set_text (patient, GENU_PATIENT_EMAIL, "zoe.angstrom@example.co.uk");
  genu_patient_set_text (patient, GENU_PATIENT_ADDRESS, "Hauptstraße 1, 10115 Berlin");
  genu_patient_set_text (patient, GENU_PATIENT_REFERRING_PHYSICIAN, "Dr. محمد");
  genu_patient_set_text (patient, GENU_PATIENT_NOTES, "李小龍");
  genu_patient_set_text (patient, GENU_PATIENT_GOAL_EVENT, "Berlin Marathon");
  genu_patient_set_sex (patient, GENU_SEX_FEMALE);
  genu_patient_set_weekly_distance_km (patient, 32.5);
  genu_patient_set_years_running (patient, 6);
  genu_patient_set_archived (patient, TRUE);

  errors = genu_patient_validate (patient, &today);
  log_errors (errors);
  g_assert_cmpint (errors->len, ==, 0);
  g_assert_true (genu_field_errors_lookup (errors, "family_name") == NULL);

  g_assert_finalize_object (patient);
}

static void
test_validation_order (void)
{
  static const char * const expected[] = {
    "family_name", "given_names", "date_of_birth", "record_number", "phone", "email",
    "weekly_distance_km", "years_running",
  };
  GenuPatient *patient = genu_patient_new ();
  g_autoptr(GPtrArray) errors = NULL;
  GDate today;

  set_date (&today, TODAY);

  /* Everything wrong at once: one message per field, in the order of the form. */
  genu_patient_set_id (patient, 7);
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, " ");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "23.04.1985");
  genu_patient_set_text (patient, GENU_PATIENT_PHONE, "call me");
  genu_patient_set_text (patient, GENU_PATIENT_EMAIL, "a@b");
  genu_patient_set_weekly_distance_km (patient, 1000);
  genu_patient_set_years_running (patient, 100);

  errors = genu_patient_validate (patient, &today);
  log_errors (errors);
  g_assert_cmpint (errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *error = g_ptr_array_index (errors, i);

      g_assert_cmpstr (error->field, ==, expected[i]);
      g_assert_cmpstr (genu_field_errors_lookup (errors, expected[i]), ==, error->message);
    }
  g_assert_true (genu_field_errors_lookup (errors, "notes") == NULL);

  g_assert_finalize_object (patient);
}

static void
test_validation_names (void)
{
  static const ValidationCase cases[] = {
    TEXT (FAMILY_NAME, "", "family_name", "family name"),
    TEXT (FAMILY_NAME, "   ", "family_name", "family name"),
    TEXT (FAMILY_NAME, "\t \n", "family_name", "family name"),
    TEXT (FAMILY_NAME, "\u3000", "family_name", "family name"),  /* ideographic space */
    TEXT (FAMILY_NAME, "Ó", NULL, NULL),
    TEXT (FAMILY_NAME, "محمد", NULL, NULL),
    REPEATED (FAMILY_NAME, "a", 100, NULL, NULL),
    REPEATED (FAMILY_NAME, "a", 101, "family_name", "100"),
    /* Characters, not bytes: 100 two-byte letters are fine. */
    REPEATED (FAMILY_NAME, "ö", 100, NULL, NULL),
    REPEATED (FAMILY_NAME, "ö", 101, "family_name", "100"),
    REPEATED (FAMILY_NAME, "龍", 100, NULL, NULL),
    TEXT (GIVEN_NAMES, "", "given_names", "given names"),
    TEXT (GIVEN_NAMES, "  ", "given_names", "given names"),
    TEXT (GIVEN_NAMES, "Łukasz", NULL, NULL),
    REPEATED (GIVEN_NAMES, "b", 100, NULL, NULL),
    REPEATED (GIVEN_NAMES, "b", 101, "given_names", "100"),
    REPEATED (GIVEN_NAMES, "ł", 101, "given_names", "100"),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_date_of_birth (void)
{
  static const ValidationCase cases[] = {
    TEXT (DATE_OF_BIRTH, "", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "  ", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "23.04.1985", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "04/23/1985", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "1985-4-23", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "85-04-23", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "1985-04-23T10:00", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "yesterday", "date_of_birth", "YYYY-MM-DD"),
    TEXT (DATE_OF_BIRTH, "1985-04-23", NULL, NULL),
    /* Not real days. */
    TEXT (DATE_OF_BIRTH, "2023-02-30", "date_of_birth", "month"),
    TEXT (DATE_OF_BIRTH, "1985-13-01", "date_of_birth", "month"),
    TEXT (DATE_OF_BIRTH, "1985-00-10", "date_of_birth", "month"),
    TEXT (DATE_OF_BIRTH, "1985-04-31", "date_of_birth", "month"),
    TEXT (DATE_OF_BIRTH, "1985-04-00", "date_of_birth", "month"),
    /* Leap days. */
    TEXT (DATE_OF_BIRTH, "2024-02-29", NULL, NULL),
    TEXT (DATE_OF_BIRTH, "2000-02-29", NULL, NULL),
    TEXT (DATE_OF_BIRTH, "2023-02-29", "date_of_birth", "month"),
    TEXT (DATE_OF_BIRTH, "1900-02-29", "date_of_birth", "month"),
    /* Not in the future: today is the last day allowed. */
    TEXT (DATE_OF_BIRTH, TODAY, NULL, NULL),
    TEXT (DATE_OF_BIRTH, "2025-06-16", "date_of_birth", TODAY),
    TEXT (DATE_OF_BIRTH, "2026-01-01", "date_of_birth", TODAY),
    /* Not before 1900. */
    TEXT (DATE_OF_BIRTH, "1900-01-01", NULL, NULL),
    TEXT (DATE_OF_BIRTH, "1899-12-31", "date_of_birth", "1900"),
    TEXT (DATE_OF_BIRTH, "0001-01-01", "date_of_birth", "1900"),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_surrounding_spaces (void)
{
  /* The store saves values without surrounding spaces, so they are judged without them. */
  static const ValidationCase cases[] = {
    TEXT (DATE_OF_BIRTH, " 1985-04-23 ", NULL, NULL),
    TEXT (DATE_OF_BIRTH, "\t2025-06-16\n", "date_of_birth", TODAY),
    TEXT (EMAIL, " a@b.co ", NULL, NULL),
    TEXT (EMAIL, " a @b.co", "email", "name@example.com"),
    TEXT (RECORD_NUMBER, " G-1/2.a ", NULL, NULL),
    TEXT (RECORD_NUMBER, " G 1 ", "record_number", "G-000123"),
    SAVED_TEXT (RECORD_NUMBER, "   ", "record_number", "G-000123"),
    TEXT (PHONE, "\t+49 30 1234567\n", NULL, NULL),
    TEXT (FAMILY_NAME, " Ångström ", NULL, NULL),
    REPEATED (FAMILY_NAME, "a ", 50, NULL, NULL),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_today (void)
{
  GenuPatient *patient = valid_patient ();
  GDate date;
  char text[16];

  /* Without a day given, today is the real today. */
  genu_date_set_today (&date);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, text);
  {
    g_autoptr(GPtrArray) errors = genu_patient_validate (patient, NULL);

    log_errors (errors);
    g_assert_cmpint (errors->len, ==, 0);
  }

  g_date_add_days (&date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, text);
  {
    g_autoptr(GPtrArray) errors = genu_patient_validate (patient, NULL);

    g_assert_cmpint (errors->len, ==, 1);
    g_assert_nonnull (genu_field_errors_lookup (errors, "date_of_birth"));
  }

  g_assert_finalize_object (patient);
}

static void
test_validation_email (void)
{
  static const ValidationCase cases[] = {
    TEXT (EMAIL, "", NULL, NULL),
    TEXT (EMAIL, "a@b.co", NULL, NULL),
    TEXT (EMAIL, "zoe.angstrom+genu@mail.example.org", NULL, NULL),
    TEXT (EMAIL, "a@b", "email", "name@example.com"),
    TEXT (EMAIL, "ab.com", "email", "name@example.com"),
    TEXT (EMAIL, "a b@c.de", "email", "name@example.com"),
    TEXT (EMAIL, "a@@b.de", "email", "name@example.com"),
    TEXT (EMAIL, "a@b@c.de", "email", "name@example.com"),
    TEXT (EMAIL, "@b.de", "email", "name@example.com"),
    TEXT (EMAIL, "a@.de", "email", "name@example.com"),
    TEXT (EMAIL, "a@b.", "email", "name@example.com"),
    TEXT (EMAIL, "a@b..de", "email", "name@example.com"),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_phone (void)
{
  static const ValidationCase cases[] = {
    TEXT (PHONE, "", NULL, NULL),
    TEXT (PHONE, "+49 30 1234567", NULL, NULL),
    TEXT (PHONE, "(030) 123-45.67", NULL, NULL),
    TEXT (PHONE, "030/1234567", NULL, NULL),
    TEXT (PHONE, "112", NULL, NULL),
    TEXT (PHONE, "12", "phone", "+49 30 1234567"),
    TEXT (PHONE, "+ 1 2", "phone", "+49 30 1234567"),
    TEXT (PHONE, "call me", "phone", "+49 30 1234567"),
    TEXT (PHONE, "030 1234567 ext. 5", "phone", "+49 30 1234567"),
    TEXT (PHONE, "030١٢٣٤٥", "phone", "+49 30 1234567"),  /* Arabic-Indic digits */
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_weekly_distance (void)
{
  static const ValidationCase cases[] = {
    DISTANCE (UNSET, NULL, NULL),
    DISTANCE (0, NULL, NULL),
    DISTANCE (0.5, NULL, NULL),
    DISTANCE (32.5, NULL, NULL),
    DISTANCE (400, NULL, NULL),
    DISTANCE (400.1, "weekly_distance_km", "400"),
    DISTANCE (1000, "weekly_distance_km", "400"),
    DISTANCE (-0.5, "weekly_distance_km", "400"),
    DISTANCE (-2, "weekly_distance_km", "400"),
  };

  run_cases (cases, G_N_ELEMENTS (cases));

  /* Not a number at all, e.g. from a bad division, is refused too. */
  {
    GenuPatient *patient = valid_patient ();
    g_autoptr(GPtrArray) errors = NULL;

    genu_patient_set_weekly_distance_km (patient, NAN);
    errors = genu_patient_validate (patient, NULL);
    g_assert_cmpint (errors->len, ==, 1);
    g_assert_nonnull (genu_field_errors_lookup (errors, "weekly_distance_km"));
    g_assert_finalize_object (patient);
  }
}

static void
test_validation_years_running (void)
{
  static const ValidationCase cases[] = {
    YEARS ("1930-01-01", UNSET, NULL, NULL),
    YEARS ("1930-01-01", 0, NULL, NULL),
    YEARS ("1930-01-01", 90, NULL, NULL),
    YEARS ("1930-01-01", 91, "years_running", "0 to 90"),
    YEARS ("1930-01-01", 1000, "years_running", "0 to 90"),
    /* -1 is GENU_PATIENT_UNSET; the first negative number that is not is -2. */
    YEARS ("1930-01-01", -2, "years_running", "0 to 90"),
    YEARS ("1930-01-01", G_MININT, "years_running", "0 to 90"),
    /* Not more than the age: 40 on the fixed today, 39 the day before the birthday. */
    YEARS ("1985-04-23", 40, NULL, NULL),
    YEARS ("1985-04-23", 41, "years_running", "(40 years)"),
    YEARS ("1985-06-15", 40, NULL, NULL),
    YEARS ("1985-06-16", 39, NULL, NULL),
    YEARS ("1985-06-16", 40, "years_running", "(39 years)"),
    YEARS ("2024-06-15", 1, NULL, NULL),
    YEARS ("2024-06-15", 2, "years_running", "(1 year)"),
    YEARS (TODAY, 0, NULL, NULL),
    YEARS (TODAY, 1, "years_running", "(0 years)"),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_record_number (void)
{
  static const ValidationCase cases[] = {
    /* A new patient may leave it empty: the store makes one. */
    TEXT (RECORD_NUMBER, "", NULL, NULL),
    SAVED_TEXT (RECORD_NUMBER, "", "record_number", "G-000123"),
    SAVED_TEXT (RECORD_NUMBER, "G-000001", NULL, NULL),
    TEXT (RECORD_NUMBER, "G-1/2.a", NULL, NULL),
    TEXT (RECORD_NUMBER, "G 1", "record_number", "G-000123"),
    TEXT (RECORD_NUMBER, "G_1", "record_number", "G-000123"),
    TEXT (RECORD_NUMBER, "G-1%", "record_number", "G-000123"),
    TEXT (RECORD_NUMBER, "G-1'", "record_number", "G-000123"),
    TEXT (RECORD_NUMBER, "Ö-1", "record_number", "G-000123"),
    REPEATED (RECORD_NUMBER, "1", 32, NULL, NULL),
    REPEATED (RECORD_NUMBER, "1", 33, "record_number", "32"),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_other_texts (void)
{
  static const ValidationCase cases[] = {
    /* Free text has no rules. */
    TEXT (ADDRESS, "Hauptstraße 1\n10115 Berlin", NULL, NULL),
    TEXT (REFERRING_PHYSICIAN, "Dr. 李", NULL, NULL),
    TEXT (NOTES, "' OR 1=1 -- %_\"", NULL, NULL),
    TEXT (GOAL_EVENT, "", NULL, NULL),
    TEXT (USUAL_SURFACE, "trail", NULL, NULL),
    TEXT (SHOES, "", NULL, NULL),
    TEXT (TRAINING_CHANGES, "+20 km", NULL, NULL),
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_validation_parse_date (void)
{
  static const struct {
    const char *text;
    int         year, month, day;   /* 0 when refused */
    const char *says;
  } cases[] = {
    { "1985-04-23", 1985, 4, 23, NULL },
    { "2024-02-29", 2024, 2, 29, NULL },
    { "1900-01-01", 1900, 1, 1, NULL },
    { "", 0, 0, 0, "YYYY-MM-DD" },
    { "23.04.1985", 0, 0, 0, "YYYY-MM-DD" },
    { "1985-4-23", 0, 0, 0, "YYYY-MM-DD" },
    { "1985-04-23 ", 0, 0, 0, "YYYY-MM-DD" },
    { "+985-04-23", 0, 0, 0, "YYYY-MM-DD" },
    { "1985--4-23", 0, 0, 0, "YYYY-MM-DD" },
    { "1985-04-2x", 0, 0, 0, "YYYY-MM-DD" },
    { "2023-02-30", 0, 0, 0, "month" },
    { "2023-02-29", 0, 0, 0, "month" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;
      gboolean ok;

      g_test_message ("Date “%s”", cases[i].text);
      ok = genu_parse_date (cases[i].text, &date, &error);
      if (cases[i].year != 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (g_date_get_year (&date), ==, cases[i].year);
          g_assert_cmpint (g_date_get_month (&date), ==, cases[i].month);
          g_assert_cmpint (g_date_get_day (&date), ==, cases[i].day);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].says));
        }
    }

  /* NULL is an empty field, refused like one; no error asked for is fine too. */
  {
    g_autoptr(GError) error = NULL;
    GDate date;

    g_assert_false (genu_parse_date (NULL, &date, &error));
    g_assert_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID);
    g_assert_false (genu_parse_date ("1985", &date, NULL));
  }
}

static void
test_validation_parse_weekly_distance (void)
{
  static const struct {
    const char       *text;
    GenuDistanceUnit  unit;
    gboolean          ok;
    double            km;
    const char       *message;  /* a part of the message when refused */
  } cases[] = {
    { "32.5", GENU_DISTANCE_KM, TRUE, 32.5, NULL },
    { "32,5", GENU_DISTANCE_KM, TRUE, 32.5, NULL },      /* a decimal comma */
    { " 10 ", GENU_DISTANCE_KM, TRUE, 10, NULL },
    { "0", GENU_DISTANCE_KM, TRUE, 0, NULL },
    { "400", GENU_DISTANCE_KM, TRUE, 400, NULL },
    { "", GENU_DISTANCE_KM, TRUE, GENU_PATIENT_UNSET, NULL },
    { "   ", GENU_DISTANCE_KM, TRUE, GENU_PATIENT_UNSET, NULL },
    { NULL, GENU_DISTANCE_KM, TRUE, GENU_PATIENT_UNSET, NULL },
    { "400.5", GENU_DISTANCE_KM, FALSE, 0, "from 0 to 400 km" },
    { "-1", GENU_DISTANCE_KM, FALSE, 0, "from 0 to 400 km" },
    { "abc", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    { "10km", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    { "10 km", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    { "1,2,3", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    { "nan", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    { "inf", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    { ",", GENU_DISTANCE_KM, FALSE, 0, "kilometres, for example 32.5" },
    /* Typed in miles, stored in kilometres. */
    { "20", GENU_DISTANCE_MILES, TRUE, 20 * 1.609344, NULL },
    { "12,5", GENU_DISTANCE_MILES, TRUE, 12.5 * 1.609344, NULL },
    { "248", GENU_DISTANCE_MILES, TRUE, 248 * 1.609344, NULL },
    { "249", GENU_DISTANCE_MILES, FALSE, 0, "from 0 to 248 miles" },
    { "20 mi", GENU_DISTANCE_MILES, FALSE, 0, "number of miles, for example 20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double km = 12345;
      gboolean ok;

      g_test_message ("Distance “%s”", cases[i].text ? cases[i].text : "(null)");
      ok = genu_distance_parse_weekly (cases[i].text, cases[i].unit, &km, &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpfloat_with_epsilon (km, cases[i].km, 1e-9);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].message));
          g_assert_cmpfloat (km, ==, 12345);
        }
    }
}

/* What a distance in kilometres looks like in either unit, and that it reads back. */
static void
test_validation_format_distance (void)
{
  g_autofree char *km = genu_distance_format_value (32.5, GENU_DISTANCE_KM);
  g_autofree char *miles = genu_distance_format_value (32.18688, GENU_DISTANCE_MILES);
  g_autofree char *marathon = genu_distance_format_value (42.195, GENU_DISTANCE_MILES);
  double back;

  g_assert_cmpstr (km, ==, "32.5");
  g_assert_cmpstr (miles, ==, "20");
  g_assert_cmpstr (marathon, ==, "26.22");
  g_assert_true (genu_distance_parse_weekly (miles, GENU_DISTANCE_MILES, &back, NULL));
  g_assert_cmpfloat_with_epsilon (back, 32.18688, 1e-9);
  g_assert_cmpint (genu_distance_unit_from_name ("miles"), ==, GENU_DISTANCE_MILES);
  g_assert_cmpint (genu_distance_unit_from_name ("km"), ==, GENU_DISTANCE_KM);
  g_assert_cmpint (genu_distance_unit_from_name (NULL), ==, GENU_DISTANCE_KM);
}

static void
test_validation_parse_years_running (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    int         years;
  } cases[] = {
    { "6", TRUE, 6 },
    { " 6 ", TRUE, 6 },
    { "0", TRUE, 0 },
    { "91", TRUE, 91 },          /* a number: the range is a rule of its own */
    { "", TRUE, GENU_PATIENT_UNSET },
    { NULL, TRUE, GENU_PATIENT_UNSET },
    { "2.5", FALSE, 0 },
    { "2,5", FALSE, 0 },
    { "six", FALSE, 0 },
    { "6 years", FALSE, 0 },
    { "99999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int years = 12345;
      gboolean ok;

      g_test_message ("Years “%s”", cases[i].text ? cases[i].text : "(null)");
      ok = genu_parse_years_running (cases[i].text, &years, &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (years, ==, cases[i].years);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "whole number"));
        }
    }
}

static void
test_validation_field_error (void)
{
  g_autoptr(GenuFieldError) error = genu_field_error_new ("email", "Type it.");
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);

  g_assert_cmpstr (error->field, ==, "email");
  g_assert_cmpstr (error->message, ==, "Type it.");
  genu_field_error_free (NULL);

  g_assert_true (genu_field_errors_lookup (errors, "email") == NULL);
  g_ptr_array_add (errors, genu_field_error_new ("phone", "Digits."));
  g_ptr_array_add (errors, g_steal_pointer (&error));
  g_assert_cmpstr (genu_field_errors_lookup (errors, "email"), ==, "Type it.");
  g_assert_cmpstr (genu_field_errors_lookup (errors, "phone"), ==, "Digits.");
  g_assert_true (genu_field_errors_lookup (errors, "notes") == NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/patient/valid", test_validation_valid);
  g_test_add_func ("/validation/patient/order", test_validation_order);
  g_test_add_func ("/validation/patient/names", test_validation_names);
  g_test_add_func ("/validation/patient/date-of-birth", test_validation_date_of_birth);
  g_test_add_func ("/validation/patient/date-of-birth/real-today", test_validation_today);
  g_test_add_func ("/validation/patient/email", test_validation_email);
  g_test_add_func ("/validation/patient/phone", test_validation_phone);
  g_test_add_func ("/validation/patient/weekly-distance", test_validation_weekly_distance);
  g_test_add_func ("/validation/patient/years-running", test_validation_years_running);
  g_test_add_func ("/validation/patient/record-number", test_validation_record_number);
  g_test_add_func ("/validation/patient/other-texts", test_validation_other_texts);
  g_test_add_func ("/validation/patient/surrounding-spaces", test_validation_surrounding_spaces);
  g_test_add_func ("/validation/parse/date", test_validation_parse_date);
  g_test_add_func ("/validation/parse/weekly-distance", test_validation_parse_weekly_distance);
  g_test_add_func ("/validation/format/distance", test_validation_format_distance);
  g_test_add_func ("/validation/parse/years-running", test_validation_parse_years_running);
  g_test_add_func ("/validation/field-error", test_validation_field_error);

  return g_test_run ();
}
