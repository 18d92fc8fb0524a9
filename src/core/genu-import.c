/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-import.h"

#include "genu-distance.h"
#include "genu-store-demo-private.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (genu-import-error-quark, genu_import_error)

typedef enum {
  KIND_TEXT,
  KIND_SEX,
  KIND_WEEKLY_DISTANCE,
  KIND_YEARS_RUNNING,
} ColumnKind;

typedef struct {
  const char      *name;
  ColumnKind       kind;
  GenuPatientText  text;
  gboolean         required;
  const char      *help;
} Column;

/* The columns of the header, in the order of the patient form. The names are the database
 * columns, which are also the JSON keys of genu-cli's --json output. */
static const Column columns[] = {
  { "record_number", KIND_TEXT, GENU_PATIENT_RECORD_NUMBER, FALSE,
    N_("The record number, such as G-000123: letters, digits, “-”, “/” and “.”, at most 32 "
       "characters, new to the database. Empty: Genu gives the next free number.") },
  { "family_name", KIND_TEXT, GENU_PATIENT_FAMILY_NAME, TRUE,
    N_("The family name (surname); required.") },
  { "given_names", KIND_TEXT, GENU_PATIENT_GIVEN_NAMES, TRUE,
    N_("The given names (first names); required.") },
  { "date_of_birth", KIND_TEXT, GENU_PATIENT_DATE_OF_BIRTH, TRUE,
    N_("The date of birth as YYYY-MM-DD, for example 1985-04-23; required.") },
  { "sex", KIND_SEX, 0, FALSE,
    N_("female, male, other or unknown, in any case. Empty: unknown.") },
  { "phone", KIND_TEXT, GENU_PATIENT_PHONE, FALSE,
    N_("The phone number: digits, spaces and + - ( ) . /, for example +49 30 1234567.") },
  { "email", KIND_TEXT, GENU_PATIENT_EMAIL, FALSE,
    N_("The email address, as name@example.com.") },
  { "address", KIND_TEXT, GENU_PATIENT_ADDRESS, FALSE,
    N_("The postal address; put it in double quotes when it holds commas or line breaks.") },
  { "referring_physician", KIND_TEXT, GENU_PATIENT_REFERRING_PHYSICIAN, FALSE,
    N_("The referring physician.") },
  { "notes", KIND_TEXT, GENU_PATIENT_NOTES, FALSE, N_("Notes on the patient.") },
  { "weekly_distance_km", KIND_WEEKLY_DISTANCE, 0, FALSE,
    N_("The weekly running distance in kilometres, from 0 to 400, for example 32.5.") },
  { "years_running", KIND_YEARS_RUNNING, 0, FALSE,
    N_("The years of running, a whole number from 0 to 90.") },
  { "goal_event", KIND_TEXT, GENU_PATIENT_GOAL_EVENT, FALSE,
    N_("The race or event the patient trains for.") },
  { "usual_surface", KIND_TEXT, GENU_PATIENT_USUAL_SURFACE, FALSE,
    N_("The surface the patient usually runs on.") },
  { "shoes", KIND_TEXT, GENU_PATIENT_SHOES, FALSE, N_("The running shoes.") },
  { "training_changes", KIND_TEXT, GENU_PATIENT_TRAINING_CHANGES, FALSE,
    N_("Recent changes in training.") },
};

/**
 * genu_import_dup_columns:
 *
 * Returns: (transfer full): the column names a header may use, in the order of the form.
 */
char **
genu_import_dup_columns (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_strv_builder_add (builder, columns[i].name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * genu_import_column_help:
 *
 * Returns: (nullable): what @column holds and how to write it, translated.
 */
const char *
genu_import_column_help (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i].name, column) == 0)
      return _(columns[i].help);
  return NULL;
}

static void
problem_free (GenuImportProblem *problem)
{
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

void
genu_import_report_free (GenuImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->preview, g_ptr_array_unref);
  g_free (report);
}

/* The CSV reader (RFC 4180, read leniently where that cannot change a value). */

typedef struct {
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;
  GString    *field;
} CsvReader;

/* Reads the next record into @fields, as strings that may not be valid UTF-8. A line break
 * inside quotes is kept as "\n". @problem is set when the record is malformed; reading goes on
 * after it. Returns FALSE at the end of the data. */
