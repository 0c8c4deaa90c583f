#!/bin/bash
# present-tui.sh — screen tests of the presentation (issue 13): P from the
# reader on the paragraph cursor's slide, a slide by number, the index,
# blank and back, the footer (n/N, a timer that advances), a resize mid-deck
# that keeps the paragraph, q back in the reader at the slide's paragraph,
# and `anli present --dump --size 40x12` as a 40×12 screen shows the slides.
# The real binary in tmux (tests/tmux-lib.sh), at 80×24 and 50×16.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB NO_COLOR
ANLI="${ANLI:-$(pwd)/anli}"
SOCK="anli-present-$$"
T=$(mktemp -d /tmp/anli-present.XXXXXX)
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
nstart=0
start() { # each run its own state file
	nstart=$((nstart + 1))
	tm kill-session -t "$1" 2>/dev/null
	tm new-session -d -s "$1" -x "$2" -y "$3" "ANLI_STATE='$T/state-$1-$nstart.db'; export ANLI_STATE; $4; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
# the footer (the last row): n/N of the deck
FOOT='[0-9][0-9]*/[0-9][0-9]*  .*[0-9][0-9]:[0-9][0-9] *$'
footer() { tail -n 1 "$T/screen"; }
slide_no() { footer | sed -n 's|.* \([0-9][0-9]*\)/[0-9][0-9]*  .*|\1|p'; }
# the text of the screen (above the footer), the pane separators' left
# parts dropped, spaces and line ends out: a phrase cut by a line end is whole
flat() { head -n "$1" "$T/screen" | sed 's/.*│//' | sed 's/[ 　]//g' | tr -d '\n'; }
# the first 8 characters of the slide's first text line (the paragraph's
# text, not the heading, the 续 marks or a title)
phrase() {
	head -n "$1" "$T/screen" | python3 -c '
import sys
for l in sys.stdin:
    t = l.strip().replace("〔续〕", "").strip("　 ")
    if len(t) >= 8 and not t.startswith("【") and "续" not in t[:2]:
        print(t[:8]); break'
}

for size in "80 24" "50 16"; do
	set -- $size
	c=$1 r=$2
	s="p$c"
	# --- P from the reader: the slide of the paragraph cursor (case 1, ¶4)
	start "$s" "$c" "$r" "$ANLI 1:4"
	expect "$s" "¶4/" "$c×$r: the reader opens case 1 at ¶4"
	keys "$s" P
	if wait_for "$s" "$FOOT"; then ok; else bad "$c×$r: P shows no footer with n/N and a timer"; fi
	para4=$("$ANLI" show c1:4 | sed 's/[ 　]//g' | tr -d '\n')
	n=$(slide_no)
	[ -n "$n" ] && [ "$n" -gt 1 ] && ok || bad "$c×$r: P starts on slide '$n', not the paragraph's"
	case "$(flat $((r - 1)))" in *"${para4:0:5}"*) ok ;; *) bad "$c×$r: P: the slide does not show ¶4's start '${para4:0:5}'" ;; esac
	# --- the timer advances by itself (no key pressed)
	t1=$(footer | sed 's/.* //')
	i=0
	while [ $i -lt 40 ]; do
		sleep 0.1
		cap "$s"
		[ "$(footer | sed 's/.* //')" != "$t1" ] && break
		i=$((i + 1))
	done
	[ "$(footer | sed 's/.* //')" != "$t1" ] && ok || bad "$c×$r: the timer stays at $t1"
	# --- a number, then Enter: that slide
	keys "$s" 3 Enter
	expect "$s" " 3/[0-9]*  " "$c×$r: 3 Enter goes to slide 3"
	keys "$s" 1 2 G
	expect "$s" " 12/[0-9]*  " "$c×$r: 12 G goes to slide 12"
	# --- the index: Tab, down two, Enter
	keys "$s" 3 Enter
	expect "$s" " 3/[0-9]*  " "$c×$r: back to slide 3"
	keys "$s" Tab
	expect "$s" "Slides — Enter goes" "$c×$r: Tab opens the index"
	expect "$s" "^ *> *3  " "$c×$r: the index marks the current slide"
	expect "$s" "^ *1  案例.* · title *$" "$c×$r: the index names the title slide"
	keys "$s" j j Enter
	expect "$s" " 5/[0-9]*  " "$c×$r: the index's Enter goes to slide 5"
	# --- blank and back: any key returns, and does nothing else
	keys "$s" B
	i=0
	while [ $i -lt 50 ]; do
		cap "$s"
		[ -z "$(tr -d ' \n' <"$T/screen")" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	[ -z "$(tr -d ' \n' <"$T/screen")" ] && ok || bad "$c×$r: B does not blank the screen"
	keys "$s" j
	expect "$s" " 5/[0-9]*  " "$c×$r: a key after B brings back slide 5 (and does not move)"
	keys "$s" .
	i=0
	while [ $i -lt 50 ]; do
		cap "$s"
		[ -z "$(tr -d ' \n' <"$T/screen")" ] && break
		sleep 0.1
		i=$((i + 1))
	done
	[ -z "$(tr -d ' \n' <"$T/screen")" ] && ok || bad "$c×$r: . does not blank the screen"
	keys "$s" Space
	expect "$s" " 5/[0-9]*  " "$c×$r: Space after . brings back slide 5"
	# --- the help lists the presentation's keys; q closes it
	keys "$s" '?'
	expect "$s" "presentation keys" "$c×$r: ? shows the presentation's keys"
	expect "$s" "g Home / G End " "$c×$r: the help parts a pair's keys with /"
	keys "$s" q 4 Enter
	expect_not "$s" " 4/[0-9]*  " "presentation keys" "$c×$r: q closes the help, the presentation goes on"
	# --- resize mid-deck: the slide's paragraph stays on screen
	keys "$s" 7 Enter
	expect "$s" " 7/[0-9]*  " "$c×$r: slide 7"
	cap "$s"
	ph=$(phrase $((r - 1)))
	[ -n "$ph" ] && ok || bad "$c×$r: no text line on slide 7"
	if [ "$c" = 80 ]; then nc=50 nr=16; else nc=80 nr=24; fi
	tm resize-window -t "$s" -x $nc -y $nr
	expect "$s" "^.\{0,$((nc - 1))\}[0-9]*/[0-9]*  .*:[0-9][0-9] *$" "$c×$r: resized to $nc×$nr, the footer again"
	sleep 0.3
	cap "$s"
	case "$(flat $((nr - 1)))" in *"$ph"*) ok ;; *) bad "$c×$r → $nc×$nr: '$ph' of slide 7 is gone" ;; esac
	tm resize-window -t "$s" -x "$c" -y "$r"
	expect "$s" "$FOOT" "$c×$r: resized back"
	sleep 0.3
	cap "$s"
	slide=$(flat $((r - 1)))
	case "$slide" in *"$ph"*) ok ;; *) bad "$c×$r: after resizing back, '$ph' is gone" ;; esac
	# --- q: back in the reader, the cursor on the slide's paragraph
	keys "$s" q
	expect "$s" "¶[0-9]*/" "$c×$r: q returns to the reader"
	cap "$s"
	grep -q "$FOOT" "$T/screen" && bad "$c×$r: the presentation's footer is still there" || ok
	case "$(flat $((r - 1)))" in *"$ph"*) ok ;; *) bad "$c×$r: the reader does not show '$ph' of the last slide" ;; esac
	# the lines marked > (the paragraph cursor): a paragraph of the slide
	cur=$(sed -n "2,$((r - 1))p" "$T/screen" | sed 's/.*│//' | sed -n 's/^>//p' | sed 's/[ 　]//g' | tr -d '\n')
	[ -n "$cur" ] && case "$slide" in *"${cur:0:6}"*) ok ;; *) false ;; esac ||
		bad "$c×$r: the paragraph cursor ('${cur:0:6}') is not on a paragraph of the slide"
	keys "$s" q
	expect "$s" "EXIT=0" "$c×$r: the reader quits"
