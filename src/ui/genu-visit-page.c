/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-visit-page.h"
#include "genu-differential-view.h"
#include "genu-field-error.h"
#include "genu-form.h"
#include "genu-knee-diagram.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <glib/gi18n.h>

/* A visit: date, kind, therapist, SOAP notes, and for an initial evaluation or re-evaluation the
 * knee assessment, whose findings feed the differential beside the form as they are entered. A
 * signed visit is shown as it was signed; a correction is an amendment beside it. */

/* The three answers of a yes-no finding or a special test. */
typedef struct {
  const GenuFindingDef *def;
  GtkWidget            *row;
  GtkToggleButton      *present;
  GtkToggleButton      *absent;
  GtkToggleButton      *unset;
  GtkDropDown          *grade;    /* nullable */
} Answer;

struct _GenuVisitPage
{
  AdwBin                parent_instance;

  GenuStore            *store;
  GenuKnowledgeBase    *kb;
  GenuPatient          *patient;
  GenuVisit            *visit;       /* as last loaded or saved; id 0 for a new one */
  GenuFindings         *findings;    /* what the form shows now */
  GenuDiagnosis        *diagnosis;

  GHashTable           *fields;      /* field name -> row that shows its errors */
  GHashTable           *answers;     /* finding id -> Answer */
  GHashTable           *numbers;     /* finding id -> AdwEntryRow */
  GtkTextView          *soap[4];
  GPtrArray            *assessment_groups;
  AdwPreferencesGroup  *soap_group;
  AdwPreferencesGroup  *diagnosis_group;

  AdwPreferencesPage   *form_page;
  AdwPreferencesGroup  *signature_group;
  AdwActionRow         *signature_row;
  GtkImage             *signature_icon;
  GtkWidget            *sign_button;
  GtkWidget            *amend_button;
  AdwEntryRow          *amendment_reason;
  AdwPreferencesGroup  *visit_group;
  AdwPreferencesGroup  *assessment_group;
  AdwPreferencesGroup  *location_group;
  AdwEntryRow          *date;
  AdwComboRow          *kind;
  AdwEntryRow          *therapist;
  AdwComboRow          *side;
  AdwEntryRow          *duration_weeks;
  AdwEntryRow          *mechanism;
  AdwEntryRow          *aggravating;
  GenuKneeDiagram      *diagram;
  AdwFlap              *flap;
  GenuDifferentialView *differential;
  AdwComboRow          *diagnosis_pick;
  AdwEntryRow          *diagnosis_name;
  AdwEntryRow          *diagnosis_icd10;

  gboolean              dirty;
  gboolean              loading;
  gboolean              show_errors;
  gboolean              read_only;   /* a signed visit */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  PROP_TITLE,
  PROP_SUGGESTIONS_FOLDED,
  PROP_REVEAL_SUGGESTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GenuVisitText soap_fields[] = {
  GENU_VISIT_SUBJECTIVE, GENU_VISIT_OBJECTIVE, GENU_VISIT_ASSESSMENT, GENU_VISIT_PLAN,
};

/* Groups of the knowledge base shown as answer rows, in form order, with their titles. Pain
 * location is the diagram; age comes from the date of birth. */
static const struct {
  const char *group;
  const char *title;
} finding_groups[] = {
  { "history", N_("History") },
  { "pain", N_("Pain Scores (NPRS 0–10)") },
  { "range_of_motion", N_("Range of Motion") },
  { "examination", N_("Examination") },
  { "special_tests", N_("Special Tests") },
  { "red_flags", N_("Red-Flag Questions") },
};

static void genu_visit_page_form_init (GenuFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GenuVisitPage, genu_visit_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GENU_TYPE_FORM,
                                                      genu_visit_page_form_init))

static void
set_dirty (GenuVisitPage *self,
           gboolean       dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static GenuVisitKind
selected_kind (GenuVisitPage *self)
{
  return adw_combo_row_get_selected (self->kind);
}

/* The age at the visit, as the knowledge base's "age" finding, from the date of birth. */
static void
update_age (GenuVisitPage *self)
{
  GDate visit_date;
  int age = GENU_PATIENT_UNSET;

  if (self->patient != NULL)
    age = genu_parse_date (entry_text (self->date), &visit_date, NULL)
            ? genu_patient_get_age (self->patient, &visit_date)
            : genu_patient_get_age (self->patient, NULL);

  if (age == GENU_PATIENT_UNSET)
    genu_findings_clear (self->findings, "age");
  else
    genu_findings_set_number (self->findings, "age", age);
}

static void
update_diagnosis (GenuVisitPage *self)
{
  update_age (self);
  g_clear_object (&self->diagnosis);
  self->diagnosis = genu_diagnose (self->kb, self->findings);
  genu_differential_view_set_diagnosis (self->differential, self->diagnosis);
}

/* Reads a number typed into a finding's row. Returns the message to show, or NULL. */
static char *
read_number (GenuVisitPage *self,
             const char    *id,
             AdwEntryRow   *row)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (row)));
  const GenuFindingDef *def = genu_knowledge_base_lookup_finding (self->kb, id);
  double value;

  if (*text == '\0')
    {
      genu_findings_clear (self->findings, id);
      return NULL;
    }

  /* A decimal comma is as good as a point, whatever the locale. */
  if (!genu_parse_decimal (text, &value))
    {
      genu_findings_clear (self->findings, id);
      /* TRANSLATORS: %s is a finding, e.g. "NPRS now"; its range follows */
      return g_strdup_printf (_("Type %s as a number from %g to %g, or leave it empty."),
                              def->label, def->min, def->max);
    }

  {
    char *message = genu_knowledge_base_check_number (self->kb, id, value);

    if (message != NULL)
      genu_findings_clear (self->findings, id);
    else
      genu_findings_set_number (self->findings, id, value);
    return message;
  }
}

