/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-window.h"
#include "genu-patient-page.h"
#include "genu-visit-page.h"

#include <glib/gi18n.h>

/* What to do once the therapist has answered "Save changes?". */
typedef enum {
  PENDING_NONE,
  PENDING_OPEN,
  PENDING_NEW,
  PENDING_CLOSE,
  PENDING_OPEN_VISIT,
  PENDING_NEW_VISIT,
  PENDING_BACK_TO_PATIENT,
} PendingKind;

struct _GenuWindow
{
  AdwApplicationWindow  parent_instance;

  GenuStore            *store;
  GListStore           *patients;
  gboolean              show_archived;
  gint64                shown_id;       /* the patient in the form; 0 for a new one or none */
  gboolean              syncing_selection;
  gboolean              closing;

  PendingKind           pending;
  gint64                pending_id;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListBox           *patient_list;
  GtkStack             *content_stack;
  AdwWindowTitle       *content_title;
  GtkWidget            *save_button;
  GtkWidget            *back_button;
  GtkWidget            *suggestions_button;
  GtkWidget            *cancel_button;
  GenuPatientPage      *patient_page;
  GenuVisitPage        *visit_page;
  AdwStatusPage        *error_page;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GenuWindow, genu_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (GenuWindow *self,
       const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static gboolean
showing (GenuWindow *self,
         const char *page)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), page) == 0;
}

/* A patient's record or one of their visits is open. */
static gboolean
form_is_open (GenuWindow *self)
{
  return showing (self, "patient") || showing (self, "visit");
}

/* The open form holds a record that was never saved. */
static gboolean
form_is_new (GenuWindow *self)
{
  if (showing (self, "visit"))
    return genu_visit_get_id (genu_visit_page_get_visit (self->visit_page)) == 0;
  return showing (self, "patient") && self->shown_id == 0;
}

static gboolean
form_is_dirty (GenuWindow *self)
{
  if (showing (self, "visit"))
    return genu_visit_page_get_dirty (self->visit_page);
  return showing (self, "patient") && genu_patient_page_get_dirty (self->patient_page);
}

static char *
dup_form_title (GenuWindow *self)
{
  char *title = NULL;

  g_object_get (showing (self, "visit") ? (gpointer) self->visit_page
                                        : (gpointer) self->patient_page,
                "title", &title, NULL);
  return title;
}

static void
update_actions (GenuWindow *self)
{
  gboolean ready = self->store != NULL;
  gboolean editing = ready && form_is_open (self) && (form_is_new (self) || form_is_dirty (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-archived",
                                 ready && showing (self, "patient") && self->shown_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-visit",
                                 ready && showing (self, "patient") && self->shown_id != 0);

  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) || showing (self, "visit"));
  {
    const char *back = showing (self, "visit") ? _("Back to the Patient") : _("Back to Patients");

    gtk_widget_set_tooltip_text (self->back_button, back);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, back,
                                    -1);
  }
  gtk_widget_set_visible (self->suggestions_button, showing (self, "visit"));
  gtk_widget_set_visible (self->save_button, form_is_open (self));
  gtk_widget_set_visible (self->cancel_button, form_is_open (self));

  if (form_is_open (self))
    {
      g_autofree char *title = dup_form_title (self);
      g_autofree char *name = NULL;
      g_autofree char *subtitle = NULL;

      /* On a visit, the subtitle says whose visit it is. */
      if (showing (self, "visit"))
        name = genu_patient_dup_display_name (genu_patient_page_get_patient (self->patient_page));
      if (name != NULL && form_is_dirty (self))
        /* TRANSLATORS: a patient's name — unsaved changes */
        subtitle = g_strdup_printf (_("%s — unsaved changes"), name);
      else if (form_is_dirty (self))
        subtitle = g_strdup (_("Unsaved changes"));
      else
        subtitle = g_steal_pointer (&name);

      adw_window_title_set_title (self->content_title, title);
      adw_window_title_set_subtitle (self->content_title, subtitle);
    }
  else
    {
      adw_window_title_set_title (self->content_title, "");
      adw_window_title_set_subtitle (self->content_title, NULL);
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  GenuPatient *patient = GENU_PATIENT (item);
  g_autofree char *name = genu_patient_dup_display_name (patient);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (genu_patient_get_archived (patient))
    /* TRANSLATORS: record number · date of birth, of an archived patient */
    subtitle = g_strdup_printf (_("%s · %s · archived"),
                                genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER),
                                genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH));
  else
    /* TRANSLATORS: record number · date of birth */
    subtitle = g_strdup_printf (_("%s · %s"),
                                genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER),
                                genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "patient", g_object_ref (patient), g_object_unref);
  return row;
}

