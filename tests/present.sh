#!/bin/sh
# present.sh — `anli present` from the shell (issue 13): the slides as
# plain text (--dump) at a size, the Markdown decks for presenterm and patat,
# and the one-line errors for bad options.  The presentation view itself is
# tested through tmux by its own suite.  Run from the top of the source tree
# after `make` (make check does).
set -u
LC_ALL=C.UTF-8
export LC_ALL
ANLI=${ANLI_BIN:-./anli}
ANLI_DB=${ANLI_DB:-data/anli.db}
export ANLI_DB
PY=${PYTHON3:-python3}
T=$(mktemp -d /tmp/anli-present.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...: the command must succeed
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }
expect_error() { # expect_error CODE PATTERN CMD...: exit code, one stderr line, no stdout
	code=$1 pat=$2; shift 2
	run "$@"
	[ "$rc" = "$code" ] || bad "$*: exit $rc, wanted $code"
	[ -s "$T/out" ] && bad "$*: printed to stdout on error"
	[ "$(wc -l <"$T/err")" = 1 ] || bad "$*: stderr is not one line: $(cat "$T/err")"
	grep -q -- "$pat" "$T/err" && ok || bad "$*: stderr lacks '$pat': $(cat "$T/err")"
}

# pages FILE W H: the dump's pages (form feed after each) each hold H rows
# no wider than W columns (East Asian Wide/Fullwidth count two; ambiguous
# one, as --ambiwidth=1), the last row the footer "... n/N" with n the
# page's number and N the number of form feeds.  Prints N.
pages() {
	$PY - "$1" "$2" "$3" <<'EOF'
import sys, unicodedata, re
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, encoding="utf-8").read()
if not data.endswith("\f"):
    sys.exit("the dump does not end with a form feed")
pages = data.split("\f")[:-1]
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
for n, p in enumerate(pages, 1):
    rows = p.split("\n")
    if rows[-1] != "":
        sys.exit("page %d does not end with a newline" % n)
    rows = rows[:-1]
    if len(rows) != h:
        sys.exit("page %d has %d rows, not %d" % (n, len(rows), h))
    for r in rows:
        if width(r) > w:
            sys.exit("page %d: a row %d columns wide: %s" % (n, width(r), r))
    m = re.search(r"(\d+)/(\d+)$", rows[-1])
    if not m or int(m.group(1)) != n or int(m.group(2)) != len(pages):
        sys.exit("page %d: footer %r is not %d/%d" % (n, rows[-1], n, len(pages)))
print(len(pages))
EOF
}

# --- --dump
run $ANLI present 27 --dump --size 40x12
check "dump exits 0" [ "$rc" = 0 ]
n40=$(pages "$T/out" 40 12) || bad "dump 40x12: $n40"
check "dump 40x12: several slides" [ "${n40:-0}" -gt 5 ]
check "dump: form feeds = slides" [ "$(tr -cd '\f' <"$T/out" | wc -c)" = "${n40:-x}" ]
check "dump: the title slide first" sh -c "sed -n '1,12p' '$T/out' | grep -q '用好“科创中国”平台'"
check "dump: its organisation" sh -c "sed -n '1,12p' '$T/out' | grep -q '新疆兵团石河子高新区科协'"
check "dump: its number" sh -c "sed -n '1,12p' '$T/out' | grep -q '案例 27/53'"
check "dump: a section heading" grep -q '【工作背景】' "$T/out"
check "dump: a continued section says 续" grep -q '】 续$' "$T/out"
check "dump: a continued paragraph says 续" grep -q '〔续〕' "$T/out"
cp "$T/out" "$T/dump40"

# the same at other sizes: pages of that size; smaller screens more slides
run $ANLI present 27 --dump --size 60×20
n60=$(pages "$T/out" 60 20) || bad "dump 60x20: $n60"
check "dump 60×20 (×): fewer slides than at 40x12" [ "${n60:-99}" -lt "${n40:-0}" ]
run $ANLI present 27 --dump --size 20x8
n20=$(pages "$T/out" 20 8) || bad "dump 20x8: $n20"
check "dump 20x8: more slides than at 40x12" [ "${n20:-0}" -gt "${n40:-99}" ]
# in a pipe the default size is 80x24
run $ANLI present 27 --dump
n80=$(pages "$T/out" 80 24) || bad "dump default: $n80"
# ID:N and a block id present the item
run $ANLI present 27:3 --dump --size 40x12
check "dump of 27:3 is the item's" cmp -s "$T/out" "$T/dump40"
# several items and a chapter: one title slide each
run $ANLI present --chapter book/1 --dump --size 50x16
check "chapter dump exits 0" [ "$rc" = 0 ]
check "chapter book/1: 6 title slides" [ "$(grep -c '^ *案例 [0-9]*/53$' "$T/out")" = 6 ]
# an item named twice, or by its id and its chapter, is presented once, where it came first
run $ANLI present 27 27 --dump --size 50x16
check "27 27: one title slide" [ "$(grep -c '^ *案例 [0-9]*/53$' "$T/out")" = 1 ]
run $ANLI present 27 --chapter book/3 --dump --size 50x16
check "27 --chapter book/3: 14 title slides, case 27 once" [ "$(grep -c '^ *案例 [0-9]*/53$' "$T/out")" = 14 ]
check "27 --chapter book/3: case 27 first" [ "$(grep -m1 '^ *案例 [0-9]*/53$' "$T/out" | tr -d ' ')" = "案例27/53" ]
run $ANLI present 1 a2 foreword --dump --size 50x16
check "several items: 3 title slides" [ "$(grep -c '^ *\(案例 1/53\|文章 2/8\|前言\)$' "$T/out")" = 3 ]
check "a title the source lost is shown missing" grep -q 'title missing in the source' "$T/out"