/* Reads the form into a copy of the loaded visit; numbers that cannot be read go to @errors. */
static GenuVisit *
read_form (GenuVisitPage *self,
           GPtrArray     *errors)
{
  GenuVisit *visit = genu_visit_copy (self->visit);
  GenuVisitKind kind = selected_kind (self);
  guint pick = adw_combo_row_get_selected (self->diagnosis_pick);
  const GenuConditionDef *condition = NULL;

  genu_visit_set_kind (visit, kind);
  genu_visit_set_text (visit, GENU_VISIT_DATE, entry_text (self->date));
  genu_visit_set_text (visit, GENU_VISIT_THERAPIST, entry_text (self->therapist));
  for (guint i = 0; i < G_N_ELEMENTS (soap_fields); i++)
    {
      g_autofree char *text = text_view_text (self->soap[i]);
      genu_visit_set_text (visit, soap_fields[i], text);
    }

  /* The first entry of the list is "None", the last "Other". */
  if (pick >= 1 && pick <= genu_knowledge_base_get_n_conditions (self->kb))
    condition = genu_knowledge_base_get_condition (self->kb, pick - 1);
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ID, condition ? condition->id : "");
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_NAME, entry_text (self->diagnosis_name));
  genu_visit_set_text (visit, GENU_VISIT_DIAGNOSIS_ICD10, entry_text (self->diagnosis_icd10));
  genu_visit_set_amendment_reason (visit, genu_visit_get_amends_id (visit) != 0
                                            ? entry_text (self->amendment_reason) : "");

  if (genu_visit_kind_has_assessment (kind))
    {
      g_autoptr(GenuAssessment) assessment = genu_assessment_new ();
      GenuFindings *findings = genu_assessment_get_findings (assessment);
      g_autofree char *weeks_text = g_strstrip (g_strdup (entry_text (self->duration_weeks)));
      g_auto(GStrv) ids = genu_findings_dup_ids (self->findings);
      gint64 weeks;

      genu_assessment_set_side (assessment, adw_combo_row_get_selected (self->side));
      genu_assessment_set_text (assessment, GENU_ASSESSMENT_MECHANISM, entry_text (self->mechanism));
      genu_assessment_set_text (assessment, GENU_ASSESSMENT_AGGRAVATING,
                                entry_text (self->aggravating));

      if (*weeks_text == '\0')
        genu_assessment_set_duration_weeks (assessment, -1);
      else if (g_ascii_string_to_signed (weeks_text, 10, G_MININT, G_MAXINT, &weeks, NULL))
        genu_assessment_set_duration_weeks (assessment, (int) weeks);
      else
        g_ptr_array_add (errors, genu_field_error_new ("duration_weeks",
          _("Type the number of weeks as a whole number, for example 6, or leave it empty.")));

      for (guint i = 0; ids[i] != NULL; i++)
        {
          double number;
          GenuFindingState state = genu_findings_get (self->findings, ids[i], &number);

          if (state == GENU_FINDING_NUMBER)
            genu_findings_set_number (findings, ids[i], number);
          else if (state != GENU_FINDING_NOT_TESTED)
            genu_findings_set_bool (findings, ids[i], state == GENU_FINDING_PRESENT);
          if (genu_findings_get_grade (self->findings, ids[i]) > 0)
            genu_findings_set_grade (findings, ids[i], genu_findings_get_grade (self->findings, ids[i]));
        }
      genu_visit_set_assessment (visit, assessment);
    }
  else
    {
      genu_visit_set_assessment (visit, NULL);
    }

  /* Numbers typed but not readable are not in the findings: report them by their field. */
  {
    GHashTableIter iter;
    gpointer id, row;

    g_hash_table_iter_init (&iter, self->numbers);
    while (g_hash_table_iter_next (&iter, &id, &row))
      {
        g_autofree char *message = read_number (self, id, row);

        if (message != NULL && genu_visit_kind_has_assessment (kind))
          g_ptr_array_add (errors, genu_field_error_new (id, message));
      }
  }

  return visit;
}

static GPtrArray *
check_form (GenuVisitPage  *self,
            GenuVisit     **out_visit)
{
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuVisit) visit = read_form (self, errors);
  g_autoptr(GPtrArray) rules = genu_visit_validate (visit, self->patient, self->kb, NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      GenuFieldError *rule = g_ptr_array_index (rules, i);

      if (genu_field_errors_lookup (errors, rule->field) == NULL)
        g_ptr_array_add (errors, genu_field_error_new (rule->field, rule->message));
    }

  if (genu_visit_get_amends_id (visit) != 0)
    {
      g_autofree char *reason = g_strstrip (g_strdup (genu_visit_get_amendment_reason (visit)));

      if (*reason == '\0')
        g_ptr_array_add (errors, genu_field_error_new ("amendment_reason",
          _("Type why the signed visit is amended; an amendment needs a reason.")));
    }

  if (out_visit != NULL)
    *out_visit = g_steal_pointer (&visit);
  return g_steal_pointer (&errors);
}

static void
show_errors (GenuVisitPage *self,
             GPtrArray     *errors)
{
  GHashTableIter iter;
  gpointer field, row;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &field, &row))
    genu_field_error_set (row, errors ? genu_field_errors_lookup (errors, field) : NULL);
}

static void
update_actions (GenuVisitPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loaded = self->visit != NULL;
  gboolean saved = loaded && genu_visit_get_id (self->visit) != 0;

  gtk_widget_action_set_enabled (widget, "visit.sign", saved && !self->read_only && !self->dirty);
  gtk_widget_action_set_enabled (widget, "visit.amend", loaded && self->read_only);
}

static void
form_changed (GenuVisitPage *self)
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
  update_actions (self);
}

static void
field_changed_cb (GenuVisitPage *self)
{
  form_changed (self);
}

