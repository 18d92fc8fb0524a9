/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-locale.h"

#include "genu-validation.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

/* Dates are stored and typed as ISO 8601 (YYYY-MM-DD), so that "03/04/2001" is never read as the
 * wrong day; numbers are stored with a decimal point. What is only shown to the user follows the
 * user's locale: the order and spelling of a date from the translation, the month names from
 * LC_TIME, the decimal separator from LC_NUMERIC. */

/**
 * genu_format_date:
 * @iso: (nullable): a date as YYYY-MM-DD
 *
 * Returns: (transfer full): @iso in the form the user's language writes dates, e.g. "4 Mar 2026";
 * a copy of @iso, unchanged, when it is not a date.
 */
char *
genu_format_date (const char *iso)
{
  GDate date;
  g_autoptr(GDateTime) datetime = NULL;
  char *text;

  if (iso == NULL)
    return g_strdup ("");
  if (!genu_parse_date (iso, &date, NULL))
    return g_strdup (iso);

  datetime = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), 0, 0, 0);
  if (datetime == NULL)
    return g_strdup (iso);

  /* TRANSLATORS: how a date is shown, in g_date_time_format() notation; keep the year in four
   * digits. The month names come from the system. German: "%-d. %b %Y", Spanish: "%-d %b %Y" */
  text = g_date_time_format (datetime, _("%-d %b %Y"));
  /* A broken translation must not lose the date. */
  return text != NULL ? text : g_strdup (iso);
}

/**
 * genu_parse_decimal:
 * @text: (nullable): a number typed by a person
 * @value: (out): the number
 *
 * Reads a decimal number typed by a person: surrounding spaces are fine, and so is a decimal
 * comma, which half of Europe types, whatever the locale. "1,2,3", "3x" and "" are refused.
 *
 * Returns: %TRUE when @text is a finite number.
 */
gboolean
genu_parse_decimal (const char *text,
                    double     *value)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double result;

  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));
  /* g_ascii_strtod() would also take hexadecimal, "inf" and "nan": nobody types those. */
  if (*copy == '\0' || strpbrk (copy, "xXnNiI") != NULL)
    return FALSE;

  result = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || !isfinite (result))
    return FALSE;

  *value = result;
  return TRUE;
}

/**
 * genu_format_number:
 * @value: a number
 * @max_decimals: at most this many digits after the decimal separator (0 to 15)
 *
 * Returns: (transfer full): @value with the locale's decimal separator and no trailing zeros,
 * e.g. "32,5" in German for 32.5 with 1 decimal, "3" for 3.0.
 */
char *
genu_format_number (double value,
                    int    max_decimals)
{
  const char *point = localeconv ()->decimal_point;
  char *text;
  char *sep;

  max_decimals = CLAMP (max_decimals, 0, 15);
  text = g_strdup_printf ("%.*f", max_decimals, value);

  if (max_decimals > 0 && point != NULL && *point != '\0' &&
      (sep = strstr (text, point)) != NULL)
    {
      char *last = text + strlen (text) - 1;

      while (last > sep && *last == '0')
        *last-- = '\0';
      if (last == sep + strlen (point) - 1)
        *sep = '\0';
    }

  /* No "-0". */
  if (strcmp (text, "-0") == 0)
    {
      g_free (text);
      text = g_strdup ("0");
    }

  return text;
}
