/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-report.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <string.h>
#include <unistd.h>

#include "genu-chart.h"
#include "genu-diagnosis.h"
#include "genu-knowledge-base.h"
#include "genu-locale.h"
#include "genu-report-layout.h"
#include "genu-validation.h"

/* The printed treatment summary of one patient (issue 5): the records of a period gathered from
 * the store and written, section by section, as a GenuReportLayout, which cuts them into pages.
 * No GTK: the same document is printed by the app, exported as PDF and written by genu-cli. */

#define FONT_SIZE          9.5
#define CHART_HEIGHT       220.0
#define DIFFERENTIAL_SIZE  3

/* ISO 216 A4 and US Letter, in points. */
#define A4_WIDTH           595.276
#define A4_HEIGHT          841.890
#define LETTER_WIDTH       612.0
#define LETTER_HEIGHT      792.0

struct _GenuReport
{
  GObject           parent_instance;

  GenuReportLayout *layout;
  double            page_width;
  double            page_height;
};

G_DEFINE_FINAL_TYPE (GenuReport, genu_report, G_TYPE_OBJECT)

/* What is gathered from the store, before it is written out. */
typedef struct {
  const GenuReportOptions *options;
  GenuPatient             *patient;
  GPtrArray               *visits;     /* in the period, oldest first */
  GPtrArray               *plans;      /* started by the end of the period, oldest first */
  GPtrArray               *sessions;   /* in the period, oldest first */
  GPtrArray               *outcomes;   /* LEFS in the period, oldest first */
  GPtrArray               *koos;       /* in the period, oldest first */
} Records;

static void
records_clear (Records *records)
{
  g_clear_object (&records->patient);
  g_clear_pointer (&records->visits, g_ptr_array_unref);
  g_clear_pointer (&records->plans, g_ptr_array_unref);
  g_clear_pointer (&records->sessions, g_ptr_array_unref);
  g_clear_pointer (&records->outcomes, g_ptr_array_unref);
  g_clear_pointer (&records->koos, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Records, records_clear)

static gboolean
in_period (const GenuReportOptions *options,
           const char              *date)
{
  if (options->from != NULL && g_strcmp0 (date, options->from) < 0)
    return FALSE;
  if (options->to != NULL && g_strcmp0 (date, options->to) > 0)
    return FALSE;
  return TRUE;
}

/* The records of @all (newest first, as the store lists them) whose date is in the period, oldest
 * first. @get_date gives a record's date. */
static GPtrArray *
filter_oldest_first (const GenuReportOptions  *options,
                     GPtrArray                *all,
                     const char             *(*get_date) (gpointer record),
                     gboolean                  up_to_end_only)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = all->len; i > 0; i--)
    {
      gpointer record = g_ptr_array_index (all, i - 1);
      const char *date = get_date (record);

      if (up_to_end_only ? (options->to == NULL || g_strcmp0 (date, options->to) <= 0)
                         : in_period (options, date))
        g_ptr_array_add (kept, g_object_ref (record));
    }
  return kept;
}

static const char *
visit_date (gpointer record)
{
  return genu_visit_get_text (record, GENU_VISIT_DATE);
}

static const char *
plan_date (gpointer record)
{
  return genu_plan_get_text (record, GENU_PLAN_START_DATE);
}

static const char *
session_date (gpointer record)
{
  return genu_session_get_text (record, GENU_SESSION_DATE);
}

static const char *
outcome_date (gpointer record)
{
  return genu_outcome_get_date (record);
}

static const char *
koos_date (gpointer record)
{
  return genu_koos_get_date (record);
}

/* Reads everything in one go; @records keeps what it could read when it fails. */
static gboolean
gather (GenuStore  *store,
        gint64      patient_id,
        Records    *records,
        GError    **error)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) koos = NULL;

  records->patient = genu_store_get_patient (store, patient_id, error);
  if (records->patient == NULL)
    return FALSE;

  if ((visits = genu_store_list_visits (store, patient_id, error)) == NULL ||
      (plans = genu_store_list_plans (store, patient_id, error)) == NULL ||
      (sessions = genu_store_list_sessions (store, patient_id, error)) == NULL ||
      (outcomes = genu_store_list_outcomes (store, patient_id, error)) == NULL ||
      (koos = genu_store_list_koos (store, patient_id, error)) == NULL)
    return FALSE;

  records->visits = filter_oldest_first (records->options, visits, visit_date, FALSE);
  records->plans = filter_oldest_first (records->options, plans, plan_date, TRUE);
  records->sessions = filter_oldest_first (records->options, sessions, session_date, FALSE);
  /* The outcomes come oldest first from the store: reverse them, so that the filter reverses
   * them back. */
  {
    g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();

    for (guint i = outcomes->len; i > 0; i--)
      g_ptr_array_add (newest_first, g_ptr_array_index (outcomes, i - 1));
    records->outcomes = filter_oldest_first (records->options, newest_first, outcome_date, FALSE);
    g_ptr_array_set_size (newest_first, 0);
    for (guint i = koos->len; i > 0; i--)
      g_ptr_array_add (newest_first, g_ptr_array_index (koos, i - 1));
    records->koos = filter_oldest_first (records->options, newest_first, koos_date, FALSE);
  }
  return TRUE;
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "–";
}

