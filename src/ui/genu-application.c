/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-application.h"
#include "genu-backup.h"
#include "genu-preferences-window.h"
#include "genu-store.h"
#include "genu-window.h"

#include <glib/gi18n.h>

struct _GenuApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
};

G_DEFINE_FINAL_TYPE (GenuApplication, genu_application, ADW_TYPE_APPLICATION)

static void
genu_application_finalize (GObject *object)
{
  GenuApplication *self = GENU_APPLICATION (object);

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
      /* The window owns the store: a restore closes it and opens the restored file. */
      g_autoptr(GenuStore) store = genu_store_open (path, &error);

      window = g_object_new (GENU_TYPE_WINDOW,
                             "application", app,
                             "database-path", path,
                             "store", store,
                             NULL);
      if (store == NULL)
        genu_window_show_error (GENU_WINDOW (window), error->message);
      else
        genu_window_start_daily_backup (GENU_WINDOW (window));
    }

  gtk_window_present (window);
}

/* Runs in the first instance, for its own start and for every later `genu` started while it runs
 * (GApplication uniqueness). A later start may not open a second database in the same window:
 * it is told so, and the window that is open comes to the front. */
static int
genu_application_command_line (GApplication            *app,
                               GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  GenuWindow *window = NULL;
  const char *path = NULL;
  int status = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (GENU_IS_WINDOW (l->data))
      window = l->data;

  if (window != NULL && g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      g_autoptr(GFile) open = g_file_new_for_path (genu_window_get_database_path (window));
      g_autoptr(GFile) wanted = g_application_command_line_create_file_for_arg (command_line,
                                                                                 path);

      if (!g_file_equal (wanted, open))
        {
          g_autofree char *open_path = g_file_get_path (open);
          g_autofree char *wanted_path = g_file_get_path (wanted);

          g_application_command_line_printerr (command_line,
                                               _("Genu is already open with the database "
                                                 "“%s”. Quit Genu first to open “%s”.\n"),
                                               open_path, wanted_path);
          status = 2;
        }
    }

  g_application_activate (app);
  return status;
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
  GtkWidget *preferences = genu_preferences_window_new (parent);

  if (GENU_IS_WINDOW (parent) && genu_window_get_database_path (GENU_WINDOW (parent)) != NULL)
    {
      g_autofree char *folder =
        genu_backup_daily_folder (genu_window_get_database_path (GENU_WINDOW (parent)));

      genu_preferences_window_set_backup_folder (GENU_PREFERENCES_WINDOW (preferences), folder);
    }
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  /* A copy: a window that closes leaves the application's own list. */
  g_autolist(GtkWindow) windows = g_list_copy_deep (gtk_application_get_windows (app),
                                                    (GCopyFunc) (void (*) (void)) g_object_ref,
                                                    NULL);

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
  app_class->command_line = genu_application_command_line;
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
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
