/* seed.c — see seed.h */
#include "anli/i18n.h"
#include "anli/seed.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static const char BOOK[] = "全国园区科协典型案例汇编";

static const char *skip_sp(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Parse exactly three digits; returns the number or -1. */
static int three_digits(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

int seed_running_head(const char *line)
{
	const char *s = skip_sp(line);
	int page;
	size_t bl = strlen(BOOK);
	if ((page = three_digits(s)) >= 0) {
		s = skip_sp(s + 3);
		if (*s != '|')
			return 0;
		s = skip_sp(s + 1);
		if (strncmp(s, BOOK, bl))
			return 0;
		return *skip_sp(s + bl) == '\0' ? page : 0;
	}
	if (strncmp(s, BOOK, bl))
		return 0;
	s = skip_sp(s + bl);
	if (*s != '|')
		return 0;
	s = skip_sp(s + 1);
	if ((page = three_digits(s)) < 0)
		return 0;
	return *skip_sp(s + 3) == '\0' ? page : 0;
}

/* Is the trimmed line one character long (a candidate vertical-tab line)? */
static int one_char_line(const char *line);

/* Pages.  A line starting with a space begins a PDF page.  Running heads
 * number a few pages, but where one survives, a page start was lost next to
 * it: 7 of the 8 heads of seed 002 sit inside a stretch between two detected
 * starts that holds 28-56 body lines, while no page between two detected
 * starts holds more than 25.  So:
 *   - a head with body lines on both sides splits its stretch into two
 *     pages, and numbers one of them; a head at a stretch's edge numbers
 *     the page before it or the page after it — which, only the neighbouring
 *     heads can tell;
 *   - between two consecutive heads P1 < P2, if exactly one choice of the
 *     pages they number puts them P2 - P1 pages apart, every page from the
 *     one to the other is proven;
 *   - nothing else is: a page the seed does not prove is 0.
 * page_max_lines is the fullest proven page that runs from one detected
 * start to the next (neither end inferred from a head). */
static void compute_pages(struct seed *s)
{
	int n = s->nlines;
	int *body = xcalloc((size_t)n + 2, sizeof *body); /* body lines in 1..i */
	int *next_start = xcalloc((size_t)n + 3, sizeof *next_start);
	char *detected = xcalloc((size_t)n + 2, 1);
	for (int i = 1; i <= n; i++) {
		detected[i] = s->line[i][0] == ' ' || (i == 1 && s->line[i][0]);
		int is_body = !seed_running_head(s->line[i]) && s->line[i][strspn(s->line[i], " \t")] &&
			      !one_char_line(s->line[i]);
		body[i] = body[i - 1] + is_body;
	}
	next_start[n + 1] = n + 1;
	for (int i = n; i >= 1; i--)
		next_start[i] = detected[i] ? i : next_start[i + 1];
	/* pages ("segments"): detected starts, and heads that split a stretch */
	int *seg = xcalloc((size_t)n + 2, sizeof *seg);
	int *seg_first = xcalloc((size_t)n + 2, sizeof *seg_first);
	char *seg_split = xcalloc((size_t)n + 2, 1); /* begins at a head, not a detected start */
	struct head {
		int page, cand[2];
	} *heads = xcalloc((size_t)n + 1, sizeof *heads);
	int nseg = 0, nheads = 0, start = 0;
	for (int i = 1; i <= n; i++) {
		if (detected[i]) {
			seg_first[++nseg] = start = i;
			seg_split[nseg] = 0;
		}
		int p = seed_running_head(s->line[i]);
		if (p && start) {
			int before = body[i - 1] - body[start - 1] > 0;
			int after = body[next_start[i + 1] - 1] - body[i] > 0;
			struct head *h = &heads[nheads++];
			h->page = p;
			if (before && after) {
				seg_first[++nseg] = start = i;
				seg_split[nseg] = 1;
				h->cand[0] = nseg - 1;
				h->cand[1] = nseg;
			} else if (before) {
				h->cand[0] = nseg;
				h->cand[1] = nseg + 1;
			} else {
				h->cand[0] = nseg - 1;
				h->cand[1] = nseg;
			}
		}
		seg[i] = start ? nseg : 0;
	}
	int *num = xcalloc((size_t)nseg + 2, sizeof *num);
	for (int k = 0; k + 1 < nheads; k++) {
		const struct head *h1 = &heads[k], *h2 = &heads[k + 1];
		int fits = 0, a = 0, b = 0;
		for (int x = 0; x < 2; x++)
			for (int y = 0; y < 2; y++) {
				int c1 = h1->cand[x], c2 = h2->cand[y];
				if (c1 >= 1 && c2 <= nseg && c2 - c1 == h2->page - h1->page && h2->page > h1->page) {
					fits++;
					a = c1;
					b = c2;
				}
			}
		if (fits == 1)
			for (int j = a; j <= b; j++)
				num[j] = h1->page + (j - a);
	}
	int maxl = 0;
	for (int j = 1; j <= nseg; j++) {
		int last = j < nseg ? seg_first[j + 1] - 1 : n;
		int ends_detected = j == nseg || !seg_split[j + 1];
		int lines = body[last] - body[seg_first[j] - 1];
		if (num[j] && !seg_split[j] && ends_detected && lines > maxl)
			maxl = lines;
	}
	s->page_max_lines = maxl;
	for (int i = 1; i <= n; i++)
		s->page[i] = seg[i] ? num[seg[i]] : 0;
	free(num);
	free(heads);
	free(seg_split);
	free(seg_first);
	free(seg);
	free(detected);
	free(next_start);
	free(body);
}

int seed_load(const char *rawdir, const char *id, struct seed *s, struct anli_err *err)
{
	memset(s, 0, sizeof *s);
	DIR *d = opendir(rawdir);
	if (!d)
		return anli_err_set(err, _("%s: cannot open the seed directory"), rawdir);
	size_t idl = strlen(id);
	char *found = NULL;
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, id, idl) == 0 && e->d_name[idl] == '_') {
			count++;
			free(found);
			found = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (count != 1) {
		free(found);
		return anli_err_set(err, _("%s: %s seed file %s_*.txt"), rawdir, count ? "more than one" : "no",
				    id);
	}
	struct sbuf p;
	sbuf_init(&p);
	sbuf_printf(&p, "%s/%s", rawdir, found);
	free(found);
	s->path = sbuf_take(&p);
	s->id = xstrdup(id);
	size_t len;
	s->buf = util_read_file(s->path, &len, err);
	if (!s->buf) {
		seed_free(s);
		return -1;
	}
	if (u8_check((const uint8_t *)s->buf, len) || strlen(s->buf) != len) {
		anli_err_set(err, _("%s: not valid UTF-8 text"), s->path);
		seed_free(s);
		return -1;
	}
	int cap = 1024;
	s->line = xmalloc(sizeof *s->line * (size_t)cap);
	s->line[0] = NULL;
	char *cur = s->buf;
	while (*cur) {
		if (s->nlines + 2 >= cap) {
			cap *= 2;
			s->line = xrealloc(s->line, sizeof *s->line * (size_t)cap);
		}
		s->line[++s->nlines] = cur;
		char *nl = strchr(cur, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (nl > cur && nl[-1] == '\r')
			nl[-1] = '\0';
		cur = nl + 1;
	}
	s->page = xcalloc((size_t)s->nlines + 1, sizeof *s->page);
	compute_pages(s);
	return 0;
}

void seed_free(struct seed *s)
{
	free(s->id);
	free(s->path);
	free(s->buf);
	free(s->line);
	free(s->page);
	memset(s, 0, sizeof *s);
}

/* Trimmed view of a line. */
static void trim(const char *line, const char **b, size_t *n)
{
	const char *s = line;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*b = s;
	*n = len;
}

static size_t nchars(const char *s, size_t n)
{
	return u8_mbsnlen((const uint8_t *)s, n);
}

static int one_char_line(const char *line)
{
	const char *b;
	size_t n;
	trim(line, &b, &n);
	return n && nchars(b, n) == 1;
}

size_t seed_doubled_lead(const char *s)
{
	/* Candidate ends: after each 。！？ within the first 60 characters. */
	const uint8_t *p = (const uint8_t *)s;
	size_t off = 0;
	for (int chars = 0; chars <= 60 && p[off]; chars++) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + off, strlen(s + off));
		if (l <= 0)
			return 0;
		off += (size_t)l;
		if ((c == 0x3002 || c == 0xFF01 || c == 0xFF1F) && chars >= 4 &&
		    strncmp(s, s + off, off) == 0)
			return off;
	}
	return 0;
}

