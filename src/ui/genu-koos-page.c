/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-koos-page.h"
#include "genu-field-error.h"
#include "genu-form.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

/* A Knee injury and Osteoarthritis Outcome Score (Roos & Lohmander 2003, Health Qual Life
 * Outcomes 1:64; the KOOS User's Guide 2012): forty-two answers from 0 to 4 in five subscales,
 * and the score of each subscale as the answers are given. No total, and no threshold of an
 * important change: the sources give none for Genu to show. */

/* The answers of one item: 0 to 4, then "not answered". */
#define N_ANSWERS (GENU_KOOS_ITEM_MAX + 2)
#define MISSING_BUTTON (GENU_KOOS_ITEM_MAX + 1)

typedef struct {
  GtkWidget       *row;
  GtkToggleButton *buttons[N_ANSWERS];
} Item;

typedef struct {
  AdwPreferencesGroup *group;
  GtkWidget           *score_row;    /* in the scores group */
  GtkWidget           *score_label;  /* the group's header suffix, seen while answering */
} Subscale;

struct _GenuKoosPage
{
  AdwBin               parent_instance;

  GenuStore           *store;
  GenuPatient         *patient;
  GenuKoos            *koos;         /* as last loaded or saved; id 0 for a new one */
  int                  items[GENU_KOOS_N_ITEMS];
  Item                 item_rows[GENU_KOOS_N_ITEMS];
  Subscale             subscales[GENU_KOOS_N_SUBSCALES];

  AdwPreferencesGroup *scores_group;
  AdwEntryRow         *date;

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

/* What each answer means, 0 to 4, as a tooltip: our own words for the five steps. */
static const char * const answer_captions[GENU_KOOS_ITEM_MAX + 1] = {
  N_("None"),
  N_("Mild"),
  N_("Moderate"),
  N_("Severe"),
  N_("Extreme"),
};

static void genu_koos_page_form_init (GenuFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GenuKoosPage, genu_koos_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GENU_TYPE_FORM,
                                                      genu_koos_page_form_init))

static void
set_dirty (GenuKoosPage *self,
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

/* A subscale score as the form shows it: whole points, as the score is read in the clinic;
 * the JSON keeps one decimal. */
static char *
format_score (double score)
{
  return g_strdup_printf ("%.0f", round (score));
}

static GenuKoos *
read_form (GenuKoosPage *self)
{
  GenuKoos *koos = genu_koos_copy (self->koos);
  g_autofree char *date = g_strstrip (g_strdup (entry_text (self->date)));

  genu_koos_set_date (koos, date);
  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    genu_koos_set_item (koos, i + 1, self->items[i]);
  return koos;
}

static void
update_score (GenuKoosPage     *self,
              GenuKoosSubscale  subscale)
{
  Subscale *s = &self->subscales[subscale];
  const char *label = genu_koos_subscale_label (subscale);
  guint first, n_items, missing = 0;
  double score = 0;
  gboolean scored = genu_koos_subscale_score (self->items, subscale, &score);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *suffix = NULL;

  genu_koos_subscale_items (subscale, &first, &n_items);
  for (guint i = first - 1; i < first - 1 + n_items; i++)
    missing += self->items[i] == GENU_KOOS_MISSING;

  if (scored)
    {
      g_autofree char *points = format_score (score);

      /* TRANSLATORS: a KOOS subscale and its score out of 100, "Symptoms 71 / 100" */
      title = g_strdup_printf (_("%s %s / %d"), label, points, GENU_KOOS_SCORE_MAX);
      /* TRANSLATORS: a KOOS subscale score out of 100 next to the subscale's title, "71 / 100" */
      suffix = g_strdup_printf (_("%s / %d"), points, GENU_KOOS_SCORE_MAX);
    }
  else
    {
      /* TRANSLATORS: a KOOS subscale without a score, "Symptoms: no score" */
      title = g_strdup_printf (_("%s: no score"), label);
      suffix = g_strdup (_("No score"));
    }

  if (missing > 0 && scored)
    /* TRANSLATORS: with 1 or 2 items of a KOOS subscale unanswered, the mean of the others
     * stands in for them */
    subtitle = g_strdup_printf (ngettext ("%u item missing: scored from the mean of the other %u",
                                          "%u items missing: scored from the mean of the other %u",
                                          missing),
                                missing, n_items - missing);
  else if (missing > 0)
    subtitle = g_strdup_printf (ngettext ("%u item missing: no score (answer at least %u of %u)",
                                          "%u items missing: no score (answer at least %u of %u)",
                                          missing),
                                missing, n_items - GENU_KOOS_MAX_MISSING, n_items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (s->score_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (s->score_row), subtitle ? subtitle : "");
  gtk_label_set_text (GTK_LABEL (s->score_label), suffix);
}

static void
update_scores (GenuKoosPage *self)
{
  for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
    update_score (self, s);
}

static GPtrArray *
check_form (GenuKoosPage  *self,
            GenuKoos     **out_koos)
{
  g_autoptr(GenuKoos) koos = read_form (self);
  GPtrArray *errors = genu_koos_validate (koos, NULL);

  if (out_koos != NULL)
    *out_koos = g_steal_pointer (&koos);
  return errors;
}

static void
show_errors (GenuKoosPage *self,
             GPtrArray    *errors)
{
  genu_field_error_set (GTK_WIDGET (self->date),
                        errors ? genu_field_errors_lookup (errors, "date") : NULL);
}

static void
form_changed (GenuKoosPage *self)
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
date_changed_cb (GenuKoosPage *self)
{
  form_changed (self);
}

static void
answer_toggled_cb (GtkToggleButton *button,
                   GenuKoosPage    *self)
{
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "item"));
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  if (!gtk_toggle_button_get_active (button) || self->loading)
    return;

  self->items[item - 1] = value;
  update_score (self, genu_koos_item_subscale (item));
  form_changed (self);
}

