/* bench_anchor.c — the re-anchoring cascade (anchor.h) on the real book:
 * figures, never assertions.  For every block of every item, quotes of 2,
 * 4 and 8 code points every 7 code points, resolved after three simulated
 * rebuilds of the item:
 *   moved:   a block inserted before, the note's block id gone (home -1):
 *            found at the same text, or elsewhere, or orphaned;
 *   deleted: the note's block removed: orphaned, or matched elsewhere
 *            (mostly sentences the item repeats);
 *   split:   the block split after its first 。, the quote in the second
 *            half, home the first half: found in the second half or not.
 * Usage: bench_anchor BOOK.db */
#include "anli/anchor.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXB 4096

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		abort();
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	if (argc != 2 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "usage: bench_anchor BOOK.db\n");
		return 2;
	}
	sqlite3_stmt *items, *st;
	sqlite3_prepare_v2(db, "SELECT DISTINCT item_id FROM block ORDER BY item_id", -1, &items, NULL);
	sqlite3_prepare_v2(db, "SELECT text FROM block WHERE item_id = ? ORDER BY ord", -1, &st, NULL);
	static const int lens[3] = {2, 4, 8};
	long mv[3][4] = {{0}}, del[3][2] = {{0}}, sp[3][2] = {{0}}, calls = 0;
	static char *b[MAXB], *shift[MAXB + 1], *gone[MAXB], *split[MAXB + 1];
	clock_t c0 = clock();
	while (sqlite3_step(items) == SQLITE_ROW) {
		sqlite3_bind_text(st, 1, (const char *)sqlite3_column_text(items, 0), -1, SQLITE_TRANSIENT);
		int n = 0;
		while (sqlite3_step(st) == SQLITE_ROW && n < MAXB) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			b[n++] = dupn(t, strlen(t));
		}
		sqlite3_reset(st);
		shift[0] = "新插入的一段。";
		memcpy(shift + 1, b, (size_t)n * sizeof *b);
		for (int h = 0; h < n; h++) {
			int k = 0, cut = -1, cl = anchor_cplen(b[h]);
			for (int i = 0; i < n; i++)
				if (i != h)
					gone[k++] = b[i];
			char *dot = strstr(b[h], "。"), *h1 = NULL;
			if (dot && dot[3]) {
				h1 = dupn(b[h], (size_t)(dot + 3 - b[h]));
				cut = anchor_cplen(h1);
				memcpy(split, b, (size_t)h * sizeof *b);
				split[h] = h1;
				split[h + 1] = dot + 3;
				memcpy(split + h + 2, b + h + 1, (size_t)(n - h - 1) * sizeof *b);
			}
			for (int li = 0; li < 3; li++)
				for (int s = 0; s + lens[li] <= cl; s += 7) {
					struct anchor_sel sel;
					struct anchor_result r;
					anchor_make(b[h], s, lens[li], &sel);
					anchor_resolve((const char *const *)shift, n + 1, -1, &sel, ANCHOR_QUERY, NULL, &r);
					mv[li][3]++;
					mv[li][r.block == h + 1 && r.start == s ? 0 : r.block >= 0 ? 1 : 2]++;
					anchor_resolve((const char *const *)gone, n - 1, -1, &sel, ANCHOR_QUERY, NULL, &r);
					del[li][r.block < 0 ? 0 : 1]++;
					calls += 2;
					if (cut >= 0 && s >= cut) {
						anchor_resolve((const char *const *)split, n + 1, h, &sel, ANCHOR_QUERY, NULL, &r);
						sp[li][r.block == h + 1 && r.start == s - cut ? 0 : 1]++;
						calls++;
					}
					anchor_sel_free(&sel);
				}
			free(h1);
		}
		for (int i = 0; i < n; i++)
			free(b[i]);
	}
	double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
	for (int li = 0; li < 3; li++) {
		printf("quote %d cps: moved %ld/%ld found (%ld elsewhere, %ld orphaned); ", lens[li], mv[li][0], mv[li][3],
		       mv[li][1], mv[li][2]);
		printf("deleted %ld/%ld orphaned; ", del[li][0], del[li][0] + del[li][1]);
		printf("split %ld/%ld found\n", sp[li][0], sp[li][0] + sp[li][1]);
	}
	printf("%ld anchor_resolve calls in %.2f s CPU (%.1f us each)\n", calls, secs, secs * 1e6 / (double)calls);
	sqlite3_finalize(st);
	sqlite3_finalize(items);
	sqlite3_close(db);
	return 0;
}
