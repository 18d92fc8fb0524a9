/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <string.h>

#include "genu-test-utils.h"

/* The records the writer saves, made from (run, n): the test builds the same ones to compare. */
#define GENU_CRASH_WRITER_RECORDS_ONLY
#include "crash-writer.c"

/* Crash safety (issue 7): a writer process (crash-writer.c) saves patients, visits with knee
 * assessments and sessions with interventions into one database file and acknowledges each save
 * on stdout once genu_store_save_*() returned TRUE. The test kills it with SIGKILL at a random
 * moment (seeded by g_test_rand_int(), so `--seed` replays a run), N_RUNS times in a row on the
 * same file. After every kill the file must pass SQLite's own integrity and foreign key checks,
 * every multi-row save must be all there or not at all, and every save the writer acknowledged,
 * in this run or any earlier one, must still be there and read back equal through GenuStore. */

#define N_RUNS 200

/* How long the writer runs before it is killed, in microseconds: counted from its start, from the
 * middle of starting up (opening, even creating, the database) to its first saves; counted from
 * its first acknowledged save, up to a few more saves. */
#define MIN_START_DELAY_US 1000
#define MAX_START_DELAY_US 40000
#define MAX_SAVE_DELAY_US  40000

static const char *writer_path;

typedef enum {
  ACK_PATIENT,
  ACK_VISIT,
  ACK_SESSION,
} AckKind;

typedef struct {
  AckKind  kind;
  gint64   id;
  gint64   patient_id;      /* the record's own id for a patient */
  char    *record_number;   /* patients only */
  guint    run;
  guint    n;
} Ack;

static void
ack_free (Ack *ack)
{
  g_free (ack->record_number);
  g_free (ack);
}

static gint64
parse_id (const char *text)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, &error);
  g_assert_no_error (error);
  return (gint64) value;
}

static guint
parse_uint (const char *text)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, &error);
  g_assert_no_error (error);
  return (guint) value;
}

/* Appends to @acks the saves acknowledged in @output, the writer's whole stdout. A last line
 * without its newline was cut off by the kill: that save is not acknowledged. */
static guint
parse_acks (const char *output,
            guint       run,
            GPtrArray  *acks)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n_lines = g_strv_length (lines);
  guint count = 0;

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      Ack *ack = g_new0 (Ack, 1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      ack->id = parse_id (fields[1]);
      ack->run = parse_uint (fields[3]);
      ack->n = parse_uint (fields[4]);
      g_assert_cmpuint (ack->run, ==, run);

      if (g_str_equal (fields[0], "patient"))
        {
          ack->kind = ACK_PATIENT;
          ack->patient_id = ack->id;
          ack->record_number = g_strdup (fields[2]);
          g_assert_cmpstr (ack->record_number, !=, "");
        }
      else
        {
          if (g_str_equal (fields[0], "visit"))
            ack->kind = ACK_VISIT;
          else if (g_str_equal (fields[0], "session"))
            ack->kind = ACK_SESSION;
          else
            g_assert_not_reached ();
          ack->patient_id = parse_id (fields[2]);
        }

      g_ptr_array_add (acks, ack);
      count++;
    }

  return count;
}

/* Reads from the writer's stdout into @output until it holds a whole line or the writer is gone
 * (end of file). */