static void
add_item_row (GenuKoosPage        *self,
              AdwPreferencesGroup *group,
              guint                item)
{
  const char *label = genu_koos_item_label (item);
  const char *code = genu_koos_item_code (item);
  Item *rows = &self->item_rows[item - 1];
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* The code goes in the title, which wraps, rather than in a prefix of its own: a prefix wide
   * enough for "SP1" would make the page too wide for a phone. */
  /* TRANSLATORS: a KOOS item's code and our short label of it, "S1 · Swelling" */
  title = g_strdup_printf (_("%s · %s"), code, label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (int value = 0; value < N_ANSWERS; value++)
    {
      gboolean missing = value == MISSING_BUTTON;
      g_autofree char *text = missing ? g_strdup ("–") : g_strdup_printf ("%d", value);
      g_autofree char *name = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (text);

      if (missing)
        /* TRANSLATORS: the accessible name of "not answered" of a KOOS item, "S1, Swelling: not
         * answered" */
        name = g_strdup_printf (_("%s, %s: not answered"), code, label);
      else
        /* TRANSLATORS: the accessible name of an answer of a KOOS item, "S1, Swelling: 2" */
        name = g_strdup_printf (_("%s, %s: %d"), code, label, value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_widget_set_tooltip_text (button, missing ? _("Not answered")
                                                   : _(answer_captions[value]));

      g_object_set_data (G_OBJECT (button), "item", GUINT_TO_POINTER (item));
      g_object_set_data (G_OBJECT (button), "value",
                         GINT_TO_POINTER (missing ? GENU_KOOS_MISSING : value));
      if (value > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), rows->buttons[0]);
      g_signal_connect (button, "toggled", G_CALLBACK (answer_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
      rows->buttons[value] = GTK_TOGGLE_BUTTON (button);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_preferences_group_add (group, row);
  rows->row = row;
}

/* One group per subscale with its items, and its score row in the scores group. */
static void
add_subscale (GenuKoosPage     *self,
              GenuKoosSubscale  subscale)
{
  Subscale *s = &self->subscales[subscale];
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *score_row = adw_action_row_new ();
  GtkWidget *score_label = gtk_label_new (NULL);
  guint first, n_items;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   genu_koos_subscale_label (subscale));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("0 none, 1 mild, 2 moderate, 3 severe, 4 extreme; for the items that ask how often, 0 is "
      "never a problem and 4 always. “–” when not answered."));
  gtk_widget_add_css_class (score_label, "dim-label");
  gtk_widget_add_css_class (score_label, "numeric");
  gtk_widget_set_valign (score_label, GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), score_label);

  genu_koos_subscale_items (subscale, &first, &n_items);
  for (guint item = first; item < first + n_items; item++)
    add_item_row (self, ADW_PREFERENCES_GROUP (group), item);
  /* The page is the bin's child, not a bound template child: AdwBin unparents it itself. */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (adw_bin_get_child (ADW_BIN (self))),
                            ADW_PREFERENCES_GROUP (group));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (score_row), FALSE);
  adw_preferences_group_add (self->scores_group, score_row);

  s->group = ADW_PREFERENCES_GROUP (group);
  s->score_row = score_row;
  s->score_label = score_label;
}

