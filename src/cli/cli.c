/* cli.c — the command line (see cli.h, man/anli.1): options (getopt_long),
 * what the commands share, dispatch.  The commands are list.c, show.c,
 * stats.c, search.c, the state commands, notes*.c, present.c; their output
 * devices are in src/out.  Over 400 lines: the usage text and the one
 * option table of every command, with the checks that an option goes with
 * its command; splitting the usage text off (cli/usage.c) is the next cut. */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/tui.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#ifndef ANLI_DATADIR
#define ANLI_DATADIR "/usr/local/share/anli"
#endif

static void usage(FILE *f)
{
	fprintf(f, "%s",
		_("Usage: anli [OPTIONS] [COMMAND [ARGS]]\n"
		  "\n"
		  "A terminal reader for 《全国园区科协典型案例汇编》 and the 科协 leaders' articles.\n"
		  "With no command, on a terminal, opens the full-screen reader (? lists its keys);\n"
		  "'anli ID' (27, c27, a3, 27:5, c27:p3771) opens it there; without one, where\n"
		  "you left off.\n"
		  "\n"
		  "Commands (on a terminal, list, search and stats print aligned tables, and show\n"
		  "starts with where the item is, wraps to the terminal and goes through $PAGER;\n"
		  "in a pipe the default formats are TSV and text):\n"
		  "  list [--format=tsv|json|table] [--all]\n"
		  "                                 one row per item (case or article), in book order;\n"
		  "                                 --all adds the foreword\n"
		  "  show ID [--format=text|markdown|json] [--width=N] [--no-pager] [--numbered]\n"
		  "                                 print an item; ID as `list` prints it (c1, a3,\n"
		  "                                 foreword), in any case, or a case number 1-53\n"
		  "                                 (C01, A03 and 前言 work too); ID:N its N-th\n"
		  "                                 paragraph, or a block id (c27:p3771);\n"
		  "                                 --numbered: the paragraph numbers N\n"
		  "  stats [--format=text|tsv|json|table]\n"
		  "                                 chapters, items, sections, paragraphs, characters\n"
		  "  search QUERY [--format=tsv|json|table] [--limit=N] [--count]\n"
		  "                                 every occurrence; several words: all must be in\n"
		  "                                 the item; exit 1 when nothing is found; --count:\n"
		  "                                 the number of hits and of items;\n"
		  "                                 'anli search -- -WORD' for a word starting with -\n"
		  "  mark ID read|unread|reviewed|needs-fix|none\n"
		  "                                 a read mark or review status on an item\n"
		  "  bookmarks add|rm ID:N           a bookmark on a paragraph (or a block id)\n"
		  "  bookmarks [list] [--format=tsv|json|table]\n"
		  "                                 every bookmark\n"
		  "  progress [--format=tsv|json|table]\n"
		  "                                 per chapter: items, read, reviewed, needs-fix\n"
		  "  doctor [--format=text|tsv|json]\n"
		  "                                 check the state file; list state on blocks or\n"
		  "                                 items the book no longer has (exit 1 if any)\n"
		  "  notes add ID:N|ANCHOR [--kind=K] [--quote=Q [--occurrence=N]] [--fix=F] TEXT\n"
		  "                                 a proofreading note (prints its number); kinds\n"
		  "                                 疑 改 删 增 (query fix delete insert); ANCHOR a\n"
		  "                                 block id or c27:title|subtitle|byline\n"
		  "  notes list [--status=open|resolved] [--item=ID] [--format=tsv|json|table]\n"
		  "  notes resolve|reopen|delete NOTE\n"
		  "  notes edit NOTE [--kind=K] [--quote=Q] [--fix=F|--no-fix] [TEXT]\n"
		  "                                 NOTE: its number or a uuid prefix\n"
		  "  notes export [--format=csv|tsv|markdown|json] [--bom] [--status=S]\n"
		  "               [--chapter=book/3]\n"
		  "                                 the errata table (勘误表), in book order\n"
		  "  notes attach NOTE ID:N [--quote=Q [--occurrence=N]]\n"
		  "                                 re-attach a note (an orphan) to another place\n"
		  "  notes import FILE.json         merge another editor's JSON export\n"
		  "  show ID --notes                the text with its notes inline\n"
		  "  present ID... [--chapter ID] [--step] [--duration 20m|90s|1h] [--big-titles]\n"
		  "                                 present items as slides, full screen; --chapter\n"
		  "                                 book/3 every item of a chapter\n"
		  "  present ID... --dump [--size WxH]\n"
		  "                                 the slides as plain text, each ending with a form\n"
		  "                                 feed, at WxH (default: the terminal's, or 80x24)\n"
		  "  present ID... --format=presenterm|patat [--size WxH]\n"
		  "                                 the slides as a Markdown deck for presenterm or\n"
		  "                                 patat\n"
		  "  present --follow [PID]          the presenter view of the newest presentation\n"
		  "                                 (or of process PID)\n"
		  "\n"
		  "Options:\n"
		  "  --db PATH            the database (default: $ANLI_DB, data/anli.db beside the\n"
		  "                       binary, then the installed copy)\n"
		  "  --ambiwidth=auto|1|2 columns of East Asian ambiguous characters (“ ” — …)\n"
		  "  --color=auto|always|never\n"
		  "                       colour the tables' hits (auto: on a terminal, unless\n"
		  "                       $NO_COLOR is set and not empty)\n"
		  "  --no-pager           show prints directly, not through $PAGER\n"
		  "  --state PATH         the per-user state file (default: $ANLI_STATE, else\n"
		  "                       $XDG_DATA_HOME/anli/user.db, ~/.local/share/anli/user.db)\n"
		  "  --fresh              the reader starts at the top, not where you left off\n"
		  "  --notes PATH         keep the notes in a file of their own, shared by a team\n"
		  "                       (default: $ANLI_NOTES, else the state file)\n"
		  "  -h, --help           show this help\n"
		  "  -V, --version        show the version\n"
		  "An option's value follows '=' or comes as the next word; '--' ends the options.\n"
		  "\n"
		  "Exit status: 0 success, 1 unknown ID or no search hit, 2 error.\n"));
}

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_verror("anli", fmt, ap);
	va_end(ap);
	return CLI_ERROR;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char buf[4096];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	msg_error("anli", "%s (%s)", buf, _("see 'anli --help'"));
	return CLI_ERROR;
}

