/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The message of a broken rule, shown right under the form row it belongs to. */
void        genu_field_error_attach (GtkWidget  *row);
void        genu_field_error_set    (GtkWidget  *row,
                                     const char *message);
const char *genu_field_error_get    (GtkWidget  *row);

G_END_DECLS
