/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store.h"

#include <stdio.h>
#include <stdlib.h>

/* The writer of the crash-safety test (test-crash-safety.c): saves a patient, a visit with a knee
 * assessment and a session with an intervention, again and again, into one database file, and
 * prints one line per save on stdout, flushed, as soon as the save returned TRUE:
 *
 *   patient <id> <record number> <run> <n>
 *   visit <id> <patient id> <run> <n>
 *   session <id> <patient id> <run> <n>
 *
 * It never stops by itself: the test kills it with SIGKILL. A failed save ends it with status 1.
 *
 * The records are made from (run, n) alone, by the functions below, which the test includes
 * (with GENU_CRASH_WRITER_RECORDS_ONLY) to build what it expects to read back. */

static GenuPatient *
crash_new_patient (guint run,
                   guint n)
{
  GenuPatient *patient = genu_patient_new ();
  g_autofree char *given = g_strdup_printf ("Zoë %u.%u", run, n);
  g_autofree char *born = g_strdup_printf ("19%02u-%02u-%02u", 40 + n % 60, 1 + n % 12,
                                           1 + n % 28);
  g_autofree char *notes = g_strdup_printf ("Läuft %u km — run %u, item %u", n % 50, run, n);

  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Ångström-Crash");
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, given);
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, born);
  genu_patient_set_text (patient, GENU_PATIENT_NOTES, notes);
  genu_patient_set_sex (patient, n % 2 ? GENU_SEX_FEMALE : GENU_SEX_MALE);
  genu_patient_set_weekly_distance_km (patient, n % 80);
  genu_patient_set_years_running (patient, n % 30);
  return patient;
}

/* An initial evaluation with a knee assessment holding a few findings. */
static GenuVisit *
crash_new_visit (gint64 patient_id,
                 guint  run,
                 guint  n)
{
  GenuVisit *visit = genu_visit_new ();
  g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
  GenuFindings *findings = genu_assessment_get_findings (assessment);
  g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + n % 12, 1 + n % 28);
  g_autofree char *subjective = g_strdup_printf ("Schmerz innen, Lauf %u, Nr. %u", run, n);

  genu_visit_set_patient_id (visit, patient_id);
  genu_visit_set_kind (visit, GENU_VISIT_INITIAL_EVALUATION);
  genu_visit_set_text (visit, GENU_VISIT_DATE, date);
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, "Łukasz Żółć");
  genu_visit_set_text (visit, GENU_VISIT_SUBJECTIVE, subjective);

  genu_assessment_set_side (assessment, n % 2 ? GENU_SIDE_LEFT : GENU_SIDE_RIGHT);
  genu_assessment_set_duration_weeks (assessment, 1 + n % 52);
  genu_findings_set_number (findings, "nprs_now", n % 11);
  genu_findings_set_bool (findings, "loc_joint_line", n % 3 == 0);
  genu_findings_set_bool (findings, "effusion", n % 2 == 0);
  genu_visit_set_assessment (visit, assessment);
  return visit;
}

/* A session with one exercise. */
static GenuSession *
crash_new_session (gint64 patient_id,
                   guint  run,
                   guint  n)
{
  GenuSession *session = genu_session_new ();
  g_autoptr(GenuIntervention) exercise = genu_intervention_new (GENU_INTERVENTION_EXERCISE);
  g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + n % 12, 1 + n % 28);
  g_autofree char *notes = g_strdup_printf ("Gut vertragen ✓ (%u/%u)", run, n);

  genu_session_set_patient_id (session, patient_id);
  genu_session_set_text (session, GENU_SESSION_DATE, date);
  genu_session_set_text (session, GENU_SESSION_THERAPIST, "Łukasz Żółć");
  genu_session_set_text (session, GENU_SESSION_NOTES, notes);
  genu_intervention_set_text (exercise, "exercise", "Side-lying hip abduction");
  genu_intervention_set_number (exercise, "sets", 1 + n % 20);
  genu_intervention_set_number (exercise, "reps", 1 + n % 200);
  genu_session_add_intervention (session, exercise);
  return session;
}

#ifndef GENU_CRASH_WRITER_RECORDS_ONLY

static void
acknowledge (const char *line)
{
  /* One write per line, flushed, only once the save has returned. */
  fputs (line, stdout);
  fflush (stdout);
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("crash-writer: %s: %s\n", what, error->message);
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GenuStore) store = NULL;
  guint run;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATABASE RUN\n", argv[0]);
      return 2;
    }
  run = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  store = genu_store_open (argv[1], &error);
  if (store == NULL)
    fail ("open", error);

  for (guint n = 0; ; n++)
    {
      g_autoptr(GenuPatient) patient = crash_new_patient (run, n);
      g_autoptr(GenuVisit) visit = NULL;
      g_autoptr(GenuSession) session = NULL;
      g_autofree char *line = NULL;
      gint64 patient_id;

      if (!genu_store_save_patient (store, patient, &error))
        fail ("save patient", error);
      patient_id = genu_patient_get_id (patient);
      line = g_strdup_printf ("patient %" G_GINT64_FORMAT " %s %u %u\n", patient_id,
                              genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER),
                              run, n);
      acknowledge (line);
      g_clear_pointer (&line, g_free);

      visit = crash_new_visit (patient_id, run, n);
      if (!genu_store_save_visit (store, visit, &error))
        fail ("save visit", error);
      line = g_strdup_printf ("visit %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %u\n",
                              genu_visit_get_id (visit), patient_id, run, n);
      acknowledge (line);
      g_clear_pointer (&line, g_free);

      session = crash_new_session (patient_id, run, n);
      if (!genu_store_save_session (store, session, &error))
        fail ("save session", error);
      line = g_strdup_printf ("session %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %u\n",
                              genu_session_get_id (session), patient_id, run, n);
      acknowledge (line);
    }

  return 0;
}

#endif