static gboolean
csv_next_record (CsvReader  *reader,
                 GPtrArray  *fields,
                 guint      *start_line,
                 char      **problem)
{
  const char *data = reader->data;
  gsize len = reader->len;

  g_ptr_array_set_size (fields, 0);
  if (reader->pos >= len)
    return FALSE;
  *start_line = reader->line;

  for (;;)
    {
      gsize pos = reader->pos;

      g_string_truncate (reader->field, 0);
      if (pos < len && data[pos] == '"')
        {
          gboolean closed = FALSE;

          pos++;
          while (pos < len)
            {
              char c = data[pos];

              if (c == '"')
                {
                  if (pos + 1 < len && data[pos + 1] == '"')
                    {
                      g_string_append_c (reader->field, '"');
                      pos += 2;
                      continue;
                    }
                  pos++;
                  closed = TRUE;
                  break;
                }
              if (c == '\r' || c == '\n')
                {
                  /* A line break inside quotes, kept as LF whatever the file uses. */
                  if (c == '\r' && pos + 1 < len && data[pos + 1] == '\n')
                    pos++;
                  c = '\n';
                  reader->line++;
                }
              g_string_append_c (reader->field, c);
              pos++;
            }
          if (!closed && *problem == NULL)
            *problem = g_strdup_printf (_("The field in quotes that starts on line %u has no "
                                          "closing quote. Add the closing quote (\")."),
                                        *start_line);
          if (pos < len && data[pos] != ',' && data[pos] != '\r' && data[pos] != '\n')
            {
              if (*problem == NULL)
                *problem = g_strdup (_("A field in quotes has more text after its closing "
                                       "quote. Put the whole field in quotes, and double each "
                                       "quote inside it (\"\")."));
              while (pos < len && data[pos] != ',' && data[pos] != '\r' && data[pos] != '\n')
                g_string_append_c (reader->field, data[pos++]);
            }
        }
      else
        {
          gsize start = pos;

          while (pos < len && data[pos] != ',' && data[pos] != '\r' && data[pos] != '\n')
            pos++;
          g_string_append_len (reader->field, data + start, pos - start);
        }

      g_ptr_array_add (fields, g_strndup (reader->field->str, reader->field->len));
      if (pos >= len)
        {
          reader->pos = pos;
          return TRUE;
        }
      if (data[pos] == ',')
        {
          reader->pos = pos + 1;
          continue;
        }
      /* The end of the line: CRLF, LF or a lone CR. */
      if (data[pos] == '\r' && pos + 1 < len && data[pos + 1] == '\n')
        pos++;
      reader->pos = pos + 1;
      reader->line++;
      return TRUE;
    }
}

static gboolean
is_blank_record (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *p = g_ptr_array_index (fields, i);

      for (; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

static const Column *
find_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i].name, name) == 0)
      return &columns[i];
  return NULL;
}

static char *
dup_column_list (void)
{
  g_auto(GStrv) names = genu_import_dup_columns ();

  return g_strjoinv (", ", names);
}

/* Maps each field of the header to its column; fails naming what is wrong. */
static gboolean
read_header (GPtrArray      *fields,
             const Column ***map,
             GError        **error)
{
  g_autofree const Column **result = g_new0 (const Column *, fields->len);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  for (guint i = 0; i < fields->len; i++)
    {
      const char *raw = g_ptr_array_index (fields, i);
      g_autofree char *name = NULL;
      const Column *column;

      if (!g_utf8_validate (raw, -1, NULL))
        {
          g_set_error_literal (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_FILE,
                               _("The header line is not UTF-8 text. Save the file as "
                                 "“CSV UTF-8” in your spreadsheet and import it again."));
          return FALSE;
        }
      name = g_strstrip (g_ascii_strdown (raw, -1));
      if (*name == '\0')
        {
          g_autofree char *list = dup_column_list ();

          g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER,
                       _("Column %u of the header has no name. Name it with one of %s, or "
                         "delete the column."), i + 1, list);
          return FALSE;
        }
      column = find_column (name);
      if (column == NULL)
        {
          g_autofree char *list = dup_column_list ();

          g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER,
                       _("Genu does not know the column “%s”. Rename it to one of %s, or "
                         "delete the column."), raw, list);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (result[j] == column)
          {
            g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER,
                         _("The column “%s” appears twice in the header. Delete one of them."),
                         column->name);
            return FALSE;
          }
      result[i] = column;
    }

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      gboolean found = FALSE;

      if (!columns[c].required)
        continue;
      for (guint i = 0; i < fields->len && !found; i++)
        found = result[i] == &columns[c];
      if (!found)
        g_ptr_array_add (missing, (gpointer) columns[c].name);
    }
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv (", ", (char **) missing->pdata);
      g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER,
                   ngettext ("The header has no column %s, which is required. The first line "
                             "names the columns, for example: "
                             "family_name,given_names,date_of_birth",
                             "The header has no columns %s, which are required. The first line "
                             "names the columns, for example: "
                             "family_name,given_names,date_of_birth",
                             missing->len - 1),
                   list);
      return FALSE;
    }

  *map = g_steal_pointer (&result);
  return TRUE;
}

