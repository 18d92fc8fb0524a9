/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "genu-audit.h"
#include "genu-koos.h"
#include "genu-lefs.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-session.h"
#include "genu-visit.h"

G_BEGIN_DECLS

#define GENU_STORE_ERROR (genu_store_error_quark ())

typedef enum {
  GENU_STORE_ERROR_FAILED,
  GENU_STORE_ERROR_NEWER_SCHEMA,
  GENU_STORE_ERROR_NOT_A_DATABASE,
  GENU_STORE_ERROR_PERMISSION,
  GENU_STORE_ERROR_NOT_FOUND,
  GENU_STORE_ERROR_INVALID,
  GENU_STORE_ERROR_DUPLICATE,
  GENU_STORE_ERROR_SIGNED,        /* the note is signed: it cannot be changed or signed again */
  GENU_STORE_ERROR_AUDIT_BROKEN,  /* the audit trail's hash chain is broken */
  GENU_STORE_ERROR_DISK_FULL,     /* nothing was saved: the disk (or the size limit) is full */
  GENU_STORE_ERROR_BUSY,          /* another program holds the database locked */
} GenuStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define GENU_STORE_SCHEMA_VERSION 7

#define GENU_TYPE_STORE (genu_store_get_type ())
G_DECLARE_FINAL_TYPE (GenuStore, genu_store, GENU, STORE, GObject)

GQuark       genu_store_error_quark          (void);
char        *genu_store_default_path         (void);

GenuStore   *genu_store_open                 (const char   *path,
                                              GError      **error);
const char  *genu_store_get_path             (GenuStore    *self);

/* Who makes the changes from now on, for the audit trail: the name written in the entries of
 * changes that carry no therapist of their own (patients, plans, outcome measures). "" or NULL
 * when not known (the default). */
void         genu_store_set_therapist        (GenuStore    *self,
                                              const char   *therapist);
const char  *genu_store_get_therapist        (GenuStore    *self);

char        *genu_store_next_record_number   (GenuStore    *self,
                                              GError      **error);
gboolean     genu_store_save_patient         (GenuStore    *self,
                                              GenuPatient  *patient,
                                              GError      **error);
GenuPatient *genu_store_get_patient          (GenuStore    *self,
                                              gint64        id,
                                              GError      **error);
GPtrArray   *genu_store_list_patients        (GenuStore    *self,
                                              const char   *search,
                                              gboolean      include_archived,
                                              GError      **error);
gint64       genu_store_count_patients       (GenuStore    *self,
                                              gboolean      include_archived,
                                              GError      **error);

/* The patient list at clinic scale (issue 8): the list genu_store_list_patients() gives, counted
 * and read a page at a time, and where a patient is in it, each without reading the whole list.
 * A search is words that must each begin a word of the name, the record number or the date of
 * birth, case and accents aside. */
gint64       genu_store_count_patients_matching (GenuStore  *self,
                                                 const char *search,
                                                 gboolean    include_archived,
                                                 GError    **error);
GPtrArray   *genu_store_list_patients_page   (GenuStore    *self,
                                              const char   *search,
                                              gboolean      include_archived,
                                              guint         offset,
                                              guint         limit,
                                              GError      **error);
gint64       genu_store_find_patient_position (GenuStore   *self,
                                               const char  *search,
                                               gboolean     include_archived,
                                               gint64       id,
                                               GError     **error);
gboolean     genu_store_set_patient_archived (GenuStore    *self,
                                              gint64        id,
                                              gboolean      archived,
                                              GError      **error);

/* Visits, with their knee assessment (issue 3). A visit and its assessment and findings are saved
 * in one transaction; the visit is validated first (genu_visit_validate()). */
gboolean     genu_store_save_visit           (GenuStore    *self,
                                              GenuVisit    *visit,
                                              GError      **error);
GenuVisit   *genu_store_get_visit            (GenuStore    *self,
                                              gint64        id,
                                              GError      **error);
/* The visits of a patient, newest first (by date, then id). */
GPtrArray   *genu_store_list_visits          (GenuStore    *self,
                                              gint64        patient_id,
                                              GError      **error);

/* Signed visit notes (issue 4). A signed visit, its knee assessment and its findings can no
 * longer be changed or deleted (triggers refuse it, whoever writes to the file); a correction is
 * a new visit that amends the signed one, with a reason. Amendments are visits of their own and
 * are listed by genu_store_list_visits() too. */
gboolean     genu_store_sign_visit           (GenuStore    *self,
                                              gint64        id,
                                              const char   *signed_by,
                                              GError      **error);
/* Who signed the visit and when ("" when unsigned), and the visit it amends (0 = none) with the
 * reason. Each out argument may be NULL. */
gboolean     genu_store_get_visit_signature  (GenuStore    *self,
                                              gint64        id,
                                              char        **signed_by,
                                              char        **signed_at,
                                              gint64       *amends_id,
                                              char        **amendment_reason,
                                              GError      **error);
