/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-knee-diagram.h"

#include <glib/gi18n-lib.h>

/* A right knee seen from the inside (medial view), with one round toggle per spot where it can
 * hurt. The therapist taps where the patient points; each spot is also a real button, so it can
 * be reached with Tab, toggled with Space and is named for screen readers.
 *
 * The drawing has a fixed size in "diagram units" (pixels at scale 1) and is kept centred when the
 * widget gets more room, so the spots always stay on the structures they name. The front of the
 * knee is on the left: standing between the patient's legs and looking at the inner side of the
 * right knee, the patient's front is on the viewer's left. */

#define DIAGRAM_WIDTH  320
#define DIAGRAM_HEIGHT 300
#define SPACING        12

/* The region of the spec that is not a spot on the bone, shown as a labelled button instead. */
#define DIFFUSE_INDEX  8

typedef struct
{
  const char *id;
  const char *label;
  double      x;            /* centre of the spot in diagram units; unused for the diffuse one */
  double      y;
} Region;

static const Region regions[] = {
  { "loc_joint_line", N_("Medial joint line"), 140, 152 },
  { "loc_mcl_origin", N_("MCL origin (medial femoral epicondyle)"), 189, 100 },
  { "loc_mcl_body", N_("MCL body"), 185, 153 },
  { "loc_pes_anserine", N_("Pes anserine (2-5 cm below the joint line)"), 129, 216 },
  { "loc_medial_patellar_border", N_("Medial patellar border"), 97, 112 },
  { "loc_tibial_plateau", N_("Medial tibial plateau"), 160, 181 },
  { "loc_posteromedial", N_("Posteromedial corner"), 233, 153 },
  { "loc_infrapatellar_skin", N_("Infrapatellar skin (saphenous branch)"), 84, 172 },
  { "loc_diffuse", N_("Diffuse, hard to point to"), -1, -1 },
};

#define N_REGIONS G_N_ELEMENTS (regions)

static const char * const region_ids[] = {
  "loc_joint_line",
  "loc_mcl_origin",
  "loc_mcl_body",
  "loc_pes_anserine",
  "loc_medial_patellar_border",
  "loc_tibial_plateau",
  "loc_posteromedial",
  "loc_infrapatellar_skin",
  "loc_diffuse",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (region_ids) == G_N_ELEMENTS (regions) + 1);

/* The spots are smaller than Adwaita's circular buttons so that eight of them fit on one knee
 * without touching, and a checked spot takes the accent colour so it reads as "it hurts here"
 * rather than as a pressed button. */
static const char spot_css[] =
  "genu-knee-diagram > button.genu-knee-spot {"
  "  min-width: 24px;"
  "  min-height: 24px;"
  "  padding: 0;"
  "  background-color: alpha(@view_bg_color, 0.55);"
  "  box-shadow: inset 0 0 0 2px alpha(currentColor, 0.6);"
  "}"
  "genu-knee-diagram > button.genu-knee-spot:hover {"
  "  background-color: alpha(@accent_bg_color, 0.35);"
  "}"
  "genu-knee-diagram > button.genu-knee-spot:checked {"
  "  background-color: @accent_bg_color;"
  "  box-shadow: inset 0 0 0 2px @accent_fg_color, 0 0 0 2px @accent_bg_color;"
  "}";

#define SPOT_CSS_KEY "genu-knee-diagram-css"

struct _GenuKneeDiagram
{
  GtkWidget  parent_instance;

  GtkWidget *buttons[N_REGIONS];

  /* Top-left corner of the drawing inside the widget, set by size_allocate. */
  int        origin_x;
  int        origin_y;

  /* Set while the program (not the user) changes a button, so no "region-toggled" goes out. */
  gboolean   syncing;
};

enum {
  REGION_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GenuKneeDiagram, genu_knee_diagram, GTK_TYPE_WIDGET)

static int
region_index (const char *id)
{
  for (guint i = 0; i < N_REGIONS; i++)
    if (g_strcmp0 (regions[i].id, id) == 0)
      return (int) i;
  return -1;
}

