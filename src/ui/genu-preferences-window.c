/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-preferences-window.h"
#include "genu-field-error.h"

#include <glib/gi18n.h>
#include <string.h>

/* The preferences: what the letterhead of a summary shows, and how new records start. Every row
 * is bound to GSettings, so a change applies at once and there is nothing to save. */

struct _GenuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwEntryRow          *clinic_name;
  AdwEntryRow          *clinic_phone;
  GtkTextView          *clinic_address;
  AdwActionRow         *logo_row;
  GtkImage             *logo_picture;
  AdwEntryRow          *therapist_name;
  AdwComboRow          *distance_unit;
  AdwComboRow          *paper_size;
  AdwActionRow         *backup_row;
  GtkSpinButton        *backup_keep;
};

G_DEFINE_FINAL_TYPE (GenuPreferencesWindow, genu_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

G_DEFINE_QUARK (genu-preferences-error-quark, genu_preferences_error)

/* The values of the string keys, in the order of their combo rows' items. */
static const char * const distance_units[] = { "km", "miles", NULL };
static const char * const paper_sizes[] = { "locale", "a4", "letter", NULL };

static gboolean
choice_to_selected (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *choice = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], choice))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_choice (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint selected = g_value_get_uint (value);

  /* Nothing selected (GTK_INVALID_LIST_POSITION) leaves the setting as it was. */
  if (selected >= g_strv_length ((char **) choices))
    return NULL;
  return g_variant_new_string (choices[selected]);
}

static void
bind_choice (GenuPreferencesWindow *self,
             const char            *key,
             AdwComboRow           *row,
             const char * const    *choices)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_to_selected, selected_to_choice,
                                (gpointer) choices, NULL);
}

/* "backup-keep" is a uint, the spin button's value a double. */
static gboolean
uint_to_double (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
double_to_uint (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  double number = g_value_get_double (value);

  if (number < 0 || number > G_MAXUINT32)
    return NULL;
  return g_variant_new_uint32 ((guint32) (number + 0.5));
}

/* Shows the logo of the settings in its row, and whether there is one to remove. */
static void
logo_changed_cb (GenuPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "clinic-logo");
  gboolean has_logo = *path != '\0';

  if (has_logo)
    {
      g_autofree char *name = g_filename_display_basename (path);

      adw_action_row_set_subtitle (self->logo_row, name);
      gtk_image_set_from_file (self->logo_picture, path);
      gtk_widget_remove_css_class (GTK_WIDGET (self->logo_picture), "dim-label");
    }
  else
    {
      /* A placeholder where the logo goes keeps the row's text where it is either way. */
      adw_action_row_set_subtitle (self->logo_row, _("None"));
      gtk_image_set_from_icon_name (self->logo_picture, "image-x-generic-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->logo_picture), "dim-label");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-logo", has_logo);
}

typedef struct {
  const guchar *data;
  gsize         left;
} PngReader;

static cairo_status_t
read_png_cb (void          *closure,
             unsigned char *data,
             unsigned int   length)
{
  PngReader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* Checks that @file is a local PNG image that cairo, which draws the summaries, can read. */
static char *
dup_png_path (GFile   *file,
              GError **error)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  PngReader reader;
  gboolean readable;
  gsize length = 0;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_UNREADABLE,
                   _("“%s” is not on this computer: choose an image from a local folder."), uri);
      return NULL;
    }

  name = g_filename_display_basename (path);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_UNREADABLE,
                   _("“%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  if (length < sizeof signature || memcmp (contents, signature, sizeof signature) != 0)
    {
      g_set_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_NOT_PNG,
                   _("“%s” is not a PNG image. Choose a logo saved as PNG."), name);
      return NULL;
    }

  reader = (PngReader) { (const guchar *) contents, length };
  surface = cairo_image_surface_create_from_png_stream (read_png_cb, &reader);
  readable = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
             cairo_image_surface_get_width (surface) > 0 &&
             cairo_image_surface_get_height (surface) > 0;
  cairo_surface_destroy (surface);
  if (!readable)
    {
      g_set_error (error, GENU_PREFERENCES_ERROR, GENU_PREFERENCES_ERROR_NOT_PNG,
                   _("“%s” is a damaged PNG image. Choose another one."), name);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static void
chooser_response_cb (GenuPreferencesWindow *self,
                     int                    response,
                     GtkFileChooserNative  *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* A refused file is explained under the logo's row; nothing else to do with the error. */
      if (file != NULL)
        genu_preferences_window_set_logo_file (self, file, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GenuPreferencesWindow *self = GENU_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *current = g_settings_get_string (self->settings, "clinic-logo");

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("PNG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "png");

  self->chooser = gtk_file_chooser_native_new (_("Choose the Clinic’s Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (*current != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GenuPreferencesWindow *self = GENU_PREFERENCES_WINDOW (widget);

  genu_field_error_set (GTK_WIDGET (self->logo_row), NULL);
  g_settings_set_string (self->settings, "clinic-logo", "");
}

static void
genu_preferences_window_dispose (GObject *object)
{
  GenuPreferencesWindow *self = GENU_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* The bindings keep the settings alive a little longer than this window. */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (genu_preferences_window_parent_class)->dispose (object);
}

static void
genu_preferences_window_class_init (GenuPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/genu-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, clinic_name);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, clinic_phone);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, clinic_address);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, therapist_name);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, distance_unit);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, paper_size);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, backup_row);
  gtk_widget_class_bind_template_child (widget_class, GenuPreferencesWindow, backup_keep);
  /* Named for the tests; the buttons only trigger the actions. */
  gtk_widget_class_bind_template_child_full (widget_class, "logo_choose_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "logo_remove_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "prefs.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-logo", NULL, remove_logo_action);
}

