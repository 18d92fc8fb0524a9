/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-differential-view.h"
#include "genu-test-utils.h"
#include "genu-test-ui.h"

/* The "likely causes" panel: what the diagnosis module ranks is what the panel shows, in the same
 * order; red flags head it without hiding it; every figure says where it comes from. With
 * GENU_SCREENSHOT_DIR set, it also saves light and dark pictures of itself there. */

typedef struct {
  GtkWindow            *window;
  GenuDifferentialView *view;
} Fixture;

/* Findings as strings: "id" is present (positive), "!id" absent (negative). */
typedef struct {
  const char *findings[8];
  const char *top;              /* the condition expected at rank 0, or NULL for any */
} RankingCase;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->view = GENU_DIFFERENTIAL_VIEW (genu_differential_view_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->view), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->view), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->view), 12);

  /* As on the visit page: a narrow scrolled column that never scrolls sideways. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "background");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (fixture->window, FALSE);
  gtk_window_set_default_size (fixture->window, 400, 900);
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  genu_test_iterate ();
}

static GenuDiagnosis *
diagnose (const char *const *findings)
{
  g_autoptr(GenuFindings) set = genu_findings_new ();

  for (guint i = 0; findings != NULL && findings[i] != NULL; i++)
    {
      if (findings[i][0] == '!')
        genu_findings_set_bool (set, findings[i] + 1, FALSE);
      else
        genu_findings_set_bool (set, findings[i], TRUE);
    }
  return genu_diagnose (genu_knowledge_base_get_default (), set);
}

/* Shows @findings' diagnosis and waits until it is drawn. */
static GenuDiagnosis *
show (Fixture           *fixture,
      const char *const *findings)
{
  GenuDiagnosis *diagnosis = diagnose (findings);

  genu_differential_view_set_diagnosis (fixture->view, diagnosis);
  gtk_widget_queue_draw (GTK_WIDGET (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  genu_test_iterate ();
  return diagnosis;
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                  GENU_TYPE_DIFFERENTIAL_VIEW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The first descendant of @widget of type @type, depth first, in reading order. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label under @widget that is shown on screen reads @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child)
          && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }
  return FALSE;
}

static double
top_of (Fixture   *fixture,
        GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fixture->view), &bounds));
  return bounds.origin.y;
}

static void
assert_shows_ranking (Fixture       *fixture,
                      GenuDiagnosis *diagnosis)
{
  GPtrArray *ranked = genu_diagnosis_get_differential (diagnosis);

  g_assert_cmpuint (ranked->len, >, 0);
  for (guint i = 0; i < ranked->len; i++)
    {
      GenuCandidate *candidate = g_ptr_array_index (ranked, i);

      g_assert_cmpstr (genu_differential_view_get_condition_id (fixture->view, i), ==,
                       candidate->condition->id);
    }
  g_assert_null (genu_differential_view_get_condition_id (fixture->view, ranked->len));
}

static void
test_placeholder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  GtkWidget *placeholder = template_child (fixture, "placeholder");
  GtkWidget *disclaimer = template_child (fixture, "disclaimer");

  genu_differential_view_set_diagnosis (fixture->view, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_true (gtk_widget_is_drawable (placeholder));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (placeholder)), ==,
                   "Enter findings to see likely causes.");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "list")));
  g_assert_false (genu_differential_view_get_banner_visible (fixture->view));
  g_assert_cmpuint (genu_differential_view_get_n_red_flags (fixture->view), ==, 0);
  g_assert_null (genu_differential_view_get_condition_id (fixture->view, 0));
  g_assert_true (gtk_widget_is_drawable (disclaimer));

  /* Back to the placeholder after a diagnosis. */
  diagnosis = show (fixture, NULL);
  g_assert_false (gtk_widget_get_visible (placeholder));
  g_assert_nonnull (genu_differential_view_get_condition_id (fixture->view, 0));
  genu_differential_view_set_diagnosis (fixture->view, NULL);
  g_assert_true (gtk_widget_get_visible (placeholder));
  g_assert_null (genu_differential_view_get_condition_id (fixture->view, 0));
}

