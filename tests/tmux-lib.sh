# tmux-lib.sh — what the tmux screen tests share (sourced by tests/tui*.sh,
# which set SOCK, T, pass and fail first and define their own start()).
# A check that something is absent first waits for something that must be
# present (expect_not), so it cannot pass on a screen not yet redrawn.

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; echo "---- screen:"; cat "$T/screen"; echo "----"; }
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
# cap NAME [capture-pane options]: the screen into $T/screen
cap() { tm capture-pane -p "${@:2}" -t "$1" >"$T/screen"; }
# wait_for NAME PATTERN [capture options]: poll until PATTERN shows (up to 5 s)
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		cap "$1" "${@:3}"
		grep -q -- "$2" "$T/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# expect NAME PATTERN DESCRIPTION
expect() { if wait_for "$1" "$2"; then ok; else bad "$3: '$2' not on screen"; fi; }
# expect_not NAME MARKER PATTERN DESCRIPTION: once MARKER shows, PATTERN is absent
expect_not() {
	if ! wait_for "$1" "$2"; then bad "$4: marker '$2' never showed"; return; fi
	if grep -q -- "$3" "$T/screen"; then bad "$4: '$3' still on screen"; else ok; fi
}
# keys NAME KEY...: send keys to the session
keys() { n=$1; shift; tm send-keys -t "$n" "$@"; }

# A presentation publishes a socket for --follow (follow.h): in this test's
# own directory, never where a real `anli present --follow` would look.
if [ -n "${T:-}" ]; then
	mkdir -p -m 700 "$T/run"
	XDG_RUNTIME_DIR="$T/run"
	TMPDIR="$T"
	export XDG_RUNTIME_DIR TMPDIR
fi
