/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-session-page.h"
#include "genu-field-error.h"
#include "genu-form.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <glib/gi18n.h>
#include <string.h>

/* A treatment session: date, therapist, duration, pain before and after, notes, and what was
 * done, as structured interventions. A signed session is shown as it was signed; a correction is
 * an amendment beside it. */

struct _GenuSessionPage
{
  AdwBin               parent_instance;

  GenuStore           *store;
  GenuPatient         *patient;
  GenuPlan            *plan;           /* nullable */
  GenuSession         *session;        /* as last loaded or saved; id 0 for a new one */
  GenuSession         *last;           /* nullable: the patient's last session, to repeat */

  GPtrArray           *interventions;  /* GenuIntervention: what the form shows now */
  GPtrArray           *editors;        /* GenuInterventionEditor, in the same order */
  GHashTable          *fields;         /* field name -> row that shows its errors */

  AdwPreferencesPage  *form_page;
  AdwPreferencesGroup *signature_group;
  AdwActionRow        *signature_row;
  GtkImage            *signature_icon;
  GtkWidget           *sign_button;
  GtkWidget           *amend_button;
  AdwEntryRow         *amendment_reason;
  AdwPreferencesGroup *session_group;
  AdwEntryRow         *date;
  AdwEntryRow         *therapist;
  AdwEntryRow         *duration_minutes;
  AdwEntryRow         *pain_before;
  AdwEntryRow         *pain_after;
  AdwPreferencesGroup *notes_group;
  GtkTextView         *notes;
  AdwPreferencesGroup *interventions_group;
  GtkWidget           *repeat_button;
  GtkMenuButton       *add_button;
  AdwActionRow        *empty_row;
  AdwActionRow        *screening_row;

  gboolean             dirty;
  gboolean             loading;
  gboolean             show_errors;    /* after a refused save, errors follow every edit */
  gboolean             read_only;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SCREENING_NEEDED,
  SIGN_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The whole numbers of the form, with their range and the message of genu_session_validate()
 * (the same words, so that a number that cannot be read and one out of range say the same). */
static const struct {
  const char *field;
  int         min;
  int         max;
  const char *message;
} int_fields[] = {
  { "duration_minutes", 1, GENU_SESSION_DURATION_MAX_MINUTES,
    N_("Type the length of the session in whole minutes from 1 to 480, or leave it empty.") },
  { "pain_before", 0, 10,
    N_("Pain before: type a whole number from 0 to 10, or leave it empty.") },
  { "pain_after", 0, 10,
    N_("Pain after: type a whole number from 0 to 10, or leave it empty.") },
};

G_DEFINE_QUARK (genu-session-page-error-quark, genu_session_page_error)

static void genu_session_page_form_init (GenuFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GenuSessionPage, genu_session_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (GENU_TYPE_FORM,
                                                      genu_session_page_form_init))

static void
set_dirty (GenuSessionPage *self,
           gboolean         dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
notes_text (GenuSessionPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static AdwEntryRow *
int_row (GenuSessionPage *self,
         guint            i)
{
  return g_hash_table_lookup (self->fields, int_fields[i].field);
}

/* Reads the whole number of int_fields[@i]: GENU_SESSION_UNSET when empty. Returns the message
 * to show when it cannot be read or is out of range, else NULL; @value gets what could be read. */
static const char *
read_int (GenuSessionPage *self,
          guint            i,
          int             *value)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (int_row (self, i))));
  gint64 number;

  *value = GENU_SESSION_UNSET;
  if (*text == '\0')
    return NULL;
  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    return _(int_fields[i].message);
  *value = (int) number;
  if (number < int_fields[i].min || number > int_fields[i].max)
    return _(int_fields[i].message);
  return NULL;
}

static gboolean
has_iastm (GPtrArray *interventions)
{
  for (guint i = 0; i < interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (interventions, i);

      if (genu_intervention_get_kind (intervention) == GENU_INTERVENTION_IASTM)
        return TRUE;
    }
  return FALSE;
}

