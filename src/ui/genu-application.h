/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GENU_TYPE_APPLICATION (genu_application_get_type ())
G_DECLARE_FINAL_TYPE (GenuApplication, genu_application, GENU, APPLICATION, AdwApplication)

GenuApplication *genu_application_new (void);

G_END_DECLS
