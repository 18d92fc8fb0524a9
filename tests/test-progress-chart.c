/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-progress-chart.h"
#include "genu-test-utils.h"
#include "genu-test-ui.h"

/* The progress chart widget: that assistive technologies get the chart's words, after every
 * change of the data, and that it draws its series in a window at its natural size and when
 * narrow. With GENU_SCREENSHOT_DIR set, it also saves light and dark pictures of itself there.
 * The rules of the words themselves (order by date, what was not recorded, the LEFS change
 * against the clinically important difference) are tested on GenuChart, in test-chart.c. */

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

typedef struct {
  GtkWindow         *window;
  GenuProgressChart *chart;
} Fixture;

static void
add_sessions_shuffled (GenuProgressChart *chart)
{
  guint order[G_N_ELEMENTS (sessions)];

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  /* Fisher-Yates with the test's own random numbers: reproducible with --seed. */
  for (guint i = G_N_ELEMENTS (order) - 1; i > 0; i--)
    {
      guint j = (guint) g_test_rand_int_range (0, (gint32) i + 1);
      guint tmp = order[i];

      order[i] = order[j];
      order[j] = tmp;
    }
  /* Make sure that the first session does not come first, whatever the seed. */
  if (order[0] == 0)
    {
      order[0] = order[1];
      order[1] = 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const Session *s = &sessions[order[i]];

      genu_progress_chart_add_pain (chart, s->date, s->before, s->after);
    }
}

static void
add_scores (GenuProgressChart *chart)
{
  /* Out of order too: last, first, middle. */
  genu_progress_chart_add_lefs (chart, scores[2].date, scores[2].score);
  genu_progress_chart_add_lefs (chart, scores[0].date, scores[0].score);
  genu_progress_chart_add_lefs (chart, scores[1].date, scores[1].score);
}

static GenuProgressChart *
new_chart (void)
{
  return g_object_ref_sink (GENU_PROGRESS_CHART (genu_progress_chart_new ()));
}

static void
assert_description (GenuProgressChart *chart,
                    const char        *expected)
{
  g_autofree char *description = genu_progress_chart_dup_description (chart);

  g_assert_cmpstr (description, ==, expected);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
}

static void
test_empty (void)
{
  GenuProgressChart *chart = new_chart ();

  g_assert_cmpuint (genu_progress_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");

  /* Nothing recorded at all is no data either. */
  genu_progress_chart_add_pain (chart, "2026-03-03", -1, -1);
  genu_progress_chart_add_lefs (chart, "2026-03-03", -1);
  g_assert_cmpuint (genu_progress_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");

  g_assert_finalize_object (chart);
}

static void
test_accessible (void)
{
  GenuProgressChart *chart = new_chart ();

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Progress chart");
  g_assert_cmpstr (gtk_widget_get_css_name (GTK_WIDGET (chart)), ==, "genu-progress-chart");

  /* The description follows every change of the data, and clearing. */
  genu_progress_chart_add_pain (chart, "2026-03-03", 7, 5);
  assert_description (chart, "Pain before treatment was 7 on 3 March 2026. "
                             "After treatment it was 5.");
  genu_progress_chart_add_lefs (chart, "2026-03-03", 42);
  assert_description (chart, "Pain before treatment was 7 on 3 March 2026. "
                             "After treatment it was 5. "
                             "LEFS was 42 on 3 March 2026.");
  genu_progress_chart_clear (chart);
  g_assert_cmpuint (genu_progress_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");

  g_assert_finalize_object (chart);
}

static void
test_full_description (void)
{
  GenuProgressChart *chart = new_chart ();

  add_scores (chart);
  add_sessions_shuffled (chart);
  g_assert_cmpuint (genu_progress_chart_get_n_points (chart), ==,
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
  GenuProgressChart *chart = new_chart ();

  if (!g_test_undefined ())
    {
      g_assert_finalize_object (chart);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*not a YYYY-MM-DD date*");
      genu_progress_chart_add_pain (chart, bad_dates[i], 5, 3);
      g_test_assert_expected_messages ();

      g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*not a YYYY-MM-DD date*");
      genu_progress_chart_add_lefs (chart, bad_dates[i], 40);
      g_test_assert_expected_messages ();
    }

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*NPRS_MAX*");
  genu_progress_chart_add_pain (chart, "2026-03-03", 11, 3);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*LEFS_MAX*");
  genu_progress_chart_add_lefs (chart, "2026-03-03", 81);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (genu_progress_chart_get_n_points (chart), ==, 0);
  assert_description (chart, "No sessions or scores yet.");
  g_assert_finalize_object (chart);
}

/* Rendering */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  fixture->chart = GENU_PROGRESS_CHART (genu_progress_chart_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->chart));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->chart));
  genu_test_iterate ();
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->chart))
         || gtk_widget_get_width (GTK_WIDGET (fixture->chart)) == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data G_GNUC_UNUSED)
{
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
}

