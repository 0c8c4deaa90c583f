/* main.c — anli-build: compile data/ into anli.db (a build tool, not installed) */
#include "anli/build.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
		size_t n;
		char *clean = lay_sanitize(err.msg, strlen(err.msg), &n);
		fprintf(stderr, "anli-build: %s\n", clean);
		free(clean);
		return 1;
	}
	return 0;
}