static void
ensure_css (GdkDisplay *display)
{
  g_autoptr (GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), SPOT_CSS_KEY) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, spot_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), SPOT_CSS_KEY,
                          g_steal_pointer (&provider), g_object_unref);
}

/* The colours are fixed greys and hues with alpha instead of theme colours, so the same drawing
 * reads on the light and the dark background without depending on APIs newer than GTK 4.8. */
static void
set_outline (cairo_t *cr)
{
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.85);
  cairo_set_line_width (cr, 1.5);
}

static void
fill_and_stroke (cairo_t *cr,
                 double   r,
                 double   g,
                 double   b,
                 double   a)
{
  cairo_set_source_rgba (cr, r, g, b, a);
  cairo_fill_preserve (cr);
  set_outline (cr);
  cairo_stroke (cr);
}

static void
draw_skin (cairo_t *cr)
{
  static const double dashes[] = { 4, 4 };

  /* The front of the leg: thigh, the soft tissue over the patella, then the shin. */
  cairo_move_to (cr, 62, 0);
  cairo_curve_to (cr, 52, 40, 40, 70, 44, 100);
  cairo_curve_to (cr, 46, 125, 50, 150, 62, 165);
  cairo_curve_to (cr, 72, 190, 82, 240, 104, 300);

  /* The back of the leg: hamstrings, the hollow behind the knee, the calf. */
  cairo_move_to (cr, 292, 0);
  cairo_curve_to (cr, 290, 60, 272, 120, 270, 150);
  cairo_curve_to (cr, 272, 185, 300, 215, 296, 250);
  cairo_curve_to (cr, 292, 275, 280, 290, 276, 300);

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1.2);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_femur (cairo_t *cr)
{
  /* The shaft is in line with the front of the condyle; the condyle bulges out behind it. */
  cairo_move_to (cr, 114, 0);
  cairo_curve_to (cr, 114, 40, 110, 65, 104, 82);
  cairo_curve_to (cr, 98, 96, 94, 108, 96, 122);
  cairo_curve_to (cr, 98, 140, 118, 148, 145, 149);
  cairo_curve_to (cr, 180, 151, 215, 151, 235, 140);
  cairo_curve_to (cr, 256, 126, 256, 92, 236, 80);
  cairo_curve_to (cr, 222, 72, 190, 70, 184, 40);
  cairo_line_to (cr, 182, 0);
  cairo_close_path (cr);
  fill_and_stroke (cr, 0.78, 0.72, 0.58, 0.35);

  /* The medial epicondyle, where the MCL starts. */
  cairo_save (cr);
  cairo_translate (cr, 189, 100);
  cairo_scale (cr, 1.25, 1.0);
  cairo_arc (cr, 0, 0, 11, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_set_source_rgba (cr, 0.78, 0.72, 0.58, 0.3);
  cairo_fill_preserve (cr);
  set_outline (cr);
  cairo_stroke (cr);
}

static void
draw_tibia (cairo_t *cr)
{
  cairo_move_to (cr, 96, 158);
  cairo_curve_to (cr, 125, 155, 200, 155, 236, 158);
  cairo_curve_to (cr, 245, 162, 246, 176, 238, 183);
  cairo_curve_to (cr, 216, 200, 202, 232, 200, 300);
  cairo_line_to (cr, 142, 300);
  cairo_curve_to (cr, 138, 252, 122, 218, 106, 207);
  cairo_curve_to (cr, 97, 200, 96, 190, 99, 183);
  cairo_curve_to (cr, 93, 176, 90, 164, 96, 158);
  cairo_close_path (cr);
  fill_and_stroke (cr, 0.78, 0.72, 0.58, 0.35);
}

static void
draw_meniscus (cairo_t *cr)
{
  cairo_move_to (cr, 104, 150);
  cairo_curve_to (cr, 150, 150, 200, 152, 234, 146);
  cairo_curve_to (cr, 240, 150, 240, 155, 234, 156);
  cairo_curve_to (cr, 200, 155, 140, 155, 102, 156);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.55, 0.6, 0.7, 0.45);
  cairo_fill (cr);
}