/* A stored ISO date as the reader's language writes it; "–" when there is none. */
static char *
format_date_or_dash (const char *iso)
{
  return iso != NULL && *iso != '\0' ? genu_format_date (iso) : g_strdup ("–");
}

/* "6 → 3", "–" for a pain not recorded. */
static char *
format_pain (int before,
             int after)
{
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;

  if (before == GENU_SESSION_UNSET && after == GENU_SESSION_UNSET)
    return g_strdup ("–");

  before_text = before == GENU_SESSION_UNSET ? g_strdup ("–") : g_strdup_printf ("%d", before);
  after_text = after == GENU_SESSION_UNSET ? g_strdup ("–") : g_strdup_printf ("%d", after);
  /* TRANSLATORS: the pain (NPRS 0–10) before and after a session, e.g. "6 → 3" */
  return g_strdup_printf (_("%s → %s"), before_text, after_text);
}

/* An ISO 8601 time from the store as people read it, in local time: "18 Mar 2024 14:05". */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, "%Y-%m-%d");
  date = genu_format_date (day);
  time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", date, time);
}

static char *
format_signature (const char *signed_by,
                  const char *signed_at)
{
  g_autofree char *when = NULL;

  if (signed_by == NULL || *signed_by == '\0')
    return g_strdup (_("Not signed"));
  when = format_time (signed_at);
  /* TRANSLATORS: the status of a note: who signed it, and when */
  return g_strdup_printf (_("Signed by %s, %s"), signed_by, when);
}

static void
add_letterhead (GenuReportLayout        *layout,
                const GenuReportOptions *options)
{
  g_autoptr(GString) text = g_string_new (NULL);
  cairo_surface_t *logo = NULL;

  if (options->clinic_address != NULL && *options->clinic_address != '\0')
    g_string_append (text, options->clinic_address);
  if (options->clinic_phone != NULL && *options->clinic_phone != '\0')
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: the clinic's phone number in the letterhead of a printed summary */
      g_string_append_printf (text, _("Phone: %s"), options->clinic_phone);
    }

  /* A logo that cannot be read is left out: the summary matters more than the picture. */
  if (options->logo_path != NULL && *options->logo_path != '\0')
    {
      logo = cairo_image_surface_create_from_png (options->logo_path);
      if (cairo_surface_status (logo) != CAIRO_STATUS_SUCCESS)
        {
          g_debug ("Report: no logo from %s: %s", options->logo_path,
                   cairo_status_to_string (cairo_surface_status (logo)));
          g_clear_pointer (&logo, cairo_surface_destroy);
        }
    }

  /* Without a clinic there is no letterhead: the title heads the first page. */
  if (logo != NULL || text->len > 0 ||
      (options->clinic_name != NULL && *options->clinic_name != '\0'))
    genu_report_layout_add_letterhead (layout, logo, options->clinic_name, text->str);
  g_clear_pointer (&logo, cairo_surface_destroy);
}

static void
add_patient (GenuReportLayout *layout,
             Records          *records)
{
  GenuPatient *patient = records->patient;
  g_autofree char *name = genu_patient_dup_display_name (patient);
  const char *first = NULL, *last = NULL;
  g_autofree char *period = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *n_visits = NULL;
  g_autofree char *n_sessions = NULL;

  genu_report_layout_add_heading (layout, _("Treatment Summary"), 0);
  genu_report_layout_add_heading (layout, _("Patient"), 1);
  genu_report_layout_add_field (layout, _("Name"), name);
  birth = format_date_or_dash (genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH));
  genu_report_layout_add_field (layout, _("Date of birth"), birth);
  genu_report_layout_add_field (layout, _("Record number"),
                                or_dash (genu_patient_get_text (patient,
                                                                GENU_PATIENT_RECORD_NUMBER)));
  genu_report_layout_add_field (layout, _("Referring physician"),
                                or_dash (genu_patient_get_text (patient,
                                                                GENU_PATIENT_REFERRING_PHYSICIAN)));

  /* The dates of care: the first and last visit or session of the period. */
  for (guint i = 0; i < records->visits->len; i++)
    {
      const char *date = visit_date (g_ptr_array_index (records->visits, i));

      if (first == NULL || strcmp (date, first) < 0)
        first = date;
      if (last == NULL || strcmp (date, last) > 0)
        last = date;
    }
  for (guint i = 0; i < records->sessions->len; i++)
    {
      const char *date = session_date (g_ptr_array_index (records->sessions, i));

      if (first == NULL || strcmp (date, first) < 0)
        first = date;
      if (last == NULL || strcmp (date, last) > 0)
        last = date;
    }

  if (first != NULL)
    {
      g_autofree char *first_text = genu_format_date (first);
      g_autofree char *last_text = genu_format_date (last);

      /* TRANSLATORS: the dates of care, first and last, e.g. "1 Mar 2024 to 2 May 2024" */
      period = g_strdup_printf (_("%s to %s"), first_text, last_text);
    }
  else
    period = g_strdup (_("No visits or sessions in this period"));
  genu_report_layout_add_field (layout, _("Dates of care"), period);

  if (records->options->from != NULL || records->options->to != NULL)
    {
      /* TRANSLATORS: the period a summary covers; an open end is "…" */
      g_autofree char *from = records->options->from != NULL
                              ? genu_format_date (records->options->from) : g_strdup ("…");
      g_autofree char *to = records->options->to != NULL
                            ? genu_format_date (records->options->to) : g_strdup ("…");
      g_autofree char *covered = g_strdup_printf (_("%s to %s"), from, to);

      genu_report_layout_add_field (layout, _("Period of this summary"), covered);
    }

  n_visits = g_strdup_printf ("%u", records->visits->len);
  n_sessions = g_strdup_printf ("%u", records->sessions->len);
  genu_report_layout_add_field (layout, _("Visits"), n_visits);
  genu_report_layout_add_field (layout, _("Treatment sessions"), n_sessions);
}

