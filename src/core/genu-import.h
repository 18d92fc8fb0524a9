/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "genu-patient.h"
#include "genu-store.h"

G_BEGIN_DECLS

/* Importing patients from a CSV file (RFC 4180: commas, fields in double quotes may hold commas,
 * line breaks and doubled quotes; CRLF or LF line ends; UTF-8, a byte order mark is skipped).
 * The first line is the header: the column names of genu_import_dup_columns(), in any order;
 * family_name, given_names and date_of_birth are required. Each row is judged as the patient
 * form judges it (genu_patient_validate()), and its record number must be new to the file and to
 * the database. */

#define GENU_IMPORT_ERROR (genu_import_error_quark ())

typedef enum {
  GENU_IMPORT_ERROR_FILE,      /* cannot be read, is empty, or is not UTF-8 text */
  GENU_IMPORT_ERROR_HEADER,    /* a required column is missing, or a column is unknown */
  GENU_IMPORT_ERROR_BAD_ROWS,  /* rows have problems and skip_bad was not asked */
} GenuImportError;

/* How many good rows GenuImportReport.preview holds at most. */
#define GENU_IMPORT_PREVIEW_ROWS 100

/* One thing wrong with one row. */
typedef struct {
  guint  row;      /* the row as a spreadsheet numbers it: the header is row 1 */
  guint  line;     /* the line of the file where the row starts (differs from @row when
                    * fields hold line breaks) */
  char  *field;    /* the column name, or NULL when the problem is the row as a whole */
  char  *message;  /* what is wrong and what to type instead: the patient form's words */
} GenuImportProblem;

typedef struct {
  guint      n_rows;     /* data rows (blank lines not counted) */
  guint      n_good;     /* rows without problems */
  guint      n_bad;      /* rows with at least one problem */
  guint      n_imported; /* patients written by genu_import_patients() */
  GPtrArray *problems;   /* (element-type GenuImportProblem) in the order of the file */
  GPtrArray *preview;    /* (element-type GenuPatient) the first good rows, as they would be
                          * saved */
} GenuImportReport;

GQuark            genu_import_error_quark     (void);

char            **genu_import_dup_columns     (void);
const char       *genu_import_column_help     (const char        *column);

GenuImportReport *genu_import_patients_check  (GenuStore         *store,
                                               GFile             *file,
                                               GError           **error);
gboolean          genu_import_patients        (GenuStore         *store,
                                               GFile             *file,
                                               gboolean           skip_bad,
                                               GenuImportReport **report,
                                               GError           **error);
/* The same, on the contents of a file already read. */
GenuImportReport *genu_import_patients_check_bytes (GenuStore    *store,
                                                    GBytes       *contents,
                                                    GError      **error);
gboolean          genu_import_patients_bytes  (GenuStore         *store,
                                               GBytes            *contents,
                                               gboolean           skip_bad,
                                               GenuImportReport **report,
                                               GError           **error);

void              genu_import_report_free     (GenuImportReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenuImportReport, genu_import_report_free)

G_END_DECLS