static int is_divider(const char *b, size_t n)
{
	static const char *const div[] = {"第一篇", "第二篇", "第三篇", "第四篇", "第五篇", "第六篇", "第七篇"};
	for (size_t i = 0; i < sizeof div / sizeof *div; i++)
		if (n == strlen(div[i]) && !strncmp(b, div[i], n))
			return 1;
	return 0;
}

static int in_list(const char *b, size_t n, const char *const *list)
{
	for (; list && *list; list++)
		if (n == strlen(*list) && !strncmp(b, *list, n))
			return 1;
	return 0;
}

void seed_body(const struct seed *s, int first, int last, const char *const *chapter_titles,
	       struct sbuf *out)
{
	if (first < 1)
		first = 1;
	if (last > s->nlines)
		last = s->nlines;
	for (int i = first; i <= last; i++) {
		const char *b;
		size_t n;
		trim(s->line[i], &b, &n);
		if (n == 0 || seed_running_head(s->line[i]))
			continue;
		if (nchars(b, n) == 1) {
			/* a vertical tab: three or more one-character lines (blank lines between) */
			int j = i, run = 0;
			while (j <= s->nlines) {
				const char *bj;
				size_t nj;
				trim(s->line[j], &bj, &nj);
				if (nj && nchars(bj, nj) != 1)
					break;
				run += nj != 0;
				j++;
			}
			if (run >= 3) {
				i = j - 1;
				continue;
			}
		}
		if (is_divider(b, n)) {
			/* the chapter title follows the divider after one blank line */
			for (int j = i + 1; j <= s->nlines && j <= i + 3; j++) {
				const char *bj;
				size_t nj;
				trim(s->line[j], &bj, &nj);
				if (!nj)
					continue;
				if (in_list(bj, nj, chapter_titles))
					i = j;
				break;
			}
			continue;
		}
		while (n && *b == '#') {
			b++;
			n--;
			while (n && *b == ' ') {
				b++;
				n--;
			}
		}
		char *tmp = xstrndup(b, n);
		size_t lead = seed_doubled_lead(tmp);
		sbuf_addn(out, tmp + lead, n - lead);
		free(tmp);
	}
}
