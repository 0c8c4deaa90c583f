/* test_follow.c — the presenter view's transport (follow.h): the line
 * protocol, the socket directory's checks, socket names and stale sockets,
 * and two processes: a follower sees each slide change; a follower that
 * never reads does not block the presenter and later gets the latest state;
 * one that hangs up is dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/follow.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmp[256];

static void set_state(struct follow_state *s, int slide)
{
	memset(s, 0, sizeof *s);
	strcpy(s->deck, "c27,c28,book/3");
	s->cols = 80;
	s->rows = 24;
	s->footer = 1;
	s->ambi = 2;
	s->step = 2;
	s->blank = 1;
	s->slide = slide;
	s->total = 100000;
	s->elapsed = 125;
	s->duration = 1200;
	s->paused = 1;
}

static void test_format_parse(void **state)
{
	(void)state;
	struct follow_state s, t;
	struct anli_err err;
	char line[FOLLOW_LINE_MAX];
	set_state(&s, 3);
	int n = follow_format(&s, line, sizeof line, &err);
	assert_true(n > 0);
	assert_string_equal(line, "anli-present 1 deck=c27,c28,book/3 size=80x24 footer=1 ambi=2 slide=3 total=100000"
				  " step=2 elapsed=125 duration=1200 paused=1 blank=1\n");
	assert_int_equal(follow_parse(line, &t, &err), 0);
	assert_memory_equal(&s, &t, sizeof s);
	/* unknown keys are ignored; ambi defaults to 1 */
	assert_int_equal(follow_parse("anli-present 1 deck=c1 size=40x10 slide=1 total=1 colour=red", &t, &err), 0);
	assert_string_equal(t.deck, "c1");
	assert_int_equal(t.cols, 40);
	assert_int_equal(t.rows, 10);
	assert_int_equal(t.ambi, 1);
	assert_int_equal(t.step, -1);
	assert_int_equal(t.footer, 0);
	/* a deck that could break the line or the ids */
	strcpy(s.deck, "c27 slide=9");
	assert_int_equal(follow_format(&s, line, sizeof line, &err), -1);
	strcpy(s.deck, "");
	assert_int_equal(follow_format(&s, line, sizeof line, &err), -1);
	set_state(&s, 3);
	s.slide = 0;
	assert_int_equal(follow_format(&s, line, sizeof line, &err), -1);
}

static void test_parse_errors(void **state)
{
	(void)state;
	struct follow_state t;
	struct anli_err err;
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{"", "not an anli presentation"},
		{"hello 1 deck=c1", "not an anli presentation"},
		{"anli-present", "without a version"},
		{"anli-present 2 deck=c1 size=1x1 slide=1 total=1", "version 2 is not supported"},
		{"anli-present 1 deck=c1 size=80x24 slide=1", "missing"},
		{"anli-present 1 deck=c1 size=80 slide=1 total=1", "bad size=80"},
		{"anli-present 1 deck=c1 size=80x24 slide=-1 total=1", "bad slide=-1"},
		{"anli-present 1 deck=c1 size=80x24 slide=1x total=1", "bad slide=1x"},
		{"anli-present 1 deck=c1 size=80x24 slide=5 total=4", "slide 5 of 4"},
		{"anli-present 1 deck=c1;rm size=80x24 slide=1 total=1", "bad deck="},
		{"anli-present 1 deck=c1 size=80x24 slide=1 total=1 paused=2", "bad paused=2"},
		{"anli-present 1 deck=c1 size=80x24 slide=1 total=1 junk", "bad field 'junk'"},
		{"anli-present 1 deck=c1 size=80x24 slide=1 total=1 step=-2", "bad step=-2"},
		{"anli-present 1 deck=c1 size=80x24 slide=1 total=1 footer=25", "footer=25 on 24 rows"},
		{"anli-present 1 deck=c1 size=80x24 slide=1 total=99999999999999999999", "bad total="},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err.msg[0] = '\0';
		assert_int_equal(follow_parse(bad[i].line, &t, &err), -1);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("'%s': got '%s', want '%s'", bad[i].line, err.msg, bad[i].msg);
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(follow_name_pid("present-123.sock"), 123);
	assert_int_equal(follow_name_pid("present-.sock"), 0);
	assert_int_equal(follow_name_pid("present-12a.sock"), 0);
	assert_int_equal(follow_name_pid("present-12.socket"), 0);
	assert_int_equal(follow_name_pid("other-12.sock"), 0);
	assert_int_equal(follow_name_pid("present--1.sock"), 0);
	assert_int_equal(follow_name_pid("present-0.sock"), 0);
}

