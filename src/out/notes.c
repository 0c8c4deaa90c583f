/* notes.c — the notes' CSV, TSV and Markdown (勘误表) devices (notesout.h) */
#include "anli/notesout.h"

#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const out_notes_columns[NOTES_NCOLS] = {
	"collection", "chapter", "item", "title", "section", "paragraph", "block", "source", "page", "kind",
	"quote", "fix", "note", "status", "anchor", "applied", "author", "created", "updated", "uuid",
};

/* s sanitised, but a tab and a line break (LF, CRLF or a lone CR: LF) kept:
 * a new string. */
static char *clean_keep(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_adds(&b, "");
	if (!s)
		return sbuf_take(&b);
	while (*s) {
		size_t n = strcspn(s, "\t\r\n");
		if (n) {
			size_t cn;
			char *c = lay_sanitize(s, n, &cn);
			sbuf_addn(&b, c, cn);
			free(c);
			s += n;
		}
		if (*s == '\t') {
			sbuf_addc(&b, '\t');
			s++;
		} else if (*s == '\r' || *s == '\n') {
			sbuf_addc(&b, '\n');
			s += (s[0] == '\r' && s[1] == '\n') ? 2 : 1;
		}
	}
	return sbuf_take(&b);
}

void out_csv_cell(struct sbuf *o, const char *s, int last)
{
	char *c = clean_keep(s);
	int inert = c[0] && strchr("=+-@\t", c[0]);
	if (inert || strpbrk(c, ",\"\n")) {
		sbuf_addc(o, '"');
		if (inert)
			sbuf_addc(o, '\'');
		for (const char *p = c; *p; p++) {
			if (*p == '"')
				sbuf_addc(o, '"');
			sbuf_addc(o, *p);
		}
		sbuf_addc(o, '"');
	} else {
		sbuf_adds(o, c);
	}
	sbuf_adds(o, last ? "\r\n" : ",");
	free(c);
}

void out_notes_tsv_cell(struct sbuf *o, const char *s, int last)
{
	char *c = clean_keep(s);
	for (const char *p = c; *p; p++) {
		switch (*p) {
		case '\\': sbuf_adds(o, "\\\\"); break;
		case '\t': sbuf_adds(o, "\\t"); break;
		case '\n': sbuf_adds(o, "\\n"); break;
		default: sbuf_addc(o, *p);
		}
	}
	sbuf_addc(o, last ? '\n' : '\t');
	free(c);
}

void out_md_cell(struct sbuf *o, const char *s)
{
	char *c = clean_keep(s);
	for (const char *p = c; *p; p++) {
		if (*p == '\t')
			sbuf_addc(o, ' ');
		else if (*p == '\n')
			sbuf_adds(o, "<br>");
		else {
			if (strchr("|\\*_`[]<>", *p))
				sbuf_addc(o, '\\');
			sbuf_addc(o, *p);
		}
	}
	free(c);
}

static void table(struct sbuf *o, const struct out_notes_row *r, int n, int bom,
		  void (*cell)(struct sbuf *, const char *, int))
{
	if (bom)
		sbuf_adds(o, "\xEF\xBB\xBF");
	for (int k = 0; k < NOTES_NCOLS; k++)
		cell(o, out_notes_columns[k], k == NOTES_NCOLS - 1);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < NOTES_NCOLS; k++)
			cell(o, r[i].cell[k], k == NOTES_NCOLS - 1);
}

void out_notes_csv(struct sbuf *o, const struct out_notes_row *r, int n, int bom)
{
	table(o, r, n, bom, out_csv_cell);
}

void out_notes_tsv(struct sbuf *o, const struct out_notes_row *r, int n, int bom)
{
	table(o, r, n, bom, out_notes_tsv_cell);
}

/* --- Markdown */

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static int empty(const char *s)
{
	return !s || !*s;
}

/* "工作成效 第3段 (c27:5)" */
static void md_where(struct sbuf *o, const struct out_notes_row *r)
{
	const char *sec = r->cell[NCOL_SECTION], *par = r->cell[NCOL_PARAGRAPH];
	if (!empty(sec)) {
		out_md_cell(o, sec);
		sbuf_adds(o, " ");
	}
	sbuf_adds(o, "(");
	out_md_cell(o, empty(par) ? r->cell[NCOL_BLOCK] : par);
	sbuf_adds(o, ")");
}

/* The 改为 cell: what the text should read. */
static void md_fix(struct sbuf *o, const struct out_notes_row *r)
{
	int kind = note_kind_parse(r->cell[NCOL_KIND] ? r->cell[NCOL_KIND] : "");
	const char *q = r->cell[NCOL_QUOTE], *f = r->cell[NCOL_FIX];
	if (kind == ANCHOR_DELETE) {
		/* TRANSLATORS: the 改为 cell of a deletion in the errata table */
		sbuf_adds(o, _("（删去）"));
	} else if (kind == ANCHOR_INSERT) {
		out_md_cell(o, q);
		out_md_cell(o, f);
	} else if (kind == ANCHOR_REPLACE) {
		out_md_cell(o, f);
	}
}

