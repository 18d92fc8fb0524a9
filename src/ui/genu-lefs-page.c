/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-lefs-page.h"
#include "genu-field-error.h"
#include "genu-form.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <math.h>
#include <glib/gi18n.h>

/* A Lower Extremity Functional Scale: twenty answers from 0 to 4, the score as they are given,
 * and the change since the patient's previous LEFS, measured against the 9 points that are
 * clinically important. */

/* The answers of one item: 0 to 4, then "not answered". */
#define N_ANSWERS (GENU_LEFS_ITEM_MAX + 2)
#define MISSING_BUTTON (GENU_LEFS_ITEM_MAX + 1)

typedef struct {
  GtkWidget       *row;
  GtkToggleButton *buttons[N_ANSWERS];
} Item;

struct _GenuLefsPage
{
  AdwBin               parent_instance;

  GenuStore           *store;
  GenuPatient         *patient;
  GenuOutcome         *outcome;      /* as last loaded or saved; id 0 for a new one */
  GPtrArray           *earlier;      /* the patient's outcomes, oldest first */
  int                  items[GENU_LEFS_N_ITEMS];
  Item                 item_rows[GENU_LEFS_N_ITEMS];

  AdwPreferencesGroup *items_group;
  AdwEntryRow         *date;
  AdwActionRow        *score_row;
  AdwActionRow        *change_row;

  gboolean             dirty;
  gboolean             loading;
  gboolean             show_errors;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void genu_lefs_page_form_init (GenuFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GenuLefsPage, genu_lefs_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GENU_TYPE_FORM,
                                                      genu_lefs_page_form_init))

static void
set_dirty (GenuLefsPage *self,
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

/* A score or a change as the form shows it: whole points, or one decimal when scaled. */
static char *
format_points (double   points,
               gboolean sign)
{
  double rounded = round (points * 10) / 10;

  if (rounded == 0)
    rounded = 0;     /* not "-0" */
  return g_strdup_printf (sign ? "%+g" : "%g", rounded);
}

static GenuOutcome *
read_form (GenuLefsPage *self)
{
  GenuOutcome *outcome = genu_outcome_copy (self->outcome);
  g_autofree char *date = g_strstrip (g_strdup (entry_text (self->date)));

  genu_outcome_set_date (outcome, date);
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    genu_outcome_set_item (outcome, i + 1, self->items[i]);
  return outcome;
}

/* Whether outcome @a was taken before outcome @b: by date, then by id (0 = not saved yet, the
 * newest). */
static gboolean
comes_before (const char *a_date,
              gint64      a_id,
              const char *b_date,
              gint64      b_id)
{
  int order = g_strcmp0 (a_date, b_date);

  if (order != 0)
    return order < 0;
  if (b_id == 0)
    return a_id != 0;
  return a_id != 0 && a_id < b_id;
}

/* The patient's LEFS just before this one, with a score. */
static GenuOutcome *
previous_outcome (GenuLefsPage *self,
                  const char   *date)
{
  gint64 id = genu_outcome_get_id (self->outcome);
  GenuOutcome *previous = NULL;

  for (guint i = 0; self->earlier != NULL && i < self->earlier->len; i++)
    {
      GenuOutcome *outcome = g_ptr_array_index (self->earlier, i);
      double score;

      if (genu_outcome_get_id (outcome) == id
          || !g_str_equal (genu_outcome_get_measure (outcome), "lefs")
          || !genu_outcome_get_score (outcome, &score)
          || !comes_before (genu_outcome_get_date (outcome), genu_outcome_get_id (outcome),
                            date, id))
        continue;
      if (previous == NULL
          || comes_before (genu_outcome_get_date (previous), genu_outcome_get_id (previous),
                           genu_outcome_get_date (outcome), genu_outcome_get_id (outcome)))
        previous = outcome;
    }

  return previous;
}

static void
update_score (GenuLefsPage *self)
{
  guint missing = 0;
  double score = 0;
  gboolean scored = genu_lefs_score (self->items, &score);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *date = g_strstrip (g_strdup (entry_text (self->date)));
  GenuOutcome *previous;
  GDate parsed;

  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    missing += self->items[i] == GENU_LEFS_MISSING;

  if (scored)
    {
      g_autofree char *points = format_points (score, FALSE);

      /* TRANSLATORS: the LEFS score out of its maximum, "Score 56 / 80" */
      title = g_strdup_printf (_("Score %s / %d"), points, GENU_LEFS_MAX);
    }
  else
    {
      title = g_strdup (_("No score"));
    }

  if (missing > 0 && scored)
    /* TRANSLATORS: the score of a LEFS with 1-4 items unanswered is scaled to the full 80 */
    subtitle = g_strdup_printf (ngettext ("%u item missing: scaled to %d",
                                          "%u items missing: scaled to %d", missing),
                                missing, GENU_LEFS_MAX);
  else if (missing > 0)
    subtitle = g_strdup_printf (ngettext ("%u item missing: no score (answer at least %d)",
                                          "%u items missing: no score (answer at least %d)",
                                          missing),
                                missing, GENU_LEFS_N_ITEMS - GENU_LEFS_MAX_MISSING);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->score_row), title);
  adw_action_row_set_subtitle (self->score_row, subtitle ? subtitle : "");

  /* The change since the LEFS before this one, when both have a score. */
  if (!genu_parse_date (date, &parsed, NULL) && self->outcome != NULL)
    {
      g_free (date);
      date = g_strdup (genu_outcome_get_date (self->outcome));
    }
  previous = scored && self->outcome != NULL ? previous_outcome (self, date) : NULL;
  if (previous != NULL)
    {
      double before = 0;
      g_autofree char *change = NULL;
      g_autofree char *change_title = NULL;
      g_autofree char *since = genu_format_date (genu_outcome_get_date (previous));
      const char *meaning;

      genu_outcome_get_score (previous, &before);
      change = format_points (score - before, TRUE);
      /* TRANSLATORS: the change of the LEFS score since an earlier date, "+12" */
      change_title = g_strdup_printf (_("Change since %s: %s"), since, change);
      meaning = genu_lefs_change_is_important (before, score)
                  ? _("Clinically important: a change of 9 points or more")
                  : _("Not clinically important: below a change of 9 points");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->change_row), change_title);
      adw_action_row_set_subtitle (self->change_row, meaning);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->change_row), previous != NULL);
}