static void
draw_patella (cairo_t *cr)
{
  /* The quadriceps tendon above the patella and the patellar tendon down to the tuberosity. */
  cairo_move_to (cr, 66, 88);
  cairo_curve_to (cr, 70, 55, 76, 25, 80, 0);
  cairo_line_to (cr, 104, 0);
  cairo_curve_to (cr, 100, 30, 94, 60, 90, 90);
  cairo_close_path (cr);
  fill_and_stroke (cr, 0.9, 0.55, 0.35, 0.3);

  cairo_move_to (cr, 68, 136);
  cairo_curve_to (cr, 74, 160, 86, 185, 96, 204);
  cairo_line_to (cr, 106, 200);
  cairo_curve_to (cr, 100, 180, 94, 158, 88, 136);
  cairo_close_path (cr);
  fill_and_stroke (cr, 0.9, 0.55, 0.35, 0.3);

  cairo_save (cr);
  cairo_translate (cr, 77, 112);
  cairo_rotate (cr, -0.12);
  cairo_scale (cr, 14, 31);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  fill_and_stroke (cr, 0.78, 0.72, 0.58, 0.45);
}

static void
draw_mcl (cairo_t *cr)
{
  /* Broad and flat, from the epicondyle to well below the joint line, leaning slightly forward. */
  cairo_move_to (cr, 178, 98);
  cairo_curve_to (cr, 180, 84, 200, 84, 201, 98);
  cairo_curve_to (cr, 197, 150, 190, 200, 185, 242);
  cairo_curve_to (cr, 181, 247, 169, 247, 166, 242);
  cairo_curve_to (cr, 170, 200, 175, 150, 178, 98);
  cairo_close_path (cr);
  fill_and_stroke (cr, 0.21, 0.52, 0.89, 0.35);
}

static void
draw_hamstrings (cairo_t *cr)
{
  /* Semimembranosus, to the back of the tibia: the posteromedial corner. */
  cairo_move_to (cr, 282, 0);
  cairo_curve_to (cr, 286, 90, 268, 160, 238, 180);
  cairo_set_source_rgba (cr, 0.9, 0.55, 0.35, 0.45);
  cairo_set_line_width (cr, 9);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);

  /* Sartorius, gracilis and semitendinosus: behind the condyle, then forward to the pes
   * anserinus on the front-inner tibia, over the lower MCL. */
  for (int i = 0; i < 3; i++)
    {
      double d = 7 * i;

      cairo_move_to (cr, 236 + 14 * i, 0);
      cairo_curve_to (cr, 262 + d, 140 + d, 224 + d, 212 + d, 128 + 2 * i, 210 + d);
    }
  cairo_set_source_rgba (cr, 0.9, 0.55, 0.35, 0.55);
  cairo_set_line_width (cr, 4.5);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_knee (cairo_t *cr)
{
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  draw_skin (cr);
  draw_femur (cr);
  draw_tibia (cr);
  draw_meniscus (cr);
  draw_patella (cr);
  draw_mcl (cr);
  draw_hamstrings (cr);
}

static void
snapshot_caption (GtkWidget   *widget,
                  GtkSnapshot *snapshot,
                  const char  *text,
                  double       x,
                  double       y,
                  gboolean     align_right)
{
  static const GdkRGBA grey = { 0.5, 0.5, 0.5, 1.0 };
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width, height;

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &width, &height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (align_right ? x - width : x, y - height));
  gtk_snapshot_append_layout (snapshot, layout, &grey);
  gtk_snapshot_restore (snapshot);
}

static void
region_toggled_cb (GtkToggleButton *button,
                   GenuKneeDiagram *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "genu-region-id");

  if (self->syncing)
    return;
  g_signal_emit (self, signals[REGION_TOGGLED], 0, id);
}

