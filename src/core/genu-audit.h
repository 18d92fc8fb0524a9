/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What an audit entry records (issue 7); the strings are what the audit_log table holds. */
typedef enum {
  GENU_AUDIT_CREATE,
  GENU_AUDIT_UPDATE,
  GENU_AUDIT_ARCHIVE,
  GENU_AUDIT_RESTORE,
  GENU_AUDIT_SIGN,
  GENU_AUDIT_AMEND,
} GenuAuditAction;

/* The hash before the first entry of the chain: 64 zeros. */
#define GENU_AUDIT_FIRST_PREV_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

/* One entry of the audit trail, as genu_store_list_audit() reads it. */
typedef struct {
  gint64           id;
  char            *at;           /* UTC, ISO 8601 */
  char            *therapist;    /* who; "" when not known */
  GenuAuditAction  action;
  char            *record_kind;  /* "patient", "visit", "plan", "session", "outcome", "koos" */
  gint64           record_id;
  gint64           patient_id;   /* 0 = none */
  char            *old_values;   /* the record as JSON before the change; NULL for a new record */
  char            *new_values;   /* the record as JSON after it */
  char            *prev_hash;
  char            *hash;
} GenuAuditEntry;

#define GENU_TYPE_AUDIT_ENTRY (genu_audit_entry_get_type ())

GType            genu_audit_entry_get_type        (void) G_GNUC_CONST;
GenuAuditEntry  *genu_audit_entry_new             (void);
GenuAuditEntry  *genu_audit_entry_copy            (const GenuAuditEntry *entry);
void             genu_audit_entry_free            (GenuAuditEntry       *entry);

const char      *genu_audit_action_to_string      (GenuAuditAction       action);
gboolean         genu_audit_action_from_string    (const char           *text,
                                                   GenuAuditAction      *action);

/* SHA-256, as 64 lower-case hex digits, over prev_hash followed by the canonical serialization
 * of the entry's own fields (genu_audit_entry_canonical()). */
char            *genu_audit_entry_compute_hash    (const GenuAuditEntry *entry);
/* The entry's own fields (all but the hashes) in a fixed order: id, at, therapist, action,
 * record_kind, record_id, patient_id (none when 0), old_values, new_values, each as
 * "<length in bytes>:<text>;" or "-;" when there is none; numbers in decimal. */
char            *genu_audit_entry_canonical       (const GenuAuditEntry *entry);

/* {"id", "at", "therapist", "action", "record_kind", "record_id", "patient_id" (null when none),
 *  "old_values", "new_values" (the records as JSON, or null), "prev_hash", "hash"} */
JsonNode        *genu_audit_entry_to_json         (const GenuAuditEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenuAuditEntry, genu_audit_entry_free)

G_END_DECLS
