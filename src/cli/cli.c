/* cli.c — the command line (see cli.h, man/anli.1) */
#include "anli/cli.h"

#include "anli/doc.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/model.h"
#include "anli/search.h"
#include "anli/tui.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#ifndef ANLI_DATADIR
#define ANLI_DATADIR "/usr/local/share/anli"
#endif

struct opts {
	const char *db;
	const char *format;
	int width;
	int ambiwidth; /* 0 = auto */
	int limit;
	int all;
	const char *args[8];
	int nargs;
};

static void usage(FILE *f)
{
	fprintf(f, "%s",
		_("Usage: anli [OPTIONS] [COMMAND [ARGS]]\n"
		  "\n"
		  "A terminal reader for 《全国园区科协典型案例汇编》 and the 科协 leaders' articles.\n"
		  "With no command, on a terminal, opens the full-screen reader (? lists its keys).\n"
		  "\n"
		  "Commands:\n"
		  "  list [--format=tsv|json] [--all]\n"
		  "                                 one row per item (case or article), in book order;\n"
		  "                                 --all adds the foreword\n"
		  "  show ID [--format=text|markdown|json] [--width=N]\n"
		  "                                 print an item; ID as `list` prints it (c1, a3,\n"
		  "                                 foreword) or a case number 1-53\n"
		  "  stats [--format=text|tsv|json] chapters, items, sections, paragraphs, characters\n"
		  "  search QUERY [--format=tsv|json] [--limit=N]\n"
		  "                                 every occurrence; several words: all must be in\n"
		  "                                 the item; exit 1 when nothing is found;\n"
		  "                                 'anli search -- -WORD' for a word starting with -\n"
		  "\n"
		  "Options:\n"
		  "  --db PATH            the database (default: $ANLI_DB, data/anli.db beside the\n"
		  "                       binary, then the installed copy)\n"
		  "  --ambiwidth=auto|1|2 columns of East Asian ambiguous characters (“ ” — …)\n"
		  "  -h, --help           show this help\n"
		  "  -V, --version        show the version\n"
		  "\n"
		  "Exit status: 0 success, 1 unknown ID or no search hit, 2 error.\n"));
}

static int err_usage(const char *fmt, const char *arg)
{
	fputs("anli: ", stderr);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (%s)\n", _("see 'anli --help'"));
	return CLI_ERROR;
}

static int parse_int_opt(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

/* Resolve the database path: --db, $ANLI_DB, data/anli.db beside the binary
 * (a source tree), the installed copy. */
static char *find_db(const char *opt)
{
	if (opt)
		return xstrdup(opt);
	const char *env = getenv("ANLI_DB");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			struct sbuf p;
			sbuf_init(&p);
			sbuf_printf(&p, "%s/data/anli.db", exe);
			if (access(p.s, F_OK) == 0)
				return sbuf_take(&p);
			sbuf_free(&p);
		}
	}
	return xstrdup(ANLI_DATADIR "/anli.db");
}

static struct model *open_db(const struct opts *o)
{
	char *path = find_db(o->db);
	struct anli_err err;
	struct model *m = model_open(path, &err);
	if (!m)
		fprintf(stderr, "anli: %s\n", err.msg);
	free(path);
	return m;
}

/* Output is collected and written at the end: an error never leaves partial
 * output behind. */
static int flush_out(struct sbuf *out)
{
	int rc = CLI_OK;
	if (out->len && fwrite(out->s, 1, out->len, stdout) != out->len)
		rc = CLI_ERROR;
	if (fflush(stdout) != 0)
		rc = CLI_ERROR;
	if (rc)
		fprintf(stderr, "anli: %s: %s\n", _("standard output"), strerror(errno));
	sbuf_free(out);
	return rc;
}

/* TSV field: valid UTF-8, no control characters (so no tab or newline
 * inside a field, and no escape sequence reaches the terminal). */
static void tsv(struct sbuf *o, const char *s, int last)
{
	if (s) {
		size_t n;
		char *clean = lay_sanitize(s, strlen(s), &n);
		sbuf_addn(o, clean, n);
		free(clean);
	}
	sbuf_addc(o, last ? '\n' : '\t');
}

