"""Runs a command in a pseudo-terminal and relays bytes: our stdin -> the terminal, the terminal -> our stdout.

Used by the terminal-mode tests (Python's standard `pty` module: no compiler, no npm addon).
Usage: python3 pty-relay.py <columns> <rows> <command> [args...]
Exits with the command's exit code once it has exited and its output is drained.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, master = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
stdin = sys.stdin.fileno()
stdout = sys.stdout.fileno()
watch = [master, stdin]
while True:
    ready, _, _ = select.select(watch, [], [])
    if stdin in ready:
        data = os.read(stdin, 4096)
        if data:
            os.write(master, data)
        else:
            watch.remove(stdin)
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the command closed the terminal
            data = b""
        if not data:
            break
        os.write(stdout, data)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
