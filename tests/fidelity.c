/* fidelity.c — is the built book in the structure the printed book has?
 *
 * usage: fidelity DB DATADIR
 *
 * provenance.c checks that every character of the seeds is in the database
 * and nothing else; this checks where the characters went.  One check per
 * kind of defect the PDF extraction causes (data/README.md, "What was
 * repaired"), each over every item of every collection:
 *   caption   a caption-like seed line inside a paragraph (no sentence
 *             punctuation 。；！？，、, short, in the middle of the paragraph
 *             or at the end of one of its ranges) — each such line is a
 *             caption block or is listed, with its reason, in
 *             DATADIR/fidelity-allow.txt ("caption SEED:LINE reason")
 *   order     a block's text is its seed lines read in the order its ranges
 *             are listed (a displaced page is cited "93,51")
 *   join      at each seed line join inside a block: a space between a Han
 *             character and a Latin letter, a digit or '+' (the extraction
 *             dropped the line-end space) where the item spaces such pairs
 *             elsewhere; no space between two CJK characters
 *   space     inside a seed line, the block spaces exactly as the seed does
 *             (the PDF's spaces around Latin words and numbers are kept)
 *   split     two paragraphs split where a full line ends in 。 and the next
 *             line is full too (a new paragraph's first line is indented)
 *   lead      a sub-heading is a whole sentence (ends in 。！？)
 *   range     an item's range ends where its text ends and holds no chapter
 *             divider
 *   page      pages never decrease in reading order within an item; no page
 *             holds more body lines than the fullest proven page (meta
 *             page_max_lines:SEED)
 *   section   a case has its four sections 背景 做法 成效 启示 (a heading the
 *             seed lost is recorded as missing)
 * Each finding: "FAIL: KIND: ITEM BLOCK (FILE:LINE): message".  Exit 1 on any
 * finding or unused allow-list entry; prints counts per check.
 *
 * Longer than most files on purpose: the checks share one walk over the
 * items, their blocks and the seed lines, and read best side by side. */
#include "anli/seed.h"
#include "anli/source.h"
#include "anli/util.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

enum { K_CAPTION, K_ORDER, K_JOIN, K_SPACE, K_SPLIT, K_LEAD, K_RANGE, K_PAGE, K_SECTION, K_N };
static const char *const kname[K_N] = {"caption", "order", "join", "space", "split", "lead", "range", "page", "section"};
static int checked[K_N], failed[K_N];

static void fail(int k, const char *item, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void fail(int k, const char *item, const char *where, const char *fmt, ...)
{
	va_list ap;
	printf("FAIL: %s: %s %s: ", kname[k], item, where);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed[k]++;
}

/* A statement the check cannot do without: a failure ends the check. */
static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fidelity: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	return st;
}

/* Bind a text parameter; a failure ends the check. */
static void bind(sqlite3 *db, sqlite3_stmt *st, int i, const char *v)
{
	if (sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) != SQLITE_OK) {
		fprintf(stderr, "fidelity: bind: %s\n", sqlite3_errmsg(db));
		exit(2);
	}
}

/* ---- seeds, with per-line facts ---- */

static const char *const chapter_titles[] = {"学术交流", "人才培养", "科经融合", "产业服务",
					     "科学普及", "国际合作", "科技工作者之家建设", NULL};

struct sline {
	const char *raw;  /* trimmed line (not NUL-terminated at the end: rawlen) */
	size_t rawlen;
	char *body;       /* print artifacts removed, whitespace removed; "" if none */
	char *bodyws;     /* the same with the line's inner whitespace kept */
	int em4;          /* width of raw in quarter ems (Han 4, Latin 2, space 1) */
	int seg;          /* PDF page segment (a line starting with a space begins one) */
};

struct sseed {
	struct seed s;
	struct sline *l; /* [1..nlines] */
	int *measure;    /* per segment: median em4 of its full-ish lines (0: unknown) */
	int maxlines;    /* meta page_max_lines */
};