static void
resize_window (Fixture *fixture,
               int      width,
               int      height)
{
  GtkWidget *chart = GTK_WIDGET (fixture->chart);

  /* The sizes are the chart's; the window also holds its margins. */
  gtk_window_set_default_size (fixture->window,
                               width + gtk_widget_get_margin_start (chart)
                               + gtk_widget_get_margin_end (chart),
                               height + gtk_widget_get_margin_top (chart)
                               + gtk_widget_get_margin_bottom (chart));
  gtk_widget_queue_resize (chart);
  while (gtk_widget_get_width (chart) != width || gtk_widget_get_height (chart) != height)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_queue_draw (chart);
  gtk_test_widget_wait_for_draw (chart);
  genu_test_iterate ();
}

/* How many pixels of the widget, drawn on the window background of the current colour scheme,
 * have about the colour @rgb. */
static guint
count_pixels (Fixture *fixture,
              guint32  rgb)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  guint count = 0;

  gtk_snapshot_append_color (snapshot,
                             dark ? &(GdkRGBA) { 0.14, 0.14, 0.14, 1 }
                                  : &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  /* CAIRO_FORMAT_ARGB32: B, G, R, A on little-endian machines; opaque here. */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint32 value = *(guint32 *) (pixels + 4 * i);
      int r = (value >> 16) & 0xff, g = (value >> 8) & 0xff, b = value & 0xff;

      if (ABS (r - (int) (rgb >> 16)) < 12 && ABS (g - (int) ((rgb >> 8) & 0xff)) < 12
          && ABS (b - (int) (rgb & 0xff)) < 12)
        count++;
    }
  return count;
}

/* The new style is applied in the layout phase of a frame, after the frame's tick: wait for
 * the frame after the one that saw the change. */
