/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-store-private.h"

#include <glib/gi18n-lib.h>

/* The patient list and its search, at clinic scale (issue 8; schema version 7).
 *
 * What the therapist types becomes an FTS5 query over `patients_fts`: each word must begin a
 * word of the folded names, the record number or the date of birth. The list is in the order of
 * the folded names, which two indexes hold (all patients; those not archived), so that a page of
 * it never sorts the whole table.
 *
 * Counting the matches also marks them in a bitmap of patient ids (genu_mark()). A search that
 * finds few enough patients has its matches sorted once (or taken from the search it narrows,
 * typed a letter before), and its pages read by id. One that finds more is read by walking the
 * name index, row by row, keeping the marked rows (genu_marked()): a few hundred rows when the
 * matches are spread through the alphabet, the whole index at worst, and no sort. Each walk
 * notes where it stopped, so that the next page starts there. The counts, the sorted matches or
 * bitmaps, and those places are kept until the patients change: the first letters typed are the
 * same ones over and over, and a list view reads page after page. */

/* Up to this many matches, they are sorted; above, the name index is walked. */
#define SORT_MATCHES 6000

/* The places in the name index a search's walks stopped at, kept for the next pages. */
#define MAX_WALK_STOPS 64

/* More distinct searches than this since the last change, and the kept counts are dropped; the
 * sorted matches or bitmaps of this many searches are kept, the ones used last. */
#define MAX_KEPT_COUNTS 256
#define MAX_KEPT_MATCHES 64

/* The type of the bitmaps passed to the SQL functions (sqlite3_bind_pointer()). */
#define BITMAP_TYPE "genu-bitmap"

typedef struct {
  guint64 *words;
  gint64   n_bits;     /* ids 0 .. n_bits - 1 */
  gint64   n_marked;
} Bitmap;

/* Where a walk of the name index stopped: after the match at @position - 1, whose keys these
 * are. */
typedef struct {
  gint64  position;
  char   *family_key;
  char   *given_key;
  gint64  id;
} WalkStop;

/* What a count leaves for the pages that follow. */
typedef struct {
  gint64  count;
  char   *search;      /* what was typed, folded; NULL for the count of every patient */
  Bitmap *bitmap;      /* the matches, until they are sorted; NULL when dropped */
  GArray *ids;         /* the matches of a search that finds few, in list order, or NULL */
  GArray *stops;       /* of WalkStop, as noted; NULL until a walk */
} KeptCount;

/* The archived patients in `patients_fts` (schema version 7): U+E000 in the status column. */
#define ARCHIVED "status : \"\xee\x80\x80\""

/* What the unicode61 tokenizer keeps as part of a word ("L*" and "N*"; private-use characters,
 * which it keeps too, are left out: the archived status is one). */
static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Appends one typed word (folded, without spaces) to @query as FTS5 syntax; FALSE when it holds
 * nothing to search for ("-", "'"). A word of one part is a prefix ("mar"*); a word of several
 * parts ("o'b", "1990-04", "g-0001") is either those parts as a phrase whose last part is a
 * prefix, for the names ("o b"*), or the parts run together as a prefix, for the record number
 * and the date of birth, which are indexed that way ("199004"*). Only letters and digits reach
 * the query, each part inside double quotes, so nothing typed is read as FTS5 syntax. */
static gboolean
append_word (GString    *query,
             const char *word)
{
  g_autoptr(GString) phrase = g_string_new (NULL);
  g_autoptr(GString) joined = g_string_new (NULL);
  gboolean in_part = FALSE;
  guint n_parts = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_word_char (c))
        {
          in_part = FALSE;
          continue;
        }
      if (!in_part)
        {
          if (n_parts++ > 0)
            g_string_append_c (phrase, ' ');
          in_part = TRUE;
        }
      g_string_append_unichar (phrase, c);
      g_string_append_unichar (joined, c);
    }

  if (n_parts == 0)
    return FALSE;

  /* FTS5 needs the AND between a bracketed group and what follows it. */
  if (query->len > 0)
    g_string_append (query, " AND ");
  if (n_parts == 1)
    g_string_append_printf (query, "\"%s\"*", joined->str);
  else
    g_string_append_printf (query, "(\"%s\"* OR \"%s\"*)", phrase->str, joined->str);
  return TRUE;
}

