/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "genu-report-layout.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

/* The page: margins, the running header and footer, and the space between blocks, in points. */
#define MARGIN            42.0
#define RUNNING_GAP       10.0   /* between the running header (or footer) and the body */
#define BLOCK_GAP         6.0
#define HEADING_GAP       8.0
#define CELL_PAD          3.0
#define FIELD_GAP         10.0
#define LOGO_MAX_HEIGHT   48.0
#define LOGO_MAX_WIDTH    120.0
#define LOGO_GAP          12.0
/* A heading wants at least this many lines of what follows it on the same page. */
#define KEEP_WITH_LINES   3

typedef enum {
  BLOCK_LETTERHEAD,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_FIELDS,
  BLOCK_TABLE,
  BLOCK_FIGURE,
  BLOCK_SPACE,
} BlockKind;

typedef struct {
  BlockKind            kind;
  char                *text;        /* heading, paragraph, letterhead lines */
  char                *title;       /* letterhead */
  cairo_surface_t     *logo;        /* letterhead, nullable */
  GenuReportTextStyle  style;
  guint                level;
  double               height;      /* figure, space */
  guint                n_columns;   /* table; 2 for fields */
  double              *widths;      /* table */
  GStrv                headers;     /* table */
  GPtrArray           *rows;        /* table, fields: GStrv of n_columns cells */
  GenuReportDrawFunc   func;        /* figure */
  gpointer             user_data;
  GDestroyNotify       destroy;
} Block;

/* One line of a PangoLayout, in points from the top of the layout. */
typedef struct {
  double x;          /* where Pango's alignment puts the line (right-to-left text) */
  double top;
  double bottom;
  double baseline;
} LineBox;

/* A laid-out piece of text and its lines, shared by the items that show parts of it. */
typedef struct {
  gatomicrefcount  ref_count;
  PangoLayout     *layout;
  GArray          *lines;     /* LineBox */
  double           width;     /* of the ink, for the label column of fields */
} TextBox;

typedef enum {
  ITEM_LINES,
  ITEM_RULE,
  ITEM_FILL,
  ITEM_FIGURE,
  ITEM_IMAGE,
} ItemKind;

/* Something drawn on a page, at a place fixed by the pagination. */
typedef struct {
  ItemKind  kind;
  double    x, y, width, height;   /* RULE: from (x, y) to (x + width, y + height) */
  TextBox  *text;                  /* LINES: lines [first, last) with the top of first at y */
  guint     first, last;
  Block    *block;                 /* FIGURE, IMAGE (the letterhead's logo) */
} Item;

struct _GenuReportLayout
{
  GObject       parent_instance;

  char         *font_family;
  double        font_size;
  char         *header_start;
  char         *header_end;
  char         *footer_start;

  GPtrArray    *blocks;           /* Block */
  PangoContext *context;          /* from the last pagination */
  GPtrArray    *pages;            /* GPtrArray of Item, one per page */
  GPtrArray    *page_numbers;     /* TextBox, "Page N of M", one per page */
  TextBox      *running[3];       /* header start, header end, footer start; nullable */
  double        page_width;
  double        page_height;
};

G_DEFINE_FINAL_TYPE (GenuReportLayout, genu_report_layout, G_TYPE_OBJECT)

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->title);
  g_clear_pointer (&block->logo, cairo_surface_destroy);
  g_free (block->widths);
  g_strfreev (block->headers);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  if (block->destroy != NULL)
    block->destroy (block->user_data);
  g_free (block);
}

static TextBox *
text_box_ref (TextBox *box)
{
  g_atomic_ref_count_inc (&box->ref_count);
  return box;
}

static void
text_box_unref (TextBox *box)
{
  if (box == NULL || !g_atomic_ref_count_dec (&box->ref_count))
    return;
  g_object_unref (box->layout);
  g_array_unref (box->lines);
  g_free (box);
}

static void
item_free (Item *item)
{
  g_clear_pointer (&item->text, text_box_unref);
  g_free (item);
}

