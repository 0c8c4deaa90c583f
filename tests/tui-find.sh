#!/bin/bash
# tui-find.sh — screen tests of the search flow (issue 10, item 6): the
# hit counter over the whole book, n/N on into the next item, results
# grouped by item and limited by the tree's chapter, the tree's counts when
# narrow, the prompt's line editor.  The real binary in tmux at 80x24, keys
# sent, the pane captured.  Run from the top of the tree.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
SOCK="anli-find-$$"
T=$(mktemp -d /tmp/anli-find.XXXXXX)
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
start() { # start NAME COLS ROWS COMMAND
	tm kill-session -t "$1" 2>/dev/null
	# a state file of its own per session, new: no resume from another one
	rm -f "$T/state-$1.db" "$T/state-$1.db-wal" "$T/state-$1.db-shm"
	tm new-session -d -s "$1" -x "$2" -y "$3" "ANLI_STATE='$T/state-$1.db'; export ANLI_STATE; $4; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
# the status line (the last row)
status() { cap "$1"; tail -n 1 "$T/screen"; }

# --- the counter over the book, and n on into the next case
start c 80 24 "$ANLI"
expect c "江苏扬州高新区科协" "start"
keys c /
keys c -l "院士行"
keys c Enter
expect c "“院士行” 1/10 ·" "/ then Enter: the counter over the whole book"
# case 1 holds 8 of them: the 9th is in case 2
i=0; while [ $i -lt 8 ]; do keys c n; i=$((i + 1)); done
expect c "“院士行” 9/10 ·" "n counts on over the book"
expect c "第一篇 学术交流 · 案例 2/53" "n crossed into the next case (the header says so)"
keys c N
expect c "“院士行” 8/10 ·" "N goes back into case 1, at its last hit"
expect c "第一篇 学术交流 · 案例 1/53" "N: the header names case 1"
# the same through the whole-book search: Enter on the first hit, then n
keys c s
keys c -l "院士行"
keys c Enter
expect c "“院士行”: 10 hits in 3 items" "s: the results"
keys c Enter
expect c "“院士行” 1/10 ·" "s, Enter: the first hit, counted"
expect c "第一篇 学术交流 · 案例 1/53" "s, Enter: in case 1"
i=0; while [ $i -lt 8 ]; do keys c n; i=$((i + 1)); done
expect c "“院士行” 9/10 ·" "n after s goes on: the 9th hit"
expect c "第一篇 学术交流 · 案例 2/53" "n after s goes on into case 2"
keys c n
expect c "“院士行” 10/10 ·" "and on: the 10th hit"
expect c "第五篇 科学普及 · 案例 33/53" "and on into case 33, chapter 5"
keys c n
expect c "continuing at the top" "the end of the book: n wraps with the message"
keys c q

# --- results grouped by item; limited by the tree's chapter; counts kept
start r 80 24 "$ANLI"
expect r "江苏扬州高新区科协" "start for the results"
keys r s
keys r -l "人才"
keys r Enter
expect r "“人才”: 633 hits in 56" "the results: hits and items"
expect r "^前言 · 3 hits" "a header row per item with its count"
expect r "^2 · 发挥园区科.* · 2 hits" "a numbered item's header row"
expect r "^  [^ ].*人才" "a row per hit with its snippet"
# the first row is a header: the selection is on the first hit, and Enter opens it
keys r Enter
expect r "“人才” 1/633 ·" "Enter opens the first hit; the counter says 1/633"
keys r Escape
# the tree, narrow: every chapter keeps its count of hits
keys r t
expect r "第一篇 学术交.*\[17" "t shows the tree"
cap r
[ "$(grep -c '^ 第.篇.*\[[0-9]*' "$T/screen")" = 7 ] && ok || bad "the narrow tree shows the hits of all 7 chapters"
grep -q "第二篇 人才… \[185\]" "$T/screen" && ok || bad "a narrow chapter row: title cut with …, count kept"
# choosing chapter 6 in the tree limits the results to it
keys r g j j j j j j j
expect r "│“人才”: 100 hits in 7" "choosing a chapter limits the results"
expect r "│40 · 国际交流.* · 5 hits" "to the cases of chapter 6"
expect_not r "“人才”: 100 hits" "│2 · 发挥园区科" "the other chapters' items are gone"
keys r g
expect r "“人才”: 633 hits in 56" "choosing the collection lifts the limit"
keys r q

# --- the prompt is a line editor: cursor by width, C-u, C-w, C-k, history
start p 80 24 "$ANLI"
expect p "江苏扬州高新区科协" "start for the prompt"
keys p s
keys p -l "人才"
keys p Enter
expect p "“人才”: 633 hits" "a first search, for the history"
keys p s
keys p -l "院士"
keys p Left
keys p -l "专"
expect p "^ search: 院专士 *$" "Left moves back one (wide) character; typing inserts there"
keys p End
keys p -l " 行"
expect p "^ search: 院专士 行$" "End, then typing appends"
keys p C-w
expect p "^ search: 院专士 *$" "C-w deletes the word before the cursor"
keys p C-a C-k
keys p -l "x"
expect p "^ search: x$" "C-a, C-k: the line cleared from the start"
keys p -l "yz"
keys p Left C-u
expect p "^ search: z$" "C-u deletes from the start to the cursor"
keys p Up
expect p "^ search: 人才$" "Up recalls the last search"
keys p Down
expect p "^ search: z$" "Down comes back to what was typed"
keys p Escape
keys p /
keys p -l "院士"
keys p Enter /
keys p Up
expect p "^ /院士$" "the / prompt has its own history"
keys p Escape q
expect p "^> 第一篇 学术交流" "q closes the results first (a secondary view)"
keys p q
expect p "EXIT=0" "then quits cleanly"

# --- scrolling the results past a screen: the hits that share a case's
# document borrow its text (a window whose first hit was loaded crashed)
start z 80 24 "$ANLI"
expect z "江苏扬州高新区科协" "start for the results scroll"
keys z s
keys z -l "院士"
keys z Enter
expect z "“院士”: 112 hits in 26 items" "the results of 院士"
i=0; while [ $i -lt 60 ]; do keys z j; i=$((i + 1)); done
expect z "^> “院士”: 112 hits in 26 items" "60 rows down the results: still there, title on the first row, focus marked"
keys z q
expect z "^> 第一篇\|^>.*│" "q closes the results"
keys z q
expect z "EXIT=0" "and the reader quits normally (no crash)"

echo "tui-find: $pass passed, $fail failed"
[ "$fail" = 0 ]