static void json_str(struct sbuf *o, const char *s)
{
	if (!s) {
		sbuf_adds(o, "null");
		return;
	}
	char *clean = lay_sanitize(s, strlen(s), NULL); /* valid UTF-8, no controls */
	sbuf_addc(o, '"');
	for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
		switch (*p) {
		case '"': sbuf_adds(o, "\\\""); break;
		case '\\': sbuf_adds(o, "\\\\"); break;
		case '\n': sbuf_adds(o, "\\n"); break;
		case '\t': sbuf_adds(o, "\\t"); break;
		case '\r': sbuf_adds(o, "\\r"); break;
		default:
			if (*p < 0x20)
				sbuf_printf(o, "\\u%04x", *p);
			else
				sbuf_addc(o, (char)*p);
		}
	}
	sbuf_addc(o, '"');
	free(clean);
}

static void json_kv_str(struct sbuf *o, const char *k, const char *v, int comma)
{
	sbuf_printf(o, "\"%s\": ", k);
	json_str(o, v);
	if (comma)
		sbuf_adds(o, ", ");
}

static void json_kv_int(struct sbuf *o, const char *k, int v, int null_if_zero, int comma)
{
	if (null_if_zero && !v)
		sbuf_printf(o, "\"%s\": null", k);
	else
		sbuf_printf(o, "\"%s\": %d", k, v);
	if (comma)
		sbuf_adds(o, ", ");
}

static const struct model_chapter *chapter_of(const struct model *m, const struct model_item *it)
{
	return it->chapter >= 0 ? &m->chapters[it->chapter] : NULL;
}

static void item_json_fields(struct sbuf *o, const struct model *m, const struct model_item *it)
{
	const struct model_chapter *ch = chapter_of(m, it);
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	json_kv_str(o, "id", it->id, 1);
	json_kv_str(o, "collection", it->collection_id, 1);
	json_kv_str(o, "kind", it->kind, 1);
	json_kv_int(o, "chapter", ch ? ch->number : 0, 1, 1);
	json_kv_str(o, "chapter_label", ch ? ch->label : NULL, 1);
	json_kv_str(o, "chapter_title", ch ? ch->title : NULL, 1);
	json_kv_int(o, "number", it->number, 1, 1);
	json_kv_str(o, "title", it->title, 1);
	sbuf_printf(o, "\"title_missing\": %s, ", it->title_missing ? "true" : "false");
	sbuf_printf(o, "\"end_missing\": %s, ", it->end_missing ? "true" : "false");
	json_kv_str(o, "subtitle", it->subtitle, 1);
	json_kv_str(o, "byline", by.len ? by.s : NULL, 1);
	json_kv_str(o, "organisation", it->org, 1);
	json_kv_str(o, "region", it->region, 1);
	json_kv_str(o, "author", it->author, 1);
	json_kv_str(o, "role", it->role, 1);
	json_kv_str(o, "seed", it->seed, 1);
	sbuf_printf(o, "\"lines\": \"%d-%d\", ", it->line_first, it->line_last);
	json_kv_int(o, "page_first", it->page_first, 1, 1);
	json_kv_int(o, "page_last", it->page_last, 1, 0);
	sbuf_free(&by);
}

