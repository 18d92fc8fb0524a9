/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-plan-page.h"
#include "genu-field-error.h"
#include "genu-form.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <glib/gi18n.h>

/* A plan of care: the episode's start, working diagnosis, frequency and duration, goals and
 * planned interventions, and the IASTM screening, which a dialog of its own asks (the window
 * opens it on "screening-requested"). */

/* The rows of one goal, inside its expander row. */
typedef struct {
  AdwExpanderRow *expander;
  AdwComboRow    *term;
  AdwEntryRow    *description;
  AdwEntryRow    *target_date;
  AdwComboRow    *status;
  GtkWidget      *remove;
} GoalRows;

struct _GenuPlanPage
{
  AdwBin               parent_instance;

  GenuStore           *store;
  GenuKnowledgeBase   *kb;
  GenuPatient         *patient;
  GenuPlan            *plan;          /* as last loaded or saved; id 0 for a new one */

  GHashTable          *fields;        /* field name (owned) -> row that shows its errors */
  GPtrArray           *goal_rows;     /* GoalRows, in the plan's order */

  AdwPreferencesGroup *goals_group;
  AdwEntryRow         *start_date;
  AdwEntryRow         *frequency;
  AdwEntryRow         *duration;
  GtkSwitch           *closed;
  AdwComboRow         *diagnosis_pick;
  AdwEntryRow         *diagnosis_name;
  AdwEntryRow         *diagnosis_icd10;
  GtkWidget           *no_goals_row;
  GtkTextView         *interventions;
  GtkTextView         *notes;
  AdwActionRow        *screening_row;
  GtkWidget           *screening_icon;

  gboolean             dirty;
  gboolean             loading;
  gboolean             show_errors;
  /* The goals and interventions are a knowledge-base template nobody has edited yet: picking
   * another condition may replace them. */
  gboolean             plan_from_template;
  gboolean             template_untouched;
  char                *template_start;  /* the start date the template's goals count from */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  PROP_TITLE,
  N_PROPS
};

enum {
  SIGNAL_SCREENING_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void genu_plan_page_form_init (GenuFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GenuPlanPage, genu_plan_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GENU_TYPE_FORM,
                                                      genu_plan_page_form_init))

static void fill_goals       (GenuPlanPage *self,
                              GPtrArray    *goals);
static void shift_goal_dates (GPtrArray    *goals,
                              const char   *from,
                              const char   *to);

static void
set_dirty (GenuPlanPage *self,
           gboolean      dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_actions (GenuPlanPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-goal", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.remove-goal", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.screen", self->plan != NULL);
}

/* Reads a whole number of a range typed into @row: GENU_PLAN_UNSET when empty. Returns the
 * message to show, or NULL. */
static char *
read_count (AdwEntryRow *row,
            int          max,
            int         *value)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));
  gint64 number;

  *value = GENU_PLAN_UNSET;
  if (*text == '\0')
    return NULL;

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    number = G_MININT;
  else
    *value = (int) number;

  if (number >= 1 && number <= max)
    return NULL;
  /* TRANSLATORS: %d is the highest number allowed: 7 sessions a week, 52 weeks */
  return g_strdup_printf (_("Type a whole number from 1 to %d, or leave it empty."), max);
}

static const GenuConditionDef *
picked_condition (GenuPlanPage *self)
{
  guint pick = adw_combo_row_get_selected (self->diagnosis_pick);

  /* The first entry of the list is "None yet", the last "Other". */
  if (pick >= 1 && pick <= genu_knowledge_base_get_n_conditions (self->kb))
    return genu_knowledge_base_get_condition (self->kb, pick - 1);
  return NULL;
}

static GPtrArray *
read_goals (GenuPlanPage *self)
{
  GPtrArray *goals = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_goal_free);

  for (guint i = 0; i < self->goal_rows->len; i++)
    {
      GoalRows *rows = g_ptr_array_index (self->goal_rows, i);
      g_autofree char *description = g_strstrip (g_strdup (entry_text (rows->description)));
      g_autofree char *target_date = g_strstrip (g_strdup (entry_text (rows->target_date)));
      GenuGoal *goal = genu_goal_new (adw_combo_row_get_selected (rows->term),
                                      description, target_date);

      goal->status = adw_combo_row_get_selected (rows->status);
      g_ptr_array_add (goals, goal);
    }
  return goals;
}

/* Reads the form into a copy of the loaded plan (its screening included); numbers that cannot
 * be read go to @errors. */
