/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-koos.h"
#include "genu-lefs.h"
#include "genu-plan.h"
#include "genu-session.h"
#include "genu-visit.h"

G_BEGIN_DECLS

/* A row of the patient's lists that opens one record: its date and what it holds at a glance.
 * Each knows the window page that edits its record ("visit", "plan", "session", "lefs", "koos") and the
 * record's id. */
GtkWidget  *genu_record_row_new             (GObject     *record);  /* a visit, plan, session, LEFS or KOOS */
/* A dimmed row that says the list is empty. */
GtkWidget  *genu_record_row_new_empty       (const char  *text);

const char *genu_record_row_get_page        (GtkWidget   *row);   /* NULL on an empty row */
gint64      genu_record_row_get_id          (GtkWidget   *row);

G_END_DECLS
