#!/bin/bash
# tui.sh — screen tests: the real binary in tmux, keys sent, the pane
# captured and checked for what a user sees.  Run from the top of the tree.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
RELAY="python3 $(pwd)/tests/relay.py"
SOCK="anli-test-$$"
T=$(mktemp -d /tmp/anli-tui.XXXXXX)
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0

# start NAME COLS ROWS COMMAND: a detached session running COMMAND
start() {
	tm kill-session -t "$1" 2>/dev/null
	# a state file of its own per session, new: no resume from another one
	rm -f "$T/state-$1.db" "$T/state-$1.db-wal" "$T/state-$1.db-shm"
	tm new-session -d -s "$1" -x "$2" -y "$3" "ANLI_STATE='$T/state-$1.db'; export ANLI_STATE; $4; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
# the message of n before any search: a marker that the keys before it are done
NOSEARCH="no search yet"
# the detail pane's top text line (after the last │ of the first row)
top_line() { cap "$1"; sed -n "${2:-1}p" "$T/screen" | sed 's/.*│//'; }

# --- 120x40: three panes; the first chapter and its first item at start
start w 120 40 "$ANLI"
expect w "第一篇 学术交流 (6)" "tree shows chapters with counts"
expect w "第四篇 产业服务 (4\*)" "the tree marks an inferred chapter start"
expect w "第七篇 科技工作者之家建设" "tree shows the last chapter"
expect w "江苏扬州高新区科协" "the first case's organisation"
expect w "加强“三期”管理" "the first case is open"
expect w "第一篇 学术交流 · 案例 1/53" "header: chapter and case n/N"
# down two items in the list, Enter: case 3 opens, its organisation shows
keys w h j j Enter
expect w "│ 重庆璧山高新区科协" "Enter opens the selected case"
expect w "· 案例 3/53" "header follows"
# ] and [ move between items from anywhere, across chapters
keys w ']' ']' ']' ']'
expect w "│ 赋能服务重庆卓越工程师学院" "] crosses into chapter 2"
expect w "第二篇 人才培养 · 案例 7/53" "header shows chapter 2"
keys w '['
expect w "│ 院士专家把脉问诊" "[ goes back"
# help overlay lists the keys; any key closes it
keys w '?'
expect w "anli — keys" "help overlay"
expect w "zoom the text to the full screen" "help lists z"
keys w q n
expect_not w "$NOSEARCH" "anli — keys" "a key closes the help"
# zoom: the text takes the whole screen, the tree is gone; z again returns
keys w z
expect_not w "^ *院士专家把脉问诊" "第三篇 科经融合 (14)" "zoom hides the tree"
keys w z
expect w "第三篇 科经融合 (14)" "z again returns to three panes"
# tree: h to it, move to chapter 3, Enter focuses the list of its cases
keys w h h h
keys w g j j j j Enter Enter
expect w "构建产学研深度融合新模式" "chapter 3's first case from the tree"
expect w "河北石家庄高新区科协" "its organisation"
keys w q
expect w "EXIT=0" "q quits with status 0"

# --- resize keeps the reading position: 120x40 → 60x20 → 120x40
start r 120 40 "$ANLI"
expect r "加强“三期”管理" "start for the resize test"
keys r l
i=0; while [ $i -lt 25 ]; do keys r j; i=$((i + 1)); done
sleep 0.3
# stop on a line of text (blank lines separate blocks)
i=0
while [ $i -lt 5 ]; do
	before=$(top_line r 1)
	case "$before" in *[一-龥]*) break ;; esac
	keys r j; sleep 0.2; i=$((i + 1))
done
case "$before" in *[一-龥]*) ok ;; *) bad "the detail's top line holds text after scrolling: '$before'" ;; esac
tm resize-window -t r -x 60 -y 20
sleep 0.3
keys r n
expect_not r "$NOSEARCH" "Contents" "at 60 columns the tree folds away"
keys r C-l
sleep 0.3
mid=$(top_line r 1)
first=$(printf '%s' "$before" | sed 's/^ *//' | cut -c1-6)
case "$mid" in *"$first"*) ok ;; *) bad "after 120x40→60x20 the top line '$mid' lost '$first'" ;; esac
tm resize-window -t r -x 120 -y 40
sleep 0.5
after=$(top_line r 1)
[ "$before" = "$after" ] && ok || bad "back at 120x40 the top line changed: '$before' → '$after'"
keys r q

