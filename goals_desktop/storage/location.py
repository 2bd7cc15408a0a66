"""Where the database is: a file path or a server's URL. Importable on its own (nothing of SQLite or
SQLAlchemy), because the window needs the answer before its first paint."""

from __future__ import annotations

import os
import re
from pathlib import Path

from goals_desktop import APP_ID, ORGANIZATION

DATABASE_ENV = "GOALS_DESKTOP_DATABASE"

# Anything that starts like "scheme://" is a URL (a server), not a file name.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(target: object) -> bool:
    return isinstance(target, str) and bool(_URL.match(target.strip()))


def default_database_path() -> Path | str:
    """GOALS_DESKTOP_DATABASE if set (a path, or a postgresql:// URL), else goals.sqlite3 in the
    platform's user data directory."""
    override = os.environ.get(DATABASE_ENV, "").strip()
    if override:
        return database_target(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, ORGANIZATION)) / "goals.sqlite3"


def database_target(value: str | Path | None = None) -> Path | str:
    """What a person gave (--database, the environment, File ▸ Open): a URL stays a URL, anything
    else is a file path (with ~ expanded); nothing given means the default database."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_database_path()
    if is_url(value):
        return value.strip()
    return Path(value).expanduser()