done

# --- 40×10 (the smallest the issue names) works; smaller degrades, no error
start sm 40 10 "$ANLI 1:4"
expect sm "¶4/" "40×10: the reader at ¶4"
keys sm P
expect sm "$FOOT" "40×10: P shows a slide and its footer"
cap sm
grep -q "too small" "$T/screen" && bad "40×10: 'too small'" || ok
tm resize-window -t sm -x 16 -y 6
keys sm g
expect_not sm "加强“三期”" "too small" "16×6: the title slide cut down, not an error"
tm resize-window -t sm -x 40 -y 10
expect sm "$FOOT" "40×10 again: the footer is back"
keys sm q
expect sm "¶[0-9]*/" "40×10: q back in the reader"
keys sm q

# --- P then q at once: the cursor back on the paragraph P started from
# (case 27's ¶10 shares its slide with ¶9), not the slide's first
start pq 80 24 "$ANLI 27:4"
expect pq "¶4/" "27:4: the reader at ¶4"
keys pq J J J J J J
expect pq "¶10/" "J: the cursor on ¶10"
keys pq P
expect pq "$FOOT" "P from ¶10: a slide"
cap pq
case "$(slide_no)" in 1 | "") bad "P from ¶10: no slide of ¶10: $(footer)" ;; *) ok ;; esac
keys pq q
expect pq "¶10/" "P then q: the cursor back on ¶10"
keys pq q

