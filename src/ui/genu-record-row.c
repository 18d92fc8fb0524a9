/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-record-row.h"

#include "genu-locale.h"

#include <glib/gi18n.h>

#define PAGE_KEY "genu-record-page"
#define ID_KEY "genu-record-id"

static GtkWidget *
record_row_new (const char *page,
                gint64      id,
                const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), PAGE_KEY, (gpointer) g_intern_static_string (page));
  g_object_set_data_full (G_OBJECT (row), ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static GtkWidget *
row_new_for_visit (GenuVisit *visit)
{
  const char *diagnosis = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME);
  const char *therapist = genu_visit_get_text (visit, GENU_VISIT_THERAPIST);
  g_autofree char *date = genu_format_date (genu_visit_get_text (visit, GENU_VISIT_DATE));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a visit in the patient's list: its date · its kind */
  title = g_strdup_printf (_("%s · %s"), date,
                           genu_visit_kind_label (genu_visit_get_kind (visit)));
  if (*diagnosis != '\0')
    /* TRANSLATORS: the therapist of a visit · the working diagnosis */
    subtitle = g_strdup_printf (_("%s · %s"), therapist, diagnosis);
  else
    subtitle = g_strdup (therapist);

  return record_row_new ("visit", genu_visit_get_id (visit), title, subtitle);
}

static char *
dup_status_count (GenuGoalStatus status,
                  guint          count)
{
  switch (status)
    {
    case GENU_GOAL_MET:
      return g_strdup_printf (_("%u met"), count);
    case GENU_GOAL_NOT_MET:
      return g_strdup_printf (_("%u not met"), count);
    case GENU_GOAL_PROGRESSING:
    default:
      return g_strdup_printf (_("%u progressing"), count);
    }
}

/* "2 met, 1 progressing": the goals at a glance. */
static char *
dup_goal_summary (GenuPlan *plan)
{
  GPtrArray *goals = genu_plan_get_goals (plan);
  guint counts[3] = { 0, 0, 0 };
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < goals->len; i++)
    counts[((GenuGoal *) g_ptr_array_index (goals, i))->status]++;

  if (goals->len == 0)
    return g_strdup (_("no goals yet"));
  for (GenuGoalStatus status = GENU_GOAL_PROGRESSING; status <= GENU_GOAL_NOT_MET; status++)
    if (counts[status] > 0)
      {
        g_autofree char *part = dup_status_count (status, counts[status]);

        g_strv_builder_add (parts, part);
      }
  texts = g_strv_builder_end (parts);
  joined = g_strjoinv (_(", "), texts);
  /* TRANSLATORS: "goals: 1 met, 2 progressing" */
  return g_strdup_printf (_("goals: %s"), joined);
}

static GtkWidget *
row_new_for_plan (GenuPlan *plan)
{
  g_autofree char *date = genu_format_date (genu_plan_get_text (plan, GENU_PLAN_START_DATE));
  g_autofree char *title = NULL;
  g_autofree char *goals = dup_goal_summary (plan);
  g_autofree char *subtitle = NULL;
  const char *diagnosis = genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_NAME);

  /* TRANSLATORS: a plan of care in the patient's list: its start date · its diagnosis */
  title = g_strdup_printf (_("%s · %s"), date, diagnosis);
  if (genu_plan_get_closed (plan))
    /* TRANSLATORS: the goals of an episode of care that has ended */
    subtitle = g_strdup_printf (_("Ended · %s"), goals);
  else if (genu_plan_get_frequency_per_week (plan) != GENU_PLAN_UNSET &&
           genu_plan_get_duration_weeks (plan) != GENU_PLAN_UNSET)
    /* TRANSLATORS: "2× a week for 6 weeks · goals: 1 met, 2 progressing" */
    subtitle = g_strdup_printf (_("%d× a week for %d weeks · %s"),
                                genu_plan_get_frequency_per_week (plan),
                                genu_plan_get_duration_weeks (plan), goals);
  else
    subtitle = g_strdup (goals);

  return record_row_new ("plan", genu_plan_get_id (plan), title, subtitle);
}

