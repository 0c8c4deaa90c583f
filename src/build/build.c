/* build.c — the builder: canonical sources → SQLite (see build.h) */
#include "anli/i18n.h"
#include "anli/build.h"

#include "anli/fold.h"
#include "anli/names.h"
#include "anli/seed.h"
#include "anli/source.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char SCHEMA[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE collection(\n"
	"  id TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE, title TEXT, publisher TEXT, date TEXT,\n"
	"  seed TEXT NOT NULL);\n"
	"CREATE TABLE chapter(\n"
	"  id TEXT PRIMARY KEY, collection_id TEXT NOT NULL REFERENCES collection(id),\n"
	"  ord INTEGER NOT NULL UNIQUE, number INTEGER NOT NULL, label TEXT, title TEXT NOT NULL,\n"
	"  seed TEXT NOT NULL, lines TEXT NOT NULL,\n"
	"  start_inferred INTEGER NOT NULL DEFAULT 0); -- where it begins is inferred, not in the seed\n"
	"CREATE TABLE item(\n"
	"  id TEXT PRIMARY KEY, ord INTEGER NOT NULL UNIQUE,\n"
	"  collection_id TEXT NOT NULL REFERENCES collection(id),\n"
	"  chapter_id TEXT REFERENCES chapter(id),  -- NULL for a foreword\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('foreword','case','article')),\n"
	"  number INTEGER,                         -- case 1-53, article 1-8\n"
	"  title TEXT, title_missing INTEGER NOT NULL DEFAULT 0,\n"
	"  end_missing INTEGER NOT NULL DEFAULT 0,  -- the seed breaks off before the end\n"
	"  subtitle TEXT, org TEXT, region TEXT, author TEXT, role TEXT,\n"
	"  seed TEXT NOT NULL, line_first INTEGER NOT NULL, line_last INTEGER NOT NULL,\n"
	"  page_first INTEGER, page_last INTEGER, source_file TEXT NOT NULL,\n"
	"  lines TEXT NOT NULL,                     -- seed line ranges of the whole item\n"
	"  search_first INTEGER NOT NULL);          -- rowid of its first search_doc (they follow in order)\n"
	"CREATE TABLE section(\n"
	"  id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES item(id), ord INTEGER NOT NULL,\n"
	"  heading TEXT,                           -- NULL for the untitled introduction\n"
	"  role TEXT CHECK (role IN ('背景','做法','成效','启示')),\n"
	"  UNIQUE (item_id, ord));\n"
	"CREATE TABLE block(\n"
	"  id TEXT PRIMARY KEY, item_id TEXT NOT NULL REFERENCES item(id),\n"
	"  section_id TEXT NOT NULL REFERENCES section(id), ord INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('heading','subheading','paragraph','caption')),\n"
	"  text TEXT NOT NULL, seed TEXT NOT NULL, lines TEXT NOT NULL,\n"
	"  line_first INTEGER, line_last INTEGER, page_first INTEGER, page_last INTEGER,\n"
	"  source_file TEXT NOT NULL, source_line INTEGER NOT NULL,\n"
	"  flag TEXT CHECK (flag IN ('signature','missing')), -- signature: set right-aligned;\n"
	"                                        -- missing: a heading the seed lost (lines '-')\n"
	"  UNIQUE (item_id, ord));\n"
	"CREATE TABLE duplicate(\n"
	"  item_id TEXT NOT NULL REFERENCES item(id), ord INTEGER NOT NULL, text TEXT NOT NULL,\n"
	"  seed TEXT NOT NULL, lines TEXT NOT NULL);\n"
	"CREATE TABLE erratum(\n"
	"  item_id TEXT NOT NULL REFERENCES item(id), ord INTEGER NOT NULL, printed TEXT NOT NULL,\n"
	"  corrected TEXT NOT NULL);\n"
	"CREATE TABLE search_doc(\n"
	"  rowid INTEGER PRIMARY KEY,               -- reading order\n"
	"  item_id TEXT NOT NULL REFERENCES item(id), item_ord INTEGER NOT NULL,\n"
	"  block_id TEXT,                           -- NULL for title, subtitle, byline\n"
	"  field TEXT NOT NULL, section TEXT, orig TEXT NOT NULL,\n"
	"  text TEXT NOT NULL);                     -- orig folded: full-width to half-width, Latin lower case\n"
	"CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_doc', content_rowid='rowid',\n"
	"  tokenize='trigram case_sensitive 1');   -- the text is folded already\n"
	"CREATE INDEX block_item ON block(item_id, ord);\n"
	"CREATE INDEX item_chapter ON item(chapter_id, ord);\n";

