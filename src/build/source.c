/* source.c — parser of the canonical sources (see source.h, data/README.md) */
#include "anli/i18n.h"
#include "anli/source.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int src_parse_refs(const char *s, struct src_refs *refs)
{
	if (strcmp(s, "-") == 0) {
		refs->r = NULL;
		refs->n = 0;
		return 0;
	}
	struct src_range *r = NULL;
	int n = 0;
	const char *p = s;
	for (;;) {
		char *end;
		if (*p < '0' || *p > '9')
			goto bad;
		long a = strtol(p, &end, 10), b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (*p < '0' || *p > '9')
				goto bad;
			b = strtol(p, &end, 10);
			p = end;
		}
		if (a < 1 || b < a || b > 10000000)
			goto bad;
		r = xrealloc(r, sizeof *r * (size_t)(n + 1));
		r[n].first = (int)a;
		r[n].last = (int)b;
		n++;
		if (*p == '\0')
			break;
		if (*p != ',')
			goto bad;
		p++;
	}
	refs->r = r;
	refs->n = n;
	return 0;
bad:
	free(r);
	return -1;
}

void src_format_refs(const struct src_refs *refs, struct sbuf *buf)
{
	if (refs->n == 0) {
		sbuf_adds(buf, "-");
		return;
	}
	for (int i = 0; i < refs->n; i++) {
		if (i)
			sbuf_addc(buf, ',');
		if (refs->r[i].first == refs->r[i].last)
			sbuf_printf(buf, "%d", refs->r[i].first);
		else
			sbuf_printf(buf, "%d-%d", refs->r[i].first, refs->r[i].last);
	}
}

/* Text checks shared by every value: valid UTF-8; no C0 or C1 control
 * character, no bidirectional override or isolate (they would reorder what a
 * terminal shows). */
static int check_text(const char *file, int line, const char *s, struct anli_err *err)
{
	size_t n = strlen(s);
	if (u8_check((const uint8_t *)s, n))
		return anli_err_set(err, _("%s:%d: invalid UTF-8"), file, line);
	const uint8_t *p = (const uint8_t *)s;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, p + i, n - i);
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			return anli_err_set(err, _("%s:%d: control character U+%04X in text"), file, line, (unsigned)c);
		if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			return anli_err_set(err, _("%s:%d: bidirectional control U+%04X in text"), file, line,
					    (unsigned)c);
	}
	if (n == 0)
		return anli_err_set(err, _("%s:%d: empty value"), file, line);
	return 0;
}

/* Whole-file checks before parsing: a NUL byte would end the text early, a
 * carriage return not followed by a line feed (old Mac line ends) would make
 * one giant line.  Both are reported at their line. */
static int check_file(const char *path, const char *buf, size_t len, struct anli_err *err)
{
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			line++;
		else if (buf[i] == '\0')
			return anli_err_set(err, _("%s:%d: NUL byte in the file"), path, line);
		else if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n'))
			return anli_err_set(err, _("%s:%d: carriage return without line feed (save with LF line ends)"),
					    path, line);
	}
	return 0;
}

