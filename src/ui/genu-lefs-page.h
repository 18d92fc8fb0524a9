/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-lefs.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_LEFS_PAGE (genu_lefs_page_get_type ())
G_DECLARE_FINAL_TYPE (GenuLefsPage, genu_lefs_page, GENU, LEFS_PAGE, AdwBin)

void          genu_lefs_page_load              (GenuLefsPage  *self,
                                                GenuPatient   *patient,
                                                GenuPlan      *plan,
                                                GenuOutcome   *outcome);
GenuOutcome  *genu_lefs_page_get_outcome       (GenuLefsPage  *self);
gboolean      genu_lefs_page_get_dirty         (GenuLefsPage  *self);
gboolean      genu_lefs_page_save              (GenuLefsPage  *self,
                                                GError       **error);
void          genu_lefs_page_revert            (GenuLefsPage  *self);

/* For tests and accessibility checks. */
GtkWidget    *genu_lefs_page_get_field         (GenuLefsPage  *self,
                                                const char    *field);
const char   *genu_lefs_page_get_field_error   (GenuLefsPage  *self,
                                                const char    *field);
GtkWidget    *genu_lefs_page_get_answer_button (GenuLefsPage  *self,
                                                guint          item,
                                                int            value);

G_END_DECLS
