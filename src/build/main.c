/* main.c — anli-build: compile data/ into anli.db (a build tool, not installed) */
#include "anli/build.h"
#include "anli/msg.h"

#include <stdio.h>
#include <unistd.h>

static int usage(void)
{
	fprintf(stderr, "usage: anli-build -o OUT.db DATADIR\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	int c;
	while ((c = getopt(argc, argv, "o:")) != -1) {
		if (c != 'o')
			return usage();
		out = optarg;
	}
	if (!out || optind != argc - 1)
		return usage();
	struct anli_err err;
	if (build_database(argv[optind], out, &err)) {
		/* messages quote source text and SQLite's words: shown, never obeyed
		 * by the terminal */
		msg_error("anli-build", "%s", err.msg);
		return 1;
	}
	return 0;
}