static void md_status(struct sbuf *o, const struct out_notes_row *r)
{
	int st = note_status_parse(r->cell[NCOL_STATUS] ? r->cell[NCOL_STATUS] : "");
	/* TRANSLATORS: a note's status in the errata table */
	sbuf_adds(o, st == NOTE_RESOLVED ? _("已处理") : _("待处理"));
	if (same(r->cell[NCOL_APPLIED], "yes"))
		/* TRANSLATORS: the correction is in the rebuilt book */
		sbuf_adds(o, _("，已改入"));
}

static void md_table_head(struct sbuf *o)
{
	/* TRANSLATORS: the errata table's columns: where, page, kind, the
	 * original text, the correction, the remark, status, who */
	sbuf_printf(o, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", _("位置"), _("页"), _("类"), _("原文"), _("改为"),
		    _("说明"), _("状态"), _("提出"));
	sbuf_adds(o, "|---|--:|:-:|---|---|---|---|---|\n");
}

static void md_row(struct sbuf *o, const struct out_notes_row *r)
{
	sbuf_adds(o, "| ");
	md_where(o, r);
	sbuf_adds(o, " | ");
	out_md_cell(o, r->cell[NCOL_PAGE]);
	sbuf_adds(o, " | ");
	out_md_cell(o, r->cell[NCOL_KIND]);
	sbuf_adds(o, " | ");
	out_md_cell(o, r->cell[NCOL_QUOTE]);
	sbuf_adds(o, " | ");
	md_fix(o, r);
	sbuf_adds(o, " | ");
	out_md_cell(o, r->cell[NCOL_NOTE]);
	sbuf_adds(o, " | ");
	md_status(o, r);
	sbuf_adds(o, " | ");
	out_md_cell(o, r->cell[NCOL_AUTHOR]);
	sbuf_adds(o, " |\n");
}

/* "#### 案例 27 加强……" / "#### a3 title" */
static void md_item_head(struct sbuf *o, const struct out_notes_row *r)
{
	const char *it = r->cell[NCOL_ITEM] ? r->cell[NCOL_ITEM] : "";
	sbuf_adds(o, "\n#### ");
	if (*it && strspn(it, "0123456789") == strlen(it))
		/* TRANSLATORS: a case's heading in the errata table: 案例 27 */
		sbuf_printf(o, _("案例 %s"), it);
	else
		out_md_cell(o, it);
	if (!empty(r->cell[NCOL_TITLE])) {
		sbuf_adds(o, " ");
		out_md_cell(o, r->cell[NCOL_TITLE]);
	}
	sbuf_adds(o, "\n\n");
	md_table_head(o);
}

void out_notes_markdown(struct sbuf *o, const struct out_notes_row *r, int n, const char *book, const char *when)
{
	/* TRANSLATORS: the title of the exported errata table */
	sbuf_printf(o, "# %s\n\n", _("勘误表"));
	if (!empty(book)) {
		sbuf_adds(o, "《");
		out_md_cell(o, book);
		sbuf_adds(o, "》 · ");
	}
	/* TRANSLATORS: below the errata table's title: exported at TIME, N notes */
	sbuf_printf(o, _("导出于 %s，共 %d 条"), when, n);
	sbuf_adds(o, "\n");
	int i = 0;
	/* by collection (## its label: the book's cases, the leaders'
	 * articles), then chapter (###), then item (####) */
	for (; i < n && !r[i].orphan; i++) {
		int coll = i == 0 || !same(r[i].cell[NCOL_COLLECTION], r[i - 1].cell[NCOL_COLLECTION]);
		int chap = coll || !same(r[i].cell[NCOL_CHAPTER], r[i - 1].cell[NCOL_CHAPTER]);
		if (coll) {
			sbuf_adds(o, "\n## ");
			out_md_cell(o, r[i].cell[NCOL_COLLECTION]);
			sbuf_adds(o, "\n");
		}
		if (chap && !empty(r[i].cell[NCOL_CHAPTER])) {
			sbuf_adds(o, "\n### ");
			out_md_cell(o, r[i].cell[NCOL_CHAPTER]);
			sbuf_adds(o, "\n");
		}
		if (chap || !same(r[i].cell[NCOL_ITEM], r[i - 1].cell[NCOL_ITEM]))
			md_item_head(o, &r[i]);
		md_row(o, &r[i]);
	}
	if (i < n) {
		/* TRANSLATORS: the errata table's last part: notes whose text
		 * the rebuilt book no longer has, at their old place */
		sbuf_printf(o, "\n## %s\n\n", _("未能定位的批注（原位置）"));
		md_table_head(o);
		for (; i < n; i++)
			md_row(o, &r[i]);
	}
}