static GPtrArray *
check_form (GenuLefsPage  *self,
            GenuOutcome  **out_outcome)
{
  g_autoptr(GenuOutcome) outcome = read_form (self);
  GPtrArray *errors = genu_outcome_validate (outcome, NULL);

  if (out_outcome != NULL)
    *out_outcome = g_steal_pointer (&outcome);
  return errors;
}

static void
show_errors (GenuLefsPage *self,
             GPtrArray    *errors)
{
  genu_field_error_set (GTK_WIDGET (self->date),
                        errors ? genu_field_errors_lookup (errors, "date") : NULL);
}

static void
form_changed (GenuLefsPage *self)
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
date_changed_cb (GenuLefsPage *self)
{
  update_score (self);
  form_changed (self);
}

static void
answer_toggled_cb (GtkToggleButton *button,
                   GenuLefsPage    *self)
{
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "item"));
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  if (!gtk_toggle_button_get_active (button) || self->loading)
    return;

  self->items[item - 1] = value;
  update_score (self);
  form_changed (self);
}

static void
add_item_row (GenuLefsPage *self,
              guint         item)
{
  const char *label = genu_lefs_item_label (item);
  Item *rows = &self->item_rows[item - 1];
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *number_text = g_strdup_printf ("%u", item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_label_set_text (GTK_LABEL (number), number_text);
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "numeric");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), number);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (int value = 0; value < N_ANSWERS; value++)
    {
      gboolean missing = value == MISSING_BUTTON;
      g_autofree char *text = missing ? g_strdup ("–") : g_strdup_printf ("%d", value);
      g_autofree char *name = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (text);

      if (missing)
        /* TRANSLATORS: the accessible name of "not answered" of a LEFS item */
        name = g_strdup_printf (_("Item %u, %s: not answered"), item, label);
      else
        /* TRANSLATORS: the accessible name of an answer of a LEFS item, "Item 6, Squat: 3" */
        name = g_strdup_printf (_("Item %u, %s: %d"), item, label, value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      if (missing)
        gtk_widget_set_tooltip_text (button, _("Not answered"));
      else if (value == 0)
        gtk_widget_set_tooltip_text (button, _("Extreme difficulty or unable to perform"));
      else if (value == GENU_LEFS_ITEM_MAX)
        gtk_widget_set_tooltip_text (button, _("No difficulty"));

      g_object_set_data (G_OBJECT (button), "item", GUINT_TO_POINTER (item));
      g_object_set_data (G_OBJECT (button), "value",
                         GINT_TO_POINTER (missing ? GENU_LEFS_MISSING : value));
      if (value > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), rows->buttons[0]);
      g_signal_connect (button, "toggled", G_CALLBACK (answer_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
      rows->buttons[value] = GTK_TOGGLE_BUTTON (button);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_preferences_group_add (self->items_group, row);
  rows->row = row;
}

static void
fill_form (GenuLefsPage *self)
{
  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->date), genu_outcome_get_date (self->outcome));
  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    {
      int value = genu_outcome_get_item (self->outcome, i + 1);

      if (value < 0 || value > GENU_LEFS_ITEM_MAX)
        value = GENU_LEFS_MISSING;
      self->items[i] = value;
      gtk_toggle_button_set_active (self->item_rows[i].buttons[value == GENU_LEFS_MISSING
                                                                 ? MISSING_BUTTON : value],
                                    TRUE);
    }

  self->loading = FALSE;
  self->show_errors = FALSE;
  show_errors (self, NULL);
  set_dirty (self, FALSE);
  update_score (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static char *
dup_title (GenuLefsPage *self)
{
  g_autofree char *date = NULL;

  if (self->outcome == NULL)
    return NULL;

  if (genu_outcome_get_id (self->outcome) == 0)
    return g_strdup (_("New LEFS"));
  date = genu_format_date (entry_text (self->date));
  /* TRANSLATORS: the title of a LEFS and its date, "LEFS, 3 Mar 2026" */
  return g_strdup_printf (_("LEFS, %s"), date);
}

static void
reload_earlier (GenuLefsPage *self)
{
  g_clear_pointer (&self->earlier, g_ptr_array_unref);
  if (self->store != NULL && self->patient != NULL)
    self->earlier = genu_store_list_outcomes (self->store, genu_patient_get_id (self->patient),
                                              NULL);
}

static void
genu_lefs_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_LEFS_PAGE);

  G_OBJECT_CLASS (genu_lefs_page_parent_class)->dispose (object);
}