static void
kind_changed_cb (GenuVisitPage *self)
{
  gboolean has_assessment = genu_visit_kind_has_assessment (selected_kind (self));

  for (guint i = 0; i < self->assessment_groups->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->assessment_groups, i), has_assessment);
  form_changed (self);
}

static void
date_changed_cb (GenuVisitPage *self)
{
  update_diagnosis (self);
  form_changed (self);
}

static void
answer_toggled_cb (GtkToggleButton *button,
                   GenuVisitPage   *self)
{
  Answer *answer = g_object_get_data (G_OBJECT (button), "answer");
  const char *id = answer->def->id;

  if (!gtk_toggle_button_get_active (button) || self->loading)
    return;

  if (button == answer->present)
    genu_findings_set_bool (self->findings, id, TRUE);
  else if (button == answer->absent)
    genu_findings_set_bool (self->findings, id, FALSE);
  else
    genu_findings_clear (self->findings, id);

  if (answer->grade != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (answer->grade), button == answer->present);
      if (button == answer->present && gtk_drop_down_get_selected (answer->grade) > 0)
        genu_findings_set_grade (self->findings, id, gtk_drop_down_get_selected (answer->grade));
    }

  update_diagnosis (self);
  form_changed (self);
}

static void
grade_changed_cb (GtkDropDown   *grade,
                  GParamSpec    *pspec,
                  GenuVisitPage *self)
{
  Answer *answer = g_object_get_data (G_OBJECT (grade), "answer");

  if (self->loading)
    return;

  if (gtk_toggle_button_get_active (answer->present))
    genu_findings_set_grade (self->findings, answer->def->id, gtk_drop_down_get_selected (grade));
  form_changed (self);
}

static void
number_changed_cb (AdwEntryRow   *row,
                   GenuVisitPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "finding");
  g_autofree char *message = NULL;

  if (self->loading)
    return;

  /* A number out of its range is said at once, while it is typed. */
  message = read_number (self, id, row);
  genu_field_error_set (GTK_WIDGET (row), message);
  update_diagnosis (self);
  form_changed (self);
}

/* Once a spot is marked, the spots left unmarked are pain-free; with none marked, the pain
 * location was not recorded. */
static void
update_location_findings (GenuVisitPage *self)
{
  const char * const *regions = genu_knee_diagram_get_region_ids ();
  gboolean any = FALSE;

  for (guint i = 0; regions[i] != NULL; i++)
    any |= genu_knee_diagram_get_region_active (self->diagram, regions[i]);

  for (guint i = 0; regions[i] != NULL; i++)
    if (any)
      genu_findings_set_bool (self->findings, regions[i],
                              genu_knee_diagram_get_region_active (self->diagram, regions[i]));
    else
      genu_findings_clear (self->findings, regions[i]);
}

static void
region_toggled_cb (GenuVisitPage *self)
{
  if (self->loading)
    return;

  update_location_findings (self);
  update_diagnosis (self);
  form_changed (self);
}

static void
diagnosis_picked_cb (GenuVisitPage *self)
{
  guint pick = adw_combo_row_get_selected (self->diagnosis_pick);
  const GenuConditionDef *condition;

  if (self->loading)
    return;

  /* Picking a condition fills its name and ICD-10 code; "None" and "Other" leave them to type. */
  if (pick >= 1 && pick <= genu_knowledge_base_get_n_conditions (self->kb))
    {
      condition = genu_knowledge_base_get_condition (self->kb, pick - 1);
      gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_name), condition->name);
      gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_icd10), condition->icd10);
    }
  form_changed (self);
}

static GtkToggleButton *
answer_button_new (Answer     *answer,
                   const char *label,
                   const char *accessible_label,
                   GtkBox     *box)
{
  GtkWidget *button = gtk_toggle_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_object_set_data (G_OBJECT (button), "answer", answer);
  gtk_box_append (box, button);
  return GTK_TOGGLE_BUTTON (button);
}