static int cmd_list(const struct opts *o)
{
	const char *fmt = o->format ? o->format : "tsv";
	if (strcmp(fmt, "tsv") && strcmp(fmt, "json"))
		return err_usage(_("list: unknown format '%s' (tsv or json)"), fmt);
	struct model *m = open_db(o);
	if (!m)
		return CLI_ERROR;
	struct sbuf out;
	sbuf_init(&out);
	int json = !strcmp(fmt, "json"), first = 1;
	if (json)
		sbuf_adds(&out, "[\n");
	else
		sbuf_adds(&out, "id\tcollection\tchapter\tchapter_title\tnumber\ttitle\tsubtitle\tbyline\tregion\tseed\tlines\n");
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		if (!strcmp(it->kind, "foreword") && !o->all)
			continue;
		if (json) {
			sbuf_adds(&out, first ? "  {" : ",\n  {");
			item_json_fields(&out, m, it);
			sbuf_adds(&out, "}");
			first = 0;
			continue;
		}
		const struct model_chapter *ch = chapter_of(m, it);
		char num[32], lines[64];
		struct sbuf by;
		sbuf_init(&by);
		model_byline(it, &by);
		tsv(&out, it->id, 0);
		tsv(&out, it->collection_id, 0);
		snprintf(num, sizeof num, "%d", ch ? ch->number : 0);
		tsv(&out, ch ? num : "", 0);
		tsv(&out, ch ? ch->title : "", 0);
		snprintf(num, sizeof num, "%d", it->number);
		tsv(&out, it->number ? num : "", 0);
		tsv(&out, it->title, 0);
		tsv(&out, it->subtitle, 0);
		tsv(&out, by.s, 0);
		tsv(&out, it->region, 0);
		tsv(&out, it->seed, 0);
		snprintf(lines, sizeof lines, "%d-%d", it->line_first, it->line_last);
		tsv(&out, lines, 1);
		sbuf_free(&by);
	}
	if (json)
		sbuf_adds(&out, "\n]\n");
	model_close(m);
	return flush_out(&out);
}

static void show_text(struct sbuf *out, const struct model_item *it, const struct model_block *b, int nb,
		      int width)
{
	struct doc d;
	doc_build(&d, it, b, nb, width, _("[title missing in the source]"),
		  _("[the rest is missing in the source]"));
	for (int i = 0; i < d.nlines; i++) {
		const struct doc_line *l = &d.line[i];
		for (int k = 0; k < l->indent / 2; k++)
			sbuf_adds(out, "\u3000"); /* ideographic space: 2 columns */
		if (l->indent % 2)
			sbuf_addc(out, ' ');
		sbuf_addn(out, d.text + l->off, l->len);
		sbuf_addc(out, '\n');
	}
	doc_free(&d);
}

static void md_escape(struct sbuf *o, const char *raw)
{
	/* Only what would start markup at a line start or inside emphasis;
	 * control characters and invalid UTF-8 become visible stand-ins. */
	char *clean = lay_sanitize(raw, strlen(raw), NULL);
	for (const char *s = clean; *s; s++) {
		if (strchr("*_`[]<>#|\\", *s))
			sbuf_addc(o, '\\');
		sbuf_addc(o, *s);
	}
	free(clean);
}

static void show_markdown(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb)
{
	sbuf_adds(o, "# ");
	if (it->title)
		md_escape(o, it->title);
	else
		sbuf_adds(o, _("[title missing in the source]"));
	sbuf_adds(o, "\n\n");
	if (it->subtitle) {
		sbuf_adds(o, "## ");
		md_escape(o, it->subtitle);
		sbuf_adds(o, "\n\n");
	}
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	if (by.len) {
		md_escape(o, by.s);
		sbuf_adds(o, "\n\n");
	}
	sbuf_free(&by);
	for (int i = 0; i < nb; i++) {
		switch (b[i].kind) {
		case MODEL_HEADING:
			sbuf_adds(o, "### ");
			md_escape(o, b[i].text);
			break;
		case MODEL_SUBHEAD:
			sbuf_adds(o, "**");
			md_escape(o, b[i].text);
			sbuf_adds(o, "**");
			break;
		case MODEL_CAPTION:
			sbuf_adds(o, "*▲ ");
			md_escape(o, b[i].text);
			sbuf_adds(o, "*");
			break;
		default:
			md_escape(o, b[i].text);
		}
		sbuf_adds(o, "\n\n");
	}
	if (it->end_missing) {
		sbuf_adds(o, "*");
		sbuf_adds(o, _("[the rest is missing in the source]"));
		sbuf_adds(o, "*\n");
	}
}

