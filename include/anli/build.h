/* build.h — compile the canonical sources into the SQLite database
 * (schema.h).  The build layer: never linked into the reader. */
#ifndef ANLI_BUILD_H
#define ANLI_BUILD_H

#include "anli/schema.h"
#include "anli/util.h"

/* Build DATADIR (book/, leaders/, raw/) into OUT.  Writes OUT.tmp, then
 * renames it over OUT, so a failed build leaves the previous OUT untouched.
 * Returns 0, or -1 with err set ("FILE:LINE: message" for a bad source). */
int build_database(const char *datadir, const char *out, struct anli_err *err);

/* Work counter for tests: hash probes made while assigning block ids
 * (linear in the number of blocks). */
extern unsigned long build_id_probes;

#endif
