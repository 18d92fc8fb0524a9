/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient-page.h"
#include "genu-distance.h"
#include "genu-field-error.h"
#include "genu-progress-chart.h"
#include "genu-record-row.h"
#include "genu-validation.h"

#include <glib/gi18n.h>

/* The form of one patient record: every field of GenuPatient, with the message of a broken rule
 * shown right under the field that breaks it. */
struct _GenuPatientPage
{
  AdwBin        parent_instance;

  GenuStore    *store;
  GenuPatient  *patient;      /* the record as last loaded or saved; id 0 for a new one */

  GHashTable   *entries;      /* field (column name) -> AdwEntryRow */
  GSettings    *settings;
  GenuDistanceUnit distance_unit;
  char         *distance_text; /* the weekly distance as loaded, in distance_unit */

  AdwComboRow  *sex;
  GtkTextView  *notes;
  GtkWidget    *archive_group;
  GtkWidget    *history_button;
  AdwPreferencesGroup *visits_group;
  AdwPreferencesGroup *plans_group;
  AdwPreferencesGroup *sessions_group;
  AdwPreferencesGroup *progress_group;
  GenuProgressChart   *chart;
  GPtrArray    *record_rows;  /* the rows of the four groups above */
  gboolean      has_sessions;
  GtkButton    *archive_button;

  gboolean      dirty;
  gboolean      loading;
  gboolean      show_errors;  /* after a refused save, errors follow every keystroke */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fields typed into an AdwEntryRow whose template id is the field's column name. */
static const char * const entry_fields[] = {
  "family_name", "given_names", "date_of_birth", "record_number",
  "phone", "email", "address", "referring_physician",
  "weekly_distance_km", "years_running", "goal_event", "usual_surface", "shoes",
  "training_changes",
};

G_DEFINE_FINAL_TYPE (GenuPatientPage, genu_patient_page, ADW_TYPE_BIN)

static void
set_dirty (GenuPatientPage *self,
           gboolean         dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static const char *
entry_text (GenuPatientPage *self,
            const char      *field)
{
  return gtk_editable_get_text (g_hash_table_lookup (self->entries, field));
}

static char *
notes_text (GenuPatientPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The weekly distance is typed and shown in the unit of the settings, and stored in km. */
static AdwEntryRow *
distance_row (GenuPatientPage *self)
{
  return g_hash_table_lookup (self->entries, "weekly_distance_km");
}

static void
show_distance (GenuPatientPage *self)
{
  double km = genu_patient_get_weekly_distance_km (self->patient);

  g_free (self->distance_text);
  self->distance_text = km != GENU_PATIENT_UNSET
                        ? genu_distance_format_value (km, self->distance_unit) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (distance_row (self)), self->distance_text);
}

static gboolean
read_distance (GenuPatientPage  *self,
               double           *km,
               GError          **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (distance_row (self)));

  /* Untouched since it was loaded: the stored figure, not the one rounded for display. */
  if (g_strcmp0 (text, self->distance_text) == 0)
    {
      *km = genu_patient_get_weekly_distance_km (self->patient);
      return TRUE;
    }

  return genu_distance_parse_weekly (text, self->distance_unit, km, error);
}

/* Reads the form into a copy of the loaded record. Numbers that cannot be read are reported in
 * @errors, by their field. */
static GenuPatient *
read_form (GenuPatientPage *self,
           GPtrArray       *errors)
{
  GenuPatient *patient = genu_patient_copy (self->patient);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = notes_text (self);
  double km;
  int years;

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      const char *field = genu_patient_text_column (i);

      if (g_hash_table_contains (self->entries, field))
        genu_patient_set_text (patient, i, entry_text (self, field));
    }
  genu_patient_set_text (patient, GENU_PATIENT_NOTES, notes);
  genu_patient_set_sex (patient, adw_combo_row_get_selected (self->sex));

  if (read_distance (self, &km, &error))
    genu_patient_set_weekly_distance_km (patient, km);
  else
    g_ptr_array_add (errors, genu_field_error_new ("weekly_distance_km", error->message));
  g_clear_error (&error);

  if (genu_parse_years_running (entry_text (self, "years_running"), &years, &error))
    genu_patient_set_years_running (patient, years);
  else
    g_ptr_array_add (errors, genu_field_error_new ("years_running", error->message));

  return patient;
}

/* All the broken rules of the form as it stands, in the order of the form. */
static GPtrArray *
check_form (GenuPatientPage  *self,
            GenuPatient     **out_patient)
{
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuPatient) patient = read_form (self, errors);
  g_autoptr(GPtrArray) rules = genu_patient_validate (patient, NULL);

  /* A number that could not be read has that message already; the range rule would only
   * repeat it less helpfully. */
  for (guint i = 0; i < rules->len; i++)
    {
      GenuFieldError *rule = g_ptr_array_index (rules, i);

      if (genu_field_errors_lookup (errors, rule->field) == NULL)
        g_ptr_array_add (errors, genu_field_error_new (rule->field, rule->message));
    }

  if (out_patient != NULL)
    *out_patient = g_steal_pointer (&patient);
  return g_steal_pointer (&errors);
}