static void
add_answer_row (GenuVisitPage        *self,
                AdwPreferencesGroup  *group,
                const GenuFindingDef *def)
{
  Answer *answer = g_new0 (Answer, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *yes = NULL;
  g_autofree char *no = NULL;
  g_autofree char *unset = NULL;

  answer->def = def;
  answer->row = row;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), def->label);
  if (def->help != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), def->help);
  gtk_widget_add_css_class (box, "linked");

  /* TRANSLATORS: the accessible names of the answers of a finding, e.g. "McMurray test: positive" */
  yes = g_strdup_printf (def->is_test ? _("%s: positive") : _("%s: yes"), def->label);
  no = g_strdup_printf (def->is_test ? _("%s: negative") : _("%s: no"), def->label);
  unset = g_strdup_printf (def->is_test ? _("%s: not tested") : _("%s: not asked"), def->label);
  answer->present = answer_button_new (answer, def->is_test ? _("Pos") : _("Yes"), yes,
                                       GTK_BOX (box));
  answer->absent = answer_button_new (answer, def->is_test ? _("Neg") : _("No"), no,
                                      GTK_BOX (box));
  answer->unset = answer_button_new (answer, "–", unset, GTK_BOX (box));
  gtk_widget_set_tooltip_text (GTK_WIDGET (answer->unset),
                               def->is_test ? _("Not tested") : _("Not asked"));
  gtk_toggle_button_set_group (answer->absent, answer->present);
  gtk_toggle_button_set_group (answer->unset, answer->present);
  gtk_toggle_button_set_active (answer->unset, TRUE);

  if (def->max_grade > 0)
    {
      g_autoptr(GtkStringList) grades = gtk_string_list_new (NULL);
      g_autofree char *grade_label = g_strdup_printf (_("%s: grade"), def->label);

      gtk_string_list_append (grades, _("No grade"));
      for (int grade = 1; grade <= def->max_grade; grade++)
        {
          g_autofree char *text = g_strdup_printf (_("Grade %d"), grade);
          gtk_string_list_append (grades, text);
        }
      answer->grade = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&grades)),
                                                        NULL));
      gtk_widget_set_valign (GTK_WIDGET (answer->grade), GTK_ALIGN_CENTER);
      gtk_widget_set_margin_end (GTK_WIDGET (answer->grade), 6);
      gtk_widget_set_sensitive (GTK_WIDGET (answer->grade), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (answer->grade),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, grade_label,
                                      -1);
      /* Screen readers land on the drop-down's own button, which GTK 4.8 leaves unnamed. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (answer->grade));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_TOGGLE_BUTTON (child))
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, grade_label,
                                          -1);
      g_object_set_data (G_OBJECT (answer->grade), "answer", answer);
      g_signal_connect (answer->grade, "notify::selected", G_CALLBACK (grade_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (answer->grade));
    }

  g_signal_connect (answer->present, "toggled", G_CALLBACK (answer_toggled_cb), self);
  g_signal_connect (answer->absent, "toggled", G_CALLBACK (answer_toggled_cb), self);
  g_signal_connect (answer->unset, "toggled", G_CALLBACK (answer_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->answers, (gpointer) def->id, answer);
}

static void
add_number_row (GenuVisitPage        *self,
                AdwPreferencesGroup  *group,
                const GenuFindingDef *def)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = NULL;

  if (def->unit != NULL)
    /* TRANSLATORS: a numeric finding and its unit, e.g. "Knee flexion (deg)" */
    title = g_strdup_printf (_("%s (%s)"), def->label, def->unit);
  else
    title = g_strdup (def->label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_width_chars (GTK_EDITABLE (row), 6);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  g_object_set_data (G_OBJECT (row), "finding", (gpointer) def->id);
  g_signal_connect (row, "changed", G_CALLBACK (number_changed_cb), self);
  adw_preferences_group_add (group, row);
  genu_field_error_attach (row);
  g_hash_table_insert (self->numbers, (gpointer) def->id, row);
  g_hash_table_insert (self->fields, (gpointer) def->id, row);
}

static AdwPreferencesGroup *
add_group (GenuVisitPage *self,
           const char    *title,
           const char    *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  if (description != NULL)
    adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (self->form_page, group);
  return group;
}

/* The SOAP notes, under the visit's own fields. */
static void
build_soap_notes (GenuVisitPage *self)
{
  const char *titles[] = { N_("Subjective"), N_("Objective"), N_("Assessment"), N_("Plan") };
  AdwPreferencesGroup *group = add_group (self, _("Notes (SOAP)"), NULL);
  AdwPreferencesGroup **moved[] = { &self->assessment_group, &self->location_group };

  self->soap_group = group;
  for (guint i = 0; i < G_N_ELEMENTS (soap_fields); i++)
    {
      GtkWidget *label = gtk_label_new (_(titles[i]));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, i > 0 ? 12 : 0);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      g_object_set (view, "top-margin", 8, "bottom-margin", 8, "left-margin", 10,
                    "right-margin", 10, "height-request", 72, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(titles[i]),
                                      -1);
      gtk_widget_add_css_class (frame, "view");
      gtk_frame_set_child (GTK_FRAME (frame), view);
      adw_preferences_group_add (group, label);
      adw_preferences_group_add (group, frame);
      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                G_CALLBACK (field_changed_cb), self);
      self->soap[i] = GTK_TEXT_VIEW (view);
    }

  /* Right after the visit's date, kind and therapist: the groups of the template move after it.
   * Removing a group drops the page's reference, so hold one meanwhile. */
  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      g_object_ref (*moved[i]);
      adw_preferences_page_remove (self->form_page, *moved[i]);
      adw_preferences_page_add (self->form_page, *moved[i]);
      g_object_unref (*moved[i]);
    }
}

/* One group of answer rows per group of the knowledge base, then the working diagnosis. */
static void
build_findings (GenuVisitPage *self)
{
  g_autoptr(GtkStringList) conditions = gtk_string_list_new (NULL);
  AdwPreferencesGroup *group;

  g_ptr_array_add (self->assessment_groups, self->assessment_group);
  g_ptr_array_add (self->assessment_groups, self->location_group);

  for (guint g = 0; g < G_N_ELEMENTS (finding_groups); g++)
    {
      group = add_group (self, _(finding_groups[g].title), NULL);
      g_ptr_array_add (self->assessment_groups, group);

      for (guint i = 0; i < genu_knowledge_base_get_n_findings (self->kb); i++)
        {
          const GenuFindingDef *def = genu_knowledge_base_get_finding (self->kb, i);

          if (!g_str_equal (def->group, finding_groups[g].group) || g_str_equal (def->id, "age"))
            continue;
          if (def->type == GENU_FINDING_TYPE_NUMBER)
            add_number_row (self, group, def);
          else
            add_answer_row (self, group, def);
        }
    }

  group = add_group (self, _("Working Diagnosis"),
                     _("The therapist’s own judgement. The suggestions beside the form are "
                       "decision support, not a diagnosis."));
  self->diagnosis_group = group;
  gtk_string_list_append (conditions, _("None yet"));
  for (guint i = 0; i < genu_knowledge_base_get_n_conditions (self->kb); i++)
    gtk_string_list_append (conditions, genu_knowledge_base_get_condition (self->kb, i)->name);
  gtk_string_list_append (conditions, _("Other (type it below)"));

  self->diagnosis_pick = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->diagnosis_pick),
                                 _("Working diagnosis"));
  adw_combo_row_set_model (self->diagnosis_pick, G_LIST_MODEL (conditions));
  g_signal_connect_swapped (self->diagnosis_pick, "notify::selected",
                            G_CALLBACK (diagnosis_picked_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->diagnosis_pick));

  self->diagnosis_name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->diagnosis_name), _("Diagnosis"));
  self->diagnosis_icd10 = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->diagnosis_icd10), _("ICD-10 code"));
  adw_preferences_group_add (group, GTK_WIDGET (self->diagnosis_name));
  adw_preferences_group_add (group, GTK_WIDGET (self->diagnosis_icd10));
  genu_field_error_attach (GTK_WIDGET (self->diagnosis_pick));
  genu_field_error_attach (GTK_WIDGET (self->diagnosis_name));
  genu_field_error_attach (GTK_WIDGET (self->diagnosis_icd10));
  g_hash_table_insert (self->fields, (gpointer) "diagnosis", self->diagnosis_pick);
  g_hash_table_insert (self->fields, (gpointer) "diagnosis_name", self->diagnosis_name);
  g_hash_table_insert (self->fields, (gpointer) "diagnosis_icd10", self->diagnosis_icd10);
  g_signal_connect_swapped (self->diagnosis_name, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->diagnosis_icd10, "changed", G_CALLBACK (field_changed_cb), self);
}

