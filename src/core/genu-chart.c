/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-chart.h"

#include "genu-lefs.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* A patient's progress over time: pain (NPRS, 0-10) before and after each session on the left
 * axis, and the LEFS (0-80) on the right axis, against the date. The same story is told in words
 * (genu_chart_dup_description()), so a screen reader user gets the trend without the picture.
 *
 * This is the one drawing of the chart, without GTK: the window's GenuProgressChart and the
 * printed treatment summary both call genu_chart_draw(), so they show the same picture.
 * Everything is drawn with cairo and Pango in one pass from the size: the margins come from the
 * measured text, so the chart follows the font, and there are fewer date labels when there is
 * less room. */

#define NPRS_MAX          10.0
#define NPRS_STEP         2.0
#define LEFS_STEP         20.0

#define DEFAULT_FONT      "Sans 9"

#define PAD               6.0    /* between a label and what it labels */
#define TICK              4.0
#define DATA_INSET        14.0   /* keeps the first and last points off the axes */
#define MAX_X_LABELS      7
#define X_LABEL_GAP       16.0
#define LEGEND_SWATCH     24.0
#define LEGEND_ITEM_GAP   18.0
#define LEGEND_ROW_GAP    4.0
#define MARKER_RADIUS     3.5
#define MARKER_HALF_SIDE  3.5

typedef struct
{
  guint32 day;      /* Julian day, from g_date_get_julian () */
  guint   seq;      /* the order of adding, to keep sorting stable for equal days */
  double  before;   /* pain: NPRS before treatment, or the LEFS score; < 0 when not recorded */
  double  after;    /* pain: NPRS after treatment; < 0 when not recorded; unused for LEFS */
} Point;

typedef enum
{
  SERIES_PAIN_BEFORE,
  SERIES_PAIN_AFTER,
  SERIES_LEFS,
  N_SERIES
} Series;

/* The plot area inside the chart, and the dates at its left and right ends. */
typedef struct
{
  double  left;
  double  right;
  double  top;
  double  bottom;
  guint32 first_day;
  guint32 last_day;
} Frame;

/* What one drawing needs: the cairo context, the Pango context made for it, and the colours. */
typedef struct
{
  cairo_t               *cr;
  PangoContext          *pango;
  const GenuChartColors *colors;
} Canvas;

struct _GenuChart
{
  GObject  parent_instance;

  GArray  *pain;   /* of Point, sorted by day */
  GArray  *lefs;   /* of Point, sorted by day */
  guint    seq;
};

G_DEFINE_FINAL_TYPE (GenuChart, genu_chart, G_TYPE_OBJECT)

static int
point_compare (gconstpointer a,
               gconstpointer b)
{
  const Point *pa = a;
  const Point *pb = b;

  if (pa->day != pb->day)
    return pa->day < pb->day ? -1 : 1;
  if (pa->seq != pb->seq)
    return pa->seq < pb->seq ? -1 : 1;
  return 0;
}

/* Reads a "YYYY-MM-DD" date, strictly: the chart is fed from the database, where dates have that
 * form, so anything else is a bug in the caller. */
static gboolean
parse_date (const char *text,
            guint32    *julian)
{
  static const char pattern[] = "dddd-dd-dd";
  guint year, month, day;
  GDate date;

  if (strlen (text) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1 || month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  *julian = g_date_get_julian (&date);
  return TRUE;
}

static char *
format_day (guint32     julian,
            const char *format)
{
  g_autoptr (GDateTime) datetime = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  /* Noon, so that no time zone change can move the date. */
  datetime = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), 12, 0, 0);
  if (datetime == NULL)
    return g_strdup ("?");
  return g_date_time_format (datetime, format);
}

static char *
format_long_day (guint32 julian)
{
  /* TRANSLATORS: a date in a sentence, as g_date_time_format() takes it: "3 March 2026". */
  return format_day (julian, C_("long date", "%-d %B %Y"));
}

