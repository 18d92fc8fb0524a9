/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-validation.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define NAME_MAX_CHARS 100
#define RECORD_NUMBER_MAX_CHARS 32

G_DEFINE_QUARK (genu-validation-error-quark, genu_validation_error)

GenuFieldError *
genu_field_error_new (const char *field,
                      const char *message)
{
  GenuFieldError *error = g_new0 (GenuFieldError, 1);

  error->field = g_strdup (field);
  error->message = g_strdup (message);
  return error;
}

void
genu_field_error_free (GenuFieldError *error)
{
  if (error == NULL)
    return;

  g_free (error->field);
  g_free (error->message);
  g_free (error);
}

void
genu_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * genu_parse_date:
 * @text: a date as YYYY-MM-DD
 * @date: (out caller-allocates): the parsed date
 *
 * Accepts only the ISO 8601 calendar form, so that "03/04/2001" is never read as the wrong day.
 *
 * Returns: %TRUE when @text is a real date; otherwise sets @error to a message that says what to
 * type instead.
 */
gboolean
genu_parse_date (const char  *text,
                 GDate       *date,
                 GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 year, month, day;

  text = text != NULL ? text : "";
  parts = g_strsplit (text, "-", -1);

  if (g_strv_length (parts) != 3 ||
      strlen (parts[0]) != 4 || strlen (parts[1]) != 2 || strlen (parts[2]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 99, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 0, 99, &day, NULL))
    {
      if (*text == '\0')
        g_set_error_literal (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                             _("Type the date as YYYY-MM-DD, for example 1985-04-23."));
      else
        g_set_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                     _("“%s” is not a date. Type it as YYYY-MM-DD, for example 1985-04-23."),
                     text);
      return FALSE;
    }

  if (!g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                   _("%s is not a real date: check the month (01–12) and the day of the month."),
                   text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Reads a decimal number typed by a person: surrounding spaces are fine, and so is a decimal
 * comma, which half of Europe types. */
static gboolean
parse_decimal (const char *text,
               double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;

  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

/**
 * genu_parse_weekly_distance:
 * @text: what was typed; empty means not recorded
 *
 * Only checks that @text is a number; the range is a rule of genu_patient_validate().
 */
gboolean
genu_parse_weekly_distance (const char  *text,
                            double      *km,
                            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (*stripped == '\0')
    {
      *km = GENU_PATIENT_UNSET;
      return TRUE;
    }

  if (!parse_decimal (stripped, km))
    {
      g_set_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                   _("Type the weekly distance as a number of kilometres, for example 32.5."));
      return FALSE;
    }

  return TRUE;
}

gboolean
genu_parse_years_running (const char  *text,
                          int         *years,
                          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  gint64 value;

  if (*stripped == '\0')
    {
      *years = GENU_PATIENT_UNSET;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (stripped, 10, G_MININT, G_MAXINT, &value, NULL))
    {
      g_set_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                   _("Type the years of running as a whole number, for example 6."));
      return FALSE;
    }

  *years = (int) value;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* "name@example.com": something, one @, something with a dot inside, no spaces. */
static gboolean
is_email (const char *text)
{
  return g_regex_match_simple ("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", text, 0, 0);
}

/* Digits and the separators people write in phone numbers, with at least three digits. */
static gboolean
is_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-()./", *p) == NULL)
        return FALSE;
    }
  return digits >= 3;
}

static gboolean
is_record_number (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-/.", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  g_ptr_array_add (errors, genu_field_error_new (field, message));
}

static void
validate_name (GPtrArray   *errors,
               GenuPatient *patient,
               GenuPatientText field,
               const char  *required_message)
{
  const char *value = genu_patient_get_text (patient, field);
  const char *column = genu_patient_text_column (field);

  if (is_blank (value))
    add_error (errors, column, required_message);
  else if (g_utf8_strlen (value, -1) > NAME_MAX_CHARS)
    add_error (errors, column, _("Shorten the name to at most 100 characters."));
}

