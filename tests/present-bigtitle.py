#!/usr/bin/env python3
"""present-bigtitle.py — `anli present --big-titles` against scripted
terminals on a pseudo-terminal (issue 13, item 6).  Each plays a terminal's
replies to what anli asks (the width probe's CPR, XTVERSION, kitty's
text-sizing probe) and checks what anli then draws:

  kitty   CPRs move by 2 and 2, XTVERSION kitty   -> OSC 66 s=2 with the title
  xterm   CPRs do not move, XTVERSION XTerm(390)  -> DEC double-height rows
  mute    no replies at all (a timeout)           -> neither
  plain   CPRs do not move, XTVERSION foot        -> neither
  tmux    TMUX set (replies as kitty)             -> nothing asked, neither

Usage: present-bigtitle.py ANLI DB.  Prints one line per terminal; exit 1
on a failure."""
import os
import pty
import select
import struct
import sys
import termios
import fcntl
import time

ANLI, DB = sys.argv[1], sys.argv[2]
TITLE = "用好“科创中国”平台".encode()
MARK = "新疆兵团石河子高新区科协".encode()  # the title slide's last line: drawn


def run(kind):
    env = dict(os.environ, TERM="xterm-256color", ANLI_DB=DB, LC_ALL="C.UTF-8",
               XDG_RUNTIME_DIR=os.environ.get("XDG_RUNTIME_DIR", "/tmp"))
    env.pop("TMUX", None)
    env.pop("STY", None)
    if kind == "tmux":
        env["TMUX"] = "/tmp/tmux-0/default,1,0"
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(ANLI, [ANLI, "present", "--big-titles", "27"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    ncpr = 0
    seen = 0
    deadline = time.time() + 20
    answered_version = False
    quit_at = None
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        # answer what was asked, in order
        while True:
            i = out.find(b"\x1b[6n", seen)
            j = out.find(b"\x1b[>0q", seen)
            if i < 0 and j < 0:
                break
            if j >= 0 and (i < 0 or j < i):
                seen = j + 5
                if kind in ("kitty", "tmux"):
                    os.write(fd, b"\x1bP>|kitty(0.40.1)\x1b\\")
                elif kind == "xterm":
                    os.write(fd, b"\x1bP>|XTerm(390)\x1b\\")
                elif kind == "plain":
                    os.write(fd, b"\x1bP>|foot(1.16.2)\x1b\\")
                answered_version = True
                continue
            seen = i + 4
            ncpr += 1
            if kind == "mute" and ncpr > 1:
                continue  # the width probe answered, the rest never
            if ncpr == 1:
                os.write(fd, b"\x1b[1;2R")  # the width probe: “ one column
            elif kind in ("kitty", "tmux"):
                os.write(fd, b"\x1b[1;%dR" % (1 + 2 * (ncpr - 2)))
            else:
                os.write(fd, b"\x1b[1;1R")
        # once the title slide is up and a second has passed (the probe's
        # time-out is 1.5 s), a few more frames, then quit
        if quit_at is None and MARK in out:
            quit_at = time.time() + 2.5
        if quit_at is not None and time.time() >= quit_at:
            os.write(fd, b"q")
            quit_at = deadline + 1
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    kitty = b"\x1b]66;s=2;" + TITLE + b"\x07" in out
    dec = b"\x1b#3" in out and b"\x1b#4" in out and out.count(TITLE) >= 3
    asked = b"\x1b[>0q" in out or b"\x1b]66;" in out
    return kitty, dec, asked, MARK in out


want = {
    "kitty": (True, False, True),
    "xterm": (False, True, True),
    "mute": (False, False, True),
    "plain": (False, False, True),
    "tmux": (False, False, False),
}
fail = 0
for kind, (wk, wd, wa) in want.items():
    k, d, a, shown = run(kind)
    ok = shown and (k, d, a) == (wk, wd, wa)
    print("%s: %s: osc66=%s double-height=%s asked=%s title-slide=%s" % (
        "ok" if ok else "FAIL", kind, k, d, a, shown))
    fail += not ok
sys.exit(1 if fail else 0)