/* Reads the form into a copy of the loaded session; numbers that cannot be read go to @errors. */
static GenuSession *
read_form (GenuSessionPage *self,
           GPtrArray       *errors)
{
  GenuSession *session = genu_session_copy (self->session);
  g_autofree char *notes = notes_text (self);
  int values[G_N_ELEMENTS (int_fields)];

  genu_session_set_text (session, GENU_SESSION_DATE, entry_text (self->date));
  genu_session_set_text (session, GENU_SESSION_THERAPIST, entry_text (self->therapist));
  genu_session_set_text (session, GENU_SESSION_NOTES, notes);
  genu_session_set_text (session, GENU_SESSION_AMENDMENT_REASON,
                         genu_session_get_amends_id (session) != 0
                           ? entry_text (self->amendment_reason) : "");

  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    {
      const char *message = read_int (self, i, &values[i]);

      if (message != NULL)
        g_ptr_array_add (errors, genu_field_error_new (int_fields[i].field, message));
    }
  genu_session_set_duration_minutes (session, values[0]);
  genu_session_set_pain_before (session, values[1]);
  genu_session_set_pain_after (session, values[2]);

  genu_session_set_interventions (session, self->interventions);
  return session;
}

static GPtrArray *
check_form (GenuSessionPage  *self,
            GenuSession     **out_session)
{
  g_autoptr(GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuSession) session = read_form (self, errors);
  g_autoptr(GPtrArray) rules = genu_session_validate (session, NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      GenuFieldError *rule = g_ptr_array_index (rules, i);

      if (genu_field_errors_lookup (errors, rule->field) == NULL)
        g_ptr_array_add (errors, genu_field_error_new (rule->field, rule->message));
    }

  if (out_session != NULL)
    *out_session = g_steal_pointer (&session);
  return g_steal_pointer (&errors);
}

static void
show_errors (GenuSessionPage *self,
             GPtrArray       *errors)
{
  GHashTableIter iter;
  gpointer field, row;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &field, &row))
    genu_field_error_set (row, errors ? genu_field_errors_lookup (errors, field) : NULL);

  for (guint i = 0; i < self->editors->len; i++)
    genu_intervention_editor_show_errors (g_ptr_array_index (self->editors, i), errors, i);
}

/* "interventions[2].minutes" -> 2 and "minutes". */
static gboolean
parse_intervention_field (const char  *field,
                          guint       *index,
                          const char **id)
{
  const char *rest;
  char *end = NULL;
  guint64 n;

  if (!g_str_has_prefix (field, "interventions["))
    return FALSE;
  rest = field + strlen ("interventions[");
  n = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || !g_str_has_prefix (end, "]."))
    return FALSE;
  *index = (guint) n;
  *id = end + 2;
  return TRUE;
}

static void
focus_first_error (GenuSessionPage *self,
                   GPtrArray       *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *error = g_ptr_array_index (errors, i);
      GtkWidget *row = g_hash_table_lookup (self->fields, error->field);
      const char *id;
      guint index;

      if (row == NULL && parse_intervention_field (error->field, &index, &id) &&
          index < self->editors->len)
        row = genu_intervention_editor_get_field (g_ptr_array_index (self->editors, index), id);

      if (row != NULL && gtk_widget_get_visible (row))
        {
          gtk_widget_grab_focus (row);
          return;
        }
    }
}

static GenuSession *
dup_last_session (GenuSessionPage *self,
                  gint64           plan_id)
{
  if (self->store == NULL || self->patient == NULL || genu_patient_get_id (self->patient) == 0)
    return NULL;
  /* A database that cannot be read here only leaves "Repeat Last Session" off. */
  return genu_store_get_last_session (self->store, genu_patient_get_id (self->patient), plan_id,
                                      NULL);
}

