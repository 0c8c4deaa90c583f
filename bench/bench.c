/* bench.c — anli side by side with less, on the same case text, in a pty of
 * 120x40 (make bench).  Prints each measure for both and the ratio:
 *   time to the first complete frame (output quiet for 300 ms),
 *   bytes written per one-line scroll (anli zoomed, less),
 *   bytes per page-down,
 *   peak RSS.
 * The harness answers the cursor-position query (ESC[6n) as a terminal
 * would.  Figures, not assertions: these machines are noisy. */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct proc {
	pid_t pid;
	int fd;
	long bytes;     /* total output read */
	double last;    /* time of the last byte */
};

/* Read until the output has been quiet for quiet_ms (or max_ms passed).
 * Returns the bytes read. */
static long drain(struct proc *p, int quiet_ms, int max_ms)
{
	char buf[65536];
	long got = 0;
	double start = now();
	for (;;) {
		struct pollfd pf = {.fd = p->fd, .events = POLLIN};
		int r = poll(&pf, 1, quiet_ms);
		if (r <= 0)
			break;
		ssize_t n = read(p->fd, buf, sizeof buf);
		if (n <= 0)
			break;
		/* answer the cursor position query: “ is 1 column wide here */
		if (memmem(buf, (size_t)n, "\x1b[6n", 4) && write(p->fd, "\x1b[1;2R", 6) < 0)
			break;
		got += n;
		p->bytes += n;
		if (getenv("BENCH_DUMP")) {
			FILE *f = fopen(getenv("BENCH_DUMP"), "a");
			if (f) {
				fprintf(f, "\n--- %zd bytes\n", n);
				fwrite(buf, 1, (size_t)n, f);
				fclose(f);
			}
		}
		p->last = now();
		if ((now() - start) * 1000 > max_ms)
			break;
	}
	return got;
}

static struct proc spawn(char *const argv[], double *t0)
{
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	struct proc p = {0};
	*t0 = now();
	p.pid = forkpty(&p.fd, NULL, NULL, &ws);
	if (p.pid < 0) {
		perror("forkpty");
		exit(2);
	}
	if (p.pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("LESSHISTFILE", "-", 1);
		unsetenv("LESS");
		execvp(argv[0], argv);
		_exit(127);
	}
	return p;
}

static void key(struct proc *p, const char *k)
{
	if (getenv("BENCH_DUMP")) {
		FILE *f = fopen(getenv("BENCH_DUMP"), "a");
		if (f) {
			fprintf(f, "\n=== key %s\n", k);
			fclose(f);
		}
	}
	if (write(p->fd, k, strlen(k)) < 0)
		perror("write");
}

static long finish(struct proc *p)
{
	key(p, "q");
	drain(p, 200, 2000);
	struct rusage ru;
	int st;
	if (wait4(p->pid, &st, 0, &ru) < 0)
		return -1;
	close(p->fd);
	return ru.ru_maxrss; /* KiB */
}

struct result {
	double first_ms;
	double line_bytes, page_bytes;
	long rss_kb;
};

static struct result measure(char *const argv[], const char *zoom, int lines, int pages)
{
	struct result r = {0};
	double t0;
	struct proc p = spawn(argv, &t0);
	drain(&p, 300, 5000);
	r.first_ms = (p.last - t0) * 1000;
	if (zoom) {
		key(&p, zoom);
		drain(&p, 150, 2000);
	}
	/* page-down from the top, each time a full page of new text */
	long total = 0;
	for (int i = 0; i < pages; i++) {
		key(&p, "g");
		drain(&p, 60, 1000);
		key(&p, " ");
		total += drain(&p, 60, 1000);
	}
	r.page_bytes = (double)total / pages;
	key(&p, "g");
	drain(&p, 60, 1000);
	total = 0;
	for (int i = 0; i < lines; i++) {
		key(&p, "j");
		total += drain(&p, 60, 1000);
	}
	r.line_bytes = (double)total / lines;
	r.rss_kb = finish(&p);
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench ANLI_BINARY TEXTFILE [CASE]\n");
		return 2;
	}
	int casen = argc > 3 ? atoi(argv[3]) : 1;
	signal(SIGPIPE, SIG_IGN);
	/* the same case: anli opens case N from the command line, with a state
	 * file of its own (nothing resumed, the user's own never touched) */
	char casearg[16], state[] = "/tmp/anli-bench-state.XXXXXX";
	snprintf(casearg, sizeof casearg, "%d", casen > 0 ? casen : 1);
	int sfd = mkstemp(state);
	if (sfd < 0) {
		perror("bench: mkstemp");
		return 2;
	}
	close(sfd);
	unlink(state); /* the reader creates it */
	setenv("ANLI_STATE", getenv("BENCH_STATE") ? getenv("BENCH_STATE") : state, 1);
	char *anli_argv[] = {argv[1], casearg, NULL};
	char *less_argv[] = {"less", "-R", argv[2], NULL};
	int lines = 20, pages = 5;
	char zoom[256] = "z";
	struct result a = measure(anli_argv, zoom, lines, pages);
	struct result l = measure(less_argv, NULL, lines, pages);
	printf("anli vs less, the text of case %d, 120x40 pty (%d one-line scrolls, %d page-downs)\n", casen, lines,
	       pages);
	printf("%-34s %12s %12s %8s %8s\n", "measure", "anli", "less", "ratio", "target");
	printf("%-34s %12.1f %12.1f %8.2f %8s\n", "first complete frame (ms)", a.first_ms, l.first_ms,
	       a.first_ms / l.first_ms, "<=1.5");
	printf("%-34s %12.1f %12.1f %8.2f %8s\n", "bytes per one-line scroll (zoomed)", a.line_bytes, l.line_bytes,
	       a.line_bytes / l.line_bytes, "<=1.5");
	printf("%-34s %12.1f %12.1f %8.2f %8s\n", "bytes per page-down", a.page_bytes, l.page_bytes,
	       a.page_bytes / l.page_bytes, "-");
	printf("%-34s %12ld %12ld %8.2f %8s\n", "peak RSS (KiB)", a.rss_kb, l.rss_kb,
	       (double)a.rss_kb / (double)l.rss_kb, "<=3");
	printf("(first frame: from the start of the process to the last byte before 300 ms of quiet; "
	       "anli zoomed, as for reading)\n");
	/* the reader's state file and its companions */
	const char *const ext[] = {"", "-wal", "-shm", "-journal", ".lock"};
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		char path[64];
		snprintf(path, sizeof path, "%s%s", state, ext[i]);
		unlink(path);
	}
	return 0;
}
