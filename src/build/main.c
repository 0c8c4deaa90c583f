/* build_main.c — anli-build: compile data/ into anli.db (a build tool, not installed) */
#include "anli/build.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *out = NULL, *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fprintf(stderr, "usage: anli-build -o OUT.db DATADIR\n");
			return 2;
		}
	}
	if (!out || !dir) {
		fprintf(stderr, "usage: anli-build -o OUT.db DATADIR\n");
		return 2;
	}
	struct anli_err err;
	if (build_database(dir, out, &err)) {
		fprintf(stderr, "anli-build: %s\n", err.msg);
		return 1;
	}
	return 0;
}
