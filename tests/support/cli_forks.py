"""`python -m goals_desktop ARGS` for the CLI tests, without paying for Python's start each time.

Hundreds of tests run the program in a new process and read its exit status, stdout and stderr.
Of the 0.4 CPU-seconds each run took, 0.3 went to starting Python and importing the CLI with
SQLAlchemy: a sixth of the whole test run. So each pytest-xdist worker starts one server process
that imports them once (PRELOAD) and then forks for every run. The fork is a new process like any:
it runs `goals_desktop` as `python -m` does (runpy, `__main__`, sys.argv, sys.path[0]) in the run's
working folder and environment, on the run's stdin, stdout and stderr, and its exit status is the
program's. Nothing of one run reaches the next: every fork starts from the server's state, in which
no command has run.

What decides how Python itself starts (PYTHON* and the locale variables) is read when the server
starts, not per run: a run that changes them gets a new interpreter (plain subprocess.run). The
tests of the start itself (which modules a command imports, the window's start-up) call
subprocess themselves.

    run_cli(["goals", "list"], env=env)    # like subprocess.run([python, "-m", "goals_desktop", ...],
                                           #                      capture_output=True, text=True)
    start_cli(["serve", "--port", "0"])    # like Popen(..., stdout=PIPE, stderr=PIPE, text=True)
    start_module("tests.safety.crash_writer", [path, seed])   # the same, for a test's own program
    python -m tests.support.cli_forks FD   # the server, on the listening socket FD
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import runpy
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.support.children import die_with_parent, start_child

ROOT = Path(__file__).resolve().parents[2]
# The CLI, every command group, the storage stack under it, the openai SDK (the `ai` and `roadmap`
# commands) and the API with uvicorn (`serve`): what the runs import. Qt is not here: the image exports load it in the run.
# goals_desktop.storage loads its modules on first use, so the stack is named module by module, with
# both drivers and their SQLAlchemy dialects: psycopg and the postgresql dialect cost a PostgreSQL run
# ~0.11 CPU-s. Importing them opens no connection and starts no thread (a run's fork inherits neither).
PRELOAD = ("goals_desktop.cli", "goals_desktop.cli.common", "goals_desktop.storage", "openai",
           "goals_desktop.api.app", "goals_desktop.api.server",
           "goals_desktop.storage.service", "goals_desktop.storage.backup", "goals_desktop.storage.listen",
           "goals_desktop.storage.migrations", "sqlalchemy.dialects.sqlite.pysqlite")
# The PostgreSQL driver is an optional extra of the app: without it the runs import nothing more.
OPTIONAL_PRELOAD = ("psycopg", "sqlalchemy.dialects.postgresql.psycopg")
# Read by Python (or the C library) while the interpreter starts: a run that sets them differently
# from the server's environment needs an interpreter of its own.
_START_VARIABLES = ("PYTHON", "LANG", "LC_")
_MESSAGE = 1 << 20
# fork, pidfd_open and the parent-death signal: Linux. Elsewhere every run is a new interpreter.
FORKS = sys.platform.startswith("linux")


def _reads_at_start(name: str) -> bool:
    return name.startswith(_START_VARIABLES)


def _start_environment(env: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if _reads_at_start(name)}


# -- the client (in the pytest worker) ------------------------------------------------------------

class _Server:
    """The forking server of this worker: started at the first run, stopped with the session."""

    def __init__(self) -> None:
        self.address = f"\0goals-desktop-cli-forks-{os.getpid()}-{id(self)}"  # abstract: no file left behind
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        listener.bind(self.address)
        listener.listen(16)
        self.environment = _start_environment(os.environ)
        self.log = tempfile.TemporaryFile()
        try:
            self.process = start_child([sys.executable, "-m", "tests.support.cli_forks", str(listener.fileno())],
                                       cwd=ROOT, pass_fds=(listener.fileno(),), stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=self.log)
        finally:
            listener.close()

    def fits(self, env: Mapping[str, str]) -> bool:
        return _start_environment(env) == self.environment

    def failure(self) -> str:
        self.log.seek(0)
        return f"the CLI fork server stopped (exit status {self.process.poll()}): " + self.log.read().decode(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.log.close()


_server: _Server | None = None
_lock = threading.Lock()


def _the_server() -> _Server:
    global _server
    with _lock:
        if _server is None or _server.process.poll() is not None:
            _server = _Server()
            atexit.register(_server.stop)
        return _server


def stop_server() -> None:
    global _server
    with _lock:
        if _server is not None:
            _server.stop()
            _server = None


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _decoded(data: bytes, text: bool) -> str | bytes:
    # As subprocess.run(text=True) reads a pipe: the locale's encoding, universal newlines.
    return data.decode().replace("\r\n", "\n").replace("\r", "\n") if text else data


def run_cli(args: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: str | os.PathLike | None = None,
            input: str | bytes | None = None, text: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m goals_desktop *args` to its end, as subprocess.run(..., capture_output=True) runs it."""
    argv = [sys.executable, "-m", "goals_desktop", *args]
    env = dict(os.environ if env is None else env)
    server = _the_server() if FORKS else None
    if server is None or not server.fits(env):
        return subprocess.run(argv, env=env, cwd=cwd, input=input, capture_output=True, text=text, timeout=timeout)
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        if input is not None:
            stdin.write(input.encode() if isinstance(input, str) else input)
            stdin.seek(0)
        # Without input the program reads what a subprocess would: this process's standard input.
        fds = [stdin.fileno() if input is not None or not _is_open(0) else 0, stdout.fileno(), stderr.fileno()]
        with _request(server, args, env, cwd, fds) as connection:
            connection.settimeout(timeout)
            try:
                started = connection.recv(_MESSAGE)
                if not started:
                    raise AssertionError(server.failure())
                pid = json.loads(started)["pid"]
                try:
                    ended = connection.recv(_MESSAGE)
                except TimeoutError:
                    os.kill(pid, signal.SIGKILL)
                    connection.settimeout(None)
                    connection.recv(_MESSAGE)  # the server has reaped it
                    raise subprocess.TimeoutExpired(argv, timeout) from None
            except TimeoutError:
                raise subprocess.TimeoutExpired(argv, timeout) from None
        if not ended:
            raise AssertionError(server.failure())
        stdout.seek(0)
        stderr.seek(0)
        return subprocess.CompletedProcess(argv, json.loads(ended)["returncode"],
                                           _decoded(stdout.read(), text), _decoded(stderr.read(), text))