int cli_format_is(const char *fmt, const char *const *names)
{
	for (; *names; names++)
		if (!strcmp(fmt, *names))
			return 1;
	return 0;
}

static int parse_int_opt(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

char *cli_find_db(const char *opt)
{
	if (opt)
		return xstrdup(opt);
	const char *env = getenv("ANLI_DB");
	if (env && *env)
		return xstrdup(env);
	/* a source tree: data/anli.db beside the binary (Linux: /proc) */
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			struct sbuf p;
			sbuf_init(&p);
			sbuf_printf(&p, "%s/data/anli.db", exe);
			if (access(p.s, F_OK) == 0)
				return sbuf_take(&p);
			sbuf_free(&p);
		}
	}
	return xstrdup(ANLI_DATADIR "/anli.db");
}

struct model *cli_open_db(const struct opts *o)
{
	char *path = cli_find_db(o->db);
	struct anli_err err;
	struct model *m = model_open(path, &err);
	if (!m)
		cli_error("%s", err.msg);
	free(path);
	return m;
}

int cli_flush(struct sbuf *out)
{
	int rc = CLI_OK;
	if (out->len && fwrite(out->s, 1, out->len, stdout) != out->len)
		rc = CLI_ERROR;
	if (fflush(stdout) != 0)
		rc = CLI_ERROR;
	if (rc && pager_active() && errno == EPIPE)
		rc = CLI_OK; /* the reader quit the pager: nothing went wrong */
	else if (rc)
		cli_error("%s: %s", _("standard output"), strerror(errno));
	sbuf_free(out);
	return rc;
}

int cli_flush_paged(struct sbuf *out, const struct opts *o)
{
	if (!o->no_pager && cli_stdout_tty())
		pager_start(); /* none: printed directly */
	int rc = cli_flush(out);
	pager_finish();
	return rc;
}

int cli_stdout_tty(void)
{
	return isatty(STDOUT_FILENO);
}

int cli_want_table(const struct opts *o)
{
	return o->format ? !strcmp(o->format, "table") : cli_stdout_tty();
}

int cli_want_color(const struct opts *o)
{
	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	return cli_stdout_tty() && !(no && *no) && !(term && !strcmp(term, "dumb"));
}

int cli_term_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	int n;
	const char *c = getenv("COLUMNS");
	if (c && parse_int_opt(c, 1, 100000, &n) == 0)
		return n;
	return 80;
}

