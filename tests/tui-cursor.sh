#!/bin/bash
# tui-cursor.sh — the paragraph cursor and bookmarks in tmux (issue 11,
# items 6 and 9): J/K move the cursor's margin mark and the status line's
# ¶n/count; scrolling clamps it to the paragraphs shown; m bookmarks the
# current paragraph, ' lists the bookmarks, Enter jumps back from another
# case (and Backspace returns), q and Esc close the list; the bookmark
# survives quitting.  Every state file in a temporary directory.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB ANLI_STATE NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
SOCK="anli-cursor-$$"
T=$(mktemp -d /tmp/anli-cursor.XXXXXX)
S="$T/user.db"
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
start() { # start NAME COMMAND: 120x40
	tm kill-session -t "$1" 2>/dev/null
	tm new-session -d -s "$1" -x 120 -y 40 "$2; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
sql_wait() { # sql_wait QUERY VALUE DESCRIPTION: poll the state file (up to 5 s)
	i=0
	while [ $i -lt 50 ]; do
		[ "$(sqlite3 "$S" "$1" 2>/dev/null)" = "$2" ] && { ok; return; }
		sleep 0.1
		i=$((i + 1))
	done
	bad "$3: '$1' is '$(sqlite3 "$S" "$1" 2>&1)', not '$2'"
}
quit() { keys "$1" q; expect "$1" "EXIT=0" "q quits"; }

P1="2013 年 12 月，国务院批准" # case 27, paragraph 1
P2="2021 年，石河子高新区入选" # paragraph 2
P5="在协同合作方面"           # paragraph 5 (c27:p3698)

# --- the cursor: on the first paragraph shown, J and K move it (without colour)
start a "NO_COLOR=1 $ANLI --state '$S' 27"
expect a "第三篇 科经融合 · 案例 27/53" "anli 27 opens case 27"
expect a "^ .*¶1/11 · 0%" "the status line: the cursor on ¶1 of 11"
expect a "│> *$P1" "the cursor's mark beside paragraph 1"
keys a J
expect a "^ 工作背景 · ¶2/11 · 0%" "J: the status shows ¶2 and its section"
expect a "│> *$P2" "J: the mark beside paragraph 2"
expect_not a "│> *$P2" "│> *$P1" "J: paragraph 1 no longer marked"
keys a K
expect a "^ .*¶1/11 · 0%" "K: back to ¶1"
expect_not a "^ .*¶1/11" "│> *$P2" "K: paragraph 2 no longer marked"
# scrolling clamps: down past it, the first paragraph shown; back up, the last one shown
keys a G
expect a "^ .*¶\([3-9]\|1[01]\)/11 · 100%" "G: the cursor clamps to a paragraph shown"
expect a "│>" "G: the mark is on screen"
keys a g
expect a "^ .*¶[1-9][0-9]*/11 · 0%" "g: the cursor is kept on screen"
expect a "│>" "g: the mark is on screen"
quit a

# --- bookmarks: m on ¶5, ' lists it, Enter jumps back from another case
start b "$ANLI --state '$S' 27:5"
expect b "^ .*¶5/11" "anli 27:5: the cursor on ¶5"
keys b m
expect b "c27:5: bookmarked" "m bookmarks the paragraph"
expect b "$P5.*\*\$" "the bookmark's mark beside it"
sql_wait "SELECT block_id FROM bookmark" "c27:p3698" "the bookmark is saved by block id"
keys b ']'
expect b "第四篇 产业服务 · 案例 28/53" "] opens case 28"
keys b "'"
expect b "1 bookmark" "' opens the bookmark list"
expect b "\* c27 ¶5 · $P5" "the list: item, ¶, first words"
keys b Enter
expect b "第三篇 科经融合 · 案例 27/53" "Enter jumps to case 27"
expect b "^ .*¶5/11" "Enter puts the cursor on the bookmarked ¶5"
expect_not b "¶5/11" "1 bookmark" "Enter closes the list"
keys b BSpace
expect b "第四篇 产业服务 · 案例 28/53" "Backspace returns from the bookmark jump"
# q and Esc close the list
keys b "'"
expect b "1 bookmark" "' again"
keys b q w
expect_not b "key w is not bound" "1 bookmark" "q closes the list, not the reader"
keys b "'"
expect b "1 bookmark" "' once more"
keys b Escape
sleep 0.3 # Esc alone: the decoder waits to tell it from a sequence
keys b w
expect_not b "key w is not bound" "1 bookmark" "Esc closes the list"
quit b

# --- the bookmark survives quitting and reopening; m again removes it
start c "$ANLI --state '$S' 27:5"
expect c "$P5.*\*\$" "reopened: the bookmark's mark"
keys c "'"
expect c "\* c27 ¶5 · $P5" "reopened: the bookmark in the list"
keys c Enter
expect c "^ .*¶5/11" "back on ¶5"
keys c m
expect c "c27:5: bookmark removed" "m again removes it"
sql_wait "SELECT count(*) FROM bookmark" "0" "the removal is saved"
keys c "'"
expect c "no bookmarks; m bookmarks the current paragraph" "' with no bookmarks says so"
# the help lists the new keys
keys c '?'
expect c "next / previous paragraph" "help lists J/K"
keys c q
quit c

# --- the resume position is the cursor's paragraph
start d "$ANLI --state '$S' 27" # ¶4 is c27:p3669
expect d "^ .*¶1/11" "start for resume"
keys d J J J
expect d "^ .*¶4/11" "J J J: ¶4"
quit d
sql_wait "SELECT block_id FROM position" "c27:p3669" "the position saved is the cursor's block"
start e "$ANLI --state '$S'"
expect e "^ .*¶4/11" "resumed with the cursor on ¶4"
quit e

echo "tui-cursor.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