/* Read a source file whole and check it (check_file). */
static char *read_source(const char *path, struct anli_err *err)
{
	size_t len;
	char *buf = util_read_file(path, &len, err);
	if (buf && check_file(path, buf, len, err)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int set_once(char **slot, const char *v, const char *file, int line, const char *key,
		    struct anli_err *err)
{
	if (*slot)
		return anli_err_set(err, _("%s:%d: @%s given twice"), file, line, key);
	if (check_text(file, line, v, err))
		return -1;
	*slot = xstrdup(v);
	return 0;
}

/* Split "KEY VALUE" (after '@'); returns pointer to value ("" if none). */
static char *split_word(char *s)
{
	char *sp = strchr(s, ' ');
	if (!sp)
		return s + strlen(s);
	*sp = '\0';
	return sp + 1;
}

static void free_item(struct src_item *it)
{
	free(it->file);
	free(it->kind);
	free(it->title);
	free(it->subtitle);
	free(it->org);
	free(it->region);
	free(it->author);
	free(it->role);
	free(it->seed);
	free(it->source.r);
	for (int i = 0; i < it->nblocks; i++) {
		free(it->blocks[i].text);
		free(it->blocks[i].refs.r);
	}
	free(it->blocks);
	for (int i = 0; i < it->nerrata; i++) {
		free(it->err_printed[i]);
		free(it->err_corrected[i]);
	}
	free(it->err_printed);
	free(it->err_corrected);
}

/* Iterate over the lines of a file buffer: returns the next line (NUL-
 * terminated in place, trailing CR removed) or NULL at the end. */
static char *next_line(char **cursor)
{
	char *s = *cursor;
	if (!s || !*s)
		return NULL;
	char *nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = s + strlen(s);
	}
	size_t n = strlen(s);
	if (n && s[n - 1] == '\r')
		s[n - 1] = '\0';
	return s;
}

static int parse_item(const char *path, struct src_item *it, struct anli_err *err)
{
	memset(it, 0, sizeof *it);
	char *buf = read_source(path, err);
	if (!buf)
		return -1;
	it->file = xstrdup(path);
	char *cur = buf, *s;
	int ln = 0, in_body = 0, cap = 0, have_num = 0, have_ch = 0, have_src = 0;
	while ((s = next_line(&cur))) {
		ln++;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '@') {
			if (in_body)
				goto fail_msg_hdr;
			char *v = split_word(s + 1);
			const char *k = s + 1;
			int rc = 0;
			if (!strcmp(k, "kind")) {
				if (strcmp(v, "foreword") && strcmp(v, "case") && strcmp(v, "article")) {
					anli_err_set(err, _("%s:%d: @kind must be foreword, case or article, not '%s'"), path, ln, v);
					goto fail;
				}
				rc = set_once(&it->kind, v, path, ln, k, err);
			} else if (!strcmp(k, "case") || !strcmp(k, "article")) {
				it->line_number = ln;
				if (have_num || parse_int(v, 1, 9999, &it->number)) {
					anli_err_set(err, _("%s:%d: bad or repeated @%s number '%s'"), path, ln, k, v);
					goto fail;
				}
				have_num = 1;
			} else if (!strcmp(k, "chapter") || !strcmp(k, "part")) {
				it->line_chapter = ln;
				if (have_ch || parse_int(v, 1, 999, &it->chapter)) {
					anli_err_set(err, _("%s:%d: bad or repeated @%s number '%s'"), path, ln, k, v);
					goto fail;
				}
				have_ch = 1;
			} else if (!strcmp(k, "title")) {
				rc = set_once(&it->title, v, path, ln, k, err);
			} else if (!strcmp(k, "missing")) {
				if (!strcmp(v, "title")) {
					it->missing_title = 1;
				} else if (!strcmp(v, "end")) {
					it->missing_end = 1;
				} else {
					anli_err_set(err, _("%s:%d: '@missing %s': only 'title' or 'end' can be missing"), path,
						     ln, v);
					goto fail;
				}
			} else if (!strcmp(k, "subtitle")) {
				rc = set_once(&it->subtitle, v, path, ln, k, err);
			} else if (!strcmp(k, "org")) {
				rc = set_once(&it->org, v, path, ln, k, err);
			} else if (!strcmp(k, "region")) {
				rc = set_once(&it->region, v, path, ln, k, err);
			} else if (!strcmp(k, "author")) {
				rc = set_once(&it->author, v, path, ln, k, err);
			} else if (!strcmp(k, "role")) {
				rc = set_once(&it->role, v, path, ln, k, err);
			} else if (!strcmp(k, "seed")) {
				it->line_seed = ln;
				rc = set_once(&it->seed, v, path, ln, k, err);
			} else if (!strcmp(k, "erratum")) {
				char *arrow = strstr(v, " => ");
				if (!arrow || arrow == v || !arrow[4]) {
					anli_err_set(err, _("%s:%d: @erratum wants 'PRINTED => CORRECTED'"), path, ln);
					goto fail;
				}
				*arrow = '\0';
				if (check_text(path, ln, v, err) || check_text(path, ln, arrow + 4, err))
					goto fail;
				it->err_printed = xrealloc(it->err_printed, sizeof(char *) * (size_t)(it->nerrata + 1));
				it->err_corrected = xrealloc(it->err_corrected, sizeof(char *) * (size_t)(it->nerrata + 1));
				it->err_printed[it->nerrata] = xstrdup(v);
				it->err_corrected[it->nerrata++] = xstrdup(arrow + 4);
			} else if (!strcmp(k, "source")) {
				if (have_src || src_parse_refs(v, &it->source) || it->source.n == 0) {
					anli_err_set(err, _("%s:%d: bad or repeated @source '%s' (want FIRST-LAST[,…])"), path,
						     ln, v);
					goto fail;
				}
				have_src = 1;
				it->line_source = ln;
			} else {
				anli_err_set(err, _("%s:%d: unknown key @%s"), path, ln, k);
				goto fail;
			}
			if (rc)
				goto fail;
			continue;
		}
		in_body = 1;
		char kind = s[0];
		int flag = SRC_FLAG_NONE;
		char *ref = s + 2;
		if (kind && s[1] == '/') {
			static const char sig[] = "/signature ", mis[] = "/missing ";
			if (kind == 'p' && !strncmp(s + 1, sig, sizeof sig - 1)) {
				flag = SRC_FLAG_SIGNATURE;
				ref = s + sizeof sig;
			} else if (kind == 'h' && !strncmp(s + 1, mis, sizeof mis - 1)) {
				flag = SRC_FLAG_MISSING;
				ref = s + sizeof mis;
			} else {
				anli_err_set(err, _("%s:%d: unknown block flag (known: p/signature, h/missing)"), path,
					     ln);
				goto fail;
			}
		} else if (!strchr("hspcd", kind) || s[1] != ' ') {
			anli_err_set(err, _("%s:%d: a block line is KIND REF TEXT with KIND one of h s p c d"), path, ln);
			goto fail;
		}
		char *text = split_word(ref);
		struct src_refs refs;
		if (src_parse_refs(ref, &refs)) {
			anli_err_set(err, _("%s:%d: bad source reference '%s'"), path, ln, ref);
			goto fail;
		}
		if ((flag == SRC_FLAG_MISSING) != (refs.n == 0)) {
			free(refs.r);
			anli_err_set(err, flag == SRC_FLAG_MISSING
						  ? _("%s:%d: a missing heading has no seed lines: its REF is '-'")
						  : _("%s:%d: only a missing heading (h/missing) has no seed lines"),
				     path, ln);
			goto fail;
		}
		if (check_text(path, ln, text, err)) {
			free(refs.r);
			goto fail;
		}
		if (it->nblocks == cap) {
			cap = cap ? cap * 2 : 32;
			it->blocks = xrealloc(it->blocks, sizeof *it->blocks * (size_t)cap);
		}
		struct src_block *b = &it->blocks[it->nblocks++];
		b->kind = kind;
		b->flag = flag;
		b->text = xstrdup(text);
		b->refs = refs;
		b->line = ln;
	}
	if (!it->kind) {
		anli_err_set(err, _("%s: missing @kind"), path);
		goto fail;
	}
	if (!it->seed || !have_src) {
		anli_err_set(err, _("%s: missing @seed or @source"), path);
		goto fail;
	}
	if (strcmp(it->kind, "foreword") != 0) {
		if (!have_num || !have_ch) {
			anli_err_set(err, _("%s: a %s needs its number (@%s) and @%s"), path, it->kind,
				     it->kind, strcmp(it->kind, "case") ? "part" : "chapter");
			goto fail;
		}
	}
	if (!it->title && !it->missing_title) {
		anli_err_set(err, _("%s: missing @title (write '@missing title' if the source lost it)"), path);
		goto fail;
	}
	if (it->title && it->missing_title) {
		anli_err_set(err, _("%s: both @title and '@missing title'"), path);
		goto fail;
	}
	if (!strcmp(it->kind, "case") && (!it->subtitle || !it->org || !it->region)) {
		anli_err_set(err, _("%s: a case needs @subtitle, @org and @region"), path);
		goto fail;
	}
	if (!strcmp(it->kind, "article") && (!it->author || !it->role)) {
		anli_err_set(err, _("%s: an article needs @author and @role"), path);
		goto fail;
	}
	if (it->nblocks == 0) {
		anli_err_set(err, _("%s: no text blocks"), path);
		goto fail;
	}
	free(buf);
	return 0;
fail_msg_hdr:
	anli_err_set(err, _("%s:%d: header line after the first block"), path, ln);
fail:
	free(buf);
	free_item(it);
	memset(it, 0, sizeof *it);
	return -1;
}

