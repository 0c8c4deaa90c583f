/* cli.h — the command line: anli [list|show|stats|search] … */
#ifndef ANLI_CLI_H
#define ANLI_CLI_H

/* Exit codes */
enum {
	CLI_OK = 0,
	CLI_NOTFOUND = 1, /* unknown ID; no search hits */
	CLI_ERROR = 2,    /* bad database, bad usage, I/O error */
};

/* Run the command line; returns the process exit code. */
int cli_main(int argc, char **argv);

#endif