static GenuPlan *
read_form (GenuPlanPage *self,
           GPtrArray    *errors)
{
  GenuPlan *plan = genu_plan_copy (self->plan);
  const GenuConditionDef *condition = picked_condition (self);
  g_autoptr(GPtrArray) goals = read_goals (self);
  g_autofree char *interventions = text_view_text (self->interventions);
  g_autofree char *notes = text_view_text (self->notes);
  g_autofree char *start_date = g_strstrip (g_strdup (entry_text (self->start_date)));
  char *message;
  int value;

  genu_plan_set_text (plan, GENU_PLAN_START_DATE, start_date);
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ID, condition ? condition->id : "");
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME, entry_text (self->diagnosis_name));
  genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ICD10, entry_text (self->diagnosis_icd10));
  genu_plan_set_text (plan, GENU_PLAN_INTERVENTIONS, interventions);
  genu_plan_set_text (plan, GENU_PLAN_NOTES, notes);
  genu_plan_set_closed (plan, gtk_switch_get_active (self->closed));
  genu_plan_set_goals (plan, goals);

  message = read_count (self->frequency, GENU_PLAN_FREQUENCY_MAX_PER_WEEK, &value);
  genu_plan_set_frequency_per_week (plan, value);
  if (message != NULL)
    g_ptr_array_add (errors, genu_field_error_new ("frequency_per_week", message));
  g_free (message);

  message = read_count (self->duration, GENU_PLAN_DURATION_MAX_WEEKS, &value);
  genu_plan_set_duration_weeks (plan, value);
  if (message != NULL)
    g_ptr_array_add (errors, genu_field_error_new ("duration_weeks", message));
  g_free (message);

  return plan;
}

static GPtrArray *
check_form (GenuPlanPage  *self,
            GenuPlan     **out_plan)
{
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuPlan) plan = read_form (self, errors);
  g_autoptr(GPtrArray) rules = genu_plan_validate (plan, NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      GenuFieldError *rule = g_ptr_array_index (rules, i);

      if (genu_field_errors_lookup (errors, rule->field) == NULL)
        g_ptr_array_add (errors, genu_field_error_new (rule->field, rule->message));
    }

  if (out_plan != NULL)
    *out_plan = g_steal_pointer (&plan);
  return g_steal_pointer (&errors);
}

static void
show_errors (GenuPlanPage *self,
             GPtrArray    *errors)
{
  GHashTableIter iter;
  gpointer field, row;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &field, &row))
    genu_field_error_set (row, errors ? genu_field_errors_lookup (errors, field) : NULL);

  /* A goal with a broken rule opens, so that its message is seen. */
  for (guint i = 0; errors != NULL && i < self->goal_rows->len; i++)
    {
      GoalRows *rows = g_ptr_array_index (self->goal_rows, i);

      if (genu_field_error_get (GTK_WIDGET (rows->description)) != NULL
          || genu_field_error_get (GTK_WIDGET (rows->target_date)) != NULL)
        adw_expander_row_set_expanded (rows->expander, TRUE);
    }
}

static void
form_changed (GenuPlanPage *self)
{
  if (self->loading)
    return;

  set_dirty (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  if (self->show_errors)
    {
      g_autoptr(GPtrArray) errors = check_form (self, NULL);
      show_errors (self, errors);
    }
}

static void
field_changed_cb (GenuPlanPage *self)
{
  form_changed (self);
}

/* Goals and interventions edited by hand are the therapist's: no template replaces them. */
/* While the goals are still the template's, they follow the start date. */
static void
start_date_changed_cb (GenuPlanPage *self)
{
  g_autofree char *start = g_strstrip (g_strdup (entry_text (self->start_date)));
  GDate date;

  if (!self->loading && self->template_untouched && self->template_start != NULL
      && genu_parse_date (start, &date, NULL) && !g_str_equal (start, self->template_start))
    {
      g_autoptr(GPtrArray) goals = read_goals (self);

      shift_goal_dates (goals, self->template_start, start);
      fill_goals (self, goals);
      g_free (self->template_start);
      self->template_start = g_steal_pointer (&start);
    }
  form_changed (self);
}

static void
template_edited_cb (GenuPlanPage *self)
{
  if (self->loading)
    return;

  self->template_untouched = FALSE;
  form_changed (self);
}

static void
count_changed_cb (AdwEntryRow  *row,
                  GenuPlanPage *self)
{
  int max = row == self->frequency ? GENU_PLAN_FREQUENCY_MAX_PER_WEEK
                                   : GENU_PLAN_DURATION_MAX_WEEKS;
  g_autofree char *message = NULL;
  int value;

  if (self->loading)
    return;

  /* A number out of its range is said at once, while it is typed. */
  message = read_count (row, max, &value);
  genu_field_error_set (GTK_WIDGET (row), message);
  form_changed (self);
}

static void
update_goal_header (GoalRows *rows)
{
  const char *description = entry_text (rows->description);
  const char *target_date = entry_text (rows->target_date);
  g_autofree char *by = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *target = genu_format_date (target_date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander),
                                 *description != '\0' ? description : _("New goal"));
  if (*target_date != '\0')
    /* TRANSLATORS: a goal's target date, e.g. "by 1 Apr 2026" */
    by = g_strdup_printf (_("by %s"), target);
  else
    by = g_strdup (_("no target date"));
  /* TRANSLATORS: a goal's summary: "Short term · by 1 Apr 2026 · Progressing" */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              genu_goal_term_label (adw_combo_row_get_selected (rows->term)),
                              by,
                              genu_goal_status_label (adw_combo_row_get_selected (rows->status)));
  adw_expander_row_set_subtitle (rows->expander, subtitle);
}

