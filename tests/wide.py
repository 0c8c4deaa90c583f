#!/usr/bin/python3
"""wide.py — the reader in a terminal that draws East Asian Ambiguous
characters two columns wide (xterm -cjk_width, PuTTY's CJK option, many
Chinese terminal profiles), and, as a control, in one that draws them narrow.

tmux always draws them narrow, so tests/tui.sh cannot see this.  Here the
terminal is pyte (python3-pyte) with its width function replaced: with
--ambiguous=2 every East Asian Ambiguous character is two columns, DEC line
drawing included (pyte maps the DEC graphics set to U+2500.. box drawing,
which is ambiguous, before measuring).  pyte answers cursor-position
queries (ESC[6n) from its own cursor, so anli's probe sees what a real
terminal of that kind would answer.

For each size (80x24, 120x40) and each way of choosing the convention
(--ambiwidth=N, and the probe with no flag), after the first frame:
  * nothing was drawn past the right edge (no row is wider than the
    terminal: a wrap of the terminal's cursor is counted as a failure);
    with the probe, from the first full repaint after the terminal's
    answer (the reader draws its first frame at once, narrow, and repaints
    in the answer's convention when it differs);
  * the pane separators are one cell, in the same columns on every row,
    at the columns the layout puts them;
  * the tree and list panes show cut titles with the truncation mark, whole, inside
    the pane;
  * the same after a whole-book search (results in the list pane's place);
  * the help overlay's frame has its corners and sides in two columns;
  * the first case is shown (title and organisation) and the status line's
    hint ends one column before the right edge;
  * the focused text pane's header row is marked ("> ") and reversed to the
    right edge.

Usage: wide.py ANLI [--ambiguous=1|2]   (from the top of the tree)
Prints one line per failure and 'N passed, N failed'; exit 1 on a failure.
"""
import codecs
import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata

import pyte
import pyte.screens
from wcwidth import wcwidth as narrow_wcwidth

AMBIGUOUS = 2


def term_width(ch):
    """The emulated terminal's width of one character."""
    w = narrow_wcwidth(ch)
    if AMBIGUOUS == 2 and w == 1 and unicodedata.east_asian_width(ch) == "A":
        return 2
    return w


class Screen(pyte.Screen):
    """pyte's screen, plus what ncurses uses that pyte 0.8 lacks (REP, SU,
    SD), a record of writes past the right edge, and answers to the
    program's queries written back to it."""

    def __init__(self, cols, rows, fd):
        super().__init__(cols, rows)
        self.fd = fd
        self.last = " "
        self.overflow = []  # rows where a character was drawn past the edge
        self.answered = False  # the probe's question was answered

    def erase_in_display(self, how=0, *args, **kw):
        # the reader draws its first frame at once, in the narrow
        # convention, and when the probe's answer says otherwise repaints
        # the whole screen (clear, then everything): what counts is drawn
        # after that
        if how == 2 and self.answered:
            self.overflow = []
        super().erase_in_display(how, *args, **kw)

    def draw(self, data):
        for ch in data:
            if (self.cursor.x >= self.columns and pyte.modes.DECAWM in self.mode
                    and term_width(ch) > 0):
                self.overflow.append(self.cursor.y)
            super().draw(ch)
            self.last = ch

    def repeat_last(self, n=1, **kw):
        self.draw(self.last * max(n, 1))

    def scroll_up(self, n=1, **kw):
        y, x = self.cursor.y, self.cursor.x
        self.cursor_position(self.margins.bottom + 1 if self.margins else self.lines, 1)
        for _ in range(max(n, 1)):
            self.index()
        self.cursor.y, self.cursor.x = y, x

    def scroll_down(self, n=1, **kw):
        y, x = self.cursor.y, self.cursor.x
        self.cursor_position(self.margins.top + 1 if self.margins else 1, 1)
        for _ in range(max(n, 1)):
            self.reverse_index()
        self.cursor.y, self.cursor.x = y, x

    def write_process_input(self, data):
        self.answered = True
        try:
            os.write(self.fd, data.encode())
        except OSError:
            pass


