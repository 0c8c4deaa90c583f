/* notesout.h — the proofreading notes' export devices (out layer:
 * src/out/notes.c for CSV, TSV and the Markdown 勘误表, src/out/notes_json.c
 * for the JSON that `anli notes import` reads).  A separate header from
 * out.h because these encoders know the notes (notes.h, user layer, below
 * out).  Pure: no I/O, no database.
 *
 * A row is the 20 cells of one note, in the order of out_notes_columns;
 * the command line (src/cli/notes_export.c) fills them from the book and
 * the notes store.  Every cell is passed through the text sanitiser
 * (lay_sanitize) on its way out, except that a tab and a line break a
 * user typed are kept as each format allows:
 *   - CSV (RFC 4180): fields separated by ",", records ended by CRLF; a
 *     field holding "," '"' or a line break is quoted, '"' doubled; a line
 *     break inside a field is kept as LF.  A field that starts with "=",
 *     "+", "-", "@" or a tab is made inert for spreadsheets (no formula is
 *     run when the file is opened): it gets a leading apostrophe "'" —
 *     what OWASP recommends and what spreadsheets show as text.
 *   - TSV: one record a line (LF), fields separated by tabs; a backslash,
 *     tab and line break (CRLF and a lone CR count as one) in a field are
 *     written "\\", "\t", "\n" (the "linear TSV" convention).
 *   - Markdown: a cell's "|" and the characters that start markup are
 *     escaped with a backslash, a tab becomes a space and a line break
 *     "<br>", so that a cell stays one table cell. */
#ifndef ANLI_NOTESOUT_H
#define ANLI_NOTESOUT_H

#include "anli/notes.h"
#include "anli/out.h"

enum out_notes_col {
	NCOL_COLLECTION, NCOL_CHAPTER, NCOL_ITEM, NCOL_TITLE, NCOL_SECTION, NCOL_PARAGRAPH, NCOL_BLOCK,
	NCOL_SOURCE, NCOL_PAGE, NCOL_KIND, NCOL_QUOTE, NCOL_FIX, NCOL_NOTE, NCOL_STATUS, NCOL_ANCHOR,
	NCOL_APPLIED, NCOL_AUTHOR, NCOL_CREATED, NCOL_UPDATED, NCOL_UUID,
	NOTES_NCOLS
};
/* "collection" "chapter" … "uuid": the header row of CSV and TSV, and the
 * keys of the same columns in JSON. */
extern const char *const out_notes_columns[NOTES_NCOLS];

/* One row: the cells (NULL: empty) and whether the note is orphaned (its
 * place cells then hold its old citation). */
struct out_notes_row {
	const char *cell[NOTES_NCOLS];
	int orphan;
};

/* One cell of each format (last: the record's end instead of the
 * separator). */
void out_csv_cell(struct sbuf *o, const char *s, int last);
void out_notes_tsv_cell(struct sbuf *o, const char *s, int last);
void out_md_cell(struct sbuf *o, const char *s); /* the text between two "|" */

/* The whole table, header row first; bom: start with U+FEFF (spreadsheet
 * programs then read the file as UTF-8). */
void out_notes_csv(struct sbuf *o, const struct out_notes_row *r, int n, int bom);
void out_notes_tsv(struct sbuf *o, const struct out_notes_row *r, int n, int bom);

/* The 勘误表 as Markdown: a title line with `book` (the book's title, in 《》) and
 * `when` (the export time, as shown), then per collection a "##" heading
 * (its label), per chapter a "###" heading (none when the chapter is
 * empty), per item a "####" heading and a table 位置 · 页 · 类 · 原文 · 改为 · 说明 ·
 * 状态 · 提出; the orphans last under a heading of their own, with their old
 * citation.  Rows come in book order (grouped as they come). */
void out_notes_markdown(struct sbuf *o, const struct out_notes_row *r, int n, const char *book, const char *when);

/* One note as the JSON object notes.h specifies (inside an array, or
 * anywhere a value goes): with `num` first its short number ("num", this
 * file's: `notes list`), then its fields, the people's columns `cells`
 * (NULL: none) and, when nhist >= 0, "history" with the nhist earlier
 * revisions hist[] (each with "conflict"). */
void out_json_note(struct json *j, const struct note *n, int num, const struct out_notes_row *cells,
		   const struct note *hist, int nhist);

/* Seconds since the epoch as "2026-11-29T21:00:00Z". */
void out_iso_time(char *buf, size_t size, long long t);

#endif