static void
goal_changed_cb (GtkWidget    *row,
                 GParamSpec   *pspec,
                 GenuPlanPage *self)
{
  update_goal_header (g_object_get_data (G_OBJECT (row), "goal-rows"));
  template_edited_cb (self);
}

static void
goal_text_changed_cb (GtkWidget    *row,
                      GenuPlanPage *self)
{
  goal_changed_cb (row, NULL, self);
}

static AdwComboRow *
goal_combo_new (const char *title,
                const char *first,
                ...)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  va_list args;

  va_start (args, first);
  for (const char *label = first; label != NULL; label = va_arg (args, const char *))
    gtk_string_list_append (labels, label);
  va_end (args);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  return row;
}

static void
add_goal_field (GenuPlanPage *self,
                GoalRows     *rows,
                GtkWidget    *row,
                guint         index,
                const char   *name)
{
  g_autofree char *field = g_strdup_printf ("goals[%u].%s", index, name);

  adw_expander_row_add_row (rows->expander, row);
  genu_field_error_attach (row);
  g_object_set_data (G_OBJECT (row), "goal-rows", rows);
  g_hash_table_insert (self->fields, g_steal_pointer (&field), row);
}

static GoalRows *
add_goal_rows (GenuPlanPage   *self,
               const GenuGoal *goal)
{
  GoalRows *rows = g_new0 (GoalRows, 1);
  guint index = self->goal_rows->len;
  g_autofree char *remove_label = NULL;

  rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);

  rows->term = goal_combo_new (_("Term"),
                               genu_goal_term_label (GENU_GOAL_SHORT_TERM),
                               genu_goal_term_label (GENU_GOAL_LONG_TERM),
                               NULL);
  rows->description = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->description),
                                 _("Description (measurable)"));
  rows->target_date = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->target_date),
                                 _("Target date (YYYY-MM-DD)"));
  rows->status = goal_combo_new (_("Status"),
                                 genu_goal_status_label (GENU_GOAL_PROGRESSING),
                                 genu_goal_status_label (GENU_GOAL_MET),
                                 genu_goal_status_label (GENU_GOAL_NOT_MET),
                                 NULL);

  adw_combo_row_set_selected (rows->term, goal->term);
  gtk_editable_set_text (GTK_EDITABLE (rows->description), goal->description);
  gtk_editable_set_text (GTK_EDITABLE (rows->target_date), goal->target_date);
  adw_combo_row_set_selected (rows->status, goal->status);

  /* TRANSLATORS: the accessible name of the button that removes goal %u */
  remove_label = g_strdup_printf (_("Remove goal %u"), index + 1);
  rows->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (rows->remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (rows->remove, _("Remove Goal"));
  gtk_widget_add_css_class (rows->remove, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (rows->remove), "plan.remove-goal");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (rows->remove),
                                          g_variant_new_uint32 (index));
  adw_expander_row_add_action (rows->expander, rows->remove);

  adw_preferences_group_add (self->goals_group, GTK_WIDGET (rows->expander));
  add_goal_field (self, rows, GTK_WIDGET (rows->term), index, "term");
  add_goal_field (self, rows, GTK_WIDGET (rows->description), index, "description");
  add_goal_field (self, rows, GTK_WIDGET (rows->target_date), index, "target_date");
  add_goal_field (self, rows, GTK_WIDGET (rows->status), index, "status");
  update_goal_header (rows);

  g_signal_connect (rows->term, "notify::selected", G_CALLBACK (goal_changed_cb), self);
  g_signal_connect (rows->status, "notify::selected", G_CALLBACK (goal_changed_cb), self);
  g_signal_connect (rows->description, "changed", G_CALLBACK (goal_text_changed_cb), self);
  g_signal_connect (rows->target_date, "changed", G_CALLBACK (goal_text_changed_cb), self);

  g_ptr_array_add (self->goal_rows, rows);
  return rows;
}

