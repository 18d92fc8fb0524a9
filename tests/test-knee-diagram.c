/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-knee-diagram.h"
#include "genu-test-ui.h"

#include <adwaita.h>

/* The inner-knee pain map: nine regions with the finding ids of the clinical spec, each a button
 * that is named, focusable, and reports only what the user does; the spots sit on the drawing,
 * apart from each other, also when the widget is given more room than it asks for. With
 * GENU_SCREENSHOT_DIR set, it also saves light and dark pictures of itself there. */

static const char * const expected_ids[] = {
  "loc_joint_line",
  "loc_mcl_origin",
  "loc_mcl_body",
  "loc_pes_anserine",
  "loc_medial_patellar_border",
  "loc_tibial_plateau",
  "loc_posteromedial",
  "loc_infrapatellar_skin",
  "loc_diffuse",
};

#define N_IDS G_N_ELEMENTS (expected_ids)
#define N_SPOTS (N_IDS - 1)

typedef struct {
  GtkWindow       *window;
  GenuKneeDiagram *diagram;
} Fixture;

typedef struct {
  guint  count;
  char  *last_id;
} Emissions;

static void
region_toggled_cb (GenuKneeDiagram *diagram G_GNUC_UNUSED,
                   const char      *id,
                   Emissions       *emissions)
{
  emissions->count++;
  g_free (emissions->last_id);
  emissions->last_id = g_strdup (id);
}

static void
emissions_reset (Emissions *emissions)
{
  emissions->count = 0;
  g_clear_pointer (&emissions->last_id, g_free);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* A button pressed from the keyboard shows itself pressed for a moment before it toggles, so
 * wait for the toggle, but not for ever. */
static void
activate_and_wait (GtkWidget *button)
{
  gboolean was_active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (5, timeout_cb, &timed_out);

  g_assert_true (gtk_widget_activate (button));
  while (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)) == was_active && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  genu_test_iterate ();
}

static void
wait_for_allocation (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  genu_test_iterate ();
  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  fixture->diagram = GENU_KNEE_DIAGRAM (genu_knee_diagram_new ());
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->diagram));
  gtk_window_present (fixture->window);
  wait_for_allocation (GTK_WIDGET (fixture->diagram));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data G_GNUC_UNUSED)
{
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
}

static void
test_region_ids (void)
{
  const char * const *ids = genu_knee_diagram_get_region_ids ();
  guint n = 0;

  g_assert_nonnull (ids);
  for (; ids[n] != NULL; n++)
    {
      g_assert_cmpuint (n, <, N_IDS);
      g_assert_cmpstr (ids[n], ==, expected_ids[n]);
      g_assert_nonnull (genu_knee_diagram_get_region_label (ids[n]));
    }
  g_assert_cmpuint (n, ==, N_IDS);

  g_assert_cmpstr (genu_knee_diagram_get_region_label ("loc_joint_line"), ==,
                   "Medial joint line");
  g_assert_cmpstr (genu_knee_diagram_get_region_label ("loc_diffuse"), ==,
                   "Diffuse, hard to point to");
  g_assert_null (genu_knee_diagram_get_region_label ("loc_lateral_joint_line"));
}

static void
test_buttons (void)
{
  GenuKneeDiagram *diagram = g_object_ref_sink (GENU_KNEE_DIAGRAM (genu_knee_diagram_new ()));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (diagram), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (diagram), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pain location on the inner knee");

  for (guint i = 0; i < N_IDS; i++)
    {
      const char *label = genu_knee_diagram_get_region_label (expected_ids[i]);
      GtkWidget *button = genu_knee_diagram_get_region_button (diagram, expected_ids[i]);
      const char *tooltip;

      g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
      g_assert_true (gtk_widget_get_parent (button) == GTK_WIDGET (diagram));
      tooltip = gtk_widget_get_tooltip_text (button);
      g_assert_cmpstr (tooltip, ==, label);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      g_assert_true (gtk_widget_get_focusable (button));
      g_assert_true (gtk_widget_get_can_focus (button));
      g_assert_false (genu_knee_diagram_get_region_active (diagram, expected_ids[i]));

      if (i < N_SPOTS)
        {
          g_assert_true (gtk_widget_has_css_class (button, "circular"));
          g_assert_true (gtk_widget_has_css_class (button, "genu-knee-spot"));
        }
      else
        {
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Diffuse pain");
        }
    }

  g_assert_finalize_object (diagram);
}

