/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the libFuzzer harnesses (tests/fuzz/meson.build): each one feeds arbitrary bytes to a
 * reader of what a user or another program hands Genu, and must neither crash, leak, trip a
 * sanitizer nor log a warning or critical (a g_return_if_fail() hit is a bug of ours). */

#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <json-glib/json-glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static inline void
fuzz_init (void)
{
  /* Messages in English, whatever the locale; a warning or critical aborts, so that the fuzzer
   * reports it as a crash with its input. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The JSON document of @data, as the CLI reads a file; NULL when it is not JSON. */
static inline JsonNode *
fuzz_parse_json (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (size > G_MAXSSIZE ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL ? json_node_copy (root) : NULL;
}

/* A NUL-terminated copy of @data, as a text field would hand it over. */
static inline char *
fuzz_dup_text (const uint8_t *data,
               size_t         size)
{
  return g_strndup ((const char *) data, size);
}
