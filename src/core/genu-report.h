/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "genu-store.h"

G_BEGIN_DECLS

/* Fonts for every script a name or a note may be written in: Pango takes each character from
 * the first family that has it, so there are real glyphs, not boxes. */
#define GENU_REPORT_FONT_FAMILY \
  "Cantarell, DejaVu Sans, Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, Noto Naskh Arabic, Sans"

/* What a treatment summary shows besides the records: the clinic (from Preferences), the period
 * and the paper. Every member may be NULL / FALSE. */
typedef struct {
  const char *clinic_name;
  const char *clinic_address;     /* may hold several lines */
  const char *clinic_phone;
  const char *logo_path;          /* a PNG file; one that cannot be read is left out */
  const char *from;               /* YYYY-MM-DD, inclusive; NULL = from the first record */
  const char *to;                 /* YYYY-MM-DD, inclusive; NULL = up to the last record */
  gboolean    include_differential;
  const char *paper;              /* "a4", "letter", or NULL for the locale's (LC_PAPER) */
} GenuReportOptions;

/* The page size of @paper ("a4", "letter"; NULL = the locale's LC_PAPER, A4 when it tells
 * nothing), in points. FALSE for an unknown name. */
gboolean    genu_report_paper_size      (const char               *paper,
                                         double                   *width,
                                         double                   *height);

#define GENU_TYPE_REPORT (genu_report_get_type ())
G_DECLARE_FINAL_TYPE (GenuReport, genu_report, GENU, REPORT, GObject)

/* Gathers one patient's records between @options->from and @options->to and writes them as a
 * document. GENU_STORE_ERROR_NOT_FOUND for an unknown patient, G_IO_ERROR_INVALID_ARGUMENT for a
 * date or paper that is not one. */
GenuReport *genu_report_new             (GenuStore                *store,
                                         gint64                    patient_id,
                                         const GenuReportOptions  *options,
                                         GError                  **error);

/* For the print dialog, whose cairo context and page size they take (points, margins inside):
 * the number of pages, then each page from 0. */
guint       genu_report_paginate        (GenuReport               *self,
                                         cairo_t                  *cr,
                                         double                    page_width,
                                         double                    page_height);
void        genu_report_draw_page       (GenuReport               *self,
                                         cairo_t                  *cr,
                                         guint                     page);
/* The page size of the options' paper, in points. */
void        genu_report_get_page_size   (GenuReport               *self,
                                         double                   *width,
                                         double                   *height);

/* Writes the document as a PDF file at @path, on the options' paper. The pages go to a new file
 * (mode 0600) in the same folder, which then replaces @path: a failure leaves neither a partial
 * @path nor a temporary file. The error (G_IO_ERROR) names the path. */
gboolean    genu_report_write_pdf       (GenuReport               *self,
                                         const char               *path,
                                         GError                  **error);

G_END_DECLS
