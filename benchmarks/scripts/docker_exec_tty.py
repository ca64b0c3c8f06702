#!/usr/bin/env python3
"""The peer side of Berth's terminal figures (docs/PERFORMANCE.md, "Terminal tab"): `docker exec -it` on a
pseudo-terminal, as a terminal emulator would drive it, without drawing anything.

  keystroke -> echo: one 'x' written to the pty until its echo is read back (60 keystrokes, Ctrl-U every 20)
  throughput:        `docker exec -it C cat FILE` read from the pty to the end

Usage: docker_exec_tty.py CONTAINER [FILE]   (the container must run busybox or any image with sh and cat)
"""
import os
import pty
import select
import statistics
import subprocess
import sys
import time


def read_until(fd, needle, timeout=10.0):
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no {needle!r} in {seen[-200:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            seen += os.read(fd, 65536)
    return seen


def keystrokes(container):
    master, slave = pty.openpty()
    proc = subprocess.Popen(["docker", "exec", "-it", container, "sh"], stdin=slave, stdout=slave, stderr=slave,
                            close_fds=True)
    os.close(slave)
    read_until(master, b"# ")
    millis = []
    on_line = 0
    for _ in range(60):
        start = time.perf_counter()
        os.write(master, b"x")
        read_until(master, b"x")
        millis.append((time.perf_counter() - start) * 1000)
        on_line += 1
        if on_line == 20:
            os.write(master, b"\x15")
            time.sleep(0.1)
            os.read(master, 65536)
            on_line = 0
    os.write(master, b"exit\r")
    proc.wait(timeout=10)
    os.close(master)
    millis.sort()
    print(f"docker exec -it keystroke->echo: median {statistics.median(millis):.1f} ms, "
          f"p95 {millis[int(len(millis) * 0.95) - 1]:.1f} ms, max {millis[-1]:.1f} ms (n={len(millis)})")


def throughput(container, path):
    size = int(subprocess.check_output(["docker", "exec", container, "wc", "-c", path]).split()[0])
    master, slave = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(["docker", "exec", "-it", container, "cat", path], stdin=slave, stdout=slave, stderr=slave,
                            close_fds=True)
    os.close(slave)
    total = 0
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        total += len(chunk)
    proc.wait(timeout=30)
    seconds = time.perf_counter() - start
    os.close(master)
    print(f"docker exec -it cat {size / 1e6:.1f} MB: {seconds:.2f} s = {size / 1e6 / seconds:.0f} MB/s "
          f"({total:,} bytes read from the pty)")


if __name__ == "__main__":
    keystrokes(sys.argv[1])
    if len(sys.argv) > 2:
        throughput(sys.argv[1], sys.argv[2])
