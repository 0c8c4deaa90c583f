#!/bin/sh
# cli.sh — the command line as a user runs it: output formats, database
# lookup, every bad database, the builder's errors, install/uninstall.
# Run from the top of the source tree after `make` (make check does).
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB
ANLI=${ANLI_BIN:-./anli} # ANLI_BIN: another build to test (e.g. an older one)
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

# jq_true FILTER FILE: the filter's one result is true (jq -e alone passes
# on an empty file: no result counts as success)
jq_true() { [ "$(jq "$1" "$2" 2>/dev/null)" = true ]; }

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
check "show json is valid" jq_true '.blocks | length > 5' "$T/out"
check "show json: block ids and source lines" jq_true 'all(.blocks[]; (.id | startswith("c53:")) and (.lines | test("^[0-9]")))' "$T/out"
# what the seed lost shows as missing, never invented
run $ANLI show a2
check "a missing title is shown as missing" grep -q '^\[title missing in the source\]$' "$T/out"
run $ANLI show a3 --format=json
check "a missing end is recorded" jq_true '.end_missing == true and .title_missing == false' "$T/out"
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
# getopt_long: --opt VALUE and --opt=VALUE alike, options anywhere
run $ANLI list --format json
check "--format VALUE" jq_true 'length == 61' "$T/out"
run $ANLI show --width 30 5
check "--width VALUE before the ID" [ "$rc" = 0 ]
check "--width VALUE wraps" [ "$(wc -L <"$T/out")" -le 30 ]
check "--width VALUE = --width=VALUE" sh -c "$ANLI show 5 --width=30 | cmp -s - '$T/out'"
run $ANLI search 院士 --limit 2
check "--limit VALUE" [ "$(wc -l <"$T/out")" = 3 ]
expect_error 2 "'--db' needs a value" $ANLI list --db
expect_error 2 "'--format' needs a value" $ANLI list --format
run $ANLI search -- -号 -科技
check "-- ends the options: -WORDs are terms" [ "$rc" = 1 ]
check "-- ends the options: the no-hit message names the -WORDs" grep -q "^anli: no hits for '-号 -科技'$" "$T/err"
# more than 8 operands: a query of many terms (64 at most)
run $ANLI search 科 技 工 作 者 之 家 建 设
check "nine terms are not too many arguments" [ "$rc" = 0 ]
expect_error 2 "too many search terms" $ANLI search $(seq 1 65)

# --- item source lines as stored: split ranges stay split
run $ANLI list
check "list: a3's source lines" [ "$(awk -F'\t' '$1 == "a3" {print $11}' "$T/out")" = "55-71" ]
check "list: a4's split source lines" [ "$(awk -F'\t' '$1 == "a4" {print $11}' "$T/out")" = "47-53,73-93" ]
run $ANLI show a4 --format=json
check "show json: lines as stored" jq_true '.lines == "47-53,73-93"' "$T/out"
check "show json: line_first and line_last are numbers" jq_true '.line_first == 47 and .line_last == 93' "$T/out"
run $ANLI list --format=json
check "list json: lines as stored" jq_true '.[] | select(.id == "a4") | .lines == "47-53,73-93"' "$T/out"