static double
text_box_height (TextBox *box)
{
  if (box->lines->len == 0)
    return 0.0;
  return g_array_index (box->lines, LineBox, box->lines->len - 1).bottom;
}

/* The height of lines [first, last) of @box. */
static double
text_box_span (TextBox *box,
               guint    first,
               guint    last)
{
  if (last <= first)
    return 0.0;
  return g_array_index (box->lines, LineBox, last - 1).bottom
         - g_array_index (box->lines, LineBox, first).top;
}

/* How many lines from @first fit in @height. */
static guint
text_box_lines_fitting (TextBox *box,
                        guint    first,
                        double   height)
{
  guint last = first;

  while (last < box->lines->len && text_box_span (box, first, last + 1) <= height + 0.01)
    last++;
  return last - first;
}

/* Lays @text out @width points wide (0 = unlimited), wrapped between words, or inside a word
 * too long for the width: a table cell never overflows its column. */
static TextBox *
text_box_new (GenuReportLayout    *self,
              const char          *text,
              GenuReportTextStyle  style,
              double               size,
              double               width)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (self->font_family);
  TextBox *box = g_new0 (TextBox, 1);
  PangoLayoutIter *iter;
  PangoRectangle ink, logical;

  g_atomic_ref_count_init (&box->ref_count);
  box->layout = pango_layout_new (self->context);
  box->lines = g_array_new (FALSE, FALSE, sizeof (LineBox));

  if (style & GENU_REPORT_TEXT_SMALL)
    size *= 0.85;
  if (style & GENU_REPORT_TEXT_LARGE)
    size *= 1.3;
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, (style & GENU_REPORT_TEXT_BOLD) ? PANGO_WEIGHT_BOLD
                                                                          : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, (style & GENU_REPORT_TEXT_ITALIC) ? PANGO_STYLE_ITALIC
                                                                           : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (box->layout, font);
  pango_layout_set_wrap (box->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (box->layout, PANGO_ELLIPSIZE_NONE);
  if (width > 0)
    pango_layout_set_width (box->layout, (int) floor (width * PANGO_SCALE));
  pango_layout_set_text (box->layout, text != NULL ? text : "", -1);

  iter = pango_layout_get_iter (box->layout);
  do
    {
      LineBox line;
      PangoRectangle line_logical;
      int y0, y1;

      pango_layout_iter_get_line_extents (iter, NULL, &line_logical);
      line.x = (double) line_logical.x / PANGO_SCALE;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      line.top = (double) y0 / PANGO_SCALE;
      line.bottom = (double) y1 / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (box->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pango_layout_get_extents (box->layout, &ink, &logical);
  box->width = (double) logical.width / PANGO_SCALE;
  return box;
}

/* The state of a pagination: the page being filled and where. */
typedef struct {
  GenuReportLayout *self;
  GPtrArray        *items;   /* of the current page */
  double            left;
  double            width;
  double            top;
  double            bottom;
  double            y;
} Paginator;

static void
new_page (Paginator *pg)
{
  pg->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_ptr_array_add (pg->self->pages, pg->items);
  pg->y = pg->top;
}

/* Starts a new page unless @height fits on this one (or it is empty anyway). */
static void
ensure_room (Paginator *pg,
             double     height)
{
  if (pg->y + height > pg->bottom + 0.01 && pg->y > pg->top)
    new_page (pg);
}

static Item *
add_item (Paginator *pg,
          ItemKind   kind,
          double     x,
          double     y,
          double     width,
          double     height)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->x = x;
  item->y = y;
  item->width = width;
  item->height = height;
  g_ptr_array_add (pg->items, item);
  return item;
}

static void
add_lines (Paginator *pg,
           TextBox   *box,
           guint      first,
           guint      last,
           double     x,
           double     y)
{
  Item *item;

  if (last <= first)
    return;
  item = add_item (pg, ITEM_LINES, x, y, 0, text_box_span (box, first, last));
  item->text = text_box_ref (box);
  item->first = first;
  item->last = last;
}

/* Flows the lines of @box down the pages from the current position. */
static void
flow_text (Paginator *pg,
           TextBox   *box,
           double     x)
{
  guint first = 0;

  while (first < box->lines->len)
    {
      guint n = text_box_lines_fitting (box, first, pg->bottom - pg->y);

      if (n == 0)
        {
          if (pg->y > pg->top)
            {
              new_page (pg);
              continue;
            }
          n = 1;   /* a line taller than a page: there is nothing better to do */
        }
      add_lines (pg, box, first, first + n, x, pg->y);
      pg->y += text_box_span (box, first, first + n);
      first += n;
    }
}

/* A table's columns, and its header row repeated on each page it reaches. */
typedef struct {
  guint      n_columns;
  double    *x;           /* left edge of each column */
  double    *width;
  TextBox  **header;      /* nullable */
  gboolean   ruled;       /* a table: rules and a shaded header; else a list of fields */
} Columns;

static double
row_height (TextBox **cells,
            guint     n_columns)
{
  double height = 0.0;

  for (guint c = 0; c < n_columns; c++)
    height = MAX (height, text_box_height (cells[c]));
  return height + 2 * CELL_PAD;
}

static void
place_header_row (Paginator *pg,
                  Columns   *columns)
{
  double height;

  if (columns->header == NULL)
    return;

  height = row_height (columns->header, columns->n_columns);
  add_item (pg, ITEM_FILL, pg->left, pg->y, pg->width, height);
  for (guint c = 0; c < columns->n_columns; c++)
    add_lines (pg, columns->header[c], 0, columns->header[c]->lines->len,
               columns->x[c] + CELL_PAD, pg->y + CELL_PAD);
  add_item (pg, ITEM_RULE, pg->left, pg->y + height, pg->width, 0);
  pg->y += height;
}

static void
new_table_page (Paginator *pg,
                Columns   *columns)
{
  new_page (pg);
  place_header_row (pg, columns);
}

/* Places one row, on this page when it fits, else on the next one (after the header row); a row
 * taller than a whole page is split between lines, each cell going on where it stopped. */
static void
flow_row (Paginator *pg,
          Columns   *columns,
          TextBox  **cells)
{
  g_autofree guint *next = g_new0 (guint, columns->n_columns);
  double header = columns->header != NULL ? row_height (columns->header, columns->n_columns)
                                          : 0.0;
  double height = row_height (cells, columns->n_columns);
  double page_room = pg->bottom - pg->top - header;

  if (pg->y + height > pg->bottom + 0.01 && (height <= page_room || pg->bottom - pg->y < 48.0))
    new_table_page (pg, columns);

  for (;;)
    {
      double room = pg->bottom - pg->y - 2 * CELL_PAD;
      double used = 0.0;
      gboolean progress = FALSE;
      gboolean done = TRUE;

      for (guint c = 0; c < columns->n_columns; c++)
        {
          guint n = text_box_lines_fitting (cells[c], next[c], room);

          if (next[c] + n < cells[c]->lines->len)
            done = FALSE;
          if (n > 0)
            progress = TRUE;
          used = MAX (used, text_box_span (cells[c], next[c], next[c] + n));
          add_lines (pg, cells[c], next[c], next[c] + n, columns->x[c] + CELL_PAD,
                     pg->y + CELL_PAD);
          next[c] += n;
        }

      if (!progress && !done)
        {
          /* Not even one line fits: go on on the next page. A page that cannot hold one line
           * is not a page; give up rather than loop. */
          if (pg->y <= pg->top + header + 0.01)
            return;
          new_table_page (pg, columns);
          continue;
        }

      pg->y += used + 2 * CELL_PAD;
      if (columns->ruled)
        add_item (pg, ITEM_RULE, pg->left, pg->y, pg->width, 0);
      if (done)
        break;
      new_table_page (pg, columns);
    }
}

static void
flow_table (Paginator *pg,
            Block     *block)
{
  GenuReportLayout *self = pg->self;
  Columns columns = { 0, };
  g_autofree double *x = g_new0 (double, block->n_columns);
  g_autofree double *width = g_new0 (double, block->n_columns);
  g_autofree TextBox **header = g_new0 (TextBox *, block->n_columns);
  double left = pg->left;

  columns.n_columns = block->n_columns;
  columns.x = x;
  columns.width = width;
  columns.ruled = TRUE;
  for (guint c = 0; c < block->n_columns; c++)
    {
      x[c] = left;
      width[c] = block->widths[c] * pg->width;
      left += width[c];
      header[c] = text_box_new (self, block->headers[c], GENU_REPORT_TEXT_BOLD,
                                self->font_size * 0.9, width[c] - 2 * CELL_PAD);
    }
  columns.header = header;

  /* The header row with at least its first row. */
  if (block->rows->len > 0)
    {
      g_autofree TextBox **cells = g_new0 (TextBox *, block->n_columns);
      GStrv row = g_ptr_array_index (block->rows, 0);
      double first;

      for (guint c = 0; c < block->n_columns; c++)
        cells[c] = text_box_new (self, row[c], GENU_REPORT_TEXT_NORMAL, self->font_size * 0.9,
                                 width[c] - 2 * CELL_PAD);
      first = MIN (row_height (cells, block->n_columns), 60.0);
      ensure_room (pg, row_height (header, block->n_columns) + first);
      for (guint c = 0; c < block->n_columns; c++)
        text_box_unref (cells[c]);
    }
  else
    ensure_room (pg, row_height (header, block->n_columns));

  add_item (pg, ITEM_RULE, pg->left, pg->y, pg->width, 0);
  place_header_row (pg, &columns);

  for (guint r = 0; r < block->rows->len; r++)
    {
      g_autofree TextBox **cells = g_new0 (TextBox *, block->n_columns);
      GStrv row = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < block->n_columns; c++)
        cells[c] = text_box_new (self, row[c], GENU_REPORT_TEXT_NORMAL, self->font_size * 0.9,
                                 width[c] - 2 * CELL_PAD);
      flow_row (pg, &columns, cells);
      for (guint c = 0; c < block->n_columns; c++)
        text_box_unref (cells[c]);
    }

  for (guint c = 0; c < block->n_columns; c++)
    text_box_unref (header[c]);
  pg->y += BLOCK_GAP;
}

