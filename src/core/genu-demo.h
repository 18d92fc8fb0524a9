/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "genu-store.h"

G_BEGIN_DECLS

/* Sample data (issue 8): synthetic patients for demonstrations and for measuring Genu at clinic
 * scale. Never real people. */

#define GENU_DEMO_MAX_PATIENTS 1000000

/* The day the sample data counts as today when the caller gives none: every date is reckoned
 * back from it, so that a seed gives the same records whenever it is run. */
#define GENU_DEMO_DEFAULT_TODAY "2026-01-01"

typedef struct {
  guint n_patients;
  guint n_visits;
  guint n_plans;
  guint n_sessions;
} GenuDemoCounts;

/* Called after every few hundred patients, and once at the end (@done == @total). */
typedef void (*GenuDemoProgress) (guint     done,
                                  guint     total,
                                  gpointer  user_data);

/* Fills @store, which must hold no patient (else %GENU_STORE_ERROR_INVALID and nothing is
 * changed), with @n_patients (1..GENU_DEMO_MAX_PATIENTS) synthetic runners: names of several
 * cultures, dates of birth (ages 16-75), running profiles; 1-8 visits each, the first an initial
 * evaluation whose knee assessment has findings that fit one condition of the knowledge base (the
 * visit's working diagnosis names it); a plan of care from the condition's template and one
 * treatment session per later visit. Every record passes the validation of the forms and gets
 * its audit entry ("create").
 *
 * Deterministic: the same @seed and @today give the same records (but for the created_at /
 * updated_at timestamps and audit times). @today (nullable): the day the data is reckoned back
 * from; NULL = GENU_DEMO_DEFAULT_TODAY. It must not be after the real today.
 *
 * Writes in transactions of 1,000 patients: when it fails midway, the patients written so far
 * stay (all of them sample data). @counts (optional): what was made. */
gboolean genu_demo_fill (GenuStore         *store,
                         guint              n_patients,
                         guint64            seed,
                         const GDate       *today,
                         GenuDemoProgress   progress,
                         gpointer           user_data,
                         GenuDemoCounts    *counts,
                         GError           **error);

G_END_DECLS