# --- search output: columns, marks, limit, JSON, exit codes
run $ANLI search 院士
check "search exits 0 with hits" [ "$rc" = 0 ]
check "search: header" [ "$(head -n 1 "$T/out")" = "$(printf 'id\tnumber\ttitle\tsection\tblock\tfield\toffset\tsnippet')" ]
check "search: 8 fields on every row" [ "$(awk -F'\t' '{print NF}' "$T/out" | sort -u)" = 8 ]
check "search: every snippet marks the hit" [ "$(tail -n +2 "$T/out" | grep -vc '⟦院士⟧')" = 0 ]
check "search: first hit is in case 1" grep -q "$(printf '^c1\t1\t加强“三期”管理\t工作背景\tc1:p95\tparagraph\t46\t')" "$T/out"
hits=$(($(wc -l <"$T/out") - 1))
check "search: hits found" [ "$hits" -gt 10 ]
# the offset is in characters: the snippet's hit is at that place in the block
check "search: offset in characters" sh -c "$ANLI show 1 --format=json | jq -r '.blocks[] | select(.id == \"c1:p95\") | .text' | cut -c1-200 | grep -q '^.\{46\}院士'"
run $ANLI search 院士 --format=json
check "search json: exit 0" [ "$rc" = 0 ]
check "search json: one object per hit" [ "$(jq length "$T/out")" = "$hits" ]
check "search json: fields" jq_true 'all(.[]; .match == "院士" and (.snippet | contains("院士")) and (.offset | type == "number") and (.id | type == "string"))' "$T/out"
check "search json: first hit" jq_true '.[0] | .id == "c1" and .block == "c1:p95" and .offset == 46 and .field == "paragraph" and .section == "工作背景"' "$T/out"
run $ANLI search 院士 --format=json --limit=3
check "search json --limit" [ "$(jq length "$T/out")" = 3 ]
run $ANLI search 没有这样的词语组合
check "search: exit 1 without hits" [ "$rc" = 1 ]
check "search: header only without hits" [ "$(wc -l <"$T/out")" = 1 ]
check "search: without hits, one line on stderr says so" sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q \"^anli: no hits for '没有这样的词语组合'\$\" '$T/err'"
run $ANLI search 没有这样的词语组合 --format=json
check "search json: exit 1 without hits" [ "$rc" = 1 ]
check "search json: [] without hits" jq_true 'length == 0' "$T/out"
run $ANLI search 院士 扬州
check "search: two terms, both in every item shown" sh -c "cut -f1 '$T/out' | tail -n +2 | sort -u | while read id; do grep -q \"^\$id	.*⟦扬州⟧\" '$T/out' && grep -q \"^\$id	.*⟦院士⟧\" '$T/out' || exit 1; done"
expect_error 2 "empty search query" $ANLI search ' '
# 30,000 hits in one 240,000-character paragraph (F9: the work was hits ×
# length; every hit's offset and snippet is now found from the previous
# one): every hit is listed at its place, every snippet is bounded
cp data/anli.db "$T/long.db"
sqlite3 "$T/long.db" "UPDATE search_doc SET orig = replace(hex(zeroblob(30000)), '00', '很长的段落院士。'), text = replace(hex(zeroblob(30000)), '00', '很长的段落院士。') WHERE rowid = (SELECT search_first + 3 FROM item WHERE id = 'c2'); INSERT INTO search_fts(search_fts) VALUES ('rebuild');"
for q in 院士 很长的段落; do
	run $ANLI --db "$T/long.db" search $q
	check "long paragraph, $q: exit 0" [ "$rc" = 0 ]
	check "long paragraph, $q: 30,000 hits in it" [ "$(grep -c "	c2:p216	" "$T/out")" = 30000 ]
	check "long paragraph, $q: offsets step by 8 characters" sh -c "grep '	c2:p216	' '$T/out' | awk -F'\t' -v first=\$(grep -m1 '	c2:p216	' '$T/out' | cut -f7) '\$7 != first + 8 * (NR - 1) { exit 1 }'"
	# 15 + 5 + 15 Han characters (2 columns each) and ⟦⟧ at most
	check "long paragraph, $q: snippets of 15 characters either side at most" [ "$(cut -f8 "$T/out" | tail -n +2 | wc -L)" -le 72 ]
done
expect_error 2 "expected a QUERY" $ANLI search
expect_error 2 "unknown format" $ANLI search 院士 --format=xml

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
# ... nor through a message: SQLite quotes schema names in its errors, and
# messages echo arguments
cp data/anli.db "$T/inject.db"
sqlite3 "$T/inject.db" "ALTER TABLE item RENAME TO item_real; CREATE VIEW item AS SELECT * FROM \"$(printf '\033]0;PWNED\007\033[2J')\";"
for cmd in list "show 1" stats "search 院士"; do
	expect_error 2 "no such table" $ANLI --db "$T/inject.db" $cmd
	! grep -q "$(printf '\033')" "$T/err" && ok || bad "$cmd: an escape from the schema reaches stderr"
done
expect_error 1 "no item" $ANLI show "$(printf 'x\033]0;PWNED\007')"
! grep -q "$(printf '\033')" "$T/err" && ok || bad "show: an escape in the ID reaches stderr"
expect_error 2 "unknown command" $ANLI "$(printf 'x\033[2J\nsecond line')"
! grep -q "$(printf '\033')" "$T/err" && ok || bad "an escape in the command reaches stderr"