static void
genu_preferences_window_init (GenuPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "clinic-name", self->clinic_name, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clinic-phone", self->clinic_phone, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clinic-address", gtk_text_view_get_buffer (self->clinic_address),
                   "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "therapist-name", self->therapist_name, "text",
                   G_SETTINGS_BIND_DEFAULT);
  bind_choice (self, "distance-unit", self->distance_unit, distance_units);
  bind_choice (self, "paper-size", self->paper_size, paper_sizes);
  g_settings_bind_with_mapping (self->settings, "backup-keep", self->backup_keep, "value",
                                G_SETTINGS_BIND_DEFAULT, uint_to_double, double_to_uint,
                                NULL, NULL);

  genu_field_error_attach (GTK_WIDGET (self->logo_row));
  g_signal_connect_swapped (self->settings, "changed::clinic-logo",
                            G_CALLBACK (logo_changed_cb), self);
  logo_changed_cb (self);
}

/**
 * genu_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * Returns: (transfer floating): a modal preferences window, not yet shown
 */
GtkWidget *
genu_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (GENU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

/**
 * genu_preferences_window_set_logo_file:
 * @file: the image the therapist chose
 *
 * Makes @file the clinic's logo if it is a PNG image the summaries can print. Otherwise the
 * logo stays as it was and the reason is shown under the logo's row.
 *
 * Returns: whether @file is now the logo
 */
gboolean
genu_preferences_window_set_logo_file (GenuPreferencesWindow  *self,
                                       GFile                  *file,
                                       GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (GENU_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = dup_png_path (file, &local_error);
  if (path == NULL)
    {
      genu_field_error_set (GTK_WIDGET (self->logo_row), local_error->message);
      /* The logo shown is still good and stays: only the message is about the refused file. */
      gtk_widget_remove_css_class (GTK_WIDGET (self->logo_row), "error");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  genu_field_error_set (GTK_WIDGET (self->logo_row), NULL);
  g_settings_set_string (self->settings, "clinic-logo", path);
  return TRUE;
}

/**
 * genu_preferences_window_get_field:
 * @field: "clinic-name", "clinic-address" (the text view), "clinic-phone", "logo",
 *   "therapist-name", "distance-unit", "paper-size", "backup-keep" (the spin button) or
 *   "backup-row"
 *
 * Returns: (transfer none): the widget that edits @field, for the tests
 */
GtkWidget *
genu_preferences_window_get_field (GenuPreferencesWindow *self,
                                   const char            *field)
{
  g_return_val_if_fail (GENU_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "clinic-name"))
    return GTK_WIDGET (self->clinic_name);
  if (g_str_equal (field, "clinic-address"))
    return GTK_WIDGET (self->clinic_address);
  if (g_str_equal (field, "clinic-phone"))
    return GTK_WIDGET (self->clinic_phone);
  if (g_str_equal (field, "logo"))
    return GTK_WIDGET (self->logo_row);
  if (g_str_equal (field, "therapist-name"))
    return GTK_WIDGET (self->therapist_name);
  if (g_str_equal (field, "distance-unit"))
    return GTK_WIDGET (self->distance_unit);
  if (g_str_equal (field, "paper-size"))
    return GTK_WIDGET (self->paper_size);
  if (g_str_equal (field, "backup-keep"))
    return GTK_WIDGET (self->backup_keep);
  if (g_str_equal (field, "backup-row"))
    return GTK_WIDGET (self->backup_row);
  g_return_val_if_reached (NULL);
}

/**
 * genu_preferences_window_get_field_error:
 *
 * Returns: (nullable): the message shown under @field's row, or %NULL
 */
const char *
genu_preferences_window_get_field_error (GenuPreferencesWindow *self,
                                         const char            *field)
{
  g_return_val_if_fail (GENU_IS_PREFERENCES_WINDOW (self), NULL);

  return genu_field_error_get (genu_preferences_window_get_field (self, field));
}

/**
 * genu_preferences_window_set_backup_folder:
 * @folder: the folder of the daily backups of the database in use
 *
 * Names @folder under the row of the daily backups.
 */
void
genu_preferences_window_set_backup_folder (GenuPreferencesWindow *self,
                                           const char            *folder)
{
  g_autofree char *escaped = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (GENU_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (folder != NULL);

  /* The row's subtitle is markup. */
  escaped = g_markup_escape_text (folder, -1);
  /* TRANSLATORS: %s is a folder */
  subtitle = g_strdup_printf (_("In %s; 0 turns them off"), escaped);
  adw_action_row_set_subtitle (self->backup_row, subtitle);
}