/**
 * _genu_store_search_query:
 * @search: (nullable): what was typed
 * @include_archived: whether archived patients are found too
 * @matches_nothing: (out): set when @search has characters but nothing to search for
 *
 * Turns @search into an FTS5 query for `patients_fts`: each word, folded as the names are
 * (genu_fold()), must begin a word of the names, the record number or the date of birth (see
 * append_word()), so that "mar sch" finds Maria Schmidt. Archived patients are left out unless
 * asked for.
 *
 * Returns: (nullable) (transfer full): the query; %NULL when there are no words (every patient
 * is listed, or none when @matches_nothing)
 */
char *
_genu_store_search_query (const char *search,
                          gboolean    include_archived,
                          gboolean   *matches_nothing)
{
  g_autofree char *folded = _genu_fold_for_search (search);
  g_autoptr(GString) words = g_string_new (NULL);
  g_auto(GStrv) typed = NULL;
  gboolean ignored = FALSE;

  g_strdelimit (folded, "\t\n\r\f\v,;", ' ');
  typed = g_strsplit (folded, " ", -1);
  for (guint i = 0; typed[i] != NULL; i++)
    if (*typed[i] != '\0' && !append_word (words, typed[i]))
      ignored = TRUE;

  /* Only words with nothing to search for ("-", "'"): nobody is named that way. */
  *matches_nothing = words->len == 0 && ignored;
  if (words->len == 0)
    return NULL;

  if (include_archived)
    return g_string_free (g_steal_pointer (&words), FALSE);
  return g_strdup_printf ("(%s) NOT " ARCHIVED, words->str);
}

static void
bitmap_free (Bitmap *bitmap)
{
  g_free (bitmap->words);
  g_free (bitmap);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bitmap, bitmap_free)

static void
walk_stop_clear (gpointer data)
{
  WalkStop *stop = data;

  g_free (stop->family_key);
  g_free (stop->given_key);
}

static void
forget_matches (KeptCount *kept)
{
  g_clear_pointer (&kept->bitmap, bitmap_free);
  g_clear_pointer (&kept->ids, g_array_unref);
  g_clear_pointer (&kept->stops, g_array_unref);
}

static void
kept_count_free (gpointer data)
{
  KeptCount *kept = data;

  forget_matches (kept);
  g_free (kept->search);
  g_free (kept);
}

/* Marks the matches of @kept (its bitmap or ids, just given) as used last; those of the search
 * used longest ago go when more than MAX_KEPT_MATCHES are kept (their counts stay). */
static void
keep_matches (GenuStore *self,
              KeptCount *kept)
{
  GList *link = g_queue_find (&self->search_kept, kept);

  if (link != NULL)
    {
      g_queue_unlink (&self->search_kept, link);
      g_queue_push_head_link (&self->search_kept, link);
      return;
    }

  g_queue_push_head (&self->search_kept, kept);
  while (g_queue_get_length (&self->search_kept) > MAX_KEPT_MATCHES)
    forget_matches (g_queue_pop_tail (&self->search_kept));
}

/* genu_mark (bitmap, id): an aggregate that marks each id in the bitmap and counts the rows. */
static void
sql_mark_step_cb (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  Bitmap *bitmap = sqlite3_value_pointer (argv[0], BITMAP_TYPE);
  gint64 id = sqlite3_value_int64 (argv[1]);
  gint64 *n = sqlite3_aggregate_context (context, sizeof (gint64));

  if (bitmap == NULL || n == NULL)
    {
      sqlite3_result_error (context, "genu_mark() needs a bitmap", -1);
      return;
    }
  if (id >= 0 && id < bitmap->n_bits)
    bitmap->words[id / 64] |= G_GUINT64_CONSTANT (1) << (id % 64);
  bitmap->n_marked++;
  (*n)++;
}

