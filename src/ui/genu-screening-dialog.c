/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-screening-dialog.h"
#include "genu-field-error.h"
#include "genu-validation.h"

#include <glib/gi18n.h>

/* The IASTM screening of a plan of care, asked before its first IASTM session: each
 * contraindication and precaution as a check box. A contraindication answered yes is not a
 * refusal but needs a named acknowledgement, which is stored with the plan. */

struct _GenuScreeningDialog
{
  AdwWindow            parent_instance;

  GenuPlan            *plan;
  GHashTable          *checks;       /* contraindication id -> GtkCheckButton */

  AdwPreferencesGroup *contraindications_group;
  AdwPreferencesGroup *precautions_group;
  GtkRevealer         *footer;
  GtkWidget           *warning_icon;
  GtkLabel            *warning;
  GtkWidget           *acknowledgement_list;
  AdwEntryRow         *acknowledged_by;
};

enum {
  SIGNAL_SCREENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GenuScreeningDialog, genu_screening_dialog, ADW_TYPE_WINDOW)

/* The labels of the checked items of one kind, joined for a sentence; NULL when none. */
static char *
dup_checked_labels (GenuScreeningDialog *self,
                    gboolean             precautions)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  const GenuContraindication *table;
  guint n;

  table = genu_iastm_contraindications (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->checks, table[i].id);

      if (table[i].precaution != precautions || !gtk_check_button_get_active (check))
        continue;
      if (labels->len > 0)
        /* TRANSLATORS: between the items of a list in a sentence */
        g_string_append (labels, _(", "));
      g_string_append (labels, genu_iastm_contraindication_get_label (&table[i]));
    }

  return labels->len > 0 ? g_string_free (g_steal_pointer (&labels), FALSE) : NULL;
}

static void
update (GenuScreeningDialog *self)
{
  g_autofree char *contraindicated = dup_checked_labels (self, FALSE);
  g_autofree char *precautions = dup_checked_labels (self, TRUE);
  g_autoptr(GString) text = g_string_new (NULL);

  if (contraindicated != NULL)
    {
      /* TRANSLATORS: %s lists the contraindications answered yes */
      g_string_append_printf (text, _("IASTM is contraindicated with: %s. Proceed only after "
                                      "considering it; your acknowledgement is stored."),
                              contraindicated);
      if (precautions != NULL)
        g_string_append_c (text, '\n');
    }
  if (precautions != NULL)
    /* TRANSLATORS: %s lists the precautions answered yes */
    g_string_append_printf (text, _("Use IASTM with care: %s."), precautions);
  if (contraindicated == NULL && precautions != NULL)
    g_string_append_printf (text, " %s", _("No acknowledgement is needed."));

  gtk_label_set_text (self->warning, text->str);
  gtk_widget_remove_css_class (GTK_WIDGET (self->warning), "error");
  gtk_widget_remove_css_class (self->warning_icon, "error");
  gtk_widget_remove_css_class (self->warning_icon, "warning");
  if (contraindicated != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->warning), "error");
      gtk_widget_add_css_class (self->warning_icon, "error");
    }
  else
    {
      gtk_widget_add_css_class (self->warning_icon, "warning");
    }

  gtk_revealer_set_reveal_child (self->footer, text->len > 0);
  gtk_widget_set_visible (self->acknowledgement_list, contraindicated != NULL);
  if (contraindicated == NULL)
    genu_field_error_set (GTK_WIDGET (self->acknowledged_by), NULL);
}

static void
check_toggled_cb (GenuScreeningDialog *self)
{
  update (self);
}

static void
name_changed_cb (GenuScreeningDialog *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->acknowledged_by)) != '\0')
    genu_field_error_set (GTK_WIDGET (self->acknowledged_by), NULL);
}

static void
add_check_row (GenuScreeningDialog        *self,
               const GenuContraindication *item)
{
  const char *label = genu_iastm_contraindication_get_label (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (item->precaution ? self->precautions_group
                                              : self->contraindications_group, row);

  g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  g_hash_table_insert (self->checks, (gpointer) item->id, check);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GenuScreeningDialog *self = GENU_SCREENING_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  /* A missing name is shown under its field; nothing else to say. */
  if (!genu_screening_dialog_confirm (self, &error))
    g_debug ("Screening not saved: %s", error->message);
}

static void
genu_screening_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_SCREENING_DIALOG);

  G_OBJECT_CLASS (genu_screening_dialog_parent_class)->dispose (object);
}

static void
genu_screening_dialog_finalize (GObject *object)
{
  GenuScreeningDialog *self = GENU_SCREENING_DIALOG (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (genu_screening_dialog_parent_class)->finalize (object);
}

static void
genu_screening_dialog_class_init (GenuScreeningDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_screening_dialog_dispose;
  object_class->finalize = genu_screening_dialog_finalize;

  /**
   * GenuScreeningDialog::screened:
   * @plan: the plan, already changed
   *
   * The screening was confirmed and written into @plan; the window saves it.
   */
  signals[SIGNAL_SCREENED] =
    g_signal_new ("screened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GENU_TYPE_PLAN);

  gtk_widget_class_install_action (widget_class, "screening.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/genu-screening-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog,
                                        contraindications_group);
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog, precautions_group);
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog, footer);
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog, warning);
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog, acknowledgement_list);
  gtk_widget_class_bind_template_child (widget_class, GenuScreeningDialog, acknowledged_by);
}