/* NPRS and LEFS are whole numbers in practice; show a decimal only when there is one. */
static char *
format_value (double value)
{
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static char *
format_change (double change)
{
  g_autofree char *magnitude = format_value (fabs (change));

  if (round (change * 10) == 0)
    return g_steal_pointer (&magnitude);
  return g_strconcat (change > 0 ? "+" : "\u2212", magnitude, NULL);
}

/* The points of one series that have a value: day and value, in date order. */
static guint
collect_series (GArray   *points,
                gboolean  after,
                guint32  *days,
                double   *values)
{
  guint n = 0;

  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);
      double value = after ? point->after : point->before;

      if (value < 0)
        continue;
      days[n] = point->day;
      values[n] = value;
      n++;
    }
  return n;
}

static void
describe_pain (GenuChart *self,
               GString   *text)
{
  guint len = self->pain->len;
  g_autofree guint32 *before_days = g_new (guint32, MAX (len, 1));
  g_autofree double *before = g_new (double, MAX (len, 1));
  g_autofree guint32 *after_days = g_new (guint32, MAX (len, 1));
  g_autofree double *after = g_new (double, MAX (len, 1));
  guint n_before = collect_series (self->pain, FALSE, before_days, before);
  guint n_after = collect_series (self->pain, TRUE, after_days, after);

  if (n_before > 0)
    {
      g_autofree char *first = format_value (before[0]);
      g_autofree char *first_day = format_long_day (before_days[0]);
      g_autofree char *last = format_value (before[n_before - 1]);
      g_autofree char *last_day = format_long_day (before_days[n_before - 1]);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (n_before == 1)
        /* TRANSLATORS: "Pain before treatment was 7 on 3 March 2026." */
        g_string_append_printf (text, _("Pain before treatment was %s on %s."), first, first_day);
      else
        g_string_append_printf (text,
                                /* TRANSLATORS: the pain scores and dates of the first and the
                                 * last session, then the number of sessions. */
                                ngettext ("Pain before treatment went from %s on %s to %s on %s "
                                          "over %u session.",
                                          "Pain before treatment went from %s on %s to %s on %s "
                                          "over %u sessions.",
                                          n_before),
                                first, first_day, last, last_day, n_before);
    }

  if (n_after > 0)
    {
      g_autofree char *first = format_value (after[0]);
      g_autofree char *first_day = format_long_day (after_days[0]);
      g_autofree char *last = format_value (after[n_after - 1]);
      g_autofree char *last_day = format_long_day (after_days[n_after - 1]);
      /* When "after" spans the same sessions as "before", the dates need not be said again. */
      gboolean same_span = n_before > 0 && n_before == n_after
                           && before_days[0] == after_days[0]
                           && before_days[n_before - 1] == after_days[n_after - 1];

      if (text->len > 0)
        g_string_append_c (text, ' ');
      if (n_after == 1 && same_span)
        g_string_append_printf (text, _("After treatment it was %s."), first);
      else if (n_after == 1)
        g_string_append_printf (text, _("Pain after treatment was %s on %s."), first, first_day);
      else if (same_span)
        g_string_append_printf (text, _("After treatment it went from %s to %s."), first, last);
      else
        g_string_append_printf (text,
                                ngettext ("Pain after treatment went from %s on %s to %s on %s "
                                          "over %u session.",
                                          "Pain after treatment went from %s on %s to %s on %s "
                                          "over %u sessions.",
                                          n_after),
                                first, first_day, last, last_day, n_after);
    }
}

