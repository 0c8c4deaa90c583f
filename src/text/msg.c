/* msg.c — see msg.h */
#include "anli/msg.h"

#include "anli/layout.h"
#include "anli/util.h"

#include <stdio.h>
#include <stdlib.h>

void msg_verror(const char *prog, const char *fmt, va_list ap)
{
	char buf[4096]; /* longer messages are cut: a message is one line */
	vsnprintf(buf, sizeof buf, fmt, ap);
	size_t n = 0;
	while (buf[n])
		n++;
	size_t len;
	char *clean = lay_sanitize(buf, n, &len);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", prog, clean);
	free(clean);
}

void msg_error(const char *prog, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_verror(prog, fmt, ap);
	va_end(ap);
}
