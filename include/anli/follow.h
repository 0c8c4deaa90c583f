/* follow.h — the presenter view's transport (issue 13, item 7): a
 * presenting `anli present` publishes where it is; `anli present --follow`
 * (another login of the same user on the same host) follows it.
 *
 * Where: a Unix stream socket `present-PID.sock` in the socket directory,
 * $XDG_RUNTIME_DIR/anli when XDG_RUNTIME_DIR is set (absolute), else
 * $TMPDIR/anli-UID ($TMPDIR absolute, else /tmp).  The directory is created 0700 and must be a real
 * directory (not a symlink), owned by the user, with no group or other
 * permissions; anything else is refused with a message naming it.
 *
 * The protocol: one line per state, from the presenter to followers only,
 *   anli-present 1 deck=c27,c28 size=80x24 footer=1 ambi=1 slide=3 total=40
 *       step=-1 elapsed=125000 duration=1200 paused=0 blank=0\n
 * (one line; fields separated by one space; elapsed in milliseconds,
 * duration in seconds).  The follower recomputes the deck from the same ids
 * (the same book) at the presenter's size, footer rows and ambiguous width,
 * so that its slide numbers are the presenter's.  Unknown
 * keys are ignored (a later version may add some); a different version
 * number is refused.  The presenter sends the line on connect and on each
 * change; followers send nothing.
 *
 * The presenter is never slowed: the socket and every follower's connection
 * are non-blocking, writes use MSG_NOSIGNAL (no SIGPIPE), and a follower
 * that does not read keeps at most the rest of one line plus the latest
 * state pending — never a queue.  A follower that hangs up is dropped. */
#ifndef ANLI_FOLLOW_H
#define ANLI_FOLLOW_H

#include "anli/util.h"

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Longest line (the deck's ids included) */
#define FOLLOW_LINE_MAX 4096
/* Most followers of one presentation at once; more are turned away. */
#define FOLLOW_MAX 16

struct follow_state {
	char deck[FOLLOW_LINE_MAX / 2]; /* item ids, comma-separated: [A-Za-z0-9/_.:-] and ',' */
	int cols, rows;                 /* the presenter's screen */
	int footer;                     /* the rows its deck left for the footer */
	int ambi;                       /* its ambiguous width, 1 or 2 */
	int slide, total;               /* 1-based slide of the deck, and how many */
	int step;                       /* step reveal: groups 0..step shown; -1: all */
	long elapsed;                   /* milliseconds of the timer when sent */
	long duration;                  /* seconds of a countdown (--duration), 0: none */
	int paused;                     /* the timer is paused */
	int blank;                      /* the screen is blanked */
};

/* --- pure ---------------------------------------------------------------- */

/* The line for s (with its newline) into buf.  Returns its length, or -1
 * (err set) when a field is out of range or the deck holds a character
 * outside the set above. */
int follow_format(const struct follow_state *s, char *buf, size_t size, struct anli_err *err);

/* Parse one line (with or without its newline) into *s.  Returns 0, or -1
 * with err naming what is wrong ("not an anli presentation", "version 2 is
 * not supported", "bad slide=…"). */
int follow_parse(const char *line, struct follow_state *s, struct anli_err *err);

/* Is the directory described by st (from lstat of path) safe for the
 * sockets of user uid: a directory (not a symlink), owned by uid, mode
 * without group/other bits?  Returns 0, or -1 with err "PATH: reason". */
int follow_dir_ok(const char *path, const struct stat *st, uid_t uid, struct anli_err *err);

/* The pid of a socket file name "present-PID.sock", or 0 if it is not one. */
pid_t follow_name_pid(const char *name);

/* --- the socket directory -------------------------------------------------- */

/* The socket directory into buf (see above), created 0700 when missing when
 * create is set, and checked.  Returns 0, or -1 with err. */
int follow_dir(char *buf, size_t size, int create, struct anli_err *err);

/* --- the presenter's side ---------------------------------------------------- */

struct follow_server;

/* Listen on DIR/present-PID.sock (a stale file of that name replaced).
 * Returns the server, or NULL with err. */
struct follow_server *follow_listen(struct anli_err *err);
/* The socket's path (for messages and tests). */
const char *follow_server_path(const struct follow_server *srv);
/* The state changed: send it to every follower (and to later ones on
 * connect).  Never blocks; a state equal to the last one sent is not sent
 * again. */
void follow_publish(struct follow_server *srv, const struct follow_state *s);
/* Take in new followers, finish pending writes, drop followers that hung
 * up.  Never blocks; call it at least once a second (the presenter's
 * clock tick).  Returns the number of followers connected. */
int follow_tick(struct follow_server *srv);
/* Close every connection and remove the socket file.  NULL is ignored. */
void follow_close(struct follow_server *srv);

/* --- the follower's side ------------------------------------------------------- */

/* The socket of presentation pid (pid > 0), or of the newest one (pid 0:
 * the socket modified last, then the highest pid), into path: looked for in
 * the socket directory and, when that is $XDG_RUNTIME_DIR/anli, in
 * $TMPDIR/anli-UID as well (a presentation started without XDG_RUNTIME_DIR).
 * Sockets of processes that no longer exist are removed on the way.
 * *found gets its pid.  Returns 0, or -1 with err ("no presentation is
 * running", "no presentation by process PID", or a directory refused when
 * nothing was found elsewhere). */
int follow_find(pid_t pid, char *path, size_t size, pid_t *found, struct anli_err *err);

struct follow_conn {
	int fd;
	char buf[FOLLOW_LINE_MAX];
	size_t n;
};
/* Connect to the socket at path; the connection is non-blocking.  Returns
 * 0, or -1 with err. */
int follow_connect(struct follow_conn *c, const char *path, struct anli_err *err);
/* Read what has arrived, without blocking.  Returns 1 with *s the latest
 * complete state when one came, 0 when none did, -1 when the presenter
 * hung up (or sent a line that does not parse: err says which). */
int follow_read(struct follow_conn *c, struct follow_state *s, struct anli_err *err);
void follow_disconnect(struct follow_conn *c);

#endif