/* "2026-03-03" from an ISO 8601 date and time, in the local time zone. */
static char *
format_signed_on (const char *signed_at)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (signed_at, local);
  g_autoptr(GDateTime) here = NULL;

  if (when == NULL)
    return g_strndup (signed_at, 10);
  here = g_date_time_to_local (when);
  return g_date_time_format (here, "%Y-%m-%d");
}

static void
update_signature (GenuVisitPage *self)
{
  GenuVisit *visit = self->visit;
  gboolean saved = genu_visit_get_id (visit) != 0;
  gboolean amendment = genu_visit_get_amends_id (visit) != 0;
  gboolean is_signed = genu_visit_is_signed (visit);
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self->signature_row);

  gtk_widget_set_visible (GTK_WIDGET (self->signature_group), saved || amendment);
  gtk_widget_set_visible (GTK_WIDGET (self->amendment_reason), amendment);
  gtk_widget_set_visible (self->sign_button, saved && !is_signed);
  gtk_widget_set_visible (self->amend_button, is_signed);

  if (is_signed)
    {
      g_autofree char *when = format_signed_on (genu_visit_get_signed_at (visit));
      /* TRANSLATORS: "Signed by Tom Therapist on 2026-03-03 — amend to correct it" */
      g_autofree char *title = g_strdup_printf (_("Signed by %s on %s — amend to correct it"),
                                                genu_visit_get_signed_by (visit), when);

      adw_preferences_row_set_title (row, title);
      adw_action_row_set_subtitle (self->signature_row,
                                   _("A signed visit can no longer be changed. An amendment is "
                                     "saved beside it, with its reason."));
      gtk_image_set_from_icon_name (self->signature_icon, "emblem-ok-symbolic");
    }
  else if (!saved)
    {
      adw_preferences_row_set_title (row, _("Amendment of a signed visit"));
      adw_action_row_set_subtitle (self->signature_row,
                                   _("Correct what needs correcting and say why. The signed "
                                     "visit stays as it was."));
      gtk_image_set_from_icon_name (self->signature_icon, "document-edit-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (row, _("Not signed"));
      adw_action_row_set_subtitle (self->signature_row,
                                   _("Sign the visit once it is complete. A signed visit can no "
                                     "longer be changed, only amended."));
      gtk_image_set_from_icon_name (self->signature_icon, "document-edit-symbolic");
    }
}

/* Returns whether the focus was in the page and had to go: a text entry that turns insensitive
 * while it has the focus never gets its focus-out event. */
static gboolean
release_focus (GenuVisitPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return FALSE;
  gtk_root_set_focus (root, NULL);
  return TRUE;
}

/* Every group of the form but the signature's follows the visit's signature: a signed visit is
 * read, not edited. The differential beside the form stays as it is. Returns whether the focus
 * had to leave the form. */
static gboolean
update_read_only (GenuVisitPage *self)
{
  gboolean read_only = genu_visit_is_signed (self->visit);
  gboolean released = read_only && release_focus (self);
  GtkWidget *groups[] = {
    GTK_WIDGET (self->visit_group), GTK_WIDGET (self->soap_group),
    GTK_WIDGET (self->diagnosis_group), GTK_WIDGET (self->amendment_reason),
  };

  self->read_only = read_only;
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], !read_only);
  for (guint i = 0; i < self->assessment_groups->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->assessment_groups, i), !read_only);
  return released;
}

