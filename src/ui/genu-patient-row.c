/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-patient-row.h"

#include "genu-locale.h"

#include <glib/gi18n.h>

struct _GenuPatientRow
{
  GtkWidget    parent_instance;

  GenuPatient *patient;

  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;
};

enum {
  PROP_0,
  PROP_PATIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GenuPatientRow, genu_patient_row, GTK_TYPE_WIDGET)

static void
genu_patient_row_dispose (GObject *object)
{
  GenuPatientRow *self = GENU_PATIENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GENU_TYPE_PATIENT_ROW);
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (genu_patient_row_parent_class)->dispose (object);
}

static void
genu_patient_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GenuPatientRow *self = GENU_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      g_value_set_object (value, self->patient);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GenuPatientRow *self = GENU_PATIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATIENT:
      genu_patient_row_set_patient (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
genu_patient_row_class_init (GenuPatientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = genu_patient_row_dispose;
  object_class->get_property = genu_patient_row_get_property;
  object_class->set_property = genu_patient_row_set_property;

  properties[PROP_PATIENT] =
    g_param_spec_object ("patient", NULL, NULL, GENU_TYPE_PATIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/genu/Genu/genu-patient-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GenuPatientRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GenuPatientRow, subtitle_label);
}

static void
genu_patient_row_init (GenuPatientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
genu_patient_row_new (void)
{
  return g_object_new (GENU_TYPE_PATIENT_ROW, NULL);
}

GenuPatient *
genu_patient_row_get_patient (GenuPatientRow *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_ROW (self), NULL);

  return self->patient;
}

/**
 * genu_patient_row_set_patient:
 * @patient: (nullable): the patient to show; %NULL for an empty row
 */
void
genu_patient_row_set_patient (GenuPatientRow *self,
                              GenuPatient    *patient)
{
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (GENU_IS_PATIENT_ROW (self));
  g_return_if_fail (patient == NULL || GENU_IS_PATIENT (patient));

  if (!g_set_object (&self->patient, patient))
    return;

  if (patient != NULL)
    {
      const char *record_number = genu_patient_get_text (patient, GENU_PATIENT_RECORD_NUMBER);

      name = genu_patient_dup_display_name (patient);
      birth = genu_format_date (genu_patient_get_text (patient, GENU_PATIENT_DATE_OF_BIRTH));
      if (genu_patient_get_archived (patient))
        /* TRANSLATORS: record number · date of birth, of an archived patient */
        subtitle = g_strdup_printf (_("%s · %s · archived"), record_number, birth);
      else
        /* TRANSLATORS: record number · date of birth */
        subtitle = g_strdup_printf (_("%s · %s"), record_number, birth);
    }

  gtk_label_set_text (self->title_label, name != NULL ? name : "");
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

const char *
genu_patient_row_get_title (GenuPatientRow *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
genu_patient_row_get_subtitle (GenuPatientRow *self)
{
  g_return_val_if_fail (GENU_IS_PATIENT_ROW (self), NULL);

  return gtk_label_get_text (self->subtitle_label);
}