static void
show_field_error (GenuPatientPage *self,
                  const char      *field,
                  const char      *message)
{
  genu_field_error_set (g_hash_table_lookup (self->entries, field), message);
}

static void
show_errors (GenuPatientPage *self,
             GPtrArray       *errors)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    show_field_error (self, entry_fields[i],
                      errors ? genu_field_errors_lookup (errors, entry_fields[i]) : NULL);
}

static void
refresh_errors (GenuPatientPage *self)
{
  if (self->show_errors)
    {
      g_autoptr(GPtrArray) errors = check_form (self, NULL);
      show_errors (self, errors);
    }
}

static void
field_changed_cb (GenuPatientPage *self)
{
  if (self->loading)
    return;

  set_dirty (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  refresh_errors (self);
}

/* Applied at once: an untouched distance is shown again in the new unit, a typed one is
 * converted (and stays an unsaved edit). */
static void
distance_unit_changed_cb (GenuPatientPage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "distance-unit");
  GenuDistanceUnit unit = genu_distance_unit_from_name (name);
  AdwEntryRow *row = distance_row (self);
  gboolean edited = g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), self->distance_text) != 0;
  double km = GENU_PATIENT_UNSET;
  gboolean readable = self->patient != NULL && read_distance (self, &km, NULL);

  self->distance_unit = unit;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 unit == GENU_DISTANCE_MILES ? _("Weekly distance (miles)")
                                                             : _("Weekly distance (km)"));
  if (self->patient == NULL)
    return;

  self->loading = TRUE;
  if (!edited)
    {
      show_distance (self);
    }
  else if (readable && km != GENU_PATIENT_UNSET)
    {
      g_autofree char *text = genu_distance_format_value (km, unit);

      gtk_editable_set_text (GTK_EDITABLE (row), text);
    }
  self->loading = FALSE;
  refresh_errors (self);
}

static void
record_row_activated_cb (GtkListBoxRow   *row,
                         GenuPatientPage *self)
{
  g_signal_emit (self, signals[RECORD_ACTIVATED], 0,
                 genu_record_row_get_page (GTK_WIDGET (row)),
                 genu_record_row_get_id (GTK_WIDGET (row)));
}

static void
add_record_row (GenuPatientPage     *self,
                AdwPreferencesGroup *group,
                GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "group", group);
  if (genu_record_row_get_page (row) != NULL)
    g_signal_connect (row, "activated", G_CALLBACK (record_row_activated_cb), self);
  g_ptr_array_add (self->record_rows, row);
  adw_preferences_group_add (group, row);
}

/* The rows of one list, or a row that says it is empty. */
static void
fill_group (GenuPatientPage     *self,
            AdwPreferencesGroup *group,
            GPtrArray           *records,
            const char          *empty)
{
  if (records == NULL || records->len == 0)
    {
      add_record_row (self, group, genu_record_row_new_empty (empty));
      return;
    }
  for (guint i = 0; i < records->len; i++)
    add_record_row (self, group, genu_record_row_new (g_ptr_array_index (records, i)));
}

/* Pain before and after each session, and every LEFS score, over time. */
static void
fill_chart (GenuPatientPage *self,
            GPtrArray       *sessions,
            GPtrArray       *outcomes)
{
  genu_progress_chart_clear (self->chart);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      GenuSession *session = g_ptr_array_index (sessions, i);

      genu_progress_chart_add_pain (self->chart, genu_session_get_text (session, GENU_SESSION_DATE),
                                    genu_session_get_pain_before (session),
                                    genu_session_get_pain_after (session));
    }
  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      GenuOutcome *outcome = g_ptr_array_index (outcomes, i);
      double score;

      if (genu_outcome_get_score (outcome, &score))
        genu_progress_chart_add_lefs (self->chart, genu_outcome_get_date (outcome), score);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chart),
                          (sessions != NULL && sessions->len > 0) ||
                          (outcomes != NULL && outcomes->len > 0));
}

/* Lists the visits, plans of care, sessions and LEFS scores of the loaded patient, with the
 * progress chart. A list that cannot be read says so in a toast of the window. */
