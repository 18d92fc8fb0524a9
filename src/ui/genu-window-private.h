/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "genu-window.h"

G_BEGIN_DECLS

/* What the file choosers of Back Up… and Restore from Backup… lead to, for the tests. */
gboolean          _genu_window_back_up_to               (GenuWindow *self,
                                                         GFile      *file);
AdwMessageDialog *_genu_window_restore_from             (GenuWindow *self,
                                                         GFile      *file);
gboolean          _genu_window_get_daily_backup_running (GenuWindow *self);
const char       *_genu_window_get_last_toast           (GenuWindow *self);

G_END_DECLS
