/* stats.c — anli stats: items, sections, paragraphs and characters per
 * chapter */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/out.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

struct counts {
	int items, sections, paras, blocks;
	long chars, han;
};

/* Characters (blanks not counted) and Han characters of s. */
static void count_text(struct counts *c, const char *s)
{
	ucs4_t cp;
	for (const uint8_t *p = (const uint8_t *)s; p && *p;) {
		const uint8_t *next = u8_next(&cp, p);
		if (!next) { /* an invalid sequence: one character, as sanitising shows it */
			c->chars++;
			p++;
			continue;
		}
		if (cp != ' ' && cp != 0x3000)
			c->chars++;
		if (util_is_han(cp))
			c->han++;
		p = next;
	}
}

static void add(struct counts *to, const struct counts *c)
{
	to->items += c->items;
	to->sections += c->sections;
	to->paras += c->paras;
	to->blocks += c->blocks;
	to->chars += c->chars;
	to->han += c->han;
}

/* c[0] the foreword, c[1..nchapters] the chapters, c[nchapters + 1] the total */
static int count(struct model *m, struct counts *c)
{
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		struct model_block *b;
		int nb;
		struct anli_err err;
		if (model_blocks(m, i, &b, &nb, &err))
			return cli_error("%s", err.msg);
		struct counts *row = &c[it->chapter + 1];
		row->items++;
		int sec = -1;
		for (int k = 0; k < nb; k++) {
			if (b[k].section != sec) {
				row->sections++;
				sec = b[k].section;
			}
			row->blocks++;
			row->paras += b[k].kind == MODEL_PARA;
			if (b[k].flag != MODEL_FLAG_MISSING) /* a heading the seed lost is not text */
				count_text(row, b[k].text);
		}
		model_blocks_free(b, nb);
	}
	for (int r = 0; r <= m->nchapters; r++)
		add(&c[m->nchapters + 1], &c[r]);
	return 0;
}

static int kind_count(const struct model *m, const char *kind)
{
	int n = 0;
	for (int i = 0; i < m->nitems; i++)
		n += !strcmp(m->items[i].kind, kind);
	return n;
}

/* The closing lines of the text and table forms: the '*' note, the totals
 * by kind. */
static void summary(struct sbuf *out, const struct model *m, int inferred, int table)
{
	if (inferred && table) /* shorter, for narrow terminals */
		sbuf_printf(out, "%s\n", _("* where the chapter begins is inferred (its divider is lost)"));
	else if (inferred)
		sbuf_printf(out, "%s\n", _("* where the chapter begins is inferred: its divider page is lost from the source"));
	sbuf_printf(out, _("%d chapters, %d cases, %d articles, %d foreword\n"), m->nchapters, kind_count(m, "case"),
		    kind_count(m, "article"), kind_count(m, "foreword"));
}

/* On a terminal: the same rows, aligned by display width, long chapter
 * titles cut with the cut mark (the '*' of an inferred start kept), and a
 * legend of the columns. */
static void table(struct sbuf *out, const struct model *m, const struct counts *c, const struct opts *o)
{
	int total = m->nchapters + 1, inferred = 0;
	struct table *t = table_new(6);
	table_column(t, 0, _("chapter"), 0, 12);
	table_column(t, 1, _("items"), 1, 0);
	table_column(t, 2, _("sections"), 1, 0);
	table_column(t, 3, _("paragraphs"), 1, 0);
	table_column(t, 4, _("characters"), 1, 0);
	table_column(t, 5, _("han"), 1, 0);
	for (int r = 0; r <= total; r++) {
		const struct counts *k = &c[r];
		const struct model_chapter *ch = r >= 1 && r < total ? &m->chapters[r - 1] : NULL;
		if (r == 0 && k->items == 0)
			continue;
		struct sbuf label;
		sbuf_init(&label);
		if (ch)
			model_chapter_label(ch, &label);
		else
			sbuf_adds(&label, r == 0 ? _("foreword") : _("total"));
		int star = ch && ch->start_inferred;
		inferred |= star;
		table_cell(t, label.s, star ? " *" : NULL);
		table_cell_int(t, k->items);
		table_cell_int(t, k->sections);
		table_cell_int(t, k->paras);
		table_cell_int(t, k->chars);
		table_cell_int(t, k->han);
		sbuf_free(&label);
	}
	table_print(t, out, cli_term_width(), cli_want_color(o));
	table_free(t);
	summary(out, m, inferred, 1);
	/* the legend: what each column counts */
	sbuf_printf(out, "\n%s\n",
		    _("items       cases and articles (and the foreword)\n"
		      "sections    an item's parts: its introduction, 背景, 做法, 成效, 启示\n"
		      "paragraphs  paragraphs only: no headings, sub-headings or captions\n"
		      "characters  every character of the text but blanks\n"
		      "han         the Chinese (Han) characters among them"));
}

