#!/bin/sh
# golden-pipe.sh — in a pipe, every command prints exactly what it printed
# before the terminal tables, pager and header existed: the outputs of
# tests/golden/commands and the checksums of every item shown in every
# format (tests/golden/show.sha256), captured from that binary.
#   sh tests/golden-pipe.sh            compare (make check)
#   sh tests/golden-pipe.sh --capture  write the golden files (only ever
#                                      from a binary known to be right)
set -u
LC_ALL=C.UTF-8
export LC_ALL
unset ANLI_DB NO_COLOR PAGER LESS COLUMNS
ANLI=${ANLI_BIN:-./anli}
G=tests/golden
T=$(mktemp -d /tmp/anli-golden.XXXXXX)
trap 'rm -rf "$T"' EXIT
capture=0
[ "${1:-}" = --capture ] && capture=1
pass=0
fail=0

n=0
grep -v '^#' "$G/commands" >"$T/commands"
while read -r line; do
	n=$((n + 1))
	f=$(printf '%s/%03d' "$G" "$n")
	# stdout a pipe, stdin and stderr away from any terminal
	$ANLI $line </dev/null 2>/dev/null | cat >"$T/out"
	rc=$($ANLI $line </dev/null >/dev/null 2>&1; echo $?)
	if [ $capture = 1 ]; then
		cp "$T/out" "$f.out"
		echo "$rc" >"$f.rc"
	elif cmp -s "$T/out" "$f.out" && [ "$rc" = "$(cat "$f.rc")" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: anli $line: output or exit status differs from $f.out (exit $rc, wanted $(cat "$f.rc"))"
		diff "$f.out" "$T/out" | head -n 10
	fi
done <"$T/commands"

# every item in every format (and wrapped), as checksums: 62 items x 5
ids=$($ANLI list --all | tail -n +2 | cut -f1)
for id in $ids; do
	for args in "" "--format=text" "--format=markdown" "--format=json" "--width=36"; do
		sum=$($ANLI show "$id" $args </dev/null 2>/dev/null | cat | sha256sum | cut -d' ' -f1)
		echo "$sum  show $id $args"
	done
done >"$T/show.sha256"
if [ $capture = 1 ]; then
	cp "$T/show.sha256" "$G/show.sha256"
	echo "golden-pipe: captured $n commands and $(wc -l <"$G/show.sha256") show checksums"
	exit 0
fi
if cmp -s "$T/show.sha256" "$G/show.sha256"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: show output in a pipe differs from before:"
	diff "$G/show.sha256" "$T/show.sha256" | head -n 10
fi
echo "golden-pipe: $pass passed, $fail failed"
[ "$fail" = 0 ]