class Stream(pyte.Stream):
    """pyte's parser, with REP, SU and SD.  It is fed text decoded here and
    keeps use_utf8 off, because pyte ignores charset designations in its
    UTF-8 mode, while xterm honours ESC ( 0 in UTF-8 too and ncurses draws
    ACS line drawing with it (TERM=xterm-256color)."""
    csi = dict(pyte.Stream.csi, b="repeat_last", S="scroll_up", T="scroll_down")


def run(anli, args, cols, rows, marker, keys=b"", marker2=None):
    """Run anli in a pty of cols x rows under the emulated terminal until
    `marker` shows and the output has been quiet for a while; then, if
    given, type `keys` and wait the same way for `marker2`.  Returns the
    screen."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    # a new state file each run: the reader starts at the top, not where a
    # run before left off
    state = tempfile.mkdtemp(prefix="anli-wide-")
    env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", ANLI_STATE=os.path.join(state, "user.db"))
    for k in ("ANLI_DB", "NO_COLOR", "LINES", "COLUMNS", "TMUX"):
        env.pop(k, None)

    def child():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    p = subprocess.Popen([anli] + args, stdin=slave, stdout=slave, stderr=slave, env=env,
                         preexec_fn=child, close_fds=True)
    os.close(slave)
    screen = Screen(cols, rows, master)
    stream = Stream(screen)
    stream.use_utf8 = False
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    t0 = time.monotonic()
    last = t0
    seen = False
    while time.monotonic() - t0 < 8:
        if seen and keys and time.monotonic() - last > 0.2:
            os.write(master, keys)
            keys = b""
            marker, seen, last = marker2, False, time.monotonic()
        r, _, _ = select.select([master], [], [], 0.05)
        if r:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            stream.feed(decode(data))
            last = time.monotonic()
        elif seen and not keys and time.monotonic() - last > 0.2:
            break
        if not seen and any(marker in row_text(screen, y) for y in range(rows)):
            seen = True
    # q quits (the first one only closes an overlay such as the help)
    for _ in range(10):
        try:
            os.write(master, b"q")
            p.wait(timeout=0.3)
            break
        except OSError:
            break
        except subprocess.TimeoutExpired:
            pass
    if p.poll() is None:
        p.send_signal(signal.SIGKILL)
        p.wait()
    os.close(master)
    shutil.rmtree(state, ignore_errors=True)
    return screen


passed = 0
failed = 0


def check(ok, what, screen):
    global passed, failed
    if ok:
        passed += 1
        return
    failed += 1
    print("FAIL: %s" % what)
    print("---- screen (· marks the second cell of a wide character):")
    for y in range(screen.lines):
        print("".join(c.data if c.data else "·" for c in (screen.buffer[y][x] for x in range(screen.columns))))
    print("----")


SEPS = ("│", "|")


def cells(screen, y):
    return [screen.buffer[y][x].data for x in range(screen.columns)]


def row_text(screen, y, x0=0, x1=None):
    return "".join(cells(screen, y)[x0:x1])


def check_panes(screen, name, cols, rows, need_cut=True):
    """Nothing past the right edge; separators one cell, in their columns
    on every row; cut rows of the tree and list panes end with a whole …
    inside the pane (and there is one, if need_cut).  Returns the separators' columns."""
    # the layout: below 100 columns a list pane (30) and the text; from 120
    # columns the tree (30), the list (34) and the text
    want = [30] if cols < 100 else [30, 65]
    check(not screen.overflow, "%s: drawn past the right edge on rows %s" % (name, sorted(set(screen.overflow))), screen)
    bad = []
    for y in range(rows - 1):
        c = cells(screen, y)
        found = [x for x in range(cols) if c[x] in SEPS]
        if found != want or any(x + 1 < cols and c[x + 1] == "" for x in found):
            bad.append(y)
    check(not bad, "%s: pane separators not one cell at columns %s on rows %s" % (name, want, bad[:8]), screen)
    # the tree and list panes: each between its left edge and its separator
    panes = list(zip([0] + [x + 1 for x in want[:-1]], want))
    marks = 0
    bad = []
    for y in range(1, rows - 1):
        c = cells(screen, y)
        for px0, px1 in panes:
            for x in range(px0, px1):
                if c[x] == "…":
                    marks += 1
                    if x + term_width("…") > px1 or (term_width("…") == 2 and c[x + 1] != ""):
                        bad.append(y)
    check(marks > 0 or not need_cut, "%s: no cut title in the tree or list pane ends with …" % name, screen)
    check(not bad, "%s: the truncation mark does not fit in its pane on rows %s" % (name, bad), screen)
    return want


