/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GENU_TYPE_PROGRESS_CHART (genu_progress_chart_get_type ())

G_DECLARE_FINAL_TYPE (GenuProgressChart, genu_progress_chart, GENU, PROGRESS_CHART, GtkWidget)

GtkWidget *genu_progress_chart_new             (void);
void       genu_progress_chart_clear           (GenuProgressChart *self);
void       genu_progress_chart_add_pain        (GenuProgressChart *self,
                                                const char        *date,
                                                double             before,
                                                double             after);
void       genu_progress_chart_add_lefs        (GenuProgressChart *self,
                                                const char        *date,
                                                double             score);
char      *genu_progress_chart_dup_description (GenuProgressChart *self);
guint      genu_progress_chart_get_n_points    (GenuProgressChart *self);

G_END_DECLS
