/* notes_export.c — anli notes list | export: the notes in book order
 * (orphans last), as rows of the export's columns (notecmd.h); the
 * devices are in src/out/notes.c and notes_json.c (notesout.h).  A little
 * over 400 lines: the ordering, the row builder and the two commands that
 * share them stay together (a split would export their statics). */
#include "cmd.h"
#include "notecmd.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/notesout.h"
#include "anli/out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A note's place in book order. */
struct key {
	int orphan, item, pos, offset;
	long long num;
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	if (a->orphan != b->orphan)
		return a->orphan - b->orphan;
	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return a->num < b->num ? -1 : a->num > b->num;
}

/* The filters of o as notes_list takes them; CLI_OK or a usage error. */
static int filters(const struct opts *o, struct model *m, struct notes_filter *f, int *chapter)
{
	*chapter = -1;
	if (o->status && (f->status = note_status_parse(o->status)) < 0)
		return cli_usage_error(_("--status: '%s' is not open or resolved"), o->status);
	if (o->item) {
		int i = model_find(m, o->item);
		if (i < 0) {
			cli_error(_("--item: no item '%s' (see 'anli list')"), o->item);
			return CLI_NOTFOUND;
		}
		f->item_id = m->items[i].id;
	}
	if (o->chapter) {
		for (int k = 0; k < m->nchapters; k++)
			if (!strcasecmp(m->chapters[k].id, o->chapter))
				*chapter = k;
		if (*chapter < 0) {
			struct sbuf ids;
			sbuf_init(&ids);
			for (int k = 0; k < m->nchapters; k++)
				sbuf_printf(&ids, "%s%s", k ? ", " : "", m->chapters[k].id);
			cli_error(_("--chapter: no chapter '%s' (the chapters: %s)"), o->chapter, ids.s);
			sbuf_free(&ids);
			return CLI_NOTFOUND;
		}
	}
	return CLI_OK;
}

int notecmd_sorted(const struct opts *o, struct user *u, struct state_cache *c, int tombstones, struct note **out,
		   int *n)
{
	struct notes_filter f = NOTES_FILTER_ALL;
	int chapter, rc;
	*out = NULL;
	*n = 0;
	f.deleted = tombstones;
	if ((rc = filters(o, c->m, &f, &chapter)) != CLI_OK)
		return rc;
	struct note *v;
	int nv;
	struct anli_err err;
	if (notes_list(u, &f, &v, &nv, &err))
		return cli_error("%s", err.msg);
	struct key *k = xcalloc((size_t)nv + 1, sizeof *k);
	int nk = 0;
	for (int i = 0; i < nv; i++) {
		struct notecmd_anchor a;
		if (notecmd_anchor_at(c, v[i].item_id, v[i].anchor_id, &a)) {
			notes_free(v, nv);
			free(k);
			return CLI_ERROR;
		}
		if (chapter < 0 || (a.item >= 0 && c->m->items[a.item].chapter == chapter)) {
			struct key *e = &k[nk++];
			e->orphan = v[i].anchor_state == ANCHOR_ORPHANED || !a.text;
			e->item = a.item;
			e->pos = a.field ? a.field - NOTE_FIELD_BYLINE - 1 : a.block;
			e->offset = v[i].sel.offset;
			if (e->orphan) /* where it was: by the seed line its block id names */
				e->pos = addr_id_line(v[i].anchor_id), e->offset = 0;
			e->num = i; /* the index, in short-number order */
		}
		notecmd_anchor_free(&a);
	}
	qsort(k, (size_t)nk, sizeof *k, key_cmp);
	struct note *s = xcalloc((size_t)nk + 1, sizeof *s);
	char *taken = xcalloc((size_t)nv + 1, 1);
	for (int i = 0; i < nk; i++) {
		s[i] = v[k[i].num];
		taken[k[i].num] = 1;
	}
	for (int i = 0; i < nv; i++)
		if (!taken[i])
			note_clear(&v[i]);
	free(v);
	free(taken);
	free(k);
	*out = s;
	*n = nk;
	return CLI_OK;
}

