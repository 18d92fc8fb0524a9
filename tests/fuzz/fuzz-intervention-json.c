/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "fuzz-common.h"
#include "genu-intervention.h"
#include "genu-validation.h"

/* One intervention of a session from JSON: genu_intervention_read_json(), which reads past every
 * problem, and genu_intervention_new_from_json(), which refuses on the first. They must agree,
 * and what is accepted must write back and read again the same; its summary line is made too. */

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
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) genu_field_error_free);
  g_autoptr(GenuIntervention) lenient = NULL;
  g_autoptr(GenuIntervention) read = NULL;
  g_autoptr(GenuIntervention) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    return 0;

  lenient = genu_intervention_read_json (root, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      GenuFieldError *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->field);
      g_assert_true (problem->message != NULL && problem->message[0] != '\0');
    }
  if (lenient != NULL)
    g_free (genu_intervention_dup_summary (lenient));

  read = genu_intervention_new_from_json (root, &error);
  g_assert_true ((read == NULL) == (problems->len > 0));
  if (read == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      return 0;
    }
  g_assert_no_error (error);

  written = genu_intervention_to_json (read);
  again = genu_intervention_new_from_json (written, &error);
  g_assert_no_error (error);
  rewritten = genu_intervention_to_json (again);
  g_assert_true (json_node_equal (written, rewritten));
  return 0;
}