static gboolean
is_goal_field (gpointer key,
               gpointer value,
               gpointer user_data)
{
  return g_str_has_prefix (key, "goals[");
}

/* Replaces the goal rows by rows for @goals (element-type GenuGoal). */
static void
fill_goals (GenuPlanPage *self,
            GPtrArray    *goals)
{
  gboolean loading = self->loading;

  self->loading = TRUE;

  g_hash_table_foreach_remove (self->fields, is_goal_field, NULL);
  for (guint i = 0; i < self->goal_rows->len; i++)
    {
      GoalRows *rows = g_ptr_array_index (self->goal_rows, i);
      adw_preferences_group_remove (self->goals_group, GTK_WIDGET (rows->expander));
    }
  g_ptr_array_set_size (self->goal_rows, 0);

  for (guint i = 0; goals != NULL && i < goals->len; i++)
    add_goal_rows (self, g_ptr_array_index (goals, i));
  gtk_widget_set_visible (self->no_goals_row, self->goal_rows->len == 0);

  self->loading = loading;
}

/* Moves the target dates of @goals by the days from @from to @to (both YYYY-MM-DD): the goals
 * of a template count from the plan's start, which may not be today. */
static void
shift_goal_dates (GPtrArray  *goals,
                  const char *from,
                  const char *to)
{
  GDate start, moved;
  int days;

  if (!genu_parse_date (from, &start, NULL) || !genu_parse_date (to, &moved, NULL))
    return;
  days = g_date_days_between (&start, &moved);
  if (days == 0)
    return;

  for (guint i = 0; i < goals->len; i++)
    {
      GenuGoal *goal = g_ptr_array_index (goals, i);
      char text[16];
      GDate date;

      if (!genu_parse_date (goal->target_date, &date, NULL))
        continue;
      if (days > 0)
        g_date_add_days (&date, days);
      else
        g_date_subtract_days (&date, -days);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
      genu_goal_set_target_date (goal, text);
    }
}

static gboolean
goals_and_interventions_empty (GenuPlanPage *self)
{
  g_autofree char *interventions = text_view_text (self->interventions);

  return self->goal_rows->len == 0 && *g_strstrip (interventions) == '\0';
}

static void
diagnosis_picked_cb (GenuPlanPage *self)
{
  const GenuConditionDef *condition;

  if (self->loading)
    return;

  /* Picking a condition fills its name and ICD-10 code; "None" and "Other" leave them to type. */
  condition = picked_condition (self);
  if (condition != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_name), condition->name);
      gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_icd10), condition->icd10);

      /* The condition's usual goals and interventions are a starting point, never written over
       * what the therapist typed. */
      if (goals_and_interventions_empty (self) || self->template_untouched)
        {
          g_autoptr(GenuPlan) template = genu_plan_new_from_template (self->kb, condition->id);

          if (template != NULL)
            {
              GPtrArray *goals = genu_plan_get_goals (template);
              g_autofree char *start = g_strstrip (g_strdup (entry_text (self->start_date)));

              shift_goal_dates (goals, genu_plan_get_text (template, GENU_PLAN_START_DATE), start);
              g_free (self->template_start);
              self->template_start = g_steal_pointer (&start);
              self->loading = TRUE;
              gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->interventions),
                                        genu_plan_get_text (template, GENU_PLAN_INTERVENTIONS),
                                        -1);
              fill_goals (self, goals);
              self->loading = FALSE;
              self->template_untouched = TRUE;
            }
        }
    }
  form_changed (self);
}

