/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-history-dialog.h"
#include "genu-locale.h"
#include "genu-validation.h"

#include <glib/gi18n.h>

/* The history of changes of one patient (issue 7): the audit trail of their records, newest
 * first, in words a therapist reads: what happened to which record, when, by whom, and for an
 * update the fields that changed with their values before and after. */

struct _GenuHistoryDialog
{
  AdwWindow       parent_instance;

  GenuStore      *store;
  GenuPatient    *patient;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkWidget      *broken_banner;
  GtkLabel       *broken_label;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (GenuHistoryDialog, genu_history_dialog, ADW_TYPE_WINDOW)

/* What happened, for each kind of record; %s is the date of the record, as "4 Mar 2026". */
static const struct {
  const char      *record_kind;
  GenuAuditAction  action;
  const char      *text;
} headlines[] = {
  { "patient", GENU_AUDIT_CREATE, N_("Patient created") },
  { "patient", GENU_AUDIT_UPDATE, N_("Patient details updated") },
  { "patient", GENU_AUDIT_ARCHIVE, N_("Patient archived") },
  { "patient", GENU_AUDIT_RESTORE, N_("Patient restored") },
  /* TRANSLATORS: %s is the date of the visit, as "4 Mar 2026" */
  { "visit", GENU_AUDIT_CREATE, N_("Visit of %s created") },
  /* TRANSLATORS: %s is the date of the visit, as "4 Mar 2026" */
  { "visit", GENU_AUDIT_UPDATE, N_("Visit of %s updated") },
  /* TRANSLATORS: %s is the date of the visit, as "4 Mar 2026" */
  { "visit", GENU_AUDIT_SIGN, N_("Visit of %s signed") },
  /* TRANSLATORS: %s is the date of the visit, as "4 Mar 2026" */
  { "visit", GENU_AUDIT_AMEND, N_("Visit of %s amended") },
  /* TRANSLATORS: %s is the date of the treatment session, as "4 Mar 2026" */
  { "session", GENU_AUDIT_CREATE, N_("Session of %s logged") },
  /* TRANSLATORS: %s is the date of the treatment session, as "4 Mar 2026" */
  { "session", GENU_AUDIT_UPDATE, N_("Session of %s updated") },
  /* TRANSLATORS: %s is the date of the treatment session, as "4 Mar 2026" */
  { "session", GENU_AUDIT_SIGN, N_("Session of %s signed") },
  /* TRANSLATORS: %s is the date of the treatment session, as "4 Mar 2026" */
  { "session", GENU_AUDIT_AMEND, N_("Session of %s amended") },
  /* TRANSLATORS: %s is the start date of the plan of care, as "4 Mar 2026" */
  { "plan", GENU_AUDIT_CREATE, N_("Plan of care of %s created") },
  /* TRANSLATORS: %s is the start date of the plan of care, as "4 Mar 2026" */
  { "plan", GENU_AUDIT_UPDATE, N_("Plan of care of %s updated") },
  /* TRANSLATORS: %s is the date the LEFS was answered, as "4 Mar 2026" */
  { "outcome", GENU_AUDIT_CREATE, N_("LEFS of %s recorded") },
  /* TRANSLATORS: %s is the date the LEFS was answered, as "4 Mar 2026" */
  { "outcome", GENU_AUDIT_UPDATE, N_("LEFS of %s updated") },
  /* TRANSLATORS: %s is the date the KOOS was answered, as "4 Mar 2026" */
  { "koos", GENU_AUDIT_CREATE, N_("KOOS of %s recorded") },
  /* TRANSLATORS: %s is the date the KOOS was answered, as "4 Mar 2026" */
  { "koos", GENU_AUDIT_UPDATE, N_("KOOS of %s updated") },
};

/* Readable names of the fields of the records, by their JSON key. Keys not listed are shown as
 * they are. */
static const struct {
  const char *key;
  const char *label;
} field_labels[] = {
  /* Patients */
  { "family_name", N_("Family name") },
  { "given_names", N_("Given names") },
  { "date_of_birth", N_("Date of birth") },
  { "sex", N_("Sex") },
  { "record_number", N_("Clinic record number") },
  { "phone", N_("Phone") },
  { "email", N_("Email") },
  { "address", N_("Address") },
  { "referring_physician", N_("Referring physician") },
  { "notes", N_("Notes") },
  { "weekly_distance_km", N_("Weekly distance (km)") },
  { "years_running", N_("Years running") },
  { "goal_event", N_("Goal race or event") },
  { "usual_surface", N_("Usual surface") },
  { "shoes", N_("Shoes") },
  { "training_changes", N_("Recent training changes") },
  { "archived", N_("Archived") },
  /* Visits and sessions */
  { "date", N_("Date") },
  { "therapist", N_("Therapist") },
  { "kind", N_("Kind of visit") },
  { "subjective", N_("Subjective") },
  { "objective", N_("Objective") },
  { "soap_assessment", N_("Assessment") },
  { "plan", N_("Plan") },
  { "assessment", N_("Knee assessment") },
  { "diagnosis_id", N_("Diagnosis") },
  { "diagnosis_name", N_("Diagnosis name") },
  { "diagnosis_icd10", N_("ICD-10 code") },
  { "signed_by", N_("Signed by") },
  { "signed_at", N_("Signed at") },
  { "amendment_reason", N_("Reason for the amendment") },
  { "duration_minutes", N_("Duration (minutes)") },
  { "pain_before", N_("Pain before (NPRS)") },
  { "pain_after", N_("Pain after (NPRS)") },
  { "interventions", N_("Interventions") },
  /* Plans of care */
  { "start_date", N_("Start date") },
  { "frequency_per_week", N_("Sessions per week") },
  { "duration_weeks", N_("Duration (weeks)") },
  { "goals", N_("Goals") },
  { "closed", N_("Closed") },
  { "screening_done", N_("Screening done") },
  { "contraindications", N_("Contraindications") },
  { "acknowledged_by", N_("Acknowledged by") },
  { "acknowledged_at", N_("Acknowledged at") },
  /* Outcome measures */
  { "items", N_("Answers") },
  { "score", N_("Score") },
  { "scores", N_("Scores") },
};

/* The readable words of the values stored as codes, the same as the forms show. */
static const struct {
  const char *key;
  const char *value;
  const char *label;
} value_labels[] = {
  { "sex", "unknown", N_("Not recorded") },
  { "sex", "female", N_("Female") },
  { "sex", "male", N_("Male") },
  { "sex", "other", N_("Other") },
  { "kind", "initial_evaluation", N_("Initial evaluation") },
  { "kind", "follow_up", N_("Follow-up") },
  { "kind", "re_evaluation", N_("Re-evaluation") },
  { "kind", "discharge", N_("Discharge") },
};

/* Bookkeeping that changes with every save, or ids that mean nothing to a reader. */
static const char * const skipped_keys[] = {
  "id", "patient_id", "plan_id", "amends_id", "created_at", "updated_at", "measure",
};

typedef struct {
  char *field;
  char *old_text;
  char *new_text;
} Change;

static void
change_free (Change *change)
{
  g_free (change->field);
  g_free (change->old_text);
  g_free (change->new_text);
  g_free (change);
}

static const char *
field_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].key, key))
      return _(field_labels[i].label);
  return key;
}