static void test_dir_ok(void **state)
{
	(void)state;
	struct anli_err err;
	struct stat st;
	memset(&st, 0, sizeof st);
	st.st_mode = S_IFDIR | 0700;
	st.st_uid = 1000;
	assert_int_equal(follow_dir_ok("/d", &st, 1000, &err), 0);
	assert_int_equal(follow_dir_ok("/d", &st, 1001, &err), -1);
	assert_non_null(strstr(err.msg, "/d: owned by uid 1000, not by you (uid 1001)"));
	st.st_mode = S_IFDIR | 0755;
	assert_int_equal(follow_dir_ok("/d", &st, 1000, &err), -1);
	assert_non_null(strstr(err.msg, "mode 755"));
	st.st_mode = S_IFDIR | 0710;
	assert_int_equal(follow_dir_ok("/d", &st, 1000, &err), -1);
	st.st_mode = S_IFLNK | 0777;
	assert_int_equal(follow_dir_ok("/d", &st, 1000, &err), -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	st.st_mode = S_IFREG | 0600;
	assert_int_equal(follow_dir_ok("/d", &st, 1000, &err), -1);
	assert_non_null(strstr(err.msg, "not a directory"));
}

/* follow_dir on the file system: created 0700, a loose or symlinked one refused. */
static void test_dir_real(void **state)
{
	(void)state;
	struct anli_err err;
	char d[256], want[300], sub[300];
	assert_true(snprintf(sub, sizeof sub, "%s/xdg", tmp) < (int)sizeof sub);
	assert_int_equal(mkdir(sub, 0700), 0);
	setenv("XDG_RUNTIME_DIR", sub, 1);
	setenv("TMPDIR", tmp, 1); /* follow_find looks in $TMPDIR/anli-UID too: ours */
	assert_true(snprintf(want, sizeof want, "%s/anli", sub) < (int)sizeof want);
	assert_int_equal(follow_dir(d, sizeof d, 0, &err), -1); /* not there, not created */
	assert_int_equal(follow_dir(d, sizeof d, 1, &err), 0);
	assert_string_equal(d, want);
	struct stat st;
	assert_int_equal(lstat(d, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	chmod(d, 0755);
	assert_int_equal(follow_dir(d, sizeof d, 1, &err), -1);
	assert_non_null(strstr(err.msg, "mode 755"));
	rmdir(want);
	char target[300];
	assert_true(snprintf(target, sizeof target, "%s/target", tmp) < (int)sizeof target);
	assert_int_equal(mkdir(target, 0700), 0);
	assert_int_equal(symlink(target, want), 0);
	assert_int_equal(follow_dir(d, sizeof d, 1, &err), -1);
	assert_non_null(strstr(err.msg, "symbolic link"));
	unlink(want);
	rmdir(target);
	/* the socket directory for the other tests */
	assert_int_equal(follow_dir(d, sizeof d, 1, &err), 0);
}

/* Read from fd until one byte comes (the other process's go-ahead). */
static char wait_byte(int fd)
{
	char c = 0;
	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	return c;
}

/* The follower's side: states until slide `want`, blocking in poll. */
static int follow_until(struct follow_conn *c, int want, struct follow_state *s)
{
	struct anli_err err;
	for (;;) {
		struct pollfd p = {.fd = c->fd, .events = POLLIN};
		poll(&p, 1, -1);
		int r = follow_read(c, s, &err);
		if (r < 0)
			return -1;
		if (r && s->slide == want)
			return 0;
	}
}

static void test_two_processes(void **state)
{
	(void)state;
	struct anli_err err;
	struct follow_server *srv = follow_listen(&err);
	if (!srv)
		fail_msg("%s", err.msg);
	int to_child[2], to_parent[2];
	assert_int_equal(pipe(to_child), 0);
	assert_int_equal(pipe(to_parent), 0);
	alarm(60); /* a hang fails the test instead of the suite */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(60); /* not inherited */
		/* the follower: finds the newest presentation, reports each slide */
		char path[256];
		pid_t found;
		struct follow_conn c;
		struct follow_state s;
		if (follow_find(0, path, sizeof path, &found, &err) || found != getppid() ||
		    follow_connect(&c, path, &err))
			_exit(2);
		for (int want = 1; want <= 3; want++) {
			if (follow_until(&c, want, &s))
				_exit(3);
			char b = (char)('0' + want);
			if (write(to_parent[1], &b, 1) != 1)
				_exit(4);
		}
		follow_disconnect(&c);
		_exit(0);
	}
	struct follow_state s;
	for (int slide = 1; slide <= 3; slide++) {
		set_state(&s, slide);
		follow_publish(srv, &s);
		/* ticks until the follower reports the slide */
		for (;;) {
			follow_tick(srv);
			struct pollfd p = {.fd = to_parent[0], .events = POLLIN};
			if (poll(&p, 1, 50) == 1)
				break;
		}
		assert_int_equal(wait_byte(to_parent[0]), '0' + slide);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* it hung up: dropped at a tick, and publishing does not kill us (SIGPIPE) */
	set_state(&s, 4);
	follow_publish(srv, &s);
	while (follow_tick(srv) != 0)
		;
	/* a stuck follower: connected, never reads until told */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(60);
		char path[256];
		pid_t found;
		struct follow_conn c;
		struct follow_state t;
		if (follow_find(getppid(), path, sizeof path, &found, &err) || follow_connect(&c, path, &err))
			_exit(2);
		if (write(to_parent[1], "c", 1) != 1)
			_exit(4);
		wait_byte(to_child[0]);
		_exit(follow_until(&c, 20000, &t) ? 3 : 0);
	}
	assert_int_equal(wait_byte(to_parent[0]), 'c');
	while (follow_tick(srv) != 1)
		;
	/* far more than any socket buffer holds: each call returns (or the
	 * alarm fails the test) and the follower is still there */
	strcpy(s.deck, "c1");
	for (int k = 0; k < 600; k++)
		strcat(s.deck, k ? ",c1" : "");
	for (int slide = 1; slide <= 20000; slide++) {
		s.slide = slide;
		follow_publish(srv, &s);
		follow_tick(srv);
	}
	assert_int_equal(follow_tick(srv), 1);
	/* now it reads: the latest state reaches it */
	assert_int_equal(write(to_child[1], "g", 1), 1);
	for (;;) {
		follow_tick(srv);
		int w = waitpid(pid, &status, WNOHANG);
		assert_true(w >= 0);
		if (w == pid)
			break;
		poll(NULL, 0, 10);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	alarm(0);
	char sock[256];
	snprintf(sock, sizeof sock, "%s", follow_server_path(srv));
	follow_close(srv);
	assert_int_equal(access(sock, F_OK), -1); /* removed on exit */
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
}

/* A socket left by a process that no longer exists is removed by a follower
 * looking for presentations. */
static void test_stale(void **state)
{
	(void)state;
	struct anli_err err;
	char d[256], path[256];
	assert_int_equal(follow_dir(d, sizeof d, 1, &err), 0);
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	int n = snprintf(sa.sun_path, sizeof sa.sun_path, "%s/present-%ld.sock", d, (long)dead);
	assert_true(n > 0 && (size_t)n < sizeof sa.sun_path);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	close(fd);
	assert_int_equal(access(sa.sun_path, F_OK), 0);
	pid_t found;
	assert_int_equal(follow_find(0, path, sizeof path, &found, &err), -1);
	assert_non_null(strstr(err.msg, "no presentation is running"));
	assert_int_equal(access(sa.sun_path, F_OK), -1);
	assert_int_equal(follow_find(dead, path, sizeof path, &found, &err), -1);
	assert_non_null(strstr(err.msg, "no presentation by process"));
}

/* A presentation started without XDG_RUNTIME_DIR (its socket in
 * $TMPDIR/anli-UID) is found by a follower that has it. */
static void test_fallback(void **state)
{
	(void)state;
	struct anli_err err;
	char xdg[256], path[256];
	snprintf(xdg, sizeof xdg, "%s", getenv("XDG_RUNTIME_DIR"));
	unsetenv("XDG_RUNTIME_DIR");
	struct follow_server *srv = follow_listen(&err);
	setenv("XDG_RUNTIME_DIR", xdg, 1);
	if (!srv)
		fail_msg("%s", err.msg);
	char want[300];
	assert_true(snprintf(want, sizeof want, "%s/anli-%ld/present-%ld.sock", tmp, (long)geteuid(), (long)getpid()) <
		    (int)sizeof want);
	assert_string_equal(follow_server_path(srv), want);
	pid_t found = 0;
	assert_int_equal(follow_find(0, path, sizeof path, &found, &err), 0);
	assert_int_equal(found, getpid());
	assert_string_equal(path, want);
	follow_close(srv);
	assert_int_equal(follow_find(0, path, sizeof path, &found, &err), -1);
}

int main(void)
{
	snprintf(tmp, sizeof tmp, "/tmp/anli-test-follow-XXXXXX");
	if (!mkdtemp(tmp))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_dir_ok),
		cmocka_unit_test(test_dir_real),
		cmocka_unit_test(test_two_processes),
		cmocka_unit_test(test_stale),
		cmocka_unit_test(test_fallback),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		r = 1;
	return r;
}