static void
sql_mark_final_cb (sqlite3_context *context)
{
  gint64 *n = sqlite3_aggregate_context (context, 0);

  sqlite3_result_int64 (context, n != NULL ? *n : 0);
}

/* genu_marked (bitmap, id): whether @id is marked. */
static void
sql_marked_cb (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  Bitmap *bitmap = sqlite3_value_pointer (argv[0], BITMAP_TYPE);
  gint64 id = sqlite3_value_int64 (argv[1]);

  sqlite3_result_int (context, bitmap != NULL && id >= 0 && id < bitmap->n_bits &&
                               (bitmap->words[id / 64] >> (id % 64)) & 1);
}

/**
 * _genu_store_search_add_functions:
 *
 * Adds the SQL functions of the search to a connection: genu_mark() and genu_marked(), which
 * take a bitmap only a bound pointer can give.
 */
gboolean
_genu_store_search_add_functions (sqlite3  *db,
                                  GError  **error)
{
  if (sqlite3_create_function (db, "genu_mark", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL,
                               sql_mark_step_cb, sql_mark_final_cb) != SQLITE_OK ||
      sqlite3_create_function (db, "genu_marked", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                               sql_marked_cb, NULL, NULL) != SQLITE_OK)
    {
      _genu_set_sqlite_error (error, db, _("Could not open the database"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _genu_store_search_init:
 *
 * Sets up the search's part of a new store.
 */
void
_genu_store_search_init (GenuStore *self)
{
  self->search_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, kept_count_free);
  g_queue_init (&self->search_kept);
  _genu_store_set_search_limits (self, SORT_MATCHES);
}

/**
 * _genu_store_set_search_limits:
 * @sort_matches: up to this many matches, they are sorted; above, the name index is walked
 *
 * For tests: every way of reading a page, on a few hundred patients. Drops the kept counts.
 */
void
_genu_store_set_search_limits (GenuStore *self,
                               guint      sort_matches)
{
  self->search_limits.sort_matches = sort_matches;
  _genu_store_forget_counts (self);
}

/**
 * _genu_store_forget_counts:
 *
 * Drops the counts kept for the searches, so that the next ones are counted again (for the
 * benchmark's figures without them).
 */
void
_genu_store_forget_counts (GenuStore *self)
{
  g_queue_clear (&self->search_kept);
  g_hash_table_remove_all (self->search_counts);
  g_clear_pointer (&self->search_last_sorted, g_free);
}

/* Drops the kept counts once the patients have changed since they were counted. */
static gboolean
check_counts_current (GenuStore  *self,
                      GError    **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self, "PRAGMA data_version", error);
  gint64 data_version;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not count the patients"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (data_version != self->search_data_version ||
      self->patients_changes != self->search_patients_changes ||
      g_hash_table_size (self->search_counts) > MAX_KEPT_COUNTS)
    {
      _genu_store_forget_counts (self);
      self->search_data_version = data_version;
      self->search_patients_changes = self->patients_changes;
    }
  return TRUE;
}

static gint64
step_count (GenuStore     *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  gint64 count = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _genu_set_sqlite_error (error, self->db, _("Could not count the patients"));
  sqlite3_reset (stmt);
  return count;
}

/* The patients that @query finds, marked in a new bitmap. */
static Bitmap *
mark_matches (GenuStore   *self,
              const char  *query,
              GError     **error)
{
  g_autoptr(Bitmap) bitmap = g_new0 (Bitmap, 1);
  sqlite3_stmt *stmt;
  gint64 max_id;

  stmt = _genu_store_get_statement (self, "SELECT COALESCE (max (id), 0) FROM patients", error);
  if (stmt == NULL || (max_id = step_count (self, stmt, error)) < 0)
    return NULL;

  bitmap->n_bits = max_id + 1;
  bitmap->words = g_new0 (guint64, bitmap->n_bits / 64 + 1);
  stmt = _genu_store_get_statement (self,
    "SELECT genu_mark (?2, rowid) FROM patients_fts WHERE patients_fts MATCH ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, 2, bitmap, BITMAP_TYPE, NULL);
  if (step_count (self, stmt, error) < 0)
    return NULL;
  return g_steal_pointer (&bitmap);
}

/* The ids of the patients that @query finds, in list order. The keys of each match come from a
 * small index (id, keys) rather than the wide rows. */
static GArray *
sort_matches (GenuStore   *self,
              const char  *query,
              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _genu_store_get_statement (self,
    "SELECT k.id FROM patients_fts"
    "  JOIN patients AS k INDEXED BY patients_keys_by_id ON k.id = patients_fts.rowid"
    " WHERE patients_fts MATCH ?1 ORDER BY k.family_key, k.given_key, k.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the patients"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* The search sorted last, when @kept refines it: typed on from it ("sch" after "sc"), every
 * word must still begin a word, so @kept finds some of the patients it found and no others. */
static KeptCount *
find_refined (GenuStore *self,
              KeptCount *kept)
{
  KeptCount *last;

  if (self->search_last_sorted == NULL)
    return NULL;
  last = g_hash_table_lookup (self->search_counts, self->search_last_sorted);
  if (last == NULL || last == kept || last->ids == NULL || last->search == NULL ||
      !g_str_has_prefix (kept->search, last->search))
    return NULL;
  return last;
}

/* The ids of @refined's matches that @bitmap marks, in @refined's order: @kept's matches sorted
 * with no sort. NULL when they are not @count: then @kept did not refine it after all. */
static GArray *
filter_matches (const KeptCount *refined,
                const Bitmap    *bitmap,
                gint64           count)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) count);

  for (guint i = 0; i < refined->ids->len; i++)
    {
      gint64 id = g_array_index (refined->ids, gint64, i);

      if (id >= 0 && id < bitmap->n_bits && (bitmap->words[id / 64] >> (id % 64)) & 1)
        g_array_append_val (ids, id);
    }
  return ids->len == count ? g_steal_pointer (&ids) : NULL;
}

/* The matches of @kept (for @query) in list order. */
static gboolean
sort_kept (GenuStore   *self,
           KeptCount   *kept,
           const char  *query,
           const char  *key,
           GError     **error)
{
  KeptCount *refined;

  if (kept->bitmap == NULL)
    kept->bitmap = mark_matches (self, query, error);
  if (kept->bitmap == NULL)
    return FALSE;

  refined = find_refined (self, kept);
  if (refined != NULL)
    kept->ids = filter_matches (refined, kept->bitmap, kept->count);
  if (kept->ids != NULL)
    self->search_n_refined++;
  if (kept->ids == NULL)
    kept->ids = sort_matches (self, query, error);
  if (kept->ids == NULL)
    return FALSE;

  /* The sorted ids serve the pages now, and the next search typed on from this one. */
  g_clear_pointer (&kept->bitmap, bitmap_free);
  g_free (self->search_last_sorted);
  self->search_last_sorted = g_strdup (key);
  return TRUE;
}

/* The number of patients in the list of @query (NULL: every patient, or those not archived),
 * kept until the patients change. With @need_matches, also the matches, as the pages need them:
 * sorted when few, else in a bitmap. @folded is what was typed, folded. */
static KeptCount *
count_query (GenuStore   *self,
             const char  *query,
             const char  *folded,
             gboolean     include_archived,
             gboolean     need_matches,
             GError     **error)
{
  const char *key = query != NULL ? query : include_archived ? "" : " active";
  KeptCount *kept;

  if (!check_counts_current (self, error))
    return NULL;

  kept = g_hash_table_lookup (self->search_counts, key);
  if (kept == NULL && query != NULL)
    {
      /* Counting marks the matches too: it costs the same. */
      Bitmap *bitmap = mark_matches (self, query, error);

      if (bitmap == NULL)
        return NULL;
      kept = g_new0 (KeptCount, 1);
      kept->count = bitmap->n_marked;
      kept->search = g_strdup (folded);
      kept->bitmap = bitmap;
      g_hash_table_insert (self->search_counts, g_strdup (key), kept);
      keep_matches (self, kept);
    }
  else if (kept == NULL)
    {
      sqlite3_stmt *stmt;
      gint64 count;

      if (include_archived)
        stmt = _genu_store_get_statement (self, "SELECT count(*) FROM patients", error);
      else
        {
          /* The table's own count, less the short list of the archived in the index. */
          stmt = _genu_store_get_statement (self,
            "SELECT (SELECT count(*) FROM patients)"
            "  - (SELECT count(*) FROM patients_fts WHERE patients_fts MATCH ?1)", error);
          if (stmt != NULL)
            sqlite3_bind_text (stmt, 1, ARCHIVED, -1, SQLITE_STATIC);
        }
      if (stmt == NULL || (count = step_count (self, stmt, error)) < 0)
        return NULL;
      kept = g_new0 (KeptCount, 1);
      kept->count = count;
      g_hash_table_insert (self->search_counts, g_strdup (key), kept);
    }

  if (!need_matches || query == NULL)
    return kept;

  /* The matches themselves, made again if they were dropped for others. */
  if (kept->count <= self->search_limits.sort_matches)
    {
      if (kept->ids == NULL && !sort_kept (self, kept, query, key, error))
        return NULL;
    }
  else if (kept->bitmap == NULL)
    {
      kept->bitmap = mark_matches (self, query, error);
      if (kept->bitmap == NULL)
        return NULL;
    }
  keep_matches (self, kept);
  return kept;
}

/**
 * genu_store_count_patients_matching:
 * @search: (nullable): what was typed in the search, as for genu_store_list_patients()
 * @include_archived: whether archived patients count too
 *
 * Returns: the number of patients genu_store_list_patients() would list, or -1 with @error set
 */
gint64
genu_store_count_patients_matching (GenuStore   *self,
                                    const char  *search,
                                    gboolean     include_archived,
                                    GError     **error)
{
  g_autofree char *query = NULL;
  g_autofree char *folded = NULL;
  KeptCount *kept;
  gboolean nothing;

  g_return_val_if_fail (GENU_IS_STORE (self), -1);

  query = _genu_store_search_query (search, include_archived, &nothing);
  if (nothing)
    return 0;
  folded = _genu_fold_for_search (search);
  if (!_genu_store_begin_read (self, error))
    return -1;
  kept = count_query (self, query, folded, include_archived, FALSE, error);
  _genu_store_end_read (self);
  return kept != NULL ? kept->count : -1;
}

/**
 * genu_store_count_patients:
 * @include_archived: whether archived patients count too
 *
 * Returns: the number of patients, or -1 with @error set
 */
gint64
genu_store_count_patients (GenuStore  *self,
                           gboolean    include_archived,
                           GError    **error)
{
  g_return_val_if_fail (GENU_IS_STORE (self), -1);

  return genu_store_count_patients_matching (self, NULL, include_archived, error);
}

/* The statement that reads a page with @plan; a walk from a stop when @from_stop. The keys of
 * each row come after PATIENT_COLUMNS, for the walks to note where they stopped. */
static sqlite3_stmt *
page_statement (GenuStore      *self,
                GenuStorePlan   plan,
                gboolean        include_archived,
                gboolean        from_stop,
                GError        **error)
{
  switch (plan)
    {
    case GENU_STORE_PLAN_EVERYONE:
      if (include_archived)
        return _genu_store_get_statement (self,
          "SELECT " PATIENT_COLUMNS " FROM patients INDEXED BY patients_by_key"
          " ORDER BY family_key, given_key, id LIMIT ?2 OFFSET ?3", error);
      return _genu_store_get_statement (self,
        "SELECT " PATIENT_COLUMNS " FROM patients INDEXED BY patients_active_by_key"
        " WHERE archived = 0 ORDER BY family_key, given_key, id LIMIT ?2 OFFSET ?3", error);

    case GENU_STORE_PLAN_WALK:
      /* Rows that are not marked, or skipped by the OFFSET, are read from the index alone. The
       * marks leave the archived out when they should be. */
      if (from_stop)
        return _genu_store_get_statement (self,
          "SELECT " PATIENT_COLUMNS ", family_key, given_key"
          " FROM patients INDEXED BY patients_by_key"
          " WHERE (family_key, given_key, id) > (?5, ?6, ?7) AND genu_marked (?4, id)"
          " ORDER BY family_key, given_key, id LIMIT ?2 OFFSET ?3", error);
      return _genu_store_get_statement (self,
        "SELECT " PATIENT_COLUMNS ", family_key, given_key"
        " FROM patients INDEXED BY patients_by_key"
        " WHERE genu_marked (?4, id) ORDER BY family_key, given_key, id LIMIT ?2 OFFSET ?3",
        error);

    case GENU_STORE_PLAN_SORT:
    default:
      return _genu_store_get_statement (self,
        "SELECT " PATIENT_COLUMNS " FROM patients WHERE id = ?1", error);
    }
}

/* Steps @stmt to its end, each row a patient for @patients. With @last_keys, the keys of the last
 * row (the columns after PATIENT_COLUMNS) go there. */
static gboolean
step_patients (GenuStore     *self,
               sqlite3_stmt  *stmt,
               GPtrArray     *patients,
               WalkStop      *last_keys,
               GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GenuPatient *patient = _genu_store_patient_from_row (stmt);

      g_ptr_array_add (patients, patient);
      if (last_keys != NULL)
        {
          int column = sqlite3_column_count (stmt) - 2;

          g_free (last_keys->family_key);
          g_free (last_keys->given_key);
          last_keys->family_key = g_strdup (_genu_store_column_text (stmt, column));
          last_keys->given_key = g_strdup (_genu_store_column_text (stmt, column + 1));
          last_keys->id = genu_patient_get_id (patient);
        }
    }
  /* The statement is kept for the next page: it must not point at a bitmap that may go. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not list the patients"));
      return FALSE;
    }
  return TRUE;
}

/* The stop of @matches' walks closest before @position, or NULL. */
static const WalkStop *
find_stop (const KeptCount *matches,
           gint64           position)
{
  const WalkStop *best = NULL;

  for (guint i = 0; matches->stops != NULL && i < matches->stops->len; i++)
    {
      const WalkStop *stop = &g_array_index (matches->stops, WalkStop, i);

      if (stop->position <= position && (best == NULL || stop->position > best->position))
        best = stop;
    }
  return best;
}

/* Keeps @stop (taking its keys) for the walks of the next pages. */
static void
note_stop (KeptCount *matches,
           WalkStop  *stop)
{
  const WalkStop *known = find_stop (matches, stop->position);

  if (known != NULL && known->position == stop->position)
    {
      walk_stop_clear (stop);
      return;
    }
  if (matches->stops == NULL)
    {
      matches->stops = g_array_new (FALSE, FALSE, sizeof (WalkStop));
      g_array_set_clear_func (matches->stops, walk_stop_clear);
    }
  /* Enough of them: the oldest goes. */
  if (matches->stops->len >= MAX_WALK_STOPS)
    g_array_remove_index (matches->stops, 0);
  g_array_append_val (matches->stops, *stop);
}

/* Reads the page with @plan into @patients. */
static gboolean
run_plan (GenuStore        *self,
          GenuStorePlan     plan,
          KeptCount        *matches,
          gboolean          include_archived,
          guint             offset,
          guint             limit,
          GPtrArray        *patients,
          GError          **error)
{
  const WalkStop *from = plan == GENU_STORE_PLAN_WALK ? find_stop (matches, offset) : NULL;
  sqlite3_stmt *stmt = page_statement (self, plan, include_archived, from != NULL, error);
  WalkStop stop = { 0, NULL, NULL, 0 };

  if (stmt == NULL)
    return FALSE;
  self->search_plan_uses[plan]++;

  if (plan == GENU_STORE_PLAN_SORT)
    {
      /* A patient deleted since the matches were sorted is left out. */
      for (guint i = offset; i < matches->ids->len && i - offset < limit; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (matches->ids, gint64, i));
          if (!step_patients (self, stmt, patients, NULL, error))
            return FALSE;
        }
      return TRUE;
    }

  /* SQLite reads a negative LIMIT as "no limit". */
  sqlite3_bind_int64 (stmt, 2, limit == G_MAXUINT ? -1 : (gint64) limit);
  sqlite3_bind_int64 (stmt, 3, offset - (from != NULL ? from->position : 0));
  if (plan == GENU_STORE_PLAN_EVERYONE)
    return step_patients (self, stmt, patients, NULL, error);

  sqlite3_bind_pointer (stmt, 4, matches->bitmap, BITMAP_TYPE, NULL);
  if (from != NULL)
    {
      sqlite3_bind_text (stmt, 5, from->family_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, from->given_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, from->id);
    }
  if (!step_patients (self, stmt, patients, &stop, error))
    {
      walk_stop_clear (&stop);
      return FALSE;
    }
  if (patients->len > 0)
    {
      stop.position = offset + patients->len;
      note_stop (matches, &stop);
    }
  return TRUE;
}

