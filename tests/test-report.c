/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "genu-report.h"
#include "genu-store.h"
#include "genu-test-utils.h"

/* The printed treatment summary (genu-report.c), rendered as PDF without a display and read back
 * with poppler's tools (pdftotext, pdfinfo, pdffonts), as a reader of the file would. */

typedef struct {
  char      *dir;
  GenuStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = genu_test_make_dir ();
  path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext != NULL && pdffonts != NULL && pdfinfo != NULL)
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdffonts, pdfinfo) are not installed");
  return FALSE;
}

/* The standard output of @argv, which must succeed. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s: %s", argv[0], err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *path,
          guint       page)   /* from 1; 0 = all */
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *all[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *one[] = { "pdftotext", "-enc", "UTF-8", "-f", number, "-l", number, path, "-",
                        NULL };

  return run (page == 0 ? all : one);
}

static guint
pdf_n_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *line = strstr (info, "Pages:");
  guint64 pages = 0;

  g_assert_nonnull (line);
  line += strlen ("Pages:");
  while (*line == ' ')
    line++;
  pages = g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (pages, >, 0);
  return (guint) pages;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Whether @text holds @needle, spaces aside: pdftotext guesses the spaces from the glyphs'
 * positions ("6→3" for "6 → 3"). */
static gboolean
contains_ignoring_spaces (const char *text,
                          const char *needle)
{
  g_autoptr(GString) a = g_string_new (text);
  g_autoptr(GString) b = g_string_new (needle);

  g_string_replace (a, " ", "", 0);
  g_string_replace (b, " ", "", 0);
  return strstr (a->str, b->str) != NULL;
}

static gint64
add_patient (Fixture    *fixture,
             const char *family,
             const char *given)
{
  static guint next_record = 42;
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *record = g_strdup_printf ("G-%06u", next_record++);

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, family);
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1985-04-23");
  genu_patient_set_text (patient, GENU_PATIENT_RECORD_NUMBER, record);
  genu_patient_set_text (patient, GENU_PATIENT_REFERRING_PHYSICIAN, "Dr. Jana Novak");
  genu_store_save_patient (fixture->store, patient, &error);
  g_assert_no_error (error);
  return genu_patient_get_id (patient);
}

/* An initial evaluation with a knee assessment (a red flag among its findings), a plan with
 * goals and two LEFS scores. */
static void
add_evaluation_and_plan (Fixture *fixture,
                         gint64   patient_id)
{
  g_autoptr(GenuVisit) visit = genu_visit_new ();
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  g_autoptr(GenuPlan) plan = genu_plan_new ();
  g_autoptr(GenuGoal) goal = NULL;
  g_autoptr(GError) error = NULL;
  GenuFindings *findings = genu_assessment_get_findings (assessment);
  const char *dates[] = { "2024-01-01", "2024-02-15" };
  const int items[] = { 1, 3 };

  genu_assessment_set_side (assessment, GENU_SIDE_LEFT);
  genu_assessment_set_text (assessment, GENU_ASSESSMENT_MECHANISM, "Gradual, after a marathon");
  genu_findings_set_number (findings, "nprs_now", 6);
  genu_findings_set_number (findings, "nprs_best", 2);
  genu_findings_set_number (findings, "nprs_worst", 8);
  genu_findings_set_number (findings, "flexion_deg", 125);
  genu_findings_set_number (findings, "extension_deficit_deg", 5);
  genu_findings_set_bool (findings, "loc_pes_anserine", TRUE);
  genu_findings_set_bool (findings, "mcmurray", TRUE);
  genu_findings_set_bool (findings, "hot_joint", TRUE);
  genu_findings_set_bool (findings, "fever_unwell", TRUE);

  genu_visit_set_patient_id (visit, patient_id);
  genu_visit_set_kind (visit, GENU_VISIT_INITIAL_EVALUATION);
  genu_visit_set_text (visit, GENU_VISIT_DATE, "2024-01-01");
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Anna Berg");
  genu_visit_set_text (visit, GENU_VISIT_PLAN, "Referred to the GP the same day for the hot joint.");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ID, "pes_anserine");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_NAME, "Pes anserine bursitis");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ICD10, "M70.5");
  genu_visit_set_assessment (visit, assessment);
  genu_store_save_visit (fixture->store, visit, &error);
  g_assert_no_error (error);

  genu_plan_set_patient_id (plan, patient_id);
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, "2024-01-01");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, "Pes anserine bursitis");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ICD10, "M70.5");
  genu_plan_set_text (plan, GENU_PLAN_INTERVENTIONS, "IASTM\nHip strengthening");
  genu_plan_set_frequency_per_week (plan, 2);
  genu_plan_set_duration_weeks (plan, 8);
  goal = genu_goal_new (GENU_GOAL_SHORT_TERM, "Run 5 km without pain", "2024-02-01");
  genu_plan_add_goal (plan, goal);
  genu_store_save_plan (fixture->store, plan, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GenuOutcome) outcome = genu_outcome_new ();

      genu_outcome_set_patient_id (outcome, patient_id);
      genu_outcome_set_date (outcome, dates[i]);
      for (guint item = 1; item <= 20; item++)
        genu_outcome_set_item (outcome, item, items[i]);
      genu_store_save_outcome (fixture->store, outcome, &error);
      g_assert_no_error (error);
    }
}