static GtkWidget *
row_new_for_session (GenuSession *session)
{
  GPtrArray *interventions = genu_session_get_interventions (session);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *date = genu_format_date (genu_session_get_text (session, GENU_SESSION_DATE));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  int before = genu_session_get_pain_before (session);
  int after = genu_session_get_pain_after (session);

  /* Each kind once, in the order they were done. */
  for (guint i = 0; i < interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (interventions, i);
      const char *label = genu_intervention_kind_label (genu_intervention_get_kind (intervention));

      if (!g_ptr_array_find_with_equal_func (kinds, label, g_str_equal, NULL))
        g_ptr_array_add (kinds, (gpointer) label);
    }
  g_ptr_array_add (kinds, NULL);
  joined = g_strjoinv (_(", "), (GStrv) kinds->pdata);
  /* TRANSLATORS: a session in the patient's list: its date · what was done */
  title = g_strdup_printf (_("%s · %s"), date, joined);

  if (before != GENU_SESSION_UNSET && after != GENU_SESSION_UNSET)
    /* TRANSLATORS: NPRS before → after the session */
    g_string_append_printf (subtitle, _("Pain %d → %d · "), before, after);
  g_string_append (subtitle, genu_session_get_text (session, GENU_SESSION_THERAPIST));
  if (genu_session_is_signed (session))
    g_string_append (subtitle, _(" · signed"));
  if (genu_session_get_amends_id (session) != 0)
    g_string_append (subtitle, _(" · amendment"));

  return record_row_new ("session", genu_session_get_id (session), title, subtitle->str);
}

static GtkWidget *
row_new_for_outcome (GenuOutcome *outcome)
{
  g_autofree char *date = genu_format_date (genu_outcome_get_date (outcome));
  g_autofree char *title = NULL;
  double score;

  if (genu_outcome_get_score (outcome, &score))
    /* TRANSLATORS: a LEFS score in the patient's list: its date · the score */
    title = g_strdup_printf (_("%s · LEFS %.0f / 80"), date, score);
  else
    /* TRANSLATORS: a LEFS form with too many items missing to score */
    title = g_strdup_printf (_("%s · LEFS, not scored"), date);

  return record_row_new ("lefs", genu_outcome_get_id (outcome), title, NULL);
}

/* "Symptoms 71 · Pain 80 · …": each subscale that has a score. */
static GtkWidget *
row_new_for_koos (GenuKoos *koos)
{
  g_autoptr(GString) scores = g_string_new (NULL);
  g_autofree char *date = genu_format_date (genu_koos_get_date (koos));
  g_autofree char *title = NULL;

  for (GenuKoosSubscale subscale = 0; subscale < GENU_KOOS_N_SUBSCALES; subscale++)
    {
      double score;

      if (!genu_koos_get_score (koos, subscale, &score))
        continue;
      if (scores->len > 0)
        g_string_append (scores, " · ");
      /* TRANSLATORS: a KOOS subscale and its score, e.g. "Pain 80" */
      g_string_append_printf (scores, _("%s %.0f"), genu_koos_subscale_label (subscale), score);
    }

  /* TRANSLATORS: a KOOS form in the patient's list: its date */
  title = g_strdup_printf (_("%s · KOOS"), date);
  return record_row_new ("koos", genu_koos_get_id (koos), title,
                         scores->len > 0 ? scores->str : _("not scored"));
}

GtkWidget *
genu_record_row_new (GObject *record)
{
  if (GENU_IS_VISIT (record))
    return row_new_for_visit (GENU_VISIT (record));
  if (GENU_IS_PLAN (record))
    return row_new_for_plan (GENU_PLAN (record));
  if (GENU_IS_SESSION (record))
    return row_new_for_session (GENU_SESSION (record));
  if (GENU_IS_OUTCOME (record))
    return row_new_for_outcome (GENU_OUTCOME (record));
  if (GENU_IS_KOOS (record))
    return row_new_for_koos (GENU_KOOS (record));
  g_return_val_if_reached (NULL);
}

GtkWidget *
genu_record_row_new_empty (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

const char *
genu_record_row_get_page (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), PAGE_KEY);
}

gint64
genu_record_row_get_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), ID_KEY);

  return id != NULL ? *id : 0;
}