static struct sseed seeds[8];
static int nseeds;

static char *strip_ws(const char *s, size_t n)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addn(&b, "", 0);
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			sbuf_addc(&b, s[i]);
	return sbuf_take(&b);
}

static int em4(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		w += c == ' ' ? 1 : 2 * uc_width(c, "UTF-8");
		i += (size_t)(l > 0 ? l : 1);
	}
	return w;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static struct sseed *get_seed(sqlite3 *db, const char *rawdir, const char *id)
{
	for (int i = 0; i < nseeds; i++)
		if (!strcmp(seeds[i].s.id, id))
			return &seeds[i];
	struct anli_err err;
	struct sseed *ss = &seeds[nseeds];
	if (nseeds == 8 || seed_load(rawdir, id, &ss->s, &err)) {
		printf("FAIL: %s\n", nseeds == 8 ? "too many seeds" : err.msg);
		exit(1);
	}
	nseeds++;
	int n = ss->s.nlines, nseg = 0;
	ss->l = xcalloc((size_t)n + 2, sizeof *ss->l);
	/* vertical chapter tabs: runs of three or more one-character lines */
	char *tab = xcalloc((size_t)n + 2, 1);
	for (int i = 1; i <= n;) {
		int j = i, run = 0;
		for (; j <= n; j++) {
			char *t = strip_ws(ss->s.line[j], strlen(ss->s.line[j]));
			size_t len = strlen(t);
			int one = len && u8_mbsnlen((const uint8_t *)t, len) == 1;
			free(t);
			if (len && !one)
				break;
			run += one;
		}
		if (run >= 3)
			memset(tab + i, 1, (size_t)(j - i));
		i = j > i ? j : i + 1;
	}
	for (int i = 1; i <= n; i++) {
		const char *r = ss->s.line[i];
		if (r[0] == ' ' || i == 1)
			nseg++;
		struct sline *sl = &ss->l[i];
		sl->seg = nseg;
		while (*r == ' ' || *r == '\t')
			r++;
		size_t len = strlen(r);
		while (len && (r[len - 1] == ' ' || r[len - 1] == '\t'))
			len--;
		sl->raw = r;
		sl->rawlen = len;
		sl->em4 = em4(r, len);
		struct sbuf b;
		sbuf_init(&b);
		sbuf_addn(&b, "", 0);
		if (!tab[i])
			seed_body(&ss->s, i, i, chapter_titles, &b);
		sl->body = strip_ws(b.s, b.len);
		sl->bodyws = sbuf_take(&b);
	}
	free(tab);
	/* the measure of each page: the median width of its lines of 20 ems or more */
	ss->measure = xcalloc((size_t)nseg + 2, sizeof *ss->measure);
	int *w = xmalloc(sizeof *w * ((size_t)n + 1));
	for (int i = 1, k; i <= n; i = k) {
		int cnt = 0;
		for (k = i; k <= n && ss->l[k].seg == ss->l[i].seg; k++)
			if (ss->l[k].body[0] && ss->l[k].em4 >= 80)
				w[cnt++] = ss->l[k].em4;
		if (cnt) {
			qsort(w, (size_t)cnt, sizeof *w, cmp_int);
			ss->measure[ss->l[i].seg] = w[cnt / 2];
		}
	}
	free(w);
	sqlite3_stmt *st;
	char key[64];
	snprintf(key, sizeof key, "page_max_lines:%s", id);
	st = prep(db, "SELECT value FROM meta WHERE key = ?");
	bind(db, st, 1, key);
	ss->maxlines = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return ss;
}

/* ---- the allow-list ---- */

struct allow {
	char kind[16], seed[16];
	int line, used;
};
static struct allow *allows;
static int nallows;