static void
fill_form (GenuVisitPage *self)
{
  GenuVisit *visit = self->visit;
  GenuAssessment *assessment = genu_visit_get_assessment (visit);
  const char *diagnosis_id = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ID);
  const char *diagnosis_name = genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_NAME);
  const char * const *regions = genu_knee_diagram_get_region_ids ();
  guint n_conditions = genu_knowledge_base_get_n_conditions (self->kb);
  guint pick = *diagnosis_name != '\0' ? n_conditions + 1 : 0;
  GHashTableIter iter;
  gpointer key, value;
  gboolean focus_released;

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->date), genu_visit_get_text (visit, GENU_VISIT_DATE));
  adw_combo_row_set_selected (self->kind, genu_visit_get_kind (visit));
  gtk_editable_set_text (GTK_EDITABLE (self->therapist),
                         genu_visit_get_text (visit, GENU_VISIT_THERAPIST));
  for (guint i = 0; i < G_N_ELEMENTS (soap_fields); i++)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->soap[i]),
                              genu_visit_get_text (visit, soap_fields[i]), -1);

  for (guint i = 0; i < n_conditions; i++)
    if (g_str_equal (genu_knowledge_base_get_condition (self->kb, i)->id, diagnosis_id))
      pick = i + 1;
  adw_combo_row_set_selected (self->diagnosis_pick, pick);
  gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_name), diagnosis_name);
  gtk_editable_set_text (GTK_EDITABLE (self->diagnosis_icd10),
                         genu_visit_get_text (visit, GENU_VISIT_DIAGNOSIS_ICD10));
  gtk_editable_set_text (GTK_EDITABLE (self->amendment_reason),
                         genu_visit_get_amendment_reason (visit));

  g_clear_object (&self->findings);
  if (assessment != NULL)
    {
      int weeks = genu_assessment_get_duration_weeks (assessment);
      g_autofree char *weeks_text = weeks >= 0 ? g_strdup_printf ("%d", weeks) : g_strdup ("");

      self->findings = genu_findings_copy (genu_assessment_get_findings (assessment));
      adw_combo_row_set_selected (self->side, genu_assessment_get_side (assessment));
      gtk_editable_set_text (GTK_EDITABLE (self->duration_weeks), weeks_text);
      gtk_editable_set_text (GTK_EDITABLE (self->mechanism),
                             genu_assessment_get_text (assessment, GENU_ASSESSMENT_MECHANISM));
      gtk_editable_set_text (GTK_EDITABLE (self->aggravating),
                             genu_assessment_get_text (assessment, GENU_ASSESSMENT_AGGRAVATING));
    }
  else
    {
      self->findings = genu_findings_new ();
      adw_combo_row_set_selected (self->side, GENU_SIDE_UNKNOWN);
      gtk_editable_set_text (GTK_EDITABLE (self->duration_weeks), "");
      gtk_editable_set_text (GTK_EDITABLE (self->mechanism), "");
      gtk_editable_set_text (GTK_EDITABLE (self->aggravating), "");
    }

  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Answer *answer = value;
      GenuFindingState state = genu_findings_get (self->findings, key, NULL);
      int grade = genu_findings_get_grade (self->findings, key);

      gtk_toggle_button_set_active (state == GENU_FINDING_PRESENT ? answer->present :
                                    state == GENU_FINDING_ABSENT ? answer->absent :
                                    answer->unset, TRUE);
      if (answer->grade != NULL)
        {
          gtk_drop_down_set_selected (answer->grade, grade);
          gtk_widget_set_sensitive (GTK_WIDGET (answer->grade), state == GENU_FINDING_PRESENT);
        }
    }

  g_hash_table_iter_init (&iter, self->numbers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double number;
      g_autofree char *text = NULL;

      if (genu_findings_get (self->findings, key, &number) == GENU_FINDING_NUMBER)
        /* In the locale's own way of writing numbers; read back by genu_parse_decimal(). */
        text = g_strdup_printf ("%g", number);
      gtk_editable_set_text (GTK_EDITABLE (value), text ? text : "");
    }

  for (guint i = 0; regions[i] != NULL; i++)
    genu_knee_diagram_set_region_active (self->diagram, regions[i],
                                         genu_findings_get (self->findings, regions[i], NULL)
                                           == GENU_FINDING_PRESENT);

  self->loading = FALSE;
  kind_changed_cb (self);
  focus_released = update_read_only (self);
  update_signature (self);
  self->show_errors = FALSE;
  show_errors (self, NULL);
  set_dirty (self, FALSE);
  update_diagnosis (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  /* Signed just now: the next thing to do with it is to amend it, if anything. */
  if (focus_released)
    gtk_widget_grab_focus (self->amend_button);
}

static char *
dup_title (GenuVisitPage *self)
{
  g_autofree char *date = NULL;

  if (self->visit == NULL)
    return NULL;

  date = genu_format_date (entry_text (self->date));
  if (genu_visit_get_id (self->visit) == 0 && genu_visit_get_amends_id (self->visit) != 0)
    /* TRANSLATORS: the title of an amendment being written, with the visit's date */
    return g_strdup_printf (_("Amendment, %s"), date);
  /* TRANSLATORS: the title of a visit: its kind and date, e.g. "Initial evaluation, 25 Nov 2026" */
  return g_strdup_printf (_("%s, %s"), genu_visit_kind_label (selected_kind (self)), date);
}

static void
flap_changed_cb (GenuVisitPage *self,
                 GParamSpec    *pspec)
{
  if (g_str_equal (pspec->name, "folded"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTIONS_FOLDED]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEAL_SUGGESTIONS]);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGN_REQUESTED], 0);
}

static void
amend_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GenuVisitPage *self = GENU_VISIT_PAGE (widget);
  g_autoptr(GenuVisit) amendment = NULL;

  if (self->visit == NULL || !genu_visit_is_signed (self->visit))
    return;

  amendment = genu_visit_copy (self->visit);
  genu_visit_set_id (amendment, 0);
  genu_visit_set_amends_id (amendment, genu_visit_get_id (self->visit));
  genu_visit_set_signature (amendment, NULL, NULL);
  genu_visit_set_amendment_reason (amendment, "");
  genu_visit_set_timestamps (amendment, NULL, NULL);
  g_set_object (&self->visit, amendment);
  fill_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amendment_reason));
}

