#!/bin/bash
# tui-state.sh — the reader's per-user state in tmux: open at an ID from the
# shell, resume without one, --fresh, history (Backspace, C-n), review
# status in list and tree, read marks, and the position surviving kill -9.
# Every state file is in a temporary directory (--state), never the home.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB ANLI_STATE NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
SOCK="anli-state-$$"
T=$(mktemp -d /tmp/anli-state.XXXXXX)
S="$T/user.db"
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0

start() { # start NAME COMMAND: 120x40
	tm kill-session -t "$1" 2>/dev/null
	# after kill -9 the terminal is left raw (no CR on LF): sane modes and a
	# fresh line before the status, as a user would type reset
	tm new-session -d -s "$1" -x 120 -y 40 "$2; rc=\$?; stty sane 2>/dev/null; printf '\\r\\nEXIT=%s\\n' \$rc; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
# the second screen row (the first is the header): the text pane's top line is at its end
row1() { cap "$1"; sed -n 2p "$T/screen"; }
expect_top() { # expect_top NAME TEXT DESCRIPTION: TEXT on the text pane's first line
	i=0
	while [ $i -lt 50 ]; do
		row1 "$1" | grep -q -- "│[ >]*$2" && { ok; return; }
		sleep 0.1
		i=$((i + 1))
	done
	bad "$3: '$2' not at the top of the text"
}
# sql_wait QUERY VALUE DESCRIPTION: poll the state file until QUERY gives VALUE (up to 5 s)
sql_wait() {
	i=0
	while [ $i -lt 50 ]; do
		[ "$(sqlite3 "$S" "$1" 2>/dev/null)" = "$2" ] && { ok; return; }
		sleep 0.1
		i=$((i + 1))
	done
	bad "$3: '$1' is '$(sqlite3 "$S" "$1" 2>&1)', not '$2'"
}
quit() { # quit NAME: q, and the reader has exited
	keys "$1" q
	expect "$1" "EXIT=0" "q quits"
}

P5="在协同合作方面" # case 27, paragraph 5

# --- open from the shell: case 27 ¶5 at the top, text focused
start a "$ANLI --state '$S' 27:5"
expect_top a "$P5" "anli 27:5 opens at the paragraph"
expect a "第三篇 科经融合 · 案例 27/53" "the header says case 27"
quit a
sql_wait "SELECT item_id || ' ' || block_id || ' ' || focus FROM position" "c27 c27:p3698 text" "the position on quit"

# --- resume: the same place without an ID
start b "$ANLI --state '$S'"
expect_top b "$P5" "resumes at case 27 ¶5"
# Backspace returns from an item change; C-n goes forward again
keys b ']'
expect b "第四篇 产业服务 · 案例 28/53" "] opens case 28"
keys b BSpace
expect_top b "$P5" "Backspace returns to case 27 ¶5"
keys b C-n
expect b "第四篇 产业服务 · 案例 28/53" "C-n goes forward to case 28"
keys b C-o
expect_top b "$P5" "C-o steps back too"
quit b

# --- --fresh: the top, the first case
start c "$ANLI --state '$S' --fresh"
expect c "第一篇 学术交流 · 案例 1/53" "--fresh opens the first case"
expect c "^N前言" "the tree flags the unread foreword"
cap c
if grep -q -- "$P5" "$T/screen"; then bad "--fresh: case 27 still shown"; else ok; fi
# review status: r in the list marks the selected case; the tree rolls up
keys c r
expect c "c1: review status reviewed" "r says what it did"
expect c "│N✓ 1 加强“三期”管理" "reviewed: ✓ in the list"
expect c "第一篇 学术交流 (6) ✓1" "the tree's roll-up counts it"
keys c r
expect c "│N! 1 加强“三期”管理" "needs-fix: ! in the list"
expect c "第一篇 学术交流 (6) !1" "the tree's roll-up: needs-fix"
sql_wait "SELECT item_id || ' ' || status FROM review" "c1 needs-fix" "review saved"
# read mark: the end of the case shown in the focused text pane
keys c l
expect c "│N! 1 加强" "case 1 is unread before its end was shown"
keys c G
sql_wait "SELECT item_id FROM read_mark" "c1" "paging to the end marks the case read"
expect c "│ ! 1 加强" "the list drops the unread flag"
expect c "第一篇 学术交流 (1/6) !1" "the tree counts it read"
# M toggles it back
keys c M
expect c "c1: marked unread" "M marks it unread"
sql_wait "SELECT count(*) FROM read_mark" "0" "unread saved"
# a search jump (more than a screen), and Backspace back to the top
keys c g
expect_top c "加强“三期”管理" "g: the top of case 1"
keys c /
keys c -l "长期合作关系"
keys c Enter
expect c "(END)" "the / search jumps to the end of case 1 (not the prompt's echo of the query)"
expect c "“长期合作关系” 1/" "the prompt closed: the status line counts the match"
keys c BSpace
expect_top c "加强“三期”管理" "Backspace returns from the search jump"
# U opens the next unread case (case 1 was read again at the jump)
keys c U
expect c "第一篇 学术交流 · 案例 2/53" "U opens the next unread case"
quit c

# --- kill -9 keeps the last position (saved within a second, polled)
start d "$ANLI --state '$S' --fresh"
expect d "第一篇 学术交流 · 案例 1/53" "start for kill -9"
keys d ']' ']'
expect d "第一篇 学术交流 · 案例 3/53" "] ] opens case 3"
sql_wait "SELECT item_id FROM position" "c3" "the position is saved while reading"
sh_pid=$(tm display -p -t d '#{pane_pid}')
pid=$(pgrep -P "$sh_pid" | head -1)
kill -9 "$pid"
expect d "EXIT=137" "kill -9"
start e "$ANLI --state '$S'"
expect e "第一篇 学术交流 · 案例 3/53" "after kill -9 the reader resumes at case 3"
# C marks the whole chapter read: the tree rolls it up
keys e C
expect e "5 items of the chapter marked read" "C marks the rest of chapter 1 read (case 1 was read)"
expect e "第一篇 学术交流 (6/6)" "the tree: every item read"
sql_wait "SELECT count(*) FROM read_mark" "6" "chapter read saved"
# the help lists the new keys
keys e '?'
expect e "back / forward through the places read" "help lists history"
expect e "review status: none, reviewed, needs fix" "help lists r"
keys e G
expect e "│   q  *quit; close" "the help scrolls to its last action, quit"
keys e q
quit e

# anli a3: an article opens from the shell, its text focused
start f "$ANLI --state '$S' a3"
expect_top f "沈阳：搭建人才引聚和科创服务平台" "anli a3 opens article 3"
quit f

# --- Back after `anli ID` returns to where the last session ended
B="$T/back.db"
start x "$ANLI --state '$B' 33"
expect x "第五篇 科学普及 · 案例 33/53" "anli 33 opens case 33"
quit x
start y "$ANLI --state '$B' 27:5"
expect y "第三篇 科经融合 · 案例 27/53" "anli 27:5 in the next session"
keys y BSpace
expect y "第五篇 科学普及 · 案例 33/53" "Backspace returns to where the last session ended"
quit y

# --- a narrow tree gives up detail in one order: the title cut, then the
# review roll-up, then the item count
N="$T/narrow.db"
$ANLI --state "$N" mark 1 reviewed >/dev/null
$ANLI --state "$N" mark 2 needs-fix >/dev/null
$ANLI --state "$N" mark 3 read >/dev/null
start n "$ANLI --state '$N' --fresh"
expect n "第一篇 学术交流 (1/6) ✓1 !1" "a wide tree: read count and review roll-up"
tm kill-session -t n
tm new-session -d -s n -x 80 -y 24 "$ANLI --state '$N' --fresh; sleep 30"
tm set-option -t n -g status off >/dev/null
expect n "江苏扬州高新区科协" "80x24 for the narrow tree"
keys n t
expect n "第一篇 学术… (1/6) " "a narrow tree: the title cut and the roll-up dropped, the read count kept"
expect n "第二篇 人才培养 (7)" "a title that fits keeps its count"
keys n q

echo "tui-state.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