static void
update_actions (GenuSessionPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loaded = self->session != NULL;
  gboolean editable = loaded && !self->read_only;
  gboolean saved = loaded && genu_session_get_id (self->session) != 0;
  /* Repeating is how a new session starts, not how a saved one or an amendment is corrected. */
  gboolean can_repeat = editable && !saved && self->last != NULL &&
                        genu_session_get_amends_id (self->session) == 0;

  gtk_widget_action_set_enabled (widget, "session.add-intervention", editable);
  gtk_widget_action_set_enabled (widget, "session.repeat-last", can_repeat);
  gtk_widget_action_set_enabled (widget, "session.sign", saved && editable && !self->dirty);
  gtk_widget_action_set_enabled (widget, "session.amend", loaded && self->read_only);
  /* The menu button has no action of its own; a signed session shows neither of the two. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !self->read_only);
  gtk_widget_set_visible (self->repeat_button, !self->read_only);
}

/* The screening of the plan, as it stands, when the form records IASTM. */
static void
update_screening_row (GenuSessionPage *self)
{
  const char *message = NULL;

  if (self->plan != NULL && !self->read_only && has_iastm (self->interventions))
    {
      if (genu_plan_needs_screening (self->plan))
        message = _("The plan’s IASTM screening is not done yet: it is asked before the session "
                    "is saved.");
      else if (genu_plan_screening_blocks (self->plan))
        message = _("A contraindication to IASTM was answered yes: acknowledge it in the plan "
                    "before an IASTM session.");
      else if (genu_plan_screening_warns (self->plan))
        message = _("The plan’s IASTM screening noted a precaution or a contraindication: check "
                    "it before treating.");
    }

  /* A refused save already says it, as an error. */
  if (g_strcmp0 (message, genu_field_error_get (GTK_WIDGET (self->empty_row))) == 0)
    message = NULL;

  if (message != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->screening_row), message);
  gtk_widget_set_visible (GTK_WIDGET (self->screening_row), message != NULL);
}

static void
update_empty (GenuSessionPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), self->interventions->len == 0);
}

/* "2026-03-03" from an ISO 8601 date and time, in the local time zone. */
static char *
format_signed_on (const char *signed_at)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (signed_at, local);
  g_autoptr(GDateTime) here = NULL;
  g_autofree char *day = NULL;

  if (when == NULL)
    day = g_strndup (signed_at, 10);
  else
    {
      here = g_date_time_to_local (when);
      day = g_date_time_format (here, "%Y-%m-%d");
    }
  return genu_format_date (day);
}

static void
update_signature (GenuSessionPage *self)
{
  GenuSession *session = self->session;
  gboolean saved = genu_session_get_id (session) != 0;
  gboolean amendment = genu_session_get_amends_id (session) != 0;
  gboolean is_signed = genu_session_is_signed (session);
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self->signature_row);

  gtk_widget_set_visible (GTK_WIDGET (self->signature_group), saved || amendment);
  gtk_widget_set_visible (GTK_WIDGET (self->amendment_reason), amendment);
  gtk_widget_set_visible (self->sign_button, saved && !is_signed);
  gtk_widget_set_visible (self->amend_button, is_signed);

  if (is_signed)
    {
      g_autofree char *when = format_signed_on (genu_session_get_signed_at (session));
      /* TRANSLATORS: "Signed by Tom Therapist on 3 Mar 2026 — amend to correct it" */
      g_autofree char *title = g_strdup_printf (_("Signed by %s on %s — amend to correct it"),
                                                genu_session_get_signed_by (session), when);

      adw_preferences_row_set_title (row, title);
      adw_action_row_set_subtitle (self->signature_row,
                                   _("A signed session can no longer be changed. An amendment "
                                     "is saved beside it, with its reason."));
      gtk_image_set_from_icon_name (self->signature_icon, "emblem-ok-symbolic");
    }
  else if (!saved)
    {
      adw_preferences_row_set_title (row, _("Amendment of a signed session"));
      adw_action_row_set_subtitle (self->signature_row,
                                   _("Correct what needs correcting and say why. The signed "
                                     "session stays as it was."));
      gtk_image_set_from_icon_name (self->signature_icon, "document-edit-symbolic");
    }
  else
    {
      adw_preferences_row_set_title (row, _("Not signed"));
      adw_action_row_set_subtitle (self->signature_row,
                                   _("Sign the session once it is complete. A signed session "
                                     "can no longer be changed, only amended."));
      gtk_image_set_from_icon_name (self->signature_icon, "document-edit-symbolic");
    }
}

/* Returns whether the focus was in the page and had to go: a text entry that turns insensitive
 * while it has the focus never gets its focus-out event. */
static gboolean
release_focus (GenuSessionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return FALSE;
  gtk_root_set_focus (root, NULL);
  return TRUE;
}