static void
set_color_scheme (GtkWidget      *widget,
                  AdwColorScheme  scheme)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
  genu_test_iterate ();
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data G_GNUC_UNUSED)
{
  GtkWidget *chart = GTK_WIDGET (fixture->chart);
  int min_width, nat_width, min_height, nat_height;

  gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &min_height, &nat_height, NULL, NULL);
  g_assert_cmpint (min_width, ==, 300);
  g_assert_cmpint (min_height, ==, 200);
  g_assert_cmpint (nat_width, ==, 560);
  g_assert_cmpint (nat_height, ==, 300);
  g_assert_cmpint (gtk_widget_get_width (chart), ==, nat_width);
  g_assert_cmpint (gtk_widget_get_height (chart), ==, nat_height);

  /* Empty: axes only, no series. */
  g_assert_cmpuint (count_pixels (fixture, 0x3584e4), ==, 0);
  g_assert_cmpuint (count_pixels (fixture, 0xe66100), ==, 0);

  /* One point of each: a dot and a square, no line. */
  genu_progress_chart_add_pain (fixture->chart, "2026-03-03", 7, -1);
  genu_progress_chart_add_lefs (fixture->chart, "2026-03-03", 42);
  gtk_test_widget_wait_for_draw (chart);
  g_assert_cmpuint (count_pixels (fixture, 0x3584e4), >, 0);
  g_assert_cmpuint (count_pixels (fixture, 0xe66100), >, 0);
  g_assert_cmpuint (count_pixels (fixture, 0x3584e4), <, 150);

  genu_progress_chart_clear (fixture->chart);
  add_sessions_shuffled (fixture->chart);
  add_scores (fixture->chart);
  gtk_test_widget_wait_for_draw (chart);
  g_assert_cmpuint (count_pixels (fixture, 0x3584e4), >, 200);
  g_assert_cmpuint (count_pixels (fixture, 0xe66100), >, 200);

  /* Narrow and short: still drawn, without criticals (G_DEBUG=fatal-warnings). */
  resize_window (fixture, 320, 220);
  g_assert_cmpuint (count_pixels (fixture, 0x3584e4), >, 100);
  g_assert_cmpuint (count_pixels (fixture, 0xe66100), >, 100);

  /* Dark too: "after" turns a paler blue, which reads better on a dark background. (On a light
   * one, the edges of the darker blue blend into that pale blue, so it is not looked for there.) */
  g_assert_cmpuint (count_pixels (fixture, 0x62a0ea), >, 50);
  set_color_scheme (chart, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpuint (count_pixels (fixture, 0x99c1f1), >, 50);
  g_assert_cmpuint (count_pixels (fixture, 0x62a0ea), <, 5);
  g_assert_cmpuint (count_pixels (fixture, 0x3584e4), >, 100);
  g_assert_cmpuint (count_pixels (fixture, 0xff7800), >, 100);
  set_color_scheme (chart, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpuint (count_pixels (fixture, 0x62a0ea), >, 50);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data G_GNUC_UNUSED)
{
  if (g_getenv ("GENU_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("GENU_SCREENSHOT_DIR is not set");
      return;
    }

  /* As it sits in a page: with some room around it. */
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->chart), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->chart), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->chart), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->chart), 12);
  genu_test_iterate ();

  genu_test_screenshot (fixture->window, "progress-chart-empty.png", FALSE);
  genu_test_screenshot (fixture->window, "progress-chart-empty-dark.png", TRUE);

  genu_progress_chart_add_pain (fixture->chart, "2026-03-03", 7, 5);
  genu_progress_chart_add_lefs (fixture->chart, "2026-03-03", 42);
  genu_test_screenshot (fixture->window, "progress-chart-one.png", FALSE);

  genu_progress_chart_clear (fixture->chart);
  add_sessions_shuffled (fixture->chart);
  add_scores (fixture->chart);
  genu_test_screenshot (fixture->window, "progress-chart.png", FALSE);
  genu_test_screenshot (fixture->window, "progress-chart-dark.png", TRUE);

  resize_window (fixture, 320, 220);
  genu_test_screenshot (fixture->window, "progress-chart-narrow.png", FALSE);
  genu_test_screenshot (fixture->window, "progress-chart-narrow-dark.png", TRUE);

  /* Over a year end, with gaps in "after": the dates show the year. */
  genu_progress_chart_clear (fixture->chart);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr (GDateTime) start = g_date_time_new_utc (2025, 11, 20, 12, 0, 0);
      g_autoptr (GDateTime) day = g_date_time_add_days (start, (int) (i * 9));
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      genu_progress_chart_add_pain (fixture->chart, date, 8 - i * 0.5,
                                    i % 3 == 1 ? -1 : 6 - i * 0.5);
      if (i % 4 == 0)
        genu_progress_chart_add_lefs (fixture->chart, date, 30 + i * 3);
    }
  resize_window (fixture, 560, 300);
  genu_test_screenshot (fixture->window, "progress-chart-year-end.png", FALSE);
  resize_window (fixture, 320, 220);
  genu_test_screenshot (fixture->window, "progress-chart-year-end-narrow.png", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/progress-chart/empty", test_empty);
  g_test_add_func ("/ui/progress-chart/accessible", test_accessible);
  g_test_add_func ("/ui/progress-chart/full-description", test_full_description);
  g_test_add_func ("/ui/progress-chart/bad-input", test_bad_input);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/progress-chart/render", test_render);
  ADD ("/ui/progress-chart/screenshots", test_screenshots);

#undef ADD

  return g_test_run ();
}
