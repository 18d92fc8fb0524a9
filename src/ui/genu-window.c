/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-window.h"
#include "genu-window-private.h"
#include "genu-backup.h"
#include "genu-demo.h"
#include "genu-form.h"
#include "genu-history-dialog.h"
#include "genu-import-dialog.h"
#include "genu-koos-page.h"
#include "genu-lefs-page.h"
#include "genu-locale.h"
#include "genu-patient-list.h"
#include "genu-patient-page.h"
#include "genu-patient-row.h"
#include "genu-plan-page.h"
#include "genu-screening-dialog.h"
#include "genu-session-page.h"
#include "genu-summary-dialog.h"
#include "genu-visit-page.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* The id that asks for a new session with the interventions of the last one. */
#define REPEAT_LAST_SESSION (-1)

/* What to do once the therapist has answered "Save changes?". */
typedef enum {
  PENDING_NONE,
  PENDING_OPEN,
  PENDING_NEW,
  PENDING_CLOSE,
  PENDING_OPEN_RECORD,       /* pending_page, pending_id (0 = a new record) */
  PENDING_BACK_TO_PATIENT,
  PENDING_RESTORE,           /* restore_path */
  PENDING_SHOW_SAMPLE,
  PENDING_LEAVE_SAMPLE,
} PendingKind;

struct _GenuWindow
{
  AdwApplicationWindow  parent_instance;

  GenuStore            *store;
  GSettings            *settings;
  GenuPatientList      *patients;
  GtkSingleSelection   *selection;
  gboolean              show_archived;
  gint64                shown_id;       /* the patient in the form; 0 for a new one or none */
  gboolean              syncing_selection;
  gboolean              closing;

  PendingKind           pending;
  gint64                pending_id;
  const char           *pending_page;  /* a page name of content_stack */

  char                 *database_path;  /* when there is no store: the file that failed */
  char                 *restore_path;   /* the backup to restore once the form is settled */
  char                 *records_path;   /* while sample data is shown: the real database */
  char                 *last_toast;
  GtkFileChooserNative *chooser;
  gboolean              daily_backup_running;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *patient_list;
  GtkStack             *content_stack;
  AdwWindowTitle       *content_title;
  GtkWidget            *save_button;
  GtkWidget            *back_button;
  GtkWidget            *suggestions_button;
  GtkWidget            *cancel_button;
  GenuPatientPage      *patient_page;
  GenuVisitPage        *visit_page;
  GenuPlanPage         *plan_page;
  GenuSessionPage      *session_page;
  GenuLefsPage         *lefs_page;
  GenuKoosPage         *koos_page;
  AdwStatusPage        *error_page;
  GtkRevealer          *sample_banner;
  GtkWidget            *sample_button;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DATABASE_PATH,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GenuWindow, genu_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (GenuWindow *self,
       const char *title)
{
  AdwToast *shown = adw_toast_new (title);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  /* The newest news replaces what is shown, rather than queueing behind it. */
  adw_toast_set_priority (shown, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, shown);
}

static gboolean
showing (GenuWindow *self,
         const char *page)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), page) == 0;
}

/* The page of one of the patient's records (a visit, a plan, a session…), if one is shown. */
static GenuForm *
record_form (GenuWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  return GENU_IS_FORM (page) ? GENU_FORM (page) : NULL;
}

/* A patient's record or one of their records is open. */
static gboolean
form_is_open (GenuWindow *self)
{
  return showing (self, "patient") || record_form (self) != NULL;
}

/* The open form holds a record that was never saved. */
static gboolean
form_is_new (GenuWindow *self)
{
  if (record_form (self) != NULL)
    return genu_form_is_new (record_form (self));
  return showing (self, "patient") && self->shown_id == 0;
}

static gboolean
form_is_dirty (GenuWindow *self)
{
  if (record_form (self) != NULL)
    return genu_form_get_dirty (record_form (self));
  return showing (self, "patient") && genu_patient_page_get_dirty (self->patient_page);
}

static char *
dup_form_title (GenuWindow *self)
{
  char *title = NULL;

  if (record_form (self) != NULL)
    return genu_form_dup_title (record_form (self));
  g_object_get (self->patient_page, "title", &title, NULL);
  return title;
}