static void
update_screening (GenuPlanPage *self)
{
  const char * const *ids;
  g_autoptr(GString) found = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  gboolean contraindicated = FALSE;

  if (self->plan == NULL)
    return;

  ids = genu_plan_get_contraindications (self->plan);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const GenuContraindication *item = genu_iastm_contraindication_lookup (ids[i]);

      if (found->len > 0)
        g_string_append (found, _(", "));
      g_string_append (found, item ? genu_iastm_contraindication_get_label (item) : ids[i]);
      contraindicated |= item == NULL || !item->precaution;
    }

  if (!genu_plan_get_screening_done (self->plan))
    subtitle = g_strdup (_("Not screened yet"));
  else if (ids[0] == NULL)
    subtitle = g_strdup (_("Screened, nothing found"));
  else if (!contraindicated)
    /* TRANSLATORS: %s lists the precautions answered yes */
    subtitle = g_strdup_printf (_("Screened, precautions: %s"), found->str);
  else if (genu_plan_screening_blocks (self->plan))
    /* TRANSLATORS: %s lists what was answered yes */
    subtitle = g_strdup_printf (_("Not acknowledged yet: %s"), found->str);
  else
    {
      const char *at = genu_plan_get_acknowledged_at (self->plan);
      g_autofree char *iso_day = g_strndup (at, 10);
      g_autofree char *day = genu_format_date (iso_day);

      /* TRANSLATORS: who acknowledged a contraindication to IASTM, when, and what was found */
      subtitle = g_strdup_printf (_("Contraindication acknowledged by %s on %s: %s"),
                                  genu_plan_get_acknowledged_by (self->plan), day, found->str);
    }

  adw_action_row_set_subtitle (self->screening_row, subtitle);
  gtk_widget_set_visible (self->screening_icon, genu_plan_screening_warns (self->plan));
}

static void
fill_form (GenuPlanPage *self)
{
  GenuPlan *plan = self->plan;
  const char *diagnosis_id = genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_ID);
  const char *diagnosis_name = genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_NAME);
  guint n_conditions = genu_knowledge_base_get_n_conditions (self->kb);
  guint pick = *diagnosis_name != '\0' ? n_conditions + 1 : 0;
  int frequency = genu_plan_get_frequency_per_week (plan);
  int duration = genu_plan_get_duration_weeks (plan);
  g_autofree char *frequency_text = frequency > 0 ? g_strdup_printf ("%d", frequency)
                                                  : g_strdup ("");
  g_autofree char *duration_text = duration > 0 ? g_strdup_printf ("%d", duration)
                                                : g_strdup ("");

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->start_date),
                         genu_plan_get_text (plan, GENU_PLAN_START_DATE));
  gtk_editable_set_text (GTK_EDITABLE (self->frequency), frequency_text);
  gtk_editable_set_text (GTK_EDITABLE (self->duration), duration_text);
  gtk_switch_set_active (self->closed, genu_plan_get_closed (plan));

  for (guint i = 0; i < n_conditions; i++)
    if (g_str_equal (genu_knowledge_base_get_condition (self->kb, i)->id, diagnosis_id))
      pick = i + 1;
  adw_combo_row_set_selected (self->diagnosis_pick, pick);
  gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_name), diagnosis_name);
  gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_icd10),
                         genu_plan_get_text (plan, GENU_PLAN_DIAGNOSIS_ICD10));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->interventions),
                            genu_plan_get_text (plan, GENU_PLAN_INTERVENTIONS), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes),
                            genu_plan_get_text (plan, GENU_PLAN_NOTES), -1);
  fill_goals (self, genu_plan_get_goals (plan));

  self->loading = FALSE;
  self->template_untouched = self->plan_from_template;
  g_free (self->template_start);
  self->template_start = g_strdup (genu_plan_get_text (plan, GENU_PLAN_START_DATE));
  self->show_errors = FALSE;
  show_errors (self, NULL);
  set_dirty (self, FALSE);
  update_screening (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static char *
dup_title (GenuPlanPage *self)
{
  g_autofree char *date = NULL;

  if (self->plan == NULL)
    return NULL;

  if (genu_plan_get_id (self->plan) == 0)
    return g_strdup (_("New Plan of Care"));
  date = genu_format_date (entry_text (self->start_date));
  /* TRANSLATORS: the title of a plan of care and its start date, "Plan of care, 3 Mar 2026" */
  return g_strdup_printf (_("Plan of care, %s"), date);
}

static void
add_goal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GenuPlanPage *self = GENU_PLAN_PAGE (widget);
  g_autoptr(GPtrArray) goals = read_goals (self);
  g_autoptr(GenuGoal) goal = genu_goal_new (GENU_GOAL_SHORT_TERM, "", "");
  GoalRows *rows;

  g_ptr_array_add (goals, g_steal_pointer (&goal));
  fill_goals (self, goals);
  rows = g_ptr_array_index (self->goal_rows, self->goal_rows->len - 1);
  adw_expander_row_set_expanded (rows->expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (rows->description));
  template_edited_cb (self);
}

