/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates and numbers as the user's locale shows them (issue 6): dates stay ISO in entries and in
 * storage, but are shown in the user's form; numbers are shown with the locale's decimal separator
 * and typed with a point or a comma, whatever the locale. */
#include "config.h"

#include "genu-locale.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

/* The suite runs with LC_ALL=C.UTF-8 and LANGUAGE='': the English form. */
static void
test_format_date_english (void)
{
  g_autofree char *date = NULL;
  g_autofree char *first = NULL;
  g_autofree char *leap = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  date = genu_format_date ("2026-03-04");
  g_assert_cmpstr (date, ==, "4 Mar 2026");
  first = genu_format_date ("1900-01-01");
  g_assert_cmpstr (first, ==, "1 Jan 1900");
  leap = genu_format_date ("2024-02-29");
  g_assert_cmpstr (leap, ==, "29 Feb 2024");
}

/* What is not a date is shown as it is, never lost nor turned into another day. */
static void
test_format_date_invalid (void)
{
  static const char *texts[] = {
    "", "2026-02-30", "03/04/2001", "2026-3-4", "not a date", "2026-13-01", " 2026-03-04",
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *shown = genu_format_date (texts[i]);

      g_assert_cmpstr (shown, ==, texts[i]);
    }

  {
    g_autofree char *none = genu_format_date (NULL);

    g_assert_cmpstr (none, ==, "");
  }
}

typedef struct {
  const char *text;
  gboolean    valid;
  double      value;
} DecimalCase;

static void
test_parse_decimal (void)
{
  static const DecimalCase cases[] = {
    { "32,5", TRUE, 32.5 },
    { " 32.5 ", TRUE, 32.5 },
    { "32.5", TRUE, 32.5 },
    { "\t2,5\n", TRUE, 2.5 },
    { "0", TRUE, 0 },
    { "-1,25", TRUE, -1.25 },
    { "40", TRUE, 40 },
    { ",5", TRUE, 0.5 },
    { "3x", FALSE, 0 },
    { "", FALSE, 0 },
    { "   ", FALSE, 0 },
    { "1,2,3", FALSE, 0 },
    { "1.2.3", FALSE, 0 },
    { "1,2.3", FALSE, 0 },
    { "2 5", FALSE, 0 },
    { "inf", FALSE, 0 },
    { "nan", FALSE, 0 },
    { "0x10", FALSE, 0 },
    { "1e999", FALSE, 0 },
    { "abc", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = -12345;
      gboolean valid = genu_parse_decimal (cases[i].text, &value);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-9);
      else
        g_assert_cmpfloat (value, ==, -12345);   /* untouched */
    }

  g_assert_false (genu_parse_decimal (NULL, &(double) { 0 }));
}

static void
test_format_number_c (void)
{
  static const struct { double value; int decimals; const char *text; } cases[] = {
    { 32.5, 1, "32.5" },
    { 32.5, 2, "32.5" },
    { 32, 2, "32" },
    { 0, 2, "0" },
    { -0.001, 2, "0" },
    { 2.345, 0, "2" },
    { 1.25, 2, "1.25" },
    { 100, 0, "100" },
    { 10.10, 2, "10.1" },
  };

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = genu_format_number (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static gboolean
use_locale (const char *locale)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  if (setlocale (LC_ALL, locale) == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

/* In German, with the German catalogue: a decimal comma, and the German month, which comes from
 * LC_TIME whether or not the format itself is translated yet. */
static void
test_german (void)
{
  g_autofree char *number = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *date = NULL;
  g_autofree char *invalid = NULL;
  double value = 0;

  if (!use_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("the German locale is not installed (.ci/install-deps compiles it)");
      return;
    }

  number = genu_format_number (32.5, 1);
  g_assert_cmpstr (number, ==, "32,5");
  whole = genu_format_number (32.0, 2);
  g_assert_cmpstr (whole, ==, "32");

  /* What is shown reads back, and so does a point. */
  g_assert_true (genu_parse_decimal (number, &value));
  g_assert_cmpfloat (value, ==, 32.5);
  g_assert_true (genu_parse_decimal ("32.5", &value));
  g_assert_cmpfloat (value, ==, 32.5);

  date = genu_format_date ("2026-03-04");
  g_test_message ("German date: %s", date);
  g_assert_nonnull (strstr (date, "2026"));
  g_assert_nonnull (strstr (date, "4"));
  g_assert_nonnull (strstr (date, "Mär"));
  g_assert_null (strstr (date, "2026-03-04"));
  g_assert_null (strstr (date, "Mar "));

  invalid = genu_format_date ("04.03.2026");
  g_assert_cmpstr (invalid, ==, "04.03.2026");

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locale/format-date/english", test_format_date_english);
  g_test_add_func ("/locale/format-date/invalid", test_format_date_invalid);
  g_test_add_func ("/locale/parse-decimal", test_parse_decimal);
  g_test_add_func ("/locale/format-number/c", test_format_number_c);
  g_test_add_func ("/locale/german", test_german);

  return g_test_run ();
}
