/* provenance.c — does the database hold exactly the text of the seeds?
 *
 * usage: provenance DB DATADIR
 *
 * For every item, the characters of its database text (title, subtitle,
 * byline, headings, sub-headings, paragraphs, captions) are compared, as a
 * multiset, with the characters of the seed lines its source range covers,
 * print artifacts removed (seed.h: running heads, chapter tabs and dividers,
 * the first copy of doubled bold leads).  Blocks recorded as duplicates are
 * taken out of the seed side after checking that their text is in the
 * database elsewhere.  Whitespace is ignored (the PDF's spaces are not text).
 * Fails when any Han character — or any other character — of a seed's body is
 * missing from the database, when the database holds characters that are not
 * in the seed, or when seed lines with text belong to no item or chapter.
 * Prints the coverage per seed and per item. */
#include "anli/seed.h"
#include "anli/source.h"
#include "anli/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define MAXCP 0x110000

struct tally {
	int *seed, *db; /* counts per code point */
};

static void count(int *tab, const char *s, int sign)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		if (c != ' ' && c != 0x3000 && c != '\t' && c < MAXCP)
			tab[c] += sign;
		i += (size_t)(l > 0 ? l : 1);
	}
}

static char *strip_ws(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addn(&b, "", 0);
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			sbuf_addc(&b, *s);
	return sbuf_take(&b);
}

static int failures;

static void fail(const char *fmt, const char *a, const char *b)
{
	printf("FAIL: ");
	printf(fmt, a, b);
	printf("\n");
	failures++;
}

static const char *const chapter_titles[] = {"学术交流", "人才培养", "科经融合", "产业服务",
					     "科学普及", "国际合作", "科技工作者之家建设", NULL};

struct seedinfo {
	struct seed s;
	char *covered; /* per line: belongs to an item or a chapter */
	long han_body, han_missing, all_missing, han_extra;
};

static struct seedinfo seeds[8];
static int nseeds;

static struct seedinfo *get_seed(const char *rawdir, const char *id)
{
	for (int i = 0; i < nseeds; i++)
		if (!strcmp(seeds[i].s.id, id))
			return &seeds[i];
	struct anli_err err;
	if (nseeds == 8 || seed_load(rawdir, id, &seeds[nseeds].s, &err)) {
		printf("FAIL: %s\n", nseeds == 8 ? "too many seeds" : err.msg);
		exit(1);
	}
	seeds[nseeds].covered = xcalloc((size_t)seeds[nseeds].s.nlines + 2, 1);
	return &seeds[nseeds++];
}

static void mark(struct seedinfo *si, const char *lines)
{
	const char *p = lines;
	while (*p) {
		char *end;
		long a = strtol(p, &end, 10), b = a;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (long k = a; k <= b && k <= si->s.nlines; k++)
			if (k >= 1)
				si->covered[k] = 1;
		p = *end == ',' ? end + 1 : end;
		if (end == p && *p)
			break;
	}
}

/* Every seed line a block (or duplicate) cites lies in its item's ranges. */
static void check_within(const char *item, const char *what, const char *lines, const struct src_refs *item_ranges)
{
	struct src_refs r;
	if (!lines || src_parse_refs(lines, &r)) {
		fail("%s: %s: bad line ranges", item, what);
		return;
	}
	for (int i = 0; i < r.n; i++)
		for (int k = r.r[i].first; k <= r.r[i].last; k++) {
			int in = 0;
			for (int j = 0; j < item_ranges->n && !in; j++)
				in = k >= item_ranges->r[j].first && k <= item_ranges->r[j].last;
			if (!in) {
				char msg[64];
				snprintf(msg, sizeof msg, "%s cites seed line %d", what, k);
				fail("%s: %s, outside the item's ranges", item, msg);
				free(r.r);
				return;
			}
		}
	free(r.r);
}

/* A statement the check cannot do without: a failure ends the check. */
static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "provenance: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	return st;
}

