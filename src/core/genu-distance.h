/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Distances are stored in kilometres; the unit is how they are typed and shown (the
 * "distance-unit" setting). */
typedef enum {
  GENU_DISTANCE_KM,
  GENU_DISTANCE_MILES,
} GenuDistanceUnit;

#define GENU_KM_PER_MILE 1.609344

GenuDistanceUnit  genu_distance_unit_from_name (const char       *name);
double            genu_distance_from_km        (double            km,
                                                GenuDistanceUnit  unit);
double            genu_distance_to_km          (double            value,
                                                GenuDistanceUnit  unit);
char             *genu_distance_format_value   (double            km,
                                                GenuDistanceUnit  unit);
gboolean          genu_distance_parse_weekly   (const char       *text,
                                                GenuDistanceUnit  unit,
                                                double           *km,
                                                GError          **error);

G_END_DECLS
