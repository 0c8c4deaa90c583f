#!/usr/bin/env python3
# relay.py — a pty between the terminal (a tmux pane) and a program, that
# answers the program's cursor position query (ESC [ 6 n) itself, late or
# never, the way a terminal at the far end of a slow SSH link does.  tmux
# answers at once, so without this the late-reply path is never tested.
#
#   relay.py [--delay MS | --never] [--col N] -- COMMAND [ARG...]
#
# --delay MS  answer ESC [ 24 ; N R after MS milliseconds (default 500)
# --never     never answer
# --col N     the column reported (2: “ is one column wide; 3: two)
# Everything else passes through unchanged, both ways; the window size is
# passed on; the exit status is the program's (128+N for signal N).
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
import fcntl
import tty

QUERY = b"\x1b[6n"


def main():
    args = sys.argv[1:]
    delay, never, col = 0.5, False, 2
    while args and args[0] != "--":
        a = args.pop(0)
        if a == "--delay":
            delay = int(args.pop(0)) / 1000.0
        elif a == "--never":
            never = True
        elif a == "--col":
            col = int(args.pop(0))
        else:
            sys.exit("relay.py: unknown option " + a)
    if not args:
        sys.exit("relay.py: no command")
    args.pop(0)

    def winsize():
        try:
            return fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
        except OSError:
            return struct.pack("HHHH", 24, 80, 0, 0)

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(args[0], args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, winsize())

    def on_winch(sig, frame):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, winsize())
        os.kill(pid, signal.SIGWINCH)

    signal.signal(signal.SIGWINCH, on_winch)
    old = termios.tcgetattr(0)
    tty.setraw(0)
    pending = b""    # output held back: it may end in part of the query
    answers = []     # times at which to answer
    status = 0
    try:
        while True:
            now = time.monotonic()
            timeout = None
            if answers:
                timeout = max(0.0, min(answers) - now)
            try:
                r, _, _ = select.select([0, fd], [], [], timeout)
            except InterruptedError:
                continue
            now = time.monotonic()
            due = [t for t in answers if t <= now]
            if due:
                answers = [t for t in answers if t > now]
                for _ in due:
                    os.write(fd, b"\x1b[24;%dR" % col)
            if 0 in r:
                data = os.read(0, 4096)
                if data:
                    os.write(fd, data)
            if fd in r:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    break
                buf = pending + data
                while QUERY in buf:
                    i = buf.index(QUERY)
                    os.write(1, buf[:i])
                    buf = buf[i + len(QUERY):]
                    if not never:
                        answers.append(time.monotonic() + delay)
                keep = 0
                for k in range(len(QUERY) - 1, 0, -1):
                    if buf.endswith(QUERY[:k]):
                        keep = k
                        break
                os.write(1, buf[:len(buf) - keep])
                pending = buf[len(buf) - keep:]
    finally:
        termios.tcsetattr(0, termios.TCSAFLUSH, old)
    _, st = os.waitpid(pid, 0)
    if os.WIFSIGNALED(st):
        status = 128 + os.WTERMSIG(st)
    else:
        status = os.WEXITSTATUS(st)
    sys.exit(status)


main()