static void load_allow(const char *datadir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/fidelity-allow.txt", datadir);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char buf[2048];
	int ln = 0;
	while (fgets(buf, sizeof buf, f)) {
		ln++;
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		struct allow a = {0};
		int off = 0;
		if (sscanf(buf, "%15s %15[^:]:%d %n", a.kind, a.seed, &a.line, &off) != 3 || !off || buf[off] == '\n' ||
		    !buf[off]) {
			printf("FAIL: %s:%d: want 'KIND SEED:LINE reason'\n", path, ln);
			failed[K_CAPTION]++;
			continue;
		}
		allows = xrealloc(allows, sizeof *allows * (size_t)(nallows + 1));
		allows[nallows++] = a;
	}
	fclose(f);
}

static int allowed(const char *kind, const char *seed, int line)
{
	for (int i = 0; i < nallows; i++)
		if (!strcmp(allows[i].kind, kind) && !strcmp(allows[i].seed, seed) && allows[i].line == line) {
			allows[i].used = 1;
			return 1;
		}
	return 0;
}

/* ---- blocks ---- */

struct blk {
	char *id, *kind, *text, *flag, *file;
	int srcline, pf, pl;
	struct src_refs refs;
	int *joins; /* code point index (in text) of the character after each join */
	int njoins;
};

static int is_han(ucs4_t c)
{
	return util_is_han(c);
}

static int is_pairable(ucs4_t c) /* what the book spaces from Han text */
{
	return (c < 0x80 && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) || c == '+';
}

static int is_cjk(ucs4_t c)
{
	return is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || c == 0x201C ||
	       c == 0x201D || c == 0x2018 || c == 0x2019;
}

static int has_any(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++) {
		size_t k = strlen(*set);
		for (size_t i = 0; i + k <= n; i++)
			if (!memcmp(s + i, *set, k))
				return 1;
	}
	return 0;
}

static const char *const sentence_punct[] = {"。", "；", "！", "？", "，", "、", NULL};
static const char *const sentence_end[] = {"。", "；", "！", "？", NULL};

/* Ends in a sentence end (。！？), closing quotes and brackets aside? */
static int ends_sentence(const char *s, size_t n)
{
	ucs4_t c = 0;
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	while (e > p) {
		const uint8_t *q = u8_prev(&c, e, p);
		if (!q)
			return 0;
		e = q;
		if (c != 0x201D && c != 0x2019 && c != 0xFF09 && c != 0x300D && c != 0x300F)
			break;
	}
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

/* A block's seed lines with body text, in the order its ranges list them;
 * rend[i] is set when line i is the last of its range (and not the last). */
static int block_lines(const struct sseed *ss, const struct src_refs *r, int **lines, char **rend)
{
	int n = 0, cap = 16;
	*lines = xmalloc(sizeof **lines * (size_t)cap);
	*rend = xmalloc((size_t)cap);
	for (int i = 0; i < r->n; i++)
		for (int k = r->r[i].first; k <= r->r[i].last && k <= ss->s.nlines; k++) {
			if (!ss->l[k].body[0])
				continue;
			if (n == cap) {
				cap *= 2;
				*lines = xrealloc(*lines, sizeof **lines * (size_t)cap);
				*rend = xrealloc(*rend, (size_t)cap);
			}
			(*lines)[n++] = k;
		}
	/* mark the last line of each range but the last */
	int idx = 0;
	memset(*rend, 0, (size_t)n);
	for (int i = 0; i < r->n; i++) {
		int last = -1;
		for (int k = r->r[i].first; k <= r->r[i].last && k <= ss->s.nlines; k++)
			if (ss->l[k].body[0])
				last = idx++;
		if (last >= 0 && i < r->n - 1)
			(*rend)[last] = 1;
	}
	return n;
}

static void where(const struct blk *b, char *buf, size_t n)
{
	snprintf(buf, n, "%s (%s:%d)", b->id, b->file, b->srcline);
}

static void check_caption(const char *item, const struct sseed *ss, const struct blk *b)
{
	int *ln;
	char *rend;
	int n = block_lines(ss, &b->refs, &ln, &rend);
	char w[512];
	where(b, w, sizeof w);
	for (int i = 0; i < n; i++) {
		const struct sline *l = &ss->l[ln[i]];
		if (has_any(l->raw, l->rawlen, sentence_end) || (i == n - 1 && !rend[i]))
			continue;
		int mid = i > 0 && i < n - 1, suspect;
		if (has_any(l->raw, l->rawlen, sentence_punct)) /* commas: a caption may have them */
			suspect = mid && l->em4 < 22 * 4;
		else
			suspect = mid ? (l->em4 < 27 * 4 || rend[i]) : (i == 0 && n > 1 && l->em4 < 24 * 4);
		checked[K_CAPTION]++;
		if (suspect && !allowed("caption", ss->s.id, ln[i]))
			fail(K_CAPTION, item, w, "seed %s line %d reads like a caption inside the paragraph: %.*s", ss->s.id,
			     ln[i], (int)l->rawlen, l->raw);
	}
	free(ln);
	free(rend);
}

/* Whitespace after each byte of s with its whitespace removed: g[j] is set
 * when whitespace follows the j-th non-whitespace byte.  Appends to *g. */
static void gaps(const char *s, struct sbuf *g)
{
	size_t base = g->len;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (g->len > base)
				g->s[g->len - 1] = 1;
		} else {
			sbuf_addc(g, 0);
		}
	}
}

