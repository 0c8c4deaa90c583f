#!/usr/bin/python3
"""ptyrun.py COLS ROWS [--stderr FILE] CMD ARGS...: run CMD with its standard
input and output on a new pseudo-terminal of COLS x ROWS (output
post-processing off, so its bytes arrive as written), copy what it writes
to our standard output, and exit with its exit status.  Standard error
goes to FILE when given (else to the terminal too).  No timing: reads
until the terminal closes, then waits for the child."""
import os
import pty
import struct
import sys
import fcntl
import termios


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    args = sys.argv[3:]
    err = None
    if args[:1] == ["--stderr"]:
        err, args = args[1], args[2:]
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        attrs = termios.tcgetattr(0)
        attrs[1] &= ~termios.OPOST  # no \n -> \r\n
        termios.tcsetattr(0, termios.TCSANOW, attrs)
        if err:
            e = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(e, 2)
            os.close(e)
        try:
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    out = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's last writer closed it
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    sys.exit(os.waitstatus_to_exitcode(status) if status else 0)


main()
