#!/bin/sh
# notes.sh — proofreading notes through the command line (issue 12):
# add / list / edit / resolve / reopen / delete, quotes matched as typed,
# errors, show --notes, export in every format checked for content, export
# → import → export, importing twice, a conflict, tombstones, a shared
# notes file (--notes, $ANLI_NOTES, 0660), two writers at once, a writer
# killed with SIGKILL, and a rebuild of the book in which one correction
# landed and another note's paragraph went away.  Every file is under a
# temporary directory.  Run from the top of the tree after `make`.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB ANLI_STATE ANLI_NOTES NO_COLOR PAGER LESS COLUMNS
ANLI=${ANLI_BIN:-$(pwd)/anli}
BUILD=${BUILD:-$(pwd)/build/anli-build}
T=$(mktemp -d /tmp/anli-notes.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/xdg" ANLI_AUTHOR=校对甲
mkdir -p "$HOME"
S="$T/s.db"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { d=$1; shift; if "$@"; then ok; else bad "$d"; fi; }
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
a() { "$ANLI" --state "$S" "$@"; }
# add … : must print a number and nothing else
add() {
	run a notes add "$@"
	if [ "$rc" = 0 ] && grep -qx '[0-9][0-9]*' "$T/out" && [ ! -s "$T/err" ]; then ok; else
		bad "notes add $*: exit $rc, out '$(cat "$T/out")', err '$(cat "$T/err")'"; fi
	num=$(cat "$T/out")
}

# --- add
add 27:4 --kind=改 --quote=挂点组 --fix=联系点 '用词'
n_fix=$num
add 27:5 '这一段太长, 可否拆开？'
n_query=$num
add 27:5 --kind=删 --quote='（送审稿）' '不必写出'
n_del=$num
# typed without the spaces the book has: the book's exact text is stored
add 27:6 --kind=insert --quote='创新平台33个' --fix='（含省级）'
n_ins=$num
add c27:title --quote=科创中国 '标题|用竖线'
n_title=$num
add 27:4 --quote=科创中国 --occurrence=2 '=1+1 不是公式'
n_occ=$num
check "numbers count up" [ "$n_fix $n_query $n_del $n_ins $n_title $n_occ" = "1 2 3 4 5 6" ]

run a notes list --format=json
check "list json: six notes" jq_true 'length == 6' "$T/out"
check "the exact text of the book is stored" jq_true '.[] | select(.num == 4) | .quote == "创新平台 33 个" and .kind == "增"' "$T/out"
check "the kind's ASCII alias and the default 疑" jq_true '[.[] | select(.num == 2 or .num == 6) | .kind] == ["疑", "疑"]' "$T/out"
check "--occurrence=2: the second 科创中国 of 27:4" jq_true '.[] | select(.num == 6) | .offset > 2 and .prefix != ""' "$T/out"
check "author from ANLI_AUTHOR" jq_true 'all(.[]; .author == "校对甲")' "$T/out"
check "anchor ids: block ids and c27:title" jq_true '[.[] | .anchor] | index("c27:title") != null and index("c27:p3669") != null' "$T/out"

# --- errors: one line, nonzero exit, nothing written
expect_error 2 "occurs .* times in c27:4.*--occurrence" a notes add 27:4 --quote=科创中国 'which one?'
expect_error 1 "is not in the text of c27:4" a notes add 27:4 --quote=不存在的话 'x'
expect_error 2 "--kind: '错' is not" a notes add 27:4 --kind=错 --quote=挂点组 'x'
expect_error 2 "needs --fix" a notes add 27:4 --kind=改 --quote=挂点组 'x'
expect_error 2 "has no fix" a notes add 27:4 --kind=疑 --fix=y 'x'
expect_error 2 "names an item" a notes add 27 'x'
expect_error 1 "no paragraph '27:999'" a notes add 27:999 'x'
expect_error 1 "999" a notes resolve 999
expect_error 1 "999" a notes edit 999 'x'
expect_error 2 "nothing to change" a notes edit 1
expect_error 2 "status: 'done'" a notes list --status=done
expect_error 2 "unknown format 'xml'" a notes export --format=xml
expect_error 2 "applies to 'notes' only" a show 27 --kind=改
run a notes list --format=json
check "errors added nothing" jq_true 'length == 6' "$T/out"

# --- resolve, reopen, edit, delete
run a notes resolve "$n_query"
check "resolve exits 0" [ "$rc" = 0 ]
run a notes list --status=resolved --format=tsv
check "list --status=resolved: the one" [ "$(tail -n +2 "$T/out" | cut -f1)" = "$n_query" ]
run a notes list --status=open --format=tsv
check "list --status=open: the five others" [ "$(tail -n +2 "$T/out" | wc -l)" = 5 ]
a notes reopen "$n_query" && ok || bad "reopen"
run a notes list --status=open --format=tsv
check "reopened" [ "$(tail -n +2 "$T/out" | wc -l)" = 6 ]
a notes edit "$n_query" '拆成两段' && ok || bad "edit TEXT"
uuid_q=$(a notes list --format=json | jq -r ".[] | select(.num == $n_query) | .uuid")
a notes edit "$(echo "$uuid_q" | cut -c1-8)" --kind=改 --quote=送审稿 --fix=报批稿 && ok || bad "edit by uuid prefix"
run a notes list --format=json
check "edited: kind, quote, fix, text kept, rev 5 (add, resolve, reopen, edit, edit)" jq_true ".[] | select(.num == $n_query) | .kind == \"改\" and .quote == \"送审稿\" and .fix == \"报批稿\" and .note == \"拆成两段\" and .rev == 5" "$T/out"
expect_error 2 "needs --fix" a notes edit "$n_query" --no-fix
a notes edit "$n_query" --kind=疑 --no-fix && ok || bad "edit --kind=疑 --no-fix"
a notes delete "$n_del" && ok || bad "delete"
run a notes list --format=tsv
check "deleted: gone from the list" [ "$(tail -n +2 "$T/out" | cut -f1 | grep -cx "$n_del")" = 0 ]
expect_error 1 "$n_del" a notes resolve "$n_del"
run a notes list --item=27 --format=tsv
check "--item=27: five" [ "$(tail -n +2 "$T/out" | wc -l)" = 5 ]
run a notes list --item=1 --format=tsv
check "--item=1: none" [ "$(wc -l <"$T/out")" = 1 ]

# --- show --notes
run a show 27 --notes
check "show --notes: the quote marked" grep -q '⟦挂点组⟧' "$T/out"
check "show --notes: the note after its paragraph" grep -q "^    \[#$n_fix 改\] ⟦挂点组⟧ → 联系点  用词 — 校对甲" "$T/out"
check "show --notes: the title's note" grep -q "\[#$n_title 疑\] ⟦科创中国⟧" "$T/out"
check "show --notes: the deleted note is not shown" sh -c "! grep -q '\[#$n_del ' '$T/out'"
run a show 27:4 --notes
check "show 27:4 --notes: its two notes" [ "$(grep -c '^    \[#' "$T/out")" = 2 ]
run a show 27
check "show without --notes: no marks" sh -c "! grep -q '⟦' '$T/out'"

# --- export: CSV
run a notes export --format=csv --bom
cp "$T/out" "$T/e.csv"
check "csv: starts with the BOM" [ "$(head -c 3 "$T/e.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check "csv: CRLF ends every record" [ "$(grep -c "$(printf '\r')\$" "$T/e.csv")" = "$(wc -l <"$T/e.csv")" ]
python3 - "$T/e.csv" >"$T/py" 2>&1 <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
cols = "collection chapter item title section paragraph block source page kind quote fix note status anchor applied author created updated uuid".split()
assert rows[0] == cols, rows[0]
d = [dict(zip(cols, r)) for r in rows[1:]]
assert len(d) == 5, len(d)
# book order: the title, then 27:4 (two notes, by offset), 27:5, 27:6
assert [r['paragraph'] for r in d] == ['c27:title', 'c27:4', 'c27:4', 'c27:5', 'c27:6'], [r['paragraph'] for r in d]
assert d[1]['quote'] == '挂点组' and d[1]['fix'] == '联系点' and d[1]['kind'] == '改', d[1]
assert d[2]['note'] == "'=1+1 不是公式", d[2]['note']            # inert
assert d[3]['note'] == '拆成两段' and d[3]['kind'] == '疑', d[3]
assert d[4]['quote'] == '创新平台 33 个' and d[4]['fix'] == '（含省级）'
assert all(r['item'] == '27' and r['status'] == 'open' and r['anchor'] == 'exact' for r in d)
assert d[1]['block'] == 'c27:p3669' and d[1]['source'].endswith(':3669'), d[1]
assert d[1]['section'].endswith('段') and d[1]['chapter'].startswith('第'), d[1]
assert d[1]['applied'] == 'no' and d[3]['applied'] == ''
assert all(len(r['uuid']) == 36 for r in d)
print("ok")
EOF
check "csv read back by python's csv module ($(tail -n 1 "$T/py"))" [ "$(tail -n 1 "$T/py")" = ok ]

# --- TSV
run a notes export --format=tsv
cp "$T/out" "$T/e.tsv"
check "tsv: header" [ "$(head -n 1 "$T/e.tsv")" = "$(printf 'collection\tchapter\titem\ttitle\tsection\tparagraph\tblock\tsource\tpage\tkind\tquote\tfix\tnote\tstatus\tanchor\tapplied\tauthor\tcreated\tupdated\tuuid')" ]
check "tsv: 20 fields on every line" [ "$(awk -F'\t' 'NF != 20' "$T/e.tsv" | wc -l)" = 0 ]
check "tsv: five rows" [ "$(wc -l <"$T/e.tsv")" = 6 ]
check "tsv: the pipe stays, the note is there" [ "$(awk -F'\t' '$6 == "c27:title" { print $13 }' "$T/e.tsv")" = '标题|用竖线' ]
check "tsv: same rows as csv" [ "$(cut -f20 "$T/e.tsv" | tail -n +2)" = "$(python3 -c 'import csv,sys; [print(r[19]) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))[1:]]' "$T/e.csv")" ]

run a notes export --format=tsv --chapter=book/3
check "--chapter=book/3 (case 27's): all five" [ "$(wc -l <"$T/out")" = 6 ]
run a notes export --format=tsv --chapter=book/1
check "--chapter=book/1: none" [ "$(wc -l <"$T/out")" = 1 ]
expect_error 1 "no chapter 'book/99'" a notes export --chapter=book/99

# --- Markdown: the 勘误表
run a notes export --format=markdown
cp "$T/out" "$T/e.md"
check "md: the title" [ "$(head -n 1 "$T/e.md")" = "# 勘误表" ]
check "md: the collection, then one chapter heading" [ "$(grep -c '^## 全国园区科协典型案例汇编$' "$T/e.md")" = 1 ] && [ "$(grep -c '^### 第' "$T/e.md")" = 1 ]
check "md: case 27's heading" grep -q '^#### 案例 27 ' "$T/e.md"
check "md: the table's head" grep -q '^| 位置 | 页 | 类 | 原文 | 改为 | 说明 | 状态 | 提出 |$' "$T/e.md"
check "md: a row: where, kind, quote, fix, remark" grep -q '^| [^|]* 第[0-9]*段 (c27:4) | [0-9]* | 改 | 挂点组 | 联系点 | 用词 | 待处理 | 校对甲 |$' "$T/e.md"
check "md: the title's row" grep -q '^| 标题 (c27:title) | ' "$T/e.md"
check "md: the pipe escaped" grep -q '标题\\|用竖线' "$T/e.md"
check "md: 增 reads quote + fix" grep -q '| 创新平台 33 个（含省级） |' "$T/e.md"

# --- JSON, and a round trip
run a notes export --format=json
cp "$T/out" "$T/e.json"
check "json: the format" jq_true '.anli_notes == 1 and (.book | length == 16) and (.exported | endswith("Z"))' "$T/e.json"
check "json: the tombstone travels" jq_true "[.notes[] | select(.deleted)] | length == 1" "$T/e.json"
check "json: history of the edited note" jq_true "[.notes[] | select(.uuid == \"$uuid_q\") | .history[] | .rev] == [1, 2, 3, 4, 5]" "$T/e.json"
check "json: the people's columns" jq_true '.notes[0] | has("chapter") and has("section") and has("paragraph") and has("page")' "$T/e.json"
S2="$T/s2.db"
run "$ANLI" --state "$S2" notes import "$T/e.json"
check "import into an empty file" [ "$(cat "$T/out")" = "added 6, updated 0, unchanged 0, deleted 0, conflicts 0" ]
"$ANLI" --state "$S2" notes export --format=csv --bom >"$T/e2.csv"
check "export → import → export: the same rows" cmp -s "$T/e.csv" "$T/e2.csv"
"$ANLI" --state "$S2" notes export --format=json | jq -S 'del(.exported)' >"$T/e2.json"
check "export → import → export: the same JSON" sh -c "jq -S 'del(.exported)' '$T/e.json' | cmp -s - '$T/e2.json'"
run "$ANLI" --state "$S2" notes import "$T/e.json"
check "importing twice adds nothing" [ "$(cat "$T/out")" = "added 0, updated 0, unchanged 6, deleted 0, conflicts 0" ]
expect_error 2 "nope.json" "$ANLI" --state "$S2" notes import "$T/nope.json"
echo '{"anli_notes": 1, "notes": [{"uuid": "x"}]}' >"$T/badnote.json"
expect_error 2 "badnote.json: note 1 (x): \"rev\" is missing" "$ANLI" --state "$S2" notes import "$T/badnote.json"
# what is wrong in the file imported names it, never the notes file
: >"$T/empty.json"
expect_error 2 "^anli: $T/empty.json: not valid JSON$" "$ANLI" --state "$S2" notes import "$T/empty.json"
printf '{' >"$T/trunc.json"
expect_error 2 "^anli: $T/trunc.json: not valid JSON$" "$ANLI" --state "$S2" notes import "$T/trunc.json"
echo '{"anli_notes": 1, "notes": ["abc"]}' >"$T/str.json"
expect_error 2 "^anli: $T/str.json: note 1: not a JSON object$" "$ANLI" --state "$S2" notes import "$T/str.json"
echo '{"anli_notes": 1, "notes": [null]}' >"$T/null.json"
expect_error 2 "^anli: $T/null.json: note 1: not a JSON object$" "$ANLI" --state "$S2" notes import "$T/null.json"

# the sender's derived fields are not trusted, the note rules hold
one() { jq ".notes |= [.[] | select(.kind == \"改\") | del(.history) | $1]" "$T/e.json" >"$T/one.json"; }
one '.uuid = "99999999-9999-4999-8999-999999999999" | .anchor = "c27:p999999"'
run "$ANLI" --state "$T/trust.db" notes import "$T/one.json"
run "$ANLI" --state "$T/trust.db" notes list --format=json
check "an imported anchor unknown here is anchored again (its quote found: moved), not trusted as exact" jq_true '.[0].anchor_state == "moved" and .[0].anchor != "c27:p999999"' "$T/out"
one '.item = "a1"'
expect_error 2 "one.json: note 1 (.*): the anchor c27:p.* is not in the item a1$" "$ANLI" --state "$T/trust2.db" notes import "$T/one.json"
one '.item = "../../etc" | .anchor = "../../etc:p1"'
run "$ANLI" --state "$T/trust3.db" notes import "$T/one.json"
run "$ANLI" --state "$T/trust3.db" notes list --format=json
check "an unknown item imported is orphaned" jq_true '.[0].anchor_state == "orphaned"' "$T/out"
one '.fix = null'
expect_error 2 "one.json: note 1 (.*): a 改 note needs a fix" "$ANLI" --state "$T/trust4.db" notes import "$T/one.json"
one '.fix = .quote'
expect_error 2 "one.json: note 1 (.*): a 改 note's fix is its quote" "$ANLI" --state "$T/trust4.db" notes import "$T/one.json"
one '.fix = "   "'
expect_error 2 "one.json: note 1 (.*): a 改 note needs a fix" "$ANLI" --state "$T/trust4.db" notes import "$T/one.json"
one '.kind = "删"'
expect_error 2 "one.json: note 1 (.*): a 删 note has no fix" "$ANLI" --state "$T/trust4.db" notes import "$T/one.json"
one '.kind = "增" | .quote = ""'
expect_error 2 "one.json: note 1 (.*): a 增 note needs a quote" "$ANLI" --state "$T/trust4.db" notes import "$T/one.json"
one '.note = ("x" * 70000)'
expect_error 2 "one.json: note 1 (.*): a text of the note is longer than 65536 bytes" "$ANLI" --state "$T/trust4.db" notes import "$T/one.json"

# output that cannot be written: the change is saved, the error says so
if [ -w /dev/full ]; then
	"$ANLI" --state "$T/full.db" notes import "$T/e.json" >/dev/full 2>"$T/err"; rc=$?
	check "import >/dev/full: exit 2 ($rc)" [ "$rc" = 2 ]
	check "import >/dev/full: said ($(cat "$T/err"))" grep -qx "anli: $T/e.json: imported, but writing the counts failed: No space left on device" "$T/err"
	"$ANLI" --state "$T/full.db" notes add 27:4 'x' >/dev/full 2>"$T/err"; rc=$?
	check "add >/dev/full: exit 2" [ "$rc" = 2 ]
	check "add >/dev/full: said ($(cat "$T/err"))" grep -qx "anli: note 7 added, but writing its number failed: No space left on device" "$T/err"
	check "add >/dev/full: the note is saved" [ "$(sqlite3 "$T/full.db" 'SELECT count(*) FROM note')" = 7 ]
fi

# --- a conflict: two editors change one note from a shared base
A="$T/a.db" B="$T/b.db"
"$ANLI" --state "$A" notes import "$T/e.json" >/dev/null
"$ANLI" --state "$B" notes import "$T/e.json" >/dev/null
# short numbers are each file's own: across files a note is named by its uuid
u_fix=$(jq -r '.notes[] | select(.fix == "联系点") | .uuid' "$T/e.json")
u_ins=$(jq -r '.notes[] | select(.kind == "增") | .uuid' "$T/e.json")
ANLI_AUTHOR=甲 "$ANLI" --state "$A" notes edit "$u_fix" '甲的说明' && ok || bad "A edits"
ANLI_AUTHOR=乙 "$ANLI" --state "$B" notes edit "$u_fix" '乙的说明' && ok || bad "B edits"
ANLI_AUTHOR=乙 "$ANLI" --state "$B" notes delete "$u_ins" && ok || bad "B deletes"
"$ANLI" --state "$B" notes export --format=json >"$T/b.json"
run "$ANLI" --state "$A" notes import "$T/b.json"
check "B into A: one conflict, one deletion ($(cat "$T/out"))" [ "$(cat "$T/out")" = "added 0, updated 0, unchanged 4, deleted 1, conflicts 1" ]
"$ANLI" --state "$A" notes export --format=json >"$T/a.json"
check "the conflict keeps both texts" jq_true "[.notes[] | select(.uuid == \"$u_fix\") | .note, .history[].note] | index(\"甲的说明\") != null and index(\"乙的说明\") != null" "$T/a.json"
check "the loser is marked a conflict" jq_true "[.notes[] | select(.uuid == \"$u_fix\") | .history[] | select(.conflict)] | length == 1" "$T/a.json"
run "$ANLI" --state "$A" notes import "$T/e.json"
check "the old base again: nothing changes" [ "$(cat "$T/out")" = "added 0, updated 0, unchanged 6, deleted 0, conflicts 0" ]
run "$ANLI" --state "$A" notes list --format=tsv
check "the deletion is not resurrected" [ "$(tail -n +2 "$T/out" | wc -l)" = 4 ]

# --- a shared notes file: --notes, $ANLI_NOTES, 0660, separate from state
mkdir "$T/team"
N="$T/team/notes.db"
(umask 022; "$ANLI" --state "$S" --notes "$N" notes add 1:1 '共享的批注' >"$T/out" 2>"$T/err")
check "--notes: added ($(cat "$T/err"))" [ "$(cat "$T/out")" = 1 ]
check "the shared file is created 0660" [ "$(stat -c %a "$N")" = 660 ]
check "with the directory's group" [ "$(stat -c %g "$N")" = "$(stat -c %g "$T/team")" ]
run env ANLI_NOTES="$N" "$ANLI" --state "$S" notes list --format=tsv
check "ANLI_NOTES: the shared note" [ "$(tail -n +2 "$T/out" | wc -l)" = 1 ]
run a notes list --item=1 --format=tsv
check "not in the state file" [ "$(wc -l <"$T/out")" = 1 ]
run a show 1:1 --notes="$N"
check "show --notes=PATH: inline from that file" grep -q '共享的批注' "$T/out"
# a damaged shared notes file is never moved aside (nor a text file)
{ printf 'SQLite format 3\000'; head -c 4096 /dev/zero | tr '\0' J; } >"$T/team/damaged.db"
cp "$T/team/damaged.db" "$T/damaged.orig"
expect_error 2 "damaged.db: damaged (.*); a shared notes file is not moved aside.*notes are not saved$" "$ANLI" --notes "$T/team/damaged.db" notes add 1:1 x
expect_error 2 "damaged.db: damaged" "$ANLI" --notes "$T/team/damaged.db" notes list
check "the damaged shared file is left where it was" cmp -s "$T/team/damaged.db" "$T/damaged.orig"
check "and nothing is moved aside" sh -c "! ls '$T/team' | grep -q corrupt"
echo thesis >"$T/team/thesis.txt"
expect_error 2 "thesis.txt: not an anli notes file (not an SQLite database); notes are not saved$" env ANLI_NOTES="$T/team/thesis.txt" "$ANLI" notes list
check "a text as the notes file is left as it was" [ "$(cat "$T/team/thesis.txt")" = thesis ]
# a read-only notes file (as a user who may not write it: root runs anli
# as nobody): listed and exported; a write refused in one line
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	RO=$(mktemp -d /tmp/anli-ro.XXXXXX)
	chmod 755 "$RO"
	cp "$N" "$RO/notes.db"
	# nobody may not reach the checkout (a clone in a 0700 directory):
	# the binary and the book beside it, where anli finds data/anli.db
	mkdir "$RO/data"
	cp "$ANLI" "$RO/anli"
	cp data/anli.db "$RO/data/anli.db"
	chmod 444 "$RO/notes.db"
	chmod 555 "$RO" "$RO/data"
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	run nobody "$RO/anli" --notes "$RO/notes.db" notes list --format=tsv
	check "read-only: listed ($(cat "$T/err"))" [ "$rc" = 0 ] && [ "$(tail -n +2 "$T/out" | wc -l)" = 1 ]
	run nobody "$RO/anli" --notes "$RO/notes.db" notes export --format=json
	check "read-only: exported" jq_true '.notes | length == 1' "$T/out"
	expect_error 2 "notes.db: saving a note: the file is read-only (opened for reading): nothing is saved$" nobody "$RO/anli" --notes "$RO/notes.db" notes add 1:1 x
	chmod 755 "$RO"
	rm -rf "$RO"
fi
# another program's database as the notes file: said in the notes file's words
sqlite3 "$T/team/other.db" 'CREATE TABLE t(x)'
expect_error 2 "other.db: not an anli notes file (application_id 0x00000000); notes are not saved$" "$ANLI" --notes "$T/team/other.db" notes list

# --- two writers at once: 200 notes each
adder() { # adder TAG: 200 adds, one process each
	i=0
	while [ $i -lt 200 ]; do
		i=$((i + 1))
		"$ANLI" --notes "$N" notes add 1:2 "$1 $i" </dev/null >/dev/null || echo "failed: $1 $i"
	done >"$T/$1.err" 2>&1
}
adder w1 &
p1=$!
adder w2 &
p2=$!
wait $p1
wait $p2
check "no add failed ($(head -n 2 "$T/w1.err" "$T/w2.err"))" [ ! -s "$T/w1.err" ] && [ ! -s "$T/w2.err" ]
run "$ANLI" --notes "$N" notes list --item=1 --format=tsv
check "all 400 (and the first) kept" [ "$(tail -n +2 "$T/out" | wc -l)" = 401 ]
check "each once" [ "$(tail -n +2 "$T/out" | cut -f10 | grep -c '^w[12] [0-9]*$' )" = 400 ] && [ "$(tail -n +2 "$T/out" | cut -f10 | sort -u | wc -l)" = 401 ]
check "integrity_check ok" [ "$(sqlite3 "$N" 'PRAGMA integrity_check')" = ok ]

# --- a writer killed with SIGKILL keeps every note it printed
K="$T/k.db"
setsid sh -c "while :; do \"$ANLI\" --notes '$K' notes add 1:3 killed </dev/null >>'$T/printed' 2>>'$T/k.err' || exit 1; done" &
kp=$!
# wait for 25 printed numbers (a bound on the polls, never a time assertion)
polls=0
while [ "$(cat "$T/printed" 2>/dev/null | wc -l)" -lt 25 ] && kill -0 $kp 2>/dev/null && [ $polls -lt 6000 ]; do
	sleep 0.05
	polls=$((polls + 1))
done
# the loop and the anli it is running (its own process group: setsid);
# dash's kill takes no "--"
kill -KILL -$kp 2>/dev/null || kill -KILL $kp 2>/dev/null
wait $kp 2>/dev/null
check "the writer ran (it printed 25 numbers)" [ "$(wc -l <"$T/printed")" -ge 25 ]
"$ANLI" --notes "$K" notes list --format=tsv 2>"$T/err" | tail -n +2 | cut -f1 | sort -n >"$T/kept"
missing=$(grep -x '[0-9][0-9]*' "$T/printed" | sort -n | comm -23 - "$T/kept" | wc -l)
check "every printed note is kept ($missing missing)" [ "$missing" = 0 ]
check "after SIGKILL: integrity_check ok" [ "$(sqlite3 "$K" 'PRAGMA integrity_check')" = ok ]

# --- a rebuild: one correction made in the source, another note's paragraph removed
mkdir "$T/data"
cp -R data/book data/leaders data/raw "$T/data/"
cp data/*.txt "$T/data/" 2>/dev/null
"$BUILD" -o "$T/anli.db" "$T/data" >"$T/build.out" 2>&1 && ok || { bad "build the copy"; cat "$T/build.out"; }
R="$T/r.db"
r() { ANLI_DB="$T/anli.db" "$ANLI" --state "$R" "$@"; }
r notes add 27:4 --kind=改 --quote=挂点组 --fix=联系点 >/dev/null && ok || bad "rebuild: add the fix"
r notes add 27:5 --quote=送审稿 '何时报批？' >/dev/null && ok || bad "rebuild: add the query"
cite5=$(r show 27:5 --format=json | jq -r '.blocks[0].cite')
r notes add 27:6 --kind=删 --quote=综合排名 'untouched' >/dev/null && ok || bad "rebuild: add a third"
F="$T/data/book/27.txt"
sed -e '/^p 3669-3677 /s/挂点组/联系点/' -e '/^p 3698-3708 /d' "$F" >"$F.new" && mv "$F.new" "$F"
check "the edit is in the copy" [ "$(grep -c '^p 3669-3677 .*联系点' "$F")" = 1 ] && [ "$(grep -c '^p 3698-3708' "$F")" = 0 ]
"$BUILD" -o "$T/anli.db" "$T/data" >"$T/build.out" 2>&1 && ok || { bad "rebuild"; cat "$T/build.out"; }
run r notes list --format=json
check "the correction is applied" jq_true '.[] | select(.quote == "挂点组") | .applied' "$T/out"
check "the removed paragraph's note is orphaned" jq_true '.[] | select(.quote == "送审稿") | .anchor_state == "orphaned"' "$T/out"
check "the other is neither" jq_true '.[] | select(.quote == "综合排名") | .anchor_state == "exact" and (.applied | not)' "$T/out"
run r notes export --format=csv
check "export: the orphans last, the gone paragraph's note with its old citation and block" [ "$(tail -n 1 "$T/out" | cut -d, -f5-7)" = "$cite5,c27:5,c27:p3698" ]
check "export: the applied correction stays in place (not an orphan), first" [ "$(sed -n 2p "$T/out" | cut -d, -f11,15,16)" = 挂点组,exact,yes ]
check "export: the note still in place next" [ "$(sed -n 3p "$T/out" | cut -d, -f11,15)" = 综合排名,exact ]
check "export: marked orphaned" sh -c "tail -n 1 '$T/out' | grep -q ',orphaned,'"
# re-attach the orphan: its quote is in no paragraph now, so give another
n_orph=$(r notes list --format=json | jq -r '.[] | select(.quote == "送审稿") | .num')
there=$(r notes list --format=json | jq -r '.[] | select(.quote == "综合排名") | .anchor')
expect_error 1 "is not in the text of" r notes attach "$n_orph" "$there"
r notes attach "$n_orph" "$there" --quote=综合排名 && ok || bad "notes attach with --quote"
run r notes list --format=json
check "attached: exact, there, the remark kept" jq_true ".[] | select(.num == $n_orph) | .anchor_state == \"exact\" and .anchor == \"$there\" and .quote == \"综合排名\" and .note == \"何时报批？\"" "$T/out"

echo "notes.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
