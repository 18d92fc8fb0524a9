/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-patient.h"
#include "genu-report.h"
#include "genu-store.h"

G_BEGIN_DECLS

typedef enum {
  GENU_SUMMARY_PRINT,       /* through the print dialog, with its preview */
  GENU_SUMMARY_SAVE_PDF,    /* through the file chooser (a portal in the Flatpak) */
} GenuSummaryAction;

#define GENU_TYPE_SUMMARY_DIALOG (genu_summary_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GenuSummaryDialog, genu_summary_dialog, GENU, SUMMARY_DIALOG,
                      AdwMessageDialog)

/* Asks what the treatment summary of @patient holds (the whole record or a date range, with or
 * without the suggested differential), then prints it or saves it as a PDF. Clinic details and
 * the paper size come from the settings. */
GtkWidget  *genu_summary_dialog_new             (GtkWindow         *parent,
                                                 GenuStore         *store,
                                                 GenuPatient       *patient,
                                                 GenuSummaryAction  action);

/* The options as typed; FALSE while a date is wrong (its message is under its field). The
 * strings belong to the dialog. */
gboolean    genu_summary_dialog_get_options     (GenuSummaryDialog *self,
                                                 GenuReportOptions *options);
/* "Mustermann, Erika – treatment summary 2026-11-25.pdf" */
char       *genu_summary_dup_file_name          (GenuPatient       *patient);

/* The print operation of the summary: its pages come from genu_report_paginate() and
 * genu_report_draw_page(), at the size the print dialog chooses. */
GtkPrintOperation *genu_summary_print_operation_new (GenuStore               *store,
                                                     GenuPatient             *patient,
                                                     const GenuReportOptions *options,
                                                     GError                 **error);

/* For tests. */
GtkWidget  *genu_summary_dialog_get_field       (GenuSummaryDialog *self,
                                                 const char        *field);
const char *genu_summary_dialog_get_field_error (GenuSummaryDialog *self,
                                                 const char        *field);

G_END_DECLS