/* Match the block's text with its lines; record the joins.  0, or -1 if the
 * text is not its lines in the order listed. */
static int match_joins(const char *item, const struct sseed *ss, struct blk *b)
{
	int *ln;
	char *rend;
	int n = block_lines(ss, &b->refs, &ln, &rend);
	struct sbuf all;
	sbuf_init(&all);
	sbuf_addn(&all, "", 0);
	size_t *bound = xmalloc(sizeof *bound * ((size_t)n + 1));
	struct sbuf gseed, gtext;
	sbuf_init(&gseed);
	sbuf_init(&gtext);
	for (int i = 0; i < n; i++) {
		sbuf_adds(&all, ss->l[ln[i]].body);
		gaps(ss->l[ln[i]].bodyws, &gseed);
		bound[i] = all.len;
	}
	gaps(b->text, &gtext);
	char *st = strip_ws(b->text, strlen(b->text));
	char *pos = strstr(all.s, st);
	int rc = 0;
	checked[K_ORDER]++;
	if (!pos) {
		char w[512];
		where(b, w, sizeof w);
		fail(K_ORDER, item, w, "the text is not its seed lines read in the order listed (%s)", "ranges");
		rc = -1;
	} else {
		/* byte offset in st of each join -> code point index in b->text */
		size_t start = (size_t)(pos - all.s), end = start + strlen(st);
		/* inside the lines, the block spaces as the seed does */
		int bi = 0;
		checked[K_SPACE]++;
		for (size_t j = start; j + 1 < end; j++) {
			while (bi < n && bound[bi] <= j)
				bi++;
			if (bi < n && bound[bi] == j + 1)
				continue; /* a join: the join check's business */
			if (j < gseed.len && j - start < gtext.len && gseed.s[j] != gtext.s[j - start]) {
				char w[512];
				where(b, w, sizeof w);
				size_t k = j - start;
				int back = 0;
				while (k > 0 && back < 12) { /* a little context, on a character boundary */
					k--;
					if (((unsigned char)st[k] & 0xC0) != 0x80)
						back++;
				}
				fail(K_SPACE, item, w, "%s after '%.*s' (seed line %d): the seed has %s",
				     gseed.s[j] ? "no space" : "a space", (int)(j - start + 1 - k), st + k,
				     bi < n ? ln[bi] : 0, gseed.s[j] ? "one" : "none");
				break;
			}
		}
		for (int i = 0; i < n - 1; i++) {
			if (bound[i] <= start || bound[i] >= end)
				continue;
			size_t off = bound[i] - start; /* bytes of st before the join */
			/* the code point index in b->text of st's byte `off` */
			const uint8_t *t = (const uint8_t *)b->text;
			size_t tl = strlen(b->text), k = 0, seen = 0, cp = 0;
			while (k < tl) {
				ucs4_t c;
				int l = u8_mbtouc(&c, t + k, tl - k);
				if (l <= 0)
					l = 1;
				if (c != ' ' && c != '\t' && c != '\n') {
					if (seen == off)
						break;
					seen += (size_t)l;
				}
				k += (size_t)l;
				cp++;
			}
			b->joins = xrealloc(b->joins, sizeof *b->joins * (size_t)(b->njoins + 1));
			b->joins[b->njoins++] = (int)cp;
		}
	}
	free(st);
	free(bound);
	sbuf_free(&gseed);
	sbuf_free(&gtext);
	sbuf_free(&all);
	free(ln);
	free(rend);
	return rc;
}