typedef struct {
  GenuStore        *store;
  GenuImportReport *report;
  GPtrArray        *good;     /* GenuPatient */
  GArray           *good_rows;
  GHashTable       *numbers;  /* record number folded → row where it first appears */
  GDate             today;
  guint             row;
  guint             line;
  gboolean          row_bad;
} Check;

static void
add_problem (Check      *check,
             const char *field,
             const char *message)
{
  GenuImportProblem *problem = g_new0 (GenuImportProblem, 1);

  problem->row = check->row;
  problem->line = check->line;
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  g_ptr_array_add (check->report->problems, problem);
  check->row_bad = TRUE;
}

/* Accepts the spelling of the database ("female"), in any case, as genu-cli does. */
static gboolean
parse_sex (const char *text,
           GenuSex    *sex)
{
  g_autofree char *lower = g_strstrip (g_ascii_strdown (text, -1));

  if (*lower == '\0')
    {
      *sex = GENU_SEX_UNKNOWN;
      return TRUE;
    }
  return genu_sex_from_string (lower, sex);
}

static gboolean
check_row (Check          *check,
           GPtrArray      *fields,
           const Column  **map,
           guint           n_columns,
           GError        **error)
{
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GPtrArray) errors = NULL;
  gboolean field_bad[G_N_ELEMENTS (columns)] = { FALSE, };
  const char *record_number;

  if (fields->len != n_columns)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("This row has %u field, but the header has %u. Put fields "
                                   "that hold commas in double quotes.",
                                   "This row has %u fields, but the header has %u. Put fields "
                                   "that hold commas in double quotes.", fields->len),
                         fields->len, n_columns);

      add_problem (check, NULL, message);
      return TRUE;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      const char *value = g_ptr_array_index (fields, i);
      const Column *column = map[i];
      guint c = column - columns;
      g_autoptr(GError) local_error = NULL;

      if (!g_utf8_validate_len (value, strlen (value), NULL))
        {
          add_problem (check, column->name,
                       _("This is not UTF-8 text. Save the file as “CSV UTF-8” in your "
                         "spreadsheet and import it again."));
          field_bad[c] = TRUE;
          continue;
        }

      switch (column->kind)
        {
        case KIND_TEXT:
          genu_patient_set_text (patient, column->text, value);
          break;

        case KIND_SEX:
          {
            GenuSex sex;

            if (parse_sex (value, &sex))
              {
                genu_patient_set_sex (patient, sex);
              }
            else
              {
                g_autofree char *message =
                  g_strdup_printf (_("“%s” is not one of the values Genu records. "
                                     "Type female, male, other or unknown."), value);

                add_problem (check, column->name, message);
                field_bad[c] = TRUE;
              }
          }
          break;

        case KIND_WEEKLY_DISTANCE:
          {
            double km;

            if (genu_distance_parse_weekly (value, GENU_DISTANCE_KM, &km, &local_error))
              {
                genu_patient_set_weekly_distance_km (patient, km);
              }
            else
              {
                add_problem (check, column->name, local_error->message);
                field_bad[c] = TRUE;
              }
          }
          break;

        case KIND_YEARS_RUNNING:
          {
            int years;

            if (genu_parse_years_running (value, &years, &local_error))
              {
                genu_patient_set_years_running (patient, years);
              }
            else
              {
                add_problem (check, column->name, local_error->message);
                field_bad[c] = TRUE;
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  genu_patient_strip_texts (patient);
  errors = genu_patient_validate (patient, &check->today);
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *field_error = g_ptr_array_index (errors, i);
      const Column *column = find_column (field_error->field);

      if (column != NULL && field_bad[column - columns])
        continue;
      add_problem (check, field_error->field, field_error->message);
      if (column != NULL)
        field_bad[column - columns] = TRUE;
    }

  /* Unique record numbers, in the file and in the database (compared without case, as the
   * database compares them). */
  record_number = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);
  if (*record_number != '\0' && !field_bad[0])
    {
      g_autofree char *folded = g_ascii_strdown (record_number, -1);
      gpointer first_row;
      gboolean used = FALSE;

      if (g_hash_table_lookup_extended (check->numbers, folded, NULL, &first_row))
        {
          g_autofree char *message =
            g_strdup_printf (_("The record number “%s” is also on row %u. Give each patient a "
                               "different one, or leave it empty to have one made."),
                             record_number, GPOINTER_TO_UINT (first_row));

          add_problem (check, "record_number", message);
        }
      else
        {
          g_hash_table_insert (check->numbers, g_steal_pointer (&folded),
                               GUINT_TO_POINTER (check->row));
          if (check->store != NULL &&
              !_genu_store_record_number_used (check->store, record_number, &used, error))
            return FALSE;
          if (used)
            {
              g_autofree char *message =
                g_strdup_printf (_("The record number “%s” is already used by another "
                                   "patient. Type a different one, or leave it empty to have "
                                   "one made."), record_number);

              add_problem (check, "record_number", message);
            }
        }
    }

  if (!check->row_bad)
    {
      if (check->report->preview->len < GENU_IMPORT_PREVIEW_ROWS)
        g_ptr_array_add (check->report->preview, g_object_ref (patient));
      g_ptr_array_add (check->good, g_steal_pointer (&patient));
      g_array_append_val (check->good_rows, check->row);
    }
  return TRUE;
}

