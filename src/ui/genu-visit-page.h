/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-diagnosis.h"
#include "genu-patient.h"
#include "genu-store.h"
#include "genu-visit.h"

G_BEGIN_DECLS

#define GENU_TYPE_VISIT_PAGE (genu_visit_page_get_type ())
G_DECLARE_FINAL_TYPE (GenuVisitPage, genu_visit_page, GENU, VISIT_PAGE, AdwBin)

void           genu_visit_page_load              (GenuVisitPage  *self,
                                                  GenuPatient    *patient,
                                                  GenuVisit      *visit);
GenuVisit     *genu_visit_page_get_visit         (GenuVisitPage  *self);
gboolean       genu_visit_page_get_dirty         (GenuVisitPage  *self);
/* Whether the visit shown is signed, so shown as it was signed, with nothing to edit. */
gboolean       genu_visit_page_get_read_only     (GenuVisitPage  *self);
gboolean       genu_visit_page_get_suggestions_folded (GenuVisitPage *self);
gboolean       genu_visit_page_save              (GenuVisitPage  *self,
                                                  GError        **error);
void           genu_visit_page_revert            (GenuVisitPage  *self);
/* Signs the saved visit (no unsaved changes: else %GENU_STORE_ERROR_INVALID) through
 * genu_store_sign_visit() and shows it signed. The page's "sign-requested" signal (the
 * "visit.sign" action) asks the window for the name first; "visit.amend" turns a signed visit
 * into a new amendment of it, saved with genu_visit_page_save() once its reason is typed. */
gboolean       genu_visit_page_sign              (GenuVisitPage  *self,
                                                  const char     *signed_by,
                                                  GError        **error);
GenuDiagnosis *genu_visit_page_get_diagnosis     (GenuVisitPage  *self);

/* For tests and accessibility checks. */
GtkWidget     *genu_visit_page_get_field         (GenuVisitPage  *self,
                                                  const char     *field);
const char    *genu_visit_page_get_field_error   (GenuVisitPage  *self,
                                                  const char     *field);
GtkWidget     *genu_visit_page_get_finding_button (GenuVisitPage *self,
                                                  const char     *finding,
                                                  GenuFindingState state);

G_END_DECLS