static void
fill_form (GenuKoosPage *self)
{
  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->date), genu_koos_get_date (self->koos));
  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    {
      int value = genu_koos_get_item (self->koos, i + 1);

      if (value < 0 || value > GENU_KOOS_ITEM_MAX)
        value = GENU_KOOS_MISSING;
      self->items[i] = value;
      gtk_toggle_button_set_active (self->item_rows[i].buttons[value == GENU_KOOS_MISSING
                                                                 ? MISSING_BUTTON : value],
                                    TRUE);
    }

  self->loading = FALSE;
  self->show_errors = FALSE;
  show_errors (self, NULL);
  set_dirty (self, FALSE);
  update_scores (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static char *
dup_title (GenuKoosPage *self)
{
  g_autofree char *date = NULL;

  if (self->koos == NULL)
    return NULL;

  if (genu_koos_get_id (self->koos) == 0)
    return g_strdup (_("New KOOS"));
  date = genu_format_date (entry_text (self->date));
  /* TRANSLATORS: the title of a KOOS and its date, "KOOS, 3 Mar 2026" */
  return g_strdup_printf (_("KOOS, %s"), date);
}

static void
genu_koos_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_KOOS_PAGE);

  G_OBJECT_CLASS (genu_koos_page_parent_class)->dispose (object);
}

static void
genu_koos_page_finalize (GObject *object)
{
  GenuKoosPage *self = GENU_KOOS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->koos);

  G_OBJECT_CLASS (genu_koos_page_parent_class)->finalize (object);
}

static void
genu_koos_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GenuKoosPage *self = GENU_KOOS_PAGE (object);

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
genu_koos_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GenuKoosPage *self = GENU_KOOS_PAGE (object);

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
  return genu_koos_page_get_dirty (GENU_KOOS_PAGE (form));
}

static gboolean
form_is_new (GenuForm *form)
{
  GenuKoos *koos = GENU_KOOS_PAGE (form)->koos;

  return koos == NULL || genu_koos_get_id (koos) == 0;
}

static gboolean
form_save (GenuForm  *form,
           GError   **error)
{
  return genu_koos_page_save (GENU_KOOS_PAGE (form), error);
}

static void
form_revert (GenuForm *form)
{
  genu_koos_page_revert (GENU_KOOS_PAGE (form));
}

static const char *
form_get_saved_message (GenuForm *form)
{
  return _("KOOS saved");
}

static void
genu_koos_page_form_init (GenuFormInterface *iface)
{
  iface->get_dirty = form_get_dirty;
  iface->is_new = form_is_new;
  iface->save = form_save;
  iface->revert = form_revert;
  iface->get_saved_message = form_get_saved_message;
}

static void
genu_koos_page_class_init (GenuKoosPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_koos_page_dispose;
  object_class->finalize = genu_koos_page_finalize;
  object_class->get_property = genu_koos_page_get_property;
  object_class->set_property = genu_koos_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/genu-koos-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuKoosPage, scores_group);
  gtk_widget_class_bind_template_child (widget_class, GenuKoosPage, date);
}

static void
genu_koos_page_init (GenuKoosPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < GENU_KOOS_N_ITEMS; i++)
    self->items[i] = GENU_KOOS_MISSING;
  for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
    add_subscale (self, s);

  genu_field_error_attach (GTK_WIDGET (self->date));
  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (date_changed_cb), self);
  update_scores (self);
}

/**
 * genu_koos_page_load:
 * @patient: whose KOOS it is
 * @plan: (nullable): the plan of care a new KOOS belongs to
 * @koos: (nullable): the KOOS to edit; %NULL starts a new one dated today
 *
 * Shows @koos in the form, dropping unsaved edits (the caller asks first).
 */
void
genu_koos_page_load (GenuKoosPage *self,
                     GenuPatient  *patient,
                     GenuPlan     *plan,
                     GenuKoos     *koos)
{
  g_return_if_fail (GENU_IS_KOOS_PAGE (self));
  g_return_if_fail (GENU_IS_PATIENT (patient));
  g_return_if_fail (plan == NULL || GENU_IS_PLAN (plan));
  g_return_if_fail (koos == NULL || GENU_IS_KOOS (koos));

  g_set_object (&self->patient, patient);
  g_clear_object (&self->koos);
  if (koos != NULL)
    {
      self->koos = genu_koos_copy (koos);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      self->koos = genu_koos_new ();
      genu_koos_set_patient_id (self->koos, genu_patient_get_id (patient));
      genu_koos_set_date (self->koos, today);
      if (plan != NULL)
        genu_koos_set_plan_id (self->koos, genu_plan_get_id (plan));
    }

  fill_form (self);
}

