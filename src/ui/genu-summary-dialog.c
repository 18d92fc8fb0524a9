/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-summary-dialog.h"
#include "genu-field-error.h"
#include "genu-validation.h"

#include <glib/gi18n.h>

struct _GenuSummaryDialog
{
  AdwMessageDialog   parent_instance;

  GenuStore         *store;
  GenuPatient       *patient;
  GenuSummaryAction  action;
  GSettings         *settings;

  AdwComboRow       *range;
  AdwEntryRow       *from;
  AdwEntryRow       *to;
  GtkSwitch         *differential;

  /* What genu_summary_dialog_get_options() hands out. */
  char              *clinic_name;
  char              *clinic_address;
  char              *clinic_phone;
  char              *logo_path;
  char              *paper;
  char              *from_text;
  char              *to_text;
};

G_DEFINE_FINAL_TYPE (GenuSummaryDialog, genu_summary_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The whole record, or a date range. */
enum {
  RANGE_ALL,
  RANGE_DATES,
};

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* A date of the range: empty means open-ended; otherwise a real date. */
static gboolean
check_date (AdwEntryRow *row,
            GDate       *date)
{
  g_autofree char *text = entry_text (row);
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  if (*text == '\0' || genu_parse_date (text, date, &error))
    {
      genu_field_error_set (GTK_WIDGET (row), NULL);
      return TRUE;
    }
  genu_field_error_set (GTK_WIDGET (row), error->message);
  return FALSE;
}

/* Says what is wrong right under the date, and keeps the print or save button off meanwhile. */
static gboolean
check_range (GenuSummaryDialog *self)
{
  gboolean dates = adw_combo_row_get_selected (self->range) == RANGE_DATES;
  gboolean ok = TRUE;
  GDate from, to;

  gtk_widget_set_visible (GTK_WIDGET (self->from), dates);
  gtk_widget_set_visible (GTK_WIDGET (self->to), dates);
  if (dates)
    {
      ok = check_date (self->from, &from) & check_date (self->to, &to);
      if (ok && g_date_valid (&from) && g_date_valid (&to) && g_date_compare (&from, &to) > 0)
        {
          genu_field_error_set (GTK_WIDGET (self->to),
                                _("The end of the range is before its start. Type a later "
                                  "date, or swap them."));
          ok = FALSE;
        }
    }
  else
    {
      genu_field_error_set (GTK_WIDGET (self->from), NULL);
      genu_field_error_set (GTK_WIDGET (self->to), NULL);
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "go", ok);
  return ok;
}

static void
range_changed_cb (GenuSummaryDialog *self)
{
  check_range (self);
}

static void
print_begin_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                GenuReport        *report)
{
  guint n_pages = genu_report_paginate (report, gtk_print_context_get_cairo_context (context),
                                        gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, n_pages);
}

static void
print_draw_cb (GtkPrintOperation *operation,
               GtkPrintContext   *context,
               int                page,
               GenuReport        *report)
{
  genu_report_draw_page (report, gtk_print_context_get_cairo_context (context), page);
}

