/* follow_msg.c — the pure half of follow.h: the line protocol, the checks of
 * the socket directory, socket names.  No I/O. */
#include "anli/follow.h"

#include "anli/i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "anli-present"
#define VERSION 1

static int deck_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
	       c == '_' || c == '.' || c == ':' || c == '-' || c == ',';
}

static int deck_ok(const char *d)
{
	if (!*d)
		return 0;
	for (; *d; d++)
		if (!deck_char(*d))
			return 0;
	return 1;
}

int follow_format(const struct follow_state *s, char *buf, size_t size, struct anli_err *err)
{
	if (!deck_ok(s->deck))
		return anli_err_set(err, _("deck '%s': not a list of item ids"), s->deck);
	if (s->cols < 1 || s->rows < 1 || s->slide < 1 || s->total < s->slide || s->elapsed < 0 ||
	    s->duration < 0 || (s->ambi != 1 && s->ambi != 2) || s->footer < 0 || s->footer > s->rows || s->step < -1)
		return anli_err_set(err, _("presentation state out of range (slide %d of %d)"), s->slide, s->total);
	int n = snprintf(buf, size,
			 MAGIC " %d deck=%s size=%dx%d footer=%d ambi=%d slide=%d total=%d step=%d elapsed=%ld"
			       " duration=%ld paused=%d blank=%d\n",
			 VERSION, s->deck, s->cols, s->rows, s->footer, s->ambi, s->slide, s->total, s->step, s->elapsed,
			 s->duration, s->paused ? 1 : 0, s->blank ? 1 : 0);
	if (n < 0 || (size_t)n >= size || n >= FOLLOW_LINE_MAX)
		return anli_err_set(err, _("deck '%.40s…': too long for one line"), s->deck);
	return n;
}

/* A whole decimal number in [lo, hi]. */
static int number(const char *v, long lo, long hi, long *out)
{
	if (*v < '0' || *v > '9')
		return -1;
	errno = 0;
	char *end;
	long x = strtol(v, &end, 10);
	if (errno || *end || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

/* One key=value field into s; unknown keys are ignored. */
static int field(const char *key, const char *v, struct follow_state *s, unsigned *seen)
{
	long x, y;
	if (!strcmp(key, "deck")) {
		if (!deck_ok(v) || strlen(v) >= sizeof s->deck)
			return -1;
		strcpy(s->deck, v);
		*seen |= 1;
	} else if (!strcmp(key, "size")) {
		const char *xp = strchr(v, 'x');
		char w[16];
		if (!xp || (size_t)(xp - v) >= sizeof w)
			return -1;
		memcpy(w, v, (size_t)(xp - v));
		w[xp - v] = '\0';
		if (number(w, 1, 10000, &x) || number(xp + 1, 1, 10000, &y))
			return -1;
		s->cols = (int)x;
		s->rows = (int)y;
		*seen |= 2;
	} else if (!strcmp(key, "footer")) {
		if (number(v, 0, 10000, &x))
			return -1;
		s->footer = (int)x;
	} else if (!strcmp(key, "step")) {
		if (!strcmp(v, "-1"))
			s->step = -1;
		else if (number(v, 0, INT_MAX, &x))
			return -1;
		else
			s->step = (int)x;
	} else if (!strcmp(key, "blank")) {
		if (number(v, 0, 1, &x))
			return -1;
		s->blank = (int)x;
	} else if (!strcmp(key, "ambi")) {
		if (number(v, 1, 2, &x))
			return -1;
		s->ambi = (int)x;
	} else if (!strcmp(key, "slide")) {
		if (number(v, 1, INT_MAX, &x))
			return -1;
		s->slide = (int)x;
		*seen |= 4;
	} else if (!strcmp(key, "total")) {
		if (number(v, 1, INT_MAX, &x))
			return -1;
		s->total = (int)x;
		*seen |= 8;
	} else if (!strcmp(key, "elapsed")) {
		if (number(v, 0, LONG_MAX, &s->elapsed))
			return -1;
	} else if (!strcmp(key, "duration")) {
		if (number(v, 0, LONG_MAX, &s->duration))
			return -1;
	} else if (!strcmp(key, "paused")) {
		if (number(v, 0, 1, &x))
			return -1;
		s->paused = (int)x;
	}
	return 0;
}

int follow_parse(const char *line, struct follow_state *s, struct anli_err *err)
{
	size_t len = strlen(line);
	if (len && line[len - 1] == '\n')
		len--;
	if (len >= FOLLOW_LINE_MAX)
		return anli_err_set(err, _("presentation message too long (%zu bytes)"), len);
	char buf[FOLLOW_LINE_MAX];
	memcpy(buf, line, len);
	buf[len] = '\0';
	memset(s, 0, sizeof *s);
	s->ambi = 1;
	s->step = -1;
	char *save = NULL, *tok = strtok_r(buf, " ", &save);
	if (!tok || strcmp(tok, MAGIC))
		return anli_err_set(err, "%s", _("not an anli presentation"));
	tok = strtok_r(NULL, " ", &save);
	long v;
	if (!tok || number(tok, 0, INT_MAX, &v))
		return anli_err_set(err, "%s", _("presentation message without a version"));
	if (v != VERSION)
		return anli_err_set(err, _("presentation protocol version %ld is not supported (this anli speaks %d)"),
				    v, VERSION);
	unsigned seen = 0;
	while ((tok = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(tok, '=');
		if (!eq)
			return anli_err_set(err, _("presentation message: bad field '%.60s'"), tok);
		*eq = '\0';
		if (field(tok, eq + 1, s, &seen))
			return anli_err_set(err, _("presentation message: bad %s=%.60s"), tok, eq + 1);
	}
	if (seen != 15)
		return anli_err_set(err, "%s", _("presentation message: deck, size, slide or total missing"));
	if (s->footer > s->rows)
		return anli_err_set(err, _("presentation message: footer=%d on %d rows"), s->footer, s->rows);
	if (s->slide > s->total)
		return anli_err_set(err, _("presentation message: slide %d of %d"), s->slide, s->total);
	return 0;
}

int follow_dir_ok(const char *path, const struct stat *st, uid_t uid, struct anli_err *err)
{
	if (S_ISLNK(st->st_mode))
		return anli_err_set(err, _("%s: is a symbolic link; refusing to use it for presentation sockets"), path);
	if (!S_ISDIR(st->st_mode))
		return anli_err_set(err, _("%s: not a directory; refusing to use it for presentation sockets"), path);
	if (st->st_uid != uid)
		return anli_err_set(err, _("%s: owned by uid %ld, not by you (uid %ld); refusing to use it for presentation sockets"),
				    path, (long)st->st_uid, (long)uid);
	if (st->st_mode & 077)
		return anli_err_set(err, _("%s: mode %03o lets others in (it must be 0700); refusing to use it for presentation sockets"),
				    path, (unsigned)(st->st_mode & 0777));
	return 0;
}

pid_t follow_name_pid(const char *name)
{
	static const char pre[] = "present-", suf[] = ".sock";
	size_t n = strlen(name);
	if (n <= sizeof pre - 1 + sizeof suf - 1 || strncmp(name, pre, sizeof pre - 1) ||
	    strcmp(name + n - (sizeof suf - 1), suf))
		return 0;
	char digits[24];
	size_t d = n - (sizeof pre - 1) - (sizeof suf - 1);
	if (d >= sizeof digits)
		return 0;
	memcpy(digits, name + sizeof pre - 1, d);
	digits[d] = '\0';
	long v;
	if (number(digits, 1, INT_MAX, &v))
		return 0;
	return (pid_t)v;
}