static void
remove_goal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GenuPlanPage *self = GENU_PLAN_PAGE (widget);
  g_autoptr(GPtrArray) goals = read_goals (self);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (index >= goals->len)
    return;

  for (guint i = 0; i < self->goal_rows->len; i++)
    {
      GoalRows *rows = g_ptr_array_index (self->goal_rows, i);
      gboolean open = adw_expander_row_get_expanded (rows->expander);

      if (i != index)
        g_array_append_val (expanded, open);
    }

  g_ptr_array_remove_index (goals, index);
  fill_goals (self, goals);
  for (guint i = 0; i < self->goal_rows->len; i++)
    {
      GoalRows *rows = g_ptr_array_index (self->goal_rows, i);
      adw_expander_row_set_expanded (rows->expander, g_array_index (expanded, gboolean, i));
    }
  /* Focus stays in the list of goals: on the goal that took the removed one's place. */
  if (self->goal_rows->len > 0)
    {
      GoalRows *next = g_ptr_array_index (self->goal_rows, MIN (index, self->goal_rows->len - 1));
      gtk_widget_grab_focus (GTK_WIDGET (next->expander));
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->diagnosis_icd10));
    }
  template_edited_cb (self);
}

static void
screen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_SCREENING_REQUESTED], 0);
}

static void
genu_plan_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_PLAN_PAGE);

  G_OBJECT_CLASS (genu_plan_page_parent_class)->dispose (object);
}

static void
genu_plan_page_finalize (GObject *object)
{
  GenuPlanPage *self = GENU_PLAN_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->goal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->template_start, g_free);

  G_OBJECT_CLASS (genu_plan_page_parent_class)->finalize (object);
}

static void
genu_plan_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GenuPlanPage *self = GENU_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_TITLE:
      g_value_take_string (value, dup_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_plan_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GenuPlanPage *self = GENU_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
form_get_dirty (GenuForm *form)
{
  return genu_plan_page_get_dirty (GENU_PLAN_PAGE (form));
}

static gboolean
form_is_new (GenuForm *form)
{
  GenuPlan *plan = GENU_PLAN_PAGE (form)->plan;

  return plan == NULL || genu_plan_get_id (plan) == 0;
}

static gboolean
form_save (GenuForm  *form,
           GError   **error)
{
  return genu_plan_page_save (GENU_PLAN_PAGE (form), error);
}

static void
form_revert (GenuForm *form)
{
  genu_plan_page_revert (GENU_PLAN_PAGE (form));
}

static const char *
form_get_saved_message (GenuForm *form)
{
  return _("Plan of care saved");
}

static void
genu_plan_page_form_init (GenuFormInterface *iface)
{
  iface->get_dirty = form_get_dirty;
  iface->is_new = form_is_new;
  iface->save = form_save;
  iface->revert = form_revert;
  iface->get_saved_message = form_get_saved_message;
}

static void
genu_plan_page_class_init (GenuPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_plan_page_dispose;
  object_class->finalize = genu_plan_page_finalize;
  object_class->get_property = genu_plan_page_get_property;
  object_class->set_property = genu_plan_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GenuPlanPage::screening-requested:
   *
   * The therapist asked for the IASTM screening of the plan (genu_plan_page_get_plan()). The
   * window opens a #GenuScreeningDialog for it, saves the plan once screened, then calls
   * genu_plan_page_refresh_screening().
   */
  signals[SIGNAL_SCREENING_REQUESTED] =
    g_signal_new ("screening-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "plan.add-goal", NULL, add_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.remove-goal", "u", remove_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.screen", NULL, screen_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/genu-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, goals_group);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, start_date);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, frequency);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, duration);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, closed);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, diagnosis_pick);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, diagnosis_name);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, diagnosis_icd10);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, no_goals_row);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, interventions);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, notes);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, screening_row);
  gtk_widget_class_bind_template_child (widget_class, GenuPlanPage, screening_icon);
}

static void
register_field (GenuPlanPage *self,
                const char   *field,
                gpointer      row)
{
  genu_field_error_attach (GTK_WIDGET (row));
  g_hash_table_insert (self->fields, g_strdup (field), row);
}

static void
genu_plan_page_init (GenuPlanPage *self)
{
  g_autoptr(GtkStringList) conditions = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->kb = genu_knowledge_base_get_default ();
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->goal_rows = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (conditions, _("None yet"));
  for (guint i = 0; i < genu_knowledge_base_get_n_conditions (self->kb); i++)
    gtk_string_list_append (conditions, genu_knowledge_base_get_condition (self->kb, i)->name);
  gtk_string_list_append (conditions, _("Other (type it below)"));
  adw_combo_row_set_model (self->diagnosis_pick, G_LIST_MODEL (conditions));

  /* The rows whose rules can break, by the field names of genu_plan_validate(). */
  register_field (self, "start_date", self->start_date);
  register_field (self, "frequency_per_week", self->frequency);
  register_field (self, "duration_weeks", self->duration);
  register_field (self, "diagnosis_id", self->diagnosis_pick);
  register_field (self, "diagnosis_name", self->diagnosis_name);
  register_field (self, "diagnosis_icd10", self->diagnosis_icd10);
  register_field (self, "contraindications", self->screening_row);

  g_signal_connect_swapped (self->start_date, "changed", G_CALLBACK (start_date_changed_cb),
                            self);
  g_signal_connect (self->frequency, "changed", G_CALLBACK (count_changed_cb), self);
  g_signal_connect (self->duration, "changed", G_CALLBACK (count_changed_cb), self);
  g_signal_connect_swapped (self->closed, "notify::active", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->diagnosis_pick, "notify::selected",
                            G_CALLBACK (diagnosis_picked_cb), self);
  g_signal_connect_swapped (self->diagnosis_name, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->diagnosis_icd10, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->interventions), "changed",
                            G_CALLBACK (template_edited_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes), "changed",
                            G_CALLBACK (field_changed_cb), self);

  update_actions (self);
}

/* The newest visit of @patient with a working diagnosis, if any. */
static GenuVisit *
latest_diagnosed_visit (GenuPlanPage *self,
                        GenuPatient  *patient)
{
  g_autoptr(GPtrArray) visits = NULL;

  if (self->store == NULL)
    return NULL;

  visits = genu_store_list_visits (self->store, genu_patient_get_id (patient), NULL);
  for (guint i = 0; visits != NULL && i < visits->len; i++)
    {
      GenuVisit *visit = g_ptr_array_index (visits, i);

      if (*genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME) != '\0')
        return g_object_ref (visit);
    }
  return NULL;
}

