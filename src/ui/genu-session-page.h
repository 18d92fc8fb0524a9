/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-intervention-editor.h"
#include "genu-patient.h"
#include "genu-plan.h"
#include "genu-session.h"
#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_SESSION_PAGE_ERROR (genu_session_page_error_quark ())

/* Why genu_session_page_save() did not save, besides GENU_STORE_ERROR_INVALID (a field breaks a
 * rule: each is shown under its field) and the store's own errors. */
typedef enum {
  /* The session records IASTM and the plan's IASTM screening was not done yet: "screening-needed"
   * was emitted. */
  GENU_SESSION_PAGE_ERROR_SCREENING_NEEDED,
  /* The session records IASTM and a contraindication was answered yes in the plan's screening,
   * with nobody's acknowledgement: the message is shown on the page. */
  GENU_SESSION_PAGE_ERROR_SCREENING_BLOCKS,
} GenuSessionPageError;

#define GENU_TYPE_SESSION_PAGE (genu_session_page_get_type ())
G_DECLARE_FINAL_TYPE (GenuSessionPage, genu_session_page, GENU, SESSION_PAGE, AdwBin)

/* The form of one treatment session: date, therapist, duration, NPRS before and after, notes,
 * and its interventions, one GenuInterventionEditor each.
 *
 * Properties: "store" (GenuStore), "dirty" (unsaved changes; the window asks before leaving),
 * "title" ("Session, 2026-03-03", "New Session").
 *
 * Actions, enabled by the page from its state:
 * - "session.add-intervention" (string: genu_intervention_kind_to_string()) appends one;
 * - "session.repeat-last" replaces the interventions by copies of the patient's last session in
 *   the plan (genu_store_get_last_session(), genu_session_repeat());
 * - "session.sign" (a saved session, without unsaved changes, not signed) emits
 *   "sign-requested": the window asks who signs, then calls genu_session_page_sign();
 * - "session.amend" (a signed session) turns the form into a new amendment of it: a copy with id
 *   0, amends_id set and no signature, with the required "Reason for the amendment" field. Saving
 *   it goes through genu_store_amend_session(); the signed session stays as it was.
 *
 * A signed session is shown read-only, with who signed it and when.
 *
 * IASTM screening: when the session to save records an IASTM intervention and there is a plan
 * (genu_session_page_load(), genu_session_page_set_plan()), the plan is read again from the
 * store, and then
 * - while genu_plan_needs_screening(): nothing is saved, "screening-needed" (GenuPlan *plan: the
 *   plan as just read) is emitted and save fails with GENU_SESSION_PAGE_ERROR_SCREENING_NEEDED.
 *   The window shows the screening checklist, saves the plan (or hands it over with
 *   genu_session_page_set_plan()) and calls save again;
 * - when genu_plan_screening_blocks(): nothing is saved; the page says that a contraindication
 *   must be acknowledged in the plan first (under the interventions) and save fails with
 *   GENU_SESSION_PAGE_ERROR_SCREENING_BLOCKS.
 * The page opens no dialog: the window owns them. It implements GenuForm. */

GQuark        genu_session_page_error_quark   (void);

/* Shows @session in the form, dropping unsaved edits (the caller asks first). @plan (nullable):
 * the plan of care the session belongs to. @session (nullable): NULL starts a new session dated
 * today, for @plan, with the therapist of the patient's last session. */
void          genu_session_page_load          (GenuSessionPage  *self,
                                               GenuPatient      *patient,
                                               GenuPlan         *plan,
                                               GenuSession      *session);
void          genu_session_page_set_plan      (GenuSessionPage  *self,
                                               GenuPlan         *plan);
GenuPlan     *genu_session_page_get_plan      (GenuSessionPage  *self);
/* The session as last loaded or saved (the form may differ: see "dirty"). */
GenuSession  *genu_session_page_get_session   (GenuSessionPage  *self);
gboolean      genu_session_page_get_dirty     (GenuSessionPage  *self);
gboolean      genu_session_page_get_read_only (GenuSessionPage  *self);
/* Validates the form and shows each broken rule under its field; checks the IASTM screening (see
 * above); saves through genu_store_save_session() or, for an amendment, genu_store_amend_session();
 * then shows the session as the store has it, no longer dirty. */
gboolean      genu_session_page_save          (GenuSessionPage  *self,
                                               GError          **error);
void          genu_session_page_revert        (GenuSessionPage  *self);
/* Signs the saved session as @signed_by (genu_store_sign_session()) and shows it, read-only. */
gboolean      genu_session_page_sign          (GenuSessionPage  *self,
                                               const char       *signed_by,
                                               GError          **error);

/* For tests and accessibility checks. Fields: "date", "therapist", "duration_minutes",
 * "pain_before", "pain_after", "notes", "amendment_reason", "interventions" (the row that says
 * there is none, under which the interventions' own errors show); get_field_error also takes
 * "interventions[N].<field id>". */
GtkWidget    *genu_session_page_get_field     (GenuSessionPage  *self,
                                               const char       *field);
const char   *genu_session_page_get_field_error (GenuSessionPage *self,
                                                 const char      *field);
guint         genu_session_page_get_n_interventions (GenuSessionPage *self);
GenuInterventionEditor *genu_session_page_get_intervention_editor (GenuSessionPage *self,
                                                                  guint            index);

G_END_DECLS