static void show_json(struct sbuf *o, const struct model *m, const struct model_item *it,
		      const struct model_block *b, int nb)
{
	sbuf_adds(o, "{");
	item_json_fields(o, m, it);
	sbuf_adds(o, ",\n \"blocks\": [");
	static const char *const kinds[] = {"heading", "subheading", "paragraph", "caption"};
	for (int i = 0; i < nb; i++) {
		const char *k = b[i].kind == MODEL_HEADING   ? kinds[0]
				: b[i].kind == MODEL_SUBHEAD ? kinds[1]
				: b[i].kind == MODEL_PARA    ? kinds[2]
							     : kinds[3];
		sbuf_adds(o, i ? ",\n  {" : "\n  {");
		json_kv_str(o, "id", b[i].id, 1);
		json_kv_str(o, "kind", k, 1);
		json_kv_int(o, "section", b[i].section, 0, 1);
		json_kv_str(o, "lines", b[i].lines, 1);
		json_kv_int(o, "page_first", b[i].page_first, 1, 1);
		json_kv_int(o, "page_last", b[i].page_last, 1, 1);
		json_kv_str(o, "flag", b[i].flag == MODEL_FLAG_SIGNATURE ? "signature"
				       : b[i].flag == MODEL_FLAG_MISSING ? "missing"
									 : NULL,
			    1);
		json_kv_str(o, "text", b[i].text, 0);
		sbuf_adds(o, "}");
	}
	sbuf_adds(o, "\n ]}\n");
}

static int cmd_show(const struct opts *o)
{
	const char *fmt = o->format ? o->format : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "markdown") && strcmp(fmt, "json"))
		return err_usage(_("show: unknown format '%s' (text, markdown or json)"), fmt);
	if (o->nargs != 1)
		return err_usage("%s", _("show: expected one ID"));
	struct model *m = open_db(o);
	if (!m)
		return CLI_ERROR;
	int i = model_find(m, o->args[0]);
	if (i < 0) {
		fprintf(stderr, _("anli: no item '%s' (see 'anli list')\n"), o->args[0]);
		model_close(m);
		return CLI_NOTFOUND;
	}
	struct model_block *b;
	int nb;
	struct anli_err err;
	if (model_blocks(m, i, &b, &nb, &err)) {
		fprintf(stderr, "anli: %s\n", err.msg);
		model_close(m);
		return CLI_ERROR;
	}
	struct sbuf out;
	sbuf_init(&out);
	if (!strcmp(fmt, "text"))
		show_text(&out, &m->items[i], b, nb, o->width);
	else if (!strcmp(fmt, "markdown"))
		show_markdown(&out, &m->items[i], b, nb);
	else
		show_json(&out, m, &m->items[i], b, nb);
	model_blocks_free(b, nb);
	model_close(m);
	return flush_out(&out);
}

struct counts {
	int items, sections, paras, blocks;
	long chars, han;
};

static void count_text(struct counts *c, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		ucs4_t cp;
		int l = u8_mbtouc(&cp, p + i, n - i);
		if (cp != ' ' && cp != 0x3000)
			c->chars++;
		if (util_is_han(cp))
			c->han++;
		i += (size_t)(l > 0 ? l : 1);
	}
}

