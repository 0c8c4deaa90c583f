#!/bin/sh
# notes-present.sh — make bench: the notes export and the slide layout, each
# side by side with a peer doing the simplest form of the same work, as
# medians of 7 runs (whole processes) and their ratio.
#   anli notes export --format=csv of N notes  vs  sqlite3 -csv of the table
#   anli present --chapter book/3 --dump       vs  fold -w 40 of that dump
# Usage: sh bench/notes-present.sh ANLI DB [N]
set -eu
ANLI=$1 DB=$2 N=${3:-1000}
T=$(mktemp -d /tmp/anli-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is not installed" >&2; exit 1; }
export ANLI_DB="$DB" ANLI_STATE="$T/state.db" ANLI_AUTHOR=bench
# N notes, through the real import (one transaction)
"$ANLI" notes add 27:1 seed >/dev/null
"$ANLI" notes export --format=json >"$T/one.json"
python3 - "$T/one.json" "$T/many.json" "$N" <<'PY'
import json, sys, uuid
d = json.load(open(sys.argv[1]))
n0 = d["notes"][0]
d["notes"] = [dict(n0, uuid=str(uuid.uuid4()), history=[]) for _ in range(int(sys.argv[3]))]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$ANLI" notes import "$T/many.json" >/dev/null
"$ANLI" notes export --format=csv >/dev/null # resolved once, as a user's first export
median() { # median wall milliseconds of 7 runs of "$@"
	for i in 1 2 3 4 5 6 7; do
		s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
		echo $(( (e - s) / 1000 ))
	done | sort -n | sed -n 4p
}
a=$(median "$ANLI" notes export --format=csv)
b=$(median sqlite3 -csv "$T/state.db" "SELECT * FROM note")
printf 'notes export (%s notes, csv):  anli %6d us  sqlite3 -csv %6d us  ratio %s\n' "$N" "$a" "$b" \
	"$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
"$ANLI" present --chapter book/3 --dump --size 40x12 >"$T/deck.txt"
a=$(median "$ANLI" present --chapter book/3 --dump --size 40x12)
b=$(median fold -w 40 "$T/deck.txt")
printf 'present --chapter book/3 --dump 40x12 (%s slides):  anli %6d us  fold %6d us  ratio %s\n' \
	"$(tr -cd '\f' <"$T/deck.txt" | wc -c)" "$a" "$b" \
	"$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