/* @n sessions, one a day from 2024-01-02, each with IASTM and an exercise, and a note
 * "row-NNN-end" (NNN from 000) unless @note is given. */
static void
add_sessions (Fixture    *fixture,
              gint64      patient_id,
              guint       n,
              const char *note)
{
  g_autoptr(GDate) date = g_date_new_dmy (2, G_DATE_JANUARY, 2024);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GenuSession) session = genu_session_new ();
      g_autoptr(GenuIntervention) iastm = genu_intervention_new (GENU_INTERVENTION_IASTM);
      g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);
      g_autoptr(GError) error = NULL;
      const char *instruments[] = { "gt2", "gt4", NULL };
      const char *regions[] = { "loc_pes_anserine", "adductors", NULL };
      g_autofree char *marker = g_strdup_printf ("row-%03u-end", i);
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
      g_date_add_days (date, 1);

      genu_intervention_set_choices (iastm, "instruments", instruments);
      genu_intervention_set_choices (iastm, "regions", regions);
      genu_intervention_set_number (iastm, "minutes", 4);
      genu_intervention_set_text (exercise, "exercise", "Side-lying hip abduction");
      genu_intervention_set_number (exercise, "sets", 3);
      genu_intervention_set_number (exercise, "reps", 15);

      genu_session_set_patient_id (session, patient_id);
      genu_session_set_text (session, GENU_SESSION_DATE, text);
      genu_session_set_text (session, GENU_SESSION_THERAPIST, "Anna Berg");
      genu_session_set_text (session, GENU_SESSION_NOTES, note != NULL ? note : marker);
      genu_session_set_pain_before (session, 6);
      genu_session_set_pain_after (session, 3);
      genu_session_add_intervention (session, iastm);
      genu_session_add_intervention (session, exercise);
      genu_store_save_session (fixture->store, session, &error);
      g_assert_no_error (error);
    }
}

/* Writes the summary of @patient_id to "summary.pdf" in the fixture's folder. */
static char *
write_summary (Fixture                 *fixture,
               gint64                   patient_id,
               const GenuReportOptions *options)
{
  static const GenuReportOptions defaults = {
    .clinic_name = "Praxis Knie & Lauf",
    .clinic_address = "Hauptstraße 1, 10115 Berlin",
    .clinic_phone = "+49 30 1234567",
    .include_differential = TRUE,
    .paper = "a4",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuReport) report = NULL;
  char *path = g_build_filename (fixture->dir, "summary.pdf", NULL);

  report = genu_report_new (fixture->store, patient_id, options != NULL ? options : &defaults,
                            &error);
  g_assert_no_error (error);
  genu_report_write_pdf (report, path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&report));
  return path;
}

