/* bench_search.c — search latency in-process: the median of many runs of
 * search_run for queries of 1, 2, 3 and 6 characters.
 * usage: bench_search DB LABEL RUNS */
#include "anli/model.h"
#include "anli/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: bench_search DB LABEL RUNS\n");
		return 2;
	}
	struct anli_err err;
	struct model *m = model_open(argv[1], &err);
	if (!m) {
		fprintf(stderr, "bench_search: %s\n", err.msg);
		return 2;
	}
	int runs = atoi(argv[3]);
	/* 1, 2, 3 characters; 6 characters rare (5 hits in the book) and common (54) */
	static const char *const q[] = {"院", "院士", "院士行", "海外人才引进", "科技成果转化"};
	static const char *const target[] = {"<=2", "<=2", "<=2", "<=2", "<=2"};
	static const char *const target1k[] = {"-", "-", "<=20", "<=20", "<=20"};
	int big = strstr(argv[2], "1000") != NULL;
	double *t = calloc((size_t)runs, sizeof *t), *u = calloc((size_t)runs, sizeof *u);
	printf("%-12s %-7s %-8s %8s  %-34s %-22s %s\n", "corpus", "length", "query", "hits",
	       "find: hits and counts (reader)", "run: + all texts (CLI)", "target");
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		int hits = 0;
		for (int r = 0; r < runs; r++) {
			struct search_result res;
			double t0 = ms();
			if (search_find(m, q[i], &res, &err)) {
				fprintf(stderr, "bench_search: %s\n", err.msg);
				return 1;
			}
			t[r] = ms() - t0;
			search_result_free(&res);
			t0 = ms();
			if (search_run(m, q[i], &res, &err)) {
				fprintf(stderr, "bench_search: %s\n", err.msg);
				return 1;
			}
			u[r] = ms() - t0;
			hits = res.n;
			search_result_free(&res);
		}
		qsort(t, (size_t)runs, sizeof *t, cmpd);
		qsort(u, (size_t)runs, sizeof *u, cmpd);
		printf("%-12s %zu chars  %-8s %8d  median %9.3f ms (min %8.3f)  median %9.3f ms   %s ms\n", argv[2],
		       strlen(q[i]) / 3, q[i], hits, t[runs / 2], t[0], u[runs / 2], big ? target1k[i] : target[i]);
	}
	free(t);
	free(u);
	model_close(m);
	return 0;
}