static int cmd_stats(const struct opts *o)
{
	const char *fmt = o->format ? o->format : "text";
	if (strcmp(fmt, "text") && strcmp(fmt, "tsv") && strcmp(fmt, "json"))
		return err_usage(_("stats: unknown format '%s' (text, tsv or json)"), fmt);
	struct model *m = open_db(o);
	if (!m)
		return CLI_ERROR;
	int nrows = m->nchapters + 1;
	struct counts *c = xcalloc((size_t)nrows + 1, sizeof *c); /* [0] foreword, [1..] chapters, [nrows] total */
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		struct model_block *b;
		int nb;
		struct anli_err err;
		if (model_blocks(m, i, &b, &nb, &err)) {
			fprintf(stderr, "anli: %s\n", err.msg);
			free(c);
			model_close(m);
			return CLI_ERROR;
		}
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
			if (b[k].flag != MODEL_FLAG_MISSING) /* not text of the book */
				count_text(row, b[k].text);
		}
		model_blocks_free(b, nb);
	}
	for (int r = 0; r < nrows; r++) {
		c[nrows].items += c[r].items;
		c[nrows].sections += c[r].sections;
		c[nrows].paras += c[r].paras;
		c[nrows].blocks += c[r].blocks;
		c[nrows].chars += c[r].chars;
		c[nrows].han += c[r].han;
	}
	struct sbuf out;
	sbuf_init(&out);
	int json = !strcmp(fmt, "json"), tsvf = !strcmp(fmt, "tsv");
	if (json)
		sbuf_adds(&out, "{\"chapters\": [\n");
	else if (tsvf)
		sbuf_adds(&out, "collection\tchapter\ttitle\titems\tsections\tparagraphs\tblocks\tcharacters\than\n");
	else
		sbuf_printf(&out, "%-44s %5s %8s %10s %10s %8s\n", _("chapter"), _("items"), _("sections"),
			    _("paragraphs"), _("characters"), _("han"));
	int inferred = 0;
	for (int r = 0; r <= nrows; r++) {
		const struct model_chapter *ch = r >= 1 && r < nrows ? &m->chapters[r - 1] : NULL;
		const char *coll = ch ? ch->collection_id : r == 0 ? "book" : "";
		const char *title = ch ? ch->title : r == 0 ? _("foreword") : _("total");
		if (r == 0 && c[0].items == 0)
			continue;
		if (json) {
			if (r == nrows) {
				sbuf_adds(&out, "\n], \"total\": {");
			} else {
				sbuf_adds(&out, r > 1 || (r == 1 && c[0].items) ? ",\n  {" : "  {");
				json_kv_str(&out, "collection", coll, 1);
				json_kv_int(&out, "chapter", ch ? ch->number : 0, 1, 1);
				json_kv_str(&out, "title", title, 1);
				if (ch)
					sbuf_printf(&out, "\"start_inferred\": %s, ", ch->start_inferred ? "true" : "false");
			}
			sbuf_printf(&out, "\"items\": %d, \"sections\": %d, \"paragraphs\": %d, \"blocks\": %d, "
					  "\"characters\": %ld, \"han\": %ld}",
				    c[r].items, c[r].sections, c[r].paras, c[r].blocks, c[r].chars, c[r].han);
			if (r == nrows) {
				int nc = 0, na = 0;
				for (int i = 0; i < m->nitems; i++) {
					nc += !strcmp(m->items[i].kind, "case");
					na += !strcmp(m->items[i].kind, "article");
				}
				sbuf_printf(&out, ", \"chapters_count\": %d, \"total_kinds\": {\"cases\": %d, \"articles\": %d}}\n",
					    m->nchapters, nc, na);
			}
		} else if (tsvf) {
			char num[16];
			snprintf(num, sizeof num, "%d", ch ? ch->number : 0);
			tsv(&out, coll, 0);
			tsv(&out, ch ? num : "", 0);
			tsv(&out, title, 0);
			sbuf_printf(&out, "%d\t%d\t%d\t%d\t%ld\t%ld\n", c[r].items, c[r].sections, c[r].paras,
				    c[r].blocks, c[r].chars, c[r].han);
		} else {
			struct sbuf label;
			sbuf_init(&label);
			if (ch && ch->label)
				sbuf_printf(&label, "%s ", ch->label);
			else if (ch)
				sbuf_printf(&label, "%d ", ch->number);
			sbuf_adds(&label, title);
			if (ch && ch->start_inferred) {
				sbuf_adds(&label, " *");
				inferred = 1;
			}
			/* pad by display width, cutting (never splitting a character) at 44 columns */
			size_t n;
			char *clean = lay_sanitize(label.s, label.len, &n);
			int used;
			size_t fit = lay_fit(clean, n, 44, &used);
			sbuf_addn(&out, clean, fit);
			for (int k = used; k < 45; k++)
				sbuf_addc(&out, ' ');
			sbuf_printf(&out, "%5d %8d %10d %10ld %8ld\n", c[r].items, c[r].sections, c[r].paras,
				    c[r].chars, c[r].han);
			free(clean);
			sbuf_free(&label);
		}
	}
	if (inferred)
		sbuf_printf(&out, "%s\n", _("* where the chapter begins is inferred: its divider page is lost from the source"));
	int ncases = 0, narticles = 0, nforewords = 0;
	for (int i = 0; i < m->nitems; i++) {
		ncases += !strcmp(m->items[i].kind, "case");
		narticles += !strcmp(m->items[i].kind, "article");
		nforewords += !strcmp(m->items[i].kind, "foreword");
	}
	if (!json && !tsvf)
		sbuf_printf(&out, _("%d chapters, %d cases, %d articles, %d foreword\n"), m->nchapters, ncases,
			    narticles, nforewords);
	free(c);
	model_close(m);
	return flush_out(&out);
}