static void
genu_visit_page_dispose (GObject *object)
{
  /* The flap is AdwBin's child: let AdwBin drop it before the template's references go. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  GENU_VISIT_PAGE (object)->flap = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_VISIT_PAGE);

  G_OBJECT_CLASS (genu_visit_page_parent_class)->dispose (object);
}

static void
genu_visit_page_finalize (GObject *object)
{
  GenuVisitPage *self = GENU_VISIT_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->visit);
  g_clear_object (&self->findings);
  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->numbers, g_hash_table_unref);
  g_clear_pointer (&self->assessment_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (genu_visit_page_parent_class)->finalize (object);
}

static void
genu_visit_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GenuVisitPage *self = GENU_VISIT_PAGE (object);

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
    case PROP_SUGGESTIONS_FOLDED:
      g_value_set_boolean (value, adw_flap_get_folded (self->flap));
      break;
    case PROP_REVEAL_SUGGESTIONS:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_visit_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GenuVisitPage *self = GENU_VISIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_REVEAL_SUGGESTIONS:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
form_get_dirty (GenuForm *form)
{
  return genu_visit_page_get_dirty (GENU_VISIT_PAGE (form));
}

static gboolean
form_is_new (GenuForm *form)
{
  return genu_visit_get_id (GENU_VISIT_PAGE (form)->visit) == 0;
}

static gboolean
form_save (GenuForm  *form,
           GError   **error)
{
  return genu_visit_page_save (GENU_VISIT_PAGE (form), error);
}

static void
form_revert (GenuForm *form)
{
  genu_visit_page_revert (GENU_VISIT_PAGE (form));
}

static const char *
form_get_saved_message (GenuForm *form)
{
  GenuVisitPage *self = GENU_VISIT_PAGE (form);

  if (self->visit != NULL && genu_visit_get_amends_id (self->visit) != 0)
    return _("Amendment saved");
  return _("Visit saved");
}

static void
genu_visit_page_form_init (GenuFormInterface *iface)
{
  iface->get_dirty = form_get_dirty;
  iface->is_new = form_is_new;
  iface->save = form_save;
  iface->revert = form_revert;
  iface->get_saved_message = form_get_saved_message;
}

static void
genu_visit_page_class_init (GenuVisitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_visit_page_dispose;
  object_class->finalize = genu_visit_page_finalize;
  object_class->get_property = genu_visit_page_get_property;
  object_class->set_property = genu_visit_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* In a narrow window the suggested causes fold away over the form; the window offers a button
   * that reveals them. */
  properties[PROP_SUGGESTIONS_FOLDED] =
    g_param_spec_boolean ("suggestions-folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEAL_SUGGESTIONS] =
    g_param_spec_boolean ("reveal-suggestions", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "visit.sign" was activated: the window asks who signs, then calls genu_visit_page_sign(). */
  signals[SIGN_REQUESTED] =
    g_signal_new ("sign-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GENU_TYPE_KNEE_DIAGRAM);
  g_type_ensure (GENU_TYPE_DIFFERENTIAL_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/genu-visit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, form_page);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, signature_group);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, signature_row);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, signature_icon);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, amend_button);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, amendment_reason);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, visit_group);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, assessment_group);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, location_group);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, date);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, kind);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, therapist);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, side);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, duration_weeks);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, mechanism);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, aggravating);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, diagram);
  gtk_widget_class_bind_template_child (widget_class, GenuVisitPage, differential);
  gtk_widget_class_bind_template_child_full (widget_class, "flap", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "visit.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "visit.amend", NULL, amend_action);
}

static void
genu_visit_page_init (GenuVisitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kb = genu_knowledge_base_get_default ();
  self->findings = genu_findings_new ();
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->numbers = g_hash_table_new (g_str_hash, g_str_equal);
  self->assessment_groups = g_ptr_array_new ();

  build_soap_notes (self);
  build_findings (self);

  /* The rows whose rules can break, by the field names of genu_visit_validate(). */
  g_hash_table_insert (self->fields, (gpointer) "date", self->date);
  g_hash_table_insert (self->fields, (gpointer) "therapist", self->therapist);
  g_hash_table_insert (self->fields, (gpointer) "duration_weeks", self->duration_weeks);
  g_hash_table_insert (self->fields, (gpointer) "kind", self->kind);
  g_hash_table_insert (self->fields, (gpointer) "amendment_reason", self->amendment_reason);
  genu_field_error_attach (GTK_WIDGET (self->date));
  genu_field_error_attach (GTK_WIDGET (self->therapist));
  genu_field_error_attach (GTK_WIDGET (self->duration_weeks));
  genu_field_error_attach (GTK_WIDGET (self->kind));
  genu_field_error_attach (GTK_WIDGET (self->amendment_reason));

  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (date_changed_cb), self);
  g_signal_connect_swapped (self->therapist, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->amendment_reason, "changed", G_CALLBACK (field_changed_cb),
                            self);
  g_signal_connect_swapped (self->kind, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->side, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->duration_weeks, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->mechanism, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->aggravating, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->diagram, "region-toggled", G_CALLBACK (region_toggled_cb), self);
  self->flap = ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (flap_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (flap_changed_cb), self);

  update_actions (self);
}

/**
 * genu_visit_page_load:
 * @patient: whose visit it is
 * @visit: (nullable): the visit to edit; %NULL starts a new one dated today
 *
 * Shows @visit in the form, dropping unsaved edits (the caller asks first).
 */
void
genu_visit_page_load (GenuVisitPage *self,
                      GenuPatient   *patient,
                      GenuVisit     *visit)
{
  g_return_if_fail (GENU_IS_VISIT_PAGE (self));
  g_return_if_fail (GENU_IS_PATIENT (patient));

  g_set_object (&self->patient, patient);
  g_clear_object (&self->visit);
  if (visit != NULL)
    {
      self->visit = genu_visit_copy (visit);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      g_autoptr(GPtrArray) earlier = NULL;

      self->visit = genu_visit_new ();
      genu_visit_set_patient_id (self->visit, genu_patient_get_id (patient));
      genu_visit_set_text (self->visit, GENU_VISIT_DATE, today);
      /* The first visit is the initial evaluation; later ones are usually follow-ups. */
      if (self->store != NULL)
        earlier = genu_store_list_visits (self->store, genu_patient_get_id (patient), NULL);
      genu_visit_set_kind (self->visit, earlier != NULL && earlier->len > 0
                                          ? GENU_VISIT_FOLLOW_UP
                                          : GENU_VISIT_INITIAL_EVALUATION);
    }

  fill_form (self);
}

