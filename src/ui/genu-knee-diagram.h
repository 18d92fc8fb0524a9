/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GENU_TYPE_KNEE_DIAGRAM (genu_knee_diagram_get_type ())

G_DECLARE_FINAL_TYPE (GenuKneeDiagram, genu_knee_diagram, GENU, KNEE_DIAGRAM, GtkWidget)

GtkWidget          *genu_knee_diagram_new               (void);
const char * const *genu_knee_diagram_get_region_ids    (void);
const char         *genu_knee_diagram_get_region_label  (const char      *id);
gboolean            genu_knee_diagram_get_region_active (GenuKneeDiagram *self,
                                                         const char      *id);
void                genu_knee_diagram_set_region_active (GenuKneeDiagram *self,
                                                         const char      *id,
                                                         gboolean         active);
GtkWidget          *genu_knee_diagram_get_region_button (GenuKneeDiagram *self,
                                                         const char      *id);

G_END_DECLS