static void
fill_records (GenuPatientPage *self)
{
  gint64 id = genu_patient_get_id (self->patient);
  AdwPreferencesGroup *groups[] = {
    self->visits_group, self->plans_group, self->sessions_group, self->progress_group,
  };
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) koos = NULL;

  for (guint i = 0; i < self->record_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->record_rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "group"), row);
    }
  g_ptr_array_set_size (self->record_rows, 0);
  self->has_sessions = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_visible (GTK_WIDGET (groups[i]), id != 0);
  if (id == 0 || self->store == NULL)
    return;

  visits = genu_store_list_visits (self->store, id, NULL);
  plans = genu_store_list_plans (self->store, id, NULL);
  sessions = genu_store_list_sessions (self->store, id, NULL);
  outcomes = genu_store_list_outcomes (self->store, id, NULL);
  koos = genu_store_list_koos (self->store, id, NULL);

  fill_group (self, self->visits_group, visits, _("No visits yet"));
  fill_group (self, self->plans_group, plans, _("No plan of care yet"));
  fill_group (self, self->sessions_group, sessions, _("No sessions yet"));
  fill_group (self, self->progress_group, outcomes, _("No LEFS scores yet"));
  for (guint i = 0; koos != NULL && i < koos->len; i++)
    add_record_row (self, self->progress_group, genu_record_row_new (g_ptr_array_index (koos, i)));
  fill_chart (self, sessions, outcomes);
  self->has_sessions = sessions != NULL && sessions->len > 0;
}

static void
fill_form (GenuPatientPage *self)
{
  GenuPatient *patient = self->patient;
  int years = genu_patient_get_years_running (patient);
  g_autofree char *years_text = NULL;
  gboolean is_new = genu_patient_get_id (patient) == 0;

  self->loading = TRUE;

  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    {
      GtkEditable *entry = g_hash_table_lookup (self->entries, genu_patient_text_column (i));

      if (entry != NULL)
        gtk_editable_set_text (entry, genu_patient_get_text (patient, i));
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes),
                            genu_patient_get_text (patient, GENU_PATIENT_NOTES), -1);
  adw_combo_row_set_selected (self->sex, genu_patient_get_sex (patient));

  if (years != GENU_PATIENT_UNSET)
    years_text = g_strdup_printf ("%d", years);
  show_distance (self);
  gtk_editable_set_text (g_hash_table_lookup (self->entries, "years_running"),
                         years_text ? years_text : "");

  gtk_widget_set_visible (self->archive_group, !is_new);
  /* A patient never saved has no history yet. */
  gtk_widget_set_visible (self->history_button, !is_new);
  gtk_button_set_label (self->archive_button,
                        genu_patient_get_archived (patient) ? _("Restore Patient")
                                                            : _("Archive Patient"));

  fill_records (self);

  self->loading = FALSE;
  self->show_errors = FALSE;
  show_errors (self, NULL);
  set_dirty (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static char *
dup_title (GenuPatientPage *self)
{
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuPatient) patient = NULL;

  if (self->patient == NULL)
    return NULL;

  patient = read_form (self, ignored);
  return genu_patient_dup_display_name (patient);
}

static void
genu_patient_page_dispose (GObject *object)
{
  g_clear_object (&GENU_PATIENT_PAGE (object)->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_PATIENT_PAGE);

  G_OBJECT_CLASS (genu_patient_page_parent_class)->dispose (object);
}

static void
genu_patient_page_finalize (GObject *object)
{
  GenuPatientPage *self = GENU_PATIENT_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_pointer (&self->distance_text, g_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->record_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (genu_patient_page_parent_class)->finalize (object);
}

static void
genu_patient_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GenuPatientPage *self = GENU_PATIENT_PAGE (object);

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
genu_patient_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GenuPatientPage *self = GENU_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_page_class_init (GenuPatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_patient_page_dispose;
  object_class->finalize = genu_patient_page_finalize;
  object_class->get_property = genu_patient_page_get_property;
  object_class->set_property = genu_patient_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A record in one of the lists was chosen: the window page that edits it ("visit", "plan",
   * "session", "lefs") and its id. */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/genu-patient-page.ui");
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    gtk_widget_class_bind_template_child_full (widget_class, entry_fields[i], FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, sex);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, notes);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, archive_group);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, history_button);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, visits_group);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, plans_group);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, progress_group);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientPage, chart);

  g_type_ensure (GENU_TYPE_PROGRESS_CHART);
}

static void
genu_patient_page_init (GenuPatientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->record_rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    {
      GtkWidget *entry = (GtkWidget *)
        gtk_widget_get_template_child (GTK_WIDGET (self), GENU_TYPE_PATIENT_PAGE, entry_fields[i]);

      g_hash_table_insert (self->entries, (gpointer) entry_fields[i], entry);
      genu_field_error_attach (entry);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (field_changed_cb), self);
    }

  g_signal_connect_swapped (self->sex, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes), "changed",
                            G_CALLBACK (field_changed_cb), self);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::distance-unit",
                            G_CALLBACK (distance_unit_changed_cb), self);
  distance_unit_changed_cb (self);
}

