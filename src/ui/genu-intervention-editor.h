/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-intervention.h"

G_BEGIN_DECLS

#define GENU_TYPE_INTERVENTION_EDITOR (genu_intervention_editor_get_type ())
G_DECLARE_FINAL_TYPE (GenuInterventionEditor, genu_intervention_editor,
                      GENU, INTERVENTION_EDITOR, AdwExpanderRow)

/* One intervention of a treatment session, as an expander row of an AdwPreferencesGroup: the
 * kind's label as title, the summary of what is recorded as subtitle, and one row per field of
 * the kind's table (genu_intervention_kind_get_fields()), then a free note: TEXT and NUMBER an
 * AdwEntryRow (numbers with "," or "."), CHOICE an AdwComboRow whose first entry is "Not
 * recorded", CHOICES the field's title over a wrapping set of toggle buttons (each named
 * "<field>: <choice>" for screen readers; the title sits above them so that the thirteen regions
 * use the row's width), BOOL an AdwActionRow with a GtkSwitch. The subtitle is
 * genu_intervention_dup_summary() without the kind's label, which the title already shows.
 *
 * The editor changes @intervention in place, at every edit, and then emits "changed". A number
 * that cannot be read is kept as the typed text, so that genu_intervention_validate() reports it;
 * a number out of range or unreadable is said under its row while it is typed. The remove button
 * only emits "remove-requested": the owner of the list removes the row. */
GtkWidget        *genu_intervention_editor_new              (GenuIntervention       *intervention);
GenuIntervention *genu_intervention_editor_get_intervention (GenuInterventionEditor *self);

/* A signed session is read, not edited: the fields turn insensitive and the remove button goes;
 * the row still expands. */
void              genu_intervention_editor_set_read_only    (GenuInterventionEditor *self,
                                                             gboolean                read_only);
gboolean          genu_intervention_editor_get_read_only    (GenuInterventionEditor *self);

/* Shows, under each field's row, the error of @errors (element-type GenuFieldError) whose field
 * is "interventions[@index].<field id>", as genu_session_validate() names them; clears the
 * others. @errors may be NULL to clear them all. Expands the row when it shows any. */
void              genu_intervention_editor_show_errors      (GenuInterventionEditor *self,
                                                             GPtrArray              *errors,
                                                             guint                   index);

/* For tests and accessibility checks. get_field: the row of a field id of the kind's table, or
 * "note"; get_choice_button: the toggle button of one choice of a CHOICES field. */
GtkWidget        *genu_intervention_editor_get_field        (GenuInterventionEditor *self,
                                                             const char             *field_id);
const char       *genu_intervention_editor_get_field_error  (GenuInterventionEditor *self,
                                                             const char             *field_id);
GtkWidget        *genu_intervention_editor_get_choice_button (GenuInterventionEditor *self,
                                                              const char             *field_id,
                                                              const char             *choice_id);
GtkWidget        *genu_intervention_editor_get_remove_button (GenuInterventionEditor *self);

G_END_DECLS