# --- the footer: the item's title · the section before the bar; the title
# cut (…) before the section, at 80×24, 60×20, paused too
start pf 80 24 "$ANLI 27:4"
expect pf "¶4/" "27:4: the reader at ¶4"
keys pf J J J J J J P
expect pf "案例27 用好“科创中国”平台 · 工作启示 .* [0-9]*/[0-9]*  " "80×24: the footer's section whole"
keys pf t
expect pf "· 工作启示 .*(paused)" "80×24 paused: the footer's section whole"
tm resize-window -t pf -x 60 -y 20
expect pf "^ 案例27.*… · 工作启示 .*(paused)" "60×20 paused: the title cut, the section whole"
keys pf q q

# --- q from a caption-only slide of another item (chapter 3's slide 79:
# case 24's last caption, after its ¶8): the reader at ¶8, not the top
start pc 80 24 "$ANLI 14:1"
expect pc "¶1/" "14:1: the reader at ¶1"
keys pc P
expect pc "$FOOT" "P: a slide"
keys pc 7 9 Enter
expect pc "周远院士参观东贝电器生产线" "79 Enter: case 24's caption slide"
keys pc q
expect pc "¶8/" "q from a caption slide: the paragraph before it (¶8 of case 24)"
keys pc q

# --- the help at 40 columns: keys wrapped, never cut
start hn 40 40 "$ANLI present 1"
expect hn "$FOOT" "40×40: the presentation"
keys hn ?
expect hn "presentation keys" "40×40: ? shows the help"
expect hn "Backspace" "40×40: the help shows the key Backspace whole"
cap hn
grep -q "│.*…" "$T/screen" && bad "40×40: the help cuts a line: $(grep "│.*…" "$T/screen")" || ok
keys hn q q