/* The newest initial evaluation or re-evaluation of the period, NULL when there is none. */
static GenuVisit *
find_assessment_visit (Records *records)
{
  for (guint i = records->visits->len; i > 0; i--)
    {
      GenuVisit *visit = g_ptr_array_index (records->visits, i - 1);

      if (genu_visit_get_assessment (visit) != NULL)
        return visit;
    }
  return NULL;
}

/* The labels of the findings of @groups that are present, joined with ", ". */
static char *
join_present (GenuKnowledgeBase *kb,
              GenuFindings      *findings,
              const char        *group,
              gboolean           tests)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = genu_knowledge_base_get_n_findings (kb);

  for (guint i = 0; i < n; i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);
      int grade;

      if (def->type != GENU_FINDING_TYPE_BOOL || def->is_test != tests ||
          (group != NULL && g_strcmp0 (def->group, group) != 0) ||
          (group == NULL && (g_strcmp0 (def->group, "red_flags") == 0)) ||
          genu_findings_get (findings, def->id, NULL) != GENU_FINDING_PRESENT)
        continue;

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, def->label);
      grade = genu_findings_get_grade (findings, def->id);
      if (grade > 0)
        /* TRANSLATORS: the grade of a finding, after its name, e.g. " (grade 2)" */
        g_string_append_printf (text, _(" (grade %d)"), grade);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A numeric finding, rounded, with @unit after it ("" for none); "–" when not recorded. */
static char *
format_number_finding (GenuFindings *findings,
                       const char   *id,
                       const char   *unit)
{
  double value;

  if (genu_findings_get (findings, id, &value) != GENU_FINDING_NUMBER)
    return g_strdup ("–");
  return g_strdup_printf ("%.0f%s", value, unit);
}

