/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-differential-view.h"

#include <glib/gi18n.h>

/* The "likely causes" panel beside the knee assessment form. It changes with every answer in the
 * form, so it stays cheap: the rows of the conditions are made once and then updated and sorted in
 * place, and the "Why" of a row is only built while it is open. */

/* How many conditions are shown before "Show all". */
#define TOP_N 5

#define CANDIDATE_ROW_KEY "genu-candidate-row"

struct _GenuDifferentialView
{
  AdwBin         parent_instance;

  GenuDiagnosis *diagnosis;
  GHashTable    *rows;            /* condition id -> its GtkListBoxRow, owned by the list */
  guint          n_red_flags;
  guint          n_conditions;
  gboolean       show_all;

  GtkWidget     *banner;
  GtkLabel      *banner_heading;
  GtkWidget     *alerts;
  GtkWidget     *disclaimer;
  GtkWidget     *placeholder;
  GtkListBox    *list;
  GtkButton     *show_all_button;
};

enum {
  PROP_0,
  PROP_DIAGNOSIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GenuDifferentialView, genu_differential_view, ADW_TYPE_BIN)

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static int
percent_of (double probability)
{
  return (int) (CLAMP (probability, 0.0, 1.0) * 100.0 + 0.5);
}

/* "42 %". Never "0 %" or "100 %" for what is only unlikely or likely: the module never rules a
 * cause in or out. */
static char *
format_percent (double probability)
{
  int percent = percent_of (probability);

  if (percent == 0 && probability > 0.0)
    /* Translators: a probability under one percent. */
    return g_strdup (_("< 1 %"));
  if (percent == 100 && probability < 1.0)
    /* Translators: a probability over 99 percent. */
    return g_strdup (_("> 99 %"));
  /* Translators: a probability in percent; keep or drop the space as your language writes it. */
  return g_strdup_printf (_("%d %%"), percent);
}

/* The accessible name of a probability bar: "Medial meniscus tear: 42 percent". */
static char *
format_percent_spoken (const char *name,
                       double      probability)
{
  int percent = percent_of (probability);

  if (percent == 0 && probability > 0.0)
    /* Translators: a condition's name and its probability, read by a screen reader. */
    return g_strdup_printf (_("%s: less than 1 percent"), name);
  if (percent == 100 && probability < 1.0)
    /* Translators: a condition's name and its probability, read by a screen reader. */
    return g_strdup_printf (_("%s: more than 99 percent"), name);
  /* Translators: a condition's name and its probability, read by a screen reader. */
  return g_strdup_printf (_("%s: %d percent"), name, percent);
}

/* A likelihood ratio as the factor it multiplies the odds by: "×2.4", "×0.42". */
static char *
format_factor (double lr)
{
  if (lr >= 10.0)
    /* Translators: a likelihood ratio, the factor by which a finding multiplies the odds. */
    return g_strdup_printf (_("×%.0f"), lr);
  /* Translators: a likelihood ratio, the factor by which a finding multiplies the odds. */
  return g_strdup_printf (_("×%.2g"), lr);
}

/* "McMurray test: positive", "Joint line tenderness: no", "Kastelein MCL cluster: met". */
static char *
contribution_text (const GenuContribution *contribution)
{
  gboolean present = g_strcmp0 (contribution->value, "present") == 0;
  gboolean absent = g_strcmp0 (contribution->value, "absent") == 0;
  const GenuFindingDef *def = NULL;

  if (!present && !absent)
    return g_strdup_printf (_("%s: %s"), contribution->label, contribution->value);

  if (g_str_has_prefix (contribution->finding, "rule:"))
    return g_strdup_printf (present ? _("%s: criteria met") : _("%s: criteria not met"),
                            contribution->label);

  def = genu_knowledge_base_lookup_finding (genu_knowledge_base_get_default (),
                                            contribution->finding);
  if (def != NULL && def->is_test)
    return g_strdup_printf (present ? _("%s: positive") : _("%s: negative"), contribution->label);
  return g_strdup_printf (present ? _("%s: yes") : _("%s: no"), contribution->label);
}

