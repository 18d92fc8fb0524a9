/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-chart.h"
#include "genu-test-utils.h"

#include <cairo-pdf.h>
#include <string.h>

/* The progress chart without GTK: what it says in words (first to last by date, whatever the
 * order the data came in, leaving out what was not recorded, with the LEFS change judged against
 * the clinically important difference), and that it draws, with no display, on an image surface
 * and on a PDF page, whose text holds the axis titles. What the window shows of it is tested in
 * test-progress-chart.c. */

typedef struct {
  const char *date;
  double      before;
  double      after;
} Session;

/* Eight sessions over six weeks, pain falling; in date order. */
static const Session sessions[] = {
  { "2026-03-03", 7, 5 },
  { "2026-03-06", 7, 4 },
  { "2026-03-10", 6, 4 },
  { "2026-03-17", 5, 3 },
  { "2026-03-24", 4, 3 },
  { "2026-03-31", 4, 2 },
  { "2026-04-07", 3, 2 },
  { "2026-04-14", 2, 1 },
};

typedef struct {
  const char *date;
  double      score;
} Score;

static const Score scores[] = {
  { "2026-03-03", 42 },
  { "2026-03-24", 55 },
  { "2026-04-14", 68 },
};

static void
add_sessions_shuffled (GenuChart *chart,
                       guint      n_sessions)
{
  guint order[G_N_ELEMENTS (sessions)];

  g_assert_cmpuint (n_sessions, <=, G_N_ELEMENTS (sessions));
  for (guint i = 0; i < n_sessions; i++)
    order[i] = i;
  /* Fisher-Yates with the test's own random numbers: reproducible with --seed. */
  for (guint i = n_sessions; i > 1; i--)
    {
      guint j = (guint) g_test_rand_int_range (0, (gint32) i);
      guint tmp = order[i - 1];

      order[i - 1] = order[j];
      order[j] = tmp;
    }
  /* Make sure that the first session does not come first, whatever the seed. */
  if (n_sessions > 1 && order[0] == 0)
    {
      order[0] = order[1];
      order[1] = 0;
    }

  for (guint i = 0; i < n_sessions; i++)
    {
      const Session *s = &sessions[order[i]];

      genu_chart_add_pain (chart, s->date, s->before, s->after);
    }
}

static void
add_scores (GenuChart *chart)
{
  /* Out of order too: last, first, middle. */
  genu_chart_add_lefs (chart, scores[2].date, scores[2].score);
  genu_chart_add_lefs (chart, scores[0].date, scores[0].score);
  genu_chart_add_lefs (chart, scores[1].date, scores[1].score);
}

static void
assert_description (GenuChart  *chart,
                    const char *expected)
{
  g_autofree char *description = genu_chart_dup_description (chart);

  g_assert_cmpstr (description, ==, expected);
}

/* Description */

static void
test_empty (void)
{
  GenuChart *chart = genu_chart_new ();

  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");

  /* Nothing recorded at all is no data either. */
  genu_chart_add_pain (chart, "2026-03-03", -1, -1);
  genu_chart_add_lefs (chart, "2026-03-03", -1);
  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");

  /* The description follows every change of the data, and clearing. */
  genu_chart_add_pain (chart, "2026-03-03", 7, 5);
  assert_description (chart, "Pain before treatment was 7 on 3 March 2026. "
                             "After treatment it was 5.");
  genu_chart_add_lefs (chart, "2026-03-03", 42);
  assert_description (chart, "Pain before treatment was 7 on 3 March 2026. "
                             "After treatment it was 5. "
                             "LEFS was 42 on 3 March 2026.");
  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 2);
  genu_chart_clear (chart);
  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");

  g_assert_finalize_object (chart);
}

static void
test_sorted_by_date (void)
{
  GenuChart *chart = genu_chart_new ();

  add_sessions_shuffled (chart, G_N_ELEMENTS (sessions));
  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, G_N_ELEMENTS (sessions));
  assert_description (chart,
                      "Pain before treatment went from 7 on 3 March 2026 to 2 on 14 April 2026 "
                      "over 8 sessions. After treatment it went from 5 to 1.");

  g_assert_finalize_object (chart);
}