# --- stats
run $ANLI stats
check "stats exits 0" [ "$rc" = 0 ]
check "stats: 9 chapters, 53 cases, 8 articles" grep -q '9 chapters, 53 cases, 8 articles, 1 foreword' "$T/out"
run $ANLI stats --format=json
check "stats json: 62 items" [ "$(jq '.total.items' "$T/out")" = 62 ]
check "stats json: 53 cases" [ "$(jq '.total_kinds.cases' "$T/out")" = 53 ]

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
# damaged in ways SQLite does not notice: refused on open, one line, exit 2
damaged() { # damaged NAME SQL: a copy of the database changed by SQL
	cp data/anli.db "$T/$1.db"
	sqlite3 "$T/$1.db" "$2"
}
damaged nosections "DELETE FROM section"
damaged noblocks "DELETE FROM block"
damaged nodocs "DELETE FROM search_doc"
damaged ftszero "UPDATE search_fts_data SET block = zeroblob(length(block)) WHERE id > 10"
damaged nofold "DELETE FROM meta WHERE key = 'fold_version'"
damaged oldfold "UPDATE meta SET value = '0' WHERE key = 'fold_version'"
damaged searchfirst "UPDATE item SET search_first = 999999 WHERE id = 'c3'"
for cmd in list "show 1" stats "search 科技工作者"; do
	expect_error 2 "$T/nosections.db: the database holds no sections" $ANLI --db "$T/nosections.db" $cmd
	expect_error 2 "$T/noblocks.db: the database holds no text" $ANLI --db "$T/noblocks.db" $cmd
	expect_error 2 "$T/nodocs.db: " $ANLI --db "$T/nodocs.db" $cmd
	expect_error 2 "$T/ftszero.db: the search index is damaged" $ANLI --db "$T/ftszero.db" $cmd
	expect_error 2 "$T/nofold.db: no fold_version" $ANLI --db "$T/nofold.db" $cmd
	expect_error 2 "$T/oldfold.db: search text folded by version '0'" $ANLI --db "$T/oldfold.db" $cmd
	expect_error 2 "$T/searchfirst.db: corrupt item table" $ANLI --db "$T/searchfirst.db" $cmd
done
# damage to one item shows when that item is read
damaged lostsection "DELETE FROM section WHERE item_id = 'c5'"
expect_error 2 "item 'c5': a block without its section" $ANLI --db "$T/lostsection.db" show 5
expect_error 2 "item 'c5': a block without its section" $ANLI --db "$T/lostsection.db" stats
run $ANLI --db "$T/lostsection.db" show 6
check "damage to one item leaves the others readable" [ "$rc" = 0 ]
damaged lostblocks "DELETE FROM block WHERE item_id = 'c5'"
expect_error 2 "item 'c5': no text" $ANLI --db "$T/lostblocks.db" show 5

# damaged inside (the header still says the right size): an error, no crash
cp data/anli.db "$T/garbled.db"
size=$(wc -c <"$T/garbled.db")
dd if=/dev/urandom of="$T/garbled.db" bs=4096 seek=1 count=$((size / 4096 - 2)) conv=notrunc 2>/dev/null
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
# a source line that quotes escape sequences: the message shows them, inert
cp data/book/07.txt "$T/data/book/07.txt"
sed -i '1s/.*/@kind \x1b]0;PWNED\x07\x1b[2J/' "$T/data/book/07.txt"
run ./build/anli-build -o "$T/built.db" "$T/data"
check "builder: hostile text in a message fails the build" [ "$rc" = 1 ]
check "builder: no raw escape reaches the terminal" sh -c "! grep -q \"$(printf '\033')\" '$T/err' && ! grep -q \"$(printf '\007')\" '$T/err'"
check "builder: the message is one line naming the file" sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q 'book/07.txt:1: @kind must be' '$T/err'"
cp data/book/07.txt "$T/data/book/07.txt"

# --- install and uninstall under DESTDIR (the default PREFIX, so that the
# tree's build is not changed; another PREFIX is checked with make -n)
run make -s install DESTDIR="$T/root"
check "make install" [ "$rc" = 0 ]
check "binary 0755" [ "$(stat -c %a "$T/root/usr/local/bin/anli")" = 755 ]
check "database 0644" [ "$(stat -c %a "$T/root/usr/local/share/anli/anli.db")" = 644 ]
check "man page 0644" [ "$(stat -c %a "$T/root/usr/local/share/man/man1/anli.1")" = 644 ]
check "the installed binary finds its database" sh -c "cd / && '$T/root/usr/local/bin/anli' --db '$T/root/usr/local/share/anli/anli.db' show 1 >/dev/null"
run make -s uninstall DESTDIR="$T/root"
check "make uninstall removes the binary" [ ! -e "$T/root/usr/local/bin/anli" ]
check "make uninstall removes the database" [ ! -e "$T/root/usr/local/share/anli/anli.db" ]
run make -n install DESTDIR=/dest PREFIX=/opt/anli
check "PREFIX and DESTDIR on every install path" sh -c "grep -q '/dest/opt/anli/bin/anli' '$T/out' && grep -q '/dest/opt/anli/share/anli/anli.db' '$T/out' && grep -q '/dest/opt/anli/share/man/man1/anli.1' '$T/out'"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
