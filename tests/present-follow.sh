#!/bin/bash
# present-follow.sh — screen tests of the presenter view (issue 13, item 7):
# a presentation in one tmux session, `anli present --follow` in another
# follows its slide changes; --follow PID follows the one given, plain
# --follow the newest; the presenter quitting is said and a new one is
# followed; the follower quitting leaves the presenter running; nothing to
# follow and an unsafe socket directory are clear errors; with --big-titles
# inside tmux the titles are plain (no escape junk), and on scripted
# terminals (tests/present-bigtitle.py) big only where the replies say so.  Every run has its own
# XDG_RUNTIME_DIR (the sockets' directory) and state file.
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB NO_COLOR TMUX STY
ANLI="${ANLI:-$(pwd)/anli}"
DB="$(pwd)/data/anli.db"
SOCK="anli-follow-$$"
T=$(mktemp -d /tmp/anli-follow.XXXXXX)
. tests/tmux-lib.sh # ok bad tm cap wait_for expect expect_not keys
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
RUN="$T/run"
mkdir -p -m 700 "$RUN" # tmux-lib.sh may have made it
# the sockets' directories are ours alone: other suites' presentations
# (in the environment's XDG_RUNTIME_DIR or /tmp/anli-UID) are not seen
TMPDIR="$T"
export TMPDIR
nrun=0
start() { # NAME COLS ROWS COMMAND
	nrun=$((nrun + 1))
	tm kill-session -t "$1" 2>/dev/null
	tm new-session -d -s "$1" -x "$2" -y "$3" \
		"ANLI_DB='$DB' ANLI_STATE='$T/state-$1-$nrun.db' XDG_RUNTIME_DIR='$RUN' TMPDIR='$T' TERM=screen-256color; export ANLI_DB ANLI_STATE XDG_RUNTIME_DIR TMPDIR TERM; $4; echo EXIT=\$?; sleep 30"
	tm set-option -t "$1" -g status off >/dev/null
}
# the presenter's slide number n of n/N in its footer
slide_of() { cap "$1"; tail -n 1 "$T/screen" | sed -n 's|.* \([0-9][0-9]*\)/[0-9][0-9]*  .*|\1|p'; }
# the pid of the one socket in the directory
sock_pid() { ls "$RUN/anli" 2>/dev/null | sed -n 's/^present-\([0-9]*\)\.sock$/\1/p' | head -n 1; }

# --- nothing to follow: a clear error, exit 1
out=$(XDG_RUNTIME_DIR="$RUN" ANLI_DB="$DB" "$ANLI" present --follow </dev/null 2>&1)
rc=$?
case "$out" in *"no presentation is running"*) ok ;; *) bad "--follow with nothing running said: $out" ;; esac
[ $rc = 1 ] && ok || bad "--follow with nothing running exited $rc, not 1"

# --- a presenter and a follower
start pres 80 24 "$ANLI present 27"
expect pres '1/[0-9]*  .*[0-9][0-9]:[0-9][0-9] *$' "the presentation's footer"
i=0
while [ -z "$(sock_pid)" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
p1=$(sock_pid)
[ -n "$p1" ] && ok || bad "no present-PID.sock in \$XDG_RUNTIME_DIR/anli"
mode=$(stat -c %a "$RUN/anli")
[ "$mode" = 700 ] && ok || bad "the socket directory has mode $mode, not 700"
start fol 100 30 "$ANLI present --follow"
expect fol "Now: 1/" "the follower shows the presenter's first slide"
expect fol "用好“科创中国”平台" "the follower shows the title slide's title"
# a title slide's current area: the title slide's own lines, not slide 2's
cap fol
case "$(grep -A1 "平台 · title" "$T/screen" | tail -n 1)" in *"第三篇 科经融合"*) ok ;; *) bad "the title slide's area does not show its lines: $(grep -A1 "平台 · title" "$T/screen" | tail -n 1)" ;; esac
keys pres Space Space
expect fol "Now: 3/" "the follower follows two slides on"
expect fol "Next: 4/" "the follower shows the next slide"
# the slides small: their text wrapped again at the boxes' width, nothing
# cut but at a box's foot (the follower's boxes are 10 rows at 100×30)
cap fol
sed -n 2,10p "$T/screen" | grep -q "…" && bad "the boxes cut lines: $(sed -n 2,10p "$T/screen" | grep "…")" || ok
[ "$(slide_of pres)" = 3 ] && ok || bad "the presenter is not on slide 3"
# the current section's full text: case 27's 工作背景 starts so
expect fol "2021 年，石河子高新区入选第二批" "the follower shows the section's text"
cap fol
case "$(grep -A1 "平台 · 工作背景" "$T/screen" | tail -n 1)" in *"2021 年"*) ok ;; *) bad "the section's heading again under its label: $(grep -A1 "平台 · 工作背景" "$T/screen" | tail -n 1)" ;; esac
keys pres G
expect fol "Next: the end" "the follower follows to the last slide"

