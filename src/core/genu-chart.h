/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/**
 * GenuChartColors:
 * @fg: axes, tick labels, axis titles and legend text (RGBA, 0-1); drawn with various alphas
 *   multiplied into @fg[3]
 * @grid: the gridlines (RGBA, 0-1)
 * @pain_before: the series of pain before treatment
 * @pain_after: the series of pain after treatment
 * @lefs: the series of LEFS scores
 *
 * The colours of a #GenuChart drawing. The chart paints no background: it is drawn onto
 * whatever is there (the window, or a white page).
 */
typedef struct {
  double fg[4];           /* axes, labels, legend text (RGBA) */
  double grid[4];
  double pain_before[4];
  double pain_after[4];
  double lefs[4];
} GenuChartColors;

const GenuChartColors *genu_chart_colors_light (void);   /* also the print colours */
const GenuChartColors *genu_chart_colors_dark  (void);

#define GENU_TYPE_CHART (genu_chart_get_type ())

G_DECLARE_FINAL_TYPE (GenuChart, genu_chart, GENU, CHART, GObject)

GenuChart *genu_chart_new              (void);
void       genu_chart_clear            (GenuChart             *self);
void       genu_chart_add_pain         (GenuChart             *self,
                                        const char            *date,
                                        double                 before,
                                        double                 after);
void       genu_chart_add_lefs         (GenuChart             *self,
                                        const char            *date,
                                        double                 score);
guint      genu_chart_get_n_points     (GenuChart             *self);
char      *genu_chart_dup_description  (GenuChart             *self);
void       genu_chart_draw             (GenuChart             *self,
                                        cairo_t               *cr,
                                        double                 width,
                                        double                 height,
                                        const GenuChartColors *colors,
                                        const char            *font);

G_END_DECLS
