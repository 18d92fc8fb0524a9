/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "genu-audit.h"
#include "genu-store.h"

G_BEGIN_DECLS

/* For tests and the migration code: the schema steps, one per version. */
gboolean  _genu_schema_migrate      (sqlite3     *db,
                                     int          from_version,
                                     int          to_version,
                                     GError     **error);
int       _genu_schema_get_version  (sqlite3     *db,
                                     GError     **error);
gboolean  _genu_sqlite_exec         (sqlite3     *db,
                                     const char  *sql,
                                     GError     **error);
void      _genu_set_sqlite_error    (GError     **error,
                                     sqlite3     *db,
                                     const char  *what);
char     *_genu_fold_for_search     (const char  *text);
gboolean  _genu_sqlite_add_functions (sqlite3    *db,
                                      GError    **error);
gboolean  _genu_store_search_add_functions (sqlite3  *db,
                                            GError  **error);
char     *_genu_store_search_query  (const char  *search,
                                     gboolean     include_archived,
                                     gboolean    *matches_nothing);

/* Every column of `patients` but the search keys, in the order _genu_store_patient_from_row()
 * reads them. */
#define PATIENT_COLUMNS \
  "id, record_number, family_name, given_names, date_of_birth, phone, email, address," \
  " referring_physician, notes, goal_event, usual_surface, shoes, training_changes," \
  " sex, weekly_distance_km, years_running, archived, created_at, updated_at"

/* The page cache of the store's connection: 32 MiB rather than SQLite's 2 MB, so that the indexes
 * of the patient list (a few MB at 100,000 patients) stay in memory while the list is searched
 * and scrolled. */
#define GENU_STORE_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -32768"

/* The ways of reading a page of the patient list (genu-store-search.c). */
typedef enum {
  GENU_STORE_PLAN_EVERYONE,   /* the search finds every patient listed: the name index alone */
  GENU_STORE_PLAN_WALK,       /* the name index, from the top or where a walk stopped, each row
                               * checked against the matches */
  GENU_STORE_PLAN_SORT,       /* the matches, sorted */
  GENU_STORE_N_SEARCH_PLANS
} GenuStorePlan;

/* The store's own state, shared by the files that implement it (genu-store*.c). */
struct _GenuStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* SQL text (static) -> sqlite3_stmt */
  char       *therapist;   /* who makes the changes, for the audit trail; "" when not known */
  guint       nested_reads; /* _genu_store_begin_read() calls inside a transaction not its own */

  /* Patient counts by search (genu-store-search.c), kept while the patients are as they were
   * when counted: PRAGMA data_version tells changes by other connections, patients_changes
   * (counted by an update hook) those by this one. */
  GHashTable *search_counts;  /* FTS5 query, or "" for no search, -> KeptCount */
  GQueue      search_kept;    /* the KeptCounts with their matches, the one used last first */
  char       *search_last_sorted;  /* the key of the search whose matches were sorted last */
  gint64      search_data_version;
  guint64     search_patients_changes;
  guint64     patients_changes;
  struct {
    guint     sort_matches;
  } search_limits;
  guint       search_plan_uses[GENU_STORE_N_SEARCH_PLANS];  /* for tests */
  guint       search_n_refined;                             /* for tests */
};

/* The notes that can be signed and amended: their table and what a therapist calls them. */
typedef enum {
  NOTE_VISIT,
  NOTE_SESSION,
} NoteKind;

/* What _genu_store_read_note() reads of a note. */
typedef struct {
  gint64  patient_id;
  char   *signed_by;          /* NULL when unsigned */
  char   *signed_at;
  gint64  amends_id;          /* 0 = not an amendment */
  char   *amendment_reason;
} NoteState;

/* Helpers shared by genu-store.c (connection, patients), genu-store-notes.c (signing and
 * amending), genu-store-visits.c, genu-store-plans.c, genu-store-sessions.c and
 * genu-store-outcomes.c. */
sqlite3_stmt *_genu_store_get_statement          (GenuStore   *self,
                                                  const char  *sql,
                                                  GError     **error);
char         *_genu_store_now_utc_iso8601        (void);
GenuPatient  *_genu_store_patient_from_row       (sqlite3_stmt *stmt);
void          _genu_store_search_init            (GenuStore    *self);
void          _genu_store_forget_counts          (GenuStore    *self);
void          _genu_store_set_search_limits      (GenuStore    *self,
                                                  guint         sort_matches);
gboolean     _genu_store_check_field_errors      (GPtrArray  *errors,
                                                  GError    **error);
gboolean     _genu_store_step_done               (GenuStore     *self,
                                                  sqlite3_stmt  *stmt,
                                                  const char    *what,
                                                  GError       **error);
gboolean     _genu_store_begin_read              (GenuStore  *self,
                                                  GError    **error);
void         _genu_store_end_read                (GenuStore *self);
void         _genu_store_note_state_clear        (NoteState *state);
void         _genu_store_set_note_not_found      (GError   **error,
                                                  NoteKind   kind,
                                                  gint64     id);
gboolean     _genu_store_read_note               (GenuStore  *self,
                                                  NoteKind    kind,
                                                  gint64      id,
                                                  NoteState  *state,
                                                  GError    **error);
gboolean     _genu_store_check_unsigned          (GenuStore  *self,
                                                  NoteKind    kind,
                                                  gint64      id,
                                                  NoteState  *state,
                                                  GError    **error);
gboolean     _genu_store_check_amendable         (GenuStore  *self,
                                                  NoteKind    kind,
                                                  gint64      original_id,
                                                  gint64      patient_id,
                                                  GError    **error);
char         *_genu_store_check_amendment_reason (const char  *reason,
                                                  GError     **error);
gboolean     _genu_store_sign_note               (GenuStore   *self,
                                                  NoteKind     kind,
                                                  gint64       id,
                                                  const char  *signed_by,
                                                  GError     **error);
char         *_genu_store_strip_copy             (const char *text);
void         _genu_store_bind_int_or_null        (sqlite3_stmt *stmt,
                                                  int           param,
                                                  int           value,
                                                  int           unset);
int          _genu_store_column_int_or           (sqlite3_stmt *stmt,
                                                  int           col,
                                                  int           unset);
const char   *_genu_store_column_text            (sqlite3_stmt *stmt,
                                                  int           col);
gboolean     _genu_store_check_plan_of_patient   (GenuStore  *self,
                                                  gint64      plan_id,
                                                  gint64      patient_id,
                                                  GenuPlan  **plan,
                                                  GError    **error);
char         *_genu_store_items_to_json          (const int   *items,
                                                  guint        n_items);
void          _genu_store_items_from_json        (const char  *text,
                                                  int         *items,
                                                  guint        n_items);

/* The audit trail (genu-store-audit.c). Both are called inside the transaction of the change,
 * so that the entry lands with it or not at all. @record_kind is one of "patient", "visit",
 * "plan", "session", "outcome", "koos". */
char         *_genu_store_audit_read_record      (GenuStore    *self,
                                                  const char   *record_kind,
                                                  gint64        record_id,
                                                  GError      **error);
/* Writes one entry: the record as it is now is read as its new values; @old_values (nullable) is
 * what _genu_store_audit_read_record() gave before the change; @therapist NULL or "" stands for
 * the store's therapist (genu_store_set_therapist()). */
gboolean      _genu_store_audit                  (GenuStore       *self,
                                                  GenuAuditAction  action,
                                                  const char      *record_kind,
                                                  gint64           record_id,
                                                  gint64           patient_id,
                                                  const char      *therapist,
                                                  const char      *old_values,
                                                  GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NoteState, _genu_store_note_state_clear)

G_END_DECLS
