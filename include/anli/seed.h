/* seed.h — the raw seed texts in data/raw/ (PDF extractions, kept byte for
 * byte): line access, printed page numbers, and print-artifact removal for the
 * provenance check.  No SQLite, no curses. */
#ifndef ANLI_SEED_H
#define ANLI_SEED_H

#include "anli/util.h"

struct seed {
	char *id;    /* "002" */
	char *path;  /* data/raw/002_….txt */
	char *buf;
	char **line; /* line[1..nlines], NUL-terminated, newline removed */
	int nlines;
	int *page;   /* page[1..nlines]: printed page, 0 where the seed does not prove it */
	int page_max_lines; /* body lines of the fullest proven page (0: none proven) */
};

/* Load RAWDIR/ID_*.txt (the one file whose name starts with "ID_").  Returns
 * -1 with err set when it is missing, ambiguous or unreadable. */
int seed_load(const char *rawdir, const char *id, struct seed *s, struct anli_err *err);
void seed_free(struct seed *s);

/* Is line n a running head ("015|全国园区科协典型案例汇编" or
 * "全国园区科协典型案例汇编 |116")?  Returns the page number or 0. */
int seed_running_head(const char *line);

/* Append to out the body text of lines first..last with print artifacts
 * removed: blank lines, running heads, vertical chapter tabs (runs of
 * one-character lines), chapter dividers ("第二篇" and, when it is one of
 * chapter_titles, the title line after it), the first copy of each doubled
 * bold lead, and leading markdown '#' marks.  Lines are concatenated without
 * separators.  chapter_titles is a NULL-terminated list (may be NULL). */
void seed_body(const struct seed *s, int first, int last, const char *const *chapter_titles,
	       struct sbuf *out);

/* Length in bytes of a doubled lead at the start of s ("X。X。…" where X is
 * 4 to 60 characters followed by 。！？), i.e. of the first copy; 0 if none.
 * (Leads the extraction doubled in other shapes — split over two lines, or
 * ending in ，— are recorded as duplicate blocks in the sources.) */
size_t seed_doubled_lead(const char *s);

#endif