# --- a second presentation: --follow follows the newest, --follow PID the one given
start pres2 80 24 "$ANLI present 3 --duration 1s"
expect pres2 '1/[0-9]*  .*[0-9][0-9]:[0-9][0-9] *$' "the second presentation's footer"
start new 100 30 "$ANLI present --follow"
expect new "案例 3/53" "plain --follow follows the newest presentation (case 3)"
# over time (--duration 1s): the follower's timer red and reversed, as the presenter's
i=0
while ! tm capture-pane -e -p -t new | tail -n 1 | grep -q -- '-00:0'; do [ $i -lt 50 ] || break; sleep 0.1; i=$((i + 1)); done
tm capture-pane -e -p -t new | tail -n 1 | grep -q $'\e\[1;7m\e\[31m[0-9]' && ok || bad "over time the follower's timer is not red and reversed: $(tm capture-pane -e -p -t new | tail -n 1 | cat -v)"
start old 100 30 "$ANLI present --follow $p1"
expect old "用好“科创中国”平台" "--follow $p1 follows that presentation (case 27)"
start none 100 30 "$ANLI present --follow 999999999"
expect none "no presentation by process 999999999" "--follow of a pid that presents nothing"

# --- the follower quits: the presenter goes on
keys old q
expect old "EXIT=0" "q quits the follower"
keys pres g
expect pres ' 1/[0-9]*  ' "the presenter still takes keys after its follower quit"
expect fol "Now: 1/" "the other follower still follows"

# --- the presenter quits: said, and the newest follower takes the next one
keys pres2 q
expect pres2 "EXIT=0" "the second presentation quits"
expect new "presentation ended" "the follower says the presentation ended"
cap new
grep -q "EXIT=" "$T/screen" && bad "the follower exited when the presenter quit" || ok
start pres3 80 24 "$ANLI present 5"
expect new "案例 5/53" "the follower follows a new presentation after the old one ended"

# --- P in the reader presents too, and q back in the reader ends it
tm kill-session -t new 2>/dev/null
start reader 80 24 "$ANLI 12:3"
expect reader "¶3/" "the reader opens case 12 at ¶3"
keys reader P
expect reader '[0-9]/[0-9]*  .*[0-9][0-9]:[0-9][0-9] *$' "P presents"
start rfol 100 30 "$ANLI present --follow"
expect rfol "Now: [2-9]" "the follower follows P's presentation at the paragraph's slide"
keys reader q
expect reader "¶3/" "q goes back to the reader"
expect rfol "presentation ended" "the follower says P's presentation ended"

# --- the presentation killed (C-c, TERM, HUP): its socket goes with it
for how in C-c TERM HUP; do
	start kill 80 24 "$ANLI present 8"
	expect kill '1/[0-9]*  .*[0-9][0-9]:[0-9][0-9] *$' "the presentation to kill with $how"
	kp=$(tm list-panes -t kill -F '#{pane_pid}')
	ap=$(pgrep -P "$kp" -x anli | head -n 1)
	[ -n "$ap" ] && [ -S "$RUN/anli/present-$ap.sock" ] && ok || bad "$how: no socket of the presentation ($ap)"
	if [ "$how" = C-c ]; then keys kill C-c; else kill -"$how" "$ap"; fi
	# (C-c ends the pane's shell too: wait for the process, not the screen)
	i=0
	while kill -0 "$ap" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -0 "$ap" 2>/dev/null && bad "$how does not end the presentation" || ok
	[ -e "$RUN/anli/present-$ap.sock" ] && bad "$how: present-$ap.sock left behind" || ok
done

# --- an unsafe socket directory: refused with a message naming it
BADRUN="$T/bad"
mkdir -m 700 "$BADRUN"
mkdir -m 755 "$BADRUN/anli"
out=$(XDG_RUNTIME_DIR="$BADRUN" ANLI_DB="$DB" "$ANLI" present --follow </dev/null 2>&1)
case "$out" in *"$BADRUN/anli: mode 755"*"refusing"*) ok ;; *) bad "a 0755 socket directory: $out" ;; esac

# --- --big-titles inside tmux: plain titles, nothing else
start big 80 24 "$ANLI present --big-titles 27"
expect_not big "用好“科创中国”平台" '66;\|#3\|#4\|\]' "--big-titles in tmux shows junk"
cap big -e
if grep -q $'\e\\]66\|\e#[345]' "$T/screen"; then bad "--big-titles in tmux: escape sequences on screen"; else ok; fi
title=$(grep -m 1 "用好" "$T/screen" | sed 's/\x1b\[[0-9;]*m//g; s/^ *//; s/ *$//')
[ "$title" = "用好“科创中国”平台" ] && ok || bad "--big-titles in tmux: the title line is '$title'"

# --- --big-titles against scripted terminals on a pty (kitty, xterm, one
# that never answers, one that supports neither, tmux): the method each
# one's replies call for, and nothing where none
if XDG_RUNTIME_DIR="$RUN" "${PYTHON3:-python3}" tests/present-bigtitle.py "$ANLI" "$DB" >"$T/bt" 2>&1; then ok; else
	fail=$((fail + 1)); echo "FAIL: --big-titles on scripted terminals:"; cat "$T/bt"; fi

echo "present-follow: $pass passed, $fail failed"
[ $fail = 0 ]