/* anli search QUERY: one row per occurrence; exit 0 with hits, 1 without. */
static int cmd_search(const struct opts *o)
{
	const char *fmt = o->format ? o->format : "tsv";
	if (strcmp(fmt, "tsv") && strcmp(fmt, "json"))
		return err_usage(_("search: unknown format '%s' (tsv or json)"), fmt);
	if (o->nargs < 1)
		return err_usage("%s", _("search: expected a QUERY"));
	struct sbuf q;
	sbuf_init(&q);
	for (int i = 0; i < o->nargs; i++) {
		if (i)
			sbuf_addc(&q, ' ');
		sbuf_adds(&q, o->args[i]);
	}
	struct model *m = open_db(o);
	if (!m) {
		sbuf_free(&q);
		return CLI_ERROR;
	}
	struct search_result res;
	struct anli_err err;
	if (search_run(m, q.s, &res, &err)) {
		fprintf(stderr, "anli: %s\n", err.msg);
		sbuf_free(&q);
		model_close(m);
		return CLI_ERROR;
	}
	sbuf_free(&q);
	const struct search_hit *h = res.hit;
	int n = res.n;
	int shown = o->limit && o->limit < n ? o->limit : n;
	struct sbuf out;
	sbuf_init(&out);
	int json = !strcmp(fmt, "json");
	if (json)
		sbuf_adds(&out, "[");
	else
		sbuf_adds(&out, "id\tnumber\ttitle\tsection\tblock\tfield\toffset\tsnippet\n");
	for (int i = 0; i < shown; i++) {
		const struct model_item *it = &m->items[h[i].item];
		size_t ho, hl;
		char *snip = search_snippet(&h[i], 15, &ho, &hl);
		/* offset in characters within the field */
		char num[32], off[32];
		snprintf(num, sizeof num, "%d", it->number);
		snprintf(off, sizeof off, "%zu", u8_mbsnlen((const uint8_t *)h[i].text, h[i].off));
		const char *block = h[i].block_id ? h[i].block_id : "";
		if (json) {
			sbuf_adds(&out, i ? ",\n {" : "\n {");
			json_kv_str(&out, "id", it->id, 1);
			json_kv_int(&out, "number", it->number, 1, 1);
			json_kv_str(&out, "title", it->title, 1);
			json_kv_str(&out, "section", h[i].section, 1);
			json_kv_str(&out, "block", h[i].block_id, 1);
			json_kv_str(&out, "field", h[i].field, 1);
			sbuf_printf(&out, "\"offset\": %s, ", off);
			json_kv_str(&out, "snippet", snip, 1);
			char *hit = xstrndup(snip + ho, hl);
			json_kv_str(&out, "match", hit, 0);
			free(hit);
			sbuf_adds(&out, "}");
		} else {
			tsv(&out, it->id, 0);
			tsv(&out, it->number ? num : "", 0);
			tsv(&out, it->title, 0);
			tsv(&out, h[i].section, 0);
			tsv(&out, block, 0);
			tsv(&out, h[i].field, 0);
			tsv(&out, off, 0);
			/* the hit is marked ⟦…⟧ in the snippet */
			struct sbuf sn;
			sbuf_init(&sn);
			sbuf_addn(&sn, snip, ho);
			sbuf_adds(&sn, "⟦");
			sbuf_addn(&sn, snip + ho, hl);
			sbuf_adds(&sn, "⟧");
			sbuf_adds(&sn, snip + ho + hl);
			tsv(&out, sn.s, 1);
			sbuf_free(&sn);
		}
		free(snip);
	}
	if (json)
		sbuf_adds(&out, "\n]\n");
	search_result_free(&res);
	model_close(m);
	int rc = flush_out(&out);
	return rc ? rc : n ? CLI_OK : CLI_NOTFOUND;
}

