/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>


G_DEFINE_FINAL_TYPE (GenuStore, genu_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (genu-store-error-quark, genu_store_error)

/* The text columns above, after the id, in the same order. */
static const GenuPatientText text_column_order[] = {
  GENU_PATIENT_RECORD_NUMBER, GENU_PATIENT_FAMILY_NAME, GENU_PATIENT_GIVEN_NAMES,
  GENU_PATIENT_DATE_OF_BIRTH, GENU_PATIENT_PHONE, GENU_PATIENT_EMAIL, GENU_PATIENT_ADDRESS,
  GENU_PATIENT_REFERRING_PHYSICIAN, GENU_PATIENT_NOTES, GENU_PATIENT_GOAL_EVENT,
  GENU_PATIENT_USUAL_SURFACE, GENU_PATIENT_SHOES, GENU_PATIENT_TRAINING_CHANGES,
};
G_STATIC_ASSERT (G_N_ELEMENTS (text_column_order) == GENU_PATIENT_N_TEXTS);

#define COLUMN_SEX (1 + GENU_PATIENT_N_TEXTS)

static void
genu_store_finalize (GObject *object)
{
  GenuStore *self = GENU_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_queue_clear (&self->search_kept);
  g_clear_pointer (&self->search_counts, g_hash_table_unref);
  g_free (self->search_last_sorted);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->therapist);

  G_OBJECT_CLASS (genu_store_parent_class)->finalize (object);
}

static void
genu_store_class_init (GenuStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = genu_store_finalize;
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
genu_store_init (GenuStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, statement_free);
  self->therapist = g_strdup ("");
  _genu_store_search_init (self);
}

/* Latin letters that Unicode does not decompose into a base letter and a mark. */
static const char *
fold_letter (gunichar c)
{
  switch (c)
    {
    case 0x00E6: return "ae";  /* æ */
    case 0x00F0: return "d";   /* ð */
    case 0x00F8: return "o";   /* ø */
    case 0x00FE: return "th";  /* þ */
    case 0x0111: return "d";   /* đ */
    case 0x0127: return "h";   /* ħ */
    case 0x0131: return "i";   /* ı */
    case 0x0142: return "l";   /* ł */
    case 0x0153: return "oe";  /* œ */
    default: return NULL;
    }
}

/**
 * _genu_fold_for_search:
 *
 * Folds case and accents so that "angstrom" finds "Ångström", "ZOE" finds "Zoë" and "lukasz"
 * finds "Łukasz".
 */
