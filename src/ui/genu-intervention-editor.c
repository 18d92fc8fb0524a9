/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-intervention-editor.h"
#include "genu-field-error.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <glib/gi18n.h>
#include <string.h>

/* The rows are generated from the kind's field table, so that a field added to the table shows
 * up in the form without touching this file. */

typedef struct {
  const GenuInterventionField *def;
  GtkWidget                   *row;       /* the field's row; its error shows right under it */
  GtkWidget                   *control;   /* BOOL: the switch */
  GPtrArray                   *buttons;   /* CHOICES: a GtkToggleButton per choice, table order */
} Field;

struct _GenuInterventionEditor
{
  AdwExpanderRow    parent_instance;

  GenuIntervention *intervention;
  GPtrArray        *fields;        /* Field */
  GtkWidget        *note;
  GtkWidget        *remove_button;

  gboolean          read_only;
  gboolean          loading;
};

enum {
  PROP_0,
  PROP_INTERVENTION,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GenuInterventionEditor, genu_intervention_editor, ADW_TYPE_EXPANDER_ROW)

static void
field_free (Field *field)
{
  g_clear_pointer (&field->buttons, g_ptr_array_unref);
  g_free (field);
}

static Field *
lookup_field (GenuInterventionEditor *self,
              const char             *id)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->def->id, id) == 0)
        return field;
    }
  return NULL;
}

/* The label of a choice on its button: without its explanation in brackets, which goes to the
 * tooltip, so that the buttons stay short. */
static char *
short_choice_label (const GenuInterventionChoice *choice)
{
  const char *label = genu_intervention_choice_get_label (choice);
  const char *bracket = strstr (label, " (");

  return bracket != NULL ? g_strndup (label, bracket - label) : g_strdup (label);
}

static char *
field_title (const GenuInterventionField *def)
{
  const char *label = genu_intervention_field_get_label (def);
  const char *unit = genu_intervention_field_get_unit (def);
  g_autofree char *folded_label = g_utf8_casefold (label, -1);
  g_autofree char *folded_unit = unit != NULL ? g_utf8_casefold (unit, -1) : NULL;

  /* "Minutes", not "Minutes (min)": the label may already say its unit. */
  if (unit == NULL || g_str_has_prefix (folded_label, folded_unit))
    return g_strdup (label);
  /* TRANSLATORS: a field and its unit, e.g. "Minutes (min)" */
  return g_strdup_printf (_("%s (%s)"), genu_intervention_field_get_label (def), unit);
}

