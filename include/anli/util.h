/* util.h — error convention, growable buffers, files.
 *
 * Error convention (whole project): a fallible function returns 0 on success
 * and -1 on failure, after writing a one-line message (no trailing newline,
 * naming the file or value at fault) into the caller's struct anli_err.  The
 * caller decides how to report it.  Functions that cannot fail return void or
 * a value; allocation failure aborts (xmalloc). */
#ifndef ANLI_UTIL_H
#define ANLI_UTIL_H

#include <stdarg.h>
#include <stddef.h>

struct anli_err {
	char msg[1024];
};

/* Write a formatted message into err (if err is not NULL).  Returns -1 so that
 * `return anli_err_set(err, ...)` reads naturally. */
int anli_err_set(struct anli_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated after any append. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_init(struct sbuf *b);
void sbuf_free(struct sbuf *b);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Detach the string (caller frees); b is reset to empty. */
char *sbuf_take(struct sbuf *b);

/* Read a whole file into a NUL-terminated buffer; *len gets its size.
 * Returns NULL and sets err ("PATH: reason") on failure. */
char *util_read_file(const char *path, size_t *len, struct anli_err *err);

/* Copy the UTF-8 string s[0..n), passing every code point through map
 * (invalid bytes arrive as U+FFFD).  Returns a new NUL-terminated string;
 * *outlen (if not NULL) gets its length. */
char *util_map_utf8(const char *s, size_t n, unsigned int (*map)(unsigned int), size_t *outlen);

/* Byte offset in the NUL-terminated UTF-8 string s of the code point `cps`
 * code points on (or of the NUL, if s is shorter).  An invalid sequence
 * counts as one code point, as u8_mbtouc and util_map_utf8 count it.  Reads
 * no further than that code point: cost O(cps), not O(strlen(s)). */
size_t util_utf8_skip(const char *s, size_t cps);

/* Is cp a Han character (a CJK unified or compatibility ideograph)? */
int util_is_han(unsigned int cp);

/* The book's build fingerprint: FNV-1a 64 over every block's id, lines and
 * text in reading order (each followed by the byte 0xff, which no UTF-8 text
 * holds), as 16 hex digits.  The builder stores it in meta; the model reads
 * it (or computes it with this query for an older book). */
#define UTIL_FNV64_INIT 0xcbf29ce484222325ULL
#define UTIL_FINGERPRINT_SQL                                                                   \
	"SELECT b.id, b.lines, b.text FROM block b JOIN item i ON i.id = b.item_id"            \
	" ORDER BY i.ord, b.ord"
void util_fnv64(unsigned long long *h, const char *s);

#endif
