/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-validation.h"


#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define NAME_MAX_CHARS 100
#define RECORD_NUMBER_MAX_CHARS 32
#define DURATION_MAX_WEEKS 520

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
  static GRegex *regex;
  static gsize compiled;

  /* Compiled once: an import checks 100,000 addresses. */
  if (g_once_init_enter (&compiled))
    {
      regex = g_regex_new ("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", 0, 0, NULL);
      g_once_init_leave (&compiled, 1);
    }
  return g_regex_match (regex, text, 0, NULL);
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

static void
validate_visit_date (GPtrArray   *errors,
                     const char  *text,
                     GenuPatient *patient,
                     const GDate *today)
{
  const char *column = genu_visit_text_column (GENU_VISIT_DATE);
  g_autoptr(GError) error = NULL;
  GDate date, birth;

  if (is_blank (text))
    {
      add_error (errors, column,
                 _("Type the date of the visit as YYYY-MM-DD, for example 2024-03-18."));
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
      g_autofree char *message = NULL;

      g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
      message = g_strdup_printf (_("The visit date cannot be in the future. "
                                   "Type a date on or before %s."), today_text);
      add_error (errors, column, message);
    }
  else if (g_date_get_year (&date) < GENU_DATE_MIN_YEAR)
    {
      add_error (errors, column, _("The visit date cannot be before 1900. Check the year."));
    }
  else if (patient != NULL &&
           genu_parse_date (genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH),
                            &birth, NULL) &&
           g_date_compare (&date, &birth) < 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The visit date is before the patient’s date of birth (%s). "
                           "Check the year."),
                         genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH));
      add_error (errors, column, message);
    }
}

/* Each recorded finding must be one the knowledge base knows, recorded the way it is defined:
 * present or absent for a yes-no finding, a number within its range for a numeric one. */
static void
validate_findings (GPtrArray         *errors,
                   GenuFindings      *findings,
                   GenuKnowledgeBase *kb)
{
  g_auto(GStrv) ids = genu_findings_dup_ids (findings);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = ids[i];
      const GenuFindingDef *def = genu_knowledge_base_lookup_finding (kb, id);
      double number = 0;
      GenuFindingState state = genu_findings_get (findings, id, &number);
      int grade = genu_findings_get_grade (findings, id);

      if (def == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("Unknown finding “%s”: it is not in Genu’s knowledge base. "
                               "Clear it."), id);
          add_error (errors, id, message);
        }
      else if (def->type == GENU_FINDING_TYPE_BOOL && state == GENU_FINDING_NUMBER)
        {
          /* TRANSLATORS: %s is a finding, e.g. "McMurray test" */
          g_autofree char *message =
            g_strdup_printf (def->is_test
                               ? _("%s: record the test as positive or negative, not as a number.")
                               : _("%s: record it as yes or no, not as a number."),
                             def->label);
          add_error (errors, id, message);
        }
      else if (def->type == GENU_FINDING_TYPE_NUMBER && state != GENU_FINDING_NUMBER)
        {
          /* TRANSLATORS: %s is a finding, e.g. "NPRS now" */
          g_autofree char *message =
            g_strdup_printf (_("%s: type a number, not yes or no."), def->label);
          add_error (errors, id, message);
        }
      else if (state == GENU_FINDING_NUMBER)
        {
          g_autofree char *message = genu_knowledge_base_check_number (kb, id, number);

          if (message != NULL)
            add_error (errors, id, message);
        }
      else if (grade > def->max_grade)
        {
          g_autofree char *message = NULL;

          if (def->max_grade == 0)
            /* TRANSLATORS: %s is a finding, e.g. "McMurray test" */
            message = g_strdup_printf (_("%s has no grades. Clear the grade."), def->label);
          else
            /* TRANSLATORS: "Valgus stress at 30°: laxity: choose a grade from 1 to 3." */
            message = g_strdup_printf (_("%s: choose a grade from 1 to %d."),
                                       def->label, def->max_grade);
          add_error (errors, id, message);
        }
    }
}

/**
 * genu_visit_validate:
 * @patient: (nullable): the patient the visit belongs to, for the date of birth
 * @kb: the knowledge base the findings are judged by
 * @today: (nullable): the day that counts as today; %NULL for the real today
 *
 * Checks every rule a visit and its knee assessment must meet before they are saved. Surrounding
 * spaces do not count.
 *
 * Returns: (transfer full) (element-type GenuFieldError): the broken rules in the order of the
 * form; a finding's errors name the finding id as their field. Empty when the visit can be saved.
 */
GPtrArray *
genu_visit_validate (GenuVisit         *visit,
                     GenuPatient       *patient,
                     GenuKnowledgeBase *kb,
                     const GDate       *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autofree char *date = NULL;
  GenuAssessment *assessment;
  GenuVisitKind kind;
  GDate now;

  g_return_val_if_fail (GENU_IS_VISIT (visit), errors);
  g_return_val_if_fail (patient == NULL || GENU_IS_PATIENT (patient), errors);
  g_return_val_if_fail (GENU_IS_KNOWLEDGE_BASE (kb), errors);

  if (today == NULL)
    {
      genu_date_set_today (&now);
      today = &now;
    }

  date = g_strstrip (g_strdup (genu_visit_get_text (visit, GENU_VISIT_DATE)));
  validate_visit_date (errors, date, patient, today);

  if (is_blank (genu_visit_get_text (visit, GENU_VISIT_THERAPIST)))
    add_error (errors, genu_visit_text_column (GENU_VISIT_THERAPIST),
               _("Enter the therapist’s name; it is required."));

  kind = genu_visit_get_kind (visit);
  assessment = genu_visit_get_assessment (visit);
  if (assessment == NULL)
    return errors;

  if (!genu_visit_kind_has_assessment (kind))
    {
      if (kind == GENU_VISIT_FOLLOW_UP)
        add_error (errors, "kind",
                   _("A follow-up has no knee assessment. Make the visit a re-evaluation to "
                     "record one, or remove the assessment."));
      else
        add_error (errors, "kind",
                   _("A discharge has no knee assessment. Make the visit a re-evaluation to "
                     "record one, or remove the assessment."));
    }

  {
    int weeks = genu_assessment_get_duration_weeks (assessment);

    if (weeks != -1 && (weeks < 0 || weeks > DURATION_MAX_WEEKS))
      add_error (errors, "duration_weeks",
                 _("Type how many weeks the pain has lasted, from 0 to 520 (ten years), "
                   "or leave it empty."));
  }

  validate_findings (errors, genu_assessment_get_findings (assessment), kb);

  return errors;
}