static gint64
row_patient_id (GtkListBoxRow *row)
{
  return genu_patient_get_id (g_object_get_data (G_OBJECT (row), "patient"));
}

static void
select_shown_row (GenuWindow *self)
{
  GtkListBoxRow *row;

  self->syncing_selection = TRUE;
  gtk_list_box_unselect_all (self->patient_list);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->patient_list, i)) != NULL; i++)
    if (self->shown_id != 0 && row_patient_id (row) == self->shown_id)
      {
        gtk_list_box_select_row (self->patient_list, row);
        break;
      }
  self->syncing_selection = FALSE;
}

static void
reload_list (GenuWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *page;

  if (self->store == NULL)
    return;

  found = genu_store_list_patients (self->store, search, self->show_archived, &error);
  if (found == NULL)
    {
      toast (self, error->message);
      return;
    }

  self->syncing_selection = TRUE;
  g_list_store_splice (self->patients, 0, g_list_model_get_n_items (G_LIST_MODEL (self->patients)),
                       found->pdata, found->len);
  self->syncing_selection = FALSE;

  if (found->len > 0)
    page = "list";
  else if (*search == '\0' && genu_store_count_patients (self->store, TRUE, NULL) == 0)
    page = "empty";
  else
    page = "no-results";
  gtk_stack_set_visible_child_name (self->list_stack, page);

  select_shown_row (self);
}

static void
show_content (GenuWindow *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_actions (self);
}

static void
open_patient (GenuWindow *self,
              gint64      id)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patient = genu_store_get_patient (self->store, id, &error);
  if (patient == NULL)
    {
      toast (self, error->message);
      select_shown_row (self);
      return;
    }

  self->shown_id = id;
  genu_patient_page_load (self->patient_page, patient);
  select_shown_row (self);
  show_content (self);
}

static void
start_new_patient (GenuWindow *self)
{
  self->shown_id = 0;
  genu_patient_page_load (self->patient_page, NULL);
  select_shown_row (self);
  show_content (self);
  genu_patient_page_focus_first_field (self->patient_page);
}

static void
open_visit (GenuWindow *self,
            gint64      id)
{
  g_autoptr(GenuVisit) visit = NULL;
  g_autoptr(GError) error = NULL;

  if (id != 0)
    {
      visit = genu_store_get_visit (self->store, id, &error);
      if (visit == NULL)
        {
          toast (self, error->message);
          return;
        }
    }

  genu_visit_page_load (self->visit_page, genu_patient_page_get_patient (self->patient_page),
                        visit);
  gtk_stack_set_visible_child_name (self->content_stack, "visit");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_actions (self);
}

static void
back_to_patient (GenuWindow *self)
{
  genu_patient_page_reload_visits (self->patient_page);
  gtk_stack_set_visible_child_name (self->content_stack, "patient");
  update_actions (self);
}

static void
close_form (GenuWindow *self)
{
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  select_shown_row (self);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  update_actions (self);
}

static void
run_pending (GenuWindow *self)
{
  PendingKind pending = self->pending;

  self->pending = PENDING_NONE;
  switch (pending)
    {
    case PENDING_OPEN:
      open_patient (self, self->pending_id);
      break;
    case PENDING_NEW:
      start_new_patient (self);
      break;
    case PENDING_CLOSE:
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;
    case PENDING_OPEN_VISIT:
      open_visit (self, self->pending_id);
      break;
    case PENDING_NEW_VISIT:
      open_visit (self, 0);
      break;
    case PENDING_BACK_TO_PATIENT:
      back_to_patient (self);
      break;
    case PENDING_NONE:
    default:
      break;
    }
}