static void
genu_lefs_page_finalize (GObject *object)
{
  GenuLefsPage *self = GENU_LEFS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->outcome);
  g_clear_pointer (&self->earlier, g_ptr_array_unref);

  G_OBJECT_CLASS (genu_lefs_page_parent_class)->finalize (object);
}

static void
genu_lefs_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GenuLefsPage *self = GENU_LEFS_PAGE (object);

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
genu_lefs_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GenuLefsPage *self = GENU_LEFS_PAGE (object);

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
  return genu_lefs_page_get_dirty (GENU_LEFS_PAGE (form));
}

static gboolean
form_is_new (GenuForm *form)
{
  GenuOutcome *outcome = GENU_LEFS_PAGE (form)->outcome;

  return outcome == NULL || genu_outcome_get_id (outcome) == 0;
}

static gboolean
form_save (GenuForm  *form,
           GError   **error)
{
  return genu_lefs_page_save (GENU_LEFS_PAGE (form), error);
}

static void
form_revert (GenuForm *form)
{
  genu_lefs_page_revert (GENU_LEFS_PAGE (form));
}

static const char *
form_get_saved_message (GenuForm *form)
{
  return _("LEFS saved");
}

static void
genu_lefs_page_form_init (GenuFormInterface *iface)
{
  iface->get_dirty = form_get_dirty;
  iface->is_new = form_is_new;
  iface->save = form_save;
  iface->revert = form_revert;
  iface->get_saved_message = form_get_saved_message;
}

static void
genu_lefs_page_class_init (GenuLefsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_lefs_page_dispose;
  object_class->finalize = genu_lefs_page_finalize;
  object_class->get_property = genu_lefs_page_get_property;
  object_class->set_property = genu_lefs_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/genu-lefs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuLefsPage, items_group);
  gtk_widget_class_bind_template_child (widget_class, GenuLefsPage, date);
  gtk_widget_class_bind_template_child (widget_class, GenuLefsPage, score_row);
  gtk_widget_class_bind_template_child (widget_class, GenuLefsPage, change_row);
}

static void
genu_lefs_page_init (GenuLefsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < GENU_LEFS_N_ITEMS; i++)
    {
      self->items[i] = GENU_LEFS_MISSING;
      add_item_row (self, i + 1);
    }

  genu_field_error_attach (GTK_WIDGET (self->date));
  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (date_changed_cb), self);
  update_score (self);
}

/**
 * genu_lefs_page_load:
 * @patient: whose LEFS it is
 * @plan: (nullable): the plan of care a new LEFS belongs to
 * @outcome: (nullable): the LEFS to edit; %NULL starts a new one dated today
 *
 * Shows @outcome in the form, dropping unsaved edits (the caller asks first).
 */
