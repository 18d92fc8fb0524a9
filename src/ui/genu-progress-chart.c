/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-progress-chart.h"

#include "genu-chart.h"

#include <glib/gi18n-lib.h>

/* A patient's progress over time, in the window: pain (NPRS) before and after each session, and
 * the LEFS, against the date. The data, the drawing and the description in words all live in
 * GenuChart (libgenu), which the printed treatment summary draws too; this widget only gives it
 * the style's colours and font, and hands the description to assistive technologies, so a screen
 * reader user gets the trend without the picture. */

#define MIN_WIDTH         300
#define MIN_HEIGHT        200
#define NATURAL_WIDTH     560
#define NATURAL_HEIGHT    300

struct _GenuProgressChart
{
  GtkWidget  parent_instance;

  GenuChart *chart;
};

G_DEFINE_FINAL_TYPE (GenuProgressChart, genu_progress_chart, GTK_TYPE_WIDGET)

static void
data_changed (GenuProgressChart *self)
{
  g_autofree char *description = genu_chart_dup_description (self->chart);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The text and axes take the theme's foreground colour, so they follow dark mode and high
 * contrast; the gridlines are a faint shade of it. The series take the chart's colours for a
 * light or a dark background, as the foreground is dark or light. */
static void
get_colors (GtkWidget       *widget,
            GenuChartColors *colors)
{
  GdkRGBA fg;
  gboolean dark;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;

  *colors = dark ? *genu_chart_colors_dark () : *genu_chart_colors_light ();
  colors->fg[0] = colors->grid[0] = fg.red;
  colors->fg[1] = colors->grid[1] = fg.green;
  colors->fg[2] = colors->grid[2] = fg.blue;
  colors->fg[3] = fg.alpha;
  colors->grid[3] = fg.alpha * 0.1;
}

static void
genu_progress_chart_measure (GtkWidget      *widget G_GNUC_UNUSED,
                             GtkOrientation  orientation,
                             int             for_size G_GNUC_UNUSED,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline G_GNUC_UNUSED,
                             int            *natural_baseline G_GNUC_UNUSED)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
}

static void
genu_progress_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  GenuProgressChart *self = GENU_PROGRESS_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  const cairo_font_options_t *font_options = pango_cairo_context_get_font_options (pango);
  g_autofree char *font = NULL;
  GenuChartColors colors;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  get_colors (widget, &colors);
  font = pango_font_description_to_string (pango_context_get_font_description (pango));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The chart's text follows the font options of @cr: make them the widget's (antialiasing and
   * hinting from the settings), as with any other text in the window. */
  if (font_options != NULL)
    cairo_set_font_options (cr, font_options);
  genu_chart_draw (self->chart, cr, width, height, &colors, font);
  cairo_destroy (cr);
}

/* The axes and text take the foreground colour, and the series colours depend on whether it is
 * light or dark: a new style means a new picture, even when GTK sees no change of size. */
static void
genu_progress_chart_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (genu_progress_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
genu_progress_chart_finalize (GObject *object)
{
  GenuProgressChart *self = GENU_PROGRESS_CHART (object);

  g_clear_object (&self->chart);

  G_OBJECT_CLASS (genu_progress_chart_parent_class)->finalize (object);
}

static void
genu_progress_chart_class_init (GenuProgressChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = genu_progress_chart_finalize;

  widget_class->measure = genu_progress_chart_measure;
  widget_class->snapshot = genu_progress_chart_snapshot;
  widget_class->css_changed = genu_progress_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "genu-progress-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
genu_progress_chart_init (GenuProgressChart *self)
{
  self->chart = genu_chart_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress chart"),
                                  -1);
  data_changed (self);
}

/**
 * genu_progress_chart_new:
 *
 * Returns: a new #GenuProgressChart with no data
 */
GtkWidget *
genu_progress_chart_new (void)
{
  return g_object_new (GENU_TYPE_PROGRESS_CHART, NULL);
}

/**
 * genu_progress_chart_clear:
 *
 * Removes all sessions and scores, for example before loading another patient.
 */
void
genu_progress_chart_clear (GenuProgressChart *self)
{
  g_return_if_fail (GENU_IS_PROGRESS_CHART (self));

  if (genu_chart_get_n_points (self->chart) == 0)
    return;
  genu_chart_clear (self->chart);
  data_changed (self);
}

/**
 * genu_progress_chart_add_pain:
 * @date: the day of the session, "YYYY-MM-DD"
 * @before: the pain (NPRS, 0-10) before treatment, or < 0 if not recorded
 * @after: the pain (NPRS, 0-10) after treatment, or < 0 if not recorded
 *
 * Adds a session. Sessions can come in any order: the chart sorts them by date. A session with
 * neither value is not shown and not counted.
 */
void
genu_progress_chart_add_pain (GenuProgressChart *self,
                              const char        *date,
                              double             before,
                              double             after)
{
  g_return_if_fail (GENU_IS_PROGRESS_CHART (self));

  genu_chart_add_pain (self->chart, date, before, after);
  data_changed (self);
}

/**
 * genu_progress_chart_add_lefs:
 * @date: the day of the score, "YYYY-MM-DD"
 * @score: the Lower Extremity Functional Scale score (0-80), or < 0 if not recorded
 *
 * Adds a LEFS score. Scores can come in any order: the chart sorts them by date.
 */
void
genu_progress_chart_add_lefs (GenuProgressChart *self,
                              const char        *date,
                              double             score)
{
  g_return_if_fail (GENU_IS_PROGRESS_CHART (self));

  genu_chart_add_lefs (self->chart, date, score);
  data_changed (self);
}

/**
 * genu_progress_chart_dup_description:
 *
 * Returns: (transfer full): the chart in words, as given to assistive technologies: the first
 *   and last pain scores before and after treatment, and the LEFS with its change
 */
char *
genu_progress_chart_dup_description (GenuProgressChart *self)
{
  g_return_val_if_fail (GENU_IS_PROGRESS_CHART (self), NULL);

  return genu_chart_dup_description (self->chart);
}

/**
 * genu_progress_chart_get_n_points:
 *
 * Returns: the number of sessions and LEFS scores shown
 */
guint
genu_progress_chart_get_n_points (GenuProgressChart *self)
{
  g_return_val_if_fail (GENU_IS_PROGRESS_CHART (self), 0);

  return genu_chart_get_n_points (self->chart);
}