/* A new plan starting today, with the working diagnosis of the latest visit and its template. */
static GenuPlan *
new_plan (GenuPlanPage *self,
          GenuPatient  *patient)
{
  g_autoptr(GenuVisit) visit = latest_diagnosed_visit (self, patient);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GenuPlan *plan = NULL;

  if (visit != NULL)
    {
      const char *id = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ID);

      if (*id != '\0')
        plan = genu_plan_new_from_template (self->kb, id);
      self->plan_from_template = plan != NULL;
      if (plan == NULL)
        plan = genu_plan_new ();
      genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ID, id);
      genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_NAME,
                          genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME));
      genu_plan_set_text (plan, GENU_PLAN_DIAGNOSIS_ICD10,
                          genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ICD10));
    }
  else
    {
      plan = genu_plan_new ();
    }

  genu_plan_set_patient_id (plan, genu_patient_get_id (patient));
  genu_plan_set_text (plan, GENU_PLAN_START_DATE, today);
  return plan;
}

/**
 * genu_plan_page_load:
 * @patient: whose plan it is
 * @plan: (nullable): the plan to edit; %NULL starts a new one today, with the working diagnosis
 *   of the patient's latest visit
 *
 * Shows @plan in the form, dropping unsaved edits (the caller asks first).
 */
void
genu_plan_page_load (GenuPlanPage *self,
                     GenuPatient  *patient,
                     GenuPlan     *plan)
{
  g_return_if_fail (GENU_IS_PLAN_PAGE (self));
  g_return_if_fail (GENU_IS_PATIENT (patient));
  g_return_if_fail (plan == NULL || GENU_IS_PLAN (plan));

  g_set_object (&self->patient, patient);
  g_clear_object (&self->plan);
  self->plan_from_template = FALSE;
  if (plan != NULL)
    self->plan = genu_plan_copy (plan);
  else
    self->plan = new_plan (self, patient);

  fill_form (self);
}

/**
 * genu_plan_page_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan as last loaded or saved, without the edits not
 *   saved yet. The screening dialog changes it in place.
 */
GenuPlan *
genu_plan_page_get_plan (GenuPlanPage *self)
{
  g_return_val_if_fail (GENU_IS_PLAN_PAGE (self), NULL);

  return self->plan;
}

