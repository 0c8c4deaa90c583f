/* pager.c — output through $PAGER, as git does (see cmd.h): only when
 * standard output is a terminal, `less` with LESS=FRX when $PAGER and
 * $LESS are unset, no pager when $PAGER is empty or "cat" or cannot be
 * started (then the output is printed directly), and a reader who quits
 * the pager before the end is no error. */
#include "cmd.h"

#include "anli/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Is the first word of the shell command `cmd` a program that can be run
 * (a path, or a name found in $PATH)?  Checked before starting it, so that
 * a missing pager means printing directly, not printing nothing. */
static int can_run(const char *cmd)
{
	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	size_t n = strcspn(cmd, " \t\n;|&<>()$`\\\"'");
	if (n == 0)
		return 0;
	char *word = xstrndup(cmd, n);
	int ok = 0;
	if (strchr(word, '=')) {
		ok = 1; /* VAR=value pager: the shell's to run */
	} else if (strchr(word, '/')) {
		ok = access(word, X_OK) == 0;
	} else {
		const char *path = getenv("PATH");
		if (!path || !*path)
			path = "/usr/local/bin:/usr/bin:/bin";
		while (!ok && *path) {
			size_t d = strcspn(path, ":");
			struct sbuf f;
			sbuf_init(&f);
			if (d)
				sbuf_addn(&f, path, d);
			else
				sbuf_addc(&f, '.');
			sbuf_printf(&f, "/%s", word);
			ok = access(f.s, X_OK) == 0;
			sbuf_free(&f);
			path += d + (path[d] == ':');
		}
	}
	free(word);
	return ok;
}

static pid_t pager_pid = -1;

int pager_start(void)
{
	const char *pager = getenv("PAGER");
	if (!pager)
		pager = "less";
	if (!*pager || !strcmp(pager, "cat") || !can_run(pager))
		return -1;
	int fd[2], status[2];
	if (pipe(fd))
		return -1;
	/* the child reports a failed exec through a pipe closed on exec */
	if (pipe(status)) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	fcntl(status[1], F_SETFD, FD_CLOEXEC);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]), close(fd[1]), close(status[0]), close(status[1]);
		return -1;
	}
	if (pid == 0) {
		close(status[0]);
		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		int e = errno;
		if (write(status[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(fd[0]);
	close(status[1]);
	int e;
	ssize_t got;
	while ((got = read(status[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(status[0]);
	if (got > 0) { /* no shell: print directly */
		close(fd[1]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	if (dup2(fd[1], 1) < 0) {
		close(fd[1]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(fd[1]);
	/* a pager quit early is a closed pipe: EPIPE, not a signal */
	signal(SIGPIPE, SIG_IGN);
	pager_pid = pid;
	return 0;
}

void pager_finish(void)
{
	if (pager_pid < 0)
		return;
	fflush(stdout);
	close(1);
	/* Ctrl-C in the pager goes to us too: wait for it, as git does */
	void (*oldint)(int) = signal(SIGINT, SIG_IGN);
	void (*oldquit)(int) = signal(SIGQUIT, SIG_IGN);
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
	signal(SIGINT, oldint);
	signal(SIGQUIT, oldquit);
	pager_pid = -1;
}

int pager_active(void)
{
	return pager_pid >= 0;
}
