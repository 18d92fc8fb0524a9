/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-summary-dialog.h"
#include "genu-test-ui.h"
#include "genu-test-utils.h"

typedef struct
{
  char              *dir;
  GenuStore         *store;
  GenuPatient       *patient;
  GtkWindow         *window;
  GenuSummaryDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = genu_test_make_dir ();
  path = g_build_filename (fixture->dir, "genu.db", NULL);
  fixture->store = genu_store_open (path, &error);
  g_assert_no_error (error);

  fixture->patient = genu_patient_new ();
  genu_patient_set_text (fixture->patient, GENU_PATIENT_FAMILY_NAME, "Mustermann");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_GIVEN_NAMES, "Erika/Maria");
  genu_patient_set_text (fixture->patient, GENU_PATIENT_DATE_OF_BIRTH, "1984-06-02");
  g_assert_true (genu_store_save_patient (fixture->store, fixture->patient, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->window);
  fixture->dialog = GENU_SUMMARY_DIALOG (genu_summary_dialog_new (fixture->window, fixture->store,
                                                                  fixture->patient,
                                                                  GENU_SUMMARY_SAVE_PDF));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  genu_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->store);
  genu_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
type_into (Fixture    *fixture,
           const char *field,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (genu_summary_dialog_get_field (fixture->dialog, field)),
                         text);
  genu_test_iterate ();
}

static gboolean
can_go (Fixture *fixture)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (fixture->dialog), "go");
}

/* The whole record by default, with the differential; a date range refuses wrong dates at the
 * field, and the button waits until they are right. */
static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  GenuReportOptions options;

  g_assert_true (genu_summary_dialog_get_options (fixture->dialog, &options));
  g_assert_null (options.from);
  g_assert_null (options.to);
  g_assert_true (options.include_differential);
  g_assert_false (gtk_widget_get_visible (genu_summary_dialog_get_field (fixture->dialog, "from")));

  adw_combo_row_set_selected (ADW_COMBO_ROW (genu_summary_dialog_get_field (fixture->dialog,
                                                                            "range")), 1);
  genu_test_iterate ();
  g_assert_true (gtk_widget_get_visible (genu_summary_dialog_get_field (fixture->dialog, "from")));

  type_into (fixture, "from", "2026-13-01");
  g_assert_nonnull (genu_summary_dialog_get_field_error (fixture->dialog, "from"));
  g_assert_false (can_go (fixture));
  g_assert_false (genu_summary_dialog_get_options (fixture->dialog, &options));

  type_into (fixture, "from", "2026-03-01");
  type_into (fixture, "to", "2026-02-01");
  g_assert_null (genu_summary_dialog_get_field_error (fixture->dialog, "from"));
  g_assert_nonnull (strstr (genu_summary_dialog_get_field_error (fixture->dialog, "to"),
                            "before its start"));
  g_assert_false (can_go (fixture));

  type_into (fixture, "to", "2026-04-30");
  g_assert_true (can_go (fixture));
  gtk_switch_set_active (GTK_SWITCH (genu_summary_dialog_get_field (fixture->dialog,
                                                                    "differential")), FALSE);
  g_assert_true (genu_summary_dialog_get_options (fixture->dialog, &options));
  g_assert_cmpstr (options.from, ==, "2026-03-01");
  g_assert_cmpstr (options.to, ==, "2026-04-30");
  g_assert_false (options.include_differential);
}

static void
test_file_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *name = genu_summary_dup_file_name (fixture->patient);

  g_assert_true (g_str_has_prefix (name, "Mustermann, Erika-Maria – treatment summary "));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_null (strchr (name, '/'));
}

/* Printing draws the pages of the report: exported through the same print operation, the
 * document holds the patient's name. */
static void
test_print_operation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *command = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  GenuReportOptions options;
  int status = 0;

  g_assert_true (genu_summary_dialog_get_options (fixture->dialog, &options));
  operation = genu_summary_print_operation_new (fixture->store, fixture->patient, &options,
                                                &error);
  g_assert_no_error (error);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  quoted = g_shell_quote (pdf);
  command = g_strdup_printf ("pdftotext %s -", quoted);
  g_assert_true (g_spawn_command_line_sync (command, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Mustermann"));
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/summary-dialog/options", test_options);
  ADD ("/ui/summary-dialog/file-name", test_file_name);
  ADD ("/ui/summary-dialog/print-operation", test_print_operation);

#undef ADD

  return g_test_run ();
}
