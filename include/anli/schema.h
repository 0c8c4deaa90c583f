/* schema.h — what the builder writes and the reader checks: the book
 * database's identity.  Shared by the build and model layers (constants only).
 *
 * Tables (documented in README.md): meta, collection, chapter, item, section,
 * block, duplicate, erratum, search_doc, search_fts.  Every block has a stable
 * id "<item>:<kind><first seed line>" (kind h, s, p, c), so that state
 * anchored to it survives a rebuild, and a source reference (seed, line
 * ranges, printed pages where the seed proves them). */
#ifndef ANLI_SCHEMA_H
#define ANLI_SCHEMA_H

#define ANLI_APPLICATION_ID 0x414E4C49 /* "ANLI" */
/* 2: block.flag (signature, missing heading), chapter.start_inferred */
#define ANLI_SCHEMA_VERSION 2

#endif