static void
test_user_toggle (Fixture       *fixture,
                  gconstpointer  data G_GNUC_UNUSED)
{
  Emissions emissions = { 0, NULL };

  g_signal_connect (fixture->diagram, "region-toggled", G_CALLBACK (region_toggled_cb),
                    &emissions);

  for (guint i = 0; i < N_IDS; i++)
    {
      GtkWidget *button = genu_knee_diagram_get_region_button (fixture->diagram,
                                                               expected_ids[i]);

      /* A click (activation), on and off. */
      emissions_reset (&emissions);
      activate_and_wait (button);
      g_assert_cmpuint (emissions.count, ==, 1);
      g_assert_cmpstr (emissions.last_id, ==, expected_ids[i]);
      g_assert_true (genu_knee_diagram_get_region_active (fixture->diagram, expected_ids[i]));

      emissions_reset (&emissions);
      activate_and_wait (button);
      g_assert_cmpuint (emissions.count, ==, 1);
      g_assert_cmpstr (emissions.last_id, ==, expected_ids[i]);
      g_assert_false (genu_knee_diagram_get_region_active (fixture->diagram, expected_ids[i]));

      /* The button's own setter, as an assistive technology would use it. */
      emissions_reset (&emissions);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_assert_cmpuint (emissions.count, ==, 1);
      g_assert_cmpstr (emissions.last_id, ==, expected_ids[i]);
      g_assert_true (genu_knee_diagram_get_region_active (fixture->diagram, expected_ids[i]));
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                                        GTK_ACCESSIBLE_TRISTATE_TRUE);

      /* Setting the same value again is no toggle. */
      emissions_reset (&emissions);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_assert_cmpuint (emissions.count, ==, 0);
    }

  /* Toggling one region leaves the others alone. */
  genu_knee_diagram_set_region_active (fixture->diagram, "loc_mcl_body", FALSE);
  for (guint i = 0; i < N_IDS; i++)
    g_assert_true (genu_knee_diagram_get_region_active (fixture->diagram, expected_ids[i])
                   == (g_strcmp0 (expected_ids[i], "loc_mcl_body") != 0));

  emissions_reset (&emissions);
}

static void
test_set_active_is_silent (Fixture       *fixture,
                           gconstpointer  data G_GNUC_UNUSED)
{
  Emissions emissions = { 0, NULL };

  g_signal_connect (fixture->diagram, "region-toggled", G_CALLBACK (region_toggled_cb),
                    &emissions);

  for (guint i = 0; i < N_IDS; i++)
    {
      GtkWidget *button = genu_knee_diagram_get_region_button (fixture->diagram,
                                                               expected_ids[i]);

      genu_knee_diagram_set_region_active (fixture->diagram, expected_ids[i], TRUE);
      g_assert_true (genu_knee_diagram_get_region_active (fixture->diagram, expected_ids[i]));
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
      genu_knee_diagram_set_region_active (fixture->diagram, expected_ids[i], TRUE);
      genu_knee_diagram_set_region_active (fixture->diagram, expected_ids[i], FALSE);
      g_assert_false (genu_knee_diagram_get_region_active (fixture->diagram, expected_ids[i]));
    }
  g_assert_cmpuint (emissions.count, ==, 0);

  /* The guard is lifted again afterwards: the user's next click is reported. */
  activate_and_wait (genu_knee_diagram_get_region_button (fixture->diagram, "loc_diffuse"));
  g_assert_cmpuint (emissions.count, ==, 1);
  g_assert_cmpstr (emissions.last_id, ==, "loc_diffuse");

  emissions_reset (&emissions);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*index >= 0*");
  genu_knee_diagram_set_region_active (fixture->diagram, "loc_nowhere", TRUE);
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*index >= 0*");
  g_assert_false (genu_knee_diagram_get_region_active (fixture->diagram, "loc_nowhere"));
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*index >= 0*");
  g_assert_null (genu_knee_diagram_get_region_button (fixture->diagram, "loc_nowhere"));
  g_test_assert_expected_messages ();

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*id != NULL*");
  g_assert_null (genu_knee_diagram_get_region_label (NULL));
  g_test_assert_expected_messages ();
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  /* Tab reaches every region once (GTK orders them as they lie, top to bottom), and Space
   * toggles the focused one. */
  gtk_window_set_focus (fixture->window, NULL);
  for (guint i = 0; i < N_IDS; i++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window),
                                             GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (fixture->window);
      g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
      g_assert_true (gtk_widget_get_parent (focus) == GTK_WIDGET (fixture->diagram));
      g_assert_false (g_hash_table_contains (seen, focus));
      g_hash_table_add (seen, focus);
    }
  for (guint i = 0; i < N_IDS; i++)
    g_assert_true (g_hash_table_contains (seen,
                                          genu_knee_diagram_get_region_button (fixture->diagram,
                                                                               expected_ids[i])));
}

