/* parse.h — private to the source parsers (source.c, item.c, parse.c).
 * Errors follow util.h's convention, "FILE:LINE: message". */
#ifndef ANLI_PARSE_H
#define ANLI_PARSE_H

#include "anli/source.h"
#include "anli/util.h"

/* Check a value: valid UTF-8, not empty, no C0/C1 control character, no
 * bidirectional override or isolate.  0, or -1 with err set. */
int parse_check_text(const char *file, int line, const char *s, struct anli_err *err);
/* Read a source file whole: no NUL byte, no CR without LF (FILE:LINE
 * errors).  A malloc'd NUL-terminated buffer, or NULL with err set. */
char *parse_read(const char *path, struct anli_err *err);
/* A decimal integer in [lo, hi], the whole string; 0, or -1. */
int parse_int(const char *s, int lo, int hi, int *out);
/* Store a checked copy of v in *slot unless one is there ("@KEY given twice"). */
int parse_set_once(char **slot, const char *v, const char *file, int line, const char *key,
		   struct anli_err *err);
/* Split "WORD REST" in place at the first space; returns REST ("" if none). */
char *parse_word(char *s);
/* The next line of a buffer, NUL-terminated in place (a trailing CR
 * removed), or NULL at the end. */
char *parse_next_line(char **cursor);

/* Parse item file PATH into *it.  -1 with err set and *it empty on failure. */
int parse_item(const char *path, struct src_item *it, struct anli_err *err);
void parse_item_free(struct src_item *it);

#endif