GtkPrintOperation *
genu_summary_print_operation_new (GenuStore                *store,
                                  GenuPatient              *patient,
                                  const GenuReportOptions  *options,
                                  GError                  **error)
{
  g_autoptr(GenuReport) report = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *name = genu_summary_dup_file_name (patient);
  GtkPrintOperation *operation;
  double width, height;

  g_return_val_if_fail (GENU_IS_STORE (store), NULL);
  g_return_val_if_fail (GENU_IS_PATIENT (patient), NULL);

  report = genu_report_new (store, genu_patient_get_id (patient), options, error);
  if (report == NULL)
    return NULL;

  /* The report's paper (the settings', or the locale's) is where the dialog starts. */
  genu_report_get_page_size (report, &width, &height);
  paper = gtk_paper_size_new (width > 600 ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The report lives as long as the operation that draws it. */
  g_signal_connect (operation, "begin-print", G_CALLBACK (print_begin_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (print_draw_cb), report);
  g_object_set_data_full (G_OBJECT (operation), "genu-report", g_steal_pointer (&report),
                          g_object_unref);
  return operation;
}

char *
genu_summary_dup_file_name (GenuPatient *patient)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = genu_patient_dup_display_name (patient);
  g_autofree char *file = NULL;

  /* TRANSLATORS: the suggested file name of a PDF: the patient's name – the date */
  file = g_strdup_printf (_("%s – treatment summary %s.pdf"), name, today);
  /* A slash in a name would make a folder of it. */
  return g_strdelimit (g_steal_pointer (&file), "/\\", '-');
}

static void
save_response_cb (GtkNativeDialog   *chooser,
                  int                response,
                  GenuSummaryDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GenuReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GenuReportOptions options;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      genu_summary_dialog_get_options (self, &options);
      report = genu_report_new (self->store, genu_patient_get_id (self->patient), &options, &error);
      if (report == NULL || !genu_report_write_pdf (report, path, &error))
        {
          GtkWidget *alert = adw_message_dialog_new (parent, _("The PDF Was Not Saved"),
                                                     error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
    }

  g_object_unref (chooser);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_pdf (GenuSummaryDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *name = genu_summary_dup_file_name (self->patient);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Treatment Summary"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print (GenuSummaryDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GenuReportOptions options;

  genu_summary_dialog_get_options (self, &options);
  operation = genu_summary_print_operation_new (self->store, self->patient, &options, &error);
  if (operation == NULL ||
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *alert = adw_message_dialog_new (parent, _("The Summary Was Not Printed"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
}

static void
genu_summary_dialog_response (AdwMessageDialog *dialog,
                              const char       *response)
{
  GenuSummaryDialog *self = GENU_SUMMARY_DIALOG (dialog);

  if (g_str_equal (response, "go") && check_range (self))
    {
      if (self->action == GENU_SUMMARY_PRINT)
        print (self);
      else
        save_pdf (self);
    }
}

static void
genu_summary_dialog_finalize (GObject *object)
{
  GenuSummaryDialog *self = GENU_SUMMARY_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->settings);
  g_free (self->clinic_name);
  g_free (self->clinic_address);
  g_free (self->clinic_phone);
  g_free (self->logo_path);
  g_free (self->paper);
  g_free (self->from_text);
  g_free (self->to_text);

  G_OBJECT_CLASS (genu_summary_dialog_parent_class)->finalize (object);
}

static void
genu_summary_dialog_class_init (GenuSummaryDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = genu_summary_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = genu_summary_dialog_response;
}

static GtkWidget *
entry_row_new (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
genu_summary_dialog_init (GenuSummaryDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) ranges = gtk_string_list_new (NULL);
  GtkWidget *differential_row = adw_action_row_new ();

  self->settings = g_settings_new (APP_ID);

  gtk_string_list_append (ranges, _("The whole record"));
  gtk_string_list_append (ranges, _("A date range"));
  self->range = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->range), _("Dates of care"));
  adw_combo_row_set_model (self->range, G_LIST_MODEL (ranges));
  self->from = ADW_ENTRY_ROW (entry_row_new (_("From (YYYY-MM-DD)")));
  self->to = ADW_ENTRY_ROW (entry_row_new (_("To (YYYY-MM-DD)")));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (differential_row),
                                 _("Include the suggested differential"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (differential_row),
                               _("Labelled as decision support, not a diagnosis"));
  self->differential = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->differential), GTK_ALIGN_CENTER);
  gtk_switch_set_active (self->differential, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->differential),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Include the suggested differential"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (differential_row), GTK_WIDGET (self->differential));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (differential_row),
                                         GTK_WIDGET (self->differential));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->range));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->from));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->to));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), differential_row);
  genu_field_error_attach (GTK_WIDGET (self->from));
  genu_field_error_attach (GTK_WIDGET (self->to));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), group);

  g_signal_connect_swapped (self->range, "notify::selected", G_CALLBACK (range_changed_cb), self);
  g_signal_connect_swapped (self->from, "changed", G_CALLBACK (range_changed_cb), self);
  g_signal_connect_swapped (self->to, "changed", G_CALLBACK (range_changed_cb), self);
}

