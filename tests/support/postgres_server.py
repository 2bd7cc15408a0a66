"""A real PostgreSQL server for tests and benchmarks, from the `pgserver` wheel's binaries.

pgserver's own `get_server` leaves the server running when the test process is SIGKILLed, so we
run its `initdb` and `postgres` ourselves: the postmaster gets `PR_SET_PDEATHSIG` (SIGKILL when
the process that started it dies, however it dies) and its backends follow their postmaster.
Every server lives in a temp folder named after the owning pid; `reap_leftovers()` removes the
folders (and any server still in them) of owners that are gone, e.g. after a power-off.

    python -m tests.support.postgres_server      # start one, print its URL, stop on Ctrl+C
"""

from __future__ import annotations

import ctypes
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

PREFIX = "goals-pg-"
SUPERUSER = "postgres"
# A role that must give a password (scram), for the tests that check passwords are never kept.
PASSWORD_ROLE = "goals_secret"
_PR_SET_PDEATHSIG = 1
_OWNER = re.compile(rf"^{re.escape(PREFIX)}(\d+)-")


class ServerUnavailable(RuntimeError):
    """pgserver is not installed (or cannot run here); the message says why in one sentence."""


def binaries() -> Path:
    """pgserver's bin folder, found without importing pgserver (its import starts more than we need)."""
    import importlib.util

    spec = importlib.util.find_spec("pgserver")
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin" if spec else None
    if folder is None or not (folder / "postgres").exists():
        raise ServerUnavailable("pgserver is not installed (it has wheels for CPython 3.12 and older); pip install '.[test]'")
    return folder


def _die_with_parent(uid: int | None, gid: int | None):
    libc = ctypes.CDLL(None, use_errno=True)

    def preexec() -> None:
        if uid is not None:
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
        # After setuid: changing credentials clears the parent-death signal.
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # The parent may have died between fork and prctl: then nobody would ever kill us.
        if os.getppid() == 1:
            os._exit(1)

    return preexec


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _postgres_pids_in(folder: Path) -> list[int]:
    """Pids of postgres processes whose command line names folder (their data directory)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmdline and cmdline[0].endswith(b"postgres") and any(str(folder).encode() in part for part in cmdline):
            found.append(int(entry.name))
    return found


def reap_leftovers(base: Path | None = None) -> list[Path]:
    """Stop servers and remove folders whose owning process is gone; returns the folders removed."""
    base = Path(base or tempfile.gettempdir())
    removed = []
    for folder in base.glob(f"{PREFIX}*"):
        match = _OWNER.match(folder.name)
        if not match or _pid_alive(int(match.group(1))):
            continue
        for pid in _postgres_pids_in(folder):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _runs_as(bin_folder: Path, uid: int | None, gid: int | None) -> bool:
    try:
        done = subprocess.run(
            [str(bin_folder / "postgres"), "--version"], capture_output=True, preexec_fn=_die_with_parent(uid, gid), timeout=30
        )
    except OSError:
        return False
    return done.returncode == 0


def binaries_for(uid: int | None, gid: int | None) -> Path:
    """pgserver's binaries, or, when the account postgres runs as cannot reach them (a virtualenv
    under a private home folder, say), a copy of them in the shared temp folder, made once."""
    folder = binaries()
    if uid is None or _runs_as(folder, uid, gid):
        return folder
    install = folder.parent  # .../site-packages/pgserver/pginstall
    site = install.parent.parent
    version = (install / "bin" / "pg_config").stat().st_size  # tells pgserver releases apart well enough
    copy = Path(tempfile.gettempdir()) / f"goals-desktop-pginstall-{version}"
    # The same layout as in site-packages: the binaries find their libraries at $ORIGIN/../../../pgserver.libs.
    copied_bin = copy / "pgserver" / "pginstall" / "bin"
    if not _runs_as(copied_bin, uid, gid) or not (copy / "pgserver.libs").is_dir():
        partial = Path(tempfile.mkdtemp(prefix="goals-desktop-pginstall-partial-"))
        shutil.copytree(install, partial / "pgserver" / "pginstall", symlinks=True)
        if (site / "pgserver.libs").is_dir():
            shutil.copytree(site / "pgserver.libs", partial / "pgserver.libs", symlinks=True)
        for path in [partial, *partial.rglob("*")]:
            if not path.is_symlink():
                mode = path.stat().st_mode
                path.chmod(mode | (0o055 if path.is_dir() or mode & 0o100 else 0o044))
        shutil.rmtree(copy, ignore_errors=True)
        os.replace(partial, copy)
    return copied_bin


class PostgresServer:
    """One postgres in a temp folder, reachable only through a unix socket in that folder."""

    def __init__(self, base: Path | None = None, durable: bool = False) -> None:
        binaries()  # fails early (ServerUnavailable), before anything is made
        # Short path: a unix socket path must stay under ~107 bytes.
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log_path = self.root / "postgres.log"
        self.durable = durable
        self.process: subprocess.Popen | None = None
        self._uid = self._gid = None
        if os.geteuid() == 0:
            # postgres refuses to run as root: run it as nobody, in a folder nobody owns.
            account = pwd.getpwnam("nobody")
            self._uid, self._gid = account.pw_uid, account.pw_gid
            os.chown(self.root, self._uid, self._gid)
            self.root.chmod(0o755)
        self.bin = binaries_for(self._uid, self._gid)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            preexec_fn=_die_with_parent(self._uid, self._gid),
            timeout=120,
        )

    def start(self, timeout: float = 30.0) -> PostgresServer:
        try:
            self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-sync")
        except subprocess.CalledProcessError as error:
            raise ServerUnavailable(f"initdb failed: {error.stderr.decode(errors='replace').strip()[:300]}") from None
        # Trust for the superuser; a password (scram) for PASSWORD_ROLE.
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"local all {PASSWORD_ROLE} scram-sha-256\nlocal all all trust\n")
        options = ["-c", "listen_addresses=", "-c", f"unix_socket_directories={self.socket_dir}", "-c", "max_connections=200"]
        if not self.durable:
            # Test data need not survive a power cut; a crashing client is what the tests exercise.
            options += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        log = open(self.log_path, "ab")
        try:
            self.process = subprocess.Popen(
                [str(self.bin / "postgres"), "-D", str(self.data), *options],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                preexec_fn=_die_with_parent(self._uid, self._gid),
                start_new_session=True,  # Ctrl+C in a terminal reaches pytest, which stops us in order
            )
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while not self._ready():
            if self.process.poll() is not None:
                raise ServerUnavailable(f"postgres exited at start: {self.log_path.read_text(errors='replace')[-300:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise ServerUnavailable(f"postgres did not start within {timeout:.0f} s")
            time.sleep(0.02)
        self.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN CREATEDB PASSWORD 'correct horse'")
        return self

    def _ready(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(self.conninfo("postgres"), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"host={self.socket_dir} dbname={dbname} user={user}"

    def url(self, dbname: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        """A libpq URL (what a person types): postgresql://user@/dbname?host=/socket/folder."""
        auth = f"{user}:{password}" if password else user
        return f"postgresql://{auth}@/{dbname}?host={self.socket_dir}"

    def execute(self, *statements: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.conninfo(dbname), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def create_database(self, name: str, template: str | None = None) -> str:
        clause = f" TEMPLATE {template}" if template else ""
        self.execute(f'CREATE DATABASE "{name}"{clause}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: clients are cut, nothing waits
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


if __name__ == "__main__":
    reap_leftovers()
    with PostgresServer(durable=True) as server:
        print(server.url(), flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