static void
update_actions (GenuWindow *self)
{
  gboolean ready = self->store != NULL;
  gboolean editing = ready && form_is_open (self) && (form_is_new (self) || form_is_dirty (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-patients", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-sample-data",
                                 ready && self->records_path == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-archived",
                                 ready && showing (self, "patient") && self->shown_id != 0);
  {
    const char *record_actions[] = {
      "win.new-visit", "win.new-plan", "win.new-session", "win.new-lefs", "win.new-koos",
    };
    gboolean on_patient = ready && showing (self, "patient") && self->shown_id != 0;

    for (guint i = 0; i < G_N_ELEMENTS (record_actions); i++)
      gtk_widget_action_set_enabled (GTK_WIDGET (self), record_actions[i], on_patient);
    /* The summary of the patient whose record is open, as saved. */
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print",
                                   ready && form_is_open (self) && self->shown_id != 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-pdf",
                                   ready && form_is_open (self) && self->shown_id != 0);
    /* The history of the patient as saved, whatever is being typed. */
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history",
                                   ready && showing (self, "patient") && self->shown_id != 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.repeat-session",
                                   on_patient && genu_patient_page_has_sessions (self->patient_page));
  }

  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) || record_form (self) != NULL);
  {
    const char *back = record_form (self) != NULL ? _("Back to the Patient")
                                                  : _("Back to Patients");

    gtk_widget_set_tooltip_text (self->back_button, back);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, back,
                                    -1);
  }
  gtk_widget_set_visible (self->suggestions_button, showing (self, "visit"));
  gtk_widget_set_visible (self->save_button, form_is_open (self));
  /* A narrow window has no room for both labelled buttons: Escape, and Back (which asks), still
   * drop changes there. */
  gtk_widget_set_visible (self->cancel_button,
                          form_is_open (self) && !adw_leaflet_get_folded (self->leaflet));

  if (form_is_open (self))
    {
      g_autofree char *title = dup_form_title (self);
      g_autofree char *name = NULL;
      g_autofree char *subtitle = NULL;

      /* On a visit, plan or session, the subtitle says whose it is. */
      if (record_form (self) != NULL)
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

/* The rows of the patient list: one GenuPatientRow per row on screen, given patient after
 * patient as the list scrolls. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, genu_patient_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GenuPatientRow *row = GENU_PATIENT_ROW (gtk_list_item_get_child (item));
  GtkWidget *owner = gtk_widget_get_parent (GTK_WIDGET (row));

  genu_patient_row_set_patient (row, gtk_list_item_get_item (item));

  /* The list item around the row is what takes the focus and what a screen reader reads out;
   * GTK 4.8 gives it no name of its own from the row (GtkListItem has no accessible label yet). */
  if (owner != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (owner),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    genu_patient_row_get_title (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    genu_patient_row_get_subtitle (row),
                                    -1);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  genu_patient_row_set_patient (GENU_PATIENT_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Selects the row of the patient in the form, if the list shows them, and scrolls to it. */
static void
select_shown_row (GenuWindow *self)
{
  GenuPatient *selected = gtk_single_selection_get_selected_item (self->selection);
  guint position = G_MAXUINT;

  /* Chosen in the list: already selected, and in view. */
  if (selected != NULL && genu_patient_get_id (selected) == self->shown_id)
    return;

  if (self->shown_id != 0)
    position = genu_patient_list_find (self->patients, self->shown_id);

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  if (position != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->patient_list), "list.scroll-to-item", "u",
                                position);
  self->syncing_selection = FALSE;
}

/* Shows the patients the search finds, counted again: after the search changed, or the records. */
static void
reload_list (GenuWindow *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const GError *error;
  const char *page;

  if (self->store == NULL)
    return;

  self->syncing_selection = TRUE;
  genu_patient_list_set_store (self->patients, self->store);
  genu_patient_list_update (self->patients, search, self->show_archived);
  self->syncing_selection = FALSE;

  error = genu_patient_list_get_error (self->patients);
  if (error != NULL)
    toast (self, error->message);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->patients)) > 0)
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

/* The patient's episode of care that has not ended, the newest one; NULL when there is none. */
static GenuPlan *
dup_current_plan (GenuWindow  *self,
                  GenuPatient *patient)
{
  g_autoptr(GPtrArray) plans = genu_store_list_plans (self->store, genu_patient_get_id (patient),
                                                      NULL);

  for (guint i = 0; plans != NULL && i < plans->len; i++)
    if (!genu_plan_get_closed (g_ptr_array_index (plans, i)))
      return g_object_ref (g_ptr_array_index (plans, i));
  return NULL;
}

/* A saved session, a new one (@id 0), or a new one with the interventions of the last session
 * of the current plan (REPEAT_LAST_SESSION): "repeat last session" is one click. */
