/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"
#include "genu-koos.h"
#include "genu-lefs.h"
#include "genu-store-private.h"

/* The answers of a LEFS or KOOS questionnaire as the database keeps them (a JSON text column),
 * read back by the store: _genu_store_items_from_json() must take any text a damaged or
 * hand-edited database holds, and fill only the items it is given room for. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fuzz_dup_text (data, size);
  int lefs[GENU_LEFS_N_ITEMS + 1];
  int koos[GENU_KOOS_N_ITEMS + 1];

  /* One guard item past the end: it must stay as it was. */
  lefs[GENU_LEFS_N_ITEMS] = 12345;
  koos[GENU_KOOS_N_ITEMS] = 12345;
  _genu_store_items_from_json (text, lefs, GENU_LEFS_N_ITEMS);
  _genu_store_items_from_json (text, koos, GENU_KOOS_N_ITEMS);
  g_assert_cmpint (lefs[GENU_LEFS_N_ITEMS], ==, 12345);
  g_assert_cmpint (koos[GENU_KOOS_N_ITEMS], ==, 12345);
  g_free (_genu_store_items_to_json (lefs, GENU_LEFS_N_ITEMS));
  return 0;
}
