/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-diagnosis.h"

G_BEGIN_DECLS

#define GENU_TYPE_DIFFERENTIAL_VIEW (genu_differential_view_get_type ())
G_DECLARE_FINAL_TYPE (GenuDifferentialView, genu_differential_view, GENU, DIFFERENTIAL_VIEW, AdwBin)

/* The "likely causes" panel of the knee assessment: red-flag alerts on top, then the conditions
 * ranked by probability, each with the figures that moved it. Decision support, not a diagnosis. */
GtkWidget     *genu_differential_view_new                (void);
/* @diagnosis: (nullable): what to show; %NULL when nothing is recorded yet */
void           genu_differential_view_set_diagnosis      (GenuDifferentialView *self,
                                                          GenuDiagnosis        *diagnosis);
GenuDiagnosis *genu_differential_view_get_diagnosis      (GenuDifferentialView *self);

/* What the view shows, for tests. */
guint          genu_differential_view_get_n_red_flags    (GenuDifferentialView *self);
const char    *genu_differential_view_get_condition_id   (GenuDifferentialView *self,
                                                          guint                 rank);
gboolean       genu_differential_view_get_banner_visible (GenuDifferentialView *self);

G_END_DECLS