# --- 80x24: the tree folds away, t shows it
start n 80 24 "$ANLI"
expect n "江苏扬州高新区科协" "80x24 shows the list and the text"
expect_not n "江苏扬州高新区科协" "第二篇 人才培养 (7)" "80x24 folds the tree"
keys n t
expect n "第二篇 人才培养" "t shows the tree"
keys n '?'
keys n G
expect n "│   q  *quit; close" "at 80x24 the help scrolls to its last action, quit"
keys n q q

# --- --ambiwidth=2: ASCII pane separators and frame (tmux draws ambiguous
# characters narrow, so the geometry itself is checked by tests/wide.py)
start aw 120 40 "$ANLI --ambiwidth=2"
expect aw "江苏扬州高新区科协" "--ambiwidth=2 shows the first case"
expect aw "^Contents  *|第一篇 学术交流  *|> 第一篇 学术交流" "--ambiwidth=2: | separates the panes"
expect_not aw "^Contents  *|第一篇 学术交流" "│" "--ambiwidth=2: no box-drawing separator"
keys aw '?'
expect aw "+----------*+" "--ambiwidth=2: the help frame is ASCII"
keys aw q q

# --- 50x15: one pane at a time
start s 50 15 "$ANLI"
expect s "加强“三期”管理" "50x15 shows the list"
expect_not s "加强“三期”管理" "│" "50x15 shows a single pane"
keys s l
expect s "江苏省扬州国家高新技术产业开发区" "l shows the text pane alone"
keys s q

# --- too small
start tiny 30 8 "$ANLI"
expect tiny "terminal too small" "under 40x10"
tm resize-window -t tiny -x 80 -y 24
expect tiny "加强“三期”管理" "growing again shows the reader"
keys tiny q

# --- terminals, monochrome
for term in xterm xterm-256color screen tmux-256color linux; do
	start "t$term" 100 30 "TERM=$term $ANLI"
	expect "t$term" "江苏扬州高新区科协" "TERM=$term"
	keys "t$term" q
	expect "t$term" "EXIT=0" "TERM=$term quits cleanly"
done
start nc 100 30 "NO_COLOR=1 $ANLI"
expect nc "江苏扬州高新区科协" "NO_COLOR"
keys nc q
# a non-UTF-8 locale switches to C.UTF-8
start loc 100 30 "LC_ALL=C LANG=C $ANLI"
expect loc "江苏扬州高新区科协" "LC_ALL=C falls back to C.UTF-8"
expect loc "not a UTF-8 locale (ANSI_X3.4-1968): characters as C.UTF-8" "the status line says so at start"
keys loc q
expect loc "^anli: the locale's character set is ANSI_X3.4-1968, not UTF-8" "and stderr after exit"
# a TERM holding escapes reaches the terminal inert (the title stays)
start esct 100 30 "TERM=\$(printf 'x\\033]2;PWNED\\007') $ANLI"
expect esct "cannot use terminal type" "a TERM with escapes is refused"
expect esct "EXIT=2" "a TERM with escapes exits 2"
[ "$(tm display -p -t esct '#{pane_title}')" != PWNED ] && ok || bad "the TERM's escape set the title"
# an unusable TERM: a clear message that suggests anli show
start bt 100 30 "TERM=no-such-terminal $ANLI"
expect bt "anli show" "unknown TERM suggests anli show"
expect bt "EXIT=2" "unknown TERM exits 2"

# --- search in the item: / highlights every match, n/N move, wrap-around
rev=$'\e\\[([0-9]+;)*7(;[0-9]+)*m'
start f 120 40 "$ANLI"
expect f "加强“三期”管理" "start for the search tests"
keys f / 院 士
expect f "^ /院士" "the / prompt echoes the query"
tm capture-pane -e -p -t f >"$T/screen"
[ "$(grep -cE "$rev" "$T/screen")" -ge 2 ] && ok || bad "/院士 highlights matches in reverse video"
keys f Escape /
keys f -l "院士行"
keys f Enter
i=0; wrapped=0
while [ $i -lt 40 ]; do
	keys f n; sleep 0.05
	cap f
	if grep -q "continuing at the top" "$T/screen"; then wrapped=1; break; fi
	i=$((i + 1))
