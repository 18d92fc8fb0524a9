/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *genu_format_date     (const char *iso);
gboolean  genu_parse_decimal   (const char *text,
                                double     *value);
char     *genu_format_number   (double      value,
                                int         max_decimals);

G_END_DECLS
