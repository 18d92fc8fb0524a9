/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up of a desktop program measured from outside, the same way whatever the program:
 *
 *   bench-first-frame [--idle-ms N] [--timeout-s S] PROGRAM [ARGUMENT...]
 *
 * watches the X display for new top-level windows, starts PROGRAM and prints one line
 *
 *   MAP_MS DRAW_MS RSS_KB CPU_MS
 *
 * MAP_MS: from the start to the first MapNotify of a top-level window of PROGRAM (its
 * _NET_WM_PID says whose it is); DRAW_MS: to the first frame in that window, that is the first
 * damage (X Damage extension) after which the window shows more than one colour: when GTK maps
 * a window, it is first filled with one colour, which is no frame yet. RSS_KB: PROGRAM's VmRSS
 * after N ms more of idle (default 1000). CPU_MS: the processor time PROGRAM had used when it
 * drew that frame (user and system, at the kernel's tick of 10 ms): steadier than DRAW_MS on a
 * machine shared with others. Then PROGRAM is ended (SIGTERM, SIGKILL after 5 s) and
 * waited for, so that the next run starts a fresh process. Exits 1, printing why, when PROGRAM
 * ends or shows nothing within S s (default 120). Used by bench-scale. */
#include "config.h"

#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>

typedef struct {
  Window window;
  Damage damage;
} Watched;

/* A window can vanish between its CreateNotify and our requests about it: not an error here. */
static int
ignore_x_error_cb (Display     *display,
                   XErrorEvent *event)
{
  return 0;
}

/* The _NET_WM_PID of @window, or 0 when it has none. */
static long
window_pid (Display *display,
            Window   window)
{
  Atom type = None;
  int format = 0;
  unsigned long n_items = 0, after = 0;
  unsigned char *data = NULL;
  long pid = 0;

  if (XGetWindowProperty (display, window, XInternAtom (display, "_NET_WM_PID", False), 0, 1,
                          False, XA_CARDINAL, &type, &format, &n_items, &after, &data) == Success &&
      type == XA_CARDINAL && format == 32 && n_items == 1)
    pid = *(long *) data;
  if (data != NULL)
    XFree (data);
  return pid;
}

/* Whether @window shows more than one colour. A GTK window is filled with one colour when it is
 * mapped, before its first frame: that damage is not a frame yet. */
static gboolean
has_content (Display *display,
             Window   window)
{
  XWindowAttributes attributes;
  XImage *image;
  gboolean found = FALSE;

  if (!XGetWindowAttributes (display, window, &attributes) ||
      (image = XGetImage (display, window, 0, 0, attributes.width, attributes.height, AllPlanes,
                          ZPixmap)) == NULL)
    return FALSE;
  for (int y = 0; y < image->height && !found; y++)
    for (int x = 0; x < image->width && !found; x++)
      found = XGetPixel (image, x, y) != XGetPixel (image, 0, 0);
  XDestroyImage (image);
  return found;
}

static long
resident_kb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (line = strstr (status, "\nVmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* The processor time @pid has used so far, user and system, in ms (at the kernel's tick). */
static double
cpu_ms (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after_name;

  /* The name in parentheses may hold spaces: the fields are counted after it. */
  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;
  /* utime and stime: fields 14 and 15 of the line, 12 and 13 after the name. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

static void
end_child (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  for (int i = 0; i < 500; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      g_usleep (10000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) watched = g_array_new (FALSE, TRUE, sizeof (Watched));
  g_autoptr(GError) error = NULL;
  Display *display;
  Window root, shown = None;
  int damage_event, damage_error, first_arg = 1;
  gint64 start, mapped_at = 0, drawn_at = 0, idle_ms = 1000, timeout_s = 120;
  double drawn_cpu_ms = -1;
  long rss;
  GPid pid;

  for (; first_arg + 2 < argc && g_str_has_prefix (argv[first_arg], "--"); first_arg += 2)
    if (g_str_equal (argv[first_arg], "--idle-ms"))
      idle_ms = g_ascii_strtoll (argv[first_arg + 1], NULL, 10);
    else if (g_str_equal (argv[first_arg], "--timeout-s"))
      timeout_s = g_ascii_strtoll (argv[first_arg + 1], NULL, 10);
    else
      break;
  if (first_arg >= argc || g_str_has_prefix (argv[first_arg], "--"))
    {
      fprintf (stderr, "usage: %s [--idle-ms N] [--timeout-s S] PROGRAM [ARGUMENT...]\n",
               argv[0]);
      return 2;
    }

  /* A busy X server may refuse a connection now and then. */
  for (int i = 0; i < 20 && (display = XOpenDisplay (NULL)) == NULL; i++)
    g_usleep (100000);
  if (display == NULL)
    {
      fprintf (stderr, "%s: cannot open the X display\n", argv[0]);
      return 1;
    }
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "%s: the X server has no Damage extension\n", argv[0]);
      return 1;
    }
  XSetErrorHandler (ignore_x_error_cb);
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, argv + first_arg, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }

  /* Until the first frame, then idle; the events are read all along, stamped when they come. */
  while (drawn_at == 0 || g_get_monotonic_time () < drawn_at + idle_ms * 1000)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };
      int status;

      if (g_get_monotonic_time () - start > timeout_s * G_USEC_PER_SEC)
        {
          fprintf (stderr, "%s: %s showed no window within %d s\n", argv[0], argv[first_arg],
                   (int) timeout_s);
          end_child (pid);
          return 1;
        }
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          fprintf (stderr, "%s: %s ended before its first frame (status %d); is another "
                   "instance running?\n", argv[0], argv[first_arg], status);
          return 1;
        }
      if (XPending (display) == 0)
        poll (&fd, 1, 20);

      while (XPending (display) > 0)
        {
          XEvent event;
          gint64 now;

          XNextEvent (display, &event);
          now = g_get_monotonic_time ();

          if (event.type == CreateNotify && event.xcreatewindow.parent == root &&
              !event.xcreatewindow.override_redirect)
            {
              Watched w = { event.xcreatewindow.window, None };

              w.damage = XDamageCreate (display, w.window, XDamageReportRawRectangles);
              g_array_append_val (watched, w);
            }
          else if (event.type == MapNotify && event.xmap.event == root && shown == None)
            {
              for (guint i = 0; i < watched->len; i++)
                if (g_array_index (watched, Watched, i).window == event.xmap.window &&
                    window_pid (display, event.xmap.window) == pid)
                  {
                    shown = event.xmap.window;
                    mapped_at = now;
                  }
            }
          else if (event.type == damage_event + XDamageNotify)
            {
              XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

              if (damage->drawable == shown && drawn_at == 0 && has_content (display, shown))
                {
                  drawn_at = now;
                  drawn_cpu_ms = cpu_ms (pid);
                }
            }
        }
    }

  rss = resident_kb (pid);
  end_child (pid);
  printf ("%.3f %.3f %ld %.0f\n", (mapped_at - start) / 1e3, (drawn_at - start) / 1e3, rss,
          drawn_cpu_ms);

  for (guint i = 0; i < watched->len; i++)
    XDamageDestroy (display, g_array_index (watched, Watched, i).damage);
  XCloseDisplay (display);
  return 0;
}
