/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "genu-patient.h"
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
} GenuStoreError;

/* The schema version this build writes (PRAGMA user_version). */
#define GENU_STORE_SCHEMA_VERSION 3

#define GENU_TYPE_STORE (genu_store_get_type ())
G_DECLARE_FINAL_TYPE (GenuStore, genu_store, GENU, STORE, GObject)

GQuark       genu_store_error_quark          (void);
char        *genu_store_default_path         (void);

GenuStore   *genu_store_open                 (const char   *path,
                                              GError      **error);
const char  *genu_store_get_path             (GenuStore    *self);

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

G_END_DECLS