static void
add_assessment (GenuReportLayout *layout,
                Records          *records,
                GenuDiagnosis    *diagnosis,
                GenuVisit        *visit)
{
  GenuKnowledgeBase *kb = genu_knowledge_base_get_default ();
  GenuAssessment *assessment;
  GenuFindings *findings;
  GPtrArray *red_flags;
  g_autofree char *which = NULL;
  g_autofree char *visit_day = NULL;
  g_autofree char *positive = NULL;
  g_autofree char *tests = NULL;
  g_autofree char *now = NULL, *best = NULL, *worst = NULL, *pain = NULL;
  g_autofree char *flexion = NULL, *deficit = NULL, *rom = NULL;
  g_autofree char *status = NULL;
  const char *text;

  genu_report_layout_add_heading (layout, _("Assessment Summary"), 1);
  if (visit == NULL)
    {
      genu_report_layout_add_paragraph (layout,
                                        _("No initial evaluation or re-evaluation in this "
                                          "period."),
                                        GENU_REPORT_TEXT_ITALIC);
      return;
    }

  assessment = genu_visit_get_assessment (visit);
  findings = genu_assessment_get_findings (assessment);

  /* TRANSLATORS: which visit the assessment summary is from: its kind, date and therapist */
  visit_day = genu_format_date (genu_visit_get_text (visit, GENU_VISIT_DATE));
  which = g_strdup_printf (_("%s, %s, %s"), genu_visit_kind_label (genu_visit_get_kind (visit)),
                           visit_day,
                           or_dash (genu_visit_get_text (visit, GENU_VISIT_THERAPIST)));
  genu_report_layout_add_field (layout, _("Visit"), which);
  status = format_signature (genu_visit_get_signed_by (visit), genu_visit_get_signed_at (visit));
  genu_report_layout_add_field (layout, _("Note"), status);

  text = genu_assessment_get_text (assessment, GENU_ASSESSMENT_MECHANISM);
  if (*text != '\0')
    genu_report_layout_add_field (layout, _("Onset and mechanism"), text);
  text = genu_assessment_get_text (assessment, GENU_ASSESSMENT_AGGRAVATING);
  if (*text != '\0')
    genu_report_layout_add_field (layout, _("Aggravating activities"), text);

  positive = join_present (kb, findings, NULL, FALSE);
  genu_report_layout_add_field (layout, _("Main findings"),
                                *positive != '\0' ? positive : _("None recorded"));

  now = format_number_finding (findings, "nprs_now", "");
  best = format_number_finding (findings, "nprs_best", "");
  worst = format_number_finding (findings, "nprs_worst", "");
  /* TRANSLATORS: the pain scores (NPRS 0-10) of an assessment */
  pain = g_strdup_printf (_("now %s/10, best %s/10, worst %s/10 (last 24 h)"), now, best, worst);
  genu_report_layout_add_field (layout, _("Pain (NPRS)"), pain);

  flexion = format_number_finding (findings, "flexion_deg", "°");
  deficit = format_number_finding (findings, "extension_deficit_deg", "°");
  /* TRANSLATORS: the range of motion of the knee */
  rom = g_strdup_printf (_("flexion %s, extension deficit %s"), flexion, deficit);
  genu_report_layout_add_field (layout, _("Range of motion"), rom);

  tests = join_present (kb, findings, "special_tests", TRUE);
  genu_report_layout_add_field (layout, _("Positive special tests"),
                                *tests != '\0' ? tests : _("None"));

  red_flags = genu_diagnosis_get_red_flags (diagnosis);
  if (red_flags->len == 0)
    genu_report_layout_add_field (layout, _("Red flags"),
                                  _("None among the recorded findings"));
  for (guint i = 0; i < red_flags->len; i++)
    {
      GenuRedFlagAlert *alert = g_ptr_array_index (red_flags, i);
      /* TRANSLATORS: a red flag: its title, why it fired, and what to do */
      g_autofree char *line = g_strdup_printf (_("%s: %s. Advised: %s"), alert->title,
                                               alert->reason, alert->action);

      genu_report_layout_add_field (layout, i == 0 ? _("Red flags") : "", line);
    }

  text = genu_visit_get_text (visit, GENU_VISIT_ASSESSMENT);
  if (*text != '\0')
    genu_report_layout_add_field (layout, _("Assessment"), text);
  text = genu_visit_get_text (visit, GENU_VISIT_PLAN);
  genu_report_layout_add_field (layout, _("What was done"), *text != '\0' ? text : "–");
}

/* The working diagnosis: the newest one of a visit, else of a plan. */
static void
add_diagnosis (GenuReportLayout *layout,
               Records          *records,
               GenuDiagnosis    *diagnosis)
{
  const char *name = NULL, *icd10 = NULL;
  g_autofree char *text = NULL;

  for (guint i = records->visits->len; i > 0 && name == NULL; i--)
    {
      GenuVisit *visit = g_ptr_array_index (records->visits, i - 1);

      if (*genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME) != '\0')
        {
          name = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME);
          icd10 = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ICD10);
        }
    }
  for (guint i = records->plans->len; i > 0 && name == NULL; i--)
    {
      GenuPlan *plan = g_ptr_array_index (records->plans, i - 1);

      name = genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_NAME);
      icd10 = genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_ICD10);
    }

  genu_report_layout_add_heading (layout, _("Working Diagnosis"), 1);
  if (name == NULL || *name == '\0')
    text = g_strdup (_("No working diagnosis recorded"));
  else if (icd10 != NULL && *icd10 != '\0')
    /* TRANSLATORS: a diagnosis and its ICD-10 code */
    text = g_strdup_printf (_("%s (ICD-10 %s)"), name, icd10);
  else
    text = g_strdup (name);
  genu_report_layout_add_paragraph (layout, text, GENU_REPORT_TEXT_BOLD);

  if (diagnosis != NULL)
    {
      static const double widths[] = { 0.6, 0.2, 0.2 };
      const char *headers[] = { _("Condition"), _("ICD-10"), _("Probability") };
      GPtrArray *differential = genu_diagnosis_get_differential (diagnosis);

      genu_report_layout_add_heading (layout, _("Suggested Differential"), 2);
      genu_report_layout_add_paragraph (layout,
                                        _("Decision support for the treating clinician, not a "
                                          "diagnosis. Computed from the findings of the "
                                          "assessment above."),
                                        GENU_REPORT_TEXT_ITALIC);
      genu_report_layout_begin_table (layout, 3, widths, headers);
      for (guint i = 0; i < MIN (differential->len, DIFFERENTIAL_SIZE); i++)
        {
          GenuCandidate *candidate = g_ptr_array_index (differential, i);
          g_autofree char *probability = g_strdup_printf ("%.0f %%",
                                                          candidate->probability * 100);
          const char *cells[] = { candidate->condition->name, candidate->condition->icd10,
                                  probability };

          genu_report_layout_add_row (layout, cells);
        }
    }
}