static int parse_collection_file(const char *path, struct src_collection *c, struct anli_err *err)
{
	char *buf = read_source(path, err);
	if (!buf)
		return -1;
	char *cur = buf, *s;
	int ln = 0, cap = 0;
	while ((s = next_line(&cur))) {
		ln++;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '@') {
			char *v = split_word(s + 1);
			const char *k = s + 1;
			int rc;
			if (!strcmp(k, "collection"))
				rc = set_once(&c->id, v, path, ln, k, err);
			else if (!strcmp(k, "title"))
				rc = set_once(&c->title, v, path, ln, k, err);
			else if (!strcmp(k, "publisher"))
				rc = set_once(&c->publisher, v, path, ln, k, err);
			else if (!strcmp(k, "date"))
				rc = set_once(&c->date, v, path, ln, k, err);
			else if (!strcmp(k, "seed"))
				rc = set_once(&c->seed, v, path, ln, k, err);
			else
				rc = anli_err_set(err, _("%s:%d: unknown key @%s"), path, ln, k);
			if (rc)
				goto fail;
			continue;
		}
		/* ch[/inferred] REF NUMBER LABEL TITLE */
		int inferred = !strncmp(s, "ch/inferred ", 12);
		if (strncmp(s, "ch ", 3) != 0 && !inferred) {
			anli_err_set(err, _("%s:%d: expected '@key value' or 'ch REF NUMBER LABEL TITLE'"), path, ln);
			goto fail;
		}
		char *ref = s + (inferred ? 12 : 3), *num = split_word(ref), *label = split_word(num),
		     *title = split_word(label);
		struct src_chapter ch = {0};
		ch.line = ln;
		ch.start_inferred = inferred;
		char *colon = strchr(ref, ':');
		if (colon) {
			*colon = '\0';
			if (check_text(path, ln, ref, err))
				goto fail;
			ch.seed = xstrdup(ref);
			ref = colon + 1;
		}
		if (src_parse_refs(ref, &ch.refs)) {
			free(ch.seed);
			anli_err_set(err, _("%s:%d: bad source reference '%s'"), path, ln, ref);
			goto fail;
		}
		if (parse_int(num, 1, 999, &ch.number) || ch.number != c->nchapters + 1) {
			free(ch.refs.r);
			free(ch.seed);
			anli_err_set(err, _("%s:%d: chapter number '%s' out of sequence (expected %d)"), path, ln, num,
				     c->nchapters + 1);
			goto fail;
		}
		if (check_text(path, ln, label, err) || check_text(path, ln, title, err)) {
			free(ch.refs.r);
			free(ch.seed);
			goto fail;
		}
		ch.label = strcmp(label, "-") ? xstrdup(label) : NULL;
		ch.title = xstrdup(title);
		if (c->nchapters == cap) {
			cap = cap ? cap * 2 : 8;
			c->chapters = xrealloc(c->chapters, sizeof *c->chapters * (size_t)cap);
		}
		c->chapters[c->nchapters++] = ch;
	}
	free(buf);
	if (!c->id || !c->seed)
		return anli_err_set(err, _("%s: missing @collection or @seed"), path);
	if (c->nchapters == 0)
		return anli_err_set(err, _("%s: no chapters ('ch' lines)"), path);
	return 0;