/* Returns whether the focus had to leave the form. */
static gboolean
update_read_only (GenuSessionPage *self)
{
  gboolean read_only = genu_session_is_signed (self->session);
  gboolean released = read_only && release_focus (self);

  self->read_only = read_only;
  gtk_widget_set_sensitive (GTK_WIDGET (self->session_group), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_group), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amendment_reason), !read_only);
  for (guint i = 0; i < self->editors->len; i++)
    genu_intervention_editor_set_read_only (g_ptr_array_index (self->editors, i), read_only);
  return released;
}

static char *
dup_title (GenuSessionPage *self)
{
  g_autofree char *date = NULL;

  if (self->session == NULL)
    return NULL;

  if (genu_session_get_id (self->session) == 0 && genu_session_get_amends_id (self->session) == 0)
    return g_strdup (_("New Session"));
  date = genu_format_date (entry_text (self->date));
  if (genu_session_get_id (self->session) == 0)
    /* TRANSLATORS: the title of an amendment being written, with the session's date */
    return g_strdup_printf (_("Amendment, %s"), date);
  /* TRANSLATORS: the title of a session, with its date: "Session, 3 Mar 2026" */
  return g_strdup_printf (_("Session, %s"), date);
}

static void
form_changed (GenuSessionPage *self)
{
  /* Nothing to follow while loading, nor once disposed. */
  if (self->loading || self->editors == NULL)
    return;

  set_dirty (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  update_empty (self);

  if (self->show_errors)
    {
      g_autoptr(GPtrArray) errors = check_form (self, NULL);
      show_errors (self, errors);
    }

  update_screening_row (self);
  update_actions (self);
}

static void
field_changed_cb (GenuSessionPage *self)
{
  form_changed (self);
}

static void
int_changed_cb (AdwEntryRow     *row,
                GenuSessionPage *self)
{
  if (self->loading)
    return;

  /* A number out of its range is said at once, while it is typed. */
  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    if (int_row (self, i) == row)
      {
        int value;

        genu_field_error_set (GTK_WIDGET (row), read_int (self, i, &value));
      }
  form_changed (self);
}

static void
editor_changed_cb (GenuSessionPage *self)
{
  form_changed (self);
}

static void
remove_requested_cb (GenuInterventionEditor *editor,
                     GenuSessionPage        *self)
{
  guint index;

  if (self->read_only || !g_ptr_array_find (self->editors, editor, &index))
    return;

  adw_preferences_group_remove (self->interventions_group, GTK_WIDGET (editor));
  g_ptr_array_remove_index (self->editors, index);
  g_ptr_array_remove_index (self->interventions, index);
  form_changed (self);
}

static GenuInterventionEditor *
add_editor (GenuSessionPage  *self,
            GenuIntervention *intervention,
            gboolean          expanded)
{
  GtkWidget *editor = genu_intervention_editor_new (intervention);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (editor), expanded);
  genu_intervention_editor_set_read_only (GENU_INTERVENTION_EDITOR (editor), self->read_only);
  g_signal_connect_swapped (editor, "changed", G_CALLBACK (editor_changed_cb), self);
  g_signal_connect (editor, "remove-requested", G_CALLBACK (remove_requested_cb), self);
  adw_preferences_group_add (self->interventions_group, editor);
  g_ptr_array_add (self->interventions, g_object_ref (intervention));
  g_ptr_array_add (self->editors, g_object_ref (editor));
  return GENU_INTERVENTION_EDITOR (editor);
}

static void
clear_editors (GenuSessionPage *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    adw_preferences_group_remove (self->interventions_group, g_ptr_array_index (self->editors, i));
  g_ptr_array_set_size (self->editors, 0);
  g_ptr_array_set_size (self->interventions, 0);
}