static gboolean
load_session (GenuWindow   *self,
              GenuPatient  *patient,
              gint64        id,
              GError      **error)
{
  g_autoptr(GenuSession) session = NULL;
  g_autoptr(GenuPlan) plan = NULL;
  g_autoptr(GError) local_error = NULL;

  if (id == REPEAT_LAST_SESSION)
    {
      g_autoptr(GenuSession) last = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      plan = dup_current_plan (self, patient);
      last = genu_store_get_last_session (self->store, genu_patient_get_id (patient),
                                          plan != NULL ? genu_plan_get_id (plan) : 0, &local_error);
      /* In a new plan, the last session of the one before is still what is usually repeated. */
      if (last == NULL && local_error == NULL && plan != NULL)
        last = genu_store_get_last_session (self->store, genu_patient_get_id (patient), 0,
                                            &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      session = last != NULL ? genu_session_repeat (last) : genu_session_new ();
      genu_session_set_patient_id (session, genu_patient_get_id (patient));
      genu_session_set_plan_id (session, plan != NULL ? genu_plan_get_id (plan) : 0);
      genu_session_set_text (session, GENU_SESSION_DATE, today);
      if (last != NULL)
        genu_session_set_text (session, GENU_SESSION_THERAPIST,
                               genu_session_get_text (last, GENU_SESSION_THERAPIST));
    }
  else if (id != 0)
    {
      session = genu_store_get_session (self->store, id, error);
      if (session == NULL)
        return FALSE;
      if (genu_session_get_plan_id (session) != 0)
        plan = genu_store_get_plan (self->store, genu_session_get_plan_id (session), NULL);
    }
  else
    {
      plan = dup_current_plan (self, patient);
    }

  genu_session_page_load (self->session_page, patient, plan, session);
  return TRUE;
}

/* Loads record @id (0: a new one) of the shown patient into @page. */
static gboolean
load_record (GenuWindow  *self,
             const char  *page,
             gint64       id,
             GError     **error)
{
  GenuPatient *patient = genu_patient_page_get_patient (self->patient_page);

  if (g_str_equal (page, "visit"))
    {
      g_autoptr(GenuVisit) visit = NULL;

      if (id != 0 && (visit = genu_store_get_visit (self->store, id, error)) == NULL)
        return FALSE;
      genu_visit_page_load (self->visit_page, patient, visit);
      return TRUE;
    }

  if (g_str_equal (page, "plan"))
    {
      g_autoptr(GenuPlan) plan = NULL;

      if (id != 0 && (plan = genu_store_get_plan (self->store, id, error)) == NULL)
        return FALSE;
      genu_plan_page_load (self->plan_page, patient, plan);
      return TRUE;
    }

  if (g_str_equal (page, "session"))
    return load_session (self, patient, id, error);

  if (g_str_equal (page, "lefs"))
    {
      g_autoptr(GenuOutcome) outcome = NULL;
      g_autoptr(GenuPlan) plan = NULL;

      if (id != 0 && (outcome = genu_store_get_outcome (self->store, id, error)) == NULL)
        return FALSE;
      plan = dup_current_plan (self, patient);
      genu_lefs_page_load (self->lefs_page, patient, plan, outcome);
      return TRUE;
    }

  if (g_str_equal (page, "koos"))
    {
      g_autoptr(GenuKoos) koos = NULL;
      g_autoptr(GenuPlan) plan = NULL;

      if (id != 0 && (koos = genu_store_get_koos (self->store, id, error)) == NULL)
        return FALSE;
      plan = dup_current_plan (self, patient);
      genu_koos_page_load (self->koos_page, patient, plan, koos);
      return TRUE;
    }

  g_return_val_if_reached (FALSE);
}

static void
open_record (GenuWindow *self,
             const char *page,
             gint64      id)
{
  g_autoptr(GError) error = NULL;

  if (!load_record (self, page, id, &error))
    {
      toast (self, error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->content_stack, page);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_actions (self);
}

static void
back_to_patient (GenuWindow *self)
{
  genu_patient_page_reload_records (self->patient_page);
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

static void restore_now (GenuWindow *self,
                         const char *backup_path);
static void show_sample_data (GenuWindow *self);
static void leave_sample_data (GenuWindow *self);

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
    case PENDING_OPEN_RECORD:
      open_record (self, self->pending_page, self->pending_id);
      break;
    case PENDING_BACK_TO_PATIENT:
      back_to_patient (self);
      break;
    case PENDING_RESTORE:
      {
        g_autofree char *backup = g_steal_pointer (&self->restore_path);

        if (backup != NULL)
          restore_now (self, backup);
      }
      break;
    case PENDING_SHOW_SAMPLE:
      show_sample_data (self);
      break;
    case PENDING_LEAVE_SAMPLE:
      leave_sample_data (self);
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

  if (record_form (self) != NULL)
    {
      if (!genu_form_save (record_form (self), &error))
        {
          /* The session page asked for the IASTM checklist, which saves again once answered. */
          if (!g_error_matches (error, GENU_SESSION_PAGE_ERROR,
                                GENU_SESSION_PAGE_ERROR_SCREENING_NEEDED))
            toast (self, error->message);
          return FALSE;
        }
      genu_patient_page_reload_records (self->patient_page);
      update_actions (self);
      toast (self, genu_form_get_saved_message (record_form (self)));
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
      if (record_form (self) != NULL)
        genu_form_revert (record_form (self));
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
  g_autoptr(GenuPatient) first = g_list_model_get_item (G_LIST_MODEL (self->patients), 0);

  /* Enter in the search opens the first match, as in GNOME's other lists. */
  if (first != NULL)
    request (self, PENDING_OPEN, genu_patient_get_id (first));
}

/* Opens patient @id, or shows their form again when it is the one open (a narrow window). */
static void
choose_patient (GenuWindow *self,
                gint64      id)
{
  if (form_is_open (self) && id == self->shown_id)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  else
    request (self, PENDING_OPEN, id);
}

static void
selection_changed_cb (GenuWindow *self)
{
  GenuPatient *patient;

  if (self->syncing_selection)
    return;

  patient = gtk_single_selection_get_selected_item (self->selection);
  if (patient != NULL)
    choose_patient (self, genu_patient_get_id (patient));
}

/* Enter on a row, or a double click: also for the row already selected. */
static void
row_activated_cb (GenuWindow *self,
                  guint       position)
{
  g_autoptr(GenuPatient) patient = g_list_model_get_item (G_LIST_MODEL (self->patients), position);

  if (patient != NULL)
    choose_patient (self, genu_patient_get_id (patient));
}

static void
open_record_request (GenuWindow *self,
                     const char *page,
                     gint64      id)
{
  self->pending_page = page;
  request (self, PENDING_OPEN_RECORD, id);
}

static void
record_activated_cb (GenuWindow *self,
                     const char *page,
                     gint64      id)
{
  open_record_request (self, g_intern_string (page), id);
}

/* The IASTM checklist of @plan. Its answers, and the acknowledgement of a contraindication, are
 * saved with the plan at once; then @then runs. */
static void
screen_plan (GenuWindow *self,
             GenuPlan   *plan,
             GCallback   then)
{
  /* The therapist's name as typed in the session form, to acknowledge with. */
  GtkEditable *therapist = GTK_EDITABLE (genu_session_page_get_field (self->session_page,
                                                                      "therapist"));
  GtkWidget *dialog;

  dialog = genu_screening_dialog_new (GTK_WINDOW (self), plan, gtk_editable_get_text (therapist));
  g_signal_connect_object (dialog, "screened", then, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_screened_plan (GenuWindow *self,
                    GenuPlan   *plan)
{
  g_autoptr(GError) error = NULL;

  if (!genu_store_save_plan (self->store, plan, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
plan_screened_cb (GenuWindow *self,
                  GenuPlan   *plan)
{
  if (save_screened_plan (self, plan))
    {
      genu_plan_page_refresh_screening (self->plan_page);
      toast (self, _("IASTM screening saved"));
    }
}

static void
plan_screening_requested_cb (GenuWindow *self)
{
  GenuForm *form = GENU_FORM (self->plan_page);

  /* The answers are saved with the plan as it is stored: it must be saved, without edits. */
  if (genu_form_is_new (form) || genu_form_get_dirty (form))
    {
      toast (self, _("Save the plan of care first, then screen for IASTM."));
      return;
    }
  screen_plan (self, genu_plan_page_get_plan (self->plan_page), G_CALLBACK (plan_screened_cb));
}

static void
session_screened_cb (GenuWindow *self,
                     GenuPlan   *plan)
{
  if (save_screened_plan (self, plan))
    {
      genu_session_page_set_plan (self->session_page, plan);
      save_form (self);
    }
}

/* Before the first IASTM session of a plan comes its contraindication checklist; then the
 * session is saved, unless a contraindication stands unacknowledged (the page says so). */
static void
session_screening_needed_cb (GenuWindow *self,
                             GenuPlan   *plan)
{
  screen_plan (self, plan, G_CALLBACK (session_screened_cb));
}

static void
sign_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GenuWindow       *self)
{
  GtkEditable *name = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "sign"))
    return;

  if (showing (self, "visit")
        ? !genu_visit_page_sign (self->visit_page, gtk_editable_get_text (name), &error)
        : !genu_session_page_sign (self->session_page, gtk_editable_get_text (name), &error))
    {
      toast (self, error->message);
      return;
    }
  genu_patient_page_reload_records (self->patient_page);
  update_actions (self);
  toast (self, showing (self, "visit") ? _("Visit signed") : _("Session signed"));
}

/* Signing asks for the name that goes on the note, visit or session; a signed note is only
 * amended after. */
static void
sign_requested_cb (GenuWindow *self)
{
  gboolean visit = showing (self, "visit");
  AdwMessageDialog *dialog;
  GtkWidget *name = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       visit ? _("Sign the Visit Note?")
                                                             : _("Sign the Session Note?"),
                                                       _("A signed note cannot be changed, only "
                                                         "amended. Type the name to sign with.")));
  gtk_editable_set_text (GTK_EDITABLE (name),
                         visit
                           ? genu_visit_get_text (genu_visit_page_get_visit (self->visit_page),
                                                  GENU_VISIT_THERAPIST)
                           : genu_session_get_text (genu_session_page_get_session (
                                                      self->session_page),
                                                    GENU_SESSION_THERAPIST));
  gtk_entry_set_activates_default (GTK_ENTRY (name), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signed by"), -1);
  adw_message_dialog_set_extra_child (dialog, name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign", _("_Sign"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sign");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

  if (record_form (self) != NULL && form_is_new (self))
    back_to_patient (self);
  else if (record_form (self) != NULL)
    genu_form_revert (record_form (self));
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

  if (record_form (self) != NULL)
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
  open_record_request (GENU_WINDOW (widget), "visit", 0);
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_record_request (GENU_WINDOW (widget), "plan", 0);
}

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_record_request (GENU_WINDOW (widget), "session", 0);
}

static void
repeat_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_record_request (GENU_WINDOW (widget), "session", REPEAT_LAST_SESSION);
}

static void
new_lefs_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_record_request (GENU_WINDOW (widget), "lefs", 0);
}

static void
new_koos_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_record_request (GENU_WINDOW (widget), "koos", 0);
}