/* The row of note n: 20 strings (free with row_free). */
struct row {
	struct sbuf s[NOTES_NCOLS];
	struct out_notes_row r;
};

static void row_set(struct row *w, int col, const char *s)
{
	if (s)
		sbuf_adds(&w->s[col], s);
}

static int row_fill(struct state_cache *c, const struct note *n, struct row *w)
{
	for (int k = 0; k < NOTES_NCOLS; k++)
		sbuf_init(&w->s[k]), sbuf_adds(&w->s[k], "");
	struct notecmd_anchor a;
	if (notecmd_anchor_at(c, n->item_id, n->anchor_id, &a))
		return -1;
	const struct model *m = c->m;
	const struct model_item *it = a.item >= 0 ? &m->items[a.item] : NULL;
	w->r.orphan = n->anchor_state == ANCHOR_ORPHANED || !a.text;
	if (it) {
		row_set(w, NCOL_COLLECTION, model_collection_label(m, it->collection_id));
		if (it->chapter >= 0)
			model_chapter_label(&m->chapters[it->chapter], &w->s[NCOL_CHAPTER]);
		if (!strcmp(it->kind, "case"))
			sbuf_printf(&w->s[NCOL_ITEM], "%d", it->number);
		else
			row_set(w, NCOL_ITEM, it->id);
		row_set(w, NCOL_TITLE, it->title);
	} else {
		row_set(w, NCOL_ITEM, n->item_id);
	}
	int line = 0, page0 = 0, page1 = 0;
	if (!w->r.orphan) {
		notecmd_address(m, &a, &w->s[NCOL_PARAGRAPH]);
		row_set(w, NCOL_BLOCK, a.id);
		if (a.block >= 0) {
			if (a.b[a.block].kind == MODEL_PARA)
				addr_cite(a.b, a.nb, a.block, &w->s[NCOL_SECTION]);
			else
				row_set(w, NCOL_SECTION, addr_section_heading(a.b, a.nb, a.block));
			line = addr_block_line(a.b, a.nb, a.block);
			page0 = a.b[a.block].page_first, page1 = a.b[a.block].page_last;
		} else {
			/* TRANSLATORS: where a note on an item's title, subtitle or
			 * byline is, in the export's section column */
			row_set(w, NCOL_SECTION, a.field == NOTE_FIELD_TITLE	   ? _("标题")
						 : a.field == NOTE_FIELD_SUBTITLE ? _("副标题")
										  : _("署名"));
			line = it->line_first;
			page0 = it->page_first, page1 = it->page_first;
		}
	} else {
		/* the old citation: "c27:5 工作成效 第3段" */
		const char *cite = n->cite && *n->cite ? n->cite : n->anchor_id;
		size_t sp = strcspn(cite, " ");
		sbuf_addn(&w->s[NCOL_PARAGRAPH], cite, sp);
		row_set(w, NCOL_SECTION, cite[sp] ? cite + sp + 1 : "");
		row_set(w, NCOL_BLOCK, n->anchor_id);
		line = addr_id_line(n->anchor_id);
	}
	if (it) {
		row_set(w, NCOL_SOURCE, it->seed);
		if (line)
			sbuf_printf(&w->s[NCOL_SOURCE], ":%d", line);
	}
	if (page0 > 0) {
		sbuf_printf(&w->s[NCOL_PAGE], "%d", page0);
		if (page1 > page0)
			sbuf_printf(&w->s[NCOL_PAGE], "-%d", page1);
	}
	row_set(w, NCOL_KIND, note_kind_name(n->kind));
	row_set(w, NCOL_QUOTE, n->sel.quote);
	row_set(w, NCOL_FIX, n->fix);
	row_set(w, NCOL_NOTE, n->text);
	row_set(w, NCOL_STATUS, note_status_name(n->status));
	row_set(w, NCOL_ANCHOR, note_anchor_name(n->anchor_state));
	row_set(w, NCOL_APPLIED, n->kind == ANCHOR_QUERY ? "" : n->applied ? "yes" : "no");
	row_set(w, NCOL_AUTHOR, n->author);
	char when[32];
	out_iso_time(when, sizeof when, n->created);
	row_set(w, NCOL_CREATED, when);
	out_iso_time(when, sizeof when, n->updated);
	row_set(w, NCOL_UPDATED, when);
	row_set(w, NCOL_UUID, n->uuid);
	for (int k = 0; k < NOTES_NCOLS; k++)
		w->r.cell[k] = w->s[k].s;
	notecmd_anchor_free(&a);
	return 0;
}