/* The summary without the kind's label in front of it: the row's title already says it. */
static void
update_subtitle (GenuInterventionEditor *self)
{
  GenuInterventionKind kind = genu_intervention_get_kind (self->intervention);
  g_autofree char *summary = genu_intervention_dup_summary (self->intervention);
  /* The same format as genu_intervention_dup_summary(), whatever the translation makes of it. */
  g_autofree char *prefix = g_strdup_printf (_("%s: %s"), genu_intervention_kind_label (kind), "");
  const char *subtitle = summary;

  if (g_str_has_prefix (summary, prefix))
    subtitle = summary + strlen (prefix);
  else if (g_str_equal (summary, genu_intervention_kind_label (kind)))
    subtitle = _("Nothing recorded yet");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

/* What the rules of the kind say of one field now, or NULL. */
static char *
dup_own_error (GenuInterventionEditor *self,
               const char             *field_id)
{
  g_autoptr(GPtrArray) errors = genu_intervention_validate (self->intervention);
  const char *message = genu_field_errors_lookup (errors, field_id);

  return g_strdup (message);
}

static void
edited (GenuInterventionEditor *self)
{
  update_subtitle (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
text_changed_cb (AdwEntryRow            *row,
                 GenuInterventionEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (row), "field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (self->loading)
    return;

  if (*stripped == '\0')
    genu_intervention_clear (self->intervention, field->def->id);
  else
    genu_intervention_set_text (self->intervention, field->def->id, text);
  edited (self);
}

/* Reads a number as the therapist types it, with either decimal separator ("4,5" or "4.5").
 * What cannot be read is kept as text, for genu_intervention_validate() to report. */
static void
number_changed_cb (AdwEntryRow            *row,
                   GenuInterventionEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (row), "field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *number = g_strstrip (g_strdup (text));
  g_autofree char *message = NULL;
  double value;

  if (self->loading)
    return;

  if (*number == '\0')
    {
      /* Empty is not wrong while typing; a required field says so when the session is saved. */
      genu_intervention_clear (self->intervention, field->def->id);
      genu_field_error_set (field->row, NULL);
      edited (self);
      return;
    }

  /* "2,5" or "2.5", whatever the locale. */
  if (!genu_parse_decimal (number, &value))
    genu_intervention_set_text (self->intervention, field->def->id, number);
  else
    genu_intervention_set_number (self->intervention, field->def->id, value);

  /* Out of range or not a number: said at once, while it is typed. */
  message = dup_own_error (self, field->def->id);
  genu_field_error_set (field->row, message);
  edited (self);
}

static void
choice_changed_cb (AdwComboRow            *row,
                   GParamSpec             *pspec,
                   GenuInterventionEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (row), "field");
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading)
    return;

  /* The first entry is "Not recorded". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > field->def->n_choices)
    genu_intervention_clear (self->intervention, field->def->id);
  else
    genu_intervention_set_choice (self->intervention, field->def->id,
                                  field->def->choices[selected - 1].id);
  edited (self);
}

static void
choice_toggled_cb (GtkToggleButton        *button,
                   GenuInterventionEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (button), "field");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (self->loading)
    return;

  for (guint i = 0; i < field->buttons->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (field->buttons, i)))
      g_ptr_array_add (ids, (gpointer) field->def->choices[i].id);
  g_ptr_array_add (ids, NULL);

  if (ids->len > 1)
    genu_intervention_set_choices (self->intervention, field->def->id,
                                   (const char * const *) ids->pdata);
  else
    genu_intervention_clear (self->intervention, field->def->id);
  edited (self);
}

static void
bool_changed_cb (GtkSwitch              *control,
                 GParamSpec             *pspec,
                 GenuInterventionEditor *self)
{
  Field *field = g_object_get_data (G_OBJECT (control), "field");

  if (self->loading)
    return;

  genu_intervention_set_bool (self->intervention, field->def->id,
                              gtk_switch_get_active (control));
  edited (self);
}

static void
note_changed_cb (AdwEntryRow            *row,
                 GenuInterventionEditor *self)
{
  if (self->loading)
    return;

  genu_intervention_set_note (self->intervention, gtk_editable_get_text (GTK_EDITABLE (row)));
  edited (self);
}

static void
remove_clicked_cb (GenuInterventionEditor *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static GtkWidget *
entry_row_new (GenuInterventionEditor      *self,
               const GenuInterventionField *def,
               Field                       *field)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = field_title (def);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data (G_OBJECT (row), "field", field);

  if (def->type == GENU_INTERVENTION_FIELD_NUMBER)
    {
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect (row, "changed", G_CALLBACK (number_changed_cb), self);
    }
  else
    {
      g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);
    }
  return row;
}

static GtkWidget *
combo_row_new (GenuInterventionEditor      *self,
               const GenuInterventionField *def,
               Field                       *field)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not recorded"));
  for (guint i = 0; i < def->n_choices; i++)
    gtk_string_list_append (choices, genu_intervention_choice_get_label (&def->choices[i]));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 genu_intervention_field_get_label (def));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  g_object_set_data (G_OBJECT (row), "field", field);
  g_signal_connect (row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  return row;
}

/* A checked choice reads at a glance in the accent colour, not only in a darker grey. */
static void
update_choice_style (GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    gtk_widget_add_css_class (GTK_WIDGET (button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "suggested-action");
}

/* Several choices, any of them: the field's title over toggle buttons that wrap, so that the
 * thirteen regions use the width of the row rather than a narrow column beside the title. */
static GtkWidget *
choices_row_new (GenuInterventionEditor      *self,
                 const GenuInterventionField *def,
                 Field                       *field)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (genu_intervention_field_get_label (def));
  GtkWidget *flow = gtk_flow_box_new ();
  const char *label = genu_intervention_field_get_label (def);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (box), title);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 7);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_box_append (GTK_BOX (box), flow);

  field->buttons = g_ptr_array_new ();
  for (guint i = 0; i < def->n_choices; i++)
    {
      const GenuInterventionChoice *choice = &def->choices[i];
      g_autofree char *text = short_choice_label (choice);
      /* TRANSLATORS: the accessible name of a choice button, e.g. "Instruments: GT2" */
      g_autofree char *name = g_strdup_printf (_("%s: %s"), label,
                                               genu_intervention_choice_get_label (choice));
      GtkWidget *button = gtk_toggle_button_new_with_label (text);
      GtkWidget *child = gtk_flow_box_child_new ();

      if (!g_str_equal (text, genu_intervention_choice_get_label (choice)))
        gtk_widget_set_tooltip_text (button, genu_intervention_choice_get_label (choice));
      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))),
                               PANGO_ELLIPSIZE_END);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_set_data (G_OBJECT (button), "field", field);
      g_signal_connect (button, "toggled", G_CALLBACK (update_choice_style), NULL);
      g_signal_connect (button, "toggled", G_CALLBACK (choice_toggled_cb), self);
      /* The buttons take the focus, not the flow box's children around them. */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), child);
      g_ptr_array_add (field->buttons, button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
bool_row_new (GenuInterventionEditor      *self,
              const GenuInterventionField *def,
              Field                       *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *control = gtk_switch_new ();
  const char *label = genu_intervention_field_get_label (def);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  g_object_set_data (G_OBJECT (control), "field", field);
  g_signal_connect (control, "notify::active", G_CALLBACK (bool_changed_cb), self);
  field->control = control;
  return row;
}

static void
build_rows (GenuInterventionEditor *self)
{
  GenuInterventionKind kind = genu_intervention_get_kind (self->intervention);
  const GenuInterventionField *defs;
  guint n_defs = 0;

  defs = genu_intervention_kind_get_fields (kind, &n_defs);
  for (guint i = 0; i < n_defs; i++)
    {
      Field *field = g_new0 (Field, 1);

      field->def = &defs[i];
      switch (defs[i].type)
        {
        case GENU_INTERVENTION_FIELD_TEXT:
        case GENU_INTERVENTION_FIELD_NUMBER:
          field->row = entry_row_new (self, &defs[i], field);
          break;
        case GENU_INTERVENTION_FIELD_CHOICE:
          field->row = combo_row_new (self, &defs[i], field);
          break;
        case GENU_INTERVENTION_FIELD_CHOICES:
          field->row = choices_row_new (self, &defs[i], field);
          break;
        case GENU_INTERVENTION_FIELD_BOOL:
          field->row = bool_row_new (self, &defs[i], field);
          break;
        default:
          g_assert_not_reached ();
        }

      g_ptr_array_add (self->fields, field);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), field->row);
      genu_field_error_attach (field->row);
    }

  self->note = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note), _("Note"));
  g_signal_connect (self->note, "changed", G_CALLBACK (note_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->note);
}

