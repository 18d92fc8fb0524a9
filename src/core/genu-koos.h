/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The Knee injury and Osteoarthritis Outcome Score (Roos & Lohmander 2003, Health Qual Life
 * Outcomes 1:64; the KOOS User's Guide 2012): 42 items scored 0 (no problems) to 4 (extreme
 * problems) in five subscales, each scored on its own from 0 (extreme problems) to 100 (no
 * problems). There is no total score, and the sources give Genu no threshold of a clinically
 * important change to show. Free for clinical use per its authors. Items are numbered 1-42 in
 * the order of the questionnaire (S1-S7, P1-P9, A1-A17, SP1-SP5, Q1-Q4); each also has its code,
 * "S1" to "Q4". */
#define GENU_KOOS_N_ITEMS 42
#define GENU_KOOS_ITEM_MAX 4
#define GENU_KOOS_SCORE_MAX 100
/* The most items of one subscale that may be missing for its score (User's Guide 2012). */
#define GENU_KOOS_MAX_MISSING 2
/* An item not answered. */
#define GENU_KOOS_MISSING (-1)

typedef enum {
  GENU_KOOS_SYMPTOMS,   /* S1-S7 */
  GENU_KOOS_PAIN,       /* P1-P9 */
  GENU_KOOS_ADL,        /* A1-A17, function in daily living */
  GENU_KOOS_SPORT,      /* SP1-SP5, function in sport and recreation */
  GENU_KOOS_QOL,        /* Q1-Q4, knee-related quality of life */
  GENU_KOOS_N_SUBSCALES
} GenuKoosSubscale;

/* "symptoms", "pain", "adl", "sport", "qol": the key of the subscale in the JSON. */
const char       *genu_koos_subscale_id       (GenuKoosSubscale  subscale);
/* Translated: "Symptoms", "Pain", "Function in daily living", ... */
const char       *genu_koos_subscale_label    (GenuKoosSubscale  subscale);
/* The items of @subscale: @first (a number 1-42) and the @n_items that follow it. */
void              genu_koos_subscale_items    (GenuKoosSubscale  subscale,
                                               guint            *first,
                                               guint            *n_items);
/* The subscale of item @item (1-42). */
GenuKoosSubscale  genu_koos_item_subscale     (guint             item);
/* "S1" ... "Q4" for item @item (1-42); NULL for another number. */
const char       *genu_koos_item_code         (guint             item);
/* The item number (1-42) of @code ("S1" ... "Q4"), or 0. */
guint             genu_koos_item_from_code    (const char       *code);
/* A short label for item @item (1-42), translated, written by us: not the published wording,
 * which the form must not reproduce. NULL for another number. */
const char       *genu_koos_item_label        (guint             item);

/* Scores @subscale of @items (item 1 at index 0; GENU_KOOS_MISSING = not answered):
 * 100 − mean of its answered items × 100 / 4, not rounded. With 1 or 2 of its items missing the
 * mean of the others is used; with more missing, or an item out of 0-4, FALSE: no score. */
gboolean          genu_koos_subscale_score    (const int         items[GENU_KOOS_N_ITEMS],
                                               GenuKoosSubscale  subscale,
                                               double           *score);

#define GENU_TYPE_KOOS (genu_koos_get_type ())
G_DECLARE_FINAL_TYPE (GenuKoos, genu_koos, GENU, KOOS, GObject)

/* One completed KOOS of a patient. */
GenuKoos       *genu_koos_new                 (void);
GenuKoos       *genu_koos_copy                (GenuKoos     *self);
/* Every field but the timestamps. */
gboolean        genu_koos_equal               (GenuKoos     *a,
                                               GenuKoos     *b);

gint64          genu_koos_get_id              (GenuKoos     *self);   /* 0 = unsaved */
void            genu_koos_set_id              (GenuKoos     *self,
                                               gint64        id);
gint64          genu_koos_get_patient_id      (GenuKoos     *self);
void            genu_koos_set_patient_id      (GenuKoos     *self,
                                               gint64        patient_id);
gint64          genu_koos_get_plan_id         (GenuKoos     *self);   /* 0 = no plan */
void            genu_koos_set_plan_id         (GenuKoos     *self,
                                               gint64        plan_id);
const char     *genu_koos_get_date            (GenuKoos     *self);   /* YYYY-MM-DD, "" unset */
void            genu_koos_set_date            (GenuKoos     *self,
                                               const char   *date);
/* Item @item (1-42): 0-4, or GENU_KOOS_MISSING. */
int             genu_koos_get_item            (GenuKoos     *self,
                                               guint         item);
void            genu_koos_set_item            (GenuKoos     *self,
                                               guint         item,
                                               int           value);
/* (transfer none): the 42 items, item 1 (S1) first. */
const int      *genu_koos_get_items           (GenuKoos     *self);
/* genu_koos_subscale_score() of the items. */
gboolean        genu_koos_get_score           (GenuKoos         *self,
                                               GenuKoosSubscale  subscale,
                                               double           *score);
/* The items of @subscale not answered. */
guint           genu_koos_get_n_missing       (GenuKoos         *self,
                                               GenuKoosSubscale  subscale);

const char     *genu_koos_get_created_at      (GenuKoos     *self);
const char     *genu_koos_get_updated_at      (GenuKoos     *self);
void            genu_koos_set_timestamps      (GenuKoos     *self,
                                               const char   *created_at,
                                               const char   *updated_at);

/* Date required, a real date, not after @today (NULL = the real today); each item 0-4 or missing
 * (field "items.<code>", e.g. "items.S1"). A subscale with too many items missing is allowed
 * (kept, but not scored). Returns (transfer full) (element-type GenuFieldError). */
GPtrArray      *genu_koos_validate            (GenuKoos     *self,
                                               const GDate  *today);

/* {"id", "patient_id", "plan_id", "date", "measure": "koos", "items": {"S1": 2, ...} (answered
 * items only), "scores": {"symptoms": 71.4 or null, "pain", "adl", "sport", "qol"} (one
 * decimal), "created_at", "updated_at"} */
JsonNode       *genu_koos_to_json             (GenuKoos     *self);
/* Reads what genu_koos_to_json() writes ("scores" is ignored: they are computed) and checks it
 * with genu_koos_validate() against the real today; fails with G_IO_ERROR_INVALID_DATA naming
 * each problem, one per line. */
GenuKoos       *genu_koos_new_from_json       (JsonNode     *node,
                                               GError      **error);

G_END_DECLS