void
genu_lefs_page_load (GenuLefsPage *self,
                     GenuPatient  *patient,
                     GenuPlan     *plan,
                     GenuOutcome  *outcome)
{
  g_return_if_fail (GENU_IS_LEFS_PAGE (self));
  g_return_if_fail (GENU_IS_PATIENT (patient));
  g_return_if_fail (plan == NULL || GENU_IS_PLAN (plan));
  g_return_if_fail (outcome == NULL || GENU_IS_OUTCOME (outcome));

  g_set_object (&self->patient, patient);
  g_clear_object (&self->outcome);
  if (outcome != NULL)
    {
      self->outcome = genu_outcome_copy (outcome);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      self->outcome = genu_outcome_new ();
      genu_outcome_set_patient_id (self->outcome, genu_patient_get_id (patient));
      genu_outcome_set_date (self->outcome, today);
      if (plan != NULL)
        genu_outcome_set_plan_id (self->outcome, genu_plan_get_id (plan));
    }

  reload_earlier (self);
  fill_form (self);
}

GenuOutcome *
genu_lefs_page_get_outcome (GenuLefsPage *self)
{
  g_return_val_if_fail (GENU_IS_LEFS_PAGE (self), NULL);

  return self->outcome;
}

gboolean
genu_lefs_page_get_dirty (GenuLefsPage *self)
{
  g_return_val_if_fail (GENU_IS_LEFS_PAGE (self), FALSE);

  return self->dirty;
}

/**
 * genu_lefs_page_save:
 *
 * Saves the LEFS when its date is right; otherwise nothing is written, the rule is shown under
 * the date and @error is %GENU_STORE_ERROR_INVALID. Items left unanswered are kept.
 */
gboolean
genu_lefs_page_save (GenuLefsPage  *self,
                     GError       **error)
{
  g_autoptr(GenuOutcome) outcome = NULL;
  g_autoptr(GPtrArray) errors = NULL;

  g_return_val_if_fail (GENU_IS_LEFS_PAGE (self), FALSE);
  g_return_val_if_fail (self->outcome != NULL && self->store != NULL, FALSE);

  errors = check_form (self, &outcome);
  self->show_errors = TRUE;
  show_errors (self, errors);

  if (errors->len > 0)
    {
      if (genu_field_errors_lookup (errors, "date") != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->date));
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   ngettext ("One field needs attention before the LEFS can be saved.",
                             "%u fields need attention before the LEFS can be saved.",
                             errors->len),
                   errors->len);
      return FALSE;
    }

  if (!genu_store_save_outcome (self->store, outcome, error))
    return FALSE;

  g_set_object (&self->outcome, outcome);
  reload_earlier (self);
  fill_form (self);
  return TRUE;
}

void
genu_lefs_page_revert (GenuLefsPage *self)
{
  g_return_if_fail (GENU_IS_LEFS_PAGE (self));

  if (self->outcome != NULL)
    fill_form (self);
}

/**
 * genu_lefs_page_get_field:
 *
 * Returns: (transfer none) (nullable): the row of a field: "date", "score", "change", or
 * "items.N" (item N, from 1)
 */
GtkWidget *
genu_lefs_page_get_field (GenuLefsPage *self,
                          const char   *field)
{
  guint64 item;

  g_return_val_if_fail (GENU_IS_LEFS_PAGE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "date"))
    return GTK_WIDGET (self->date);
  if (g_str_equal (field, "score"))
    return GTK_WIDGET (self->score_row);
  if (g_str_equal (field, "change"))
    return GTK_WIDGET (self->change_row);
  if (g_str_has_prefix (field, "items.")
      && g_ascii_string_to_unsigned (field + strlen ("items."), 10, 1, GENU_LEFS_N_ITEMS,
                                     &item, NULL))
    return self->item_rows[item - 1].row;
  return NULL;
}

const char *
genu_lefs_page_get_field_error (GenuLefsPage *self,
                                const char   *field)
{
  GtkWidget *row;

  g_return_val_if_fail (GENU_IS_LEFS_PAGE (self), NULL);

  row = genu_lefs_page_get_field (self, field);
  return row == GTK_WIDGET (self->date) ? genu_field_error_get (row) : NULL;
}

/**
 * genu_lefs_page_get_answer_button:
 * @item: 1 to 20
 * @value: 0 to 4, or %GENU_LEFS_MISSING for "not answered"
 *
 * Returns: (transfer none) (nullable): the toggle button of that answer
 */
GtkWidget *
genu_lefs_page_get_answer_button (GenuLefsPage *self,
                                  guint         item,
                                  int           value)
{
  g_return_val_if_fail (GENU_IS_LEFS_PAGE (self), NULL);

  if (item < 1 || item > GENU_LEFS_N_ITEMS || value < GENU_LEFS_MISSING
      || value > GENU_LEFS_ITEM_MAX)
    return NULL;
  return GTK_WIDGET (self->item_rows[item - 1].buttons[value == GENU_LEFS_MISSING
                                                         ? MISSING_BUTTON : value]);
}
