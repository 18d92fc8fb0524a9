/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GENU_TYPE_FORM (genu_form_get_type ())
G_DECLARE_INTERFACE (GenuForm, genu_form, GENU, FORM, GtkWidget)

/* A page that edits one record of a patient (a visit, a plan of care, a session, a LEFS score),
 * so that the window can save it, drop its changes and ask before leaving it, whichever it is.
 * Implementations also have the properties "dirty" (boolean) and "title" (string), and notify
 * them when they change. */
struct _GenuFormInterface
{
  GTypeInterface parent_iface;

  gboolean (*get_dirty) (GenuForm  *self);
  /* The record has not been saved yet. */
  gboolean (*is_new)    (GenuForm  *self);
  gboolean (*save)      (GenuForm  *self,
                         GError   **error);
  void     (*revert)    (GenuForm  *self);
  /* The toast once saved: "Visit saved". */
  const char *(*get_saved_message) (GenuForm *self);
};

gboolean    genu_form_get_dirty         (GenuForm  *self);
gboolean    genu_form_is_new            (GenuForm  *self);
gboolean    genu_form_save              (GenuForm  *self,
                                         GError   **error);
void        genu_form_revert            (GenuForm  *self);
const char *genu_form_get_saved_message (GenuForm  *self);
char       *genu_form_dup_title         (GenuForm  *self);

G_END_DECLS
