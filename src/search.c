/* search.c — see search.h */
#include "anli/i18n.h"
#include "anli/search.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static ucs4_t fold_cp(ucs4_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0; /* full-width ASCII */
	else if (c == 0x3000)
		c = ' ';
	else if (c == 0xFF61)
		c = 0x3002; /* halfwidth ideographic full stop → 。 */
	else if (c == 0xFF64)
		c = 0x3001; /* halfwidth ideographic comma → 、 */
	else if (c == 0xFF62)
		c = 0x300C;
	else if (c == 0xFF63)
		c = 0x300D;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

char *search_fold(const char *s, size_t n)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addn(&b, "", 0);
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		if (l <= 0)
			l = 1;
		uint8_t out[6];
		int k = u8_uctomb(out, fold_cp(c), sizeof out);
		if (k > 0)
			sbuf_addn(&b, (const char *)out, (size_t)k);
		i += (size_t)l;
	}
	return sbuf_take(&b);
}

size_t search_map_offset(const char *orig, const char *folded, size_t foff)
{
	size_t cps = u8_mbsnlen((const uint8_t *)folded, foff);
	const uint8_t *p = (const uint8_t *)orig;
	size_t n = strlen(orig), i = 0;
	while (cps-- > 0 && i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		i += (size_t)(l > 0 ? l : 1);
	}
	return i;
}

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

/* Items are in reading order: find one by its ord. */
static int item_index(const struct model *m, int ord)
{
	int lo = 0, hi = m->nitems;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (m->items[mid].ord < ord)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nitems && m->items[lo].ord == ord ? lo : -1;
}

/* The SQL for a term: FTS5 trigram for 3+ characters, instr() below. */
static sqlite3_stmt *term_query(struct model *m, const char *term, const char *cols, struct anli_err *err)
{
	size_t chars = u8_mbsnlen((const uint8_t *)term, strlen(term));
	struct sbuf sql, q;
	sbuf_init(&sql);
	sbuf_init(&q);
	if (chars >= 3) {
		/* a phrase in double quotes: FTS5 reads nothing inside as syntax */
		sbuf_printf(&sql, "SELECT %s FROM search_doc WHERE rowid IN"
				  " (SELECT rowid FROM search_fts WHERE search_fts MATCH ?1) ORDER BY rowid", cols);
		sbuf_addc(&q, '"');
		for (const char *p = term; *p; p++) {
			if (*p == '"')
				sbuf_addc(&q, '"');
			sbuf_addc(&q, *p);
		}
		sbuf_addc(&q, '"');
	} else {
		/* the trigram index cannot answer 1-2 characters (and LIKE/GLOB on
		 * it are broken for non-ASCII in SQLite 3.40): scan */
		sbuf_printf(&sql, "SELECT %s FROM search_doc WHERE instr(text, ?1) > 0 ORDER BY rowid", cols);
		sbuf_adds(&q, term);
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(m->db, sql.s, -1, &st, NULL) != SQLITE_OK)
		anli_err_set(err, _("%s: search: %s"), m->path, sqlite3_errmsg(m->db));
	else
		sqlite3_bind_text(st, 1, q.s, (int)q.len, SQLITE_TRANSIENT);
	sbuf_free(&sql);
	sbuf_free(&q);
	return st;
}

struct rawhit {
	sqlite3_int64 rowid;
	struct search_hit h;
};

static int cmp_raw(const void *x, const void *y)
{
	const struct rawhit *a = x, *b = y;
	if (a->rowid != b->rowid)
		return a->rowid < b->rowid ? -1 : 1;
	return a->h.off < b->h.off ? -1 : a->h.off > b->h.off;
}