static void
test_disclaimer (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  GtkWidget *disclaimer = template_child (fixture, "disclaimer");
  const char *red_flag[] = { "acute_injury", "cannot_bear_weight_4_steps", NULL };

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (disclaimer)), ==,
                   "Decision support for the treating clinician, not a diagnosis.");
  g_assert_true (gtk_widget_has_css_class (disclaimer, "dim-label"));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (disclaimer)));
  g_assert_true (gtk_widget_is_drawable (disclaimer));

  diagnosis = show (fixture, red_flag);
  g_assert_true (gtk_widget_is_drawable (disclaimer));
}

static const RankingCase ranking_cases[] = {
  /* With nothing recorded the priors decide. */
  { { NULL }, "patellofemoral_pain" },
  { { "mpp_test", NULL }, "medial_plica" },
  { { "mcmurray", "tender_joint_line", NULL }, "medial_meniscus_tear" },
  { { "tender_pes_anserine", "!squat_pain", NULL }, "pes_anserine" },
  { { "!mpp_test", "!mcmurray", "!tender_joint_line", NULL }, NULL },
};

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (ranking_cases); i++)
    {
      const RankingCase *c = &ranking_cases[i];
      g_autoptr(GenuDiagnosis) diagnosis = show (fixture, c->findings);

      g_test_message ("case %u: top %s", i,
                      genu_differential_view_get_condition_id (fixture->view, 0));
      assert_shows_ranking (fixture, diagnosis);
      if (c->top != NULL)
        g_assert_cmpstr (genu_differential_view_get_condition_id (fixture->view, 0), ==, c->top);
    }
}

static void
test_finding_moves_rank (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) before = NULL;
  g_autoptr(GenuDiagnosis) after = NULL;
  const char *plica[] = { "mpp_test", NULL };

  before = show (fixture, NULL);
  g_assert_cmpstr (genu_differential_view_get_condition_id (fixture->view, 0), !=,
                   "medial_plica");

  after = show (fixture, plica);
  g_assert_cmpstr (genu_differential_view_get_condition_id (fixture->view, 0), ==,
                   "medial_plica");
  assert_shows_ranking (fixture, after);
}

static void
test_show_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) diagnosis = show (fixture, NULL);
  GtkListBox *list = GTK_LIST_BOX (template_child (fixture, "list"));
  GtkWidget *button = template_child (fixture, "show_all");
  guint n = genu_diagnosis_get_differential (diagnosis)->len;
  g_autofree char *show_all = g_strdup_printf ("Show all %u", n);

  g_assert_cmpuint (n, >, 5);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, show_all);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 4))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 5))));

  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
  for (guint i = 0; i < n; i++)
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i))));

  /* A change of findings keeps the list open. */
  g_clear_object (&diagnosis);
  diagnosis = show (fixture, (const char *[]) { "mpp_test", NULL });
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, n - 1))));

  g_signal_emit_by_name (button, "clicked");
  genu_test_iterate ();
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, show_all);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 5))));
}

static void
test_red_flag (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) calm = NULL;
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autoptr(GenuDiagnosis) injury_only = NULL;
  const char *injury[] = { "acute_injury", NULL };
  const char *ottawa[] = { "acute_injury", "cannot_bear_weight_4_steps", NULL };
  GtkWidget *banner = template_child (fixture, "banner");
  GtkWidget *list = template_child (fixture, "list");
  GenuRedFlagAlert *alert;

  calm = show (fixture, NULL);
  g_assert_false (genu_differential_view_get_banner_visible (fixture->view));

  injury_only = show (fixture, injury);
  g_assert_false (genu_differential_view_get_banner_visible (fixture->view));
  g_assert_cmpuint (genu_differential_view_get_n_red_flags (fixture->view), ==, 0);

  diagnosis = show (fixture, ottawa);
  g_assert_cmpuint (genu_diagnosis_get_red_flags (diagnosis)->len, ==, 1);
  alert = g_ptr_array_index (genu_diagnosis_get_red_flags (diagnosis), 0);
  g_assert_cmpstr (alert->id, ==, "ottawa_knee");

  g_assert_true (genu_differential_view_get_banner_visible (fixture->view));
  g_assert_true (gtk_widget_is_drawable (banner));
  g_assert_cmpuint (genu_differential_view_get_n_red_flags (fixture->view), ==, 1);
  g_assert_true (gtk_widget_has_css_class (banner, "card"));
  g_assert_true (shows_text (banner, alert->title));
  g_assert_true (shows_text (banner, alert->reason));

  /* The banner heads the differential and does not hide it. */
  g_assert_true (gtk_widget_is_drawable (list));
  assert_shows_ranking (fixture, diagnosis);
  g_assert_cmpfloat (top_of (fixture, banner), <, top_of (fixture, list));

  g_clear_object (&calm);
  calm = show (fixture, injury);
  g_assert_false (genu_differential_view_get_banner_visible (fixture->view));
  g_assert_cmpuint (genu_differential_view_get_n_red_flags (fixture->view), ==, 0);
}

