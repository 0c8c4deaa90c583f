/* search.c — see search.h.  A few lines over 400: finding every term's
 * hits (FTS5 with an offsets function registered here), loading them
 * page by page and the snippets share the result's string pool. */
#include "anli/i18n.h"
#include "anli/search.h"

#include "db.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

/* Strings shared by the hits of one result. */
struct pool {
	char **s;
	int n, cap;
};

static const char *keep(struct pool *p, const unsigned char *s)
{
	if (!s)
		return NULL;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->s = xrealloc(p->s, sizeof *p->s * (size_t)p->cap);
	}
	return p->s[p->n++] = xstrdup((const char *)s);
}

/* The item holding search document `rowid`: items are in reading order and
 * so are their documents (item.search_first is the first one's rowid). */
static int item_of_rowid(const struct model *m, sqlite3_int64 rowid)
{
	int lo = 0, hi = m->nitems;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (m->items[mid].search_first <= rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* anli_offsets(search_fts): the character offsets of the phrase's matches in
 * the current row, from the index's position lists (the trigram tokenizer
 * gives one token per character), as a blob of ints.  No content is read. */
static void offsets_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		       sqlite3_value **val)
{
	(void)nval;
	(void)val;
	int n = 0;
	if (api->xInstCount(fts, &n) != SQLITE_OK) {
		sqlite3_result_error(ctx, "anli_offsets: no instances", -1);
		return;
	}
	int *off = sqlite3_malloc64(sizeof *off * (sqlite3_uint64)(n ? n : 1));
	if (!off) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	for (int i = 0; i < n; i++) {
		int phrase, column, o;
		if (api->xInst(fts, i, &phrase, &column, &o) != SQLITE_OK) {
			sqlite3_free(off);
			sqlite3_result_error(ctx, "anli_offsets: bad instance", -1);
			return;
		}
		off[i] = o;
	}
	sqlite3_result_blob(ctx, off, (int)(sizeof *off * (size_t)n), sqlite3_free);
}

static int register_offsets(struct model *m, struct anli_err *err)
{
	if (m->search_ready)
		return 0;
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (db_prepare(m, "SELECT fts5(?1)", &st, "search: FTS5", err))
		return -1;
	if (db_bind_pointer(m, st, 1, (void *)&api, "fts5_api_ptr", "search: FTS5", err)) {
		sqlite3_finalize(st);
		return -1;
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(m, "search: FTS5", err);
	if (!api || api->xCreateFunction(api, "anli_offsets", NULL, offsets_fn, NULL) != SQLITE_OK)
		return anli_err_set(err, _("%s: search: FTS5 is not available"), m->path);
	m->search_ready = 1;
	return 0;
}

/* Raw hits: document, character offset and length, term. */
struct rawhit {
	sqlite3_int64 rowid;
	int item, cp_off, cp_len, term;
};

struct rawvec {
	struct rawhit *h;
	int n, cap;
};

static void push(struct rawvec *v, sqlite3_int64 rowid, int item, int off, int len, int term)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->h = xrealloc(v->h, sizeof *v->h * (size_t)v->cap);
	}
	v->h[v->n++] = (struct rawhit){rowid, item, off, len, term};
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* Every non-overlapping occurrence of one term, in document order. */
static int find_term(struct model *m, const char *term, int t, struct rawvec *out, struct anli_err *err)
{
	int len = (int)u8_mbsnlen((const uint8_t *)term, strlen(term));
	sqlite3_stmt *st;
	int rc;
	if (len >= 3) {
		/* FTS5 trigram: the term as one quoted phrase (nothing inside is
		 * syntax); positions come from the index */
		struct sbuf q;
		sbuf_init(&q);
		sbuf_addc(&q, '"');
		for (const char *p = term; *p; p++) {
			if (*p == '"')
				sbuf_addc(&q, '"');
			sbuf_addc(&q, *p);
		}
		sbuf_addc(&q, '"');
		rc = db_prepare(m,
				"SELECT rowid, anli_offsets(search_fts) FROM search_fts WHERE search_fts MATCH ?1"
				" ORDER BY rowid",
				&st, "search", err);
		if (!rc && db_bind_text(m, st, 1, q.s, (int)q.len, "search", err)) {
			sqlite3_finalize(st);
			rc = -1;
		}
		sbuf_free(&q);
		if (rc)
			return -1;
	} else {
		/* the trigram index cannot answer 1-2 characters (and LIKE/GLOB on
		 * it are broken for non-ASCII in SQLite 3.40): scan the folded
		 * text, with the C library's strstr (SQLite's instr() decodes
		 * every character and is several times slower) */
		if (db_prepare(m, "SELECT rowid, text FROM search_doc ORDER BY rowid", &st, "search", err))
			return -1;
	}
	size_t tl = strlen(term);
	int *offs = NULL, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
		int item = item_of_rowid(m, rowid);
		if (item < 0)
			continue;
		int n = 0;
		if (len >= 3) {
			n = sqlite3_column_bytes(st, 1) / (int)sizeof(int);
			if (n > cap) {
				cap = n;
				offs = xrealloc(offs, sizeof *offs * (size_t)cap);
			}
			if (n)
				memcpy(offs, sqlite3_column_blob(st, 1), sizeof *offs * (size_t)n);
			if (n > 1)
				qsort(offs, (size_t)n, sizeof *offs, cmp_int);
		} else {
			const char *text = (const char *)sqlite3_column_text(st, 1), *from = text;
			int cp = 0;
			for (const char *p = text ? strstr(text, term) : NULL; p; p = strstr(p + tl, term)) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					offs = xrealloc(offs, sizeof *offs * (size_t)cap);
				}
				/* counted on from the last hit: linear in the text */
				cp += (int)u8_mbsnlen((const uint8_t *)from, (size_t)(p - from));
				from = p;
				offs[n++] = cp;
			}
		}
		/* occurrences of one term do not overlap */
		int end = -1;
		for (int i = 0; i < n; i++)
			if (offs[i] >= end) {
				push(out, rowid, item, offs[i], len, t);
				end = offs[i] + len;
			}
	}
	sqlite3_finalize(st);
	free(offs);
	if (rc != SQLITE_DONE)
		return db_err(m, "search", err);
	return 0;
}