static void
describe_lefs (GenuChart *self,
               GString   *text)
{
  const Point *first, *last;
  g_autofree char *first_value = NULL;
  g_autofree char *first_day = NULL;
  double change;

  if (self->lefs->len == 0)
    return;

  first = &g_array_index (self->lefs, Point, 0);
  last = &g_array_index (self->lefs, Point, self->lefs->len - 1);
  first_value = format_value (first->before);
  first_day = format_long_day (first->day);

  if (text->len > 0)
    g_string_append_c (text, ' ');

  if (self->lefs->len == 1)
    {
      g_string_append_printf (text, _("LEFS was %s on %s."), first_value, first_day);
    }
  else
    {
      g_autofree char *last_value = format_value (last->before);
      g_autofree char *last_day = format_long_day (last->day);
      g_autofree char *change_text = NULL;

      change = last->before - first->before;
      change_text = format_change (change);
      g_string_append_printf (text,
                              /* TRANSLATORS: the first and last LEFS scores and their dates,
                               * then the change between them, with its sign: "+26". */
                              ngettext ("LEFS went from %s on %s to %s on %s, a change of %s "
                                        "point.",
                                        "LEFS went from %s on %s to %s on %s, a change of %s "
                                        "points.",
                                        (gulong) round (fabs (change))),
                              first_value, first_day, last_value, last_day, change_text);
      g_string_append_c (text, ' ');
      if (change >= GENU_LEFS_MCID)
        g_string_append_printf (text,
                                ngettext ("That is a clinically important improvement "
                                          "(%d point or more).",
                                          "That is a clinically important improvement "
                                          "(%d points or more).",
                                          GENU_LEFS_MCID),
                                GENU_LEFS_MCID);
      else if (change <= -GENU_LEFS_MCID)
        g_string_append_printf (text,
                                ngettext ("That is a clinically important decline "
                                          "(%d point or more).",
                                          "That is a clinically important decline "
                                          "(%d points or more).",
                                          GENU_LEFS_MCID),
                                GENU_LEFS_MCID);
      else
        g_string_append_printf (text,
                                ngettext ("That is less than the %d point of a clinically "
                                          "important change.",
                                          "That is less than the %d points of a clinically "
                                          "important change.",
                                          GENU_LEFS_MCID),
                                GENU_LEFS_MCID);
    }
}

static char *
build_description (GenuChart *self)
{
  GString *text = g_string_new (NULL);

  describe_pain (self, text);
  describe_lefs (self, text);
  if (text->len == 0)
    g_string_append (text, _("No sessions or scores yet."));
  return g_string_free (text, FALSE);
}

static void
add_point (GArray  *points,
           guint32  day,
           guint    seq,
           double   before,
           double   after)
{
  Point point = { day, seq, before, after };

  g_array_append_val (points, point);
  g_array_sort (points, point_compare);
}

/* Colours */

#define RGB(hex) { ((hex) >> 16) / 255.f, (((hex) >> 8) & 0xff) / 255.f, \
                   ((hex) & 0xff) / 255.f, 1.f }

/* The series take hues from the GNOME palette that read on light and dark backgrounds; only the
 * lighter "after" blue changes, because a pale blue disappears on white. The text and axes are
 * the foreground colours of Adwaita's light and dark styles. */
static const GenuChartColors colors_light = {
  .fg = { 0, 0, 0, 0.8 },
  .grid = { 0, 0, 0, 0.08 },
  .pain_before = RGB (0x3584e4),  /* blue 3 */
  .pain_after = RGB (0x62a0ea),   /* blue 2 */
  .lefs = RGB (0xe66100),         /* orange 4 */
};

static const GenuChartColors colors_dark = {
  .fg = { 1, 1, 1, 1 },
  .grid = { 1, 1, 1, 0.1 },
  .pain_before = RGB (0x3584e4),  /* blue 3 */
  .pain_after = RGB (0x99c1f1),   /* blue 1 */
  .lefs = RGB (0xff7800),         /* orange 3 */
};

static const double *
series_color (const GenuChartColors *colors,
              Series                 series)
{
  switch (series)
    {
    case SERIES_PAIN_BEFORE:
      return colors->pain_before;
    case SERIES_PAIN_AFTER:
      return colors->pain_after;
    case SERIES_LEFS:
      return colors->lefs;
    case N_SERIES:
    default:
      g_assert_not_reached ();
    }
}

static void
set_source (cairo_t      *cr,
            const double *colour,
            double        alpha)
{
  cairo_set_source_rgba (cr, colour[0], colour[1], colour[2], colour[3] * alpha);
}

/* Text */

static PangoLayout *
create_layout (const Canvas *canvas,
               const char   *text,
               gboolean      small)
{
  PangoLayout *layout = pango_layout_new (canvas->pango);

  pango_layout_set_text (layout, text, -1);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
text_size (const Canvas *canvas,
           const char   *text,
           gboolean      small,
           int          *width,
           int          *height)
{
  g_autoptr (PangoLayout) layout = create_layout (canvas, text, small);

  pango_layout_get_pixel_size (layout, width, height);
}

/* Draws @text with its anchor at (@x, @y): @xalign and @yalign are 0 for left/top, 0.5 for the
 * centre and 1 for right/bottom. Returns the width drawn. */
static int
draw_text (const Canvas *canvas,
           const char   *text,
           gboolean      small,
           double        x,
           double        y,
           double        xalign,
           double        yalign)
{
  g_autoptr (PangoLayout) layout = create_layout (canvas, text, small);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (canvas->cr, round (x - xalign * width), round (y - yalign * height));
  pango_cairo_show_layout (canvas->cr, layout);
  return width;
}

/* The units of a PDF, PostScript or SVG surface are points, where a font's size is given; on
 * the screen (an image surface, or GTK's recording of a widget's drawing) they are pixels at
 * 96 per inch, as everywhere in GTK. */
static double
font_resolution (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return 72.0;
    default:
      return 96.0;
    }
}

