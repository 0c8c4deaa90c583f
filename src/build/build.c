/* build.c — the builder's driver: canonical sources → SQLite (see build.h):
 * the schema, the collections and chapters, the temporary file renamed over
 * the old database.  An item's rows are emit.c's. */
#include "anli/i18n.h"
#include "anli/build.h"

#include "builder.h"

#include "anli/fold.h"

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

int builder_db_fail(struct builder *b, const char *what)
{
	return anli_err_set(b->err, _("%s: %s"), what, sqlite3_errmsg(b->db));
}

const struct seed *builder_seed(struct builder *b, const char *id)
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

void builder_bind_text(struct builder *b, sqlite3_stmt *st, int i, const char *s)
{
	bind_keep(b, s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

void builder_bind_int(struct builder *b, sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	bind_keep(b, sqlite3_bind_int64(st, i, v));
}

/* 0 is stored as NULL (no page, no number) */
void builder_bind_int_or_null(struct builder *b, sqlite3_stmt *st, int i, int v)
{
	bind_keep(b, v ? sqlite3_bind_int(st, i, v) : sqlite3_bind_null(st, i));
}

int builder_step(struct builder *b, sqlite3_stmt *st, const char *what)
{
	if (b->bind_rc != SQLITE_OK) {
		b->bind_rc = SQLITE_OK;
		int r = builder_db_fail(b, what);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return r;
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return builder_db_fail(b, what);
	return 0;
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
	const struct seed *sd = builder_seed(b, c.seed);
	if (!sd)
		goto out;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->db,
			       "INSERT INTO collection(id, ord, title, publisher, date, seed) VALUES (?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK) {
		builder_db_fail(b, "prepare");
		goto out;
	}
	builder_bind_text(b, st, 1, c.id);
	builder_bind_int(b, st, 2, ord);
	builder_bind_text(b, st, 3, c.title);
	builder_bind_text(b, st, 4, c.publisher);
	builder_bind_text(b, st, 5, c.date);
	builder_bind_text(b, st, 6, c.seed);
	int r = builder_step(b, st, dir.s);
	sqlite3_finalize(st);
	if (r)
		goto out;
	for (int i = 0; i < c.nchapters; i++) {
		const struct src_chapter *ch = &c.chapters[i];
		const struct seed *csd = ch->seed ? builder_seed(b, ch->seed) : sd;
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
		builder_bind_text(b, st, 1, tmp.s);
		builder_bind_text(b, st, 2, c.id);
		builder_bind_int(b, st, 3, ++b->chapter_ord);
		builder_bind_int(b, st, 4, ch->number);
		builder_bind_text(b, st, 5, ch->label);
		builder_bind_text(b, st, 6, ch->title);
		builder_bind_text(b, st, 7, csd->id);
		tmp.len = 0;
		src_format_refs(&ch->refs, &tmp);
		builder_bind_text(b, st, 8, tmp.s);
		builder_bind_int(b, st, 9, ch->start_inferred);
		if (builder_step(b, st, dir.s))
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
		if (builder_item(b, &c, it, tmp.s))
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

/* meta 'fingerprint' (util.h): what state anchored to the book is checked against */
static int store_fingerprint(struct builder *b)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->db, UTIL_FINGERPRINT_SQL, -1, &st, NULL) != SQLITE_OK)
		return builder_db_fail(b, "fingerprint");
	unsigned long long h = UTIL_FNV64_INIT;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int c = 0; c < 3; c++)
			util_fnv64(&h, (const char *)sqlite3_column_text(st, c));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return builder_db_fail(b, "fingerprint");
	char sql[128];
	snprintf(sql, sizeof sql, "INSERT INTO meta VALUES ('fingerprint', '%016llx')", h);
	return exec(b, sql);
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
		builder_db_fail(&b, "prepare");
		goto out;
	}
	if (build_collection(&b, "book", 1) || build_collection(&b, "leaders", 2))
		goto out;
	char meta[256];
	snprintf(meta, sizeof meta,
		 "INSERT INTO meta VALUES ('schema_version', '%d'), ('fold_version', '%d'),"
		 " ('generator', 'anli-build " ANLI_VERSION "');",
		 ANLI_SCHEMA_VERSION, FOLD_VERSION);
	if (exec(&b, meta) || store_fingerprint(&b))
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
	builder_clear_ids(&b);
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
