"""A private accessibility bus for tests: a D-Bus session daemon of the test's own and the AT-SPI bus
launcher on it, so an app started with that bus address is read as a screen reader reads it (through
tests/support/atspi_reader.py, run by Debian's Python with python3-gi).

Both die with the test process (PR_SET_PDEATHSIG, see xserver.start_child; the launcher through a
shell that ends its whole process group, its own bus daemon included) and are stopped with their
process groups at the end."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.children import PR_SET_PDEATHSIG, die_with_parent
from tests.support.xserver import start_child, stop

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
READER = Path(__file__).with_name("atspi_reader.py")


def _terminate_with_parent() -> None:
    """preexec_fn: SIGTERM (which the launcher's shell traps) when the test process dies."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() == 1:
        os._exit(1)


def missing() -> list[str]:
    """What this machine lacks to run the AT-SPI tests (empty: nothing)."""
    lacking = [name for name in ("dbus-daemon", "Xvfb", "xdotool") if shutil.which(name) is None]
    if not Path(BUS_LAUNCHER).exists():
        lacking.append("at-spi2-core")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"],
        capture_output=True, timeout=30,
    ).returncode:
        lacking.append("python3-gi gir1.2-atspi-2.0")
    return lacking


@contextmanager
def accessibility_bus(display: str) -> Iterator[dict[str, str]]:
    """Yield the environment (DISPLAY, DBUS_SESSION_BUS_ADDRESS) of a private session bus with the
    AT-SPI bus launched on it."""
    env = {**os.environ, "DISPLAY": display}
    runtime = tempfile.mkdtemp(prefix="atspi-")  # the bus's socket: private, not ~/.cache/at-spi
    daemon = start_child(["dbus-daemon", "--session", "--nofork", "--print-address=1"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    launcher = None
    try:
        address = daemon.stdout.readline().strip()
        if not address:
            raise RuntimeError(f"dbus-daemon did not start (exit status {daemon.poll()})")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        # The launcher's own bus daemon does not die with the launcher: a shell leads their process
        # group and, told by the kernel that the test died (SIGTERM, below), ends the whole group.
        launcher = subprocess.Popen(
            ["sh", "-c", 'trap "trap - TERM; kill 0" TERM; "$0" --launch-immediately & wait', BUS_LAUNCHER],
            env={**env, "XDG_RUNTIME_DIR": runtime}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=_terminate_with_parent, start_new_session=True,
        )
        yield {"DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": address}
    finally:
        if launcher is not None:
            stop(launcher)
        stop(daemon)
        shutil.rmtree(runtime, ignore_errors=True)


def read(bus: dict[str, str], *argv: str, timeout: float = 60) -> dict:
    """Run the reader with argv on the bus; its JSON answer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(bus)
    done = subprocess.run([SYSTEM_PYTHON, str(READER), *argv], env=env, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=die_with_parent)
    if done.returncode != 0:
        raise AssertionError(f"atspi_reader {' '.join(argv)}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def walk(node: dict, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every node of a tree read by `read(..., "tree", pid)`, with the roles above it."""
    yield path, node
    for child in node["children"]:
        yield from walk(child, (*path, node["role"]))


class Listener:
    """The reader listening to the app's announcements while the test acts (see atspi_reader listen)."""

    def __init__(self, bus: dict[str, str], pid: int, seconds: float) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(bus)
        self.process = start_child([SYSTEM_PYTHON, str(READER), "listen", str(pid), str(seconds)], env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if line != "ready":
            stop(self.process)
            raise AssertionError(f"the AT-SPI listener did not start: {line} {self.process.stderr.read()[-2000:]}")

    def heard(self, timeout: float = 120) -> list[dict]:
        """Everything announced while it listened (it stops now: its stdin closes)."""
        time.sleep(0.5)  # the last announcements still on their way over the bus
        out, err = self.process.communicate(timeout=timeout)
        if self.process.returncode:
            raise AssertionError(f"the AT-SPI listener failed: {err[-2000:]}")
        return json.loads(out)
