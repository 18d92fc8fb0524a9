/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_PLAN_PAGE (genu_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (GenuPlanPage, genu_plan_page, GENU, PLAN_PAGE, AdwBin)

void         genu_plan_page_load               (GenuPlanPage  *self,
                                                GenuPatient   *patient,
                                                GenuPlan      *plan);
GenuPlan    *genu_plan_page_get_plan           (GenuPlanPage  *self);
gboolean     genu_plan_page_get_dirty          (GenuPlanPage  *self);
gboolean     genu_plan_page_save               (GenuPlanPage  *self,
                                                GError       **error);
void         genu_plan_page_revert             (GenuPlanPage  *self);
void         genu_plan_page_refresh_screening  (GenuPlanPage  *self);

/* For tests and accessibility checks. */
GtkWidget   *genu_plan_page_get_field          (GenuPlanPage  *self,
                                                const char    *field);
const char  *genu_plan_page_get_field_error    (GenuPlanPage  *self,
                                                const char    *field);
guint        genu_plan_page_get_n_goals        (GenuPlanPage  *self);

G_END_DECLS