static void
fill_form (GenuSessionPage *self)
{
  GenuSession *session = self->session;
  GPtrArray *interventions = genu_session_get_interventions (session);
  gboolean focus_released;
  int values[] = {
    genu_session_get_duration_minutes (session),
    genu_session_get_pain_before (session),
    genu_session_get_pain_after (session),
  };

  self->loading = TRUE;

  self->read_only = genu_session_is_signed (session);
  gtk_editable_set_text (GTK_EDITABLE (self->date),
                         genu_session_get_text (session, GENU_SESSION_DATE));
  gtk_editable_set_text (GTK_EDITABLE (self->therapist),
                         genu_session_get_text (session, GENU_SESSION_THERAPIST));
  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    {
      g_autofree char *text = values[i] != GENU_SESSION_UNSET ? g_strdup_printf ("%d", values[i])
                                                              : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (int_row (self, i)), text);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes),
                            genu_session_get_text (session, GENU_SESSION_NOTES), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->amendment_reason),
                         genu_session_get_text (session, GENU_SESSION_AMENDMENT_REASON));

  /* The form edits copies: the loaded session stays as it was until it is saved. */
  clear_editors (self);
  for (guint i = 0; i < interventions->len; i++)
    {
      g_autoptr(GenuIntervention) copy = genu_intervention_copy (g_ptr_array_index (interventions,
                                                                                    i));
      add_editor (self, copy, FALSE);
    }

  g_clear_object (&self->last);
  self->last = dup_last_session (self, genu_session_get_plan_id (session));

  self->loading = FALSE;
  focus_released = update_read_only (self);
  update_signature (self);
  update_empty (self);
  self->show_errors = FALSE;
  show_errors (self, NULL);
  update_screening_row (self);
  set_dirty (self, FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  /* Signed just now: the next thing to do with it is to amend it, if anything. */
  if (focus_released)
    gtk_widget_grab_focus (self->amend_button);
}

static void
add_intervention_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (widget);
  g_autoptr(GenuIntervention) intervention = NULL;
  GenuInterventionEditor *editor;
  GenuInterventionKind kind;

  if (self->session == NULL || self->read_only ||
      !genu_intervention_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;

  intervention = genu_intervention_new (kind);
  editor = add_editor (self, intervention, TRUE);
  form_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (editor));
}

static void
repeat_last_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (widget);
  g_autoptr(GenuSession) repeated = NULL;
  GPtrArray *interventions;

  if (self->last == NULL || self->read_only)
    return;

  /* Copies: editing them leaves the last session as it was stored. */
  repeated = genu_session_repeat (self->last);
  interventions = genu_session_get_interventions (repeated);
  clear_editors (self);
  for (guint i = 0; i < interventions->len; i++)
    add_editor (self, g_ptr_array_index (interventions, i), FALSE);
  form_changed (self);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGN_REQUESTED], 0);
}

static void
amend_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (widget);
  g_autoptr(GenuSession) amendment = NULL;

  if (self->session == NULL || !genu_session_is_signed (self->session))
    return;

  amendment = genu_session_copy (self->session);
  genu_session_set_id (amendment, 0);
  genu_session_set_amends_id (amendment, genu_session_get_id (self->session));
  genu_session_set_signature (amendment, NULL, NULL);
  genu_session_set_text (amendment, GENU_SESSION_AMENDMENT_REASON, "");
  genu_session_set_timestamps (amendment, NULL, NULL);
  g_set_object (&self->session, amendment);
  fill_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amendment_reason));
}

/* Whether the IASTM screening lets the session be saved (see the header). */
static gboolean
check_screening (GenuSessionPage  *self,
                 GenuSession      *session,
                 GError          **error)
{
  if (self->plan == NULL || !has_iastm (genu_session_get_interventions (session)))
    return TRUE;

  /* The window may have saved the screening since the plan was handed over. */
  if (self->store != NULL && genu_plan_get_id (self->plan) != 0)
    {
      g_autoptr(GenuPlan) stored = genu_store_get_plan (self->store, genu_plan_get_id (self->plan),
                                                        NULL);

      if (stored != NULL)
        g_set_object (&self->plan, stored);
    }
  update_screening_row (self);

  if (genu_plan_needs_screening (self->plan))
    {
      g_set_error_literal (error, GENU_SESSION_PAGE_ERROR,
                           GENU_SESSION_PAGE_ERROR_SCREENING_NEEDED,
                           _("Answer the IASTM screening of the plan before the first IASTM "
                             "session."));
      g_signal_emit (self, signals[SCREENING_NEEDED], 0, self->plan);
      return FALSE;
    }

  if (genu_plan_screening_blocks (self->plan))
    {
      const char *message = _("A contraindication to IASTM was answered yes: acknowledge it in "
                              "the plan before an IASTM session.");

      genu_field_error_set (GTK_WIDGET (self->empty_row), message);
      update_screening_row (self);
      g_set_error_literal (error, GENU_SESSION_PAGE_ERROR,
                           GENU_SESSION_PAGE_ERROR_SCREENING_BLOCKS, message);
      return FALSE;
    }

  return TRUE;
}