done
[ $wrapped = 1 ] && ok || bad "n wraps around with a message"
keys f N
expect f "continuing at the end" "N wraps back with a message"
# n and N walk the book: past its end n comes back to case 1
keys f n
expect f "continuing at the top" "n wraps forward again"
keys f n
expect f "“院士行” 2/" "n and N count over the book: the second hit, in case 1"
# the title block is searched and highlighted too
keys f /
keys f -l "学术之花"
keys f Enter
sleep 0.3
tm capture-pane -e -p -t f >"$T/screen"
grep -E "${rev}学术之花" "$T/screen" >/dev/null && ok || bad "/ finds and highlights a word of the subtitle"
# the / search goes on in the next item: n finds its matches
keys f /
keys f -l "科协"
keys f Enter ']' n
expect_not f "· 案例 2/53" "no match in this item" "n after ] searches the new item"
keys f q

# a match split across two wrapped lines is highlighted on both: find one
# in the zoomed layout (the text at its measure, 80 columns, as anli show --width=80)
"$ANLI" show 1 --width=80 >"$T/c1.txt"
split_q=""
prev=""
while IFS= read -r line; do
	if [ ${#prev} -ge 20 ] && [ ${#line} -ge 4 ] && q="${prev: -2}${line:0:2}" && [[ "$q" != *[，。、；：！？“”‘’（）《》【】·—…\ a-zA-Z0-9]* ]]; then
		split_q="${prev: -2}${line:0:2}"
		break
	fi
	prev="$line"
done <"$T/c1.txt"
if [ -n "$split_q" ]; then
	start h 120 40 "$ANLI"
	expect h "加强“三期”管理" "start for the split-match test"
	keys h z /
	keys h -l "$split_q"
	keys h Enter
	sleep 0.5
	tm capture-pane -e -p -t h >"$T/screen"
	# one screen line ends with the first half of the match in reverse video;
	# the next starts, after the margin, with the second half, in it too,
	# then the attributes are reset
	a="${split_q:0:2}" b="${split_q:2:2}"
	if grep -qE "${rev}${a}("$'\e'"\\[[0-9;]*m)*\$" "$T/screen" && grep -qE "^( |>|"$'\e'"\\[[0-9;]*m)*${rev}("$'\e'"\\[[0-9;]*m)*${b}"$'\e\\[0m' "$T/screen"; then ok
	else bad "the match '$split_q' across two lines is highlighted on both"; fi
	keys h q
else
	bad "no match split across two lines found in case 1 at width 80"
fi

# --- search everything: results pane, hit counts in the tree, Enter, Esc
start g 120 40 "$ANLI"
expect g "加强“三期”管理" "start for the whole-book search"
keys g s
keys g -l "一带一路"
keys g Enter
expect g "“一带一路”: [0-9]* hits in [0-9]* items" "the results pane lists the hits"
expect g "第六篇 国际合作 (7) \[[0-9]* hits\]" "the tree shows hit counts per chapter"
keys g Enter
expect g "“一带一路” [0-9]*/[0-9]* ·" "Enter opens the item at the hit (the counter shows)"
tm capture-pane -e -p -t g >"$T/screen"
grep -E "$rev" "$T/screen" | grep -q "一带一路" && ok || bad "the hit is highlighted in the text"
keys g Escape
sleep 0.3
keys g j Enter
expect g "一带一路" "Esc returned to the results; the next hit opens"
keys g s
keys g -l "院士"
keys g Enter
expect g "“院士”: [0-9]* hits" "a new search replaces the results"
expect_not g "“院士”: [0-9]* hits" "“一带一路”: " "the old results are gone"
keys g q

# --- the mouse: a click in the list opens an item; the wheel scrolls the text
start mo 120 40 "$ANLI"
expect mo "加强“三期”管理" "start for the mouse test"
# xterm mouse reports (X10 encoding): press and release of button 1 at the
# third item's row in the list (column 41, row 6, 1-based)
keys mo -l $'\e[M I&'
keys mo -l $'\e[M#I&'
expect mo "│ 重庆璧山高新区科协" "a click on a list entry opens it"
top0=$(top_line mo 5)
# wheel down (button 5: Cb = 32 + 65) over the text at column 80, row 10
keys mo -l $'\e[Map*'
sleep 0.3
top1=$(top_line mo 5)
[ "$top0" != "$top1" ] && ok || bad "the wheel scrolls the text"
keys mo q

# SGR mouse reports (what terminals send once mode 1006 is on): a click on
# the second item, then the wheel over the text
start sgr 120 40 "$ANLI"
expect sgr "加强“三期”管理" "start for the SGR mouse test"
keys sgr -l $'\e[<0;41;4M'
keys sgr -l $'\e[<0;41;4m'
expect sgr "· 案例 2/53" "an SGR click on a list entry opens it"
keys sgr q
# bracketed paste: pasted text is not commands; in a prompt it is text
start bp 120 40 "$ANLI"
expect bp "加强“三期”管理" "start for the paste test"
tm set-buffer -b anlitest "]]q"
tm paste-buffer -p -b anlitest -t bp
keys bp n
expect bp "$NOSEARCH" "after a paste outside a prompt"
cap bp
grep -q "│ 江苏扬州高新区科协" "$T/screen" && ! grep -q "EXIT=" "$T/screen" && ok || bad "a paste of ]]q is not taken as keys"
keys bp /
tm paste-buffer -p -b anlitest -t bp
expect bp "^ /]]q$" "a paste into the / prompt is its text"
keys bp Escape q
expect bp "EXIT=0" "q after the paste test"

# a terminal that cannot move the cursor is refused the same way
start dumb 100 30 "TERM=dumb $ANLI"
expect dumb "cannot move the cursor" "TERM=dumb is refused"
expect dumb "EXIT=2" "TERM=dumb exits 2"

# --- terminal input: replies late or never, invalid bytes (tests/relay.py
# sits between tmux and the reader and answers the width probe itself)
start late 120 40 "$RELAY --delay 500 -- $ANLI"
expect late "│ 江苏扬州高新区科协" "a reply 500 ms late: the first frame does not wait for it"
sleep 1
keys late n
expect late "$NOSEARCH" "a reply 500 ms late: keys after it work"
expect late "│ 江苏扬州高新区科协" "a reply 500 ms late is not read as keys (case 1 stays open)"
keys late q
expect late "EXIT=0" "a reply 500 ms late: q quits"
start never 120 40 "$RELAY --never -- $ANLI"
expect never "│ 江苏扬州高新区科协" "no reply at all: the reader starts"
keys never ']'
expect never "· 案例 2/53" "no reply at all: keys work"
keys never q
expect never "EXIT=0" "no reply at all: q quits"
# a late reply that says “ is two columns wide: the reader re-lays out
# (in tmux the text then looks wrong: only the survival is checked)
start wide 120 40 "$RELAY --delay 300 --col 3 -- $ANLI"
expect wide "江苏扬州高新区科协" "a late wide reply: the reader starts"
sleep 0.6
keys wide n
expect wide "$NOSEARCH" "a late wide reply is not read as keys"
keys wide q
expect wide "EXIT=0" "a late wide reply: q quits"
# invalid UTF-8 from the keyboard: ignored, later keys still work
start bytes 120 40 "$ANLI"
expect bytes "│ 江苏扬州高新区科协" "start for the invalid-byte test"
tm send-keys -t bytes -H ff
keys bytes ']'
expect bytes "· 案例 2/53" "a key after the byte ff works"
tm send-keys -t bytes -H c3
keys bytes ']'
expect bytes "· 案例 3/53" "a key after a lone c3 works"
tm send-keys -t bytes -H e9
keys bytes q
expect bytes "EXIT=0" "q after é from a Latin-1 terminal (e9) quits"
# in the prompt: the bytes are dropped, the text typed around them kept
start pbytes 120 40 "$ANLI"
expect pbytes "│ 江苏扬州高新区科协" "start for invalid bytes in the prompt"
keys pbytes /
keys pbytes -l "院"
tm send-keys -t pbytes -H ff c3
keys pbytes -l "士"
expect pbytes "^ /院士$" "invalid bytes in the prompt are dropped"
keys pbytes Escape q
expect pbytes "EXIT=0" "Esc closes the prompt, q quits"

# --- the line editor: a two-line bracketed paste is one line and its
# newline runs nothing; M-b (Alt) moves back a word instead of closing
start pedit 120 40 "$ANLI"
expect pedit "│ 江苏扬州高新区科协" "start for the line editor"
keys pedit /
tm set-buffer -b anli "$(printf '院士\n\t专家\n')"
tm paste-buffer -p -b anli -t pedit
expect pedit "^ /院士 专家$" "a two-line paste is one line in the prompt"
keys pedit M-b
keys pedit -l "X"
expect pedit "^ /院士 X专家$" "M-b moves back a word"
keys pedit Escape q
expect pedit "EXIT=0" "Esc and q after the editor"

# --- a long paste into the prompt: its end is shown
start paste 120 40 "$ANLI"
expect paste "│ 江苏扬州高新区科协" "start for the long prompt"
keys paste s
keys paste -l "$(printf '院士科技%.0s' $(seq 1 500))END"
expect paste "科技END" "a 2,003-character query shows its end"
keys paste Escape q
expect paste "EXIT=0" "after a long query q quits"

# --- signals: the terminal is restored (modes, alternate screen, mouse) and
# the exit status says which signal
TTYSTATE='echo TTY: $(stty -a | tr " ;" "\n\n" | grep -xE -- "-?(echo|icanon)" | tr "\n" " ")'
sigtest() { # sigtest NAME SIGNAL STATUS
	start "$1" 100 30 "$ANLI; echo RC=\$?; $TTYSTATE"
	expect "$1" "江苏扬州高新区科协" "start for $2"
	sh_pid=$(tm display -p -t "$1" '#{pane_pid}')
	pid=$(pgrep -P "$sh_pid" | head -1)
	kill -s "$2" "$pid"
	expect "$1" "RC=$3" "$2 ends the reader with status $3"
	expect "$1" "TTY: icanon echo$" "after $2 the terminal echoes and reads lines"
	flags=$(tm display -p -t "$1" '#{alternate_on}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}')
	[ "$flags" = 00000 ] && ok || bad "after $2 the alternate screen and mouse modes are off (got $flags)"
}
sigtest sigint INT 130
sigtest sigterm TERM 143
sigtest sighup HUP 129
sigtest sigquit QUIT 131
# Ctrl-C typed (in an interactive shell, which then stops a command list:
# the status is asked for afterwards)
start sigc 100 30 "bash --norc --noprofile -i"
keys sigc -l "$ANLI"
keys sigc Enter
expect sigc "江苏扬州高新区科协" "start for Ctrl-C"
keys sigc C-c
expect sigc "^bash-[0-9.]*[#$]$" "Ctrl-C returns to the shell"
keys sigc -l "echo RC=\$?; $TTYSTATE"
keys sigc Enter
expect sigc "RC=130" "Ctrl-C ends the reader with status 130"
expect sigc "TTY: icanon echo$" "after Ctrl-C the terminal echoes and reads lines"
# q restores the same way
start qrest 100 30 "$ANLI; echo RC=\$?; $TTYSTATE"
expect qrest "江苏扬州高新区科协" "start for the restore after q"
keys qrest q
expect qrest "RC=0" "q exits 0"
expect qrest "TTY: icanon echo$" "after q the terminal echoes and reads lines"
# Ctrl-Z suspends with the terminal restored; fg redraws
start tstp 100 30 "bash --norc --noprofile -i"
keys tstp -l "PS1='READY> '"
keys tstp Enter
keys tstp -l "$ANLI"
keys tstp Enter
expect tstp "江苏扬州高新区科协" "start for Ctrl-Z"
keys tstp C-z
expect tstp "Stopped" "Ctrl-Z suspends the reader"
keys tstp -l "$TTYSTATE"
keys tstp Enter
expect tstp "TTY: icanon echo$" "while suspended the terminal echoes and reads lines"
keys tstp -l "clear; fg"
keys tstp Enter
expect tstp "江苏扬州高新区科协" "fg redraws the reader"
keys tstp ']'
expect tstp "· 案例 2/53" "after fg keys work"
keys tstp q
expect tstp "^READY>$" "q after fg returns to the shell"

# the convention the probe finds is the one --ambiwidth sets: a late wide
# reply gives the screen of --ambiwidth=2 (which differs from =1)
start aw2 120 40 "$ANLI --ambiwidth=2"
expect aw2 "江苏扬州高新区科协" "start with --ambiwidth=2"
keys aw2 n
expect aw2 "$NOSEARCH" "--ambiwidth=2 drawn"
cp "$T/screen" "$T/aw2"
start aw1 120 40 "$ANLI --ambiwidth=1"
expect aw1 "江苏扬州高新区科协" "start with --ambiwidth=1"
keys aw1 n
expect aw1 "$NOSEARCH" "--ambiwidth=1 drawn"
cp "$T/screen" "$T/aw1"
start awp 120 40 "$RELAY --delay 300 --col 3 -- $ANLI"
expect awp "江苏扬州高新区科协" "start with a late wide reply"
sleep 0.6
keys awp n
expect awp "$NOSEARCH" "a late wide reply drawn"
cmp -s "$T/aw1" "$T/aw2" && bad "--ambiwidth=1 and =2 draw the same screen" || ok
cmp -s "$T/screen" "$T/aw2" && ok || { diff "$T/aw2" "$T/screen" | head -5; bad "a late wide reply re-lays the screen out as --ambiwidth=2"; }
keys aw1 q; keys aw2 q; keys awp q

# valgrind: no invalid access in the reader's life, teardown included
if command -v valgrind >/dev/null 2>&1; then
	start vg 120 40 "valgrind -q --error-exitcode=99 --log-file=$T/vg.log $ANLI"
	expect vg "江苏扬州高新区科协" "the reader under valgrind"
	keys vg / 院 Enter
	keys vg s
	keys vg -l "院士"
	keys vg Enter
	expect vg "“院士”: [0-9]* hits" "a search under valgrind"
	keys vg q q
	expect vg "EXIT=[0-9]" "the reader under valgrind exits"
	grep -q "EXIT=0" "$T/screen" && ok || { cat "$T/vg.log" >"$T/screen"; bad "valgrind reports errors"; }
else
	echo "tui: valgrind not installed: the valgrind check skipped"
fi

# --- hostile databases: more than 8 collections, no collection at all
cp data/anli.db "$T/c10.db"
sqlite3 "$T/c10.db" "WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM g WHERE i<9)
  INSERT INTO collection(id,ord,title,seed) SELECT 'col'||i, 100+i, 'Collection '||i, '002' FROM g;"
start c10 120 40 "$ANLI --db $T/c10.db"
expect c10 "Collection 9" "12 collections are listed"
keys c10 h g
i=0; while [ $i -lt 19 ]; do keys c10 j; i=$((i + 1)); done
keys c10 Enter G Enter n
expect c10 "$NOSEARCH" "folding the 10th and 12th collections"
keys c10 q
expect c10 "EXIT=0" "12 collections: no crash"
cp data/anli.db "$T/nocoll.db"
sqlite3 "$T/nocoll.db" "DELETE FROM collection"
start nocoll 120 40 "$ANLI --db $T/nocoll.db"
expect nocoll "江苏扬州高新区科协" "no collections: the first case opens"
keys nocoll h Enter j k g G Enter n
expect nocoll "$NOSEARCH" "no collections: keys in the tree"
keys nocoll q
expect nocoll "EXIT=0" "no collections: no crash"

# --- not a terminal
"$ANLI" </dev/null >"$T/out" 2>"$T/err"; rc=$?
[ "$rc" = 2 ] && grep -q "anli show" "$T/err" && [ ! -s "$T/out" ] && ok || { cp "$T/err" "$T/screen"; bad "no terminal: exit $rc"; }

echo "tui: $pass passed, $fail failed"
[ "$fail" = 0 ]