static void
assert_on_every_page (const char *path,
                      const char *needle)
{
  guint n_pages = pdf_n_pages (path);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (path, page);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", page, n_pages);

      if (strstr (text, needle) == NULL)
        g_test_message ("page %u lacks “%s”:\n%s", page, needle, text);
      g_assert_nonnull (strstr (text, needle));
      g_assert_nonnull (strstr (text, footer));
    }
}

static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const sections[] = {
    "Praxis Knie & Lauf", "Hauptstraße 1", "+49 30 1234567", "Treatment Summary", "Patient",
    "G-0000", "23 Apr 1985", "Dr. Jana Novak", "Dates of care", "1 Jan 2024 to 3 Jan 2024",
    "Plan started 1 Jan 2024", "1 Feb 2024", "born 23 Apr 1985", "2 Jan 2024",
    "Assessment Summary", "McMurray", "now 6/10", "flexion 125°", "Red flags",
    "Suspected septic joint", "Same-day medical referral",
    "Referred to the GP", "Working Diagnosis", "Pes anserine bursitis (ICD-10 M70.5)",
    "Suggested Differential", "Decision support for the treating clinician, not a diagnosis",
    "Plan of Care", "Run 5 km without pain", "Progressing", "Session Log", "GT2, GT4",
    "Side-lying hip abduction", "6 → 3", "Not signed", "Outcome Measures", "Lower Extremity",
    "+40", "Progress", "Signatures", "Therapist:", "Page 1 of",
  };
  gint64 patient_id;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  patient_id = add_patient (fixture, "Mustermann", "Erika");
  add_evaluation_and_plan (fixture, patient_id);
  add_sessions (fixture, patient_id, 2, NULL);
  path = write_summary (fixture, patient_id, NULL);

  text = pdf_text (path, 0);
  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (!contains_ignoring_spaces (text, sections[i]))
        g_test_message ("missing: %s", sections[i]);
      g_assert_true (contains_ignoring_spaces (text, sections[i]));
    }
  /* Dates are shown in the reader's form (English here), never as stored. */
  g_assert_null (strstr (text, "1985-04-23"));
  g_assert_null (strstr (text, "2024-01-0"));
  g_assert_null (strstr (text, "2024-02-01"));
  assert_on_every_page (path, "Mustermann, Erika");
  g_assert_cmpint (genu_test_file_mode (path), ==, 0600);
}

static void
test_pages_grow (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 few, many;
  g_autofree char *path = NULL;
  guint pages_few, pages_many;

  if (!have_poppler ())
    return;

  few = add_patient (fixture, "Few", "Sessions");
  add_sessions (fixture, few, 3, NULL);
  many = add_patient (fixture, "Many", "Sessions");
  add_sessions (fixture, many, 30, NULL);

  path = write_summary (fixture, few, NULL);
  pages_few = pdf_n_pages (path);
  g_free (path);
  path = write_summary (fixture, many, NULL);
  pages_many = pdf_n_pages (path);

  g_test_message ("3 sessions: %u pages; 30 sessions: %u pages", pages_few, pages_many);
  g_assert_cmpuint (pages_many, >, pages_few);
  assert_on_every_page (path, "Many, Sessions");
}