static void
genu_session_page_dispose (GObject *object)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (object);

  /* The page of the form is AdwBin's child: let AdwBin drop it before the template's references
   * go. The editors go with it. */
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_SESSION_PAGE);

  G_OBJECT_CLASS (genu_session_page_parent_class)->dispose (object);
}

static void
genu_session_page_finalize (GObject *object)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->patient);
  g_clear_object (&self->plan);
  g_clear_object (&self->session);
  g_clear_object (&self->last);
  g_clear_pointer (&self->interventions, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (genu_session_page_parent_class)->finalize (object);
}

static void
genu_session_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_TITLE:
      g_value_take_string (value, dup_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_session_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
form_get_dirty (GenuForm *form)
{
  return genu_session_page_get_dirty (GENU_SESSION_PAGE (form));
}

static gboolean
form_is_new (GenuForm *form)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (form);

  return self->session == NULL || genu_session_get_id (self->session) == 0;
}

static gboolean
form_save (GenuForm  *form,
           GError   **error)
{
  return genu_session_page_save (GENU_SESSION_PAGE (form), error);
}

static void
form_revert (GenuForm *form)
{
  genu_session_page_revert (GENU_SESSION_PAGE (form));
}

static const char *
form_get_saved_message (GenuForm *form)
{
  GenuSessionPage *self = GENU_SESSION_PAGE (form);

  if (self->session != NULL && genu_session_get_amends_id (self->session) != 0)
    return _("Amendment saved");
  return _("Session saved");
}

static void
genu_session_page_form_init (GenuFormInterface *iface)
{
  iface->get_dirty = form_get_dirty;
  iface->is_new = form_is_new;
  iface->save = form_save;
  iface->revert = form_revert;
  iface->get_saved_message = form_get_saved_message;
}

static void
genu_session_page_class_init (GenuSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_session_page_dispose;
  object_class->finalize = genu_session_page_finalize;
  object_class->get_property = genu_session_page_get_property;
  object_class->set_property = genu_session_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Saving needs the IASTM screening of the plan (the argument, as just read from the store)
   * first: the window shows the checklist, saves the plan, then saves again. */
  signals[SCREENING_NEEDED] =
    g_signal_new ("screening-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, GENU_TYPE_PLAN);
  /* "session.sign" was activated: the window asks who signs, then calls
   * genu_session_page_sign(). */
  signals[SIGN_REQUESTED] =
    g_signal_new ("sign-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GENU_TYPE_INTERVENTION_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/genu-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, form_page);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, signature_group);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, signature_row);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, signature_icon);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, amend_button);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, amendment_reason);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, session_group);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, date);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, therapist);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, duration_minutes);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, pain_before);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, pain_after);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, notes);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, interventions_group);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, repeat_button);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, empty_row);
  gtk_widget_class_bind_template_child (widget_class, GenuSessionPage, screening_row);

  gtk_widget_class_install_action (widget_class, "session.add-intervention", "s",
                                   add_intervention_action);
  gtk_widget_class_install_action (widget_class, "session.repeat-last", NULL, repeat_last_action);
  gtk_widget_class_install_action (widget_class, "session.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "session.amend", NULL, amend_action);
}

static void
genu_session_page_init (GenuSessionPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->interventions = g_ptr_array_new_with_free_func (g_object_unref);
  self->editors = g_ptr_array_new_with_free_func (g_object_unref);
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint kind = 0; kind < GENU_INTERVENTION_N_KINDS; kind++)
    {
      g_autofree char *action = g_strdup_printf ("session.add-intervention::%s",
                                                 genu_intervention_kind_to_string (kind));

      g_menu_append (menu, genu_intervention_kind_label (kind), action);
    }
  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));

  /* The rows whose rules can break, by the field names of genu_session_validate(). */
  g_hash_table_insert (self->fields, (gpointer) "date", self->date);
  g_hash_table_insert (self->fields, (gpointer) "therapist", self->therapist);
  g_hash_table_insert (self->fields, (gpointer) "duration_minutes", self->duration_minutes);
  g_hash_table_insert (self->fields, (gpointer) "pain_before", self->pain_before);
  g_hash_table_insert (self->fields, (gpointer) "pain_after", self->pain_after);
  g_hash_table_insert (self->fields, (gpointer) "amendment_reason", self->amendment_reason);
  g_hash_table_insert (self->fields, (gpointer) "interventions", self->empty_row);
  {
    GHashTableIter iter;
    gpointer row;

    g_hash_table_iter_init (&iter, self->fields);
    while (g_hash_table_iter_next (&iter, NULL, &row))
      genu_field_error_attach (row);
  }

  g_signal_connect_swapped (self->date, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->therapist, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->amendment_reason, "changed", G_CALLBACK (field_changed_cb),
                            self);
  for (guint i = 0; i < G_N_ELEMENTS (int_fields); i++)
    g_signal_connect (int_row (self, i), "changed", G_CALLBACK (int_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes), "changed",
                            G_CALLBACK (field_changed_cb), self);

  update_actions (self);
}

