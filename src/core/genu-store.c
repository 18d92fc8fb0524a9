/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"
#include "genu-validation.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

struct _GenuStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* SQL text (static) -> sqlite3_stmt */
};

G_DEFINE_FINAL_TYPE (GenuStore, genu_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (genu-store-error-quark, genu_store_error)

/* Every column of `patients`, in the order patient_from_row() reads them. */
#define PATIENT_COLUMNS \
  "id, record_number, family_name, given_names, date_of_birth, phone, email, address," \
  " referring_physician, notes, goal_event, usual_surface, shoes, training_changes," \
  " sex, weekly_distance_km, years_running, archived, created_at, updated_at"

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
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

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

/* Returns a prepared statement for @sql, which must be a string literal: the cache is keyed by
 * its address. The statement is reset and its bindings cleared. */
static sqlite3_stmt *
get_statement (GenuStore   *self,
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

static char *
now_utc_iso8601 (void)
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

/* Creates the folder (0700) and an empty file (0600) before SQLite sees the path, so that the
 * database is never readable by others, not even for a moment. */
static gboolean
prepare_file (const char  *path,
              gboolean    *created,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *created = FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION,
                   _("Could not create the folder “%s” for the database: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      *created = TRUE;
      g_close (fd, NULL);
      return TRUE;
    }
  if (errno == EEXIST)
    return TRUE;

  {
    int saved_errno = errno;
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_PERMISSION,
                 _("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
  }
  return FALSE;
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

static gboolean
configure_connection (GenuStore  *self,
                      GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  sqlite3_busy_timeout (self->db, 5000);
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
  if (!_genu_sqlite_exec (self->db, "PRAGMA synchronous = FULL", error))
    return FALSE;

  if (sqlite3_create_function (self->db, "genu_fold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_fold_cb, NULL, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not open the database"));
      return FALSE;
    }

  return TRUE;
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
  gboolean created;
  int version = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  if (!prepare_file (path, &created, error))
    return NULL;

  if (!created)
    {
      version = peek_version (path, error);
      if (version < 0 || refuse_newer (path, version, error))
        return NULL;

      /* Patients' data is for its owner's eyes only, even in a file made by hand. */
      if (g_stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
        g_chmod (path, st.st_mode & 0700);
    }

  self = g_object_new (GENU_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not open the database"));
      return NULL;
    }

  if (!configure_connection (self, error))
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

static gboolean
record_number_taken (GenuStore   *self,
                     const char  *record_number,
                     gint64       except_id,
                     gboolean    *taken,
                     GError     **error)
{
  sqlite3_stmt *stmt = get_statement (self,
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

  stmt = get_statement (self, "SELECT COALESCE(MAX(id), 0) + 1 FROM patients", error);
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

static GenuPatient *
patient_from_row (sqlite3_stmt *stmt)
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
static gboolean
check_field_errors (GPtrArray  *errors,
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

  return check_field_errors (errors, error);
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
    stmt = get_statement (self,
      "INSERT INTO patients (" PATIENT_COLUMNS ") VALUES"
      " (NULLIF(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
      "  ?15, ?16, ?17, ?18, ?19, ?19)",
      error);
  else
    stmt = get_statement (self,
      "UPDATE patients SET record_number = ?2, family_name = ?3, given_names = ?4,"
      " date_of_birth = ?5, phone = ?6, email = ?7, address = ?8, referring_physician = ?9,"
      " notes = ?10, goal_event = ?11, usual_surface = ?12, shoes = ?13,"
      " training_changes = ?14, sex = ?15, weekly_distance_km = ?16, years_running = ?17,"
      " archived = ?18, updated_at = ?19 WHERE id = ?1",
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
                   _("There is no patient with id %" G_GINT64_FORMAT "."),
                   genu_patient_get_id (patient));
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
  g_autofree char *now = now_utc_iso8601 ();
  const char *record_number;
  gboolean taken = FALSE;

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

  if (!write_patient (self, work, now, error) ||
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

  stmt = get_statement (self, "SELECT " PATIENT_COLUMNS " FROM patients WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    patient = patient_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no patient with id %" G_GINT64_FORMAT "."), id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the patient"));

  sqlite3_reset (stmt);
  return patient;
}

/* The search words, folded, as a JSON array for json_each(): one fixed statement serves any
 * number of words. */
static char *
search_words_json (const char *search)
{
  g_autofree char *folded = _genu_fold_for_search (search);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n,", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      json_builder_add_string_value (builder, words[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * genu_store_list_patients:
 * @search: (nullable): words that must each appear in the name, record number or date of birth
 * @include_archived: whether archived patients are listed too
 *
 * Returns: (transfer full) (element-type GenuPatient): the patients, sorted by family name then
 * given names, with case and accents folded as in the search, so that "Ångström" comes before
 * "Baker"
 */
GPtrArray *
genu_store_list_patients (GenuStore   *self,
                          const char  *search,
                          gboolean     include_archived,
                          GError     **error)
{
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *words = search_words_json (search);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = get_statement (self,
    "SELECT " PATIENT_COLUMNS " FROM patients"
    " WHERE (?1 OR archived = 0)"
    "  AND NOT EXISTS (SELECT 1 FROM json_each(?2) AS word"
    "    WHERE instr(genu_fold(family_name || ' ' || given_names || ' ' || record_number"
    "                          || ' ' || date_of_birth), word.value) = 0)"
    " ORDER BY genu_fold(family_name), genu_fold(given_names), id",
    error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, include_archived);
  sqlite3_bind_text (stmt, 2, words, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (patients, patient_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the patients"));
      return NULL;
    }

  return g_steal_pointer (&patients);
}

gint64
genu_store_count_patients (GenuStore  *self,
                           gboolean    include_archived,
                           GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (GENU_IS_STORE (self), -1);

  stmt = get_statement (self, "SELECT count(*) FROM patients WHERE ?1 OR archived = 0", error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int (stmt, 1, include_archived);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not count the patients"));
  sqlite3_reset (stmt);

  return count;
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
  g_autofree char *now = now_utc_iso8601 ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  stmt = get_statement (self,
    "UPDATE patients SET archived = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, !!archived);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not archive the patient"));
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no patient with id %" G_GINT64_FORMAT "."), id);
      return FALSE;
    }

  return TRUE;
}

/* Visits */

/* Every column of `visits`, in the order visit_from_row() reads them: the texts in GenuVisitText
 * order from column 3. */
#define VISIT_COLUMNS \
  "id, patient_id, kind, date, therapist, subjective, objective, assessment, plan," \
  " diagnosis_id, diagnosis_name, diagnosis_icd10, created_at, updated_at"

#define VISIT_COLUMN_FIRST_TEXT 3
#define VISIT_COLUMN_CREATED_AT (VISIT_COLUMN_FIRST_TEXT + GENU_VISIT_N_TEXTS)

/* The texts that are one line (a date, a name, a code) lose their surrounding spaces when saved,
 * as a patient's do; the SOAP notes are kept exactly as typed. */
static const GenuVisitText visit_line_texts[] = {
  GENU_VISIT_DATE, GENU_VISIT_THERAPIST, GENU_VISIT_DIAGNOSIS_ID, GENU_VISIT_DIAGNOSIS_NAME,
  GENU_VISIT_DIAGNOSIS_ICD10,
};

static const char *
finding_state_to_string (GenuFindingState state)
{
  switch (state)
    {
    case GENU_FINDING_PRESENT:
      return "present";
    case GENU_FINDING_ABSENT:
      return "absent";
    case GENU_FINDING_NUMBER:
      return "number";
    case GENU_FINDING_NOT_TESTED:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
step_done (GenuStore     *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, what);
      return FALSE;
    }
  return TRUE;
}

/* Inserts a new visit row, or updates the one with @visit's id; gives a new visit its id, and
 * @created_at the row's creation time. */
static gboolean
write_visit_row (GenuStore   *self,
                 GenuVisit   *visit,
                 const char  *now,
                 char       **created_at,
                 GError     **error)
{
  gboolean is_new = genu_visit_get_id (visit) == 0;
  sqlite3_stmt *stmt;
  int rc;

  if (is_new)
    stmt = get_statement (self,
      "INSERT INTO visits (" VISIT_COLUMNS ") VALUES"
      " (NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
      error);
  else
    stmt = get_statement (self,
      "UPDATE visits SET patient_id = ?2, kind = ?3, date = ?4, therapist = ?5,"
      " subjective = ?6, objective = ?7, assessment = ?8, plan = ?9, diagnosis_id = ?10,"
      " diagnosis_name = ?11, diagnosis_icd10 = ?12, updated_at = ?13"
      " WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_visit_get_id (visit));
  sqlite3_bind_int64 (stmt, 2, genu_visit_get_patient_id (visit));
  sqlite3_bind_text (stmt, 3, genu_visit_kind_to_string (genu_visit_get_kind (visit)), -1,
                     SQLITE_STATIC);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    sqlite3_bind_text (stmt, 4 + i, genu_visit_get_text (visit, i), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4 + GENU_VISIT_N_TEXTS, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the visit"));
      return FALSE;
    }

  if (is_new)
    {
      genu_visit_set_id (visit, sqlite3_last_insert_rowid (self->db));
      *created_at = g_strdup (now);
    }
  else if (*created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no visit with id %" G_GINT64_FORMAT "."),
                   genu_visit_get_id (visit));
      return FALSE;
    }

  return TRUE;
}

/* Replaces the knee assessment of @visit and all its findings by what @visit holds now. */
static gboolean
write_assessment (GenuStore  *self,
                  GenuVisit  *visit,
                  GError    **error)
{
  gint64 id = genu_visit_get_id (visit);
  GenuAssessment *assessment = genu_visit_get_assessment (visit);
  GenuFindings *findings;
  g_auto(GStrv) ids = NULL;
  sqlite3_stmt *stmt;
  int weeks;

  /* Explicitly, rather than by ON DELETE CASCADE: the rows go even where foreign keys are off. */
  stmt = get_statement (self, "DELETE FROM assessment_findings WHERE visit_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  stmt = get_statement (self, "DELETE FROM knee_assessments WHERE visit_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  if (assessment == NULL)
    return TRUE;

  stmt = get_statement (self,
    "INSERT INTO knee_assessments"
    " (visit_id, side, duration_weeks, mechanism, aggravating, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, genu_side_to_string (genu_assessment_get_side (assessment)), -1,
                     SQLITE_STATIC);
  weeks = genu_assessment_get_duration_weeks (assessment);
  if (weeks == -1)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_int (stmt, 3, weeks);
  for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
    sqlite3_bind_text (stmt, 4 + i, genu_assessment_get_text (assessment, i), -1,
                       SQLITE_TRANSIENT);
  if (!step_done (self, stmt, _("Could not save the knee assessment"), error))
    return FALSE;

  findings = genu_assessment_get_findings (assessment);
  ids = genu_findings_dup_ids (findings);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      double number = 0;
      GenuFindingState state = genu_findings_get (findings, ids[i], &number);

      stmt = get_statement (self,
        "INSERT INTO assessment_findings (visit_id, finding_id, state, number, grade)"
        " VALUES (?1, ?2, ?3, ?4, ?5)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, ids[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, finding_state_to_string (state), -1, SQLITE_STATIC);
      if (state == GENU_FINDING_NUMBER)
        sqlite3_bind_double (stmt, 4, number);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_int (stmt, 5, genu_findings_get_grade (findings, ids[i]));
      if (!step_done (self, stmt, _("Could not save the findings"), error))
        return FALSE;
    }

  return TRUE;
}

/* The notes that can be signed and amended: their table and what a therapist calls them. */
typedef enum {
  NOTE_VISIT,
  NOTE_SESSION,
} NoteKind;

/* What read_note() reads of a note. */
typedef struct {
  gint64  patient_id;
  char   *signed_by;          /* NULL when unsigned */
  char   *signed_at;
  gint64  amends_id;          /* 0 = not an amendment */
  char   *amendment_reason;
} NoteState;

static void
note_state_clear (NoteState *state)
{
  g_clear_pointer (&state->signed_by, g_free);
  g_clear_pointer (&state->signed_at, g_free);
  g_clear_pointer (&state->amendment_reason, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NoteState, note_state_clear)

static void
set_note_not_found (GError   **error,
                    NoteKind   kind,
                    gint64     id)
{
  if (kind == NOTE_VISIT)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no visit with id %" G_GINT64_FORMAT "."), id);
  else
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no session with id %" G_GINT64_FORMAT "."), id);
}

/* Reads the patient, signature and amendment of a note; %GENU_STORE_ERROR_NOT_FOUND when there is
 * no such note. */
static gboolean
read_note (GenuStore  *self,
           NoteKind    kind,
           gint64      id,
           NoteState  *state,
           GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (kind == NOTE_VISIT)
    stmt = get_statement (self,
      "SELECT patient_id, signed_by, signed_at, amends_id, amendment_reason"
      " FROM visits WHERE id = ?1",
      error);
  else
    stmt = get_statement (self,
      "SELECT patient_id, signed_by, signed_at, amends_id, amendment_reason"
      " FROM sessions WHERE id = ?1",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->patient_id = sqlite3_column_int64 (stmt, 0);
      state->signed_by = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      state->signed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      state->amends_id = sqlite3_column_int64 (stmt, 3);
      state->amendment_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      set_note_not_found (error, kind, id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the database"));
      return FALSE;
    }
  return TRUE;
}

/* A signature time (UTC, ISO 8601) as the local date and time, for messages. */
static char *
format_signed_at (const char *signed_at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (signed_at, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (signed_at);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Refuses to change the signed note @id before the triggers of the schema would, with a message
 * that says what to do instead; %GENU_STORE_ERROR_NOT_FOUND when there is no such note. */
static gboolean
check_unsigned (GenuStore  *self,
                NoteKind    kind,
                gint64      id,
                NoteState  *state,
                GError    **error)
{
  if (!read_note (self, kind, id, state, error))
    return FALSE;

  if (state->signed_at == NULL)
    return TRUE;

  if (kind == NOTE_VISIT)
    g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                         _("This visit note is signed: add an amendment instead."));
  else
    g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                         _("This session note is signed: add an amendment instead."));
  return FALSE;
}

/* An amendment corrects a signed note of the same patient; an unsigned note is simply changed. */
static gboolean
check_amendable (GenuStore  *self,
                 NoteKind    kind,
                 gint64      original_id,
                 gint64      patient_id,
                 GError    **error)
{
  g_auto(NoteState) original = { 0 };

  if (!read_note (self, kind, original_id, &original, error))
    return FALSE;

  if (original.signed_at == NULL)
    {
      if (kind == NOTE_VISIT)
        g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                             _("This visit note is not signed yet: change it instead of "
                               "amending it."));
      else
        g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                             _("This session note is not signed yet: change it instead of "
                               "amending it."));
      return FALSE;
    }

  if (original.patient_id != patient_id)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("An amendment belongs to the patient of the note it amends."));
      return FALSE;
    }

  return TRUE;
}

/* The reason of an amendment, stripped; %GENU_STORE_ERROR_INVALID when there is none. */
static char *
check_amendment_reason (const char  *reason,
                        GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (*stripped == '\0')
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s",
                   "amendment_reason",
                   _("Type why the signed note is amended, for example “wrong side "
                     "recorded”."));
      return NULL;
    }
  return g_steal_pointer (&stripped);
}

/* Signs the unsigned note @id in one UPDATE, the one change the triggers of the schema let
 * through. */
static gboolean
sign_note (GenuStore   *self,
           NoteKind     kind,
           gint64       id,
           const char  *signed_by,
           GError     **error)
{
  g_autofree char *by = g_strstrip (g_strdup (signed_by != NULL ? signed_by : ""));
  g_autofree char *now = now_utc_iso8601 ();
  g_auto(NoteState) state = { 0 };
  sqlite3_stmt *stmt;

  if (*by == '\0')
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "signed_by",
                   _("Type the name of the therapist who signs the note."));
      return FALSE;
    }

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!read_note (self, kind, id, &state, error))
    goto rollback;

  if (state.signed_at != NULL)
    {
      g_autofree char *when = format_signed_at (state.signed_at);

      if (kind == NOTE_VISIT)
        g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                     _("This visit note is already signed by %s on %s."), state.signed_by, when);
      else
        g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_SIGNED,
                     _("This session note is already signed by %s on %s."), state.signed_by,
                     when);
      goto rollback;
    }

  if (kind == NOTE_VISIT)
    stmt = get_statement (self,
      "UPDATE visits SET signed_by = ?2, signed_at = ?3, updated_at = ?3"
      " WHERE id = ?1 AND signed_at IS NULL",
      error);
  else
    stmt = get_statement (self,
      "UPDATE sessions SET signed_by = ?2, signed_at = ?3, updated_at = ?3"
      " WHERE id = ?1 AND signed_at IS NULL",
      error);
  if (stmt == NULL)
    goto rollback;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, _("Could not sign the note"), error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  g_debug ("Signed %s %" G_GINT64_FORMAT, kind == NOTE_VISIT ? "visit" : "session", id);
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Saves @visit as genu_store_save_visit() does; when @amends_id is not 0, @visit is a new visit
 * that amends the signed visit @amends_id for @reason (stripped, not empty). */
static gboolean
save_visit (GenuStore   *self,
            GenuVisit   *visit,
            gint64       amends_id,
            const char  *reason,
            GError     **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuVisit) work = NULL;
  g_auto(NoteState) state = { 0 };
  g_autofree char *now = now_utc_iso8601 ();
  g_autofree char *created_at = NULL;

  /* A signed note is refused for what it is before any rule it might break is reported; the
   * check is made again in the transaction. */
  if (genu_visit_get_id (visit) != 0 &&
      !check_unsigned (self, NOTE_VISIT, genu_visit_get_id (visit), &state, error))
    return FALSE;
  note_state_clear (&state);

  patient = genu_store_get_patient (self, genu_visit_get_patient_id (visit), error);
  if (patient == NULL)
    return FALSE;

  /* Work on a copy so that @visit only changes once all of it is saved. */
  work = genu_visit_copy (visit);
  for (guint i = 0; i < G_N_ELEMENTS (visit_line_texts); i++)
    {
      g_autofree char *stripped =
        g_strstrip (g_strdup (genu_visit_get_text (work, visit_line_texts[i])));
      genu_visit_set_text (work, visit_line_texts[i], stripped);
    }

  errors = genu_visit_validate (work, patient, genu_knowledge_base_get_default (), NULL);
  if (!check_field_errors (errors, error))
    return FALSE;

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if ((genu_visit_get_id (work) != 0 &&
       !check_unsigned (self, NOTE_VISIT, genu_visit_get_id (work), &state, error)) ||
      (amends_id != 0 &&
       !check_amendable (self, NOTE_VISIT, amends_id, genu_visit_get_patient_id (work), error)) ||
      !write_visit_row (self, work, now, &created_at, error) ||
      !write_assessment (self, work, error))
    goto rollback;

  if (amends_id != 0)
    {
      sqlite3_stmt *stmt = get_statement (self,
        "UPDATE visits SET amends_id = ?2, amendment_reason = ?3 WHERE id = ?1", error);

      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, genu_visit_get_id (work));
      sqlite3_bind_int64 (stmt, 2, amends_id);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, _("Could not save the amendment"), error))
        goto rollback;
    }

  if (!_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  genu_visit_set_id (visit, genu_visit_get_id (work));
  for (guint i = 0; i < G_N_ELEMENTS (visit_line_texts); i++)
    genu_visit_set_text (visit, visit_line_texts[i],
                         genu_visit_get_text (work, visit_line_texts[i]));
  genu_visit_set_timestamps (visit, created_at, now);
  g_debug ("Saved visit %" G_GINT64_FORMAT, genu_visit_get_id (visit));
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * genu_store_save_visit:
 * @visit: a new visit (id 0) or a changed one, with its knee assessment or none
 *
 * Validates @visit against its patient and the built-in knowledge base, then saves the visit, its
 * knee assessment and every finding in one transaction: all of it or nothing. The findings and
 * assessment saved before are replaced, so a finding cleared since is gone. A new visit gets its
 * id; both get their timestamps. On failure @visit is left as it was. A signed visit is refused
 * with %GENU_STORE_ERROR_SIGNED: amend it instead (genu_store_amend_visit()).
 */
gboolean
genu_store_save_visit (GenuStore  *self,
                       GenuVisit  *visit,
                       GError    **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_VISIT (visit), FALSE);

  return save_visit (self, visit, 0, NULL, error);
}