enum {
	OPT_DB = 256,
	OPT_FORMAT,
	OPT_WIDTH,
	OPT_LIMIT,
	OPT_AMBIWIDTH,
	OPT_ALL,
	OPT_COLOR,
	OPT_NO_PAGER,
	OPT_COUNT,
	OPT_STATE,
	OPT_NUMBERED,
	OPT_FRESH,
	OPT_CHAPTER,
	OPT_DUMP,
	OPT_SIZE,
	OPT_STEP,
	OPT_DURATION,
	OPT_BIG_TITLES,
	OPT_FOLLOW,
	OPT_NOTES,
	OPT_KIND,
	OPT_QUOTE,
	OPT_FIX,
	OPT_NO_FIX,
	OPT_OCCURRENCE,
	OPT_STATUS,
	OPT_ITEM,
	OPT_BOM,
};

static const struct option longopts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"limit", required_argument, NULL, OPT_LIMIT},
	{"ambiwidth", required_argument, NULL, OPT_AMBIWIDTH},
	{"all", no_argument, NULL, OPT_ALL},
	{"color", required_argument, NULL, OPT_COLOR},
	{"colour", required_argument, NULL, OPT_COLOR},
	{"no-pager", no_argument, NULL, OPT_NO_PAGER},
	{"count", no_argument, NULL, OPT_COUNT},
	{"state", required_argument, NULL, OPT_STATE},
	{"numbered", no_argument, NULL, OPT_NUMBERED},
	{"fresh", no_argument, NULL, OPT_FRESH},
	{"chapter", required_argument, NULL, OPT_CHAPTER},
	{"dump", no_argument, NULL, OPT_DUMP},
	{"size", required_argument, NULL, OPT_SIZE},
	{"step", no_argument, NULL, OPT_STEP},
	{"duration", required_argument, NULL, OPT_DURATION},
	{"big-titles", no_argument, NULL, OPT_BIG_TITLES},
	{"follow", optional_argument, NULL, OPT_FOLLOW},
	{"notes", required_argument, NULL, OPT_NOTES},
	{"kind", required_argument, NULL, OPT_KIND},
	{"quote", required_argument, NULL, OPT_QUOTE},
	{"fix", required_argument, NULL, OPT_FIX},
	{"no-fix", no_argument, NULL, OPT_NO_FIX},
	{"occurrence", required_argument, NULL, OPT_OCCURRENCE},
	{"status", required_argument, NULL, OPT_STATUS},
	{"item", required_argument, NULL, OPT_ITEM},
	{"bom", no_argument, NULL, OPT_BOM},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* One option from getopt_long; returns -1 to go on, else an exit code.
 * `arg` is the command-line word that held the option. */