static GPtrArray *
read_page (GenuStore   *self,
           const char  *search,
           gboolean     include_archived,
           guint        offset,
           guint        limit,
           GError     **error)
{
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *query = NULL;
  g_autofree char *folded = NULL;
  KeptCount *listed, *matches;
  GenuStorePlan plan;
  gboolean nothing;

  query = _genu_store_search_query (search, include_archived, &nothing);
  if (nothing || limit == 0)
    return g_steal_pointer (&patients);

  folded = _genu_fold_for_search (search);
  listed = count_query (self, NULL, NULL, include_archived, FALSE, error);
  if (listed == NULL)
    return NULL;
  matches = query != NULL ? count_query (self, query, folded, include_archived, TRUE, error)
                          : listed;
  if (matches == NULL)
    return NULL;
  if (offset >= matches->count)
    return g_steal_pointer (&patients);

  if (matches->count >= listed->count)
    plan = GENU_STORE_PLAN_EVERYONE;
  else if (matches->ids != NULL)
    plan = GENU_STORE_PLAN_SORT;
  else
    plan = GENU_STORE_PLAN_WALK;

  if (!run_plan (self, plan, matches, include_archived, offset, limit, patients, error))
    return NULL;
  return g_steal_pointer (&patients);
}

/**
 * genu_store_list_patients_page:
 * @search: (nullable): what was typed in the search, as for genu_store_list_patients()
 * @include_archived: whether archived patients are listed too
 * @offset: the position of the first patient wanted, 0 for the first of the list
 * @limit: how many patients at most; %G_MAXUINT for all from @offset on
 *
 * One page of the list genu_store_list_patients() gives, read without reading the rest: the
 * patient list reads what is shown as it is scrolled to.
 *
 * Returns: (transfer full) (element-type GenuPatient): the patients at @offset onwards, up to
 * @limit, or %NULL with @error set
 */
