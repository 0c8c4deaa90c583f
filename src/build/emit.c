/* emit.c — one item's rows: the item, its sections in the book's order,
 * blocks with stable ids and proven pages, duplicates, errata, search
 * documents (see builder.h). */
#include "anli/i18n.h"
#include "builder.h"

#include "anli/build.h"
#include "anli/fold.h"
#include "anli/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_search(struct builder *b, const char *item_id, const char *block_id, const char *field,
		      const char *section, const char *text)
{
	if (!text)
		return 0;
	char *folded = fold_text(text, strlen(text));
	sqlite3_stmt *st = b->ins_search;
	builder_bind_int(b, st, 1, ++b->search_rowid);
	builder_bind_text(b, st, 2, item_id);
	builder_bind_int(b, st, 3, b->item_ord);
	builder_bind_text(b, st, 4, block_id);
	builder_bind_text(b, st, 5, field);
	builder_bind_text(b, st, 6, section);
	builder_bind_text(b, st, 7, text);
	builder_bind_text(b, st, 8, folded);
	int rc = builder_step(b, st, "search index");
	free(folded);
	return rc;
}

static const char *section_role(const char *heading)
{
	static const char *const roles[] = {"背景", "做法", "成效", "启示"};
	for (int i = 0; i < 4; i++)
		if (strstr(heading, roles[i]))
			return roles[i];
	return NULL;
}

static int role_rank(const char *role)
{
	static const char *const roles[] = {"背景", "做法", "成效", "启示"};
	for (int i = 0; role && i < 4; i++)
		if (!strcmp(role, roles[i]))
			return i + 1;
	return 0;
}

/* Check refs against the seed; compute line/page extent. */
static int refs_extent(struct builder *b, const struct seed *sd, const struct src_refs *refs,
		       const char *file, int line, int *lf, int *ll, int *pf, int *pl)
{
	*lf = *ll = *pf = *pl = 0;
	for (int i = 0; i < refs->n; i++) {
		const struct src_range *r = &refs->r[i];
		if (r->last > sd->nlines)
			return anli_err_set(b->err, _("%s:%d: line %d is past the end of seed %s (%d lines)"), file,
					    line, r->last, sd->id, sd->nlines);
		if (!*lf || r->first < *lf)
			*lf = r->first;
		if (r->last > *ll)
			*ll = r->last;
	}
	/* pages in reading order: of the first line of the first range and the
	 * last line of the last; none unless the seed proves both */
	if (refs->n) {
		*pf = sd->page[refs->r[0].first];
		*pl = sd->page[refs->r[refs->n - 1].last];
		if (!*pf || !*pl || *pl < *pf)
			*pf = *pl = 0;
	}
	return 0;
}

/* The pages of an item's blocks (pf[i], pl[i]; 0 = none) and of the item
 * (from its title to its last line, or none).  A
 * page never decreases in reading order within an item: a block whose page is
 * lower than one already read sits in a passage the extraction displaced and
 * inherited the page of the place it was put, which proves nothing. */
static int item_pages(struct builder *b, const struct seed *sd, const struct src_item *it, int *pf, int *pl,
		      int *ipf, int *ipl)
{
	int seen = 0, lf, ll, last = -1;
	for (int i = 0; i < it->nblocks; i++) {
		const struct src_block *bl = &it->blocks[i];
		if (refs_extent(b, sd, &bl->refs, it->file, bl->line, &lf, &ll, &pf[i], &pl[i]))
			return -1;
		if (bl->kind == SRC_DUP || !bl->refs.n)
			continue;
		last = i;
		if (!pf[i])
			continue;
		if (pf[i] < seen) {
			pf[i] = pl[i] = 0;
			continue;
		}
		seen = pl[i];
	}
	/* the item runs from its title (the first line of its source) to the
	 * end of its last block: its pages only when both ends are proven */
	*ipf = it->source.n ? sd->page[it->source.r[0].first] : 0;
	*ipl = last >= 0 ? pl[last] : 0;
	if (!*ipf || !*ipl || *ipl < *ipf)
		*ipf = *ipl = 0;
	return 0;
}

/* Block ids within an item: the base "<item>:<kind><line>", then base.2,
 * base.3 … for blocks that share it.  A hash map base → count makes this
 * linear in the number of blocks (bases never contain '.', so a suffixed id
 * cannot clash with a base). */
unsigned long build_id_probes;

