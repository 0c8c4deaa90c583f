/* present.c — anli present ID... [--chapter ID]: the items as slides
 * (issue 13).  With --dump or --format=presenterm|patat the deck is printed
 * (the pagination is src/present, the devices src/out/deck.c); otherwise
 * the options are checked here and the presentation view takes them
 * (tui_present, include/anli/tui.h). */
#include "cmd.h"

#include "anli/addr.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/out.h"
#include "anli/slides.h"
#include "anli/tui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The chapter named by `key`: its id ("book/3", any case) or, for the
 * book's chapters, its number ("3").  -1 when none. */
static int find_chapter(const struct model *m, const char *key)
{
	for (int c = 0; c < m->nchapters; c++) {
		const struct model_chapter *ch = &m->chapters[c];
		if (!strcasecmp(ch->id, key))
			return c;
		char num[16];
		snprintf(num, sizeof num, "%d", ch->number);
		if (!strcmp(ch->collection_id, "book") && !strcmp(num, key))
			return c;
	}
	return -1;
}

/* Add item i to the presentation unless it is there already (an item
 * named twice, or by an ID and its chapter, is presented once: where it
 * came first). */
static void add_item(struct present_opts *po, int i)
{
	for (int k = 0; k < po->nitems; k++)
		if (po->items[k] == i)
			return;
	po->items[po->nitems++] = i;
}

/* The items to present, in order: each ID, then each chapter's items,
 * each item once.  Returns CLI_OK, or the exit code after saying what is
 * wrong. */
static int collect(struct model *m, const struct opts *o, struct present_opts *po)
{
	po->items = xcalloc((size_t)(o->nargs + m->nitems * (o->nchapters + 1)) + 1, sizeof *po->items);
	for (int i = 0; i < o->nargs; i++) {
		struct model_addr a;
		struct anli_err err;
		int rc = model_addr_resolve(m, o->args[i], &a, &err);
		if (rc != MODEL_ADDR_FOUND) {
			cli_error("%s", err.msg);
			return rc == MODEL_ADDR_UNKNOWN ? CLI_NOTFOUND : CLI_ERROR;
		}
		if (i == 0 && a.block >= 0)
			snprintf(po->start_block, sizeof po->start_block, "%s", a.blocks[a.block].id);
		add_item(po, a.item);
		model_addr_free(&a);
	}
	for (int k = 0; k < o->nchapters; k++) {
		int c = find_chapter(m, o->chapters[k]);
		if (c < 0) {
			struct sbuf ids;
			sbuf_init(&ids);
			for (int i = 0; i < m->nchapters; i++)
				sbuf_printf(&ids, "%s%s", i ? ", " : "", m->chapters[i].id);
			cli_error(_("--chapter: no chapter '%s' (the chapters: %s)"), o->chapters[k], ids.s);
			sbuf_free(&ids);
			return CLI_NOTFOUND;
		}
		for (int i = 0; i < m->nitems; i++)
			if (m->items[i].chapter == c)
				add_item(po, i);
	}
	return CLI_OK;
}

/* The slide size: --size, else the terminal's, else 80x24. */
static int deck_size(const struct opts *o, int *w, int *h)
{
	*w = 80;
	*h = 24;
	if (o->size) {
		if (present_parse_size(o->size, w, h))
			return cli_usage_error(_("--size: '%s' is not WIDTHxHEIGHT (e.g. 60x20; each 1 to 10000)"),
					       o->size);
		return CLI_OK;
	}
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
		*w = ws.ws_col;
		*h = ws.ws_row;
	}
	return CLI_OK;
}

/* --dump, --format: print the deck. */
static int print_deck(struct model *m, const struct opts *o, const struct present_opts *po, int flavour)
{
	int w, h, rc = deck_size(o, &w, &h);
	if (rc != CLI_OK)
		return rc;
	struct present_src ps;
	struct anli_err err;
	if (present_load(m, po->items, po->nitems, &ps, &err))
		return cli_error("%s", err.msg);
	struct slides_opts so = {.width = w, .height = h, .footer_rows = 1};
	struct deck d;
	slides_build(&d, ps.items, ps.nitems, &so);
	struct sbuf out;
	sbuf_init(&out);
	if (flavour)
		out_deck_markdown(&out, &d, ps.items, flavour);
	else
		out_deck_dump(&out, &d);
	slides_free(&d);
	present_unload(&ps);
	return cli_flush(&out);
}

/* --follow [PID]: the one operand, if any, is the process to follow. */
static int follow_pid(const struct opts *o, struct present_opts *po)
{
	const char *pid = o->follow_pid;
	if (o->nargs > 1 || (o->nargs == 1 && pid))
		return cli_usage_error("%s", _("present --follow: expected at most one process id, and no ID"));
	if (o->nargs == 1)
		pid = o->args[0];
	if (!pid)
		return CLI_OK;
	char *end;
	errno = 0;
	long v = strtol(pid, &end, 10);
	if (!*pid || *end || errno || v < 1 || v > 0x7fffffffL)
		return cli_usage_error(_("--follow: '%s' is not a process id"), pid);
	po->follow_pid = v;
	return CLI_OK;
}

int cmd_present(const struct opts *o)
{
	static const char *const formats[] = {"presenterm", "patat", NULL};
	struct present_opts po;
	memset(&po, 0, sizeof po);
	int flavour = 0;
	if (o->format) {
		if (!cli_format_is(o->format, formats))
			return cli_usage_error(_("present: unknown format '%s' (presenterm or patat)"), o->format);
		flavour = !strcmp(o->format, "presenterm") ? OUT_DECK_PRESENTERM : OUT_DECK_PATAT;
	}
	if (o->dump && flavour)
		return cli_usage_error("%s", _("present: --dump and --format each print the deck: give one"));
	if (o->size && !o->dump && !flavour)
		return cli_usage_error("%s", _("--size applies to 'present --dump' and '--format' only"));
	if (o->duration && (po.duration = present_parse_duration(o->duration)) < 0)
		return cli_usage_error(_("--duration: '%s' is not a duration (e.g. 20m, 90s, 1h, 1h30m)"),
				       o->duration);
	if ((o->dump || flavour) && (o->step || o->duration || o->big_titles || o->follow))
		return cli_usage_error("%s", _("present: --step, --duration, --big-titles and --follow are for "
					       "the presentation, not --dump or --format"));
	po.step = o->step;
	po.big_titles = o->big_titles;
	int rc;
	if (o->follow) {
		if (o->nchapters)
			return cli_usage_error("%s", _("present --follow follows a presentation: no --chapter"));
		if ((rc = follow_pid(o, &po)) != CLI_OK)
			return rc;
		po.follow = 1;
		char *path = cli_find_db(o->db);
		rc = tui_present(path, o->ambiwidth, &po);
		free(path);
		return rc;
	}
	if (!o->nargs && !o->nchapters)
		return cli_usage_error("%s", _("present: expected an ID (27, c27, a3, 27:5) or --chapter book/3"));
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	rc = collect(m, o, &po);
	if (rc == CLI_OK && po.nitems == 0)
		rc = cli_error("%s", _("present: the chapter has no items"));
	if (rc == CLI_OK && (o->dump || flavour)) {
		rc = print_deck(m, o, &po, flavour);
	} else if (rc == CLI_OK) {
		char *path = cli_find_db(o->db);
		rc = tui_present(path, o->ambiwidth, &po);
		free(path);
	}
	free(po.items);
	model_close(m);
	return rc;
}
