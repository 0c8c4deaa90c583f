#!/bin/sh
# cli.sh — the command line as a user runs it: output formats, database
# lookup, every bad database, the builder's errors, install/uninstall.
# Run from the top of the source tree after `make` (make check does).
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB
ANLI=./anli
T=$(mktemp -d /tmp/anli-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...: the command must succeed
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}

# run CMD...: stdout → $T/out, stderr → $T/err, exit code → $rc
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# Every bad input: exit code, one stderr line naming the path, no stdout.
expect_error() { # expect_error CODE PATTERN CMD...
	code=$1 pat=$2; shift 2
	run "$@"
	[ "$rc" = "$code" ] || bad "$*: exit $rc, wanted $code"
	[ -s "$T/out" ] && bad "$*: printed to stdout on error"
	[ "$(wc -l <"$T/err")" = 1 ] || bad "$*: stderr is not one line: $(cat "$T/err")"
	grep -q -- "$pat" "$T/err" && ok || bad "$*: stderr lacks '$pat': $(cat "$T/err")"
}

# --- list
run $ANLI list --format=tsv
check "list exits 0" [ "$rc" = 0 ]
check "list header" [ "$(head -n 1 "$T/out" | cut -f1-8)" = "$(printf 'id\tcollection\tchapter\tchapter_title\tnumber\ttitle\tsubtitle\tbyline')" ]
check "list has 61 items" [ "$(tail -n +2 "$T/out" | wc -l)" = 61 ]
check "list: 53 cases" [ "$(awk -F'\t' '$2 == "book"' "$T/out" | wc -l)" = 53 ]
check "list: 8 articles" [ "$(awk -F'\t' '$2 == "leaders"' "$T/out" | wc -l)" = 8 ]
check "list: same field count on every row" [ "$(awk -F'\t' '{print NF}' "$T/out" | sort -u | wc -l)" = 1 ]
check "list: case 1 as printed" grep -q "$(printf '^c1\tbook\t1\t学术交流\t1\t加强“三期”管理\t让学术之花结出产业硕果\t江苏扬州高新区科协\t')" "$T/out"
check "list: case 53 in chapter 7" grep -q "$(printf '^c53\tbook\t7\t科技工作者之家建设\t53\t')" "$T/out"
check "list: numbers 1-53 in order" [ "$(awk -F'\t' '$2 == "book" {printf "%s ", $5}' "$T/out")" = "$(seq -s ' ' 1 53) " ]
check "list default is tsv" sh -c "$ANLI list | cmp -s - '$T/out'"
run $ANLI list --format=json
check "list json exits 0" [ "$rc" = 0 ]
check "list json is valid, 61 items" [ "$(jq length "$T/out")" = 61 ]
check "list json: case 7's organisation" [ "$(jq -r '.[6].organisation' "$T/out")" = "$($ANLI list | awk -F'\t' '$1 == "c7" {print $8}')" ]
expect_error 2 "unknown format" $ANLI list --format=xml

# --- show
run $ANLI show 1
check "show 1 exits 0" [ "$rc" = 0 ]
check "show 1: title" grep -q '^加强“三期”管理$' "$T/out"
check "show 1: org" grep -q '^江苏扬州高新区科协$' "$T/out"
check "show 1: a section heading" grep -q '工作背景' "$T/out"
check "show c1 = show 1" sh -c "$ANLI show c1 | cmp -s - '$T/out'"
run $ANLI show a1 --format=markdown
check "show a1 markdown" grep -q '^# 广州：提升创新联合体建设水平$' "$T/out"
run $ANLI show 53 --format=json
check "show json is valid" jq -e '.blocks | length > 5' "$T/out" >/dev/null
check "show json: block ids and source lines" jq -e 'all(.blocks[]; (.id | startswith("c53:")) and (.lines | test("^[0-9]")))' "$T/out" >/dev/null
# what the seed lost shows as missing, never invented
run $ANLI show a2
check "a missing title is shown as missing" grep -q '^\[title missing in the source\]$' "$T/out"
run $ANLI show a3 --format=json
check "a missing end is recorded" jq -e '.end_missing == true and .title_missing == false' "$T/out" >/dev/null
run $ANLI show a3
check "a missing end is shown" sh -c "tail -n 1 '$T/out' | grep -q 'the rest is missing in the source'"
run $ANLI show foreword
check "show foreword" grep -q '中国科协企业创新服务中心' "$T/out"
expect_error 1 "no item 'c99'" $ANLI show c99
expect_error 1 "no item '54'" $ANLI show 54
expect_error 2 "expected one ID" $ANLI show
expect_error 2 "unknown format" $ANLI show 1 --format=pdf