static int is_join(const struct blk *b, size_t right)
{
	for (int i = 0; i < b->njoins; i++)
		if ((size_t)b->joins[i] == right)
			return 1;
	return 0;
}

/* Han/pairable adjacencies of an item outside the joins: spaced and not. */
static void count_pairs(const struct blk *b, int *spaced, int *unspaced)
{
	size_t n;
	ucs4_t *u = u8_to_u32((const uint8_t *)b->text, strlen(b->text), NULL, &n);
	for (size_t i = 0; i + 1 < n; i++) {
		ucs4_t x = u[i], y = u[i + 1];
		if ((is_han(x) && is_pairable(y)) || (is_pairable(x) && is_han(y))) {
			if (!is_join(b, i + 1))
				(*unspaced)++;
		} else if (y == ' ' && i + 2 < n) {
			ucs4_t z = u[i + 2];
			if (((is_han(x) && is_pairable(z)) || (is_pairable(x) && is_han(z))) && !is_join(b, i + 1) &&
			    !is_join(b, i + 2))
				(*spaced)++;
		}
	}
	free(u);
}

static void check_joins(const char *item, const struct blk *b, int spaces)
{
	size_t n;
	ucs4_t *u = u8_to_u32((const uint8_t *)b->text, strlen(b->text), NULL, &n);
	char w[512];
	where(b, w, sizeof w);
	for (int j = 0; j < b->njoins; j++) {
		size_t r = (size_t)b->joins[j]; /* first code point after the join (maybe a space) */
		size_t l = r;
		while (l > 0 && u[l - 1] == ' ')
			l--;
		if (l == 0)
			continue;
		size_t rr = r;
		while (rr < n && u[rr] == ' ')
			rr++;
		if (rr >= n)
			continue;
		ucs4_t x = u[l - 1], y = u[rr];
		int space = rr > l;
		checked[K_JOIN]++;
		int pair = (is_han(x) && is_pairable(y)) || (is_pairable(x) && is_han(y));
		uint8_t a[8] = {0}, c[8] = {0};
		u8_uctomb(a, x, 6);
		u8_uctomb(c, y, 6);
		if (pair && spaces && !space)
			fail(K_JOIN, item, w, "no space at a seed line join between '%s' and '%s' (the book spaces them)",
			     (char *)a, (char *)c);
		else if (is_cjk(x) && is_cjk(y) && space)
			fail(K_JOIN, item, w, "a space at a seed line join between '%s' and '%s'", (char *)a, (char *)c);
	}
	free(u);
}

