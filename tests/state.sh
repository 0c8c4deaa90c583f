#!/bin/sh
# state.sh — paragraph addresses and the per-user state file through the
# command line: show ID:N / block ids / --numbered, mark, bookmarks,
# progress, doctor, two processes writing at once, `anli ID` resolved
# before the terminal.  Every state file is under a temporary directory
# (--state, $ANLI_STATE, $XDG_DATA_HOME); the user's own is never touched.
# Run from the top of the source tree after `make` (make check does).
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB ANLI_STATE NO_COLOR PAGER LESS COLUMNS
ANLI=${ANLI_BIN:-./anli}
T=$(mktemp -d /tmp/anli-state.XXXXXX)
trap 'rm -rf "$T"' EXIT
# the default location, should anything fall back to it: inside $T
export HOME="$T/home" XDG_DATA_HOME="$T/xdg"
mkdir -p "$HOME"
S="$T/s/user.db"
mkdir -p "$T/s"
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...: the command must succeed
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
jq_true() { [ "$(jq "$1" "$2" 2>/dev/null)" = true ]; }
run() { "$@" >"$T/out" 2>"$T/err" </dev/null; rc=$?; }
expect_error() { # expect_error CODE PATTERN CMD...: exit code, one stderr line, no stdout
	code=$1 pat=$2; shift 2
	run "$@"
	[ "$rc" = "$code" ] || bad "$*: exit $rc, wanted $code ($(cat "$T/err"))"
	[ -s "$T/out" ] && bad "$*: printed to stdout on error"
	[ "$(wc -l <"$T/err")" = 1 ] || bad "$*: stderr is not one line: $(cat "$T/err")"
	grep -q -- "$pat" "$T/err" && ok || bad "$*: stderr lacks '$pat': $(cat "$T/err")"
}

# --- addresses in show
run $ANLI show 27 --format=json
check "show 27 json" [ "$rc" = 0 ]
cp "$T/out" "$T/c27.json"
check "show json has no n without --numbered" jq_true 'all(.blocks[]; has("n") | not)' "$T/c27.json"
p5=$(jq -r '[.blocks[] | select(.kind == "paragraph")][4].id' "$T/c27.json")
p5text=$(jq -r '[.blocks[] | select(.kind == "paragraph")][4].text' "$T/c27.json")
check "c27 has a fifth paragraph" [ -n "$p5" ] && [ "$p5" != null ]
run $ANLI show 27:5 --format=json
check "show 27:5 json: one block" jq_true '.blocks | length == 1' "$T/out"
check "show 27:5 json: the fifth paragraph" [ "$(jq -r '.blocks[0].id' "$T/out")" = "$p5" ]
check "show 27:5 json: n, section_n, cite" jq_true '.blocks[0] | .n == 5 and .section_n >= 1 and (.cite | test("第[0-9]+段$"))' "$T/out"
check "show 27:5 json: the item's fields" [ "$(jq -r .id "$T/out")" = c27 ]
run $ANLI show 27:5
check "show 27:5 text exits 0" [ "$rc" = 0 ]
check "show 27:5 text: the paragraph only" [ "$(sed 's/^　*//' "$T/out")" = "$p5text" ]
check "show ID:N = show BLOCK" sh -c "$ANLI show '$p5' | cmp -s - '$T/out'"
up=$(echo "$p5" | tr a-z A-Z)
check "block ids in any case" sh -c "$ANLI show '$up' | cmp -s - '$T/out'"
check "ID:N with any item form" sh -c "$ANLI show C027:5 | cmp -s - '$T/out'"
run $ANLI show 27:5 --format=markdown
check "show 27:5 markdown" [ "$(cat "$T/out")" = "$p5text" ]
cap=$(jq -r '[.blocks[] | select(.kind == "caption")][0].id' "$T/c27.json")
run $ANLI show "$cap" --format=json
check "a caption by its block id" jq_true '.blocks[0].kind == "caption" and (.blocks[0] | has("n") | not)' "$T/out"
run $ANLI show 27:5 --width=20
check "show ID:N wraps" [ "$(wc -l <"$T/out")" -gt 3 ]
expect_error 1 "no paragraph '27:99'" $ANLI show 27:99
expect_error 1 "no paragraph '27:0'" $ANLI show 27:0
expect_error 1 "no block 'c27:p1'" $ANLI show c27:p1
expect_error 1 "no item 'c99:1'" $ANLI show c99:1