static void row_free(struct row *w)
{
	for (int k = 0; k < NOTES_NCOLS; k++)
		sbuf_free(&w->s[k]);
}

/* What export and list share: the model, the notes file resolved, the
 * sorted notes and their rows. */
struct run {
	struct model *m;
	struct user *u;
	struct state_cache c;
	struct note *v;
	int n;
	struct row *w;
};

static int run_open(const struct opts *o, struct run *r, int tombstones)
{
	memset(r, 0, sizeof *r);
	if (!(r->m = cli_open_db(o)))
		return CLI_ERROR;
	state_cache_init(&r->c, r->m);
	if (!(r->u = notecmd_open(o)))
		return CLI_ERROR;
	int rc = notecmd_resolve(r->u, r->m);
	if (rc == CLI_OK)
		rc = notecmd_sorted(o, r->u, &r->c, tombstones, &r->v, &r->n);
	if (rc != CLI_OK)
		return rc;
	r->w = xcalloc((size_t)r->n + 1, sizeof *r->w);
	for (int i = 0; i < r->n; i++)
		if (row_fill(&r->c, &r->v[i], &r->w[i]))
			return CLI_ERROR;
	return CLI_OK;
}

static void run_close(struct run *r)
{
	if (r->w)
		for (int i = 0; i < r->n; i++)
			row_free(&r->w[i]);
	free(r->w);
	notes_free(r->v, r->n);
	if (r->u)
		user_close(r->u);
	if (r->m) {
		state_cache_free(&r->c);
		model_close(r->m);
	}
}

int notecmd_export(const struct opts *o)
{
	static const char *const formats[] = {"csv", "tsv", "markdown", "json", NULL};
	const char *fmt = o->format ? o->format : "csv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("notes export: unknown format '%s' (csv, tsv, markdown or json)"), fmt);
	if (o->bom && strcmp(fmt, "csv") && strcmp(fmt, "tsv"))
		return cli_usage_error(_("--bom applies to --format=csv and tsv, not %s"), fmt);
	if (o->nargs > 1)
		return cli_usage_error(_("notes export: unexpected argument '%s' (the file: anli notes export >FILE)"),
				       o->args[1]);
	int json = !strcmp(fmt, "json");
	struct run r;
	int rc = run_open(o, &r, json); /* tombstones travel in JSON only */
	if (rc != CLI_OK) {
		run_close(&r);
		return rc;
	}
	struct sbuf out;
	sbuf_init(&out);
	char now[32], fp[17];
	out_iso_time(now, sizeof now, (long long)time(NULL));
	if (json) {
		state_fingerprint(r.m, fp);
		struct json j;
		json_init(&j, &out);
		json_begin_object(&j);
		json_key(&j, "anli_notes"), json_int(&j, 1);
		json_key(&j, "book"), json_str(&j, fp);
		json_key(&j, "exported"), json_str(&j, now);
		json_key(&j, "notes");
		json_begin_array(&j);
		for (int i = 0; i < r.n && rc == CLI_OK; i++) {
			struct note *h;
			int nh;
			struct anli_err err;
			if (notes_history(r.u, r.v[i].uuid, &h, &nh, &err)) {
				rc = cli_error("%s", err.msg);
				break;
			}
			out_json_note(&j, &r.v[i], 0, &r.w[i].r, h, nh);
			notes_free(h, nh);
		}
		json_end_array(&j);
		json_end_object(&j);
	} else {
		struct out_notes_row *rows = xcalloc((size_t)r.n + 1, sizeof *rows);
		for (int i = 0; i < r.n; i++)
			rows[i] = r.w[i].r;
		if (!strcmp(fmt, "csv"))
			out_notes_csv(&out, rows, r.n, o->bom);
		else if (!strcmp(fmt, "tsv"))
			out_notes_tsv(&out, rows, r.n, o->bom);
		else {
			char when[40];
			time_t t = time(NULL);
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
			out_notes_markdown(&out, rows, r.n, model_collection_label(r.m, "book"), when);
		}
		free(rows);
	}
	run_close(&r);
	if (rc != CLI_OK) {
		sbuf_free(&out);
		return rc;
	}
	return cli_flush(&out);
}