def test(anli, args, cols, rows):
    name = "%dx%d %s (ambiguous %d)" % (cols, rows, " ".join(args) or "probe", AMBIGUOUS)
    screen = run(anli, args, cols, rows, "江苏扬州高新区科协")
    want = check_panes(screen, name, cols, rows)
    text = "\n".join(row_text(screen, y, want[-1] + 1) for y in range(rows - 1))
    check("江苏扬州高新区科协" in text and "加强“三期”管理" in text,
          "%s: the first case's title and organisation are not in the text pane" % name, screen)
    # the focus: the text pane's header row, "> " then where you are, reversed
    x0 = want[-1] + 1
    header = row_text(screen, 0, x0)
    check(header.startswith("> ") and "案例 1/53" in header and screen.buffer[0][x0].reverse
          and screen.buffer[0][cols - 1].reverse,
          "%s: the focused text pane's header is not '> …' reversed to the edge" % name, screen)
    status = row_text(screen, rows - 1)
    check(status.endswith("q quit ") and "%" in status,
          "%s: the status line does not end with the hint one column from the edge" % name, screen)


def test_search(anli, args, cols, rows):
    """The whole-book search: results (with · between fields and cut
    snippets) in the list pane's place, hit counts in the tree."""
    name = "%dx%d %s search (ambiguous %d)" % (cols, rows, " ".join(args) or "probe", AMBIGUOUS)
    screen = run(anli, args, cols, rows, "江苏扬州高新区科协", "s院士\r".encode(), "items")
    want = check_panes(screen, name, cols, rows, need_cut=False)
    lx0 = want[0] + 1 if len(want) > 1 else 0
    pane = "\n".join(row_text(screen, y, lx0, want[-1]) for y in range(rows - 1))
    check("“院士”" in pane and " · " in pane, "%s: no search results in the list pane" % name, screen)


def test_help(anli, args, cols, rows):
    """The help overlay's frame: corners and sides in one column each."""
    name = "%dx%d %s help (ambiguous %d)" % (cols, rows, " ".join(args) or "probe", AMBIGUOUS)
    screen = run(anli, args, cols, rows, "江苏扬州高新区科协", b"?", "anli — keys")
    check(not screen.overflow, "%s: drawn past the right edge on rows %s" % (name, sorted(set(screen.overflow))), screen)
    title = [y for y in range(rows) if "anli — keys" in row_text(screen, y)]
    check(len(title) == 1, "%s: no help overlay" % name, screen)
    if len(title) != 1:
        return
    top = title[0] - 1
    c = cells(screen, top)
    corners = [x for x in range(cols) if c[x] in ("┌", "┐", "+")]
    ok = len(corners) == 2 and all(c[x] in ("─", "-") for x in range(corners[0] + 1, corners[1]))
    bottom = top + 1
    while ok and bottom < rows and cells(screen, bottom)[corners[0]] not in ("└", "+"):
        r = cells(screen, bottom)
        ok = (r[corners[0]] in SEPS and r[corners[1]] in SEPS
              and (corners[1] + 1 >= cols or r[corners[1] + 1] != ""))
        bottom += 1
    ok = ok and bottom < rows and cells(screen, bottom)[corners[1]] in ("┘", "+")
    check(ok, "%s: the frame's corners and sides are not in two columns" % name, screen)


def main():
    global AMBIGUOUS
    anli = sys.argv[1]
    for a in sys.argv[2:]:
        if a.startswith("--ambiguous="):
            AMBIGUOUS = int(a.split("=", 1)[1])
    # the terminal under test: pyte measures with term_width
    pyte.screens.wcwidth = term_width
    for cols, rows in ((80, 24), (120, 40)):
        for args in (["--ambiwidth=%d" % AMBIGUOUS], []):
            test(anli, args, cols, rows)
    for cols, rows in ((80, 24), (120, 40)):
        test_search(anli, ["--ambiwidth=%d" % AMBIGUOUS], cols, rows)
    test_help(anli, ["--ambiwidth=%d" % AMBIGUOUS], 80, 24)
    print("wide (ambiguous %d): %d passed, %d failed" % (AMBIGUOUS, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
