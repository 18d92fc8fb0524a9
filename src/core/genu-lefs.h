/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The Lower Extremity Functional Scale (Binkley et al. 1999, Phys Ther 79:371): 20 items scored
 * 0 (extreme difficulty or unable) to 4 (no difficulty), total 0-80, higher is better. Minimal
 * clinically important difference: 9 points (same source). Items are numbered 1-20. */
#define GENU_LEFS_N_ITEMS 20
#define GENU_LEFS_ITEM_MAX 4
#define GENU_LEFS_MAX 80
#define GENU_LEFS_MCID 9
/* The most items that may be missing for a score (scaled from the mean of the others). */
#define GENU_LEFS_MAX_MISSING 4
/* An item not answered. */
#define GENU_LEFS_MISSING (-1)

/* A short label for item @item (1-20), translated, written by us: not the published wording,
 * which the form must not reproduce. NULL for another number. */
const char     *genu_lefs_item_label          (guint        item);

/* Scores @items (item 1 at index 0; GENU_LEFS_MISSING = not answered): all answered → the sum;
 * 1-4 missing → the mean of the answered items × 20 (scaled to 80), rounded to one decimal;
 * 5 or more missing, or an item out of 0-4 → FALSE, no score. */
gboolean        genu_lefs_score               (const int    items[GENU_LEFS_N_ITEMS],
                                               double      *score);

/* Whether a change of the LEFS is clinically important: |after - before| ≥ 9 points
 * (GENU_LEFS_MCID, Binkley et al. 1999). */
gboolean        genu_lefs_change_is_important (double       before,
                                               double       after);
/* Whether a change of the NPRS (0-10) is clinically important: a change of at least 2 points or
 * of at least 30 % of @before (Farrar et al. 2001, Pain 94:149), in either direction. */
gboolean        genu_nprs_change_is_important (int          before,
                                               int          after);

#define GENU_TYPE_OUTCOME (genu_outcome_get_type ())
G_DECLARE_FINAL_TYPE (GenuOutcome, genu_outcome, GENU, OUTCOME, GObject)

/* One completed outcome measure of a patient (for now always the LEFS, measure "lefs"). */
GenuOutcome    *genu_outcome_new              (void);
GenuOutcome    *genu_outcome_copy             (GenuOutcome  *self);
/* Every field but the timestamps. */
gboolean        genu_outcome_equal            (GenuOutcome  *a,
                                               GenuOutcome  *b);

gint64          genu_outcome_get_id           (GenuOutcome  *self);   /* 0 = unsaved */
void            genu_outcome_set_id           (GenuOutcome  *self,
                                               gint64        id);
gint64          genu_outcome_get_patient_id   (GenuOutcome  *self);
void            genu_outcome_set_patient_id   (GenuOutcome  *self,
                                               gint64        patient_id);
gint64          genu_outcome_get_plan_id      (GenuOutcome  *self);   /* 0 = no plan */
void            genu_outcome_set_plan_id      (GenuOutcome  *self,
                                               gint64        plan_id);
const char     *genu_outcome_get_measure      (GenuOutcome  *self);   /* "lefs" */
const char     *genu_outcome_get_date         (GenuOutcome  *self);   /* YYYY-MM-DD, "" unset */
void            genu_outcome_set_date         (GenuOutcome  *self,
                                               const char   *date);
/* Item @item (1-20): 0-4, or GENU_LEFS_MISSING. */
int             genu_outcome_get_item         (GenuOutcome  *self,
                                               guint         item);
void            genu_outcome_set_item         (GenuOutcome  *self,
                                               guint         item,
                                               int           value);
/* (transfer none): the 20 items, item 1 first. */
const int      *genu_outcome_get_items        (GenuOutcome  *self);
/* genu_lefs_score() of the items. */
gboolean        genu_outcome_get_score        (GenuOutcome  *self,
                                               double       *score);
guint           genu_outcome_get_n_missing    (GenuOutcome  *self);

const char     *genu_outcome_get_created_at   (GenuOutcome  *self);
const char     *genu_outcome_get_updated_at   (GenuOutcome  *self);
void            genu_outcome_set_timestamps   (GenuOutcome  *self,
                                               const char   *created_at,
                                               const char   *updated_at);

/* Date required, a real date, not after @today (NULL = the real today); each item 0-4 or missing
 * (field "items.<n>", n from 1). More than 4 missing items is allowed (kept, but not scored).
 * Returns (transfer full) (element-type GenuFieldError). */
GPtrArray      *genu_outcome_validate         (GenuOutcome  *self,
                                               const GDate  *today);

/* {"id", "patient_id", "plan_id", "date", "measure": "lefs", "items": {"1": 3, ...} (answered items
 * only), "score": 56.0 or null, "created_at", "updated_at"} */
JsonNode       *genu_outcome_to_json          (GenuOutcome  *self);
/* Reads what genu_outcome_to_json() writes ("score" is ignored: it is computed) and checks it with
 * genu_outcome_validate() against the real today; fails with G_IO_ERROR_INVALID_DATA naming each
 * problem, one per line. */
GenuOutcome    *genu_outcome_new_from_json    (JsonNode     *node,
                                               GError      **error);

G_END_DECLS
