"""Where the database lives: importable on its own (nothing of SQLite or SQLAlchemy), because the
window needs the answer before its first paint."""

from __future__ import annotations

import os
from pathlib import Path

from goals_desktop import APP_ID, ORGANIZATION

DATABASE_ENV = "GOALS_DESKTOP_DATABASE"


def default_database_path() -> Path:
    """GOALS_DESKTOP_DATABASE if set, else goals.sqlite3 in the platform's user data directory."""
    override = os.environ.get(DATABASE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_ID, ORGANIZATION)) / "goals.sqlite3"