static void
spot_bounds (Fixture         *fixture,
             guint            i,
             graphene_rect_t *bounds)
{
  GtkWidget *button = genu_knee_diagram_get_region_button (fixture->diagram, expected_ids[i]);

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (fixture->diagram), bounds));
}

static void
check_layout (Fixture *fixture)
{
  GtkWidget *diagram = GTK_WIDGET (fixture->diagram);
  graphene_rect_t area, diffuse;

  graphene_rect_init (&area, 0, 0, gtk_widget_get_width (diagram),
                      gtk_widget_get_height (diagram));
  spot_bounds (fixture, N_SPOTS, &diffuse);
  g_assert_true (graphene_rect_contains_rect (&area, &diffuse));

  for (guint i = 0; i < N_SPOTS; i++)
    {
      graphene_rect_t a;

      spot_bounds (fixture, i, &a);
      g_test_message ("%s: %.0f,%.0f %.0fx%.0f", expected_ids[i],
                      a.origin.x, a.origin.y, a.size.width, a.size.height);
      g_assert_cmpfloat (a.size.width, >=, 16);
      g_assert_cmpfloat (a.size.height, >=, 16);
      g_assert_true (graphene_rect_contains_rect (&area, &a));
      /* The spots are on the drawing, above the "Diffuse pain" button. */
      g_assert_cmpfloat (a.origin.y + a.size.height, <=, diffuse.origin.y);

      for (guint j = i + 1; j <= N_SPOTS; j++)
        {
          graphene_rect_t b, overlap;

          spot_bounds (fixture, j, &b);
          if (graphene_rect_intersection (&a, &b, &overlap))
            g_assert_true (overlap.size.width <= 0 || overlap.size.height <= 0);
        }
    }
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data G_GNUC_UNUSED)
{
  GtkWidget *diagram = GTK_WIDGET (fixture->diagram);
  graphene_rect_t before[N_IDS];
  int width, height, min_width, min_height;

  gtk_widget_measure (diagram, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (diagram, GTK_ORIENTATION_VERTICAL, -1, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, >=, 300);
  g_assert_cmpint (min_height, >=, 280);

  check_layout (fixture);
  width = gtk_widget_get_width (diagram);
  height = gtk_widget_get_height (diagram);
  for (guint i = 0; i < N_IDS; i++)
    spot_bounds (fixture, i, &before[i]);

  /* Given more room, the drawing stays centred and every spot moves with it. */
  gtk_window_set_default_size (fixture->window, width + 200, height + 100);
  gtk_widget_queue_resize (diagram);
  while (gtk_widget_get_width (diagram) != width + 200)
    g_main_context_iteration (NULL, TRUE);
  genu_test_iterate ();
  g_assert_cmpint (gtk_widget_get_height (diagram), ==, height + 100);

  check_layout (fixture);
  for (guint i = 0; i < N_IDS; i++)
    {
      graphene_rect_t after;

      spot_bounds (fixture, i, &after);
      g_assert_cmpfloat_with_epsilon (after.origin.x, before[i].origin.x + 100, 1.01);
      g_assert_cmpfloat_with_epsilon (after.origin.y, before[i].origin.y + 50, 1.01);
    }
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data G_GNUC_UNUSED)
{
  const char *dir = g_getenv ("GENU_SCREENSHOT_DIR");

  if (dir == NULL)
    {
      g_test_skip ("GENU_SCREENSHOT_DIR is not set");
      return;
    }

  gtk_widget_set_margin_start (GTK_WIDGET (fixture->diagram), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->diagram), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->diagram), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->diagram), 12);
  genu_knee_diagram_set_region_active (fixture->diagram, "loc_pes_anserine", TRUE);
  genu_knee_diagram_set_region_active (fixture->diagram, "loc_joint_line", TRUE);

  genu_test_screenshot (fixture->window, "diagram.png", FALSE);
  genu_test_screenshot (fixture->window, "diagram-dark.png", TRUE);
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/knee-diagram/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/knee-diagram/region-ids", test_region_ids);
  g_test_add_func ("/knee-diagram/buttons", test_buttons);
  add_test ("/knee-diagram/user-toggle", test_user_toggle);
  add_test ("/knee-diagram/set-active-is-silent", test_set_active_is_silent);
  add_test ("/knee-diagram/bad-input", test_bad_input);
  add_test ("/knee-diagram/keyboard", test_keyboard);
  add_test ("/knee-diagram/layout", test_layout);
  add_test ("/knee-diagram/screenshots", test_screenshots);

  return g_test_run ();
}