# --- Markdown decks: one slide per slide of the dump at the same size
run $ANLI present 27 --format=presenterm --size 40x12
check "presenterm exits 0" [ "$rc" = 0 ]
cp "$T/out" "$T/pt.md"
check "presenterm: front matter first" [ "$(head -n 1 "$T/pt.md")" = "---" ]
fm=$(awk 'NR == 1 { next } /^---$/ { exit } { print }' "$T/pt.md")
check "presenterm: front matter keys are presenterm's" sh -c "printf '%s\n' \"\$1\" | sed 's/:.*//' | grep -vqxE 'title|sub_title|event|location|date|author|authors|theme|options' && exit 1 || exit 0" - "$fm"
check "presenterm: the title in the front matter" sh -c "printf '%s\n' \"\$1\" | grep -qx 'title: \"用好“科创中国”平台\"'" - "$fm"
check "presenterm: the organisation as author" sh -c "printf '%s\n' \"\$1\" | grep -qx 'author: \"新疆兵团石河子高新区科协\"'" - "$fm"
# the front matter is presenterm's introduction slide (the title slide):
# the other slides are separated by end_slide
check "presenterm: end_slide between the slides" [ "$(grep -c '^<!-- end_slide -->$' "$T/pt.md")" = $((${n40:-0} - 2)) ]
check "presenterm: the last slide has no end_slide after it" sh -c "[ \"\$(grep -v '^$' '$T/pt.md' | tail -n 1)\" != '<!-- end_slide -->' ]"
check "presenterm: a continued section" grep -q "^## 工作背景 续$" "$T/pt.md"

run $ANLI present 27 --format=patat --size 40x12
check "patat exits 0" [ "$rc" = 0 ]
cp "$T/out" "$T/pa.md"
check "patat: pandoc metadata block" sh -c "[ \"\$(head -n 1 '$T/pa.md')\" = '---' ] && grep -qx '\.\.\.' '$T/pa.md'"
meta=$(awk 'NR == 1 { next } /^\.\.\.$/ { exit } { print }' "$T/pa.md")
check "patat: metadata keys title and author" sh -c "printf '%s\n' \"\$1\" | sed 's/:.*//' | grep -vqxE 'title|author' && exit 1 || exit 0" - "$meta"
# after the metadata, --- separates the slides, each with a blank line
# before it (else it would make the line above a heading)
body=$(awk 'f { print } /^\.\.\.$/ { f = 1 }' "$T/pa.md")
check "patat: --- between the slides" [ "$(printf '%s\n' "$body" | grep -c '^---$')" = $((${n40:-0} - 1)) ]
check "patat: a blank line before each ---" sh -c "printf '%s\n' \"\$1\" | awk 'prev != \"\" && /^---\$/ { bad = 1 } { prev = \$0 } END { exit bad }'" - "$body"
check "patat: the title slide's title" grep -q '^# 用好“科创中国”平台$' "$T/pa.md"

# where patat is installed (Debian's patat), it reads the deck: as many
# slides as the dump has (its --dump ends each but the last with a rule)
if command -v patat >/dev/null 2>&1; then
	TERM=xterm timeout 60 patat --force --dump "$T/pa.md" >"$T/patat" 2>&1
	check "patat --dump reads the deck" [ "$?" = 0 ]
	check "patat shows ${n40:-?} slides" [ "$(sed 's/\x1b\[[0-9;]*m//g' "$T/patat" | grep -c '^----------$')" = $((${n40:-0} - 1)) ]
	check "patat: slide n / N in its footer" grep -q "${n40:-x} / ${n40:-x}" "$T/patat"
else
	echo "present.sh: patat not installed: the patat deck is checked by its syntax only"
fi

# --- errors: one line, nothing on stdout
expect_error 2 "--size: '40' is not" $ANLI present 27 --dump --size 40
expect_error 2 "--size: '0x12'" $ANLI present 27 --dump --size 0x12
expect_error 2 "--size: 'axb'" $ANLI present 27 --dump --size axb
expect_error 2 "--size: '40x12x3'" $ANLI present 27 --dump --size 40x12x3
expect_error 2 "--size applies to" $ANLI present 27 --size 40x12
expect_error 2 "--duration: '5x' is not a duration" $ANLI present 27 --duration 5x
expect_error 2 "--duration: '0s'" $ANLI present 27 --duration 0s
expect_error 2 "--duration: ''" $ANLI present 27 --duration ''
expect_error 2 "--duration applies to 'present' only" $ANLI list --duration 20m
expect_error 2 "--dump applies to 'present' only" $ANLI show 27 --dump
expect_error 2 "not --dump or --format" $ANLI present 27 --dump --step
expect_error 2 "give one" $ANLI present 27 --dump --format=patat
expect_error 2 "unknown format 'html'" $ANLI present 27 --format=html
expect_error 2 "expected an ID" $ANLI present --dump
expect_error 1 "99" $ANLI present 99 --dump
expect_error 1 "no chapter 'book/9'" $ANLI present --chapter book/9 --dump
expect_error 2 "--follow: 'abc' is not a process id" $ANLI present --follow abc
expect_error 2 "--follow: '0' is not a process id" $ANLI present --follow=0
expect_error 2 "at most one process id" $ANLI present --follow 1 2

echo "present.sh: $pass passed, $fail failed"
[ "$fail" = 0 ]
