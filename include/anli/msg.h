/* msg.h — how a program reports a message (text layer).
 *
 * Every message printed goes through msg_error, which passes it through the
 * same sanitiser as the text the reader shows (lay_sanitize): a message can
 * quote a database path, a schema name inside an SQLite error, a source line
 * or a user's argument, and none of them may reach the terminal raw.
 * Control characters (a newline too) become visible stand-ins, so a message
 * is always exactly one line. */
#ifndef ANLI_MSG_H
#define ANLI_MSG_H

#include <stdarg.h>

/* Write "PROG: MESSAGE\n" to stderr, MESSAGE formatted then sanitised.
 * PROG is the program's name ("anli", "anli-build"). */
void msg_error(const char *prog, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void msg_verror(const char *prog, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