static void
test_200_sessions (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 patient_id;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint n_pages, table_pages = 0;

  if (!have_poppler ())
    return;

  patient_id = add_patient (fixture, "Lang", "Tabea");
  add_sessions (fixture, patient_id, 200, NULL);
  path = write_summary (fixture, patient_id, NULL);

  text = pdf_text (path, 0);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *marker = g_strdup_printf ("row-%03u-end", i);

      if (count (text, marker) != 1)
        g_test_message ("%s appears %u times", marker, count (text, marker));
      g_assert_cmpuint (count (text, marker), ==, 1);
    }

  /* The header row on every page that holds rows of the session log. */
  n_pages = pdf_n_pages (path);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *page_text = pdf_text (path, page);

      if (strstr (page_text, "row-") == NULL)
        continue;
      table_pages++;
      g_assert_nonnull (strstr (page_text, "Interventions"));
      g_assert_nonnull (strstr (page_text, "Pain before"));
    }
  g_test_message ("200 sessions: %u pages, %u with the session log", n_pages, table_pages);
  g_assert_cmpuint (table_pages, >, 3);
  assert_on_every_page (path, "Lang, Tabea");
}

/* A note longer than a page: every word of it is printed, none is cut off at a page edge. */
static void
test_long_note (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gint64 patient_id;

  if (!have_poppler ())
    return;

  for (guint i = 0; i < 900; i++)
    g_string_append_printf (note, "word%04u ", i);
  patient_id = add_patient (fixture, "Lang", "Notiz");
  add_sessions (fixture, patient_id, 2, note->str);
  path = write_summary (fixture, patient_id, NULL);

  text = pdf_text (path, 0);
  for (guint i = 0; i < 900; i++)
    {
      g_autofree char *word = g_strdup_printf ("word%04u", i);

      if (count (text, word) != 2)
        g_test_message ("%s appears %u times", word, count (text, word));
      g_assert_cmpuint (count (text, word), ==, 2);
    }
  assert_on_every_page (path, "Lang, Notiz");
}

static void
test_other_scripts (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const texts[] = {
    "Łukasz", "Żółć", "Zoë Ångström", "李小龍", "مرحبا", "بالعالم",
  };
  const char *fonts_argv[] = { "pdffonts", NULL, NULL };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 patient_id;
  guint n_fonts = 0;

  if (!have_poppler ())
    return;

  patient_id = add_patient (fixture, "Żółć", "Łukasz");
  add_sessions (fixture, patient_id, 1, "Zoë Ångström 李小龍 مرحبا بالعالم");
  path = write_summary (fixture, patient_id, NULL);

  text = pdf_text (path, 0);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (strstr (text, texts[i]) == NULL)
        g_test_message ("missing: %s\n%s", texts[i], text);
      g_assert_nonnull (strstr (text, texts[i]));
    }
  assert_on_every_page (path, "Żółć, Łukasz");

  /* Every font is embedded: the pages look the same wherever they are opened. The columns:
   * name type… encoding emb sub uni object ID. */
  fonts_argv[1] = path;
  fonts = run (fonts_argv);
  g_test_message ("%s", fonts);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint c = 0; columns[c] != NULL; c++)
        if (*columns[c] != '\0')
          g_ptr_array_add (words, columns[c]);
      if (words->len == 0)
        continue;
      g_assert_cmpuint (words->len, >=, 6);
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_period (Fixture       *fixture,
             gconstpointer  data)
{
  GenuReportOptions options = { .from = "2024-01-04", .to = "2024-01-06", .paper = "letter" };
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *info_argv[] = { "pdfinfo", NULL, NULL };
  g_autofree char *info = NULL;
  gint64 patient_id;

  if (!have_poppler ())
    return;

  patient_id = add_patient (fixture, "Zeit", "Raum");
  add_sessions (fixture, patient_id, 10, NULL);   /* 2024-01-02 (row-000) to 2024-01-11 */
  path = write_summary (fixture, patient_id, &options);

  text = pdf_text (path, 0);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *marker = g_strdup_printf ("row-%03u-end", i);

      g_assert_cmpuint (count (text, marker), ==, i >= 2 && i <= 4 ? 1 : 0);
    }
  g_assert_nonnull (strstr (text, "4 Jan 2024 to 6 Jan 2024"));

  info_argv[1] = path;
  info = run (info_argv);
  g_assert_nonnull (strstr (info, "612 x 792 pts"));
}