char *
_genu_fold_for_search (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *bare = g_string_new (NULL);

  for (const char *p = decomposed; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *replacement = fold_letter (c);

      if (replacement != NULL)
        g_string_append (bare, replacement);
      else if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_string_free (bare, FALSE);
}

static void
sql_fold_cb (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_text (context, _genu_fold_for_search (text), -1, g_free);
}

/* Genu's own SQL functions: genu_fold(), which the patients' search keys are made with. */
gboolean
_genu_sqlite_add_functions (sqlite3  *db,
                            GError  **error)
{
  if (sqlite3_create_function (db, "genu_fold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_fold_cb, NULL, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, db, _("Could not open the database"));
      return FALSE;
    }
  return TRUE;
}

/* Returns a prepared statement for @sql, which must be a string literal: the cache is keyed by
 * its address. The statement is reset and its bindings cleared. */
sqlite3_stmt *
_genu_store_get_statement (GenuStore   *self,
                           const char  *sql,
                           GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

char *
_genu_store_now_utc_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * genu_store_default_path:
 *
 * Returns: (transfer full): `$GENU_DATABASE` when set, else `$XDG_DATA_HOME/genu/genu.db` (which
 * is the application's own data folder inside the Flatpak sandbox).
 */
char *
genu_store_default_path (void)
{
  const char *env = g_getenv ("GENU_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "genu", "genu.db", NULL);
}

/* Creates the folder of @path (0700) if it is missing. */
static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION,
                   _("Could not create the folder “%s” for the database: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* An empty file is not a database Genu made: Genu's own appear whole (create_database()), so an
 * empty one was given by mistake, and it is left as it is rather than filled. */
static gboolean
refuse_empty (const char  *path,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0 || st.st_size > 0 || g_file_test (wal, G_FILE_TEST_EXISTS))
    return FALSE;

  g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_A_DATABASE,
               _("“%s” is empty: it holds no Genu database. It was left as it is. Choose "
                 "another file, or delete this one to start a new database there."), path);
  return TRUE;
}

/* Reads the schema version without writing anything, so that a database from a newer Genu can be
 * refused while it stays byte-for-byte as it was. */
static int
peek_version (const char  *path,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int version = -1;

  /* Even a read-only connection creates the -wal and -shm files of a WAL database, and leaves
   * them behind. Without a -wal or -journal file the database file alone holds every committed
   * change, so it can be read as immutable, which creates nothing. */
  if (!g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);

      if (file_uri != NULL)
        uri = g_strconcat (file_uri, "?immutable=1", NULL);
    }

  if (sqlite3_open_v2 (uri != NULL ? uri : path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                       NULL) != SQLITE_OK)
    _genu_set_sqlite_error (error, db, _("Could not open the database"));
  else
    version = _genu_schema_get_version (db, error);

  if (version < 0 && error != NULL && *error != NULL &&
      (*error)->code == GENU_STORE_ERROR_NOT_A_DATABASE)
    {
      g_clear_error (error);
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Genu database, or it is damaged. It was left as it is."),
                   path);
    }

  sqlite3_close_v2 (db);
  return version;
}

static gboolean
refuse_newer (const char  *path,
              int          version,
              GError     **error)
{
  if (version <= GENU_STORE_SCHEMA_VERSION)
    return FALSE;

  g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NEWER_SCHEMA,
               _("The database “%s” was written by a newer version of Genu (schema %d; this "
                 "version reads up to %d). Update Genu to open it. The file was not changed."),
               path, version, GENU_STORE_SCHEMA_VERSION);
  return TRUE;
}

/* Counts the changes to `patients` made through this connection: the patient list's kept counts
 * hold until the next one (genu-store-search.c). */
static void
row_changed_cb (gpointer       user_data,
                int            operation,
                const char    *database,
                const char    *table,
                sqlite3_int64  rowid)
{
  GenuStore *self = user_data;

  if (g_str_equal (table, "patients"))
    self->patients_changes++;
}

static gboolean
configure_connection (GenuStore  *self,
                      GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_update_hook (self->db, row_changed_cb, self);
  sqlite3_extended_result_codes (self->db, TRUE);

  if (!_genu_sqlite_exec (self->db, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!wal)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not switch the database to WAL mode"));
      return FALSE;
    }

  /* Clinical data: every commit reaches the disk before Genu says it is saved. */
  if (!_genu_sqlite_exec (self->db, "PRAGMA synchronous = FULL", error) ||
      !_genu_sqlite_exec (self->db, GENU_STORE_CACHE_SIZE_PRAGMA, error))
    return FALSE;

  return _genu_sqlite_add_functions (self->db, error) &&
         _genu_store_search_add_functions (self->db, error);
}

static GenuStore *
open_connection (const char  *path,
                 GError     **error)
{
  g_autoptr(GenuStore) self = g_object_new (GENU_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not open the database"));
      return NULL;
    }

  if (!configure_connection (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Makes a new database whole under a temporary name (0600), with the whole schema, and only then
 * links it to @path: a crash leaves either no database or a complete one, never an empty file,
 * and a database made meanwhile by another process is kept. */
static gboolean
create_database (const char  *path,
                 GError     **error)
{
  g_autofree char *temp = g_strconcat (path, ".new-XXXXXX", NULL);
  g_autoptr(GenuStore) store = NULL;
  gboolean ok;
  int fd;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION,
                   _("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  store = open_connection (temp, error);
  ok = store != NULL && _genu_schema_migrate (store->db, 0, GENU_STORE_SCHEMA_VERSION, error);
  /* Closing the last connection moves everything from the -wal file into the database file. */
  g_clear_object (&store);

  if (ok && link (temp, path) != 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION,
                   _("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  g_unlink (temp);
  return ok;
}

/**
 * genu_store_open:
 * @path: the database file; created (with its folder) when missing
 *
 * Opens the database and brings its schema up to date. A database written by a newer Genu is
 * refused with %GENU_STORE_ERROR_NEWER_SCHEMA and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
GenuStore *
genu_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(GenuStore) self = NULL;
  int version = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  if (!prepare_folder (path, error))
    return NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_database (path, error))
    return NULL;

  if (refuse_empty (path, error))
    return NULL;

  version = peek_version (path, error);
  if (version < 0 || refuse_newer (path, version, error))
    return NULL;

  /* Patients' data is for its owner's eyes only, even in a file made by hand. */
  if (g_stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
    g_chmod (path, st.st_mode & 0700);

  self = open_connection (path, error);
  if (self == NULL)
    return NULL;

  /* Read again under the write connection: another process may have upgraded it meanwhile. */
  version = _genu_schema_get_version (self->db, error);
  if (version < 0 || refuse_newer (path, version, error))
    return NULL;

  if (version < GENU_STORE_SCHEMA_VERSION &&
      !_genu_schema_migrate (self->db, version, GENU_STORE_SCHEMA_VERSION, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
genu_store_get_path (GenuStore *self)
{
  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  return self->path;
}

/**
 * genu_store_set_therapist:
 * @therapist: (nullable): who makes the changes from now on; %NULL or "" when not known
 *
 * The name the audit trail writes for changes that carry no therapist of their own.
 */
void
genu_store_set_therapist (GenuStore  *self,
                          const char *therapist)
{
  g_return_if_fail (GENU_IS_STORE (self));

  g_free (self->therapist);
  self->therapist = _genu_store_strip_copy (therapist);
}

const char *
genu_store_get_therapist (GenuStore *self)
{
  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  return self->therapist;
}

static gboolean
record_number_taken (GenuStore   *self,
                     const char  *record_number,
                     gint64       except_id,
                     gboolean    *taken,
                     GError     **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT 1 FROM patients WHERE record_number = ?1 AND id <> ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, record_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the database"));
      return FALSE;
    }

  *taken = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * genu_store_next_record_number:
 *
 * Returns: (transfer full): a record number no patient has yet, such as "G-000042".
 */
char *
genu_store_next_record_number (GenuStore  *self,
                               GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 next;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self, "SELECT COALESCE(MAX(id), 0) + 1 FROM patients", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the database"));
      return NULL;
    }
  next = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Numbers typed by hand may already use the next one; count on until one is free. */
  for (;; next++)
    {
      g_autofree char *candidate = g_strdup_printf ("G-%06" G_GINT64_FORMAT, next);
      gboolean taken;

      if (!record_number_taken (self, candidate, 0, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&candidate);
    }
}

GenuPatient *
_genu_store_patient_from_row (sqlite3_stmt *stmt)
{
  GenuPatient *patient = genu_patient_new ();
  GenuSex sex = GENU_SEX_UNKNOWN;
  int col = COLUMN_SEX;

  genu_patient_set_id (patient, sqlite3_column_int64 (stmt, 0));
  for (guint i = 0; i < G_N_ELEMENTS (text_column_order); i++)
    genu_patient_set_text (patient, text_column_order[i],
                           (const char *) sqlite3_column_text (stmt, 1 + i));

  genu_sex_from_string ((const char *) sqlite3_column_text (stmt, col++), &sex);
  genu_patient_set_sex (patient, sex);
  genu_patient_set_weekly_distance_km (patient,
    sqlite3_column_type (stmt, col) == SQLITE_NULL ? GENU_PATIENT_UNSET
                                                   : sqlite3_column_double (stmt, col));
  col++;
  genu_patient_set_years_running (patient,
    sqlite3_column_type (stmt, col) == SQLITE_NULL ? GENU_PATIENT_UNSET
                                                   : sqlite3_column_int (stmt, col));
  col++;
  genu_patient_set_archived (patient, sqlite3_column_int (stmt, col++));
  genu_patient_set_timestamps (patient,
                               (const char *) sqlite3_column_text (stmt, col),
                               (const char *) sqlite3_column_text (stmt, col + 1));
  return patient;
}

/* Binds the fields of @patient in PATIENT_COLUMNS order, from parameter 2 (1 is the id) up to
 * the archived flag; the timestamps are bound by the caller. */
static void
bind_patient (sqlite3_stmt *stmt,
              GenuPatient  *patient)
{
  double km = genu_patient_get_weekly_distance_km (patient);
  int years = genu_patient_get_years_running (patient);
  int param = 2 + GENU_PATIENT_N_TEXTS;

  sqlite3_bind_int64 (stmt, 1, genu_patient_get_id (patient));
  for (guint i = 0; i < G_N_ELEMENTS (text_column_order); i++)
    sqlite3_bind_text (stmt, 2 + i, genu_patient_get_text (patient, text_column_order[i]), -1,
                       SQLITE_TRANSIENT);

  sqlite3_bind_text (stmt, param++, genu_sex_to_string (genu_patient_get_sex (patient)), -1,
                     SQLITE_STATIC);
  if (km == GENU_PATIENT_UNSET)
    sqlite3_bind_null (stmt, param++);
  else
    sqlite3_bind_double (stmt, param++, km);
  if (years == GENU_PATIENT_UNSET)
    sqlite3_bind_null (stmt, param++);
  else
    sqlite3_bind_int (stmt, param++, years);
  sqlite3_bind_int (stmt, param++, genu_patient_get_archived (patient));
}

/* Turns the broken rules of a record into one %GENU_STORE_ERROR_INVALID, each rule on a line of
 * its own as "field: message". */
gboolean
_genu_store_check_field_errors (GPtrArray  *errors,
                                GError    **error)
{
  g_autoptr(GString) message = g_string_new (NULL);

  if (errors->len == 0)
    return TRUE;

  for (guint i = 0; i < errors->len; i++)
    {
      GenuFieldError *field_error = g_ptr_array_index (errors, i);

      g_string_append_printf (message, "%s%s: %s", i > 0 ? "\n" : "",
                              field_error->field, field_error->message);
    }
  g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, message->str);
  return FALSE;
}

static gboolean
check_valid (GenuPatient  *patient,
             GError      **error)
{
  g_autoptr(GPtrArray) errors = genu_patient_validate (patient, NULL);

  return _genu_store_check_field_errors (errors, error);
}

static gboolean
write_patient (GenuStore    *self,
               GenuPatient  *patient,
               const char   *now,
               GError      **error)
{
  gboolean is_new = genu_patient_get_id (patient) == 0;
  sqlite3_stmt *stmt;
  int rc;

  if (is_new)
    stmt = _genu_store_get_statement (self,
      "INSERT INTO patients (" PATIENT_COLUMNS ", family_key, given_key) VALUES"
      " (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
      "  ?15, ?16, ?17, ?18, ?19, ?19, genu_fold (?3), genu_fold (?4))",
      error);
  else
    stmt = _genu_store_get_statement (self,
      "UPDATE patients SET record_number = ?2, family_name = ?3, given_names = ?4,"
      " date_of_birth = ?5, phone = ?6, email = ?7, address = ?8, referring_physician = ?9,"
      " notes = ?10, goal_event = ?11, usual_surface = ?12, shoes = ?13,"
      " training_changes = ?14, sex = ?15, weekly_distance_km = ?16, years_running = ?17,"
      " archived = ?18, updated_at = ?19, family_key = genu_fold (?3),"
      " given_key = genu_fold (?4) WHERE id = ?1",
      error);
  if (stmt == NULL)
    return FALSE;

  bind_patient (stmt, patient);
  sqlite3_bind_text (stmt, 19, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the patient"));
      return FALSE;
    }
  if (!is_new && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no patient with id %lld."),
                   (long long) genu_patient_get_id (patient));
      return FALSE;
    }
  if (is_new)
    genu_patient_set_id (patient, sqlite3_last_insert_rowid (self->db));

  return TRUE;
}

/**
 * genu_store_save_patient:
 * @patient: a new record (id 0) or a changed one
 *
 * Validates and saves @patient in one transaction: all of it or nothing. A new record gets its id,
 * and a record number when it has none. Text fields are saved without surrounding spaces.
 */
gboolean
genu_store_save_patient (GenuStore    *self,
                         GenuPatient  *patient,
                         GError      **error)
{
  g_autoptr(GenuPatient) work = NULL;
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *old_values = NULL;
  const char *record_number;
  gboolean taken = FALSE;
  gboolean is_new = genu_patient_get_id (patient) == 0;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_PATIENT (patient), FALSE);

  if (!check_valid (patient, error))
    return FALSE;

  /* Work on a copy so that @patient only changes once all of it is saved. */
  work = genu_patient_copy (patient);
  genu_patient_strip_texts (work);

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  record_number = genu_patient_get_text (work, GENU_PATIENT_RECORD_NUMBER);
  if (*record_number == '\0')
    {
      g_autofree char *generated = genu_store_next_record_number (self, error);

      if (generated == NULL)
        goto rollback;
      genu_patient_set_text (work, GENU_PATIENT_RECORD_NUMBER, generated);
    }
  else if (!record_number_taken (self, record_number, genu_patient_get_id (work), &taken, error))
    {
      goto rollback;
    }

  if (taken)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_DUPLICATE,
                   _("The record number “%s” is already used by another patient. "
                     "Type a different one, or leave it empty to have one made."),
                   record_number);
      goto rollback;
    }

  if (!is_new)
    {
      old_values = _genu_store_audit_read_record (self, "patient", genu_patient_get_id (work),
                                                  error);
      if (old_values == NULL)
        goto rollback;
    }

  if (!write_patient (self, work, now, error) ||
      !_genu_store_audit (self, is_new ? GENU_AUDIT_CREATE : GENU_AUDIT_UPDATE, "patient",
                          genu_patient_get_id (work), genu_patient_get_id (work), NULL,
                          old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  genu_patient_set_id (patient, genu_patient_get_id (work));
  for (guint i = 0; i < GENU_PATIENT_N_TEXTS; i++)
    genu_patient_set_text (patient, i, genu_patient_get_text (work, i));
  genu_patient_set_timestamps (patient,
                               *genu_patient_get_created_at (patient) ?
                                 genu_patient_get_created_at (patient) : now,
                               now);
  g_debug ("Saved patient %" G_GINT64_FORMAT, genu_patient_get_id (patient));
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * genu_store_get_patient:
 *
 * Returns: (transfer full): the patient, or %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuPatient *
genu_store_get_patient (GenuStore  *self,
                        gint64      id,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  GenuPatient *patient = NULL;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = _genu_store_get_statement (self, "SELECT " PATIENT_COLUMNS " FROM patients WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    patient = _genu_store_patient_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no patient with id %lld."), (long long) id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the patient"));

  sqlite3_reset (stmt);
  return patient;
}

/**
 * genu_store_set_patient_archived:
 *
 * Archives a patient (hidden from lists unless asked for) or brings them back. Nothing is deleted.
 */
gboolean
genu_store_set_patient_archived (GenuStore  *self,
                                 gint64      id,
                                 gboolean    archived,
                                 GError    **error)
{
  g_autofree char *now = _genu_store_now_utc_iso8601 ();
  g_autofree char *old_values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Also tells an unknown id (GENU_STORE_ERROR_NOT_FOUND). */
  old_values = _genu_store_audit_read_record (self, "patient", id, error);
  if (old_values == NULL)
    goto rollback;

  stmt = _genu_store_get_statement (self,
    "UPDATE patients SET archived = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto rollback;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, !!archived);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not archive the patient"));
      goto rollback;
    }

  if (!_genu_store_audit (self, archived ? GENU_AUDIT_ARCHIVE : GENU_AUDIT_RESTORE, "patient",
                          id, id, NULL, old_values, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Item answers of a questionnaire (LEFS, KOOS) as stored: a JSON array, item 1 first, null for an
 * item not answered (-1 in @items). */
char *
_genu_store_items_to_json (const int *items,
                           guint      n_items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      if (items[i] < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, items[i]);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The reverse of _genu_store_items_to_json(): fills @items, -1 where the array holds null. */
void
_genu_store_items_from_json (const char *text,
                             int        *items,
                             guint       n_items)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonArray *array = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
                                                                  : NULL;

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *element = array != NULL && i < json_array_get_length (array)
                          ? json_array_get_element (array, i) : NULL;

      items[i] = element != NULL && JSON_NODE_HOLDS_VALUE (element) ? json_node_get_int (element)
                                                                     : -1;
    }
}