static gboolean
save_form (GenuWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (showing (self, "visit"))
    {
      if (!genu_visit_page_save (self->visit_page, &error))
        {
          toast (self, error->message);
          return FALSE;
        }
      genu_patient_page_reload_visits (self->patient_page);
      update_actions (self);
      toast (self, _("Visit saved"));
      return TRUE;
    }

  if (!genu_patient_page_save (self->patient_page, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  self->shown_id = genu_patient_get_id (genu_patient_page_get_patient (self->patient_page));
  reload_list (self);
  update_actions (self);
  toast (self, _("Patient saved"));
  return TRUE;
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GenuWindow       *self)
{
  if (g_str_equal (response, "save"))
    {
      if (!save_form (self))
        {
          self->pending = PENDING_NONE;
          select_shown_row (self);
          return;
        }
    }
  else if (g_str_equal (response, "discard"))
    {
      if (showing (self, "visit"))
        genu_visit_page_revert (self->visit_page);
      else
        genu_patient_page_revert (self->patient_page);
    }
  else
    {
      self->pending = PENDING_NONE;
      select_shown_row (self);
      return;
    }

  run_pending (self);
}

/* Runs @kind now, or once the therapist has decided what happens to unsaved changes. */
static void
request (GenuWindow  *self,
         PendingKind  kind,
         gint64       id)
{
  AdwMessageDialog *dialog;
  g_autofree char *title = NULL;

  self->pending = kind;
  self->pending_id = id;

  if (!form_is_dirty (self))
    {
      run_pending (self);
      return;
    }

  title = dup_form_title (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has changes that are not saved yet. "
                                    "Changes that are not saved are lost."),
                                  title);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_changed_cb (GenuWindow *self)
{
  reload_list (self);
}

static void
search_activate_cb (GenuWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->patient_list, 0);

  /* Enter in the search opens the first match, as in GNOME's other lists. */
  if (first != NULL)
    request (self, PENDING_OPEN, row_patient_id (first));
}

static void
row_selected_cb (GenuWindow    *self,
                 GtkListBoxRow *row)
{
  gint64 id;

  if (self->syncing_selection || row == NULL)
    return;

  id = row_patient_id (row);
  if (form_is_open (self) && id == self->shown_id)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  else
    request (self, PENDING_OPEN, id);
}

static void
visit_activated_cb (GenuWindow *self,
                    gint64      id)
{
  request (self, PENDING_OPEN_VISIT, id);
}

static void
page_state_changed_cb (GenuWindow *self)
{
  update_actions (self);
}

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  request (GENU_WINDOW (widget), PENDING_NEW, 0);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_form (GENU_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);

  if (showing (self, "visit") && form_is_new (self))
    back_to_patient (self);
  else if (showing (self, "visit"))
    genu_visit_page_revert (self->visit_page);
  else if (form_is_new (self))
    close_form (self);
  else
    genu_patient_page_revert (self->patient_page);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);

  if (showing (self, "visit"))
    request (self, PENDING_BACK_TO_PATIENT, 0);
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
set_archived (GenuWindow *self,
              gint64      id,
              gboolean    archived)
{
  g_autoptr(GError) error = NULL;

  if (!genu_store_set_patient_archived (self->store, id, archived, &error))
    {
      toast (self, error->message);
      return;
    }

  if (form_is_open (self) && self->shown_id == id)
    {
      g_autoptr(GenuPatient) patient = genu_store_get_patient (self->store, id, NULL);

      /* Keep what is being typed: only the archived flag of the loaded record changes. */
      if (patient != NULL && !genu_patient_page_get_dirty (self->patient_page))
        genu_patient_page_load (self->patient_page, patient);
      else if (patient != NULL)
        genu_patient_set_archived (genu_patient_page_get_patient (self->patient_page), archived);
    }
  reload_list (self);
  update_actions (self);
}

