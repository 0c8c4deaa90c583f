/* build.h — compile the canonical sources into the SQLite database.
 *
 * Schema (version ANLI_SCHEMA_VERSION), documented in README.md:
 *   collection, chapter, item, section, block, duplicate, meta
 * Every block has a stable id "<item>:<kind><first seed line>" (kind h, s, p,
 * c), so that notes anchored to it survive a rebuild, and a source reference
 * (seed, line ranges, printed pages where established). */
#ifndef ANLI_BUILD_H
#define ANLI_BUILD_H

#include "anli/util.h"

#define ANLI_APPLICATION_ID 0x414E4C49 /* "ANLI" */
#define ANLI_SCHEMA_VERSION 1

/* Build DATADIR (book/, leaders/, raw/) into OUT.  Writes OUT.tmp, then
 * renames it over OUT, so a failed build leaves the previous OUT untouched.
 * Returns 0, or -1 with err set ("FILE:LINE: message" for a bad source). */
int build_database(const char *datadir, const char *out, struct anli_err *err);

#endif
