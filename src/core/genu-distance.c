/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-distance.h"

#include "genu-locale.h"
#include "genu-patient.h"
#include "genu-validation.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/**
 * genu_distance_unit_from_name:
 * @name: (nullable): "km" or "miles", as the "distance-unit" setting holds it
 *
 * Returns: the unit; kilometres for anything but "miles".
 */
GenuDistanceUnit
genu_distance_unit_from_name (const char *name)
{
  return g_strcmp0 (name, "miles") == 0 ? GENU_DISTANCE_MILES : GENU_DISTANCE_KM;
}

double
genu_distance_from_km (double           km,
                       GenuDistanceUnit unit)
{
  return unit == GENU_DISTANCE_MILES ? km / GENU_KM_PER_MILE : km;
}

double
genu_distance_to_km (double           value,
                     GenuDistanceUnit unit)
{
  return unit == GENU_DISTANCE_MILES ? value * GENU_KM_PER_MILE : value;
}

/**
 * genu_distance_format_value:
 * @km: a distance in kilometres
 * @unit: the unit to show it in
 *
 * Returns: (transfer full): the number alone, in @unit, as it goes into an entry: at most two
 * decimals, with the locale's decimal separator ("20,5" in German).
 */
char *
genu_distance_format_value (double           km,
                            GenuDistanceUnit unit)
{
  return genu_format_number (genu_distance_from_km (km, unit), 2);
}

/**
 * genu_distance_parse_weekly:
 * @text: (nullable): what was typed; empty means not recorded
 * @unit: the unit it was typed in
 * @km: (out): the distance in kilometres, or %GENU_PATIENT_UNSET
 *
 * Reads a weekly running distance: a number (a decimal comma is fine) from 0 to
 * %GENU_WEEKLY_DISTANCE_MAX_KM, said in @unit.
 *
 * Returns: %TRUE when @text is empty or such a number; otherwise sets @error to a message in
 * @unit that says what to type.
 */
gboolean
genu_distance_parse_weekly (const char        *text,
                            GenuDistanceUnit   unit,
                            double            *km,
                            GError           **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  double value;

  if (*stripped == '\0')
    {
      *km = GENU_PATIENT_UNSET;
      return TRUE;
    }

  if (!genu_parse_decimal (stripped, &value))
    {
      g_set_error_literal (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                           unit == GENU_DISTANCE_MILES
                           ? _("Type the weekly distance as a number of miles, for example 20.")
                           : _("Type the weekly distance as a number of kilometres, for example 32.5."));
      return FALSE;
    }

  if (value < 0 || genu_distance_to_km (value, unit) > GENU_WEEKLY_DISTANCE_MAX_KM)
    {
      if (unit == GENU_DISTANCE_MILES)
        g_set_error (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                     _("Type a weekly distance from 0 to %d miles, or leave it empty."),
                     (int) floor (genu_distance_from_km (GENU_WEEKLY_DISTANCE_MAX_KM, unit)));
      else
        g_set_error_literal (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID,
                             _("Type a weekly distance from 0 to 400 km, or leave it empty."));
      return FALSE;
    }

  *km = genu_distance_to_km (value, unit);
  return TRUE;
}