static void
toggle_archived_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);
  GenuPatient *patient = genu_patient_page_get_patient (self->patient_page);
  gboolean archive = !genu_patient_get_archived (patient);
  g_autofree char *name = genu_patient_dup_display_name (patient);
  g_autofree char *title = NULL;
  AdwToast *done;

  set_archived (self, self->shown_id, archive);

  title = g_strdup_printf (archive ? _("%s archived") : _("%s restored"), name);
  done = adw_toast_new (title);
  if (archive)
    {
      adw_toast_set_button_label (done, _("_Undo"));
      adw_toast_set_action_name (done, "win.undo-archive");
      adw_toast_set_action_target_value (done, g_variant_new_int64 (self->shown_id));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, done);
}

static void
new_visit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  request (GENU_WINDOW (widget), PENDING_NEW_VISIT, 0);
}

static void
undo_archive_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_archived (GENU_WINDOW (widget), g_variant_get_int64 (parameter), FALSE);
}

static gboolean
genu_window_close_request (GtkWindow *window)
{
  GenuWindow *self = GENU_WINDOW (window);

  if (self->closing || !form_is_dirty (self))
    return GTK_WINDOW_CLASS (genu_window_parent_class)->close_request (window);

  request (self, PENDING_CLOSE, 0);
  return TRUE;
}

static void
genu_window_constructed (GObject *object)
{
  GenuWindow *self = GENU_WINDOW (object);

  G_OBJECT_CLASS (genu_window_parent_class)->constructed (object);

  g_object_set (self->patient_page, "store", self->store, NULL);
  g_object_set (self->visit_page, "store", self->store, NULL);
  reload_list (self);
  update_actions (self);
}

static void
genu_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_WINDOW);

  G_OBJECT_CLASS (genu_window_parent_class)->dispose (object);
}

static void
genu_window_finalize (GObject *object)
{
  GenuWindow *self = GENU_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patients);

  G_OBJECT_CLASS (genu_window_parent_class)->finalize (object);
}

static void
genu_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GenuWindow *self = GENU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GenuWindow *self = GENU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          reload_list (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_window_class_init (GenuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = genu_window_constructed;
  object_class->dispose = genu_window_dispose;
  object_class->finalize = genu_window_finalize;
  object_class->get_property = genu_window_get_property;
  object_class->set_property = genu_window_set_property;
  window_class->close_request = genu_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GENU_TYPE_PATIENT_PAGE);
  g_type_ensure (GENU_TYPE_VISIT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/genu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, content);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, patient_list);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, suggestions_button);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, patient_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, visit_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, error_page);
  /* Named for the tests and for accessibility checks; the code does not use them. */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_new_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-archived", NULL,
                                   toggle_archived_action);
  gtk_widget_class_install_action (widget_class, "win.undo-archive", "x", undo_archive_action);
  gtk_widget_class_install_action (widget_class, "win.new-visit", NULL, new_visit_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived", "show-archived");

  /* A binding, not an accelerator: the focused widget (a search entry, a popover) gets Escape
   * first, and only an unhandled Escape drops the changes of the form. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

static void
genu_window_init (GenuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->patients = g_list_store_new (GENU_TYPE_PATIENT);
  gtk_list_box_bind_model (self->patient_list, G_LIST_MODEL (self->patients),
                           create_row_cb, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->sidebar));
  g_object_bind_property (self->visit_page, "reveal-suggestions", self->suggestions_button,
                          "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/**
 * genu_window_show_error:
 *
 * Replaces the window's content by @message, for when the database cannot be used at all.
 */
void
genu_window_show_error (GenuWindow *self,
                        const char *message)
{
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (GENU_IS_WINDOW (self));

  escaped = g_markup_escape_text (message, -1);
  description = g_strdup_printf (_("%s\n\nTo use another file, start Genu with "
                                   "<tt>--database PATH</tt>."), escaped);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  update_actions (self);
}
