#!/usr/bin/python3
"""columns.py ROWS [RIGHT_FROM]: read a table printed by anli on standard
input (SGR escapes removed) and check that its ROWS rows (after the header)
line up with the header by display width (East Asian Wide and Fullwidth
characters count two columns): for every header column after the first,
the two columns before it are blank in every row (the gap) and no
character straddles the column's start.  Columns from RIGHT_FROM on are
right-aligned: each row's cell ends where the header's label ends.
Exit 1 naming the first line at fault."""
import re
import sys
import unicodedata


def cells(line):
    """display column -> (char, is_start)"""
    out, col = {}, 0
    for c in line:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
        for k in range(w):
            out[col + k] = (c, k == 0)
        col += w
    return out


def main():
    nrows = int(sys.argv[1])
    right_from = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 30
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", l.rstrip("\n")) for l in sys.stdin]
    if len(lines) < nrows + 1:
        print(f"columns: {len(lines) - 1} rows, wanted {nrows}")
        return 1
    head = [(m.start(), m.end()) for m in re.finditer(r"\S+", lines[0])]  # labels have no spaces
    for l in lines[1:nrows + 1]:
        c = cells(l)
        blank = lambda x: c.get(x, (" ", True))[0] == " "
        for k, (a, b) in enumerate(head):
            if k == 0:
                continue
            if k >= right_from:
                if blank(b - 1) or not blank(b):
                    print(f"columns: column {k} does not end at {b}: {l!r}")
                    return 1
            elif not blank(a - 1) or not blank(a - 2) or not c.get(a, (" ", True))[1]:
                print(f"columns: column {k} does not start at {a}: {l!r}")
                return 1
    return 0


sys.exit(main())