static void
flow_fields (Paginator *pg,
             Block     *block)
{
  GenuReportLayout *self = pg->self;
  Columns columns = { 0, };
  double x[2], width[2];
  double label_width = 0.0;

  /* The label column is as wide as the widest label, up to a third of the page. */
  for (guint r = 0; r < block->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (block->rows, r);
      TextBox *label = text_box_new (self, row[0], GENU_REPORT_TEXT_BOLD, self->font_size, 0);

      label_width = MAX (label_width, label->width);
      text_box_unref (label);
    }
  label_width = MIN (label_width + 2 * CELL_PAD + FIELD_GAP, pg->width / 3);

  x[0] = pg->left;
  width[0] = label_width;
  x[1] = pg->left + label_width;
  width[1] = pg->width - label_width;
  columns.n_columns = 2;
  columns.x = x;
  columns.width = width;

  for (guint r = 0; r < block->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (block->rows, r);
      TextBox *cells[2];

      cells[0] = text_box_new (self, row[0], GENU_REPORT_TEXT_BOLD, self->font_size,
                               width[0] - 2 * CELL_PAD - FIELD_GAP);
      cells[1] = text_box_new (self, row[1], GENU_REPORT_TEXT_NORMAL, self->font_size,
                               width[1] - 2 * CELL_PAD);
      flow_row (pg, &columns, cells);
      text_box_unref (cells[0]);
      text_box_unref (cells[1]);
    }
  pg->y += BLOCK_GAP;
}