static GenuVisit *
visit_from_row (sqlite3_stmt *stmt)
{
  GenuVisit *visit = genu_visit_new ();
  GenuVisitKind kind = GENU_VISIT_INITIAL_EVALUATION;

  genu_visit_set_id (visit, sqlite3_column_int64 (stmt, 0));
  genu_visit_set_patient_id (visit, sqlite3_column_int64 (stmt, 1));
  genu_visit_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  genu_visit_set_kind (visit, kind);
  for (guint i = 0; i < GENU_VISIT_N_TEXTS; i++)
    genu_visit_set_text (visit, i,
                         (const char *) sqlite3_column_text (stmt, VISIT_COLUMN_FIRST_TEXT + i));
  genu_visit_set_timestamps (visit,
                             (const char *) sqlite3_column_text (stmt, VISIT_COLUMN_CREATED_AT),
                             (const char *) sqlite3_column_text (stmt,
                                                                VISIT_COLUMN_CREATED_AT + 1));
  return visit;
}

static gboolean
read_findings (GenuStore     *self,
               gint64         visit_id,
               GenuFindings  *findings,
               GError       **error)
{
  sqlite3_stmt *stmt = get_statement (self,
    "SELECT finding_id, state, number, grade FROM assessment_findings WHERE visit_id = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *state = (const char *) sqlite3_column_text (stmt, 1);
      int grade = sqlite3_column_int (stmt, 3);

      if (g_str_equal (state, "number"))
        {
          genu_findings_set_number (findings, id, sqlite3_column_double (stmt, 2));
        }
      else
        {
          gboolean present = g_str_equal (state, "present");

          genu_findings_set_bool (findings, id, present);
          /* Only a present finding has a grade (genu_findings_set_grade()). */
          if (present && grade > 0)
            genu_findings_set_grade (findings, id, grade);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the findings"));
      return FALSE;
    }
  return TRUE;
}

/* Gives @visit its knee assessment and findings as stored, or none. */
static gboolean
read_assessment (GenuStore  *self,
                 GenuVisit  *visit,
                 GError    **error)
{
  g_autoptr(GenuAssessment) assessment = NULL;
  gint64 id = genu_visit_get_id (visit);
  sqlite3_stmt *stmt = get_statement (self,
    "SELECT side, duration_weeks, mechanism, aggravating, notes"
    " FROM knee_assessments WHERE visit_id = ?1",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      GenuSide side = GENU_SIDE_UNKNOWN;

      assessment = genu_assessment_new ();
      genu_side_from_string ((const char *) sqlite3_column_text (stmt, 0), &side);
      genu_assessment_set_side (assessment, side);
      genu_assessment_set_duration_weeks (assessment,
                                          sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                            ? -1 : sqlite3_column_int (stmt, 1));
      for (guint i = 0; i < GENU_ASSESSMENT_N_TEXTS; i++)
        genu_assessment_set_text (assessment, i, (const char *) sqlite3_column_text (stmt, 2 + i));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the knee assessment"));
      return FALSE;
    }
  if (assessment == NULL)
    return TRUE;

  if (!read_findings (self, id, genu_assessment_get_findings (assessment), error))
    return FALSE;

  genu_visit_set_assessment (visit, assessment);
  return TRUE;
}

/* A visit and its assessment are read by several statements: one read transaction makes them
 * one snapshot, even while another process saves. */
static gboolean
begin_read (GenuStore  *self,
            GError    **error)
{
  return _genu_sqlite_exec (self->db, "BEGIN", error);
}

static void
end_read (GenuStore *self)
{
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

/**
 * genu_store_get_visit:
 *
 * Returns: (transfer full): the visit with its knee assessment and findings, or %NULL with
 * %GENU_STORE_ERROR_NOT_FOUND
 */
GenuVisit *
genu_store_get_visit (GenuStore  *self,
                      gint64      id,
                      GError    **error)
{
  g_autoptr(GenuVisit) visit = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self, "SELECT " VISIT_COLUMNS " FROM visits WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    visit = visit_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no visit with id %" G_GINT64_FORMAT "."), id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the visit"));
  sqlite3_reset (stmt);

  if (visit != NULL && !read_assessment (self, visit, error))
    g_clear_object (&visit);

out:
  end_read (self);
  return g_steal_pointer (&visit);
}

/**
 * genu_store_list_visits:
 *
 * Returns: (transfer full) (element-type GenuVisit): the visits of the patient, each with its
 * knee assessment, newest first: by date, then by id for visits of the same day. Empty for a
 * patient without visits, or for an unknown id.
 */
GPtrArray *
genu_store_list_visits (GenuStore  *self,
                        gint64      patient_id,
                        GError    **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self,
    "SELECT " VISIT_COLUMNS " FROM visits WHERE patient_id = ?1 ORDER BY date DESC, id DESC",
    error);
  if (stmt == NULL)
    {
      end_read (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (visits, visit_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the visits"));
      ok = FALSE;
    }

  for (guint i = 0; ok && i < visits->len; i++)
    ok = read_assessment (self, g_ptr_array_index (visits, i), error);

  end_read (self);
  return ok ? g_steal_pointer (&visits) : NULL;
}

/**
 * genu_store_sign_visit:
 * @signed_by: the name of the therapist who signs
 *
 * Signs the visit: from now on it, its knee assessment and its findings cannot be changed or
 * deleted, only amended (genu_store_amend_visit()). A visit that is already signed is refused
 * with %GENU_STORE_ERROR_SIGNED, saying by whom and when. Read the signature with
 * genu_store_get_visit_signature().
 */
gboolean
genu_store_sign_visit (GenuStore   *self,
                       gint64       id,
                       const char  *signed_by,
                       GError     **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  return sign_note (self, NOTE_VISIT, id, signed_by, error);
}

/**
 * genu_store_get_visit_signature:
 * @signed_by: (out) (optional): who signed the visit, "" when unsigned
 * @signed_at: (out) (optional): when, as UTC ISO 8601, "" when unsigned
 * @amends_id: (out) (optional): the signed visit this one amends, 0 when none
 * @amendment_reason: (out) (optional): why, "" when not an amendment
 *
 * The signature and the amendment of a visit, which #GenuVisit does not hold.
 *
 * Returns: %FALSE with %GENU_STORE_ERROR_NOT_FOUND when there is no such visit
 */
gboolean
genu_store_get_visit_signature (GenuStore  *self,
                                gint64      id,
                                char      **signed_by,
                                char      **signed_at,
                                gint64     *amends_id,
                                char      **amendment_reason,
                                GError    **error)
{
  g_auto(NoteState) state = { 0 };

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  if (!read_note (self, NOTE_VISIT, id, &state, error))
    return FALSE;

  if (signed_by != NULL)
    *signed_by = g_strdup (state.signed_by != NULL ? state.signed_by : "");
  if (signed_at != NULL)
    *signed_at = g_strdup (state.signed_at != NULL ? state.signed_at : "");
  if (amends_id != NULL)
    *amends_id = state.amends_id;
  if (amendment_reason != NULL)
    *amendment_reason = g_strdup (state.amendment_reason);
  return TRUE;
}

/**
 * genu_store_amend_visit:
 * @original_id: the signed visit to correct
 * @amendment: a new visit (id 0) with the corrected note; its patient is the original's
 * @reason: why the original is amended (required)
 *
 * Saves @amendment as a new visit that amends @original_id, as genu_store_save_visit() saves a
 * visit and in the same transaction. The original stays as it was signed. Refused with
 * %GENU_STORE_ERROR_INVALID when the original is not signed (change it instead), belongs to
 * another patient, or @reason is empty.
 */
gboolean
genu_store_amend_visit (GenuStore   *self,
                        gint64       original_id,
                        GenuVisit   *amendment,
                        const char  *reason,
                        GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_VISIT (amendment), FALSE);

  if (genu_visit_get_id (amendment) != 0)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("An amendment is a new note: it cannot be a visit saved before."));
      return FALSE;
    }

  stripped = check_amendment_reason (reason, error);
  if (stripped == NULL)
    return FALSE;

  return save_visit (self, amendment, original_id, stripped, error);
}