gboolean
genu_plan_page_get_dirty (GenuPlanPage *self)
{
  g_return_val_if_fail (GENU_IS_PLAN_PAGE (self), FALSE);

  return self->dirty;
}

static void
focus_first_error (GenuPlanPage *self,
                   GPtrArray    *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *error = g_ptr_array_index (errors, i);
      GtkWidget *row = g_hash_table_lookup (self->fields, error->field);

      if (row != NULL)
        {
          gtk_widget_grab_focus (row);
          return;
        }
    }
}

/**
 * genu_plan_page_save:
 *
 * Saves the plan when every rule holds; otherwise nothing is written, each broken rule is shown
 * under its field (a goal's under that goal's row) and @error is %GENU_STORE_ERROR_INVALID.
 */
gboolean
genu_plan_page_save (GenuPlanPage  *self,
                     GError       **error)
{
  g_autoptr(GenuPlan) plan = NULL;
  g_autoptr(GPtrArray) errors = NULL;

  g_return_val_if_fail (GENU_IS_PLAN_PAGE (self), FALSE);
  g_return_val_if_fail (self->plan != NULL && self->store != NULL, FALSE);

  errors = check_form (self, &plan);
  self->show_errors = TRUE;
  show_errors (self, errors);

  if (errors->len > 0)
    {
      focus_first_error (self, errors);
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   ngettext ("One field needs attention before the plan can be saved.",
                             "%u fields need attention before the plan can be saved.",
                             errors->len),
                   errors->len);
      return FALSE;
    }

  if (!genu_store_save_plan (self->store, plan, error))
    return FALSE;

  g_set_object (&self->plan, plan);
  self->plan_from_template = FALSE;
  fill_form (self);
  return TRUE;
}

void
genu_plan_page_revert (GenuPlanPage *self)
{
  g_return_if_fail (GENU_IS_PLAN_PAGE (self));

  if (self->plan != NULL)
    fill_form (self);
}

/**
 * genu_plan_page_refresh_screening:
 *
 * Shows the IASTM screening of genu_plan_page_get_plan() again, after the screening dialog
 * changed it (and the window saved it). Edits not saved yet stay in the form.
 */
void
genu_plan_page_refresh_screening (GenuPlanPage *self)
{
  g_return_if_fail (GENU_IS_PLAN_PAGE (self));

  update_screening (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * genu_plan_page_get_field:
 *
 * Returns: (transfer none) (nullable): the row of a field: "start_date", "frequency_per_week",
 * "duration_weeks", "diagnosis_id" (the condition picked), "diagnosis_name", "diagnosis_icd10",
 * "contraindications" (the screening row), "closed" (the switch), "interventions" and "notes"
 * (text views), "goals[N]" (a goal's expander row), "goals[N].term", "goals[N].description",
 * "goals[N].target_date", "goals[N].status", "goals[N].remove" (its button), N from 0
 */
GtkWidget *
genu_plan_page_get_field (GenuPlanPage *self,
                          const char   *field)
{
  g_return_val_if_fail (GENU_IS_PLAN_PAGE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "closed"))
    return GTK_WIDGET (self->closed);
  if (g_str_equal (field, "interventions"))
    return GTK_WIDGET (self->interventions);
  if (g_str_equal (field, "notes"))
    return GTK_WIDGET (self->notes);

  for (guint i = 0; i < self->goal_rows->len; i++)
    {
      GoalRows *rows = g_ptr_array_index (self->goal_rows, i);
      g_autofree char *expander = g_strdup_printf ("goals[%u]", i);
      g_autofree char *remove = g_strdup_printf ("goals[%u].remove", i);

      if (g_str_equal (field, expander))
        return GTK_WIDGET (rows->expander);
      if (g_str_equal (field, remove))
        return rows->remove;
    }

  return g_hash_table_lookup (self->fields, field);
}

const char *
genu_plan_page_get_field_error (GenuPlanPage *self,
                                const char   *field)
{
  GtkWidget *row;

  g_return_val_if_fail (GENU_IS_PLAN_PAGE (self), NULL);

  row = g_hash_table_lookup (self->fields, field);
  return row != NULL ? genu_field_error_get (row) : NULL;
}

guint
genu_plan_page_get_n_goals (GenuPlanPage *self)
{
  g_return_val_if_fail (GENU_IS_PLAN_PAGE (self), 0);

  return self->goal_rows->len;
}