GPtrArray *
genu_store_list_patients_page (GenuStore   *self,
                               const char  *search,
                               gboolean     include_archived,
                               guint        offset,
                               guint        limit,
                               GError     **error)
{
  GPtrArray *patients;

  g_return_val_if_fail (GENU_IS_STORE (self), NULL);

  /* The counts and the rows from one snapshot, even while another process saves. */
  if (!_genu_store_begin_read (self, error))
    return NULL;
  patients = read_page (self, search, include_archived, offset, limit, error);
  _genu_store_end_read (self);
  return patients;
}

/**
 * genu_store_list_patients:
 * @search: (nullable): words that must each begin a word of the name, the record number or the
 *   date of birth (case and accents aside): "mar sch" finds Maria Schmidt, "1990-04" everyone
 *   born in April 1990
 * @include_archived: whether archived patients are listed too
 *
 * Returns: (transfer full) (element-type GenuPatient): the patients, sorted by family name then
 * given names (then by id), with case and accents folded as in the search, so that "Ångström"
 * comes before "Baker"
 */
GPtrArray *
genu_store_list_patients (GenuStore   *self,
                          const char  *search,
                          gboolean     include_archived,
                          GError     **error)
{
  return genu_store_list_patients_page (self, search, include_archived, 0, G_MAXUINT, error);
}