int search_run(struct model *m, const char *query, struct search_result *res, struct anli_err *err)
{
	memset(res, 0, sizeof *res);
	char *folded = search_fold(query, strlen(query));
	char *terms[64];
	int nt = 0;
	for (char *p = strtok(folded, " \t\n"); p && nt < 64; p = strtok(NULL, " \t\n"))
		terms[nt++] = p;
	if (nt == 0) {
		free(folded);
		return anli_err_set(err, _("empty search query"));
	}
	int rc = -1;
	char *ok = NULL;
	/* with several terms, first the items that hold them all */
	if (nt > 1) {
		ok = xcalloc((size_t)m->nitems, 1);
		memset(ok, 1, (size_t)m->nitems);
		char *has = xcalloc((size_t)m->nitems, 1);
		for (int t = 0; t < nt; t++) {
			sqlite3_stmt *st = term_query(m, terms[t], "item_ord", err);
			if (!st) {
				free(has);
				goto out;
			}
			memset(has, 0, (size_t)m->nitems);
			int r;
			while ((r = sqlite3_step(st)) == SQLITE_ROW) {
				int it = item_index(m, sqlite3_column_int(st, 0));
				if (it >= 0)
					has[it] = 1;
			}
			sqlite3_finalize(st);
			if (r != SQLITE_DONE) {
				free(has);
				anli_err_set(err, _("%s: search: %s"), m->path, sqlite3_errmsg(m->db));
				goto out;
			}
			for (int k = 0; k < m->nitems; k++)
				ok[k] &= has[k];
		}
		free(has);
	}
	struct pool *pool = xcalloc(1, sizeof *pool);
	res->pool = pool;
	struct rawhit *raw = NULL;
	int n = 0, cap = 0;
	for (int t = 0; t < nt; t++) {
		sqlite3_stmt *st = term_query(m, terms[t], "rowid, item_ord, block_id, field, section, orig, text", err);
		if (!st) {
			free(raw);
			goto out;
		}
		size_t tl = strlen(terms[t]);
		int r;
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			int it = item_index(m, sqlite3_column_int(st, 1));
			if (it < 0 || (ok && !ok[it]))
				continue;
			const char *text = (const char *)sqlite3_column_text(st, 6);
			const char *first = text ? strstr(text, terms[t]) : NULL;
			if (!first)
				continue;
			const char *orig = (const char *)sqlite3_column_text(st, 5);
			const char *o = keep(pool, (const unsigned char *)orig);
			const char *bid = keep(pool, sqlite3_column_text(st, 2));
			const char *field = keep(pool, sqlite3_column_text(st, 3));
			const char *sec = keep(pool, sqlite3_column_text(st, 4));
			if (!o || !field)
				continue;
			for (const char *p = first; p; p = strstr(p + tl, terms[t])) {
				if (n == cap) {
					cap = cap ? cap * 2 : 256;
					raw = xrealloc(raw, sizeof *raw * (size_t)cap);
				}
				struct rawhit *x = &raw[n++];
				x->rowid = sqlite3_column_int64(st, 0);
				size_t foff = (size_t)(p - text);
				x->h.item = it;
				x->h.block_id = bid;
				x->h.field = field;
				x->h.section = sec;
				x->h.text = o;
				x->h.off = search_map_offset(o, text, foff);
				x->h.len = search_map_offset(o, text, foff + tl) - x->h.off;
				x->h.term = t;
			}
		}
		sqlite3_finalize(st);
		if (r != SQLITE_DONE) {
			free(raw);
			anli_err_set(err, _("%s: search: %s"), m->path, sqlite3_errmsg(m->db));
			goto out;
		}
	}
	if (nt > 1 && n > 1)
		qsort(raw, (size_t)n, sizeof *raw, cmp_raw);
	res->hit = xmalloc(sizeof *res->hit * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		res->hit[i] = raw[i].h;
	res->n = n;
	free(raw);
	rc = 0;
out:
	if (rc)
		search_result_free(res);
	free(ok);
	free(folded);
	return rc;
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
	const uint8_t *s = (const uint8_t *)h->text;
	size_t start = h->off, end = h->off + h->len;
	for (int k = 0; k < context && start > 0; k++) {
		ucs4_t pc;
		const uint8_t *prev = u8_prev(&pc, s + start, s);
		if (!prev)
			break;
		start = (size_t)(prev - s);
	}
	size_t n = strlen(h->text);
	for (int k = 0; k < context && end < n; k++) {
		ucs4_t c;
		int l = u8_mbtouc(&c, s + end, n - end);
		end += (size_t)(l > 0 ? l : 1);
	}
	*hit_off = h->off - start;
	*hit_len = h->len;
	return xstrndup(h->text + start, end - start);
}