static void
test_missing_after (void)
{
  GenuChart *chart = genu_chart_new ();

  /* The last session has no "after": the "after" series ends at the one before it. */
  genu_chart_add_pain (chart, "2026-04-14", 2, -1);
  genu_chart_add_pain (chart, "2026-03-03", 7, 5);
  genu_chart_add_pain (chart, "2026-04-07", 3, 2);
  genu_chart_add_pain (chart, "2026-03-10", 6, -1);
  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 4);
  assert_description (chart,
                      "Pain before treatment went from 7 on 3 March 2026 to 2 on 14 April 2026 "
                      "over 4 sessions. "
                      "Pain after treatment went from 5 on 3 March 2026 to 2 on 7 April 2026 "
                      "over 2 sessions.");
  genu_chart_clear (chart);

  /* No "after" at all: not mentioned. */
  genu_chart_add_pain (chart, "2026-03-10", 6, -1);
  genu_chart_add_pain (chart, "2026-03-03", 7, -1);
  assert_description (chart,
                      "Pain before treatment went from 7 on 3 March 2026 to 6 on 10 March 2026 "
                      "over 2 sessions.");
  genu_chart_clear (chart);

  /* Only "after": said on its own. */
  genu_chart_add_pain (chart, "2026-03-03", -1, 4.5);
  assert_description (chart, "Pain after treatment was 4.5 on 3 March 2026.");

  g_assert_finalize_object (chart);
}

static void
test_lefs_change (void)
{
  static const struct {
    double      first;
    double      last;
    const char *expected;
  } cases[] = {
    { 42, 68, "LEFS went from 42 on 3 March 2026 to 68 on 14 April 2026, a change of +26 points. "
              "That is a clinically important improvement (9 points or more)." },
    { 42, 51, "LEFS went from 42 on 3 March 2026 to 51 on 14 April 2026, a change of +9 points. "
              "That is a clinically important improvement (9 points or more)." },
    { 42, 50, "LEFS went from 42 on 3 March 2026 to 50 on 14 April 2026, a change of +8 points. "
              "That is less than the 9 points of a clinically important change." },
    { 42, 42, "LEFS went from 42 on 3 March 2026 to 42 on 14 April 2026, a change of 0 points. "
              "That is less than the 9 points of a clinically important change." },
    { 60, 41, "LEFS went from 60 on 3 March 2026 to 41 on 14 April 2026, "
              "a change of \u221219 points. "
              "That is a clinically important decline (9 points or more)." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GenuChart *chart = genu_chart_new ();

      g_test_message ("LEFS %g -> %g", cases[i].first, cases[i].last);
      genu_chart_add_lefs (chart, "2026-04-14", cases[i].last);
      genu_chart_add_lefs (chart, "2026-03-03", cases[i].first);
      g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 2);
      assert_description (chart, cases[i].expected);
      g_assert_finalize_object (chart);
    }
}

static void
test_full_description (void)
{
  GenuChart *chart = genu_chart_new ();

  add_scores (chart);
  add_sessions_shuffled (chart, G_N_ELEMENTS (sessions));
  g_assert_cmpuint (genu_chart_get_n_points (chart), ==,
                    G_N_ELEMENTS (sessions) + G_N_ELEMENTS (scores));
  assert_description (chart,
                      "Pain before treatment went from 7 on 3 March 2026 to 2 on 14 April 2026 "
                      "over 8 sessions. After treatment it went from 5 to 1. "
                      "LEFS went from 42 on 3 March 2026 to 68 on 14 April 2026, "
                      "a change of +26 points. "
                      "That is a clinically important improvement (9 points or more).");

  g_assert_finalize_object (chart);
}