int notecmd_list(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("notes list: unknown format '%s' (tsv, json or table; for csv and markdown: "
					 "anli notes export)"),
				       fmt);
	if (o->bom)
		return cli_usage_error("%s", _("--bom applies to 'notes export' only"));
	if (o->nargs > 1)
		return cli_usage_error(_("notes list: unexpected argument '%s'"), o->args[1]);
	struct run r;
	int rc = run_open(o, &r, 0);
	if (rc != CLI_OK) {
		run_close(&r);
		return rc;
	}
	struct sbuf out;
	sbuf_init(&out);
	static const int cols[] = {NCOL_PARAGRAPH, NCOL_SECTION, NCOL_KIND, NCOL_STATUS, NCOL_ANCHOR, NCOL_APPLIED,
				   NCOL_QUOTE, NCOL_FIX, NCOL_NOTE, NCOL_AUTHOR, NCOL_UPDATED, NCOL_UUID};
	const int ncols = (int)(sizeof cols / sizeof *cols);
	if (!strcmp(fmt, "json")) {
		struct json j;
		json_init(&j, &out);
		json_begin_array(&j);
		for (int i = 0; i < r.n; i++)
			out_json_note(&j, &r.v[i], 1, &r.w[i].r, NULL, -1);
		json_end_array(&j);
	} else if (!strcmp(fmt, "tsv")) {
		sbuf_adds(&out, "num");
		for (int k = 0; k < ncols; k++)
			sbuf_printf(&out, "\t%s", out_notes_columns[cols[k]]);
		sbuf_addc(&out, '\n');
		for (int i = 0; i < r.n; i++) {
			sbuf_printf(&out, "%lld\t", r.v[i].num);
			for (int k = 0; k < ncols; k++)
				out_notes_tsv_cell(&out, r.w[i].r.cell[cols[k]], k == ncols - 1);
		}
	} else {
		struct table *t = table_new(7);
		table_column(t, 0, "#", 1, 0);
		table_column(t, 1, _("paragraph"), 0, 0);
		table_column(t, 2, _("kind"), 0, 0);
		table_column(t, 3, _("status"), 0, 0);
		table_column(t, 4, _("quote"), 0, 6);
		table_column(t, 5, _("fix"), 0, 6);
		table_column(t, 6, _("note"), 0, 8);
		for (int i = 0; i < r.n; i++) {
			const struct out_notes_row *w = &r.w[i].r;
			struct sbuf st;
			sbuf_init(&st);
			sbuf_adds(&st, w->cell[NCOL_STATUS]);
			if (r.v[i].anchor_state != ANCHOR_EXACT)
				sbuf_printf(&st, " %s", w->cell[NCOL_ANCHOR]);
			if (r.v[i].applied)
				sbuf_printf(&st, " %s", _("applied"));
			table_cell_int(t, r.v[i].num);
			table_cell(t, w->cell[NCOL_PARAGRAPH], NULL);
			table_cell(t, w->cell[NCOL_KIND], NULL);
			table_cell(t, st.s, NULL);
			table_cell(t, w->cell[NCOL_QUOTE], NULL);
			table_cell(t, w->cell[NCOL_FIX], NULL);
			table_cell(t, w->cell[NCOL_NOTE], NULL);
			sbuf_free(&st);
		}
		if (r.n)
			table_print(t, &out, cli_term_width(), cli_want_color(o));
		table_free(t);
	}
	run_close(&r);
	return cli_flush(&out);
}