static unsigned long hash_str(const char *s)
{
	unsigned long h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static const char *unique_id(struct builder *b, const char *base, struct sbuf *out)
{
	if (2 * (b->nids + 1) > b->capids) {
		int cap = b->capids ? 2 * b->capids : 64;
		struct id_slot *t = xcalloc((size_t)cap, sizeof *t);
		for (int i = 0; i < b->capids; i++)
			if (b->ids[i].key) {
				unsigned long h = hash_str(b->ids[i].key) & (unsigned long)(cap - 1);
				while (t[h].key)
					h = (h + 1) & (unsigned long)(cap - 1);
				t[h] = b->ids[i];
			}
		free(b->ids);
		b->ids = t;
		b->capids = cap;
	}
	unsigned long h = hash_str(base) & (unsigned long)(b->capids - 1);
	while (b->ids[h].key && strcmp(b->ids[h].key, base)) {
		h = (h + 1) & (unsigned long)(b->capids - 1);
		build_id_probes++;
	}
	build_id_probes++;
	out->len = 0;
	if (!b->ids[h].key) {
		b->ids[h].key = xstrdup(base);
		b->ids[h].count = 1;
		b->nids++;
		sbuf_adds(out, base);
	} else {
		sbuf_printf(out, "%s.%d", base, ++b->ids[h].count);
	}
	return out->s;
}

void builder_clear_ids(struct builder *b)
{
	for (int i = 0; i < b->capids; i++) {
		free(b->ids[i].key);
		b->ids[i].key = NULL;
	}
	b->nids = 0;
}

int builder_item(struct builder *b, const struct src_collection *c, const struct src_item *it,
		       const char *item_id)
{
	const struct seed *sd = builder_seed(b, it->seed);
	if (!sd)
		return -1;
	int src_first, src_last, pf_unused, pl_unused, ipf, ipl;
	if (refs_extent(b, sd, &it->source, it->file, it->line_source, &src_first, &src_last, &pf_unused,
			&pl_unused))
		return -1;
	int *bpf = xcalloc((size_t)it->nblocks + 1, sizeof *bpf), *bpl = xcalloc((size_t)it->nblocks + 1, sizeof *bpl);
	if (item_pages(b, sd, it, bpf, bpl, &ipf, &ipl)) {
		free(bpf);
		free(bpl);
		return -1;
	}
	struct sbuf s1, s2, lines;
	sbuf_init(&s1);
	sbuf_init(&s2);
	sbuf_init(&lines);
	int rc = -1;
	sqlite3_stmt *st = b->ins_item;
	builder_bind_text(b, st, 1, item_id);
	builder_bind_int(b, st, 2, ++b->item_ord);
	builder_bind_text(b, st, 3, c->id);
	if (it->chapter) {
		sbuf_printf(&s1, "%s/%d", c->id, it->chapter);
		builder_bind_text(b, st, 4, s1.s);
	} else {
		builder_bind_text(b, st, 4, NULL);
	}
	builder_bind_text(b, st, 5, it->kind);
	builder_bind_int_or_null(b, st, 6, it->number);
	builder_bind_text(b, st, 7, it->title);
	builder_bind_int(b, st, 8, it->missing_title);
	builder_bind_text(b, st, 9, it->subtitle);
	builder_bind_text(b, st, 10, it->org);
	builder_bind_text(b, st, 11, it->region);
	builder_bind_text(b, st, 12, it->author);
	builder_bind_text(b, st, 13, it->role);
	builder_bind_text(b, st, 14, it->seed);
	builder_bind_int(b, st, 15, src_first);
	builder_bind_int(b, st, 16, src_last);
	builder_bind_int_or_null(b, st, 17, ipf);
	builder_bind_int_or_null(b, st, 18, ipl);
	builder_bind_text(b, st, 19, it->file);
	src_format_refs(&it->source, &lines);
	builder_bind_text(b, st, 20, lines.s);
	builder_bind_int(b, st, 21, it->missing_end);
	builder_bind_int(b, st, 22, b->search_rowid + 1);
	if (builder_step(b, st, it->file))
		goto out;
	struct sbuf byline;
	sbuf_init(&byline);
	names_byline(&byline, it->org, it->author, it->role);
	int srch = add_search(b, item_id, NULL, "title", NULL, it->title) ||
		   add_search(b, item_id, NULL, "subtitle", NULL, it->subtitle) ||
		   add_search(b, item_id, NULL, "byline", NULL, byline.len ? byline.s : NULL);
	sbuf_free(&byline);
	if (srch)
		goto out;

	/* Sections and blocks. */
	int sec_ord = 0, blk_ord = 0, dup_ord = 0, last_rank = 0;
	const char *last_role_file_heading = NULL, *cur_heading = NULL;
	char sec_id[128];
	builder_clear_ids(b);
	for (int i = 0; i < it->nblocks; i++) {
		const struct src_block *bl = &it->blocks[i];
		int lf, ll, pf, pl;
		if (refs_extent(b, sd, &bl->refs, it->file, bl->line, &lf, &ll, &pf, &pl))
			goto out;
		pf = bpf[i];
		pl = bpl[i];
		lines.len = 0;
		src_format_refs(&bl->refs, &lines);
		if (bl->kind == SRC_DUP) {
			builder_bind_text(b, b->ins_dup, 1, item_id);
			builder_bind_int(b, b->ins_dup, 2, ++dup_ord);
			builder_bind_text(b, b->ins_dup, 3, bl->text);
			builder_bind_text(b, b->ins_dup, 4, it->seed);
			builder_bind_text(b, b->ins_dup, 5, lines.s);
			if (builder_step(b, b->ins_dup, it->file))
				goto out;
			continue;
		}
		int new_section = bl->kind == SRC_HEADING || sec_ord == 0;
		if (new_section) {
			const char *heading = bl->kind == SRC_HEADING ? bl->text : NULL;
			cur_heading = heading;
			const char *role = heading ? section_role(heading) : NULL;
			int rank = role_rank(role);
			if (rank) {
				if (rank <= last_rank) {
					anli_err_set(b->err,
						     _("%s:%d: section '%s' comes after '%s': the order must be "
						     "背景, 做法, 成效, 启示"),
						     it->file, bl->line, heading, last_role_file_heading);
					goto out;
				}
				last_rank = rank;
				last_role_file_heading = heading;
			}
			snprintf(sec_id, sizeof sec_id, "%s/%d", item_id, sec_ord);
			builder_bind_text(b, b->ins_section, 1, sec_id);
			builder_bind_text(b, b->ins_section, 2, item_id);
			builder_bind_int(b, b->ins_section, 3, sec_ord++);
			builder_bind_text(b, b->ins_section, 4, heading);
			builder_bind_text(b, b->ins_section, 5, role);
			if (builder_step(b, b->ins_section, it->file))
				goto out;
		}
		const char *kind = names_block_kind(bl->kind);
		s2.len = 0;
		if (lf)
			sbuf_printf(&s2, "%s:%c%d", item_id, bl->kind, lf);
		else
			sbuf_printf(&s2, "%s:%c", item_id, bl->kind);
		const char *bid = unique_id(b, s2.s, &s1);
		st = b->ins_block;
		builder_bind_text(b, st, 1, bid);
		builder_bind_text(b, st, 2, item_id);
		builder_bind_text(b, st, 3, sec_id);
		builder_bind_int(b, st, 4, ++blk_ord);
		builder_bind_text(b, st, 5, kind);
		builder_bind_text(b, st, 6, bl->text);
		builder_bind_text(b, st, 7, it->seed);
		builder_bind_text(b, st, 8, lines.s);
		builder_bind_int_or_null(b, st, 9, lf);
		builder_bind_int_or_null(b, st, 10, ll);
		builder_bind_int_or_null(b, st, 11, pf);
		builder_bind_int_or_null(b, st, 12, pl);
		builder_bind_text(b, st, 13, it->file);
		builder_bind_int(b, st, 14, bl->line);
		builder_bind_text(b, st, 15, bl->flag == SRC_FLAG_SIGNATURE ? "signature"
					  : bl->flag == SRC_FLAG_MISSING ? "missing"
									 : NULL);
		if (builder_step(b, st, it->file))
			goto out;
		/* a heading the seed lost is not text of the book: not searched */
		if (bl->flag != SRC_FLAG_MISSING && add_search(b, item_id, bid, kind, cur_heading, bl->text))
			goto out;
	}
	for (int i = 0; i < it->nerrata; i++) {
		char sql[] = "INSERT INTO erratum(item_id, ord, printed, corrected) VALUES (?,?,?,?)";
		if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
			builder_db_fail(b, it->file);
			goto out;
		}
		builder_bind_text(b, st, 1, item_id);
		builder_bind_int(b, st, 2, i + 1);
		builder_bind_text(b, st, 3, it->err_printed[i]);
		builder_bind_text(b, st, 4, it->err_corrected[i]);
		int r = builder_step(b, st, it->file);
		sqlite3_finalize(st);
		if (r)
			goto out;
	}
	rc = 0;
out:
	free(bpf);
	free(bpl);
	sbuf_free(&s1);
	sbuf_free(&s2);
	sbuf_free(&lines);
	return rc;
}