static void
genu_knee_diagram_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size G_GNUC_UNUSED,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline G_GNUC_UNUSED,
                           int            *natural_baseline G_GNUC_UNUSED)
{
  GenuKneeDiagram *self = GENU_KNEE_DIAGRAM (widget);
  int child_min = 0, child_nat = 0;

  gtk_widget_measure (self->buttons[DIFFUSE_INDEX], orientation, -1,
                      &child_min, &child_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (DIAGRAM_WIDTH, child_min);
      *natural = MAX (DIAGRAM_WIDTH, child_nat);
    }
  else
    {
      *minimum = DIAGRAM_HEIGHT + SPACING + child_min;
      *natural = DIAGRAM_HEIGHT + SPACING + child_nat;
    }
}

static void
genu_knee_diagram_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline G_GNUC_UNUSED)
{
  GenuKneeDiagram *self = GENU_KNEE_DIAGRAM (widget);
  GtkWidget *diffuse = self->buttons[DIFFUSE_INDEX];
  GtkRequisition nat;
  int diffuse_width;

  gtk_widget_get_preferred_size (diffuse, NULL, &nat);
  diffuse_width = MIN (nat.width, width);

  /* The drawing and the button under it stay together, centred in whatever room there is. */
  self->origin_x = MAX (0, (width - DIAGRAM_WIDTH) / 2);
  self->origin_y = MAX (0, (height - (DIAGRAM_HEIGHT + SPACING + nat.height)) / 2);

  gtk_widget_size_allocate (diffuse,
                            &(GtkAllocation) {
                              (width - diffuse_width) / 2,
                              self->origin_y + DIAGRAM_HEIGHT + SPACING,
                              diffuse_width,
                              nat.height
                            }, -1);

  for (guint i = 0; i < N_REGIONS; i++)
    {
      GtkRequisition spot;

      if (i == DIFFUSE_INDEX)
        continue;

      gtk_widget_get_preferred_size (self->buttons[i], NULL, &spot);
      gtk_widget_size_allocate (self->buttons[i],
                                &(GtkAllocation) {
                                  self->origin_x + (int) (regions[i].x - spot.width / 2.0 + 0.5),
                                  self->origin_y + (int) (regions[i].y - spot.height / 2.0 + 0.5),
                                  spot.width,
                                  spot.height
                                }, -1);
    }
}

static void
genu_knee_diagram_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  GenuKneeDiagram *self = GENU_KNEE_DIAGRAM (widget);
  cairo_t *cr;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->origin_x, self->origin_y));

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, DIAGRAM_WIDTH, DIAGRAM_HEIGHT));
  draw_knee (cr);
  cairo_destroy (cr);

  /* Which side is the front is not obvious in a side view, so say it. */
  snapshot_caption (widget, snapshot, _("Front"), 4, DIAGRAM_HEIGHT, FALSE);
  snapshot_caption (widget, snapshot, _("Back"), DIAGRAM_WIDTH - 4, DIAGRAM_HEIGHT, TRUE);

  gtk_snapshot_restore (snapshot);

  GTK_WIDGET_CLASS (genu_knee_diagram_parent_class)->snapshot (widget, snapshot);
}

static void
genu_knee_diagram_dispose (GObject *object)
{
  GenuKneeDiagram *self = GENU_KNEE_DIAGRAM (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint i = 0; i < N_REGIONS; i++)
    self->buttons[i] = NULL;

  G_OBJECT_CLASS (genu_knee_diagram_parent_class)->dispose (object);
}