static void
flow_letterhead (Paginator *pg,
                 Block     *block)
{
  GenuReportLayout *self = pg->self;
  double logo_width = 0.0, logo_height = 0.0;
  TextBox *title, *text;
  double x = pg->left, height;

  if (block->logo != NULL)
    {
      double w = cairo_image_surface_get_width (block->logo);
      double h = cairo_image_surface_get_height (block->logo);
      double scale = MIN (LOGO_MAX_HEIGHT / h, LOGO_MAX_WIDTH / w);

      logo_width = w * scale;
      logo_height = h * scale;
      x += logo_width + LOGO_GAP;
    }

  title = text_box_new (self, block->title, GENU_REPORT_TEXT_BOLD | GENU_REPORT_TEXT_LARGE,
                        self->font_size, pg->left + pg->width - x);
  text = text_box_new (self, block->text, GENU_REPORT_TEXT_NORMAL, self->font_size,
                       pg->left + pg->width - x);
  height = MAX (logo_height, text_box_height (title) + text_box_height (text));
  ensure_room (pg, height);

  if (block->logo != NULL)
    {
      Item *item = add_item (pg, ITEM_IMAGE, pg->left, pg->y, logo_width, logo_height);

      item->block = block;
    }
  add_lines (pg, title, 0, title->lines->len, x, pg->y);
  if (block->text != NULL && *block->text != '\0')
    add_lines (pg, text, 0, text->lines->len, x, pg->y + text_box_height (title));
  pg->y += height + HEADING_GAP;
  add_item (pg, ITEM_RULE, pg->left, pg->y, pg->width, 0);
  pg->y += HEADING_GAP;

  text_box_unref (title);
  text_box_unref (text);
}