static gboolean
is_skipped (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (skipped_keys); i++)
    if (g_str_equal (skipped_keys[i], key))
      return TRUE;
  return FALSE;
}

/* "4 Mar 2026, 14:05:09" in the user's time zone, for a UTC time as the store writes it; the
 * text as it is when it is not a time. */
static char *
format_when (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (iso == NULL || (utc = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return g_strdup (iso != NULL ? iso : "");

  local = g_date_time_to_local (utc);
  day = g_date_time_format (local, "%Y-%m-%d");
  date = genu_format_date (day);
  /* The time as the user's locale writes it. */
  time = g_date_time_format (local, "%X");
  /* TRANSLATORS: when a change was made: a date, as "4 Mar 2026", and a time */
  return g_strdup_printf (_("%s, %s"), date, time != NULL ? time : "");
}

static gboolean
is_scalar (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_VALUE (node) || JSON_NODE_HOLDS_NULL (node);
}

/* A value of a record (the member @key of it) as a reader wants to see it; NULL for no value
 * at all. */
static char *
value_to_text (const char *key,
               JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);
          GDate date;

          if (*text == '\0')
            return NULL;
          for (guint i = 0; key != NULL && i < G_N_ELEMENTS (value_labels); i++)
            if (g_str_equal (value_labels[i].key, key) && g_str_equal (value_labels[i].value, text))
              return g_strdup (_(value_labels[i].label));
          if (genu_parse_date (text, &date, NULL))
            return genu_format_date (text);
          if (strchr (text, 'T') != NULL && g_ascii_isdigit (text[0]))
            return format_when (text);
          return g_strdup (text);
        }
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        return genu_format_number (json_node_get_double (node), 2);
      return NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      if (n == 0)
        return NULL;
      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          char *text;

          if (!is_scalar (element))
            /* TRANSLATORS: a list of things in a record (goals, interventions) */
            return g_strdup_printf (ngettext ("%u entry", "%u entries", n), n);
          if ((text = value_to_text (NULL, element)) != NULL)
            g_ptr_array_add (texts, text);
        }
      g_ptr_array_add (texts, NULL);
      return g_strjoinv (", ", (char **) texts->pdata);
    }

  /* An object that is there on one side only. */
  return g_strdup (_("Recorded"));
}