fail:
	free(buf);
	return -1;
}

void src_free(struct src_collection *c)
{
	free(c->dir);
	free(c->id);
	free(c->title);
	free(c->publisher);
	free(c->date);
	free(c->seed);
	for (int i = 0; i < c->nchapters; i++) {
		free(c->chapters[i].label);
		free(c->chapters[i].title);
		free(c->chapters[i].refs.r);
		free(c->chapters[i].seed);
	}
	free(c->chapters);
	for (int i = 0; i < c->nitems; i++)
		free_item(&c->items[i]);
	free(c->items);
	memset(c, 0, sizeof *c);
}

int src_load(const char *dir, struct src_collection *out, struct anli_err *err)
{
	memset(out, 0, sizeof *out);
	out->dir = xstrdup(dir);
	struct sbuf path;
	sbuf_init(&path);
	sbuf_printf(&path, "%s/collection.txt", dir);
	if (parse_collection_file(path.s, out, err))
		goto fail;

	DIR *d = opendir(dir);
	if (!d) {
		anli_err_set(err, _("%s: cannot open directory"), dir);
		goto fail;
	}
	char **names = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] < '0' || e->d_name[0] > '9' || strcmp(e->d_name + len - 4, ".txt"))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, sizeof *names * (size_t)cap);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, (size_t)n, sizeof *names, cmp_str);
	out->items = xcalloc((size_t)n, sizeof *out->items);
	int rc = 0;
	for (int i = 0; i < n; i++) {
		if (!rc) {
			path.len = 0;
			sbuf_printf(&path, "%s/%s", dir, names[i]);
			rc = parse_item(path.s, &out->items[out->nitems], err);
			if (!rc)
				out->nitems++;
		}
		free(names[i]);
	}
	free(names);
	if (rc)
		goto fail;
	if (out->nitems == 0) {
		anli_err_set(err, _("%s: no item files (NN.txt)"), dir);
		goto fail;
	}
	/* Cross-file checks: numbering, chapters, seeds. */
	int last_num = 0, last_ch = 0;
	for (int i = 0; i < out->nitems; i++) {
		struct src_item *it = &out->items[i];
		if (strcmp(it->seed, out->seed) && strcmp(it->kind, "article")) {
			anli_err_set(err, _("%s:%d: @seed %s differs from the collection's %s"), it->file, it->line_seed,
				     it->seed, out->seed);
			goto fail;
		}
		if (!strcmp(it->kind, "foreword")) {
			if (i != 0) {
				anli_err_set(err, _("%s: the foreword must be the first file"), it->file);
				goto fail;
			}
			continue;
		}
		if (it->number != last_num + 1) {
			anli_err_set(err, _("%s:%d: %s number %d out of sequence (expected %d)"), it->file,
				     it->line_number, it->kind, it->number, last_num + 1);
			goto fail;
		}
		last_num = it->number;
		if (it->chapter < last_ch || it->chapter > out->nchapters) {
			anli_err_set(err, _("%s:%d: chapter %d is out of order or not in collection.txt"), it->file,
				     it->line_chapter, it->chapter);
			goto fail;
		}
		last_ch = it->chapter;
	}
	sbuf_free(&path);
	return 0;
fail:
	sbuf_free(&path);
	src_free(out);
	return -1;
}
