/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GENU_PREFERENCES_ERROR (genu_preferences_error_quark ())

typedef enum {
  GENU_PREFERENCES_ERROR_UNREADABLE,  /* the file cannot be read (or is not a local file) */
  GENU_PREFERENCES_ERROR_NOT_PNG,     /* the file is not a PNG image the summaries can print */
} GenuPreferencesError;

GQuark genu_preferences_error_quark (void);

#define GENU_TYPE_PREFERENCES_WINDOW (genu_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GenuPreferencesWindow, genu_preferences_window, GENU, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget  *genu_preferences_window_new           (GtkWindow             *parent);
gboolean    genu_preferences_window_set_logo_file (GenuPreferencesWindow *self,
                                                   GFile                 *file,
                                                   GError               **error);
GtkWidget  *genu_preferences_window_get_field     (GenuPreferencesWindow *self,
                                                   const char            *field);
void        genu_preferences_window_set_backup_folder (GenuPreferencesWindow *self,
                                                       const char            *folder);
const char *genu_preferences_window_get_field_error (GenuPreferencesWindow *self,
                                                     const char            *field);

G_END_DECLS