/* Drawing */

static const char *
series_label (Series series)
{
  switch (series)
    {
    case SERIES_PAIN_BEFORE:
      return _("Pain before");
    case SERIES_PAIN_AFTER:
      return _("Pain after");
    case SERIES_LEFS:
      return _("LEFS");
    case N_SERIES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
series_has_data (GenuChart *self,
                 Series     series)
{
  if (series == SERIES_LEFS)
    return self->lefs->len > 0;

  for (guint i = 0; i < self->pain->len; i++)
    {
      const Point *point = &g_array_index (self->pain, Point, i);

      if ((series == SERIES_PAIN_BEFORE ? point->before : point->after) >= 0)
        return TRUE;
    }
  return FALSE;
}

/* A marker of @series centred on (@x, @y). The "after" marker is a ring with its inside cleared,
 * so the line under it does not show through and the background does. */
static void
draw_marker (const Canvas *canvas,
             Series        series,
             double        x,
             double        y)
{
  cairo_t *cr = canvas->cr;

  switch (series)
    {
    case SERIES_PAIN_BEFORE:
      cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
      set_source (cr, series_color (canvas->colors, series), 1.0);
      cairo_fill (cr);
      break;

    case SERIES_PAIN_AFTER:
      cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
      cairo_save (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_fill_preserve (cr);
      cairo_restore (cr);
      set_source (cr, series_color (canvas->colors, series), 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;

    case SERIES_LEFS:
      cairo_rectangle (cr, x - MARKER_HALF_SIDE, y - MARKER_HALF_SIDE,
                       2 * MARKER_HALF_SIDE, 2 * MARKER_HALF_SIDE);
      set_source (cr, series_color (canvas->colors, series), 1.0);
      cairo_fill (cr);
      break;

    case N_SERIES:
    default:
      g_assert_not_reached ();
    }
}

static void
set_line_style (const Canvas *canvas,
                Series        series)
{
  static const double dashes[] = { 5, 3 };
  cairo_t *cr = canvas->cr;

  set_source (cr, series_color (canvas->colors, series), 1.0);
  cairo_set_line_width (cr, series == SERIES_PAIN_AFTER ? 1.5 : 2.0);
  if (series == SERIES_PAIN_AFTER)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

static double
day_to_x (const Frame *frame,
          guint32      day)
{
  double span = (double) frame->last_day - frame->first_day;

  if (span <= 0)
    return (frame->left + frame->right) / 2;
  return frame->left + DATA_INSET
         + (day - frame->first_day) / span * (frame->right - frame->left - 2 * DATA_INSET);
}

static double
value_to_y (const Frame *frame,
            double       value,
            double       max)
{
  return frame->bottom - CLAMP (value, 0, max) / max * (frame->bottom - frame->top);
}

static void
draw_series (const Canvas *canvas,
             const Frame  *frame,
             GArray       *points,
             Series        series)
{
  cairo_t *cr = canvas->cr;
  double max = series == SERIES_LEFS ? (double) GENU_LEFS_MAX : NPRS_MAX;
  gboolean started = FALSE;

  /* A missing value is skipped: the line joins the recorded ones on either side. */
  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);
      double value = series == SERIES_PAIN_AFTER ? point->after : point->before;
      double x = day_to_x (frame, point->day), y = value_to_y (frame, value, max);

      if (value < 0)
        continue;
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  set_line_style (canvas, series);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  for (guint i = 0; i < points->len; i++)
    {
      const Point *point = &g_array_index (points, Point, i);
      double value = series == SERIES_PAIN_AFTER ? point->after : point->before;

      if (value >= 0)
        draw_marker (canvas, series, day_to_x (frame, point->day),
                     value_to_y (frame, value, max));
    }
}

static guint
legend_items (GenuChart *self,
              Series    *items)
{
  guint n = 0;

  for (Series series = 0; series < N_SERIES; series++)
    if (series_has_data (self, series))
      items[n++] = series;
  return n;
}

static double
legend_item_width (const Canvas *canvas,
                   Series        series)
{
  int width, height;

  text_size (canvas, series_label (series), TRUE, &width, &height);
  return LEGEND_SWATCH + PAD + width;
}

/* How many legend items go on each row when the width is @width: as many as fit, at least one. */
static guint
legend_rows (const Canvas *canvas,
             const Series *items,
             guint         n_items,
             double        width,
             guint        *per_row)
{
  guint rows = 0;
  guint i = 0;

  while (i < n_items)
    {
      double used = legend_item_width (canvas, items[i]);
      guint count = 1;

      for (i++; i < n_items; i++, count++)
        {
          double next = legend_item_width (canvas, items[i]);

          if (used + LEGEND_ITEM_GAP + next > width)
            break;
          used += LEGEND_ITEM_GAP + next;
        }
      per_row[rows++] = count;
    }
  return rows;
}

static void
draw_legend (const Canvas *canvas,
             const Series *items,
             const guint  *per_row,
             guint         rows,
             double        width,
             double        top,
             double        row_height)
{
  cairo_t *cr = canvas->cr;
  guint item = 0;

  for (guint row = 0; row < rows; row++)
    {
      double row_width = 0, x, y = top + row * (row_height + LEGEND_ROW_GAP);
      double middle = y + row_height / 2;

      for (guint i = 0; i < per_row[row]; i++)
        row_width += (i > 0 ? LEGEND_ITEM_GAP : 0) + legend_item_width (canvas, items[item + i]);
      x = MAX (0, (width - row_width) / 2);

      for (guint i = 0; i < per_row[row]; i++, item++)
        {
          Series series = items[item];

          cairo_move_to (cr, x + 1, middle);
          cairo_line_to (cr, x + LEGEND_SWATCH - 1, middle);
          set_line_style (canvas, series);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          draw_marker (canvas, series, x + LEGEND_SWATCH / 2, middle);

          set_source (cr, canvas->colors->fg, 0.85);
          x += LEGEND_SWATCH + PAD;
          x += draw_text (canvas, series_label (series), TRUE, x, middle, 0, 0.5);
          x += LEGEND_ITEM_GAP;
        }
    }
}

/* The dates under the x axis: the first, the last, and evenly spaced ones in between, as many as
 * fit side by side. Returns how many were chosen into @days. */
static guint
choose_x_days (const Frame *frame,
               double       label_width,
               guint32     *days)
{
  guint32 span = frame->last_day - frame->first_day;
  double room = frame->right - frame->left;
  guint n;

  if (span == 0)
    {
      days[0] = frame->first_day;
      return 1;
    }

  n = (guint) ((room + X_LABEL_GAP) / (label_width + X_LABEL_GAP));
  n = CLAMP (n, 2, MAX_X_LABELS);
  n = MIN (n, span + 1);
  for (guint i = 0; i < n; i++)
    days[i] = frame->first_day + (guint32) round ((double) i * span / (n - 1));
  return n;
}

static void
draw_chart (GenuChart    *self,
            const Canvas *canvas,
            double        width,
            double        height)
{
  cairo_t *cr = canvas->cr;
  const double *fg = canvas->colors->fg;
  Frame frame = { 0, };
  Series items[N_SERIES];
  guint per_row[N_SERIES] = { 0, };
  guint n_items, rows;
  guint32 x_days[MAX_X_LABELS];
  guint n_x_days = 0;
  const char *x_format;
  int title_w, title_h, tick_w, tick_h, right_tick_w, legend_h, w, h;
  double legend_top, x_labels_top;
  gboolean empty = self->pain->len == 0 && self->lefs->len == 0;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Measure the text first: the plot gets what is left. */
  text_size (canvas, _("Pain (NPRS)"), FALSE, &title_w, &title_h);
  text_size (canvas, "10", TRUE, &tick_w, &tick_h);
  text_size (canvas, "80", TRUE, &right_tick_w, &h);
  text_size (canvas, _("Pain before"), TRUE, &w, &legend_h);
  legend_h = MAX (legend_h, (int) (2 * MARKER_RADIUS + 2));

  n_items = legend_items (self, items);
  rows = MAX (1, legend_rows (canvas, items, n_items, width, per_row));

  frame.left = tick_w + TICK + PAD;
  frame.right = width - (right_tick_w + TICK + PAD);
  frame.top = title_h + PAD + tick_h / 2.0;
  legend_top = height - rows * legend_h - (rows - 1) * LEGEND_ROW_GAP;
  x_labels_top = legend_top - PAD - 2 - tick_h;
  frame.bottom = x_labels_top - TICK - tick_h / 2.0;
  frame.left = round (frame.left) + 0.5;
  frame.right = round (frame.right) - 0.5;
  frame.top = round (frame.top) + 0.5;
  frame.bottom = round (frame.bottom) - 0.5;
  if (frame.right - frame.left < 4 * DATA_INSET || frame.bottom - frame.top < 20)
    return;

  if (!empty)
    {
      guint32 first = G_MAXUINT32, last = 0;

      if (self->pain->len > 0)
        {
          first = g_array_index (self->pain, Point, 0).day;
          last = g_array_index (self->pain, Point, self->pain->len - 1).day;
        }
      if (self->lefs->len > 0)
        {
          first = MIN (first, g_array_index (self->lefs, Point, 0).day);
          last = MAX (last, g_array_index (self->lefs, Point, self->lefs->len - 1).day);
        }
      frame.first_day = first;
      frame.last_day = last;
    }

  /* Axis titles, above each axis. */
  set_source (cr, fg, 0.9);
  draw_text (canvas, _("Pain (NPRS)"), FALSE, 0, 0, 0, 0);
  draw_text (canvas, _("LEFS"), FALSE, width, 0, 1, 0);

  /* Gridlines follow the pain axis; the LEFS axis has its own ticks on the right. */
  cairo_set_line_width (cr, 1);
  for (double v = NPRS_STEP; v <= NPRS_MAX; v += NPRS_STEP)
    {
      double y = round (value_to_y (&frame, v, NPRS_MAX)) + 0.5;

      cairo_move_to (cr, frame.left, y);
      cairo_line_to (cr, frame.right, y);
    }
  set_source (cr, canvas->colors->grid, 1.0);
  cairo_stroke (cr);

  set_source (cr, fg, 0.7);
  for (double v = 0; v <= NPRS_MAX; v += NPRS_STEP)
    {
      double y = round (value_to_y (&frame, v, NPRS_MAX)) + 0.5;
      g_autofree char *label = g_strdup_printf ("%.0f", v);

      draw_text (canvas, label, TRUE, frame.left - TICK - PAD / 2, y, 1, 0.5);
      cairo_move_to (cr, frame.left - TICK, y);
      cairo_line_to (cr, frame.left, y);
    }
  for (double v = 0; v <= (double) GENU_LEFS_MAX; v += LEFS_STEP)
    {
      double y = round (value_to_y (&frame, v, (double) GENU_LEFS_MAX)) + 0.5;
      g_autofree char *label = g_strdup_printf ("%.0f", v);

      draw_text (canvas, label, TRUE, frame.right + TICK + PAD / 2, y, 0, 0.5);
      cairo_move_to (cr, frame.right, y);
      cairo_line_to (cr, frame.right + TICK, y);
    }
  cairo_stroke (cr);

  /* The axes. */
  cairo_move_to (cr, frame.left, frame.top);
  cairo_line_to (cr, frame.left, frame.bottom);
  cairo_line_to (cr, frame.right, frame.bottom);
  cairo_line_to (cr, frame.right, frame.top);
  set_source (cr, fg, 0.45);
  cairo_stroke (cr);

  if (empty)
    {
      set_source (cr, fg, 0.6);
      draw_text (canvas, _("No sessions or scores yet"), FALSE,
                 (frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2, 0.5, 0.5);
      return;
    }

  /* Dates: within one year the day and month say enough; over a year end, the locale's date. */
  {
    GDate first, last;
    g_autofree char *first_label = NULL;
    g_autofree char *last_label = NULL;
    int first_w, last_w;

    g_date_clear (&first, 1);
    g_date_clear (&last, 1);
    g_date_set_julian (&first, frame.first_day);
    g_date_set_julian (&last, frame.last_day);
    if (g_date_get_year (&first) == g_date_get_year (&last))
      /* TRANSLATORS: a date under the chart, as g_date_time_format() takes it: "3 Mar". */
      x_format = C_("short date", "%-d %b");
    else
      x_format = "%x";

    first_label = format_day (frame.first_day, x_format);
    last_label = format_day (frame.last_day, x_format);
    text_size (canvas, first_label, TRUE, &first_w, &h);
    text_size (canvas, last_label, TRUE, &last_w, &h);
    n_x_days = choose_x_days (&frame, MAX (first_w, last_w) * 1.15, x_days);
  }

  /* The gridlines at the dates are fainter than those of the values. */
  for (guint i = 0; i < n_x_days; i++)
    {
      double x = round (day_to_x (&frame, x_days[i])) + 0.5;

      cairo_move_to (cr, x, frame.top);
      cairo_line_to (cr, x, frame.bottom);
    }
  set_source (cr, canvas->colors->grid, 0.6);
  cairo_stroke (cr);

  set_source (cr, fg, 0.7);
  for (guint i = 0; i < n_x_days; i++)
    {
      double x = round (day_to_x (&frame, x_days[i])) + 0.5;
      g_autofree char *label = format_day (x_days[i], x_format);
      int label_w;

      cairo_move_to (cr, x, frame.bottom);
      cairo_line_to (cr, x, frame.bottom + TICK);
      cairo_stroke (cr);

      /* Centred under its tick, but kept inside the chart. */
      text_size (canvas, label, TRUE, &label_w, &h);
      draw_text (canvas, label, TRUE,
                 CLAMP (x - label_w / 2.0, 0, width - label_w), x_labels_top, 0, 0);
    }

  draw_series (canvas, &frame, self->lefs, SERIES_LEFS);
  draw_series (canvas, &frame, self->pain, SERIES_PAIN_AFTER);
  draw_series (canvas, &frame, self->pain, SERIES_PAIN_BEFORE);

  draw_legend (canvas, items, per_row, rows, width, legend_top, legend_h);
}

static void
genu_chart_finalize (GObject *object)
{
  GenuChart *self = GENU_CHART (object);

  g_clear_pointer (&self->pain, g_array_unref);
  g_clear_pointer (&self->lefs, g_array_unref);

  G_OBJECT_CLASS (genu_chart_parent_class)->finalize (object);
}

static void
genu_chart_class_init (GenuChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_chart_finalize;
}

static void
genu_chart_init (GenuChart *self)
{
  self->pain = g_array_new (FALSE, FALSE, sizeof (Point));
  self->lefs = g_array_new (FALSE, FALSE, sizeof (Point));
}

/**
 * genu_chart_colors_light:
 *
 * Returns: (transfer none): the colours for a light background: Adwaita's light style, and
 *   those of a printed page
 */
const GenuChartColors *
genu_chart_colors_light (void)
{
  return &colors_light;
}

/**
 * genu_chart_colors_dark:
 *
 * Returns: (transfer none): the colours for a dark background: Adwaita's dark style
 */
const GenuChartColors *
genu_chart_colors_dark (void)
{
  return &colors_dark;
}

/**
 * genu_chart_new:
 *
 * Returns: (transfer full): a new #GenuChart with no data
 */
GenuChart *
genu_chart_new (void)
{
  return g_object_new (GENU_TYPE_CHART, NULL);
}

/**
 * genu_chart_clear:
 *
 * Removes all sessions and scores, for example before loading another patient.
 */
void
genu_chart_clear (GenuChart *self)
{
  g_return_if_fail (GENU_IS_CHART (self));

  g_array_set_size (self->pain, 0);
  g_array_set_size (self->lefs, 0);
}

/**
 * genu_chart_add_pain:
 * @date: the day of the session, "YYYY-MM-DD"
 * @before: the pain (NPRS, 0-10) before treatment, or < 0 if not recorded
 * @after: the pain (NPRS, 0-10) after treatment, or < 0 if not recorded
 *
 * Adds a session. Sessions can come in any order: the chart sorts them by date. A session with
 * neither value is not shown and not counted.
 */
void
genu_chart_add_pain (GenuChart  *self,
                     const char *date,
                     double      before,
                     double      after)
{
  guint32 day;

  g_return_if_fail (GENU_IS_CHART (self));
  g_return_if_fail (date != NULL);
  g_return_if_fail (before <= NPRS_MAX && after <= NPRS_MAX);

  if (!parse_date (date, &day))
    {
      g_critical ("%s: not a YYYY-MM-DD date: \"%s\"", G_STRFUNC, date);
      return;
    }
  if (before < 0 && after < 0)
    return;

  add_point (self->pain, day, self->seq++, before < 0 ? -1 : before, after < 0 ? -1 : after);
}

/**
 * genu_chart_add_lefs:
 * @date: the day of the score, "YYYY-MM-DD"
 * @score: the Lower Extremity Functional Scale score (0-80), or < 0 if not recorded
 *
 * Adds a LEFS score. Scores can come in any order: the chart sorts them by date.
 */
void
genu_chart_add_lefs (GenuChart  *self,
                     const char *date,
                     double      score)
{
  guint32 day;

  g_return_if_fail (GENU_IS_CHART (self));
  g_return_if_fail (date != NULL);
  g_return_if_fail (score <= (double) GENU_LEFS_MAX);

  if (!parse_date (date, &day))
    {
      g_critical ("%s: not a YYYY-MM-DD date: \"%s\"", G_STRFUNC, date);
      return;
    }
  if (score < 0)
    return;

  add_point (self->lefs, day, self->seq++, score, -1);
}

/**
 * genu_chart_get_n_points:
 *
 * Returns: the number of sessions and LEFS scores shown
 */
guint
genu_chart_get_n_points (GenuChart *self)
{
  g_return_val_if_fail (GENU_IS_CHART (self), 0);

  return self->pain->len + self->lefs->len;
}

/**
 * genu_chart_dup_description:
 *
 * Returns: (transfer full): the chart in words, as given to assistive technologies: the first
 *   and last pain scores before and after treatment, and the LEFS with its change against the
 *   clinically important difference
 */
char *
genu_chart_dup_description (GenuChart *self)
{
  g_return_val_if_fail (GENU_IS_CHART (self), NULL);

  return build_description (self);
}

/**
 * genu_chart_draw:
 * @cr: where to draw: its source, line settings and font options are left as they were, and
 *   its path is cleared
 * @width: the width of the chart, in @cr's units
 * @height: the height of the chart, in @cr's units
 * @colors: (nullable): the colours, or %NULL for genu_chart_colors_light()
 * @font: (nullable): a Pango font description string ("Cantarell 10"), or %NULL for "Sans 9"
 *
 * Draws the whole chart, axes, series, dates and legend, in the rectangle (0, 0) - (@width,
 * @height) of @cr. No background is painted. The font's size is in points: on a PDF, PostScript
 * or SVG surface, whose units are points, it is used as it is; on any other surface (the screen)
 * the units are taken as pixels at 96 per inch, as GTK does. The text follows @cr's font options
 * (antialiasing, hinting), merged over those of its surface.
 *
 * When the rectangle is too small for a plot, only what fits of the titles is drawn.
 */
void
genu_chart_draw (GenuChart             *self,
                 cairo_t               *cr,
                 double                 width,
                 double                 height,
                 const GenuChartColors *colors,
                 const char            *font)
{
  PangoContext *pango;
  PangoFontDescription *font_desc;
  Canvas canvas;

  g_return_if_fail (GENU_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0 || cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return;

  pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (pango, font_resolution (cr));
  font_desc = pango_font_description_from_string (font != NULL ? font : DEFAULT_FONT);
  pango_context_set_font_description (pango, font_desc);
  pango_font_description_free (font_desc);

  canvas.cr = cr;
  canvas.pango = pango;
  canvas.colors = colors != NULL ? colors : &colors_light;

  cairo_save (cr);
  cairo_new_path (cr);
  draw_chart (self, &canvas, width, height);
  cairo_restore (cr);
  cairo_new_path (cr);

  g_object_unref (pango);
}