static void
summary (GenuWindow        *self,
         GenuSummaryAction  action)
{
  GtkWidget *dialog = genu_summary_dialog_new (GTK_WINDOW (self), self->store,
                                               genu_patient_page_get_patient (self->patient_page),
                                               action);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  summary (GENU_WINDOW (widget), GENU_SUMMARY_PRINT);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  summary (GENU_WINDOW (widget), GENU_SUMMARY_SAVE_PDF);
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);
  GtkWidget *dialog = genu_history_dialog_new (GTK_WINDOW (self), self->store,
                                               genu_patient_page_get_patient (self->patient_page));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_patients_imported (GenuWindow *self,
                      guint       n)
{
  g_autofree char *message = g_strdup_printf (ngettext ("Imported %u patient",
                                                        "Imported %u patients", n), n);

  reload_list (self);
  toast (self, message);
}

GtkWidget *
genu_window_import_file (GenuWindow *self,
                         GFile      *file)
{
  GtkWidget *dialog = genu_import_dialog_new (GTK_WINDOW (self), self->store, file);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_patients_imported), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_import_file_chosen (GtkNativeDialog *chooser,
                       int              response,
                       GenuWindow      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        genu_window_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_patients_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import Patients"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
undo_archive_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_archived (GENU_WINDOW (widget), g_variant_get_int64 (parameter), FALSE);
}

