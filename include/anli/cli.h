/* cli.h — the command line: anli [list|show|stats|search] … */
#ifndef ANLI_CLI_H
#define ANLI_CLI_H

/* Exit codes */
enum {
	CLI_OK = 0,
	CLI_NOTFOUND = 1, /* unknown ID; no search hits */
	CLI_ERROR = 2,    /* bad database, bad usage, I/O error */
};

/* Where the reader is to start, resolved from `anli ID` (ID, ID:N or a
 * block id) by the command line before the screen is touched.  The reader
 * takes it at the one call site marked READER START in src/cli/cli.c. */
struct cli_start {
	int given;          /* 0: no ID on the command line (resume, or the top) */
	int item;           /* index into the model's items (model_open order) */
	char item_id[64];   /* "c27": the same item by id */
	char block_id[64];  /* "c27:p3771", or "" for the item's top */
	int n;              /* paragraph number of block_id, 0 if none */
	int fresh;          /* --fresh: no resume, start at the top */
	const char *state;  /* --state PATH, or NULL ($ANLI_STATE, the default) */
	const char *notes;  /* --notes PATH, or NULL ($ANLI_NOTES, else the state file: notes_path) */
};

/* Run the command line; returns the process exit code. */
int cli_main(int argc, char **argv);

#endif
