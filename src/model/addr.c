/* addr.c — paragraph addresses (see addr.h) */
#include "anli/addr.h"

#include "anli/i18n.h"
#include "db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int addr_para_number(const struct model_block *b, int nb, int k)
{
	if (k < 0 || k >= nb || b[k].kind != MODEL_PARA)
		return 0;
	int n = 0;
	for (int i = 0; i <= k; i++)
		n += b[i].kind == MODEL_PARA;
	return n;
}

int addr_para_block(const struct model_block *b, int nb, int n)
{
	if (n < 1)
		return -1;
	for (int i = 0; i < nb; i++)
		if (b[i].kind == MODEL_PARA && --n == 0)
			return i;
	return -1;
}

int addr_para_count(const struct model_block *b, int nb)
{
	int n = 0;
	for (int i = 0; i < nb; i++)
		n += b[i].kind == MODEL_PARA;
	return n;
}

int addr_para_in_section(const struct model_block *b, int nb, int k)
{
	if (k < 0 || k >= nb || b[k].kind != MODEL_PARA)
		return 0;
	int n = 0;
	for (int i = 0; i <= k; i++)
		n += b[i].kind == MODEL_PARA && b[i].section == b[k].section;
	return n;
}

const char *addr_section_heading(const struct model_block *b, int nb, int k)
{
	if (k < 0 || k >= nb)
		return NULL;
	/* a heading can stand after its section's first paragraph (a
	 * displaced heading): look through the whole section */
	for (int i = 0; i < nb; i++)
		if (b[i].section == b[k].section && b[i].kind == MODEL_HEADING)
			return b[i].text;
	return NULL;
}

int addr_block_index(const struct model_block *b, int nb, const char *id)
{
	for (int i = 0; i < nb; i++)
		if (b[i].id && !strcasecmp(b[i].id, id))
			return i;
	return -1;
}

int addr_id_line(const char *id)
{
	const char *colon = strchr(id, ':');
	if (!colon || !colon[1])
		return 0;
	const char *p = colon + 2; /* after the kind letter */
	long n = 0;
	int digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
		n = n * 10 + (*p - '0');
	return digits ? (int)n : 0;
}

int addr_block_line(const struct model_block *b, int nb, int k)
{
	if (k < 0 || k >= nb || !b[k].lines)
		return 0;
	/* "93,51", "120-134,190": the lowest number in the list */
	long best = 0;
	for (const char *p = b[k].lines; *p;) {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		long n = 0;
		int digits = 0;
		for (; *p >= '0' && *p <= '9'; p++)
			if (++digits <= 9)
				n = n * 10 + (*p - '0');
		if (!best || n < best)
			best = n;
	}
	return (int)best;
}

int addr_nearest(const struct model_block *b, int nb, const char *id)
{
	if (nb <= 0)
		return -1;
	int k = addr_block_index(b, nb, id);
	if (k >= 0)
		return k;
	int want = addr_id_line(id);
	if (!want)
		return 0;
	const char *colon = strchr(id, ':');
	char kind = colon ? colon[1] : 0; /* the kind letter: h, s, p, c */
	if (kind >= 'A' && kind <= 'Z')
		kind = (char)(kind - 'A' + 'a');
	int best = -1;
	long bestd = 0;
	for (int i = 0; i < nb; i++) {
		int line = addr_block_line(b, nb, i);
		if (!line)
			continue; /* a lost heading has no line to be near */
		long d = line > want ? (long)line - want : (long)want - line;
		/* a sub-heading and its paragraph start on one line: of equally
		 * near blocks, one of the stored kind wins, else the earlier */
		if (best < 0 || d < bestd || (d == bestd && b[i].kind == kind && b[best].kind != kind)) {
			best = i;
			bestd = d;
		}
	}
	return best < 0 ? 0 : best;
}

