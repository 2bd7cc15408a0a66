"""Automatic and manual backups of the database file (sqlite3's online backup API; no Qt).

Backups live in a `backups/` folder beside the database, one self-contained SQLite file each,
named `<stem>-<UTC time>-<reason>.sqlite3`; the newest KEEP are kept. A backup is taken before
every schema migration and once a day when the app or CLI opens the database.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from goals_desktop.domain.errors import StorageError

from .errors import classify_database_error, storage_error
from .files import inspect_file, sqlite_uri, sqlite_users

KEEP = 7
FOLDER_NAME = "backups"
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    created: datetime  # UTC
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Backup
    previous_copy: Path | None  # where the file that was replaced now lives (None if there was none)


def backups_folder(database_path: Path | str) -> Path:
    return Path(database_path).parent / FOLDER_NAME


def _name_pattern(database_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(database_path.stem)}-(\d{{8}}T\d{{12}}Z)-([a-z0-9-]+)\.sqlite3$")


def list_backups(database_path: Path | str) -> list[Backup]:
    """This database's backups, newest first."""
    database_path = Path(database_path)
    folder = backups_folder(database_path)
    pattern = _name_pattern(database_path)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_file():
            created = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=timezone.utc)
            found.append(Backup(entry, created, match.group(2)))
    return sorted(found, key=lambda b: b.created, reverse=True)