static void check_split(const char *item, const struct sseed *ss, const struct blk *a, const struct blk *b)
{
	if (!a->refs.n || !b->refs.n)
		return;
	int la = a->refs.r[a->refs.n - 1].last, fb = b->refs.r[0].first;
	int next = la + 1;
	while (next <= ss->s.nlines && !ss->l[next].body[0])
		next++;
	if (next != fb || !ss->l[la].body[0])
		return;
	const struct sline *x = &ss->l[la], *y = &ss->l[fb];
	int m = ss->measure[x->seg];
	if (!m || m > 40 * 4)
		return; /* not a hard-wrapped page (the leaders' seeds hold a paragraph per line) */
	checked[K_SPLIT]++;
	if (m && ends_sentence(x->raw, x->rawlen) && x->em4 >= m - 4 && y->em4 >= m - 4) {
		char w[512];
		where(b, w, sizeof w);
		fail(K_SPLIT, item, w,
		     "a paragraph starts at seed line %d, but line %d ends in 。 at full width and line %d is full "
		     "width (not indented): one paragraph",
		     fb, la, fb);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fidelity DB DATADIR\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "fidelity: %s: cannot open\n", argv[1]);
		return 2;
	}
	char rawdir[4096];
	snprintf(rawdir, sizeof rawdir, "%s/raw", argv[2]);
	load_allow(argv[2]);

	sqlite3_stmt *items, *blocks, *dups, *roles;
	items = prep(db, "SELECT id, kind, seed, lines, source_file, coalesce(title,''), coalesce(page_first,0),"
			   " coalesce(page_last,0), coalesce(author || role, org, '') FROM item ORDER BY ord");
	int prev_case_last_page = 0; /* the page the previous case ends on (0: unknown) */
	blocks = prep(db, "SELECT id, kind, text, coalesce(flag,''), source_file, source_line, lines,"
			   " coalesce(page_first,0), coalesce(page_last,0) FROM block WHERE item_id = ? ORDER BY ord");
	dups = prep(db, "SELECT lines FROM duplicate WHERE item_id = ?");
	roles = prep(db, "SELECT group_concat(role) FROM section WHERE item_id = ? AND role IS NOT NULL");
	/* lines per page (seed, page) among blocks that sit on one page */
	struct {
		const struct sseed *ss;
		int page, lines;
	} *pages = NULL;
	int npages = 0;

	while (sqlite3_step(items) == SQLITE_ROW) {
		const char *item = (const char *)sqlite3_column_text(items, 0);
		const char *ikind = (const char *)sqlite3_column_text(items, 1);
		struct sseed *ss = get_seed(db, rawdir, (const char *)sqlite3_column_text(items, 2));
		const char *ifile = (const char *)sqlite3_column_text(items, 4);
		struct src_refs irefs;
		if (src_parse_refs((const char *)sqlite3_column_text(items, 3), &irefs))
			irefs.n = 0;
		struct blk *bl = NULL;
		int nb = 0;
		bind(db, blocks, 1, item);
		while (sqlite3_step(blocks) == SQLITE_ROW) {
			bl = xrealloc(bl, sizeof *bl * (size_t)(nb + 1));
			struct blk *b = &bl[nb++];
			memset(b, 0, sizeof *b);
			b->id = xstrdup((const char *)sqlite3_column_text(blocks, 0));
			b->kind = xstrdup((const char *)sqlite3_column_text(blocks, 1));
			b->text = xstrdup((const char *)sqlite3_column_text(blocks, 2));
			b->flag = xstrdup((const char *)sqlite3_column_text(blocks, 3));
			b->file = xstrdup((const char *)sqlite3_column_text(blocks, 4));
			b->srcline = sqlite3_column_int(blocks, 5);
			if (src_parse_refs((const char *)sqlite3_column_text(blocks, 6), &b->refs))
				b->refs.n = 0;
			b->pf = sqlite3_column_int(blocks, 7);
			b->pl = sqlite3_column_int(blocks, 8);
		}
		sqlite3_reset(blocks);

		int maxline = 0, seen_page = 0, spaced = 0, unspaced = 0;
		for (int i = 0; i < nb; i++) {
			struct blk *b = &bl[i];
			char w[512];
			where(b, w, sizeof w);
			for (int r = 0; r < b->refs.n; r++)
				if (b->refs.r[r].last > maxline)
					maxline = b->refs.r[r].last;
			if (b->refs.n)
				match_joins(item, ss, b);
			if (!strcmp(b->kind, "paragraph") && !b->flag[0])
				check_caption(item, ss, b);
			if (!strcmp(b->kind, "subheading")) {
				checked[K_LEAD]++;
				if (!ends_sentence(b->text, strlen(b->text)))
					fail(K_LEAD, item, w, "the sub-heading is not a whole sentence: '%s'", b->text);
			}
			if (i && !strcmp(b->kind, "paragraph") && !strcmp(bl[i - 1].kind, "paragraph"))
				check_split(item, ss, &bl[i - 1], b);
			if (b->pf) {
				checked[K_PAGE]++;
				if (b->pf < seen_page)
					fail(K_PAGE, item, w, "page %d after page %d: pages never decrease in reading order",
					     b->pf, seen_page);
				if (b->pl > seen_page)
					seen_page = b->pl;
				if (b->pf == b->pl) {
					int *ln;
					char *rend;
					int n = block_lines(ss, &b->refs, &ln, &rend);
					int k = 0;
					while (k < npages && (pages[k].ss != ss || pages[k].page != b->pf))
						k++;
					if (k == npages) {
						pages = xrealloc(pages, sizeof *pages * (size_t)(npages + 1));
						pages[npages].ss = ss;
						pages[npages].page = b->pf;
						pages[npages++].lines = 0;
					}
					pages[k].lines += n;
					free(ln);
					free(rend);
				}
			}
			count_pairs(b, &spaced, &unspaced);
		}
		for (int i = 0; i < nb; i++)
			check_joins(item, &bl[i], spaced > unspaced);

		/* range: ends where the text ends; no chapter divider inside */
		bind(db, dups, 1, item);
		while (sqlite3_step(dups) == SQLITE_ROW) {
			struct src_refs r;
			if (!src_parse_refs((const char *)sqlite3_column_text(dups, 0), &r)) {
				for (int k = 0; k < r.n; k++)
					if (r.r[k].last > maxline)
						maxline = r.r[k].last;
				free(r.r);
			}
		}
		sqlite3_reset(dups);
		int ilast = 0;
		checked[K_RANGE]++;
		for (int r = 0; r < irefs.n; r++) {
			if (irefs.r[r].last > ilast)
				ilast = irefs.r[r].last;
			for (int k = irefs.r[r].first; k <= irefs.r[r].last && k <= ss->s.nlines; k++) {
				static const char *const div[] = {"第一篇", "第二篇", "第三篇", "第四篇",
								  "第五篇", "第六篇", "第七篇"};
				for (int d = 0; d < 7; d++)
					if (ss->l[k].rawlen == strlen(div[d]) && !memcmp(ss->l[k].raw, div[d], ss->l[k].rawlen))
						fail(K_RANGE, item, ifile, "the range holds the chapter divider %s (seed line %d)",
						     div[d], k);
			}
		}
		if (ilast != maxline)
			fail(K_RANGE, item, ifile, "the range ends at seed line %d, its text at %d", ilast, maxline);
		/* ... and begins at its heading: one of its ranges starts with its
		 * title or its byline (天津's author line comes first); the
		 * foreword, whose heading was extracted into its text, starts the
		 * seed */
		const char *title = (const char *)sqlite3_column_text(items, 5);
		const char *by = (const char *)sqlite3_column_text(items, 8);
		char *t = strip_ws(title, strlen(title)), *y = strip_ws(by, strlen(by));
		int found = !strcmp(ikind, "foreword") && irefs.n && irefs.r[0].first == 1;
		for (int r = 0; r < irefs.n && !found; r++) {
			int k = irefs.r[r].first;
			while (k <= irefs.r[r].last && k <= ss->s.nlines && !ss->l[k].body[0])
				k++;
			if (k <= irefs.r[r].last && k <= ss->s.nlines)
				found = (t[0] && !strcmp(ss->l[k].body, t)) || (y[0] && !strcmp(ss->l[k].body, y));
		}
		if (!found)
			fail(K_RANGE, item, ifile, "no range of %s begins with its title or byline", "the item");
		free(t);
		free(y);

		/* page: an item's pages run from its title to its end, so every
		 * block of an item with pages has them; a case begins a new page */
		int ipf = sqlite3_column_int(items, 6), ipl = sqlite3_column_int(items, 7);
		int first_page = 0, last_page = 0;
		for (int i = 0; i < nb; i++) {
			if (!bl[i].refs.n)
				continue;
			if (!first_page)
				first_page = bl[i].pf ? bl[i].pf : -1;
			last_page = bl[i].pl ? bl[i].pl : -1;
			if (ipf && !bl[i].pf) {
				char w[512];
				where(&bl[i], w, sizeof w);
				fail(K_PAGE, item, w, "the item has pages %d-%d, but this block has none", ipf, ipl);
				ipf = 0; /* once per item */
			}
		}
		if (!strcmp(ikind, "case")) {
			checked[K_PAGE]++;
			if (first_page > 0 && first_page == prev_case_last_page)
				fail(K_PAGE, item, ifile, "begins on p.%d, where the previous case ends: every case begins a page",
				     first_page);
			prev_case_last_page = last_page;
		}

		if (!strcmp(ikind, "case")) {
			checked[K_SECTION]++;
			bind(db, roles, 1, item);
			const char *have = sqlite3_step(roles) == SQLITE_ROW ? (const char *)sqlite3_column_text(roles, 0) : NULL;
			static const char *const four[] = {"背景", "做法", "成效", "启示"};
			for (int k = 0; k < 4; k++)
				if (!have || !strstr(have, four[k]))
					fail(K_SECTION, item, ifile, "no %s section (a heading the seed lost is recorded: h/missing)",
					     four[k]);
			sqlite3_reset(roles);
		}

		for (int i = 0; i < nb; i++) {
			free(bl[i].id);
			free(bl[i].kind);
			free(bl[i].text);
			free(bl[i].flag);
			free(bl[i].file);
			free(bl[i].refs.r);
			free(bl[i].joins);
		}
		free(bl);
		free(irefs.r);
	}
	for (int k = 0; k < npages; k++)
		if (pages[k].ss->maxlines && pages[k].lines > pages[k].ss->maxlines) {
			char w[64];
			snprintf(w, sizeof w, "seed %s page %d", pages[k].ss->s.id, pages[k].page);
			fail(K_PAGE, "-", w, "%d body lines, more than the fullest proven page (%d)", pages[k].lines,
			     pages[k].ss->maxlines);
		}
	free(pages);
	for (int i = 0; i < nallows; i++)
		if (!allows[i].used) {
			printf("FAIL: allow-list entry %s %s:%d matches nothing: remove it\n", allows[i].kind, allows[i].seed,
			       allows[i].line);
			failed[K_CAPTION]++;
		}
	free(allows);
	sqlite3_finalize(items);
	sqlite3_finalize(blocks);
	sqlite3_finalize(dups);
	sqlite3_finalize(roles);
	int total = 0;
	for (int k = 0; k < K_N; k++) {
		printf("fidelity: %-8s %5d checked, %d failed\n", kname[k], checked[k], failed[k]);
		total += failed[k];
	}
	for (int i = 0; i < nseeds; i++) {
		for (int k = 1; k <= seeds[i].s.nlines; k++) {
			free(seeds[i].l[k].body);
			free(seeds[i].l[k].bodyws);
		}
		free(seeds[i].l);
		free(seeds[i].measure);
		seed_free(&seeds[i].s);
	}
	sqlite3_close(db);
	return total ? 1 : 0;
}
