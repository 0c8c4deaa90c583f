/* item.c — parser of one item file NN.txt (format: data/README.md). */
#include "anli/i18n.h"
#include "parse.h"

#include <stdlib.h>
#include <string.h>

void parse_item_free(struct src_item *it)
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

int parse_item(const char *path, struct src_item *it, struct anli_err *err)
{
	memset(it, 0, sizeof *it);
	char *buf = parse_read(path, err);
	if (!buf)
		return -1;
	it->file = xstrdup(path);
	char *cur = buf, *s;
	int ln = 0, in_body = 0, cap = 0, have_num = 0, have_ch = 0, have_src = 0;
	while ((s = parse_next_line(&cur))) {
		ln++;
		if (*s == '\0' || *s == '#')
			continue;
		if (*s == '@') {
			if (in_body)
				goto fail_msg_hdr;
			char *v = parse_word(s + 1);
			const char *k = s + 1;
			int rc = 0;
			if (!strcmp(k, "kind")) {
				if (strcmp(v, "foreword") && strcmp(v, "case") && strcmp(v, "article")) {
					anli_err_set(err, _("%s:%d: @kind must be foreword, case or article, not '%s'"), path, ln, v);
					goto fail;
				}
				rc = parse_set_once(&it->kind, v, path, ln, k, err);
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
				rc = parse_set_once(&it->title, v, path, ln, k, err);
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
				rc = parse_set_once(&it->subtitle, v, path, ln, k, err);
			} else if (!strcmp(k, "org")) {
				rc = parse_set_once(&it->org, v, path, ln, k, err);
			} else if (!strcmp(k, "region")) {
				rc = parse_set_once(&it->region, v, path, ln, k, err);
			} else if (!strcmp(k, "author")) {
				rc = parse_set_once(&it->author, v, path, ln, k, err);
			} else if (!strcmp(k, "role")) {
				rc = parse_set_once(&it->role, v, path, ln, k, err);
			} else if (!strcmp(k, "seed")) {
				it->line_seed = ln;
				rc = parse_set_once(&it->seed, v, path, ln, k, err);
			} else if (!strcmp(k, "erratum")) {
				char *arrow = strstr(v, " => ");
				if (!arrow || arrow == v || !arrow[4]) {
					anli_err_set(err, _("%s:%d: @erratum wants 'PRINTED => CORRECTED'"), path, ln);
					goto fail;
				}
				*arrow = '\0';
				if (parse_check_text(path, ln, v, err) || parse_check_text(path, ln, arrow + 4, err))
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
		char *text = parse_word(ref);
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
		if (parse_check_text(path, ln, text, err)) {
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
	parse_item_free(it);
	memset(it, 0, sizeof *it);
	return -1;
}
