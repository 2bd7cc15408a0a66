"""A real X server (Xvfb) for tests that need a real window, and processes that die with the test.

Xvfb picks a free display number itself (-displayfd), so parallel runs never collide. Every process
started here gets PR_SET_PDEATHSIG: if the test process is killed (even with SIGKILL), the kernel
kills Xvfb and the app too, so CI never leaks them.
"""

from __future__ import annotations

import ctypes
import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def missing_tools(*names: str) -> list[str]:
    return [name for name in names if shutil.which(name) is None]


def start_child(argv: Sequence[str], **kwargs) -> subprocess.Popen:
    """Popen that is killed with this process; in its own session so stop() can end its children."""
    return subprocess.Popen(list(argv), preexec_fn=_die_with_parent, start_new_session=True, **kwargs)


def stop(process: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM, then SIGKILL after `grace` seconds; always reaps. Only this process's own group."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(grace)


@contextmanager
def xvfb(width: int = 1280, height: int = 800, depth: int = 24) -> Iterator[str]:
    """Start Xvfb on a free display; yield its name (":N"); stop it afterwards, even on failure."""
    read_fd, write_fd = os.pipe()
    # -noreset: by default the server resets whenever its last client leaves (each xdotool or
    # `import` run is one, and so is the app before its window connects); a client connecting during
    # a reset fails with "Can't open display", which under load happened about once in 300 connections.
    process = start_child(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x{depth}", "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        number = b""
        deadline = time.monotonic() + 20
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(read_fd, 16) if ready else b""
            if not chunk:
                raise RuntimeError(f"Xvfb did not start (exit status {process.poll()})")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_fd)
        stop(process)


def screenshot(display: str, path: Path) -> Path:
    """The whole screen as a PNG (ImageMagick's `import`)."""
    subprocess.run(["import", "-display", display, "-window", "root", str(path)], check=True, timeout=30,
                   capture_output=True)
    return path