static void
add_plans (GenuReportLayout *layout,
           Records          *records)
{
  genu_report_layout_add_heading (layout, _("Plan of Care"), 1);
  if (records->plans->len == 0)
    genu_report_layout_add_paragraph (layout, _("No plan of care in this period."),
                                      GENU_REPORT_TEXT_ITALIC);

  for (guint i = records->plans->len; i > 0; i--)
    {
      static const double widths[] = { 0.15, 0.55, 0.15, 0.15 };
      const char *headers[] = { _("Term"), _("Goal"), _("Target date"), _("Status") };
      GenuPlan *plan = g_ptr_array_index (records->plans, i - 1);
      GPtrArray *goals = genu_plan_get_goals (plan);
      g_autofree char *title = NULL;
      g_autofree char *start = genu_format_date (genu_plan_get_text (plan,
                                                                     GENU_PLAN_START_DATE));
      g_autofree char *frequency = NULL;
      g_autofree char *duration = NULL;
      const char *interventions = genu_plan_get_text (plan, GENU_PLAN_INTERVENTIONS);
      const char *notes = genu_plan_get_text (plan, GENU_PLAN_NOTES);

      /* TRANSLATORS: the heading of one plan of care: its start date and diagnosis */
      title = g_strdup_printf (_("Plan started %s: %s"), start,
                               or_dash (genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_NAME)));
      genu_report_layout_add_heading (layout, title, 2);
      int per_week = genu_plan_get_frequency_per_week (plan);
      int weeks = genu_plan_get_duration_weeks (plan);

      frequency = per_week == GENU_PLAN_UNSET
                  ? g_strdup ("–")
                  /* TRANSLATORS: the frequency of a plan of care */
                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d session per week",
                                                  "%d sessions per week", per_week), per_week);
      duration = weeks == GENU_PLAN_UNSET
                 ? g_strdup ("–")
                 /* TRANSLATORS: the duration of a plan of care */
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week", "%d weeks", weeks),
                                    weeks);
      genu_report_layout_add_field (layout, _("Frequency"), frequency);
      genu_report_layout_add_field (layout, _("Duration"), duration);
      genu_report_layout_add_field (layout, _("Status"),
                                    genu_plan_get_closed (plan) ? _("Episode ended")
                                                                : _("Active"));
      genu_report_layout_add_field (layout, _("Planned interventions"), or_dash (interventions));
      if (*notes != '\0')
        genu_report_layout_add_field (layout, _("Notes"), notes);

      if (goals->len == 0)
        continue;
      genu_report_layout_begin_table (layout, 4, widths, headers);
      for (guint g = 0; g < goals->len; g++)
        {
          GenuGoal *goal = g_ptr_array_index (goals, g);
          g_autofree char *target = format_date_or_dash (goal->target_date);
          const char *cells[] = { genu_goal_term_label (goal->term), goal->description,
                                  target,
                                  genu_goal_status_label (goal->status) };

          genu_report_layout_add_row (layout, cells);
        }
    }
}

static const char *
find_session_date (Records *records,
                   gint64   id)
{
  for (guint i = 0; i < records->sessions->len; i++)
    if (genu_session_get_id (g_ptr_array_index (records->sessions, i)) == id)
      return session_date (g_ptr_array_index (records->sessions, i));
  return NULL;
}

static void
add_sessions (GenuReportLayout *layout,
              Records          *records)
{
  static const double widths[] = { 0.15, 0.53, 0.1, 0.22 };
  const char *headers[] = { _("Date"), _("Interventions"), _("Pain before → after"),
                            _("Note") };

  genu_report_layout_add_heading (layout, _("Session Log"), 1);
  if (records->sessions->len == 0)
    {
      genu_report_layout_add_paragraph (layout, _("No treatment sessions in this period."),
                                        GENU_REPORT_TEXT_ITALIC);
      return;
    }

  genu_report_layout_begin_table (layout, 4, widths, headers);
  for (guint i = 0; i < records->sessions->len; i++)
    {
      GenuSession *session = g_ptr_array_index (records->sessions, i);
      GPtrArray *interventions = genu_session_get_interventions (session);
      g_autoptr(GString) date = g_string_new (NULL);
      g_autofree char *day = genu_format_date (genu_session_get_text (session,
                                                                      GENU_SESSION_DATE));
      g_autoptr(GString) what = g_string_new (NULL);
      g_autoptr(GString) status = g_string_new (NULL);
      g_autofree char *pain = format_pain (genu_session_get_pain_before (session),
                                           genu_session_get_pain_after (session));
      g_autofree char *signature = NULL;
      const char *therapist = genu_session_get_text (session, GENU_SESSION_THERAPIST);
      const char *notes = genu_session_get_text (session, GENU_SESSION_NOTES);
      int minutes = genu_session_get_duration_minutes (session);
      const char *cells[4];

      g_string_append (date, day);
      if (minutes != GENU_SESSION_UNSET)
        /* TRANSLATORS: the duration of a session, under its date */
        g_string_append_printf (date, _("\n%d min"), minutes);
      if (*therapist != '\0')
        g_string_append_printf (date, "\n%s", therapist);

      for (guint n = 0; n < interventions->len; n++)
        {
          GenuIntervention *intervention = g_ptr_array_index (interventions, n);
          g_autofree char *summary = genu_intervention_dup_summary (intervention);
          const char *note = genu_intervention_get_note (intervention);

          if (what->len > 0)
            g_string_append_c (what, '\n');
          g_string_append_printf (what, "• %s", summary);
          if (*note != '\0')
            g_string_append_printf (what, " (%s)", note);
        }
      if (*notes != '\0')
        /* TRANSLATORS: the notes of a session, in the session log */
        g_string_append_printf (what, _("\nNotes: %s"), notes);

      signature = format_signature (genu_session_get_signed_by (session),
                                    genu_session_get_signed_at (session));
      g_string_append (status, signature);
      if (genu_session_get_amends_id (session) != 0)
        {
          const char *original = find_session_date (records, genu_session_get_amends_id (session));
          const char *reason = genu_session_get_text (session, GENU_SESSION_AMENDMENT_REASON);

          g_string_append_c (status, '\n');
          if (original != NULL)
            {
              g_autofree char *original_day = genu_format_date (original);

              /* TRANSLATORS: in the session log: this note amends the one of a date, and why */
              g_string_append_printf (status, _("Amends the note of %s: %s"), original_day,
                                      reason);
            }
          else
            /* TRANSLATORS: in the session log: this note amends an earlier one, and why */
            g_string_append_printf (status, _("Amends an earlier note: %s"), reason);
        }
      for (guint j = 0; j < records->sessions->len; j++)
        if (genu_session_get_amends_id (g_ptr_array_index (records->sessions, j)) ==
            genu_session_get_id (session))
          {
            g_string_append_c (status, '\n');
            g_string_append (status, _("Amended later"));
            break;
          }

      cells[0] = date->str;
      cells[1] = what->str;
      cells[2] = pain;
      cells[3] = status->str;
      genu_report_layout_add_row (layout, cells);
    }
}