/**
 * genu_session_page_load:
 * @patient: whose session it is
 * @plan: (nullable): the plan of care the session belongs to
 * @session: (nullable): the session to show; %NULL starts a new one dated today
 *
 * Shows @session in the form, dropping unsaved edits (the caller asks first).
 */
void
genu_session_page_load (GenuSessionPage *self,
                        GenuPatient     *patient,
                        GenuPlan        *plan,
                        GenuSession     *session)
{
  g_return_if_fail (GENU_IS_SESSION_PAGE (self));
  g_return_if_fail (GENU_IS_PATIENT (patient));
  g_return_if_fail (plan == NULL || GENU_IS_PLAN (plan));
  g_return_if_fail (session == NULL || GENU_IS_SESSION (session));

  g_set_object (&self->patient, patient);
  g_clear_object (&self->plan);
  if (plan != NULL)
    self->plan = genu_plan_copy (plan);

  g_clear_object (&self->session);
  if (session != NULL)
    {
      self->session = genu_session_copy (session);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
      g_autoptr(GenuSession) last = dup_last_session (self, 0);

      self->session = genu_session_new ();
      genu_session_set_patient_id (self->session, genu_patient_get_id (patient));
      genu_session_set_plan_id (self->session, plan != NULL ? genu_plan_get_id (plan) : 0);
      genu_session_set_text (self->session, GENU_SESSION_DATE, today);
      /* Usually the same therapist treats the patient each time; the first time, the one of
       * the preferences. */
      if (last != NULL)
        {
          genu_session_set_text (self->session, GENU_SESSION_THERAPIST,
                                 genu_session_get_text (last, GENU_SESSION_THERAPIST));
        }
      else
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);
          g_autofree char *therapist = g_settings_get_string (settings, "therapist-name");

          genu_session_set_text (self->session, GENU_SESSION_THERAPIST, therapist);
        }
    }

  fill_form (self);
}

/**
 * genu_session_page_set_plan:
 * @plan: (nullable): the plan, e.g. with its IASTM screening just answered
 */
void
genu_session_page_set_plan (GenuSessionPage *self,
                            GenuPlan        *plan)
{
  g_return_if_fail (GENU_IS_SESSION_PAGE (self));
  g_return_if_fail (plan == NULL || GENU_IS_PLAN (plan));

  g_clear_object (&self->plan);
  if (plan != NULL)
    self->plan = genu_plan_copy (plan);
  update_screening_row (self);
}

/**
 * genu_session_page_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan as the page last read it
 */
GenuPlan *
genu_session_page_get_plan (GenuSessionPage *self)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), NULL);

  return self->plan;
}

/**
 * genu_session_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session as last loaded or saved
 */
GenuSession *
genu_session_page_get_session (GenuSessionPage *self)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), NULL);

  return self->session;
}

gboolean
genu_session_page_get_dirty (GenuSessionPage *self)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), FALSE);

  return self->dirty;
}

gboolean
genu_session_page_get_read_only (GenuSessionPage *self)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), FALSE);

  return self->read_only;
}

/**
 * genu_session_page_save:
 *
 * Saves the session when every rule holds and the IASTM screening allows it (see the header);
 * otherwise nothing is written, each broken rule is shown under its field and @error says why:
 * %GENU_STORE_ERROR_INVALID, or a #GenuSessionPageError.
 */