# --- --numbered
run $ANLI show 27 --numbered --format=json
check "--numbered json: n on every paragraph, 1..N in order" jq_true '[.blocks[] | select(.kind == "paragraph") | .n] == ([.blocks[] | select(.kind == "paragraph")] | length | [range(1; . + 1)])' "$T/out"
check "--numbered json: no n elsewhere" jq_true 'all(.blocks[] | select(.kind != "paragraph"); has("n") | not)' "$T/out"
check "--numbered json: the other fields unchanged" sh -c "jq -c '.blocks |= map(del(.n, .section_n, .section_heading, .cite))' '$T/out' | cmp -s - \"\$(jq -c . '$T/c27.json' >'$T/c27c.json'; echo '$T/c27c.json')\""
npara=$(jq '[.blocks[] | select(.kind == "paragraph")] | length' "$T/out")
run $ANLI show 27 --numbered
check "--numbered text: one number per paragraph" [ "$(grep -c '^ *[0-9][0-9]* ' "$T/out")" = "$npara" ]
check "--numbered text: the fifth" grep -q "^ 5 　　$(printf '%s' "$p5text" | cut -c1-15)" "$T/out"
run $ANLI show 27 --numbered --width=30
check "--numbered text wraps in the gutter's room" sh -c "awk 'length > 0' '$T/out' | grep -qv '^   \\|^ *[0-9]'; [ \$? = 1 ]"
run $ANLI show 27 --numbered --format=markdown
check "--numbered markdown: ¶N" [ "$(grep -c '^¶[0-9]* ' "$T/out")" = "$npara" ]
check "--numbered markdown: ¶5" grep -q "^¶5 " "$T/out"
expect_error 2 "applies to 'show' only" $ANLI list --numbered
expect_error 2 "--fresh applies to the reader only" $ANLI list --fresh

# --- anli ID: resolved before the terminal is touched (stdin, stdout not a tty)
expect_error 1 "no item '99'" $ANLI 99
expect_error 1 "no item '99'" $ANLI --state "$S" 99
expect_error 1 "no paragraph '27:99'" $ANLI 27:99
expect_error 1 "no block 'c27:p1'" $ANLI c27:p1
for id in 27 c27 a3 27:5 "$p5" foreword; do
	expect_error 2 "not a terminal" $ANLI $id
done
expect_error 2 "unknown command 'frobnicate'" $ANLI frobnicate
expect_error 2 "unexpected argument" $ANLI 27 5

# --- mark, progress
A="$ANLI --state $S"
run $A mark 27 read
check "mark read exits 0, prints nothing" [ "$rc" = 0 ] && [ ! -s "$T/out" ] && [ ! -s "$T/err" ]
check "the state file was created" [ -s "$S" ]
run $A mark c1 reviewed; check "mark reviewed" [ "$rc" = 0 ]
run $A mark C02 needs-fix; check "mark needs-fix" [ "$rc" = 0 ]
run $A mark a3 read; check "mark an article read" [ "$rc" = 0 ]
run $A mark foreword read; check "mark the foreword read" [ "$rc" = 0 ]
run $A mark 28 read; run $A mark 28 unread; check "mark unread" [ "$rc" = 0 ]
run $A mark 3 reviewed; run $A mark 3 none; check "mark none" [ "$rc" = 0 ]
expect_error 2 "is not read, unread" $A mark 27 done
expect_error 2 "marks are per item" $A mark 27:5 read
expect_error 1 "no item '99'" $A mark 99 read
expect_error 2 "expected an ID" $A mark 27
run $A progress
check "progress exits 0" [ "$rc" = 0 ]
check "progress tsv header" [ "$(head -n 1 "$T/out")" = "$(printf 'collection\tchapter\ttitle\titems\tread\treviewed\tneeds_fix')" ]
check "progress tsv: chapter 1 (c1 reviewed, c2 needs-fix)" grep -q "$(printf '^book\t1\t学术交流\t6\t0\t1\t1$')" "$T/out"
check "progress tsv: chapter 3 (c27 read)" grep -q "$(printf '^book\t3\t科经融合\t14\t1\t0\t0$')" "$T/out"
check "progress tsv: the foreword" grep -q "$(printf '^book\t\tforeword\t1\t1\t0\t0$')" "$T/out"
check "progress tsv: total" grep -q "$(printf '^\t\ttotal\t62\t3\t1\t1$')" "$T/out"
check "progress tsv: same field count" [ "$(awk -F'\t' '{print NF}' "$T/out" | sort -u)" = 7 ]
run $A progress --format=json
check "progress json" jq_true '.total == {"items": 62, "read": 3, "reviewed": 1, "needs_fix": 1} and (.chapters | length == 10) and .chapters[1].needs_fix == 1' "$T/out"
run $A progress --format=table
check "progress table" grep -q '^total  *62  *3  *1  *1$' "$T/out"
expect_error 2 "unknown format" $A progress --format=xml