GenuVisit *
genu_visit_page_get_visit (GenuVisitPage *self)
{
  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), NULL);

  return self->visit;
}

gboolean
genu_visit_page_get_suggestions_folded (GenuVisitPage *self)
{
  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), FALSE);

  return adw_flap_get_folded (self->flap);
}

gboolean
genu_visit_page_get_dirty (GenuVisitPage *self)
{
  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), FALSE);

  return self->dirty;
}

gboolean
genu_visit_page_get_read_only (GenuVisitPage *self)
{
  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), FALSE);

  return self->read_only;
}

GenuDiagnosis *
genu_visit_page_get_diagnosis (GenuVisitPage *self)
{
  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), NULL);

  return self->diagnosis;
}

static void
focus_first_error (GenuVisitPage *self,
                   GPtrArray     *errors)
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
 * genu_visit_page_save:
 *
 * Saves the visit when every rule holds; otherwise nothing is written, each broken rule is shown
 * under its field and @error is %GENU_STORE_ERROR_INVALID. An amendment (see "visit.amend") is
 * saved through genu_store_amend_visit(), and needs its reason. A signed visit is refused with
 * %GENU_STORE_ERROR_SIGNED.
 */
gboolean
genu_visit_page_save (GenuVisitPage  *self,
                      GError        **error)
{
  g_autoptr(GenuVisit) visit = NULL;
  g_autoptr(GenuVisit) stored = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gint64 original_id;
  gboolean saved;

  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), FALSE);
  g_return_val_if_fail (self->visit != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                           _("This visit is signed: amend it to correct it."));
      return FALSE;
    }

  update_age (self);
  errors = check_form (self, &visit);
  self->show_errors = TRUE;
  show_errors (self, errors);

  if (errors->len > 0)
    {
      focus_first_error (self, errors);
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   ngettext ("One field needs attention before the visit can be saved.",
                             "%u fields need attention before the visit can be saved.",
                             errors->len),
                   errors->len);
      return FALSE;
    }

  original_id = genu_visit_get_amends_id (visit);
  if (original_id != 0 && genu_visit_get_id (visit) == 0)
    saved = genu_store_amend_visit (self->store, original_id, visit,
                                    genu_visit_get_amendment_reason (visit), error);
  else
    saved = genu_store_save_visit (self->store, visit, error);
  if (!saved)
    return FALSE;

  /* As the store has it now: ids, timestamps, signature and amendment. */
  stored = genu_store_get_visit (self->store, genu_visit_get_id (visit), NULL);
  g_set_object (&self->visit, (stored != NULL ? stored : visit));
  fill_form (self);
  return TRUE;
}

void
genu_visit_page_revert (GenuVisitPage *self)
{
  g_return_if_fail (GENU_IS_VISIT_PAGE (self));

  if (self->visit != NULL)
    fill_form (self);
}

/**
 * genu_visit_page_get_field:
 *
 * Returns: (transfer none) (nullable): the row of a field: "date", "therapist", "kind",
 * "duration_weeks", "diagnosis", "diagnosis_name", "diagnosis_icd10", "amendment_reason", or a
 * finding id (its answer row or number row)
 */
GtkWidget *
genu_visit_page_get_field (GenuVisitPage *self,
                           const char    *field)
{
  Answer *answer;

  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), NULL);

  answer = g_hash_table_lookup (self->answers, field);
  if (answer != NULL)
    return answer->row;
  return g_hash_table_lookup (self->fields, field);
}

const char *
genu_visit_page_get_field_error (GenuVisitPage *self,
                                 const char    *field)
{
  GtkWidget *row;

  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), NULL);

  row = g_hash_table_lookup (self->fields, field);
  return row != NULL ? genu_field_error_get (row) : NULL;
}

/**
 * genu_visit_page_get_finding_button:
 * @state: %GENU_FINDING_PRESENT, %GENU_FINDING_ABSENT or %GENU_FINDING_NOT_TESTED
 *
 * Returns: (transfer none) (nullable): the toggle button of that answer of a yes-no finding
 */
GtkWidget *
genu_visit_page_get_finding_button (GenuVisitPage    *self,
                                    const char       *finding,
                                    GenuFindingState  state)
{
  Answer *answer;

  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), NULL);

  answer = g_hash_table_lookup (self->answers, finding);
  if (answer == NULL)
    return NULL;

  switch (state)
    {
    case GENU_FINDING_PRESENT:
      return GTK_WIDGET (answer->present);
    case GENU_FINDING_ABSENT:
      return GTK_WIDGET (answer->absent);
    case GENU_FINDING_NOT_TESTED:
      return GTK_WIDGET (answer->unset);
    case GENU_FINDING_NUMBER:
    default:
      return NULL;
    }
}

/**
 * genu_visit_page_sign:
 * @signed_by: the name of the therapist who signs
 *
 * Signs the saved visit, which must have no unsaved changes, and shows it signed: read-only,
 * to be amended if anything is to be corrected.
 */
gboolean
genu_visit_page_sign (GenuVisitPage  *self,
                      const char     *signed_by,
                      GError        **error)
{
  g_autoptr(GenuVisit) stored = NULL;
  gint64 id;

  g_return_val_if_fail (GENU_IS_VISIT_PAGE (self), FALSE);
  g_return_val_if_fail (self->visit != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (signed_by != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = genu_visit_get_id (self->visit);
  if (id == 0 || self->dirty)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("Save the visit before signing it."));
      return FALSE;
    }

  if (!genu_store_sign_visit (self->store, id, signed_by, error))
    return FALSE;

  stored = genu_store_get_visit (self->store, id, error);
  if (stored == NULL)
    return FALSE;
  g_set_object (&self->visit, stored);
  fill_form (self);
  return TRUE;
}
