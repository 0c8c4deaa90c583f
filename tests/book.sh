#!/bin/sh
# book.sh — the repaired structure of the book as a user sees it through the
# CLI: one check per kind of text-fidelity defect that has an observable
# effect (tests/fidelity.c checks every instance against the seeds).
# Run from the top of the source tree after `make`.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB
ANLI=./anli
T=$(mktemp -d /tmp/anli-book.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect DESCRIPTION FILE PATTERN: grep -F must find PATTERN in FILE
expect() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: no '$3' in:"; head -c 2000 "$2"; echo; fi; }
# refuse DESCRIPTION FILE PATTERN: FILE (which must not be empty) lacks PATTERN
refuse() {
	if [ ! -s "$2" ]; then bad "$1: no output"; elif grep -qF -- "$3" "$2"; then bad "$1: '$3' found"; else ok; fi
}

# 1. a caption is never inside a paragraph: search reports it as a caption
$ANLI search --format=tsv 甬创未来 >"$T/s" || bad "search 甬创未来 failed"
expect "caption found as a caption" "$T/s" "$(printf 'c44:c6006\tcaption')"
refuse "caption not in a paragraph" "$T/s" "paragraph"

# 2. the space the extraction dropped at a line join is back
$ANLI show 1 >"$T/c1"
expect "space restored at a join" "$T/c1" "运用 SWOT 工具"
$ANLI show 30 >"$T/c30"
expect "spaced + at a join" "$T/c30" "平台 + 基础服务系统"

# 3. the displaced 青岛 page belongs to 青岛, read in order
$ANLI list --format=tsv >"$T/list"
expect "沈阳 starts at its title" "$T/list" "$(printf '003\t55-71')"
$ANLI show a4 --format=json >"$T/a4"
expect "a block read across the displaced page cites 93 then 51" "$T/a4" '"lines": "93,51"'

# 5. the foreword's signature and date: flagged, right-aligned at a width
$ANLI show foreword --format=json >"$T/fw"
expect "signature flag in JSON" "$T/fw" '"id": "foreword:p71", "kind": "paragraph", "section": 0, "lines": "71", "page_first": null, "page_last": null, "flag": "signature"'
$ANLI show foreword --width=60 >"$T/fw60"
line=$(grep -F '2024 年 11 月' "$T/fw60")
w=$(printf '%s' "$line" | wc -L)
[ "$w" = 60 ] && ok || bad "the date is right-aligned at 60 columns (width $w): '$line'"

# 6. a section heading the seed lost is shown as missing, and not searched
$ANLI show 6 >"$T/c6"
expect "missing heading shown" "$T/c6" "【主要做法】 [heading missing in the source]"
$ANLI show 6 --format=json >"$T/c6j"
expect "missing heading flagged" "$T/c6j" '"lines": "-", "page_first": null, "page_last": null, "flag": "missing", "text": "主要做法"'

# 7. a paragraph is not split at a full line ending in 。
$ANLI show 27 --format=json >"$T/c27"
expect "case 27's introduction is one paragraph" "$T/c27" '"id": "c27:p3626", "kind": "paragraph", "section": 0, "lines": "3626-3638"'

# 8. a lead that is no sentence stays inline
$ANLI show 13 >"$T/c13"
expect "fragment lead inline" "$T/c13" "在人才引进方面，成功打造"

# 9. ranges end where the text ends
expect "case 6 ends at its text" "$T/list" "$(printf '002\t756-884')"

# 4. pages: only proven ones (case 39's long segment has none; case 52 never
# goes back; a running head inside a stretch marks a lost page start, so case
# 51's title page is not p.214, and neither case 42 nor 43 is "p.179" alone)
$ANLI show 51 --format=json >"$T/c51"
[ "$(jq '[.blocks[] | select(.id == "c51:h6972" or .id == "c51:p6942") | .page_first] == [null, null]' "$T/c51")" = true ] &&
	ok || bad "case 51: the title page (before the head 214) has no page"
expect "case 51: the page after the head is p.214" "$T/c51" '"id": "c51:h6978", "kind": "heading", "section": 2, "lines": "6978", "page_first": 214'
for n in 16 42 43; do
	$ANLI show $n --format=json >"$T/p$n"
	[ "$(jq '[.blocks[].page_first | select(. != null)] | length' "$T/p$n")" = 0 ] &&
		ok || bad "case $n: a lone running head proves no page"
done
$ANLI list --format=json >"$T/lj"
[ "$(jq '[.[] | select(.page_first != null and .id == "c53")] | length' "$T/lj")" = 0 ] &&
	ok || bad "case 53 runs past p.223: no item page range"
$ANLI show 39 --format=json >"$T/c39"
[ "$(jq '[.blocks[] | select(.lines | test("^5(3[3-9]|4[01])")) | .page_first] | length > 5 and all(. == null)' "$T/c39")" = true ] &&
	ok || bad "case 39: the blocks of the 36-line segment 5337-5424 have no page"
$ANLI show 52 --format=json >"$T/c52"
[ "$(jq '[.blocks[].page_first | select(. != null)] as $p | ($p | length) > 10 and
	all(range(1; $p | length); $p[.] >= $p[. - 1])' "$T/c52")" = true ] &&
	ok || bad "case 52: pages never decrease in reading order"
expect "case 52 keeps its proven pages" "$T/c52" '"id": "c52:p7189", "kind": "paragraph", "section": 3, "lines": "7189-7197", "page_first": 220'

# 10. chapter 4's start is inferred, and says so
$ANLI stats >"$T/st"
expect "stats marks chapter 4" "$T/st" "第四篇 产业服务 *"
expect "stats explains the mark" "$T/st" "* where the chapter begins is inferred"
$ANLI stats --format=json >"$T/stj"
expect "JSON start_inferred" "$T/stj" '"chapter": 4, "title": "产业服务", "start_inferred": true'

echo "book: $pass passed, $fail failed"
[ "$fail" = 0 ]