struct builder {
	sqlite3 *db;
	struct anli_err *err;
	const char *datadir;
	struct seed seeds[8];
	int nseeds;
	int item_ord, chapter_ord;
	sqlite3_stmt *ins_item, *ins_section, *ins_block, *ins_dup, *ins_chapter, *ins_search;
	sqlite3_int64 search_rowid; /* search documents get rowids 1, 2, … in reading order */
	int bind_rc;                /* the first failed bind since the last step (step_done) */
	/* block id bases in use within the current item (unique_id) */
	struct id_slot {
		char *key;
		int count;
	} *ids;
	int nids, capids;
};

static int db_fail(struct builder *b, const char *what)
{
	return anli_err_set(b->err, _("%s: %s"), what, sqlite3_errmsg(b->db));
}

static const struct seed *get_seed(struct builder *b, const char *id)
{
	for (int i = 0; i < b->nseeds; i++)
		if (!strcmp(b->seeds[i].id, id))
			return &b->seeds[i];
	if (b->nseeds == (int)(sizeof b->seeds / sizeof *b->seeds)) {
		anli_err_set(b->err, _("too many seeds"));
		return NULL;
	}
	struct sbuf raw;
	sbuf_init(&raw);
	sbuf_printf(&raw, "%s/raw", b->datadir);
	int rc = seed_load(raw.s, id, &b->seeds[b->nseeds], b->err);
	sbuf_free(&raw);
	if (rc)
		return NULL;
	return &b->seeds[b->nseeds++];
}

/* Checked binds: the first failure is kept in b->bind_rc and reported by
 * step_done with sqlite3_errmsg, so no bind result goes unseen. */
static void bind_keep(struct builder *b, int rc)
{
	if (rc != SQLITE_OK && b->bind_rc == SQLITE_OK)
		b->bind_rc = rc;
}