/* Backups (issue 7). A backup holds what is saved in the database: a form's unsaved changes are
 * not in it, and a restore settles them first through the usual "Save Changes?" question. */

static void
show_error_dialog (GenuWindow *self,
                   const char *heading,
                   const char *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A path for the chooser's file, or NULL with an explanation shown. */
static char *
local_path (GenuWindow *self,
            GFile      *file,
            const char *heading)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    show_error_dialog (self, heading,
                       _("Genu can only use files on this computer. Choose a file in a local "
                         "folder or on a mounted disk."));
  return path;
}

/**
 * _genu_window_back_up_to:
 * @file: the backup file to write
 *
 * What Back Up… does once a file is chosen: writes a checked backup of the database to @file,
 * then says so in a toast, or explains the failure in a dialog.
 *
 * Returns: %TRUE when the backup was written
 */
gboolean
_genu_window_back_up_to (GenuWindow *self,
                         GFile      *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GENU_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  path = local_path (self, file, _("The Backup Was Not Saved"));
  if (path == NULL)
    return FALSE;

  if (!genu_backup_write (genu_store_get_path (self->store), path, &error))
    {
      show_error_dialog (self, _("The Backup Was Not Saved"), error->message);
      return FALSE;
    }

  name = g_path_get_basename (path);
  title = g_strdup_printf (_("Backup saved to %s"), name);
  toast (self, title);
  return TRUE;
}

