#!/bin/sh
# rebuild.sh — per-user state across rebuilds of the book (issue 11,
# "Tests"): a copy of data/ built with build/anli-build into a temporary
# directory, bookmarks and marks added through the CLI, then
#  (a) rebuilt from the same sources: everything attached (doctor exit 0);
#  (b) one paragraph's text edited, its line refs the same: still attached;
#  (c) the bookmarked paragraph split in two, its first seed line given to
#      neither half, so that its block id is gone: doctor lists it with
#      its fallback and exits 1, and the bookmark is kept.
# State is stored by block id (c27:p3698: the lowest seed line), so only
# a change of a block's first line detaches it.  Run from the top of the tree.
set -u
ANLI="${ANLI:-$(pwd)/anli}"
BUILD="${BUILD:-$(pwd)/build/anli-build}"
T=$(mktemp -d /tmp/anli-rebuild.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
mkdir "$T/data"
cp -R data/book data/leaders data/raw "$T/data/"
cp data/*.txt "$T/data/" 2>/dev/null
S="$T/user.db"
a() { "$ANLI" --db "$T/anli.db" --state "$S" "$@"; }
build() { # build DESCRIPTION
	if "$BUILD" -o "$T/anli.db" "$T/data" >"$T/build.out" 2>&1; then ok; else bad "$1: anli-build failed"; cat "$T/build.out"; fi
}
# doctor_is DESCRIPTION STATUS: anli doctor exits STATUS
doctor_is() {
	a doctor >"$T/doctor.out" 2>&1
	rc=$?
	if [ "$rc" = "$2" ]; then ok; else bad "$1: doctor exited $rc, not $2"; cat "$T/doctor.out"; fi
}

build "the copy of data/"
a bookmarks add 27:5 >/dev/null 2>&1 && ok || bad "bookmarks add 27:5"
a bookmarks add 27:4 >/dev/null 2>&1 && ok || bad "bookmarks add 27:4"
a mark 27 reviewed >/dev/null 2>&1 && ok || bad "mark 27 reviewed"
a mark 1 read >/dev/null 2>&1 && ok || bad "mark 1 read"
BM=$(a bookmarks list --format=tsv | awk -F'\t' 'NR > 1 { print $1 }' | sort | tr '\n' ' ')
[ "$BM" = "c27:p3669 c27:p3698 " ] && ok || bad "the bookmarks by block id: '$BM'"
doctor_is "before any rebuild" 0

# (a) the same sources
build "(a) rebuilt from the same sources"
doctor_is "(a) everything attached" 0
grep -q "all state is on items and blocks of this book" "$T/doctor.out" && ok || bad "(a) doctor says all is attached"

# (b) one paragraph's text edited (¶4, c27:p3669, bookmarked), its line refs the same
F="$T/data/book/27.txt"
grep -q '^p 3669-3677 联系' "$F" && ok || bad "(b) the paragraph to edit is not in the copy"
sed 's/^p 3669-3677 联系/p 3669-3677 积极联系/' "$F" >"$F.new" && mv "$F.new" "$F"
build "(b) rebuilt with ¶4 edited"
doctor_is "(b) still attached" 0
a show 27:4 | grep -q '积极联系' && ok || bad "(b) the edit is in the new build"

# (c) the bookmarked ¶5 (c27:p3698, lines 3698-3708) split in two: 3699-3703
# and 3704-3708, so that c27:p3698 names no block any more
awk '/^p 3698-3708 / {
	t = substr($0, 13); i = index(t, "；") + length("；") - 1
	print "p 3699-3703 " substr(t, 1, i); print "p 3704-3708 " substr(t, i + 1); next }
	{ print }' "$F" >"$F.new" && mv "$F.new" "$F"
[ "$(grep -c '^p 3699-3703 \|^p 3704-3708 ' "$F")" = 2 ] && ok || bad "(c) the split is not in the copy"
build "(c) rebuilt with ¶5 split"
doctor_is "(c) the bookmark on the gone block is listed" 1
grep -q 'c27:p3698.*falls back to c27:' "$T/doctor.out" && ok || { bad "(c) doctor names the block and its fallback"; cat "$T/doctor.out"; }
a doctor --format=tsv 2>/dev/null | grep -q "^bookmark	c27	c27:p3698	c27:" && ok || bad "(c) doctor's TSV row: bookmark, item, block, fallback"
a bookmarks list --format=tsv | grep -q '^c27:p3698' && ok || bad "(c) the bookmark is kept"
a bookmarks list --format=tsv | grep -q '^c27:p3669' && ok || bad "(c) the other bookmark is still there"
a show c27:p3704 >/dev/null 2>&1 && ok || bad "(c) the second half has its own block id"

echo "rebuild.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
