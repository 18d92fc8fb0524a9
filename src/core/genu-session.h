/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "genu-intervention.h"

G_BEGIN_DECLS

/* The text fields of a treatment session, each a column of `sessions`
 * (genu_session_text_column()). */
typedef enum {
  GENU_SESSION_DATE,              /* YYYY-MM-DD */
  GENU_SESSION_THERAPIST,
  GENU_SESSION_NOTES,
  GENU_SESSION_AMENDMENT_REASON,  /* why a signed session is amended; required on an amendment */
  GENU_SESSION_N_TEXTS,
} GenuSessionText;

/* The value of an integer field that was not recorded (duration, pain before / after). */
#define GENU_SESSION_UNSET (-1)
#define GENU_SESSION_DURATION_MAX_MINUTES 480

#define GENU_TYPE_SESSION (genu_session_get_type ())
G_DECLARE_FINAL_TYPE (GenuSession, genu_session, GENU, SESSION, GObject)

/* A treatment session: what was done on one day, as a list of structured interventions. A signed
 * session is not edited: a correction is a new session whose amends_id is the signed one's id. */
GenuSession    *genu_session_new                 (void);
/* Deep: the interventions are copied too. */
GenuSession    *genu_session_copy                (GenuSession      *self);
/* Every field, interventions included (genu_intervention_equal(), in order); not the
 * timestamps, which are bookkeeping. */
gboolean        genu_session_equal               (GenuSession      *a,
                                                  GenuSession      *b);
/* "Repeat last session": a new, unsaved session (id 0) for the same patient and plan with copies
 * of @last's interventions (their notes kept). Date, therapist, notes, duration, pains, signature
 * and amendment are left empty. */
GenuSession    *genu_session_repeat              (GenuSession      *last);

gint64          genu_session_get_id              (GenuSession      *self);   /* 0 = unsaved */
void            genu_session_set_id              (GenuSession      *self,
                                                  gint64            id);
gint64          genu_session_get_patient_id      (GenuSession      *self);
void            genu_session_set_patient_id      (GenuSession      *self,
                                                  gint64            patient_id);
gint64          genu_session_get_plan_id         (GenuSession      *self);   /* 0 = no plan */
void            genu_session_set_plan_id         (GenuSession      *self,
                                                  gint64            plan_id);

const char     *genu_session_text_column         (GenuSessionText  field);  /* "date", ... */
const char     *genu_session_get_text            (GenuSession     *self,
                                                  GenuSessionText  field);   /* never NULL */
void            genu_session_set_text            (GenuSession     *self,
                                                  GenuSessionText  field,
                                                  const char      *value);

/* Minutes, GENU_SESSION_UNSET when not recorded. */
int             genu_session_get_duration_minutes (GenuSession    *self);
void            genu_session_set_duration_minutes (GenuSession    *self,
                                                   int             minutes);
/* NPRS 0-10 before and after the session, GENU_SESSION_UNSET when not recorded. */
int             genu_session_get_pain_before     (GenuSession      *self);
void            genu_session_set_pain_before     (GenuSession      *self,
                                                  int               nprs);
int             genu_session_get_pain_after      (GenuSession      *self);
void            genu_session_set_pain_after      (GenuSession      *self,
                                                  int               nprs);

/* (transfer none) (element-type GenuIntervention): the session's own array, in order; the
 * interventions in it may be changed in place, the array itself only through the functions
 * below. */
GPtrArray      *genu_session_get_interventions   (GenuSession      *self);
/* Keeps a reference to @intervention (not a copy), appended last. */
void            genu_session_add_intervention    (GenuSession      *self,
                                                  GenuIntervention *intervention);
void            genu_session_remove_intervention (GenuSession      *self,
                                                  guint             index);
/* Replaces the list by copies of @interventions (element-type GenuIntervention; NULL = none). */
void            genu_session_set_interventions   (GenuSession      *self,
                                                  GPtrArray        *interventions);

/* The signature is set by the store when a session is signed; "" when unsigned. @at is an
 * ISO 8601 date and time. */
const char     *genu_session_get_signed_by       (GenuSession      *self);
const char     *genu_session_get_signed_at       (GenuSession      *self);
gboolean        genu_session_is_signed           (GenuSession      *self);
void            genu_session_set_signature       (GenuSession      *self,
                                                  const char       *signed_by,
                                                  const char       *signed_at);

/* The id of the signed session this one corrects; 0 = not an amendment. */
gint64          genu_session_get_amends_id       (GenuSession      *self);
void            genu_session_set_amends_id       (GenuSession      *self,
                                                  gint64            amends_id);

const char     *genu_session_get_created_at      (GenuSession      *self);
const char     *genu_session_get_updated_at      (GenuSession      *self);
void            genu_session_set_timestamps      (GenuSession      *self,
                                                  const char       *created_at,
                                                  const char       *updated_at);

/* The rules before saving: date required, a real date, not after @today (NULL = the real today);
 * therapist required; duration 1-480 minutes when recorded; pains 0-10 when recorded; at least one
 * intervention ("interventions"), each valid (field "interventions[N].<field id>", N from 0);
 * amendment_reason required when amends_id is set. Returns (transfer full)
 * (element-type GenuFieldError): empty when the session can be saved. */
GPtrArray      *genu_session_validate            (GenuSession      *self,
                                                  const GDate      *today);

/* {"id", "patient_id", "plan_id", "date", "therapist", "notes", "amendment_reason",
 *  "duration_minutes": n | null, "pain_before": n | null, "pain_after": n | null,
 *  "interventions": [genu_intervention_to_json(), ...], "signed_by", "signed_at", "amends_id",
 *  "created_at", "updated_at"} */
JsonNode       *genu_session_to_json             (GenuSession      *self);
/* Reads what genu_session_to_json() writes (members other than "interventions" and "date" may be
 * absent; a null counts as absent) and checks it with genu_session_validate() against the real
 * today. Fails with G_IO_ERROR_INVALID_DATA telling every problem, a line each, as
 * "<where>: <message>", <where> being the member path; it reads past a bad member or
 * intervention, so that nothing hides another problem:
 *   "<member>"                  a member genu_session_to_json() does not write ("notess: “notess”
 *                               is not a member of a session. Remove it, or check its
 *                               spelling.");
 *   "date", "pain_before", …    a member of the wrong type ("Type a text, in double quotes.", "Type
 *                               a whole number, or null when it was not recorded.", "Type the id
 *                               of a saved record, a whole number; 0 for none."), else each rule
 *                               of genu_session_validate() it breaks, with its message;
 *   "interventions"             not a list, or an empty one ("Add at least one intervention: …");
 *   "interventions[N]"          (N from 0) not a JSON object;
 *   "interventions[N].<field>"  each problem of genu_intervention_read_json(): "kind", "note",
 *                               "fields", a field id ("interventions[0].minutes: Minutes: type a
 *                               number from 0.5 to 30.") or an unknown member.
 * The session's own problems come first, in the order above, then each intervention's, in order.
 * Messages are translated; member names and kinds are quoted as the document spells them. When
 * @node is not an object, the one message is "A session must be a JSON object." */
GenuSession    *genu_session_new_from_json       (JsonNode         *node,
                                                  GError          **error);

G_END_DECLS
