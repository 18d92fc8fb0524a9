/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Genu at clinic scale (issue 8): with 100,000 patients (about 450,000 visits), each figure next
 * to the same figure for an empty database.
 *
 * - Start-up to the first frame of the real `genu --database PATH`, measured from outside by
 *   bench-first-frame (argv[1]); gnome-text-editor measured the same way, for comparison.
 * - Resident memory 1 s after that first frame.
 * - Opening a patient's page in-process, in a GenuWindow on the database, as choosing the patient
 *   in the list does: until the page is filled (its widgets hold the patient and the lists of
 *   records), and until the window's next frame is drawn (the frame clock's after-paint: layout,
 *   snapshot and rendering done). Next to a database of 50 patients: an empty one has no page
 *   to open.
 *
 * The differential diagnosis of an assessment is bench-diagnosis. Prints rows for the README's
 * table; asserts nothing, since timings on a shared machine are noise for a pass/fail test. Run
 * with `meson test -C build --benchmark --verbose scale`. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "genu-bench.h"
#include "genu-test-ui.h"
#include "genu-test-utils.h"
#include "genu-window.h"
#include "genu-window-private.h"

/* Start-ups of each program; the first one warms the caches and is not counted. */
#define N_RUNS 13
/* A start-up slower than this is not repeated: its one run is the figure. */
#define SLOW_START_MS 60000.0
#define START_TIMEOUT_S "900"
#define N_OPENED 50
/* The small database the page figures are compared with: an empty one has no page to open. */
#define N_SMALL 50

typedef struct {
  const char *name;
  char      **argv;    /* the program and its arguments */
  GArray     *draw_ms;
  GArray     *rss_mb;
  GArray     *cpu_ms;  /* processor time used until the first frame */
  char       *error;   /* why it was not measured, or NULL */
  gboolean    slow;    /* measured once, too slow to repeat */
} Program;

/* A copy of this environment for one start of a program: the folders of its settings and data
 * new and empty (no window size, session or file history from an earlier run), its settings in
 * memory, and neither the tests' fatal warnings nor their debugging malloc, which users do not
 * have. */
