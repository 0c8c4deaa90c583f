/* anchor_fuzz.c — a libFuzzer driver for the anchoring core (anchor.h):
 * `make fuzz-anchor` builds build/fuzz-anchor with clang -fsanitize=fuzzer;
 * run it as `build/fuzz-anchor -max_total_time=60`.  test_anchor.c also
 * includes this file and feeds it a few hundred pseudo-random inputs.
 *
 * The input: 4 bytes of parameters (start, length, home, kind), then
 * fields split at the byte 0x01: the typed quote, the fix, and up to 8
 * blocks of text.  Besides crashes, it checks properties that must hold
 * for any bytes, and aborts when one does not. */
#include "anli/anchor.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define AF_MAX_BLOCKS 8

/* A broken property: abort() for libFuzzer; the unit test defines
 * AF_FAIL as a cmocka failure naming the property. */
#ifndef AF_FAIL
#define AF_FAIL(what) abort()
#endif
#define af_check(ok)               \
	do {                       \
		if (!(ok))         \
			AF_FAIL(#ok); \
	} while (0)

static char *af_field(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *s = *p, *e = s;
	while (e < end && *e != 0x01)
		e++;
	char *f = malloc((size_t)(e - s) + 1);
	af_check(f != NULL);
	memcpy(f, s, (size_t)(e - s));
	f[e - s] = '\0'; /* an embedded NUL just ends the string sooner */
	*p = e < end ? e + 1 : e;
	return f;
}

static int af_same_result(const struct anchor_result *a, const struct anchor_result *b)
{
	return a->state == b->state && a->block == b->block && a->start == b->start && a->applied == b->applied &&
	       a->applied_block == b->applied_block;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	int pstart = data[0], plen = data[1] % 40, phome = data[2], pkind = data[3] % 5;
	const uint8_t *p = data + 4, *end = data + size;
	char *typed = af_field(&p, end);
	char *fix = af_field(&p, end);
	char *blocks[AF_MAX_BLOCKS];
	int n = 0;
	do
		blocks[n++] = af_field(&p, end);
	while (p < end && n < AF_MAX_BLOCKS);

	/* anchor_make: in range exactly when the span is inside the text */
	int cl = anchor_cplen(blocks[0]);
	int start = cl ? pstart % (cl + 2) : pstart % 2;
	struct anchor_sel sel;
	int rc = anchor_make(blocks[0], start, plen, &sel);
	af_check(rc == ((start + plen <= cl) ? 0 : -1));
	af_check(sel.quote && sel.prefix && sel.suffix);
	if (rc == 0) {
		af_check(anchor_cplen(sel.quote) == plen && sel.offset == start);
		af_check(anchor_cplen(sel.prefix) <= ANCHOR_CONTEXT && anchor_cplen(sel.suffix) <= ANCHOR_CONTEXT);
		/* the unchanged text resolves EXACT where it was made */
		struct anchor_result r, r2;
		anchor_resolve((const char *const *)blocks, n, 0, &sel, ANCHOR_QUERY, NULL, &r);
		af_check(r.state == ANCHOR_EXACT && r.block == 0 && r.start == (plen ? start : 0) && !r.applied);
		/* the stored quote is found again when typed back */
		int *s = NULL, *l = NULL, k = 0;
		if (anchor_find_typed(blocks[0], sel.quote, &s, &l, &k) == 0)
			af_check(k >= 1);
		free(s);
		free(l);
		/* any home, kind, fix: a sane, deterministic answer */
		int home = phome % (n + 1) - 1;
		anchor_resolve((const char *const *)blocks, n, home, &sel, pkind % 4, pkind == 4 ? NULL : fix, &r);
		anchor_resolve((const char *const *)blocks, n, home, &sel, pkind % 4, pkind == 4 ? NULL : fix, &r2);
		af_check(af_same_result(&r, &r2));
		af_check(r.state >= ANCHOR_EXACT && r.state <= ANCHOR_ORPHANED);
		af_check((r.state == ANCHOR_ORPHANED) == (r.block < 0) && r.block < n);
		af_check(r.applied == (r.applied_block >= 0) && r.applied_block < n);
		af_check(!(r.applied && pkind % 4 == ANCHOR_QUERY));
		if (r.block >= 0 && plen > 0) { /* the quote is where it says */
			struct anchor_sel at;
			af_check(anchor_make(blocks[r.block], r.start, plen, &at) == 0);
			af_check(!strcmp(at.quote, sel.quote));
			anchor_sel_free(&at);
		}
	}
	anchor_sel_free(&sel);

	/* anchor_find_typed: ordered, disjoint spans inside the text */
	int *s = NULL, *l = NULL, k = -1;
	rc = anchor_find_typed(blocks[n - 1], typed, &s, &l, &k);
	af_check(rc == 0 || (rc == -1 && k == 0));
	af_check((k == 0) == (s == NULL));
	int cl2 = anchor_cplen(blocks[n - 1]), prev = 0;
	for (int i = 0; i < k; i++) {
		af_check(s[i] >= prev && l[i] >= 1 && s[i] + l[i] <= cl2);
		prev = s[i] + l[i];
	}
	free(s);
	free(l);

	free(typed);
	free(fix);
	for (int i = 0; i < n; i++)
		free(blocks[i]);
	return 0;
}