static GtkWidget *
prior_new (const GenuCandidate *candidate)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *percent = format_percent (candidate->prior);
  g_autofree char *title = NULL;
  GtkWidget *label;

  /* Translators: the probability of a condition before any finding and the kind of evidence
   * behind it, e.g. "Prior 15 %, expert estimate". */
  title = g_strdup_printf (_("Prior %s, %s"), percent,
                           genu_evidence_to_string (candidate->prior_evidence));
  gtk_box_append (GTK_BOX (box), label_new (title, NULL));

  label = label_new (candidate->prior_source, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (!G_APPROX_VALUE (candidate->prior, candidate->condition->prior, 1e-9))
    {
      g_autofree char *base = format_percent (candidate->condition->prior);
      g_autofree char *adjusted = NULL;

      /* Translators: %s is the prior before the age adjustment, e.g. "8 %"; the source line
       * above says where the adjustment comes from. */
      adjusted = g_strdup_printf (_("Adjusted for age from %s"), base);
      gtk_box_append (GTK_BOX (box), label_new (adjusted, "caption"));
    }

  return box;
}

static GtkWidget *
contribution_new (const GenuContribution *contribution)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon;
  GtkWidget *label;
  GtkWidget *factor;
  GtkWidget *source;
  g_autofree char *text = contribution_text (contribution);
  g_autofree char *factor_text = format_factor (contribution->lr);
  const char *icon_name = NULL;
  const char *direction = NULL;

  if (contribution->lr > 1.0)
    {
      icon_name = "go-up-symbolic";
      direction = _("Raises the probability");
    }
  else if (contribution->lr < 1.0)
    {
      icon_name = "go-down-symbolic";
      direction = _("Lowers the probability");
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  if (direction != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, direction,
                                    -1);
  gtk_box_append (GTK_BOX (box), icon);

  label = label_new (text, NULL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);
  factor = gtk_label_new (factor_text);
  gtk_widget_set_valign (factor, GTK_ALIGN_START);
  gtk_widget_add_css_class (factor, "numeric");
  gtk_widget_add_css_class (factor, "heading");
  gtk_box_append (GTK_BOX (top), factor);
  gtk_box_append (GTK_BOX (text_box), top);

  source = label_new (contribution->source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_box_append (GTK_BOX (text_box), source);
  gtk_box_append (GTK_BOX (text_box), label_new (genu_evidence_to_string (contribution->evidence),
                                                 "caption-heading"));

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);
  return box;
}

static const GenuCandidate *
lookup_candidate (GenuDifferentialView *self,
                  const char           *condition_id)
{
  GPtrArray *differential;

  if (self->diagnosis == NULL)
    return NULL;

  differential = genu_diagnosis_get_differential (self->diagnosis);
  for (guint i = 0; i < differential->len; i++)
    {
      const GenuCandidate *candidate = g_ptr_array_index (differential, i);

      if (g_strcmp0 (candidate->condition->id, condition_id) == 0)
        return candidate;
    }
  return NULL;
}

/* The explanation of one condition's probability: its prior, then every figure that moved it. */
static GtkWidget *
why_new (const GenuCandidate *candidate)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_widget_add_css_class (box, "why");
  gtk_widget_set_margin_top (box, 8);
  gtk_box_append (GTK_BOX (box), prior_new (candidate));

  for (guint i = 0; i < candidate->contributions->len; i++)
    gtk_box_append (GTK_BOX (box),
                    contribution_new (g_ptr_array_index (candidate->contributions, i)));

  if (candidate->contributions->len == 0)
    gtk_box_append (GTK_BOX (box),
                    label_new (_("No recorded finding changes this."), "dim-label"));

  return box;
}

/* The widgets of one condition's row, kept as the row's data. */
typedef struct {
  char        *condition_id;
  guint        rank;
  GtkLabel    *name;
  GtkLabel    *icd10;
  GtkLabel    *percent;
  GtkLevelBar *bar;
  GtkExpander *why;
} CandidateRow;

