"""Storage: the database (an SQLite file or a PostgreSQL server), its migrations, and GoalService, the
one door every change goes through.

The names below are loaded on first use (PEP 562): SQLAlchemy takes ~0.15 s to import, and the
window reads its first goal list through storage.startup before it needs any of them.

The only other imports made inside functions in this package, each for a start-up figure or an
optional extra: Alembic (migrations/, only when a database needs migrating: `goals list` must not
load it, tests/cli/test_package.py), platformdirs (location.py, only when no database was named:
the window's first paint, bench/startup_bench.py), and psycopg (dialects.py, listen.py: the
optional `postgres` extra, loaded when a postgresql:// database is opened).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import Database
    from .location import DATABASE_ENV, default_database_path
    from .results import Change, ChangeKind, Outcome, TodosChanged
    from .service import GoalService
    from .unit import UNSET

_LAZY = {
    "Database": ".db",
    "DATABASE_ENV": ".location",
    "default_database_path": ".location",
    "Change": ".results",
    "ChangeKind": ".results",
    "Outcome": ".results",
    "TodosChanged": ".results",
    "GoalService": ".service",
    "UNSET": ".unit",
}

__all__ = [
    "DATABASE_ENV",
    "UNSET",
    "Change",
    "ChangeKind",
    "Database",
    "GoalService",
    "Outcome",
    "TodosChanged",
    "default_database_path",
    "open_service",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def open_service(path=None) -> GoalService:
    """Open (creating and migrating as needed) the database at path (or postgresql:// URL), or the default one.

    Also takes the day's automatic backup (see backup.ensure_daily_backup); both faces open here.
    """
    from .backup import ensure_daily_backup
    from .db import Database
    from .location import default_database_path
    from .service import GoalService

    database = Database(path or default_database_path())
    # A server's data is kept safe by the server's own backups (pg_dump), not by files beside it.
    if not database.created and database.is_file:
        ensure_daily_backup(database.path)
    return GoalService(database)