static int cmp_raw(const void *x, const void *y)
{
	const struct rawhit *a = x, *b = y;
	if (a->rowid != b->rowid)
		return a->rowid < b->rowid ? -1 : 1;
	return (a->cp_off > b->cp_off) - (a->cp_off < b->cp_off);
}

int search_find(struct model *m, const char *query, struct search_result *res, struct anli_err *err)
{
	memset(res, 0, sizeof *res);
	struct fold_terms terms;
	if (fold_split_terms(query, &terms)) {
		fold_terms_free(&terms);
		return anli_err_set(err, _("too many search terms (at most %d)"), FOLD_MAX_TERMS);
	}
	int nt = terms.n;
	if (nt == 0) {
		fold_terms_free(&terms);
		return anli_err_set(err, "%s", _("empty search query"));
	}
	int rc = -1;
	char *ok = NULL, *has = NULL;
	struct rawvec raw = {0};
	if (register_offsets(m, err))
		goto out;
	ok = xmalloc((size_t)m->nitems + 1);
	has = xmalloc((size_t)m->nitems + 1);
	memset(ok, 1, (size_t)m->nitems);
	for (int t = 0; t < nt; t++) {
		int from = raw.n;
		if (find_term(m, terms.term[t], t, &raw, err))
			goto out;
		/* the items that hold this term */
		memset(has, 0, (size_t)m->nitems);
		for (int i = from; i < raw.n; i++)
			has[raw.h[i].item] = 1;
		for (int k = 0; k < m->nitems; k++)
			ok[k] &= has[k];
	}
	/* keep the hits in items that hold every term, in reading order */
	int n = 0;
	for (int i = 0; i < raw.n; i++)
		if (ok[raw.h[i].item])
			raw.h[n++] = raw.h[i];
	if (nt > 1 && n > 1)
		qsort(raw.h, (size_t)n, sizeof *raw.h, cmp_raw);
	res->hit = xcalloc((size_t)(n ? n : 1), sizeof *res->hit);
	for (int i = 0; i < n; i++) {
		struct search_hit *h = &res->hit[i];
		h->item = raw.h[i].item;
		h->rowid = raw.h[i].rowid;
		h->cp_off = raw.h[i].cp_off;
		h->cp_len = raw.h[i].cp_len;
		h->term = raw.h[i].term;
	}
	res->n = n;
	res->pool = xcalloc(1, sizeof(struct pool));
	rc = 0;
out:
	if (rc)
		search_result_free(res);
	free(raw.h);
	free(ok);
	free(has);
	fold_terms_free(&terms);
	return rc;
}

/* Fill hit h from the current row of st (block_id, field, section, orig). */
static int fill(struct pool *pool, struct search_hit *h, sqlite3_stmt *st, int c0)
{
	if (!sqlite3_column_text(st, c0 + 1) || !sqlite3_column_text(st, c0 + 3))
		return -1;
	h->block_id = keep(pool, sqlite3_column_text(st, c0));
	h->field = keep(pool, sqlite3_column_text(st, c0 + 1));
	h->section = keep(pool, sqlite3_column_text(st, c0 + 2));
	h->text = keep(pool, sqlite3_column_text(st, c0 + 3));
	return 0;
}