static void
candidate_row_free (CandidateRow *row)
{
  g_free (row->condition_id);
  g_free (row);
}

static CandidateRow *
candidate_row_get (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), CANDIDATE_ROW_KEY);
}

static int
by_rank (GtkListBoxRow *a,
         GtkListBoxRow *b,
         gpointer       user_data)
{
  guint rank_a = candidate_row_get (a)->rank;
  guint rank_b = candidate_row_get (b)->rank;

  return rank_a < rank_b ? -1 : rank_a > rank_b;
}

static void
why_expanded_cb (GtkExpander          *expander,
                 GParamSpec           *pspec,
                 GenuDifferentialView *self)
{
  CandidateRow *row = g_object_get_data (G_OBJECT (expander), CANDIDATE_ROW_KEY);
  const GenuCandidate *candidate;

  if (!gtk_expander_get_expanded (expander) || gtk_expander_get_child (expander) != NULL)
    return;

  candidate = lookup_candidate (self, row->condition_id);
  if (candidate != NULL)
    gtk_expander_set_child (expander, why_new (candidate));
}

static GtkWidget *
candidate_row_new (GenuDifferentialView *self,
                   const char           *condition_id)
{
  CandidateRow *data = g_new0 (CandidateRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bar;

  data->condition_id = g_strdup (condition_id);
  g_object_set_data_full (G_OBJECT (row), CANDIDATE_ROW_KEY, data,
                          (GDestroyNotify) candidate_row_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "differential-candidate");

  data->name = GTK_LABEL (label_new (NULL, "heading"));
  gtk_widget_set_hexpand (GTK_WIDGET (data->name), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (data->name));
  data->percent = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (data->percent), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (data->percent), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (data->percent), "heading");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (data->percent));
  gtk_box_append (GTK_BOX (box), top);

  data->icd10 = GTK_LABEL (label_new (NULL, "dim-label"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->icd10));

  bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  /* Without the default offsets every bar has the one accent colour: a low probability is not a
   * warning, and a high one is not a success. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  data->bar = GTK_LEVEL_BAR (bar);
  gtk_box_append (GTK_BOX (box), bar);

  data->why = GTK_EXPANDER (gtk_expander_new (_("Why")));
  g_object_set_data (G_OBJECT (data->why), CANDIDATE_ROW_KEY, data);
  g_signal_connect (data->why, "notify::expanded", G_CALLBACK (why_expanded_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->why));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
candidate_row_update (GenuDifferentialView *self,
                      CandidateRow         *row,
                      const GenuCandidate  *candidate,
                      guint                 rank)
{
  const GenuConditionDef *condition = candidate->condition;
  g_autofree char *percent = format_percent (candidate->probability);
  g_autofree char *spoken = format_percent_spoken (condition->name, candidate->probability);
  /* Translators: the accessible name of the button that explains a condition's rank. */
  g_autofree char *why_spoken = g_strdup_printf (_("Why: %s"), condition->name);

  row->rank = rank;
  gtk_label_set_label (row->name, condition->name);
  gtk_label_set_label (row->icd10, condition->icd10);
  gtk_label_set_label (row->percent, percent);
  gtk_level_bar_set_value (row->bar, CLAMP (candidate->probability, 0.0, 1.0));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->why),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, why_spoken,
                                  -1);

  /* An open explanation is rebuilt for the new figures; a closed one waits until it is opened. */
  gtk_expander_set_child (row->why,
                          gtk_expander_get_expanded (row->why) ? why_new (candidate) : NULL);
}

/* Updates the rows in place, so that an explanation being read stays open and focus stays where
 * it was; rows are only created for conditions not shown before. */
