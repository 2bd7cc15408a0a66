"""Crash writers for the kills that land while they write, forked from a server that imported them once.

The kill test starts a writer 32 times per backend. Of a writer's ~0.45 CPU-seconds, ~0.3 went to
starting Python and importing SQLAlchemy and the storage stack, none of which a kill after READY
can hit. So those writers are forks of one server per test that imported what a writer imports
(and both dialects with their drivers) and opened no database: each fork opens the database
itself, as a new writer does, and is a process of its own that the test SIGKILLs. A kill meant for
a writer's start (Python's start, the imports, the first migration) still goes to a new interpreter.

    forks = WriterForks()                  # python -m tests.safety.writer_forks FD: the server
    writer = forks.start(path, seed)       # like Popen([python, -m, crash_writer, path, seed], stdout=PIPE, stderr=PIPE, text=True)
    writer.send_signal(signal.SIGKILL); writer.wait(30)
    forks.stop()
"""

from __future__ import annotations

import importlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from tests.support.children import die_with_parent, start_child

ROOT = Path(__file__).resolve().parents[2]
# What a writer imports before READY on either backend (the dialects load when its engines are made).
PRELOAD = ("tests.safety.crash_writer", "sqlalchemy.dialects.sqlite.pysqlite", "sqlalchemy.dialects.postgresql.psycopg", "psycopg")
_MESSAGE = 1 << 16


class ForkedWriter:
    """A forked writer: the parts of Popen(stdout=PIPE, stderr=PIPE, text=True) the kill test uses."""

    def __init__(self, connection: socket.socket, pid: int, stdout_fd: int, stderr_fd: int) -> None:
        self._connection = connection
        self.pid = pid
        self.returncode: int | None = None
        self.stdout = open(stdout_fd, encoding="utf-8")
        self.stderr = open(stderr_fd, encoding="utf-8")

    def send_signal(self, number: int) -> None:
        if self.returncode is None:  # not reaped yet by the server: the pid is still this writer's
            os.kill(self.pid, number)

    def wait(self, timeout: float | None = None) -> int:
        """Returns once the server reaped the writer: it is gone, with every file and lock it held."""
        if self.returncode is None:
            self._connection.settimeout(timeout)
            try:
                ended = self._connection.recv(_MESSAGE)
            except TimeoutError:
                raise subprocess.TimeoutExpired(["crash_writer", str(self.pid)], timeout) from None
            if not ended:
                raise AssertionError("the writer fork server stopped")
            self.returncode = json.loads(ended)["returncode"]
        return self.returncode


class WriterForks:
    """The fork server of one test; it dies with the test process."""

    def __init__(self) -> None:
        self._connection, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._log = tempfile.TemporaryFile()
        try:
            self.process = start_child([sys.executable, "-m", "tests.safety.writer_forks", str(theirs.fileno())], cwd=ROOT,
                                       pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=self._log)
        finally:
            theirs.close()

    def start(self, path: Path | str, seed: int) -> ForkedWriter:
        (out_read, out_write), (err_read, err_write) = os.pipe(), os.pipe()
        try:
            socket.send_fds(self._connection, [json.dumps({"path": str(path), "seed": seed}).encode()], [out_write, err_write])
        finally:
            os.close(out_write)
            os.close(err_write)
        self._connection.settimeout(30)
        started = self._connection.recv(_MESSAGE)
        if not started:
            self._log.seek(0)
            raise AssertionError("the writer fork server stopped: " + self._log.read().decode(errors="replace")[-3000:])
        return ForkedWriter(self._connection, json.loads(started)["pid"], out_read, err_read)

    def stop(self) -> None:
        self._connection.close()  # the server ends at the end of its socket
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


def _become_writer(request: dict, fds: list[int]) -> None:
    """In the fork: the writer, on the test's pipes; it runs until it is killed."""
    from tests.safety.crash_writer import main

    for target, fd in zip((1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    main(request["path"], request["seed"])


def serve(connection: socket.socket) -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    while True:  # one writer at a time, as the test runs them
        message, fds, _, _ = socket.recv_fds(connection, _MESSAGE, 2)
        if not message:
            return
        pid = os.fork()
        if pid == 0:
            try:
                die_with_parent()
                connection.close()
                _become_writer(json.loads(message), fds)
            except BaseException:
                traceback.print_exc()  # onto the test's stderr pipe: the test fails on a traceback
            finally:
                os._exit(1)
        for fd in fds:
            os.close(fd)
        connection.sendall(json.dumps({"pid": pid}).encode())
        _, status = os.waitpid(pid, 0)
        connection.sendall(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}).encode())


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])))
