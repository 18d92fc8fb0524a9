/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient-list.h"

typedef struct {
  guint      index;     /* the page's first position is index * GENU_PATIENT_LIST_PAGE_SIZE */
  GPtrArray *patients;
} Page;

struct _GenuPatientList
{
  GObject    parent_instance;

  GenuStore *store;
  char      *search;
  gboolean   include_archived;

  guint      n_items;
  GQueue     pages;      /* of Page, the one read or used last first */
  guint64    n_fetched;
  GError    *error;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_INCLUDE_ARCHIVED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void genu_patient_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GenuPatientList, genu_patient_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      genu_patient_list_model_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->patients);
  g_free (page);
}

static void
forget_pages (GenuPatientList *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

static void
set_error (GenuPatientList *self,
           GError          *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_debug ("The patient list could not be read: %s", error->message);
}

static Page *
find_page (GenuPatientList *self,
           guint            index)
{
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->index == index)
        {
          /* Used now: to the front, last to be dropped. */
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          return page;
        }
    }
  return NULL;
}

static Page *
read_page (GenuPatientList *self,
           guint            index)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *patients;
  Page *page;

  patients = genu_store_list_patients_page (self->store, self->search, self->include_archived,
                                            index * GENU_PATIENT_LIST_PAGE_SIZE,
                                            GENU_PATIENT_LIST_PAGE_SIZE, &error);
  if (patients == NULL)
    {
      set_error (self, g_steal_pointer (&error));
      return NULL;
    }

  self->n_fetched += patients->len;
  page = g_new0 (Page, 1);
  page->index = index;
  page->patients = patients;
  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > GENU_PATIENT_LIST_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static GType
genu_patient_list_get_item_type (GListModel *model)
{
  return GENU_TYPE_PATIENT;
}

static guint
genu_patient_list_get_n_items (GListModel *model)
{
  return GENU_PATIENT_LIST (model)->n_items;
}

static gpointer
genu_patient_list_get_item (GListModel *model,
                            guint       position)
{
  GenuPatientList *self = GENU_PATIENT_LIST (model);
  guint index = position / GENU_PATIENT_LIST_PAGE_SIZE;
  guint offset = position % GENU_PATIENT_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = find_page (self, index);
  if (page == NULL)
    page = read_page (self, index);
  /* Fewer rows than counted: another program changed the database since. */
  if (page == NULL || offset >= page->patients->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (page->patients, offset));
}

static void
genu_patient_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = genu_patient_list_get_item_type;
  iface->get_n_items = genu_patient_list_get_n_items;
  iface->get_item = genu_patient_list_get_item;
}

static void
genu_patient_list_dispose (GObject *object)
{
  GenuPatientList *self = GENU_PATIENT_LIST (object);

  forget_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (genu_patient_list_parent_class)->dispose (object);
}

static void
genu_patient_list_finalize (GObject *object)
{
  GenuPatientList *self = GENU_PATIENT_LIST (object);

  g_free (self->search);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (genu_patient_list_parent_class)->finalize (object);
}

static void
genu_patient_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GenuPatientList *self = GENU_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_INCLUDE_ARCHIVED:
      g_value_set_boolean (value, self->include_archived);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GenuPatientList *self = GENU_PATIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      genu_patient_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_SEARCH:
      genu_patient_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_INCLUDE_ARCHIVED:
      genu_patient_list_set_include_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_list_class_init (GenuPatientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = genu_patient_list_dispose;
  object_class->finalize = genu_patient_list_finalize;
  object_class->get_property = genu_patient_list_get_property;
  object_class->set_property = genu_patient_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GENU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INCLUDE_ARCHIVED] =
    g_param_spec_boolean ("include-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
genu_patient_list_init (GenuPatientList *self)
{
  self->search = g_strdup ("");
  g_queue_init (&self->pages);
}

/**
 * genu_patient_list_new:
 * @store: (nullable): the patients' database; %NULL for an empty list
 *
 * Returns: (transfer full): the list of every patient not archived, until a search or
 * genu_patient_list_set_include_archived() says otherwise
 */
GenuPatientList *
genu_patient_list_new (GenuStore *store)
{
  g_return_val_if_fail (store == NULL || GENU_IS_STORE (store), NULL);

  return g_object_new (GENU_TYPE_PATIENT_LIST, "store", store, NULL);
}

GenuStore *
genu_patient_list_get_store (GenuPatientList *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_LIST (self), NULL);

  return self->store;
}

/**
 * genu_patient_list_set_store:
 * @store: (nullable): the database to list the patients of; %NULL for an empty list
 */
