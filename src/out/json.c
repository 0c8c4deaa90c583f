/* json.c — the JSON device (see out.h) */
#include "anli/out.h"

#include "anli/addr.h"
#include "anli/layout.h"
#include "anli/names.h"

#include <stdlib.h>
#include <string.h>

void json_init(struct json *j, struct sbuf *o)
{
	memset(j, 0, sizeof *j);
	j->o = o;
}

/* Before a value or a key: the comma and, in an array, the new line. */
static void sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth == 0)
		return;
	int d = j->depth - 1 < JSON_MAX_DEPTH ? j->depth - 1 : JSON_MAX_DEPTH - 1;
	if (j->arr[d]) {
		sbuf_adds(j->o, j->n[d] ? ",\n" : "\n");
		for (int i = 0; i < j->depth; i++)
			sbuf_adds(j->o, "  ");
	} else if (j->n[d]) {
		sbuf_adds(j->o, ", ");
	}
	j->n[d] = 1;
}

static void open_(struct json *j, char c, int arr)
{
	sep(j);
	sbuf_addc(j->o, c);
	if (j->depth < JSON_MAX_DEPTH) {
		j->n[j->depth] = 0;
		j->arr[j->depth] = (unsigned char)arr;
	}
	j->depth++;
}

static void close_(struct json *j, char c)
{
	j->depth--;
	int d = j->depth < JSON_MAX_DEPTH ? j->depth : JSON_MAX_DEPTH - 1;
	if (j->arr[d] && j->n[d]) {
		sbuf_addc(j->o, '\n');
		for (int i = 0; i < j->depth; i++)
			sbuf_adds(j->o, "  ");
	}
	sbuf_addc(j->o, c);
	if (j->depth == 0)
		sbuf_addc(j->o, '\n');
}

void json_begin_object(struct json *j) { open_(j, '{', 0); }
void json_end_object(struct json *j) { close_(j, '}'); }
void json_begin_array(struct json *j) { open_(j, '[', 1); }
void json_end_array(struct json *j) { close_(j, ']'); }

void json_key(struct json *j, const char *key)
{
	sep(j);
	sbuf_printf(j->o, "\"%s\": ", key);
	j->after_key = 1;
}

void json_str(struct json *j, const char *s)
{
	sep(j);
	if (!s) {
		sbuf_adds(j->o, "null");
		return;
	}
	/* sanitised first: valid UTF-8, no control characters left to escape */
	char *clean = lay_sanitize(s, strlen(s), NULL);
	sbuf_addc(j->o, '"');
	for (const char *p = clean; *p; p++) {
		if (*p == '"' || *p == '\\')
			sbuf_addc(j->o, '\\');
		sbuf_addc(j->o, *p);
	}
	sbuf_addc(j->o, '"');
	free(clean);
}

void json_int(struct json *j, long long v)
{
	sep(j);
	sbuf_printf(j->o, "%lld", v);
}

void json_int_or_null(struct json *j, long long v)
{
	if (v)
		json_int(j, v);
	else {
		sep(j);
		sbuf_adds(j->o, "null");
	}
}

void json_bool(struct json *j, int v)
{
	sep(j);
	sbuf_adds(j->o, v ? "true" : "false");
}

void out_json_item(struct json *j, const struct model *m, const struct model_item *it)
{
	const struct model_chapter *ch = it->chapter >= 0 ? &m->chapters[it->chapter] : NULL;
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	json_key(j, "id"), json_str(j, it->id);
	json_key(j, "collection"), json_str(j, it->collection_id);
	json_key(j, "kind"), json_str(j, it->kind);
	json_key(j, "chapter"), json_int_or_null(j, ch ? ch->number : 0);
	json_key(j, "chapter_label"), json_str(j, ch ? ch->label : NULL);
	json_key(j, "chapter_title"), json_str(j, ch ? ch->title : NULL);
	json_key(j, "number"), json_int_or_null(j, it->number);
	json_key(j, "title"), json_str(j, it->title);
	json_key(j, "title_missing"), json_bool(j, it->title_missing);
	json_key(j, "end_missing"), json_bool(j, it->end_missing);
	json_key(j, "subtitle"), json_str(j, it->subtitle);
	json_key(j, "byline"), json_str(j, by.len ? by.s : NULL);
	json_key(j, "organisation"), json_str(j, it->org);
	json_key(j, "region"), json_str(j, it->region);
	json_key(j, "author"), json_str(j, it->author);
	json_key(j, "role"), json_str(j, it->role);
	json_key(j, "seed"), json_str(j, it->seed);
	json_key(j, "lines"), json_str(j, it->lines);
	json_key(j, "line_first"), json_int(j, it->line_first);
	json_key(j, "line_last"), json_int(j, it->line_last);
	json_key(j, "page_first"), json_int_or_null(j, it->page_first);
	json_key(j, "page_last"), json_int_or_null(j, it->page_last);
	sbuf_free(&by);
}

void out_json_show(struct sbuf *o, const struct model *m, const struct model_item *it, const struct model_block *b,
		   int nb)
{
	out_json_show_ex(o, m, it, b, nb, -1, 0);
}

void out_json_show_ex(struct sbuf *o, const struct model *m, const struct model_item *it,
		      const struct model_block *b, int nb, int only, int numbered)
{
	struct json j;
	json_init(&j, o);
	json_begin_object(&j);
	out_json_item(&j, m, it);
	json_key(&j, "blocks");
	json_begin_array(&j);
	for (int i = 0; i < nb; i++) {
		if (only >= 0 && i != only)
			continue;
		json_begin_object(&j);
		json_key(&j, "id"), json_str(&j, b[i].id);
		json_key(&j, "kind"), json_str(&j, names_block_kind(b[i].kind));
		json_key(&j, "section"), json_int(&j, b[i].section);
		json_key(&j, "lines"), json_str(&j, b[i].lines);
		json_key(&j, "page_first"), json_int_or_null(&j, b[i].page_first);
		json_key(&j, "page_last"), json_int_or_null(&j, b[i].page_last);
		json_key(&j, "flag"), json_str(&j, b[i].flag == MODEL_FLAG_SIGNATURE ? "signature"
						   : b[i].flag == MODEL_FLAG_MISSING ? "missing"
										     : NULL);
		json_key(&j, "text"), json_str(&j, b[i].text);
		if ((numbered || only >= 0) && b[i].kind == MODEL_PARA) {
			struct sbuf cite;
			sbuf_init(&cite);
			addr_cite(b, nb, i, &cite);
			json_key(&j, "n"), json_int(&j, addr_para_number(b, nb, i));
			json_key(&j, "section_n"), json_int(&j, addr_para_in_section(b, nb, i));
			json_key(&j, "section_heading"), json_str(&j, addr_section_heading(b, nb, i));
			json_key(&j, "cite"), json_str(&j, cite.s);
			sbuf_free(&cite);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
}