# --- bookmarks
run $A bookmarks add 27:5
check "bookmarks add exits 0, prints nothing" [ "$rc" = 0 ] && [ ! -s "$T/out" ]
run $A bookmarks add "$up"; check "adding it again is no error" [ "$rc" = 0 ]
run $A bookmarks add "$cap"; check "a bookmark on a caption" [ "$rc" = 0 ]
run $A bookmarks add a3:1; check "a bookmark in an article" [ "$rc" = 0 ]
expect_error 2 "names an item" $A bookmarks add 27
expect_error 1 "no paragraph" $A bookmarks add 27:99
expect_error 2 "is not add, rm or list" $A bookmarks move 27:5
run $A bookmarks
check "bookmarks list tsv: header and 3 rows" [ "$(wc -l <"$T/out")" = 4 ]
check "bookmarks list tsv header" [ "$(head -n 1 "$T/out")" = "$(printf 'block_id\taddress\titem\tcite\tcreated\ttext')" ]
check "bookmarks list tsv: stored by block id, shown by ID:N" grep -q "$(printf '^%s\tc27:5\tc27\t' "$p5")" "$T/out"
check "bookmarks list = bookmarks" sh -c "$A bookmarks list | cmp -s - '$T/out'"
run $A bookmarks list --format=json
check "bookmarks json" jq_true 'length == 3 and .[0].address == "c27:5" and .[0].found and (.[0].created | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T"))' "$T/out"
check "bookmarks json: the caption's address is its id" jq_true "any(.[]; .block_id == \"$cap\" and .address == \"$cap\" and .cite == null)" "$T/out"
run $A bookmarks rm c27:5; check "bookmarks rm" [ "$rc" = 0 ]
expect_error 1 "no bookmark on 'c27:5'" $A bookmarks rm c27:5
run $A bookmarks list --format=json
check "bookmarks after rm" jq_true 'length == 2' "$T/out"

# --- doctor: state on a block this build does not have (kept, listed)
run $A doctor
check "doctor: all attached, exit 0" [ "$rc" = 0 ]
check "doctor: integrity ok" grep -q '^integrity: ok$' "$T/out"
check "doctor: schema version" grep -q '^schema: version 2 ' "$T/out"
sqlite3 "$S" "INSERT INTO bookmark VALUES ('c27:p9999', 'c27', NULL, 0); INSERT INTO review VALUES ('c77', 'reviewed', NULL, 0)"
run $A doctor
check "doctor: exit 1 when state is detached" [ "$rc" = 1 ]
check "doctor lists the bookmark on c27:p9999 and its fallback" grep -q '^bookmark on c27:p9999: no such block in c27 (kept); falls back to c27:p[0-9]* (c27:[0-9]*)$' "$T/out"
check "doctor lists the mark on an unknown item" grep -q "^review on c77: this book has no item 'c77' (kept)$" "$T/out"
run $A doctor --format=json
check "doctor json" jq_true '.integrity == "ok" and .schema == 2 and (.detached | length == 2) and any(.detached[]; .block_id == "c27:p9999" and (.fallback | startswith("c27:")))' "$T/out"
run $A doctor --format=tsv
check "doctor tsv" grep -q "$(printf '^bookmark\tc27\tc27:p9999\tc27:')" "$T/out"
check "doctor keeps what it lists" [ "$(sqlite3 "$S" "SELECT count(*) FROM bookmark WHERE block_id = 'c27:p9999'")" = 1 ]
run $A bookmarks list --format=json
check "a detached bookmark is listed as not found" jq_true 'any(.[]; .block_id == "c27:p9999" and (.found | not) and .address == null)' "$T/out"
run $A bookmarks rm c27:p9999; check "a detached bookmark can be removed" [ "$rc" = 0 ]