static void
update_rows (GenuDifferentialView *self,
             GPtrArray            *differential)
{
  GHashTableIter iter;
  gpointer value;
  guint n = differential != NULL ? differential->len : 0;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    candidate_row_get (value)->rank = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      const GenuCandidate *candidate = g_ptr_array_index (differential, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, candidate->condition->id);

      if (row == NULL)
        {
          row = candidate_row_new (self, candidate->condition->id);
          candidate_row_get (GTK_LIST_BOX_ROW (row))->rank = i;
          g_hash_table_insert (self->rows, g_strdup (candidate->condition->id), row);
          gtk_list_box_append (self->list, row);
        }
      candidate_row_update (self, candidate_row_get (GTK_LIST_BOX_ROW (row)), candidate, i);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (candidate_row_get (value)->rank == G_MAXUINT)
      {
        gtk_list_box_remove (self->list, value);
        g_hash_table_iter_remove (&iter);
      }

  gtk_list_box_invalidate_sort (self->list);
  self->n_conditions = n;
}

static GtkWidget *
alert_new (const GenuRedFlagAlert *alert)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *action;
  g_autofree char *markup = NULL;

  gtk_box_append (GTK_BOX (box), label_new (alert->title, "heading"));
  gtk_box_append (GTK_BOX (box), label_new (alert->reason, NULL));

  /* Translators: what to do about a red flag, e.g. "Refer / image: X-ray before treatment". */
  markup = g_markup_printf_escaped ("<b>%s</b> %s", _("Refer / image:"), alert->action);
  action = label_new (NULL, NULL);
  gtk_label_set_markup (GTK_LABEL (action), markup);
  gtk_box_append (GTK_BOX (box), action);

  return box;
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
update_show_all (GenuDifferentialView *self)
{
  g_autofree char *label = NULL;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    gtk_widget_set_visible (GTK_WIDGET (row), self->show_all || i < TOP_N);

  if (self->show_all)
    /* Translators: the button that hides all but the most likely causes. */
    label = g_strdup_printf (_("Show top %u"), (guint) TOP_N);
  else
    /* Translators: the button that shows every cause; %u is their number. */
    label = g_strdup_printf (_("Show all %u"), self->n_conditions);
  gtk_button_set_label (self->show_all_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->show_all_button), self->n_conditions > TOP_N);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->show_all_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, self->show_all,
                               -1);
}

static void
update_view (GenuDifferentialView *self)
{
  GPtrArray *red_flags = NULL;
  GPtrArray *differential = NULL;

  if (self->diagnosis != NULL)
    {
      red_flags = genu_diagnosis_get_red_flags (self->diagnosis);
      differential = genu_diagnosis_get_differential (self->diagnosis);
    }

  remove_children (self->alerts);
  self->n_red_flags = red_flags != NULL ? red_flags->len : 0;
  for (guint i = 0; i < self->n_red_flags; i++)
    gtk_box_append (GTK_BOX (self->alerts), alert_new (g_ptr_array_index (red_flags, i)));
  if (self->n_red_flags > 0)
    {
      g_autofree char *heading = NULL;

      heading = g_strdup_printf (ngettext ("%u Red Flag", "%u Red Flags", self->n_red_flags),
                                 self->n_red_flags);
      gtk_label_set_label (self->banner_heading, heading);
    }
  gtk_widget_set_visible (self->banner, self->n_red_flags > 0);

  update_rows (self, differential);

  gtk_widget_set_visible (self->placeholder, self->diagnosis == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->n_conditions > 0);
  update_show_all (self);
}

static void
show_all_clicked_cb (GenuDifferentialView *self)
{
  self->show_all = !self->show_all;
  update_show_all (self);
}

static void
genu_differential_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GENU_TYPE_DIFFERENTIAL_VIEW);

  G_OBJECT_CLASS (genu_differential_view_parent_class)->dispose (object);
}

static void
genu_differential_view_finalize (GObject *object)
{
  GenuDifferentialView *self = GENU_DIFFERENTIAL_VIEW (object);

  g_clear_object (&self->diagnosis);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (genu_differential_view_parent_class)->finalize (object);
}

