#!/usr/bin/python3
"""ptyrun.py COLS ROWS [--stderr FILE] CMD ARGS...: run CMD with its standard
input and output on a new pseudo-terminal of COLS x ROWS (output
post-processing off, so its bytes arrive as written), copy what it writes
to our standard output, and exit with its exit status.  Standard error
goes to FILE when given (else to the terminal too).  No timing: reads
until the child has exited and the terminal holds nothing more."""
import os
import select
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
    # The parent keeps its own copy of the terminal's slave side open, so
    # the child's exit never makes a read fail (Linux can drop output that
    # is still buffered when a pty's last slave closes): it reads until the
    # child has exited and nothing more is buffered.
    fd, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # no \n -> \r\n
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    pid = os.fork()
    if pid == 0:
        os.close(fd)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        os.dup2(slave, 0)
        os.dup2(slave, 1)
        if err:
            e = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(e, 2)
            os.close(e)
        else:
            os.dup2(slave, 2)
        if slave > 2:
            os.close(slave)
        try:
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    out = bytearray()
    status = None
    while True:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            out += os.read(fd, 65536)
            continue
        if status is not None:
            break  # exited, and nothing left to read
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
    os.close(slave)
    os.close(fd)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    sys.exit(os.waitstatus_to_exitcode(status) if status else 0)


main()