static void
add_outcomes (GenuReportLayout *layout,
              Records          *records)
{
  genu_report_layout_add_heading (layout, _("Outcome Measures"), 1);
  if (records->outcomes->len == 0 && records->koos->len == 0)
    {
      genu_report_layout_add_paragraph (layout, _("No outcome measures in this period."),
                                        GENU_REPORT_TEXT_ITALIC);
      return;
    }

  if (records->outcomes->len > 0)
    {
      static const double widths[] = { 0.25, 0.25, 0.5 };
      const char *headers[] = { _("Date"), _("LEFS (0–80)"), _("Change since the previous") };
      double previous = -1;

      genu_report_layout_add_heading (layout, _("Lower Extremity Functional Scale"), 2);
      genu_report_layout_begin_table (layout, 3, widths, headers);
      for (guint i = 0; i < records->outcomes->len; i++)
        {
          GenuOutcome *outcome = g_ptr_array_index (records->outcomes, i);
          g_autofree char *score_text = NULL;
          g_autofree char *change = NULL;
          g_autofree char *day = genu_format_date (genu_outcome_get_date (outcome));
          double score;
          const char *cells[3];

          if (genu_outcome_get_score (outcome, &score))
            {
              score_text = g_strdup_printf ("%.0f", score);
              if (previous >= 0)
                change = g_strdup_printf ("%+.0f%s", score - previous,
                                          genu_lefs_change_is_important (previous, score)
                                            /* TRANSLATORS: after a change of the LEFS */
                                            ? _(", clinically important (≥ 9)") : "");
              previous = score;
            }
          else
            score_text = g_strdup (_("not scored (items missing)"));

          cells[0] = day;
          cells[1] = score_text;
          cells[2] = change != NULL ? change : "–";
          genu_report_layout_add_row (layout, cells);
        }
    }

  if (records->koos->len > 0)
    {
      double widths[1 + GENU_KOOS_N_SUBSCALES];
      const char *headers[1 + GENU_KOOS_N_SUBSCALES];

      widths[0] = 0.2;
      headers[0] = _("Date");
      for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
        {
          widths[1 + s] = 0.8 / GENU_KOOS_N_SUBSCALES;
          headers[1 + s] = genu_koos_subscale_label (s);
        }

      genu_report_layout_add_heading (layout, _("KOOS (0–100, 100 = no problems)"), 2);
      genu_report_layout_begin_table (layout, 1 + GENU_KOOS_N_SUBSCALES, widths, headers);
      for (guint i = 0; i < records->koos->len; i++)
        {
          GenuKoos *koos = g_ptr_array_index (records->koos, i);
          char *texts[GENU_KOOS_N_SUBSCALES];
          const char *cells[1 + GENU_KOOS_N_SUBSCALES];
          g_autofree char *day = genu_format_date (genu_koos_get_date (koos));

          cells[0] = day;
          for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
            {
              double score;

              texts[s] = genu_koos_get_score (koos, s, &score) ? g_strdup_printf ("%.1f", score)
                                                                : g_strdup ("–");
              cells[1 + s] = texts[s];
            }
          genu_report_layout_add_row (layout, cells);
          for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
            g_free (texts[s]);
        }
    }
}

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  g_autofree char *font = g_strdup_printf ("%s %g", GENU_REPORT_FONT_FAMILY, FONT_SIZE * 0.85);

  genu_chart_draw (user_data, cr, width, height, genu_chart_colors_light (), font);
}