def _request(server: _Server, args: Sequence[str], env: Mapping[str, str], cwd, fds: Sequence[int],
             module: str = "goals_desktop") -> socket.socket:
    request = {"module": module, "args": list(args), "env": dict(env),
               "cwd": os.path.abspath(cwd if cwd is not None else os.getcwd())}
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    connection.connect(server.address)
    socket.send_fds(connection, [json.dumps(request).encode()], fds)
    return connection


class ForkedProcess:
    """`python -m MODULE ARGS` still running, forked as run_cli's runs are: what a test that
    signals it or reads it as it runs uses of subprocess.Popen(stdout=PIPE, stderr=PIPE, text=True)."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str], server: _Server, module: str = "goals_desktop",
                 cwd: str | os.PathLike | None = None) -> None:
        self.args = [sys.executable, "-m", module, *args]
        self.returncode: int | None = None
        (out_read, out_write), (err_read, err_write) = os.pipe(), os.pipe()
        null = os.open(os.devnull, os.O_RDONLY)
        try:
            self._connection = _request(server, args, env, cwd, [null, out_write, err_write], module)
        finally:
            for fd in (null, out_write, err_write):
                os.close(fd)
        self.stdout, self.stderr = open(out_read, encoding="utf-8"), open(err_read, encoding="utf-8")
        started = self._connection.recv(_MESSAGE)
        if not started:
            raise AssertionError(server.failure())
        self.pid = json.loads(started)["pid"]

    def send_signal(self, number: int) -> None:
        if self.returncode is None:  # not reaped yet by the server: the pid is still this process's
            os.kill(self.pid, number)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self._connection.settimeout(timeout)
            try:
                ended = self._connection.recv(_MESSAGE)
            except TimeoutError:
                raise subprocess.TimeoutExpired(self.args, timeout) from None
            self.returncode = json.loads(ended)["returncode"]
            self._connection.close()
        return self.returncode

    def poll(self) -> int | None:
        try:
            return self.wait(0)
        except subprocess.TimeoutExpired:
            return None

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        deadline = None if timeout is None else time.monotonic() + timeout
        read: dict[str, str] = {}
        readers = [threading.Thread(target=lambda name=name, stream=stream: read.__setitem__(name, stream.read()), daemon=True)
                   for name, stream in (("out", self.stdout), ("err", self.stderr))]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
            if reader.is_alive():
                raise subprocess.TimeoutExpired(self.args, timeout)
        self.wait(None if deadline is None else max(0.0, deadline - time.monotonic()))
        self.stdout.close()
        self.stderr.close()
        return read["out"], read["err"]


def start_cli(args: Sequence[str], *, env: Mapping[str, str] | None = None) -> ForkedProcess | subprocess.Popen:
    """`python -m goals_desktop *args` started, as Popen(..., stdout=PIPE, stderr=PIPE, text=True)
    starts it; it ends with the worker if the run is killed."""
    env = dict(os.environ if env is None else env)
    server = _the_server() if FORKS else None
    if server is None or not server.fits(env):
        return start_child([sys.executable, "-m", "goals_desktop", *args], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    return ForkedProcess(args, env, server)


def start_module(module: str, args: Sequence[str], *, cwd: str | os.PathLike | None = None) -> ForkedProcess | subprocess.Popen:
    """`python -m MODULE *args` (a test's own program, e.g. tests.safety.crash_writer) started as
    start_cli starts the CLI: a fork of the server, whose preloads it shares, or a new interpreter."""
    server = _the_server() if FORKS else None
    if server is None:
        return start_child([sys.executable, "-m", module, *args], cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    return ForkedProcess(args, os.environ, server, module, cwd)


def pytest_unconfigure(config) -> None:
    stop_server()


# -- the server and its forks ---------------------------------------------------------------------

def _exit_status(code: object) -> int:
    """What Python makes of SystemExit(code) at the end of a program."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run_program(request: dict, fds: list[int]) -> int:
    """In the fork: become `python -m MODULE ARGS` in the run's folder, environment and files."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path[0] = os.getcwd()  # what `python -m` puts first
    sys.argv = ["-m", *request["args"]]  # runpy sets argv[0] to the module's file, as `-m` does
    try:
        runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
        status = 0
    except SystemExit as stop:
        status = _exit_status(stop.code)
    except BaseException:
        traceback.print_exc()  # what Python prints for an uncaught exception
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            status = status or 120  # Python's status when flushing stdout at exit fails
    return status


def _fork(connection: socket.socket, closing: Sequence[int]) -> int | None:
    message, fds, _, _ = socket.recv_fds(connection, _MESSAGE, 3)
    if not message:
        return None
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            die_with_parent()  # a run still going (a server) ends with the fork server
            for fd in closing:
                os.close(fd)
            status = _run_program(json.loads(message), fds)
        finally:
            os._exit(status)
    for fd in fds:
        os.close(fd)
    connection.sendall(json.dumps({"pid": pid}).encode())
    return pid


def serve(listener: socket.socket) -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    for name in OPTIONAL_PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    from goals_desktop.cli import GROUPS

    for name in GROUPS.values():
        importlib.import_module(name)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    while True:
        for key, _ in selector.select():
            if key.fileobj is listener:
                connection, _ = listener.accept()
                others = [other for other in selector.get_map().values() if other.fileobj is not listener]
                closing = [listener.fileno(), connection.fileno(), selector.fileno(),
                           *(other.fd for other in others), *(other.data[1].fileno() for other in others)]
                pid = _fork(connection, closing)
                if pid is None:
                    connection.close()
                    continue
                selector.register(os.pidfd_open(pid), selectors.EVENT_READ, (pid, connection))
            else:
                pid, connection = key.data
                selector.unregister(key.fileobj)
                os.close(key.fd)
                _, wait_status = os.waitpid(pid, 0)
                try:
                    connection.sendall(json.dumps({"returncode": os.waitstatus_to_exitcode(wait_status)}).encode())
                except OSError:
                    pass  # the test gave up on it (timeout)
                connection.close()


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])))
