/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the widget tests: running the main loop, and pictures of what they see. */

#include <adwaita.h>

static inline void
genu_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* AdwApplication loads the app's style sheet; a test has no application. */
static inline void
genu_test_load_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/org/genu/Genu/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The first visible toplevel window of @type (a dialog the test expects to be open), or NULL. */
static inline gpointer
genu_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Scrolls the scrolled window around @widget so that @widget is at its top: for screenshots of
 * the lower part of a long page. */
static inline void
genu_test_scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y);
  genu_test_iterate ();
}

/* Saves a PNG of @window as @name in $GENU_SCREENSHOT_DIR, light or dark: the way to look at
 * what the tests see. Renders with the window's own renderer, as in ../shared/PLATFORM.md.
 * Returns FALSE, saving nothing, when GENU_SCREENSHOT_DIR is not set. */
static inline gboolean
genu_test_screenshot (GtkWindow  *window,
                      const char *name,
                      gboolean    dark)
{
  const char *dir = g_getenv ("GENU_SCREENSHOT_DIR");
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return FALSE;
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_widget_queue_draw (widget);
  gtk_test_widget_wait_for_draw (widget);
  genu_test_iterate ();

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  /* The window's own background is not drawn by its snapshot vfunc. */
  gtk_snapshot_append_color (snapshot,
                             dark ? &(GdkRGBA) { 0.14, 0.14, 0.14, 1 }
                                  : &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}