/**
 * genu_store_list_visit_amendments:
 *
 * Returns: (transfer full) (element-type GenuVisit): the visits that amend @visit_id, each with
 * its knee assessment, oldest first. Empty when there are none.
 */
GPtrArray *
genu_store_list_visit_amendments (GenuStore  *self,
                                  gint64      visit_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self,
    "SELECT " VISIT_COLUMNS " FROM visits WHERE amends_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    {
      end_read (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, visit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (visits, visit_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the amendments"));
      ok = FALSE;
    }

  for (guint i = 0; ok && i < visits->len; i++)
    ok = read_assessment (self, g_ptr_array_index (visits, i), error);

  end_read (self);
  return ok ? g_steal_pointer (&visits) : NULL;
}

/* Plans of care */

/* Every column of `plans`, in the order plan_from_row() reads them: the texts in GenuPlanText
 * order from column 2. */
#define PLAN_COLUMNS \
  "id, patient_id, start_date, diagnosis_id, diagnosis_name, diagnosis_icd10, interventions," \
  " notes, frequency_per_week, duration_weeks, closed, screening_done, contraindications," \
  " acknowledged_by, acknowledged_at, created_at, updated_at"

#define PLAN_COLUMN_FIRST_TEXT 2
#define PLAN_COLUMN_FREQUENCY (PLAN_COLUMN_FIRST_TEXT + GENU_PLAN_N_TEXTS)

/* The texts of a plan that are one line lose their surrounding spaces when saved; the planned
 * interventions and the notes are kept as typed. */
static const GenuPlanText plan_line_texts[] = {
  GENU_PLAN_START_DATE, GENU_PLAN_DIAGNOSIS_ID, GENU_PLAN_DIAGNOSIS_NAME,
  GENU_PLAN_DIAGNOSIS_ICD10,
};

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           param,
                  int           value,
                  int           unset)
{
  if (value == unset)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_int (stmt, param, value);
}