static int take_option(int c, const char *arg, const char *cmd, struct opts *o)
{
	switch (c) {
	case 'h':
		usage(stdout);
		return CLI_OK;
	case 'V':
		printf("anli %s\n", ANLI_VERSION);
		return CLI_OK;
	case OPT_DB:
		o->db = optarg;
		return -1;
	case OPT_FORMAT:
		o->format = optarg;
		return -1;
	case OPT_WIDTH:
		if (parse_int_opt(optarg, 4, 100000, &o->width))
			return cli_usage_error(_("--width: '%s' is not a number from 4 to 100000"), optarg);
		return -1;
	case OPT_LIMIT:
		if (parse_int_opt(optarg, 1, INT_MAX, &o->limit))
			return cli_usage_error(_("--limit: '%s' is not a positive number"), optarg);
		return -1;
	case OPT_AMBIWIDTH:
		if (!strcmp(optarg, "auto"))
			o->ambiwidth = 0;
		else if (parse_int_opt(optarg, 1, 2, &o->ambiwidth))
			return cli_usage_error(_("--ambiwidth: '%s' is not auto, 1 or 2"), optarg);
		return -1;
	case OPT_ALL:
		o->all = 1;
		return -1;
	case OPT_COLOR:
		if (!strcmp(optarg, "auto"))
			o->color = COLOR_AUTO;
		else if (!strcmp(optarg, "always"))
			o->color = COLOR_ALWAYS;
		else if (!strcmp(optarg, "never"))
			o->color = COLOR_NEVER;
		else
			return cli_usage_error(_("--color: '%s' is not auto, always or never"), optarg);
		return -1;
	case OPT_NO_PAGER:
		o->no_pager = 1;
		return -1;
	case OPT_COUNT:
		o->count = 1;
		return -1;
	case OPT_STATE:
		o->state = optarg;
		return -1;
	case OPT_NUMBERED:
		o->numbered = 1;
		return -1;
	case OPT_FRESH:
		o->fresh = 1;
		return -1;
	case OPT_CHAPTER:
		o->chapters[o->nchapters++] = optarg;
		o->chapter = optarg; /* notes list/export: the last one */
		return -1;
	case OPT_DUMP:
		o->dump = 1;
		return -1;
	case OPT_SIZE:
		o->size = optarg;
		return -1;
	case OPT_STEP:
		o->step = 1;
		return -1;
	case OPT_DURATION:
		o->duration = optarg;
		return -1;
	case OPT_BIG_TITLES:
		o->big_titles = 1;
		return -1;
	case OPT_FOLLOW:
		o->follow = 1;
		o->follow_pid = optarg;
		return -1;
	case OPT_NOTES:
		o->notes = optarg;
		if (cmd && !strcmp(cmd, "show"))
			o->show_notes = 1; /* show 27 --notes=team.db: inline, from that file */
		return -1;
	case OPT_KIND:
		o->kind = optarg;
		return -1;
	case OPT_QUOTE:
		o->quote = optarg;
		return -1;
	case OPT_FIX:
		o->fix = optarg;
		return -1;
	case OPT_NO_FIX:
		o->no_fix = 1;
		return -1;
	case OPT_OCCURRENCE:
		if (parse_int_opt(optarg, 1, INT_MAX, &o->occurrence))
			return cli_usage_error(_("--occurrence: '%s' is not a positive number"), optarg);
		return -1;
	case OPT_STATUS:
		o->status = optarg;
		return -1;
	case OPT_ITEM:
		o->item = optarg;
		return -1;
	case OPT_BOM:
		o->bom = 1;
		return -1;
	case ':':
		return cli_usage_error(_("option '%s' needs a value"), arg);
	default:
		/* after `search`, a word with one dash (-科技, -3) is more likely
		 * a search word than a mistyped option: say how to search for it */
		if (cmd && !strcmp(cmd, "search") && arg[0] == '-' && arg[1] != '-')
			return cli_usage_error(_("unknown option '%s' (to search for it: anli search -- %s)"), arg,
					       arg);
		return cli_usage_error(_("unknown option '%s'"), arg);
	}
}

/* Options anywhere among the operands (`anli show 1 --format=json`), with
 * their value after '=' or in the next word; `--` ends the options.  The
 * first operand is the command, the others its arguments. */
static int parse(int argc, char **argv, struct opts *o, const char **cmd)
{
	o->args = xcalloc((size_t)argc + 1, sizeof *o->args);
	o->chapters = xcalloc((size_t)argc + 1, sizeof *o->chapters);
	opterr = 0; /* the messages are ours */
	optind = 1;
	int dashdash = 0;
	while (optind < argc) {
		if (!dashdash && *cmd && !strcmp(*cmd, "show") && !strcmp(argv[optind], "--notes")) {
			/* after `show`, a bare --notes asks for the notes inline;
			 * the notes file is then given before the command or as
			 * --notes=PATH (README, man page) */
			o->show_notes = 1;
			optind++;
			continue;
		}
		if (!dashdash) {
			/* "+": stop at the first operand, so that options and
			 * operands are taken in order without permuting argv */
			int before = optind, c = getopt_long(argc, argv, "+:hV", longopts, NULL);
			if (c != -1) {
				int rc = take_option(c, argv[before], *cmd, o);
				if (rc >= 0)
					return rc;
				continue;
			}
			if (optind > before && !strcmp(argv[optind - 1], "--"))
				dashdash = 1; /* what follows is not an option: anli search -- -号 */
			if (optind >= argc)
				break;
		}
		const char *a = argv[optind++];
		if (!*cmd)
			*cmd = a;
		else
			o->args[o->nargs++] = (char *)a;
	}
	return -1;
}