static GenuImportReport *
check_contents (GenuStore   *store,
                GBytes      *contents,
                GPtrArray  **good,
                GArray     **good_rows,
                GHashTable **numbers,
                GError     **error)
{
  g_autoptr(GenuImportReport) report = g_new0 (GenuImportReport, 1);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) good_patients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree const Column **map = NULL;
  g_autofree char *header_problem = NULL;
  CsvReader reader = { NULL, };
  Check check = { NULL, };
  guint n_columns;
  guint start_line = 1;
  gsize len;

  reader.data = g_bytes_get_data (contents, &len);
  reader.len = len;
  reader.line = 1;
  reader.field = field;
  if (len >= 3 && memcmp (reader.data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  report->preview = g_ptr_array_new_with_free_func (g_object_unref);

  if (!csv_next_record (&reader, fields, &start_line, &header_problem) ||
      is_blank_record (fields))
    {
      g_set_error_literal (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_FILE,
                           _("The file is empty. Its first line must be the header, for "
                             "example: family_name,given_names,date_of_birth"));
      return NULL;
    }
  if (header_problem != NULL)
    {
      g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_HEADER,
                   _("The header line cannot be read: %s"), header_problem);
      return NULL;
    }
  if (!read_header (fields, &map, error))
    return NULL;
  n_columns = fields->len;

  check.store = store;
  check.report = report;
  check.good = good_patients;
  check.good_rows = rows;
  check.numbers = seen;
  check.row = 1;
  genu_date_set_today (&check.today);

  for (;;)
    {
      g_autofree char *problem = NULL;

      if (!csv_next_record (&reader, fields, &start_line, &problem))
        break;
      check.row++;
      check.line = start_line;
      check.row_bad = FALSE;
      if (problem != NULL)
        add_problem (&check, NULL, problem);
      else if (is_blank_record (fields))
        continue;
      else if (!check_row (&check, fields, map, n_columns, error))
        return NULL;

      report->n_rows++;
      if (check.row_bad)
        report->n_bad++;
      else
        report->n_good++;
    }

  if (good != NULL)
    *good = g_steal_pointer (&good_patients);
  if (good_rows != NULL)
    *good_rows = g_steal_pointer (&rows);
  if (numbers != NULL)
    *numbers = g_steal_pointer (&seen);
  return g_steal_pointer (&report);
}

