/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "genu-distance.h"
#include "genu-locale.h"
#include "genu-validation.h"

/* What a therapist types into a form field or passes to genu-cli: a date, a decimal number, a
 * weekly running distance in km or miles, years of running. Any text is either read or refused
 * with a message; what is read is formatted back without trouble. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  g_autoptr(GError) error = NULL;
  GDate date;
  double value;
  int years;

  g_date_clear (&date, 1);
  if (genu_parse_date (text, &date, &error))
    {
      g_assert_no_error (error);
      g_assert_true (g_date_valid (&date));
    }
  else
    g_assert_nonnull (error);
  g_clear_error (&error);
  g_free (genu_format_date (text));

  if (genu_parse_decimal (text, &value))
    g_free (genu_format_number (value, 2));

  for (GenuDistanceUnit unit = GENU_DISTANCE_KM; unit <= GENU_DISTANCE_MILES; unit++)
    {
      if (genu_distance_parse_weekly (text, unit, &value, &error))
        {
          g_assert_no_error (error);
          g_free (genu_distance_format_value (value, unit));
        }
      else
        g_assert_nonnull (error);
      g_clear_error (&error);
    }

  if (genu_parse_years_running (text, &years, &error))
    g_assert_no_error (error);
  else
    g_assert_nonnull (error);
  return 0;
}
