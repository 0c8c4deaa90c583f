/* names.h — how the parts of the book are named and shown, each in one place
 * (text layer: pure, no SQLite, no curses).  The builder, the model, the CLI
 * and the reader all call these, so the byline stored for search is the
 * byline shown, and a block kind is spelled the same everywhere. */
#ifndef ANLI_NAMES_H
#define ANLI_NAMES_H

#include "anli/util.h"

/* Append an item's byline: a case's organisation, an article's author and
 * role, the present parts joined by one space (nothing when all are NULL or
 * empty). */
void names_byline(struct sbuf *out, const char *org, const char *author, const char *role);

/* Append a chapter's label as lists and headers show it: "第三篇 人才培养",
 * or, when the source prints no label, the chapter number: "2 深入实施…". */
void names_chapter_label(struct sbuf *out, const char *label, int number, const char *title);

/* Block kinds: the one-letter code (the builder's source format and
 * enum model_block_kind: h, s, p, c) and the name stored in the database and
 * printed in JSON (heading, subheading, paragraph, caption). */
const char *names_block_kind(int code); /* NULL for an unknown code */
int names_block_code(const char *name); /* 0 for NULL or an unknown name */

#endif