static void
test_paginate_for_printing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuReport) report = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 patient_id = add_patient (fixture, "Druck", "Dialog");
  double width, height;
  guint n_pages;

  add_sessions (fixture, patient_id, 40, NULL);
  report = genu_report_new (fixture->store, patient_id, NULL, &error);
  g_assert_no_error (error);
  genu_report_get_page_size (report, &width, &height);
  g_assert_cmpfloat (width, >, 500);
  g_assert_cmpfloat (height, >, 700);

  /* What the print dialog does: its own context, page by page. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cr = cairo_create (surface);
  n_pages = genu_report_paginate (report, cr, 612, 792);
  g_assert_cmpuint (n_pages, >, 1);
  for (guint page = 0; page < n_pages; page++)
    genu_report_draw_page (report, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (genu_report_paper_size ("A4", &width, &height));
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
  g_assert_false (genu_report_paper_size ("a5", NULL, NULL));
}

static void
test_unknown_patient (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GenuReportOptions bad_date = { .from = "2024-13-01" };
  GenuReportOptions bad_paper = { .paper = "a5" };
  GenuReport *report;
  gint64 patient_id;

  report = genu_report_new (fixture->store, 4242, NULL, &error);
  g_assert_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND);
  g_assert_null (report);
  g_clear_error (&error);

  patient_id = add_patient (fixture, "Datum", "Falsch");
  report = genu_report_new (fixture->store, patient_id, &bad_date, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (report);
  g_clear_error (&error);
  report = genu_report_new (fixture->store, patient_id, &bad_paper, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (report);
}

static guint
n_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuReport) report = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "x.pdf", NULL);
  g_autofree char *locked = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *locked_file = g_build_filename (locked, "x.pdf", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "a-folder.pdf", NULL);
  g_autofree char *existing = g_build_filename (fixture->dir, "existing.pdf", NULL);
  g_autofree char *contents = NULL;
  gint64 patient_id = add_patient (fixture, "Schreib", "Schutz");
  guint before;

  add_sessions (fixture, patient_id, 3, NULL);
  report = genu_report_new (fixture->store, patient_id, NULL, &error);
  g_assert_no_error (error);

  /* A folder that does not exist. */
  g_assert_false (genu_report_write_pdf (report, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "x.pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A folder as the target: refused, and no temporary file left beside it. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  before = n_entries (fixture->dir);
  g_assert_false (genu_report_write_pdf (report, folder, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_cmpuint (n_entries (fixture->dir), ==, before);
  g_assert_cmpuint (n_entries (folder), ==, 0);

  /* A folder one may not write in (root may write anywhere). */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (geteuid () != 0)
    {
      g_assert_false (genu_report_write_pdf (report, locked_file, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, locked_file));
      g_clear_error (&error);
      g_assert_cmpuint (n_entries (locked), ==, 0);
    }
  else
    g_test_message ("running as root: the read-only folder is not checked");
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);

  /* An existing file is replaced whole, and nothing else is left. */
  g_assert_true (g_file_set_contents (existing, "old", -1, NULL));
  before = n_entries (fixture->dir);
  g_assert_true (genu_report_write_pdf (report, existing, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (n_entries (fixture->dir), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/report/pdf/sections", test_sections);
  ADD ("/report/pdf/pages-grow", test_pages_grow);
  ADD ("/report/pdf/200-sessions", test_200_sessions);
  ADD ("/report/pdf/long-note", test_long_note);
  ADD ("/report/pdf/other-scripts", test_other_scripts);
  ADD ("/report/pdf/period", test_period);
  ADD ("/report/paginate", test_paginate_for_printing);
  ADD ("/report/errors/unknown-patient", test_unknown_patient);
  ADD ("/report/errors/unwritable", test_unwritable);

#undef ADD

  return g_test_run ();
}