static int
column_int_or (sqlite3_stmt *stmt,
               int           col,
               int           unset)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? unset : sqlite3_column_int (stmt, col);
}

/* The text of a column that may be NULL, as "". */
static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? text : "";
}

static char *
contraindications_to_json (GenuPlan *plan)
{
  const char * const *ids = genu_plan_get_contraindications (plan);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The ids of a `contraindications` column; the schema makes it a JSON array. */
static GStrv
contraindications_from_json (const char *text)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(JsonNode) root = json_from_string (text, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (ids, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (ids);
}

static GenuPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  GenuPlan *plan = genu_plan_new ();
  g_auto(GStrv) contraindications = NULL;
  int col = PLAN_COLUMN_FREQUENCY;

  genu_plan_set_id (plan, sqlite3_column_int64 (stmt, 0));
  genu_plan_set_patient_id (plan, sqlite3_column_int64 (stmt, 1));
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    genu_plan_set_text (plan, i, column_text (stmt, PLAN_COLUMN_FIRST_TEXT + i));
  genu_plan_set_frequency_per_week (plan, column_int_or (stmt, col++, GENU_PLAN_UNSET));
  genu_plan_set_duration_weeks (plan, column_int_or (stmt, col++, GENU_PLAN_UNSET));
  genu_plan_set_closed (plan, sqlite3_column_int (stmt, col++));
  genu_plan_set_screening_done (plan, sqlite3_column_int (stmt, col++));
  contraindications = contraindications_from_json (column_text (stmt, col++));
  genu_plan_set_contraindications (plan, (const char * const *) contraindications);
  genu_plan_set_acknowledgement (plan, column_text (stmt, col), column_text (stmt, col + 1));
  col += 2;
  genu_plan_set_timestamps (plan, column_text (stmt, col), column_text (stmt, col + 1));
  return plan;
}

/* Inserts a new plan row, or updates the one with @plan's id; gives a new plan its id, and
 * @created_at the row's creation time. */
static gboolean
write_plan_row (GenuStore   *self,
                GenuPlan    *plan,
                const char  *now,
                char       **created_at,
                GError     **error)
{
  gboolean is_new = genu_plan_get_id (plan) == 0;
  g_autofree char *contraindications = contraindications_to_json (plan);
  const char *acknowledged_by = genu_plan_get_acknowledged_by (plan);
  sqlite3_stmt *stmt;
  int param = PLAN_COLUMN_FIRST_TEXT + 1;
  int rc;

  if (is_new)
    stmt = get_statement (self,
      "INSERT INTO plans (" PLAN_COLUMNS ") VALUES"
      " (NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
      error);
  else
    stmt = get_statement (self,
      "UPDATE plans SET patient_id = ?2, start_date = ?3, diagnosis_id = ?4,"
      " diagnosis_name = ?5, diagnosis_icd10 = ?6, interventions = ?7, notes = ?8,"
      " frequency_per_week = ?9, duration_weeks = ?10, closed = ?11, screening_done = ?12,"
      " contraindications = ?13, acknowledged_by = ?14, acknowledged_at = ?15, updated_at = ?16"
      " WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
  sqlite3_bind_int64 (stmt, 2, genu_plan_get_patient_id (plan));
  for (guint i = 0; i < GENU_PLAN_N_TEXTS; i++)
    sqlite3_bind_text (stmt, param++, genu_plan_get_text (plan, i), -1, SQLITE_TRANSIENT);
  bind_int_or_null (stmt, param++, genu_plan_get_frequency_per_week (plan), GENU_PLAN_UNSET);
  bind_int_or_null (stmt, param++, genu_plan_get_duration_weeks (plan), GENU_PLAN_UNSET);
  sqlite3_bind_int (stmt, param++, !!genu_plan_get_closed (plan));
  sqlite3_bind_int (stmt, param++, !!genu_plan_get_screening_done (plan));
  sqlite3_bind_text (stmt, param++, contraindications, -1, SQLITE_TRANSIENT);
  if (*acknowledged_by == '\0')
    {
      sqlite3_bind_null (stmt, param++);
      sqlite3_bind_null (stmt, param++);
    }
  else
    {
      sqlite3_bind_text (stmt, param++, acknowledged_by, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, param++, genu_plan_get_acknowledged_at (plan), -1,
                         SQLITE_TRANSIENT);
    }
  sqlite3_bind_text (stmt, param, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the plan"));
      return FALSE;
    }

  if (is_new)
    {
      genu_plan_set_id (plan, sqlite3_last_insert_rowid (self->db));
      *created_at = g_strdup (now);
    }
  else if (*created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with id %" G_GINT64_FORMAT "."), genu_plan_get_id (plan));
      return FALSE;
    }

  return TRUE;
}

/* Replaces the goals of @plan by what @plan holds now, in its order. */
static gboolean
write_goals (GenuStore  *self,
             GenuPlan   *plan,
             GError    **error)
{
  GPtrArray *goals = genu_plan_get_goals (plan);
  sqlite3_stmt *stmt;

  stmt = get_statement (self, "DELETE FROM goals WHERE plan_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
  if (!step_done (self, stmt, _("Could not save the goals"), error))
    return FALSE;

  for (guint i = 0; i < goals->len; i++)
    {
      const GenuGoal *goal = g_ptr_array_index (goals, i);

      stmt = get_statement (self,
        "INSERT INTO goals (plan_id, position, term, description, target_date, status)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, genu_goal_term_to_string (goal->term), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, goal->description, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, goal->target_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, genu_goal_status_to_string (goal->status), -1, SQLITE_STATIC);
      if (!step_done (self, stmt, _("Could not save the goals"), error))
        return FALSE;
    }

  return TRUE;
}

/* Strips the one-line texts of @plan and its goals, and dates an acknowledgement of the IASTM
 * screening that has a name but no time. */
static void
tidy_plan (GenuPlan    *plan,
           const char  *now)
{
  GPtrArray *goals = genu_plan_get_goals (plan);
  g_autofree char *acknowledged_by = strip_copy (genu_plan_get_acknowledged_by (plan));
  g_autofree char *acknowledged_at = strip_copy (genu_plan_get_acknowledged_at (plan));

  for (guint i = 0; i < G_N_ELEMENTS (plan_line_texts); i++)
    {
      g_autofree char *stripped = strip_copy (genu_plan_get_text (plan, plan_line_texts[i]));
      genu_plan_set_text (plan, plan_line_texts[i], stripped);
    }

  for (guint i = 0; i < goals->len; i++)
    {
      GenuGoal *goal = g_ptr_array_index (goals, i);
      g_autofree char *description = strip_copy (goal->description);
      g_autofree char *target_date = strip_copy (goal->target_date);

      genu_goal_set_description (goal, description);
      genu_goal_set_target_date (goal, target_date);
    }

  if (*acknowledged_by == '\0')
    genu_plan_set_acknowledgement (plan, "", "");
  else
    genu_plan_set_acknowledgement (plan, acknowledged_by,
                                   *acknowledged_at != '\0' ? acknowledged_at : now);
}

/**
 * genu_store_save_plan:
 * @plan: a new plan (id 0) or a changed one, with its goals and IASTM screening
 *
 * Validates @plan (genu_plan_validate(): %GENU_STORE_ERROR_INVALID, each broken rule on a line as
 * "field: message"), then saves the plan row, with the screening and its acknowledgement, and
 * all its goals in one transaction: all of it or nothing. The goals saved before are replaced.
 * One-line texts are saved without surrounding spaces; an acknowledgement without a time is
 * dated now. A new plan gets its id; both get their timestamps. An unknown patient gives
 * %GENU_STORE_ERROR_NOT_FOUND. On failure @plan is left as it was.
 */
gboolean
genu_store_save_plan (GenuStore  *self,
                      GenuPlan   *plan,
                      GError    **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuPlan) work = NULL;
  g_autofree char *now = now_utc_iso8601 ();
  g_autofree char *created_at = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_PLAN (plan), FALSE);

  /* Work on a copy so that @plan only changes once all of it is saved. */
  work = genu_plan_copy (plan);
  tidy_plan (work, now);

  errors = genu_plan_validate (work, NULL);
  if (!check_field_errors (errors, error))
    return FALSE;

  patient = genu_store_get_patient (self, genu_plan_get_patient_id (work), error);
  if (patient == NULL)
    return FALSE;

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!write_plan_row (self, work, now, &created_at, error) ||
      !write_goals (self, work, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  genu_plan_set_id (plan, genu_plan_get_id (work));
  for (guint i = 0; i < G_N_ELEMENTS (plan_line_texts); i++)
    genu_plan_set_text (plan, plan_line_texts[i], genu_plan_get_text (work, plan_line_texts[i]));
  genu_plan_set_goals (plan, genu_plan_get_goals (work));
  genu_plan_set_acknowledgement (plan, genu_plan_get_acknowledged_by (work),
                                 genu_plan_get_acknowledged_at (work));
  genu_plan_set_timestamps (plan, created_at, now);
  g_debug ("Saved plan %" G_GINT64_FORMAT, genu_plan_get_id (plan));
  return TRUE;
}

static gboolean
read_goals (GenuStore  *self,
            GenuPlan   *plan,
            GError    **error)
{
  sqlite3_stmt *stmt = get_statement (self,
    "SELECT term, description, target_date, status FROM goals WHERE plan_id = ?1"
    " ORDER BY position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_plan_get_id (plan));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GenuGoalTerm term = GENU_GOAL_SHORT_TERM;
      GenuGoalStatus status = GENU_GOAL_PROGRESSING;
      g_autoptr(GenuGoal) goal = NULL;

      genu_goal_term_from_string (column_text (stmt, 0), &term);
      genu_goal_status_from_string (column_text (stmt, 3), &status);
      goal = genu_goal_new (term, column_text (stmt, 1), column_text (stmt, 2));
      goal->status = status;
      genu_plan_add_goal (plan, goal);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the goals"));
      return FALSE;
    }
  return TRUE;
}

/**
 * genu_store_get_plan:
 *
 * Returns: (transfer full): the plan with its goals, or %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuPlan *
genu_store_get_plan (GenuStore  *self,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(GenuPlan) plan = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self, "SELECT " PLAN_COLUMNS " FROM plans WHERE id = ?1", error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan = plan_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no plan with id %" G_GINT64_FORMAT "."), id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the plan"));
  sqlite3_reset (stmt);

  if (plan != NULL && !read_goals (self, plan, error))
    g_clear_object (&plan);

out:
  end_read (self);
  return g_steal_pointer (&plan);
}

/**
 * genu_store_list_plans:
 *
 * Returns: (transfer full) (element-type GenuPlan): the plans of the patient, each with its goals,
 * newest first: by start date, then by id. Empty for a patient without plans, or an unknown id.
 */
GPtrArray *
genu_store_list_plans (GenuStore  *self,
                       gint64      patient_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self,
    "SELECT " PLAN_COLUMNS " FROM plans WHERE patient_id = ?1"
    " ORDER BY start_date DESC, id DESC",
    error);
  if (stmt == NULL)
    {
      end_read (self);
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the plans"));
      ok = FALSE;
    }

  for (guint i = 0; ok && i < plans->len; i++)
    ok = read_goals (self, g_ptr_array_index (plans, i), error);

  end_read (self);
  return ok ? g_steal_pointer (&plans) : NULL;
}

/* A session or an outcome may belong to a plan: one of the same patient. Gives the plan in
 * @plan when asked. */
static gboolean
check_plan_of_patient (GenuStore  *self,
                       gint64      plan_id,
                       gint64      patient_id,
                       GenuPlan  **plan,
                       GError    **error)
{
  g_autoptr(GenuPlan) found = NULL;

  if (plan_id == 0)
    return TRUE;

  found = genu_store_get_plan (self, plan_id, error);
  if (found == NULL)
    return FALSE;

  if (genu_plan_get_patient_id (found) != patient_id)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "plan_id",
                   _("This plan of care belongs to another patient: pick one of this patient’s "
                     "plans, or none."));
      return FALSE;
    }

  if (plan != NULL)
    *plan = g_steal_pointer (&found);
  return TRUE;
}