GenuKoos *
genu_koos_page_get_koos (GenuKoosPage *self)
{
  g_return_val_if_fail (GENU_IS_KOOS_PAGE (self), NULL);

  return self->koos;
}

gboolean
genu_koos_page_get_dirty (GenuKoosPage *self)
{
  g_return_val_if_fail (GENU_IS_KOOS_PAGE (self), FALSE);

  return self->dirty;
}

/**
 * genu_koos_page_save:
 *
 * Saves the KOOS when its date is right; otherwise nothing is written, the rule is shown under
 * the date and @error is %GENU_STORE_ERROR_INVALID. Items left unanswered are kept.
 */
gboolean
genu_koos_page_save (GenuKoosPage  *self,
                     GError       **error)
{
  g_autoptr(GenuKoos) koos = NULL;
  g_autoptr(GPtrArray) errors = NULL;

  g_return_val_if_fail (GENU_IS_KOOS_PAGE (self), FALSE);
  g_return_val_if_fail (self->koos != NULL && self->store != NULL, FALSE);

  errors = check_form (self, &koos);
  self->show_errors = TRUE;
  show_errors (self, errors);

  if (errors->len > 0)
    {
      if (genu_field_errors_lookup (errors, "date") != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->date));
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   ngettext ("One field needs attention before the KOOS can be saved.",
                             "%u fields need attention before the KOOS can be saved.",
                             errors->len),
                   errors->len);
      return FALSE;
    }

  if (!genu_store_save_koos (self->store, koos, error))
    return FALSE;

  g_set_object (&self->koos, koos);
  fill_form (self);
  return TRUE;
}

void
genu_koos_page_revert (GenuKoosPage *self)
{
  g_return_if_fail (GENU_IS_KOOS_PAGE (self));

  if (self->koos != NULL)
    fill_form (self);
}

/**
 * genu_koos_page_get_field:
 *
 * Returns: (transfer none) (nullable): the row of a field: "date", "score.<subscale>" (the
 * subscale's id, "score.symptoms" ... "score.qol"), or "items.<code>" ("items.S1" ...
 * "items.Q4")
 */
GtkWidget *
genu_koos_page_get_field (GenuKoosPage *self,
                          const char   *field)
{
  g_return_val_if_fail (GENU_IS_KOOS_PAGE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "date"))
    return GTK_WIDGET (self->date);
  if (g_str_has_prefix (field, "score."))
    {
      for (guint s = 0; s < GENU_KOOS_N_SUBSCALES; s++)
        if (g_str_equal (field + strlen ("score."), genu_koos_subscale_id (s)))
          return self->subscales[s].score_row;
      return NULL;
    }
  if (g_str_has_prefix (field, "items."))
    {
      guint item = genu_koos_item_from_code (field + strlen ("items."));

      return item > 0 ? self->item_rows[item - 1].row : NULL;
    }
  return NULL;
}

const char *
genu_koos_page_get_field_error (GenuKoosPage *self,
                                const char   *field)
{
  GtkWidget *row;

  g_return_val_if_fail (GENU_IS_KOOS_PAGE (self), NULL);

  row = genu_koos_page_get_field (self, field);
  return row == GTK_WIDGET (self->date) ? genu_field_error_get (row) : NULL;
}

/**
 * genu_koos_page_get_answer_button:
 * @item: 1 (S1) to 42 (Q4)
 * @value: 0 to 4, or %GENU_KOOS_MISSING for "not answered"
 *
 * Returns: (transfer none) (nullable): the toggle button of that answer
 */
GtkWidget *
genu_koos_page_get_answer_button (GenuKoosPage *self,
                                  guint         item,
                                  int           value)
{
  g_return_val_if_fail (GENU_IS_KOOS_PAGE (self), NULL);

  if (item < 1 || item > GENU_KOOS_N_ITEMS || value < GENU_KOOS_MISSING
      || value > GENU_KOOS_ITEM_MAX)
    return NULL;
  return GTK_WIDGET (self->item_rows[item - 1].buttons[value == GENU_KOOS_MISSING
                                                         ? MISSING_BUTTON : value]);
}