/* How much of @next must follow a heading on its page: a figure whole, a table its header row
 * and a row, else a few lines. */
static double
keep_with_height (GenuReportLayout *self,
                  Block            *next)
{
  double lines = KEEP_WITH_LINES * self->font_size * 1.4;

  if (next == NULL)
    return 0.0;
  if (next->kind == BLOCK_FIGURE)
    return next->height;
  if (next->kind == BLOCK_TABLE)
    return 2 * lines;
  return lines;
}

static void
flow_heading (Paginator *pg,
              Block     *block,
              Block     *next)
{
  GenuReportLayout *self = pg->self;
  GenuReportTextStyle style = GENU_REPORT_TEXT_BOLD;
  TextBox *box;
  double height;

  if (block->level <= 1)
    style |= GENU_REPORT_TEXT_LARGE;
  box = text_box_new (self, block->text, style,
                      block->level == 0 ? self->font_size * 1.3 : self->font_size, pg->width);
  height = text_box_height (box);

  if (pg->y > pg->top)
    pg->y += block->level <= 1 ? HEADING_GAP : HEADING_GAP / 2;
  ensure_room (pg, MIN (height + HEADING_GAP + keep_with_height (self, next),
                        pg->bottom - pg->top));
  flow_text (pg, box, pg->left);
  if (block->level == 1)
    {
      pg->y += 2.0;
      add_item (pg, ITEM_RULE, pg->left, pg->y, pg->width, 0);
    }
  pg->y += HEADING_GAP / 2;
  text_box_unref (box);
}