void
genu_patient_list_set_store (GenuPatientList *self,
                             GenuStore       *store)
{
  g_return_if_fail (GENU_IS_PATIENT_LIST (self));
  g_return_if_fail (store == NULL || GENU_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  genu_patient_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
genu_patient_list_get_search (GenuPatientList *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_LIST (self), NULL);

  return self->search;
}

/**
 * genu_patient_list_set_search:
 * @search: (nullable): what was typed in the search, as for genu_store_list_patients()
 */
void
genu_patient_list_set_search (GenuPatientList *self,
                              const char      *search)
{
  g_return_if_fail (GENU_IS_PATIENT_LIST (self));

  if (search == NULL)
    search = "";
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  genu_patient_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

gboolean
genu_patient_list_get_include_archived (GenuPatientList *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_LIST (self), FALSE);

  return self->include_archived;
}

void
genu_patient_list_set_include_archived (GenuPatientList *self,
                                        gboolean         include_archived)
{
  g_return_if_fail (GENU_IS_PATIENT_LIST (self));

  include_archived = !!include_archived;
  if (self->include_archived == include_archived)
    return;

  self->include_archived = include_archived;
  genu_patient_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ARCHIVED]);
}

/**
 * genu_patient_list_reload:
 *
 * Counts the patients again and forgets the pages read, so that the list shows the store as it
 * is now: after a patient was saved, archived or imported. Every item is reported changed.
 */
void
genu_patient_list_reload (GenuPatientList *self)
{
  g_autoptr(GError) error = NULL;
  guint old_n_items;
  gint64 count = 0;

  g_return_if_fail (GENU_IS_PATIENT_LIST (self));

  old_n_items = self->n_items;
  forget_pages (self);
  g_clear_error (&self->error);

  if (self->store != NULL)
    count = genu_store_count_patients_matching (self->store, self->search,
                                                self->include_archived, &error);
  if (count < 0)
    {
      set_error (self, g_steal_pointer (&error));
      count = 0;
    }

  /* All removed, then all added: two changes, not one. When one change removes and adds, and a
   * row GTK follows (the focus, the scroll anchor, the selection) is among the removed, GTK 4's
   * list item manager and GtkSingleSelection look for its item among every added item, by
   * pointer: reading all 100,000 patients, since pages read again are new objects. */
  if (old_n_items > 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, 0);
    }
  self->n_items = (guint) MIN (count, (gint64) G_MAXUINT - 1);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * genu_patient_list_update:
 * @search: (nullable): what was typed in the search, as for genu_store_list_patients()
 * @include_archived: whether archived patients are listed too
 *
 * Sets the search and whether archived patients are listed, and reloads the list once
 * (genu_patient_list_reload()), even when neither changed: after the store changed, or when the
 * window does not know whether they did.
 */
void
genu_patient_list_update (GenuPatientList *self,
                          const char      *search,
                          gboolean         include_archived)
{
  gboolean search_changed, archived_changed;

  g_return_if_fail (GENU_IS_PATIENT_LIST (self));

  if (search == NULL)
    search = "";
  include_archived = !!include_archived;
  search_changed = g_strcmp0 (self->search, search) != 0;
  archived_changed = self->include_archived != include_archived;

  if (search_changed)
    {
      g_free (self->search);
      self->search = g_strdup (search);
    }
  self->include_archived = include_archived;
  genu_patient_list_reload (self);

  if (search_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (archived_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ARCHIVED]);
}

/**
 * genu_patient_list_find:
 * @patient_id: a patient
 *
 * Returns: the position of the patient in the list, or %G_MAXUINT when it is not in it (another
 * search, archived, or no such patient)
 */
guint
genu_patient_list_find (GenuPatientList *self,
                        gint64           patient_id)
{
  g_autoptr(GError) error = NULL;
  gint64 position;

  g_return_val_if_fail (GENU_IS_PATIENT_LIST (self), G_MAXUINT);

  if (self->store == NULL || patient_id <= 0)
    return G_MAXUINT;

  /* The pages at hand first: the patient is usually on one just shown. */
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->patients->len; i++)
        if (genu_patient_get_id (g_ptr_array_index (page->patients, i)) == patient_id)
          return page->index * GENU_PATIENT_LIST_PAGE_SIZE + i;
    }

  position = genu_store_find_patient_position (self->store, self->search, self->include_archived,
                                               patient_id, &error);
  if (error != NULL)
    set_error (self, g_steal_pointer (&error));
  if (position < 0 || position >= self->n_items)
    return G_MAXUINT;
  return (guint) position;
}

const GError *
genu_patient_list_get_error (GenuPatientList *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_LIST (self), NULL);

  return self->error;
}

guint64
genu_patient_list_get_n_fetched (GenuPatientList *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_LIST (self), 0);

  return self->n_fetched;
}