# --width: no line wider than W (measured by wc -L, the C library's widths)
for w in 20 33 40 57 80 100; do
	for id in 1 17 33 a2 a6; do
		run $ANLI show $id --width=$w
		m=$(wc -L <"$T/out")
		[ "$rc" = 0 ] && [ "$m" -le "$w" ] && ok || bad "show $id --width=$w: widest line $m"
	done
done
# the same text, only wrapped: nothing lost or added
check "wrapping keeps the text" sh -c "[ \"\$($ANLI show 5 | tr -d ' \n\343\200\200')\" = \"\$($ANLI show 5 --width=30 | tr -d ' \n\343\200\200')\" ]"
expect_error 2 "--width" $ANLI show 1 --width=abc
expect_error 2 "--width" $ANLI show 1 --width=2

expect_error 2 "--width wraps text only" $ANLI show 1 --format=markdown --width=30
expect_error 2 "--limit applies to 'search' only" $ANLI list --limit=3
expect_error 2 "unknown option '-科技'" $ANLI search -科技
run $ANLI search -- 院士
check "-- ends the options" [ "$rc" = 0 ]

# --- hostile text in a database never reaches the terminal raw
cp data/anli.db "$T/hostile.db"
sqlite3 "$T/hostile.db" "UPDATE item SET title = title || char(27) || ']0;pwned' || char(7) WHERE id = 'c1'; UPDATE block SET text = text || char(27) || '[31m' WHERE item_id = 'c1';"
for f in tsv json; do
	run $ANLI --db "$T/hostile.db" list --format=$f
	! grep -q "$(printf '\033')" "$T/out" && ok || bad "list --format=$f lets ESC through"
done
for f in text markdown json; do
	run $ANLI --db "$T/hostile.db" show 1 --format=$f
	! grep -q "$(printf '\033')" "$T/out" && ok || bad "show --format=$f lets ESC through"
done
run $ANLI --db "$T/hostile.db" show 1
check "ESC is shown as ␛" grep -q '␛' "$T/out"

# --- stats
run $ANLI stats
check "stats exits 0" [ "$rc" = 0 ]
check "stats: 9 chapters, 53 cases, 8 articles" grep -q '9 chapters, 53 cases, 8 articles, 1 foreword' "$T/out"
run $ANLI stats --format=json
check "stats json" [ "$(jq '.total.items' "$T/out")" = 62 ] && [ "$(jq '.total_kinds.cases' "$T/out")" = 53 ]

# --- help, version, usage errors
run $ANLI --help
check "--help" grep -q 'anli \[OPTIONS\]' "$T/out"
run $ANLI --version
check "--version" grep -q '^anli [0-9]' "$T/out"
expect_error 2 "unknown option '--bogus'" $ANLI --bogus list
expect_error 2 "unknown command 'frobnicate'" $ANLI frobnicate