static GBytes *
load (GFile   *file,
      GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!g_file_load_contents (file, NULL, &data, &len, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_FILE,
                   _("Could not read %s: %s. Check the name of the file."),
                   name, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (data, len);
}

/**
 * genu_import_patients_check_bytes:
 * @store: (nullable): the database the record numbers must be new to
 *
 * Reads the CSV in @contents and judges every row, writing nothing.
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the file as a whole cannot
 * be imported (not readable, empty, a header with an unknown or without a required column).
 */
GenuImportReport *
genu_import_patients_check_bytes (GenuStore  *store,
                                  GBytes     *contents,
                                  GError    **error)
{
  g_return_val_if_fail (store == NULL || GENU_IS_STORE (store), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  return check_contents (store, contents, NULL, NULL, NULL, error);
}

GenuImportReport *
genu_import_patients_check (GenuStore  *store,
                            GFile      *file,
                            GError    **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = load (file, error);
  if (contents == NULL)
    return NULL;
  return genu_import_patients_check_bytes (store, contents, error);
}

/**
 * genu_import_patients_bytes:
 * @skip_bad: import the good rows when some have problems
 * @report: (out) (optional) (transfer full): the report, also when the import is refused
 *
 * Imports the patients of the CSV in @contents in a single transaction: all of them or none.
 * Each one gets a "create" entry in the audit trail, as a save from the form. When a row has a
 * problem and @skip_bad is %FALSE, nothing is written and @error is
 * %GENU_IMPORT_ERROR_BAD_ROWS; the problems are in @report.
 */
gboolean
genu_import_patients_bytes (GenuStore         *store,
                            GBytes            *contents,
                            gboolean           skip_bad,
                            GenuImportReport **report,
                            GError           **error)
{
  g_autoptr(GenuImportReport) result = NULL;
  g_autoptr(GPtrArray) good = NULL;
  g_autoptr(GArray) good_rows = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GenuStoreBulk) bulk = NULL;

  g_return_val_if_fail (GENU_IS_STORE (store), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (report != NULL)
    *report = NULL;
  result = check_contents (store, contents, &good, &good_rows, &numbers, error);
  if (result == NULL)
    return FALSE;

  if (result->n_bad > 0 && !skip_bad)
    {
      g_set_error (error, GENU_IMPORT_ERROR, GENU_IMPORT_ERROR_BAD_ROWS,
                   ngettext ("Nothing was imported: %u row has problems.",
                             "Nothing was imported: %u rows have problems.", result->n_bad),
                   result->n_bad);
      if (report != NULL)
        *report = g_steal_pointer (&result);
      return FALSE;
    }

  if (good->len > 0)
    {
      bulk = _genu_store_bulk_begin_import (store, error);
      if (bulk == NULL)
        return FALSE;
      _genu_store_bulk_reserve_record_numbers (bulk, numbers);
      for (guint i = 0; i < good->len; i++)
        {
          g_autoptr(GError) local_error = NULL;

          if (!_genu_store_bulk_add_patient (bulk, g_ptr_array_index (good, i), &local_error))
            {
              /* Nothing is kept: freeing @bulk rolls the transaction back. */
              g_set_error (error, local_error->domain, local_error->code,
                           _("Row %u: %s Nothing was imported."),
                           g_array_index (good_rows, guint, i), local_error->message);
              return FALSE;
            }
        }
      if (!_genu_store_bulk_commit (bulk, error))
        return FALSE;
    }

  result->n_imported = good->len;
  if (report != NULL)
    *report = g_steal_pointer (&result);
  return TRUE;
}

gboolean
genu_import_patients (GenuStore         *store,
                      GFile             *file,
                      gboolean           skip_bad,
                      GenuImportReport **report,
                      GError           **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (report != NULL)
    *report = NULL;
  contents = load (file, error);
  if (contents == NULL)
    return FALSE;
  return genu_import_patients_bytes (store, contents, skip_bad, report, error);
}
