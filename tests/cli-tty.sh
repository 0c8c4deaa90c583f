#!/bin/sh
# cli-tty.sh — the command line on a terminal (a pty from tests/ptyrun.py)
# and the messages around it: tables aligned by display width, colour
# (--color, NO_COLOR, TERM=dumb), an explicit --format winning, show's
# header, width and pager (on a terminal only), id forms, the no-hit
# message, --count, the --limit notice, errors that suggest only what
# makes sense.  No timing anywhere.  Run from the top of the source tree
# after `make` (make check does); the pipe outputs themselves are compared
# with the golden files by tests/golden-pipe.sh.
set -u
LC_ALL=C.UTF-8
TERM=xterm
export LC_ALL TERM
unset ANLI_DB NO_COLOR LESS COLUMNS PAGER
ANLI=${ANLI_BIN:-./anli}
PY=${PYTHON3:-/usr/bin/python3}
T=$(mktemp -d /tmp/anli-tty.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
ESC=$(printf '\033')
HIT=$(printf '\033[1;31m')

# tty COLS CMD...: CMD on a COLS x 24 pty; output → $T/out (raw bytes),
# stderr → $T/err, exit status → $rc
tty() {
	cols=$1; shift
	$PY tests/ptyrun.py "$cols" 24 --stderr "$T/err" "$@" >"$T/out"; rc=$?
}
# run CMD...: in a pipe
run() { "$@" >"$T/out" 2>"$T/err" </dev/null; rc=$?; }
plain() { sed "s/$ESC\[[0-9;]*m//g" "$T/out"; } # without SGR escapes
widest() { plain | wc -L; }                     # display columns (glibc wcwidth: ambiguous = 1)
aligned() { $PY tests/columns.py "$@" <"$T/out"; }
has_esc() { grep -q "$ESC" "$T/out"; }

# --- list: a table on a terminal, the pipe's TSV otherwise
tty 80 $ANLI list
check "list on a tty: exit 0" [ "$rc" = 0 ]
check "list on a tty: a table, not TSV" sh -c "! grep -q '	' '$T/out'"
check "list on a tty: header" sh -c "head -n 1 '$T/out' | sed 's/$ESC\[[0-9;]*m//g' | grep -q '^id  *chapter  *title  *byline$'"
check "list on a tty: 61 rows" [ "$(plain | tail -n +2 | wc -l)" = 61 ]
check "list on a tty: columns aligned by display width" aligned 61
check "list on a tty: fits 80 columns" [ "$(widest)" -le 80 ]
check "list on a tty: long cells cut with …" grep -q '…  ' "$T/out"
check "list on a tty: no trailing blanks" sh -c "! grep -q ' \$' '$T/out'"
for w in 40 57 120 200; do
	tty $w $ANLI list
	check "list at $w columns: fits" [ "$(widest)" -le $w ]
	check "list at $w columns: aligned" aligned 61
done
tty 80 $ANLI list --all
check "list --all on a tty: the foreword too" sh -c "sed -n 2p '$T/out' | grep -q '^foreword  *前言'"
# an explicit --format wins, on a terminal too
tty 80 $ANLI list --format=tsv
check "list --format=tsv on a tty = today's TSV" cmp -s "$T/out" tests/golden/002.out
tty 80 $ANLI list --format=json
check "list --format=json on a tty = today's JSON" cmp -s "$T/out" tests/golden/003.out
# --format=table anywhere: width from COLUMNS, then 80
run env COLUMNS=50 $ANLI list --format=table
check "list --format=table in a pipe: COLUMNS" [ "$(widest)" -le 50 ]
check "list --format=table in a pipe: aligned" aligned 61
check "list --format=table in a pipe: no colour" sh -c "! grep -q '$ESC' '$T/out'"
run $ANLI list --format=table
check "list --format=table in a pipe: 80 columns without COLUMNS" [ "$(widest)" -le 80 ]
check "list --format=table: over 70 columns used" [ "$(widest)" -gt 70 ]

# --- ambiguous width: with --ambiwidth=2 “ ” count two columns
tty 80 $ANLI --ambiwidth=2 list
check "list --ambiwidth=2: still 61 rows" [ "$(plain | tail -n +2 | wc -l)" = 61 ]
# widths as an ambiguous-wide terminal counts them: “ ” … two columns each
check "list --ambiwidth=2: fits 80 ambiguous-wide columns" sh -c "[ \"\$(sed 's/$ESC\[[0-9;]*m//g; s/[“”…]/&&/g' '$T/out' | wc -L)\" -le 80 ]"

# --- search: hits in colour, cut around the hit
tty 100 $ANLI search 院士专家
check "search on a tty: exit 0" [ "$rc" = 0 ]
rows=$(plain | tail -n +2 | wc -l)
check "search on a tty: every row colours its hit" [ "$(grep -cF "$HIT院士专家" "$T/out")" = "$rows" ]
check "search on a tty: as many rows as hits" [ "$rows" = "$($ANLI search 院士专家 | tail -n +2 | wc -l)" ]
check "search on a tty: fits" [ "$(widest)" -le 100 ]
check "search on a tty: aligned" aligned "$rows"
check "search on a tty: colour, not ⟦⟧" sh -c "! grep -q '⟦' '$T/out'"
tty 44 $ANLI search 院士专家
check "search at 44 columns: fits" [ "$(widest)" -le 44 ]
check "search at 44 columns: the hit stays in sight on every row" [ "$(grep -cF "$HIT院士专家" "$T/out")" = "$rows" ]
check "search at 44 columns: snippets cut with …" grep -q '…' "$T/out"
# colour: NO_COLOR (set and not empty), --color, TERM=dumb
tty 100 env NO_COLOR=1 $ANLI search 院士
check "NO_COLOR=1: no colour" sh -c "! grep -q '$ESC' '$T/out'"
check "NO_COLOR=1: still a table" aligned 20
check "NO_COLOR=1: every hit marked ⟦⟧ instead" [ "$(grep -c '⟦院士⟧' "$T/out")" = "$(($(wc -l <"$T/out") - 1))" ]
tty 100 env NO_COLOR= $ANLI search 院士
check "NO_COLOR empty: colour" grep -qF "$HIT院士" "$T/out"
tty 100 env NO_COLOR=1 $ANLI search 院士 --color=always
check "--color=always beats NO_COLOR" grep -qF "$HIT院士" "$T/out"
tty 100 $ANLI search 院士 --color=never
check "--color=never: no colour" sh -c "! grep -q '$ESC' '$T/out'"
tty 100 env TERM=dumb $ANLI search 院士
check "TERM=dumb: no colour" sh -c "! grep -q '$ESC' '$T/out'"
run $ANLI search 院士 --format=table --color=always
check "--format=table --color=always in a pipe: colour" grep -qF "$HIT院士" "$T/out"
run $ANLI search 院士 --color=always
check "--color=always never colours the pipe's TSV" cmp -s "$T/out" tests/golden/010.out
tty 100 $ANLI search 院士 --format=tsv
check "search --format=tsv on a tty = today's TSV" cmp -s "$T/out" tests/golden/010.out
expect_usage() { # expect_usage PATTERN CMD...: exit 2, one line on stderr
	pat=$1; shift
	run "$@"
	[ "$rc" = 2 ] && [ ! -s "$T/out" ] && [ "$(wc -l <"$T/err")" = 1 ] && grep -q -- "$pat" "$T/err" && ok ||
		bad "$*: exit $rc, stderr: $(cat "$T/err")"
}
expect_usage "--color: 'sometimes'" $ANLI search 院士 --color=sometimes

# --- search: no hits, --count, --limit
run $ANLI search 没有这样的词语组合
check "no hits: exit 1" [ "$rc" = 1 ]
check "no hits: said on stderr" grep -q "^anli: no hits for '没有这样的词语组合'$" "$T/err"
check "no hits: stdout as before (the header)" cmp -s "$T/out" tests/golden/018.out
tty 80 $ANLI search 没有这样的 词语
check "no hits on a tty: exit 1" [ "$rc" = 1 ]
check "no hits on a tty: said with the whole query" grep -q "no hits for '没有这样的 词语'" "$T/err"
check "no hits on a tty: no empty table" [ ! -s "$T/out" ]
run $ANLI search 院士
hits=$(($(wc -l <"$T/out") - 1))
items=$(tail -n +2 "$T/out" | cut -f1 | sort -u | wc -l)
check "with hits: nothing on stderr" [ ! -s "$T/err" ]
run $ANLI search 院士 --count
check "--count: exit 0" [ "$rc" = 0 ]
check "--count: hits and items" [ "$(cat "$T/out")" = "$hits hits in $items items" ]
run $ANLI search 院士 --count --format=tsv
check "--count --format=tsv" [ "$(cat "$T/out")" = "$(printf 'hits\titems\n%s\t%s' "$hits" "$items")" ]
run $ANLI search 院士 --count --format=json
check "--count --format=json" [ "$(jq -c . "$T/out")" = "{\"hits\":$hits,\"items\":$items}" ]
run $ANLI search 扬州高新区科协通过把握 --count
check "--count: one hit, one item" [ "$(cat "$T/out")" = "1 hit in 1 item" ]
run $ANLI search 没有这样的词语组合 --count
check "--count without hits: exit 1" [ "$rc" = 1 ]
check "--count without hits: 0" grep -q '^0 hits in 0 items$' "$T/out"
expect_usage "--count applies to 'search' only" $ANLI list --count
expect_usage "does not go with --limit" $ANLI search 院士 --count --limit=3
run $ANLI search 院士 --limit=3
check "--limit: three rows" [ "$(wc -l <"$T/out")" = 4 ]
check "--limit: says it cut" grep -q "^anli: 3 of $hits hits shown (--limit=3)$" "$T/err"
run $ANLI search 院士 --limit=$hits
check "--limit not reached: no notice" [ ! -s "$T/err" ]
tty 80 $ANLI search 院士 --limit=2
check "--limit on a tty: two rows" [ "$(plain | wc -l)" = 3 ]
check "--limit on a tty: the notice" grep -q "2 of $hits hits shown" "$T/err"

# --- stats
tty 70 $ANLI stats
check "stats on a tty: aligned (numbers right)" aligned 11 1
check "stats on a tty: fits 70 columns" [ "$(widest)" -le 70 ]
check "stats on a tty: long titles cut with …" grep -q '^2 深入实施.*…  ' "$T/out"
check "stats on a tty: the inferred start's * kept" grep -q '^第四篇 产业服务 \*  ' "$T/out"
check "stats on a tty: a legend" sh -c "grep -q '^paragraphs  ' '$T/out' && grep -q '^han  ' '$T/out'"
check "stats on a tty: the totals line" grep -q '9 chapters, 53 cases, 8 articles, 1 foreword' "$T/out"
tty 70 $ANLI stats --format=text
check "stats --format=text on a tty = today's text" cmp -s "$T/out" tests/golden/006.out

# --- show: header, width, pager on a terminal only
cat >"$T/pager" <<EOF
#!/bin/sh
# a pager that records that it ran, with what \$LESS, and what it got
echo "ran LESS=\${LESS-unset}" >>"$T/pager.log"
cat >"$T/paged"
EOF
chmod +x "$T/pager"
mkdir "$T/bin"
cp "$T/pager" "$T/bin/less" # the default pager is less, found in PATH
tty 60 env PAGER="$T/pager" $ANLI show 27
check "show on a tty: exit 0" [ "$rc" = 0 ]
check "show on a tty: through the pager" [ "$(cat "$T/pager.log")" = "ran LESS=FRX" ]
check "show on a tty: nothing printed past the pager" [ ! -s "$T/out" ]
check "show on a tty: the header first" [ "$(head -n 1 "$T/paged")" = "第三篇 科经融合 · 案例 27/53" ]
check "show on a tty: then a blank line and the title" [ "$(sed -n 2,3p "$T/paged")" = "$(printf '\n用好“科创中国”平台')" ]
check "show on a tty: wrapped to 60 columns" [ "$(wc -L <"$T/paged")" -le 60 ]
check "show on a tty: wrapped, not cut (over 54 columns used)" [ "$(wc -L <"$T/paged")" -gt 54 ]
tail -n +3 "$T/paged" >"$T/a"
$ANLI show 27 --width=60 >"$T/b"
check "show on a tty: the text as show --width=60 has it" cmp -s "$T/a" "$T/b"
rm -f "$T/pager.log"
tty 60 env PAGER="$T/pager" LESS=-S $ANLI show a3
check "a LESS of the user's is kept" [ "$(cat "$T/pager.log")" = "ran LESS=-S" ]
check "show a3: the article's header" [ "$(head -n 1 "$T/paged")" = "Leaders' articles · 文章 3/8" ]
rm -f "$T/pager.log"
tty 60 env PATH="$T/bin:$PATH" $ANLI show 前言
check "no PAGER: less, with LESS=FRX" [ "$(cat "$T/pager.log")" = "ran LESS=FRX" ]
check "show 前言: the foreword's header" [ "$(head -n 1 "$T/paged")" = "前言" ]
rm -f "$T/pager.log" "$T/paged"
tty 60 env PAGER="$T/pager" $ANLI show 27 --no-pager
check "--no-pager: no pager" [ ! -e "$T/pager.log" ]
check "--no-pager: printed directly, header first" [ "$(head -n 1 "$T/out")" = "第三篇 科经融合 · 案例 27/53" ]
tty 60 env PAGER="$T/pager" $ANLI --no-pager show 27 --width=30
check "--no-pager before the command; --width on a tty" [ "$(wc -L <"$T/out")" -le 30 ]
check "--width on a tty: the header too" [ "$(head -n 1 "$T/out")" = "第三篇 科经融合 · 案例 27/53" ]
tty 60 env PAGER= $ANLI show 27
check "PAGER empty: printed directly" [ "$(head -n 1 "$T/out")" = "第三篇 科经融合 · 案例 27/53" ]
tty 60 env PAGER="$T/no-such-pager -R" $ANLI show 27
check "a pager that cannot be started: printed directly" sh -c "[ '$rc' = 0 ] && head -n 1 '$T/out' | grep -q '案例 27/53' && [ ! -s '$T/err' ]"
rm -f "$T/pager.log"
tty 60 env PAGER="LESS=-X $T/pager" $ANLI show 27
check "PAGER with an assignment: run by the shell" [ "$(cat "$T/pager.log")" = "ran LESS=-X" ]
tty 60 env PAGER="$T/pager" COLUMNS=30 $ANLI show 27
check "the terminal's width wins over COLUMNS" [ "$(wc -L <"$T/paged")" -gt 54 ]
# in a pipe: never the pager, today's output
rm -f "$T/pager.log"
run env PAGER="$T/pager" $ANLI show 1
check "show in a pipe: no pager" [ ! -e "$T/pager.log" ]
check "show in a pipe: today's output" cmp -s "$T/out" tests/golden/021.out
# an explicit --format: that format exactly, through the pager
tty 60 env PAGER="$T/pager" $ANLI show a4 --format=json
check "show --format=json on a tty: paged, today's JSON" cmp -s "$T/paged" tests/golden/027.out
# the reader quits the pager early, half-way through a long item: quiet, 0
cp data/anli.db "$T/long.db"
sqlite3 "$T/long.db" "UPDATE block SET text = replace(hex(zeroblob(30000)), '00', '很长的段落。') WHERE id = (SELECT id FROM block WHERE item_id = 'c2' AND kind = 'p' LIMIT 1);"
tty 60 env PAGER="head -c 100 >/dev/null" $ANLI --db "$T/long.db" show 2
check "pager quit early: exit 0" [ "$rc" = 0 ]
check "pager quit early: nothing on stderr" [ ! -s "$T/err" ]

# --- ids: any case, leading zeros, 前言
$ANLI show c1 >"$T/c1"
$ANLI show a3 >"$T/a3"
$ANLI show foreword >"$T/fw"
for id in 1 01 c1 C1 c01 C01; do
	run $ANLI show $id
	check "show $id = show c1" cmp -s "$T/out" "$T/c1"
done
for id in a3 A3 a03 A03; do
	run $ANLI show $id
	check "show $id = show a3" cmp -s "$T/out" "$T/a3"
done
for id in 前言 FOREWORD Foreword; do
	run $ANLI show $id
	check "show $id = show foreword" cmp -s "$T/out" "$T/fw"
done

# --- errors name what makes sense, never an unrelated command
for args in "show c99" "show a9" "show x1"; do
	run $ANLI $args
	check "$args: exit 1" [ "$rc" = 1 ]
	check "$args: suggests list, not search" sh -c "grep -q \"see 'anli list'\" '$T/err' && ! grep -q 'search' '$T/err'"
done
for args in "show 1 --bogus" "--bogus list" "list -x" "stats --colour-me"; do
	run $ANLI $args
	check "$args: exit 2" [ "$rc" = 2 ]
	check "$args: no search suggested" sh -c "grep -q 'unknown option' '$T/err' && ! grep -q 'anli search' '$T/err'"
done
run $ANLI search -科技
check "search -WORD: how to search for it" grep -q "unknown option '-科技' (to search for it: anli search -- -科技)" "$T/err"
run $ANLI search --bogus 科技
check "search --bogus: a mistyped option, not a word" sh -c "grep -q \"unknown option '--bogus'\" '$T/err' && ! grep -q 'anli search --' '$T/err'"

echo "cli-tty: $pass passed, $fail failed"
[ "$fail" = 0 ]
