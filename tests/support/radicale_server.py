"""A real Radicale CalDAV server on 127.0.0.1 for the sync tests and bench/caldav_bench.py.

Temporary storage folder, htpasswd users (plain passwords), a free loopback port; the process dies
with ours even when we are SIGKILLed (children.start_child). stop() and start() again keep the
storage, so a test can take the server away in the middle of a pass and bring it back.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.support.children import start_child

USERS = {"alice": "alice-secret", "bob": "bob-secret"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RadicaleServer:
    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = Path(folder)
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        (self.folder / "collections").mkdir(parents=True, exist_ok=True)
        (self.folder / "users").write_text("".join(f"{u}:{p}\n" for u, p in USERS.items()))
        self.log = self.folder / "radicale.log"
        (self.folder / "config").write_text(
            f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {self.folder / "users"}
htpasswd_encryption = plain
# No delay after a wrong password: the tests try one on purpose.
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = {self.folder / "collections"}
[logging]
level = warning
"""
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 20.0) -> RadicaleServer:
        self.process = start_child(
            [sys.executable, "-m", "radicale", "--config", str(self.folder / "config")],
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("ab"),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale exited at start: {self.log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("Radicale did not start listening in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
