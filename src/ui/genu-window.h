/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "genu-store.h"

G_BEGIN_DECLS

#define GENU_TYPE_WINDOW (genu_window_get_type ())
G_DECLARE_FINAL_TYPE (GenuWindow, genu_window, GENU, WINDOW, AdwApplicationWindow)

void genu_window_show_error (GenuWindow *self,
                             const char *message);

G_END_DECLS