static void
read_first_line (GInputStream *stdout_pipe,
                 GString      *output)
{
  while (strchr (output->str, '\n') == NULL)
    {
      g_autoptr(GError) error = NULL;
      char buffer[256];
      gssize n = g_input_stream_read (stdout_pipe, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        return;
      g_string_append_len (output, buffer, n);
    }
}

/* Runs the writer on @path and kills it after a random delay, counted from its start on one run
 * in four (a kill while it creates or opens the database) and from its first acknowledged save
 * on the others, so that most kills hit it in the middle of its saves however slow the disk is.
 * Returns its whole stdout. */
static char *
run_and_kill_writer (const char *path,
                     guint       run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autofree char *run_text = g_strdup_printf ("%u", run);
  GString *output = g_string_new (NULL);
  GInputStream *stdout_pipe;
  gboolean from_start = run % 4 == 0;
  gint32 delay = g_test_rand_int_range (from_start ? MIN_START_DELAY_US : 0,
                                        (from_start ? MAX_START_DELAY_US : MAX_SAVE_DELAY_US) + 1);

  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             writer_path, path, run_text, NULL);
  g_assert_no_error (error);
  stdout_pipe = g_subprocess_get_stdout_pipe (writer);

  if (!from_start)
    read_first_line (stdout_pipe, output);
  g_usleep (delay);
  g_subprocess_send_signal (writer, SIGKILL);

  for (;;)
    {
      char buffer[4096];
      gssize n = g_input_stream_read (stdout_pipe, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      if (n == 0)
        break;
      g_string_append_len (output, buffer, n);
    }
  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);

  /* The writer never stops by itself: had a save failed it would have exited with status 1
   * (its message is in the log above). */
  if (!g_subprocess_get_if_signaled (writer))
    g_error ("The writer of run %u exited with status %d before it was killed",
             run, g_subprocess_get_exit_status (writer));
  g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

  return g_string_free (output, FALSE);
}

static GHashTable *
ids_in (sqlite3    *db,
        const char *sql)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (ids, g_memdup2 (&id, sizeof id), g_strdup (text ? text : ""));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return ids;
}

/* The file as SQLite sees it, through a connection of its own, before GenuStore opens it: sound,
 * no dangling reference, each save whole, and every acknowledged record there. On even runs the
 * connection does not checkpoint when it closes, so that GenuStore then opens a file whose
 * write-ahead log still holds the killed writer's commits. */