static void
add_changes (GPtrArray  *changes,
             const char *prefix,
             JsonObject *old_object,
             JsonObject *new_object);

static void
add_change (GPtrArray  *changes,
            const char *prefix,
            const char *key,
            JsonNode   *old_node,
            JsonNode   *new_node)
{
  g_autofree char *label = NULL;
  Change *change;

  if (prefix == NULL && is_skipped (key))
    return;
  if (old_node != NULL && new_node != NULL && json_node_equal (old_node, new_node))
    return;

  /* TRANSLATORS: a field inside another, as "Knee assessment › Swelling" */
  label = prefix != NULL ? g_strdup_printf (_("%s › %s"), prefix, field_label (key))
                         : g_strdup (field_label (key));

  if (old_node != NULL && new_node != NULL &&
      JSON_NODE_HOLDS_OBJECT (old_node) && JSON_NODE_HOLDS_OBJECT (new_node))
    {
      add_changes (changes, label, json_node_get_object (old_node),
                   json_node_get_object (new_node));
      return;
    }

  change = g_new0 (Change, 1);
  change->old_text = value_to_text (key, old_node);
  change->new_text = value_to_text (key, new_node);
  /* null and "" read the same: no change to tell. */
  if (g_strcmp0 (change->old_text, change->new_text) == 0)
    {
      change_free (change);
      return;
    }
  change->field = g_steal_pointer (&label);
  g_ptr_array_add (changes, change);
}