gboolean     genu_store_amend_visit          (GenuStore    *self,
                                              gint64        original_id,
                                              GenuVisit    *amendment,
                                              const char   *reason,
                                              GError      **error);
/* The amendments of a visit, oldest first. */
GPtrArray   *genu_store_list_visit_amendments (GenuStore   *self,
                                               gint64       visit_id,
                                               GError     **error);

/* Plans of care with their goals and IASTM screening (issue 4). A plan and its goals are saved
 * in one transaction; the plan is validated first (genu_plan_validate()). */
gboolean     genu_store_save_plan            (GenuStore    *self,
                                              GenuPlan     *plan,
                                              GError      **error);
GenuPlan    *genu_store_get_plan             (GenuStore    *self,
                                              gint64        id,
                                              GError      **error);
/* The plans of a patient, newest first (by start date, then id). */
GPtrArray   *genu_store_list_plans           (GenuStore    *self,
                                              gint64        patient_id,
                                              GError      **error);

/* Treatment sessions with their interventions (issue 4). A session is validated
 * (genu_session_validate()) and saved with its interventions in one transaction. A signed
 * session is not changed again: it is amended (genu_store_amend_session()). */
gboolean     genu_store_save_session         (GenuStore    *self,
                                              GenuSession  *session,
                                              GError      **error);
GenuSession *genu_store_get_session          (GenuStore    *self,
                                              gint64        id,
                                              GError      **error);
/* The sessions of a patient, amendments included, newest first (by date, then id). */
GPtrArray   *genu_store_list_sessions        (GenuStore    *self,
                                              gint64        patient_id,
                                              GError      **error);
/* For "repeat last session" (genu_session_repeat()): the newest session of the patient within
 * plan @plan_id (0 = in any plan or none), or %NULL without an error when there is none. */
GenuSession *genu_store_get_last_session     (GenuStore    *self,
                                              gint64        patient_id,
                                              gint64        plan_id,
                                              GError      **error);
gboolean     genu_store_sign_session         (GenuStore    *self,
                                              gint64        id,
                                              const char   *signed_by,
                                              GError      **error);
gboolean     genu_store_amend_session        (GenuStore    *self,
                                              gint64        original_id,
                                              GenuSession  *amendment,
                                              const char   *reason,
                                              GError      **error);
/* The amendments of a session, oldest first. */
GPtrArray   *genu_store_list_amendments      (GenuStore    *self,
                                              gint64        session_id,
                                              GError      **error);

/* Outcome measures: the LEFS (issue 4). */
gboolean     genu_store_save_outcome         (GenuStore    *self,
                                              GenuOutcome  *outcome,
                                              GError      **error);
GenuOutcome *genu_store_get_outcome          (GenuStore    *self,
                                              gint64        id,
                                              GError      **error);
/* The outcomes of a patient, oldest first (by date, then id): the points of the progress
 * chart. */
GPtrArray   *genu_store_list_outcomes        (GenuStore    *self,
                                              gint64        patient_id,
                                              GError      **error);

/* Outcome measures: the KOOS, in a table of its own (schema version 5). A KOOS is validated
 * (genu_koos_validate()) and saved in one transaction; its plan, if any, must be one of the
 * patient's. */
gboolean     genu_store_save_koos            (GenuStore    *self,
                                              GenuKoos     *koos,
                                              GError      **error);
GenuKoos    *genu_store_get_koos             (GenuStore    *self,
                                              gint64        id,
                                              GError      **error);
/* The KOOS of a patient, oldest first (by date, then id). */
GPtrArray   *genu_store_list_koos            (GenuStore    *self,
                                              gint64        patient_id,
                                              GError      **error);

/* The audit trail (issue 7, schema version 6). Every create, update, archive or restore, sign
 * and amend the store makes writes one entry in the same transaction: who, when, what, and the
 * record as JSON before and after. The entries are chained by SHA-256 hashes (genu-audit.h).
 *
 * genu_store_list_audit(): the entries about patient @patient_id (0 = every entry), oldest
 * first (by id).
 * genu_store_verify_audit(): %TRUE when the chain is whole; else %FALSE with @first_bad_id the
 * id of the first entry that does not follow from the one before (changed, slipped in, or the
 * one after an entry taken out) and %GENU_STORE_ERROR_AUDIT_BROKEN saying why. @n_entries gets
 * the number of entries read. Both out arguments may be NULL. */
GPtrArray   *genu_store_list_audit           (GenuStore    *self,
                                              gint64        patient_id,
                                              GError      **error);
gboolean     genu_store_verify_audit         (GenuStore    *self,
                                              gint64       *first_bad_id,
                                              gint64       *n_entries,
                                              GError      **error);

G_END_DECLS