static void
flow_block (Paginator *pg,
            Block     *block,
            Block     *next)
{
  GenuReportLayout *self = pg->self;
  TextBox *box;
  Item *item;

  switch (block->kind)
    {
    case BLOCK_LETTERHEAD:
      flow_letterhead (pg, block);
      break;

    case BLOCK_HEADING:
      flow_heading (pg, block, next);
      break;

    case BLOCK_PARAGRAPH:
      box = text_box_new (self, block->text, block->style, self->font_size, pg->width);
      flow_text (pg, box, pg->left);
      pg->y += BLOCK_GAP;
      text_box_unref (box);
      break;

    case BLOCK_FIELDS:
      flow_fields (pg, block);
      break;

    case BLOCK_TABLE:
      flow_table (pg, block);
      break;

    case BLOCK_FIGURE:
      ensure_room (pg, MIN (block->height, pg->bottom - pg->top));
      item = add_item (pg, ITEM_FIGURE, pg->left, pg->y, pg->width,
                       MIN (block->height, pg->bottom - pg->top));
      item->block = block;
      pg->y += item->height + BLOCK_GAP;
      break;

    case BLOCK_SPACE:
      if (pg->y + block->height > pg->bottom)
        new_page (pg);
      else
        pg->y += block->height;
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_lines (cairo_t *cr,
            Item    *item)
{
  LineBox *first = &g_array_index (item->text->lines, LineBox, item->first);

  for (guint i = item->first; i < item->last; i++)
    {
      LineBox *line = &g_array_index (item->text->lines, LineBox, i);
      PangoLayoutLine *layout_line = pango_layout_get_line_readonly (item->text->layout, (int) i);
      PangoRectangle logical;

      /* The line's origin, where its logical rectangle starts in the layout: right-to-left
       * lines are aligned to the right by Pango. */
      pango_layout_line_get_extents (layout_line, NULL, &logical);
      cairo_move_to (cr, item->x + line->x - (double) logical.x / PANGO_SCALE,
                     item->y + line->baseline - first->top);
      pango_cairo_show_layout_line (cr, layout_line);
    }
}

static void
draw_item (GenuReportLayout *self,
           cairo_t          *cr,
           Item             *item)
{
  cairo_save (cr);
  switch (item->kind)
    {
    case ITEM_LINES:
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_lines (cr, item);
      break;

    case ITEM_RULE:
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, item->x, item->y);
      cairo_rel_line_to (cr, item->width, item->height);
      cairo_stroke (cr);
      break;

    case ITEM_FILL:
      cairo_set_source_rgb (cr, 0.91, 0.91, 0.91);
      cairo_rectangle (cr, item->x, item->y, item->width, item->height);
      cairo_fill (cr);
      break;

    case ITEM_FIGURE:
      cairo_translate (cr, item->x, item->y);
      cairo_rectangle (cr, 0, 0, item->width, item->height);
      cairo_clip (cr);
      item->block->func (cr, item->width, item->height, item->block->user_data);
      break;

    case ITEM_IMAGE:
      cairo_translate (cr, item->x, item->y);
      cairo_scale (cr, item->width / cairo_image_surface_get_width (item->block->logo),
                   item->height / cairo_image_surface_get_height (item->block->logo));
      cairo_set_source_surface (cr, item->block->logo, 0, 0);
      cairo_paint (cr);
      break;

    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

static Block *
append_block (GenuReportLayout *self,
              BlockKind         kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static Block *
get_last_block (GenuReportLayout *self)
{
  if (self->blocks->len == 0)
    return NULL;
  return g_ptr_array_index (self->blocks, self->blocks->len - 1);
}

static void
clear_pagination (GenuReportLayout *self)
{
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->page_numbers, 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->running); i++)
    g_clear_pointer (&self->running[i], text_box_unref);
  g_clear_object (&self->context);
}

static void
genu_report_layout_finalize (GObject *object)
{
  GenuReportLayout *self = GENU_REPORT_LAYOUT (object);

  clear_pagination (self);
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->page_numbers);
  g_ptr_array_unref (self->blocks);
  g_free (self->font_family);
  g_free (self->header_start);
  g_free (self->header_end);
  g_free (self->footer_start);

  G_OBJECT_CLASS (genu_report_layout_parent_class)->finalize (object);
}

static void
genu_report_layout_class_init (GenuReportLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = genu_report_layout_finalize;
}

static void
genu_report_layout_init (GenuReportLayout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->page_numbers = g_ptr_array_new_with_free_func ((GDestroyNotify) text_box_unref);
}

GenuReportLayout *
genu_report_layout_new (const char *font_family,
                        double      font_size)
{
  GenuReportLayout *self;

  g_return_val_if_fail (font_family != NULL, NULL);
  g_return_val_if_fail (font_size > 0, NULL);

  self = g_object_new (GENU_TYPE_REPORT_LAYOUT, NULL);
  self->font_family = g_strdup (font_family);
  self->font_size = font_size;
  return self;
}

void
genu_report_layout_set_running_texts (GenuReportLayout *self,
                                      const char       *header_start,
                                      const char       *header_end,
                                      const char       *footer_start)
{
  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));

  g_free (self->header_start);
  g_free (self->header_end);
  g_free (self->footer_start);
  self->header_start = g_strdup (header_start);
  self->header_end = g_strdup (header_end);
  self->footer_start = g_strdup (footer_start);
}

