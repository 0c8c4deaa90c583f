/* source.c — the canonical sources (see source.h, data/README.md): source
 * references, collection.txt, loading a collection and the checks across its
 * files.  An item file is item.c's; shared parsing helpers are parse.c's. */
#include "anli/i18n.h"
#include "anli/source.h"

#include "parse.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int parse_collection_file(const char *path, struct src_collection *c, struct anli_err *err)
{
	char *buf = parse_read(path, err);
	if (!buf)
		return -1;
	char *cur = buf, *s;
	int ln = 0, cap = 0;
	while ((s = parse_next_line(&cur))) {
		ln++;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '@') {
			char *v = parse_word(s + 1);
			const char *k = s + 1;
			int rc;
			if (!strcmp(k, "collection"))
				rc = parse_set_once(&c->id, v, path, ln, k, err);
			else if (!strcmp(k, "title"))
				rc = parse_set_once(&c->title, v, path, ln, k, err);
			else if (!strcmp(k, "publisher"))
				rc = parse_set_once(&c->publisher, v, path, ln, k, err);
			else if (!strcmp(k, "date"))
				rc = parse_set_once(&c->date, v, path, ln, k, err);
			else if (!strcmp(k, "seed"))
				rc = parse_set_once(&c->seed, v, path, ln, k, err);
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
		char *ref = s + (inferred ? 12 : 3), *num = parse_word(ref), *label = parse_word(num),
		     *title = parse_word(label);
		struct src_chapter ch = {0};
		ch.line = ln;
		ch.start_inferred = inferred;
		char *colon = strchr(ref, ':');
		if (colon) {
			*colon = '\0';
			if (parse_check_text(path, ln, ref, err))
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
		if (parse_check_text(path, ln, label, err) || parse_check_text(path, ln, title, err)) {
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
		parse_item_free(&c->items[i]);
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

