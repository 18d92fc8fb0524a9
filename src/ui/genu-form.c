/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-form.h"

G_DEFINE_INTERFACE (GenuForm, genu_form, GTK_TYPE_WIDGET)

static void
genu_form_default_init (GenuFormInterface *iface)
{
}

gboolean
genu_form_get_dirty (GenuForm *self)
{
  g_return_val_if_fail (GENU_IS_FORM (self), FALSE);

  return GENU_FORM_GET_IFACE (self)->get_dirty (self);
}

gboolean
genu_form_is_new (GenuForm *self)
{
  g_return_val_if_fail (GENU_IS_FORM (self), FALSE);

  return GENU_FORM_GET_IFACE (self)->is_new (self);
}

gboolean
genu_form_save (GenuForm  *self,
                GError   **error)
{
  g_return_val_if_fail (GENU_IS_FORM (self), FALSE);

  return GENU_FORM_GET_IFACE (self)->save (self, error);
}

void
genu_form_revert (GenuForm *self)
{
  g_return_if_fail (GENU_IS_FORM (self));

  GENU_FORM_GET_IFACE (self)->revert (self);
}

const char *
genu_form_get_saved_message (GenuForm *self)
{
  g_return_val_if_fail (GENU_IS_FORM (self), NULL);

  return GENU_FORM_GET_IFACE (self)->get_saved_message (self);
}

char *
genu_form_dup_title (GenuForm *self)
{
  char *title = NULL;

  g_return_val_if_fail (GENU_IS_FORM (self), NULL);

  g_object_get (self, "title", &title, NULL);
  return title;
}