void
genu_report_layout_add_letterhead (GenuReportLayout *self,
                                   cairo_surface_t  *logo,
                                   const char       *title,
                                   const char       *text)
{
  Block *block;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));

  block = append_block (self, BLOCK_LETTERHEAD);
  if (logo != NULL && cairo_surface_status (logo) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_width (logo) > 0 && cairo_image_surface_get_height (logo) > 0)
    block->logo = cairo_surface_reference (logo);
  block->title = g_strdup (title != NULL ? title : "");
  block->text = g_strdup (text != NULL ? text : "");
}

void
genu_report_layout_add_heading (GenuReportLayout *self,
                                const char       *text,
                                guint             level)
{
  Block *block;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  g_return_if_fail (text != NULL);

  block = append_block (self, BLOCK_HEADING);
  block->text = g_strdup (text);
  block->level = level;
}

void
genu_report_layout_add_paragraph (GenuReportLayout    *self,
                                  const char          *text,
                                  GenuReportTextStyle  style)
{
  Block *block;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  g_return_if_fail (text != NULL);

  block = append_block (self, BLOCK_PARAGRAPH);
  block->text = g_strdup (text);
  block->style = style;
}

void
genu_report_layout_add_field (GenuReportLayout *self,
                              const char       *label,
                              const char       *value)
{
  Block *block;
  char **row;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  g_return_if_fail (label != NULL);

  block = get_last_block (self);
  if (block == NULL || block->kind != BLOCK_FIELDS)
    {
      block = append_block (self, BLOCK_FIELDS);
      block->n_columns = 2;
      block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    }

  row = g_new0 (char *, 3);
  row[0] = g_strdup (label);
  row[1] = g_strdup (value != NULL ? value : "");
  g_ptr_array_add (block->rows, row);
}

void
genu_report_layout_begin_table (GenuReportLayout   *self,
                                guint               n_columns,
                                const double       *widths,
                                const char * const *headers)
{
  Block *block;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (widths != NULL && headers != NULL);

  block = append_block (self, BLOCK_TABLE);
  block->n_columns = n_columns;
  block->widths = g_memdup2 (widths, n_columns * sizeof (double));
  block->headers = g_new0 (char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    block->headers[c] = g_strdup (headers[c]);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
genu_report_layout_add_row (GenuReportLayout   *self,
                            const char * const *cells)
{
  Block *block;
  char **row;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  block = get_last_block (self);
  g_return_if_fail (block != NULL && block->kind == BLOCK_TABLE);

  row = g_new0 (char *, block->n_columns + 1);
  for (guint c = 0; c < block->n_columns; c++)
    row[c] = g_strdup (cells[c] != NULL ? cells[c] : "");
  g_ptr_array_add (block->rows, row);
}

void
genu_report_layout_add_figure (GenuReportLayout   *self,
                               double              height,
                               GenuReportDrawFunc  func,
                               gpointer            user_data,
                               GDestroyNotify      destroy)
{
  Block *block;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  g_return_if_fail (height > 0 && func != NULL);

  block = append_block (self, BLOCK_FIGURE);
  block->height = height;
  block->func = func;
  block->user_data = user_data;
  block->destroy = destroy;
}

void
genu_report_layout_add_space (GenuReportLayout *self,
                              double            points)
{
  Block *block;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));

  block = append_block (self, BLOCK_SPACE);
  block->height = points;
}