int search_load(struct model *m, struct search_result *res, int first, int count, struct anli_err *err)
{
	if (first < 0)
		first = 0;
	int last = first + count < res->n ? first + count : res->n; /* exclusive */
	struct pool *pool = res->pool;
	/* the documents to read: dense runs are read with one range scan,
	 * scattered ones by rowid */
	int need = 0;
	sqlite3_int64 lo = 0, hi = 0;
	for (int i = first; i < last; i++)
		if (!res->hit[i].text && (i == first || res->hit[i].rowid != res->hit[i - 1].rowid)) {
			if (!need || res->hit[i].rowid < lo)
				lo = res->hit[i].rowid;
			if (!need || res->hit[i].rowid > hi)
				hi = res->hit[i].rowid;
			need++;
		}
	/* need == 0: every hit without text shares a document with the hit
	 * before it (loaded): no statement, only the sharing below */
	int range = hi - lo + 1 <= (sqlite3_int64)need * 2;
	sqlite3_stmt *st = NULL;
	const char *sql = range ? "SELECT rowid, block_id, field, section, orig FROM search_doc"
				  " WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid"
				: "SELECT rowid, block_id, field, section, orig FROM search_doc WHERE rowid = ?1";
	if (need && db_prepare(m, sql, &st, "search", err))
		return -1;
	sqlite3_int64 bad = 0;
	int rc = 0, step = SQLITE_ROW; /* rc: -1 a database error (err set), 1 a missing or NULL row */
	if (need && range) {
		if (db_bind_int64(m, st, 1, lo, "search", err) || db_bind_int64(m, st, 2, hi, "search", err))
			rc = -1;
		else
			step = sqlite3_step(st);
	}
	for (int i = first; i < last && !rc; i++) {
		struct search_hit *h = &res->hit[i];
		if (h->text)
			continue;
		const struct search_hit *p = i > first ? &res->hit[i - 1] : NULL;
		if (p && p->rowid == h->rowid && p->text) {
			/* hits of one document are adjacent: share its strings, and
			 * count characters on from the previous hit (linear in the
			 * document, not hits × length) */
			h->block_id = p->block_id;
			h->field = p->field;
			h->section = p->section;
			h->text = p->text;
			if (h->cp_off >= p->cp_off) {
				h->off = p->off + util_utf8_skip(p->text + p->off, (size_t)(h->cp_off - p->cp_off));
				h->len = util_utf8_skip(h->text + h->off, (size_t)h->cp_len);
				continue;
			}
		} else if (!st) {
			rc = 1, bad = h->rowid; /* cannot happen: counted in need */
		} else if (range) {
			while (step == SQLITE_ROW && sqlite3_column_int64(st, 0) < h->rowid)
				step = sqlite3_step(st);
			if (step != SQLITE_ROW && step != SQLITE_DONE)
				rc = db_err(m, "search", err);
			else if (step != SQLITE_ROW || sqlite3_column_int64(st, 0) != h->rowid || fill(pool, h, st, 1))
				rc = 1, bad = h->rowid;
		} else {
			if (db_bind_int64(m, st, 1, h->rowid, "search", err))
				rc = -1;
			else if ((step = sqlite3_step(st)) != SQLITE_ROW && step != SQLITE_DONE)
				rc = db_err(m, "search", err);
			else if (step != SQLITE_ROW || fill(pool, h, st, 1))
				rc = 1, bad = h->rowid;
			sqlite3_reset(st);
		}
		if (!rc) {
			h->off = util_utf8_skip(h->text, (size_t)h->cp_off);
			h->len = util_utf8_skip(h->text + h->off, (size_t)h->cp_len);
		}
	}
	sqlite3_finalize(st);
	if (rc > 0)
		return anli_err_set(err, _("%s: search: corrupt search index (document %lld missing or NULL)"),
				    m->path, (long long)bad);
	return rc;
}

int search_run(struct model *m, const char *query, struct search_result *res, struct anli_err *err)
{
	if (search_find(m, query, res, err))
		return -1;
	if (search_load(m, res, 0, res->n, err)) {
		search_result_free(res);
		return -1;
	}
	return 0;
}

void search_result_free(struct search_result *res)
{
	struct pool *p = res->pool;
	if (p) {
		for (int i = 0; i < p->n; i++)
			free(p->s[i]);
		free(p->s);
		free(p);
	}
	free(res->hit);
	memset(res, 0, sizeof *res);
}

char *search_snippet(const struct search_hit *h, int context, size_t *hit_off, size_t *hit_len)
{
	/* reads the hit and `context` characters either side, never the whole
	 * text (a snippet per hit must not cost the document's length) */
	const uint8_t *s = (const uint8_t *)h->text;
	size_t start = h->off, end = h->off + h->len;
	for (int k = 0; k < context && start > 0; k++) {
		ucs4_t pc;
		const uint8_t *prev = u8_prev(&pc, s + start, s);
		if (!prev)
			break;
		start = (size_t)(prev - s);
	}
	end += util_utf8_skip(h->text + end, context > 0 ? (size_t)context : 0);
	*hit_off = h->off - start;
	*hit_len = h->len;
	return xstrndup(h->text + start, end - start);
}