static const char *opt_value(const char *arg, const char *name)
{
	size_t n = strlen(name);
	if (!strncmp(arg, name, n) && arg[n] == '=')
		return arg + n + 1;
	return NULL;
}

int cli_main(int argc, char **argv)
{
	struct opts o;
	memset(&o, 0, sizeof o);
	const char *cmd = NULL;
	const char *v;
	int options_done = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (options_done || (a[0] != '-' || !a[1])) {
			/* an operand: the command, then its arguments */
			if (!cmd)
				cmd = a;
			else if (o.nargs < (int)(sizeof o.args / sizeof *o.args))
				o.args[o.nargs++] = a;
			else
				return err_usage(_("too many arguments ('%s')"), a);
		} else if (!strcmp(a, "--")) {
			options_done = 1; /* what follows is not an option: anli search -- -号 */
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return CLI_OK;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("anli %s\n", ANLI_VERSION);
			return CLI_OK;
		} else if (!strcmp(a, "--db")) {
			if (i + 1 >= argc)
				return err_usage("%s", _("--db needs a PATH"));
			o.db = argv[++i];
		} else if ((v = opt_value(a, "--db"))) {
			o.db = v;
		} else if ((v = opt_value(a, "--format"))) {
			o.format = v;
		} else if ((v = opt_value(a, "--width"))) {
			if (parse_int_opt(v, 4, 100000, &o.width))
				return err_usage(_("--width: '%s' is not a number from 4 to 100000"), v);
		} else if ((v = opt_value(a, "--limit"))) {
			if (parse_int_opt(v, 1, INT_MAX, &o.limit))
				return err_usage(_("--limit: '%s' is not a positive number"), v);
		} else if ((v = opt_value(a, "--ambiwidth"))) {
			if (!strcmp(v, "auto"))
				o.ambiwidth = 0;
			else if (parse_int_opt(v, 1, 2, &o.ambiwidth))
				return err_usage(_("--ambiwidth: '%s' is not auto, 1 or 2"), v);
		} else if (!strcmp(a, "--all")) {
			o.all = 1;
		} else {
			return err_usage(_("unknown option '%s' (to search for it: anli search -- WORD)"), a);
		}
	}
	/* options that do not apply to the command are errors, not ignored */
	const char *c = cmd ? cmd : "";
	if (o.width && strcmp(c, "show"))
		return err_usage(_("--width applies to 'show' only, not '%s'"), c);
	if (o.width && o.format && strcmp(o.format, "text"))
		return err_usage(_("--width wraps text only, not --format=%s"), o.format);
	if (o.limit && strcmp(c, "search"))
		return err_usage(_("--limit applies to 'search' only, not '%s'"), c);
	if (o.all && strcmp(c, "list"))
		return err_usage(_("--all applies to 'list' only, not '%s'"), c);
	if (o.format && !cmd)
		return err_usage("%s", _("--format needs a command (list, show, search, stats)"));
	/* Outside the TUI, auto means 1: nothing to ask. */
	lay_set_ambiwidth(o.ambiwidth ? o.ambiwidth : 1);
	if (!cmd) {
		char *path = find_db(o.db);
		int rc = tui_main(path, o.ambiwidth);
		free(path);
		return rc;
	}
	if (!strcmp(cmd, "list")) {
		if (o.nargs)
			return err_usage(_("list: unexpected argument '%s'"), o.args[0]);
		return cmd_list(&o);
	}
	if (!strcmp(cmd, "show"))
		return cmd_show(&o);
	if (!strcmp(cmd, "stats")) {
		if (o.nargs)
			return err_usage(_("stats: unexpected argument '%s'"), o.args[0]);
		return cmd_stats(&o);
	}
	if (!strcmp(cmd, "search"))
		return cmd_search(&o);
	return err_usage(_("unknown command '%s'"), cmd);
}