static void
genu_knee_diagram_class_init (GenuKneeDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_knee_diagram_dispose;

  widget_class->measure = genu_knee_diagram_measure;
  widget_class->size_allocate = genu_knee_diagram_size_allocate;
  widget_class->snapshot = genu_knee_diagram_snapshot;

  /**
   * GenuKneeDiagram::region-toggled:
   * @self: the diagram
   * @id: the id of the region, one of genu_knee_diagram_get_region_ids()
   *
   * The user switched a region on or off. Not emitted for
   * genu_knee_diagram_set_region_active().
   */
  signals[REGION_TOGGLED] =
    g_signal_new ("region-toggled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_css_name (widget_class, "genu-knee-diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
genu_knee_diagram_init (GenuKneeDiagram *self)
{
  ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));

  /* GTK puts the spots in Tab order as they lie on the drawing, top to bottom. */
  for (guint i = 0; i < N_REGIONS; i++)
    {
      const char *label = _(regions[i].label);
      GtkWidget *button;

      if (i == DIFFUSE_INDEX)
        {
          button = gtk_toggle_button_new_with_label (_("Diffuse pain"));
          gtk_widget_add_css_class (button, "pill");
        }
      else
        {
          button = gtk_toggle_button_new ();
          gtk_widget_add_css_class (button, "circular");
          gtk_widget_add_css_class (button, "genu-knee-spot");
        }

      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data (G_OBJECT (button), "genu-region-id", (gpointer) regions[i].id);
      g_signal_connect (button, "toggled", G_CALLBACK (region_toggled_cb), self);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      self->buttons[i] = button;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pain location on the inner knee"),
                                  -1);
}

/**
 * genu_knee_diagram_new:
 *
 * Returns: a new #GenuKneeDiagram with no region active
 */
GtkWidget *
genu_knee_diagram_new (void)
{
  return g_object_new (GENU_TYPE_KNEE_DIAGRAM, NULL);
}

/**
 * genu_knee_diagram_get_region_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the finding ids of the regions, in the
 *   order of the clinical spec
 */
const char * const *
genu_knee_diagram_get_region_ids (void)
{
  return region_ids;
}

/**
 * genu_knee_diagram_get_region_label:
 * @id: a region id
 *
 * Returns: (nullable): the translated name of the region, or %NULL if @id is not a region
 */
const char *
genu_knee_diagram_get_region_label (const char *id)
{
  int index;

  g_return_val_if_fail (id != NULL, NULL);

  index = region_index (id);
  if (index < 0)
    return NULL;
  return _(regions[index].label);
}

/**
 * genu_knee_diagram_get_region_active:
 * @id: a region id
 *
 * Returns: whether the region is marked as painful
 */
gboolean
genu_knee_diagram_get_region_active (GenuKneeDiagram *self,
                                     const char      *id)
{
  int index;

  g_return_val_if_fail (GENU_IS_KNEE_DIAGRAM (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  index = region_index (id);
  g_return_val_if_fail (index >= 0, FALSE);
  g_return_val_if_fail (self->buttons[index] != NULL, FALSE);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->buttons[index]));
}

/**
 * genu_knee_diagram_set_region_active:
 * @id: a region id
 * @active: whether the region is painful
 *
 * Marks a region, for example when a saved visit is loaded. Does not emit
 * #GenuKneeDiagram::region-toggled: that signal is for what the user does.
 */
void
genu_knee_diagram_set_region_active (GenuKneeDiagram *self,
                                     const char      *id,
                                     gboolean         active)
{
  int index;

  g_return_if_fail (GENU_IS_KNEE_DIAGRAM (self));
  g_return_if_fail (id != NULL);

  index = region_index (id);
  g_return_if_fail (index >= 0);
  g_return_if_fail (self->buttons[index] != NULL);

  self->syncing = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[index]), active);
  self->syncing = FALSE;
}

/**
 * genu_knee_diagram_get_region_button:
 * @id: a region id
 *
 * Returns: (transfer none): the toggle button of the region, for tests and focus handling
 */
GtkWidget *
genu_knee_diagram_get_region_button (GenuKneeDiagram *self,
                                     const char      *id)
{
  int index;

  g_return_val_if_fail (GENU_IS_KNEE_DIAGRAM (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  index = region_index (id);
  g_return_val_if_fail (index >= 0, NULL);

  return self->buttons[index];
}
