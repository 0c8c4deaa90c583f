/* cmd.h — what the commands share (src/cli only): parsed options, database
 * lookup, reporting, output.  One file per command: list.c, show.c,
 * stats.c, search.c; options and dispatch in cli.c. */
#ifndef ANLI_CLI_CMD_H
#define ANLI_CLI_CMD_H

#include "anli/cli.h"
#include "anli/model.h"

struct opts {
	const char *db;
	const char *format; /* NULL: the command's default */
	int width;          /* 0: not given */
	int ambiwidth;      /* 0 = auto */
	int limit;          /* 0: not given */
	int all;
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

int cmd_list(const struct opts *o);
int cmd_show(const struct opts *o);
int cmd_stats(const struct opts *o);
int cmd_search(const struct opts *o);

#endif
