#!/bin/bash
# tui-read.sh — screen tests of reading (issue 10, items 1-5): focus without
# colour, the first keys read the text, header and status, the end marker,
# sections, :N, half pages, the unbound-key message, the help that scrolls.
# The real binary in tmux, as tests/tui.sh; run from the top of the tree.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
SOCK="anli-read-$$"
T=$(mktemp -d /tmp/anli-read.XXXXXX)
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
nstart=0
start() { # each run its own state file: no resuming from another test or the user's home
	nstart=$((nstart + 1))
	tm kill-session -t "$1" 2>/dev/null
	tm new-session -d -s "$1" -x "$2" -y "$3" "ANLI_STATE='$T/state-$1-$nstart.db'; export ANLI_STATE; $4; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
# the unbound-key message: a marker that the keys before it are done
mark() { keys "$1" w; }
MARK="key w is not bound; ? for help"

for size in "80 24" "50 15"; do
	set -- $size
	c=$1 r=$2
	s="r$c"
	# --- focus without colour: the text pane's header is marked and reversed
	start "$s" "$c" "$r" "NO_COLOR=1 $ANLI"
	expect "$s" "^> 第一篇 学术交流 · 案例 1/53\|│> 第一篇 学术交流 · 案例 1/53" "$c×$r: header names chapter and case, focus marked"
	if wait_for "$s" $'\e\\[[0-9;]*7m> 第一篇' -e; then ok; else bad "$c×$r: the focused header is not reversed"; fi
	# --- Space on first start reads the text (the status shows the section)
	keys "$s" Space
	expect "$s" "^ .*[1-9][0-9]*%  *? help" "$c×$r: Space scrolls the text (the status shows the position)"
	expect "$s" "^> 第一篇 学术交流 · 案例 1/53\|│> 第一篇 学术交流 · 案例 1/53" "$c×$r: Space leaves the case open"
	# --- G: the end marker; Space there goes on to the next case
	keys "$s" G
	expect "$s" "(END)" "$c×$r: the end marker after the last line"
	keys "$s" Space
	expect "$s" "第一篇 学术交流 · 案例 2/53" "$c×$r: Space at the end opens the next case"
	expect "$s" " 0%" "$c×$r: the next case from its top"
	# --- } and {: sections
	keys "$s" '}'
	expect "$s" "^ *【工作背景】\|│ *【工作背景】" "$c×$r: } shows the first section's heading"
	expect "$s" "^ 工作背景 · \(¶[0-9]*/[0-9]* · \)\?[0-9]*%" "$c×$r: the status shows the section and position"
	keys "$s" '}' '}'
	expect "$s" "成效 · \(¶[0-9]*/[0-9]* · \)\?[0-9]*%" "$c×$r: } } on to the third section"
	keys "$s" '{'
	expect "$s" "做法 · \(¶[0-9]*/[0-9]* · \)\?[0-9]*%" "$c×$r: { back a section"
	# --- :27 goes to case 27
	keys "$s" :
	keys "$s" -l 27
	keys "$s" Enter
	expect "$s" "第五篇 科学普及 · 案例 27/53\|第四篇 产业服务 · 案例 27/53\|第三篇 科经融合 · 案例 27/53" "$c×$r: :27 opens case 27"
	keys "$s" :
	keys "$s" -l a3
	keys "$s" Enter
	expect "$s" "文章 3/8" "$c×$r: :a3 opens article 3"
	keys "$s" :
	keys "$s" -l 99
	keys "$s" Enter
	expect "$s" "no case or article '99'" "$c×$r: :99 says there is none"
	# --- d and u: half pages
	keys "$s" g
	expect "$s" "^ \(.* · \)\?0%" "$c×$r: g goes to the top"
	keys "$s" d
	expect "$s" "^ \(.* · \)\?[1-9][0-9]*%" "$c×$r: d scrolls down half a page"
	keys "$s" d
	expect "$s" "^ .*[1-9][0-9]*%" "$c×$r: d again"
	keys "$s" u u
	expect "$s" "^ \(.* · \)\?0%" "$c×$r: u u scroll back to the top"
	# --- the unbound key
	keys "$s" '#'
	expect "$s" "key # is not bound; ? for help" "$c×$r: an unbound key says so"
	# --- the help scrolls to its last key; q closes it
	keys "$s" '?'
	expect "$s" "Moving" "$c×$r: the help, grouped"
	expect "$s" "j ↓ / k ↑ " "$c×$r: the help parts a pair's keys with /"
	expect_not "$s" "Moving" "quit; close" "$c×$r: the help does not fit: its last key below"
	expect "$s" "more: j, PgDn" "$c×$r: the help says it scrolls"
	i=0; while [ $i -lt 90 ]; do keys "$s" j; i=$((i + 1)); done
	expect "$s" "quit; close results" "$c×$r: j scrolls the help to its last key"
	expect_not "$s" "quit; close results" "Moving" "$c×$r: its first lines scrolled away"
	keys "$s" q
	mark "$s"
	expect_not "$s" "$MARK" "anli — keys" "$c×$r: q closes the help"
	keys "$s" '?' Escape
	mark "$s"
	expect_not "$s" "$MARK" "anli — keys" "$c×$r: Esc closes the help"
	keys "$s" q
	expect "$s" "EXIT=0" "$c×$r: q quits"
done

# --- the list: moving previews the case; the wheel over the text scrolls it
start p 80 24 "$ANLI"
expect p "案例 1/53" "start for the preview test"
keys p h
expect p "^> 第一篇 学术交流 *│ *第一篇" "h focuses the list, its title marked"
keys p j j
expect p "第一篇 学术交流 · 案例 3/53" "moving in the list previews the case"
expect p "重庆璧山高新区科协" "the previewed case's text"
keys p Tab
expect p "│> 第一篇 学术交流 · 案例 3/53" "Tab: the text has the focus again"
keys p q
expect p "EXIT=0" "q quits"

# --- first start: the wheel over the text scrolls it; C-f, C-b, C-d, C-u
start wh 80 24 "$ANLI"
expect wh "^ \(.* · \)\?0%" "start for the wheel test"
keys wh -l $'\e[<65;50;10M'
expect wh "^ .*[1-9][0-9]*%" "the wheel over the text scrolls it on first start"
keys wh g C-f
expect wh "^ .*[1-9][0-9]*%" "C-f pages down"
keys wh C-b
expect wh "^ \(.* · \)\?0%" "C-b pages back"
keys wh C-d
expect wh "^ .*[1-9][0-9]*%" "C-d half a page down"
keys wh C-u
expect wh "^ \(.* · \)\?0%" "C-u half a page back"
keys wh End
expect wh "(END)" "End shows the end marker"
keys wh Home
expect wh "^ \(.* · \)\?0%" "Home goes to the top"
# --- q on the search results closes them; q again quits
keys wh s
keys wh -l "院士"
keys wh Enter
expect wh "“院士”: [0-9]* hits" "the results of s"
keys wh q
expect wh "^> 第一篇 学术交流 *│\|^第一篇 学术交流 *│" "q closes the results: the list is back"
expect_not wh "^> 第一篇 学术交流 *│\|^第一篇 学术交流 *│" "“院士”: [0-9]* hits" "q closes the results"
keys wh q
expect wh "EXIT=0" "q again quits"

# --- 40x10: the help fits its width and scrolls to its last line
start tiny 40 10 "$ANLI"
expect tiny "案例 1/53" "start at 40x10"
keys tiny '?'
expect tiny "anli — keys" "the help at 40x10"
keys tiny End
expect tiny "the wheel scrolls" "End: the help's last line at 40x10"
expect tiny "quit; close results, help" "at 40x10 the text of q, whole, under its key"
keys tiny '?'
mark tiny
expect_not tiny "$MARK" "anli — keys" "? closes the help"
keys tiny q

# --- the comfortable measure: at 200 columns the text column is 80 wide,
# centred; zoomed, the header and the status line stay
start m 200 30 "$ANLI"
expect m "案例 1/53" "start at 200x30"
keys m z
expect m "^>  *第一篇 学术交流 · 案例 1/53" "zoom keeps the header, over the text column"
expect m "^ \{50,\}加强“三期”管理" "zoomed at 200 columns, the text column is centred"
expect m "^ \(.* · \)\?0%  *? help  q quit" "zoom keeps the status line"
cap m
long=$(sed -n '2,29p' "$T/screen" | python3 -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(sum(1 for l in sys.stdin if w(l.strip().lstrip(">").rstrip("*").strip()) > 80))')
[ "$long" = 0 ] && ok || bad "zoomed at 200 columns, $long lines wider than 80 columns"
keys m q

# --- the key map is published: every action of the table (src/tui/keys.c)
# is named in the README and the man page
for name in $(sed -n 's/^	{REQ_[A-Z_]*, "\([a-z-]*\)".*/\1/p' src/tui/keys.c); do
	grep -q "\`$name\`" README.md || { echo "---- README.md" >"$T/screen"; bad "README.md does not name the action $name"; continue; }
	grep -q "^\.Cm $name\b\|^\.Cm [a-z-]* , $name\b\|^\.Cm $name ," man/anli.1 ||
		{ echo "---- man/anli.1" >"$T/screen"; bad "man/anli.1 does not name the action $name"; continue; }
	ok
done

# --- at 50 columns the help wraps its descriptions, never cuts them
start hw 50 15 "$ANLI"
expect hw "第一篇" "start for the narrow help"
keys hw '?'
expect hw "Moving" "the help at 50x15"
cut=0
for page in 1 2 3 4 5; do
	cap hw
	grep '^│' "$T/screen" | grep -q '…' && cut=1
	keys hw PgDn
	sleep 0.2
done
[ "$cut" = 0 ] && ok || bad "a help line cut with … at 50 columns"
keys hw q

echo "tui-read: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