static void
genu_screening_dialog_init (GenuScreeningDialog *self)
{
  const GenuContraindication *table;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_hash_table_new (g_str_hash, g_str_equal);
  table = genu_iastm_contraindications (&n);
  for (guint i = 0; i < n; i++)
    add_check_row (self, &table[i]);

  genu_field_error_attach (GTK_WIDGET (self->acknowledged_by));
  g_signal_connect_swapped (self->acknowledged_by, "changed", G_CALLBACK (name_changed_cb), self);
}

/**
 * genu_screening_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @plan: the plan screened; changed in place once confirmed
 * @therapist: (nullable): the name to offer for the acknowledgement
 *
 * Returns: (transfer floating): a new dialog, showing the plan's current answers
 */
GtkWidget *
genu_screening_dialog_new (GtkWindow  *parent,
                           GenuPlan   *plan,
                           const char *therapist)
{
  GenuScreeningDialog *self;
  const char * const *ids;
  const char *name;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GENU_IS_PLAN (plan), NULL);

  self = g_object_new (GENU_TYPE_SCREENING_DIALOG, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);

  ids = genu_plan_get_contraindications (plan);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->checks, ids[i]);

      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
    }

  name = therapist != NULL && *therapist != '\0' ? therapist
                                                 : genu_plan_get_acknowledged_by (plan);
  gtk_editable_set_text (GTK_EDITABLE (self->acknowledged_by), name);
  update (self);

  return GTK_WIDGET (self);
}

GenuPlan *
genu_screening_dialog_get_plan (GenuScreeningDialog *self)
{
  g_return_val_if_fail (GENU_IS_SCREENING_DIALOG (self), NULL);

  return self->plan;
}

/**
 * genu_screening_dialog_confirm:
 *
 * What the confirm button does: writes the answers into the plan (screening done; with a
 * contraindication, who acknowledged it and when), emits #GenuScreeningDialog::screened and
 * closes the dialog. With a contraindication checked and no name to acknowledge it, changes
 * nothing, shows why under the name and fails with %GENU_VALIDATION_ERROR_INVALID.
 */
gboolean
genu_screening_dialog_confirm (GenuScreeningDialog  *self,
                               GError              **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *name = NULL;
  gboolean contraindicated = FALSE;
  const GenuContraindication *table;
  guint n;

  g_return_val_if_fail (GENU_IS_SCREENING_DIALOG (self), FALSE);

  table = genu_iastm_contraindications (&n);
  for (guint i = 0; i < n; i++)
    if (gtk_check_button_get_active (g_hash_table_lookup (self->checks, table[i].id)))
      {
        g_ptr_array_add (ids, (gpointer) table[i].id);
        contraindicated |= !table[i].precaution;
      }
  g_ptr_array_add (ids, NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->acknowledged_by))));
  if (contraindicated && *name == '\0')
    {
      const char *message = _("Type the name of the therapist who acknowledges the "
                              "contraindication.");

      genu_field_error_set (GTK_WIDGET (self->acknowledged_by), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->acknowledged_by));
      g_set_error_literal (error, GENU_VALIDATION_ERROR, GENU_VALIDATION_ERROR_INVALID, message);
      return FALSE;
    }

  genu_plan_set_contraindications (self->plan, (const char * const *) ids->pdata);
  genu_plan_set_screening_done (self->plan, TRUE);
  if (contraindicated)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

      genu_plan_set_acknowledgement (self->plan, name, at);
    }
  else
    {
      /* Nothing left to acknowledge: an earlier acknowledgement no longer applies. */
      genu_plan_set_acknowledgement (self->plan, "", "");
    }

  g_signal_emit (self, signals[SIGNAL_SCREENED], 0, self->plan);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/**
 * genu_screening_dialog_get_check:
 *
 * Returns: (transfer none) (nullable): the check button of contraindication or precaution @id
 */
GtkWidget *
genu_screening_dialog_get_check (GenuScreeningDialog *self,
                                 const char          *id)
{
  g_return_val_if_fail (GENU_IS_SCREENING_DIALOG (self), NULL);

  return g_hash_table_lookup (self->checks, id);
}

GtkWidget *
genu_screening_dialog_get_acknowledged_by (GenuScreeningDialog *self)
{
  g_return_val_if_fail (GENU_IS_SCREENING_DIALOG (self), NULL);

  return GTK_WIDGET (self->acknowledged_by);
}

/**
 * genu_screening_dialog_get_warning:
 *
 * Returns: (nullable): the warning shown for what is checked, or %NULL when nothing is
 */
const char *
genu_screening_dialog_get_warning (GenuScreeningDialog *self)
{
  g_return_val_if_fail (GENU_IS_SCREENING_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->footer))
    return NULL;
  return gtk_label_get_text (self->warning);
}