/* Treatment sessions */

/* Every column of `sessions`, in the order session_from_row() reads them. */
#define SESSION_COLUMNS \
  "id, patient_id, plan_id, date, therapist, notes, amendment_reason, duration_minutes," \
  " pain_before, pain_after, signed_by, signed_at, amends_id, created_at, updated_at"

/* The texts of a session in the order of SESSION_COLUMNS, from column 3. */
static const GenuSessionText session_text_order[] = {
  GENU_SESSION_DATE, GENU_SESSION_THERAPIST, GENU_SESSION_NOTES, GENU_SESSION_AMENDMENT_REASON,
};
G_STATIC_ASSERT (G_N_ELEMENTS (session_text_order) == GENU_SESSION_N_TEXTS);

#define SESSION_COLUMN_FIRST_TEXT 3
#define SESSION_COLUMN_DURATION (SESSION_COLUMN_FIRST_TEXT + GENU_SESSION_N_TEXTS)

/* The texts of a session that are one line lose their surrounding spaces when saved; the notes
 * are kept as typed. */
static const GenuSessionText session_line_texts[] = {
  GENU_SESSION_DATE, GENU_SESSION_THERAPIST, GENU_SESSION_AMENDMENT_REASON,
};

static GenuSession *
session_from_row (sqlite3_stmt *stmt)
{
  GenuSession *session = genu_session_new ();
  int col = SESSION_COLUMN_DURATION;

  genu_session_set_id (session, sqlite3_column_int64 (stmt, 0));
  genu_session_set_patient_id (session, sqlite3_column_int64 (stmt, 1));
  genu_session_set_plan_id (session, sqlite3_column_int64 (stmt, 2));
  for (guint i = 0; i < G_N_ELEMENTS (session_text_order); i++)
    genu_session_set_text (session, session_text_order[i],
                           column_text (stmt, SESSION_COLUMN_FIRST_TEXT + i));
  genu_session_set_duration_minutes (session, column_int_or (stmt, col++, GENU_SESSION_UNSET));
  genu_session_set_pain_before (session, column_int_or (stmt, col++, GENU_SESSION_UNSET));
  genu_session_set_pain_after (session, column_int_or (stmt, col++, GENU_SESSION_UNSET));
  genu_session_set_signature (session, column_text (stmt, col), column_text (stmt, col + 1));
  col += 2;
  genu_session_set_amends_id (session, sqlite3_column_int64 (stmt, col++));
  genu_session_set_timestamps (session, column_text (stmt, col), column_text (stmt, col + 1));
  return session;
}