static void
genu_differential_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GenuDifferentialView *self = GENU_DIFFERENTIAL_VIEW (object);

  switch (prop_id)
    {
    case PROP_DIAGNOSIS:
      g_value_set_object (value, self->diagnosis);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_differential_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GenuDifferentialView *self = GENU_DIFFERENTIAL_VIEW (object);

  switch (prop_id)
    {
    case PROP_DIAGNOSIS:
      genu_differential_view_set_diagnosis (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_differential_view_class_init (GenuDifferentialViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_differential_view_dispose;
  object_class->finalize = genu_differential_view_finalize;
  object_class->get_property = genu_differential_view_get_property;
  object_class->set_property = genu_differential_view_set_property;

  properties[PROP_DIAGNOSIS] =
    g_param_spec_object ("diagnosis", NULL, NULL, GENU_TYPE_DIAGNOSIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/genu/Genu/genu-differential-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuDifferentialView, banner);
  gtk_widget_class_bind_template_child (widget_class, GenuDifferentialView, banner_heading);
  gtk_widget_class_bind_template_child (widget_class, GenuDifferentialView, alerts);
  gtk_widget_class_bind_template_child (widget_class, GenuDifferentialView, disclaimer);
  gtk_widget_class_bind_template_child (widget_class, GenuDifferentialView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, GenuDifferentialView, list);
  gtk_widget_class_bind_template_child_full (widget_class, "show_all", FALSE,
                                             G_STRUCT_OFFSET (GenuDifferentialView,
                                                              show_all_button));
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
}

static void
genu_differential_view_init (GenuDifferentialView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_set_sort_func (self->list, by_rank, NULL, NULL);
  update_view (self);
}

/**
 * genu_differential_view_new:
 *
 * Returns: a view that shows nothing yet but its placeholder
 */
GtkWidget *
genu_differential_view_new (void)
{
  return g_object_new (GENU_TYPE_DIFFERENTIAL_VIEW, NULL);
}

/**
 * genu_differential_view_set_diagnosis:
 * @diagnosis: (nullable): the diagnosis to show; %NULL before anything is recorded
 *
 * Shows @diagnosis: its red flags in a banner on top, then its conditions in rank order.
 */
void
genu_differential_view_set_diagnosis (GenuDifferentialView *self,
                                      GenuDiagnosis        *diagnosis)
{
  g_return_if_fail (GENU_IS_DIFFERENTIAL_VIEW (self));
  g_return_if_fail (diagnosis == NULL || GENU_IS_DIAGNOSIS (diagnosis));

  if (!g_set_object (&self->diagnosis, diagnosis))
    return;

  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGNOSIS]);
}

/**
 * genu_differential_view_get_diagnosis:
 *
 * Returns: (nullable) (transfer none): the diagnosis shown
 */
GenuDiagnosis *
genu_differential_view_get_diagnosis (GenuDifferentialView *self)
{
  g_return_val_if_fail (GENU_IS_DIFFERENTIAL_VIEW (self), NULL);

  return self->diagnosis;
}

/**
 * genu_differential_view_get_n_red_flags:
 *
 * Returns: the number of red-flag alerts in the banner
 */
guint
genu_differential_view_get_n_red_flags (GenuDifferentialView *self)
{
  g_return_val_if_fail (GENU_IS_DIFFERENTIAL_VIEW (self), 0);

  return self->n_red_flags;
}

/**
 * genu_differential_view_get_condition_id:
 * @rank: 0 for the most likely condition
 *
 * Returns: (nullable): the id of the condition shown at @rank, or %NULL when there is none
 */
const char *
genu_differential_view_get_condition_id (GenuDifferentialView *self,
                                         guint                 rank)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GENU_IS_DIFFERENTIAL_VIEW (self), NULL);

  if (rank > G_MAXINT)
    return NULL;
  row = gtk_list_box_get_row_at_index (self->list, (int) rank);
  return row != NULL ? candidate_row_get (row)->condition_id : NULL;
}

/**
 * genu_differential_view_get_banner_visible:
 *
 * Returns: whether the red-flag banner is shown
 */
gboolean
genu_differential_view_get_banner_visible (GenuDifferentialView *self)
{
  g_return_val_if_fail (GENU_IS_DIFFERENTIAL_VIEW (self), FALSE);

  return gtk_widget_get_visible (self->banner);
}
