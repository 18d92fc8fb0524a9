/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-import-dialog.h"

#include <glib/gi18n.h>

#include "genu-import.h"

struct _GenuImportDialog
{
  AdwWindow         parent_instance;

  GenuStore        *store;
  GFile            *file;
  GenuImportReport *report;

  GtkWidget        *import_button;
  GtkWidget        *skip_switch;
  GtkWidget        *skip_row;
  GtkWidget        *summary;
  GtkListBox       *preview;
  GtkListBox       *problems;
  GtkWidget        *problems_title;
};

G_DEFINE_FINAL_TYPE (GenuImportDialog, genu_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_import_button (GenuImportDialog *self)
{
  gboolean ok = self->report != NULL && self->report->n_good > 0 &&
                (self->report->n_bad == 0 ||
                 gtk_switch_get_active (GTK_SWITCH (self->skip_switch)));

  gtk_widget_set_sensitive (self->import_button, ok);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
show_report (GenuImportDialog *self)
{
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *summary = NULL;
  GenuImportReport *report = self->report;

  good = g_strdup_printf (ngettext ("%u patient can be imported.",
                                    "%u patients can be imported.", report->n_good),
                          report->n_good);
  if (report->n_bad > 0)
    bad = g_strdup_printf (ngettext ("%u row has problems: fix the file and open it again, "
                                     "or skip that row.",
                                     "%u rows have problems: fix the file and open it again, "
                                     "or skip those rows.",
                                     report->n_bad),
                           report->n_bad);
  /* TRANSLATORS: import summary: how many patients can be imported, how many rows are bad */
  summary = bad != NULL ? g_strdup_printf (C_("import summary", "%s %s"), good, bad)
                        : g_steal_pointer (&good);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);

  for (guint i = 0; i < report->preview->len; i++)
    {
      GenuPatient *patient = g_ptr_array_index (report->preview, i);
      g_autofree char *name = genu_patient_dup_display_name (patient);
      const char *number = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);
      g_autofree char *details =
        /* TRANSLATORS: date of birth · record number, in the import preview */
        g_strdup_printf (_("%s · %s"),
                         genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH),
                         *number != '\0' ? number : _("new record number"));

      gtk_list_box_append (self->preview, text_row (name, details));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview), report->preview->len > 0);

  for (guint i = 0; i < report->problems->len; i++)
    {
      GenuImportProblem *problem = g_ptr_array_index (report->problems, i);
      g_autofree char *title =
        problem->field != NULL
        /* TRANSLATORS: a problem of an imported CSV file: row number, column name */
        ? g_strdup_printf (_("Row %u, %s"), problem->row, problem->field)
        /* TRANSLATORS: a problem of an imported CSV file: row number */
        : g_strdup_printf (_("Row %u"), problem->row);

      gtk_list_box_append (self->problems, text_row (title, problem->message));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems), report->problems->len > 0);
  gtk_widget_set_visible (self->problems_title, report->problems->len > 0);

  if (report->n_bad > 0)
    {
      g_autofree char *skip =
        g_strdup_printf (ngettext ("Skip the %u row with problems",
                                   "Skip the %u rows with problems", report->n_bad),
                         report->n_bad);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_row), skip);
    }
  gtk_widget_set_visible (self->skip_row, report->n_bad > 0);
  update_import_button (self);
}

static void
on_import (GenuImportDialog *self)
{
  g_autoptr(GenuImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean skip_bad = gtk_switch_get_active (GTK_SWITCH (self->skip_switch));

  if (!genu_import_patients (self->store, self->file, skip_bad, &report, &error))
    {
      gtk_label_set_text (GTK_LABEL (self->summary), error->message);
      gtk_widget_set_sensitive (self->import_button, FALSE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, report->n_imported);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
genu_import_dialog_dispose (GObject *object)
{
  GenuImportDialog *self = GENU_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->report, genu_import_report_free);

  G_OBJECT_CLASS (genu_import_dialog_parent_class)->dispose (object);
}

static void
genu_import_dialog_class_init (GenuImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_import_dialog_dispose;

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static void
genu_import_dialog_init (GenuImportDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *skip_list = gtk_list_box_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Import Patients"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_box_append (GTK_BOX (box), self->summary);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (skip_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (skip_list, "boxed-list");
  self->skip_row = adw_action_row_new ();
  self->skip_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->skip_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->skip_row), self->skip_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->skip_row), self->skip_switch);
  g_signal_connect_swapped (self->skip_switch, "notify::active",
                            G_CALLBACK (update_import_button), self);
  gtk_list_box_append (GTK_LIST_BOX (skip_list), self->skip_row);
  gtk_box_append (GTK_BOX (box), skip_list);

  self->problems_title = heading (_("Problems"));
  gtk_box_append (GTK_BOX (box), self->problems_title);
  self->problems = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->problems, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems));

  gtk_box_append (GTK_BOX (box), heading (_("First Patients")));
  self->preview = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->preview, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->preview));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

GtkWidget *
genu_import_dialog_new (GtkWindow *parent,
                        GenuStore *store,
                        GFile     *file)
{
  GenuImportDialog *self = g_object_new (GENU_TYPE_IMPORT_DIALOG,
                                         "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  self->report = genu_import_patients_check (store, file, &error);
  if (self->report == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->summary), error->message);
      gtk_widget_set_visible (self->skip_row, FALSE);
      gtk_widget_set_visible (self->problems_title, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->problems), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview), FALSE);
      update_import_button (self);
    }
  else
    {
      show_report (self);
    }
  return GTK_WIDGET (self);
}

GtkWidget *
genu_import_dialog_get_import_button (GenuImportDialog *self)
{
  return self->import_button;
}

GtkWidget *
genu_import_dialog_get_skip_switch (GenuImportDialog *self)
{
  return self->skip_switch;
}

GtkListBox *
genu_import_dialog_get_preview (GenuImportDialog *self)
{
  return self->preview;
}

GtkListBox *
genu_import_dialog_get_problems (GenuImportDialog *self)
{
  return self->problems;
}