/* Shows the intervention's values in the rows. */
static void
fill_rows (GenuInterventionEditor *self)
{
  self->loading = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *id = field->def->id;

      switch (field->def->type)
        {
        case GENU_INTERVENTION_FIELD_TEXT:
          {
            const char *text = genu_intervention_get_text (self->intervention, id);

            gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
          }
          break;

        case GENU_INTERVENTION_FIELD_NUMBER:
          {
            g_autofree char *text = NULL;
            double value;

            /* In the locale's own way of writing numbers, as the therapist types them; read
             * back by genu_parse_decimal(). */
            if (genu_intervention_get_number (self->intervention, id, &value))
              text = g_strdup_printf ("%g", value);
            else if (genu_intervention_get_text (self->intervention, id) != NULL)
              text = g_strdup (genu_intervention_get_text (self->intervention, id));
            gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
          }
          break;

        case GENU_INTERVENTION_FIELD_CHOICE:
          {
            const char *choice = genu_intervention_get_choice (self->intervention, id);
            guint selected = 0;

            for (guint c = 0; choice != NULL && c < field->def->n_choices; c++)
              if (g_str_equal (field->def->choices[c].id, choice))
                selected = c + 1;
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), selected);
          }
          break;

        case GENU_INTERVENTION_FIELD_CHOICES:
          {
            g_auto(GStrv) ids = genu_intervention_dup_choices (self->intervention, id);

            for (guint c = 0; c < field->buttons->len; c++)
              gtk_toggle_button_set_active (g_ptr_array_index (field->buttons, c),
                                            ids != NULL &&
                                            g_strv_contains ((const char * const *) ids,
                                                             field->def->choices[c].id));
          }
          break;

        case GENU_INTERVENTION_FIELD_BOOL:
          {
            gboolean value = FALSE;

            genu_intervention_get_bool (self->intervention, id, &value);
            gtk_switch_set_active (GTK_SWITCH (field->control), value);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  gtk_editable_set_text (GTK_EDITABLE (self->note),
                         genu_intervention_get_note (self->intervention));
  self->loading = FALSE;
  update_subtitle (self);
}