gboolean
genu_session_page_save (GenuSessionPage  *self,
                        GError          **error)
{
  g_autoptr(GenuSession) session = NULL;
  g_autoptr(GenuSession) stored = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  gint64 original_id;
  gboolean saved;

  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                           _("This session is signed: amend it to correct it."));
      return FALSE;
    }

  errors = check_form (self, &session);
  self->show_errors = TRUE;
  show_errors (self, errors);

  if (errors->len > 0)
    {
      focus_first_error (self, errors);
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                   ngettext ("One field needs attention before the session can be saved.",
                             "%u fields need attention before the session can be saved.",
                             errors->len),
                   errors->len);
      return FALSE;
    }

  if (!check_screening (self, session, error))
    return FALSE;

  original_id = genu_session_get_amends_id (session);
  if (original_id != 0 && genu_session_get_id (session) == 0)
    saved = genu_store_amend_session (self->store, original_id, session,
                                      genu_session_get_text (session,
                                                             GENU_SESSION_AMENDMENT_REASON),
                                      error);
  else
    saved = genu_store_save_session (self->store, session, error);
  if (!saved)
    return FALSE;

  /* As the store has it now: ids, timestamps. */
  if (genu_session_get_id (session) != 0)
    stored = genu_store_get_session (self->store, genu_session_get_id (session), NULL);
  g_set_object (&self->session, (stored != NULL ? stored : session));
  fill_form (self);
  return TRUE;
}

void
genu_session_page_revert (GenuSessionPage *self)
{
  g_return_if_fail (GENU_IS_SESSION_PAGE (self));

  if (self->session != NULL)
    fill_form (self);
}

/**
 * genu_session_page_sign:
 * @signed_by: the name of the therapist who signs
 *
 * Signs the saved session, which must have no unsaved changes, and shows it signed.
 */
gboolean
genu_session_page_sign (GenuSessionPage  *self,
                        const char       *signed_by,
                        GError          **error)
{
  g_autoptr(GenuSession) stored = NULL;
  gint64 id;

  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (signed_by != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = genu_session_get_id (self->session);
  if (id == 0 || self->dirty)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("Save the session before signing it."));
      return FALSE;
    }

  if (!genu_store_sign_session (self->store, id, signed_by, error))
    return FALSE;

  stored = genu_store_get_session (self->store, id, error);
  if (stored == NULL)
    return FALSE;
  g_set_object (&self->session, stored);
  fill_form (self);
  return TRUE;
}

/**
 * genu_session_page_get_field:
 *
 * Returns: (transfer none) (nullable): the row of a field (see the header), or the notes' text
 * view for "notes"
 */
GtkWidget *
genu_session_page_get_field (GenuSessionPage *self,
                             const char      *field)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), NULL);

  if (g_strcmp0 (field, "notes") == 0)
    return GTK_WIDGET (self->notes);
  return g_hash_table_lookup (self->fields, field);
}

/**
 * genu_session_page_get_field_error:
 *
 * Returns: (nullable): the message shown under the field, or %NULL
 */
const char *
genu_session_page_get_field_error (GenuSessionPage *self,
                                   const char      *field)
{
  GtkWidget *row;
  const char *id;
  guint index;

  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (parse_intervention_field (field, &index, &id))
    return index < self->editors->len
             ? genu_intervention_editor_get_field_error (g_ptr_array_index (self->editors, index),
                                                         id)
             : NULL;

  row = g_hash_table_lookup (self->fields, field);
  return row != NULL ? genu_field_error_get (row) : NULL;
}

guint
genu_session_page_get_n_interventions (GenuSessionPage *self)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), 0);

  return self->editors->len;
}

/**
 * genu_session_page_get_intervention_editor:
 *
 * Returns: (transfer none) (nullable): the editor of the intervention at @index
 */
GenuInterventionEditor *
genu_session_page_get_intervention_editor (GenuSessionPage *self,
                                           guint            index)
{
  g_return_val_if_fail (GENU_IS_SESSION_PAGE (self), NULL);

  if (index >= self->editors->len)
    return NULL;
  return g_ptr_array_index (self->editors, index);
}