static void
test_accessible_bar (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) diagnosis = show (fixture, (const char *[]) { "mcmurray", NULL });
  GtkListBox *list = GTK_LIST_BOX (template_child (fixture, "list"));
  GenuCandidate *first = g_ptr_array_index (genu_diagnosis_get_differential (diagnosis), 0);
  GtkWidget *bar = find_descendant (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                    GTK_TYPE_LEVEL_BAR);
  g_autofree char *expected = NULL;
  g_autofree char *percent = NULL;

  g_assert_nonnull (bar);
  g_assert_cmpfloat_with_epsilon (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)),
                                  first->probability, 1e-9);
  expected = g_strdup_printf ("%s: %d percent", first->condition->name,
                              (int) (first->probability * 100 + 0.5));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       expected);
  percent = g_strdup_printf ("%d %%", (int) (first->probability * 100 + 0.5));
  g_assert_true (shows_text (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), percent));
  g_assert_true (shows_text (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                             first->condition->icd10));
}

static const char *
evidence_label (GenuEvidence evidence)
{
  switch (evidence)
    {
    case GENU_EVIDENCE_META_ANALYSIS:
      return "meta-analysis";
    case GENU_EVIDENCE_SINGLE_STUDY:
      return "single study";
    case GENU_EVIDENCE_EXPERT_ESTIMATE:
    default:
      return "expert estimate";
    }
}

/* Opens the "Why" of the condition at @rank. */
static GtkWidget *
open_why (Fixture *fixture,
          guint    rank)
{
  GtkListBox *list = GTK_LIST_BOX (template_child (fixture, "list"));
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, rank));
  GtkWidget *expander;

  g_assert_nonnull (row);
  expander = find_descendant (row, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  genu_test_iterate ();
  return row;
}

static void
test_why (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) diagnosis = NULL;
  g_autoptr(GenuDiagnosis) again = NULL;
  const char *findings[] = { "mcmurray", "!tender_joint_line", NULL };
  GPtrArray *ranked;
  GtkWidget *row;
  gboolean saw_up = FALSE;
  gboolean saw_down = FALSE;

  diagnosis = show (fixture, findings);
  ranked = genu_diagnosis_get_differential (diagnosis);
  g_signal_emit_by_name (template_child (fixture, "show_all"), "clicked");
  genu_test_iterate ();

  for (guint rank = 0; rank < ranked->len; rank++)
    {
      GenuCandidate *candidate = g_ptr_array_index (ranked, rank);

      row = open_why (fixture, rank);

      /* The prior says where it comes from: the knowledge base's citation. */
      g_assert_true (shows_text (row, candidate->prior_source));
      g_assert_nonnull (strstr (candidate->prior_source, "Taunton et al. 2002"));
      if (candidate->contributions->len == 0)
        g_assert_true (shows_text (row, "No recorded finding changes this."));
      else
        g_assert_false (shows_text (row, "No recorded finding changes this."));

      for (guint i = 0; i < candidate->contributions->len; i++)
        {
          GenuContribution *contribution = g_ptr_array_index (candidate->contributions, i);
          g_autofree char *factor = NULL;

          factor = contribution->lr >= 10.0
                     ? g_strdup_printf ("×%.0f", contribution->lr)
                     : g_strdup_printf ("×%.2g", contribution->lr);
          g_assert_true (shows_text (row, factor));
          g_assert_true (shows_text (row, contribution->source));
          g_assert_true (shows_text (row, evidence_label (contribution->evidence)));
          saw_up |= contribution->lr > 1.0;
          saw_down |= contribution->lr < 1.0;
        }
    }
  g_assert_true (saw_up);
  g_assert_true (saw_down);

  /* The meniscus explanation reads like the clinician's own notes. */
  for (guint rank = 0; rank < ranked->len; rank++)
    if (g_strcmp0 (genu_differential_view_get_condition_id (fixture->view, rank),
                   "medial_meniscus_tear") == 0)
      {
        row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (template_child (fixture, "list")),
                                                         rank));
        g_assert_true (shows_text (row, "McMurray test: positive"));
        g_assert_true (shows_text (row, "×2.4"));
        g_assert_true (shows_text (row, "×0.48"));
      }

  /* An explanation being read stays open when the findings change. */
  again = show (fixture, (const char *[]) { "mcmurray", NULL });
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (template_child (fixture, "list")),
                                                   0));
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (find_descendant (row,
                                                                           GTK_TYPE_EXPANDER))));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  const char *findings[] = { "acute_injury", "cannot_bear_weight_4_steps", "mcmurray",
                             "!tender_joint_line", "mpp_test", "squat_pain", NULL };
  g_autoptr(GenuDiagnosis) diagnosis = show (fixture, findings);
  guint n = genu_diagnosis_get_differential (diagnosis)->len;
  int minimum = 0;

  /* Everything open at once is the widest the panel gets; it still fits the 360 px column of
   * the visit page, less its margins. */
  g_signal_emit_by_name (template_child (fixture, "show_all"), "clicked");
  for (guint rank = 0; rank < n; rank++)
    open_why (fixture, rank);
  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d px", minimum);
  g_assert_cmpint (minimum, <=, 360 - 24);
}

