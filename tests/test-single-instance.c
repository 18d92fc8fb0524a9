/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "genu-test-utils.h"

/* Genu is a unique application: a second `genu` hands over to the one already running instead of
 * opening the same database twice, and a second `genu --database OTHER` is refused with a message
 * naming the database that is open, without touching OTHER. The real binary ($GENU_APP) runs on a
 * private session bus of the test's own. */

typedef struct {
  int   status;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->err);
}

static GSubprocess *
spawn_genu (const char * const *args,
            GSubprocessFlags    flags)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GENU_APP"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

/* Runs a later `genu` to its end. */
static Run
run_genu (const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_genu (args, G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &run.err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

static gboolean
still_running (GSubprocess *process)
{
  /* The identifier goes once its exit has been seen, which takes a main loop iteration. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return g_subprocess_get_identifier (process) != NULL;
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_second_instance (void)
{
  g_autoptr(GTestDBus) test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *open_db = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *other_db = g_build_filename (dir, "other.db", NULL);
  g_autofree char *other_folder = g_build_filename (dir, "new", NULL);
  g_autofree char *other_in_folder = g_build_filename (other_folder, "genu.db", NULL);
  g_autofree char *relative_open_db = NULL;
  Run run;

  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  /* GTestDBus unsets DISPLAY, which Genu needs. */
  g_test_dbus_up (test_bus);
  g_setenv ("DISPLAY", display, TRUE);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  first = spawn_genu ((const char *[]) { "--database", open_db, NULL }, G_SUBPROCESS_FLAGS_NONE);

  /* The first instance owns its name once it has registered; it has opened its database by the
   * time it answers a later start. Waiting has no deadline of its own: meson's timeout is it. */
  while (!name_has_owner (bus, APP_ID) || !g_file_test (open_db, G_FILE_TEST_EXISTS))
    {
      g_assert_true (still_running (first));
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }

  /* Another database: refused with what to do, and that database is not made. */
  run = run_genu ((const char *[]) { "--database", other_db, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Genu is already open with the database"));
  g_assert_nonnull (strstr (run.err, open_db));
  g_assert_nonnull (strstr (run.err, other_db));
  g_assert_nonnull (strstr (run.err, "Quit Genu first"));
  g_assert_false (g_file_test (other_db, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* Nor is a folder made for one. */
  run = run_genu ((const char *[]) { "--database", other_in_folder, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (other_folder, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* The same database, even written another way, and no database at all: handed over. */
  relative_open_db = g_build_filename (dir, ".", "clinic.db", NULL);
  run = run_genu ((const char *[]) { "--database", relative_open_db, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  run = run_genu ((const char *[]) { NULL });
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The first one is still running, and quits when asked (Ctrl+Q), without a crash. */
  g_assert_true (still_running (first));
  /* It may quit before it replies. */
  g_dbus_connection_call (bus, APP_ID, "/org/genu/Genu", "org.gtk.Actions", "Activate",
                          g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
  g_dbus_connection_flush_sync (bus, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (first, NULL, &error));
  g_assert_no_error (error);

  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_down (test_bus);
  genu_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/single-instance/second-start", test_second_instance);

  return g_test_run ();
}
