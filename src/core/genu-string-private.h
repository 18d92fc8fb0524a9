/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() of GLib 2.76, which Debian 12's GLib 2.74 lacks: replaces *@field by a copy of
 * @value; TRUE when that changed it. */
static inline gboolean
_genu_set_str (char       **field,
               const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

G_END_DECLS
