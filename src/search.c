/* search.c — see search.h */
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

struct doc {
	sqlite3_int64 rowid;
	char *item_id, *block_id, *field, *section, *orig, *text;
};

static void free_doc(struct doc *d)
{
	free(d->item_id);
	free(d->block_id);
	free(d->field);
	free(d->section);
	free(d->orig);
	free(d->text);
}

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

/* Candidate documents for a term, in rowid order. */
static int candidates(struct model *m, const char *term, struct doc **out, int *n, struct anli_err *err)
{
	size_t chars = u8_mbsnlen((const uint8_t *)term, strlen(term));
	sqlite3_stmt *st;
	const char *sql;
	struct sbuf q;
	sbuf_init(&q);
	if (chars >= 3) {
		/* a phrase in double quotes: FTS5 reads nothing inside as syntax */
		sql = "SELECT d.rowid, d.item_id, d.block_id, d.field, d.section, d.orig, d.text"
		      " FROM search_fts JOIN search_doc d ON d.rowid = search_fts.rowid"
		      " WHERE search_fts MATCH ?1 ORDER BY d.rowid";
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
		sql = "SELECT rowid, item_id, block_id, field, section, orig, text FROM search_doc"
		      " WHERE instr(text, ?1) > 0 ORDER BY rowid";
		sbuf_adds(&q, term);
	}
	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sbuf_free(&q);
		return anli_err_set(err, "%s: search: %s", m->path, sqlite3_errmsg(m->db));
	}
	sqlite3_bind_text(st, 1, q.s, (int)q.len, SQLITE_TRANSIENT);
	sbuf_free(&q);
	struct doc *d = NULL;
	int cnt = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			d = xrealloc(d, sizeof *d * (size_t)cap);
		}
		struct doc *x = &d[cnt++];
		x->rowid = sqlite3_column_int64(st, 0);
		x->item_id = col(st, 1);
		x->block_id = col(st, 2);
		x->field = col(st, 3);
		x->section = col(st, 4);
		x->orig = col(st, 5);
		x->text = col(st, 6);
		if (!x->item_id || !x->field || !x->orig || !x->text) {
			rc = SQLITE_CORRUPT;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (int i = 0; i < cnt; i++)
			free_doc(&d[i]);
		free(d);
		return anli_err_set(err, "%s: search: %s", m->path,
				    rc == SQLITE_CORRUPT ? "corrupt search index" : sqlite3_errmsg(m->db));
	}
	*out = d;
	*n = cnt;
	return 0;
}

struct term_result {
	char *term;
	struct doc *docs;
	int ndocs;
};

static int item_index(const struct model *m, const char *id)
{
	for (int i = 0; i < m->nitems; i++)
		if (!strcmp(m->items[i].id, id))
			return i;
	return -1;
}

int search_run(struct model *m, const char *query, struct search_hit **hits, int *n, struct anli_err *err)
{
	*hits = NULL;
	*n = 0;
	char *folded = search_fold(query, strlen(query));
	/* terms: split at spaces (the ideographic space was folded to one) */
	struct term_result *t = NULL;
	int nt = 0;
	for (char *p = folded; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		t = xrealloc(t, sizeof *t * (size_t)(nt + 1));
		t[nt].term = xstrndup(p, (size_t)(e - p));
		t[nt].docs = NULL;
		t[nt].ndocs = 0;
		nt++;
		p = e;
	}
	free(folded);
	int rc = -1;
	if (nt == 0) {
		anli_err_set(err, "empty search query");
		goto out;
	}
	for (int i = 0; i < nt; i++)
		if (candidates(m, t[i].term, &t[i].docs, &t[i].ndocs, err))
			goto out;
	/* items holding every term */
	char *ok = xcalloc((size_t)m->nitems, 1);
	memset(ok, 1, (size_t)m->nitems);
	char *has = xcalloc((size_t)m->nitems, 1);
	for (int i = 0; i < nt; i++) {
		memset(has, 0, (size_t)m->nitems);
		for (int k = 0; k < t[i].ndocs; k++) {
			int it = item_index(m, t[i].docs[k].item_id);
			if (it >= 0 && strstr(t[i].docs[k].text, t[i].term))
				has[it] = 1;
		}
		for (int k = 0; k < m->nitems; k++)
			ok[k] &= has[k];
	}
	free(has);
	/* occurrences, in reading order: merge the terms' documents by rowid */
	struct search_hit *h = NULL;
	int cnt = 0, cap = 0;
	int *pos = xcalloc((size_t)nt, sizeof *pos);
	for (;;) {
		int best = -1;
		for (int i = 0; i < nt; i++)
			if (pos[i] < t[i].ndocs &&
			    (best < 0 || t[i].docs[pos[i]].rowid < t[best].docs[pos[best]].rowid))
				best = i;
		if (best < 0)
			break;
		const struct doc *d = &t[best].docs[pos[best]++];
		int it = item_index(m, d->item_id);
		if (it < 0 || !ok[it])
			continue;
		size_t tl = strlen(t[best].term);
		for (const char *p = d->text; (p = strstr(p, t[best].term)); p += tl) {
			if (cnt == cap) {
				cap = cap ? cap * 2 : 64;
				h = xrealloc(h, sizeof *h * (size_t)cap);
			}
			struct search_hit *x = &h[cnt++];
			x->item = it;
			x->block_id = d->block_id ? xstrdup(d->block_id) : NULL;
			x->field = xstrdup(d->field);
			x->section = d->section ? xstrdup(d->section) : NULL;
			x->text = xstrdup(d->orig);
			size_t foff = (size_t)(p - d->text);
			x->off = search_map_offset(d->orig, d->text, foff);
			x->len = search_map_offset(d->orig, d->text, foff + tl) - x->off;
			x->term = best;
		}
	}
	free(pos);
	free(ok);
	*hits = h;
	*n = cnt;
	rc = 0;
out:
	for (int i = 0; i < nt; i++) {
		free(t[i].term);
		for (int k = 0; k < t[i].ndocs; k++)
			free_doc(&t[i].docs[k]);
		free(t[i].docs);
	}
	free(t);
	return rc;
}

void search_hits_free(struct search_hit *h, int n)
{
	for (int i = 0; i < n; i++) {
		free(h[i].block_id);
		free(h[i].field);
		free(h[i].section);
		free(h[i].text);
	}
	free(h);
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