static void
test_bad_input (void)
{
  static const char * const bad_dates[] = {
    "", "2026-3-03", "2026-02-30", "03/03/2026", "2026-03-03T10:00", "2026-13-01", "20260303",
  };
  GenuChart *chart = genu_chart_new ();

  if (!g_test_undefined ())
    {
      g_assert_finalize_object (chart);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*not a YYYY-MM-DD date*");
      genu_chart_add_pain (chart, bad_dates[i], 5, 3);
      g_test_assert_expected_messages ();

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*not a YYYY-MM-DD date*");
      genu_chart_add_lefs (chart, bad_dates[i], 40);
      g_test_assert_expected_messages ();
    }

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*NPRS_MAX*");
  genu_chart_add_pain (chart, "2026-03-03", 11, 3);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*LEFS_MAX*");
  genu_chart_add_lefs (chart, "2026-03-03", 81);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (genu_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");
  g_assert_finalize_object (chart);
}

/* Colours */

static void
test_colors (void)
{
  const GenuChartColors *light = genu_chart_colors_light ();
  const GenuChartColors *dark = genu_chart_colors_dark ();

  g_assert_nonnull (light);
  g_assert_nonnull (dark);
  g_assert_true (light != dark);
  /* Dark text on a light background, light text on a dark one. */
  g_assert_cmpfloat (light->fg[0], <, 0.5);
  g_assert_cmpfloat (dark->fg[0], >, 0.5);
  /* Only the pale "after" blue and the orange change; "before" is the same blue. */
  g_assert_true (memcmp (light->pain_before, dark->pain_before, sizeof light->pain_before) == 0);
  g_assert_false (memcmp (light->pain_after, dark->pain_after, sizeof light->pain_after) == 0);
  g_assert_false (memcmp (light->lefs, dark->lefs, sizeof light->lefs) == 0);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (light->grid[i], >=, 0);
      g_assert_cmpfloat (light->grid[i], <=, 1);
    }
}

/* Drawing */

/* A chart with no data, one session and one LEFS score, or eight sessions and three scores. */
static GenuChart *
new_chart_with (guint n_sessions)
{
  GenuChart *chart = genu_chart_new ();

  if (n_sessions == 1)
    {
      genu_chart_add_pain (chart, "2026-03-03", 7, 5);
      genu_chart_add_lefs (chart, "2026-03-03", 42);
    }
  else if (n_sessions > 1)
    {
      add_sessions_shuffled (chart, n_sessions);
      add_scores (chart);
    }
  return chart;
}

/* How many pixels of @surface (ARGB32) are opaque and about the colour @rgb. */
static guint
count_pixels (cairo_surface_t *surface,
              guint32          rgb)
{
  const guchar *data;
  int width, height, stride;
  guint count = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 value = *(const guint32 *) (data + (gsize) y * stride + 4 * (gsize) x);
        int a = value >> 24, r = (value >> 16) & 0xff, g = (value >> 8) & 0xff, b = value & 0xff;

        if (a == 0xff && ABS (r - (int) (rgb >> 16)) < 12
            && ABS (g - (int) ((rgb >> 8) & 0xff)) < 12 && ABS (b - (int) (rgb & 0xff)) < 12)
          count++;
      }
  return count;
}

static void
test_draw_image (void)
{
  static const guint n_sessions[] = { 0, 1, 8 };
  static const struct {
    int         width;
    int         height;
    const char *font;
  } sizes[] = {
    { 560, 300, NULL },
    { 320, 220, "Cantarell 10" },
    { 40, 30, NULL },           /* too small for a plot: the titles only */
  };

  for (guint i = 0; i < G_N_ELEMENTS (n_sessions); i++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint dark = 0; dark < 2; dark++)
        {
          GenuChart *chart = new_chart_with (n_sessions[i]);
          const GenuChartColors *colors = dark ? genu_chart_colors_dark ()
                                               : genu_chart_colors_light ();
          cairo_surface_t *surface;
          cairo_t *cr;
          guint blue, orange;

          g_test_message ("%u sessions, %d x %d, %s", n_sessions[i], sizes[s].width,
                          sizes[s].height, dark ? "dark" : "light");
          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[s].width,
                                                sizes[s].height);
          cr = cairo_create (surface);
          genu_chart_draw (chart, cr, sizes[s].width, sizes[s].height, colors, sizes[s].font);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          /* The caller's state is left as it was, with no path. */
          g_assert_false (cairo_has_current_point (cr));
          g_assert_cmpint (cairo_get_operator (cr), ==, CAIRO_OPERATOR_OVER);
          cairo_destroy (cr);
          g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

          blue = count_pixels (surface, 0x3584e4);
          orange = count_pixels (surface, dark ? 0xff7800 : 0xe66100);
          if (n_sessions[i] == 0 || sizes[s].width < 100)
            {
              g_assert_cmpuint (blue, ==, 0);
              g_assert_cmpuint (orange, ==, 0);
            }
          else if (n_sessions[i] == 1)
            {
              /* A dot and a square, and their swatches in the legend: no line. */
              g_assert_cmpuint (blue, >, 0);
              g_assert_cmpuint (blue, <, 150);
              g_assert_cmpuint (orange, >, 0);
            }
          else
            {
              g_assert_cmpuint (blue, >, 100);
              g_assert_cmpuint (orange, >, 100);
            }

          cairo_surface_destroy (surface);
          g_assert_finalize_object (chart);
        }

  /* No colours and no font: the light ones, "Sans 9". */
  {
    GenuChart *chart = new_chart_with (8);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 560, 300);
    cairo_t *cr = cairo_create (surface);

    genu_chart_draw (chart, cr, 560, 300, NULL, NULL);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    g_assert_cmpuint (count_pixels (surface, 0xe66100), >, 100);
    cairo_surface_destroy (surface);
    g_assert_finalize_object (chart);
  }
}

