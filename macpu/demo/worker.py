"""The task worker the demo runs beside its web server, so long exports are made in the background there too.

It is a child process that ends with the server: stopped when the server stops, and told by the kernel
(Linux's parent-death signal) if the server is killed outright.
"""

import contextlib
import ctypes
import signal
import subprocess
import sys
from collections.abc import Iterator

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def task_worker() -> Iterator[subprocess.Popen[bytes]]:
    """`macpu db_worker` running until the block ends."""
    command = [sys.executable, "-m", "macpu.cli", "db_worker", "--interval", "1", "--no-reload", "--verbosity", "0"]
    worker = subprocess.Popen(command, preexec_fn=_die_with_parent)  # noqa: S603  # our own command, no shell
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