# --- from the shell: q quits; ] [ items; f hides the footer
start sh 60 20 "$ANLI present c1 c2"
expect sh "$FOOT" "anli present c1 c2 starts"
n1=$(footer | sed -n 's|.* [0-9]*/\([0-9]*\)  .*|\1|p')
keys sh ']'
expect sh " [0-9]*/$n1  " "] goes on"
cap sh
[ "$(slide_no)" -gt 1 ] && grep -q "案例 2/53" "$T/screen" && ok || bad "] does not show case 2's title slide"
keys sh '['
expect sh " 1/$n1  " "[ back to case 1's title slide"
keys sh f ']'
expect_not sh "案例 2/53" "$FOOT" "f hides the footer"
keys sh f
expect sh "$FOOT" "f shows it again"
# a number typed is shown; Esc forgets it (and does not quit)
keys sh 9
expect sh "slide 9: Enter or G goes" "a number typed is shown in the footer"
keys sh Escape
keys sh 2 Enter
expect sh " 2/$n1  " "Esc forgets the number, the presentation goes on"
# Backspace while a number is typed deletes its last digit (not a page back)
keys sh 4 Enter
expect sh " 4/$n1  " "4 Enter: slide 4"
keys sh 5 7 BSpace
expect sh "slide 5: Enter or G goes" "Backspace deletes the number's last digit"
keys sh BSpace Space
expect sh " 5/$n1  " "Backspace deleting the number's only digit does not page back (4, then Space: 5)"
keys sh 3 7 BSpace Enter
expect sh " 3/$n1  " "3 7 Backspace Enter: slide 3"
keys sh BSpace
expect sh " 2/$n1  " "Backspace without a number: the previous slide"
# the mouse: the wheel down and a click advance, the wheel up goes back
keys sh g
expect sh " 1/$n1  " "g: the first slide"
keys sh -l $'\e[<65;20;5M'
expect sh " 2/$n1  " "the wheel down: the next slide"
keys sh -l $'\e[<0;20;5M'
keys sh -l $'\e[<0;20;5m'
expect sh " 3/$n1  " "a click: the next slide"
keys sh -l $'\e[<64;20;5M'
expect sh " 2/$n1  " "the wheel up: the previous slide"
keys sh q
expect sh "EXIT=0" "q quits anli present"

# --- step reveal: Space shows the slide's next paragraph before the next slide
start st 80 24 "$ANLI present c1 --step"
expect st "$FOOT" "anli present --step starts"
keys st 4 Enter
expect st " 4/[0-9]*  " "--step: slide 4"
expect st "… 4/[0-9]*  " "--step: the footer marks that more of slide 4 is to come"
cap st
l0=$(head -n 23 "$T/screen" | grep -c '[^ ]')
keys st Space
i=0
while [ $i -lt 50 ]; do
	cap st
	[ "$(head -n 23 "$T/screen" | grep -c '[^ ]')" -gt "$l0" ] && break
	sleep 0.1
	i=$((i + 1))
done
[ "$(head -n 23 "$T/screen" | grep -c '[^ ]')" -gt "$l0" ] && grep -q " 4/[0-9]*  " "$T/screen" && ok ||
	bad "--step: Space does not reveal more of slide 4 ($l0 lines)"
keys st s
expect st "step reveal off" "s turns step reveal off"
expect_not st "step reveal off .* 4/[0-9]*  " "…  *4/" "step reveal off: the slide whole, no mark"
keys st Space
expect st " 5/[0-9]*  " "without step reveal Space goes to slide 5"
keys st q

# --- --duration: a countdown
start cd 60 20 "NO_COLOR=1 $ANLI present c1 --duration 90s"
expect cd " 01:[23][0-9] *$\|01:30 *$" "--duration 90s counts down from 01:30"
# its last two minutes bold, over time reversed too: seen without colour
if wait_for cd $'\e\\[\\([0-9;]*;\\)\\?1\\(;[0-9;]*\\)\\?m *01:[0-9][0-9]' -e; then ok; else bad "--duration 90s: the countdown is not bold in its last 2 minutes"; fi
keys cd q
start ov 60 20 "NO_COLOR=1 $ANLI present c1 --duration 1s"
expect ov " -00:0[0-9] *$" "--duration 1s: over time shows -00:0N"
if wait_for ov $'\e\\[\\([0-9;]*;\\)\\?7\\(;[0-9;]*\\)\\?m *-00:' -e; then ok; else bad "--duration 1s: over time is not reversed"; fi
keys ov q