/* The fields that differ between two versions of a record, in the order of the record. */
static void
add_changes (GPtrArray  *changes,
             const char *prefix,
             JsonObject *old_object,
             JsonObject *new_object)
{
  g_autoptr(GList) new_keys = json_object_get_members (new_object);
  g_autoptr(GList) old_keys = json_object_get_members (old_object);

  for (GList *l = new_keys; l != NULL; l = l->next)
    add_change (changes, prefix, l->data, json_object_get_member (old_object, l->data),
                json_object_get_member (new_object, l->data));
  for (GList *l = old_keys; l != NULL; l = l->next)
    if (!json_object_has_member (new_object, l->data))
      add_change (changes, prefix, l->data, json_object_get_member (old_object, l->data), NULL);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static char *
dup_record_date (JsonObject *object)
{
  const char *keys[] = { "date", "start_date" };

  for (guint i = 0; object != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *node = json_object_get_member (object, keys[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING &&
          *json_node_get_string (node) != '\0')
        return genu_format_date (json_node_get_string (node));
    }
  return NULL;
}

/* "Visit of 4 Mar 2026 updated" */
static char *
dup_headline (const GenuAuditEntry *entry,
              JsonObject           *record)
{
  for (guint i = 0; i < G_N_ELEMENTS (headlines); i++)
    {
      g_autofree char *date = NULL;
      GString *text;

      if (headlines[i].action != entry->action ||
          g_strcmp0 (headlines[i].record_kind, entry->record_kind) != 0)
        continue;
      if (strstr (headlines[i].text, "%s") == NULL)
        return g_strdup (_(headlines[i].text));

      /* The one %s replaced by hand: the format comes from a table, not a literal. */
      date = dup_record_date (record);
      text = g_string_new (_(headlines[i].text));
      g_string_replace (text, "%s", date != NULL ? date : _("an unknown date"), 1);
      return g_string_free (text, FALSE);
    }

  /* TRANSLATORS: a change the history has no words for: the kind of record and what was done
   * to it, as they are stored ("plan", "archive") */
  return g_strdup_printf (_("Change to a record (%s, %s)"), entry->record_kind,
                          genu_audit_action_to_string (entry->action));
}

static GtkWidget *
new_label (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
new_entry_row (const GenuAuditEntry *entry,
               gboolean              altered)
{
  g_autoptr(JsonParser) old_parser = json_parser_new ();
  g_autoptr(JsonParser) new_parser = json_parser_new ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  JsonObject *old_object = parse_object (old_parser, entry->old_values);
  JsonObject *new_object = parse_object (new_parser, entry->new_values);
  g_autofree char *headline = dup_headline (entry, new_object != NULL ? new_object : old_object);
  g_autofree char *when = format_when (entry->at);
  g_autofree char *byline = NULL;
  g_autofree char *number = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  label = new_label (headline, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);
  /* The entry's number in the audit trail, which the warning about a broken trail names. */
  /* TRANSLATORS: the number of an entry of the audit trail */
  number = g_strdup_printf (_("No. %lld"), (long long) entry->id);
  label = new_label (number, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (box), top);

  /* TRANSLATORS: when and by whom a change was made: "4 Mar 2026, 14:05:09 — Ana Ruiz" */
  byline = g_strdup_printf (_("%s — %s"), when,
                            entry->therapist != NULL && *entry->therapist != '\0'
                            ? entry->therapist : _("Unknown therapist"));
  gtk_box_append (GTK_BOX (box), new_label (byline, "dim-label"));

  if (altered)
    gtk_box_append (GTK_BOX (box),
                    new_label (_("This entry was altered after it was written, or does not "
                                 "follow the one before it."), "error"));

  if (old_object != NULL && new_object != NULL)
    add_changes (changes, NULL, old_object, new_object);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = g_ptr_array_index (changes, i);
      g_autofree char *values = NULL;
      GtkWidget *change_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      /* TRANSLATORS: a field's value before and after a change, as "555 1234 → 555 9876" */
      values = g_strdup_printf (_("%s → %s"),
                                change->old_text != NULL ? change->old_text : _("(empty)"),
                                change->new_text != NULL ? change->new_text : _("(empty)"));
      if (i == 0)
        gtk_widget_set_margin_top (change_box, 6);
      label = new_label (change->field, "caption-heading");
      gtk_box_append (GTK_BOX (change_box), label);
      label = new_label (values, NULL);
      /* Notes can be long: their first lines are enough to tell the change. */
      gtk_label_set_lines (GTK_LABEL (label), 4);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (change_box), label);
      gtk_box_append (GTK_BOX (box), change_box);
    }

  return row;
}

static void
load_history (GenuHistoryDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) verify_error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 patient_id = genu_patient_get_id (self->patient);
  gint64 bad_id = 0;
  g_autofree char *name = genu_patient_dup_display_name (self->patient);

  adw_window_title_set_subtitle (self->window_title, name);

  entries = genu_store_list_audit (self->store, patient_id, &error);
  if (entries == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("The History Could Not Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* The whole trail is checked, not only this patient's entries: an entry taken out anywhere
   * breaks the chain for all that follows. */
  if (!genu_store_verify_audit (self->store, &bad_id, NULL, &verify_error))
    {
      g_autofree char *text = NULL;

      if (bad_id != 0)
        text = g_strdup_printf (_("The history was altered outside Genu at entry %lld: from "
                                  "that entry on, it cannot be trusted. Keep the database file "
                                  "as it is and compare it with a backup."),
                                (long long) bad_id);
      else
        text = g_strdup_printf (_("The history could not be checked: %s"),
                                verify_error->message);
      gtk_label_set_text (self->broken_label, text);
      gtk_widget_set_visible (self->broken_banner, TRUE);
    }

  for (guint i = entries->len; i > 0; i--)
    {
      GenuAuditEntry *entry = g_ptr_array_index (entries, i - 1);

      gtk_list_box_append (self->list, new_entry_row (entry, bad_id != 0 && entry->id == bad_id));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->list), entries->len > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    entries->len > 0 || bad_id != 0 ? "list" : "empty");
}

static void
genu_history_dialog_dispose (GObject *object)
{
  GenuHistoryDialog *self = GENU_HISTORY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GENU_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (genu_history_dialog_parent_class)->dispose (object);
}

static void
genu_history_dialog_class_init (GenuHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_history_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/genu-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GenuHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GenuHistoryDialog, broken_banner);
  gtk_widget_class_bind_template_child (widget_class, GenuHistoryDialog, broken_label);
  gtk_widget_class_bind_template_child (widget_class, GenuHistoryDialog, list);
  gtk_widget_class_bind_template_child (widget_class, GenuHistoryDialog, empty_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
genu_history_dialog_init (GenuHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * genu_history_dialog_new:
 * @parent: the window the dialog is modal for
 * @patient: a saved patient
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
genu_history_dialog_new (GtkWindow   *parent,
                         GenuStore   *store,
                         GenuPatient *patient)
{
  GenuHistoryDialog *self;

  g_return_val_if_fail (GENU_IS_STORE (store), NULL);
  g_return_val_if_fail (GENU_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (genu_patient_get_id (patient) != 0, NULL);

  self = g_object_new (GENU_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->patient = g_object_ref (patient);
  load_history (self);

  return GTK_WIDGET (self);
}
