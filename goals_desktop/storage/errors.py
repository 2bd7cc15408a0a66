"""What can go wrong with a database (file or server), as one StorageError: a kind and one sentence with a way forward."""

from __future__ import annotations

from pathlib import Path

from goals_desktop.domain.errors import StorageError

# What a window can offer for each kind of StorageError, best first (the window words them).
ERROR_KINDS = {
    "corrupt": ("restore_backup", "open_other", "quit"),
    "not_database": ("open_other", "restore_backup", "quit"),
    "newer": ("update_app", "open_other", "quit"),
    "readonly": ("open_other", "quit"),
    "full": ("retry", "quit"),
    "locked": ("retry", "open_other", "quit"),
    "cannot_open": ("open_other", "quit"),
    "io": ("retry", "restore_backup", "quit"),
    "no_backup": ("open_other", "quit"),
    # A database server: not reachable (down, network), or the login was refused.
    "offline": ("retry", "open_other", "quit"),
    "auth": ("retry", "open_other", "quit"),
    "other": ("retry", "open_other", "quit"),
}


def storage_error(kind: str, message: str, path: Path | str | None = None) -> StorageError:
    return StorageError(message, kind=kind, path=path, actions=ERROR_KINDS.get(kind, ERROR_KINDS["other"]))


def classify_database_error(error: BaseException, path: Path | str | None = None) -> StorageError:
    """One StorageError (kind + one sentence with a way forward) from whatever sqlite3/SQLAlchemy raised."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    where = f" ({path})" if path else ""
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return storage_error(
            "corrupt",
            f"The database file{where} is damaged or is not a Goals Desktop database; "
            "restore it from a backup or open another file.",
            path,
        )
    if "readonly" in text or "read-only" in text:
        return storage_error(
            "readonly",
            f"The database file{where} is read-only, so changes cannot be saved; "
            "copy it to a writable folder or open another file.",
            path,
        )
    if "full" in text:
        return storage_error(
            "full", f"The disk holding the database{where} is full; nothing was changed — free some space and try again.", path
        )
    if "locked" in text or "busy" in text:
        return storage_error(
            "locked", f"The database{where} is busy in another program; nothing was changed — try again in a moment.", path
        )
    if "unable to open" in text:
        return storage_error(
            "cannot_open",
            f"The database file{where} cannot be opened; check that its folder exists and is writable, or open another file.",
            path,
        )
    if "disk i/o" in text:
        return storage_error(
            "io", f"The disk reported an error while using the database{where}; nothing was changed — try again.", path
        )
    first_line = (str(original).splitlines() or [type(original).__name__])[0]
    return storage_error("other", f"The database{where} could not be used ({first_line}); nothing was changed.", path)