/* Inserts a new session row, or updates the one with @session's id; gives a new session its id,
 * and @created_at the row's creation time. The signature is never written here. */
static gboolean
write_session_row (GenuStore    *self,
                   GenuSession  *session,
                   const char   *now,
                   char        **created_at,
                   GError      **error)
{
  gboolean is_new = genu_session_get_id (session) == 0;
  sqlite3_stmt *stmt;
  int param = SESSION_COLUMN_FIRST_TEXT + 1;
  int rc;

  if (is_new)
    stmt = get_statement (self,
      "INSERT INTO sessions (id, patient_id, plan_id, date, therapist, notes, amendment_reason,"
      " duration_minutes, pain_before, pain_after, amends_id, created_at, updated_at)"
      " VALUES (NULL, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULLIF(?11, 0), ?12, ?12)",
      error);
  else
    stmt = get_statement (self,
      "UPDATE sessions SET patient_id = ?2, plan_id = NULLIF(?3, 0), date = ?4, therapist = ?5,"
      " notes = ?6, amendment_reason = ?7, duration_minutes = ?8, pain_before = ?9,"
      " pain_after = ?10, amends_id = NULLIF(?11, 0), updated_at = ?12"
      " WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_session_get_id (session));
  sqlite3_bind_int64 (stmt, 2, genu_session_get_patient_id (session));
  sqlite3_bind_int64 (stmt, 3, genu_session_get_plan_id (session));
  for (guint i = 0; i < G_N_ELEMENTS (session_text_order); i++)
    sqlite3_bind_text (stmt, param++, genu_session_get_text (session, session_text_order[i]), -1,
                       SQLITE_TRANSIENT);
  bind_int_or_null (stmt, param++, genu_session_get_duration_minutes (session),
                    GENU_SESSION_UNSET);
  bind_int_or_null (stmt, param++, genu_session_get_pain_before (session), GENU_SESSION_UNSET);
  bind_int_or_null (stmt, param++, genu_session_get_pain_after (session), GENU_SESSION_UNSET);
  sqlite3_bind_int64 (stmt, param++, genu_session_get_amends_id (session));
  sqlite3_bind_text (stmt, param, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the session"));
      return FALSE;
    }

  if (is_new)
    {
      genu_session_set_id (session, sqlite3_last_insert_rowid (self->db));
      *created_at = g_strdup (now);
    }
  else if (*created_at == NULL)
    {
      set_note_not_found (error, NOTE_SESSION, genu_session_get_id (session));
      return FALSE;
    }

  return TRUE;
}

/* Replaces the interventions of @session by what @session holds now, in its order: each as its
 * genu_intervention_to_json(). */
static gboolean
write_interventions (GenuStore    *self,
                     GenuSession  *session,
                     GError      **error)
{
  GPtrArray *interventions = genu_session_get_interventions (session);
  gint64 id = genu_session_get_id (session);
  sqlite3_stmt *stmt;

  stmt = get_statement (self, "DELETE FROM session_interventions WHERE session_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("Could not save the interventions"), error))
    return FALSE;

  for (guint i = 0; i < interventions->len; i++)
    {
      GenuIntervention *intervention = g_ptr_array_index (interventions, i);
      GenuInterventionKind kind = genu_intervention_get_kind (intervention);
      g_autoptr(JsonNode) node = genu_intervention_to_json (intervention);
      g_autofree char *details = json_to_string (node, FALSE);

      stmt = get_statement (self,
        "INSERT INTO session_interventions (session_id, position, kind, details)"
        " VALUES (?1, ?2, ?3, ?4)",
        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, genu_intervention_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, details, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, _("Could not save the interventions"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
has_iastm (GenuSession *session)
{
  GPtrArray *interventions = genu_session_get_interventions (session);

  for (guint i = 0; i < interventions->len; i++)
    if (genu_intervention_get_kind (g_ptr_array_index (interventions, i)) ==
        GENU_INTERVENTION_IASTM)
      return TRUE;
  return FALSE;
}

/* The rules of a session that need the database: its patient exists; its plan, if any, is one of
 * the patient's, and does not forbid IASTM (a contraindication answered yes and not
 * acknowledged). */
static gboolean
check_session_context (GenuStore    *self,
                       GenuSession  *session,
                       GError      **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GenuPlan) plan = NULL;
  gint64 patient_id = genu_session_get_patient_id (session);

  patient = genu_store_get_patient (self, patient_id, error);
  if (patient == NULL)
    return FALSE;

  if (!check_plan_of_patient (self, genu_session_get_plan_id (session), patient_id, &plan, error))
    return FALSE;

  if (plan != NULL && has_iastm (session) && genu_plan_screening_blocks (plan))
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "interventions",
                   _("The IASTM screening of this plan found a contraindication that nobody "
                     "acknowledged: acknowledge it in the plan, or record no IASTM."));
      return FALSE;
    }

  return TRUE;
}

/* Writes a validated session in one transaction; see genu_store_save_session(). */
static gboolean
write_session (GenuStore    *self,
               GenuSession  *work,
               const char   *now,
               char        **created_at,
               GError      **error)
{
  gint64 id = genu_session_get_id (work);
  gint64 amends_id = genu_session_get_amends_id (work);
  g_auto(NoteState) stored = { 0 };

  if (!_genu_sqlite_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (id != 0 && !check_unsigned (self, NOTE_SESSION, id, &stored, error))
    goto rollback;

  /* An amendment stays the amendment of the note it corrects, and a note never becomes one. */
  if (id != 0 && stored.amends_id != amends_id)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID, "%s: %s", "amends_id",
                   _("A saved session cannot become the amendment of another note, or stop "
                     "being one."));
      goto rollback;
    }

  if (amends_id != 0 && (amends_id == id ||
                         !check_amendable (self, NOTE_SESSION, amends_id,
                                           genu_session_get_patient_id (work), error)))
    {
      if (amends_id == id)
        g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                             _("A session note cannot amend itself."));
      goto rollback;
    }

  if (!write_session_row (self, work, now, created_at, error) ||
      !write_interventions (self, work, error) ||
      !_genu_sqlite_exec (self->db, "COMMIT", error))
    goto rollback;

  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * genu_store_save_session:
 * @session: a new session (id 0) or a changed unsigned one, with its interventions
 *
 * Validates @session (genu_session_validate(): %GENU_STORE_ERROR_INVALID, each broken rule on a
 * line as "field: message"; its plan must be one of the patient's, and must not forbid IASTM),
 * then saves the session row and every intervention (as genu_intervention_to_json()) in one
 * transaction: all of it or nothing. The interventions saved before are replaced. A signed
 * session is refused with %GENU_STORE_ERROR_SIGNED ("add an amendment instead"). A session whose
 * amends_id is set is an amendment: see genu_store_amend_session(). The signature is never
 * saved from @session: only genu_store_sign_session() signs. A new session gets its id; both get
 * their timestamps. On failure @session is left as it was.
 */
gboolean
genu_store_save_session (GenuStore    *self,
                         GenuSession  *session,
                         GError      **error)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuSession) work = NULL;
  g_autofree char *now = now_utc_iso8601 ();
  g_autofree char *created_at = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_SESSION (session), FALSE);

  /* A signed note is refused for what it is before any rule it might break is reported; the
   * check is made again in the transaction. */
  if (genu_session_get_id (session) != 0)
    {
      g_auto(NoteState) stored = { 0 };

      if (!check_unsigned (self, NOTE_SESSION, genu_session_get_id (session), &stored, error))
        return FALSE;
    }

  /* Work on a copy so that @session only changes once all of it is saved. */
  work = genu_session_copy (session);
  for (guint i = 0; i < G_N_ELEMENTS (session_line_texts); i++)
    {
      g_autofree char *stripped = strip_copy (genu_session_get_text (work, session_line_texts[i]));
      genu_session_set_text (work, session_line_texts[i], stripped);
    }

  errors = genu_session_validate (work, NULL);
  if (!check_field_errors (errors, error))
    return FALSE;

  if (!check_session_context (self, work, error) ||
      !write_session (self, work, now, &created_at, error))
    return FALSE;

  genu_session_set_id (session, genu_session_get_id (work));
  for (guint i = 0; i < G_N_ELEMENTS (session_line_texts); i++)
    genu_session_set_text (session, session_line_texts[i],
                           genu_session_get_text (work, session_line_texts[i]));
  genu_session_set_signature (session, "", "");
  genu_session_set_timestamps (session, created_at, now);
  g_debug ("Saved session %" G_GINT64_FORMAT, genu_session_get_id (session));
  return TRUE;
}