void addr_cite(const struct model_block *b, int nb, int k, struct sbuf *out)
{
	int n = addr_para_in_section(b, nb, k);
	if (!n)
		return;
	const char *h = addr_section_heading(b, nb, k);
	if (h)
		/* TRANSLATORS: a printed citation: the section heading and the
		 * paragraph's number within the section (工作成效 第3段) */
		sbuf_printf(out, _("%s 第%d段"), h, n);
	else
		/* TRANSLATORS: a paragraph's number in an untitled introduction */
		sbuf_printf(out, _("第%d段"), n);
}

/* "5" → 5; anything but 1 to 6 digits → 0 */
static int para_number(const char *s)
{
	int n = 0, digits = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if (++digits <= 6)
			n = n * 10 + (*s - '0');
	return *s || digits == 0 || digits > 6 ? 0 : n;
}

int model_addr_resolve(struct model *m, const char *key, struct model_addr *a, struct anli_err *err)
{
	memset(a, 0, sizeof *a);
	a->item = -1;
	a->block = -1;
	const char *colon = strchr(key, ':');
	char *item_key = colon ? xstrndup(key, (size_t)(colon - key)) : xstrdup(key);
	int i = model_find(m, item_key);
	free(item_key);
	if (i < 0) {
		anli_err_set(err, _("no item '%s' (see 'anli list')"), key);
		return MODEL_ADDR_UNKNOWN;
	}
	a->item = i;
	if (model_blocks(m, i, &a->blocks, &a->nblocks, err)) {
		a->item = -1;
		return MODEL_ADDR_ERROR;
	}
	if (!colon)
		return MODEL_ADDR_FOUND;
	const char *rest = colon + 1;
	int k = -1;
	if (*rest >= '0' && *rest <= '9') {
		int n = para_number(rest);
		k = addr_para_block(a->blocks, a->nblocks, n);
		if (k < 0) {
			anli_err_set(err, _("no paragraph '%s': %s has %d paragraphs"), key, m->items[i].id,
				     addr_para_count(a->blocks, a->nblocks));
			model_addr_free(a);
			return MODEL_ADDR_UNKNOWN;
		}
	} else {
		/* a block id: its item part as stored, then what follows the colon */
		struct sbuf id;
		sbuf_init(&id);
		sbuf_printf(&id, "%s:%s", m->items[i].id, rest);
		k = addr_block_index(a->blocks, a->nblocks, id.s);
		sbuf_free(&id);
		if (k < 0) {
			anli_err_set(err, _("no block '%s' in %s (see 'anli show %s --format=json')"), key,
				     m->items[i].id, m->items[i].id);
			model_addr_free(a);
			return MODEL_ADDR_UNKNOWN;
		}
	}
	a->block = k;
	a->n = addr_para_number(a->blocks, a->nblocks, k);
	return MODEL_ADDR_FOUND;
}

void model_addr_free(struct model_addr *a)
{
	model_blocks_free(a->blocks, a->nblocks);
	a->blocks = NULL;
	a->nblocks = 0;
	a->item = a->block = -1;
	a->n = 0;
}

void model_addr_format(const struct model *m, const struct model_addr *a, struct sbuf *out)
{
	if (a->item < 0)
		return;
	if (a->block < 0)
		sbuf_adds(out, m->items[a->item].id);
	else if (a->n)
		sbuf_printf(out, "%s:%d", m->items[a->item].id, a->n);
	else
		sbuf_adds(out, a->blocks[a->block].id);
}

int model_fingerprint(struct model *m, char out[17], struct anli_err *err)
{
	out[0] = '\0';
	sqlite3_stmt *st;
	/* the builder stores it (meta 'fingerprint'); older books: compute it */
	if (db_prepare(m, "SELECT value FROM meta WHERE key = 'fingerprint'", &st, "fingerprint", err))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 16) {
		memcpy(out, sqlite3_column_text(st, 0), 16);
		out[16] = '\0';
		sqlite3_finalize(st);
		return 0;
	}
	sqlite3_finalize(st);
	if (db_prepare(m, UTIL_FINGERPRINT_SQL, &st, "fingerprint", err))
		return -1;
	unsigned long long h = UTIL_FNV64_INIT;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int c = 0; c < 3; c++)
			util_fnv64(&h, (const char *)sqlite3_column_text(st, c));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(m, "fingerprint", err);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return 0;
}
