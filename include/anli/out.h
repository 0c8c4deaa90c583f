/* out.h — output encoders, one per format (mandoc -T style: one model, many
 * devices).  The CLI picks a device; the encoders turn model structures into
 * bytes in an sbuf.  Every string from the database goes through the text
 * sanitiser (lay_sanitize) on its way out: the output is valid UTF-8 and
 * holds no control character a terminal could act on.  Pure: no I/O. */
#ifndef ANLI_OUT_H
#define ANLI_OUT_H

#include "anli/model.h"
#include "anli/search.h"

/* --- JSON (json.c): a small emitter that places the commas itself.
 * Arrays put each element on its own line; objects stay on one line. */
#define JSON_MAX_DEPTH 16
struct json {
	struct sbuf *o;
	int depth;
	unsigned char n[JSON_MAX_DEPTH]; /* elements so far at each depth (0, 1: more) */
	unsigned char arr[JSON_MAX_DEPTH];
	int after_key;
};
void json_init(struct json *j, struct sbuf *o);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j); /* at depth 0 also ends the line */
void json_key(struct json *j, const char *key); /* key: a literal, not escaped */
void json_str(struct json *j, const char *s);   /* NULL → null */
void json_int(struct json *j, long long v);
void json_int_or_null(struct json *j, long long v); /* 0 → null */
void json_bool(struct json *j, int v);

/* The item's fields (inside an open object): id, collection, kind,
 * chapter…, lines (as stored), line_first, line_last, pages. */
void out_json_item(struct json *j, const struct model *m, const struct model_item *it);
/* `show --format=json`: the item's fields and its blocks. */
void out_json_show(struct sbuf *o, const struct model *m, const struct model_item *it, const struct model_block *b,
		   int nb);
/* The same; `only` >= 0: block b[only] alone (`show ID:N`); with
 * `numbered`, or for a block alone, each paragraph block gains "n" (its
 * paragraph number in the item), "section_n" (within its section),
 * "section_heading" and "cite" ("工作成效 第3段", addr_cite) after the
 * fields it always has. */
void out_json_show_ex(struct sbuf *o, const struct model *m, const struct model_item *it,
		      const struct model_block *b, int nb, int only, int numbered);

/* --- TSV (tsv.c): IANA text/tab-separated-values, which has no escaping:
 * fields never hold a tab or a newline (they show as ␉ and ␊). */
void out_tsv(struct sbuf *o, const char *s, int last); /* NULL → empty field */
void out_tsv_int(struct sbuf *o, long long v, int last);
void out_tsv_int_or_empty(struct sbuf *o, long long v, int last); /* 0 → empty field */
/* list's header line, and its row for one item */
void out_tsv_item_header(struct sbuf *o);
void out_tsv_item(struct sbuf *o, const struct model *m, const struct model_item *it);

/* --- Markdown (markdown.c) */
void out_markdown_show(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb);
/* The same; `only` >= 0: block b[only] alone, without the item's title;
 * `numbered`: each paragraph starts "¶N ". */
void out_markdown_show_ex(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int only,
			  int numbered);

/* --- Text (text.c): the item laid out at `width` columns (0: no wrapping)
 * exactly as the reader's detail pane shows it (doc.h). */
void out_text_show(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int width);
/* The same; `only` >= 0: block b[only] alone, without the item's title;
 * `numbered`: a gutter before every line holding, on a paragraph's first
 * line, its number (right-aligned; the text wraps in what the gutter
 * leaves of `width`). */
void out_text_show_ex(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int width,
		      int only, int numbered);
/* s sanitised, cut (never inside a character) at `width` columns and padded
 * with spaces to `pad` columns. */
void out_text_cell(struct sbuf *o, const char *s, int width, int pad);

/* --- decks of slides (deck.c; slides.h) */
struct deck;
struct slides_item;
enum { OUT_DECK_PRESENTERM = 1, OUT_DECK_PATAT = 2 };
/* Every slide as plain text, as it shows at the deck's size: its body rows,
 * then (when the deck reserves footer rows) a footer line holding the
 * slide's index title and n/N; each slide ends with a form feed. */
void out_deck_dump(struct sbuf *o, const struct deck *d);
/* The deck as Markdown for presenterm or patat: front matter (presenterm:
 * title, sub_title, event, author, from the first item, whose title slide
 * becomes presenterm's introduction slide; patat: pandoc's title and
 * author), then one slide per slide of the deck separated by
 * "<!-- end_slide -->" (presenterm) or "---" (patat) lines.  items: the
 * array the deck was built from. */
void out_deck_markdown(struct sbuf *o, const struct deck *d, const struct slides_item *items, int flavour);

/* --- search hits (search.c): one row or object per hit, with a snippet of
 * `context` characters either side; TSV marks the hit ⟦…⟧ in the snippet. */
void out_tsv_hits_header(struct sbuf *o);
void out_tsv_hit(struct sbuf *o, const struct model *m, const struct search_hit *h, int context);
void out_json_hit(struct json *j, const struct model *m, const struct search_hit *h, int context);

/* --- Tables (table.c): aligned columns for a terminal, measured with the
 * layout engine's widths (lay_strwidth: CJK-exact, ambiguous-width aware).
 * Build one with table_new(ncols), name its columns, add the cells row by
 * row (ncols cells a row), print it at a terminal width, free it. */
struct table;
struct table *table_new(int ncols);
/* Column col: its header label, right-aligned or not, and the narrowest
 * it may be cut to when the table is wider than the terminal (0: never
 * cut). */
void table_column(struct table *t, int col, const char *label, int right, int min);
/* The next cell: s (NULL: empty), and a tail that is never cut (NULL: none,
 * e.g. the mark of an inferred chapter start). */
void table_cell(struct table *t, const char *s, const char *tail);
void table_cell_int(struct table *t, long long v);
/* A cell holding a hit at bytes [hit_off, hit_off + hit_len) of s (blanks
 * it starts with dropped): when cut, it is cut around the hit, which stays
 * in sight.  With `bracket` (a table printed without colour) the hit is
 * marked ⟦…⟧ as in TSV, so that it can still be found. */
void table_cell_hit(struct table *t, const char *s, size_t hit_off, size_t hit_len, int bracket);
/* Two blanks between columns, none at the end of a line, every cell cut to
 * its column with glyph(GLYPH_CUT).  The columns that may be cut are
 * narrowed, the widest first, until the table fits `width` columns (or
 * none may be cut further).  With `color`, the header is bold and hits
 * bold red (SGR escapes; nothing else). */
void table_print(const struct table *t, struct sbuf *o, int width, int color);
void table_free(struct table *t);

#endif