/* Gives @session its interventions as stored, in order. */
static gboolean
read_interventions (GenuStore    *self,
                    GenuSession  *session,
                    GError      **error)
{
  sqlite3_stmt *stmt = get_statement (self,
    "SELECT details FROM session_interventions WHERE session_id = ?1 ORDER BY position", error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, genu_session_get_id (session));
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) node = json_from_string (column_text (stmt, 0), &local_error);
      g_autoptr(GenuIntervention) intervention = NULL;

      if (node != NULL)
        intervention = genu_intervention_new_from_json (node, &local_error);
      if (intervention == NULL)
        {
          g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_FAILED,
                       _("Could not read an intervention of session %" G_GINT64_FORMAT ": %s"),
                       genu_session_get_id (session), local_error->message);
          ok = FALSE;
          break;
        }
      genu_session_add_intervention (session, intervention);
    }
  sqlite3_reset (stmt);

  if (ok && rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the interventions"));
      ok = FALSE;
    }
  return ok;
}

/* Reads the sessions @stmt selects (SESSION_COLUMNS), each with its interventions, into
 * @sessions. */
static gboolean
read_sessions (GenuStore     *self,
               sqlite3_stmt  *stmt,
               GPtrArray     *sessions,
               GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sessions, session_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the sessions"));
      return FALSE;
    }

  for (guint i = 0; i < sessions->len; i++)
    if (!read_interventions (self, g_ptr_array_index (sessions, i), error))
      return FALSE;

  return TRUE;
}

/**
 * genu_store_get_session:
 *
 * Returns: (transfer full): the session with its interventions, signature and amendment, or
 * %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuSession *
genu_store_get_session (GenuStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self, "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  end_read (self);

  if (!ok)
    return NULL;
  if (sessions->len == 0)
    {
      set_note_not_found (error, NOTE_SESSION, id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (sessions, 0));
}

/**
 * genu_store_list_sessions:
 *
 * Returns: (transfer full) (element-type GenuSession): the sessions of the patient, amendments
 * included, each with its interventions, newest first: by date, then by id for sessions of the
 * same day. Empty for a patient without sessions, or an unknown id.
 */
GPtrArray *
genu_store_list_sessions (GenuStore  *self,
                          gint64      patient_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self,
    "SELECT " SESSION_COLUMNS " FROM sessions WHERE patient_id = ?1"
    " ORDER BY date DESC, id DESC",
    error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, patient_id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  end_read (self);

  return ok ? g_steal_pointer (&sessions) : NULL;
}

/**
 * genu_store_get_last_session:
 * @plan_id: the plan the session belongs to, or 0 for the newest session in any plan or none
 *
 * The session to start "repeat last session" from (genu_session_repeat()): the newest by date,
 * then by id, so that an amendment made the same day wins over the note it corrects.
 *
 * Returns: (transfer full) (nullable): the session with its interventions, or %NULL, without an
 * error, when the patient has none (in that plan)
 */
GenuSession *
genu_store_get_last_session (GenuStore  *self,
                             gint64      patient_id,
                             gint64      plan_id,
                             GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self,
    "SELECT " SESSION_COLUMNS " FROM sessions WHERE patient_id = ?1 AND (?2 = 0 OR plan_id = ?2)"
    " ORDER BY date DESC, id DESC LIMIT 1",
    error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, patient_id);
      sqlite3_bind_int64 (stmt, 2, plan_id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  end_read (self);

  if (!ok || sessions->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (sessions, 0));
}

/**
 * genu_store_sign_session:
 * @signed_by: the name of the therapist who signs
 *
 * Signs the session now: from then on it and its interventions cannot be changed or deleted,
 * only amended (genu_store_amend_session()). A session that is already signed is refused with
 * %GENU_STORE_ERROR_SIGNED, saying by whom and when; an empty @signed_by with
 * %GENU_STORE_ERROR_INVALID. Read the session again (genu_store_get_session()) for its signature.
 */
gboolean
genu_store_sign_session (GenuStore   *self,
                         gint64       id,
                         const char  *signed_by,
                         GError     **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);

  return sign_note (self, NOTE_SESSION, id, signed_by, error);
}

/**
 * genu_store_amend_session:
 * @original_id: the signed session to correct
 * @amendment: a new session (id 0) with the corrected note; its patient (0 = the original's)
 *   must be the original's
 * @reason: why the original is amended (required)
 *
 * Saves @amendment as a new session that amends @original_id, as genu_store_save_session() saves
 * a session: its amends_id and amendment reason are set on @amendment. The original stays as it
 * was signed. Refused with %GENU_STORE_ERROR_INVALID when the original is not signed (change it
 * instead), belongs to another patient, or @reason is empty; @amendment is then left as it was.
 */