/* Reads the sort keys of patient @id, and whether it is archived; FALSE without an error when
 * there is no such patient. */
static gboolean
read_keys (GenuStore   *self,
           gint64       id,
           char       **family_key,
           char       **given_key,
           gboolean    *archived,
           GError     **error)
{
  sqlite3_stmt *stmt = _genu_store_get_statement (self,
    "SELECT family_key, given_key, archived FROM patients WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *family_key = g_strdup (_genu_store_column_text (stmt, 0));
      *given_key = g_strdup (_genu_store_column_text (stmt, 1));
      *archived = sqlite3_column_int (stmt, 2) != 0;
    }
  else if (rc != SQLITE_DONE)
    {
      _genu_set_sqlite_error (error, self->db, _("Could not read the patient"));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gint64
find_position (GenuStore   *self,
               const char  *search,
               gboolean     include_archived,
               gint64       id,
               GError     **error)
{
  g_autofree char *query = NULL;
  g_autofree char *family_key = NULL;
  g_autofree char *given_key = NULL;
  gboolean nothing, archived = FALSE;
  sqlite3_stmt *stmt;

  query = _genu_store_search_query (search, include_archived, &nothing);
  if (nothing)
    return -1;
  if (!read_keys (self, id, &family_key, &given_key, &archived, error))
    return -1;
  if (archived && !include_archived)
    return -1;

  if (query != NULL)
    {
      g_autofree char *folded = _genu_fold_for_search (search);
      KeptCount *kept = count_query (self, query, folded, include_archived, FALSE, error);
      gint64 found;

      if (kept == NULL)
        return -1;
      /* The matches sorted for the pages shown: the position is there. */
      if (kept->ids != NULL)
        {
          for (guint i = 0; i < kept->ids->len; i++)
            if (g_array_index (kept->ids, gint64, i) == id)
              return i;
          return -1;
        }

      stmt = _genu_store_get_statement (self,
        "SELECT count(*) FROM patients_fts WHERE patients_fts MATCH ?1 AND rowid = ?2", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      found = step_count (self, stmt, error);
      if (found <= 0)
        return -1;

      stmt = _genu_store_get_statement (self,
        "SELECT count(*) FROM patients_fts"
        "  JOIN patients AS k INDEXED BY patients_keys_by_id ON k.id = patients_fts.rowid"
        " WHERE patients_fts MATCH ?1 AND (k.family_key, k.given_key, k.id) < (?2, ?3, ?4)",
        error);
    }
  else if (include_archived)
    stmt = _genu_store_get_statement (self,
      "SELECT count(*) FROM patients INDEXED BY patients_by_key"
      " WHERE (family_key, given_key, id) < (?2, ?3, ?4)", error);
  else
    stmt = _genu_store_get_statement (self,
      "SELECT count(*) FROM patients INDEXED BY patients_active_by_key"
      " WHERE archived = 0 AND (family_key, given_key, id) < (?2, ?3, ?4)", error);
  if (stmt == NULL)
    return -1;

  if (query != NULL)
    sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, family_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, given_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  return step_count (self, stmt, error);
}

/**
 * genu_store_find_patient_position:
 * @search: (nullable): what was typed in the search, as for genu_store_list_patients()
 * @include_archived: whether archived patients are listed
 * @id: the patient
 *
 * Where patient @id is in the list genu_store_list_patients() gives, without reading the list:
 * for showing a patient just saved.
 *
 * Returns: the position, 0 for the first; -1 when the patient is not in that list (or there is no
 * such patient), or -1 with @error set when the database cannot be read
 */
gint64
genu_store_find_patient_position (GenuStore   *self,
                                  const char  *search,
                                  gboolean     include_archived,
                                  gint64       id,
                                  GError     **error)
{
  gint64 position;

  g_return_val_if_fail (GENU_IS_STORE (self), -1);

  if (!_genu_store_begin_read (self, error))
    return -1;
  position = find_position (self, search, include_archived, id, error);
  _genu_store_end_read (self);
  return position;
}