guint
genu_report_layout_paginate (GenuReportLayout *self,
                             cairo_t          *cr,
                             double            page_width,
                             double            page_height)
{
  Paginator pg = { self, NULL, };
  cairo_font_options_t *options;
  const char *running_texts[3];
  double header_height = 0.0, footer_height = 0.0;
  guint n_pages;

  g_return_val_if_fail (GENU_IS_REPORT_LAYOUT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (page_width > 4 * MARGIN && page_height > 4 * MARGIN, 0);

  clear_pagination (self);
  self->page_width = page_width;
  self->page_height = page_height;

  /* One unit is one point, and glyph positions do not depend on the device: the pages are the
   * same on paper, in a PDF file and on the screen. */
  self->context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (self->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  running_texts[0] = self->header_start;
  running_texts[1] = self->header_end;
  running_texts[2] = self->footer_start;
  for (guint i = 0; i < G_N_ELEMENTS (running_texts); i++)
    {
      /* The start texts get what the end texts ("Page 10 of 12", a date) leave them. */
      double width = (page_width - 2 * MARGIN) * (i == 1 ? 0.3 : 0.65);

      self->running[i] = text_box_new (self, running_texts[i] != NULL ? running_texts[i] : "",
                                       GENU_REPORT_TEXT_SMALL, self->font_size, width);
    }
  header_height = MAX (text_box_height (self->running[0]), text_box_height (self->running[1]));
  footer_height = text_box_height (self->running[2]);
  footer_height = MAX (footer_height, self->font_size * 1.3);

  pg.left = MARGIN;
  pg.width = page_width - 2 * MARGIN;
  pg.top = MARGIN + header_height + RUNNING_GAP;
  pg.bottom = page_height - MARGIN - footer_height - RUNNING_GAP;
  new_page (&pg);

  for (guint i = 0; i < self->blocks->len; i++)
    flow_block (&pg, g_ptr_array_index (self->blocks, i),
                i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL);

  /* A document that ends with a page break has no empty last page. */
  if (self->pages->len > 1 && pg.items->len == 0)
    g_ptr_array_set_size (self->pages, self->pages->len - 1);

  n_pages = self->pages->len;
  for (guint i = 0; i < n_pages; i++)
    {
      /* TRANSLATORS: at the foot of each page of a printed summary */
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);

      g_ptr_array_add (self->page_numbers,
                       text_box_new (self, text, GENU_REPORT_TEXT_SMALL, self->font_size, 0));
    }

  return n_pages;
}

guint
genu_report_layout_get_n_pages (GenuReportLayout *self)
{
  g_return_val_if_fail (GENU_IS_REPORT_LAYOUT (self), 0);

  return self->pages->len;
}

static void
draw_running_text (cairo_t *cr,
                   TextBox *box,
                   double   x,
                   double   y,
                   gboolean align_end)
{
  Item item = { ITEM_LINES, };

  if (box->lines->len == 0)
    return;
  item.x = align_end ? x - box->width : x;
  item.y = y;
  item.text = box;
  item.first = 0;
  item.last = box->lines->len;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  draw_lines (cr, &item);
  cairo_restore (cr);
}

void
genu_report_layout_draw_page (GenuReportLayout *self,
                              cairo_t          *cr,
                              guint             page)
{
  GPtrArray *items;
  TextBox *number;
  double header_height, footer_y;

  g_return_if_fail (GENU_IS_REPORT_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  items = g_ptr_array_index (self->pages, page);
  number = g_ptr_array_index (self->page_numbers, page);

  header_height = MAX (text_box_height (self->running[0]), text_box_height (self->running[1]));
  draw_running_text (cr, self->running[0], MARGIN, MARGIN, FALSE);
  draw_running_text (cr, self->running[1], self->page_width - MARGIN, MARGIN, TRUE);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, MARGIN + header_height + RUNNING_GAP / 2);
  cairo_line_to (cr, self->page_width - MARGIN, MARGIN + header_height + RUNNING_GAP / 2);
  footer_y = self->page_height - MARGIN - MAX (text_box_height (self->running[2]),
                                               text_box_height (number));
  cairo_move_to (cr, MARGIN, footer_y - RUNNING_GAP / 2);
  cairo_line_to (cr, self->page_width - MARGIN, footer_y - RUNNING_GAP / 2);
  cairo_stroke (cr);
  cairo_restore (cr);
  draw_running_text (cr, self->running[2], MARGIN, footer_y, FALSE);
  draw_running_text (cr, number, self->page_width - MARGIN, footer_y, TRUE);

  for (guint i = 0; i < items->len; i++)
    draw_item (self, cr, g_ptr_array_index (items, i));
}