static void
genu_intervention_editor_constructed (GObject *object)
{
  GenuInterventionEditor *self = GENU_INTERVENTION_EDITOR (object);
  GenuInterventionKind kind;
  g_autofree char *remove_name = NULL;

  G_OBJECT_CLASS (genu_intervention_editor_parent_class)->constructed (object);

  if (self->intervention == NULL)
    self->intervention = genu_intervention_new (GENU_INTERVENTION_EXERCISE);
  kind = genu_intervention_get_kind (self->intervention);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), genu_intervention_kind_label (kind));

  /* TRANSLATORS: the accessible name of the remove button, e.g. "Remove Exercise therapy" */
  remove_name = g_strdup_printf (_("Remove %s"), genu_intervention_kind_label (kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                  -1);

  build_rows (self);
  fill_rows (self);
}

static void
genu_intervention_editor_finalize (GObject *object)
{
  GenuInterventionEditor *self = GENU_INTERVENTION_EDITOR (object);

  g_clear_object (&self->intervention);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (genu_intervention_editor_parent_class)->finalize (object);
}

static void
genu_intervention_editor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GenuInterventionEditor *self = GENU_INTERVENTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INTERVENTION:
      g_value_set_object (value, self->intervention);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_intervention_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GenuInterventionEditor *self = GENU_INTERVENTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INTERVENTION:
      self->intervention = g_value_dup_object (value);
      break;
    case PROP_READ_ONLY:
      genu_intervention_editor_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_intervention_editor_class_init (GenuInterventionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = genu_intervention_editor_constructed;
  object_class->finalize = genu_intervention_editor_finalize;
  object_class->get_property = genu_intervention_editor_get_property;
  object_class->set_property = genu_intervention_editor_set_property;

  properties[PROP_INTERVENTION] =
    g_param_spec_object ("intervention", NULL, NULL, GENU_TYPE_INTERVENTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every edit, once the intervention holds it. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
genu_intervention_editor_init (GenuInterventionEditor *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove"));
  gtk_widget_add_css_class (self->remove_button, "flat");
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), self->remove_button);
}

/**
 * genu_intervention_editor_new:
 * @intervention: (transfer none): edited in place; the editor keeps a reference
 *
 * Returns: (transfer floating): the editor, collapsed
 */
GtkWidget *
genu_intervention_editor_new (GenuIntervention *intervention)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION (intervention), NULL);

  return g_object_new (GENU_TYPE_INTERVENTION_EDITOR, "intervention", intervention, NULL);
}

GenuIntervention *
genu_intervention_editor_get_intervention (GenuInterventionEditor *self)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION_EDITOR (self), NULL);

  return self->intervention;
}