static void
check_file (const char *path,
            guint       run,
            GPtrArray  *acks)
{
  sqlite3 *db = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *foreign_keys = NULL;
  g_autofree char *partial_visits = NULL;
  g_autofree char *partial_sessions = NULL;
  g_autoptr(GHashTable) patients = NULL;
  g_autoptr(GHashTable) visits = NULL;
  g_autoptr(GHashTable) sessions = NULL;
  g_autofree char *schema = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (run % 2 == 0)
    g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL),
                     ==, SQLITE_OK);

  integrity = genu_test_sqlite_dump (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "t:ok\n");
  foreign_keys = genu_test_sqlite_dump (db, "PRAGMA foreign_key_check");
  g_assert_cmpstr (foreign_keys, ==, "");

  schema = genu_test_sqlite_dump (db, "SELECT 1 FROM sqlite_schema WHERE name = 'sessions'");
  if (*schema == '\0')
    {
      /* Killed before the schema was committed: then nothing at all can be acknowledged. */
      g_assert_cmpuint (acks->len, ==, 0);
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
      return;
    }
  /* The writer always saves a visit with an assessment of three findings and a session with
   * one intervention: anything else is a save cut in half, acknowledged or not. */
  partial_visits = genu_test_sqlite_dump (db,
    "SELECT v.id, count(f.finding_id) FROM visits v"
    "  LEFT JOIN knee_assessments a ON a.visit_id = v.id"
    "  LEFT JOIN assessment_findings f ON f.visit_id = a.visit_id"
    "  GROUP BY v.id HAVING count(a.visit_id) = 0 OR count(f.finding_id) <> 3");
  g_assert_cmpstr (partial_visits, ==, "");
  partial_sessions = genu_test_sqlite_dump (db,
    "SELECT s.id, count(i.position) FROM sessions s"
    "  LEFT JOIN session_interventions i ON i.session_id = s.id"
    "  GROUP BY s.id HAVING count(i.position) <> 1");
  g_assert_cmpstr (partial_sessions, ==, "");

  /* Every save acknowledged so far, in every run. */
  patients = ids_in (db, "SELECT id, record_number FROM patients");
  visits = ids_in (db, "SELECT id, patient_id FROM visits");
  sessions = ids_in (db, "SELECT id, patient_id FROM sessions");
  for (guint i = 0; i < acks->len; i++)
    {
      Ack *ack = g_ptr_array_index (acks, i);
      GHashTable *table = ack->kind == ACK_PATIENT ? patients :
                          ack->kind == ACK_VISIT ? visits : sessions;
      const char *value = g_hash_table_lookup (table, &ack->id);
      g_autofree char *patient_id = g_strdup_printf ("%" G_GINT64_FORMAT, ack->patient_id);

      if (value == NULL)
        g_error ("Run %u: acknowledged %s %" G_GINT64_FORMAT " (run %u, item %u) is gone",
                 run, ack->kind == ACK_PATIENT ? "patient" : ack->kind == ACK_VISIT ?
                   "visit" : "session", ack->id, ack->run, ack->n);
      g_assert_cmpstr (value, ==, ack->kind == ACK_PATIENT ? ack->record_number : patient_id);
    }

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Reads @ack back through GenuStore and compares it with what the writer saved. */
static void
assert_ack_stored (GenuStore *store,
                   Ack       *ack)
{
  g_autoptr(GError) error = NULL;

  switch (ack->kind)
    {
    case ACK_PATIENT:
      {
        g_autoptr(GenuPatient) expected = crash_new_patient (ack->run, ack->n);
        g_autoptr(GenuPatient) stored = genu_store_get_patient (store, ack->id, &error);

        g_assert_no_error (error);
        genu_patient_set_id (expected, ack->id);
        genu_patient_set_text (expected, GENU_PATIENT_RECORD_NUMBER, ack->record_number);
        g_assert_true (genu_patient_equal (stored, expected));
      }
      break;
    case ACK_VISIT:
      {
        g_autoptr(GenuVisit) expected = crash_new_visit (ack->patient_id, ack->run, ack->n);
        g_autoptr(GenuVisit) stored = genu_store_get_visit (store, ack->id, &error);

        g_assert_no_error (error);
        genu_visit_set_id (expected, ack->id);
        g_assert_nonnull (genu_visit_get_assessment (stored));
        g_assert_true (genu_visit_equal (stored, expected));
      }
      break;
    case ACK_SESSION:
      {
        g_autoptr(GenuSession) expected = crash_new_session (ack->patient_id, ack->run, ack->n);
        g_autoptr(GenuSession) stored = genu_store_get_session (store, ack->id, &error);

        g_assert_no_error (error);
        genu_session_set_id (expected, ack->id);
        g_assert_cmpuint (genu_session_get_interventions (stored)->len, ==, 1);
        g_assert_true (genu_session_equal (stored, expected));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* GenuStore opens the file the crash left behind and reads back every save acknowledged from
 * @first on. */
static void
check_store (const char *path,
             GPtrArray  *acks,
             guint       first)
{
  g_autoptr(GError) error = NULL;
  GenuStore *store = genu_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  for (guint i = first; i < acks->len; i++)
    assert_ack_stored (store, g_ptr_array_index (acks, i));
  g_assert_finalize_object (store);
}

static void
test_crash_safety_kill_writer (void)
{
  g_autofree char *dir = genu_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "genu.db", NULL);
  g_autoptr(GPtrArray) acks = g_ptr_array_new_with_free_func ((GDestroyNotify) ack_free);
  guint killed_mid_work = 0;
  gint64 started = g_get_monotonic_time ();

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *output = run_and_kill_writer (path, run);
      guint first = acks->len;
      guint n_acked = parse_acks (output, run, acks);

      if (n_acked > 0)
        killed_mid_work++;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Killed before it even created the file. */
          g_assert_cmpuint (acks->len, ==, 0);
          continue;
        }

      check_file (path, run, acks);
      check_store (path, acks, first);
    }

  /* Once more at the end, every save of every run read back in full. */
  check_store (path, acks, 0);

  g_test_message ("%u runs, %u killed after at least one save, %u saves acknowledged, %.1f s",
                  N_RUNS, killed_mid_work, acks->len,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  /* Not a test of nothing: most kills hit a writer in the middle of its saves. */
  g_assert_cmpuint (killed_mid_work, >, N_RUNS / 2);

  genu_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The path of the writer, built next to this test (tests/meson.build passes it). */
  if (argc != 2)
    {
      g_printerr ("Usage: %s [GTEST-OPTION…] CRASH-WRITER\n", argv[0]);
      return 2;
    }
  writer_path = argv[1];

  g_test_add_func ("/crash-safety/kill-writer", test_crash_safety_kill_writer);

  return g_test_run ();
}