/**
 * genu_patient_page_load:
 * @patient: (nullable): the record to edit; %NULL starts a new one
 *
 * Shows @patient in the form, dropping any unsaved edits (the caller asks first).
 */
void
genu_patient_page_load (GenuPatientPage *self,
                        GenuPatient     *patient)
{
  g_return_if_fail (GENU_IS_PATIENT_PAGE (self));

  g_clear_object (&self->patient);
  if (patient != NULL)
    {
      self->patient = genu_patient_copy (patient);
    }
  else
    {
      g_autofree char *number = NULL;

      self->patient = genu_patient_new ();
      /* Offer the next free number; the store makes one anyway if the field is left empty. */
      if (self->store != NULL)
        number = genu_store_next_record_number (self->store, NULL);
      genu_patient_set_text (self->patient, GENU_PATIENT_RECORD_NUMBER, number);
    }

  fill_form (self);
}

/**
 * genu_patient_page_reload_records:
 *
 * Lists the visits, plans, sessions and scores again, after one was saved elsewhere.
 */
void
genu_patient_page_reload_records (GenuPatientPage *self)
{
  g_return_if_fail (GENU_IS_PATIENT_PAGE (self));

  if (self->patient != NULL)
    fill_records (self);
}

/* Whether the loaded patient has a treatment session to repeat, as last listed. */
gboolean
genu_patient_page_has_sessions (GenuPatientPage *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_PAGE (self), FALSE);

  return self->has_sessions;
}

/**
 * genu_patient_page_get_patient:
 *
 * Returns: (transfer none) (nullable): the record as last loaded or saved, without unsaved edits
 */
GenuPatient *
genu_patient_page_get_patient (GenuPatientPage *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_PAGE (self), NULL);

  return self->patient;
}

gboolean
genu_patient_page_get_dirty (GenuPatientPage *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_PAGE (self), FALSE);

  return self->dirty;
}

static void
focus_first_error (GenuPatientPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry_fields); i++)
    if (genu_patient_page_get_field_error (self, entry_fields[i]) != NULL)
      {
        gtk_widget_grab_focus (g_hash_table_lookup (self->entries, entry_fields[i]));
        return;
      }
}

/**
 * genu_patient_page_save:
 *
 * Saves the form when every rule holds. Otherwise nothing is written, each broken rule is shown
 * under its field, the first of them gets the focus, and @error is %GENU_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE when the record was saved
 */
gboolean
genu_patient_page_save (GenuPatientPage  *self,
                        GError          **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GENU_IS_PATIENT_PAGE (self), FALSE);
  g_return_val_if_fail (self->patient != NULL && self->store != NULL, FALSE);

  errors = check_form (self, &patient);
  self->show_errors = TRUE;
  show_errors (self, errors);

  if (errors->len > 0)
    {
      focus_first_error (self);
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   ngettext ("One field needs attention before the patient can be saved.",
                             "%u fields need attention before the patient can be saved.",
                             errors->len),
                   errors->len);
      return FALSE;
    }

  if (!genu_store_save_patient (self->store, patient, &local_error))
    {
      if (g_error_matches (local_error, GENU_STORE_ERROR, GENU_STORE_ERROR_DUPLICATE))
        {
          show_field_error (self, "record_number", local_error->message);
          focus_first_error (self);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_object (&self->patient, patient);
  fill_form (self);
  return TRUE;
}

/**
 * genu_patient_page_revert:
 *
 * Drops the unsaved edits: the form shows the record as it was loaded or last saved.
 */
void
genu_patient_page_revert (GenuPatientPage *self)
{
  g_return_if_fail (GENU_IS_PATIENT_PAGE (self));

  if (self->patient != NULL)
    fill_form (self);
}

void
genu_patient_page_focus_first_field (GenuPatientPage *self)
{
  g_return_if_fail (GENU_IS_PATIENT_PAGE (self));

  gtk_widget_grab_focus (g_hash_table_lookup (self->entries, "family_name"));
}

/**
 * genu_patient_page_get_field_error:
 *
 * Returns: (nullable): the message shown under @field, or %NULL when it shows none
 */
const char *
genu_patient_page_get_field_error (GenuPatientPage *self,
                                   const char      *field)
{
  GtkWidget *entry;

  g_return_val_if_fail (GENU_IS_PATIENT_PAGE (self), NULL);

  entry = g_hash_table_lookup (self->entries, field);
  return entry != NULL ? genu_field_error_get (entry) : NULL;
}

/**
 * genu_patient_page_get_field:
 *
 * Returns: (transfer none) (nullable): the entry row of @field (a column name)
 */
GtkWidget *
genu_patient_page_get_field (GenuPatientPage *self,
                             const char      *field)
{
  g_return_val_if_fail (GENU_IS_PATIENT_PAGE (self), NULL);

  return g_hash_table_lookup (self->entries, field);
}