static void
test_rebuild_is_cheap (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GenuDiagnosis) a = diagnose ((const char *[]) { "mcmurray", "mpp_test", NULL });
  g_autoptr(GenuDiagnosis) b = diagnose ((const char *[]) { "!mcmurray", "squat_pain", NULL });
  const guint rounds = 50;
  double seconds;

  g_test_timer_start ();
  for (guint i = 0; i < rounds; i++)
    genu_differential_view_set_diagnosis (fixture->view, i % 2 ? a : b);
  seconds = g_test_timer_elapsed ();
  g_test_message ("set_diagnosis: %.3f ms each", seconds * 1000 / rounds);
  /* Generous against slow machines and sanitizers: well under 1 ms on a desktop. */
  g_assert_cmpfloat (seconds / rounds, <, 0.02);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("GENU_SCREENSHOT_DIR");
  const char *findings[] = { "acute_injury", "cannot_bear_weight_4_steps", "mcmurray",
                             "!tender_joint_line", "!squat_pain", NULL };
  g_autoptr(GenuDiagnosis) diagnosis = NULL;

  if (dir == NULL)
    {
      g_test_skip ("GENU_SCREENSHOT_DIR is not set");
      return;
    }

  genu_differential_view_set_diagnosis (fixture->view, NULL);
  genu_test_screenshot (fixture->window, "differential-view-empty-light.png", FALSE);

  diagnosis = show (fixture, NULL);
  genu_test_screenshot (fixture->window, "differential-view-priors-light.png", FALSE);

  g_clear_object (&diagnosis);
  diagnosis = show (fixture, findings);
  open_why (fixture, 0);
  genu_test_screenshot (fixture->window, "differential-view-light.png", FALSE);
  genu_test_screenshot (fixture->window, "differential-view-dark.png", TRUE);

  /* The narrowest column the visit page gives the panel. */
  gtk_window_set_default_size (fixture->window, 360, 900);
  genu_test_screenshot (fixture->window, "differential-view-narrow-light.png", FALSE);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  if (genu_test_skip_without_display ())
    return 0;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  genu_test_load_style ();

  add_test ("/differential-view/placeholder", test_placeholder);
  add_test ("/differential-view/disclaimer", test_disclaimer);
  add_test ("/differential-view/ranking", test_ranking);
  add_test ("/differential-view/finding-moves-rank", test_finding_moves_rank);
  add_test ("/differential-view/show-all", test_show_all);
  add_test ("/differential-view/red-flag", test_red_flag);
  add_test ("/differential-view/accessible-bar", test_accessible_bar);
  add_test ("/differential-view/why", test_why);
  add_test ("/differential-view/narrow", test_narrow);
  add_test ("/differential-view/rebuild-is-cheap", test_rebuild_is_cheap);
  add_test ("/differential-view/screenshots", test_screenshots);

  return g_test_run ();
}