# --- two processes adding 200 distinct bookmarks each, at once
P="$T/p/user.db"
mkdir -p "$T/p"
for id in $($ANLI list --all | tail -n +2 | cut -f1); do
	$ANLI show "$id" --format=json | jq -r '.blocks[] | select(.kind == "paragraph") | .id'
done | head -n 400 >"$T/ids"
check "400 paragraphs to bookmark" [ "$(sort -u "$T/ids" | wc -l)" = 400 ]
head -n 200 "$T/ids" >"$T/ids1"
tail -n 200 "$T/ids" >"$T/ids2"
adder() { # adder LIST: one process per bookmark, as a script would
	while read -r b; do
		$ANLI --state "$P" bookmarks add "$b" </dev/null || echo "failed: $b"
	done <"$1" >"$1.err" 2>&1
}
adder "$T/ids1" &
w1=$!
adder "$T/ids2" &
w2=$!
wait $w1
wait $w2
check "no add failed or said anything" [ ! -s "$T/ids1.err" ] && [ ! -s "$T/ids2.err" ]
[ -s "$T/ids1.err" ] && head -n 3 "$T/ids1.err"
check "all 400 bookmarks present" [ "$(sqlite3 "$P" 'SELECT count(*) FROM bookmark')" = 400 ]
check "the very ones" sh -c "sqlite3 '$P' 'SELECT block_id FROM bookmark' | sort | cmp -s - \"\$(sort '$T/ids' >'$T/ids.s'; echo '$T/ids.s')\""
check "integrity_check ok" [ "$(sqlite3 "$P" 'PRAGMA integrity_check')" = ok ]
run $ANLI --state "$P" bookmarks list
check "bookmarks list: 400" [ "$(tail -n +2 "$T/out" | wc -l)" = 400 ]

# --- where the file is: ANLI_STATE, $XDG_DATA_HOME, ~/.local/share
run env ANLI_STATE="$T/env.db" $ANLI mark 5 read
check "ANLI_STATE is used" [ "$(sqlite3 "$T/env.db" 'SELECT item_id FROM read_mark')" = c5 ]
run env ANLI_STATE="$T/env.db" $ANLI --state "$T/opt.db" mark 6 read
check "--state wins over ANLI_STATE" [ "$(sqlite3 "$T/opt.db" 'SELECT item_id FROM read_mark')" = c6 ]
run $ANLI mark 7 read
check "XDG_DATA_HOME/anli/user.db, made with its directory" [ "$(sqlite3 "$XDG_DATA_HOME/anli/user.db" 'SELECT item_id FROM read_mark')" = c7 ]
check "the directory is private" [ "$(stat -c %a "$XDG_DATA_HOME/anli")" = 700 ]
run env -u XDG_DATA_HOME $ANLI mark 8 read
check "~/.local/share/anli/user.db" [ "$(sqlite3 "$HOME/.local/share/anli/user.db" 'SELECT item_id FROM read_mark')" = c8 ]
check "application_id ANLU" [ "$(sqlite3 "$S" 'PRAGMA application_id')" = 1095650389 ]
check "WAL" [ "$(sqlite3 "$S" 'PRAGMA journal_mode')" = wal ]