/* Bind a text parameter; a failure ends the check. */
static void bind(sqlite3 *db, sqlite3_stmt *st, int i, const char *v)
{
	if (sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) != SQLITE_OK) {
		fprintf(stderr, "provenance: bind: %s\n", sqlite3_errmsg(db));
		exit(2);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: provenance DB DATADIR\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "provenance: %s: cannot open\n", argv[1]);
		return 2;
	}
	struct sbuf rawdir;
	sbuf_init(&rawdir);
	sbuf_printf(&rawdir, "%s/raw", argv[2]);
	int *seedtab = xcalloc(MAXCP, sizeof *seedtab), *dbtab = xcalloc(MAXCP, sizeof *dbtab);

	sqlite3_stmt *st;
	/* chapters: their titles must be in the lines they cite */
	st = prep(db, "SELECT id, title, seed, lines FROM chapter ORDER BY ord");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *title = (const char *)sqlite3_column_text(st, 1);
		struct seedinfo *si = get_seed(rawdir.s, (const char *)sqlite3_column_text(st, 2));
		const char *lines = (const char *)sqlite3_column_text(st, 3);
		mark(si, lines);
		struct sbuf cited;
		sbuf_init(&cited);
		sbuf_addn(&cited, "", 0);
		for (int k = 1; k <= si->s.nlines; k++)
			if (si->covered[k])
				sbuf_adds(&cited, si->s.line[k]);
		char *c = strip_ws(cited.s), *t = strip_ws(title);
		/* the title may be printed with the chapter tab's one character per line */
		if (!strstr(c, t))
			fail("chapter %s: title '%s' is not in the lines it cites", id, title);
		free(c);
		free(t);
		sbuf_free(&cited);
	}
	sqlite3_finalize(st);

	sqlite3_stmt *items, *blocks, *dups, *errata;
	errata = prep(db, "SELECT printed, corrected FROM erratum WHERE item_id = ?");
	items = prep(db, "SELECT id, kind, seed, lines, 0, coalesce(title,''), coalesce(subtitle,''),"
			   " coalesce(org,''), coalesce(author,''), coalesce(role,'') FROM item ORDER BY ord");
	/* a heading the seed lost (flag 'missing') is not text of the seed */
	blocks = prep(db, "SELECT text, lines, id FROM block WHERE item_id = ? AND flag IS NOT 'missing'");
	dups = prep(db, "SELECT text, lines FROM duplicate WHERE item_id = ?");
	printf("%-10s %6s %8s %8s %9s %8s\n", "item", "seed", "han", "missing", "extra", "coverage");
	while (sqlite3_step(items) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(items, 0);
		struct seedinfo *si = get_seed(rawdir.s, (const char *)sqlite3_column_text(items, 2));
		struct src_refs ranges;
		if (src_parse_refs((const char *)sqlite3_column_text(items, 3), &ranges)) {
			fail("%s: bad line ranges '%s'", id, (const char *)sqlite3_column_text(items, 3));
			continue;
		}
		struct sbuf body;
		sbuf_init(&body);
		sbuf_addn(&body, "", 0);
		for (int r = 0; r < ranges.n; r++) {
			int a = ranges.r[r].first, b = ranges.r[r].last;
			for (int k = a; k <= b && k <= si->s.nlines; k++) {
				if (si->covered[k] == 2) {
					char line[32];
					snprintf(line, sizeof line, "%d", k);
					fail("%s: seed line %s belongs to two items", id, line);
				}
				si->covered[k] = 2;
			}
			seed_body(&si->s, a, b, chapter_titles, &body);
		}
		memset(seedtab, 0, MAXCP * sizeof *seedtab);
		memset(dbtab, 0, MAXCP * sizeof *dbtab);
		count(seedtab, body.s, 1);
		for (int k = 5; k <= 9; k++)
			count(dbtab, (const char *)sqlite3_column_text(items, k), 1);
		/* the item's own text, for its duplicates; its blocks cite only its lines */
		struct sbuf own;
		sbuf_init(&own);
		sbuf_addn(&own, "", 0);
		bind(db, blocks, 1, id);
		while (sqlite3_step(blocks) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(blocks, 0);
			count(dbtab, t, 1);
			char *ts = strip_ws(t);
			sbuf_adds(&own, ts);
			sbuf_addc(&own, '\n');
			free(ts);
			check_within(id, (const char *)sqlite3_column_text(blocks, 2),
				     (const char *)sqlite3_column_text(blocks, 1), &ranges);
		}
		sqlite3_reset(blocks);
		bind(db, dups, 1, id);
		while (sqlite3_step(dups) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(dups, 0);
			char *ts = strip_ws(t);
			if (!strstr(own.s, ts))
				fail("%s: duplicate block '%s' is not in its own item's text", id, t);
			check_within(id, "duplicate", (const char *)sqlite3_column_text(dups, 1), &ranges);
			free(ts);
			count(seedtab, t, -1);
		}
		sqlite3_reset(dups);
		/* deliberate corrections: the printed text is in the seed, the
		 * corrected text in the database */
		bind(db, errata, 1, id);
		while (sqlite3_step(errata) == SQLITE_ROW) {
			const char *was = (const char *)sqlite3_column_text(errata, 0);
			const char *now = (const char *)sqlite3_column_text(errata, 1);
			char *ws = strip_ws(was), *bs = strip_ws(body.s);
			if (!strstr(bs, ws))
				fail("%s: erratum: '%s' is not in the seed", id, was);
			free(ws);
			free(bs);
			count(seedtab, was, -1);
			count(seedtab, now, 1);
		}
		sqlite3_reset(errata);
		long han = 0, hmiss = 0, hextra = 0, amiss = 0, aextra = 0;
		struct sbuf missing, extra;
		sbuf_init(&missing);
		sbuf_init(&extra);
		sbuf_addn(&missing, "", 0);
		sbuf_addn(&extra, "", 0);
		for (ucs4_t c = 0; c < MAXCP; c++) {
			if (!seedtab[c] && !dbtab[c])
				continue;
			int h = util_is_han(c);
			if (h && seedtab[c] > 0)
				han += seedtab[c];
			int d = seedtab[c] - dbtab[c];
			uint8_t u[6];
			int l = u8_uctomb(u, c, 6);
			for (int k = 0; k < (d > 0 ? d : -d) && k < 8; k++)
				sbuf_addn(d > 0 ? &missing : &extra, (const char *)u, (size_t)l);
			if (d > 0) {
				amiss += d;
				hmiss += h ? d : 0;
			} else if (d < 0) {
				aextra += -d;
				hextra += h ? -d : 0;
			}
		}
		si->han_body += han;
		si->han_missing += hmiss;
		si->han_extra += hextra;
		si->all_missing += amiss;
		printf("%-10s %6s %8ld %8ld %9ld %7.2f%%\n", id, si->s.id, han, hmiss, hextra,
		       han ? 100.0 * (double)(han - hmiss) / (double)han : 100.0);
		if (amiss || aextra) {
			char detail[64];
			snprintf(detail, sizeof detail, "%ld missing, %ld extra", amiss, aextra);
			printf("FAIL: %s: characters differ from the seed (%s): missing [%s] extra [%s]\n", id,
			       detail, missing.s, extra.s);
			failures++;
		}
		sbuf_free(&missing);
		sbuf_free(&extra);
		sbuf_free(&body);
		sbuf_free(&own);
		free(ranges.r);
	}
	sqlite3_finalize(items);
	sqlite3_finalize(blocks);
	sqlite3_finalize(dups);
	sqlite3_finalize(errata);

	/* every seed line with text belongs to an item or a chapter */
	for (int i = 0; i < nseeds; i++) {
		struct seedinfo *si = &seeds[i];
		long lost = 0;
		for (int k = 1; k <= si->s.nlines; k++) {
			if (si->covered[k])
				continue;
			struct sbuf body;
			sbuf_init(&body);
			sbuf_addn(&body, "", 0);
			seed_body(&si->s, k, k, chapter_titles, &body);
			if (body.len) {
				printf("FAIL: seed %s line %d is in no item: %s\n", si->s.id, k, body.s);
				failures++;
				lost++;
			}
			sbuf_free(&body);
		}
		printf("seed %s: %ld Han characters in the body, %ld missing, %ld extra, %ld lines in no item: "
		       "coverage %.2f%%\n",
		       si->s.id, si->han_body, si->han_missing, si->han_extra, lost,
		       si->han_body ? 100.0 * (double)(si->han_body - si->han_missing) / (double)si->han_body : 0);
		seed_free(&si->s);
		free(si->covered);
	}
	free(seedtab);
	free(dbtab);
	sbuf_free(&rawdir);
	sqlite3_close(db);
	if (failures) {
		printf("provenance: %d failures\n", failures);
		return 1;
	}
	printf("provenance: the database holds every character of the seeds' bodies and nothing else\n");
	return 0;
}
