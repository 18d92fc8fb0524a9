/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What was done in a treatment session. The spelling of genu_intervention_kind_to_string() is
 * the database, JSON and command line one. */
typedef enum {
  GENU_INTERVENTION_IASTM,            /* "iastm": Graston Technique / instrument-assisted */
  GENU_INTERVENTION_EXERCISE,         /* "exercise" */
  GENU_INTERVENTION_TAPING,           /* "taping" */
  GENU_INTERVENTION_BRACING,          /* "bracing" */
  GENU_INTERVENTION_MANUAL_THERAPY,   /* "manual_therapy" */
  GENU_INTERVENTION_EDUCATION,        /* "education" */
  GENU_INTERVENTION_LOAD_MANAGEMENT,  /* "load_management" */
  GENU_INTERVENTION_MODALITY,         /* "modality" */
  GENU_INTERVENTION_N_KINDS,
} GenuInterventionKind;

typedef enum {
  GENU_INTERVENTION_FIELD_TEXT,       /* a JSON string */
  GENU_INTERVENTION_FIELD_NUMBER,     /* a JSON number within min..max (whole when integer) */
  GENU_INTERVENTION_FIELD_CHOICE,     /* a JSON string: one choice id */
  GENU_INTERVENTION_FIELD_CHOICES,    /* a JSON array of choice ids, in the table's order */
  GENU_INTERVENTION_FIELD_BOOL,       /* a JSON boolean */
} GenuInterventionFieldType;

/* @label is untranslated (marked N_() in the table): show it through
 * genu_intervention_choice_get_label(), which translates it. */
typedef struct {
  const char *id;
  const char *label;
} GenuInterventionChoice;

/* One field of a kind's record, from a static table (see genu_intervention_kind_get_fields()).
 * @label and @unit are untranslated: show them through genu_intervention_field_get_label() and
 * genu_intervention_field_get_unit(), which translate them. */
typedef struct {
  const char                   *id;         /* JSON key, e.g. "minutes" */
  GenuInterventionFieldType     type;
  const char                   *label;      /* "Minutes" */
  const char                   *unit;       /* nullable: "min", "%" */
  double                        min;        /* NUMBER only: the accepted range, inclusive */
  double                        max;
  gboolean                      integer;    /* NUMBER only: whole numbers */
  gboolean                      required;
  const GenuInterventionChoice *choices;    /* CHOICE and CHOICES only, else NULL */
  guint                         n_choices;
} GenuInterventionField;

/* The fields per kind (shared/clinical/medial-knee.md, "Graston Technique / IASTM session record"):
 * iastm: instruments (CHOICES gt1..gt6, other; required), regions (CHOICES: the 8 spots of the
 *   knee diagram loc_* and adductors, medial_hamstrings, vastus_medialis, medial_retinaculum,
 *   gastrocnemius; required), techniques (CHOICES sweeping, fanning, brushing, framing, swivel,
 *   strumming), minutes (NUMBER 0.5-30; required), emollient (TEXT), pressure (CHOICE light,
 *   moderate, deep), response (TEXT), petechiae_bruising (BOOL), soreness_next_visit (BOOL);
 * exercise: exercise (TEXT, required), sets (1-20 whole), reps (1-200 whole), load (TEXT),
 *   side (CHOICE left, right, both);
 * taping: technique (TEXT, required), side; bracing: brace (TEXT, required);
 * manual_therapy: technique (TEXT, required), region (TEXT); education: topic (TEXT, required);
 * load_management: volume_change_percent (NUMBER -100..100 whole, required), advice (TEXT);
 * modality: modality (TEXT, required), minutes (NUMBER 1-60). */
const GenuInterventionField  *genu_intervention_kind_get_fields   (GenuInterventionKind  kind,
                                                                   guint                *n_fields);
/* NULL when @kind has no field @id. */
const GenuInterventionField  *genu_intervention_kind_lookup_field (GenuInterventionKind  kind,
                                                                   const char           *id);
/* NULL when @field has no choice @id (or is not a CHOICE or CHOICES field). */
const GenuInterventionChoice *genu_intervention_field_lookup_choice (const GenuInterventionField *field,
                                                                     const char                  *id);
/* Translated label and unit (unit: NULL when it has none). */
const char      *genu_intervention_field_get_label   (const GenuInterventionField  *field);
const char      *genu_intervention_field_get_unit    (const GenuInterventionField  *field);
const char      *genu_intervention_choice_get_label  (const GenuInterventionChoice *choice);

const char      *genu_intervention_kind_to_string    (GenuInterventionKind  kind);   /* "iastm" */
gboolean         genu_intervention_kind_from_string  (const char           *text,
                                                      GenuInterventionKind *kind);
const char      *genu_intervention_kind_label        (GenuInterventionKind  kind);   /* translated */

#define GENU_TYPE_INTERVENTION (genu_intervention_get_type ())
G_DECLARE_FINAL_TYPE (GenuIntervention, genu_intervention, GENU, INTERVENTION, GObject)

/* One intervention of a session: a kind, the values of its fields keyed by field id, and a free
 * note. The setters store what they are given without checking it (so a form can hold a half-typed
 * record); genu_intervention_validate() says what is wrong. Setting a value replaces any value of
 * the field, of whatever type. */
