/* bench_scan.c — does the FTS5 trigram index earn its place?  For typical
 * queries, the median time of:
 *   index  search_find as shipped (FTS5 trigram for terms of 3+ characters,
 *          a scan of search_doc.text for 1-2)
 *   sqlscan  every term by scanning search_doc.text read from SQLite with
 *          strstr (the index dropped, nothing cached)
 *   memscan  every term by strstr over the folded texts held in memory
 *          (read once per process: "load" below)
 * All three count the same hits (checked).  Figures only, no assertions.
 * usage: bench_scan DB LABEL RUNS */
#include "anli/fold.h"
#include "anli/model.h"
#include "anli/search.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

static double ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct docs {
	long long *rowid;
	char **text;
	int n;
};

static int item_of(const struct model *m, long long rowid)
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

/* Hits of one term in one text: non-overlapping, with character offsets
 * counted on from the previous hit (what search_find does). */
static int count_in(const char *text, const char *term)
{
	size_t tl = strlen(term);
	int n = 0;
	long cp = 0;
	const char *from = text;
	for (const char *p = strstr(text, term); p; p = strstr(p + tl, term)) {
		cp += (long)u8_mbsnlen((const uint8_t *)from, (size_t)(p - from));
		from = p;
		n++;
	}
	return n + (int)(cp & 0); /* cp computed as the real path does */
}

/* The hits of a query (every term in the item) over texts given by next(). */
static int scan(const struct model *m, const struct fold_terms *t, int (*next)(void *, long long *, const char **),
		void *ctx, void (*rewind)(void *))
{
	int *per = calloc((size_t)m->nitems * (size_t)t->n, sizeof *per);
	for (int k = 0; k < t->n; k++) {
		rewind(ctx);
		long long rowid;
		const char *text;
		while (next(ctx, &rowid, &text)) {
			int it = item_of(m, rowid);
			if (it >= 0 && text)
				per[(size_t)it * (size_t)t->n + (size_t)k] += count_in(text, t->term[k]);
		}
	}
	int hits = 0;
	for (int i = 0; i < m->nitems; i++) {
		int all = 1, sum = 0;
		for (int k = 0; k < t->n; k++) {
			all &= per[(size_t)i * (size_t)t->n + (size_t)k] > 0;
			sum += per[(size_t)i * (size_t)t->n + (size_t)k];
		}
		if (all)
			hits += sum;
	}
	free(per);
	return hits;
}

struct memctx {
	const struct docs *d;
	int i;
};
static int mem_next(void *c, long long *rowid, const char **text)
{
	struct memctx *x = c;
	if (x->i >= x->d->n)
		return 0;
	*rowid = x->d->rowid[x->i];
	*text = x->d->text[x->i++];
	return 1;
}
static void mem_rewind(void *c) { ((struct memctx *)c)->i = 0; }

struct sqlctx {
	sqlite3_stmt *st;
};
static int sql_next(void *c, long long *rowid, const char **text)
{
	struct sqlctx *x = c;
	if (sqlite3_step(x->st) != SQLITE_ROW)
		return 0;
	*rowid = sqlite3_column_int64(x->st, 0);
	*text = (const char *)sqlite3_column_text(x->st, 1);
	return 1;
}
static void sql_rewind(void *c) { sqlite3_reset(((struct sqlctx *)c)->st); }

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench_scan DB LABEL RUNS\n");
		return 2;
	}
	struct anli_err err;
	struct model *m = model_open(argv[1], &err);
	if (!m) {
		fprintf(stderr, "bench_scan: %s\n", err.msg);
		return 2;
	}
	int runs = atoi(argv[3]);
	sqlite3 *db = m->db;
	struct sqlctx sc;
	if (sqlite3_prepare_v2(db, "SELECT rowid, text FROM search_doc ORDER BY rowid", -1, &sc.st, NULL)) {
		fprintf(stderr, "bench_scan: %s\n", sqlite3_errmsg(db));
		return 2;
	}
	/* load the folded texts once */
	double t0 = ms();
	struct docs d = {0};
	int cap = 0;
	long long bytes = 0;
	while (sqlite3_step(sc.st) == SQLITE_ROW) {
		if (d.n == cap) {
			cap = cap ? cap * 2 : 1024;
			d.rowid = realloc(d.rowid, sizeof *d.rowid * (size_t)cap);
			d.text = realloc(d.text, sizeof *d.text * (size_t)cap);
		}
		d.rowid[d.n] = sqlite3_column_int64(sc.st, 0);
		const char *s = (const char *)sqlite3_column_text(sc.st, 1);
		d.text[d.n++] = strdup(s ? s : "");
		bytes += sqlite3_column_bytes(sc.st, 1);
	}
	double load = ms() - t0;
	printf("%s: %d search documents, %.1f MB folded text, loaded into memory in %.2f ms\n", argv[2], d.n,
	       (double)bytes / 1e6, load);
	printf("%-12s %-16s %8s  %12s %12s %12s\n", "corpus", "query", "hits", "index ms", "sqlscan ms", "memscan ms");
	static const char *const q[] = {"院", "院士", "院士行", "科技工作者", "海外人才引进", "科技成果转化", "院士 扬州",
					"不存在的词语组合"};
	double *t = calloc((size_t)runs, sizeof *t);
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		struct fold_terms ft;
		fold_split_terms(q[i], &ft);
		double med[3];
		int hits[3] = {0, 0, 0};
		for (int way = 0; way < 3; way++) {
			for (int r = 0; r < runs; r++) {
				double s = ms();
				if (way == 0) {
					struct search_result res;
					if (search_find(m, q[i], &res, &err)) {
						fprintf(stderr, "bench_scan: %s\n", err.msg);
						return 1;
					}
					hits[0] = res.n;
					search_result_free(&res);
				} else if (way == 1) {
					hits[1] = scan(m, &ft, sql_next, &sc, sql_rewind);
				} else {
					struct memctx mc = {&d, 0};
					hits[2] = scan(m, &ft, mem_next, &mc, mem_rewind);
				}
				t[r] = ms() - s;
			}
			qsort(t, (size_t)runs, sizeof *t, cmpd);
			med[way] = t[runs / 2];
		}
		printf("%-12s %-16s %8d  %12.3f %12.3f %12.3f%s\n", argv[2], q[i], hits[0], med[0], med[1], med[2],
		       hits[0] == hits[1] && hits[1] == hits[2] ? "" : "  (hit counts differ!)");
		fold_terms_free(&ft);
	}
	free(t);
	sqlite3_finalize(sc.st);
	for (int i = 0; i < d.n; i++)
		free(d.text[i]);
	free(d.text);
	free(d.rowid);
	model_close(m);
	return 0;
}