gboolean
genu_store_amend_session (GenuStore    *self,
                          gint64        original_id,
                          GenuSession  *amendment,
                          const char   *reason,
                          GError      **error)
{
  g_autoptr(GenuSession) work = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_SESSION (amendment), FALSE);

  if (genu_session_get_id (amendment) != 0)
    {
      g_set_error_literal (error, GENU_STORE_ERROR, GENU_STORE_ERROR_INVALID,
                           _("An amendment is a new note: it cannot be a session saved before."));
      return FALSE;
    }

  stripped = check_amendment_reason (reason, error);
  if (stripped == NULL)
    return FALSE;

  work = genu_session_copy (amendment);
  if (genu_session_get_patient_id (work) == 0)
    {
      g_auto(NoteState) original = { 0 };

      if (!read_note (self, NOTE_SESSION, original_id, &original, error))
        return FALSE;
      genu_session_set_patient_id (work, original.patient_id);
    }
  genu_session_set_amends_id (work, original_id);
  genu_session_set_text (work, GENU_SESSION_AMENDMENT_REASON, stripped);

  if (!genu_store_save_session (self, work, error))
    return FALSE;

  genu_session_set_id (amendment, genu_session_get_id (work));
  genu_session_set_patient_id (amendment, genu_session_get_patient_id (work));
  genu_session_set_amends_id (amendment, original_id);
  for (guint i = 0; i < G_N_ELEMENTS (session_line_texts); i++)
    genu_session_set_text (amendment, session_line_texts[i],
                           genu_session_get_text (work, session_line_texts[i]));
  genu_session_set_signature (amendment, "", "");
  genu_session_set_timestamps (amendment, genu_session_get_created_at (work),
                               genu_session_get_updated_at (work));
  return TRUE;
}

/**
 * genu_store_list_amendments:
 *
 * Returns: (transfer full) (element-type GenuSession): the sessions that amend @session_id, each
 * with its interventions, oldest first. Empty when there are none.
 */
GPtrArray *
genu_store_list_amendments (GenuStore  *self,
                            gint64      session_id,
                            GError    **error)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  if (!begin_read (self, error))
    return NULL;

  stmt = get_statement (self,
    "SELECT " SESSION_COLUMNS " FROM sessions WHERE amends_id = ?1 ORDER BY id", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, session_id);
      ok = read_sessions (self, stmt, sessions, error);
    }
  end_read (self);

  return ok ? g_steal_pointer (&sessions) : NULL;
}

/* Outcome measures */

/* Every column of `outcomes`, in the order outcome_from_row() reads them. */
#define OUTCOME_COLUMNS \
  "id, patient_id, plan_id, date, measure, items, score, created_at, updated_at"

/* The items as a JSON array of GENU_LEFS_N_ITEMS, item 1 first, null for an item not answered. */
static char *
items_to_json (GenuOutcome *outcome)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint item = 1; item <= GENU_LEFS_N_ITEMS; item++)
    {
      int value = genu_outcome_get_item (outcome, item);

      if (value == GENU_LEFS_MISSING)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, value);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
items_from_json (GenuOutcome *outcome,
                 const char  *text)
{
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array) && i < GENU_LEFS_N_ITEMS; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      genu_outcome_set_item (outcome, i + 1,
                             JSON_NODE_HOLDS_VALUE (element) ? json_node_get_int (element)
                                                             : GENU_LEFS_MISSING);
    }
}

static GenuOutcome *
outcome_from_row (sqlite3_stmt *stmt)
{
  GenuOutcome *outcome = genu_outcome_new ();

  genu_outcome_set_id (outcome, sqlite3_column_int64 (stmt, 0));
  genu_outcome_set_patient_id (outcome, sqlite3_column_int64 (stmt, 1));
  genu_outcome_set_plan_id (outcome, sqlite3_column_int64 (stmt, 2));
  genu_outcome_set_date (outcome, column_text (stmt, 3));
  /* Column 4, the measure, is always "lefs" for now. */
  items_from_json (outcome, column_text (stmt, 5));
  /* Column 6, the score, is computed from the items; it is stored for queries and reports. */
  genu_outcome_set_timestamps (outcome, column_text (stmt, 7), column_text (stmt, 8));
  return outcome;
}

/**
 * genu_store_save_outcome:
 * @outcome: a new outcome (id 0) or a changed one
 *
 * Validates @outcome (genu_outcome_validate(): %GENU_STORE_ERROR_INVALID; its plan, if any, must
 * be one of the patient's) and saves it with its score as genu_outcome_get_score() computes it,
 * or none when too many items are missing. An unknown patient, plan or outcome gives
 * %GENU_STORE_ERROR_NOT_FOUND. A new outcome gets its id; both get their timestamps.
 */
gboolean
genu_store_save_outcome (GenuStore    *self,
                         GenuOutcome  *outcome,
                         GError      **error)
{
  g_autoptr(GenuPatient) patient = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GenuOutcome) work = NULL;
  g_autofree char *now = now_utc_iso8601 ();
  g_autofree char *date = NULL;
  g_autofree char *items = NULL;
  g_autofree char *created_at = NULL;
  gboolean is_new = genu_outcome_get_id (outcome) == 0;
  sqlite3_stmt *stmt;
  double score = 0;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), FALSE);
  g_return_val_if_fail (GENU_IS_OUTCOME (outcome), FALSE);

  work = genu_outcome_copy (outcome);
  date = strip_copy (genu_outcome_get_date (work));
  genu_outcome_set_date (work, date);

  errors = genu_outcome_validate (work, NULL);
  if (!check_field_errors (errors, error))
    return FALSE;

  patient = genu_store_get_patient (self, genu_outcome_get_patient_id (work), error);
  if (patient == NULL ||
      !check_plan_of_patient (self, genu_outcome_get_plan_id (work),
                              genu_outcome_get_patient_id (work), NULL, error))
    return FALSE;

  if (is_new)
    stmt = get_statement (self,
      "INSERT INTO outcomes (" OUTCOME_COLUMNS ") VALUES"
      " (NULL, ?2, NULLIF(?3, 0), ?4, ?5, ?6, ?7, ?8, ?8)",
      error);
  else
    stmt = get_statement (self,
      "UPDATE outcomes SET patient_id = ?2, plan_id = NULLIF(?3, 0), date = ?4, measure = ?5,"
      " items = ?6, score = ?7, updated_at = ?8 WHERE id = ?1 RETURNING created_at",
      error);
  if (stmt == NULL)
    return FALSE;

  items = items_to_json (work);
  sqlite3_bind_int64 (stmt, 1, genu_outcome_get_id (work));
  sqlite3_bind_int64 (stmt, 2, genu_outcome_get_patient_id (work));
  sqlite3_bind_int64 (stmt, 3, genu_outcome_get_plan_id (work));
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, genu_outcome_get_measure (work), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, items, -1, SQLITE_TRANSIENT);
  if (genu_outcome_get_score (work, &score))
    sqlite3_bind_double (stmt, 7, score);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not save the outcome measure"));
      return FALSE;
    }
  if (!is_new && created_at == NULL)
    {
      g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                   _("There is no outcome measure with id %" G_GINT64_FORMAT "."),
                   genu_outcome_get_id (work));
      return FALSE;
    }

  if (is_new)
    genu_outcome_set_id (outcome, sqlite3_last_insert_rowid (self->db));
  genu_outcome_set_date (outcome, date);
  genu_outcome_set_timestamps (outcome, is_new ? now : created_at, now);
  return TRUE;
}

/**
 * genu_store_get_outcome:
 *
 * Returns: (transfer full): the outcome measure, or %NULL with %GENU_STORE_ERROR_NOT_FOUND
 */
GenuOutcome *
genu_store_get_outcome (GenuStore  *self,
                        gint64      id,
                        GError    **error)
{
  GenuOutcome *outcome = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = get_statement (self, "SELECT " OUTCOME_COLUMNS " FROM outcomes WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    outcome = outcome_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, GENU_STORE_ERROR, GENU_STORE_ERROR_NOT_FOUND,
                 _("There is no outcome measure with id %" G_GINT64_FORMAT "."), id);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not read the outcome measure"));
  sqlite3_reset (stmt);

  return outcome;
}

/**
 * genu_store_list_outcomes:
 *
 * Returns: (transfer full) (element-type GenuOutcome): the outcome measures of the patient,
 * oldest first (by date, then id): the points of the progress chart. Empty when there are none.
 */
GPtrArray *
genu_store_list_outcomes (GenuStore  *self,
                          gint64      patient_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  stmt = get_statement (self,
    "SELECT " OUTCOME_COLUMNS " FROM outcomes WHERE patient_id = ?1 ORDER BY date, id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, patient_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (outcomes, outcome_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the outcome measures"));
      return NULL;
    }

  return g_steal_pointer (&outcomes);
}