int cmd_stats(const struct opts *o)
{
	static const char *const formats[] = {"text", "tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "text";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("stats: unknown format '%s' (text, tsv, json or table)"), fmt);
	if (o->nargs)
		return cli_usage_error(_("stats: unexpected argument '%s'"), o->args[0]);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	int total = m->nchapters + 1;
	struct counts *c = xcalloc((size_t)total + 1, sizeof *c);
	if (count(m, c)) {
		free(c);
		model_close(m);
		return CLI_ERROR;
	}
	struct sbuf out;
	sbuf_init(&out);
	if (!strcmp(fmt, "table")) {
		table(&out, m, c, o);
		free(c);
		model_close(m);
		return cli_flush(&out);
	}
	struct json j;
	json_init(&j, &out);
	int json = !strcmp(fmt, "json"), tsv = !strcmp(fmt, "tsv");
	if (json) {
		json_begin_object(&j);
		json_key(&j, "chapters");
		json_begin_array(&j);
	} else if (tsv) {
		sbuf_adds(&out, "collection\tchapter\ttitle\titems\tsections\tparagraphs\tblocks\tcharacters\than\n");
	} else {
		sbuf_printf(&out, "%-44s %5s %8s %10s %10s %8s\n", _("chapter"), _("items"), _("sections"),
			    _("paragraphs"), _("characters"), _("han"));
	}
	int inferred = 0; /* a chapter start marked '*', explained after the table */
	for (int r = 0; r <= total; r++) {
		const struct counts *k = &c[r];
		const struct model_chapter *ch = r >= 1 && r < total ? &m->chapters[r - 1] : NULL;
		const char *coll = ch ? ch->collection_id : r == 0 ? "book" : "";
		const char *title = ch ? ch->title : r == 0 ? _("foreword") : _("total");
		if (r == 0 && k->items == 0)
			continue;
		if (json) {
			if (r == total) {
				json_end_array(&j);
				json_key(&j, "total");
			}
			json_begin_object(&j);
			if (r < total) {
				json_key(&j, "collection"), json_str(&j, coll);
				json_key(&j, "chapter"), json_int_or_null(&j, ch ? ch->number : 0);
				json_key(&j, "title"), json_str(&j, title);
				if (ch)
					json_key(&j, "start_inferred"), json_bool(&j, ch->start_inferred);
			}
			json_key(&j, "items"), json_int(&j, k->items);
			json_key(&j, "sections"), json_int(&j, k->sections);
			json_key(&j, "paragraphs"), json_int(&j, k->paras);
			json_key(&j, "blocks"), json_int(&j, k->blocks);
			json_key(&j, "characters"), json_int(&j, k->chars);
			json_key(&j, "han"), json_int(&j, k->han);
			json_end_object(&j);
		} else if (tsv) {
			out_tsv(&out, coll, 0);
			if (ch)
				out_tsv_int(&out, ch->number, 0);
			else
				out_tsv(&out, "", 0);
			out_tsv(&out, title, 0);
			sbuf_printf(&out, "%d\t%d\t%d\t%d\t%ld\t%ld\n", k->items, k->sections, k->paras, k->blocks,
				    k->chars, k->han);
		} else {
			struct sbuf label;
			sbuf_init(&label);
			if (ch)
				model_chapter_label(ch, &label);
			else
				sbuf_adds(&label, title);
			if (ch && ch->start_inferred) {
				sbuf_adds(&label, " *");
				inferred = 1;
			}
			/* padded by display width, cut (never inside a character) at 44 columns */
			out_text_cell(&out, label.s, 44, 45);
			sbuf_printf(&out, "%5d %8d %10d %10ld %8ld\n", k->items, k->sections, k->paras, k->chars,
				    k->han);
			sbuf_free(&label);
		}
	}
	int ncases = kind_count(m, "case"), narticles = kind_count(m, "article");
	if (json) {
		json_key(&j, "chapters_count"), json_int(&j, m->nchapters);
		json_key(&j, "total_kinds");
		json_begin_object(&j);
		json_key(&j, "cases"), json_int(&j, ncases);
		json_key(&j, "articles"), json_int(&j, narticles);
		json_end_object(&j);
		json_end_object(&j);
	} else if (!tsv) {
		summary(&out, m, inferred, 0);
	}
	free(c);
	model_close(m);
	return cli_flush(&out);
}
