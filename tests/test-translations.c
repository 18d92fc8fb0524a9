/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The German and Spanish UIs, with the catalogues built in this tree: translated, the knowledge
 * base included, and German's longer words still fitting. With GENU_SCREENSHOT_DIR set, it saves
 * pictures of the German window, light, dark and narrow. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "genu-knowledge-base.h"
#include "genu-test-patient-list.h"
#include "genu-test-ui.h"
#include "genu-test-utils.h"
#include "genu-window.h"

typedef struct
{
  const char *locale;
  const char *save;         /* "Save" in that language */
  const char *condition;    /* the first condition of the knowledge base */
} Language;

static const Language languages[] = {
  { "de_DE.UTF-8", "Speichern", NULL },
  { "es_ES.UTF-8", "Guardar", NULL },
};

static gboolean
use_locale (const char *locale)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  if (setlocale (LC_ALL, locale) == NULL)
    return FALSE;
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* As src/main.c does: the templates and _() of the UI use the default domain. */
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

/* The strings of the window and of the knowledge base come out in the language. */
static void
test_translated (gconstpointer data)
{
  const Language *language = data;

  if (!use_locale (language->locale))
    {
      g_test_skip ("the locale is not installed (.ci/install-deps compiles it)");
      return;
    }
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Save"), ==, language->save);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Medial meniscus tear"), !=,
                   "Medial meniscus tear");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Decision support for the treating clinician, "
                                                "not a diagnosis."), !=,
                   "Decision support for the treating clinician, not a diagnosis.");
  setlocale (LC_ALL, "C.UTF-8");
}

/* The German window, wide and at 360 px, light and dark: its longer words fit (no window wider
 * than asked), and the pictures are there to look at. */
static void
test_german_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GenuPatient) patient = genu_patient_new ();
  GtkWindow *window;
  GenuKnowledgeBase *kb;

  if (!use_locale ("de_DE.UTF-8"))
    {
      g_test_skip ("the German locale is not installed (.ci/install-deps compiles it)");
      return;
    }

  /* Loaded now, the knowledge base speaks German. */
  kb = genu_knowledge_base_get_default ();
  g_assert_cmpstr (genu_knowledge_base_lookup_condition (kb, "medial_meniscus_tear")->name, !=,
                   "Medial meniscus tear");

  dir = genu_test_make_dir ();
  path = g_build_filename (dir, "genu.db", NULL);
  store = genu_store_open (path, &error);
  g_assert_no_error (error);
  genu_patient_set_text (patient, GENU_PATIENT_FAMILY_NAME, "Mustermann");
  genu_patient_set_text (patient, GENU_PATIENT_GIVEN_NAMES, "Erika");
  genu_patient_set_text (patient, GENU_PATIENT_DATE_OF_BIRTH, "1984-06-02");
  g_assert_true (genu_store_save_patient (store, patient, &error));

  window = GTK_WINDOW (g_object_new (GENU_TYPE_WINDOW, "store", store, NULL));
  gtk_window_set_default_size (window, 1100, 760);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* The patient, then a new visit: the assessment form has the longest German words. */
  genu_test_patient_list_click (window, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-visit", NULL));
  genu_test_iterate ();
  genu_test_screenshot (window, "german.png", FALSE);
  genu_test_screenshot (window, "german-dark.png", TRUE);

  /* Again and again, as a person drags the edge: once folded, the pane needs less room. A slow
   * run (the sanitizers) can take more than two rounds to settle; a layout that cannot fold
   * never gets narrow. */
  for (guint i = 0; i < 10 && gtk_widget_get_width (GTK_WIDGET (window)) > 400; i++)
    {
      gtk_window_set_default_size (window, 360, 720);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      genu_test_iterate ();
    }
  genu_test_screenshot (window, "german-narrow.png", FALSE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);

  gtk_window_destroy (window);
  genu_test_iterate ();
  genu_test_remove_tree (dir);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* As in the other UI tests: each resize lands at once. (Animated, the leaflet's fold also leaks
   * its render nodes inside libadwaita 1.2 / GTK 4.8, 8.6 kB a fold, which the sanitizer run
   * reports; no Genu code is on that path.) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_data_func ("/translations/german", &languages[0], test_translated);
  g_test_add_data_func ("/translations/spanish", &languages[1], test_translated);
  g_test_add_func ("/translations/german-window", test_german_window);

  return g_test_run ();
}
