/* follow.c — the sockets of follow.h: the directory, the presenter's
 * non-blocking server, the follower's connection.  The line protocol and
 * the checks are in follow_msg.c. */
#include "anli/follow.h"

#include "anli/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* SIGPIPE is ignored by follow_listen as well */
#endif

/* --- the directory ---------------------------------------------------------- */

static int check_dir(const char *path, int create, struct anli_err *err)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT || !create)
			return anli_err_set(err, "%s: %s", path, strerror(errno));
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			return anli_err_set(err, "%s: %s", path, strerror(errno));
		if (lstat(path, &st) != 0)
			return anli_err_set(err, "%s: %s", path, strerror(errno));
	}
	if (follow_dir_ok(path, &st, geteuid(), err)) {
		errno = EPERM; /* there, but not safe (follow_find tells it from missing) */
		return -1;
	}
	return 0;
}

/* The directory without XDG_RUNTIME_DIR: $TMPDIR (absolute) or /tmp, then
 * anli-UID.  Returns 0, or -1 when too long. */
static int tmp_dir(char *buf, size_t size)
{
	const char *t = getenv("TMPDIR");
	if (!t || t[0] != '/')
		t = "/tmp";
	int n = snprintf(buf, size, "%s/anli-%ld", t, (long)geteuid());
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int follow_dir(char *buf, size_t size, int create, struct anli_err *err)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && xdg[0] == '/') {
		int n = snprintf(buf, size, "%s/anli", xdg);
		if (n < 0 || (size_t)n >= size)
			return anli_err_set(err, _("%s: socket directory path too long"), xdg);
	} else if (tmp_dir(buf, size)) {
		return anli_err_set(err, "%s", _("$TMPDIR: socket directory path too long"));
	}
	return check_dir(buf, create, err);
}

static int sock_path(struct sockaddr_un *sa, const char *dir, pid_t pid, struct anli_err *err)
{
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	int n = snprintf(sa->sun_path, sizeof sa->sun_path, "%s/present-%ld.sock", dir, (long)pid);
	if (n < 0 || (size_t)n >= sizeof sa->sun_path)
		return anli_err_set(err, _("%s: too long for a socket path (at most %zu bytes)"), dir,
				    sizeof sa->sun_path - 20);
	return 0;
}

static int nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* --- the presenter ------------------------------------------------------------ */

struct client {
	int fd;                       /* -1: a free slot */
	char rest[FOLLOW_LINE_MAX];   /* the unsent rest of a line begun */
	size_t off, len;
	int stale;                    /* the latest state is still to be sent */
};

struct follow_server {
	int fd;
	struct sockaddr_un sa;
	char last[FOLLOW_LINE_MAX];   /* the latest line, sent on connect */
	int last_len;
	struct client c[FOLLOW_MAX];
};

struct follow_server *follow_listen(struct anli_err *err)
{
	char dir[256];
	if (follow_dir(dir, sizeof dir, 1, err))
		return NULL;
	struct follow_server *srv = xcalloc(1, sizeof *srv);
	for (int i = 0; i < FOLLOW_MAX; i++)
		srv->c[i].fd = -1;
	if (sock_path(&srv->sa, dir, getpid(), err)) {
		free(srv);
		return NULL;
	}
	/* a follower gone mid-write must not kill the presenter */
	signal(SIGPIPE, SIG_IGN);
	srv->fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (srv->fd < 0 || nonblock(srv->fd)) {
		anli_err_set(err, "%s: %s", srv->sa.sun_path, strerror(errno));
		goto fail;
	}
	unlink(srv->sa.sun_path); /* a stale one of an earlier process with our pid */
	mode_t old = umask(0177);
	int b = bind(srv->fd, (struct sockaddr *)&srv->sa, sizeof srv->sa);
	umask(old);
	if (b != 0 || listen(srv->fd, FOLLOW_MAX) != 0) {
		anli_err_set(err, "%s: %s", srv->sa.sun_path, strerror(errno));
		goto fail;
	}
	return srv;
fail:
	if (srv->fd >= 0)
		close(srv->fd);
	free(srv);
	return NULL;
}

const char *follow_server_path(const struct follow_server *srv)
{
	return srv->sa.sun_path;
}

static void drop(struct client *c)
{
	close(c->fd);
	c->fd = -1;
	c->len = c->off = 0;
	c->stale = 0;
}

/* Send what the follower is owed, as far as its socket takes it now. */
static void flush(struct follow_server *srv, struct client *c)
{
	for (;;) {
		if (c->off == c->len) {
			if (!c->stale || srv->last_len <= 0)
				return;
			memcpy(c->rest, srv->last, (size_t)srv->last_len);
			c->off = 0;
			c->len = (size_t)srv->last_len;
			c->stale = 0;
		}
		ssize_t w = send(c->fd, c->rest + c->off, c->len - c->off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return; /* not reading: it keeps this line's rest and the latest */
		if (w <= 0) {
			drop(c);
			return;
		}
		c->off += (size_t)w;
	}
}

void follow_publish(struct follow_server *srv, const struct follow_state *s)
{
	char line[FOLLOW_LINE_MAX];
	struct anli_err err;
	int n = follow_format(s, line, sizeof line, &err);
	if (n < 0 || (n == srv->last_len && !memcmp(line, srv->last, (size_t)n)))
		return;
	memcpy(srv->last, line, (size_t)n);
	srv->last_len = n;
	for (int i = 0; i < FOLLOW_MAX; i++)
		if (srv->c[i].fd >= 0) {
			srv->c[i].stale = 1;
			flush(srv, &srv->c[i]);
		}
}

int follow_tick(struct follow_server *srv)
{
	for (;;) {
		int fd = accept(srv->fd, NULL, NULL);
		if (fd < 0 && errno == EINTR)
			continue;
		if (fd < 0)
			break; /* EAGAIN: nobody waiting (or an error: try next tick) */
		int i = 0;
		while (i < FOLLOW_MAX && srv->c[i].fd >= 0)
			i++;
		if (i == FOLLOW_MAX || nonblock(fd)) {
			close(fd); /* turned away: the follower sees the presenter hang up */
			continue;
		}
		srv->c[i].fd = fd;
		srv->c[i].stale = 1;
	}
	int n = 0;
	for (int i = 0; i < FOLLOW_MAX; i++) {
		struct client *c = &srv->c[i];
		if (c->fd < 0)
			continue;
		/* followers send nothing: a readable socket is one that hung up */
		char junk[64];
		ssize_t r = recv(c->fd, junk, sizeof junk, MSG_DONTWAIT);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
			drop(c);
			continue;
		}
		flush(srv, c);
		n += c->fd >= 0;
	}
	return n;
}