# --- no state: reading goes on, saving fails loudly
run $ANLI --state "$T/none/dir/user.db" progress
check "no state: progress still prints" [ "$rc" = 0 ] && [ "$(tail -n 1 "$T/out" | cut -f4)" = 62 ]
check "no state: said, one line" sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q 'state is not saved' '$T/err'"
expect_error 2 "state is not saved" $ANLI --state "$T/none/dir/user.db" mark 27 read
expect_error 2 "path is empty" $ANLI --state '' mark 27 read
run env -u HOME -u XDG_DATA_HOME $ANLI show 27:5
check "no home: show needs no state" [ "$rc" = 0 ] && [ ! -s "$T/err" ]
expect_error 2 "no home directory" env -u HOME -u XDG_DATA_HOME $ANLI mark 27 read
# a file a newer anli wrote, which this one may not use
cp "$S" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 9; UPDATE meta SET value = '99.0.0' WHERE key = 'min_reader'"
expect_error 2 "newer anli" $ANLI --state "$T/newer.db" mark 27 read
check "a newer file is left as it was" [ "$(sqlite3 "$T/newer.db" 'PRAGMA user_version')" = 9 ]
# a damaged file is moved aside and a new one started
printf 'SQLite format 3\000 and then junk, long enough to look like a damaged database' >"$T/bad.db"
printf 'wal' >"$T/bad.db-wal"
run $ANLI --state "$T/bad.db" mark 27 read
check "damaged: the change is saved in a new file" [ "$rc" = 0 ] && [ "$(sqlite3 "$T/bad.db" 'SELECT item_id FROM read_mark')" = c27 ]
check "damaged: said in one line" sh -c "[ \$(wc -l <'$T/err') = 1 ] && grep -q 'moved to .*bad.db.corrupt-[0-9]\\{8\\}T[0-9]\\{6\\}; starting a new state file' '$T/err'"
check "damaged: moved with its -wal" sh -c "ls '$T' | grep -q '^bad.db.corrupt-[0-9T]*-wal\$' && ls '$T' | grep -q '^bad.db.corrupt-[0-9T]*\$'"

# a file that is not a database at all is never moved or changed
echo thesis >"$T/thesis.txt"
expect_error 2 "thesis.txt: not an anli state file (not an SQLite database); reading state is not saved" $ANLI --state "$T/thesis.txt" mark 27 read
check "not a database: left as it was" [ "$(cat "$T/thesis.txt")" = thesis ]
check "not a database: not moved aside, no lock file beside it" sh -c "! ls '$T' | grep -q '^thesis.txt.'"

# three processes opening one damaged file at once: it is moved aside
# once, and all three changes are saved in the new one
for r in $(seq 1 20); do
	D="$T/race$r"
	mkdir -p "$D"
	{ printf 'SQLite format 3\000'; head -c 8192 /dev/urandom; } >"$D/user.db"
	for i in 1 2 3; do
		$ANLI --state "$D/user.db" mark $i read </dev/null 2>"$D/err$i" &
	done
	wait
	check "race $r: moved aside once" [ "$(ls "$D" | grep -c '^user.db.corrupt-[0-9T]*$')" = 1 ]
	check "race $r: all three marks saved" [ "$(sqlite3 "$D/user.db" 'SELECT count(*) FROM read_mark')" = 3 ]
	check "race $r: one message, no error" [ "$(cat "$D"/err* | wc -l)" = 1 ] && grep -q 'moved to' "$D"/err*
done

# WAL where it works, the rollback journal where it does not: here the
# -shm WAL needs cannot be made (a directory stands in its way), as on
# file systems without shared memory
mkdir -p "$T/j/user.db-shm"
run $ANLI --state "$T/j/user.db" mark 9 read
check "no WAL: the change is saved" [ "$rc" = 0 ] && [ ! -s "$T/err" ]
run $ANLI --state "$T/j/user.db" bookmarks add 9:1
check "no WAL: and the next" [ "$rc" = 0 ]
run $ANLI --state "$T/j/user.db" doctor
check "no WAL: doctor says delete" grep -q '^journal mode: delete$' "$T/out"
check "no WAL: both there" [ "$(sqlite3 "$T/j/user.db" 'SELECT count(*) FROM read_mark; SELECT count(*) FROM bookmark' | tr '\n' ' ')" = "1 1 " ]
check "no WAL: the file is in rollback mode" [ "$(sqlite3 "$T/j/user.db" 'PRAGMA journal_mode')" = delete ]

echo "state: $pass passed, $fail failed"
[ "$fail" = 0 ]