/* The text of page @page (from 1) of the PDF at @path, or NULL without pdftotext. */
static char *
pdf_page_text (const char *path,
               guint       page)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *page_arg = g_strdup_printf ("%u", page);
  const char *argv[] = { NULL, "-f", page_arg, "-l", page_arg, "-enc", "UTF-8", path, "-",
                         NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return NULL;

  argv[0] = pdftotext;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_draw_pdf (void)
{
  static const guint n_sessions[] = { 0, 1, 8 };
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  cairo_surface_t *surface;
  cairo_t *cr;

  /* One page per chart, 400 x 250 points, with the print colours; a second chart on the last
   * page, moved and in a font of the page's, as a report places it among its text. */
  surface = cairo_pdf_surface_create (path, 400, 250);
  cr = cairo_create (surface);
  for (guint i = 0; i < G_N_ELEMENTS (n_sessions); i++)
    {
      GenuChart *chart = new_chart_with (n_sessions[i]);

      if (i > 0)
        cairo_show_page (cr);
      genu_chart_draw (chart, cr, 400, 250, genu_chart_colors_light (), NULL);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      if (n_sessions[i] == 8)
        {
          cairo_save (cr);
          cairo_translate (cr, 200, 150);
          genu_chart_draw (chart, cr, 200, 100, genu_chart_colors_light (), "Serif 7");
          cairo_restore (cr);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        }
      g_assert_finalize_object (chart);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (pdftotext == NULL)
    {
      g_test_message ("pdftotext not found: the PDF's text is not checked");
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (n_sessions); i++)
        {
          g_autofree char *text = pdf_page_text (path, i + 1);
          g_autofree char *line = g_strdelimit (g_strdup (text), "\n\f", ' ');

          g_test_message ("page %u: %s", i + 1, line);
          g_assert_nonnull (strstr (text, "Pain (NPRS)"));
          g_assert_nonnull (strstr (text, "LEFS"));
          if (n_sessions[i] == 0)
            g_assert_nonnull (strstr (text, "No sessions or scores yet"));
          else
            g_assert_nonnull (strstr (text, "Pain before"));
        }
    }

  genu_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/chart/description/empty", test_empty);
  g_test_add_func ("/core/chart/description/sorted-by-date", test_sorted_by_date);
  g_test_add_func ("/core/chart/description/missing-after", test_missing_after);
  g_test_add_func ("/core/chart/description/lefs-change", test_lefs_change);
  g_test_add_func ("/core/chart/description/full", test_full_description);
  g_test_add_func ("/core/chart/bad-input", test_bad_input);
  g_test_add_func ("/core/chart/colors", test_colors);
  g_test_add_func ("/core/chart/draw/image", test_draw_image);
  g_test_add_func ("/core/chart/draw/pdf", test_draw_pdf);

  return g_test_run ();
}
