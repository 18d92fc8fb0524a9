/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "genu-store.h"

G_BEGIN_DECLS

/* The bulk path of genu-demo.c (genu-store-demo.c): new records only, written with reused
 * statements in transactions of many records instead of one transaction per record. Each record
 * passes the same validation as genu_store_save_*() and gets its "create" audit entry in the
 * same transaction; the audit chain is carried on in memory. Only for an empty database:
 * _genu_store_bulk_begin() refuses one that has patients. */
typedef struct _GenuStoreBulk GenuStoreBulk;

GenuStoreBulk *_genu_store_bulk_begin        (GenuStore      *store,
                                              GError        **error);
GenuStoreBulk *_genu_store_bulk_begin_import (GenuStore      *store,
                                              GError        **error);
gboolean       _genu_store_record_number_used (GenuStore     *store,
                                               const char    *record_number,
                                               gboolean      *used,
                                               GError       **error);
void           _genu_store_bulk_reserve_record_numbers (GenuStoreBulk *bulk,
                                                        GHashTable    *numbers);
/* Commits what was added so far and opens the next transaction. */
gboolean       _genu_store_bulk_commit       (GenuStoreBulk  *bulk,
                                              GError        **error);
/* Rolls back what was added since the last commit. */
void           _genu_store_bulk_free         (GenuStoreBulk  *bulk);

/* Each one validates, inserts and gives the record its id and timestamps. */
gboolean       _genu_store_bulk_add_patient  (GenuStoreBulk  *bulk,
                                              GenuPatient    *patient,
                                              GError        **error);
gboolean       _genu_store_bulk_add_visit    (GenuStoreBulk  *bulk,
                                              GenuVisit      *visit,
                                              GenuPatient    *patient,
                                              GError        **error);
gboolean       _genu_store_bulk_add_plan     (GenuStoreBulk  *bulk,
                                              GenuPlan       *plan,
                                              GError        **error);
gboolean       _genu_store_bulk_add_session  (GenuStoreBulk  *bulk,
                                              GenuSession    *session,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GenuStoreBulk, _genu_store_bulk_free)

G_END_DECLS