GenuIntervention     *genu_intervention_new          (GenuInterventionKind  kind);
GenuIntervention     *genu_intervention_copy         (GenuIntervention     *self);
/* Same kind, note and recorded values. */
gboolean              genu_intervention_equal        (GenuIntervention     *a,
                                                      GenuIntervention     *b);

GenuInterventionKind  genu_intervention_get_kind     (GenuIntervention     *self);
const char           *genu_intervention_get_note     (GenuIntervention     *self);   /* "" if none */
void                  genu_intervention_set_note     (GenuIntervention     *self,
                                                      const char           *note);

/* TEXT fields. get_text: NULL when not recorded or not a text. */
void                  genu_intervention_set_text     (GenuIntervention     *self,
                                                      const char           *field,
                                                      const char           *value);
const char           *genu_intervention_get_text     (GenuIntervention     *self,
                                                      const char           *field);
/* NUMBER fields. get_number: FALSE (and @value untouched) when not recorded as a number. */
void                  genu_intervention_set_number   (GenuIntervention     *self,
                                                      const char           *field,
                                                      double                value);
gboolean              genu_intervention_get_number   (GenuIntervention     *self,
                                                      const char           *field,
                                                      double               *value);
/* CHOICE fields: the choice id. get_choice: NULL when not recorded or not a text. */
void                  genu_intervention_set_choice   (GenuIntervention     *self,
                                                      const char           *field,
                                                      const char           *choice);
const char           *genu_intervention_get_choice   (GenuIntervention     *self,
                                                      const char           *field);
/* CHOICES fields: the choice ids. set_choices sorts them in the table's order and drops
 * duplicates (ids the table lacks go last, for genu_intervention_validate() to report); an empty
 * or NULL @choices clears the field. dup_choices: NULL when not recorded or not an array. */
void                  genu_intervention_set_choices  (GenuIntervention     *self,
                                                      const char           *field,
                                                      const char * const   *choices);
GStrv                 genu_intervention_dup_choices  (GenuIntervention     *self,
                                                      const char           *field);
/* BOOL fields. get_bool: FALSE (and @value untouched) when not recorded as a boolean. */
void                  genu_intervention_set_bool     (GenuIntervention     *self,
                                                      const char           *field,
                                                      gboolean              value);
gboolean              genu_intervention_get_bool     (GenuIntervention     *self,
                                                      const char           *field,
                                                      gboolean             *value);
void                  genu_intervention_clear        (GenuIntervention     *self,
                                                      const char           *field);
gboolean              genu_intervention_has          (GenuIntervention     *self,
                                                      const char           *field);
/* The ids of the recorded fields, in the table's order (unknown ids last, sorted). */
GStrv                 genu_intervention_dup_fields   (GenuIntervention     *self);

/* The rules of the kind's table: every recorded field is known, of its type, within range (whole
 * when integer), every choice id known; every required field recorded. Returns (transfer full)
 * (element-type GenuFieldError): field = the field id ("minutes"); empty when fine. Messages name
 * the field and say what to type ("Minutes: type a number from 0.5 to 30."). */
GPtrArray            *genu_intervention_validate     (GenuIntervention     *self);

/* {"kind": "iastm", "fields": {"<field id>": <value>, ...}, "note": "..."}: only recorded fields;
 * CHOICES as arrays of ids in the table's order. */
JsonNode             *genu_intervention_to_json      (GenuIntervention     *self);
/* Reading JSON. A problem is a GenuFieldError whose field says where it is, relative to the
 * intervention (genu_session_new_from_json() puts "interventions[N]." before it):
 *   ""             @node is not a JSON object ("An intervention must be a JSON object: …");
 *   "<member>"     a member other than "kind", "fields" and "note", the ones
 *                  genu_intervention_to_json() writes ("“kinds” is not a member of an
 *                  intervention. Remove it, or check its spelling.");
 *   "kind"         missing, not a text or not a kind ("“cupping” is not a kind of intervention.
 *                  Use one of: iastm, exercise, …");
 *   "note"         not a text; "fields": not a JSON object;
 *   "<field id>"   each rule of genu_intervention_validate() the fields break, with its message
 *                  ("minutes": "Minutes: type a number from 0.5 to 30.").
 * A null field, note or fields counts as absent. Messages are translated; member names and kinds
 * are quoted as the document spells them. */

/* Reads @node without stopping at a problem: appends every one to @problems (element-type
 * GenuFieldError), in the order above, and returns the intervention with its fields as given,
 * valid or not; NULL only when @node is not an object or names no known kind. */
GenuIntervention     *genu_intervention_read_json     (JsonNode            *node,
                                                       GPtrArray           *problems);
/* Reads what genu_intervention_to_json() writes ("fields" and "note" may be absent). Fails with
 * G_IO_ERROR_INVALID_DATA when there is any problem (see above): the message tells every one, a
 * line each, as "<field>: <message>" (the message alone when the field is ""). */
GenuIntervention     *genu_intervention_new_from_json (JsonNode            *node,
                                                       GError             **error);

/* One readable line, translated: "Graston Technique / IASTM: GT2, GT4 · Pes anserine, Adductors ·
 * sweeping, fanning · 4 min · moderate", "Exercise therapy: Side-lying hip abduction 3 × 15, 2 kg,
 * left". Only the kind's label when nothing is recorded. */
char                 *genu_intervention_dup_summary  (GenuIntervention     *self);

G_END_DECLS