int cli_main(int argc, char **argv)
{
	struct opts o;
	memset(&o, 0, sizeof o);
	const char *cmd = NULL;
	int rc = parse(argc, argv, &o, &cmd);
	if (rc >= 0)
		goto out;
	/* options that do not apply to the command are errors, not ignored */
	const char *c = cmd ? cmd : "";
	rc = CLI_ERROR;
	if (o.width && strcmp(c, "show"))
		cli_usage_error(_("--width applies to 'show' only, not '%s'"), c);
	else if (o.width && o.format && strcmp(o.format, "text"))
		cli_usage_error(_("--width wraps text only, not --format=%s"), o.format);
	else if (o.limit && strcmp(c, "search"))
		cli_usage_error(_("--limit applies to 'search' only, not '%s'"), c);
	else if (o.all && strcmp(c, "list"))
		cli_usage_error(_("--all applies to 'list' only, not '%s'"), c);
	else if (o.count && strcmp(c, "search"))
		cli_usage_error(_("--count applies to 'search' only, not '%s'"), c);
	else if (o.count && o.limit)
		cli_usage_error("%s", _("--count counts every hit: it does not go with --limit"));
	else if (o.fresh && cmd && !cli_looks_like_id(cmd))
		cli_usage_error(_("--fresh applies to the reader only, not '%s'"), c);
	else if (o.nchapters && strcmp(c, "notes") && strcmp(c, "present"))
		cli_usage_error(_("--chapter applies to 'notes' and 'present' only, not '%s'"), c);
	else if ((o.kind || o.quote || o.fix || o.no_fix || o.occurrence || o.status || o.item || o.bom) &&
		 strcmp(c, "notes"))
		cli_usage_error(_("--%s applies to 'notes' only, not '%s'"),
				o.kind ? "kind" : o.quote ? "quote" : o.fix ? "fix" : o.no_fix ? "no-fix"
				: o.occurrence ? "occurrence" : o.status ? "status" : o.item ? "item" : "bom",
				c);
	else if (o.numbered && strcmp(c, "show"))
		cli_usage_error(_("--numbered applies to 'show' only, not '%s'"), c);
	else if ((o.dump || o.size || o.step || o.duration || o.big_titles || o.follow) && strcmp(c, "present"))
		cli_usage_error(_("%s applies to 'present' only, not '%s'"),
				o.dump ? "--dump" : o.size ? "--size" : o.step ? "--step"
				: o.duration ? "--duration" : o.big_titles ? "--big-titles" : "--follow", c);
	else if (o.format && (!cmd || cli_looks_like_id(cmd)))
		cli_usage_error("%s", _("--format needs a command (list, show, search, stats, bookmarks, progress, "
					"doctor, present, notes)"));
	else
		rc = -1;
	if (rc >= 0)
		goto out;
	/* Outside the TUI, auto means 1: nothing to ask. */
	lay_set_ambiwidth(o.ambiwidth ? o.ambiwidth : 1);
	if (!cmd || (cli_looks_like_id(cmd) && !o.nargs)) {
		/* anli [ID]: the ID is resolved before the screen is touched, so
		 * that an unknown one is a one-line error (exit 1) */
		struct cli_start start;
		memset(&start, 0, sizeof start);
		start.item = -1;
		if (cmd && (rc = cli_resolve_start(&o, cmd, &start)) != CLI_OK)
			goto out;
		char *path = cli_find_db(o.db);
		/* READER START: the one call site where the reader takes `start`
		 * (issue 11, item 3; and resume when !start.given) */
		start.fresh = o.fresh;
		start.state = o.state;
		start.notes = o.notes; /* --notes PATH (else $ANLI_NOTES, else the state file) */
		rc = tui_main(path, o.ambiwidth, &start);
		free(path);
	} else if (cli_looks_like_id(cmd)) {
		rc = cli_usage_error(_("unexpected argument '%s' after the ID '%s'"), o.args[0], cmd);
	} else if (!strcmp(cmd, "list")) {
		rc = cmd_list(&o);
	} else if (!strcmp(cmd, "show")) {
		rc = cmd_show(&o);
	} else if (!strcmp(cmd, "stats")) {
		rc = cmd_stats(&o);
	} else if (!strcmp(cmd, "search")) {
		rc = cmd_search(&o);
	} else if (!strcmp(cmd, "mark")) {
		rc = cmd_mark(&o);
	} else if (!strcmp(cmd, "bookmarks") || !strcmp(cmd, "bookmark")) {
		rc = cmd_bookmarks(&o);
	} else if (!strcmp(cmd, "progress")) {
		rc = cmd_progress(&o);
	} else if (!strcmp(cmd, "doctor")) {
		rc = cmd_doctor(&o);
	} else if (!strcmp(cmd, "present")) {
		rc = cmd_present(&o);
	} else if (!strcmp(cmd, "notes")) {
		rc = cmd_notes(&o);
	} else {
		rc = cli_usage_error(_("unknown command '%s'"), cmd);
	}
out:
	free(o.args);
	free(o.chapters);
	return rc;
}