static void
validate_date_of_birth (GPtrArray   *errors,
                        GenuPatient *patient,
                        const GDate *today)
{
  const char *text = genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH);
  const char *column = genu_patient_text_column (GENU_PATIENT_DATE_OF_BIRTH);
  g_autoptr(GError) error = NULL;
  GDate date;

  if (is_blank (text))
    {
      add_error (errors, column,
                 _("Type the date of birth as YYYY-MM-DD, for example 1985-04-23."));
      return;
    }

  if (!genu_parse_date (text, &date, &error))
    {
      add_error (errors, column, error->message);
      return;
    }

  if (g_date_compare (&date, today) > 0)
    {
      char today_text[16];

      g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
      g_autofree char *message =
        g_strdup_printf (_("The date of birth cannot be in the future. Type a date on or before %s."),
                         today_text);
      add_error (errors, column, message);
    }
  else if (g_date_get_year (&date) < GENU_DATE_MIN_YEAR)
    {
      add_error (errors, column,
                 _("The date of birth cannot be before 1900. Check the year."));
    }
}

/**
 * genu_patient_validate:
 * @today: (nullable): the day that counts as today; %NULL for the real today
 *
 * Checks every rule a patient record must meet before it is saved. Surrounding spaces do not
 * count, since the store strips them. The uniqueness of the record number needs the database and
 * is checked by genu_store_save_patient().
 *
 * Returns: (transfer full) (element-type GenuFieldError): the broken rules in the order of the
 * form, at most one per field; empty when the record can be saved.
 */
GPtrArray *
genu_patient_validate (GenuPatient *patient,
                       const GDate *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuPatient) stripped = NULL;
  const char *record_number, *phone, *email;
  double km;
  int years, age;
  GDate now;

  g_return_val_if_fail (GENU_IS_PATIENT (patient), errors);

  /* Judge the values as genu_store_save_patient() saves them: without surrounding spaces, so
   * that " 1985-04-23 " pasted into the form is not refused. */
  stripped = genu_patient_copy (patient);
  genu_patient_strip_texts (stripped);
  patient = stripped;

  if (today == NULL)
    {
      genu_date_set_today (&now);
      today = &now;
    }

  validate_name (errors, patient, GENU_PATIENT_FAMILY_NAME,
                 _("Type the family name (surname); it is required."));
  validate_name (errors, patient, GENU_PATIENT_GIVEN_NAMES,
                 _("Type the given names (first names); they are required."));
  validate_date_of_birth (errors, patient, today);

  /* A new record may leave the number empty: the store then generates one. */
  record_number = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);
  if (*record_number == '\0' && genu_patient_get_id (patient) != 0)
    add_error (errors, "record_number",
               _("Type a record number; every patient needs one, for example G-000123."));
  else if (!is_record_number (record_number) ||
           g_utf8_strlen (record_number, -1) > RECORD_NUMBER_MAX_CHARS)
    add_error (errors, "record_number",
               _("Use only letters, digits, “-”, “/” and “.” in the record number, "
                 "at most 32 characters, for example G-000123."));

  phone = genu_patient_get_text (patient, GENU_PATIENT_PHONE);
  if (!is_blank (phone) && !is_phone (phone))
    add_error (errors, "phone",
               _("Type the phone number with digits, spaces and + - ( ) only, "
                 "for example +49 30 1234567."));

  email = genu_patient_get_text (patient, GENU_PATIENT_EMAIL);
  if (!is_blank (email) && !is_email (email))
    add_error (errors, "email",
               _("Type the email address as name@example.com, or leave it empty."));

  km = genu_patient_get_weekly_distance_km (patient);
  if (km != GENU_PATIENT_UNSET && !(km >= 0 && km <= GENU_WEEKLY_DISTANCE_MAX_KM))
    add_error (errors, "weekly_distance_km",
               _("Type a weekly distance from 0 to 400 km, or leave it empty."));

  years = genu_patient_get_years_running (patient);
  age = genu_patient_get_age (patient, today);
  if (years != GENU_PATIENT_UNSET && (years < 0 || years > GENU_YEARS_RUNNING_MAX))
    add_error (errors, "years_running",
               _("Type the years of running as a whole number from 0 to 90, or leave it empty."));
  else if (years != GENU_PATIENT_UNSET && age != GENU_PATIENT_UNSET && years > age)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Years of running cannot be more than the patient’s age "
                                   "(%d year). Check the number or the date of birth.",
                                   "Years of running cannot be more than the patient’s age "
                                   "(%d years). Check the number or the date of birth.", age),
                         age);
      add_error (errors, "years_running", message);
    }

  return errors;
}

/**
 * genu_field_errors_lookup:
 *
 * Returns: (nullable): the message for @field in @errors, or %NULL when the field is fine.
 */
const char *
genu_field_errors_lookup (GPtrArray  *errors,
                          const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *error = g_ptr_array_index (errors, i);

      if (g_str_equal (error->field, field))
        return error->message;
    }
  return NULL;
}