static char **
run_environment (const char *run_dir)
{
  static const char *xdg[] = {
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  char **env = g_get_environ ();

  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (run_dir, xdg[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      env = g_environ_setenv (env, xdg[i], dir, TRUE);
    }
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_unsetenv (env, "G_SLICE");
  return env;
}

/* One start of @program; FALSE once it cannot be measured (the reason in program->error). */
static gboolean
start_once (Program    *program,
            const char *helper,
            const char *tmp_dir,
            gboolean    counted)
{
  g_autofree char *run_dir = g_build_filename (tmp_dir, "run-XXXXXX", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_auto (GStrv) argv = NULL;
  g_auto (GStrv) env = NULL;
  g_auto (GStrv) words = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  double draw_ms, rss_mb, cpu_ms;
  int status;

  g_assert_nonnull (g_mkdtemp (run_dir));
  env = run_environment (run_dir);
  g_strv_builder_add_many (builder, helper, "--timeout-s", START_TIMEOUT_S, NULL);
  g_strv_builder_addv (builder, (const char **) program->argv);
  argv = g_strv_builder_end (builder);

  if (!g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      program->error = g_strdup_printf ("%s: %s", error->message, err != NULL ? err : "");
      return FALSE;
    }
  words = g_strsplit (g_strstrip (out), " ", 4);
  if (g_strv_length (words) != 4)
    {
      program->error = g_strdup_printf ("unexpected output “%s”", out);
      return FALSE;
    }
  draw_ms = g_ascii_strtod (words[1], NULL);
  rss_mb = g_ascii_strtod (words[2], NULL) / 1024;
  cpu_ms = g_ascii_strtod (words[3], NULL);
  fprintf (stderr, "%s: first frame after %.0f ms, %.0f MB%s\n", program->name, draw_ms, rss_mb,
           counted ? "" : " (warm-up)");

  /* Too slow to repeat: this one run is the figure. */
  if (!counted && draw_ms > SLOW_START_MS)
    program->slow = TRUE;
  if (counted || program->slow)
    {
      g_array_append_val (program->draw_ms, draw_ms);
      g_array_append_val (program->rss_mb, rss_mb);
      g_array_append_val (program->cpu_ms, cpu_ms);
    }
  return TRUE;
}

/* Today's daily backup already there, as at every start but a day's first: a start-up that
 * copies the database in its background thread is not what is measured. */
static void
mark_daily_backup_done (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (int day = 0; day < 2; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now, day);
      g_autofree char *name = g_date_time_format (date, "genu-%Y-%m-%d.db");
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
    }
}

static Program *
program_new (const char *name,
             ...)
{
  Program *program = g_new0 (Program, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *arg;
  va_list args;

  va_start (args, name);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);

  program->name = name;
  program->argv = g_strv_builder_end (builder);
  program->draw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  program->rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
  program->cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  return program;
}

static void
program_free (Program *program)
{
  g_strfreev (program->argv);
  g_array_unref (program->draw_ms);
  g_array_unref (program->rss_mb);
  g_array_unref (program->cpu_ms);
  g_free (program->error);
  g_free (program);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Program, program_free)

/* "412 ms (398–430)": the median and the spread of the counted runs. */
static char *
format_start (Program *program)
{
  double middle;

  if (program->error != NULL)
    return g_strdup ("not measured");
  /* Sorts the runs too. */
  middle = genu_bench_median (program->draw_ms);
  if (program->slow)
    return g_strdup_printf ("%.0f ms (1 run: too slow to repeat)", middle);
  return g_strdup_printf ("%.0f ms (%.0f–%.0f)", middle,
                          g_array_index (program->draw_ms, double, 0),
                          g_array_index (program->draw_ms, double, program->draw_ms->len - 1));
}

static void
measure_start_up (const char *helper,
                  const char *big_db,
                  const char *tmp_dir)
{
  g_autofree char *empty_dir = g_build_filename (tmp_dir, "empty", NULL);
  g_autofree char *big_dir = g_build_filename (tmp_dir, "100k", NULL);
  g_autofree char *small_dir = g_build_filename (tmp_dir, "small", NULL);
  g_autofree char *empty_db = g_build_filename (empty_dir, "genu.db", NULL);
  g_autofree char *small_db = g_build_filename (small_dir, "genu.db", NULL);
  g_autofree char *big_link = g_build_filename (big_dir, "genu.db", NULL);
  g_autofree char *empty_start = NULL;
  g_autofree char *big_start = NULL;
  g_autofree char *small_start = NULL;
  g_autofree char *editor_start = NULL;
  g_autoptr(Program) empty = NULL;
  g_autoptr(Program) big = NULL;
  g_autoptr(Program) small = NULL;
  g_autoptr(Program) editor = NULL;
  g_autoptr(GenuStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Program *programs[4];
  const char *genu = g_getenv ("GENU_APP");
  g_autofree char *editor_path = g_find_program_in_path ("gnome-text-editor");

  if (genu == NULL)
    g_error ("GENU_APP is not set: run this through meson");

  /* The empty database made beforehand, as it is at every start but the very first, and one of
   * N_SMALL patients: the list shown, but few patients; the big one through a link, so that the
   * daily backup folder is beside the link, not in the build folder. */
  g_assert_cmpint (g_mkdir_with_parents (empty_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (small_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (big_dir, 0700), ==, 0);
  store = genu_store_open (empty_db, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = genu_store_open (small_db, &error);
  g_assert_no_error (error);
  g_assert_true (genu_demo_fill (store, N_SMALL, 1, NULL, NULL, NULL, NULL, &error));
  g_clear_object (&store);
  g_assert_cmpint (symlink (big_db, big_link), ==, 0);
  mark_daily_backup_done (empty_db);
  mark_daily_backup_done (big_link);
  mark_daily_backup_done (small_db);

  empty = program_new ("genu, empty database", genu, "--database", empty_db, NULL);
  big = program_new ("genu, 100,000 patients", genu, "--database", big_link, NULL);
  small = program_new ("genu, 50 patients", genu, "--database", small_db, NULL);
  editor = program_new ("gnome-text-editor", editor_path ? editor_path : "", NULL);
  programs[0] = empty;
  programs[1] = big;
  programs[2] = small;
  programs[3] = editor;

  if (editor_path == NULL)
    editor->error = g_strdup ("not installed");

  /* Round by round, so that a change in the machine's load falls on all alike. */
  for (guint run = 0; run < N_RUNS; run++)
    for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
      /* A run that fails is tried once more: on a busy machine the X server may refuse a
       * connection now and then. */
      for (guint attempt = 0; attempt < 2; attempt++)
        {
          if (programs[i]->error != NULL || programs[i]->slow ||
              start_once (programs[i], helper, tmp_dir, run > 0))
            break;
          fprintf (stderr, "%s: %s\n", programs[i]->name, programs[i]->error);
          if (attempt == 0)
            g_clear_pointer (&programs[i]->error, g_free);
        }

  empty_start = format_start (empty);
  big_start = format_start (big);
  small_start = format_start (small);
  editor_start = format_start (editor);

  if (empty->error == NULL && big->error == NULL)
    {
      double e = genu_bench_median (empty->draw_ms), b = genu_bench_median (big->draw_ms);
      double e_rss = genu_bench_median (empty->rss_mb), b_rss = genu_bench_median (big->rss_mb);
      double e_cpu = genu_bench_median (empty->cpu_ms), b_cpu = genu_bench_median (big->cpu_ms);

      printf ("| Start-up to first frame, 100,000 patients / empty (median of %u runs after a "
              "warm-up, min–max) | %s / %s (%+.1f %%) |\n", empty->draw_ms->len, big_start,
              empty_start, (b - e) / e * 100);
      printf ("| Processor time to the first frame, 100,000 patients / empty (medians) "
              "| %.0f ms / %.0f ms (%+.1f %%) |\n", b_cpu, e_cpu, (b_cpu - e_cpu) / e_cpu * 100);
      /* An empty database shows no list at all: next to a short list, what 100,000 cost. */
      if (small->error == NULL)
        {
          double s = genu_bench_median (small->draw_ms), s_cpu = genu_bench_median (small->cpu_ms);

          printf ("| Start-up to first frame, 100,000 / %u patients (medians) "
                  "| %s / %s (%+.1f %%) |\n", N_SMALL, big_start, small_start,
                  (b - s) / s * 100);
          printf ("| Processor time to the first frame, 100,000 / %u patients (medians) "
                  "| %.0f ms / %.0f ms (%+.1f %%) |\n", N_SMALL, b_cpu, s_cpu,
                  (b_cpu - s_cpu) / s_cpu * 100);
        }
      printf ("| Resident memory 1 s after the first frame, 100,000 patients / empty "
              "| %.0f MB / %.0f MB (%+.0f MB) |\n", b_rss, e_rss, b_rss - e_rss);
      if (editor->error == NULL)
        {
          double t = genu_bench_median (editor->draw_ms);

          printf ("| Start-up to first frame, Genu / gnome-text-editor (medians) "
                  "| empty: %.2f × (%.0f ms / %.0f ms); 100,000 patients: %.2f × |\n",
                  e / t, e, t, b / t);
          printf ("| Start-up of gnome-text-editor, same measure (min–max); its memory "
                  "| %s; %.0f MB |\n", editor_start, genu_bench_median (editor->rss_mb));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    if (programs[i]->error != NULL)
      printf ("| Start-up of %s | not measured: %s |\n", programs[i]->name, programs[i]->error);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted_at)
{
  if (*painted_at == 0)
    *painted_at = g_get_monotonic_time ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms: whatever the last step left to do is done, and the frame clock is
 * idle, so that the next frame is drawn as soon as it is asked for. */
static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Opens N_OPENED patients of @db_path, one after the other, in a new GenuWindow, as a click on
 * their row in the list does: the row is selected in the list's selection model. @filled_ms: until the page is filled (the form, the lists of records,
 * the chart); @frame_ms: until the window's next frame is drawn after that (layout and drawing).
 * @window_ms: how long the window took to show its first frame. Returns the window. */
static GenuWindow *
open_patients (GenuStore *store,
               GArray    *filled_ms,
               GArray    *frame_ms,
               double    *window_ms)
{
  g_autoptr(GError) error = NULL;
  GtkSelectionModel *selection;
  GdkFrameClock *clock;
  GenuWindow *window;
  gint64 painted_at, start, n_patients;

  n_patients = genu_store_count_patients (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_patients, >=, N_OPENED);

  start = g_get_monotonic_time ();
  window = g_object_new (GENU_TYPE_WINDOW, "store", store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  *window_ms = (g_get_monotonic_time () - start) / 1e3;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted_at);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (
    gtk_widget_get_template_child (GTK_WIDGET (window), GENU_TYPE_WINDOW, "patient_list")));

  /* Patients spread over the whole list, after one more to warm up. */
  for (int i = -1; i < N_OPENED; i++)
    {
      guint position = i < 0 ? 1 : (guint) (i * n_patients / N_OPENED);
      gint64 filled_at;

      settle (100);
      painted_at = 0;
      start = g_get_monotonic_time ();
      g_assert_true (gtk_selection_model_select_item (selection, position, TRUE));
      filled_at = g_get_monotonic_time ();
      while (painted_at == 0)
        g_main_context_iteration (NULL, TRUE);

      if (i >= 0)
        {
          double filled = (filled_at - start) / 1e3, frame = (painted_at - start) / 1e3;

          g_array_append_val (filled_ms, filled);
          g_array_append_val (frame_ms, frame);
        }
    }

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, &painted_at);
  return window;
}

static void
measure_patient_page (const char *big_db,
                      const char *tmp_dir)
{
  g_autofree char *small_db = g_build_filename (tmp_dir, "small.db", NULL);
  g_autoptr(GArray) big_filled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) big_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small_filled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) small_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GenuStore) small = NULL;
  g_autoptr(GenuStore) big = NULL;
  g_autoptr(GError) error = NULL;
  GenuWindow *window;
  double big_window, small_window;

  small = genu_store_open (small_db, &error);
  g_assert_no_error (error);
  g_assert_true (genu_demo_fill (small, N_SMALL, 1, NULL, NULL, NULL, NULL, &error));
  window = open_patients (small, small_filled, small_frame, &small_window);
  gtk_window_destroy (GTK_WINDOW (window));
  genu_test_iterate ();

  big = genu_store_open (big_db, &error);
  g_assert_no_error (error);
  window = open_patients (big, big_filled, big_frame, &big_window);

  printf ("| Open a patient's page until it is filled, 100,000 / %u patients (of %u) "
          "| median %.1f ms / %.1f ms, p99 %.1f ms / %.1f ms |\n", N_SMALL, N_OPENED,
          genu_bench_median (big_filled), genu_bench_median (small_filled),
          genu_bench_percentile (big_filled, 99), genu_bench_percentile (small_filled, 99));
  printf ("| Open a patient's page until the next frame is drawn, 100,000 / %u patients (of %u) "
          "| median %.1f ms / %.1f ms, p99 %.1f ms / %.1f ms |\n", N_SMALL, N_OPENED,
          genu_bench_median (big_frame), genu_bench_median (small_frame),
          genu_bench_percentile (big_frame, 99), genu_bench_percentile (small_frame, 99));
  printf ("| In-process window, first frame, 100,000 / %u patients | %.0f ms / %.0f ms |\n",
          N_SMALL, big_window, small_window);
  fflush (stdout);

  /* A window that took minutes to show has made a widget per patient, and closing it can take
   * longer still (a GtkListBox of 100,000 rows took more than 6 minutes): left to the exit. */
  if (big_window > SLOW_START_MS)
    {
      fprintf (stderr, "the window on 100,000 patients is not closed: too slow\n");
      return;
    }
  gtk_window_destroy (GTK_WINDOW (window));
  genu_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *big_db = NULL;
  g_autofree char *tmp_dir = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s BENCH-FIRST-FRAME\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL)
    {
      printf ("scale: skipped, no X display\n");
      return 0;
    }

  big_db = genu_bench_100k_database ();
  tmp_dir = genu_test_make_dir ();

  fprintf (stderr, "Start-ups measured from outside under this X server with %s; %d runs each, "
           "the first a warm-up\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER")
                                                                : "the default renderer", N_RUNS);
  measure_start_up (argv[1], big_db, tmp_dir);

  if (gtk_init_check ())
    {
      adw_init ();
      genu_test_load_style ();
      measure_patient_page (big_db, tmp_dir);
    }
  else
    fprintf (stderr, "cannot open the display: the patient page is not measured\n");
  printf ("| Differential diagnosis of an assessment | see bench-diagnosis |\n");

  genu_test_remove_tree (tmp_dir);
  return 0;
}
