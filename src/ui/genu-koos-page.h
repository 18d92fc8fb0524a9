/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-koos.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_KOOS_PAGE (genu_koos_page_get_type ())
G_DECLARE_FINAL_TYPE (GenuKoosPage, genu_koos_page, GENU, KOOS_PAGE, AdwBin)

void          genu_koos_page_load              (GenuKoosPage  *self,
                                                GenuPatient   *patient,
                                                GenuPlan      *plan,
                                                GenuKoos      *koos);
GenuKoos     *genu_koos_page_get_koos          (GenuKoosPage  *self);
gboolean      genu_koos_page_get_dirty         (GenuKoosPage  *self);
gboolean      genu_koos_page_save              (GenuKoosPage  *self,
                                                GError       **error);
void          genu_koos_page_revert            (GenuKoosPage  *self);

/* For tests and accessibility checks. */
GtkWidget    *genu_koos_page_get_field         (GenuKoosPage  *self,
                                                const char    *field);
const char   *genu_koos_page_get_field_error   (GenuKoosPage  *self,
                                                const char    *field);
GtkWidget    *genu_koos_page_get_answer_button (GenuKoosPage  *self,
                                                guint          item,
                                                int            value);

G_END_DECLS