# --- database lookup and every bad database
cp data/anli.db "$T/copy.db"
run env ANLI_DB="$T/copy.db" $ANLI show 2
check "ANLI_DB is used" [ "$rc" = 0 ]
expect_error 2 "$T/none.db: No such file or directory" env ANLI_DB="$T/none.db" $ANLI list
run env ANLI_DB="$T/none.db" $ANLI --db "$T/copy.db" list
check "--db wins over ANLI_DB" [ "$rc" = 0 ]
expect_error 2 "$T/none.db: No such file" $ANLI --db="$T/none.db" show 1
printf 'not a database\n' >"$T/text.db"
expect_error 2 "$T/text.db: not an SQLite database" $ANLI --db "$T/text.db" list
head -c 20000 data/anli.db >"$T/trunc.db"
expect_error 2 "$T/trunc.db: truncated database" $ANLI --db "$T/trunc.db" show 1
sqlite3 "$T/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
expect_error 2 "$T/other.db: not an anli database" $ANLI --db "$T/other.db" list
cp data/anli.db "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 7;'
expect_error 2 "$T/newer.db: schema version 7 is newer" $ANLI --db "$T/newer.db" stats
# damaged inside (the header still says the right size): an error, no crash
cp data/anli.db "$T/garbled.db"
size=$(wc -c <"$T/garbled.db")
dd if=/dev/urandom of="$T/garbled.db" bs=1 seek=4096 count=$((size - 8192)) conv=notrunc 2>/dev/null
for cmd in "list" "show 7" "stats" "search 院士"; do
	run $ANLI --db "$T/garbled.db" $cmd
	case "$rc" in
	0) ok ;;
	2) [ -s "$T/out" ] && bad "garbled database, $cmd: output despite the error" || ok ;;
	*) bad "garbled database, $cmd: exit $rc (a crash?)" ;;
	esac
done

# --- the builder: a malformed source names FILE:LINE; the old database stays
mkdir -p "$T/data"
cp -r data/book data/leaders data/raw "$T/data/"
./build/anli-build -o "$T/built.db" "$T/data"
check "builder builds a copy of data/" [ -s "$T/built.db" ]
./build/anli-build -o "$T/again.db" "$T/data"
check "builder is deterministic" cmp -s "$T/built.db" "$T/again.db"
cp "$T/built.db" "$T/before.db"
printf 'q 1 broken line\n' >>"$T/data/book/07.txt"
run ./build/anli-build -o "$T/built.db" "$T/data"
check "builder fails on a bad line" [ "$rc" != 0 ]
check "builder names file:line" grep -q "book/07.txt:[0-9]*: a block line is KIND REF TEXT" "$T/err"
check "a failed build leaves the old database" cmp -s "$T/built.db" "$T/before.db"
check "no temporary file left" [ ! -e "$T/built.db.tmp" ]

# --- install and uninstall under DESTDIR (the default PREFIX, so that the
# tree's build is not changed; another PREFIX is checked with make -n)
run make -s install DESTDIR="$T/root"
check "make install" [ "$rc" = 0 ]
check "binary 0755" [ "$(stat -c %a "$T/root/usr/local/bin/anli")" = 755 ]
check "database 0644" [ "$(stat -c %a "$T/root/usr/local/share/anli/anli.db")" = 644 ]
check "man page 0644" [ "$(stat -c %a "$T/root/usr/local/share/man/man1/anli.1")" = 644 ]
check "the installed binary finds its database" sh -c "cd / && '$T/root/usr/local/bin/anli' --db '$T/root/usr/local/share/anli/anli.db' show 1 >/dev/null"
run make -s uninstall DESTDIR="$T/root"
check "make uninstall removes the files" [ ! -e "$T/root/usr/local/bin/anli" ] && [ ! -e "$T/root/usr/local/share/anli/anli.db" ]
run make -n install DESTDIR=/dest PREFIX=/opt/anli
check "PREFIX and DESTDIR on every install path" sh -c "grep -q '/dest/opt/anli/bin/anli' '$T/out' && grep -q '/dest/opt/anli/share/anli/anli.db' '$T/out' && grep -q '/dest/opt/anli/share/man/man1/anli.1' '$T/out'"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
