/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-audit.h"

#include <string.h>

static const char * const action_names[] = {
  [GENU_AUDIT_CREATE] = "create",
  [GENU_AUDIT_UPDATE] = "update",
  [GENU_AUDIT_ARCHIVE] = "archive",
  [GENU_AUDIT_RESTORE] = "restore",
  [GENU_AUDIT_SIGN] = "sign",
  [GENU_AUDIT_AMEND] = "amend",
};

G_DEFINE_BOXED_TYPE (GenuAuditEntry, genu_audit_entry, genu_audit_entry_copy,
                     genu_audit_entry_free)

GenuAuditEntry *
genu_audit_entry_new (void)
{
  GenuAuditEntry *entry = g_new0 (GenuAuditEntry, 1);

  entry->at = g_strdup ("");
  entry->therapist = g_strdup ("");
  entry->record_kind = g_strdup ("");
  entry->prev_hash = g_strdup ("");
  entry->hash = g_strdup ("");
  return entry;
}

GenuAuditEntry *
genu_audit_entry_copy (const GenuAuditEntry *entry)
{
  GenuAuditEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (GenuAuditEntry, 1);
  *copy = *entry;
  copy->at = g_strdup (entry->at);
  copy->therapist = g_strdup (entry->therapist);
  copy->record_kind = g_strdup (entry->record_kind);
  copy->old_values = g_strdup (entry->old_values);
  copy->new_values = g_strdup (entry->new_values);
  copy->prev_hash = g_strdup (entry->prev_hash);
  copy->hash = g_strdup (entry->hash);
  return copy;
}

void
genu_audit_entry_free (GenuAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->at);
  g_free (entry->therapist);
  g_free (entry->record_kind);
  g_free (entry->old_values);
  g_free (entry->new_values);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

const char *
genu_audit_action_to_string (GenuAuditAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (action_names), NULL);

  return action_names[action];
}

gboolean
genu_audit_action_from_string (const char      *text,
                               GenuAuditAction *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_strcmp0 (text, action_names[i]) == 0)
      {
        *action = i;
        return TRUE;
      }
  return FALSE;
}

/* A field as "<length in bytes>:<bytes>;", or "-;" for none: the length keeps any text from
 * passing for another split of the fields. */
static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL)
    g_string_append (out, "-;");
  else
    g_string_append_printf (out, "%" G_GSIZE_FORMAT ":%s;", strlen (text), text);
}

static void
append_int_field (GString *out,
                  gint64   value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  append_field (out, text);
}

/* Written by hand rather than by a JSON writer, so that no change in a library's output (escapes,
 * spacing) can ever break a chain that was whole. The stored JSON texts go in as they are. */
char *
genu_audit_entry_canonical (const GenuAuditEntry *entry)
{
  GString *out;

  g_return_val_if_fail (entry != NULL, NULL);

  out = g_string_new (NULL);
  append_int_field (out, entry->id);
  append_field (out, entry->at);
  append_field (out, entry->therapist);
  append_field (out, genu_audit_action_to_string (entry->action));
  append_field (out, entry->record_kind);
  append_int_field (out, entry->record_id);
  if (entry->patient_id == 0)
    append_field (out, NULL);
  else
    append_int_field (out, entry->patient_id);
  append_field (out, entry->old_values);
  append_field (out, entry->new_values);
  return g_string_free (out, FALSE);
}

char *
genu_audit_entry_compute_hash (const GenuAuditEntry *entry)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  canonical = genu_audit_entry_canonical (entry);
  g_checksum_update (checksum, (const guchar *) (entry->prev_hash ? entry->prev_hash : ""), -1);
  g_checksum_update (checksum, (const guchar *) canonical, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
add_json_or_null (JsonBuilder *builder,
                  const char  *text)
{
  JsonNode *node = text != NULL ? json_from_string (text, NULL) : NULL;

  /* Text that is not JSON (only a hand-edited file has it) is shown as the string it is. */
  if (node == NULL && text != NULL)
    {
      json_builder_add_string_value (builder, text);
      return;
    }
  if (node == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_value (builder, node);
}

JsonNode *
genu_audit_entry_to_json (const GenuAuditEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (entry != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, entry->id);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, entry->at);
  json_builder_set_member_name (builder, "therapist");
  json_builder_add_string_value (builder, entry->therapist);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, genu_audit_action_to_string (entry->action));
  json_builder_set_member_name (builder, "record_kind");
  json_builder_add_string_value (builder, entry->record_kind);
  json_builder_set_member_name (builder, "record_id");
  json_builder_add_int_value (builder, entry->record_id);
  json_builder_set_member_name (builder, "patient_id");
  if (entry->patient_id == 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, entry->patient_id);
  json_builder_set_member_name (builder, "old_values");
  add_json_or_null (builder, entry->old_values);
  json_builder_set_member_name (builder, "new_values");
  add_json_or_null (builder, entry->new_values);
  json_builder_set_member_name (builder, "prev_hash");
  json_builder_add_string_value (builder, entry->prev_hash);
  json_builder_set_member_name (builder, "hash");
  json_builder_add_string_value (builder, entry->hash);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
