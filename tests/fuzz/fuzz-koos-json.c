/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "fuzz-common.h"
#include "genu-koos.h"

/* A KOOS questionnaire from JSON: genu_koos_new_from_json().
 * What it accepts, it must write back and read again the same (the JSON round trip an export and
 * an import make). */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(JsonNode) root = fuzz_parse_json (data, size);
  g_autoptr(GenuKoos) read = NULL;
  g_autoptr(GenuKoos) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    return 0;

  read = genu_koos_new_from_json (root, &error);
  if (read == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_true (error->message[0] != '\0');
      return 0;
    }
  g_assert_no_error (error);

  written = genu_koos_to_json (read);
  again = genu_koos_new_from_json (written, &error);
  g_assert_no_error (error);
  rewritten = genu_koos_to_json (again);
  g_assert_true (json_node_equal (written, rewritten));
  return 0;
}