GtkWidget *
genu_summary_dialog_new (GtkWindow         *parent,
                         GenuStore         *store,
                         GenuPatient       *patient,
                         GenuSummaryAction  action)
{
  GenuSummaryDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (GENU_IS_STORE (store), NULL);
  g_return_val_if_fail (GENU_IS_PATIENT (patient), NULL);

  self = g_object_new (GENU_TYPE_SUMMARY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", action == GENU_SUMMARY_PRINT ? _("Print Treatment Summary")
                                                                : _("Save Treatment Summary as PDF"),
                       NULL);
  self->store = g_object_ref (store);
  self->patient = g_object_ref (patient);
  self->action = action;

  name = genu_patient_dup_display_name (patient);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("The treatment summary of %s, for the referring physician, "
                                    "the insurer or the patient."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "go", action == GENU_SUMMARY_PRINT ? _("_Print…")
                                                                       : _("_Save…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "go",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "go");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  check_range (self);
  return GTK_WIDGET (self);
}

gboolean
genu_summary_dialog_get_options (GenuSummaryDialog *self,
                                 GenuReportOptions *options)
{
  g_autofree char *paper = NULL;
  gboolean dates;

  g_return_val_if_fail (GENU_IS_SUMMARY_DIALOG (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  g_free (self->clinic_name);
  g_free (self->clinic_address);
  g_free (self->clinic_phone);
  g_free (self->logo_path);
  g_free (self->paper);
  g_free (self->from_text);
  g_free (self->to_text);
  self->clinic_name = g_settings_get_string (self->settings, "clinic-name");
  self->clinic_address = g_settings_get_string (self->settings, "clinic-address");
  self->clinic_phone = g_settings_get_string (self->settings, "clinic-phone");
  self->logo_path = g_settings_get_string (self->settings, "clinic-logo");
  paper = g_settings_get_string (self->settings, "paper-size");
  self->paper = g_str_equal (paper, "locale") ? NULL : g_steal_pointer (&paper);

  dates = adw_combo_row_get_selected (self->range) == RANGE_DATES;
  self->from_text = dates ? entry_text (self->from) : NULL;
  self->to_text = dates ? entry_text (self->to) : NULL;

  *options = (GenuReportOptions) {
    .clinic_name = self->clinic_name,
    .clinic_address = self->clinic_address,
    .clinic_phone = self->clinic_phone,
    .logo_path = *self->logo_path != '\0' ? self->logo_path : NULL,
    .from = self->from_text != NULL && *self->from_text != '\0' ? self->from_text : NULL,
    .to = self->to_text != NULL && *self->to_text != '\0' ? self->to_text : NULL,
    .include_differential = gtk_switch_get_active (self->differential),
    .paper = self->paper,
  };
  return check_range (self);
}

GtkWidget *
genu_summary_dialog_get_field (GenuSummaryDialog *self,
                               const char        *field)
{
  g_return_val_if_fail (GENU_IS_SUMMARY_DIALOG (self), NULL);

  if (g_str_equal (field, "range"))
    return GTK_WIDGET (self->range);
  if (g_str_equal (field, "from"))
    return GTK_WIDGET (self->from);
  if (g_str_equal (field, "to"))
    return GTK_WIDGET (self->to);
  if (g_str_equal (field, "differential"))
    return GTK_WIDGET (self->differential);
  return NULL;
}

const char *
genu_summary_dialog_get_field_error (GenuSummaryDialog *self,
                                     const char        *field)
{
  GtkWidget *row = genu_summary_dialog_get_field (self, field);

  return row != NULL ? genu_field_error_get (row) : NULL;
}
