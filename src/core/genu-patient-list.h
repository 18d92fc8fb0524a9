/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "genu-store.h"

G_BEGIN_DECLS

/* The patient list as a GListModel of GenuPatient (issue 8): the patients of a store that a
 * search finds, in the order of genu_store_list_patients(). It counts them, and reads a page of
 * them only when an item on that page is asked for, keeping the few pages read last: a list
 * view over 100,000 patients reads the rows it shows. */

#define GENU_PATIENT_LIST_PAGE_SIZE 100
#define GENU_PATIENT_LIST_MAX_PAGES 8

#define GENU_TYPE_PATIENT_LIST (genu_patient_list_get_type ())
G_DECLARE_FINAL_TYPE (GenuPatientList, genu_patient_list, GENU, PATIENT_LIST, GObject)

GenuPatientList *genu_patient_list_new                  (GenuStore       *store);

GenuStore       *genu_patient_list_get_store            (GenuPatientList *self);
void             genu_patient_list_set_store            (GenuPatientList *self,
                                                         GenuStore       *store);
const char      *genu_patient_list_get_search           (GenuPatientList *self);
void             genu_patient_list_set_search           (GenuPatientList *self,
                                                         const char      *search);
gboolean         genu_patient_list_get_include_archived (GenuPatientList *self);
void             genu_patient_list_set_include_archived (GenuPatientList *self,
                                                         gboolean         include_archived);

/* Counts again and forgets the pages read: after the store changed. */
void             genu_patient_list_reload               (GenuPatientList *self);
/* Both of the above at once, and then one reload whether they changed or not. */
void             genu_patient_list_update               (GenuPatientList *self,
                                                         const char      *search,
                                                         gboolean         include_archived);

/* The position of patient @patient_id in the list, or G_MAXUINT when it is not in it. */
guint            genu_patient_list_find                 (GenuPatientList *self,
                                                         gint64           patient_id);

/* What went wrong with the last count or page read, or NULL: the model itself can only show
 * fewer items. */
const GError    *genu_patient_list_get_error            (GenuPatientList *self);

/* How many patients were read from the store so far, for tests of the laziness. */
guint64          genu_patient_list_get_n_fetched        (GenuPatientList *self);

G_END_DECLS