# --- --dump --size 40x12 is what a 40×12 screen shows, slide by slide
if "$ANLI" present c1 --dump --size 40x12 >"$T/dump" 2>"$T/dump.err"; then
	ok
	start dm 40 12 "$ANLI present c1"
	expect dm "$FOOT" "40×12 presentation"
	python3 - "$T/dump" >"$T/pages" <<'EOF'
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
print(len([p for p in pages if p.strip()]))
EOF
	np=$(cat "$T/pages")
	[ "$np" -gt 3 ] && ok || bad "the dump has $np slides"
	k=1
	while [ $k -le 6 ] && [ $k -le "$np" ]; do
		expect dm " $k/[0-9]*  " "slide $k at 40×12"
		cap dm
		if python3 - "$T/dump" "$T/screen" $k <<'EOF'; then ok; else bad "slide $k: the screen differs from --dump"; fi
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
# a slide: its 11 body rows (then the dump's footer line)
page = pages[int(sys.argv[3]) - 1].split("\n")[:11]
screen = open(sys.argv[2], encoding="utf-8").read().split("\n")[:11]
a = [l.rstrip() for l in page]
b = [l.rstrip() for l in screen]
while a and not a[-1]: a.pop()
while b and not b[-1]: b.pop()
if a != b:
    print("dump:", a, "\nscreen:", b, sep="\n")
    sys.exit(1)
EOF
		keys dm Space
		k=$((k + 1))
	done
	keys dm q
else
	cat "$T/dump.err"
	bad "anli present c1 --dump --size 40x12 failed"
fi

# --- the progress bar shows the split into items with many of them:
# --chapter book/3 (14 items) at 80 columns: the current item's segment
# between two separators (one at either end of the deck)
BAR='[█░]'
start ch 80 24 "$ANLI present --chapter book/3"
expect ch "$FOOT" "--chapter book/3 starts"
expect ch "$BAR│$BAR*$BAR  *1/" "the first item: its segment ends at a separator"
keys ch ']'
expect ch "$BAR│$BAR$BAR*│$BAR$BAR*  *[0-9]*/" "the second item: its segment between two separators"
cap ch
[ "$(footer | grep -o '│' | wc -l)" -eq 2 ] && ok || bad "the bar has not exactly two separators: $(footer)"
tm resize-window -t ch -x 160 -y 24
# with room for all the separators: 13 of them, and more than 24 cells
expect ch "$BAR│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR*│$BAR.*  *[0-9]*/" \
	"160 columns: every item apart"
cap ch
[ "$(footer | grep -o '[█░]' | wc -l)" -gt 24 ] && ok || bad "160 columns: the bar does not grow: $(footer)"
keys ch q

# --- valgrind: no invalid access or leak through P, the moves, the index,
# a resize and back into the reader, teardown included
# (valgrind is slow, slower still beside the other suites of make check:
# each wait here is up to 4 times tmux-lib's 5 s)
vexpect() { for _ in 1 2 3 4; do wait_for "$1" "$2" && { ok; return; }; done; bad "$3: '$2' not on screen"; }
if command -v valgrind >/dev/null 2>&1; then
	start vg 60 20 "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --log-file=$T/vg.log $ANLI 1:4"
	vexpect vg "¶4/" "the reader under valgrind"
	keys vg P
	vexpect vg "$FOOT" "P under valgrind"
	keys vg Space s Space Tab j Enter 3 Enter B x
	vexpect vg " 3/[0-9]*  " "moves under valgrind"
	tm resize-window -t vg -x 45 -y 12
	keys vg ?
	vexpect vg "presentation keys" "the help under valgrind"
	keys vg q q
	vexpect vg "¶[0-9]*/" "back in the reader under valgrind"
	keys vg q
	vexpect vg "EXIT=[0-9]" "the reader under valgrind exits"
	grep -q "EXIT=0" "$T/screen" && ok || { cat "$T/vg.log" >"$T/screen"; bad "valgrind reports errors"; }
else
	echo "present-tui: valgrind not installed: the valgrind check skipped"
fi

echo "present-tui: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
