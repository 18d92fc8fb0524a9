/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* A printed document laid out with Pango and cairo, without GTK: a flow of blocks (headings,
 * paragraphs, label/value fields, tables, drawings) cut into pages, each page with a running
 * header and a footer that says "Page N of M". The same object serves a PDF file, the print
 * dialog and the command line: it is given a cairo context and a page size, in points.
 *
 * Tables break between rows and repeat their header row on each page; a row taller than what is
 * left of a page is split between its text lines, so nothing is ever cut off at a page edge. */

typedef enum {
  GENU_REPORT_TEXT_NORMAL = 0,
  GENU_REPORT_TEXT_BOLD   = 1 << 0,
  GENU_REPORT_TEXT_ITALIC = 1 << 1,
  GENU_REPORT_TEXT_SMALL  = 1 << 2,
  GENU_REPORT_TEXT_LARGE  = 1 << 3,
} GenuReportTextStyle;

/* Draws a figure into the rectangle (0, 0) - (@width, @height) of @cr, in points. */
typedef void (*GenuReportDrawFunc) (cairo_t    *cr,
                                    double      width,
                                    double      height,
                                    gpointer    user_data);

#define GENU_TYPE_REPORT_LAYOUT (genu_report_layout_get_type ())
G_DECLARE_FINAL_TYPE (GenuReportLayout, genu_report_layout, GENU, REPORT_LAYOUT, GObject)

/* @font_family: a comma-separated list, so that Pango finds real glyphs for every script
 * (GENU_REPORT_FONT_FAMILY); @font_size in points. */
GenuReportLayout *genu_report_layout_new              (const char          *font_family,
                                                       double               font_size);

/* What is printed on every page: at the top, @header_start (the patient) and @header_end (the
 * print date); at the bottom, @footer_start (the clinic) and "Page N of M". Each may be NULL. */
void              genu_report_layout_set_running_texts (GenuReportLayout   *self,
                                                        const char         *header_start,
                                                        const char         *header_end,
                                                        const char         *footer_start);

/* The first block: an optional logo (kept, scaled to at most 48 points high) beside a title
 * and the lines of @text. */
void              genu_report_layout_add_letterhead   (GenuReportLayout    *self,
                                                       cairo_surface_t     *logo,
                                                       const char          *title,
                                                       const char          *text);
/* Level 0 is the document title, 1 a section, 2 a subsection. A heading is never left alone
 * at the foot of a page. */
void              genu_report_layout_add_heading      (GenuReportLayout    *self,
                                                       const char          *text,
                                                       guint                level);
void              genu_report_layout_add_paragraph    (GenuReportLayout    *self,
                                                       const char          *text,
                                                       GenuReportTextStyle  style);
/* One "Label  value" line of a list of fields; consecutive fields share their label column. */
void              genu_report_layout_add_field        (GenuReportLayout    *self,
                                                       const char          *label,
                                                       const char          *value);
/* Starts a table of @n_columns; @widths are the shares of the page width (summing to 1). The
 * rows that follow (genu_report_layout_add_row()) belong to it until another block is added. */
void              genu_report_layout_begin_table      (GenuReportLayout    *self,
                                                       guint                n_columns,
                                                       const double        *widths,
                                                       const char * const  *headers);
void              genu_report_layout_add_row          (GenuReportLayout    *self,
                                                       const char * const  *cells);
/* A drawing @height points high across the width of the page, kept on one page. */
void              genu_report_layout_add_figure       (GenuReportLayout    *self,
                                                       double               height,
                                                       GenuReportDrawFunc   func,
                                                       gpointer             user_data,
                                                       GDestroyNotify       destroy);
void              genu_report_layout_add_space        (GenuReportLayout    *self,
                                                       double               points);

/* Lays the blocks out for pages of @page_width × @page_height points (margins inside), with the
 * fonts of @cr's target. Returns the number of pages (at least 1). Can be called again, for
 * another size. */
guint             genu_report_layout_paginate         (GenuReportLayout    *self,
                                                       cairo_t             *cr,
                                                       double               page_width,
                                                       double               page_height);
guint             genu_report_layout_get_n_pages      (GenuReportLayout    *self);
/* Draws page @page (from 0) in @cr, whose origin is the page's top left corner, in points. */
void              genu_report_layout_draw_page        (GenuReportLayout    *self,
                                                       cairo_t             *cr,
                                                       guint                page);

G_END_DECLS