static void
back_up_response_cb (GenuWindow           *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _genu_window_back_up_to (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
back_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->store == NULL)
    return;

  /* TRANSLATORS: the file name offered for a backup; %s is the date, as 2024-03-18 */
  name = g_strdup_printf (_("genu-backup-%s.db"), date);
  self->chooser = gtk_file_chooser_native_new (_("Back Up the Patient Database"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Back Up"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (back_up_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Closes the database, so that it can be replaced or another shown. SQLite's locks belong to the
 * process: no connection of Genu's may stay open. Explains, under @title, when one does and
 * keeps the database open. */
static gboolean
close_store (GenuWindow *self,
             const char *title)
{
  GenuStore *old = self->store;

  if (old == NULL)
    return TRUE;

  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  genu_window_set_store (self, NULL);
  if (old == NULL)
    return TRUE;

  g_object_remove_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  genu_window_set_store (self, old);
  show_error_dialog (self, title,
                     _("The patient database is still in use by another Genu window or "
                       "dialog. Close it, then try again."));
  return FALSE;
}

/* Opens @path in the window; a database that cannot be opened is explained in its place. */
static GenuStore *
open_store (GenuWindow *self,
            const char *path)
{
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = genu_store_open (path, &error);
  if (store == NULL)
    {
      genu_window_show_error (self, error->message);
      return NULL;
    }
  genu_window_set_store (self, store);
  return store;
}

/* Closes the store, restores @backup_path into its file, and opens it again. */
static void
restore_now (GenuWindow *self,
             const char *backup_path)
{
  g_autofree char *db_path = g_strdup (genu_window_get_database_path (self));
  g_autofree char *kept = NULL;
  GenuStore *reopened;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (db_path != NULL);

  if (self->daily_backup_running)
    {
      show_error_dialog (self, _("The Backup Was Not Restored"),
                         _("Genu is making its daily backup. Try again in a moment."));
      return;
    }

  if (!close_store (self, _("The Backup Was Not Restored")))
    return;

  genu_backup_restore (backup_path, db_path, &kept, &error);

  reopened = open_store (self, db_path);

  if (error != NULL)
    show_error_dialog (self, _("The Backup Was Not Restored"), error->message);
  else if (reopened != NULL)
    {
      g_autofree char *title = NULL;

      if (kept != NULL)
        title = g_strdup_printf (_("Backup restored. The previous database is kept in %s"), kept);
      else
        title = g_strdup (_("Backup restored"));
      toast (self, title);
    }
}

/* Sample data (issue 8) lives in a database of its own beside the therapist's, made once, so
 * that made-up patients never mix with real ones. */
#define SAMPLE_PATIENTS 120

static const char *const sqlite_suffixes[] = { "", "-wal", "-shm", "-journal" };

static gboolean
make_sample_database (const char  *path,
                      GError     **error)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GenuStore) store = NULL;

  /* Made under another name, so that a fill cut short is never taken for sample data. */
  for (guint i = 0; i < G_N_ELEMENTS (sqlite_suffixes); i++)
    {
      g_autofree char *leftover = g_strconcat (part, sqlite_suffixes[i], NULL);

      g_remove (leftover);
    }
  store = genu_store_open (part, error);
  if (store == NULL)
    return FALSE;
  if (!genu_demo_fill (store, SAMPLE_PATIENTS, 1, NULL, NULL, NULL, NULL, error))
    return FALSE;
  g_clear_object (&store);

  if (g_rename (part, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The sample data could not be saved as “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
show_sample_data (GenuWindow *self)
{
  g_autofree char *records = g_strdup (genu_window_get_database_path (self));
  g_autofree char *folder = g_path_get_dirname (records);
  g_autofree char *sample = g_build_filename (folder, "genu-sample.db", NULL);
  g_autoptr(GError) error = NULL;

  if (self->records_path != NULL)
    return;

  if (!g_file_test (sample, G_FILE_TEST_EXISTS) && !make_sample_database (sample, &error))
    {
      show_error_dialog (self, _("The Sample Data Could Not Be Made"), error->message);
      return;
    }
  if (!close_store (self, _("The Sample Data Could Not Be Opened")))
    return;

  self->records_path = g_steal_pointer (&records);
  gtk_revealer_set_reveal_child (self->sample_banner, TRUE);
  open_store (self, sample);
}

static void
leave_sample_data (GenuWindow *self)
{
  g_autofree char *records = NULL;

  if (self->records_path == NULL || !close_store (self, _("Your Records Could Not Be Opened")))
    return;

  records = g_steal_pointer (&self->records_path);
  gtk_revealer_set_reveal_child (self->sample_banner, FALSE);
  open_store (self, records);
}

static void
try_sample_data_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  request (GENU_WINDOW (widget), PENDING_SHOW_SAMPLE, 0);
}

static void
leave_sample_data_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  request (GENU_WINDOW (widget), PENDING_LEAVE_SAMPLE, 0);
}

/**
 * genu_window_is_showing_sample_data:
 *
 * Returns: whether the window shows the sample database instead of the therapist's records
 */
gboolean
genu_window_is_showing_sample_data (GenuWindow *self)
{
  g_return_val_if_fail (GENU_IS_WINDOW (self), FALSE);

  return self->records_path != NULL;
}

static void
confirm_restore_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GenuWindow       *self)
{
  if (!g_str_equal (response, "restore"))
    return;

  g_free (self->restore_path);
  self->restore_path = g_strdup (g_object_get_data (G_OBJECT (dialog), "backup-path"));
  /* The form's unsaved changes are saved or dropped first, as before any other switch. */
  request (self, PENDING_RESTORE, 0);
}

/**
 * _genu_window_restore_from:
 * @file: a backup file
 *
 * What Restore from Backup… and Open a Backup… do once a file is chosen: checks @file and, when
 * it can be restored, asks first. A file that cannot be restored is explained and nothing
 * changes.
 *
 * Returns: (transfer none) (nullable): the dialog that asks, or %NULL when @file was refused
 */
AdwMessageDialog *
_genu_window_restore_from (GenuWindow *self,
                           GFile      *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  const char *db_path = genu_window_get_database_path (self);
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GENU_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = local_path (self, file, _("This Backup Cannot Be Restored"));
  if (path == NULL)
    return NULL;
  if (!genu_backup_check (path, db_path, &error))
    {
      show_error_dialog (self, _("This Backup Cannot Be Restored"), error->message);
      return NULL;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL)
    {
      g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
      g_autoptr(GDateTime) local = modified != NULL ? g_date_time_to_local (modified) : NULL;
      g_autofree char *iso = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;

      if (iso != NULL)
        date = genu_format_date (iso);
    }
  name = g_path_get_basename (path);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  if (date != NULL)
    adw_message_dialog_format_heading (dialog,
                                       _("Replace the patient database with the backup of %s?"),
                                       date);
  else
    adw_message_dialog_set_heading (dialog,
                                    _("Replace the patient database with the backup?"));
  adw_message_dialog_format_body (dialog,
                                  _("All records in Genu are replaced by those in “%s”; "
                                    "changes made since that backup are no longer shown. A copy "
                                    "of the current database is kept in its folder; other than "
                                    "with that copy, this cannot be undone."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_restore_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
restore_response_cb (GenuWindow           *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _genu_window_restore_from (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GenuWindow *self = GENU_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *db_path = genu_window_get_database_path (self);

  if (self->chooser != NULL || db_path == NULL)
    return;

  gtk_file_filter_set_name (filter, _("Genu Backups"));
  gtk_file_filter_add_pattern (filter, "*.db");

  self->chooser = gtk_file_chooser_native_new (_("Restore from a Backup"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* The daily backups, when there are some. */
  {
    g_autofree char *folder = genu_backup_daily_folder (db_path);

    if (g_file_test (folder, G_FILE_TEST_IS_DIR))
      {
        g_autoptr(GFile) daily = g_file_new_for_path (folder);

        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), daily, NULL);
      }
  }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (restore_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

typedef struct {
  char         *db_path;
  char         *folder;
  guint         keep;
  GApplication *app;  /* held until the backup is done, so that quitting does not cut it off */
} DailyBackup;

static void
daily_backup_free (DailyBackup *daily)
{
  if (daily->app != NULL)
    {
      g_application_release (daily->app);
      g_object_unref (daily->app);
    }
  g_free (daily->db_path);
  g_free (daily->folder);
  g_free (daily);
}

static void
daily_backup_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  DailyBackup *daily = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  char *written;

  written = genu_backup_daily (daily->db_path, daily->folder, daily->keep, now, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, written, g_free);
}

static void
daily_backup_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GenuWindow *self = GENU_WINDOW (object);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;

  self->daily_backup_running = FALSE;
  written = g_task_propagate_pointer (G_TASK (result), &error);
  /* The window may have been closed meanwhile. */
  if (error != NULL && self->toast_overlay != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("The daily backup was not made: %s"),
                                                error->message);

      toast (self, title);
    }
}

/**
 * genu_window_start_daily_backup:
 *
 * Starts the automatic daily backup of the window's database in a thread: unless the
 * "backup-keep" setting is 0, a backup of today into the "backups" folder beside the database,
 * keeping that many. A failure is shown in a toast; success says nothing.
 */
void
genu_window_start_daily_backup (GenuWindow *self)
{
  g_autoptr(GTask) task = NULL;
  DailyBackup *daily;
  guint keep;

  g_return_if_fail (GENU_IS_WINDOW (self));

  keep = g_settings_get_uint (self->settings, "backup-keep");
  if (self->store == NULL || keep == 0 || self->daily_backup_running)
    return;

  daily = g_new0 (DailyBackup, 1);
  daily->db_path = g_strdup (genu_store_get_path (self->store));
  daily->folder = genu_backup_daily_folder (daily->db_path);
  daily->keep = keep;
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    {
      daily->app = G_APPLICATION (g_object_ref (gtk_window_get_application (GTK_WINDOW (self))));
      g_application_hold (daily->app);
    }

  self->daily_backup_running = TRUE;
  task = g_task_new (self, NULL, daily_backup_done_cb, NULL);
  g_task_set_source_tag (task, genu_window_start_daily_backup);
  g_task_set_task_data (task, daily, (GDestroyNotify) daily_backup_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

gboolean
_genu_window_get_daily_backup_running (GenuWindow *self)
{
  g_return_val_if_fail (GENU_IS_WINDOW (self), FALSE);

  return self->daily_backup_running;
}

const char *
_genu_window_get_last_toast (GenuWindow *self)
{
  g_return_val_if_fail (GENU_IS_WINDOW (self), NULL);

  return self->last_toast;
}

/* The size the window has when it is neither maximized nor full screen, as GTK keeps it in
 * the default size: the size to come back to at the next start. */
static void
save_size_cb (GenuWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && width != g_settings_get_int (self->settings, "window-width"))
    g_settings_set_int (self->settings, "window-width", width);
  if (height > 0 && height != g_settings_get_int (self->settings, "window-height"))
    g_settings_set_int (self->settings, "window-height", height);
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

/* The audit trail names the Preferences' therapist for changes that carry no therapist of their
 * own (patients, plans, outcome measures). */
static void
apply_therapist_name (GenuWindow *self)
{
  g_autofree char *name = NULL;

  if (self->store == NULL || self->settings == NULL)
    return;
  name = g_settings_get_string (self->settings, "therapist-name");
  genu_store_set_therapist (self->store, name);
}

static void
genu_window_constructed (GObject *object)
{
  GenuWindow *self = GENU_WINDOW (object);

  G_OBJECT_CLASS (genu_window_parent_class)->constructed (object);

  /* Restored as GNOME Text Editor does: the size before the window is shown, then kept up to
   * date as the therapist resizes it. */
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (save_size_cb), NULL);
  g_signal_connect (self, "notify::default-height", G_CALLBACK (save_size_cb), NULL);
  g_signal_connect_swapped (self->settings, "changed::therapist-name",
                            G_CALLBACK (apply_therapist_name), self);
  apply_therapist_name (self);

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
  g_clear_object (&self->settings);
  g_clear_object (&self->chooser);
  g_free (self->database_path);
  g_free (self->restore_path);
  g_free (self->last_toast);
  g_clear_object (&self->selection);
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
    case PROP_DATABASE_PATH:
      g_value_set_string (value, genu_window_get_database_path (self));
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
      genu_window_set_store (self, g_value_get_object (value));
      break;
    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
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
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The database file, for when the store could not be opened (see genu_window_show_error()). */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GENU_TYPE_PATIENT_PAGE);
  g_type_ensure (GENU_TYPE_VISIT_PAGE);
  g_type_ensure (GENU_TYPE_PLAN_PAGE);
  g_type_ensure (GENU_TYPE_SESSION_PAGE);
  g_type_ensure (GENU_TYPE_LEFS_PAGE);
  g_type_ensure (GENU_TYPE_KOOS_PAGE);

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
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, plan_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, session_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, lefs_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, koos_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, GenuWindow, sample_button);
  /* Named for the tests and for accessibility checks; the code does not use them. */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "open_backup_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_screening_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, session_screening_needed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_requested_cb);

  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.import-patients", NULL,
                                   import_patients_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-archived", NULL,
                                   toggle_archived_action);
  gtk_widget_class_install_action (widget_class, "win.undo-archive", "x", undo_archive_action);
  gtk_widget_class_install_action (widget_class, "win.new-visit", NULL, new_visit_action);
  gtk_widget_class_install_action (widget_class, "win.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "win.repeat-session", NULL,
                                   repeat_session_action);
  gtk_widget_class_install_action (widget_class, "win.new-lefs", NULL, new_lefs_action);
  gtk_widget_class_install_action (widget_class, "win.new-koos", NULL, new_koos_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, back_up_action);
  gtk_widget_class_install_action (widget_class, "win.try-sample-data", NULL,
                                   try_sample_data_action);
  gtk_widget_class_install_action (widget_class, "win.leave-sample-data", NULL,
                                   leave_sample_data_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived", "show-archived");

  /* A binding, not an accelerator: the focused widget (a search entry, a popover) gets Escape
   * first, and only an unhandled Escape drops the changes of the form. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
}

static void
genu_window_init (GenuWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->patients = genu_patient_list_new (NULL);
  /* Selecting a row opens the patient, so nothing is selected for the therapist. */
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->patients)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->patient_list, factory);
  gtk_list_view_set_model (self->patient_list, GTK_SELECTION_MODEL (self->selection));
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
  description = g_strdup_printf (_("%s\n\nTo go back to a backup, open it here. To use another "
                                   "file, start Genu with <tt>--database PATH</tt>."), escaped);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  update_actions (self);
}

/**
 * genu_window_set_store:
 * @store: (nullable): the database to show
 *
 * Shows @store: its patient list, with no record open. Used after a restore, when the database
 * was opened again.
 */
void
genu_window_set_store (GenuWindow *self,
                       GenuStore  *store)
{
  g_return_if_fail (GENU_IS_WINDOW (self));
  g_return_if_fail (store == NULL || GENU_IS_STORE (store));

  if (self->store == store)
    return;

  /* What was open belongs to the previous database. */
  if (self->store != NULL)
    {
      self->shown_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      genu_patient_list_set_store (self->patients, NULL);
    }

  g_set_object (&self->store, store);
  g_object_set (self->patient_page, "store", store, NULL);
  g_object_set (self->visit_page, "store", store, NULL);
  g_object_set (self->plan_page, "store", store, NULL);
  g_object_set (self->session_page, "store", store, NULL);
  g_object_set (self->lefs_page, "store", store, NULL);
  g_object_set (self->koos_page, "store", store, NULL);
  apply_therapist_name (self);

  if (store != NULL)
    {
      g_free (self->database_path);
      self->database_path = g_strdup (genu_store_get_path (store));
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      reload_list (self);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * genu_window_get_database_path:
 *
 * Returns: (nullable): the database file: the store's, or the one that could not be opened
 */
const char *
genu_window_get_database_path (GenuWindow *self)
{
  g_return_val_if_fail (GENU_IS_WINDOW (self), NULL);

  if (self->store != NULL)
    return genu_store_get_path (self->store);
  return self->database_path;
}