static void bind_text(struct builder *b, sqlite3_stmt *st, int i, const char *s)
{
	bind_keep(b, s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

static void bind_int(struct builder *b, sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	bind_keep(b, sqlite3_bind_int64(st, i, v));
}

/* 0 is stored as NULL (no page, no number) */
static void bind_int_or_null(struct builder *b, sqlite3_stmt *st, int i, int v)
{
	bind_keep(b, v ? sqlite3_bind_int(st, i, v) : sqlite3_bind_null(st, i));
}

static int step_done(struct builder *b, sqlite3_stmt *st, const char *what)
{
	if (b->bind_rc != SQLITE_OK) {
		b->bind_rc = SQLITE_OK;
		int r = db_fail(b, what);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return r;
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_fail(b, what);
	return 0;
}

static int add_search(struct builder *b, const char *item_id, const char *block_id, const char *field,
		      const char *section, const char *text)
{
	if (!text)
		return 0;
	char *folded = fold_text(text, strlen(text));
	sqlite3_stmt *st = b->ins_search;
	bind_int(b, st, 1, ++b->search_rowid);
	bind_text(b, st, 2, item_id);
	bind_int(b, st, 3, b->item_ord);
	bind_text(b, st, 4, block_id);
	bind_text(b, st, 5, field);
	bind_text(b, st, 6, section);
	bind_text(b, st, 7, text);
	bind_text(b, st, 8, folded);
	int rc = step_done(b, st, "search index");
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

/* The pages of an item's blocks (pf[i], pl[i]; 0 = none) and of the item.  A
 * page never decreases in reading order within an item: a block whose page is
 * lower than one already read sits in a passage the extraction displaced and
 * inherited the page of the place it was put, which proves nothing. */
static int item_pages(struct builder *b, const struct seed *sd, const struct src_item *it, int *pf, int *pl,
		      int *ipf, int *ipl)
{
	int seen = 0, lf, ll;
	*ipf = *ipl = 0;
	for (int i = 0; i < it->nblocks; i++) {
		const struct src_block *bl = &it->blocks[i];
		if (refs_extent(b, sd, &bl->refs, it->file, bl->line, &lf, &ll, &pf[i], &pl[i]))
			return -1;
		if (bl->kind == SRC_DUP || !pf[i])
			continue;
		if (pf[i] < seen) {
			pf[i] = pl[i] = 0;
			continue;
		}
		seen = pl[i];
		if (!*ipf)
			*ipf = pf[i];
		*ipl = pl[i];
	}
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

static void clear_ids(struct builder *b)
{
	for (int i = 0; i < b->capids; i++) {
		free(b->ids[i].key);
		b->ids[i].key = NULL;
	}
	b->nids = 0;
}

static int insert_item(struct builder *b, const struct src_collection *c, const struct src_item *it,
		       const char *item_id)
{
	const struct seed *sd = get_seed(b, it->seed);
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
	bind_text(b, st, 1, item_id);
	bind_int(b, st, 2, ++b->item_ord);
	bind_text(b, st, 3, c->id);
	if (it->chapter) {
		sbuf_printf(&s1, "%s/%d", c->id, it->chapter);
		bind_text(b, st, 4, s1.s);
	} else {
		bind_text(b, st, 4, NULL);
	}
	bind_text(b, st, 5, it->kind);
	bind_int_or_null(b, st, 6, it->number);
	bind_text(b, st, 7, it->title);
	bind_int(b, st, 8, it->missing_title);
	bind_text(b, st, 9, it->subtitle);
	bind_text(b, st, 10, it->org);
	bind_text(b, st, 11, it->region);
	bind_text(b, st, 12, it->author);
	bind_text(b, st, 13, it->role);
	bind_text(b, st, 14, it->seed);
	bind_int(b, st, 15, src_first);
	bind_int(b, st, 16, src_last);
	bind_int_or_null(b, st, 17, ipf);
	bind_int_or_null(b, st, 18, ipl);
	bind_text(b, st, 19, it->file);
	src_format_refs(&it->source, &lines);
	bind_text(b, st, 20, lines.s);
	bind_int(b, st, 21, it->missing_end);
	bind_int(b, st, 22, b->search_rowid + 1);
	if (step_done(b, st, it->file))
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
	clear_ids(b);
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
			bind_text(b, b->ins_dup, 1, item_id);
			bind_int(b, b->ins_dup, 2, ++dup_ord);
			bind_text(b, b->ins_dup, 3, bl->text);
			bind_text(b, b->ins_dup, 4, it->seed);
			bind_text(b, b->ins_dup, 5, lines.s);
			if (step_done(b, b->ins_dup, it->file))
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
			bind_text(b, b->ins_section, 1, sec_id);
			bind_text(b, b->ins_section, 2, item_id);
			bind_int(b, b->ins_section, 3, sec_ord++);
			bind_text(b, b->ins_section, 4, heading);
			bind_text(b, b->ins_section, 5, role);
			if (step_done(b, b->ins_section, it->file))
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
		bind_text(b, st, 1, bid);
		bind_text(b, st, 2, item_id);
		bind_text(b, st, 3, sec_id);
		bind_int(b, st, 4, ++blk_ord);
		bind_text(b, st, 5, kind);
		bind_text(b, st, 6, bl->text);
		bind_text(b, st, 7, it->seed);
		bind_text(b, st, 8, lines.s);
		bind_int_or_null(b, st, 9, lf);
		bind_int_or_null(b, st, 10, ll);
		bind_int_or_null(b, st, 11, pf);
		bind_int_or_null(b, st, 12, pl);
		bind_text(b, st, 13, it->file);
		bind_int(b, st, 14, bl->line);
		bind_text(b, st, 15, bl->flag == SRC_FLAG_SIGNATURE ? "signature"
					  : bl->flag == SRC_FLAG_MISSING ? "missing"
									 : NULL);
		if (step_done(b, st, it->file))
			goto out;
		/* a heading the seed lost is not text of the book: not searched */
		if (bl->flag != SRC_FLAG_MISSING && add_search(b, item_id, bid, kind, cur_heading, bl->text))
			goto out;
	}
	for (int i = 0; i < it->nerrata; i++) {
		char sql[] = "INSERT INTO erratum(item_id, ord, printed, corrected) VALUES (?,?,?,?)";
		if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
			db_fail(b, it->file);
			goto out;
		}
		bind_text(b, st, 1, item_id);
		bind_int(b, st, 2, i + 1);
		bind_text(b, st, 3, it->err_printed[i]);
		bind_text(b, st, 4, it->err_corrected[i]);
		int r = step_done(b, st, it->file);
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

static int build_collection(struct builder *b, const char *sub, int ord)
{
	struct sbuf dir, tmp;
	sbuf_init(&dir);
	sbuf_init(&tmp);
	sbuf_printf(&dir, "%s/%s", b->datadir, sub);
	struct src_collection c;
	int rc = -1;
	if (src_load(dir.s, &c, b->err)) {
		sbuf_free(&dir);
		return -1;
	}
	const struct seed *sd = get_seed(b, c.seed);
	if (!sd)
		goto out;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->db,
			       "INSERT INTO collection(id, ord, title, publisher, date, seed) VALUES (?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK) {
		db_fail(b, "prepare");
		goto out;
	}
	bind_text(b, st, 1, c.id);
	bind_int(b, st, 2, ord);
	bind_text(b, st, 3, c.title);
	bind_text(b, st, 4, c.publisher);
	bind_text(b, st, 5, c.date);
	bind_text(b, st, 6, c.seed);
	int r = step_done(b, st, dir.s);
	sqlite3_finalize(st);
	if (r)
		goto out;
	for (int i = 0; i < c.nchapters; i++) {
		const struct src_chapter *ch = &c.chapters[i];
		const struct seed *csd = ch->seed ? get_seed(b, ch->seed) : sd;
		if (!csd)
			goto out;
		for (int k = 0; k < ch->refs.n; k++)
			if (ch->refs.r[k].last > csd->nlines) {
				anli_err_set(b->err, _("%s/collection.txt:%d: line %d is past the end of seed %s"), dir.s,
					     ch->line, ch->refs.r[k].last, csd->id);
				goto out;
			}
		tmp.len = 0;
		sbuf_printf(&tmp, "%s/%d", c.id, ch->number);
		st = b->ins_chapter;
		bind_text(b, st, 1, tmp.s);
		bind_text(b, st, 2, c.id);
		bind_int(b, st, 3, ++b->chapter_ord);
		bind_int(b, st, 4, ch->number);
		bind_text(b, st, 5, ch->label);
		bind_text(b, st, 6, ch->title);
		bind_text(b, st, 7, csd->id);
		tmp.len = 0;
		src_format_refs(&ch->refs, &tmp);
		bind_text(b, st, 8, tmp.s);
		bind_int(b, st, 9, ch->start_inferred);
		if (step_done(b, st, dir.s))
			goto out;
	}
	for (int i = 0; i < c.nitems; i++) {
		const struct src_item *it = &c.items[i];
		tmp.len = 0;
		if (!strcmp(it->kind, "foreword"))
			sbuf_printf(&tmp, "%s", c.id[0] == 'b' ? "foreword" : "foreword-");
		else
			sbuf_printf(&tmp, "%c%d", it->kind[0], it->number);
		if (!strcmp(it->kind, "foreword") && strcmp(c.id, "book"))
			sbuf_adds(&tmp, c.id);
		if (insert_item(b, &c, it, tmp.s))
			goto out;
	}
	rc = 0;
out:
	src_free(&c);
	sbuf_free(&dir);
	sbuf_free(&tmp);
	return rc;
}

static int exec(struct builder *b, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(b->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		anli_err_set(b->err, _("sqlite: %s"), msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int build_database(const char *datadir, const char *out, struct anli_err *err)
{
	struct builder b;
	memset(&b, 0, sizeof b);
	b.err = err;
	b.datadir = datadir;
	struct sbuf tmp;
	sbuf_init(&tmp);
	sbuf_printf(&tmp, "%s.tmp", out);
	unlink(tmp.s);
	int rc = -1;
	if (sqlite3_open_v2(tmp.s, &b.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		anli_err_set(err, _("%s: cannot create: %s"), tmp.s, b.db ? sqlite3_errmsg(b.db) : "out of memory");
		goto out;
	}
	char pragmas[256];
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;"
		 "PRAGMA application_id=%d; PRAGMA user_version=%d;",
		 ANLI_APPLICATION_ID, ANLI_SCHEMA_VERSION);
	if (exec(&b, pragmas) || exec(&b, "BEGIN") || exec(&b, SCHEMA))
		goto out;
	if (sqlite3_prepare_v2(b.db,
			       "INSERT INTO item(id, ord, collection_id, chapter_id, kind, number, title,"
			       " title_missing, subtitle, org, region, author, role, seed, line_first, line_last,"
			       " page_first, page_last, source_file, lines, end_missing, search_first)"
			       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &b.ins_item, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b.db, "INSERT INTO section(id, item_id, ord, heading, role) VALUES (?,?,?,?,?)", -1,
			       &b.ins_section, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b.db,
			       "INSERT INTO block(id, item_id, section_id, ord, kind, text, seed, lines,"
			       " line_first, line_last, page_first, page_last, source_file, source_line, flag)"
			       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &b.ins_block, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b.db, "INSERT INTO duplicate(item_id, ord, text, seed, lines) VALUES (?,?,?,?,?)",
			       -1, &b.ins_dup, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b.db,
			       "INSERT INTO search_doc(rowid, item_id, item_ord, block_id, field, section, orig, text)"
			       " VALUES (?,?,?,?,?,?,?,?)",
			       -1, &b.ins_search, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b.db,
			       "INSERT INTO chapter(id, collection_id, ord, number, label, title, seed, lines,"
			       " start_inferred) VALUES (?,?,?,?,?,?,?,?,?)",
			       -1, &b.ins_chapter, NULL) != SQLITE_OK) {
		db_fail(&b, "prepare");
		goto out;
	}
	if (build_collection(&b, "book", 1) || build_collection(&b, "leaders", 2))
		goto out;
	char meta[256];
	snprintf(meta, sizeof meta,
		 "INSERT INTO meta VALUES ('schema_version', '%d'), ('fold_version', '%d'),"
		 " ('generator', 'anli-build " ANLI_VERSION "');",
		 ANLI_SCHEMA_VERSION, FOLD_VERSION);
	if (exec(&b, meta))
		goto out;
	for (int i = 0; i < b.nseeds; i++) {
		/* the fullest proven page of each seed: the bound its other pages are held to */
		char *q = sqlite3_mprintf("INSERT INTO meta VALUES ('page_max_lines:%q', '%d')", b.seeds[i].id,
					  b.seeds[i].page_max_lines);
		int r = q ? exec(&b, q) : anli_err_set(err, _("out of memory"));
		sqlite3_free(q);
		if (r)
			goto out;
	}
	if ( exec(&b, "INSERT INTO search_fts(search_fts) VALUES ('rebuild')") ||
	    exec(&b, "INSERT INTO search_fts(search_fts) VALUES ('optimize')") || exec(&b, "COMMIT") ||
	    exec(&b, "VACUUM"))
		goto out;
	rc = 0;
out:
	sqlite3_finalize(b.ins_item);
	sqlite3_finalize(b.ins_section);
	sqlite3_finalize(b.ins_block);
	sqlite3_finalize(b.ins_dup);
	sqlite3_finalize(b.ins_chapter);
	sqlite3_finalize(b.ins_search);
	if (b.db && sqlite3_close(b.db) != SQLITE_OK && rc == 0)
		rc = anli_err_set(err, _("%s: close failed"), tmp.s);
	clear_ids(&b);
	free(b.ids);
	for (int i = 0; i < b.nseeds; i++)
		seed_free(&b.seeds[i]);
	if (rc == 0 && rename(tmp.s, out) != 0)
		rc = anli_err_set(err, _("%s: cannot rename to %s"), tmp.s, out);
	if (rc)
		unlink(tmp.s);
	sbuf_free(&tmp);
	return rc;
}