static void
add_chart (GenuReportLayout *layout,
           Records          *records)
{
  g_autoptr(GenuChart) chart = genu_chart_new ();
  g_autofree char *description = NULL;

  for (guint i = 0; i < records->sessions->len; i++)
    {
      GenuSession *session = g_ptr_array_index (records->sessions, i);
      int before = genu_session_get_pain_before (session);
      int after = genu_session_get_pain_after (session);

      if (before == GENU_SESSION_UNSET && after == GENU_SESSION_UNSET)
        continue;
      genu_chart_add_pain (chart, session_date (session),
                           before == GENU_SESSION_UNSET ? -1.0 : before,
                           after == GENU_SESSION_UNSET ? -1.0 : after);
    }
  for (guint i = 0; i < records->outcomes->len; i++)
    {
      GenuOutcome *outcome = g_ptr_array_index (records->outcomes, i);
      double score;

      if (genu_outcome_get_score (outcome, &score))
        genu_chart_add_lefs (chart, genu_outcome_get_date (outcome), score);
    }

  genu_report_layout_add_heading (layout, _("Progress"), 1);
  if (genu_chart_get_n_points (chart) == 0)
    {
      genu_report_layout_add_paragraph (layout, _("No pain scores or LEFS scores to chart."),
                                        GENU_REPORT_TEXT_ITALIC);
      return;
    }
  genu_report_layout_add_figure (layout, CHART_HEIGHT, draw_chart_cb, g_object_ref (chart),
                                 g_object_unref);
  description = genu_chart_dup_description (chart);
  if (description != NULL && *description != '\0')
    genu_report_layout_add_paragraph (layout, description, GENU_REPORT_TEXT_SMALL);
}

static void
add_signatures (GenuReportLayout *layout,
                Records          *records)
{
  guint n_signed = 0, n_amended = 0;
  g_autofree char *status = NULL;

  for (guint i = 0; i < records->sessions->len; i++)
    {
      GenuSession *session = g_ptr_array_index (records->sessions, i);

      if (genu_session_is_signed (session))
        n_signed++;
      if (genu_session_get_amends_id (session) != 0)
        n_amended++;
    }

  genu_report_layout_add_heading (layout, _("Signatures"), 1);
  /* TRANSLATORS: how many session notes of the summary are signed, and how many amend another */
  status = g_strdup_printf (_("Session notes: %u of %u signed, %u amendments."),
                            n_signed, records->sessions->len, n_amended);
  genu_report_layout_add_paragraph (layout, status, GENU_REPORT_TEXT_NORMAL);
  genu_report_layout_add_space (layout, 28);
  genu_report_layout_add_paragraph (layout,
                                    _("Therapist: ________________________________    "
                                      "Date: ______________"),
                                    GENU_REPORT_TEXT_NORMAL);
}