void follow_close(struct follow_server *srv)
{
	if (!srv)
		return;
	for (int i = 0; i < FOLLOW_MAX; i++)
		if (srv->c[i].fd >= 0)
			drop(&srv->c[i]);
	close(srv->fd);
	unlink(srv->sa.sun_path);
	free(srv);
}

/* --- the follower ----------------------------------------------------------------- */

/* Scan one socket directory for the presentation wanted (see follow_find),
 * keeping the best so far in *best, *mtime and bestdir. */
static void scan(const char *dir, pid_t pid, pid_t *best, time_t *mtime, char *bestdir, size_t size)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		pid_t p = follow_name_pid(e->d_name);
		if (!p)
			continue;
		char full[512];
		struct stat st;
		int n = snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
		if (n < 0 || (size_t)n >= sizeof full || lstat(full, &st) != 0 || !S_ISSOCK(st.st_mode))
			continue;
		if (kill(p, 0) != 0 && errno == ESRCH) {
			unlink(full); /* its process is gone: a stale socket */
			continue;
		}
		if (pid ? p == pid : (!*best || st.st_mtime > *mtime || (st.st_mtime == *mtime && p > *best))) {
			*best = p;
			*mtime = st.st_mtime;
			if (snprintf(bestdir, size, "%s", dir) >= (int)size)
				*best = 0; /* cannot happen: dir is one of follow_find's */
		}
	}
	closedir(d);
}

int follow_find(pid_t pid, char *path, size_t size, pid_t *found, struct anli_err *err)
{
	/* the socket directory, and (XDG_RUNTIME_DIR set) $TMPDIR/anli-UID too:
	 * a presentation started where XDG_RUNTIME_DIR was not set (su, an
	 * old tmux server's environment) is found as well */
	char dirs[2][256], bestdir[256] = "";
	int ndirs = 0, unsafe = 0;
	struct anli_err derr;
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && xdg[0] == '/')
		snprintf(dirs[ndirs++], sizeof dirs[0], "%.240s/anli", xdg);
	if (tmp_dir(dirs[ndirs], sizeof dirs[0]) == 0)
		ndirs++;
	pid_t best = 0;
	time_t mtime = 0;
	for (int i = 0; i < ndirs; i++) {
		if (check_dir(dirs[i], 0, &derr)) {
			if (errno != ENOENT && !unsafe++)
				*err = derr; /* there but not safe: said if nothing is found */
			continue;
		}
		scan(dirs[i], pid, &best, &mtime, bestdir, sizeof bestdir);
	}
	if (!best) {
		if (unsafe)
			return -1;
		if (pid)
			return anli_err_set(err, _("no presentation by process %ld (is it running, as this user?)"), (long)pid);
		return anli_err_set(err, "%s", _("no presentation is running (start one with 'anli present ID' in another terminal)"));
	}
	int n = snprintf(path, size, "%s/present-%ld.sock", bestdir, (long)best);
	if (n < 0 || (size_t)n >= size)
		return anli_err_set(err, _("%s: socket path too long"), bestdir);
	*found = best;
	return 0;
}

int follow_connect(struct follow_conn *c, const char *path, struct anli_err *err)
{
	c->n = 0;
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path)
		return anli_err_set(err, _("%s: too long for a socket path"), path);
	strcpy(sa.sun_path, path);
	c->fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (c->fd < 0)
		return anli_err_set(err, "%s: %s", path, strerror(errno));
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0 || nonblock(c->fd)) {
		anli_err_set(err, "%s: %s", path, strerror(errno));
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 0;
}

int follow_read(struct follow_conn *c, struct follow_state *s, struct anli_err *err)
{
	int got = 0;
	for (;;) {
		if (c->n == sizeof c->buf)
			return anli_err_set(err, "%s", _("presentation message too long"));
		ssize_t r = recv(c->fd, c->buf + c->n, sizeof c->buf - c->n, MSG_DONTWAIT);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return got;
		if (r <= 0)
			return anli_err_set(err, "%s", _("the presentation ended"));
		c->n += (size_t)r;
		/* every complete line; the last one wins */
		char *start = c->buf, *nl;
		while ((nl = memchr(start, '\n', c->n - (size_t)(start - c->buf)))) {
			*nl = '\0';
			if (follow_parse(start, s, err))
				return -1;
			got = 1;
			start = nl + 1;
		}
		c->n -= (size_t)(start - c->buf);
		memmove(c->buf, start, c->n);
	}
}

void follow_disconnect(struct follow_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->n = 0;
}