def _fsync(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _copy_database(source: Path, destination: Path, busy_timeout_ms: int = 5000, verbatim: bool = False) -> None:
    """A consistent snapshot of source (even while another program writes) into a new single file.

    Only SQLite touches source (its backup API), so the locks this process holds on it stay put.
    verbatim keeps the pages exactly as read (for a damaged file set aside): no journal-mode
    change in the header, no check.
    """
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with sqlite_users.using(source):
            reader = sqlite3.connect(sqlite_uri(source, mode="ro"), uri=True, timeout=busy_timeout_ms / 1000)
            try:
                writer = sqlite3.connect(partial)
                try:
                    reader.backup(writer)
                    if not verbatim:
                        # Rollback-journal mode: the backup is one self-contained file, never a -wal beside it.
                        writer.execute("PRAGMA journal_mode = DELETE")
                        if writer.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                            raise sqlite3.DatabaseError("database disk image is malformed")
                finally:
                    writer.close()
            finally:
                reader.close()
        _fsync(partial)
        os.replace(partial, destination)
        _fsync(destination.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def create_backup(
    database_path: Path | str, reason: str = "manual", keep: int | None = KEEP, now: datetime | None = None
) -> Backup:
    """Copy the database into backups/ and keep only the newest `keep` (None: prune nothing)."""
    database_path = Path(database_path)
    if not database_path.is_file():
        raise storage_error("cannot_open", f"There is no database at {database_path} to back up.", database_path)
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    folder = backups_folder(database_path)
    destination = folder / f"{database_path.stem}-{moment.strftime(_STAMP_FORMAT)}-{reason}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy_database(database_path, destination)
    except sqlite3.Error as error:
        failure = classify_database_error(error, database_path)
        raise storage_error(failure.kind, f"No backup could be made: {failure}", database_path) from None
    except OSError as error:
        failure = classify_database_error(sqlite3.OperationalError(error.strerror or str(error)), folder)
        kind = "full" if error.errno == 28 else failure.kind
        raise storage_error(
            kind, f"No backup could be made in {folder} ({error.strerror or error}); nothing was changed.", database_path
        ) from None
    backup = Backup(destination, moment.replace(tzinfo=timezone.utc), reason)
    if keep is not None:
        prune_backups(database_path, keep)
    return backup


def prune_backups(database_path: Path | str, keep: int = KEEP) -> list[Path]:
    removed = []
    for old in list_backups(database_path)[max(keep, 1) :]:
        try:
            old.path.unlink()
            removed.append(old.path)
        except OSError:
            pass
    return removed


def daily_backup(database_path: Path | str, keep: int = KEEP, now: datetime | None = None) -> Backup | None:
    """Back up unless a backup from today (UTC) exists already; returns the new backup or None."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    if any(b.created.date() == moment.date() for b in list_backups(database_path)):
        return None
    return create_backup(database_path, reason="daily", keep=keep, now=moment)


def ensure_daily_backup(database_path: Path | str, keep: int = KEEP) -> Backup | None:
    """Called at open by the app and the CLI; a failed backup is logged, never fatal."""
    try:
        return daily_backup(database_path, keep=keep)
    except StorageError as error:
        log.warning("%s", error)
        return None


def find_backup(database_path: Path | str, name: str | Path | None = None) -> Backup:
    """The newest backup, or the one named (a path, or a file name inside backups/)."""
    database_path = Path(database_path)
    backups = list_backups(database_path)
    if name is None:
        if not backups:
            raise storage_error(
                "no_backup", f"There is no backup of {database_path} in {backups_folder(database_path)}.", database_path
            )
        return backups[0]
    wanted = Path(name)
    for backup in backups:
        if backup.path.name == wanted.name and (wanted.parent == Path(".") or wanted.resolve() == backup.path.resolve()):
            return backup
    if wanted.is_file():
        return Backup(wanted, datetime.fromtimestamp(wanted.stat().st_mtime, timezone.utc), "file")
    raise storage_error("no_backup", f"There is no backup named {str(name)[:200]!r}; list them with --list.", database_path)


def restore_backup(database_path: Path | str, backup: Backup | str | Path | None = None, database=None) -> RestoreResult:
    """Replace the database with a backup (the newest by default), keeping the current file first.

    The live file is overwritten through SQLite's backup API — through `database`'s own write
    connection (Database.restore_from) when the caller has it open — so other copies of the app see the change (their
    data_version moves) and no descriptor outside SQLite touches it. Only a damaged file that no
    SQLite connection in this process holds is set aside and replaced as a file.
    """
    database_path = Path(database_path)
    chosen = backup if isinstance(backup, Backup) else find_backup(database_path, backup)
    try:
        inspect_file(chosen.path, full=True)
    except StorageError as error:
        raise storage_error(error.kind, f"The backup {chosen.path.name} cannot be used: {error}", database_path) from None

    previous_copy: Path | None = None
    healthy = False
    if database_path.is_file() and database_path.stat().st_size > 0:
        try:
            inspect_file(database_path)
            healthy = True
        except StorageError:
            healthy = False
        if healthy:
            previous_copy = create_backup(database_path, reason="before-restore", keep=None).path
        else:
            previous_copy = _set_aside_damaged(database_path)

    if database is not None:
        database.restore_from(chosen.path)
    elif healthy or sqlite_users.has(database_path):
        try:
            with sqlite_users.using(database_path):
                source = sqlite3.connect(sqlite_uri(chosen.path, mode="ro"), uri=True)
                target = sqlite3.connect(database_path, timeout=5)
                try:
                    source.backup(target)
                finally:
                    source.close()
                    target.close()
        except sqlite3.Error as error:
            raise classify_database_error(error, database_path) from None
    else:
        partial = database_path.with_name(database_path.name + ".restoring")
        try:
            shutil.copyfile(chosen.path, partial)
            _fsync(partial)
            for stale in (Path(f"{database_path}-wal"), Path(f"{database_path}-shm")):
                stale.unlink(missing_ok=True)
            os.replace(partial, database_path)
            _fsync(database_path.parent)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise storage_error(
                "io", f"The backup could not be put in place ({error.strerror or error}); {database_path} is unchanged.", database_path
            ) from None
    return RestoreResult(chosen, previous_copy)


def _set_aside_damaged(database_path: Path) -> Path:
    """Copies of a damaged file (and its -wal) beside the backups, never listed as backups.

    Raw bytes are copied only when no SQLite connection in this process has the file open;
    otherwise SQLite's backup API copies what it can read (see db._SqliteUsers).
    """
    folder = backups_folder(database_path)
    stamp = datetime.now(timezone.utc).strftime(_STAMP_FORMAT)
    target = folder / f"{database_path.name}.{stamp}.damaged"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if sqlite_users.has(database_path):
            _copy_database(database_path, target, verbatim=True)
        else:
            shutil.copyfile(database_path, target)
            wal = Path(f"{database_path}-wal")
            if wal.exists():
                shutil.copyfile(wal, Path(f"{target}-wal"))
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or error
        raise storage_error(
            "io",
            f"The current file could not be kept aside before restoring ({reason}); nothing was changed.",
            database_path,
        ) from None
    return target