static void
genu_report_finalize (GObject *object)
{
  GenuReport *self = GENU_REPORT (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (genu_report_parent_class)->finalize (object);
}

static void
genu_report_class_init (GenuReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_report_finalize;
}

static void
genu_report_init (GenuReport *self)
{
}

/* LC_PAPER through glibc's nl_langinfo() extension; A4 where it is not available. */
static void
locale_paper_size (double *width,
                   double *height)
{
#ifdef __GLIBC__
  union { char *string; unsigned int word; } w, h;

  w.string = nl_langinfo (_NL_PAPER_WIDTH);
  h.string = nl_langinfo (_NL_PAPER_HEIGHT);
  if (w.word == 216 && h.word == 279)
    {
      *width = LETTER_WIDTH;
      *height = LETTER_HEIGHT;
      return;
    }
#endif
  *width = A4_WIDTH;
  *height = A4_HEIGHT;
}

gboolean
genu_report_paper_size (const char *paper,
                        double     *width,
                        double     *height)
{
  double w, h;

  if (paper == NULL)
    locale_paper_size (&w, &h);
  else if (g_ascii_strcasecmp (paper, "a4") == 0)
    {
      w = A4_WIDTH;
      h = A4_HEIGHT;
    }
  else if (g_ascii_strcasecmp (paper, "letter") == 0)
    {
      w = LETTER_WIDTH;
      h = LETTER_HEIGHT;
    }
  else
    return FALSE;

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
  return TRUE;
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  GDate parsed;

  if (date == NULL || genu_parse_date (date, &parsed, NULL))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a date. Type it as YYYY-MM-DD."), date);
  return FALSE;
}

GenuReport *
genu_report_new (GenuStore                *store,
                 gint64                    patient_id,
                 const GenuReportOptions  *options,
                 GError                  **error)
{
  static const GenuReportOptions no_options = { NULL, };
  g_autoptr(GenuReport) self = NULL;
  g_auto(Records) records = { NULL, };
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autofree char *name = NULL;
  g_autofree char *header = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso_today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = genu_format_date (iso_today);
  g_autofree char *birth = NULL;
  const char *record_number;
  GenuVisit *visit;

  g_return_val_if_fail (GENU_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &no_options;

  self = g_object_new (GENU_TYPE_REPORT, NULL);
  if (!genu_report_paper_size (options->paper, &self->page_width, &self->page_height))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a paper size. Use a4 or letter."), options->paper);
      return NULL;
    }
  if (!check_date (options->from, error) || !check_date (options->to, error))
    return NULL;

  records.options = options;
  if (!gather (store, patient_id, &records, error))
    return NULL;

  visit = find_assessment_visit (&records);
  if (visit != NULL)
    diagnosis = genu_diagnose (genu_knowledge_base_get_default (),
                               genu_assessment_get_findings (genu_visit_get_assessment (visit)));

  name = genu_patient_dup_display_name (records.patient);
  record_number = genu_patient_get_text (records.patient, GENU_PATIENT_RECORD_NUMBER);
  if (*record_number != '\0')
    /* TRANSLATORS: at the top of each page: the patient's name, date of birth and record */
    {
      birth = format_date_or_dash (genu_patient_get_text (records.patient,
                                                          GENU_PATIENT_DATE_OF_BIRTH));
      header = g_strdup_printf (_("%s · born %s · %s"), name, birth, record_number);
    }
  else
    header = g_strdup (name);
  /* TRANSLATORS: at the top of each page: the day the summary was printed */
  printed = g_strdup_printf (_("Printed %s"), today);

  self->layout = genu_report_layout_new (GENU_REPORT_FONT_FAMILY, FONT_SIZE);
  genu_report_layout_set_running_texts (self->layout, header, printed,
                                        options->clinic_name != NULL ? options->clinic_name
                                                                     : "");

  add_letterhead (self->layout, options);
  add_patient (self->layout, &records);
  add_assessment (self->layout, &records, diagnosis, visit);
  add_diagnosis (self->layout, &records, options->include_differential ? diagnosis : NULL);
  add_plans (self->layout, &records);
  add_sessions (self->layout, &records);
  add_outcomes (self->layout, &records);
  add_chart (self->layout, &records);
  add_signatures (self->layout, &records);

  return g_steal_pointer (&self);
}

guint
genu_report_paginate (GenuReport *self,
                      cairo_t    *cr,
                      double      page_width,
                      double      page_height)
{
  g_return_val_if_fail (GENU_IS_REPORT (self), 0);

  return genu_report_layout_paginate (self->layout, cr, page_width, page_height);
}

void
genu_report_draw_page (GenuReport *self,
                       cairo_t    *cr,
                       guint       page)
{
  g_return_if_fail (GENU_IS_REPORT (self));

  genu_report_layout_draw_page (self->layout, cr, page);
}

void
genu_report_get_page_size (GenuReport *self,
                           double     *width,
                           double     *height)
{
  g_return_if_fail (GENU_IS_REPORT (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

/* Where cairo writes the PDF: the temporary file, remembering the first error. */
typedef struct {
  int fd;
  int error;
} PdfSink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  PdfSink *sink = closure;

  while (length > 0 && sink->error == 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0)
        {
          if (errno != EINTR)
            sink->error = errno;
          continue;
        }
      data += written;
      length -= (unsigned int) written;
    }
  return sink->error == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *display_dir = g_filename_display_name (dir);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: there is no folder “%s”."), display, display_dir);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: you may not write in the folder “%s”."), display,
                   display_dir);
      break;
    case EISDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not write “%s”: it is a folder."), display);
      break;
    default:
      /* TRANSLATORS: the first %s is a file name, the second why it could not be written */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      break;
    }
}

gboolean
genu_report_write_pdf (GenuReport  *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  PdfSink sink = { -1, 0 };
  guint n_pages;

  g_return_val_if_fail (GENU_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (error, EISDIR, path);
      return FALSE;
    }

  /* A temporary file next to the target, so that the rename that replaces it stays within
   * one file system and is atomic. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  sink.fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (sink.fd < 0)
    {
      set_write_error (error, errno, path);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, self->page_width,
                                                 self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Treatment Summary"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Genu " PACKAGE_VERSION);
  cr = cairo_create (surface);

  n_pages = genu_report_paginate (self, cr, self->page_width, self->page_height);
  for (guint page = 0; page < n_pages; page++)
    {
      genu_report_draw_page (self, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error == 0 && status != CAIRO_STATUS_SUCCESS)
    sink.error = EIO;
  if (sink.error == 0 && fsync (sink.fd) != 0)
    sink.error = errno;
  if (close (sink.fd) != 0 && sink.error == 0)
    sink.error = errno;
  if (sink.error == 0 && g_rename (temp, path) != 0)
    sink.error = errno;

  if (sink.error != 0)
    {
      g_unlink (temp);
      set_write_error (error, sink.error, path);
      return FALSE;
    }
  return TRUE;
}
