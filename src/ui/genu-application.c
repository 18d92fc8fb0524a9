/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-application.h"
#include "genu-preferences-window.h"
#include "genu-store.h"
#include "genu-window.h"

#include <glib/gi18n.h>

struct _GenuApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  GenuStore      *store;
};

G_DEFINE_FINAL_TYPE (GenuApplication, genu_application, ADW_TYPE_APPLICATION)

static void
genu_application_finalize (GObject *object)
{
  GenuApplication *self = GENU_APPLICATION (object);

  g_clear_object (&self->store);
  g_free (self->database_path);

  G_OBJECT_CLASS (genu_application_parent_class)->finalize (object);
}

static int
genu_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  GenuApplication *self = GENU_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("genu %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    self->database_path = g_strdup (path);

  return -1;
}

static void
genu_application_activate (GApplication *app)
{
  GenuApplication *self = GENU_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (window == NULL)
    {
      g_autofree char *path = self->database_path ? g_strdup (self->database_path)
                                                  : genu_store_default_path ();

      if (self->store == NULL)
        self->store = genu_store_open (path, &error);

      window = g_object_new (GENU_TYPE_WINDOW,
                             "application", app,
                             "store", self->store,
                             NULL);
      if (self->store == NULL)
        genu_window_show_error (GENU_WINDOW (window), error->message);
    }

  gtk_window_present (window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Genu developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Genu"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Genu developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Patient records, knee assessments and treatment "
                                       "sessions for physical therapists who treat runners."),
                         "website", "https://genu.org",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "copyright", "© 2026 The Genu developers",
                         NULL);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (genu_preferences_window_new (parent)));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing through the windows lets each one ask about unsaved changes first. */
  if (windows == NULL)
    g_application_quit (G_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
};

static void
genu_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-patient", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.print", { "<Control>p", NULL } },
  };

  G_APPLICATION_CLASS (genu_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
genu_application_class_init (GenuApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = genu_application_finalize;
  app_class->handle_local_options = genu_application_handle_local_options;
  app_class->startup = genu_application_startup;
  app_class->activate = genu_application_activate;
}

static void
genu_application_init (GenuApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("The database file to open (default: $GENU_DATABASE, or genu.db in the data folder)"),
      N_("PATH") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

GenuApplication *
genu_application_new (void)
{
  return g_object_new (GENU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
