/* cmd.h — what the commands share (src/cli only): parsed options, database
 * lookup, reporting, output.  One file per command: list.c, show.c,
 * stats.c, search.c; options and dispatch in cli.c. */
#ifndef ANLI_CLI_CMD_H
#define ANLI_CLI_CMD_H

#include "anli/cli.h"
#include "anli/model.h"

struct model_addr;

enum cli_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct opts {
	const char *db;
	const char *format; /* NULL: the command's default */
	int width;          /* 0: not given */
	int ambiwidth;      /* 0 = auto */
	int limit;          /* 0: not given */
	int all;
	int color;          /* enum cli_color */
	int no_pager;
	int count;
	int numbered;       /* show --numbered */
	int fresh;          /* the reader: --fresh */
	const char *state;  /* --state PATH, NULL: not given */
	/* the notes (notes.c): --notes PATH; after `show`, a bare --notes
	 * asks for the notes inline (show_notes) */
	const char *notes;
	int show_notes;
	const char *kind, *quote, *fix; /* notes add/edit: --kind --quote --fix */
	int no_fix;                     /* notes edit --no-fix */
	int occurrence;                 /* --occurrence N: which of several matches, 0: not given */
	const char *status, *item, *chapter; /* notes list/export filters */
	int bom;                        /* notes export --bom */
	char **args;        /* the command's operands */
	int nargs;
};

/* "anli: MESSAGE" on stderr, sanitised (msg_error); returns CLI_ERROR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, followed by "(see 'anli --help')". */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Does fmt name one of the NULL-terminated list? */
int cli_format_is(const char *fmt, const char *const *names);

/* The database path (--db, $ANLI_DB, data/anli.db beside the binary, the
 * installed copy); a new string. */
char *cli_find_db(const char *opt);
/* Open it, reporting a failure; NULL then. */
struct model *cli_open_db(const struct opts *o);

/* Write the collected output and free it: an error never leaves partial
 * output behind.  Returns CLI_OK or CLI_ERROR. */
int cli_flush(struct sbuf *out);

/* On a terminal, or asked for: a command without --format prints a table
 * when standard output is a terminal; --format=table asks for one
 * anywhere.  In a pipe the default stays what it always was (TSV, text). */
int cli_stdout_tty(void);
int cli_want_table(const struct opts *o);
/* Colour: --color=always, or auto (the default) with standard output a
 * terminal, $NO_COLOR unset or empty and $TERM not "dumb"; never else. */
int cli_want_color(const struct opts *o);
/* Columns of the terminal on standard output (TIOCGWINSZ), else $COLUMNS,
 * else 80. */
int cli_term_width(void);

/* Like cli_flush, through the pager (pager.c) when standard output is a
 * terminal and --no-pager is not given.  A reader who quits the pager
 * before the end (EPIPE) is no error. */
int cli_flush_paged(struct sbuf *out, const struct opts *o);

/* pager.c: start $PAGER (default less, with LESS=FRX when $LESS is unset)
 * with standard output going to it; -1 when there is none to start (then
 * print directly).  pager_finish closes standard output and waits for it. */
int pager_start(void);
void pager_finish(void);
int pager_active(void);

int cmd_list(const struct opts *o);
int cmd_show(const struct opts *o);
int cmd_stats(const struct opts *o);
int cmd_search(const struct opts *o);
/* state.c: the per-user state file's commands */
int cmd_mark(const struct opts *o);
int cmd_bookmarks(const struct opts *o);
int cmd_progress(const struct opts *o);
int cmd_doctor(const struct opts *o);
/* notes.c, notes_export.c: anli notes …; show --notes */
int cmd_notes(const struct opts *o);
/* The item of address a as text with its notes inline (show --notes),
 * appended to out.  CLI_OK or an exit code (said on stderr). */
int notes_show_inline(const struct opts *o, struct model *m, const struct model_addr *a, struct sbuf *out);

/* Does s look like an address (an item id as model_find takes it, with or
 * without ":N" or ":BLOCK"), not a command word?  `anli 27` opens the
 * reader at case 27, `anli frobnicate` is an unknown command. */
int cli_looks_like_id(const char *s);
/* Resolve an address for `anli ID` before the terminal is touched:
 * CLI_OK with *start filled, CLI_NOTFOUND (unknown: said on stderr) or
 * CLI_ERROR (the database). */
int cli_resolve_start(const struct opts *o, const char *key, struct cli_start *start);

#endif