void
genu_intervention_editor_set_read_only (GenuInterventionEditor *self,
                                        gboolean                read_only)
{
  g_return_if_fail (GENU_IS_INTERVENTION_EDITOR (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;

  self->read_only = read_only;
  for (guint i = 0; i < self->fields->len; i++)
    gtk_widget_set_sensitive (((Field *) g_ptr_array_index (self->fields, i))->row, !read_only);
  gtk_widget_set_sensitive (self->note, !read_only);
  gtk_widget_set_visible (self->remove_button, !read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

gboolean
genu_intervention_editor_get_read_only (GenuInterventionEditor *self)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION_EDITOR (self), FALSE);

  return self->read_only;
}

/**
 * genu_intervention_editor_show_errors:
 * @errors: (nullable) (element-type GenuFieldError): the errors of the whole session
 * @index: the position of this intervention in the session
 *
 * A session's message names the intervention ("Intervention 1 (…): Minutes: …"); under the
 * field's own row the intervention's own message ("Minutes: …") is enough, so that one is shown
 * when the intervention's rules give one.
 */
void
genu_intervention_editor_show_errors (GenuInterventionEditor *self,
                                      GPtrArray              *errors,
                                      guint                   index)
{
  g_autoptr(GPtrArray) own = NULL;
  gboolean any = FALSE;

  g_return_if_fail (GENU_IS_INTERVENTION_EDITOR (self));

  own = genu_intervention_validate (self->intervention);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *key = g_strdup_printf ("interventions[%u].%s", index, field->def->id);
      const char *message = errors != NULL ? genu_field_errors_lookup (errors, key) : NULL;

      if (message != NULL && genu_field_errors_lookup (own, field->def->id) != NULL)
        message = genu_field_errors_lookup (own, field->def->id);
      genu_field_error_set (field->row, message);
      any |= message != NULL;
    }

  if (any)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
}

/**
 * genu_intervention_editor_get_field:
 * @field_id: a field id of the kind's table, or "note"
 *
 * Returns: (transfer none) (nullable): the row of the field
 */
GtkWidget *
genu_intervention_editor_get_field (GenuInterventionEditor *self,
                                    const char             *field_id)
{
  Field *field;

  g_return_val_if_fail (GENU_IS_INTERVENTION_EDITOR (self), NULL);

  if (g_strcmp0 (field_id, "note") == 0)
    return self->note;
  field = lookup_field (self, field_id);
  return field != NULL ? field->row : NULL;
}

/**
 * genu_intervention_editor_get_field_error:
 *
 * Returns: (nullable): the message shown under the field's row, or %NULL
 */
const char *
genu_intervention_editor_get_field_error (GenuInterventionEditor *self,
                                          const char             *field_id)
{
  Field *field;

  g_return_val_if_fail (GENU_IS_INTERVENTION_EDITOR (self), NULL);

  field = lookup_field (self, field_id);
  return field != NULL ? genu_field_error_get (field->row) : NULL;
}

/**
 * genu_intervention_editor_get_choice_button:
 *
 * Returns: (transfer none) (nullable): the toggle button of @choice_id of the CHOICES field
 * @field_id
 */
GtkWidget *
genu_intervention_editor_get_choice_button (GenuInterventionEditor *self,
                                            const char             *field_id,
                                            const char             *choice_id)
{
  Field *field;

  g_return_val_if_fail (GENU_IS_INTERVENTION_EDITOR (self), NULL);

  field = lookup_field (self, field_id);
  if (field == NULL || field->buttons == NULL)
    return NULL;
  for (guint i = 0; i < field->buttons->len; i++)
    if (g_strcmp0 (field->def->choices[i].id, choice_id) == 0)
      return g_ptr_array_index (field->buttons, i);
  return NULL;
}

GtkWidget *
genu_intervention_editor_get_remove_button (GenuInterventionEditor *self)
{
  g_return_val_if_fail (GENU_IS_INTERVENTION_EDITOR (self), NULL);

  return self->remove_button;
}
