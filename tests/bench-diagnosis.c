/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast the differential is. Prints figures for the README's table; asserts nothing, since
 * timings on a shared machine are noise for a pass/fail test. Run with
 * `meson test -C build --benchmark --verbose`. */
#include "config.h"

#include <stdio.h>

#include "genu-diagnosis.h"

#define ROUNDS 20000

static double
microseconds_since (gint64 start,
                    guint  rounds)
{
  return (double) (g_get_monotonic_time () - start) / rounds;
}

int
main (void)
{
  g_autoptr(GenuFindings) empty = genu_findings_new ();
  g_autoptr(GenuFindings) full = genu_findings_new ();
  GenuKnowledgeBase *kb;
  gint64 start;
  double load, empty_us, full_us;

  start = g_get_monotonic_time ();
  kb = genu_knowledge_base_get_default ();
  load = microseconds_since (start, 1);

  /* Every finding recorded: the most work one diagnosis can take. */
  for (guint i = 0; i < genu_knowledge_base_get_n_findings (kb); i++)
    {
      const GenuFindingDef *def = genu_knowledge_base_get_finding (kb, i);

      if (def->type == GENU_FINDING_TYPE_NUMBER)
        genu_findings_set_number (full, def->id, def->max);
      else
        genu_findings_set_bool (full, def->id, i % 2 == 0);
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < ROUNDS; i++)
    g_object_unref (genu_diagnose (kb, empty));
  empty_us = microseconds_since (start, ROUNDS);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < ROUNDS; i++)
    g_object_unref (genu_diagnose (kb, full));
  full_us = microseconds_since (start, ROUNDS);

  printf ("| Load the knowledge base (%u findings, %u conditions) | %.0f µs |\n",
          genu_knowledge_base_get_n_findings (kb), genu_knowledge_base_get_n_conditions (kb), load);
  printf ("| Differential, no findings (mean of %d) | %.1f µs |\n", ROUNDS, empty_us);
  printf ("| Differential, all %u findings recorded (mean of %d) | %.1f µs |\n",
          genu_findings_get_size (full), ROUNDS, full_us);
  return 0;
}
